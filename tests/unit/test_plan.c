/* test_plan.c - plan tracking (src/core/plan.c): every formula and every branch, with
 * figures worked by hand (the arithmetic is in the comments; the few logarithms were
 * taken with bc -l, never from this program's output). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "error.h"
#include "plan.h"

#define NEAR(x, want) assert_true(fabs((x) - (want)) < 1e-6)

static pb_indicator ind(int64_t id, const char *unit, const char *attr, int64_t by, double bv,
			int64_t ty, double tv)
{
	pb_indicator i;
	pb_record_clear(pb_entity_get(PB_E_INDICATOR), &i);
	i.id = id;
	i.name = "指标";
	i.unit = unit;
	i.attribute = attr;
	i.base_year = by;
	i.base_value = bv;
	i.target_year = ty;
	i.target_value = tv;
	return i;
}

static pb_indicator_actual act(int64_t id, int64_t year, double v)
{
	return (pb_indicator_actual){ .indicator_id = id, .year = year, .value = v };
}

/* One indicator, its actuals, the default thresholds. */
static pb_plan_row one(const pb_indicator *i, const pb_indicator_actual *a, size_t na,
		       int64_t as_of)
{
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 1, a, na, as_of, NULL), 0);
	assert_int_equal(r.nrows, 1);
	pb_plan_row w = r.rows[0];
	pb_plan_result_free(&r);
	return w;
}

/* 100 -> 144 亿元 over 2020-2022 is 20% a year (1.2 x 1.2 = 1.44); after one year the
 * course stands at 100 x 1.44^(1/2) = 120 and 时序进度 at 1/2. */
static void test_compound_on_course(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "亿元", "预期性", 2020, 100, 2022, 144);
	pb_indicator_actual a[] = { act(1, 2021, 120) };
	pb_plan_row w = one(&i, a, 1, PB_INT_MISSING);
	assert_int_equal(w.method, PB_PLAN_COMPOUND);
	assert_int_equal(w.dir, PB_PLAN_UP);
	assert_int_equal(w.latest_year, 2021);
	NEAR(w.planned_growth, 20);
	NEAR(w.time_share, 50);
	NEAR(w.achieved_growth, 20);       /* 120 / 100 - 1 */
	NEAR(w.required_growth, 20);       /* 144 / 120 - 1 */
	NEAR(w.projected, 144);            /* 120 x 1.2 */
	NEAR(w.path_value, 120);
	NEAR(w.shortfall, 0);              /* exactly on course, within float noise */
	assert_int_equal(w.status, PB_PLAN_ON_COURSE);
	assert_true(isnan(w.progress) && isnan(w.achieved_per_year));
	assert_int_equal(w.flags, 0);
}

/* The same plan, 119.5 after one year: 19.5% achieved, 0.5 points short (within the
 * default 1): at risk. Still needed: 144 / 119.5 = 1.2050209205 -> 20.50209205%;
 * projected 119.5 x 1.195 = 142.8025. */
static void test_compound_at_risk(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "亿元", "预期性", 2020, 100, 2022, 144);
	pb_indicator_actual a[] = { act(1, 2021, 119.5) };
	pb_plan_row w = one(&i, a, 1, PB_INT_MISSING);
	NEAR(w.achieved_growth, 19.5);
	NEAR(w.shortfall, 0.5);
	NEAR(w.required_growth, 20.50209205);
	NEAR(w.projected, 142.8025);
	assert_int_equal(w.status, PB_PLAN_AT_RISK);
}

/* 110 after one year: 10% against 20%, 10 points short: off course. Needed 144 / 110 - 1
 * = 30.9090...%; projected 110 x 1.1 = 121. With a tolerance of 10 points the same
 * shortfall is at risk: the band includes its bound. */
static void test_compound_off_course(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "亿元", "预期性", 2020, 100, 2022, 144);
	pb_indicator_actual a[] = { act(1, 2021, 110) };
	pb_plan_row w = one(&i, a, 1, PB_INT_MISSING);
	NEAR(w.achieved_growth, 10);
	NEAR(w.shortfall, 10);
	NEAR(w.required_growth, 3400.0 / 110);
	NEAR(w.projected, 121);
	assert_int_equal(w.status, PB_PLAN_OFF_COURSE);

	pb_plan_config c;
	pb_plan_config_default(&c);
	c.growth_tolerance = 10;
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 1, PB_INT_MISSING, &c), 0);
	assert_int_equal(r.rows[0].status, PB_PLAN_AT_RISK);
	pb_plan_result_free(&r);
}

/* 表2-1's 规模工业总产值 797.1 -> 1300 亿元 2020-2025 with the demo's 2023 figure 1023.71:
 *   planned   (1300 / 797.1)^(1/5) - 1: ln 1.630912056 = 0.489139402, / 5, e^ - 1 = 10.277296%
 *   achieved  (1023.71 / 797.1)^(1/3) - 1: ln 1.284293062 = 0.250208421, / 3 -> 8.697956%
 *   required  (1300 / 1023.71)^(1/2) - 1 = 12.689435%
 *   projected 1023.71 x e^(2 x 0.250208421 / 3) = 1209.538519
 *   course    797.1 x e^(0.6 x 0.489139402) = 1068.983828 (时序进度 3/5 = 60%)
 *   shortfall 10.277296 - 8.697956 = 1.579340 points > 1: off course. */
