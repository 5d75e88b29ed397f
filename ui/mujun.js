// mujun.js - 亩均评价 (/mujun): the stored years (GET /api/v1/mujun; a park operator, who may
// not list them, picks a year, by default that of the latest month with reports), a year's
// result (GET /api/v1/mujun/:year): the class counts, the classes by park and by sector (a
// table and an ECharts stacked bar each), the ranking (rank, enterprise, park, total, class;
// sortable, 50 a page); a click on an enterprise shows its explanation (GET …/enterprises/:id:
// each indicator's value, unit, baseline, weight, points and 封顶/保底/缺失/估算, the total, the
// class by score, the rules, the final class). Zone-wide roles also get a what-if panel:
// each scheme group's indicator weights (read from its first enterprise's indicators) and
// quota shares (A25/B45/C25/D5 by default: the year's JSON does not carry them); 计算 posts
// the fields changed (POST …/what-if {"set": {"above.quota.A": 30, …}}) and lists the
// enterprises whose class would change. A park operator's year covers its parks only.
import { api, errorText } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, t, tv } from './i18n.js';
import { num } from './format.js';
import { cellNum, exportButton } from './export.js';
import { currentUser } from './session.js';

addWords({ 'mj.wi.col.totalWhatIf': '测算后综合得分' }, { 'mj.wi.col.totalWhatIf': 'What-if score' });

const CLASSES = ['A', 'B', 'C', 'D', 'T'];
const QUOTA_CLASSES = ['A', 'B', 'C', 'D'];
const QUOTAS = { A: 25, B: 45, C: 25, D: 5 };
const CLASS_COLORS = { A: '#15803d', B: '#1e5bb8', C: '#f59e0b', D: '#b91c1c', T: '#6b7280' };
const ZONE_ROLES = ['admin', 'analyst', 'viewer'];
const PAGE = 50;
const collator = new Intl.Collator('zh-CN', { numeric: true });
const CLASS_ORDER = { A: 1, B: 2, C: 3, D: 4, T: 5 };

let charts = [];
function disposeCharts() { for (const c of charts) c.dispose(); charts = []; }
window.addEventListener('resize', () => { for (const c of charts) c.resize(); });

function errorPanel(err) { return h('div', { class: 'card error-panel', role: 'alert' }, errorText(err)); }
function classTag(c) { return c ? h('span', { class: 'mj-class mj-' + c }, c) : '—'; }
function countsOf(enterprises) {
  const out = {};
  for (const e of enterprises) if (e.class) out[e.class] = (out[e.class] || 0) + 1;
  return out;
}

/** A stacked bar of the classes by park or by sector: rows [{name, counts}]. */
function stackedBar(el, rows) {
  if (!window.echarts) { el.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
  if (!rows.length) { el.append(h('p', { class: 'muted' }, t('chart.none'))); return; }
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  charts.push(c);
  c.setOption({
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => tv(r.name)), axisLabel: { width: 120, overflow: 'truncate' } },
    series: CLASSES.map((k) => ({ name: t('ck.class', k), type: 'bar', stack: 'classes',
      itemStyle: { color: CLASS_COLORS[k] }, data: rows.map((r) => (r.counts || {})[k] || 0) })),
  });
}

function countsTable(id, label, rows) {
  return h('table', { class: 'grid', id },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, label),
      CLASSES.map((k) => h('th', { scope: 'col', class: 'num' }, t('ck.class', k))),
      h('th', { scope: 'col', class: 'num' }, t('mj.sum')))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-name': r.name }, h('td', {}, tv(r.name)),
      CLASSES.map((k) => h('td', { class: 'num', 'data-class': k }, num((r.counts || {})[k] || 0, 0))),
      h('td', { class: 'num' }, num(CLASSES.reduce((s, k) => s + ((r.counts || {})[k] || 0), 0), 0))))));
}

