/* test_mujun.c - the 亩均 evaluation (src/core/mujun.h) on schemes built here in C and a
 * handful of enterprises each. Every expected figure is worked out in the comment beside
 * it from the scheme's published rule (points = value / 基准值 × 权重) and the header's
 * semantics; the inputs are chosen so that the ratios are simple multiples of the
 * baselines. The last tests check that any thread count gives the same bytes. */
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
#include "mujun.h"

/* cmocka 1.1 has no assert_double_equal */
#define near(a, b) (fabs((double)(a) - (double)(b)) <= 1e-9 * (1 + fabs((double)(b))))
#define assert_near(a, b) assert_true(near((a), (b)))

#define MAXN 32

/* ---- building schemes and inputs ----------------------------------------------------- */

static pb_mujun_scheme *scheme_new(const char *key)
{
	pb_mujun_scheme *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	snprintf(s->key, sizeof(s->key), "%s", key);
	return s;
}

/* A group classed by quota A25/B45/C25/D5 until told otherwise. */
static pb_mujun_group *group_add(pb_mujun_scheme *s, const char *key, int above, double min_land,
				 double max_land)
{
	assert_true(s->ngroups < PB_MUJUN_MAX_GROUPS);
	pb_mujun_group *g = &s->group[s->ngroups++];
	snprintf(g->key, sizeof(g->key), "%s", key);
	g->above_scale = above;
	g->leased = -1;
	g->min_land = min_land;
	g->max_land = max_land;
	g->classing = (pb_mujun_classing){ PB_MCM_QUOTA, { 25, 45, 25, 5 }, { 0, 0, 0 } };
	return g;
}

static pb_mujun_indicator *ind_add(pb_mujun_group *g, const char *key, pb_mujun_measure num,
				   pb_mujun_measure den, double baseline, double weight)
{
	assert_true(g->nind < PB_MUJUN_MAX_IND);
	pb_mujun_indicator *d = &g->ind[g->nind++];
	snprintf(d->key, sizeof(d->key), "%s", key);
	d->num = num;
	d->den = den;
	d->factor = 1;
	d->baseline = baseline;
	d->weight = weight;
	d->cap = INFINITY;
	d->floor = 0;
	return d;
}

static void thresholds(pb_mujun_group *g, double a, double b, double c)
{
	g->classing = (pb_mujun_classing){ PB_MCM_THRESHOLD, { 0, 0, 0, 0 }, { a, b, c } };
}

/* The rule's bit. */
static uint32_t rule_add(pb_mujun_scheme *s, const char *key, pb_mujun_effect e)
{
	pb_mujun_rule *r = &s->rule[s->nrules];
	snprintf(r->key, sizeof(r->key), "%s", key);
	r->effect = e;
	return 1u << s->nrules++;
}

/* n enterprises, every figure missing, no park or sector, 规下, no rules. */
typedef struct fixture {
	double m[PB_MM_COUNT][MAXN];
	uint8_t above[MAXN], leased[MAXN];
	uint32_t park[MAXN], sector[MAXN], rules[MAXN];
	pb_mujun_input in;
} fixture;

static fixture *fixture_new(size_t n)
{
	assert_true(n <= MAXN);
	fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	for (int k = 0; k < PB_MM_COUNT; k++) {
		for (size_t i = 0; i < MAXN; i++)
			f->m[k][i] = NAN;
		f->in.m[k] = f->m[k];
	}
	for (size_t i = 0; i < MAXN; i++)
		f->park[i] = f->sector[i] = UINT32_MAX;
	f->in.n = n;
	f->in.above_scale = f->above;
	f->in.leased = f->leased;
	f->in.park = f->park;
	f->in.sector = f->sector;
	f->in.rules = f->rules;
	return f;
}

/* Enterprise i's figures: vals[k] of measure cols[k]. */
static void put(fixture *f, size_t i, const pb_mujun_measure *cols, const double *vals, size_t n)
{
	for (size_t k = 0; k < n; k++)
		f->m[cols[k]][i] = vals[k];
}

/* The header's invariants of a result. */
static void check_invariants(const pb_mujun_result *r, const pb_mujun_scheme *s)
{
	uint32_t exclude = 0;
	for (size_t k = 0; k < s->nrules; k++)
		exclude |= s->rule[k].effect == PB_ME_EXCLUDE ? 1u << k : 0;
	int64_t by_group = 0;
	for (size_t g = 0; g < s->ngroups; g++)
		for (int c = 0; c < PB_MC_COUNT; c++)
			by_group += r->count[g][c];
	int64_t in_groups = 0;
	for (size_t i = 0; i < r->n; i++) {
		int none = r->group[i] < 0 || (r->rules[i] & exclude);
		int unscored = none || r->cls[i] == PB_MC_INCOMPLETE;
		in_groups += r->group[i] >= 0;
		assert_int_equal(r->cls[i] == PB_MC_NONE, none);
		assert_int_equal(isnan(r->total[i]), unscored);
		assert_int_equal(r->rank_zone[i] == 0, unscored);
		assert_int_equal(r->rank_sector[i] == 0, unscored);
		assert_int_equal(r->rank_park[i] == 0, unscored);
		assert_true(r->cls[i] < PB_MC_COUNT && r->cls_score[i] < PB_MC_COUNT);
	}
	assert_int_equal(by_group, in_groups);
}

static pb_mujun_result evaluate(const pb_mujun_scheme *s, const fixture *f)
{
	pb_mujun_result r;
	int rc = pb_mujun_evaluate(&r, s, &f->in, 2);
	if (rc)
		fail_msg("%s", pb_error_last());
	check_invariants(&r, s);
	return r;
}

static double points(const pb_mujun_result *r, size_t s, size_t i)
{
	return r->points[s * r->n + i];
}

static double value(const pb_mujun_result *r, size_t s, size_t i)
{
	return r->value[s * r->n + i];
}

static uint8_t flags(const pb_mujun_result *r, size_t s, size_t i)
{
	return r->flags[s * r->n + i];
}

/* ---- names ------------------------------------------------------------------------ */

static void test_names(void **state)
{
	(void)state;
	static const char *const keys[] = { "land", "tax", "revenue", "gross_output", "sales_output",
					    "value_added", "energy", "electricity", "emissions", "cod",
					    "water", "employees", "rd", "one" };
	for (int k = 0; k < PB_MM_COUNT; k++) {
		pb_mujun_measure m;
		assert_string_equal(pb_mujun_measure_key((pb_mujun_measure)k), keys[k]);
		assert_int_equal(pb_mujun_measure_parse(&m, keys[k]), 0);
		assert_int_equal(m, k);
		assert_non_null(pb_mujun_measure_name((pb_mujun_measure)k));
		assert_non_null(pb_mujun_measure_name_en((pb_mujun_measure)k));
		assert_non_null(pb_mujun_measure_unit((pb_mujun_measure)k));
	}
	assert_string_equal(pb_mujun_measure_name(PB_MM_VALUE_ADDED), "工业增加值");
	assert_string_equal(pb_mujun_measure_unit(PB_MM_ENERGY), "吨标准煤");
	assert_string_equal(pb_mujun_measure_unit(PB_MM_ELECTRICITY), "万千瓦时");
	assert_null(pb_mujun_measure_key(PB_MM_COUNT));
	assert_null(pb_mujun_measure_name((pb_mujun_measure)-1));
	pb_mujun_measure m;
	assert_int_equal(pb_mujun_measure_parse(&m, "tax_revenue"), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "value_added")); /* it lists the keys */

	static const char *const cls[] = { "A", "B", "C", "D", "T", "incomplete", "none" };
	for (int c = 0; c < PB_MC_COUNT; c++) {
		pb_mujun_class x;
		assert_string_equal(pb_mujun_class_key((pb_mujun_class)c), cls[c]);
		assert_int_equal(pb_mujun_class_parse(&x, cls[c]), 0);
		assert_int_equal(x, c);
	}
	pb_mujun_class x;
	assert_int_equal(pb_mujun_class_parse(&x, "a"), PB_EINVAL);
	assert_null(pb_mujun_class_key(PB_MC_COUNT));

	static const char *const eff[] = { "force_d", "bar_ab", "no_d", "unsuited", "exclude" };
	for (int e = 0; e < PB_ME_COUNT; e++) {
		pb_mujun_effect y;
		assert_string_equal(pb_mujun_effect_key((pb_mujun_effect)e), eff[e]);
		assert_int_equal(pb_mujun_effect_parse(&y, eff[e]), 0);
		assert_int_equal(y, e);
	}
	assert_string_equal(pb_mujun_effect_name(PB_ME_FORCE_D), "一票否决（定为D类）");
	assert_string_equal(pb_mujun_effect_name(PB_ME_EXCLUDE), "不参评");
	pb_mujun_effect y;
	assert_int_equal(pb_mujun_effect_parse(&y, "veto"), PB_EINVAL);
	assert_null(pb_mujun_effect_name(PB_ME_COUNT));
}

