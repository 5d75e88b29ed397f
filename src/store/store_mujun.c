/*
 * store_mujun.c - the 亩均 evaluation's inputs and results; see store_mujun.h.
 *
 * A year is read in a handful of statements inside one read transaction, each giving
 * its rows in enterprise id order, merged onto the enterprise list in one pass. The
 * monthly figures are one GROUP BY over the year's months that walks each enterprise's
 * own months through the reports' primary key (enterprise, month): its cost is the
 * year's rows, however many years the table holds.
 *
 * Every statement is prepared and every value bound; JSON written here (the results'
 * rules and detail, the audit entry) escapes its strings (pb_buf_json_string).
 */
#include "store_mujun.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "text.h"
#include "num.h"
#include "store_internal.h"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* Run a statement that returns no rows. */
static int run(pb_store *st, const char *sql, const char *what)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : pb_store_db_error(st, what);
	pb_store_finalize(st, s);
	return rc;
}

/* The one integer a query returns, its ?1 bound to `arg` when it has one. */
static int query_count(pb_store *st, const char *sql, int64_t arg, int64_t *out)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	int rc = sqlite3_step(s) == SQLITE_ROW ? 0 : pb_store_db_error(st, "count");
	if (!rc)
		*out = sqlite3_column_int64(s, 0);
	pb_store_finalize(st, s);
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index of `id` in a sorted array of n ids, or SIZE_MAX. */
static size_t find_id(const int64_t *ids, size_t n, int64_t id)
{
	const int64_t *p = n ? bsearch(&id, ids, n, sizeof(*ids), cmp_i64) : NULL;
	return p ? (size_t)(p - ids) : SIZE_MAX;
}

/* The park index of parks.id `id` (0: none), UINT32_MAX when none or unknown. */
static uint32_t park_index(const pb_mujun_year *y, int64_t id)
{
	size_t i = id ? find_id(y->park_id, y->in.npark, id) : SIZE_MAX;
	return i == SIZE_MAX ? UINT32_MAX : (uint32_t)i;
}

/* What takes one row of a query; non-zero stops the walk and is returned. */
typedef int (*step_fn)(void *ctx, sqlite3_stmt *s);

/* Run `sql` (its ?1, when it has one, bound to `arg`), handing every row to fn. */
static int each_result(pb_store *st, const char *sql, int64_t arg, step_fn fn, void *ctx,
		       const char *what)
{
	sqlite3_stmt *s = pb_store_prepare(st, sql);
	if (!s)
		return PB_ESTORE;
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, arg);
	int step = SQLITE_DONE, rc = 0;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = fn(ctx, s);
	if (!rc && step != SQLITE_DONE)
		rc = pb_store_db_error(st, what);
	pb_store_finalize(st, s);
	return rc;
}

/* ---- the inputs of a year ------------------------------------------------------------- */

/* Filling arrays sized by a count made in the same read transaction. */
typedef struct fill_ctx {
	pb_mujun_year *y;
	size_t i, n;
} fill_ctx;

static int take_park(void *ctx, sqlite3_stmt *s)
{
	fill_ctx *x = ctx;
	int failed = 0;
	if (x->i == x->n)
		return 0;
	x->y->park_id[x->i] = sqlite3_column_int64(s, 0);
	x->y->park_name[x->i] = pb_store_column_dup(s, 1, &failed);
	x->y->in.npark = ++x->i;
	return failed ? oom() : 0;
}

static int take_sector(void *ctx, sqlite3_stmt *s)
{
	fill_ctx *x = ctx;
	int failed = 0;
	if (x->i == x->n)
		return 0;
	x->y->sector_name[x->i] = pb_store_column_dup(s, 0, &failed);
	x->y->in.nsector = ++x->i;
	return failed ? oom() : 0;
}

