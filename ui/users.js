// users.js - 用户 (/users, admin): every account (GET /api/v1/users) in a table of 名称, 显示名,
// 角色, 园区/企业, 状态, 创建时间, 最近登录 with its 导出 Excel button; 新增用户 (POST
// /api/v1/users: name, display, role, the parks from GET /api/v1/parks for a park operator,
// the enterprise's USCC for an enterprise user, an initial password under the rule shown);
// per row 停用/启用, 重置密码 and 编辑角色与范围 (PATCH /api/v1/users/:name). The server checks
// every rule (the last administrator, the role's scope, the password); its refusal is shown
// next to the field it names (error.field), or above the buttons when it names none.
import { api, errorText } from './api.js';
import { h, fill } from './dom.js';
import { addWords, t } from './i18n.js';
import { exportButton } from './export.js';

addWords({
  'us.title': '用户', 'us.total': '共 {0} 个账户', 'us.add': '新增用户', 'us.loading': '正在加载…',
  'us.col.name': '名称', 'us.col.display': '显示名', 'us.col.role': '角色', 'us.col.scope': '园区/企业',
  'us.col.status': '状态', 'us.col.created': '创建时间', 'us.col.login': '最近登录', 'us.col.actions': '操作',
  'us.role.admin': '管理员', 'us.role.analyst': '经济运行分析员', 'us.role.park': '园区操作员',
  'us.role.enterprise': '企业用户', 'us.role.viewer': '只读用户',
  'us.zone': '全区', 'us.active': '启用', 'us.disabled': '已停用', 'us.never': '从未登录',
  'us.disable': '停用', 'us.enable': '启用', 'us.reset': '重置密码', 'us.edit': '编辑角色与范围',
  'us.f.name': '用户名', 'us.f.nameHint': '2–63 个小写字母、数字或 . _ - @，以字母或数字开头',
  'us.f.display': '显示名', 'us.f.displayHint': '如 张三（经信局）；留空则显示用户名',
  'us.f.role': '角色', 'us.f.parks': '园区（可多选）', 'us.f.parksHint': '按住 Ctrl 可选多个',
  'us.f.enterprise': '所属企业（统一社会信用代码）', 'us.f.password': '初始密码', 'us.f.newPassword': '新密码',
  'us.f.rule': '至少 10 个字符，须含两类字符（字母、数字、符号、汉字），不能与用户名相同',
  'us.save': '保存', 'us.create': '创建', 'us.cancel': '取消', 'us.busy': '正在提交…',
  'us.addTitle': '新增用户', 'us.editTitle': '编辑 {0} 的角色与范围', 'us.resetTitle': '重置 {0} 的密码',
  'us.resetNote': '重置后该用户的所有登录会话立即结束。',
  'us.disableNote': '停用后该用户立即退出登录，且不能再登录，直至重新启用。',
  'us.added': '已创建用户 {0}', 'us.saved': '已保存 {0}', 'us.resetDone': '已重置 {0} 的密码，其登录会话均已结束',
  'us.disabledDone': '已停用 {0}，其登录会话均已结束', 'us.enabledDone': '已启用 {0}',
  'us.noParks': '没有可选的园区',
}, {
  'us.title': 'Users', 'us.total': '{0} accounts', 'us.add': 'Add a user', 'us.loading': 'Loading…',
  'us.col.name': 'Name', 'us.col.display': 'Display name', 'us.col.role': 'Role', 'us.col.scope': 'Parks / enterprise',
  'us.col.status': 'Status', 'us.col.created': 'Created', 'us.col.login': 'Last sign-in', 'us.col.actions': 'Actions',
  'us.role.admin': 'Administrator', 'us.role.analyst': 'Analyst', 'us.role.park': 'Park operator',
  'us.role.enterprise': 'Enterprise user', 'us.role.viewer': 'Viewer',
  'us.zone': 'Whole zone', 'us.active': 'Active', 'us.disabled': 'Disabled', 'us.never': 'Never',
  'us.disable': 'Disable', 'us.enable': 'Enable', 'us.reset': 'Reset password', 'us.edit': 'Edit role and scope',
  'us.f.name': 'Login name', 'us.f.nameHint': '2–63 lower-case letters, digits or . _ - @, starting with a letter or digit',
  'us.f.display': 'Display name', 'us.f.displayHint': 'e.g. Zhang San (bureau); empty shows the login name',
  'us.f.role': 'Role', 'us.f.parks': 'Parks (several allowed)', 'us.f.parksHint': 'Hold Ctrl to pick several',
  'us.f.enterprise': 'Enterprise (USCC)', 'us.f.password': 'Initial password', 'us.f.newPassword': 'New password',
  'us.f.rule': 'At least 10 characters of two kinds (letters, digits, symbols, Chinese), not the login name',
  'us.save': 'Save', 'us.create': 'Create', 'us.cancel': 'Cancel', 'us.busy': 'Sending…',
  'us.addTitle': 'Add a user', 'us.editTitle': 'Role and scope of {0}', 'us.resetTitle': 'Reset the password of {0}',
  'us.resetNote': 'Every session of the user ends at once.',
  'us.disableNote': 'The user is signed out at once and cannot sign in until enabled again.',
  'us.added': 'Added user {0}', 'us.saved': 'Saved {0}', 'us.resetDone': 'Reset the password of {0}; its sessions are ended',
  'us.disabledDone': 'Disabled {0}; its sessions are ended', 'us.enabledDone': 'Enabled {0}',
  'us.noParks': 'No park to choose from',
});

