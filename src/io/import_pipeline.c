/*
 * import_pipeline.c - the checks of a project-stages or project-funds file that need the
 * whole pipeline: whether each move had the reason it needed, and funds after signing.
 * See pb_import_pipeline_check in import_internal.h.
 *
 * A stage row cannot be judged alone: whether it skips a stage or steps back depends on
 * the project's other events, stored or in the same file. So the file's rows are kept as
 * they are read, and once the import has written them (inside its transaction) the
 * pipeline is loaded back, replayed, and each move into a row of the file is judged. A
 * dry run writes nothing: the file's rows are laid over the stored events the way the
 * write would (a row with a stored event's project, stage and day replaces its reason;
 * a new one comes after the stored events of its day).
 *
 * Funds already stored are judged again against the history the file leaves: a row that
 * steps a funded project back below 签约 (or takes it up again there) would leave its
 * 到位资金 before its signing, which a funds file may not do either; an error at that row
 * (pb_store_project_funds_hold says why, and that a cancelled contract is a 终止).
 *
 * A stage row dated after today, or funds of a month after this one, is an error, as a move
 * in the UI is (neither has happened yet).
 *
 * Why a skip without a reason is only a warning in a file while the UI refuses it: a
 * park's spreadsheet records the milestones (对接, 签约, 开工), not every stage, and
 * rejecting every such sheet would keep the history out of the system; a step back, a
 * drop or a reopening without a word is an error either way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "import_internal.h"
#include "month.h"
#include "pipeline.h"
#include "store_pipeline.h"
#include "store_project.h"

typedef struct pb_import_pipe_row {
	uint32_t rownum;
	int64_t project_id;
	int32_t stage, date;    /* a stage row; a fund row: stage 0, date = its month */
	char *note;             /* the reason given, NULL none */
} pb_import_pipe_row;

/* One event of the combined history: stored, from the file, or both. */
typedef struct merged {
	pb_pipe_event ev;
	size_t seq;             /* the order it was (or would be) recorded in */
	const pb_import_pipe_row *row; /* its file row, NULL when only stored */
	int has_reason;
} merged;

void pb_import_pipeline_note(pb_import_ctx *x, uint32_t rownum, const void *rec)
{
	if (x->pipe_oom)
		return;
	if (x->npipe == x->cap_pipe) {
		size_t cap = x->cap_pipe ? x->cap_pipe * 2 : 256;
		pb_import_pipe_row *r = realloc(x->pipe_rows, cap * sizeof(*r));
		if (!r) {
			x->pipe_oom = 1;
			return;
		}
		x->pipe_rows = r;
		x->cap_pipe = cap;
	}
	pb_import_pipe_row *r = &x->pipe_rows[x->npipe];
	if (x->kind->entity == PB_E_PROJECT_STAGE) {
		const pb_project_stage *s = rec;
		*r = (pb_import_pipe_row){ rownum, s->project_id, (int32_t)s->stage,
					   (int32_t)s->date, NULL };
		if (s->note && *s->note && !(r->note = strdup(s->note))) {
			x->pipe_oom = 1;
			return;
		}
	} else {
		const pb_project_fund *f = rec;
		*r = (pb_import_pipe_row){ rownum, f->project_id, 0, (int32_t)f->month, NULL };
	}
	x->npipe++;
}

void pb_import_pipeline_free(pb_import_ctx *x)
{
	for (size_t i = 0; i < x->npipe; i++)
		free(x->pipe_rows[i].note);
	free(x->pipe_rows);
	x->pipe_rows = NULL;
	x->npipe = x->cap_pipe = 0;
}

static int by_key(const void *a, const void *b)
{
	const pb_import_pipe_row *x = a, *y = b;
	if (x->project_id != y->project_id)
		return x->project_id < y->project_id ? -1 : 1;
	if (x->stage != y->stage)
		return x->stage < y->stage ? -1 : 1;
	return (x->date > y->date) - (x->date < y->date);
}

