/*
 * api_warnings.c - early warnings (预警) and their follow-up:
 *   GET  /api/v1/warnings?status=open,acknowledged|all&month=YYYY-MM&rule=&enterprise=USCC
 *   POST /api/v1/warnings/:id/ack    {"note": "..."}   签收
 *   POST /api/v1/warnings/:id/close  {"note": "..."}   办结 (the note is required)
 * A park operator sees and follows up its parks' warnings only, an enterprise user its
 * own (read only); a warning outside the scope is 403.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "month.h"
#include "store_warn.h"
#include "warn.h"
#include "warn_out.h"

/* status=open,acknowledged → bits; "all" → 0 (every status); absent → open + acknowledged
 * (what still needs work). -1 when a key is unknown. */
static long parse_statuses(const char *s)
{
	if (!s || !*s)
		return 1u << PB_WS_OPEN | 1u << PB_WS_ACKNOWLEDGED;
	if (strcmp(s, "all") == 0)
		return 0;
	unsigned bits = 0;
	char key[32];
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		pb_warn_status st;
		if (len >= sizeof(key))
			return -1;
		memcpy(key, s, len);
		key[len] = '\0';
		if (pb_warn_status_parse(&st, key))
			return -1;
		bits |= 1u << st;
		s += len + (comma != NULL);
	}
	return bits;
}

/* The user's scope as the filter's. */
static void scope(pb_warn_filter *f, const pb_user *u)
{
	if (u->role == PB_ROLE_PARK) {
		f->parks = u->parks;
		f->nparks = u->nparks;
	} else if (u->role == PB_ROLE_ENTERPRISE) {
		f->enterprise_id = u->enterprise_id;
	}
}

int pb_api_warnings(pb_http_resp *resp, const pb_http_req *req)
{
	pb_warn_filter f = { .uscc = pb_http_query(req, "enterprise"), .rule = pb_http_query(req, "rule") };
	long statuses = parse_statuses(pb_http_query(req, "status"));
	if (statuses < 0)
		return pb_http_bad(resp, "status", "状态应为 open、acknowledged、closed 或 all",
			   "status must be open, acknowledged, closed or all");
	f.statuses = (unsigned)statuses;
	const char *m = pb_http_query(req, "month");
	if (m && *m && !pb_month_parse(m, strlen(m), &f.month))
		return pb_http_bad(resp, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
	if (f.rule && *f.rule && pb_warn_rule_index(f.rule) < 0)
		return pb_http_bad(resp, "rule", "没有该预警规则", "no such rule");
	if (f.uscc && !*f.uscc)
		f.uscc = NULL;
	if (f.rule && !*f.rule)
		f.rule = NULL;
	scope(&f, req->user);
	pb_warn_records list;
	int rc = pb_store_warn_list(&list, req->st, &f);
	json_t *j = rc ? NULL : pb_warn_records_json(&list);
	pb_warn_records_free(&list);
	if (rc)
		return rc;
	return pb_http_json(resp, 200, j);
}

/* The warning of the path's id if the user may follow it up: 0 and *id set, or the
 * response already written (400, 404, 403). */
static int reachable(pb_http_resp *resp, const pb_http_req *req, int64_t *id, int *answered)
{
	int64_t v = pb_http_id(req->param[0]);
	*answered = 1;
	if (!v)
		return pb_http_bad(resp, "id", "预警编号应为正整数", "id must be a warning id");
	pb_warn_filter all = { .id = v }, mine = { .id = v };
	scope(&mine, req->user);
	pb_warn_records a, b;
	int rc = pb_store_warn_list(&a, req->st, &all);
	if (!rc)
		rc = pb_store_warn_list(&b, req->st, &mine);
	else
		memset(&b, 0, sizeof(b));
	size_t na = a.n, nb = b.n;
	pb_warn_records_free(&a);
	pb_warn_records_free(&b);
	if (rc)
		return rc;
	if (!na)
		return pb_http_error(resp, 404, "not_found", "没有该预警", "no such warning", "id");
	if (!nb)
		return pb_http_error(resp, 403, "forbidden", "无权处理该预警", "this warning is outside "
				     "your scope", "id");
	*answered = 0;
	*id = v;
	return 0;
}

static int follow_up(pb_http_resp *resp, const pb_http_req *req, pb_warn_status to)
{
	int64_t id;
	int answered;
	int rc = reachable(resp, req, &id, &answered);
	if (rc || answered)
		return rc;
	json_error_t jerr;
	json_t *in = req->body && req->body_len ? json_loadb(req->body, req->body_len, 0, &jerr)
						: json_object();
	const char *note = NULL;
	if (!in || !json_is_object(in) || json_unpack(in, "{s?s}", "note", &note) != 0) {
		json_decref(in);
		return pb_http_bad(resp, "note", "请求应为 JSON：{\"note\": \"…\"}", "send JSON: {\"note\": \"...\"}");
	}
	if (to == PB_WS_CLOSED && (!note || !*note)) {
		json_decref(in);
		return pb_http_bad(resp, "note", "办结须填写处理说明（走访情况、一企一策措施）",
			   "closing needs a note: the follow-up visit and the measures taken");
	}
	const char *user = req->user->name;
	rc = to == PB_WS_CLOSED ? pb_store_warn_close(req->st, id, user, note)
				: pb_store_warn_ack(req->st, id, user, note);
	json_decref(in);
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 409, "wrong_step", "id");
	if (rc)
		return rc;
	return pb_http_json(resp, 200, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
						 pb_warn_status_key(to)));
}

int pb_api_warning_ack(pb_http_resp *resp, const pb_http_req *req)
{
	return follow_up(resp, req, PB_WS_ACKNOWLEDGED);
}

int pb_api_warning_close(pb_http_resp *resp, const pb_http_req *req)
{
	return follow_up(resp, req, PB_WS_CLOSED);
}
