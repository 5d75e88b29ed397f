/*
 * import.c - the import driver; see import.h.
 *
 * Flow per sheet: the first HEADER_SCAN rows are held back until the header is found
 * (import_header.c); then every row is converted cell by cell (import_cell.c) into a
 * record of the kind's entity, checked as a whole (import_check.c), tested for a
 * repeated natural key, and appended to a batch. Batches are upserted as they fill,
 * inside one transaction opened before the first row: a later error rolls everything
 * back, so a file is written entirely or not at all, and memory stays flat however
 * long the file is.
 */
#include "import.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "import_header.h"
#include "import_internal.h"
#include "text.h"

#define HEADER_SCAN 10
#define BATCH 1024 /* records per batch */

/* ---- file hash, computed beside the parse ---------------------------------- */

typedef struct hash_job {
	const pb_source *src;
	char hex[65];
} hash_job;

static void *hash_thread(void *arg)
{
	hash_job *j = arg;
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), j->src->data, j->src->len, NULL, 0);
	sodium_bin2hex(j->hex, sizeof(j->hex), h, sizeof(h));
	return NULL;
}

static void now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- pending header rows ----------------------------------------------------- */

static void pending_clear(pb_import_ctx *x)
{
	for (size_t i = 0; i < x->npend; i++) {
		free(x->pend[i].cells);
		free(x->pend[i].text);
	}
	x->npend = 0;
}

