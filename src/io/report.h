/*
 * report.h - the list of problems found in one input file.
 *
 * An import never stops at the first bad cell: every problem is recorded here with
 * where it is (file, sheet, row, column) and why, so that the person who made the
 * file can fix all of them in one go. A problem is either an error (the file is
 * rejected and nothing is written) or a warning (the file is accepted; the warning
 * is shown and stored with the import record).
 *
 * Invariants: rows and columns are 1-based as a spreadsheet shows them; 0 means
 * "not about one row/column" (e.g. a file that cannot be opened). Every string is
 * owned by the report and freed by pb_report_free().
 */
#ifndef PB_REPORT_H
#define PB_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum pb_severity { PB_SEV_ERROR = 0, PB_SEV_WARNING = 1 } pb_severity;

typedef struct pb_problem {
	pb_severity severity;
	char *file;    /* file name as given by the user (never NULL) */
	char *sheet;   /* sheet name for workbooks, NULL for CSV */
	uint32_t row;  /* 1-based row in the file, 0 if not about a row */
	uint32_t col;  /* 1-based column, 0 if not about a column */
	char *header;  /* the column's header as written in the file, or NULL */
	char *value;   /* the offending value as written (may be NULL) */
	char *reason;  /* why, in Simplified Chinese */
	char *reason_en; /* why, in English */
} pb_problem;

typedef struct pb_report {
	pb_problem *items;
	size_t count, cap;
	size_t errors, warnings;
	size_t limit;       /* keep at most this many items (0 = 10000); counts go on */
	size_t dropped;     /* problems counted but not kept because of `limit` */
} pb_report;

/** Initialise an empty report. Never fails. */
void pb_report_init(pb_report *rep);

/** Free every item; the report is empty and reusable afterwards. */
void pb_report_free(pb_report *rep);

/**
 * Add one problem. `file` is required; `sheet`, `header` and `value` may be NULL.
 * `value` is copied for at most `value_len` bytes (use (size_t)-1 for strlen).
 * `reason_zh` and `reason_en` are the reason in Chinese and in English, as plain text
 * (format them first: the two languages rarely take their arguments in one order).
 * All strings are copied. Returns 0, or PB_ENOMEM (the problem is still counted).
 */
int pb_report_add(pb_report *rep, pb_severity sev, const char *file, const char *sheet,
		  uint32_t row, uint32_t col, const char *header, const char *value,
		  size_t value_len, const char *reason_zh, const char *reason_en);

/** Sort items by (row, column, severity) so the report reads top to bottom. */
void pb_report_sort(pb_report *rep);

/**
 * Write the report as text, one problem per line, in Chinese (`lang` "zh") or
 * English ("en"). Format of a line:
 *   file[:sheet] 第R行 第C列(X)「header」 值 "value"：reason
 */
void pb_report_print(const pb_report *rep, FILE *out, const char *lang);

/**
 * The problems as JSON, for the web API: [{"severity": "error"|"warning", "file", "sheet",
 * "row", "column" (letters, "C"), "column_number", "header", "value", "reason",
 * "reason_en"}, ...] in the report's order (absent fields null). Returns a new reference,
 * or NULL when out of memory.
 */
struct json_t;
struct json_t *pb_report_json(const pb_report *rep);

/** Spreadsheet column letters for a 1-based column: 1 -> "A", 27 -> "AA". */
void pb_report_col_letters(uint32_t col, char out[8]);

#endif
