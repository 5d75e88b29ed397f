/*
 * mujun_eval.c - the 亩均 evaluation of n enterprises under one scheme; see mujun.h.
 *
 * The work is a sequence of phases over the columns, each split over threads by
 * index range (whole blocks of BLOCK enterprises) or by position in the ranking:
 *
 *   score    per block: the group and rules; then slot by slot, for the slot's first
 *            group, one straight loop over the block computing values and points and
 *            one computing flags (selects only, which gcc vectorises at -O2; other
 *            groups through scratch); the totals, the status, and per block the sums
 *            a GROUP_AVERAGE needs;
 *   impute   (only when some indicator imputes the group average) the means, summed
 *            block by block in block order, so that they do not depend on how blocks
 *            are shared among threads; then the imputed points and the totals again;
 *   keys     one 64-bit item per ranked enterprise: group (3 bits) and its total
 *            quantised into 29 bits, descending, above a T bit and its index;
 *   sort     LSD radix on the 32 key bits, 11 bits a pass, a pass skipped when its
 *            digit is the same for all; stable, so equal keys stay in index order;
 *   exact    runs of equal keys (totals closer than the quantum, or equal) ordered by
 *            the exact total, each position's tie (the first position with its
 *            total), and its sector and park gathered;
 *   walks    over the sorted order: the rank among the classed (what quotas count)
 *            and so the class by rank; the ranks within sector and within park. A
 *            rank is the count of those before in the bucket plus one, unless the tie
 *            is the one before's (competition ranking); over the zone it is simply
 *            the tie's position in the group, plus one;
 *   back     each position's ranks and class to its enterprise;
 *   classes  in index order: classes by threshold, the rules, the counts.
 *
 * Every phase computes each entry from the inputs alone or from a unique sorted order,
 * and sums in a fixed order, so the result is the same whatever the number of threads.
 */
#include "mujun.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "error.h"

#define MAX_THREADS 16
#define BLOCK 4096        /* enterprises a score loop handles at once: fits in L2 */
#define QBITS 29          /* bits of the quantised total in a key, under 3 of group */
#define RADIX_BITS 11
#define RADIX (1u << RADIX_BITS)
#define SHORT_RUN 16      /* runs of equal keys up to this long: insertion sort */
#define AHEAD 16          /* positions a scattered access is prefetched ahead */

/* The constant parameters of one (group, slot). */
typedef struct slot_par {
	pb_mujun_measure num, den;
	double factor, k, c;  /* points = c + k × value: k = ±w/b, c = 2w or 0 */
	double cap, floor;
	double missflags;     /* flags of a missing value (a double: see slot_flags) */
	int ga;               /* on_missing is GROUP_AVERAGE */
} slot_par;

/* One thread's share and what it found; cache-line aligned, for no thread to write
 * next to another's counters. */
typedef struct part {
	_Alignas(64) size_t b0, b1; /* blocks */
	size_t p0, p1;        /* positions in the sorted order */
	size_t ranked, off;   /* ranked enterprises in its blocks, and where their items go */
	size_t bad;           /* first enterprise breaking the input invariants, or SIZE_MAX */
	int failed;           /* out of memory */
	double tmin, tmax;    /* of the ranked totals */
	int64_t nranked[PB_MUJUN_MAX_GROUPS], nclassed[PB_MUJUN_MAX_GROUPS];
	int64_t count[PB_MUJUN_MAX_GROUPS][PB_MC_COUNT];
	uint32_t hist[RADIX];
	size_t dst[RADIX];
	double sv[BLOCK], sp[BLOCK], sw[BLOCK]; /* scratch of the score phase */
	uint8_t sf[BLOCK];
} part;

typedef struct eval {
	const pb_mujun_scheme *s;
	const pb_mujun_input *in;
	pb_mujun_result *r;
	size_t n, nblocks, nslot;
	int nt, has_ga;
	uint32_t rule_mask, m_force, m_bar, m_nod, m_unsuited, m_exclude;
	slot_par par[PB_MUJUN_MAX_GROUPS][PB_MUJUN_MAX_IND];
	int first[PB_MUJUN_MAX_IND]; /* the first group with the slot */
	double mean[PB_MUJUN_MAX_GROUPS][PB_MUJUN_MAX_IND];
	int64_t cum[PB_MUJUN_MAX_GROUPS][4]; /* quota: the cumulative counts of A..D */
	double *bsum;         /* per block, group and slot: points of those with the value */
	int64_t *bcnt;
	int8_t *eg;           /* the group an enterprise is evaluated in, -1 none */
	double nan_block[BLOCK], one_block[BLOCK];
	double scale, tmax;   /* quantisation of the totals */
	size_t m;             /* ranked enterprises */
	uint64_t *item, *tmp; /* key << 32 | index */
	int digit;            /* of the radix pass running */
	size_t gstart[PB_MUJUN_MAX_GROUPS + 1]; /* each group's first position */
	int64_t nranked[PB_MUJUN_MAX_GROUPS], nclassed[PB_MUJUN_MAX_GROUPS];
	/* by position: the first position of its tie; sector and park, then the ranks
	 * within; the class by rank (T; PB_MC_COUNT: by total, in index order) */
	uint32_t *tie, *bsec, *bpark;
	uint8_t *cls;
	part pt[MAX_THREADS];
} eval;

/* ---- threads ---------------------------------------------------------------------- */

typedef void (*phase_fn)(eval *e, int t);

typedef struct job {
	eval *e;
	phase_fn fn;
	int t;
} job;

static void *job_run(void *arg)
{
	job *j = arg;
	j->fn(j->e, j->t);
	return NULL;
}

