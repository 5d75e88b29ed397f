/*
 * mujun_share.c - enterprises sharing a parcel, evaluated as one; see mujun_share.h.
 */
#include "mujun_share.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- units: union-find over the enterprises of shared parcels -------------------------- */

static uint32_t find(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]]; /* path halving */
		i = parent[i];
	}
	return i;
}

static void join(uint32_t *parent, uint32_t a, uint32_t b)
{
	a = find(parent, a);
	b = find(parent, b);
	if (a != b)
		parent[a > b ? a : b] = a < b ? a : b; /* the smaller index leads */
}

static int by_parcel(const void *a, const void *b)
{
	const pb_mujun_plot *x = *(const pb_mujun_plot *const *)a, *y = *(const pb_mujun_plot *const *)b;
	return strcmp(x->shared_parcel, y->shared_parcel);
}

int pb_mujun_units_make(pb_mujun_units *out, size_t nent, const pb_mujun_plot *plots, size_t n)
{
	memset(out, 0, sizeof(*out));
	out->nent = nent;
	out->unit = malloc((nent ? nent : 1) * sizeof(*out->unit));
	out->first = malloc((nent ? nent : 1) * sizeof(*out->first));
	uint32_t *parent = malloc((nent ? nent : 1) * sizeof(*parent));
	const pb_mujun_plot **shared = malloc((n ? n : 1) * sizeof(*shared));
	int rc = 0;
	if (!out->unit || !out->first || !parent || !shared)
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; !rc && i < nent; i++)
		parent[i] = (uint32_t)i;
	size_t ns = 0;
	for (size_t k = 0; !rc && k < n; k++) {
		if (!plots[k].shared_parcel || !*plots[k].shared_parcel || plots[k].ent == SIZE_MAX)
			continue;
		if (plots[k].ent >= nent)
			rc = pb_error_set(PB_EINVAL, "地块 %s 的企业超出范围 / plot %s: enterprise out of "
					  "range", plots[k].plot_code ? plots[k].plot_code : "?",
					  plots[k].plot_code ? plots[k].plot_code : "?");
		else
			shared[ns++] = &plots[k];
	}
	if (!rc) {
		qsort(shared, ns, sizeof(*shared), by_parcel);
		for (size_t k = 1; k < ns; k++)
			if (strcmp(shared[k]->shared_parcel, shared[k - 1]->shared_parcel) == 0)
				join(parent, (uint32_t)shared[k]->ent, (uint32_t)shared[k - 1]->ent);
		/* a unit's root is its smallest member (join keeps the smaller index), so it is
		 * met first: numbering at the roots numbers units by their first member */
		for (size_t i = 0; i < nent; i++) {
			uint32_t r = find(parent, (uint32_t)i);
			if (r == i) {
				out->first[out->n] = i;
				out->unit[i] = (uint32_t)out->n++;
			} else {
				out->unit[i] = out->unit[r];
			}
		}
		/* enterprises in units of two or more: parent[] is free now to count members */
		memset(parent, 0, nent * sizeof(*parent));
		for (size_t i = 0; i < nent; i++)
			parent[out->unit[i]]++;
		for (size_t i = 0; i < nent; i++)
			out->merged += parent[out->unit[i]] > 1;
	}
	free(shared);
	free(parent);
	return rc;
}
void pb_mujun_units_free(pb_mujun_units *u)
{
	if (!u)
		return;
	free(u->unit);
	free(u->first);
	memset(u, 0, sizeof(*u));
}

/* ---- the merged input ------------------------------------------------------------------- */

typedef struct merged {
	pb_mujun_input in;
	double *m[PB_MM_COUNT];
	uint8_t *above, *leased, *absent;
	uint32_t *park, *sector, *rules;
} merged;

static void merged_free(merged *g)
{
	for (int k = 0; k < PB_MM_COUNT; k++)
		free(g->m[k]);
	free(g->above);
	free(g->leased);
	free(g->absent);
	free(g->park);
	free(g->sector);
	free(g->rules);
}

/* Sum the members' figures; a figure one member lacks is missing for the unit. */
static void merge_measure(double *dst, const double *src, const pb_mujun_units *u)
{
	for (size_t k = 0; k < u->n; k++)
		dst[k] = 0;
	for (size_t i = 0; i < u->nent; i++)
		dst[u->unit[i]] += src[i]; /* NaN stays NaN */
}

