/*
 * auth.c - roles, their scope and the password rule; see auth.h. Pure checks: every
 * answer comes from the pb_user the server built from the session, nothing is looked up.
 */
#include "auth.h"

#include <string.h>

#include "error.h"

static const struct {
	const char *key, *name;
} roles[PB_ROLE_COUNT] = {
	[PB_ROLE_ADMIN] = { "admin", "管理员" },
	[PB_ROLE_ANALYST] = { "analyst", "经济运行分析员" },
	[PB_ROLE_PARK] = { "park", "园区操作员" },
	[PB_ROLE_ENTERPRISE] = { "enterprise", "企业用户" },
	[PB_ROLE_VIEWER] = { "viewer", "只读用户" },
};

const char *pb_role_key(pb_role r)
{
	return (unsigned)r < PB_ROLE_COUNT ? roles[r].key : NULL;
}

const char *pb_role_name(pb_role r)
{
	return (unsigned)r < PB_ROLE_COUNT ? roles[r].name : NULL;
}

int pb_role_parse(pb_role *r, const char *key)
{
	for (int i = 0; key && i < PB_ROLE_COUNT; i++)
		if (strcmp(key, roles[i].key) == 0) {
			*r = (pb_role)i;
			return 0;
		}
	return pb_error_set(PB_EINVAL, "角色「%s」无效，应为 admin、analyst、park、enterprise 或 viewer / "
			    "invalid role \"%s\": use admin, analyst, park, enterprise or viewer",
			    key ? key : "", key ? key : "");
}

/* ---- scope ------------------------------------------------------------------------------ */

/* The roles that read the whole zone. */
static int zone_role(pb_role r)
{
	return r == PB_ROLE_ADMIN || r == PB_ROLE_ANALYST || r == PB_ROLE_VIEWER;
}

static int has_park(const pb_user *u, int64_t park_id)
{
	if (park_id <= 0)
		return 0;
	size_t n = u->nparks < PB_AUTH_MAX_PARKS ? u->nparks : PB_AUTH_MAX_PARKS;
	for (size_t i = 0; i < n; i++)
		if (u->parks[i] == park_id)
			return 1;
	return 0;
}

int pb_auth_sees_zone(const pb_user *u)
{
	return u && zone_role(u->role);
}

int pb_auth_sees_park(const pb_user *u, int64_t park_id)
{
	if (!u)
		return 0;
	if (zone_role(u->role))
		return 1;
	return u->role == PB_ROLE_PARK && has_park(u, park_id);
}

int pb_auth_sees_enterprise(const pb_user *u, int64_t enterprise_id, int64_t park_id)
{
	if (!u)
		return 0;
	if (zone_role(u->role))
		return 1;
	if (u->role == PB_ROLE_PARK)
		return has_park(u, park_id);
	if (u->role == PB_ROLE_ENTERPRISE)
		return u->enterprise_id > 0 && enterprise_id == u->enterprise_id;
	return 0;
}

int pb_auth_may_change(const pb_user *u)
{
	return u && (u->role == PB_ROLE_ADMIN || u->role == PB_ROLE_ANALYST ||
		     u->role == PB_ROLE_PARK);
}

int pb_auth_is_admin(const pb_user *u)
{
	return u && u->role == PB_ROLE_ADMIN;
}

/* ---- passwords -------------------------------------------------------------------------- */

enum { PASSWORD_MIN_CHARS = 10, PASSWORD_MAX_BYTES = 1024 };

/* ASCII case-insensitive equality (login names are ASCII). */
static int same_ignoring_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

int pb_auth_password_check(const char *name, const char *password)
{
	if (!password || !*password)
		return pb_error_set(PB_EINVAL, "密码不能为空 / the password is empty");
	size_t bytes = strlen(password);
	if (bytes > PASSWORD_MAX_BYTES)
		return pb_error_set(PB_EINVAL, "密码过长（最多 %d 字节）/ the password is too long "
				    "(at most %d bytes)", PASSWORD_MAX_BYTES, PASSWORD_MAX_BYTES);
	/* characters are counted as UTF-8 code points (a continuation byte is 10xxxxxx);
	 * classes: ASCII letters, digits, other ASCII (punctuation, blanks), and the rest
	 * (汉字, full-width forms) */
	size_t chars = 0;
	int letters = 0, digits = 0, symbols = 0, wide = 0;
	for (const unsigned char *p = (const unsigned char *)password; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return pb_error_set(PB_EINVAL, "密码不能含控制字符 / the password contains a "
					    "control character");
		if ((*p & 0xC0) != 0x80)
			chars++;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			letters = 1;
		else if (*p >= '0' && *p <= '9')
			digits = 1;
		else if (*p < 0x80)
			symbols = 1;
		else
			wide = 1;
	}
	if (chars < PASSWORD_MIN_CHARS)
		return pb_error_set(PB_EINVAL, "密码至少 %d 个字符 / the password needs at least %d "
				    "characters", PASSWORD_MIN_CHARS, PASSWORD_MIN_CHARS);
	if (name && same_ignoring_case(name, password))
		return pb_error_set(PB_EINVAL, "密码不能与用户名相同 / the password must not be the "
				    "login name");
	if (letters + digits + symbols + wide < 2)
		return pb_error_set(PB_EINVAL, "密码须包含至少两类字符（字母、数字、符号、汉字）/ the password "
				    "needs at least two kinds of characters (letters, digits, symbols, 汉字)");
	return 0;
}
