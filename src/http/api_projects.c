/*
 * api_projects.c - the investment pipeline (招商项目):
 *   GET   /api/v1/pipeline?year=YYYY | from=&to= (YYYY-MM-DD or YYYY-MM) &group=park|team|…
 *   GET   /api/v1/projects?park=&team=&stage=&q=&generated=0|1&offset=&limit=
 *   GET   /api/v1/projects/:id          the project, its timeline, funds and 履约
 *   POST  /api/v1/projects              create
 *   PATCH /api/v1/projects/:id          edit the fields given
 *   POST  /api/v1/projects/:id/stages   {stage, date?, reason?}
 *   POST  /api/v1/projects/:id/funds    {month, fixed?, working?, note?}
 * Enterprise users have no route here (403); a viewer reads only (the route masks). A park
 * operator reads and changes only its parks' projects: its parks are the list's and the
 * figures' filter, one project outside them is 403, and it can neither create a project
 * outside them nor move one out of them, nor link one to an enterprise outside them (its
 * 履约 would show that enterprise's output and tax). A body's unknown key is a 400 naming
 * it, as a text over PB_API_MAX_TEXT bytes. The store checks and audits every change.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "industry.h"
#include "json_value.h"
#include "month.h"
#include "pipeline_comply.h"
#include "pipeline_run.h"
#include "store_enterprise.h"
#include "store_project.h"

/* The park scope of the user: a park operator's parks, none (every park) for the rest. */
static size_t scope_parks(const pb_user *u, const int64_t **parks)
{
	*parks = u->role == PB_ROLE_PARK ? u->parks : NULL;
	return u->role == PB_ROLE_PARK ? u->nparks : 0;
}

/* "YYYY-MM-DD" → yyyymmdd; "YYYY-MM" → its first (last = 0) or last (last = 1) day; -1
 * for neither, or a day outside the months the engine takes (PB_MONTH_MIN..MAX). */
static int parse_day(const char *s, int last, int32_t *out)
{
	int y, m, d, ym;
	size_t n = strlen(s);
	if (pb_date_parse(s, n, &y, &m, &d)) {
		*out = y * 10000 + m * 100 + d;
		return pb_date_valid(*out) ? 0 : -1;
	}
	if (!pb_month_parse(s, n, &ym))
		return -1;
	*out = ym * 100 + 1;
	if (last) /* the day before the next month's first */
		for (int dd = 31; dd >= 28; dd--)
			if (pb_date_valid(ym * 100 + dd)) {
				*out = ym * 100 + dd;
				break;
			}
	return 0;
}

static json_t *day_json(int32_t d)
{
	char t[16];
	if (!d)
		return json_null();
	pb_date_format(d, t);
	return json_string(t);
}

static json_t *stage_json(int s)
{
	return s > PB_STAGE_NONE && s < PB_STAGE_COUNT ? json_string(pb_stage_key((pb_stage)s))
						       : json_null();
}

static json_t *stage_name_json(int s)
{
	return s > PB_STAGE_NONE && s < PB_STAGE_COUNT ? json_string(pb_stage_name((pb_stage)s))
						       : json_null();
}

int pb_api_month_field(int *ym, pb_http_resp *resp, json_t *in, const char *key)
{
	const char *s;
	*ym = 0;
	if (pb_api_text_field(&s, resp, in, key))
		return -1;
	if (!s || !pb_month_parse(s, strlen(s), ym)) {
		pb_http_bad(resp, key, "月份应为 YYYY-MM", "must be a month (YYYY-MM)");
		return -1;
	}
	if (*ym > pb_date_in_zone(time(NULL)) / 100) {
		pb_http_bad(resp, key, "月份晚于本月，不能预记", "is after this month: nothing is recorded ahead");
		return -1;
	}
	return 0;
}

/* ---- GET /api/v1/pipeline ------------------------------------------------------------ */

_Static_assert(PB_MONTH_MIN == 199001 && PB_MONTH_MAX == 209912,
	       "the year's 400 names the engine's years 1990..2099");

