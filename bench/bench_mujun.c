/*
 * bench_mujun.c - the 亩均论英雄 evaluation benchmark (issue #4).
 *
 * usage: bench_mujun [--n N] [--runs R] [--seed S] [--csv OUT] [--ref OUT] [--profile T]
 *
 *   1. generates a deterministic zone of N enterprises (default 1,000,000): land
 *      lognormal around 30亩 (2% without land), 增加值, 税收, 营业收入, 综合能耗, 排放,
 *      职工, 研发经费 correlated with size and with an efficiency of its own; 2% 规下
 *      (outside the 规上 group), 1.5% a negative tax (a refund), 0.5% no energy reported
 *      (0), 3% emissions missing, 8% no R&D; 50 parks, 31 sectors of skewed sizes;
 *   2. times pb_mujun_evaluate under the Huangyan 2022 规上 six-indicator scheme (below)
 *      with quota classes A 25 / B 45 / C 25 / D 5, with 2 threads and with 1, each the
 *      best and the median of R runs (default 11) after one warm-up, the contenders
 *      (these and the plain loop) taken in turns; freeing the result is not timed;
 *      once with the parks and sectors (ranks within them too: the whole evaluation)
 *      and once without (the zone ranks only: the measurement); and with
 *      pb_mujun_evaluate_again into one kept result, run after run (what a what-if loop
 *      or the server does: no fresh memory to fault in);
 *   3. times a plain single-threaded C loop as the reference: the six ratios and the
 *      total per enterprise, then the quota cuts by quickselect (the cum_k-th largest
 *      total of each class) and the classes - no ranks. Its points are value ×
 *      (weight / baseline), as the engine computes them, so its totals are the engine's
 *      to the bit; the peers write value / baseline × weight, and are held to the same
 *      ranks and classes exactly and to Σ total within 1e-9;
 *   4. checks, untimed: the plain loop's totals and classes against both of the
 *      engine's results (exactly), their zone ranks against a sort, and their counts;
 *   5. writes the input as CSV for bench/mujun_peers.py (--csv: id, above, park,
 *      sector, land, tax, revenue, value_added, energy, emissions, employees, rd; an
 *      empty field is missing; numbers in the shortest form that reads back exactly)
 *      and the reference the peers must reproduce (--ref: "key value" lines: the class
 *      counts, Σ id·(class+1), Σ id·rank for the zone, sector and park ranks, Σ total;
 *      id = index + 1, class as pb_mujun_class, rank 0 unranked).
 * Prints "key value" lines (seconds) for bench/run_mujun.sh. Exit 1 when a check fails.
 * --profile T: only generate and run the engine R times with T threads (for perf).
 *
 * The scheme (黄岩区2022年度规上工业企业亩均效益评价, weights summing to 100, each
 * indicator's points value / baseline × weight, at most 2 × weight, at least 0, a
 * missing value making the enterprise 数据不全):
 *   亩均税收 tax/land 24.097 ×30; 亩均增加值 value_added/land 136.16 ×20;
 *   单位能耗增加值 value_added/energy 2.694 ×20; 单位排放增加值 value_added/emissions
 *   4929.81 ×10; 全员劳动生产率 value_added/employees 18.14 ×10; 研发经费占比
 *   rd/revenue 0.0302 ×10.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_timing.h"
#include "error.h"
#include "mujun.h"

#define MAX_RUNS 101
#define NPARK 50
#define NSECTOR 31

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_mujun: %s: %s\n", what, why);
	exit(3);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("malloc", "out of memory");
	return p;
}

/* ---- the zone ------------------------------------------------------------------- */

/* The measures the scheme reads, in the CSV's order after id, above, park, sector. */
static const pb_mujun_measure used[] = { PB_MM_LAND,      PB_MM_TAX,       PB_MM_REVENUE,
					  PB_MM_VALUE_ADDED, PB_MM_ENERGY,  PB_MM_EMISSIONS,
					  PB_MM_EMPLOYEES, PB_MM_RD };
