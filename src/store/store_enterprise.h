/*
 * store_enterprise.h - the enterprise register as the web pages read it: a search with
 * filters and paging (企业库), and one enterprise's page (its record, plots and monthly
 * series). The scope of the asking user is part of the filter, so that a park operator's
 * search can never return another park's enterprise, whatever the other filters say.
 */
#ifndef PB_STORE_ENTERPRISE_H
#define PB_STORE_ENTERPRISE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"

/* Flags an enterprise may carry (pb_enterprise's 0/1 fields), for filters. */
enum {
	PB_EF_ABOVE_SCALE = 1,
	PB_EF_HIGH_TECH = 2,
	PB_EF_SPECIALIZED = 4,
	PB_EF_LITTLE_GIANT = 8,
	PB_EF_CHAMPION = 16,
	PB_EF_TECH_SME = 32,
};

typedef struct pb_enterprise_filter {
	const char *q;            /* part of the name, or the start of the USCC; NULL any */
	int64_t park_id;          /* 0 any */
	const char *sector;       /* NULL any */
	int tier;                 /* pb_tier, 0 any */
	unsigned flags;           /* PB_EF_* that must all be set */
	/* scope (from the user): only these parks when nparks > 0; only this enterprise
	 * when only_id > 0. Both empty: the whole zone. */
	const int64_t *parks;
	size_t nparks;
	int64_t only_id;
	size_t offset, limit;     /* paging; limit 0 = 50, at most 1000 */
} pb_enterprise_filter;

typedef struct pb_enterprise_row {
	int64_t id;
	char *uscc, *name, *industry, *sector, *park;
	int64_t park_id, tier;
	unsigned flags;           /* PB_EF_* */
	double land;              /* 亩, the sum of its plots (0 none) */
} pb_enterprise_row;

typedef struct pb_enterprise_page {
	pb_enterprise_row *rows;  /* by name */
	size_t n;
	int64_t total;            /* matching rows without paging */
} pb_enterprise_page;

/** Search. Returns 0, PB_EINVAL (a limit over 1000) or PB_ESTORE / PB_ENOMEM. Free with
 * pb_enterprise_page_free, also after a failure. */
int pb_store_enterprise_search(pb_enterprise_page *out, pb_store *st, const pb_enterprise_filter *f);
void pb_enterprise_page_free(pb_enterprise_page *p);

/* One month of one enterprise. */
typedef struct pb_enterprise_month {
	int month;                  /* yyyymm */
	double v[PB_METRIC_COUNT];  /* NaN missing */
} pb_enterprise_month;

typedef struct pb_enterprise_detail {
	pb_enterprise_row e;
	pb_land_plot *plots;        /* strings owned by the detail */
	size_t nplots;
	pb_enterprise_month *months;/* by month */
	size_t nmonths;
} pb_enterprise_detail;

/**
 * Enterprise `id` with its plots and its monthly figures from month `from` to `to`
 * (yyyymm, inclusive; 0 = no bound). Returns 0, PB_ENOTFOUND, or PB_ESTORE / PB_ENOMEM.
 * Free with pb_enterprise_detail_free, also after a failure.
 */
int pb_store_enterprise_detail(pb_enterprise_detail *out, pb_store *st, int64_t id, int from,
			       int to);
void pb_enterprise_detail_free(pb_enterprise_detail *d);

#endif
