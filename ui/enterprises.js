// enterprises.js - 企业库: the register (GET /api/v1/enterprises) with a search box, the
// filters (园区, 产业板块, 层级, labels), a sortable paged table; and one enterprise's page
// (GET /api/v1/enterprises/:id): its details, its plots and a line chart (Apache ECharts)
// of 工业总产值 by month over its last 24 months.
//
// The register of a zone is a few hundred enterprises: the page asks for all that match
// (limit 1000, the API's most) and sorts and pages them here. Past 1000 it pages on the
// server, by name, and sorts within the page.
import { api, errorText } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, getLang, t, tv } from './i18n.js';
import { land, money, num } from './format.js';
import { go } from './router.js';
import { cellNum, exportButton, withUnit } from './export.js';

addWords({ 'detail.months': '月度数据', 'col.month': '月份' }, { 'detail.months': 'Monthly figures', 'col.month': 'Month' });

const FLAGS = ['above_scale', 'high_tech', 'specialized', 'little_giant', 'champion', 'tech_sme'];
const TIERS = [1, 2, 3, 4];
const PAGE = 20;
const MAX = 1000;
const COLS = [
  { key: 'name', label: 'col.name' },
  { key: 'uscc', label: 'col.uscc', class: 'mono' },
  { key: 'park', label: 'col.park' },
  { key: 'sector', label: 'col.sector' },
  { key: 'tier', label: 'col.tier' },
  { key: 'land', label: 'col.land', num: true },
];
// the monthly figures of an enterprise's page (GET /api/v1/enterprises/:id months) and
// their stored units, as src/core/model.c names them
const METRICS = [['gross_output', '万元'], ['sales_output', '万元'], ['export_value', '万元'],
  ['revenue', '万元'], ['profit', '万元'], ['tax', '万元'], ['electricity', '万千瓦时'], ['energy', '吨标准煤'],
  ['employees', '人'], ['rd_expense', '万元']];
const TIER_ORDER = { 龙头: 1, 骨干: 2, 成长型: 3, 规下: 4 };
const collator = new Intl.Collator('zh-CN', { numeric: true });

function errorPanel(err) {
  return h('div', { class: 'card error-panel', role: 'alert' }, errorText(err));
}

function compare(key, a, b) {
  if (key === 'land') return (a.land ?? -Infinity) - (b.land ?? -Infinity);
  if (key === 'tier') return (TIER_ORDER[a.tier] ?? 9) - (TIER_ORDER[b.tier] ?? 9);
  return collator.compare(a[key] ?? '', b[key] ?? '');
}

// The options of the filters: the parks and sectors of the user's whole register.
let optionsCache = null;
async function filterOptions() {
  if (optionsCache) return optionsCache;
  const all = await api('/enterprises', { query: { limit: MAX } });
  const parks = new Map(), sectors = new Set();
  for (const e of all.enterprises) {
    if (e.park_id) parks.set(e.park_id, e.park);
    if (e.sector) sectors.add(e.sector);
  }
  optionsCache = {
    parks: [...parks].sort((a, b) => a[0] - b[0]),
    sectors: [...sectors].sort((a, b) => collator.compare(a, b)),
  };
  return optionsCache;
}
// A new session may see another register.
document.addEventListener('pb:session', () => { optionsCache = null; });

