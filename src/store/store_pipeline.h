/*
 * store_pipeline.h - the investment pipeline as src/core/pipeline.h reads it: the projects,
 * their stage events in replay order and their funds, from the tables projects,
 * project_stages and project_funds (schema migration 5).
 *
 * Invariants of a loaded pb_pipe_data:
 *   - the projects are in id order (project_id strictly ascending), so an id is found by
 *     binary search (pb_pipe_data_find);
 *   - events[i].project and funds[i].project are indices into the projects;
 *   - the events are grouped by project and, within one, by day and then in the order
 *     they were recorded (rowid): the order pb_pipe_replay needs;
 *   - with a park scope, only the projects of those parks are loaded, and only their
 *     events and funds.
 */
#ifndef PB_STORE_PIPELINE_H
#define PB_STORE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"
#include "store.h"

typedef struct pb_pipe_data {
	size_t n;                   /* projects */
	int64_t *project_id;        /* n, ascending */
	char **name, **team, **sector, **origin, **industry; /* n; NULL where not given */
	int64_t *park_id;           /* n; 0 none */
	char **park;                /* n; the park's name, NULL none */
	int64_t *enterprise_id;     /* n; 0 not linked */
	int8_t *foreign_funded;     /* n; 0 内资, 1 外资, -1 unknown */
	uint8_t *generated;         /* n; 1: made up by the demo */
	double *contract, *planned, *promised_output, *promised_tax, *land_needed; /* n; NaN */

	size_t nevents;
	pb_pipe_event *events;      /* nevents, in replay order */
	char **event_note;          /* nevents; the reason given, NULL none */
	char **event_user;          /* nevents; who recorded it, NULL for an import */

	size_t nfunds;
	pb_pipe_fund *funds;        /* nfunds, by project and month */
} pb_pipe_data;

/**
 * Load the pipeline: every project, or with nparks > 0 only those of the parks `parks`.
 * On success *out owns everything (free with pb_pipe_data_free); on failure *out is
 * empty. Returns 0, PB_ENOMEM or PB_ESTORE.
 */
int pb_store_pipe_load(pb_pipe_data *out, pb_store *st, const int64_t *parks, size_t nparks);

/**
 * Begin (on 1) or end (on 0) a read of several statements that must see one state of the
 * database (a SAVEPOINT: it nests in a caller's transaction, and outside one holds a read
 * snapshot until it ends). Every begin must be ended, on failure too. Returns 0 or
 * PB_ESTORE.
 */
int pb_store_snapshot(pb_store *st, int on);

/** The index of project `id` in d, or SIZE_MAX when it is not loaded. */
size_t pb_pipe_data_find(const pb_pipe_data *d, int64_t id);

/** Free what pb_store_pipe_load filled; d is left empty. */
void pb_pipe_data_free(pb_pipe_data *d);

#endif
