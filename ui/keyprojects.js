// keyprojects.js - 重点项目 (/key-projects): the key projects against their yearly plans,
// 1–M月 of a year, from GET /api/v1/key-projects (a park operator gets its parks' only;
// an enterprise user the server's 403 said plainly). A year and month picker (kept in
// ?year=&month=, the latest month recorded by default); summary cards (projects, the
// year's plan, completed, 完成率 against 序时进度, the projects behind); a table of every
// project (sortable; filtered by nature, unit and "behind only"; exported as shown) with
// the badges 滞后 / 未按期开工 / 逾期; an ECharts bar of 完成率 by nature or by unit with
// the 序时进度 as a line. A click on a project (?id= keeps it) shows its record from GET
// /api/v1/key-projects/:id: its yearly plans, its months as a bar chart, and for those who
// may record (admin, analyst, a park operator for its parks) a form that posts a month's
// completed investment, then draws the report again.
import { api, errorText } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, getLang, t } from './i18n.js';
import { money, num } from './format.js';
import { cellNum, exportButton, withUnit } from './export.js';
import { currentUser } from './session.js';

addWords({
  'nav.keyprojects': '重点项目',
  'kp.title': '重点项目', 'kp.year': '年份', 'kp.month': '月份', 'kp.period': '{0}年1–{1}月', 'kp.show': '查询',
  'kp.c.projects': '项目数', 'kp.c.plan': '年度计划', 'kp.c.completed': '1–{0}月完成投资', 'kp.c.rate': '年度计划完成率',
  'kp.c.time': '序时进度 {0}', 'kp.c.behind': '滞后项目', 'kp.c.late': '未按期开工 {0} · 逾期 {1}',
  'kp.nature': '建设性质', 'kp.unit': '责任单位', 'kp.allNatures': '全部性质', 'kp.allUnits': '全部责任单位',
  'kp.behindOnly': '只看滞后项目', 'kp.total': '共 {0} 个项目', 'kp.shown': '显示 {0} / {1} 个项目',
  'kp.none': '没有符合条件的项目', 'kp.empty': '尚无重点项目',
  'kp.col.name': '项目名称', 'kp.col.owner': '项目业主', 'kp.col.unit': '责任单位', 'kp.col.nature': '建设性质',
  'kp.col.plan': '年度计划', 'kp.col.completed': '完成投资', 'kp.col.rate': '完成率', 'kp.col.time': '序时进度',
  'kp.col.lag': '滞后金额', 'kp.col.status': '状态', 'kp.col.park': '园区',
  'kp.b.behind': '滞后', 'kp.b.late': '未按期开工', 'kp.b.overdue': '逾期', 'kp.b.prep': '前期',
  'kp.chart': '年度计划完成率，按{0}（%）', 'kp.chartBy': '图表分组', 'kp.s.rate': '完成率', 'kp.s.time': '序时进度',
  'kp.noNature': '（未填）', 'kp.zone': '（未分园区）',
  'kp.d.close': '关闭', 'kp.d.owner': '项目业主', 'kp.d.unit': '责任单位', 'kp.d.nature': '建设性质', 'kp.d.park': '园区',
  'kp.d.total': '总投资', 'kp.d.before': '已完成投资（规划期前）', 'kp.d.start': '开工年份 / 实际开工',
  'kp.d.finish': '计划完成年份 / 实际竣工', 'kp.d.years': '年度投资计划', 'kp.d.year': '年份', 'kp.d.planned': '计划投资',
  'kp.d.actual': '完成投资', 'kp.d.months': '月度完成投资（万元）', 'kp.d.noMonths': '尚无月度完成投资',
  'kp.d.noYears': '尚无年度计划', 'kp.d.month': '月份', 'kp.d.note': '说明', 'kp.d.series': '完成投资',
  'kp.f.title': '填报月度完成投资', 'kp.f.month': '月份', 'kp.f.completed': '完成投资（万元）', 'kp.f.note': '说明（可不填）',
  'kp.f.submit': '保存', 'kp.f.busy': '正在保存…', 'kp.f.done': '已保存 {0}：{1} 万元', 'kp.f.bad': '请填写月份和不小于 0 的完成投资',
  'kp.hint': '点击项目查看其年度计划与逐月完成投资。', 'kp.xpTitle': '重点项目 {0}', 'kp.xpMonths': '重点项目 {0} 月度完成投资',
  'kp.unitWan': '万元', 'kp.xpYears': '重点项目 {0} 年度投资计划',
}, {
  'nav.keyprojects': 'Key projects',
  'kp.title': 'Key projects', 'kp.year': 'Year', 'kp.month': 'Month', 'kp.period': '{0}, months 1–{1}', 'kp.show': 'Show',
  'kp.c.projects': 'Projects', 'kp.c.plan': 'Year plan', 'kp.c.completed': 'Completed, months 1–{0}', 'kp.c.rate': 'Plan completed',
  'kp.c.time': 'time elapsed {0}', 'kp.c.behind': 'Behind schedule', 'kp.c.late': 'late start {0} · overdue {1}',
  'kp.nature': 'Nature', 'kp.unit': 'Responsible unit', 'kp.allNatures': 'All natures', 'kp.allUnits': 'All units',
  'kp.behindOnly': 'Behind only', 'kp.total': '{0} projects', 'kp.shown': '{0} of {1} projects shown',
  'kp.none': 'No project matches', 'kp.empty': 'No key projects yet',
  'kp.col.name': 'Project', 'kp.col.owner': 'Owner', 'kp.col.unit': 'Responsible unit', 'kp.col.nature': 'Nature',
  'kp.col.plan': 'Year plan', 'kp.col.completed': 'Completed', 'kp.col.rate': 'Completed %', 'kp.col.time': 'Time elapsed',
  'kp.col.lag': 'Lag', 'kp.col.status': 'Status', 'kp.col.park': 'Park',
  'kp.b.behind': 'behind', 'kp.b.late': 'late start', 'kp.b.overdue': 'overdue', 'kp.b.prep': 'preparation',
  'kp.chart': 'Year plan completed by {0} (%)', 'kp.chartBy': 'Chart by', 'kp.s.rate': 'Completed', 'kp.s.time': 'Time elapsed',
  'kp.noNature': '(not given)', 'kp.zone': '(no park)',
  'kp.d.close': 'Close', 'kp.d.owner': 'Owner', 'kp.d.unit': 'Responsible unit', 'kp.d.nature': 'Nature', 'kp.d.park': 'Park',
  'kp.d.total': 'Total investment', 'kp.d.before': 'Completed before the plan period', 'kp.d.start': 'Start year / started',
  'kp.d.finish': 'Finish year / finished', 'kp.d.years': 'Yearly plans', 'kp.d.year': 'Year', 'kp.d.planned': 'Planned',
  'kp.d.actual': 'Completed', 'kp.d.months': 'Completed by month (10k yuan)', 'kp.d.noMonths': 'No month recorded yet',
  'kp.d.noYears': 'No yearly plan yet', 'kp.d.month': 'Month', 'kp.d.note': 'Note', 'kp.d.series': 'Completed',
  'kp.f.title': 'Record a month', 'kp.f.month': 'Month', 'kp.f.completed': 'Completed (10k yuan)', 'kp.f.note': 'Note (optional)',
  'kp.f.submit': 'Save', 'kp.f.busy': 'Saving…', 'kp.f.done': 'Saved {0}: {1} (10k yuan)', 'kp.f.bad': 'Give a month and a completed investment ≥ 0',
  'kp.hint': 'Click a project for its yearly plans and monthly investment.', 'kp.xpTitle': 'Key projects {0}', 'kp.xpMonths': 'Key project {0} by month',
  'kp.unitWan': '10k yuan', 'kp.xpYears': 'Key project {0} yearly plans',
});