static void test_compound_plan_figures(void **state)
{
	(void)state;
	pb_indicator i = ind(2, "亿元", "预期性", 2020, 797.1, 2025, 1300);
	i.growth = 10.3;
	pb_indicator_actual a[] = { act(2, 2021, 895.84), act(2, 2023, 1023.71),
				    act(2, 2022, 941.22) };
	pb_plan_row w = one(&i, a, 3, PB_INT_MISSING);
	assert_int_equal(w.latest_year, 2023);
	NEAR(w.planned_growth, 10.277295994);
	NEAR(w.achieved_growth, 8.697956333);
	NEAR(w.required_growth, 12.689435488);
	NEAR(w.projected, 1209.538518675);
	NEAR(w.path_value, 1068.983827882);
	NEAR(w.time_share, 60);
	NEAR(w.shortfall, 1.579339661);
	assert_int_equal(w.status, PB_PLAN_OFF_COURSE);
	assert_int_equal(w.flags, 0); /* 10.3 stated vs 10.28 implied: rounding, not flagged */
}

/* Energy per output 100 -> 81 over 2020-2022: -10% a year (0.9 x 0.9 = 0.81); lower
 * is better. After one year: 88 is -12% (2 points ahead), 90.5 is -9.5% (0.5 behind:
 * at risk), 92 is -8% (2 behind: off course), 80 is below the target (done early). */
static void test_lower_is_better(void **state)
{
	(void)state;
	pb_indicator i[4];
	pb_indicator_actual a[4];
	double v[] = { 88, 90.5, 92, 80 };
	for (int k = 0; k < 4; k++) {
		i[k] = ind(k + 1, "吨标准煤/万元", "预期性", 2020, 100, 2022, 81);
		a[k] = act(k + 1, 2021, v[k]);
	}
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 4, a, 4, PB_INT_MISSING, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].dir, PB_PLAN_DOWN);
	NEAR(w[0].planned_growth, -10);
	NEAR(w[0].achieved_growth, -12);
	NEAR(w[0].shortfall, -2);             /* (-10 - -12) x -1 */
	NEAR(w[0].required_growth, -700.0 / 88); /* 81 / 88 - 1 = -7.9545...% */
	NEAR(w[0].projected, 77.44);          /* 88 x 0.88 */
	NEAR(w[0].path_value, 90);            /* 100 x 0.81^(1/2) */
	assert_int_equal(w[0].status, PB_PLAN_ON_COURSE);
	NEAR(w[1].shortfall, 0.5);
	assert_int_equal(w[1].status, PB_PLAN_AT_RISK);
	NEAR(w[2].shortfall, 2);
	assert_int_equal(w[2].status, PB_PLAN_OFF_COURSE);
	assert_int_equal(w[3].status, PB_PLAN_DONE);
	assert_true(w[3].flags & PB_PLAN_F_EARLY);
	assert_true(isnan(w[3].required_growth));
	assert_int_equal(r.count[PB_PLAN_ON_COURSE], 1);
	assert_int_equal(r.count[PB_PLAN_AT_RISK], 1);
	assert_int_equal(r.count[PB_PLAN_OFF_COURSE], 1);
	assert_int_equal(r.count[PB_PLAN_DONE], 1);
	pb_plan_result_free(&r);
}

/* 累计值 counts by linear progress, 2020-2025, assessed in 2023 (时序进度 3/5 = 60%):
 *   国家级研发机构数 5 -> 8, 7 in 2023: 完成进度 2/3 = 66.667% >= 60: on course;
 *     +2/3 a year so far, (8 - 7) / 2 = 0.5 a year needed, projected 5 + 5 x 2/3 = 8.3333,
 *     due on course 5 + 0.6 x 3 = 6.8;
 *   0 -> 20, 11 in 2023: 55%, 5 points behind: at risk (the band includes 5);
 *   市级研发机构数 57 -> 115, 80 in 2023: 23 / 58 = 39.655%: off course. */