int pb_api_pipeline(pb_http_resp *resp, const pb_http_req *req)
{
	const char *ys = pb_http_query(req, "year"), *fs = pb_http_query(req, "from"),
		   *ts = pb_http_query(req, "to"), *gs = pb_http_query(req, "group");
	int g = pb_pipe_grouping_parse(gs && *gs ? gs : "park");
	if (g < 0)
		return pb_http_bad(resp, "group", "分组应为 park、team、sector、origin、band、funding 或 industry",
			   "group must be park, team, sector, origin, band, funding or industry");
	const int64_t *parks;
	size_t nparks = scope_parks(req->user, &parks);
	int32_t from = 0, to = 0;
	int has_from = fs && *fs, has_to = ts && *ts, has_year = ys && *ys;
	if (has_from != has_to || (has_year && has_from))
		return pb_http_bad(resp, has_year ? "year" : "from", "请给出 year，或同时给出 from 和 to",
			   "give year, or both from and to");
	if (has_from) {
		if (parse_day(fs, 0, &from))
			return pb_http_bad(resp, "from", "日期应为 YYYY-MM-DD 或 YYYY-MM", "from must be YYYY-MM-DD or YYYY-MM");
		if (parse_day(ts, 1, &to))
			return pb_http_bad(resp, "to", "日期应为 YYYY-MM-DD 或 YYYY-MM", "to must be YYYY-MM-DD or YYYY-MM");
		if (from > to)
			return pb_http_bad(resp, "from", "起始日期晚于截止日期", "from is after to");
	} else {
		long long year = pb_http_query_count(req, "year", 0);
		if (year < 0 || (has_year && (year < PB_MONTH_MIN / 100 || year > PB_MONTH_MAX / 100)))
			return pb_http_bad(resp, "year", "年份应为 1990 至 2099", "year must be 1990..2099");
		if (!has_year) { /* the year of the latest move in the scope, as the command */
			int32_t last;
			int rc = pb_store_project_last_date(&last, req->st, parks, nparks);
			if (rc)
				return rc;
			year = last ? last / 10000 : pb_date_in_zone(time(NULL)) / 10000;
		}
		from = (int32_t)year * 10000 + 101;
		to = (int32_t)year * 10000 + 1231;
	}
	pb_pipe_report r;
	int rc = pb_pipe_report_make(&r, req->st, parks, nparks, g, from, to, NULL);
	json_t *j = rc ? NULL : pb_pipe_report_json(&r);
	pb_pipe_report_free(&r);
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 400, "bad_request", NULL);
	if (rc)
		return rc;
	return pb_http_json(resp, 200, j);
}

/* ---- GET /api/v1/projects ------------------------------------------------------------ */

static json_t *row_json(const pb_project_row *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", pb_json_text(p->name));
	json_object_set_new(o, "investor", pb_json_text(p->investor));
	json_object_set_new(o, "team", pb_json_text(p->team));
	json_object_set_new(o, "sector", pb_json_text(p->sector));
	json_object_set_new(o, "park_id", p->park_id ? json_integer(p->park_id) : json_null());
	json_object_set_new(o, "park", pb_json_text(p->park));
	json_object_set_new(o, "contract_value", pb_json_num(p->contract_value));
	json_object_set_new(o, "planned_investment", pb_json_num(p->planned_investment));
	json_object_set_new(o, "generated", json_boolean(p->generated));
	json_object_set_new(o, "stage", stage_json(p->stage));
	json_object_set_new(o, "stage_name", stage_name_json(p->stage));
	json_object_set_new(o, "since", day_json(p->since));
	json_object_set_new(o, "last_date", day_json(p->last_date));
	return o;
}

/* A stage named by its key ("signed") or its Chinese name (签约); PB_STAGE_NONE else. */
static int parse_stage(const char *s)
{
	return s && *s ? (int)pb_stage_parse(s, strlen(s)) : PB_STAGE_NONE;
}

