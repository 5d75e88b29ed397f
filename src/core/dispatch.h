/*
 * dispatch.h - the monthly dispatch (月度调度): targets' 完成率, what moved in a month, the
 * ranking (赛马榜) and the activity index (招商活跃指数). Pure computation over what the
 * caller loaded and replayed (src/core/pipeline.h); the weighing is src/core/score.h's.
 *
 * Definitions (docs/metrics.md, "The monthly dispatch"):
 *   - a ranking list is a set of parts, each a figure of the row (PB_RF_*) with a norm, a
 *     weight and a cap (score.h); the overall list has several, a single-topic list one
 *     (or the target parts only, for the 目标完成率 list);
 *   - a part scored against a target uses the row's yearly target prorated to the period
 *     (months ÷ 12: a month is 1/12 of the year, 1–M月 is M/12, the 序时进度);
 *   - the activity index of a row in a period is the score of its sub-index figures
 *     (PB_AF_*) among the rows of the same period: each period is normalised on its own.
 */
#ifndef PB_DISPATCH_H
#define PB_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"
#include "score.h"

/* The figures that have a yearly target (the columns of pipeline_targets). */
enum {
	PB_DT_SIGNED_COUNT = 0, /* 签约项目数 */
	PB_DT_SIGNED_VALUE,     /* 签约金额, 万元 */
	PB_DT_FUNDS,            /* 到位资金, 万元 */
	PB_DT_STARTED,          /* 开工项目数 */
	PB_DT_PRODUCING,        /* 投产项目数 */
	PB_DT_COUNT
};

/* The figures a ranking part may use: the target figures, then 履约率, then the figures of
 * Chongqing's single-topic lists (DOMAIN.md §2) that have no target: those of the projects
 * of a class (PB_DC_*) only, by pb_disp_topics. */
enum {
	PB_RF_COMPLY = PB_DT_COUNT, /* 履约率 (0..1) over the 12 months to the month */
	PB_RF_SIGNED_MFG,     /* 招大引强: 签约金额 (万元) of the projects in 制造业 */
	PB_RF_SIGNED_NEW,     /* 招新引优: 签约金额 of 信息传输软件信息技术服务 and 科学研究技术服务 */
	PB_RF_MAJOR_STARTED,  /* 重大项目开工: projects entering 开工 that are major (PB_DC_MAJOR) */
	PB_RF_FUNDS_FOREIGN,  /* 外资引资: 到位资金 (万元) of the foreign-funded projects */
	PB_RF_COUNT
};

/* The classes of a project the single-topic figures count (bits of pb_disp_topic_class). */
enum {
	PB_DC_MFG = 1,        /* GB/T 4754 section C, 制造业 (divisions 13–43) */
	PB_DC_NEW = 2,        /* sections I (63–65) and M (73–75): the zone's reading of 招新引优's
			       * "software, digital and service" projects */
	PB_DC_MAJOR = 4,      /* planned investment (else contract value) >= the threshold */
	PB_DC_FOREIGN = 8,    /* foreign-funded (外资) */
};

/* The default threshold of a major project (重大项目): 1亿元, in 万元. */
#define PB_DISP_MAJOR_MIN 10000.0

/**
 * The PB_DC_* bits of a project: `industry` its GB/T 4754 code in any form
 * pb_industry_normalize reads ("C3922", "3922"; NULL or unreadable: neither C nor I/M),
 * `foreign` 1 when foreign-funded, `planned` and `contract` its planned investment and
 * contract value (万元, NaN none): major when the planned investment, or without one the
 * contract value, is at least `major_min` (万元, > 0).
 */
unsigned pb_disp_topic_class(const char *industry, int foreign, double planned, double contract,
			     double major_min);

/* The per-project facts the single-topic figures need (arrays of n, as pb_pipe_input's). */
typedef struct pb_disp_topic_input {
	size_t n;
	const pb_pipe_state *state;
	const double *contract;       /* 万元, NaN unknown */
	const uint8_t *cls;           /* PB_DC_* bits */
	const uint32_t *group;        /* < ngroup; NULL: all in 0 */
	size_t ngroup;
	const pb_pipe_fund *funds;
	size_t nfunds;
} pb_disp_topic_input;

