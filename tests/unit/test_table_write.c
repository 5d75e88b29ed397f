/* test_table_write.c - the table writer: CSV bytes, .xlsx read back by the readers, the
 * temporary file and its rename, sheet names Excel refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "error.h"
#include "table.h"
#include "table_write.h"

static char dir[64]; /* a fresh directory per test */

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pb_test_write_XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int entries(void)
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

static int teardown(void **state)
{
	(void)state;
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static const char *in_dir(const char *name)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static pb_cell T(const char *s)
{
	return (pb_cell){ s, strlen(s), *s ? PB_CELL_TEXT : PB_CELL_EMPTY, 0 };
}

static pb_cell N(const char *s, double v)
{
	return (pb_cell){ s, strlen(s), PB_CELL_NUMBER, v };
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

/* The rows every test writes: a header, Chinese text, numbers, a gap, and fields that
 * CSV must quote. */
static void write_rows(pb_table_writer *w)
{
	pb_cell head[] = { T("统一社会信用代码"), T("企业名称"), T("工业总产值（万元）"), T("备注") };
	pb_cell r1[] = { T("91500108314159014J"), T("重庆甲电子有限公司"), N("15000.5", 15000.5),
			 T("含逗号,和\"引号\"") };
	pb_cell r2[] = { T("91500108314159022D"), T("乙\r\n两行"), N("-0.125", -0.125), T("") };
	pb_cell r3[] = { T(""), T("丙"), N("", NAN) }; /* a missing figure */
	assert_int_equal(pb_table_writer_row(w, head, 4), 0);
	assert_int_equal(pb_table_writer_row(w, r1, 4), 0);
	assert_int_equal(pb_table_writer_row(w, r2, 4), 0);
	assert_int_equal(pb_table_writer_row(w, r3, 3), 0);
}

static void test_csv_bytes(void **state)
{
	(void)state;
	pb_table_writer *w;
	assert_int_equal(pb_table_writer_open(&w, in_dir("out.csv"), PB_FMT_UNKNOWN, "忽略"), 0);
	write_rows(w);
	assert_int_equal(pb_table_writer_close(w), 0);
	size_t len;
	char *got = slurp(in_dir("out.csv"), &len);
	static const char want[] =
		"\xEF\xBB\xBF"
		"统一社会信用代码,企业名称,工业总产值（万元）,备注\r\n"
		"91500108314159014J,重庆甲电子有限公司,15000.5,\"含逗号,和\"\"引号\"\"\"\r\n"
		"91500108314159022D,\"乙\r\n两行\",-0.125,\r\n"
		",丙,\r\n";
	assert_int_equal(len, sizeof(want) - 1);
	assert_memory_equal(got, want, len);
	free(got);
	assert_int_equal(entries(), 1); /* no temporary file left */
}

typedef struct got {
	char text[4096];
	size_t len;
	int kinds[4][4];
} got;

static int on_sheet(void *ctx, const char *name)
{
	got *g = ctx;
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "[%s]\n",
				   name ? name : "-");
	return 0;
}

static int on_row(void *ctx, uint32_t row, const pb_cell *c, size_t n)
{
	got *g = ctx;
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%u:", row);
	for (size_t i = 0; i < n; i++) {
		g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%s%s",
					   i ? "|" : "", c[i].text);
		if (row <= 4 && i < 4)
			g->kinds[row - 1][i] = c[i].kind;
	}
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "\n");
	return 0;
}

static int read_back(const char *path, got *g)
{
	pb_source src;
	assert_int_equal(pb_source_map(&src, path), 0);
	memset(g, 0, sizeof(*g));
	pb_table_sink sink = { on_sheet, on_row, g };
	pb_report rep;
	pb_report_init(&rep);
	int rc = pb_table_read(&src, &sink, &rep);
	assert_int_equal(rep.count, 0);
	pb_report_free(&rep);
	pb_source_unmap(&src);
	return rc;
}