const RECORDERS = ['admin', 'analyst', 'park'];
const NATURE_WORDS = { 新开工: 'New', 续建: 'Continuing', 技术改造: 'Renovation', 前期策划: 'Preparation' };
const collator = new Intl.Collator('zh-CN', { numeric: true });
const ratePct = (v) => (v === null || v === undefined ? null : v * 100);
const rateText = (v) => (v === null || v === undefined ? '—' : `${num(v * 100, 1)}%`);
/** A label the server gives in Chinese (（未填）, a nature) in the reader's language. */
function label(s) {
  if (s === '（未填）' || s === null || s === undefined) return t('kp.noNature');
  if (s === '（未分园区）') return t('kp.zone');
  return getLang() === 'en' && NATURE_WORDS[s] ? NATURE_WORDS[s] : s;
}

const COLS = [
  { key: 'name', label: 'kp.col.name', text: (p) => p.name || '' },
  { key: 'owner', label: 'kp.col.owner', text: (p) => p.owner || '' },
  { key: 'unit', label: 'kp.col.unit', text: (p) => p.department || '' },
  { key: 'nature', label: 'kp.col.nature', text: (p) => p.nature_name || '' },
  { key: 'plan', label: 'kp.col.plan', num: true, get: (p) => p.plan },
  { key: 'completed', label: 'kp.col.completed', num: true, get: (p) => p.completed },
  { key: 'rate', label: 'kp.col.rate', num: true, get: (p) => p.rate },
  { key: 'time', label: 'kp.col.time', num: true, get: () => null },
  { key: 'lag', label: 'kp.col.lag', num: true, get: (p) => p.lag },
  { key: 'status', label: 'kp.col.status', get: (p) => (p.behind ? 4 : 0) + (p.overdue ? 2 : 0) + (p.late_start ? 1 : 0) },
];

