/*
 * import_cell.c - turning the cells of one data row into a record.
 *
 * Each cell is converted by its column's rule (kinds.h, pb_conv). A cell that cannot
 * be converted adds an error naming the row, the column, the value and the reason,
 * and the row goes on: the report should list every bad cell of the file at once.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "import_internal.h"
#include "industry.h"
#include "month.h"
#include "mujun.h"
#include "text.h"
#include "uscc.h"

#define MAX_TEXT 20000
#define MAX_FIGURE 1e15 /* 万元: far beyond any enterprise; catches unit slips */

void pb_import_cell_problem(pb_import_ctx *x, pb_severity sev, uint32_t rownum, int spec,
			    const char *value, size_t len, const char *zh, const char *en)
{
	int c = spec >= 0 ? x->spec_col[spec] : -1;
	pb_report_add(x->rep, sev, x->src->name, x->sheet, rownum, c >= 0 ? (uint32_t)c + 1 : 0,
		      c >= 0 ? x->colmap[c].header : NULL, value, value ? len : 0, zh, en);
}

/* ---- setting fields ------------------------------------------------------------ */

static void *field_ptr(pb_import_ctx *x, void *rec, int spec)
{
	const pb_field *f = &x->desc->fields[x->kind->field_index[spec]];
	return (char *)rec + f->offset;
}

static void set_int(pb_import_ctx *x, void *rec, int spec, int64_t v)
{
	*(int64_t *)field_ptr(x, rec, spec) = v;
}

static void set_real(pb_import_ctx *x, void *rec, int spec, double v)
{
	*(double *)field_ptr(x, rec, spec) = v;
}

static void set_text(pb_import_ctx *x, void *rec, int spec, const char *v)
{
	*(const char **)field_ptr(x, rec, spec) = v;
}

/* ---- conversions: each returns 0, or 1 after reporting the problem --------------- */

typedef struct cell_in {
	pb_import_ctx *x;
	uint32_t row;
	int spec;
	const pb_column *col;
	const pb_cell *cell;
	const char *s; /* trimmed text */
	size_t len;
} cell_in;

static int bad(const cell_in *in, const char *zh, const char *en)
{
	pb_import_cell_problem(in->x, PB_SEV_ERROR, in->row, in->spec, in->s, in->len, zh, en);
	return 1;
}

static int conv_text(const cell_in *in, void *rec)
{
	if (in->len > MAX_TEXT)
		return bad(in, "文字过长（超过 20000 字节）", "text too long (over 20000 bytes)");
	if (!pb_text_valid(in->s, in->len))
		return bad(in, "含有不可见的控制字符", "contains control characters");
	const char *t = pb_import_strdup(in->x, in->s, in->len);
	if (!t)
		return -1;
	set_text(in->x, rec, in->spec, t);
	return 0;
}

static int conv_uscc(const cell_in *in, char code[19])
{
	size_t n = pb_uscc_normalize(in->s, in->len, code);
	char expected = 0;
	pb_uscc_status st = n == 18 ? pb_uscc_check(code, n, &expected) : PB_USCC_LENGTH;
	if (st == PB_USCC_OK)
		return 0;
	char zh[160], en[160];
	if (st == PB_USCC_CHECK) {
		snprintf(zh, sizeof(zh), "统一社会信用代码校验位错误（按前17位计算应为 %c）", expected);
		snprintf(en, sizeof(en), "USCC check digit wrong (the first 17 characters give %c)",
			 expected);
	} else {
		snprintf(zh, sizeof(zh), "统一社会信用代码无效：%s", pb_uscc_strerror(st, false));
		snprintf(en, sizeof(en), "invalid USCC: %s", pb_uscc_strerror(st, true));
	}
	return bad(in, zh, en);
}

static int conv_industry(const cell_in *in, void *rec)
{
	char code[8];
	if (!pb_industry_normalize(in->s, in->len, code))
		return bad(in, "行业代码格式不对（应为 GB/T 4754-2017 代码，如 C3922 或 3922）",
			   "malformed industry code (GB/T 4754-2017, e.g. C3922 or 3922)");
	if (!pb_industry_find(code))
		return bad(in, "GB/T 4754-2017 中没有这个行业代码",
			   "no such code in GB/T 4754-2017");
	const char *t = pb_import_strdup(in->x, code, strlen(code));
	if (!t)
		return -1;
	set_text(in->x, rec, in->spec, t);
	return 0;
}

