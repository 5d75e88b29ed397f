/*
 * store_mujun.h - what the 亩均 evaluation (src/core/mujun.h) reads from the store and
 * what it keeps there.
 *
 * Inputs of year Y, one entry per enterprise of the zone, in id order:
 *   - land: the sum of the enterprise's plots (land_plots.area, owned or leased: a
 *     leased plot counts to the enterprise that uses it, which is the one it is filed
 *     under); 0 when it has none; `leased` is 1 when it has plots and all are leased;
 *   - the flows of the year's monthly reports summed over the months reported (税金,
 *     营业收入, 工业总产值, 工业销售产值, 综合能耗, 用电量, 研发费用), 从业人员 averaged
 *     over them; NaN when no month of Y reports the figure;
 *   - the yearly evaluation data (table mujun_data, kind `mujun-data`): 工业增加值,
 *     排放, COD, 用水量 come only from there; where it also gives 税收, 营业收入, 综合能耗,
 *     用电量, 从业人员 or 研发经费, those win over the monthly figures (the departments'
 *     yearly figures are what the evaluation is published on);
 *   - an enterprise with no figure at all for Y (no report, no evaluation data) is
 *     marked absent: it was not in the zone's books that year, and is not evaluated;
 *   - the facts of year Y (table mujun_facts, kind `mujun-facts`): each fact whose kind
 *     is a rule of the scheme sets that rule's bit.
 *
 * Results: one evaluation per year (mujun_evaluations) with its scheme as JSON, and one
 * row per enterprise (mujun_results). Saving year Y replaces Y's evaluation and leaves
 * the other years alone, in one transaction, with an audit entry.
 */
#ifndef PB_STORE_MUJUN_H
#define PB_STORE_MUJUN_H

#include <stddef.h>
#include <stdint.h>

#include "mujun.h"
#include "mujun_land.h"
#include "store.h"

/* The inputs of one year. Every array has `in.n` entries and is owned by the struct;
 * in.m[...], in.park etc. point into it. Strings are owned too. */
typedef struct pb_mujun_year {
	int year;
	pb_mujun_input in;
	int64_t *enterprise_id;
	char **uscc, **name, **industry;
	double *measure[PB_MM_COUNT];   /* what in.m points at (NULL for PB_MM_ONE) */
	uint8_t *above_scale, *leased;
	uint32_t *park, *sector, *rules;
	int64_t *months;                /* months of Y with a monthly report */
	uint8_t *absent;                /* 1: no figure at all for Y (no monthly report, no
	                                 * evaluation data): not evaluated (in.absent) */
	char **park_name;               /* npark entries: park index → name */
	int64_t *park_id;               /* npark entries: park index → parks.id; every park
	                                 * of the zone, by id */
	char **sector_name;             /* nsector entries: the enterprises' sectors, by name
	                                 * (bytewise); an empty sector is none */
	char **facts;                   /* per enterprise: the year's facts by kind name (a
	                                 * known kind's Chinese name, another key as it is),
	                                 * joined by "、" with their notes ("安全生产事故（…）"),
	                                 * NULL when none */
} pb_mujun_year;

/**
 * Gather the inputs of `year` for scheme `s` (whose rules name the fact kinds that set
 * bits), as described at the top. Returns 0 (also when the zone has no enterprise:
 * in.n is 0), or PB_ESTORE / PB_ENOMEM. Free *out with pb_mujun_year_free, also after
 * a failure.
 */
int pb_store_mujun_load(pb_mujun_year *out, pb_store *st, int year, const pb_mujun_scheme *s);

/** Free what the struct holds; it may be reused. NULL is allowed. */
void pb_mujun_year_free(pb_mujun_year *y);

/**
 * Save `r` (computed from `y` under `s`) as year y->year's evaluation, replacing the one
 * stored, in one transaction of its own (none may be open), audited as `user`.
 * `scheme_json` is the scheme as read (kept verbatim so a stored year can be explained
 * later). Returns 0, PB_EINVAL (r and y differ in n) or PB_ESTORE (nothing is changed;
 * also when a transaction is open).
 */
int pb_store_mujun_save(pb_store *st, const pb_mujun_year *y, const pb_mujun_scheme *s,
			const char *scheme_json, const pb_mujun_result *r, const char *user);

/**
 * The classes stored for `year`, aligned with y's enterprises: *cls (malloc'd, y->in.n
 * entries, the caller frees it) holds each enterprise's pb_mujun_class, or PB_MC_COUNT
 * where `year` has no row for it. *found is 0 when `year` has no evaluation (then every
 * entry is PB_MC_COUNT). Returns 0, or PB_ESTORE / PB_ENOMEM.
 */
int pb_store_mujun_classes(uint8_t **cls, int *found, pb_store *st, const pb_mujun_year *y,
			   int year);

/* A stored evaluation. */
typedef struct pb_mujun_evaluation {
	int year;
	char *scheme_key, *scheme_name, *scheme_json, *evaluated_at, *user_name;
	int64_t enterprises;             /* rows */
	int64_t count[PB_MC_COUNT];      /* by final class */
} pb_mujun_evaluation;

typedef struct pb_mujun_evaluations {
	pb_mujun_evaluation *items; /* by year */
	size_t n;
} pb_mujun_evaluations;

/** Every stored evaluation, by year. Returns 0, or PB_ESTORE / PB_ENOMEM. */
int pb_store_mujun_evaluations(pb_mujun_evaluations *out, pb_store *st);
void pb_mujun_evaluations_free(pb_mujun_evaluations *l);

typedef struct pb_mujun_plots {
	pb_mujun_plot *items;       /* by plot_code */
	size_t n;
} pb_mujun_plots;

/** Every land plot, with its park mapped onto y's park indexes (a plot's own park, else
 * its enterprise's) and `ent` onto y's enterprise indexes (SIZE_MAX when unused).
 * Returns 0, or PB_ESTORE / PB_ENOMEM. */
int pb_store_mujun_plots(pb_mujun_plots *out, pb_store *st, const pb_mujun_year *y);
void pb_mujun_plots_free(pb_mujun_plots *l);

#endif
