/* test_warn.c - the warning rules on small cubes built by hand. Each test enables one
 * rule, and every figure and severity expected is worked out in the comment beside it
 * from the rule as docs/metrics.md states it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cube_read.h"
#include "error.h"
#include "num.h"
#include "warn.h"
#include "warn_internal.h"

#define EPS 1e-9

/* ---- building cubes ---------------------------------------------------------------- */

/* A cube of n enterprises (ids 1..n; `above` marks the 规上 ones by index, -1 ends it). */
static pb_cube *mk(size_t n, int first, int last, const int *above)
{
	pb_cube *c;
	assert_int_equal(pb_cube_new(&c, n, first, last), 0);
	for (size_t e = 0; e < n; e++) {
		char uscc[32], name[32];
		snprintf(uscc, sizeof(uscc), "TEST%014zu", e);
		snprintf(name, sizeof(name), "企业%zu", e);
		pb_enterprise ent = { .id = (int64_t)e + 1, .uscc = uscc, .name = name, .industry = "C3922",
				      .sector = "电子信息", .tier = PB_TIER_GROWTH };
		for (const int *a = above; a && *a >= 0; a++)
			if ((size_t)*a == e)
				ent.above_scale = 1;
		assert_int_equal(pb_cube_set_enterprise(c, e, &ent, NULL), 0);
	}
	return c;
}

static pb_monthly blank(int month)
{
	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.month = month;
	m.submitted = PB_INT_MISSING;
	return m;
}

static void put(pb_cube *c, size_t e, const pb_monthly *m)
{
	assert_int_equal(pb_cube_put(c, e, m), 0);
}

/* A report of 工业总产值 alone, with the enterprise's own 上年同期 (NaN for none). */
static void out(pb_cube *c, size_t e, int month, double v, double prev)
{
	pb_monthly m = blank(month);
	m.v[PB_M_GROSS_OUTPUT] = v;
	m.prev[PB_M_GROSS_OUTPUT] = prev;
	put(c, e, &m);
}

/* A report of one metric alone. */
static void one(pb_cube *c, size_t e, int month, pb_metric k, double v)
{
	pb_monthly m = blank(month);
	m.v[k] = v;
	put(c, e, &m);
}

static void seal(pb_cube *c)
{
	assert_int_equal(pb_cube_seal(c, 1), 0);
}

/* The defaults with every rule but r switched off. */
static pb_warn_config only(pb_warn_rule r)
{
	pb_warn_config cfg;
	pb_warn_config_default(&cfg);
	for (int i = 0; i < PB_WR_COUNT; i++)
		cfg.rule[i].enabled = i == (int)r;
	return cfg;
}

static const pb_warning *find(const pb_warn_list *l, size_t e, pb_warn_rule r)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].ent == e && l->items[i].rule == r)
			return &l->items[i];
	return NULL;
}

static double fig(const pb_warning *w, const char *key)
{
	for (size_t i = 0; i < w->nfig; i++)
		if (strcmp(w->fig[i].key, key) == 0)
			return w->fig[i].value;
	return NAN;
}

static int has_fig(const pb_warning *w, const char *key)
{
	return !isnan(fig(w, key));
}

static void run(pb_warn_list *l, const pb_cube *c, const pb_warn_config *cfg, int month)
{
	assert_int_equal(pb_warn_run(l, c, cfg, month), 0);
}

/* ---- (a) 当月同比 ------------------------------------------------------------------ */