/* Run fn(e, t) for every t < e->nt, on threads; what cannot start runs here. */
static void run(eval *e, phase_fn fn)
{
	job jobs[MAX_THREADS];
	pthread_t tid[MAX_THREADS];
	int started = 0;
	for (int t = 0; t < e->nt; t++)
		jobs[t] = (job){ e, fn, t };
	for (int t = 1; t < e->nt; t++, started++)
		if (pthread_create(&tid[t], NULL, job_run, &jobs[t]) != 0)
			break;
	fn(e, 0);
	for (int t = started + 1; t < e->nt; t++)
		fn(e, t); /* threads that could not start: their share here */
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
}

/* ---- score: groups, values, points, totals ------------------------------------------ */

static int in_group(const pb_mujun_group *g, int above, int leased, double land)
{
	if (g->above_scale >= 0 && g->above_scale != above)
		return 0;
	if (g->leased >= 0 && g->leased != leased)
		return 0;
	/* unknown land fits only a group that does not look at land */
	if (isnan(land))
		return g->min_land == 0 && g->max_land == INFINITY;
	return land >= g->min_land && land < g->max_land;
}

static int valid_index(const uint32_t *a, size_t i, size_t limit)
{
	return !a || a[i] == UINT32_MAX || a[i] < limit;
}

/* Group and rules of enterprises [i0, i1); the first invalid one in *bad. Returns the
 * fewest slots any of them is evaluated on (0 when one is not evaluated). */
static size_t assign(eval *e, size_t i0, size_t i1, part *p)
{
	size_t fewest = e->nslot;
	const pb_mujun_input *in = e->in;
	const double *land = in->m[PB_MM_LAND];
	pb_mujun_result *r = e->r;
	for (size_t i = i0; i < i1; i++) {
		if (p->bad == SIZE_MAX && (!valid_index(in->park, i, in->npark) ||
					   !valid_index(in->sector, i, in->nsector)))
			p->bad = i;
		int above = in->above_scale && in->above_scale[i];
		int leased = in->leased && in->leased[i];
		double l = land ? land[i] : NAN;
		int g = -1;
		for (size_t k = 0; k < e->s->ngroups && g < 0; k++)
			if (in_group(&e->s->group[k], above, leased, l))
				g = (int)k;
		uint32_t rules = in->rules ? in->rules[i] & e->rule_mask : 0;
		r->group[i] = (int8_t)g;
		r->rules[i] = rules;
		e->eg[i] = rules & e->m_exclude ? -1 : (int8_t)g;
		size_t slots = e->eg[i] < 0 ? 0 : e->s->group[g].nind;
		fewest = slots < fewest ? slots : fewest;
	}
	return fewest;
}

/* Value and points of slot sp for len enterprises, from num[j] / den[j], whatever
 * their group. A straight loop with selects only, which gcc vectorises at -O2 (the
 * flags are apart: mixing bytes with doubles, or a float compare feeding only one arm
 * of a select, keeps it from doing so). */
static inline void slot_points(size_t len, const double *restrict num, const double *restrict den,
			       const slot_par *restrict sp, double *restrict val,
			       double *restrict pts)
{
	double factor = sp->factor, k = sp->k, c = sp->c, cap = sp->cap, floor = sp->floor;
	for (size_t j = 0; j < len; j++) {
		double d = den[j];
		double v = num[j] / d * factor;
		double x = c + k * v;
		int ok = (d > 0) & (fabs(v) < INFINITY);
		x = x > cap ? cap : x;
		x = x < floor ? floor : x;
		val[j] = ok ? v : NAN;
		pts[j] = ok ? x : 0;
	}
}

/* The flags of what slot_points computed, from the value: the same points once more,
 * compared. In doubles (selects of constants, which vectorise), then narrowed: a
 * comparison of doubles turned into bytes directly does not vectorise. floor ≤ cap, so
 * at most one of CAPPED and FLOORED. */
static inline void slot_flags(size_t len, const double *restrict val, const slot_par *restrict sp,
			      double *restrict wide, uint8_t *restrict fl)
{
	double k = sp->k, c = sp->c, cap = sp->cap, floor = sp->floor, miss = sp->missflags;
	for (size_t j = 0; j < len; j++) {
		double v = val[j], x = c + k * v;
		double f = x > cap ? PB_MF_CAPPED : 0.0;
		f = x < floor ? PB_MF_FLOORED : f;
		wide[j] = v == v ? f : miss;
	}
	for (size_t j = 0; j < len; j++)
		fl[j] = (uint8_t)(int)wide[j];
}

static inline void slot_compute(size_t len, const double *num, const double *den,
				const slot_par *sp, double *val, double *pts, uint8_t *fl,
				double *wide)
{
	slot_points(len, num, den, sp, val, pts);
	slot_flags(len, val, sp, wide, fl);
}

/* The group's sum of points and count of enterprises with a value of slot s. */
static void block_sums(size_t len, const int8_t *eg, int g, const double *pts,
		       const uint8_t *fl, double *sum, int64_t *cnt)
{
	double a = 0;
	int64_t c = 0;
	for (size_t j = 0; j < len; j++) {
		if (eg[j] == g && !(fl[j] & PB_MF_MISSING)) {
			a += pts[j];
			c++;
		}
	}
	*sum = a;
	*cnt = c;
}

static const double *column(const eval *e, pb_mujun_measure m, size_t i0)
{
	if (m == PB_MM_ONE)
		return e->one_block;
	return e->in->m[m] ? e->in->m[m] + i0 : e->nan_block;
}

/*
 * Slot s of block b. The slot's first group is computed for the whole block straight
 * into the result; the enterprises of other groups with that slot get theirs through
 * the thread's scratch; the rest (no group, excluded, a group with fewer slots) NaN, 0
 * and no flags - unless `all`: every enterprise of the block has the slot.
 */