static int pending_add(pb_import_ctx *x, uint32_t rownum, const pb_cell *cells, size_t n)
{
	pb_pending_row *p = &x->pend[x->npend];
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += cells[i].len + 1;
	p->cells = malloc((n ? n : 1) * sizeof(pb_cell));
	p->text = malloc(total ? total : 1);
	if (!p->cells || !p->text) {
		free(p->cells);
		free(p->text);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	char *t = p->text;
	for (size_t i = 0; i < n; i++) {
		p->cells[i] = cells[i];
		memcpy(t, cells[i].text, cells[i].len + 1);
		p->cells[i].text = t;
		t += cells[i].len + 1;
	}
	p->rownum = rownum;
	p->n = n;
	x->npend++;
	return 0;
}

/* ---- the header --------------------------------------------------------------- */

static const pb_cell *cell_at(const pb_pending_row *r, size_t c)
{
	static const pb_cell empty = { "", 0, PB_CELL_EMPTY, 0 };
	return c < r->n ? &r->cells[c] : &empty;
}

/* The text of header column c, the upper cell carried right over a merged span. */
static const pb_cell *header_top(const pb_pending_row *top, const pb_pending_row *sub, size_t c)
{
	const pb_cell *t = cell_at(top, c);
	if (t->len || !sub || !cell_at(sub, c)->len)
		return t;
	while (c > 0) {
		c--;
		if (cell_at(top, c)->len)
			return cell_at(top, c);
	}
	return t;
}

static size_t row_width(const pb_pending_row *a, const pb_pending_row *b)
{
	size_t n = a->n;
	if (b && b->n > n)
		n = b->n;
	return n;
}

/* How many columns of the kind does pending row r (with r+1 as sub-header if it is a
 * period row) name? Sets *two_rows. */
static int header_score(pb_import_ctx *x, size_t r, int *two_rows)
{
	const pb_pending_row *top = &x->pend[r];
	const pb_pending_row *sub = NULL;
	if (r + 1 < x->npend && pb_header_is_period_row(x->pend[r + 1].cells, x->pend[r + 1].n))
		sub = &x->pend[r + 1];
	*two_rows = sub != NULL;
	int score = 0;
	for (size_t c = 0; c < row_width(top, sub); c++) {
		const pb_cell *t = header_top(top, sub, c);
		const pb_cell *s = sub ? cell_at(sub, c) : NULL;
		pb_header_match_result m;
		pb_header_match(x->kind, t->text, t->len, s ? s->text : NULL, s ? s->len : 0, &m);
		score += m.spec >= 0;
	}
	return score;
}

static int add_header_problem(pb_import_ctx *x, pb_severity sev, uint32_t row, uint32_t col,
			      const char *header, const char *zh, const char *en)
{
	return pb_report_add(x->rep, sev, x->src->name, x->sheet, row, col, header, NULL, 0, zh,
			     en);
}

/* Is the field of column i also filled by another column present in the file (one
 * with all of `flags`)? Two columns can name one enterprise: USCC and name. */
static int field_also_from(const pb_import_ctx *x, size_t i, unsigned flags)
{
	for (size_t j = 0; j < x->kind->ncols; j++)
		if (j != i && x->kind->field_index[j] == x->kind->field_index[i] &&
		    x->spec_col[j] >= 0 && (x->kind->cols[j].flags & flags) == flags)
			return 1;
	return 0;
}

static int map_header(pb_import_ctx *x, size_t r, int two_rows)
{
	const pb_pending_row *top = &x->pend[r];
	const pb_pending_row *sub = two_rows ? &x->pend[r + 1] : NULL;
	uint32_t hrow = sub ? sub->rownum : top->rownum;
	size_t errors_before = x->rep->errors;
	size_t width = row_width(top, sub);

	free(x->colmap);
	x->colmap = calloc(width ? width : 1, sizeof(*x->colmap));
	if (!x->colmap)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	x->ncols = width;
	for (size_t i = 0; i < x->kind->ncols; i++)
		x->spec_col[i] = -1;

	for (size_t c = 0; c < width; c++) {
		const pb_cell *t = header_top(top, sub, c);
		const pb_cell *s = sub ? cell_at(sub, c) : NULL;
		pb_colmap *cm = &x->colmap[c];
		cm->spec = -1;
		if (!t->len && !(s && s->len))
			continue;
		char label[256];
		snprintf(label, sizeof(label), "%s%s%s", t->text, s && s->len ? "/" : "",
			 s ? s->text : "");
		snprintf(cm->header, sizeof(cm->header), "%s", label);
		pb_header_match_result m;
		int ok = pb_header_match(x->kind, t->text, t->len, s ? s->text : NULL,
					 s ? s->len : 0, &m);
		if (!ok) {
			if (m.cumulative) {
				add_header_problem(x, PB_SEV_WARNING, hrow, (uint32_t)c + 1, label,
						   "累计数列不导入：月度报表只收当月数，累计数由系统计算",
						   "cumulative (1-N月累计) column ignored: monthly reports take "
						   "the month's own figures; totals are computed");
			} else if (m.bad_unit[0]) {
				char zh[256], en[256];
				snprintf(zh, sizeof(zh), "单位「%s」不适用于此列（应为%s或可换算的单位）",
					 m.bad_unit, pb_unit_canonical(x->kind->cols[m.spec].dim));
				snprintf(en, sizeof(en), "unit \"%s\" does not fit this column (expected %s "
					 "or a convertible unit)", m.bad_unit,
					 pb_unit_canonical(x->kind->cols[m.spec].dim));
				add_header_problem(x, PB_SEV_ERROR, hrow, (uint32_t)c + 1, label, zh, en);
			} else if (!strstr(label, "序号") && strcmp(label, "No.") != 0) {
				/* a running number column (序号) is common and meaningless: no warning */
				add_header_problem(x, PB_SEV_WARNING, hrow, (uint32_t)c + 1, label,
						   "未识别的列，已忽略", "unknown column, ignored");
			}
			continue;
		}
		if (x->spec_col[m.spec] >= 0) {
			add_header_problem(x, PB_SEV_ERROR, hrow, (uint32_t)c + 1, label,
					   "与前面的列重复（同一项目出现两次）",
					   "duplicates an earlier column (the same item twice)");
			continue;
		}
		cm->spec = m.spec;
		cm->factor = m.factor;
		x->spec_col[m.spec] = (int)c;
	}

	/* Required columns, and references that need one of two columns. */
	x->sheet_mask = 0;
	for (size_t i = 0; i < x->kind->ncols; i++) {
		const pb_column *col = &x->kind->cols[i];
		int present = x->spec_col[i] >= 0;
		/* 企业名称 stands in for 统一社会信用代码 only when that column is absent */
		if (col->flags & PB_COL_CHECK_ONLY)
			x->name_resolves[i] = present && !field_also_from(x, i, 0);
		if (present)
			x->sheet_mask |= 1ULL << x->kind->field_index[i];
		if (!(col->flags & PB_COL_REQUIRED) || present)
			continue;
		/* a required USCC reference may be replaced by the name column */
		if (field_also_from(x, i, PB_COL_CHECK_ONLY))
			continue;
		char zh[256], en[256];
		snprintf(zh, sizeof(zh), "缺少必需的列「%s」", col->zh);
		snprintf(en, sizeof(en), "required column \"%s\" (%s) is missing", col->zh, col->en);
		add_header_problem(x, PB_SEV_ERROR, hrow, 0, NULL, zh, en);
	}
	pb_import_check_mask(x);
	x->data_from = r + (two_rows ? 2 : 1);
	/* With the header wrong, every row would repeat the same complaint: the report
	 * names the header's problems and stops there for this sheet. */
	x->header_failed = x->rep->errors != errors_before;
	return 0;
}

/* ---- rows -------------------------------------------------------------------- */

/* Hand the current batch to the writer (or drop it when nothing is to be written:
 * a dry run, or a file already known to be rejected) and take a fresh one. */
static void flush(pb_import_ctx *x)
{
	if (x->cur->n == 0)
		return;
	if (x->writing && x->rep->errors == 0) {
		pb_batch_pool_put_full(&x->pool, x->cur);
		x->cur = pb_batch_pool_get(&x->pool);
	} else {
		pb_batch_reset(x->cur);
	}
}

static int data_row(pb_import_ctx *x, uint32_t rownum, const pb_cell *cells, size_t n)
{
	if (x->header_failed)
		return 0;
	if (x->cur->mask != x->sheet_mask) {
		flush(x);
		x->cur->mask = x->sheet_mask;
	}
	void *rec = x->cur->recs + x->cur->n * x->desc->size;
	pb_record_clear(x->desc, rec);
	size_t errors_before = x->rep->errors;
	int rc = pb_import_convert_row(x, rownum, cells, n, rec);
	if (rc)
		return rc;
	if (x->rep->errors == errors_before)
		pb_import_check_row(x, rownum, rec);
	if (x->rep->errors == errors_before)
		pb_import_check_duplicate(x, rownum, rec);
	x->rows++;
	if (x->rep->errors != errors_before)
		return 0;
	if (++x->cur->n == x->cur->cap)
		flush(x);
	return 0;
}

static int finish_header(pb_import_ctx *x)
{
	/* Choose the row naming most columns; ties go to the upper row. */
	int best = -1, best_score = 0, best_two = 0;
	for (size_t r = 0; r < x->npend; r++) {
		int two;
		int s = header_score(x, r, &two);
		if (s > best_score)
			best = (int)r, best_score = s, best_two = two;
	}
	x->header_done = 1;
	if (best < 0) {
		if (x->npend) { /* an empty sheet is no problem */
			char zh[160], en[160];
			snprintf(zh, sizeof(zh), "未找到「%s」的表头，此工作表已跳过", x->kind->zh);
			snprintf(en, sizeof(en), "no header of kind %s found; sheet skipped",
				 x->kind->name);
			pb_report_add(x->rep, PB_SEV_WARNING, x->src->name, x->sheet, 0, 0, NULL, NULL,
				      0, zh, en);
		}
		x->skip_sheet = 1;
		pending_clear(x);
		return 0;
	}
	int rc = map_header(x, (size_t)best, best_two);
	x->sheets_used++;
	for (size_t r = x->data_from; !rc && r < x->npend; r++)
		rc = data_row(x, x->pend[r].rownum, x->pend[r].cells, x->pend[r].n);
	pending_clear(x);
	return rc;
}

static int end_sheet(pb_import_ctx *x)
{
	if (!x->in_sheet)
		return 0;
	x->in_sheet = 0;
	if (!x->skip_sheet && !x->header_done)
		return finish_header(x);
	return 0;
}

static int on_sheet(void *ctx, const char *name)
{
	pb_import_ctx *x = ctx;
	int rc = end_sheet(x);
	if (rc)
		return rc;
	free(x->sheet);
	x->sheet = name ? strdup(name) : NULL;
	x->in_sheet = 1;
	x->header_done = 0;
	x->header_failed = 0;
	x->skip_sheet = x->opts->sheet && (!name || strcmp(name, x->opts->sheet) != 0);
	if (x->opts->sheet && !x->skip_sheet)
		x->sheet_found = 1;
	return 0;
}

static int on_row(void *ctx, uint32_t rownum, const pb_cell *cells, size_t n)
{
	pb_import_ctx *x = ctx;
	if (x->skip_sheet)
		return 0;
	if (x->header_done)
		return data_row(x, rownum, cells, n);
	int rc = pending_add(x, rownum, cells, n);
	if (!rc && x->npend == HEADER_SCAN)
		rc = finish_header(x);
	return rc;
}

/* ---- the whole import ----------------------------------------------------------- */

static void ctx_free(pb_import_ctx *x)
{
	pending_clear(x);
	free(x->sheet);
	free(x->colmap);
	pb_batch_pool_free(&x->pool);
	pb_keyset_free(&x->keys);
	pb_import_refs_free(x);
	pb_import_pipeline_free(x);
}

/* The reading thread: parse, convert and check the whole file, queueing batches. */
static void *reader_thread(void *arg)
{
	pb_import_ctx *x = arg;
	pb_table_sink sink = { on_sheet, on_row, x };
	int rc = pb_table_read(x->src, &sink, x->rep);
	if (!rc)
		rc = end_sheet(x);
	if (rc == PB_EREJECTED) /* the reader said why in the report */
		rc = 0;
	if (!rc)
		flush(x);
	x->read_rc = rc;
	if (rc) /* the message lives in this thread's error slot: carry it over */
		snprintf(x->read_error, sizeof(x->read_error), "%s", pb_error_last());
	pb_batch_pool_close(&x->pool);
	return NULL;
}

/* The writing side (the calling thread, which owns the store connection). */
static void write_batches(pb_import_ctx *x)
{
	pb_batch *b;
	while ((b = pb_batch_pool_take(&x->pool))) {
		if (!x->write_failed &&
		    pb_store_put_many(x->st, x->kind->entity, b->recs, b->n, b->mask)) {
			/* Validation should have caught it; if the database still refuses,
			 * say so plainly (after the reader is done) and write nothing. */
			x->write_failed = 1;
			snprintf(x->write_error, sizeof(x->write_error), "%s", pb_error_last());
		}
		pb_batch_pool_release(&x->pool, b);
	}
}

static int finish(pb_import_ctx *x, pb_import_result *res, const char *hash)
{
	char zh[700], en[700];
	if (x->opts->sheet && !x->sheet_found) {
		snprintf(zh, sizeof(zh), "文件中没有名为「%s」的工作表", x->opts->sheet);
		snprintf(en, sizeof(en), "the file has no sheet named \"%s\"", x->opts->sheet);
		pb_report_add(x->rep, PB_SEV_ERROR, x->src->name, NULL, 0, 0, NULL, NULL, 0, zh, en);
	} else if (x->sheets_used == 0 && x->rep->errors == 0) {
		snprintf(zh, sizeof(zh), "文件中没有可识别的「%s」表头（前%d行内）", x->kind->zh,
			 HEADER_SCAN);
		snprintf(en, sizeof(en), "no header of kind %s found (within the first %d rows)",
			 x->kind->name, HEADER_SCAN);
		pb_report_add(x->rep, PB_SEV_ERROR, x->src->name, NULL, 0, 0, NULL, NULL, 0, zh, en);
	} else if (x->rows == 0 && x->rep->errors == 0) {
		pb_report_add(x->rep, PB_SEV_WARNING, x->src->name, NULL, 0, 0, NULL, NULL, 0,
			      "文件只有表头，没有数据行", "the file has a header but no data rows");
	}
	if (x->write_failed) {
		snprintf(zh, sizeof(zh), "数据库拒绝写入：%s", x->write_error);
		snprintf(en, sizeof(en), "the database refused the rows: %s", x->write_error);
		pb_report_add(x->rep, PB_SEV_ERROR, x->src->name, NULL, 0, 0, NULL, NULL, 0, zh, en);
	}
	if (!x->rep->errors) {
		int rc = pb_import_pipeline_check(x);
		if (rc)
			return rc;
	}
	if (x->rep->errors || !x->writing)
		return x->rep->errors ? PB_EREJECTED : 0;

	x->rec.rows = x->rows;
	x->rec.warnings = (int64_t)x->rep->warnings;
	x->rec.file_hash = hash;
	char fin[32];
	now_iso(fin);
	x->rec.finished_at = fin;
	int rc = pb_store_import_end(x->st, &x->rec);
	if (!rc) {
		char detail[512];
		snprintf(detail, sizeof(detail),
			 "{\"import_id\":%lld,\"kind\":\"%s\",\"rows\":%lld,\"hash\":\"%s\"}",
			 (long long)x->rec.id, x->kind->name, (long long)x->rows, hash);
		rc = pb_store_audit(x->st, x->rec.user_name, "import", x->kind->name, detail);
	}
	if (!rc)
		rc = pb_store_commit(x->st);
	if (!rc)
		res->import_id = x->rec.id;
	return rc;
}

int pb_import_run(pb_store *st, const pb_kind *kind, const pb_source *src,
		  const pb_import_opts *opts, pb_report *rep, pb_import_result *res)
{
	memset(res, 0, sizeof(*res));
	if (sodium_init() < 0)
		return pb_error_set(PB_ERROR, "libsodium 初始化失败 / libsodium failed to start");
	pb_import_ctx x = { .st = st, .kind = kind, .desc = pb_entity_get(kind->entity),
			    .src = src, .opts = opts, .rep = rep };
	pb_keyset_init(&x.keys);
	/* a guess of the row count (about 100 bytes a row) spares rehashing big files */
	pb_keyset_reserve(&x.keys, src->len / 100);
	if (pb_batch_pool_init(&x.pool, BATCH, x.desc->size))
		return pb_error_last_code();
	x.cur = pb_batch_pool_get(&x.pool);

	hash_job hj = { .src = src };
	pthread_t th;
	int threaded = pthread_create(&th, NULL, hash_thread, &hj) == 0;
	if (!threaded)
		hash_thread(&hj);

	int rc = pb_import_refs_load(&x);
	char started[32];
	now_iso(started);
	x.rec = (pb_import_record){ .kind = kind->name, .file_name = src->name, .file_hash = "",
				    .user_name = opts->user ? opts->user : "cli",
				    .file_size = (int64_t)src->len, .started_at = started };
	/* A large file is written in bulk mode (see pb_store_bulk): 16 MiB is about
	 * 150,000 monthly rows, where the second copy through the WAL starts to show. */
	int bulk = !opts->dry_run && src->len >= (16u << 20);
	if (!rc && bulk)
		rc = pb_store_bulk(st, 1);
	if (!rc && !opts->dry_run) {
		rc = pb_store_begin(st);
		if (!rc)
			rc = pb_store_import_begin(st, &x.rec);
		x.writing = rc == 0;
	}
	if (!rc) {
		pthread_t reader;
		if (pthread_create(&reader, NULL, reader_thread, &x) == 0) {
			write_batches(&x);
			pthread_join(reader, NULL);
			rc = x.read_rc;
			if (rc)
				pb_error_set(rc, "%s", x.read_error);
		} else {
			rc = pb_error_set(PB_ERROR, "无法启动读取线程 / cannot start the reading thread");
		}
	}
	if (threaded)
		pthread_join(th, NULL);
	memcpy(res->hash, hj.hex, sizeof(res->hash));
	if (!rc)
		rc = finish(&x, res, hj.hex);
	if (rc || rep->errors)
		pb_store_rollback(st);
	/* Back to WAL. If that fails the import has still happened (or not) as reported:
	 * the database simply stays in rollback-journal mode until pb_store_open sets WAL
	 * again, so this is not an import failure. */
	if (bulk)
		pb_store_bulk(st, 0);
	res->rows = rep->errors ? 0 : x.rows;
	res->sheets = x.sheets_used;
	pb_report_sort(rep);
	ctx_free(&x);
	if (!rc && rep->errors)
		rc = PB_EREJECTED;
	return rc;
}
