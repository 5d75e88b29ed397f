/*
 * test_analysis.c - the cube and the monthly analysis on small zones whose every figure
 * is worked out by hand in the comments (docs/metrics.md has the same formulas).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "error.h"
#include "month.h"

#define EPS 1e-9

/* cmocka 1.1 compares floats only: doubles with a tolerance, printing both on failure */
static void near(double got, double want, double eps, const char *file, int line)
{
	if (fabs(got - want) <= eps)
		return;
	print_error("%.15g != %.15g (tolerance %g)\n", got, want, eps);
	_fail(file, line);
}
#define assert_double_equal(got, want, eps) near((got), (want), (eps), __FILE__, __LINE__)

static pb_cube *cube;

static void ent(size_t e, int64_t id, const char *sector, int tier, int high_tech, int specialized)
{
	pb_enterprise x = { .id = id, .uscc = "91500108000000000X", .name = "企业", .industry = "C3922",
			    .sector = sector, .tier = tier, .above_scale = tier != PB_TIER_BELOW,
			    .high_tech = high_tech, .specialized = specialized };
	char name[32];
	snprintf(name, sizeof(name), "企业%lld", (long long)id);
	x.name = name;
	assert_int_equal(pb_cube_set_enterprise(cube, e, &x, sector[0] == 'X' ? "甲园" : "乙园"), 0);
}

/* One report: metric k = v (prev = its 上年同期, NaN when not reported). */
static void put(size_t e, int month, int k, double v, double prev)
{
	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.month = month;
	m.v[k] = v;
	m.prev[k] = prev;
	assert_int_equal(pb_cube_put(cube, e, &m), 0);
}

static void put_year(size_t e, int year, int months, double v)
{
	for (int m = 1; m <= months; m++)
		put(e, year * 100 + m, PB_M_GROSS_OUTPUT, v, NAN);
}

static pb_analysis run(int month)
{
	pb_analysis a;
	pb_analysis_opts o = { .month = month, .threads = 2 };
	assert_int_equal(pb_analysis_run(&a, cube, &o), 0);
	return a;
}

static void done(pb_analysis *a)
{
	pb_analysis_free(a);
	pb_cube_free(cube);
	cube = NULL;
}

/*
 * Entering and leaving, the same-sample rule, January, the gap correction.
 *   A (id 10): 100 a month in 2023, 110 a month in 2024.
 *   B (id 20): new in 2024, 50 a month.
 *   C (id 30): 200 a month in 2023; in 2024 reports January 180, February 190, then
 *              nothing (it left).
 * 2024-03:
 *   当月: all reports A 110 + B 50 = 160. Same sample: only A (B has no base, C did not
 *         report) -> 110 vs 100 = +10%; left out: B (no base), C (reported 2023-03,
 *         not 2024-03).
 *   1-3月: all reports A 330 + B 150 + C 370 = 850. Same sample: A and C (every month
 *         they reported has a base); C's base covers the months it reported, January
 *         and February 2023 = 400, not the quarter's 600. Pair 330 + 370 = 700 vs
 *         300 + 400 = 700: 0.0%. Left out: B. Growing: A (330 > 300), not C (370 < 400).
 * 2024-01: 1-1月 = 当月: A 110, B 50, C 180 = 340; sample A + C: 290 vs 300.
 */
