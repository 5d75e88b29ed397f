/* test_store_user.c - accounts: adding (the roles' invariants, duplicates, bad input),
 * listing, changing a password (which ends the sessions), logging in (right, wrong and
 * unknown alike), throttling, sessions and their expiry, logging out, the audit log;
 * an administrator's changes (disable/enable ending the sessions, role and scope, the
 * last administrator kept, a reset) and a user's own password change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "store.h"
#include "store_user.h"
#include "test_db.h"

static char dbpath[64];
static const int64_t T0 = 1767225600; /* 2026-01-01T00:00:00Z */
#define PW "Demo-test-2026"

/* Parks 1 东区 and 2 西区; enterprise 1 in park 1. */
static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store_user");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	const char *parks[] = { "东区", "西区" };
	for (int i = 0; i < 2; i++) {
		pb_park p;
		pb_record_clear(pb_entity_get(PB_E_PARK), &p);
		p.name = parks[i];
		assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	}
	pb_enterprise e;
	pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
	e.uscc = "91500108314159014J";
	e.name = "重庆甲电子有限公司";
	e.industry = "C3922";
	e.sector = "电子信息";
	e.tier = PB_TIER_GROWTH;
	e.park_id = 1;
	e.above_scale = e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
	assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

static int64_t count(const char *sql)
{
	return test_db_int(dbpath, sql);
}

static int add(pb_store *st, const char *name, pb_role role, const int64_t *parks, size_t np,
	       int64_t ent)
{
	pb_user_record r = { .name = name, .display = "张三（经信局）", .role = role, .parks = parks,
			     .nparks = np, .enterprise_id = ent };
	return pb_store_user_add(st, &r, PW, "admin");
}

static void test_add_and_list(void **state)
{
	pb_store *st = *state;
	const int64_t p12[] = { 1, 2 };
	pb_user_record r = { .name = "zhangsan", .display = "张三（经信局）", .role = PB_ROLE_PARK,
			     .parks = p12, .nparks = 2 };
	assert_int_equal(pb_store_user_add(st, &r, PW, "admin"), 0);
	assert_int_equal(r.id, 1);
	pb_user_record e = { .name = "vivo", .role = PB_ROLE_ENTERPRISE, .enterprise_id = 1 };
	assert_int_equal(pb_store_user_add(st, &e, PW, "admin"), 0);
	assert_int_equal(add(st, "boss", PB_ROLE_VIEWER, NULL, 0, 0), 0);

	pb_user_record *l;
	size_t n;
	assert_int_equal(pb_store_user_list(&l, &n, st), 0);
	assert_int_equal(n, 3);
	assert_string_equal(l[0].name, "boss");
	assert_int_equal(l[0].role, PB_ROLE_VIEWER);
	assert_int_equal(l[0].nparks, 0);
	assert_string_equal(l[1].name, "vivo");
	assert_string_equal(l[1].display, "vivo"); /* no display: the name */
	assert_int_equal(l[1].enterprise_id, 1);
	assert_string_equal(l[2].name, "zhangsan");
	assert_string_equal(l[2].display, "张三（经信局）");
	assert_int_equal(l[2].nparks, 2);
	assert_int_equal(l[2].parks[0], 1);
	assert_int_equal(l[2].parks[1], 2);
	assert_false(l[2].disabled);
	assert_non_null(l[2].created_at);
	assert_null(l[2].last_login_at);
	pb_user_records_free(l, n);

	/* only the hash is kept, argon2id's */
	char h[256];
	test_db_text(dbpath, "SELECT password_hash FROM users WHERE name = 'zhangsan'", h, sizeof(h));
	assert_non_null(strstr(h, "$argon2id$"));
	assert_null(strstr(h, PW));
	/* audited, without the password */
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.add' AND"
			       " user_name = 'admin' AND entity = 'users'"), 3);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%Demo-test%'"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.add' AND"
			       " json_extract(detail, '$.name') = 'zhangsan' AND"
			       " json_extract(detail, '$.role') = 'park' AND"
			       " json_extract(detail, '$.parks[1]') = 2"), 1);
}

