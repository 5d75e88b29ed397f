/* test_store_project.c - the projects one at a time (src/store/store_project.h): create
 * and edit with their checks and audit rows; stage moves checked against the stored
 * history (a reason for a skip, a drop, a reopening; the date not before the latest
 * event nor after today; a refused move writes nothing); one project's record (the
 * timeline with who, why and when, the filled-in days, funds, the enterprise's actual
 * figures for 履约); the list's filters, scope and paging; funds only from the signing
 * month. Every expected value is worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"
#include "store.h"
#include "store_pipeline.h"
#include "store_project.h"
#include "test_db.h"

static char dbpath[64];
static const pb_project_actor WHO = { .user = "张三", .ip = "10.0.0.7" };
enum { TODAY = 20251231 };

static void exec(const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static pb_project blank(void)
{
	pb_project p;
	memset(&p, 0, sizeof(p));
	p.foreign_funded = PB_INT_MISSING;
	p.planned_investment = p.contract_value = p.promised_output = p.promised_tax = NAN;
	p.land_needed = NAN;
	return p;
}

/* Project `name` in `park` of `team`, contract value `contract` (万元): its id. */
static int64_t create(pb_store *st, const char *name, int64_t park, const char *team, double contract)
{
	pb_project p = blank();
	p.name = name;
	p.park_id = park;
	p.team = team;
	p.contract_value = contract;
	int64_t id = 0;
	const char *field;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p,
					       1u << PB_PF_NAME | 1u << PB_PF_PARK | 1u << PB_PF_TEAM |
					       1u << PB_PF_CONTRACT, &WHO), 0);
	return id;
}

static void move_ok(pb_store *st, int64_t id, int stage, int32_t date, const char *reason)
{
	pb_project_moved mv;
	assert_int_equal(pb_store_project_move(&mv, st, id, stage, date, reason, TODAY, &WHO), 0);
}

/* Parks 1 甲园 and 2 乙园; enterprise 1 in park 1, reporting 2023-12, 2024-06 and 2024-12. */
static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store_project");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	const char *parks[] = { "甲园", "乙园" };
	for (int i = 0; i < 2; i++) {
		pb_park p;
		pb_record_clear(pb_entity_get(PB_E_PARK), &p);
		p.name = parks[i];
		assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
		assert_int_equal(p.id, i + 1);
	}
	pb_enterprise e;
	pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
	e.uscc = "91500108314159014J";
	e.name = "重庆甲电池有限公司";
	e.industry = "C3841";
	e.sector = "新能源";
	e.tier = PB_TIER_GROWTH;
	e.park_id = 1;
	e.above_scale = 1;
	e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
	assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
	const struct { int month; double output, tax; } reports[] = {
		{ 202312, 999, 99 }, { 202406, 100, 10 }, { 202412, 250.5, 20 },
	};
	for (size_t i = 0; i < 3; i++) {
		pb_monthly m;
		pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
		m.enterprise_id = e.id;
		m.month = reports[i].month;
		m.v[PB_M_GROSS_OUTPUT] = reports[i].output;
		m.v[PB_M_TAX] = reports[i].tax;
		assert_int_equal(pb_store_put(st, PB_E_MONTHLY, &m, PB_STORE_ALL), 0);
	}
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

