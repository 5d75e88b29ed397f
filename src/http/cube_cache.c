/*
 * cube_cache.c - the server's shared cube; see cube_cache.h.
 *
 * A cube is freed when it is neither current nor held: `current` counts as one
 * reference. Invariant (under `lock`): every entry of `held` has refs ≥ 1.
 */
#include "cube_cache.h"

#include <pthread.h>
#include <stdlib.h>

#include "error.h"
#include "store_cube.h"

typedef struct entry {
	pb_cube *cube;
	int64_t generation; /* the store's latest import id when it was loaded */
	int refs;
	struct entry *next;
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER; /* one load at a time */
static entry *current;
static entry *held; /* entries no longer current but still held */

static void unref(entry *e)
{
	if (--e->refs > 0)
		return;
	for (entry **p = &held; *p; p = &(*p)->next)
		if (*p == e) {
			*p = e->next;
			break;
		}
	pb_cube_free(e->cube);
	free(e);
}

/* The current entry if it is of `generation`, referenced for the caller; else NULL. */
static entry *take_current(int64_t generation)
{
	pthread_mutex_lock(&lock);
	entry *e = current && current->generation == generation ? current : NULL;
	if (e)
		e->refs++;
	pthread_mutex_unlock(&lock);
	return e;
}

static void make_current(entry *e)
{
	pthread_mutex_lock(&lock);
	entry *old = current;
	current = e;
	e->refs++; /* being current */
	if (old) {
		old->next = held;
		held = old;
		unref(old); /* no longer current */
	}
	pthread_mutex_unlock(&lock);
}

int pb_cube_cache_get(const pb_cube **out, pb_store *st)
{
	*out = NULL;
	int64_t gen;
	int rc = pb_store_last_import(st, &gen);
	if (rc)
		return rc;
	entry *e = take_current(gen);
	if (!e) {
		pthread_mutex_lock(&loading);
		e = take_current(gen); /* another request may have loaded it meanwhile */
		if (!e) {
			pb_cube *c = NULL;
			rc = pb_store_cube_load(&c, st, 0);
			if (!rc && !(e = calloc(1, sizeof(*e)))) {
				pb_cube_free(c);
				rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
			}
			if (!rc) {
				*e = (entry){ c, gen, 1, NULL }; /* the caller's reference */
				make_current(e);
			}
		}
		pthread_mutex_unlock(&loading);
	}
	if (rc)
		return rc;
	*out = e->cube;
	return 0;
}

void pb_cube_cache_release(const pb_cube *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&lock);
	entry *e = current && current->cube == c ? current : NULL;
	for (entry *h = held; !e && h; h = h->next)
		if (h->cube == c)
			e = h;
	if (e)
		unref(e);
	pthread_mutex_unlock(&lock);
}

void pb_cube_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	if (current) {
		entry *e = current;
		current = NULL;
		e->next = held;
		held = e;
		unref(e);
	}
	pthread_mutex_unlock(&lock);
}
