/*
 * memtable.h - a small table held in memory as text: read from any table source
 * (first sheet; the first row is the header) or built row by row, and written out as
 * CSV text. The demo builder uses it to read the published files and to write the
 * generated import files; it is meant for files of thousands of rows, not millions.
 */
#ifndef PB_MEMTABLE_H
#define PB_MEMTABLE_H

#include <stddef.h>

#include "report.h"
#include "table.h"

typedef struct pb_memtable {
	char ***rows;   /* rows[r][c], NUL-terminated; row 0 is the header */
	size_t *widths; /* number of cells of each row */
	size_t nrows, cap;
} pb_memtable;

void pb_memtable_init(pb_memtable *t);
void pb_memtable_free(pb_memtable *t);

/** Read the first sheet of `src` into t. Returns 0, PB_EREJECTED (see rep), PB_ENOMEM. */
int pb_memtable_read(pb_memtable *t, const pb_source *src, pb_report *rep);

/** The column whose header is `name` exactly, or -1. */
int pb_memtable_col(const pb_memtable *t, const char *name);

/** Cell (r, c), "" when the row is shorter. */
const char *pb_memtable_get(const pb_memtable *t, size_t r, int c);

/** Append a row of n cells (copied). 0 or PB_ENOMEM. */
int pb_memtable_add(pb_memtable *t, const char *const *cells, size_t n);

/**
 * The table as CSV text (UTF-8, no BOM, RFC 4180 quoting, LF line ends) in a new
 * malloc'd buffer; *len gets its length. NULL when out of memory.
 */
char *pb_memtable_csv(const pb_memtable *t, size_t *len);

#endif
