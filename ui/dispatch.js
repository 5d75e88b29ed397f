// dispatch.js - 调度/赛马榜 (/dispatch?month=YYYY-MM): the monthly dispatch report from GET
// /api/v1/dispatch. A month picker and 下载调度表 (the printable .xlsx, GET
// /api/v1/dispatch.xlsx); per park and team the month, 1–M月, the year's target and 完成率 of
// each target figure (a table, exported as shown); the stages entered in the month and the
// projects held up at its end; the ranking (赛马榜: the overall list and the single-topic
// lists as tabs, for 1–M月 or the month, each with its parts and weights, a table and an
// ECharts bar chart of the scores; the teams' ranking below); the activity index by week
// (an ECharts line per park, and a table). A park operator gets its parks' rows, and the
// whole ranking's ranks and scores (the figures of its own parks only).
import { api, errorText } from './api.js';
import { h, fill } from './dom.js';
import { addWords, getLang, t } from './i18n.js';
import { num, yi } from './format.js';
import { cellNum, exportButton, withUnit } from './export.js';
import { stageName } from './projects.js';

addWords({
  'nav.dispatch': '调度/赛马榜', 'dp.title': '调度/赛马榜', 'dp.month': '月份', 'dp.download': '下载调度表（.xlsx）',
  'dp.targets': '目标完成情况（{0}年1–{1}月，序时进度 {2}）', 'dp.unit': '名称',
  'dp.cur': '当月', 'dp.ytd': '1–{0}月', 'dp.target': '年度目标', 'dp.rate': '完成率',
  'dp.team': '团队：{0}', 'dp.moved': '本月项目进展', 'dp.stuck': '久滞项目（截至月末）',
  'dp.none': '无', 'dp.project': '项目', 'dp.park': '园区', 'dp.teamCol': '招商团队',
  'dp.stage': '阶段', 'dp.date': '日期', 'dp.since': '起始日期', 'dp.days': '天数', 'dp.limit': '限定天数',
  'dp.ranking': '赛马榜', 'dp.p.ytd': '1–{0}月累计', 'dp.p.month': '当月',
  'dp.rank': '名次', 'dp.score': '得分', 'dp.parts': '计分：{0}', 'dp.weight': '{0}（权重 {1}，{2}）',
  'dp.n.max': '与最高者相比', 'dp.n.range': '按区间', 'dp.n.target': '对照序时目标，封顶 {0}',
  'dp.teams': '团队排名', 'dp.activity': '招商活跃指数（按周）', 'dp.week': '周',
  'dp.xpTargets': '调度 {0} 目标完成情况', 'dp.xpMoved': '调度 {0} 本月项目进展', 'dp.xpStuck': '调度 {0} 久滞项目',
  'dp.xpRank': '赛马榜 {0} {1}', 'dp.xpAct': '招商活跃指数 {0}', 'dp.hidden': '—',
  'dp.totalRow': '合计', 'dp.xpTeams': '赛马榜 {0} {1} 团队排名',
}, {
  'nav.dispatch': 'Dispatch', 'dp.title': 'Dispatch & ranking', 'dp.month': 'Month', 'dp.download': 'Download the dispatch (.xlsx)',
  'dp.targets': 'Targets ({0}, Jan–month {1}; time elapsed {2})', 'dp.unit': 'Name',
  'dp.cur': 'Month', 'dp.ytd': 'Jan–{0}', 'dp.target': 'Year target', 'dp.rate': 'Attained',
  'dp.team': 'Team: {0}', 'dp.moved': 'Moves this month', 'dp.stuck': 'Held up at month end',
  'dp.none': 'None', 'dp.project': 'Project', 'dp.park': 'Park', 'dp.teamCol': 'Team',
  'dp.stage': 'Stage', 'dp.date': 'Date', 'dp.since': 'Since', 'dp.days': 'Days', 'dp.limit': 'Limit',
  'dp.ranking': 'Ranking', 'dp.p.ytd': 'Jan–{0}', 'dp.p.month': 'This month',
  'dp.rank': 'Rank', 'dp.score': 'Score', 'dp.parts': 'Scored by: {0}', 'dp.weight': '{0} (weight {1}, {2})',
  'dp.n.max': 'against the leader', 'dp.n.range': 'by range', 'dp.n.target': 'against the target to date, capped at {0}',
  'dp.teams': 'Teams', 'dp.activity': 'Activity index by week', 'dp.week': 'Week',
  'dp.xpTargets': 'Dispatch {0} targets', 'dp.xpMoved': 'Dispatch {0} moves', 'dp.xpStuck': 'Dispatch {0} held up',
  'dp.xpRank': 'Ranking {0} {1}', 'dp.xpAct': 'Activity index {0}', 'dp.hidden': '—',
  'dp.totalRow': 'Total', 'dp.xpTeams': 'Ranking {0} {1} teams',
});

