/*
 * router.c - method + path → route: literal segments and ":name" captures of one
 * segment each; a trailing slash is the same path ("/a/b/" = "/a/b"); a path whose
 * pattern matched under another method is "known" (405), else 404.
 */
#include <string.h>

#include "http.h"
#include "http_internal.h"

int pb_http_path_clean(const char *path)
{
	if (!path || path[0] != '/')
		return 0;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\' || *p == '%')
			return 0;
	const char *s = path + 1;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if ((n == 0 && e) || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (!e)
			break;
		s = e + 1;
	}
	return 1;
}

/* The thread's copy of the path's segments: captures point into it. */
static _Thread_local char seg_buf[2048];

/* Match `path` against `pattern`; on success fill req's captures (pointing into seg_buf). */
static int match(const char *pattern, const char *path, pb_http_req *req)
{
	size_t plen = strlen(path);
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (plen + 1 > sizeof(seg_buf))
		return 0;
	memcpy(seg_buf, path, plen);
	seg_buf[plen] = '\0';
	const char *param[PB_HTTP_MAX_PARAMS];
	size_t np = 0;
	const char *pp = pattern;
	char *s = seg_buf;
	while (*pp == '/' && *s == '/') {
		pp++;
		s++;
		size_t pn = strcspn(pp, "/"), sn = strcspn(s, "/");
		if (pp[0] == ':') {
			if (sn == 0 || np == PB_HTTP_MAX_PARAMS)
				return 0;
			param[np++] = s;
		} else if (pn != sn || memcmp(pp, s, pn) != 0) {
			return 0;
		}
		pp += pn;
		s += sn;
		if (*pp == '\0' && *s == '\0') {
			if (req) {
				for (size_t i = 0; i < np; i++) {
					((char *)param[i])[strcspn(param[i], "/")] = '\0';
					req->param[i] = param[i];
				}
				req->nparam = np;
			}
			return 1;
		}
	}
	return 0;
}

const pb_http_route *pb_http_route_in(const pb_http_route *table, const char *method,
				      const char *path, pb_http_req *req, int *path_known)
{
	*path_known = 0;
	if (req)
		req->nparam = 0;
	if (!pb_http_path_clean(path))
		return NULL;
	int head = strcmp(method, "HEAD") == 0;
	for (const pb_http_route *r = table; r->method; r++) {
		if (!match(r->pattern, path, NULL))
			continue;
		if (strcmp(r->method, method) == 0 || (head && strcmp(r->method, "GET") == 0)) {
			match(r->pattern, path, req);
			return r;
		}
		*path_known = 1;
	}
	return NULL;
}

const pb_http_route *pb_http_route_find(const char *method, const char *path,
					pb_http_req *req, int *path_known)
{
	return pb_http_route_in(pb_http_routes(), method, path, req, path_known);
}
