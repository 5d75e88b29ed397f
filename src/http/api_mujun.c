/*
 * api_mujun.c - the 亩均 evaluation (亩均评价):
 *   GET  /api/v1/mujun                       the stored evaluations (zone roles)
 *   GET  /api/v1/mujun/:year                 a stored year's full result, under its scheme
 *   GET  /api/v1/mujun/:year/enterprises/:id one enterprise's explanation
 *   POST /api/v1/mujun/:year                 {"scheme": "KEY"}: evaluate and store (admin,
 *                                            analyst)
 *   POST /api/v1/mujun/:year/what-if         {"set": {"above.tax_per_mu.weight": 40, ...}}
 *                                            or {"scheme": "KEY"}: the classes that would
 *                                            change, stored nothing (zone roles)
 * A stored year is shown by evaluating its inputs again under the scheme stored with it
 * (src/io/mujun_run.c), so the explanation is the one the year was published with. A
 * park operator gets its parks' enterprises and rows only, an enterprise user its own:
 * the zone's counts and other parks' rows are left out of what they get.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "mujun_out.h"
#include "mujun_run.h"
#include "store_mujun.h"

/* A failure of the evaluation: the user's input (a scheme, a --set) is 400, the rest 500. */
static int failed(pb_http_resp *resp, int rc, const char *field)
{
	if (rc == PB_EINVAL || rc == PB_ENOTFOUND)
		return pb_http_error_last(resp, 400, "bad_request", field);
	return rc;
}

static int parse_year(const char *s, int *year)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 1949 || v > 2100)
		return -1;
	*year = (int)v;
	return 0;
}

int pb_api_mujun_list(pb_http_resp *resp, const pb_http_req *req)
{
	if (!pb_auth_sees_zone(req->user))
		return pb_http_error(resp, 403, "forbidden", "只有全区用户可查看各年度评价",
				     "only zone-wide users see the evaluations", NULL);
	pb_mujun_evaluations l;
	int rc = pb_store_mujun_evaluations(&l, req->st);
	json_t *j = NULL;
	if (!rc)
		rc = pb_mujun_evaluations_json(&j, &l);
	pb_mujun_evaluations_free(&l);
	return rc ? rc : pb_http_json(resp, 200, json_pack("{s:o}", "evaluations", j));
}

/* The year's stored evaluation made again under its own scheme: 0 with *e filled, or the
 * response written (400, 404) and *answered set. */
static int stored_run(pb_mujun_run *e, pb_http_resp *resp, const pb_http_req *req, int year,
		      int *answered)
{
	pb_mujun_evaluations l;
	*answered = 1;
	int rc = pb_store_mujun_evaluations(&l, req->st);
	const char *json = NULL;
	for (size_t k = 0; !rc && k < l.n; k++)
		if (l.items[k].year == year)
			json = l.items[k].scheme_json;
	if (!rc && !json) {
		pb_mujun_evaluations_free(&l);
		return pb_http_error(resp, 404, "not_found", "该年度尚未评价", "no evaluation of that "
				     "year is stored", "year");
	}
	if (!rc)
		rc = pb_mujun_run_scheme_text(e, json, "stored scheme");
	pb_mujun_evaluations_free(&l);
	if (!rc)
		rc = pb_mujun_run_make(e, req->st, year, NULL, 1);
	if (rc)
		return rc;
	*answered = 0;
	return 0;
}

/* Leave out of j what the user may not see: other parks' and enterprises' rows and the
 * zone's aggregates, for park operators and enterprise users. */
