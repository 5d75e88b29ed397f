// export.js - "导出 Excel" for any table on any page. A page gives a function that returns
// the table as it is shown (its current filter and order):
//   { title: '月度监测 2025年3月 按产业板块',          // the file's name and the sheet's
//     columns: [{ label: '园区' }, { label: '工业总产值（万元）', num: true }, …],
//     rows: [['长江绿色创新产业园', 123456.7], …] }     // numbers as numbers, null = empty
// and gets a button that posts it to POST /api/v1/exports/table, which writes the .xlsx
// (libxlsxwriter, numbers kept as numbers) and sends it back to be saved. The server only
// lays out what the page already holds, so no scope is widened by it.
import { ApiError, csrfToken } from './api.js';
import { h } from './dom.js';
import { addWords, t } from './i18n.js';

addWords({ 'xp.button': '导出 Excel', 'xp.busy': '正在导出…', 'xp.failed': '导出失败：{0}' },
  { 'xp.button': 'Export to Excel', 'xp.busy': 'Exporting…', 'xp.failed': 'Export failed: {0}' });

/** The .xlsx of `table` ({title, columns, rows}) saved under "<title>.xlsx". */
export async function exportTable(table) {
  const headers = { 'Content-Type': 'application/json' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let res;
  try {
    res = await fetch('/api/v1/exports/table', {
      method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(table),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: safeName(table.title) + '.xlsx', class: 'hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name from a title: the characters file systems refuse become "_". */
function safeName(title) {
  return String(title || 'table').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120);
}

/**
 * A button (data-export) that exports the table `get()` returns; while the file is made
 * it says so and is disabled, and a failure is shown in its title and an alert role.
 */
export function exportButton(get) {
  const b = h('button', { type: 'button', class: 'export', 'data-export': '' }, t('xp.button'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    b.textContent = t('xp.busy');
    try {
      await exportTable(get());
      b.removeAttribute('title');
    } catch (err) {
      const msg = t('xp.failed', err.message);
      b.title = msg;
      b.after(h('span', { class: 'error', role: 'alert' }, msg));
    } finally {
      b.disabled = false;
      b.textContent = t('xp.button');
    }
  });
  return b;
}
