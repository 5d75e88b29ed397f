/*
 * table_write.c - writing a table as CSV or .xlsx; see table_write.h.
 */
#include "table_write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "error.h"

#define MAX_COLS 256

struct pb_table_writer {
	pb_table_format fmt;
	char *path, *tmp;
	FILE *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	uint32_t row;
	double width[MAX_COLS]; /* widest cell per column, in Excel character units */
};

static int fail_io(const char *path)
{
	return pb_error_set(PB_EIO, "无法写入 %s：%s / cannot write %s: %s", path, strerror(errno),
			    path, strerror(errno));
}

static void writer_free(pb_table_writer *w)
{
	free(w->path);
	free(w->tmp);
	free(w);
}

int pb_table_writer_open(pb_table_writer **out, const char *path, pb_table_format fmt,
			 const char *sheet)
{
	*out = NULL;
	if (fmt == PB_FMT_UNKNOWN) {
		size_t n = strlen(path);
		fmt = n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0 ? PB_FMT_XLSX
		      : n > 4 && strcasecmp(path + n - 4, ".csv") == 0 ? PB_FMT_CSV
									: PB_FMT_UNKNOWN;
	}
	if (fmt != PB_FMT_CSV && fmt != PB_FMT_XLSX)
		return pb_error_set(PB_EINVAL, "只能导出 .xlsx 或 .csv：%s / can only export .xlsx or "
				    ".csv: %s", path, path);
	pb_table_writer *w = calloc(1, sizeof(*w));
	if (!w)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	w->fmt = fmt;
	w->path = strdup(path);
	/* the temporary file sits beside the target so that rename() is atomic */
	if (!w->path || asprintf(&w->tmp, "%s.tmp-%d", path, (int)getpid()) < 0) {
		w->tmp = NULL;
		writer_free(w);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	if (fmt == PB_FMT_CSV) {
		if (!(w->csv = fopen(w->tmp, "wb"))) {
			int rc = fail_io(path);
			writer_free(w);
			return rc;
		}
		fputs("\xEF\xBB\xBF", w->csv); /* BOM: Excel then reads UTF-8 Chinese correctly */
	} else {
		lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
		w->wb = workbook_new_opt(w->tmp, &opt);
		w->ws = w->wb ? workbook_add_worksheet(w->wb, sheet) : NULL;
		if (!w->ws) {
			if (w->wb)
				workbook_close(w->wb);
			unlink(w->tmp);
			writer_free(w);
			return pb_error_set(PB_EIO, "无法创建 %s / cannot create %s", path, path);
		}
		w->bold = workbook_add_format(w->wb);
		format_set_bold(w->bold);
	}
	*out = w;
	return 0;
}

static int csv_field(FILE *f, const char *s, size_t len)
{
	int quote = memchr(s, ',', len) || memchr(s, '"', len) || memchr(s, '\n', len) ||
		    memchr(s, '\r', len);
	if (!quote)
		return fwrite(s, 1, len, f) == len ? 0 : -1;
	if (fputc('"', f) == EOF)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' && fputc('"', f) == EOF)
			return -1;
		if (fputc(s[i], f) == EOF)
			return -1;
	}
	return fputc('"', f) == EOF ? -1 : 0;
}

/* Display width of UTF-8 text: CJK characters take two columns. */
static double text_width(const char *s, size_t len)
{
	double w = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80)
			w += 1;
		else if ((c & 0xC0) != 0x80)
			w += c >= 0xE0 ? 2 : 1;
	}
	return w;
}

int pb_table_writer_row(pb_table_writer *w, const pb_cell *cells, size_t ncells)
{
	if (w->fmt == PB_FMT_CSV) {
		for (size_t i = 0; i < ncells; i++) {
			if ((i && fputc(',', w->csv) == EOF) ||
			    csv_field(w->csv, cells[i].text, cells[i].len))
				return fail_io(w->path);
		}
		if (fputs("\r\n", w->csv) == EOF)
			return fail_io(w->path);
		return 0;
	}
	for (size_t i = 0; i < ncells && i < MAX_COLS; i++) {
		const pb_cell *c = &cells[i];
		lxw_error e = LXW_NO_ERROR;
		if (c->kind == PB_CELL_NUMBER)
			e = worksheet_write_number(w->ws, w->row, (lxw_col_t)i, c->num, NULL);
		else if (c->len)
			e = worksheet_write_string(w->ws, w->row, (lxw_col_t)i, c->text,
						   w->row == 0 ? w->bold : NULL);
		if (e != LXW_NO_ERROR)
			return pb_error_set(PB_EIO, "写入 %s 失败：%s / writing %s failed: %s", w->path,
					    lxw_strerror(e), w->path, lxw_strerror(e));
		double tw = text_width(c->text, c->len);
		if (tw > w->width[i])
			w->width[i] = tw;
	}
	w->row++;
	return 0;
}

int pb_table_writer_close(pb_table_writer *w)
{
	int rc = 0;
	if (w->fmt == PB_FMT_CSV) {
		if (fclose(w->csv) != 0)
			rc = fail_io(w->path);
	} else {
		/* constant_memory mode writes rows as they come, so the column widths and
		 * frozen header are set at the end, where libxlsxwriter still accepts them */
		for (size_t i = 0; i < MAX_COLS; i++)
			if (w->width[i] > 0)
				worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i,
						     w->width[i] > 60 ? 60 : w->width[i] + 2, NULL);
		worksheet_freeze_panes(w->ws, 1, 0);
		lxw_error e = workbook_close(w->wb);
		if (e != LXW_NO_ERROR)
			rc = pb_error_set(PB_EIO, "写入 %s 失败：%s / writing %s failed: %s", w->path,
					  lxw_strerror(e), w->path, lxw_strerror(e));
	}
	if (!rc && rename(w->tmp, w->path) != 0)
		rc = fail_io(w->path);
	if (rc)
		unlink(w->tmp);
	writer_free(w);
	return rc;
}

void pb_table_writer_abort(pb_table_writer *w)
{
	if (w->fmt == PB_FMT_CSV)
		fclose(w->csv);
	else
		workbook_close(w->wb);
	unlink(w->tmp);
	writer_free(w);
}
