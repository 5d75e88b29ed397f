/*
 * store.h - the system of record: one storage interface, SQLite behind it.
 *
 * Everything parkbrain keeps goes through these functions; no other directory
 * speaks SQL. Entities are the structs of src/core/model.h and are written and read
 * generically through their descriptors: pb_store_put() upserts a record by its
 * natural key, pb_store_each() walks a table in key order.
 *
 * Durability: the database runs in WAL mode with synchronous=FULL and foreign keys
 * on; a change is durable once pb_store_commit() returns. Every import is one
 * transaction (pb_store_begin .. commit/rollback), so a crash or a SIGKILL leaves
 * either all of a file or none of it.
 *
 * Schema: versioned with PRAGMA user_version; pb_store_open() upgrades an older
 * database in place, one migration per transaction, and refuses a newer one.
 *
 * Threads: a pb_store is one connection; use it from one thread at a time.
 */
#ifndef PB_STORE_H
#define PB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct pb_store pb_store;

enum {
	PB_STORE_READONLY = 1, /* open an existing database for reading only */
};

/**
 * Open (creating if needed) the database at `path` and bring its schema to the
 * current version. On success *out owns the store; close it with pb_store_close().
 * Returns 0, PB_ESTORE (cannot open, corrupt, or newer than this program).
 */
int pb_store_open(pb_store **out, const char *path, unsigned flags);

/** Close the store; NULL is allowed. An open transaction is rolled back. */
void pb_store_close(pb_store *st);

/** The schema version of this program, and of the open database. */
int pb_store_schema_latest(void);
int pb_store_schema_version(pb_store *st);

/** Transactions. begin fails with PB_ESTORE if one is already open. */
int pb_store_begin(pb_store *st);
int pb_store_commit(pb_store *st);
int pb_store_rollback(pb_store *st);

/**
 * Upsert one record of entity `e` by its natural key. Only the fields whose bit is set
 * in `mask` (bit i = field i of the descriptor; key fields are always written) are
 * written: on insert the others take their defaults, on update they keep their value.
 * Use PB_STORE_ALL to write every field. For entities with an id, rec's id is set to
 * the row's id. Rows written while an import is open carry its id (provenance).
 * Returns 0, or PB_ESTORE with the database's reason (e.g. a violated constraint).
 */
#define PB_STORE_ALL UINT64_MAX
int pb_store_put(pb_store *st, pb_entity e, void *rec, uint64_t mask);

/**
 * Upsert `n` records laid out contiguously (stride = descriptor size), many rows per
 * statement: the fast path for monthly reports. Same semantics as pb_store_put except
 * that ids are not returned.
 */
int pb_store_put_many(pb_store *st, pb_entity e, const void *recs, size_t n, uint64_t mask);

/**
 * Call cb(ctx, rec) for every record of `e` in natural-key order. Text pointers in
 * rec are valid only during the call. A non-zero return from cb stops the walk and
 * is returned.
 */
typedef int (*pb_store_row_cb)(void *ctx, const void *rec);
int pb_store_each(pb_store *st, pb_entity e, pb_store_row_cb cb, void *ctx);

/*
 * Whose rows a reader may have (a park operator's parks, an enterprise user's own
 * enterprise), for the exports: the filter is part of the query (a bound parameter),
 * so a walk can never hand over a row outside it. Both empty (or a NULL scope): every
 * row. A scope names parks or an enterprise, not both.
 */
typedef struct pb_store_scope {
	const int64_t *parks;   /* only rows of these parks, when nparks > 0 */
	size_t nparks;
	int64_t enterprise_id;  /* only rows of this enterprise, when > 0 */
} pb_store_scope;

/**
 * 1 when the rows of `e` can be told apart by `scope` (every entity under the whole
 * zone; under parks: parks, enterprises, land plots, monthly reports, projects and
 * their stages, suppliers, 亩均 data and facts; under an enterprise: enterprises,
 * land plots, monthly reports, suppliers, 亩均 data and facts), 0 when `e` is the
 * zone's alone (the zone, plan indicators, key projects, chains, official rates...).
 */
