/*
 * plan.h - plan tracking (规划目标跟踪): where each indicator of the plan stands
 * against its target, as a mid-term review (中期评估) would say it.
 *
 * For every indicator: its latest actual, the growth achieved since the base year, the
 * growth still required to reach the target, the value the target year will see at the
 * achieved pace, 时序进度 (the share of the plan period elapsed), 完成进度 (the share of
 * the planned change achieved, where that is the measure) and a status in the review's
 * bands: 已完成 / 达到时序进度 / 基本达到时序进度 / 未达进度, or no data.
 *
 * How an indicator is tracked (its method) follows from what it measures:
 *   - COMPOUND: a level expected to grow (or fall) at a compound annual rate (产值, 营收,
 *     most counts with a stated 年均增长). On course iff the growth achieved since the
 *     base is at least the growth the plan's base and target imply; at risk when it
 *     falls short by at most `growth_tolerance` percentage points.
 *   - LINEAR: a share in percent (unit in `linear_units`, "%" by default) or a 累计值
 *     count, for which a compound rate means nothing (a share rising 40% -> 45% is +5
 *     points, not "2.4% a year"): 完成进度 = (actual - base) / (target - base) against
 *     时序进度; at risk when 完成进度 trails 时序进度 by at most `at_risk_tolerance`
 *     points. A compound indicator whose base, target or latest actual is not positive
 *     (CAGR undefined) falls back to LINEAR and says so (PB_PLAN_F_LINEAR_FALLBACK).
 *   - MAINTAIN: target equal to base (R&D 强度 3% -> 3%): on course iff actual >= target;
 *     at risk when it is below by at most `at_risk_tolerance` percent of the target.
 * A target below its base means lower is better (energy intensity): every comparison is
 * turned round, so "reached" is actual <= target and a faster fall is ahead of course.
 * 约束性 (binding) indicators must be met: with `binding_strict` (the default) they have
 * no 基本达到 band, any shortfall behind course is 未达进度.
 *
 * The tracking uses the plan's base and target; its stated 年均增长 is only checked
 * against them (PB_PLAN_F_STATED_MISMATCH: off by more than its own rounding), because
 * where they disagree the stated rate is the misprint (表2-1 says 30% a year for 3 -> 5
 * factories in five years, which is 10.76%).
 *
 * Years: the evaluation looks at actuals in (base_year, min(as_of, target_year)];
 * actuals of the base year or before are ignored (the base is the plan's), later ones
 * too (the plan is judged at its target year). Each indicator is measured at the year
 * of its own latest actual: its 时序进度 is for that year, and PB_PLAN_F_STALE says the
 * actual is older than the year assessed.
 *
 * Invariants of every row (asserted in debug builds):
 *   - method NONE  <=> status UNASSESSABLE (base, target or their years missing, or the
 *     target year not after the base year);
 *   - status NO_DATA <=> method != NONE and latest_year == PB_INT_MISSING;
 *   - with an actual: base_year < latest_year <= min(as_of, target_year), and
 *     time_share, projected, path_value and shortfall are finite;
 *   - 0 <= time_share <= 100 whenever the method is not NONE;
 *   - COMPOUND: base, target and latest_value > 0; achieved_growth finite; progress,
 *     achieved_per_year and required_per_year NaN;
 *   - LINEAR: progress and achieved_per_year finite; achieved/required_growth NaN;
 *   - MAINTAIN: progress, achieved/required_growth and required_per_year NaN;
 *   - status DONE, or latest_year == target_year => required_growth and
 *     required_per_year are NaN (nothing remains to be required);
 *   - status ON_COURSE => shortfall <= 0 (up to float noise); AT_RISK =>
 *     0 < shortfall <= the tolerance and the row is not binding under binding_strict.
 *   - the path (below): npath == target_year - base_year + 1 when the method is not NONE,
 *     else 0; path[k].year == base_year + k; path[0].actual == base_value.
 * Figures that do not apply are NaN (PB_MISSING), never 0.
 *
 * The path: per year from the base year to the target year, the value the planned course
 * calls for that year (pb_plan_planned_value(): the same course as path_value) beside the
 * actual of that year, so that a chart can draw the one against the other. The base
 * year's actual is the plan's base value (the base is the plan's); later years carry the
 * year's actual (the first one given, as above) when there is one and the year is not
 * after as_of, else NaN: a path "as of 2023" shows no 2024 figure.
 */
