/*
 * respond.c - reading a request's query and headers, and writing the response:
 * JSON, the JSON error form, extra headers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#include "error.h"
#include "http.h"
#include "resp_cache.h"

const char *pb_http_query(const pb_http_req *r, const char *key)
{
	if (!r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

long long pb_http_query_count(const pb_http_req *r, const char *key, long long def)
{
	const char *s = pb_http_query(r, key);
	if (!s || !*s)
		return def;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return errno || *end || v < 0 ? -1 : v;
}

int64_t pb_http_id(const char *text)
{
	char *end = NULL;
	errno = 0;
	long long id = text ? strtoll(text, &end, 10) : 0;
	return !text || errno || *end || id <= 0 ? 0 : (int64_t)id;
}

const char *pb_http_header(const pb_http_req *r, const char *name)
{
	if (!r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int pb_http_json(pb_http_resp *r, int status, json_t *j)
{
	pb_buf_free(&r->body);
	pb_resp_body_unref(r->shared);
	r->shared = NULL;
	r->type = "application/json; charset=utf-8";
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!s || pb_buf_puts(&r->body, s)) {
		free(s);
		pb_buf_free(&r->body);
		r->status = 500;
		pb_buf_puts(&r->body, "{\"error\":{\"code\":\"internal\",\"message\":\"内存不足\","
				      "\"message_en\":\"out of memory\"}}");
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	free(s);
	r->status = status;
	return 0;
}

int pb_http_json_shared(pb_http_resp *r, int status, struct pb_resp_body *b)
{
	pb_buf_free(&r->body);
	pb_resp_body_unref(r->shared);
	r->shared = b;
	r->type = "application/json; charset=utf-8";
	r->status = status;
	return 0;
}

int pb_http_error(pb_http_resp *r, int status, const char *code, const char *zh, const char *en,
		  const char *field)
{
	json_t *e = json_pack("{s:s, s:s, s:s}", "code", code, "message", zh ? zh : "",
			      "message_en", en ? en : "");
	if (e && field)
		json_object_set_new(e, "field", json_string(field));
	pb_http_json(r, status, e ? json_pack("{s:o}", "error", e) : NULL);
	return 0;
}

int pb_http_bad(pb_http_resp *r, const char *field, const char *zh, const char *en)
{
	return pb_http_error(r, 400, "bad_request", zh, en, field);
}

int pb_http_error_last(pb_http_resp *r, int status, const char *code, const char *field)
{
	char zh[1024];
	snprintf(zh, sizeof(zh), "%s", pb_error_last());
	const char *en = "";
	char *cut = strstr(zh, "/ ");
	if (cut) {
		en = cut + 2;
		*cut = '\0';
		for (size_t n = strlen(zh); n && zh[n - 1] == ' '; n--)
			zh[n - 1] = '\0';
	}
	return pb_http_error(r, status, code, zh, en, field);
}

int pb_http_add_header(pb_http_resp *r, const char *name, const char *value)
{
	if (r->nheader == PB_HTTP_MAX_HEADERS || strlen(name) >= sizeof(r->header[0][0]) ||
	    strlen(value) >= sizeof(r->header[0][1]) || strpbrk(name, "\r\n:") ||
	    strpbrk(value, "\r\n"))
		return pb_error_set(PB_EINVAL, "响应头无效或过多 / bad or too many response headers");
	snprintf(r->header[r->nheader][0], sizeof(r->header[0][0]), "%s", name);
	snprintf(r->header[r->nheader][1], sizeof(r->header[0][1]), "%s", value);
	r->nheader++;
	return 0;
}

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

int pb_http_body_from_file(pb_http_resp *r, const char *name, pb_http_file_writer write, void *ctx)
{
	char dir[] = "/tmp/pb-export-XXXXXX", path[128];
	if (!mkdtemp(dir))
		return pb_error_set(PB_EIO, "无法创建临时目录 / cannot make a temporary directory");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int rc = write(ctx, path);
	if (!rc)
		rc = slurp(&r->body, path);
	unlink(path);
	rmdir(dir);
	return rc;
}