int pb_api_projects(pb_http_resp *resp, const pb_http_req *req)
{
	pb_project_filter f = { .team = pb_http_query(req, "team"), .q = pb_http_query(req, "q"),
				.generated = -1 };
	long long park = pb_http_query_count(req, "park", 0), offset = pb_http_query_count(req, "offset", 0),
		  limit = pb_http_query_count(req, "limit", 50), gen = pb_http_query_count(req, "generated", -1);
	const char *stage = pb_http_query(req, "stage");
	if (park < 0)
		return pb_http_bad(resp, "park", "园区编号应为正整数", "park must be a park id");
	if (offset < 0)
		return pb_http_bad(resp, "offset", "offset 应为非负整数", "offset must be a whole number");
	if (limit < 1 || limit > 1000)
		return pb_http_bad(resp, "limit", "每页 1 至 1000 个", "limit must be 1..1000");
	if (gen > 1 || (gen < 0 && pb_http_query(req, "generated") && *pb_http_query(req, "generated")))
		return pb_http_bad(resp, "generated", "generated 应为 0 或 1", "generated must be 0 or 1");
	f.stage = parse_stage(stage);
	if (stage && *stage && f.stage == PB_STAGE_NONE)
		return pb_http_bad(resp, "stage", "没有该阶段", "no such stage");
	f.park_id = park;
	f.generated = (int)gen;
	f.offset = (size_t)offset;
	f.limit = (size_t)limit;
	if (f.team && !*f.team)
		f.team = NULL;
	if (f.q && !*f.q)
		f.q = NULL;
	f.nparks = scope_parks(req->user, &f.parks);
	pb_project_page pg;
	int rc = pb_store_project_list(&pg, req->st, &f);
	if (rc) {
		pb_project_page_free(&pg);
		return rc;
	}
	json_t *o = json_object(), *rows = json_array();
	for (size_t i = 0; i < pg.n; i++)
		json_array_append_new(rows, row_json(&pg.rows[i]));
	json_object_set_new(o, "total", json_integer((json_int_t)pg.total));
	json_object_set_new(o, "offset", json_integer(offset));
	json_object_set_new(o, "limit", json_integer(limit));
	json_object_set_new(o, "projects", rows);
	pb_project_page_free(&pg);
	return pb_http_json(resp, 200, o);
}

/* ---- GET /api/v1/projects/:id -------------------------------------------------------- */

static const char *const move_keys[] = {
	[PB_PM_OK] = "next", [PB_PM_SKIP] = "skip", [PB_PM_BACK] = "back",
	[PB_PM_DROP] = "drop", [PB_PM_REOPEN] = "reopen", [PB_PM_SAME] = "same", [PB_PM_BAD] = "bad",
};

static const char *move_key(int k)
{
	return k >= 0 && k <= PB_PM_BAD ? move_keys[k] : "bad";
}

static json_t *events_json(const pb_project_record *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->nevents; i++) {
		const pb_project_event *e = &r->events[i];
		json_t *o = json_object();
		json_object_set_new(o, "stage", stage_json(e->stage));
		json_object_set_new(o, "stage_name", stage_name_json(e->stage));
		json_object_set_new(o, "date", day_json(e->date));
		json_object_set_new(o, "reason", pb_json_text(e->note));
		json_object_set_new(o, "user", pb_json_text(e->user));
		json_object_set_new(o, "recorded_at", pb_json_text(e->recorded_at));
		json_object_set_new(o, "import_id", e->import_id ? json_integer(e->import_id) : json_null());
		json_object_set_new(o, "move", json_string(move_key(e->move.kind)));
		json_object_set_new(o, "from", stage_json(e->move.from));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *funds_json(const pb_project_record *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->nfunds; i++) {
		char m[8];
		pb_month_format((int)r->funds[i].month, m);
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:o}", "month", m, "fixed",
						   pb_json_num(r->funds[i].fixed), "working",
						   pb_json_num(r->funds[i].working), "note",
						   pb_json_text(r->funds[i].note)));
	}
	return a;
}

/* The stage days the replay gives ({key: "YYYY-MM-DD" | null}), and which were filled in
 * by a skip rather than recorded. */
static json_t *dates_json(const pb_pipe_state *s, int filled)
{
	json_t *o = json_object();
	for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
		json_object_set_new(o, pb_stage_key((pb_stage)k),
				    filled ? json_boolean(s->filled >> k & 1) : day_json(s->date[k]));
	return o;
}

/* 履约 over the 12 months to the zone's latest month, once the project produces: the
 * engine's assessment of this one project (src/core/pipeline_comply.h). */
static json_t *comply_json(const pb_project_record *r)
{
	if (!r->state.date[PB_STAGE_PRODUCING] || !r->actual_month)
		return json_null();
	uint8_t linked = r->enterprise_id > 0;
	pb_comply_input in = { .n = 1, .state = &r->state, .promised_output = &r->promised_output,
			       .promised_tax = &r->promised_tax, .linked = &linked,
			       .actual_output = &r->actual_output, .actual_tax = &r->actual_tax,
			       .ngroup = 1 };
	pb_comply_row rows[2];
	pb_comply_project p;
	if (pb_comply_compute(rows, &p, &in, r->actual_month))
		return json_null();
	char from[8], to[8];
	pb_month_format(pb_comply_window_start(r->actual_month) / 100, from);
	pb_month_format(r->actual_month, to);
	return json_pack("{s:s, s:s, s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "from", from, "to", to,
			 "assessed", p.assessed, "kept", p.kept, "ratio_output",
			 pb_json_num(p.ratio_output), "ratio_tax", pb_json_num(p.ratio_tax),
			 "promised_output", pb_json_num(r->promised_output), "actual_output",
			 linked ? pb_json_num(r->actual_output) : json_null(), "promised_tax",
			 pb_json_num(r->promised_tax), "actual_tax",
			 linked ? pb_json_num(r->actual_tax) : json_null());
}

