// 新建项目 and 编辑 on the 招商项目 pages (ui/project_form.js) in a real browser against
// `parkbrain serve` on the demo zone without its generated pipeline, with two projects of
// its own imported by the analyst:
//   电池项目 (长江绿色创新产业园, 一组): 线索 2025-01-10
//   配套项目 (茶园工业园, 二组):        在谈 2025-03-01
// The 招商团队 filter is a choice of exactly the scope's teams (一组, 二组; the park operator:
// 一组 only), and choosing one filters the board. As the analyst: 新建项目 opens the form,
// Escape closes it with the focus back on the button; a negative and a non-number are
// refused in the page (marked, focused, nothing sent); every field typed, first stage 签约
// on 2025-06-01: the card is in 签约 with the focus on it, and GET /api/v1/projects/:id and
// its page have what was typed (the industry code 3841 stored as C3841). A duplicate name:
// the server's 400 at the name field, the form still filled. The first stage refused
// (the network down): the project exists, the form says so and a second submit records
// the stage only (one project of that name). 编辑: prefilled; unchanged, it says so and
// sends nothing; one field changed: the PATCH carried that field alone (the request and
// the audit entry's fields), the page shows the new value; a taken name at the field. The
// park operator changjiang can choose only its park (preselected), cannot find another
// park's enterprise to link, and its project is in its scope. The viewer sees neither 新建项目 nor 编辑. The form fits 1366×768; English labels.
// Over 1000 projects in the scope: the board says it shows the first 1000 of N.
import { apiGet, apiUpload, expectEq, fail, ok, start } from './lib/harness.mjs';

const { url, newPage, signIn, problems, finish } = await start([], { noPipeline: true });

const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
const focused = (page) => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.className));
const options = (page, sel) => page.locator(sel + ' option').allTextContents();
const CJK = /[\u4e00-\u9fff]/;

const PROJECTS = '项目名称,所属园区,招商团队\n电池项目,长江绿色创新产业园,一组\n配套项目,茶园工业园,二组\n';
const STAGES = '项目名称,阶段,日期\n电池项目,线索,2025-01-10\n配套项目,在谈,2025-03-01\n';

// what the analyst types: every field the API takes (the enterprise by its USCC)
const TYPED = {
  name: '新能源电池项目', investor: '某电池集团', origin: '广东省深圳市', industry: '3841', sector: '新能源',
  team: '三组', chain: '新能源汽车', chain_node: '动力电池', planned_investment: '120000',
  contract_value: '100000', promised_output: '200000', promised_tax: '8000', land_needed: '150.5',
  note: '首期厂房 2026 年开工',
};

