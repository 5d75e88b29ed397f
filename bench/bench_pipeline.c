/*
 * bench_pipeline.c - the investment pipeline's figures benchmark (issue #6).
 *
 * usage: bench_pipeline [--n N] [--runs R] [--seed S] [--dir OUT]
 *
 *   1. generates a deterministic pipeline of N projects (default 1,000,000) in 50 parks
 *      of skewed sizes: a first event on a day of 2022-01-01 .. 2025-12-31 at 线索 (85%),
 *      在谈 (10%) or 签约 (5%), then moves forward 10 to 200 days apart, each the next
 *      stage (88%) or a skip of one stage (12%), continuing with probability 0.9 per
 *      move, up to 升规入统; 6% end with a 终止 (the last event). No step back and no
 *      reopening: the data has no corrections, so replaying it gives, for each line
 *      stage s, the entry day "the earliest day of an event at a stage >= s" (a skip
 *      fills the stages it passes), and a stage is filled in exactly when no event
 *      names it - what bench/pipeline_peers.py computes. Signed projects have a
 *      contract value (lognormal around 3亿元, 8% none); each has funds in 1 to 5
 *      months (about 3) from its signing month on, 固定资产投资 and 流动资金;
 *   2. times pb_pipe_replay of the events (sorted by project and day) followed by
 *      pb_pipe_period for the year 2025-01-01 .. 2025-12-31 by park: the best and the
 *      median of R runs (default 11) after one warm-up; each of the two alone too;
 *   3. writes (--dir, default bench/work) pl_events.csv (project, stage, day
 *      YYYY-MM-DD), pl_projects.csv (project, park, contract; empty: none),
 *      pl_funds.csv (project, month yyyymm, fixed, working) and the reference
 *      pl_ref.csv: one row per park (and "total") of the engine's figures.
 * Prints "key value" lines (seconds, counts) for bench/run_pipeline.sh.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_timing.h"
#include "error.h"
#include "month.h"
#include "pipeline.h"

#define MAX_RUNS 101
#define NPARK 50
#define FROM 20250101
#define TO 20251231

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_pipeline: %s: %s\n", what, why);
	exit(1);
}

static uint64_t rng;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double unif(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static double gauss(void)
{
	double u = unif(), v = unif();
	return sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

/* yyyymmdd of the days since 1970-01-01 from 2022-01-01 on: a table built with
 * pb_date_days, the engine's own day count (the generator's days stay below 2040) */
#define DAY0_YEAR 2022
#define NDAYS (18 * 366)
static int32_t day_table[NDAYS];
static long day0;

static void day_table_fill(void)
{
	day0 = pb_date_days(DAY0_YEAR * 10000 + 101);
	for (int y = DAY0_YEAR; y < DAY0_YEAR + 18; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				int32_t v = y * 10000 + m * 100 + d;
				if (pb_date_valid(v) && pb_date_days(v) - day0 < NDAYS)
					day_table[pb_date_days(v) - day0] = v;
			}
}

static int32_t civil(long z)
{
	if (z < day0 || z - day0 >= NDAYS)
		die("generator", "a day out of the table");
	return day_table[z - day0];
}

typedef struct pipe {
	size_t n, nev, nfund;
	pb_pipe_event *ev;
	double *contract;
	uint32_t *park;
	pb_pipe_fund *fund;
} pipe;

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 1024;
	p = realloc(p, *cap * size);
	if (!p)
		die("memory", "out of memory");
	return p;
}