static void test_save(void **state)
{
	pb_store *st = *state;
	pb_project p = blank();
	const char *field = NULL;
	int64_t id = 0;
	/* a create needs a name, not blank */
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_TEAM, &WHO), PB_EINVAL);
	assert_string_equal(field, "name");
	p.name = "  ";
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_NAME, &WHO), PB_EINVAL);
	assert_string_equal(field, "name");
	/* a negative amount, a park and an enterprise that do not exist */
	p.name = "电池项目";
	p.contract_value = -1;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_NAME | 1u << PB_PF_CONTRACT, &WHO), PB_EINVAL);
	assert_string_equal(field, "contract_value");
	p.contract_value = 150000;
	p.park_id = 9;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_NAME | 1u << PB_PF_PARK, &WHO), PB_EINVAL);
	assert_string_equal(field, "park_id");
	p.park_id = 1;
	p.enterprise_id = 7;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_NAME | 1u << PB_PF_ENTERPRISE, &WHO), PB_EINVAL);
	assert_string_equal(field, "enterprise_id");
	p.foreign_funded = 2;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, 1u << PB_PF_NAME | 1u << PB_PF_FOREIGN, &WHO), PB_EINVAL);
	assert_string_equal(field, "foreign_funded");
	/* nothing written by any of these */
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM projects"), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log"), 0);

	p.enterprise_id = 0;
	p.foreign_funded = 1;
	p.investor = "某电池集团";
	uint64_t mask = 1u << PB_PF_NAME | 1u << PB_PF_PARK | 1u << PB_PF_CONTRACT | 1u << PB_PF_INVESTOR |
			1u << PB_PF_FOREIGN;
	assert_int_equal(pb_store_project_save(&id, &field, st, 0, &p, mask, &WHO), 0);
	assert_int_equal(id, 1);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM projects WHERE name = '电池项目' AND park_id = 1"
				     " AND contract_value = 150000 AND foreign_funded = 1"), 1);
	/* the same name again, for another project */
	int64_t other = 0;
	assert_int_equal(pb_store_project_save(&other, &field, st, 0, &p, 1u << PB_PF_NAME, &WHO), PB_EINVAL);
	assert_string_equal(field, "name");
	/* an edit: the investor cleared, the contract value changed; the name kept (its own) */
	pb_project e = blank();
	e.name = "电池项目";
	e.contract_value = 160000;
	assert_int_equal(pb_store_project_save(NULL, &field, st, 1, &e,
					       1u << PB_PF_NAME | 1u << PB_PF_INVESTOR | 1u << PB_PF_CONTRACT, &WHO), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT investor IS NULL AND contract_value = 160000 AND park_id = 1"
				     " FROM projects WHERE id = 1"), 1);
	assert_int_equal(pb_store_project_save(NULL, &field, st, 5, &e, 1u << PB_PF_CONTRACT, &WHO), PB_ENOTFOUND);
	/* audited: one create, one edit with the values before and who, from where */
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.create'"), 1);
	char t[256];
	test_db_text(dbpath, "SELECT user_name || ' ' || json_extract(detail, '$.before.contract_value') || ' '"
		     " || json_extract(detail, '$.before.investor') || ' ' || json_extract(detail, '$.fields.contract_value')"
		     " || ' ' || json_extract(detail, '$.ip') FROM audit_log WHERE action = 'projects.update'", t, sizeof(t));
	assert_string_equal(t, "张三 150000.0 某电池集团 160000.0 10.0.0.7");
}

static void test_move(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	pb_project_moved mv;
	/* a new project may enter at any line stage: 线索 */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_LEAD, 20250110, NULL, TODAY, &WHO), 0);
	assert_int_equal(mv.from, PB_STAGE_NONE);
	assert_int_equal(mv.kind, PB_PM_OK);
	/* 线索 → 签约 skips 在谈: refused without a reason (a blank one is none), naming it */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_SIGNED, 20250301, " ", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "reason");
	assert_int_equal(mv.kind, PB_PM_SKIP);
	assert_int_equal(mv.from, PB_STAGE_LEAD);
	assert_non_null(strstr(pb_error_last(), "/ "));
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages"), 1);
	/* with one */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_SIGNED, 20250301, "直接签约", TODAY, &WHO), 0);
	assert_int_equal(mv.kind, PB_PM_SKIP);
	/* the date: before the latest event (03-01), after today, not a day */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20250228, NULL, TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "date");
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20260101, NULL, TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "date");
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20250230, NULL, TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "date");
	/* the stage it holds, a stage out of range */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_SIGNED, 20250401, "x", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "stage");
	assert_int_equal(pb_store_project_move(&mv, st, id, 42, 20250401, "x", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "stage");
	/* the same day as the latest event is allowed (replayed in the order recorded) */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20250301, NULL, TODAY, &WHO), 0);
	assert_int_equal(mv.kind, PB_PM_OK);
	/* 终止 needs a reason; taking it up again too */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_DROPPED, 20250601, NULL, TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "reason");
	assert_int_equal(mv.kind, PB_PM_DROP);
	move_ok(st, id, PB_STAGE_DROPPED, 20250601, "投资方战略调整");
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20250701, NULL, TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "reason");
	assert_int_equal(mv.kind, PB_PM_REOPEN);
	assert_int_equal(mv.from, PB_STAGE_DROPPED);
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_REGISTERED, 20250701, "重新洽谈成功", TODAY, &WHO), 0);
	/* no such project */
	assert_int_equal(pb_store_project_move(&mv, st, 99, PB_STAGE_LEAD, 20250101, NULL, TODAY, &WHO), PB_ENOTFOUND);

	/* five events stored (线索, 签约, 注册, 终止, 注册), each audited once, the refusals not */
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages"), 5);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.stage'"), 5);
	char t[256];
	test_db_text(dbpath, "SELECT user_name || ' ' || json_extract(detail, '$.from') || ' ' || json_extract(detail, '$.to')"
		     " || ' ' || json_extract(detail, '$.date') || ' ' || json_extract(detail, '$.reason') || ' '"
		     " || json_extract(detail, '$.ip') FROM audit_log WHERE action = 'projects.stage' ORDER BY id LIMIT 1 OFFSET 1",
		     t, sizeof(t));
	assert_string_equal(t, "张三 lead signed 2025-03-01 直接签约 10.0.0.7");
	test_db_text(dbpath, "SELECT user_name || ' ' || coalesce(note, '-') FROM project_stages ORDER BY rowid DESC LIMIT 1",
		     t, sizeof(t));
	assert_string_equal(t, "张三 重新洽谈成功");
}