int pb_store_scopable(pb_entity e, const pb_store_scope *scope);

/**
 * pb_store_each over the rows of `e` within `scope` only (NULL: all). Returns what
 * pb_store_each returns, or PB_EINVAL when !pb_store_scopable(e, scope).
 */
int pb_store_each_in(pb_store *st, pb_entity e, const pb_store_scope *scope, pb_store_row_cb cb,
		     void *ctx);

/** Number of records of `e`. */
int pb_store_count(pb_store *st, pb_entity e, int64_t *out);

/* ---- imports and the audit log ---------------------------------------------- */

typedef struct pb_import_record {
	int64_t id;
	const char *kind, *file_name, *file_hash, *user_name;
	int64_t file_size, rows, warnings;
	const char *started_at, *finished_at; /* ISO 8601, UTC */
} pb_import_record;

/**
 * Record the start of an import inside the open transaction and make it the
 * provenance of rows written until pb_store_import_end(). Sets rec->id.
 */
int pb_store_import_begin(pb_store *st, pb_import_record *rec);

/** Record the import's row and warning counts and finish time; clears provenance. */
int pb_store_import_end(pb_store *st, const pb_import_record *rec);
/* (import_end also stores rec->file_hash: the hash is computed while the file is read.) */

/** Walk the import log, newest first. Text valid during the call. */
typedef int (*pb_store_import_cb)(void *ctx, const pb_import_record *rec);
int pb_store_imports_each(pb_store *st, pb_store_import_cb cb, void *ctx);

/**
 * Append to the audit log: who did what to which entity. `detail` is free text
 * (JSON by convention). Inside the caller's transaction if one is open.
 */
int pb_store_audit(pb_store *st, const char *user, const char *action, const char *entity,
		   const char *detail);

/** The zone's name, malloc'd (the caller frees it); "parkbrain" when the zone is not set
 * or cannot be read; NULL only when out of memory. */
char *pb_store_zone_name(pb_store *st);

/**
 * The id of the latest import (0 when none): monthly figures change only by imports, so
 * a cache of them (the server's cube) is stale exactly when this moved. Returns 0 or
 * PB_ESTORE.
 */
int pb_store_last_import(pb_store *st, int64_t *id);

/* One entry of the audit log. Text valid during the callback only. */
typedef struct pb_audit_entry {
	int64_t id;
	const char *at;      /* ISO 8601, UTC */
	const char *user, *action, *entity, *detail;
} pb_audit_entry;

typedef int (*pb_store_audit_cb)(void *ctx, const pb_audit_entry *e);

/**
 * Walk the audit log newest first: at most `limit` entries with an id below `before`
 * (0 = from the newest). A non-zero return of cb stops the walk and is returned.
 * Returns 0 or PB_ESTORE.
 */
int pb_store_audit_each(pb_store *st, int64_t before, size_t limit, pb_store_audit_cb cb,
			void *ctx);

/** Run PRAGMA integrity_check; *ok is 1 when the database is sound. */
int pb_store_check(pb_store *st, int *ok);

/**
 * Bulk mode for one large write (outside a transaction). On: if no other connection
 * has the database open, switch from WAL to the rollback journal, so each page is
 * written once (to the database) instead of twice (to the WAL, then back by the
 * checkpoint) - on 6M monthly rows the commit drops from ~3 s to ~0.5 s. It is as
 * crash-safe as WAL: an interrupted transaction is rolled back from the journal on
 * the next open. If other connections are open it quietly stays in WAL. Off: back
 * to WAL. Returns 0, or PB_ESTORE.
 */
int pb_store_bulk(pb_store *st, int on);

/**
 * Copy the WAL back into the database and truncate it (after a large import, so the
 * -wal file does not stay as large as the import).
 */
int pb_store_checkpoint(pb_store *st);

#endif