static void generate(pipe *z, size_t n)
{
	size_t evcap = 0, fcap = 0;
	z->n = n;
	z->nev = z->nfund = 0;
	z->ev = NULL;
	z->fund = NULL;
	z->contract = malloc(n * sizeof(double));
	z->park = malloc(n * sizeof(uint32_t));
	if (!z->contract || !z->park)
		die("memory", "out of memory");
	long d0 = pb_date_days(20220101), d1 = pb_date_days(20251231);
	for (size_t i = 0; i < n; i++) {
		/* skewed park sizes: the square of a uniform favours the low numbers */
		double u = unif();
		z->park[i] = (uint32_t)(u * u * NPARK);
		z->contract[i] = NAN;
		long day = d0 + (long)(unif() * (double)(d1 - d0 + 1));
		double f = unif();
		int st = f < 0.85 ? PB_STAGE_LEAD : f < 0.95 ? PB_STAGE_TALKS : PB_STAGE_SIGNED;
		int32_t signed_day = 0;
		for (;;) {
			z->ev = grow(z->ev, &evcap, z->nev + 1, sizeof(*z->ev));
			z->ev[z->nev++] = (pb_pipe_event){ (uint32_t)i, st, civil(day) };
			if (st >= PB_STAGE_SIGNED && !signed_day)
				signed_day = civil(day);
			if (st == PB_STAGE_IN_STATS || unif() >= 0.9)
				break;
			st += unif() < 0.88 ? 1 : 2;
			if (st > PB_STAGE_IN_STATS)
				st = PB_STAGE_IN_STATS;
			day += 10 + (long)(unif() * 191);
		}
		if (unif() < 0.06) {
			day += 10 + (long)(unif() * 191);
			z->ev = grow(z->ev, &evcap, z->nev + 1, sizeof(*z->ev));
			z->ev[z->nev++] = (pb_pipe_event){ (uint32_t)i, PB_STAGE_DROPPED, civil(day) };
		}
		if (!signed_day)
			continue;
		if (unif() >= 0.08)
			z->contract[i] = round(30000 * exp(0.9 * gauss()));
		int nm = 1 + (int)(unif() * 5);
		int m = pb_month_add(signed_day / 100, (int)(unif() * 3));
		for (int k = 0; k < nm; k++, m = pb_month_add(m, 1 + (int)(unif() * 2))) {
			z->fund = grow(z->fund, &fcap, z->nfund + 1, sizeof(*z->fund));
			z->fund[z->nfund++] = (pb_pipe_fund){ (uint32_t)i, m,
							      round(2000 * unif() * 100) / 100,
							      round(500 * unif() * 100) / 100 };
		}
	}
}

static pb_pipe_row rows[NPARK + 1];

static double run_replay(const pipe *z, pb_pipe_state *state)
{
	double t = now();
	if (pb_pipe_replay(state, z->n, z->ev, z->nev) != 0)
		die("pb_pipe_replay", pb_error_last());
	return now() - t;
}

static double run_period(const pipe *z, const pb_pipe_state *state)
{
	pb_pipe_input in = { z->n, state, z->contract, z->park, NPARK, z->fund, z->nfund };
	double t = now();
	if (pb_pipe_period(rows, &in, FROM, TO) != 0)
		die("pb_pipe_period", pb_error_last());
	return now() - t;
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	return f;
}

static void close_out(FILE *f, const char *name)
{
	if (fclose(f) != 0)
		die(name, "write failed");
}

static void write_csv(const pipe *z, const char *dir)
{
	FILE *f = open_out(dir, "pl_events.csv");
	fputs("project,stage,day\n", f);
	for (size_t i = 0; i < z->nev; i++) {
		int32_t d = z->ev[i].date;
		fprintf(f, "%u,%d,%04d-%02d-%02d\n", z->ev[i].project, z->ev[i].stage, d / 10000,
			d / 100 % 100, d % 100);
	}
	close_out(f, "pl_events.csv");
	f = open_out(dir, "pl_projects.csv");
	fputs("project,park,contract\n", f);
	for (size_t i = 0; i < z->n; i++) {
		if (isnan(z->contract[i]))
			fprintf(f, "%zu,%u,\n", i, z->park[i]);
		else
			fprintf(f, "%zu,%u,%.17g\n", i, z->park[i], z->contract[i]);
	}
	close_out(f, "pl_projects.csv");
	f = open_out(dir, "pl_funds.csv");
	fputs("project,month,fixed,working\n", f);
	for (size_t i = 0; i < z->nfund; i++)
		fprintf(f, "%u,%d,%.17g,%.17g\n", z->fund[i].project, z->fund[i].month,
			z->fund[i].fixed, z->fund[i].working);
	close_out(f, "pl_funds.csv");
}

