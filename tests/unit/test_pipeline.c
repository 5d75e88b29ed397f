/* test_pipeline.c - the investment pipeline's stages, moves and the figures of a period,
 * on five hand-made projects. Every figure is worked by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model.h"
#include "pipeline.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/*
 * The projects (group 0 园区甲, group 1 园区乙; group 2 has none):
 *   P0  g0, 3亿 (30000万, 亿元级): 线索 2025-01-10, 在谈 02-01, 签约 03-15, 注册 04-01,
 *       开工 06-10 (供地 skipped: filled in 06-10)
 *   P1  g0, 12亿 (10亿级): 线索 2024-11-20, 签约 2025-02-20 (在谈 skipped), 终止 05-05
 *   P2  g1, no contract value: 线索 2025-03-01, 在谈 03-20
 *   P3  g1, 25亿 (20亿级): 线索 2024-06-01, 在谈 07-01, 签约 12-01, 供地 2025-01-05
 *       (注册 skipped), 开工 03-01, 竣工投产 06-30
 *   P4  g1, 0.8亿 (亿元以下): 线索 2025-01-01, 在谈 01-10, 签约 01-15, 开工 01-20 (a
 *       slip: 注册 and 供地 filled), corrected back to 签约 on 01-25
 */
static const pb_pipe_event events[] = {
	{ 0, PB_STAGE_LEAD, 20250110 },    { 0, PB_STAGE_TALKS, 20250201 },
	{ 0, PB_STAGE_SIGNED, 20250315 },  { 0, PB_STAGE_REGISTERED, 20250401 },
	{ 0, PB_STAGE_STARTED, 20250610 },
	{ 1, PB_STAGE_LEAD, 20241120 },    { 1, PB_STAGE_SIGNED, 20250220 },
	{ 1, PB_STAGE_DROPPED, 20250505 },
	{ 2, PB_STAGE_LEAD, 20250301 },    { 2, PB_STAGE_TALKS, 20250320 },
	{ 3, PB_STAGE_LEAD, 20240601 },    { 3, PB_STAGE_TALKS, 20240701 },
	{ 3, PB_STAGE_SIGNED, 20241201 },  { 3, PB_STAGE_LAND, 20250105 },
	{ 3, PB_STAGE_STARTED, 20250301 }, { 3, PB_STAGE_PRODUCING, 20250630 },
	{ 4, PB_STAGE_LEAD, 20250101 },    { 4, PB_STAGE_TALKS, 20250110 },
	{ 4, PB_STAGE_SIGNED, 20250115 },  { 4, PB_STAGE_STARTED, 20250120 },
	{ 4, PB_STAGE_SIGNED, 20250125 },
};
#define NEV (sizeof(events) / sizeof(events[0]))

static const uint32_t group[] = { 0, 0, 1, 1, 1 };
static double contract[] = { 30000, 120000, NAN, 250000, 8000 };

/* Funds: P0 2025-03 5000+1000 and 2025-07 2000; P3 2025-01 10000 and 2024-12 4000+500;
 * P1 2025-03 3000. */
static const pb_pipe_fund funds[] = {
	{ 0, 202503, 5000, 1000 }, { 0, 202507, 2000, 0 }, { 3, 202501, 10000, 0 },
	{ 3, 202412, 4000, 500 },  { 1, 202503, 3000, 0 },
};

static pb_pipe_state st[5];

static void replay(void)
{
	assert_int_equal(pb_pipe_replay(st, 5, events, NEV), 0);
}

static void test_stage_names(void **state)
{
	(void)state;
	assert_string_equal(pb_stage_name(PB_STAGE_SIGNED), "签约");
	assert_string_equal(pb_stage_key(PB_STAGE_IN_STATS), "in_stats");
	assert_string_equal(pb_stage_key(PB_STAGE_COUNT), "");
	assert_int_equal(pb_stage_parse("signed", 6), PB_STAGE_SIGNED);
	assert_int_equal(pb_stage_parse("竣工投产", strlen("竣工投产")), PB_STAGE_PRODUCING);
	assert_int_equal(pb_stage_parse("dropped", 7), PB_STAGE_DROPPED);
	assert_int_equal(pb_stage_parse("sign", 4), PB_STAGE_NONE);
	assert_int_equal(pb_stage_parse("", 0), PB_STAGE_NONE);
}

