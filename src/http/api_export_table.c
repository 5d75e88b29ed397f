/*
 * api_export_table.c - any table a page shows, as .xlsx: POST /api/v1/exports/table
 *
 *   {"title": "月度监测 2025-12 按园区",
 *    "columns": [{"label": "园区"}, {"label": "工业总产值（万元）", "num": true}],
 *    "rows": [["长江绿色创新产业园", 123456.7], ["茶园工业园", null]]}
 *
 * answers the workbook: one sheet named after the title, the labels as its bold frozen
 * header row, strings as text, numbers as numbers, null as an empty cell, written by the
 * same writer as `parkbrain export` (src/io/table_write.h). The server lays out what the
 * page already holds and reads nothing, so no scope is widened and any signed-in user may;
 * it changes nothing either, so it is not audited (the access log has it).
 *
 * The body is checked whole before anything is written, strictly: no other keys, the
 * types and bounds below; the first fault is a 400 naming its field ("rows[3][2]").
 * The body itself is bounded by the server's limit (32 MiB): 200,000 rows of a dozen
 * short columns fit well within it, so this route needs no larger one. But parsed, 32 MiB
 * of short numbers ("0,0,0,...") would be some 16 million JSON values of ~40 bytes each;
 * so the cells are counted in the text first (its commas outside strings) and a table of
 * more than 4,000,000 cells is refused before jansson sees it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api.h"
#include "error.h"
#include "http.h"
#include "num.h"
#include "table_write.h"

enum {
	MAX_TITLE = 200,      /* characters */
	MAX_LABEL = 200,      /* characters */
	MAX_COLUMNS = 256,
	MAX_ROWS = 200000,
	MAX_TEXT = 32767,     /* characters in a cell: Excel's own limit */
	MAX_CELLS = 4000000,  /* rows × columns: 200,000 rows of 20 columns */
};

typedef struct table_in {
	const char *title;
	json_t *columns, *rows;
	size_t ncols;
} table_in;

/* Characters of a UTF-8 string (jansson has checked that it is UTF-8). */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* An object's keys are all among `allowed` ('|'-separated); sets *unknown to the first
 * that is not. */
static int only_keys(json_t *o, const char *allowed, const char **unknown)
{
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		size_t n = strlen(k);
		const char *p = allowed;
		int found = 0;
		while (*p && !found) {
			const char *bar = strchr(p, '|');
			size_t m = bar ? (size_t)(bar - p) : strlen(p);
			found = m == n && strncmp(p, k, n) == 0;
			p += m + (bar ? 1 : 0);
		}
		if (!found) {
			*unknown = k;
			return 0;
		}
	}
	return 1;
}

/* Check the body into *t; 0 when it is good, else the 400 is in resp (returns 1). */
static int check(table_in *t, pb_http_resp *resp, json_t *in)
{
	char field[64];
	const char *unknown = NULL;
	if (!json_is_object(in))
		return pb_http_bad(resp, "body", "请求应为 JSON 对象 {title, columns, rows}",
			   "the body must be a JSON object {title, columns, rows}"), 1;
	if (!only_keys(in, "title|columns|rows", &unknown))
		return pb_http_bad(resp, unknown, "未知字段", "unknown field"), 1;
	json_t *title = json_object_get(in, "title");
	if (!json_is_string(title) || !json_string_length(title) || chars(json_string_value(title)) > MAX_TITLE)
		return pb_http_bad(resp, "title", "标题应为 1 至 200 个字符的文字",
			   "title must be a string of 1 to 200 characters"), 1;
	t->title = json_string_value(title);
	t->columns = json_object_get(in, "columns");
	t->ncols = json_array_size(t->columns);
	if (!json_is_array(t->columns) || t->ncols < 1 || t->ncols > MAX_COLUMNS)
		return pb_http_bad(resp, "columns", "columns 应为 1 至 256 列的数组",
			   "columns must be an array of 1 to 256 columns"), 1;
	for (size_t c = 0; c < t->ncols; c++) {
		json_t *col = json_array_get(t->columns, c);
		snprintf(field, sizeof(field), "columns[%zu]", c);
		if (!json_is_object(col))
			return pb_http_bad(resp, field, "列应为对象 {label, num}", "a column must be an object {label, num}"), 1;
		if (!only_keys(col, "label|num", &unknown)) {
			snprintf(field, sizeof(field), "columns[%zu].%.32s", c, unknown);
			return pb_http_bad(resp, field, "未知字段", "unknown field"), 1;
		}
		json_t *label = json_object_get(col, "label"), *num = json_object_get(col, "num");
		snprintf(field, sizeof(field), "columns[%zu].label", c);
		if (!json_is_string(label) || chars(json_string_value(label)) > MAX_LABEL)
			return pb_http_bad(resp, field, "列名应为不超过 200 个字符的文字",
				   "a label must be a string of at most 200 characters"), 1;
		snprintf(field, sizeof(field), "columns[%zu].num", c);
		if (num && !json_is_boolean(num))
			return pb_http_bad(resp, field, "num 应为 true 或 false", "num must be true or false"), 1;
	}
	t->rows = json_object_get(in, "rows");
	if (!json_is_array(t->rows) || json_array_size(t->rows) > MAX_ROWS)
		return pb_http_bad(resp, "rows", "rows 应为不超过 200000 行的数组",
			   "rows must be an array of at most 200000 rows"), 1;
	if (json_array_size(t->rows) * t->ncols > MAX_CELLS)
		return pb_http_bad(resp, "rows", "表格过大：至多 4000000 个单元格", "the table is too large: "
			   "4,000,000 cells at most"), 1;
	size_t r;
	json_t *row;
	json_array_foreach(t->rows, r, row) {
		snprintf(field, sizeof(field), "rows[%zu]", r);
		if (!json_is_array(row) || json_array_size(row) != t->ncols)
			return pb_http_bad(resp, field, "每行应为与 columns 等长的数组",
				   "each row must be an array as long as columns"), 1;
		for (size_t c = 0; c < t->ncols; c++) {
			json_t *v = json_array_get(row, c);
			snprintf(field, sizeof(field), "rows[%zu][%zu]", r, c);
			if (!json_is_string(v) && !json_is_number(v) && !json_is_null(v))
				return pb_http_bad(resp, field, "单元格应为文字、数字或 null",
					   "a cell must be a string, a number or null"), 1;
			if (json_is_string(v) && chars(json_string_value(v)) > MAX_TEXT)
				return pb_http_bad(resp, field, "单元格文字超过 32767 个字符（Excel 的上限）",
					   "a cell's text is over 32767 characters (Excel's limit)"), 1;
		}
	}
	return 0;
}