static int by_replay(const void *a, const void *b)
{
	const merged *x = a, *y = b;
	if (x->ev.project != y->ev.project)
		return x->ev.project < y->ev.project ? -1 : 1;
	if (x->ev.date != y->ev.date)
		return x->ev.date < y->ev.date ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The file row with the key of event e of project id `pid`, or NULL. */
static const pb_import_pipe_row *file_row(const pb_import_ctx *x, int64_t pid, const pb_pipe_event *e)
{
	pb_import_pipe_row k = { 0, pid, e->stage, e->date, NULL };
	return bsearch(&k, x->pipe_rows, x->npipe, sizeof(k), by_key);
}

/* The stored events and (in a dry run) the file's new ones, in replay order: *out. */
static int merge(merged **out, size_t *n, const pb_import_ctx *x, const pb_pipe_data *d,
		 int dry)
{
	size_t cap = d->nevents + (dry ? x->npipe : 0);
	merged *m = calloc(cap ? cap : 1, sizeof(*m));
	if (!m)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	size_t k = 0;
	/* which file rows a stored event stands for: marked through a parallel array */
	unsigned char *used = calloc(x->npipe ? x->npipe : 1, 1);
	if (!used) {
		free(m);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	/* whether the file has a 说明 column: without one, the write leaves a stored reason */
	int spec = pb_import_spec_of(x, "note");
	int note_col = spec >= 0 && x->spec_col[spec] >= 0;
	for (size_t i = 0; i < d->nevents; i++) {
		const pb_pipe_event *e = &d->events[i];
		const pb_import_pipe_row *r = file_row(x, d->project_id[e->project], e);
		const char *stored = d->event_note[i];
		int has_stored = stored && *stored;
		/* written: the store holds the outcome; a dry run: the file's reason wins */
		int reason = !dry || !r ? has_stored : (r->note != NULL || (!note_col && has_stored));
		m[k++] = (merged){ *e, i, r, reason };
		if (r)
			used[r - x->pipe_rows] = 1;
	}
	for (size_t j = 0; dry && j < x->npipe; j++) {
		const pb_import_pipe_row *r = &x->pipe_rows[j];
		size_t p = pb_pipe_data_find(d, r->project_id);
		if (used[j] || p == SIZE_MAX)
			continue;
		m[k++] = (merged){ { (uint32_t)p, r->stage, r->date }, d->nevents + r->rownum, r,
				   r->note != NULL };
	}
	free(used);
	qsort(m, k, sizeof(*m), by_replay);
	*out = m;
	*n = k;
	return 0;
}

/* 1 when m[i]'s project has its stage recorded on another day too, stored (m is grouped
 * by project): a row that may be meant as a corrected day, which a file cannot make. */
static int stored_other_day(const merged *m, size_t n, size_t i)
{
	for (size_t k = i; k-- > 0 && m[k].ev.project == m[i].ev.project;)
		if (m[k].ev.stage == m[i].ev.stage && m[k].ev.date != m[i].ev.date && !m[k].row)
			return 1;
	for (size_t k = i + 1; k < n && m[k].ev.project == m[i].ev.project; k++)
		if (m[k].ev.stage == m[i].ev.stage && m[k].ev.date != m[i].ev.date && !m[k].row)
			return 1;
	return 0;
}

/* Report move `mv` into event m[i] (of n) if it lacked what it needed. */
static void judge(pb_import_ctx *x, const merged *m, size_t n, size_t i, const pb_pipe_move *mv)
{
	int kind = mv->kind;
	int needs = kind == PB_PM_SKIP || kind == PB_PM_BACK || kind == PB_PM_DROP ||
		    kind == PB_PM_REOPEN;
	if ((needs && m[i].has_reason) || kind == PB_PM_OK)
		return;
	int spec = pb_import_spec_of(x, "stage");
	/* the message of pb_pipe_move_check names the two stages and what is missing */
	pb_pipe_move_check(mv->from, m[i].ev.stage, 0);
	char zh[600];
	const char *en;
	pb_error_split(zh, sizeof(zh), &en, pb_error_last());
	if (m[i].row) {
		pb_severity sev = kind == PB_PM_SKIP || kind == PB_PM_SAME ? PB_SEV_WARNING
									   : PB_SEV_ERROR;
		/* a new day for a stage already recorded is a new event, not a correction:
		 * say where a day is corrected */
		if (stored_other_day(m, n, i)) {
			size_t z = strlen(zh);
			snprintf(zh + z, sizeof(zh) - z, "。该项目另有此阶段的记录：如为更正日期，文件不会"
				 "替换原记录，请在项目页用「更正日期」");
			char e2[700];
			snprintf(e2, sizeof(e2), "%s. The project has this stage on another day: a file "
				 "does not replace it; correct a day with 更正日期 on the project's page",
				 en);
			pb_import_cell_problem(x, sev, m[i].row->rownum, spec, NULL, 0, zh, e2);
			return;
		}
		pb_import_cell_problem(x, sev, m[i].row->rownum, spec, NULL, 0, zh, en);
		return;
	}
	/* a stored event made wrong by the file's row just before it: said at that row */
	if (i == 0 || !m[i - 1].row || m[i - 1].ev.project != m[i].ev.project ||
	    kind == PB_PM_SKIP || kind == PB_PM_SAME)
		return;
	char z2[800], e2[800];
	int d = m[i].ev.date;
	snprintf(z2, sizeof(z2), "此行之后该项目已有 %04d-%02d-%02d 的「%s」：%s", d / 10000,
		 d / 100 % 100, d % 100, pb_stage_name((pb_stage)m[i].ev.stage), zh);
	snprintf(e2, sizeof(e2), "the project already has %s on %04d-%02d-%02d after this row: %s",
		 pb_stage_key((pb_stage)m[i].ev.stage), d / 10000, d / 100 % 100, d % 100, en);
	pb_import_cell_problem(x, PB_SEV_ERROR, m[i - 1].row->rownum, spec, NULL, 0, z2, e2);
}

/* The file row to blame when a project's stored funds no longer hold after its events
 * m[a..b) (the whole replay fails the check): the event after which every prefix fails,
 * or when that one is a stored event, the file's row nearest before it (else after it:
 * the range has one, so a row is always named). Each prefix is replayed on its own into
 * ev (the rare path: a file that un-signs a funded project). */
static const pb_import_pipe_row *funds_culprit(pb_import_ctx *x, const pb_pipe_data *d,
					       const merged *m, size_t a, size_t b,
					       pb_pipe_event *ev)
{
	size_t j = b - 1;
	for (size_t k = b - 1; k > a; k--) {
		pb_pipe_state s;
		for (size_t i = a; i < k; i++)
			ev[i - a] = (pb_pipe_event){ 0, m[i].ev.stage, m[i].ev.date };
		if (pb_pipe_replay(&s, 1, ev, k - a) ||
		    pb_store_project_funds_hold(x->st, d->project_id[m[a].ev.project], &s) == 0)
			break; /* the prefix m[a..k) holds: m[k] broke it */
		j = k - 1;
	}
	for (size_t k = j + 1; k-- > a;)
		if (m[k].row)
			return m[k].row;
	while (!m[j].row && j + 1 < b) /* no file row before it: the first one after */
		j++;
	return m[j].row;
}

/* Funds already stored for the file's projects still come from their signing month on
 * after the file's rows (a step back or a reopening below 签约 would leave them before
 * it); an error at the row that made it so. `st` holds the replayed states. */
static int check_funds_hold(pb_import_ctx *x, const pb_pipe_data *d, const merged *m, size_t n,
			    const pb_pipe_state *st, pb_pipe_event *ev)
{
	int spec = pb_import_spec_of(x, "stage");
	for (size_t a = 0, b; a < n; a = b) {
		int in_file = 0;
		for (b = a; b < n && m[b].ev.project == m[a].ev.project; b++)
			in_file |= m[b].row != NULL;
		if (!in_file)
			continue;
		int rc = pb_store_project_funds_hold(x->st, d->project_id[m[a].ev.project],
						     &st[m[a].ev.project]);
		if (rc != PB_EINVAL) {
			if (rc)
				return rc;
			continue;
		}
		char zh[800];
		const char *en;
		pb_error_split(zh, sizeof(zh), &en, pb_error_last());
		/* (the culprit's checks overwrite the message: it is copied first) */
		char en2[800];
		snprintf(en2, sizeof(en2), "%s", en);
		const pb_import_pipe_row *r = funds_culprit(x, d, m, a, b, ev);
		if (r)
			pb_import_cell_problem(x, PB_SEV_ERROR, r->rownum, spec, NULL, 0, zh, en2);
	}
	return 0;
}

static int check_stages(pb_import_ctx *x, const pb_pipe_data *d)
{
	merged *m = NULL;
	size_t n = 0;
	int rc = merge(&m, &n, x, d, !x->writing);
	if (rc)
		return rc;
	pb_pipe_event *ev = malloc((n ? n : 1) * sizeof(*ev));
	pb_pipe_move *mv = malloc((n ? n : 1) * sizeof(*mv));
	pb_pipe_state *st = malloc((d->n ? d->n : 1) * sizeof(*st));
	if (!ev || !mv || !st)
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; !rc && i < n; i++)
		ev[i] = m[i].ev;
	if (!rc)
		rc = pb_pipe_replay_moves(st, mv, d->n, ev, n);
	for (size_t i = 0; !rc && i < n; i++)
		judge(x, m, n, i, &mv[i]);
	if (!rc)
		rc = check_funds_hold(x, d, m, n, st, ev);
	free(ev);
	free(mv);
	free(st);
	free(m);
	return rc;
}

static int check_funds(pb_import_ctx *x, const pb_pipe_data *d)
{
	pb_pipe_state *st = malloc((d->n ? d->n : 1) * sizeof(*st));
	if (!st)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int rc = pb_pipe_replay(st, d->n, d->events, d->nevents);
	int spec = pb_import_spec_of(x, "month");
	for (size_t j = 0; !rc && j < x->npipe; j++) {
		const pb_import_pipe_row *r = &x->pipe_rows[j];
		size_t p = pb_pipe_data_find(d, r->project_id);
		if (p == SIZE_MAX || pb_pipe_fund_check(&st[p], r->date) == 0)
			continue;
		char zh[600];
		const char *en;
		pb_error_split(zh, sizeof(zh), &en, pb_error_last());
		pb_import_cell_problem(x, PB_SEV_ERROR, r->rownum, spec, NULL, 0, zh, en);
	}
	free(st);
	return rc;
}

/* A stage row after today, or funds of a month after this one, is an error at its row:
 * neither has happened yet, and either would count in periods to come (and move the
 * default period, the year of the latest event). */
static void check_future(pb_import_ctx *x)
{
	int32_t today = pb_date_in_zone(time(NULL));
	int stage = x->kind->entity == PB_E_PROJECT_STAGE;
	int spec = pb_import_spec_of(x, stage ? "date" : "month");
	char t[16];
	if (stage)
		pb_date_format(today, t);
	else
		pb_month_format(today / 100, t);
	for (size_t j = 0; j < x->npipe; j++) {
		const pb_import_pipe_row *r = &x->pipe_rows[j];
		if (stage ? r->date <= today : r->date <= today / 100)
			continue;
		char d[16], zh[160], en[160];
		if (stage) {
			pb_date_format(r->date, d);
			snprintf(zh, sizeof(zh), "日期 %s 晚于今天（%s），不能预记阶段", d, t);
			snprintf(en, sizeof(en),
				 "%s is after today (%s): a stage is recorded once reached", d, t);
		} else {
			pb_month_format(r->date, d);
			snprintf(zh, sizeof(zh), "到位资金月份 %s 晚于本月（%s）", d, t);
			snprintf(en, sizeof(en), "funds for %s come after this month (%s)", d, t);
		}
		pb_import_cell_problem(x, PB_SEV_ERROR, r->rownum, spec, NULL, 0, zh, en);
	}
}

int pb_import_pipeline_check(pb_import_ctx *x)
{
	pb_entity e = x->kind->entity;
	if ((e != PB_E_PROJECT_STAGE && e != PB_E_PROJECT_FUND) || (!x->npipe && !x->pipe_oom))
		return 0;
	if (x->pipe_oom)
		return pb_error_set(PB_ENOMEM, "内存不足，无法检查项目阶段 / out of memory checking "
					       "the stages");
	check_future(x);
	qsort(x->pipe_rows, x->npipe, sizeof(x->pipe_rows[0]), by_key);
	pb_pipe_data d;
	int rc = pb_store_pipe_load(&d, x->st, NULL, 0);
	if (rc)
		return rc;
	rc = e == PB_E_PROJECT_STAGE ? check_stages(x, &d) : check_funds(x, &d);
	pb_pipe_data_free(&d);
	return rc;
}
