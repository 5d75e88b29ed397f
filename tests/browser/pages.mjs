// The 月度监测 (/analysis) and 亩均评价 (/mujun) pages in a real browser (Playwright, Debian's
// chromium headless) against `parkbrain serve` on a demo zone with 2025 evaluated.
// Checks: as analyst, /analysis shows 2025-12 grouped by 园区 with as many groups as GET
// /api/v1/analysis (fetched through the page's session) and the first group's 1–M月 value
// as the API's (in 亿元, formatted as the page does), the chart drawn; switching to 产业板块
// redraws (the sector groups in the table, the canvas drawn); sorting by 1–M月 puts the
// largest first. /mujun shows 2025 with the class counts of GET /api/v1/mujun/2025;
// clicking 维沃移动通信（重庆）有限公司 explains it (4 indicators, its final class); a what-if
// with A 30 and B 40 lists as many changes as POST …/what-if with the same body. As
// changjiang the ranking lists only 长江绿色创新产业园 enterprises (all of its year's) and
// there is no what-if panel. 目标跟踪 is a page now (targets_imports.mjs tests it); no page error, no CSP violation.
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { apiGet, canvasDrawn, expectEq, fail, ok, start } from './lib/harness.mjs';

const { url, newPage, signIn, problems, finish } = await start([['evaluate', '--year', '2025']]);

// POST through the page's session, with its CSRF token.
const apiPost = (page, path, body) => page.evaluate(async ([p, b]) => {
  const s = await (await fetch('/api/v1/session')).json();
  const r = await fetch('/api/v1' + p, { method: 'POST', body: JSON.stringify(b),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf } });
  return r.json();
}, [path, body]);
const yi = (wan) => `${new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  .format(wan / 10000)} 亿元`;
const VIVO = '维沃移动通信（重庆）有限公司';

