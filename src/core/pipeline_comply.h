/*
 * pipeline_comply.h - 履约率: what a project promised in its contract (annual output and
 * tax) against what its enterprise then reported, once it has produced for a full year.
 *
 * The window is the 12 months ending with `month`. A project is assessed when it entered
 * 竣工投产 on or before the window's first day (so the window is a whole year of
 * production), was not dropped by the window's end, is linked to an enterprise, and
 * promised an output or a tax figure above 0 (a promise of 0 has nothing to measure). Its ratios are the enterprise's sums over the window
 * (of the months it reported) over the promise; a ratio with no promise is NaN. It keeps
 * its promise (履约) when every ratio it has is >= 1.
 *
 * A group's 履约率 is kept / assessed (NaN with none assessed); beside it the sums of
 * what was promised and delivered, over the assessed projects, for the aggregate ratio.
 */
#ifndef PB_PIPELINE_COMPLY_H
#define PB_PIPELINE_COMPLY_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"

typedef struct pb_comply_input {
	size_t n;                       /* projects */
	const pb_pipe_state *state;     /* n */
	const double *promised_output;  /* n: 万元 a year, NaN none */
	const double *promised_tax;     /* n: 万元 a year, NaN none */
	const uint8_t *linked;          /* n: 1 when the project is linked to an enterprise */
	/* n: the window's sums of the linked enterprise (万元) over the months it reported;
	 * 0 when it reported none (it delivered nothing) */
	const double *actual_output, *actual_tax;
	const uint32_t *group;          /* n: < ngroup; NULL: all in group 0 */
	size_t ngroup;
} pb_comply_input;

/* One project's result. */
typedef struct pb_comply_project {
	int assessed;
	int kept;                       /* assessed and every ratio >= 1 */
	double ratio_output, ratio_tax; /* NaN unless assessed and promised */
} pb_comply_project;

typedef struct pb_comply_row {
	int64_t assessed, kept;
	double rate;                    /* kept / assessed; NaN when none assessed */
	double promised_output, actual_output; /* over the assessed with an output promise */
	double promised_tax, actual_tax;       /* over the assessed with a tax promise */
} pb_comply_row;

/**
 * The 履约 of every project (proj: n entries; may be NULL) and of every group and the total
 * (rows: ngroup + 1 entries) for the 12 months ending with `month` (yyyymm). Returns 0, or
 * PB_EINVAL (a bad month, no group, a group out of range).
 */
int pb_comply_compute(pb_comply_row *rows, pb_comply_project *proj, const pb_comply_input *in,
		      int32_t month);

/**
 * A promise per 亩 of land (万元/亩): `promised` (万元 a year) over `land_mu`, the figure a
 * contract's tax is held to against the 亩均税收 of the 亩均 evaluation. NaN when either is
 * missing or the land is not above 0.
 */
double pb_comply_per_mu(double promised, double land_mu);

/** The first day (yyyymmdd) of the 12-month window ending with `month`. */
int32_t pb_comply_window_start(int32_t month);

#endif
