/*
 * store_user.c - accounts, sessions and login throttling; see store_user.h.
 *
 * Passwords: argon2id through libsodium's crypto_pwhash_str with the INTERACTIVE limits
 * (2 passes, 64 MiB). A web login hashes on the request path of a server with a few
 * worker threads: the MODERATE limits (256 MiB, ~0.7 s) would let a handful of parallel
 * logins take a gigabyte and seconds of every worker; INTERACTIVE is libsodium's
 * recommendation for online logins, and the throttling below caps guessing anyway. The
 * hash string carries its own parameters, so raising them later only needs new hashes
 * (crypto_pwhash_str_needs_rehash at login) - not a migration.
 *
 * A login hashes outside any transaction (it takes ~0.1 s and must not hold the write
 * lock), then writes the attempt, the audit entry and the session in one transaction,
 * checking the throttle again there. An unknown name is verified against a dummy hash so
 * it takes as long as a wrong password.
 *
 * Every statement is prepared and every value bound; audit details are built by SQLite's
 * json_object(), so user text is escaped by the database. No password, token or hash is
 * ever written to the audit log.
 */
#include "store_user.h"

#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "store_internal.h"
#include "text.h"

enum { USER_NAME_MIN = 2, USER_NAME_MAX = 63, DISPLAY_MAX = 127, TOKEN_BYTES = 32, HEX_LEN = 64 };

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* ---- libsodium, once ------------------------------------------------------------------- */

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_ready;
/* the hash an unknown name's password is checked against (a random password's) */
static char dummy_hash[crypto_pwhash_STRBYTES];

static int hash_password(char out[crypto_pwhash_STRBYTES], const char *password)
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return pb_error_set(PB_ENOMEM, "内存不足，无法计算密码哈希 / out of memory hashing "
				    "the password");
	return 0;
}

static void init_sodium(void)
{
	if (sodium_init() < 0)
		return;
	unsigned char pw[TOKEN_BYTES];
	char hex[2 * TOKEN_BYTES + 1];
	randombytes_buf(pw, sizeof(pw));
	sodium_bin2hex(hex, sizeof(hex), pw, sizeof(pw));
	if (hash_password(dummy_hash, hex) == 0)
		sodium_ready = 1;
	sodium_memzero(hex, sizeof(hex));
}

static int crypto_ready(void)
{
	pthread_once(&sodium_once, init_sodium);
	return sodium_ready ? 0 : pb_error_set(PB_ERROR, "libsodium 初始化失败 / libsodium failed "
					       "to initialise");
}

/* 32 random bytes as 64 lowercase hex characters. */
static void random_hex(char out[HEX_LEN + 1])
{
	unsigned char b[TOKEN_BYTES];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, HEX_LEN + 1, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* The hex SHA-256 of a session token: what the sessions table keeps. */
static void token_hash(char out[HEX_LEN + 1], const char *token)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, HEX_LEN + 1, h, sizeof(h));
}

/* A token as this store hands them out: 64 lowercase hex characters. */
static int token_well_formed(const char *t)
{
	if (!t || strlen(t) != HEX_LEN)
		return 0;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

/* ---- small statements ------------------------------------------------------------------ */

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* Run a statement with n texts bound to ?1..?n (a NULL text binds SQL NULL). */
static int run_texts(pb_store *st, const char *sql, const char *what, int n, ...)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	va_list ap;
	va_start(ap, n);
	for (int i = 1; i <= n; i++)
		bind_text_or_null(s, i, va_arg(ap, const char *));
	va_end(ap);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, what);
	pb_store_finalize(st, s);
	return rc;
}

/* Audit `action` on users with detail {"name": name, "ip": ip, ...extra} (extra: a JSON
 * object merged in, or NULL). */
static int audit(pb_store *st, const char *by, const char *action, const char *name,
		 const char *ip, const char *extra)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_patch(json_object('name', ?1, 'ip', ?2),"
					       " coalesce(?3, '{}'))");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	bind_text_or_null(s, 2, ip);
	bind_text_or_null(s, 3, extra);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, by, action, "users", (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	return rc;
}

/* 1 when `sql` (?1 bound to id) returns a row, 0 when not, or a negative error. */
static int exists_id(pb_store *st, const char *sql, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s);
	int rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : pb_store_db_error(st, "exists");
	pb_store_finalize(st, s);
	return rc;
}

/* ---- users ------------------------------------------------------------------------------ */

/* Login names: 2..63 of a-z 0-9 . _ - @, starting with a letter or digit (ASCII only, so
 * that one name is never two lookalikes, and lower case, so that case never matters). */
static int check_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	int ok = n >= USER_NAME_MIN && n <= USER_NAME_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = name[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		ok = alnum || (i > 0 && (c == '.' || c == '_' || c == '-' || c == '@'));
	}
	if (!ok)
		return pb_error_set(PB_EINVAL, "用户名「%s」无效：应为 2 到 63 个小写字母、数字或 . _ - @，"
				    "以字母或数字开头 / invalid login name \"%s\": 2 to 63 lower-case "
				    "letters, digits or . _ - @, starting with a letter or digit",
				    name ? name : "", name ? name : "");
	return 0;
}

