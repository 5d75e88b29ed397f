/* index.c - sorted text-key index; see index.h. */
#include "index.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define CHUNK (1u << 16)

void pb_index_init(pb_index *ix)
{
	memset(ix, 0, sizeof(*ix));
}

void pb_index_free(pb_index *ix)
{
	for (size_t i = 0; i < ix->nchunks; i++)
		free(ix->chunks[i]);
	free(ix->chunks);
	free(ix->items);
	free(ix->by_id);
	pb_index_init(ix);
}

static char *store_key(pb_index *ix, const char *key, size_t len)
{
	if (ix->nchunks == 0 || ix->chunk_used + len + 1 > ix->chunk_cap) {
		size_t cap = len + 1 > CHUNK ? len + 1 : CHUNK;
		char **chunks = realloc(ix->chunks, (ix->nchunks + 1) * sizeof(*chunks));
		if (!chunks)
			return NULL;
		ix->chunks = chunks;
		if (!(chunks[ix->nchunks] = malloc(cap)))
			return NULL;
		ix->nchunks++;
		ix->chunk_used = 0;
		ix->chunk_cap = cap;
	}
	char *p = ix->chunks[ix->nchunks - 1] + ix->chunk_used;
	memcpy(p, key, len);
	p[len] = '\0';
	ix->chunk_used += len + 1;
	return p;
}

int pb_index_add(pb_index *ix, const char *key, size_t len, int64_t id)
{
	if (ix->count == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 256;
		pb_index_entry *items = realloc(ix->items, cap * sizeof(*items));
		if (!items)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		ix->items = items;
		ix->cap = cap;
	}
	const char *k = store_key(ix, key, len);
	if (!k)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	ix->items[ix->count++] = (pb_index_entry){ k, (uint32_t)len, id };
	ix->built = 0;
	return 0;
}

static int cmp_key(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int entry_cmp(const void *pa, const void *pb)
{
	const pb_index_entry *a = pa, *b = pb;
	int c = cmp_key(a->key, a->len, b->key, b->len);
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* glibc's qsort_r passes the index along, so builds on different threads never share
 * state */
static int pos_by_id_cmp(const void *pa, const void *pb, void *ctx)
{
	const pb_index *ix = ctx;
	int64_t a = ix->items[*(const int64_t *)pa].id;
	int64_t b = ix->items[*(const int64_t *)pb].id;
	if (a != b)
		return a < b ? -1 : 1;
	return *(const int64_t *)pa < *(const int64_t *)pb ? -1 : 1;
}

int pb_index_build(pb_index *ix)
{
	if (ix->count > 1)
		qsort(ix->items, ix->count, sizeof(*ix->items), entry_cmp);
	free(ix->by_id);
	ix->by_id = malloc((ix->count ? ix->count : 1) * sizeof(*ix->by_id));
	if (!ix->by_id)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i < ix->count; i++)
		ix->by_id[i] = (int64_t)i;
	if (ix->count > 1)
		qsort_r(ix->by_id, ix->count, sizeof(*ix->by_id), pos_by_id_cmp, ix);
	ix->last = 0;
	ix->built = 1;
	return 0;
}

/* First position whose key is >= (key, len). */
static size_t lower_bound(const pb_index *ix, const char *key, size_t len)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_key(ix->items[mid].key, ix->items[mid].len, key, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int same_key(const pb_index_entry *e, const char *key, size_t len)
{
	return e->len == len && memcmp(e->key, key, len) == 0;
}

int64_t pb_index_find(pb_index *ix, const char *key, size_t len)
{
	assert(ix->built);
	if (ix->count == 0)
		return 0;
	size_t i = ix->last;
	if (!same_key(&ix->items[i], key, len) || (i > 0 && same_key(&ix->items[i - 1], key, len))) {
		i = lower_bound(ix, key, len);
		if (i == ix->count || !same_key(&ix->items[i], key, len))
			return 0;
		ix->last = i;
	}
	/* Sorted by (key, id): a second entry with the same key would follow. */
	if (i + 1 < ix->count && same_key(&ix->items[i + 1], key, len) &&
	    ix->items[i + 1].id != ix->items[i].id)
		return -1;
	return ix->items[i].id;
}

const char *pb_index_key_of(const pb_index *ix, int64_t id)
{
	assert(ix->built);
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix->items[ix->by_id[mid]].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == ix->count || ix->items[ix->by_id[lo]].id != id)
		return NULL;
	return ix->items[ix->by_id[lo]].key;
}