static void test_moves(void **state)
{
	(void)state;
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_NONE, PB_STAGE_SIGNED), PB_PM_OK);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_NONE, PB_STAGE_DROPPED), PB_PM_BAD);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_LEAD, PB_STAGE_TALKS), PB_PM_OK);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_LEAD, PB_STAGE_SIGNED), PB_PM_SKIP);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_STARTED, PB_STAGE_SIGNED), PB_PM_BACK);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_SIGNED, PB_STAGE_DROPPED), PB_PM_DROP);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_DROPPED, PB_STAGE_TALKS), PB_PM_REOPEN);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_TALKS, PB_STAGE_TALKS), PB_PM_SAME);
	assert_int_equal(pb_pipe_move_kind(PB_STAGE_LEAD, PB_STAGE_COUNT), PB_PM_BAD);
	assert_int_equal(pb_pipe_move_kind(-1, PB_STAGE_LEAD), PB_PM_BAD);
	/* the next stage needs no reason; a skip, a step back, a drop, a reopening do */
	assert_int_equal(pb_pipe_move_check(PB_STAGE_SIGNED, PB_STAGE_REGISTERED, 0), 0);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_LEAD, PB_STAGE_SIGNED, 0), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "跳过"));
	assert_non_null(strstr(pb_error_last(), "from lead to signed"));
	assert_int_equal(pb_pipe_move_check(PB_STAGE_LEAD, PB_STAGE_SIGNED, 1), 0);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_STARTED, PB_STAGE_SIGNED, 0), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "退回"));
	assert_int_equal(pb_pipe_move_check(PB_STAGE_STARTED, PB_STAGE_SIGNED, 1), 0);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_SIGNED, PB_STAGE_DROPPED, 0), PB_EINVAL);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_SIGNED, PB_STAGE_DROPPED, 1), 0);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_DROPPED, PB_STAGE_SIGNED, 0), PB_EINVAL);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_DROPPED, PB_STAGE_SIGNED, 1), 0);
	/* no reason makes a move to the same stage or a new project dropped acceptable */
	assert_int_equal(pb_pipe_move_check(PB_STAGE_TALKS, PB_STAGE_TALKS, 1), PB_EINVAL);
	assert_int_equal(pb_pipe_move_check(PB_STAGE_NONE, PB_STAGE_DROPPED, 1), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "新项目"));
}