static int check_display(const char *d)
{
	size_t n = strlen(d);
	if (n > DISPLAY_MAX || !pb_text_valid(d, n) || strpbrk(d, "\t\r\n"))
		return pb_error_set(PB_EINVAL, "显示名无效（最多 %d 字节，不含控制字符）/ invalid display "
				    "name (at most %d bytes, no control characters)", DISPLAY_MAX,
				    DISPLAY_MAX);
	return 0;
}

/* A park user has 1..PB_AUTH_MAX_PARKS parks and no enterprise; an enterprise user an
 * enterprise and no parks; the other roles neither. */
static int check_role(const pb_user_record *r)
{
	const char *k = pb_role_key(r->role);
	if (!k)
		return pb_error_set(PB_EINVAL, "角色无效 / invalid role");
	if (r->role == PB_ROLE_PARK && (r->nparks == 0 || !r->parks))
		return pb_error_set(PB_EINVAL, "园区操作员须指定至少一个园区 / a park user needs at "
				    "least one park");
	if (r->nparks > PB_AUTH_MAX_PARKS)
		return pb_error_set(PB_EINVAL, "园区过多（最多 %d 个）/ too many parks (at most %d)",
				    PB_AUTH_MAX_PARKS, PB_AUTH_MAX_PARKS);
	if (r->role != PB_ROLE_PARK && r->nparks > 0)
		return pb_error_set(PB_EINVAL, "只有园区操作员可指定园区（角色 %s）/ only a park user "
				    "has parks (role %s)", k, k);
	if (r->role == PB_ROLE_ENTERPRISE && r->enterprise_id <= 0)
		return pb_error_set(PB_EINVAL, "企业用户须指定所属企业 / an enterprise user needs its "
				    "enterprise");
	if (r->role != PB_ROLE_ENTERPRISE && r->enterprise_id != 0)
		return pb_error_set(PB_EINVAL, "只有企业用户可指定企业（角色 %s）/ only an enterprise "
				    "user has an enterprise (role %s)", k, k);
	return 0;
}

/* The parks and the enterprise named exist. */
static int check_scope_exists(pb_store *st, const pb_user_record *r)
{
	for (size_t i = 0; i < r->nparks; i++) {
		int e = exists_id(st, "SELECT 1 FROM parks WHERE id = ?", r->parks[i]);
		if (e < 0)
			return e;
		if (!e)
			return pb_error_set(PB_EINVAL, "园区 #%lld 不存在 / no park #%lld",
					    (long long)r->parks[i], (long long)r->parks[i]);
	}
	if (r->enterprise_id) {
		int e = exists_id(st, "SELECT 1 FROM enterprises WHERE id = ?", r->enterprise_id);
		if (e < 0)
			return e;
		if (!e)
			return pb_error_set(PB_EINVAL, "企业 #%lld 不存在 / no enterprise #%lld",
					    (long long)r->enterprise_id, (long long)r->enterprise_id);
	}
	return 0;
}

static int insert_user(pb_store *st, pb_user_record *r, const char *hash)
{
	sqlite3_stmt *s = pb_store_prepare(st, "INSERT INTO users (name, display, role, password_hash,"
					       " enterprise_id) VALUES (?, ?, ?, ?, ?)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->display, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pb_role_key(r->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, hash, -1, SQLITE_STATIC);
	if (r->enterprise_id)
		sqlite3_bind_int64(s, 5, r->enterprise_id);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	if (rc)
		return rc;
	r->id = sqlite3_last_insert_rowid(pb_store_sqlite(st));
	s = pb_store_prepare(st, "INSERT OR IGNORE INTO user_parks (user_id, park_id) VALUES (?, ?)");
	if (!s)
		return PB_ESTORE;
	for (size_t i = 0; !rc && i < r->nparks; i++) {
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, r->parks[i]);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "user_parks");
		sqlite3_reset(s);
	}
	pb_store_finalize(st, s);
	return rc;
}

/* The audit detail of an added user: role, display, parks, enterprise. */
static int add_detail(char *out, size_t n, const pb_user_record *r)
{
	size_t len = (size_t)snprintf(out, n, "{\"role\":\"%s\",\"parks\":[", pb_role_key(r->role));
	for (size_t i = 0; i < r->nparks && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%lld", i ? "," : "", (long long)r->parks[i]);
	if (len < n)
		len += (size_t)snprintf(out + len, n - len, "],\"enterprise_id\":%lld}",
					(long long)r->enterprise_id);
	return len < n ? 0 : oom();
}

int pb_store_user_add(pb_store *st, pb_user_record *rec, const char *password, const char *by)
{
	int rc = crypto_ready();
	if (rc)
		return rc;
	const char *display = rec->display && *rec->display ? rec->display : rec->name;
	if ((rc = check_name(rec->name)) || (rc = check_display(display)) || (rc = check_role(rec)) ||
	    (rc = pb_auth_password_check(rec->name, password)))
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	if ((rc = hash_password(hash, password)))
		return rc;
	pb_user_record r = *rec;
	r.display = display;
	char detail[64 + PB_AUTH_MAX_PARKS * 21];
	if ((rc = add_detail(detail, sizeof(detail), &r)) || (rc = pb_store_begin(st)))
		return rc;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT 1 FROM users WHERE name = ?");
	if (!s)
		rc = PB_ESTORE;
	else {
		sqlite3_bind_text(s, 1, r.name, -1, SQLITE_STATIC);
		int step = sqlite3_step(s);
		if (step == SQLITE_ROW)
			rc = pb_error_set(PB_EEXISTS, "用户名「%s」已被使用 / the login name \"%s\" is "
					  "taken", r.name, r.name);
		else if (step != SQLITE_DONE)
			rc = pb_store_db_error(st, "users");
		pb_store_finalize(st, s);
	}
	if (!rc)
		rc = check_scope_exists(st, &r);
	if (!rc)
		rc = insert_user(st, &r, hash);
	if (!rc)
		rc = audit(st, by, "user.add", r.name, NULL, detail);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc) {
		pb_store_rollback(st);
		return rc;
	}
	rec->id = r.id;
	return 0;
}