/* Whole-number text of a numeric cell ("202401" typed as a number), else NULL. */
static int cell_as_int(const cell_in *in, long long *v)
{
	if (in->cell->kind == PB_CELL_NUMBER) {
		if (in->cell->num != floor(in->cell->num) || fabs(in->cell->num) > 1e12)
			return 0;
		*v = (long long)in->cell->num;
		return 1;
	}
	double d;
	if (pb_num_parse(in->s, in->len, &d, 0) != PB_NUM_OK || d != floor(d) || fabs(d) > 1e12)
		return 0;
	*v = (long long)d;
	return 1;
}

static int conv_month(const cell_in *in, void *rec)
{
	int m = 0, y, mo, d;
	if (in->cell->kind == PB_CELL_DATE) {
		if (pb_excel_serial_to_date(in->cell->num, &y, &mo, &d))
			m = y * 100 + mo;
	} else if (!pb_month_parse(in->s, in->len, &m)) {
		m = 0;
	}
	if (!m || !pb_month_valid(m))
		return bad(in, "月份格式不对（应为 2024-01、202401 或 2024年1月，1990—2099年）",
			   "not a month (2024-01, 202401 or 2024年1月, years 1990-2099)");
	set_int(in->x, rec, in->spec, m);
	return 0;
}

static int conv_year(const cell_in *in, void *rec)
{
	long long y = 0;
	const char *s = in->s;
	size_t len = in->len;
	/* "2025年" */
	if (len > 3 && memcmp(s + len - 3, "年", 3) == 0)
		len -= 3;
	cell_in t = *in;
	t.s = s, t.len = len;
	if (in->cell->kind == PB_CELL_DATE) {
		int mo, d, yy;
		if (pb_excel_serial_to_date(in->cell->num, &yy, &mo, &d))
			y = yy;
	} else if (!cell_as_int(&t, &y)) {
		y = 0;
	}
	if (y < 1949 || y > 2100)
		return bad(in, "年份不对（应为 1949—2100 之间的四位数）",
			   "not a year (four digits, 1949-2100)");
	set_int(in->x, rec, in->spec, y);
	return 0;
}

static int conv_date(const cell_in *in, void *rec)
{
	int y, m, d;
	int ok = in->cell->kind == PB_CELL_DATE ? pb_excel_serial_to_date(in->cell->num, &y, &m, &d)
						 : pb_date_parse(in->s, in->len, &y, &m, &d);
	if (!ok || y < 1949 || y > 2100)
		return bad(in, "日期格式不对（应为 2024-03-05 这样的日期）",
			   "not a date (like 2024-03-05)");
	set_int(in->x, rec, in->spec, (int64_t)y * 10000 + m * 100 + d);
	return 0;
}

static int conv_num(const cell_in *in, double factor, void *rec)
{
	double v;
	if (in->cell->kind == PB_CELL_NUMBER) {
		v = in->cell->num;
	} else {
		unsigned flags = in->col->dim == PB_DIM_PERCENT || in->col->dim == PB_DIM_NONE
					 ? PB_NUM_PERCENT : 0;
		pb_num_status st = pb_num_parse(in->s, in->len, &v, flags);
		if (st == PB_NUM_BAD)
			return bad(in, "不是有效的数字", "not a number");
		if (st == PB_NUM_MISSING)
			return 0;
	}
	v *= factor;
	if (!isfinite(v) || fabs(v) >= MAX_FIGURE)
		return bad(in, "数值超出合理范围（请检查单位）", "value out of range (check the unit)");
	if (v < 0 && !(in->col->flags & PB_COL_NEGATIVE))
		return bad(in, "不能为负数", "must not be negative");
	if (in->col->max > 0 && v > in->col->max)
		return bad(in, "数值超出上限", "value above the maximum");
	set_real(in->x, rec, in->spec, v);
	return 0;
}

static int conv_count(const cell_in *in, void *rec)
{
	long long v;
	if (!cell_as_int(in, &v))
		return bad(in, "应为整数", "must be a whole number");
	if (v < 0)
		return bad(in, "不能为负数", "must not be negative");
	set_int(in->x, rec, in->spec, v);
	return 0;
}

static int conv_bool(const cell_in *in, void *rec)
{
	static const char *const yes[] = { "是", "y", "yes", "true", "1", "√", "✓", "有" };
	static const char *const no[] = { "否", "n", "no", "false", "0", "×", "✗", "无" };
	char key[32];
	pb_text_key(in->s, in->len, key, sizeof(key));
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(key, yes[i]) == 0) {
			set_int(in->x, rec, in->spec, 1);
			return 0;
		}
		if (strcmp(key, no[i]) == 0) {
			set_int(in->x, rec, in->spec, 0);
			return 0;
		}
	}
	return bad(in, "应为“是”或“否”", "must be 是 (yes) or 否 (no)");
}

