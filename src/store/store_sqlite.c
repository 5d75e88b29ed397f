/*
 * store_sqlite.c - the SQLite implementation of store.h.
 *
 * Statements are built once from the entity descriptors of src/core/model.h and
 * cached per (entity, field mask, rows per statement); every value is bound, never
 * spliced into SQL text.
 */
#include "store.h"

#include <assert.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "schema.h"
#include "store_internal.h"

/* Rows per multi-row INSERT. Measured on 6M monthly rows: 1 row per statement
 * manages ~480k rows/s, 50 rows ~800k rows/s; beyond 64 the gain is flat. */
#define MANY_ROWS 64
#define STMT_CACHE 32

typedef struct cached_stmt {
	pb_entity entity;
	uint64_t mask;
	size_t rows;
	sqlite3_stmt *stmt;
} cached_stmt;

/* pb_store_prepare's statements, kept by their SQL text: a request runs the same few
 * statements every time, and preparing a join costs some 40 µs where resetting a kept one
 * costs about 1. Invariant: an entry with in_use set is the caller's until
 * pb_store_finalize; one without is reset, its bindings cleared, holding no lock. A
 * statement asked for while its entry is in use (a nested reader of the same SQL) is
 * prepared apart and finalized as before. */
#define TEXT_CACHE 64

typedef struct text_stmt {
	char *sql;
	sqlite3_stmt *stmt;
	int in_use;
	uint64_t used;        /* the store's tick at the last hand-out: the oldest is evicted */
} text_stmt;

struct pb_store {
	sqlite3 *db;
	int in_tx;
	int64_t import_id; /* provenance of rows written now; 0 = none */
	cached_stmt cache[STMT_CACHE];
	size_t ncache;
	text_stmt text[TEXT_CACHE];
	size_t ntext;
	uint64_t tick;
};

static int db_error(pb_store *st, const char *what)
{
	return pb_error_set(PB_ESTORE, "数据库错误（%s）：%s / database error (%s): %s", what,
			    sqlite3_errmsg(st->db), what, sqlite3_errmsg(st->db));
}

sqlite3 *pb_store_sqlite(pb_store *st)
{
	return st->db;
}

int pb_store_db_error(pb_store *st, const char *what)
{
	return db_error(st, what);
}

/* The entry a new statement may take: a free one, else the least recently used one not
 * in use (its statement finalized); NULL when every entry is in use. */
static text_stmt *text_slot(pb_store *st)
{
	if (st->ntext < TEXT_CACHE)
		return &st->text[st->ntext++];
	text_stmt *old = NULL;
	for (size_t i = 0; i < TEXT_CACHE; i++)
		if (!st->text[i].in_use && (!old || st->text[i].used < old->used))
			old = &st->text[i];
	if (old) {
		sqlite3_finalize(old->stmt);
		free(old->sql);
		*old = (text_stmt){ 0 };
	}
	return old;
}

sqlite3_stmt *pb_store_prepare(pb_store *st, const char *sql)
{
	for (size_t i = 0; i < st->ntext; i++) {
		text_stmt *t = &st->text[i];
		if (!t->in_use && t->sql && strcmp(t->sql, sql) == 0) {
			t->in_use = 1;
			t->used = ++st->tick;
			return t->stmt;
		}
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		db_error(st, "prepare");
		return NULL;
	}
	text_stmt *t = text_slot(st);
	char *copy = t ? strdup(sql) : NULL;
	if (!copy) {
		if (t)
			*t = (text_stmt){ 0 }; /* an empty entry: skipped, taken again later */
		return s;            /* kept by nobody: pb_store_finalize finalizes it */
	}
	*t = (text_stmt){ copy, s, 1, ++st->tick };
	return s;
}

void pb_store_finalize(pb_store *st, sqlite3_stmt *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < st->ntext; i++) {
		text_stmt *t = &st->text[i];
		if (t->stmt == s) {
			assert(t->in_use);
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			t->in_use = 0;
			return;
		}
	}
	sqlite3_finalize(s);
}

