/*
 * store_keyproj.h - the key projects (重点项目库) as src/core/keyproj.h reads them, for one
 * year: the tables key_projects, key_project_years and key_project_months (migration 5).
 *
 * For year Y, each project's pb_keyproj is filled so:
 *   - plan         key_project_years.planned of Y (NaN: no row, or no figure);
 *   - month[k]     key_project_months.completed of Y's month k+1 (NaN: none recorded);
 *                  every month of Y is loaded, the engine reads 1..M;
 *   - before       what was completed before Y: invested_before (附件三's 已完成投资: done
 *                  before the first year the library has figures for), plus, per earlier
 *                  year, the sum of its recorded months - or, for a year without any
 *                  recorded month, key_project_years.actual of that year. Months win over
 *                  the year's actual because they are what the bureau records as it goes;
 *                  a year is never counted twice. (An earlier year with neither adds 0.)
 *   - total        total_investment;
 *   - plan_start   start_year's December, plan_finish end_year's December (keyproj.h: a
 *                  plan known by its year only is late from the January after); 0 unknown;
 *   - started, finished  the months it did (0 not yet);
 *   - nature       pb_keyproj_nature_parse of the text; a nature missing or not known is
 *                  judged as 续建 (an investment project: only 前期 is judged otherwise), and
 *                  nature_known is 0 so that a report can show it apart.
 *
 * Scope: with nparks > 0 only the projects whose park_id is one of `parks` (a park
 * operator); a project without a park is the zone's, seen only without a scope.
 * Projects come in id order.
 */
#ifndef PB_STORE_KEYPROJ_H
#define PB_STORE_KEYPROJ_H

#include <stddef.h>
#include <stdint.h>

#include "keyproj.h"
#include "store.h"

typedef struct pb_keyproj_item {
	int64_t id;
	char *name, *owner, *department, *sector, *nature_text, *content; /* NULL not given */
	int64_t park_id;     /* 0 the zone's */
	char *park;          /* the park's name, NULL without */
	int nature_known;    /* 1 when nature_text is a known nature */
	double actual;       /* key_project_years.actual of the year (NaN), for reference */
	pb_keyproj p;        /* what the engine reads */
} pb_keyproj_item;

typedef struct pb_keyproj_data {
	int year;
	size_t n;
	pb_keyproj_item *items; /* n, by id */
} pb_keyproj_data;

/**
 * Load the key projects for `year` (1949..2100) within the parks `parks` (nparks 0: all).
 * On success *out owns everything (pb_keyproj_data_free); on failure *out is empty.
 * Returns 0, PB_EINVAL (the year), PB_ENOMEM or PB_ESTORE.
 */
int pb_store_keyproj_load(pb_keyproj_data *out, pb_store *st, int year, const int64_t *parks,
			  size_t nparks);

void pb_keyproj_data_free(pb_keyproj_data *d);

/**
 * The latest month (yyyymm) with a recorded completed investment among the projects of
 * the scope, 0 when none. Returns 0 or PB_ESTORE.
 */
int pb_store_keyproj_latest(int *yyyymm, pb_store *st, const int64_t *parks, size_t nparks);

/* One project with every year and month on record (the detail page). */
typedef struct pb_keyproj_detail {
	pb_key_project kp;          /* its fields; text owned by the detail */
	char *park;                 /* NULL without */
	size_t nyears;
	pb_key_project_year *years; /* by year */
	size_t nmonths;
	pb_key_project_month *months; /* by month; note owned by the detail */
} pb_keyproj_detail;

/**
 * Load key project `id`. Returns 0, PB_ENOTFOUND, PB_ENOMEM or PB_ESTORE; *out is to be
 * freed with pb_keyproj_detail_free in every case.
 */
int pb_store_keyproj_detail(pb_keyproj_detail *out, pb_store *st, int64_t id);

void pb_keyproj_detail_free(pb_keyproj_detail *d);

/**
 * Record the investment key project `id` completed in `month` (yyyymm): `completed` 万元
 * (finite, ≥ 0), `note` (NULL none), replacing what the month had. One transaction with
 * its audit row (action "key_project.month", entity "key_project:<id>", detail the month,
 * the figure and the one it replaced) under `user`. *previous gets the replaced figure
 * (NaN: none). Returns 0, PB_EINVAL (the month, the figure, no user), PB_ENOTFOUND (no
 * such project) or PB_ESTORE.
 */
int pb_store_keyproj_month_put(double *previous, pb_store *st, int64_t id, int month,
			       double completed, const char *note, const char *user);

#endif
