/*
 * store_dispatch.h - what the monthly dispatch (src/core/dispatch.h) reads besides the
 * pipeline (store_pipeline.h): the parks, a year's targets, the activities of a period, the
 * parks' 工业总产值 of a month against the same month a year before, and linked
 * enterprises' output and tax over a window (for 履约率). Tables of migrations 1 and 5.
 *
 * A park scope (nparks > 0) keeps the rows of those parks only: parks, activities of
 * those parks, output of those parks; targets at 园区 level of those parks and at 团队
 * level of the teams owning a project in them (全区 is the zone's, left out).
 */
#ifndef PB_STORE_DISPATCH_H
#define PB_STORE_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "dispatch.h"
#include "store.h"

/* The parks, by id. */
typedef struct pb_disp_parks {
	size_t n;
	int64_t *id;
	char **name;
} pb_disp_parks;

int pb_store_disp_parks(pb_disp_parks *out, pb_store *st, const int64_t *parks, size_t nparks);
void pb_disp_parks_free(pb_disp_parks *p);

/* Targets level. */
enum { PB_TL_ZONE = 0, PB_TL_PARK, PB_TL_TEAM };

/* One year's target row: NaN where a figure has no target. */
typedef struct pb_disp_target {
	int level;                  /* PB_TL_* */
	char *scope;                /* the park's or team's name (全区: as written) */
	double value[PB_DT_COUNT];
} pb_disp_target;

/**
 * The targets of `year`, by level then scope. *out (pb_disp_targets_free) has *n rows.
 * Returns 0, PB_ENOMEM or PB_ESTORE.
 */
int pb_store_disp_targets(pb_disp_target **out, size_t *n, pb_store *st, int year,
			  const int64_t *parks, size_t nparks);
void pb_disp_targets_free(pb_disp_target *t, size_t n);

/* One activity. */
typedef struct pb_disp_activity_row {
	int32_t date;
	int kind;                   /* PB_ACT_* */
	int64_t park_id;            /* 0 none */
	char *team;                 /* NULL none */
	int64_t project_id;         /* 0 none */
} pb_disp_activity_row;

/**
 * The activities of [from, to] (days), by day. *out (pb_disp_activities_free) has *n rows.
 * Returns 0, PB_ENOMEM or PB_ESTORE.
 */
int pb_store_disp_activities(pb_disp_activity_row **out, size_t *n, pb_store *st, int32_t from,
			     int32_t to, const int64_t *parks, size_t nparks);
void pb_disp_activities_free(pb_disp_activity_row *a, size_t n);

/**
 * The 工业总产值 of month yyyymm (cur) and of the same month a year before (prev), summed
 * over each park's enterprises in the same sample: those that reported the month and have
 * a base (their own 上年同期 figure, else their report of a year before). For each of the
 * n parks `ids`: cur[i], prev[i], NaN when no enterprise of it is in the sample. Returns
 * 0 or PB_ESTORE.
 */
int pb_store_disp_output(double *cur, double *prev, pb_store *st, const int64_t *ids, size_t n,
			 int32_t month);

/**
 * The sums of 工业总产值 and 税金 of each of the n enterprises `ids` over the months
 * [from, to] (yyyymm) it reported; 0 when none. Returns 0 or PB_ESTORE.
 */
int pb_store_disp_ent_sums(double *output, double *tax, pb_store *st, const int64_t *ids,
			   size_t n, int32_t from, int32_t to);

#endif
