// projects.js - 招商项目 (/projects, /projects/:id): the investment pipeline.
//   /projects            a board by stage (线索 … 升规入统, then 终止; ?view=list: a sortable
//                        table), filters park / team / stage / text, both from
//                        GET /api/v1/projects (limit 1000, the API's most);
//   /projects/:id        one project (GET /api/v1/projects/:id): its facts, its timeline
//                        (every event with its day, the move it made, the reason, who and
//                        when it was recorded; 更正日期 corrects a recorded day, with a
//                        reason, PATCH …/stages), its funds by month, 履约 once it
//                        produces, and the linked enterprise's latest 亩均 result beside
//                        the contract's promised tax per 亩.
// For the roles that change data (admin, analyst, park) a card and a project's page have
// 推进 (POST …/stages to the next stage) and 移至… with 移动 (any other stage); a move that
// is not the next stage asks for a reason first, and whatever the server refuses is shown
// in place with its message, the field it names marked (it checks every move against the
// stored history). After a move the focus stays with the project. Funds are added on a
// project's page (POST …/funds). 新建项目 (the board and the list) and 编辑 (a project's
// page) open project_form.js. The 招商团队 filter is a choice of the scope's teams (the API
// matches a team exactly); over the API's 1000 the board says it shows the first 1000 of
// N. A viewer sees the same pages without buttons. The filters, the view and the list's
// order are kept in the address.
import { api, errorText } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, t, tv } from './i18n.js';
import { money, num, yi } from './format.js';
import { cellNum, exportButton, withUnit } from './export.js';
import { currentUser } from './session.js';
import { openProjectForm, scopeValues } from './project_form.js';