static void test_add_refused(void **state)
{
	pb_store *st = *state;
	static const int64_t p1[] = { 1 }, p9[] = { 9 };
	assert_int_equal(add(st, "zhangsan", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	/* the name is taken */
	assert_int_equal(add(st, "zhangsan", PB_ROLE_VIEWER, NULL, 0, 0), PB_EEXISTS);
	assert_non_null(strstr(pb_error_last(), "zhangsan"));
	static const struct {
		const char *name;
		pb_role role;
		const int64_t *parks;
		size_t np;
		int64_t ent;
		const char *why;
	} bad[] = {
		{ "lisi", PB_ROLE_PARK, NULL, 0, 0, "at least one park" },
		{ "lisi", PB_ROLE_PARK, p9, 1, 0, "no park #9" },
		{ "lisi", PB_ROLE_PARK, p1, 1, 1, "only an enterprise user" },
		{ "lisi", PB_ROLE_ENTERPRISE, NULL, 0, 0, "needs its enterprise" },
		{ "lisi", PB_ROLE_ENTERPRISE, NULL, 0, 7, "no enterprise #7" },
		{ "lisi", PB_ROLE_ENTERPRISE, p1, 1, 1, "only a park user" },
		{ "lisi", PB_ROLE_ADMIN, p1, 1, 0, "only a park user" },
		{ "lisi", PB_ROLE_VIEWER, NULL, 0, 1, "only an enterprise user" },
		{ "lisi", PB_ROLE_COUNT, NULL, 0, 0, "invalid role" },
		{ "LiSi", PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
		{ "x", PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
		{ "li si", PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
		{ ".lisi", PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
		{ "李四", PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
		{ NULL, PB_ROLE_VIEWER, NULL, 0, 0, "invalid login name" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (add(st, bad[i].name, bad[i].role, bad[i].parks, bad[i].np, bad[i].ent) != PB_EINVAL)
			fail_msg("case %zu accepted", i);
		if (!strstr(pb_error_last(), bad[i].why))
			fail_msg("case %zu: %s (expected %s)", i, pb_error_last(), bad[i].why);
	}
	/* a weak password, a bad display name */
	pb_user_record r = { .name = "lisi", .role = PB_ROLE_VIEWER };
	assert_int_equal(pb_store_user_add(st, &r, "short1", "admin"), PB_EINVAL);
	r.display = "a\nb";
	assert_int_equal(pb_store_user_add(st, &r, PW, "admin"), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "display"));
	/* nothing of the refused ones was written */
	assert_int_equal(count("SELECT count(*) FROM users"), 1);
	assert_int_equal(count("SELECT count(*) FROM user_parks"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.add'"), 1);
}

static void test_login_and_session(void **state)
{
	pb_store *st = *state;
	const int64_t p2[] = { 2 };
	assert_int_equal(add(st, "zhangsan", PB_ROLE_PARK, p2, 1, 0), 0);
	pb_session s;
	pb_user u;
	int64_t wait = -1;
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);
	assert_int_equal(wait, 0);
	assert_int_equal(strlen(s.token), 64);
	assert_int_equal(strlen(s.csrf), 64);
	assert_string_not_equal(s.token, s.csrf);
	assert_int_equal(s.expires_at, T0 + PB_SESSION_TTL_S);
	assert_string_equal(u.name, "zhangsan");
	assert_string_equal(u.display, "张三（经信局）");
	assert_int_equal(u.role, PB_ROLE_PARK);
	assert_int_equal(u.nparks, 1);
	assert_int_equal(u.parks[0], 2);
	/* the store keeps the token's hash, not the token */
	char q[256];
	snprintf(q, sizeof(q), "SELECT count(*) FROM sessions WHERE token_hash = '%s'", s.token);
	assert_int_equal(count(q), 0);
	assert_int_equal(count("SELECT count(*) FROM sessions WHERE length(token_hash) = 64"), 1);
	char at[64];
	test_db_text(dbpath, "SELECT last_login_at FROM users", at, sizeof(at));
	assert_string_equal(at, "2026-01-01T00:00:00Z");

	/* the session's user, until it expires */
	pb_user v;
	char csrf[65];
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + 60), 0);
	assert_string_equal(csrf, s.csrf);
	assert_int_equal(v.id, u.id);
	assert_int_equal(v.role, PB_ROLE_PARK);
	assert_int_equal(v.nparks, 1);
	assert_int_equal(v.parks[0], 2);
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + PB_SESSION_TTL_S - 1), 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + PB_SESSION_TTL_S),
			 PB_ENOTFOUND);
	assert_string_equal(csrf, "");
	/* it only reads: the expired session is still there until the next login */
	assert_int_equal(count("SELECT count(*) FROM sessions"), 1);
	/* a token not handed out, malformed ones */
	char other[65];
	memcpy(other, s.token, 65);
	other[0] = other[0] == 'a' ? 'b' : 'a';
	assert_int_equal(pb_store_session_user(&v, csrf, st, other, T0), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, "", T0), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, NULL, T0), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, "' OR 1=1 --", T0), PB_ENOTFOUND);

	/* a new login sweeps the expired session */
	pb_session s2;
	assert_int_equal(pb_store_login(&s2, &u, &wait, st, "zhangsan", PW, "10.0.0.1",
					T0 + PB_SESSION_TTL_S + 5), 0);
	assert_int_equal(count("SELECT count(*) FROM sessions"), 1);
	assert_int_equal(pb_store_session_user(&v, csrf, st, s2.token, T0 + PB_SESSION_TTL_S + 6), 0);

	/* logout ends it, audited; logging out again, or with no session, is fine */
	assert_int_equal(pb_store_logout(st, s2.token, "10.0.0.1"), 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, s2.token, T0 + PB_SESSION_TTL_S + 7),
			 PB_ENOTFOUND);
	assert_int_equal(pb_store_logout(st, s2.token, "10.0.0.1"), 0);
	assert_int_equal(pb_store_logout(st, NULL, NULL), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.logout' AND"
			       " user_name = 'zhangsan' AND json_extract(detail, '$.ip') = '10.0.0.1'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.login' AND"
			       " json_extract(detail, '$.name') = 'zhangsan'"), 2);
	/* attempts that left the throttling window are swept; the audit log keeps them */
	assert_int_equal(count("SELECT count(*) FROM login_attempts WHERE ok = 1"), 1);
}