// The target figures shown, in the report's order; money ones in 万元.
const FIGS = ['signed_count', 'signed_value', 'funds', 'started_count', 'producing_count'];
const MONEY = new Set(['signed_value', 'funds']);
// The server names the figures in Chinese only (src/core/dispatch.c): their English by key,
// the ranking's (rf) and the activity index's (af).
const FIG_EN = {
  signed_count: 'Projects signed', signed_value: 'Contract value', funds: 'Funds in place',
  started_count: 'Projects started', producing_count: 'Projects in production', comply_rate: 'Contract performance',
  signings: 'Signings', starts: 'Starts', visits_out: 'Visits made', visits_in: 'Visits received',
  events: 'Promotion events', publicity: 'Publicity', output_growth: 'Output growth',
};
/** A figure's name (key, the server's Chinese name) in the reader's language. */
const figLabel = (key, name) => (getLang() === 'en' && FIG_EN[key]) || name || key;
const figName = (d, k) => figLabel(k, ((d.figures || []).find((f) => f.key === k) || {}).name);
const ratePct = (v) => (v === null || v === undefined ? '—' : `${num(v * 100, 1)}%`);
const figText = (k, v) => (MONEY.has(k) ? num(v, 2) : num(v, 0));

let charts = [];
function disposeCharts() { for (const c of charts) c.dispose(); charts = []; rankChart = null; }
window.addEventListener('resize', () => { for (const c of charts) c.resize(); });

function thisMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export async function renderDispatch(page, _params, query) {
  disposeCharts();
  const month = query.get('month') || '';
  const picker = h('input', { type: 'month', id: 'dp-month', value: month, 'aria-label': t('dp.month') });
  const dl = h('a', { class: 'ghost dp-xlsx', id: 'dp-xlsx', download: '' }, t('dp.download'));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('dp.title')),
    h('label', { class: 'check' }, t('dp.month'), picker), dl));
  picker.addEventListener('change', () => {
    // a history entry per month looked at (none twice in a row), so that 后退 goes back a month
    const to = '/dispatch' + (picker.value ? '?month=' + picker.value : '');
    if (to !== location.pathname + location.search) history.pushState(null, '', to);
    load(picker.value);
  });
  const body = h('div', { id: 'dp-body' });
  page.append(body);
  // months picked one after the other: only the answer to the last one is drawn (an
  // earlier one answered late would otherwise be drawn below it)
  let asked = 0;
  await load(month);

  async function load(m) {
    const mine = ++asked;
    disposeCharts();
    fill(body, h('p', { class: 'muted' }, t('ent.loading')));
    let d;
    try {
      d = await api('/dispatch', { query: { month: m } });
    } catch (err) {
      if (page.isConnected && mine === asked) fill(body, h('section', { class: 'card error-panel', id: 'dp-error', role: 'alert',
        'data-status': String(err.status || 0) }, errorText(err)));
      return;
    }
    if (!page.isConnected || mine !== asked) return;
    fill(body);
    picker.value = d.month || thisMonth();
    dl.href = '/api/v1/dispatch.xlsx?month=' + encodeURIComponent(d.month);
    body.dataset.month = d.month;
    drawTargets(body, d);
    drawMoves(body, d);
    drawRanking(body, d);
    drawActivity(body, d.activity, d.month);
  }
}