#define NUSED (sizeof(used) / sizeof(used[0]))
static const char *const used_key[NUSED] = { "land",      "tax",       "revenue",   "value_added",
					      "energy",    "emissions", "employees", "rd" };
/* as the peers print them: pb_mujun_class_key's */
static const char *const class_key[PB_MC_COUNT] = { "A", "B", "C", "D", "T", "incomplete", "none" };

typedef struct zone {
	size_t n;
	double *m[PB_MM_COUNT]; /* the used measures; NULL the others */
	uint8_t *above, *leased;
	uint32_t *park, *sector;
} zone;

/* xoshiro256** seeded by splitmix64: the same zone on every machine with the same libm */
typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

static void seed(rng *r, uint64_t x)
{
	for (int i = 0; i < 4; i++) {
		uint64_t z = (x += 0x9e3779b97f4a7c15u);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
		r->s[i] = z ^ (z >> 31);
	}
}

/* uniform in (0, 1) */
static double unif(rng *r)
{
	return ((double)(next(r) >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(rng *r)
{
	return sqrt(-2 * log(unif(r))) * cos(6.283185307179586 * unif(r));
}

/* to hundredths, as the departments report 亩 and 万元 */
static double cents(double x)
{
	return round(x * 100) / 100;
}

static void zone_make(zone *z, size_t n, uint64_t s)
{
	memset(z, 0, sizeof(*z));
	z->n = n;
	for (size_t k = 0; k < NUSED; k++)
		z->m[used[k]] = xmalloc(n * sizeof(double));
	z->above = xmalloc(n);
	z->leased = xmalloc(n);
	z->park = xmalloc(n * sizeof(uint32_t));
	z->sector = xmalloc(n * sizeof(uint32_t));
	double *land = z->m[PB_MM_LAND], *tax = z->m[PB_MM_TAX], *rev = z->m[PB_MM_REVENUE],
	       *va = z->m[PB_MM_VALUE_ADDED], *en = z->m[PB_MM_ENERGY],
	       *em = z->m[PB_MM_EMISSIONS], *emp = z->m[PB_MM_EMPLOYEES], *rd = z->m[PB_MM_RD];
	rng r;
	seed(&r, s);
	for (size_t i = 0; i < n; i++) {
		z->above[i] = unif(&r) >= 0.02;
		z->leased[i] = unif(&r) < 0.10;
		z->park[i] = (uint32_t)(NPARK * unif(&r));
		double u = unif(&r);
		z->sector[i] = (uint32_t)(NSECTOR * u * u); /* a few large sectors */
		/* size: the land it has (or would have), lognormal, median 30亩 */
		double mu = 30 * exp(0.9 * normal(&r));
		double eff = normal(&r); /* its efficiency, shared by its ratios */
		double v = mu * 136.16 * exp(0.6 * eff + 0.5 * normal(&r));
		land[i] = unif(&r) < 0.02 ? 0 : fmax(0.1, cents(mu));
		va[i] = cents(v);
		tax[i] = unif(&r) < 0.015 ? -cents(0.02 * v * unif(&r))
					  : cents(0.177 * v * exp(0.3 * eff + 0.5 * normal(&r)));
		rev[i] = cents(4 * v * exp(0.3 * normal(&r)));
		en[i] = unif(&r) < 0.005 ? 0 : cents(v / (2.694 * exp(0.3 * eff + 0.6 * normal(&r))));
		em[i] = unif(&r) < 0.03 ? NAN
					: fmax(0.001, round(1000 * v / (4929.81 * exp(0.9 * normal(&r)))) / 1000);
		emp[i] = fmax(1, round(v / (18.14 * exp(0.3 * eff + 0.4 * normal(&r)))));
		rd[i] = unif(&r) < 0.08 ? 0 : cents(rev[i] * 0.0302 * exp(0.3 * eff + 0.8 * normal(&r)));
	}
}

static void zone_free(zone *z)
{
	for (int k = 0; k < PB_MM_COUNT; k++)
		free(z->m[k]);
	free(z->above);
	free(z->leased);
	free(z->park);
	free(z->sector);
}

/* ---- the scheme ------------------------------------------------------------------ */

typedef struct ind_def {
	const char *key, *name, *unit;
	pb_mujun_measure num, den;
	double baseline, weight;
} ind_def;

static const ind_def huangyan[] = {
	{ "tax_per_mu", "亩均税收", "万元/亩", PB_MM_TAX, PB_MM_LAND, 24.097, 30 },
	{ "va_per_mu", "亩均增加值", "万元/亩", PB_MM_VALUE_ADDED, PB_MM_LAND, 136.16, 20 },
	{ "va_per_energy", "单位能耗增加值", "万元/吨标准煤", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 2.694, 20 },
	{ "va_per_emission", "单位排放增加值", "万元/吨", PB_MM_VALUE_ADDED, PB_MM_EMISSIONS, 4929.81, 10 },
	{ "labour_productivity", "全员劳动生产率", "万元/人", PB_MM_VALUE_ADDED, PB_MM_EMPLOYEES, 18.14, 10 },
	{ "rd_share", "研发经费占比", "", PB_MM_RD, PB_MM_REVENUE, 0.0302, 10 },
};
#define NIND (sizeof(huangyan) / sizeof(huangyan[0]))
static const double quota[4] = { 25, 45, 25, 5 };

static void scheme_make(pb_mujun_scheme *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->key, sizeof(s->key), "bench-huangyan-2022");
	snprintf(s->name, sizeof(s->name), "台州市黄岩区2022年度规上工业企业亩均效益评价（基准测试）");
	s->year = 2022;
	static const char *const cn[5] = { "A", "B", "C", "D", "T" };
	for (int c = 0; c < 5; c++)
		snprintf(s->class_name[c], sizeof(s->class_name[c]), "%s类", cn[c]);
	pb_mujun_group *g = &s->group[0];
	s->ngroups = 1;
	snprintf(g->key, sizeof(g->key), "above");
	snprintf(g->name, sizeof(g->name), "规上工业企业");
	g->above_scale = 1;
	g->leased = -1;
	g->min_land = 0;
	g->max_land = INFINITY;
	g->nind = NIND;
	for (size_t k = 0; k < NIND; k++) {
		pb_mujun_indicator *d = &g->ind[k];
		const ind_def *h = &huangyan[k];
		snprintf(d->key, sizeof(d->key), "%s", h->key);
		snprintf(d->name, sizeof(d->name), "%s", h->name);
		snprintf(d->unit, sizeof(d->unit), "%s", h->unit);
		d->num = h->num;
		d->den = h->den;
		d->factor = 1;
		d->baseline = h->baseline;
		d->weight = h->weight;
		d->cap = 2 * h->weight;
		d->floor = 0;
		d->on_missing = PB_MISS_INCOMPLETE;
	}
	g->classing.method = PB_MCM_QUOTA;
	memcpy(g->classing.share, quota, sizeof(quota));
}

/* ---- pb_mujun_evaluate ------------------------------------------------------------- */

static pb_mujun_input input_of(const zone *z)
{
	pb_mujun_input in = { .n = z->n, .above_scale = z->above, .leased = z->leased,
			      .park = z->park, .sector = z->sector, .npark = NPARK,
			      .nsector = NSECTOR };
	for (int k = 0; k < PB_MM_COUNT; k++)
		in.m[k] = z->m[k];
	return in;
}

/* One evaluation; its seconds. The result is kept in *keep when given, else freed
 * (untimed). */
static double engine_once(const pb_mujun_scheme *s, const pb_mujun_input *in, int threads,
			  pb_mujun_result *keep)
{
	pb_mujun_result r;
	memset(&r, 0, sizeof(r));
	double t0 = now();
	if (pb_mujun_evaluate(&r, s, in, threads))
		die("pb_mujun_evaluate", pb_error_last());
	double t1 = now();
	if (keep) {
		pb_mujun_result_free(keep);
		*keep = r;
	} else {
		pb_mujun_result_free(&r);
	}
	return t1 - t0;
}

/* ---- the plain loop ------------------------------------------------------------------ */

static void swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

static double med3(double x, double y, double z)
{
	return x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
}

/* Rearrange a[0..n) so that a[k] is the (k+1)-th largest, none smaller before it and
 * none larger after it (Wirth's selection, the pivot a median of three). */
static void select_desc(double *a, long n, long k)
{
	long l = 0, r = n - 1;
	while (l < r) {
		double x = med3(a[l], a[l + (r - l) / 2], a[r]);
		long i = l, j = r;
		do {
			while (a[i] > x)
				i++;
			while (x > a[j])
				j--;
			if (i <= j) {
				swap(&a[i], &a[j]);
				i++;
				j--;
			}
		} while (i <= j);
		if (j < k)
			l = i;
		if (k < i)
			r = j;
	}
}

typedef struct plain_out {
	double *total;  /* NaN: not scored */
	double *scratch;
	uint8_t *cls;
	size_t scored;
	double phase[3]; /* seconds of the last run: scores, cuts, classes */
} plain_out;

/* round-half-up(n × cumulative share / 100), the shares being whole percent here */
static size_t quota_cum(size_t n, int k)
{
	double s = 0;
	for (int c = 0; c <= k; c++)
		s += quota[c];
	return (size_t)floor((double)n * s / 100 + 0.5);
}

static void plain_run(const zone *z, plain_out *o)
{
	const size_t n = z->n;
	const double *m[NIND][2];
	double per[NIND], cap[NIND];
	for (size_t k = 0; k < NIND; k++) {
		m[k][0] = z->m[huangyan[k].num];
		m[k][1] = z->m[huangyan[k].den];
		per[k] = huangyan[k].weight / huangyan[k].baseline; /* points per unit of value */
		cap[k] = 2 * huangyan[k].weight;
	}
	size_t ns = 0;
	double t0 = now();
	for (size_t i = 0; i < n; i++) {
		double t = NAN;
		if (z->above[i]) {
			t = 0;
			for (size_t k = 0; k < NIND; k++) {
				double a = m[k][0][i], b = m[k][1][i];
				if (!(b > 0) || isnan(a)) {
					t = NAN;
					break;
				}
				double p = a / b * per[k];
				t += p > cap[k] ? cap[k] : p < 0 ? 0 : p;
			}
		}
		o->total[i] = t;
		if (!isnan(t))
			o->scratch[ns++] = t;
	}
	o->scored = ns;
	double t1 = now();
	/* the cut of class k: the cum_k-th largest total; a total at least the cut of k
	 * has rank ≤ cum_k (ties share the better rank) */
	double cut[3];
	size_t from = 0;
	for (int k = 0; k < 3; k++) {
		size_t c = quota_cum(ns, k);
		if (c == 0) {
			cut[k] = INFINITY;
			continue;
		}
		if (c - 1 >= from) /* the cuts before it are in place: select above them */
			select_desc(o->scratch + from, (long)(ns - from), (long)(c - 1 - from));
		cut[k] = o->scratch[c - 1];
		from = c;
	}
	double t2 = now();
	for (size_t i = 0; i < n; i++) {
		double t = o->total[i];
		o->cls[i] = !z->above[i] ? PB_MC_NONE
			    : isnan(t)   ? PB_MC_INCOMPLETE
			    : t >= cut[0] ? PB_MC_A
			    : t >= cut[1] ? PB_MC_B
			    : t >= cut[2] ? PB_MC_C
					  : PB_MC_D;
	}
	o->phase[0] = t1 - t0;
	o->phase[1] = t2 - t1;
	o->phase[2] = now() - t2;
}

static double plain_once(const zone *z, plain_out *o)
{
	double t0 = now();
	plain_run(z, o);
	return now() - t0;
}

/* What is timed: the engine on an input with a number of threads, or the plain loop. */
typedef struct contender {
	const char *key;
	const pb_mujun_input *in; /* NULL: the plain loop */
	int threads;
	pb_mujun_result *keep;    /* the last run's result */
	double t[MAX_RUNS];
	pb_mujun_result *again;   /* evaluate into this one result run after run
	                           * (pb_mujun_evaluate_again: its memory kept) */
} contender;

/* One evaluation into the kept result `r`; its seconds. */
static double again_once(const pb_mujun_scheme *s, const pb_mujun_input *in, int threads,
			 pb_mujun_result *r)
{
	double t0 = now();
	if (pb_mujun_evaluate_again(r, s, in, threads))
		die("pb_mujun_evaluate_again", pb_error_last());
	return now() - t0;
}

/* One warm-up and `runs` runs of each contender, taken in turns, so that whatever else
 * the machine does at some moment falls on all of them alike. */
static void time_all(contender *c, size_t nc, int runs, const pb_mujun_scheme *s,
		     const zone *z, plain_out *p)
{
	for (size_t k = 0; k < nc; k++)
		if (c[k].keep)
			memset(c[k].keep, 0, sizeof(*c[k].keep));
	for (int i = -1; i < runs; i++)
		for (size_t k = 0; k < nc; k++) {
			double t = c[k].again ? again_once(s, c[k].in, c[k].threads, c[k].again)
				   : c[k].in ? engine_once(s, c[k].in, c[k].threads,
							   i == runs - 1 ? c[k].keep : NULL)
					     : plain_once(z, p);
			if (i >= 0)
				c[k].t[i] = t;
		}
	for (size_t k = 0; k < nc; k++)
		print_timing(c[k].key, summarize(c[k].t, runs));
}

/* ---- the checks and the files ------------------------------------------------------ */

static const double *sort_key;

static int by_total_desc(const void *a, const void *b)
{
	double x = sort_key[*(const uint32_t *)a], y = sort_key[*(const uint32_t *)b];
	return (x < y) - (x > y);
}

static int check(const zone *z, const plain_out *p, const pb_mujun_result *r)
{
	int bad = 0;
	const size_t n = z->n;
	if (r->n != n) {
		fprintf(stderr, "check: the result has %zu enterprises, the input %zu\n", r->n, n);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		double a = p->total[i], b = r->total[i];
		int same = (isnan(a) && isnan(b)) || a == b;
		if ((!same || p->cls[i] != r->cls[i]) && bad++ < 10)
			fprintf(stderr, "check: enterprise %zu: engine total %.17g class %s, plain loop "
				"%.17g %s\n", i, b, class_key[r->cls[i] % PB_MC_COUNT], a,
				class_key[p->cls[i]]);
	}
	/* the zone ranks: competition ranking of a sort by total */
	uint32_t *idx = xmalloc(n * sizeof(*idx));
	size_t ns = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(p->total[i]))
			idx[ns++] = (uint32_t)i;
	sort_key = p->total;
	qsort(idx, ns, sizeof(*idx), by_total_desc);
	uint32_t want = 0;
	for (size_t j = 0; j < ns; j++) {
		size_t i = idx[j];
		if (!j || p->total[idx[j - 1]] != p->total[i])
			want = (uint32_t)(j + 1);
		if (r->rank_zone[i] != want && bad++ < 20)
			fprintf(stderr, "check: enterprise %zu: zone rank %u, by the sort %u\n", i,
				r->rank_zone[i], want);
	}
	free(idx);
	if (r->ranked[0] != (int64_t)ns && bad++ < 20)
		fprintf(stderr, "check: ranked %lld, scored %zu\n", (long long)r->ranked[0], ns);
	int64_t cnt[PB_MC_COUNT] = { 0 };
	for (size_t i = 0; i < n; i++)
		cnt[r->cls[i] % PB_MC_COUNT]++;
	for (int c = 0; c < PB_MC_COUNT; c++) {
		int64_t in_group = c == PB_MC_NONE ? 0 : cnt[c];
		if (r->count[0][c] != in_group && bad++ < 20)
			fprintf(stderr, "check: count[above][%s] %lld, the classes say %lld\n",
				class_key[c], (long long)r->count[0][c],
				(long long)in_group);
	}
	return bad;
}

static size_t col_of(pb_mujun_measure m)
{
	for (size_t k = 0; k < NUSED; k++)
		if (used[k] == m)
			return k;
	die("col_of", "a measure the zone has not");
	return 0;
}

/* The reference the peers reproduce: the scheme, the counts and the checksums. */
static void write_ref(FILE *f, const pb_mujun_result *r)
{
	int64_t cnt[PB_MC_COUNT] = { 0 };
	uint64_t cls = 0, rz = 0, rs = 0, rp = 0;
	double total = 0;
	for (size_t i = 0; i < r->n; i++) {
		uint64_t id = i + 1;
		cnt[r->cls[i] % PB_MC_COUNT]++;
		cls += id * (r->cls[i] + 1u);
		rz += id * r->rank_zone[i];
		rs += id * r->rank_sector[i];
		rp += id * r->rank_park[i];
		if (!isnan(r->total[i]))
			total += r->total[i];
	}
	/* the scheme, for the peers to compute from */
	for (size_t k = 0; k < NIND; k++)
		fprintf(f, "indicator %s %s %s %.17g %.17g %.17g %.17g %.17g\n", huangyan[k].key,
			used_key[col_of(huangyan[k].num)], used_key[col_of(huangyan[k].den)], 1.0,
			huangyan[k].baseline, huangyan[k].weight, 2 * huangyan[k].weight, 0.0);
	fprintf(f, "quota %.17g %.17g %.17g %.17g\n", quota[0], quota[1], quota[2], quota[3]);
	fprintf(f, "n %zu\n", r->n);
	for (int c = 0; c < PB_MC_COUNT; c++)
		fprintf(f, "count_%s %lld\n", class_key[c], (long long)cnt[c]);
	fprintf(f, "cls_sum %llu\nrank_zone_sum %llu\nrank_sector_sum %llu\nrank_park_sum %llu\n"
		   "total_sum %.17g\n", (unsigned long long)cls, (unsigned long long)rz,
		(unsigned long long)rs, (unsigned long long)rp, total);
}

/* the shortest of %.15g, %.16g, %.17g that reads back as x */
static void put_num(FILE *f, double x)
{
	if (isnan(x))
		return;
	char b[32];
	for (int p = 15; p <= 17; p++) {
		snprintf(b, sizeof(b), "%.*g", p, x);
		if (strtod(b, NULL) == x)
			break;
	}
	fputs(b, f);
}

static void write_csv(const char *path, const zone *z)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	fputs("id,above,park,sector", f);
	for (size_t k = 0; k < NUSED; k++)
		fprintf(f, ",%s", used_key[k]);
	fputc('\n', f);
	for (size_t i = 0; i < z->n; i++) {
		fprintf(f, "%zu,%u,%u,%u", i + 1, z->above[i], z->park[i], z->sector[i]);
		for (size_t k = 0; k < NUSED; k++) {
			fputc(',', f);
			put_num(f, z->m[used[k]][i]);
		}
		fputc('\n', f);
	}
	if (fclose(f))
		die(path, "cannot write");
}

