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

addWords({ 'xp.button': '导出 Excel', 'xp.busy': '正在导出…', 'xp.failed': '导出失败：{0}',
  'xp.unit': '{0}（{1}）', 'xp.yoy': '{0}同比' },
{ 'xp.button': 'Export to Excel', 'xp.busy': 'Exporting…', 'xp.failed': 'Export failed: {0}',
  'xp.unit': '{0} ({1})', 'xp.yoy': '{0} YoY' });

/** A column label with its unit: "工业总产值（万元）" ("Gross output (10k yuan)"); the label alone without one. */
export function withUnit(label, unit) { return unit ? t('xp.unit', label, unit) : label; }

/** A figure for a cell: the number, or null when it is missing (never a formatted string). */
export function cellNum(v) { return typeof v === 'number' && Number.isFinite(v) ? v : null; }

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
 * A button (data-export, and `id` when given) that exports the table `get()` returns (or
 * resolves to: a page may have to fetch the rest of its rows first); while the file is
 * made it says so and is disabled, and a failure is shown in its title and an alert role
 * (one at a time, gone at the next success).
 */
export function exportButton(get, id) {
  const b = h('button', { type: 'button', class: 'ghost export', 'data-export': '', id }, t('xp.button'));
  let shown = null;
  b.addEventListener('click', async () => {
    b.disabled = true;
    b.textContent = t('xp.busy');
    try {
      await exportTable(await get());
      b.removeAttribute('title');
      if (shown) { shown.remove(); shown = null; }
    } catch (err) {
      const msg = t('xp.failed', err.message);
      b.title = msg;
      if (shown) shown.remove();
      shown = h('span', { class: 'error export-error', role: 'alert' }, msg);
      b.after(shown);
    } finally {
      b.disabled = false;
      b.textContent = t('xp.button');
    }
  });
  return b;
}
