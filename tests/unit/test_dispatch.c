/* test_dispatch.c - the monthly dispatch's computations (src/core/dispatch.h): a ranking
 * list with a prorated target, a cap and a tie; zero denominators; the activity index per
 * period; the weeks; the stages entered in a month. Every figure worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "error.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static double fig[3 * PB_RF_COUNT], tgt[3 * PB_DT_COUNT];

static void set_row(size_t r, double value, double target, double funds)
{
	for (int f = 0; f < PB_RF_COUNT; f++)
		fig[r * PB_RF_COUNT + f] = NAN;
	for (int f = 0; f < PB_DT_COUNT; f++)
		tgt[r * PB_DT_COUNT + f] = NAN;
	fig[r * PB_RF_COUNT + PB_DT_SIGNED_VALUE] = value;
	fig[r * PB_RF_COUNT + PB_DT_FUNDS] = funds;
	tgt[r * PB_DT_COUNT + PB_DT_SIGNED_VALUE] = target;
}

/*
 * Parts: signed value against target (weight 2, cap 150), funds by the leader (weight 1);
 * 1–6月: the year's target × 6/12.
 *   row 0: 60 of 100 → 50: 120 points; funds 10 of the leader's 20: 50 → (240 + 50) / 3 = 96.67
 *   row 1: 100 of 200 → 100: 100; funds 20: 100 → 300 / 3 = 100
 *   row 2: 90 of 60 → 30: 300, capped 150; funds 0: 0 → 300 / 3 = 100
 * Ranks: rows 1 and 2 tie first, row 0 third; order 1, 2, 0.
 */
static void test_rank(void **state)
{
	(void)state;
	pb_disp_list l = { .key = "t", .name = "t", .nparts = 2 };
	l.parts[0] = (pb_disp_part){ PB_DT_SIGNED_VALUE, { 2, PB_SN_TARGET, 150 } };
	l.parts[1] = (pb_disp_part){ PB_DT_FUNDS, { 1, PB_SN_MAX, 0 } };
	set_row(0, 60, 100, 10);
	set_row(1, 100, 200, 20);
	set_row(2, 90, 60, 0);
	pb_disp_ranking r;
	assert_int_equal(pb_disp_rank(&r, &l, fig, tgt, 3, 6), 0);
	near(r.target[0 * 2 + 0], 50);
	near(r.points[0 * 2 + 0], 120);
	near(r.points[0 * 2 + 1], 50);
	near(r.points[2 * 2 + 0], 150);
	near(r.score[0], 290.0 / 3);
	near(r.score[1], 100);
	near(r.score[2], 100);
	assert_int_equal(r.rank[0], 3);
	assert_int_equal(r.rank[1], 1);
	assert_int_equal(r.rank[2], 1);
	assert_int_equal(r.order[0], 1);
	assert_int_equal(r.order[1], 2);
	assert_int_equal(r.order[2], 0);
	pb_disp_ranking_free(&r);
	/* a month's ranking: the target ÷ 12; months out of range refused */
	assert_int_equal(pb_disp_rank(&r, &l, fig, tgt, 3, 1), 0);
	near(r.target[0], 100.0 / 12);
	pb_disp_ranking_free(&r);
	assert_int_equal(pb_disp_rank(&r, &l, fig, tgt, 3, 13), PB_EINVAL);
	assert_null(r.score);
}