const char *pb_store_ids_json(struct pb_buf *b, const int64_t *ids, size_t n)
{
	if (!n)
		return NULL;
	pb_buf_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		char num[32];
		snprintf(num, sizeof(num), "%s%lld", i ? "," : "", (long long)ids[i]);
		pb_buf_puts(b, num);
	}
	pb_buf_puts(b, "]");
	return b->oom ? NULL : b->p;
}

void *pb_store_grow(void *items, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return items;
	size_t c = *cap ? *cap * 2 : 16;
	void *g = realloc(items, c * size);
	if (!g) {
		pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		return NULL;
	}
	*cap = c;
	return g;
}

double pb_store_column_real(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL ? NAN : sqlite3_column_double(s, col);
}

char *pb_store_column_dup(sqlite3_stmt *s, int col, int *failed)
{
	const char *v = (const char *)sqlite3_column_text(s, col);
	if (!v)
		return NULL;
	char *d = strdup(v);
	if (!d)
		*failed = 1;
	return d;
}

/* Run each statement of a script in turn, preparing it first. */
static int exec_script(pb_store *st, const char *sql)
{
	while (sql && *sql) {
		sqlite3_stmt *stmt = NULL;
		const char *tail = NULL;
		if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, &tail) != SQLITE_OK)
			return db_error(st, "prepare");
		if (!stmt) /* only whitespace or a comment was left */
			break;
		int rc;
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			;
		sqlite3_finalize(stmt);
		if (rc != SQLITE_DONE)
			return db_error(st, "exec");
		sql = tail;
	}
	return 0;
}

static int query_int(pb_store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : db_error(st, "query");
}

int pb_store_schema_latest(void)
{
	return pb_schema_count();
}

int pb_store_schema_version(pb_store *st)
{
	int64_t v = -1;
	query_int(st, "PRAGMA user_version", &v);
	return (int)v;
}

static int migrate(pb_store *st)
{
	int have = pb_store_schema_version(st), want = pb_schema_count();
	if (have < 0)
		return db_error(st, "user_version");
	if (have > want)
		return pb_error_set(PB_ESTORE,
				    "数据库版本 %d 高于本程序支持的 %d，请升级 parkbrain / "
				    "database schema %d is newer than this program's %d",
				    have, want, have, want);
	for (int v = have + 1; v <= want; v++) {
		/* PRAGMA takes no bound parameters; v is an int we produced. */
		char set[64];
		snprintf(set, sizeof(set), "PRAGMA user_version = %d", v);
		int rc = exec_script(st, "BEGIN IMMEDIATE");
		if (!rc)
			rc = exec_script(st, pb_schema_migration(v));
		if (!rc)
			rc = exec_script(st, set);
		if (!rc)
			rc = exec_script(st, "COMMIT");
		if (rc) {
			const char *msg = pb_error_last();
			char saved[512];
			snprintf(saved, sizeof(saved), "%s", msg);
			exec_script(st, "ROLLBACK");
			return pb_error_set(PB_ESTORE, "升级到版本 %d 失败 / migration %d failed: %s",
					    v, v, saved);
		}
	}
	return 0;
}

