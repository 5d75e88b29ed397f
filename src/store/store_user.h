/*
 * store_user.h - accounts, their sessions, login throttling and the park assignments
 * (tables users, user_parks, sessions, login_attempts; migration 4).
 *
 * Passwords are kept only as argon2id hashes (libsodium crypto_pwhash_str, interactive
 * limits: store_user.c says why); a session is a random 256-bit token given to the browser in a cookie, of
 * which the store keeps only the SHA-256, with its CSRF token and its expiry. Every
 * change (a user added, changed, disabled or enabled, a password reset or changed, a
 * login, a logout) goes to the audit log in the same transaction, with who made it and,
 * from the web, the address it came from.
 */
#ifndef PB_STORE_USER_H
#define PB_STORE_USER_H

#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "store.h"

/* A user as added or listed; strings owned by the caller (add) or the list (list). */
typedef struct pb_user_record {
	int64_t id;
	const char *name, *display;
	pb_role role;
	const int64_t *parks;      /* park ids (park role) */
	size_t nparks;
	int64_t enterprise_id;     /* enterprise role */
	int disabled;
	const char *created_at, *last_login_at;
} pb_user_record;

/**
 * Add a user with `password` (checked with pb_auth_password_check, hashed with argon2id)
 * in one transaction, audited as `by`. Sets rec->id. Returns 0, PB_EEXISTS (the name is
 * taken), PB_EINVAL (a bad name, password, or the role's invariants broken: a park user
 * without parks, an unknown park or enterprise) or PB_ESTORE.
 */
int pb_store_user_add(pb_store *st, pb_user_record *rec, const char *password, const char *by);

/** Change `name`'s password (checked, hashed), ending its sessions; audited. Returns 0,
 * PB_ENOTFOUND, PB_EINVAL or PB_ESTORE. (pb_store_user_update with only a password.) */
int pb_store_user_passwd(pb_store *st, const char *name, const char *password, const char *by);

/*
 * A change to an account by an administrator: each part applies when it is set, the rest
 * is kept. The scope follows the role: parks not given are kept while the (new) role is
 * park and dropped otherwise; likewise the enterprise for the enterprise role. Strings and
 * the park array are the caller's.
 */
typedef struct pb_user_change {
	const char *display;  /* NULL: kept */
	int set_role;         /* 1: `role` is the new role */
	pb_role role;
	int set_parks;        /* 1: `parks` (nparks ids) are the park user's new parks */
	const int64_t *parks;
	size_t nparks;
	int set_enterprise;   /* 1: `enterprise_id` is the enterprise user's new enterprise */
	int64_t enterprise_id;
	int disabled;         /* -1 kept, 0 enable, 1 disable (ends every session of the user) */
	const char *password; /* NULL: kept; else a reset (checked, hashed; ends its sessions) */
} pb_user_change;

/* pb_user_change with nothing set (disabled -1): start from this. */
#define PB_USER_CHANGE_NONE ((pb_user_change){ .disabled = -1 })

/**
 * Apply `c` to user `name` in one transaction, audited as `by` from address `ip` (NULL:
 * the command line): "user.update" (display, role, parks, enterprise: from and to),
 * "user.disable" / "user.enable", "user.passwd" - each only when it changes something.
 * The last enabled administrator can be neither disabled nor given another role: the
 * zone would be left without anyone to manage its users. Returns 0, PB_ENOTFOUND (no such
 * user), PB_EINVAL (a bad display name or password, or the role's invariants broken: see
 * pb_store_user_add; the message names the part), PB_EREJECTED (the last administrator)
 * or PB_ESTORE. Nothing is written when it fails.
 */
int pb_store_user_update(pb_store *st, const char *name, const pb_user_change *c, const char *by,
			 const char *ip);

/** User `name` as listed: *out is one record owned by the caller (pb_user_records_free(*out,
 * 1)). Returns 0, PB_ENOTFOUND or PB_ESTORE. */
int pb_store_user_get(pb_user_record **out, pb_store *st, const char *name);

