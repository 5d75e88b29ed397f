#!/usr/bin/python3
"""Writes the .xls fixtures of tests/unit/test_xls.c (BIFF8, with Debian's python3-xlwt;
run by hand with /usr/bin/python3, the small .xls files are committed).

kinds.xls     every kind of cell freexl reports: integers and doubles, Chinese text
              (shared strings), a date, a date-time, a time, a boolean, an error
              cell; a second sheet with a title row and a two-row merged header;
              an empty third sheet.
kinds1904.xls the dates of kinds.xls in a workbook using the 1904 date system:
              the reader must give the same 1900-system serials.
"""
import datetime
import os
import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))


def kinds(path, dates1904):
    wb = xlwt.Workbook(encoding="utf-8")
    wb.dates_1904 = dates1904
    ws = wb.add_sheet("数据")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    stamp = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    clock = xlwt.easyxf(num_format_str="hh:mm:ss")
    ws.write(0, 0, "企业名称")
    ws.write(0, 1, "整数")
    ws.write(0, 2, "小数")
    ws.write(0, 3, "日期")
    ws.write(0, 4, "时间戳")
    ws.write(0, 5, "时刻")
    ws.write(0, 6, "是否")
    ws.write(0, 7, "错误")
    ws.write(1, 0, "重庆甲电子有限公司")
    ws.write(1, 1, 1200)
    ws.write(1, 2, 15000.25)
    ws.write(1, 3, datetime.date(2024, 1, 31), date)
    ws.write(1, 4, datetime.datetime(2024, 3, 1, 12, 0, 0), stamp)
    ws.write(1, 5, datetime.time(18, 0, 0), clock)
    ws.write(1, 6, True)
    ws.row(1).set_cell_error(7, "#DIV/0!")
    # row 3 (index 2) left empty: the reader skips it; a gap in row 4
    ws.write(3, 0, "重庆乙制冷设备有限公司")
    ws.write(3, 2, -0.5)
    ws.write(3, 3, datetime.date(2000, 2, 29), date)
    if not dates1904:  # around Excel's phantom 1900-02-29 (serial 60)
        ws.write(4, 0, "1900")
        ws.write(4, 3, datetime.date(1900, 2, 28), date)
        ws.write(4, 4, datetime.date(1900, 3, 1), date)

    sheet = wb.add_sheet("2024年1月")
    sheet.write_merge(0, 0, 0, 3, "2024年1月规上工业企业主要指标")
    sheet.write_merge(1, 2, 0, 0, "统一社会信用代码")
    sheet.write_merge(1, 1, 1, 2, "工业总产值（万元）")
    sheet.write(2, 1, "本月")
    sheet.write(2, 2, "上年同期")
    sheet.write(3, 0, "91500108314159014J")
    sheet.write(3, 1, 15000.5)
    sheet.write(3, 2, 12000)
    wb.add_sheet("空表")
    wb.save(os.path.join(HERE, path))


kinds("kinds.xls", False)
kinds("kinds1904.xls", True)
