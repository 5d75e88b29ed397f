/* report.c - collecting problems found in an input file; see report.h. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "json_value.h"

void pb_report_init(pb_report *rep)
{
	memset(rep, 0, sizeof(*rep));
}

static void problem_free(pb_problem *p)
{
	free(p->file);
	free(p->sheet);
	free(p->header);
	free(p->value);
	free(p->reason);
	free(p->reason_en);
}

void pb_report_free(pb_report *rep)
{
	for (size_t i = 0; i < rep->count; i++)
		problem_free(&rep->items[i]);
	free(rep->items);
	size_t limit = rep->limit;
	pb_report_init(rep);
	rep->limit = limit;
}

static char *dup_or_null(const char *s, size_t len)
{
	if (!s)
		return NULL;
	if (len == (size_t)-1)
		len = strlen(s);
	return strndup(s, len);
}

int pb_report_add(pb_report *rep, pb_severity sev, const char *file, const char *sheet,
		  uint32_t row, uint32_t col, const char *header, const char *value,
		  size_t value_len, const char *reason_zh, const char *reason_en)
{
	if (sev == PB_SEV_ERROR)
		rep->errors++;
	else
		rep->warnings++;
	size_t limit = rep->limit ? rep->limit : 10000;
	if (rep->count >= limit) {
		/* A file with a million bad rows must not exhaust memory: keep counting. */
		rep->dropped++;
		return 0;
	}
	if (rep->count == rep->cap) {
		size_t cap = rep->cap ? rep->cap * 2 : 16;
		pb_problem *items = realloc(rep->items, cap * sizeof(*items));
		if (!items)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		rep->items = items;
		rep->cap = cap;
	}
	pb_problem *p = &rep->items[rep->count];
	memset(p, 0, sizeof(*p));
	p->severity = sev;
	p->row = row;
	p->col = col;
	p->file = strdup(file ? file : "");
	p->sheet = dup_or_null(sheet, (size_t)-1);
	p->header = dup_or_null(header, (size_t)-1);
	p->value = dup_or_null(value, value_len);

	p->reason = strdup(reason_zh);
	p->reason_en = strdup(reason_en);
	if (!p->file || !p->reason || !p->reason_en) {
		problem_free(p);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	rep->count++;
	return 0;
}

static int problem_cmp(const void *a, const void *b)
{
	const pb_problem *x = a, *y = b;
	int s = strcmp(x->sheet ? x->sheet : "", y->sheet ? y->sheet : "");
	if (s)
		return s;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (int)x->severity - (int)y->severity;
}

void pb_report_sort(pb_report *rep)
{
	/* Problems of one row can come from different passes (cell parsing, then
	 * cross-row checks); a stable order makes reports comparable in tests. */
	if (rep->count > 1)
		qsort(rep->items, rep->count, sizeof(*rep->items), problem_cmp);
}

void pb_report_col_letters(uint32_t col, char out[8])
{
	char tmp[8];
	int n = 0;
	while (col > 0 && n < 7) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void pb_report_print(const pb_report *rep, FILE *out, const char *lang)
{
	int en = lang && strcmp(lang, "en") == 0;
	for (size_t i = 0; i < rep->count; i++) {
		const pb_problem *p = &rep->items[i];
		fputs(p->severity == PB_SEV_ERROR ? (en ? "error: " : "错误：")
						  : (en ? "warning: " : "警告："), out);
		fputs(p->file, out);
		if (p->sheet)
			fprintf(out, en ? " sheet \"%s\"" : " 工作表「%s」", p->sheet);
		if (p->row)
			fprintf(out, en ? " row %u" : " 第%u行", p->row);
		if (p->col) {
			char letters[8];
			pb_report_col_letters(p->col, letters);
			fprintf(out, en ? " column %s" : " %s列", letters);
		}
		if (p->header)
			fprintf(out, en ? " (%s)" : "「%s」", p->header);
		if (p->value)
			fprintf(out, en ? " value \"%s\"" : " 值\"%s\"", p->value);
		fprintf(out, "%s%s\n", en ? ": " : "：", en ? p->reason_en : p->reason);
	}
	if (rep->dropped)
		fprintf(out, en ? "... and %zu more problems not listed\n"
				: "……另有 %zu 个问题未列出\n", rep->dropped);
}

json_t *pb_report_json(const pb_report *rep)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < rep->count; i++) {
		const pb_problem *p = &rep->items[i];
		char col[8] = "";
		if (p->col)
			pb_report_col_letters(p->col, col);
		json_t *o = json_object();
		json_object_set_new(o, "severity", json_string(p->severity == PB_SEV_ERROR ? "error"
											   : "warning"));
		json_object_set_new(o, "file", pb_json_text(p->file));
		json_object_set_new(o, "sheet", pb_json_text(p->sheet));
		json_object_set_new(o, "row", p->row ? json_integer(p->row) : json_null());
		json_object_set_new(o, "column", p->col ? json_string(col) : json_null());
		json_object_set_new(o, "column_number", p->col ? json_integer(p->col) : json_null());
		json_object_set_new(o, "header", pb_json_text(p->header));
		json_object_set_new(o, "value", pb_json_text(p->value));
		json_object_set_new(o, "reason", pb_json_text(p->reason));
		json_object_set_new(o, "reason_en", pb_json_text(p->reason_en));
		if (json_array_append_new(a, o)) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}
