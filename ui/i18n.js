// i18n.js - the UI's words in Simplified Chinese (first) and English. t(key, ...args)
// looks a key up in the current language ({0}, {1} … filled from args); the choice is
// kept in localStorage ("pb.lang") and set by setLang, which tells the listeners.
const dict = {
  zh: {
    'app.title': 'parkbrain 产业大脑',
    'nav.cockpit': '驾驶舱', 'nav.monthly': '月度监测', 'nav.targets': '目标跟踪',
    'nav.warnings': '预警', 'nav.mujun': '亩均评价', 'nav.enterprises': '企业库',
    'nav.import': '数据导入', 'nav.users': '用户', 'nav.main': '主导航',
    'lang.switch': 'English', 'signout': '退出',
    'login.title': '登录', 'login.name': '用户名', 'login.password': '密码',
    'login.submit': '登录', 'login.busy': '正在登录…', 'login.failed': '登录失败',
    'login.sub': '开发区经济运行平台',
    'err.network': '无法连接服务器', 'err.unknown': '出错了（HTTP {0}）',
    'notfound.title': '没有该页面', 'notfound.text': '地址「{0}」没有对应的页面。',
    'ent.title': '企业库', 'ent.search': '名称或统一社会信用代码', 'ent.searchBtn': '查询',
    'ent.allSectors': '全部产业板块', 'ent.allTiers': '全部层级', 'ent.allParks': '全部园区',
    'ent.flags': '企业标签', 'ent.reset': '重置',
    'ent.total': '共 {0} 家企业', 'ent.none': '没有符合条件的企业',
    'ent.loading': '正在加载…',
    'col.name': '名称', 'col.uscc': '统一社会信用代码', 'col.park': '园区', 'col.sector': '产业板块',
    'col.tier': '层级', 'col.land': '用地面积（亩）',
    'page.prev': '上一页', 'page.next': '下一页', 'page.of': '第 {0} / {1} 页',
    'tier.1': '龙头', 'tier.2': '骨干', 'tier.3': '成长型', 'tier.4': '规下',
    'flag.above_scale': '规上', 'flag.high_tech': '高新技术企业', 'flag.specialized': '专精特新',
    'flag.little_giant': '专精特新“小巨人”', 'flag.champion': '单项冠军', 'flag.tech_sme': '科技型中小企业',
    'detail.back': '← 返回企业库', 'detail.industry': '国民经济行业代码', 'detail.flags': '企业标签',
    'detail.noflags': '无', 'detail.plots': '用地地块', 'detail.noplots': '没有登记地块',
    'plot.code': '地块编号', 'plot.area': '用地面积（亩）', 'plot.idle': '闲置面积（亩）',
    'plot.floor': '厂房及办公面积（平方米）', 'plot.tenure': '权属', 'plot.leased': '租赁',
    'plot.owned': '自有', 'plot.shared': '共用宗地',
    'chart.title': '工业总产值（万元），近 24 个月', 'chart.series': '工业总产值',
    'chart.none': '没有月度数据', 'chart.noLib': '图表组件未加载',
    'detail.latest': '最近一月（{0}）工业总产值', 'detail.sum12': '近 12 个月工业总产值合计',
    'unit.wan': '万元', 'unit.yi': '亿元', 'unit.mu': '亩',
    'ck.title': '驾驶舱', 'ck.month': '数据月份：{0}', 'ck.loading': '正在加载…',
    'ck.m.gross_output': '工业总产值', 'ck.m.revenue': '营业收入', 'ck.m.tax': '税金', 'ck.m.profit': '利润总额',
    'ck.cur': '当月', 'ck.ytd': '1–{0}月累计', 'ck.yoy': '同比',
    'ck.reporting': '填报企业', 'ck.reportingOf': '家（共 {0} 家）', 'ck.unitJia': '家',
    'ck.warnings': '未办结预警', 'ck.w.open': '未处理', 'ck.w.ack': '已签收', 'ck.w.link': '查看预警 →',
    'ck.mujun': '亩均评价分类（{0} 年）', 'ck.mujunNone': '尚无亩均评价',
    'ck.sector': '工业总产值 1–{0}月，按产业板块（亿元）', 'ck.park': '工业总产值 1–{0}月，按园区（亿元）',
    'ck.series': '工业总产值', 'ck.class': '{0} 类',
    'sev.1': '关注', 'sev.2': '预警', 'sev.3': '严重',
    'ws.title': '预警', 'ws.open': '未处理', 'ws.acknowledged': '已签收', 'ws.closed': '已办结', 'ws.all': '全部',
    'ws.status': '状态', 'ws.total': '共 {0} 条', 'ws.none': '没有符合条件的预警',
    'ws.col.month': '月份', 'ws.col.enterprise': '企业', 'ws.col.rule': '规则', 'ws.col.severity': '严重程度',
    'ws.col.message': '说明', 'ws.col.status': '状态', 'ws.col.actions': '操作',
    'ws.ack': '签收', 'ws.close': '办结', 'ws.note': '办结说明（走访情况、措施）', 'ws.confirm': '确认办结',
    'ws.cancel': '取消', 'ws.noteEmpty': '请填写办结说明', 'ws.busy': '正在提交…',
    'an.title': '月度监测', 'an.month': '月份', 'an.group': '分组', 'an.metric': '指标',
    'an.g.sector': '产业板块', 'an.g.division': '行业大类', 'an.g.park': '园区', 'an.g.tier': '企业层级',
    'an.g.scale': '规上/规下', 'an.g.flag': '企业标签',
    'an.m.gross_output': '工业总产值', 'an.m.sales_output': '工业销售产值', 'an.m.export_value': '出口交货值',
    'an.m.revenue': '营业收入', 'an.m.profit': '利润总额', 'an.m.tax': '税金', 'an.m.electricity': '用电量',
    'an.m.energy': '综合能耗', 'an.m.employees': '从业人员', 'an.m.rd_expense': '研发费用',
    'an.col.group': '分组', 'an.col.members': '企业数', 'an.col.share': '占比', 'an.col.contribution': '贡献率',
    'an.col.growing': '增长面', 'an.none': '该月该分组没有数据',
    'an.chart': '{0} 1–{1}月，按{2}（{3}）；同比（%）',
    'an.kind.turnaround': '扭亏为盈', 'an.kind.loss_narrower': '减亏', 'an.kind.loss_wider': '亏损扩大',
    'mj.title': '亩均评价', 'mj.year': '年度', 'mj.none': '尚无亩均评价', 'mj.scheme': '{0} 年 · {1}',
    'mj.counts': '{0} 年分类（全区 {1} 家）', 'mj.countsMine': '{0} 年分类（本园区 {1} 家）', 'mj.sum': '合计',
    'mj.byPark': '按园区分类', 'mj.bySector': '按产业板块分类', 'mj.ranking': '排名（{0} 家）',
    'mj.col.rank': '排名', 'mj.col.enterprise': '企业', 'mj.col.total': '综合得分', 'mj.col.class': '等级',
    'mj.close': '关闭', 'mj.i.ind': '指标', 'mj.i.value': '指标值', 'mj.i.unit': '单位', 'mj.i.baseline': '基准值',
    'mj.i.weight': '权重', 'mj.i.points': '得分', 'mj.i.note': '说明',
    'mj.capped': '封顶', 'mj.floored': '保底', 'mj.missing': '缺失', 'mj.imputed': '估算', 'mj.cap': '上限',
    'mj.total': '综合得分', 'mj.rank': '排名', 'mj.ranks': '全区第 {0} · 园区第 {1} · 板块第 {2}',
    'mj.byScore': '按得分等级', 'mj.rules': '适用规则', 'mj.facts': '依据', 'mj.final': '最终等级',
    'mj.previous': '上年等级',
    'mj.effect.force_d': '一票否决，定为D类', 'mj.effect.bar_ab': '不得评为A、B类', 'mj.effect.no_d': '保护，不评为D类',
    'mj.effect.unsuited': '不定等级', 'mj.effect.exclude': '不参评',
    'mj.wi.title': '模拟测算（what-if）', 'mj.wi.hint': '修改指标权重或分类比例（各等级比例合计须为 100），计算后列出等级将变化的企业；不保存。',
    'mj.wi.weight': '{0} 权重', 'mj.wi.quota': '{0} 类比例（%）', 'mj.wi.run': '计算',
    'mj.wi.nothing': '没有修改任何参数', 'mj.wi.changes': '等级变化的企业：{0} 家', 'mj.wi.noChange': '没有企业的等级变化',
    'mj.wi.col.enterprise': '企业', 'mj.wi.col.from': '原等级', 'mj.wi.col.to': '新等级', 'mj.wi.col.total': '综合得分',
  },
  en: {
    'app.title': 'parkbrain industrial brain',
    'nav.cockpit': 'Cockpit', 'nav.monthly': 'Monthly', 'nav.targets': 'Targets',
    'nav.warnings': 'Warnings', 'nav.mujun': 'Per-mu', 'nav.enterprises': 'Enterprises',
    'nav.import': 'Import', 'nav.users': 'Users', 'nav.main': 'Main navigation',
    'lang.switch': '中文', 'signout': 'Sign out',
    'login.title': 'Sign in', 'login.name': 'User name', 'login.password': 'Password',
    'login.submit': 'Sign in', 'login.busy': 'Signing in…', 'login.failed': 'Sign-in failed',
    'login.sub': 'Economic platform of the development zone',
    'err.network': 'Cannot reach the server', 'err.unknown': 'Something went wrong (HTTP {0})',
    'notfound.title': 'No such page', 'notfound.text': 'There is no page at "{0}".',
    'ent.title': 'Enterprises', 'ent.search': 'Name or credit code (USCC)', 'ent.searchBtn': 'Search',
    'ent.allSectors': 'All sectors', 'ent.allTiers': 'All tiers', 'ent.allParks': 'All parks',
    'ent.flags': 'Labels', 'ent.reset': 'Reset',
    'ent.total': '{0} enterprises', 'ent.none': 'No enterprise matches',
    'ent.loading': 'Loading…',
    'col.name': 'Name', 'col.uscc': 'Credit code (USCC)', 'col.park': 'Park', 'col.sector': 'Sector',
    'col.tier': 'Tier', 'col.land': 'Land (mu)',
    'page.prev': 'Previous', 'page.next': 'Next', 'page.of': 'Page {0} of {1}',
    'tier.1': 'Leader', 'tier.2': 'Backbone', 'tier.3': 'Growing', 'tier.4': 'Below scale',
    'flag.above_scale': 'Above scale', 'flag.high_tech': 'High-tech', 'flag.specialized': 'Specialized',
    'flag.little_giant': 'Little giant', 'flag.champion': 'Single champion', 'flag.tech_sme': 'Tech SME',
    'detail.back': '← Back to enterprises', 'detail.industry': 'Industry code', 'detail.flags': 'Labels',
    'detail.noflags': 'none', 'detail.plots': 'Land plots', 'detail.noplots': 'No plot registered',
    'plot.code': 'Plot', 'plot.area': 'Area (mu)', 'plot.idle': 'Idle (mu)',
    'plot.floor': 'Floor area (m²)', 'plot.tenure': 'Tenure', 'plot.leased': 'leased',
    'plot.owned': 'owned', 'plot.shared': 'Shared parcel',
    'chart.title': 'Gross industrial output (10k yuan), last 24 months', 'chart.series': 'Gross output',
    'chart.none': 'No monthly figures', 'chart.noLib': 'The chart library did not load',
    'detail.latest': 'Gross output, latest month ({0})', 'detail.sum12': 'Gross output, last 12 months',
    'unit.wan': '10k yuan', 'unit.yi': '100M yuan', 'unit.mu': 'mu',
    'ck.title': 'Cockpit', 'ck.month': 'Month: {0}', 'ck.loading': 'Loading…',
    'ck.m.gross_output': 'Gross industrial output', 'ck.m.revenue': 'Operating revenue', 'ck.m.tax': 'Taxes',
    'ck.m.profit': 'Total profit',
    'ck.cur': 'This month', 'ck.ytd': 'Months 1–{0}', 'ck.yoy': 'YoY',
    'ck.reporting': 'Reporting enterprises', 'ck.reportingOf': 'of {0}', 'ck.unitJia': '',
    'ck.warnings': 'Warnings not closed', 'ck.w.open': 'Open', 'ck.w.ack': 'Acknowledged', 'ck.w.link': 'Go to warnings →',
    'ck.mujun': 'Per-mu classes ({0})', 'ck.mujunNone': 'No per-mu evaluation yet',
    'ck.sector': 'Gross output, months 1–{0}, by sector (100M yuan)',
    'ck.park': 'Gross output, months 1–{0}, by park (100M yuan)',
    'ck.series': 'Gross output', 'ck.class': 'Class {0}',
    'sev.1': 'Watch', 'sev.2': 'Warning', 'sev.3': 'Severe',
    'ws.title': 'Warnings', 'ws.open': 'Open', 'ws.acknowledged': 'Acknowledged', 'ws.closed': 'Closed', 'ws.all': 'All',
    'ws.status': 'Status', 'ws.total': '{0} warnings', 'ws.none': 'No warning matches',
    'ws.col.month': 'Month', 'ws.col.enterprise': 'Enterprise', 'ws.col.rule': 'Rule', 'ws.col.severity': 'Severity',
    'ws.col.message': 'Details', 'ws.col.status': 'Status', 'ws.col.actions': 'Actions',
    'ws.ack': 'Acknowledge', 'ws.close': 'Close', 'ws.note': 'Note (the visit, the measures taken)',
    'ws.confirm': 'Close it', 'ws.cancel': 'Cancel', 'ws.noteEmpty': 'Write a note to close', 'ws.busy': 'Sending…',
    'an.title': 'Monthly monitoring', 'an.month': 'Month', 'an.group': 'Grouping', 'an.metric': 'Metric',
    'an.g.sector': 'Sector', 'an.g.division': 'Industry division', 'an.g.park': 'Park', 'an.g.tier': 'Tier',
    'an.g.scale': 'Above/below scale', 'an.g.flag': 'Labels',
    'an.m.gross_output': 'Gross industrial output', 'an.m.sales_output': 'Sales output', 'an.m.export_value': 'Export delivery value',
    'an.m.revenue': 'Operating revenue', 'an.m.profit': 'Total profit', 'an.m.tax': 'Taxes', 'an.m.electricity': 'Electricity',
    'an.m.energy': 'Energy use', 'an.m.employees': 'Employees', 'an.m.rd_expense': 'R&D expense',
    'an.col.group': 'Group', 'an.col.members': 'Enterprises', 'an.col.share': 'Share', 'an.col.contribution': 'Contribution',
    'an.col.growing': 'Growing', 'an.none': 'No figures for this month and grouping',
    'an.chart': '{0}, months 1–{1}, by {2} ({3}); YoY (%)',
    'an.kind.turnaround': 'Back to profit', 'an.kind.loss_narrower': 'Loss narrower', 'an.kind.loss_wider': 'Loss wider',
    'mj.title': 'Per-mu evaluation', 'mj.year': 'Year', 'mj.none': 'No per-mu evaluation yet', 'mj.scheme': '{0} · {1}',
    'mj.counts': 'Classes {0} (zone, {1} enterprises)', 'mj.countsMine': 'Classes {0} (your parks, {1} enterprises)', 'mj.sum': 'Total',
    'mj.byPark': 'Classes by park', 'mj.bySector': 'Classes by sector', 'mj.ranking': 'Ranking ({0} enterprises)',
    'mj.col.rank': 'Rank', 'mj.col.enterprise': 'Enterprise', 'mj.col.total': 'Score', 'mj.col.class': 'Class',
    'mj.close': 'Close', 'mj.i.ind': 'Indicator', 'mj.i.value': 'Value', 'mj.i.unit': 'Unit', 'mj.i.baseline': 'Baseline',
    'mj.i.weight': 'Weight', 'mj.i.points': 'Points', 'mj.i.note': 'Notes',
    'mj.capped': 'capped', 'mj.floored': 'floored', 'mj.missing': 'missing', 'mj.imputed': 'imputed', 'mj.cap': 'cap',
    'mj.total': 'Score', 'mj.rank': 'Rank', 'mj.ranks': 'zone {0} · park {1} · sector {2}',
    'mj.byScore': 'Class by score', 'mj.rules': 'Rules applied', 'mj.facts': 'Facts', 'mj.final': 'Final class',
    'mj.previous': 'Last year',
    'mj.effect.force_d': 'veto: class D', 'mj.effect.bar_ab': 'not A or B', 'mj.effect.no_d': 'protected: not D',
    'mj.effect.unsuited': 'no class (T)', 'mj.effect.exclude': 'not evaluated',
    'mj.wi.title': 'What-if', 'mj.wi.hint': 'Change indicator weights or class quotas (the quotas must add up to 100); the enterprises whose class would change are listed. Nothing is stored.',
    'mj.wi.weight': '{0} weight', 'mj.wi.quota': 'Class {0} quota (%)', 'mj.wi.run': 'Calculate',
    'mj.wi.nothing': 'Nothing changed', 'mj.wi.changes': 'Enterprises whose class changes: {0}', 'mj.wi.noChange': 'No class changes',
    'mj.wi.col.enterprise': 'Enterprise', 'mj.wi.col.from': 'Class', 'mj.wi.col.to': 'New class', 'mj.wi.col.total': 'Score',
  },
};

