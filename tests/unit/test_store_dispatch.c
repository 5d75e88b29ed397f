/* test_store_dispatch.c - the dispatch's loaders (src/store/store_dispatch.h) on a scratch
 * database written by hand in SQL: the park scope of each, the targets' levels, the
 * activities' period, the parks' same-sample output, the enterprises' window sums. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "store_dispatch.h"
#include "test_db.h"

static char path[256];
static pb_store *st;

static int setup(void **state)
{
	(void)state;
	test_db_name(path, sizeof(path), "store_dispatch");
	test_db_remove(path);
	assert_int_equal(pb_store_open(&st, path, 0), 0);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	const char *sql =
		"INSERT INTO parks (id, name) VALUES (1, '甲'), (2, '乙');"
		"INSERT INTO projects (id, name, park_id, team) VALUES (1, 'A', 1, '一组'), (2, 'B', 2, '二组');"
		"INSERT INTO pipeline_targets (year, level, scope, signed_count, signed_value) VALUES"
		" (2025, '全区', '全区', 4, 100), (2025, '园区', '甲', 2, NULL), (2025, '园区', '乙', 2, 50),"
		" (2025, '团队', '一组', 1, 10), (2025, '团队', '二组', 1, 20), (2024, '园区', '甲', 9, 9);"
		"INSERT INTO activities (date, kind, title, park_id) VALUES (20250302, '外出拜访', 'a', 1),"
		" (20250310, '新闻宣传', 'b', 2), (20250401, '企业到访', 'c', 1);"
		"INSERT INTO enterprises (id, uscc, name, industry, sector, tier, park_id) VALUES"
		" (1, '91500108314159014J', 'E1', 'C3922', 's', 2, 1), (2, '91500108314159022D', 'E2', 'C3670', 's', 2, 1),"
		" (3, '91350200776049653A', 'E3', 'C3670', 's', 2, 2);"
		/* E1: 1100 against its own 1000 a year before; E2 reported March only, no base:
		 * out of the sample; E3: 900 against its 上年同期 1000 */
		"INSERT INTO monthly_reports (enterprise_id, month, gross_output, tax) VALUES"
		" (1, 202403, 1000, 1), (1, 202503, 1100, 2), (1, 202504, 50, 3), (2, 202503, 500, NULL);"
		"INSERT INTO monthly_reports (enterprise_id, month, gross_output, gross_output_prev) VALUES"
		" (3, 202503, 900, 1000);";
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pb_store_close(st);
	test_db_remove(path);
	return 0;
}

static void test_parks(void **state)
{
	(void)state;
	pb_disp_parks p;
	assert_int_equal(pb_store_disp_parks(&p, st, NULL, 0), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.name[1], "乙");
	pb_disp_parks_free(&p);
	int64_t two = 2;
	assert_int_equal(pb_store_disp_parks(&p, st, &two, 1), 0);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.id[0], 2);
	pb_disp_parks_free(&p);
}

static void test_targets(void **state)
{
	(void)state;
	pb_disp_target *t;
	size_t n;
	assert_int_equal(pb_store_disp_targets(&t, &n, st, 2025, NULL, 0), 0);
	/* by level (全区, 园区, 团队) then scope */
	assert_int_equal(n, 5);
	assert_int_equal(t[0].level, PB_TL_ZONE);
	assert_int_equal(t[1].level, PB_TL_PARK);
	assert_string_equal(t[1].scope, "乙");
	assert_true(t[1].value[PB_DT_SIGNED_VALUE] == 50);
	assert_true(isnan(t[2].value[PB_DT_SIGNED_VALUE])); /* 甲: none */
	assert_true(isnan(t[2].value[PB_DT_FUNDS]));
	assert_int_equal(t[4].level, PB_TL_TEAM);
	pb_disp_targets_free(t, n);
	/* park 1's scope: its own park's row and 一组's (A is in it), not 全区 */
	int64_t one = 1;
	assert_int_equal(pb_store_disp_targets(&t, &n, st, 2025, &one, 1), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].scope, "甲");
	assert_string_equal(t[1].scope, "一组");
	pb_disp_targets_free(t, n);
}

static void test_activities(void **state)
{
	(void)state;
	pb_disp_activity_row *a;
	size_t n;
	assert_int_equal(pb_store_disp_activities(&a, &n, st, 20250301, 20250331, NULL, 0), 0);
	assert_int_equal(n, 2);
	assert_int_equal(a[0].kind, PB_ACT_VISIT_OUT);
	assert_int_equal(a[1].kind, PB_ACT_PUBLICITY);
	assert_int_equal(a[1].park_id, 2);
	pb_disp_activities_free(a, n);
	int64_t one = 1;
	assert_int_equal(pb_store_disp_activities(&a, &n, st, 20250301, 20250430, &one, 1), 0);
	assert_int_equal(n, 2);
	assert_int_equal(a[1].date, 20250401);
	pb_disp_activities_free(a, n);
}

static void test_output(void **state)
{
	(void)state;
	int64_t ids[] = { 1, 2, 9 };
	double cur[3], prev[3];
	assert_int_equal(pb_store_disp_output(cur, prev, st, ids, 3, 202503), 0);
	assert_true(cur[0] == 1100 && prev[0] == 1000); /* E2 has no base */
	assert_true(cur[1] == 900 && prev[1] == 1000);
	assert_true(isnan(cur[2]) && isnan(prev[2]));
	int64_t ent[] = { 1, 3, 7 };
	double out[3], tax[3];
	assert_int_equal(pb_store_disp_ent_sums(out, tax, st, ent, 3, 202404, 202503), 0);
	assert_true(out[0] == 1100 && tax[0] == 2);
	assert_true(out[1] == 900 && tax[1] == 0);
	assert_true(out[2] == 0 && tax[2] == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parks),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_activities),
		cmocka_unit_test(test_output),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
