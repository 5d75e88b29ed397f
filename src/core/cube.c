/*
 * cube.c - building and reading the cube; see cube.h for the layout and invariants.
 *
 * Building is two steps. pb_cube_put() drops each raw figure into its cell of the
 * running-sum block (and a self-reported 上年同期 figure into the base block of its year,
 * allocated when the year's first one arrives). pb_cube_seal() then turns each block
 * into running sums in place, year by year from the last year back, so that while a
 * year is converted the year before it still holds the raw figures its bases need.
 * Metrics are independent, so they are sealed in parallel.
 */
#include "cube.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "industry.h"
#include "month.h"

#define ARENA_CHUNK (1u << 20)

/* What only building needs: strings the dictionaries are made of, the arena. */
typedef struct pb_cube_build {
	const char **sector, **park; /* per enterprise, arena strings or NULL */
	char (*division)[4];         /* per enterprise, "39" or "" */
	char **chunks;
	size_t nchunks, used, cap;
	int64_t last_id;
	pthread_mutex_t lock; /* allocations made while several threads put */
} pb_cube_build;

static const struct {
	const char *key, *name;
} groupings[PB_GROUPING_COUNT] = {
	[PB_G_SECTOR] = { "sector", "产业板块" },   [PB_G_DIVISION] = { "division", "行业大类" },
	[PB_G_PARK] = { "park", "园区" },           [PB_G_TIER] = { "tier", "企业层级" },
	[PB_G_SCALE] = { "scale", "规模" },         [PB_G_FLAG] = { "flag", "企业标签" },
};

static const char *const tier_groups[] = { "龙头", "骨干", "成长型", "规下", "未分层" };
static const char *const tier_codes[] = { "1", "2", "3", "4", "0" };
static const char *const scale_groups[] = { "规上", "规下" };
static const char *const scale_codes[] = { "1", "0" };
static const char *const flag_groups[PB_FLAG_COUNT] = {
	"高新技术企业", "专精特新", "专精特新“小巨人”", "制造业单项冠军", "科技型企业",
};
static const char *const flag_codes[PB_FLAG_COUNT] = {
	"high_tech", "specialized", "little_giant", "champion", "tech_sme",
};

const char *pb_grouping_key(pb_grouping g)
{
	return g >= 0 && g < PB_GROUPING_COUNT ? groupings[g].key : NULL;
}

const char *pb_grouping_name(pb_grouping g)
{
	return g >= 0 && g < PB_GROUPING_COUNT ? groupings[g].name : NULL;
}

int pb_grouping_parse(pb_grouping *g, const char *key)
{
	for (int i = 0; i < PB_GROUPING_COUNT; i++)
		if (key && strcmp(key, groupings[i].key) == 0) {
			*g = (pb_grouping)i;
			return 0;
		}
	return pb_error_set(PB_EINVAL, "未知的分组「%s」（可用 sector division park tier scale "
			    "flag）/ unknown grouping \"%s\" (use sector division park tier scale flag)",
			    key ? key : "", key ? key : "");
}

/* ---- memory -------------------------------------------------------------------- */

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足，无法建立数据立方 / out of memory building the cube");
}

static char *arena_strdup(pb_cube_build *b, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	if (b->nchunks == 0 || b->used + n > ARENA_CHUNK) {
		if (b->nchunks == b->cap) {
			size_t cap = b->cap ? b->cap * 2 : 16;
			char **nc = realloc(b->chunks, cap * sizeof(*nc));
			if (!nc)
				return NULL;
			b->chunks = nc;
			b->cap = cap;
		}
		char *chunk = malloc(n > ARENA_CHUNK ? n : ARENA_CHUNK);
		if (!chunk)
			return NULL;
		b->chunks[b->nchunks++] = chunk;
		b->used = 0;
	}
	char *p = b->chunks[b->nchunks - 1] + b->used;
	memcpy(p, s, n);
	b->used += n;
	return p;
}

