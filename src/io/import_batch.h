/*
 * import_batch.h - batches of converted records passed from the thread that reads
 * and checks a file to the thread that writes them to the store.
 *
 * Reading and checking (CSV parsing, number conversion, lookups) and writing
 * (SQLite) each take about half of an import's time, and the machine has two cores:
 * with the two in separate threads an import runs at the speed of the slower one
 * instead of their sum. A pool holds a few batches; each batch owns its records and
 * the text they point to. Invariant: a batch is either free (the reader may fill
 * it), full (queued for the writer) or being written, never two at once.
 */
#ifndef PB_IMPORT_BATCH_H
#define PB_IMPORT_BATCH_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pb_batch {
	char *recs;          /* cap records of rec_size bytes */
	size_t n, cap, rec_size;
	uint64_t mask;       /* fields the records' file columns fill */
	char *arena;         /* text of the records: one block, reused... */
	size_t arena_used, arena_cap;
	char **extra;        /* ...plus blocks for what did not fit, freed on reset */
	size_t nextra, extra_cap;
} pb_batch;

#define PB_BATCH_POOL 4

typedef struct pb_batch_pool {
	pb_batch batches[PB_BATCH_POOL];
	pb_batch *free_list[PB_BATCH_POOL], *full_list[PB_BATCH_POOL];
	size_t nfree, nfull, full_head;
	int closed;
	pthread_mutex_t lock;
	pthread_cond_t changed;
} pb_batch_pool;

/** Make a pool of batches of `cap` records of `rec_size` bytes. 0 or PB_ENOMEM. */
int pb_batch_pool_init(pb_batch_pool *p, size_t cap, size_t rec_size);
void pb_batch_pool_free(pb_batch_pool *p);

/** Reader: take a free batch (waits while all are queued or being written). */
pb_batch *pb_batch_pool_get(pb_batch_pool *p);

/** Reader: queue a full batch for the writer. */
void pb_batch_pool_put_full(pb_batch_pool *p, pb_batch *b);

/** Reader: no more batches will come. */
void pb_batch_pool_close(pb_batch_pool *p);

/** Writer: the next full batch in order, or NULL once the pool is closed and empty. */
pb_batch *pb_batch_pool_take(pb_batch_pool *p);

/** Writer (or reader): empty a batch and give it back to the free list. */
void pb_batch_pool_release(pb_batch_pool *p, pb_batch *b);

/** Empty a batch without giving it back. */
void pb_batch_reset(pb_batch *b);

/** Copy text into the batch; valid until the batch is reset. NULL when out of memory. */
const char *pb_batch_strdup(pb_batch *b, const char *s, size_t len);

#endif