static void test_get(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	move_ok(st, id, PB_STAGE_TALKS, 20250110, NULL);
	move_ok(st, id, PB_STAGE_STARTED, 20250301, "边签约边开工");
	const char *field;
	assert_int_equal(pb_store_project_fund(&field, st, id, 202504, 1200, NAN, "首笔", &WHO), 0);
	pb_project_record r;
	assert_int_equal(pb_store_project_get(&r, st, id), 0);
	assert_string_equal(r.name, "电池项目");
	assert_string_equal(r.park, "甲园");
	assert_string_equal(r.team, "一组");
	assert_true(r.contract_value == 150000);
	assert_true(isnan(r.planned_investment));
	assert_int_equal(r.foreign_funded, PB_INT_MISSING);
	assert_int_equal(r.stage, PB_STAGE_STARTED);
	/* entering at 在谈 fills in 线索 (01-10); 在谈 → 开工 skipped 签约, 注册, 供地: their
	 * day is 03-01, filled in too */
	assert_int_equal(r.state.date[PB_STAGE_LEAD], 20250110);
	assert_int_equal(r.state.date[PB_STAGE_TALKS], 20250110);
	assert_int_equal(r.state.date[PB_STAGE_SIGNED], 20250301);
	assert_int_equal(r.state.date[PB_STAGE_LAND], 20250301);
	assert_int_equal(r.state.filled, 1u << PB_STAGE_LEAD | 1u << PB_STAGE_SIGNED | 1u << PB_STAGE_REGISTERED | 1u << PB_STAGE_LAND);
	assert_int_equal(r.nevents, 2);
	assert_int_equal(r.events[0].stage, PB_STAGE_TALKS);
	assert_int_equal(r.events[0].move.kind, PB_PM_OK);
	assert_int_equal(r.events[0].move.from, PB_STAGE_NONE);
	assert_null(r.events[0].note);
	assert_int_equal(r.events[1].move.kind, PB_PM_SKIP);
	assert_int_equal(r.events[1].move.from, PB_STAGE_TALKS);
	assert_string_equal(r.events[1].note, "边签约边开工");
	assert_string_equal(r.events[1].user, "张三");
	assert_int_equal(r.events[1].import_id, 0);
	/* recorded: the time of its audit entry */
	assert_non_null(r.events[1].recorded_at);
	assert_int_equal(strlen(r.events[1].recorded_at), 20);
	assert_int_equal(r.nfunds, 1);
	assert_int_equal(r.funds[0].month, 202504);
	assert_true(r.funds[0].fixed == 1200);
	assert_true(isnan(r.funds[0].working));
	assert_string_equal(r.funds[0].note, "首笔");
	/* not linked to an enterprise: the zone's latest month only */
	assert_int_equal(r.actual_month, 202412);
	assert_true(r.actual_output == 0);
	pb_project_record_free(&r);
	/* linked: the enterprise's 2024-01..2024-12 sums, 2023-12 outside: 100 + 250.5, 10 + 20 */
	exec("UPDATE projects SET enterprise_id = 1 WHERE id = 1");
	assert_int_equal(pb_store_project_get(&r, st, id), 0);
	assert_int_equal(r.enterprise_id, 1);
	assert_string_equal(r.enterprise_uscc, "91500108314159014J");
	assert_true(r.actual_output == 350.5);
	assert_true(r.actual_tax == 30);
	pb_project_record_free(&r);
	assert_int_equal(pb_store_project_get(&r, st, 9), PB_ENOTFOUND);
	pb_project_record_free(&r);
}

