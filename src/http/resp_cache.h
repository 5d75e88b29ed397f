/*
 * resp_cache.h - finished JSON bodies of the analysis endpoints (GET /api/v1/analysis,
 * GET /api/v1/summary), kept so that a repeated request is a lookup: computing them
 * takes tens of milliseconds at a large zone (the analysis over the cube, then a few
 * hundred kB of JSON), sending them a few tens of microseconds.
 *
 * What a body may be reused for, the callers' duty (api_analysis.c):
 *   - its key names everything the body depends on besides the data: the endpoint and
 *     its query, and the user's whole scope (role, parks, enterprise), so that no user is
 *     ever answered another scope's body;
 *   - `generation` is the store's latest import id read before the body was computed
 *     (pb_resp_cache_generation):
 *     data that only imports change (the monthly figures, enterprises, parks, the zone,
 *     the official rates) make a body stale exactly when it moved;
 *   - `epoch` is pb_resp_cache_epoch() read before the body was computed: the server
 *     bumps it after every change request (pb_resp_cache_bump), so that what the API
 *     itself changes (a warning acknowledged or closed) is seen by the next request;
 *   - `max_age_ms` (0: none) bounds what neither sees: a change made by another process
 *     (`parkbrain warnings run`, `evaluate run`) to data besides the imports'.
 * Reading both before computing makes a race harmless: a body computed while they moved
 * is stored under the old value and so never matches again.
 *
 * Ownership: a pb_resp_body is immutable and reference-counted; the cache holds one
 * reference to each body it keeps, pb_resp_cache_get and pb_resp_cache_put give the
 * caller another, to drop with pb_resp_body_unref (the server does, when the response
 * has been sent). The cache keeps at most PB_RESP_CACHE_SLOTS bodies and
 * PB_RESP_CACHE_BYTES bytes, the least recently used going first, so that memory stays
 * bounded whatever the queries (twice that with the memfd copies, which the resident set
 * does not count: they are shared memory, never mapped). Thread-safe; process-wide, like
 * the cube (cube_cache.h): one server per process, whose pb_http_stop clears it.
 */
#ifndef PB_RESP_CACHE_H
#define PB_RESP_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

enum {
	PB_RESP_CACHE_SLOTS = 64,
	PB_RESP_CACHE_BYTES = 64 << 20,
	PB_RESP_CACHE_KEY = 256, /* longest key, with its NUL */
};

typedef struct pb_resp_body pb_resp_body;

/** The bytes of `b` and their count. */
const char *pb_resp_body_data(const pb_resp_body *b, size_t *len);

/**
 * A memfd holding the bytes of `b` (a kept body; -1 when there is none), for the server
 * to send with sendfile(2) as nginx sends a static file: one copy fewer than send(2)
 * from memory, which at a few hundred kB a body is most of the cost. The fd is the
 * body's: dup it to keep it past the body's reference.
 */
int pb_resp_body_fd(const pb_resp_body *b);

/** Drop a reference got from the cache; the last one frees the body. NULL is allowed. */
void pb_resp_body_unref(pb_resp_body *b);

enum { PB_RESP_GENERATION_MAX_AGE_MS = 1000 };

/**
 * The store's latest import id (pb_store_last_import), read from `st` again only when
 * the epoch moved or after PB_RESP_GENERATION_MAX_AGE_MS: a SQL statement prepared per
 * request was a tenth of a cached body's cost. So an import through this server is seen
 * at once (its request bumps the epoch), one by another process (`parkbrain import`)
 * within that age. Returns 0 or PB_ESTORE.
 */
int pb_resp_cache_generation(pb_store *st, int64_t *generation);

/** The change epoch, to read before computing a body. */
uint64_t pb_resp_cache_epoch(void);

/** A change request was handled: every body computed before is stale. */
void pb_resp_cache_bump(void);

/**
 * The body kept under `key` when it was computed at `generation` and `epoch` and is at
 * most `max_age_ms` old (0: any age); a reference for the caller, or NULL.
 */
pb_resp_body *pb_resp_cache_get(const char *key, int64_t generation, uint64_t epoch,
				unsigned max_age_ms);

/**
 * Keep a copy of data[0..len) under `key` (replacing what was there) and set *out to a
 * reference to it for the caller. A body larger than PB_RESP_CACHE_BYTES / 4 is not kept
 * but still returned. Returns 0, PB_EINVAL (a key of PB_RESP_CACHE_KEY bytes or more) or
 * PB_ENOMEM.
 */
int pb_resp_cache_put(pb_resp_body **out, const char *key, int64_t generation, uint64_t epoch,
		      const char *data, size_t len);

/** Drop every kept body (the server stopping; bodies still referenced live on). */
void pb_resp_cache_clear(void);

#endif