static void test_replay(void **state)
{
	(void)state;
	replay();
	/* P0: 供地 filled in on the day it started */
	assert_int_equal(st[0].line, PB_STAGE_STARTED);
	assert_int_equal(st[0].date[PB_STAGE_LAND], 20250610);
	assert_int_equal(st[0].filled, 1u << PB_STAGE_LAND);
	assert_int_equal(st[0].date[PB_STAGE_PRODUCING], 0);
	/* P1: 在谈 filled in on the signing day; dropped, keeping 签约 */
	assert_int_equal(st[1].line, PB_STAGE_SIGNED);
	assert_int_equal(st[1].dropped, 1);
	assert_int_equal(st[1].date[PB_STAGE_TALKS], 20250220);
	assert_int_equal(st[1].date[PB_STAGE_DROPPED], 20250505);
	/* P4: the slip to 开工 undone: 注册, 供地, 开工 cleared, and their filled marks */
	assert_int_equal(st[4].line, PB_STAGE_SIGNED);
	assert_int_equal(st[4].date[PB_STAGE_SIGNED], 20250115);
	assert_int_equal(st[4].date[PB_STAGE_REGISTERED], 0);
	assert_int_equal(st[4].date[PB_STAGE_STARTED], 0);
	assert_int_equal(st[4].filled, 0);

	/* the stage held at a day */
	int dropped = -1;
	assert_int_equal(pb_pipe_stage_at(&st[3], 20250228, &dropped), PB_STAGE_LAND);
	assert_int_equal(dropped, 0);
	assert_int_equal(pb_pipe_stage_at(&st[3], 20240101, NULL), PB_STAGE_NONE);
	assert_int_equal(pb_pipe_stage_at(&st[1], 20250504, &dropped), PB_STAGE_SIGNED);
	assert_int_equal(dropped, 0);
	assert_int_equal(pb_pipe_stage_at(&st[1], 20250505, &dropped), PB_STAGE_SIGNED);
	assert_int_equal(dropped, 1);

	/* the moves the events made: P0 skipped 供地; P1 skipped 在谈 and was dropped; P3
	 * skipped 注册; P4 skipped to 开工 and stepped back */
	pb_pipe_move mv[NEV];
	pb_pipe_state again_st[5];
	assert_int_equal(pb_pipe_replay_moves(again_st, mv, 5, events, NEV), 0);
	uint8_t want[NEV] = { PB_PM_OK, PB_PM_OK, PB_PM_OK, PB_PM_OK, PB_PM_SKIP,
			      PB_PM_OK, PB_PM_SKIP, PB_PM_DROP,
			      PB_PM_OK, PB_PM_OK,
			      PB_PM_OK, PB_PM_OK, PB_PM_OK, PB_PM_SKIP, PB_PM_OK, PB_PM_OK,
			      PB_PM_OK, PB_PM_OK, PB_PM_OK, PB_PM_SKIP, PB_PM_BACK };
	for (size_t i = 0; i < NEV; i++)
		assert_int_equal(mv[i].kind, want[i]);
	assert_int_equal(mv[0].from, PB_STAGE_NONE);
	assert_int_equal(mv[7].from, PB_STAGE_SIGNED);   /* P1 dropped from 签约 */
	assert_int_equal(mv[20].from, PB_STAGE_STARTED); /* P4 back from 开工 */
	assert_memory_equal(again_st, st, sizeof(st));

	/* taken up again: no longer dropped, back where it was, then on */
	pb_pipe_event again[] = { { 0, PB_STAGE_SIGNED, 20250101 }, { 0, PB_STAGE_DROPPED, 20250201 },
				  { 0, PB_STAGE_REGISTERED, 20250301 } };
	pb_pipe_state s1;
	assert_int_equal(pb_pipe_replay(&s1, 1, again, 3), 0);
	assert_int_equal(s1.dropped, 0);
	assert_int_equal(s1.date[PB_STAGE_DROPPED], 0);
	assert_int_equal(s1.line, PB_STAGE_REGISTERED);
	/* a new project entering at 签约: the stages before it filled in */
	assert_int_equal(s1.filled, (1u << PB_STAGE_LEAD) | (1u << PB_STAGE_TALKS));
}

static void test_replay_errors(void **state)
{
	(void)state;
	pb_pipe_state s[2];
	pb_pipe_event order[] = { { 0, PB_STAGE_SIGNED, 20250315 }, { 0, PB_STAGE_TALKS, 20250301 } };
	assert_int_equal(pb_pipe_replay(s, 2, order, 2), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "第 2 个"));
	/* another project's earlier date is no disorder */
	pb_pipe_event two[] = { { 0, PB_STAGE_SIGNED, 20250315 }, { 1, PB_STAGE_TALKS, 20250301 } };
	assert_int_equal(pb_pipe_replay(s, 2, two, 2), 0);
	pb_pipe_event day[] = { { 0, PB_STAGE_LEAD, 20250230 } };
	assert_int_equal(pb_pipe_replay(s, 2, day, 1), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "20250230"));
	pb_pipe_event who[] = { { 2, PB_STAGE_LEAD, 20250101 } };
	assert_int_equal(pb_pipe_replay(s, 2, who, 1), PB_EINVAL);
	pb_pipe_event what[] = { { 0, PB_STAGE_COUNT, 20250101 } };
	assert_int_equal(pb_pipe_replay(s, 2, what, 1), PB_EINVAL);
	what[0].stage = PB_STAGE_NONE;
	assert_int_equal(pb_pipe_replay(s, 2, what, 1), PB_EINVAL);
}