static inline __attribute__((always_inline)) void score_slot(eval *e, part *p, size_t b, size_t s,
							     size_t i0, size_t len, int all)
{
	pb_mujun_result *r = e->r;
	const pb_mujun_scheme *sc = e->s;
	const int8_t *eg = e->eg + i0;
	double *val = r->value + s * e->n + i0, *pts = r->points + s * e->n + i0;
	uint8_t *fl = r->flags + s * e->n + i0;
	int g0 = e->first[s];
	for (size_t g = (size_t)g0; g < sc->ngroups; g++) {
		if (s >= sc->group[g].nind)
			continue;
		const slot_par *sp = &e->par[g][s];
		const double *num = column(e, sp->num, i0), *den = column(e, sp->den, i0);
		if ((int)g == g0) {
			slot_compute(len, num, den, sp, val, pts, fl, p->sw);
		} else {
			slot_compute(len, num, den, sp, p->sv, p->sp, p->sf, p->sw);
			for (size_t j = 0; j < len; j++) {
				if (eg[j] == (int)g) {
					val[j] = p->sv[j];
					pts[j] = p->sp[j];
					fl[j] = p->sf[j];
				}
			}
		}
	}
	for (size_t j = 0; j < len && !all; j++) {
		int h = eg[j];
		if (h != g0 && (h < 0 || s >= sc->group[h].nind)) {
			val[j] = NAN;
			pts[j] = 0;
			fl[j] = 0;
		}
	}
	for (size_t g = (size_t)g0; e->has_ga && g < sc->ngroups; g++) {
		if (s < sc->group[g].nind && e->par[g][s].ga) {
			size_t at = (b * PB_MUJUN_MAX_GROUPS + g) * PB_MUJUN_MAX_IND + s;
			block_sums(len, eg, (int)g, pts, fl, &e->bsum[at], &e->bcnt[at]);
		}
	}
}

/* Σ points over every slot in slot order (those beyond the group's are 0); NaN when a
 * slot is missing and not imputed. */
static double total_of(const eval *e, size_t i)
{
	const pb_mujun_result *r = e->r;
	double t = 0;
	int incomplete = 0;
	for (size_t s = 0; s < e->nslot; s++) {
		t += r->points[s * e->n + i];
		incomplete |= (r->flags[s * e->n + i] & (PB_MF_MISSING | PB_MF_IMPUTED)) == PB_MF_MISSING;
	}
	return incomplete ? NAN : t;
}

/* total_of for a block, slot by slot; the sums and the incompleteness apart, for each
 * loop to have one width and vectorise. */
static inline __attribute__((always_inline)) void block_totals(const eval *e, size_t i0,
							      size_t len, double *restrict tot,
							      uint8_t *restrict inc)
{
	const pb_mujun_result *r = e->r;
	memset(tot, 0, len * sizeof(*tot));
	memset(inc, 0, len);
	for (size_t s = 0; s < e->nslot; s++) {
		const double *pts = r->points + s * e->n + i0;
		for (size_t j = 0; j < len; j++)
			tot[j] += pts[j];
	}
	uint8_t any = 0;
	for (size_t s = 0; s < e->nslot; s++) {
		const uint8_t *fl = r->flags + s * e->n + i0;
		for (size_t j = 0; j < len; j++)
			inc[j] |= (fl[j] & (PB_MF_MISSING | PB_MF_IMPUTED)) == PB_MF_MISSING;
	}
	for (size_t j = 0; j < len; j++)
		any |= inc[j];
	for (size_t j = 0; j < len && any; j++)
		tot[j] = inc[j] ? NAN : tot[j];
}

static void note_total(part *p, double t)
{
	p->tmin = t < p->tmin ? t : p->tmin;
	p->tmax = t > p->tmax ? t : p->tmax;
}

/* Total and status of enterprises [i0, i1). cls holds the status until the classes
 * phase: NONE, INCOMPLETE, T, or PB_MC_COUNT for one to be classed. Those not ranked
 * get their ranks (0) and adjust here. */
static inline __attribute__((always_inline)) void settle(eval *e, size_t i0, size_t len, part *p)
{
	pb_mujun_result *r = e->r;
	block_totals(e, i0, len, r->total + i0, p->sf);
	for (size_t i = i0; i < i0 + len; i++) {
		int g = e->eg[i];
		r->adjust[i] = 0;
		uint8_t st = g < 0 ? PB_MC_NONE : isnan(r->total[i]) ? PB_MC_INCOMPLETE
			   : r->rules[i] & e->m_unsuited ? PB_MC_T : PB_MC_COUNT;
		r->cls[i] = r->cls_score[i] = st;
		if (st == PB_MC_NONE || st == PB_MC_INCOMPLETE) {
			r->total[i] = NAN;
			r->rank_zone[i] = r->rank_sector[i] = r->rank_park[i] = 0;
			if (r->group[i] >= 0)
				p->count[r->group[i]][st]++;
			continue;
		}
		p->ranked++;
		p->nranked[g]++;
		p->nclassed[g] += st == PB_MC_COUNT;
		if (!e->has_ga)
			note_total(p, r->total[i]);
	}
}

/* Block b, of len enterprises: inlined twice, for the vectoriser to see BLOCK. */
static inline __attribute__((always_inline)) void score_block(eval *e, part *p, size_t b,
							      size_t len)
{
	size_t i0 = b * BLOCK, fewest = assign(e, i0, i0 + len, p);
	for (size_t s = 0; s < e->nslot; s++)
		score_slot(e, p, b, s, i0, len, s < fewest);
	settle(e, i0, len, p);
}

