/*
 * buf.h - a growable byte buffer, always NUL-terminated: the one used wherever text is
 * built up piece by piece (SQL statements, generated CSV, XML character data).
 */
#ifndef PB_BUF_H
#define PB_BUF_H

#include <stddef.h>

typedef struct pb_buf {
	char *p;     /* NULL until the first add; then p[len] == '\0' */
	size_t len, cap;
	int oom;     /* an add failed: the content is incomplete */
} pb_buf;

/** Append n bytes. Returns 0, or -1 (and sets oom) when out of memory. */
int pb_buf_add(pb_buf *b, const void *s, size_t n);

/** Append a NUL-terminated string. */
int pb_buf_puts(pb_buf *b, const char *s);

/** Append `s` as a JSON string: quoted, with '"', '\\' and control characters escaped
 * (UTF-8 passes as it is). Returns 0, or -1 when out of memory. */
int pb_buf_json_string(pb_buf *b, const char *s);

/** Free the memory; the buffer is empty and reusable. */
void pb_buf_free(pb_buf *b);

#endif
