#!/usr/bin/env python3
"""Writes the small zone of tests/e2e/test_warnings.sh: ten enterprises, 2023-01..2024-03,
each of the first nine made to fire exactly one warning rule in 2024-03, the tenth none.

Run by hand when the story changes (CI uses the committed CSVs). The USCCs are valid
GB 32100-2015 codes made by tests/data/make_fixtures.py's uscc()/code() (n = 50..59).

Every enterprise's "normal" month: 工业总产值 1000, 营业收入 1000, 税金 50, 用电量 50,
综合能耗 100 (万元, 万千瓦时, 吨标准煤), filed on the 5th of the next month. Flat from year
to year, so 同比 is 0 and nothing fires. The stories (what differs, and why only one rule):

  甲 output_yoy_month   2024-03 output 650: -35% (> 20, > 30: 预警). 1-3月 2650/3000 = -11.7%
                        (under 15); February flat, so no streak; 650 is 0.65x its median.
  乙 output_yoy_ytd     2024-01 500, -02 900, -03 1000: 1-3月 2400/3000 = -20% (> 15: 关注);
                        March itself 0%, so neither the month rule nor a streak.
  丙 output_decline_streak  2024-01..03 950 each, -5% three months running (关注); 2023-12
                        has no base (2022 is not in the data), so the streak is 3.
  丁 below_scale_line   a 成长型 (规上) firm with 营业收入 150 a month: 12 x 150 = 1800 < 2000,
                        10% short (not more than 10: 关注).
  戊 report_missing     no report for 2024-03 after February's (关注).
  己 report_late        2024-03 filed 2024-04-20: 12 days after the 8th (≥ 7: 预警).
  庚 spike              2024-03 output 12000: 12x the median 1000 of Jan-Feb 2024 and
                        Dec 2023 (≥ 10: 关注); 同比 +1100% is no decline.
  辛 tax_over_revenue   a 规下 firm, 营业收入 100, 税金 60 a month; 2024-03 税金 120: 1.2x its
                        revenue (关注); 120 / 60 = 2x its median, no spike.
  壬 energy_without_output  2024-03 reports 综合能耗 100 and 用电量 50 without 工业总产值:
                        100% of its usual use (≥ 80: 严重).
  癸 nothing            flat, and its 报送日期 left blank: never late.

monthly_fix.csv, imported later: 戊's missing March arrives, and 庚's March is corrected to
1000 - so a re-run removes 戊's open warning and keeps 庚's closed one.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
USCC = ['91500108314159508A', '915001083141595165', '915001083141595240', '91500108314159532T',
        '91500108314159540M', '91500108314159559J', '91500108314159567D', '915001083141595758',
        '915001083141595833', '91500108314159591X']
NAMES = ['重庆甲精密制造有限公司', '重庆乙汽车零部件有限公司', '重庆丙电子科技有限公司',
         '重庆丁新材料有限公司', '重庆戊食品有限公司', '重庆己机械有限公司', '重庆庚光电有限公司',
         '重庆辛包装制品厂', '重庆壬化工有限公司', '重庆癸智能装备有限公司']
TIERS = ['龙头', '骨干', '骨干', '成长型', '成长型', '成长型', '成长型', '规下', '成长型', '成长型']
MONTHS = [(y, m) for y in (2023, 2024) for m in range(1, 13) if (y, m) <= (2024, 3)]


def normal():
    return {'gross_output': 1000, 'revenue': 1000, 'tax': 50, 'electricity': 50, 'energy': 100,
            'day': 5}


def report(i, y, m):
    """The report of enterprise i for y-m, or None when it files none."""
    r = normal()
    march = (y, m) == (2024, 3)
    if i == 0 and march:
        r['gross_output'] = 650
    if i == 1 and y == 2024:
        r['gross_output'] = {1: 500, 2: 900, 3: 1000}[m]
    if i == 2 and y == 2024:
        r['gross_output'] = 950
    if i == 3:
        r['revenue'] = 150
    if i == 4 and march:
        return None
    if i == 5 and march:
        r['day'] = 20
    if i == 6 and march:
        r['gross_output'] = 12000
    if i == 7:
        r['revenue'], r['tax'] = 100, 120 if march else 60
    if i == 8 and march:
        r['gross_output'] = None
        r['revenue'] = r['tax'] = None
    if i == 9:
        r['day'] = None
    return r


COLS = ['gross_output', 'revenue', 'tax', 'electricity', 'energy']
HEADER = '统一社会信用代码,月份,工业总产值,营业收入,税金,用电量,综合能耗,报送日期\n'


def line(i, y, m, r):
    ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
    filed = '' if r['day'] is None else '%04d-%02d-%02d' % (ny, nm, r['day'])
    figs = ['' if r[c] is None else str(r[c]) for c in COLS]
    return ','.join([USCC[i], '%04d-%02d' % (y, m)] + figs + [filed]) + '\n'


def write(name, text):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        f.write(text)


write('enterprises.csv', '统一社会信用代码,企业名称,行业代码,产业板块,企业类型\n' + ''.join(
    '%s,%s,C3922,电子信息,%s\n' % (USCC[i], NAMES[i], TIERS[i]) for i in range(10)))
rows = [line(i, y, m, r) for i in range(10) for (y, m) in MONTHS
        for r in [report(i, y, m)] if r is not None]
write('monthly.csv', HEADER + ''.join(rows))
fix_e = normal()
fix_g = normal()
write('monthly_fix.csv', HEADER + line(4, 2024, 3, fix_e) + line(6, 2024, 3, fix_g))