/**
 * The single-topic figures of the period [from, to] (days) of each group g < ngroup and of
 * the total (g = ngroup), into fig[g * PB_RF_COUNT + f] for f = PB_RF_SIGNED_MFG ..
 * PB_RF_FUNDS_FOREIGN; the other figures are left as they are. As pipeline.h's period
 * figures, restricted to a class: 签约金额 of the projects of the class whose day for 签约
 * falls in the period (those without a value add nothing); projects entering 开工 in it
 * (a stage filled in by a skip counts); funds of the months of the period. Returns 0 or
 * PB_EINVAL (from > to, no group, a group or a fund's project out of range).
 */
int pb_disp_topics(double *fig, const pb_disp_topic_input *in, int32_t from, int32_t to);

/* The activity index's sub-indices. */
enum {
	PB_AF_SIGNINGS = 0,  /* projects signed in the period */
	PB_AF_STARTS,        /* projects started */
	PB_AF_VISITS_OUT,    /* 外出拜访 */
	PB_AF_VISITS_IN,     /* 企业到访 */
	PB_AF_EVENTS,        /* 招商活动 */
	PB_AF_PUBLICITY,     /* 新闻宣传 */
	PB_AF_GROWTH,        /* 工业总产值 同比 %, of the month the period ends in */
	PB_AF_COUNT
};

/* The activity kinds of the activities table, in the order of PB_AF_VISITS_OUT.. */
enum { PB_ACT_VISIT_OUT = 0, PB_ACT_VISIT_IN, PB_ACT_EVENT, PB_ACT_PUBLICITY, PB_ACT_COUNT };

/** The kind named `zh` ("外出拜访"), or -1. */
int pb_act_kind_parse(const char *zh);

/** Keys ("signed_value", "signings") and Chinese names of the figures; "?" out of range. */
const char *pb_rf_key(int f);
const char *pb_rf_name(int f);
/** The unit a ranking figure is shown in: "万元" (money), "个" (counts), "%" (履约率, a
 * 0..1 ratio shown × 100). Static; "" out of range. */
const char *pb_rf_unit(int f);
const char *pb_af_key(int f);
const char *pb_af_name(int f);
/** The figure whose key is `key`, or -1. */
int pb_rf_parse(const char *key);
int pb_af_parse(const char *key);

enum { PB_DISP_MAX_PARTS = 8, PB_DISP_MAX_LISTS = 12, PB_DISP_KEY = 32, PB_DISP_NAME = 96 };

/* One part: a figure, weighed and normalised as score.h says. */
typedef struct pb_disp_part {
	int figure;           /* PB_RF_* in a ranking list, PB_AF_* in the activity index */
	pb_score_part score;
} pb_disp_part;

/* A ranking list (the overall 综合排名, or a single-topic list). */
typedef struct pb_disp_list {
	char key[PB_DISP_KEY];
	char name[PB_DISP_NAME], name_en[PB_DISP_NAME];
	size_t nparts;
	pb_disp_part parts[PB_DISP_MAX_PARTS];
} pb_disp_list;

/* The configuration: the lists (the first is the overall one), the activity index, and
 * the threshold of a major project (PB_DC_MAJOR). */
typedef struct pb_disp_config {
	size_t nlists;
	pb_disp_list lists[PB_DISP_MAX_LISTS];
	size_t nact;
	pb_disp_part act[PB_DISP_MAX_PARTS];
	double major_min;     /* 万元, > 0 (PB_DISP_MAJOR_MIN unless configured) */
} pb_disp_config;

/**
 * Whether cfg is usable: at least one list, keys unique, every part's figure in range
 * for its place, weights > 0, a target norm only on a figure with a target (not 履约率,
 * not a single-topic figure, not an activity figure), major_min > 0 and finite. Returns 0, or PB_EINVAL naming the list and part.
 */
int pb_disp_config_check(const pb_disp_config *cfg);

/** actual ÷ target: NaN when the target is missing (NaN) or not above 0. */
double pb_disp_rate(double actual, double target);

/** (cur ÷ prev − 1) × 100: NaN when either is NaN or prev is not above 0. */
double pb_disp_growth(double cur, double prev);