int pb_store_open(pb_store **out, const char *path, unsigned flags)
{
	*out = NULL;
	pb_store *st = calloc(1, sizeof(*st));
	if (!st)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int oflags = SQLITE_OPEN_NOMUTEX |
		     ((flags & PB_STORE_READONLY) ? SQLITE_OPEN_READONLY
						  : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		int rc = pb_error_set(PB_ESTORE, "无法打开数据库 %s：%s / cannot open database %s: %s",
				      path, sqlite3_errmsg(st->db), path, sqlite3_errmsg(st->db));
		sqlite3_close(st->db);
		free(st);
		return rc;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* page_size only takes effect before the first table is created: 16 KiB pages
	 * make bulk loads of monthly reports ~15% faster than 4 KiB. */
	int rc = exec_script(st, "PRAGMA page_size = 16384;"
				 "PRAGMA foreign_keys = ON;"
				 "PRAGMA busy_timeout = 10000;"
				 "PRAGMA cache_size = -65536;");
	if (!rc && !(flags & PB_STORE_READONLY))
		rc = exec_script(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
	if (!rc && !(flags & PB_STORE_READONLY))
		rc = migrate(st);
	if (!rc && (flags & PB_STORE_READONLY) && pb_store_schema_version(st) != pb_schema_count())
		rc = pb_error_set(PB_ESTORE, "数据库 %s 不是本版本的 parkbrain 数据库 / %s is not a "
				  "parkbrain database of this version", path, path);
	if (rc) {
		pb_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void pb_store_close(pb_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	for (size_t i = 0; i < st->ntext; i++) {
		sqlite3_finalize(st->text[i].stmt);
		free(st->text[i].sql);
	}
	if (st->in_tx)
		exec_script(st, "ROLLBACK");
	sqlite3_close(st->db);
	free(st);
}

int pb_store_begin(pb_store *st)
{
	if (st->in_tx)
		return pb_error_set(PB_ESTORE, "事务已开始 / a transaction is already open");
	/* IMMEDIATE: take the write lock now rather than fail half-way through an import
	 * because another writer got there first. */
	int rc = exec_script(st, "BEGIN IMMEDIATE");
	if (!rc)
		st->in_tx = 1;
	return rc;
}

int pb_store_commit(pb_store *st)
{
	assert(st->in_tx);
	int rc = exec_script(st, "COMMIT");
	if (!rc)
		st->in_tx = 0;
	return rc;
}

int pb_store_rollback(pb_store *st)
{
	if (!st->in_tx)
		return 0;
	st->in_tx = 0;
	st->import_id = 0;
	return exec_script(st, "ROLLBACK");
}

/* ---- generic statements ------------------------------------------------------ */

static int field_written(const pb_field *f, size_t i, uint64_t mask)
{
	return f->key || (i < 64 && (mask >> i) & 1);
}

/* ", "-separated names of the key fields (the conflict target and the sort order). */
static void key_list(pb_buf *b, const pb_entity_desc *d)
{
	int first = 1;
	for (size_t i = 0; i < d->nfields; i++) {
		if (!d->fields[i].key)
			continue;
		pb_buf_puts(b, first ? "" : ", ");
		pb_buf_puts(b, d->fields[i].name);
		first = 0;
	}
}

/* The finished SQL, or NULL (freed) if building it ran out of memory. */
static char *finish_sql(pb_buf *b)
{
	if (b->oom) {
		pb_buf_free(b);
		return NULL;
	}
	return b->p;
}

/* Build the upsert SQL for `rows` rows. The chain-member view is written through
 * its own statement (see put_chain_member). */
static char *upsert_sql(const pb_entity_desc *d, uint64_t mask, size_t rows)
{
	pb_buf b = { 0 };
	pb_buf_puts(&b, "INSERT INTO ");
	pb_buf_puts(&b, d->table);
	pb_buf_puts(&b, " (");
	size_t ncols = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		if (!field_written(&d->fields[i], i, mask))
			continue;
		pb_buf_puts(&b, d->fields[i].name);
		pb_buf_puts(&b, ", ");
		ncols++;
	}
	pb_buf_puts(&b, "import_id) VALUES ");
	for (size_t r = 0; r < rows; r++) {
		pb_buf_puts(&b, r ? ", (" : "(");
		for (size_t c = 0; c <= ncols; c++)
			pb_buf_puts(&b, c ? ", ?" : "?");
		pb_buf_puts(&b, ")");
	}
	pb_buf_puts(&b, " ON CONFLICT (");
	key_list(&b, d);
	pb_buf_puts(&b, ") DO UPDATE SET ");
	for (size_t i = 0; i < d->nfields; i++) {
		if (d->fields[i].key || !field_written(&d->fields[i], i, mask))
			continue;
		pb_buf_puts(&b, d->fields[i].name);
		pb_buf_puts(&b, " = excluded.");
		pb_buf_puts(&b, d->fields[i].name);
		pb_buf_puts(&b, ", ");
	}
	pb_buf_puts(&b, "import_id = excluded.import_id");
	if (d->has_id && rows == 1)
		pb_buf_puts(&b, " RETURNING id");
	return finish_sql(&b);
}

static sqlite3_stmt *cached(pb_store *st, pb_entity e, uint64_t mask, size_t rows)
{
	for (size_t i = 0; i < st->ncache; i++) {
		cached_stmt *c = &st->cache[i];
		if (c->entity == e && c->mask == mask && c->rows == rows)
			return c->stmt;
	}
	char *sql = upsert_sql(pb_entity_get(e), mask, rows);
	if (!sql) {
		pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		return NULL;
	}
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		db_error(st, "prepare");
		return NULL;
	}
	if (st->ncache == STMT_CACHE) { /* evict the oldest */
		sqlite3_finalize(st->cache[0].stmt);
		memmove(st->cache, st->cache + 1, (STMT_CACHE - 1) * sizeof(st->cache[0]));
		st->ncache--;
	}
	st->cache[st->ncache++] = (cached_stmt){ e, mask, rows, stmt };
	return stmt;
}

/* Bind the written fields of one record from parameter `p` on; returns the next. */
static int bind_record(pb_store *st, sqlite3_stmt *stmt, int p, const pb_entity_desc *d,
		       const void *rec, uint64_t mask)
{
	for (size_t i = 0; i < d->nfields; i++) {
		const pb_field *f = &d->fields[i];
		if (!field_written(f, i, mask))
			continue;
		const char *ptr = (const char *)rec + f->offset;
		switch (f->type) {
		case PB_FT_INT: {
			int64_t v = *(const int64_t *)ptr;
			if (v == PB_INT_MISSING)
				sqlite3_bind_null(stmt, p);
			else
				sqlite3_bind_int64(stmt, p, v);
			break;
		}
		case PB_FT_ID: {
			int64_t v = *(const int64_t *)ptr;
			if (v == 0)
				sqlite3_bind_null(stmt, p);
			else
				sqlite3_bind_int64(stmt, p, v);
			break;
		}
		case PB_FT_REAL: {
			double v = *(const double *)ptr;
			if (isnan(v))
				sqlite3_bind_null(stmt, p);
			else
				sqlite3_bind_double(stmt, p, v);
			break;
		}
		case PB_FT_TEXT: {
			const char *s = *(const char *const *)ptr;
			if (!s)
				sqlite3_bind_null(stmt, p);
			else
				sqlite3_bind_text(stmt, p, s, -1, SQLITE_STATIC);
			break;
		}
		}
		p++;
	}
	if (st->import_id)
		sqlite3_bind_int64(stmt, p, st->import_id);
	else
		sqlite3_bind_null(stmt, p);
	return p + 1;
}

static int put_chain_member(pb_store *st, const pb_chain_member *m);

int pb_store_put(pb_store *st, pb_entity e, void *rec, uint64_t mask)
{
	if (e == PB_E_CHAIN_MEMBER)
		return put_chain_member(st, rec);
	const pb_entity_desc *d = pb_entity_get(e);
	sqlite3_stmt *stmt = cached(st, e, mask, 1);
	if (!stmt)
		return pb_error_last_code();
	bind_record(st, stmt, 1, d, rec, mask);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && d->has_id) {
		*(int64_t *)rec = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	int err = rc == SQLITE_DONE ? 0 : db_error(st, d->table);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return err;
}

int pb_store_put_many(pb_store *st, pb_entity e, const void *recs, size_t n, uint64_t mask)
{
	if (e == PB_E_CHAIN_MEMBER || pb_entity_get(e)->has_id) {
		/* Ids must come back one by one: no batching for these. */
		const pb_entity_desc *d = pb_entity_get(e);
		for (size_t i = 0; i < n; i++) {
			int rc = pb_store_put(st, e, (char *)recs + i * d->size, mask);
			if (rc)
				return rc;
		}
		return 0;
	}
	const pb_entity_desc *d = pb_entity_get(e);
	const char *p = recs;
	while (n > 0) {
		size_t rows = n >= MANY_ROWS ? MANY_ROWS : 1;
		sqlite3_stmt *stmt = cached(st, e, mask, rows);
		if (!stmt)
			return pb_error_last_code();
		int param = 1;
		for (size_t r = 0; r < rows; r++, p += d->size)
			param = bind_record(st, stmt, param, d, p, mask);
		int rc = sqlite3_step(stmt);
		sqlite3_reset(stmt);
		if (rc != SQLITE_DONE)
			return db_error(st, d->table);
		n -= rows;
	}
	return 0;
}

/* ---- chains: three tables behind one flat record ------------------------------ */

static int step_id(pb_store *st, sqlite3_stmt *stmt, int64_t *id)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		rc = sqlite3_step(stmt);
	}
	int err = rc == SQLITE_DONE ? 0 : db_error(st, "chains");
	sqlite3_finalize(stmt);
	return err;
}

