/* test_api_accounts.c - the session and users handlers called directly (no server):
 * login's answers (200 with the cookie, 401, 429 with Retry-After, 400 naming the field),
 * who is signed in, logout clearing the cookie; listing and adding users as JSON; changing
 * one (PATCH: the answers and the fields named), one's own password, the parks by scope. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "error.h"
#include "store_user.h"
#include "test_db.h"

static char dbpath[64];

static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_api_accounts");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	pb_park p;
	pb_record_clear(pb_entity_get(PB_E_PARK), &p);
	p.name = "东区";
	assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	pb_user_record r = { .name = "admin", .role = PB_ROLE_ADMIN };
	assert_int_equal(pb_store_user_add(st, &r, "Demo-admin-2026", "test"), 0);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

/* The server's own route for method and pattern (routes.c's table). */
static const pb_http_route *route(const char *pattern, const char *method)
{
	for (const pb_http_route *t = pb_http_routes(); t->method; t++)
		if (strcmp(t->method, method) == 0 && strcmp(t->pattern, pattern) == 0)
			return t;
	fail_msg("no %s %s route", method, pattern);
	return NULL;
}

static json_t *call(pb_http_resp *resp, const pb_http_route *rt, pb_http_req *req)
{
	memset(resp, 0, sizeof(*resp));
	req->body_len = req->body ? strlen(req->body) : 0;
	assert_int_equal(rt->handler(resp, req), 0);
	json_error_t e;
	json_t *j = json_loadb(resp->body.p, resp->body.len, 0, &e);
	assert_non_null(j);
	return j;
}

static const char *header(const pb_http_resp *r, const char *name)
{
	for (size_t i = 0; i < r->nheader; i++)
		if (strcmp(r->header[i][0], name) == 0)
			return r->header[i][1];
	return NULL;
}