static void test_same_sample_entering_leaving(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 3, 202301, 202412), 0);
	ent(0, 10, "X", PB_TIER_LEADING, 0, 0);
	ent(1, 20, "Y", PB_TIER_GROWTH, 0, 0);
	ent(2, 30, "Y", PB_TIER_GROWTH, 0, 0);
	put_year(0, 2023, 12, 100);
	put_year(0, 2024, 12, 110);
	put_year(1, 2024, 12, 50);
	put_year(2, 2023, 12, 200);
	put(2, 202401, PB_M_GROSS_OUTPUT, 180, NAN);
	put(2, 202402, PB_M_GROSS_OUTPUT, 190, NAN);
	assert_int_equal(pb_cube_seal(cube, 2), 0);
	assert_int_equal(cube->nmonths, 24);
	assert_int_equal(cube->first_month, 202301);

	pb_analysis a = run(202403);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	assert_double_equal(t->month, 160, EPS);
	assert_double_equal(t->month_cur, 110, EPS);
	assert_double_equal(t->month_base, 100, EPS);
	assert_double_equal(pb_agg_month_growth(t), 10, EPS);
	assert_int_equal(t->n_month, 2);
	assert_int_equal(t->n_month_sample, 1);
	assert_int_equal(t->n_month_nobase, 1);
	assert_int_equal(t->n_month_gone, 1);
	assert_double_equal(t->ytd, 850, EPS);
	assert_double_equal(t->ytd_cur, 700, EPS);
	assert_double_equal(t->ytd_base, 700, EPS);
	assert_double_equal(pb_agg_ytd_growth(t), 0, EPS);
	assert_int_equal(t->n_ytd, 3);
	assert_int_equal(t->n_ytd_sample, 2);
	assert_int_equal(t->n_ytd_nobase, 1);
	assert_int_equal(t->n_ytd_gone, 0);
	assert_int_equal(t->n_ytd_growing, 1);
	assert_double_equal(pb_growing_pct(t->n_ytd_growing, t->n_ytd_sample), 50, EPS);
	/* a figure never reported is missing, not zero */
	assert_int_equal(t->n_month + a.total[PB_M_REVENUE].n_month, 2);
	assert_int_equal(a.total[PB_M_REVENUE].n_ytd, 0);
	/* reading one enterprise: C's 2024-03 is missing; its cumulative pair is 370/400 */
	double v, b;
	int self;
	assert_int_equal(pb_cube_value(cube, PB_M_GROSS_OUTPUT, 2, pb_cube_col(cube, 202403), &v), 0);
	assert_true(isnan(v));
	assert_int_equal(pb_cube_ytd_pair(cube, PB_M_GROSS_OUTPUT, 2, pb_cube_col(cube, 202403), &v, &b), 1);
	assert_double_equal(v, 370, EPS);
	assert_double_equal(b, 400, EPS);
	assert_int_equal(pb_cube_month_base(cube, PB_M_GROSS_OUTPUT, 0, pb_cube_col(cube, 202403), &b, &self), 1);
	assert_double_equal(b, 100, EPS);
	assert_int_equal(self, 0);
	pb_analysis_free(&a);

	a = run(202401);
	t = &a.total[PB_M_GROSS_OUTPUT];
	assert_double_equal(t->ytd, 340, EPS);
	assert_double_equal(t->month, t->ytd, EPS);
	assert_double_equal(t->ytd_cur, 290, EPS);
	assert_double_equal(t->ytd_base, 300, EPS);
	pb_analysis_free(&a);

	/* the first year has no base at all: every enterprise is left out */
	a = run(202306);
	t = &a.total[PB_M_GROSS_OUTPUT];
	assert_int_equal(t->n_month_sample, 0);
	assert_int_equal(t->n_month_nobase, 2);
	assert_true(isnan(pb_agg_month_growth(t)));
	done(&a);
}

/*
 * Self-reported 上年同期 wins over the enterprise's own report of last year, as the
 * statistics bureau does (revisions): D reported 90 for 2023-03, but its 2024-03 report
 * gives 上年同期 100 beside 120 -> base 100, +20%. E gives no 上年同期: base = its own
 * 2023 report. In the cumulative the base of D is its reported 上年同期 of each month.
 *   D: 2023-01..03 = 80, 85, 90; 2024-01..03 = 100 (prev 80), 110 (prev 85), 120 (prev 100).
 *   E: 2023-01..03 = 10 each; 2024-01..03 = 12 each, no prev.
 * 2024-03 当月: D 120 vs 100, E 12 vs 10 -> 132 vs 110 = +20%; 1 self-reported base.
 * 1-3月: D 330 vs 80 + 85 + 100 = 265; E 36 vs 30 -> 366 vs 295.
 */
