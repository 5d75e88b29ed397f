/* test_xls.c - the .xls reader on the BIFF8 fixtures of tests/data/xls (written with
 * python3-xlwt by tests/data/xls/make_fixtures.py). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "table.h"

/* Same collector as test_xlsx.c: "[sheet]" and "row:K<text>|..." lines, K one of
 * _ T N D B E; the numbers of row keep_row. */
typedef struct got {
	char text[8192];
	size_t len;
	uint32_t rows;
	uint32_t keep_row;
	double nums[16];
	int stop_at, stop_code;
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
	add(ctx, "[%s]\n", name ? name : "-");
	return 0;
}

static int on_row(void *ctx, uint32_t row, const pb_cell *c, size_t n)
{
	got *g = ctx;
	static const char kinds[] = "_TNDBE";
	assert_true(n > 0);
	assert_int_not_equal(c[n - 1].kind, PB_CELL_EMPTY);
	add(g, "%u:", row);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c[i].len, strlen(c[i].text));
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

/* Read a fixture from disk (freexl opens the file itself) or, with in_memory, as bytes
 * only (the reader writes a temporary copy). */
static int read_fixture(const char *rel, int in_memory, got *g, pb_report *rep)
{
	pb_source src;
	assert_int_equal(pb_source_map(&src, data_path(rel)), 0);
	src.name = rel;
	if (in_memory)
		src.path = NULL;
	pb_table_sink sink = { on_sheet, on_row, g };
	int rc = pb_table_read(&src, &sink, rep);
	pb_source_unmap(&src);
	return rc;
}

/* kinds.xls as the reader gives it: the first rows of the first sheet, then the other
 * sheets. freexl reports a boolean and an error cell as the integer 1 (BOOLERR
 * records): they come as numbers. */
#define KINDS_HEAD \
	"[数据]\n" \
	"1:T企业名称|T整数|T小数|T日期|T时间戳|T时刻|T是否|T错误\n" \
	"2:T重庆甲电子有限公司|N1200|N15000.25|D45322|D45352.5|D0.75|N1|N1\n" \
	"4:T重庆乙制冷设备有限公司|_|N-0.5|D36585\n"
/* a title row and a two-row merged header: of merged cells, the first holds the text */
#define KINDS_TAIL \
	"[2024年1月]\n" \
	"1:T2024年1月规上工业企业主要指标\n" \
	"2:T统一社会信用代码|T工业总产值（万元）\n" \
	"3:_|T本月|T上年同期\n" \
	"4:T91500108314159014J|N15000.5|N12000\n" \
	"[空表]\n"

static void test_kinds(void **state)
{
	(void)state;
	for (int in_memory = 0; in_memory <= 1; in_memory++) {
		got g = { .keep_row = 2 };
		pb_report rep;
		pb_report_init(&rep);
		assert_int_equal(read_fixture("xls/kinds.xls", in_memory, &g, &rep), 0);
		assert_int_equal(rep.count, 0);
		/* Excel's phantom 1900-02-29 is serial 60: the 28th is 59, March 1st 61 */
		assert_string_equal(g.text, KINDS_HEAD "5:T1900|_|_|D59|D61\n" KINDS_TAIL);
		assert_true(g.nums[1] == 1200);
		assert_true(g.nums[2] == 15000.25);
		assert_true(g.nums[3] == 45322);   /* 2024-01-31 */
		assert_true(g.nums[4] == 45352.5); /* 2024-03-01 12:00 */
		assert_true(g.nums[5] == 0.75);    /* 18:00 */
		pb_report_free(&rep);
	}
}

/* The same dates in a workbook of the 1904 date system come as 1900-system serials. */
static void test_1904(void **state)
{
	(void)state;
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_fixture("xls/kinds1904.xls", 0, &g, &rep), 0);
	assert_string_equal(g.text, KINDS_HEAD KINDS_TAIL);
	pb_report_free(&rep);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Bytes without a path go through a temporary file, under $TMPDIR, removed after. */
static void test_temp_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/pb_test_xls_XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("TMPDIR", dir, 1);
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_fixture("xls/kinds.xls", 1, &g, &rep), 0);
	assert_int_equal(count_entries(dir), 0);
	pb_report_free(&rep);
	/* a temporary file that cannot be made is an I/O error, not a bad file */
	setenv("TMPDIR", "/nonexistent/dir", 1);
	pb_report_init(&rep);
	assert_int_equal(read_fixture("xls/kinds.xls", 1, &g, &rep), PB_EIO);
	assert_int_equal(rep.count, 0);
	pb_report_free(&rep);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	rmdir(dir);
}

static void assert_one_error(const pb_report *rep, const char *file, const char *zh,
			     const char *en)
{
	assert_int_equal(rep->errors, 1);
	assert_int_equal(rep->count, 1);
	assert_string_equal(rep->items[0].file, file);
	assert_null(rep->items[0].sheet);
	assert_int_equal(rep->items[0].row, 0);
	assert_string_equal(rep->items[0].reason, zh);
	assert_string_equal(rep->items[0].reason_en, en);
}

static void test_broken(void **state)
{
	(void)state;
	/* text named .xls */
	got g = { 0 };
	pb_report rep;
	pb_report_init(&rep);
	pb_source src = { "fake.xls", NULL, (const unsigned char *)"企业,产值\n甲,1\n", 16 };
	pb_table_sink sink = { on_sheet, on_row, &g };
	assert_int_equal(pb_table_read(&src, &sink, &rep), PB_EREJECTED);
	assert_one_error(&rep, "fake.xls", "文件不完整或已损坏（不是有效的 xls 工作簿）",
			 "the file is truncated or corrupt (not a valid xls workbook)");
	assert_int_equal(g.len, 0);
	pb_report_free(&rep);

	/* the first half of a workbook */
	pb_source whole;
	assert_int_equal(pb_source_map(&whole, data_path("xls/kinds.xls")), 0);
	pb_source half = { "half.xls", NULL, whole.data, whole.len / 2 };
	pb_report_init(&rep);
	assert_int_equal(pb_table_read(&half, &sink, &rep), PB_EREJECTED);
	assert_one_error(&rep, "half.xls", "文件不完整或已损坏（不是有效的 xls 工作簿）",
			 "the file is truncated or corrupt (not a valid xls workbook)");
	pb_report_free(&rep);
	pb_source_unmap(&whole);
}

static void test_sink_stops(void **state)
{
	(void)state;
	got g = { .stop_at = 2, .stop_code = -99 };
	pb_report rep;
	pb_report_init(&rep);
	assert_int_equal(read_fixture("xls/kinds.xls", 0, &g, &rep), -99);
	assert_int_equal(g.rows, 2);
	assert_int_equal(rep.count, 0);
	pb_report_free(&rep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_1904),
		cmocka_unit_test(test_temp_file),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_sink_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
