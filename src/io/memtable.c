/* memtable.c - small in-memory text tables; see memtable.h. */
#include "memtable.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
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

char *pb_memtable_csv(const pb_memtable *t, size_t *len)
{
	pb_buf b = { 0 };
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->widths[r]; c++) {
			const char *s = t->rows[r][c];
			int quote = strpbrk(s, ",\"\r\n") != NULL;
			if (c)
				pb_buf_add(&b, ",", 1);
			if (!quote) {
				pb_buf_puts(&b, s);
				continue;
			}
			pb_buf_add(&b, "\"", 1);
			for (; *s; s++) /* a quote inside a quoted field is doubled */
				pb_buf_add(&b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
			pb_buf_add(&b, "\"", 1);
		}
		pb_buf_add(&b, "\n", 1);
	}
	*len = b.len;
	if (b.oom) {
		pb_buf_free(&b);
		*len = 0;
		return NULL;
	}
	return b.p ? b.p : strdup(""); /* an empty table is an empty text */
}
