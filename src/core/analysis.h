/*
 * analysis.h - the monthly operations analysis (月度经济运行分析) of the cube.
 *
 * For a month M and every grouping, per metric: the month's value (当月) and 1-M月累计;
 * 同比 of both on the same sample of enterprises in both periods, with how many were
 * left out and why; share, 贡献率 and 拉动; 增长面; the dependence on the leading
 * enterprises; the top gainers and losers. docs/metrics.md states every formula with a
 * worked example; the functions below are those formulas.
 *
 * Same sample (同口径): an enterprise counts in 当月同比 when it reported the figure for
 * M and has a base for M (its own 上年同期 figure, else its own report of M - 12); in
 * 累计同比 when it reported since January and every month it reported has a base - so
 * both periods cover the same enterprises and the same months. Left out are those
 * without a base ("nobase": new enterprises, a missing 上年同期) and those that reported
 * last year but not this period ("gone"); the sums of all reports are kept beside
 * (month, ytd) and are what shares are computed on.
 *
 * Cost: one pass over four month columns per metric, each enterprise added into its
 * cell (cube.h), then the cells folded into every grouping; threads split enterprises.
 */
#ifndef PB_ANALYSIS_H
#define PB_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "cube.h"

/* One metric of one group (or of the zone): sums and counts. */
typedef struct pb_agg {
	double month, ytd;            /* all reports: 当月, 1-M月累计 */
	double month_cur, month_base; /* same-sample pair of 当月同比 */
	double ytd_cur, ytd_base;     /* same-sample pair of 累计同比 */
	int64_t n_month, n_ytd;       /* enterprises reporting (this month / since January) */
	int64_t n_month_sample, n_ytd_sample;   /* in the same sample */
	int64_t n_month_growing, n_ytd_growing; /* in the sample and above their base */
	int64_t n_month_nobase, n_ytd_nobase;   /* left out: no base */
	int64_t n_month_gone, n_ytd_gone;       /* left out: reported last year, not now */
	int64_t n_month_self, n_ytd_self;       /* in the sample with a self-reported base */
} pb_agg;

/** a += b, field by field. */
void pb_agg_add(pb_agg *a, const pb_agg *b);

/* The formulas (percent or percentage points; NaN where undefined). */

/** 当月同比 / 累计同比: (cur / base - 1) × 100; NaN when the base is not positive. */
double pb_agg_month_growth(const pb_agg *a);
double pb_agg_ytd_growth(const pb_agg *a);

/* How a growth rate reads when the base is not positive (profit can be negative):
 * the statistics bureau then writes words, not a percentage. */
typedef enum pb_growth_kind {
	PB_GROWTH_RATE = 0,      /* a rate: base > 0 */
	PB_GROWTH_NONE,          /* no base (0 or no sample) */
	PB_GROWTH_TURNAROUND,    /* 扭亏为盈: base < 0, cur >= 0 */
	PB_GROWTH_LOSS_NARROWER, /* 减亏: base <= cur < 0 */
	PB_GROWTH_LOSS_WIDER,    /* 亏损扩大: cur < base < 0 */
} pb_growth_kind;

/** The kind of the growth from base to cur, and its Chinese label ("" for a rate). */
pb_growth_kind pb_growth_kind_of(double cur, double base);
const char *pb_growth_kind_name(pb_growth_kind k);

/** Share of the whole (占比): part / whole × 100, on all reports; NaN if whole is 0. */
double pb_share_pct(double part, double whole);

/**
 * 贡献率: the group's increase over the whole's increase × 100, on the same-sample
 * pairs. NaN when the whole did not change. Negative when the group moved against the
 * whole.
 */
double pb_contribution_pct(double cur, double base, double total_cur, double total_base);

/** 拉动 (percentage points): the group's increase over the whole's base × 100; NaN
 * when the whole's base is not positive. */
double pb_pull_pp(double cur, double base, double total_base);

/** 增长面: the share of the same sample that grew, × 100; NaN for an empty sample. */
double pb_growing_pct(int64_t growing, int64_t sample);

typedef struct pb_group_row {
	const char *name, *code; /* owned by the cube */
	int64_t members;         /* enterprises of the group in scope */
	pb_agg m[PB_METRIC_COUNT];
} pb_group_row;

typedef struct pb_grouping_result {
	size_t ngroups;      /* 0 when the grouping was not asked for */
	pb_group_row *rows;  /* index = the cube's group id */
} pb_grouping_result;

/* An enterprise in a ranking: the figure's current value and base, and the change. */
typedef struct pb_mover {
	size_t ent;          /* cube index */
	double cur, base;    /* base NaN in the top-N list when it has none */
	double delta;        /* cur - base */
} pb_mover;

enum { PB_MOVE_MONTH = 0, PB_MOVE_YTD = 1 };

typedef struct pb_analysis {
	int month;           /* yyyymm analysed */
	int64_t members;     /* enterprises in scope */
	pb_agg total[PB_METRIC_COUNT];
	pb_grouping_result by[PB_GROUPING_COUNT];
	/* dependence on the leading enterprises, for the rank metric */
	pb_metric rank_metric;
	double leading_month_share, leading_ytd_share; /* 龙头 tier, percent */
	int top_n;
	pb_mover *top;        /* the top_n enterprises by 1-M月累计, largest first */
	size_t ntop;
	double top_ytd_share; /* their share of the zone's 1-M月累计, percent */
	/* [PB_MOVE_MONTH / PB_MOVE_YTD]: largest increases first / largest decreases first,
	 * among the same sample */
	pb_mover *gainers[2], *losers[2];
	size_t ngainers[2], nlosers[2];
} pb_analysis;

typedef struct pb_analysis_opts {
	int month;             /* yyyymm */
	unsigned groupings;    /* bits 1 << pb_grouping; 0 = every grouping */
	const uint64_t *scope; /* NULL = the whole zone, else a bitmap of cube indexes
	                        * (c->words words) - a park operator's parks */
	pb_metric rank_metric; /* gainers, losers, top-N (default PB_M_GROSS_OUTPUT = 0) */
	int top_n;             /* list lengths; 0 = 10 */
	int threads;           /* 0 = the number of processors */
} pb_analysis_opts;

/**
 * Analyse month o->month of cube c into *out (which the caller frees with
 * pb_analysis_free, also after a failure). Returns 0, PB_EINVAL (the month is outside
 * the cube) or PB_ENOMEM.
 */
int pb_analysis_run(pb_analysis *out, const pb_cube *c, const pb_analysis_opts *o);

/** Free what pb_analysis_run allocated; the struct may be reused. */
void pb_analysis_free(pb_analysis *a);

#endif