addWords({
  'nav.projects': '招商项目', 'pj.title': '招商项目', 'pj.board': '看板', 'pj.list': '列表', 'pj.total': '共 {0} 个项目',
  'pj.allParks': '全部园区', 'pj.allStages': '全部阶段', 'pj.team': '招商团队', 'pj.q': '项目名称或投资方',
  'pj.search': '查询', 'pj.none': '没有符合条件的项目', 'pj.noStage': '未记录阶段',
  'pj.next': '推进', 'pj.moveTo': '移至…', 'pj.reason': '理由（跳过、退回、终止、重新启动须填写）',
  'pj.reasonNeeded': '这一步不是下一阶段，请填写理由', 'pj.date': '日期（默认今天）', 'pj.confirm': '确定',
  'pj.cancel': '取消', 'pj.busy': '正在提交…', 'pj.moved': '已移至「{0}」',
  'pj.col.name': '项目名称', 'pj.col.park': '园区', 'pj.col.team': '招商团队', 'pj.col.stage': '当前阶段',
  'pj.col.since': '进入日期', 'pj.col.contract': '合同金额', 'pj.col.planned': '计划投资', 'pj.col.investor': '投资方',
  'pj.timeline': '阶段记录', 'pj.ev.date': '日期', 'pj.ev.stage': '阶段', 'pj.ev.move': '变动', 'pj.ev.reason': '理由',
  'pj.ev.user': '记录人', 'pj.ev.at': '记录时间', 'pj.ev.import': '导入 #{0}',
  'pj.mv.next': '推进', 'pj.mv.skip': '跳过阶段', 'pj.mv.back': '退回', 'pj.mv.drop': '终止', 'pj.mv.reopen': '重新启动',
  'pj.funds': '到位资金', 'pj.f.month': '月份', 'pj.f.fixed': '固定资产投资', 'pj.f.working': '流动资金',
  'pj.f.note': '说明', 'pj.f.add': '记录到位资金', 'pj.f.none': '尚无到位资金记录', 'pj.f.saved': '已记录',
  'pj.comply': '履约情况', 'pj.c.window': '考核期 {0} 至 {1}', 'pj.c.kept': '履约', 'pj.c.notKept': '未履约',
  'pj.c.notAssessed': '暂不考核（投产未满一年、未关联企业或无承诺）', 'pj.c.output': '产值',
  'pj.c.tax': '税收', 'pj.c.promised': '承诺', 'pj.c.actual': '实际', 'pj.c.ratio': '完成率',
  'pj.facts': '项目信息', 'pj.investor': '投资方', 'pj.origin': '来源地', 'pj.sector': '产业板块',
  'pj.industry': '行业代码', 'pj.chain': '产业链/节点', 'pj.promisedOutput': '承诺年产值', 'pj.promisedTax': '承诺年税收',
  'pj.land': '用地需求（亩）', 'pj.enterprise': '关联企业', 'pj.generated': '示例数据（演示生成）', 'pj.back': '返回招商项目',
  'pj.stage.lead': '线索', 'pj.stage.talks': '在谈', 'pj.stage.signed': '签约', 'pj.stage.registered': '注册',
  'pj.stage.land': '供地', 'pj.stage.started': '开工', 'pj.stage.producing': '竣工投产', 'pj.stage.full': '达产',
  'pj.stage.in_stats': '升规入统', 'pj.stage.dropped': '终止',
  'pj.go': '移动', 'pj.foreign': '资金来源', 'pj.foreignYes': '外资', 'pj.foreignNo': '内资', 'pj.note': '备注',
  'pj.allTeams': '全部团队', 'pj.capped': '显示前 {0} 个，共 {1} 个，请用筛选缩小范围',
  'pj.ev.actions': '操作', 'pj.rd.open': '更正日期', 'pj.rd.newDate': '正确日期', 'pj.rd.reason': '更正原因（必填）',
  'pj.rd.noDate': '请填写正确日期', 'pj.rd.title': '更正「{0}」的日期 {1}', 'pj.rd.same': '正确日期与原日期相同', 'pj.rd.noReason': '请填写更正原因',
  'pj.mj': '亩均评价（关联企业）', 'pj.mj.year': '评价年度', 'pj.mj.class': '等级', 'pj.mj.score': '综合得分',
  'pj.mj.rank': '全区排名', 'pj.mj.tax': '实际亩均税收', 'pj.mj.promised': '承诺亩均税收（承诺年税收 ÷ 用地）',
  'pj.mj.unit': '万元/亩',
}, {
  'nav.projects': 'Projects', 'pj.title': 'Investment projects', 'pj.board': 'Board', 'pj.list': 'List', 'pj.total': '{0} projects',
  'pj.allParks': 'All parks', 'pj.allStages': 'All stages', 'pj.team': 'Team', 'pj.q': 'Project or investor',
  'pj.search': 'Search', 'pj.none': 'No project matches', 'pj.noStage': 'No stage yet',
  'pj.next': 'Advance', 'pj.moveTo': 'Move to…', 'pj.reason': 'Reason (needed to skip, go back, drop or reopen)',
  'pj.reasonNeeded': 'This is not the next stage: give a reason', 'pj.date': 'Date (today if empty)', 'pj.confirm': 'OK',
  'pj.cancel': 'Cancel', 'pj.busy': 'Saving…', 'pj.moved': 'Moved to {0}',
  'pj.col.name': 'Project', 'pj.col.park': 'Park', 'pj.col.team': 'Team', 'pj.col.stage': 'Stage',
  'pj.col.since': 'Since', 'pj.col.contract': 'Contract value', 'pj.col.planned': 'Planned investment', 'pj.col.investor': 'Investor',
  'pj.timeline': 'Stage history', 'pj.ev.date': 'Date', 'pj.ev.stage': 'Stage', 'pj.ev.move': 'Move', 'pj.ev.reason': 'Reason',
  'pj.ev.user': 'Recorded by', 'pj.ev.at': 'Recorded at', 'pj.ev.import': 'import #{0}',
  'pj.mv.next': 'next stage', 'pj.mv.skip': 'skip', 'pj.mv.back': 'step back', 'pj.mv.drop': 'dropped', 'pj.mv.reopen': 'reopened',
  'pj.funds': 'Funds in place', 'pj.f.month': 'Month', 'pj.f.fixed': 'Fixed assets', 'pj.f.working': 'Working capital',
  'pj.f.note': 'Note', 'pj.f.add': 'Record funds', 'pj.f.none': 'No funds recorded yet', 'pj.f.saved': 'Recorded',
  'pj.comply': 'Contract performance', 'pj.c.window': 'Window {0} to {1}', 'pj.c.kept': 'kept', 'pj.c.notKept': 'not kept',
  'pj.c.notAssessed': 'Not assessed (under a year in production, no enterprise linked, or no promise)', 'pj.c.output': 'Output',
  'pj.c.tax': 'Tax', 'pj.c.promised': 'Promised', 'pj.c.actual': 'Actual', 'pj.c.ratio': 'Ratio',
  'pj.facts': 'Project', 'pj.investor': 'Investor', 'pj.origin': 'Origin', 'pj.sector': 'Sector',
  'pj.industry': 'Industry code', 'pj.chain': 'Chain / node', 'pj.promisedOutput': 'Promised annual output', 'pj.promisedTax': 'Promised annual tax',
  'pj.land': 'Land needed (mu)', 'pj.enterprise': 'Enterprise', 'pj.generated': 'Demo data (generated)', 'pj.back': 'Back to projects',
  'pj.stage.lead': 'Lead', 'pj.stage.talks': 'In talks', 'pj.stage.signed': 'Signed', 'pj.stage.registered': 'Registered',
  'pj.stage.land': 'Land supplied', 'pj.stage.started': 'Construction started', 'pj.stage.producing': 'In production',
  'pj.stage.full': 'Full capacity', 'pj.stage.in_stats': 'Above designated size', 'pj.stage.dropped': 'Dropped',
  'pj.go': 'Move', 'pj.foreign': 'Capital', 'pj.foreignYes': 'foreign', 'pj.foreignNo': 'domestic', 'pj.note': 'Note',
  'pj.allTeams': 'All teams', 'pj.capped': 'Showing the first {0} of {1}: narrow them down with the filters',
  'pj.ev.actions': 'Actions', 'pj.rd.open': 'Correct day', 'pj.rd.newDate': 'Correct day', 'pj.rd.reason': 'Why (required)',
  'pj.rd.noDate': 'Give the correct day', 'pj.rd.title': 'Correct the day of {0}, recorded {1}', 'pj.rd.same': 'The day is the one recorded', 'pj.rd.noReason': 'Give the reason for the correction',
  'pj.mj': 'Per-mu evaluation (linked enterprise)', 'pj.mj.year': 'Year', 'pj.mj.class': 'Class', 'pj.mj.score': 'Score',
  'pj.mj.rank': 'Rank in the zone', 'pj.mj.tax': 'Tax per mu, actual', 'pj.mj.promised': 'Tax per mu, promised (annual tax ÷ land)',
  'pj.mj.unit': '10k yuan/mu',
});