function drawTargets(box, d) {
  const units = [...(d.parks || []).map((u) => ({ ...u, label: u.name, kind: 'park' })),
    ...(d.teams || []).map((u) => ({ ...u, label: t('dp.team', u.name), kind: 'team' })),
    ...(d.total ? [{ ...d.total, label: t('dp.totalRow'), kind: 'total' }] : [])];
  const ytd = t('dp.ytd', d.months);
  const cols = [];
  for (const k of FIGS) for (const [part, lab] of [['month', t('dp.cur')], ['ytd', ytd], ['target', t('dp.target')], ['rate', t('dp.rate')]]) {
    const name = `${figName(d, k)} ${lab}`, wan = MONEY.has(k) && part !== 'rate' ? t('unit.wan') : '';
    // the export's rates are numbers in per cent (35 for 35%): its column says so
    cols.push({ k, part, label: withUnit(name, wan), xp: withUnit(name, wan || (part === 'rate' ? '%' : '')) });
  }
  const cell = (u, c) => (u[c.part] || {})[c.k];
  box.append(h('section', { class: 'card', id: 'dp-targets' },
    h('div', { class: 'dp-head' }, h('h3', {}, t('dp.targets', d.year, d.months, ratePct(d.progress))),
      exportButton(() => ({ title: t('dp.xpTargets', d.month),
        columns: [{ label: t('dp.unit') }, ...cols.map((c) => ({ label: c.xp, num: true }))],
        rows: units.map((u) => [u.label, ...cols.map((c) => cellNum(c.part === 'rate' && cell(u, c) !== null && cell(u, c) !== undefined ? cell(u, c) * 100 : cell(u, c)))]) }), 'dp-targets-export')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid dp-targets', id: 'dp-targets-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dp.unit')), cols.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)))),
      h('tbody', {}, units.map((u) => h('tr', { class: 'dp-' + u.kind, 'data-name': u.name, 'data-kind': u.kind },
        h('th', { scope: 'row' }, u.label),
        cols.map((c) => h('td', { class: 'num', 'data-fig': `${c.part}.${c.k}`,
          'data-value': cell(u, c) === null || cell(u, c) === undefined ? '' : String(cell(u, c)) },
        c.part === 'rate' ? ratePct(cell(u, c)) : figText(c.k, cell(u, c)))))))))));
}

function projectTable(id, rows, cols, title) {
  return h('section', { class: 'card', id },
    h('div', { class: 'dp-head' }, h('h3', {}, title.text),
      exportButton(() => ({ title: title.xp, columns: cols.map((c) => ({ label: c.label, num: !!c.num })),
        rows: rows.map((r) => cols.map((c) => r[c.k])) }), id + '-export')),
    rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: id + '-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-id': String(r.id), 'data-stage': r.stage },
        cols.map((c) => h('td', { class: c.num ? 'num' : null }, c.num ? num(r[c.k], 0) : (r[c.k] || '')))))))) :
      h('p', { class: 'muted empty' }, t('dp.none')));
}

// the rows of moved / stuck with their stage named in the reader's language (the server's
// stage_name is Chinese)
const named = (rows) => (rows || []).map((r) => ({ ...r, stage_name: r.stage ? stageName(r.stage) : r.stage_name }));

function drawMoves(box, d) {
  const base = [{ k: 'name', label: t('dp.project') }, { k: 'park', label: t('dp.park') }, { k: 'team', label: t('dp.teamCol') },
    { k: 'stage_name', label: t('dp.stage') }];
  box.append(h('div', { class: 'dp-two' },
    projectTable('dp-moved', named(d.moved), [...base, { k: 'date', label: t('dp.date') }],
      { text: t('dp.moved'), xp: t('dp.xpMoved', d.month) }),
    projectTable('dp-stuck', named(d.stuck), [...base, { k: 'since', label: t('dp.since') },
      { k: 'days', label: t('dp.days'), num: true }, { k: 'limit', label: t('dp.limit'), num: true }],
    { text: t('dp.stuck'), xp: t('dp.xpStuck', d.month) })));
}

function partText(p) {
  const norm = p.norm === 'target' ? t('dp.n.target', p.cap === null ? '—' : num(p.cap, 0)) : t('dp.n.' + p.norm);
  return t('dp.weight', figLabel(p.figure, p.figure_name), num(p.weight, 2), norm);
}