/* The linked enterprise's latest 亩均 result beside the contract's promise per 亩. */
static json_t *mujun_json(const pb_project_record *r)
{
	if (!r->mujun_year)
		return json_null();
	return json_pack("{s:i, s:s, s:o, s:o, s:o, s:o}", "year", r->mujun_year, "class",
			 r->mujun_class, "score", pb_json_num(r->mujun_total), "rank_zone",
			 r->mujun_rank_zone ? json_integer(r->mujun_rank_zone) : json_null(),
			 "tax_per_mu", pb_json_num(r->mujun_tax_per_mu), "promised_tax_per_mu",
			 pb_json_num(pb_comply_per_mu(r->promised_tax, r->land_needed)));
}

static json_t *record_json(const pb_project_record *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	const struct { const char *key; const char *v; } text[] = {
		{ "name", r->name },       { "investor", r->investor }, { "origin", r->origin },
		{ "industry", r->industry }, { "sector", r->sector },   { "team", r->team },
		{ "chain", r->chain },     { "chain_node", r->chain_node }, { "note", r->note },
		{ "park", r->park },
	};
	for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++)
		json_object_set_new(o, text[k].key, pb_json_text(text[k].v));
	json_object_set_new(o, "foreign_funded", r->foreign_funded == PB_INT_MISSING
				   ? json_null() : json_boolean(r->foreign_funded == 1));
	json_object_set_new(o, "park_id", r->park_id ? json_integer(r->park_id) : json_null());
	json_object_set_new(o, "enterprise", r->enterprise_id
		? json_pack("{s:I, s:o, s:o}", "id", (json_int_t)r->enterprise_id, "uscc",
			    pb_json_text(r->enterprise_uscc), "name", pb_json_text(r->enterprise_name))
		: json_null());
	const struct { const char *key; double v; } nums[] = {
		{ "planned_investment", r->planned_investment }, { "contract_value", r->contract_value },
		{ "promised_output", r->promised_output },       { "promised_tax", r->promised_tax },
		{ "land_needed", r->land_needed },
	};
	for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++)
		json_object_set_new(o, nums[k].key, pb_json_num(nums[k].v));
	json_object_set_new(o, "generated", json_boolean(r->generated));
	json_object_set_new(o, "stage", stage_json(r->stage));
	json_object_set_new(o, "stage_name", stage_name_json(r->stage));
	json_object_set_new(o, "since", day_json(r->stage != PB_STAGE_NONE ? r->state.date[r->stage] : 0));
	json_object_set_new(o, "dates", dates_json(&r->state, 0));
	json_object_set_new(o, "filled", dates_json(&r->state, 1));
	json_object_set_new(o, "events", events_json(r));
	json_object_set_new(o, "funds", funds_json(r));
	json_object_set_new(o, "comply", comply_json(r));
	json_object_set_new(o, "mujun", mujun_json(r));
	return o;
}

/* The path's project id: > 0, or 0 with a 400 written. */
static int64_t path_id(pb_http_resp *resp, const pb_http_req *req)
{
	int64_t id = pb_http_id(req->param[0]);
	if (!id) {
		pb_http_bad(resp, "id", "项目编号应为正整数", "id must be a project id");
		return 0;
	}
	return id;
}

static int not_found(pb_http_resp *resp)
{
	return pb_http_error(resp, 404, "not_found", "没有该招商项目", "no such project", "id");
}

static int forbidden(pb_http_resp *resp, const char *field)
{
	return pb_http_error(resp, 403, "forbidden", "无权查看或修改该园区的招商项目",
			     "this project is outside your parks", field);
}

/* Load project `id` when the user may see it: 0 with *r filled, or a response written
 * (*answered = 1: 404, 403) or a failure returned. */
static int reachable(pb_project_record *r, pb_http_resp *resp, const pb_http_req *req,
		     int64_t id, int *answered)
{
	*answered = 1;
	int rc = pb_store_project_get(r, req->st, id);
	if (rc == PB_ENOTFOUND)
		return not_found(resp);
	if (rc)
		return rc;
	if (!pb_auth_sees_park(req->user, r->park_id))
		return forbidden(resp, "id");
	*answered = 0;
	return 0;
}

