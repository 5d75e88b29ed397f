#!/usr/bin/python3
"""Transcribe the demo zone's published tables from the plan into import files.

usage: data/demo/extract.py [SEEDS_DIR]   (default ../shared/seeds beside the project)

Reads 001_883a1fb16098a816.txt (南岸区重庆经开区制造业高质量发展"十四五"规划) and writes
the CSV files of data/demo. The plan's tables are in the text as one cell per line
(tab-indented), rows separated by blank lines; this script reads them back into rows.
What the plan does not give (industry codes, parks) is assigned by the rules below
and marked as assigned in data/demo/README.md. Run it when the rules change; the
committed CSV files are its output, and `parkbrain demo` reads only those.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "seeds")
PLAN = open(os.path.join(SEEDS, "001_883a1fb16098a816.txt"), encoding="utf-8").read().split("\n")


def find(text, start=0):
    for i in range(start, len(PLAN)):
        if PLAN[i].strip().startswith(text):
            return i
    raise SystemExit("not found: " + text)


def groups(a, b):
    """Rows of cells between lines a and b; a non-cell line becomes ('#', text)."""
    out, cur = [], []
    for line in PLAN[a:b]:
        if line == "":
            if cur:
                out.append(cur)
                cur = []
        elif line.startswith("\t"):
            cur.append(line.strip())
        else:
            if cur:
                out.append(cur)
                cur = []
            out.append(["#", line.strip()])
    if cur:
        out.append(cur)
    return out


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print("%-24s %4d rows" % (name, len(rows)))


# ---- parks: 四园一港 (seed 002) ----------------------------------------------------
PARKS = [
    ("南坪西区产业园", "南坪西区", "产业园"),
    ("长江绿色创新产业园", "长江绿色", "产业园"),
    ("先进汽车电子产业园", "汽车电子", "产业园"),
    ("茶园工业园", "茶园", "产业园"),
    ("迎龙创新港", "迎龙", "港"),
]
write("parks.csv", ["园区名称", "简称", "类型", "说明"],
      [(n, s, t, "四园一港（种子文件002）") for n, s, t in PARKS])

# ---- enterprises: 附件四 ------------------------------------------------------------
GROUP = {  # 附件四's category -> 表2-1's sector group
    "电子": "电子信息", "装备": "装备制造", "汽车": "装备制造", "摩托车": "装备制造",
    "消费品": "消费品", "医化": "医疗制造", "材料": "其它", "能源": "其它",
}
PARK_OF = {  # assigned: the park whose stated direction fits the category (seed 002)
    "电子": "长江绿色创新产业园", "材料": "长江绿色创新产业园",
    "汽车": "先进汽车电子产业园", "摩托车": "先进汽车电子产业园",
    "装备": "茶园工业园", "医化": "茶园工业园",
    "消费品": "南坪西区产业园", "能源": "南坪西区产业园",
}
# assigned GB/T 4754-2017 classes: the first keyword of the name that matches, else
# the category's default
RULES = {
    "电子": [("移动通信", "C3922"), ("制冷", "C3852"), ("光电", "C3976"), ("显示", "C3974"),
            ("电路", "C3982"), ("计算机", "C3912"), ("通信", "C3921"), ("", "C3989")],
    "装备": [("电梯", "C3435"), ("轴承", "C3451"), ("门业", "C3312"), ("制冷", "C3464"),
            ("通用工业", "C3464"), ("机床", "C3421"), ("阀", "C3443"), ("泵", "C3441"),
            ("齿轮", "C3453"), ("变压器", "C3821"), ("电缆", "C3831"), ("电线", "C3831"),
            ("开关", "C3823"), ("电气", "C3829"), ("电器", "C3829"), ("电机", "C3812"),
            ("仪表", "C4011"), ("钟表", "C4030"), ("模具", "C3525"), ("锅炉", "C3411"),
            ("压缩机", "C3442"), ("风机", "C3462"), ("起重", "C3432"), ("电装", "C3670"),
            ("", "C3499")],
    "汽车": [("发动机", "C3620"), ("", "C3670")],
    "摩托车": [("机车", "C3751"), ("摩托车有限", "C3751"), ("", "C3752")],
    "消费品": [("卷烟", "C1620"), ("滤嘴", "C1690"), ("烟草", "C1690"), ("乳", "C1441"),
              ("火锅", "C1469"), ("调味", "C1469"), ("农产品", "C1469"), ("啤酒", "C1513"),
              ("饮料", "C1529"), ("顶津", "C1529"), ("印务", "C2319"), ("印刷", "C2319"),
              ("包装", "C2231"), ("纸", "C2231"), ("玻璃", "C3054"), ("制衣", "C1819"),
              ("服装", "C1819"), ("服饰", "C1830"), ("家具", "C2110"), ("酒", "C1519"),
              ("茶", "C1530"), ("塑料", "C2927"), ("", "C1499")],
    "医化": [("桐君阁", "C2740"), ("医疗", "C3589"), ("器械", "C3589"), ("", "C2720")],
    "材料": [("玻璃", "C3041"), ("钢", "C3130"), ("铝", "C3252"), ("铜", "C3251"),
            ("涂料", "C2641"), ("塑料", "C2929"), ("橡胶", "C2919"), ("水泥", "C3011"),
            ("混凝土", "C3021"), ("建材", "C3039"), ("化工", "C2669"), ("", "C2669")],
    "能源": [("供电", "D4420"), ("电力", "D4420"), ("燃气", "D4511"), ("天然气", "D4511"),
            ("水务", "D4610"), ("自来水", "D4610"), ("热力", "D4430"), ("发电", "D4411"),
            ("", "D4420")],
}


def industry_of(name, cat):
    for word, code in RULES[cat]:
        if word in name:
            return code


a = find("附件四", find("附件三"))
ents = []
i = a
while i < len(PLAN):
    line = PLAN[i]
    if line.startswith("\t") and line.strip().isdigit() and PLAN[i + 1].startswith("\t"):
        no, name, cat = int(line.strip()), PLAN[i + 1].strip(), PLAN[i + 2].strip()
        ents.append((no, name, cat))
        i += 3
        continue
    i += 1
assert [e[0] for e in ents] == list(range(1, 176)), "附件四 must list 1..175"
TIER = lambda n: "龙头" if n <= 7 else "骨干" if n <= 39 else "成长型"  # 附件一
write("enterprises.csv",
      ["序号", "企业名称", "行业代码", "产业板块", "企业类型", "所属园区", "规上", "备注"],
      [(n, name, industry_of(name, cat), GROUP[cat], TIER(n), PARK_OF[cat], "是",
        "附件四类别：" + cat) for n, name, cat in ents])
NAMES = [e[1] for e in ents]


def bare(name):
    return re.sub(r"[（）()·.\s]|有限|责任|公司|股份|集团|重庆市?", "", name)


def canonical(short):
    """The 附件四 name a table's shortened name stands for (or None)."""
    key = bare(short)
    best = [n for n in NAMES if bare(n) == key] or \
        [n for n in NAMES if key and (key in bare(n) or bare(n) in key)]
    return best[0] if len(best) == 1 else None


