/* test_xlsx.c - the .xlsx reader (and format detection, file mapping) on the fixtures of
 * tests/data/xlsx: report.xlsx written by libxlsxwriter, the others written part by part
 * by tests/data/xlsx/make_fixtures.py. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "error.h"
#include "table.h"

/* What a reader delivered, one line per sheet or row: "[name]" or
 * "row:K<text>|K<text>..." with K the kind: _ empty, T text, N number, D date,
 * B bool, E error. Also the numbers of the cells of one chosen row. */
typedef struct got {
	char text[16384];
	size_t len;
	uint32_t rows;
	uint32_t keep_row;   /* record nums[] of this row */
	double nums[16];
	int stop_at;         /* return stop_code at this row (0: never) */
	int stop_code;
	int sheet_code;      /* returned by sheet() */
} got;

static void add(got *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(got *g, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(g->text + g->len, sizeof(g->text) - g->len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(g->text) - g->len);
	g->len += (size_t)n;
}

static int on_sheet(void *ctx, const char *name)
{
	got *g = ctx;
	add(g, "[%s]\n", name ? name : "-");
	return g->sheet_code;
}

static int on_row(void *ctx, uint32_t row, const pb_cell *c, size_t n)
{
	got *g = ctx;
	static const char kinds[] = "_TNDBE";
	assert_true(n > 0);
	assert_int_not_equal(c[n - 1].kind, PB_CELL_EMPTY); /* ncells: one past the last */
	add(g, "%u:", row);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(c[i].text);
		assert_int_equal(c[i].len, strlen(c[i].text));
		if (c[i].kind == PB_CELL_EMPTY)
			assert_int_equal(c[i].len, 0);
		add(g, "%s%c%s", i ? "|" : "", kinds[c[i].kind], c[i].text);
		if (row == g->keep_row && i < 16)
			g->nums[i] = c[i].num;
	}
	if (row == g->keep_row) /* the first such row only */
		g->keep_row = 0;
	add(g, "\n");
	g->rows++;
	return g->stop_at && (int)g->rows == g->stop_at ? g->stop_code : 0;
}

static const char *data_path(const char *rel)
{
	static char path[1024];
	const char *dir = getenv("PB_TEST_DATA");
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "tests/data", rel);
	return path;
}

/* Read a fixture through pb_table_read (mapped from disk) into g. */
static int read_file(const char *rel, got *g, pb_report *rep)
{
	pb_source src;
	assert_int_equal(pb_source_map(&src, data_path(rel)), 0);
	src.name = rel; /* reports name the file as the user gave it */
	pb_table_sink sink = { on_sheet, on_row, g };
	int rc = pb_table_read(&src, &sink, rep);
	pb_source_unmap(&src);
	return rc;
}

static int read_mem(const char *name, const void *data, size_t len, got *g, pb_report *rep)
{
	pb_source src = { name, NULL, data, len };
	pb_table_sink sink = { on_sheet, on_row, g };
	return pb_table_read_xlsx(&src, &sink, rep);
}

static void *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* The one error of a rejected file. */
static void assert_one_error(const pb_report *rep, const char *file, const char *sheet,
			     const char *zh, const char *en)
{
	assert_int_equal(rep->errors, 1);
	assert_int_equal(rep->count, 1);
	const pb_problem *p = &rep->items[0];
	assert_int_equal(p->severity, PB_SEV_ERROR);
	assert_string_equal(p->file, file);
	if (sheet)
		assert_string_equal(p->sheet, sheet);
	else
		assert_null(p->sheet);
	assert_int_equal(p->row, 0);
	assert_int_equal(p->col, 0);
	assert_string_equal(p->reason, zh);
	assert_string_equal(p->reason_en, en);
}

/* libxlsxwriter's workbook: shared strings, a title row and a two-row merged header
 * (merged cells hold their text in the first cell; the others are empty), dates in
 * built-in and custom formats, formats that are not dates, three sheets. */
