/*
 * analysis.c - the monthly analysis; see analysis.h and docs/metrics.md.
 *
 * Each thread takes a range of enterprises (whole bitmap words), and for each metric
 * walks the range once, adding each enterprise into the accumulator of its cell; the
 * cells are then folded into the thread's rows of every grouping. Threads' rows and
 * ranking lists are merged at the end. The walk visits only enterprises with something
 * to count (a bit set in rep, any, or last year's rep/any), found word by word.
 */
#include "analysis.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "growth.h"

#define MAX_THREADS 16
#define MAX_TOP 1000

/* ---- the formulas --------------------------------------------------------------- */

double pb_agg_month_growth(const pb_agg *a)
{
	return pb_growth_pct(a->month_cur, a->month_base);
}

double pb_agg_ytd_growth(const pb_agg *a)
{
	return pb_growth_pct(a->ytd_cur, a->ytd_base);
}

pb_growth_kind pb_growth_kind_of(double cur, double base)
{
	if (base > 0)
		return PB_GROWTH_RATE;
	if (!(base < 0) || isnan(cur))
		return PB_GROWTH_NONE;
	if (cur >= 0)
		return PB_GROWTH_TURNAROUND;
	return cur >= base ? PB_GROWTH_LOSS_NARROWER : PB_GROWTH_LOSS_WIDER;
}

const char *pb_growth_kind_name(pb_growth_kind k)
{
	static const char *const names[] = { "", "—", "扭亏为盈", "减亏", "亏损扩大" };
	return k >= 0 && k <= PB_GROWTH_LOSS_WIDER ? names[k] : "";
}

double pb_share_pct(double part, double whole)
{
	return whole != 0 ? part / whole * 100 : NAN;
}

double pb_contribution_pct(double cur, double base, double total_cur, double total_base)
{
	double whole = total_cur - total_base;
	return whole != 0 ? (cur - base) / whole * 100 : NAN;
}

double pb_pull_pp(double cur, double base, double total_base)
{
	return total_base > 0 ? (cur - base) / total_base * 100 : NAN;
}

double pb_growing_pct(int64_t growing, int64_t sample)
{
	return sample > 0 ? (double)growing / (double)sample * 100 : NAN;
}

void pb_agg_add(pb_agg *a, const pb_agg *b)
{
	a->month += b->month;
	a->ytd += b->ytd;
	a->month_cur += b->month_cur;
	a->month_base += b->month_base;
	a->ytd_cur += b->ytd_cur;
	a->ytd_base += b->ytd_base;
	a->n_month += b->n_month;
	a->n_ytd += b->n_ytd;
	a->n_month_sample += b->n_month_sample;
	a->n_ytd_sample += b->n_ytd_sample;
	a->n_month_growing += b->n_month_growing;
	a->n_ytd_growing += b->n_ytd_growing;
	a->n_month_nobase += b->n_month_nobase;
	a->n_ytd_nobase += b->n_ytd_nobase;
	a->n_month_gone += b->n_month_gone;
	a->n_ytd_gone += b->n_ytd_gone;
	a->n_month_self += b->n_month_self;
	a->n_ytd_self += b->n_ytd_self;
}

/* ---- bounded ranking lists ------------------------------------------------------- */

typedef struct rank_list {
	pb_mover *items; /* sorted by key, largest first; ties by enterprise index */
	double *keys;
	size_t n, cap;
} rank_list;

/* Insert (key, m) if it belongs among the cap largest. */
static void rank_offer(rank_list *l, double key, const pb_mover *m)
{
	if (l->cap == 0)
		return;
	if (l->n == l->cap) {
		double lk = l->keys[l->n - 1];
		if (key < lk || (key == lk && m->ent > l->items[l->n - 1].ent))
			return;
		l->n--;
	}
	size_t i = l->n;
	while (i > 0 && (l->keys[i - 1] < key || (l->keys[i - 1] == key && l->items[i - 1].ent > m->ent))) {
		l->keys[i] = l->keys[i - 1];
		l->items[i] = l->items[i - 1];
		i--;
	}
	l->keys[i] = key;
	l->items[i] = *m;
	l->n++;
}

static int rank_init(rank_list *l, size_t cap)
{
	l->n = 0;
	l->cap = cap;
	l->items = malloc((cap ? cap : 1) * sizeof(*l->items));
	l->keys = malloc((cap ? cap : 1) * sizeof(*l->keys));
	return l->items && l->keys ? 0 : -1;
}