let charts = [];
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
function disposeCharts() { charts.forEach((c) => c.dispose()); charts = []; }

export async function renderKeyProjects(page, _params, query) {
  disposeCharts();
  const user = currentUser();
  // the table's filters, order, chart grouping and chosen project, kept in the query string
  // (replaceState, as the older pages do) with the picked year and month
  const st = { nature: query.get('nature') || '', unit: query.get('unit') || '', behind: query.get('behind') === '1',
    sort: COLS.some((c) => c.key === query.get('sort')) ? query.get('sort') : null, dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
    id: Number(query.get('id')) || null, by: query.get('by') === 'unit' ? 'unit' : 'nature',
    year: query.get('year') || '', month: query.get('month') || '' }; // as asked for: none is the latest
  const syncUrl = () => {
    const s = new URLSearchParams();
    if (st.year) s.set('year', st.year);
    if (st.month) s.set('month', st.month);
    if (st.nature) s.set('nature', st.nature);
    if (st.unit) s.set('unit', st.unit);
    if (st.behind) s.set('behind', '1');
    if (st.sort) { s.set('sort', st.sort); s.set('dir', st.dir); }
    if (st.by !== 'nature') s.set('by', st.by);
    if (st.id) s.set('id', String(st.id));
    history.replaceState(null, '', '/key-projects' + (s.toString() ? '?' + s : ''));
  };
  const yearIn = h('input', { type: 'number', id: 'kp-year', min: 1949, max: 2100, step: 1,
    value: query.get('year') || '', 'aria-label': t('kp.year'), class: 'kp-year' });
  const monthSel = h('select', { id: 'kp-month', 'aria-label': t('kp.month') },
    h('option', { value: '' }, '—'),
    Array.from({ length: 12 }, (_, i) => h('option', { value: String(i + 1), selected: query.get('month') === String(i + 1) }, String(i + 1))));
  const head = h('span', { class: 'total', id: 'kp-period' });
  const body = h('div', { class: 'kp-body' }, h('p', { class: 'muted' }, t('ent.loading')));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('kp.title')), head),
    h('form', { class: 'filters kp-picker', id: 'kp-picker', onsubmit: (ev) => { ev.preventDefault(); load(true); } },
      h('label', { class: 'check' }, t('kp.year'), yearIn),
      h('label', { class: 'check' }, t('kp.month'), monthSel),
      h('button', { type: 'submit', id: 'kp-show' }, t('kp.show'))),
    body);

  let d = null;
  // the answer to the last load asked for is drawn (an earlier one answered late is dropped)
  let asked = 0;
  async function load(fromPicker) {
    const mine = ++asked;
    disposeCharts();
    const q = { year: yearIn.value, month: monthSel.value };
    if (fromPicker) { st.year = q.year; st.month = q.month; syncUrl(); }
    for (const el of [yearIn, monthSel]) el.removeAttribute('aria-invalid');
    let answer;
    try {
      answer = await api('/key-projects', { query: q });
    } catch (err) {
      if (!page.isConnected || mine !== asked) return;
      // a bad year or month: said, and its control marked, the picker still there to correct it
      const bad = err.field === 'year' ? yearIn : err.field === 'month' ? monthSel : null;
      if (bad) bad.setAttribute('aria-invalid', 'true');
      fill(body, h('section', { class: 'card error-panel', id: 'kp-error', role: 'alert',
        'data-status': String(err.status || 0) }, errorText(err)));
      return;
    }
    if (!page.isConnected || mine !== asked) return;
    d = answer;
    yearIn.value = String(d.year);
    monthSel.value = String(d.month);
    head.textContent = t('kp.period', d.year, d.month);
    head.dataset.period = d.period;
    await draw();
  }

  function draw() {
    disposeCharts();
    const all = d.projects || [];
    if (!all.length) { fill(body, h('section', { class: 'card', id: 'kp-none' }, t('kp.empty'))); return; }
    const tot = d.total;
    const card = (key, title, value, sub, raw) => h('li', { class: 'kp-card kp-' + key, 'data-key': key,
      'data-value': raw === null || raw === undefined ? '' : String(raw) },
    h('span', {}, title), h('strong', {}, value), sub ? h('small', { class: 'muted' }, sub) : null);
    const timeText = `${num(d.time * 100, 1)}%`;
    const cards = h('ul', { class: 'kp-cards', id: 'kp-cards' },
      card('projects', t('kp.c.projects'), num(tot.projects, 0), null, tot.projects),
      card('plan', t('kp.c.plan'), money(tot.plan), null, tot.plan),
      card('completed', t('kp.c.completed', d.month), money(tot.completed), null, tot.completed),
      card('rate', t('kp.c.rate'), rateText(tot.rate), t('kp.c.time', timeText), tot.rate),
      card('behind', t('kp.c.behind'), num(tot.behind, 0), t('kp.c.late', tot.late_start, tot.overdue), tot.behind));
    if (tot.rate !== null && tot.rate < d.time - d.tolerance) cards.querySelector('.kp-rate').classList.add('kp-low');

    const natures = [...new Set(all.map((p) => p.nature_name || '（未填）'))];
    const units = [...new Set(all.map((p) => p.department || '（未填）'))].sort(collator.compare);
    // a filter from the address that this period has no project for is dropped
    if (!natures.includes(st.nature)) st.nature = '';
    if (!units.includes(st.unit)) st.unit = '';
    const natSel = h('select', { id: 'kp-nature', 'aria-label': t('kp.nature') },
      h('option', { value: '' }, t('kp.allNatures')),
      natures.map((n) => h('option', { value: n, selected: st.nature === n }, label(n))));
    const unitSel = h('select', { id: 'kp-unit', 'aria-label': t('kp.unit') },
      h('option', { value: '' }, t('kp.allUnits')),
      units.map((u) => h('option', { value: u, selected: st.unit === u }, label(u))));
    const behindBox = h('input', { type: 'checkbox', id: 'kp-behind', checked: st.behind });
    const shown = h('span', { class: 'total', id: 'kp-shown' });
    const box = h('div', { class: 'table-card', id: 'kp-table-box' });
    const bySel = h('select', { id: 'kp-chart-by', 'aria-label': t('kp.chartBy') },
      ['nature', 'unit'].map((k) => h('option', { value: k, selected: st.by === k }, t('kp.' + k))));
    const chartTitle = h('h3', { id: 'kp-chart-title' });
    const chartBox = h('div', { class: 'chart kp-chart', id: 'kp-chart' });
    const detail = h('section', { class: 'card kp-detail', id: 'kp-detail', hidden: true });
    const colLabel = (c) => (c.num && c.key !== 'rate' && c.key !== 'time' ? withUnit(t(c.label), t('kp.unitWan')) : t(c.label));
    fill(body, cards,
      h('div', { class: 'filters kp-filters' },
        h('label', { class: 'check' }, t('kp.nature'), natSel),
        h('label', { class: 'check' }, t('kp.unit'), unitSel),
        h('label', { class: 'check' }, behindBox, t('kp.behindOnly')),
        shown,
        exportButton(() => ({
          title: t('kp.xpTitle', d.period),
          columns: COLS.map((c) => ({ label: c.key === 'rate' || c.key === 'time' ? withUnit(t(c.label), '%') : colLabel(c), num: !!c.num }))
            .concat([{ label: t('kp.col.park') }]),
          // as the table shows it: the lag of the projects behind only
          rows: visible().map((p) => [p.name, p.owner, p.department, label(p.nature_name), cellNum(p.plan), cellNum(p.completed),
            cellNum(ratePct(p.rate)), cellNum(d.time * 100), p.behind ? cellNum(p.lag) : null,
            badges(p).map((b) => t('kp.b.' + b)).join(' '), label(p.park || '（未分园区）')]),
        }), 'kp-export')),
      h('p', { class: 'muted kp-hint' }, t('kp.hint')),
      h('section', { class: 'card' }, box),
      h('section', { class: 'card' }, h('div', { class: 'card-head' }, chartTitle,
        h('label', { class: 'check' }, t('kp.chartBy'), bySel)), chartBox),
      detail);
    natSel.addEventListener('change', () => { st.nature = natSel.value; drawTable(); });
    unitSel.addEventListener('change', () => { st.unit = unitSel.value; drawTable(); });
    behindBox.addEventListener('change', () => { st.behind = behindBox.checked; drawTable(); });
    bySel.addEventListener('change', () => { st.by = bySel.value; syncUrl(); drawChart(chartTitle, chartBox); });

    function visible() {
      let rows = all.filter((p) => (!st.nature || (p.nature_name || '（未填）') === st.nature) &&
        (!st.unit || (p.department || '（未填）') === st.unit) && (!st.behind || p.behind));
      if (st.sort) {
        const col = COLS.find((c) => c.key === st.sort);
        const dir = st.dir === 'desc' ? -1 : 1;
        rows = [...rows].sort((a, b) => {
          if (col.text) return collator.compare(col.text(a), col.text(b)) * dir;
          const x = col.get(a), y = col.get(b);
          if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
          if (y === null || y === undefined) return -1;
          return (x - y) * dir;
        });
      }
      return rows;
    }

    function drawTable() {
      syncUrl();
      const rows = visible();
      shown.textContent = rows.length === all.length ? t('kp.total', num(all.length, 0))
        : t('kp.shown', num(rows.length, 0), num(all.length, 0));
      shown.dataset.shown = String(rows.length);
      if (!rows.length) { fill(box, h('p', { class: 'muted empty', id: 'kp-empty' }, t('kp.none'))); return; }
      const ths = sortHeaders(COLS, st, colLabel, drawTable, (k) => (COLS.find((c) => c.key === k).text ? 'asc' : 'desc'));
      fill(box, h('table', { class: 'grid', id: 'kp-table' },
        h('thead', {}, h('tr', {}, ths)),
        h('tbody', {}, rows.map((p) => h('tr', { class: 'link-row' + (p.id === st.id ? ' selected' : ''),
          'data-id': String(p.id), 'data-behind': p.behind ? '1' : '0', tabindex: 0,
          onclick: () => select(p.id), onkeydown: (ev) => { if (ev.key === 'Enter') select(p.id); } },
        h('td', { class: 'kp-name' }, p.name),
        h('td', {}, p.owner || ''),
        h('td', {}, p.department || ''),
        h('td', {}, label(p.nature_name)),
        h('td', { class: 'num' }, num(p.plan, 1)),
        h('td', { class: 'num kp-completed', 'data-value': String(p.completed) }, num(p.completed, 1)),
        h('td', { class: 'num kp-rate-cell', 'data-value': p.rate === null ? '' : String(p.rate) }, rateText(p.rate)),
        h('td', { class: 'num' }, `${num(d.time * 100, 1)}%`),
        h('td', { class: 'num' }, p.behind ? num(p.lag, 1) : '—'),
        h('td', { class: 'kp-badges' }, badges(p).map((b) => h('span', { class: 'kp-badge kp-b-' + b, 'data-badge': b }, t('kp.b.' + b)))))))));
    }

    function select(id) {
      st.id = id;
      syncUrl();
      for (const tr of box.querySelectorAll('tr.link-row')) tr.classList.toggle('selected', Number(tr.dataset.id) === id);
      drawDetail(detail);
    }

    drawTable();
    drawChart(chartTitle, chartBox);
    return st.id && all.some((p) => p.id === st.id) ? drawDetail(detail) : null;
  }

  function badges(p) {
    return [p.behind && 'behind', p.late_start && 'late', p.overdue && 'overdue', p.preparation && 'prep'].filter(Boolean);
  }

  function drawChart(title, el) {
    const groups = d.groups[st.by] || [];
    title.textContent = t('kp.chart', t('kp.' + st.by));
    el.replaceChildren();
    const old = charts.find((c) => c.getDom() === el);
    if (old) { old.dispose(); charts = charts.filter((c) => c !== old); }
    if (!window.echarts) { el.append(h('p', { class: 'muted' }, t('chart.noLib'))); return; }
    const c = window.echarts.init(el, null, { renderer: 'canvas' });
    charts.push(c);
    const time = d.time * 100;
    c.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${num(v, 1)}%`) },
      xAxis: { type: 'category', data: groups.map((g) => label(g.name)), axisLabel: { interval: 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => `${v}%` } },
      series: [
        { name: t('kp.s.rate'), type: 'bar', barMaxWidth: 48, data: groups.map((g) => ratePct(g.rate)),
          // red below the pace; 前期策划 is never behind (keyproj.h), so never red
          itemStyle: { color: (p) => { const g = groups[p.dataIndex];
            if (st.by === 'nature' && g.name === '前期策划') return '#9ca3af';
            return g.rate !== null && g.rate < d.time - d.tolerance ? '#b91c1c' : '#1e5bb8'; } } },
        { name: t('kp.s.time'), type: 'line', symbol: 'none', lineStyle: { type: 'dashed', width: 2, color: '#f59e0b' },
          itemStyle: { color: '#f59e0b' }, data: groups.map(() => time) },
      ],
    });
  }

  async function drawDetail(el) {
    const id = st.id;
    let p;
    try {
      p = await api('/key-projects/' + id);
    } catch (err) {
      el.hidden = false;
      fill(el, h('p', { class: 'error', role: 'alert' }, errorText(err)));
      return;
    }
    if (!page.isConnected || st.id !== id) return;
    const old = charts.find((c) => el.contains(c.getDom()));
    if (old) { old.dispose(); charts = charts.filter((c) => c !== old); }
    el.hidden = false;
    el.dataset.id = String(id);
    const row = (k, v) => h('div', {}, h('dt', {}, t(k)), h('dd', {}, v === null || v === undefined || v === '' ? '—' : v));
    const months = p.months || [], years = p.years || [];
    const chartBox = h('div', { class: 'chart kp-month-chart', id: 'kp-month-chart' });
    const mayRecord = !!user && RECORDERS.includes(user.role) && p.may_record;
    fill(el,
      h('div', { class: 'tg-detail-head' },
        h('h3', { id: 'kp-detail-name' }, p.name),
        h('button', { type: 'button', class: 'ghost', id: 'kp-close', onclick: () => {
          st.id = null;
          syncUrl();
          el.hidden = true; fill(el);
        } }, t('kp.d.close'))),
      p.content ? h('p', { class: 'muted kp-content' }, p.content) : null,
      h('dl', { class: 'kp-facts' },
        row('kp.d.owner', p.owner), row('kp.d.unit', p.department), row('kp.d.nature', label(p.nature_name)),
        row('kp.d.park', p.park ? p.park : t('kp.zone')),
        row('kp.d.total', money(p.total_investment)),
        row('kp.d.before', money(p.invested_before)),
        row('kp.d.start', `${p.start_year ?? '—'} / ${p.started ?? '—'}`),
        row('kp.d.finish', `${p.end_year ?? '—'} / ${p.finished ?? '—'}`)),
      h('div', { class: 'card-head' }, h('h4', {}, t('kp.d.years')),
        years.length ? exportButton(() => ({
          title: t('kp.xpYears', p.name),
          columns: [{ label: t('kp.d.year') }, { label: withUnit(t('kp.d.planned'), t('kp.unitWan')), num: true },
            { label: withUnit(t('kp.d.actual'), t('kp.unitWan')), num: true }],
          rows: years.map((y) => [String(y.year), cellNum(y.planned), cellNum(y.actual)]),
        }), 'kp-years-export') : null),
      years.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'grid', id: 'kp-years' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('kp.d.year')),
          h('th', { scope: 'col', class: 'num' }, withUnit(t('kp.d.planned'), t('kp.unitWan'))),
          h('th', { scope: 'col', class: 'num' }, withUnit(t('kp.d.actual'), t('kp.unitWan'))))),
        h('tbody', {}, years.map((y) => h('tr', { 'data-year': String(y.year) }, h('td', {}, String(y.year)),
          h('td', { class: 'num' }, num(y.planned, 1)), h('td', { class: 'num' }, num(y.actual, 1)))))))
        : h('p', { class: 'muted' }, t('kp.d.noYears')),
      h('div', { class: 'card-head' }, h('h4', {}, t('kp.d.months')),
        exportButton(() => ({
          title: t('kp.xpMonths', p.name),
          columns: [{ label: t('kp.d.month') }, { label: withUnit(t('kp.d.actual'), t('kp.unitWan')), num: true }, { label: t('kp.d.note') }],
          rows: months.map((m) => [m.month, cellNum(m.completed), m.note || null]),
        }), 'kp-months-export')),
      months.length ? chartBox : h('p', { class: 'muted', id: 'kp-no-months' }, t('kp.d.noMonths')),
      mayRecord ? recordForm(p) : null);
    if (months.length && window.echarts) {
      const c = window.echarts.init(chartBox, null, { renderer: 'canvas' });
      charts.push(c);
      c.setOption({
        animation: false,
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v) => `${num(v, 1)} ${t('kp.unitWan')}` },
        xAxis: { type: 'category', data: months.map((m) => m.month) },
        yAxis: { type: 'value', name: t('kp.unitWan') },
        series: [{ name: t('kp.d.series'), type: 'bar', barMaxWidth: 32, data: months.map((m) => m.completed), itemStyle: { color: '#1e5bb8' } }],
      });
    }
    el.scrollIntoView({ block: 'nearest' });
  }

  function recordForm(p) {
    const def = `${d.year}-${String(d.month).padStart(2, '0')}`;
    const monthIn = h('input', { type: 'month', id: 'kp-f-month', name: 'month', value: def, required: true });
    const valIn = h('input', { type: 'number', id: 'kp-f-completed', name: 'completed', min: 0, step: 'any', required: true });
    const noteIn = h('input', { type: 'text', id: 'kp-f-note', maxlength: 200 });
    const msg = h('span', { class: 'msg', id: 'kp-f-msg', role: 'status' });
    const btn = h('button', { type: 'submit', id: 'kp-f-submit' }, t('kp.f.submit'));
    return h('form', { class: 'kp-form', id: 'kp-form', onsubmit: async (ev) => {
      ev.preventDefault();
      for (const el of [monthIn, valIn]) el.removeAttribute('aria-invalid');
      const v = Number(valIn.value);
      if (!/^\d{4}-\d{2}$/.test(monthIn.value) || valIn.value === '' || !(v >= 0)) {
        msg.className = 'msg error'; msg.textContent = t('kp.f.bad'); return;
      }
      btn.disabled = true; btn.textContent = t('kp.f.busy');
      try {
        const r = await api(`/key-projects/${p.id}/months`, { method: 'POST',
          body: { month: monthIn.value, completed: v, note: noteIn.value || undefined } });
        await load(false);
        const m = page.querySelector('#kp-f-msg');
        if (m) { m.className = 'msg'; m.textContent = t('kp.f.done', r.month, num(r.completed, 1)); }
      } catch (err) {
        msg.className = 'msg error'; msg.textContent = errorText(err);
        // the field the server names, marked (the form stays as it was filled)
        const bad = err.field === 'month' ? monthIn : err.field === 'completed' ? valIn : null;
        if (bad) { bad.setAttribute('aria-invalid', 'true'); bad.focus(); }
      } finally {
        btn.disabled = false; btn.textContent = t('kp.f.submit');
      }
    } },
    h('h4', {}, t('kp.f.title')),
    h('label', { class: 'check' }, t('kp.f.month'), monthIn),
    h('label', { class: 'check' }, t('kp.f.completed'), valIn),
    h('label', { class: 'check' }, t('kp.f.note'), noteIn),
    btn, msg);
  }

  await load(false);
}