/* Zero denominators: no target, a target of 0, nobody above 0, no previous output. */
static void test_zero(void **state)
{
	(void)state;
	assert_true(isnan(pb_disp_rate(5, 0)));
	assert_true(isnan(pb_disp_rate(5, NAN)));
	assert_true(isnan(pb_disp_rate(NAN, 10)));
	near(pb_disp_rate(0, 4), 0);
	assert_true(isnan(pb_disp_growth(110, 0)));
	assert_true(isnan(pb_disp_growth(NAN, 100)));
	near(pb_disp_growth(110, 100), 10);
	near(pb_disp_growth(90, 100), -10);
	/* signed value against targets of 0 and none, funds all 0: every row 0 points, tied */
	pb_disp_list l = { .key = "z", .name = "z", .nparts = 2 };
	l.parts[0] = (pb_disp_part){ PB_DT_SIGNED_VALUE, { 1, PB_SN_TARGET, 0 } };
	l.parts[1] = (pb_disp_part){ PB_DT_FUNDS, { 1, PB_SN_MAX, 0 } };
	set_row(0, 10, 0, 0);
	set_row(1, 10, NAN, 0);
	pb_disp_ranking r;
	assert_int_equal(pb_disp_rank(&r, &l, fig, tgt, 2, 12), 0);
	assert_true(isnan(r.points[0]));
	near(r.points[1], 0);
	near(r.score[0], 0);
	near(r.score[1], 0);
	assert_int_equal(r.rank[0], 1);
	assert_int_equal(r.rank[1], 1);
	pb_disp_ranking_free(&r);
	/* no rows at all */
	assert_int_equal(pb_disp_rank(&r, &l, fig, tgt, 0, 3), 0);
	pb_disp_ranking_free(&r);
}

/*
 * Two parks, two periods (1–7 and 8–14 March). Parts: signings by the leader (3), visits
 * made (1), output growth by range (1).
 *   period 0: park 0 two signings, one visit (03-02), +5 %; park 1 one signing, no visit, −5 %
 *     points 100, 100, 100 → 100; 50, 0, 0 → 150 / 5 = 30
 *   period 1: nothing, no growth: 0 and 0 (the visit of 03-20 is in no period, the one of
 *   an activity in no park counts nowhere)
 */
static void test_activity(void **state)
{
	(void)state;
	pb_disp_config cfg = { .nact = 3 };
	cfg.act[0] = (pb_disp_part){ PB_AF_SIGNINGS, { 3, PB_SN_MAX, 0 } };
	cfg.act[1] = (pb_disp_part){ PB_AF_VISITS_OUT, { 1, PB_SN_MAX, 0 } };
	cfg.act[2] = (pb_disp_part){ PB_AF_GROWTH, { 1, PB_SN_RANGE, 0 } };
	double f[2 * 2 * PB_AF_COUNT] = { 0 };
	int32_t start[2] = { 20250301, 20250308 }, end[2] = { 20250307, 20250314 };
	pb_disp_act acts[] = { { 20250302, PB_ACT_VISIT_OUT, 0 }, { 20250320, PB_ACT_VISIT_OUT, 1 },
			       { 20250303, PB_ACT_EVENT, SIZE_MAX } };
	assert_int_equal(pb_disp_count_acts(f, 2, 2, start, end, acts, 3), 0);
	near(f[(0 * 2 + 0) * PB_AF_COUNT + PB_AF_VISITS_OUT], 1);
	near(f[(0 * 2 + 1) * PB_AF_COUNT + PB_AF_VISITS_OUT], 0);
	/* signings from replayed stages: park 0's projects 0 and 1, park 1's project 2 */
	pb_pipe_state st[3];
	memset(st, 0, sizeof(st));
	st[0].date[PB_STAGE_SIGNED] = 20250303;
	st[1].date[PB_STAGE_SIGNED] = 20250306;
	st[2].date[PB_STAGE_SIGNED] = 20250301;
	st[2].date[PB_STAGE_STARTED] = 20250310;
	size_t row_of[3] = { 0, 0, 1 };
	pb_disp_count_stages(f, 2, 2, start, end, st, row_of, 3);
	near(f[(0 * 2 + 0) * PB_AF_COUNT + PB_AF_SIGNINGS], 2);
	near(f[(0 * 2 + 1) * PB_AF_COUNT + PB_AF_SIGNINGS], 1);
	near(f[(1 * 2 + 1) * PB_AF_COUNT + PB_AF_STARTS], 1);
	f[(0 * 2 + 0) * PB_AF_COUNT + PB_AF_GROWTH] = 5;
	f[(0 * 2 + 1) * PB_AF_COUNT + PB_AF_GROWTH] = -5;
	f[(1 * 2 + 0) * PB_AF_COUNT + PB_AF_GROWTH] = NAN;
	f[(1 * 2 + 1) * PB_AF_COUNT + PB_AF_GROWTH] = NAN;
	double index[4], points[4 * 3];
	assert_int_equal(pb_disp_activity(index, points, f, 2, 2, &cfg), 0);
	near(index[0], 100);
	near(index[1], 30);
	near(index[2], 0);
	near(index[3], 0);
	near(points[1 * 3 + 0], 50);
	assert_true(isnan(points[(2 + 0) * 3 + 2]));
	pb_disp_act bad = { 20250302, 9, 0 };
	assert_int_equal(pb_disp_count_acts(f, 2, 2, start, end, &bad, 1), PB_EINVAL);
	cfg.nact = 0;
	assert_int_equal(pb_disp_activity(index, NULL, f, 2, 2, &cfg), PB_EINVAL);
}

