/*
 * store_cube.c - the cube from the store; see store_cube.h.
 *
 * The monthly reports are read with one statement in (enterprise, month) order - the
 * table's clustering key, so SQLite streams it - straight into pb_cube_put, without
 * the generic record walk's per-row allocation.
 */
#include "store_cube.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "month.h"
#include "store_internal.h"

typedef struct ent_list {
	pb_enterprise *items;
	size_t n, cap;
} ent_list;

typedef struct park_ref {
	int64_t id;
	char *name;
} park_ref;

typedef struct park_list {
	park_ref *items; /* sorted by id once read, for bsearch */
	size_t n, cap;
} park_list;

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static int take_park(void *ctx, const void *rec)
{
	park_list *l = ctx;
	const pb_park *p = rec;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		park_ref *ni = realloc(l->items, cap * sizeof(*ni));
		if (!ni)
			return oom();
		l->items = ni;
		l->cap = cap;
	}
	l->items[l->n].id = p->id;
	if (!(l->items[l->n].name = strdup(p->name ? p->name : "")))
		return oom();
	l->n++;
	return 0;
}

static int park_cmp(const void *a, const void *b)
{
	int64_t x = ((const park_ref *)a)->id, y = ((const park_ref *)b)->id;
	return (x > y) - (x < y);
}

static const char *park_name(const park_list *l, int64_t id)
{
	park_ref key = { id, NULL };
	const park_ref *p = id && l->n ? bsearch(&key, l->items, l->n, sizeof(key), park_cmp) : NULL;
	return p ? p->name : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int take_ent(void *ctx, const void *rec)
{
	ent_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		pb_enterprise *ni = realloc(l->items, cap * sizeof(*ni));
		if (!ni)
			return oom();
		l->items = ni;
		l->cap = cap;
	}
	pb_enterprise e = *(const pb_enterprise *)rec;
	/* the store's strings live only during the call */
	e.uscc = dup_or_null(e.uscc);
	e.name = dup_or_null(e.name);
	e.industry = dup_or_null(e.industry);
	e.sector = dup_or_null(e.sector);
	e.note = NULL;
	l->items[l->n++] = e;
	return e.uscc && e.name ? 0 : oom();
}

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const pb_enterprise *)a)->id, y = ((const pb_enterprise *)b)->id;
	return (x > y) - (x < y);
}

static int month_range(pb_store *st, int *lo, int *hi)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(pb_store_sqlite(st), "SELECT min(month), max(month) FROM monthly_reports",
			       -1, &s, NULL) != SQLITE_OK)
		return pb_store_db_error(st, "prepare");
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "monthly_reports");
	if (!rc && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*lo = sqlite3_column_int(s, 0);
		*hi = sqlite3_column_int(s, 1);
	} else if (!rc) {
		/* no reports: one empty year, this one */
		*lo = pb_date_in_zone(time(NULL)) / 10000 * 100 + 1;
		*hi = *lo + 11;
	}
	sqlite3_finalize(s);
	return rc;
}

/* One column fetch instead of two (type, then value): on 60M rows × 21 columns the
 * second fetch was 15% of the load. */
static double real_or_missing(sqlite3_stmt *s, int col)
{
	sqlite3_value *v = sqlite3_column_value(s, col);
	return sqlite3_value_type(v) == SQLITE_NULL ? PB_MISSING : sqlite3_value_double(v);
}

/* One thread's share of the reports: the enterprises with ids in [lo, hi), read on a
 * connection of its own inside one read transaction. */
typedef struct load_part {
	pb_cube *c;
	sqlite3 *db;        /* the store's own connection, or NULL: open `path` */
	const char *path;
	int64_t lo, hi;
	int64_t version;    /* the newest import the transaction saw */
	int rc;
	char err[512];
} load_part;