static void test_linear_cumulative(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "个", "累计值", 2020, 5, 2025, 8),
			     ind(2, "个", "累计值", 2020, 0, 2025, 20),
			     ind(3, "个", "累计值", 2020, 57, 2025, 115) };
	pb_indicator_actual a[] = { act(1, 2023, 7), act(2, 2023, 11), act(3, 2023, 80) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 3, a, 3, PB_INT_MISSING, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].method, PB_PLAN_LINEAR);
	NEAR(w[0].time_share, 60);
	NEAR(w[0].progress, 200.0 / 3);
	NEAR(w[0].shortfall, 60 - 200.0 / 3);
	NEAR(w[0].achieved_per_year, 2.0 / 3);
	NEAR(w[0].required_per_year, 0.5);
	NEAR(w[0].projected, 5 + 10.0 / 3);
	NEAR(w[0].path_value, 6.8);
	assert_true(isnan(w[0].achieved_growth) && isnan(w[0].required_growth));
	assert_int_equal(w[0].status, PB_PLAN_ON_COURSE);
	NEAR(w[1].progress, 55);
	assert_int_equal(w[1].status, PB_PLAN_AT_RISK);
	assert_int_equal(w[1].flags, 0); /* base 0 is no fallback: linear by its kind */
	NEAR(w[2].progress, 2300.0 / 58);
	assert_int_equal(w[2].status, PB_PLAN_OFF_COURSE);
	pb_plan_result_free(&r);
}

/* Shares in % by linear progress:
 *   40% -> 45% (2020-2025), 43.5% in 2023: 3.5 / 5 = 70% >= 60: on course; +3.5/3 points a
 *     year, projected 40 + 5 x 3.5/3 = 45.8333, (45 - 43.5) / 2 = 0.75 a year needed;
 *   94% -> 98%, only 97% in 2021 (the other row makes 2023 the year assessed, so this one
 *     is stale): 时序进度 1/5 = 20%, 完成进度 3/4 = 75%; its pace of 3 points a year would
 *     make 94 + 15 = 109%, held to 100. */
static void test_linear_percent(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "%", "预期性", 2020, 40, 2025, 45),
			     ind(2, "%", "预期性", 2020, 94, 2025, 98) };
	pb_indicator_actual a[] = { act(1, 2023, 43.5), act(2, 2021, 97) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 2, a, 2, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.as_of, 2023);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].method, PB_PLAN_LINEAR);
	NEAR(w[0].progress, 70);
	NEAR(w[0].achieved_per_year, 3.5 / 3);
	NEAR(w[0].projected, 40 + 17.5 / 3);
	NEAR(w[0].required_per_year, 0.75);
	assert_int_equal(w[0].status, PB_PLAN_ON_COURSE);
	assert_int_equal(w[0].flags, 0);
	NEAR(w[1].time_share, 20);
	NEAR(w[1].progress, 75);
	NEAR(w[1].projected, 100);
	assert_int_equal(w[1].flags, PB_PLAN_F_STALE | PB_PLAN_F_CAPPED);
	assert_int_equal(w[1].status, PB_PLAN_ON_COURSE);
	pb_plan_result_free(&r);
}

/* 一般工业固体废弃物综合利用率 86% -> 91%, 约束性: 88.8% in 2023 is 2.8 / 5 = 56%, 4 points
 * behind 60%. Expected (预期性) that is at risk; binding, off course - unless the
 * config gives binding indicators the band too. 89.5% (70%) is on course either way. */
static void test_binding(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "%", "约束性", 2020, 86, 2025, 91),
			     ind(2, "%", "预期性", 2020, 86, 2025, 91),
			     ind(3, "%", "约束性", 2020, 86, 2025, 91) };
	pb_indicator_actual a[] = { act(1, 2023, 88.8), act(2, 2023, 88.8), act(3, 2023, 89.5) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 3, a, 3, PB_INT_MISSING, NULL), 0);
	assert_true(r.rows[0].binding && !r.rows[1].binding);
	NEAR(r.rows[0].shortfall, 4);
	assert_int_equal(r.rows[0].status, PB_PLAN_OFF_COURSE);
	assert_int_equal(r.rows[1].status, PB_PLAN_AT_RISK);
	NEAR(r.rows[2].progress, 70);
	assert_int_equal(r.rows[2].status, PB_PLAN_ON_COURSE);
	pb_plan_result_free(&r);

	pb_plan_config c;
	pb_plan_config_default(&c);
	c.binding_strict = 0;
	assert_int_equal(pb_plan_compute(&r, i, 3, a, 3, PB_INT_MISSING, &c), 0);
	assert_int_equal(r.rows[0].status, PB_PLAN_AT_RISK);
	pb_plan_result_free(&r);
}

/* R&D 强度 3% -> 3% (maintain), assessed 2023: 3.1 holds (shortfall (3 - 3.1) / 3 =
 * -3.33%); 2.9 is 3.33% of the target below (at risk, within 5); 2.7 is 10% below (off
 * course); 2.9 under 约束性 is off course. 2.9's drift is (2.9 - 3) / 3 = -0.0333 a year,
 * projected 3 - 5 x 0.0333 = 2.8333. Holding 3.0 in the target year is done (not early). */
