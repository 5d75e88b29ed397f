// The 用户 page (/users) and 修改密码 in a real browser (Playwright, Debian's chromium headless)
// against `parkbrain serve` on the demo zone. Checks: as admin, /users lists the five demo
// accounts with their columns and an 导出 Excel button; 新增用户 with a bad login name shows
// the server's refusal next to the name field; a park operator zhaoliu for
// 长江绿色创新产业园 is added and listed with its park; disabling the last admin shows the
// server's 409 in the row. zhaoliu signs in and sees only its park (企业库: 49, all of
// 长江绿色创新产业园; GET /api/v1/parks: that one) and no 用户 entry; the admin disables it and
// its next page goes back to sign-in, and it cannot sign in again. The viewer leader opens
// 修改密码 from the top bar: a wrong current password is shown at that field; the right one
// changes it; after signing out the old password fails and the new one signs in. No page
// error, no CSP violation (the refusals the test provokes, 400/403/409, aside).
// The harness: lib/harness.mjs (env PB_BIN, PB_CHROMIUM; exit 77 without chromium).
import { apiGet, expectEq, fail, ok, start } from './lib/harness.mjs';

const { newPage, signIn, problems, finish } = await start();
const CJ = '长江绿色创新产业园';

const rowOf = (page, name) => page.locator(`#us-table tbody tr[data-name="${name}"]`);

