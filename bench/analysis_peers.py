#!/usr/bin/python3
"""The peers of the monthly analysis benchmark (issue #3).

One monthly analysis of the park grouping for month M, all ten metrics: per park and
metric the month's sum over the enterprises reporting, the same-sample month pair
(enterprises reporting both M and M-12; base = their report of M-12), the 1-M月 sum,
and the same-sample cumulative pair (enterprises that reported since January and whose
every reported month has a report twelve months earlier; base = those months last
year). 从业人员 (employees) is a headcount: an enterprise's 1-M月 figure is the average
of its months reported, its base the average of the same months last year - as in
parkbrain. Every peer's result is compared with bench_analysis's CSV (1e-6 relative);
a peer that disagrees makes the run fail (exit 1).

usage:
  analysis_peers.py pandas   MONTHLY.csv ENTS.csv MONTH C_RESULT.csv RUNS
  analysis_peers.py sqlite   DB MONTH C_RESULT.csv RUNS
  analysis_peers.py pgload   PGHOST PGPORT MONTHLY.csv ENTERPRISES.csv PARKS.csv
  analysis_peers.py postgres PGHOST PGPORT MONTH C_RESULT.csv RUNS
MONTHLY.csv: enterprise_id, month (yyyymm), the ten figures, no header, empty = missing
(sqlite3 -csv of monthly_reports); ENTS.csv: enterprise id, park name. The timed part
is the computation (pandas) or the query (SQL); loading is not timed. Prints
"BEST MEDIAN" (seconds) on stdout, the rest on stderr. Debian's python3 (python3-pandas,
python3-psycopg2).
"""
import csv
import sqlite3
import statistics
import sys
import time

METRICS = ["gross_output", "sales_output", "export_value", "revenue", "profit", "tax",
           "electricity", "energy", "employees", "rd_expense"]
STOCK = {"employees"}
FIGURES = ["month", "month_cur", "month_base", "ytd", "ytd_cur", "ytd_base"]
NO_PARK = "园区外"  # parkbrain's group of the enterprises without a park


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---- the reference and the comparison ------------------------------------------

def read_c_result(path):
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[(row["park"], row["metric"])] = [float(row[x]) for x in FIGURES]
    return out


def compare(name, got, ref):
    """got, ref: {(park, metric): [6 floats]}; a key missing from got is all zeros
    (a park without reports: SQL has no row for it)."""
    bad = []
    for key, want in ref.items():
        have = got.get(key, [0.0] * 6)
        for f, a, b in zip(FIGURES, have, want):
            a = 0.0 if a is None else float(a)
            d, m = abs(a - b), max(abs(a), abs(b))
            if not (d <= 1e-6 * m or d < 1e-6):
                bad.append("%s %s %s: %s %.10g, parkbrain %.10g" % (key[0], key[1], f, name, a, b))
    extra = [k for k in got if k not in ref and any(v for v in got[k])]
    for k in extra:
        bad.append("%s %s: %s has a group parkbrain has not" % (k[0], k[1], name))
    if bad:
        log("FAILED: %s disagrees with parkbrain in %d figures:" % (name, len(bad)))
        for line in bad[:20]:
            log("  " + line)
        sys.exit(1)
    log("%s: the same %d figures as parkbrain (1e-6 relative)" % (name, 6 * len(ref)))


def report(name, times):
    log("%s: %s s" % (name, " ".join("%.3f" % t for t in times)))
    print("%.6f %.6f" % (min(times), statistics.median(times)))


# ---- SQL (SQLite and PostgreSQL) ----------------------------------------------------