/* The parks of user `id`, by id, into u (at most PB_AUTH_MAX_PARKS). */
static int load_parks(pb_store *st, int64_t id, int64_t *parks, size_t *n)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT park_id FROM user_parks WHERE user_id = ?"
					   " ORDER BY park_id");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step;
	*n = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (*n < PB_AUTH_MAX_PARKS)
			parks[(*n)++] = sqlite3_column_int64(s, 0);
	int rc = step == SQLITE_DONE ? 0 : pb_store_db_error(st, "user_parks");
	pb_store_finalize(st, s);
	return rc;
}

void pb_user_records_free(pb_user_record *l, size_t n)
{
	for (size_t i = 0; l && i < n; i++) {
		free((char *)l[i].name);
		free((char *)l[i].display);
		free((char *)l[i].created_at);
		free((char *)l[i].last_login_at);
		free((int64_t *)l[i].parks);
	}
	free(l);
}

static int read_record(pb_store *st, sqlite3_stmt *s, pb_user_record *r)
{
	int failed = 0;
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->name = pb_store_column_dup(s, 1, &failed);
	r->display = pb_store_column_dup(s, 2, &failed);
	/* the table's CHECK admits only the five keys */
	pb_role_parse(&r->role, (const char *)sqlite3_column_text(s, 3));
	r->enterprise_id = sqlite3_column_int64(s, 4);
	r->disabled = sqlite3_column_int(s, 5);
	r->created_at = pb_store_column_dup(s, 6, &failed);
	r->last_login_at = pb_store_column_dup(s, 7, &failed);
	if (failed)
		return oom();
	int64_t parks[PB_AUTH_MAX_PARKS];
	size_t np = 0;
	int rc = load_parks(st, r->id, parks, &np);
	if (rc || np == 0)
		return rc;
	int64_t *p = malloc(np * sizeof(*p));
	if (!p)
		return oom();
	memcpy(p, parks, np * sizeof(*p));
	r->parks = p;
	r->nparks = np;
	return 0;
}

int pb_store_user_list(pb_user_record **out, size_t *n, pb_store *st)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT id, name, display, role, enterprise_id, disabled,"
					   " created_at, last_login_at FROM users ORDER BY name");
	if (!s)
		return PB_ESTORE;
	pb_user_record *l = NULL;
	size_t cap = 0, len = 0;
	int rc = 0, step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			size_t c = cap ? cap * 2 : 16;
			pb_user_record *nl = realloc(l, c * sizeof(*nl));
			if (!nl) {
				rc = oom();
				break;
			}
			l = nl;
			cap = c;
		}
		rc = read_record(st, s, &l[len]);
		len++; /* a half-read record is freed with the others */
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	if (rc) {
		pb_user_records_free(l, len);
		return rc;
	}
	*out = l;
	*n = len;
	return 0;
}

/* ---- logins ----------------------------------------------------------------------------- */

/* A user row as a login needs it. */
typedef struct login_row {
	int found, disabled;
	pb_user u;
	char hash[crypto_pwhash_STRBYTES];
} login_row;

/* Fill u from a row of (id, name, display, role, enterprise_id) at column `c`, and its parks. */
static int fill_user(pb_user *u, pb_store *st, sqlite3_stmt *s, int c)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, c);
	const char *name = (const char *)sqlite3_column_text(s, c + 1);
	const char *display = (const char *)sqlite3_column_text(s, c + 2);
	snprintf(u->name, sizeof(u->name), "%s", name ? name : "");
	snprintf(u->display, sizeof(u->display), "%s", display ? display : "");
	pb_role_parse(&u->role, (const char *)sqlite3_column_text(s, c + 3));
	u->enterprise_id = sqlite3_column_int64(s, c + 4);
	return load_parks(st, u->id, u->parks, &u->nparks);
}

static int find_login(login_row *r, pb_store *st, const char *name)
{
	memset(r, 0, sizeof(*r));
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT id, name, display, role, enterprise_id,"
					   " disabled, password_hash FROM users WHERE name = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW) {
		r->found = 1;
		r->disabled = sqlite3_column_int(s, 5);
		const char *h = (const char *)sqlite3_column_text(s, 6);
		snprintf(r->hash, sizeof(r->hash), "%s", h ? h : "");
		rc = fill_user(&r->u, st, s, 0);
	} else if (step != SQLITE_DONE)
		rc = pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	return rc;
}

/* Seconds until `col` = key has fewer than PB_LOGIN_MAX_FAILURES failures in the window
 * ending at now: the MAX-th most recent failure leaves the window at its time + WINDOW. */