static const char *field_of(json_t *j)
{
	return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

static void test_session(void **state)
{
	pb_store *st = *state;
	const pb_http_route *login = route("/api/v1/session", "POST");
	assert_int_equal(login->allow, PB_HTTP_PUBLIC);
	pb_http_req req = { .method = "POST", .path = "/api/v1/session", .ip = "10.0.0.1", .st = st };
	pb_http_resp resp;

	req.body = "{\"name\":\"admin\",\"password\":\"Demo-admin-2026\"}";
	json_t *j = call(&resp, login, &req);
	assert_int_equal(resp.status, 200);
	const char *cookie = header(&resp, "Set-Cookie");
	assert_non_null(cookie);
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Strict"));
	assert_non_null(strstr(cookie, "Path=/"));
	assert_non_null(strstr(cookie, "Max-Age=28800"));
	char token[65];
	assert_int_equal(sscanf(cookie, "pb_session=%64[0-9a-f]", token), 1);
	json_t *u = json_object_get(j, "user");
	assert_string_equal(json_string_value(json_object_get(u, "name")), "admin");
	assert_string_equal(json_string_value(json_object_get(u, "role")), "admin");
	assert_true(json_is_array(json_object_get(u, "parks")));
	assert_true(json_is_null(json_object_get(u, "enterprise_id")));
	char csrf[65];
	snprintf(csrf, sizeof(csrf), "%s", json_string_value(json_object_get(j, "csrf")));
	assert_int_equal(strlen(csrf), 64);
	json_decref(j);
	pb_buf_free(&resp.body);

	/* who is signed in: the server gives the handler the session's user */
	pb_user user;
	char scsrf[65];
	assert_int_equal(pb_store_session_user(&user, scsrf, st, token, (int64_t)time(NULL)), 0);
	pb_http_req me = { .method = "GET", .st = st, .user = &user, .csrf = scsrf, .session = token,
			   .ip = "10.0.0.1" };
	j = call(&resp, route("/api/v1/session", "GET"), &me);
	assert_int_equal(resp.status, 200);
	assert_string_equal(json_string_value(json_object_get(j, "csrf")), csrf);
	json_decref(j);
	pb_buf_free(&resp.body);
	pb_http_req anon = { .method = "GET", .st = st };
	j = call(&resp, route("/api/v1/session", "GET"), &anon);
	assert_int_equal(resp.status, 401);
	json_decref(j);
	pb_buf_free(&resp.body);

	/* wrong password, bad JSON, a missing field */
	req.body = "{\"name\":\"admin\",\"password\":\"nope\"}";
	j = call(&resp, login, &req);
	assert_int_equal(resp.status, 401);
	assert_null(header(&resp, "Set-Cookie"));
	json_decref(j);
	pb_buf_free(&resp.body);
	req.body = "{\"name\":";
	j = call(&resp, login, &req);
	assert_int_equal(resp.status, 400);
	assert_string_equal(field_of(j), "body");
	json_decref(j);
	pb_buf_free(&resp.body);
	req.body = "{\"name\":\"admin\"}";
	j = call(&resp, login, &req);
	assert_int_equal(resp.status, 400);
	assert_string_equal(field_of(j), "password");
	json_decref(j);
	pb_buf_free(&resp.body);
	/* throttled: four more failures make five, then 429 with Retry-After */
	req.body = "{\"name\":\"admin\",\"password\":\"nope\"}";
	for (int i = 0; i < 4; i++) {
		j = call(&resp, login, &req);
		assert_int_equal(resp.status, 401);
		json_decref(j);
		pb_buf_free(&resp.body);
	}
	req.body = "{\"name\":\"admin\",\"password\":\"Demo-admin-2026\"}";
	j = call(&resp, login, &req);
	assert_int_equal(resp.status, 429);
	assert_non_null(header(&resp, "Retry-After"));
	assert_true(atoi(header(&resp, "Retry-After")) > 0);
	json_decref(j);
	pb_buf_free(&resp.body);

	/* logout clears the cookie and ends the session */
	j = call(&resp, route("/api/v1/session", "DELETE"), &me);
	assert_int_equal(resp.status, 200);
	assert_non_null(strstr(header(&resp, "Set-Cookie"), "Max-Age=0"));
	json_decref(j);
	pb_buf_free(&resp.body);
	assert_int_equal(pb_store_session_user(&user, scsrf, st, token, (int64_t)time(NULL)),
			 PB_ENOTFOUND);
}

static void test_users(void **state)
{
	pb_store *st = *state;
	const pb_http_route *list = route("/api/v1/users", "GET");
	const pb_http_route *add = route("/api/v1/users", "POST");
	assert_int_equal(list->allow, PB_HTTP_ROLE(PB_ROLE_ADMIN));
	assert_int_equal(add->allow, PB_HTTP_ROLE(PB_ROLE_ADMIN));
	pb_user admin = { .id = 1, .name = "admin", .role = PB_ROLE_ADMIN };
	pb_http_req req = { .method = "POST", .st = st, .user = &admin, .ip = "10.0.0.1" };
	pb_http_resp resp;
	req.body = "{\"name\":\"zhang\",\"role\":\"park\",\"password\":\"Good-pass-2026\","
		   "\"display\":\"张三\",\"parks\":[\"东区\"]}";
	json_t *j = call(&resp, add, &req);
	assert_int_equal(resp.status, 201);
	json_t *u = json_object_get(j, "user");
	assert_string_equal(json_string_value(json_object_get(u, "display")), "张三");
	assert_string_equal(json_string_value(json_object_get(
		json_array_get(json_object_get(u, "parks"), 0), "name")), "东区");
	json_decref(j);
	pb_buf_free(&resp.body);
	static const struct {
		const char *body;
		int status;
		const char *field;
	} bad[] = {
		{ "{\"name\":\"zhang\",\"role\":\"viewer\",\"password\":\"Good-pass-2026\"}", 409, "name" },
		{ "{\"name\":\"li\",\"role\":\"park\",\"password\":\"Good-pass-2026\",\"parks\":[\"北区\"]}",
		  400, "parks" },
		{ "{\"name\":\"li\",\"role\":\"park\",\"password\":\"Good-pass-2026\"}", 400, "parks" },
		{ "{\"name\":\"li\",\"role\":\"enterprise\",\"password\":\"Good-pass-2026\","
		  "\"enterprise\":\"91500108314159022D\"}", 400, "enterprise" },
		{ "{\"name\":\"li\",\"role\":\"boss\",\"password\":\"Good-pass-2026\"}", 400, "role" },
		{ "{\"name\":\"li\",\"role\":\"viewer\",\"password\":\"short\"}", 400, "password" },
		{ "{\"name\":\"Li Si\",\"role\":\"viewer\",\"password\":\"Good-pass-2026\"}", 400, "name" },
		{ "{\"role\":\"viewer\",\"password\":\"Good-pass-2026\"}", 400, "name" },
		{ "[1]", 400, "body" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req.body = bad[i].body;
		j = call(&resp, add, &req);
		if (resp.status != bad[i].status || !field_of(j) || strcmp(field_of(j), bad[i].field))
			fail_msg("%s: %d %s", bad[i].body, resp.status, resp.body.p);
		json_decref(j);
		pb_buf_free(&resp.body);
	}
	req.method = "GET";
	req.body = NULL;
	j = call(&resp, list, &req);
	assert_int_equal(resp.status, 200);
	json_t *users = json_object_get(j, "users");
	assert_int_equal(json_array_size(users), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(users, 1), "name")), "zhang");
	assert_null(strstr(resp.body.p, "argon2"));
	json_decref(j);
	pb_buf_free(&resp.body);
}

