/* memtable.c - small in-memory text tables; see memtable.h. */
#include "memtable.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

void pb_memtable_init(pb_memtable *t)
{
	memset(t, 0, sizeof(*t));
}

void pb_memtable_free(pb_memtable *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->widths[r]; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	free(t->rows);
	free(t->widths);
	pb_memtable_init(t);
}

int pb_memtable_add(pb_memtable *t, const char *const *cells, size_t n)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char ***rows = realloc(t->rows, cap * sizeof(*rows));
		if (!rows)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		t->rows = rows;
		size_t *w = realloc(t->widths, cap * sizeof(*w));
		if (!w)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		t->widths = w;
		t->cap = cap;
	}
	char **row = calloc(n ? n : 1, sizeof(char *));
	if (!row)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t c = 0; c < n; c++) {
		if (!(row[c] = strdup(cells[c] ? cells[c] : ""))) {
			while (c--)
				free(row[c]);
			free(row);
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		}
	}
	t->rows[t->nrows] = row;
	t->widths[t->nrows++] = n;
	return 0;
}

typedef struct read_ctx {
	pb_memtable *t;
	int sheets;
} read_ctx;

static int on_sheet(void *ctx, const char *name)
{
	(void)name;
	((read_ctx *)ctx)->sheets++;
	return 0;
}

static int on_row(void *ctx, uint32_t rownum, const pb_cell *cells, size_t n)
{
	(void)rownum;
	read_ctx *x = ctx;
	if (x->sheets > 1) /* only the first sheet */
		return 0;
	const char *texts[256];
	if (n > 256)
		n = 256;
	for (size_t i = 0; i < n; i++)
		texts[i] = cells[i].text;
	return pb_memtable_add(x->t, texts, n);
}

int pb_memtable_read(pb_memtable *t, const pb_source *src, pb_report *rep)
{
	read_ctx x = { t, 0 };
	pb_table_sink sink = { on_sheet, on_row, &x };
	return pb_table_read(src, &sink, rep);
}

int pb_memtable_col(const pb_memtable *t, const char *name)
{
	if (t->nrows == 0)
		return -1;
	for (size_t c = 0; c < t->widths[0]; c++)
		if (strcmp(t->rows[0][c], name) == 0)
			return (int)c;
	return -1;
}

const char *pb_memtable_get(const pb_memtable *t, size_t r, int c)
{
	if (r >= t->nrows || c < 0 || (size_t)c >= t->widths[r])
		return "";
	return t->rows[r][c];
}

/* Make room for `need` more bytes (plus the final NUL). 0 or -1. */
static int reserve(char **out, size_t *cap, size_t used, size_t need)
{
	if (used + need + 1 <= *cap)
		return 0;
	size_t c = *cap ? *cap : 4096;
	while (c < used + need + 1)
		c *= 2;
	char *o = realloc(*out, c);
	if (!o)
		return -1;
	*out = o;
	*cap = c;
	return 0;
}

char *pb_memtable_csv(const pb_memtable *t, size_t *len)
{
	char *out = NULL;
	size_t cap = 0, n = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->widths[r]; c++) {
			const char *s = t->rows[r][c];
			size_t sl = strlen(s);
			int quote = strpbrk(s, ",\"\r\n") != NULL;
			/* worst case: every byte a doubled quote, two quotes, a comma */
			if (reserve(&out, &cap, n, 2 * sl + 3))
				goto oom;
			if (c)
				out[n++] = ',';
			if (quote)
				out[n++] = '"';
			for (size_t i = 0; i < sl; i++) {
				if (s[i] == '"')
					out[n++] = '"';
				out[n++] = s[i];
			}
			if (quote)
				out[n++] = '"';
		}
		if (reserve(&out, &cap, n, 1))
			goto oom;
		out[n++] = '\n';
	}
	if (reserve(&out, &cap, n, 0))
		goto oom;
	out[n] = '\0';
	*len = n;
	return out;
oom:
	free(out);
	*len = 0;
	return NULL;
}
