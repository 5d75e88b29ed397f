#!/usr/bin/env python3
"""Writes the small zone of tests/e2e/test_evaluate.sh (the 亩均 evaluation): eight
enterprises in two parks, twelve equal months in 2023 and in 2024, their plots, the 2024
evaluation data (增加值, COD, 用水量) of four of them, and three 2024 facts.

Run by hand when the story changes (CI uses the committed CSVs). USCCs are valid GB
32100-2015 codes made as tests/data/make_fixtures.py's code(n) makes them (n = 60..67).

A year's figures (monthly = year / 12, 从业人员 the same every month), land in 亩:

  enterprise  park 规上 land            tax  revenue output energy elec  staff  VA   COD   water
  甲 电子信息 南坪  yes 10 (2 idle)      120  3600    3600   150    -     30   900  0.9   4500
  乙 装备制造 南坪  yes 5 own + 3 leased  60  1200    1200   120    -     24   240  0.96  4800
  丙 电子信息 南坪  no  2                 36   480     600    -     12     -    -    -     -
  丁 装备制造 南坪  yes 3                 60  1800    2400    60    -     12   360  -     1800
                        (2024 评价税收 90 in the evaluation data wins over the months' 60)
  戊 电子信息 茶园  yes none              48   960     960    -     -      -    -    -     -
  己 电子信息 茶园  yes 20               240  3960    3600    -     -      -    -    -     -
  庚 装备制造 茶园  yes 4 leased          24   480     360    -     -      -    -    -     -
  辛 装备制造 茶园  yes 6                 36   960     960    -     -      -    -    -     -
  and plot P-09, 7亩 in 茶园, used by nobody.

Facts of 2024: 己 安全生产事故, 庚 新投产企业, 甲 未完成节能减排任务.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from uscc import code  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
U = [code(60 + i) for i in range(8)]
NAMES = ['重庆甲电子有限公司', '重庆乙机械有限公司', '重庆丙电子加工厂', '重庆丁装备有限公司',
         '重庆戊电子有限公司', '重庆己电子有限公司', '重庆庚装备有限公司', '重庆辛装备有限公司']
SECTOR = ['电子信息', '装备制造', '电子信息', '装备制造', '电子信息', '电子信息', '装备制造', '装备制造']
PARK = ['南坪园', '南坪园', '南坪园', '南坪园', '茶园', '茶园', '茶园', '茶园']
ABOVE = [1, 1, 0, 1, 1, 1, 1, 1]
# tax, revenue, output, energy, electricity, staff (a year; '' = not reported)
YEAR = [(120, 3600, 3600, 150, '', 30), (60, 1200, 1200, 120, '', 24), (36, 480, 600, '', 12, ''),
        (60, 1800, 2400, 60, '', 12), (48, 960, 960, '', '', ''), (240, 3960, 3600, '', '', ''),
        (24, 480, 360, '', '', ''), (36, 960, 960, '', '', '')]


def write(name, rows):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(','.join(str(c) for c in r) + '\n')


def month(v):
    if v == '':
        return ''
    return ('%g' % (v / 12)) if not isinstance(v, str) else v


write('parks.csv', [('园区名称', '简称', '类型'), ('南坪园', '南坪', '产业园'), ('茶园', '茶园', '产业园')])
write('enterprises.csv', [('统一社会信用代码', '企业名称', '行业代码', '产业板块', '企业类型', '所属园区', '规上')] +
      [(U[i], NAMES[i], 'C3922' if SECTOR[i] == '电子信息' else 'C3421', SECTOR[i],
        '成长型' if ABOVE[i] else '规下', PARK[i], '是' if ABOVE[i] else '否') for i in range(8)])
write('land.csv', [('地块编号', '统一社会信用代码', '所属园区', '用地面积（亩）', '闲置面积（亩）', '权属')] + [
    ('P-01', U[0], '南坪园', 10, 2, '自有'), ('P-02', U[1], '南坪园', 5, '', '自有'),
    ('P-03', U[1], '南坪园', 3, '', '租赁'), ('P-04', U[2], '南坪园', 2, '', '自有'),
    ('P-05', U[3], '南坪园', 3, '', '自有'), ('P-06', U[5], '茶园', 20, '', '自有'),
    ('P-07', U[6], '茶园', 4, '', '租赁'), ('P-08', U[7], '茶园', 6, '', '自有'),
    ('P-09', '', '茶园', 7, '', '自有')])
rows = [('统一社会信用代码', '月份', '税金', '营业收入', '工业总产值', '综合能耗', '用电量', '从业人员')]
for i in range(8):
    for y in (2023, 2024):
        for m in range(1, 13):
            t, r, o, e, el, s = YEAR[i]
            rows.append((U[i], '%d-%02d' % (y, m), month(t), month(r), month(o), month(e), month(el),
                         s))
write('monthly.csv', rows)
write('mujun-data.csv', [('统一社会信用代码', '年度', '工业增加值（万元）', '化学需氧量排放量（吨）', '用水量（吨）',
                          '评价税收（万元）')] +
      [(U[0], 2024, 900, 0.9, 4500, ''), (U[1], 2024, 240, 0.96, 4800, ''),
       (U[3], 2024, 360, '', 1800, 90)])
write('mujun-facts.csv', [('统一社会信用代码', '年度', '事项', '说明')] +
      [(U[5], 2024, '安全生产事故', '3月车间事故'), (U[6], 2024, '新投产企业', '2024年投产'),
       (U[0], 2024, '未完成节能减排任务', '年度节能目标未完成')])