static void test_maintain(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "%", "预期性", 2020, 3, 2025, 3),
			     ind(2, "%", "预期性", 2020, 3, 2025, 3),
			     ind(3, "%", "预期性", 2020, 3, 2025, 3),
			     ind(4, "%", "约束性", 2020, 3, 2025, 3) };
	pb_indicator_actual a[] = { act(1, 2023, 3.1), act(2, 2023, 2.9), act(3, 2023, 2.7),
				    act(4, 2023, 2.9) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 4, a, 4, PB_INT_MISSING, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].method, PB_PLAN_MAINTAIN);
	assert_int_equal(w[0].dir, PB_PLAN_HOLD);
	NEAR(w[0].shortfall, -10.0 / 3);
	assert_int_equal(w[0].status, PB_PLAN_ON_COURSE);
	NEAR(w[1].shortfall, 10.0 / 3);
	NEAR(w[1].achieved_per_year, -0.1 / 3);
	NEAR(w[1].projected, 3 - 0.5 / 3);
	NEAR(w[1].path_value, 3);
	assert_true(isnan(w[1].progress) && isnan(w[1].required_per_year));
	assert_int_equal(w[1].status, PB_PLAN_AT_RISK);
	NEAR(w[2].shortfall, 10);
	assert_int_equal(w[2].status, PB_PLAN_OFF_COURSE);
	assert_int_equal(w[3].status, PB_PLAN_OFF_COURSE);
	pb_plan_result_free(&r);

	pb_indicator_actual fin[] = { act(1, 2025, 3.0) };
	pb_plan_row d = one(&i[0], fin, 1, PB_INT_MISSING);
	assert_int_equal(d.status, PB_PLAN_DONE);
	assert_int_equal(d.flags, 0);
}

/* Reached before the target year: 150 against 144 after one year of two is done early,
 * nothing more is required; achieved 50%, projected 150 x 1.5 = 225. A share reached
 * (46% against 45%) is done too. */
static void test_already_reached(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "亿元", "预期性", 2020, 100, 2022, 144),
			     ind(2, "%", "预期性", 2020, 40, 2025, 45) };
	pb_indicator_actual a[] = { act(1, 2021, 150), act(2, 2021, 46) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 2, a, 2, PB_INT_MISSING, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].status, PB_PLAN_DONE);
	assert_int_equal(w[0].flags, PB_PLAN_F_EARLY);
	NEAR(w[0].achieved_growth, 50);
	NEAR(w[0].projected, 225);
	assert_true(isnan(w[0].required_growth));
	assert_int_equal(w[1].status, PB_PLAN_DONE);
	assert_true(isnan(w[1].required_per_year));
	NEAR(w[1].progress, 120);
	pb_plan_result_free(&r);
}

/* No actual: no data, with 时序进度 of the year assessed; without any actual at all the
 * year assessed is unknown and 时序进度 is 0. */
static void test_no_actuals(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "亿元", "预期性", 2020, 100, 2025, 200),
			     ind(2, "亿元", "预期性", 2020, 100, 2025, 200) };
	pb_indicator_actual a[] = { act(2, 2023, 150) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 2, a, 1, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.rows[0].status, PB_PLAN_NO_DATA);
	NEAR(r.rows[0].time_share, 60);
	assert_true(isnan(r.rows[0].achieved_growth) && isnan(r.rows[0].projected));
	assert_int_equal(r.count[PB_PLAN_NO_DATA], 1);
	pb_plan_result_free(&r);

	assert_int_equal(pb_plan_compute(&r, i, 2, NULL, 0, PB_INT_MISSING, NULL), 0);
	assert_true(r.as_of == PB_INT_MISSING);
	assert_int_equal(r.count[PB_PLAN_NO_DATA], 2);
	NEAR(r.rows[1].time_share, 0);
	pb_plan_result_free(&r);

	assert_int_equal(pb_plan_compute(&r, NULL, 0, NULL, 0, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.nrows, 0);
	pb_plan_result_free(&r);
}

/* No compound rate from a base of 0 (新增绿色产品认定数量 0 -> 2 件) or to a loss (利润
 * 10 -> 20 with -5 in 2022): both fall back to linear progress and say so.
 *   0 -> 2, 1 in 2023: 50% against 60%, 10 behind: off course;
 *   10 -> 20, -5 in 2022: (-5 - 10) / 10 = -150% against 40%: off course. */
static void test_non_positive(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "件", "预期性", 2020, 0, 2025, 2),
			     ind(2, "亿元", "预期性", 2020, 10, 2025, 20) };
	i[0].growth = 15; /* no implied rate to check it against: not flagged */
	pb_indicator_actual a[] = { act(1, 2023, 1), act(2, 2022, -5) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 2, a, 2, 2023, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(w[0].method, PB_PLAN_LINEAR);
	assert_int_equal(w[0].flags, PB_PLAN_F_LINEAR_FALLBACK);
	assert_true(isnan(w[0].planned_growth) && isnan(w[0].achieved_growth));
	NEAR(w[0].progress, 50);
	NEAR(w[0].shortfall, 10);
	assert_int_equal(w[0].status, PB_PLAN_OFF_COURSE);
	assert_int_equal(w[1].method, PB_PLAN_LINEAR);
	assert_true(w[1].flags & PB_PLAN_F_LINEAR_FALLBACK);
	assert_true(w[1].flags & PB_PLAN_F_STALE);
	NEAR(w[1].progress, -150);
	assert_int_equal(w[1].status, PB_PLAN_OFF_COURSE);
	pb_plan_result_free(&r);
}