/* Parks by id; the enterprises' sectors by name (an empty one is no sector). */
static int load_parks_sectors(pb_store *st, pb_mujun_year *y)
{
	int64_t np = 0, ns = 0;
	int rc = query_count(st, "SELECT count(*) FROM parks", 0, &np);
	if (!rc)
		rc = query_count(st, "SELECT count(DISTINCT sector) FROM enterprises WHERE sector <> ''",
				 0, &ns);
	if (rc)
		return rc;
	y->park_id = calloc((size_t)np + 1, sizeof(*y->park_id));
	y->park_name = calloc((size_t)np + 1, sizeof(*y->park_name));
	y->sector_name = calloc((size_t)ns + 1, sizeof(*y->sector_name));
	if (!y->park_id || !y->park_name || !y->sector_name)
		return oom();
	fill_ctx parks = { y, 0, (size_t)np }, sectors = { y, 0, (size_t)ns };
	rc = each_result(st, "SELECT id, name FROM parks ORDER BY id", 0, take_park, &parks, "parks");
	return rc ? rc : each_result(st, "SELECT DISTINCT sector FROM enterprises WHERE sector <> ''"
				     " ORDER BY sector", 0, take_sector, &sectors, "enterprises");
}

/* Every per-enterprise array for n enterprises: measures missing, land 0, no facts. */
static int alloc_year(pb_mujun_year *y, size_t n)
{
	size_t c = n ? n : 1;
	y->in.n = n;
	y->enterprise_id = calloc(c, sizeof(*y->enterprise_id));
	y->uscc = calloc(c, sizeof(*y->uscc));
	y->name = calloc(c, sizeof(*y->name));
	y->industry = calloc(c, sizeof(*y->industry));
	y->above_scale = calloc(c, 1);
	y->leased = calloc(c, 1);
	y->park = calloc(c, sizeof(*y->park));
	y->sector = calloc(c, sizeof(*y->sector));
	y->rules = calloc(c, sizeof(*y->rules));
	y->months = calloc(c, sizeof(*y->months));
	y->absent = calloc(c, 1);
	y->facts = calloc(c, sizeof(*y->facts));
	int failed = !y->enterprise_id || !y->uscc || !y->name || !y->industry || !y->above_scale ||
		     !y->leased || !y->park || !y->sector || !y->rules || !y->months || !y->absent ||
		     !y->facts;
	for (int k = 0; k < PB_MM_ONE; k++) {
		if (!(y->measure[k] = malloc(c * sizeof(double)))) {
			failed = 1;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			y->measure[k][i] = k == PB_MM_LAND ? 0 : PB_MISSING;
	}
	return failed ? oom() : 0;
}

static int take_enterprise(void *ctx, sqlite3_stmt *s)
{
	fill_ctx *x = ctx;
	pb_mujun_year *y = x->y;
	size_t i = x->i;
	int failed = 0;
	if (i == x->n)
		return 0;
	y->enterprise_id[i] = sqlite3_column_int64(s, 0);
	y->uscc[i] = pb_store_column_dup(s, 1, &failed);
	y->name[i] = pb_store_column_dup(s, 2, &failed);
	y->industry[i] = pb_store_column_dup(s, 3, &failed);
	const char *sector = (const char *)sqlite3_column_text(s, 4);
	const char *const *hit = sector && *sector && y->in.nsector
		? bsearch(&sector, y->sector_name, y->in.nsector, sizeof(char *), cmp_str) : NULL;
	y->sector[i] = hit ? (uint32_t)(hit - (const char *const *)y->sector_name) : UINT32_MAX;
	y->park[i] = park_index(y, sqlite3_column_int64(s, 5));
	y->above_scale[i] = sqlite3_column_int(s, 6) == 1;
	x->i++;
	return failed ? oom() : 0;
}

/* The enterprises by id, every array sized for them. */
static int load_enterprises(pb_store *st, pb_mujun_year *y)
{
	int64_t n = 0;
	int rc = query_count(st, "SELECT count(*) FROM enterprises", 0, &n);
	if (!rc)
		rc = alloc_year(y, (size_t)n);
	fill_ctx x = { y, 0, (size_t)n };
	return rc ? rc : each_result(st, "SELECT id, uscc, name, industry, sector, park_id,"
				     " above_scale FROM enterprises ORDER BY id", 0, take_enterprise,
				     &x, "enterprises");
}

/* What takes one row of a per-enterprise query: the row's enterprise is y's entry i. */
typedef int (*row_fn)(void *ctx, sqlite3_stmt *s, size_t i);

typedef struct merge_ctx {
	const pb_mujun_year *y;
	size_t at;
	row_fn fn;
	void *ctx;
} merge_ctx;

static int merge_row(void *ctx, sqlite3_stmt *s)
{
	merge_ctx *m = ctx;
	int64_t id = sqlite3_column_int64(s, 0);
	while (m->at < m->y->in.n && m->y->enterprise_id[m->at] < id)
		m->at++;
	return m->at < m->y->in.n && m->y->enterprise_id[m->at] == id ? m->fn(m->ctx, s, m->at) : 0;
}

/*
 * Run `sql` (?1, when it has it, bound to `year`), whose rows start with an enterprise
 * id and come in id order, handing each row of an enterprise of y to fn. y's ids are
 * sorted too, so the rows are matched in one walk.
 */
static int each_row(pb_store *st, const pb_mujun_year *y, int year, const char *sql, row_fn fn,
		    void *ctx, const char *what)
{
	merge_ctx m = { y, 0, fn, ctx };
	return each_result(st, sql, year, merge_row, &m, what);
}

/* land: the sum of the plots an enterprise uses; leased when every one of them is */
static const char land_sql[] =
	"SELECT enterprise_id, sum(area), min(leased) FROM land_plots"
	" WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id ORDER BY enterprise_id";

static int take_land(void *ctx, sqlite3_stmt *s, size_t i)
{
	pb_mujun_year *y = ctx;
	y->measure[PB_MM_LAND][i] = sqlite3_column_double(s, 1);
	y->leased[i] = sqlite3_column_int(s, 2) == 1;
	return 0;
}

/* The year's months, each enterprise's through the primary key (CROSS JOIN keeps the
 * enterprises the outer loop, so the groups come out in id order without a sort). */
static const char monthly_sql[] =
	"SELECT e.id, count(*), sum(m.tax), sum(m.revenue), sum(m.gross_output),"
	" sum(m.sales_output), sum(m.energy), sum(m.electricity), sum(m.rd_expense),"
	" avg(m.employees)"
	" FROM enterprises e CROSS JOIN monthly_reports m ON m.enterprise_id = e.id"
	" AND m.month BETWEEN ?1 * 100 + 1 AND ?1 * 100 + 12"
	" GROUP BY e.id ORDER BY e.id";

/* the measure each column of monthly_sql fills, from column 2 on */
static const pb_mujun_measure monthly_cols[] = {
	PB_MM_TAX, PB_MM_REVENUE, PB_MM_GROSS_OUTPUT, PB_MM_SALES_OUTPUT, PB_MM_ENERGY,
	PB_MM_ELECTRICITY, PB_MM_RD, PB_MM_EMPLOYEES,
};

static int take_monthly(void *ctx, sqlite3_stmt *s, size_t i)
{
	pb_mujun_year *y = ctx;
	y->months[i] = sqlite3_column_int64(s, 1);
	for (size_t k = 0; k < sizeof(monthly_cols) / sizeof(monthly_cols[0]); k++)
		y->measure[monthly_cols[k]][i] = pb_store_column_real(s, 2 + (int)k);
	return 0;
}

/* the yearly evaluation data: what it gives wins */
static const char data_sql[] =
	"SELECT enterprise_id, value_added, emissions, cod, water, tax, revenue, energy,"
	" electricity, employees, rd FROM mujun_data WHERE year = ?1 ORDER BY enterprise_id";

static const pb_mujun_measure data_cols[] = {
	PB_MM_VALUE_ADDED, PB_MM_EMISSIONS, PB_MM_COD, PB_MM_WATER, PB_MM_TAX, PB_MM_REVENUE,
	PB_MM_ENERGY, PB_MM_ELECTRICITY, PB_MM_EMPLOYEES, PB_MM_RD,
};

static int take_data(void *ctx, sqlite3_stmt *s, size_t i)
{
	pb_mujun_year *y = ctx;
	for (size_t k = 0; k < sizeof(data_cols) / sizeof(data_cols[0]); k++) {
		double v = pb_store_column_real(s, 1 + (int)k);
		if (!pb_is_missing(v))
			y->measure[data_cols[k]][i] = v;
	}
	return 0;
}

static const char facts_sql[] =
	"SELECT enterprise_id, kind, note FROM mujun_facts WHERE year = ?1"
	" ORDER BY enterprise_id, kind";

typedef struct facts_ctx {
	pb_mujun_year *y;
	const pb_mujun_scheme *s;
} facts_ctx;

/* "name（note）" after what *dst holds, joined by "、" */
static int append_fact(char **dst, const char *kind, const char *note)
{
	pb_buf b = { 0 };
	if (*dst) {
		pb_buf_puts(&b, *dst);
		pb_buf_puts(&b, "、");
	}
	pb_buf_puts(&b, kind);
	if (note && *note) {
		pb_buf_puts(&b, "（");
		pb_buf_puts(&b, note);
		pb_buf_puts(&b, "）");
	}
	if (b.oom) {
		pb_buf_free(&b);
		return oom();
	}
	free(*dst);
	*dst = b.p;
	return 0;
}

static int take_fact(void *ctx, sqlite3_stmt *s, size_t i)
{
	facts_ctx *x = ctx;
	const char *kind = (const char *)sqlite3_column_text(s, 1);
	int r = x->s && kind ? pb_mujun_scheme_rule(x->s, kind) : -1;
	if (r >= 0 && r < PB_MUJUN_MAX_RULES)
		x->y->rules[i] |= 1u << r;
	return append_fact(&x->y->facts[i], kind ? pb_mujun_fact_kind_name(kind) : "",
			   (const char *)sqlite3_column_text(s, 2));
}

/* Point the input at the arrays. */
static void wire(pb_mujun_year *y)
{
	for (int k = 0; k < PB_MM_COUNT; k++)
		y->in.m[k] = y->measure[k];
	y->in.above_scale = y->above_scale;
	y->in.leased = y->leased;
	y->in.park = y->park;
	y->in.sector = y->sector;
	y->in.rules = y->rules;
	y->in.absent = y->absent;
}

/* An enterprise with not one figure for the year - no monthly report, no evaluation data -
 * was not in the zone's books that year (not yet there, or gone): it is not evaluated,
 * rather than listed as 数据不全. Its land alone does not make it present. */
static void mark_absent(pb_mujun_year *y)
{
	for (size_t i = 0; i < y->in.n; i++) {
		int any = y->months[i] > 0;
		for (int k = 0; k < PB_MM_ONE && !any; k++)
			any = k != PB_MM_LAND && !isnan(y->measure[k][i]);
		y->absent[i] = !any;
	}
}

int pb_store_mujun_load(pb_mujun_year *out, pb_store *st, int year, const pb_mujun_scheme *s)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	/* one read transaction (unless the caller has one open): one state of the data */
	int own_tx = sqlite3_get_autocommit(pb_store_sqlite(st)) && run(st, "BEGIN", "begin") == 0;
	facts_ctx fx = { out, s };
	int rc = load_parks_sectors(st, out);
	if (!rc)
		rc = load_enterprises(st, out);
	if (!rc)
		rc = each_row(st, out, year, land_sql, take_land, out, "land_plots");
	if (!rc)
		rc = each_row(st, out, year, monthly_sql, take_monthly, out, "monthly_reports");
	if (!rc)
		rc = each_row(st, out, year, data_sql, take_data, out, "mujun_data");
	if (!rc)
		rc = each_row(st, out, year, facts_sql, take_fact, &fx, "mujun_facts");
	if (own_tx)
		run(st, "COMMIT", "commit"); /* it only read */
	if (!rc)
		mark_absent(out);
	wire(out);
	return rc;
}