/* The values in a JSON text, about: its commas outside strings, plus one. */
static size_t values_in(const char *s, size_t len)
{
	size_t n = 1;
	int in_string = 0;
	for (size_t i = 0; i < len; i++) {
		if (in_string && s[i] == '\\')
			i++;
		else if (s[i] == '"')
			in_string = !in_string;
		else if (!in_string && s[i] == ',')
			n++;
	}
	return n;
}

/* One row of JSON values as cells; numbers get their shortest text for the widths. */
static void to_cells(pb_cell *cells, char (*text)[32], json_t *row, size_t ncols)
{
	for (size_t c = 0; c < ncols; c++) {
		json_t *v = json_array_get(row, c);
		if (json_is_number(v)) {
			double d = json_number_value(v);
			pb_num_format(d, text[c]);
			cells[c] = (pb_cell){ text[c], strlen(text[c]), PB_CELL_NUMBER, d };
		} else if (json_is_string(v) && json_string_length(v)) {
			cells[c] = (pb_cell){ json_string_value(v), json_string_length(v), PB_CELL_TEXT, 0 };
		} else {
			cells[c] = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
		}
	}
}

static int write_table(void *ctx, const char *path)
{
	const table_in *t = ctx;
	pb_cell *cells = calloc(t->ncols, sizeof(*cells));
	char (*text)[32] = calloc(t->ncols, sizeof(*text));
	pb_table_writer *w = NULL;
	int rc = !cells || !text ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory")
				 : pb_table_writer_open(&w, path, PB_FMT_XLSX, t->title);
	for (size_t c = 0; !rc && c < t->ncols; c++) {
		json_t *label = json_object_get(json_array_get(t->columns, c), "label");
		cells[c] = (pb_cell){ json_string_value(label), json_string_length(label),
				      json_string_length(label) ? PB_CELL_TEXT : PB_CELL_EMPTY, 0 };
	}
	if (!rc)
		rc = pb_table_writer_row(w, cells, t->ncols);
	for (size_t r = 0; !rc && r < json_array_size(t->rows); r++) {
		to_cells(cells, text, json_array_get(t->rows, r), t->ncols);
		rc = pb_table_writer_row(w, cells, t->ncols);
	}
	if (w && rc)
		pb_table_writer_abort(w);
	else if (w)
		rc = pb_table_writer_close(w);
	free(cells);
	free(text);
	return rc;
}

/* The download's name: the title, the characters file systems refuse as "_", .xlsx. */
static void file_name(char *out, size_t cap, const char *title)
{
	size_t n = 0;
	for (const char *p = title; *p && n + 6 < cap; p++)
		out[n++] = (unsigned char)*p < 0x20 || strchr("\\/:*?\"<>|", *p) ? '_' : *p;
	snprintf(out + n, cap - n, ".xlsx");
}

int pb_api_export_table(pb_http_resp *resp, const pb_http_req *req)
{
	/* the columns and the title are a few values beside the cells */
	if (req->body && values_in(req->body, req->body_len) > MAX_CELLS + 2 * MAX_COLUMNS + 8)
		return pb_http_bad(resp, "rows", "表格过大：至多 4000000 个单元格", "the table is too large: "
			   "4,000,000 cells at most");
	json_error_t jerr;
	json_t *in = req->body && req->body_len ? json_loadb(req->body, req->body_len, 0, &jerr) : NULL;
	if (!in)
		return pb_http_bad(resp, "body", "请求体不是有效的 JSON", "the body is not valid JSON");
	table_in t = { 0 };
	if (check(&t, resp, in)) {
		json_decref(in);
		return 0;
	}
	int rc = pb_http_body_from_file(resp, "table.xlsx", write_table, &t);
	if (!rc) {
		/* 200 characters of at most 4 bytes fit in file_name[1024] */
		file_name(resp->file_name, sizeof(resp->file_name), t.title);
		resp->status = 200;
		resp->type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	}
	json_decref(in);
	return rc;
}