# ---- land: 表4-1 .. 表4-4 --------------------------------------------------------------
land_rows, name_map = [], {}
for t in ("表4-1", "表4-2", "表4-3", "表4-4"):
    s = find(t)
    e = s + 1
    while e < len(PLAN) and not PLAN[e].startswith("（"):
        e += 1
    rows = [g for g in groups(s + 1, e) if g[0] != "#"]
    idle_unit = "平方米" if "闲置用地/平方米" in "".join(PLAN[s:s + 6]) else "亩"
    k = 0
    for g in rows:
        if g[0] in ("名称", "面积/平方米") or len(g) < 4:
            continue
        k += 1
        name = canonical(g[0])
        if not name:
            print("  %s: %s is not a 附件四 enterprise; kept as an unused plot" % (t, g[0]))
        else:
            name_map[g[0]] = name
        idle = g[2]
        if idle_unit == "平方米" and idle not in ("—", ""):
            idle = "%.4f" % (float(idle) * 0.0015)  # 1 m² = 15/10000 亩
        land_rows.append(("%s-%02d" % (t, k), name or "", g[1], idle, g[3], "自有",
                          "%s（%s）；未来五年需求：%s" % (t, g[0], g[4] if len(g) > 4 else "—")))
write("land.csv", ["地块编号", "企业名称", "用地面积（亩）", "闲置面积（亩）",
                   "厂房及办公面积（平方米）", "权属", "备注"], land_rows)

