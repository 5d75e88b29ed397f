/*
 * pipeline_run.h - the pipeline's figures for a period and a grouping, as the command
 * (`parkbrain pipeline`) and the API show them: the projects from the store (in a park
 * scope or all), replayed (src/core/pipeline.h), put into groups, summed; the projects held
 * up; and the JSON of it all.
 */
#ifndef PB_PIPELINE_RUN_H
#define PB_PIPELINE_RUN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"
#include "store_pipeline.h"

/* How the projects are grouped. */
enum {
	PB_PG_PARK = 0,       /* 园区 (in the parks' id order; none last) */
	PB_PG_TEAM,           /* 招商团队 */
	PB_PG_SECTOR,         /* 产业板块 */
	PB_PG_ORIGIN,         /* 来源地: the province, or the place as written (abroad) */
	PB_PG_BAND,           /* 规模: the contract value's band */
	PB_PG_FUNDING,        /* 内资/外资 */
	PB_PG_INDUSTRY,       /* 行业大类: the GB/T 4754 division of the project's code */
	PB_PG_COUNT
};

/** The grouping named `key` ("park", "team", …), or -1. */
int pb_pipe_grouping_parse(const char *key);

/** The grouping's key ("park"). Static; "?" out of range. */
const char *pb_pipe_grouping_key(int g);

/* The default limits, in days, past which a project is held up in a stage (index by
 * stage; 0: never), and their source. */
extern const int pb_pipe_stuck_default[PB_STAGE_COUNT];

/* Owned by the report; free with pb_pipe_report_free (also after a failure). */
typedef struct pb_pipe_report {
	pb_pipe_data d;
	pb_pipe_state *state;       /* d.n */
	int grouping;
	int32_t from, to;           /* yyyymmdd */
	uint32_t *group;            /* d.n: each project's group */
	size_t ngroup;
	char **group_name;          /* ngroup */
	pb_pipe_row *rows;          /* ngroup + 1: the groups, then the total */
	pb_pipe_stuck *stuck;       /* held up at `to`, longest first */
	size_t nstuck;
	char **park_name;           /* d.n: each project's park, NULL none (d.park, not
	                             * owned apart) */
	int limits[PB_STAGE_COUNT]; /* the held-up limits used */
} pb_pipe_report;

/**
 * The figures of [from, to] (yyyymmdd) grouped by `grouping`, of every project or (nparks
 * > 0) of those of `parks`, and the projects held up at `to` past `limits` (NULL: the
 * defaults). Returns 0, PB_EINVAL (a bad period or grouping), or the store's failure.
 */
int pb_pipe_report_make(pb_pipe_report *r, pb_store *st, const int64_t *parks, size_t nparks,
			int grouping, int32_t from, int32_t to, const int *limits);

/**
 * The report as JSON (documented in docs/api.md, GET /api/v1/pipeline): a new reference,
 * or NULL when out of memory.
 */
json_t *pb_pipe_report_json(const pb_pipe_report *r);

void pb_pipe_report_free(pb_pipe_report *r);

#endif
