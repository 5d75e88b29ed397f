/*
 * api_keyprojects.c - the key projects (重点项目库) against their yearly plans:
 *   GET  /api/v1/key-projects?year=&month=&tolerance=   the year-to-month report
 *   GET  /api/v1/key-projects/:id                       one project, its years and months
 *   POST /api/v1/key-projects/:id/months {month, completed, note}   record a month
 * Scope: a park operator reads and records only the projects of its parks (a project
 * without a park is the zone's: 403 to it); the route table keeps enterprise users out and
 * viewers to reading. The report and the figures come from io/keyproj_run and the store.
 * A month's body is read as the pipeline's are (api.h): an unknown key or a note over
 * PB_API_MAX_TEXT bytes is a 400 naming it.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "json_value.h"
#include "keyproj_run.h"
#include "month.h"
#include "store_keyproj.h"

/* The parks the user is limited to (none: the whole zone). */
static void scope(const pb_user *u, const int64_t **parks, size_t *n)
{
	*parks = u->role == PB_ROLE_PARK ? u->parks : NULL;
	*n = u->role == PB_ROLE_PARK ? u->nparks : 0;
}

/* A whole number from the query in [lo, hi], `def` when absent; -1 when malformed. */
static long query_int(const pb_http_req *r, const char *key, long def, long lo, long hi)
{
	const char *s = pb_http_query(r, key);
	if (!s || !*s)
		return def;
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	return errno || *end || v < lo || v > hi ? -1 : v;
}

int pb_api_keyprojects(pb_http_resp *resp, const pb_http_req *req)
{
	const int64_t *parks;
	size_t nparks;
	scope(req->user, &parks, &nparks);
	long year = query_int(req, "year", 0, 1949, 2100);
	long month = query_int(req, "month", 0, 1, 12);
	if (year < 0)
		return pb_http_bad(resp, "year", "年份无效", "year must be a year (1949..2100)");
	if (month < 0)
		return pb_http_bad(resp, "month", "月份应为 1 到 12", "month must be 1..12");
	double tolerance = 0.05;
	const char *ts = pb_http_query(req, "tolerance");
	if (ts && *ts) {
		char *end = NULL;
		errno = 0;
		tolerance = strtod(ts, &end);
		if (errno || *end || !(tolerance >= 0 && tolerance < 1))
			return pb_http_bad(resp, "tolerance", "容差应为 0 到 1 之间的数（0.05 即 5 个百分点）",
				   "tolerance must be a number in 0..1 (0.05: 5 points)");
	}
	/* the defaults: the latest month recorded (in the scope), else December of this year;
	 * a year asked for without a month: its December, or its latest month recorded */
	int latest = 0;
	int rc = pb_store_keyproj_latest(&latest, req->st, parks, nparks);
	if (rc)
		return rc;
	if (!year) {
		if (latest) {
			year = latest / 100;
		} else {
			year = pb_date_in_zone(time(NULL)) / 10000;
		}
	}
	if (!month)
		month = latest / 100 == year ? latest % 100 : 12;
	pb_keyproj_report r;
	rc = pb_keyproj_report_make(&r, req->st, parks, nparks, (int)year, (int)month, tolerance);
	json_t *j = rc ? NULL : pb_keyproj_report_json(&r);
	pb_keyproj_report_free(&r);
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 400, "bad_request", NULL);
	if (rc)
		return rc;
	if (j)
		json_object_set_new(j, "latest", latest ? json_sprintf("%04d-%02d", latest / 100,
								       latest % 100) : json_null());
	return pb_http_json(resp, 200, j);
}

/* The path's project if the user may see it: 0 with the detail loaded, or the response
 * written (*answered; 400, 404, 403). */
static int reachable(pb_http_resp *resp, const pb_http_req *req, pb_keyproj_detail *d,
		     int *answered)
{
	int64_t id = pb_http_id(req->param[0]);
	*answered = 1;
	memset(d, 0, sizeof(*d));
	if (!id)
		return pb_http_bad(resp, "id", "项目编号应为正整数", "id must be a key project's id");
	int rc = pb_store_keyproj_detail(d, req->st, id);
	if (rc == PB_ENOTFOUND)
		return pb_http_error(resp, 404, "not_found", "没有该重点项目", "no such key project", "id");
	if (rc)
		return rc;
	int64_t park = d->kp.park_id;
	if (park ? !pb_auth_sees_park(req->user, park) : !pb_auth_sees_zone(req->user))
		return pb_http_error(resp, 403, "forbidden", "无权查看该重点项目", "this key project is "
				     "outside your scope", "id");
	*answered = 0;
	return 0;
}

static json_t *month_text(int64_t m)
{
	if (m == PB_INT_MISSING || !pb_month_valid((int)m))
		return json_null();
	return json_sprintf("%04d-%02d", (int)(m / 100), (int)(m % 100));
}

