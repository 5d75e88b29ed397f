// imports.js - 数据导入 (/import, admin and analyst): choose what the file holds (the kinds
// of GET /api/v1/imports/kinds, by their Chinese names, with the headers each must have),
// choose a file (or drop it on the page), 仅校验（不写入） for a dry run, and upload it to
// POST /api/v1/imports. The upload goes through XMLHttpRequest, whose upload.onprogress
// drives a <progress> bar by the bytes sent; once sent the bar turns indeterminate
// (正在校验/导入…) until the server answers. A 422 lists every problem (行, 列 with its
// letter and header, 值, 原因) and says that nothing was written; a 200 the rows imported and
// any warnings. Below, the import log (GET /api/v1/imports), newest first.
import { ApiError, api, csrfToken, errorText, handleApiError } from './api.js';
import { h, fill, sortHeaders } from './dom.js';
import { addWords, getLang, t } from './i18n.js';
import { num } from './format.js';
import { exportButton } from './export.js';

addWords({
  'im.title': '数据导入', 'im.kind': '数据类型', 'im.file': '文件', 'im.dry': '仅校验（不写入）',
  'im.submit': '上传', 'im.drop': '将文件拖到此处，或点击选择文件', 'im.chosen': '已选择：{0}（{1}）',
  'im.required': '必需列：{0}', 'im.alternative': '（无统一社会信用代码时可用「{0}」）',
  'im.extensions': '支持 {0}', 'im.noFile': '请先选择文件', 'im.badExt': '文件应为 {0}',
  'im.sending': '正在上传… {0}%', 'im.checking': '正在校验/导入…',
  'im.rejected': '未写入任何数据', 'im.problems': '共 {0} 个问题（错误 {1} 个，警告 {2} 个）',
  'im.notListed': '另有 {0} 个问题未列出', 'im.imported': '已导入 {0} 行', 'im.dryOk': '校验通过：可导入 {0} 行（未写入）',
  'im.warnings': '警告 {0} 个', 'im.noWarnings': '没有警告',
  'im.col.severity': '级别', 'im.col.sheet': '工作表', 'im.col.row': '行', 'im.col.column': '列',
  'im.col.value': '值', 'im.col.reason': '原因', 'im.sev.error': '错误', 'im.sev.warning': '警告',
  'im.log': '导入记录', 'im.logNone': '尚无导入记录',
  'im.log.started': '开始时间', 'im.log.finished': '完成时间', 'im.log.kind': '数据类型', 'im.log.file': '文件',
  'im.log.rows': '行数', 'im.log.warnings': '警告', 'im.log.user': '用户', 'im.log.size': '大小（字节）',
  'im.xpProblems': '导入问题 {0}', 'im.xpLog': '导入记录',
}, {
  'im.title': 'Import', 'im.kind': 'What the file holds', 'im.file': 'File', 'im.dry': 'Check only (write nothing)',
  'im.submit': 'Upload', 'im.drop': 'Drop a file here, or click to choose one', 'im.chosen': 'Chosen: {0} ({1})',
  'im.required': 'Required columns: {0}', 'im.alternative': ' ("{0}" may stand in for the credit code)',
  'im.extensions': 'Accepted: {0}', 'im.noFile': 'Choose a file first', 'im.badExt': 'The file must be {0}',
  'im.sending': 'Uploading… {0}%', 'im.checking': 'Checking / importing…',
  'im.rejected': 'Nothing was written', 'im.problems': '{0} problems ({1} errors, {2} warnings)',
  'im.notListed': '{0} more problems not listed', 'im.imported': '{0} rows imported', 'im.dryOk': 'Checked: {0} rows would be imported (nothing written)',
  'im.warnings': '{0} warnings', 'im.noWarnings': 'No warnings',
  'im.col.severity': 'Level', 'im.col.sheet': 'Sheet', 'im.col.row': 'Row', 'im.col.column': 'Column',
  'im.col.value': 'Value', 'im.col.reason': 'Reason', 'im.sev.error': 'error', 'im.sev.warning': 'warning',
  'im.log': 'Import log', 'im.logNone': 'No imports yet',
  'im.log.started': 'Started', 'im.log.finished': 'Finished', 'im.log.kind': 'Kind', 'im.log.file': 'File',
  'im.log.rows': 'Rows', 'im.log.warnings': 'Warnings', 'im.log.user': 'User', 'im.log.size': 'Size (bytes)',
  'im.xpProblems': 'Import problems {0}', 'im.xpLog': 'Import log',
  // the kinds' names in English (the server gives them in Chinese)
  'im.k.zone': 'Zone', 'im.k.parks': 'Parks', 'im.k.enterprises': 'Enterprises', 'im.k.land': 'Land plots',
  'im.k.monthly': 'Monthly reports', 'im.k.indicators': 'Plan indicators', 'im.k.indicator-actuals': 'Indicator actuals',
  'im.k.projects': 'Investment projects', 'im.k.project-stages': 'Project stages', 'im.k.key-projects': 'Key projects',
  'im.k.key-project-years': 'Key projects by year', 'im.k.chains': 'Industrial chains', 'im.k.suppliers': 'Suppliers',
  'im.k.official-rates': 'Official growth rates', 'im.k.mujun-data': 'Per-mu figures', 'im.k.mujun-facts': 'Per-mu incidents',
});

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** A kind's name for people: its Chinese label, or in English the page's word for it. */
function kindLabel(k) {
  if (getLang() !== 'en') return k.label;
  const w = t('im.k.' + k.name);
  return w === 'im.k.' + k.name ? k.name : w;
}

