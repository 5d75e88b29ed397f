// analysis.js - 月度监测 (/analysis): GET /api/v1/analysis?month=&group=&top= for one month
// (an input type=month, 2019-01 to the latest month with reports), one grouping (产业板块,
// 行业大类, 园区, 企业层级, 规上/规下, 企业标签) and one metric (工业总产值, 营业收入, …, from
// the JSON's metrics): a sortable table of the grouping's groups (当月, 同比, 1–M月累计,
// 同比, and for 1–M月 占比, 贡献率, 增长面) and an ECharts bar chart of the groups' 1–M月 with
// 同比 as a line on a second axis. Money (万元 in the API) is shown in 亿元. The choices are
// kept in the query (?month=&group=&metric=); the table keeps the API's order until sorted.
import { api, errorText } from './api.js';
import { h, fill, sortHeaders, htmlText } from './dom.js';
import { t, tv } from './i18n.js';
import { num, pct, yi } from './format.js';
import { cellNum, exportButton, withUnit } from './export.js';

const GROUPS = ['sector', 'division', 'park', 'tier', 'scale', 'flag'];
const FIRST = '2019-01';
const collator = new Intl.Collator('zh-CN', { numeric: true });

let chart = null;
window.addEventListener('resize', () => { if (chart) chart.resize(); });

// The latest month with reports (the analysis without a month), asked once per session.
let latest = null;
document.addEventListener('pb:session', () => { latest = null; });

/** The 同比 of a figure: a rate, or what its kind says (扭亏为盈, 减亏, 亏损扩大). */
export function growthText(fig) {
  if (!fig) return '—';
  if (fig.growth_kind && fig.growth_kind !== 'rate')
    return fig.growth_kind === 'none' ? '—' : t('an.kind.' + fig.growth_kind);
  return pct(fig.growth);
}
function growthClass(fig) {
  if (!fig) return 'flat';
  if (fig.growth_kind === 'turnaround' || fig.growth_kind === 'loss_narrower') return 'up';
  if (fig.growth_kind === 'loss_wider') return 'down';
  if (fig.growth_kind !== 'rate' || !fig.growth) return 'flat';
  return fig.growth > 0 ? 'up' : 'down';
}

/** A metric's name in the current language (the JSON's names are Chinese). */
function metricName(m) {
  const k = 'an.m.' + m.key;
  const s = t(k);
  return s === k ? m.name : s;
}
const isMoney = (m) => m && m.unit === '万元';
function valueText(m, v) {
  if (v === null || v === undefined) return '—';
  return isMoney(m) ? yi(v) : `${num(v, 1)} ${tv(m.unit)}`;
}
function unitText(m) { return isMoney(m) ? t('unit.yi') : tv(m.unit); }

const COLS = [
  { key: 'name', label: () => t('an.col.group') },
  { key: 'members', label: () => t('an.col.members'), num: true, get: (g) => g.members },
  { key: 'month', label: () => t('ck.cur'), num: true, get: (g, m) => fig(g, m, 'month')?.value },
  { key: 'month_yoy', label: () => t('ck.yoy'), num: true, get: (g, m) => fig(g, m, 'month')?.growth },
  { key: 'ytd', label: (mm) => t('ck.ytd', mm), num: true, get: (g, m) => fig(g, m, 'ytd')?.value },
  { key: 'ytd_yoy', label: () => t('ck.yoy'), num: true, get: (g, m) => fig(g, m, 'ytd')?.growth },
  { key: 'share', label: () => t('an.col.share'), num: true, get: (g, m) => fig(g, m, 'ytd')?.share },
  { key: 'contribution', label: () => t('an.col.contribution'), num: true,
    get: (g, m) => fig(g, m, 'ytd')?.contribution },
  { key: 'growing', label: () => t('an.col.growing'), num: true, get: (g, m) => fig(g, m, 'ytd')?.growing_pct },
];
function fig(g, metric, span) { return ((g.metrics || {})[metric] || {})[span] || null; }

