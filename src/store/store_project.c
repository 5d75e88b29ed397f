/*
 * store_project.c - the projects one at a time; see store_project.h.
 *
 * The stage a project holds is never stored: it is its events replayed (pb_pipe_replay),
 * here as everywhere, so that the list, a project's page and the period's figures can
 * never disagree. The list therefore reads the filter's projects and their events and
 * filters by stage after the replay.
 */
#include "store_project.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "month.h"
#include "pipeline_comply.h"
#include "store_internal.h"
#include "store_pipeline.h"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_real_or_null(sqlite3_stmt *s, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_double(s, i, v);
}

static void bind_id_or_null(sqlite3_stmt *s, int i, int64_t v)
{
	if (v > 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

/* The stage a replayed project holds now. */
static int held(const pb_pipe_state *s)
{
	return s->dropped ? PB_STAGE_DROPPED : s->line;
}

/* ---- the list ------------------------------------------------------------------------ */

#define LIST_WHERE \
	" WHERE (?1 IS NULL OR j.park_id IN (SELECT value FROM json_each(?1)))" \
	" AND (?2 = 0 OR j.park_id = ?2) AND (?3 IS NULL OR j.team = ?3)" \
	" AND (?4 IS NULL OR instr(j.name, ?4) > 0 OR instr(coalesce(j.investor, ''), ?4) > 0)" \
	" AND (?5 < 0 OR j.generated = ?5)"

static const char *const sql_list =
	"SELECT j.id, j.name, j.investor, j.team, j.sector, p.name, coalesce(j.park_id, 0),"
	" j.contract_value, j.planned_investment, j.generated"
	" FROM projects j LEFT JOIN parks p ON p.id = j.park_id" LIST_WHERE " ORDER BY j.id";

static const char *const sql_list_events =
	"SELECT s.project_id, s.stage, s.date FROM project_stages s"
	" JOIN projects j ON j.id = s.project_id" LIST_WHERE
	" ORDER BY s.project_id, s.date, s.rowid";

static sqlite3_stmt *list_stmt(pb_store *st, const char *sql, const pb_project_filter *f,
			       const char *parks)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return NULL;
	if (parks)
		sqlite3_bind_text(s, 1, parks, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, f->park_id);
	bind_text_or_null(s, 3, f->team);
	bind_text_or_null(s, 4, f->q);
	sqlite3_bind_int(s, 5, f->generated);
	return s;
}

static void row_free(pb_project_row *r)
{
	free(r->name);
	free(r->investor);
	free(r->team);
	free(r->sector);
	free(r->park);
}

void pb_project_page_free(pb_project_page *p)
{
	for (size_t i = 0; i < p->n; i++)
		row_free(&p->rows[i]);
	free(p->rows);
	memset(p, 0, sizeof(*p));
}

static int read_rows(pb_project_page *out, pb_store *st, const pb_project_filter *f,
		     const char *parks)
{
	sqlite3_stmt *s = list_stmt(st, sql_list, f, parks);
	if (!s)
		return PB_ESTORE;
	size_t cap = 0;
	int rc = 0, failed = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		void *g = pb_store_grow(out->rows, &cap, out->n, sizeof(*out->rows));
		if (!g) {
			rc = oom();
			break;
		}
		out->rows = g;
		pb_project_row *r = &out->rows[out->n++];
		memset(r, 0, sizeof(*r));
		r->id = sqlite3_column_int64(s, 0);
		r->name = pb_store_column_dup(s, 1, &failed);
		r->investor = pb_store_column_dup(s, 2, &failed);
		r->team = pb_store_column_dup(s, 3, &failed);
		r->sector = pb_store_column_dup(s, 4, &failed);
		r->park = pb_store_column_dup(s, 5, &failed);
		r->park_id = sqlite3_column_int64(s, 6);
		r->contract_value = pb_store_column_real(s, 7);
		r->planned_investment = pb_store_column_real(s, 8);
		r->generated = sqlite3_column_int(s, 9);
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取招商项目");
	pb_store_finalize(st, s);
	return rc;
}

/* The index of project `id` among rows[0..n) (ascending ids), or n. */
static size_t row_find(const pb_project_row *rows, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && rows[lo].id == id ? lo : n;
}

/* The events of the listed projects, replayed into state[0..out->n). */
static int replay_rows(pb_pipe_state *state, pb_project_page *out, pb_store *st,
		       const pb_project_filter *f, const char *parks)
{
	sqlite3_stmt *s = list_stmt(st, sql_list_events, f, parks);
	if (!s)
		return PB_ESTORE;
	pb_pipe_event *ev = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		size_t p = row_find(out->rows, out->n, sqlite3_column_int64(s, 0));
		if (p == out->n)
			continue; /* cannot happen: both statements have the same filter */
		void *g = pb_store_grow(ev, &cap, n, sizeof(*ev));
		if (!g) {
			rc = oom();
			break;
		}
		ev = g;
		ev[n] = (pb_pipe_event){ .project = (uint32_t)p, .stage = sqlite3_column_int(s, 1),
					 .date = sqlite3_column_int(s, 2) };
		if (ev[n].date > out->rows[p].last_date)
			out->rows[p].last_date = ev[n].date;
		n++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取项目阶段");
	pb_store_finalize(st, s);
	if (!rc)
		rc = pb_pipe_replay(state, out->n, ev, n);
	free(ev);
	return rc;
}

int pb_store_project_list(pb_project_page *out, pb_store *st, const pb_project_filter *f)
{
	memset(out, 0, sizeof(*out));
	pb_buf pj = { 0 };
	const char *parks = pb_store_ids_json(&pj, f->parks, f->nparks);
	if (f->nparks && !parks) {
		pb_buf_free(&pj);
		return oom();
	}
	/* the rows and their events of one state of the database */
	int rc = pb_store_snapshot(st, 1);
	if (rc) {
		pb_buf_free(&pj);
		return rc;
	}
	rc = read_rows(out, st, f, parks);
	pb_pipe_state *state = NULL;
	if (!rc && !(state = calloc(out->n ? out->n : 1, sizeof(*state))))
		rc = oom();
	if (!rc)
		rc = replay_rows(state, out, st, f, parks);
	int end = pb_store_snapshot(st, 0);
	if (!rc)
		rc = end;
	pb_buf_free(&pj);
	if (rc) {
		free(state);
		pb_project_page_free(out);
		return rc;
	}
	/* filter by the stage held, and keep the page's rows only */
	size_t kept = 0, matched = 0;
	for (size_t i = 0; i < out->n; i++) {
		pb_project_row *r = &out->rows[i];
		r->stage = held(&state[i]);
		r->since = r->stage != PB_STAGE_NONE ? state[i].date[r->stage] : 0;
		int match = f->stage == PB_STAGE_NONE || r->stage == f->stage;
		int in_page = match && matched >= f->offset && (!f->limit || matched - f->offset < f->limit);
		matched += match;
		if (in_page)
			out->rows[kept++] = *r;
		else
			row_free(r);
	}
	out->n = kept;
	out->total = matched;
	free(state);
	return 0;
}

/* ---- one project --------------------------------------------------------------------- */

static const char *const sql_get =
	"SELECT j.id, j.name, j.investor, j.origin, j.industry, j.sector, j.team, j.chain,"
	" j.chain_node, j.note, j.foreign_funded, coalesce(j.park_id, 0), p.name,"
	" coalesce(j.enterprise_id, 0), e.uscc, e.name, j.planned_investment, j.contract_value,"
	" j.promised_output, j.promised_tax, j.land_needed, j.generated"
	" FROM projects j LEFT JOIN parks p ON p.id = j.park_id"
	" LEFT JOIN enterprises e ON e.id = j.enterprise_id WHERE j.id = ?1";

/* Who recorded an event and when: a move names its user, an imported row has its
 * import's; the time is the row's own (set on insert, migration 6). */
static const char *const sql_get_events =
	"SELECT s.stage, s.date, s.note, coalesce(s.user_name, i.user_name),"
	" coalesce(s.import_id, 0), s.recorded_at"
	" FROM project_stages s LEFT JOIN imports i ON i.id = s.import_id"
	" WHERE s.project_id = ?1 ORDER BY s.date, s.rowid";

static const char *const sql_get_funds =
	"SELECT month, fixed, working, note FROM project_funds WHERE project_id = ?1 ORDER BY month";

static int read_project(pb_project_record *r, pb_store *st, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql_get);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0, failed = 0;
	if (step == SQLITE_ROW) {
		r->id = sqlite3_column_int64(s, 0);
		char **text[] = { &r->name, &r->investor, &r->origin, &r->industry, &r->sector,
				  &r->team, &r->chain, &r->chain_node, &r->note };
		for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++)
			*text[k] = pb_store_column_dup(s, 1 + (int)k, &failed);
		r->foreign_funded = sqlite3_column_type(s, 10) == SQLITE_NULL
					    ? PB_INT_MISSING : sqlite3_column_int64(s, 10);
		r->park_id = sqlite3_column_int64(s, 11);
		r->park = pb_store_column_dup(s, 12, &failed);
		r->enterprise_id = sqlite3_column_int64(s, 13);
		r->enterprise_uscc = pb_store_column_dup(s, 14, &failed);
		r->enterprise_name = pb_store_column_dup(s, 15, &failed);
		r->planned_investment = pb_store_column_real(s, 16);
		r->contract_value = pb_store_column_real(s, 17);
		r->promised_output = pb_store_column_real(s, 18);
		r->promised_tax = pb_store_column_real(s, 19);
		r->land_needed = pb_store_column_real(s, 20);
		r->generated = sqlite3_column_int(s, 21);
		rc = failed ? oom() : 0;
	} else if (step == SQLITE_DONE) {
		rc = pb_error_set(PB_ENOTFOUND, "没有编号为 %lld 的招商项目 / no project #%lld",
				  (long long)id, (long long)id);
	} else {
		rc = pb_store_db_error(st, "读取招商项目");
	}
	pb_store_finalize(st, s);
	return rc;
}

