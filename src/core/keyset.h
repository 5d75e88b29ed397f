/*
 * keyset.h - a set of 64-bit keys remembering the row each was first seen on: how an
 * import finds the second row with the same natural key in one file.
 *
 * Open addressing with linear probing over a power-of-two table, grown at 50% load.
 * Written by hand because no library the project uses offers an integer hash map
 * (libc's hsearch is string-keyed, fixed-size and process-global).
 * Invariant: key 0 is the empty-slot marker, so callers must never insert 0 (keys
 * are hashes or packed values offset to be non-zero).
 */
#ifndef PB_KEYSET_H
#define PB_KEYSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct pb_keyset_slot {
	uint64_t key; /* 0 = empty */
	uint32_t row;
} pb_keyset_slot;

typedef struct pb_keyset {
	pb_keyset_slot *slots; /* key and row side by side: one cache miss per probe */
	size_t cap, count;
} pb_keyset;

void pb_keyset_init(pb_keyset *ks);
void pb_keyset_free(pb_keyset *ks);

/** Make room for about `n` keys up front (saves rehashing a large set). 0 or -1. */
int pb_keyset_reserve(pb_keyset *ks, size_t n);

/**
 * Insert `key` (non-zero) first seen on `row` (>= 1). Returns 0 if it was new, the row it was
 * first seen on if it was already there (the set is unchanged then), or -1 when out
 * of memory.
 */
int64_t pb_keyset_insert(pb_keyset *ks, uint64_t key, uint32_t row);

#endif
