/* test_store_keyproj.c - loading the key projects of a year (the plan, the months, what
 * was completed before, the planned and actual dates, the nature, the park scope), one
 * project's record, recording a month; on a hand-made library. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store.h"
#include "store_keyproj.h"
#include "test_db.h"

static char dbpath[64];

static void project(pb_store *st, const char *name, const char *nature, int64_t park,
		    double total, double before, int64_t start, int64_t end, int64_t started)
{
	pb_key_project k;
	pb_record_clear(pb_entity_get(PB_E_KEY_PROJECT), &k);
	k.name = name;
	k.nature = nature;
	k.department = "区经济信息委";
	k.park_id = park;
	k.total_investment = total;
	k.invested_before = before;
	k.start_year = start;
	k.end_year = end;
	k.started = started;
	assert_int_equal(pb_store_put(st, PB_E_KEY_PROJECT, &k, PB_STORE_ALL), 0);
}

static void year(pb_store *st, int64_t id, int64_t y, double planned, double actual)
{
	pb_key_project_year r = { .key_project_id = id, .year = y, .planned = planned, .actual = actual };
	assert_int_equal(pb_store_put(st, PB_E_KEY_PROJECT_YEAR, &r, PB_STORE_ALL), 0);
}

static void month(pb_store *st, int64_t id, int64_t m, double completed)
{
	pb_key_project_month r = { .key_project_id = id, .month = m, .completed = completed };
	assert_int_equal(pb_store_put(st, PB_E_KEY_PROJECT_MONTH, &r, PB_STORE_ALL), 0);
}

/* Parks 1 甲, 2 乙. Projects:
 *   1 A  park 1 新开工  total 10000  plan 2025 4000; months 2025-03 500, 2025-06 200,
 *        2026-01 70 (another year)
 *   2 B  park 2 续建    total 50000  invested_before 8000, start 2023 end 2024, started
 *        2023-03; 2023 actual 9000 (no months), 2024 actual 14000 but months 2024-11
 *        6000 + 2024-12 7000, 2022 neither; plan 2025 12000; 2025-01 1000
 *   3 C  no park 策划项目 (前期策划), no years, no months
 *   4 D  park 1 扩建 (not a known nature), 2024 actual 300 only */
static int setup(void **state)
{
	(void)state;
	test_db_name(dbpath, sizeof(dbpath), "test_store_keyproj");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	const char *parks[] = { "甲", "乙" };
	for (int i = 0; i < 2; i++) {
		pb_park p;
		pb_record_clear(pb_entity_get(PB_E_PARK), &p);
		p.name = parks[i];
		assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	}
	project(st, "A", "新开工", 1, 10000, NAN, 2025, 2026, PB_INT_MISSING);
	project(st, "B", "续建", 2, 50000, 8000, 2023, 2024, 202303);
	project(st, "C", "策划项目", 0, NAN, NAN, PB_INT_MISSING, PB_INT_MISSING, PB_INT_MISSING);
	project(st, "D", "扩建", 1, NAN, NAN, PB_INT_MISSING, PB_INT_MISSING, PB_INT_MISSING);
	year(st, 1, 2025, 4000, NAN);
	month(st, 1, 202503, 500);
	month(st, 1, 202506, 200);
	month(st, 1, 202601, 70);
	year(st, 2, 2023, 10000, 9000);
	year(st, 2, 2024, 15000, 14000);
	year(st, 2, 2025, 12000, NAN);
	month(st, 2, 202411, 6000);
	month(st, 2, 202412, 7000);
	month(st, 2, 202501, 1000);
	year(st, 4, 2024, NAN, 300);
	pb_store_close(st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_db_remove(dbpath);
	return 0;
}

static void test_load_year(void **state)
{
	(void)state;
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, PB_STORE_READONLY), 0);
	pb_keyproj_data d;
	assert_int_equal(pb_store_keyproj_load(&d, st, 2025, NULL, 0), 0);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.year, 2025);
	const pb_keyproj_item *a = &d.items[0], *b = &d.items[1], *c = &d.items[2], *e = &d.items[3];
	assert_string_equal(a->name, "A");
	assert_string_equal(a->park, "甲");
	assert_int_equal(a->p.nature, PB_KN_NEW);
	assert_true(a->nature_known);
	assert_true(a->p.plan == 4000);
	assert_true(a->p.month[2] == 500 && a->p.month[5] == 200);
	assert_true(isnan(a->p.month[0]) && isnan(a->p.month[11])); /* 2026-01 is not 2025's */
	assert_true(a->p.before == 0);
	assert_int_equal(a->p.plan_start, 202512); /* a year means its December */
	assert_int_equal(a->p.plan_finish, 202612);
	assert_int_equal(a->p.started, 0);
	/* B before 2025: 8000 + 2024's months 13000 (not its actual 14000) + 2023's actual
	 * 9000 = 30000 */
	assert_true(b->p.before == 30000);
	assert_true(b->p.plan == 12000 && b->p.total == 50000);
	assert_true(b->p.month[0] == 1000);
	assert_int_equal(b->p.started, 202303);
	assert_int_equal(b->p.plan_finish, 202412);
	assert_int_equal(b->park_id, 2);
	/* C: 策划项目 is 前期策划; the zone's; no plan */
	assert_int_equal(c->p.nature, PB_KN_PREPARATION);
	assert_int_equal(c->park_id, 0);
	assert_null(c->park);
	assert_true(isnan(c->p.plan) && isnan(c->p.total) && c->p.before == 0);
	assert_int_equal(c->p.plan_start, 0);
	/* D: 扩建 is not a known nature: judged as 续建, marked unknown; 2024's actual 300 */
	assert_false(e->nature_known);
	assert_int_equal(e->p.nature, PB_KN_CONTINUING);
	assert_string_equal(e->nature_text, "扩建");
	assert_true(e->p.before == 300);
	pb_keyproj_data_free(&d);

	/* 2026: A's before is 500 + 200 + nothing else; B's 30000 + 2025's month 1000 (its
	 * months win over a 2025 actual it does not have) */
	assert_int_equal(pb_store_keyproj_load(&d, st, 2026, NULL, 0), 0);
	assert_true(d.items[0].p.before == 700);
	assert_true(d.items[0].p.month[0] == 70);
	assert_true(isnan(d.items[0].p.plan));
	assert_true(d.items[1].p.before == 31000);
	pb_keyproj_data_free(&d);

	assert_int_equal(pb_store_keyproj_load(&d, st, 1800, NULL, 0), PB_EINVAL);
	assert_int_equal(d.n, 0);
	pb_store_close(st);
}

