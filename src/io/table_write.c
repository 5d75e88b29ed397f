/*
 * table_write.c - writing a table as CSV or .xlsx; see table_write.h.
 *
 * Both formats are written to a temporary file beside the target (same directory, so
 * that rename() is atomic), flushed to disk, then renamed over the target: a reader of
 * the target sees the old file or the new one, never half of one.
 */
#include "table_write.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "atomic_file.h"
#include "error.h"

#define WIDTH_COLS 1024   /* columns whose width is fitted to their text */
#define MAX_WIDTH 60.0    /* widest a fitted column gets, in characters */

struct pb_table_writer {
	pb_table_format fmt;
	char *path, *tmp;
	FILE *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	uint32_t row;
	double width[WIDTH_COLS]; /* widest cell per column, in Excel character units */
};


static int fail_lxw(const char *path, lxw_error e)
{
	return pb_error_set(PB_EIO, "写入 %s 失败：%s / writing %s failed: %s", path,
			    lxw_strerror(e), path, lxw_strerror(e));
}

static void writer_free(pb_table_writer *w)
{
	free(w->path);
	free(w->tmp);
	free(w);
}

static pb_table_format format_of(const char *path)
{
	size_t n = strlen(path);
	if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0)
		return PB_FMT_XLSX;
	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		return PB_FMT_CSV;
	return PB_FMT_UNKNOWN;
}



static int open_csv(pb_table_writer *w)
{
	int fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return pb_atomic_fail(w->path);
	if (!(w->csv = fdopen(fd, "wb"))) {
		int rc = pb_atomic_fail(w->path);
		close(fd);
		unlink(w->tmp);
		return rc;
	}
	/* the BOM: without it Excel reads UTF-8 as the local code page and shows mojibake */
	if (fputs("\xEF\xBB\xBF", w->csv) == EOF) {
		int rc = pb_atomic_fail(w->path);
		fclose(w->csv);
		unlink(w->tmp);
		return rc;
	}
	return 0;
}

/*
 * Drop a workbook without writing it (writing would cost as much as the export so far).
 * lxw_workbook_free() leaves the sheet's constant-memory temporary file open
 * (libxlsxwriter 1.1.4): close that first.
 */
static void drop_workbook(pb_table_writer *w)
{
	if (w->ws && w->ws->optimize_tmpfile) {
		fclose(w->ws->optimize_tmpfile);
		w->ws->optimize_tmpfile = NULL;
	}
	lxw_workbook_free(w->wb);
	w->wb = NULL;
	w->ws = NULL;
}

static int open_xlsx(pb_table_writer *w, const char *sheet)
{
	/* constant memory: rows go to disk as they come, so a million-row export does not
	 * hold a million rows; libxlsxwriter then stores strings inline, not shared */
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
	char name[128];
	pb_xlsx_sheet_name(sheet, name);
	/* libxlsxwriter creates its file only at the close; creating it now reports an
	 * unwritable directory at once, and claims the name (O_EXCL) for this writer */
	int fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return pb_atomic_fail(w->path);
	close(fd);
	w->wb = workbook_new_opt(w->tmp, &opt);
	w->ws = w->wb ? workbook_add_worksheet(w->wb, name) : NULL;
	w->bold = w->ws ? workbook_add_format(w->wb) : NULL;
	if (!w->bold) {
		if (w->wb)
			drop_workbook(w);
		unlink(w->tmp);
		return pb_error_set(PB_EIO, "无法创建 %s / cannot create %s", w->path, w->path);
	}
	format_set_bold(w->bold);
	return 0;
}

