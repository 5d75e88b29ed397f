/*
 * store_pipeline.c - loading the investment pipeline; see store_pipeline.h.
 *
 * Three statements, each in the order the engine needs, with the park scope as a JSON
 * array of ids (?1 NULL: every park). Counting first sizes every array exactly.
 */
#include "store_pipeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "text.h"
#include "store_internal.h"

#define SCOPE " (?1 IS NULL OR j.park_id IN (SELECT value FROM json_each(?1)))"

static const char *const sql_projects =
	"SELECT j.id, j.name, j.team, j.sector, j.origin, j.industry, coalesce(j.park_id, 0),"
	" coalesce(j.enterprise_id, 0), coalesce(j.foreign_funded, -1), j.generated,"
	" j.contract_value, j.planned_investment, j.promised_output, j.promised_tax,"
	" j.land_needed, k.name FROM projects j LEFT JOIN parks k ON k.id = j.park_id"
	" WHERE" SCOPE " ORDER BY j.id";

static const char *const sql_events =
	"SELECT s.project_id, s.stage, s.date, s.note, s.user_name FROM project_stages s"
	" JOIN projects j ON j.id = s.project_id WHERE" SCOPE
	" ORDER BY s.project_id, s.date, s.rowid";

static const char *const sql_funds =
	"SELECT f.project_id, f.month, f.fixed, f.working FROM project_funds f"
	" JOIN projects j ON j.id = f.project_id WHERE" SCOPE " ORDER BY f.project_id, f.month";

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* The statement `sql` prepared with the scope bound, or NULL (error recorded). */
static sqlite3_stmt *scoped(pb_store *st, const char *sql, const char *parks)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (s && parks)
		sqlite3_bind_text(s, 1, parks, -1, SQLITE_TRANSIENT);
	return s;
}

/* How many rows `sql` gives: counted by wrapping it. */
static int count_rows(size_t *n, pb_store *st, const char *sql, const char *parks)
{
	pb_buf b = { 0 };
	pb_buf_puts(&b, "SELECT count(*) FROM (");
	pb_buf_puts(&b, sql);
	pb_buf_puts(&b, ")");
	if (b.oom) {
		pb_buf_free(&b);
		return oom();
	}
	sqlite3_stmt *s = scoped(st, b.p, parks);
	pb_buf_free(&b);
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "统计招商项目");
	*n = rc ? 0 : (size_t)sqlite3_column_int64(s, 0);
	pb_store_finalize(st, s);
	return rc;
}

static int alloc_projects(pb_pipe_data *d, size_t n)
{
	size_t m = n ? n : 1;
	d->project_id = calloc(m, sizeof(int64_t));
	d->name = calloc(m, sizeof(char *));
	d->team = calloc(m, sizeof(char *));
	d->sector = calloc(m, sizeof(char *));
	d->origin = calloc(m, sizeof(char *));
	d->industry = calloc(m, sizeof(char *));
	d->park = calloc(m, sizeof(char *));
	d->park_id = calloc(m, sizeof(int64_t));
	d->enterprise_id = calloc(m, sizeof(int64_t));
	d->foreign_funded = calloc(m, 1);
	d->generated = calloc(m, 1);
	d->contract = calloc(m, sizeof(double));
	d->planned = calloc(m, sizeof(double));
	d->promised_output = calloc(m, sizeof(double));
	d->promised_tax = calloc(m, sizeof(double));
	d->land_needed = calloc(m, sizeof(double));
	int ok = d->project_id && d->name && d->team && d->sector && d->origin && d->industry &&
		 d->park && d->park_id && d->enterprise_id && d->foreign_funded && d->generated &&
		 d->contract && d->planned && d->promised_output && d->promised_tax &&
		 d->land_needed;
	return ok ? 0 : oom();
}

static int load_projects(pb_pipe_data *d, pb_store *st, const char *parks, size_t n)
{
	if (alloc_projects(d, n))
		return PB_ENOMEM;
	sqlite3_stmt *s = scoped(st, sql_projects, parks);
	if (!s)
		return PB_ESTORE;
	int rc = 0, failed = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		size_t i = d->n;
		if (i == n)
			break; /* rows added since the count: the snapshot forbids it */
		d->project_id[i] = sqlite3_column_int64(s, 0);
		d->name[i] = pb_store_column_dup(s, 1, &failed);
		d->team[i] = pb_store_column_dup(s, 2, &failed);
		d->sector[i] = pb_store_column_dup(s, 3, &failed);
		d->origin[i] = pb_store_column_dup(s, 4, &failed);
		d->industry[i] = pb_store_column_dup(s, 5, &failed);
		d->park_id[i] = sqlite3_column_int64(s, 6);
		d->enterprise_id[i] = sqlite3_column_int64(s, 7);
		d->foreign_funded[i] = (int8_t)sqlite3_column_int(s, 8);
		d->generated[i] = (uint8_t)sqlite3_column_int(s, 9);
		d->contract[i] = pb_store_column_real(s, 10);
		d->planned[i] = pb_store_column_real(s, 11);
		d->promised_output[i] = pb_store_column_real(s, 12);
		d->promised_tax[i] = pb_store_column_real(s, 13);
		d->land_needed[i] = pb_store_column_real(s, 14);
		d->park[i] = pb_store_column_dup(s, 15, &failed);
		d->n++;
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = pb_store_db_error(st, "读取招商项目");
	pb_store_finalize(st, s);
	return rc;
}

