// project_form.js - 新建项目 and 编辑 of the 招商项目 pages (projects.js): a modal form with
// every field POST /api/v1/projects and PATCH /api/v1/projects/:id take (docs/api.md), and,
// for a new project, its first stage and day. A create cannot carry a stage (the stage is
// the replay of the stage events), so it is two requests: the POST, then POST …/stages;
// when the second fails the project exists already, so the form keeps it and a further
// submit retries the stage only (the project's fields locked), and closing it shows the
// project on the board without a stage. An edit sends only the fields changed (none: it
// says so and sends nothing). Numbers are checked here (a number, finite, not negative)
// and every refusal of the server is shown at the field it names (aria-invalid, focus),
// the form kept as it was filled. Escape or 取消 closes it and the focus goes back to the
// button that opened it.
import { api, errorText } from './api.js';
import { h } from './dom.js';
import { addWords, t } from './i18n.js';
import { currentUser } from './session.js';

addWords({
  'pf.new': '新建项目', 'pf.edit': '编辑', 'pf.titleNew': '新建招商项目', 'pf.titleEdit': '编辑「{0}」',
  'pf.name': '项目名称', 'pf.investor': '投资方', 'pf.origin': '投资方来源地', 'pf.foreign': '内外资',
  'pf.foreignNone': '未填', 'pf.foreignNo': '内资', 'pf.foreignYes': '外资',
  'pf.industry': '行业代码（GB/T 4754，如 C3922）', 'pf.sector': '产业板块', 'pf.park': '所属园区', 'pf.parkNone': '未定',
  'pf.team': '招商团队', 'pf.chain': '产业链', 'pf.chainNode': '链上节点',
  'pf.planned': '计划投资（万元）', 'pf.contract': '合同金额（万元）', 'pf.output': '承诺年产值（万元）',
  'pf.tax': '承诺年税收（万元）', 'pf.land': '用地需求（亩）',
  'pf.enterprise': '关联企业（名称或统一社会信用代码）', 'pf.note': '备注',
  'pf.stage': '首个阶段', 'pf.date': '进入日期',
  'pf.required': '* 为必填项', 'pf.save': '保存', 'pf.saveStage': '记录阶段', 'pf.cancel': '取消', 'pf.busy': '正在提交…',
  'pf.needed': '必填', 'pf.notNumber': '应为数字', 'pf.negative': '不能为负数', 'pf.future': '不能晚于今天',
  'pf.parkNeeded': '园区操作员须选择本园区', 'pf.noEnterprise': '没有该企业，请从列表中选择',
  'pf.manyEnterprises': '有多家企业符合，请从列表中选择',
  'pf.unchanged': '没有修改任何字段，未提交', 'pf.fix': '请改正标出的字段',
  'pf.stageFailed': '项目已建立，但首个阶段未能记录：{0}。请改正阶段或日期后点「记录阶段」，或关闭后在项目页推进。',
  'pf.openProject': '打开项目页面',
}, {
  'pf.new': 'New project', 'pf.edit': 'Edit', 'pf.titleNew': 'New investment project', 'pf.titleEdit': 'Edit “{0}”',
  'pf.name': 'Project name', 'pf.investor': 'Investor', 'pf.origin': 'Investor from', 'pf.foreign': 'Capital',
  'pf.foreignNone': 'not given', 'pf.foreignNo': 'domestic', 'pf.foreignYes': 'foreign',
  'pf.industry': 'Industry code (GB/T 4754, e.g. C3922)', 'pf.sector': 'Sector', 'pf.park': 'Park', 'pf.parkNone': 'not decided',
  'pf.team': 'Team', 'pf.chain': 'Industry chain', 'pf.chainNode': 'Chain node',
  'pf.planned': 'Planned investment (10k yuan)', 'pf.contract': 'Contract value (10k yuan)',
  'pf.output': 'Promised annual output (10k yuan)', 'pf.tax': 'Promised annual tax (10k yuan)', 'pf.land': 'Land needed (mu)',
  'pf.enterprise': 'Enterprise (name or USCC)', 'pf.note': 'Note',
  'pf.stage': 'First stage', 'pf.date': 'Date entered',
  'pf.required': '* required', 'pf.save': 'Save', 'pf.saveStage': 'Record the stage', 'pf.cancel': 'Cancel', 'pf.busy': 'Saving…',
  'pf.needed': 'Required', 'pf.notNumber': 'Must be a number', 'pf.negative': 'Cannot be negative', 'pf.future': 'Cannot be after today',
  'pf.parkNeeded': 'A park operator picks one of its parks', 'pf.noEnterprise': 'No such enterprise: pick one from the list',
  'pf.manyEnterprises': 'Several enterprises match: pick one from the list',
  'pf.unchanged': 'Nothing was changed: nothing sent', 'pf.fix': 'Correct the marked fields',
  'pf.stageFailed': 'The project was created, but its first stage was not recorded: {0}. Correct the stage or date and press “Record the stage”, or close and advance it on its page.',
  'pf.openProject': 'Open the project',
});