static void test_login_wrong_and_unknown(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "zhangsan", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	pb_session s;
	pb_user u;
	int64_t wait = -1;
	char wrong[256], unknown[256];
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", "Demo-test-2025", "10.0.0.1", T0),
			 PB_EREJECTED);
	snprintf(wrong, sizeof(wrong), "%s", pb_error_last());
	assert_int_equal(wait, 0);
	assert_string_equal(s.token, "");
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "nobody", PW, "10.0.0.1", T0), PB_EREJECTED);
	snprintf(unknown, sizeof(unknown), "%s", pb_error_last());
	assert_string_equal(wrong, unknown); /* the message does not say which */
	assert_non_null(strstr(wrong, "wrong name or password"));
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", "", "10.0.0.1", T0), PB_EREJECTED);
	assert_int_equal(pb_store_login(&s, &u, &wait, st, NULL, NULL, NULL, T0), PB_EREJECTED);
	assert_int_equal(count("SELECT count(*) FROM sessions"), 0);
	assert_int_equal(count("SELECT count(*) FROM login_attempts WHERE ok = 0"), 4);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.login_failed'"), 4);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.login_failed' AND"
			       " json_extract(detail, '$.name') = 'nobody' AND"
			       " json_extract(detail, '$.ip') = '10.0.0.1'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%Demo-test%'"), 0);

	/* a disabled user does not get in, even with the right password, nor keeps a session */
	pb_session ok;
	assert_int_equal(pb_store_login(&ok, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0), 0);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE users SET disabled = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	pb_user v;
	char csrf[65];
	assert_int_equal(pb_store_session_user(&v, csrf, st, ok.token, T0 + 1), PB_ENOTFOUND);
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0), PB_EREJECTED);
	assert_non_null(strstr(pb_error_last(), "disabled"));
}