static void rank_free(rank_list *l)
{
	free(l->items);
	free(l->keys);
}

enum { R_TOP, R_GAIN_M, R_LOSE_M, R_GAIN_Y, R_LOSE_Y, R_COUNT };

/* ---- one thread's share of the work ----------------------------------------------- */

typedef struct worker {
	const pb_cube *c;
	const pb_analysis_opts *o;
	unsigned groupings;
	int t;                 /* column of the month */
	size_t w0, w1;         /* word range */
	pb_agg *cells;         /* ncells, reused per metric */
	int64_t *cell_members;
	pb_agg total[PB_METRIC_COUNT];
	pb_group_row *rows[PB_GROUPING_COUNT];
	rank_list rank[R_COUNT];
	int failed;
} worker;

/* The cumulative base correction of the next enterprises of the range, in order. */
typedef struct gap_cursor {
	const pb_cube_gap *g;
	size_t n, i;
} gap_cursor;

static gap_cursor gap_start(const pb_cube *c, int k, int t, size_t e0)
{
	gap_cursor gc = { c->gap[k][t], c->ngap[k][t], 0 };
	size_t lo = 0, hi = gc.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (gc.g[mid].ent < e0)
			lo = mid + 1;
		else
			hi = mid;
	}
	gc.i = lo;
	return gc;
}

static double gap_next(gap_cursor *gc, size_t e)
{
	while (gc->i < gc->n && gc->g[gc->i].ent < e)
		gc->i++;
	return gc->i < gc->n && gc->g[gc->i].ent == e ? gc->g[gc->i].value : 0;
}

/* The columns one metric's walk reads. */
typedef struct cols {
	const double *cur, *prev, *last, *last_prev; /* cum at t, t-1, t-12, t-13 (NULL: none) */
	const double *bcur, *bprev;                  /* bcum at t, t-1 when the year has it */
	const uint64_t *rep, *base, *any, *csam, *rep12, *any12, *self;
	const uint64_t *selfy[12];                   /* self bits of January..t's month */
	int nselfy;
	const uint64_t *repy[12];                    /* rep bits of January..t's month */
	int nrepy;
} cols;

static cols columns(const pb_cube *c, int k, int t)
{
	size_t E = c->nent, W = c->words;
	int m = t % 12;
	cols x = { 0 };
	x.cur = c->cum[k] + (size_t)t * E;
	x.prev = m ? x.cur - E : NULL;
	x.last = t >= 12 ? c->cum[k] + (size_t)(t - 12) * E : NULL;
	x.last_prev = t >= 12 && m ? x.last - E : NULL;
	const double *bb = c->bcum[k][t / 12];
	if (bb) {
		x.bcur = bb + (size_t)m * E;
		x.bprev = m ? x.bcur - E : NULL;
		x.self = c->self[k][t / 12] + (size_t)m * W;
		for (int i = 0; i <= m; i++)
			x.selfy[x.nselfy++] = c->self[k][t / 12] + (size_t)i * W;
	}
	x.rep = c->rep[k] + (size_t)t * W;
	for (int i = 0; i <= m; i++)
		x.repy[x.nrepy++] = x.rep - (size_t)(m - i) * W;
	x.base = c->base[k] + (size_t)t * W;
	x.any = c->any[k] + (size_t)t * W;
	x.csam = c->csam[k] + (size_t)t * W;
	x.rep12 = t >= 12 ? c->rep[k] + (size_t)(t - 12) * W : NULL;
	x.any12 = t >= 12 ? c->any[k] + (size_t)(t - 12) * W : NULL;
	return x;
}

/* Walk the range for metric k: every enterprise into its cell; the rank metric also
 * into the ranking lists. */
