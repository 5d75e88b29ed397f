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
	free(ks->slots);
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

static int resize(pb_keyset *ks, size_t cap)
{
	pb_keyset_slot *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (size_t i = 0; i < ks->cap; i++) {
		if (!ks->slots[i].key)
			continue;
		size_t s = slot_of(ks->slots[i].key, cap);
		while (slots[s].key)
			s = (s + 1) & (cap - 1);
		slots[s] = ks->slots[i];
	}
	free(ks->slots);
	ks->slots = slots;
	ks->cap = cap;
	return 0;
}

static int grow(pb_keyset *ks)
{
	return resize(ks, ks->cap ? ks->cap * 2 : 1024);
}

int pb_keyset_reserve(pb_keyset *ks, size_t n)
{
	size_t cap = ks->cap ? ks->cap : 1024;
	while (cap < 2 * n)
		cap *= 2;
	return cap > ks->cap ? resize(ks, cap) : 0;
}

int64_t pb_keyset_insert(pb_keyset *ks, uint64_t key, uint32_t row)
{
	assert(key != 0);
	if ((ks->count + 1) * 2 > ks->cap && grow(ks))
		return -1;
	size_t s = slot_of(key, ks->cap);
	while (ks->slots[s].key) {
		if (ks->slots[s].key == key)
			return ks->slots[s].row;
		s = (s + 1) & (ks->cap - 1);
	}
	ks->slots[s] = (pb_keyset_slot){ key, row };
	ks->count++;
	return 0;
}
