/* test_summary.c - headline figures and same-sample 同比, with figures worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "summary.h"

static pb_monthly rep(int64_t id, int64_t month, double v, double prev)
{
	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.enterprise_id = id;
	m.month = month;
	m.v[PB_M_GROSS_OUTPUT] = v;
	m.prev[PB_M_GROSS_OUTPUT] = prev;
	return m;
}

static void test_same_sample(void **state)
{
	(void)state;
	pb_enterprise e[3];
	memset(e, 0, sizeof(e));
	e[0] = (pb_enterprise){ .id = 1, .tier = PB_TIER_LEADING, .sector = "电子信息" };
	e[1] = (pb_enterprise){ .id = 2, .tier = PB_TIER_GROWTH, .sector = "装备制造" };
	e[2] = (pb_enterprise){ .id = 3, .tier = PB_TIER_GROWTH, .sector = "电子信息" };
	/* enterprise 1: reported its own base (120 for 2024-02 stands, though its 2023-02
	 * row says 90: the reported 上年同期 wins, as the statistics bureau does);
	 * enterprise 2: no reported base, its own row twelve months earlier is the base;
	 * enterprise 3: new this year, no base at all -> left out of growth. */
	pb_monthly r[] = {
		rep(1, 202302, 90, PB_MISSING),
		rep(1, 202401, 100, 80),
		rep(1, 202402, 150, 120),
		rep(2, 202301, 40, PB_MISSING),
		rep(2, 202302, 50, PB_MISSING),
		rep(2, 202401, 44, PB_MISSING),
		rep(2, 202402, 60, PB_MISSING),
		rep(3, 202402, 10, PB_MISSING),
	};
	pb_summary s;
	assert_int_equal(pb_summary_compute(&s, e, 3, r, sizeof(r) / sizeof(r[0])), 0);
	assert_int_equal(s.enterprises, 3);
	assert_int_equal(s.by_tier[PB_TIER_LEADING], 1);
	assert_int_equal(s.by_tier[PB_TIER_GROWTH], 2);
	assert_int_equal(s.latest_month, 202402);
	/* month: all reports 150 + 60 + 10 = 220; same sample 150 + 60 = 210 vs 120 + 50 = 170 */
	assert_true(s.month_output == 220);
	assert_true(s.month_cur == 210 && s.month_base == 170);
	assert_int_equal(s.month_left_out, 1);
	/* growth 210 / 170 - 1 = 23.5294...% */
	assert_true(fabs(pb_growth_pct(s.month_cur, s.month_base) - 23.529411764705884) < 1e-9);
	/* 1-2月: all 100+150+44+60+10 = 364; pairs (100,80) (150,120) (44,40) (60,50) */
	assert_true(s.ytd_output == 364);
	assert_true(s.ytd_cur == 354 && s.ytd_base == 290);
	assert_int_equal(s.ytd_left_out, 1);
	/* 龙头 share of the month: 150 / 220 */
	assert_true(fabs(s.leading_share - 150.0 / 220.0) < 1e-12);
	/* sectors, largest first: 电子信息 has two firms, month 150 + 10 = 160 in all but
	 * 150 in the same sample (firm 3 has no base); 装备制造 60 */
	assert_int_equal(s.nsectors, 2);
	assert_string_equal(s.sectors[0].name, "电子信息");
	assert_string_equal(s.sectors[1].name, "装备制造");
	assert_int_equal(s.sectors[0].count, 2);
	assert_true(s.sectors[0].month_output == 150 && s.sectors[0].month_base == 120);
}

static void test_cagr(void **state)
{
	(void)state;
	/* 表2-1: 797.1 -> 1300 亿元 over 2020-2025: ln(1300/797.1) = 0.48914, / 5 = 0.097828,
	 * e^0.097828 = 1.10277: 10.28% a year (the plan rounds it to 10.3%) */
	assert_true(fabs(pb_cagr_pct(797.1, 1300, 5) - 10.277) < 0.001);
	/* doubling in one year is 100% */
	assert_true(fabs(pb_cagr_pct(60, 120, 1) - 100) < 1e-12);
	assert_true(isnan(pb_cagr_pct(0, 5, 5)));
	assert_true(isnan(pb_cagr_pct(5, 10, 0)));
}

static void test_empty(void **state)
{
	(void)state;
	pb_summary s;
	assert_int_equal(pb_summary_compute(&s, NULL, 0, NULL, 0), 0);
	assert_int_equal(s.latest_month, 0);
	assert_true(isnan(pb_growth_pct(0, 0)));
	assert_true(isnan(s.leading_share));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_sample),
		cmocka_unit_test(test_cagr),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