const ROLES = ['admin', 'analyst', 'park', 'enterprise', 'viewer'];

/** An ISO 8601 time (UTC) as local 2026-12-01 18:40; '' for none. */
function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The scope in words: the parks' names, the enterprise's name (USCC), or 全区. */
function scopeText(u) {
  if (u.role === 'park') return (u.parks || []).map((p) => p.name).join('、');
  if (u.role === 'enterprise') return u.enterprise ? `${u.enterprise.name}（${u.enterprise.uscc}）` : '';
  return t('us.zone');
}

/**
 * A form of fields (keys of `fields`, each {label, input, hint}) whose server errors are
 * shown next to the field the error names: form.showError(err), form.clearErrors().
 */
function fieldForm(id, title, fields, submitLabel, note) {
  const msg = h('p', { class: 'msg', role: 'alert', 'aria-live': 'polite', id: id + '-msg' });
  const errs = {};
  const rows = Object.entries(fields).map(([key, f]) => {
    errs[key] = h('span', { class: 'field-error', 'data-error-for': key, role: 'alert' });
    const row = h('label', { class: 'us-field', 'data-field': key }, f.label, f.input,
      f.hint ? h('small', { class: 'muted' }, f.hint) : null, errs[key]);
    f.row = row;
    return row;
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const cancel = h('button', { type: 'button', class: 'ghost', 'data-cancel': '' }, t('us.cancel'));
  const form = h('form', { class: 'card us-form', id, novalidate: true },
    h('h3', {}, title), note ? h('p', { class: 'muted' }, note) : null,
    h('div', { class: 'us-fields' }, rows), msg, h('div', { class: 'us-buttons' }, submit, cancel));
  form.msg = msg;
  form.cancel = cancel;
  form.clearErrors = () => {
    for (const e of Object.values(errs)) e.textContent = '';
    for (const f of Object.values(fields)) f.input.removeAttribute('aria-invalid');
    msg.textContent = '';
    msg.classList.remove('error');
  };
  form.showError = (err) => {
    const key = err.field && errs[err.field] ? err.field : null;
    if (key) {
      errs[key].textContent = errorText(err);
      fields[key].input.setAttribute('aria-invalid', 'true');
      fields[key].input.focus();
      msg.textContent = '';
    } else {
      msg.textContent = errorText(err);
      msg.classList.add('error');
    }
  };
  // while sending: the buttons off, the message says so
  form.busy = async (send) => {
    form.clearErrors();
    submit.disabled = true;
    msg.textContent = t('us.busy');
    try {
      return await send();
    } finally {
      submit.disabled = false;
      if (msg.textContent === t('us.busy')) msg.textContent = '';
    }
  };
  return form;
}

/** The role, parks and enterprise fields; shown() keeps only the role's scope visible. */
function scopeFields(parks, user) {
  const role = h('select', { name: 'role', id: 'us-role' },
    ROLES.map((r) => h('option', { value: r, selected: user ? user.role === r : r === 'park' }, t('us.role.' + r))));
  const mine = new Set(((user && user.parks) || []).map((p) => p.name));
  const parkSel = h('select', { name: 'parks', id: 'us-parks', multiple: true,
    size: String(Math.min(Math.max(parks.length, 2), 6)) },
  parks.map((p) => h('option', { value: p.name, selected: mine.has(p.name) }, p.name)));
  const enterprise = h('input', { name: 'enterprise', id: 'us-enterprise', maxlength: '18', autocomplete: 'off',
    value: (user && user.enterprise && user.enterprise.uscc) || '', class: 'mono' });
  const fields = {
    role: { label: t('us.f.role'), input: role },
    parks: { label: t('us.f.parks'), input: parkSel, hint: parks.length ? t('us.f.parksHint') : t('us.noParks') },
    enterprise: { label: t('us.f.enterprise'), input: enterprise },
  };
  const shown = () => {
    fields.parks.row.hidden = role.value !== 'park';
    fields.enterprise.row.hidden = role.value !== 'enterprise';
  };
  role.addEventListener('change', shown);
  // the scope as the API takes it: only what the role has
  const value = () => {
    const v = { role: role.value };
    if (role.value === 'park') v.parks = [...parkSel.selectedOptions].map((o) => o.value);
    if (role.value === 'enterprise') v.enterprise = enterprise.value.trim();
    return v;
  };
  return { fields, shown, value };
}

export async function renderUsers(page) {
  const total = h('span', { class: 'total', id: 'us-total' });
  const addBtn = h('button', { type: 'button', class: 'primary', id: 'us-add' }, t('us.add'));
  const editor = h('div', { id: 'us-editor' });
  const notice = h('p', { class: 'msg', id: 'us-notice', role: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: 'card table-card' }, h('p', { class: 'muted empty' }, t('us.loading')));
  let users = [], parks = [];
  const COLS = ['name', 'display', 'role', 'scope', 'status', 'created', 'login'];
  const cell = (u, c) => ({
    name: u.name, display: u.display, role: t('us.role.' + u.role), scope: scopeText(u),
    status: u.disabled ? t('us.disabled') : t('us.active'), created: when(u.created_at),
    login: u.last_login_at ? when(u.last_login_at) : t('us.never'),
  })[c];
  const exp = exportButton(() => ({
    title: t('us.title'),
    columns: COLS.map((c) => ({ label: t('us.col.' + c) })),
    rows: users.map((u) => COLS.map((c) => cell(u, c))),
  }));
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('us.title')), total,
    h('div', { class: 'us-tools' }, addBtn, exp)), notice, editor, box);

  const say = (text) => { notice.textContent = text; };
  const close = () => fill(editor);

  async function load() {
    try {
      const [u, p] = await Promise.all([api('/users'), api('/parks')]);
      users = u.users || [];
      parks = p.parks || [];
    } catch (err) {
      if (page.isConnected) fill(box, h('div', { class: 'error-panel empty', role: 'alert' }, errorText(err)));
      return false;
    }
    if (!page.isConnected) return false;
    draw();
    return true;
  }

  function draw() {
    total.textContent = t('us.total', users.length);
    total.dataset.total = String(users.length);
    fill(box, h('table', { class: 'grid', id: 'us-table' },
      h('thead', {}, h('tr', {}, [...COLS, 'actions'].map((c) => h('th', { scope: 'col' }, t('us.col.' + c))))),
      h('tbody', {}, users.map(row))));
  }

  function row(u) {
    const msg = h('span', { class: 'msg error us-row-msg', role: 'alert' });
    const toggle = h('button', { type: 'button', class: 'ghost us-toggle' }, u.disabled ? t('us.enable') : t('us.disable'));
    toggle.title = u.disabled ? '' : t('us.disableNote');
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      msg.textContent = '';
      try {
        await api('/users/' + encodeURIComponent(u.name), { method: 'PATCH', body: { disabled: !u.disabled } });
        say(t(u.disabled ? 'us.enabledDone' : 'us.disabledDone', u.name));
        await load();
      } catch (err) {
        msg.textContent = errorText(err);
        toggle.disabled = false;
      }
    });
    const reset = h('button', { type: 'button', class: 'ghost us-reset' }, t('us.reset'));
    reset.addEventListener('click', () => openReset(u));
    const edit = h('button', { type: 'button', class: 'ghost us-edit' }, t('us.edit'));
    edit.addEventListener('click', () => openEdit(u));
    return h('tr', { 'data-name': u.name, 'data-disabled': u.disabled ? '1' : '0', class: u.disabled ? 'us-off' : null },
      COLS.map((c) => h('td', { class: 'us-' + c }, cell(u, c))),
      h('td', { class: 'us-actions' }, toggle, reset, edit, msg));
  }

  function openAdd() {
    const name = h('input', { name: 'name', id: 'us-name', autocomplete: 'off', maxlength: '63' });
    const display = h('input', { name: 'display', id: 'us-display', maxlength: '60' });
    const password = h('input', { name: 'password', id: 'us-password', type: 'password', autocomplete: 'new-password' });
    const scope = scopeFields(parks, null);
    const fields = {
      name: { label: t('us.f.name'), input: name, hint: t('us.f.nameHint') },
      display: { label: t('us.f.display'), input: display, hint: t('us.f.displayHint') },
      ...scope.fields,
      password: { label: t('us.f.password'), input: password, hint: t('us.f.rule') },
    };
    const form = fieldForm('us-add-form', t('us.addTitle'), fields, t('us.create'));
    scope.shown();
    form.cancel.addEventListener('click', close);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      form.busy(async () => {
        try {
          const body = { name: name.value.trim(), display: display.value.trim(), password: password.value, ...scope.value() };
          await api('/users', { method: 'POST', body });
          close();
          say(t('us.added', body.name));
          await load();
        } catch (err) { form.showError(err); }
      });
    });
    fill(editor, form);
    name.focus();
  }

  function openEdit(u) {
    const display = h('input', { name: 'display', id: 'us-display', maxlength: '60', value: u.display });
    const scope = scopeFields(parks, u);
    const fields = { display: { label: t('us.f.display'), input: display }, ...scope.fields };
    const form = fieldForm('us-edit-form', t('us.editTitle', u.name), fields, t('us.save'));
    scope.shown();
    form.cancel.addEventListener('click', close);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      form.busy(async () => {
        try {
          await api('/users/' + encodeURIComponent(u.name), { method: 'PATCH',
            body: { display: display.value.trim(), ...scope.value() } });
          close();
          say(t('us.saved', u.name));
          await load();
        } catch (err) { form.showError(err); }
      });
    });
    fill(editor, form);
    display.focus();
  }

  function openReset(u) {
    const password = h('input', { name: 'password', id: 'us-password', type: 'password', autocomplete: 'new-password' });
    const fields = { password: { label: t('us.f.newPassword'), input: password, hint: t('us.f.rule') } };
    const form = fieldForm('us-reset-form', t('us.resetTitle', u.name), fields, t('us.save'), t('us.resetNote'));
    form.cancel.addEventListener('click', close);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      form.busy(async () => {
        try {
          await api('/users/' + encodeURIComponent(u.name), { method: 'PATCH', body: { password: password.value } });
          close();
          say(t('us.resetDone', u.name));
          await load();
        } catch (err) { form.showError(err); }
      });
    });
    fill(editor, form);
    password.focus();
  }

  addBtn.addEventListener('click', openAdd);
  await load();
}
