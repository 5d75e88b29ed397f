/*
 * session_cache.h - the users of sessions recently checked, so that a burst of requests
 * of one session costs one database lookup, not one each: the lookup prepares a SQL
 * join every time (pb_store_session_user), which was 40% of the server's time on a
 * cached cockpit body.
 *
 * Why it stays correct: an entry is used only while the change epoch (resp_cache.h) is
 * the one read before its lookup, and for PB_SESSION_CACHE_MAX_AGE_MS at most. Every change
 * request the server handles bumps the epoch after it, so a logout, a password change or
 * a user disabled through this server ends the cached sessions at once; only the same
 * done by another process (`parkbrain user ...`) or a session's expiry is seen up to that
 * age late. Entries are found by a BLAKE2b hash of the token, compared in constant time;
 * the token itself is not kept. Thread-safe; process-wide, like
 * the cube (cube_cache.h): one server per process, whose pb_http_stop clears it.
 */
#ifndef PB_SESSION_CACHE_H
#define PB_SESSION_CACHE_H

#include <stdint.h>

#include "auth.h"
#include "store.h"

enum { PB_SESSION_CACHE_MAX_AGE_MS = 1000 };

/**
 * pb_store_session_user through the cache: fills *u and csrf[65] for `token` at `now`.
 * Returns what pb_store_session_user returns (only its successes are kept).
 */
int pb_session_cache_get(pb_user *u, char csrf[65], pb_store *st, const char *token,
			  int64_t now);

/** Forget every entry (the server stopping). */
void pb_session_cache_clear(void);

#endif
