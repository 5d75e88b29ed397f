// targets.js - 目标跟踪 (/targets): the plan's indicators against their targets, from
// GET /api/v1/plan (zone-wide roles; others get the server's 403 said plainly). At the
// top the count of indicators per status (cards, in the order plan.h lists them), then a
// table of every indicator (类别, 指标, 单位, 基期值, 目标值, 最新实际值, 规划/已实现/尚需年均增长,
// 状态; sortable, filtered by category and status, exported as shown). A click on an
// indicator (?id= keeps it) shows its path: per year from the base to the target year the
// planned course and the actual (an ECharts line chart, planned dashed, actual solid, the
// target marked; and the same figures as a table). Compound indicators are followed by
// their annual growth; linear and maintained ones (shares, 累计值) by their change per year
// (the planned one is the plan's own (target - base) / years).
import { api, errorText } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, getLang, t, tv } from './i18n.js';
import { num, pct } from './format.js';
import { exportButton } from './export.js';

addWords({
  'tg.title': '目标跟踪', 'tg.asOf': '截至 {0} 年', 'tg.noActual': '尚无实际值',
  'tg.allCategories': '全部类别', 'tg.allStatuses': '全部状态', 'tg.category': '类别', 'tg.status': '状态',
  'tg.total': '共 {0} 项指标', 'tg.shown': '显示 {0} / {1} 项', 'tg.none': '没有符合条件的指标', 'tg.empty': '尚无规划指标',
  'tg.col.category': '类别', 'tg.col.name': '指标', 'tg.col.unit': '单位', 'tg.col.base': '基期值',
  'tg.col.target': '目标值', 'tg.col.latest': '最新实际值', 'tg.col.planned': '规划年均增长',
  'tg.col.achieved': '已实现年均增长', 'tg.col.required': '尚需年均增长', 'tg.col.status': '状态',
  'tg.yearOf': '（{0}年）', 'tg.perYear': '{0}/年',
  'tg.s.done': '已完成', 'tg.s.on_course': '达到时序进度', 'tg.s.at_risk': '基本达到时序进度',
  'tg.s.off_course': '未达进度', 'tg.s.no_data': '无实际值', 'tg.s.unassessable': '无法评估',
  'tg.path': '{0}：实际路径与目标路径（{1}）', 'tg.planned': '目标路径', 'tg.actual': '实际值',
  'tg.targetMark': '目标 {0}', 'tg.col.year': '年份', 'tg.col.gap': '实际与路径之差',
  'tg.close': '关闭', 'tg.hint': '点击指标查看其逐年实际路径与目标路径。',
  'tg.xpTitle': '目标跟踪 截至{0}年', 'tg.xpPath': '目标跟踪 {0} 逐年路径',
}, {
  'tg.title': 'Plan targets', 'tg.asOf': 'as of {0}', 'tg.noActual': 'no actuals yet',
  'tg.allCategories': 'All categories', 'tg.allStatuses': 'All statuses', 'tg.category': 'Category', 'tg.status': 'Status',
  'tg.total': '{0} indicators', 'tg.shown': '{0} of {1} shown', 'tg.none': 'No indicator matches', 'tg.empty': 'No plan indicators yet',
  'tg.col.category': 'Category', 'tg.col.name': 'Indicator', 'tg.col.unit': 'Unit', 'tg.col.base': 'Base',
  'tg.col.target': 'Target', 'tg.col.latest': 'Latest actual', 'tg.col.planned': 'Planned growth/yr',
  'tg.col.achieved': 'Achieved/yr', 'tg.col.required': 'Required/yr', 'tg.col.status': 'Status',
  'tg.yearOf': ' ({0})', 'tg.perYear': '{0}/yr',
  'tg.s.done': 'target reached', 'tg.s.on_course': 'on course', 'tg.s.at_risk': 'at risk',
  'tg.s.off_course': 'off course', 'tg.s.no_data': 'no data', 'tg.s.unassessable': 'cannot be assessed',
  'tg.path': '{0}: actual path against the path to target ({1})', 'tg.planned': 'Path to target', 'tg.actual': 'Actual',
  'tg.targetMark': 'Target {0}', 'tg.col.year': 'Year', 'tg.col.gap': 'Actual minus path',
  'tg.close': 'Close', 'tg.hint': 'Click an indicator for its actual path against the path to target.',
  'tg.xpTitle': 'Plan targets as of {0}', 'tg.xpPath': 'Plan targets {0} by year',
});