void pb_mujun_year_free(pb_mujun_year *y)
{
	if (!y)
		return;
	size_t n = y->in.n;
	pb_strings_free(y->uscc, n);
	pb_strings_free(y->name, n);
	pb_strings_free(y->industry, n);
	pb_strings_free(y->facts, n);
	pb_strings_free(y->park_name, y->in.npark);
	pb_strings_free(y->sector_name, y->in.nsector);
	for (int k = 0; k < PB_MM_COUNT; k++)
		free(y->measure[k]);
	free(y->enterprise_id);
	free(y->above_scale);
	free(y->leased);
	free(y->park);
	free(y->sector);
	free(y->rules);
	free(y->months);
	free(y->absent);
	free(y->park_id);
	memset(y, 0, sizeof(*y));
}

/* ---- saving an evaluation --------------------------------------------------------------- */

/* A number as JSON: the shortest form that reads back exactly; null when not finite. */
static int json_number(pb_buf *b, double v)
{
	char t[32];
	if (!isfinite(v))
		return pb_buf_puts(b, "null");
	pb_num_format(v, t);
	return pb_buf_puts(b, t);
}

/* ["safety_accident", ...]: the scheme's rules whose bit is set */
static int rules_json(pb_buf *b, const pb_mujun_scheme *s, uint32_t bits)
{
	int rc = pb_buf_puts(b, "[");
	for (size_t k = 0, n = 0; k < s->nrules && k < PB_MUJUN_MAX_RULES && !rc; k++)
		if (bits & (1u << k)) {
			rc = n++ ? pb_buf_puts(b, ",") : 0;
			rc = rc ? rc : pb_buf_json_string(b, s->rule[k].key);
		}
	return rc ? rc : pb_buf_puts(b, "]");
}

