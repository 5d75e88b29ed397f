/*
 * cube_cache.h - the server's one cube of the monthly figures (src/core/cube.h), shared by
 * every request: loading it takes seconds at a large zone, answering from it
 * milliseconds. It is loaded on first use and again after an import (the store's latest
 * import id moved); requests holding the old one keep it until they let it go.
 */
#ifndef PB_CUBE_CACHE_H
#define PB_CUBE_CACHE_H

#include "cube.h"
#include "store.h"

/**
 * The current cube, loaded from `st` when there is none or it is stale. *out is held for
 * the caller until pb_cube_cache_release. Concurrent callers wait for one load. Returns
 * 0, or what pb_store_cube_load returns.
 */
int pb_cube_cache_get(const pb_cube **out, pb_store *st);

/** Let a cube got from pb_cube_cache_get go. NULL is allowed. */
void pb_cube_cache_release(const pb_cube *c);

/** Free the cached cube (the server stopping; no request may hold one). */
void pb_cube_cache_clear(void);

#endif