static void keep_scope(json_t *j, const pb_mujun_run *e, const pb_user *u)
{
	if (pb_auth_sees_zone(u))
		return;
	static const char *const zone_keys[] = { "counts", "groups", "by_sector", "changes" };
	for (size_t k = 0; k < sizeof(zone_keys) / sizeof(zone_keys[0]); k++)
		json_object_del(j, zone_keys[k]);
	json_t *ents = json_object_get(j, "enterprises"), *kept = json_array();
	for (size_t i = 0; i < e->y.in.n; i++) {
		uint32_t p = e->y.in.park[i];
		int64_t park = p < e->y.in.npark ? e->y.park_id[p] : 0;
		if (pb_auth_sees_enterprise(u, e->y.enterprise_id[i], park))
			json_array_append(kept, json_array_get(ents, i));
	}
	json_object_set_new(j, "enterprises", kept);
	json_t *by_park = json_object_get(j, "by_park"), *parks = json_array();
	for (size_t k = 0, p = 0; k < json_array_size(by_park) && p < e->y.in.npark; k++, p++)
		if (u->role == PB_ROLE_PARK && pb_auth_sees_park(u, e->y.park_id[p]))
			json_array_append(parks, json_array_get(by_park, k));
	json_object_set_new(j, "by_park", parks);
	json_t *land = json_object_get(j, "land");
	if (json_is_object(land)) {
		json_object_del(land, "zone");
		json_t *lp = json_object_get(land, "parks"), *keep = json_array();
		for (size_t k = 0; k < json_array_size(lp) && k < e->y.in.npark; k++)
			if (u->role == PB_ROLE_PARK && pb_auth_sees_park(u, e->y.park_id[k]))
				json_array_append(keep, json_array_get(lp, k));
		json_object_set_new(land, "parks", keep);
		json_t *plots = json_object_get(land, "plots"), *mine = json_array();
		for (size_t k = 0, q = 0; k < e->plots.n; k++) {
			if (!e->land.reason[k])
				continue; /* the JSON lists only the plots with a reason */
			const pb_mujun_plot *pl = &e->plots.items[k];
			int64_t park = pl->park < e->y.in.npark ? e->y.park_id[pl->park] : 0;
			if (u->role == PB_ROLE_PARK && pb_auth_sees_park(u, park))
				json_array_append(mine, json_array_get(plots, q));
			q++;
		}
		json_object_set_new(land, "plots", mine);
	}
}

int pb_api_mujun_year(pb_http_resp *resp, const pb_http_req *req)
{
	int year, answered;
	if (parse_year(req->param[0], &year))
		return pb_http_bad(resp, "year", "年度应为四位年份", "year must be a year, e.g. 2025");
	pb_mujun_run e = { 0 };
	int rc = stored_run(&e, resp, req, year, &answered);
	json_t *j = NULL;
	if (!rc && !answered && !(rc = pb_mujun_json(&j, &e.v)))
		keep_scope(j, &e, req->user);
	pb_mujun_run_free(&e);
	if (rc || answered)
		return rc;
	return pb_http_json(resp, 200, j);
}

int pb_api_mujun_enterprise(pb_http_resp *resp, const pb_http_req *req)
{
	int year, answered;
	if (parse_year(req->param[0], &year))
		return pb_http_bad(resp, "year", "年度应为四位年份", "year must be a year, e.g. 2025");
	int64_t id = pb_http_id(req->param[1]);
	if (!id)
		return pb_http_bad(resp, "id", "企业编号应为正整数", "id must be an enterprise id");
	pb_mujun_run e = { 0 };
	int rc = stored_run(&e, resp, req, year, &answered);
	json_t *j = NULL;
	size_t i = 0;
	while (!rc && !answered && i < e.y.in.n && e.y.enterprise_id[i] != id)
		i++;
	if (!rc && !answered && i == e.y.in.n) {
		answered = 1;
		pb_http_error(resp, 404, "not_found", "没有该企业", "no such enterprise", "id");
	}
	if (!rc && !answered) {
		uint32_t p = e.y.in.park[i];
		if (!pb_auth_sees_enterprise(req->user, id, p < e.y.in.npark ? e.y.park_id[p] : 0)) {
			answered = 1;
			pb_http_error(resp, 403, "forbidden", "无权查看该企业", "this enterprise is outside "
				      "your scope", "id");
		}
	}
	if (!rc && !answered)
		rc = pb_mujun_enterprise_json(&j, &e.v, i);
	pb_mujun_run_free(&e);
	if (rc || answered)
		return rc;
	return pb_http_json(resp, 200, j);
}

/* The request's JSON object, or NULL with a 400 written. */
static json_t *body_object(pb_http_resp *resp, const pb_http_req *req)
{
	json_error_t jerr;
	json_t *in = req->body && req->body_len ? json_loadb(req->body, req->body_len, 0, &jerr)
						: json_object();
	if (!in || !json_is_object(in)) {
		json_decref(in);
		pb_http_bad(resp, "body", "请求应为 JSON 对象", "the body must be a JSON object");
		return NULL;
	}
	return in;
}