static json_t *int_or_null(int64_t v)
{
	return v == PB_INT_MISSING ? json_null() : json_integer(v);
}

int pb_api_keyproject(pb_http_resp *resp, const pb_http_req *req)
{
	pb_keyproj_detail d;
	int answered;
	int rc = reachable(resp, req, &d, &answered);
	if (rc || answered) {
		pb_keyproj_detail_free(&d);
		return rc;
	}
	const pb_key_project *k = &d.kp;
	int nature = k->nature ? pb_keyproj_nature_parse(k->nature, strlen(k->nature)) : -1;
	json_t *o = json_object(), *years = json_array(), *months = json_array();
	json_object_set_new(o, "id", json_integer(k->id));
	json_object_set_new(o, "name", pb_json_text(k->name));
	json_object_set_new(o, "owner", pb_json_text(k->owner));
	json_object_set_new(o, "department", pb_json_text(k->department));
	json_object_set_new(o, "sector", pb_json_text(k->sector));
	json_object_set_new(o, "nature_name", nature >= 0 ? json_string(pb_keyproj_nature_name(nature))
							  : pb_json_text(k->nature));
	json_object_set_new(o, "content", pb_json_text(k->content));
	json_object_set_new(o, "park_id", k->park_id ? json_integer(k->park_id) : json_null());
	json_object_set_new(o, "park", pb_json_text(d.park));
	json_object_set_new(o, "total_investment", pb_json_num(k->total_investment));
	json_object_set_new(o, "invested_before", pb_json_num(k->invested_before));
	json_object_set_new(o, "planned_in_period", pb_json_num(k->planned_in_period));
	json_object_set_new(o, "planned_after", pb_json_num(k->planned_after));
	json_object_set_new(o, "start_year", int_or_null(k->start_year));
	json_object_set_new(o, "end_year", int_or_null(k->end_year));
	json_object_set_new(o, "started", month_text(k->started));
	json_object_set_new(o, "finished", month_text(k->finished));
	for (size_t i = 0; i < d.nyears; i++)
		json_array_append_new(years, json_pack("{s:I, s:o, s:o}", "year",
						       (json_int_t)d.years[i].year, "planned",
						       pb_json_num(d.years[i].planned), "actual",
						       pb_json_num(d.years[i].actual)));
	for (size_t i = 0; i < d.nmonths; i++)
		json_array_append_new(months, json_pack("{s:o, s:o, s:o}", "month",
							month_text(d.months[i].month), "completed",
							pb_json_num(d.months[i].completed), "note",
							pb_json_text(d.months[i].note)));
	json_object_set_new(o, "years", years);
	json_object_set_new(o, "months", months);
	json_object_set_new(o, "may_record", json_boolean(pb_auth_may_change(req->user)));
	pb_keyproj_detail_free(&d);
	return pb_http_json(resp, 200, o);
}

int pb_api_keyproject_month(pb_http_resp *resp, const pb_http_req *req)
{
	pb_keyproj_detail d;
	int answered;
	int rc = reachable(resp, req, &d, &answered);
	int64_t id = d.kp.id;
	pb_keyproj_detail_free(&d);
	if (rc || answered)
		return rc;
	static const char *const fields[] = { "month", "completed", "note", NULL };
	json_t *in = pb_api_body_object(resp, req);
	if (!in)
		return 0;
	const char *note = NULL;
	int month = 0;
	int bad = pb_api_known_fields(resp, in, fields) ||
		  pb_api_month_field(&month, resp, in, "month") ||
		  pb_api_text_field(&note, resp, in, "note");
	json_t *completed = json_object_get(in, "completed");
	double v = json_is_number(completed) ? json_number_value(completed) : NAN;
	if (!bad && (!isfinite(v) || v < 0))
		bad = (pb_http_bad(resp, "completed", "完成投资应为不小于 0 的数（万元）",
				   "completed must be a number ≥ 0 (10k yuan)"), 1);
	if (bad) {
		json_decref(in);
		return 0;
	}
	double previous;
	rc = pb_store_keyproj_month_put(&previous, req->st, id, month, v, note, req->user->name);
	json_decref(in);
	if (rc == PB_EINVAL)
		return pb_http_error_last(resp, 400, "bad_request", NULL);
	if (rc == PB_ENOTFOUND)
		return pb_http_error(resp, 404, "not_found", "没有该重点项目", "no such key project", "id");
	if (rc)
		return rc;
	return pb_http_json(resp, 200, json_pack("{s:I, s:o, s:f, s:o}", "id", (json_int_t)id,
						 "month", month_text(month), "completed", v,
						 "previous", pb_json_num(previous)));
}
