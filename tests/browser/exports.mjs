// 导出 Excel in a real browser (Playwright, Debian's chromium headless) against `parkbrain
// serve` on a demo zone with 2025 evaluated. Checks: as analyst, /analysis's 导出 Excel gives
// a download (caught with page.waitForEvent('download')) named after the page's title, a
// .xlsx (read here with node's zlib: lib/xlsx.mjs) whose sheet is named so too, whose
// header holds the table's columns with their units, and whose first data row holds, as
// numbers, what GET /api/v1/analysis gives for the first group (in 万元, not the page's
// 亿元); every row of the table is a row of the sheet. 预警 and 亩均 (the ranking: all of it,
// not the page of 50) export too. As changjiang (park operator of 长江绿色创新产业园) GET
// /api/v1/exports/enterprises through the page's session holds its park's enterprises only
// (as many as GET /api/v1/enterprises gives it), and the 企业库's 导出 Excel the same rows.
// Also exported: 亩均's by-park table, an explanation and a what-if's changes; an
// enterprise's plots and months.
// No page error, no CSP violation.
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { readFileSync } from 'node:fs';
import { apiGet, expectEq, fail, ok, start } from './lib/harness.mjs';
import { readSheet } from './lib/xlsx.mjs';

const { url, newPage, signIn, problems, finish } = await start([['evaluate', '--year', '2025'], ['warnings', 'run', '--user', '经济运行局']]);
const PARK = '长江绿色创新产业园';
const VIVO = '维沃移动通信（重庆）有限公司';

// Click `sel` and read the .xlsx it downloads → {file, name, rows}.
async function download(page, sel) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
  const path = await dl.path();
  return { file: dl.suggestedFilename(), ...readSheet(readFileSync(path)) };
}
// Equal figures: libxlsxwriter writes 16 significant digits (Excel shows 15).
const same = (a, b) => (a === null || a === undefined ? b === undefined || b === null
  : typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-14 * Math.max(1, Math.abs(a)));