static int put_chain_member(pb_store *st, const pb_chain_member *m)
{
	sqlite3_stmt *stmt;
	int64_t chain_id = 0, node_id = 0;
	/* DO UPDATE (not DO NOTHING) so that RETURNING yields the id of an existing row. */
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO chains (name) VALUES (?) ON CONFLICT (name) "
			       "DO UPDATE SET name = excluded.name RETURNING id", -1, &stmt,
			       NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_text(stmt, 1, m->chain, -1, SQLITE_STATIC);
	int rc = step_id(st, stmt, &chain_id);
	if (rc)
		return rc;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO chain_nodes (chain_id, segment, name) VALUES (?, ?, ?) "
			       "ON CONFLICT (chain_id, segment, name) DO UPDATE SET name = "
			       "excluded.name RETURNING id", -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_int64(stmt, 1, chain_id);
	sqlite3_bind_text(stmt, 2, m->segment, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, m->node, -1, SQLITE_STATIC);
	if ((rc = step_id(st, stmt, &node_id)))
		return rc;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO chain_members (node_id, enterprise_name, enterprise_id,"
			       " local, note, import_id) VALUES (?, ?, ?, ?, ?, ?) "
			       "ON CONFLICT (node_id, enterprise_name) DO UPDATE SET "
			       "enterprise_id = excluded.enterprise_id, local = excluded.local, "
			       "note = excluded.note, import_id = excluded.import_id", -1, &stmt,
			       NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_int64(stmt, 1, node_id);
	sqlite3_bind_text(stmt, 2, m->enterprise_name ? m->enterprise_name : "", -1,
			  SQLITE_STATIC);
	if (m->enterprise_id)
		sqlite3_bind_int64(stmt, 3, m->enterprise_id);
	if (m->local != PB_INT_MISSING)
		sqlite3_bind_int64(stmt, 4, m->local);
	if (m->note)
		sqlite3_bind_text(stmt, 5, m->note, -1, SQLITE_STATIC);
	if (st->import_id)
		sqlite3_bind_int64(stmt, 6, st->import_id);
	int64_t unused = 0;
	return step_id(st, stmt, &unused);
}

/* ---- reading ------------------------------------------------------------------ */

/*
 * The scoped walks' filters, per entity: which rows are a park's (?1: its parks as a
 * JSON array of ids) and which an enterprise's (?1: its id); NULL where the entity has
 * no such rows. A row belongs to a park through its own park_id, or else through its
 * enterprise's (a plot without a park recorded is its enterprise's park's).
 */
#define IN_PARKS "IN (SELECT value FROM json_each(?1))"
#define OF_PARKS_ENTERPRISE "enterprise_id IN (SELECT id FROM enterprises WHERE park_id " IN_PARKS ")"
static const struct scoped_filter {
	pb_entity e;
	const char *parks, *enterprise;
} scoped_filters[] = {
	{ PB_E_PARK, "id " IN_PARKS, NULL },
	{ PB_E_ENTERPRISE, "park_id " IN_PARKS, "id = ?1" },
	{ PB_E_LAND_PLOT, "(park_id " IN_PARKS " OR (park_id IS NULL AND " OF_PARKS_ENTERPRISE "))",
	  "enterprise_id = ?1" },
	{ PB_E_MONTHLY, OF_PARKS_ENTERPRISE, "enterprise_id = ?1" },
	{ PB_E_PROJECT, "park_id " IN_PARKS, NULL },
	{ PB_E_PROJECT_STAGE, "project_id IN (SELECT id FROM projects WHERE park_id " IN_PARKS ")", NULL },
	{ PB_E_SUPPLIER, OF_PARKS_ENTERPRISE, "enterprise_id = ?1" },
	{ PB_E_MUJUN_DATA, OF_PARKS_ENTERPRISE, "enterprise_id = ?1" },
	{ PB_E_MUJUN_FACT, OF_PARKS_ENTERPRISE, "enterprise_id = ?1" },
	{ PB_E_PROJECT_FUND, "project_id IN (SELECT id FROM projects WHERE park_id " IN_PARKS ")", NULL },
	/* an activity is a park's by its own park, or by the project it was about */
	{ PB_E_ACTIVITY, "(park_id " IN_PARKS " OR project_id IN (SELECT id FROM projects WHERE"
			 " park_id " IN_PARKS "))", NULL },
	/* a park's own targets (the zone's and the teams' are the bureau's) */
	{ PB_E_PIPELINE_TARGET, "(level = '园区' AND scope IN (SELECT name FROM parks WHERE id "
				IN_PARKS "))", NULL },
	/* key projects by the park recorded for them (migration 5): those without one are
	 * the zone's */
	{ PB_E_KEY_PROJECT, "park_id " IN_PARKS, NULL },
	{ PB_E_KEY_PROJECT_YEAR, "key_project_id IN (SELECT id FROM key_projects WHERE park_id "
				 IN_PARKS ")", NULL },
	{ PB_E_KEY_PROJECT_MONTH, "key_project_id IN (SELECT id FROM key_projects WHERE park_id "
				  IN_PARKS ")", NULL },
};

/* The filter of `e` under `scope`: "" for the whole zone, NULL when there is none. */
static const char *scope_filter(pb_entity e, const pb_store_scope *scope)
{
	if (!scope || (!scope->nparks && scope->enterprise_id <= 0))
		return "";
	for (size_t i = 0; i < sizeof(scoped_filters) / sizeof(scoped_filters[0]); i++)
		if (scoped_filters[i].e == e)
			return scope->nparks ? scoped_filters[i].parks : scoped_filters[i].enterprise;
	return NULL;
}

int pb_store_scopable(pb_entity e, const pb_store_scope *scope)
{
	/* a scope of both parks and an enterprise is no role's: refused, not guessed at */
	if (scope && scope->nparks && scope->enterprise_id > 0)
		return 0;
	return scope_filter(e, scope) != NULL;
}

static char *select_sql(const pb_entity_desc *d, const char *where)
{
	pb_buf b = { 0 };
	pb_buf_puts(&b, "SELECT ");
	if (d->has_id)
		pb_buf_puts(&b, "id, ");
	for (size_t i = 0; i < d->nfields; i++) {
		pb_buf_puts(&b, i ? ", " : "");
		pb_buf_puts(&b, d->fields[i].name);
	}
	pb_buf_puts(&b, " FROM ");
	pb_buf_puts(&b, d->table);
	if (where && *where) {
		pb_buf_puts(&b, " WHERE ");
		pb_buf_puts(&b, where);
	}
	pb_buf_puts(&b, " ORDER BY ");
	key_list(&b, d);
	return finish_sql(&b);
}

static void read_record(sqlite3_stmt *stmt, const pb_entity_desc *d, void *rec)
{
	int c = 0;
	if (d->has_id)
		*(int64_t *)rec = sqlite3_column_int64(stmt, c++);
	for (size_t i = 0; i < d->nfields; i++, c++) {
		const pb_field *f = &d->fields[i];
		char *ptr = (char *)rec + f->offset;
		int null = sqlite3_column_type(stmt, c) == SQLITE_NULL;
		switch (f->type) {
		case PB_FT_INT:
			*(int64_t *)ptr = null ? PB_INT_MISSING : sqlite3_column_int64(stmt, c);
			break;
		case PB_FT_ID:
			*(int64_t *)ptr = null ? 0 : sqlite3_column_int64(stmt, c);
			break;
		case PB_FT_REAL:
			*(double *)ptr = null ? PB_MISSING : sqlite3_column_double(stmt, c);
			break;
		case PB_FT_TEXT:
			*(const char **)ptr = null ? NULL : (const char *)sqlite3_column_text(stmt, c);
			break;
		}
	}
}

int pb_store_each(pb_store *st, pb_entity e, pb_store_row_cb cb, void *ctx)
{
	return pb_store_each_in(st, e, NULL, cb, ctx);
}

int pb_store_each_in(pb_store *st, pb_entity e, const pb_store_scope *scope, pb_store_row_cb cb,
		     void *ctx)
{
	const pb_entity_desc *d = pb_entity_get(e);
	if (!pb_store_scopable(e, scope))
		return pb_error_set(PB_EINVAL, "「%s」不能按园区或企业筛选 / \"%s\" cannot be narrowed "
				    "to parks or an enterprise", d->table, d->table);
	const char *where = scope_filter(e, scope);
	char *sql = select_sql(d, where);
	if (!sql)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return db_error(st, "prepare");
	pb_buf parks = { 0 };
	if (*where && scope->nparks) {
		if (!pb_store_ids_json(&parks, scope->parks, scope->nparks)) {
			sqlite3_finalize(stmt);
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		}
		sqlite3_bind_text(stmt, 1, parks.p, -1, SQLITE_TRANSIENT);
	} else if (*where) {
		sqlite3_bind_int64(stmt, 1, scope->enterprise_id);
	}
	pb_buf_free(&parks);
	void *rec = malloc(d->size);
	if (!rec) {
		sqlite3_finalize(stmt);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	int ret = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		read_record(stmt, d, rec);
		if ((ret = cb(ctx, rec)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = db_error(st, d->table);
	free(rec);
	sqlite3_finalize(stmt);
	return ret;
}

int pb_store_count(pb_store *st, pb_entity e, int64_t *out)
{
	const pb_entity_desc *d = pb_entity_get(e);
	char sql[128];
	/* The table name comes from our own descriptor, never from input. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", d->table);
	return query_int(st, sql, out);
}

/* ---- imports, audit, maintenance ------------------------------------------------ */

int pb_store_import_begin(pb_store *st, pb_import_record *rec)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO imports (kind, file_name, file_hash, file_size, user_name,"
			       " started_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", -1, &stmt,
			       NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_text(stmt, 1, rec->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, rec->file_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, rec->file_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 4, rec->file_size);
	sqlite3_bind_text(stmt, 5, rec->user_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, rec->started_at, -1, SQLITE_STATIC);
	int rc = step_id(st, stmt, &rec->id);
	if (!rc)
		st->import_id = rec->id;
	return rc;
}

int pb_store_import_end(pb_store *st, const pb_import_record *rec)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db,
			       "UPDATE imports SET rows = ?, warnings = ?, finished_at = ?, file_hash = ? "
			       "WHERE id = ?",
			       -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_int64(stmt, 1, rec->rows);
	sqlite3_bind_int64(stmt, 2, rec->warnings);
	sqlite3_bind_text(stmt, 3, rec->finished_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, rec->file_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 5, rec->id);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	st->import_id = 0;
	return rc == SQLITE_DONE ? 0 : db_error(st, "imports");
}

int pb_store_imports_each(pb_store *st, pb_store_import_cb cb, void *ctx)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT id, kind, file_name, file_hash, file_size, rows, warnings,"
			       " user_name, started_at, finished_at FROM imports ORDER BY id DESC",
			       -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	int rc, ret = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		pb_import_record r = {
			.id = sqlite3_column_int64(stmt, 0),
			.kind = (const char *)sqlite3_column_text(stmt, 1),
			.file_name = (const char *)sqlite3_column_text(stmt, 2),
			.file_hash = (const char *)sqlite3_column_text(stmt, 3),
			.file_size = sqlite3_column_int64(stmt, 4),
			.rows = sqlite3_column_int64(stmt, 5),
			.warnings = sqlite3_column_int64(stmt, 6),
			.user_name = (const char *)sqlite3_column_text(stmt, 7),
			.started_at = (const char *)sqlite3_column_text(stmt, 8),
			.finished_at = (const char *)sqlite3_column_text(stmt, 9),
		};
		if ((ret = cb(ctx, &r)) != 0)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = db_error(st, "imports");
	sqlite3_finalize(stmt);
	return ret;
}

int pb_store_audit(pb_store *st, const char *user, const char *action, const char *entity,
		   const char *detail)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db,
			       "INSERT INTO audit_log (user_name, action, entity, detail) "
			       "VALUES (?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	sqlite3_bind_text(stmt, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, detail, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : db_error(st, "audit_log");
}

int pb_store_audit_each(pb_store *st, int64_t before, size_t limit, pb_store_audit_cb cb,
			void *ctx)
{
	sqlite3_stmt *stmt = pb_store_prepare(st, "SELECT id, at, user_name, action, entity, detail"
						  " FROM audit_log WHERE ?1 = 0 OR id < ?1"
						  " ORDER BY id DESC LIMIT ?2");
	if (!stmt)
		return PB_ESTORE;
	sqlite3_bind_int64(stmt, 1, before);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)limit);
	int step, ret = 0;
	while (!ret && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		pb_audit_entry e = {
			.id = sqlite3_column_int64(stmt, 0),
			.at = (const char *)sqlite3_column_text(stmt, 1),
			.user = (const char *)sqlite3_column_text(stmt, 2),
			.action = (const char *)sqlite3_column_text(stmt, 3),
			.entity = (const char *)sqlite3_column_text(stmt, 4),
			.detail = (const char *)sqlite3_column_text(stmt, 5),
		};
		ret = cb(ctx, &e);
	}
	if (!ret && step != SQLITE_DONE)
		ret = db_error(st, "audit_log");
	pb_store_finalize(st, stmt);
	return ret;
}

