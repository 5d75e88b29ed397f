/*
 * store_warn.c - the warnings table; see store_warn.h. Every statement is prepared and
 * every value bound; audit details that carry user text (a note) are built by SQLite's
 * json_object(), so the text is escaped by the database, not by hand.
 */
#include "store_warn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "month.h"
#include "store_internal.h"
#include "text.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* ---- saving a run ---------------------------------------------------------------------- */

/* A warning of the month as stored before the run. */
typedef struct stored {
	int64_t id, enterprise_id;
	int rule; /* pb_warn_rule, -1 for a key this version does not know */
	pb_warn_status status;
	int seen; /* fired again in this run */
} stored;

typedef struct stored_list {
	stored *items;
	size_t n, cap;
} stored_list;

static int by_key(const void *a, const void *b)
{
	const stored *x = a, *y = b;
	if (x->enterprise_id != y->enterprise_id)
		return x->enterprise_id < y->enterprise_id ? -1 : 1;
	return (x->rule > y->rule) - (x->rule < y->rule);
}

static int load_month(pb_store *st, int month, stored_list *out)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT id, enterprise_id, rule, status FROM warnings"
					       " WHERE month = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int(s, 1, month);
	int rc = 0, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->n == out->cap) {
			size_t cap = out->cap ? out->cap * 2 : 256;
			stored *ni = realloc(out->items, cap * sizeof(*ni));
			if (!ni) {
				rc = oom();
				break;
			}
			out->items = ni;
			out->cap = cap;
		}
		stored w = { .id = sqlite3_column_int64(s, 0), .enterprise_id = sqlite3_column_int64(s, 1),
			     /* -1 for a key this version does not know (a newer one wrote it): such
			      * a warning is left as it is */
			     .rule = pb_warn_rule_index((const char *)sqlite3_column_text(s, 2)) };
		/* the table's CHECK admits only the three statuses */
		pb_warn_status_parse(&w.status, (const char *)sqlite3_column_text(s, 3));
		out->items[out->n++] = w;
	}
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "warnings");
	pb_store_finalize(st, s);
	if (!rc && out->n)
		qsort(out->items, out->n, sizeof(*out->items), by_key);
	return rc;
}

static stored *find_stored(stored_list *l, int64_t enterprise_id, pb_warn_rule rule)
{
	stored key = { .enterprise_id = enterprise_id, .rule = (int)rule };
	if (l->n == 0)
		return NULL;
	return bsearch(&key, l->items, l->n, sizeof(*l->items), by_key);
}

/* The run's statements and the ids its audit entry lists. */
typedef struct save_ctx {
	pb_store *st;
	sqlite3_stmt *ins, *upd, *del;
	pb_buf figures, inserted, updated, removed;
	pb_warn_save_stats *stats;
} save_ctx;

static int append_id(pb_buf *b, int64_t id)
{
	char n[32];
	snprintf(n, sizeof(n), "%s%lld", b->len ? "," : "", (long long)id);
	return pb_buf_puts(b, n) ? oom() : 0;
}

static int step_done(save_ctx *x, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : pb_store_db_error(x->st, "warnings");
}

/* Insert a new warning, or bring a stored one's figures up to date. */
static int save_one(save_ctx *x, const pb_warning *w, stored *old)
{
	x->figures.len = 0;
	int rc = pb_warn_figures_json(&x->figures, w);
	if (rc)
		return rc;
	const char *rule = pb_warn_rule_get(w->rule)->key;
	if (!old) {
		sqlite3_bind_int64(x->ins, 1, w->enterprise_id);
		sqlite3_bind_text(x->ins, 2, rule, -1, SQLITE_STATIC);
		sqlite3_bind_int(x->ins, 3, w->month);
		sqlite3_bind_int(x->ins, 4, w->severity);
		sqlite3_bind_text(x->ins, 5, x->figures.p, (int)x->figures.len, SQLITE_STATIC);
		sqlite3_bind_text(x->ins, 6, w->message, -1, SQLITE_STATIC);
		if ((rc = step_done(x, x->ins)))
			return rc;
		x->stats->inserted++;
		x->stats->status[PB_WS_OPEN]++;
		return append_id(&x->inserted, sqlite3_last_insert_rowid(pb_store_sqlite(x->st)));
	}
	old->seen = 1;
	x->stats->status[old->status]++;
	sqlite3_bind_int64(x->upd, 1, old->id);
	sqlite3_bind_int(x->upd, 2, w->severity);
	sqlite3_bind_text(x->upd, 3, x->figures.p, (int)x->figures.len, SQLITE_STATIC);
	sqlite3_bind_text(x->upd, 4, w->message, -1, SQLITE_STATIC);
	if ((rc = step_done(x, x->upd)))
		return rc;
	if (sqlite3_changes(pb_store_sqlite(x->st)) == 0) {
		x->stats->unchanged++;
		return 0;
	}
	x->stats->updated++;
	return append_id(&x->updated, old->id);
}

