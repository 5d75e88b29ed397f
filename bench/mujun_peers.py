#!/usr/bin/python3
"""The peers of the 亩均 evaluation benchmark (issue #4).

One full evaluation of the zone bench_mujun generated, under the scheme its reference
file states (the Huangyan 2022 规上 six indicators, quota classes): for every 规上
enterprise each indicator's value num / den × factor, missing when den ≤ 0 or a measure
is missing; points value / baseline × weight, at most cap and at least floor; the total
their sum, missing (数据不全, not ranked) when any value is; competition ranks by total,
highest first, over the zone, within the sector and within the park; and the quota
classes: with n the ranked enterprises and cum_k = round-half-up(n × (share of A + ... +
share of k) / 100), rank r gets the first class k with r ≤ cum_k (ties share a rank, so
a tie at a cut goes to the better class). 规下 enterprises are outside (class none).

Every peer's class counts, Σ id·(class+1), Σ id·rank (zone, sector, park; 0 unranked)
and Σ total (1e-9 relative) must equal bench_mujun's reference, or the run fails
(exit 1). Loading is not timed, only the evaluation. With SCOPE `zone` (default `all`)
a peer ranks over the zone only, not within sectors and parks (the figures the issue
quotes were measured so), and is compared on the zone ranks and the classes.

usage:
  mujun_peers.py pandas   INPUT.csv REF RUNS [SCOPE]
  mujun_peers.py sqlite   INPUT.csv REF RUNS [SCOPE]
  mujun_peers.py pgload   PGHOST PGPORT INPUT.csv
  mujun_peers.py postgres PGHOST PGPORT REF RUNS [SCOPE]
INPUT.csv: bench_mujun --csv (id, above, park, sector, land, tax, revenue, value_added,
energy, emissions, employees, rd; empty = missing). REF: bench_mujun --ref. Prints
"BEST MEDIAN" (seconds) on stdout, the rest on stderr. Debian's python3
(python3-pandas, python3-psycopg2).
"""
import csv
import math
import sqlite3
import statistics
import sys
import time
from fractions import Fraction

