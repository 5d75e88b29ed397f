/* test_auth.c - roles and their scope (every role against the zone, a park of its own,
 * another park, its own enterprise, another enterprise, changes, users), and the
 * password rule. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "auth.h"
#include "error.h"

static void test_role_keys(void **state)
{
	(void)state;
	static const char *const keys[] = { "admin", "analyst", "park", "enterprise", "viewer" };
	static const char *const names[] = { "管理员", "经济运行分析员", "园区操作员", "企业用户", "只读用户" };
	for (int r = 0; r < PB_ROLE_COUNT; r++) {
		assert_string_equal(pb_role_key((pb_role)r), keys[r]);
		assert_string_equal(pb_role_name((pb_role)r), names[r]);
		pb_role got = PB_ROLE_COUNT;
		assert_int_equal(pb_role_parse(&got, keys[r]), 0);
		assert_int_equal(got, r);
	}
	assert_null(pb_role_key(PB_ROLE_COUNT));
	assert_null(pb_role_name((pb_role)-1));
	pb_role got = PB_ROLE_VIEWER;
	assert_int_equal(pb_role_parse(&got, "Admin"), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "enterprise"));
	assert_int_equal(pb_role_parse(&got, ""), PB_EINVAL);
	assert_int_equal(pb_role_parse(&got, NULL), PB_EINVAL);
	assert_int_equal(got, PB_ROLE_VIEWER);
}

/* The users of the table: parks 1 and 2 (park user: park 1 and 3), enterprise 10 in
 * park 1, enterprise 20 in park 2. */
static pb_user user_of(pb_role r)
{
	pb_user u = { .id = 1, .role = r };
	if (r == PB_ROLE_PARK) {
		u.parks[0] = 1;
		u.parks[1] = 3;
		u.nparks = 2;
	}
	if (r == PB_ROLE_ENTERPRISE)
		u.enterprise_id = 10;
	return u;
}

static void test_scope_table(void **state)
{
	(void)state;
	static const struct {
		pb_role role;
		int zone, park1, park2, park3, park0, ent10_p1, ent20_p2, ent10_p2, ent20_p1, ent30_p0,
			change, admin;
	} want[] = {
		/*                 zone p1 p2 p3 p0 e10 e20 e10@2 e20@1 e30@0 chg adm */
		{ PB_ROLE_ADMIN,      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
		{ PB_ROLE_ANALYST,    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 },
		{ PB_ROLE_PARK,       0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0 },
		{ PB_ROLE_ENTERPRISE, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0 },
		{ PB_ROLE_VIEWER,     1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		pb_user u = user_of(want[i].role);
		const char *k = pb_role_key(want[i].role);
		if (pb_auth_sees_zone(&u) != want[i].zone)
			fail_msg("%s: sees_zone", k);
		if (pb_auth_sees_park(&u, 1) != want[i].park1 || pb_auth_sees_park(&u, 2) != want[i].park2 ||
		    pb_auth_sees_park(&u, 3) != want[i].park3 || pb_auth_sees_park(&u, 0) != want[i].park0)
			fail_msg("%s: sees_park", k);
		if (pb_auth_sees_enterprise(&u, 10, 1) != want[i].ent10_p1 ||
		    pb_auth_sees_enterprise(&u, 20, 2) != want[i].ent20_p2 ||
		    pb_auth_sees_enterprise(&u, 10, 2) != want[i].ent10_p2 ||
		    pb_auth_sees_enterprise(&u, 20, 1) != want[i].ent20_p1 ||
		    pb_auth_sees_enterprise(&u, 30, 0) != want[i].ent30_p0)
			fail_msg("%s: sees_enterprise", k);
		if (pb_auth_may_change(&u) != want[i].change)
			fail_msg("%s: may_change", k);
		if (pb_auth_is_admin(&u) != want[i].admin)
			fail_msg("%s: is_admin", k);
	}
}

/* Nobody signed in sees nothing; a park user's parks beyond nparks do not count; an
 * enterprise user without an enterprise sees no enterprise (not "enterprise 0"). */
static void test_scope_edges(void **state)
{
	(void)state;
	assert_false(pb_auth_sees_zone(NULL));
	assert_false(pb_auth_sees_park(NULL, 1));
	assert_false(pb_auth_sees_enterprise(NULL, 1, 1));
	assert_false(pb_auth_may_change(NULL));
	assert_false(pb_auth_is_admin(NULL));
	pb_user p = user_of(PB_ROLE_PARK);
	p.parks[2] = 2; /* not counted: nparks is 2 */
	assert_false(pb_auth_sees_park(&p, 2));
	p.nparks = 0;
	assert_false(pb_auth_sees_park(&p, 1));
	assert_false(pb_auth_sees_enterprise(&p, 10, 1));
	pb_user e = user_of(PB_ROLE_ENTERPRISE);
	e.enterprise_id = 0;
	assert_false(pb_auth_sees_enterprise(&e, 0, 0));
	pb_user bad = { .role = PB_ROLE_COUNT };
	assert_false(pb_auth_sees_zone(&bad));
	assert_false(pb_auth_sees_park(&bad, 1));
	assert_false(pb_auth_sees_enterprise(&bad, 1, 1));
	assert_false(pb_auth_may_change(&bad));
}

static void test_password_rules(void **state)
{
	(void)state;
	static const char *const good[] = {
		"Demo-admin-2026", "correct horse battery", "abcdefghi1", "1234567890-",
		"园区经济运行2026年", "密码密码密码密码密码!", "qwertyuiop ",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (pb_auth_password_check("zhangsan", good[i]))
			fail_msg("refused \"%s\": %s", good[i], pb_error_last());
	static const struct {
		const char *name, *password, *why;
	} bad[] = {
		{ "zhangsan", "", "为空" },
		{ "zhangsan", NULL, "为空" },
		{ "zhangsan", "Ab1-x", "at least 10" },
		{ "zhangsan", "Abc-12345", "at least 10" }, /* 9 */
		{ "zhangsan", "密码1", "at least 10" },     /* 3 characters, 7 bytes */
		{ "zhangsan", "abcdefghijkl", "two kinds" },
		{ "zhangsan", "ABCDEFGHIJKLmn", "two kinds" },
		{ "zhangsan", "12345678901", "two kinds" },
		{ "zhangsan", "密码密码密码密码密码密码", "two kinds" },
		{ "zhang.san1", "zhang.san1", "login name" },
		{ "zhang.san1", "ZHANG.SAN1", "login name" },
		{ "zhangsan", "abc\tdefgh12", "control" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pb_auth_password_check(bad[i].name, bad[i].password) != PB_EINVAL)
			fail_msg("accepted \"%s\"", bad[i].password ? bad[i].password : "(null)");
		if (!strstr(pb_error_last(), bad[i].why))
			fail_msg("\"%s\": %s (expected %s)", bad[i].password ? bad[i].password : "(null)",
				 pb_error_last(), bad[i].why);
		assert_non_null(strstr(pb_error_last(), "/ ")); /* Chinese, then English */
	}
	char longpw[1100];
	memset(longpw, 'a', sizeof(longpw) - 2);
	longpw[sizeof(longpw) - 2] = '1';
	longpw[sizeof(longpw) - 1] = '\0';
	assert_int_equal(pb_auth_password_check("x", longpw), PB_EINVAL);
	assert_non_null(strstr(pb_error_last(), "too long"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_keys),
		cmocka_unit_test(test_scope_table),
		cmocka_unit_test(test_scope_edges),
		cmocka_unit_test(test_password_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