int pb_api_mujun_run(pb_http_resp *resp, const pb_http_req *req)
{
	int year;
	if (parse_year(req->param[0], &year))
		return pb_http_bad(resp, "year", "年度应为四位年份", "year must be a year, e.g. 2025");
	json_t *in = body_object(resp, req);
	if (!in)
		return 0;
	const char *scheme = json_string_value(json_object_get(in, "scheme"));
	pb_mujun_run e = { 0 };
	/* a scheme by key only: a path would read the server's files */
	int rc = scheme && strchr(scheme, '/') ? pb_error_set(PB_EINVAL, "方案须为内置方案的代码 / "
							      "scheme must be a shipped key")
					       : pb_mujun_run_scheme(&e, scheme);
	if (!rc)
		rc = pb_mujun_run_make(&e, req->st, year, NULL, 0);
	if (!rc)
		rc = pb_store_mujun_save(req->st, &e.y, e.s, e.scheme_json, &e.r, req->user->name);
	json_decref(in);
	json_t *counts = NULL;
	if (!rc) {
		counts = json_object();
		for (int c = 0; c < PB_MC_COUNT; c++)
			json_object_set_new(counts, pb_mujun_class_key(c), json_integer(e.t.zone[c]));
	}
	pb_mujun_run_free(&e);
	if (rc)
		return failed(resp, rc, "scheme");
	return pb_http_json(resp, 200, json_pack("{s:i, s:o}", "year", year, "counts", counts));
}

/* The what-if's scheme: the stored one with every "set" applied, or a shipped one. */
static int whatif_scheme(pb_mujun_run *o, const pb_mujun_run *base, json_t *in)
{
	const char *scheme = json_string_value(json_object_get(in, "scheme"));
	if (scheme)
		return strchr(scheme, '/') ? pb_error_set(PB_EINVAL, "方案须为内置方案的代码 / scheme "
							  "must be a shipped key")
					   : pb_mujun_run_scheme(o, scheme);
	json_t *set = json_object_get(in, "set");
	if (!json_is_object(set) || !json_object_size(set))
		return pb_error_set(PB_EINVAL, "须给出 set（路径: 数值）或 scheme / give \"set\" "
				    "(path: number) or \"scheme\"");
	if (!(o->s = malloc(sizeof(*o->s))))
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	*o->s = *base->s;
	const char *path;
	json_t *v;
	json_object_foreach(set, path, v) {
		if (!json_is_number(v))
			return pb_error_set(PB_EINVAL, "set.%s 须为数值 / set.%s must be a number", path,
					    path);
		int rc = pb_mujun_scheme_set(o->s, path, json_number_value(v));
		if (rc)
			return rc;
	}
	return pb_mujun_scheme_check(o->s);
}

int pb_api_mujun_whatif(pb_http_resp *resp, const pb_http_req *req)
{
	int year, answered;
	if (parse_year(req->param[0], &year))
		return pb_http_bad(resp, "year", "年度应为四位年份", "year must be a year, e.g. 2025");
	if (!pb_auth_sees_zone(req->user))
		return pb_http_error(resp, 403, "forbidden", "只有全区用户可做假设分析",
				     "only zone-wide users run what-ifs", NULL);
	json_t *in = body_object(resp, req);
	if (!in)
		return 0;
	pb_mujun_run base = { 0 }, other = { 0 };
	size_t *idx = NULL, n = 0;
	json_t *j = NULL;
	int rc = stored_run(&base, resp, req, year, &answered);
	if (!rc && !answered) {
		rc = whatif_scheme(&other, &base, in);
		if (!rc)
			rc = pb_mujun_run_make(&other, req->st, year, NULL, 0);
		if (!rc)
			rc = pb_mujun_changes(&idx, &n, &base.r, &other.r);
		if (!rc)
			rc = pb_mujun_whatif_json(&j, &base.v, &other.v, idx, n);
	}
	json_decref(in);
	free(idx);
	pb_mujun_run_free(&base);
	pb_mujun_run_free(&other);
	if (answered)
		return rc;
	if (rc)
		return failed(resp, rc, "set");
	return pb_http_json(resp, 200, j);
}