/** Every user, by name: *out (n entries) and its strings are owned by the caller and freed
 * with pb_user_records_free. */
int pb_store_user_list(pb_user_record **out, size_t *n, pb_store *st);
void pb_user_records_free(pb_user_record *l, size_t n);

/* Login throttling: after PB_LOGIN_MAX_FAILURES failures for one name or one address
 * within PB_LOGIN_WINDOW_S seconds, logins for it are refused until the window passes. */
enum { PB_LOGIN_MAX_FAILURES = 5, PB_LOGIN_WINDOW_S = 900, PB_SESSION_TTL_S = 8 * 3600 };

/* A new session: the token for the cookie and the CSRF token for the page, both 64 hex
 * characters, NUL-terminated. */
typedef struct pb_session {
	char token[65];
	char csrf[65];
	int64_t expires_at; /* Unix seconds */
} pb_session;

/**
 * Check name and password from address `ip` at time `now` (Unix seconds) and on success
 * open a session (*s) and fill *u. Every attempt is recorded and audited. Returns 0,
 * PB_EREJECTED (wrong name or password - the message does not say which - or a disabled
 * user; *retry_after 0), PB_EREJECTED with *retry_after > 0 when throttled (the message
 * says how long to wait), or PB_ESTORE.
 */
int pb_store_login(pb_session *s, pb_user *u, int64_t *retry_after, pb_store *st,
		   const char *name, const char *password, const char *ip, int64_t now);

/**
 * The user of session `token` at time `now`: fills *u and copies its CSRF token into
 * csrf[65]. Returns 0, PB_ENOTFOUND (no such session, expired, or its user disabled) or
 * PB_ESTORE. Reads only (no write per request): an expired session is deleted by the
 * next login of anyone.
 */
int pb_store_session_user(pb_user *u, char csrf[65], pb_store *st, const char *token,
			  int64_t now);

/** End a session (logout); audited. Returns 0 (also when there is none) or PB_ESTORE. */
int pb_store_logout(pb_store *st, const char *token, const char *ip);

/**
 * The signed-in user of session `token` changes its own password from `current` to
 * `password` (checked with pb_auth_password_check; it must differ from the current one).
 * On success every other session of the user ends and this one is kept; audited as
 * "user.password". A wrong current password counts as a failed login (recorded, audited as
 * "user.password_failed"), so that a stolen session cannot guess the password faster than
 * the sign-in page lets it; while the name or the address is throttled nothing is checked.
 * Returns 0; PB_EINVAL (the new password is refused: nothing recorded); PB_EREJECTED (the
 * current password is wrong, *retry_after 0; or throttled, *retry_after > 0 seconds);
 * PB_ENOTFOUND (no such session, or it expired); PB_ESTORE.
 */
int pb_store_password_change(int64_t *retry_after, pb_store *st, const char *token,
			     const char *current, const char *password, const char *ip,
			     int64_t now);

/* ---- naming a user's scope (the CLI and the API take parks by name, the enterprise by
 * USCC, and show them so) ---------------------------------------------------------------- */

/** The id of the park called `name`: 0, or PB_ENOTFOUND naming it, or PB_ESTORE. */
int pb_store_park_id(int64_t *id, pb_store *st, const char *name);

/** The id of the enterprise with USCC `uscc`: 0, PB_ENOTFOUND naming it, or PB_ESTORE. */
int pb_store_enterprise_id(int64_t *id, pb_store *st, const char *uscc);

/** The name of park `id` (truncated to n - 1 bytes): 0, PB_ENOTFOUND or PB_ESTORE. */
int pb_store_park_name(char *out, size_t n, pb_store *st, int64_t id);

/** The USCC and name of enterprise `id` (uscc[19], name truncated to n - 1 bytes; either
 * may be NULL): 0, PB_ENOTFOUND or PB_ESTORE. */
int pb_store_enterprise_name(char uscc[19], char *name, size_t n, pb_store *st, int64_t id);

#endif
