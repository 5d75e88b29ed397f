/*
 * session_stub.c - TEMPORARY: until the accounts (branch http-accounts: src/store/store_user.c,
 * src/core/auth.c) are merged, the server links against these: nobody can sign in, every
 * session is unknown. CMake compiles this file only while those files are missing, and
 * each half only while its own file is; delete it when both are merged.
 */
#include "error.h"
#include "http.h"
#include "store_user.h"

#ifndef PB_HAVE_STORE_USER
int pb_store_session_user(pb_user *u, char csrf[65], pb_store *st, const char *token,
			  int64_t now)
{
	(void)u, (void)csrf, (void)st, (void)token, (void)now;
	return pb_error_set(PB_ENOTFOUND, "没有该会话 / no such session");
}

int pb_store_login(pb_session *s, pb_user *u, int64_t *retry_after, pb_store *st,
		   const char *name, const char *password, const char *ip, int64_t now)
{
	(void)s, (void)u, (void)st, (void)name, (void)password, (void)ip, (void)now;
	*retry_after = 0;
	return pb_error_set(PB_EREJECTED, "用户名或密码错误 / wrong name or password");
}

int pb_store_logout(pb_store *st, const char *token, const char *ip)
{
	(void)st, (void)token, (void)ip;
	return 0;
}
#endif

#ifndef PB_HAVE_AUTH
const char *pb_role_key(pb_role r)
{
	static const char *const keys[PB_ROLE_COUNT] = { "admin", "analyst", "park", "enterprise",
							 "viewer" };
	return (unsigned)r < PB_ROLE_COUNT ? keys[r] : NULL;
}
#endif
