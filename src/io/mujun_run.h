/*
 * mujun_run.h - one 亩均 evaluation with everything shown with it, as both the command
 * (`parkbrain evaluate`) and the API (src/http/api_mujun.c) make it: the scheme, the
 * year's inputs from the store, the result (shared parcels as the scheme says), last
 * year's classes, the tallies and the land lists, and the view src/io/mujun_out.h shows.
 */
#ifndef PB_MUJUN_RUN_H
#define PB_MUJUN_RUN_H

#include "mujun.h"
#include "mujun_land.h"
#include "mujun_out.h"
#include "mujun_share.h"
#include "mujun_tally.h"
#include "store_mujun.h"

/* Owned by the run: free with pb_mujun_run_free (also after a failure, and when zeroed). */
typedef struct pb_mujun_run {
	pb_mujun_scheme *s;
	char *scheme_json;     /* the scheme as read */
	pb_mujun_year y;
	pb_mujun_result r;
	pb_mujun_tally t;
	uint8_t *prev;         /* classes of the year before, NULL when none is stored */
	pb_mujun_plots plots;
	pb_mujun_units units;
	pb_mujun_land land;
	char *zone;
	pb_mujun_view v;       /* what mujun_out shows; valid after pb_mujun_run_make */
} pb_mujun_run;

/** Read the scheme: a file, a shipped key, or the default when `name` is NULL (see
 * mujun_config.h). Returns as pb_mujun_config_load. */
int pb_mujun_run_scheme(pb_mujun_run *e, const char *name);

/** Take the scheme from its JSON text (a stored evaluation's); `where` names it in
 * messages. Returns as pb_mujun_config_parse. */
int pb_mujun_run_scheme_text(pb_mujun_run *e, const char *json, const char *where);

/**
 * Gather `year` from the store under the run's scheme and evaluate it: the result, last
 * year's classes, the tallies, and the land lists when `land`. `zone` (may be NULL) is the
 * zone's name to show. Returns 0, PB_EINVAL (the zone has no enterprise), or what the
 * store and the engine return.
 */
int pb_mujun_run_make(pb_mujun_run *e, pb_store *st, int year, const char *zone, int land);

/** The enterprise of the run named by USCC or by name (as the importer compares names):
 * 0 and *i, or PB_ENOTFOUND. */
int pb_mujun_run_find(const pb_mujun_run *e, const char *key, size_t *i);

void pb_mujun_run_free(pb_mujun_run *e);

#endif