static int read_events(pb_project_record *r, pb_store *st)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql_get_events);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, r->id);
	size_t cap = 0;
	int rc = 0, failed = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		void *g = pb_store_grow(r->events, &cap, r->nevents, sizeof(*r->events));
		if (!g) {
			rc = oom();
			break;
		}
		r->events = g;
		pb_project_event *e = &r->events[r->nevents++];
		memset(e, 0, sizeof(*e));
		e->stage = sqlite3_column_int(s, 0);
		e->date = sqlite3_column_int(s, 1);
		e->note = pb_store_column_dup(s, 2, &failed);
		e->user = pb_store_column_dup(s, 3, &failed);
		e->import_id = sqlite3_column_int64(s, 4);
		e->recorded_at = pb_store_column_dup(s, 5, &failed);
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取项目阶段");
	pb_store_finalize(st, s);
	return rc;
}

static int read_funds(pb_project_record *r, pb_store *st)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql_get_funds);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, r->id);
	size_t cap = 0;
	int rc = 0, failed = 0, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		void *g = pb_store_grow(r->funds, &cap, r->nfunds, sizeof(*r->funds));
		if (!g) {
			rc = oom();
			break;
		}
		r->funds = g;
		r->funds[r->nfunds++] = (pb_project_fund){
			.project_id = r->id, .month = sqlite3_column_int(s, 0),
			.fixed = pb_store_column_real(s, 1), .working = pb_store_column_real(s, 2),
			.note = pb_store_column_dup(s, 3, &failed) };
		if (failed)
			rc = oom();
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取到位资金");
	pb_store_finalize(st, s);
	return rc;
}

/* The zone's latest month and the linked enterprise's output and tax over the 12 months
 * to it: what 履约 measures the promise against. */
