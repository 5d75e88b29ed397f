/*
 * session_cache.c - recently checked sessions; see session_cache.h.
 *
 * A direct-mapped table: a token's hash picks its slot, a newer session in the same slot
 * replaces the older (which is then looked up again: a miss costs what no cache does).
 * Invariant (under `lock`): a slot with `used` holds a user that pb_store_session_user
 * returned for the token of `hash` under the epoch `epoch`, at `made_ms`.
 */
#include "session_cache.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "resp_cache.h"
#include "store_user.h"

enum { SLOTS = 256, HASH = 32 };

typedef struct entry {
	unsigned char hash[HASH];
	int used;
	uint64_t epoch;
	int64_t made_ms; /* CLOCK_MONOTONIC */
	pb_user user;
	char csrf[65];
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry slots[SLOTS];
static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ok;

/* the store inits libsodium too, but the hash below may come first */
static void init_sodium(void)
{
	sodium_ok = sodium_init() >= 0;
}

int pb_session_cache_get(pb_user *u, char csrf[65], pb_store *st, const char *token, int64_t now)
{
	pthread_once(&sodium_once, init_sodium);
	if (!sodium_ok) /* no hash: no cache */
		return pb_store_session_user(u, csrf, st, token, now);
	unsigned char h[HASH];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	uint64_t ep = pb_resp_cache_epoch(); /* before the lookup: see session_cache.h */
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	int64_t ms = (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
	entry *e = &slots[(h[0] | (unsigned)h[1] << 8) % SLOTS];

	pthread_mutex_lock(&lock);
	int hit = e->used && e->epoch == ep && ms - e->made_ms <= PB_SESSION_CACHE_MAX_AGE_MS &&
		  sodium_memcmp(e->hash, h, HASH) == 0;
	if (hit) {
		*u = e->user;
		memcpy(csrf, e->csrf, sizeof(e->csrf));
	}
	pthread_mutex_unlock(&lock);
	if (hit)
		return 0;

	int rc = pb_store_session_user(u, csrf, st, token, now);
	if (rc == 0) {
		pthread_mutex_lock(&lock);
		memcpy(e->hash, h, HASH);
		e->used = 1;
		e->epoch = ep;
		e->made_ms = ms;
		e->user = *u;
		memcpy(e->csrf, csrf, sizeof(e->csrf));
		pthread_mutex_unlock(&lock);
	}
	return rc;
}

void pb_session_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	sodium_memzero(slots, sizeof(slots));
	pthread_mutex_unlock(&lock);
}
