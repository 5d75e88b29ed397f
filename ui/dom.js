// dom.js - h(tag, attrs, ...children): elements built without innerHTML, so text from the
// server is never parsed as HTML (and the CSP needs no inline styles: classes only).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace the children of `el` with `children`. */
export function fill(el, ...children) {
  el.replaceChildren();
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false)
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/**
 * The header cells of a sortable table: per column of `cols` ({key, num}) a <th> with a
 * button (data-sort=key) labelled label(col) that sorts by it, or turns the order round
 * when it sorts by it already; st {sort, dir} is changed, first(key) the order a column
 * starts in ('asc' unless told), then onSort() draws again.
 */
export function sortHeaders(cols, st, label, onSort, first = () => 'asc') {
  return cols.map((c) => {
    const active = st.sort === c.key;
    return h('th', { scope: 'col', class: [c.num ? 'num' : '', active ? 'sorted ' + st.dir : ''].join(' ').trim(),
      'aria-sort': active ? (st.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
    h('button', { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => {
      if (active) st.dir = st.dir === 'asc' ? 'desc' : 'asc';
      else { st.sort = c.key; st.dir = first(c.key); }
      onSort();
    } }, label(c)));
  });
}

/**
 * `s` as HTML text (& < > " ' escaped): for the one place text meets an HTML string, an
 * ECharts tooltip formatter, whose return value the library inserts as HTML. Names there
 * are the zone's data (a park or sector imported by a user) and must stay text.
 */
export function htmlText(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}