/** The column of a problem as people write it: "C（工业总产值）", or its header alone. */
function columnText(p) {
  if (p.column && p.header) return `${p.column}（${p.header}）`;
  return p.column || p.header || '—';
}
// The log's times (UTC, ISO 8601 from the server) in the reader's local time.
const timeFmt = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
function timeText(s) {
  const d = s ? new Date(s) : null;
  return d && !Number.isNaN(d.getTime()) ? timeFmt.format(d) : s || '—';
}
const reasonText = (p) => (getLang() === 'en' ? p.reason_en || p.reason : p.reason) || '';

/**
 * POST the file with XMLHttpRequest (fetch cannot say how much of a body is sent):
 * onSent(fraction) while the bytes go, then onSent(1). Resolves {status, body} for any
 * answer with JSON; a network failure or a 401 rejects with an ApiError, as api() would.
 */
function upload(query, file, onSent) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports?' + new URLSearchParams(query).toString());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total) onSent(e.loaded / e.total); };
    xhr.upload.onload = () => onSent(1);
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = null; }
      if (xhr.status === 200 || (xhr.status === 422 && body && body.problems)) { resolve({ status: xhr.status, body }); return; }
      const err = new ApiError(xhr.status, body);
      handleApiError(err);
      reject(err);
    };
    xhr.send(file);
  });
}

const PROBLEM_COLS = [
  { key: 'severity', label: 'im.col.severity', text: (p) => p.severity || '' },
  { key: 'sheet', label: 'im.col.sheet', text: (p) => p.sheet || '' },
  { key: 'row', label: 'im.col.row', num: true, get: (p) => p.row },
  { key: 'column', label: 'im.col.column', get: (p) => p.column_number },
  { key: 'value', label: 'im.col.value', text: (p) => p.value ?? '' },
  { key: 'reason', label: 'im.col.reason', text: reasonText },
];

/** The problems of an answer as a sortable table with its export button. */
function problemTable(problems, file) {
  const withSheet = problems.some((p) => p.sheet);
  const cols = PROBLEM_COLS.filter((c) => c.key !== 'sheet' || withSheet);
  const st = { sort: null, dir: 'asc' };
  const box = h('div', { class: 'table-wrap' });
  const sorted = () => {
    if (!st.sort) return problems;
    const col = cols.find((c) => c.key === st.sort);
    const dir = st.dir === 'desc' ? -1 : 1;
    return [...problems].sort((a, b) => {
      if (col.text) return collator.compare(String(col.text(a)), String(col.text(b))) * dir;
      const x = col.get(a), y = col.get(b);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x - y) * dir || ((a.column_number ?? 0) - (b.column_number ?? 0));
    });
  };
  const draw = () => fill(box, h('table', { class: 'grid', id: 'im-problems' },
    h('thead', {}, h('tr', {}, sortHeaders(cols, st, (c) => t(c.label), draw))),
    h('tbody', {}, sorted().map((p) => h('tr', { class: 'im-' + p.severity, 'data-row': p.row ?? '',
      'data-column': p.column ?? '', 'data-severity': p.severity },
    h('td', {}, t('im.sev.' + p.severity)),
    withSheet ? h('td', {}, p.sheet || '') : null,
    h('td', { class: 'num im-row' }, p.row ?? '—'),
    h('td', { class: 'im-column' }, columnText(p)),
    h('td', { class: 'im-value' }, p.value ?? ''),
    h('td', { class: 'im-reason' }, reasonText(p)))))));
  draw();
  return [h('div', { class: 'tg-path-head' }, exportButton(() => ({
    title: t('im.xpProblems', file),
    columns: cols.map((c) => ({ label: t(c.label), num: !!c.num })),
    rows: sorted().map((p) => cols.map((c) => (c.key === 'severity' ? t('im.sev.' + p.severity)
      : c.key === 'column' ? columnText(p) : c.key === 'row' ? p.row ?? null : c.text(p)))),
  }))), box];
}

