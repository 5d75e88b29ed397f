/*
 * mujun_config.h - a 亩均 scheme (src/core/mujun.h) read from its JSON file, and the
 * schemes parkbrain ships (the JSON files of data/schemes, embedded in the binary).
 *
 * The file's shape, every key in docs/mujun.md:
 *   { "key": "huangyan-2022", "name": "...", "year": 2022, "source": "...",
 *     "classes": {"A": "优先发展", "B": ..., "C": ..., "D": ..., "T": "不定等级"},
 *     "groups": [ { "key": "above", "name": "规上工业企业", "above_scale": true,
 *                   "min_land": 0, "max_land": null, "leased": null,
 *                   "indicators": [ { "key": "tax_per_mu", "name": "亩均税收",
 *                       "unit": "万元/亩", "numerator": "tax", "denominator": "land",
 *                       "factor": 1, "baseline": 24.097, "weight": 30,
 *                       "cap": null, "floor": 0, "lower_better": false,
 *                       "on_missing": "incomplete" }, ... ],
 *                   "classing": { "method": "quota",
 *                                 "quota": {"A": 25, "B": 45, "C": 25, "D": 5} } } ],
 *     "rules": [ { "key": "safety_accident", "name": "...", "effect": "force_d" } ],
 *     "policies": [ { "class": "D", "item": "用电价格", "text": "..." } ],
 *     "inefficient_output_per_mu": 0 }
 * An unknown key is an error (a misspelt "wieght" must not silently mean "no weight").
 */
#ifndef PB_MUJUN_CONFIG_H
#define PB_MUJUN_CONFIG_H

#include <stddef.h>

#include "mujun.h"

/**
 * Parse a scheme from JSON text `json` (`len` bytes); `where` names it in messages (a
 * file name). On success fills *s and it passes pb_mujun_scheme_check. Returns 0, or
 * PB_EINVAL with a message naming the place ("f.json: groups[0].indicators[2].baseline:
 * 须为正数 / must be a positive number").
 */
int pb_mujun_config_parse(pb_mujun_scheme *s, const char *json, size_t len, const char *where);

/**
 * Read a scheme: `name` is a file path, or the key of a shipped scheme ("huangyan-2022",
 * "linhai", "chongqing-demo"). When `json` is not NULL it receives the text read
 * (malloc'd, NUL-terminated, the caller frees it), to be stored with the evaluation.
 * Returns 0, PB_ENOTFOUND (neither a file nor a shipped key: the message lists the
 * keys), PB_EIO, or PB_EINVAL as pb_mujun_config_parse.
 */
int pb_mujun_config_load(pb_mujun_scheme *s, char **json, const char *name);

/** The shipped schemes: their keys, NULL-terminated, in a stable order. */
const char *const *pb_mujun_config_shipped(void);

/** The default scheme's key: the one for the demo zone ("chongqing-demo"). */
const char *pb_mujun_config_default(void);

#endif