static void test_throttling(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "zhangsan", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	assert_int_equal(add(st, "lisi", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	pb_session s;
	pb_user u;
	int64_t wait = -1;
	/* five failures for zhangsan, from five addresses, at T0 .. T0+40 */
	for (int i = 0; i < PB_LOGIN_MAX_FAILURES; i++) {
		char ip[32];
		snprintf(ip, sizeof(ip), "10.0.1.%d", i);
		assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", "Wrong-pass-1", ip,
						T0 + 10 * i), PB_EREJECTED);
		assert_int_equal(wait, 0);
	}
	/* now even the right password is refused, until the first failure leaves the window */
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.2.1", T0 + 100),
			 PB_EREJECTED);
	assert_int_equal(wait, PB_LOGIN_WINDOW_S - 100);
	assert_non_null(strstr(pb_error_last(), "800 seconds"));
	assert_non_null(strstr(pb_error_last(), "14 分钟"));
	assert_string_equal(s.token, "");
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.login_throttled'"), 1);
	/* a throttled attempt is not checked, nor counted as a failure */
	assert_int_equal(count("SELECT count(*) FROM login_attempts"), PB_LOGIN_MAX_FAILURES);
	/* another name from another address is not throttled */
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "lisi", PW, "10.0.2.2", T0 + 100), 0);
	/* after the window the name is free again */
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.2.1",
					T0 + PB_LOGIN_WINDOW_S - 1), PB_EREJECTED);
	assert_int_equal(wait, 1);
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.2.1",
					T0 + PB_LOGIN_WINDOW_S), 0);
	assert_int_equal(wait, 0);

	/* per address: five failures from one address for five names block that address */
	int64_t t1 = T0 + 10000;
	for (int i = 0; i < PB_LOGIN_MAX_FAILURES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(pb_store_login(&s, &u, &wait, st, name, PW, "10.9.9.9", t1 + i),
				 PB_EREJECTED);
		assert_int_equal(wait, 0);
	}
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "lisi", PW, "10.9.9.9", t1 + 10),
			 PB_EREJECTED);
	assert_int_equal(wait, PB_LOGIN_WINDOW_S - 10);
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "lisi", PW, "10.9.9.8", t1 + 10), 0);
}

static void test_passwd_ends_sessions(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "zhangsan", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	assert_int_equal(add(st, "lisi", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	pb_session a, b, c;
	pb_user u;
	int64_t wait;
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0), 0);
	assert_int_equal(pb_store_login(&c, &u, &wait, st, "lisi", PW, "10.0.0.3", T0), 0);
	assert_int_equal(pb_store_user_passwd(st, "zhangsan", "New-secret-2026", "admin"), 0);
	pb_user v;
	char csrf[65];
	assert_int_equal(pb_store_session_user(&v, csrf, st, a.token, T0 + 1), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, b.token, T0 + 1), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, c.token, T0 + 1), 0);
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0 + 2),
			 PB_EREJECTED);
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", "New-secret-2026", "10.0.0.1",
					T0 + 3), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.passwd' AND"
			       " user_name = 'admin' AND json_extract(detail, '$.name') = 'zhangsan'"
			       " AND json_extract(detail, '$.sessions_ended') = 2"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%secret%'"), 0);
	/* unknown user, weak password */
	assert_int_equal(pb_store_user_passwd(st, "nobody", "New-secret-2026", "admin"), PB_ENOTFOUND);
	assert_int_equal(pb_store_user_passwd(st, "lisi", "lisi", "admin"), PB_EINVAL);
	assert_int_equal(pb_store_session_user(&v, csrf, st, c.token, T0 + 4), 0);
}