int pb_api_project(pb_http_resp *resp, const pb_http_req *req)
{
	int64_t id = path_id(resp, req);
	if (!id)
		return 0;
	pb_project_record r;
	int answered, rc = reachable(&r, resp, req, id, &answered);
	if (!rc && !answered)
		rc = pb_http_json(resp, 200, record_json(&r));
	pb_project_record_free(&r);
	return rc;
}

/* ---- changes ------------------------------------------------------------------------- */

json_t *pb_api_body_object(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body && req->body_len ? json_loadb(req->body, req->body_len, 0, &jerr)
						: NULL;
	if (!in || !json_is_object(in)) {
		json_decref(in);
		pb_http_bad(resp, "body", "请求应为 JSON 对象", "send a JSON object");
		return NULL;
	}
	return in;
}

int pb_api_known_fields(pb_http_resp *resp, json_t *in, const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		size_t k = 0;
		while (known[k] && strcmp(known[k], key) != 0)
			k++;
		if (!known[k]) {
			pb_http_bad(resp, key, "未知的字段", "unknown field");
			return -1;
		}
	}
	return 0;
}

/* 1 when the text is longer than a field may be (its 400 is the caller's). */
static int too_long(const json_t *v)
{
	return json_is_string(v) && json_string_length(v) > PB_API_MAX_TEXT;
}

static int text_too_long(pb_http_resp *resp, const char *key)
{
	pb_http_bad(resp, key, "文字过长（超过 20000 字节）", "text too long (over 20000 bytes)");
	return -1;
}

int pb_api_text_field(const char **out, pb_http_resp *resp, json_t *in, const char *key)
{
	json_t *v = json_object_get(in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		pb_http_bad(resp, key, "应为文字或 null", "must be text or null");
		return -1;
	}
	if (too_long(v))
		return text_too_long(resp, key);
	*out = json_string_value(v);
	return 0;
}

enum { F_TEXT, F_NUM, F_ID, F_BOOL };

static int field_type(int f)
{
	switch (f) {
	case PB_PF_FOREIGN: return F_BOOL;
	case PB_PF_PARK: case PB_PF_ENTERPRISE: return F_ID;
	case PB_PF_PLANNED: case PB_PF_CONTRACT: case PB_PF_OUTPUT: case PB_PF_TAX:
	case PB_PF_LAND: return F_NUM;
	default: return F_TEXT;
	}
}

/* Set field f of p from v (null clears it); 0, or -1 when v is of the wrong type. The
 * text stays owned by the JSON. */
static int set_field(pb_project *p, int f, json_t *v)
{
	int null = json_is_null(v);
	switch (field_type(f)) {
	case F_BOOL:
		if (!null && !json_is_boolean(v) && !(json_is_integer(v) && json_integer_value(v) >= 0 &&
						       json_integer_value(v) <= 1))
			return -1;
		p->foreign_funded = null ? PB_INT_MISSING
					 : json_is_boolean(v) ? json_is_true(v) : json_integer_value(v);
		return 0;
	case F_ID:
		if (!null && (!json_is_integer(v) || json_integer_value(v) <= 0))
			return -1;
		*(f == PB_PF_PARK ? &p->park_id : &p->enterprise_id) = null ? 0 : json_integer_value(v);
		return 0;
	case F_NUM: {
		if (!null && !json_is_number(v))
			return -1;
		double d = null ? NAN : json_number_value(v);
		double *dst[] = { [PB_PF_PLANNED] = &p->planned_investment,
				  [PB_PF_CONTRACT] = &p->contract_value,
				  [PB_PF_OUTPUT] = &p->promised_output, [PB_PF_TAX] = &p->promised_tax,
				  [PB_PF_LAND] = &p->land_needed };
		*dst[f] = d;
		return 0;
	}
	default: {
		if (!null && !json_is_string(v))
			return -1;
		const char *s = null ? NULL : json_string_value(v);
		const char **dst[] = { [PB_PF_NAME] = &p->name, [PB_PF_INVESTOR] = &p->investor,
				       [PB_PF_ORIGIN] = &p->origin, [PB_PF_INDUSTRY] = &p->industry,
				       [PB_PF_SECTOR] = &p->sector, [PB_PF_TEAM] = &p->team,
				       [PB_PF_CHAIN] = &p->chain, [PB_PF_CHAIN_NODE] = &p->chain_node,
				       [PB_PF_NOTE] = &p->note };
		*dst[f] = s;
		return 0;
	}
	}
}

