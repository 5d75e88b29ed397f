// app.js - the application: the top bar (the zone's name, the navigation, the language
// switch, who is signed in, signing out), the routes, and the start: the session the
// cookie carries decides between the sign-in page and the page asked for.
import { api, setUnauthorizedHandler } from './api.js';
import { h, fill } from './dom.js';
import { getLang, onLang, setLang, t } from './i18n.js';
import { renderLogin } from './login.js';
import { renderCockpit } from './cockpit.js';
import { renderEnterprise, renderEnterprises } from './enterprises.js';
import { renderWarnings } from './warnings.js';
import { renderAnalysis } from './analysis.js';
import { renderMujun } from './mujun.js';
import { renderUsers } from './users.js';
import { mountAccount } from './account.js';
import { renderTargets } from './targets.js';
import { renderImports } from './imports.js';
import { renderDispatch } from './dispatch.js';
import { renderProject, renderProjects } from './projects.js';
import { renderKeyProjects } from './keyprojects.js';
import { currentRoute, go, onRoute, render, route, setGuard, setNotFound, start } from './router.js';
import { currentUser, forget, onSession, restore, signOut } from './session.js';

// The navigation: a page per entry, shown to the roles listed (every role when none is).
const NAV = [
  { key: 'cockpit', path: '/', roles: ['admin', 'analyst', 'viewer', 'park'] },
  { key: 'monthly', path: '/analysis' },
  { key: 'targets', path: '/targets', roles: ['admin', 'analyst', 'viewer'] },
  { key: 'warnings', path: '/warnings' },
  { key: 'mujun', path: '/mujun' },
  { key: 'enterprises', path: '/enterprises' },
  { key: 'projects', path: '/projects', roles: ['admin', 'analyst', 'park', 'viewer'] },
  { key: 'dispatch', path: '/dispatch', roles: ['admin', 'analyst', 'park', 'viewer'] },
  { key: 'keyprojects', path: '/key-projects', roles: ['admin', 'analyst', 'park', 'viewer'] },
  { key: 'import', path: '/import', roles: ['admin', 'analyst'] },
  { key: 'users', path: '/users', roles: ['admin'] },
];
// Signing in lands on the cockpit; an enterprise user (the cockpit is zone- or park-wide)
// on its enterprise's page, or the register.
function home() {
  const user = currentUser();
  if (user && user.role === 'enterprise')
    return user.enterprise_id ? '/enterprises/' + user.enterprise_id : '/enterprises';
  return '/';
}

let zoneName = '';

function drawTopbar() {
  const user = currentUser();
  document.title = zoneName ? `${t('app.title')} · ${zoneName}` : t('app.title');
  fill(document.getElementById('zone'), zoneName);
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav.main'));
  const here = currentRoute();
  fill(nav, user ? NAV.filter((n) => !n.roles || n.roles.includes(user.role)).map((n) =>
    h('a', { href: n.path, 'data-nav': n.key,
      class: here && here.nav === n.key ? 'active' : null,
      'aria-current': here && here.nav === n.key ? 'page' : null }, t('nav.' + n.key))) : []);
  document.getElementById('lang').textContent = t('lang.switch');
  fill(document.getElementById('who'), user ? (user.display || user.name) : '');
  const out = document.getElementById('signout');
  out.hidden = !user;
  out.textContent = t('signout');
}

route('/login', renderLogin, { public: true, className: 'center' });
route('/', (page, params, query) => {
  const to = home();
  return to === '/' ? renderCockpit(page, params, query) : go(to, { replace: true });
}, { nav: 'cockpit' });
route('/cockpit', () => go('/', { replace: true }));
route('/warnings', renderWarnings, { nav: 'warnings' });
route('/analysis', renderAnalysis, { nav: 'monthly' });
route('/monthly', () => go('/analysis', { replace: true }));
route('/mujun', renderMujun, { nav: 'mujun' });
route('/users', renderUsers, { nav: 'users' });
route('/targets', renderTargets, { nav: 'targets' });
route('/import', renderImports, { nav: 'import' });
route('/dispatch', renderDispatch, { nav: 'dispatch' });
route('/key-projects', renderKeyProjects, { nav: 'keyprojects' });
route('/enterprises', renderEnterprises, { nav: 'enterprises' });
route('/enterprises/:id', renderEnterprise, { nav: 'enterprises' });
route('/projects', renderProjects, { nav: 'projects' });
route('/projects/:id', renderProject, { nav: 'projects' });
setNotFound((page, path) => {
  page.append(h('section', { class: 'card wip' }, h('h2', {}, t('notfound.title')),
    h('p', {}, t('notfound.text', path))));
});

function loginPath() {
  const here = location.pathname + location.search;
  return here.startsWith('/login') || here === '/' ? '/login'
    : '/login?next=' + encodeURIComponent(here);
}

setGuard((r) => {
  if (r.public) return currentUser() && r.pattern === '/login' ? home() : null;
  return currentUser() ? null : loginPath();
});
setUnauthorizedHandler(() => {
  if (!currentUser()) return;
  forget();
  go(loginPath(), { replace: true });
});

onRoute(drawTopbar);
onSession(drawTopbar);
onLang(() => { drawTopbar(); render(); });

document.getElementById('lang').addEventListener('click', () => setLang(getLang() === 'en' ? 'zh' : 'en'));
mountAccount(document.getElementById('signout'));
document.getElementById('signout').addEventListener('click', async () => {
  await signOut();
  go('/login');
});

async function main() {
  const health = api('/health').then((b) => { zoneName = (b && b.zone) || ''; drawTopbar(); })
    .catch(() => {});
  await restore();
  await start();
  await health;
  document.body.dataset.ready = '1';
}
main();
