/*
 * index.h - an in-memory map from a text key to a row id (e.g. USCC -> enterprise id),
 * and back. Imports resolve every reference through one of these instead of asking
 * the database row by row.
 *
 * It is a sorted array searched by bsearch (libc), with a one-entry cache because
 * input files are usually grouped by enterprise. Keys are copied into the index.
 * Invariant after pb_index_build(): entries are sorted by (key, id); a key that occurs
 * more than once is "ambiguous" (enterprise names can repeat; USCCs cannot).
 */
#ifndef PB_INDEX_H
#define PB_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct pb_index_entry {
	const char *key;
	uint32_t len;
	int64_t id;
} pb_index_entry;

typedef struct pb_index {
	pb_index_entry *items;
	size_t count, cap;
	int64_t *by_id;   /* positions of items sorted by id, built by pb_index_build */
	char **chunks;    /* key storage */
	size_t nchunks, chunk_used, chunk_cap;
	size_t last;      /* cache of the last hit */
	int built;
} pb_index;

/** Initialise an empty index. */
void pb_index_init(pb_index *ix);

/** Free all memory; the index is empty and reusable. */
void pb_index_free(pb_index *ix);

/** Add key -> id (the key is copied). Invalidates a previous build. 0 or PB_ENOMEM. */
int pb_index_add(pb_index *ix, const char *key, size_t len, int64_t id);

/** Sort for lookups. Returns 0 or PB_ENOMEM. */
int pb_index_build(pb_index *ix);

/**
 * Look a key up. Returns its id, 0 if absent, or -1 if the key maps to more than
 * one id (ambiguous). The index must be built.
 */
int64_t pb_index_find(pb_index *ix, const char *key, size_t len);

/** A key of an id (the smallest if it has several), or NULL. The index must be built. */
const char *pb_index_key_of(const pb_index *ix, int64_t id);

#endif