static void walk_metric(worker *w, int k)
{
	const pb_cube *c = w->c;
	const uint64_t *scope = w->o->scope;
	const uint32_t *cell = c->cell;
	cols x = columns(c, k, w->t);
	int ranked = k == (int)w->o->rank_metric;
	int stock = pb_metric_is_stock((pb_metric)k);
	gap_cursor gc = gap_start(c, k, w->t, w->w0 * 64);
	memset(w->cells, 0, c->ncells * sizeof(pb_agg));
	for (size_t wd = w->w0; wd < w->w1; wd++) {
		uint64_t sc = scope ? scope[wd] : ~0ULL;
		uint64_t R = x.rep[wd] & sc, B = x.base[wd], A = x.any[wd] & sc, S = x.csam[wd] & sc;
		uint64_t R12 = x.rep12 ? x.rep12[wd] & sc : 0, A12 = x.any12 ? x.any12[wd] & sc : 0;
		uint64_t SELF = x.self ? x.self[wd] : 0, SELFY = 0;
		for (int i = 0; i < x.nselfy; i++)
			SELFY |= x.selfy[i][wd];
		uint64_t live = R | A | R12 | A12;
		while (live) {
			int bit = __builtin_ctzll(live);
			live &= live - 1;
			uint64_t b = 1ULL << bit;
			size_t e = wd * 64 + (size_t)bit;
			pb_agg *ag = &w->cells[cell[e]];
			double c0 = x.cur[e], per = 1;
			if (stock) {
				/* a headcount: 1-M月 is the average of the months reported (the
				 * same months in the base, the sample being the same) */
				int n = 0;
				for (int i = 0; i < x.nrepy; i++)
					n += (int)((x.repy[i][wd] >> bit) & 1);
				per = n ? 1.0 / n : 0;
			}
			pb_mover mv_m = { e, NAN, NAN, NAN }, mv_y = { e, NAN, NAN, NAN };
			if (R & b) {
				double mv = c0 - (x.prev ? x.prev[e] : 0);
				ag->month += mv;
				ag->n_month++;
				if (B & b) {
					double mb = x.bcur ? x.bcur[e] - (x.bprev ? x.bprev[e] : 0)
							   : x.last[e] - (x.last_prev ? x.last_prev[e] : 0);
					ag->month_cur += mv;
					ag->month_base += mb;
					ag->n_month_sample++;
					ag->n_month_growing += mv > mb;
					ag->n_month_self += (SELF & b) != 0;
					mv_m = (pb_mover){ e, mv, mb, mv - mb };
				} else {
					ag->n_month_nobase++;
				}
			} else if (R12 & b) {
				ag->n_month_gone++;
			}
			if (A & b) {
				c0 *= per;
				ag->ytd += c0;
				ag->n_ytd++;
				if (S & b) {
					double yb = (x.bcur ? x.bcur[e] : x.last[e] - gap_next(&gc, e)) * per;
					ag->ytd_cur += c0;
					ag->ytd_base += yb;
					ag->n_ytd_sample++;
					ag->n_ytd_growing += c0 > yb;
					ag->n_ytd_self += (SELFY & b) != 0;
					mv_y = (pb_mover){ e, c0, yb, c0 - yb };
				} else {
					ag->n_ytd_nobase++;
				}
			} else if (A12 & b) {
				ag->n_ytd_gone++;
			}
			if (!ranked)
				continue;
			if (A & b) {
				pb_mover top = { e, c0, mv_y.base, mv_y.delta };
				rank_offer(&w->rank[R_TOP], c0, &top);
			}
			if (mv_m.delta > 0)
				rank_offer(&w->rank[R_GAIN_M], mv_m.delta, &mv_m);
			if (mv_m.delta < 0)
				rank_offer(&w->rank[R_LOSE_M], -mv_m.delta, &mv_m);
			if (mv_y.delta > 0)
				rank_offer(&w->rank[R_GAIN_Y], mv_y.delta, &mv_y);
			if (mv_y.delta < 0)
				rank_offer(&w->rank[R_LOSE_Y], -mv_y.delta, &mv_y);
		}
	}
}

/* Fold the cells of metric k into the worker's total and grouping rows. */
static void fold_metric(worker *w, int k)
{
	const pb_cube *c = w->c;
	for (size_t cl = 0; cl < c->ncells; cl++) {
		const pb_agg *a = &w->cells[cl];
		pb_agg_add(&w->total[k], a);
		for (int g = 0; g < PB_G_FLAG; g++)
			if (w->groupings & (1u << g))
				pb_agg_add(&w->rows[g][c->cell_group[cl][g]].m[k], a);
		if (!(w->groupings & (1u << PB_G_FLAG)))
			continue;
		for (unsigned f = c->cell_flags[cl]; f; f &= f - 1)
			pb_agg_add(&w->rows[PB_G_FLAG][__builtin_ctz(f)].m[k], a);
	}
}

