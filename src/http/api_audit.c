/*
 * api_audit.c - the audit log for admins: GET /api/v1/audit?limit=100&before=ID
 * Every change, import and login, newest first (who, when, what; where from is in the
 * detail of logins), paged backwards with `before`.
 */
#include <stdlib.h>

#include "api.h"
#include "error.h"
#include "http.h"
#include "json_value.h"

static int take_entry(void *ctx, const pb_audit_entry *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "at", pb_json_text(e->at));
	json_object_set_new(o, "user", pb_json_text(e->user));
	json_object_set_new(o, "action", pb_json_text(e->action));
	json_object_set_new(o, "entity", pb_json_text(e->entity));
	/* the detail is JSON by convention: given as JSON when it parses, else as text */
	json_t *d = e->detail ? json_loads(e->detail, JSON_DECODE_ANY, NULL) : NULL;
	json_object_set_new(o, "detail", d ? d : pb_json_text(e->detail));
	return json_array_append_new(ctx, o) ? PB_ENOMEM : 0;
}

int pb_api_audit(pb_http_resp *resp, const pb_http_req *req)
{
	long long limit = pb_http_query_count(req, "limit", 100), before = pb_http_query_count(req, "before", 0);
	if (limit < 1 || limit > 1000)
		return pb_http_error(resp, 400, "bad_request", "每页 1 至 1000 条", "limit must be 1..1000",
				     "limit");
	if (before < 0)
		return pb_http_error(resp, 400, "bad_request", "before 应为记录编号", "before must be an "
				     "entry id", "before");
	json_t *a = json_array();
	int rc = a ? pb_store_audit_each(req->st, before, (size_t)limit, take_entry, a) : PB_ENOMEM;
	if (rc) {
		json_decref(a);
		return rc;
	}
	return pb_http_json(resp, 200, json_pack("{s:o}", "entries", a));
}
