#!/usr/bin/python3
"""The peers of the investment pipeline's figures benchmark (issue #6).

The figures of the year 2025-01-01 .. 2025-12-31 by park (docs/metrics.md, "The figures
of a period"), from bench_pipeline's CSV files. The benchmark's data has no corrections
(no step back, no reopening, 终止 only as a project's last event), so the replay the
peers do is: the entry day of line stage s (1 线索 .. 9 升规入统) is the earliest day of an
event at a stage >= s (and <= 9) - a skip fills the stages it passes - and the day is
recorded (not filled in) when an event names s; the 终止 day is the 终止 event's. (pandas
gets there by giving each event the stages from its project's previous event's + 1 to
its own, which on this data is the same thing; SQL by the MIN over a join with the
stages.) Then, per park:
  projects          projects with an event by `to`
  entered_s         projects whose day for s (10: 终止) is in the period
  held_s            the stage held at `to`: the last line stage entered by then, or 10
                    when dropped by then
  signed_value      Σ contract of those signed in the period (entered_3), signed_unvalued
                    those without one; band_0..5 their size bands
  funds_fixed/_working  Σ funds in the period's months
  signed_funds_valued   Σ funds up to `to`'s month of those signed in the period that
                    have a contract value
  signed_started / _producing / _dropped  of those signed in the period: entered 开工
                    (6) / 竣工投产 (7) by `to`, dropped by `to`
  rate_funds = signed_funds_valued / signed_value, rate_started = signed_started /
  entered_3, rate_producing likewise (NaN when the denominator is 0)
  days_n_k, days_mean_k (k 1..8): over the projects whose day for k+1 is in the period
                    and whose days for k and k+1 are both recorded: their count and the
                    mean of the days between
Every peer's figures must equal bench_pipeline's reference (pl_ref.csv; counts exactly,
sums and means within 1e-9 relative) or the run fails (exit 1). Loading is not timed
(pandas: the CSV read, the days turned into day numbers; SQL: the tables filled).

usage:
  pipeline_peers.py pandas   DIR RUNS
  pipeline_peers.py sqlite   DIR RUNS
  pipeline_peers.py pgload   PGHOST PGPORT DIR
  pipeline_peers.py postgres PGHOST PGPORT DIR RUNS
DIR: bench_pipeline --dir. Prints "BEST MEDIAN" (seconds) on stdout, the rest on
stderr. Debian's python3 (python3-pandas, python3-psycopg2).
"""
import csv
import datetime
import math
import sqlite3
import statistics
import sys
import time

NPARK = 50
FROM, TO = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
FROM_M, TO_M = 202501, 202512
EPOCH = datetime.date(1970, 1, 1)
D_FROM, D_TO = (FROM - EPOCH).days, (TO - EPOCH).days
BANDS = [10000, 50000, 100000, 200000]

COLS = (["projects"] + ["entered_%d" % k for k in range(1, 11)]
        + ["held_%d" % k for k in range(1, 11)]
        + ["signed_value", "signed_unvalued"] + ["band_%d" % b for b in range(6)]
        + ["funds_fixed", "funds_working", "signed_funds_valued", "signed_started",
           "signed_producing", "signed_dropped", "rate_funds", "rate_started", "rate_producing"]
        + [c for k in range(1, 9) for c in ("days_n_%d" % k, "days_mean_%d" % k)])


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def read_ref(d):
    with open(d + "/pl_ref.csv", newline="") as f:
        rows = {r["park"]: r for r in csv.DictReader(f)}
    return {g: {c: float(rows[str(g)][c]) for c in COLS} for g in range(NPARK)}