static int years_of(const pb_cube *c)
{
	return c->nmonths / 12;
}

int pb_cube_new(pb_cube **out, size_t nent, int first_month, int last_month)
{
	*out = NULL;
	if (!pb_month_valid(first_month) || !pb_month_valid(last_month) || last_month < first_month)
		return pb_error_set(PB_EINVAL, "月份范围无效 / invalid month range %d..%d", first_month,
				    last_month);
	if (nent > UINT32_MAX)
		return pb_error_set(PB_EINVAL, "企业过多 / too many enterprises");
	pb_cube *c = calloc(1, sizeof(*c));
	if (!c || !(c->b = calloc(1, sizeof(*c->b))))
		goto fail;
	pthread_mutex_init(&c->b->lock, NULL);
	c->nent = nent;
	c->first_month = first_month / 100 * 100 + 1;
	c->nmonths = (last_month / 100 - first_month / 100 + 1) * 12;
	c->words = (nent + 63) / 64;
	size_t n = nent ? nent : 1, cells = (size_t)c->nmonths * n, bits = (size_t)c->nmonths * c->words;
	c->ent = calloc(n, sizeof(*c->ent));
	c->b->sector = calloc(n, sizeof(*c->b->sector));
	c->b->park = calloc(n, sizeof(*c->b->park));
	c->b->division = calloc(n, sizeof(*c->b->division));
	if (!c->ent || !c->b->sector || !c->b->park || !c->b->division)
		goto fail;
	c->b->last_id = INT64_MIN;
	for (int g = 0; g < PB_G_FLAG; g++)
		if (!(c->group[g] = calloc(n, sizeof(uint16_t))))
			goto fail;
	int years = years_of(c);
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		/* calloc of a large block maps zero pages lazily: memory is only spent as
		 * columns are written */
		c->cum[k] = calloc(cells, sizeof(double));
		c->rep[k] = calloc(bits ? bits : 1, sizeof(uint64_t));
		c->base[k] = calloc(bits ? bits : 1, sizeof(uint64_t));
		c->any[k] = calloc(bits ? bits : 1, sizeof(uint64_t));
		c->csam[k] = calloc(bits ? bits : 1, sizeof(uint64_t));
		c->bcum[k] = calloc((size_t)years, sizeof(double *));
		c->self[k] = calloc((size_t)years, sizeof(uint64_t *));
		c->gap[k] = calloc((size_t)c->nmonths, sizeof(pb_cube_gap *));
		c->ngap[k] = calloc((size_t)c->nmonths, sizeof(size_t));
		if (!c->cum[k] || !c->rep[k] || !c->base[k] || !c->any[k] || !c->csam[k] ||
		    !c->bcum[k] || !c->self[k] || !c->gap[k] || !c->ngap[k])
			goto fail;
	}
	*out = c;
	return 0;
fail:
	pb_cube_free(c);
	return oom();
}

static void free_build(pb_cube_build *b)
{
	if (!b)
		return;
	pthread_mutex_destroy(&b->lock);
	free(b->sector);
	free(b->park);
	free(b->division);
	free(b);
}

void pb_cube_free(pb_cube *c)
{
	if (!c)
		return;
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		free(c->cum[k]);
		free(c->rep[k]);
		free(c->base[k]);
		free(c->any[k]);
		free(c->csam[k]);
		for (int y = 0; c->bcum[k] && y < years_of(c); y++) {
			free(c->bcum[k][y]);
			free(c->self[k][y]);
		}
		free(c->bcum[k]);
		free(c->self[k]);
		for (int t = 0; c->gap[k] && t < c->nmonths; t++)
			free(c->gap[k][t]);
		free(c->gap[k]);
		free(c->ngap[k]);
	}
	for (int g = 0; g < PB_GROUPING_COUNT; g++) {
		if (g < PB_G_FLAG)
			free(c->group[g]);
		free(c->group_name[g]);
		free(c->group_code[g]);
	}
	free(c->filed);
	free(c->cell);
	free(c->cell_group);
	free(c->cell_flags);
	free(c->ent);
	free_build(c->b);
	/* the arena outlives building: the enterprises' and groups' strings live in it */
	if (c->arena) {
		for (size_t i = 0; i < c->narena; i++)
			free(c->arena[i]);
		free(c->arena);
	}
	free(c);
}