static void phase_score(eval *e, int t)
{
	part *p = &e->pt[t];
	for (size_t b = p->b0; b < p->b1; b++) {
		size_t len = e->n - b * BLOCK;
		if (len >= BLOCK)
			score_block(e, p, b, BLOCK);
		else
			score_block(e, p, b, len);
	}
}

/* The group averages, block by block in order: the same sums for any thread count. */
static void group_means(eval *e)
{
	for (size_t g = 0; g < e->s->ngroups; g++) {
		for (size_t s = 0; s < e->s->group[g].nind; s++) {
			if (!e->par[g][s].ga)
				continue;
			double sum = 0;
			int64_t cnt = 0;
			for (size_t b = 0; b < e->nblocks; b++) {
				size_t at = (b * PB_MUJUN_MAX_GROUPS + g) * PB_MUJUN_MAX_IND + s;
				sum += e->bsum[at];
				cnt += e->bcnt[at];
			}
			/* nobody in the group has the value: nothing to average, 0 points */
			e->mean[g][s] = cnt ? sum / (double)cnt : 0;
		}
	}
}

/* Give GROUP_AVERAGE slots their points and total the enterprises again. */
static void phase_impute(eval *e, int t)
{
	part *p = &e->pt[t];
	pb_mujun_result *r = e->r;
	size_t n = e->n, i0 = p->b0 * BLOCK, i1 = p->b1 * BLOCK < n ? p->b1 * BLOCK : n;
	for (size_t i = i0; i < i1; i++) {
		int g = e->eg[i], changed = 0;
		if (g < 0)
			continue;
		for (size_t s = 0; s < e->s->group[g].nind; s++) {
			if (e->par[g][s].ga && (r->flags[s * n + i] & PB_MF_MISSING)) {
				r->points[s * n + i] = e->mean[g][s];
				changed = 1;
			}
		}
		if (changed && r->cls[i] != PB_MC_INCOMPLETE)
			r->total[i] = total_of(e, i);
		if (r->cls[i] == PB_MC_T || r->cls[i] == PB_MC_COUNT)
			note_total(p, r->total[i]);
	}
}

/* ---- keys and the sort ------------------------------------------------------------ */

/* An item: key (group, then quantised total descending) above the T bit and the index. */
#define ITEM_T ((uint64_t)1 << 31)

static uint32_t idx_of(uint64_t item)
{
	return (uint32_t)item & (uint32_t)(ITEM_T - 1);
}

static int ranked_status(uint8_t st)
{
	return st == PB_MC_T || st == PB_MC_COUNT;
}

static void phase_keys(eval *e, int t)
{
	part *p = &e->pt[t];
	const pb_mujun_result *r = e->r;
	size_t i0 = p->b0 * BLOCK, i1 = p->b1 * BLOCK < e->n ? p->b1 * BLOCK : e->n;
	uint64_t *out = e->item + p->off;
	const uint32_t qmax = (1u << QBITS) - 1;
	for (size_t i = i0; i < i1; i++) {
		if (!ranked_status(r->cls[i]))
			continue;
		/* (tmax - t) × scale is monotone in t: equal totals get equal keys, and a
		 * higher total never a larger one */
		double q = e->scale > 0 ? (e->tmax - r->total[i]) * e->scale : 0;
		uint32_t key = (uint32_t)e->eg[i] << QBITS | (q < qmax ? (uint32_t)q : qmax);
		*out++ = (uint64_t)key << 32 | (r->cls[i] == PB_MC_T ? ITEM_T : 0) | i;
	}
	assert(out == e->item + p->off + p->ranked);
}

static unsigned digit_of(uint64_t item, int d)
{
	return (unsigned)(item >> (32 + RADIX_BITS * d)) & (RADIX - 1);
}

static void phase_hist(eval *e, int t)
{
	part *p = &e->pt[t];
	memset(p->hist, 0, sizeof(p->hist));
	for (size_t q = p->p0; q < p->p1; q++)
		p->hist[digit_of(e->item[q], e->digit)]++;
}

static void phase_scatter(eval *e, int t)
{
	part *p = &e->pt[t];
	for (size_t q = p->p0; q < p->p1; q++) {
		uint64_t it = e->item[q];
		e->tmp[p->dst[digit_of(it, e->digit)]++] = it;
	}
}

/* Where each thread's items of each digit value go; 0 when one value holds all. */
static int offsets(eval *e)
{
	size_t at = 0;
	for (unsigned v = 0; v < RADIX; v++) {
		size_t here = 0;
		for (int t = 0; t < e->nt; t++) {
			e->pt[t].dst[v] = at;
			at += e->pt[t].hist[v];
			here += e->pt[t].hist[v];
		}
		if (here == e->m)
			return 0;
	}
	assert(at == e->m);
	return 1;
}

static void radix_sort(eval *e)
{
	for (int d = 0; d * RADIX_BITS < 32; d++) {
		e->digit = d;
		run(e, phase_hist);
		if (!offsets(e))
			continue; /* the same digit everywhere: the pass would move nothing */
		run(e, phase_scatter);
		uint64_t *x = e->item;
		e->item = e->tmp;
		e->tmp = x;
	}
}

/* ---- exact order within equal keys ------------------------------------------------ */

typedef struct tot_item {
	double t;
	uint64_t item;
} tot_item;

/* Higher total first; equal totals in index order. */
static int before(double ta, uint64_t a, double tb, uint64_t b)
{
	return ta > tb || (ta == tb && idx_of(a) < idx_of(b));
}

static int cmp_tot_item(const void *a, const void *b)
{
	const tot_item *x = a, *y = b;
	return before(x->t, x->item, y->t, y->item) ? -1 : before(y->t, y->item, x->t, x->item);
}

/* Sort item[a, b) (equal keys) by exact total: nothing to do when already in order
 * (equal totals, the usual case), insertion when short, else qsort on a copy.
 * Returns 0 or -1 (memory). */
