// api.js - the fetch wrapper for /api/v1: JSON both ways, the session's CSRF token in the
// header X-CSRF-Token on every change (POST, PUT, PATCH, DELETE), and errors as ApiError
// whose message is the server's in the current language. A 401 "unauthorized" (no
// session, or it expired) sends the page back to the sign-in page.
import { busyStart } from './busy.js';
import { getLang, t } from './i18n.js';

let csrf = null;
let onUnauthorized = () => {};

export function setCsrf(token) { csrf = token || null; }
/** The session's CSRF token (null when signed out), for requests made without api(). */
export function csrfToken() { return csrf; }
export function setUnauthorizedHandler(f) { onUnauthorized = f; }
/** What api() does with an ApiError, for requests made without it (an upload): a 401
 * "unauthorized" goes back to the sign-in page. */
export function handleApiError(err) {
  if (err instanceof ApiError && err.status === 401 && err.code === 'unauthorized') onUnauthorized();
}

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    const msg = (getLang() === 'en' ? e.message_en : e.message) || e.message ||
      (status ? t('err.unknown', status) : t('err.network'));
    super(msg);
    this.status = status;
    this.code = e.code || (status ? 'http_' + status : 'network');
    this.field = e.field || null;
    this.body = body;
  }
}

/** Text of an error in the current language (an ApiError's message is fixed when made). */
export function errorText(err) {
  if (err instanceof ApiError && err.body && err.body.error) {
    const e = err.body.error;
    return (getLang() === 'en' ? e.message_en : e.message) || e.message || err.message;
  }
  if (err instanceof ApiError) return err.message;
  return t('err.network');
}

/**
 * api(path, {method, body, query, quiet401}) → the answer's JSON. `query` is an object whose empty
 * values are left out; quiet401: a 401 is only thrown (the session check on load). A request
 * pending for long shows the busy bar (busy.js).
 */
export async function api(path, opts = {}) {
  const done = busyStart();
  try {
    return await request(path, opts);
  } finally {
    done();
  }
}

async function request(path, opts) {
  const method = (opts.method || 'GET').toUpperCase();
  let url = '/api/v1' + path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query))
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    if (s) url += '?' + s;
  }
  const headers = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(url, {
      method, headers, credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
  } catch {
    throw new ApiError(0, null);
  }
  let body = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { body = await res.json(); } catch { body = null; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, body);
    if (res.status === 401 && err.code === 'unauthorized' && !opts.quiet401) onUnauthorized();
    throw err;
  }
  return body;
}