static int read_actuals(pb_project_record *r, pb_store *st)
{
	/* the latest month by one primary-key seek per enterprise: max(month) over the table
	 * scans it (its key leads with the enterprise), a third of a project's page */
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT coalesce(max((SELECT max(r.month) FROM"
					   " monthly_reports r WHERE r.enterprise_id = e.id)), 0)"
					   " FROM enterprises e");
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取月报");
	r->actual_month = rc ? 0 : sqlite3_column_int(s, 0);
	pb_store_finalize(st, s);
	if (rc || !r->actual_month || !r->enterprise_id)
		return rc;
	s = pb_store_prepare(st, "SELECT coalesce(sum(gross_output), 0), coalesce(sum(tax), 0)"
				 " FROM monthly_reports WHERE enterprise_id = ?1"
				 " AND month BETWEEN ?2 AND ?3");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, r->enterprise_id);
	sqlite3_bind_int(s, 2, pb_comply_window_start(r->actual_month) / 100);
	sqlite3_bind_int(s, 3, r->actual_month);
	rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取月报");
	if (!rc) {
		r->actual_output = sqlite3_column_double(s, 0);
		r->actual_tax = sqlite3_column_double(s, 1);
	}
	pb_store_finalize(st, s);
	return rc;
}

/* The linked enterprise's latest 亩均 result: the evaluation the project's promise (its
 * tax per 亩 of land) is measured against once it produces. */
static int read_mujun(pb_project_record *r, pb_store *st)
{
	r->mujun_year = 0;
	r->mujun_class[0] = 0;
	r->mujun_total = r->mujun_tax_per_mu = NAN;
	r->mujun_rank_zone = 0;
	if (!r->enterprise_id)
		return 0;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT year, class, total, rank_zone,"
					   " (SELECT json_extract(value, '$.value') FROM json_each(detail)"
					   "   WHERE json_extract(value, '$.key') = 'tax_per_mu')"
					   " FROM mujun_results WHERE enterprise_id = ?1"
					   " ORDER BY year DESC LIMIT 1");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, r->enterprise_id);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW) {
		r->mujun_year = sqlite3_column_int(s, 0);
		snprintf(r->mujun_class, sizeof(r->mujun_class), "%s",
			 (const char *)sqlite3_column_text(s, 1));
		r->mujun_total = pb_store_column_real(s, 2);
		r->mujun_rank_zone = sqlite3_column_int64(s, 3);
		r->mujun_tax_per_mu = pb_store_column_real(s, 4);
	} else if (step != SQLITE_DONE) {
		rc = pb_store_db_error(st, "读取亩均评价");
	}
	pb_store_finalize(st, s);
	return rc;
}

/* Replay the record's events (one project: index 0) with the move each made. */
static int replay_record(pb_project_record *r)
{
	size_t n = r->nevents;
	pb_pipe_event *ev = calloc(n ? n : 1, sizeof(*ev));
	pb_pipe_move *mv = calloc(n ? n : 1, sizeof(*mv));
	int rc = ev && mv ? 0 : oom();
	for (size_t i = 0; !rc && i < n; i++)
		ev[i] = (pb_pipe_event){ .project = 0, .stage = r->events[i].stage,
					 .date = r->events[i].date };
	if (!rc)
		rc = pb_pipe_replay_moves(&r->state, mv, 1, ev, n);
	for (size_t i = 0; !rc && i < n; i++)
		r->events[i].move = mv[i];
	if (!rc)
		r->stage = held(&r->state);
	free(ev);
	free(mv);
	return rc;
}

int pb_store_project_get(pb_project_record *out, pb_store *st, int64_t id)
{
	memset(out, 0, sizeof(*out));
	/* the project, its events and its funds of one state of the database */
	int rc = pb_store_snapshot(st, 1);
	if (rc)
		return rc;
	rc = read_project(out, st, id);
	if (!rc)
		rc = read_events(out, st);
	if (!rc)
		rc = read_funds(out, st);
	if (!rc)
		rc = read_actuals(out, st);
	if (!rc)
		rc = read_mujun(out, st);
	int end = pb_store_snapshot(st, 0);
	if (!rc)
		rc = end;
	if (!rc)
		rc = replay_record(out);
	return rc;
}

void pb_project_record_free(pb_project_record *r)
{
	char *text[] = { r->name, r->investor, r->origin, r->industry, r->sector, r->team,
			 r->chain, r->chain_node, r->note, r->park, r->enterprise_uscc,
			 r->enterprise_name };
	for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++)
		free(text[k]);
	for (size_t i = 0; i < r->nevents; i++) {
		free(r->events[i].note);
		free(r->events[i].user);
		free(r->events[i].recorded_at);
	}
	free(r->events);
	for (size_t i = 0; i < r->nfunds; i++)
		free((char *)r->funds[i].note);
	free(r->funds);
	memset(r, 0, sizeof(*r));
}

/* ---- changes ------------------------------------------------------------------------- */

static const char *const field_keys[PB_PF_COUNT] = {
	"name", "investor", "origin", "foreign_funded", "industry", "sector", "park_id", "team",
	"chain", "chain_node", "planned_investment", "contract_value", "promised_output",
	"promised_tax", "land_needed", "enterprise_id", "note",
};

const char *pb_project_field_key(int f)
{
	return f >= 0 && f < PB_PF_COUNT ? field_keys[f] : NULL;
}

/* End the transaction: commit when rc is 0, else roll back keeping rc's message. */
static int finish(pb_store *st, int rc)
{
	if (!rc)
		return pb_store_commit(st);
	char msg[512];
	snprintf(msg, sizeof(msg), "%s", pb_error_last());
	pb_store_rollback(st);
	return pb_error_set(rc, "%s", msg);
}

/* 1 when a row of `table` has id `id`. */
static int exists(int *found, pb_store *st, const char *sql, int64_t id)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s);
	*found = step == SQLITE_ROW;
	int rc = step == SQLITE_ROW || step == SQLITE_DONE ? 0 : pb_store_db_error(st, "读取");
	pb_store_finalize(st, s);
	return rc;
}

static int invalid(const char **field, const char *key, const char *zh, const char *en)
{
	if (field)
		*field = key;
	return pb_error_set(PB_EINVAL, "%s / %s", zh, en);
}

/* The checks of a project's fields that need no database. */
static int check_fields(const char **field, const pb_project *p, uint64_t mask)
{
	if (mask >> PB_PF_NAME & 1) {
		const char *n = p->name;
		while (n && (*n == ' ' || *n == '\t'))
			n++;
		if (!n || !*n)
			return invalid(field, "name", "项目名称不能为空", "a project needs a name");
	}
	if (mask >> PB_PF_FOREIGN & 1 && p->foreign_funded != PB_INT_MISSING &&
	    p->foreign_funded != 0 && p->foreign_funded != 1)
		return invalid(field, "foreign_funded", "内外资应为 0（内资）或 1（外资）",
			       "foreign_funded must be 0 (domestic) or 1 (foreign)");
	const struct { int bit; double v; } amounts[] = {
		{ PB_PF_PLANNED, p->planned_investment }, { PB_PF_CONTRACT, p->contract_value },
		{ PB_PF_OUTPUT, p->promised_output },     { PB_PF_TAX, p->promised_tax },
		{ PB_PF_LAND, p->land_needed },
	};
	for (size_t k = 0; k < sizeof(amounts) / sizeof(amounts[0]); k++)
		if (mask >> amounts[k].bit & 1 && !isnan(amounts[k].v) &&
		    (amounts[k].v < 0 || isinf(amounts[k].v)))
			return invalid(field, field_keys[amounts[k].bit], "金额与用地不能为负数",
				       "amounts and land cannot be negative");
	return 0;
}

