/*
 * mujun_out.h - an evaluation (src/core/mujun.h) as JSON, as text for the terminal and
 * as the workbook the bureau publishes: the 公示名单, the tables by park and by sector,
 * each enterprise's indicator scores, the moves since last year, idle and inefficient
 * land, and the differentiated-policy table.
 *
 * Nothing here computes: the figures come from the result, its tally
 * (src/core/mujun_tally.h) and the land sums (src/core/mujun_land.h).
 */
#ifndef PB_MUJUN_OUT_H
#define PB_MUJUN_OUT_H

#include <jansson.h>
#include <stdio.h>

#include "mujun.h"
#include "mujun_land.h"
#include "mujun_tally.h"
#include "store_mujun.h"

/* Everything one evaluation is shown with; owned by the caller. */
typedef struct pb_mujun_view {
	const char *zone;              /* the zone's name */
	const pb_mujun_scheme *s;
	const pb_mujun_year *y;
	const pb_mujun_result *r;
	const pb_mujun_tally *t;
	const uint8_t *prev;           /* classes of year - 1 (PB_MC_UNSTORED), NULL none */
	const pb_mujun_plots *plots;   /* NULL: no land section */
	const pb_mujun_land *land;
} pb_mujun_view;

/** The class's label under the scheme: "A类（优先发展）", "数据不全", "不参评". Static or
 * inside the scheme. */
const char *pb_mujun_class_label(const pb_mujun_scheme *s, int cls, char *buf, size_t size);

/**
 * The full result as JSON: the scheme, counts (zone, groups, parks, sectors), the moves
 * from last year, land, and every enterprise with its indicators, points, flags, total,
 * ranks, class before and after the rules, and the rules that applied. NaN is null.
 * On success *out is a new reference. Returns 0 or PB_ENOMEM.
 */
int pb_mujun_json(json_t **out, const pb_mujun_view *v);

/** One enterprise's explanation as JSON (the element of "enterprises" above). */
int pb_mujun_enterprise_json(json_t **out, const pb_mujun_view *v, size_t i);

/** The summary for the terminal: counts by group, park and sector, the moves since last
 * year, the top `top` of each group, and the land table. Returns 0 or PB_EIO. */
int pb_mujun_print(FILE *out, const pb_mujun_view *v, int top);

/** Enterprise i's explanation: each indicator's value, baseline, weight and points, any
 * cap, floor or imputation, the total, ranks, class by score, rules, final class. */
int pb_mujun_explain_print(FILE *out, const pb_mujun_view *v, size_t i);

/**
 * A what-if against the base: the class counts of both, then each enterprise in `idx`
 * (n of them: those whose class changes) with its class and total in both.
 */
int pb_mujun_whatif_print(FILE *out, const pb_mujun_view *base, const pb_mujun_view *other,
			  const size_t *idx, size_t n);

/** The same as JSON: {"base":{counts}, "what_if":{counts}, "changes":[...]}. */
int pb_mujun_whatif_json(json_t **out, const pb_mujun_view *base, const pb_mujun_view *other,
			 const size_t *idx, size_t n);

/**
 * Write the workbook at `path` (atomically): 公示名单, 按园区, 按行业, 指标得分, 等级变化,
 * 闲置低效用地 and 差别化政策. Returns 0, PB_EIO or PB_ENOMEM.
 */
int pb_mujun_book_write(const char *path, const pb_mujun_view *v);

/** The stored evaluations as a table / as JSON. */
int pb_mujun_evaluations_print(FILE *out, const pb_mujun_evaluations *l);
int pb_mujun_evaluations_json(json_t **out, const pb_mujun_evaluations *l);

#endif