static void test_yoy_month(void **state)
{
	(void)state;
	pb_cube *c = mk(10, 202301, 202412, NULL);
	out(c, 0, 202303, 1000, NAN);
	out(c, 0, 202403, 800, NAN);  /* 800/1000 - 1 = -20.0% exactly: at the line, not over */
	out(c, 1, 202303, 1000, NAN);
	out(c, 1, 202403, 799, NAN);  /* -20.1% > 20: 关注 */
	out(c, 2, 202303, 1000, NAN);
	out(c, 2, 202403, 690, NAN);  /* -31% > 30: 预警 */
	out(c, 3, 202303, 1000, NAN);
	out(c, 3, 202403, 500, NAN);  /* -50% exactly: not more than 50, still 预警 */
	out(c, 4, 202303, 1000, NAN);
	out(c, 4, 202403, 499, NAN);  /* -50.1%: 严重 */
	out(c, 5, 202403, 100, NAN);  /* new: no base */
	out(c, 6, 202403, 600, 1000); /* its own 上年同期 1000: -40%, 预警 */
	out(c, 7, 202303, 700, NAN);  /* its 2023-03 row says 700 (-14.3%), but it reported */
	out(c, 7, 202403, 600, 1000); /* 上年同期 1000: the reported base wins, -40% */
	out(c, 8, 202303, 0, NAN);
	out(c, 8, 202403, 100, NAN);  /* base 0: no rate */
	out(c, 9, 202403, 10, -50);   /* negative base: no rate */
	seal(c);
	pb_warn_config cfg = only(PB_WR_OUTPUT_YOY_MONTH);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 6); /* e1, e2, e3, e4, e6, e7 */
	assert_null(find(&l, 0, PB_WR_OUTPUT_YOY_MONTH));
	const pb_warning *w = find(&l, 1, PB_WR_OUTPUT_YOY_MONTH);
	assert_non_null(w);
	assert_int_equal(w->severity, 1);
	assert_int_equal(w->month, 202403);
	assert_int_equal(w->enterprise_id, 2);
	assert_string_equal(w->fig[0].key, "growth"); /* the main figure comes first */
	assert_float_equal(fig(w, "growth"), -20.1, EPS);
	assert_float_equal(fig(w, "value"), 799, EPS);
	assert_float_equal(fig(w, "base"), 1000, EPS);
	assert_float_equal(fig(w, "threshold"), -20, EPS);
	assert_float_equal(fig(w, "base_self"), 0, EPS);
	assert_string_equal(w->message, "工业总产值当月同比下降 20.1%（本月 799.00 万元，上年同月 1,000.00 万元），"
					"超过预警线 20%");
	assert_int_equal(find(&l, 2, PB_WR_OUTPUT_YOY_MONTH)->severity, 2);
	assert_int_equal(find(&l, 3, PB_WR_OUTPUT_YOY_MONTH)->severity, 2);
	assert_int_equal(find(&l, 4, PB_WR_OUTPUT_YOY_MONTH)->severity, 3);
	assert_null(find(&l, 5, PB_WR_OUTPUT_YOY_MONTH));
	w = find(&l, 6, PB_WR_OUTPUT_YOY_MONTH);
	assert_float_equal(fig(w, "growth"), -40, EPS);
	assert_float_equal(fig(w, "base_self"), 1, EPS);
	assert_int_equal(w->severity, 2);
	assert_float_equal(fig(find(&l, 7, PB_WR_OUTPUT_YOY_MONTH), "base"), 1000, EPS);
	assert_null(find(&l, 8, PB_WR_OUTPUT_YOY_MONTH));
	assert_null(find(&l, 9, PB_WR_OUTPUT_YOY_MONTH));
	assert_int_equal(l.count[PB_WR_OUTPUT_YOY_MONTH][0], 1);
	assert_int_equal(l.count[PB_WR_OUTPUT_YOY_MONTH][1], 4);
	assert_int_equal(l.count[PB_WR_OUTPUT_YOY_MONTH][2], 1);
	pb_warn_list_free(&l);
	/* min_base 1001: the bases of 1000 no longer count; only none is left */
	cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_EXTRA] = 1001;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 0);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (a) 1-M月累计同比 --------------------------------------------------------------- */

static void test_yoy_ytd(void **state)
{
	(void)state;
	pb_cube *c = mk(4, 202301, 202412, NULL);
	const double last[] = { 100, 100, 100 };
	for (int m = 0; m < 3; m++)
		for (size_t e = 0; e < 4; e++)
			if (!(e == 2 && m == 0))
				out(c, e, 202301 + m, last[m], NAN);
	/* e0: 90 + 80 + 84.9 = 254.9 against 300: -15.0333...% > 15, 关注 */
	out(c, 0, 202401, 90, NAN);
	out(c, 0, 202402, 80, NAN);
	out(c, 0, 202403, 84.9, NAN);
	/* e1: 85 × 3 = 255 against 300: -15% exactly, at the line */
	for (int m = 0; m < 3; m++)
		out(c, 1, 202401 + m, 85, NAN);
	/* e2: did not report 2023-01, so 2024-01 has no base: out of the cumulative sample */
	for (int m = 0; m < 3; m++)
		out(c, 2, 202401 + m, 10, NAN);
	/* e3: skipped 2024-01; 50 + 50 = 100 against 2023-02..03 only, 200 (the gap of
	 * 2023-01 taken out of the base): -50% > 40, 严重 */
	out(c, 3, 202402, 50, NAN);
	out(c, 3, 202403, 50, NAN);
	seal(c);
	pb_warn_config cfg = only(PB_WR_OUTPUT_YOY_YTD);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 2);
	const pb_warning *w = find(&l, 0, PB_WR_OUTPUT_YOY_YTD);
	assert_non_null(w);
	assert_float_equal(fig(w, "value"), 254.9, EPS);
	assert_float_equal(fig(w, "base"), 300, EPS);
	assert_float_equal(fig(w, "growth"), (254.9 / 300 - 1) * 100, EPS);
	assert_float_equal(fig(w, "threshold"), -15, EPS);
	assert_int_equal(w->severity, 1);
	assert_false(has_fig(w, "base_self"));
	assert_string_equal(w->message, "工业总产值1—3月累计同比下降 15.0%（本年累计 254.90 万元，上年同期 300.00 万元），"
					"超过预警线 15%");
	assert_null(find(&l, 1, PB_WR_OUTPUT_YOY_YTD));
	assert_null(find(&l, 2, PB_WR_OUTPUT_YOY_YTD));
	w = find(&l, 3, PB_WR_OUTPUT_YOY_YTD);
	assert_float_equal(fig(w, "base"), 200, EPS);
	assert_float_equal(fig(w, "growth"), -50, EPS);
	assert_int_equal(w->severity, 3);
	pb_warn_list_free(&l);
	/* January: 1-1月 is the month itself (e3 had none, e0 -10%, e1 -15%): never fires */
	run(&l, c, &cfg, 202401);
	assert_int_equal(l.n, 0);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (b) K months running ---------------------------------------------------------------- */