/* ---- putting figures in ------------------------------------------------------------ */

static inline void set_bit(uint64_t *bm, size_t words, int t, size_t e)
{
	bm[(size_t)t * words + e / 64] |= 1ULL << (e % 64);
}

int pb_cube_set_enterprise(pb_cube *c, size_t e, const pb_enterprise *ent, const char *park)
{
	pb_cube_build *b = c->b;
	if (!b || e >= c->nent)
		return pb_error_set(PB_EINVAL, "企业序号越界 / enterprise index out of range");
	if (ent->id <= b->last_id)
		return pb_error_set(PB_EINVAL, "企业须按编号升序加入 / enterprises must come in "
				    "ascending id order");
	b->last_id = ent->id;
	pb_cube_ent *ce = &c->ent[e];
	ce->id = ent->id;
	ce->uscc = arena_strdup(b, ent->uscc);
	ce->name = arena_strdup(b, ent->name);
	ce->tier = (int)(ent->tier >= PB_TIER_LEADING && ent->tier <= PB_TIER_BELOW ? ent->tier
										       : PB_TIER_NONE);
	ce->above_scale = ent->above_scale == 1;
	ce->flags = (ent->high_tech == 1 ? PB_FLAG_HIGH_TECH : 0) |
		    (ent->specialized == 1 ? PB_FLAG_SPECIALIZED : 0) |
		    (ent->little_giant == 1 ? PB_FLAG_LITTLE_GIANT : 0) |
		    (ent->champion == 1 ? PB_FLAG_CHAMPION : 0) |
		    (ent->tech_sme == 1 ? PB_FLAG_TECH_SME : 0);
	b->sector[e] = arena_strdup(b, ent->sector && *ent->sector ? ent->sector : NULL);
	b->park[e] = arena_strdup(b, park && *park ? park : NULL);
	b->division[e][0] = '\0';
	/* "C3922" -> "39": the division is the two digits after the section letter */
	if (ent->industry && strlen(ent->industry) >= 3 && ent->industry[1] >= '0' &&
	    ent->industry[1] <= '9' && ent->industry[2] >= '0' && ent->industry[2] <= '9') {
		b->division[e][0] = ent->industry[1];
		b->division[e][1] = ent->industry[2];
		b->division[e][2] = '\0';
	}
	if ((ent->uscc && !ce->uscc) || (ent->name && !ce->name) || (ent->sector && *ent->sector && !b->sector[e]) ||
	    (park && *park && !b->park[e]))
		return oom();
	return 0;
}

int pb_cube_col(const pb_cube *c, int yyyymm)
{
	if (!pb_month_valid(yyyymm))
		return -1;
	int t = (yyyymm / 100 - c->first_month / 100) * 12 + yyyymm % 100 - 1;
	return t >= 0 && t < c->nmonths ? t : -1;
}

int pb_cube_month(const pb_cube *c, int t)
{
	return pb_month_add(c->first_month, t);
}

/*
 * The base block of (metric, year), allocated when the year's first 上年同期 arrives.
 * Loaders put from several threads (distinct enterprise ranges), so the allocation is
 * made once under the lock, and published with release/acquire so that a thread that
 * sees the block also sees its self bitmap.
 */
