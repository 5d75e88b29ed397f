/*
 * api_exports.c - a whole table as a workbook: GET /api/v1/exports/:kind[?format=csv]
 * The same export as `parkbrain export` (src/io/export.c: the import's own headers, so a
 * file exported can be imported again). A table holds every park's rows: zone-wide roles
 * only, a park operator or an enterprise user gets 403.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "export.h"
#include "http.h"
#include "kinds.h"

/* The file at `path` appended to b. */
static int slurp(pb_buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return pb_error_set(PB_EIO, "无法读取导出文件 / cannot read the export");
	char chunk[65536];
	size_t n;
	int rc = 0;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (pb_buf_add(b, chunk, n))
			rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (!rc && ferror(f))
		rc = pb_error_set(PB_EIO, "无法读取导出文件 / cannot read the export");
	fclose(f);
	return rc;
}

int pb_api_export(pb_http_resp *resp, const pb_http_req *req)
{
	if (!pb_auth_sees_zone(req->user))
		return pb_http_error(resp, 403, "forbidden", "整表导出含全区数据，仅全区用户可用",
				     "a whole table holds the zone's data: zone-wide users only", NULL);
	const pb_kind *kind = pb_kind_find(req->param[0]);
	if (!kind)
		return pb_http_error(resp, 404, "not_found", "没有该数据类型", "no such kind", "kind");
	const char *format = pb_http_query(req, "format");
	int csv = format && strcmp(format, "csv") == 0;
	if (format && !csv && strcmp(format, "xlsx") != 0)
		return pb_http_error(resp, 400, "bad_request", "格式应为 xlsx 或 csv",
				     "format must be xlsx or csv", "format");
	/* the exporter writes a file (atomically): a private temporary one, read back */
	char dir[] = "/tmp/pb-export-XXXXXX", path[64];
	if (!mkdtemp(dir))
		return pb_error_set(PB_EIO, "无法创建临时目录 / cannot make a temporary directory");
	snprintf(path, sizeof(path), "%s/export.%s", dir, csv ? "csv" : "xlsx");
	int64_t rows = 0;
	int rc = pb_export_run(req->st, kind, path, csv ? PB_FMT_CSV : PB_FMT_XLSX, &rows);
	if (!rc)
		rc = slurp(&resp->body, path);
	unlink(path);
	rmdir(dir);
	if (rc)
		return rc;
	char disposition[128]; /* kinds are named in ASCII: no encoding needed */
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s.%s\"", kind->name,
		 csv ? "csv" : "xlsx");
	resp->status = 200;
	resp->type = csv ? "text/csv; charset=utf-8"
			 : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return pb_http_add_header(resp, "Content-Disposition", disposition);
}