static int throttled_for(int64_t *wait, pb_store *st, const char *sql, const char *key,
			 int64_t now)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now - PB_LOGIN_WINDOW_S);
	sqlite3_bind_int(s, 3, PB_LOGIN_MAX_FAILURES - 1);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW) {
		int64_t w = sqlite3_column_int64(s, 0) + PB_LOGIN_WINDOW_S - now;
		if (w > *wait)
			*wait = w;
	} else if (step != SQLITE_DONE)
		rc = pb_store_db_error(st, "login_attempts");
	pb_store_finalize(st, s);
	return rc;
}

/* How long logins for name and ip are refused (0: not throttled). */
static int throttle(int64_t *wait, pb_store *st, const char *name, const char *ip, int64_t now)
{
	*wait = 0;
	int rc = throttled_for(wait, st, "SELECT at FROM login_attempts WHERE name = ?1 AND ok = 0"
			       " AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3", name, now);
	if (!rc && ip && *ip)
		rc = throttled_for(wait, st, "SELECT at FROM login_attempts WHERE ip = ?1 AND ok = 0"
				   " AND at > ?2 ORDER BY at DESC LIMIT 1 OFFSET ?3", ip, now);
	return rc;
}

static int record_attempt(pb_store *st, const char *name, const char *ip, int64_t now, int ok)
{
	sqlite3_stmt *s = pb_store_prepare(st, "INSERT INTO login_attempts (name, ip, at, ok)"
					   " VALUES (?, ?, ?, ?)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_int(s, 4, ok);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "login_attempts");
	pb_store_finalize(st, s);
	return rc;
}

/* What a login keeps small: expired sessions, attempts that left the window (the audit
 * log keeps every attempt). */
static int sweep(pb_store *st, int64_t now)
{
	sqlite3_stmt *s = pb_store_prepare(st, "DELETE FROM sessions WHERE expires_at <= ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, now);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "sessions");
	pb_store_finalize(st, s);
	if (rc || !(s = pb_store_prepare(st, "DELETE FROM login_attempts WHERE at <= ?")))
		return rc ? rc : PB_ESTORE;
	sqlite3_bind_int64(s, 1, now - PB_LOGIN_WINDOW_S);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "login_attempts");
	pb_store_finalize(st, s);
	return rc;
}

static int open_session(pb_session *ses, pb_store *st, int64_t user_id, const char *ip,
			int64_t now)
{
	char hash[HEX_LEN + 1];
	random_hex(ses->token);
	random_hex(ses->csrf);
	ses->expires_at = now + PB_SESSION_TTL_S;
	token_hash(hash, ses->token);
	sqlite3_stmt *s = pb_store_prepare(st, "INSERT INTO sessions (token_hash, user_id, csrf,"
					   " created_at, expires_at, ip) VALUES (?, ?, ?, ?, ?, ?)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_text(s, 3, ses->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, now);
	sqlite3_bind_int64(s, 5, ses->expires_at);
	sqlite3_bind_text(s, 6, ip, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "sessions");
	pb_store_finalize(st, s);
	if (rc)
		return rc;
	s = pb_store_prepare(st, "UPDATE users SET last_login_at = strftime('%Y-%m-%dT%H:%M:%SZ', ?,"
			     " 'unixepoch') WHERE id = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, user_id);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	return rc;
}

static int throttled_error(int64_t wait)
{
	long long min = (wait + 59) / 60;
	return pb_error_set(PB_EREJECTED, "登录失败次数过多，请 %lld 分钟后再试 / too many failed "
			    "logins; try again in %lld seconds", min, (long long)wait);
}

/* The attempt's outcome, decided before the transaction. */
enum { OUT_OK, OUT_WRONG, OUT_DISABLED };

int pb_store_login(pb_session *ses, pb_user *u, int64_t *retry_after, pb_store *st,
		   const char *name_in, const char *password, const char *ip_in, int64_t now)
{
	memset(ses, 0, sizeof(*ses));
	memset(u, 0, sizeof(*u));
	*retry_after = 0;
	int rc = crypto_ready();
	if (rc)
		return rc;
	/* what is recorded of the name: at most USER_NAME_MAX bytes (no user has a longer one) */
	char name[USER_NAME_MAX + 1], ip[64];
	snprintf(name, sizeof(name), "%s", name_in ? name_in : "");
	snprintf(ip, sizeof(ip), "%s", ip_in ? ip_in : "");
	if (!password)
		password = "";

	/* 1. refused early when throttled: no hashing for a throttled name */
	int64_t wait = 0;
	login_row row;
	if ((rc = throttle(&wait, st, name, ip, now)))
		return rc;
	if (!wait && (rc = find_login(&row, st, name)))
		return rc;
	/* 2. the password, outside any transaction; an unknown name costs the same */
	int outcome = OUT_WRONG;
	if (!wait) {
		int match = crypto_pwhash_str_verify(row.found ? row.hash : dummy_hash, password,
						     strlen(password)) == 0;
		if (match && row.found)
			outcome = row.disabled ? OUT_DISABLED : OUT_OK;
		sodium_memzero(row.hash, sizeof(row.hash));
	}
	/* 3. record, audit and open the session in one transaction, throttle checked again */
	if ((rc = pb_store_begin(st)))
		return rc;
	if (!wait)
		rc = throttle(&wait, st, name, ip, now);
	if (!rc && wait)
		rc = audit(st, name, "user.login_throttled", name, ip, NULL);
	else if (!rc) {
		rc = record_attempt(st, name, ip, now, outcome == OUT_OK);
		if (!rc)
			rc = audit(st, name, outcome == OUT_OK ? "user.login" : "user.login_failed", name,
				   ip, outcome == OUT_DISABLED ? "{\"disabled\":true}" : NULL);
		if (!rc && outcome == OUT_OK)
			rc = sweep(st, now);
		if (!rc && outcome == OUT_OK)
			rc = open_session(ses, st, row.u.id, ip, now);
	}
	if (!rc)
		rc = pb_store_commit(st);
	if (rc) {
		pb_store_rollback(st);
		memset(ses, 0, sizeof(*ses));
		return rc;
	}
	if (wait) {
		*retry_after = wait;
		return throttled_error(wait);
	}
	if (outcome == OUT_DISABLED)
		return pb_error_set(PB_EREJECTED, "账户已停用，请联系管理员 / the account is disabled; "
				    "ask an administrator");
	if (outcome != OUT_OK)
		return pb_error_set(PB_EREJECTED, "用户名或密码错误 / wrong name or password");
	*u = row.u;
	return 0;
}

int pb_store_session_user(pb_user *u, char csrf[65], pb_store *st, const char *token,
			  int64_t now)
{
	memset(u, 0, sizeof(*u));
	csrf[0] = '\0';
	if (!token_well_formed(token))
		return pb_error_set(PB_ENOTFOUND, "会话不存在或已过期 / no such session, or it expired");
	int rc = crypto_ready();
	if (rc)
		return rc;
	char hash[HEX_LEN + 1];
	token_hash(hash, token);
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT u.id, u.name, u.display, u.role, u.enterprise_id,"
					   " s.token_hash, s.csrf, s.expires_at FROM sessions s JOIN"
					   " users u ON u.id = s.user_id WHERE s.token_hash = ? AND"
					   " u.disabled = 0");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(s, 5);
		const char *c = (const char *)sqlite3_column_text(s, 6);
		/* the index found it; compared again in constant time all the same */
		if (!h || strlen(h) != HEX_LEN || sodium_memcmp(h, hash, HEX_LEN) != 0 || !c ||
		    strlen(c) != HEX_LEN || sqlite3_column_int64(s, 7) <= now)
			step = SQLITE_DONE;
		else {
			memcpy(csrf, c, HEX_LEN + 1);
			rc = fill_user(u, st, s, 0);
		}
	}
	if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "会话不存在或已过期 / no such session, or it expired");
	else if (step != SQLITE_ROW)
		rc = pb_store_db_error(st, "sessions");
	pb_store_finalize(st, s);
	if (rc) {
		memset(u, 0, sizeof(*u));
		csrf[0] = '\0';
	}
	return rc;
}