static void test_names(void **state)
{
	pb_store *st = *state;
	int64_t id = 0;
	assert_int_equal(pb_store_park_id(&id, st, "西区"), 0);
	assert_int_equal(id, 2);
	assert_int_equal(pb_store_park_id(&id, st, "北区"), PB_ENOTFOUND);
	assert_non_null(strstr(pb_error_last(), "北区"));
	assert_int_equal(pb_store_enterprise_id(&id, st, "91500108314159014J"), 0);
	assert_int_equal(id, 1);
	assert_int_equal(pb_store_enterprise_id(&id, st, "91500108314159022D"), PB_ENOTFOUND);
	assert_non_null(strstr(pb_error_last(), "91500108314159022D"));
	char name[64], uscc[19];
	assert_int_equal(pb_store_park_name(name, sizeof(name), st, 1), 0);
	assert_string_equal(name, "东区");
	assert_int_equal(pb_store_park_name(name, sizeof(name), st, 3), PB_ENOTFOUND);
	assert_int_equal(pb_store_enterprise_name(uscc, name, sizeof(name), st, 1), 0);
	assert_string_equal(uscc, "91500108314159014J");
	assert_string_equal(name, "重庆甲电子有限公司");
}

/* The number of sessions of user `name`. */
static int64_t sessions_of(const char *name)
{
	char q[256];
	snprintf(q, sizeof(q), "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id"
		 " WHERE u.name = '%s'", name);
	return count(q);
}

static void test_disable_enable(void **state)
{
	pb_store *st = *state;
	const int64_t p1[] = { 1 };
	assert_int_equal(add(st, "root", PB_ROLE_ADMIN, NULL, 0, 0), 0);
	assert_int_equal(add(st, "zhangsan", PB_ROLE_PARK, p1, 1, 0), 0);
	pb_session a, b;
	pb_user u, v;
	int64_t wait;
	char csrf[65];
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0), 0);
	assert_int_equal(sessions_of("zhangsan"), 2);

	pb_user_change c = PB_USER_CHANGE_NONE;
	c.disabled = 1;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", "10.0.0.9"), 0);
	/* both sessions end at once, and stay ended: the rows are gone */
	assert_int_equal(pb_store_session_user(&v, csrf, st, a.token, T0 + 1), PB_ENOTFOUND);
	assert_int_equal(pb_store_session_user(&v, csrf, st, b.token, T0 + 1), PB_ENOTFOUND);
	assert_int_equal(sessions_of("zhangsan"), 0);
	assert_int_equal(count("SELECT disabled FROM users WHERE name = 'zhangsan'"), 1);
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0 + 2),
			 PB_EREJECTED);
	assert_non_null(strstr(pb_error_last(), "disabled"));
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.disable' AND"
			       " user_name = 'root' AND json_extract(detail, '$.name') = 'zhangsan' AND"
			       " json_extract(detail, '$.ip') = '10.0.0.9' AND"
			       " json_extract(detail, '$.sessions_ended') = 2"), 1);
	/* disabling again changes nothing and audits nothing */
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", "10.0.0.9"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.disable'"), 1);
	/* the scope is kept while disabled */
	assert_int_equal(count("SELECT count(*) FROM user_parks"), 1);

	c.disabled = 0;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.enable' AND"
			       " json_extract(detail, '$.name') = 'zhangsan' AND"
			       " json_extract(detail, '$.ip') IS NULL"), 1);
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0 + 3), 0);
	assert_int_equal(u.nparks, 1);
	assert_int_equal(u.parks[0], 1);
	/* no such user */
	assert_int_equal(pb_store_user_update(st, "nobody", &c, "root", NULL), PB_ENOTFOUND);
	assert_non_null(strstr(pb_error_last(), "nobody"));
}