// the project's fields as the API names them, in the form's order; kind: how a control's
// text becomes the API's value
const FIELDS = [
  { key: 'name', label: 'pf.name', kind: 'text', required: true },
  { key: 'investor', label: 'pf.investor', kind: 'text' },
  { key: 'origin', label: 'pf.origin', kind: 'text' },
  { key: 'foreign_funded', label: 'pf.foreign', kind: 'bool' },
  { key: 'industry', label: 'pf.industry', kind: 'text' },
  { key: 'sector', label: 'pf.sector', kind: 'text', list: 'sectors' },
  { key: 'park_id', label: 'pf.park', kind: 'park' },
  { key: 'team', label: 'pf.team', kind: 'text', list: 'teams' },
  { key: 'chain', label: 'pf.chain', kind: 'text' },
  { key: 'chain_node', label: 'pf.chainNode', kind: 'text' },
  { key: 'planned_investment', label: 'pf.planned', kind: 'num' },
  { key: 'contract_value', label: 'pf.contract', kind: 'num' },
  { key: 'promised_output', label: 'pf.output', kind: 'num' },
  { key: 'promised_tax', label: 'pf.tax', kind: 'num' },
  { key: 'land_needed', label: 'pf.land', kind: 'num' },
  { key: 'enterprise_id', label: 'pf.enterprise', kind: 'enterprise' },
  { key: 'note', label: 'pf.note', kind: 'note' },
];
const FIRST_STAGES = ['lead', 'talks', 'signed', 'registered', 'land', 'started', 'producing', 'full', 'in_stats'];
const NONE_LABEL = '（未填）'; // the pipeline's group of the projects without one (src/io/pipeline_run.c)
// a plain decimal (no hex, no thousands separators: "12,000" is refused, not read as 12)
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Today in the zone (UTC+8) as YYYY-MM-DD: the latest day a move may be dated. */
export const zoneToday = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

/**
 * The names of the groups of GET /api/v1/pipeline grouped by `group` (team, sector) over
 * every year the engine takes: each value some project in the user's scope has, whether
 * or not it moved (a project with none is left out). [] when the request fails.
 */
export async function scopeValues(group) {
  try {
    const r = await api('/pipeline', { query: { from: '1990-01-01', to: '2099-12-31', group } });
    return (r.groups || []).map((g) => g.name).filter((n) => n && n !== NONE_LABEL);
  } catch (_) {
    return [];
  }
}

const enterpriseLabel = (e) => (e.name ? `${e.name}（${e.uscc}）` : e.uscc);

/** The initial text of field f's control for project p (null: a new project). */
function initial(f, p) {
  if (!p) return '';
  if (f.kind === 'bool') return p.foreign_funded === true ? 'true' : p.foreign_funded === false ? 'false' : '';
  if (f.kind === 'park') return p.park_id ? String(p.park_id) : '';
  if (f.kind === 'enterprise') return p.enterprise ? enterpriseLabel(p.enterprise) : '';
  const v = p[f.key];
  return v === null || v === undefined ? '' : String(v);
}

/**
 * Open the form: project null for 新建项目 (with the first stage), else the project as
 * GET /api/v1/projects/:id answers it, for 编辑. parks: GET /api/v1/parks's (the user's);
 * opener: the button to focus again on close; onSaved(id) after the server took it (also
 * when only the create of a two-step new project succeeded and the form was closed).
 */