# ---- suppliers: 表1-1 --------------------------------------------------------------------
s = find("表1-1")
e = find("以重庆盟讯电子", s)
sup = []
for g in groups(s + 1, e):
    if len(g) >= 4 and g[-1].endswith("%"):
        name = canonical(g[-4])
        sup.append((name or g[-4], 2020, g[-3], g[-2]))
write("suppliers.csv", ["企业名称", "年份", "供应商总数", "本地供应商数"], sup)

# ---- indicators: 表2-1 -------------------------------------------------------------------
s = find("表2-1")
e = find("说明：", s)
ind, cat = [], ""
for g in groups(s + 1, e):
    if g[0] == "#" or g[0] == "类别":
        continue
    if len(g) == 7:
        cat = g[0] or cat
        g = g[1:]
    elif len(g) == 1:  # a category name split over two lines
        cat = g[0]
        continue
    elif len(g) == 8:  # "结构" + "调整" split: first cell continues the category
        cat = g[0] + g[1]
        g = g[2:]
    if len(g) != 6:
        continue
    name, unit, base, target, growth, attr = g
    # "---" means none; "〉86%" (more than 86%) is kept as its bound, 86
    clean = lambda v: "" if re.fullmatch(r"-+|—+", v) else v.replace("〉", "")
    attr = {"预期值": "预期性", "约束值": "约束性"}.get(attr, attr)
    ind.append((cat, name, unit, 2020, clean(base), 2025, clean(target), clean(growth), attr))
write("indicators.csv", ["类别", "指标名称", "单位", "基期年份", "基期值", "目标年份", "目标值",
                         "年均增长（%）", "属性"], ind)

# ---- key projects: 附件三 -----------------------------------------------------------------
s = find("附件三")
e = find("附件四", s)
rows, sector, merged = [], "", []
gs = groups(s + 1, e)
k = 0
while k < len(gs):
    g = gs[k]
    # a row whose 建设性质 ("技术改造") broke over a line: 5 cells, the rest of the word,
    # then 7 cells
    if len(g) == 5 and g[0].isdigit() and k + 2 < len(gs) and gs[k + 1][0] == "#" \
            and len(gs[k + 2]) == 7:
        g = g[:4] + [g[4] + gs[k + 1][1]] + gs[k + 2]
        k += 2
    k += 1
    if len(g) == 2 and g[0] in "一二三四五六七八九十":
        sector = g[1]
        continue
    if len(g) != 12 or not g[0].isdigit():
        continue
    no, name, owner, dept, nature, content, total, before, period, after, start, end = g
    year = lambda v: v.split(".")[0] if v else ""
    merged.append((no, name, owner, dept, sector, nature, content, total, before, period, after,
                   year(start), year(end)))
SECTOR = {"电子信息制造业": "电子信息", "装备制造业": "装备制造", "消费品制造业": "消费品",
          "医疗制造业": "医疗制造", "医药制造业": "医疗制造"}
names = {}
for r in merged:
    names[r[1]] = names.get(r[1], 0) + 1
out = []
for r in merged:
    name = r[1] if names[r[1]] == 1 else "%s（附件三序号%s）" % (r[1], r[0])
    out.append((name, r[2], r[3], SECTOR.get(r[4], r[4]), r[5], r[6], r[7], r[8], r[9], r[10],
                r[11], r[12]))
write("key-projects.csv", ["项目名称", "项目业主", "责任单位", "产业板块", "建设性质", "建设内容",
                           "项目总投资（万元）", "已完成投资（万元）", "规划期计划投资（万元）",
                           "规划期后计划投资（万元）", "开工年份", "计划完成年份"], out)

# ---- calibration: what the generator must hit ------------------------------------------------
cal = []
for cat, name, unit, _, base, _, target, growth, _ in ind:
    if unit == "亿元":
        cal.append(("表2-1:" + name, 2020, base, "亿元", "表2-1"))
        cal.append(("表2-1:" + name, 2025, target, "亿元", "表2-1 目标"))