def compare(name, got):
    """got: {park: {col: value}}; exit 1 on a difference from the reference."""
    ref = read_ref(DIR)
    bad = 0
    for g in range(NPARK):
        for c in COLS:
            a, b = float(got.get(g, {}).get(c, 0.0)), ref[g][c]
            if math.isnan(a) and math.isnan(b):
                continue
            integral = not (c.startswith("rate") or c.startswith("days_mean") or c.startswith("funds")
                            or c in ("signed_value", "signed_funds_valued"))
            ok = a == b if integral else abs(a - b) <= 1e-9 * max(abs(b), 1.0)
            if not ok:
                bad += 1
                if bad <= 10:
                    log("%s: park %d %s: %r, bench_pipeline %r" % (name, g, c, a, b))
    if bad:
        sys.exit("pipeline_peers: %s: %d figures differ from bench_pipeline's" % (name, bad))
    log("%s: the %d parks' %d figures equal bench_pipeline's" % (name, NPARK, len(COLS)))


def report(name, times):
    log("%s: %s s" % (name, " ".join("%.3f" % t for t in times)))
    print("%.6f %.6f" % (min(times), statistics.median(times)))


def ratio(a, b):
    return a / b if b > 0 else math.nan


def finish(r):
    """Rates and means from the sums, in place."""
    r["rate_funds"] = ratio(r["signed_funds_valued"], r["signed_value"])
    r["rate_started"] = ratio(r["signed_started"], r["entered_3"])
    r["rate_producing"] = ratio(r["signed_producing"], r["entered_3"])
    for k in range(1, 9):
        n = r.get("days_n_%d" % k, 0)
        r["days_mean_%d" % k] = r.get("days_sum_%d" % k, 0) / n if n else math.nan
    return r


# ---- pandas --------------------------------------------------------------------------

def pandas_load(d):
    import pandas as pd
    ev = pd.read_csv(d + "/pl_events.csv", parse_dates=["day"])
    ev["d"] = (ev["day"] - pd.Timestamp("1970-01-01")).dt.days.astype("int64")
    ev = ev.drop(columns="day")
    pr = pd.read_csv(d + "/pl_projects.csv")
    fu = pd.read_csv(d + "/pl_funds.csv")
    return ev, pr, fu


def pandas_figures(ev, pr, fu):
    import numpy as np
    import pandas as pd
    line = ev[ev.stage <= 9]
    prev = line.groupby("project").stage.shift(fill_value=0)
    ent = line.loc[line.index.repeat(line.stage - prev)].copy()
    ent["s"] = prev.loc[ent.index] + 1 + ent.groupby(level=0).cumcount()
    ent["rec"] = ent.s == ent.stage
    day = ent.pivot(index="project", columns="s", values="d").reindex(
        index=pr.project, columns=range(1, 10))
    rec = ent.pivot(index="project", columns="s", values="rec").reindex(
        index=pr.project, columns=range(1, 10)).fillna(False).astype(bool)
    drop = ev[ev.stage == 10].set_index("project").d.reindex(pr.project)
    park = pr.park.values
    inp = (day >= D_FROM) & (day <= D_TO)
    upto = day <= D_TO
    line_at = upto.sum(axis=1).values          # the days are non-decreasing along the line
    dropped = (drop <= D_TO).values
    signed = inp[3].values
    contract = pr.contract.values
    p = pd.DataFrame({"park": park, "counted": line_at > 0, "signed": signed,
                      "valued": signed & ~np.isnan(contract),
                      "unvalued": signed & np.isnan(contract),
                      "value": np.where(signed & ~np.isnan(contract), contract, 0.0),
                      "started": signed & upto[6].values, "producing": signed & upto[7].values,
                      "sdropped": signed & dropped,
                      "band": np.where(np.isnan(contract), 5, np.searchsorted(BANDS, contract, "right")),
                      "held": np.where(dropped, 10, line_at),
                      "entered_10": ((drop >= D_FROM) & (drop <= D_TO)).values})
    for k in range(1, 10):
        p["entered_%d" % k] = inp[k].values
    for k in range(1, 9):
        ok = (inp[k + 1] & rec[k] & rec[k + 1]).values
        p["days_n_%d" % k] = ok
        p["days_sum_%d" % k] = np.where(ok, (day[k + 1] - day[k]).values, 0)
    g = p.groupby("park")
    out = g[["entered_%d" % k for k in range(1, 11)] + ["days_n_%d" % k for k in range(1, 9)]
            + ["days_sum_%d" % k for k in range(1, 9)]].sum()
    out["projects"] = g.counted.sum()
    out["signed_value"] = g.value.sum()
    out["signed_unvalued"] = g.unvalued.sum()
    out["signed_started"] = g.started.sum()
    out["signed_producing"] = g.producing.sum()
    out["signed_dropped"] = g.sdropped.sum()
    held = p[p.counted].groupby(["park", "held"]).size().unstack(fill_value=0)
    for k in range(1, 11):
        out["held_%d" % k] = held[k] if k in held else 0
    band = p[p.signed].groupby(["park", "band"]).size().unstack(fill_value=0)
    for b in range(6):
        out["band_%d" % b] = band[b] if b in band else 0
    fp = fu.merge(pd.DataFrame({"project": pr.project, "park": park, "valued": p.valued}),
                  on="project")
    inm = fp[(fp.month >= FROM_M) & (fp.month <= TO_M)].groupby("park")
    out["funds_fixed"] = inm.fixed.sum()
    out["funds_working"] = inm.working.sum()
    sv = fp[fp.valued & (fp.month <= TO_M)]
    out["signed_funds_valued"] = (sv.fixed + sv.working).groupby(sv.park).sum()
    out = out.fillna(0)
    return {int(g): finish(r) for g, r in out.to_dict("index").items()}