/* ---- Huangyan 2022 ----------------------------------------------------------------- */

/* 黄岩区2022年度: 规上 six indicators, emissions imputed by the group average; 规下 two. */
static pb_mujun_scheme *huangyan(void)
{
	pb_mujun_scheme *s = scheme_new("huangyan-2022");
	pb_mujun_group *g = group_add(s, "above", 1, 0, INFINITY);
	ind_add(g, "tax_per_mu", PB_MM_TAX, PB_MM_LAND, 24.097, 30);
	ind_add(g, "va_per_mu", PB_MM_VALUE_ADDED, PB_MM_LAND, 136.16, 20);
	ind_add(g, "va_per_energy", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 2.694, 20);
	ind_add(g, "va_per_emission", PB_MM_VALUE_ADDED, PB_MM_EMISSIONS, 4929.81, 10)->on_missing =
		PB_MISS_GROUP_AVERAGE;
	ind_add(g, "labour", PB_MM_VALUE_ADDED, PB_MM_EMPLOYEES, 18.14, 10);
	ind_add(g, "rd_share", PB_MM_RD, PB_MM_REVENUE, 0.0302, 10); /* a fraction, not % */
	g = group_add(s, "below", 0, 0, INFINITY);
	ind_add(g, "tax_per_mu", PB_MM_TAX, PB_MM_LAND, 11.5932, 50);
	ind_add(g, "tax_per_kwh", PB_MM_TAX, PB_MM_ELECTRICITY, 0.2352, 50); /* 万元/万kWh = 元/kWh */
	assert_int_equal(pb_mujun_scheme_check(s), 0);
	return s;
}

static void test_huangyan(void **state)
{
	(void)state;
	pb_mujun_scheme *s = huangyan();
	fixture *f = fixture_new(5);
	static const pb_mujun_measure cols[] = { PB_MM_LAND,	  PB_MM_TAX,	   PB_MM_VALUE_ADDED,
						 PB_MM_ENERGY,	  PB_MM_EMISSIONS, PB_MM_EMPLOYEES,
						 PB_MM_RD,	  PB_MM_REVENUE,   PB_MM_ELECTRICITY };
	/* E1 (规上), 10 亩:
	 *   亩均税收 361.455 / 10 = 36.1455 = 1.5 × 24.097      → 1.5 × 30 = 45
	 *   亩均增加值 680.8 / 10 = 68.08 = 0.5 × 136.16          → 0.5 × 20 = 10
	 *   单位能耗增加值 680.8 / energy = 5.388 = 2 × 2.694     → 2 × 20 = 40
	 *   单位排放增加值 680.8 / emissions = 4929.81 (1×)        → 10
	 *   全员劳动生产率 680.8 / employees = 54.42 = 3 × 18.14  → 30
	 *   研发经费占比 151 / 10000 = 0.0151 = 0.5 × 0.0302       → 5
	 *   total 45 + 10 + 40 + 10 + 30 + 5 = 140 */
	const double e1[] = { 10, 361.455, 680.8, 680.8 / 5.388, 680.8 / 4929.81, 680.8 / 54.42,
			      151, 10000, NAN };
	/* E2 (规上), 20 亩, no emissions reported:
	 *   亩均税收 120.485 / 20 = 6.02425 = 0.25 × 24.097     → 7.5
	 *   亩均增加值 2723.2 / 20 = 136.16 (1×)                  → 20
	 *   单位能耗增加值 2723.2 / energy = 1.347 = 0.5 × 2.694  → 10
	 *   单位排放增加值 missing: the group average of E1's 10 and E3's 20 = 15
	 *   全员劳动生产率 2723.2 / employees = 18.14 (1×)        → 10
	 *   研发经费占比 302 / 5000 = 0.0604 = 2 × 0.0302          → 20
	 *   total 7.5 + 20 + 10 + 15 + 10 + 20 = 82.5 */
	const double e2[] = { 20, 120.485, 2723.2, 2723.2 / 1.347, NAN, 2723.2 / 18.14,
			      302, 5000, NAN };
	/* E3 (规上), 5 亩:
	 *   亩均税收 240.97 / 5 = 48.194 = 2 × 24.097            → 60
	 *   亩均增加值 170.2 / 5 = 34.04 = 0.25 × 136.16          → 5
	 *   单位能耗增加值 170.2 / energy = 2.694 (1×)             → 20
	 *   单位排放增加值 170.2 / emissions = 9859.62 (2×)        → 20
	 *   全员劳动生产率 170.2 / employees = 9.07 (0.5×)         → 5
	 *   研发经费占比 0 / 1000 = 0 (a value, not a missing one) → 0
	 *   total 60 + 5 + 20 + 20 + 5 + 0 = 110 */
	const double e3[] = { 5, 240.97, 170.2, 170.2 / 2.694, 170.2 / 9859.62, 170.2 / 9.07,
			      0, 1000, NAN };
	/* B1 (规下), 8 亩: 亩均税收 92.7456 / 8 = 11.5932 (1×) → 50; 单位电耗税收
	 * 92.7456 / elec = 0.1176 元/kWh = 0.5 × 0.2352 → 25; total 75 */
	const double b1[] = { 8, 92.7456, NAN, NAN, NAN, NAN, NAN, NAN, 92.7456 / 0.1176 };
	/* B2 (规下), 4 亩: 亩均税收 69.5592 / 4 = 17.3898 = 1.5 × 11.5932 → 75; 单位电耗税收
	 * 0.4704 = 2 × 0.2352 → 100; total 175 */
	const double b2[] = { 4, 69.5592, NAN, NAN, NAN, NAN, NAN, NAN, 69.5592 / 0.4704 };
	const double *all[] = { e1, e2, e3, b1, b2 };
	for (size_t i = 0; i < 5; i++) {
		put(f, i, cols, all[i], 9);
		f->above[i] = i < 3;
	}

	pb_mujun_result r = evaluate(s, f);
	static const int group[] = { 0, 0, 0, 1, 1 };
	static const double total[] = { 140, 82.5, 110, 75, 175 };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(r.group[i], group[i]);
		assert_near(r.total[i], total[i]);
	}
	static const double p1[] = { 45, 10, 40, 10, 30, 5 }, p2[] = { 7.5, 20, 10, 15, 10, 20 };
	for (size_t k = 0; k < 6; k++) {
		assert_near(points(&r, k, 0), p1[k]);
		assert_near(points(&r, k, 1), p2[k]);
	}
	assert_near(value(&r, 0, 0), 36.1455);
	assert_near(value(&r, 5, 0), 0.0151);
	assert_near(value(&r, 5, 2), 0);
	assert_int_equal(flags(&r, 5, 2), 0);
	/* E2's emissions: missing, imputed */
	assert_true(isnan(value(&r, 3, 1)));
	assert_int_equal(flags(&r, 3, 1), PB_MF_MISSING | PB_MF_IMPUTED);
	/* 规下 has two slots: the other four are NaN / 0 / 0 */
	assert_near(points(&r, 1, 3), 25);
	for (size_t k = 2; k < 6; k++) {
		assert_true(isnan(value(&r, k, 4)));
		assert_near(points(&r, k, 4), 0);
		assert_int_equal(flags(&r, k, 4), 0);
	}
	/* ranks within each group: 140 > 110 > 82.5; 175 > 75 */
	assert_int_equal(r.rank_zone[0], 1);
	assert_int_equal(r.rank_zone[2], 2);
	assert_int_equal(r.rank_zone[1], 3);
	assert_int_equal(r.rank_zone[4], 1);
	assert_int_equal(r.rank_zone[3], 2);
	/* quota A25/B45/C25/D5. 规上 n = 3: cum A = round(0.75) = 1, B = round(2.1) = 2,
	 * C = round(2.85) = 3: A, B, C by rank. 规下 n = 2: A = round(0.5) = 1 (half up),
	 * B = round(1.4) = 1, C = round(1.9) = 2: B2 A, B1 C. */
	assert_int_equal(r.cls[0], PB_MC_A);
	assert_int_equal(r.cls[2], PB_MC_B);
	assert_int_equal(r.cls[1], PB_MC_C);
	assert_int_equal(r.cls[4], PB_MC_A);
	assert_int_equal(r.cls[3], PB_MC_C);
	assert_int_equal(r.ranked[0], 3);
	assert_int_equal(r.ranked[1], 2);
	assert_int_equal(r.count[1][PB_MC_A], 1);
	assert_int_equal(r.count[1][PB_MC_B], 0);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- Linhai ------------------------------------------------------------------------- */

