/*
 * dispatch_run.h - the monthly dispatch report (月度调度) of a month M, as the command
 * (`parkbrain dispatch`) and the API show it: per park and team the month's and 1–M月's
 * figures against the year's targets (完成率), the stages entered in the month, the projects
 * held up at its end, the ranking (赛马榜: every list of the configuration, for the month
 * and for 1–M月) and the activity index (by week of the year to M's end, and by month).
 *
 * The report is always made over the whole zone (a ranking ranks everybody); what a reader
 * sees of it is the JSON's scope (pb_disp_report_json): docs/api.md says what a park
 * operator gets.
 */
#ifndef PB_DISPATCH_RUN_H
#define PB_DISPATCH_RUN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "dispatch.h"
#include "store_dispatch.h"
#include "store_pipeline.h"

/* A park or a team: its figures (PB_RF_*: counts, 万元, 履约率 0..1, the single-topic
 * figures of pb_disp_topics; NaN none). */
typedef struct pb_disp_unit {
	char *name;
	int64_t park_id;            /* a park's id; 0 for a team and the total */
	double month[PB_RF_COUNT];  /* the month M */
	double ytd[PB_RF_COUNT];    /* 1–M月 (履约率: the same 12 months in both) */
	double target[PB_DT_COUNT]; /* the year's targets, NaN none */
	double rate[PB_DT_COUNT];   /* 完成率 = ytd ÷ target */
	int64_t comply_assessed, comply_kept;
} pb_disp_unit;

enum { PB_DP_MONTH = 0, PB_DP_YTD, PB_DP_COUNT };     /* the ranking's periods */
enum { PB_DU_PARK = 0, PB_DU_TEAM, PB_DU_COUNT };     /* the ranked units */
enum { PB_DA_WEEK = 0, PB_DA_MONTH, PB_DA_COUNT };    /* the activity index's periods */
enum { PB_DISP_MAX_WEEKS = 54 };

typedef struct pb_disp_act_series {
	size_t nperiod;
	int32_t start[PB_DISP_MAX_WEEKS], end[PB_DISP_MAX_WEEKS];
	double *fig;                /* nperiod × npark × PB_AF_COUNT */
	double *index;              /* nperiod × npark */
	double *points;             /* nperiod × npark × cfg.nact */
} pb_disp_act_series;

/* Owned by the report; free with pb_disp_report_free (also after a failure). */
typedef struct pb_disp_report {
	int32_t month;              /* yyyymm */
	pb_disp_config cfg;
	pb_pipe_data d;
	pb_pipe_state *state;       /* d.n */
	size_t *park_of;            /* d.n: the project's park index, SIZE_MAX none */
	uint8_t *cls;               /* d.n: its classes for the single-topic lists (PB_DC_*) */
	pb_disp_parks parks;
	size_t npark, nteam;
	pb_disp_unit *unit;         /* npark parks, nteam teams, then the zone's total */
	pb_disp_moved *moved;       /* stages entered in the month */
	size_t nmoved;
	pb_pipe_stuck *stuck;       /* held up at the month's end */
	size_t nstuck;
	int limits[PB_STAGE_COUNT];
	pb_disp_ranking rank[PB_DP_COUNT][PB_DU_COUNT][PB_DISP_MAX_LISTS];
	pb_disp_act_series act[PB_DA_COUNT];
} pb_disp_report;

/**
 * The report of month yyyymm under cfg (NULL: the shipped default). Returns 0, PB_EINVAL (a
 * bad month), or the store's failure.
 */
int pb_disp_report_make(pb_disp_report *r, pb_store *st, int32_t month, const pb_disp_config *cfg);

/**
 * The month the dispatch is of when none is asked for, into *month: the month of the
 * zone's latest stage event (the whole zone's, as the ranking is), or the zone's current
 * month when there is none. Returns 0 or PB_ESTORE.
 */
int pb_disp_default_month(int *month, pb_store *st);

/* What a reader sees: NULL for the whole zone, else a park operator's parks. */
typedef struct pb_disp_scope {
	const int64_t *parks;
	size_t nparks;
} pb_disp_scope;

/** The whole report as JSON (docs/api.md, GET /api/v1/dispatch); NULL when out of memory. */
json_t *pb_disp_report_json(const pb_disp_report *r, const pb_disp_scope *sc);

/** One period's ranking (GET /api/v1/ranking); NULL when out of memory. */
json_t *pb_disp_ranking_json(const pb_disp_report *r, int period, const pb_disp_scope *sc);

/** The activity index by week or month (GET /api/v1/activity); NULL when out of memory. */
json_t *pb_disp_activity_json(const pb_disp_report *r, int by, const pb_disp_scope *sc);

/** The printable workbook (dispatch_out.c): a sheet per part. Returns 0, PB_EIO or PB_ENOMEM. */
int pb_disp_report_xlsx(const pb_disp_report *r, const pb_disp_scope *sc, const char *path);

void pb_disp_report_free(pb_disp_report *r);

#endif