static void test_update_role_and_scope(void **state)
{
	pb_store *st = *state;
	const int64_t p1[] = { 1 }, p212[] = { 2, 1, 2 }, p9[] = { 9 };
	assert_int_equal(add(st, "zhangsan", PB_ROLE_PARK, p1, 1, 0), 0);
	pb_session s;
	pb_user u, v;
	int64_t wait;
	char csrf[65];
	assert_int_equal(pb_store_login(&s, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);

	/* parks: given with a repeat and out of order, kept sorted and once */
	pb_user_change c = PB_USER_CHANGE_NONE;
	c.set_parks = 1;
	c.parks = p212;
	c.nparks = 3;
	c.display = "张三（园区）";
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", "10.0.0.9"), 0);
	assert_int_equal(count("SELECT count(*) FROM user_parks"), 2);
	/* the session stays and sees the new scope on its next request */
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + 1), 0);
	assert_int_equal(v.nparks, 2);
	assert_int_equal(v.parks[0], 1);
	assert_int_equal(v.parks[1], 2);
	assert_string_equal(v.display, "张三（园区）");
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.update' AND"
			       " json_extract(detail, '$.display.from') = '张三（经信局）' AND"
			       " json_extract(detail, '$.display.to') = '张三（园区）' AND"
			       " json_extract(detail, '$.parks.from') = '[1]' AND"
			       " json_extract(detail, '$.parks.to') = '[1,2]' AND"
			       " json_extract(detail, '$.role') IS NULL"), 1);

	/* another role without parks: the parks go */
	c = PB_USER_CHANGE_NONE;
	c.set_role = 1;
	c.role = PB_ROLE_ANALYST;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), 0);
	assert_int_equal(count("SELECT count(*) FROM user_parks"), 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + 2), 0);
	assert_int_equal(v.role, PB_ROLE_ANALYST);
	assert_int_equal(v.nparks, 0);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.update' AND"
			       " json_extract(detail, '$.role.from') = 'park' AND"
			       " json_extract(detail, '$.role.to') = 'analyst' AND"
			       " json_extract(detail, '$.parks.to') = '[]'"), 1);

	/* refused, nothing written: park without parks, an unknown park, an enterprise user
	 * without its enterprise, parks for an analyst */
	c.role = PB_ROLE_PARK;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "at least one park"));
	c.set_parks = 1;
	c.parks = p9;
	c.nparks = 1;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "no park #9"));
	c = PB_USER_CHANGE_NONE;
	c.set_role = 1;
	c.role = PB_ROLE_ENTERPRISE;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "needs its enterprise"));
	c = PB_USER_CHANGE_NONE;
	c.set_parks = 1;
	c.parks = p1;
	c.nparks = 1;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "only a park user"));
	c = PB_USER_CHANGE_NONE;
	c.display = "a\tb";
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "display"));
	char role[32];
	test_db_text(dbpath, "SELECT role FROM users WHERE name = 'zhangsan'", role, sizeof(role));
	assert_string_equal(role, "analyst");
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.update'"), 2);

	/* to an enterprise user, then to a viewer: the enterprise goes with the role */
	c = PB_USER_CHANGE_NONE;
	c.set_role = 1;
	c.role = PB_ROLE_ENTERPRISE;
	c.set_enterprise = 1;
	c.enterprise_id = 1;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), 0);
	assert_int_equal(count("SELECT enterprise_id FROM users WHERE name = 'zhangsan'"), 1);
	c = PB_USER_CHANGE_NONE;
	c.set_role = 1;
	c.role = PB_ROLE_VIEWER;
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), 0);
	assert_int_equal(count("SELECT enterprise_id IS NULL FROM users WHERE name = 'zhangsan'"), 1);
	/* an empty display name shows the login name */
	c = PB_USER_CHANGE_NONE;
	c.display = "";
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), 0);
	pb_user_record *r;
	assert_int_equal(pb_store_user_get(&r, st, "zhangsan"), 0);
	assert_string_equal(r->display, "zhangsan");
	assert_int_equal(r->role, PB_ROLE_VIEWER);
	assert_int_equal(r->enterprise_id, 0);
	assert_int_equal(r->nparks, 0);
	assert_false(r->disabled);
	pb_user_records_free(r, 1);
	assert_int_equal(pb_store_user_get(&r, st, "nobody"), PB_ENOTFOUND);
	assert_null(r);
	/* nothing changed the session */
	assert_int_equal(pb_store_session_user(&v, csrf, st, s.token, T0 + 3), 0);
	assert_int_equal(v.role, PB_ROLE_VIEWER);
}