static void test_report(void **state)
{
	(void)state;
	got g = { .keep_row = 4 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/report.xlsx", &g, &rep), 0);
	assert_int_equal(rep.count, 0);
	assert_string_equal(g.text,
		"[填表说明]\n"
		"1:T请按月填报，金额单位万元\n"
		"3:_|T联系人：经济运行局\n"
		"[2024年1月]\n"
		"1:T2024年1月规上工业企业主要指标\n"
		"2:T统一社会信用代码|T企业名称|T月份|T工业总产值（万元）|_|T填报日期|T增速|T是否规上\n"
		"3:_|_|_|T本月|T上年同期\n"
		/* yyyy"年"m"月" and yyyy-mm-dd hh:mm are dates; #,##0.00"万元" and 0.0% not */
		"4:T91500108314159014J|T重庆甲电子有限公司|D45292|N15000.5|N12000|D45327.39583333334|N0.25|BTRUE\n"
		/* built-in format 14 is a date; a formula gives its cached value */
		"5:T91500108314159022D|T重庆乙制冷设备有限公司|D45322|N2600|T—|_|N-0.125|BFALSE\n"
		"7:_|T重庆甲电子有限公司|_|N-1e-07|N1.234567890123457e+19\n"
		"[空表]\n");
	assert_true(g.nums[2] == 45292);        /* 2024-01-01 */
	assert_true(g.nums[3] == 15000.5);
	assert_true(g.nums[5] > 45327.395 && g.nums[5] < 45327.396); /* 2024-02-05 09:30 */
	assert_true(g.nums[7] == 1);
	pb_report_free(&rep);
}

/* Written part by part: the 1904 date system, rich text, phonetic runs, _xHHHH_
 * escapes, inline strings, rows and cells without r=, every cell type, a chart sheet
 * and prefixed element names. */
static void test_handmade(void **state)
{
	(void)state;
	got g = { .keep_row = 6 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/handmade.xlsx", &g, &rep), 0);
	assert_int_equal(rep.count, 0);
	assert_string_equal(g.text,
		"[数据]\n"
		/* rich text runs joined; the <rPh> reading dropped; _x000D_ is a CR and
		 * _x005F_ a literal underscore; the empty shared string is an empty cell */
		"1:T统一社会信用代码|T重庆甲电子有限公司 |_|T東京|T第一行\r\n第二行 _x0041_\n"
		/* row 2 has formatted but empty cells only: not delivered */
		"3:T内联文字|T富文本|BTRUE|BFALSE|E#DIV/0!|T内联文字!\n"
		/* <row> and <c> without r=: row 4, columns A, B, C, then F as given, then G */
		"4:N1|N2.5|T丙|_|_|N-3|N0.1\n"
		/* 1904 system: 43860 is 2024-01-31, serial 45322 in the 1900 system; [h]:mm
		 * and format 22 are dates too; a money format is not, although a conditional
		 * format (dxf) reuses its id for a date; [Red] and "m" in quotes are not */
		"6:D45322|D45292|D1463.5|D45322.75|N1234.5|N-7|N2|D1462\n"
		/* ISO dates are not shifted; a shared string index beyond the table: empty */
		"7:D45322|D45352.5\n"
		/* the chart sheet 图表 is skipped; x:row and x:c are read */
		"[第二页]\n"
		"2:_|T统一社会信用代码|N42\n");
	assert_true(g.nums[0] == 45322);
	assert_true(g.nums[3] == 45322.75);
	assert_true(g.nums[7] == 1462); /* 1904-01-01 */
	pb_report_free(&rep);
}

static void test_truncated(void **state)
{
	(void)state;
	size_t len;
	void *data = slurp(data_path("xlsx/report.xlsx"), &len);
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_mem("report.xlsx", data, len / 2, &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "report.xlsx", NULL, "文件不完整或已损坏（不是有效的 xlsx 压缩包）",
			 "the file is truncated or corrupt (not a valid xlsx zip)");
	assert_int_equal(g.len, 0);
	pb_report_free(&rep);
	/* cut anywhere: a rejection with one error, never a crash */
	for (size_t cut = 0; cut < len; cut += 61) {
		pb_report_init(&rep);
		memset(&g, 0, sizeof(g));
		assert_int_equal(read_mem("report.xlsx", data, cut, &g, &rep), PB_EREJECTED);
		assert_int_equal(rep.errors, 1);
		pb_report_free(&rep);
	}
	free(data);
}

static void test_not_a_zip(void **state)
{
	(void)state;
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	/* the content is text, the name says .xlsx: the xlsx reader rejects it clearly
	 * rather than the CSV reader making rows of it */
	assert_int_equal(read_file("xlsx/not_a_zip.xlsx", &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "xlsx/not_a_zip.xlsx", NULL,
			 "文件不完整或已损坏（不是有效的 xlsx 压缩包）",
			 "the file is truncated or corrupt (not a valid xlsx zip)");
	pb_report_free(&rep);
}

static void test_broken_parts(void **state)
{
	(void)state;
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/no_workbook.xlsx", &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "xlsx/no_workbook.xlsx", NULL,
			 "不是有效的 xlsx 文件（缺少工作簿部件 xl/workbook.xml）",
			 "not a valid xlsx file (the workbook part xl/workbook.xml is missing)");
	pb_report_free(&rep);

	memset(&g, 0, sizeof(g));
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/missing_sheet.xlsx", &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "xlsx/missing_sheet.xlsx", "报表",
			 "工作表缺失（工作簿引用了不存在的部件）",
			 "the sheet is missing (the workbook names a part that is not there)");
	assert_string_equal(g.text, ""); /* a sheet that is not there is not announced */
	pb_report_free(&rep);

	/* rows before the damage are delivered (the reader streams); the report says the
	 * file is rejected, and the importer drops what it had */
	memset(&g, 0, sizeof(g));
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/bad_xml.xlsx", &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "xlsx/bad_xml.xlsx", "报表",
			 "文件已损坏（xl/worksheets/sheet1.xml 第4行 XML 错误：mismatched tag）",
			 "the file is corrupt (xl/worksheets/sheet1.xml line 4: mismatched tag)");
	assert_string_equal(g.text, "[报表]\n1:T甲\n");
	pb_report_free(&rep);

	memset(&g, 0, sizeof(g));
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/corrupt_entry.xlsx", &g, &rep), PB_EREJECTED);
	assert_one_error(&rep, "xlsx/corrupt_entry.xlsx", "报表",
			 "文件不完整或已损坏（解压失败）",
			 "the file is truncated or corrupt (decompression failed)");
	assert_true(g.rows < 600);
	pb_report_free(&rep);
}

