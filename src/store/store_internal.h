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

/**
 * A statement of `sql` on the connection of `st`, ready to bind and step: one the store
 * keeps by its text (reset, unbound) when there is one free, else newly prepared. NULL
 * (PB_ESTORE recorded) on failure. Give it back with pb_store_finalize, never
 * sqlite3_finalize: the store may keep it for the next caller.
 */
sqlite3_stmt *pb_store_prepare(pb_store *st, const char *sql);

/** Give back a statement of pb_store_prepare (NULL: nothing): reset and kept, or
 * finalized when the store does not keep it. */
void pb_store_finalize(pb_store *st, sqlite3_stmt *s);

/**
 * Room for item n of an array of `size`-byte items growing by doubling (*cap allocated,
 * 16 at first): `items` itself while n < *cap, else the array reallocated (*cap updated),
 * or NULL with PB_ENOMEM recorded and `items` left as it was, still the caller's.
 */
void *pb_store_grow(void *items, size_t *cap, size_t n, size_t size);

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
