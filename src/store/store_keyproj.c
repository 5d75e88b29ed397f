/*
 * store_keyproj.c - the key projects of a year, one project's record, recording a month;
 * see store_keyproj.h.
 *
 * The year's load is two statements: the projects with their park, the year's plan and
 * the completed-before sum (computed in SQL, as it is a sum over rows the engine never
 * needs one by one), then the year's months. The park scope is a JSON array of ids (?2
 * NULL: every project).
 */
#include "store_keyproj.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "month.h"
#include "text.h"
#include "store_internal.h"

#define SCOPE " (?2 IS NULL OR k.park_id IN (SELECT value FROM json_each(?2)))"

/* ?1 the year. before: invested_before + earlier years' months + the actual of the earlier
 * years that have no month recorded (store_keyproj.h). */
static const char *const sql_projects =
	"SELECT k.id, k.name, k.owner, k.department, k.sector, k.nature, k.content,"
	" coalesce(k.park_id, 0), p.name, k.total_investment, y.planned, y.actual,"
	" coalesce(k.invested_before, 0)"
	"  + (SELECT coalesce(sum(m.completed), 0) FROM key_project_months m"
	"     WHERE m.key_project_id = k.id AND m.month < ?1 * 100 + 1)"
	"  + (SELECT coalesce(sum(e.actual), 0) FROM key_project_years e"
	"     WHERE e.key_project_id = k.id AND e.year < ?1 AND NOT EXISTS"
	"      (SELECT 1 FROM key_project_months m WHERE m.key_project_id = k.id"
	"       AND m.month BETWEEN e.year * 100 + 1 AND e.year * 100 + 12)),"
	" k.start_year, k.end_year, k.started, k.finished"
	" FROM key_projects k LEFT JOIN parks p ON p.id = k.park_id"
	" LEFT JOIN key_project_years y ON y.key_project_id = k.id AND y.year = ?1"
	" WHERE" SCOPE " ORDER BY k.id";

static const char *const sql_months =
	"SELECT m.key_project_id, m.month, m.completed FROM key_project_months m"
	" JOIN key_projects k ON k.id = m.key_project_id"
	" WHERE m.month BETWEEN ?1 * 100 + 1 AND ?1 * 100 + 12 AND" SCOPE
	" ORDER BY m.key_project_id, m.month";

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static int64_t int_or(sqlite3_stmt *s, int col, int64_t none)
{
	return sqlite3_column_type(s, col) == SQLITE_NULL ? none : sqlite3_column_int64(s, col);
}

/* A year known by its number only stands for its December (keyproj.h). */
static int32_t december(sqlite3_stmt *s, int col)
{
	int64_t y = int_or(s, col, 0);
	return y >= 1949 && y <= 2100 ? (int32_t)(y * 100 + 12) : 0;
}

static int32_t month_or_0(sqlite3_stmt *s, int col)
{
	int64_t m = int_or(s, col, 0);
	return m > 0 && m <= INT32_MAX && pb_month_valid((int)m) ? (int32_t)m : 0;
}

static sqlite3_stmt *scoped(pb_store *st, const char *sql, int year, const char *parks)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return NULL;
	sqlite3_bind_int(s, 1, year);
	if (parks)
		sqlite3_bind_text(s, 2, parks, -1, SQLITE_TRANSIENT);
	return s;
}

static void item_free(pb_keyproj_item *it)
{
	free(it->name);
	free(it->owner);
	free(it->department);
	free(it->sector);
	free(it->nature_text);
	free(it->content);
	free(it->park);
}

