/*
 * demo.h - building the demo zone: the published files of data/demo, completed by
 * the generator of src/core/demo_gen.c, imported through the ordinary importer.
 */
#ifndef PB_DEMO_H
#define PB_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include "report.h"
#include "store.h"

typedef struct pb_demo_input {
	const char *name;           /* file name as in data/demo, e.g. "parks.csv" */
	const unsigned char *data;
	size_t len;
} pb_demo_input;

typedef struct pb_demo_opts {
	const char *out_dir; /* also write every import file here (NULL: don't) */
	const char *user;    /* recorded as the importer */
	FILE *log;           /* one line per imported file (NULL: quiet) */
	uint64_t seed;       /* the generator's seed (0 = the documented default) */
} pb_demo_opts;

#define PB_DEMO_SEED 20220309u /* the plan's date of issue, 2022-03-09 */

/**
 * Build the demo zone into an empty store: zone, parks, enterprises (with generated
 * USCCs), land (published plots plus generated ones), the indicator table and its
 * actuals, key projects (with yearly plans and monthly investment), chains, suppliers, the
 * monthly reports 2019-01..2025-12, and the investment pipeline (projects, stages, funds,
 * targets, activities; src/io/demo_pipeline.h).
 * Every file goes through pb_import_run, each in its own transaction. Problems go to
 * `rep`. Returns 0, PB_EREJECTED (a file was refused: see rep), or another PB_E* code.
 */
int pb_demo_build(pb_store *st, const pb_demo_input *files, size_t nfiles,
		  const pb_demo_opts *opts, pb_report *rep);

#endif