/* The checks that do: the name free, the park and the enterprise there. */
static int check_refs(const char **field, pb_store *st, int64_t id, const pb_project *p,
		      uint64_t mask)
{
	int found, rc;
	if (mask >> PB_PF_NAME & 1) {
		sqlite3_stmt *s = pb_store_prepare(st, "SELECT id FROM projects WHERE name = ?1 AND id <> ?2");
		if (!s)
			return PB_ESTORE;
		sqlite3_bind_text(s, 1, p->name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, id);
		int step = sqlite3_step(s);
		pb_store_finalize(st, s);
		if (step == SQLITE_ROW)
			return invalid(field, "name", "已有同名的招商项目", "another project has this name");
		if (step != SQLITE_DONE)
			return pb_store_db_error(st, "读取招商项目");
	}
	if (mask >> PB_PF_PARK & 1 && p->park_id > 0) {
		if ((rc = exists(&found, st, "SELECT 1 FROM parks WHERE id = ?1", p->park_id)))
			return rc;
		if (!found)
			return invalid(field, "park_id", "没有该园区", "no such park");
	}
	if (mask >> PB_PF_ENTERPRISE & 1 && p->enterprise_id > 0) {
		if ((rc = exists(&found, st, "SELECT 1 FROM enterprises WHERE id = ?1", p->enterprise_id)))
			return rc;
		if (!found)
			return invalid(field, "enterprise_id", "没有该企业", "no such enterprise");
	}
	return 0;
}

/* Bind field f of p to parameter i. */
static void bind_field(sqlite3_stmt *s, int i, const pb_project *p, int f)
{
	switch (f) {
	case PB_PF_NAME: sqlite3_bind_text(s, i, p->name, -1, SQLITE_TRANSIENT); break;
	case PB_PF_INVESTOR: bind_text_or_null(s, i, p->investor); break;
	case PB_PF_ORIGIN: bind_text_or_null(s, i, p->origin); break;
	case PB_PF_FOREIGN:
		if (p->foreign_funded == PB_INT_MISSING)
			sqlite3_bind_null(s, i);
		else
			sqlite3_bind_int64(s, i, p->foreign_funded);
		break;
	case PB_PF_INDUSTRY: bind_text_or_null(s, i, p->industry); break;
	case PB_PF_SECTOR: bind_text_or_null(s, i, p->sector); break;
	case PB_PF_PARK: bind_id_or_null(s, i, p->park_id); break;
	case PB_PF_TEAM: bind_text_or_null(s, i, p->team); break;
	case PB_PF_CHAIN: bind_text_or_null(s, i, p->chain); break;
	case PB_PF_CHAIN_NODE: bind_text_or_null(s, i, p->chain_node); break;
	case PB_PF_PLANNED: bind_real_or_null(s, i, p->planned_investment); break;
	case PB_PF_CONTRACT: bind_real_or_null(s, i, p->contract_value); break;
	case PB_PF_OUTPUT: bind_real_or_null(s, i, p->promised_output); break;
	case PB_PF_TAX: bind_real_or_null(s, i, p->promised_tax); break;
	case PB_PF_LAND: bind_real_or_null(s, i, p->land_needed); break;
	case PB_PF_ENTERPRISE: bind_id_or_null(s, i, p->enterprise_id); break;
	case PB_PF_NOTE: bind_text_or_null(s, i, p->note); break;
	}
}