const LOG_COLS = [
  { key: 'started_at', label: 'im.log.started' },
  { key: 'kind', label: 'im.log.kind' },
  { key: 'file', label: 'im.log.file' },
  { key: 'rows', label: 'im.log.rows', num: true },
  { key: 'warnings', label: 'im.log.warnings', num: true },
  { key: 'user', label: 'im.log.user' },
  { key: 'finished_at', label: 'im.log.finished' },
];

export async function renderImports(page) {
  page.append(h('div', { class: 'page-head' }, h('h2', {}, t('im.title'))));
  const loading = h('p', { class: 'muted' }, t('ent.loading'));
  page.append(loading);
  let kinds;
  try {
    kinds = (await api('/imports/kinds')).kinds || [];
  } catch (err) {
    if (page.isConnected) loading.replaceWith(h('section', { class: 'card error-panel', id: 'im-error', role: 'alert' }, errorText(err)));
    return;
  }
  if (!page.isConnected) return;
  loading.remove();
  const byName = new Map(kinds.map((k) => [k.name, k]));
  const kindText = (name) => (byName.has(name) ? kindLabel(byName.get(name)) : name);
  let logRows = []; // the import log as shown, for its export

  let file = null;
  const kindSel = h('select', { id: 'im-kind', 'aria-label': t('im.kind') },
    kinds.map((k) => h('option', { value: k.name, selected: k.name === 'monthly' }, `${kindLabel(k)}（${k.name}）`)));
  const hint = h('p', { class: 'muted im-hint', id: 'im-hint' });
  const input = h('input', { type: 'file', id: 'im-file', class: 'im-file-input' });
  const chosen = h('span', { class: 'im-chosen', id: 'im-chosen' }, t('im.drop'));
  const drop = h('label', { class: 'im-drop', id: 'im-drop', for: 'im-file' }, chosen, input);
  const dry = h('input', { type: 'checkbox', id: 'im-dry' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'im-submit' }, t('im.submit'));
  const bar = h('progress', { id: 'im-progress', max: 100, hidden: true });
  const status = h('p', { class: 'msg', id: 'im-status', role: 'status' });
  const result = h('section', { class: 'card im-result', id: 'im-result', hidden: true });
  const logBox = h('div', { class: 'table-card', id: 'im-log-box' });
  const form = h('form', { class: 'card im-form', id: 'im-form' },
    h('div', { class: 'im-line' },
      h('label', { class: 'check' }, t('im.kind'), kindSel),
      h('label', { class: 'check' }, dry, t('im.dry'))),
    hint, drop,
    h('div', { class: 'im-buttons' }, submit, bar, status));
  page.append(form, result, h('section', { class: 'card', id: 'im-log' },
    h('div', { class: 'tg-detail-head' }, h('h3', {}, t('im.log')),
      exportButton(() => ({ title: t('im.xpLog'), columns: LOG_COLS.map((c) => ({ label: t(c.label), num: !!c.num })),
        rows: logRows.map((r) => LOG_COLS.map((c) => (c.key === 'kind' ? kindText(r.kind)
          : c.key.endsWith('_at') ? timeText(r[c.key]) : r[c.key] ?? null))) }))),
    logBox));

  const accept = () => (byName.get(kindSel.value) || { extensions: [] }).extensions;
  const showHint = () => {
    const k = byName.get(kindSel.value);
    if (!k) { hint.textContent = ''; return; }
    const alt = (k.columns || []).filter((c) => c.alternative).map((c) => c.header);
    hint.textContent = [t('im.required', (k.required || []).join('、') || '—') + (alt.length ? t('im.alternative', alt.join('、')) : ''),
      t('im.extensions', k.extensions.join(' '))].join(' · ');
    input.accept = k.extensions.join(',');
  };
  const choose = (f) => {
    file = f || null;
    chosen.textContent = file ? t('im.chosen', file.name, `${num(file.size, 0)} B`) : t('im.drop');
    drop.classList.toggle('has-file', !!file);
    status.textContent = '';
    status.classList.remove('error');
  };
  kindSel.addEventListener('change', showHint);
  input.addEventListener('change', () => choose(input.files && input.files[0]));
  for (const ev of ['dragenter', 'dragover'])
    drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add('over'); });
  for (const ev of ['dragleave', 'drop'])
    drop.addEventListener(ev, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0]) choose(e.dataTransfer.files[0]);
  });
  showHint();

  const say = (msg, isError) => { status.textContent = msg; status.classList.toggle('error', !!isError); };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file) { say(t('im.noFile'), true); return; }
    const exts = accept();
    if (exts.length && !exts.some((x) => file.name.toLowerCase().endsWith(x))) { say(t('im.badExt', exts.join(' ')), true); return; }
    submit.disabled = true;
    kindSel.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    delete form.dataset.phase;
    form.setAttribute('aria-busy', 'true');
    say(t('im.sending', 0));
    result.hidden = true;
    // the phases the upload went through, kept on the form (data-phases) after it ends
    const phases = [];
    const phase = (p) => {
      if (form.dataset.phase === p) return;
      form.dataset.phase = p;
      phases.push(p + (bar.hasAttribute('value') ? '' : '(indeterminate)'));
      form.dataset.phases = phases.join(' ');
    };
    phase('sending');
    let answer;
    try {
      answer = await upload({ kind: kindSel.value, name: file.name, ...(dry.checked ? { dry_run: '1' } : {}) }, file,
        (f) => {
          if (f >= 1) { bar.removeAttribute('value'); say(t('im.checking')); phase('checking'); }
          else { bar.value = Math.round(f * 100); say(t('im.sending', Math.round(f * 100))); }
        });
    } catch (err) {
      if (page.isConnected) say(errorText(err), true);
      return;
    } finally {
      submit.disabled = false;
      kindSel.disabled = false;
      bar.hidden = true;
      form.removeAttribute('aria-busy');
      delete form.dataset.phase;
    }
    if (!page.isConnected) return;
    say('');
    showResult(answer.status, answer.body);
    if (answer.status === 200 && !answer.body.dry_run) loadLog();
  });

  function showResult(code, b) {
    result.hidden = false;
    result.dataset.status = String(code);
    const problems = b.problems || [];
    const errors = b.errors || 0, warnings = b.warnings || 0;
    if (code === 422) {
      result.className = 'card im-result im-rejected';
      fill(result,
        h('h3', { id: 'im-verdict', class: 'error' }, t('im.rejected')),
        h('p', { id: 'im-message' }, errorText(new ApiError(422, b))),
        h('p', { id: 'im-count', 'data-count': String(problems.length) },
          t('im.problems', num(problems.length, 0), num(errors, 0), num(warnings, 0)),
          b.not_listed ? ' · ' + t('im.notListed', num(b.not_listed, 0)) : ''),
        problemTable(problems, b.file));
      return;
    }
    result.className = 'card im-result im-done';
    fill(result,
      h('h3', { id: 'im-verdict', 'data-rows': String(b.rows) },
        b.dry_run ? t('im.dryOk', num(b.rows, 0)) : t('im.imported', num(b.rows, 0))),
      h('p', { id: 'im-count', 'data-count': String(problems.length) },
        problems.length ? t('im.warnings', num(problems.length, 0)) : t('im.noWarnings')),
      problems.length ? problemTable(problems, b.file) : null);
  }

  async function loadLog() {
    let l;
    try {
      l = await api('/imports');
    } catch (err) {
      if (page.isConnected) fill(logBox, h('p', { class: 'error-panel empty', role: 'alert' }, errorText(err)));
      return;
    }
    if (!page.isConnected) return;
    logRows = [...(l.imports || [])].sort((a, b) => b.id - a.id);
    if (!logRows.length) { fill(logBox, h('p', { class: 'muted empty', id: 'im-log-none' }, t('im.logNone'))); return; }
    fill(logBox, h('table', { class: 'grid', id: 'im-log-table', 'data-count': String(logRows.length) },
      h('thead', {}, h('tr', {}, LOG_COLS.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, t(c.label))))),
      h('tbody', {}, logRows.map((r) => h('tr', { 'data-id': String(r.id) },
        h('td', { class: 'im-time', 'data-time': r.started_at || '' }, timeText(r.started_at)),
        h('td', {}, kindText(r.kind)),
        h('td', { class: 'im-file-name' }, r.file || ''),
        h('td', { class: 'num' }, num(r.rows, 0)),
        h('td', { class: 'num' }, num(r.warnings, 0)),
        h('td', {}, r.user || '—'),
        h('td', { class: 'im-time', 'data-time': r.finished_at || '' }, timeText(r.finished_at)))))));
  }
  await loadLog();
}
