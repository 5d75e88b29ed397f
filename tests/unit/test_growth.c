/* test_growth.c - 同比 and 年均增长, with figures worked by hand (the same-sample pairs
 * they divide are tested in test_analysis.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "growth.h"

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

static void test_growth(void **state)
{
	(void)state;
	/* 210 against 170: 210 / 170 - 1 = 0.2352941176... */
	assert_true(fabs(pb_growth_pct(210, 170) - 23.529411764705884) < 1e-9);
	assert_true(fabs(pb_growth_pct(85, 100) + 15) < 1e-12);
	assert_true(isnan(pb_growth_pct(0, 0)));
	assert_true(isnan(pb_growth_pct(10, -5)));
	assert_true(isnan(pb_growth_pct(NAN, 5)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cagr),
		cmocka_unit_test(test_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