int main(int argc, char **argv)
{
	const char *csv = NULL, *ref = NULL;
	long n = 1000000;
	int runs = 11, profile = -1;
	unsigned long long s = 2022;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
			n = atol(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			s = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (strcmp(argv[i], "--ref") == 0 && i + 1 < argc)
			ref = argv[++i];
		else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc)
			profile = atoi(argv[++i]);
		else
			n = 0, i = argc;
	}
	if (n < 1 || n > UINT32_MAX / 2 || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: bench_mujun [--n N] [--runs R] [--seed S] [--csv OUT] [--ref OUT] "
				"[--profile THREADS]\n");
		return 2;
	}

	zone z;
	double t0 = now();
	zone_make(&z, (size_t)n, s);
	printf("enterprises %zu\ngenerate_s %.3f\n", z.n, now() - t0);
	static pb_mujun_scheme sch;
	scheme_make(&sch);
	if (pb_mujun_scheme_check(&sch))
		die("scheme", pb_error_last());
	pb_mujun_input in = input_of(&z);

	plain_out p = { .total = xmalloc(z.n * sizeof(double)),
			.scratch = xmalloc(z.n * sizeof(double)), .cls = xmalloc(z.n) };
	if (profile >= 0) {
		contender one = { "engine", &in, profile, NULL, { 0 }, NULL };
		time_all(&one, 1, runs, &sch, &z, &p);
		free(p.total);
		free(p.scratch);
		free(p.cls);
		zone_free(&z);
		return 0;
	}
	/* the zone alone: no sectors and parks to rank within */
	pb_mujun_input zin = in;
	zin.park = zin.sector = NULL;
	zin.npark = zin.nsector = 0;
	pb_mujun_result res, zres, again2 = { 0 }, again1 = { 0 }, zagain2 = { 0 };
	contender con[] = {
		{ "engine_t2", &in, 2, NULL, { 0 }, NULL },	   { "engine_t1", &in, 1, &res, { 0 }, NULL },
		{ "engine_zone_t2", &zin, 2, NULL, { 0 }, NULL },
		{ "engine_zone_t1", &zin, 1, &zres, { 0 }, NULL },
		{ "engine_again_t2", &in, 2, NULL, { 0 }, &again2 },
		{ "engine_again_t1", &in, 1, NULL, { 0 }, &again1 },
		{ "engine_zone_again_t2", &zin, 2, NULL, { 0 }, &zagain2 },
		{ "plain_t1", NULL, 1, NULL, { 0 }, NULL },
	};
	time_all(con, sizeof(con) / sizeof(con[0]), runs, &sch, &z, &p);
	printf("plain_scores_s %.6f\nplain_cuts_s %.6f\nplain_classes_s %.6f\nscored %zu\n",
	       p.phase[0], p.phase[1], p.phase[2], p.scored);
	int64_t cnt[PB_MC_COUNT] = { 0 };
	for (size_t i = 0; i < z.n; i++)
		cnt[res.cls[i] < PB_MC_COUNT ? res.cls[i] : PB_MC_NONE]++;
	for (int c = 0; c < PB_MC_COUNT; c++)
		printf("count_%s %lld\n", class_key[c], (long long)cnt[c]);

	int bad = check(&z, &p, &res) + check(&z, &p, &zres) + check(&z, &p, &again2) +
		  check(&z, &p, &again1) + check(&z, &p, &zagain2);
	printf("check %s\n", bad ? "FAILED" : "ok");
	if (ref) {
		FILE *f = fopen(ref, "w");
		if (!f)
			die(ref, "cannot write");
		write_ref(f, &res);
		if (fclose(f))
			die(ref, "cannot write");
	}
	if (csv) {
		t0 = now();
		write_csv(csv, &z);
		printf("csv_s %.3f\n", now() - t0);
	}
	pb_mujun_result_free(&res);
	pb_mujun_result_free(&zres);
	pb_mujun_result_free(&again2);
	pb_mujun_result_free(&again1);
	pb_mujun_result_free(&zagain2);
	free(p.total);
	free(p.scratch);
	free(p.cls);
	zone_free(&z);
	if (bad)
		fprintf(stderr, "bench_mujun: the plain loop and pb_mujun_evaluate disagree (%d "
				"differences)\n", bad);
	return bad ? 1 : 0;
}
