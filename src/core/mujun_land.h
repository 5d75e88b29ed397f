/*
 * mujun_land.h - idle and inefficient land (闲置/低效用地), per park, from the plots and
 * a year's evaluation.
 *
 * A plot's idle part is its idle_area (闲置面积, as filed). Its other part is
 * inefficient when its enterprise is class D in the evaluation, or when its enterprise's
 * 亩均工业总产值 is below the scheme's inefficient_output_per_mu (when that is > 0).
 * A plot nobody uses (enterprise index SIZE_MAX) is idle as a whole. Revivable land
 * (可盘活) is idle + inefficient; no 亩 is counted twice.
 */
#ifndef PB_MUJUN_LAND_H
#define PB_MUJUN_LAND_H

#include <stddef.h>
#include <stdint.h>

#include "mujun.h"

/* One plot. Strings are owned by whoever filled it (the store's list). */
typedef struct pb_mujun_plot {
	int64_t id, enterprise_id;  /* enterprise_id 0: a plot nobody uses */
	char *plot_code, *note;
	char *shared_parcel;        /* 共用宗地: the parcel it is one user's part of, NULL none */
	uint32_t park;              /* park index (pb_mujun_input.park's), UINT32_MAX none */
	size_t ent;                 /* index of its enterprise in the year's input, SIZE_MAX none */
	double area, idle_area;     /* 亩; idle_area 0 when not given */
	int leased;
} pb_mujun_plot;

/* Why a plot is on the list. */
enum {
	PB_ML_IDLE = 1,       /* has idle area, or is unused */
	PB_ML_CLASS_D = 2,    /* its enterprise is class D */
	PB_ML_LOW_OUTPUT = 4, /* its enterprise's 亩均产值 is under the line */
};

typedef struct pb_mujun_land_row {
	int64_t plots, plots_listed;  /* all plots; those with any PB_ML_* reason */
	double area;                  /* 亩, all plots */
	double idle, inefficient;     /* 亩 */
	double revivable;             /* idle + inefficient */
} pb_mujun_land_row;

typedef struct pb_mujun_land {
	size_t npark;
	pb_mujun_land_row *park;      /* npark + 1 rows: parks, then plots without a park */
	pb_mujun_land_row zone;       /* the sum */
	uint8_t *reason;              /* per plot: PB_ML_* bits */
	double *inefficient_area;     /* per plot: 亩 counted inefficient */
	size_t nplots;
} pb_mujun_land;

/**
 * Sum `n` plots by park. `in` and `r` are the year's input and evaluation of the
 * enterprises the plots' `ent` index into (an enterprise's 亩均工业总产值 is its
 * gross_output over its land, unknown when either is missing or the land is 0), `line`
 * the scheme's inefficient_output_per_mu (0 = none). Free *out with pb_mujun_land_free,
 * also after a failure. Returns 0, PB_EINVAL (an index out of range) or PB_ENOMEM.
 */
int pb_mujun_land_sum(pb_mujun_land *out, const pb_mujun_plot *plots, size_t n, size_t npark,
		      const pb_mujun_input *in, const pb_mujun_result *r, double line);

void pb_mujun_land_free(pb_mujun_land *l);

#endif
