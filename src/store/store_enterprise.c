/*
 * store_enterprise.c - the enterprise search and an enterprise's page; see
 * store_enterprise.h.
 *
 * One fixed WHERE clause serves every combination of filters ("?n IS NULL OR ..."), so
 * every statement is prepared once and no SQL is ever built from what a user typed. The
 * park scope is passed as a JSON array of ids and read with json_each.
 */
#include "store_enterprise.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "store_internal.h"

#define MATCH                                                                              \
	" FROM enterprises e LEFT JOIN parks p ON p.id = e.park_id"                          \
	" WHERE (?1 IS NULL OR instr(e.name, ?1) > 0 OR substr(e.uscc, 1, length(?1)) = ?1)" \
	"   AND (?2 = 0 OR e.park_id = ?2) AND (?3 IS NULL OR e.sector = ?3)"                \
	"   AND (?4 = 0 OR e.tier = ?4)"                                                     \
	"   AND (?5 & 1 = 0 OR e.above_scale = 1) AND (?5 & 2 = 0 OR e.high_tech = 1)"       \
	"   AND (?5 & 4 = 0 OR e.specialized = 1) AND (?5 & 8 = 0 OR e.little_giant = 1)"    \
	"   AND (?5 & 16 = 0 OR e.champion = 1) AND (?5 & 32 = 0 OR e.tech_sme = 1)"         \
	"   AND (?6 IS NULL OR e.park_id IN (SELECT value FROM json_each(?6)))"              \
	"   AND (?7 = 0 OR e.id = ?7)"

#define COLUMNS                                                                            \
	"SELECT e.id, e.uscc, e.name, e.industry, e.sector, p.name, coalesce(e.park_id, 0),"  \
	" e.tier, e.above_scale, e.high_tech, e.specialized, e.little_giant, e.champion,"     \
	" e.tech_sme, coalesce((SELECT sum(area) FROM land_plots l WHERE l.enterprise_id = e.id), 0)"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static void bind_filter(sqlite3_stmt *s, const pb_enterprise_filter *f, const char *parks)
{
	if (f->q && *f->q)
		sqlite3_bind_text(s, 1, f->q, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, f->park_id);
	if (f->sector && *f->sector)
		sqlite3_bind_text(s, 3, f->sector, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 4, f->tier);
	sqlite3_bind_int(s, 5, (int)f->flags);
	if (parks)
		sqlite3_bind_text(s, 6, parks, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 7, f->only_id);
}

static int take_row(pb_enterprise_row *r, sqlite3_stmt *s)
{
	int failed = 0;
	r->id = sqlite3_column_int64(s, 0);
	r->uscc = pb_store_column_dup(s, 1, &failed);
	r->name = pb_store_column_dup(s, 2, &failed);
	r->industry = pb_store_column_dup(s, 3, &failed);
	r->sector = pb_store_column_dup(s, 4, &failed);
	r->park = pb_store_column_dup(s, 5, &failed);
	r->park_id = sqlite3_column_int64(s, 6);
	r->tier = sqlite3_column_int64(s, 7);
	r->flags = 0;
	for (int k = 0; k < 6; k++)
		r->flags |= sqlite3_column_int(s, 8 + k) ? 1u << k : 0;
	r->land = sqlite3_column_double(s, 14);
	return failed ? oom() : 0;
}

static void row_free(pb_enterprise_row *r)
{
	free(r->uscc);
	free(r->name);
	free(r->industry);
	free(r->sector);
	free(r->park);
}

static int count_matches(pb_store *st, const pb_enterprise_filter *f, const char *parks,
			 int64_t *total)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT count(*)" MATCH);
	if (!s)
		return PB_ESTORE;
	bind_filter(s, f, parks);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "enterprises");
	*total = rc ? 0 : sqlite3_column_int64(s, 0);
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_enterprise_search(pb_enterprise_page *out, pb_store *st, const pb_enterprise_filter *f)
{
	memset(out, 0, sizeof(*out));
	size_t limit = f->limit ? f->limit : 50;
	if (limit > 1000)
		return pb_error_set(PB_EINVAL, "每页最多 1000 家 / at most 1000 a page");
	pb_buf pj = { 0 };
	const char *parks = pb_store_ids_json(&pj, f->parks, f->nparks);
	if (f->nparks && !parks) {
		pb_buf_free(&pj);
		return oom();
	}
	int rc = count_matches(st, f, parks, &out->total);
	sqlite3_stmt *s = rc ? NULL : pb_store_prepare(st, COLUMNS MATCH
							   " ORDER BY e.name, e.id LIMIT ?8 OFFSET ?9");
	if (!rc && !s)
		rc = PB_ESTORE;
	if (!rc) {
		bind_filter(s, f, parks);
		sqlite3_bind_int64(s, 8, (sqlite3_int64)limit);
		sqlite3_bind_int64(s, 9, (sqlite3_int64)f->offset);
		out->rows = calloc(limit, sizeof(*out->rows));
		if (!out->rows)
			rc = oom();
	}
	int step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW && out->n < limit)
		rc = take_row(&out->rows[out->n++], s);
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = pb_store_db_error(st, "enterprises");
	pb_store_finalize(st, s);
	pb_buf_free(&pj);
	return rc;
}