def analysis_sql(month):
    """The park grouping of month (yyyymm) in SQL, one row per park:
    park, then for each metric its six figures."""
    jan = month // 100 * 100 + 1
    cur = ", ".join("c.%s AS v%d" % (k, i) for i, k in enumerate(METRICS))
    old = ", ".join("p.%s AS b%d" % (k, i) for i, k in enumerate(METRICS))
    per = []
    for i in range(len(METRICS)):
        both = "month = %d AND v%d IS NOT NULL AND b%d IS NOT NULL" % (month, i, i)
        per += [
            "sum(CASE WHEN month = %d THEN v%d END) AS m%d" % (month, i, i),
            "sum(CASE WHEN %s THEN v%d END) AS mc%d" % (both, i, i),
            "sum(CASE WHEN %s THEN b%d END) AS mb%d" % (both, i, i),
            "sum(v%d) AS y%d" % (i, i),
            "count(v%d) AS n%d" % (i, i),
            "sum(CASE WHEN v%d IS NOT NULL THEN b%d END) AS yb%d" % (i, i, i),
            "sum(CASE WHEN v%d IS NOT NULL AND b%d IS NULL THEN 1 ELSE 0 END) AS nb%d" % (i, i, i),
        ]
    top = []
    for i, k in enumerate(METRICS):
        y, yb = ("y%d" % i, "yb%d" % i) if k not in STOCK else ("y%d / n%d" % (i, i), "yb%d / n%d" % (i, i))
        sample = "n%d > 0 AND nb%d = 0" % (i, i)
        top += [
            "sum(m%d)" % i, "sum(mc%d)" % i, "sum(mb%d)" % i,
            "sum(CASE WHEN n%d > 0 THEN %s END)" % (i, y),
            "sum(CASE WHEN %s THEN %s END)" % (sample, y),
            "sum(CASE WHEN %s THEN %s END)" % (sample, yb),
        ]
    return """
WITH j AS (
  SELECT c.enterprise_id, c.month, %s, %s
  FROM monthly_reports c LEFT JOIN monthly_reports p
    ON p.enterprise_id = c.enterprise_id AND p.month = c.month - 100
       AND p.month BETWEEN %d AND %d
  WHERE c.month BETWEEN %d AND %d),
x AS (SELECT enterprise_id, %s FROM j GROUP BY enterprise_id)
SELECT coalesce(pk.name, '%s') AS park, %s
FROM x JOIN enterprises e ON e.id = x.enterprise_id LEFT JOIN parks pk ON pk.id = e.park_id
GROUP BY coalesce(pk.name, '%s')
""" % (cur, old, jan - 100, month - 100, jan, month, ",\n  ".join(per), NO_PARK,
       ",\n  ".join(top), NO_PARK)


def sql_rows_to_result(rows):
    out = {}
    for r in rows:
        for i, k in enumerate(METRICS):
            out[(r[0], k)] = [0.0 if v is None else float(v) for v in r[1 + 6 * i: 7 + 6 * i]]
    return out


def run_sql(name, execute, month, ref, runs):
    q = analysis_sql(month)
    times, rows = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = execute(q)
        times.append(time.perf_counter() - t0)
    compare(name, sql_rows_to_result(rows), ref)
    report(name, times)


def sqlite_peer(db, month, ref_csv, runs):
    ref = read_c_result(ref_csv)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    run_sql("SQLite", lambda q: con.execute(q).fetchall(), month, ref, runs)


def pg_connect(host, port):
    import psycopg2
    return psycopg2.connect(host=host, port=int(port), user="bench", dbname="postgres")


def pg_load(host, port, monthly, enterprises, parks):
    con = pg_connect(host, port)
    cur = con.cursor()
    figs = ", ".join("%s float8" % k for k in METRICS)
    # UNLOGGED: loading skips the WAL; the query reads the table as any other
    cur.execute("CREATE UNLOGGED TABLE parks (id int PRIMARY KEY, name text NOT NULL)")
    cur.execute("CREATE UNLOGGED TABLE enterprises (id int PRIMARY KEY, park_id int)")
    cur.execute("CREATE UNLOGGED TABLE monthly_reports (enterprise_id int NOT NULL, "
                "month int NOT NULL, %s)" % figs)
    t0 = time.perf_counter()
    for table, path in (("parks", parks), ("enterprises", enterprises), ("monthly_reports", monthly)):
        with open(path, encoding="utf-8") as f:
            cur.copy_expert("COPY %s FROM STDIN (FORMAT csv)" % table, f)
    con.commit()
    t1 = time.perf_counter()
    # the same clustering key as parkbrain's table, then statistics and hint bits
    cur.execute("ALTER TABLE monthly_reports ADD PRIMARY KEY (enterprise_id, month)")
    con.commit()
    con.autocommit = True
    cur.execute("VACUUM ANALYZE")
    t2 = time.perf_counter()
    log("PostgreSQL: COPY %.1f s, primary key and VACUUM ANALYZE %.1f s" % (t1 - t0, t2 - t1))
    con.close()


def pg_peer(host, port, month, ref_csv, runs):
    ref = read_c_result(ref_csv)
    con = pg_connect(host, port)
    cur = con.cursor()

    def execute(q):
        cur.execute(q)
        return cur.fetchall()
    run_sql("PostgreSQL", execute, month, ref, runs)
    con.close()


# ---- pandas: the wide frame ----------------------------------------------------------