/** A class-counts table (by park, by sector) for the export: {title, columns, rows}. */
function countsExport(title, label, rows) {
  const count = (r, k) => (r.counts || {})[k] || 0;
  return {
    title,
    columns: [{ label }, ...CLASSES.map((k) => ({ label: t('ck.class', k), num: true })), { label: t('mj.sum'), num: true }],
    rows: rows.map((r) => [tv(r.name), ...CLASSES.map((k) => count(r, k)), CLASSES.reduce((s, k) => s + count(r, k), 0)]),
  };
}

/** A card's heading with the 导出 Excel button of its table. */
function cardHead(title, get, id) {
  return h('div', { class: 'card-head' }, h('h3', {}, title), exportButton(get, id));
}

const RANK_COLS = [
  { key: 'rank', label: 'mj.col.rank', num: true, get: (e) => (e.rank || {}).zone },
  { key: 'name', label: 'mj.col.enterprise' },
  { key: 'park', label: 'col.park' },
  { key: 'total', label: 'mj.col.total', num: true, get: (e) => e.total },
  { key: 'class', label: 'mj.col.class', get: (e) => CLASS_ORDER[e.class] },
];

export async function renderMujun(page, _params, query) {
  disposeCharts();
  const user = currentUser();
  const zoneWide = !!user && ZONE_ROLES.includes(user.role);
  const head = h('span', { class: 'total', id: 'mj-year-label' });
  const loading = h('p', { class: 'muted' }, t('ent.loading'));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('mj.title')), head), loading);

  // The years: the stored evaluations (zone-wide), else the year of the latest reports.
  let years = [];
  try {
    if (zoneWide) years = ((await api('/mujun')).evaluations || []).map((e) => e.year).sort((a, b) => b - a);
    else {
      const a = await api('/analysis', { query: { group: 'park', top: 1 } });
      if (a && a.month) years = [Number(a.month.slice(0, 4))];
    }
  } catch (err) {
    if (page.isConnected) loading.replaceWith(errorPanel(err));
    return;
  }
  if (!page.isConnected) return;
  loading.remove();
  const asked = Number(query.get('year'));
  if (!years.length && !asked) { page.append(h('section', { class: 'card', id: 'mj-none' }, t('mj.none'))); return; }
  const year = asked || years[0];
  const picker = zoneWide
    ? h('select', { id: 'mj-year', 'aria-label': t('mj.year') },
      (years.includes(year) ? years : [year, ...years]).map((y) => h('option', { value: String(y), selected: y === year }, String(y))))
    : h('input', { type: 'number', id: 'mj-year', min: 2000, max: 2100, step: 1, value: String(year), 'aria-label': t('mj.year') });
  picker.addEventListener('change', () => {
    const y = Number(picker.value);
    if (!y) return;
    history.replaceState(null, '', '/mujun?year=' + y);
    draw(y);
  });
  const body = h('div', { class: 'mj-body', id: 'mj-body' });
  page.append(h('div', { class: 'filters mj-filters' }, h('label', { class: 'check' }, t('mj.year'), picker)), body);

  async function draw(y) {
    disposeCharts();
    fill(body, h('p', { class: 'muted' }, t('ent.loading')));
    let d;
    try {
      d = await api('/mujun/' + y);
    } catch (err) {
      if (page.isConnected) fill(body, errorPanel(err));
      return;
    }
    if (!page.isConnected) return;
    head.textContent = t('mj.scheme', d.year, (d.scheme || {}).name || '');
    head.dataset.year = String(d.year);
    const ents = d.enterprises || [];
    const counts = d.counts || countsOf(ents);
    const parkBox = h('div', { class: 'chart mj-chart', id: 'mj-park-chart' });
    const sectorBox = h('div', { class: 'chart mj-chart', id: 'mj-sector-chart' });
    const parks = (d.by_park || []).map((r) => ({ name: r.park, counts: r.counts }));
    const sectors = (d.by_sector || []).map((r) => ({ name: r.sector, counts: r.counts }));
    const explain = h('section', { class: 'card mj-explain', id: 'mj-explain', hidden: true });
    fill(body,
      h('section', { class: 'card', id: 'mj-counts' },
        h('h3', {}, t(d.counts ? 'mj.counts' : 'mj.countsMine', d.year, num(ents.length, 0))),
        h('ul', { class: 'mj-cards' }, CLASSES.map((k) => h('li', { class: 'mj-count mj-' + k, 'data-class': k },
          h('span', {}, t('ck.class', k)), h('strong', {}, num(counts[k] || 0, 0)))))),
      h('div', { class: 'mj-grid' },
        h('section', { class: 'card' }, cardHead(t('mj.byPark'),
          () => countsExport(`${t('mj.title')} ${d.year} ${t('mj.byPark')}`, t('col.park'), parks), 'mj-by-park-export'), parkBox,
          h('div', { class: 'table-wrap' }, countsTable('mj-by-park', t('col.park'), parks))),
        sectors.length ? h('section', { class: 'card' }, cardHead(t('mj.bySector'),
          () => countsExport(`${t('mj.title')} ${d.year} ${t('mj.bySector')}`, t('col.sector'), sectors),
          'mj-by-sector-export'), sectorBox,
          h('div', { class: 'table-wrap' }, countsTable('mj-by-sector', t('col.sector'), sectors))) : null),
      explain,
      ranking(d, ents, explain),
      zoneWide ? whatIf(d, ents) : null);
    stackedBar(parkBox, parks);
    if (sectors.length) stackedBar(sectorBox, sectors);
  }

  function ranking(d, ents, explain) {
    const st = { sort: 'rank', dir: 'asc', page: 1 };
    const box = h('div', { class: 'table-card' });
    const pager = h('div', { class: 'pager' });
    const sorted = () => {
      const col = RANK_COLS.find((c) => c.key === st.sort);
      const dir = st.dir === 'desc' ? -1 : 1;
      return [...ents].sort((a, b) => {
        if (!col.get) return collator.compare(a[col.key] ?? '', b[col.key] ?? '') * dir;
        const x = col.get(a), y = col.get(b);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x - y) * dir || ((a.rank || {}).zone ?? 1e9) - ((b.rank || {}).zone ?? 1e9);
      });
    };
    // every page of the ranking, in its current order
    const exported = () => ({
      title: `${t('mj.title')} ${d.year} ${t('mj.ranking', ents.length)}`,
      columns: RANK_COLS.map((c) => ({ label: t(c.label), num: !!c.num })),
      rows: sorted().map((e) => [cellNum((e.rank || {}).zone), e.name, e.park || null, cellNum(e.total), e.class || null]),
    });
    const card = h('section', { class: 'card', id: 'mj-ranking' },
      cardHead(t('mj.ranking', num(ents.length, 0)), exported, 'mj-ranking-export'), box, pager);
    const redraw = () => {
      const rows = sorted();
      const pages = Math.max(1, Math.ceil(rows.length / PAGE));
      st.page = Math.min(st.page, pages);
      const shown = rows.slice((st.page - 1) * PAGE, st.page * PAGE);
      fill(box, h('table', { class: 'grid', id: 'mj-table' },
        h('thead', {}, h('tr', {}, sortHeaders(RANK_COLS, st, (c) => t(c.label),
          () => { st.page = 1; redraw(); }, (key) => (key === 'total' ? 'desc' : 'asc')))),
        h('tbody', {}, shown.map((e) => h('tr', { class: 'link-row', 'data-id': String(e.id), tabindex: 0,
          onclick: () => explainOne(d.year, e.id, explain),
          onkeydown: (ev) => { if (ev.key === 'Enter') explainOne(d.year, e.id, explain); } },
        h('td', { class: 'num' }, num((e.rank || {}).zone, 0)),
        h('td', { class: 'mj-name' }, e.name),
        h('td', {}, e.park || '—'),
        h('td', { class: 'num' }, num(e.total, 2)),
        h('td', {}, classTag(e.class)))))));
      const prev = h('button', { type: 'button', class: 'ghost', id: 'mj-prev', disabled: st.page <= 1,
        onclick: () => { st.page--; redraw(); } }, t('page.prev'));
      const next = h('button', { type: 'button', class: 'ghost', id: 'mj-next', disabled: st.page >= pages,
        onclick: () => { st.page++; redraw(); } }, t('page.next'));
      fill(pager, prev, h('span', { class: 'muted' }, t('page.of', st.page, pages)), next);
    };
    redraw();
    return card;
  }

  async function explainOne(y, id, box) {
    box.hidden = false;
    fill(box, h('p', { class: 'muted' }, t('ent.loading')));
    let x;
    try {
      x = await api(`/mujun/${y}/enterprises/${id}`);
    } catch (err) {
      fill(box, h('p', { class: 'error-panel', role: 'alert' }, errorText(err)));
      return;
    }
    if (!page.isConnected) return;
    box.dataset.id = String(x.id);
    const notes = (i) => [i.capped ? t('mj.capped') : null, i.floored ? t('mj.floored') : null,
      i.missing ? t('mj.missing') : null, i.imputed ? t('mj.imputed') : null].filter(Boolean).join('，') || '';
    const rules = x.rules || [];
    const cols = ['ind', 'value', 'unit', 'baseline', 'weight', 'points', 'note'];
    const exported = () => ({
      title: `${t('mj.title')} ${y} ${x.name}`,
      columns: cols.map((k) => ({ label: t('mj.i.' + k), num: !['ind', 'unit', 'note'].includes(k) })),
      rows: (x.indicators || []).map((i) => [i.name, cellNum(i.value), i.unit || null, cellNum(i.baseline),
        cellNum(i.weight), cellNum(i.points), notes(i) || null]),
    });
    fill(box,
      h('div', { class: 'mj-explain-head' },
        h('h3', { id: 'mj-explain-name' }, x.name),
        exportButton(exported, 'mj-indicators-export'),
        h('button', { type: 'button', class: 'ghost', id: 'mj-explain-close',
          onclick: () => { box.hidden = true; fill(box); } }, t('mj.close'))),
      h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'mj-indicators' },
        h('thead', {}, h('tr', {}, ['ind', 'value', 'unit', 'baseline', 'weight', 'points', 'note']
          .map((k) => h('th', { scope: 'col', class: ['ind', 'unit', 'note'].includes(k) ? null : 'num' }, t('mj.i.' + k))))),
        h('tbody', {}, (x.indicators || []).map((i) => h('tr', { 'data-key': i.key },
          h('td', {}, i.name), h('td', { class: 'num' }, num(i.value, 2)), h('td', {}, i.unit || ''),
          h('td', { class: 'num' }, num(i.baseline, 2)), h('td', { class: 'num' }, num(i.weight, 1)),
          h('td', { class: 'num' }, num(i.points, 2)),
          h('td', { class: 'mj-note' }, notes(i), i.cap && i.capped ? ` (${t('mj.cap')} ${num(i.cap, 1)})` : '')))))),
      h('dl', { class: 'facts mj-facts' },
        h('dt', {}, t('mj.total')), h('dd', { id: 'mj-total' }, num(x.total, 2)),
        h('dt', {}, t('mj.rank')), h('dd', {}, t('mj.ranks', num((x.rank || {}).zone, 0),
          num((x.rank || {}).park, 0), num((x.rank || {}).sector, 0))),
        h('dt', {}, t('mj.byScore')), h('dd', { id: 'mj-by-score' }, classTag(x.class_by_score)),
        h('dt', {}, t('mj.rules')), h('dd', { id: 'mj-rules' }, rules.length
          ? rules.map((r) => h('div', {}, `${r.name}（${t('mj.effect.' + r.effect)}）`)) : t('detail.noflags')),
        x.facts ? [h('dt', {}, t('mj.facts')), h('dd', {}, x.facts)] : null,
        h('dt', {}, t('mj.final')), h('dd', { id: 'mj-final' }, classTag(x.class)),
        h('dt', {}, t('mj.previous')), h('dd', {}, classTag(x.class_previous))));
    box.scrollIntoView({ block: 'nearest' });
  }

  function whatIf(d, ents) {
    // The scheme's groups with an enterprise: their indicators' keys and weights.
    const groups = (d.groups || []).map((g) => ({ ...g, first: ents.find((e) => e.group === g.key) }))
      .filter((g) => g.first);
    const inputs = [];
    const field = (path, label, value) => {
      const input = h('input', { type: 'number', id: 'wi-' + path.replace(/\./g, '-'), step: 'any', min: 0,
        value: String(value), 'data-path': path, 'data-default': String(value) });
      inputs.push(input);
      return h('label', { class: 'mj-field' }, label, input);
    };
    const result = h('div', { id: 'mj-wi-result' });
    const msg = h('p', { class: 'msg', role: 'status' });
    const run = h('button', { type: 'submit', class: 'primary', id: 'mj-wi-run' }, t('mj.wi.run'));
    const form = h('form', { class: 'mj-wi-form', id: 'mj-wi-form' },
      groups.map((g) => h('fieldset', { class: 'mj-wi-group', 'data-group': g.key },
        h('legend', {}, g.name),
        h('div', { class: 'mj-wi-fields' },
          (g.first.indicators || []).map((i) => field(`${g.key}.${i.key}.weight`, t('mj.wi.weight', i.name), i.weight))),
        h('div', { class: 'mj-wi-fields' },
          QUOTA_CLASSES.map((k) => field(`${g.key}.quota.${k}`, t('mj.wi.quota', k), QUOTAS[k]))))),
      h('div', { class: 'mj-wi-buttons' }, run, msg));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const set = {};
      for (const i of inputs) {
        if (i.value === '' || Number(i.value) === Number(i.dataset.default)) continue;
        set[i.dataset.path] = Number(i.value);
      }
      if (!Object.keys(set).length) { msg.textContent = t('mj.wi.nothing'); msg.classList.add('error'); return; }
      run.disabled = true;
      msg.classList.remove('error');
      msg.textContent = t('ws.busy');
      let r;
      try {
        r = await api(`/mujun/${d.year}/what-if`, { method: 'POST', body: { set } });
      } catch (err) {
        msg.textContent = errorText(err);
        msg.classList.add('error');
        run.disabled = false;
        return;
      }
      run.disabled = false;
      msg.textContent = '';
      const changes = r.changes || [];
      fill(result,
        h('p', { id: 'mj-wi-counts' }, CLASSES.map((k) => h('span', { class: 'mj-wi-count' },
          `${t('ck.class', k)} ${num((r.base || {})[k] || 0, 0)} → ${num((r.what_if || {})[k] || 0, 0)}`))),
        h('div', { class: 'card-head' },
          h('h3', { id: 'mj-wi-total', 'data-count': String(changes.length) }, t('mj.wi.changes', num(changes.length, 0))),
          changes.length ? exportButton(() => ({
            title: `${t('mj.title')} ${d.year} ${t('mj.wi.title')}`,
            columns: [{ label: t('mj.wi.col.enterprise') }, { label: t('mj.wi.col.from') }, { label: t('mj.wi.col.to') },
              { label: t('mj.wi.col.total'), num: true }, { label: t('mj.wi.col.totalWhatIf'), num: true }],
            rows: changes.map((c) => [c.name, c.class || null, c.class_what_if || null, cellNum(c.total),
              cellNum(c.total_what_if ?? c.total)]),
          }), 'mj-wi-export') : null),
        changes.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'mj-wi-changes' },
          h('thead', {}, h('tr', {}, ['enterprise', 'from', 'to', 'total'].map((k) =>
            h('th', { scope: 'col', class: k === 'total' ? 'num' : null }, t('mj.wi.col.' + k))))),
          h('tbody', {}, changes.map((c) => h('tr', { 'data-id': String(c.id) },
            h('td', {}, c.name), h('td', {}, classTag(c.class)), h('td', {}, classTag(c.class_what_if)),
            h('td', { class: 'num' }, c.total_what_if !== undefined && Math.abs(c.total_what_if - c.total) > 1e-9
              ? `${num(c.total, 2)} → ${num(c.total_what_if, 2)}` : num(c.total, 2)))))))
          : h('p', { class: 'muted' }, t('mj.wi.noChange')));
    });
    return h('section', { class: 'card', id: 'mj-whatif' },
      h('h3', {}, t('mj.wi.title')), h('p', { class: 'muted' }, t('mj.wi.hint')), form, result);
  }

  await draw(year);
}
