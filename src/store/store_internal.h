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

#endif