// The register's values are in Chinese (tiers, sectors): their English, for display.
const values_en = {
  '龙头': 'Leader', '骨干': 'Backbone', '成长型': 'Growing', '规下': 'Below scale',
  '电子信息': 'Electronics', '装备制造': 'Equipment', '消费品': 'Consumer goods',
  '医疗制造': 'Medical', '其它': 'Other',
  '产值连续下降': 'Output falling', '报表逾期': 'Report late', '产值当月同比下降': 'Output down YoY',
  '规上': 'Above scale', '万千瓦时': '10k kWh', '吨标准煤': 't SCE', '人': 'persons',
};

const KEY = 'pb.lang';
let lang = 'zh';
try {
  if (localStorage.getItem(KEY) === 'en') lang = 'en';
} catch { /* storage unavailable: Chinese */ }
const listeners = [];

export function getLang() { return lang; }

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(KEY, lang); } catch { /* not kept */ }
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  for (const f of listeners) f(lang);
}

export function onLang(f) { listeners.push(f); }

/**
 * A page's own words, kept in the page's module: addWords({key: zh…}, {key: en…}). A key
 * already defined is an error (two pages would otherwise overwrite each other silently).
 */
export function addWords(zh, en) {
  for (const [l, words] of [['zh', zh], ['en', en]])
    for (const [k, v] of Object.entries(words)) {
      if (k in dict[l]) throw new Error('i18n: ' + k + ' defined twice');
      dict[l][k] = v;
    }
}

export function t(key, ...args) {
  const s = dict[lang][key] ?? dict.zh[key] ?? key;
  return s.replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

/** A value from the register (a tier, a sector) in the current language. */
export function tv(value) {
  if (lang === 'en' && value && values_en[value]) return values_en[value];
  return value ?? '';
}

document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
