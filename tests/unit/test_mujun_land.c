/* test_mujun_land.c - idle and inefficient land per park, and the class tallies, on a
 * hand-made result (the engine itself is tested in test_mujun.c). Every figure is worked
 * by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "error.h"
#include "mujun_land.h"
#include "mujun_tally.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Four enterprises in two parks:
 *   0  park 0, class A, 工业总产值 3000 on 10亩 (300万元/亩)
 *   1  park 0, class D, 800 on 8亩 (100)
 *   2  park 1, class C, 90 on 3亩 (30: under a line of 50)
 *   3  park 1, class 数据不全, output unknown, 4亩 */
static double land[] = { 10, 8, 3, 4 };
static double output[] = { 3000, 800, 90, NAN };
static uint32_t park[] = { 0, 0, 1, 1 };
static uint32_t sector[] = { 0, 1, 1, UINT32_MAX };
static uint8_t cls[] = { PB_MC_A, PB_MC_D, PB_MC_C, PB_MC_INCOMPLETE };

static void setup_input(pb_mujun_input *in, pb_mujun_result *r)
{
	memset(in, 0, sizeof(*in));
	memset(r, 0, sizeof(*r));
	in->n = r->n = 4;
	in->m[PB_MM_LAND] = land;
	in->m[PB_MM_GROSS_OUTPUT] = output;
	in->park = park;
	in->sector = sector;
	in->npark = 2;
	in->nsector = 2;
	r->cls = cls;
}

static void test_land(void **state)
{
	(void)state;
	pb_mujun_input in;
	pb_mujun_result r;
	setup_input(&in, &r);
	/* plots: a = 0's 10亩 with 2 idle; b = 1's 8亩 (D: 8 inefficient); c = 2's 3亩 with 1
	 * idle (30万元/亩 < 50: the other 2 inefficient); d = 3's 4亩 (output unknown: not
	 * judged); e = 5亩 in park 1 nobody uses (idle as a whole); f = 0's 1亩 without a park */
	pb_mujun_plot p[] = {
		{ .plot_code = "a", .ent = 0, .park = 0, .area = 10, .idle_area = 2 },
		{ .plot_code = "b", .ent = 1, .park = 0, .area = 8 },
		{ .plot_code = "c", .ent = 2, .park = 1, .area = 3, .idle_area = 1 },
		{ .plot_code = "d", .ent = 3, .park = 1, .area = 4 },
		{ .plot_code = "e", .ent = SIZE_MAX, .park = 1, .area = 5 },
		{ .plot_code = "f", .ent = 0, .park = UINT32_MAX, .area = 1 },
	};
	pb_mujun_land l;
	assert_int_equal(pb_mujun_land_sum(&l, p, 6, 2, &in, &r, 50), 0);
	assert_int_equal(l.reason[0], PB_ML_IDLE);
	assert_int_equal(l.reason[1], PB_ML_CLASS_D);
	assert_int_equal(l.reason[2], PB_ML_IDLE | PB_ML_LOW_OUTPUT);
	assert_int_equal(l.reason[3], 0);
	assert_int_equal(l.reason[4], PB_ML_IDLE);
	near(l.inefficient_area[1], 8);
	near(l.inefficient_area[2], 2);
	/* park 0: a + b = 18亩, idle 2, inefficient 8, revivable 10 */
	assert_int_equal(l.park[0].plots, 2);
	assert_int_equal(l.park[0].plots_listed, 2);
	near(l.park[0].area, 18);
	near(l.park[0].idle, 2);
	near(l.park[0].inefficient, 8);
	near(l.park[0].revivable, 10);
	/* park 1: c + d + e = 12亩, idle 1 + 5 = 6, inefficient 2, revivable 8 */
	assert_int_equal(l.park[1].plots, 3);
	assert_int_equal(l.park[1].plots_listed, 2);
	near(l.park[1].area, 12);
	near(l.park[1].idle, 6);
	near(l.park[1].inefficient, 2);
	near(l.park[1].revivable, 8);
	/* no park: f, 1亩, nothing to revive; the zone: 31亩, idle 8, inefficient 10 */
	near(l.park[2].area, 1);
	near(l.park[2].revivable, 0);
	assert_int_equal(l.zone.plots, 6);
	near(l.zone.area, 31);
	near(l.zone.idle, 8);
	near(l.zone.inefficient, 10);
	near(l.zone.revivable, 18);
	pb_mujun_land_free(&l);

	/* without a line only the D plot is inefficient: the zone's inefficient is 8 */
	assert_int_equal(pb_mujun_land_sum(&l, p, 6, 2, &in, &r, 0), 0);
	near(l.zone.inefficient, 8);
	assert_int_equal(l.reason[2], PB_ML_IDLE);
	pb_mujun_land_free(&l);

	/* an index out of range is refused */
	pb_mujun_plot bad = { .plot_code = "x", .ent = 9, .park = 0, .area = 1 };
	assert_int_equal(pb_mujun_land_sum(&l, &bad, 1, 2, &in, &r, 0), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "x"));
	pb_mujun_land_free(&l);
}

static void test_tally(void **state)
{
	(void)state;
	pb_mujun_input in;
	pb_mujun_result r;
	setup_input(&in, &r);
	/* last year: 0 was B (now A: up), 1 was D (same), 2 was B (now C: down), 3 unstored */
	uint8_t prev[] = { PB_MC_B, PB_MC_D, PB_MC_B, PB_MC_UNSTORED };
	pb_mujun_tally t;
	assert_int_equal(pb_mujun_tally_make(&t, &in, &r, prev), 0);
	assert_int_equal(t.zone[PB_MC_A], 1);
	assert_int_equal(t.zone[PB_MC_INCOMPLETE], 1);
	assert_int_equal(t.park[0][PB_MC_A], 1);
	assert_int_equal(t.park[0][PB_MC_D], 1);
	assert_int_equal(t.park[1][PB_MC_C], 1);
	assert_int_equal(t.sector[1][PB_MC_D], 1);
	assert_int_equal(t.sector[2][PB_MC_INCOMPLETE], 1); /* no sector: the last row */
	near(t.land[PB_MC_A], 10);
	near(t.land[PB_MC_D], 8);
	assert_int_equal(t.up, 1);
	assert_int_equal(t.down, 1);
	assert_int_equal(t.same, 1);
	assert_int_equal(t.change[PB_MC_B][PB_MC_A], 1);
	assert_int_equal(t.change[PB_MC_UNSTORED][PB_MC_INCOMPLETE], 1);
	pb_mujun_tally_free(&t);

	assert_int_equal(pb_mujun_tally_make(&t, &in, &r, NULL), 0);
	assert_int_equal(t.has_prev, 0);
	assert_int_equal(t.up + t.down + t.same, 0);
	pb_mujun_tally_free(&t);

	assert_int_equal(pb_mujun_class_move(PB_MC_C, PB_MC_A), 1);
	assert_int_equal(pb_mujun_class_move(PB_MC_A, PB_MC_D), -1);
	assert_int_equal(pb_mujun_class_move(PB_MC_T, PB_MC_A), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_land),
		cmocka_unit_test(test_tally),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
