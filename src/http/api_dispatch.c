/*
 * api_dispatch.c - the monthly dispatch (月度调度) and the ranking (赛马榜):
 *   GET /api/v1/dispatch?month=YYYY-MM[&format=xlsx]   the whole report (or its workbook)
 *   GET /api/v1/dispatch.xlsx?month=YYYY-MM            the printable workbook
 *   GET /api/v1/ranking?month=YYYY-MM&period=month|ytd one period's ranking
 *   GET /api/v1/activity?month=YYYY-MM&by=week|month   the activity index
 * The month defaults to that of the latest stage event. The report is made over the whole
 * zone; a park operator sees its parks' rows, and of the ranking and the activity index
 * every park's rank and score (they are published, as in Chongqing's practice) but the
 * figures and points of its own parks only (docs/api.md). Enterprise users: 403.
 */
#include <string.h>

#include "api.h"
#include "auth.h"
#include "dispatch_run.h"
#include "error.h"
#include "http.h"
#include "month.h"

/* The report of the request's month into *r and the reader's scope into *sc (NULL: the
 * zone). Returns 0 with the report made, 1 when the response is already an error, or an
 * internal failure. */
static int make(pb_disp_report *r, pb_disp_scope *sc, const pb_disp_scope **scp,
		pb_http_resp *resp, const pb_http_req *req)
{
	memset(r, 0, sizeof(*r));
	if (req->user->role == PB_ROLE_ENTERPRISE) {
		pb_http_error(resp, 403, "forbidden", "招商调度仅对园区及全区用户开放",
			      "the dispatch is for park and zone users", NULL);
		return 1;
	}
	int month = 0;
	const char *m = pb_http_query(req, "month");
	if (m && *m && !pb_month_parse(m, strlen(m), &month)) {
		pb_http_error(resp, 400, "bad_request", "月份应为 YYYY-MM", "month must be YYYY-MM",
			      "month");
		return 1;
	}
	int rc;
	if (!month && (rc = pb_disp_default_month(&month, req->st)))
		return rc;
	*scp = NULL;
	if (!pb_auth_sees_zone(req->user)) {
		sc->parks = req->user->parks;
		sc->nparks = req->user->nparks;
		*scp = sc;
	}
	return pb_disp_report_make(r, req->st, month, NULL);
}

static int answer(pb_http_resp *resp, json_t *j)
{
	return j ? pb_http_json(resp, 200, j) : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

typedef struct xlsx_job {
	const pb_disp_report *r;
	const pb_disp_scope *sc;
} xlsx_job;

static int write_xlsx(void *ctx, const char *path)
{
	const xlsx_job *j = ctx;
	return pb_disp_report_xlsx(j->r, j->sc, path);
}

static int xlsx(pb_http_resp *resp, const pb_disp_report *r, const pb_disp_scope *sc)
{
	xlsx_job j = { r, sc };
	int rc = pb_http_body_from_file(resp, "dispatch.xlsx", write_xlsx, &j);
	if (rc)
		return rc;
	snprintf(resp->file_name, sizeof(resp->file_name), "招商调度表_%04d-%02d.xlsx",
		 (int)(r->month / 100), (int)(r->month % 100));
	resp->status = 200;
	resp->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return 0;
}

/* A view of the report (JSON of one part, or the workbook when f is NULL) as the answer. */
typedef json_t *(*view_fn)(const pb_disp_report *r, int arg, const pb_disp_scope *sc);

static json_t *whole(const pb_disp_report *r, int arg, const pb_disp_scope *sc)
{
	(void)arg;
	return pb_disp_report_json(r, sc);
}

static int view(pb_http_resp *resp, const pb_http_req *req, view_fn f, int arg)
{
	pb_disp_report r;
	pb_disp_scope s;
	const pb_disp_scope *sc;
	int rc = make(&r, &s, &sc, resp, req);
	if (!rc)
		rc = f ? answer(resp, f(&r, arg, sc)) : xlsx(resp, &r, sc);
	pb_disp_report_free(&r);
	return rc == 1 ? 0 : rc;
}

int pb_api_dispatch(pb_http_resp *resp, const pb_http_req *req)
{
	const char *format = pb_http_query(req, "format");
	if (format && *format && strcmp(format, "xlsx") != 0 && strcmp(format, "json") != 0)
		return pb_http_error(resp, 400, "bad_request", "格式应为 json 或 xlsx",
				     "format must be json or xlsx", "format");
	return view(resp, req, format && strcmp(format, "xlsx") == 0 ? NULL : whole, 0);
}

int pb_api_dispatch_xlsx(pb_http_resp *resp, const pb_http_req *req)
{
	return view(resp, req, NULL, 0);
}

/* The index of the query's `key` among `words` (the first when absent), or -1. */
static int choice(const pb_http_req *req, const char *key, const char *const *words, int n)
{
	const char *v = pb_http_query(req, key);
	if (!v || !*v)
		return 0;
	for (int i = 0; i < n; i++)
		if (strcmp(v, words[i]) == 0)
			return i;
	return -1;
}

int pb_api_ranking(pb_http_resp *resp, const pb_http_req *req)
{
	static const char *const periods[PB_DP_COUNT] = { "ytd", "month" };
	int p = choice(req, "period", periods, PB_DP_COUNT);
	if (p < 0)
		return pb_http_error(resp, 400, "bad_request", "period 应为 month 或 ytd",
				     "period must be month or ytd", "period");
	return view(resp, req, pb_disp_ranking_json, p ? PB_DP_MONTH : PB_DP_YTD);
}

int pb_api_activity(pb_http_resp *resp, const pb_http_req *req)
{
	static const char *const bys[PB_DA_COUNT] = { "week", "month" };
	int by = choice(req, "by", bys, PB_DA_COUNT);
	if (by < 0)
		return pb_http_error(resp, 400, "bad_request", "by 应为 week 或 month",
				     "by must be week or month", "by");
	return view(resp, req, pb_disp_activity_json, by);
}