def pandas_peer(runs):
    import pandas as pd
    t0 = time.perf_counter()
    ev, pr, fu = pandas_load(DIR)
    log("pandas %s: %d events, %d projects, %d fund rows loaded in %.1f s (not timed)"
        % (pd.__version__, len(ev), len(pr), len(fu), time.perf_counter() - t0))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        got = pandas_figures(ev, pr, fu)
        times.append(time.perf_counter() - t)
    compare("pandas", got)
    report("pandas", times)


# ---- SQL -----------------------------------------------------------------------------

def sql_steps(f, t):
    """The statements of one computation; f and t the period's first and last day as SQL
    literals (a day number on SQLite, a DATE on PostgreSQL)."""
    cnt = lambda c: "SUM(CASE WHEN %s THEN 1 ELSE 0 END)" % c
    ent = ("CREATE TEMP TABLE ent AS SELECT e.project, s.s, MIN(e.day) AS day, "
           "MAX(CASE WHEN e.stage = s.s THEN 1 ELSE 0 END) AS rec "
           "FROM ev e JOIN st s ON s.s <= e.stage WHERE e.stage <= 9 GROUP BY e.project, s.s")
    pj = ("CREATE TEMP TABLE pj AS SELECT p.project, p.park, p.contract, x.line_at, x.signed_in, "
          "x.started, x.producing, CASE WHEN d.day <= {t} THEN 1 ELSE 0 END AS dropped, "
          "d.day AS dday FROM pr p JOIN (SELECT project, "
          "MAX(CASE WHEN day <= {t} THEN s END) AS line_at, "
          "MAX(CASE WHEN s = 3 AND day BETWEEN {f} AND {t} THEN 1 ELSE 0 END) AS signed_in, "
          "MAX(CASE WHEN s = 6 AND day <= {t} THEN 1 ELSE 0 END) AS started, "
          "MAX(CASE WHEN s = 7 AND day <= {t} THEN 1 ELSE 0 END) AS producing "
          "FROM ent GROUP BY project) x ON x.project = p.project "
          "LEFT JOIN ev d ON d.project = p.project AND d.stage = 10").format(f=f, t=t)
    band = ("CASE WHEN contract IS NULL THEN 5 WHEN contract < 10000 THEN 0 WHEN contract < 50000 "
            "THEN 1 WHEN contract < 100000 THEN 2 WHEN contract < 200000 THEN 3 ELSE 4 END")
    projects = ("SELECT park, COUNT(*), "
                + ", ".join(cnt("dropped = 0 AND line_at = %d" % k) for k in range(1, 10))
                + ", SUM(dropped), " + cnt("dday BETWEEN {f} AND {t}")
                + ", COALESCE(SUM(CASE WHEN signed_in = 1 THEN contract END), 0), "
                + cnt("signed_in = 1 AND contract IS NULL") + ", "
                + ", ".join(cnt("signed_in = 1 AND %s = %d" % (band, b)) for b in range(6))
                + ", SUM(signed_in * started), SUM(signed_in * producing), SUM(signed_in * dropped)"
                " FROM pj WHERE line_at IS NOT NULL GROUP BY park").format(f=f, t=t)
    entered = ("SELECT p.park, n.s, COUNT(*) FROM ent n JOIN pr p ON p.project = n.project "
               "WHERE n.day BETWEEN {f} AND {t} GROUP BY p.park, n.s").format(f=f, t=t)
    days = ("SELECT p.park, a.s, COUNT(*), SUM(b.day - a.day) FROM ent a "
            "JOIN ent b ON b.project = a.project AND b.s = a.s + 1 "
            "JOIN pr p ON p.project = a.project "
            "WHERE b.day BETWEEN {f} AND {t} AND a.rec = 1 AND b.rec = 1 "
            "GROUP BY p.park, a.s").format(f=f, t=t)
    funds = ("SELECT p.park, "
             "SUM(CASE WHEN u.month BETWEEN %d AND %d THEN u.fixed ELSE 0 END), "
             "SUM(CASE WHEN u.month BETWEEN %d AND %d THEN u.working ELSE 0 END), "
             "SUM(CASE WHEN p.signed_in = 1 AND p.contract IS NOT NULL AND u.month <= %d "
             "THEN u.fixed + u.working ELSE 0 END) "
             "FROM fu u JOIN pj p ON p.project = u.project GROUP BY p.park"
             % (FROM_M, TO_M, FROM_M, TO_M, TO_M))
    return ent, pj, projects, entered, days, funds