/* 2025-01-01 is a Wednesday: the first week is 1–5 January, the last of January 27–31.
 * 2024-01-01 is a Monday: to February's end nine weeks, the last 26–29 February. */
static void test_weeks(void **state)
{
	(void)state;
	int32_t s[60], e[60];
	assert_int_equal(pb_disp_weeks(s, e, 60, 2025, 1), 5);
	assert_int_equal(s[0], 20250101);
	assert_int_equal(e[0], 20250105);
	assert_int_equal(s[1], 20250106);
	assert_int_equal(s[4], 20250127);
	assert_int_equal(e[4], 20250131);
	assert_int_equal(pb_disp_weeks(s, e, 60, 2024, 2), 9);
	assert_int_equal(s[8], 20240226);
	assert_int_equal(e[8], 20240229);
	assert_int_equal(pb_disp_weeks(s, e, 60, 2025, 12), 53);
	assert_int_equal(e[52], 20251231);
	assert_int_equal(pb_disp_weeks(s, e, 3, 2025, 12), 3);
	assert_int_equal(pb_disp_weeks(s, e, 60, 2025, 13), 0);
	assert_int_equal(pb_disp_month_end(202402), 20240229);
	assert_int_equal(pb_disp_month_end(202502), 20250228);
	assert_int_equal(pb_disp_month_end(202512), 20251231);
	assert_int_equal(pb_disp_month_end(202504), 20250430);
}

/* Project 0: 线索 01-05, 签约 03-10 (在谈 filled in); project 1: 线索 03-02, 终止 03-20.
 * March's moves: 1 线索 03-02, 0 签约 03-10, 1 终止 03-20 - not 0's 在谈. */
static void test_moved(void **state)
{
	(void)state;
	pb_pipe_event ev[] = { { 0, PB_STAGE_LEAD, 20250105 }, { 0, PB_STAGE_SIGNED, 20250310 },
			       { 1, PB_STAGE_LEAD, 20250302 }, { 1, PB_STAGE_DROPPED, 20250320 } };
	pb_pipe_state st[2];
	assert_int_equal(pb_pipe_replay(st, 2, ev, 4), 0);
	pb_disp_moved *m;
	size_t n;
	assert_int_equal(pb_disp_moved_list(&m, &n, st, 2, 20250301, 20250331), 0);
	assert_int_equal(n, 3);
	assert_int_equal(m[0].project, 1);
	assert_int_equal(m[0].stage, PB_STAGE_LEAD);
	assert_int_equal(m[1].project, 0);
	assert_int_equal(m[1].stage, PB_STAGE_SIGNED);
	assert_int_equal(m[2].stage, PB_STAGE_DROPPED);
	assert_int_equal(m[2].date, 20250320);
	free(m);
	assert_int_equal(pb_disp_moved_list(&m, &n, st, 2, 20250401, 20250430), 0);
	assert_int_equal(n, 0);
	free(m);
}