static void test_scope(void **state)
{
	(void)state;
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, PB_STORE_READONLY), 0);
	pb_keyproj_data d;
	const int64_t one[] = { 1 }, both[] = { 1, 2 };
	assert_int_equal(pb_store_keyproj_load(&d, st, 2025, one, 1), 0);
	assert_int_equal(d.n, 2); /* A and D; C (no park) is the zone's */
	assert_string_equal(d.items[0].name, "A");
	assert_string_equal(d.items[1].name, "D");
	assert_true(d.items[0].p.month[2] == 500);
	pb_keyproj_data_free(&d);
	assert_int_equal(pb_store_keyproj_load(&d, st, 2025, both, 2), 0);
	assert_int_equal(d.n, 3);
	assert_true(d.items[1].p.month[0] == 1000); /* B's months came with it */
	pb_keyproj_data_free(&d);
	int latest;
	assert_int_equal(pb_store_keyproj_latest(&latest, st, NULL, 0), 0);
	assert_int_equal(latest, 202601);
	const int64_t two[] = { 2 };
	assert_int_equal(pb_store_keyproj_latest(&latest, st, two, 1), 0);
	assert_int_equal(latest, 202501);
	pb_store_close(st);
}

static void test_detail_and_record(void **state)
{
	(void)state;
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	pb_keyproj_detail d;
	assert_int_equal(pb_store_keyproj_detail(&d, st, 2), 0);
	assert_string_equal(d.kp.name, "B");
	assert_string_equal(d.park, "乙");
	assert_int_equal(d.nyears, 3);
	assert_int_equal(d.years[0].year, 2023);
	assert_true(d.years[1].actual == 14000);
	assert_int_equal(d.nmonths, 3);
	assert_int_equal(d.months[0].month, 202411);
	pb_keyproj_detail_free(&d);
	assert_int_equal(pb_store_keyproj_detail(&d, st, 99), PB_ENOTFOUND);
	pb_keyproj_detail_free(&d);

	double prev;
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202506, 450, "更正", "ana"), 0);
	assert_true(prev == 200);
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202507, 10, NULL, "ana"), 0);
	assert_true(isnan(prev));
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 99, 202507, 10, NULL, "ana"),
			 PB_ENOTFOUND);
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202513, 10, NULL, "ana"), PB_EINVAL);
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202507, -1, NULL, "ana"), PB_EINVAL);
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202507, NAN, NULL, "ana"), PB_EINVAL);
	assert_int_equal(pb_store_keyproj_month_put(&prev, st, 1, 202507, 1, NULL, ""), PB_EINVAL);
	pb_keyproj_data k;
	assert_int_equal(pb_store_keyproj_load(&k, st, 2025, NULL, 0), 0);
	assert_true(k.items[0].p.month[5] == 450 && k.items[0].p.month[6] == 10);
	pb_keyproj_data_free(&k);
	pb_store_close(st);
	/* two audit rows, the first with the figure it replaced; a refused one left none */
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM audit_log"
				     " WHERE action = 'key_project.month'"), 2);
	char detail[200];
	test_db_text(dbpath, "SELECT detail FROM audit_log WHERE action = 'key_project.month'"
		     " ORDER BY id LIMIT 1", detail, sizeof(detail));
	assert_string_equal(detail, "{\"month\":\"2025-06\",\"completed\":450,\"previous\":200}");
	assert_int_equal(test_db_int(dbpath, "SELECT count(*) FROM key_project_months"
				     " WHERE key_project_id = 1 AND month = 202506 AND note = '更正'"
				     " AND import_id IS NULL"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_year),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_detail_and_record),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
