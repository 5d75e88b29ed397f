/*
 * store_internal.h - what the store's own files share, and nothing outside src/store
 * may include: the SQLite handle behind a pb_store and the error helper.
 */
#ifndef PB_STORE_INTERNAL_H
#define PB_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

/** The connection of `st` (owned by the store). */
sqlite3 *pb_store_sqlite(pb_store *st);

/** Record the connection's last error as PB_ESTORE, naming `what`; returns PB_ESTORE. */
int pb_store_db_error(pb_store *st, const char *what);

/** Prepare one statement on the connection of `st`; NULL (PB_ESTORE recorded) on failure. */
sqlite3_stmt *pb_store_prepare(pb_store *st, const char *sql);

/** A REAL column, NaN for SQL NULL (a figure not given, never 0). */
double pb_store_column_real(sqlite3_stmt *s, int col);

/** A malloc'd copy of a text column, NULL for SQL NULL; sets *failed when out of memory. */
char *pb_store_column_dup(sqlite3_stmt *s, int col, int *failed);

/**
 * Ids as a JSON array ("[3,5]") written into b, for "x IN (SELECT value FROM
 * json_each(?))": how a user's parks reach a prepared statement. Returns b->p, or NULL
 * when n is 0 (no such filter) or out of memory (b->oom set).
 */
struct pb_buf;
const char *pb_store_ids_json(struct pb_buf *b, const int64_t *ids, size_t n);

#endif
