/*
 * plan_out.h - the plan tracking's result (src/core/plan.h) for its readers: a JSON
 * document (the `--json` output and, later, the web API's body), the plan sheet of the
 * bureau's report workbook, and the terminal table of `parkbrain report plan`.
 *
 * The JSON shape and every column are described in docs/metrics.md. Figures that
 * do not apply are null in JSON, "—" in the workbook and "-" in the terminal.
 */
#ifndef PB_PLAN_OUT_H
#define PB_PLAN_OUT_H

#include <jansson.h>
#include <stdio.h>

#include "plan.h"
#include "report_book.h"

/**
 * The whole result as a new JSON object the caller owns (json_decref() it): as_of,
 * the config used, counts per status and one object per indicator. Labels (status,
 * notes) are in `lang` ("en" English, anything else Chinese); keys never change with
 * the language. Numbers are full doubles: the caller chooses the precision when it
 * dumps them. Returns NULL (and sets PB_ENOMEM) when out of memory.
 */
json_t *pb_plan_json(const pb_plan_result *r, const char *lang);

/**
 * Add the plan-tracking sheet (规划目标跟踪) to workbook `b` and make it current: a
 * title, the year assessed and the thresholds, Chinese headers with units, one row per
 * indicator and notes on the rules after the data. Returns 0, PB_EIO or PB_ENOMEM.
 */
int pb_plan_write_sheet(pb_book *b, const pb_plan_result *r);

/** pb_plan_write_sheet() with the labels and headers in `lang` ("en" or Chinese). */
int pb_plan_write_sheet_lang(pb_book *b, const pb_plan_result *r, const char *lang);

/**
 * Print the result as a table to `out`, CJK-aligned, in `lang`, with the count per
 * status and a line for each indicator with notes. Returns 0, or PB_EIO when writing
 * fails.
 */
int pb_plan_print(FILE *out, const pb_plan_result *r, const char *lang);

#endif
