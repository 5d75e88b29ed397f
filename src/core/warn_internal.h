/*
 * warn_internal.h - what warn.c (tables, configuration, the run) and warn_rules.c (the
 * rules) share; nothing outside these two files includes it.
 */
#ifndef PB_WARN_INTERNAL_H
#define PB_WARN_INTERNAL_H

#include <stddef.h>

#include "num.h"
#include "warn.h"

/* The most figures one warning carries: a spike on all six checked metrics, three
 * figures each, and the rule's own two. */
#define WARN_MAX_FIGS 24
#define WARN_MAX_MSG 1024

/* One run: the cube, the configuration, the month, where warnings go. */
typedef struct warn_ctx {
	const pb_cube *c;
	const pb_warn_config *cfg;
	pb_warn_list *out;
	int t;             /* column of the month */
	int month;         /* yyyymm */
	int month_has_reports;
} warn_ctx;

/* A warning being written by a rule, before it is copied into the list. */
typedef struct warn_draft {
	pb_warn_figure fig[WARN_MAX_FIGS];
	size_t nfig;
	char msg[WARN_MAX_MSG];
	size_t len;
	int severity;
} warn_draft;

/* A rule: look at enterprise e for the run's month; emit at most one warning.
 * Returns 0 or PB_ENOMEM. */
typedef int (*warn_rule_fn)(warn_ctx *x, size_t e);

/** The rules, indexed by pb_warn_rule (warn_rules.c). */
extern const warn_rule_fn pb_warn_rule_fns[PB_WR_COUNT];

/** The parameter i of rule r of the run's configuration. */
static inline double warn_param(const warn_ctx *x, pb_warn_rule r, int i)
{
	return x->cfg->rule[r].p[i];
}

/** Add a figure to the draft (dropped, never overflowing, past WARN_MAX_FIGS). */
void warn_fig(warn_draft *d, const char *key, const char *name, const char *name_en,
	      const char *unit, double value);

/** Append printf-formatted text to the draft's message (truncated at WARN_MAX_MSG). */
void warn_say(warn_draft *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Copy the draft into the run's list as rule r's warning for enterprise e. Returns 0
 * or PB_ENOMEM. */
int warn_emit(warn_ctx *x, size_t e, pb_warn_rule r, const warn_draft *d);

/* Comparisons at a line, tolerant of the last bit of rounding, so that a figure exactly
 * at a line written in decimal (a decline of 20.0% against a line of 20) is at it, not
 * over it by 4e-15. */
int warn_more_than(double x, double line);
int warn_at_least(double x, double line);

/** Severity 1..3 of measure x on the steps warn_at, severe_at: "more than" each step
 * (strict) or "at least" (inclusive). */
int warn_ladder_more(double x, double warn_at, double severe_at);
int warn_ladder_at_least(double x, double warn_at, double severe_at);

/** "1,234.50": two decimals, thousands separators (out: 48 bytes). */
static inline void warn_amount(char out[48], double v)
{
	pb_num_grouped(v, 2, out);
}

/** A parameter as the user wrote it: "20", "17.5", "0.001" (out: 32 bytes). */
void warn_number(char *out, double v);

/** "2024年3月" (out: 24 bytes). */
void warn_month_zh(char *out, int yyyymm);

/**
 * The median of metric k over the up to `want` latest months before column t in which
 * enterprise e reported it, looking back at most 12 months. Returns how many months were
 * found (0..want) and sets *median (NaN when none).
 */
int warn_recent_median(const pb_cube *c, pb_metric k, size_t e, int t, int want, double *median);

#endif