/* A stored warning of a rule that ran and did not fire again. */
static int sweep_one(save_ctx *x, const stored *old)
{
	if (old->status != PB_WS_OPEN) {
		x->stats->kept++;
		x->stats->status[old->status]++;
		return 0;
	}
	sqlite3_bind_int64(x->del, 1, old->id);
	int rc = step_done(x, x->del);
	if (rc)
		return rc;
	x->stats->removed++;
	char item[128];
	snprintf(item, sizeof(item), "%s{\"id\":%lld,\"enterprise_id\":%lld,\"rule\":\"%s\"}",
		 x->removed.len ? "," : "", (long long)old->id, (long long)old->enterprise_id,
		 pb_warn_rule_get((pb_warn_rule)old->rule)->key);
	return pb_buf_puts(&x->removed, item) ? oom() : 0;
}

static int audit_run(save_ctx *x, const pb_warn_list *list, const char *user)
{
	const pb_warn_save_stats *s = x->stats;
	char mon[8], head[512];
	pb_month_format(list->month, mon);
	snprintf(head, sizeof(head),
		 "{\"month\":\"%s\",\"inserted\":%lld,\"updated\":%lld,\"unchanged\":%lld,"
		 "\"removed\":%lld,\"kept\":%lld,\"rules\":[", mon, (long long)s->inserted,
		 (long long)s->updated, (long long)s->unchanged, (long long)s->removed, (long long)s->kept);
	pb_buf d = { 0 };
	pb_buf_puts(&d, head);
	for (int r = 0, n = 0; r < PB_WR_COUNT; r++)
		if (list->rules & (1u << r)) {
			pb_buf_puts(&d, n++ ? ",\"" : "\"");
			pb_buf_puts(&d, pb_warn_rule_get((pb_warn_rule)r)->key);
			pb_buf_puts(&d, "\"");
		}
	pb_buf_puts(&d, "],\"inserted_ids\":[");
	pb_buf_add(&d, x->inserted.p ? x->inserted.p : "", x->inserted.len);
	pb_buf_puts(&d, "],\"updated_ids\":[");
	pb_buf_add(&d, x->updated.p ? x->updated.p : "", x->updated.len);
	pb_buf_puts(&d, "],\"removed_warnings\":[");
	pb_buf_add(&d, x->removed.p ? x->removed.p : "", x->removed.len);
	pb_buf_puts(&d, "]}");
	int rc = d.oom ? oom() : pb_store_audit(x->st, user, "warnings.run", "warnings", d.p);
	pb_buf_free(&d);
	return rc;
}

static int save_all(save_ctx *x, const pb_warn_list *list, stored_list *old)
{
	int rc = 0;
	for (size_t i = 0; i < list->n && !rc; i++) {
		const pb_warning *w = &list->items[i];
		rc = save_one(x, w, find_stored(old, w->enterprise_id, w->rule));
	}
	for (size_t i = 0; i < old->n && !rc; i++) {
		const stored *o = &old->items[i];
		if (o->seen)
			continue;
		if (o->rule >= 0 && (list->rules & (1u << o->rule)))
			rc = sweep_one(x, o);
		else
			x->stats->status[o->status]++; /* a rule that did not run: untouched */
	}
	return rc;
}

int pb_store_warn_save(pb_warn_save_stats *stats, pb_store *st, const pb_warn_list *list,
		       const char *user)
{
	memset(stats, 0, sizeof(*stats));
	save_ctx x = { .st = st, .stats = stats };
	stored_list old = { 0 };
	int rc = pb_store_begin(st);
	if (rc)
		return rc;
	rc = load_month(st, list->month, &old);
	if (!rc && (!(x.ins = pb_store_prepare(st, "INSERT INTO warnings (enterprise_id, rule, month,"
					       " severity, figures, message) VALUES (?, ?, ?, ?, ?, ?)")) ||
		    !(x.upd = pb_store_prepare(st, "UPDATE warnings SET severity = ?2, figures = ?3,"
					       " message = ?4, updated_at = " NOW " WHERE id = ?1 AND"
					       " (severity IS NOT ?2 OR figures IS NOT ?3 OR message IS"
					       " NOT ?4)")) ||
		    !(x.del = pb_store_prepare(st, "DELETE FROM warnings WHERE id = ?"))))
		rc = PB_ESTORE;
	if (!rc)
		rc = save_all(&x, list, &old);
	if (!rc)
		rc = audit_run(&x, list, user);
	pb_store_finalize(st, x.ins);
	pb_store_finalize(st, x.upd);
	pb_store_finalize(st, x.del);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc) {
		pb_store_rollback(st);
		memset(stats, 0, sizeof(*stats));
	}
	free(old.items);
	pb_buf_free(&x.figures);
	pb_buf_free(&x.inserted);
	pb_buf_free(&x.updated);
	pb_buf_free(&x.removed);
	return rc;
}