/* Which actuals count: 0 -> 50 (累计值, 2020-2025) with 10 a year 2021-2025, plus one
 * for 2019 (before the base), one for 2020 (the base year: the plan's base stands) and
 * one for 2026 (after the target year).
 *   as of 2022: 20, 40% against 40%: on course (2026 is after the year assessed: no flag);
 *   as of 2020: nothing after the base: no data, 时序进度 0;
 *   as of 2030: the target year's 50: done, not early; 2026 is not used, and said so;
 *   by default: the latest year with an actual, 2026; the same as 2030. */
static void test_years(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "个", "累计值", 2020, 0, 2025, 50);
	pb_indicator_actual a[] = { act(1, 2019, 5),  act(1, 2020, 999), act(1, 2021, 10),
				    act(1, 2022, 20), act(1, 2023, 30),  act(1, 2024, 40),
				    act(1, 2025, 50), act(1, 2026, 60) };
	size_t n = sizeof(a) / sizeof(a[0]);
	pb_plan_row w = one(&i, a, n, 2022);
	assert_int_equal(w.latest_year, 2022);
	NEAR(w.progress, 40);
	assert_int_equal(w.status, PB_PLAN_ON_COURSE);
	assert_int_equal(w.flags, 0);

	w = one(&i, a, n, 2020);
	assert_int_equal(w.status, PB_PLAN_NO_DATA);
	NEAR(w.time_share, 0);

	w = one(&i, a, n, 2030);
	assert_int_equal(w.latest_year, 2025);
	assert_int_equal(w.status, PB_PLAN_DONE);
	assert_int_equal(w.flags, PB_PLAN_F_AFTER_TARGET);
	NEAR(w.time_share, 100);

	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, n, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.as_of, 2026);
	assert_int_equal(r.rows[0].latest_year, 2025);
	assert_int_equal(r.rows[0].flags, PB_PLAN_F_AFTER_TARGET);
	pb_plan_result_free(&r);
}

/* The target year has passed.
 *   Assessed in 2024 with only 2021's 110 (100 -> 144, 2020-2022): measured at 2021
 *     (时序进度 50%), stale; the year still left from there needs 144 / 110 - 1 = 30.9%;
 *   the target year's own 130: 1.3^(1/2) - 1 = 14.017543% (bc), 5.982457 points short:
 *     off course; nothing left to require; 时序进度 100%, projected = the actual. */
static void test_target_year_passed(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "亿元", "预期性", 2020, 100, 2022, 144);
	pb_indicator_actual a[] = { act(1, 2021, 110) };
	pb_plan_row w = one(&i, a, 1, 2024);
	assert_int_equal(w.latest_year, 2021);
	assert_int_equal(w.flags, PB_PLAN_F_STALE);
	NEAR(w.time_share, 50);
	NEAR(w.required_growth, 3400.0 / 110);
	assert_int_equal(w.status, PB_PLAN_OFF_COURSE);

	pb_indicator_actual b[] = { act(1, 2021, 110), act(1, 2022, 130) };
	w = one(&i, b, 2, 2024);
	assert_int_equal(w.latest_year, 2022);
	assert_int_equal(w.flags, 0);
	NEAR(w.achieved_growth, 14.017542510);
	NEAR(w.shortfall, 20 - 14.017542510);
	assert_true(isnan(w.required_growth));
	NEAR(w.projected, 130);
	NEAR(w.time_share, 100);
	assert_int_equal(w.status, PB_PLAN_OFF_COURSE);
}

/* Incomplete plan figures cannot be assessed; the latest actual is still reported. */
static void test_incomplete(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "亿元", "预期性", 2020, NAN, 2025, 200),
			     ind(2, "亿元", "预期性", 2020, 100, 2025, NAN),
			     ind(3, "亿元", "预期性", PB_INT_MISSING, 100, 2025, 200),
			     ind(4, "亿元", "预期性", 2025, 100, 2025, 200),
			     ind(5, "亿元", "预期性", 2020, 100, PB_INT_MISSING, 200) };
	pb_indicator_actual a[] = { act(3, 2023, 150) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 5, a, 1, PB_INT_MISSING, NULL), 0);
	for (size_t k = 0; k < 5; k++) {
		assert_int_equal(r.rows[k].method, PB_PLAN_NONE);
		assert_int_equal(r.rows[k].status, PB_PLAN_UNASSESSABLE);
		assert_true(isnan(r.rows[k].time_share));
	}
	assert_int_equal(r.rows[2].latest_year, 2023);
	assert_int_equal(r.count[PB_PLAN_UNASSESSABLE], 5);
	pb_plan_result_free(&r);
}