static double *base_block(pb_cube *c, int k, int y)
{
	double *bb = __atomic_load_n(&c->bcum[k][y], __ATOMIC_ACQUIRE);
	if (bb)
		return bb;
	pthread_mutex_lock(&c->b->lock);
	bb = c->bcum[k][y];
	if (!bb) {
		uint64_t *self = calloc(12 * c->words + 1, sizeof(uint64_t));
		bb = self ? calloc(12 * (c->nent ? c->nent : 1), sizeof(double)) : NULL;
		if (bb) {
			c->self[k][y] = self;
			__atomic_store_n(&c->bcum[k][y], bb, __ATOMIC_RELEASE);
		} else {
			free(self);
		}
	}
	pthread_mutex_unlock(&c->b->lock);
	return bb;
}

/* The 报送日期 block, allocated with the first report that has one (as base_block). */
static uint8_t *filed_block(pb_cube *c)
{
	uint8_t *f = __atomic_load_n(&c->filed, __ATOMIC_ACQUIRE);
	if (f)
		return f;
	pthread_mutex_lock(&c->b->lock);
	if (!(f = c->filed) && (f = calloc((size_t)c->nmonths * c->nent, 1)))
		__atomic_store_n(&c->filed, f, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&c->b->lock);
	return f;
}

static int put_filed(pb_cube *c, size_t e, int t, int64_t submitted)
{
	uint8_t *filed = filed_block(c);
	if (!filed)
		return oom();
	int next = pb_month_add(pb_cube_month(c, t), 1);
	long days = pb_date_days((int)submitted) - pb_date_days(next * 100 + 1) + 1;
	/* 1 = the 1st of the next month; a filing inside the month itself also counts as 1 */
	filed[(size_t)t * c->nent + e] = (uint8_t)(days < 1 ? 1 : days > 255 ? 255 : days);
	return 0;
}

int pb_cube_put(pb_cube *c, size_t e, const pb_monthly *m)
{
	int t = pb_cube_col(c, (int)m->month);
	if (!c->b || e >= c->nent || t < 0)
		return pb_error_set(PB_EINVAL, "月度报表超出数据立方范围（%lld）/ report outside the "
				    "cube (%lld)", (long long)m->month, (long long)m->month);
	size_t cell = (size_t)t * c->nent + e;
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		if (!pb_is_missing(m->v[k])) {
			c->cum[k][cell] = m->v[k];
			set_bit(c->rep[k], c->words, t, e);
		}
		if (pb_is_missing(m->prev[k]))
			continue;
		double *bb = base_block(c, k, t / 12);
		if (!bb)
			return oom();
		bb[(size_t)(t % 12) * c->nent + e] = m->prev[k];
		set_bit(c->self[k][t / 12], c->words, t % 12, e);
	}
	if (m->submitted != PB_INT_MISSING && m->submitted > 0)
		return put_filed(c, e, t, m->submitted);
	return 0;
}

/* ---- sealing -------------------------------------------------------------------------- */

typedef struct gap_list {
	pb_cube_gap *items;
	size_t n, cap;
} gap_list;

static int gap_push(gap_list *l, uint32_t e, double v)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		pb_cube_gap *ni = realloc(l->items, cap * sizeof(*ni));
		if (!ni)
			return -1;
		l->items = ni;
		l->cap = cap;
	}
	l->items[l->n++] = (pb_cube_gap){ e, v };
	return 0;
}

/* Per-enterprise running state while one year of one metric is sealed. */
typedef struct seal_state {
	double *cur, *base, *gap;
	unsigned char *ok, *any;
} seal_state;

/*
 * Seal one year of metric k: raw figures -> running sums, and the bitmaps. The year
 * before still holds raw figures (years go last to first).
 */