static int sort_run(eval *e, size_t a, size_t b)
{
	const double *tot = e->r->total;
	uint64_t *it = e->item;
	int sorted = 1;
	for (size_t q = a + 1; q < b && sorted; q++)
		sorted = !before(tot[idx_of(it[q])], it[q], tot[idx_of(it[q - 1])], it[q - 1]);
	if (sorted)
		return 0;
	if (b - a <= SHORT_RUN) {
		for (size_t q = a + 1; q < b; q++) {
			uint64_t x = it[q];
			size_t k = q;
			for (; k > a && before(tot[idx_of(x)], x, tot[idx_of(it[k - 1])], it[k - 1]); k--)
				it[k] = it[k - 1];
			it[k] = x;
		}
		return 0;
	}
	tot_item *v = malloc((b - a) * sizeof(*v));
	if (!v)
		return -1;
	for (size_t q = a; q < b; q++)
		v[q - a] = (tot_item){ tot[idx_of(it[q])], it[q] };
	qsort(v, b - a, sizeof(*v), cmp_tot_item);
	for (size_t q = a; q < b; q++)
		it[q] = v[q - a].item;
	free(v);
	return 0;
}

static int same_key(const uint64_t *it, size_t a, size_t b)
{
	return (it[a] >> 32) == (it[b] >> 32);
}

/* The walks' buckets of positions [a, b): sector and park, read where each enterprise
 * is. The reads are scattered, so each is asked for some positions ahead, and they
 * overlap instead of waiting one by one. */
static void gather_buckets(eval *e, size_t a, size_t b)
{
	const pb_mujun_input *in = e->in;
	const uint64_t *it = e->item;
	uint32_t nsec = (uint32_t)in->nsector, npark = (uint32_t)in->npark;
	for (size_t x = a; x < b; x++) {
		if (x + AHEAD < b) {
			uint32_t k = idx_of(it[x + AHEAD]);
			if (in->sector)
				__builtin_prefetch(&in->sector[k]);
			if (in->park)
				__builtin_prefetch(&in->park[k]);
		}
		uint32_t i = idx_of(it[x]);
		uint32_t sec = in->sector ? in->sector[i] : UINT32_MAX;
		uint32_t park = in->park ? in->park[i] : UINT32_MAX;
		e->bsec[x] = sec == UINT32_MAX ? nsec : sec;
		e->bpark[x] = park == UINT32_MAX ? npark : park;
	}
}

/* The runs of equal keys that start in [p0, p1) sorted exactly; for the positions they
 * cover, tie[q] (the first position with q's total: equal totals are adjacent, and
 * only within a run of equal keys) and the walks' buckets. */
static void phase_exact(eval *e, int t)
{
	part *p = &e->pt[t];
	const double *tot = e->r->total;
	const uint64_t *it = e->item;
	size_t m = e->m, q = p->p0 < m ? p->p0 : m, end = p->p1 < m ? p->p1 : m;
	while (q > 0 && q < m && same_key(it, q, q - 1))
		q++; /* that run belongs to the thread where it starts */
	size_t start = q;
	while (q < end) {
		size_t b = q + 1;
		while (b < m && same_key(it, b, q))
			b++;
		if (b - q > 1 && sort_run(e, q, b))
			p->failed = 1;
		e->tie[q] = (uint32_t)q;
		for (size_t x = q + 1; x < b; x++)
			e->tie[x] = tot[idx_of(it[x])] == tot[idx_of(it[x - 1])] ? e->tie[x - 1] : (uint32_t)x;
		q = b;
	}
	gather_buckets(e, start, q);
}

/* ---- ranks and classes -------------------------------------------------------------- */

/* The class by rank of a group classed by quota. */
static pb_mujun_class class_by_rank(const eval *e, int g, int64_t rank)
{
	for (int k = 0; k < 3; k++)
		if (rank <= e->cum[g][k])
			return (pb_mujun_class)k;
	return PB_MC_D;
}

static pb_mujun_class class_by_total(const pb_mujun_classing *c, double total)
{
	for (int k = 0; k < 3; k++)
		if (total >= c->min[k])
			return (pb_mujun_class)k;
	return PB_MC_D;
}

/* Whether group g's classes by rank need walk_classed: quota, and T ones among the
 * ranked (without them the rank among the classed is the zone rank). */
static int walked(const eval *e, size_t g)
{
	return e->s->group[g].classing.method == PB_MCM_QUOTA && e->nclassed[g] < e->nranked[g];
}

/*
 * The rank among the classed of the walked groups (T ones skipped: quotas count the
 * classed), and from it cls[q], the class by rank. Ties share the better rank: a
 * position's is one more than the classed before its tie's first.
 */
static void walk_classed(eval *e)
{
	for (size_t g = 0; g < e->s->ngroups; g++) {
		if (!walked(e, g))
			continue;
		int64_t classed = 0, before_tie = 0;
		for (size_t q = e->gstart[g]; q < e->gstart[g + 1]; q++) {
			if (e->tie[q] == q)
				before_tie = classed;
			if (e->item[q] & ITEM_T)
				continue;
			classed++;
			e->cls[q] = (uint8_t)class_by_rank(e, (int)g, before_tie + 1);
		}
	}
}

typedef struct bucket {
	uint32_t seen, rank, tie;
} bucket;

/* The ranks within each (group, bucket): b[q] holds position q's bucket (< nb) and is
 * overwritten with its rank. Returns 0 or -1 (memory). */