static void test_list(void **state)
{
	pb_store *st = *state;
	/* 1 甲园 一组 signed; 2 乙园 二组 talks; 3 甲园 一组 no event; 4 乙园 二组 dropped, generated */
	int64_t a = create(st, "电池项目", 1, "一组", 150000);
	int64_t b = create(st, "配套项目", 2, "二组", 30000);
	int64_t c = create(st, "储能电池项目", 1, "一组", NAN);
	int64_t d = create(st, "物流项目", 2, "二组", 8000);
	move_ok(st, a, PB_STAGE_TALKS, 20250110, NULL);
	move_ok(st, a, PB_STAGE_SIGNED, 20250301, NULL);
	move_ok(st, b, PB_STAGE_TALKS, 20250201, NULL);
	move_ok(st, d, PB_STAGE_SIGNED, 20250105, NULL);
	move_ok(st, d, PB_STAGE_DROPPED, 20250401, "资金未落实");
	exec("UPDATE projects SET generated = 1 WHERE id = 4");

	pb_project_page pg;
	pb_project_filter f = { .generated = -1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 4);
	assert_int_equal(pg.n, 4);
	assert_int_equal(pg.rows[0].id, a);
	assert_int_equal(pg.rows[0].stage, PB_STAGE_SIGNED);
	assert_int_equal(pg.rows[0].since, 20250301);
	assert_int_equal(pg.rows[0].last_date, 20250301);
	assert_string_equal(pg.rows[0].park, "甲园");
	assert_int_equal(pg.rows[2].stage, PB_STAGE_NONE);
	assert_int_equal(pg.rows[2].since, 0);
	assert_true(isnan(pg.rows[2].contract_value));
	assert_int_equal(pg.rows[3].stage, PB_STAGE_DROPPED);
	assert_int_equal(pg.rows[3].since, 20250401);
	assert_int_equal(pg.rows[3].generated, 1);
	pb_project_page_free(&pg);

	/* the scope: park 1's 1 and 3 */
	int64_t mine[] = { 1 };
	f = (pb_project_filter){ .parks = mine, .nparks = 1, .generated = -1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 2);
	assert_int_equal(pg.rows[0].id, a);
	assert_int_equal(pg.rows[1].id, c);
	pb_project_page_free(&pg);
	/* the scope with another park asked for: nothing */
	f.park_id = 2;
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 0);
	pb_project_page_free(&pg);
	/* the stage held now: 在谈 is 2 only (1 has moved on), 终止 is 4 */
	f = (pb_project_filter){ .stage = PB_STAGE_TALKS, .generated = -1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 1);
	assert_int_equal(pg.rows[0].id, b);
	pb_project_page_free(&pg);
	f.stage = PB_STAGE_DROPPED;
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 1);
	assert_int_equal(pg.rows[0].id, d);
	pb_project_page_free(&pg);
	/* text: 电池 is in 1 and 3; team 二组: 2 and 4; generated 0: 1, 2, 3 */
	f = (pb_project_filter){ .q = "电池", .generated = -1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 2);
	assert_int_equal(pg.rows[1].id, c);
	pb_project_page_free(&pg);
	f = (pb_project_filter){ .team = "二组", .generated = -1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 2);
	pb_project_page_free(&pg);
	f = (pb_project_filter){ .generated = 0 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 3);
	pb_project_page_free(&pg);
	/* paging: the second of the four, and past the end */
	f = (pb_project_filter){ .generated = -1, .offset = 1, .limit = 1 };
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 4);
	assert_int_equal(pg.n, 1);
	assert_int_equal(pg.rows[0].id, b);
	pb_project_page_free(&pg);
	f.offset = 9;
	assert_int_equal(pb_store_project_list(&pg, st, &f), 0);
	assert_int_equal(pg.total, 4);
	assert_int_equal(pg.n, 0);
	pb_project_page_free(&pg);

	/* the latest event's day, in a scope and in all */
	int32_t last;
	assert_int_equal(pb_store_project_last_date(&last, st, mine, 1), 0);
	assert_int_equal(last, 20250301);
	assert_int_equal(pb_store_project_last_date(&last, st, NULL, 0), 0);
	assert_int_equal(last, 20250401);
}