export function openProjectForm({ project, parks, opener, onSaved }) {
  const p = project || null;
  const user = currentUser();
  const parkOp = !!user && user.role === 'park';
  const controls = {}, errs = {};
  const lists = { teams: h('datalist', { id: 'pf-teams' }), sectors: h('datalist', { id: 'pf-sectors' }) };
  const enterprises = new Map(); // a label offered → its id
  if (p && p.enterprise) enterprises.set(enterpriseLabel(p.enterprise), p.enterprise.id);

  const control = (f) => {
    const attrs = { name: f.key, id: 'pf-' + f.key, required: !!f.required, 'aria-required': f.required ? 'true' : null };
    if (f.kind === 'bool')
      return h('select', attrs, [['', 'pf.foreignNone'], ['false', 'pf.foreignNo'], ['true', 'pf.foreignYes']]
        .map(([v, k]) => h('option', { value: v }, t(k))));
    if (f.kind === 'park')
      return h('select', { ...attrs, required: parkOp, 'aria-required': parkOp ? 'true' : null },
        parkOp ? null : h('option', { value: '' }, t('pf.parkNone')),
        parks.map((x) => h('option', { value: String(x.id) }, x.name)));
    if (f.kind === 'note') return h('textarea', { ...attrs, rows: 2 });
    return h('input', { ...attrs, type: 'text', autocomplete: 'off',
      inputmode: f.kind === 'num' ? 'decimal' : null, list: f.list ? 'pf-' + f.list : f.kind === 'enterprise' ? 'pf-enterprises' : null });
  };
  const field = (key, label, el, required, wide) => {
    controls[key] = el;
    errs[key] = h('span', { class: 'field-error', 'data-error-for': key, id: 'pf-err-' + key, role: 'alert' });
    el.setAttribute('aria-describedby', errs[key].id);
    return h('label', { class: 'pf-field' + (wide ? ' pf-wide' : ''), 'data-field': key },
      h('span', {}, t(label), required ? h('span', { class: 'pf-req', 'aria-hidden': 'true' }, ' *') : null), el, errs[key]);
  };
  const fieldset = h('fieldset', { class: 'pf-fields' },
    FIELDS.map((f) => field(f.key, f.label, control(f), f.required || (f.kind === 'park' && parkOp), f.kind === 'note')));
  for (const f of FIELDS) controls[f.key].value = initial(f, p);
  if (!p && parkOp && parks.length === 1) controls.park_id.value = String(parks[0].id);
  const start = p ? null : h('fieldset', { class: 'pf-fields pf-start' },
    field('stage', 'pf.stage', h('select', { name: 'stage', id: 'pf-stage', required: true, 'aria-required': 'true' },
      FIRST_STAGES.map((s) => h('option', { value: s }, t('pj.stage.' + s)))), true),
    field('date', 'pf.date', h('input', { type: 'date', name: 'date', id: 'pf-date', required: true,
      'aria-required': 'true', max: zoneToday(), value: zoneToday() }), true));
  const entList = h('datalist', { id: 'pf-enterprises' });

  const msg = h('p', { class: 'msg', id: 'pf-msg', role: 'alert', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'pf-submit' }, t('pf.save'));
  const cancel = h('button', { type: 'button', class: 'ghost', id: 'pf-cancel' }, t('pf.cancel'));
  const title = h('h3', { id: 'pf-title' }, p ? t('pf.titleEdit', p.name) : t('pf.titleNew'));
  const form = h('form', { class: 'pf-form', id: 'pf-form', novalidate: true },
    title, h('p', { class: 'muted pf-hint' }, t('pf.required')), fieldset, start,
    lists.teams, lists.sectors, entList, msg, h('div', { class: 'us-buttons' }, submit, cancel));
  const dialog = h('dialog', { class: 'card pf-dialog', id: 'pf-dialog', 'aria-labelledby': 'pf-title' }, form);

  let created = 0; // a new project the server took whose first stage is not recorded yet
  const shut = () => dialog.close();
  cancel.addEventListener('click', shut);
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (created) onSaved(created);
    else if (opener && opener.isConnected) opener.focus();
  });

  // the datalists: the scope's teams and sectors, enterprises as the user types
  scopeValues('team').then((v) => lists.teams.replaceChildren(...v.map((x) => h('option', { value: x }))));
  scopeValues('sector').then((v) => lists.sectors.replaceChildren(...v.map((x) => h('option', { value: x }))));
  let typed = 0;
  controls.enterprise_id.addEventListener('input', () => {
    const q = controls.enterprise_id.value.trim(), mine = ++typed;
    if (!q || enterprises.has(q)) return;
    setTimeout(async () => {
      if (mine !== typed) return;
      const found = await findEnterprises(q);
      if (mine !== typed) return;
      for (const e of found) enterprises.set(enterpriseLabel(e), e.id);
      entList.replaceChildren(...found.map((e) => h('option', { value: enterpriseLabel(e) })));
    }, 250);
  });
  async function findEnterprises(q) {
    try { return (await api('/enterprises', { query: { q, limit: 20 } })).enterprises || []; } catch (_) { return []; }
  }

  const clear = () => {
    for (const k of Object.keys(errs)) { errs[k].textContent = ''; controls[k].removeAttribute('aria-invalid'); }
    msg.textContent = '';
    msg.classList.remove('error');
  };
  // mark the fields of `bad` ({key: text}); the first one takes the focus
  const mark = (bad) => {
    let first = null;
    for (const [k, text] of Object.entries(bad)) {
      if (!controls[k]) continue;
      errs[k].textContent = text;
      controls[k].setAttribute('aria-invalid', 'true');
      first = first || controls[k];
    }
    if (first) first.focus();
    return !!first;
  };
  // the server's refusal: at the field it names, else under the form
  const refused = (err, prefix) => {
    const text = errorText(err);
    if (!(err.field && mark({ [err.field]: text })) || prefix) {
      msg.textContent = prefix ? prefix(text) : text;
      msg.classList.add('error');
    }
  };

  /** The API's value of field f from its control, or {bad: text}. */
  async function valueOf(f) {
    const raw = controls[f.key].value.trim();
    switch (f.kind) {
      case 'bool': return raw === '' ? null : raw === 'true';
      case 'park': return raw === '' ? null : Number(raw);
      case 'num': {
        if (raw === '') return null;
        const n = Number(raw);
        if (!NUMBER.test(raw) || !Number.isFinite(n)) return { bad: t('pf.notNumber') };
        return n < 0 ? { bad: t('pf.negative') } : n;
      }
      case 'enterprise': {
        if (raw === '') return null;
        if (enterprises.has(raw)) return enterprises.get(raw);
        const found = await findEnterprises(raw);
        const exact = found.filter((e) => e.uscc === raw || e.name === raw || enterpriseLabel(e) === raw);
        const one = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : null;
        if (one) return one.id;
        return { bad: t(found.length ? 'pf.manyEnterprises' : 'pf.noEnterprise') };
      }
      default: return raw === '' ? null : raw;
    }
  }

  /** The body: every field given (a create) or changed (an edit), or null with the
   * page's refusals marked. */
  async function body() {
    const out = {}, bad = {};
    for (const f of FIELDS) {
      const el = controls[f.key];
      if (p && el.value === initial(f, p)) continue; // untouched
      const v = await valueOf(f);
      if (v && typeof v === 'object') { bad[f.key] = v.bad; continue; }
      if (f.required && v === null) { bad[f.key] = t('pf.needed'); continue; }
      if (p ? !same(v, f, p) : v !== null) out[f.key] = v;
    }
    if (parkOp && controls.park_id.value === '') bad.park_id = t('pf.parkNeeded');
    if (start) {
      const d = controls.date.value;
      if (!d) bad.date = t('pf.needed');
      else if (d > zoneToday()) bad.date = t('pf.future');
    }
    if (mark(bad)) { msg.textContent = t('pf.fix'); msg.classList.add('error'); return null; }
    return out;
  }
  // whether v is what project p holds for f already (a text retyped as it was)
  const same = (v, f, q) => {
    if (f.kind === 'enterprise') return v === (q.enterprise ? q.enterprise.id : null);
    const was = q[f.key];
    return v === (was === undefined ? null : was);
  };

  async function moveFirst(id) {
    try {
      await api(`/projects/${id}/stages`, { method: 'POST', body: { stage: controls.stage.value, date: controls.date.value } });
    } catch (err) {
      if (!dialog.open) { onSaved(id); return false; } // closed meanwhile: the board shows it
      created = id;
      fieldset.disabled = true;
      submit.textContent = t('pf.saveStage');
      refused(err, (text) => t('pf.stageFailed', text));
      msg.append(' ', h('a', { href: '/projects/' + id, id: 'pf-open' }, t('pf.openProject')));
      if (!err.field || !controls[err.field]) controls.stage.focus();
      return false;
    }
    return true;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    const sent = created ? {} : await body();
    if (!sent) return;
    if (p && !Object.keys(sent).length) { msg.textContent = t('pf.unchanged'); return; }
    submit.disabled = true;
    msg.textContent = t('pf.busy');
    try {
      let id = created || (p && p.id);
      if (!created) {
        const r = await api(p ? '/projects/' + p.id : '/projects', { method: p ? 'PATCH' : 'POST', body: sent });
        id = r.id;
      }
      msg.textContent = '';
      if (start && !(await moveFirst(id))) return;
      created = 0;
      dialog.close();
      onSaved(id);
    } catch (err) {
      msg.textContent = '';
      refused(err);
    } finally {
      submit.disabled = false;
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  controls.name.focus();
  return dialog;
}