static int seal_year(pb_cube *c, int k, int y, seal_state *s)
{
	const size_t E = c->nent, W = c->words;
	double *cum = c->cum[k];
	double *bb = c->bcum[k][y];
	const uint64_t *self = c->self[k][y];
	for (size_t e = 0; e < E; e++) {
		s->cur[e] = s->base[e] = s->gap[e] = 0;
		s->ok[e] = 1;
		s->any[e] = 0;
	}
	for (int m = 0; m < 12; m++) {
		int t = y * 12 + m;
		double *col = cum + (size_t)t * E;
		const double *last = t >= 12 ? cum + (size_t)(t - 12) * E : NULL;
		double *bcol = bb ? bb + (size_t)m * E : NULL;
		gap_list gl = { 0 };
		for (size_t e = 0; e < E; e++) {
			int r = pb_cube_bit(c->rep[k], W, t, e);
			int had = last && pb_cube_bit(c->rep[k], W, t - 12, e);
			int own = bb && pb_cube_bit(self, W, m, e);
			int hb = own || had;
			if (hb)
				set_bit(c->base[k], W, t, e);
			if (r) {
				s->cur[e] += col[e];
				s->any[e] = 1;
				if (hb)
					s->base[e] += own ? bcol[e] : last[e];
				else
					s->ok[e] = 0;
			} else if (!bb && had) {
				/* reported last year this month, not this year: the base of the
				 * cumulative, cum[t - 12], must not count that month */
				s->gap[e] += last[e];
			}
			col[e] = s->cur[e];
			if (bcol)
				bcol[e] = s->base[e];
			if (s->any[e])
				set_bit(c->any[k], W, t, e);
			if (s->any[e] && s->ok[e]) {
				set_bit(c->csam[k], W, t, e);
				if (!bb && s->gap[e] != 0 && gap_push(&gl, (uint32_t)e, s->gap[e])) {
					free(gl.items);
					return -1;
				}
			}
		}
		/* keep the list at its length: grown by doubling, it would hold up to twice
		 * what it needs (110 MB at 500,000 enterprises × 120 months) */
		if (gl.n && gl.n < gl.cap) {
			pb_cube_gap *fit = realloc(gl.items, gl.n * sizeof(*fit));
			if (fit)
				gl.items = fit;
		}
		c->gap[k][t] = gl.items;
		c->ngap[k][t] = gl.n;
	}
	return 0;
}

static int seal_metric(pb_cube *c, int k)
{
	size_t n = c->nent ? c->nent : 1;
	seal_state s = { malloc(n * sizeof(double)), malloc(n * sizeof(double)),
			 malloc(n * sizeof(double)), malloc(n), malloc(n) };
	int rc = s.cur && s.base && s.gap && s.ok && s.any ? 0 : -1;
	for (int y = years_of(c) - 1; y >= 0 && !rc; y--)
		rc = seal_year(c, k, y, &s);
	free(s.cur);
	free(s.base);
	free(s.gap);
	free(s.ok);
	free(s.any);
	return rc;
}

typedef struct seal_job {
	pb_cube *c;
	int next;        /* next metric to seal, taken under the lock */
	int failed;
	pthread_mutex_t lock;
} seal_job;

static void *seal_worker(void *arg)
{
	seal_job *j = arg;
	for (;;) {
		pthread_mutex_lock(&j->lock);
		int k = j->next < PB_METRIC_COUNT && !j->failed ? j->next++ : -1;
		pthread_mutex_unlock(&j->lock);
		if (k < 0)
			return NULL;
		if (seal_metric(j->c, k)) {
			pthread_mutex_lock(&j->lock);
			j->failed = 1;
			pthread_mutex_unlock(&j->lock);
		}
	}
}

/* ---- group dictionaries -------------------------------------------------------------- */

typedef struct name_ref {
	const char *name;
	size_t e;
} name_ref;

static int by_name(const void *a, const void *b)
{
	const name_ref *x = a, *y = b;
	int r = strcmp(x->name, y->name);
	return r ? r : (x->e > y->e) - (x->e < y->e);
}

/*
 * Groups of a text attribute: the distinct values, sorted, with `none` (a label for
 * enterprises without one) last. Names and codes point into the arena.
 */
