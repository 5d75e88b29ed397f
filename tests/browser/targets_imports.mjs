// The 目标跟踪 (/targets) and 数据导入 (/import) pages, the busy bar, and the width of every
// page, in a real browser (Playwright, Debian's chromium headless) against `parkbrain
// serve` on the demo zone.
// Checks: as analyst, /targets lists as many indicators as GET /api/v1/plan (fetched
// through the page's session) with the status cards' counts of its `counts`; filtering by
// a status leaves that status's indicators; clicking 规模工业总产值 draws its chart and its
// path table holds the API's path, year by year. A slow answer (held back 1 s) shows the
// busy bar with aria-busy on <main>, gone once answered. /import offers the kinds of GET
// /api/v1/imports/kinds; a monthly CSV made here with a non-numeric 工业总产值 in row 3 and
// an unknown USCC in row 4 lists every problem with the row, column and reason of the 422
// the API gives for the same file, says 未写入任何数据, and the import log is unchanged; a
// good file's dry run (answer held back: the bar turns indeterminate, 正在校验/导入…) says
// 2 rows would be imported and writes nothing; imported, 2 rows, and the log has it first,
// by analyst. No page scrolls sideways (scrollWidth <= innerWidth) at 1366×768, 1920×1080
// and 3840×2160. As changjiang (park operator) neither page is in the nav, and /targets and
// /import say the API's 403 message. No page error, no CSP violation.
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { apiGet, apiUpload, canvasDrawn, expectEq, fail, ok, start } from './lib/harness.mjs';

const { url, newPage, signIn, problems, finish } = await start([['evaluate', '--year', '2025']]);

// POST a file to /api/v1/imports through the page's session, with its CSRF token.

// Go to `path` inside the app (a pushState navigation, as a click on a link would).
async function visit(page, path) {
  await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
}

/** Whether the page at `path` fits the viewport's width once drawn. */
async function fits(page, path, ready) {
  await page.goto(url + path);
  await page.waitForSelector('body[data-ready="1"]');
  if (ready) await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
}

// A unique-but-valid USCC no demo enterprise has (tests/data/bad/unknown_enterprise.csv).
const UNKNOWN = '915001083141590570';