static int walk_buckets(eval *e, uint32_t *b, size_t nb)
{
	bucket *tab = malloc(nb * sizeof(*tab));
	if (!tab)
		return -1;
	for (size_t g = 0; g < e->s->ngroups; g++) {
		memset(tab, 0, nb * sizeof(*tab));
		for (size_t q = e->gstart[g]; q < e->gstart[g + 1]; q++) {
			assert(b[q] < nb);
			bucket *u = &tab[b[q]];
			u->rank = u->seen > 0 && e->tie[q] == u->tie ? u->rank : u->seen + 1;
			u->seen++;
			u->tie = e->tie[q];
			b[q] = u->rank;
		}
	}
	free(tab);
	return 0;
}

static void phase_walks(eval *e, int t)
{
	/* three walks; thread t takes those ≡ t mod nt */
	for (int w = t; w < 3; w += e->nt) {
		if (w == 0)
			walk_classed(e);
		else if (w == 1 && walk_buckets(e, e->bsec, e->in->nsector + 1))
			e->pt[t].failed = 1;
		else if (w == 2 && walk_buckets(e, e->bpark, e->in->npark + 1))
			e->pt[t].failed = 1;
	}
}

/* The class by rank of position q of group g, zone its zone rank: PB_MC_T for T, and
 * PB_MC_COUNT in a group classed by thresholds (the total decides, in index order). */
static uint8_t class_at(const eval *e, size_t g, size_t q, uint32_t zone)
{
	if (e->item[q] & ITEM_T)
		return PB_MC_T;
	if (e->s->group[g].classing.method != PB_MCM_QUOTA)
		return PB_MC_COUNT;
	return walked(e, g) ? e->cls[q] : (uint8_t)class_by_rank(e, (int)g, zone);
}

/* Each position's ranks and class by rank to its enterprise (scattered writes; the
 * rest is done in index order). */
static void phase_back(eval *e, int t)
{
	const part *p = &e->pt[t];
	pb_mujun_result *r = e->r;
	for (size_t g = 0; g < e->s->ngroups; g++) {
		size_t a = e->gstart[g] > p->p0 ? e->gstart[g] : p->p0;
		size_t b = e->gstart[g + 1] < p->p1 ? e->gstart[g + 1] : p->p1;
		for (size_t q = a; q < b; q++) {
			if (q + AHEAD < b) {
				uint32_t k = idx_of(e->item[q + AHEAD]);
				__builtin_prefetch(&r->rank_zone[k], 1);
				__builtin_prefetch(&r->rank_sector[k], 1);
				__builtin_prefetch(&r->rank_park[k], 1);
				__builtin_prefetch(&r->cls_score[k], 1);
			}
			uint32_t i = idx_of(e->item[q]);
			/* the zone rank: the tie's first position, counted from the group's */
			uint32_t zone = e->tie[q] - (uint32_t)e->gstart[g] + 1;
			r->rank_zone[i] = zone;
			r->rank_sector[i] = e->bsec[q];
			r->rank_park[i] = e->bpark[q];
			r->cls_score[i] = class_at(e, g, q, zone);
		}
	}
}

/* The rules in their order: FORCE_D, BAR_AB, then NO_D unless one of those applies. */
static pb_mujun_class apply_rules(const eval *e, pb_mujun_class c, uint32_t rules, uint8_t *adj)
{
	if (rules & e->m_force) {
		*adj |= c != PB_MC_D ? PB_MA_FORCE_D : 0;
		return PB_MC_D;
	}
	if (rules & e->m_bar) {
		*adj |= c < PB_MC_C ? PB_MA_BAR_AB : 0;
		return c < PB_MC_C ? PB_MC_C : c;
	}
	if ((rules & e->m_nod) && c == PB_MC_D) {
		*adj |= PB_MA_PROTECTED;
		return PB_MC_C;
	}
	return c;
}

/* In index order: the class by score of groups classed by thresholds, the rules, the
 * counts. */
static void phase_classes(eval *e, int t)
{
	part *p = &e->pt[t];
	pb_mujun_result *r = e->r;
	size_t i0 = p->b0 * BLOCK, i1 = p->b1 * BLOCK < e->n ? p->b1 * BLOCK : e->n;
	for (size_t i = i0; i < i1; i++) {
		if (!ranked_status(r->cls[i]))
			continue;
		int g = e->eg[i];
		pb_mujun_class c = r->cls_score[i] == PB_MC_COUNT
					   ? class_by_total(&e->s->group[g].classing, r->total[i])
					   : (pb_mujun_class)r->cls_score[i];
		r->cls_score[i] = (uint8_t)c;
		if (c != PB_MC_T)
			c = apply_rules(e, c, r->rules[i], &r->adjust[i]);
		r->cls[i] = (uint8_t)c;
		p->count[g][c]++;
	}
}

/* ---- the whole -------------------------------------------------------------------- */

static int64_t round_half_up(double x)
{
	/* the shares are decimals: n × 12.5 / 100 may come out a hair under its half */
	return (int64_t)floor(x + 0.5 + 1e-9);
}

