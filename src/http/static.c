/*
 * static.c - the UI's embedded files (ui/, table pb_ui_files): lookup, MIME types, ETags.
 * Nothing is read from the disk, so no path can reach outside ui/; unclean paths are
 * refused all the same.
 */
#include <stdio.h>
#include <string.h>

#include "http_internal.h"

extern const struct pb_embedded_file pb_ui_files[];

const char *pb_http_mime(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".map", "application/json; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void pb_http_etag(char out[20], const unsigned char *data, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ data[i]) * 1099511628211ull;
	snprintf(out, 20, "\"%016llx\"", (unsigned long long)h);
}

static const struct pb_embedded_file *by_name(const char *name)
{
	for (const struct pb_embedded_file *f = pb_ui_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const struct pb_embedded_file *pb_http_static_find(const char *path, const char **type)
{
	if (!pb_http_path_clean(path))
		return NULL;
	const struct pb_embedded_file *f = by_name(path + 1);
	if (!f)
		f = by_name("index.html");
	if (f)
		*type = pb_http_mime(f->name);
	return f;
}