try {
  const admin = await newPage();
  const a = admin.page;
  await signIn(a, 'admin', 'Demo-admin-2026');
  await a.waitForSelector('#cockpit');
  await a.click('#nav a[data-nav=users]');
  await a.waitForSelector('#us-table');
  expectEq('用户 at /users', '/users', new URL(a.url()).pathname);
  expectEq('... marked in the nav', '用户', (await a.textContent('.nav a.active')).trim());
  expectEq('... the five demo accounts', 'admin|analyst|changjiang|leader|vivo',
    (await a.locator('#us-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.name))).join('|'));
  expectEq('... the columns', '名称|显示名|角色|园区/企业|状态|创建时间|最近登录|操作',
    (await a.locator('#us-table thead th').allTextContents()).map((x) => x.trim()).join('|'));
  expectEq('... changjiang\'s park', CJ, (await rowOf(a, 'changjiang').locator('.us-scope').textContent()).trim());
  expectEq('... an export button', 1, await a.locator('[data-export]').count());
  expectEq('... admin signed in: 最近登录 is set', false,
    (await rowOf(a, 'admin').locator('.us-login').textContent()).includes('从未'));

  // 新增用户: a refusal at its field, then a park operator
  await a.click('#us-add');
  await a.waitForSelector('#us-add-form');
  expectEq('... the password rule shown', true, (await a.textContent('#us-add-form')).includes('至少 10 个字符'));
  await a.fill('#us-name', 'Zhao Liu');
  await a.fill('#us-display', '赵六');
  await a.selectOption('#us-role', 'park');
  await a.selectOption('#us-parks', [CJ]);
  await a.fill('#us-password', 'Zhao-pass-2026');
  await a.click('#us-add-form button[type=submit]');
  await a.waitForSelector('#us-add-form [data-error-for=name]:not(:empty)');
  expectEq('a bad login name: said next to the name', true,
    (await a.textContent('#us-add-form [data-error-for=name]')).includes('用户名'));
  await a.fill('#us-name', 'zhaoliu');
  await a.click('#us-add-form button[type=submit]');
  await rowOf(a, 'zhaoliu').waitFor();
  expectEq('zhaoliu added, a park operator', '园区操作员', (await rowOf(a, 'zhaoliu').locator('.us-role').textContent()).trim());
  expectEq('... of its park', CJ, (await rowOf(a, 'zhaoliu').locator('.us-scope').textContent()).trim());
  expectEq('... enabled', '启用', (await rowOf(a, 'zhaoliu').locator('.us-status').textContent()).trim());
  expectEq('... the form closed', 0, await a.locator('#us-add-form').count());

  // the last admin cannot be disabled: the server's answer in the row
  await rowOf(a, 'admin').locator('.us-toggle').click();
  await a.waitForSelector('#us-table tr[data-name=admin] .us-row-msg:not(:empty)');
  expectEq('disabling the last admin: refused in the row', true,
    (await rowOf(a, 'admin').locator('.us-row-msg').textContent()).includes('最后一个'));

  // zhaoliu signs in and sees its park only
  const z = await newPage();
  await signIn(z.page, 'zhaoliu', 'Zhao-pass-2026');
  await z.page.waitForSelector('#cockpit');
  expectEq('zhaoliu: no 用户 entry', 0, await z.page.locator('#nav a[data-nav=users]').count());
  expectEq('... the parks it may see: its own', CJ, (await apiGet(z.page, '/parks')).parks.map((p) => p.name).join(','));
  await z.page.click('#nav a[data-nav=enterprises]');
  await z.page.waitForSelector('#ent-total[data-total]');
  expectEq('... 企业库: its park\'s 49', '49', await z.page.getAttribute('#ent-total', 'data-total'));
  const parks = new Set((await z.page.locator('#ent-table tbody tr td:nth-child(3)').allTextContents()).map((s) => s.trim()));
  expectEq('... all of ' + CJ, CJ, [...parks].join(','));

  // the admin disables zhaoliu: its session ends, its next page is the sign-in page
  await rowOf(a, 'zhaoliu').locator('.us-toggle').click();
  await a.waitForSelector('#us-table tr[data-name=zhaoliu][data-disabled="1"]');
  expectEq('zhaoliu disabled', '已停用', (await rowOf(a, 'zhaoliu').locator('.us-status').textContent()).trim());
  await z.page.click('#nav a[data-nav=cockpit]');
  await z.page.waitForSelector('#login');
  expectEq('... its next page: back to sign-in', '/login', new URL(z.page.url()).pathname);
  await signIn(z.page, 'zhaoliu', 'Zhao-pass-2026');
  await z.page.waitForSelector('#login-msg.error');
  ok('... and it cannot sign in again');
  await z.ctx.close();

  // the English switch on the page
  await a.click('#lang');
  await a.waitForSelector('#us-table');
  expectEq('English: the title', 'Users', (await a.textContent('.page-head h2')).trim());
  expectEq('... the 修改密码 button', 'Change password', (await a.textContent('#account')).trim());
  await a.click('#lang');
  await a.waitForSelector('#us-table');
  await admin.ctx.close();

  // leader changes its own password
  const l = await newPage();
  const p = l.page;
  expectEq('signed out: no 修改密码 button', true, await p.isHidden('#account'));
  await signIn(p, 'leader', 'Demo-viewer-2026');
  await p.waitForSelector('#cockpit');
  await p.click('#account');
  await p.waitForSelector('#pw-dialog[open]');
  await p.fill('#pw-current', 'Wrong-viewer-2026');
  await p.fill('#pw-new', 'Leader-new-2026');
  await p.fill('#pw-repeat', 'Leader-new-2026');
  await p.click('#pw-submit');
  await p.waitForSelector('#pw-dialog [data-error-for=current]:not(:empty)');
  expectEq('a wrong current password: said at that field', '当前密码不正确',
    (await p.textContent('#pw-dialog [data-error-for=current]')).trim());
  await p.fill('#pw-current', 'Demo-viewer-2026');
  await p.fill('#pw-repeat', 'Leader-new-2025');
  await p.click('#pw-submit');
  await p.waitForSelector('#pw-dialog [data-error-for=repeat]:not(:empty)');
  ok('... two different new ones: said at the repeat');
  await p.fill('#pw-repeat', 'Leader-new-2026');
  await p.click('#pw-submit');
  await p.waitForSelector('#pw-done');
  ok('... the right one: changed');
  await p.click('#pw-close');
  expectEq('... the session goes on', 'leader', (await apiGet(p, '/session')).user.name);
  await p.click('#signout');
  await p.waitForSelector('#login');
  await signIn(p, 'leader', 'Demo-viewer-2026');
  await p.waitForSelector('#login-msg.error');
  ok('the old password no longer signs in');
  await signIn(p, 'leader', 'Leader-new-2026');
  await p.waitForSelector('#cockpit');
  ok('the new one does');
  await l.ctx.close();

  const unexpected = problems.filter((x) => !/status of (400|403|409)/.test(x));
  expectEq('no page error, no CSP violation', '', unexpected.join('\n'));
} catch (e) {
  fail('the run', e.stack || String(e));
} finally {
  await finish();
}