int pb_table_writer_open(pb_table_writer **out, const char *path, pb_table_format fmt,
			 const char *sheet)
{
	*out = NULL;
	if (fmt == PB_FMT_UNKNOWN)
		fmt = format_of(path);
	if (fmt != PB_FMT_CSV && fmt != PB_FMT_XLSX)
		return pb_error_set(PB_EINVAL, "只能导出 .xlsx 或 .csv：%s / can only export .xlsx or "
				    ".csv: %s", path, path);
	pb_table_writer *w = calloc(1, sizeof(*w));
	if (!w)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	w->fmt = fmt;
	w->path = strdup(path);
	w->tmp = pb_atomic_temp_name(path);
	if (!w->path || !w->tmp) {
		writer_free(w);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	int rc = fmt == PB_FMT_CSV ? open_csv(w) : open_xlsx(w, sheet);
	if (rc) {
		writer_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

static int csv_field(FILE *f, const char *s, size_t len)
{
	if (!memchr(s, ',', len) && !memchr(s, '"', len) && !memchr(s, '\n', len) &&
	    !memchr(s, '\r', len))
		return fwrite(s, 1, len, f) == len ? 0 : -1;
	if (putc('"', f) == EOF)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' && putc('"', f) == EOF) /* RFC 4180: a quote is doubled */
			return -1;
		if (putc(s[i], f) == EOF)
			return -1;
	}
	return putc('"', f) == EOF ? -1 : 0;
}

static int csv_row(pb_table_writer *w, const pb_cell *cells, size_t ncells)
{
	for (size_t i = 0; i < ncells; i++)
		if ((i && putc(',', w->csv) == EOF) || csv_field(w->csv, cells[i].text, cells[i].len))
			return pb_atomic_fail(w->path);
	if (fputs("\r\n", w->csv) == EOF)
		return pb_atomic_fail(w->path);
	return 0;
}


static lxw_error xlsx_cell(pb_table_writer *w, lxw_col_t col, const pb_cell *c)
{
	lxw_format *f = w->row == 0 ? w->bold : NULL;
	if (c->kind == PB_CELL_NUMBER && isfinite(c->num))
		return worksheet_write_number(w->ws, w->row, col, c->num, f);
	if (c->kind == PB_CELL_NUMBER && isnan(c->num))
		return LXW_NO_ERROR; /* a missing figure: an empty cell, not the text "nan" */
	if (c->kind == PB_CELL_EMPTY || c->len == 0)
		return LXW_NO_ERROR;
	return worksheet_write_string(w->ws, w->row, col, c->text, f);
}

static int xlsx_row(pb_table_writer *w, const pb_cell *cells, size_t ncells)
{
	if (ncells > LXW_COL_MAX)
		return pb_error_set(PB_EINVAL, "%s：一行超过 %d 列 / %s: a row has more than %d columns",
				    w->path, LXW_COL_MAX, w->path, LXW_COL_MAX);
	for (size_t i = 0; i < ncells; i++) {
		lxw_error e = xlsx_cell(w, (lxw_col_t)i, &cells[i]);
		if (e != LXW_NO_ERROR)
			return fail_lxw(w->path, e);
		if (i < WIDTH_COLS) {
			double tw = pb_text_width(cells[i].text, cells[i].len);
			if (tw > w->width[i])
				w->width[i] = tw;
		}
	}
	w->row++;
	return 0;
}

int pb_table_writer_row(pb_table_writer *w, const pb_cell *cells, size_t ncells)
{
	return w->fmt == PB_FMT_CSV ? csv_row(w, cells, ncells) : xlsx_row(w, cells, ncells);
}


static int close_csv(pb_table_writer *w)
{
	int rc = fflush(w->csv) != 0 ? pb_atomic_fail(w->path) : 0;
	if (fclose(w->csv) != 0 && !rc)
		rc = pb_atomic_fail(w->path);
	return rc;
}

static int close_xlsx(pb_table_writer *w)
{
	/* constant-memory mode writes rows as they come, but the column widths and the
	 * frozen header go before the rows in the sheet's XML, which libxlsxwriter
	 * assembles at close: set here, they apply */
	for (size_t i = 0; i < WIDTH_COLS; i++)
		if (w->width[i] > 0)
			worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i,
					     w->width[i] + 2 > MAX_WIDTH ? MAX_WIDTH : w->width[i] + 2,
					     NULL);
	worksheet_freeze_panes(w->ws, 1, 0);
	lxw_error e = workbook_close(w->wb);
	return e != LXW_NO_ERROR ? fail_lxw(w->path, e) : 0;
}

int pb_table_writer_close(pb_table_writer *w)
{
	int rc = w->fmt == PB_FMT_CSV ? close_csv(w) : close_xlsx(w);
	if (!rc)
		rc = pb_atomic_commit(w->tmp, w->path);
	else
		unlink(w->tmp);
	writer_free(w);
	return rc;
}

void pb_table_writer_abort(pb_table_writer *w)
{
	if (w->fmt == PB_FMT_CSV)
		fclose(w->csv);
	else
		drop_workbook(w);
	unlink(w->tmp);
	writer_free(w);
}
