/* score.c - weighted composites and their ranking; see score.h. */
#include "score.h"

#include <math.h>
#include <stdlib.h>

#include "error.h"

/* The points of row r's value v for part p, given the part's column min and max. */
static double points_of(const pb_score_part *p, double v, double t, double lo, double hi)
{
	if (isnan(v))
		return NAN;
	switch (p->norm) {
	case PB_SN_MAX:
		return hi > 0 ? v / hi * 100 : 0;
	case PB_SN_RANGE:
		return hi > lo ? (v - lo) / (hi - lo) * 100 : 100;
	default: {
		if (isnan(t) || t <= 0)
			return NAN;
		double x = v / t * 100;
		return p->cap > 0 && x > p->cap ? p->cap : x;
	}
	}
}

int pb_score_compute(double *score, double *points, const double *value, const double *target,
		     size_t nrow, const pb_score_part *parts, size_t npart)
{
	if (npart == 0)
		return pb_error_set(PB_EINVAL, "评分没有组成项 / a score needs at least one part");
	double wsum = 0;
	for (size_t p = 0; p < npart; p++) {
		if (!(parts[p].weight > 0))
			return pb_error_set(PB_EINVAL, "第 %zu 项的权重应大于 0 / part %zu: the weight "
						       "must be above 0", p + 1, p + 1);
		if (parts[p].norm < 0 || parts[p].norm >= PB_SN_COUNT)
			return pb_error_set(PB_EINVAL, "第 %zu 项：没有该计分方法 / part %zu: no such "
						       "norm", p + 1, p + 1);
		if (parts[p].norm == PB_SN_TARGET && !target)
			return pb_error_set(PB_EINVAL, "第 %zu 项按目标计分，但没有目标 / part %zu is "
						       "scored against targets, and there are none",
					    p + 1, p + 1);
		wsum += parts[p].weight;
	}
	for (size_t r = 0; r < nrow; r++)
		score[r] = 0;
	for (size_t p = 0; p < npart; p++) {
		double lo = INFINITY, hi = -INFINITY;
		for (size_t r = 0; r < nrow; r++) {
			double v = value[r * npart + p];
			if (isnan(v))
				continue;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		for (size_t r = 0; r < nrow; r++) {
			double t = target ? target[r * npart + p] : NAN;
			double x = points_of(&parts[p], value[r * npart + p], t, lo, hi);
			if (points)
				points[r * npart + p] = x;
			if (!isnan(x))
				score[r] += parts[p].weight * x;
		}
	}
	for (size_t r = 0; r < nrow; r++)
		score[r] /= wsum;
	return 0;
}

typedef struct {
	double s;
	size_t i;
} keyed;

/* Scores equal by hand may differ in their last bits (a sum of the same points taken in
 * another order: 100 + 100 + 16.67 against 16.67 + 100 + 100), and such rows are tied.
 * Ranks compare the scores rounded to a millionth of a point, far below what is shown
 * (two decimals) and far above the rounding error of a sum of eight parts. */
static double rank_key(double s)
{
	return isnan(s) ? s : round(s * 1e6) / 1e6;
}

static int by_score(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int xn = isnan(x->s), yn = isnan(y->s);
	if (xn != yn)
		return xn - yn;
	if (!xn && x->s != y->s)
		return x->s > y->s ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

int pb_score_rank(int64_t *rank, size_t *order, const double *score, size_t n)
{
	if (n == 0)
		return 0;
	keyed *k = malloc(n * sizeof(*k));
	if (!k)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed){ rank_key(score[i]), i };
	qsort(k, n, sizeof(*k), by_score);
	for (size_t j = 0; j < n; j++) {
		int tied = j > 0 && (isnan(k[j].s) ? isnan(k[j - 1].s) : k[j].s == k[j - 1].s);
		rank[k[j].i] = tied ? rank[k[j - 1].i] : (int64_t)j + 1;
		if (order)
			order[j] = k[j].i;
	}
	free(k);
	return 0;
}