/* The stated rate is checked, not used, and allowed its own rounding: 3 -> 5 in five
 * years implies (5/3)^(1/5) - 1 = 10.756634% (bc), so 表2-1's "30%" is flagged; "10.3%"
 * for 797.1 -> 1300 (10.277%) is within 0.05 of it and "15%" for 57 -> 115 (15.070658%,
 * (115/57)^(1/5) - 1 by bc) within 0.5: rounding. Stated as "15.5%", 57 -> 115 is off by
 * 0.43 > 0.05 - unless the config allows 0.4 more points (0.43 <= 0.45). */
static void test_stated_growth(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "家", "累计值", 2020, 3, 2025, 5),
			     ind(2, "亿元", "预期性", 2020, 797.1, 2025, 1300),
			     ind(3, "个", "累计值", 2020, 57, 2025, 115),
			     ind(4, "个", "累计值", 2020, 57, 2025, 115) };
	i[0].growth = 30;
	i[1].growth = 10.3;
	i[2].growth = 15;
	i[3].growth = 15.5;
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 4, NULL, 0, 2023, NULL), 0);
	NEAR(r.rows[0].planned_growth, 10.756634325);
	assert_int_equal(r.rows[0].flags, PB_PLAN_F_STATED_MISMATCH);
	assert_int_equal(r.rows[1].flags, 0);
	NEAR(r.rows[2].planned_growth, 15.070658117);
	assert_int_equal(r.rows[2].flags, 0);
	assert_int_equal(r.rows[3].flags, PB_PLAN_F_STATED_MISMATCH);
	pb_plan_result_free(&r);

	pb_plan_config c;
	pb_plan_config_default(&c);
	c.stated_growth_tolerance = 0.4;
	assert_int_equal(pb_plan_compute(&r, i, 4, NULL, 0, 2023, &c), 0);
	assert_int_equal(r.rows[3].flags, 0);
	assert_int_equal(r.rows[0].flags, PB_PLAN_F_STATED_MISMATCH);
	pb_plan_result_free(&r);
}

/* Actuals: a NaN value and an unknown indicator are ignored (the default year too
 * ignores them); of two for one year the first counts. */
static void test_actual_rules(void **state)
{
	(void)state;
	pb_indicator i = ind(7, "个", "累计值", 2020, 0, 2025, 10);
	pb_indicator_actual a[] = { act(7, 2022, 4), act(7, 2022, 9), act(7, 2023, NAN),
				    act(8, 2024, 1) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 4, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.as_of, 2022);
	assert_int_equal(r.rows[0].latest_year, 2022);
	NEAR(r.rows[0].latest_value, 4);
	pb_plan_result_free(&r);
}

static void test_config(void **state)
{
	(void)state;
	pb_plan_config c;
	pb_plan_config_default(&c);
	NEAR(c.at_risk_tolerance, 5);
	NEAR(c.growth_tolerance, 1);
	NEAR(c.stated_growth_tolerance, 0);
	assert_int_equal(c.binding_strict, 1);
	assert_int_equal(c.nlinear_units, 1);
	assert_string_equal(c.linear_units[0], "%");
	assert_int_equal(pb_plan_config_check(&c), 0);

	pb_plan_config bad = c;
	bad.at_risk_tolerance = -1;
	assert_int_equal(pb_plan_config_check(&bad), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "plan.at_risk_tolerance"));
	bad = c;
	bad.growth_tolerance = NAN;
	assert_int_equal(pb_plan_config_check(&bad), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "plan.growth_tolerance"));
	bad = c;
	bad.stated_growth_tolerance = 101;
	assert_int_equal(pb_plan_config_check(&bad), PB_EINVAL);
	bad = c;
	bad.nlinear_units = 0;
	assert_int_equal(pb_plan_config_check(&bad), PB_EINVAL);
	bad = c;
	bad.linear_units[0][0] = '\0';
	assert_int_equal(pb_plan_config_check(&bad), PB_EINVAL);

	/* compute refuses a bad config and leaves an empty result */
	pb_indicator i = ind(1, "件", "预期性", 2020, 10, 2025, 20);
	pb_plan_result r;
	bad = c;
	bad.at_risk_tolerance = 200;
	assert_int_equal(pb_plan_compute(&r, &i, 1, NULL, 0, 2023, &bad), PB_EINVAL);
	assert_null(r.rows);

	/* a unit made linear: 10 -> 20 件 with 16 in 2023 is 60% of the way: on course */
	strcpy(c.linear_units[1], "件");
	c.nlinear_units = 2;
	pb_indicator_actual a[] = { act(1, 2023, 16) };
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 1, PB_INT_MISSING, &c), 0);
	assert_int_equal(r.rows[0].method, PB_PLAN_LINEAR);
	NEAR(r.rows[0].progress, 60);
	assert_int_equal(r.rows[0].status, PB_PLAN_ON_COURSE);
	pb_plan_result_free(&r);
	pb_plan_result_free(&r); /* idempotent */
	pb_plan_result_free(NULL);
}

