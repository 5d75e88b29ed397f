/*
 * plan_config.h - the plan tracking's thresholds from a JSON configuration file:
 *
 *     {"plan": {"at_risk_tolerance": 5, "growth_tolerance": 1,
 *               "stated_growth_tolerance": 0.5, "binding_strict": true,
 *               "linear_units": ["%"]}}
 *
 * Every key is optional (absent keys keep the value they had); a key inside "plan"
 * that is not one of these is an error, so a misspelt threshold never goes unnoticed.
 * Other top-level sections belong to other parts of parkbrain and are left alone.
 * Meanings and defaults: src/core/plan.h, docs/metrics.md.
 */
#ifndef PB_PLAN_CONFIG_H
#define PB_PLAN_CONFIG_H

#include <jansson.h>

#include "plan.h"

/**
 * Read the file at `path` and apply its "plan" section onto *cfg (which the caller
 * has filled, normally with pb_plan_config_default()). On failure *cfg is unchanged
 * and the message names the file and the field at fault (or the line and column of a
 * syntax error). Returns 0, PB_EIO (cannot read the file) or PB_EINVAL.
 */
int pb_plan_config_load(pb_plan_config *cfg, const char *path);

/**
 * The same for a parsed JSON document `root` (borrowed); `name` is what messages call
 * it (a file name, "request body"). Returns 0 or PB_EINVAL.
 */
int pb_plan_config_apply(pb_plan_config *cfg, const json_t *root, const char *name);

#endif