/* printf onto b (the statements' fixed column names and parameter numbers). */
static void putf(pb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(pb_buf *b, const char *fmt, ...)
{
	char t[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	pb_buf_puts(b, t);
}

/* The row of project `id` as a JSON object of the fields in `mask` (SQL's json_object),
 * into *out (malloc'd): the audit's "before". */
static int fields_json(char **out, pb_store *st, int64_t id, uint64_t mask)
{
	pb_buf b = { 0 };
	pb_buf_puts(&b, "SELECT json_object(");
	int first = 1;
	for (int f = 0; f < PB_PF_COUNT; f++) {
		if (!(mask >> f & 1))
			continue;
		putf(&b, "%s'%s', %s", first ? "" : ", ", field_keys[f], field_keys[f]);
		first = 0;
	}
	pb_buf_puts(&b, ") FROM projects WHERE id = ?1");
	if (b.oom) {
		pb_buf_free(&b);
		return oom();
	}
	sqlite3_stmt *s = pb_store_prepare(st, b.p);
	pb_buf_free(&b);
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取招商项目");
	if (!rc && !(*out = strdup((const char *)sqlite3_column_text(s, 0))))
		rc = oom();
	pb_store_finalize(st, s);
	return rc;
}

/* Insert or update the fields of `mask`: one statement built from the fixed column
 * names (never from input), every value bound. */
static int write_fields(int64_t *id, pb_store *st, const pb_project *p, uint64_t mask)
{
	pb_buf b = { 0 };
	int n = 0;
	if (!*id) {
		pb_buf_puts(&b, "INSERT INTO projects (");
		for (int f = 0; f < PB_PF_COUNT; f++)
			if (mask >> f & 1)
				putf(&b, "%s%s", n++ ? ", " : "", field_keys[f]);
		pb_buf_puts(&b, ") VALUES (");
		for (int i = 0; i < n; i++)
			putf(&b, "%s?%d", i ? ", " : "", i + 1);
		pb_buf_puts(&b, ")");
	} else {
		pb_buf_puts(&b, "UPDATE projects SET ");
		for (int f = 0; f < PB_PF_COUNT; f++)
			if (mask >> f & 1) {
				putf(&b, "%s%s = ?%d", n ? ", " : "", field_keys[f], n + 1);
				n++;
			}
		putf(&b, " WHERE id = ?%d", n + 1);
	}
	if (b.oom) {
		pb_buf_free(&b);
		return oom();
	}
	sqlite3_stmt *s = pb_store_prepare(st, b.p);
	pb_buf_free(&b);
	if (!s)
		return PB_ESTORE;
	int i = 1;
	for (int f = 0; f < PB_PF_COUNT; f++)
		if (mask >> f & 1)
			bind_field(s, i++, p, f);
	if (*id)
		sqlite3_bind_int64(s, i, *id);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "保存招商项目");
	pb_store_finalize(st, s);
	if (!rc && !*id)
		*id = sqlite3_last_insert_rowid(pb_store_sqlite(st));
	return rc;
}

static int audit_save(pb_store *st, int64_t id, const char *before, uint64_t mask,
		      const pb_project_actor *who)
{
	char *after = NULL;
	int rc = fields_json(&after, st, id, mask);
	if (rc)
		return rc;
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('project', ?1, 'fields', json(?2),"
					       " 'before', json(?3), 'ip', ?4)");
	if (!s) {
		free(after);
		return PB_ESTORE;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, after, -1, SQLITE_TRANSIENT);
	bind_text_or_null(s, 3, before);
	bind_text_or_null(s, 4, who->ip);
	rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, who->user, before ? "projects.update" : "projects.create",
				    "projects", (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	free(after);
	return rc;
}

int pb_store_project_save(int64_t *id_out, const char **field, pb_store *st, int64_t id,
			  const pb_project *p, uint64_t mask, const pb_project_actor *who)
{
	if (field)
		*field = NULL;
	mask &= (1ull << PB_PF_COUNT) - 1;
	if (!id && !(mask >> PB_PF_NAME & 1))
		return invalid(field, "name", "项目名称不能为空", "a project needs a name");
	if (!who || !who->user || !*who->user)
		return pb_error_set(PB_EINVAL, "缺少操作人 / no user");
	int rc = check_fields(field, p, mask);
	if (rc)
		return rc;
	if ((rc = pb_store_begin(st)))
		return rc;
	char *before = NULL;
	int found = 1;
	if (id && !(rc = exists(&found, st, "SELECT 1 FROM projects WHERE id = ?1", id)) && !found)
		rc = pb_error_set(PB_ENOTFOUND, "没有编号为 %lld 的招商项目 / no project #%lld",
				  (long long)id, (long long)id);
	if (!rc)
		rc = check_refs(field, st, id, p, mask);
	if (!rc && id && mask)
		rc = fields_json(&before, st, id, mask);
	int64_t nid = id;
	if (!rc && mask)
		rc = write_fields(&nid, st, p, mask);
	if (!rc && mask)
		rc = audit_save(st, nid, id ? before : NULL, mask, who);
	free(before);
	rc = finish(st, rc);
	if (!rc && id_out)
		*id_out = nid;
	return rc;
}

/* A project's history as a correction needs it: each event's row and whether it carries
 * a reason (n entries each, malloc'd). */
typedef struct history_extra {
	int64_t *rowid;
	uint8_t *noted;
} history_extra;

/* Project `id`'s stored events in replay order into *ev (n of them, malloc'd, free()
 * also after a failure) and its latest event's day into *last (0 none); with `x`, also
 * their rows and reasons (x's arrays free()d by the caller also after a failure);
 * PB_ENOTFOUND when there is no such project. */
static int load_events(pb_pipe_event **ev, size_t *n, int32_t *last, history_extra *x,
		       pb_store *st, int64_t id)
{
	*ev = NULL;
	*n = 0;
	*last = 0;
	if (x)
		*x = (history_extra){ NULL, NULL };
	int found, rc = exists(&found, st, "SELECT 1 FROM projects WHERE id = ?1", id);
	if (rc)
		return rc;
	if (!found)
		return pb_error_set(PB_ENOTFOUND, "没有编号为 %lld 的招商项目 / no project #%lld",
				    (long long)id, (long long)id);
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT stage, date, rowid,"
					       " coalesce(trim(note), '') <> '' FROM project_stages"
					       " WHERE project_id = ?1 ORDER BY date, rowid");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	size_t cap = 0, xcap = 0;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		void *g = pb_store_grow(*ev, &cap, *n, sizeof(**ev));
		if (g)
			*ev = g;
		if (g && x) {
			size_t c = xcap;
			void *r = pb_store_grow(x->rowid, &c, *n, sizeof(*x->rowid));
			if (r)
				x->rowid = r;
			void *t = r ? pb_store_grow(x->noted, &xcap, *n, sizeof(*x->noted)) : NULL;
			if (t)
				x->noted = t;
			g = t;
		}
		if (!g) {
			rc = oom();
			break;
		}
		if (x) {
			x->rowid[*n] = sqlite3_column_int64(s, 2);
			x->noted[*n] = (uint8_t)sqlite3_column_int(s, 3);
		}
		(*ev)[*n] = (pb_pipe_event){ .project = 0, .stage = sqlite3_column_int(s, 0),
					     .date = sqlite3_column_int(s, 1) };
		*last = (*ev)[*n].date;
		(*n)++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取项目阶段");
	pb_store_finalize(st, s);
	return rc;
}

/* Project `id`'s stored history replayed into *state, and its latest event's day (0
 * none); PB_ENOTFOUND when there is no such project. */
static int load_state(pb_pipe_state *state, int32_t *last, pb_store *st, int64_t id)
{
	pb_pipe_event *ev;
	size_t n;
	int rc = load_events(&ev, &n, last, NULL, st, id);
	if (!rc)
		rc = pb_pipe_replay(state, 1, ev, n);
	free(ev);
	return rc;
}

int pb_store_project_funds_hold(pb_store *st, int64_t id, const pb_pipe_state *after)
{
	/* the earliest month is the only one that can fail: the check is "from the
	 * signing month on" */
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT min(month) FROM project_funds"
					       " WHERE project_id = ?1");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0;
	if (step != SQLITE_ROW)
		rc = pb_store_db_error(st, "读取到位资金");
	else if (sqlite3_column_type(s, 0) != SQLITE_NULL &&
		 pb_pipe_fund_check(after, sqlite3_column_int(s, 0))) {
		char zh[600];
		const char *en;
		pb_error_split(zh, sizeof(zh), &en, pb_error_last());
		rc = pb_error_set(PB_EINVAL, "该项目已有到位资金，此变动后%s；合同解除请记为「终止」"
				  "（保留签约） / the project has funds in place, and after this "
				  "move %s; record a cancelled contract as dropped (it stays signed)",
				  zh, en);
	}
	pb_store_finalize(st, s);
	return rc;
}

