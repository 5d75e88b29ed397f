/* test_keyproj.c - key projects against the year's plan and its pace, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "error.h"
#include "keyproj.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/*
 * 2025 to June (time 0.5), tolerance 0.05:
 *   K0 续建, plan 1200, 100 a month Jan..Jun: 600, rate 0.5, on pace; 3000 before of a
 *      total 6000: 3600, 0.6
 *   K1 新开工, plan 1000, 200 in March and 200 in May: 400, 0.4 < 0.45: behind by
 *      1000·0.5 − 400 = 100; planned to start 2025-03, started 2025-05: not late now
 *   K2 技改, plan 800, nothing filed; planned start 2025-04, not started: behind by 400,
 *      late; planned finish 2025-05, not finished: overdue
 *   K3 前期策划, plan 500, nothing: never behind for investment
 *   K4 续建, no plan: no rate, not behind
 */
static void test_progress(void **state)
{
	(void)state;
	pb_keyproj p[5];
	memset(p, 0, sizeof(p));
	for (int i = 0; i < 5; i++)
		for (int k = 0; k < 12; k++)
			p[i].month[k] = NAN;
	p[0] = (pb_keyproj){ .nature = PB_KN_CONTINUING, .total = 6000, .plan = 1200, .before = 3000 };
	for (int k = 0; k < 12; k++)
		p[0].month[k] = k < 6 ? 100 : NAN;
	p[0].month[8] = 999; /* September: after the month asked, not counted */
	p[1].nature = PB_KN_NEW, p[1].total = NAN, p[1].plan = 1000, p[1].before = NAN;
	p[1].month[2] = 200, p[1].month[4] = 200;
	p[1].plan_start = 202503, p[1].started = 202505;
	p[2].nature = PB_KN_RENOVATION, p[2].total = 800, p[2].plan = 800;
	p[2].plan_start = 202504, p[2].plan_finish = 202505;
	p[3].nature = PB_KN_PREPARATION, p[3].plan = 500, p[3].total = NAN;
	p[4].nature = PB_KN_CONTINUING, p[4].plan = NAN, p[4].total = NAN;
	p[4].month[0] = 50;

	pb_keyproj_progress r[5];
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 6, 0.05), 0);
	near(r[0].completed, 600);
	near(r[0].rate, 0.5);
	assert_int_equal(r[0].behind, 0);
	near(r[0].cumulative, 3600);
	near(r[0].total_rate, 0.6);
	near(r[1].completed, 400);
	near(r[1].rate, 0.4);
	assert_int_equal(r[1].behind, 1);
	near(r[1].lag, 100);
	assert_int_equal(r[1].late_start, 0);
	assert_true(isnan(r[1].total_rate));
	near(r[2].completed, 0);
	assert_int_equal(r[2].behind, 1);
	near(r[2].lag, 400);
	assert_int_equal(r[2].late_start, 1);
	assert_int_equal(r[2].overdue, 1);
	near(r[2].total_rate, 0);
	assert_int_equal(r[3].behind, 0);
	near(r[3].rate, 0);
	assert_true(isnan(r[4].rate));
	assert_int_equal(r[4].behind, 0);
	near(r[4].completed, 50);

	/* in April K1 had not started although planned for March: late then; no tolerance
	 * makes K0 still on pace (0.3333 = 4/12) */
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 4, 0), 0);
	assert_int_equal(r[1].late_start, 1);
	near(r[0].rate, 400.0 / 1200);
	assert_int_equal(r[0].behind, 0);
	/* K2's finish, planned for May, is not overdue in May itself; nor is its start, planned
	 * for April, late in April */
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 5, 0), 0);
	assert_int_equal(r[2].overdue, 0);
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 4, 0), 0);
	assert_int_equal(r[2].late_start, 0);

	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 13, 0), PB_EINVAL);
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 6, 1), PB_EINVAL);
	p[4].nature = PB_KN_COUNT;
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 6, 0), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "第 5 个"));
}

/*
 * Who is not behind although under the pace (2025 to June, time 0.5, tolerance 0.05; each
 * plan 1200, 200 completed: rate 0.1667 < 0.45):
 *   F0 续建 finished in May: nothing left to push, not behind (its rate stays 0.1667);
 *   F1 新开工 planned to start in September, not started: not behind, not late;
 *   F2 新开工 planned to start "2025" (that December), not started: not behind;
 *   F3 新开工 planned to start in September but started in March: judged, behind by
 *      1200 × 0.5 − 200 = 400;
 *   F4 续建 finishing in July, not finished yet: behind by 400.
 * In December F1 and F2 are judged: rate 0.1667 < 0.95, behind by 1000, and late
 * (F1 from October, F2 only from the next January: not late in December).
 */
static void test_not_behind(void **state)
{
	(void)state;
	pb_keyproj p[5];
	memset(p, 0, sizeof(p));
	for (int i = 0; i < 5; i++) {
		p[i].nature = i == 0 || i == 4 ? PB_KN_CONTINUING : PB_KN_NEW;
		p[i].total = NAN, p[i].plan = 1200, p[i].before = NAN;
		for (int k = 0; k < 12; k++)
			p[i].month[k] = NAN;
		p[i].month[2] = 200;
	}
	p[0].finished = 202505;
	p[1].plan_start = 202509;
	p[2].plan_start = 202512;
	p[3].plan_start = 202509, p[3].started = 202503;
	p[4].plan_finish = 202507;
	pb_keyproj_progress r[5];
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 6, 0.05), 0);
	int want[5] = { 0, 0, 0, 1, 1 };
	for (int i = 0; i < 5; i++) {
		near(r[i].rate, 200.0 / 1200);
		assert_int_equal(r[i].behind, want[i]);
		near(r[i].lag, want[i] ? 400 : 0);
		assert_int_equal(r[i].late_start, 0);
	}
	assert_int_equal(pb_keyproj_progress_of(r, p, 5, 2025, 12, 0.05), 0);
	assert_int_equal(r[0].behind, 0);
	assert_int_equal(r[1].behind, 1);
	near(r[1].lag, 1000);
	assert_int_equal(r[1].late_start, 1);
	assert_int_equal(r[2].behind, 1);
	assert_int_equal(r[2].late_start, 0);
	assert_int_equal(r[4].overdue, 1);
}

static void test_natures(void **state)
{
	(void)state;
	assert_string_equal(pb_keyproj_nature_name(PB_KN_CONTINUING), "续建");
	assert_string_equal(pb_keyproj_nature_name(PB_KN_COUNT), "?");
	assert_int_equal(pb_keyproj_nature_parse("新开工", strlen("新开工")), PB_KN_NEW);
	assert_int_equal(pb_keyproj_nature_parse("技改", strlen("技改")), PB_KN_RENOVATION);
	assert_int_equal(pb_keyproj_nature_parse("前期", strlen("前期")), PB_KN_PREPARATION);
	/* 附件三 writes 策划项目 for the projects in preparation */
	assert_int_equal(pb_keyproj_nature_parse("策划项目", strlen("策划项目")), PB_KN_PREPARATION);
	assert_int_equal(pb_keyproj_nature_parse("改造", strlen("改造")), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_not_behind),
		cmocka_unit_test(test_natures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