#ifndef PB_PLAN_H
#define PB_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define PB_PLAN_MAX_UNITS 8 /* linear_units entries */
#define PB_PLAN_UNIT_SIZE 32 /* bytes of one unit, NUL included */

/* The thresholds. pb_plan_config_default() gives the documented defaults. */
typedef struct pb_plan_config {
	double at_risk_tolerance;       /* 5: points of 完成进度 behind 时序进度 (LINEAR), or
	                                 * percent of the target below it (MAINTAIN), that
	                                 * still count as 基本达到 */
	double growth_tolerance;        /* 1: percentage points of annual growth below the
	                                 * planned rate that still count as 基本达到 (COMPOUND) */
	double stated_growth_tolerance; /* 0: points beyond the stated 年均增长's own rounding
	                                 * (half its last written decimal: "15%" covers
	                                 * 14.5..15.5) by which it may differ from the rate
	                                 * base and target imply before it is flagged */
	int binding_strict;             /* 1: 约束性 indicators have no 基本达到 band */
	size_t nlinear_units;           /* units tracked by linear progress: {"%"} */
	char linear_units[PB_PLAN_MAX_UNITS][PB_PLAN_UNIT_SIZE];
} pb_plan_config;

typedef enum pb_plan_method {
	PB_PLAN_NONE = 0,  /* cannot be assessed: base or target incomplete */
	PB_PLAN_COMPOUND,  /* 复合增长: by annual growth rates */
	PB_PLAN_LINEAR,    /* 线性进度: by the share of the planned change */
	PB_PLAN_MAINTAIN,  /* 保持: target equals base */
} pb_plan_method;

/* Which way is better; the value is the sign used in comparisons. */
typedef enum pb_plan_direction {
	PB_PLAN_DOWN = -1, /* target below base: lower is better */
	PB_PLAN_HOLD = 0,  /* target equals base (MAINTAIN), or unknown (NONE) */
	PB_PLAN_UP = 1,    /* target above base */
} pb_plan_direction;

/* In the order reports list them. */
typedef enum pb_plan_status {
	PB_PLAN_DONE = 0,     /* 已完成: the target is reached (before the target year: 提前完成) */
	PB_PLAN_ON_COURSE,    /* 达到时序进度 */
	PB_PLAN_AT_RISK,      /* 基本达到时序进度: behind, within the tolerance */
	PB_PLAN_OFF_COURSE,   /* 未达进度 */
	PB_PLAN_NO_DATA,      /* 无实际值: no actual in the years assessed */
	PB_PLAN_UNASSESSABLE, /* 无法评估: the plan's figures are incomplete */
	PB_PLAN_STATUS_COUNT
} pb_plan_status;

/* What a row's figures rest on, beyond its status; bits of pb_plan_row.flags. */
enum {
	PB_PLAN_F_EARLY = 1 << 0,           /* reached before the target year (提前完成) */
	PB_PLAN_F_STALE = 1 << 1,           /* latest actual older than min(as_of, target_year) */
	PB_PLAN_F_AFTER_TARGET = 1 << 2,    /* actuals after the target year exist, not used */
	PB_PLAN_F_LINEAR_FALLBACK = 1 << 3, /* COMPOUND by its kind, LINEAR because a value
	                                     * is not positive (CAGR undefined) */
	PB_PLAN_F_STATED_MISMATCH = 1 << 4, /* stated growth disagrees with base and target */
	PB_PLAN_F_CAPPED = 1 << 5,          /* projection of a "%" share held to 0..100 */
	PB_PLAN_FLAG_COUNT = 6
};

/* One year of an indicator's path (see above). */
typedef struct pb_plan_point {
	int64_t year;
	double planned;            /* the planned course's value in `year` */
	double actual;             /* the year's actual (the base value in the base year), or NaN */
} pb_plan_point;

