/*
 * api_plan.c - plan tracking (目标跟踪): GET /api/v1/plan?year=YYYY&lang=zh|en
 * Each indicator of the five-year plan against its target (src/core/plan.h), as
 * `parkbrain report plan --json` gives it. The plan is the zone's: zone-wide roles only.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "model.h"
#include "plan.h"
#include "plan_load.h"
#include "plan_out.h"

int pb_api_plan(pb_http_resp *resp, const pb_http_req *req)
{
	if (!pb_auth_sees_zone(req->user))
		return pb_http_error(resp, 403, "forbidden", "规划目标为全区指标，仅全区用户可查看",
				     "the plan's targets are the zone's: zone-wide users only", NULL);
	int64_t year = PB_INT_MISSING;
	const char *y = pb_http_query(req, "year");
	if (y && *y) {
		char *end = NULL;
		errno = 0;
		long v = strtol(y, &end, 10);
		if (errno || *end || v < 1949 || v > 2100)
			return pb_http_error(resp, 400, "bad_request", "年度应为四位年份",
					     "year must be a year, e.g. 2024", "year");
		year = v;
	}
	const char *lang = pb_http_query(req, "lang");
	lang = lang && strcmp(lang, "en") == 0 ? "en" : "zh";
	pb_plan_input in;
	pb_plan_result r = { 0 };
	int rc = pb_plan_load(&in, req->st);
	if (!rc)
		rc = pb_plan_compute(&r, in.inds, in.ninds, in.acts, in.nacts, year, NULL);
	json_t *j = rc ? NULL : pb_plan_json(&r, lang);
	pb_plan_result_free(&r);
	pb_plan_input_free(&in);
	if (rc)
		return rc;
	return j ? pb_http_json(resp, 200, j) : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}