export async function renderEnterprises(page, _params, query) {
  const st = {
    q: query.get('q') || '', park: query.get('park') || '', sector: query.get('sector') || '',
    tier: query.get('tier') || '', flags: (query.get('flags') || '').split(',').filter((f) => FLAGS.includes(f)),
    sort: COLS.some((c) => c.key === query.get('sort')) ? query.get('sort') : 'name',
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, parseInt(query.get('page') || '1', 10) || 1),
  };
  const head = h('div', { class: 'page-head' }, h('h2', {}, t('ent.title')));
  const total = h('span', { class: 'total', id: 'ent-total' });
  head.append(total, exportButton(() => exported(), 'ent-export'));
  const bar = h('form', { class: 'filters', id: 'ent-filters', role: 'search' });
  const tableBox = h('div', { class: 'card table-card' });
  const pager = h('div', { class: 'pager' });
  page.append(head, bar, tableBox, pager);
  fill(tableBox, h('p', { class: 'muted' }, t('ent.loading')));

  let opts;
  try {
    opts = await filterOptions();
  } catch (err) {
    if (page.isConnected) fill(tableBox, errorPanel(err));
    return;
  }
  if (!page.isConnected) return;

  // the filters
  const q = h('input', { type: 'search', name: 'q', value: st.q, placeholder: t('ent.search'),
    'aria-label': t('ent.search'), id: 'ent-q' });
  const select = (name, all, options, value) => h('select', { name, 'aria-label': t(all), id: 'ent-' + name },
    h('option', { value: '' }, t(all)),
    options.map(([v, label]) => h('option', { value: String(v), selected: String(v) === value }, label)));
  const park = select('park', 'ent.allParks', opts.parks, st.park);
  const sector = select('sector', 'ent.allSectors', opts.sectors.map((s) => [s, tv(s)]), st.sector);
  const tier = select('tier', 'ent.allTiers', TIERS.map((n) => [n, t('tier.' + n)]), st.tier);
  const flags = h('fieldset', { class: 'flags' }, h('legend', {}, t('ent.flags')),
    FLAGS.map((f) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'flags', value: f, checked: st.flags.includes(f) }),
      t('flag.' + f))));
  const reset = h('button', { type: 'button', class: 'ghost' }, t('ent.reset'));
  bar.append(q, h('button', { type: 'submit', class: 'primary' }, t('ent.searchBtn')), park, sector, tier,
    reset, flags);
  if (opts.parks.length <= 1) park.hidden = true;

  const apply = () => {
    st.q = q.value.trim(); st.park = park.value; st.sector = sector.value; st.tier = tier.value;
    st.flags = [...flags.querySelectorAll('input:checked')].map((i) => i.value);
    st.page = 1;
    load();
  };
  bar.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  for (const el of [park, sector, tier]) el.addEventListener('change', apply);
  flags.addEventListener('change', apply);
  reset.addEventListener('click', () => {
    q.value = ''; park.value = ''; sector.value = ''; tier.value = '';
    for (const i of flags.querySelectorAll('input')) i.checked = false;
    apply();
  });

  let rows = [], count = 0, serverPaged = false;

  function syncUrl() {
    const p = new URLSearchParams();
    for (const k of ['q', 'park', 'sector', 'tier']) if (st[k]) p.set(k, st[k]);
    if (st.flags.length) p.set('flags', st.flags.join(','));
    if (st.sort !== 'name' || st.dir !== 'asc') { p.set('sort', st.sort); p.set('dir', st.dir); }
    if (st.page > 1) p.set('page', String(st.page));
    const s = p.toString();
    history.replaceState(null, '', '/enterprises' + (s ? '?' + s : ''));
  }

  const filterOf = () => ({ q: st.q, park: st.park, sector: st.sector, tier: st.tier, flags: st.flags.join(',') });
  const sortRows = (list) => [...list].sort((a, b) => compare(st.sort, a, b) * (st.dir === 'desc' ? -1 : 1) ||
    collator.compare(a.name, b.name));

  // The whole filtered register in the table's order, not only the page shown. Up to 1000
  // matches the page holds them all already; past that (a national-scale zone) it fetches
  // every page of 1000 through the same API, so the server's scope and filters apply as
  // they do to the table (the table endpoint takes up to 200,000 rows; a larger register
  // is for GET /api/v1/exports/enterprises).
  async function exported() {
    let all = rows;
    if (serverPaged) {
      all = [];
      for (let offset = 0; ; offset += MAX) {
        const body = await api('/enterprises', { query: { ...filterOf(), limit: MAX, offset } });
        all.push(...body.enterprises);
        if (!body.enterprises.length || offset + MAX >= body.total) break;
      }
    }
    const words = [st.q, opts.parks.find(([id]) => String(id) === st.park)?.[1], st.sector ? tv(st.sector) : '',
      st.tier ? t('tier.' + st.tier) : '', ...st.flags.map((f) => t('flag.' + f))].filter(Boolean);
    return {
      title: [t('ent.title'), ...words].join(' '),
      columns: COLS.map((c) => ({ label: t(c.label), num: !!c.num })),
      rows: sortRows(all).map((e) => [e.name, e.uscc, e.park || null, e.sector ? tv(e.sector) : null,
        e.tier ? tv(e.tier) : null, cellNum(e.land)]),
    };
  }

  async function load() {
    syncUrl();
    const filter = filterOf();
    try {
      let body = await api('/enterprises', { query: { ...filter, limit: MAX } });
      serverPaged = body.total > MAX;
      if (serverPaged)
        body = await api('/enterprises', { query: { ...filter, limit: PAGE, offset: (st.page - 1) * PAGE } });
      if (!page.isConnected) return;
      rows = body.enterprises;
      count = body.total;
      draw();
    } catch (err) {
      if (page.isConnected) { fill(tableBox, errorPanel(err)); fill(pager); }
    }
  }

  function draw() {
    syncUrl();
    total.textContent = t('ent.total', num(count, 0));
    total.dataset.total = String(count);
    const sorted = sortRows(rows);
    const pages = Math.max(1, Math.ceil(count / PAGE));
    if (st.page > pages) st.page = pages;
    const shown = serverPaged ? sorted : sorted.slice((st.page - 1) * PAGE, st.page * PAGE);
    if (!count) {
      fill(tableBox, h('p', { class: 'muted empty' }, t('ent.none')));
      fill(pager);
      return;
    }
    const th = sortHeaders(COLS, st, (c) => t(c.label), () => {
      st.page = 1;
      serverPaged ? load() : draw();
    });
    const body = shown.map((e) => {
      const tr = h('tr', { 'data-id': String(e.id), class: 'link-row' },
        h('td', {}, h('a', { href: '/enterprises/' + e.id }, e.name)),
        h('td', { class: 'mono' }, e.uscc),
        h('td', {}, e.park || '—'),
        h('td', {}, tv(e.sector)),
        h('td', {}, tv(e.tier)),
        h('td', { class: 'num' }, land(e.land)));
      tr.addEventListener('click', (ev) => {
        if (ev.target.closest('a')) return;
        go('/enterprises/' + e.id);
      });
      return tr;
    });
    fill(tableBox, h('table', { class: 'grid', id: 'ent-table' },
      h('thead', {}, h('tr', {}, th)), h('tbody', {}, body)));
    const to = (n) => () => { st.page = n; serverPaged ? load() : draw(); };
    fill(pager,
      h('button', { type: 'button', class: 'ghost', disabled: st.page <= 1, onclick: to(st.page - 1),
        id: 'page-prev' }, t('page.prev')),
      h('span', { id: 'page-of' }, t('page.of', st.page, pages)),
      h('button', { type: 'button', class: 'ghost', disabled: st.page >= pages, onclick: to(st.page + 1),
        id: 'page-next' }, t('page.next')));
  }

  await load();
}

