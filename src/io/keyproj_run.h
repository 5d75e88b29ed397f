/*
 * keyproj_run.h - the key projects' year-to-month report (重点项目 1–M月): the projects of
 * a year from the store (all, or a park operator's), each one's progress
 * (pb_keyproj_progress_of), the sums by nature, by responsible unit (责任单位) and by
 * park, the counts behind / late / overdue; its JSON (the command and GET
 * /api/v1/key-projects give the same) and its workbook.
 *
 * A group's figures (pb_keyproj_sum):
 *   plan        Σ the year's plans (projects without one add nothing);
 *   completed   Σ completed in months 1..M, of every project of the group;
 *   rate        Σ completed ÷ Σ plan, both over the projects with a plan > 0 only (a
 *               project without a plan has nothing to be measured against), NaN without;
 *   lag         Σ the lags of the projects behind;
 *   counts      projects, with a plan, behind, late starts, overdue, 前期策划.
 * Groups are in a fixed order: natures as keyproj.h lists them, then those without a known
 * nature (（未填）); units by name, （未填） last; parks by id, the zone's (未分园区) last.
 * Groups without a project are left out.
 */
#ifndef PB_KEYPROJ_RUN_H
#define PB_KEYPROJ_RUN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "keyproj.h"
#include "store_keyproj.h"

typedef struct pb_keyproj_sum {
	char *name;           /* the group's label */
	size_t projects, planned, behind, late_start, overdue, preparation;
	double plan, completed, rate, lag;
	double plan_done;     /* Σ completed over the planned projects: rate's numerator */
} pb_keyproj_sum;

enum { PB_KG_NATURE = 0, PB_KG_UNIT, PB_KG_PARK, PB_KG_COUNT };

typedef struct pb_keyproj_report {
	pb_keyproj_data d;
	int year, month;            /* month 1..12 */
	double tolerance, time;     /* time = month / 12, the 序时进度 */
	pb_keyproj_progress *prog;  /* d.n */
	pb_keyproj_sum total;
	pb_keyproj_sum *groups[PB_KG_COUNT];
	size_t ngroups[PB_KG_COUNT];
	uint32_t *group_of[PB_KG_COUNT]; /* d.n: each project's group in each grouping */
} pb_keyproj_report;

/** The grouping's key ("nature", "unit", "park"); "?" out of range. */
const char *pb_keyproj_grouping_key(int g);

/**
 * The report of `year` to month `month` (1..12) with `tolerance` (0..1; 0.05 the
 * default), of every project or (nparks > 0) of those of `parks`. Returns 0, PB_EINVAL
 * (the year, the month, the tolerance) or the store's failure; free *r in every case.
 */
int pb_keyproj_report_make(pb_keyproj_report *r, pb_store *st, const int64_t *parks,
			   size_t nparks, int year, int month, double tolerance);

/** The report as JSON (docs/api.md, GET /api/v1/key-projects); NULL when out of memory. */
json_t *pb_keyproj_report_json(const pb_keyproj_report *r);

/**
 * The report as a printable .xlsx at `path` (src/io/report_book.h): sheets 项目 (every
 * project, the behind first marked), 按建设性质, 按责任单位, 按园区. Returns 0 or PB_EIO /
 * PB_ENOMEM.
 */
int pb_keyproj_report_xlsx(const pb_keyproj_report *r, const char *path);

void pb_keyproj_report_free(pb_keyproj_report *r);

#endif