function drawRanking(box, d) {
  const st = { period: 'ytd', list: 0 };
  const tabs = h('div', { class: 'dp-tabs', role: 'tablist', id: 'dp-tabs' });
  const periods = h('div', { class: 'dp-periods', id: 'dp-periods' });
  const inner = h('div', { id: 'dp-rank-body' });
  box.append(h('section', { class: 'card', id: 'dp-ranking' }, h('h3', {}, t('dp.ranking')), periods, tabs, inner));
  const en = getLang() === 'en';
  function draw() {
    disposeRankChart();
    const r = d.ranking[st.period];
    const l = r.lists[st.list];
    fill(periods, ['ytd', 'month'].map((p) => h('button', { type: 'button', class: 'ghost' + (p === st.period ? ' active' : ''),
      'data-period': p, 'aria-pressed': String(p === st.period), onclick: () => { st.period = p; draw(); } },
    p === 'ytd' ? t('dp.p.ytd', d.months) : t('dp.p.month'))));
    fill(tabs, r.lists.map((x, i) => h('button', { type: 'button', role: 'tab', class: 'tab' + (i === st.list ? ' active' : ''),
      'data-list': x.key, 'aria-selected': String(i === st.list), onclick: () => { st.list = i; draw(); } },
    en ? x.name_en : x.name)));
    const partCols = l.parts.map((p) => figLabel(p.figure, p.figure_name));
    const table = (rows, id, kind) => h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, t('dp.rank')), h('th', { scope: 'col' }, t(kind === 'park' ? 'dp.park' : 'dp.teamCol')),
        h('th', { scope: 'col', class: 'num' }, t('dp.score')), partCols.map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
      h('tbody', {}, rows.map((x) => h('tr', { 'data-name': x.name, 'data-rank': String(x.rank) },
        h('td', { class: 'num' }, String(x.rank)), h('th', { scope: 'row' }, x.name),
        h('td', { class: 'num dp-score', 'data-value': x.score === null || x.score === undefined ? '' : String(x.score) }, num(x.score, 2)),
        l.parts.map((_, i) => h('td', { class: 'num' }, x.points ? num(x.points[i], 2) : t('dp.hidden'))))))));
    const chartEl = h('div', { class: 'chart dp-chart', id: 'dp-rank-chart' });
    // a ranking table as shown: the parks' (title dp.xpRank) or the teams' (dp.xpTeams)
    const exported = (rows, kind) => () => ({
      title: t(kind === 'park' ? 'dp.xpRank' : 'dp.xpTeams', d.month, en ? l.name_en : l.name),
      columns: [{ label: t('dp.rank'), num: true }, { label: t(kind === 'park' ? 'dp.park' : 'dp.teamCol') },
        { label: t('dp.score'), num: true }, ...partCols.map((c) => ({ label: c, num: true }))],
      rows: rows.map((x) => [x.rank, x.name, cellNum(x.score), ...l.parts.map((_, i) => (x.points ? cellNum(x.points[i]) : null))]),
    });
    fill(inner,
      h('p', { class: 'muted', id: 'dp-parts' }, t('dp.parts', l.parts.map(partText).join('；'))),
      h('div', { class: 'dp-head' }, h('span'), exportButton(exported(l.parks, 'park'), 'dp-rank-export')),
      table(l.parks, 'dp-rank-table', 'park'),
      chartEl,
      l.teams.length ? [h('div', { class: 'dp-head' }, h('h4', {}, t('dp.teams')), exportButton(exported(l.teams, 'team'), 'dp-team-export')),
        table(l.teams, 'dp-team-table', 'team')] : null);
    barChart(chartEl, l.parks);
  }
  draw();
}

let rankChart = null;
function disposeRankChart() {
  if (rankChart) { charts = charts.filter((c) => c !== rankChart); rankChart.dispose(); rankChart = null; }
}

function barChart(el, rows) {
  if (!window.echarts) { el.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
  rankChart = window.echarts.init(el, null, { renderer: 'canvas' });
  charts.push(rankChart);
  const rs = [...rows].reverse();
  rankChart.setOption({
    animation: false,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => num(v, 2) },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rs.map((x) => x.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ name: t('dp.score'), type: 'bar', data: rs.map((x) => x.score),
      label: { show: true, position: 'right', formatter: (p) => num(p.value, 1) } }],
    color: ['#1e5bb8'],
  });
}