static void test_fund(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	const char *field = NULL;
	/* not signed yet: no funds, naming the month */
	move_ok(st, id, PB_STAGE_TALKS, 20250110, NULL);
	assert_int_equal(pb_store_project_fund(&field, st, id, 202502, 100, 0, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "month");
	move_ok(st, id, PB_STAGE_SIGNED, 20250318, NULL);
	/* before the signing month (2025-03) */
	assert_int_equal(pb_store_project_fund(&field, st, id, 202502, 100, 0, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "month");
	/* bad values */
	assert_int_equal(pb_store_project_fund(&field, st, id, 202513, 100, 0, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "month");
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, -1, 0, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "fixed");
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, 1, -0.5, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "working");
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, NAN, NAN, NULL, &WHO), PB_EINVAL);
	assert_int_equal(pb_store_project_fund(&field, st, 9, 202503, 1, 1, NULL, &WHO), PB_ENOTFOUND);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_funds"), 0);
	/* the signing month itself, then replaced */
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, 500, 20, NULL, &WHO), 0);
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, 800, NAN, "补录", &WHO), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_funds WHERE fixed = 800 AND working IS NULL"), 1);
	/* audited twice, the second with the value before */
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.funds'"), 2);
	char t[256];
	test_db_text(dbpath, "SELECT json_extract(detail, '$.month') || ' ' || json_extract(detail, '$.fixed') || ' '"
		     " || json_extract(detail, '$.before.fixed') || ' ' || json_extract(detail, '$.before.working')"
		     " FROM audit_log WHERE action = 'projects.funds' ORDER BY id DESC LIMIT 1", t, sizeof(t));
	assert_string_equal(t, "2025-03 800.0 500.0 20.0");
	/* a step back before 签约 would leave the stored 2025-03 funds before any signing:
	 * refused (the stage at fault, the month named, 终止 suggested), nothing written */
	pb_project_moved mv;
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_TALKS, 20250401, "合同作废", TODAY, &WHO),
			 PB_EINVAL);
	assert_string_equal(mv.field, "stage");
	assert_non_null(strstr(pb_error_last(), "2025-03"));
	assert_non_null(strstr(pb_error_last(), "「终止」"));
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages"), 2);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.stage'"), 2);
	/* a step back that keeps the signing is no concern: 注册 (04-01) → 签约 (04-02) */
	move_ok(st, id, PB_STAGE_REGISTERED, 20250401, NULL);
	move_ok(st, id, PB_STAGE_SIGNED, 20250402, "注册信息有误");
	/* a cancelled contract is a 终止: it stays signed, funds may still be recorded */
	move_ok(st, id, PB_STAGE_DROPPED, 20250410, "合同作废");
	assert_int_equal(pb_store_project_fund(&field, st, id, 202504, 1, 1, NULL, &WHO), 0);
	/* taking it up again in talks would un-sign it: refused like the step back */
	assert_int_equal(pb_store_project_move(&mv, st, id, PB_STAGE_TALKS, 20250501, "重新洽谈", TODAY, &WHO),
			 PB_EINVAL);
	assert_string_equal(mv.field, "stage");
	assert_int_equal(mv.kind, PB_PM_REOPEN);
	/* taken up again at 签约 it keeps its day (2025-03-18): allowed */
	move_ok(st, id, PB_STAGE_SIGNED, 20250501, "重新履约");
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages"), 6);
}

/* A project without funds may still step back before 签约, and funds are then refused. */
static void test_fund_unsigned(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	const char *field = NULL;
	move_ok(st, id, PB_STAGE_SIGNED, 20250318, NULL);
	move_ok(st, id, PB_STAGE_TALKS, 20250401, "误录签约");
	assert_int_equal(pb_store_project_fund(&field, st, id, 202504, 1, 1, NULL, &WHO), PB_EINVAL);
	assert_string_equal(field, "month");
}

/* recorded_at (migration 6): set on every insert, by a move or by a row written the way
 * an import writes it, never changed after (a re-written row, an UPDATE), shown in the
 * project's timeline. */