try {
  // --- the analyst ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'analyst', 'Demo-analyst-2026');
    await page.waitForSelector('#cockpit');
    await page.click('#nav a[data-nav=targets]');
    await page.waitForSelector('#tg-table');
    expectEq('目标跟踪 at /targets', '/targets', new URL(page.url()).pathname);
    expectEq('... marked in the nav', '目标跟踪', (await page.textContent('.nav a.active')).trim());
    const plan = await apiGet(page, '/plan');
    expectEq('... as many indicators as the API', plan.indicators.length, await page.locator('#tg-table tbody tr').count());
    expectEq('... the as-of year', String(plan.as_of), await page.getAttribute('#tg-as-of', 'data-as-of'));
    const cards = await page.locator('#tg-counts li').evaluateAll((lis) =>
      Object.fromEntries(lis.map((li) => [li.dataset.status, Number(li.querySelector('strong').textContent.replace(/,/g, ''))])));
    const want = Object.fromEntries(Object.entries(plan.counts).filter(([s, n]) => s !== 'unassessable' || n));
    expectEq('... the counts by status as the API', JSON.stringify(want), JSON.stringify(cards));
    expectEq('... the statuses as the API labels them',
      plan.indicators.map((r) => r.status_label).join('|'),
      (await page.locator('#tg-table tbody tr td:last-child').allTextContents()).map((x) => x.trim()).join('|'));
    const off = plan.indicators.filter((r) => r.status === 'off_course').length;
    await page.selectOption('#tg-status', 'off_course');
    expectEq('... filtered by 未达进度', off, await page.locator('#tg-table tbody tr[data-status=off_course]').count());
    expectEq('... and nothing else', off, await page.locator('#tg-table tbody tr').count());
    await page.selectOption('#tg-status', '');
    expectEq('... an export button', 1, await page.locator('.tg-filters [data-export]').count());

    const gross = plan.indicators.find((r) => r.name === '规模工业总产值');
    await page.locator('#tg-table tbody tr', { hasText: '规模工业总产值' }).first().click();
    await page.waitForSelector(`#tg-detail[data-id="${gross.id}"]`);
    expectEq('规模工业总产值: the chart drawn', true, await canvasDrawn(page, '#tg-chart'));
    const path = await page.locator('#tg-path tbody tr').evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.year),
      tr.querySelector('.tg-planned').dataset.value, tr.querySelector('.tg-actual').dataset.value]));
    expectEq('... the path table is the API\'s, year by year',
      JSON.stringify(gross.path.map((p) => [p.year, p.planned === null ? '' : String(p.planned), p.actual === null ? '' : String(p.actual)])),
      JSON.stringify(path));
    expectEq('... from the base year to the target year', `${gross.base_year}-${gross.target_year}`,
      `${path[0][0]}-${path[path.length - 1][0]}`);
    expectEq('... kept in the address', `/targets?id=${gross.id}`, new URL(page.url()).pathname + new URL(page.url()).search);

    // a slow answer: the busy bar and aria-busy while it is pending
    await page.route('**/api/v1/plan*', async (route) => { await new Promise((r) => setTimeout(r, 1000)); await route.continue(); });
    await visit(page, '/targets');
    await page.waitForSelector('#busy:not([hidden])', { timeout: 900 });
    expectEq('busy bar: main is aria-busy', 'true', await page.getAttribute('#view', 'aria-busy'));
    await page.waitForSelector('#tg-table');
    await page.waitForSelector('#busy', { state: 'hidden' });
    expectEq('... gone once answered', null, await page.getAttribute('#view', 'aria-busy'));
    await page.unroute('**/api/v1/plan*');

    // 数据导入
    await page.click('#nav a[data-nav=import]');
    await page.waitForSelector('#im-log-table, #im-log-none');
    expectEq('数据导入 at /import', '/import', new URL(page.url()).pathname);
    const kinds = (await apiGet(page, '/imports/kinds')).kinds;
    expectEq('... the kinds of the API', kinds.map((k) => k.name).join('|'),
      (await page.locator('#im-kind option').evaluateAll((os) => os.map((o) => o.value))).join('|'));
    expectEq('... 月度报表 first chosen', true, (await page.locator('#im-kind option:checked').textContent()).includes('月度报表'));
    expectEq('... its required columns said', true, (await page.textContent('#im-hint')).includes('统一社会信用代码、月份'));
    const logBefore = (await apiGet(page, '/imports')).imports;
    expectEq('... the log as the API', logBefore.length, await page.locator('#im-log-table tbody tr').count());

    const ents = (await apiGet(page, '/enterprises?limit=2')).enterprises;
    const head = '统一社会信用代码,月份,工业总产值,营业收入\n';
    const bad = head + `${ents[0].uscc},2026-01,100,90\n${ents[1].uscc},2026-01,12a3,80\n${UNKNOWN},2026-01,50,40\n`;
    await page.setInputFiles('#im-file', { name: '坏的月报.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await page.click('#im-submit');
    await page.waitForSelector('#im-result[data-status="422"]');
    const r422 = await apiUpload(page, 'kind=monthly&name=' + encodeURIComponent('坏的月报.csv'), bad);
    expectEq('a bad file: the API says 422 for it', 422, r422.status);
    const listed = await page.locator('#im-problems tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.row,
      tr.dataset.column, tr.querySelector('.im-reason').textContent]));
    expectEq('... every problem listed with its row, column and reason',
      JSON.stringify(r422.body.problems.map((p) => [String(p.row ?? ''), p.column ?? '', p.reason])), JSON.stringify(listed));
    expectEq('... the count', String(r422.body.problems.length), await page.getAttribute('#im-count', 'data-count'));
    expectEq('... row 3, column C (工业总产值): not a number', true,
      (await page.locator('#im-problems tr[data-row="3"][data-column="C"] .im-column').textContent()).includes('工业总产值'));
    expectEq('... row 4, column A: the unknown USCC', UNKNOWN,
      (await page.locator('#im-problems tr[data-row="4"][data-column="A"] .im-value').textContent()).trim());
    expectEq('... 未写入任何数据', '未写入任何数据', (await page.textContent('#im-verdict')).trim());
    expectEq('... an export button', 1, await page.locator('#im-result [data-export]').count());
    expectEq('... nothing written: the log unchanged', logBefore.length, (await apiGet(page, '/imports')).imports.length);

    const good = head + `${ents[0].uscc},2026-01,100,90\n${ents[1].uscc},2026-01,200,180\n`;
    await page.setInputFiles('#im-file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await page.check('#im-dry');
    // the request held back: the bar shows the bytes sent (0% so far), the button waits;
    // once sent, the bar turns indeterminate until the answer (chromium reports an
    // intercepted request's upload only as it goes on, so that phase is read afterwards)
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/api/v1/imports?*', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.click('#im-submit');
    await page.waitForSelector('#im-form[data-phase="sending"]');
    expectEq('dry run: the progress bar shown, by bytes sent', 'true|true',
      await page.$eval('#im-progress', (p) => `${!p.hidden}|${p.hasAttribute('value')}`));
    expectEq('... 正在上传… 0%', '正在上传… 0%', (await page.textContent('#im-status')).trim());
    expectEq('... the button disabled', true, await page.isDisabled('#im-submit'));
    release();
    await page.waitForSelector('#im-result[data-status="200"]');
    await page.unroute('**/api/v1/imports?*');
    expectEq('... then 正在校验/导入…, the bar indeterminate', 'sending checking(indeterminate)',
      await page.getAttribute('#im-form', 'data-phases'));
    expectEq('... the bar hidden once answered', true, await page.$eval('#im-progress', (p) => p.hidden));
    expectEq('... 2 rows would be imported', '2', await page.getAttribute('#im-verdict', 'data-rows'));
    expectEq('... said as a check', true, (await page.textContent('#im-verdict')).includes('未写入'));
    expectEq('... nothing written', logBefore.length, (await apiGet(page, '/imports')).imports.length);
    await page.uncheck('#im-dry');
    await page.click('#im-submit');
    await page.waitForSelector('#im-result[data-status="200"] #im-verdict:has-text("已导入")');
    expectEq('imported: 2 rows', '2', await page.getAttribute('#im-verdict', 'data-rows'));
    await page.waitForSelector(`#im-log-table[data-count="${logBefore.length + 1}"]`);
    const first = page.locator('#im-log-table tbody tr').first();
    expectEq('... first in the log, by analyst', 'good.csv|analyst',
      `${(await first.locator('td').nth(2).textContent()).trim()}|${(await first.locator('td').nth(5).textContent()).trim()}`);
    const after = (await apiGet(page, '/imports')).imports;
    expectEq('... the API\'s log too', `${logBefore.length + 1}|good.csv|2`, `${after.length}|${after[0].file}|${after[0].rows}`);

    // no page scrolls sideways, at the harness's 1366×768 and on larger screens
    const vivo = (await apiGet(page, '/enterprises?q=' + encodeURIComponent('维沃'))).enterprises[0];
    const pages = [['/', '#cockpit'], ['/analysis', '#an-table'], ['/targets?id=' + gross.id, '#tg-chart canvas'],
      ['/warnings', null], ['/mujun', '#mj-table'], ['/enterprises', null], ['/enterprises/' + vivo.id, null],
      ['/import', '#im-form']];
    for (const [w, hgt] of [[1366, 768], [1920, 1080], [3840, 2160]]) {
      await page.setViewportSize({ width: w, height: hgt });
      const wide = [];
      for (const [p, ready] of pages) {
        const [sw, iw] = await fits(page, p, ready);
        if (sw > iw) wide.push(`${p} ${sw}>${iw}`);
      }
      if (wide.length) fail(`${w}×${hgt}: no page wider than the window`, wide.join(', '));
      else ok(`${w}×${hgt}: no page wider than the window (${pages.length} pages)`);
    }
    await ctx.close();
  }

  // --- the park operator ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'changjiang', 'Demo-park-2026');
    await page.waitForSelector('#cockpit');
    expectEq('changjiang: no 数据导入 in the nav', 0, await page.locator('#nav a[data-nav=import]').count());
    expectEq('... no 目标跟踪 either (the plan is the zone\'s)', 0, await page.locator('#nav a[data-nav=targets]').count());
    const planErr = await page.evaluate(async () => { const r = await fetch('/api/v1/plan'); return [r.status, await r.json()]; });
    await visit(page, '/targets');
    await page.waitForSelector('#tg-error');
    expectEq('... the API refuses it the plan: 403', 403, planErr[0]);
    expectEq('... /targets shows that 403', String(planErr[0]), await page.getAttribute('#tg-error', 'data-status'));
    expectEq('... said as the API says it', planErr[1].error.message, (await page.textContent('#tg-error')).trim());
    await visit(page, '/import');
    await page.waitForSelector('#im-error');
    ok('... /import: refused, no crash');
    await ctx.close();
  }

  // (the 422 of the bad file and the park operator's 403s are logged by chromium as failed
  // resources: answers this test asks for, not faults of the page)
  expectEq('no page error, no CSP violation', '',
    problems.filter((p) => !/status of (403|422)\b/.test(p)).join('\n'));
} catch (e) {
  fail('the run', e.stack || String(e));
} finally {
  await finish();
}
