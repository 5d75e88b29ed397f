/*
 * export.h - writing any kind back out as .xlsx or CSV.
 *
 * Headers are the kind's Chinese column names with the stored unit ("工业总产值（万元）",
 * "工业总产值上年同期（万元）"), references are written by their natural key (USCC and
 * name of an enterprise, name of a park, ...), so an exported file imports back as is:
 * export then import reproduces the data.
 */
#ifndef PB_EXPORT_H
#define PB_EXPORT_H

#include <stdint.h>

#include "kinds.h"
#include "store.h"
#include "table.h"

/**
 * Export the records of `kind` within `scope` (NULL: every record; a park operator's
 * parks or an enterprise user's enterprise, filtered by the store's query, see
 * pb_store_each_in) to `path` (format by extension when fmt is PB_FMT_UNKNOWN). The
 * file appears complete or not at all; it holds the same columns whatever the scope,
 * so a scoped export imports back as is too. Sets *rows. Returns 0, PB_EINVAL (the
 * kind is the zone's alone: !pb_store_scopable), PB_EIO, PB_ESTORE or PB_ENOMEM.
 */
int pb_export_run(pb_store *st, const pb_kind *kind, const pb_store_scope *scope, const char *path,
		  pb_table_format fmt, int64_t *rows);

/**
 * The export header of column `col` into out: name plus unit in full-width brackets,
 * with "上年同期" for the previous-year variant.
 */
void pb_export_header(const pb_column *col, char *out, size_t size);

#endif