/* The body's industry code in its lettered form, as an import stores it ("3922" →
 * "C3922"): the pipeline's 行业 grouping reads the division off the stored code, so an
 * unlettered or unknown one would fall silently into 未填. 0; 1 with a 400 written; or
 * PB_ENOMEM. */
static int normalize_industry(pb_http_resp *resp, json_t *in)
{
	json_t *v = json_object_get(in, "industry");
	if (!json_is_string(v) || !json_string_length(v) || too_long(v))
		return 0; /* null, "" (clear it) or a wrong type: read_fields' answer */
	char code[8];
	if (!pb_industry_normalize(json_string_value(v), json_string_length(v), code)) {
		pb_http_bad(resp, "industry", "行业代码格式不对（应为 GB/T 4754-2017 代码，如 C3922 或 3922）",
			    "malformed industry code (GB/T 4754-2017, e.g. C3922 or 3922)");
		return 1;
	}
	if (!pb_industry_find(code)) {
		pb_http_bad(resp, "industry", "GB/T 4754-2017 中没有这个行业代码",
			    "no such code in GB/T 4754-2017");
		return 1;
	}
	return json_string_set(v, code) ? PB_ENOMEM : 0;
}

/* The body's fields into p and *mask: 0, or a 400 written naming the field (*answered). */
static int read_fields(pb_project *p, uint64_t *mask, pb_http_resp *resp, json_t *in)
{
	const char *key;
	json_t *v;
	memset(p, 0, sizeof(*p));
	p->foreign_funded = PB_INT_MISSING;
	*mask = 0;
	json_object_foreach(in, key, v) {
		int f = 0;
		while (f < PB_PF_COUNT && strcmp(pb_project_field_key(f), key) != 0)
			f++;
		if (f == PB_PF_COUNT) {
			pb_http_bad(resp, key, "未知的项目字段", "unknown project field");
			return -1;
		}
		if (field_type(f) == F_TEXT && too_long(v))
			return text_too_long(resp, key);
		if (set_field(p, f, v)) {
			pb_http_bad(resp, key, field_type(f) == F_TEXT ? "应为文字或 null"
				: field_type(f) == F_NUM ? "应为数字（万元/亩）或 null"
				: field_type(f) == F_ID ? "应为编号（正整数）或 null"
							: "应为 true（外资）、false（内资）或 null",
			    field_type(f) == F_TEXT ? "must be text or null"
				: field_type(f) == F_NUM ? "must be a number or null"
				: field_type(f) == F_ID ? "must be an id or null"
							: "must be true, false or null");
			return -1;
		}
		*mask |= 1ull << f;
	}
	return 0;
}

/* The store's answer to a change: its failure as 400 (naming the field) or 404. */
static int change_failed(pb_http_resp *resp, int rc, const char *field)
{
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 400, "bad_request", field);
	if (rc == PB_ENOTFOUND)
		return not_found(resp);
	return rc;
}

static int saved(pb_http_resp *resp, const pb_http_req *req, int64_t id, int status)
{
	pb_project_record r;
	int rc = pb_store_project_get(&r, req->st, id);
	if (!rc)
		rc = pb_http_json(resp, status, record_json(&r));
	pb_project_record_free(&r);
	return rc;
}

/* 1 when the user may link a project to enterprise `eid` (0: none): a park operator only
 * to one of its parks' enterprises, since the project's 履约 shows the linked enterprise's
 * output and tax; one that does not exist is the store's 400. 0 when not, or a failure. */
static int may_link(const pb_http_req *req, int64_t eid)
{
	if (!eid || pb_auth_sees_zone(req->user))
		return 1;
	pb_enterprise_filter f = { .only_id = eid, .limit = 1 };
	pb_enterprise_page pg;
	int rc = pb_store_enterprise_search(&pg, req->st, &f);
	int may = rc ? rc : !pg.n || pb_auth_sees_enterprise(req->user, eid, pg.rows[0].park_id);
	pb_enterprise_page_free(&pg);
	return may;
}

/* The body of a create (id 0) or of an edit of project `id` into *in, *p and *mask, when
 * the user may make it: 0; 1 with the answer written (400; 403 for a park or an enterprise
 * outside a park operator's parks); or a failure. *in (NULL after a bad body) is the
 * caller's to json_decref; p's texts are owned by it. */