static int conv_enum(const cell_in *in, void *rec)
{
	char key[128], lk[128];
	pb_text_key(in->s, in->len, key, sizeof(key));
	for (const pb_enum_label *l = in->col->labels; l->label; l++) {
		pb_text_key(l->label, strlen(l->label), lk, sizeof(lk));
		if (strcmp(key, lk) != 0)
			continue;
		if (in->col->conv == PB_CV_ENUM)
			set_int(in->x, rec, in->spec, l->value);
		else
			set_text(in->x, rec, in->spec, pb_enum_label_of(in->col->labels, l->value));
		return 0;
	}
	/* list the canonical labels in the message */
	char list[256] = "";
	int last = -1;
	for (const pb_enum_label *l = in->col->labels; l->label; l++) {
		if (l->value == last)
			continue;
		last = l->value;
		size_t n = strlen(list);
		snprintf(list + n, sizeof(list) - n, "%s%s", n ? "、" : "", l->label);
	}
	char zh[320], en[320];
	snprintf(zh, sizeof(zh), "不是可选的值（应为：%s）", list);
	snprintf(en, sizeof(en), "not an allowed value (one of: %s)", list);
	return bad(in, zh, en);
}

/* A known kind's Chinese name or key becomes its key; another ASCII key is kept as it
 * is (a scheme may name kinds parkbrain does not know). */
static int conv_fact_kind(const cell_in *in, void *rec)
{
	char text[128];
	const char *key = NULL;
	int rc = PB_EINVAL;
	if (in->len < sizeof(text)) {
		memcpy(text, in->s, in->len);
		text[in->len] = '\0';
		rc = pb_mujun_fact_kind_parse(&key, text);
	}
	if (rc) {
		/* the parser's message, its two halves apart for the report */
		char zh[1024] = "未知的事项", en[1024] = "unknown fact kind";
		const char *msg = in->len < sizeof(text) ? pb_error_last() : "";
		const char *sep = strstr(msg, " / ");
		if (sep) {
			snprintf(zh, sizeof(zh), "%.*s", (int)(sep - msg), msg);
			snprintf(en, sizeof(en), "%s", sep + 3);
		}
		return bad(in, zh, en);
	}
	const char *t = key ? key : pb_import_strdup(in->x, in->s, in->len);
	if (!t)
		return -1;
	set_text(in->x, rec, in->spec, t);
	return 0;
}

static int resolve(const cell_in *in, pb_index *ix, const char *key, size_t klen,
		   const char *what_zh, const char *what_en, const char *import_zh, void *rec)
{
	int64_t id = pb_index_find(ix, key, klen);
	if (id > 0) {
		set_int(in->x, rec, in->spec, id);
		return 0;
	}
	char zh[256], en[256];
	if (id < 0) {
		snprintf(zh, sizeof(zh), "有多个%s叫这个名称，无法确定是哪一个（请改用统一社会信用代码）",
			 what_zh);
		snprintf(en, sizeof(en), "several %ss have this name (use the USCC instead)", what_en);
	} else {
		snprintf(zh, sizeof(zh), "库中没有这个%s（请先导入%s）", what_zh, import_zh);
		snprintf(en, sizeof(en), "no such %s in the database (import the %ss first)",
			 what_en, what_en);
	}
	return bad(in, zh, en);
}

static int conv_ref(const cell_in *in, void *rec)
{
	pb_import_refs *r = &in->x->refs;
	char key[512];
	size_t n;
	switch (in->col->conv) {
	case PB_CV_REF_ENTERPRISE: {
		/* Files come grouped by enterprise: the same code as the row before needs
		 * neither checking nor looking up again. */
		if (r->last_uscc_len && in->len == r->last_uscc_len &&
		    memcmp(in->s, r->last_uscc, in->len) == 0) {
			*(int64_t *)field_ptr(in->x, rec, in->spec) = r->last_uscc_id;
			return 0;
		}
		char code[19];
		if (conv_uscc(in, code))
			return 1;
		int rc = resolve(in, &r->ent_uscc, code, 18, "企业", "enterprise", "企业名录", rec);
		if (rc == 0 && in->len < sizeof(r->last_uscc)) {
			memcpy(r->last_uscc, in->s, in->len);
			r->last_uscc_len = in->len;
			r->last_uscc_id = *(int64_t *)field_ptr(in->x, rec, in->spec);
		}
		return rc;
	}
	case PB_CV_REF_ENTERPRISE_NAME:
		n = pb_text_key(in->s, in->len, key, sizeof(key));
		return resolve(in, &r->ent_name, key, n, "企业", "enterprise", "企业名录", rec);
	case PB_CV_REF_PARK:
		n = pb_text_key(in->s, in->len, key, sizeof(key));
		return resolve(in, &r->park, key, n, "园区", "park", "园区", rec);
	case PB_CV_REF_INDICATOR:
		n = pb_text_key(in->s, in->len, key, sizeof(key));
		return resolve(in, &r->indicator, key, n, "指标", "indicator", "规划指标", rec);
	case PB_CV_REF_PROJECT:
		n = pb_text_key(in->s, in->len, key, sizeof(key));
		return resolve(in, &r->project, key, n, "项目", "project", "招商项目", rec);
	case PB_CV_REF_KEY_PROJECT:
		n = pb_text_key(in->s, in->len, key, sizeof(key));
		return resolve(in, &r->key_project, key, n, "重点项目", "key project", "重点项目", rec);
	default:
		return 0;
	}
}

