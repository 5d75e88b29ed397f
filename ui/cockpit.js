// cockpit.js - 驾驶舱 (route /) for zone-wide and park users: GET /api/v1/summary, the latest
// month's headline cards (工业总产值, 营业收入, 税金, 利润总额: 当月 and 1–M月累计 in 亿元 with
// 同比), the reporting enterprises, the warnings not yet closed by severity, the 亩均 class
// mix (an ECharts pie, when the user sees one) and bar charts (ECharts) of 工业总产值 1–M月
// by sector and by park with 同比 in the tooltip. A park operator's summary covers its parks.
import { api, errorText } from './api.js';
import { h, htmlText } from './dom.js';
import { t, tv } from './i18n.js';
import { num, pct, yi } from './format.js';
import { pipelineCard } from './dispatch.js';

const METRICS = ['gross_output', 'revenue', 'tax', 'profit'];
const CLASSES = ['A', 'B', 'C', 'D', 'T'];
const CLASS_COLORS = { A: '#15803d', B: '#1e5bb8', C: '#f59e0b', D: '#b91c1c', T: '#6b7280' };

let charts = [];
function disposeCharts() {
  for (const c of charts) c.dispose();
  charts = [];
}
window.addEventListener('resize', () => { for (const c of charts) c.resize(); });

/** The 同比 of a figure: a rate in per cent, or what the growth kind says (扭亏 …). */
function growthText(fig) {
  if (!fig || fig.growth === null || fig.growth === undefined) return '—';
  return fig.growth_kind && fig.growth_kind !== 'rate' ? '—' : pct(fig.growth);
}
function growthClass(fig) {
  if (!fig || fig.growth_kind !== 'rate' || !fig.growth) return 'flat';
  return fig.growth > 0 ? 'up' : 'down';
}

function metricCard(key, total, month) {
  const m = (total[key] || {}).month, y = (total[key] || {}).ytd;
  return h('section', { class: 'card ck-card', id: 'ck-' + key, 'data-metric': key },
    h('h3', {}, t('ck.m.' + key)),
    h('div', { class: 'ck-main' },
      h('span', { class: 'kpi-label' }, t('ck.ytd', month)),
      h('strong', { class: 'ck-ytd' }, y ? yi(y.value) : '—'),
      h('span', { class: 'ck-yoy ' + growthClass(y) }, `${t('ck.yoy')} ${growthText(y)}`)),
    h('div', { class: 'ck-sub' },
      h('span', { class: 'kpi-label' }, t('ck.cur')),
      h('span', { class: 'ck-month' }, m ? yi(m.value) : '—'),
      h('span', { class: 'ck-yoy ' + growthClass(m) }, `${t('ck.yoy')} ${growthText(m)}`)));
}

function chartBox(id) { return h('div', { class: 'chart ck-chart', id }); }

function barChart(el, grouping, en) {
  const groups = ((grouping && grouping.groups) || [])
    .map((g) => ({ name: tv(g.name), fig: ((g.metrics || {}).gross_output || {}).ytd }))
    .filter((g) => g.fig && g.fig.value !== null && g.fig.value !== undefined)
    .sort((a, b) => a.fig.value - b.fig.value);
  if (!groups.length) { el.append(h('p', { class: 'muted' }, t('chart.none'))); return; }
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  charts.push(c);
  c.setOption({
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => {
        const g = groups[ps[0].dataIndex];
        return `${htmlText(g.name)}<br>${t('ck.series')}: ${yi(g.fig.value)}<br>${t('ck.yoy')}: ${growthText(g.fig)}`;
      } },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => num(v, 0) } },
    yAxis: { type: 'category', data: groups.map((g) => g.name),
      axisLabel: { width: en ? 140 : 120, overflow: 'truncate' } },
    series: [{ name: t('ck.series'), type: 'bar', data: groups.map((g) => g.fig.value / 10000),
      label: { show: true, position: 'right', formatter: (p) => num(p.value, 1) } }],
    color: ['#1e5bb8'],
  });
}