static void test_check(void **state)
{
	(void)state;
	pb_disp_config cfg = { .nlists = 1, .nact = 1, .major_min = PB_DISP_MAJOR_MIN };
	cfg.lists[0] = (pb_disp_list){ .key = "a", .name = "A", .nparts = 1 };
	cfg.lists[0].parts[0] = (pb_disp_part){ PB_RF_COMPLY, { 1, PB_SN_MAX, 0 } };
	cfg.act[0] = (pb_disp_part){ PB_AF_EVENTS, { 1, PB_SN_MAX, 0 } };
	assert_int_equal(pb_disp_config_check(&cfg), 0);
	/* 履约率 has no target */
	cfg.lists[0].parts[0].score.norm = PB_SN_TARGET;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	cfg.lists[0].parts[0].score.norm = PB_SN_MAX;
	cfg.lists[0].parts[0].score.weight = 0;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	cfg.lists[0].parts[0].score.weight = 1;
	cfg.lists[1] = cfg.lists[0];
	cfg.nlists = 2;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL); /* key "a" twice */
	assert_non_null(strstr(pb_error_last(), "list key a is used twice"));
	cfg.nlists = 1;
	/* a single-topic figure has no target; the threshold of a major project must be > 0 */
	cfg.lists[0].parts[0] = (pb_disp_part){ PB_RF_FUNDS_FOREIGN, { 1, PB_SN_TARGET, 0 } };
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	cfg.lists[0].parts[0].score.norm = PB_SN_MAX;
	assert_int_equal(pb_disp_config_check(&cfg), 0);
	cfg.major_min = 0;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	cfg.major_min = NAN;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	cfg.major_min = PB_DISP_MAJOR_MIN;
	cfg.act[0].figure = PB_AF_COUNT;
	assert_int_equal(pb_disp_config_check(&cfg), PB_EINVAL);
	assert_int_equal(pb_act_kind_parse("企业到访"), PB_ACT_VISIT_IN);
	assert_int_equal(pb_act_kind_parse("座谈"), -1);
	assert_int_equal(pb_rf_parse("comply_rate"), PB_RF_COMPLY);
	assert_int_equal(pb_rf_parse("signed_value_mfg"), PB_RF_SIGNED_MFG);
	assert_int_equal(pb_rf_parse("signed_value_new"), PB_RF_SIGNED_NEW);
	assert_int_equal(pb_rf_parse("major_started_count"), PB_RF_MAJOR_STARTED);
	assert_int_equal(pb_rf_parse("funds_foreign"), PB_RF_FUNDS_FOREIGN);
	assert_string_equal(pb_rf_key(PB_RF_FUNDS_FOREIGN), "funds_foreign");
	assert_string_equal(pb_rf_name(PB_RF_SIGNED_MFG), "制造业签约金额");
	assert_string_equal(pb_rf_key(PB_RF_COUNT), "?");
	assert_int_equal(pb_af_parse("output_growth"), PB_AF_GROWTH);
	assert_int_equal(pb_af_parse("nope"), -1);
}

/* The classes: C3922 制造业 (and "3922", "C", division 13 and 43 at C's ends); I65 and M73
 * 招新引优, so are I63 and M75 at their ends, not L72 nor N77 beside them; major by the
 * planned investment, else the contract value, at 1亿 exactly; foreign only for 1. */