export async function renderAnalysis(page, _params, query) {
  if (chart) { chart.dispose(); chart = null; }
  const st = {
    month: /^\d{4}-\d{2}$/.test(query.get('month') || '') ? query.get('month') : '',
    group: GROUPS.includes(query.get('group')) ? query.get('group') : 'park',
    metric: query.get('metric') || 'gross_output',
    sort: null, dir: 'desc',
  };
  const head = h('span', { class: 'total', id: 'an-month' });
  const month = h('input', { type: 'month', id: 'an-month-input', min: FIRST, 'aria-label': t('an.month') });
  const group = h('select', { id: 'an-group', 'aria-label': t('an.group') },
    GROUPS.map((g) => h('option', { value: g, selected: g === st.group }, t('an.g.' + g))));
  const metric = h('select', { id: 'an-metric', 'aria-label': t('an.metric') });
  const tableBox = h('div', { class: 'card table-card', id: 'an-table-box' },
    h('p', { class: 'muted empty' }, t('ent.loading')));
  const chartTitle = h('h3', { id: 'an-chart-title' });
  const chartBox = h('div', { class: 'chart an-chart', id: 'an-chart' });
  page.append(
    h('div', { class: 'page-head' }, h('h2', {}, t('an.title')), head,
      exportButton(() => exported(), 'an-export')),
    h('div', { class: 'filters an-filters' },
      h('label', { class: 'check' }, t('an.month'), month),
      h('label', { class: 'check' }, t('an.group'), group),
      h('label', { class: 'check' }, t('an.metric'), metric)),
    h('section', { class: 'card' }, chartTitle, chartBox),
    tableBox);

  let data = null;
  let shown = null; // the table as drawn: {rows, m, mm}, for the export
  const keep = () => {
    const p = new URLSearchParams();
    if (st.month && st.month !== latest) p.set('month', st.month);
    if (st.group !== 'park') p.set('group', st.group);
    if (st.metric !== 'gross_output') p.set('metric', st.metric);
    const s = p.toString();
    history.replaceState(null, '', '/analysis' + (s ? '?' + s : ''));
  };
  month.addEventListener('change', () => { if (month.value) { st.month = month.value; keep(); load(); } });
  group.addEventListener('change', () => { st.group = group.value; st.sort = null; keep(); load(); });
  metric.addEventListener('change', () => { st.metric = metric.value; keep(); draw(); });

  async function load() {
    try {
      data = await api('/analysis', { query: { month: st.month, group: st.group, top: 10 } });
    } catch (err) {
      if (!page.isConnected) return;
      data = null;
      fill(tableBox, h('div', { class: 'error-panel empty', role: 'alert' }, errorText(err)));
      fill(chartBox);
      return;
    }
    if (!page.isConnected) return;
    if (!st.month) { st.month = data.month; latest = latest || data.month; }
    if (!latest) latest = data.month;
    month.max = latest > data.month ? latest : data.month;
    month.value = data.month || '';
    head.textContent = t('ck.month', data.month || '—');
    head.dataset.month = data.month || '';
    head.dataset.group = st.group;
    const metrics = data.metrics || [];
    if (!metrics.some((m) => m.key === st.metric)) st.metric = metrics.length ? metrics[0].key : '';
    fill(metric, metrics.map((m) => h('option', { value: m.key, selected: m.key === st.metric }, metricName(m))));
    draw();
  }

  function draw() {
    if (!data) return;
    const m = (data.metrics || []).find((x) => x.key === st.metric) || { key: st.metric, name: st.metric, unit: '' };
    const mm = data.month ? String(Number(data.month.slice(5))) : 'M';
    const grouping = (data.groupings || {})[st.group] || { groups: [] };
    const groups = grouping.groups || [];
    chartTitle.textContent = t('an.chart', metricName(m), mm, t('an.g.' + st.group), unitText(m));
    drawTable(groups, m, mm);
    drawChart(groups, m);
  }

  function drawTable(groups, m, mm) {
    shown = { rows: groups, m, mm };
    if (!groups.length) { fill(tableBox, h('p', { class: 'muted empty', id: 'an-none' }, t('an.none'))); return; }
    let rows = groups;
    if (st.sort) {
      const col = COLS.find((c) => c.key === st.sort);
      const dir = st.dir === 'desc' ? -1 : 1;
      rows = [...groups].sort((a, b) => {
        if (col.key === 'name') return collator.compare(tv(a.name), tv(b.name)) * dir;
        const x = col.get(a, m.key), y = col.get(b, m.key);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x - y) * dir;
      });
    }
    shown = { rows, m, mm };
    const ths = sortHeaders(COLS, st, (c) => c.label(mm), () => drawTable(groups, m, mm),
      (key) => (key === 'name' ? 'asc' : 'desc'));
    const pctCell = (v) => h('td', { class: 'num' }, v === null || v === undefined ? '—' : `${num(v, 1)}%`);
    fill(tableBox, h('table', { class: 'grid', id: 'an-table', 'data-group': st.group, 'data-metric': m.key },
      h('thead', {}, h('tr', {}, ths)),
      h('tbody', {}, rows.map((g) => {
        const mo = fig(g, m.key, 'month'), y = fig(g, m.key, 'ytd');
        return h('tr', { 'data-group': g.name },
          h('td', {}, tv(g.name)),
          h('td', { class: 'num' }, num(g.members, 0)),
          h('td', { class: 'num an-month' }, valueText(m, mo?.value)),
          h('td', { class: 'num an-yoy ' + growthClass(mo) }, growthText(mo)),
          h('td', { class: 'num an-ytd', 'data-value': y && y.value !== null ? String(y.value) : '' }, valueText(m, y?.value)),
          h('td', { class: 'num an-yoy ' + growthClass(y) }, growthText(y)),
          pctCell(y?.share), pctCell(y?.contribution), pctCell(y?.growing_pct));
      }))));
  }

  // The table as shown, in its order, the figures in the metric's own unit (万元, not the
  // page's 亿元) and 同比 in per cent as numbers; a 同比 that is no rate (扭亏为盈) as its words.
  function exported() {
    const { rows = [], m = { name: '', unit: '' }, mm = 'M' } = shown || {};
    const rate = (f) => (!f ? null : f.growth_kind && f.growth_kind !== 'rate'
      ? (f.growth_kind === 'none' ? null : growthText(f)) : cellNum(f.growth));
    const cur = t('ck.cur'), ytd = t('ck.ytd', mm), unit = tv(m.unit);
    return {
      title: `${t('an.title')} ${data ? data.month : ''} ${t('an.g.' + st.group)} ${metricName(m)}`,
      columns: [{ label: t('an.col.group') }, { label: t('an.col.members'), num: true },
        { label: withUnit(`${metricName(m)} ${cur}`, unit), num: true },
        { label: withUnit(t('xp.yoy', cur), '%'), num: true },
        { label: withUnit(`${metricName(m)} ${ytd}`, unit), num: true },
        { label: withUnit(t('xp.yoy', ytd), '%'), num: true },
        { label: withUnit(t('an.col.share'), '%'), num: true },
        { label: withUnit(t('an.col.contribution'), '%'), num: true },
        { label: withUnit(t('an.col.growing'), '%'), num: true }],
      rows: rows.map((g) => {
        const mo = fig(g, m.key, 'month'), y = fig(g, m.key, 'ytd');
        return [tv(g.name), cellNum(g.members), cellNum(mo?.value), rate(mo), cellNum(y?.value), rate(y),
          cellNum(y?.share), cellNum(y?.contribution), cellNum(y?.growing_pct)];
      }),
    };
  }

  function drawChart(groups, m) {
    if (chart) { chart.dispose(); chart = null; }
    fill(chartBox);
    const rows = groups.map((g) => ({ name: tv(g.name), fig: fig(g, m.key, 'ytd') }))
      .filter((g) => g.fig && g.fig.value !== null && g.fig.value !== undefined);
    if (!rows.length) { chartBox.append(h('p', { class: 'muted' }, t('chart.none'))); return; }
    if (!window.echarts) { chartBox.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
    const scale = isMoney(m) ? 10000 : 1;
    chart = window.echarts.init(chartBox, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const g = rows[ps[0].dataIndex];
          return `${htmlText(g.name)}<br>${metricName(m)}: ${valueText(m, g.fig.value)}<br>${t('ck.yoy')}: ${growthText(g.fig)}`;
        } },
      xAxis: { type: 'category', data: rows.map((g) => g.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: unitText(m), axisLabel: { formatter: (v) => num(v, 0) } },
        { type: 'value', name: t('ck.yoy') + ' %', splitLine: { show: false },
          axisLabel: { formatter: (v) => num(v, 0) + '%' } },
      ],
      series: [
        { name: metricName(m), type: 'bar', data: rows.map((g) => g.fig.value / scale), barMaxWidth: 48 },
        { name: t('ck.yoy'), type: 'line', yAxisIndex: 1, symbolSize: 7,
          data: rows.map((g) => (g.fig.growth_kind === 'rate' && g.fig.growth !== null ? g.fig.growth : null)) },
      ],
      color: ['#1e5bb8', '#f59e0b'],
    });
  }

  await load();
}
