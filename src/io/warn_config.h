/*
 * warn_config.h - the warning rules' configuration as a JSON file:
 *
 *   {"warnings": {"output_yoy_month": {"enabled": true, "threshold": 20, "warn_at": 30},
 *                 "report_late": {"deadline_day": 10}, ...}}
 *
 * Rules and parameters left out keep their defaults (src/core/warn.h, documented in
 * docs/metrics.md); keys starting with "_" are comments; anything else that
 * is not a rule or one of its parameters is an error, so a typing slip never passes
 * silently for a default.
 */
#ifndef PB_WARN_CONFIG_H
#define PB_WARN_CONFIG_H

#include <jansson.h>

#include "warn.h"

/**
 * Read the configuration file at `path` into *cfg (the defaults, overridden by the file).
 * Returns 0, PB_EIO (the file cannot be read) or PB_EINVAL (not JSON, or a rule,
 * parameter or value is wrong) with a message naming the file, the line or the field;
 * *cfg then holds the defaults.
 */
int pb_warn_config_load(pb_warn_config *cfg, const char *path);

/**
 * The configuration as the JSON a file holds, every rule and parameter written out, with
 * each rule's name as "_name": a template to edit. Returns a new reference the caller
 * owns (json_decref), or NULL when out of memory.
 */
json_t *pb_warn_config_json(const pb_warn_config *cfg);

#endif