static void test_topic_class(void **state)
{
	(void)state;
	const double M = PB_DISP_MAJOR_MIN;
	assert_int_equal(pb_disp_topic_class("C3922", 0, NAN, NAN, M), PB_DC_MFG);
	assert_int_equal(pb_disp_topic_class("3922", 0, NAN, NAN, M), PB_DC_MFG);
	assert_int_equal(pb_disp_topic_class("C13", 0, NAN, NAN, M), PB_DC_MFG);
	assert_int_equal(pb_disp_topic_class("43", 0, NAN, NAN, M), PB_DC_MFG);
	assert_int_equal(pb_disp_topic_class("44", 0, NAN, NAN, M), 0); /* D 电力 */
	assert_int_equal(pb_disp_topic_class("I65", 0, NAN, NAN, M), PB_DC_NEW);
	assert_int_equal(pb_disp_topic_class("63", 0, NAN, NAN, M), PB_DC_NEW);
	assert_int_equal(pb_disp_topic_class("M73", 0, NAN, NAN, M), PB_DC_NEW);
	assert_int_equal(pb_disp_topic_class("m75", 0, NAN, NAN, M), PB_DC_NEW);
	assert_int_equal(pb_disp_topic_class("L72", 0, NAN, NAN, M), 0);
	assert_int_equal(pb_disp_topic_class("N77", 0, NAN, NAN, M), 0);
	assert_int_equal(pb_disp_topic_class(NULL, 0, NAN, NAN, M), 0);
	assert_int_equal(pb_disp_topic_class("不是代码", 0, NAN, NAN, M), 0);
	assert_int_equal(pb_disp_topic_class(NULL, 0, 10000, NAN, M), PB_DC_MAJOR);
	assert_int_equal(pb_disp_topic_class(NULL, 0, 9999, 50000, M), 0); /* planned wins */
	assert_int_equal(pb_disp_topic_class(NULL, 0, NAN, 10000, M), PB_DC_MAJOR);
	assert_int_equal(pb_disp_topic_class(NULL, 0, NAN, 9999.99, M), 0);
	assert_int_equal(pb_disp_topic_class(NULL, 1, NAN, NAN, M), PB_DC_FOREIGN);
	assert_int_equal(pb_disp_topic_class(NULL, -1, NAN, NAN, M), 0);
	assert_int_equal(pb_disp_topic_class("C3922", 1, 20000, NAN, M),
			 PB_DC_MFG | PB_DC_MAJOR | PB_DC_FOREIGN);
}

/*
 * Two groups, March 2025 (03-01..03-31) and 1–3月:
 *   P0 group 0, 制造业, major, foreign, 5亿: 签约 02-10, 开工 03-12; funds 02 5000, 03 3000+1000
 *   P1 group 0, I/M, 2亿: 签约 03-05 (no start); funds 03 700 (domestic)
 *   P2 group 1, 制造业, major, no contract value: 签约 03-20 and 开工 03-20 (filled in)
 *   P3 group 1, foreign, 制造业 800: 签约 2024-12-01; funds 2024-12 100, 03 200 (fixed NaN:
 *      0, working 200)
 * March: g0 mfg 0 (P0 signed in Feb), new 20000, major starts 1, foreign 4000;
 *        g1 mfg 0 (P2 has no value), new 0, starts 1, foreign 200; total 0, 20000, 2, 4200.
 * 1–3月: g0 mfg 50000, new 20000, starts 1, foreign 9000; g1 0, 0, 1, 200 (P3's December
 *        is last year's); total 50000, 20000, 2, 9200.
 */