def pandas_load(monthly, ents):
    """The wide frame: one row per enterprise, one column per (metric, month), NaN =
    missing; and the enterprises' parks. Read in chunks to bound the memory."""
    import numpy as np
    import pandas as pd
    e = pd.read_csv(ents, header=None, names=["id", "park"], dtype={"id": np.int64, "park": str},
                    keep_default_na=False)
    e = e.sort_values("id")
    ids = e["id"].to_numpy()
    # the months: a first pass over the month column only
    months = pd.read_csv(monthly, header=None, usecols=[1], dtype=np.int64)[1]
    lo, hi = int(months.min()), int(months.max())
    del months
    first = lo // 100 * 100 + 1
    nm = (hi // 100 - first // 100) * 12 + 12  # whole years, as the cube
    data = np.full((len(ids), len(METRICS) * nm), np.nan)
    names = ["enterprise_id", "month"] + METRICS
    dtypes = {"enterprise_id": np.int64, "month": np.int64}
    dtypes.update({k: np.float64 for k in METRICS})
    for chunk in pd.read_csv(monthly, header=None, names=names, dtype=dtypes, chunksize=4_000_000):
        ei = np.searchsorted(ids, chunk["enterprise_id"].to_numpy())
        m = chunk["month"].to_numpy()
        ti = (m // 100 - first // 100) * 12 + m % 100 - 1
        for i, k in enumerate(METRICS):
            data[ei, i * nm + ti] = chunk[k].to_numpy()
    cols = pd.MultiIndex.from_product([METRICS, [pb_month_add(first, t) for t in range(nm)]],
                                      names=["metric", "month"])
    wide = pd.DataFrame(data, index=pd.Index(ids, name="enterprise_id"), columns=cols, copy=False)
    park = pd.Series(pd.Categorical(e["park"].to_numpy()), index=wide.index, name="park")
    return wide, park, first, nm


def pb_month_add(yyyymm, n):
    m = yyyymm // 100 * 12 + yyyymm % 100 - 1 + n
    return m // 12 * 100 + m % 12 + 1


def pandas_analysis(wide, park, first, nm, month):
    """The park grouping of `month` on the wide frame: columns of this year's months and
    of the same months last year, masks for the same samples, one groupby."""
    import pandas as pd
    t = (month // 100 - first // 100) * 12 + month % 100 - 1
    y0 = t // 12 * 12
    figs = {}
    for i, k in enumerate(METRICS):
        b = i * nm
        cur = wide.iloc[:, b + y0: b + t + 1]             # January..M
        rep = cur.notna()
        n = rep.sum(axis=1)
        vm = cur.iloc[:, -1]
        ysum = cur.sum(axis=1)
        if t >= 12:
            old = wide.iloc[:, b + y0 - 12: b + t - 11]   # the same months last year
            bm = old.iloc[:, -1]
            ybase = old.where(rep.to_numpy()).sum(axis=1)
            ok = ~(rep & old.isna().to_numpy()).any(axis=1)
        else:
            bm = pd.Series(float("nan"), index=wide.index)
            ybase = pd.Series(0.0, index=wide.index)
            ok = pd.Series(False, index=wide.index)
        if k in STOCK:
            ysum = ysum / n
            ybase = ybase / n
        pair = vm.notna() & bm.notna()
        sample = (n > 0) & ok
        figs[(k, "month")] = vm
        figs[(k, "month_cur")] = vm.where(pair)
        figs[(k, "month_base")] = bm.where(pair)
        figs[(k, "ytd")] = ysum.where(n > 0)
        figs[(k, "ytd_cur")] = ysum.where(sample)
        figs[(k, "ytd_base")] = ybase.where(sample)
    return pd.DataFrame(figs).groupby(park, observed=True).sum()


def pandas_peer(monthly, ents, month, ref_csv, runs):
    ref = read_c_result(ref_csv)
    t0 = time.perf_counter()
    wide, park, first, nm = pandas_load(monthly, ents)
    log("pandas: wide frame %d x %d loaded in %.1f s (not timed)"
        % (wide.shape[0], wide.shape[1], time.perf_counter() - t0))
    times, res = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = pandas_analysis(wide, park, first, nm, month)
        times.append(time.perf_counter() - t0)
    got = {}
    for p, row in res.iterrows():
        for k in METRICS:
            got[(p, k)] = [row[(k, f)] for f in FIGURES]
    compare("pandas", got, ref)
    report("pandas", times)


def main():
    a = sys.argv[1:]
    if a[:1] == ["pandas"] and len(a) == 6:
        pandas_peer(a[1], a[2], int(a[3]), a[4], int(a[5]))
    elif a[:1] == ["sqlite"] and len(a) == 5:
        sqlite_peer(a[1], int(a[2]), a[3], int(a[4]))
    elif a[:1] == ["pgload"] and len(a) == 6:
        pg_load(a[1], a[2], a[3], a[4], a[5])
    elif a[:1] == ["postgres"] and len(a) == 6:
        pg_peer(a[1], a[2], int(a[3]), a[4], int(a[5]))
    else:
        sys.exit(__doc__)


main()
