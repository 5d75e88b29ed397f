/*
 * score.h - a weighted composite of several figures per row, and its ranking: the one
 * computation behind the 赛马榜 (parks and teams by signed value, funds, starts, 履约率,
 * attainment of target) and the 招商活跃指数 (parks by signings, starts, visits, events,
 * publicity, output growth). What the parts are and weigh is the caller's (a
 * configuration), and is shown beside the result: docs/metrics.md.
 *
 * Each part's value is turned into points 0..100 (more for a cap above 100) by its norm:
 *   PB_SN_MAX     value / the largest value among the rows × 100 (the leader gets 100);
 *                 when no row is above 0, every row gets 0;
 *   PB_SN_RANGE   (value − min) / (max − min) × 100, for figures that may be negative
 *                 (output growth); when all rows are equal, every row gets 100;
 *   PB_SN_TARGET  value / the row's own target × 100 (目标完成率), capped at `cap` % when
 *                 cap > 0; a row without a target (NaN or ≤ 0) has no points for it.
 * A row whose value is NaN has no points for the part. The composite is
 * Σ weight × points / Σ weight (over all parts, so that a part a row has no points for
 * counts as 0, not as left out: a park without a target is not rewarded for it).
 */
#ifndef PB_SCORE_H
#define PB_SCORE_H

#include <stddef.h>
#include <stdint.h>

enum {
	PB_SN_MAX = 0,
	PB_SN_RANGE,
	PB_SN_TARGET,
	PB_SN_COUNT
};

typedef struct pb_score_part {
	double weight;        /* > 0 */
	int norm;             /* PB_SN_* */
	double cap;           /* PB_SN_TARGET: the most points (e.g. 120); 0 none */
} pb_score_part;

/**
 * The composite of `nrow` rows over `npart` parts: value[row * npart + part] (and, for
 * PB_SN_TARGET parts, target[] laid out the same; NULL when no part needs one).
 * points[row * npart + part] receives each part's points (NaN where the row has none for
 * it; may be NULL), score[row] the composite. Returns 0, or PB_EINVAL (npart 0, a weight
 * not > 0, an unknown norm, a target part without targets) naming the part.
 */
int pb_score_compute(double *score, double *points, const double *value, const double *target,
		     size_t nrow, const pb_score_part *parts, size_t npart);

/**
 * Competition ranks (1, 2, 2, 4) of `n` scores, the highest first; NaN scores are ranked
 * after every number, tied among themselves. Scores equal to a millionth of a point are
 * tied (a sum of the same points in another order differs in its last bits). rank[] receives them; order[] (may be NULL)
 * the row indices from first to last, ties by row index. Returns 0 or PB_ENOMEM.
 */
int pb_score_rank(int64_t *rank, size_t *order, const double *score, size_t n);

#endif