function drawActivity(box, a, month) {
  if (!a) return;
  const periods = a.periods || [];
  const label = (p) => p.from.slice(5) + '–' + p.to.slice(5);
  const chartEl = h('div', { class: 'chart dp-chart', id: 'dp-act-chart' });
  box.append(h('section', { class: 'card', id: 'dp-activity' },
    h('div', { class: 'dp-head' }, h('h3', {}, t('dp.activity')),
      exportButton(() => ({ title: t('dp.xpAct', month),
        columns: [{ label: t('dp.week') }, ...a.parks.map((p) => ({ label: p.name, num: true }))],
        rows: periods.map((p, i) => [label(p), ...a.parks.map((k) => cellNum(k.index[i]))]) }), 'dp-act-export')),
    h('p', { class: 'muted' }, t('dp.parts', (a.parts || []).map(partText).join('；'))),
    chartEl,
    h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'dp-act-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dp.week')), a.parks.map((p) => h('th', { scope: 'col', class: 'num' }, p.name)))),
      h('tbody', {}, periods.map((p, i) => h('tr', { 'data-from': p.from },
        h('th', { scope: 'row' }, label(p)), a.parks.map((k) => h('td', { class: 'num' }, num(k.index[i], 1))))))))));
  if (!window.echarts) { chartEl.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
  const c = window.echarts.init(chartEl, null, { renderer: 'canvas' });
  charts.push(c);
  c.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => num(v, 1) },
    xAxis: { type: 'category', boundaryGap: false, data: periods.map(label) },
    yAxis: { type: 'value', min: 0 },
    series: a.parks.map((k) => ({ name: k.name, type: 'line', symbolSize: 5, data: k.index })),
  });
}

addWords({ 'dp.ck.title': '招商引资（{0}年1–{1}月）', 'dp.ck.signed': '签约项目', 'dp.ck.value': '签约金额',
  'dp.ck.funds': '到位资金', 'dp.ck.started': '开工项目', 'dp.ck.unitGe': '个', 'dp.ck.link': '查看调度/赛马榜 →' },
{ 'dp.ck.title': 'Investment ({0}, Jan–month {1})', 'dp.ck.signed': 'Projects signed', 'dp.ck.value': 'Contract value',
  'dp.ck.funds': 'Funds in place', 'dp.ck.started': 'Projects started', 'dp.ck.unitGe': '', 'dp.ck.link': 'Dispatch & ranking →' });

/**
 * The cockpit's pipeline card (#ck-pipeline): the year's signed count and value, funds in
 * place and starts to the dispatch's default month, from GET /api/v1/dispatch (the zone's
 * total, or the sum of a park operator's parks; a figure missing everywhere is "—", not 0).
 * Filled when the answer comes; removed when the user may not see it (403); any other
 * failure (the network, the server) is said in the card.
 */
const count = (v) => (v === null ? '—' : `${num(v, 0)} ${t('dp.ck.unitGe')}`.trim());

export function pipelineCard() {
  const card = h('section', { class: 'card ck-card', id: 'ck-pipeline' }, h('h3', {}, t('dp.title')));
  api('/dispatch').then((d) => {
    if (!card.isConnected && !card.parentNode) return;
    const have = (v) => typeof v === 'number' && Number.isFinite(v);
    const sum = (k) => {
      if (d.total) return have((d.total.ytd || {})[k]) ? d.total.ytd[k] : null;
      const vs = (d.parks || []).map((p) => (p.ytd || {})[k]).filter(have);
      return vs.length ? vs.reduce((s, v) => s + v, 0) : null;
    };
    const item = (key, text) => h('div', { class: 'ck-sub', 'data-fig': key }, h('span', { class: 'kpi-label' }, t('dp.ck.' + key)), h('strong', {}, text));
    fill(card, h('h3', {}, t('dp.ck.title', d.year, d.months)),
      h('div', { class: 'ck-main' }, h('span', { class: 'kpi-label' }, t('dp.ck.value')),
        h('strong', { class: 'ck-ytd', 'data-value': String(sum('signed_value') ?? '') }, yi(sum('signed_value')))),
      item('signed', count(sum('signed_count'))),
      item('funds', yi(sum('funds'))),
      item('started', count(sum('started_count'))),
      h('a', { href: '/dispatch?month=' + encodeURIComponent(d.month) }, t('dp.ck.link')));
    card.dataset.month = d.month;
  }).catch((err) => {
    if (err && err.status === 403) { card.remove(); return; }
    fill(card, h('h3', {}, t('dp.title')), h('p', { class: 'error', role: 'alert' }, errorText(err)));
  });
  return card;
}