static int check_move_date(pb_project_moved *out, int32_t date, int32_t last, int32_t today)
{
	char d[16], l[16];
	out->field = "date";
	if (!pb_date_valid(date))
		return pb_error_set(PB_EINVAL, "日期无效（应为 YYYY-MM-DD） / not a valid date (YYYY-MM-DD)");
	pb_date_format(date, d);
	if (date > today)
		return pb_error_set(PB_EINVAL, "日期 %s 晚于今天，不能预记阶段 / %s is in the future", d, d);
	if (date < last) {
		pb_date_format(last, l);
		return pb_error_set(PB_EINVAL, "日期 %s 早于该项目最近一次阶段变动（%s）；更正已记录的日期请用「更正日期」 / "
				    "%s is before the project's latest move (%s); correct a recorded day with a correction (PATCH …/stages)",
				    d, l, d, l);
	}
	out->field = NULL;
	return 0;
}

static int insert_event(int64_t *rowid, pb_store *st, int64_t id, int stage, int32_t date,
			const char *reason, const char *user)
{
	sqlite3_stmt *s = pb_store_prepare(st, "INSERT INTO project_stages (project_id, stage, date,"
					       " note, user_name) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, stage);
	sqlite3_bind_int(s, 3, date);
	bind_text_or_null(s, 4, reason);
	sqlite3_bind_text(s, 5, user, -1, SQLITE_TRANSIENT);
	int step = sqlite3_step(s), rc = 0;
	if ((step & 0xff) == SQLITE_CONSTRAINT)
		/* (project, stage, date) is the history's key: the project went back and forth
		 * within one day */
		rc = pb_error_set(PB_EINVAL, "该项目当天已记录过「%s」，请改日期 / the project already "
				  "reached %s on that day", pb_stage_name((pb_stage)stage),
				  pb_stage_key((pb_stage)stage));
	else if (step != SQLITE_DONE)
		rc = pb_store_db_error(st, "记录项目阶段");
	pb_store_finalize(st, s);
	*rowid = sqlite3_last_insert_rowid(pb_store_sqlite(st));
	return rc;
}

static int audit_move(pb_store *st, int64_t rowid, int64_t id, const pb_project_moved *m,
		      int32_t date, const char *reason, const pb_project_actor *who)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('event', ?1, 'project', ?2,"
					       " 'from', ?3, 'to', ?4, 'date', ?5, 'reason', ?6, 'ip', ?7)");
	if (!s)
		return PB_ESTORE;
	char d[16];
	pb_date_format(date, d);
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_int64(s, 2, id);
	bind_text_or_null(s, 3, pb_stage_key((pb_stage)m->from));
	sqlite3_bind_text(s, 4, pb_stage_key((pb_stage)m->to), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, d, -1, SQLITE_TRANSIENT);
	bind_text_or_null(s, 6, reason);
	bind_text_or_null(s, 7, who->ip);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, who->user, "projects.stage", "project_stages",
				    (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	return rc;
}

/* Whether the project's stored funds still hold once its events ev[0..n) are followed by
 * the move to `stage` on `date` (a step back or a reopening before 签约 un-signs it). */
static int funds_after_move(pb_store *st, int64_t id, const pb_pipe_event *ev, size_t n,
			    int stage, int32_t date)
{
	pb_pipe_event *all = malloc((n + 1) * sizeof(*all));
	if (!all)
		return oom();
	if (n)
		memcpy(all, ev, n * sizeof(*all));
	all[n] = (pb_pipe_event){ .project = 0, .stage = stage, .date = date };
	pb_pipe_state after;
	int rc = pb_pipe_replay(&after, 1, all, n + 1);
	free(all);
	return rc ? rc : pb_store_project_funds_hold(st, id, &after);
}

/* 1 when the text has a character other than a space. */
static int given(const char *s)
{
	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s && *s;
}

int pb_store_project_move(pb_project_moved *out, pb_store *st, int64_t id, int stage,
			  int32_t date, const char *reason, int32_t today,
			  const pb_project_actor *who)
{
	memset(out, 0, sizeof(*out));
	out->to = stage;
	if (!who || !who->user || !*who->user)
		return pb_error_set(PB_EINVAL, "缺少操作人 / no user");
	if (!given(reason))
		reason = NULL;
	int rc = pb_store_begin(st);
	if (rc)
		return rc;
	pb_pipe_state state;
	pb_pipe_event *ev = NULL;
	size_t n = 0;
	int32_t last = 0;
	int64_t rowid = 0;
	rc = load_events(&ev, &n, &last, NULL, st, id);
	if (!rc)
		rc = pb_pipe_replay(&state, 1, ev, n);
	if (!rc) {
		out->from = held(&state);
		out->kind = pb_pipe_move_kind(out->from, stage);
		if ((rc = pb_pipe_move_check(out->from, stage, reason != NULL)))
			out->field = out->kind >= PB_PM_SKIP && out->kind <= PB_PM_REOPEN ? "reason"
											 : "stage";
	}
	if (!rc)
		rc = check_move_date(out, date, last, today);
	if (!rc && (rc = funds_after_move(st, id, ev, n, stage, date)) == PB_EINVAL)
		out->field = "stage";
	free(ev);
	if (!rc && (rc = insert_event(&rowid, st, id, stage, date, reason, who->user)))
		out->field = "date";
	if (!rc)
		rc = audit_move(st, rowid, id, out, date, reason, who);
	return finish(st, rc);
}

/* ---- correcting a day ---------------------------------------------------------------- */

/* The events of a correction in replay order: day, then the row they were recorded in. */
typedef struct redated {
	pb_pipe_event ev;
	int64_t rowid;
	uint8_t noted;
} redated;

static int by_day_row(const void *a, const void *b)
{
	const redated *x = a, *y = b;
	if (x->ev.date != y->ev.date)
		return x->ev.date < y->ev.date ? -1 : 1;
	return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* 1 when a move of kind k needs a reason the event must carry (a skip does not: a
 * milestone sheet's history holds skips, and an import takes them). */
static int needs_reason(int k)
{
	return k == PB_PM_BACK || k == PB_PM_DROP || k == PB_PM_REOPEN;
}

/* The moves of events e[0..n) in *moves (malloc'd) after replaying them into *state. */
static int moves_of(pb_pipe_move **moves, pb_pipe_state *state, const redated *e, size_t n)
{
	pb_pipe_event *ev = malloc((n ? n : 1) * sizeof(*ev));
	*moves = malloc((n ? n : 1) * sizeof(**moves));
	int rc = ev && *moves ? 0 : oom();
	for (size_t i = 0; !rc && i < n; i++)
		ev[i] = e[i].ev;
	if (!rc)
		rc = pb_pipe_replay_moves(state, *moves, 1, ev, n);
	free(ev);
	return rc;
}

/* The move of the event with row `rowid` among e[0..n) and its moves m. */
static int move_of_row(const redated *e, const pb_pipe_move *m, size_t n, int64_t rowid)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].rowid == rowid)
			return m[i].kind;
	return PB_PM_BAD;
}

