/*
 * bench_analysis.c - the monthly analysis benchmark (issue #3).
 *
 * usage: bench_analysis --db FILE [--month YYYYMM] [--csv OUT] [--runs N] [--load-only]
 *
 * On a parkbrain database (e.g. bench/run_analysis.sh's, from pb_gen_zone --churn):
 *   1. times pb_store_cube_load (the load), and compares pb_cube_bytes and the growth
 *      of the resident set with the raw data, 8 bytes x enterprises x months x 10;
 *   2. times pb_analysis_run for month M (default: the last month with data) for the
 *      park grouping alone and for every grouping, with 2 threads and with 1, each the
 *      best and the median of N runs after one warm-up;
 *   3. reads the same reports again, straight from SQLite, into enterprise-major rows
 *      (enterprise, month, 10 figures; NaN = missing), as the store holds them, and
 *      times a straightforward C loop over those raw months computing the same
 *      same-sample sums for the parks (the "plain loop" baseline), 1 and 2 threads;
 *   4. checks that the plain loop and pb_analysis agree (sums to 1e-9 relative, counts
 *      exactly) and writes pb_analysis's park result as CSV for the peers
 *      (bench/analysis_peers.py): park, metric, month, month_cur, month_base, ytd,
 *      ytd_cur, ytd_base.
 * --load-only stops after step 1 (for profiling the load).
 * Prints "key value" lines (seconds, bytes) for bench/run_analysis.sh. Exit 1 when
 * the check fails.
 *
 * The same-sample rule (the generator writes no 上年同期 figures, so a base is the
 * enterprise's own report twelve months earlier): 当月 pair over the enterprises
 * reporting the figure in both M and M-12; 1-M月 pair over the enterprises that
 * reported the figure at least once from January to M and whose every such month has a
 * report twelve months earlier, base = the sum of those months last year. 从业人员 is a
 * headcount: an enterprise's 1-M月 figure is the average of its months reported (and
 * its base the average of the same months last year).
 */
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "bench_timing.h"
#include "cube.h"
#include "error.h"
#include "model.h"
#include "month.h"
#include "store.h"
#include "store_cube.h"

#define MAX_RUNS 101

static size_t rss_bytes(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, res = 0;
	if (f) {
		if (fscanf(f, "%lu %lu", &size, &res) != 2)
			res = 0;
		fclose(f);
	}
	return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

static void die(const char *what, const char *why)
{
	fprintf(stderr, "bench_analysis: %s: %s\n", what, why);
	exit(3);
}

/* ---- pb_analysis -------------------------------------------------------------- */

static timing time_analysis(const pb_cube *c, int month, unsigned groupings, int threads,
			    int runs, pb_analysis *keep)
{
	double t[MAX_RUNS];
	pb_analysis_opts o = { .month = month, .groupings = groupings, .threads = threads };
	for (int i = -1; i < runs; i++) {
		pb_analysis a;
		double t0 = now();
		if (pb_analysis_run(&a, c, &o))
			die("pb_analysis_run", pb_error_last());
		double t1 = now();
		if (i >= 0)
			t[i] = t1 - t0;
		if (keep && i == runs - 1)
			*keep = a;
		else
			pb_analysis_free(&a);
	}
	return summarize(t, runs);
}

/* ---- the raw data and the plain loop ------------------------------------------ */

typedef struct raw {
	size_t nent;
	int first, nmonths; /* a January, whole years: the cube's columns */
	int64_t *id;        /* ascending */
	int *park;          /* group index into park_name */
	char **park_name;   /* distinct, sorted; pointers into names */
	size_t nparks;
	char **names;       /* per enterprise, its park's name (owned) */
	double *v;          /* [(e * nmonths + t) * 10 + k], NaN = missing */
} raw;

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	return s;
}

static long raw_find(const raw *r, int64_t id)
{
	size_t lo = 0, hi = r->nent;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nent && r->id[lo] == id ? (long)lo : -1;
}