static void test_duplicate_ids(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(3, "亿元", "预期性", 2020, 1, 2025, 2),
			     ind(3, "亿元", "预期性", 2020, 1, 2025, 2) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 2, NULL, 0, 2023, NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "3"));
}

/* ---- the path: planned course and actual, year by year ------------------------ */

/* Assert one point: its year, planned value and actual (NaN: none). */
static void point_is(const pb_plan_point *p, int64_t year, double planned, double actual)
{
	assert_int_equal(p->year, year);
	NEAR(p->planned, planned);
	if (isnan(actual))
		assert_true(isnan(p->actual));
	else
		NEAR(p->actual, actual);
}

/* 工业总产值 817.6 亿元 in 2020 at 10.3% a year: target 817.6 x 1.103^5 in 2025. By hand:
 *   1.103^2 = 1.216609, ^3 = 1.341919727, ^4 = 1.480137458881, ^5 = 1.632591617145743;
 *   x 817.6: 901.8128, 994.6995184, 1097.1535687952, 1210.1603863811, 1334.8069061784.
 * Actuals: 2019 (before the base) and 2020 (the base year: the plan's 817.6 stands) are
 * not in the path; 2021 900; none for 2022; 2023 1100; 2024 twice (the first, 1200,
 * counts); 2025 1300; 2026 after the target year. As of 2024 the 2025 actual is not
 * shown; by default (as of 2026, the latest actual) it is. */
static void test_path_compound(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "亿元", "预期性", 2020, 817.6, 2025, 1334.8069061784);
	pb_indicator_actual a[] = { act(1, 2019, 700),  act(1, 2020, 810),  act(1, 2021, 900),
				    act(1, 2023, 1100), act(1, 2024, 1200), act(1, 2024, 1250),
				    act(1, 2025, 1300), act(1, 2026, 1400) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 8, 2024, NULL), 0);
	const pb_plan_row *w = &r.rows[0];
	NEAR(w->planned_growth, 10.3);
	assert_int_equal(w->npath, 6);
	assert_true(w->path == r.points && r.npoints == 6);
	point_is(&w->path[0], 2020, 817.6, 817.6);
	point_is(&w->path[1], 2021, 901.8128, 900);
	point_is(&w->path[2], 2022, 994.6995184, NAN);
	point_is(&w->path[3], 2023, 1097.1535687952, 1100);
	point_is(&w->path[4], 2024, 1210.1603863811, 1200);
	point_is(&w->path[5], 2025, 1334.8069061784, NAN);
	/* the row's 时序应达值 is the path's value at its latest actual's year */
	NEAR(w->path_value, 1210.1603863811);
	NEAR(pb_plan_planned_value(w, 2022), 994.6995184);
	assert_true(isnan(pb_plan_planned_value(w, 2019)));
	assert_true(isnan(pb_plan_planned_value(w, 2026)));
	pb_plan_result_free(&r);
	assert_null(r.points);
	assert_int_equal(r.npoints, 0);

	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 8, PB_INT_MISSING, NULL), 0);
	point_is(&r.rows[0].path[5], 2025, 1334.8069061784, 1300);
	pb_plan_result_free(&r);
}

/* Lower is better: energy per output 100 -> 81 over 2020-2022 is -10% a year: 100, 90, 81. */
static void test_path_down(void **state)
{
	(void)state;
	pb_indicator i = ind(1, "吨标准煤/万元", "约束性", 2020, 100, 2022, 81);
	pb_indicator_actual a[] = { act(1, 2021, 92) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, &i, 1, a, 1, PB_INT_MISSING, NULL), 0);
	assert_int_equal(r.rows[0].npath, 3);
	point_is(&r.rows[0].path[0], 2020, 100, 100);
	point_is(&r.rows[0].path[1], 2021, 90, 92);
	point_is(&r.rows[0].path[2], 2022, 81, NAN);
	pb_plan_result_free(&r);
}

/* Linear and maintained rows, a fallback, no data and an incomplete row, in one result:
 *   战略新兴 share 40 -> 45% over 2020-2025: +1 point a year: 40, 41, 42, 43, 44, 45;
 *   R&D 强度 3 -> 3% (maintain): 3 every year;
 *   绿色产品 0 -> 2 件 (no compound rate from 0: linear): 0, 0.4, 0.8, 1.2, 1.6, 2;
 *   利润 100 -> 144 over 2020-2022 with a loss of -5 in 2021: linear after the actual is
 *   seen, so the path is linear too: 100, 122, 144 (not the compound 100, 120, 144);
 *   a row without actuals: the path planned, only the base as actual;
 *   a row without a target: no path. Five paths: 6 + 6 + 6 + 3 + 6 = 27 points. */