static void test_streak(void **state)
{
	(void)state;
	pb_cube *c = mk(5, 202301, 202412, NULL);
	/* e0 across the new year: 2023-11 90 vs its own 上年同期 100 (-10%), 2023-12 95 vs 100
	 * (-5%), 2024-01 80 vs its 2023-01 row 100 (-20%); 2023-10 not reported: 3 months */
	out(c, 0, 202301, 100, NAN);
	out(c, 0, 202311, 90, 100);
	out(c, 0, 202312, 95, 100);
	out(c, 0, 202401, 80, NAN);
	/* e1: the same, but 2023-12 equals its base (0%): the streak is 1 month */
	out(c, 1, 202301, 100, NAN);
	out(c, 1, 202311, 90, 100);
	out(c, 1, 202312, 100, 100);
	out(c, 1, 202401, 80, NAN);
	/* e2: 2023-12 missing breaks the run */
	out(c, 2, 202301, 100, NAN);
	out(c, 2, 202311, 90, 100);
	out(c, 2, 202401, 80, NAN);
	/* e3: six months down in 2024 (2023-12 has no base): 6 ≥ 6, 预警 */
	for (int m = 1; m <= 6; m++) {
		out(c, 3, 202300 + m, 100, NAN);
		out(c, 4, 202300 + m, 100, NAN);
	}
	out(c, 3, 202312, 50, NAN);
	for (int m = 1; m <= 6; m++)
		out(c, 3, 202400 + m, 99, NAN);
	/* e4: only two months down: under K = 3 */
	for (int m = 1; m <= 6; m++)
		out(c, 4, 202400 + m, m >= 5 ? 90 : 110, NAN);
	seal(c);
	pb_warn_config cfg = only(PB_WR_OUTPUT_DECLINE_STREAK);
	pb_warn_list l;
	run(&l, c, &cfg, 202401);
	assert_int_equal(l.n, 1);
	const pb_warning *w = find(&l, 0, PB_WR_OUTPUT_DECLINE_STREAK);
	assert_non_null(w);
	assert_int_equal(w->severity, 1);
	assert_float_equal(fig(w, "months"), 3, EPS);
	assert_float_equal(fig(w, "growth"), -20, EPS);
	/* 90 + 95 + 80 = 265 against 300: -11.666...% */
	assert_float_equal(fig(w, "period_value"), 265, EPS);
	assert_float_equal(fig(w, "period_base"), 300, EPS);
	assert_float_equal(fig(w, "period_growth"), (265.0 / 300 - 1) * 100, EPS);
	assert_float_equal(fig(w, "threshold"), 3, EPS);
	assert_string_equal(w->message, "工业总产值当月同比连续 3 个月下降（2023年11月至2024年1月，各月同比 "
					"-10.0%、-5.0%、-20.0%），期间合计同比下降 11.7%，达到预警线 3 个月");
	pb_warn_list_free(&l);
	run(&l, c, &cfg, 202406);
	assert_int_equal(l.n, 1);
	w = find(&l, 3, PB_WR_OUTPUT_DECLINE_STREAK);
	assert_non_null(w);
	assert_float_equal(fig(w, "months"), 6, EPS);
	assert_int_equal(w->severity, 2);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (c) under the 规上 line ------------------------------------------------------------- */

static void test_below_scale(void **state)
{
	(void)state;
	const int above[] = { 0, 1, 3, 4, 5, 6, 7, -1 };
	pb_cube *c = mk(8, 202301, 202412, above);
	for (int m = 1; m <= 12; m++) {
		int ym = 202300 + m;
		/* e0: 500 a month Jan-Mar 2023, then 150: the window 2023-04..2024-03 is
		 * 9 × 150 + 3 × 150 = 1800. By the running sums: cum(2024-03) = 450,
		 * cum(2023-12) = 1500 + 1350 = 2850, cum(2023-03) = 1500: 450 + 2850 - 1500 = 1800.
		 * 10% short: not more than 10, 关注 */
		one(c, 0, ym, PB_M_REVENUE, m <= 3 ? 500 : 150);
		if (m != 7) /* e1: July 2023 missing: no complete window */
			one(c, 1, ym, PB_M_REVENUE, 100);
		one(c, 2, ym, PB_M_REVENUE, 100);  /* e2: 规下: never */
		one(c, 3, ym, PB_M_REVENUE, 2000.0 / 12); /* e3: exactly at the line */
		one(c, 4, ym, PB_M_REVENUE, 100);  /* e4: 1200, 40% short: 严重 */
		one(c, 7, ym, PB_M_REVENUE, 160);  /* e7: 1920 in 2023: 4% short in December */
	}
	for (int m = 1; m <= 3; m++) {
		one(c, 0, 202400 + m, PB_M_REVENUE, 150);
		one(c, 1, 202400 + m, PB_M_REVENUE, 100);
		one(c, 2, 202400 + m, PB_M_REVENUE, 100);
		one(c, 3, 202400 + m, PB_M_REVENUE, 2000.0 / 12);
		one(c, 4, 202400 + m, PB_M_REVENUE, 100);
		one(c, 6, 202400 + m, PB_M_REVENUE, 100); /* e6: new in 2024, no window */
		one(c, 7, 202400 + m, PB_M_REVENUE, 160);
	}
	seal(c);
	double s;
	assert_int_equal(pb_cube_last12(c, PB_M_REVENUE, 0, pb_cube_col(c, 202403), &s), 1);
	assert_float_equal(s, 1800, EPS);
	assert_int_equal(pb_cube_last12(c, PB_M_REVENUE, 0, pb_cube_col(c, 202306), &s), 0);
	pb_warn_config cfg = only(PB_WR_BELOW_SCALE_LINE);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	const pb_warning *w = find(&l, 0, PB_WR_BELOW_SCALE_LINE);
	assert_non_null(w);
	assert_string_equal(w->fig[0].key, "last12");
	assert_float_equal(fig(w, "last12"), 1800, EPS);
	assert_float_equal(fig(w, "threshold"), 2000, EPS);
	assert_float_equal(fig(w, "shortfall"), 10, EPS);
	assert_int_equal(w->severity, 1);
	assert_string_equal(w->message, "规上企业近12个月（2023年4月至2024年3月）营业收入 1,800.00 万元，"
					"低于规上标准 2,000 万元（差 10.0%）");
	assert_null(find(&l, 1, PB_WR_BELOW_SCALE_LINE));
	assert_null(find(&l, 2, PB_WR_BELOW_SCALE_LINE));
	assert_null(find(&l, 3, PB_WR_BELOW_SCALE_LINE));
	assert_int_equal(find(&l, 4, PB_WR_BELOW_SCALE_LINE)->severity, 3);
	assert_null(find(&l, 6, PB_WR_BELOW_SCALE_LINE)); /* annualised is off by default */
	/* e7: 2023-04..2024-03 at 160 = 1920, 4% short */
	assert_float_equal(fig(find(&l, 7, PB_WR_BELOW_SCALE_LINE), "last12"), 1920, EPS);
	assert_int_equal(l.n, 3);
	pb_warn_list_free(&l);
	/* December: the window is the year itself, cum(2023-12) = 12 × 160 = 1920 for e7 */
	run(&l, c, &cfg, 202312);
	w = find(&l, 7, PB_WR_BELOW_SCALE_LINE);
	assert_non_null(w);
	assert_float_equal(fig(w, "last12"), 1920, EPS);
	assert_float_equal(fig(w, "shortfall"), 4, EPS);
	pb_warn_list_free(&l);
	/* before twelve months exist nothing can be said */
	run(&l, c, &cfg, 202306);
	assert_int_equal(l.n, 0);
	pb_warn_list_free(&l);
	/* annualised: e6 reported 100 × 3 in 2024 -> 300 × 12 / 3 = 1200, 40% short: 严重;
	 * e0's year so far is 450 × 4 = 1800, also 10% short but not below its window */
	cfg.rule[PB_WR_BELOW_SCALE_LINE].p[PB_WP_EXTRA] = 1;
	run(&l, c, &cfg, 202403);
	w = find(&l, 6, PB_WR_BELOW_SCALE_LINE);
	assert_non_null(w);
	assert_string_equal(w->fig[0].key, "annualised");
	assert_float_equal(fig(w, "annualised"), 1200, EPS);
	assert_float_equal(fig(w, "ytd"), 300, EPS);
	assert_false(has_fig(w, "last12"));
	assert_int_equal(w->severity, 3);
	assert_float_equal(fig(find(&l, 0, PB_WR_BELOW_SCALE_LINE), "annualised"), 1800, EPS);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (d) missing and late ------------------------------------------------------------------ */

static void test_missing(void **state)
{
	(void)state;
	pb_cube *c = mk(6, 202301, 202412, NULL);
	out(c, 0, 202402, 10, NAN); /* e0: reported February, not March: 1 month, 关注 */
	out(c, 1, 202312, 10, NAN); /* e1: last December: 3 months (Jan-Mar), 严重 */
	out(c, 2, 202311, 10, NAN); /* e2: last November: beyond the 3-month lookback */
	out(c, 3, 202402, 10, NAN);
	out(c, 3, 202403, 10, NAN); /* e3: reported */
	/* e4: never reported */
	one(c, 5, 202402, PB_M_ENERGY, 5);
	one(c, 5, 202403, PB_M_ENERGY, 5); /* e5: an energy figure alone is a report */
	seal(c);
	pb_warn_config cfg = only(PB_WR_REPORT_MISSING);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 2);
	const pb_warning *w = find(&l, 0, PB_WR_REPORT_MISSING);
	assert_non_null(w);
	assert_float_equal(fig(w, "missing_months"), 1, EPS);
	assert_int_equal(w->severity, 1);
	assert_string_equal(w->message, "2024年3月报表未报送（最近一次报送为 2024年2月）");
	w = find(&l, 1, PB_WR_REPORT_MISSING);
	assert_float_equal(fig(w, "missing_months"), 3, EPS);
	assert_int_equal(w->severity, 3);
	assert_string_equal(w->message, "2024年3月报表未报送（最近一次报送为 2023年12月，已连续 3 个月未报）");
	pb_warn_list_free(&l);
	/* lookback 4 reaches e2's November: 4 months, 严重 */
	cfg.rule[PB_WR_REPORT_MISSING].p[PB_WP_LINE] = 4;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 3);
	assert_float_equal(fig(find(&l, 2, PB_WR_REPORT_MISSING), "missing_months"), 4, EPS);
	pb_warn_list_free(&l);
	/* April: nobody reported at all - the month is not in yet, nothing is "missing" */
	run(&l, c, &cfg, 202404);
	assert_int_equal(l.n, 0);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

static void filed(pb_cube *c, size_t e, int month, int64_t date)
{
	pb_monthly m = blank(month);
	m.v[PB_M_GROSS_OUTPUT] = 100;
	m.submitted = date;
	put(c, e, &m);
}

static void test_late(void **state)
{
	(void)state;
	pb_cube *c = mk(7, 202401, 202412, NULL);
	filed(c, 0, 202403, 20240408); /* the 8th: on time */
	filed(c, 1, 202403, 20240409); /* 1 day late: 关注 */
	filed(c, 2, 202403, 20240415); /* 7 days: 预警 (at least 7) */
	filed(c, 3, 202403, 20240423); /* 15 days: 严重 */
	filed(c, 4, 202403, PB_INT_MISSING); /* no 报送日期: never late */
	filed(c, 5, 202403, 20240330); /* inside the month itself */
	filed(c, 6, 202402, 20240310); /* February of a leap year: due 2024-03-08, 2 days late */
	seal(c);
	pb_warn_config cfg = only(PB_WR_REPORT_LATE);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 3);
	const pb_warning *w = find(&l, 1, PB_WR_REPORT_LATE);
	assert_non_null(w);
	assert_float_equal(fig(w, "days_late"), 1, EPS);
	assert_float_equal(fig(w, "filed_day"), 9, EPS);
	assert_float_equal(fig(w, "threshold"), 8, EPS);
	assert_int_equal(w->severity, 1);
	assert_int_equal(find(&l, 2, PB_WR_REPORT_LATE)->severity, 2);
	assert_int_equal(find(&l, 3, PB_WR_REPORT_LATE)->severity, 3);
	assert_string_equal(find(&l, 3, PB_WR_REPORT_LATE)->message,
			    "2024年3月报表于 2024-04-23 报送，晚于报送截止日 2024-04-08，逾期 15 天");
	pb_warn_list_free(&l);
	run(&l, c, &cfg, 202402);
	assert_int_equal(l.n, 1);
	w = find(&l, 6, PB_WR_REPORT_LATE);
	assert_float_equal(fig(w, "days_late"), 2, EPS);
	assert_string_equal(w->message, "2024年2月报表于 2024-03-10 报送，晚于报送截止日 2024-03-08，逾期 2 天");
	pb_warn_list_free(&l);
	/* the deadline moved to the 10th: e1 and e2 (the 9th... the 15th) -> only e2 and e3 */
	cfg.rule[PB_WR_REPORT_LATE].p[PB_WP_LINE] = 10;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 2);
	assert_float_equal(fig(find(&l, 2, PB_WR_REPORT_LATE), "days_late"), 5, EPS);
	pb_warn_list_free(&l);
	pb_cube_free(c);
	/* a cube whose reports carry no 报送日期 at all */
	c = mk(1, 202401, 202412, NULL);
	out(c, 0, 202403, 100, NAN);
	seal(c);
	assert_null(c->filed);
	cfg = only(PB_WR_REPORT_LATE);
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 0);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (e) spikes ---------------------------------------------------------------------------- */