static void test_topics(void **state)
{
	(void)state;
	pb_pipe_state st[4];
	memset(st, 0, sizeof(st));
	st[0].date[PB_STAGE_SIGNED] = 20250210, st[0].date[PB_STAGE_STARTED] = 20250312;
	st[1].date[PB_STAGE_SIGNED] = 20250305;
	st[2].date[PB_STAGE_SIGNED] = 20250320, st[2].date[PB_STAGE_STARTED] = 20250320;
	st[3].date[PB_STAGE_SIGNED] = 20241201;
	double contract[4] = { 50000, 20000, NAN, 800 };
	uint8_t cls[4] = { PB_DC_MFG | PB_DC_MAJOR | PB_DC_FOREIGN, PB_DC_NEW,
			   PB_DC_MFG | PB_DC_MAJOR, PB_DC_FOREIGN | PB_DC_MFG };
	uint32_t group[4] = { 0, 0, 1, 1 };
	pb_pipe_fund funds[] = { { 0, 202502, 5000, NAN }, { 0, 202503, 3000, 1000 },
				 { 1, 202503, 700, 0 }, { 3, 202412, 100, 0 }, { 3, 202503, NAN, 200 } };
	pb_disp_topic_input in = { .n = 4, .state = st, .contract = contract, .cls = cls,
				   .group = group, .ngroup = 2, .funds = funds, .nfunds = 5 };
	double f[3 * PB_RF_COUNT];
	for (size_t i = 0; i < 3 * PB_RF_COUNT; i++)
		f[i] = -1; /* the other figures are left as they are */
	assert_int_equal(pb_disp_topics(f, &in, 20250301, 20250331), 0);
	static const double month[3][4] = { { 0, 20000, 1, 4000 }, { 0, 0, 1, 200 },
					    { 0, 20000, 2, 4200 } };
	for (int g = 0; g < 3; g++) {
		for (int k = 0; k < 4; k++)
			near(f[g * PB_RF_COUNT + PB_RF_SIGNED_MFG + k], month[g][k]);
		near(f[g * PB_RF_COUNT + PB_RF_COMPLY], -1);
		near(f[g * PB_RF_COUNT + PB_DT_FUNDS], -1);
	}
	assert_int_equal(pb_disp_topics(f, &in, 20250101, 20250331), 0);
	static const double ytd[3][4] = { { 50000, 20000, 1, 9000 }, { 0, 0, 1, 200 },
					  { 50000, 20000, 2, 9200 } };
	for (int g = 0; g < 3; g++)
		for (int k = 0; k < 4; k++)
			near(f[g * PB_RF_COUNT + PB_RF_SIGNED_MFG + k], ytd[g][k]);
	/* refused: a period backwards, a group out of range, a fund of no project */
	assert_int_equal(pb_disp_topics(f, &in, 20250331, 20250301), PB_EINVAL);
	group[3] = 2;
	assert_int_equal(pb_disp_topics(f, &in, 20250301, 20250331), PB_EINVAL);
	group[3] = 1;
	funds[4].project = 4;
	assert_int_equal(pb_disp_topics(f, &in, 20250301, 20250331), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "funds 5"));
}

/* 2023-01-01 is a Sunday: the first week is that day alone; 2023-12-31 a Sunday too. */
static void test_weeks_sunday(void **state)
{
	(void)state;
	int32_t s[60], e[60];
	assert_int_equal(pb_disp_weeks(s, e, 60, 2023, 12), 53);
	assert_int_equal(s[0], 20230101);
	assert_int_equal(e[0], 20230101);
	assert_int_equal(s[1], 20230102);
	assert_int_equal(e[1], 20230108);
	assert_int_equal(s[52], 20231225);
	assert_int_equal(e[52], 20231231);
	/* 2012 is a leap year beginning on a Sunday: 1 January, 52 whole weeks, and Monday 31
	 * December alone: 54 weeks (PB_DISP_MAX_WEEKS is 54: no week is lost) */
	assert_int_equal(pb_disp_weeks(s, e, 60, 2012, 12), 54);
	assert_int_equal(e[0], 20120101);
	assert_int_equal(s[53], 20121231);
	assert_int_equal(e[53], 20121231);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank),     cmocka_unit_test(test_zero),
		cmocka_unit_test(test_activity), cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_moved),    cmocka_unit_test(test_check),
		cmocka_unit_test(test_topic_class), cmocka_unit_test(test_topics),
		cmocka_unit_test(test_weeks_sunday),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