int pb_store_logout(pb_store *st, const char *token, const char *ip)
{
	if (!token_well_formed(token))
		return 0;
	int rc = crypto_ready();
	if (rc || (rc = pb_store_begin(st)))
		return rc;
	char hash[HEX_LEN + 1], name[USER_NAME_MAX + 1] = "";
	token_hash(hash, token);
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT u.name FROM sessions s JOIN users u ON"
					   " u.id = s.user_id WHERE s.token_hash = ?");
	if (!s)
		rc = PB_ESTORE;
	else {
		sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
		int step = sqlite3_step(s);
		if (step == SQLITE_ROW)
			snprintf(name, sizeof(name), "%s", (const char *)sqlite3_column_text(s, 0));
		else if (step != SQLITE_DONE)
			rc = pb_store_db_error(st, "sessions");
		pb_store_finalize(st, s);
	}
	if (!rc && *name) {
		rc = run_texts(st, "DELETE FROM sessions WHERE token_hash = ?", "sessions", 1, hash);
		if (!rc)
			rc = audit(st, name, "user.logout", name, ip ? ip : "", NULL);
	}
	if (!rc)
		rc = pb_store_commit(st);
	if (rc)
		pb_store_rollback(st);
	return rc;
}

/* ---- changes by an administrator ------------------------------------------------------- */

int pb_store_user_get(pb_user_record **out, pb_store *st, const char *name)
{
	*out = NULL;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT id, name, display, role, enterprise_id, disabled,"
					   " created_at, last_login_at FROM users WHERE name = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, name ? name : "", -1, SQLITE_STATIC);
	int step = sqlite3_step(s), rc = 0;
	pb_user_record *r = NULL;
	if (step == SQLITE_ROW) {
		r = calloc(1, sizeof(*r));
		rc = r ? read_record(st, s, r) : oom();
	} else if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "没有用户「%s」/ no user \"%s\"", name ? name : "",
				  name ? name : "");
	else
		rc = pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	if (rc) {
		pb_user_records_free(r, r ? 1 : 0);
		return rc;
	}
	*out = r;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The ids sorted and without repeats (in place); returns how many are left. */
static size_t sort_unique(int64_t *ids, size_t n)
{
	if (n < 2)
		return n;
	qsort(ids, n, sizeof(*ids), cmp_id);
	size_t k = 1;
	for (size_t i = 1; i < n; i++)
		if (ids[i] != ids[k - 1])
			ids[k++] = ids[i];
	return k;
}