try {
  // --- the analyst ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'analyst', 'Demo-analyst-2026');
    await page.waitForSelector('#cockpit');
    await page.goto(url + '/analysis');
    await page.waitForSelector('#an-table[data-group=park]');
    const a = await apiGet(page, '/analysis?group=park&top=10');
    const groups = a.groupings.park.groups;
    const mm = String(Number(a.month.slice(5)));
    const x = await download(page, '#an-export');
    expectEq('/analysis: 导出 Excel downloads a .xlsx', true, x.file.endsWith('.xlsx'));
    expectEq('... named after the page', `月度监测 ${a.month} 园区 工业总产值.xlsx`, x.file);
    expectEq('... its sheet too (31 characters at most)', `月度监测 ${a.month} 园区 工业总产值`.slice(0, 31), x.name);
    expectEq('... the header: the columns with their units',
      `分组|企业数|工业总产值 当月（万元）|当月同比（%）|工业总产值 1–${mm}月累计（万元）|1–${mm}月累计同比（%）|占比（%）|贡献率（%）|增长面（%）`,
      x.rows[0].join('|'));
    expectEq('... a row per group', groups.length, x.rows.length - 1);
    const g = groups[0];
    const mo = g.metrics.gross_output.month, y = g.metrics.gross_output.ytd;
    expectEq('... the first group as the table', g.name, x.rows[1][0]);
    const want = [g.members, mo.value, mo.growth, y.value, y.growth, y.share, y.contribution, y.growing_pct];
    const got = x.rows[1].slice(1);
    if (want.every((v, i) => same(v, got[i]))) ok('... its figures as GET /api/v1/analysis gives them, as numbers (万元)');
    else fail('... its figures as GET /api/v1/analysis', `want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    expectEq('... numbers, not text', true, got.slice(0, 2).every((v) => typeof v === 'number'));

    // sorted by 1–M月: the export follows the table's order
    await page.click('#an-table th button[data-sort=ytd]');
    const order = await page.locator('#an-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.group));
    const x2 = await download(page, '#an-export');
    expectEq('... sorted by 1–M月: the same order as the table', order.join('|'), x2.rows.slice(1).map((r) => r[0]).join('|'));

    // 预警: every warning listed
    await page.goto(url + '/warnings?status=all');
    await page.waitForSelector('#ws-table');
    const w = await download(page, '#ws-export');
    expectEq('预警: a row per warning listed', await page.locator('#ws-table tbody tr').count(), w.rows.length - 1);
    expectEq('... its columns', '月份|企业|规则|严重程度|说明|办结说明|状态', w.rows[0].join('|'));

    // 亩均: the whole ranking, not only its first page
    await page.goto(url + '/mujun');
    await page.waitForSelector('#mj-table');
    const m = await apiGet(page, '/mujun/2025');
    const r = await download(page, '#mj-ranking-export');
    expectEq('亩均 ranking: every enterprise (not the page of 50)', m.enterprises.length, r.rows.length - 1);
    expectEq('... first the first of the table', (await page.locator('#mj-table tbody tr td:nth-child(2)').first().textContent()).trim(), r.rows[1][1]);
    const p = await download(page, '#mj-by-park-export');
    expectEq('亩均 by park: a row per park', m.by_park.length, p.rows.length - 1);
    await page.locator('#mj-table tbody tr', { hasText: VIVO }).click();
    await page.waitForSelector('#mj-indicators');
    const i = await download(page, '#mj-indicators-export');
    expectEq('... 维沃\'s explanation: its 4 indicators', 4, i.rows.length - 1);
    await page.fill('#wi-above-quota-A', '30');
    await page.fill('#wi-above-quota-B', '40');
    await page.click('#mj-wi-run');
    await page.waitForSelector('#mj-wi-total');
    const c = await download(page, '#mj-wi-export');
    expectEq('... the what-if: a row per change', Number(await page.getAttribute('#mj-wi-total', 'data-count')), c.rows.length - 1);

    // one enterprise: its plots, its months
    const v = (await apiGet(page, '/enterprises?q=' + encodeURIComponent('维沃'))).enterprises[0];
    const d = await apiGet(page, '/enterprises/' + v.id);
    await page.goto(url + '/enterprises/' + v.id);
    await page.waitForSelector('#ent-plots');
    const pl = await download(page, '#ent-plots-export');
    expectEq('企业: its plots', d.plots.length, pl.rows.length - 1);
    expectEq('... the area as a number', d.plots[0].area, pl.rows[1][1]);
    const ms = await download(page, '#ent-months-export');
    expectEq('... its months, every one the page has', d.months.length, ms.rows.length - 1);
    const first = [...d.months].sort((a, b) => (a.month < b.month ? -1 : 1))[0];
    expectEq('... the first month\'s 工业总产值 (万元)', [first.month, first.gross_output].join('|'), [ms.rows[1][0], ms.rows[1][1]].join('|'));
    expectEq('... its header', '月份|工业总产值（万元）', ms.rows[0].slice(0, 2).join('|'));
    await ctx.close();
  }

  // --- the park operator ---
  {
    const { ctx, page } = await newPage();
    await signIn(page, 'changjiang', 'Demo-park-2026');
    await page.waitForSelector('#cockpit');
    const mine = await apiGet(page, '/enterprises?limit=1000');
    const b64 = await page.evaluate(async () => {
      const res = await fetch('/api/v1/exports/enterprises');
      if (!res.ok) return 'status ' + res.status;
      const bytes = new Uint8Array(await res.arrayBuffer());
      let s = '';
      for (const c of bytes) s += String.fromCharCode(c);
      return btoa(s);
    });
    if (b64.startsWith('status ')) fail('changjiang: GET /api/v1/exports/enterprises', b64);
    else {
      const x = readSheet(Buffer.from(b64, 'base64'));
      const col = x.rows[0].indexOf('所属园区');
      expectEq('changjiang: the register export holds its enterprises', mine.total, x.rows.length - 1);
      expectEq(`... every one of ${PARK}`, true, col >= 0 && x.rows.slice(1).every((row) => row[col] === PARK));
    }
    await page.goto(url + '/enterprises');
    await page.waitForSelector('#ent-table');
    const e = await download(page, '#ent-export');
    expectEq('... the 企业库 export: every row of the filtered register, not a page of 20', mine.total, e.rows.length - 1);
    const col = e.rows[0].indexOf('园区');
    expectEq(`... all of ${PARK}`, true, col >= 0 && e.rows.slice(1).every((row) => row[col] === PARK));
    expectEq('... land as numbers', true, e.rows.slice(1).some((row) => typeof row[5] === 'number'));
    await ctx.close();
  }

  expectEq('no page error, no CSP violation', '', problems.join('; '));
} catch (err) {
  fail('the run', err.stack || String(err));
}
await finish();