static void write_ref(const char *dir)
{
	FILE *f = open_out(dir, "pl_ref.csv");
	fputs("park,projects", f);
	for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
		fprintf(f, ",entered_%d", k);
	for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
		fprintf(f, ",held_%d", k);
	fputs(",signed_value,signed_unvalued", f);
	for (int b = 0; b < PB_PB_COUNT; b++)
		fprintf(f, ",band_%d", b);
	fputs(",funds_fixed,funds_working,signed_funds,signed_funds_valued,signed_started,"
	      "signed_producing,signed_dropped,rate_funds,rate_started,rate_producing", f);
	for (int k = PB_STAGE_LEAD; k < PB_STAGE_IN_STATS; k++)
		fprintf(f, ",days_n_%d,days_mean_%d", k, k);
	fputc('\n', f);
	for (int g = 0; g <= NPARK; g++) {
		const pb_pipe_row *r = &rows[g];
		if (g < NPARK)
			fprintf(f, "%d", g);
		else
			fputs("total", f);
		fprintf(f, ",%lld", (long long)r->projects);
		for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
			fprintf(f, ",%lld", (long long)r->entered[k]);
		for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
			fprintf(f, ",%lld", (long long)r->held[k]);
		fprintf(f, ",%.17g,%lld", r->signed_value, (long long)r->signed_unvalued);
		for (int b = 0; b < PB_PB_COUNT; b++)
			fprintf(f, ",%lld", (long long)r->band[b]);
		fprintf(f, ",%.17g,%.17g,%.17g,%.17g,%lld,%lld,%lld,%.17g,%.17g,%.17g",
			r->funds_fixed, r->funds_working, r->signed_funds, r->signed_funds_valued,
			(long long)r->signed_started, (long long)r->signed_producing,
			(long long)r->signed_dropped, r->rate_funds, r->rate_started,
			r->rate_producing);
		for (int k = PB_STAGE_LEAD; k < PB_STAGE_IN_STATS; k++)
			fprintf(f, ",%lld,%.17g", (long long)r->days_n[k], r->days_mean[k]);
		fputc('\n', f);
	}
	close_out(f, "pl_ref.csv");
}

int main(int argc, char **argv)
{
	long n = 1000000;
	int runs = 11;
	uint64_t seed = 6;
	const char *dir = "bench/work";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
			n = atol(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			dir = argv[++i];
		else {
			fprintf(stderr, "usage: bench_pipeline [--n N] [--runs R] [--seed S] "
					"[--dir OUT]\n");
			return 2;
		}
	}
	if (n < 1 || runs < 1 || runs > MAX_RUNS)
		die("arguments", "N >= 1, 1 <= R <= 101");
	rng = seed;
	day_table_fill();
	pipe z;
	generate(&z, (size_t)n);
	printf("projects %ld\nevents %zu\nfund_rows %zu\n", n, z.nev, z.nfund);
	pb_pipe_state *state = malloc((size_t)n * sizeof(*state));
	if (!state)
		die("memory", "out of memory");
	double tr[MAX_RUNS], tp[MAX_RUNS], tb[MAX_RUNS];
	run_replay(&z, state);
	run_period(&z, state);
	for (int r = 0; r < runs; r++) {
		tr[r] = run_replay(&z, state);
		tp[r] = run_period(&z, state);
		tb[r] = tr[r] + tp[r];
	}
	print_timing("engine", summarize(tb, runs));
	print_timing("replay", summarize(tr, runs));
	print_timing("period", summarize(tp, runs));
	write_csv(&z, dir);
	write_ref(dir);
	const pb_pipe_row *t = &rows[NPARK];
	printf("signed %lld\nsigned_value %.2f\nfunds_wan %.2f\nrate_started %.6f\n",
	       (long long)t->entered[PB_STAGE_SIGNED], t->signed_value, t->funds_fixed + t->funds_working,
	       t->rate_started);
	free(state);
	free(z.ev);
	free(z.fund);
	free(z.contract);
	free(z.park);
	return 0;
}