/* A ranking list's result over nrow rows; owned, free with pb_disp_ranking_free. */
typedef struct pb_disp_ranking {
	size_t nrow, nparts;
	double *score;        /* nrow */
	double *points;       /* nrow × nparts: each part's points, NaN where none */
	double *value;        /* nrow × nparts: the figures scored (targets prorated apart) */
	double *target;       /* nrow × nparts: the prorated target, NaN where none */
	int64_t *rank;        /* nrow: competition ranks (1, 2, 2, 4) */
	size_t *order;        /* nrow: rows from first to last */
} pb_disp_ranking;

/**
 * The list `l` over nrow rows: fig[row * PB_RF_COUNT + f] the row's figures for the period,
 * target[row * PB_DT_COUNT + f] its yearly targets (NaN none; may be NULL), prorated by
 * months ÷ 12 (months 1..12). Returns 0, PB_EINVAL (months out of range; score.h's) or
 * PB_ENOMEM; *out is empty after a failure.
 */
int pb_disp_rank(pb_disp_ranking *out, const pb_disp_list *l, const double *fig,
		 const double *target, size_t nrow, int months);

void pb_disp_ranking_free(pb_disp_ranking *r);

/* One activity, its row already found (SIZE_MAX: in no row). */
typedef struct pb_disp_act {
	int32_t date;         /* yyyymmdd */
	int kind;             /* PB_ACT_* */
	size_t row;
} pb_disp_act;

/**
 * Count activities into the sub-index figures: fig[(period * nrow + row) * PB_AF_COUNT +
 * PB_AF_VISITS_OUT + kind] += 1 for each activity in [start[p], end[p]] (days; periods may
 * not overlap). Other figures are left as they are. Returns 0 or PB_EINVAL (a kind).
 */
int pb_disp_count_acts(double *fig, size_t nperiod, size_t nrow, const int32_t *start,
		       const int32_t *end, const pb_disp_act *acts, size_t nacts);

/**
 * Count the projects' signings and starts into the sub-index figures: for project i in row
 * row_of[i] (SIZE_MAX: none), fig[(period * nrow + row) * PB_AF_COUNT + PB_AF_SIGNINGS] += 1
 * when it entered 签约 within the period, and PB_AF_STARTS likewise for 开工 (a stage
 * filled in by a skip counts: a project that reached 开工 from 在谈 was signed too).
 */
void pb_disp_count_stages(double *fig, size_t nperiod, size_t nrow, const int32_t *start,
			  const int32_t *end, const pb_pipe_state *state, const size_t *row_of,
			  size_t nproj);

/**
 * The activity index: index[period * nrow + row] from fig (as above) under cfg's parts,
 * each period normalised among its rows; points (may be NULL) [(period * nrow + row) *
 * cfg->nact + part]. Returns 0, PB_EINVAL (no part) or PB_ENOMEM.
 */
int pb_disp_activity(double *index, double *points, const double *fig, size_t nperiod,
		     size_t nrow, const pb_disp_config *cfg);

/**
 * The weeks from January 1 of `year` to the last day of `month` (1..12): Monday to Sunday,
 * the first from January 1 and the last to the month's end (so partial at both ends).
 * start[] and end[] (yyyymmdd) receive at most max; returns how many (at most 54).
 */
size_t pb_disp_weeks(int32_t *start, int32_t *end, size_t max, int year, int month);

/** The last day (yyyymmdd) of month yyyymm (valid). */
int32_t pb_disp_month_end(int32_t yyyymm);

/* A stage a project entered in the period, as recorded (not a stage filled in by a skip). */
typedef struct pb_disp_moved {
	uint32_t project;
	int32_t stage;        /* a line stage or PB_STAGE_DROPPED */
	int32_t date;
} pb_disp_moved;

/**
 * The stages entered within [from, to] by the nproj projects, by day, then project, then
 * stage; *out (free()) has *n entries. Returns 0 or PB_ENOMEM.
 */
int pb_disp_moved_list(pb_disp_moved **out, size_t *n, const pb_pipe_state *state, size_t nproj,
		       int32_t from, int32_t to);

#endif