/* Whether the history e[0..n) (before the correction: its moves were `was`, of events
 * b[0..n)) holds once corrected: every move the correction changed is one a history may
 * hold. 0 with *state the corrected project, or PB_EINVAL naming the move. */
static int judge_redate(pb_pipe_state *state, const redated *b, const redated *e, size_t n)
{
	pb_pipe_move *was = NULL, *now = NULL;
	pb_pipe_state before;
	int rc = moves_of(&was, &before, b, n);
	if (!rc)
		rc = moves_of(&now, state, e, n);
	for (size_t i = 0; !rc && i < n; i++) {
		int k = now[i].kind;
		if (k == move_of_row(b, was, n, e[i].rowid))
			continue;
		int bad = k == PB_PM_SAME || k == PB_PM_BAD || (needs_reason(k) && !e[i].noted);
		if (!bad)
			continue;
		char d[16];
		pb_date_format(e[i].ev.date, d);
		const char *zh = k == PB_PM_SAME ? "重复了已处于的阶段"
			       : k == PB_PM_BAD  ? "使项目以「终止」开始"
						 : "成为须说明原因的变动，而该记录没有原因";
		const char *en = k == PB_PM_SAME ? "repeats the stage it held"
			       : k == PB_PM_BAD  ? "makes the project start as dropped"
						 : "becomes a move that needs a reason, and has none";
		rc = pb_error_set(PB_EINVAL, "更正后，%s 的「%s」%s / after the correction, %s on %s %s",
				  d, pb_stage_name((pb_stage)e[i].ev.stage), zh,
				  pb_stage_key((pb_stage)e[i].ev.stage), d, en);
	}
	free(was);
	free(now);
	return rc;
}

static int audit_redate(pb_store *st, int64_t id, int stage, int32_t from, int32_t to,
			const char *reason, const pb_project_actor *who)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('project', ?1, 'stage', ?2,"
					       " 'from', ?3, 'to', ?4, 'reason', ?5, 'ip', ?6)");
	if (!s)
		return PB_ESTORE;
	char f[16], t[16];
	pb_date_format(from, f);
	pb_date_format(to, t);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, pb_stage_key((pb_stage)stage), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, reason, -1, SQLITE_TRANSIENT);
	bind_text_or_null(s, 6, who->ip);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, who->user, "projects.redate", "project_stages",
				    (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	return rc;
}

static int update_day(pb_store *st, int64_t rowid, int32_t date)
{
	sqlite3_stmt *s = pb_store_prepare(st, "UPDATE project_stages SET date = ?2 WHERE rowid = ?1");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_int(s, 2, date);
	int step = sqlite3_step(s), rc = 0;
	/* (the key (project, stage, date) was checked against the history just read, in
	 * this transaction: a constraint failure here is the store's) */
	if (step != SQLITE_DONE)
		rc = pb_store_db_error(st, "更正阶段日期");
	pb_store_finalize(st, s);
	return rc;
}

/* The checks of a correction that need no history; out->field set on a refusal. */
static int check_redate_args(pb_project_moved *out, int32_t old_date, int32_t new_date,
			     const char *reason, int32_t today)
{
	out->field = "date";
	if (!pb_date_valid(old_date))
		return pb_error_set(PB_EINVAL, "原日期无效 / the recorded day is not a date");
	out->field = "new_date";
	if (!pb_date_valid(new_date))
		return pb_error_set(PB_EINVAL, "新日期无效（应为 YYYY-MM-DD） / the new day is not a date");
	if (new_date > today)
		return pb_error_set(PB_EINVAL, "新日期晚于今天 / the new day is in the future");
	if (new_date == old_date)
		return pb_error_set(PB_EINVAL, "新日期与原日期相同 / the new day is the recorded one");
	out->field = "reason";
	if (!given(reason))
		return pb_error_set(PB_EINVAL, "更正历史须说明原因 / correcting history needs a reason");
	out->field = NULL;
	return 0;
}

/* Project `id`'s history (rc 0) as events b (before) and e (corrected, in replay
 * order), n each, malloc'd; *rowid the corrected event's row. */
static int redated_history(redated **b, redated **e, size_t *n, int64_t *rowid,
			   pb_project_moved *out, pb_store *st, int64_t id, int stage,
			   int32_t old_date, int32_t new_date)
{
	pb_pipe_event *ev = NULL;
	history_extra x;
	int32_t last;
	*b = *e = NULL;
	int rc = load_events(&ev, n, &last, &x, st, id);
	if (!rc) {
		*b = malloc((*n ? *n : 1) * sizeof(**b));
		*e = malloc((*n ? *n : 1) * sizeof(**e));
		rc = *b && *e ? 0 : oom();
	}
	*rowid = 0;
	int taken = 0; /* the stage is recorded on the new day already */
	for (size_t i = 0; !rc && i < *n; i++) {
		(*b)[i] = (redated){ ev[i], x.rowid[i], x.noted[i] };
		if (ev[i].stage == stage && ev[i].date == old_date)
			*rowid = x.rowid[i];
		taken |= ev[i].stage == stage && ev[i].date == new_date;
	}
	free(ev);
	free(x.rowid);
	free(x.noted);
	if (!rc && !*rowid) {
		char d[16];
		pb_date_format(old_date, d);
		out->field = "date";
		rc = pb_error_set(PB_EINVAL, "该项目没有 %s 的「%s」记录 / the project has no %s "
				  "event on %s", d, pb_stage_name((pb_stage)stage),
				  pb_stage_key((pb_stage)stage), d);
	}
	if (!rc && taken) {
		out->field = "new_date";
		rc = pb_error_set(PB_EINVAL, "该项目在新日期已有「%s」记录 / the project already "
				  "reached %s on the new day", pb_stage_name((pb_stage)stage),
				  pb_stage_key((pb_stage)stage));
	}
	if (rc)
		return rc;
	memcpy(*e, *b, *n * sizeof(**e));
	for (size_t i = 0; i < *n; i++)
		if ((*e)[i].rowid == *rowid)
			(*e)[i].ev.date = new_date;
	qsort(*e, *n, sizeof(**e), by_day_row);
	return 0;
}