static void test_recorded_at(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	move_ok(st, id, PB_STAGE_LEAD, 20250110, NULL);
	/* an imported row: pb_store_put with no recorded_at, the way the importer writes */
	pb_project_stage e;
	pb_record_clear(pb_entity_get(PB_E_PROJECT_STAGE), &e);
	e.project_id = id;
	e.stage = PB_STAGE_TALKS;
	e.date = 20250120;
	assert_int_equal(pb_store_put(st, PB_E_PROJECT_STAGE, &e, PB_STORE_ALL), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages WHERE recorded_at GLOB"
				     " '20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'"), 2);
	/* put back to a time of the past (as if recorded then), then re-written and updated */
	exec("DROP TRIGGER project_stages_recorded_kept;"
	     "UPDATE project_stages SET recorded_at = '2025-01-20T08:00:00Z' WHERE stage = 2;"
	     "CREATE TRIGGER project_stages_recorded_kept AFTER UPDATE OF recorded_at ON project_stages"
	     "  WHEN OLD.recorded_at IS NOT NULL AND NEW.recorded_at IS NOT OLD.recorded_at BEGIN"
	     "  UPDATE project_stages SET recorded_at = OLD.recorded_at WHERE rowid = NEW.rowid; END;");
	e.note = "补录";
	assert_int_equal(pb_store_put(st, PB_E_PROJECT_STAGE, &e, PB_STORE_ALL), 0);
	exec("UPDATE project_stages SET recorded_at = '2030-01-01T00:00:00Z' WHERE stage = 2");
	char t[64];
	test_db_text(dbpath, "SELECT note || ' ' || recorded_at FROM project_stages WHERE stage = 2", t, sizeof(t));
	assert_string_equal(t, "补录 2025-01-20T08:00:00Z");
	/* the timeline shows the row's time */
	pb_project_record r;
	assert_int_equal(pb_store_project_get(&r, st, id), 0);
	assert_int_equal(r.nevents, 2);
	assert_string_equal(r.events[1].recorded_at, "2025-01-20T08:00:00Z");
	assert_int_equal(strlen(r.events[0].recorded_at), 20);
	pb_project_record_free(&r);
}

/* A database of version 5 upgrades: a moved event gets its audit entry's time, an
 * imported one its import's start, one with neither stays unknown; new rows get theirs. */