size_t pb_pipe_data_find(const pb_pipe_data *d, int64_t id)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->project_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n && d->project_id[lo] == id ? lo : SIZE_MAX;
}

static int load_events(pb_pipe_data *d, pb_store *st, const char *parks, size_t n)
{
	size_t m = n ? n : 1;
	d->events = calloc(m, sizeof(*d->events));
	d->event_note = calloc(m, sizeof(char *));
	d->event_user = calloc(m, sizeof(char *));
	if (!d->events || !d->event_note || !d->event_user)
		return oom();
	sqlite3_stmt *s = scoped(st, sql_events, parks);
	if (!s)
		return PB_ESTORE;
	int rc = 0, failed = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW && d->nevents < n) {
		size_t p = pb_pipe_data_find(d, sqlite3_column_int64(s, 0));
		if (p == SIZE_MAX)
			continue; /* cannot happen: the join keeps the scope's projects only */
		size_t i = d->nevents++;
		d->events[i] = (pb_pipe_event){ .project = (uint32_t)p,
						.stage = sqlite3_column_int(s, 1),
						.date = sqlite3_column_int(s, 2) };
		d->event_note[i] = pb_store_column_dup(s, 3, &failed);
		d->event_user[i] = pb_store_column_dup(s, 4, &failed);
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = pb_store_db_error(st, "读取项目阶段");
	pb_store_finalize(st, s);
	return rc;
}

static int load_funds(pb_pipe_data *d, pb_store *st, const char *parks, size_t n)
{
	d->funds = calloc(n ? n : 1, sizeof(*d->funds));
	if (!d->funds)
		return oom();
	sqlite3_stmt *s = scoped(st, sql_funds, parks);
	if (!s)
		return PB_ESTORE;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW && d->nfunds < n) {
		size_t p = pb_pipe_data_find(d, sqlite3_column_int64(s, 0));
		if (p == SIZE_MAX)
			continue;
		d->funds[d->nfunds++] = (pb_pipe_fund){ .project = (uint32_t)p,
							.month = sqlite3_column_int(s, 1),
							.fixed = pb_store_column_real(s, 2),
							.working = pb_store_column_real(s, 3) };
	}
	int rc = step == SQLITE_DONE || step == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取到位资金");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_snapshot(pb_store *st, int on)
{
	sqlite3_stmt *s = pb_store_prepare(st, on ? "SAVEPOINT pb_snapshot"
						  : "RELEASE pb_snapshot");
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "读取快照");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_pipe_load(pb_pipe_data *out, pb_store *st, const int64_t *parks, size_t nparks)
{
	memset(out, 0, sizeof(*out));
	pb_buf pj = { 0 };
	const char *scope = pb_store_ids_json(&pj, parks, nparks);
	if (nparks && !scope) {
		pb_buf_free(&pj);
		return oom();
	}
	/* the counts and the rows of one state: a move committed in between would otherwise
	 * be cut off at the count, or its events loaded without their project */
	int rc = pb_store_snapshot(st, 1);
	if (rc) {
		pb_buf_free(&pj);
		return rc;
	}
	size_t np = 0, ne = 0, nf = 0;
	rc = count_rows(&np, st, sql_projects, scope);
	if (!rc)
		rc = count_rows(&ne, st, sql_events, scope);
	if (!rc)
		rc = count_rows(&nf, st, sql_funds, scope);
	if (!rc)
		rc = load_projects(out, st, scope, np);
	if (!rc)
		rc = load_events(out, st, scope, ne);
	if (!rc)
		rc = load_funds(out, st, scope, nf);
	int end = pb_store_snapshot(st, 0);
	if (!rc)
		rc = end;
	pb_buf_free(&pj);
	if (rc)
		pb_pipe_data_free(out);
	return rc;
}

void pb_pipe_data_free(pb_pipe_data *d)
{
	pb_strings_free(d->name, d->n);
	pb_strings_free(d->team, d->n);
	pb_strings_free(d->sector, d->n);
	pb_strings_free(d->origin, d->n);
	pb_strings_free(d->industry, d->n);
	pb_strings_free(d->park, d->n);
	free(d->project_id);
	free(d->park_id);
	free(d->enterprise_id);
	free(d->foreign_funded);
	free(d->generated);
	free(d->contract);
	free(d->planned);
	free(d->promised_output);
	free(d->promised_tax);
	free(d->land_needed);
	pb_strings_free(d->event_note, d->nevents);
	pb_strings_free(d->event_user, d->nevents);
	free(d->events);
	free(d->funds);
	memset(d, 0, sizeof(*d));
}
