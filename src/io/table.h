/*
 * table.h - reading tabular files (CSV, .xlsx, .xls) as rows of cells.
 *
 * Every reader turns its format into the same stream: for each sheet (a CSV file is
 * one sheet with a NULL name) a call to sink->sheet(), then one call to sink->row()
 * per row that has at least one non-empty cell, in file order. What a reader cannot
 * read (truncated zip, broken XML, bytes that are not text) goes to the report as an
 * error naming the file (and sheet/row where known); the reader then returns
 * PB_EREJECTED.
 *
 * Cells are always handed over as UTF-8 text (CSV in GBK/GB18030 is converted
 * first). Workbook cells also carry their stored type: a number cell has `num` set
 * and `text` holding the shortest decimal that round-trips (pb_num_format() in src/core/num.h); a date-formatted number
 * cell is PB_CELL_DATE with `num` the Excel serial day number (1900 date system,
 * 1 = 1900-01-01, with Excel's 1900-02-29 bug; 1904-system workbooks are converted).
 *
 * Memory: cell texts are owned by the reader and valid only during the row() call.
 */
#ifndef PB_TABLE_H
#define PB_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"

typedef enum pb_cell_kind {
	PB_CELL_EMPTY = 0,
	PB_CELL_TEXT,
	PB_CELL_NUMBER,
	PB_CELL_DATE,
	PB_CELL_BOOL,
	PB_CELL_ERROR, /* a formula error such as #DIV/0!; text holds it */
} pb_cell_kind;

typedef struct pb_cell {
	const char *text; /* UTF-8, NUL-terminated, never NULL ("" when empty) */
	size_t len;       /* strlen(text) */
	pb_cell_kind kind;
	double num;       /* for NUMBER, DATE and BOOL (0/1) */
} pb_cell;

/**
 * Where the rows go. Callbacks return 0 to go on or a negative code to stop the
 * reader, which then returns that code.
 * - sheet(): a new sheet begins; `name` is NULL for CSV.
 * - row(): `rownum` is the 1-based row number as a spreadsheet shows it (for CSV,
 *   the record number, header included); `cells[0..ncells)` are columns A, B, ...
 *   (ncells is one past the last non-empty cell; gaps are PB_CELL_EMPTY).
 */
typedef struct pb_table_sink {
	int (*sheet)(void *ctx, const char *name);
	int (*row)(void *ctx, uint32_t rownum, const pb_cell *cells, size_t ncells);
	void *ctx;
} pb_table_sink;

/**
 * An input: `name` is what reports call it (the path as the user typed it);
 * `data`/`len` is the whole content in memory; `path` is the file on disk when there
 * is one (NULL for embedded or uploaded data; readers that need a file, like the
 * .xls one, write a temporary copy then).
 */
typedef struct pb_source {
	const char *name;
	const char *path;
	const unsigned char *data;
	size_t len;
} pb_source;

typedef enum pb_table_format {
	PB_FMT_UNKNOWN = 0, PB_FMT_CSV, PB_FMT_XLSX, PB_FMT_XLS
} pb_table_format;

/**
 * Guess the format from the content's magic bytes (a zip is .xlsx, an OLE2 compound
 * file .xls), then the name's extension (.xlsx/.xlsm, .xls, in any case), else CSV: a
 * truncated workbook thus still goes to its own reader, which reports it as broken.
 */
pb_table_format pb_table_detect(const pb_source *src);

/** Read any supported format (dispatches on pb_table_detect). */
int pb_table_read(const pb_source *src, const pb_table_sink *sink, pb_report *rep);

/** Read CSV: UTF-8 with or without BOM, or GBK/GB18030 (converted with iconv). */
int pb_table_read_csv(const pb_source *src, const pb_table_sink *sink, pb_report *rep);

/**
 * Read an Office Open XML workbook (.xlsx) with libzip and expat: every worksheet in
 * workbook order (chart sheets have no cells and are skipped). Shared strings, inline
 * strings and rich text give TEXT (phonetic runs left out, _xHHHH_ escapes decoded);
 * booleans are BOOL "TRUE"/"FALSE"; error cells ERROR ("#DIV/0!"); a formula gives
 * its cached value; a number is DATE when its format shows a date or time, and ISO
 * date cells (t="d") are DATE too. Sheets are streamed: rows before a damaged part are
 * delivered before the reader rejects the file, so a caller keeps nothing of a file
 * whose read did not return 0.
 */
int pb_table_read_xlsx(const pb_source *src, const pb_table_sink *sink, pb_report *rep);

/**
 * Read a legacy BIFF workbook (.xls) with freexl, in a child process (freexl can crash
 * on damaged files; a child that dies is a rejected file). Without src->path the bytes
 * are first copied to a temporary file under $TMPDIR (or /tmp), removed afterwards.
 * Dates, date-times and times are DATE serials (a time of day alone is a fraction of
 * one). freexl reports booleans and error cells as the number 1 or 0: they come as
 * NUMBER. Returns PB_EIO when the temporary file cannot be written.
 */
int pb_table_read_xls(const pb_source *src, const pb_table_sink *sink, pb_report *rep);

/**
 * Load a file into a pb_source (memory-mapped, read-only). `name` is kept by
 * reference. Release with pb_source_unmap(). Returns 0 or PB_EIO.
 */
int pb_source_map(pb_source *src, const char *path);
void pb_source_unmap(pb_source *src);

#endif