static void test_self_reported_base(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 2, 202301, 202403), 0);
	ent(0, 1, "X", PB_TIER_GROWTH, 0, 0);
	ent(1, 2, "X", PB_TIER_GROWTH, 0, 0);
	put(0, 202301, PB_M_GROSS_OUTPUT, 80, NAN);
	put(0, 202302, PB_M_GROSS_OUTPUT, 85, NAN);
	put(0, 202303, PB_M_GROSS_OUTPUT, 90, NAN);
	put(0, 202401, PB_M_GROSS_OUTPUT, 100, 80);
	put(0, 202402, PB_M_GROSS_OUTPUT, 110, 85);
	put(0, 202403, PB_M_GROSS_OUTPUT, 120, 100);
	for (int m = 1; m <= 3; m++) {
		put(1, 202300 + m, PB_M_GROSS_OUTPUT, 10, NAN);
		put(1, 202400 + m, PB_M_GROSS_OUTPUT, 12, NAN);
	}
	assert_int_equal(pb_cube_seal(cube, 1), 0);
	pb_analysis a = run(202403);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	assert_double_equal(t->month_cur, 132, EPS);
	assert_double_equal(t->month_base, 110, EPS);
	assert_double_equal(pb_agg_month_growth(t), 20, EPS);
	assert_int_equal(t->n_month_self, 1);
	assert_double_equal(t->ytd_cur, 366, EPS);
	assert_double_equal(t->ytd_base, 295, EPS);
	assert_int_equal(t->n_ytd_self, 1);
	double b;
	int self;
	assert_int_equal(pb_cube_month_base(cube, PB_M_GROSS_OUTPUT, 0, pb_cube_col(cube, 202403), &b, &self), 1);
	assert_double_equal(b, 100, EPS);
	assert_int_equal(self, 1);
	assert_int_equal(pb_cube_month_base(cube, PB_M_GROSS_OUTPUT, 1, pb_cube_col(cube, 202402), &b, &self), 1);
	assert_double_equal(b, 10, EPS);
	assert_int_equal(self, 0);
	done(&a);
}

/*
 * Share, 贡献率, 拉动 across two sectors, and the 龙头 share.
 *   X (one 龙头 firm): 2023-06 100, 2024-06 120.
 *   Y (two firms, growth tier): 2023-06 150 + 50 = 200, 2024-06 140 + 50 = 190.
 * Zone: 300 -> 310, increase 10.
 *   X: share 120/310 = 38.709677%; 贡献率 20/10 = 200%; 拉动 20/300 = 6.6667 pp.
 *   Y: share 190/310 = 61.290323%; 贡献率 -10/10 = -100%; 拉动 -10/300 = -3.3333 pp.
 *   The 贡献率 add up to 100%, the 拉动 to the zone's growth 10/300 = 3.3333%.
 *   增长面 (当月): X's firm grew, Y's first fell, its second stood still -> 1 of 3.
 *   龙头 share of the month: 120/310. Top 1 firm's share of 1-6月: only June was
 *   reported, so 1-6月 = June; the largest is Y's first firm, 140/310.
 */