// the line, in order (src/core/model.h's pb_stage), then 终止 off it
const LINE = ['lead', 'talks', 'signed', 'registered', 'land', 'started', 'producing', 'full', 'in_stats'];
const STAGES = [...LINE, 'dropped'];
const CHANGERS = ['admin', 'analyst', 'park'];
const MAX = 1000;
const SORTS = ['name', 'park', 'team', 'stage', 'since', 'contract', 'planned'];
const collator = new Intl.Collator('zh-CN', { numeric: true });

/** A stage key (lead … dropped) in the reader's language; "未记录阶段" for none. */
export const stageName = (s) => (s ? t('pj.stage.' + s) : t('pj.noStage'));
const mayChange = () => { const u = currentUser(); return !!u && CHANGERS.includes(u.role); };
// the stage after `s` on the line (a project with none starts at 线索), null at the end or dropped
const nextOf = (s) => (!s ? 'lead' : s === 'dropped' ? null : LINE[LINE.indexOf(s) + 1] || null);

function errorPanel(err) {
  return h('div', { class: 'card error-panel', role: 'alert' }, errorText(err));
}

/** Mark the control of `form` the server's error names (its `field`) invalid and focus it;
 * the others valid again. */
function markField(form, err) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const el = err && err.field ? form.querySelector(`[name="${CSS.escape(err.field)}"]`) : null;
  if (el) { el.setAttribute('aria-invalid', 'true'); el.focus(); }
}

/**
 * The move controls of project p ({id, stage}): 推进 and 移至… with its 移动 button (a
 * choice in the menu alone does nothing: a keyboard's arrows change a closed <select>
 * at once, and must not move a project), and the small form asking for a reason (and a
 * day) when the move is not the next stage or the server asks for one (Escape or 取消
 * closes it). done(result) after a move the server took.
 */
function moveControls(p, done) {
  const box = h('div', { class: 'pj-move' });
  const msg = h('p', { class: 'msg', role: 'alert' });
  const send = async (to, reason, date, button) => {
    if (button) button.disabled = true;
    msg.textContent = t('pj.busy');
    msg.classList.remove('error');
    try {
      const r = await api(`/projects/${p.id}/stages`, { method: 'POST', body: { stage: to, reason: reason || undefined, date: date || undefined } });
      msg.textContent = '';
      done(r);
    } catch (err) {
      if (button) button.disabled = false;
      if (err.field === 'reason' && !reason) { ask(to, errorText(err)); return; }
      msg.textContent = errorText(err);
      msg.classList.add('error');
      const form = box.querySelector('form');
      if (form) markField(form, err);
    }
  };
  // the form for a move that needs a reason: the reason, the day, OK and cancel
  function ask(to, why) {
    const reason = h('textarea', { class: 'pj-reason', name: 'reason', rows: 2, 'aria-label': t('pj.reason'), placeholder: t('pj.reason') });
    const date = h('input', { type: 'date', class: 'pj-date', name: 'date', 'aria-label': t('pj.date'), title: t('pj.date') });
    const ok = h('button', { type: 'submit', class: 'primary pj-confirm' }, t('pj.confirm'));
    const cancel = h('button', { type: 'button', class: 'ghost' }, t('pj.cancel'));
    const form = h('form', { class: 'pj-reason-form', 'data-to': to },
      h('strong', {}, '→ ' + stageName(to)), reason, date, h('div', { class: 'pj-buttons' }, ok, cancel), msg);
    msg.textContent = why || t('pj.reasonNeeded');
    msg.classList.add('error');
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = reason.value.trim();
      if (!text) { msg.textContent = t('pj.reasonNeeded'); msg.classList.add('error'); reason.focus(); return; }
      send(to, text, date.value, ok);
    });
    const close = () => { msg.textContent = ''; draw(); box.querySelector('.pj-menu').focus(); };
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') { ev.preventDefault(); close(); } });
    fill(box, form);
    reason.focus();
  }
  function draw() {
    const next = nextOf(p.stage);
    const nextBtn = next ? h('button', { type: 'button', class: 'ghost pj-next', title: stageName(next) },
      t('pj.next') + ' → ' + stageName(next)) : null;
    if (nextBtn) nextBtn.addEventListener('click', () => send(next, '', '', nextBtn));
    const menu = h('select', { class: 'pj-menu', 'aria-label': t('pj.moveTo') },
      h('option', { value: '' }, t('pj.moveTo')),
      STAGES.filter((s) => s !== p.stage).map((s) => h('option', { value: s }, stageName(s))));
    const go = h('button', { type: 'button', class: 'ghost pj-go', disabled: true }, t('pj.go'));
    for (const ev of ['input', 'change']) menu.addEventListener(ev, () => { go.disabled = !menu.value; });
    go.addEventListener('click', () => {
      const to = menu.value;
      if (!to) return;
      if (to === next) send(to, '', '', go);
      else ask(to);
    });
    fill(box, nextBtn, menu, go, msg);
  }
  draw();
  return box;
}