/* The CSV read back by the CSV reader gives the same cells. */
static void test_csv_round_trip(void **state)
{
	(void)state;
	pb_table_writer *w;
	assert_int_equal(pb_table_writer_open(&w, in_dir("rt.csv"), PB_FMT_CSV, NULL), 0);
	write_rows(w);
	assert_int_equal(pb_table_writer_close(w), 0);
	got g;
	assert_int_equal(read_back(in_dir("rt.csv"), &g), 0);
	assert_string_equal(g.text, "[-]\n"
				    "1:统一社会信用代码|企业名称|工业总产值（万元）|备注\n"
				    "2:91500108314159014J|重庆甲电子有限公司|15000.5|含逗号,和\"引号\"\n"
				    "3:91500108314159022D|乙\r\n两行|-0.125\n"
				    "4:|丙\n");
}

/* The part `name` of the zip at `path`, as text. */
static char *zip_part(const char *path, const char *name)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_non_null(f);
	char *text = malloc(st.size + 1);
	assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
	text[st.size] = '\0';
	zip_fclose(f);
	zip_discard(z);
	return text;
}

/* Width libxlsxwriter wrote for column `col` (1-based), or 0. */
static double col_width(const char *sheet_xml, int col)
{
	char key[64];
	snprintf(key, sizeof(key), "<col min=\"%d\" max=\"%d\" width=\"", col, col);
	const char *p = strstr(sheet_xml, key);
	return p ? strtod(p + strlen(key), NULL) : 0;
}

static void test_xlsx_round_trip(void **state)
{
	(void)state;
	pb_table_writer *w;
	assert_int_equal(pb_table_writer_open(&w, in_dir("rt.xlsx"), PB_FMT_UNKNOWN, "企业名录"), 0);
	write_rows(w);
	assert_int_equal(pb_table_writer_close(w), 0);
	got g;
	assert_int_equal(read_back(in_dir("rt.xlsx"), &g), 0);
	assert_string_equal(g.text, "[企业名录]\n"
				    "1:统一社会信用代码|企业名称|工业总产值（万元）|备注\n"
				    "2:91500108314159014J|重庆甲电子有限公司|15000.5|含逗号,和\"引号\"\n"
				    "3:91500108314159022D|乙\r\n两行|-0.125\n"
				    "4:|丙\n");
	assert_int_equal(g.kinds[1][2], PB_CELL_NUMBER); /* numbers stay numbers */
	assert_int_equal(g.kinds[2][2], PB_CELL_NUMBER);
	assert_int_equal(g.kinds[1][0], PB_CELL_TEXT);   /* codes of digits stay text */

	char *sheet = zip_part(in_dir("rt.xlsx"), "xl/worksheets/sheet1.xml");
	/* the header row frozen, bold (style 1 is the bold format) */
	assert_non_null(strstr(sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
				      "state=\"frozen\"/>"));
	assert_non_null(strstr(sheet, "<c r=\"A1\" s=\"1\""));
	/* widths fit the text: 18 ASCII characters, then 9 CJK ones counted double */
	assert_true(col_width(sheet, 1) >= 20 && col_width(sheet, 1) < 21);
	assert_true(col_width(sheet, 2) >= 20 && col_width(sheet, 2) < 21);
	assert_true(col_width(sheet, 3) > col_width(sheet, 2) - 3);
	free(sheet);
	char *styles = zip_part(in_dir("rt.xlsx"), "xl/styles.xml");
	assert_non_null(strstr(styles, "<b/>"));
	free(styles);
	assert_int_equal(entries(), 1);
}

/* Until close, the target is untouched and the rows sit in a temporary file beside it;
 * abort removes that file and leaves the target as it was. */
