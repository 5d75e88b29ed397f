/*
 * api_imports.c - imports over the web (数据导入):
 *   POST /api/v1/imports?kind=monthly&name=2025年6月报表.xlsx[&dry_run=1]
 *        the file itself as the body (any Content-Type): CSV, .xlsx or .xls
 *   GET  /api/v1/imports     the import log
 *   GET  /api/v1/imports/kinds  what may be imported: each kind's name, Chinese label,
 *        file extensions and columns (src/io/kinds.c), for the upload page's choices
 * The same importer as `parkbrain import` (src/io/import.c): all or nothing, one
 * transaction, every problem with its file, sheet, row and column. Admin and analyst:
 * an import writes across the zone.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "error.h"
#include "http.h"
#include "import.h"
#include "json_value.h"
#include "kinds.h"
#include "report.h"

/* The known kinds, "monthly, enterprises, ..." into buf. */
static const char *kind_list(char *buf, size_t size)
{
	size_t n, len = 0;
	const pb_kind *k = pb_kind_all(&n);
	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "", k[i].name);
	return buf;
}

int pb_api_import(pb_http_resp *resp, const pb_http_req *req)
{
	const char *kname = pb_http_query(req, "kind"), *name = pb_http_query(req, "name");
	const char *dry = pb_http_query(req, "dry_run");
	const pb_kind *kind = kname ? pb_kind_find(kname) : NULL;
	char kinds[512], zh[700], en[700];
	if (!kind) {
		kind_list(kinds, sizeof(kinds));
		snprintf(zh, sizeof(zh), "未知的数据类型，可用：%s", kinds);
		snprintf(en, sizeof(en), "unknown kind; known: %s", kinds);
		return pb_http_bad(resp, "kind", zh, en);
	}
	if (!name || !*name || strchr(name, '/') || strchr(name, '\\'))
		return pb_http_bad(resp, "name", "请给出文件名（含扩展名 .csv、.xlsx 或 .xls）",
			   "give the file's name (with its extension: .csv, .xlsx or .xls)");
	if (!req->body || !req->body_len)
		return pb_http_bad(resp, "body", "请求体应为要导入的文件", "the body must be the file to import");
	pb_source src = { name, NULL, (const unsigned char *)req->body, req->body_len };
	pb_import_opts o = { .dry_run = dry && strcmp(dry, "1") == 0, .user = req->user->name };
	pb_report rep;
	pb_import_result res;
	pb_report_init(&rep);
	memset(&res, 0, sizeof(res));
	int rc = pb_import_run(req->st, kind, &src, &o, &rep, &res);
	pb_report_sort(&rep);
	json_t *problems = pb_report_json(&rep);
	size_t errors = rep.errors, warnings = rep.warnings, dropped = rep.dropped;
	pb_report_free(&rep);
	if (!problems)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (rc && rc != PB_EREJECTED) {
		json_decref(problems);
		return rc;
	}
	json_t *o_json = json_pack("{s:s, s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:o}", "kind", kind->name,
				   "file", name, "dry_run", o.dry_run, "rows", (json_int_t)res.rows,
				   "import_id", (json_int_t)res.import_id, "errors", (json_int_t)errors,
				   "warnings", (json_int_t)warnings, "not_listed", (json_int_t)dropped,
				   "problems", problems);
	if (!o_json)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (rc == PB_EREJECTED) {
		snprintf(zh, sizeof(zh), "%s 有 %zu 个错误，未写入任何数据", name, errors);
		snprintf(en, sizeof(en), "%s has %zu errors; nothing was written", name, errors);
		json_object_set_new(o_json, "error", json_pack("{s:s, s:s, s:s, s:n}", "code", "rejected",
							       "message", zh, "message_en", en, "field"));
		return pb_http_json(resp, 422, o_json);
	}
	return pb_http_json(resp, 200, o_json);
}

static int take_import(void *ctx, const pb_import_record *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "kind", pb_json_text(r->kind));
	json_object_set_new(o, "file", pb_json_text(r->file_name));
	json_object_set_new(o, "hash", pb_json_text(r->file_hash));
	json_object_set_new(o, "size", json_integer(r->file_size));
	json_object_set_new(o, "rows", json_integer(r->rows));
	json_object_set_new(o, "warnings", json_integer(r->warnings));
	json_object_set_new(o, "user", pb_json_text(r->user_name));
	json_object_set_new(o, "started_at", pb_json_text(r->started_at));
	json_object_set_new(o, "finished_at", pb_json_text(r->finished_at));
	return json_array_append_new(ctx, o) ? PB_ENOMEM : 0;
}

int pb_api_imports(pb_http_resp *resp, const pb_http_req *req)
{
	json_t *a = json_array();
	int rc = a ? pb_store_imports_each(req->st, take_import, a) : PB_ENOMEM;
	if (rc) {
		json_decref(a);
		return rc;
	}
	return pb_http_json(resp, 200, json_pack("{s:o}", "imports", a));
}

/* One column of a kind: its header (Chinese, English), whether a row must have it, and
 * whether it only stands in for another (企业名称 where a file has no USCC column). */
static json_t *column_json(const pb_column *c)
{
	return json_pack("{s:s, s:s, s:b, s:b}", "header", c->zh, "en", c->en, "required",
			 (c->flags & PB_COL_REQUIRED) != 0, "alternative",
			 (c->flags & PB_COL_CHECK_ONLY) != 0);
}

static json_t *kind_json(const pb_kind *k)
{
	/* every kind is read from any of these: the reader is chosen by the content
	 * (src/io/table_detect.c), the extension only breaks a tie */
	json_t *o = json_pack("{s:s, s:s, s:[sss], s:[], s:[]}", "name", k->name, "label", k->zh,
			      "extensions", ".csv", ".xlsx", ".xls", "required", "columns");
	if (!o)
		return NULL;
	json_t *req = json_object_get(o, "required"), *cols = json_object_get(o, "columns");
	for (size_t i = 0; i < k->ncols; i++) {
		const pb_column *c = &k->cols[i];
		/* the 上年同期 variant shares its figure's header: listed once, as the figure */
		if (c->flags & PB_COL_PREV)
			continue;
		if (json_array_append_new(cols, column_json(c)) ||
		    ((c->flags & PB_COL_REQUIRED) && json_array_append_new(req, json_string(c->zh)))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

int pb_api_import_kinds(pb_http_resp *resp, const pb_http_req *req)
{
	(void)req;
	size_t n;
	const pb_kind *k = pb_kind_all(&n);
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, kind_json(&k[i]))) {
			json_decref(a);
			a = NULL;
		}
	json_t *o = a ? json_pack("{s:o}", "kinds", a) : NULL;
	return o ? pb_http_json(resp, 200, o) : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}
