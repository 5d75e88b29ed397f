/* buf.c - growable byte buffer; see buf.h. */
#include "buf.h"

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
