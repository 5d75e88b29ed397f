#!/usr/bin/env python3
"""Writes the CSV fixtures of tests/data/good and tests/data/bad.

Run by hand when a fixture changes (CI uses the committed files). The USCCs are made
with an implementation of GB 32100-2015 written here independently of parkbrain's C
code, so the tests compare two implementations, not one with itself.
"""
import os

from uscc import code


HERE = os.path.dirname(os.path.abspath(__file__))
U = [code(i) for i in range(1, 6)]


def write(path, text, enc="utf-8", bom=False):
    with open(os.path.join(HERE, path), "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(text.replace("\n", "\r\n").encode(enc))


write("good/parks.csv", """园区名称,简称,类型,规划面积（亩）
南坪西区产业园,南坪西,产业园,1200
茶园新区产业园,茶园,产业园,"3,000"
""")

write("good/enterprises.csv", f"""序号,统一社会信用代码,企业名称,行业代码,产业板块,企业类型,所属园区,高新技术企业,专精特新
1,{U[0]},重庆甲电子有限公司,C3922,电子信息,龙头,南坪西区产业园,是,
2,{U[1]},重庆乙制冷设备有限公司,3464,装备制造,骨干,茶园,否,是
3,{U[2]},重庆丙卷烟有限公司,c1620,消费品,成长型,茶园新区产业园,,
4,{U[3]},重庆丁药业有限公司,C2710,医疗制造,规下,,,
""")

# A statistics export: title row, two-row merged header, GBK, units in 亿元 and 万元.
write("good/monthly_gbk.csv", f"""2024年1月规上工业企业主要指标,,,,,,
统一社会信用代码,企业名称,月份,工业总产值（亿元）,,营业收入（万元）,
,,,本月,上年同期,本月,上年同期
{U[0]},重庆甲电子有限公司,2024-01,1.5,"1.2",16000,"12,500.5"
{U[1]},重庆乙制冷设备有限公司,2024年1月,０.２５,—,3000,-
{U[2]},重庆丙卷烟有限公司,202401,0.1,0.09,,
""", enc="gbk")

# UTF-8 with BOM, one row per enterprise and month, English headers mixed in.
write("good/monthly_2024_02.csv", f"""uscc,month,gross_output,tax,employees,electricity（千瓦时）
{U[0]},2024-02,13000,420.5,1200,"2,500,000"
{U[1]},2024-02,2600,80,300,
""", bom=True)

write("good/land.csv", f"""地块编号,统一社会信用代码,所属园区,用地面积（亩）,闲置面积（平方米）,厂房及办公面积（平方米）,权属
NP-01,{U[0]},南坪西区产业园,160.2,1800,65000,自有
CY-07,{U[1]},茶园新区产业园,43,—,6200.43,租赁
""")

write("good/suppliers.csv", """企业名称,年份,供应商总数,本地供应商数
重庆甲电子有限公司,2020,195,145
重庆乙制冷设备有限公司,2020,83,74
""")

write("good/projects.csv", f"""项目名称,投资方,投资方来源地,内外资,行业代码,产业板块,所属园区,招商团队,计划投资（亿元）,合同金额（万元）,承诺年产值（万元）,用地需求（亩）,统一社会信用代码
智能终端配件项目,某电子集团,广东深圳,内资,3922,电子信息,南坪西区产业园,一组,5,"48,000",120000,60,{U[0]}
新能源汽车电子项目,某汽车电子公司,德国,外资,C3670,装备制造,茶园,二组,12.5,100000,,150,
""")

write("good/project-stages.csv", """项目名称,阶段,日期,说明
智能终端配件项目,对接,2024-01-05,
智能终端配件项目,签约,2024年3月18日,正式合同
智能终端配件项目,开工,20240620,
新能源汽车电子项目,在谈,2024/2/1,
""")

write("good/key-projects.csv", """项目名称,项目业主,责任单位,建设性质,项目总投资（万元）,已完成投资（万元）,规划期计划投资（万元）,开工年份,计划完成年份
5G数字化车间,重庆甲电子有限公司,区经济信息委,新开工,2550,0,2550,2021年,2025
""")

write("good/key-project-years.csv", """项目名称,年份,计划投资（万元）,完成投资（万元）
5G数字化车间,2021,800,760.5
5G数字化车间,2022,900,
""")

# ---- bad files: each has one or more problems; the expected reports sit beside them.
write("bad/broken_uscc.csv", f"""统一社会信用代码,月份,工业总产值
{U[0][:17]}0,2024-03,100
{U[1]},2024-03,200
91500108MA5U0000,2024-03,300
""")
write("bad/text_in_number.csv", f"""统一社会信用代码,月份,工业总产值,营业收入
{U[0]},2024-03,12a3,100
{U[1]},2024-03,200,约300
{U[2]},2024/13,50,60
""")
write("bad/duplicated_rows.csv", f"""统一社会信用代码,月份,工业总产值
{U[0]},2024-03,100
{U[1]},2024-03,200
{U[0]},2024年3月,100
""")
write("bad/unknown_enterprise.csv", f"""统一社会信用代码,月份,工业总产值
{U[0]},2024-03,100
{U[4]},2024-03,200
""")
# bytes that are neither UTF-8 nor GB18030 (0xFF is never a GB18030 lead byte)
with open(os.path.join(HERE, "bad/wrong_encoding.csv"), "wb") as f:
    f.write("统一社会信用代码,月份,工业总产值\r\n".encode("utf-8"))
    f.write(f"{U[0]},2024-03,100\r\n".encode())
    f.write(b"\xff\xfe\xfd,2024-03,100\r\n")
write("bad/missing_column.csv", f"""企业名称,工业总产值
重庆甲电子有限公司,100
""")
write("bad/bad_unit.csv", f"""统一社会信用代码,月份,工业总产值（吨）
{U[0]},2024-03,100
""")
print("\n".join(U))