/* 临海: ≥3亩 six indicators, <3亩 three. The cap of 60 on ≥3亩's 亩均税收 is this test's
 * own (to see a cap hit), not Linhai's published rule. */
static pb_mujun_scheme *linhai(void)
{
	pb_mujun_scheme *s = scheme_new("linhai");
	pb_mujun_group *g = group_add(s, "large", -1, 3, INFINITY);
	ind_add(g, "tax_per_mu", PB_MM_TAX, PB_MM_LAND, 15, 40)->cap = 60;
	ind_add(g, "sales_per_mu", PB_MM_REVENUE, PB_MM_LAND, 300, 10);
	ind_add(g, "va_per_energy", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 3, 20);
	ind_add(g, "va_per_cod", PB_MM_VALUE_ADDED, PB_MM_COD, 500, 15);
	ind_add(g, "va_per_water", PB_MM_VALUE_ADDED, PB_MM_WATER, 0.1, 5);
	ind_add(g, "labour", PB_MM_VALUE_ADDED, PB_MM_EMPLOYEES, 15, 10);
	g = group_add(s, "small", -1, 0, 3);
	ind_add(g, "tax_per_mu", PB_MM_TAX, PB_MM_LAND, 15, 50);
	ind_add(g, "sales_per_mu", PB_MM_REVENUE, PB_MM_LAND, 300, 20);
	ind_add(g, "tax_per_kwh", PB_MM_TAX, PB_MM_ELECTRICITY, 2, 30);
	assert_int_equal(pb_mujun_scheme_check(s), 0);
	return s;
}

