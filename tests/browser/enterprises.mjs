// The UI in a real browser: Playwright (playwright-core) driving Debian's chromium
// headless against `parkbrain serve` on a demo zone built in a temporary directory.
// Checks: sign in as the analyst (landing on the 驾驶舱) and open the 企业库 with the whole register (175, as in
// data/demo/enterprises.csv); search 维沃, open its page: its land (160.2 亩) and the
// ECharts line chart (a canvas with pixels drawn); the park operator changjiang sees
// only its park's 49, all 长江绿色创新产业园; a wrong password says 用户名或密码错误，或账户已停用; the
// English switch turns the navigation into English and back; 目标跟踪 opens its page (no
// longer 建设中); no page error and no CSP violation on the way.
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { canvasDrawn, expectEq, fail, ok, start } from './lib/harness.mjs';

const { url, newPage, signIn, problems, finish } = await start();

async function totalShown(page) {
  await page.waitForSelector('#ent-total[data-total]');
  return page.$eval('#ent-total', (el) => [el.dataset.total, el.textContent]);
}

try {
  // --- the analyst: the whole register ---
  {
    const { ctx, page } = await newPage();
    expectEq('signed out: the sign-in page', '/login', new URL(page.url()).pathname);
    expectEq('the zone in the top bar', '南岸区重庆经开区', (await page.textContent('#zone')).trim());
    await signIn(page, 'analyst', 'Demo-analyst-2026');
    await page.waitForSelector('#cockpit');
    await page.click('#nav a[data-nav=enterprises]');
    await page.waitForURL(/\/enterprises/);
    const [total, text] = await totalShown(page);
    expectEq('analyst: 175 enterprises', '175', total);
    expectEq('... said in Chinese', '共 175 家企业', text.trim());
    expectEq('... 20 rows on the first page', 20, await page.locator('#ent-table tbody tr').count());
    expectEq('... the columns', '名称|统一社会信用代码|园区|产业板块|层级|用地面积（亩）',
      (await page.locator('#ent-table thead th').allTextContents()).map((s) => s.trim()).join('|'));
    expectEq('... 企业库 marked in the nav', '企业库', (await page.textContent('.nav a.active')).trim());
    const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expectEq('1366×768: no horizontal scroll', true, noScroll);

    // sorting by land, largest first
    await page.click('button[data-sort=land]');
    await page.click('button[data-sort=land]');
    const lands = (await page.locator('#ent-table tbody tr td:nth-child(6)').allTextContents())
      .map((s) => Number(s.replace(/,/g, '')));
    expectEq('sorted by land, descending', true, lands.every((v, i) => i === 0 || lands[i - 1] >= v) && lands[0] > 0);
    await page.click('#page-next');
    expectEq('paging: page 2', '第 2 / 9 页', (await page.textContent('#page-of')).trim());

    // a filter: tier 1 (龙头)
    await page.selectOption('#ent-tier', '1');
    await page.waitForFunction(() => document.querySelector('#ent-total').dataset.total !== '175');
    const tiers = await page.locator('#ent-table tbody tr td:nth-child(5)').allTextContents();
    expectEq('tier filter: only 龙头', true, tiers.length > 0 && tiers.every((s) => s.trim() === '龙头'));
    await page.selectOption('#ent-tier', '');
    await page.waitForFunction(() => document.querySelector('#ent-total').dataset.total === '175');

    // search 维沃 and open its page
    await page.fill('#ent-q', '维沃');
    await page.press('#ent-q', 'Enter');
    await page.waitForFunction(() => document.querySelector('#ent-total').dataset.total === '1');
    ok('search 维沃: one enterprise');
    await page.click('#ent-table tbody tr a');
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.waitForSelector('#ent-name');
    expectEq('its page: the name', '维沃移动通信（重庆）有限公司', (await page.textContent('#ent-name')).trim());
    expectEq('... its land: 160.2', '160.2', (await page.textContent('#ent-land')).trim());
    const body = await page.textContent('main');
    expectEq('... the page shows 160.2', true, body.includes('160.2'));
    expectEq('... the ECharts canvas is drawn', true, await canvasDrawn(page, '#ent-chart'));
    expectEq('... money in 亿元 or 万元', true, /[\d,.]+ (亿元|万元)/.test(body));

    // back, the English switch and back again
    await page.goBack();
    await page.waitForSelector('#ent-total[data-total="1"]');
    ok('history back: the register with the search kept');
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#nav a[data-nav=cockpit]').textContent === 'Cockpit');
    expectEq('English: the nav', 'Cockpit|Monthly|Targets|Warnings|Per-mu|Enterprises|Projects|Dispatch|Key projects|Import',
      (await page.locator('#nav a').allTextContents()).join('|'));
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    expectEq('... kept after a reload', 'Enterprises', (await page.textContent('.nav a.active')).trim());
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#nav a[data-nav=cockpit]').textContent === '驾驶舱');
    ok('中文 again');

    // 目标跟踪, once 建设中, is a page now (targets_imports.mjs tests it)
    await page.click('#nav a[data-nav=targets]');
    await page.waitForSelector('#tg-table');
    expectEq('目标跟踪: built, not 建设中', 0, await page.locator('#wip').count());

    // signing out
    await page.click('#signout');
    await page.waitForURL(/\/login/);
    await page.goto(url + '/enterprises');
    await page.waitForSelector('#login');
    ok('signed out: the register asks to sign in');
    await ctx.close();
  }

  // --- the park operator: its park only ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'changjiang', 'Demo-park-2026');
    await page.waitForSelector('#cockpit');
    await page.click('#nav a[data-nav=enterprises]');
    await page.waitForURL(/\/enterprises/);
    const [total] = await totalShown(page);
    expectEq('changjiang: 49 enterprises', '49', total);
    const parks = new Set();
    for (;;) {
      for (const s of await page.locator('#ent-table tbody tr td:nth-child(3)').allTextContents()) parks.add(s.trim());
      if (await page.isDisabled('#page-next')) break;
      await page.click('#page-next');
    }
    expectEq('... all 长江绿色创新产业园', '长江绿色创新产业园', [...parks].join(','));
    await ctx.close();
  }

  // --- a wrong password ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'analyst', 'wrong-password');
    await page.waitForFunction(() => document.querySelector('#login-msg').classList.contains('error'));
    expectEq('wrong password: the message', '用户名或密码错误，或账户已停用', (await page.textContent('#login-msg')).trim());
    expectEq('... still on the sign-in page', '/login', new URL(page.url()).pathname);
    await ctx.close();
  }

  expectEq('no page error, no CSP violation', '', problems.join('\n'));
} catch (e) {
  fail('the run', e.stack || String(e));
} finally {
  await finish();
}
