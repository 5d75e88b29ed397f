#!/usr/bin/python3
"""Writes tests/data/xls/monthly.xls, a BIFF8 workbook for the .xls reader's tests
(needs Debian's python3-xlwt; run by hand, the .xls file is committed).
Sheet 1 is a 填表说明 (instructions) sheet without a header; sheet 2 holds a title
row, a two-row merged header, text, numbers and a date cell."""
import datetime
import os
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))
U = ["91500108314159014J", "91500108314159022D"]
wb = xlwt.Workbook(encoding="utf-8")
notes = wb.add_sheet("填表说明")
notes.write(0, 0, "请按月填报，金额单位万元")
ws = wb.add_sheet("2024年1月")
ws.write_merge(0, 0, 0, 5, "2024年1月规上工业企业主要指标")
ws.write_merge(1, 2, 0, 0, "统一社会信用代码")
ws.write_merge(1, 2, 1, 1, "月份")
ws.write_merge(1, 1, 2, 3, "工业总产值（万元）")
ws.write(2, 2, "本月")
ws.write(2, 3, "上年同期")
ws.write_merge(1, 2, 4, 4, "从业人员")
datefmt = xlwt.easyxf(num_format_str="yyyy-mm-dd")
ws.write(3, 0, U[0])
ws.write(3, 1, datetime.date(2024, 1, 31), datefmt)
ws.write(3, 2, 15000.5)
ws.write(3, 3, 12000)
ws.write(3, 4, 1200)
ws.write(4, 0, U[1])
ws.write(4, 1, "2024-01")
ws.write(4, 2, 2600)
ws.write(4, 3, "—")
ws.write(4, 4, 300)
wb.save(os.path.join(HERE, "xls", "monthly.xls"))