static void test_contribution_pull_share(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 3, 202306, 202406), 0);
	ent(0, 1, "X", PB_TIER_LEADING, 1, 1);
	ent(1, 2, "Y", PB_TIER_GROWTH, 1, 0);
	ent(2, 3, "Y", PB_TIER_GROWTH, 0, 0);
	put(0, 202306, PB_M_GROSS_OUTPUT, 100, NAN);
	put(0, 202406, PB_M_GROSS_OUTPUT, 120, NAN);
	put(1, 202306, PB_M_GROSS_OUTPUT, 150, NAN);
	put(1, 202406, PB_M_GROSS_OUTPUT, 140, NAN);
	put(2, 202306, PB_M_GROSS_OUTPUT, 50, NAN);
	put(2, 202406, PB_M_GROSS_OUTPUT, 50, NAN);
	assert_int_equal(pb_cube_seal(cube, 2), 0);
	pb_analysis a;
	pb_analysis_opts o = { .month = 202406, .top_n = 1 };
	assert_int_equal(pb_analysis_run(&a, cube, &o), 0);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	const pb_grouping_result *s = &a.by[PB_G_SECTOR];
	assert_int_equal(s->ngroups, 2);
	/* groups are sorted by name: "X" then "Y" */
	const pb_agg *x = &s->rows[0].m[PB_M_GROSS_OUTPUT], *y = &s->rows[1].m[PB_M_GROSS_OUTPUT];
	assert_string_equal(s->rows[0].name, "X");
	assert_int_equal(s->rows[1].members, 2);
	assert_double_equal(pb_share_pct(x->month, t->month), 120.0 / 310 * 100, 1e-9);
	assert_double_equal(pb_contribution_pct(x->month_cur, x->month_base, t->month_cur, t->month_base), 200, EPS);
	assert_double_equal(pb_contribution_pct(y->month_cur, y->month_base, t->month_cur, t->month_base), -100, EPS);
	assert_double_equal(pb_pull_pp(x->month_cur, x->month_base, t->month_base), 20.0 / 3, 1e-9);
	assert_double_equal(pb_pull_pp(y->month_cur, y->month_base, t->month_base), -10.0 / 3, 1e-9);
	assert_double_equal(pb_pull_pp(x->month_cur, x->month_base, t->month_base) +
			    pb_pull_pp(y->month_cur, y->month_base, t->month_base), pb_agg_month_growth(t), 1e-9);
	assert_int_equal(t->n_month_growing, 1);
	assert_double_equal(a.leading_month_share, 120.0 / 310 * 100, 1e-9);
	assert_int_equal(a.ntop, 1);
	assert_int_equal(a.top[0].ent, 1);
	assert_double_equal(a.top_ytd_share, 140.0 / 310 * 100, 1e-9);
	/* movers: the largest increase is X's firm (+20), the largest decrease Y's first (-10) */
	assert_int_equal(a.ngainers[PB_MOVE_MONTH], 1);
	assert_int_equal(a.gainers[PB_MOVE_MONTH][0].ent, 0);
	assert_double_equal(a.gainers[PB_MOVE_MONTH][0].delta, 20, EPS);
	assert_int_equal(a.losers[PB_MOVE_MONTH][0].ent, 1);
	assert_double_equal(a.losers[PB_MOVE_MONTH][0].delta, -10, EPS);
	/* flags overlap: 高新 = firms 1 and 2 (120 + 140), 专精特新 = firm 1 (120) */
	const pb_grouping_result *f = &a.by[PB_G_FLAG];
	assert_int_equal(f->rows[0].members, 2);
	assert_double_equal(f->rows[0].m[PB_M_GROSS_OUTPUT].month, 260, EPS);
	assert_int_equal(f->rows[1].members, 1);
	assert_double_equal(f->rows[1].m[PB_M_GROSS_OUTPUT].month, 120, EPS);
	/* parks: X's firm is in 甲园, the others in 乙园 */
	assert_int_equal(a.by[PB_G_PARK].ngroups, 2);
	/* tier rows in fixed order 龙头, 骨干, 成长型, 规下, 未分层 */
	assert_int_equal(a.by[PB_G_TIER].rows[0].members, 1);
	assert_int_equal(a.by[PB_G_TIER].rows[2].members, 2);
	pb_analysis_free(&a);

	/* a scope (a park operator's parks): only Y's firms */
	uint64_t scope = (1u << 1) | (1u << 2);
	o.scope = &scope;
	assert_int_equal(pb_analysis_run(&a, cube, &o), 0);
	assert_int_equal(a.members, 2);
	assert_double_equal(a.total[PB_M_GROSS_OUTPUT].month, 190, EPS);
	assert_int_equal(a.by[PB_G_SECTOR].rows[0].members, 0);
	done(&a);
}

/*
 * Negative bases (profit): growth is not a rate; the bureau writes 扭亏为盈, 减亏, 亏损扩大.
 *   F: 2023-01 profit -100, 2024-01 profit 50  -> 扭亏为盈
 *   G: 2023-01 profit -100, 2024-01 profit -150 -> 亏损扩大
 * Zone: -200 -> -100: 减亏; the 贡献率 is still defined (F +150, G -50 of +100).
 */
