/* test_mujun_share.c - enterprises sharing a parcel (共用宗地): grouping into units
 * (transitively), and the two ways a scheme evaluates them, through the real engine.
 * Every figure is worked by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "error.h"
#include "mujun_share.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* One group, one indicator: 亩均税收 = tax / land, baseline 10, weight 100; classes by
 * threshold A ≥ 90, B ≥ 50, C ≥ 20. */
static void scheme(pb_mujun_scheme *s, pb_mujun_shared how)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->key, "t");
	strcpy(s->name, "t");
	s->ngroups = 1;
	pb_mujun_group *g = &s->group[0];
	strcpy(g->key, "all");
	strcpy(g->name, "all");
	g->above_scale = -1;
	g->leased = -1;
	g->max_land = INFINITY;
	g->nind = 1;
	pb_mujun_indicator *i = &g->ind[0];
	strcpy(i->key, "tax_per_mu");
	strcpy(i->name, "亩均税收");
	i->num = PB_MM_TAX;
	i->den = PB_MM_LAND;
	i->factor = 1;
	i->baseline = 10;
	i->weight = 100;
	i->cap = INFINITY;
	g->classing.method = PB_MCM_THRESHOLD;
	g->classing.min[0] = 90;
	g->classing.min[1] = 50;
	g->classing.min[2] = 20;
	s->shared_land = how;
}

/* A (4亩, tax 40) and B (6亩, tax 20) share parcel Z; C (3亩, tax 30) is alone; D (5亩,
 * tax 10) shares parcel Y with B, so A, B and D are one unit under merge. */
static double land[] = { 4, 6, 3, 5 };
static double tax[] = { 40, 20, 30, 10 };

static pb_mujun_plot plot(const char *code, size_t ent, const char *parcel, double area)
{
	pb_mujun_plot p = { 0 };
	p.plot_code = (char *)code;
	p.shared_parcel = (char *)parcel;
	p.ent = ent;
	p.park = UINT32_MAX;
	p.area = area;
	return p;
}

static void input(pb_mujun_input *in, size_t n)
{
	memset(in, 0, sizeof(*in));
	in->n = n;
	in->m[PB_MM_LAND] = land;
	in->m[PB_MM_TAX] = tax;
}

static void test_units(void **state)
{
	(void)state;
	pb_mujun_plot p[] = { plot("1", 0, "Z", 4), plot("2", 1, "Z", 6), plot("3", 2, NULL, 3),
			      plot("4", 1, "Y", 1), plot("5", 3, "Y", 5), plot("6", SIZE_MAX, "Y", 2) };
	pb_mujun_units u;
	assert_int_equal(pb_mujun_units_make(&u, 4, p, 6), 0);
	/* units by first member: {A, B, D} = 0, {C} = 1 */
	assert_int_equal(u.n, 2);
	assert_int_equal(u.unit[0], 0);
	assert_int_equal(u.unit[1], 0);
	assert_int_equal(u.unit[2], 1);
	assert_int_equal(u.unit[3], 0);
	assert_int_equal(u.first[1], 2);
	assert_int_equal(u.merged, 3);
	pb_mujun_units_free(&u);

	/* nobody shares: every enterprise its own unit, nothing merged */
	assert_int_equal(pb_mujun_units_make(&u, 4, p + 2, 1), 0);
	assert_int_equal(u.n, 4);
	assert_int_equal(u.merged, 0);
	pb_mujun_units_free(&u);

	pb_mujun_plot bad = plot("x", 7, "Z", 1);
	assert_int_equal(pb_mujun_units_make(&u, 4, &bad, 1), PB_EINVAL);
	pb_mujun_units_free(&u);
}