/* An alternative name column beside a USCC column: check they name the same firm. */
static void check_name(const cell_in *in, const void *rec)
{
	int64_t id = *(const int64_t *)field_ptr(in->x, (void *)rec, in->spec);
	if (id <= 0)
		return;
	const char *stored = pb_index_key_of(&in->x->refs.ent_names, id);
	if (!stored)
		return;
	char a[512], b[512];
	pb_text_key(in->s, in->len, a, sizeof(a));
	pb_text_key(stored, strlen(stored), b, sizeof(b));
	if (strcmp(a, b) == 0)
		return;
	char zh[700], en[700];
	snprintf(zh, sizeof(zh), "企业名称与统一社会信用代码不一致（库中该代码的企业为「%s」）",
		 stored);
	snprintf(en, sizeof(en), "name differs from the enterprise of this USCC (\"%s\")", stored);
	pb_import_cell_problem(in->x, PB_SEV_WARNING, in->row, in->spec, in->s, in->len, zh, en);
}

static int convert_cell(cell_in *in, double factor, void *rec)
{
	switch (in->col->conv) {
	case PB_CV_TEXT: return conv_text(in, rec);
	case PB_CV_USCC: {
		char code[19];
		if (conv_uscc(in, code))
			return 1;
		const char *t = pb_import_strdup(in->x, code, 18);
		if (!t)
			return -1;
		set_text(in->x, rec, in->spec, t);
		return 0;
	}
	case PB_CV_INDUSTRY: return conv_industry(in, rec);
	case PB_CV_MONTH: return conv_month(in, rec);
	case PB_CV_YEAR: return conv_year(in, rec);
	case PB_CV_DATE: return conv_date(in, rec);
	case PB_CV_NUM: return conv_num(in, factor, rec);
	case PB_CV_COUNT: return conv_count(in, rec);
	case PB_CV_BOOL: return conv_bool(in, rec);
	case PB_CV_ENUM:
	case PB_CV_ENUM_TEXT: return conv_enum(in, rec);
	case PB_CV_FACT_KIND: return conv_fact_kind(in, rec);
	default: return conv_ref(in, rec);
	}
}

int pb_import_convert_row(pb_import_ctx *x, uint32_t rownum, const pb_cell *cells, size_t n,
			  void *rec)
{
	int check_only_spec[64], nchk = 0;
	for (size_t i = 0; i < x->kind->ncols; i++) {
		int c = x->spec_col[i];
		if (c < 0)
			continue;
		const pb_column *col = &x->kind->cols[i];
		static const pb_cell empty = { "", 0, PB_CELL_EMPTY, 0 };
		const pb_cell *cell = (size_t)c < n ? &cells[c] : &empty;
		cell_in in = { x, rownum, (int)i, col, cell, cell->text, cell->len };
		pb_text_trim(&in.s, &in.len);
		if ((col->flags & PB_COL_CHECK_ONLY) && !x->name_resolves[i]) {
			if (in.len)
				check_only_spec[nchk++] = (int)i;
			continue;
		}
		/* "—", "-", "/" ... mean "no value" in every column that is not free text */
		double unused;
		if (in.len > 0 && col->conv != PB_CV_TEXT && cell->kind == PB_CELL_TEXT &&
		    pb_num_parse(in.s, in.len, &unused, 0) == PB_NUM_MISSING)
			in.len = 0;
		if (in.len == 0 || cell->kind == PB_CELL_ERROR) {
			if (cell->kind == PB_CELL_ERROR)
				bad(&in, "单元格是公式错误值", "the cell holds a formula error");
			else if (col->flags & PB_COL_REQUIRED)
				bad(&in, "必填项为空", "required value is empty");
			continue;
		}
		if (convert_cell(&in, x->colmap[c].factor, rec) < 0)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	for (int k = 0; k < nchk; k++) {
		int i = check_only_spec[k];
		const pb_cell *cell = &cells[x->spec_col[i]];
		cell_in in = { x, rownum, i, &x->kind->cols[i], cell, cell->text, cell->len };
		pb_text_trim(&in.s, &in.len);
		check_name(&in, rec);
	}
	return 0;
}