/* Bytes changed at random (a fixed sequence): rows or one clear error, never a crash,
 * never more than one error. */
static void test_damaged(void **state)
{
	(void)state;
	size_t len;
	unsigned char *data = slurp(data_path("xlsx/handmade.xlsx"), &len);
	unsigned char *m = malloc(len);
	uint64_t x = 0x2545F4914F6CDD1DULL;
	int rejected = 0;
	for (int r = 0; r < 300; r++) {
		memcpy(m, data, len);
		for (int k = 0; k <= r % 6; k++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			m[(x >> 33) % len] = (unsigned char)(x >> 25);
		}
		got g = { 0 };
		pb_report rep;
		pb_report_init(&rep);
		int rc = read_mem("d.xlsx", m, len, &g, &rep);
		assert_true(rc == 0 || rc == PB_EREJECTED);
		assert_int_equal(rep.errors, rc == 0 ? 0 : 1);
		rejected += rc != 0;
		pb_report_free(&rep);
	}
	assert_true(rejected > 0);
	free(m);
	free(data);
}

/* A sink's non-zero return stops the reader, which returns it; nothing is reported. */
static void test_sink_stops(void **state)
{
	(void)state;
	got g = { .stop_at = 3, .stop_code = -42 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/report.xlsx", &g, &rep), -42);
	assert_int_equal(g.rows, 3);
	assert_int_equal(rep.count, 0);
	assert_string_equal(g.text, "[填表说明]\n1:T请按月填报，金额单位万元\n3:_|T联系人：经济运行局\n"
				    "[2024年1月]\n1:T2024年1月规上工业企业主要指标\n");
	pb_report_free(&rep);

	got h = { .sheet_code = PB_EINVAL };
	pb_report_init(&rep);
	assert_int_equal(read_file("xlsx/report.xlsx", &h, &rep), PB_EINVAL);
	assert_string_equal(h.text, "[填表说明]\n");
	assert_int_equal(rep.count, 0);
	pb_report_free(&rep);
}

/* A sheet bigger than the reader's buffers, written with libxlsxwriter in constant
 * memory mode (inline strings): every row arrives, in order, intact. */
static int count_row(void *ctx, uint32_t row, const pb_cell *c, size_t n)
{
	uint32_t *seen = ctx;
	char want[64];
	assert_int_equal(row, *seen + 1);
	assert_int_equal(n, 3);
	snprintf(want, sizeof(want), "企业%u", row);
	assert_string_equal(c[0].text, want);
	assert_true(c[1].kind == PB_CELL_NUMBER && c[1].num == row * 0.5);
	assert_true(c[2].kind == PB_CELL_DATE && c[2].num == 45292 + row % 30);
	*seen = row;
	return 0;
}

static void test_stream(void **state)
{
	(void)state;
	enum { ROWS = 30000 };
	char path[64];
	snprintf(path, sizeof(path), "/tmp/pb_test_stream_%d.xlsx", (int)getpid());
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy/m/d");
	char name[64];
	for (uint32_t r = 1; r <= ROWS; r++) {
		snprintf(name, sizeof(name), "企业%u", r);
		worksheet_write_string(ws, r - 1, 0, name, NULL);
		worksheet_write_number(ws, r - 1, 1, r * 0.5, NULL);
		worksheet_write_number(ws, r - 1, 2, 45292 + r % 30, date);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	pb_source src;
	assert_int_equal(pb_source_map(&src, path), 0);
	uint32_t seen = 0;
	pb_table_sink sink = { NULL, count_row, &seen };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(pb_table_read(&src, &sink, &rep), 0);
	assert_int_equal(seen, ROWS);
	pb_report_free(&rep);
	pb_source_unmap(&src);
	unlink(path);
}

static void test_detect_and_map(void **state)
{
	(void)state;
	pb_source s;
	assert_int_equal(pb_source_map(&s, data_path("xlsx/report.xlsx")), 0);
	assert_int_equal(pb_table_detect(&s), PB_FMT_XLSX);
	s.name = "report.csv"; /* the content wins over the name */
	assert_int_equal(pb_table_detect(&s), PB_FMT_XLSX);
	pb_source_unmap(&s);
	assert_null(s.data);
	assert_int_equal(pb_source_map(&s, data_path("xls/kinds.xls")), 0);
	s.name = "kinds.dat";
	assert_int_equal(pb_table_detect(&s), PB_FMT_XLS);
	pb_source_unmap(&s);

	/* no magic: the extension decides, in any case, and then CSV */
	pb_source t = { "a.XLSX", NULL, (const unsigned char *)"abc", 3 };
	assert_int_equal(pb_table_detect(&t), PB_FMT_XLSX);
	t.name = "a.xls";
	assert_int_equal(pb_table_detect(&t), PB_FMT_XLS);
	t.name = "a.txt";
	assert_int_equal(pb_table_detect(&t), PB_FMT_CSV);
	t.name = NULL;
	assert_int_equal(pb_table_detect(&t), PB_FMT_CSV);
	pb_source e = { "x.csv", NULL, (const unsigned char *)"", 0 };
	assert_int_equal(pb_table_detect(&e), PB_FMT_CSV);

	/* an empty file maps (to zero bytes); a missing one does not */
	char path[64];
	snprintf(path, sizeof(path), "/tmp/pb_test_empty_%d.csv", (int)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(pb_source_map(&s, path), 0);
	assert_int_equal(s.len, 0);
	assert_non_null(s.data);
	assert_string_equal(s.path, path);
	pb_source_unmap(&s);
	unlink(path);
	assert_int_equal(pb_source_map(&s, path), PB_EIO);
	assert_int_equal(pb_source_map(&s, "/tmp"), PB_EIO); /* a directory */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report),
		cmocka_unit_test(test_handmade),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_broken_parts),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_sink_stops),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_detect_and_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
