/*
 * api_session.c - signing in and out:
 *   POST   /api/v1/session {name, password} (public): opens a session - the cookie
 *          pb_session (HttpOnly, SameSite=Strict, Path=/, Max-Age the session's lifetime) -
 *          and answers {"user": ..., "csrf": ...}; 401 on wrong credentials (the same for
 *          an unknown name), 429 with Retry-After when throttled, 400 naming the field;
 *   GET    /api/v1/session: the signed-in user and the CSRF token (401 without: the
 *          server's session check);
 *   DELETE /api/v1/session: signs out and clears the cookie;
 *   POST   /api/v1/session/password {current, new}: the signed-in user changes its own
 *          password; its other sessions end, this one stays. 400 naming the field (the
 *          new password refused), 403 wrong_password (field current; counted as a failed
 *          login), 429 with Retry-After when throttled.
 * The checks are src/store/store_user.c's (argon2id, throttling, audit).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "error.h"
#include "store_user.h"

/* The user as the page needs it: parks by id and name, the enterprise's id. */
json_t *pb_api_user_json(pb_store *st, const pb_user *u)
{
	json_t *parks = json_array();
	for (size_t i = 0; parks && i < u->nparks; i++) {
		char name[256] = "";
		pb_store_park_name(name, sizeof(name), st, u->parks[i]);
		json_array_append_new(parks, json_pack("{s:I, s:s}", "id", (json_int_t)u->parks[i],
						       "name", name));
	}
	json_t *ent = u->enterprise_id ? json_integer(u->enterprise_id) : json_null();
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)u->id, "name",
			 u->name, "display", u->display, "role", pb_role_key(u->role), "role_name",
			 pb_role_name(u->role), "parks", parks, "enterprise_id", ent);
}

/* 429 with Retry-After: `retry` seconds until the name or address may try again. */
static int throttled(pb_http_resp *resp, int64_t retry)
{
	char v[32], zh[128], en[128];
	snprintf(v, sizeof(v), "%lld", (long long)retry);
	snprintf(zh, sizeof(zh), "登录失败次数过多，请 %lld 分钟后再试", (long long)(retry + 59) / 60);
	snprintf(en, sizeof(en), "too many failed logins; try again in %lld seconds",
		 (long long)retry);
	pb_http_add_header(resp, "Retry-After", v);
	return pb_http_error(resp, 429, "too_many_attempts", zh, en, NULL);
}

int pb_api_login(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
	if (!json_is_object(in)) {
		json_decref(in);
		return pb_http_error(resp, 400, "bad_request", "请求体应为 JSON 对象 {name, password}",
				     "the body must be a JSON object {name, password}", "body");
	}
	const char *name = json_string_value(json_object_get(in, "name"));
	const char *password = json_string_value(json_object_get(in, "password"));
	if (!name || !*name || !password) {
		int no_name = !name || !*name; /* name points into `in` */
		json_decref(in);
		return pb_http_error(resp, 400, "bad_request", no_name ? "缺少用户名" : "缺少密码",
				     no_name ? "the name is missing" : "the password is missing",
				     no_name ? "name" : "password");
	}
	pb_session s;
	pb_user u;
	int64_t retry = 0;
	int rc = pb_store_login(&s, &u, &retry, req->st, name, password, req->ip, (int64_t)time(NULL));
	json_decref(in);
	if (rc == PB_EREJECTED && retry > 0)
		return throttled(resp, retry);
	if (rc == PB_EREJECTED)
		return pb_http_error(resp, 401, "login_failed", "用户名或密码错误，或账户已停用",
				     "wrong name or password, or the account is disabled", NULL);
	if (rc)
		return rc;
	char cookie[192];
	snprintf(cookie, sizeof(cookie), "pb_session=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%d",
		 s.token, PB_SESSION_TTL_S);
	if ((rc = pb_http_add_header(resp, "Set-Cookie", cookie)))
		return rc;
	return pb_http_json(resp, 200, json_pack("{s:o, s:s, s:I}", "user",
						 pb_api_user_json(req->st, &u), "csrf", s.csrf,
						 "expires_at", (json_int_t)s.expires_at));
}

int pb_api_me(pb_http_resp *resp, const pb_http_req *req)
{
	if (!req->user)
		return pb_http_error(resp, 401, "unauthorized", "请先登录", "sign in first", NULL);
	return pb_http_json(resp, 200, json_pack("{s:o, s:s}", "user",
						 pb_api_user_json(req->st, req->user), "csrf",
						 req->csrf ? req->csrf : ""));
}

int pb_api_logout(pb_http_resp *resp, const pb_http_req *req)
{
	int rc = pb_store_logout(req->st, req->session, req->ip);
	if (rc)
		return rc;
	pb_http_add_header(resp, "Set-Cookie",
			   "pb_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
	return pb_http_json(resp, 200, json_pack("{s:b}", "ok", 1));
}

int pb_api_password(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
	if (!json_is_object(in)) {
		json_decref(in);
		return pb_http_error(resp, 400, "bad_request", "请求体应为 JSON 对象 {current, new}",
				     "the body must be a JSON object {current, new}", "body");
	}
	const char *current = json_string_value(json_object_get(in, "current"));
	const char *password = json_string_value(json_object_get(in, "new"));
	if (!current || !password) {
		json_decref(in);
		return pb_http_error(resp, 400, "bad_request", !current ? "请填写当前密码" : "请填写新密码",
				     !current ? "the current password is missing"
					      : "the new password is missing",
				     !current ? "current" : "new");
	}
	int64_t retry = 0;
	int rc = pb_store_password_change(&retry, req->st, req->session, current, password, req->ip,
					  (int64_t)time(NULL));
	json_decref(in);
	if (rc == PB_EREJECTED && retry > 0)
		return throttled(resp, retry);
	if (rc == PB_EREJECTED)
		return pb_http_error(resp, 403, "wrong_password", "当前密码不正确", "the current password is wrong",
				     "current");
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 400, "bad_request", "new");
	if (rc == PB_ENOTFOUND) /* the session ended between the server's check and here */
		return pb_http_error(resp, 401, "unauthorized", "请先登录", "sign in first", NULL);
	if (rc)
		return rc;
	return pb_http_json(resp, 200, json_pack("{s:b}", "ok", 1));
}