function pieChart(el, counts) {
  const data = CLASSES.map((k) => ({ name: t('ck.class', k), value: counts[k] || 0,
    itemStyle: { color: CLASS_COLORS[k] } }));
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  charts.push(c);
  c.setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (p) => `${htmlText(p.name)}: ${num(p.value, 0)} (${num(p.percent, 1)}%)` },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], data,
      label: { formatter: (p) => `${p.name} ${p.value}` } }],
  });
}

export async function renderCockpit(page) {
  disposeCharts();
  const month = h('span', { class: 'total', id: 'ck-month' });
  page.append(h('div', { class: 'page-head' }, h('h2', { id: 'ck-title' }, t('ck.title')), month));
  const loading = h('p', { class: 'muted' }, t('ck.loading'));
  page.append(loading);
  let s;
  try {
    s = await api('/summary');
  } catch (err) {
    if (page.isConnected) loading.replaceWith(h('div', { class: 'card error-panel', role: 'alert' }, errorText(err)));
    return;
  }
  if (!page.isConnected) return;
  loading.remove();
  const a = s.analysis || {};
  const total = a.total || {};
  const m = a.month ? String(Number(a.month.slice(5))) : '—';
  month.textContent = t('ck.month', a.month || '—');
  month.dataset.month = a.month || '';

  const go = (total.gross_output || {}).month;
  const reporting = go && go.reporting !== undefined ? go.reporting : a.enterprises;
  const w = s.warnings || { open: 0, acknowledged: 0, severity: {} };
  const sev = [3, 2, 1].map((k) => h('li', { class: 'sev sev-' + k, 'data-severity': String(k) },
    h('span', {}, t('sev.' + k)), h('strong', {}, num((w.severity || {})[k] || 0, 0))));

  const grid = h('div', { class: 'cockpit', id: 'cockpit' },
    METRICS.map((k) => metricCard(k, total, m)),
    h('section', { class: 'card ck-card', id: 'ck-reporting' },
      h('h3', {}, t('ck.reporting')),
      h('div', { class: 'ck-main' },
        h('strong', { class: 'ck-ytd' }, `${num(reporting, 0)} ${t('ck.unitJia')}`.trim()),
        h('span', { class: 'kpi-label' }, t('ck.reportingOf', num(a.enterprises, 0))))),
    h('section', { class: 'card ck-card', id: 'ck-warnings' },
      h('h3', {}, t('ck.warnings')),
      h('div', { class: 'ck-main' },
        h('strong', { class: 'ck-ytd' }, num((w.open || 0) + (w.acknowledged || 0), 0)),
        h('span', { class: 'kpi-label' },
          `${t('ck.w.open')} ${num(w.open || 0, 0)} · ${t('ck.w.ack')} ${num(w.acknowledged || 0, 0)}`)),
      h('ul', { class: 'sevs' }, sev),
      h('a', { href: '/warnings' }, t('ck.w.link'))),
    pipelineCard());
  page.append(grid);

  const sectorBox = chartBox('ck-sector'), parkBox = chartBox('ck-park');
  const mujunBox = s.mujun ? chartBox('ck-mujun') : null;
  if (s.mujun)
    grid.append(h('section', { class: 'card ck-wide ck-pie' }, h('h3', {}, t('ck.mujun', s.mujun.year)), mujunBox));
  grid.append(
    h('section', { class: 'card ck-wide' }, h('h3', {}, t('ck.sector', m)), sectorBox),
    h('section', { class: 'card ck-wide ck-full' }, h('h3', {}, t('ck.park', m)), parkBox));

  if (!window.echarts) {
    for (const b of [sectorBox, parkBox, mujunBox]) if (b) b.append(h('p', { class: 'muted' }, t('chart.noLib')));
    return;
  }
  const en = document.documentElement.lang === 'en';
  const groupings = a.groupings || {};
  barChart(sectorBox, groupings.sector, en);
  barChart(parkBox, groupings.park, en);
  if (mujunBox) pieChart(mujunBox, s.mujun.counts || {});
}