static void test_update_and_password(void **state)
{
	pb_store *st = *state;
	const pb_http_route *upd = route("/api/v1/users/:name", "PATCH");
	const pb_http_route *pw = route("/api/v1/session/password", "POST");
	const pb_http_route *parks = route("/api/v1/parks", "GET");
	assert_int_equal(upd->allow, PB_HTTP_ROLE(PB_ROLE_ADMIN));
	assert_int_equal(pw->allow, PB_HTTP_ANY);
	assert_int_equal(parks->allow, PB_HTTP_ANY);
	pb_user_record r = { .name = "zhang", .role = PB_ROLE_VIEWER };
	assert_int_equal(pb_store_user_add(st, &r, "Good-pass-2026", "test"), 0);
	pb_user admin = { .id = 1, .name = "admin", .role = PB_ROLE_ADMIN };
	pb_http_req req = { .method = "PATCH", .st = st, .user = &admin, .ip = "10.0.0.1",
			    .nparam = 1, .param = { "zhang" } };
	pb_http_resp resp;
	req.body = "{\"role\":\"park\",\"parks\":[\"东区\"],\"display\":\"张三\"}";
	json_t *j = call(&resp, upd, &req);
	assert_int_equal(resp.status, 200);
	json_t *u = json_object_get(j, "user");
	assert_string_equal(json_string_value(json_object_get(u, "role")), "park");
	assert_string_equal(json_string_value(json_object_get(u, "display")), "张三");
	assert_int_equal(json_array_size(json_object_get(u, "parks")), 1);
	assert_true(json_is_null(json_object_get(u, "enterprise")));
	json_decref(j);
	pb_buf_free(&resp.body);
	static const struct {
		const char *name, *body;
		int status;
		const char *code, *field;
	} bad[] = {
		{ "zhang", "{\"disabled\":1}", 400, "bad_request", "disabled" },
		{ "zhang", "{\"parks\":\"东区\"}", 400, "bad_request", "parks" },
		{ "zhang", "{\"role\":\"viewer\",\"parks\":[\"东区\"]}", 400, "bad_request", "parks" },
		{ "zhang", "{\"enterprise\":\"91500108314159022D\"}", 400, "bad_request", "enterprise" },
		{ "zhang", "{\"password\":\"zhang\"}", 400, "bad_request", "password" },
		{ "zhang", "{\"id\":3}", 400, "bad_request", "id" },
		{ "zhang", "{}", 400, "bad_request", "body" },
		{ "zhang", "null", 400, "bad_request", "body" },
		{ "nobody", "{\"display\":\"x\"}", 404, "not_found", "name" },
		{ "admin", "{\"role\":\"analyst\"}", 409, "last_admin", "role" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		req.param[0] = bad[i].name;
		req.body = bad[i].body;
		j = call(&resp, upd, &req);
		const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
		if (resp.status != bad[i].status || !field_of(j) || strcmp(field_of(j), bad[i].field) ||
		    !code || strcmp(code, bad[i].code))
			fail_msg("%s: %d %s", bad[i].body, resp.status, resp.body.p);
		json_decref(j);
		pb_buf_free(&resp.body);
	}

	/* zhang's own password, through its session; the parks it may pick from */
	pb_session s;
	pb_user zu;
	int64_t wait;
	assert_int_equal(pb_store_login(&s, &zu, &wait, st, "zhang", "Good-pass-2026", "10.0.0.2",
					(int64_t)time(NULL)), 0);
	pb_http_req me = { .method = "POST", .st = st, .user = &zu, .session = s.token, .ip = "10.0.0.2" };
	me.body = "{\"current\":\"Nope-pass-2026\",\"new\":\"Next-pass-2026\"}";
	j = call(&resp, pw, &me);
	assert_int_equal(resp.status, 403);
	assert_string_equal(field_of(j), "current");
	json_decref(j);
	pb_buf_free(&resp.body);
	me.body = "{\"current\":\"Good-pass-2026\",\"new\":\"short\"}";
	j = call(&resp, pw, &me);
	assert_int_equal(resp.status, 400);
	assert_string_equal(field_of(j), "new");
	json_decref(j);
	pb_buf_free(&resp.body);
	me.body = "{\"current\":\"Good-pass-2026\",\"new\":\"Next-pass-2026\"}";
	j = call(&resp, pw, &me);
	assert_int_equal(resp.status, 200);
	json_decref(j);
	pb_buf_free(&resp.body);
	me.method = "GET";
	me.body = NULL;
	j = call(&resp, parks, &me);
	assert_int_equal(resp.status, 200);
	assert_int_equal(json_array_size(json_object_get(j, "parks")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "parks"), 0),
							     "name")), "东区");
	json_decref(j);
	pb_buf_free(&resp.body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_and_password, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
