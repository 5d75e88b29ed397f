/*
 * store_dispatch.c - the dispatch's loaders; see store_dispatch.h. Each reads one
 * prepared statement with the park scope bound as a JSON array of ids (?1 NULL: all).
 * Rows are collected into arrays grown by doubling (the row counts are small: parks,
 * targets, a year of activities).
 */
#include "store_dispatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "text.h"
#include "store_internal.h"

#define IN_SCOPE(col) " (?1 IS NULL OR " col " IN (SELECT value FROM json_each(?1)))"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* `sql` prepared with the scope of `parks` bound to ?1; NULL on failure. b holds the JSON. */
static sqlite3_stmt *prepare_scoped(pb_store *st, const char *sql, pb_buf *b, const int64_t *parks,
				    size_t nparks)
{
	const char *scope = pb_store_ids_json(b, parks, nparks);
	if (nparks && !scope) {
		oom();
		return NULL;
	}
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (s && scope)
		sqlite3_bind_text(s, 1, scope, -1, SQLITE_TRANSIENT);
	return s;
}

/* The end of a reading loop: SQLITE_DONE is success; finalizes s. */
static int finish(pb_store *st, sqlite3_stmt *s, int rc, int step, const char *what)
{
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, what);
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_disp_parks(pb_disp_parks *out, pb_store *st, const int64_t *parks, size_t nparks)
{
	memset(out, 0, sizeof(*out));
	pb_buf b = { 0 };
	sqlite3_stmt *s = prepare_scoped(st, "SELECT id, name FROM parks WHERE" IN_SCOPE("id")
					 " ORDER BY id", &b, parks, nparks);
	pb_buf_free(&b);
	if (!s)
		return pb_error_last_code();
	size_t cap = 0, cap2 = 0;
	int rc = 0, step = SQLITE_DONE, failed = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t *id = pb_store_grow(out->id, &cap, out->n, sizeof(*id));
		if (id)
			out->id = id;
		char **name = id ? pb_store_grow(out->name, &cap2, out->n, sizeof(*name)) : NULL;
		if (!name) {
			rc = PB_ENOMEM;
			break;
		}
		out->name = name;
		out->id[out->n] = sqlite3_column_int64(s, 0);
		out->name[out->n++] = pb_store_column_dup(s, 1, &failed);
		if (failed)
			rc = oom();
	}
	rc = finish(st, s, rc, rc ? SQLITE_DONE : step, "读取园区");
	if (rc)
		pb_disp_parks_free(out);
	return rc;
}

void pb_disp_parks_free(pb_disp_parks *p)
{
	pb_strings_free(p->name, p->n);
	free(p->id);
	memset(p, 0, sizeof(*p));
}

static const char *const sql_targets =
	"SELECT level, scope, signed_count, signed_value, funds, started_count, producing_count"
	" FROM pipeline_targets WHERE year = ?2 AND (?1 IS NULL"
	"  OR (level = '园区' AND scope IN (SELECT name FROM parks WHERE id IN"
	"      (SELECT value FROM json_each(?1))))"
	"  OR (level = '团队' AND scope IN (SELECT team FROM projects WHERE park_id IN"
	"      (SELECT value FROM json_each(?1)))))"
	" ORDER BY CASE level WHEN '全区' THEN 0 WHEN '园区' THEN 1 ELSE 2 END, scope";