static void test_negative_base(void **state)
{
	(void)state;
	assert_int_equal(pb_growth_kind_of(50, -100), PB_GROWTH_TURNAROUND);
	assert_int_equal(pb_growth_kind_of(-150, -100), PB_GROWTH_LOSS_WIDER);
	assert_int_equal(pb_growth_kind_of(-50, -100), PB_GROWTH_LOSS_NARROWER);
	assert_int_equal(pb_growth_kind_of(-50, 100), PB_GROWTH_RATE);
	assert_int_equal(pb_growth_kind_of(10, 0), PB_GROWTH_NONE);
	assert_string_equal(pb_growth_kind_name(PB_GROWTH_TURNAROUND), "扭亏为盈");
	assert_int_equal(pb_cube_new(&cube, 2, 202301, 202401), 0);
	ent(0, 1, "X", PB_TIER_GROWTH, 0, 0);
	ent(1, 2, "X", PB_TIER_GROWTH, 0, 0);
	put(0, 202301, PB_M_PROFIT, -100, NAN);
	put(0, 202401, PB_M_PROFIT, 50, NAN);
	put(1, 202301, PB_M_PROFIT, -100, NAN);
	put(1, 202401, PB_M_PROFIT, -150, NAN);
	assert_int_equal(pb_cube_seal(cube, 0), 0);
	pb_analysis a = run(202401);
	const pb_agg *t = &a.total[PB_M_PROFIT];
	assert_double_equal(t->month_cur, -100, EPS);
	assert_double_equal(t->month_base, -200, EPS);
	assert_true(isnan(pb_agg_month_growth(t)));
	assert_int_equal(pb_growth_kind_of(t->month_cur, t->month_base), PB_GROWTH_LOSS_NARROWER);
	assert_double_equal(pb_contribution_pct(50, -100, t->month_cur, t->month_base), 150, EPS);
	assert_true(isnan(pb_pull_pp(50, -100, t->month_base))); /* no pull on a negative whole */
	done(&a);
}

/*
 * 从业人员 is a headcount: 1-3月 is the average of the months, not their sum.
 *   H: 2023-01..03 = 10, 10, 10; 2024-01..03 = 10, 20, 30.
 *   1-3月: 20 vs 10 -> +100%; the month (March): 30 vs 10.
 */
static void test_stock_metric(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 1, 202301, 202403), 0);
	ent(0, 1, "X", PB_TIER_GROWTH, 0, 0);
	for (int m = 1; m <= 3; m++) {
		put(0, 202300 + m, PB_M_EMPLOYEES, 10, NAN);
		put(0, 202400 + m, PB_M_EMPLOYEES, 10.0 * m, NAN);
	}
	assert_int_equal(pb_cube_seal(cube, 1), 0);
	pb_analysis a = run(202403);
	const pb_agg *t = &a.total[PB_M_EMPLOYEES];
	assert_double_equal(t->month, 30, EPS);
	assert_double_equal(t->ytd, 20, EPS);
	assert_double_equal(t->ytd_base, 10, EPS);
	assert_double_equal(pb_agg_ytd_growth(t), 100, EPS);
	done(&a);
}

/*
 * A missing month inside a year, and the gap correction when last year had the month:
 *   K: 2023-01..03 = 10, 20, 30; 2024 reports January 15 and March 33, not February.
 * 2024-03, 1-3月: K reported January and March, both with a base: in the sample, base =
 * January + March of 2023 = 40 (not 60): 48 vs 40 = +20%. 2024-02 当月: K is "gone"
 * (reported 2023-02, not 2024-02).
 */