static void test_spike(void **state)
{
	(void)state;
	pb_cube *c = mk(7, 202301, 202412, NULL);
	/* e0: 100, 120 then 1100: median (100 + 120) / 2 = 110, 1100 / 110 = 10 exactly: 关注 */
	out(c, 0, 202402, 100, NAN);
	out(c, 0, 202403, 120, NAN);
	out(c, 0, 202404, 1100, NAN);
	/* e1: 100, 300, 200 -> median 200; 1999 / 200 = 9.995: under 10 */
	out(c, 1, 202401, 100, NAN);
	out(c, 1, 202402, 300, NAN);
	out(c, 1, 202403, 200, NAN);
	out(c, 1, 202404, 1999, NAN);
	/* e2: one month before only */
	out(c, 2, 202403, 100, NAN);
	out(c, 2, 202404, 100000, NAN);
	/* e3: a report in 元, not 万元: output and revenue 10,000 times their median: 严重;
	 * output 1,000,000 / 100 = 10,000, revenue 1,500,000 / 100 = 15,000 (worst first) */
	for (int m = 1; m <= 3; m++) {
		pb_monthly r = blank(202400 + m);
		r.v[PB_M_GROSS_OUTPUT] = 100;
		r.v[PB_M_REVENUE] = 100;
		r.v[PB_M_TAX] = 5;
		put(c, 3, &r);
	}
	pb_monthly slip = blank(202404);
	slip.v[PB_M_GROSS_OUTPUT] = 1000000;
	slip.v[PB_M_REVENUE] = 1500000;
	slip.v[PB_M_TAX] = 6; /* 6 / 5 = 1.2: not a spike */
	put(c, 3, &slip);
	/* e4: 1000 three times then 0.1: 1000 / 0.1 = 10,000 the other way */
	for (int m = 1; m <= 3; m++)
		out(c, 4, 202400 + m, 1000, NAN);
	out(c, 4, 202404, 0.1, NAN);
	/* e5: 0 is a stoppage, not a spike */
	for (int m = 1; m <= 3; m++)
		out(c, 5, 202400 + m, 1000, NAN);
	out(c, 5, 202404, 0, NAN);
	/* e6: months missing are skipped: 2023-12 and 2024-02 (100 each), median 100 */
	out(c, 6, 202312, 100, NAN);
	out(c, 6, 202402, 100, NAN);
	out(c, 6, 202404, 1000, NAN);
	seal(c);
	pb_warn_config cfg = only(PB_WR_SPIKE);
	pb_warn_list l;
	run(&l, c, &cfg, 202404);
	assert_int_equal(l.n, 4);
	const pb_warning *w = find(&l, 0, PB_WR_SPIKE);
	assert_non_null(w);
	assert_float_equal(fig(w, "gross_output_factor"), 10, EPS);
	assert_float_equal(fig(w, "gross_output_median"), 110, EPS);
	assert_float_equal(fig(w, "gross_output_value"), 1100, EPS);
	assert_float_equal(fig(w, "threshold"), 10, EPS);
	assert_int_equal(w->severity, 1);
	assert_string_equal(w->message, "数据异常：工业总产值本月 1,100.00 万元，为前 2 个报送月中位数 110.00 万元的 10.0 倍");
	assert_null(find(&l, 1, PB_WR_SPIKE));
	assert_null(find(&l, 2, PB_WR_SPIKE));
	w = find(&l, 3, PB_WR_SPIKE);
	assert_non_null(w);
	assert_int_equal(w->severity, 3);
	assert_string_equal(w->fig[0].key, "revenue_factor");
	assert_float_equal(w->fig[0].value, 15000, EPS);
	assert_float_equal(fig(w, "gross_output_factor"), 10000, EPS);
	assert_false(has_fig(w, "tax_factor"));
	assert_non_null(strstr(w->message, "疑为单位错填"));
	w = find(&l, 4, PB_WR_SPIKE);
	assert_float_equal(fig(w, "gross_output_factor"), 10000, EPS);
	assert_string_equal(w->message, "数据异常：工业总产值本月 0.10 万元，仅为前 3 个报送月中位数 1,000.00 万元的 0.01%"
					"（相差约一万倍，疑为单位错填：元与万元）");
	assert_null(find(&l, 5, PB_WR_SPIKE));
	assert_float_equal(fig(find(&l, 6, PB_WR_SPIKE), "gross_output_median"), 100, EPS);
	pb_warn_list_free(&l);
	/* min_history 3: e0 (2 months) and e6 (2 months) no longer qualify */
	cfg.rule[PB_WR_SPIKE].p[PB_WP_EXTRA] = 3;
	run(&l, c, &cfg, 202404);
	assert_int_equal(l.n, 2);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (f) 税金 above 营业收入 ---------------------------------------------------------------- */

static void tax_rev(pb_cube *c, size_t e, double tax, double rev)
{
	pb_monthly m = blank(202403);
	m.v[PB_M_TAX] = tax;
	m.v[PB_M_REVENUE] = rev;
	put(c, e, &m);
}

static void test_tax(void **state)
{
	(void)state;
	pb_cube *c = mk(9, 202401, 202412, NULL);
	tax_rev(c, 0, 100, 100);   /* equal: not above */
	tax_rev(c, 1, 101, 100);   /* 1.01 times: 关注 */
	tax_rev(c, 2, 300, 100);   /* 3 times > 2: 预警 */
	tax_rev(c, 3, 50, 0);      /* no sales: 关注, no ratio */
	tax_rev(c, 4, 50, NAN);    /* revenue missing */
	tax_rev(c, 5, NAN, 10);    /* tax missing */
	tax_rev(c, 6, 0, 0);       /* nothing */
	tax_rev(c, 7, 1000, 100);  /* 10 times: not more than 10, 预警 */
	tax_rev(c, 8, 1050, 100);  /* 10.5 times: 严重 */
	seal(c);
	pb_warn_config cfg = only(PB_WR_TAX_OVER_REVENUE);
	pb_warn_list l;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 5);
	const pb_warning *w = find(&l, 1, PB_WR_TAX_OVER_REVENUE);
	assert_non_null(w);
	assert_float_equal(fig(w, "ratio"), 1.01, EPS);
	assert_int_equal(w->severity, 1);
	assert_string_equal(w->message, "税金 101.00 万元高于营业收入 100.00 万元（为其 1.01 倍）");
	pb_buf j = { 0 };
	assert_int_equal(pb_warn_figures_json(&j, w), 0);
	assert_string_equal(j.p, "[{\"key\":\"ratio\",\"name\":\"税金为营业收入的倍数\",\"name_en\":\"taxes over revenue\","
				 "\"value\":1.01,\"unit\":\"倍\"},{\"key\":\"tax\",\"name\":\"税金\",\"name_en\":\"taxes\","
				 "\"value\":101,\"unit\":\"万元\"},{\"key\":\"revenue\",\"name\":\"营业收入\",\"name_en\":"
				 "\"revenue\",\"value\":100,\"unit\":\"万元\"},{\"key\":\"threshold\",\"name\":\"预警线：倍数\","
				 "\"name_en\":\"line: times\",\"value\":1,\"unit\":\"倍\"}]");
	pb_buf_free(&j);
	assert_int_equal(find(&l, 2, PB_WR_TAX_OVER_REVENUE)->severity, 2);
	w = find(&l, 3, PB_WR_TAX_OVER_REVENUE);
	assert_int_equal(w->severity, 1);
	assert_false(has_fig(w, "ratio"));
	assert_float_equal(fig(w, "tax"), 50, EPS);
	assert_int_equal(find(&l, 7, PB_WR_TAX_OVER_REVENUE)->severity, 2);
	assert_int_equal(find(&l, 8, PB_WR_TAX_OVER_REVENUE)->severity, 3);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- (g) energy, no output ------------------------------------------------------------------- */

static void test_energy(void **state)
{
	(void)state;
	pb_cube *c = mk(5, 202401, 202412, NULL);
	one(c, 0, 202404, PB_M_ENERGY, 50); /* e0: energy, output not filled, no history: 关注 */
	for (int m = 1; m <= 3; m++) {
		pb_monthly r = blank(202400 + m);
		r.v[PB_M_GROSS_OUTPUT] = 1000;
		r.v[PB_M_ENERGY] = 100;
		r.v[PB_M_ELECTRICITY] = 100;
		put(c, 1, &r);
		put(c, 2, &r);
	}
	pb_monthly r = blank(202404);
	r.v[PB_M_GROSS_OUTPUT] = 0;
	r.v[PB_M_ENERGY] = 50; /* e1: half its usual 100: 50% ≥ 30, 预警 */
	put(c, 1, &r);
	r.v[PB_M_ENERGY] = 10;
	r.v[PB_M_ELECTRICITY] = 90; /* e2: power at 90% of usual (the larger share): 严重 */
	put(c, 2, &r);
	pb_monthly e3 = blank(202404);
	e3.v[PB_M_GROSS_OUTPUT] = 100;
	e3.v[PB_M_ENERGY] = 50; /* e3: output reported */
	put(c, 3, &e3);
	pb_monthly e4 = blank(202404);
	e4.v[PB_M_GROSS_OUTPUT] = 0;
	e4.v[PB_M_ENERGY] = 0; /* e4: no energy either */
	put(c, 4, &e4);
	seal(c);
	pb_warn_config cfg = only(PB_WR_ENERGY_WITHOUT_OUTPUT);
	pb_warn_list l;
	run(&l, c, &cfg, 202404);
	assert_int_equal(l.n, 3);
	const pb_warning *w = find(&l, 0, PB_WR_ENERGY_WITHOUT_OUTPUT);
	assert_non_null(w);
	assert_int_equal(w->severity, 1);
	assert_false(has_fig(w, "usual_share"));
	assert_float_equal(fig(w, "energy"), 50, EPS);
	assert_string_equal(w->message, "综合能耗 50.00 吨标准煤，工业总产值未填报");
	w = find(&l, 1, PB_WR_ENERGY_WITHOUT_OUTPUT);
	assert_float_equal(fig(w, "usual_share"), 50, EPS);
	assert_float_equal(fig(w, "gross_output"), 0, EPS);
	assert_int_equal(w->severity, 2);
	w = find(&l, 2, PB_WR_ENERGY_WITHOUT_OUTPUT);
	assert_float_equal(fig(w, "usual_share"), 90, EPS);
	assert_int_equal(w->severity, 3);
	assert_string_equal(w->message, "综合能耗 10.00 吨标准煤、用电量 90.00 万千瓦时，工业总产值为 0；"
					"用能为此前报送月（至多 3 个）中位数的 90.0%");
	pb_warn_list_free(&l);
	/* a line of 55% (预警 from 60%): e1 at 50% is under it; e0 without history still fires */
	cfg.rule[PB_WR_ENERGY_WITHOUT_OUTPUT].p[PB_WP_LINE] = 55;
	cfg.rule[PB_WR_ENERGY_WITHOUT_OUTPUT].p[PB_WP_WARN] = 60;
	run(&l, c, &cfg, 202404);
	assert_int_equal(l.n, 2);
	assert_null(find(&l, 1, PB_WR_ENERGY_WITHOUT_OUTPUT));
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

/* ---- configuration, the run, helpers ------------------------------------------------------- */

static void test_config(void **state)
{
	(void)state;
	pb_warn_config cfg;
	pb_warn_config_default(&cfg);
	assert_int_equal(pb_warn_config_check(&cfg), 0);
	assert_int_equal(cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_LINE], 20);
	assert_int_equal(cfg.rule[PB_WR_OUTPUT_YOY_YTD].p[PB_WP_LINE], 15);
	assert_int_equal(cfg.rule[PB_WR_OUTPUT_DECLINE_STREAK].p[PB_WP_LINE], 3);
	assert_int_equal(cfg.rule[PB_WR_BELOW_SCALE_LINE].p[PB_WP_LINE], 2000);
	assert_int_equal(cfg.rule[PB_WR_REPORT_LATE].p[PB_WP_LINE], 8);
	assert_int_equal(cfg.rule[PB_WR_SPIKE].p[PB_WP_LINE], 10);
	cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_WARN] = 60; /* above severe_at 50 */
	assert_int_equal(pb_warn_config_check(&cfg), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "output_yoy_month"));
	pb_warn_config_default(&cfg);
	cfg.rule[PB_WR_OUTPUT_DECLINE_STREAK].p[PB_WP_LINE] = 2.5; /* months are whole */
	assert_int_equal(pb_warn_config_check(&cfg), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "output_decline_streak.months"));
	pb_warn_config_default(&cfg);
	cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_LINE] = 120; /* a decline beyond 100% */
	assert_int_equal(pb_warn_config_check(&cfg), PB_EINVAL);
	/* the line of the scale rule is in 万元, its steps in percent: no order between them */
	pb_warn_config_default(&cfg);
	assert_true(cfg.rule[PB_WR_BELOW_SCALE_LINE].p[PB_WP_LINE] > cfg.rule[PB_WR_BELOW_SCALE_LINE].p[PB_WP_WARN]);
	pb_warn_rule r;
	assert_int_equal(pb_warn_rule_parse(&r, "spike"), 0);
	assert_int_equal(r, PB_WR_SPIKE);
	assert_int_equal(pb_warn_rule_parse(&r, "spikes"), PB_EINVAL);
	assert_int_equal(pb_warn_rule_index("spikes"), -1);
	pb_warn_status s;
	assert_int_equal(pb_warn_status_parse(&s, "acknowledged"), 0);
	assert_int_equal(s, PB_WS_ACKNOWLEDGED);
	assert_string_equal(pb_warn_status_name(PB_WS_CLOSED), "已办结");
	assert_string_equal(pb_warn_severity_name(3), "严重");
	assert_string_equal(pb_warn_severity_name(4), "");
}