static void test_last_admin(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "root", PB_ROLE_ADMIN, NULL, 0, 0), 0);
	pb_user_change off = PB_USER_CHANGE_NONE, on = PB_USER_CHANGE_NONE,
		       demote = PB_USER_CHANGE_NONE;
	off.disabled = 1;
	on.disabled = 0;
	demote.set_role = 1;
	demote.role = PB_ROLE_VIEWER;
	/* the only admin: neither disabled nor demoted */
	assert_int_equal(pb_store_user_update(st, "root", &off, "root", NULL), PB_EREJECTED);
	assert_non_null(strstr(pb_error_last(), "last enabled administrator"));
	assert_non_null(strstr(pb_error_last(), "最后一个启用的管理员"));
	assert_int_equal(pb_store_user_update(st, "root", &demote, "root", NULL), PB_EREJECTED);
	/* another admin, disabled, does not count */
	assert_int_equal(add(st, "root2", PB_ROLE_ADMIN, NULL, 0, 0), 0);
	assert_int_equal(pb_store_user_update(st, "root2", &off, "root", NULL), 0);
	assert_int_equal(pb_store_user_update(st, "root", &off, "root", NULL), PB_EREJECTED);
	/* once it is enabled, root may go */
	assert_int_equal(pb_store_user_update(st, "root2", &on, "root", NULL), 0);
	assert_int_equal(pb_store_user_update(st, "root", &off, "root2", NULL), 0);
	/* now root2 is the last: it stays */
	assert_int_equal(pb_store_user_update(st, "root2", &demote, "root2", NULL), PB_EREJECTED);
	/* a disabled admin may be demoted: it manages nothing */
	assert_int_equal(pb_store_user_update(st, "root", &demote, "root2", NULL), 0);
	assert_int_equal(count("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"), 1);
	/* the display of the last admin may change */
	pb_user_change d = PB_USER_CHANGE_NONE;
	d.display = "系统管理员";
	assert_int_equal(pb_store_user_update(st, "root2", &d, "root2", NULL), 0);
}

static void test_reset_password(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "zhangsan", PB_ROLE_ANALYST, NULL, 0, 0), 0);
	pb_session a;
	pb_user u, v;
	int64_t wait;
	char csrf[65];
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);
	/* a weak password with a display change: nothing of either is written */
	pb_user_change c = PB_USER_CHANGE_NONE;
	c.display = "新名字";
	c.password = "zhangsan";
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", NULL), PB_EINVAL);
	char d[64];
	test_db_text(dbpath, "SELECT display FROM users WHERE name = 'zhangsan'", d, sizeof(d));
	assert_string_equal(d, "张三（经信局）");
	assert_int_equal(pb_store_session_user(&v, csrf, st, a.token, T0 + 1), 0);
	/* the reset ends the user's sessions */
	c.password = "Reset-pass-2026";
	assert_int_equal(pb_store_user_update(st, "zhangsan", &c, "root", "10.0.0.9"), 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, a.token, T0 + 2), PB_ENOTFOUND);
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", "Reset-pass-2026", "10.0.0.1",
					T0 + 3), 0);
	assert_string_equal(u.display, "新名字");
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.passwd' AND"
			       " json_extract(detail, '$.sessions_ended') = 1 AND"
			       " json_extract(detail, '$.ip') = '10.0.0.9'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%Reset-pass%'"), 0);
}