static void test_version_5_upgraded(void **state)
{
	pb_store_close(*state);
	*state = NULL;
	test_db_remove(dbpath);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (int v = 1; v <= 5; v++)
		assert_int_equal(sqlite3_exec(db, pb_schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"PRAGMA user_version = 5;"
		"INSERT INTO projects (id, name) VALUES (1, '电池项目');"
		"INSERT INTO imports (id, kind, file_name, file_hash, file_size, user_name, started_at)"
		" VALUES (7, 'project-stages', 's.csv', 'h', 1, '李四', '2025-01-02T03:04:05Z');"
		"INSERT INTO project_stages (rowid, project_id, stage, date, import_id)"
		" VALUES (10, 1, 1, 20250101, 7);"
		"INSERT INTO project_stages (rowid, project_id, stage, date, user_name)"
		" VALUES (11, 1, 2, 20250201, '张三');"
		"INSERT INTO project_stages (rowid, project_id, stage, date) VALUES (12, 1, 3, 20250301);"
		"INSERT INTO audit_log (at, user_name, action, entity, detail) VALUES"
		" ('2025-02-01T09:00:00Z', '张三', 'import', 'projects', 'not json'),"
		" ('2025-02-03T04:05:06Z', '张三', 'projects.stage', 'project_stages', '{\"event\":11}');",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	*state = st;
	assert_int_equal(pb_store_schema_version(st), 6);
	char t[128];
	/* the rows keep their rowids (the replay order, and what the audit entries name) */
	test_db_text(dbpath, "SELECT group_concat(rowid || '=' || coalesce(recorded_at, '-'), ' ') FROM"
		     " (SELECT rowid, recorded_at FROM project_stages ORDER BY rowid)", t, sizeof(t));
	assert_string_equal(t, "10=2025-01-02T03:04:05Z 11=2025-02-03T04:05:06Z 12=-");
	move_ok(st, 1, PB_STAGE_REGISTERED, 20250401, NULL);
	assert_int_equal(test_db_int(dbpath, "SELECT recorded_at IS NOT NULL FROM project_stages WHERE stage = 4"), 1);
}

/* pb_store_pipe_load: every project or a park scope's, with only their events (in replay
 * order: by project, day, then as recorded) and funds, the park's name; inside a caller's
 * transaction too (the snapshot nests), which stays open. */
static void test_pipe_load(void **state)
{
	pb_store *st = *state;
	/* 1 甲园, 2 乙园, 3 no park; 1 has two events on 03-01 (签约 then 注册, as recorded) */
	int64_t a = create(st, "电池项目", 1, "一组", 150000);
	int64_t b = create(st, "配套项目", 2, "二组", NAN);
	int64_t c = create(st, "物流项目", 0, NULL, 8000);
	move_ok(st, a, PB_STAGE_TALKS, 20250110, NULL);
	move_ok(st, b, PB_STAGE_LEAD, 20250115, NULL);
	move_ok(st, a, PB_STAGE_SIGNED, 20250301, NULL);
	move_ok(st, a, PB_STAGE_REGISTERED, 20250301, NULL);
	move_ok(st, c, PB_STAGE_SIGNED, 20250201, NULL);
	const char *field;
	assert_int_equal(pb_store_project_fund(&field, st, a, 202503, 100, NAN, NULL, &WHO), 0);
	assert_int_equal(pb_store_project_fund(&field, st, c, 202502, 5, 5, NULL, &WHO), 0);

	pb_pipe_data d;
	assert_int_equal(pb_store_pipe_load(&d, st, NULL, 0), 0);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.project_id[0], a);
	assert_string_equal(d.park[0], "甲园");
	assert_string_equal(d.park[1], "乙园");
	assert_null(d.park[2]);
	assert_int_equal(d.park_id[2], 0);
	assert_true(isnan(d.contract[1]));
	assert_int_equal(d.nevents, 5);
	/* a's three (talks, signed, registered), b's lead, c's signed */
	const int want[5][3] = { { 0, PB_STAGE_TALKS, 20250110 }, { 0, PB_STAGE_SIGNED, 20250301 },
				 { 0, PB_STAGE_REGISTERED, 20250301 }, { 1, PB_STAGE_LEAD, 20250115 },
				 { 2, PB_STAGE_SIGNED, 20250201 } };
	for (int i = 0; i < 5; i++) {
		assert_int_equal(d.events[i].project, want[i][0]);
		assert_int_equal(d.events[i].stage, want[i][1]);
		assert_int_equal(d.events[i].date, want[i][2]);
	}
	assert_string_equal(d.event_user[0], "张三");
	assert_int_equal(d.nfunds, 2);
	assert_int_equal(d.funds[1].project, 2);
	assert_true(d.funds[1].fixed == 5 && d.funds[1].working == 5);
	assert_int_equal(pb_pipe_data_find(&d, c), 2);
	assert_int_equal(pb_pipe_data_find(&d, 99), SIZE_MAX);
	pb_pipe_data_free(&d);

	/* park 1's scope, inside an open transaction: a alone, its three events, its funds */
	int64_t mine[] = { 1 };
	assert_int_equal(pb_store_begin(st), 0);
	assert_int_equal(pb_store_pipe_load(&d, st, mine, 1), 0);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.project_id[0], a);
	assert_int_equal(d.nevents, 3);
	assert_int_equal(d.events[2].stage, PB_STAGE_REGISTERED);
	assert_int_equal(d.nfunds, 1);
	assert_true(d.funds[0].fixed == 100 && isnan(d.funds[0].working));
	pb_pipe_data_free(&d);
	assert_int_equal(pb_store_commit(st), 0);
	/* a park with no project: nothing */
	int64_t none[] = { 7 };
	assert_int_equal(pb_store_pipe_load(&d, st, none, 1), 0);
	assert_int_equal(d.n + d.nevents + d.nfunds, 0);
	pb_pipe_data_free(&d);
}

/* Correcting a recorded day (pb_store_project_redate): talks 2025-01-10, signed 2025-03-18
 * (mistyped: 03-25), registered 2025-04-02. */