export async function renderProjects(page, _params, query) {
  const st = {
    view: query.get('view') === 'list' ? 'list' : 'board', park: query.get('park') || '',
    team: query.get('team') || '', stage: query.get('stage') || '', q: query.get('q') || '',
    sort: SORTS.includes(query.get('sort')) ? query.get('sort') : 'name', dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
  };
  const total = h('span', { class: 'total', id: 'pj-total' });
  const viewBtn = (v) => h('button', { type: 'button', class: st.view === v ? 'primary' : 'ghost', 'data-view': v,
    onclick: () => { st.view = v; sync(); load(); } }, t('pj.' + v));
  const views = h('div', { class: 'pj-views' });
  const box = h('div', { class: 'pj-box' }, h('p', { class: 'muted empty' }, t('ent.loading')));
  let rows = [];
  const exported = () => ({
    title: [t('pj.title'), st.q, st.team, st.stage ? stageName(st.stage) : ''].filter(Boolean).join(' '),
    columns: [{ label: t('pj.col.name') }, { label: t('pj.col.investor') }, { label: t('pj.col.park') },
      { label: t('pj.col.team') }, { label: t('pj.col.stage') }, { label: t('pj.col.since') },
      { label: withUnit(t('pj.col.contract'), t('unit.wan')), num: true },
      { label: withUnit(t('pj.col.planned'), t('unit.wan')), num: true }],
    rows: sorted().map((p) => [p.name, p.investor, p.park, p.team, stageName(p.stage), p.since,
      cellNum(p.contract_value), cellNum(p.planned_investment)]),
  });
  let parks = [];
  let teams = [];
  // 新建项目 for the roles that change data; the new project's card takes the focus
  const newBtn = mayChange() ? h('button', { type: 'button', class: 'primary', id: 'pj-new' }, t('pf.new')) : null;
  if (newBtn) newBtn.addEventListener('click', () => openProjectForm({ project: null, parks, opener: newBtn,
    onSaved: async (id) => { teams = await scopeValues('team'); drawTeams(); await load(id); } }));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('pj.title')), total, views, newBtn,
    exportButton(exported, 'pj-export')));

  [parks, teams] = await Promise.all([api('/parks').then((r) => r.parks || [], () => []), scopeValues('team')]);
  const bar = h('form', { class: 'filters pj-filters', role: 'search' });
  const q = h('input', { type: 'search', name: 'q', value: st.q, placeholder: t('pj.q'), 'aria-label': t('pj.q') });
  // the API matches a team exactly (docs/api.md): a choice among the scope's teams, not a
  // text a typo would turn into an empty board
  const team = h('select', { name: 'team', 'aria-label': t('pj.team') });
  const drawTeams = () => {
    const list = st.team && !teams.includes(st.team) ? [...teams, st.team] : teams;
    fill(team, h('option', { value: '' }, t('pj.allTeams')),
      list.map((x) => h('option', { value: x, selected: x === st.team }, x)));
  };
  drawTeams();
  const park = h('select', { name: 'park', 'aria-label': t('pj.col.park') }, h('option', { value: '' }, t('pj.allParks')),
    parks.map((p) => h('option', { value: String(p.id), selected: String(p.id) === st.park }, p.name)));
  const stage = h('select', { name: 'stage', 'aria-label': t('pj.col.stage') }, h('option', { value: '' }, t('pj.allStages')),
    STAGES.map((s) => h('option', { value: s, selected: s === st.stage }, stageName(s))));
  if (parks.length <= 1) park.hidden = true;
  bar.append(q, team, park, stage, h('button', { type: 'submit', class: 'primary' }, t('pj.search')));
  const apply = () => { st.q = q.value.trim(); st.team = team.value; st.park = park.value; st.stage = stage.value; sync(); load(); };
  bar.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  for (const el of [team, park, stage]) el.addEventListener('change', apply);
  // the board and the list hold at most MAX projects (the API's most): more are said
  const capped = h('p', { class: 'card pj-capped', id: 'pj-capped', role: 'status', hidden: true });
  page.append(bar, capped, box);

  function sync() {
    const p = new URLSearchParams();
    for (const k of ['park', 'team', 'stage', 'q']) if (st[k]) p.set(k, st[k]);
    if (st.view === 'list') p.set('view', 'list');
    if (st.view === 'list' && (st.sort !== 'name' || st.dir !== 'asc')) { p.set('sort', st.sort); p.set('dir', st.dir); }
    const s = p.toString();
    history.replaceState(null, '', '/projects' + (s ? '?' + s : ''));
    fill(views, viewBtn('board'), viewBtn('list'));
  }

  const key = {
    name: (p) => p.name, park: (p) => p.park || '', team: (p) => p.team || '',
    stage: (p) => STAGES.indexOf(p.stage), since: (p) => p.since || '',
    contract: (p) => p.contract_value, planned: (p) => p.planned_investment,
  };
  function sorted() {
    const k = key[st.sort];
    return [...rows].sort((a, b) => {
      const x = k(a), y = k(b);
      let c;
      if (typeof x === 'number' || typeof y === 'number' || x === null || y === null)
        c = (x === null || x === undefined ? -Infinity : x) - (y === null || y === undefined ? -Infinity : y);
      else c = collator.compare(x, y);
      return (st.dir === 'desc' ? -c : c) || collator.compare(a.name, b.name);
    });
  }

  // loads answered out of order (a filter changed again before the answer came): the last
  // one asked for is drawn, the others dropped
  let asked = 0;
  async function load(focusId) {
    const mine = ++asked;
    let body;
    try {
      body = await api('/projects', { query: { q: st.q, team: st.team, park: st.park, stage: st.stage, limit: MAX } });
    } catch (err) {
      if (!page.isConnected || mine !== asked) return;
      rows = [];
      fill(box, errorPanel(err));
      return;
    }
    if (!page.isConnected || mine !== asked) return;
    rows = body.projects || [];
    total.textContent = t('pj.total', num(body.total, 0));
    total.dataset.total = String(body.total);
    capped.hidden = body.total <= rows.length;
    capped.textContent = capped.hidden ? '' : t('pj.capped', rows.length, body.total);
    draw();
    // after a move the card is drawn anew in its new column: the focus follows it there
    // (a new project: its card, its row in the list, or its link among those of no stage)
    const moved = focusId ? box.querySelector(`a[href="/projects/${focusId}"]`) : null;
    if (moved) moved.focus();
  }

  function draw() {
    if (st.view === 'list') drawList(); else drawBoard();
  }

  function drawBoard() {
    const change = mayChange();
    const cols = STAGES.map((s) => {
      const mine = rows.filter((p) => p.stage === s).sort((a, b) => collator.compare(a.name, b.name));
      return h('section', { class: 'pj-col' + (s === 'dropped' ? ' pj-dropped' : ''), 'data-stage': s },
        h('h3', {}, stageName(s), h('span', { class: 'pj-count' }, String(mine.length))),
        mine.map((p) => card(p, change)));
    });
    const none = rows.filter((p) => !p.stage);
    fill(box, h('div', { class: 'pj-board', id: 'pj-board' }, cols),
      none.length ? h('p', { class: 'muted' }, `${t('pj.noStage')}：`,
        none.map((p, i) => [i ? '、' : '', h('a', { href: '/projects/' + p.id }, p.name)])) : null);
  }

  function card(p, change) {
    return h('article', { class: 'pj-card', 'data-id': String(p.id), 'data-stage': p.stage || '' },
      h('a', { href: '/projects/' + p.id, class: 'pj-name' }, p.name),
      h('div', { class: 'muted' }, p.park || '—'),
      h('div', { class: 'pj-value' }, yi(p.contract_value)),
      change ? moveControls(p, () => load(p.id)) : null);
  }

  function drawList() {
    if (!rows.length) { fill(box, h('p', { class: 'muted empty' }, t('pj.none'))); return; }
    const cols = [{ key: 'name', label: 'pj.col.name' }, { key: 'park', label: 'pj.col.park' },
      { key: 'team', label: 'pj.col.team' }, { key: 'stage', label: 'pj.col.stage' },
      { key: 'since', label: 'pj.col.since' }, { key: 'contract', label: 'pj.col.contract', num: true },
      { key: 'planned', label: 'pj.col.planned', num: true }];
    const th = sortHeaders(cols, st, (c) => t(c.label), () => { sync(); draw(); }, (k) => (k === 'contract' || k === 'planned' ? 'desc' : 'asc'));
    fill(box, h('div', { class: 'card table-card' }, h('table', { class: 'grid', id: 'pj-table' },
      h('thead', {}, h('tr', {}, th)),
      h('tbody', {}, sorted().map((p) => h('tr', { 'data-id': String(p.id) },
        h('td', {}, h('a', { href: '/projects/' + p.id }, p.name)),
        h('td', {}, p.park || '—'), h('td', {}, p.team || '—'),
        h('td', { 'data-stage': p.stage || '' }, stageName(p.stage)),
        h('td', { class: 'mono' }, p.since || '—'),
        h('td', { class: 'num' }, money(p.contract_value)),
        h('td', { class: 'num' }, money(p.planned_investment))))))));
  }

  sync();
  await load();
}

