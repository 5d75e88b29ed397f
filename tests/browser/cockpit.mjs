// The 驾驶舱 and the 预警 pages in a real browser (Playwright, Debian's chromium headless)
// against `parkbrain serve` on a demo zone with its warnings run and 2025 evaluated.
// Checks: the analyst lands on the cockpit: the latest month 2025-12, the 工业总产值 card's
// 1–M月 value equal to GET /api/v1/summary's (fetched through the page's session, formatted
// as the page does), the sector, park and 亩均 charts drawn; on 预警 the analyst
// acknowledges the first open warning, closing without a note is refused in the page, with
// a note the row says 已办结; changjiang's 预警 list holds only 长江绿色创新产业园 enterprises'
// warnings, as many as its GET /api/v1/warnings; the English switch translates the
// cockpit's titles; no page error and no CSP violation.
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { apiGet, canvasDrawn, expectEq, fail, ok, start } from './lib/harness.mjs';

const { url, newPage, signIn, problems, finish } = await start([['warnings', 'run'], ['evaluate', '--year', '2025']]);

try {
  // --- the analyst: the cockpit, then 签收 and 办结 ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'analyst', 'Demo-analyst-2026');
    await page.waitForSelector('#cockpit');
    expectEq('analyst lands on /', '/', new URL(page.url()).pathname);
    expectEq('... 驾驶舱 marked in the nav', '驾驶舱', (await page.textContent('.nav a.active')).trim());
    expectEq('... the latest month', '2025-12', await page.getAttribute('#ck-month', 'data-month'));
    const s = await apiGet(page, '/summary');
    const ytd = s.analysis.total.gross_output.ytd.value;
    const want = `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .format(ytd / 10000)} 亿元`;
    expectEq('... 工业总产值 1–12月 as the API', want, (await page.textContent('#ck-gross_output .ck-ytd')).trim());
    expectEq('... its label 1–12月累计', true, (await page.textContent('#ck-gross_output')).includes('1–12月累计'));
    expectEq('... the four headline cards', 4, await page.locator('.ck-card[data-metric]').count());
    expectEq('... 营业收入 税金 利润总额 cards', '营业收入|税金|利润总额',
      (await page.locator('#ck-revenue h3, #ck-tax h3, #ck-profit h3').allTextContents()).join('|'));
    expectEq('... warnings not closed', String(s.warnings.open + s.warnings.acknowledged),
      (await page.textContent('#ck-warnings .ck-ytd')).trim());
    expectEq('... the sector chart drawn', true, await canvasDrawn(page, '#ck-sector'));
    expectEq('... the park chart drawn', true, await canvasDrawn(page, '#ck-park'));
    expectEq('... the 亩均 pie drawn', true, await canvasDrawn(page, '#ck-mujun'));
    // a tooltip formatter's string is inserted as HTML by ECharts: names go through htmlText
    expectEq('htmlText escapes a name for a tooltip', '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt; &amp; &#39;',
      await page.evaluate(async () => (await import('/dom.js')).htmlText("<img src=x onerror=\"window.__xss=1\"> & '")));
    expectEq('... the sector tooltip starts with its escaped first name', true, await page.evaluate(async () => {
      const { htmlText } = await import('/dom.js');
      const c = window.echarts.getInstanceByDom(document.querySelector('#ck-sector'));
      const o = c.getOption();
      return o.tooltip[0].formatter([{ dataIndex: 0 }]).startsWith(htmlText(o.yAxis[0].data[0]) + '<br>');
    }));
    expectEq('1366×768: no horizontal scroll', true,
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));

    // English and back
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#ck-title')?.textContent === 'Cockpit');
    expectEq('English: the gross output card', 'Gross industrial output',
      (await page.textContent('#ck-gross_output h3')).trim());
    expectEq('... the sector chart title', true, (await page.textContent('#cockpit')).includes('by sector'));
    expectEq('... no Chinese title left', false, /工业总产值|营业收入|填报企业/.test(await page.textContent('#cockpit')));
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#ck-title')?.textContent === '驾驶舱');
    ok('中文 again');

    // 预警
    await page.click('#nav a[data-nav=warnings]');
    await page.waitForSelector('#ws-table');
    const open = await apiGet(page, '/warnings?status=open');
    expectEq('预警: the open ones as the API', String(open.warnings.length),
      await page.getAttribute('#ws-total', 'data-total'));
    expectEq('... the columns', '月份|企业|规则|严重程度|说明|状态|操作',
      (await page.locator('#ws-table thead th').allTextContents()).map((x) => x.trim()).join('|'));
    const first = page.locator('#ws-table tbody tr').first();
    const id = await first.getAttribute('data-id');
    const row = page.locator(`#ws-table tbody tr[data-id="${id}"]`);
    await row.locator('.ws-ack').click();
    await page.waitForSelector(`#ws-table tbody tr[data-id="${id}"][data-status=acknowledged]`);
    expectEq('签收: the row says 已签收', '已签收', (await row.locator('.ws-state').textContent()).trim());
    await row.locator('.ws-close').click();
    await row.locator('.ws-close-form button[type=submit]').click();
    expectEq('办结 without a note: refused in the page', '请填写办结说明',
      (await row.locator('.ws-close-form .msg').textContent()).trim());
    expectEq('... still 已签收', 'acknowledged', await row.getAttribute('data-status'));
    await row.locator('.ws-close-form textarea').fill('走访：订单回升，已对接融资');
    await row.locator('.ws-close-form button[type=submit]').click();
    await page.waitForSelector(`#ws-table tbody tr[data-id="${id}"][data-status=closed]`);
    expectEq('办结: the row says 已办结', '已办结', (await row.locator('.ws-state').textContent()).trim());
    const all = await apiGet(page, '/warnings?status=closed');
    const w = all.warnings.find((x) => String(x.id) === id);
    expectEq('... closed in the server with the note', '走访：订单回升，已对接融资', w && w.close_note);
    await page.selectOption('#ws-status', 'closed');
    await page.waitForSelector(`#ws-table tbody tr[data-id="${id}"]`);
    ok('... the 已办结 filter lists it');
    await ctx.close();
  }

  // --- the park operator: its park's warnings only ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'changjiang', 'Demo-park-2026');
    await page.waitForSelector('#cockpit');
    ok('changjiang lands on the cockpit');
    await page.goto(url + '/warnings?status=all');
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#ws-total[data-total]');
    const api = await apiGet(page, '/warnings?status=all');
    const shown = await page.getAttribute('#ws-total', 'data-total');
    expectEq('changjiang: as many as its GET /api/v1/warnings', String(api.warnings.length), shown);
    expectEq('... some', true, Number(shown) > 0);
    const ents = await apiGet(page, '/enterprises?limit=1000');
    const mine = new Set(ents.enterprises.filter((e) => e.park === '长江绿色创新产业园').map((e) => e.name));
    const names = (await page.locator('#ws-table tbody tr td:nth-child(2)').allTextContents()).map((x) => x.trim());
    expectEq('... all 长江绿色创新产业园 enterprises', true, names.length > 0 && names.every((n) => mine.has(n)));
    expectEq('... and 签收/办结 offered', true, (await page.locator('#ws-table thead th').count()) === 7);
    await ctx.close();
  }

  expectEq('no page error, no CSP violation', '', problems.join('\n'));
} catch (e) {
  fail('the run', e.stack || String(e));
} finally {
  await finish();
}