cal.append(("龙头企业产值占比", 2020, "0.67", "比例", "正文第1章（龙头企业产值占比由2015年的37%升至“十三五”末的67%）"))
cal.append(("规上企业数", 2020, "176", "家", "正文第1章（龙头7家、骨干32家、成长型137家）"))
# Published per-亩 output (万元/亩, plan ch. 4) times the plot of 表4-x gives a firm's
# 2020 output; the text's lists pair names and values in order.
PER_MU = [
    ("维沃移动通信（重庆）有限公司", 9000, "表4-1", "第4章电子信息段"),
    ("重庆美的制冷设备有限公司", 1762, "表4-1", "第4章电子信息段"),
    ("重庆盟讯电子科技有限公司", 865, "表4-1", "第4章电子信息段"),
    ("重庆航伟光电科技有限公司", 704, "表4-1", "第4章电子信息段"),
    ("重庆美心·麦森门业有限公司", 3900, "表4-2", "第4章装备制造段"),
    ("巩诚电装（重庆）有限公司", 1873, "表4-2", "第4章装备制造段"),
    ("重庆美的通用制冷设备有限公司", 1280, "表4-2", "第4章装备制造段（美的集团）"),
    ("重庆隆鑫机车有限公司", 1169, "表4-2", "第4章装备制造段"),
    ("重庆中烟工业有限责任公司重庆卷烟厂", 2105.8, "表4-3", "第4章消费品段"),
    ("重庆德庄农产品开发有限公司", 801.5, "表4-3", "第4章消费品段"),
    ("重庆市天友乳品二厂有限公司", 1314.1, "表4-3", "第4章消费品段"),
    ("重庆莉莱食品有限公司", 1210.2, "表4-3", "第4章消费品段"),
    ("重庆宏劲印务有限责任公司", 216.7, "表4-3", "第4章消费品段"),
    ("重庆昊晟玻璃股份有限公司", 341.0, "表4-3", "第4章消费品段"),
    ("重庆聪捷食品有限公司", 203.75, "表4-3", "第4章消费品段（列7家给8个值，第8个1305.59未用）"),
    ("重庆圣华曦药业股份有限公司", 1747, "表4-4", "第4章医疗段"),
    ("重庆陪都药业股份有限公司", 871, "表4-4", "第4章医疗段"),
    ("太极集团重庆桐君阁药厂有限公司", 629, "表4-4", "第4章医疗段"),
    ("重庆莱美药业股份有限公司", 587, "表4-4", "第4章医疗段"),
    ("重庆科瑞制药（集团）有限公司", 755, "表4-4", "第4章医疗段（正文另给2020年产值5.59亿元）"),
    ("重庆天海医疗设备有限公司", 361, "表4-4", "第4章医疗段"),
]
area = {r[1]: float(r[2]) for r in land_rows if r[1]}
for name, per_mu, table, where in PER_MU:
    assert name in NAMES, name
    cal.append(("亩产值:" + name, 2020, per_mu, "万元/亩", where))
    cal.append(("企业产值:" + name, 2020, "%.2f" % (per_mu * area[name]), "万元",
                "%s × %s用地%s亩" % (where, table, area[name])))
write("calibration.csv", ["项目", "年份", "值", "单位", "来源"], cal)
write("indicator-actuals.csv", ["指标名称", "年份", "实际值", "来源"], [])

