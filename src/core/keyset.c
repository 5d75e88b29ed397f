/* keyset.c - 64-bit key -> first row; see keyset.h. */
#include "keyset.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void pb_keyset_init(pb_keyset *ks)
{
	memset(ks, 0, sizeof(*ks));
}

void pb_keyset_free(pb_keyset *ks)
{
	free(ks->keys);
	free(ks->rows);
	pb_keyset_init(ks);
}

/* Keys may be packed values with little entropy in the low bits: mix before masking
 * (the finaliser of MurmurHash3). */
static size_t slot_of(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

static int grow(pb_keyset *ks)
{
	size_t cap = ks->cap ? ks->cap * 2 : 1024;
	uint64_t *keys = calloc(cap, sizeof(*keys));
	uint32_t *rows = malloc(cap * sizeof(*rows));
	if (!keys || !rows) {
		free(keys);
		free(rows);
		return -1;
	}
	for (size_t i = 0; i < ks->cap; i++) {
		if (!ks->keys[i])
			continue;
		size_t s = slot_of(ks->keys[i], cap);
		while (keys[s])
			s = (s + 1) & (cap - 1);
		keys[s] = ks->keys[i];
		rows[s] = ks->rows[i];
	}
	free(ks->keys);
	free(ks->rows);
	ks->keys = keys;
	ks->rows = rows;
	ks->cap = cap;
	return 0;
}

int64_t pb_keyset_insert(pb_keyset *ks, uint64_t key, uint32_t row)
{
	assert(key != 0);
	if ((ks->count + 1) * 2 > ks->cap && grow(ks))
		return -1;
	size_t s = slot_of(key, ks->cap);
	while (ks->keys[s]) {
		if (ks->keys[s] == key)
			return ks->rows[s];
		s = (s + 1) & (ks->cap - 1);
	}
	ks->keys[s] = key;
	ks->rows[s] = row;
	ks->count++;
	return 0;
}