// The statuses in plan.h's order; 无法评估 gets a card only when an indicator has it.
const STATUSES = ['done', 'on_course', 'at_risk', 'off_course', 'no_data', 'unassessable'];
const collator = new Intl.Collator('zh-CN', { numeric: true });

let chart = null;
window.addEventListener('resize', () => { if (chart) chart.resize(); });

/** A unit in the reader's language (the plan writes them in Chinese). */
const unitOf = (r) => (r.unit === '亿元' ? t('unit.yi') : r.unit === '万元' ? t('unit.wan') : tv(r.unit || ''));
const isCompound = (r) => r.method === 'compound';
/** The pace of a row: growth % for compound rows, change per year in the unit otherwise. */
function paceText(r, growth, perYear) {
  if (isCompound(r) || r.method === 'none') return pct(growth, 2);
  if (perYear === null || perYear === undefined) return '—';
  return t('tg.perYear', `${perYear > 0 ? '+' : ''}${num(perYear, 2)}`);
}
const paceValue = (r, growth, perYear) => (isCompound(r) ? growth : perYear);
/** The planned change per year of a linear or maintained row: the plan's (T - B) / years. */
function plannedPerYear(r) {
  const span = r.target_year - r.base_year;
  if (r.base_value === null || r.target_value === null || !(span > 0)) return null;
  return (r.target_value - r.base_value) / span;
}

const COLS = [
  { key: 'category', label: 'tg.col.category', text: (r) => r.category || '' },
  { key: 'name', label: 'tg.col.name', text: (r) => r.name || '' },
  { key: 'unit', label: 'tg.col.unit', text: unitOf },
  { key: 'base', label: 'tg.col.base', num: true, get: (r) => r.base_value },
  { key: 'target', label: 'tg.col.target', num: true, get: (r) => r.target_value },
  { key: 'latest', label: 'tg.col.latest', num: true, get: (r) => r.latest_value },
  { key: 'planned', label: 'tg.col.planned', num: true, get: (r) => paceValue(r, r.planned_growth, plannedPerYear(r)) },
  { key: 'achieved', label: 'tg.col.achieved', num: true, get: (r) => paceValue(r, r.achieved_growth, r.achieved_per_year) },
  { key: 'required', label: 'tg.col.required', num: true, get: (r) => paceValue(r, r.required_growth, r.required_per_year) },
  { key: 'status', label: 'tg.col.status', get: (r) => STATUSES.indexOf(r.status) },
];

/** The one year all rows share for `key` ("base_year"), or null. */
function sharedYear(rows, key) {
  const ys = new Set(rows.map((r) => r[key]).filter((y) => y !== null && y !== undefined));
  return ys.size === 1 ? [...ys][0] : null;
}