static int dictionary(pb_cube *c, pb_grouping g, const char *const *values, const char *none,
		      int division)
{
	size_t E = c->nent, ng = 0;
	name_ref *refs = malloc((E ? E : 1) * sizeof(*refs));
	const char **names = malloc((E + 1) * sizeof(*names));
	const char **codes = malloc((E + 1) * sizeof(*codes));
	if (!refs || !names || !codes)
		goto fail;
	size_t nref = 0, nnone = 0;
	for (size_t e = 0; e < E; e++) {
		if (values[e] && *values[e])
			refs[nref++] = (name_ref){ values[e], e };
		else
			nnone++;
	}
	qsort(refs, nref, sizeof(*refs), by_name);
	for (size_t i = 0; i < nref; i++) {
		if (i == 0 || strcmp(refs[i].name, refs[i - 1].name) != 0) {
			if (ng == UINT16_MAX)
				goto toomany;
			const char *label = refs[i].name;
			const char *code = refs[i].name;
			if (division) {
				char key[4] = { 0 };
				char lettered[8];
				memcpy(key, refs[i].name, 2);
				char section = pb_industry_section_of(atoi(key));
				lettered[0] = section ? section : '?';
				memcpy(lettered + 1, key, 3);
				const pb_industry *ind = pb_industry_find(lettered);
				code = arena_strdup(c->b, lettered);
				label = ind ? ind->name : code;
				if (!code)
					goto fail;
			}
			names[ng] = label;
			codes[ng] = code;
			ng++;
		}
		c->group[g][refs[i].e] = (uint16_t)(ng - 1);
	}
	if (nnone) {
		if (ng == UINT16_MAX)
			goto toomany;
		names[ng] = none;
		codes[ng] = "";
		for (size_t e = 0; e < E; e++)
			if (!values[e] || !*values[e])
				c->group[g][e] = (uint16_t)ng;
		ng++;
	}
	free(refs);
	c->group_name[g] = names;
	c->group_code[g] = codes;
	c->ngroups[g] = ng;
	return 0;
toomany:
	free(refs);
	free(names);
	free(codes);
	return pb_error_set(PB_EINVAL, "%s 的分组超过 65535 个 / more than 65535 groups of %s",
			    pb_grouping_name(g), pb_grouping_key(g));
fail:
	free(refs);
	free(names);
	free(codes);
	return oom();
}

static int fixed_groups(pb_cube *c, pb_grouping g, const char *const *names,
			const char *const *codes, size_t n)
{
	c->group_name[g] = malloc(n * sizeof(char *));
	c->group_code[g] = malloc(n * sizeof(char *));
	if (!c->group_name[g] || !c->group_code[g])
		return oom();
	memcpy((void *)c->group_name[g], names, n * sizeof(char *));
	memcpy((void *)c->group_code[g], codes, n * sizeof(char *));
	c->ngroups[g] = n;
	return 0;
}

static int build_groups(pb_cube *c)
{
	pb_cube_build *b = c->b;
	const char **div = malloc((c->nent ? c->nent : 1) * sizeof(*div));
	if (!div)
		return oom();
	for (size_t e = 0; e < c->nent; e++)
		div[e] = b->division[e];
	int rc = dictionary(c, PB_G_SECTOR, b->sector, "未分板块", 0);
	if (!rc)
		rc = dictionary(c, PB_G_DIVISION, div, "未知行业", 1);
	if (!rc)
		rc = dictionary(c, PB_G_PARK, b->park, "园区外", 0);
	free(div);
	if (!rc)
		rc = fixed_groups(c, PB_G_TIER, tier_groups, tier_codes, 5);
	if (!rc)
		rc = fixed_groups(c, PB_G_SCALE, scale_groups, scale_codes, 2);
	if (!rc)
		rc = fixed_groups(c, PB_G_FLAG, flag_groups, flag_codes, PB_FLAG_COUNT);
	for (size_t e = 0; e < c->nent && !rc; e++) {
		int t = c->ent[e].tier;
		c->group[PB_G_TIER][e] = (uint16_t)(t >= 1 && t <= 4 ? t - 1 : 4);
		c->group[PB_G_SCALE][e] = (uint16_t)(c->ent[e].above_scale ? 0 : 1);
	}
	return rc;
}