static int read_item(pb_keyproj_item *it, sqlite3_stmt *s)
{
	int failed = 0;
	memset(it, 0, sizeof(*it));
	it->id = sqlite3_column_int64(s, 0);
	it->name = pb_store_column_dup(s, 1, &failed);
	it->owner = pb_store_column_dup(s, 2, &failed);
	it->department = pb_store_column_dup(s, 3, &failed);
	it->sector = pb_store_column_dup(s, 4, &failed);
	it->nature_text = pb_store_column_dup(s, 5, &failed);
	it->content = pb_store_column_dup(s, 6, &failed);
	it->park_id = sqlite3_column_int64(s, 7);
	it->park = pb_store_column_dup(s, 8, &failed);
	if (failed) {
		item_free(it);
		return oom();
	}
	int nature = it->nature_text ? pb_keyproj_nature_parse(it->nature_text,
								 strlen(it->nature_text)) : -1;
	it->nature_known = nature >= 0;
	pb_keyproj *p = &it->p;
	p->nature = nature >= 0 ? nature : PB_KN_CONTINUING;
	p->total = pb_store_column_real(s, 9);
	p->plan = pb_store_column_real(s, 10);
	it->actual = pb_store_column_real(s, 11);
	p->before = sqlite3_column_double(s, 12);
	p->plan_start = december(s, 13);
	p->plan_finish = december(s, 14);
	p->started = month_or_0(s, 15);
	p->finished = month_or_0(s, 16);
	for (int k = 0; k < 12; k++)
		p->month[k] = NAN;
	return 0;
}

static size_t find(const pb_keyproj_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->items[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n && d->items[lo].id == id ? lo : SIZE_MAX;
}

static int load_projects(pb_keyproj_data *d, pb_store *st, const char *parks)
{
	sqlite3_stmt *s = scoped(st, sql_projects, d->year, parks);
	if (!s)
		return PB_ESTORE;
	size_t cap = 0;
	int rc = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			pb_keyproj_item *g = realloc(d->items, nc * sizeof(*g));
			if (!g) {
				rc = oom();
				break;
			}
			d->items = g;
			cap = nc;
		}
		if (!(rc = read_item(&d->items[d->n], s)))
			d->n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取重点项目");
	pb_store_finalize(st, s);
	return rc;
}

static int load_months(pb_keyproj_data *d, pb_store *st, const char *parks)
{
	sqlite3_stmt *s = scoped(st, sql_months, d->year, parks);
	if (!s)
		return PB_ESTORE;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		size_t i = find(d, sqlite3_column_int64(s, 0));
		int k = sqlite3_column_int(s, 1) % 100;
		if (i != SIZE_MAX && k >= 1 && k <= 12)
			d->items[i].p.month[k - 1] = pb_store_column_real(s, 2);
	}
	int rc = step == SQLITE_DONE ? 0 : pb_store_db_error(st, "读取重点项目月度投资");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_keyproj_load(pb_keyproj_data *out, pb_store *st, int year, const int64_t *parks,
			  size_t nparks)
{
	memset(out, 0, sizeof(*out));
	if (year < 1949 || year > 2100)
		return pb_error_set(PB_EINVAL, "年份 %d 无效 / %d is not a year", year, year);
	out->year = year;
	pb_buf pj = { 0 };
	const char *scope = pb_store_ids_json(&pj, parks, nparks);
	int rc = nparks && !scope ? oom() : 0;
	if (!rc)
		rc = load_projects(out, st, scope);
	if (!rc)
		rc = load_months(out, st, scope);
	pb_buf_free(&pj);
	if (rc)
		pb_keyproj_data_free(out);
	return rc;
}

void pb_keyproj_data_free(pb_keyproj_data *d)
{
	for (size_t i = 0; i < d->n; i++)
		item_free(&d->items[i]);
	free(d->items);
	memset(d, 0, sizeof(*d));
}

int pb_store_keyproj_latest(int *yyyymm, pb_store *st, const int64_t *parks, size_t nparks)
{
	*yyyymm = 0;
	pb_buf pj = { 0 };
	const char *scope = pb_store_ids_json(&pj, parks, nparks);
	if (nparks && !scope) {
		pb_buf_free(&pj);
		return oom();
	}
	/* (?1 is unused here; the scope is ?2 as in the other statements) */
	sqlite3_stmt *s = scoped(st, "SELECT max(m.month) FROM key_project_months m"
				 " JOIN key_projects k ON k.id = m.key_project_id WHERE ?1 = ?1 AND"
				 SCOPE, 0, scope);
	pb_buf_free(&pj);
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取重点项目月份");
	if (!rc)
		*yyyymm = (int)int_or(s, 0, 0);
	pb_store_finalize(st, s);
	return rc;
}