static void count_members(worker *w)
{
	const pb_cube *c = w->c;
	const uint64_t *scope = w->o->scope;
	for (size_t e = w->w0 * 64; e < w->w1 * 64 && e < c->nent; e++) {
		if (scope && !((scope[e / 64] >> (e % 64)) & 1))
			continue;
		uint32_t cl = c->cell[e];
		for (int g = 0; g < PB_G_FLAG; g++)
			if (w->groupings & (1u << g))
				w->rows[g][c->cell_group[cl][g]].members++;
		if (w->groupings & (1u << PB_G_FLAG))
			for (unsigned f = c->cell_flags[cl]; f; f &= f - 1)
				w->rows[PB_G_FLAG][__builtin_ctz(f)].members++;
	}
}

static void *work(void *arg)
{
	worker *w = arg;
	count_members(w);
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		walk_metric(w, k);
		fold_metric(w, k);
	}
	return NULL;
}

static void worker_free(worker *w)
{
	free(w->cells);
	for (int g = 0; g < PB_GROUPING_COUNT; g++)
		free(w->rows[g]);
	for (int r = 0; r < R_COUNT; r++)
		rank_free(&w->rank[r]);
}

static int worker_init(worker *w, const pb_cube *c, const pb_analysis_opts *o, unsigned groupings,
		       int t, size_t w0, size_t w1)
{
	memset(w, 0, sizeof(*w));
	w->c = c;
	w->o = o;
	w->groupings = groupings;
	w->t = t;
	w->w0 = w0;
	w->w1 = w1;
	w->cells = malloc((c->ncells ? c->ncells : 1) * sizeof(pb_agg));
	int rc = w->cells ? 0 : -1;
	for (int g = 0; g < PB_GROUPING_COUNT && !rc; g++)
		if ((groupings & (1u << g)) &&
		    !(w->rows[g] = calloc(c->ngroups[g] ? c->ngroups[g] : 1, sizeof(pb_group_row))))
			rc = -1;
	for (int r = 0; r < R_COUNT && !rc; r++)
		rc = rank_init(&w->rank[r], (size_t)(o->top_n > 0 ? o->top_n : 10));
	return rc;
}

/* ---- putting it together ------------------------------------------------------------ */

static int copy_rank(pb_mover **out, size_t *n, rank_list *lists, size_t nlists, int r, size_t cap)
{
	rank_list all;
	if (rank_init(&all, cap))
		return -1;
	for (size_t i = 0; i < nlists; i++)
		for (size_t j = 0; j < lists[i * R_COUNT + (size_t)r].n; j++)
			rank_offer(&all, lists[i * R_COUNT + (size_t)r].keys[j],
				   &lists[i * R_COUNT + (size_t)r].items[j]);
	*out = all.items;
	*n = all.n;
	free(all.keys);
	return 0;
}

static int merge(pb_analysis *a, const pb_cube *c, worker *ws, int nw, unsigned groupings,
		 size_t cap)
{
	for (int g = 0; g < PB_GROUPING_COUNT; g++) {
		if (!(groupings & (1u << g)))
			continue;
		size_t ng = c->ngroups[g];
		a->by[g].rows = calloc(ng ? ng : 1, sizeof(pb_group_row));
		if (!a->by[g].rows)
			return -1;
		a->by[g].ngroups = ng;
		for (size_t i = 0; i < ng; i++) {
			pb_group_row *row = &a->by[g].rows[i];
			row->name = c->group_name[g][i];
			row->code = c->group_code[g][i];
			for (int j = 0; j < nw; j++) {
				row->members += ws[j].rows[g][i].members;
				for (int k = 0; k < PB_METRIC_COUNT; k++)
					pb_agg_add(&row->m[k], &ws[j].rows[g][i].m[k]);
			}
		}
	}
	for (int j = 0; j < nw; j++)
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			pb_agg_add(&a->total[k], &ws[j].total[k]);
	rank_list *lists = malloc((size_t)nw * R_COUNT * sizeof(*lists));
	if (!lists)
		return -1;
	for (int j = 0; j < nw; j++)
		memcpy(&lists[(size_t)j * R_COUNT], ws[j].rank, sizeof(ws[j].rank));
	int rc = copy_rank(&a->top, &a->ntop, lists, (size_t)nw, R_TOP, cap);
	if (!rc)
		rc = copy_rank(&a->gainers[PB_MOVE_MONTH], &a->ngainers[PB_MOVE_MONTH], lists, (size_t)nw, R_GAIN_M, cap);
	if (!rc)
		rc = copy_rank(&a->losers[PB_MOVE_MONTH], &a->nlosers[PB_MOVE_MONTH], lists, (size_t)nw, R_LOSE_M, cap);
	if (!rc)
		rc = copy_rank(&a->gainers[PB_MOVE_YTD], &a->ngainers[PB_MOVE_YTD], lists, (size_t)nw, R_GAIN_Y, cap);
	if (!rc)
		rc = copy_rank(&a->losers[PB_MOVE_YTD], &a->nlosers[PB_MOVE_YTD], lists, (size_t)nw, R_LOSE_Y, cap);
	free(lists);
	return rc;
}

