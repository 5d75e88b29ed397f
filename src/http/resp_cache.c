/*
 * resp_cache.c - the finished bodies of the analysis endpoints; see resp_cache.h.
 *
 * A fixed table of slots under one mutex: at most PB_RESP_CACHE_SLOTS keys are alive
 * (scopes × queries actually asked), so a linear scan of short strings costs less than
 * keeping a hash table right. Invariants (under `lock`): a used slot has key[0] != '\0'
 * and a body whose refs count the slot's reference; `bytes` is the sum of the used
 * slots' body lengths, at most PB_RESP_CACHE_BYTES.
 */
#include "resp_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "error.h"

struct pb_resp_body {
	atomic_int refs;
	int fd;     /* a memfd holding the same bytes, or -1 */
	size_t len;
	char data[];
};

typedef struct slot {
	char key[PB_RESP_CACHE_KEY];
	int64_t generation;
	uint64_t epoch;
	int64_t made_ms;  /* CLOCK_MONOTONIC */
	uint64_t used;    /* `tick` when last got or put: the least recently used goes first */
	pb_resp_body *body;
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[PB_RESP_CACHE_SLOTS];
static size_t bytes;
static uint64_t tick;
static atomic_uint_fast64_t epoch;

static int64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* the last pb_store_last_import, under `lock` */
static int64_t gen_value, gen_read_ms;
static uint64_t gen_epoch;
static int gen_known;

int pb_resp_cache_generation(pb_store *st, int64_t *generation)
{
	uint64_t ep = pb_resp_cache_epoch(); /* before the read: a bump meanwhile makes it stale */
	int64_t now = now_ms();
	pthread_mutex_lock(&lock);
	int fresh = gen_known && gen_epoch == ep && now - gen_read_ms <= PB_RESP_GENERATION_MAX_AGE_MS;
	*generation = gen_value;
	pthread_mutex_unlock(&lock);
	if (fresh)
		return 0;
	int rc = pb_store_last_import(st, generation);
	if (rc)
		return rc;
	pthread_mutex_lock(&lock);
	gen_value = *generation;
	gen_epoch = ep;
	gen_read_ms = now;
	gen_known = 1;
	pthread_mutex_unlock(&lock);
	return 0;
}

const char *pb_resp_body_data(const pb_resp_body *b, size_t *len)
{
	*len = b->len;
	return b->data;
}

int pb_resp_body_fd(const pb_resp_body *b)
{
	return b->fd;
}

void pb_resp_body_unref(pb_resp_body *b)
{
	if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
		if (b->fd >= 0)
			close(b->fd);
		free(b);
	}
}

/* The bytes in a memfd of their own, or -1 (then the body is sent from memory). */
static int make_fd(const char *data, size_t len)
{
	int fd = memfd_create("pb_resp_body", MFD_CLOEXEC);
	for (size_t done = 0; fd >= 0 && done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n <= 0) {
			close(fd);
			fd = -1;
		} else {
			done += (size_t)n;
		}
	}
	return fd;
}

uint64_t pb_resp_cache_epoch(void)
{
	return atomic_load(&epoch);
}

void pb_resp_cache_bump(void)
{
	atomic_fetch_add(&epoch, 1);
}

/* Empty slot `s` (under lock). */
static void drop(slot *s)
{
	bytes -= s->body->len;
	pb_resp_body_unref(s->body);
	memset(s, 0, sizeof(*s));
}

pb_resp_body *pb_resp_cache_get(const char *key, int64_t generation, uint64_t ep,
				unsigned max_age_ms)
{
	pb_resp_body *b = NULL;
	int64_t now = max_age_ms ? now_ms() : 0;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < PB_RESP_CACHE_SLOTS; i++) {
		slot *s = &slots[i];
		if (!s->key[0] || strcmp(s->key, key))
			continue;
		if (s->generation == generation && s->epoch == ep &&
		    (!max_age_ms || now - s->made_ms <= (int64_t)max_age_ms)) {
			b = s->body;
			atomic_fetch_add(&b->refs, 1);
			s->used = ++tick;
		}
		break; /* a key is in one slot at most */
	}
	pthread_mutex_unlock(&lock);
	return b;
}

int pb_resp_cache_put(pb_resp_body **out, const char *key, int64_t generation, uint64_t ep,
		      const char *data, size_t len)
{
	*out = NULL;
	size_t klen = strlen(key);
	if (!klen || klen >= PB_RESP_CACHE_KEY)
		return pb_error_set(PB_EINVAL, "缓存键过长 / cache key too long");
	pb_resp_body *b = malloc(sizeof(*b) + len);
	if (!b)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	atomic_init(&b->refs, 1); /* the caller's */
	b->len = len;
	memcpy(b->data, data, len);
	*out = b;
	if (len > PB_RESP_CACHE_BYTES / 4) {
		b->fd = -1;
		return 0;
	}
	b->fd = make_fd(data, len);

	pthread_mutex_lock(&lock);
	slot *s = NULL;
	for (size_t i = 0; i < PB_RESP_CACHE_SLOTS && !s; i++)
		if (slots[i].key[0] && !strcmp(slots[i].key, key))
			s = &slots[i];
	if (s)
		drop(s);
	/* room: a free slot, and the bytes under the bound, the least recently used out */
	for (;;) {
		slot *lru = NULL, *free_slot = NULL;
		for (size_t i = 0; i < PB_RESP_CACHE_SLOTS; i++) {
			if (!slots[i].key[0])
				free_slot = free_slot ? free_slot : &slots[i];
			else if (!lru || slots[i].used < lru->used)
				lru = &slots[i];
		}
		if (free_slot && bytes + len <= PB_RESP_CACHE_BYTES) {
			s = free_slot;
			break;
		}
		drop(lru); /* not NULL: a table without used slots has a free one and no bytes */
	}
	memcpy(s->key, key, klen + 1);
	s->generation = generation;
	s->epoch = ep;
	s->made_ms = now_ms();
	s->used = ++tick;
	s->body = b;
	atomic_fetch_add(&b->refs, 1); /* the slot's */
	bytes += len;
	pthread_mutex_unlock(&lock);
	return 0;
}

void pb_resp_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < PB_RESP_CACHE_SLOTS; i++)
		if (slots[i].key[0])
			drop(&slots[i]);
	gen_known = 0;
	pthread_mutex_unlock(&lock);
}