/* ---- one project --------------------------------------------------------------------- */

void pb_keyproj_detail_free(pb_keyproj_detail *d)
{
	free((char *)d->kp.name);
	free((char *)d->kp.owner);
	free((char *)d->kp.department);
	free((char *)d->kp.sector);
	free((char *)d->kp.nature);
	free((char *)d->kp.content);
	free(d->park);
	for (size_t i = 0; i < d->nmonths; i++)
		free((char *)d->months[i].note);
	free(d->years);
	free(d->months);
	memset(d, 0, sizeof(*d));
}

static int detail_head(pb_keyproj_detail *d, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(
		st, "SELECT k.name, k.owner, coalesce(k.enterprise_id, 0), k.department, k.sector,"
		    " k.nature, k.content, k.total_investment, k.invested_before,"
		    " k.planned_in_period, k.planned_after, k.start_year, k.end_year,"
		    " coalesce(k.park_id, 0), k.started, k.finished, p.name"
		    " FROM key_projects k LEFT JOIN parks p ON p.id = k.park_id WHERE k.id = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0, failed = 0;
	if (step == SQLITE_ROW) {
		pb_key_project *k = &d->kp;
		k->id = id;
		k->name = pb_store_column_dup(s, 0, &failed);
		k->owner = pb_store_column_dup(s, 1, &failed);
		k->enterprise_id = sqlite3_column_int64(s, 2);
		k->department = pb_store_column_dup(s, 3, &failed);
		k->sector = pb_store_column_dup(s, 4, &failed);
		k->nature = pb_store_column_dup(s, 5, &failed);
		k->content = pb_store_column_dup(s, 6, &failed);
		k->total_investment = pb_store_column_real(s, 7);
		k->invested_before = pb_store_column_real(s, 8);
		k->planned_in_period = pb_store_column_real(s, 9);
		k->planned_after = pb_store_column_real(s, 10);
		k->start_year = int_or(s, 11, PB_INT_MISSING);
		k->end_year = int_or(s, 12, PB_INT_MISSING);
		k->park_id = sqlite3_column_int64(s, 13);
		k->started = int_or(s, 14, PB_INT_MISSING);
		k->finished = int_or(s, 15, PB_INT_MISSING);
		d->park = pb_store_column_dup(s, 16, &failed);
		rc = failed ? oom() : 0;
	} else if (step == SQLITE_DONE) {
		rc = pb_error_set(PB_ENOTFOUND, "没有该重点项目 / no such key project");
	} else {
		rc = pb_store_db_error(st, "读取重点项目");
	}
	pb_store_finalize(st, s);
	return rc;
}

static int detail_years(pb_keyproj_detail *d, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT year, planned, actual FROM key_project_years"
					       " WHERE key_project_id = ? ORDER BY year");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int step, rc = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->nyears == cap) {
			size_t nc = cap ? cap * 2 : 8;
			pb_key_project_year *g = realloc(d->years, nc * sizeof(*g));
			if (!g) {
				rc = oom();
				break;
			}
			d->years = g;
			cap = nc;
		}
		d->years[d->nyears++] = (pb_key_project_year){ .key_project_id = id,
								.year = sqlite3_column_int64(s, 0),
								.planned = pb_store_column_real(s, 1),
								.actual = pb_store_column_real(s, 2) };
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取重点项目年度投资");
	pb_store_finalize(st, s);
	return rc;
}