static void test_bands_and_funds(void **state)
{
	(void)state;
	assert_int_equal(pb_pipe_band(9999.99), PB_PB_UNDER);
	assert_int_equal(pb_pipe_band(10000), PB_PB_1);
	assert_int_equal(pb_pipe_band(49999), PB_PB_1);
	assert_int_equal(pb_pipe_band(50000), PB_PB_5);
	assert_int_equal(pb_pipe_band(100000), PB_PB_10);
	assert_int_equal(pb_pipe_band(199999), PB_PB_10);
	assert_int_equal(pb_pipe_band(200000), PB_PB_20);
	assert_int_equal(pb_pipe_band(NAN), PB_PB_UNKNOWN);
	assert_string_equal(pb_pipe_band_name(PB_PB_10), "10亿级");

	replay();
	/* funds arrive under a contract: from the signing month on */
	assert_int_equal(pb_pipe_fund_check(&st[2], 202504), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "尚未签约"));
	assert_int_equal(pb_pipe_fund_check(&st[0], 202502), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "2025-03-15"));
	assert_int_equal(pb_pipe_fund_check(&st[0], 202503), 0);
	assert_int_equal(pb_pipe_fund_check(&st[0], 202513), PB_EINVAL);
	/* a project dropped after signing may still have money arriving */
	assert_int_equal(pb_pipe_fund_check(&st[1], 202506), 0);
}