static int merge_input(merged *g, const pb_mujun_input *in, const pb_mujun_units *u)
{
	size_t n = u->n ? u->n : 1;
	memset(g, 0, sizeof(*g));
	g->in = *in;
	g->in.n = u->n;
	for (int k = 0; k < PB_MM_COUNT; k++) {
		g->in.m[k] = NULL;
		if (!in->m[k] || k == PB_MM_ONE)
			continue;
		if (!(g->m[k] = malloc(n * sizeof(double))))
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		merge_measure(g->m[k], in->m[k], u);
		g->in.m[k] = g->m[k];
	}
	g->above = calloc(n, 1);
	g->leased = malloc(n);
	g->absent = malloc(n);
	g->park = malloc(n * sizeof(uint32_t));
	g->sector = malloc(n * sizeof(uint32_t));
	g->rules = calloc(n, sizeof(uint32_t));
	if (!g->above || !g->leased || !g->absent || !g->park || !g->sector || !g->rules)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	memset(g->leased, 1, n);
	memset(g->absent, 1, n); /* a unit is absent only when every member is */
	for (size_t k = 0; k < u->n; k++) {
		g->park[k] = in->park ? in->park[u->first[k]] : UINT32_MAX;
		g->sector[k] = in->sector ? in->sector[u->first[k]] : UINT32_MAX;
	}
	for (size_t i = 0; i < u->nent; i++) {
		uint32_t k = u->unit[i];
		g->above[k] |= in->above_scale ? in->above_scale[i] : 0;
		g->leased[k] &= in->leased ? in->leased[i] : 0;
		g->rules[k] |= in->rules ? in->rules[i] : 0;
		g->absent[k] &= in->absent ? in->absent[i] : 0;
	}
	g->in.above_scale = g->above;
	g->in.leased = g->leased;
	g->in.park = in->park ? g->park : NULL;
	g->in.sector = in->sector ? g->sector : NULL;
	g->in.rules = g->rules;
	g->in.absent = g->absent;
	return 0;
}

/* ---- the result, per enterprise ----------------------------------------------------------- */

static size_t max_slots(const pb_mujun_scheme *s)
{
	size_t m = 0;
	for (size_t g = 0; g < s->ngroups; g++)
		m = s->group[g].nind > m ? s->group[g].nind : m;
	return m;
}

static int expand(pb_mujun_result *out, const pb_mujun_result *ur, const pb_mujun_units *u,
		  size_t nslot)
{
	size_t n = u->nent;
	if (pb_mujun_result_alloc(out, n, nslot))
		return PB_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint32_t k = u->unit[i];
		assert(k < ur->n);
		out->group[i] = ur->group[k];
		out->cls[i] = ur->cls[k];
		out->cls_score[i] = ur->cls_score[k];
		out->adjust[i] = ur->adjust[k];
		out->rules[i] = ur->rules[k];
		out->total[i] = ur->total[k];
		out->rank_zone[i] = ur->rank_zone[k];
		out->rank_sector[i] = ur->rank_sector[k];
		out->rank_park[i] = ur->rank_park[k];
		for (size_t s = 0; s < nslot; s++) {
			out->value[s * n + i] = ur->value[s * ur->n + k];
			out->points[s * n + i] = ur->points[s * ur->n + k];
			out->flags[s * n + i] = ur->flags[s * ur->n + k];
		}
		if (out->group[i] >= 0) {
			out->count[out->group[i]][out->cls[i]]++;
			out->ranked[out->group[i]] += out->rank_zone[i] != 0;
		}
	}
	return 0;
}

int pb_mujun_evaluate_units(pb_mujun_result *out, const pb_mujun_scheme *s,
			    const pb_mujun_input *in, const pb_mujun_units *u, int threads)
{
	if (s->shared_land != PB_MSH_MERGE || !u || !u->merged)
		return pb_mujun_evaluate(out, s, in, threads);
	if (u->nent != in->n) {
		memset(out, 0, sizeof(*out));
		return pb_error_set(PB_EINVAL, "共用宗地的企业数与输入不符 / the units do not match the input");
	}
	merged g;
	pb_mujun_result ur;
	int rc = merge_input(&g, in, u);
	if (!rc)
		rc = pb_mujun_evaluate(&ur, s, &g.in, threads);
	else
		memset(&ur, 0, sizeof(ur));
	if (!rc)
		rc = expand(out, &ur, u, max_slots(s));
	else
		memset(out, 0, sizeof(*out));
	pb_mujun_result_free(&ur);
	merged_free(&g);
	return rc;
}
