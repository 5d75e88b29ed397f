/*
 * warn_out.h - warnings as the bureau receives them: JSON (scripts, the web API), the
 * warnings sheet of a report workbook, and the terminal list; and the summary of a run.
 * Only presentation: the warnings come from src/core/warn.h and src/store/store_warn.h.
 * docs/metrics.md ("JSON") documents the shapes.
 */
#ifndef PB_WARN_OUT_H
#define PB_WARN_OUT_H

#include <jansson.h>
#include <stdio.h>

#include "report_book.h"
#include "store_warn.h"
#include "warn.h"

/**
 * The stored warnings as JSON: {"count", "summary" (by severity, status and rule),
 * "warnings": [...]}, each warning with its enterprise, rule, severity, message, the
 * figures (parsed from the stored JSON text) and its follow-up. Returns a new reference
 * the caller owns (json_decref), or NULL when out of memory.
 */
json_t *pb_warn_records_json(const pb_warn_records *list);

/**
 * Add the warnings sheet (预警清单) to a report workbook: one row per warning in the
 * list's order, with Chinese headers and units, the main figure as a number beside its
 * line, the follow-up (签收, 办结 with its note), frozen header rows and the book's print
 * setup. An empty list gives a sheet that says so. Returns 0 or PB_EIO.
 */
int pb_warn_write_sheet(pb_book *b, const pb_warn_records *list);

/**
 * Print the list to `out`: one aligned line per warning (id, month, severity, status,
 * enterprise, rule), its message below, then its follow-up; a count by severity at the
 * end. `en`: English labels, the figures in English in place of the Chinese message.
 * Returns 0 or PB_EIO.
 */
int pb_warn_records_print(FILE *out, const pb_warn_records *list, int en);

/**
 * A saved run as JSON: month, rules that ran, what saving did (stats), and the warnings
 * fired by rule and severity. Returns a new reference the caller owns, or NULL.
 */
json_t *pb_warn_run_json(const pb_warn_list *list, const pb_warn_save_stats *stats);

/** Print a saved run's summary: counts, then a table by rule and severity. Returns 0 or
 * PB_EIO. */
int pb_warn_run_print(FILE *out, const pb_warn_list *list, const pb_warn_save_stats *stats, int en);

#endif