export async function renderTargets(page, _params, query) {
  if (chart) { chart.dispose(); chart = null; }
  const head = h('span', { class: 'total', id: 'tg-as-of' });
  const loading = h('p', { class: 'muted' }, t('ent.loading'));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('tg.title')), head), loading);

  let d;
  try {
    d = await api('/plan', { query: { lang: getLang() === 'en' ? 'en' : 'zh' } });
  } catch (err) {
    if (page.isConnected)
      loading.replaceWith(h('section', { class: 'card error-panel', id: 'tg-error', role: 'alert',
        'data-status': String(err.status || 0) }, errorText(err)));
    return;
  }
  if (!page.isConnected) return;
  loading.remove();
  head.textContent = d.as_of ? t('tg.asOf', d.as_of) : t('tg.noActual');
  head.dataset.asOf = d.as_of ? String(d.as_of) : '';
  const all = d.indicators || [];
  if (!all.length) { page.append(h('section', { class: 'card', id: 'tg-none' }, t('tg.empty'))); return; }

  const counts = d.counts || {};
  page.append(h('ul', { class: 'tg-cards', id: 'tg-counts' },
    STATUSES.filter((s) => s !== 'unassessable' || counts[s]).map((s) =>
      h('li', { class: 'tg-count tg-' + s, 'data-status': s },
        h('span', {}, t('tg.s.' + s)), h('strong', {}, num(counts[s] || 0, 0))))));

  const st = { category: '', status: '', sort: null, dir: 'asc',
    id: Number(query.get('id')) || null };
  const categories = [...new Set(all.map((r) => r.category).filter(Boolean))];
  const catSel = h('select', { id: 'tg-category', 'aria-label': t('tg.category') },
    h('option', { value: '' }, t('tg.allCategories')),
    categories.map((c) => h('option', { value: c }, c)));
  const statSel = h('select', { id: 'tg-status', 'aria-label': t('tg.status') },
    h('option', { value: '' }, t('tg.allStatuses')),
    STATUSES.filter((s) => counts[s]).map((s) => h('option', { value: s }, t('tg.s.' + s))));
  const shown = h('span', { class: 'total', id: 'tg-shown' });
  const box = h('div', { class: 'table-card', id: 'tg-table-box' });
  const detail = h('section', { class: 'card tg-detail', id: 'tg-detail', hidden: true });
  const baseYear = sharedYear(all, 'base_year'), targetYear = sharedYear(all, 'target_year');
  const colLabel = (c) => t(c.label) + (c.key === 'base' && baseYear ? t('tg.yearOf', baseYear)
    : c.key === 'target' && targetYear ? t('tg.yearOf', targetYear) : '');
  page.append(
    h('div', { class: 'filters tg-filters' },
      h('label', { class: 'check' }, t('tg.category'), catSel),
      h('label', { class: 'check' }, t('tg.status'), statSel),
      shown,
      exportButton(() => ({
        title: t('tg.xpTitle', d.as_of || ''),
        columns: COLS.map((c) => ({ label: colLabel(c), num: !!c.num && !['planned', 'achieved', 'required'].includes(c.key) }))
          .concat([{ label: t('tg.col.latest') + t('tg.col.year'), num: true }]),
        rows: visible().map((r) => [r.category, r.name, unitOf(r), r.base_value, r.target_value, r.latest_value,
          paceText(r, r.planned_growth, plannedPerYear(r)), paceText(r, r.achieved_growth, r.achieved_per_year),
          paceText(r, r.required_growth, r.required_per_year), r.status_label, r.latest_year]),
      }))),
    h('p', { class: 'muted tg-hint' }, t('tg.hint')),
    h('section', { class: 'card' }, box),
    detail);
  catSel.addEventListener('change', () => { st.category = catSel.value; drawTable(); });
  statSel.addEventListener('change', () => { st.status = statSel.value; drawTable(); });

  function visible() {
    let rows = all.filter((r) => (!st.category || r.category === st.category) && (!st.status || r.status === st.status));
    if (st.sort) {
      const col = COLS.find((c) => c.key === st.sort);
      const dir = st.dir === 'desc' ? -1 : 1;
      rows = [...rows].sort((a, b) => {
        if (col.text) return collator.compare(col.text(a), col.text(b)) * dir;
        const x = col.get(a), y = col.get(b);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x - y) * dir;
      });
    }
    return rows;
  }

  function drawTable() {
    const rows = visible();
    shown.textContent = rows.length === all.length ? t('tg.total', num(all.length, 0))
      : t('tg.shown', num(rows.length, 0), num(all.length, 0));
    if (!rows.length) { fill(box, h('p', { class: 'muted empty', id: 'tg-empty' }, t('tg.none'))); return; }
    const ths = sortHeaders(COLS, st, colLabel, drawTable, (k) => (COLS.find((c) => c.key === k).text ? 'asc' : 'desc'));
    fill(box, h('table', { class: 'grid', id: 'tg-table' },
      h('thead', {}, h('tr', {}, ths)),
      h('tbody', {}, rows.map((r) => h('tr', { class: 'link-row' + (r.id === st.id ? ' selected' : ''),
        'data-id': String(r.id), 'data-status': r.status, tabindex: 0,
        onclick: () => select(r.id), onkeydown: (ev) => { if (ev.key === 'Enter') select(r.id); } },
      h('td', {}, r.category || ''),
      h('td', { class: 'tg-name' }, r.name),
      h('td', {}, unitOf(r)),
      h('td', { class: 'num' }, num(r.base_value)),
      h('td', { class: 'num' }, num(r.target_value)),
      h('td', { class: 'num' }, num(r.latest_value),
        r.latest_year ? h('span', { class: 'muted tg-year' }, t('tg.yearOf', r.latest_year)) : null),
      h('td', { class: 'num' }, paceText(r, r.planned_growth, plannedPerYear(r))),
      h('td', { class: 'num' }, paceText(r, r.achieved_growth, r.achieved_per_year)),
      h('td', { class: 'num' }, paceText(r, r.required_growth, r.required_per_year)),
      h('td', {}, h('span', { class: 'tg-status tg-' + r.status }, r.status_label)))))));
  }

  function select(id) {
    st.id = id;
    history.replaceState(null, '', '/targets?id=' + id);
    for (const tr of box.querySelectorAll('tr.link-row')) tr.classList.toggle('selected', Number(tr.dataset.id) === id);
    drawDetail();
  }

  function drawDetail() {
    if (chart) { chart.dispose(); chart = null; }
    const r = all.find((x) => x.id === st.id);
    if (!r) { detail.hidden = true; fill(detail); return; }
    detail.hidden = false;
    detail.dataset.id = String(r.id);
    const path = r.path || [];
    const chartBox = h('div', { class: 'chart tg-chart', id: 'tg-chart' });
    const gap = (p) => (p.actual !== null && p.actual !== undefined && p.planned !== null ? p.actual - p.planned : null);
    fill(detail,
      h('div', { class: 'tg-detail-head' },
        h('h3', { id: 'tg-detail-name' }, t('tg.path', r.name, unitOf(r))),
        h('span', { class: 'tg-status tg-' + r.status }, r.status_label),
        h('button', { type: 'button', class: 'ghost', id: 'tg-close',
          onclick: () => { st.id = null; history.replaceState(null, '', '/targets'); drawTable(); drawDetail(); } },
        t('tg.close'))),
      r.notes ? h('p', { class: 'muted' }, r.notes) : null,
      chartBox,
      h('div', { class: 'tg-path-head' }, exportButton(() => ({
        title: t('tg.xpPath', r.name),
        columns: [{ label: t('tg.col.year'), num: true }, { label: `${t('tg.planned')}（${unitOf(r)}）`, num: true },
          { label: `${t('tg.actual')}（${unitOf(r)}）`, num: true }, { label: t('tg.col.gap'), num: true }],
        rows: path.map((p) => [p.year, p.planned, p.actual, gap(p)]),
      }))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'tg-path' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('tg.col.year')),
          h('th', { scope: 'col', class: 'num' }, t('tg.planned')),
          h('th', { scope: 'col', class: 'num' }, t('tg.actual')),
          h('th', { scope: 'col', class: 'num' }, t('tg.col.gap')))),
        h('tbody', {}, path.map((p) => h('tr', { 'data-year': String(p.year) },
          h('td', {}, String(p.year)),
          h('td', { class: 'num tg-planned', 'data-value': p.planned === null ? '' : String(p.planned) }, num(p.planned)),
          h('td', { class: 'num tg-actual', 'data-value': p.actual === null ? '' : String(p.actual) }, num(p.actual)),
          h('td', { class: 'num' }, gap(p) === null ? '—' : `${gap(p) > 0 ? '+' : ''}${num(gap(p))}`)))))));
    drawChart(chartBox, r, path);
    detail.scrollIntoView({ block: 'nearest' });
  }

  drawTable();
  if (st.id) drawDetail();
}