try {
  // --- the analyst ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'analyst', 'Demo-analyst-2026');
    await page.waitForSelector('#cockpit');
    await page.click('#nav a[data-nav=monthly]');
    await page.waitForSelector('#an-table[data-group=park]');
    expectEq('月度监测 at /analysis', '/analysis', new URL(page.url()).pathname);
    expectEq('... marked in the nav', '月度监测', (await page.textContent('.nav a.active')).trim());
    expectEq('... the latest month 2025-12', '2025-12', await page.getAttribute('#an-month', 'data-month'));
    const a = await apiGet(page, '/analysis?month=2025-12&group=park&top=10');
    const parks = a.groupings.park.groups;
    const rows = page.locator('#an-table tbody tr');
    expectEq('... 园区: as many groups as the API', parks.length, await rows.count());
    expectEq('... the first group as the API', parks[0].name, await rows.first().getAttribute('data-group'));
    expectEq('... its 1–12月 工业总产值 as the API', yi(parks[0].metrics.gross_output.ytd.value),
      (await rows.first().locator('.an-ytd').textContent()).trim());
    expectEq('... the columns', '分组|企业数|当月|同比|1–12月累计|同比|占比|贡献率|增长面',
      (await page.locator('#an-table thead th').allTextContents()).map((x) => x.trim()).join('|'));
    expectEq('... the chart drawn', true, await canvasDrawn(page, '#an-chart'));

    await page.selectOption('#an-group', 'sector');
    await page.waitForSelector('#an-table[data-group=sector]');
    const s = await apiGet(page, '/analysis?month=2025-12&group=sector&top=10');
    const want = s.groupings.sector.groups.map((g) => g.name).join('|');
    const got = (await page.locator('#an-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.group))).join('|');
    expectEq('产业板块: the sector groups in the table', want, got);
    expectEq('... the chart redrawn', true, await canvasDrawn(page, '#an-chart'));
    expectEq('... the title says 产业板块', true, (await page.textContent('#an-chart-title')).includes('产业板块'));
    await page.click('#an-table th button[data-sort=ytd]');
    const top = [...s.groupings.sector.groups].sort((x, y) => y.metrics.gross_output.ytd.value - x.metrics.gross_output.ytd.value)[0];
    expectEq('... sorted by 1–M月: the largest first', top.name,
      await page.locator('#an-table tbody tr').first().getAttribute('data-group'));
    await page.selectOption('#an-metric', 'revenue');
    await page.waitForSelector('#an-table[data-metric=revenue]');
    expectEq('营业收入: the chart drawn', true, await canvasDrawn(page, '#an-chart'));

    // 亩均评价
    await page.click('#nav a[data-nav=mujun]');
    await page.waitForSelector('#mj-counts');
    expectEq('亩均评价: 2025', '2025', await page.getAttribute('#mj-year-label', 'data-year'));
    const m = await apiGet(page, '/mujun/2025');
    const counts = {};
    for (const k of ['A', 'B', 'C', 'D', 'T'])
      counts[k] = Number((await page.textContent(`#mj-counts li[data-class=${k}] strong`)).replace(/,/g, ''));
    expectEq('... the class counts as the API', JSON.stringify(['A', 'B', 'C', 'D', 'T'].map((k) => m.counts[k])),
      JSON.stringify(['A', 'B', 'C', 'D', 'T'].map((k) => counts[k])));
    expectEq('... the by-park table', m.by_park.length, await page.locator('#mj-by-park tbody tr').count());
    expectEq('... the by-park chart drawn', true, await canvasDrawn(page, '#mj-park-chart'));
    expectEq('... the by-sector chart drawn', true, await canvasDrawn(page, '#mj-sector-chart'));
    expectEq('... the ranking pages by 50', 50, await page.locator('#mj-table tbody tr').count());
    await page.locator('#mj-table tbody tr', { hasText: VIVO }).click();
    await page.waitForSelector('#mj-indicators');
    expectEq('... explains 维沃', VIVO, (await page.textContent('#mj-explain-name')).trim());
    expectEq('... its 4 indicators', 4, await page.locator('#mj-indicators tbody tr').count());
    const vivo = m.enterprises.find((e) => e.name === VIVO);
    expectEq('... its final class', vivo.class, (await page.textContent('#mj-final')).trim());

    await page.fill('#wi-above-quota-A', '30');
    await page.fill('#wi-above-quota-B', '40');
    await page.click('#mj-wi-run');
    await page.waitForSelector('#mj-wi-total');
    const w = await apiPost(page, '/mujun/2025/what-if', { set: { 'above.quota.A': 30, 'above.quota.B': 40 } });
    expectEq('what-if A 30 B 40: as many changes as the API', String(w.changes.length),
      await page.getAttribute('#mj-wi-total', 'data-count'));
    expectEq('... some', true, w.changes.length > 0);
    expectEq('... listed', w.changes.length, await page.locator('#mj-wi-changes tbody tr').count());

    await page.click('#nav a[data-nav=targets]');
    await page.waitForSelector('#tg-table');
    expectEq('目标跟踪 is built (no 建设中)', 0, await page.locator('#wip').count());
    await ctx.close();
  }

  // --- the park operator ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'changjiang', 'Demo-park-2026');
    await page.waitForSelector('#cockpit');
    await page.goto(url + '/mujun');
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#mj-table');
    const m = await apiGet(page, '/mujun/2025');
    const parks = await page.locator('#mj-table tbody tr td:nth-child(3)').allTextContents();
    expectEq('changjiang: the ranking lists its year\'s enterprises', Math.min(50, m.enterprises.length), parks.length);
    expectEq('... only 长江绿色创新产业园', true, parks.length > 0 && parks.every((p) => p.trim() === '长江绿色创新产业园'));
    expectEq('... no what-if panel', 0, await page.locator('#mj-whatif').count());
    await page.goto(url + '/analysis');
    await page.waitForSelector('body[data-ready="1"]');
    await page.waitForSelector('#an-table');
    const a = await apiGet(page, '/analysis?group=park&top=10');
    expectEq('... 月度监测: its park only', a.groupings.park.groups.map((g) => g.name).join('|'),
      (await page.locator('#an-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.group))).join('|'));
    await ctx.close();
  }

  expectEq('no page error, no CSP violation', '', problems.join('\n'));
} catch (e) {
  fail('the run', e.stack || String(e));
} finally {
  await finish();
}