static void prepare(eval *e)
{
	const pb_mujun_scheme *s = e->s;
	e->rule_mask = s->nrules >= 32 ? UINT32_MAX : (1u << s->nrules) - 1;
	for (size_t k = 0; k < s->nrules; k++) {
		uint32_t bit = 1u << k;
		pb_mujun_effect f = s->rule[k].effect;
		e->m_force |= f == PB_ME_FORCE_D ? bit : 0;
		e->m_bar |= f == PB_ME_BAR_AB ? bit : 0;
		e->m_nod |= f == PB_ME_NO_D ? bit : 0;
		e->m_unsuited |= f == PB_ME_UNSUITED ? bit : 0;
		e->m_exclude |= f == PB_ME_EXCLUDE ? bit : 0;
	}
	for (size_t g = 0; g < s->ngroups; g++) {
		const pb_mujun_group *gr = &s->group[g];
		e->nslot = gr->nind > e->nslot ? gr->nind : e->nslot;
		for (size_t k = 0; k < gr->nind; k++) {
			const pb_mujun_indicator *d = &gr->ind[k];
			slot_par *sp = &e->par[g][k];
			double w = d->weight / d->baseline;
			int miss = PB_MF_MISSING | (d->on_missing != PB_MISS_INCOMPLETE ? PB_MF_IMPUTED : 0);
			*sp = (slot_par){ d->num, d->den, d->factor, d->lower_better ? -w : w,
					  d->lower_better ? 2 * d->weight : 0, d->cap, d->floor, miss,
					  d->on_missing == PB_MISS_GROUP_AVERAGE };
			e->has_ga |= sp->ga;
		}
	}
	for (size_t k = 0; k < e->nslot; k++) {
		e->first[k] = -1;
		for (size_t g = 0; g < s->ngroups && e->first[k] < 0; g++)
			if (k < s->group[g].nind)
				e->first[k] = (int)g;
		assert(e->first[k] >= 0);
	}
	for (size_t b = 0; b < BLOCK; b++) {
		e->nan_block[b] = NAN;
		e->one_block[b] = 1;
	}
}

/*
 * Large arrays go on transparent huge pages where the kernel offers them: the first
 * touch of fresh memory costs a page fault per 4 KiB page, which for the ~130 MB of a
 * million enterprises' result took longer than the evaluation (0.3 ms per MB on two
 * threads, measured; in 2 MiB pages a fifth of that). Every array is written in full
 * by the phases, so none needs zeroing.
 */
#define HUGE_PAGE ((size_t)2 << 20)

static void *big_alloc(size_t size)
{
	if (size < HUGE_PAGE)
		return malloc(size ? size : 1);
	void *p;
	if (posix_memalign(&p, HUGE_PAGE, size))
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, size & ~(HUGE_PAGE - 1), MADV_HUGEPAGE); /* a hint: failing is fine */
#endif
	return p;
}

static int alloc_result(pb_mujun_result *r, size_t n, size_t nslot)
{
	size_t slots = nslot * n;
	r->group = big_alloc(n);
	r->cls = big_alloc(n);
	r->cls_score = big_alloc(n);
	r->adjust = big_alloc(n);
	r->rules = big_alloc(n * sizeof(*r->rules));
	r->total = big_alloc(n * sizeof(*r->total));
	r->value = big_alloc(slots * sizeof(*r->value));
	r->points = big_alloc(slots * sizeof(*r->points));
	r->flags = big_alloc(slots);
	r->rank_zone = big_alloc(n * sizeof(*r->rank_zone));
	r->rank_sector = big_alloc(n * sizeof(*r->rank_sector));
	r->rank_park = big_alloc(n * sizeof(*r->rank_park));
	return r->group && r->cls && r->cls_score && r->adjust && r->rules && r->total && r->value &&
	       r->points && r->flags && r->rank_zone && r->rank_sector && r->rank_park ? 0 : -1;
}

static int threads_for(int threads, size_t nblocks)
{
	int nt = threads;
	if (nt <= 0) {
		long np = sysconf(_SC_NPROCESSORS_ONLN);
		nt = np > 0 ? (int)np : 1;
	}
	nt = nt > MAX_THREADS ? MAX_THREADS : nt;
	return (size_t)nt > nblocks ? (int)nblocks : nt;
}

static void share_out(eval *e)
{
	for (int t = 0; t < e->nt; t++) {
		part *p = &e->pt[t];
		p->b0 = e->nblocks * (size_t)t / (size_t)e->nt;
		p->b1 = e->nblocks * (size_t)(t + 1) / (size_t)e->nt;
		p->bad = SIZE_MAX;
		p->tmin = INFINITY;
		p->tmax = -INFINITY;
	}
}

/* The quota's cumulative counts of each group with n classed enterprises. */
static void quota_counts(eval *e, const int64_t *nclassed)
{
	for (size_t g = 0; g < e->s->ngroups; g++) {
		const double *share = e->s->group[g].classing.share;
		double cum = 0;
		for (int k = 0; k < 4; k++) {
			cum += share[k];
			e->cum[g][k] = round_half_up((double)nclassed[g] * cum / 100);
		}
		e->cum[g][3] = nclassed[g]; /* all of them, whatever the rounding */
	}
}

/* Sum up the threads' findings: where their items go, the totals' range, the groups'
 * places in the sorted order, the quota counts; and share the positions out. */
static void plan_sort(eval *e)
{
	double tmin = INFINITY, tmax = -INFINITY;
	int64_t *nranked = e->nranked, *nclassed = e->nclassed;
	e->m = 0;
	for (int t = 0; t < e->nt; t++) {
		part *p = &e->pt[t];
		p->off = e->m;
		e->m += p->ranked;
		tmin = p->tmin < tmin ? p->tmin : tmin;
		tmax = p->tmax > tmax ? p->tmax : tmax;
		for (size_t g = 0; g < e->s->ngroups; g++) {
			nranked[g] += p->nranked[g];
			nclassed[g] += p->nclassed[g];
		}
	}
	for (size_t g = 0; g < e->s->ngroups; g++)
		e->gstart[g + 1] = e->gstart[g] + (size_t)nranked[g];
	assert(e->gstart[e->s->ngroups] == e->m);
	double range = tmax - tmin;
	e->tmax = tmax;
	e->scale = range > 0 && isfinite(range) ? (double)((1u << QBITS) - 1) / range : 0;
	quota_counts(e, nclassed);
	for (int t = 0; t < e->nt; t++) {
		part *p = &e->pt[t];
		p->p0 = e->m * (size_t)t / (size_t)e->nt;
		p->p1 = e->m * (size_t)(t + 1) / (size_t)e->nt;
	}
}