function drawChart(el, r, path) {
  if (!path.length) { el.append(h('p', { class: 'muted' }, t('chart.none'))); return; }
  if (!window.echarts) { el.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
  chart = window.echarts.init(el, null, { renderer: 'canvas' });
  const unit = unitOf(r);
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${num(v)} ${unit}`) },
    xAxis: { type: 'category', boundaryGap: false, data: path.map((p) => String(p.year)) },
    yAxis: { type: 'value', name: unit, scale: true, axisLabel: { formatter: (v) => num(v, 1) } },
    series: [
      { name: t('tg.planned'), type: 'line', symbolSize: 6, lineStyle: { type: 'dashed', width: 2 },
        data: path.map((p) => p.planned),
        markLine: r.target_value === null || r.target_value === undefined ? undefined : {
          symbol: 'none', silent: true, lineStyle: { type: 'dotted', color: '#b91c1c' },
          label: { formatter: () => t('tg.targetMark', num(r.target_value)), position: 'insideEndTop' },
          data: [{ yAxis: r.target_value }] } },
      { name: t('tg.actual'), type: 'line', symbolSize: 8, lineStyle: { width: 3 }, connectNulls: false,
        data: path.map((p) => p.actual) },
    ],
    color: ['#6b7280', '#1e5bb8'],
  });
}