static int read_change(json_t **in, pb_project *p, uint64_t *mask, pb_http_resp *resp,
		       const pb_http_req *req, int64_t id)
{
	if (!(*in = pb_api_body_object(resp, req)))
		return 1;
	int rc = normalize_industry(resp, *in);
	if (rc)
		return rc;
	if (read_fields(p, mask, resp, *in))
		return 1;
	if (id && !*mask)
		return pb_http_bad(resp, "body", "没有要修改的字段", "nothing to change"), 1;
	if (!id && !pb_auth_sees_park(req->user, p->park_id))
		return pb_http_error(resp, 403, "forbidden", "园区操作员只能在本园区新建项目（请填写 park_id）",
				     "a park operator creates projects in its own parks only (give park_id)",
				     "park_id"), 1;
	if (id && *mask >> PB_PF_PARK & 1 && !pb_auth_sees_park(req->user, p->park_id))
		return forbidden(resp, "park_id"), 1;
	int may = *mask >> PB_PF_ENTERPRISE & 1 ? may_link(req, p->enterprise_id) : 1;
	if (may < 0)
		return may;
	if (!may)
		return pb_http_error(resp, 403, "forbidden", "园区操作员只能关联本园区的企业",
				     "a park operator links projects to its own parks' enterprises only",
				     "enterprise_id"), 1;
	return 0;
}

int pb_api_project_create(pb_http_resp *resp, const pb_http_req *req)
{
	json_t *in;
	pb_project p;
	uint64_t mask;
	int rc = read_change(&in, &p, &mask, resp, req, 0);
	if (rc) {
		json_decref(in);
		return rc > 0 ? 0 : rc;
	}
	pb_project_actor who = { .user = req->user->name, .ip = req->ip };
	const char *field = NULL;
	int64_t id = 0;
	rc = pb_store_project_save(&id, &field, req->st, 0, &p, mask, &who);
	json_decref(in);
	if (rc)
		return change_failed(resp, rc, field);
	return saved(resp, req, id, 201);
}

int pb_api_project_update(pb_http_resp *resp, const pb_http_req *req)
{
	int64_t id = path_id(resp, req);
	if (!id)
		return 0;
	pb_project_record r;
	int answered, rc = reachable(&r, resp, req, id, &answered);
	pb_project_record_free(&r);
	if (rc || answered)
		return rc;
	json_t *in;
	pb_project p;
	uint64_t mask;
	if ((rc = read_change(&in, &p, &mask, resp, req, id))) {
		json_decref(in);
		return rc > 0 ? 0 : rc;
	}
	pb_project_actor who = { .user = req->user->name, .ip = req->ip };
	const char *field = NULL;
	rc = pb_store_project_save(NULL, &field, req->st, id, &p, mask, &who);
	json_decref(in);
	if (rc)
		return change_failed(resp, rc, field);
	return saved(resp, req, id, 200);
}

/* The project of the path when the user may change it: its id, or 0 with the answer
 * written (400, 404, 403) or *rc set. */
static int64_t changeable(pb_http_resp *resp, const pb_http_req *req, int *rc)
{
	*rc = 0;
	int64_t id = path_id(resp, req);
	if (!id)
		return 0;
	pb_project_record r;
	int answered;
	*rc = reachable(&r, resp, req, id, &answered);
	pb_project_record_free(&r);
	return *rc || answered ? 0 : id;
}

/* The path's project, when the user may change it, into *id and the request's body as
 * a JSON object (the caller's to json_decref); NULL with *rc what the handler returns (0:
 * answered with a 400, 403 or 404). */
static json_t *change_body(int64_t *id, int *rc, pb_http_resp *resp, const pb_http_req *req)
{
	*id = changeable(resp, req, rc);
	return *id ? pb_api_body_object(resp, req) : NULL;
}