/* ---- the list ----------------------------------------------------------------------------- */

static void record_free(pb_warn_record *r)
{
	char **texts[] = { &r->uscc, &r->name, &r->rule, &r->figures, &r->message, &r->raised_at,
			   &r->updated_at, &r->acked_by, &r->acked_at, &r->ack_note, &r->closed_by,
			   &r->closed_at, &r->close_note };
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		free(*texts[i]);
}

void pb_warn_records_free(pb_warn_records *r)
{
	for (size_t i = 0; i < r->n; i++)
		record_free(&r->items[i]);
	free(r->items);
	memset(r, 0, sizeof(*r));
}

static int read_record(sqlite3_stmt *s, pb_warn_record *r)
{
	int failed = 0;
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(s, 0);
	r->enterprise_id = sqlite3_column_int64(s, 1);
	r->uscc = pb_store_column_dup(s, 2, &failed);
	r->name = pb_store_column_dup(s, 3, &failed);
	r->rule = pb_store_column_dup(s, 4, &failed);
	r->month = sqlite3_column_int(s, 5);
	r->severity = sqlite3_column_int(s, 6);
	r->figures = pb_store_column_dup(s, 7, &failed);
	r->message = pb_store_column_dup(s, 8, &failed);
	pb_warn_status_parse(&r->status, (const char *)sqlite3_column_text(s, 9));
	r->raised_at = pb_store_column_dup(s, 10, &failed);
	r->updated_at = pb_store_column_dup(s, 11, &failed);
	r->acked_by = pb_store_column_dup(s, 12, &failed);
	r->acked_at = pb_store_column_dup(s, 13, &failed);
	r->ack_note = pb_store_column_dup(s, 14, &failed);
	r->closed_by = pb_store_column_dup(s, 15, &failed);
	r->closed_at = pb_store_column_dup(s, 16, &failed);
	r->close_note = pb_store_column_dup(s, 17, &failed);
	if (failed) {
		record_free(r);
		return oom();
	}
	return 0;
}

static int push_record(pb_warn_records *out, sqlite3_stmt *s)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		pb_warn_record *ni = realloc(out->items, cap * sizeof(*ni));
		if (!ni)
			return oom();
		out->items = ni;
		out->cap = cap;
	}
	int rc = read_record(s, &out->items[out->n]);
	if (!rc)
		out->n++;
	return rc;
}

int pb_store_warn_list(pb_warn_records *out, pb_store *st, const pb_warn_filter *f)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = pb_store_prepare(st,
		"SELECT w.id, w.enterprise_id, e.uscc, e.name, w.rule, w.month, w.severity, w.figures,"
		" w.message, w.status, w.raised_at, w.updated_at, w.acked_by, w.acked_at, w.ack_note,"
		" w.closed_by, w.closed_at, w.close_note"
		" FROM warnings w JOIN enterprises e ON e.id = w.enterprise_id"
		" WHERE w.status IN (?1, ?7, ?8) AND (?2 IS NULL OR w.month = ?2)"
		" AND (?3 IS NULL OR w.enterprise_id = ?3) AND (?4 IS NULL OR e.uscc = ?4)"
		" AND (?5 IS NULL OR w.rule = ?5) AND (?6 IS NULL OR w.id = ?6)"
		" AND (?9 IS NULL OR e.park_id IN (SELECT value FROM json_each(?9)))"
		" ORDER BY w.month DESC, w.severity DESC, w.id");
	if (!s)
		return PB_ESTORE;
	/* the statuses asked for, in three slots; a slot left NULL matches nothing */
	static const int slot[PB_WS_COUNT] = { 1, 7, 8 };
	for (int i = 0; i < PB_WS_COUNT; i++)
		if (!f->statuses || (f->statuses & (1u << i)))
			sqlite3_bind_text(s, slot[i], pb_warn_status_key((pb_warn_status)i), -1, SQLITE_STATIC);
	if (f->month)
		sqlite3_bind_int(s, 2, f->month);
	if (f->enterprise_id)
		sqlite3_bind_int64(s, 3, f->enterprise_id);
	bind_text_or_null(s, 4, f->uscc);
	bind_text_or_null(s, 5, f->rule);
	if (f->id)
		sqlite3_bind_int64(s, 6, f->id);
	pb_buf parks = { 0 };
	if (f->nparks && pb_store_ids_json(&parks, f->parks, f->nparks))
		sqlite3_bind_text(s, 9, parks.p, -1, SQLITE_TRANSIENT);
	int rc = f->nparks && parks.oom ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory") : 0;
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = push_record(out, s);
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, "warnings");
	pb_store_finalize(st, s);
	pb_buf_free(&parks);
	return rc;
}

