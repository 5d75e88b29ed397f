/*
 * summary.h - the zone's headline figures (the cockpit in one screen): enterprises by
 * tier and by sector, the latest month's 工业总产值 and 1-N月累计 with 同比.
 *
 * 同比 follows the statistics bureau's same-sample rule: an enterprise counts in both
 * periods or in neither. Its base is the 上年同期 figure it reported itself when
 * present, otherwise its own report for the same month last year; an enterprise with
 * neither is left out of the growth (and counted in `left_out`).
 */
#ifndef PB_SUMMARY_H
#define PB_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define PB_SUMMARY_MAX_SECTORS 32

typedef struct pb_summary_sector {
	const char *name; /* points into the input enterprises */
	int64_t count;
	double month_output, month_base; /* 万元, same-sample */
} pb_summary_sector;

typedef struct pb_summary {
	int64_t enterprises;
	int64_t by_tier[5];              /* index pb_tier */
	pb_summary_sector sectors[PB_SUMMARY_MAX_SECTORS]; /* largest month output first */
	size_t nsectors;                 /* sectors beyond the max are folded into the last */
	int latest_month;                /* yyyymm, 0 when there are no reports */
	double month_output;             /* all reports of the latest month, 万元 */
	double month_cur, month_base;    /* same-sample pair for 当月同比 */
	int64_t month_reporting, month_left_out;
	double ytd_output;               /* 1-N月累计, all reports */
	double ytd_cur, ytd_base;        /* same-sample pair for 累计同比 */
	int64_t ytd_left_out;           /* reports (enterprise-months) without a base */
	double leading_share;            /* 龙头 share of the latest month's output, 0..1 */
} pb_summary;

/**
 * Compute the summary. `ents` are the zone's enterprises (any order); `reports` the
 * monthly reports sorted by (enterprise_id, month), as the store walks them.
 * Returns 0 or PB_ENOMEM.
 */
int pb_summary_compute(pb_summary *out, const pb_enterprise *ents, size_t nents,
		       const pb_monthly *reports, size_t nreports);

/** Growth in percent (cur/base - 1) * 100; NaN when base is not positive. */
double pb_growth_pct(double cur, double base);

/**
 * Compound annual growth in percent from `base` to `target` over `years` years
 * (年均增长): ((target/base)^(1/years) - 1) * 100. NaN unless base, target and years
 * are all positive.
 */
double pb_cagr_pct(double base, double target, double years);

#endif