static void test_missing_month_gap(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 1, 202301, 202403), 0);
	ent(0, 1, "X", PB_TIER_GROWTH, 0, 0);
	put(0, 202301, PB_M_GROSS_OUTPUT, 10, NAN);
	put(0, 202302, PB_M_GROSS_OUTPUT, 20, NAN);
	put(0, 202303, PB_M_GROSS_OUTPUT, 30, NAN);
	put(0, 202401, PB_M_GROSS_OUTPUT, 15, NAN);
	put(0, 202403, PB_M_GROSS_OUTPUT, 33, NAN);
	assert_int_equal(pb_cube_seal(cube, 1), 0);
	pb_analysis a = run(202403);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	assert_double_equal(t->ytd_cur, 48, EPS);
	assert_double_equal(t->ytd_base, 40, EPS);
	assert_double_equal(pb_agg_ytd_growth(t), 20, EPS);
	assert_double_equal(t->month_cur, 33, EPS);
	assert_double_equal(t->month_base, 30, EPS);
	pb_analysis_free(&a);
	a = run(202402);
	t = &a.total[PB_M_GROSS_OUTPUT];
	assert_int_equal(t->n_month, 0);
	assert_int_equal(t->n_month_gone, 1);
	/* 1-2月: January only, with its base: 15 vs 10 */
	assert_double_equal(t->ytd_cur, 15, EPS);
	assert_double_equal(t->ytd_base, 10, EPS);
	done(&a);
}

/*
 * The zone summary's case (formerly of summary.c, now the analysis's):
 *   1 (龙头, 电子信息): 2023-02 90; 2024-01 100 (上年同期 80), 2024-02 150 (上年同期 120:
 *     the reported figure wins over its own 2023-02 row of 90)
 *   2 (成长型, 装备制造): 2023-01 40, 2023-02 50; 2024-01 44, 2024-02 60, no 上年同期
 *   3 (成长型, 电子信息): new, 2024-02 10
 * 2024-02: 当月 all reports 150 + 60 + 10 = 220; same sample 150 + 60 = 210 against
 * 120 + 50 = 170 (+23.53%); 3 left out. 1-2月: all 100 + 150 + 44 + 60 + 10 = 364; pairs
 * (100, 80) (150, 120) (44, 40) (60, 50): 354 against 290; 3 left out. 龙头 share of the
 * month 150 / 220. 电子信息: two firms, 160 in all, 150 against 120 in the sample.
 */
static void test_summary_case(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 3, 202301, 202402), 0);
	ent(0, 1, "电子信息", PB_TIER_LEADING, 0, 0);
	ent(1, 2, "装备制造", PB_TIER_GROWTH, 0, 0);
	ent(2, 3, "电子信息", PB_TIER_GROWTH, 0, 0);
	put(0, 202302, PB_M_GROSS_OUTPUT, 90, NAN);
	put(0, 202401, PB_M_GROSS_OUTPUT, 100, 80);
	put(0, 202402, PB_M_GROSS_OUTPUT, 150, 120);
	put(1, 202301, PB_M_GROSS_OUTPUT, 40, NAN);
	put(1, 202302, PB_M_GROSS_OUTPUT, 50, NAN);
	put(1, 202401, PB_M_GROSS_OUTPUT, 44, NAN);
	put(1, 202402, PB_M_GROSS_OUTPUT, 60, NAN);
	put(2, 202402, PB_M_GROSS_OUTPUT, 10, NAN);
	assert_int_equal(pb_cube_seal(cube, 1), 0);
	pb_analysis a = run(202402);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	assert_double_equal(t->month, 220, EPS);
	assert_double_equal(t->month_cur, 210, EPS);
	assert_double_equal(t->month_base, 170, EPS);
	assert_double_equal(pb_agg_month_growth(t), 23.529411764705884, 1e-9);
	assert_int_equal(t->n_month_nobase, 1);
	assert_double_equal(t->ytd, 364, EPS);
	assert_double_equal(t->ytd_cur, 354, EPS);
	assert_double_equal(t->ytd_base, 290, EPS);
	assert_int_equal(t->n_ytd_nobase, 1);
	assert_double_equal(a.leading_month_share, 150.0 / 220 * 100, 1e-9);
	const pb_group_row *el = &a.by[PB_G_SECTOR].rows[0]; /* "电子信息" < "装备制造" */
	assert_string_equal(el->name, "电子信息");
	assert_int_equal(el->members, 2);
	assert_double_equal(el->m[PB_M_GROSS_OUTPUT].month, 160, EPS);
	assert_double_equal(el->m[PB_M_GROSS_OUTPUT].month_cur, 150, EPS);
	assert_double_equal(el->m[PB_M_GROSS_OUTPUT].month_base, 120, EPS);
	done(&a);
}