// ---- one enterprise ------------------------------------------------------------------

let chart = null;
function disposeChart() {
  if (chart) { chart.dispose(); chart = null; }
}
window.addEventListener('resize', () => { if (chart) chart.resize(); });

function addMonths(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, '0')}`;
}

/** The last 24 months up to the latest with a figure: [{month, value|null}]. */
export function last24(months) {
  const have = months.filter((m) => m.gross_output !== null && m.gross_output !== undefined)
    .map((m) => m.month).sort();
  if (!have.length) return [];
  const last = have[have.length - 1];
  const by = new Map(months.map((m) => [m.month, m.gross_output]));
  const out = [];
  for (let i = 23; i >= 0; i--) {
    const month = addMonths(last, -i);
    out.push({ month, value: by.has(month) ? by.get(month) : null });
  }
  return out;
}

export async function renderEnterprise(page, params) {
  disposeChart();
  const back = h('a', { href: '/enterprises', class: 'back' }, t('detail.back'));
  page.append(back);
  let e;
  try {
    e = await api('/enterprises/' + encodeURIComponent(params.id));
  } catch (err) {
    if (page.isConnected) page.append(errorPanel(err));
    return;
  }
  if (!page.isConnected) return;

  const series = last24(e.months || []);
  const sum12 = series.slice(-12).reduce((s, m) => s + (m.value || 0), 0);
  const latest = series.length ? series[series.length - 1] : null;
  const flags = (e.flags || []).map((f) => h('span', { class: 'tag' }, t('flag.' + f)));

  const dl = h('dl', { class: 'facts' },
    [[t('col.uscc'), h('span', { class: 'mono' }, e.uscc)],
      [t('col.park'), e.park || '—'],
      [t('col.sector'), tv(e.sector)],
      [t('detail.industry'), e.industry || '—'],
      [t('col.tier'), tv(e.tier)],
      [t('col.land'), h('span', { id: 'ent-land' }, land(e.land))],
      [t('detail.flags'), flags.length ? flags : t('detail.noflags')]]
      .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const kpis = h('div', { class: 'kpis' },
    h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, t('detail.latest', latest ? latest.month : '—')),
      h('strong', {}, latest ? money(latest.value) : '—')),
    h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, t('detail.sum12')),
      h('strong', {}, series.length ? money(sum12) : '—')),
    h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, t('col.land')),
      h('strong', {}, `${land(e.land)} ${t('unit.mu')}`)));

  const chartBox = h('div', { class: 'chart', id: 'ent-chart' });
  const plots = e.plots || [];
  const PLOT_COLS = ['plot.code', 'plot.area', 'plot.idle', 'plot.floor', 'plot.tenure', 'plot.shared'];
  const plotsExport = () => ({
    title: `${e.name} ${t('detail.plots')}`,
    columns: PLOT_COLS.map((k, i) => ({ label: t(k), num: i >= 1 && i <= 3 })),
    rows: plots.map((p) => [p.plot_code || null, cellNum(p.area), cellNum(p.idle_area), cellNum(p.floor_area),
      p.leased ? t('plot.leased') : t('plot.owned'), p.shared_parcel || null]),
  });
  // every month the page has (not only the chart's 24), every figure in its stored unit
  const monthsExport = () => {
    const months = [...(e.months || [])].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
    return {
      title: `${e.name} ${t('detail.months')}`,
      columns: [{ label: t('col.month') }, ...METRICS.map(([k, unit]) =>
        ({ label: withUnit(t('an.m.' + k), unit === '万元' ? t('unit.wan') : tv(unit)), num: true }))],
      rows: months.map((m) => [m.month, ...METRICS.map(([k]) => cellNum(m[k]))]),
    };
  };
  const plotTable = plots.length ? h('table', { class: 'grid', id: 'ent-plots' },
    h('thead', {}, h('tr', {}, PLOT_COLS
      .map((k, i) => h('th', { scope: 'col', class: i >= 1 && i <= 3 ? 'num' : null }, t(k))))),
    h('tbody', {}, plots.map((p) => h('tr', {},
      h('td', { class: 'mono' }, p.plot_code || '—'),
      h('td', { class: 'num' }, land(p.area)),
      h('td', { class: 'num' }, land(p.idle_area)),
      h('td', { class: 'num' }, num(p.floor_area, 0)),
      h('td', {}, p.leased ? t('plot.leased') : t('plot.owned')),
      h('td', {}, p.shared_parcel || '—')))))
    : h('p', { class: 'muted' }, t('detail.noplots'));

  page.append(
    h('div', { class: 'detail' },
      h('section', { class: 'card info' }, h('h2', { id: 'ent-name' }, e.name), dl),
      h('section', { class: 'card summary' }, kpis),
      h('section', { class: 'card chart-card' }, h('div', { class: 'card-head' }, h('h3', {}, t('chart.title')),
        (e.months || []).length ? exportButton(monthsExport, 'ent-months-export') : null), chartBox),
      h('section', { class: 'card plots' }, h('div', { class: 'card-head' }, h('h3', {}, t('detail.plots')),
        plots.length ? exportButton(plotsExport, 'ent-plots-export') : null), plotTable)));

  if (!series.length) { chartBox.append(h('p', { class: 'muted' }, t('chart.none'))); return; }
  if (!window.echarts) { chartBox.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
  chart = window.echarts.init(chartBox, null, { renderer: 'canvas' });
  const en = getLang() === 'en';
  chart.setOption({
    animation: false,
    grid: { left: 16, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => money(v) },
    xAxis: { type: 'category', boundaryGap: false, data: series.map((m) => m.month) },
    yAxis: { type: 'value', name: en ? '10k yuan' : '万元',
      axisLabel: { formatter: (v) => num(v, 0) } },
    series: [{ name: t('chart.series'), type: 'line', smooth: false, showSymbol: true, connectNulls: false,
      data: series.map((m) => m.value), lineStyle: { width: 2 }, areaStyle: { opacity: 0.08 } }],
    color: ['#1e5bb8'],
  });
}
