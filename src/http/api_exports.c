/*
 * api_exports.c - a whole table as a workbook: GET /api/v1/exports/:kind[?format=csv]
 * The same export as `parkbrain export` (src/io/export.c: the import's own headers, so a
 * file exported can be imported again), within the user's scope: zone-wide roles get
 * every row, a park operator the rows of its parks, an enterprise user its own
 * enterprise's; the store's query does the filtering (pb_store_each_in). A kind that is
 * the zone's alone (plan indicators, key projects, chains, official rates, ...; see
 * docs/api.md) is 403 for the scoped roles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "export.h"
#include "http.h"
#include "kinds.h"

typedef struct export_job {
	pb_store *st;
	const pb_kind *kind;
	const pb_store_scope *scope;
	pb_table_format fmt;
} export_job;

static int write_export(void *ctx, const char *path)
{
	export_job *j = ctx;
	int64_t rows = 0;
	return pb_export_run(j->st, j->kind, j->scope, path, j->fmt, &rows);
}

int pb_api_export(pb_http_resp *resp, const pb_http_req *req)
{
	const pb_kind *kind = pb_kind_find(req->param[0]);
	if (!kind)
		return pb_http_error(resp, 404, "not_found", "没有该数据类型", "no such kind", "kind");
	/* the user's scope; the zone-wide roles (admin, analyst, viewer) have none */
	pb_store_scope scope = { 0 };
	if (!pb_auth_sees_zone(req->user)) {
		if (req->user->role == PB_ROLE_PARK) {
			scope.parks = req->user->parks;
			scope.nparks = req->user->nparks;
		} else {
			scope.enterprise_id = req->user->enterprise_id;
		}
		/* a scoped user with an empty scope would otherwise read as the whole zone */
		if ((!scope.nparks && scope.enterprise_id <= 0) || !pb_store_scopable(kind->entity, &scope))
			return pb_http_error(resp, 403, "forbidden",
					     "该数据为全区数据，仅全区用户可导出",
					     "this table is the zone's: zone-wide users only", "kind");
	}
	const char *format = pb_http_query(req, "format");
	int csv = format && strcmp(format, "csv") == 0;
	if (format && !csv && strcmp(format, "xlsx") != 0)
		return pb_http_error(resp, 400, "bad_request", "格式应为 xlsx 或 csv",
				     "format must be xlsx or csv", "format");
	export_job job = { req->st, kind, pb_auth_sees_zone(req->user) ? NULL : &scope,
			   csv ? PB_FMT_CSV : PB_FMT_XLSX };
	int rc = pb_http_body_from_file(resp, csv ? "export.csv" : "export.xlsx", write_export, &job);
	if (rc)
		return rc;
	snprintf(resp->file_name, sizeof(resp->file_name), "%s.%s", kind->name, csv ? "csv" : "xlsx");
	resp->status = 200;
	resp->type = csv ? "text/csv; charset=utf-8"
			 : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return 0;
}