/* The account as it is and as it will be, for the checks, the writes and the audit. */
typedef struct user_state {
	char display[DISPLAY_MAX + 1];
	pb_role role;
	int64_t parks[PB_AUTH_MAX_PARKS];
	size_t nparks;
	int64_t enterprise_id;
	int disabled;
} user_state;

/* The new state: `c` applied to `old`, the scope following the role (store_user.h). */
static int apply_change(user_state *to, const user_state *old, const pb_user_change *c)
{
	*to = *old;
	if (c->display) {
		int rc = check_display(c->display);
		if (rc)
			return rc;
		/* an empty display name shows the login name, as when adding */
		snprintf(to->display, sizeof(to->display), "%s", c->display);
	}
	if (c->set_role)
		to->role = c->role;
	if (c->set_parks) {
		if (c->nparks > PB_AUTH_MAX_PARKS)
			return pb_error_set(PB_EINVAL, "园区过多（最多 %d 个）/ too many parks (at most %d)",
					    PB_AUTH_MAX_PARKS, PB_AUTH_MAX_PARKS);
		if (c->nparks)
			memcpy(to->parks, c->parks, c->nparks * sizeof(to->parks[0]));
		to->nparks = sort_unique(to->parks, c->nparks);
	} else if (to->role != PB_ROLE_PARK)
		to->nparks = 0;
	if (c->set_enterprise)
		to->enterprise_id = c->enterprise_id;
	else if (to->role != PB_ROLE_ENTERPRISE)
		to->enterprise_id = 0;
	if (c->disabled == 0 || c->disabled == 1)
		to->disabled = c->disabled;
	return 0;
}

static int same_parks(const user_state *a, const user_state *b)
{
	return a->nparks == b->nparks &&
	       (a->nparks == 0 || memcmp(a->parks, b->parks, a->nparks * sizeof(a->parks[0])) == 0);
}

/* The other enabled administrators than user `id`: how many. */
static int other_admins(int64_t *n, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT count(*) FROM users WHERE role = 'admin' AND"
					   " disabled = 0 AND id <> ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "users");
	*n = rc ? 0 : sqlite3_column_int64(s, 0);
	pb_store_finalize(st, s);
	return rc;
}

static int write_user(pb_store *st, int64_t id, const user_state *u, const char *hash,
		      int parks_changed)
{
	sqlite3_stmt *s = pb_store_prepare(st, "UPDATE users SET display = ?1, role = ?2,"
					   " enterprise_id = ?3, disabled = ?4, password_hash ="
					   " coalesce(?5, password_hash) WHERE id = ?6");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, u->display, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, pb_role_key(u->role), -1, SQLITE_STATIC);
	if (u->enterprise_id)
		sqlite3_bind_int64(s, 3, u->enterprise_id);
	sqlite3_bind_int(s, 4, u->disabled);
	bind_text_or_null(s, 5, hash);
	sqlite3_bind_int64(s, 6, id);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "users");
	pb_store_finalize(st, s);
	if (rc || !parks_changed)
		return rc;
	if (!(s = pb_store_prepare(st, "DELETE FROM user_parks WHERE user_id = ?")))
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "user_parks");
	pb_store_finalize(st, s);
	if (rc || !(s = pb_store_prepare(st, "INSERT INTO user_parks (user_id, park_id) VALUES (?, ?)")))
		return rc ? rc : PB_ESTORE;
	for (size_t i = 0; !rc && i < u->nparks; i++) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, u->parks[i]);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "user_parks");
		sqlite3_reset(s);
	}
	pb_store_finalize(st, s);
	return rc;
}

/* End the sessions of user `id` but the one whose token hash is `keep` (NULL: all);
 * *n = how many ended. */
static int end_sessions(int *n, pb_store *st, int64_t id, const char *keep)
{
	sqlite3_stmt *s = pb_store_prepare(st, "DELETE FROM sessions WHERE user_id = ?1 AND"
					   " (?2 IS NULL OR token_hash <> ?2)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	bind_text_or_null(s, 2, keep);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "sessions");
	*n = rc ? 0 : sqlite3_changes(pb_store_sqlite(st));
	pb_store_finalize(st, s);
	return rc;
}

/* ,"key":[1,2] */
static void put_ids(pb_buf *b, const char *key, const int64_t *ids, size_t n)
{
	char v[32];
	pb_buf_puts(b, key);
	pb_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		snprintf(v, sizeof(v), "%s%lld", i ? "," : "", (long long)ids[i]);
		pb_buf_puts(b, v);
	}
	pb_buf_puts(b, "]");
}

/* The "user.update" detail: each changed part as {"from": …, "to": …}; user text is
 * escaped by pb_buf_json_string. Empty (b->len 0) when nothing of it changed. */