/* Bad arguments are refused with a reason; the cube refuses reports outside it. */
static void test_errors(void **state)
{
	(void)state;
	assert_int_equal(pb_cube_new(&cube, 1, 202412, 202301), PB_EINVAL);
	assert_null(cube);
	assert_int_equal(pb_cube_new(&cube, 2, 202301, 202312), 0);
	ent(0, 5, "X", PB_TIER_GROWTH, 0, 0);
	pb_enterprise older = { .id = 4, .uscc = "x", .name = "y", .sector = "X", .tier = 3 };
	assert_int_equal(pb_cube_set_enterprise(cube, 1, &older, NULL), PB_EINVAL);
	assert_int_equal(pb_cube_seal(cube, 1), PB_EINVAL); /* enterprise 1 never described */
	older.id = 6;
	older.sector = NULL;
	assert_int_equal(pb_cube_set_enterprise(cube, 1, &older, NULL), 0);
	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.month = 202401;
	assert_int_equal(pb_cube_put(cube, 0, &m), PB_EINVAL);
	assert_int_equal(pb_cube_seal(cube, 1), 0);
	m.month = 202301;
	assert_int_equal(pb_cube_put(cube, 0, &m), PB_EINVAL); /* sealed */
	pb_analysis a;
	pb_analysis_opts o = { .month = 202401 };
	assert_int_equal(pb_analysis_run(&a, cube, &o), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "2024年1月"));
	pb_analysis_free(&a);
	pb_grouping g;
	assert_int_equal(pb_grouping_parse(&g, "park"), 0);
	assert_int_equal(g, PB_G_PARK);
	assert_int_equal(pb_grouping_parse(&g, "nope"), PB_EINVAL);
	/* an enterprise without park or sector falls in the "none" groups */
	assert_string_equal(cube->group_name[PB_G_PARK][cube->group[PB_G_PARK][1]], "园区外");
	pb_cube_free(cube);
	cube = NULL;
}

/* Many enterprises over several threads give exactly the one-thread result. */
static void test_threads_agree(void **state)
{
	(void)state;
	size_t n = 1000;
	assert_int_equal(pb_cube_new(&cube, n, 202301, 202412), 0);
	for (size_t e = 0; e < n; e++)
		ent(e, (int64_t)e + 1, e % 3 ? "X" : "Y", 1 + (int)(e % 4), (int)(e % 2), 0);
	for (size_t e = 0; e < n; e++)
		for (int t = 0; t < 24; t++)
			if ((e + (size_t)t) % 7)
				put(e, pb_month_add(202301, t), PB_M_GROSS_OUTPUT, (double)((e * 31 + (size_t)t * 7) % 101), NAN);
	assert_int_equal(pb_cube_seal(cube, 3), 0);
	pb_analysis a1, a4;
	pb_analysis_opts o1 = { .month = 202409, .threads = 1 }, o4 = { .month = 202409, .threads = 4 };
	assert_int_equal(pb_analysis_run(&a1, cube, &o1), 0);
	assert_int_equal(pb_analysis_run(&a4, cube, &o4), 0);
	const pb_agg *x = &a1.total[0], *y = &a4.total[0];
	assert_double_equal(x->ytd_cur, y->ytd_cur, 1e-6);
	assert_double_equal(x->ytd_base, y->ytd_base, 1e-6);
	assert_int_equal(x->n_ytd_sample, y->n_ytd_sample);
	assert_int_equal(x->n_month_gone, y->n_month_gone);
	for (size_t i = 0; i < a1.ngainers[1]; i++)
		assert_int_equal(a1.gainers[1][i].ent, a4.gainers[1][i].ent);
	/* and the totals equal a direct sum over the cube's reading helpers */
	double cur = 0, base = 0;
	int t = pb_cube_col(cube, 202409);
	for (size_t e = 0; e < n; e++) {
		double c, b;
		if (pb_cube_ytd_pair(cube, 0, e, t, &c, &b))
			cur += c, base += b;
	}
	assert_double_equal(x->ytd_cur, cur, 1e-6);
	assert_double_equal(x->ytd_base, base, 1e-6);
	pb_analysis_free(&a1);
	pb_analysis_free(&a4);
	pb_cube_free(cube);
	cube = NULL;
}