static void test_share_and_merge(void **state)
{
	(void)state;
	pb_mujun_plot p[] = { plot("1", 0, "Z", 4), plot("2", 1, "Z", 6), plot("3", 2, NULL, 3) };
	pb_mujun_units u;
	assert_int_equal(pb_mujun_units_make(&u, 3, p, 3), 0);
	pb_mujun_input in;
	input(&in, 3);
	pb_mujun_scheme s;
	pb_mujun_result r;

	/* share: A 40/4 = 10 → 100 (A); B 20/6 = 3.33 → 33.33 (C); C 30/3 = 10 → 100 (A) */
	scheme(&s, PB_MSH_SHARE);
	assert_int_equal(pb_mujun_evaluate_units(&r, &s, &in, &u, 1), 0);
	near(r.total[0], 100);
	near(r.total[1], 100.0 * 20 / 6 / 10);
	assert_int_equal(r.cls[1], PB_MC_C);
	pb_mujun_result_free(&r);

	/* merge: A and B are one unit, (40 + 20) / (4 + 6) = 6 → 60 (B) for both; C 100 (A)
	 * ranks 1, the unit 2 - shared by its members; the counts count enterprises */
	scheme(&s, PB_MSH_MERGE);
	assert_int_equal(pb_mujun_evaluate_units(&r, &s, &in, &u, 1), 0);
	assert_int_equal(r.n, 3);
	near(r.total[0], 60);
	near(r.total[1], 60);
	near(r.value[0], 6);
	near(r.value[1], 6);
	near(r.total[2], 100);
	assert_int_equal(r.cls[0], PB_MC_B);
	assert_int_equal(r.cls[1], PB_MC_B);
	assert_int_equal(r.cls[2], PB_MC_A);
	assert_int_equal(r.rank_zone[2], 1);
	assert_int_equal(r.rank_zone[0], 2);
	assert_int_equal(r.rank_zone[1], 2);
	assert_int_equal(r.count[0][PB_MC_B], 2);
	assert_int_equal(r.count[0][PB_MC_A], 1);
	assert_int_equal(r.ranked[0], 3);
	pb_mujun_result_free(&r);
	pb_mujun_units_free(&u);
}

static void test_merge_missing(void **state)
{
	(void)state;
	/* B's tax unknown: the unit's tax is unknown, so A and B are both 数据不全 */
	double t2[] = { 40, NAN, 30 };
	pb_mujun_plot p[] = { plot("1", 0, "Z", 4), plot("2", 1, "Z", 6) };
	pb_mujun_units u;
	assert_int_equal(pb_mujun_units_make(&u, 3, p, 2), 0);
	pb_mujun_input in;
	input(&in, 3);
	in.m[PB_MM_TAX] = t2;
	pb_mujun_scheme s;
	scheme(&s, PB_MSH_MERGE);
	pb_mujun_result r;
	assert_int_equal(pb_mujun_evaluate_units(&r, &s, &in, &u, 1), 0);
	assert_int_equal(r.cls[0], PB_MC_INCOMPLETE);
	assert_int_equal(r.cls[1], PB_MC_INCOMPLETE);
	assert_int_equal(r.cls[2], PB_MC_A);
	assert_true(isnan(r.total[0]));
	pb_mujun_result_free(&r);
	pb_mujun_units_free(&u);
}

static void test_absent(void **state)
{
	(void)state;
	/* C has no figure for the year: not evaluated (none), not 数据不全, and the others'
	 * ranks close over it. Merged with A and B, an absent B changes nothing: the unit
	 * is present while one member is. */
	uint8_t absent[] = { 0, 1, 1 };
	pb_mujun_input in;
	input(&in, 3);
	in.absent = absent;
	pb_mujun_scheme s;
	scheme(&s, PB_MSH_SHARE);
	pb_mujun_result r;
	assert_int_equal(pb_mujun_evaluate(&r, &s, &in, 1), 0);
	assert_int_equal(r.cls[0], PB_MC_A);
	assert_int_equal(r.cls[1], PB_MC_NONE);
	assert_int_equal(r.cls[2], PB_MC_NONE);
	assert_int_equal(r.rank_zone[1], 0);
	assert_int_equal(r.ranked[0], 1);
	pb_mujun_result_free(&r);

	pb_mujun_plot p[] = { plot("1", 0, "Z", 4), plot("2", 1, "Z", 6) };
	pb_mujun_units u;
	assert_int_equal(pb_mujun_units_make(&u, 3, p, 2), 0);
	scheme(&s, PB_MSH_MERGE);
	assert_int_equal(pb_mujun_evaluate_units(&r, &s, &in, &u, 1), 0);
	assert_int_equal(r.cls[0], PB_MC_B); /* 60 / 10 = 6 → 60 */
	assert_int_equal(r.cls[1], PB_MC_B);
	assert_int_equal(r.cls[2], PB_MC_NONE);
	pb_mujun_result_free(&r);
	pb_mujun_units_free(&u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_share_and_merge),
		cmocka_unit_test(test_merge_missing),
		cmocka_unit_test(test_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