static void test_linhai(void **state)
{
	(void)state;
	pb_mujun_scheme *s = linhai();
	fixture *f = fixture_new(6);
	double(*m)[MAXN] = f->m;
	/* L1, exactly 3 亩: ≥3亩 (land ≥ min_land 3; <3亩 wants land < 3).
	 *   亩均税收 60 / 3 = 20 → 20/15 × 40 = 53.333...
	 *   亩均销售收入 900 / 3 = 300 → 10
	 *   单位能耗增加值 60 / 10 = 6 = 2 × 3 → 40
	 *   单位COD排放增加值 60 / 0.12 = 500 → 15
	 *   单位用水量增加值 60 / 600 = 0.1 → 5
	 *   全员劳动生产率 60 / 4 = 15 → 10
	 *   total 53.333... + 80 = 133.333... */
	double l1[] = { 3, 60, 900, 60, 10, 0.12, 600, 4 };
	/* L2, 10 亩:
	 *   亩均税收 450 / 10 = 45 = 3 × 15 → 120, capped at 60
	 *   亩均销售收入 1500 / 10 = 150 → 0.5 × 10 = 5
	 *   单位能耗增加值 300 / 200 = 1.5 → 0.5 × 20 = 10
	 *   单位COD排放增加值 300 / 0.3 = 1000 → 2 × 15 = 30
	 *   单位用水量增加值 300 / 3000 = 0.1 → 5
	 *   全员劳动生产率 300 / 40 = 7.5 → 5
	 *   total 60 + 5 + 10 + 30 + 5 + 5 = 115 */
	double l2[] = { 10, 450, 1500, 300, 200, 0.3, 3000, 40 };
	static const pb_mujun_measure cols[] = { PB_MM_LAND, PB_MM_TAX, PB_MM_REVENUE,
						 PB_MM_VALUE_ADDED, PB_MM_ENERGY, PB_MM_COD,
						 PB_MM_WATER, PB_MM_EMPLOYEES };
	put(f, 0, cols, l1, 8);
	put(f, 1, cols, l2, 8);
	/* L3, 2 亩: 亩均税收 60 / 2 = 30 → 2 × 50 = 100; 亩均销售收入 300 / 2 = 150 →
	 * 0.5 × 20 = 10; 单位电耗税收 60 万元 / 30 万kWh = 2 元/kWh → 30; total 140 */
	m[PB_MM_LAND][2] = 2;
	m[PB_MM_TAX][2] = 60;
	m[PB_MM_REVENUE][2] = 300;
	m[PB_MM_ELECTRICITY][2] = 30;
	/* L4, 1 亩, a negative tax (refunds): 亩均税收 -5 → -16.67, floored at 0;
	 * 亩均销售收入 600 → 2 × 20 = 40; 单位电耗税收 -5 / 10 = -0.5 → -7.5, floored at 0;
	 * total 40 */
	m[PB_MM_LAND][3] = 1;
	m[PB_MM_TAX][3] = -5;
	m[PB_MM_REVENUE][3] = 600;
	m[PB_MM_ELECTRICITY][3] = 10;
	/* L5, land unknown: both groups bound land, so neither takes it - 不参评 */
	m[PB_MM_TAX][4] = 10;
	/* L6, no land (0 亩): <3亩, but 亩均 of nothing is missing, not a division by zero:
	 * 数据不全. 单位电耗税收 10 / 5 = 2 → 30 is still computed. */
	m[PB_MM_LAND][5] = 0;
	m[PB_MM_TAX][5] = 10;
	m[PB_MM_REVENUE][5] = 100;
	m[PB_MM_ELECTRICITY][5] = 5;

	pb_mujun_result r = evaluate(s, f);
	static const int group[] = { 0, 0, 1, 1, -1, 1 };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(r.group[i], group[i]);
	assert_near(r.total[0], 133.33333333333333);
	assert_near(points(&r, 0, 0), 53.333333333333333);
	assert_int_equal(flags(&r, 0, 0), 0);
	assert_near(r.total[1], 115);
	assert_near(value(&r, 0, 1), 45);
	assert_near(points(&r, 0, 1), 60);
	assert_int_equal(flags(&r, 0, 1), PB_MF_CAPPED);
	assert_near(r.total[2], 140);
	assert_near(points(&r, 2, 2), 30);
	assert_near(r.total[3], 40);
	assert_near(value(&r, 0, 3), -5);
	assert_near(points(&r, 0, 3), 0);
	assert_int_equal(flags(&r, 0, 3), PB_MF_FLOORED);
	assert_near(value(&r, 2, 3), -0.5);
	assert_int_equal(flags(&r, 2, 3), PB_MF_FLOORED);
	assert_int_equal(r.cls[4], PB_MC_NONE);
	assert_true(isnan(value(&r, 0, 4)));
	assert_int_equal(r.cls[5], PB_MC_INCOMPLETE);
	assert_true(isnan(value(&r, 0, 5)));
	assert_int_equal(flags(&r, 0, 5), PB_MF_MISSING);
	assert_int_equal(flags(&r, 1, 5), PB_MF_MISSING);
	assert_near(points(&r, 2, 5), 30);
	/* <3亩 has three slots of the six */
	assert_true(isnan(value(&r, 3, 2)));
	assert_int_equal(flags(&r, 5, 2), 0);
	/* ranks: ≥3亩 133.3 > 115; <3亩 140 > 40, L6 unranked */
	assert_int_equal(r.rank_zone[0], 1);
	assert_int_equal(r.rank_zone[1], 2);
	assert_int_equal(r.rank_zone[2], 1);
	assert_int_equal(r.rank_zone[3], 2);
	assert_int_equal(r.rank_zone[5], 0);
	assert_int_equal(r.count[1][PB_MC_INCOMPLETE], 1);
	assert_int_equal(r.ranked[1], 2);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- classing ----------------------------------------------------------------------- */

/* One indicator whose points are the tax itself: tax / 1 / 1 × 1. */
static pb_mujun_scheme *plain(void)
{
	pb_mujun_scheme *s = scheme_new("plain");
	pb_mujun_group *g = group_add(s, "g", -1, 0, INFINITY);
	ind_add(g, "score", PB_MM_TAX, PB_MM_ONE, 1, 1);
	return s;
}

static fixture *scores(const double *t, size_t n)
{
	fixture *f = fixture_new(n);
	for (size_t i = 0; i < n; i++)
		f->m[PB_MM_TAX][i] = t[i];
	return f;
}

static void test_quota_ties(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	/* 20 enterprises, in no order. Sorted: 100 95 90 85 80 80 75 70 65 60 55 50 45 40 40
	 * 35 30 25 20 15, so ranks 1 2 3 4 5 5 7 ... 13 14 14 16 17 18 19 20.
	 * A25/B45/C25/D5 of 20: cum A = 5, B = 14, C = 19, D = 20.
	 * A: rank ≤ 5 - 100 95 90 85 and both 80s (the tie straddles 5|6): 6
	 * B: rank ≤ 14 - 75 70 65 60 55 50 45 and both 40s (straddling 14|15): 9
	 * C: rank ≤ 19 - 35 30 25 20: 4;  D: 15: 1 */
	static const double t[] = { 35, 100, 80, 15, 40, 75, 90, 20, 55, 80,
				    60, 45, 95, 25, 40, 70, 85, 30, 65, 50 };
	fixture *f = scores(t, 20);
	pb_mujun_result r = evaluate(s, f);
	assert_int_equal(r.count[0][PB_MC_A], 6);
	assert_int_equal(r.count[0][PB_MC_B], 9);
	assert_int_equal(r.count[0][PB_MC_C], 4);
	assert_int_equal(r.count[0][PB_MC_D], 1);
	assert_int_equal(r.rank_zone[2], 5); /* the 80s */
	assert_int_equal(r.rank_zone[9], 5);
	assert_int_equal(r.cls[2], PB_MC_A);
	assert_int_equal(r.cls[9], PB_MC_A);
	assert_int_equal(r.rank_zone[5], 7); /* 75 */
	assert_int_equal(r.cls[5], PB_MC_B);
	assert_int_equal(r.rank_zone[4], 14); /* the 40s */
	assert_int_equal(r.rank_zone[14], 14);
	assert_int_equal(r.cls[4], PB_MC_B);
	assert_int_equal(r.cls[14], PB_MC_B);
	assert_int_equal(r.rank_zone[0], 16); /* 35 */
	assert_int_equal(r.cls[0], PB_MC_C);
	assert_int_equal(r.rank_zone[3], 20); /* 15 */
	assert_int_equal(r.cls[3], PB_MC_D);
	pb_mujun_result_free(&r);
	free(f);

	/* 10 distinct: cum A = round(2.5) = 3 (half up), B = round(7) = 7,
	 * C = round(9.5) = 10, D = 10: A 3, B 4, C 3, D 0 */
	static const double u[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
	f = scores(u, 10);
	r = evaluate(s, f);
	assert_int_equal(r.count[0][PB_MC_A], 3);
	assert_int_equal(r.count[0][PB_MC_B], 4);
	assert_int_equal(r.count[0][PB_MC_C], 3);
	assert_int_equal(r.count[0][PB_MC_D], 0);
	assert_int_equal(r.cls[2], PB_MC_A);
	assert_int_equal(r.cls[3], PB_MC_B);
	assert_int_equal(r.cls[9], PB_MC_C);
	pb_mujun_result_free(&r);
	free(f);

	/* 4 equal: all rank 1, and rank 1 ≤ cum A = round(1) = 1, so all are A - the tie
	 * at the boundary goes to the better class, however many share it. Without the
	 * optional arrays: no park, no sector, no rule, 规下 (the group takes either). */
	static const double w[] = { 7, 7, 7, 7 };
	f = scores(w, 4);
	f->in.park = f->in.sector = f->in.rules = NULL;
	f->in.above_scale = f->in.leased = NULL;
	r = evaluate(s, f);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(r.rank_zone[i], 1);
		assert_int_equal(r.rank_sector[i], 1);
		assert_int_equal(r.rank_park[i], 1);
		assert_int_equal(r.cls[i], PB_MC_A);
	}
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

static void test_thresholds(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	thresholds(&s->group[0], 80, 60, 40);
	/* A ≥ 80, B ≥ 60, C ≥ 40, else D; the boundaries belong to the better class */
	static const double t[] = { 100, 80, 79.5, 60, 59.9, 40, 39.9, 0 };
	static const pb_mujun_class want[] = { PB_MC_A, PB_MC_A, PB_MC_B, PB_MC_B,
					       PB_MC_C, PB_MC_C, PB_MC_D, PB_MC_D };
	fixture *f = scores(t, 8);
	pb_mujun_result r = evaluate(s, f);
	for (size_t i = 0; i < 8; i++) {
		assert_int_equal(r.cls[i], want[i]);
		assert_int_equal(r.cls_score[i], want[i]);
		assert_int_equal(r.rank_zone[i], i + 1);
	}
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- rules -------------------------------------------------------------------------- */

static void test_rules(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	thresholds(&s->group[0], 80, 60, 40);
	uint32_t force = rule_add(s, "safety_accident", PB_ME_FORCE_D);
	uint32_t bar = rule_add(s, "env_violation", PB_ME_BAR_AB);
	uint32_t nod = rule_add(s, "new_enterprise", PB_ME_NO_D);
	uint32_t uns = rule_add(s, "utility", PB_ME_UNSUITED);
	uint32_t exc = rule_add(s, "closed", PB_ME_EXCLUDE);
	assert_int_equal(pb_mujun_scheme_rule(s, "new_enterprise"), 2);
	assert_int_equal(pb_mujun_scheme_rule(s, "flood"), -1);
	/* A ≥ 80, B ≥ 60, C ≥ 40. Score, rules → class, what moved it:
	 *  0: 90 FORCE_D          A → D   FORCE_D
	 *  1: 90 BAR_AB           A → C   BAR_AB
	 *  2: 10 NO_D             D → C   PROTECTED
	 *  3: 90 NO_D             A → A   (nothing to protect from)
	 *  4: 10 NO_D + BAR_AB    D → D   (the protection yields to BAR_AB)
	 *  5: 90 NO_D + BAR_AB    A → C   BAR_AB
	 *  6: 10 NO_D + FORCE_D   D → D   (D by score already: nothing moved)
	 *  7: 90 NO_D + FORCE_D   A → D   FORCE_D
	 *  8: 50 UNSUITED         T, ranked, not classed
	 *  9: 70 EXCLUDE          不参评: no total, no rank; its group still shown
	 * 10: 50 bit 20, no rule of the scheme: C, and the bit is dropped
	 * 11: 65 UNSUITED + FORCE_D: T (rules act on classes by score only) */
	static const double t[] = { 90, 90, 10, 90, 10, 90, 10, 90, 50, 70, 50, 65 };
	uint32_t rules[] = { force,	  bar,	       nod,	   nod, nod | bar, nod | bar,
			     nod | force, nod | force, uns,	   exc, 1u << 20,  uns | force };
	static const pb_mujun_class score[] = { PB_MC_A, PB_MC_A, PB_MC_D, PB_MC_A,
						PB_MC_D, PB_MC_A, PB_MC_D, PB_MC_A,
						PB_MC_T, PB_MC_NONE, PB_MC_C, PB_MC_T };
	static const pb_mujun_class cls[] = { PB_MC_D, PB_MC_C, PB_MC_C, PB_MC_A, PB_MC_D, PB_MC_C,
					      PB_MC_D, PB_MC_D, PB_MC_T, PB_MC_NONE, PB_MC_C, PB_MC_T };
	static const uint8_t adj[] = { PB_MA_FORCE_D, PB_MA_BAR_AB, PB_MA_PROTECTED, 0, 0, PB_MA_BAR_AB,
				       0, PB_MA_FORCE_D, 0, 0, 0, 0 };
	fixture *f = scores(t, 12);
	memcpy(f->rules, rules, sizeof(rules));
	pb_mujun_result r = evaluate(s, f);
	for (size_t i = 0; i < 12; i++) {
		assert_int_equal(r.cls_score[i], score[i]);
		assert_int_equal(r.cls[i], cls[i]);
		assert_int_equal(r.adjust[i], adj[i]);
	}
	assert_int_equal(r.rules[10], 0);
	assert_int_equal(r.rules[0], force);
	assert_int_equal(r.group[9], 0);
	assert_true(isnan(r.total[9]));
	assert_int_equal(r.rank_zone[9], 0);
	/* the ranks count T too: 90 ×5 share rank 1, then 70 is excluded, 65 (T) is 6th,
	 * 50 ×2 7th, 10 ×3 9th */
	assert_int_equal(r.rank_zone[0], 1);
	assert_int_equal(r.rank_zone[11], 6);
	assert_int_equal(r.rank_zone[8], 7);
	assert_int_equal(r.rank_zone[2], 9);
	/* counts by final class: A 1 (3), C 4 (1, 2, 5, 10), D 4 (0, 4, 6, 7), T 2, none 1 */
	assert_int_equal(r.count[0][PB_MC_A], 1);
	assert_int_equal(r.count[0][PB_MC_B], 0);
	assert_int_equal(r.count[0][PB_MC_C], 4);
	assert_int_equal(r.count[0][PB_MC_D], 4);
	assert_int_equal(r.count[0][PB_MC_T], 2);
	assert_int_equal(r.count[0][PB_MC_NONE], 1);
	assert_int_equal(r.ranked[0], 11);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

static void test_unsuited_quota(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	uint32_t uns = rule_add(s, "utility", PB_ME_UNSUITED);
	/* 50 is T: ranked first over the zone, but the quota counts the 4 classed:
	 * cum A = round(1) = 1, B = round(2.8) = 3, C = round(3.8) = 4, D = 4.
	 * Among the classed 40 is 1st → A, 30 2nd → B, 20 3rd → B, 10 4th → C.
	 * (Had T been counted, n = 5 and 40 - 2nd - would not be A.) */
	static const double t[] = { 50, 40, 30, 20, 10 };
	static const pb_mujun_class want[] = { PB_MC_T, PB_MC_A, PB_MC_B, PB_MC_B, PB_MC_C };
	fixture *f = scores(t, 5);
	f->rules[0] = uns;
	pb_mujun_result r = evaluate(s, f);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(r.cls[i], want[i]);
		assert_int_equal(r.rank_zone[i], i + 1);
	}
	assert_int_equal(r.count[0][PB_MC_T], 1);
	assert_int_equal(r.ranked[0], 5);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- missing data, lower_better ----------------------------------------------------- */

static void test_missing(void **state)
{
	(void)state;
	pb_mujun_scheme *s = scheme_new("missing");
	pb_mujun_group *g = group_add(s, "g", -1, 0, INFINITY);
	ind_add(g, "tax_per_mu", PB_MM_TAX, PB_MM_LAND, 10, 50)->on_missing = PB_MISS_ZERO;
	ind_add(g, "sales_per_mu", PB_MM_REVENUE, PB_MM_LAND, 100, 50);
	thresholds(g, 80, 60, 40);
	fixture *f = fixture_new(4);
	double(*m)[MAXN] = f->m;
	/* 0: 10 亩, no tax (ZERO: 0 points, flagged), sales 1000 / 10 = 100 → 50; total 50 */
	m[PB_MM_LAND][0] = 10;
	m[PB_MM_REVENUE][0] = 1000;
	/* 1: 10 亩, tax 200 → 20 = 2 × 10 → 100, no sales: INCOMPLETE (the default) */
	m[PB_MM_LAND][1] = 10;
	m[PB_MM_TAX][1] = 200;
	/* 2: 0 亩: both values missing (no division by zero); sales INCOMPLETE wins */
	m[PB_MM_LAND][2] = 0;
	m[PB_MM_TAX][2] = 200;
	m[PB_MM_REVENUE][2] = 1000;
	/* 3: 5 亩, tax 50 → 10 → 50, sales 250 → 50 → 25; total 75 */
	m[PB_MM_LAND][3] = 5;
	m[PB_MM_TAX][3] = 50;
	m[PB_MM_REVENUE][3] = 250;
	pb_mujun_result r = evaluate(s, f);
	assert_near(r.total[0], 50);
	assert_true(isnan(value(&r, 0, 0)));
	assert_near(points(&r, 0, 0), 0);
	assert_int_equal(flags(&r, 0, 0), PB_MF_MISSING | PB_MF_IMPUTED);
	assert_int_equal(r.cls[0], PB_MC_C);
	assert_int_equal(r.cls[1], PB_MC_INCOMPLETE);
	assert_int_equal(r.cls_score[1], PB_MC_INCOMPLETE);
	assert_near(points(&r, 0, 1), 100);
	assert_int_equal(flags(&r, 1, 1), PB_MF_MISSING);
	assert_int_equal(r.cls[2], PB_MC_INCOMPLETE);
	assert_true(isnan(value(&r, 0, 2)));
	assert_true(isnan(value(&r, 1, 2)));
	assert_near(r.total[3], 75);
	/* ranks skip the incomplete: 75 first, 50 second */
	assert_int_equal(r.rank_zone[3], 1);
	assert_int_equal(r.rank_zone[0], 2);
	assert_int_equal(r.count[0][PB_MC_INCOMPLETE], 2);
	assert_int_equal(r.ranked[0], 2);
	pb_mujun_result_free(&r);
	free(f);

	/* GROUP_AVERAGE when nobody has the value: nothing to average, 0 points */
	g->ind[1].on_missing = PB_MISS_GROUP_AVERAGE;
	f = fixture_new(2);
	f->m[PB_MM_LAND][0] = f->m[PB_MM_LAND][1] = 10;
	f->m[PB_MM_TAX][0] = 100; /* 10 / 10 × 50 = 50 */
	f->m[PB_MM_TAX][1] = 50;  /* 5 / 10 × 50 = 25 */
	r = evaluate(s, f);
	assert_near(r.total[0], 50);
	assert_near(r.total[1], 25);
	assert_int_equal(flags(&r, 1, 1), PB_MF_MISSING | PB_MF_IMPUTED);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

static void test_lower_better(void **state)
{
	(void)state;
	pb_mujun_scheme *s = scheme_new("lower");
	pb_mujun_group *g = group_add(s, "g", -1, 0, INFINITY);
	pb_mujun_indicator *d = ind_add(g, "energy_per_va", PB_MM_ENERGY, PB_MM_VALUE_ADDED, 0.5, 20);
	d->lower_better = 1;
	d->cap = 35;
	/* (2 − v / 0.5) × 20:
	 * 0: 25 / 100 = 0.25 → 1.5 × 20 = 30
	 * 1: 50 / 100 = 0.5 → 20
	 * 2: 150 / 100 = 1.5 → (2 − 3) × 20 = −20, floored at 0
	 * 3: 0 / 100 = 0 (no energy used is a value) → 40, capped at 35 */
	static const double energy[] = { 25, 50, 150, 0 };
	fixture *f = fixture_new(4);
	for (size_t i = 0; i < 4; i++) {
		f->m[PB_MM_ENERGY][i] = energy[i];
		f->m[PB_MM_VALUE_ADDED][i] = 100;
	}
	pb_mujun_result r = evaluate(s, f);
	assert_near(r.total[0], 30);
	assert_int_equal(flags(&r, 0, 0), 0);
	assert_near(r.total[1], 20);
	assert_near(r.total[2], 0);
	assert_int_equal(flags(&r, 0, 2), PB_MF_FLOORED);
	assert_near(r.total[3], 35);
	assert_near(value(&r, 0, 3), 0);
	assert_int_equal(flags(&r, 0, 3), PB_MF_CAPPED);
	assert_int_equal(r.rank_zone[3], 1);
	assert_int_equal(r.rank_zone[2], 4);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- ranks within sector and park --------------------------------------------------- */

static void test_ranks(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	s->group[0].above_scale = 1;
	pb_mujun_group *g = group_add(s, "other", 0, 0, INFINITY);
	ind_add(g, "score", PB_MM_TAX, PB_MM_ONE, 1, 1);
	/*    total sector park
	 * 0:  50    0     0
	 * 1:  40    0     1
	 * 2:  40    0     0
	 * 3:  30    0     1
	 * 4:  45    1     0
	 * 5:  45    1     1
	 * 6:  30    -     0
	 * 7:  20    -     -
	 * 8: 100    0     0   (规下: the other group, ranked apart)
	 * zone (by 50 45 45 40 40 30 30 20): 1 2 2 4 4 6 6 8 → 0:1 4:2 5:2 1:4 2:4 3:6 6:6 7:8
	 * sector 0 (50 40 40 30): 1 2 2 4; sector 1 (45 45): 1 1; none (30 20): 1 2
	 * park 0 (50 45 40 30 = 0 4 2 6): 1 2 3 4; park 1 (45 40 30 = 5 1 3): 1 2 3; none: 1 */
	static const double t[] = { 50, 40, 40, 30, 45, 45, 30, 20, 100 };
	static const uint32_t sec[] = { 0, 0, 0, 0, 1, 1, UINT32_MAX, UINT32_MAX, 0 };
	static const uint32_t park[] = { 0, 1, 0, 1, 0, 1, 0, UINT32_MAX, 0 };
	static const uint32_t zone_r[] = { 1, 4, 4, 6, 2, 2, 6, 8, 1 };
	static const uint32_t sec_r[] = { 1, 2, 2, 4, 1, 1, 1, 2, 1 };
	static const uint32_t park_r[] = { 1, 2, 3, 3, 2, 1, 4, 1, 1 };
	fixture *f = scores(t, 9);
	for (size_t i = 0; i < 9; i++) {
		f->sector[i] = sec[i];
		f->park[i] = park[i];
		f->above[i] = i < 8;
	}
	f->in.nsector = 2;
	f->in.npark = 2;
	pb_mujun_result r = evaluate(s, f);
	for (size_t i = 0; i < 9; i++) {
		assert_int_equal(r.rank_zone[i], zone_r[i]);
		assert_int_equal(r.rank_sector[i], sec_r[i]);
		assert_int_equal(r.rank_park[i], park_r[i]);
	}
	assert_int_equal(r.group[8], 1);
	pb_mujun_result_free(&r);

	/* an index out of range is refused */
	f->park[3] = 2;
	assert_int_equal(pb_mujun_evaluate(&r, s, &f->in, 1), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "enterprise 3"));
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- what-ifs --------------------------------------------------------------------- */

static void test_changes(void **state)
{
	(void)state;
	pb_mujun_scheme *s = plain();
	thresholds(&s->group[0], 80, 60, 40);
	static const double t[] = { 85, 95, 70, 65, 50 };
	fixture *f = scores(t, 5);
	pb_mujun_result base = evaluate(s, f), other;
	/* A from 90: 85 drops to B; B from 68: 65 drops to C; 95, 70, 50 keep theirs */
	assert_int_equal(pb_mujun_scheme_set(s, "g.threshold.A", 90), 0);
	assert_int_equal(pb_mujun_scheme_set(s, "g.threshold.B", 68), 0);
	other = evaluate(s, f);
	size_t *idx, n;
	assert_int_equal(pb_mujun_changes(&idx, &n, &base, &other), 0);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 3);
	free(idx);
	assert_int_equal(pb_mujun_changes(&idx, &n, &base, &base), 0);
	assert_int_equal(n, 0);
	assert_null(idx);
	pb_mujun_result_free(&other);
	f->in.n = 4;
	other = evaluate(s, f);
	assert_int_equal(pb_mujun_changes(&idx, &n, &base, &other), PB_EINVAL);
	pb_mujun_result_free(&other);
	pb_mujun_result_free(&base);
	free(f);
	free(s);
}

/* ---- scheme check and paths ----------------------------------------------------------- */

/* Break a fresh Huangyan scheme with `how`, and see the check name the place. */
static void broken(void (*how)(pb_mujun_scheme *), const char *where)
{
	pb_mujun_scheme *s = huangyan();
	how(s);
	assert_int_equal(pb_mujun_scheme_check(s), PB_EINVAL);
	const char *msg = pb_error_last();
	if (!strstr(msg, where) || !strstr(msg, " / "))
		fail_msg("\"%s\" does not name %s in both languages", msg, where);
	free(s);
}

static void zero_baseline(pb_mujun_scheme *s) { s->group[0].ind[2].baseline = 0; }
static void nan_baseline(pb_mujun_scheme *s) { s->group[0].ind[2].baseline = NAN; }
static void minus_weight(pb_mujun_scheme *s) { s->group[1].ind[1].weight = -1; }
static void floor_over_cap(pb_mujun_scheme *s) { s->group[0].ind[0].cap = -1; }
static void zero_factor(pb_mujun_scheme *s) { s->group[0].ind[5].factor = 0; }
static void num_one(pb_mujun_scheme *s) { s->group[0].ind[5].num = PB_MM_ONE; }
static void twice(pb_mujun_scheme *s) { strcpy(s->group[0].ind[1].key, "tax_per_mu"); }
static void reserved(pb_mujun_scheme *s) { strcpy(s->group[0].ind[1].key, "quota"); }
static void dotted(pb_mujun_scheme *s) { strcpy(s->group[1].key, "be.low"); }
static void same_group(pb_mujun_scheme *s) { strcpy(s->group[1].key, "above"); }
static void no_indicator(pb_mujun_scheme *s) { s->group[1].nind = 0; }
static void no_group(pb_mujun_scheme *s) { s->ngroups = 0; }
static void quota_99(pb_mujun_scheme *s) { s->group[1].classing.share[3] = 4; }
static void land_bounds(pb_mujun_scheme *s) { s->group[1].max_land = 0; }
static void bad_effect(pb_mujun_scheme *s) { rule_add(s, "x", PB_ME_COUNT); }
static void same_rule(pb_mujun_scheme *s)
{
	rule_add(s, "accident", PB_ME_FORCE_D);
	rule_add(s, "accident", PB_ME_BAR_AB);
}
static void threshold_order(pb_mujun_scheme *s) { thresholds(&s->group[0], 60, 80, 40); }

static void test_scheme_check(void **state)
{
	(void)state;
	broken(zero_baseline, "va_per_energy");
	broken(nan_baseline, "group above indicator va_per_energy");
	broken(minus_weight, "组 below 指标 tax_per_kwh");
	broken(floor_over_cap, "tax_per_mu");
	broken(zero_factor, "rd_share");
	broken(num_one, "rd_share");
	broken(twice, "tax_per_mu");
	broken(reserved, "quota");
	broken(dotted, "be.low");
	broken(same_group, "above");
	broken(no_indicator, "below");
	broken(no_group, "groups");
	broken(quota_99, "99");
	broken(land_bounds, "below");
	broken(bad_effect, "rule x");
	broken(same_rule, "accident");
	broken(threshold_order, "above");
	pb_mujun_result r;
	pb_mujun_scheme *s = huangyan();
	s->group[0].ind[0].baseline = 0;
	fixture *f = fixture_new(1);
	assert_int_equal(pb_mujun_evaluate(&r, s, &f->in, 1), PB_EINVAL);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

static void test_scheme_set(void **state)
{
	(void)state;
	pb_mujun_scheme *s = huangyan();
	assert_int_equal(pb_mujun_scheme_set(s, "above.tax_per_mu.baseline", 30), 0);
	assert_near(s->group[0].ind[0].baseline, 30);
	assert_int_equal(pb_mujun_scheme_set(s, "below.tax_per_kwh.weight", 40), 0);
	assert_near(s->group[1].ind[1].weight, 40);
	assert_int_equal(pb_mujun_scheme_set(s, "above.va_per_mu.cap", 40), 0);
	assert_near(s->group[0].ind[1].cap, 40);
	assert_int_equal(pb_mujun_scheme_set(s, "above.va_per_mu.floor", -5), 0);
	assert_near(s->group[0].ind[1].floor, -5);
	assert_int_equal(pb_mujun_scheme_set(s, "above.quota.A", 30), 0);
	assert_int_equal(pb_mujun_scheme_set(s, "above.quota.B", 40), 0);
	assert_near(s->group[0].classing.share[0], 30);
	assert_int_equal(pb_mujun_scheme_check(s), 0); /* 30 + 40 + 25 + 5 = 100 */
	assert_int_equal(pb_mujun_scheme_set(s, "above.quota.D", 10), 0);
	assert_int_equal(pb_mujun_scheme_check(s), PB_EINVAL); /* 105 */
	/* the classing of the other kind, unknown parts, bad shapes */
	static const char *const bad[] = { "above.threshold.A", "nowhere.tax_per_mu.weight",
					   "above.nothing.weight", "above.tax_per_mu.colour",
					   "above.quota.E", "above.quota.AB", "above",
					   "above.tax_per_mu", "above.tax_per_mu.weight.x", "" };
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(pb_mujun_scheme_set(s, bad[k], 1), PB_EINVAL);
		assert_non_null(strstr(pb_error_last(), bad[k]));
	}
	thresholds(&s->group[1], 80, 60, 40);
	assert_int_equal(pb_mujun_scheme_set(s, "below.threshold.C", 45), 0);
	assert_near(s->group[1].classing.min[2], 45);
	assert_int_equal(pb_mujun_scheme_set(s, "below.threshold.D", 1), PB_EINVAL);
	assert_int_equal(pb_mujun_scheme_set(s, "below.quota.A", 1), PB_EINVAL);
	free(s);
}

static void test_empty(void **state)
{
	(void)state;
	pb_mujun_scheme *s = huangyan();
	pb_mujun_input in = { 0 };
	pb_mujun_result r;
	assert_int_equal(pb_mujun_evaluate(&r, s, &in, 0), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.ranked[0], 0);
	size_t *idx, n;
	assert_int_equal(pb_mujun_changes(&idx, &n, &r, &r), 0);
	assert_int_equal(n, 0);
	pb_mujun_result_free(&r);
	pb_mujun_result_free(NULL);

	/* enterprises, none of them scored: nothing to sort */
	fixture *f = fixture_new(3);
	f->above[0] = 1;
	r = evaluate(s, f);
	assert_int_equal(r.cls[0], PB_MC_INCOMPLETE);
	assert_int_equal(r.cls[1], PB_MC_INCOMPLETE);
	assert_int_equal(r.ranked[0] + r.ranked[1], 0);
	assert_int_equal(r.count[0][PB_MC_INCOMPLETE] + r.count[1][PB_MC_INCOMPLETE], 3);
	pb_mujun_result_free(&r);
	free(f);
	free(s);
}

/* ---- any thread count, the same bytes -------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static double uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

/* A figure, missing one time in fifty, and from a few round values one time in four
 * (so that totals tie). */
static double figure(double scale)
{
	double u = uniform();
	if (u < 0.02)
		return NAN;
	if (u < 0.27)
		return scale * (double)(1 + (int)(uniform() * 3));
	return scale * (0.1 + uniform() * 3);
}

typedef struct big_input {
	double *m[PB_MM_COUNT];
	uint8_t *above, *leased;
	uint32_t *park, *sector, *rules;
	pb_mujun_input in;
} big_input;

static void big_input_make(big_input *b, size_t n, const pb_mujun_scheme *s)
{
	memset(b, 0, sizeof(*b));
	static const double scale[PB_MM_COUNT] = { 10, 200, 5000, 6000, 5800, 1500, 600, 300,
						   0.5, 0.2, 10000, 80, 100, 1 };
	for (int k = 0; k < PB_MM_ONE; k++) {
		b->m[k] = malloc(n * sizeof(double));
		assert_non_null(b->m[k]);
		for (size_t i = 0; i < n; i++)
			b->m[k][i] = figure(scale[k]);
		b->in.m[k] = b->m[k];
	}
	b->above = malloc(n);
	b->leased = malloc(n);
	b->park = malloc(n * sizeof(uint32_t));
	b->sector = malloc(n * sizeof(uint32_t));
	b->rules = malloc(n * sizeof(uint32_t));
	assert_true(b->above && b->leased && b->park && b->sector && b->rules);
	for (size_t i = 0; i < n; i++) {
		b->above[i] = uniform() < 0.6;
		b->leased[i] = uniform() < 0.1;
		b->park[i] = uniform() < 0.05 ? UINT32_MAX : (uint32_t)(uniform() * 7);
		b->sector[i] = uniform() < 0.05 ? UINT32_MAX : (uint32_t)(uniform() * 30);
		uint32_t bits = 0;
		for (size_t r = 0; r < s->nrules; r++)
			bits |= uniform() < 0.03 ? 1u << r : 0;
		b->rules[i] = bits;
		/* whole copies of an earlier enterprise: equal totals, in different places */
		if (i > 100 && uniform() < 0.05) {
			size_t j = (size_t)(uniform() * (double)i);
			for (int k = 0; k < PB_MM_ONE; k++)
				b->m[k][i] = b->m[k][j];
			b->above[i] = b->above[j];
		}
	}
	/* one giant (亩均增加值 has no cap): the rest crowd into a few sort keys, whose
	 * runs need the exact order */
	for (int k = 0; k < PB_MM_ONE; k++)
		b->m[k][7] = scale[k];
	b->m[PB_MM_VALUE_ADDED][7] = 1e9;
	b->above[7] = 1;
	b->rules[7] = 0;
	b->in.n = n;
	b->in.above_scale = b->above;
	b->in.leased = b->leased;
	b->in.park = b->park;
	b->in.sector = b->sector;
	b->in.rules = b->rules;
	b->in.npark = 7;
	b->in.nsector = 30;
}

static void big_input_free(big_input *b)
{
	for (int k = 0; k < PB_MM_COUNT; k++)
		free(b->m[k]);
	free(b->above);
	free(b->leased);
	free(b->park);
	free(b->sector);
	free(b->rules);
}

static void same_result(const pb_mujun_result *a, const pb_mujun_result *b, size_t nslot)
{
	size_t n = a->n;
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->group, b->group, n);
	assert_memory_equal(a->cls, b->cls, n);
	assert_memory_equal(a->cls_score, b->cls_score, n);
	assert_memory_equal(a->adjust, b->adjust, n);
	assert_memory_equal(a->rules, b->rules, n * sizeof(uint32_t));
	assert_memory_equal(a->total, b->total, n * sizeof(double));
	assert_memory_equal(a->value, b->value, nslot * n * sizeof(double));
	assert_memory_equal(a->points, b->points, nslot * n * sizeof(double));
	assert_memory_equal(a->flags, b->flags, nslot * n);
	assert_memory_equal(a->rank_zone, b->rank_zone, n * sizeof(uint32_t));
	assert_memory_equal(a->rank_sector, b->rank_sector, n * sizeof(uint32_t));
	assert_memory_equal(a->rank_park, b->rank_park, n * sizeof(uint32_t));
	assert_memory_equal(a->count, b->count, sizeof(a->count));
	assert_memory_equal(a->ranked, b->ranked, sizeof(a->ranked));
}

/* Huangyan's 规上 with Linhai's two lists for the rest, every kind of rule and of
 * missing-value treatment, quota and thresholds. */
static pb_mujun_scheme *mixed(void)
{
	pb_mujun_scheme *s = huangyan();
	s->group[0].ind[5].on_missing = PB_MISS_ZERO;
	s->group[0].ind[0].cap = 60;
	s->group[0].ind[2].lower_better = 1;
	pb_mujun_scheme *l = linhai();
	s->group[1] = l->group[0];
	s->group[2] = l->group[1];
	free(l);
	s->ngroups = 3;
	s->group[1].above_scale = 0;
	s->group[2].above_scale = 0;
	s->group[2].leased = 0;
	thresholds(&s->group[1], 120, 90, 60);
	s->group[2].ind[1].on_missing = PB_MISS_GROUP_AVERAGE;
	rule_add(s, "accident", PB_ME_FORCE_D);
	rule_add(s, "pollution", PB_ME_BAR_AB);
	rule_add(s, "new", PB_ME_NO_D);
	rule_add(s, "utility", PB_ME_UNSUITED);
	rule_add(s, "closed", PB_ME_EXCLUDE);
	assert_int_equal(pb_mujun_scheme_check(s), 0);
	return s;
}

static void test_threads(void **state)
{
	(void)state;
	/* 40,000 enterprises are ten blocks of the engine's 4096: enough for 7 threads to
	 * get a share each */
	pb_mujun_scheme *s = mixed();
	big_input b;
	big_input_make(&b, 40000, s);
	pb_mujun_result one, r;
	assert_int_equal(pb_mujun_evaluate(&one, s, &b.in, 1), 0);
	check_invariants(&one, s);
	assert_true(one.ranked[0] > 1000 && one.ranked[1] > 1000 && one.ranked[2] > 200);
	assert_true(one.count[0][PB_MC_T] > 0 && one.count[0][PB_MC_INCOMPLETE] > 0);
	assert_true(one.count[1][PB_MC_A] > 0 && one.count[2][PB_MC_NONE] > 0);
	static const int threads[] = { 2, 7, 0 };
	for (size_t k = 0; k < 3; k++) {
		assert_int_equal(pb_mujun_evaluate(&r, s, &b.in, threads[k]), 0);
		same_result(&one, &r, 6);
		pb_mujun_result_free(&r);
	}
	/* the ranks agree with counting, by brute force on a sample */
	for (size_t i = 0; i < one.n; i += 397) {
		if (!one.rank_zone[i])
			continue;
		uint32_t better = 0, better_sec = 0;
		for (size_t j = 0; j < one.n; j++) {
			if (!one.rank_zone[j] || one.group[j] != one.group[i] || !(one.total[j] > one.total[i]))
				continue;
			better++;
			better_sec += b.sector[j] == b.sector[i];
		}
		assert_int_equal(one.rank_zone[i], better + 1);
		assert_int_equal(one.rank_sector[i], better_sec + 1);
	}
	pb_mujun_result_free(&one);
	big_input_free(&b);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),	     cmocka_unit_test(test_huangyan),
		cmocka_unit_test(test_linhai),	     cmocka_unit_test(test_quota_ties),
		cmocka_unit_test(test_thresholds),   cmocka_unit_test(test_rules),
		cmocka_unit_test(test_unsuited_quota), cmocka_unit_test(test_missing),
		cmocka_unit_test(test_lower_better), cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_changes),	     cmocka_unit_test(test_scheme_check),
		cmocka_unit_test(test_scheme_set),   cmocka_unit_test(test_empty),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
