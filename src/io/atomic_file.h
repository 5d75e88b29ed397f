/*
 * atomic_file.h - writing a file so that readers see the old one or the new one,
 * never half of one: write to a temporary name beside the target (same directory, so
 * rename() is atomic), fsync it, rename it over the target.
 *
 * Shared by the table writer (exports) and the report workbooks.
 */
#ifndef PB_ATOMIC_FILE_H
#define PB_ATOMIC_FILE_H

#include <stddef.h>

/**
 * A temporary name for `path`, "<path>.tmp-<pid>-<n>": unique among the writers of
 * this process (a server may write the same file twice at once) and of other
 * processes. Returns a malloc'ed string the caller frees, or NULL when out of memory.
 */
char *pb_atomic_temp_name(const char *path);

/**
 * fsync `tmp` and rename it to `path`. On failure `tmp` is removed. Returns 0 or PB_EIO
 * (message names `path`).
 */
int pb_atomic_commit(const char *tmp, const char *path);

/** Set the error for a failed write of `path` from errno and return PB_EIO. */
int pb_atomic_fail(const char *path);

/**
 * A worksheet name Excel accepts, from any text: at most 31 characters, none of
 * []:*?/\ (each becomes "_"), not beginning or ending with an apostrophe; "Sheet1"
 * when nothing is left. `out` has room for 31 characters of 4 bytes and the NUL.
 */
void pb_xlsx_sheet_name(const char *in, char out[128]);

/**
 * Display width of UTF-8 text in Excel's character units: CJK and other characters
 * of three or four bytes (full-width forms included) take two, the rest one.
 */
double pb_text_width(const char *s, size_t len);

#endif