def sql_figures(execute, analyze, f, t):
    ent, pj, projects, entered, days, funds = sql_steps(f, t)
    execute(ent)
    analyze("ent")
    execute(pj)
    analyze("pj")
    out = {g: {} for g in range(NPARK)}
    names = (["projects"] + ["held_%d" % k for k in range(1, 11)] + ["entered_10", "signed_value",
             "signed_unvalued"] + ["band_%d" % b for b in range(6)]
             + ["signed_started", "signed_producing", "signed_dropped"])
    for row in execute(projects):
        out[row[0]].update(zip(names, row[1:]))
    for g, s, n in execute(entered):
        out[g]["entered_%d" % s] = n
    for g, k, n, tot in execute(days):
        out[g]["days_n_%d" % k] = n
        out[g]["days_sum_%d" % k] = tot
    for g, fx, wk, sv in execute(funds):
        out[g].update(funds_fixed=fx, funds_working=wk, signed_funds_valued=sv)
    execute("DROP TABLE ent")
    execute("DROP TABLE pj")
    for r in out.values():
        for c in COLS:
            r.setdefault(c, 0)
        finish(r)
    return out


def run_sql(name, execute, analyze, runs, f, t):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        got = sql_figures(execute, analyze, f, t)
        times.append(time.perf_counter() - t0)
    compare(name, got)
    report(name, times)


def days_of(s):
    return (datetime.date.fromisoformat(s) - EPOCH).days


def rows(path, conv):
    with open(path, newline="") as f:
        rd = csv.reader(f)
        next(rd)
        for r in rd:
            yield tuple(c(x) for c, x in zip(conv, r))


def opt_float(x):
    return float(x) if x else None


