/*
 * report_book.h - the bureau's report workbooks (.xlsx): several sheets, each with a
 * title, a frozen header row, Chinese headers with their units, number formats
 * (亿元 to two decimals, 万元 with thousands separators, percent, 百分点), and a print
 * setup (landscape, fit to one page wide, the header repeated on every page), so a
 * sheet prints as it is.
 *
 * The workbook is written to a temporary file and renamed into place by
 * pb_book_close(): the target is complete or untouched. Every sheet writer of the
 * reports (monthly analysis, plan tracking, warnings) writes through this one module.
 *
 * Layout of a sheet: row 0 the title (bold, large), row 1 a subtitle (the period, the
 * unit note), row 2 the header, data from row 3; notes after the data.
 */
#ifndef PB_REPORT_BOOK_H
#define PB_REPORT_BOOK_H

#include <stddef.h>

typedef struct pb_book pb_book;

/* How a cell is shown. Numbers are stored as numbers; only the display differs. */
typedef enum pb_book_fmt {
	PB_BF_TEXT = 0, /* text */
	PB_BF_INT,      /* whole number with thousands separators: 1,234 */
	PB_BF_NUM,      /* two decimals with thousands separators: 1,234.56 (万元 etc.) */
	PB_BF_NUM1,     /* one decimal: 1,234.5 */
	PB_BF_PCT,      /* a value in percent points shown as 12.3% (the value 12.3 is stored) */
	PB_BF_PP,       /* 百分点, two decimals: 1.23 */
	PB_BF_BOLD,     /* text, bold (a total row's label) */
	PB_BF_BOLD_NUM, /* PB_BF_NUM, bold */
	PB_BF_BOLD_PCT, /* PB_BF_PCT, bold */
	PB_BF_YEAR,     /* a year: a whole number without separators, 2025 */
	PB_BF_WRAP,     /* long text wrapped in its cell, top-aligned (a warning's message) */
	PB_BF_COUNT_
} pb_book_fmt;

typedef struct pb_book_cell {
	pb_book_fmt fmt;
	const char *text; /* for text formats; NULL = empty */
	double num;       /* for number formats; NaN is shown as "—" (no figure) */
} pb_book_cell;

/* Cell builders. */
static inline pb_book_cell pb_bc_text(const char *s) { return (pb_book_cell){ PB_BF_TEXT, s, 0 }; }
static inline pb_book_cell pb_bc_num(pb_book_fmt f, double v) { return (pb_book_cell){ f, NULL, v }; }

/**
 * Start a workbook to be written at `path`. On success *out owns it. Returns 0,
 * PB_EIO (the directory is not writable) or PB_ENOMEM.
 */
int pb_book_open(pb_book **out, const char *path);

/**
 * Add a sheet and make it current. `name` is the tab's name (made acceptable to
 * Excel), `title` and `subtitle` the first two rows (subtitle may be NULL), `headers`
 * the column headers (with units, e.g. "当月（亿元）"). Returns 0, PB_EIO or PB_ENOMEM.
 */
int pb_book_sheet(pb_book *b, const char *name, const char *title, const char *subtitle,
		  const char *const *headers, size_t ncols);

/** Append a data row to the current sheet. Returns 0 or PB_EIO. */
int pb_book_row(pb_book *b, const pb_book_cell *cells, size_t ncells);

/** Append a note (one line of text in the first column) after the data. */
int pb_book_note(pb_book *b, const char *text);

/** Write the workbook and move it into place; frees `b`. Returns 0 or PB_EIO. */
int pb_book_close(pb_book *b);

/** Drop the workbook without writing the target; frees `b`. NULL is allowed. */
void pb_book_abort(pb_book *b);

#endif
