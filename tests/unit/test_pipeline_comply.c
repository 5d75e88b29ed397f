/* test_pipeline_comply.c - 履约率 over the 12 months to 2025-12, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "error.h"
#include "pipeline_comply.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/*
 * The window is 2025-01..2025-12, its first day 2025-01-01.
 *   Q0 g0  投产 2024-11-15; promised 10000 output, 500 tax; delivered 12000, 450:
 *          1.2 and 0.9, not kept
 *   Q1 g0  投产 2025-01-01 (the first day: a whole year); promised 5000 output only;
 *          delivered 5000: 1.0, kept
 *   Q2 g0  投产 2025-01-02: not a whole year, not assessed
 *   Q3 g0  投产 2024-03-01, 终止 2025-06-01: not assessed
 *   Q4 g1  投产 2024-01-01, linked to no enterprise: not assessed
 *   Q5 g1  投产 2024-01-01, no promise: not assessed
 *   Q6 g1  投产 2024-01-01; promised 8000 output, its enterprise reported nothing: 0
 * g0: 2 assessed, 1 kept, 0.5; output 15000 promised, 17000 delivered; tax 500, 450.
 * g1: 1 assessed, 0 kept. Total: 3, 1, 1/3; output 23000, 17000.
 */
static const pb_pipe_event ev[] = {
	{ 0, PB_STAGE_PRODUCING, 20241115 }, { 1, PB_STAGE_PRODUCING, 20250101 },
	{ 2, PB_STAGE_PRODUCING, 20250102 }, { 3, PB_STAGE_PRODUCING, 20240301 },
	{ 3, PB_STAGE_DROPPED, 20250601 },   { 4, PB_STAGE_PRODUCING, 20240101 },
	{ 5, PB_STAGE_PRODUCING, 20240101 }, { 6, PB_STAGE_PRODUCING, 20240101 },
};

static void test_comply(void **state)
{
	(void)state;
	pb_pipe_state st[7];
	assert_int_equal(pb_pipe_replay(st, 7, ev, 8), 0);
	double po[] = { 10000, 5000, 9000, 9000, 9000, NAN, 8000 };
	double pt[] = { 500, NAN, NAN, NAN, NAN, NAN, NAN };
	double ao[] = { 12000, 5000, 9000, 9000, 0, 0, 0 };
	double at[] = { 450, 0, 0, 0, 0, 0, 0 };
	uint8_t linked[] = { 1, 1, 1, 1, 0, 1, 1 };
	uint32_t group[] = { 0, 0, 0, 0, 1, 1, 1 };
	pb_comply_input in = { .n = 7, .state = st, .promised_output = po, .promised_tax = pt,
			       .linked = linked, .actual_output = ao, .actual_tax = at,
			       .group = group, .ngroup = 3 };
	pb_comply_row r[4];
	pb_comply_project p[7];
	assert_int_equal(pb_comply_compute(r, p, &in, 202512), 0);

	near(p[0].ratio_output, 1.2);
	near(p[0].ratio_tax, 0.9);
	assert_int_equal(p[0].kept, 0);
	near(p[1].ratio_output, 1);
	assert_true(isnan(p[1].ratio_tax));
	assert_int_equal(p[1].kept, 1);
	for (int i = 2; i <= 5; i++) {
		assert_int_equal(p[i].assessed, 0);
		assert_true(isnan(p[i].ratio_output));
	}
	near(p[6].ratio_output, 0);

	assert_int_equal(r[0].assessed, 2);
	assert_int_equal(r[0].kept, 1);
	near(r[0].rate, 0.5);
	near(r[0].promised_output, 15000);
	near(r[0].actual_output, 17000);
	near(r[0].promised_tax, 500);
	near(r[0].actual_tax, 450);
	assert_int_equal(r[1].assessed, 1);
	near(r[1].rate, 0);
	assert_int_equal(r[2].assessed, 0);
	assert_true(isnan(r[2].rate));        /* nobody assessed: no rate, not 0 % */
	assert_int_equal(r[3].assessed, 3);
	near(r[3].rate, 1.0 / 3);
	near(r[3].promised_output, 23000);
	near(r[3].actual_output, 17000);

	/* a year earlier (the window from 2024-01-01): only Q4..Q6 produced the whole year,
	 * and of them only Q6 is assessed (Q4 is linked to nobody, Q5 promised nothing) */
	assert_int_equal(pb_comply_compute(r, NULL, &in, 202412), 0);
	assert_int_equal(r[3].assessed, 1);

	/* a promise of 0 measures nothing */
	po[1] = 0;
	assert_int_equal(pb_comply_compute(r, p, &in, 202512), 0);
	assert_int_equal(p[1].assessed, 0);
	assert_int_equal(r[0].assessed, 1);

	assert_int_equal(pb_comply_compute(r, p, &in, 202513), PB_EINVAL);
	in.ngroup = 1;
	assert_int_equal(pb_comply_compute(r, p, &in, 202512), PB_EINVAL);
}

static void test_window(void **state)
{
	(void)state;
	assert_int_equal(pb_comply_window_start(202512), 20250101);
	assert_int_equal(pb_comply_window_start(202503), 20240401);
}

/* The promise per 亩: 3000 万元 on 60 亩 is 50; nothing without land above 0 or a promise. */
static void test_per_mu(void **state)
{
	(void)state;
	assert_true(pb_comply_per_mu(3000, 60) == 50);
	assert_true(isnan(pb_comply_per_mu(3000, 0)));
	assert_true(isnan(pb_comply_per_mu(3000, -1)));
	assert_true(isnan(pb_comply_per_mu(3000, NAN)));
	assert_true(isnan(pb_comply_per_mu(NAN, 60)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comply),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_per_mu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
