/*
 * analysis_out.h - the monthly analysis as the bureau receives it: JSON (scripts, the
 * web API), the sheets of the monthly report workbook, and the terminal report.
 * Only presentation: every figure comes from src/core/analysis.h.
 */
#ifndef PB_ANALYSIS_OUT_H
#define PB_ANALYSIS_OUT_H

#include <jansson.h>
#include <stdio.h>

#include "analysis.h"
#include "report_book.h"
#include "store.h"

/* What a monthly report shows. Nothing here is owned. */
typedef struct pb_monthly_report {
	const char *zone;              /* the zone's name */
	const pb_cube *cube;
	const pb_analysis *a;
	const pb_official_rate *rates; /* published rates of the month (may be 0) */
	size_t nrates;
	pb_metric metric;              /* the metric of the grouped tables (text, xlsx) */
	unsigned groupings;            /* groupings to print (text, xlsx); JSON has all computed */
	int en;                        /* English labels in the text report */
} pb_monthly_report;

/**
 * Load the official rates of month yyyymm from the store into *out (an array the
 * caller frees with pb_rates_free). Returns 0, PB_ESTORE or PB_ENOMEM.
 */
int pb_rates_load(pb_store *st, int yyyymm, pb_official_rate **out, size_t *n);
void pb_rates_free(pb_official_rate *r, size_t n);

/**
 * The whole analysis as JSON (docs/metrics.md, "JSON"): every computed grouping and
 * metric, the dependence figures, the movers, the official rates. Returns a new
 * reference the caller owns (json_decref), or NULL when out of memory.
 */
json_t *pb_monthly_report_json(const pb_monthly_report *r);

/**
 * Add the monthly analysis sheets to a report workbook: 综合 (every metric, the zone),
 * one sheet per grouping for r->metric, and 增减企业 (the movers). Returns 0 or PB_EIO.
 */
int pb_monthly_report_sheets(pb_book *b, const pb_monthly_report *r);

/** Print the report as text (CJK-aligned tables). Returns 0 or PB_EIO. */
int pb_monthly_report_print(FILE *out, const pb_monthly_report *r);

#endif
