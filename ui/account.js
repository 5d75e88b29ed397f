// account.js - 修改密码 for every signed-in user: a button in the top bar (next to 退出) that
// opens a dialog asking for the current password and the new one twice, and sends POST
// /api/v1/session/password {current, new}. The server checks everything (the current
// password, counted toward the login throttling; the password rule); its refusal is shown
// next to the field it names. On success the user's other sessions have ended and this one
// goes on.
import { api, errorText } from './api.js';
import { h } from './dom.js';
import { addWords, onLang, t } from './i18n.js';
import { currentUser, onSession } from './session.js';

addWords({
  'acct.button': '修改密码', 'acct.title': '修改密码', 'acct.current': '当前密码', 'acct.new': '新密码',
  'acct.repeat': '再次输入新密码', 'acct.rule': '至少 10 个字符，须含两类字符（字母、数字、符号、汉字），不能与用户名相同',
  'acct.mismatch': '两次输入的新密码不一致', 'acct.submit': '确认修改', 'acct.cancel': '取消', 'acct.close': '关闭',
  'acct.busy': '正在提交…', 'acct.done': '密码已修改。您在其他设备或浏览器上的登录已全部退出。',
}, {
  'acct.button': 'Change password', 'acct.title': 'Change your password', 'acct.current': 'Current password',
  'acct.new': 'New password', 'acct.repeat': 'New password again',
  'acct.rule': 'At least 10 characters of two kinds (letters, digits, symbols, Chinese), not the login name',
  'acct.mismatch': 'The two new passwords differ', 'acct.submit': 'Change it', 'acct.cancel': 'Cancel',
  'acct.close': 'Close', 'acct.busy': 'Sending…',
  'acct.done': 'Your password is changed. You are signed out everywhere else.',
});

/** The dialog, made anew each time (in the current language, with empty fields). */
function openDialog() {
  const input = (id, auto) => h('input', { id, type: 'password', autocomplete: auto, required: true });
  const fields = {
    current: input('pw-current', 'current-password'),
    new: input('pw-new', 'new-password'),
    repeat: input('pw-repeat', 'new-password'),
  };
  const errs = {};
  const label = (key, text, hint) => {
    errs[key] = h('span', { class: 'field-error', 'data-error-for': key, role: 'alert' });
    return h('label', {}, text, fields[key], hint ? h('small', { class: 'muted' }, hint) : null, errs[key]);
  };
  const msg = h('p', { class: 'msg', id: 'pw-msg', role: 'alert', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'pw-submit' }, t('acct.submit'));
  const cancel = h('button', { type: 'button', class: 'ghost', id: 'pw-cancel' }, t('acct.cancel'));
  const buttons = h('div', { class: 'us-buttons' }, submit, cancel);
  const form = h('form', { class: 'pw-form', novalidate: true },
    h('h3', {}, t('acct.title')),
    label('current', t('acct.current')), label('new', t('acct.new'), t('acct.rule')),
    label('repeat', t('acct.repeat')), msg, buttons);
  const dialog = h('dialog', { class: 'card pw-dialog', id: 'pw-dialog', 'aria-labelledby': 'pw-title' }, form);
  form.querySelector('h3').id = 'pw-title';
  const shut = () => { dialog.close(); dialog.remove(); };
  cancel.addEventListener('click', shut);
  dialog.addEventListener('cancel', () => dialog.remove());

  const clear = () => {
    for (const k of Object.keys(errs)) { errs[k].textContent = ''; fields[k].removeAttribute('aria-invalid'); }
    msg.textContent = '';
    msg.classList.remove('error');
  };
  const mark = (key, text) => {
    errs[key].textContent = text;
    fields[key].setAttribute('aria-invalid', 'true');
    fields[key].focus();
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    if (fields.new.value !== fields.repeat.value) { mark('repeat', t('acct.mismatch')); return; }
    submit.disabled = true;
    msg.textContent = t('acct.busy');
    try {
      await api('/session/password', { method: 'POST',
        body: { current: fields.current.value, new: fields.new.value } });
      for (const f of Object.values(fields)) { f.value = ''; f.disabled = true; }
      msg.textContent = t('acct.done');
      msg.id = 'pw-done';
      const closeBtn = h('button', { type: 'button', class: 'primary', id: 'pw-close' }, t('acct.close'));
      closeBtn.addEventListener('click', shut);
      buttons.replaceChildren(closeBtn);
      closeBtn.focus();
    } catch (err) {
      msg.textContent = '';
      if (err.field && errs[err.field]) mark(err.field, errorText(err));
      else { msg.textContent = errorText(err); msg.classList.add('error'); }
      submit.disabled = false;
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  fields.current.focus();
}

/** The 修改密码 button, put before `before` (the 退出 button): shown while signed in. */
export function mountAccount(before) {
  const button = h('button', { type: 'button', class: 'account', id: 'account' }, t('acct.button'));
  button.addEventListener('click', openDialog);
  const draw = () => {
    button.hidden = !currentUser();
    button.textContent = t('acct.button');
    // signed out (or the session ended under it): no dialog left over the sign-in page
    if (!currentUser()) document.getElementById('pw-dialog')?.remove();
  };
  before.before(button);
  onSession(draw);
  onLang(draw);
  draw();
}