try {
  const an = await newPage();
  const a = an.page;
  await signIn(a, 'analyst', 'Demo-analyst-2026');
  await a.waitForSelector('#cockpit');
  expectEq('the analyst imports two projects', 200, (await apiUpload(a, 'kind=projects&name=p.csv', PROJECTS)).status);
  expectEq('... and their stages', 200, (await apiUpload(a, 'kind=project-stages&name=s.csv', STAGES)).status);
  const parks = (await apiGet(a, '/parks')).parks;
  const CJ = parks.find((x) => x.name === '长江绿色创新产业园').id;
  const ent = (await apiGet(a, `/enterprises?park=${CJ}&limit=1`)).enterprises[0];

  await a.goto(url + '/projects');
  await a.waitForSelector('#pj-board');
  // the team filter: the scope's teams, exactly
  expectEq('the team filter is a choice of the scope\'s teams', '全部团队|一组|二组', (await options(a, '.pj-filters select[name=team]')).join('|'));
  await a.selectOption('.pj-filters select[name=team]', '二组');
  await a.waitForFunction(() => document.querySelectorAll('#pj-board .pj-card').length === 1);
  expectEq('... 二组: 配套项目 alone, in the address', '配套项目 二组',
    `${(await a.textContent('#pj-board .pj-name')).trim()} ${await a.evaluate(() => new URLSearchParams(location.search).get('team'))}`);
  await a.selectOption('.pj-filters select[name=team]', '');
  await a.waitForFunction(() => document.querySelectorAll('#pj-board .pj-card').length === 2);

  // 新建项目: Escape closes, the focus back on the button
  await a.click('#pj-new');
  await a.waitForSelector('#pf-dialog[open]');
  expectEq('新建项目 opens the form, the name focused', 'pf-name', await focused(a));
  expectEq('... the required fields marked: name, first stage, date', '项目名称 *|首个阶段 *|进入日期 *',
    (await a.locator('#pf-form .pf-field:has(.pf-req) > span:first-child').allTextContents()).join('|'));
  expectEq('... the park: 未定 or any park', parks.length + 1, (await options(a, '#pf-park_id')).length);
  const box = await a.locator('#pf-dialog').boundingBox();
  expectEq('... the form fits 1366×768', true, box.x >= 0 && box.y >= 0 && box.x + box.width <= 1366 && box.y + box.height <= 768);
  await a.keyboard.press('Escape');
  await a.waitForSelector('#pf-dialog', { state: 'detached' });
  expectEq('... Escape closes it, the focus back on 新建项目', '0 pj-new', `${await a.locator('#pf-dialog').count()} ${await focused(a)}`);

  // the page's own checks: nothing is sent
  await a.click('#pj-new');
  await a.waitForSelector('#pf-dialog[open]');
  let posts = [];
  const countPosts = (r) => { if (r.method() !== 'GET' && r.url().includes('/api/v1/projects')) posts.push(`${r.method()} ${new URL(r.url()).pathname} ${r.postData()}`); };
  a.on('request', countPosts);
  for (const [k, v] of Object.entries(TYPED)) await a.fill(`#pf-${k}`, v);
  await a.selectOption('#pf-foreign_funded', 'true');
  await a.selectOption('#pf-park_id', String(CJ));
  await a.fill('#pf-enterprise_id', ent.uscc);
  await a.selectOption('#pf-stage', 'signed');
  await a.fill('#pf-date', '2025-06-01');
  await a.fill('#pf-planned_investment', '-5');
  await a.fill('#pf-land_needed', '12,5');
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-err-planned_investment:not(:empty)');
  expectEq('a negative amount is refused in the page: marked and focused', '不能为负数 true pf-planned_investment',
    `${await a.textContent('#pf-err-planned_investment')} ${await a.getAttribute('#pf-planned_investment', 'aria-invalid') === 'true'} ${await focused(a)}`);
  expectEq('... "12,5" is not a number', '应为数字 true',
    `${await a.textContent('#pf-err-land_needed')} ${await a.getAttribute('#pf-land_needed', 'aria-invalid') === 'true'}`);
  expectEq('... nothing sent', '', posts.join('; '));
  await a.fill('#pf-planned_investment', TYPED.planned_investment);
  await a.fill('#pf-land_needed', TYPED.land_needed);
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-dialog', { state: 'detached' });
  const card = a.locator('#pj-board .pj-col[data-stage="signed"] .pj-card', { hasText: TYPED.name });
  await card.waitFor();
  ok('created: its card in 签约');
  const id = Number(await card.getAttribute('data-id'));
  expectEq('... two requests: the create, then its first stage', `POST /api/v1/projects|POST /api/v1/projects/${id}/stages`,
    posts.map((x) => x.split(' ').slice(0, 2).join(' ')).join('|'));
  expectEq('... the focus on its card', 'pj-name', await focused(a));
  const got = await apiGet(a, '/projects/' + id);
  expectEq('... GET /projects/:id has every field typed', JSON.stringify({
    name: TYPED.name, investor: TYPED.investor, origin: TYPED.origin, foreign_funded: true, industry: 'C3841',
    sector: TYPED.sector, park_id: CJ, team: TYPED.team, chain: TYPED.chain, chain_node: TYPED.chain_node,
    planned_investment: 120000, contract_value: 100000, promised_output: 200000, promised_tax: 8000,
    land_needed: 150.5, enterprise: ent.id, note: TYPED.note, stage: 'signed', since: '2025-06-01' }),
  JSON.stringify({ name: got.name, investor: got.investor, origin: got.origin, foreign_funded: got.foreign_funded,
    industry: got.industry, sector: got.sector, park_id: got.park_id, team: got.team, chain: got.chain,
    chain_node: got.chain_node, planned_investment: got.planned_investment, contract_value: got.contract_value,
    promised_output: got.promised_output, promised_tax: got.promised_tax, land_needed: got.land_needed,
    enterprise: got.enterprise && got.enterprise.id, note: got.note, stage: got.stage, since: got.since }));
  expectEq('... its first stage: one event, 签约 on 2025-06-01', 'signed 2025-06-01 1',
    `${got.events[0].stage} ${got.events[0].date} ${got.events.length}`);
  expectEq('... the new team is in the filter now', '全部团队|一组|三组|二组',
    (await options(a, '.pj-filters select[name=team]')).join('|'));

  // its page shows what was typed
  await card.locator('.pj-name').click();
  await a.waitForSelector('#pj-timeline');
  const facts = await a.locator('.facts').evaluate((dl) => {
    const o = {};
    for (const dt of dl.querySelectorAll('dt')) o[dt.textContent] = dt.nextElementSibling.textContent;
    return o;
  });
  expectEq('its page: the facts as typed', [TYPED.investor, TYPED.origin, '外资', '长江绿色创新产业园', TYPED.team,
    TYPED.sector, 'C3841', `${TYPED.chain} / ${TYPED.chain_node}`, '12.00 亿元', '10.00 亿元', '20.00 亿元', '8,000 万元',
    '150.5', ent.name, TYPED.note].join('|'),
  [facts['投资方'], facts['来源地'], facts['资金来源'], facts['园区'], facts['招商团队'], facts['产业板块'], facts['行业代码'],
    facts['产业链/节点'], facts['计划投资'], facts['合同金额'], facts['承诺年产值'], facts['承诺年税收'], facts['用地需求（亩）'],
    facts['关联企业'], facts['备注']].join('|'));

  // 编辑: prefilled; unchanged sends nothing; one field changed sends that field alone
  posts = [];
  await a.click('#pj-edit');
  await a.waitForSelector('#pf-dialog[open]');
  expectEq('编辑 opens the form prefilled', `${TYPED.name} 120000 true ${CJ} ${ent.name}（${ent.uscc}） 150.5`,
    [await a.inputValue('#pf-name'), await a.inputValue('#pf-planned_investment'), await a.inputValue('#pf-foreign_funded'),
      await a.inputValue('#pf-park_id'), await a.inputValue('#pf-enterprise_id'), await a.inputValue('#pf-land_needed')].join(' '));
  expectEq('... without the first stage', 0, await a.locator('#pf-stage').count());
  await a.click('#pf-submit');
  await a.waitForFunction(() => document.querySelector('#pf-msg').textContent !== '');
  expectEq('... unchanged: it says so and sends nothing', '没有修改任何字段，未提交 0', `${await a.textContent('#pf-msg')} ${posts.length}`);
  await a.fill('#pf-name', '电池项目');
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-err-name:not(:empty)');
  expectEq('... a taken name: the server\'s 400 at the name field, focused', '已有同名的招商项目 true pf-name',
    `${await a.textContent('#pf-err-name')} ${await a.getAttribute('#pf-name', 'aria-invalid') === 'true'} ${await focused(a)}`);
  await a.fill('#pf-name', TYPED.name);
  await a.fill('#pf-contract_value', '110000');
  posts = [];
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-dialog', { state: 'detached' });
  await a.waitForFunction(() => [...document.querySelectorAll('.facts dd')].some((d) => d.textContent === '11.00 亿元'));
  expectEq('... one field changed: the PATCH carried it alone', `PATCH /api/v1/projects/${id} {"contract_value":110000}`, posts.join('; '));
  expectEq('... the page shows the new value, the focus back on 编辑', '11.00 亿元 pj-edit',
    `${await a.locator('.facts dt:text-is("合同金额") + dd').textContent()} ${await focused(a)}`);
  a.off('request', countPosts);

  // the duplicate name on a create: at the field, the form still filled
  await a.goto(url + '/projects?view=list');
  await a.waitForSelector('#pj-table');
  await a.click('#pj-new');
  await a.waitForSelector('#pf-dialog[open]');
  await a.fill('#pf-name', '配套项目');
  await a.fill('#pf-investor', '另一家公司');
  await a.fill('#pf-contract_value', '5000');
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-err-name:not(:empty)');
  expectEq('a duplicate name (the list\'s 新建项目): the server\'s 400 at the name field', '已有同名的招商项目 true pf-name',
    `${await a.textContent('#pf-err-name')} ${await a.getAttribute('#pf-name', 'aria-invalid') === 'true'} ${await focused(a)}`);
  expectEq('... the form still filled', '配套项目 另一家公司 5000',
    `${await a.inputValue('#pf-name')} ${await a.inputValue('#pf-investor')} ${await a.inputValue('#pf-contract_value')}`);

  // the first stage refused: the project exists, the stage is retried alone
  await a.fill('#pf-name', '断网项目');
  await a.route('**/api/v1/projects/*/stages', (r) => r.abort('failed'));
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-open');
  expectEq('the first stage not recorded: said, with the project\'s link, the button now 记录阶段', 'true true 记录阶段',
    `${(await a.textContent('#pf-msg')).startsWith('项目已建立，但首个阶段未能记录')} ${await a.locator('#pf-name').isDisabled()} ${(await a.textContent('#pf-submit')).trim()}`);
  await a.unroute('**/api/v1/projects/*/stages');
  await a.click('#pf-submit');
  await a.waitForSelector('#pf-dialog', { state: 'detached' });
  const cut = (await apiGet(a, '/projects?q=' + encodeURIComponent('断网项目'))).projects;
  expectEq('... the second submit records the stage only: one project, at 线索', '1 lead', `${cut.length} ${cut[0] && cut[0].stage}`);
  await a.waitForSelector(`#pj-table tr[data-id="${cut[0].id}"]`);
  ok('... in the list');

  // the audit: the edit's entry has the one field
  const ad = await newPage();
  const d = ad.page;
  await signIn(d, 'admin', 'Demo-admin-2026');
  await d.waitForSelector('#nav');
  const audit = (await apiGet(d, '/audit?limit=50')).entries.filter((e) => e.action === 'projects.update' && e.detail.project === id);
  expectEq('the audit: one edit of it, of contract_value alone (before 100000)', '1 contract_value 100000',
    `${audit.length} ${audit[0] && Object.keys(audit[0].detail.fields).join(',')} ${audit[0] && audit[0].detail.before.contract_value}`);

  // the park operator: its park only, preselected; its project in its scope
  const pk = await newPage();
  const p = pk.page;
  await signIn(p, 'changjiang', 'Demo-park-2026');
  await p.waitForSelector('#cockpit');
  await p.goto(url + '/projects');
  await p.waitForSelector('#pj-board');
  expectEq('changjiang\'s team filter: its park\'s teams', '全部团队|一组|三组', (await options(p, '.pj-filters select[name=team]')).join('|'));
  await p.click('#pj-new');
  await p.waitForSelector('#pf-dialog[open]');
  expectEq('... its form: its park alone, chosen, required', `长江绿色创新产业园 ${CJ} true`,
    `${(await options(p, '#pf-park_id')).join('|')} ${await p.inputValue('#pf-park_id')} ${await p.getAttribute('#pf-park_id', 'aria-required') === 'true'}`);
  // an enterprise of another park (the API would answer 403): the page cannot find it
  const CY = parks.find((x) => x.name === '茶园工业园').id;
  const other = (await apiGet(a, `/enterprises?park=${CY}&limit=1`)).enterprises[0];
  await p.fill('#pf-name', '园区自建项目');
  await p.fill('#pf-enterprise_id', other.uscc);
  await p.click('#pf-submit');
  await p.waitForSelector('#pf-err-enterprise_id:not(:empty)');
  expectEq('... another park\'s enterprise: not found in its scope, at the field, focused', '没有该企业，请从列表中选择 pf-enterprise_id',
    `${await p.textContent('#pf-err-enterprise_id')} ${await focused(p)}`);
  await p.fill('#pf-enterprise_id', '');
  await p.click('#pf-submit');
  const pc = p.locator('#pj-board .pj-col[data-stage="lead"] .pj-card', { hasText: '园区自建项目' });
  await pc.waitFor();
  const pid = Number(await pc.getAttribute('data-id'));
  const mine = (await apiGet(p, '/projects?limit=1000')).projects.find((x) => x.id === pid);
  expectEq('... created in its park, in its scope, at 线索 today', `${CJ} lead true`,
    `${mine && mine.park_id} ${mine && mine.stage} ${mine && mine.since === new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10)}`);

  // the viewer: neither 新建项目 nor 编辑
  const vw = await newPage();
  const v = vw.page;
  await signIn(v, 'leader', 'Demo-viewer-2026');
  await v.waitForSelector('#cockpit');
  await v.goto(url + '/projects');
  await v.waitForSelector('#pj-board .pj-card');
  const vNew = await v.locator('#pj-new').count();
  await v.goto(url + '/projects?view=list');
  await v.waitForSelector('#pj-table');
  const vNewList = await v.locator('#pj-new').count();
  await v.goto(url + '/projects/' + id);
  await v.waitForSelector('#pj-timeline');
  expectEq('the viewer: no 新建项目 on the board nor the list, no 编辑', '0 0 0',
    `${vNew} ${vNewList} ${await v.locator('#pj-edit, #pf-dialog').count()}`);

  // English: the form's words
  await a.goto(url + '/projects');
  await a.waitForSelector('#pj-board');
  await a.click('#lang');
  await a.waitForSelector('#pj-new');
  await a.click('#pj-new');
  await a.waitForSelector('#pf-dialog[open]');
  const words = [await a.textContent('#pf-title'), await a.textContent('#pj-new'),
    ...(await a.locator('#pf-form .pf-field > span:first-child').allTextContents()),
    ...(await options(a, '#pf-stage')), ...(await options(a, '#pf-foreign_funded')),
    await a.textContent('#pf-submit'), await a.textContent('#pf-cancel'), await a.textContent('.pf-hint')];
  expectEq('English: the form has no Chinese word', '', words.filter((x) => CJK.test(x)).join('|'));
  expectEq('... its title', 'New investment project', (await a.textContent('#pf-title')).trim());
  await a.click('#pf-cancel');
  await a.waitForSelector('#pf-dialog', { state: 'detached' });
  expectEq('... 取消 closes it, the focus back on the button', '0 pj-new', `${await a.locator('#pf-dialog').count()} ${await focused(a)}`);
  await a.click('#lang');

  // more than 1000 projects: the board says so
  const many = ['项目名称,所属园区,招商团队'];
  for (let i = 1; i <= 1000; i++) many.push(`批量项目${String(i).padStart(4, '0')},茶园工业园,四组`);
  expectEq('1000 more projects imported', 200, (await apiUpload(a, 'kind=projects&name=many.csv', many.join('\n') + '\n')).status);
  await a.goto(url + '/projects');
  await a.waitForSelector('#pj-board');
  const total = (await apiGet(a, '/projects?limit=1')).total;
  expectEq('... 1005 in the scope (2 imported, 3 made here, 1000)', 1005, total);
  expectEq('... the board says it shows the first 1000', '显示前 1000 个，共 1005 个，请用筛选缩小范围',
    (await a.textContent('#pj-capped')).trim());
  await a.selectOption('.pj-filters select[name=team]', '一组');
  await a.waitForFunction(() => document.querySelector('#pj-capped').hidden);
  ok('... filtered to 一组: the notice gone');
  expectEq('... the page fits 1366 px', true, await fits(a));

  const unexpected = problems.filter((x) => !/status of 400|ERR_FAILED/.test(x));
  expectEq('no page error, no CSP violation', '', unexpected.join('; '));
} catch (e) {
  fail('the test ran to its end', e.stack || String(e));
}
await finish();