static int any_failed(const eval *e)
{
	int f = 0;
	for (int t = 0; t < e->nt; t++)
		f |= e->pt[t].failed;
	return f;
}

static int any_bad(const eval *e, size_t *first)
{
	*first = SIZE_MAX;
	for (int t = 0; t < e->nt; t++)
		*first = e->pt[t].bad < *first ? e->pt[t].bad : *first;
	return *first != SIZE_MAX;
}

static int alloc_sort(eval *e)
{
	size_t m = e->m;
	e->item = big_alloc(m * sizeof(*e->item));
	e->tmp = big_alloc(m * sizeof(*e->tmp));
	e->bsec = big_alloc(m * sizeof(*e->bsec));
	e->bpark = big_alloc(m * sizeof(*e->bpark));
	e->cls = big_alloc(m);
	return e->item && e->tmp && e->bsec && e->bpark && e->cls ? 0 : -1;
}

static void eval_free(eval *e)
{
	free(e->bsum);
	free(e->bcnt);
	free(e->eg);
	free(e->item);
	free(e->tmp);
	free(e->bsec);
	free(e->bpark);
	free(e->cls);
	free(e);
}

static int oom(eval *e)
{
	eval_free(e);
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* Rank and class the ranked enterprises: keys, sort, exact order, walks, classes. */
static int rank_and_class(eval *e)
{
	if (alloc_sort(e))
		return -1;
	run(e, phase_keys);
	radix_sort(e);
	e->tie = (uint32_t *)e->tmp; /* the sort's other buffer is free now */
	run(e, phase_exact);
	if (any_failed(e))
		return -1;
	run(e, phase_walks);
	if (any_failed(e))
		return -1;
	run(e, phase_back);
	run(e, phase_classes);
	for (int t = 0; t < e->nt; t++)
		for (size_t g = 0; g < e->s->ngroups; g++)
			for (int c = 0; c < PB_MC_COUNT; c++)
				e->r->count[g][c] += e->pt[t].count[g][c];
	for (size_t g = 0; g < e->s->ngroups; g++)
		for (int c = PB_MC_A; c <= PB_MC_T; c++)
			e->r->ranked[g] += e->r->count[g][c];
	return 0;
}

int pb_mujun_evaluate(pb_mujun_result *out, const pb_mujun_scheme *s, const pb_mujun_input *in,
		      int threads)
{
	memset(out, 0, sizeof(*out));
	int rc = pb_mujun_scheme_check(s);
	if (rc)
		return rc;
	/* indexes are 31 bits in the sort, and UINT32_MAX means no park or sector */
	if (in->n >= ITEM_T || in->npark >= UINT32_MAX || in->nsector >= UINT32_MAX)
		return pb_error_set(PB_EINVAL, "企业、园区或行业过多 / too many enterprises, parks or "
					       "sectors");
	out->n = in->n;
	if (in->n == 0)
		return 0;
	eval *e = aligned_alloc(_Alignof(eval), sizeof(eval)); /* sizeof is a multiple of it */
	if (!e)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	memset(e, 0, sizeof(*e));
	e->s = s;
	e->in = in;
	e->r = out;
	e->n = in->n;
	e->nblocks = (in->n + BLOCK - 1) / BLOCK;
	e->nt = threads_for(threads, e->nblocks);
	prepare(e);
	size_t nsum = e->nblocks * PB_MUJUN_MAX_GROUPS * PB_MUJUN_MAX_IND;
	e->eg = big_alloc(e->n);
	e->bsum = e->has_ga ? calloc(nsum, sizeof(*e->bsum)) : NULL;
	e->bcnt = e->has_ga ? calloc(nsum, sizeof(*e->bcnt)) : NULL;
	if (!e->eg || (e->has_ga && (!e->bsum || !e->bcnt)) || alloc_result(out, e->n, e->nslot))
		return oom(e);
	share_out(e);
	run(e, phase_score);
	size_t bad;
	if (any_bad(e, &bad)) {
		eval_free(e);
		return pb_error_set(PB_EINVAL,
				    "第%zu家企业的园区或行业序号超出范围 / enterprise %zu: park or sector "
				    "index out of range",
				    bad, bad);
	}
	if (e->has_ga) {
		group_means(e);
		run(e, phase_impute);
	}
	plan_sort(e);
	if (rank_and_class(e))
		return oom(e);
	eval_free(e);
	return 0;
}

void pb_mujun_result_free(pb_mujun_result *r)
{
	if (!r)
		return;
	free(r->group);
	free(r->cls);
	free(r->cls_score);
	free(r->adjust);
	free(r->rules);
	free(r->total);
	free(r->value);
	free(r->points);
	free(r->flags);
	free(r->rank_zone);
	free(r->rank_sector);
	free(r->rank_park);
	memset(r, 0, sizeof(*r));
}

int pb_mujun_changes(size_t **idx, size_t *n, const pb_mujun_result *base,
		     const pb_mujun_result *other)
{
	*idx = NULL;
	*n = 0;
	if (base->n != other->n)
		return pb_error_set(PB_EINVAL, "两次评价的企业数不同（%zu 与 %zu） / the evaluations have "
					       "different enterprise counts (%zu and %zu)",
				    base->n, other->n, base->n, other->n);
	size_t k = 0;
	for (size_t i = 0; i < base->n; i++)
		k += base->cls[i] != other->cls[i];
	if (k == 0)
		return 0;
	size_t *v = malloc(k * sizeof(*v));
	if (!v)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0, j = 0; i < base->n; i++)
		if (base->cls[i] != other->cls[i])
			v[j++] = i;
	*idx = v;
	*n = k;
	return 0;
}
