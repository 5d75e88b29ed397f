/*
 * plan_load.h - the plan's indicators and their actuals, copied out of the store into
 * the arrays src/core/plan.h computes on.
 */
#ifndef PB_PLAN_LOAD_H
#define PB_PLAN_LOAD_H

#include <stddef.h>

#include "model.h"
#include "store.h"

typedef struct pb_plan_input {
	pb_indicator *inds;         /* in id order: the order of the plan's own table */
	size_t ninds;
	pb_indicator_actual *acts;  /* in the store's (indicator, year) order */
	size_t nacts;
} pb_plan_input;

/**
 * Load every indicator and every actual of the open store into *out. Indicator texts
 * are copies the input owns; actuals' `source` is not loaded (NULL). Free with
 * pb_plan_input_free(), also after a failure. Returns 0, PB_ESTORE or PB_ENOMEM.
 */
int pb_plan_load(pb_plan_input *out, pb_store *st);

/** Free what pb_plan_load() loaded; the input is empty afterwards. NULL-safe. */
void pb_plan_input_free(pb_plan_input *in);

#endif