/* [{"key", "value", "points", "flags"}, ...] over the indicators of the group */
static int detail_json(pb_buf *b, const pb_mujun_group *g, const pb_mujun_result *r, size_t i)
{
	int rc = pb_buf_puts(b, "[");
	for (size_t k = 0; k < g->nind && k < PB_MUJUN_MAX_IND && !rc; k++) {
		char flags[16];
		snprintf(flags, sizeof(flags), "%u", (unsigned)r->flags[k * r->n + i]);
		rc = pb_buf_puts(b, k ? ",{\"key\":" : "{\"key\":");
		rc = rc ? rc : pb_buf_json_string(b, g->ind[k].key);
		rc = rc ? rc : pb_buf_puts(b, ",\"value\":");
		rc = rc ? rc : json_number(b, r->value[k * r->n + i]);
		rc = rc ? rc : pb_buf_puts(b, ",\"points\":");
		rc = rc ? rc : json_number(b, r->points[k * r->n + i]);
		rc = rc ? rc : pb_buf_puts(b, ",\"flags\":");
		rc = rc ? rc : pb_buf_puts(b, flags);
		rc = rc ? rc : pb_buf_puts(b, "}");
	}
	return rc ? rc : pb_buf_puts(b, "]");
}

static void bind_rank(sqlite3_stmt *s, int p, uint32_t rank)
{
	if (rank)
		sqlite3_bind_int64(s, p, rank);
	else
		sqlite3_bind_null(s, p);
}

