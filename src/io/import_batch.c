/* import_batch.c - the reader -> writer hand-over of an import; see import_batch.h. */
#include "import_batch.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

int pb_batch_pool_init(pb_batch_pool *p, size_t cap, size_t rec_size)
{
	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	for (size_t i = 0; i < PB_BATCH_POOL; i++) {
		pb_batch *b = &p->batches[i];
		b->cap = cap;
		b->rec_size = rec_size;
		if (!(b->recs = malloc(cap * rec_size))) {
			pb_batch_pool_free(p);
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		}
		p->free_list[p->nfree++] = b;
	}
	return 0;
}

void pb_batch_pool_free(pb_batch_pool *p)
{
	for (size_t i = 0; i < PB_BATCH_POOL; i++) {
		pb_batch *b = &p->batches[i];
		pb_batch_reset(b);
		free(b->recs);
		free(b->arena);
		free(b->extra);
	}
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->changed);
	memset(p, 0, sizeof(*p));
}

pb_batch *pb_batch_pool_get(pb_batch_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfree == 0)
		pthread_cond_wait(&p->changed, &p->lock);
	pb_batch *b = p->free_list[--p->nfree];
	pthread_mutex_unlock(&p->lock);
	return b;
}

void pb_batch_pool_put_full(pb_batch_pool *p, pb_batch *b)
{
	pthread_mutex_lock(&p->lock);
	p->full_list[(p->full_head + p->nfull++) % PB_BATCH_POOL] = b;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

void pb_batch_pool_close(pb_batch_pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->closed = 1;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

pb_batch *pb_batch_pool_take(pb_batch_pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->nfull == 0 && !p->closed)
		pthread_cond_wait(&p->changed, &p->lock);
	pb_batch *b = NULL;
	if (p->nfull > 0) {
		b = p->full_list[p->full_head];
		p->full_head = (p->full_head + 1) % PB_BATCH_POOL;
		p->nfull--;
	}
	pthread_mutex_unlock(&p->lock);
	return b;
}

void pb_batch_reset(pb_batch *b)
{
	b->n = 0;
	b->arena_used = 0;
	for (size_t i = 0; i < b->nextra; i++)
		free(b->extra[i]);
	b->nextra = 0;
}

void pb_batch_pool_release(pb_batch_pool *p, pb_batch *b)
{
	pb_batch_reset(b);
	pthread_mutex_lock(&p->lock);
	p->free_list[p->nfree++] = b;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
}

const char *pb_batch_strdup(pb_batch *b, const char *s, size_t len)
{
	if (!b->arena) {
		b->arena_cap = 256 * 1024;
		if (!(b->arena = malloc(b->arena_cap)))
			return NULL;
	}
	char *p;
	if (b->arena_used + len + 1 <= b->arena_cap) {
		p = b->arena + b->arena_used;
		b->arena_used += len + 1;
	} else {
		/* The main block cannot move (records point into it): overflow goes to a
		 * block of its own until the batch is reset. */
		if (b->nextra == b->extra_cap) {
			size_t cap = b->extra_cap ? b->extra_cap * 2 : 16;
			char **e = realloc(b->extra, cap * sizeof(*e));
			if (!e)
				return NULL;
			b->extra = e;
			b->extra_cap = cap;
		}
		if (!(p = malloc(len + 1)))
			return NULL;
		b->extra[b->nextra++] = p;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
