/*
 * table_write.h - writing a table (header row + data rows) as CSV or .xlsx.
 *
 * Used by `parkbrain export`. CSV is written in UTF-8 with a BOM so that Excel shows
 * Chinese correctly, RFC 4180 quoting, CRLF line ends. .xlsx is written with
 * libxlsxwriter: one sheet, bold frozen header row, numbers as numbers.
 *
 * A file is never left half-written: rows go to a temporary file beside the target
 * ("<path>.tmp-<pid>-<n>"), which pb_table_writer_close() flushes to disk and renames
 * into place; pb_table_writer_abort() removes it.
 */
#ifndef PB_TABLE_WRITE_H
#define PB_TABLE_WRITE_H

#include "table.h"

typedef struct pb_table_writer pb_table_writer;

/**
 * Start writing `path` in format `fmt` (PB_FMT_CSV or PB_FMT_XLSX; PB_FMT_UNKNOWN picks
 * by the extension). `sheet` names the worksheet (ignored for CSV; NULL or "" gives
 * "Sheet1"); a name Excel refuses is made acceptable: []:*?/\ become "_", it is cut
 * to 31 characters, and it neither starts nor ends with an apostrophe.
 * On success *out owns the writer. Returns 0, PB_EINVAL (unsupported format) or PB_EIO.
 */
int pb_table_writer_open(pb_table_writer **out, const char *path, pb_table_format fmt,
			 const char *sheet);

/**
 * Append one row. Cells of kind PB_CELL_NUMBER are written as numbers (xlsx) or as
 * their `text` (CSV); PB_CELL_EMPTY as an empty cell; everything else as text. In
 * xlsx, a missing number (NaN) is an empty cell, the first row is bold and frozen, and
 * column widths fit the widest text (CJK characters counted double, at most 60).
 * Returns 0, PB_EINVAL (more columns than xlsx has) or PB_EIO.
 */
int pb_table_writer_row(pb_table_writer *w, const pb_cell *cells, size_t ncells);

/** Finish the file and move it into place; frees the writer. Returns 0 or PB_EIO. */
int pb_table_writer_close(pb_table_writer *w);

/** Drop the half-written file; frees the writer. */
void pb_table_writer_abort(pb_table_writer *w);

#endif