# ---- chains: the two maps printed in 附件二 (transcribed by hand from the figure text) ----
# Local (是否本地) is marked only for firms that are enterprises of 附件四 or that the
# map itself places in Chongqing; the maps do not mark locality, so the rest stay blank.
VIVO = "VIVO手机产业链"
MIDEA = "美的空调产业链"
CHAINS = [
    (VIVO, "下游配件总成", "结构件（外壳、框架、外包装）",
     "蓝思科技 伯恩 比亚迪电子 长盈精密 科森 富士康 劲胜精密 HKW 欧朋达 胜利精密 宜安科技 春兴精工 "
     "福田科技 奥尔玛 彤鼎电子 锐青科技 鸿景鑫 宏劲印务"),
    (VIVO, "下游配件总成", "塑胶件（充电器线、适配器、耳机等）",
     "辰阳电子 光宝科技 音仕顿科技 鸿标电子 科达讯纳 迈思科 南泰电子 伍尔特电子 安亿达 鹏亿南联"),
    (VIVO, "终端整机、配件消费", "销售渠道",
     "电商 线下体验店 运营商网点 终端店 家电连锁 商超连锁 官方客服服务中心"),
    (VIVO, "上游零部件", "无源器件", "风华高科 TDK 村田 三星 台晶电子 同拓光电 宏明电子 鹏亿南联"),
    (VIVO, "上游零部件", "电池组件", "比亚迪 三星 索尼 德赛电子 欣旺达 金辉高科 东航光电 明美 NVT"),
    (VIVO, "上游零部件", "听筒", "瑞声科技 共达 歌尔声学 宏景华 联创宏生 睿博电声 汇诚伟业"),
    (VIVO, "上游零部件", "电声连接器",
     "安费诺 泰科 歌尔声学 FKA德尔福 立讯精密 瑞声电子 中航光电 共达电声 鸿海电子"),
    (VIVO, "上游零部件", "天线", "信维通信 立讯精密 村田 玛雅通信 安费诺 良特电子 加利电子 拓频通信 讯创"),
    (VIVO, "中游模组组装", "摄像头模组",
     "索尼 佳能 丘钛 海力士 富士康 三星 欧菲光 光宝 夏普 格科微 东聚 松下 LGInnotek ST-Micro "
     "舜宇光学 盛泰 灵龙实业"),
    (VIVO, "中游模组组装", "显示屏模组",
     "三星 夏普 友达 京瓷 日立 元太 松下 东芝 NEC 中电熊猫 研工电子 精工电子 华星光电 京东方 欧菲科技 "
     "群创光电 中光电 中显智能 萨瑞科技 LG 合益光电 翌辰光电 恒利达"),
    (VIVO, "中游模组组装", "电路板模组",
     "欣兴电子 臻鼎 健鼎 TTM迅达 华新 永丰 东山精密 日本旗胜 深南电路 鹏鼎控股 三星电机 珠海方正 "
     "住友电工 兴达鸿业 瑞莲科技 盟讯电子 航伟光电"),
    (VIVO, "中游模组组装", "芯片模组",
     "苹果 英特尔 高通 三星 东芝 村田 爱立信 博通 展讯 锐迪科 英伟达 联发科 skyworks SK海力士 "
     "紫光展锐 瑞芯微 Marvel 华为海思"),
    (MIDEA, "上游：原材料及核心零部件", "核心零部件（螺杆机、冷凝器、压缩机、蒸发器、节能装置、风机）",
     "西门子 美乐柯 美的通用 霜源 金陵 美芝 嘉陵 蜀东 锴道 阿尔西 通用贝园 瑞智 重通集团"),
    (MIDEA, "上游：原材料及核心零部件", "原材料（钢铁、钢材、钣金、铝材、塑料、模具及配件）",
     "重钢 攀华 博森 力臻机电 荣飞 润通工业 恒讯联盛 金菱 力达 正天环保 润伟冲压 会通新材料 "
     "酷仁环保 宝威实业 灵龙实业 东立富盛新材料"),
    (MIDEA, "中游：整机制造", "整机制造（吊顶式空调）",
     "美的空调生产基地（重庆） 美的空调生产基地（佛山） 美的空调生产基地（湖北） 美的空调生产基地（合肥）"),
    (MIDEA, "下游：产成品输出", "销售渠道（超市、品牌实体店、电商平台及其他）",
     "红星美凯龙 苏宁 国美 沃尔玛 美的专卖店 淘宝 京东 重百 永辉"),
]
IN_CHONGQING = {"重钢", "重通集团", "重百", "嘉陵", "美的空调生产基地（重庆）"}
# short names that match a 附件四 name by accident: 华新 (a Taiwanese PCB maker, not
# 重庆华新天成混凝土), 力达 (not 重庆三力达电子)
NOT_LOCAL = {"华新", "力达"}
chain_rows = []
for chain, seg, node, firms in CHAINS:
    for f in firms.split():
        zone_firm = None if f in NOT_LOCAL else canonical(f)
        local = zone_firm or (f if f in IN_CHONGQING else None)
        note = ("附件四企业：" + zone_firm) if zone_firm else ""
        chain_rows.append((chain, seg, node, f, "是" if local else "", note))
write("chains.csv", ["产业链", "环节", "节点", "企业名称", "是否本地", "说明"], chain_rows)
