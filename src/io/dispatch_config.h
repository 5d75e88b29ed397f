/*
 * dispatch_config.h - the ranking's lists and the activity index's parts
 * (src/core/dispatch.h's pb_disp_config) from JSON; the default is data/ranking/default.json,
 * embedded in the binary. The shape, every key in docs/metrics.md ("The configuration"):
 *   { "ranking": [ { "key": "overall", "name": "综合排名", "name_en": "Overall",
 *                    "parts": [ { "figure": "signed_value", "norm": "target",
 *                                 "weight": 30, "cap": 150 }, … ] }, … ],
 *     "activity": { "parts": [ { "figure": "signings", "norm": "max", "weight": 25 }, … ] },
     "major_project_min": 10000 }
 * (major_project_min, optional: the threshold of a major project in 万元, default 1亿元).
 * The reader is strict: an unknown key is an error (keys beginning with "_" are comments),
 * as is a value of the wrong type; every message names the JSON path ("ranking[0].parts[2].
 * weight").
 */
#ifndef PB_DISPATCH_CONFIG_H
#define PB_DISPATCH_CONFIG_H

#include <stddef.h>

#include "dispatch.h"

/**
 * Parse `len` bytes of JSON; `where` names it in messages. On success *cfg passes
 * pb_disp_config_check. Returns 0 or PB_EINVAL ("赛马榜配置 F：ranking[0].parts[1].norm …").
 */
int pb_disp_config_parse(pb_disp_config *cfg, const char *json, size_t len, const char *where);

/** The shipped default (data/ranking/default.json). Returns 0, or PB_EINVAL if it is broken. */
int pb_disp_config_default(pb_disp_config *cfg);

/** Read a configuration file. Returns 0, PB_EIO or PB_EINVAL. */
int pb_disp_config_load(pb_disp_config *cfg, const char *path);

#endif