static void test_redate(void **state)
{
	pb_store *st = *state;
	int64_t id = create(st, "电池项目", 1, "一组", 150000);
	move_ok(st, id, PB_STAGE_TALKS, 20250110, NULL);
	move_ok(st, id, PB_STAGE_SIGNED, 20250318, NULL);
	move_ok(st, id, PB_STAGE_REGISTERED, 20250402, NULL);
	pb_project_moved mv;
	const int S = PB_STAGE_SIGNED;
	/* refusals before anything is read, each naming its field */
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250318, 20250325, " ", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "reason");
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250318, 20260101, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250318, 20250318, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250318, 20250230, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_int_equal(pb_store_project_redate(&mv, st, id, PB_STAGE_COUNT, 20250318, 20250325, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "stage");
	/* no such event: the day recorded is 03-18, not 03-19; no such project */
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250319, 20250325, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "date");
	assert_int_equal(pb_store_project_redate(&mv, st, 99, S, 20250318, 20250325, "录错", TODAY, &WHO), PB_ENOTFOUND);
	/* the stage recorded on the new day already: a second project in talks on 01-10 and,
	 * after a step back to 线索 on 01-20, again on 02-01 */
	int64_t two = create(st, "电机项目", 1, "一组", 9000);
	move_ok(st, two, PB_STAGE_LEAD, 20250105, NULL);
	move_ok(st, two, PB_STAGE_TALKS, 20250110, NULL);
	move_ok(st, two, PB_STAGE_LEAD, 20250120, "对方换了联系人");
	move_ok(st, two, PB_STAGE_TALKS, 20250201, NULL);
	assert_int_equal(pb_store_project_redate(&mv, st, two, PB_STAGE_TALKS, 20250110, 20250201, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_non_null(strstr(pb_error_last(), "「在谈」"));
	/* moving the first talks after the step back would make that step back (it carries a
	 * reason) a move to the stage held: refused */
	assert_int_equal(pb_store_project_redate(&mv, st, two, PB_STAGE_TALKS, 20250110, 20250125, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.redate'"), 0);
	/* the correction: 03-18 → 03-25; the event keeps its row, the count is 3, audited */
	int64_t row = test_db_int(dbpath, "SELECT rowid FROM project_stages WHERE stage = 3");
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250318, 20250325, "合同日期录错", TODAY, &WHO), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT date FROM project_stages WHERE stage = 3"), 20250325);
	assert_int_equal(test_db_int(dbpath, "SELECT rowid FROM project_stages WHERE stage = 3"), row);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM project_stages WHERE project_id = 1"), 3);
	char t[256];
	test_db_text(dbpath, "SELECT user_name || ' ' || json_extract(detail, '$.stage') || ' ' ||"
		     " json_extract(detail, '$.from') || ' ' || json_extract(detail, '$.to') || ' ' ||"
		     " json_extract(detail, '$.reason') FROM audit_log WHERE action = 'projects.redate'"
		     " ORDER BY id DESC LIMIT 1", t, sizeof(t));
	assert_string_equal(t, "张三 signed 2025-03-18 2025-03-25 合同日期录错");
	pb_project_record r;
	assert_int_equal(pb_store_project_get(&r, st, id), 0);
	assert_int_equal(r.state.date[S], 20250325);
	pb_project_record_free(&r);
	/* signing after the registration (04-05 > 04-02) would make the signing a step back
	 * from 注册 without a reason: refused at new_date, naming the day, nothing changed */
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250325, 20250405, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_non_null(strstr(pb_error_last(), "2025-04-05"));
	assert_int_equal(test_db_int(dbpath, "SELECT date FROM project_stages WHERE stage = 3"), 20250325);
	/* talks after the signing would be a step back too */
	assert_int_equal(pb_store_project_redate(&mv, st, id, PB_STAGE_TALKS, 20250110, 20250326, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	/* with funds from 2025-03, moving the signing into April (still before 注册) is
	 * refused: the funds would come before the signing */
	const char *field;
	assert_int_equal(pb_store_project_fund(&field, st, id, 202503, 100, 0, NULL, &WHO), 0);
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250325, 20250401, "录错", TODAY, &WHO), PB_EINVAL);
	assert_string_equal(mv.field, "new_date");
	assert_non_null(strstr(pb_error_last(), "2025-03"));
	/* and earlier is fine: 03-20 */
	assert_int_equal(pb_store_project_redate(&mv, st, id, S, 20250325, 20250320, "再核对", TODAY, &WHO), 0);
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log WHERE action = 'projects.redate'"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fund, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fund_unsigned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recorded_at, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version_5_upgraded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipe_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_redate, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
