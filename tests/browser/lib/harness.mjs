// harness.mjs - what every browser test (tests/browser/*.mjs) shares: a demo zone in a
// temporary directory (`parkbrain demo` and the further commands a test asks for),
// `parkbrain serve` on port 0, Debian's chromium headless through playwright-core, pages
// at 1366×768 that collect page errors and CSP violations, signing in, and ok/fail/expectEq
// counting to the exit status, canvasDrawn (a chart's canvas has pixels), apiGet (GET
// through a page's session) and apiUpload (an import through it: {status, body}). Env: PB_BIN (the
// parkbrain binary); PB_CHROMIUM (default /usr/bin/chromium). Exit 77 (ctest SKIP) when chromium or node_modules is missing.
// (In lib/: tests/CMakeLists.txt makes a test of tests/browser/*.mjs only.)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

let passed = 0, failed = 0;
export function ok(name) { passed++; console.log(`ok - ${name}`); }
export function fail(name, detail) { failed++; console.log(`FAIL - ${name}${detail ? ': ' + detail : ''}`); }
export function expectEq(name, want, got) {
  if (want === got) ok(name); else fail(name, `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
}

/** Whether the <canvas> in `sel` (an ECharts chart) has pixels drawn. */
export async function canvasDrawn(page, sel) {
  await page.waitForSelector(sel + ' canvas');
  return page.$eval(sel + ' canvas', (c) => {
    if (!c.width || !c.height) return false;
    const x = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < x.length; i += 4) if (x[i] !== 0) return true;
    return false;
  });
}

/** GET /api/v1`path` through the page's own session (its cookie) → the JSON. */
export const apiGet = (page, path) => page.evaluate(async (p) => (await fetch('/api/v1' + p)).json(), path);

/**
 * start(commands, {noPipeline}): the demo db, then each of `commands` (argument lists for
 * parkbrain, run with --db), without the demo's pipeline when noPipeline, the server and the
 * browser → {url, newPage, signIn, problems, finish}.
 */
// The demo's investment pipeline (projects, their stages, funds, activities, targets).
const NO_PIPELINE_SQL = 'DELETE FROM activities; DELETE FROM project_funds; DELETE FROM project_stages;' +
  ' DELETE FROM pipeline_targets; DELETE FROM projects;';

export async function start(commands = [], opts = {}) {
  const CHROMIUM = process.env.PB_CHROMIUM || '/usr/bin/chromium';
  const BIN = process.env.PB_BIN;
  if (!BIN || !existsSync(BIN)) { console.error('PB_BIN: no parkbrain binary'); process.exit(2); }
  if (!existsSync(CHROMIUM)) {
    console.log(`SKIP: no chromium at ${CHROMIUM} (scripts/setup.sh installs it)`); process.exit(77);
  }
  let chromium;
  try {
    ({ chromium } = await import(join(root, 'node_modules', 'playwright-core', 'index.mjs')));
  } catch {
    console.log('SKIP: node_modules/playwright-core missing (scripts/setup.sh runs npm ci)'); process.exit(77);
  }

  const work = mkdtempSync(join(tmpdir(), 'pb-browser-'));
  const db = join(work, 'demo.db');
  for (const args of [['demo'], ...commands]) {
    const r = spawnSync(BIN, [...args, '--db', db], { encoding: 'utf8' });
    if (r.status !== 0) { console.error(`parkbrain ${args.join(' ')} failed:\n` + r.stderr); process.exit(1); }
  }
  // a test whose figures are worked by hand on its own projects starts from a demo without
  // the generated pipeline (opts.noPipeline): the SQL of tests/e2e/lib.sh's no_pipeline
  if (opts.noPipeline) {
    const r = spawnSync('sqlite3', [db, NO_PIPELINE_SQL], { encoding: 'utf8' });
    if (r.status !== 0) { console.error('clearing the demo pipeline failed:\n' + r.stderr); process.exit(1); }
  }

  const srv = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '4'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let srvErr = '';
  srv.stderr.on('data', (d) => { srvErr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve printed no URL: ' + srvErr)), 10000);
    createInterface({ input: srv.stdout }).once('line', (l) => { clearTimeout(timer); resolve(l.trim().replace(/\/$/, '')); });
    srv.once('exit', (c) => reject(new Error(`serve exited ${c}: ${srvErr}`)));
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const problems = [];

  async function newPage() {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    page.on('console', (m) => {
      // (a 401 from the session check or a failed login is logged by chromium as a failed resource)
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push('console: ' + m.text());
    });
    await page.goto(url + '/');
    await page.waitForSelector('body[data-ready="1"]');
    return { ctx, page };
  }

  async function signIn(page, name, password) {
    await page.waitForSelector('#login');
    await page.fill('#login-name', name);
    await page.fill('#login-password', password);
    await page.click('#login button[type=submit]');
  }

  /** Close everything, print the count and exit 0 or 1. */
  async function finish() {
    await browser.close();
    srv.kill('SIGTERM');
    await new Promise((r) => (srv.exitCode !== null ? r() : srv.once('exit', r)));
    rmSync(work, { recursive: true, force: true });
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }

  return { url, newPage, signIn, problems, finish };
}

/** POST /api/v1/imports?`query` with `text` as the file, through the page's session (its
 * cookie and CSRF token) → the HTTP status. */
export const apiUpload = (page, query, text) => page.evaluate(async ([q, body]) => {
  const s = await (await fetch('/api/v1/session')).json();
  const r = await fetch('/api/v1/imports?' + q, { method: 'POST', body,
    headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': s.csrf } });
  return { status: r.status, body: await r.json() };
}, [query, text]);