static const char reports_sql[] =
	"SELECT enterprise_id, month,"
	" gross_output, sales_output, export_value, revenue, profit, tax, electricity,"
	" energy, employees, rd_expense,"
	" gross_output_prev, sales_output_prev, export_value_prev, revenue_prev,"
	" profit_prev, tax_prev, electricity_prev, energy_prev, employees_prev,"
	" rd_expense_prev, submitted"
	" FROM monthly_reports WHERE enterprise_id >= ? AND enterprise_id < ?"
	" ORDER BY enterprise_id, month";

static int part_fail(load_part *p, sqlite3 *db, const char *what)
{
	snprintf(p->err, sizeof(p->err), "数据库错误（%s）：%s / database error (%s): %s", what,
		 sqlite3_errmsg(db), what, sqlite3_errmsg(db));
	return p->rc = PB_ESTORE;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* The newest import, the version of the data: every change of the monthly reports and
 * the enterprises goes through an import. -1 when it cannot be read. */
static int64_t import_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM imports", -1, &s, NULL) != SQLITE_OK)
		return -1;
	int64_t v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	return v;
}

static int read_part(load_part *p, sqlite3 *db)
{
	sqlite3_stmt *s;
	int own_tx = sqlite3_get_autocommit(db);
	if (own_tx && exec(db, "BEGIN"))
		return part_fail(p, db, "begin");
	p->version = import_version(db);
	if (sqlite3_prepare_v2(db, reports_sql, -1, &s, NULL) != SQLITE_OK) {
		part_fail(p, db, "prepare");
		if (own_tx)
			exec(db, "COMMIT");
		return p->rc;
	}
	sqlite3_bind_int64(s, 1, p->lo);
	sqlite3_bind_int64(s, 2, p->hi);
	int step;
	int64_t last_id = 0;
	long e = -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		pb_monthly m;
		m.enterprise_id = sqlite3_column_int64(s, 0);
		m.month = sqlite3_column_int64(s, 1);
		for (int k = 0; k < PB_METRIC_COUNT; k++) {
			m.v[k] = real_or_missing(s, 2 + k);
			m.prev[k] = real_or_missing(s, 2 + PB_METRIC_COUNT + k);
		}
		m.submitted = sqlite3_column_type(s, 22) == SQLITE_NULL ? PB_INT_MISSING
									 : sqlite3_column_int64(s, 22);
		if (m.enterprise_id != last_id) {
			last_id = m.enterprise_id;
			e = pb_cube_find(p->c, m.enterprise_id);
		}
		if (e < 0)
			continue; /* foreign keys make this impossible; be safe anyway */
		if ((p->rc = pb_cube_put(p->c, (size_t)e, &m))) {
			snprintf(p->err, sizeof(p->err), "%s", pb_error_last());
			break;
		}
	}
	if (!p->rc && step != SQLITE_DONE)
		part_fail(p, db, "monthly_reports");
	sqlite3_finalize(s);
	if (own_tx)
		exec(db, "COMMIT");
	return p->rc;
}

