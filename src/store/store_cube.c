/*
 * store_cube.c - the cube from the store; see store_cube.h.
 *
 * The monthly reports are read with one statement in (enterprise, month) order - the
 * table's clustering key, so SQLite streams it - straight into pb_cube_put, without
 * the generic record walk's per-row allocation.
 */
#include "store_cube.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "store_internal.h"

typedef struct ent_list {
	pb_enterprise *items;
	size_t n, cap;
} ent_list;

typedef struct park_list {
	int64_t *ids;
	char **names;
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
		int64_t *ni = realloc(l->ids, cap * sizeof(*ni));
		if (!ni)
			return oom();
		l->ids = ni;
		char **nn = realloc(l->names, cap * sizeof(*nn));
		if (!nn)
			return oom();
		l->names = nn;
		l->cap = cap;
	}
	l->ids[l->n] = p->id;
	if (!(l->names[l->n] = strdup(p->name ? p->name : "")))
		return oom();
	l->n++;
	return 0;
}

static const char *park_name(const park_list *l, int64_t id)
{
	for (size_t i = 0; id && i < l->n; i++)
		if (l->ids[i] == id)
			return l->names[i];
	return NULL;
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
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		*lo = (tm.tm_year + 1900) * 100 + 1;
		*hi = *lo + 11;
	}
	sqlite3_finalize(s);
	return rc;
}

static double real_or_missing(sqlite3_stmt *s, int col)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL ? PB_MISSING : sqlite3_column_double(s, col);
}

static int load_reports(pb_cube *c, pb_store *st)
{
	static const char sql[] =
		"SELECT enterprise_id, month,"
		" gross_output, sales_output, export_value, revenue, profit, tax, electricity,"
		" energy, employees, rd_expense,"
		" gross_output_prev, sales_output_prev, export_value_prev, revenue_prev,"
		" profit_prev, tax_prev, electricity_prev, energy_prev, employees_prev,"
		" rd_expense_prev, submitted"
		" FROM monthly_reports ORDER BY enterprise_id, month";
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(pb_store_sqlite(st), sql, -1, &s, NULL) != SQLITE_OK)
		return pb_store_db_error(st, "prepare");
	int rc = 0, step;
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
			e = pb_cube_find(c, m.enterprise_id);
		}
		if (e < 0)
			continue; /* foreign keys make this impossible; be safe anyway */
		if ((rc = pb_cube_put(c, (size_t)e, &m)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "monthly_reports");
	sqlite3_finalize(s);
	return rc;
}

int pb_store_cube_load(pb_cube **out, pb_store *st, int threads)
{
	*out = NULL;
	ent_list ents = { 0 };
	park_list parks = { 0 };
	pb_cube *c = NULL;
	int lo = 0, hi = 0;
	int rc = pb_store_each(st, PB_E_PARK, take_park, &parks);
	if (!rc)
		rc = pb_store_each(st, PB_E_ENTERPRISE, take_ent, &ents);
	if (!rc)
		rc = month_range(st, &lo, &hi);
	if (!rc) {
		qsort(ents.items, ents.n, sizeof(*ents.items), by_id);
		rc = pb_cube_new(&c, ents.n, lo, hi);
	}
	for (size_t i = 0; i < ents.n && !rc; i++)
		rc = pb_cube_set_enterprise(c, i, &ents.items[i], park_name(&parks, ents.items[i].park_id));
	if (!rc)
		rc = load_reports(c, st);
	if (!rc)
		rc = pb_cube_seal(c, threads);
	for (size_t i = 0; i < ents.n; i++) {
		free((char *)ents.items[i].uscc);
		free((char *)ents.items[i].name);
		free((char *)ents.items[i].industry);
		free((char *)ents.items[i].sector);
	}
	free(ents.items);
	for (size_t i = 0; i < parks.n; i++)
		free(parks.names[i]);
	free(parks.ids);
	free(parks.names);
	if (rc) {
		pb_cube_free(c);
		return rc;
	}
	*out = c;
	return 0;
}