int pb_store_disp_targets(pb_disp_target **out, size_t *n, pb_store *st, int year,
			  const int64_t *parks, size_t nparks)
{
	*out = NULL;
	*n = 0;
	pb_buf b = { 0 };
	sqlite3_stmt *s = prepare_scoped(st, sql_targets, &b, parks, nparks);
	pb_buf_free(&b);
	if (!s)
		return pb_error_last_code();
	sqlite3_bind_int(s, 2, year);
	size_t cap = 0;
	int rc = 0, step = SQLITE_DONE, failed = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		pb_disp_target *g = pb_store_grow(*out, &cap, *n, sizeof(**out));
		if (!g) {
			rc = PB_ENOMEM;
			break;
		}
		*out = g;
		pb_disp_target *t = &(*out)[(*n)++];
		const char *lv = (const char *)sqlite3_column_text(s, 0);
		t->level = lv && strcmp(lv, "园区") == 0 ? PB_TL_PARK
			   : lv && strcmp(lv, "团队") == 0 ? PB_TL_TEAM : PB_TL_ZONE;
		t->scope = pb_store_column_dup(s, 1, &failed);
		for (int f = 0; f < PB_DT_COUNT; f++)
			t->value[f] = pb_store_column_real(s, 2 + f);
		if (failed)
			rc = oom();
	}
	rc = finish(st, s, rc, rc ? SQLITE_DONE : step, "读取招商目标");
	if (rc) {
		pb_disp_targets_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void pb_disp_targets_free(pb_disp_target *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		free(t[i].scope);
	free(t);
}

int pb_store_disp_activities(pb_disp_activity_row **out, size_t *n, pb_store *st, int32_t from,
			     int32_t to, const int64_t *parks, size_t nparks)
{
	*out = NULL;
	*n = 0;
	pb_buf b = { 0 };
	sqlite3_stmt *s = prepare_scoped(st, "SELECT date, kind, coalesce(park_id, 0), team,"
					 " coalesce(project_id, 0) FROM activities"
					 " WHERE date BETWEEN ?2 AND ?3 AND" IN_SCOPE("park_id")
					 " ORDER BY date, id", &b, parks, nparks);
	pb_buf_free(&b);
	if (!s)
		return pb_error_last_code();
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	size_t cap = 0;
	int rc = 0, step = SQLITE_DONE, failed = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		pb_disp_activity_row *g = pb_store_grow(*out, &cap, *n, sizeof(**out));
		if (!g) {
			rc = PB_ENOMEM;
			break;
		}
		*out = g;
		pb_disp_activity_row *a = &(*out)[(*n)++];
		a->date = sqlite3_column_int(s, 0);
		a->kind = pb_act_kind_parse((const char *)sqlite3_column_text(s, 1));
		a->park_id = sqlite3_column_int64(s, 2);
		a->team = pb_store_column_dup(s, 3, &failed);
		a->project_id = sqlite3_column_int64(s, 4);
		if (failed)
			rc = oom();
	}
	rc = finish(st, s, rc, rc ? SQLITE_DONE : step, "读取招商活动");
	if (rc) {
		pb_disp_activities_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void pb_disp_activities_free(pb_disp_activity_row *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++)
		free(a[i].team);
	free(a);
}

/* The same sample: reported this month, and a base (own 上年同期 first, else a year before). */
static const char *const sql_output =
	"SELECT sum(r.gross_output), sum(coalesce(r.gross_output_prev, p.gross_output)), count(*)"
	" FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id"
	" LEFT JOIN monthly_reports p ON p.enterprise_id = r.enterprise_id AND p.month = ?3"
	" WHERE e.park_id = ?1 AND r.month = ?2 AND r.gross_output IS NOT NULL"
	" AND coalesce(r.gross_output_prev, p.gross_output) IS NOT NULL";

int pb_store_disp_output(double *cur, double *prev, pb_store *st, const int64_t *ids, size_t n,
			 int32_t month)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql_output);
	if (!s)
		return PB_ESTORE;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int(s, 2, month);
		sqlite3_bind_int(s, 3, month - 100);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = pb_store_db_error(st, "读取园区产值");
			break;
		}
		int any = sqlite3_column_int64(s, 2) > 0;
		cur[i] = any ? sqlite3_column_double(s, 0) : NAN;
		prev[i] = any ? sqlite3_column_double(s, 1) : NAN;
	}
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_disp_ent_sums(double *output, double *tax, pb_store *st, const int64_t *ids,
			   size_t n, int32_t from, int32_t to)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT coalesce(sum(gross_output), 0),"
					   " coalesce(sum(tax), 0) FROM monthly_reports"
					   " WHERE enterprise_id = ?1 AND month BETWEEN ?2 AND ?3");
	if (!s)
		return PB_ESTORE;
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, ids[i]);
		sqlite3_bind_int(s, 2, from);
		sqlite3_bind_int(s, 3, to);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = pb_store_db_error(st, "读取企业产值税金");
			break;
		}
		output[i] = sqlite3_column_double(s, 0);
		tax[i] = sqlite3_column_double(s, 1);
	}
	pb_store_finalize(st, s);
	return rc;
}
