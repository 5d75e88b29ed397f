/*
 * api_users.c - the accounts, for the administrator:
 *   GET   /api/v1/users: every user (name, display, role, parks, enterprise, disabled,
 *         created_at, last_login_at); never a password hash;
 *   POST  /api/v1/users {name, role, password, display?, parks?: [park names],
 *         enterprise?: USCC} - like `parkbrain user add`: 201 {"user": ...}; 400 naming
 *         the field (an unknown park or enterprise named), 409 when the name is taken;
 *   PATCH /api/v1/users/:name with any of {display, role, parks, enterprise, disabled,
 *         password} - like `parkbrain user set|disable|enable|passwd`: 200 {"user": ...};
 *         400 naming the field, 404 no such user, 409 last_admin (the last enabled
 *         administrator cannot be disabled or demoted).
 * All are admin-only (the route's mask); the store checks the rules and audits.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "error.h"
#include "store_user.h"

json_t *pb_api_user_record_json(pb_store *st, const pb_user_record *r)
{
	pb_user u = { .id = r->id, .role = r->role, .enterprise_id = r->enterprise_id };
	snprintf(u.name, sizeof(u.name), "%s", r->name);
	snprintf(u.display, sizeof(u.display), "%s", r->display);
	u.nparks = r->nparks < PB_AUTH_MAX_PARKS ? r->nparks : PB_AUTH_MAX_PARKS;
	memcpy(u.parks, r->parks ? r->parks : u.parks, u.nparks * sizeof(u.parks[0]));
	/* the enterprise by USCC and name: how the page shows it and edits it */
	json_t *ent = json_null();
	char uscc[19] = "", name[256] = "";
	if (r->enterprise_id &&
	    pb_store_enterprise_name(uscc, name, sizeof(name), st, r->enterprise_id) == 0)
		ent = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)r->enterprise_id, "uscc", uscc,
				"name", name);
	json_t *j = pb_api_user_json(st, &u);
	if (j && json_object_update_new(j, json_pack("{s:b, s:s?, s:s?, s:o?}", "disabled",
						      r->disabled, "created_at", r->created_at,
						      "last_login_at", r->last_login_at, "enterprise",
						      ent))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* 200/201 {"user": ...} for the user `name` as it is now. */
static int answer_user(pb_http_resp *resp, int status, pb_store *st, const char *name)
{
	pb_user_record *r = NULL;
	int rc = pb_store_user_get(&r, st, name);
	if (rc)
		return rc;
	json_t *j = pb_api_user_record_json(st, r);
	pb_user_records_free(r, 1);
	return pb_http_json(resp, status, j ? json_pack("{s:o}", "user", j) : NULL);
}

int pb_api_users(pb_http_resp *resp, const pb_http_req *req)
{
	pb_user_record *l = NULL;
	size_t n = 0;
	int rc = pb_store_user_list(&l, &n, req->st);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		if (json_array_append_new(arr, pb_api_user_record_json(req->st, &l[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	pb_user_records_free(l, n);
	return pb_http_json(resp, 200, arr ? json_pack("{s:o}", "users", arr) : NULL);
}

static int bad(pb_http_resp *resp, const char *zh, const char *en, const char *field)
{
	return pb_http_error(resp, 400, "bad_request", zh, en, field);
}

/* The request's parks by name and enterprise by USCC into rec (ids in park_ids). Returns 0,
 * 1 when the response is already an error, or a negative failure. */
static int resolve_scope(pb_http_resp *resp, pb_user_record *rec, int64_t *park_ids,
			 pb_store *st, json_t *in)
{
	json_t *parks = json_object_get(in, "parks");
	if (parks && !json_is_array(parks) && !json_is_null(parks))
		return bad(resp, "parks 应为园区名称的数组", "parks must be an array of park names",
			   "parks"), 1;
	size_t i;
	json_t *v;
	json_array_foreach(parks, i, v) {
		if (i >= PB_AUTH_MAX_PARKS || !json_is_string(v))
			return bad(resp, "parks 应为园区名称的数组（至多 64 个）",
				   "parks must be an array of at most 64 park names", "parks"), 1;
		int rc = pb_store_park_id(&park_ids[i], st, json_string_value(v));
		if (rc == PB_ENOTFOUND)
			return pb_http_error_last(resp, 400, "bad_request", "parks"), 1;
		if (rc)
			return rc;
		rec->nparks = i + 1;
	}
	rec->parks = park_ids;
	json_t *ent = json_object_get(in, "enterprise");
	if (ent && !json_is_null(ent)) {
		if (!json_is_string(ent))
			return bad(resp, "enterprise 应为统一社会信用代码", "enterprise must be a USCC",
				   "enterprise"), 1;
		int rc = pb_store_enterprise_id(&rec->enterprise_id, st, json_string_value(ent));
		if (rc == PB_ENOTFOUND)
			return pb_http_error_last(resp, 400, "bad_request", "enterprise"), 1;
		if (rc)
			return rc;
	}
	return 0;
}

/* The field a refused add is about, from the store's message. */
static const char *refused_field(const char *msg)
{
	if (strstr(msg, "password"))
		return "password";
	if (strstr(msg, "login name"))
		return "name";
	if (strstr(msg, "display"))
		return "display";
	if (strstr(msg, "enterprise"))
		return "enterprise";
	if (strstr(msg, "park"))
		return "parks";
	return "role";
}

/* The body as a JSON object; NULL with a 400 answered when it is not one. */
static json_t *body_object(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
	if (!json_is_object(in)) {
		json_decref(in);
		bad(resp, "请求体应为 JSON 对象", "the body must be a JSON object", "body");
		return NULL;
	}
	return in;
}

/* The store's refusal (its last failure) as the answer: 409 for a taken name (`conflict`)
 * or the last administrator (`last_admin`), 404 for no such user, 400 naming the field.
 * Returns 1 when answered, or the failure's negative code (an internal one: a 500). */
static int refused(pb_http_resp *resp)
{
	int code = pb_error_last_code(), status = 0;
	const char *key = NULL, *field = NULL;
	if (code == PB_EEXISTS)
		status = 409, key = "conflict", field = "name";
	else if (code == PB_EREJECTED)
		status = 409, key = "last_admin", field = "role";
	else if (code == PB_ENOTFOUND)
		status = 404, key = "not_found", field = "name";
	else if (code == PB_EINVAL)
		status = 400, key = "bad_request", field = refused_field(pb_error_last());
	if (!status)
		return code < 0 ? code : PB_ERROR;
	pb_http_error_last(resp, status, key, field);
	return 1;
}

int pb_api_user_add(pb_http_resp *resp, const pb_http_req *req)
{
	json_t *in = body_object(resp, req);
	if (!in)
		return 0;
	const char *name = json_string_value(json_object_get(in, "name"));
	const char *role = json_string_value(json_object_get(in, "role"));
	const char *password = json_string_value(json_object_get(in, "password"));
	const char *display = json_string_value(json_object_get(in, "display"));
	pb_user_record rec = { .name = name, .display = display };
	int64_t park_ids[PB_AUTH_MAX_PARKS];
	int rc = 0;
	if (!name)
		rc = (bad(resp, "缺少用户名", "the name is missing", "name"), 1);
	else if (!role || pb_role_parse(&rec.role, role))
		rc = (bad(resp, "角色应为 admin、analyst、park、enterprise 或 viewer",
			 "role must be admin, analyst, park, enterprise or viewer", "role"), 1);
	else if (!password)
		rc = (bad(resp, "缺少密码", "the password is missing", "password"), 1);
	else if (json_object_get(in, "display") && !display && !json_is_null(json_object_get(in, "display")))
		rc = (bad(resp, "display 应为文本", "display must be text", "display"), 1);
	if (!rc)
		rc = resolve_scope(resp, &rec, park_ids, req->st, in);
	if (!rc && pb_store_user_add(req->st, &rec, password, req->user->name))
		rc = refused(resp);
	if (!rc)
		rc = answer_user(resp, 201, req->st, name);
	json_decref(in);
	return rc > 0 ? 0 : rc;
}

/* The fields PATCH takes. */
static const char *const patch_fields[] = { "display", "role", "parks", "enterprise", "disabled",
					    "password", NULL };

/* The PATCH body into *c (park ids in park_ids): 0, 1 when the answer is already an
 * error, or a negative failure. */
static int read_change(pb_http_resp *resp, pb_user_change *c, int64_t *park_ids, pb_store *st,
		       json_t *in)
{
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		int known = 0;
		for (size_t i = 0; patch_fields[i] && !known; i++)
			known = strcmp(key, patch_fields[i]) == 0;
		if (!known) {
			char zh[160], en[160];
			snprintf(zh, sizeof(zh), "不能修改字段「%.60s」（可改 display、role、parks、enterprise、"
				 "disabled、password）", key);
			snprintf(en, sizeof(en), "cannot change \"%.60s\" (display, role, parks, "
				 "enterprise, disabled, password)", key);
			return bad(resp, zh, en, key), 1;
		}
	}
	if (json_object_size(in) == 0)
		return bad(resp, "没有要修改的字段", "nothing to change", "body"), 1;
	if ((v = json_object_get(in, "display"))) {
		if (!json_is_string(v))
			return bad(resp, "display 应为文本", "display must be text", "display"), 1;
		c->display = json_string_value(v);
	}
	if ((v = json_object_get(in, "role"))) {
		c->set_role = 1;
		if (!json_is_string(v) || pb_role_parse(&c->role, json_string_value(v)))
			return bad(resp, "角色应为 admin、analyst、park、enterprise 或 viewer",
				   "role must be admin, analyst, park, enterprise or viewer", "role"), 1;
	}
	if ((v = json_object_get(in, "disabled"))) {
		if (!json_is_boolean(v))
			return bad(resp, "disabled 应为 true 或 false", "disabled must be true or false",
				   "disabled"), 1;
		c->disabled = json_is_true(v);
	}
	if ((v = json_object_get(in, "password"))) {
		if (!json_is_string(v))
			return bad(resp, "password 应为文本", "password must be text", "password"), 1;
		c->password = json_string_value(v);
	}
	pb_user_record scope = { 0 };
	int rc = resolve_scope(resp, &scope, park_ids, st, in);
	if (rc)
		return rc;
	c->set_parks = json_object_get(in, "parks") != NULL;
	c->parks = scope.parks;
	c->nparks = scope.nparks;
	c->set_enterprise = json_object_get(in, "enterprise") != NULL;
	c->enterprise_id = scope.enterprise_id;
	return 0;
}

int pb_api_user_update(pb_http_resp *resp, const pb_http_req *req)
{
	const char *name = req->nparam ? req->param[0] : "";
	json_t *in = body_object(resp, req);
	if (!in)
		return 0;
	pb_user_change c = PB_USER_CHANGE_NONE;
	int64_t park_ids[PB_AUTH_MAX_PARKS];
	int rc = read_change(resp, &c, park_ids, req->st, in);
	if (!rc && pb_store_user_update(req->st, name, &c, req->user->name, req->ip))
		rc = refused(resp);
	if (!rc)
		rc = answer_user(resp, 200, req->st, name);
	json_decref(in);
	return rc > 0 ? 0 : rc;
}