/* ---- cells ----------------------------------------------------------------------------- */

typedef struct cell_ref {
	uint64_t key;
	uint32_t e;
} cell_ref;

static int by_key(const void *a, const void *b)
{
	const cell_ref *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->e > y->e) - (x->e < y->e);
}

/* An enterprise's groups packed in 64 bits: 16 bits each for sector, division and
 * park, 3 for tier, 1 for scale, 5 for flags (57 bits). */
static uint64_t cell_key(const pb_cube *c, size_t e)
{
	static const int bits[PB_G_FLAG] = { [PB_G_SECTOR] = 16, [PB_G_DIVISION] = 16,
					     [PB_G_PARK] = 16, [PB_G_TIER] = 3, [PB_G_SCALE] = 1 };
	uint64_t k = 0;
	for (int g = 0; g < PB_G_FLAG; g++) {
		assert(c->group[g][e] < (1u << bits[g]));
		k = (k << bits[g]) | c->group[g][e];
	}
	return (k << PB_FLAG_COUNT) | c->ent[e].flags;
}

static int build_cells(pb_cube *c)
{
	size_t E = c->nent, n = E ? E : 1;
	cell_ref *refs = malloc(n * sizeof(*refs));
	c->cell = malloc(n * sizeof(*c->cell));
	if (!refs || !c->cell) {
		free(refs);
		return oom();
	}
	for (size_t e = 0; e < E; e++)
		refs[e] = (cell_ref){ cell_key(c, e), (uint32_t)e };
	qsort(refs, E, sizeof(*refs), by_key);
	size_t nc = 0;
	for (size_t i = 0; i < E; i++) {
		if (i == 0 || refs[i].key != refs[i - 1].key)
			nc++;
		c->cell[refs[i].e] = (uint32_t)(nc - 1);
	}
	c->ncells = nc;
	c->cell_group = malloc((nc ? nc : 1) * sizeof(*c->cell_group));
	c->cell_flags = malloc(nc ? nc : 1);
	if (!c->cell_group || !c->cell_flags) {
		free(refs);
		return oom();
	}
	for (size_t i = 0; i < E; i++) {
		uint32_t cl = c->cell[refs[i].e];
		for (int g = 0; g < PB_G_FLAG; g++)
			c->cell_group[cl][g] = c->group[g][refs[i].e];
		c->cell_flags[cl] = (uint8_t)c->ent[refs[i].e].flags;
	}
	free(refs);
	return 0;
}

int pb_cube_seal(pb_cube *c, int threads)
{
	if (!c->b)
		return pb_error_set(PB_EINVAL, "数据立方已封存 / the cube is already sealed");
	for (size_t e = 1; e < c->nent; e++)
		if (c->ent[e].id <= c->ent[e - 1].id)
			return pb_error_set(PB_EINVAL, "第 %zu 家企业未加入数据立方 / enterprise %zu of the "
					    "cube was never described", e + 1, e);
	int rc = build_groups(c);
	if (!rc)
		rc = build_cells(c);
	if (rc)
		return rc;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 1;
	}
	if (threads > PB_METRIC_COUNT)
		threads = PB_METRIC_COUNT;
	seal_job job = { .c = c };
	pthread_mutex_init(&job.lock, NULL);
	pthread_t tid[PB_METRIC_COUNT];
	int started = 0;
	for (int i = 1; i < threads; i++)
		if (pthread_create(&tid[started], NULL, seal_worker, &job) == 0)
			started++;
	seal_worker(&job);
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&job.lock);
	if (job.failed)
		return oom();
	/* the arena holds the enterprises' strings: keep it, drop the rest of building */
	c->arena = c->b->chunks;
	c->narena = c->b->nchunks;
	free_build(c->b);
	c->b = NULL;