static void test_period(void **state)
{
	(void)state;
	replay();
	pb_pipe_input in = { .n = 5, .state = st, .contract = contract, .group = group,
			     .ngroup = 3, .funds = funds, .nfunds = 5 };
	pb_pipe_row r[4];
	/* the first half of 2025 */
	assert_int_equal(pb_pipe_period(r, &in, 20250101, 20250630), 0);

	/* 园区甲 (P0, P1) */
	pb_pipe_row *a = &r[0];
	assert_int_equal(a->projects, 2);
	assert_int_equal(a->held[PB_STAGE_STARTED], 1);
	assert_int_equal(a->held[PB_STAGE_DROPPED], 1);
	/* P0 entered 线索..开工 (供地 filled) in the period; P1 在谈 (filled), 签约, 终止 */
	int64_t a_in[PB_STAGE_COUNT] = { 0, 1, 2, 2, 1, 1, 1, 0, 0, 0, 1 };
	for (int k = 0; k < PB_STAGE_COUNT; k++)
		assert_int_equal(a->entered[k], a_in[k]);
	near(a->signed_value, 150000);
	assert_int_equal(a->band[PB_PB_1], 1);
	assert_int_equal(a->band[PB_PB_10], 1);
	assert_int_equal(a->signed_started, 1);
	assert_int_equal(a->signed_producing, 0);
	assert_int_equal(a->signed_dropped, 1);
	near(a->rate_started, 0.5);          /* P1, dropped after signing, stays counted */
	near(a->rate_producing, 0);
	/* funds of 2025-01..06: P0 6000, P1 3000; P0's July money is after the period */
	near(a->funds, 9000);
	near(a->funds_fixed, 8000);
	near(a->funds_working, 1000);
	near(a->signed_funds, 9000);
	near(a->rate_funds, 9000.0 / 150000);
	/* days: P0 only (P1's 在谈 was filled in); 01-10→02-01 22, 02-01→03-15 42,
	 * 03-15→04-01 17; 注册→供地→开工 have P0's filled 供地 */
	near(a->days_mean[PB_STAGE_LEAD], 22);
	near(a->days_mean[PB_STAGE_TALKS], 42);
	near(a->days_mean[PB_STAGE_SIGNED], 17);
	assert_int_equal(a->days_n[PB_STAGE_REGISTERED], 0);
	assert_true(isnan(a->days_mean[PB_STAGE_REGISTERED]));
	assert_true(isnan(a->days_mean[PB_STAGE_LAND]));

	/* 园区乙 (P2, P3, P4) */
	pb_pipe_row *b = &r[1];
	assert_int_equal(b->projects, 3);
	assert_int_equal(b->held[PB_STAGE_TALKS], 1);
	assert_int_equal(b->held[PB_STAGE_PRODUCING], 1);
	assert_int_equal(b->held[PB_STAGE_SIGNED], 1);
	int64_t b_in[PB_STAGE_COUNT] = { 0, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0 };
	for (int k = 0; k < PB_STAGE_COUNT; k++)
		assert_int_equal(b->entered[k], b_in[k]);
	near(b->signed_value, 8000);        /* P4 only; P3 signed in 2024 */
	assert_int_equal(b->band[PB_PB_UNDER], 1);
	assert_int_equal(b->signed_started, 0); /* P4's start was a slip, undone */
	near(b->rate_started, 0);
	near(b->funds, 10000);              /* P3's January; its December is before */
	near(b->signed_funds, 0);
	near(b->rate_funds, 0);
	/* 03-01→03-20 19 and 01-01→01-10 9: 14; 01-10→01-15 5; 01-05→03-01 55; 03-01→06-30 121 */
	near(b->days_mean[PB_STAGE_LEAD], 14);
	assert_int_equal(b->days_n[PB_STAGE_LEAD], 2);
	near(b->days_mean[PB_STAGE_TALKS], 5);
	assert_int_equal(b->days_n[PB_STAGE_SIGNED], 0); /* P3's 注册 was filled in */
	assert_int_equal(b->days_n[PB_STAGE_REGISTERED], 0);
	near(b->days_mean[PB_STAGE_LAND], 55);
	near(b->days_mean[PB_STAGE_STARTED], 121);

	/* group 2 has nothing: every rate is NaN, not 0 */
	pb_pipe_row *c = &r[2];
	assert_int_equal(c->projects, 0);
	assert_true(isnan(c->rate_funds));
	assert_true(isnan(c->rate_started));
	assert_true(isnan(c->rate_producing));
	assert_true(isnan(c->days_mean[PB_STAGE_LEAD]));

	/* the total */
	pb_pipe_row *t = &r[3];
	assert_int_equal(t->projects, 5);
	int64_t t_in[PB_STAGE_COUNT] = { 0, 3, 4, 3, 2, 2, 2, 1, 0, 0, 1 };
	for (int k = 0; k < PB_STAGE_COUNT; k++)
		assert_int_equal(t->entered[k], t_in[k]);
	near(t->signed_value, 158000);
	assert_int_equal(t->signed_unvalued, 0);
	near(t->rate_started, 1.0 / 3);
	near(t->funds, 19000);
	near(t->rate_funds, 9000.0 / 158000);
	near(t->days_mean[PB_STAGE_LEAD], 50.0 / 3); /* 22, 19, 9 */
	near(t->days_mean[PB_STAGE_TALKS], 23.5);    /* 42, 5 */

	/* at the end of 2024: P1, P3 and their 2024 stages; P3 signed in December */
	assert_int_equal(pb_pipe_period(r, &in, 20240101, 20241231), 0);
	assert_int_equal(r[3].projects, 2);
	assert_int_equal(r[3].entered[PB_STAGE_SIGNED], 1);
	near(r[3].signed_value, 250000);
	assert_int_equal(r[3].band[PB_PB_20], 1);
	near(r[3].signed_funds, 4500);       /* its December money; January's is after */
	near(r[3].rate_started, 0);
	assert_int_equal(r[1].held[PB_STAGE_SIGNED], 1);
	assert_int_equal(r[0].held[PB_STAGE_LEAD], 1);

	/* a signed project with no contract value: counted, not valued */
	contract[1] = NAN;
	assert_int_equal(pb_pipe_period(r, &in, 20250101, 20250630), 0);
	contract[1] = 120000;
	assert_int_equal(r[0].signed_unvalued, 1);
	near(r[0].signed_value, 30000);
	near(r[0].signed_funds, 9000);
	near(r[0].rate_funds, 6000.0 / 30000); /* P1's 3000 has no contract to measure */
	assert_int_equal(r[0].band[PB_PB_UNKNOWN], 1);

	/* bad periods and groups */
	assert_int_equal(pb_pipe_period(r, &in, 20250701, 20250630), PB_EINVAL);
	assert_int_equal(pb_pipe_period(r, &in, 20250100, 20250630), PB_EINVAL);
	in.ngroup = 1;
	assert_int_equal(pb_pipe_period(r, &in, 20250101, 20250630), PB_EINVAL);
	in.group = NULL;                     /* all in one group */
	assert_int_equal(pb_pipe_period(r, &in, 20250101, 20250630), 0);
	assert_int_equal(r[0].projects, 5);
	assert_int_equal(r[1].projects, 5);
}

