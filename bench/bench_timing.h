/*
 * bench_timing.h - what the benchmark programs share for timing: a monotonic clock,
 * the best and the median of a set of runs, and their "key value" lines
 * (KEY_min_s, KEY_median_s) as the bench/run_*.sh scripts read them.
 */
#ifndef PB_BENCH_TIMING_H
#define PB_BENCH_TIMING_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static inline int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

typedef struct timing {
	double min, median;
} timing;

/* The best and the median of t[0..n), n ≥ 1; sorts t. */
static inline timing summarize(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), by_double);
	return (timing){ t[0], n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2 };
}

static inline void print_timing(const char *key, timing t)
{
	printf("%s_min_s %.6f\n%s_median_s %.6f\n", key, t.min, key, t.median);
	fflush(stdout);
}

#endif
