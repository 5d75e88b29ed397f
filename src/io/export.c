/*
 * export.c - any kind back out to a file; see export.h.
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "index.h"
#include "month.h"
#include "mujun.h"
#include "refs.h"
#include "table_write.h"
#include "unit.h"

typedef struct export_ctx {
	const pb_kind *kind;
	const pb_entity_desc *desc;
	pb_table_writer *w;
	pb_index ent_uscc, ent_name, park, indicator, project, key_project; /* id -> text */
	pb_cell *cells;
	char (*text)[64];   /* scratch for numbers, months, years */
	int64_t rows;
} export_ctx;

void pb_export_header(const pb_column *col, char *out, size_t size)
{
	const char *unit = pb_unit_canonical(col->dim);
	const char *prev = (col->flags & PB_COL_PREV) ? "上年同期" : "";
	if (col->dim == PB_DIM_NONE || col->dim == PB_DIM_PERCENT)
		snprintf(out, size, "%s%s%s", col->zh, prev,
			 col->dim == PB_DIM_PERCENT ? "（%）" : "");
	else
		snprintf(out, size, "%s%s（%s）", col->zh, prev, unit);
}

static int load_indexes(export_ctx *x, pb_store *st)
{
	int rc = pb_refs_load(st, PB_E_ENTERPRISE, "uscc", 0, &x->ent_uscc);
	if (!rc)
		rc = pb_refs_load(st, PB_E_ENTERPRISE, "name", 0, &x->ent_name);
	if (!rc)
		rc = pb_refs_load(st, PB_E_PARK, "name", 0, &x->park);
	if (!rc)
		rc = pb_refs_load(st, PB_E_INDICATOR, "name", 0, &x->indicator);
	if (!rc)
		rc = pb_refs_load(st, PB_E_PROJECT, "name", 0, &x->project);
	if (!rc)
		rc = pb_refs_load(st, PB_E_KEY_PROJECT, "name", 0, &x->key_project);
	pb_index *all[] = { &x->ent_uscc, &x->ent_name, &x->park, &x->indicator, &x->project,
			    &x->key_project };
	for (size_t i = 0; !rc && i < 6; i++)
		rc = pb_index_build(all[i]);
	return rc;
}

static void set_text(pb_cell *c, const char *s)
{
	*c = (pb_cell){ s ? s : "", s ? strlen(s) : 0, s && *s ? PB_CELL_TEXT : PB_CELL_EMPTY, 0 };
}

static void set_number(pb_cell *c, char *buf, double v)
{
	pb_num_format(v, buf);
	*c = (pb_cell){ buf, strlen(buf), PB_CELL_NUMBER, v };
}

static const char *ref_text(export_ctx *x, const pb_column *col, int64_t id)
{
	if (id <= 0)
		return NULL;
	switch (col->conv) {
	case PB_CV_REF_ENTERPRISE: return pb_index_key_of(&x->ent_uscc, id);
	case PB_CV_REF_ENTERPRISE_NAME: return pb_index_key_of(&x->ent_name, id);
	case PB_CV_REF_PARK: return pb_index_key_of(&x->park, id);
	case PB_CV_REF_INDICATOR: return pb_index_key_of(&x->indicator, id);
	case PB_CV_REF_PROJECT: return pb_index_key_of(&x->project, id);
	case PB_CV_REF_KEY_PROJECT: return pb_index_key_of(&x->key_project, id);
	default: return NULL;
	}
}

static void fill_cell(export_ctx *x, size_t i, const void *rec)
{
	const pb_column *col = &x->kind->cols[i];
	const pb_field *f = &x->desc->fields[x->kind->field_index[i]];
	const char *p = (const char *)rec + f->offset;
	pb_cell *c = &x->cells[i];
	char *buf = x->text[i];
	int64_t iv = (f->type == PB_FT_INT || f->type == PB_FT_ID) ? *(const int64_t *)p : 0;
	set_text(c, NULL);
	switch (col->conv) {
	case PB_CV_TEXT:
	case PB_CV_USCC:
	case PB_CV_INDUSTRY:
	case PB_CV_ENUM_TEXT:
		set_text(c, *(const char *const *)p);
		break;
	case PB_CV_NUM: {
		double v = *(const double *)p;
		if (!pb_is_missing(v))
			set_number(c, buf, v);
		break;
	}
	case PB_CV_YEAR:
	case PB_CV_COUNT:
		if (iv != PB_INT_MISSING)
			set_number(c, buf, (double)iv);
		break;
	case PB_CV_MONTH:
		if (iv != PB_INT_MISSING) {
			pb_month_format((int)iv, buf);
			set_text(c, buf);
		}
		break;
	case PB_CV_DATE:
		if (iv != PB_INT_MISSING) {
			snprintf(buf, 64, "%04d-%02d-%02d", (int)(iv / 10000), (int)(iv / 100 % 100),
				 (int)(iv % 100));
			set_text(c, buf);
		}
		break;
	case PB_CV_BOOL:
		if (iv != PB_INT_MISSING)
			set_text(c, iv ? "是" : "否");
		break;
	case PB_CV_ENUM:
		if (iv != PB_INT_MISSING)
			set_text(c, pb_enum_label_of(col->labels, (int)iv));
		break;
	case PB_CV_FACT_KIND:
		set_text(c, pb_mujun_fact_kind_name(*(const char *const *)p));
		break;
	default:
		set_text(c, ref_text(x, col, iv));
		break;
	}
}

static int write_row(void *ctx, const void *rec)
{
	export_ctx *x = ctx;
	for (size_t i = 0; i < x->kind->ncols; i++)
		fill_cell(x, i, rec);
	x->rows++;
	return pb_table_writer_row(x->w, x->cells, x->kind->ncols);
}

int pb_export_run(pb_store *st, const pb_kind *kind, const pb_store_scope *scope, const char *path,
		  pb_table_format fmt, int64_t *rows)
{
	export_ctx x = { .kind = kind, .desc = pb_entity_get(kind->entity) };
	pb_index *all[] = { &x.ent_uscc, &x.ent_name, &x.park, &x.indicator, &x.project,
			    &x.key_project };
	for (size_t i = 0; i < 6; i++)
		pb_index_init(all[i]);
	x.cells = calloc(kind->ncols, sizeof(*x.cells));
	x.text = calloc(kind->ncols, sizeof(*x.text));
	char (*headers)[160] = calloc(kind->ncols, sizeof(*headers));
	int rc = (!x.cells || !x.text || !headers) ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory")
		 : !pb_store_scopable(kind->entity, scope)
			 ? pb_error_set(PB_EINVAL, "「%s」为全区数据，不能按园区或企业导出 / \"%s\" is the "
					"zone's alone: no export by park or enterprise", kind->zh, kind->name)
			 : load_indexes(&x, st);
	if (!rc)
		rc = pb_table_writer_open(&x.w, path, fmt, kind->zh);
	if (!rc) {
		for (size_t i = 0; i < kind->ncols; i++) {
			pb_export_header(&kind->cols[i], headers[i], sizeof(headers[i]));
			set_text(&x.cells[i], headers[i]);
		}
		rc = pb_table_writer_row(x.w, x.cells, kind->ncols);
		if (!rc)
			rc = pb_store_each_in(st, kind->entity, scope, write_row, &x);
		if (rc)
			pb_table_writer_abort(x.w);
		else
			rc = pb_table_writer_close(x.w);
	}
	*rows = x.rows;
	for (size_t i = 0; i < 6; i++)
		pb_index_free(all[i]);
	free(x.cells);
	free(x.text);
	free(headers);
	return rc;
}
