/*
 * demo_pipeline.h - the demo zone's investment pipeline (招商项目, their stages, funds,
 * targets, activities) and its key projects' plans and monthly investment; internal to
 * the demo builder (src/io/demo.c), see data/demo/README.md §"The investment pipeline".
 */
#ifndef PB_DEMO_PIPELINE_H
#define PB_DEMO_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "demo_gen.h"
#include "memtable.h"

/* Import a built table as `kind` under file name `name` (demo.c's import_table). */
typedef int (*pb_demo_import_fn)(void *ctx, const char *kind, const char *name,
				 const pb_memtable *t);

/* What the pipeline's generator needs of the demo built so far. */
typedef struct pb_demo_world {
	uint64_t seed;
	size_t nfirms;
	const char (*uscc)[19];     /* per firm, list order */
	const pb_demo_firm *firms;  /* names, tiers */
	const pb_memtable *ents;    /* enterprises.csv (row i + 1 = firm i) */
	const double *year_output;  /* [firm * 8 + year - 2018], 万元 */
	const double *year_tax;     /* the same for 税金 */
	const pb_memtable *key_projects; /* key-projects.csv as published */
	pb_demo_import_fn import;
	void *ctx;
} pb_demo_world;

/** Projects → project-stages → project-funds, then activities. 0 or a PB_E* code. */
int pb_demo_pipeline(const pb_demo_world *w);

/** key-projects (completed: park, owner's USCC, actual months) → key-project-years →
 * key-project-months. 0 or a PB_E* code. */
int pb_demo_key_projects(const pb_demo_world *w);

#endif