int pb_store_project_redate(pb_project_moved *out, pb_store *st, int64_t id, int stage,
			    int32_t old_date, int32_t new_date, const char *reason,
			    int32_t today, const pb_project_actor *who)
{
	memset(out, 0, sizeof(*out));
	out->from = out->to = stage;
	if (!who || !who->user || !*who->user)
		return pb_error_set(PB_EINVAL, "缺少操作人 / no user");
	out->field = "stage";
	if (stage <= PB_STAGE_NONE || stage >= PB_STAGE_COUNT)
		return pb_error_set(PB_EINVAL, "没有该阶段 / no such stage");
	int rc = check_redate_args(out, old_date, new_date, reason, today);
	if (rc)
		return rc;
	if ((rc = pb_store_begin(st)))
		return rc;
	redated *b = NULL, *e = NULL;
	size_t n = 0;
	int64_t rowid = 0;
	pb_pipe_state after;
	rc = redated_history(&b, &e, &n, &rowid, out, st, id, stage, old_date, new_date);
	if (!rc && (rc = judge_redate(&after, b, e, n)) == PB_EINVAL)
		out->field = "new_date";
	if (!rc && (rc = pb_store_project_funds_hold(st, id, &after)) == PB_EINVAL)
		out->field = "new_date";
	free(b);
	free(e);
	if (!rc)
		rc = update_day(st, rowid, new_date);
	if (!rc)
		rc = audit_redate(st, id, stage, old_date, new_date, reason, who);
	return finish(st, rc);
}

static int audit_fund(pb_store *st, int64_t id, int32_t month, double fixed, double working,
		      const char *before, const pb_project_actor *who)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('project', ?1, 'month', ?2,"
					       " 'fixed', ?3, 'working', ?4, 'before', json(?5), 'ip', ?6)");
	if (!s)
		return PB_ESTORE;
	char m[8];
	pb_month_format(month, m);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, m, -1, SQLITE_TRANSIENT);
	bind_real_or_null(s, 3, fixed);
	bind_real_or_null(s, 4, working);
	bind_text_or_null(s, 5, before);
	bind_text_or_null(s, 6, who->ip);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, who->user, "projects.funds", "project_funds",
				    (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	return rc;
}

/* The month's stored funds as JSON ({"fixed":…, "working":…}) into *out, NULL when none. */
static int fund_before(char **out, pb_store *st, int64_t id, int32_t month)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('fixed', fixed, 'working', working)"
					       " FROM project_funds WHERE project_id = ?1 AND month = ?2");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, month);
	int step = sqlite3_step(s), rc = 0;
	*out = NULL;
	if (step == SQLITE_ROW && !(*out = strdup((const char *)sqlite3_column_text(s, 0))))
		rc = oom();
	else if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "读取到位资金");
	pb_store_finalize(st, s);
	return rc;
}

int pb_store_project_fund(const char **field, pb_store *st, int64_t id, int32_t month,
			  double fixed, double working, const char *note,
			  const pb_project_actor *who)
{
	if (field)
		*field = NULL;
	if (!who || !who->user || !*who->user)
		return pb_error_set(PB_EINVAL, "缺少操作人 / no user");
	if (!pb_month_valid(month))
		return invalid(field, "month", "月份无效（应为 YYYY-MM）", "not a month (YYYY-MM)");
	if (!isnan(fixed) && (fixed < 0 || isinf(fixed)))
		return invalid(field, "fixed", "固定资产投资到位不能为负数", "fixed cannot be negative");
	if (!isnan(working) && (working < 0 || isinf(working)))
		return invalid(field, "working", "流动资金到位不能为负数", "working cannot be negative");
	if (isnan(fixed) && isnan(working))
		return invalid(field, "fixed", "请填写固定资产投资或流动资金到位额",
			       "give fixed or working (万元)");
	int rc = pb_store_begin(st);
	if (rc)
		return rc;
	pb_pipe_state state;
	int32_t last;
	char *before = NULL;
	rc = load_state(&state, &last, st, id);
	if (!rc && (rc = pb_pipe_fund_check(&state, month)) && field)
		*field = "month";
	if (!rc)
		rc = fund_before(&before, st, id, month);
	if (!rc) {
		sqlite3_stmt *s = pb_store_prepare(st,
			"INSERT INTO project_funds (project_id, month, fixed, working, note)"
			" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (project_id, month) DO UPDATE SET"
			" fixed = excluded.fixed, working = excluded.working, note = excluded.note,"
			" import_id = NULL");
		if (!s) {
			rc = PB_ESTORE;
		} else {
			sqlite3_bind_int64(s, 1, id);
			sqlite3_bind_int(s, 2, month);
			bind_real_or_null(s, 3, fixed);
			bind_real_or_null(s, 4, working);
			bind_text_or_null(s, 5, note);
			rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "记录到位资金");
			pb_store_finalize(st, s);
		}
	}
	if (!rc)
		rc = audit_fund(st, id, month, fixed, working, before, who);
	free(before);
	return finish(st, rc);
}

int pb_store_project_last_date(int32_t *date, pb_store *st, const int64_t *parks, size_t nparks)
{
	pb_buf pj = { 0 };
	const char *scope = pb_store_ids_json(&pj, parks, nparks);
	if (nparks && !scope) {
		pb_buf_free(&pj);
		return oom();
	}
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT coalesce(max(s.date), 0) FROM project_stages s"
					       " JOIN projects j ON j.id = s.project_id WHERE ?1 IS NULL"
					       " OR j.park_id IN (SELECT value FROM json_each(?1))");
	int rc = s ? 0 : PB_ESTORE;
	if (s && scope)
		sqlite3_bind_text(s, 1, scope, -1, SQLITE_TRANSIENT);
	if (s)
		rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "读取项目阶段");
	*date = rc ? 0 : sqlite3_column_int(s, 0);
	pb_store_finalize(st, s);
	pb_buf_free(&pj);
	return rc;
}