static void bind_key(sqlite3_stmt *s, int p, const char *key)
{
	if (key)
		sqlite3_bind_text(s, p, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, p);
}

/* One row per enterprise; counts the final classes. */
static int insert_results(pb_store *st, const pb_mujun_year *y, const pb_mujun_scheme *s,
			  const pb_mujun_result *r, int64_t count[PB_MC_COUNT])
{
	sqlite3_stmt *ins = pb_store_prepare(st,
		"INSERT INTO mujun_results (year, enterprise_id, group_key, class, class_score, adjust,"
		" total, rank_zone, rank_sector, rank_park, rules, detail)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!ins)
		return PB_ESTORE;
	pb_buf rules = { 0 }, detail = { 0 };
	int rc = 0;
	for (size_t i = 0; i < r->n && !rc; i++) {
		int g = r->group[i];
		const pb_mujun_group *grp = g >= 0 && (size_t)g < s->ngroups ? &s->group[g] : NULL;
		uint32_t bits = r->rules ? r->rules[i] : 0;
		rules.len = detail.len = 0;
		if ((bits && rules_json(&rules, s, bits)) || (grp && detail_json(&detail, grp, r, i))) {
			rc = oom();
			break;
		}
		if (r->cls[i] < PB_MC_COUNT)
			count[r->cls[i]]++;
		sqlite3_bind_int(ins, 1, y->year);
		sqlite3_bind_int64(ins, 2, y->enterprise_id[i]);
		bind_key(ins, 3, grp ? grp->key : NULL);
		bind_key(ins, 4, pb_mujun_class_key((pb_mujun_class)r->cls[i]));
		bind_key(ins, 5, pb_mujun_class_key((pb_mujun_class)r->cls_score[i]));
		sqlite3_bind_int(ins, 6, r->adjust[i]);
		if (isfinite(r->total[i]))
			sqlite3_bind_double(ins, 7, r->total[i]);
		else
			sqlite3_bind_null(ins, 7);
		bind_rank(ins, 8, r->rank_zone[i]);
		bind_rank(ins, 9, r->rank_sector[i]);
		bind_rank(ins, 10, r->rank_park[i]);
		bind_key(ins, 11, bits ? rules.p : NULL);
		bind_key(ins, 12, grp ? detail.p : NULL);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = pb_store_db_error(st, "mujun_results");
		sqlite3_reset(ins);
	}
	pb_store_finalize(st, ins);
	pb_buf_free(&rules);
	pb_buf_free(&detail);
	return rc;
}

/* Forget the stored evaluation of `year` (its results first); *replaced: there was one. */
static int clear_year(pb_store *st, int year, int *replaced)
{
	sqlite3_stmt *dr = pb_store_prepare(st, "DELETE FROM mujun_results WHERE year = ?");
	sqlite3_stmt *de = dr ? pb_store_prepare(st, "DELETE FROM mujun_evaluations WHERE year = ?")
			      : NULL;
	int rc = dr && de ? 0 : PB_ESTORE;
	if (!rc) {
		sqlite3_bind_int(dr, 1, year);
		sqlite3_bind_int(de, 1, year);
		if (sqlite3_step(dr) != SQLITE_DONE || sqlite3_step(de) != SQLITE_DONE)
			rc = pb_store_db_error(st, "mujun_evaluations");
		else
			*replaced = sqlite3_changes(pb_store_sqlite(st)) > 0;
	}
	pb_store_finalize(st, dr);
	pb_store_finalize(st, de);
	return rc;
}

static int insert_evaluation(pb_store *st, const pb_mujun_year *y, const pb_mujun_scheme *s,
			     const char *scheme_json, const char *user)
{
	sqlite3_stmt *ins = pb_store_prepare(st,
		"INSERT INTO mujun_evaluations (year, scheme_key, scheme_name, scheme_json, user_name,"
		" enterprises) VALUES (?, ?, ?, ?, ?, ?)");
	if (!ins)
		return PB_ESTORE;
	sqlite3_bind_int(ins, 1, y->year);
	sqlite3_bind_text(ins, 2, s->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 3, s->name, -1, SQLITE_STATIC);
	bind_key(ins, 4, scheme_json);
	bind_key(ins, 5, user);
	sqlite3_bind_int64(ins, 6, (int64_t)y->in.n);
	int rc = sqlite3_step(ins) == SQLITE_DONE ? 0 : pb_store_db_error(st, "mujun_evaluations");
	pb_store_finalize(st, ins);
	return rc;
}

/* {"year", "scheme", "enterprises", "replaced", "classes": {"A": n, ...}} */
static int audit_save(pb_store *st, const pb_mujun_year *y, const pb_mujun_scheme *s,
		      const int64_t count[PB_MC_COUNT], int replaced, const char *user)
{
	char head[96];
	snprintf(head, sizeof(head), "{\"year\":%d,\"scheme\":", y->year);
	pb_buf d = { 0 };
	pb_buf_puts(&d, head);
	pb_buf_json_string(&d, s->key);
	snprintf(head, sizeof(head), ",\"enterprises\":%zu,\"replaced\":%s,\"classes\":{", y->in.n,
		 replaced ? "true" : "false");
	pb_buf_puts(&d, head);
	for (int c = 0; c < PB_MC_COUNT; c++) {
		char item[64];
		snprintf(item, sizeof(item), "%s\"%s\":%lld", c ? "," : "",
			 pb_mujun_class_key((pb_mujun_class)c), (long long)count[c]);
		pb_buf_puts(&d, item);
	}
	pb_buf_puts(&d, "}}");
	int rc = d.oom ? oom() : pb_store_audit(st, user, "mujun.save", "mujun_evaluations", d.p);
	pb_buf_free(&d);
	return rc;
}

int pb_store_mujun_save(pb_store *st, const pb_mujun_year *y, const pb_mujun_scheme *s,
			const char *scheme_json, const pb_mujun_result *r, const char *user)
{
	if (r->n != y->in.n)
		return pb_error_set(PB_EINVAL, "评价结果有 %zu 家企业，输入有 %zu 家 / the result has %zu "
				    "enterprises, the input %zu", r->n, y->in.n, r->n, y->in.n);
	int rc = pb_store_begin(st);
	if (rc)
		return rc;
	int64_t count[PB_MC_COUNT] = { 0 };
	int replaced = 0;
	rc = clear_year(st, y->year, &replaced);
	if (!rc)
		rc = insert_evaluation(st, y, s, scheme_json, user);
	if (!rc)
		rc = insert_results(st, y, s, r, count);
	if (!rc)
		rc = audit_save(st, y, s, count, replaced, user);
	if (!rc)
		rc = pb_store_commit(st);
	if (rc)
		pb_store_rollback(st);
	return rc;
}

/* ---- what is stored ------------------------------------------------------------------- */

typedef struct classes_ctx {
	uint8_t *cls;
} classes_ctx;

static int take_class(void *ctx, sqlite3_stmt *s, size_t i)
{
	classes_ctx *x = ctx;
	pb_mujun_class c;
	const char *key = (const char *)sqlite3_column_text(s, 1);
	if (key && pb_mujun_class_parse(&c, key) == 0)
		x->cls[i] = (uint8_t)c;
	return 0;
}

int pb_store_mujun_classes(uint8_t **cls, int *found, pb_store *st, const pb_mujun_year *y,
			   int year)
{
	*cls = NULL;
	*found = 0;
	classes_ctx x = { malloc(y->in.n ? y->in.n : 1) };
	if (!x.cls)
		return oom();
	memset(x.cls, PB_MC_COUNT, y->in.n);
	int64_t n = 0;
	int rc = query_count(st, "SELECT count(*) FROM mujun_evaluations WHERE year = ?1", year, &n);
	if (!rc && n)
		rc = each_row(st, y, year, "SELECT enterprise_id, class FROM mujun_results"
			      " WHERE year = ?1 ORDER BY enterprise_id", take_class, &x, "mujun_results");
	if (rc) {
		free(x.cls);
		return rc;
	}
	*found = n > 0;
	*cls = x.cls;
	return 0;
}

static void evaluation_free(pb_mujun_evaluation *e)
{
	free(e->scheme_key);
	free(e->scheme_name);
	free(e->scheme_json);
	free(e->evaluated_at);
	free(e->user_name);
}

void pb_mujun_evaluations_free(pb_mujun_evaluations *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		evaluation_free(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int cmp_year(const void *a, const void *b)
{
	int x = *(const int *)a, y = ((const pb_mujun_evaluation *)b)->year;
	return (x > y) - (x < y);
}

/* A list being read: the items grow by doubling. */
typedef struct list_ctx {
	void **items;
	size_t *n, cap, size;
	const pb_mujun_year *y;
} list_ctx;

/* Room for one more item, cleared: NULL when out of memory. */
static void *list_next(list_ctx *l)
{
	void *g = pb_store_grow(*l->items, &l->cap, *l->n, l->size);
	if (!g)
		return NULL;
	*l->items = g;
	void *item = (char *)*l->items + *l->n * l->size;
	memset(item, 0, l->size);
	(*l->n)++;
	return item;
}

static int take_evaluation(void *ctx, sqlite3_stmt *s)
{
	pb_mujun_evaluation *e = list_next(ctx);
	int failed = 0;
	if (!e)
		return PB_ENOMEM;
	e->year = sqlite3_column_int(s, 0);
	e->scheme_key = pb_store_column_dup(s, 1, &failed);
	e->scheme_name = pb_store_column_dup(s, 2, &failed);
	e->scheme_json = pb_store_column_dup(s, 3, &failed);
	e->evaluated_at = pb_store_column_dup(s, 4, &failed);
	e->user_name = pb_store_column_dup(s, 5, &failed);
	e->enterprises = sqlite3_column_int64(s, 6);
	return failed ? oom() : 0;
}

/* a (year, class, count) row of the results into its evaluation's counts */
static int take_count(void *ctx, sqlite3_stmt *s)
{
	pb_mujun_evaluations *l = ctx;
	int year = sqlite3_column_int(s, 0);
	pb_mujun_evaluation *e = l->n ? bsearch(&year, l->items, l->n, sizeof(*e), cmp_year) : NULL;
	pb_mujun_class c;
	const char *key = (const char *)sqlite3_column_text(s, 1);
	if (e && key && pb_mujun_class_parse(&c, key) == 0)
		e->count[c] += sqlite3_column_int64(s, 2);
	return 0;
}

int pb_store_mujun_evaluations(pb_mujun_evaluations *out, pb_store *st)
{
	memset(out, 0, sizeof(*out));
	list_ctx l = { (void **)&out->items, &out->n, 0, sizeof(*out->items), NULL };
	int rc = each_result(st, "SELECT year, scheme_key, scheme_name, scheme_json, evaluated_at,"
			     " user_name, enterprises FROM mujun_evaluations ORDER BY year", 0,
			     take_evaluation, &l, "mujun_evaluations");
	return rc ? rc : each_result(st, "SELECT year, class, count(*) FROM mujun_results"
				     " GROUP BY year, class", 0, take_count, out, "mujun_results");
}

void pb_mujun_plots_free(pb_mujun_plots *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].plot_code);
		free(l->items[i].note);
		free(l->items[i].shared_parcel);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int take_plot(void *ctx, sqlite3_stmt *s)
{
	const pb_mujun_year *y = ((list_ctx *)ctx)->y;
	pb_mujun_plot *p = list_next(ctx);
	int failed = 0;
	if (!p)
		return PB_ENOMEM;
	p->id = sqlite3_column_int64(s, 0);
	p->plot_code = pb_store_column_dup(s, 1, &failed);
	p->enterprise_id = sqlite3_column_int64(s, 2);
	p->park = park_index(y, sqlite3_column_int64(s, 3));
	p->ent = p->enterprise_id ? find_id(y->enterprise_id, y->in.n, p->enterprise_id) : SIZE_MAX;
	p->area = sqlite3_column_double(s, 4);
	p->idle_area = sqlite3_column_double(s, 5);
	p->leased = sqlite3_column_int(s, 6) == 1;
	p->note = pb_store_column_dup(s, 7, &failed);
	p->shared_parcel = pb_store_column_dup(s, 8, &failed);
	return failed ? oom() : 0;
}

int pb_store_mujun_plots(pb_mujun_plots *out, pb_store *st, const pb_mujun_year *y)
{
	memset(out, 0, sizeof(*out));
	list_ctx l = { (void **)&out->items, &out->n, 0, sizeof(*out->items), y };
	/* a plot's park is its own, else the park of the enterprise using it */
	return each_result(st, "SELECT p.id, p.plot_code, coalesce(p.enterprise_id, 0),"
			   " coalesce(p.park_id, e.park_id, 0), p.area, coalesce(p.idle_area, 0),"
			   " p.leased, p.note, p.shared_parcel FROM land_plots p"
			   " LEFT JOIN enterprises e ON e.id = p.enterprise_id ORDER BY p.plot_code",
			   0, take_plot, &l, "land_plots");
}