static void *load_worker(void *arg)
{
	load_part *p = arg;
	if (p->db) {
		read_part(p, p->db);
		return NULL;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(p->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		part_fail(p, db, "open");
	} else {
		sqlite3_busy_timeout(db, 10000);
		read_part(p, db);
	}
	sqlite3_close(db);
	return NULL;
}

#define MAX_PARTS 4

/*
 * Read every report into the cube, in up to `threads` parts over disjoint enterprise
 * ranges (64-aligned, as pb_cube_put requires), each on its own connection: reading is
 * most of the load, and SQLite reads in parallel. The parts run in separate read
 * transactions, so an import committed between them would tear the cube: each part
 * notes the newest import it saw, and the caller reloads when they differ.
 */
static int load_reports(pb_cube *c, pb_store *st, int threads, int64_t version, int *torn)
{
	sqlite3 *main_db = pb_store_sqlite(st);
	const char *path = sqlite3_db_filename(main_db, "main");
	int n = threads < 1 ? 1 : threads > MAX_PARTS ? MAX_PARTS : threads;
	if (!path || !*path || c->nent < 64 * 16)
		n = 1; /* an in-memory database, or too small to be worth a thread */
	load_part parts[MAX_PARTS];
	pthread_t tid[MAX_PARTS];
	int np = 0;
	for (int i = 0; i < n; i++) {
		size_t a = c->nent * (size_t)i / (size_t)n / 64 * 64;
		size_t b = i + 1 == n ? c->nent : c->nent * (size_t)(i + 1) / (size_t)n / 64 * 64;
		if (b <= a)
			continue;
		parts[np] = (load_part){ .c = c, .db = n == 1 ? main_db : NULL, .path = path,
					 .lo = i == 0 ? INT64_MIN : c->ent[a].id,
					 .hi = b == c->nent ? INT64_MAX : c->ent[b].id };
		np++;
	}
	if (np == 0) {
		parts[0] = (load_part){ .c = c, .db = main_db, .lo = INT64_MIN, .hi = INT64_MAX };
		np = 1;
	}
	int started = 0;
	for (int i = 1; i < np; i++, started++)
		if (pthread_create(&tid[i], NULL, load_worker, &parts[i]) != 0)
			break;
	load_worker(&parts[0]);
	for (int i = started + 1; i < np; i++)
		load_worker(&parts[i]); /* threads that could not start: read here */
	for (int i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	*torn = 0;
	for (int i = 0; i < np; i++) {
		if (parts[i].rc)
			return pb_error_set(parts[i].rc, "%s", parts[i].err);
		if (parts[i].version != version)
			*torn = 1;
	}
	return 0;
}

static int load_once(pb_cube **out, pb_store *st, int threads, int *torn)
{
	*out = NULL;
	ent_list ents = { 0 };
	park_list parks = { 0 };
	pb_cube *c = NULL;
	int lo = 0, hi = 0;
	/* the enterprises and the month range in one read transaction (unless the caller
	 * has one open), noting the newest import, which every part must see too */
	sqlite3 *db = pb_store_sqlite(st);
	int own_tx = sqlite3_get_autocommit(db) && exec(db, "BEGIN") == 0;
	int64_t version = import_version(db);
	int rc = pb_store_each(st, PB_E_PARK, take_park, &parks);
	if (!rc)
		rc = pb_store_each(st, PB_E_ENTERPRISE, take_ent, &ents);
	if (!rc)
		rc = month_range(st, &lo, &hi);
	if (own_tx)
		exec(db, "COMMIT");
	if (!rc) {
		if (parks.n) /* qsort's base must not be NULL, even for no items */
			qsort(parks.items, parks.n, sizeof(*parks.items), park_cmp);
		if (ents.n)
			qsort(ents.items, ents.n, sizeof(*ents.items), by_id);
		rc = pb_cube_new(&c, ents.n, lo, hi);
	}
	for (size_t i = 0; i < ents.n && !rc; i++)
		rc = pb_cube_set_enterprise(c, i, &ents.items[i], park_name(&parks, ents.items[i].park_id));
	if (!rc)
		rc = load_reports(c, st, own_tx ? threads : 1, version, torn);
	if (!rc && !*torn)
		rc = pb_cube_seal(c, threads);
	for (size_t i = 0; i < ents.n; i++) {
		free((char *)ents.items[i].uscc);
		free((char *)ents.items[i].name);
		free((char *)ents.items[i].industry);
		free((char *)ents.items[i].sector);
	}
	free(ents.items);
	for (size_t i = 0; i < parks.n; i++)
		free(parks.items[i].name);
	free(parks.items);
	if (rc || *torn) {
		pb_cube_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int pb_store_cube_load(pb_cube **out, pb_store *st, int threads)
{
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 1;
	}
	for (int attempt = 0; attempt < 3; attempt++) {
		int torn = 0;
		int rc = load_once(out, st, threads, &torn);
		if (rc || !torn)
			return rc;
	}
	return pb_error_set(PB_ESTORE, "读取时数据不断被导入修改，请稍后重试 / the data kept changing "
			    "while it was read (imports running): try again");
}
