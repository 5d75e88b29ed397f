/*
 * http_internal.h - what the server's files share and the unit tests reach: the
 * embedded UI files and the path rules for them.
 */
#ifndef PB_HTTP_INTERNAL_H
#define PB_HTTP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

/* One file of ui/, embedded at build time (cmake/embed.cmake, table pb_ui_files). */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};

/**
 * 1 when `path` (decoded, starting with '/') is safe to look up: no empty middle, "."
 * or ".." segment, no backslash, '%' or control character. The router and the static
 * files both refuse anything else.
 */
int pb_http_path_clean(const char *path);

/** pb_http_route_find over `table` (NULL-terminated) instead of the API's. */
const pb_http_route *pb_http_route_in(const pb_http_route *table, const char *method,
				      const char *path, pb_http_req *req, int *path_known);

/**
 * The UI file for a GET of `path` (not under /api/): "/" is index.html, a known file is
 * itself, an unknown but clean path is index.html (the single-page app routes it);
 * NULL for an unclean path. Sets *type to its MIME type.
 */
const struct pb_embedded_file *pb_http_static_find(const char *path, const char **type);

/** The MIME type for a file name, by its extension ("application/octet-stream" else). */
const char *pb_http_mime(const char *name);

/** A strong ETag ("\"<16 hex>\"", FNV-1a 64 of the content) into out[20]. */
void pb_http_etag(char out[20], const unsigned char *data, size_t len);

#endif