export async function renderProject(page, params) {
  const box = h('div', { class: 'pj-detail' }, h('p', { class: 'muted empty' }, t('ent.loading')));
  page.append(box);
  // afterMove: the focus goes back to the move menu; 'edit': to 编辑
  async function load(afterMove) {
    let p;
    try {
      p = await api('/projects/' + encodeURIComponent(params.id));
    } catch (err) {
      if (page.isConnected) fill(box, errorPanel(err));
      return;
    }
    if (!page.isConnected) return;
    draw(p);
    // the controls are drawn anew: the focus goes back to them, not to the page's top
    const menu = afterMove ? box.querySelector(afterMove === 'edit' ? '#pj-edit' : '.pj-actions .pj-menu') : null;
    if (menu) menu.focus();
  }

  function draw(p) {
    const change = mayChange();
    const fact = (label, v) => [h('dt', {}, label), h('dd', {}, v === null || v === undefined || v === '' ? '—' : v)];
    const facts = h('dl', { class: 'facts' },
      fact(t('pj.investor'), p.investor), fact(t('pj.origin'), p.origin),
      fact(t('pj.foreign'), p.foreign_funded === true ? t('pj.foreignYes') : p.foreign_funded === false ? t('pj.foreignNo') : null),
      fact(t('pj.col.park'), p.park), fact(t('pj.col.team'), p.team),
      fact(t('pj.sector'), p.sector ? tv(p.sector) : null), fact(t('pj.industry'), p.industry),
      fact(t('pj.chain'), [p.chain, p.chain_node].filter(Boolean).join(' / ')),
      fact(t('pj.col.planned'), money(p.planned_investment)), fact(t('pj.col.contract'), money(p.contract_value)),
      fact(t('pj.promisedOutput'), money(p.promised_output)), fact(t('pj.promisedTax'), money(p.promised_tax)),
      fact(t('pj.land'), num(p.land_needed)),
      fact(t('pj.enterprise'), p.enterprise ? h('a', { href: '/enterprises/' + p.enterprise.id }, p.enterprise.name || p.enterprise.uscc) : null),
      fact(t('pj.note'), p.note),
      p.generated ? fact(t('pj.generated'), '✓') : null);
    fill(box,
      h('p', {}, h('a', { href: '/projects' }, '← ' + t('pj.back'))),
      h('div', { class: 'page-head' }, h('h2', { id: 'pj-name' }, p.name),
        h('span', { class: 'pj-stage-tag', id: 'pj-stage', 'data-stage': p.stage || '' }, stageName(p.stage)),
        p.since ? h('span', { class: 'muted' }, p.since) : null),
      change ? h('div', { class: 'card pj-actions' }, moveControls(p, () => load(true)), editButton(p)) : null,
      h('section', { class: 'card' }, h('h3', {}, t('pj.facts')), facts),
      timeline(p, change), funds(p, change), comply(p), mujun(p));
  }

  // 编辑: the form prefilled with p (the parks the user may choose asked for then)
  function editButton(p) {
    const b = h('button', { type: 'button', class: 'ghost', id: 'pj-edit' }, t('pf.edit'));
    b.addEventListener('click', async () => {
      const parks = await api('/parks').then((r) => r.parks || [], () => []);
      openProjectForm({ project: p, parks, opener: b, onSaved: () => load('edit') });
    });
    return b;
  }

  // 更正日期: a recorded event's day corrected (PATCH /projects/:id/stages), with a reason;
  // the server replays the history and names the field it refuses
  function redateForm(p, e, opener) {
    // (aria-required, not required: the page's own message, not the browser's bubble)
    const day = h('input', { type: 'date', name: 'new_date', 'aria-required': 'true', value: e.date, 'aria-label': t('pj.rd.newDate') });
    const reason = h('input', { type: 'text', name: 'reason', 'aria-required': 'true', placeholder: t('pj.rd.reason'), 'aria-label': t('pj.rd.reason') });
    const ok = h('button', { type: 'submit', class: 'primary' }, t('pj.confirm'));
    const cancel = h('button', { type: 'button', class: 'ghost' }, t('pj.cancel'));
    const msg = h('p', { class: 'msg', role: 'alert' });
    const form = h('form', { class: 'pj-redate-form', id: 'pj-redate-form', 'data-stage': e.stage, 'data-date': e.date },
      h('p', {}, t('pj.rd.title', stageName(e.stage), e.date)), day, reason, ok, cancel, msg);
    const close = () => { form.remove(); opener.focus(); };
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') close(); });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      msg.classList.add('error');
      if (!day.value || day.value === e.date) {
        msg.textContent = t(day.value ? 'pj.rd.same' : 'pj.rd.noDate');
        markField(form, { field: 'new_date' });
        return;
      }
      if (!reason.value.trim()) { msg.textContent = t('pj.rd.noReason'); markField(form, { field: 'reason' }); return; }
      ok.disabled = true;
      msg.classList.remove('error');
      msg.textContent = t('pj.busy');
      try {
        await api(`/projects/${p.id}/stages`, { method: 'PATCH',
          body: { stage: e.stage, date: e.date, new_date: day.value, reason: reason.value.trim() } });
        await load();
      } catch (err) {
        ok.disabled = false;
        msg.textContent = errorText(err);
        msg.classList.add('error');
        markField(form, err);
      }
    });
    return { form, focus: () => day.focus() };
  }

  function timeline(p, change) {
    const cols = ['date', 'stage', 'move', 'reason', 'user', 'at'];
    const cells = (e) => [e.date, stageName(e.stage), e.move ? t('pj.mv.' + e.move) : '', e.reason || '',
      e.user || '', e.import_id ? `${e.recorded_at || ''} ${t('pj.ev.import', e.import_id)}`.trim() : e.recorded_at || ''];
    const exported = () => ({ title: `${p.name} ${t('pj.timeline')}`, columns: cols.map((c) => ({ label: t('pj.ev.' + c) })),
      rows: p.events.map(cells) });
    const section = h('section', { class: 'card table-card' });
    const action = (e) => {
      const b = h('button', { type: 'button', class: 'ghost pj-redate', 'data-stage': e.stage, 'data-date': e.date }, t('pj.rd.open'));
      b.addEventListener('click', () => {
        section.querySelector('#pj-redate-form')?.remove();
        const f = redateForm(p, e, b);
        section.append(f.form);
        f.focus();
      });
      return h('td', {}, b);
    };
    return fill(section,
      h('div', { class: 'card-head' }, h('h3', {}, t('pj.timeline')), exportButton(exported, 'pj-timeline-export')),
      h('table', { class: 'grid', id: 'pj-timeline' },
        h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t('pj.ev.' + c))),
          change ? h('th', { scope: 'col' }, t('pj.ev.actions')) : null)),
        h('tbody', {}, p.events.map((e) => h('tr', { 'data-stage': e.stage, 'data-move': e.move },
          cells(e).map((v, i) => h('td', { class: i === 0 || i === 5 ? 'mono' : null }, v || '—')),
          change ? action(e) : null)))));
  }

  // the linked enterprise's latest 亩均 result beside the contract's promise per 亩
  function mujun(p) {
    const m = p.mujun;
    if (!m) return null;
    const perMu = (v) => (v === null || v === undefined ? '—' : `${num(v, 2)} ${t('pj.mj.unit')}`);
    const fact = (label, v) => [h('dt', {}, label), h('dd', {}, v === null || v === undefined ? '—' : v)];
    return h('section', { class: 'card', id: 'pj-mujun' }, h('h3', {}, t('pj.mj')),
      h('dl', { class: 'facts' },
        fact(t('pj.mj.year'), String(m.year)), fact(t('pj.mj.class'), m.class),
        fact(t('pj.mj.score'), m.score === null ? null : num(m.score, 2)),
        fact(t('pj.mj.rank'), m.rank_zone === null ? null : String(m.rank_zone)),
        fact(t('pj.mj.tax'), perMu(m.tax_per_mu)), fact(t('pj.mj.promised'), perMu(m.promised_tax_per_mu))));
  }

  function funds(p, change) {
    const exported = () => ({ title: `${p.name} ${t('pj.funds')}`,
      columns: [{ label: t('pj.f.month') }, { label: withUnit(t('pj.f.fixed'), t('unit.wan')), num: true },
        { label: withUnit(t('pj.f.working'), t('unit.wan')), num: true }, { label: t('pj.f.note') }],
      rows: p.funds.map((f) => [f.month, cellNum(f.fixed), cellNum(f.working), f.note]) });
    const table = p.funds.length ? h('table', { class: 'grid', id: 'pj-funds' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('pj.f.month')),
        h('th', { scope: 'col', class: 'num' }, withUnit(t('pj.f.fixed'), t('unit.wan'))),
        h('th', { scope: 'col', class: 'num' }, withUnit(t('pj.f.working'), t('unit.wan'))),
        h('th', { scope: 'col' }, t('pj.f.note')))),
      h('tbody', {}, p.funds.map((f) => h('tr', { 'data-month': f.month }, h('td', { class: 'mono' }, f.month),
        h('td', { class: 'num' }, num(f.fixed)), h('td', { class: 'num' }, num(f.working)), h('td', {}, f.note || '')))))
      : h('p', { class: 'muted' }, t('pj.f.none'));
    return h('section', { class: 'card table-card' },
      h('div', { class: 'card-head' }, h('h3', {}, t('pj.funds')), exportButton(exported, 'pj-funds-export')),
      table, change ? fundForm(p) : null);
  }

  function fundForm(p) {
    const month = h('input', { type: 'month', name: 'month', required: true, 'aria-label': t('pj.f.month') });
    const fixed = h('input', { type: 'number', name: 'fixed', min: 0, step: 'any', placeholder: withUnit(t('pj.f.fixed'), t('unit.wan')), 'aria-label': t('pj.f.fixed') });
    const working = h('input', { type: 'number', name: 'working', min: 0, step: 'any', placeholder: withUnit(t('pj.f.working'), t('unit.wan')), 'aria-label': t('pj.f.working') });
    const note = h('input', { type: 'text', name: 'note', placeholder: t('pj.f.note'), 'aria-label': t('pj.f.note') });
    const ok = h('button', { type: 'submit', class: 'primary' }, t('pj.f.add'));
    const msg = h('p', { class: 'msg', role: 'alert' });
    const form = h('form', { class: 'pj-fund-form', id: 'pj-fund-form' }, month, fixed, working, note, ok, msg);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const n = (el) => (el.value === '' ? null : Number(el.value));
      ok.disabled = true;
      msg.classList.remove('error');
      msg.textContent = t('pj.busy');
      try {
        await api(`/projects/${p.id}/funds`, { method: 'POST', body: { month: month.value, fixed: n(fixed), working: n(working), note: note.value.trim() || undefined } });
        await load();
      } catch (err) {
        ok.disabled = false;
        msg.textContent = errorText(err);
        msg.classList.add('error');
        markField(form, err);
      }
    });
    return form;
  }

  function comply(p) {
    const c = p.comply;
    if (!c) return null;
    const ratio = (v) => (v === null || v === undefined ? '—' : num(v * 100, 1) + '%');
    const exported = () => ({ title: `${p.name} ${t('pj.comply')}`,
      columns: [{ label: '' }, { label: withUnit(t('pj.c.promised'), t('unit.wan')), num: true },
        { label: withUnit(t('pj.c.actual'), t('unit.wan')), num: true }, { label: t('pj.c.ratio'), num: true }],
      rows: [[t('pj.c.output'), cellNum(c.promised_output), cellNum(c.actual_output), cellNum(c.ratio_output)],
        [t('pj.c.tax'), cellNum(c.promised_tax), cellNum(c.actual_tax), cellNum(c.ratio_tax)]] });
    return h('section', { class: 'card', id: 'pj-comply' },
      h('div', { class: 'card-head' }, h('h3', {}, t('pj.comply')), exportButton(exported, 'pj-comply-export')),
      h('p', { class: 'muted' }, t('pj.c.window', c.from, c.to)),
      c.assessed ? h('p', {}, h('strong', {}, c.kept ? t('pj.c.kept') : t('pj.c.notKept'))) : h('p', {}, t('pj.c.notAssessed')),
      h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['', 'pj.c.promised', 'pj.c.actual', 'pj.c.ratio']
        .map((k) => h('th', { scope: 'col', class: k ? 'num' : null }, k ? t(k) : '')))),
      h('tbody', {},
        h('tr', {}, h('td', {}, t('pj.c.output')), h('td', { class: 'num' }, money(c.promised_output)),
          h('td', { class: 'num' }, money(c.actual_output)), h('td', { class: 'num' }, ratio(c.ratio_output))),
        h('tr', {}, h('td', {}, t('pj.c.tax')), h('td', { class: 'num' }, money(c.promised_tax)),
          h('td', { class: 'num' }, money(c.actual_tax)), h('td', { class: 'num' }, ratio(c.ratio_tax))))));
  }

  await load();
}
