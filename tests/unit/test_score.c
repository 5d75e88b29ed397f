/* test_score.c - the weighted composite of the 赛马榜 and the activity index, and its
 * ranks; every figure worked by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "error.h"
#include "score.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/*
 * Three parks; parts: signed value (by the leader, weight 40), funds against target (capped
 * at 120 %, weight 30), output growth % (by range, weight 30).
 *   park 0: 50, 30 of 20 (150 % → 120), +10
 *   park 1: 100, 10 of 20 (50), −5
 *   park 2: 25, no funds figure (of 10: no points), +5
 * Points: value 50 / 100 / 25; funds 120 / 50 / —; growth (v + 5) / 15: 100 / 0 / 66.67.
 * Scores: (40·50 + 30·120 + 30·100) / 100 = 86; (4000 + 1500) / 100 = 55;
 * (1000 + 30·66.67) / 100 = 30.
 */
static void test_compute(void **state)
{
	(void)state;
	pb_score_part parts[] = { { 40, PB_SN_MAX, 0 }, { 30, PB_SN_TARGET, 120 },
				  { 30, PB_SN_RANGE, 0 } };
	double value[] = { 50, 30, 10, 100, 10, -5, 25, NAN, 5 };
	double target[] = { NAN, 20, NAN, NAN, 20, NAN, NAN, 10, NAN };
	double score[3], points[9];
	assert_int_equal(pb_score_compute(score, points, value, target, 3, parts, 3), 0);
	near(points[0], 50);
	near(points[1], 120);
	near(points[2], 100);
	near(points[3], 100);
	near(points[4], 50);
	near(points[5], 0);
	near(points[6], 25);
	assert_true(isnan(points[7]));
	near(points[8], 200.0 / 3);
	near(score[0], 86);
	near(score[1], 55);
	near(score[2], 30);

	int64_t rank[3];
	size_t order[3];
	assert_int_equal(pb_score_rank(rank, order, score, 3), 0);
	assert_int_equal(rank[0], 1);
	assert_int_equal(rank[1], 2);
	assert_int_equal(rank[2], 3);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[2], 2);

	/* uncapped: park 0's funds are 150 points, its score (2000 + 4500 + 3000) / 100 */
	parts[1].cap = 0;
	assert_int_equal(pb_score_compute(score, NULL, value, target, 3, parts, 3), 0);
	near(score[0], 95);
}

static void test_edges(void **state)
{
	(void)state;
	/* nobody above 0: no points by the leader; all equal: full points by range */
	pb_score_part one[] = { { 1, PB_SN_MAX, 0 } };
	double v[] = { 0, -1 }, s[2];
	assert_int_equal(pb_score_compute(s, NULL, v, NULL, 2, one, 1), 0);
	near(s[0], 0);
	near(s[1], 0);
	one[0].norm = PB_SN_RANGE;
	double eq[] = { 3, 3 };
	assert_int_equal(pb_score_compute(s, NULL, eq, NULL, 2, one, 1), 0);
	near(s[0], 100);
	near(s[1], 100);
	/* refused: no parts, a weight of 0, an unknown norm, targets missing */
	assert_int_equal(pb_score_compute(s, NULL, v, NULL, 2, one, 0), PB_EINVAL);
	one[0].weight = 0;
	assert_int_equal(pb_score_compute(s, NULL, v, NULL, 2, one, 1), PB_EINVAL);
	one[0].weight = 1;
	one[0].norm = PB_SN_COUNT;
	assert_int_equal(pb_score_compute(s, NULL, v, NULL, 2, one, 1), PB_EINVAL);
	one[0].norm = PB_SN_TARGET;
	assert_int_equal(pb_score_compute(s, NULL, v, NULL, 2, one, 1), PB_EINVAL);
}

/* Ties share the better rank and the next rank skips: 7 7 5 5 — — → 1 1 3 3 5 5. */
static void test_ties(void **state)
{
	(void)state;
	double score[] = { 5, 7, 5, NAN, 7, NAN };
	int64_t rank[6];
	size_t order[6];
	assert_int_equal(pb_score_rank(rank, order, score, 6), 0);
	int64_t want[] = { 3, 1, 3, 5, 1, 5 };
	size_t worder[] = { 1, 4, 0, 2, 3, 5 };
	for (int i = 0; i < 6; i++) {
		assert_int_equal(rank[i], want[i]);
		assert_int_equal(order[i], worder[i]);
	}
	assert_int_equal(pb_score_rank(rank, NULL, score, 0), 0);
}

/*
 * Scores equal by hand are tied even when their sums differ in the last bits. Three parts
 * against target, weight 1 each (the 目标完成率 list): park 0 has 1 of 1, 1 of 1, 3 of 11
 * → 100, 100, 27.27; park 1 has 3 of 11, 1 of 1, 1 of 1 → 27.27, 100, 100. Both score
 * (200 + 300/11) / 3 = 2500/33 = 75.76, and both rank 1; in floating point
 * (100 + 100) + 27.27 and (27.27 + 100) + 100 differ, which ranked them 1 and 2.
 */
static void test_ties_by_hand(void **state)
{
	(void)state;
	pb_score_part parts[] = { { 1, PB_SN_TARGET, 200 }, { 1, PB_SN_TARGET, 200 },
				  { 1, PB_SN_TARGET, 200 } };
	double value[] = { 1, 1, 3, 3, 1, 1 };
	double target[] = { 1, 1, 11, 11, 1, 1 };
	double score[2];
	int64_t rank[2];
	assert_int_equal(pb_score_compute(score, NULL, value, target, 2, parts, 3), 0);
	near(score[0], 2500.0 / 33);
	near(score[1], 2500.0 / 33);
	assert_true(score[0] != score[1]); /* the bits differ: what the test is about */
	assert_int_equal(pb_score_rank(rank, NULL, score, 2), 0);
	assert_int_equal(rank[0], 1);
	assert_int_equal(rank[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_ties_by_hand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