/* The enterprises, their parks, and every report, read with plain SQL. */
static void raw_load(raw *r, const char *path, int first, int nmonths)
{
	sqlite3 *db;
	/* one thread per connection, as the store opens it */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(db));
	memset(r, 0, sizeof(*r));
	r->first = first;
	r->nmonths = nmonths;
	sqlite3_stmt *s = prepare(db, "SELECT count(*) FROM enterprises");
	if (sqlite3_step(s) != SQLITE_ROW)
		die("count", sqlite3_errmsg(db));
	size_t n = (size_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	r->id = malloc((n ? n : 1) * sizeof(*r->id));
	r->park = malloc((n ? n : 1) * sizeof(*r->park));
	char **pname = malloc((n ? n : 1) * sizeof(*pname));
	if (!r->id || !r->park || !pname)
		die("raw", "out of memory");
	/* an enterprise without a park is in the cube's group 园区外 */
	s = prepare(db, "SELECT e.id, coalesce(p.name, '园区外') FROM enterprises e"
			" LEFT JOIN parks p ON p.id = e.park_id ORDER BY e.id");
	while (sqlite3_step(s) == SQLITE_ROW && r->nent < n) {
		r->id[r->nent] = sqlite3_column_int64(s, 0);
		if (!(pname[r->nent] = strdup((const char *)sqlite3_column_text(s, 1))))
			die("raw", "out of memory");
		r->nent++;
	}
	sqlite3_finalize(s);
	/* the parks' dictionary: distinct names, sorted */
	char **names = malloc((n ? n : 1) * sizeof(*names));
	if (!names)
		die("raw", "out of memory");
	memcpy(names, pname, r->nent * sizeof(*names));
	qsort(names, r->nent, sizeof(*names), by_str);
	for (size_t i = 0; i < r->nent; i++)
		if (r->nparks == 0 || strcmp(names[i], names[r->nparks - 1]) != 0)
			names[r->nparks++] = names[i];
	r->park_name = names;
	for (size_t e = 0; e < r->nent; e++) {
		char **hit = bsearch(&pname[e], names, r->nparks, sizeof(*names), by_str);
		r->park[e] = (int)(hit - names);
	}
	r->names = pname;
	size_t cells = r->nent * (size_t)nmonths * PB_METRIC_COUNT;
	r->v = malloc((cells ? cells : 1) * sizeof(double));
	if (!r->v)
		die("raw", "out of memory");
	for (size_t i = 0; i < cells; i++)
		r->v[i] = NAN;
	s = prepare(db, "SELECT enterprise_id, month, gross_output, sales_output, export_value,"
			" revenue, profit, tax, electricity, energy, employees, rd_expense"
			" FROM monthly_reports ORDER BY enterprise_id, month");
	int64_t last = INT64_MIN;
	long e = -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		int m = sqlite3_column_int(s, 1);
		if (id != last) {
			last = id;
			e = raw_find(r, id);
		}
		int t = (m / 100 - first / 100) * 12 + m % 100 - 1;
		if (e < 0 || t < 0 || t >= nmonths)
			die("raw", "a report outside the enterprises or months");
		double *row = r->v + ((size_t)e * (size_t)nmonths + (size_t)t) * PB_METRIC_COUNT;
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			if (sqlite3_column_type(s, 2 + k) != SQLITE_NULL)
				row[k] = sqlite3_column_double(s, 2 + k);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* One metric of one park, as the plain loop sums it. */
typedef struct acc {
	double month, month_cur, month_base, ytd, ytd_cur, ytd_base;
	int64_t n_month, n_month_sample, n_ytd, n_ytd_sample;
} acc;

typedef struct plain_job {
	const raw *r;
	int t;
	size_t e0, e1;
	acc *out; /* [park * 10 + k] */
} plain_job;

/*
 * The straightforward loop: each enterprise's row of months, January..M of this year
 * and the same months of last year, metric by metric, the rule as stated.
 */
static void *plain_work(void *arg)
{
	plain_job *j = arg;
	const raw *r = j->r;
	const int t = j->t, y0 = t / 12 * 12, nm = r->nmonths;
	memset(j->out, 0, r->nparks * PB_METRIC_COUNT * sizeof(acc));
	for (size_t e = j->e0; e < j->e1; e++) {
		const double *row = r->v + e * (size_t)nm * PB_METRIC_COUNT;
		acc *g = j->out + (size_t)r->park[e] * PB_METRIC_COUNT;
		double ysum[PB_METRIC_COUNT] = { 0 }, ybase[PB_METRIC_COUNT] = { 0 };
		int n[PB_METRIC_COUNT] = { 0 }, ok[PB_METRIC_COUNT];
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			ok[k] = 1;
		for (int m = y0; m <= t; m++) {
			const double *cur = row + (size_t)m * PB_METRIC_COUNT;
			const double *old = m >= 12 ? cur - 12 * PB_METRIC_COUNT : NULL;
			for (int k = 0; k < PB_METRIC_COUNT; k++) {
				if (isnan(cur[k]))
					continue;
				ysum[k] += cur[k];
				n[k]++;
				if (old && !isnan(old[k]))
					ybase[k] += old[k];
				else
					ok[k] = 0;
			}
		}
		const double *cur = row + (size_t)t * PB_METRIC_COUNT;
		const double *old = t >= 12 ? cur - 12 * PB_METRIC_COUNT : NULL;
		for (int k = 0; k < PB_METRIC_COUNT; k++) {
			acc *a = &g[k];
			if (!isnan(cur[k])) {
				a->month += cur[k];
				a->n_month++;
				if (old && !isnan(old[k])) {
					a->month_cur += cur[k];
					a->month_base += old[k];
					a->n_month_sample++;
				}
			}
			if (n[k] == 0)
				continue;
			double per = pb_metric_is_stock((pb_metric)k) ? 1.0 / n[k] : 1;
			a->ytd += ysum[k] * per;
			a->n_ytd++;
			if (ok[k]) {
				a->ytd_cur += ysum[k] * per;
				a->ytd_base += ybase[k] * per;
				a->n_ytd_sample++;
			}
		}
	}
	return NULL;
}

static void plain_run(const raw *r, int t, int threads, acc *out, acc *scratch)
{
	plain_job j[2];
	pthread_t tid;
	size_t per = r->nparks * PB_METRIC_COUNT;
	for (int i = 0; i < threads; i++)
		j[i] = (plain_job){ r, t, r->nent * (size_t)i / (size_t)threads,
				    r->nent * (size_t)(i + 1) / (size_t)threads, i ? scratch : out };
	if (threads > 1 && pthread_create(&tid, NULL, plain_work, &j[1]) != 0)
		die("pthread_create", "failed");
	plain_work(&j[0]);
	if (threads > 1) {
		pthread_join(tid, NULL);
		for (size_t i = 0; i < per; i++) {
			acc *a = &out[i];
			const acc *b = &scratch[i];
			a->month += b->month;
			a->month_cur += b->month_cur;
			a->month_base += b->month_base;
			a->ytd += b->ytd;
			a->ytd_cur += b->ytd_cur;
			a->ytd_base += b->ytd_base;
			a->n_month += b->n_month;
			a->n_month_sample += b->n_month_sample;
			a->n_ytd += b->n_ytd;
			a->n_ytd_sample += b->n_ytd_sample;
		}
	}
}

static timing time_plain(const raw *r, int t, int threads, int runs, acc *out, acc *scratch)
{
	double ts[MAX_RUNS];
	for (int i = -1; i < runs; i++) {
		double t0 = now();
		plain_run(r, t, threads, out, scratch);
		double t1 = now();
		if (i >= 0)
			ts[i] = t1 - t0;
	}
	return summarize(ts, runs);
}

/* ---- the check and the CSV ------------------------------------------------------ */

static int close_enough(double a, double b)
{
	double d = fabs(a - b), m = fmax(fabs(a), fabs(b));
	return d <= 1e-9 * m || d < 1e-9;
}

static int check(const raw *r, const acc *plain, const pb_cube *c, const pb_analysis *a)
{
	const pb_grouping_result *g = &a->by[PB_G_PARK];
	int bad = 0;
	if (g->ngroups != r->nparks) {
		fprintf(stderr, "check: %zu parks in the cube, %zu in the database\n", g->ngroups,
			r->nparks);
		return 1;
	}
	for (size_t i = 0; i < g->ngroups; i++) {
		const pb_group_row *row = &g->rows[i];
		char *const key = (char *)row->name;
		char **hit = bsearch(&key, r->park_name, r->nparks, sizeof(char *), by_str);
		if (!hit) {
			fprintf(stderr, "check: park %s of the cube is not in the database\n", row->name);
			bad++;
			continue;
		}
		const acc *p = plain + (size_t)(hit - r->park_name) * PB_METRIC_COUNT;
		for (int k = 0; k < PB_METRIC_COUNT; k++) {
			const pb_agg *x = &row->m[k];
			const acc *y = &p[k];
			const double xs[6] = { x->month, x->month_cur, x->month_base, x->ytd, x->ytd_cur, x->ytd_base };
			const double ys[6] = { y->month, y->month_cur, y->month_base, y->ytd, y->ytd_cur, y->ytd_base };
			static const char *const what[6] = { "month", "month_cur", "month_base", "ytd", "ytd_cur", "ytd_base" };
			for (int f = 0; f < 6; f++)
				if (!close_enough(xs[f], ys[f]) && bad++ < 20)
					fprintf(stderr, "check: %s %s %s: pb_analysis %.17g, plain loop %.17g\n",
						row->name, pb_metric_key((pb_metric)k), what[f], xs[f], ys[f]);
			if ((x->n_month != y->n_month || x->n_month_sample != y->n_month_sample ||
			     x->n_ytd != y->n_ytd || x->n_ytd_sample != y->n_ytd_sample) && bad++ < 20)
				fprintf(stderr, "check: %s %s counts: pb_analysis %lld/%lld %lld/%lld, plain "
					"loop %lld/%lld %lld/%lld\n", row->name, pb_metric_key((pb_metric)k),
					(long long)x->n_month_sample, (long long)x->n_month,
					(long long)x->n_ytd_sample, (long long)x->n_ytd,
					(long long)y->n_month_sample, (long long)y->n_month,
					(long long)y->n_ytd_sample, (long long)y->n_ytd);
		}
	}
	(void)c;
	return bad;
}

static void write_csv(const char *path, const pb_analysis *a)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	fputs("park,metric,month,month_cur,month_base,ytd,ytd_cur,ytd_base\n", f);
	const pb_grouping_result *g = &a->by[PB_G_PARK];
	for (size_t i = 0; i < g->ngroups; i++)
		for (int k = 0; k < PB_METRIC_COUNT; k++) {
			const pb_agg *x = &g->rows[i].m[k];
			fprintf(f, "%s,%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", g->rows[i].name,
				pb_metric_key((pb_metric)k), x->month, x->month_cur, x->month_base, x->ytd,
				x->ytd_cur, x->ytd_base);
		}
	if (fclose(f))
		die(path, "cannot write");
}