static void test_path_methods(void **state)
{
	(void)state;
	pb_indicator i[] = { ind(1, "%", "预期性", 2020, 40, 2025, 45),
			     ind(2, "%", "预期性", 2020, 3, 2025, 3),
			     ind(3, "件", "预期性", 2020, 0, 2025, 2),
			     ind(4, "亿元", "预期性", 2020, 100, 2022, 144),
			     ind(5, "亿元", "预期性", 2020, 100, 2025, 200),
			     ind(6, "亿元", "预期性", 2020, 100, 2025, NAN) };
	pb_indicator_actual a[] = { act(1, 2023, 43.5), act(2, 2022, 2.9), act(3, 2023, 1),
				    act(4, 2021, -5), act(6, 2023, 150) };
	pb_plan_result r;
	assert_int_equal(pb_plan_compute(&r, i, 6, a, 5, 2023, NULL), 0);
	const pb_plan_row *w = r.rows;
	assert_int_equal(r.npoints, 27);
	static const double share[] = { 40, 41, 42, 43, 44, 45 };
	for (int k = 0; k < 6; k++)
		point_is(&w[0].path[k], 2020 + k, share[k], k == 0 ? 40 : k == 3 ? 43.5 : NAN);
	for (int k = 0; k < 6; k++)
		point_is(&w[1].path[k], 2020 + k, 3, k == 0 ? 3 : k == 2 ? 2.9 : NAN);
	assert_int_equal(w[2].method, PB_PLAN_LINEAR);
	for (int k = 0; k < 6; k++)
		point_is(&w[2].path[k], 2020 + k, 0.4 * k, k == 0 ? 0 : k == 3 ? 1 : NAN);
	assert_int_equal(w[3].method, PB_PLAN_LINEAR);
	assert_int_equal(w[3].npath, 3);
	point_is(&w[3].path[0], 2020, 100, 100);
	point_is(&w[3].path[1], 2021, 122, -5);
	point_is(&w[3].path[2], 2022, 144, NAN);
	assert_int_equal(w[4].status, PB_PLAN_NO_DATA);
	assert_int_equal(w[4].npath, 6);
	point_is(&w[4].path[0], 2020, 100, 100);
	point_is(&w[4].path[5], 2025, 200, NAN);
	/* 100 x 2^(3/5): 2^0.6 = 1.515716566510398 (bc -l: e(0.6 * l(2))) */
	point_is(&w[4].path[3], 2023, 151.5716566510398, NAN);
	assert_int_equal(w[5].method, PB_PLAN_NONE);
	assert_int_equal(w[5].npath, 0);
	assert_null(w[5].path);
	assert_true(isnan(pb_plan_planned_value(&w[5], 2023)));
	pb_plan_result_free(&r);
}

static void test_time_share_and_labels(void **state)
{
	(void)state;
	NEAR(pb_plan_time_share(2020, 2025, 2023), 60);
	NEAR(pb_plan_time_share(2020, 2025, 2019), 0);
	NEAR(pb_plan_time_share(2020, 2025, 2030), 100);
	assert_true(isnan(pb_plan_time_share(2020, 2020, 2020)));
	assert_true(isnan(pb_plan_time_share(PB_INT_MISSING, 2025, 2023)));

	assert_string_equal(pb_plan_status_key(PB_PLAN_AT_RISK), "at_risk");
	assert_string_equal(pb_plan_status_name(PB_PLAN_AT_RISK, 0), "基本达到时序进度");
	assert_string_equal(pb_plan_status_name(PB_PLAN_OFF_COURSE, 1), "off course");
	assert_string_equal(pb_plan_status_name(PB_PLAN_STATUS_COUNT, 0), "");
	assert_string_equal(pb_plan_method_key(PB_PLAN_LINEAR), "linear");
	assert_string_equal(pb_plan_method_name(PB_PLAN_COMPOUND, 0), "复合增长");
	assert_string_equal(pb_plan_direction_key(PB_PLAN_DOWN), "down");
	assert_string_equal(pb_plan_flag_key(PB_PLAN_F_STATED_MISMATCH), "stated_growth_mismatch");
	assert_string_equal(pb_plan_flag_key(PB_PLAN_F_EARLY | PB_PLAN_F_STALE), "");
	assert_string_equal(pb_plan_flag_key(1u << PB_PLAN_FLAG_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compound_on_course),
		cmocka_unit_test(test_compound_at_risk),
		cmocka_unit_test(test_compound_off_course),
		cmocka_unit_test(test_compound_plan_figures),
		cmocka_unit_test(test_lower_is_better),
		cmocka_unit_test(test_linear_cumulative),
		cmocka_unit_test(test_linear_percent),
		cmocka_unit_test(test_binding),
		cmocka_unit_test(test_maintain),
		cmocka_unit_test(test_already_reached),
		cmocka_unit_test(test_no_actuals),
		cmocka_unit_test(test_non_positive),
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_target_year_passed),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_stated_growth),
		cmocka_unit_test(test_actual_rules),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_time_share_and_labels),
		cmocka_unit_test(test_path_compound),
		cmocka_unit_test(test_path_down),
		cmocka_unit_test(test_path_methods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