static void update_detail(pb_buf *b, const user_state *o, const user_state *n)
{
	char v[96];
	if (strcmp(o->display, n->display) != 0) {
		pb_buf_puts(b, ",\"display\":{\"from\":");
		pb_buf_json_string(b, o->display);
		pb_buf_puts(b, ",\"to\":");
		pb_buf_json_string(b, n->display);
		pb_buf_puts(b, "}");
	}
	if (o->role != n->role) {
		snprintf(v, sizeof(v), ",\"role\":{\"from\":\"%s\",\"to\":\"%s\"}", pb_role_key(o->role),
			 pb_role_key(n->role));
		pb_buf_puts(b, v);
	}
	if (!same_parks(o, n)) {
		put_ids(b, ",\"parks\":{\"from\":", o->parks, o->nparks);
		put_ids(b, ",\"to\":", n->parks, n->nparks);
		pb_buf_puts(b, "}");
	}
	if (o->enterprise_id != n->enterprise_id) {
		snprintf(v, sizeof(v), ",\"enterprise_id\":{\"from\":%lld,\"to\":%lld}",
			 (long long)o->enterprise_id, (long long)n->enterprise_id);
		pb_buf_puts(b, v);
	}
	if (b->len && !b->oom)
		b->p[0] = '{'; /* the first part's comma opens the object */
	if (b->len)
		pb_buf_puts(b, "}");
}

static int audit_sessions(pb_store *st, const char *by, const char *action, const char *name,
			  const char *ip, int ended)
{
	char extra[64];
	snprintf(extra, sizeof(extra), "{\"sessions_ended\":%d}", ended);
	return audit(st, by, action, name, ip, extra);
}

/* Everything of pb_store_user_update once the transaction is open and `hash` (the new
 * password's, or NULL) is made. */
static int update_in_tx(pb_store *st, const char *name, const pb_user_change *c, const char *by,
			const char *ip, const char *hash)
{
	login_row row;
	int rc = find_login(&row, st, name ? name : "");
	sodium_memzero(row.hash, sizeof(row.hash));
	if (rc)
		return rc;
	if (!row.found)
		return pb_error_set(PB_ENOTFOUND, "没有用户「%s」/ no user \"%s\"", name ? name : "",
				    name ? name : "");
	user_state old = { .role = row.u.role, .nparks = row.u.nparks,
			   .enterprise_id = row.u.enterprise_id, .disabled = row.disabled };
	snprintf(old.display, sizeof(old.display), "%s", row.u.display);
	memcpy(old.parks, row.u.parks, sizeof(old.parks));
	user_state to;
	if ((rc = apply_change(&to, &old, c)))
		return rc;
	if (!to.display[0])
		snprintf(to.display, sizeof(to.display), "%s", row.u.name);
	pb_user_record check = { .role = to.role, .parks = to.parks, .nparks = to.nparks,
				 .enterprise_id = to.enterprise_id };
	if ((rc = check_role(&check)) || (rc = check_scope_exists(st, &check)))
		return rc;
	/* the last administrator: checked in the transaction, so two admins demoting each
	 * other at once cannot both succeed */
	if (old.role == PB_ROLE_ADMIN && !old.disabled &&
	    (to.role != PB_ROLE_ADMIN || to.disabled)) {
		int64_t others;
		if ((rc = other_admins(&others, st, row.u.id)))
			return rc;
		if (others == 0)
			return pb_error_set(PB_EREJECTED, "「%s」是最后一个启用的管理员，不能停用或改为其他角色；"
					    "请先添加另一个管理员 / \"%s\" is the last enabled administrator: "
					    "it cannot be disabled or given another role; add another "
					    "administrator first", row.u.name, row.u.name);
	}
	if ((rc = write_user(st, row.u.id, &to, hash, !same_parks(&old, &to))))
		return rc;
	pb_buf d = { 0 };
	update_detail(&d, &old, &to);
	if (d.oom)
		rc = oom();
	else if (d.len)
		rc = audit(st, by, "user.update", row.u.name, ip, d.p);
	pb_buf_free(&d);
	int ended = 0;
	if (!rc && to.disabled != old.disabled) {
		if (to.disabled)
			rc = end_sessions(&ended, st, row.u.id, NULL);
		if (!rc)
			rc = audit_sessions(st, by, to.disabled ? "user.disable" : "user.enable",
					    row.u.name, ip, ended);
	}
	if (!rc && hash && !(rc = end_sessions(&ended, st, row.u.id, NULL)))
		rc = audit_sessions(st, by, "user.passwd", row.u.name, ip, ended);
	return rc;
}

int pb_store_user_update(pb_store *st, const char *name, const pb_user_change *c, const char *by,
			 const char *ip)
{
	int rc = crypto_ready();
	if (rc)
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	/* hashed before the transaction: it takes ~0.1 s and must not hold the write lock */
	if (c->password && ((rc = pb_auth_password_check(name, c->password)) ||
			    (rc = hash_password(hash, c->password))))
		return rc;
	if ((rc = pb_store_begin(st)))
		return rc;
	rc = update_in_tx(st, name, c, by, ip, c->password ? hash : NULL);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc)
		pb_store_rollback(st);
	return rc;
}

int pb_store_user_passwd(pb_store *st, const char *name, const char *password, const char *by)
{
	pb_user_change c = PB_USER_CHANGE_NONE;
	c.password = password ? password : "";
	return pb_store_user_update(st, name, &c, by, NULL);
}

/* ---- a user's own password -------------------------------------------------------------- */

/* The user of a live session and its password hash; found 0 when there is none. */
typedef struct session_row {
	int found;
	int64_t id;
	char name[USER_NAME_MAX + 1];
	char hash[crypto_pwhash_STRBYTES];
} session_row;

