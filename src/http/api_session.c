/*
 * api_session.c - signing in and out: POST /api/v1/session {name, password} (public)
 * opens a session (the cookie pb_session, HttpOnly, SameSite=Strict) and answers the
 * user and the CSRF token for the page; GET answers who is signed in; DELETE signs out.
 * The checks are src/store/store_user.c's (argon2id, throttling, audit).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "api.h"
#include "store_user.h"

static json_t *user_json(const pb_user *u)
{
	const char *key = pb_role_key(u->role);
	return json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)u->id, "name", u->name,
			 "display", u->display, "role", key);
}

int pb_api_login(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
	const char *name = NULL, *password = NULL;
	if (!in || json_unpack(in, "{s:s, s:s}", "name", &name, "password", &password) != 0) {
		json_decref(in);
		return pb_http_error(resp, 400, "bad_request", "请提供用户名和密码（JSON）",
				     "send the name and the password (JSON)", "name");
	}
	pb_session s;
	pb_user u;
	int64_t retry = 0;
	int rc = pb_store_login(&s, &u, &retry, req->st, name, password, req->ip,
				(int64_t)time(NULL));
	json_decref(in);
	if (rc == PB_EREJECTED) {
		if (retry > 0) {
			char v[32];
			snprintf(v, sizeof(v), "%lld", (long long)retry);
			pb_http_add_header(resp, "Retry-After", v);
			return pb_http_error(resp, 429, "too_many_attempts", "登录失败次数过多，请稍后再试",
					     "too many failed logins, try again later", NULL);
		}
		return pb_http_error(resp, 401, "login_failed", "用户名或密码错误",
				     "wrong name or password", NULL);
	}
	if (rc)
		return rc;
	char cookie[160];
	snprintf(cookie, sizeof(cookie), "pb_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
		 s.token, PB_SESSION_TTL_S);
	pb_http_add_header(resp, "Set-Cookie", cookie);
	return pb_http_json(resp, 200, json_pack("{s:o, s:s, s:I}", "user", user_json(&u), "csrf",
						 s.csrf, "expires_at", (json_int_t)s.expires_at));
}

int pb_api_me(pb_http_resp *resp, const pb_http_req *req)
{
	return pb_http_json(resp, 200, json_pack("{s:o, s:s}", "user", user_json(req->user), "csrf",
						 req->csrf ? req->csrf : ""));
}

int pb_api_logout(pb_http_resp *resp, const pb_http_req *req)
{
	int rc = pb_store_logout(req->st, req->session, req->ip);
	if (rc)
		return rc;
	pb_http_add_header(resp, "Set-Cookie", "pb_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return pb_http_json(resp, 200, json_pack("{s:b}", "ok", 1));
}