static void test_run(void **state)
{
	(void)state;
	pb_cube *c = mk(2, 202301, 202412, NULL);
	out(c, 0, 202303, 1000, NAN);
	out(c, 0, 202403, 100, NAN);
	pb_monthly m = blank(202403);
	m.v[PB_M_TAX] = 10;
	m.v[PB_M_REVENUE] = 5;
	put(c, 1, &m);
	seal(c);
	assert_int_equal(pb_cube_latest_month(c, PB_M_GROSS_OUTPUT), 202403);
	assert_int_equal(pb_cube_latest_month(c, PB_M_ENERGY), 0);
	pb_warn_config cfg;
	pb_warn_config_default(&cfg);
	pb_warn_list l;
	/* outside the cube */
	assert_int_equal(pb_warn_run(&l, c, &cfg, 202501), PB_EINVAL);
	pb_warn_list_free(&l);
	/* every rule at once: e0 100 against 1000, -90% both for March and for 1-3月 (its only
	 * month; Jan-Feb unreported both years): 严重 twice; e1 tax twice its revenue (2 is
	 * not more than 2: 关注). Both reported in March: nothing missing; no history: no spike */
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.rules, (1u << PB_WR_COUNT) - 1);
	assert_int_equal(l.n, 3);
	assert_int_equal(find(&l, 0, PB_WR_OUTPUT_YOY_MONTH)->severity, 3);
	assert_float_equal(fig(find(&l, 0, PB_WR_OUTPUT_YOY_YTD), "growth"), -90, EPS);
	assert_int_equal(find(&l, 1, PB_WR_TAX_OVER_REVENUE)->severity, 1);
	pb_warn_list_free(&l);
	/* a disabled rule does not run, and says so */
	cfg.rule[PB_WR_TAX_OVER_REVENUE].enabled = 0;
	run(&l, c, &cfg, 202403);
	assert_int_equal(l.n, 2);
	assert_false(l.rules & (1u << PB_WR_TAX_OVER_REVENUE));
	pb_warn_list_free(&l);
	/* an invalid configuration is refused */
	cfg.rule[PB_WR_SPIKE].p[PB_WP_LINE] = 0;
	assert_int_equal(pb_warn_run(&l, c, &cfg, 202403), PB_EINVAL);
	pb_warn_list_free(&l);
	pb_cube_free(c);
}

