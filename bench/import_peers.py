#!/usr/bin/python3
"""The pandas peer of the import benchmark: read_csv + to_sql into SQLite.

usage: import_peers.py pandas MONTHLY.csv DB
Prints the seconds taken. Run with Debian's python3 (python3-pandas).
"""
import sqlite3
import sys
import time

import pandas as pd


def main():
    _, what, csv, db = sys.argv
    assert what == "pandas"
    t0 = time.perf_counter()
    df = pd.read_csv(csv, dtype={"uscc": str, "month": str})
    con = sqlite3.connect(db)
    df.to_sql("monthly", con, if_exists="replace", index=False, chunksize=100000)
    con.commit()
    con.close()
    print("%.3f" % (time.perf_counter() - t0))


main()
