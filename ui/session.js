// session.js - who is signed in (GET /api/v1/session on load), the CSRF token for the
// API, and signing out (DELETE /api/v1/session).
import { api, setCsrf } from './api.js';

let user = null;
const listeners = [];

export function currentUser() { return user; }
export function onSession(f) { listeners.push(f); }

function set(u, csrf) {
  user = u || null;
  setCsrf(csrf);
  document.dispatchEvent(new Event('pb:session'));
  for (const f of listeners) f(user);
}

/** After a successful POST /api/v1/session: its {user, csrf}. */
export function signedIn(body) { set(body.user, body.csrf); }

/** The session the cookie carries, if any (a 401 is no session, not an error). */
export async function restore() {
  try {
    const body = await api('/session', { quiet401: true });
    set(body.user, body.csrf);
  } catch {
    set(null, null);
  }
  return user;
}

/** Forget the session here (when the server said it has none). */
export function forget() { set(null, null); }

export async function signOut() {
  try { await api('/session', { method: 'DELETE' }); } catch { /* gone anyway */ }
  set(null, null);
}