typedef struct pb_plan_row {
	const pb_indicator *ind;   /* the indicator, borrowed from the caller's array */
	pb_plan_method method;
	pb_plan_direction dir;
	int binding;               /* attribute 约束性 */
	pb_plan_status status;
	unsigned flags;            /* PB_PLAN_F_* */
	int64_t latest_year;       /* year of the latest actual used, or PB_INT_MISSING */
	double latest_value;
	double planned_growth;     /* CAGR base -> target, percent (what the plan implies) */
	double achieved_growth;    /* CAGR base -> latest actual, percent (COMPOUND) */
	double required_growth;    /* CAGR latest actual -> target, percent (COMPOUND) */
	double achieved_per_year;  /* (latest - base) / years elapsed, unit per year */
	double required_per_year;  /* (target - latest) / years remaining (LINEAR) */
	double path_value;         /* the value the planned course calls for at latest_year */
	double projected;          /* at the target year, at the achieved pace */
	double time_share;         /* 时序进度, percent: years elapsed / plan years */
	double progress;           /* 完成进度, percent of the planned change (LINEAR) */
	double shortfall;          /* how far behind course, > 0 behind: growth points
	                            * (COMPOUND), points of 完成进度 (LINEAR), percent of the
	                            * target (MAINTAIN; in the unit when the target is 0) */
	pb_plan_point *path;       /* base_year..target_year, into the result's points */
	size_t npath;
} pb_plan_row;

typedef struct pb_plan_result {
	int64_t as_of;             /* the year assessed, PB_INT_MISSING without any actual */
	pb_plan_config config;     /* the thresholds used */
	pb_plan_row *rows;         /* one per indicator, in the input's order */
	size_t nrows;
	size_t count[PB_PLAN_STATUS_COUNT]; /* rows per status */
	pb_plan_point *points;     /* every row's path, one block: rows point into it */
	size_t npoints;
} pb_plan_result;

/** Fill `cfg` with the defaults: 5, 1, 0, strict, {"%"}. */
void pb_plan_config_default(pb_plan_config *cfg);

/**
 * Check a config: the three tolerances within 0..100 (NaN refused), 1..PB_PLAN_MAX_UNITS
 * non-empty, NUL-terminated units. Returns 0,
 * or PB_EINVAL with a message naming the field as config files spell it
 * ("plan.at_risk_tolerance").
 */
int pb_plan_config_check(const pb_plan_config *cfg);

/**
 * Assess every indicator of `inds` (ids distinct) against its actuals `acts` (any
 * order; actuals of unknown indicators or with a NaN value are ignored; of several for
 * one indicator and year the first counts). `as_of` is the year assessed;
 * PB_INT_MISSING means the latest year with any actual. `cfg` NULL means the defaults.
 * On success *out holds one row per indicator, which points into `inds`: `inds` must
 * outlive it; each row's path points into the result's own block of points. Free it with pb_plan_result_free(). Returns 0, PB_EINVAL (bad config,
 * duplicate indicator ids) or PB_ENOMEM; on failure *out is empty.
 */
int pb_plan_compute(pb_plan_result *out, const pb_indicator *inds, size_t ninds,
		    const pb_indicator_actual *acts, size_t nacts, int64_t as_of,
		    const pb_plan_config *cfg);

/**
 * The value the planned course of row `w` calls for in `year`: COMPOUND base x (target /
 * base)^(时序进度), i.e. base x (1 + planned_growth)^(year - base_year); LINEAR base +
 * (target - base) x 时序进度; MAINTAIN the target. NaN for a row of method NONE or a year
 * outside base_year..target_year. The method is the row's own (after a fallback).
 */
double pb_plan_planned_value(const pb_plan_row *w, int64_t year);

/** Free the rows of a result (not the indicators they point to); NULL-safe, idempotent. */
void pb_plan_result_free(pb_plan_result *r);

/** Time share (时序进度) of `year` in base_year..target_year, percent clamped to 0..100. */
double pb_plan_time_share(int64_t base_year, int64_t target_year, int64_t year);

/** Stable keys for JSON and the web API: "done", "compound", "up", "stale"... A flag
 * key takes one PB_PLAN_F_* bit; "" for anything else. */
const char *pb_plan_status_key(pb_plan_status s);
const char *pb_plan_method_key(pb_plan_method m);
const char *pb_plan_direction_key(pb_plan_direction d);
const char *pb_plan_flag_key(unsigned flag);

/** Labels for people, Chinese or (en != 0) English: "达到时序进度" / "on course".
 * Static strings; "" for a value out of range. */
const char *pb_plan_status_name(pb_plan_status s, int en);
const char *pb_plan_method_name(pb_plan_method m, int en);

#endif