/*
 * Every grouping's rows equal a direct sum over the enterprises of each group, with
 * attributes that vary independently (so no grouping can stand in for another: the
 * cells must keep every one of them apart).
 */
static void test_groupings_equal_direct_sums(void **state)
{
	(void)state;
	static const char *const sectors[] = { "甲", "乙", "丙" };
	static const char *const parks[] = { "一园", "二园", "三园" };
	static const char *const codes[] = { "C3922", "C3462", "C1620" };
	size_t n = 300;
	assert_int_equal(pb_cube_new(&cube, n, 202401, 202412), 0);
	for (size_t e = 0; e < n; e++) {
		int tier = 1 + (int)((e / 7) % 4);
		pb_enterprise x = { .id = (int64_t)e + 1, .uscc = "u", .name = "n",
				    .industry = codes[(e / 3) % 3], .sector = sectors[e % 3],
				    .tier = tier, .above_scale = tier != PB_TIER_BELOW,
				    .high_tech = (int)((e / 11) % 2), .specialized = (int)((e / 13) % 2),
				    .tech_sme = (int)((e / 17) % 2) };
		assert_int_equal(pb_cube_set_enterprise(cube, e, &x, parks[(e / 9) % 3]), 0);
		put(e, 202405, PB_M_GROSS_OUTPUT, (double)(e % 97) + 1, NAN);
	}
	assert_int_equal(pb_cube_seal(cube, 2), 0);
	pb_analysis a = run(202405);
	int t = pb_cube_col(cube, 202405);
	for (int g = 0; g < PB_GROUPING_COUNT; g++) {
		const pb_grouping_result *r = &a.by[g];
		double want[8] = { 0 };
		int64_t members[8] = { 0 };
		assert_true(r->ngroups <= 8);
		for (size_t e = 0; e < n; e++) {
			double v = pb_cube_ytd(cube, PB_M_GROSS_OUTPUT, e, t);
			if (g == PB_G_FLAG) {
				for (unsigned f = cube->ent[e].flags, b = 0; f; f >>= 1, b++)
					if (f & 1)
						want[b] += v, members[b]++;
				continue;
			}
			want[cube->group[g][e]] += v;
			members[cube->group[g][e]]++;
		}
		for (size_t i = 0; i < r->ngroups; i++) {
			assert_int_equal(r->rows[i].members, members[i]);
			assert_double_equal(r->rows[i].m[PB_M_GROSS_OUTPUT].ytd, want[i], 1e-9);
		}
	}
	/* and the dictionaries are what the attributes say: sectors sorted by name */
	assert_int_equal(a.by[PB_G_SECTOR].ngroups, 3);
	assert_int_equal(a.by[PB_G_DIVISION].ngroups, 3);
	assert_string_equal(a.by[PB_G_DIVISION].rows[0].code, "C16");
	assert_string_equal(a.by[PB_G_DIVISION].rows[0].name, "烟草制品业");
	assert_int_equal(a.by[PB_G_PARK].ngroups, 3);
	done(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_sample_entering_leaving),
		cmocka_unit_test(test_self_reported_base),
		cmocka_unit_test(test_contribution_pull_share),
		cmocka_unit_test(test_negative_base),
		cmocka_unit_test(test_stock_metric),
		cmocka_unit_test(test_missing_month_gap),
		cmocka_unit_test(test_summary_case),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_threads_agree),
		cmocka_unit_test(test_groupings_equal_direct_sums),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