/* The dependence figures, from the tier rows and the top list. */
static void dependence(pb_analysis *a)
{
	const pb_agg *tot = &a->total[a->rank_metric];
	const pb_agg *lead = &a->by[PB_G_TIER].rows[0].m[a->rank_metric]; /* group 0 = 龙头 */
	a->leading_month_share = pb_share_pct(lead->month, tot->month);
	a->leading_ytd_share = pb_share_pct(lead->ytd, tot->ytd);
	double top = 0;
	for (size_t i = 0; i < a->ntop; i++)
		top += a->top[i].cur;
	a->top_ytd_share = pb_share_pct(top, tot->ytd);
}

int pb_analysis_run(pb_analysis *a, const pb_cube *c, const pb_analysis_opts *o)
{
	memset(a, 0, sizeof(*a));
	int t = pb_cube_col(c, o->month);
	if (t < 0)
		return pb_error_set(PB_EINVAL, "%d年%d月不在数据范围内 / month %d is outside the data",
				    o->month / 100, o->month % 100, o->month);
	if (o->top_n < 0 || o->top_n > MAX_TOP || (int)o->rank_metric < 0 ||
	    o->rank_metric >= PB_METRIC_COUNT)
		return pb_error_set(PB_EINVAL, "排名参数无效 / invalid ranking options");
	a->month = o->month;
	a->rank_metric = o->rank_metric;
	a->top_n = o->top_n > 0 ? o->top_n : 10;
	/* the tier grouping is always folded: the dependence on 龙头 comes from it */
	unsigned all = (1u << PB_GROUPING_COUNT) - 1;
	unsigned groupings = ((o->groupings ? o->groupings : all) & all) | (1u << PB_G_TIER);
	int nt = o->threads;
	if (nt <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		nt = n > 0 ? (int)n : 1;
	}
	if (nt > MAX_THREADS)
		nt = MAX_THREADS;
	if ((size_t)nt > c->words)
		nt = c->words ? (int)c->words : 1;
	worker ws[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int rc = 0, nw = 0;
	for (; nw < nt && !rc; nw++) {
		size_t w0 = c->words * (size_t)nw / (size_t)nt, w1 = c->words * (size_t)(nw + 1) / (size_t)nt;
		rc = worker_init(&ws[nw], c, o, groupings, t, w0, w1);
	}
	int started = 0;
	for (int i = 1; i < nw && !rc; i++, started++)
		if (pthread_create(&tid[i], NULL, work, &ws[i]) != 0)
			break;
	if (!rc) {
		work(&ws[0]);
		for (int i = started + 1; i < nw; i++)
			work(&ws[i]); /* threads that could not start: do their share here */
	}
	for (int i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	if (!rc)
		rc = merge(a, c, ws, nw, groupings, (size_t)a->top_n);
	for (int i = 0; i < nw; i++)
		worker_free(&ws[i]);
	if (rc)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t e = 0; e < c->nent; e++)
		a->members += !o->scope || ((o->scope[e / 64] >> (e % 64)) & 1);
	dependence(a);
	return 0;
}

void pb_analysis_free(pb_analysis *a)
{
	for (int g = 0; g < PB_GROUPING_COUNT; g++)
		free(a->by[g].rows);
	free(a->top);
	for (int i = 0; i < 2; i++) {
		free(a->gainers[i]);
		free(a->losers[i]);
	}
	memset(a, 0, sizeof(*a));
}