CLASSES = ["A", "B", "C", "D", "T", "incomplete", "none"]
INCOMPLETE, NONE = 5, 6
MEASURES = ["land", "tax", "revenue", "value_added", "energy", "emissions", "employees", "rd"]
SUMS = ["cls_sum", "rank_zone_sum", "rank_sector_sum", "rank_park_sum"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---- the scheme, the reference and the comparison ----------------------------------

def read_ref(path):
    """The scheme (indicators: (key, num, den, factor, baseline, weight, cap, floor);
    quota: four percentages) and the reference figures."""
    inds, quota, ref = [], None, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if w[0] == "indicator":
                inds.append((w[1], w[2], w[3]) + tuple(float(x) for x in w[4:9]))
            elif w[0] == "quota":
                quota = [float(x) for x in w[1:5]]
            else:
                ref[w[0]] = float(w[1]) if w[0] == "total_sum" else int(w[1])
    return inds, quota, ref


def cum_counts(n, quota):
    """cum_k = round-half-up(n × (share of A + ... + share of k) / 100), exactly."""
    out, s = [], Fraction(0)
    for q in quota:
        s += Fraction(q)
        out.append(math.floor(Fraction(n) * s / 100 + Fraction(1, 2)))
    return out


def compare(name, got, ref, zone_only):
    bad = []
    for k, want in ref.items():
        if zone_only and k in ("rank_sector_sum", "rank_park_sum"):
            continue
        have = got.get(k)
        if k == "total_sum":
            ok = have is not None and abs(have - want) <= 1e-9 * abs(want)
        else:
            ok = have == want
        if not ok:
            bad.append("%s: %s %s, parkbrain %s" % (k, name, have, want))
    log("%s: classes %s" % (name, " ".join("%s %d" % (c, got.get("count_" + c, 0)) for c in CLASSES)))
    if bad:
        log("FAILED: %s disagrees with parkbrain:" % name)
        for line in bad:
            log("  " + line)
        sys.exit(1)
    log("%s: the same classes, %s and totals as parkbrain"
        % (name, "zone ranks" if zone_only else "ranks"))


def report(name, times):
    log("%s: %s s" % (name, " ".join("%.3f" % t for t in times)))
    print("%.6f %.6f" % (min(times), statistics.median(times)))


# ---- pandas -----------------------------------------------------------------------------

def pandas_load(path):
    import numpy as np
    import pandas as pd
    dtypes = {"id": np.int64, "above": np.int8, "park": np.int32, "sector": np.int32}
    dtypes.update({k: np.float64 for k in MEASURES})
    # round_trip: the numbers exactly as written (the default parser may be 1 ulp off)
    return pd.read_csv(path, dtype=dtypes, float_precision="round_trip")


def pandas_evaluate(df, inds, quota, zone_only):
    """Scores, ranks and classes, vectorised; returns (total, rank_zone, rank_sector,
    rank_park, cls) as arrays (NaN / 0 unranked; rank_sector and rank_park None when
    zone_only)."""
    import numpy as np
    total = None
    for _key, num, den, factor, base, weight, cap, floor in inds:
        d = df[den]
        v = (df[num] / d * factor).where(d > 0)
        p = (v / base * weight).clip(lower=floor, upper=cap)
        total = p if total is None else total + p
    above = df["above"].to_numpy() == 1
    total = total.where(above)
    rz = total.rank(method="min", ascending=False)
    rs = rp = None
    if not zone_only:
        rs = total.groupby(df["sector"]).rank(method="min", ascending=False)
        rp = total.groupby(df["park"]).rank(method="min", ascending=False)
    scored = total.notna().to_numpy()
    cum = cum_counts(int(scored.sum()), quota)
    # the first k with r <= cum_k; NaN sorts past the end
    cls = np.searchsorted(np.asarray(cum, dtype=np.float64), rz.to_numpy(), side="left")
    cls = np.where(scored, cls, np.where(above, INCOMPLETE, NONE))
    def ints(r):
        return None if r is None else r.fillna(0).to_numpy(np.int64)
    return total.to_numpy(), ints(rz), ints(rs), ints(rp), cls


def pandas_peer(path, ref_path, runs, zone_only):
    import numpy as np
    inds, quota, ref = read_ref(ref_path)
    t0 = time.perf_counter()
    df = pandas_load(path)
    log("pandas: %d enterprises loaded in %.1f s (not timed)" % (len(df), time.perf_counter() - t0))
    times, res = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = pandas_evaluate(df, inds, quota, zone_only)
        times.append(time.perf_counter() - t0)
    total, rz, rs, rp, cls = res
    ids = df["id"].to_numpy(np.int64)
    got = {"n": len(df)}
    for c, name in enumerate(CLASSES):
        got["count_" + name] = int((cls == c).sum())
    got["cls_sum"] = int((ids * (cls.astype(np.int64) + 1)).sum())
    got["rank_zone_sum"] = int((ids * rz).sum())
    if not zone_only:
        got["rank_sector_sum"] = int((ids * rs).sum())
        got["rank_park_sum"] = int((ids * rp).sum())
    got["total_sum"] = float(np.nansum(total))
    compare("pandas", got, ref, zone_only)
    report("pandas", times)


# ---- SQL (SQLite and PostgreSQL) ------------------------------------------------------------

def evaluation_sql(inds, quota, ph, zone_only):
    """The evaluation in SQL: scores, RANK() over the zone, the sector and the park, the
    quota classes; it ends in the counts and checksums of the whole result (so that
    every enterprise's total, ranks and class are computed, none sent back). ph(name)
    is the driver's placeholder for a parameter; returns (sql, parameters)."""
    params = {}

    def num(name, x):
        params[name] = x
        return "CAST(%s AS DOUBLE PRECISION)" % ph(name)
    vals, pts, clip = [], [], []
    for k, (_key, n, d, factor, base, weight, cap, floor) in enumerate(inds):
        # a missing measure is NULL, and NULL > 0 is not true: both give NULL
        vals.append("CASE WHEN above = 1 AND %s > 0 THEN %s / %s * %s END AS v%d"
                    % (d, n, d, num("f%d" % k, factor), k))
        pts.append("v%d / %s * %s AS q%d" % (k, num("b%d" % k, base), num("w%d" % k, weight), k))
        c, fl = num("c%d" % k, cap), num("l%d" % k, floor)
        clip.append("(CASE WHEN q%d > %s THEN %s WHEN q%d < %s THEN %s ELSE q%d END)"
                    % (k, c, c, k, fl, fl, k))
    # the quota counts in integer arithmetic: (n × S + 50) / 100 rounds half up
    cs, cum = [], 0
    for q in quota[:3]:
        if q != int(q):
            sys.exit("mujun_peers: the SQL peers take whole-percent quotas")
        cum += int(q)
        cs.append("(count(*) * %d + 50) / 100 AS k%d" % (cum, len(cs)))
    sql = """
WITH v AS (
  SELECT id, park, sector, above,
    %s
  FROM ent),
q AS (SELECT id, park, sector, above,
    %s
  FROM v),
s AS (SELECT id, park, sector, above,
    %s AS total
  FROM q),
r AS (SELECT id, total,
    RANK() OVER (ORDER BY total DESC) AS rz,
    %s
  FROM s WHERE total IS NOT NULL),
k AS (SELECT %s FROM r),
c AS (SELECT r.*, CASE WHEN rz <= k0 THEN 0 WHEN rz <= k1 THEN 1 WHEN rz <= k2 THEN 2 ELSE 3 END AS cls
  FROM r CROSS JOIN k)
SELECT cls, count(*), sum(id * (cls + 1)), sum(id * rz), sum(id * rs), sum(id * rp), sum(total)
  FROM c GROUP BY cls
UNION ALL
SELECT cls, count(*), sum(id * (cls + 1)), 0, 0, 0, NULL
  FROM (SELECT id, CASE WHEN above = 1 THEN %d ELSE %d END AS cls FROM s WHERE total IS NULL) u
  GROUP BY cls
""" % (",\n    ".join(vals), ",\n    ".join(pts), "\n    + ".join(clip),
       "0 AS rs, 0 AS rp" if zone_only else
       "RANK() OVER (PARTITION BY sector ORDER BY total DESC) AS rs,\n"
       "    RANK() OVER (PARTITION BY park ORDER BY total DESC) AS rp",
       ", ".join(cs), INCOMPLETE, NONE)
    return sql, params


def sql_result(rows, n):
    got = {"n": n, "total_sum": 0.0}
    for k in SUMS:
        got[k] = 0
    for c, cnt, cls_sum, rz, rs, rp, total in rows:
        got["count_" + CLASSES[int(c)]] = int(cnt)
        got["cls_sum"] += int(cls_sum)
        got["rank_zone_sum"] += int(rz)
        got["rank_sector_sum"] += int(rs)
        got["rank_park_sum"] += int(rp)
        if total is not None:
            got["total_sum"] += float(total)
    for c in CLASSES:
        got.setdefault("count_" + c, 0)
    return got


def run_sql(name, execute, n, ref_path, runs, ph, zone_only):
    inds, quota, ref = read_ref(ref_path)
    q, params = evaluation_sql(inds, quota, ph, zone_only)
    times, rows = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = execute(q, params)
        times.append(time.perf_counter() - t0)
    compare(name, sql_result(rows, n), ref, zone_only)
    report(name, times)


def rows_of(path):
    """The CSV's rows as tuples for the table ent, None for an empty field."""
    with open(path, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        if next(rd) != ["id", "above", "park", "sector"] + MEASURES:
            sys.exit("mujun_peers: %s: not bench_mujun's columns" % path)
        for r in rd:
            yield tuple(int(x) for x in r[:4]) + tuple(float(x) if x else None for x in r[4:])


TABLE = ("CREATE TABLE ent (id INTEGER PRIMARY KEY, above INTEGER NOT NULL, park INTEGER NOT NULL, "
         "sector INTEGER NOT NULL, %s)" % ", ".join("%s DOUBLE PRECISION" % k for k in MEASURES))


def sqlite_peer(path, ref_path, runs, zone_only):
    # in memory, temporary B-trees too: SQLite at its fastest
    con = sqlite3.connect(":memory:")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA cache_size = -2000000")
    t0 = time.perf_counter()
    con.execute(TABLE)
    con.executemany("INSERT INTO ent VALUES (%s)" % ", ".join("?" * (4 + len(MEASURES))), rows_of(path))
    con.commit()
    con.execute("ANALYZE")
    n = con.execute("SELECT count(*) FROM ent").fetchone()[0]
    log("SQLite %s: %d enterprises loaded in %.1f s (not timed)"
        % (sqlite3.sqlite_version, n, time.perf_counter() - t0))
    run_sql("SQLite", lambda q, p: con.execute(q, p).fetchall(), n, ref_path, runs,
            lambda name: ":" + name, zone_only)


def pg_connect(host, port):
    import psycopg2
    return psycopg2.connect(host=host, port=int(port), user="bench", dbname="postgres")


def pg_load(host, port, path):
    con = pg_connect(host, port)
    cur = con.cursor()
    # UNLOGGED: loading skips the WAL; the query reads the table as any other
    cur.execute(TABLE.replace("CREATE TABLE", "CREATE UNLOGGED TABLE"))
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        cur.copy_expert("COPY ent FROM STDIN (FORMAT csv, HEADER true)", f)
    con.commit()
    con.autocommit = True
    cur.execute("VACUUM ANALYZE ent")
    log("PostgreSQL: COPY and VACUUM ANALYZE %.1f s (not timed)" % (time.perf_counter() - t0))
    con.close()


def pg_peer(host, port, ref_path, runs, zone_only):
    con = pg_connect(host, port)
    cur = con.cursor()
    cur.execute("SELECT count(*), version() FROM ent")
    n, version = cur.fetchone()
    cur.execute("SHOW jit")
    log("PostgreSQL: %s; jit %s" % (version.split(" on ")[0], cur.fetchone()[0]))

    def execute(q, p):
        cur.execute(q, p)
        return cur.fetchall()
    run_sql("PostgreSQL", execute, n, ref_path, runs, lambda name: "%%(%s)s" % name, zone_only)
    con.close()


def scope(a, i):
    """The optional SCOPE argument at a[i]: True for `zone`."""
    if len(a) > i and a[i] not in ("all", "zone"):
        sys.exit(__doc__)
    return len(a) > i and a[i] == "zone"


def main():
    a = sys.argv[1:]
    if a[:1] == ["pandas"] and len(a) in (4, 5):
        pandas_peer(a[1], a[2], int(a[3]), scope(a, 4))
    elif a[:1] == ["sqlite"] and len(a) in (4, 5):
        sqlite_peer(a[1], a[2], int(a[3]), scope(a, 4))
    elif a[:1] == ["pgload"] and len(a) == 4:
        pg_load(a[1], a[2], a[3])
    elif a[:1] == ["postgres"] and len(a) in (5, 6):
        pg_peer(a[1], a[2], a[3], int(a[4]), scope(a, 5))
    else:
        sys.exit(__doc__)


main()