static void test_stuck(void **state)
{
	(void)state;
	replay();
	int limits[PB_STAGE_COUNT] = { 0, 30, 60, 90, 0, 0, 60, 0, 0, 0, 0 };
	pb_pipe_stuck *l = NULL;
	size_t n = 0;
	assert_int_equal(pb_pipe_stuck_list(&l, &n, st, 5, 20250630, limits), 0);
	/* P4 signed 01-15: 166 days > 90; P2 in talks from 03-20: 102 > 60; P0 started 06-10:
	 * 20 <= 60; P1 dropped; P3 at 投产 without a limit */
	assert_int_equal(n, 2);
	assert_int_equal(l[0].project, 4);
	assert_int_equal(l[0].stage, PB_STAGE_SIGNED);
	assert_int_equal(l[0].since, 20250115);
	assert_int_equal(l[0].days, 166);
	assert_int_equal(l[1].project, 2);
	assert_int_equal(l[1].days, 102);
	free(l);
	/* before anything was held long enough: nothing, and no allocation */
	assert_int_equal(pb_pipe_stuck_list(&l, &n, st, 5, 20240615, limits), 0);
	assert_int_equal(n, 0);
	assert_null(l);
	assert_int_equal(pb_pipe_stuck_list(&l, &n, st, 5, 20250231, limits), PB_EINVAL);
}

/* A project dropped and taken up again counts its days in the stage from the reopening:
 * in talks from 2025-01-10, dropped 2025-02-01, taken up again in talks 2025-05-01. */
static void test_stuck_reopened(void **state)
{
	(void)state;
	const pb_pipe_event ev[] = {
		{ 0, PB_STAGE_LEAD, 20250105 }, { 0, PB_STAGE_TALKS, 20250110 },
		{ 0, PB_STAGE_DROPPED, 20250201 }, { 0, PB_STAGE_TALKS, 20250501 },
	};
	pb_pipe_state s[1];
	assert_int_equal(pb_pipe_replay(s, 1, ev, 4), 0);
	assert_int_equal(s[0].reopened, 20250501);
	assert_int_equal(s[0].date[PB_STAGE_TALKS], 20250110);
	int limits[PB_STAGE_COUNT] = { 0, 0, 60 };
	pb_pipe_stuck *l = NULL;
	size_t n = 0;
	/* 2025-06-20: 50 days since the reopening (May 1 to June 1 is 31, then 19 more),
	 * not 161 since 01-10: not held up */
	assert_int_equal(pb_pipe_stuck_list(&l, &n, s, 1, 20250620, limits), 0);
	assert_int_equal(n, 0);
	/* 2025-07-15: May 1 to July 15 is 31 + 30 + 14 = 75 days > 60 */
	assert_int_equal(pb_pipe_stuck_list(&l, &n, s, 1, 20250715, limits), 0);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].since, 20250501);
	assert_int_equal(l[0].days, 75);
	free(l);
	/* a project never dropped keeps no reopening */
	assert_int_equal(pb_pipe_replay(s, 1, ev, 2), 0);
	assert_int_equal(s[0].reopened, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_names),   cmocka_unit_test(test_moves),
		cmocka_unit_test(test_replay),        cmocka_unit_test(test_replay_errors),
		cmocka_unit_test(test_bands_and_funds), cmocka_unit_test(test_period),
		cmocka_unit_test(test_stuck),         cmocka_unit_test(test_stuck_reopened),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
