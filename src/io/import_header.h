/*
 * import_header.h - matching header cells to the columns of a kind.
 */
#ifndef PB_IMPORT_HEADER_H
#define PB_IMPORT_HEADER_H

#include <stddef.h>

#include "kinds.h"
#include "table.h"

typedef struct pb_header_match_result {
	int spec;          /* index into kind->cols, -1 when no column has this name */
	double factor;     /* from the header's unit to the stored unit */
	int cumulative;    /* a 1-N月累计 column (recognised, not importable) */
	char bad_unit[128]; /* set when the unit does not fit the column */
} pb_header_match_result;

/**
 * Match one header cell: `top` is the (upper) header text, `sub` the text under it in
 * a two-row header or NULL. Returns 1 when the cell names a column whose unit is
 * understood; 0 otherwise, with out->spec, out->cumulative and out->bad_unit saying
 * why (spec -1 = unknown name).
 */
int pb_header_match(const pb_kind *kind, const char *top, size_t top_len, const char *sub,
		    size_t sub_len, pb_header_match_result *out);

/** Does this row look like the second row of a header (本月 / 上年同期 / 累计 ...)? */
int pb_header_is_period_row(const pb_cell *cells, size_t n);

#endif
