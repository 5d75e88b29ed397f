// warnings.js - 预警 (/warnings): GET /api/v1/warnings with a status filter (未处理, 已签收,
// 已办结, 全部; kept in ?status=), a table of 月份, 企业, 规则, 严重程度, 说明, 状态; for the
// roles that may follow up (admin, analyst, park) 签收 (POST …/ack) and 办结 (POST …/close
// with a note, asked for in a small form in the row and refused here when empty). After a
// change the row is drawn again with its new status.
import { api, errorText } from './api.js';
import { h, fill } from './dom.js';
import { addWords, t, tv } from './i18n.js';
import { num } from './format.js';
import { exportButton } from './export.js';
import { currentUser } from './session.js';

addWords({ 'ws.col.note': '办结说明' }, { 'ws.col.note': 'Closing note' });

const STATUSES = ['open', 'acknowledged', 'closed', 'all'];
const CHANGERS = ['admin', 'analyst', 'park'];

export async function renderWarnings(page, _params, query) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : 'open';
  const user = currentUser();
  const mayChange = !!user && CHANGERS.includes(user.role);
  const total = h('span', { class: 'total', id: 'ws-total' });
  const filter = h('select', { id: 'ws-status', 'aria-label': t('ws.status') },
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, t('ws.' + s))));
  filter.addEventListener('change', () => {
    history.replaceState(null, '', '/warnings' + (filter.value === 'open' ? '' : '?status=' + filter.value));
    load();
  });
  const box = h('div', { class: 'card table-card' }, h('p', { class: 'muted empty' }, t('ent.loading')));
  let rows = [];
  // the list as shown (its statuses as they are now, after any follow-up on the page)
  const exported = () => ({
    title: `${t('ws.title')} ${t('ws.' + filter.value)}`,
    columns: ['month', 'enterprise', 'rule', 'severity', 'message', 'note', 'status'].map((c) => ({ label: t('ws.col.' + c) })),
    rows: rows.map((w) => [w.month, w.enterprise, tv(w.rule_name || w.rule), t('sev.' + w.severity), w.message,
      w.close_note || null, t('ws.' + w.status)]),
  });
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('ws.title')), total,
    exportButton(exported, 'ws-export')),
    h('div', { class: 'filters ws-filters' }, h('label', { class: 'check' }, t('ws.status'), filter)), box);

  async function load() {
    let body;
    try {
      body = await api('/warnings', { query: { status: filter.value } });
    } catch (err) {
      rows = [];
      if (page.isConnected) fill(box, h('div', { class: 'error-panel empty', role: 'alert' }, errorText(err)));
      return;
    }
    if (!page.isConnected) return;
    rows = body.warnings || [];
    total.textContent = t('ws.total', num(rows.length, 0));
    total.dataset.total = String(rows.length);
    if (!rows.length) { fill(box, h('p', { class: 'muted empty' }, t('ws.none'))); return; }
    const cols = ['month', 'enterprise', 'rule', 'severity', 'message', 'status'];
    if (mayChange) cols.push('actions');
    fill(box, h('table', { class: 'grid', id: 'ws-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t('ws.col.' + c))))),
      h('tbody', {}, rows.map(row))));
  }

  function row(w) {
    const tr = h('tr', { 'data-id': String(w.id), 'data-status': w.status });
    const draw = () => {
      tr.dataset.status = w.status;
      fill(tr,
        h('td', { class: 'mono' }, w.month),
        h('td', {}, w.enterprise_id ? h('a', { href: '/enterprises/' + w.enterprise_id }, w.enterprise) : w.enterprise),
        h('td', {}, tv(w.rule_name || w.rule)),
        h('td', {}, h('span', { class: 'sev-tag sev-' + w.severity }, t('sev.' + w.severity))),
        h('td', { class: 'ws-message' }, w.message,
          w.close_note ? h('div', { class: 'muted ws-note' }, w.close_note) : null),
        h('td', { class: 'ws-state' }, t('ws.' + w.status)),
        mayChange ? h('td', { class: 'ws-actions' }, actions()) : null);
    };
    const msg = h('p', { class: 'msg error', role: 'alert' });
    const send = async (step, note, button) => {
      button.disabled = true;
      msg.textContent = t('ws.busy');
      msg.classList.remove('error');
      try {
        const r = await api(`/warnings/${w.id}/${step}`, { method: 'POST', body: { note } });
        w.status = r.status || (step === 'ack' ? 'acknowledged' : 'closed');
        if (step === 'close') w.close_note = note;
        msg.textContent = '';
        draw();
      } catch (err) {
        msg.textContent = errorText(err);
        msg.classList.add('error');
        button.disabled = false;
      }
    };
    function actions() {
      const out = [];
      if (w.status === 'open') {
        const ack = h('button', { type: 'button', class: 'ghost ws-ack' }, t('ws.ack'));
        ack.addEventListener('click', () => send('ack', '', ack));
        out.push(ack);
      }
      if (w.status === 'open' || w.status === 'acknowledged') {
        const close = h('button', { type: 'button', class: 'ghost ws-close' }, t('ws.close'));
        close.addEventListener('click', () => {
          const note = h('textarea', { class: 'ws-note-input', rows: 2, 'aria-label': t('ws.note'),
            placeholder: t('ws.note') });
          const ok = h('button', { type: 'submit', class: 'primary' }, t('ws.confirm'));
          const cancel = h('button', { type: 'button', class: 'ghost' }, t('ws.cancel'));
          const form = h('form', { class: 'ws-close-form' }, note, h('div', { class: 'ws-buttons' }, ok, cancel), msg);
          form.addEventListener('submit', (ev) => {
            ev.preventDefault();
            const text = note.value.trim();
            if (!text) { msg.textContent = t('ws.noteEmpty'); msg.classList.add('error'); note.focus(); return; }
            send('close', text, ok);
          });
          cancel.addEventListener('click', () => { msg.textContent = ''; draw(); });
          fill(close.parentElement, form);
          note.focus();
        });
        out.push(close);
      }
      out.push(msg);
      return out;
    }
    draw();
    return tr;
  }

  await load();
}