int pb_store_check(pb_store *st, int *ok)
{
	sqlite3_stmt *stmt;
	if (sqlite3_prepare_v2(st->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, "prepare");
	*ok = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*ok = strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") == 0;
	sqlite3_finalize(stmt);
	return 0;
}

int pb_store_bulk(pb_store *st, int on)
{
	if (st->in_tx)
		return pb_error_set(PB_ESTORE, "事务中不能切换日志模式 / cannot switch journal mode "
				    "inside a transaction");
	/* Leaving WAL needs the database to ourselves; when another connection has it
	 * open SQLite keeps WAL and says so by returning "wal": that is fine. */
	return exec_script(st, on ? "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL");
}

int pb_store_checkpoint(pb_store *st)
{
	return exec_script(st, "PRAGMA wal_checkpoint(TRUNCATE)");
}

int pb_store_last_import(pb_store *st, int64_t *id)
{
	*id = 0;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT coalesce(max(id), 0) FROM imports");
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "imports");
	if (!rc)
		*id = sqlite3_column_int64(s, 0);
	pb_store_finalize(st, s);
	return rc;
}

static int take_zone_name(void *ctx, const void *rec)
{
	char **out = ctx;
	const char *name = ((const pb_zone *)rec)->name;
	*out = strdup(name ? name : "");
	return *out ? 0 : PB_ENOMEM;
}

char *pb_store_zone_name(pb_store *st)
{
	char *name = NULL;
	if (pb_store_each(st, PB_E_ZONE, take_zone_name, &name) || !name) {
		free(name);
		return strdup("parkbrain");
	}
	return name;
}