/* ---- main ----------------------------------------------------------------------- */

static int last_month(const char *path, int *lo, int *hi)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(db));
	sqlite3_stmt *s = prepare(db, "SELECT min(month), max(month) FROM monthly_reports");
	int rc = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL ? 0 : -1;
	if (!rc) {
		*lo = sqlite3_column_int(s, 0);
		*hi = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	const char *db = NULL, *csv = NULL;
	int month = 0, runs = 9, load_only = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
			csv = argv[++i];
		else if (strcmp(argv[i], "--month") == 0 && i + 1 < argc)
			month = atoi(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--load-only") == 0)
			load_only = 1;
		else
			db = NULL, i = argc;
	}
	if (!db || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: bench_analysis --db FILE [--month YYYYMM] [--csv OUT] [--runs N] "
				"[--load-only]\n");
		return 2;
	}
	int lo, hi;
	if (last_month(db, &lo, &hi))
		die(db, "no monthly reports");
	if (!month)
		month = hi;
	int data_months = (hi / 100 - lo / 100) * 12 + hi % 100 - lo % 100 + 1;

	/* 1. the load */
	pb_store *st;
	if (pb_store_open(&st, db, PB_STORE_READONLY))
		die(db, pb_error_last());
	size_t rss0 = rss_bytes();
	double t0 = now();
	pb_cube *c;
	if (pb_store_cube_load(&c, st, 2))
		die("pb_store_cube_load", pb_error_last());
	double t1 = now();
	size_t rss1 = rss_bytes();
	pb_store_close(st);
	size_t rss2 = rss_bytes();
	int t = pb_cube_col(c, month);
	if (t < 0)
		die("month", "outside the data");
	double raw_bytes = 8.0 * (double)c->nent * data_months * PB_METRIC_COUNT;
	printf("enterprises %zu\nmonths %d\nmonth %d\ngroups_park %zu\ncells %zu\n", c->nent,
	       data_months, month, c->ngroups[PB_G_PARK], c->ncells);
	printf("load_s %.3f\ncube_bytes %zu\nraw_bytes %.0f\nmemory_ratio %.4f\n", t1 - t0,
	       pb_cube_bytes(c), raw_bytes, (double)pb_cube_bytes(c) / raw_bytes);
	printf("rss_growth_bytes %zu\nrss_ratio %.4f\n", rss2 - rss0, (double)(rss2 - rss0) / raw_bytes);
	/* where the bytes are: running sums, the four bitmaps, the gap corrections (and
	 * the gap lists' unused capacity, if they grew by doubling from 64 and were kept
	 * at that capacity: pb_cube_bytes counts only the entries) */
	size_t gaps = 0, slack = 0;
	for (int k = 0; k < PB_METRIC_COUNT; k++)
		for (int i = 0; i < c->nmonths; i++) {
			size_t n = c->ngap[k][i], cap = 64;
			if (!n)
				continue;
			while (cap < n)
				cap *= 2;
			gaps += n;
			slack += cap - n;
		}
	printf("cum_bytes %zu\nbitmap_bytes %zu\ngap_entries %zu\ngap_bytes %zu\n"
	       "gap_slack_bytes_est %zu\n",
	       (size_t)c->nmonths * c->nent * sizeof(double) * PB_METRIC_COUNT,
	       (size_t)c->nmonths * c->words * 8 * 4 * PB_METRIC_COUNT, gaps,
	       gaps * sizeof(pb_cube_gap), slack * sizeof(pb_cube_gap));
	(void)rss1;
	fflush(stdout);
	if (load_only) {
		pb_cube_free(c);
		return 0;
	}

	/* 2. the analysis */
	pb_analysis park;
	print_timing("park_t2", time_analysis(c, month, 1u << PB_G_PARK, 2, runs, NULL));
	print_timing("park_t1", time_analysis(c, month, 1u << PB_G_PARK, 1, runs, &park));
	print_timing("all_t2", time_analysis(c, month, 0, 2, runs, NULL));
	print_timing("all_t1", time_analysis(c, month, 0, 1, runs, NULL));
	const pb_agg *tot = &park.total[PB_M_GROSS_OUTPUT];
	printf("gross_output_month_reporting %lld\ngross_output_month_sample %lld\n"
	       "gross_output_ytd_reporting %lld\ngross_output_ytd_sample %lld\n",
	       (long long)tot->n_month, (long long)tot->n_month_sample, (long long)tot->n_ytd,
	       (long long)tot->n_ytd_sample);
	fflush(stdout);

	/* 3. the plain loop over the raw months */
	raw r;
	t0 = now();
	raw_load(&r, db, c->first_month, c->nmonths);
	t1 = now();
	printf("raw_load_s %.3f\n", t1 - t0);
	if (r.nent != c->nent)
		die("raw", "the enterprises differ from the cube's");
	for (size_t e = 0; e < r.nent; e++)
		if (r.id[e] != c->ent[e].id)
			die("raw", "the enterprises differ from the cube's");
	acc *plain = malloc(r.nparks * PB_METRIC_COUNT * sizeof(acc));
	acc *scratch = malloc(r.nparks * PB_METRIC_COUNT * sizeof(acc));
	if (!plain || !scratch)
		die("plain", "out of memory");
	print_timing("plain_t2", time_plain(&r, t, 2, runs, plain, scratch));
	print_timing("plain_t1", time_plain(&r, t, 1, runs, plain, scratch));

	/* 4. the check and the result */
	int bad = check(&r, plain, c, &park);
	printf("check %s\n", bad ? "FAILED" : "ok");
	if (csv)
		write_csv(csv, &park);
	pb_analysis_free(&park);
	free(plain);
	free(scratch);
	free(r.v);
	free(r.id);
	free(r.park);
	free(r.park_name);
	for (size_t e = 0; e < r.nent; e++)
		free(r.names[e]);
	free(r.names);
	pb_cube_free(c);
	if (bad)
		fprintf(stderr, "bench_analysis: the plain loop and pb_analysis disagree (%d differences)\n", bad);
	return bad ? 1 : 0;
}