TABLES = ["CREATE TABLE ev (project INTEGER NOT NULL, stage INTEGER NOT NULL, day %s NOT NULL)",
          "CREATE TABLE pr (project INTEGER PRIMARY KEY, park INTEGER NOT NULL, "
          "contract DOUBLE PRECISION)",
          "CREATE TABLE fu (project INTEGER NOT NULL, month INTEGER NOT NULL, "
          "fixed DOUBLE PRECISION NOT NULL, working DOUBLE PRECISION NOT NULL)",
          "CREATE TABLE st (s INTEGER PRIMARY KEY)"]


def sqlite_peer(runs):
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -2000000")
    t0 = time.perf_counter()
    for q in TABLES:
        con.execute(q % "INTEGER" if "%s" in q else q)
    con.executemany("INSERT INTO ev VALUES (?, ?, ?)", rows(DIR + "/pl_events.csv", (int, int, days_of)))
    con.executemany("INSERT INTO pr VALUES (?, ?, ?)", rows(DIR + "/pl_projects.csv", (int, int, opt_float)))
    con.executemany("INSERT INTO fu VALUES (?, ?, ?, ?)", rows(DIR + "/pl_funds.csv", (int, int, float, float)))
    con.executemany("INSERT INTO st VALUES (?)", [(k,) for k in range(1, 10)])
    con.execute("CREATE INDEX ev_project ON ev (project, stage)")
    con.commit()
    con.execute("ANALYZE")
    log("SQLite %s: loaded in %.1f s (not timed)" % (sqlite3.sqlite_version, time.perf_counter() - t0))
    run_sql("SQLite", lambda q: con.execute(q).fetchall(), lambda tb: con.execute("ANALYZE " + tb),
            runs, str(D_FROM), str(D_TO))


def pg_connect(host, port):
    import psycopg2
    return psycopg2.connect(host=host, port=int(port), user="bench", dbname="postgres")


def pg_load(host, port):
    con = pg_connect(host, port)
    cur = con.cursor()
    t0 = time.perf_counter()
    for q in TABLES:
        cur.execute((q % "DATE" if "%s" in q else q).replace("CREATE TABLE", "CREATE UNLOGGED TABLE"))
    for tb, fn in (("ev", "pl_events.csv"), ("pr", "pl_projects.csv"), ("fu", "pl_funds.csv")):
        with open(DIR + "/" + fn) as f:
            cur.copy_expert("COPY %s FROM STDIN (FORMAT csv, HEADER true)" % tb, f)
    cur.execute("INSERT INTO st SELECT generate_series(1, 9)")
    cur.execute("CREATE INDEX ev_project ON ev (project, stage)")
    con.commit()
    con.autocommit = True
    cur.execute("VACUUM ANALYZE")
    log("PostgreSQL: COPY and VACUUM ANALYZE %.1f s (not timed)" % (time.perf_counter() - t0))
    con.close()


def pg_peer(host, port, runs):
    con = pg_connect(host, port)
    con.autocommit = True
    cur = con.cursor()
    cur.execute("SELECT version()")
    log("PostgreSQL: %s" % cur.fetchone()[0].split(" on ")[0])

    def execute(q):
        cur.execute(q)
        return cur.fetchall() if cur.description else None
    run_sql("PostgreSQL", execute, lambda tb: cur.execute("ANALYZE " + tb), runs,
            "DATE '%s'" % FROM.isoformat(), "DATE '%s'" % TO.isoformat())
    con.close()


def main():
    global DIR
    a = sys.argv[1:]
    if a[:1] == ["pandas"] and len(a) == 3:
        DIR = a[1]
        pandas_peer(int(a[2]))
    elif a[:1] == ["sqlite"] and len(a) == 3:
        DIR = a[1]
        sqlite_peer(int(a[2]))
    elif a[:1] == ["pgload"] and len(a) == 4:
        DIR = a[3]
        pg_load(a[1], a[2])
    elif a[:1] == ["postgres"] and len(a) == 5:
        DIR = a[3]
        pg_peer(a[1], a[2], int(a[4]))
    else:
        sys.exit(__doc__)


DIR = "bench/work"
main()
