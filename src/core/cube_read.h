/*
 * cube_read.h - reading helpers over the public cube (cube.h) that the monthly analysis
 * does not need but the warnings and the commands do: the latest month with reports,
 * whether an enterprise filed anything for a month, the last twelve months of a flow.
 *
 * They read the sealed cube's columns and bitmaps directly and never allocate. Like
 * every reader of the cube they are safe to call from several threads.
 */
#ifndef PB_CUBE_READ_H
#define PB_CUBE_READ_H

#include <stddef.h>

#include "cube.h"

/**
 * The latest month (yyyymm) in which any enterprise reported metric k, or 0 when no
 * enterprise ever did. This is the default month of the reports and of the warnings,
 * so both look at the same month unless told otherwise.
 */
int pb_cube_latest_month(const pb_cube *c, pb_metric k);

/**
 * 1 when enterprise e reported at least one figure (of any metric) for column t, else 0.
 * A report whose every figure is missing cannot be told from no report: the cube keeps
 * figures, not rows.
 */
int pb_cube_reported(const pb_cube *c, size_t e, int t);

/** 1 when any enterprise reported any figure for column t, else 0. */
int pb_cube_month_has_reports(const pb_cube *c, int t);

/**
 * The sum of metric k (a flow, not 从业人员) over the twelve months ending at column t,
 * M-11..M, from the running sums:
 *
 *     sum = cum(M) + cum(December of last year) - cum(M - 12)
 *
 * (the year to date, plus last year's total, less last year's part up to M); in
 * December it is cum(M) alone. Returns 1 and sets *sum when the enterprise reported k
 * in each of the twelve months (a missing month would understate the sum), else 0
 * with *sum NaN - also when the window starts before the cube's first month.
 */
int pb_cube_last12(const pb_cube *c, pb_metric k, size_t e, int t, double *sum);

/**
 * How many of the months January..M (columns up to t of t's year) enterprise e reported
 * metric k in.
 */
int pb_cube_months_reported_ytd(const pb_cube *c, pb_metric k, size_t e, int t);

/**
 * A park operator's scope as the analysis takes it (pb_analysis_opts.scope): a bitmap of
 * c->words words with bit e set for each enterprise in one of the `n` parks, given by
 * name (the park grouping's codes). *out is malloc'd; the caller frees it. Returns 0, or
 * PB_ENOMEM.
 */
int pb_cube_park_scope(uint64_t **out, const pb_cube *c, const char *const *parks, size_t n);

#endif
