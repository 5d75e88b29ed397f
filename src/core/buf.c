/* buf.c - growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pb_buf_add(pb_buf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = 1;
			return -1;
		}
		b->p = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int pb_buf_puts(pb_buf *b, const char *s)
{
	return pb_buf_add(b, s, strlen(s));
}

void pb_buf_free(pb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

int pb_buf_json_string(pb_buf *b, const char *s)
{
	int rc = pb_buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
		char esc[8];
		if (*p == '"' || *p == '\\')
			snprintf(esc, sizeof(esc), "\\%c", *p);
		else if (*p < 0x20)
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
		else {
			rc = pb_buf_add(b, p, 1);
			continue;
		}
		rc = pb_buf_puts(b, esc);
	}
	return rc ? rc : pb_buf_add(b, "\"", 1);
}