void pb_enterprise_page_free(pb_enterprise_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		row_free(&p->rows[i]);
	free(p->rows);
	memset(p, 0, sizeof(*p));
}

/* ---- one enterprise ------------------------------------------------------------------ */

static int detail_plots(pb_enterprise_detail *d, pb_store *st)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT id, plot_code, coalesce(park_id, 0), area,"
					       " idle_area, floor_area, leased, note, shared_parcel"
					       " FROM land_plots WHERE enterprise_id = ?1 ORDER BY plot_code");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, d->e.id);
	int rc = 0, step;
	size_t cap = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->nplots == cap) {
			cap = cap ? 2 * cap : 4;
			pb_land_plot *p = realloc(d->plots, cap * sizeof(*p));
			if (!p) {
				rc = oom();
				break;
			}
			d->plots = p;
		}
		pb_land_plot *p = &d->plots[d->nplots++];
		int failed = 0;
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(s, 0);
		p->plot_code = pb_store_column_dup(s, 1, &failed);
		p->enterprise_id = d->e.id;
		p->park_id = sqlite3_column_int64(s, 2);
		p->area = sqlite3_column_double(s, 3);
		p->idle_area = pb_store_column_real(s, 4);
		p->floor_area = pb_store_column_real(s, 5);
		p->leased = sqlite3_column_int64(s, 6);
		p->note = pb_store_column_dup(s, 7, &failed);
		p->shared_parcel = pb_store_column_dup(s, 8, &failed);
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "land_plots");
	pb_store_finalize(st, s);
	return rc;
}

static int detail_months(pb_enterprise_detail *d, pb_store *st, int from, int to)
{
	pb_buf sql = { 0 };
	pb_buf_puts(&sql, "SELECT month");
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		pb_buf_puts(&sql, ", ");
		pb_buf_puts(&sql, pb_metric_key(k)); /* our own column names, not user input */
	}
	pb_buf_puts(&sql, " FROM monthly_reports WHERE enterprise_id = ?1 AND month >= ?2"
			  " AND month <= ?3 ORDER BY month");
	if (sql.oom) {
		pb_buf_free(&sql);
		return oom();
	}
	sqlite3_stmt *s = pb_store_prepare(st, sql.p);
	pb_buf_free(&sql);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, d->e.id);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to ? to : 999912);
	int rc = 0, step;
	size_t cap = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (d->nmonths == cap) {
			cap = cap ? 2 * cap : 24;
			pb_enterprise_month *m = realloc(d->months, cap * sizeof(*m));
			if (!m) {
				rc = oom();
				break;
			}
			d->months = m;
		}
		pb_enterprise_month *m = &d->months[d->nmonths++];
		m->month = sqlite3_column_int(s, 0);
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			m->v[k] = sqlite3_column_type(s, 1 + k) == SQLITE_NULL
					  ? NAN : sqlite3_column_double(s, 1 + k);
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "monthly_reports");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_enterprise_detail(pb_enterprise_detail *out, pb_store *st, int64_t id, int from,
			       int to)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = pb_store_prepare(st, COLUMNS " FROM enterprises e LEFT JOIN parks p"
						       " ON p.id = e.park_id WHERE e.id = ?1");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc;
	if (step == SQLITE_ROW)
		rc = take_row(&out->e, s);
	else if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "没有编号为 %lld 的企业 / no enterprise %lld",
				  (long long)id, (long long)id);
	else
		rc = pb_store_db_error(st, "enterprises");
	pb_store_finalize(st, s);
	if (!rc)
		rc = detail_plots(out, st);
	if (!rc)
		rc = detail_months(out, st, from, to);
	return rc;
}

void pb_enterprise_detail_free(pb_enterprise_detail *d)
{
	if (!d)
		return;
	row_free(&d->e);
	for (size_t i = 0; i < d->nplots; i++) {
		free((char *)d->plots[i].plot_code);
		free((char *)d->plots[i].note);
		free((char *)d->plots[i].shared_parcel);
	}
	free(d->plots);
	free(d->months);
	memset(d, 0, sizeof(*d));
}
