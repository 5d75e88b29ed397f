// login.js - the sign-in page: POST /api/v1/session {name, password}; the answer's user
// and CSRF token go to session.js; then on to the page asked for (?next=) or the default.
import { api, errorText } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { signedIn } from './session.js';
import { go } from './router.js';

export function renderLogin(page, _params, query) {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, id: 'login-name' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, id: 'login-password' });
  const msg = h('p', { class: 'msg', id: 'login-msg', role: 'alert', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'card login', id: 'login', autocomplete: 'on' },
    h('h2', {}, t('login.title')),
    h('p', { class: 'sub' }, t('login.sub')),
    h('label', {}, t('login.name'), name),
    h('label', {}, t('login.password'), password),
    button, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.textContent = t('login.busy');
    msg.classList.remove('error');
    button.disabled = true;
    try {
      const body = await api('/session', { method: 'POST',
        body: { name: name.value.trim(), password: password.value } });
      signedIn(body);
      const next = query.get('next');
      go(next && next.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : '/');
    } catch (err) {
      msg.textContent = errorText(err) || t('login.failed');
      msg.classList.add('error');
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  page.append(form);
  name.focus();
}