/* ---- the follow-up --------------------------------------------------------------------- */

/* The text with blanks trimmed, copied (NULL for blank text; *failed on no memory). */
static char *trimmed(const char *s, int *failed)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	pb_text_trim(&s, &len);
	if (len == 0)
		return NULL;
	char *d = strndup(s, len);
	if (!d)
		*failed = 1;
	return d;
}

static int current_status(pb_store *st, int64_t id, pb_warn_status *out)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT status FROM warnings WHERE id = ?");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s), rc = 0;
	if (step == SQLITE_ROW)
		pb_warn_status_parse(out, (const char *)sqlite3_column_text(s, 0));
	else if (step == SQLITE_DONE)
		rc = pb_error_set(PB_ENOTFOUND, "预警 #%lld 不存在 / no warning #%lld", (long long)id,
				  (long long)id);
	else
		rc = pb_store_db_error(st, "warnings");
	pb_store_finalize(st, s);
	return rc;
}

static int wrong_transition(int64_t id, pb_warn_status from, pb_warn_status to)
{
	if (to == PB_WS_ACKNOWLEDGED)
		return pb_error_set(PB_EINVAL, "预警 #%lld 当前为「%s」，只有未处理的预警可以签收 / warning "
				    "#%lld is %s: only an open warning can be acknowledged", (long long)id,
				    pb_warn_status_name(from), (long long)id, pb_warn_status_key(from));
	return pb_error_set(PB_EINVAL, "预警 #%lld 已办结，不能再次办结 / warning #%lld is already closed",
			    (long long)id, (long long)id);
}

/* Set the new status with who, when and the note, in one statement per step. */
static int write_transition(pb_store *st, int64_t id, pb_warn_status to, const char *user,
			    const char *note)
{
	sqlite3_stmt *s = pb_store_prepare(st, to == PB_WS_ACKNOWLEDGED
		? "UPDATE warnings SET status = 'acknowledged', acked_by = ?2, acked_at = " NOW
		  ", ack_note = ?3 WHERE id = ?1"
		: "UPDATE warnings SET status = 'closed', closed_by = ?2, closed_at = " NOW
		  ", close_note = ?3 WHERE id = ?1");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, user, -1, SQLITE_STATIC);
	bind_text_or_null(s, 3, note);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, "warnings");
	pb_store_finalize(st, s);
	return rc;
}

static int audit_transition(pb_store *st, int64_t id, pb_warn_status from, pb_warn_status to,
			    const char *user, const char *note)
{
	sqlite3_stmt *s = pb_store_prepare(st, "SELECT json_object('id', ?1, 'from', ?2, 'to', ?3,"
					       " 'note', ?4)");
	if (!s)
		return PB_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, pb_warn_status_key(from), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, pb_warn_status_key(to), -1, SQLITE_STATIC);
	bind_text_or_null(s, 4, note);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "json_object");
	if (!rc)
		rc = pb_store_audit(st, user, to == PB_WS_ACKNOWLEDGED ? "warnings.ack" : "warnings.close",
				    "warnings", (const char *)sqlite3_column_text(s, 0));
	pb_store_finalize(st, s);
	return rc;
}

static int transition(pb_store *st, int64_t id, pb_warn_status to, const char *user_in,
		      const char *note_in)
{
	int failed = 0;
	char *user = trimmed(user_in, &failed), *note = trimmed(note_in, &failed);
	int rc = failed ? oom() : 0;
	if (!rc && !user)
		rc = pb_error_set(PB_EINVAL, "须注明操作人 / the user must be named");
	if (!rc && to == PB_WS_CLOSED && !note)
		rc = pb_error_set(PB_EINVAL, "办结须填写处理说明（走访情况、一企一策措施）/ closing a warning "
				  "needs a note: the follow-up visit and the measures taken");
	pb_warn_status from = PB_WS_OPEN;
	int began = 0;
	if (!rc && !(rc = pb_store_begin(st)))
		began = 1;
	if (!rc)
		rc = current_status(st, id, &from);
	if (!rc && (from == PB_WS_CLOSED || (to == PB_WS_ACKNOWLEDGED && from != PB_WS_OPEN)))
		rc = wrong_transition(id, from, to);
	if (!rc)
		rc = write_transition(st, id, to, user, note);
	if (!rc)
		rc = audit_transition(st, id, from, to, user, note);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc && began)
		pb_store_rollback(st);
	free(user);
	free(note);
	return rc;
}

int pb_store_warn_ack(pb_store *st, int64_t id, const char *user, const char *note)
{
	return transition(st, id, PB_WS_ACKNOWLEDGED, user, note);
}

int pb_store_warn_close(pb_store *st, int64_t id, const char *user, const char *note)
{
	return transition(st, id, PB_WS_CLOSED, user, note);
}