static void test_grouped(void **state)
{
	(void)state;
	char b[48];
	pb_num_grouped(1234.5, 2, b);
	assert_string_equal(b, "1,234.50");
	pb_num_grouped(-1234567.891, 2, b);
	assert_string_equal(b, "-1,234,567.89");
	pb_num_grouped(999.999, 2, b); /* rounds up across the group */
	assert_string_equal(b, "1,000.00");
	pb_num_grouped(-0.001, 2, b);
	assert_string_equal(b, "0.00");
	pb_num_grouped(2000, 0, b);
	assert_string_equal(b, "2,000");
	pb_num_grouped(NAN, 2, b);
	assert_string_equal(b, "—");
}

/* Texts cut to their room end on a whole UTF-8 character (JSON and xlsx refuse half). */
static void test_truncation(void **state)
{
	(void)state;
	warn_draft d = { 0 };
	char name[128] = "";
	for (int i = 0; i < 22; i++)
		strcat(name, "预"); /* 66 bytes for 64 of room: 21 characters, 63 bytes */
	warn_fig(&d, "k", name, "n", "", 1);
	assert_int_equal(strlen(d.fig[0].name), 63);
	assert_memory_equal(d.fig[0].name, name, 63);
	warn_fig(&d, "nan", "x", "x", "", NAN); /* a figure without a value is dropped */
	assert_int_equal(d.nfig, 1);
	/* "a" and 400 characters (1201 bytes) into 1024: "a" and 340 characters, 1021 bytes */
	static char msg[1300];
	strcpy(msg, "a");
	for (int i = 0; i < 400; i++)
		strcat(msg, "警");
	warn_say(&d, "%s", msg);
	assert_int_equal(d.len, 1021);
	assert_int_equal(strlen(d.msg), 1021);
	warn_say(&d, "more"); /* two bytes of room left: "mo" */
	assert_int_equal(d.len, 1023);
	assert_string_equal(d.msg + 1021, "mo");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yoy_month), cmocka_unit_test(test_yoy_ytd),
		cmocka_unit_test(test_streak),    cmocka_unit_test(test_below_scale),
		cmocka_unit_test(test_missing),   cmocka_unit_test(test_late),
		cmocka_unit_test(test_spike),     cmocka_unit_test(test_tax),
		cmocka_unit_test(test_energy),    cmocka_unit_test(test_config),
		cmocka_unit_test(test_run),       cmocka_unit_test(test_grouped),
		cmocka_unit_test(test_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