int pb_api_project_stage(pb_http_resp *resp, const pb_http_req *req)
{
	static const char *const fields[] = { "stage", "date", "reason", NULL };
	int rc;
	int64_t id;
	json_t *in = change_body(&id, &rc, resp, req);
	if (!in)
		return rc;
	const char *stage = NULL, *date = NULL, *reason = NULL;
	int bad = pb_api_known_fields(resp, in, fields) || pb_api_text_field(&stage, resp, in, "stage") ||
		  pb_api_text_field(&date, resp, in, "date") ||
		  pb_api_text_field(&reason, resp, in, "reason");
	int to = bad ? PB_STAGE_NONE : parse_stage(stage);
	if (!bad && to == PB_STAGE_NONE)
		bad = (pb_http_bad(resp, "stage", "没有该阶段", "no such stage"), 1);
	int32_t day = pb_date_in_zone(time(NULL)), today = day;
	int y, m, d;
	if (!bad && date && *date) {
		if (pb_date_parse(date, strlen(date), &y, &m, &d))
			day = y * 10000 + m * 100 + d;
		else
			bad = (pb_http_bad(resp, "date", "日期应为 YYYY-MM-DD", "date must be YYYY-MM-DD"), 1);
	}
	if (bad) {
		json_decref(in);
		return 0;
	}
	pb_project_actor who = { .user = req->user->name, .ip = req->ip };
	pb_project_moved mv;
	rc = pb_store_project_move(&mv, req->st, id, to, day, reason, today, &who);
	json_decref(in);
	if (rc)
		return change_failed(resp, rc, mv.field);
	json_t *o = json_pack("{s:I, s:o, s:o, s:s, s:o}", "id", (json_int_t)id, "from",
			      stage_json(mv.from), "to", stage_json(mv.to), "move", move_key(mv.kind),
			      "date", day_json(day));
	return pb_http_json(resp, 200, o);
}

/* The required day `key` of `in` ("YYYY-MM-DD") into *out: 0, or -1 with a 400 naming it. */
static int day_field(int32_t *out, pb_http_resp *resp, json_t *in, const char *key)
{
	const char *s;
	int y, m, d;
	*out = 0;
	if (pb_api_text_field(&s, resp, in, key))
		return -1;
	if (!s || !pb_date_parse(s, strlen(s), &y, &m, &d)) {
		pb_http_bad(resp, key, "日期应为 YYYY-MM-DD", "must be a day (YYYY-MM-DD)");
		return -1;
	}
	*out = y * 10000 + m * 100 + d;
	return 0;
}

int pb_api_project_redate(pb_http_resp *resp, const pb_http_req *req)
{
	static const char *const fields[] = { "stage", "date", "new_date", "reason", NULL };
	int rc;
	int64_t id;
	json_t *in = change_body(&id, &rc, resp, req);
	if (!in)
		return rc;
	const char *stage = NULL, *reason = NULL;
	int32_t from = 0, to = 0;
	int bad = pb_api_known_fields(resp, in, fields) || pb_api_text_field(&stage, resp, in, "stage") ||
		  pb_api_text_field(&reason, resp, in, "reason");
	int s = bad ? PB_STAGE_NONE : parse_stage(stage);
	if (!bad && s == PB_STAGE_NONE)
		bad = (pb_http_bad(resp, "stage", "没有该阶段", "no such stage"), 1);
	bad = bad || day_field(&from, resp, in, "date") || day_field(&to, resp, in, "new_date");
	if (bad) {
		json_decref(in);
		return 0;
	}
	pb_project_actor who = { .user = req->user->name, .ip = req->ip };
	pb_project_moved mv;
	rc = pb_store_project_redate(&mv, req->st, id, s, from, to, reason,
				     pb_date_in_zone(time(NULL)), &who);
	json_decref(in);
	if (rc)
		return change_failed(resp, rc, mv.field);
	json_t *o = json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)id, "stage", stage_json(s),
			      "date", day_json(from), "new_date", day_json(to));
	return pb_http_json(resp, 200, o);
}

int pb_api_project_fund(pb_http_resp *resp, const pb_http_req *req)
{
	static const char *const fields[] = { "month", "fixed", "working", "note", NULL };
	int rc;
	int64_t id;
	json_t *in = change_body(&id, &rc, resp, req);
	if (!in)
		return rc;
	const char *note = NULL;
	int ym = 0;
	int bad = pb_api_known_fields(resp, in, fields) || pb_api_month_field(&ym, resp, in, "month") ||
		  pb_api_text_field(&note, resp, in, "note");
	const char *key[2] = { "fixed", "working" };
	double x[2];
	for (int k = 0; k < 2 && !bad; k++) {
		json_t *v = json_object_get(in, key[k]);
		if (v && !json_is_null(v) && !json_is_number(v))
			bad = (pb_http_bad(resp, key[k], "到位资金应为数字（万元）或 null",
					   "must be a number (万元) or null"), 1);
		x[k] = v && json_is_number(v) ? json_number_value(v) : NAN;
	}
	if (bad) {
		json_decref(in);
		return 0;
	}
	pb_project_actor who = { .user = req->user->name, .ip = req->ip };
	const char *field = NULL;
	rc = pb_store_project_fund(&field, req->st, id, ym, x[0], x[1], note, &who);
	json_decref(in);
	if (rc)
		return change_failed(resp, rc, field);
	return saved(resp, req, id, 200);
}