static int find_session(session_row *r, pb_store *st, const char *token_hash, int64_t now)
{
	memset(r, 0, sizeof(*r));
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT u.id, u.name, u.password_hash FROM sessions s"
					   " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"
					   " AND s.expires_at > ? AND u.disabled = 0");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW) {
		r->found = 1;
		r->id = sqlite3_column_int64(s, 0);
		snprintf(r->name, sizeof(r->name), "%s", (const char *)sqlite3_column_text(s, 1));
		const char *h = (const char *)sqlite3_column_text(s, 2);
		snprintf(r->hash, sizeof(r->hash), "%s", h ? h : "");
	} else if (step != SQLITE_DONE)
		rc = pb_store_db_error(st, "sessions");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_password_change(int64_t *retry_after, pb_store *st, const char *token,
			     const char *current, const char *password, const char *ip_in,
			     int64_t now)
{
	*retry_after = 0;
	int rc = crypto_ready();
	if (rc)
		return rc;
	if (!token_well_formed(token))
		return pb_error_set(PB_ENOTFOUND, "会话不存在或已过期 / no such session, or it expired");
	char th[HEX_LEN + 1], ip[64];
	token_hash(th, token);
	snprintf(ip, sizeof(ip), "%s", ip_in ? ip_in : "");
	if (!current)
		current = "";
	session_row row;
	if ((rc = find_session(&row, st, th, now)))
		return rc;
	if (!row.found)
		return pb_error_set(PB_ENOTFOUND, "会话不存在或已过期 / no such session, or it expired");
	/* the new password first: refusing it costs no hashing and says nothing of the current */
	if ((rc = pb_auth_password_check(row.name, password)))
		goto out;
	if (strcmp(current, password) == 0) {
		rc = pb_error_set(PB_EINVAL, "新密码不能与当前密码相同 / the new password must differ "
				  "from the current one");
		goto out;
	}
	int64_t wait = 0;
	if ((rc = throttle(&wait, st, row.name, ip, now)))
		goto out;
	int match = 0;
	char hash[crypto_pwhash_STRBYTES];
	if (!wait) {
		match = crypto_pwhash_str_verify(row.hash, current, strlen(current)) == 0;
		if (match && (rc = hash_password(hash, password)))
			goto out;
	}
	if ((rc = pb_store_begin(st)))
		goto out;
	if (!wait)
		rc = throttle(&wait, st, row.name, ip, now);
	int ended = 0;
	if (!rc && wait)
		rc = audit(st, row.name, "user.login_throttled", row.name, ip, NULL);
	else if (!rc && !match) {
		rc = record_attempt(st, row.name, ip, now, 0);
		if (!rc)
			rc = audit(st, row.name, "user.password_failed", row.name, ip, NULL);
	} else if (!rc) {
		rc = run_texts(st, "UPDATE users SET password_hash = ?1 WHERE name = ?2", "users", 2,
			       hash, row.name);
		if (!rc)
			rc = end_sessions(&ended, st, row.id, th);
		if (!rc)
			rc = audit_sessions(st, row.name, "user.password", row.name, ip, ended);
	}
	if (!rc)
		rc = pb_store_commit(st);
	if (rc) {
		pb_store_rollback(st);
		goto out;
	}
	if (wait) {
		*retry_after = wait;
		rc = throttled_error(wait);
	} else if (!match)
		rc = pb_error_set(PB_EREJECTED, "当前密码不正确 / the current password is wrong");
out:
	sodium_memzero(row.hash, sizeof(row.hash));
	return rc;
}

/* ---- names ------------------------------------------------------------------------------ */

static int lookup_id(int64_t *id, pb_store *st, const char *sql, const char *key)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_text(s, 1, key ? key : "", -1, SQLITE_STATIC);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	else
		rc = step == SQLITE_DONE ? PB_ENOTFOUND : pb_store_db_error(st, "lookup");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_park_id(int64_t *id, pb_store *st, const char *name)
{
	int rc = lookup_id(id, st, "SELECT id FROM parks WHERE name = ?", name);
	if (rc == PB_ENOTFOUND)
		return pb_error_set(PB_ENOTFOUND, "没有园区「%s」/ no park \"%s\"", name ? name : "",
				    name ? name : "");
	return rc;
}

int pb_store_enterprise_id(int64_t *id, pb_store *st, const char *uscc)
{
	int rc = lookup_id(id, st, "SELECT id FROM enterprises WHERE uscc = ?", uscc);
	if (rc == PB_ENOTFOUND)
		return pb_error_set(PB_ENOTFOUND, "没有统一社会信用代码为 %s 的企业 / no enterprise with "
				    "USCC %s", uscc ? uscc : "", uscc ? uscc : "");
	return rc;
}

int pb_store_park_name(char *out, size_t n, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT name FROM parks WHERE id = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW)
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
	else if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "园区 #%lld 不存在 / no park #%lld", (long long)id,
				  (long long)id);
	else
		rc = pb_store_db_error(st, "parks");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_enterprise_name(char uscc[19], char *name, size_t n, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT uscc, name FROM enterprises WHERE id = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW) {
		if (uscc)
			snprintf(uscc, 19, "%s", (const char *)sqlite3_column_text(s, 0));
		if (name)
			snprintf(name, n, "%s", (const char *)sqlite3_column_text(s, 1));
	} else if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "企业 #%lld 不存在 / no enterprise #%lld", (long long)id,
				  (long long)id);
	else
		rc = pb_store_db_error(st, "enterprises");
	pb_store_finalize(st, s);
	return rc;
}