static void test_atomic(void **state)
{
	(void)state;
	const pb_table_format fmts[] = { PB_FMT_CSV, PB_FMT_XLSX };
	for (int k = 0; k < 2; k++) {
		const char *name = k ? "keep.xlsx" : "keep.csv";
		char target[512];
		snprintf(target, sizeof(target), "%s", in_dir(name));
		FILE *f = fopen(target, "w");
		fputs("old", f);
		fclose(f);

		pb_table_writer *w;
		assert_int_equal(pb_table_writer_open(&w, target, fmts[k], "表"), 0);
		write_rows(w);
		assert_int_equal(entries(), 2); /* the target and the temporary file */
		size_t len;
		char *old = slurp(target, &len);
		assert_string_equal(old, "old");
		free(old);
		pb_table_writer_abort(w);
		assert_int_equal(entries(), 1);
		old = slurp(target, &len);
		assert_string_equal(old, "old");
		free(old);

		assert_int_equal(pb_table_writer_open(&w, target, fmts[k], "表"), 0);
		write_rows(w);
		assert_int_equal(pb_table_writer_close(w), 0);
		assert_int_equal(entries(), 1);
		char *new = slurp(target, &len);
		assert_true(len > 3);
		free(new);
		unlink(target);
	}
}

/* Aborting an .xlsx leaves no file descriptor behind (libxlsxwriter's temporary files
 * in constant-memory mode). */
static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return -1;
	int n = 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void test_abort_releases(void **state)
{
	(void)state;
	int before = open_fds();
	for (int i = 0; i < 3; i++) {
		pb_table_writer *w;
		assert_int_equal(pb_table_writer_open(&w, in_dir("a.xlsx"), PB_FMT_XLSX, NULL), 0);
		write_rows(w);
		pb_table_writer_abort(w);
	}
	assert_int_equal(open_fds(), before);
	assert_int_equal(entries(), 0);
}

/* Names Excel refuses are made acceptable rather than failing the export. */
static void test_sheet_names(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "2024/01:产值[汇总]*?", "2024_01_产值_汇总___" },
		{ "'引号'", "_引号" },
		/* 35 characters: cut at 31, on a character boundary */
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" },
		{ NULL, "Sheet1" },
		{ "", "Sheet1" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pb_table_writer *w;
		assert_int_equal(pb_table_writer_open(&w, in_dir("n.xlsx"), PB_FMT_XLSX, cases[i].in), 0);
		pb_cell c[] = { T("x") };
		assert_int_equal(pb_table_writer_row(w, c, 1), 0);
		assert_int_equal(pb_table_writer_close(w), 0);
		got g;
		assert_int_equal(read_back(in_dir("n.xlsx"), &g), 0);
		char want[256];
		snprintf(want, sizeof(want), "[%s]\n1:x\n", cases[i].want);
		assert_string_equal(g.text, want);
		unlink(in_dir("n.xlsx"));
	}
}

static void test_errors(void **state)
{
	(void)state;
	pb_table_writer *w = (pb_table_writer *)1;
	assert_int_equal(pb_table_writer_open(&w, in_dir("x.txt"), PB_FMT_UNKNOWN, NULL), PB_EINVAL);
	assert_null(w);
	assert_int_equal(pb_table_writer_open(&w, in_dir("x.xls"), PB_FMT_XLS, NULL), PB_EINVAL);
	assert_int_equal(pb_table_writer_open(&w, "/nonexistent/dir/x.csv", PB_FMT_CSV, NULL),
			 PB_EIO);
	assert_non_null(strstr(pb_error_last(), "/nonexistent/dir/x.csv"));
	assert_int_equal(pb_table_writer_open(&w, "/nonexistent/dir/x.xlsx", PB_FMT_XLSX, NULL),
			 PB_EIO);
	/* a directory where the file should go: rename fails, nothing is left behind */
	assert_int_equal(mkdir(in_dir("d.csv"), 0755), 0);
	assert_int_equal(pb_table_writer_open(&w, in_dir("d.csv"), PB_FMT_CSV, NULL), 0);
	write_rows(w);
	assert_int_equal(pb_table_writer_close(w), PB_EIO);
	assert_int_equal(entries(), 1);
	rmdir(in_dir("d.csv"));
	assert_int_equal(entries(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_atomic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_releases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sheet_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