static void test_own_password(void **state)
{
	pb_store *st = *state;
	assert_int_equal(add(st, "zhangsan", PB_ROLE_VIEWER, NULL, 0, 0), 0);
	pb_session a, b;
	pb_user u, v;
	int64_t wait = -1;
	char csrf[65];
	assert_int_equal(pb_store_login(&a, &u, &wait, st, "zhangsan", PW, "10.0.0.1", T0), 0);
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0), 0);

	/* the new password refused: nothing checked, nothing recorded */
	assert_int_equal(pb_store_password_change(&wait, st, a.token, PW, "short", "10.0.0.1", T0 + 1),
			 PB_EINVAL);
	assert_int_equal(pb_store_password_change(&wait, st, a.token, PW, PW, "10.0.0.1", T0 + 1),
			 PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "differ"));
	assert_int_equal(count("SELECT count(*) FROM login_attempts WHERE ok = 0"), 0);
	/* a wrong current password: refused, counted as a failed login, audited */
	assert_int_equal(pb_store_password_change(&wait, st, a.token, "Wrong-pass-1", "New-secret-2026",
						  "10.0.0.1", T0 + 2), PB_EREJECTED);
	assert_int_equal(wait, 0);
	assert_non_null(strstr(pb_error_last(), "current password is wrong"));
	assert_int_equal(count("SELECT count(*) FROM login_attempts WHERE ok = 0 AND name = 'zhangsan'"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.password_failed' AND"
			       " json_extract(detail, '$.ip') = '10.0.0.1'"), 1);
	/* a session not handed out, an expired one */
	assert_int_equal(pb_store_password_change(&wait, st, "0123", PW, "New-secret-2026", "10.0.0.1",
						  T0 + 3), PB_ENOTFOUND);
	assert_int_equal(pb_store_password_change(&wait, st, a.token, PW, "New-secret-2026", "10.0.0.1",
						  T0 + PB_SESSION_TTL_S), PB_ENOTFOUND);

	/* right: the password changes, the other session ends, this one stays */
	assert_int_equal(pb_store_password_change(&wait, st, a.token, PW, "New-secret-2026", "10.0.0.1",
						  T0 + 4), 0);
	assert_int_equal(wait, 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, a.token, T0 + 5), 0);
	assert_int_equal(pb_store_session_user(&v, csrf, st, b.token, T0 + 5), PB_ENOTFOUND);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action = 'user.password' AND"
			       " user_name = 'zhangsan' AND json_extract(detail, '$.sessions_ended') = 1"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_log WHERE detail LIKE '%secret%'"), 0);
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", PW, "10.0.0.2", T0 + 6),
			 PB_EREJECTED);
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", "New-secret-2026", "10.0.0.2",
					T0 + 7), 0);

	/* failures (wrong current passwords, the wrong login above) throttle both ways: three
	 * more make five within the window */
	for (int i = 0; i < 3; i++)
		assert_int_equal(pb_store_password_change(&wait, st, a.token, "Wrong-pass-1",
							  "Other-secret-2026", "10.0.0.1", T0 + 10 + i),
				 PB_EREJECTED);
	assert_int_equal(wait, 0);
	assert_int_equal(pb_store_password_change(&wait, st, a.token, "New-secret-2026",
						  "Other-secret-2026", "10.0.0.1", T0 + 20), PB_EREJECTED);
	assert_int_equal(wait, PB_LOGIN_WINDOW_S - 18); /* the first failure was at T0 + 2 */
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", "New-secret-2026", "10.0.0.3",
					T0 + 20), PB_EREJECTED);
	assert_true(wait > 0);
	/* and the password was not changed by the throttled attempt */
	assert_int_equal(pb_store_login(&b, &u, &wait, st, "zhangsan", "New-secret-2026", "10.0.0.3",
					T0 + 2 + PB_LOGIN_WINDOW_S + 20), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_and_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_wrong_and_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwd_ends_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disable_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_role_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_password, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