static int detail_months(pb_keyproj_detail *d, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT month, completed, note FROM key_project_months"
					       " WHERE key_project_id = ? ORDER BY month");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0;
	int step, rc = 0, failed = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->nmonths == cap) {
			size_t nc = cap ? cap * 2 : 16;
			pb_key_project_month *g = realloc(d->months, nc * sizeof(*g));
			if (!g) {
				rc = oom();
				break;
			}
			d->months = g;
			cap = nc;
		}
		pb_key_project_month *m = &d->months[d->nmonths++];
		*m = (pb_key_project_month){ .key_project_id = id, .month = sqlite3_column_int64(s, 0),
					     .completed = pb_store_column_real(s, 1) };
		m->note = pb_store_column_dup(s, 2, &failed);
		if (failed) {
			rc = oom();
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取重点项目月度投资");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_keyproj_detail(pb_keyproj_detail *out, pb_store *st, int64_t id)
{
	memset(out, 0, sizeof(*out));
	int rc = detail_head(out, st, id);
	if (!rc)
		rc = detail_years(out, st, id);
	if (!rc)
		rc = detail_months(out, st, id);
	return rc;
}

/* ---- recording a month ----------------------------------------------------------------- */

/* The month's figure before the change (NaN none), and whether the project exists. */
static int month_before(double *prev, int *exists, pb_store *st, int64_t id, int month)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT (SELECT completed FROM key_project_months"
					       " WHERE key_project_id = ?1 AND month = ?2),"
					       " EXISTS (SELECT 1 FROM key_projects WHERE id = ?1)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, month);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取重点项目月度投资");
	if (!rc) {
		*prev = pb_store_column_real(s, 0);
		*exists = sqlite3_column_int(s, 1);
	}
	pb_store_finalize(st, s);
	return rc;
}

static int month_write(pb_store *st, int64_t id, int month, double completed, const char *note)
{
	/* import_id NULL: the row now comes from a person, not from the file it came from */
	sqlite3_stmt *s = pb_store_prepare(
		st, "INSERT INTO key_project_months (key_project_id, month, completed, note)"
		    " VALUES (?, ?, ?, ?) ON CONFLICT (key_project_id, month) DO UPDATE SET"
		    " completed = excluded.completed, note = excluded.note, import_id = NULL");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, month);
	sqlite3_bind_double(s, 3, completed);
	if (note)
		sqlite3_bind_text(s, 4, note, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "记录重点项目月度投资");
	pb_store_finalize(st, s);
	return rc;
}

static int month_audit(pb_store *st, const char *user, int64_t id, int month, double completed,
		       double prev)
{
	char entity[48], detail[160], m[8], was[40];
	pb_month_format(month, m);
	snprintf(entity, sizeof(entity), "key_project:%lld", (long long)id);
	if (isnan(prev))
		snprintf(was, sizeof(was), "null");
	else
		snprintf(was, sizeof(was), "%.17g", prev);
	snprintf(detail, sizeof(detail), "{\"month\":\"%s\",\"completed\":%.17g,\"previous\":%s}", m,
		 completed, was);
	return pb_store_audit(st, user, "key_project.month", entity, detail);
}

int pb_store_keyproj_month_put(double *previous, pb_store *st, int64_t id, int month,
			       double completed, const char *note, const char *user)
{
	*previous = NAN;
	if (!pb_month_valid(month))
		return pb_error_set(PB_EINVAL, "月份无效 / not a month");
	if (!isfinite(completed) || completed < 0)
		return pb_error_set(PB_EINVAL, "完成投资应为不小于 0 的数 / the completed investment "
					       "must be a number ≥ 0");
	if (!user || !*user)
		return pb_error_set(PB_EINVAL, "须注明操作人 / the user must be named");
	int rc = pb_store_begin(st);
	if (rc)
		return rc;
	int exists = 0;
	rc = month_before(previous, &exists, st, id, month);
	if (!rc && !exists)
		rc = pb_error_set(PB_ENOTFOUND, "没有该重点项目 / no such key project");
	if (!rc)
		rc = month_write(st, id, month, completed, note && *note ? note : NULL);
	if (!rc)
		rc = month_audit(st, user, id, month, completed, *previous);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc)
		pb_store_rollback(st);
	return rc;
}
