/*
 * report_book.c - report workbooks through libxlsxwriter; see report_book.h.
 *
 * Not in constant-memory mode (unlike the table export): report sheets are small, and
 * the title row is merged across the columns, which needs the whole sheet at hand.
 */
#include "report_book.h"

#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "atomic_file.h"
#include "error.h"

#define MAX_COLS 64
#define MAX_WIDTH 50.0
#define WRAP_WIDTH 40.0

enum { ROW_TITLE = 0, ROW_SUBTITLE = 1, ROW_HEADER = 2, ROW_DATA = 3 };

struct pb_book {
	char *path, *tmp;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *fmt[PB_BF_COUNT_], *title, *header, *missing, *note;
	uint32_t row;
	size_t ncols;
	double width[MAX_COLS];
};

static int fail_lxw(const char *path, lxw_error e)
{
	return pb_error_set(PB_EIO, "写入 %s 失败：%s / writing %s failed: %s", path,
			    lxw_strerror(e), path, lxw_strerror(e));
}

static void book_free(pb_book *b)
{
	free(b->path);
	free(b->tmp);
	free(b);
}

static lxw_format *number_format(lxw_workbook *wb, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(wb);
	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void make_formats(pb_book *b)
{
	lxw_workbook *wb = b->wb;
	b->fmt[PB_BF_TEXT] = number_format(wb, NULL, 0);
	b->fmt[PB_BF_INT] = number_format(wb, "#,##0", 0);
	b->fmt[PB_BF_NUM] = number_format(wb, "#,##0.00", 0);
	b->fmt[PB_BF_NUM1] = number_format(wb, "#,##0.0", 0);
	/* the value is in percent points: show it with a literal %, not Excel's ×100 */
	b->fmt[PB_BF_PCT] = number_format(wb, "0.0\"%\"", 0);
	b->fmt[PB_BF_PP] = number_format(wb, "0.00", 0);
	b->fmt[PB_BF_BOLD] = number_format(wb, NULL, 1);
	b->fmt[PB_BF_BOLD_NUM] = number_format(wb, "#,##0.00", 1);
	b->fmt[PB_BF_BOLD_PCT] = number_format(wb, "0.0\"%\"", 1);
	b->fmt[PB_BF_YEAR] = number_format(wb, "0", 0);
	b->fmt[PB_BF_WRAP] = number_format(wb, NULL, 0);
	format_set_text_wrap(b->fmt[PB_BF_WRAP]);
	format_set_align(b->fmt[PB_BF_WRAP], LXW_ALIGN_VERTICAL_TOP);
	b->title = workbook_add_format(wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	format_set_align(b->title, LXW_ALIGN_CENTER);
	b->header = workbook_add_format(wb);
	format_set_bold(b->header);
	format_set_text_wrap(b->header);
	format_set_align(b->header, LXW_ALIGN_CENTER);
	format_set_align(b->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(b->header, 0xDDEBF7);
	format_set_border(b->header, LXW_BORDER_THIN);
	b->missing = number_format(wb, NULL, 0);
	format_set_align(b->missing, LXW_ALIGN_RIGHT);
	b->note = workbook_add_format(wb);
	format_set_italic(b->note);
}

int pb_book_open(pb_book **out, const char *path)
{
	*out = NULL;
	pb_book *b = calloc(1, sizeof(*b));
	if (!b || !(b->path = strdup(path)) || !(b->tmp = pb_atomic_temp_name(path))) {
		if (b)
			book_free(b);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	/* libxlsxwriter creates its file only when it closes: creating it now reports an
	 * unwritable directory at once, and claims the name for this writer */
	int fd = open(b->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		int rc = pb_atomic_fail(path);
		book_free(b);
		return rc;
	}
	close(fd);
	if (!(b->wb = workbook_new(b->tmp))) {
		unlink(b->tmp);
		book_free(b);
		return pb_error_set(PB_EIO, "无法创建 %s / cannot create %s", path, path);
	}
	make_formats(b);
	*out = b;
	return 0;
}

/* Column widths fitted to the widest text of the sheet, applied when it is finished. */
static void finish_sheet(pb_book *b)
{
	if (!b->ws)
		return;
	for (size_t i = 0; i < b->ncols && i < MAX_COLS; i++) {
		double w = b->width[i] + 2;
		worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, w > MAX_WIDTH ? MAX_WIDTH : w,
				     NULL);
	}
}

static void track_width(pb_book *b, size_t col, double w)
{
	if (col < MAX_COLS && w > b->width[col])
		b->width[col] = w;
}

int pb_book_sheet(pb_book *b, const char *name, const char *title, const char *subtitle,
		  const char *const *headers, size_t ncols)
{
	finish_sheet(b);
	char nm[128];
	pb_xlsx_sheet_name(name, nm);
	if (!(b->ws = workbook_add_worksheet(b->wb, nm)))
		return pb_error_set(PB_EIO, "%s：无法添加工作表「%s」/ %s: cannot add sheet \"%s\"",
				    b->path, nm, b->path, nm);
	b->ncols = ncols > MAX_COLS ? MAX_COLS : ncols;
	memset(b->width, 0, sizeof(b->width));
	lxw_col_t last = (lxw_col_t)(b->ncols ? b->ncols - 1 : 0);
	if (last > 0)
		worksheet_merge_range(b->ws, ROW_TITLE, 0, ROW_TITLE, last, title, b->title);
	else
		worksheet_write_string(b->ws, ROW_TITLE, 0, title, b->title);
	worksheet_set_row(b->ws, ROW_TITLE, 24, NULL);
	if (subtitle)
		worksheet_write_string(b->ws, ROW_SUBTITLE, 0, subtitle, NULL);
	for (size_t c = 0; c < b->ncols; c++) {
		worksheet_write_string(b->ws, ROW_HEADER, (lxw_col_t)c, headers[c], b->header);
		/* headers wrap: fit the column to about half the header, at least 8 */
		double w = pb_text_width(headers[c], strlen(headers[c])) / 2;
		track_width(b, c, w < 8 ? 8 : w);
	}
	worksheet_set_row(b->ws, ROW_HEADER, 32, NULL);
	worksheet_freeze_panes(b->ws, ROW_DATA, 1);
	worksheet_set_landscape(b->ws);
	worksheet_set_paper(b->ws, 9); /* A4 */
	worksheet_fit_to_pages(b->ws, 1, 0);
	worksheet_repeat_rows(b->ws, ROW_HEADER, ROW_HEADER);
	worksheet_set_footer(b->ws, "&C第 &P 页，共 &N 页");
	b->row = ROW_DATA;
	return 0;
}

static lxw_error write_cell(pb_book *b, lxw_col_t c, const pb_book_cell *cell)
{
	lxw_format *f = b->fmt[cell->fmt < PB_BF_COUNT_ ? cell->fmt : PB_BF_TEXT];
	switch (cell->fmt) {
	case PB_BF_TEXT:
	case PB_BF_BOLD:
		if (!cell->text || !*cell->text)
			return worksheet_write_blank(b->ws, b->row, c, f);
		track_width(b, c, pb_text_width(cell->text, strlen(cell->text)));
		return worksheet_write_string(b->ws, b->row, c, cell->text, f);
	case PB_BF_WRAP: {
		/* wrapped text sets a readable column, not one as wide as the text */
		double w = pb_text_width(cell->text ? cell->text : "", cell->text ? strlen(cell->text) : 0);
		track_width(b, c, w < WRAP_WIDTH ? w : WRAP_WIDTH);
		if (!cell->text || !*cell->text)
			return worksheet_write_blank(b->ws, b->row, c, f);
		return worksheet_write_string(b->ws, b->row, c, cell->text, f);
	}
	default:
		if (!isfinite(cell->num)) {
			track_width(b, c, 2);
			return worksheet_write_string(b->ws, b->row, c, "—", b->missing);
		}
		track_width(b, c, cell->fmt == PB_BF_INT || cell->fmt == PB_BF_YEAR ? 8 : 12);
		return worksheet_write_number(b->ws, b->row, c, cell->num, f);
	}
}

int pb_book_row(pb_book *b, const pb_book_cell *cells, size_t ncells)
{
	for (size_t i = 0; i < ncells && i < LXW_COL_MAX; i++) {
		lxw_error e = write_cell(b, (lxw_col_t)i, &cells[i]);
		if (e != LXW_NO_ERROR)
			return fail_lxw(b->path, e);
	}
	b->row++;
	return 0;
}

int pb_book_note(pb_book *b, const char *text)
{
	/* a note is long prose: it may overflow to the right, it does not widen column 0 */
	lxw_error e = worksheet_write_string(b->ws, ++b->row, 0, text, b->note);
	return e != LXW_NO_ERROR ? fail_lxw(b->path, e) : 0;
}

int pb_book_close(pb_book *b)
{
	finish_sheet(b);
	lxw_error e = workbook_close(b->wb);
	int rc = e != LXW_NO_ERROR ? fail_lxw(b->path, e) : pb_atomic_commit(b->tmp, b->path);
	if (rc)
		unlink(b->tmp);
	book_free(b);
	return rc;
}

void pb_book_abort(pb_book *b)
{
	if (!b)
		return;
	lxw_workbook_free(b->wb);
	unlink(b->tmp);
	book_free(b);
}
