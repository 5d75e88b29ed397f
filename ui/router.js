// router.js - client-side routing with history.pushState: routes are path patterns
// ("/enterprises/:id") with a render(view, params, query) function; links marked
// data-link (and any same-origin <a> without target) are followed without reloading.
// render(page, params, query) gets a new element inside <main id="view"> to fill.
const routes = [];
let current = null;
let notFound = null;

export function route(pattern, render, opts = {}) {
  const keys = [];
  const re = new RegExp('^' + pattern.replace(/:(\w+)/g, (_, k) => { keys.push(k); return '([^/]+)'; })
    .replace(/\/$/, '') + '/?$');
  routes.push({ pattern, re, keys, render, ...opts });
}

export function setNotFound(render) { notFound = render; }

let guard = () => null;
/** guard(route) → a path to go to instead (e.g. the sign-in page), or null. */
export function setGuard(f) { guard = f; }

const listeners = [];
export function onRoute(f) { listeners.push(f); }

export function currentRoute() { return current; }

function match(path) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) {
      const params = {};
      r.keys.forEach((k, i) => { params[k] = decodeURIComponent(m[i + 1]); });
      return { route: r, params };
    }
  }
  return null;
}

/** Go to `url` (path and query): pushState unless `replace`. */
export function go(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else if (url !== location.pathname + location.search) history.pushState(null, '', url);
  return render();
}

/** Draw the page of the current location again (after signing in, a language switch). */
export async function render() {
  const path = location.pathname;
  const query = new URLSearchParams(location.search);
  const m = match(path);
  if (m) {
    const to = guard(m.route);
    if (to && to !== path) return go(to, { replace: true });
  }
  current = m ? { ...m.route, params: m.params, path } : { path, pattern: null };
  for (const f of listeners) f(current);
  // A fresh element per rendering: a page that awaits checks page.isConnected before
  // drawing, so a slow answer never draws over the page the user went on to.
  const page = document.createElement('div');
  page.className = 'page' + (m && m.route.className ? ' ' + m.route.className : '');
  document.getElementById('view').replaceChildren(page);
  try {
    if (m) await m.route.render(page, m.params, query);
    else if (notFound) await notFound(page, path);
  } finally {
    document.dispatchEvent(new CustomEvent('pb:rendered', { detail: { path } }));
  }
}

export function start() {
  window.addEventListener('popstate', () => render());
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey)
      return;
    const a = ev.target.closest && ev.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    ev.preventDefault();
    go(url.pathname + url.search);
  });
  return render();
}