#ifndef NDEBUG
	for (size_t e = 1; e < c->nent; e++)
		assert(c->ent[e - 1].id < c->ent[e].id);
	assert(c->first_month % 100 == 1 && c->nmonths % 12 == 0);
#endif
	return 0;
}

/* ---- reading ---------------------------------------------------------------------- */

long pb_cube_find(const pb_cube *c, int64_t id)
{
	size_t lo = 0, hi = c->nent;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ent[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nent && c->ent[lo].id == id ? (long)lo : -1;
}

size_t pb_cube_bytes(const pb_cube *c)
{
	size_t cells = (size_t)c->nmonths * c->nent, bits = (size_t)c->nmonths * c->words * 8;
	size_t total = c->nent * (sizeof(pb_cube_ent) + PB_G_FLAG * sizeof(uint16_t) + 4) +
		       c->ncells * (sizeof(*c->cell_group) + 1);
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		total += cells * sizeof(double) + 4 * bits;
		for (int y = 0; y < years_of(c); y++)
			if (c->bcum[k][y])
				total += 12 * c->nent * sizeof(double) + 12 * c->words * 8;
		for (int t = 0; t < c->nmonths; t++)
			total += c->ngap[k][t] * sizeof(pb_cube_gap);
	}
	if (c->filed)
		total += cells;
	for (size_t i = 0; i < c->narena; i++)
		total += ARENA_CHUNK;
	return total;
}

int pb_cube_value(const pb_cube *c, pb_metric k, size_t e, int t, double *v)
{
	if (!pb_cube_bit(c->rep[k], c->words, t, e)) {
		*v = PB_MISSING;
		return 0;
	}
	const double *cum = c->cum[k];
	*v = cum[(size_t)t * c->nent + e] - (t % 12 ? cum[(size_t)(t - 1) * c->nent + e] : 0);
	return 1;
}

double pb_cube_ytd(const pb_cube *c, pb_metric k, size_t e, int t)
{
	return c->cum[k][(size_t)t * c->nent + e];
}

int pb_cube_month_base(const pb_cube *c, pb_metric k, size_t e, int t, double *v, int *self)
{
	*self = 0;
	*v = PB_MISSING;
	if (!pb_cube_bit(c->base[k], c->words, t, e))
		return 0;
	const double *bb = c->bcum[k][t / 12];
	if (!bb)
		return pb_cube_value(c, k, e, t - 12, v);
	*self = pb_cube_bit(c->self[k][t / 12], c->words, t % 12, e);
	/* the base block holds running sums over the months reported this year, so a
	 * month's base is the step from the month before - if the month was reported;
	 * for a month not reported the block kept nothing, and no analysis asks */
	if (!pb_cube_bit(c->rep[k], c->words, t, e))
		return *self ? 0 : pb_cube_value(c, k, e, t - 12, v);
	const double *col = bb + (size_t)(t % 12) * c->nent;
	*v = col[e] - (t % 12 ? col[(ptrdiff_t)e - (ptrdiff_t)c->nent] : 0);
	return 1;
}

/* The gap correction of enterprise e at column t (0 if none): binary search. */
static double gap_of(const pb_cube *c, pb_metric k, size_t e, int t)
{
	const pb_cube_gap *g = c->gap[k][t];
	size_t lo = 0, hi = c->ngap[k][t];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g[mid].ent < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->ngap[k][t] && g[lo].ent == e ? g[lo].value : 0;
}

int pb_cube_ytd_pair(const pb_cube *c, pb_metric k, size_t e, int t, double *cur, double *base)
{
	*cur = *base = PB_MISSING;
	if (!pb_cube_bit(c->csam[k], c->words, t, e))
		return 0;
	*cur = c->cum[k][(size_t)t * c->nent + e];
	const double *bb = c->bcum[k][t / 12];
	if (bb)
		*base = bb[(size_t)(t % 12) * c->nent + e];
	else
		*base = c->cum[k][(size_t)(t - 12) * c->nent + e] - gap_of(c, k, e, t);
	return 1;
}
