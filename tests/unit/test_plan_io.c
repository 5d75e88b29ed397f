/* test_plan_io.c - plan tracking's outputs and inputs: the JSON document, the workbook
 * sheet (read back with our own xlsx reader), the terminal table, the config file and
 * the loader from the store. The figures themselves are test_plan.c's business. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "error.h"
#include "plan_config.h"
#include "plan_load.h"
#include "plan_out.h"
#include "table.h"

static pb_indicator ind(int64_t id, const char *name, const char *unit, const char *attr,
			double bv, double tv, double growth)
{
	pb_indicator i;
	pb_record_clear(pb_entity_get(PB_E_INDICATOR), &i);
	i.id = id;
	i.category = "综合绩效";
	i.name = name;
	i.unit = unit;
	i.attribute = attr;
	i.base_year = 2020;
	i.base_value = bv;
	i.target_year = 2025;
	i.target_value = tv;
	i.growth = growth;
	return i;
}

/* Two indicators assessed in 2023: 规模工业总产值 off course (test_plan.c works it out)
 * and 新增智能工厂个数 3 -> 5 with its misprinted 30% and no actual. */
static pb_indicator fixture_inds[2];
static pb_indicator_actual fixture_acts[1];

static void fixture(pb_plan_result *r)
{
	fixture_inds[0] = ind(2, "规模工业总产值", "亿元", "预期性", 797.1, 1300, 10.3);
	fixture_inds[1] = ind(24, "新增智能工厂个数", "家", "累计值", 3, 5, 30);
	fixture_acts[0] = (pb_indicator_actual){ .indicator_id = 2, .year = 2023, .value = 1023.71 };
	assert_int_equal(pb_plan_compute(r, fixture_inds, 2, fixture_acts, 1, 2023, NULL), 0);
}

/* ---- JSON ------------------------------------------------------------------ */

static void test_json(void **state)
{
	(void)state;
	pb_plan_result r;
	fixture(&r);
	json_t *doc = pb_plan_json(&r, "zh");
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "as_of")), 2023);
	json_t *cfg = json_object_get(doc, "config");
	assert_true(json_real_value(json_object_get(cfg, "at_risk_tolerance")) == 5);
	assert_true(json_is_true(json_object_get(cfg, "binding_strict")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(cfg, "linear_units"), 0)), "%");
	json_t *counts = json_object_get(doc, "counts");
	assert_int_equal(json_integer_value(json_object_get(counts, "off_course")), 1);
	assert_int_equal(json_integer_value(json_object_get(counts, "no_data")), 1);
	assert_int_equal(json_object_size(counts), PB_PLAN_STATUS_COUNT);

	json_t *rows = json_object_get(doc, "indicators");
	assert_int_equal(json_array_size(rows), 2);
	json_t *a = json_array_get(rows, 0), *b = json_array_get(rows, 1);
	assert_int_equal(json_integer_value(json_object_get(a, "id")), 2);
	assert_string_equal(json_string_value(json_object_get(a, "name")), "规模工业总产值");
	assert_string_equal(json_string_value(json_object_get(a, "method")), "compound");
	assert_string_equal(json_string_value(json_object_get(a, "direction")), "up");
	assert_string_equal(json_string_value(json_object_get(a, "status")), "off_course");
	assert_string_equal(json_string_value(json_object_get(a, "status_label")), "未达进度");
	assert_int_equal(json_integer_value(json_object_get(a, "latest_year")), 2023);
	assert_true(json_real_value(json_object_get(a, "latest_value")) == 1023.71);
	assert_true(fabs(json_real_value(json_object_get(a, "achieved_growth")) - 8.697956333) < 1e-6);
	assert_true(json_is_null(json_object_get(a, "progress"))); /* NaN is null */
	assert_false(json_is_true(json_object_get(a, "binding")));
	assert_string_equal(json_string_value(json_object_get(a, "notes")), "");
	/* every documented key is there */
	static const char *const keys[] = {
		"id", "category", "name", "unit", "attribute", "binding", "method", "direction",
		"base_year", "base_value", "target_year", "target_value", "stated_growth",
		"planned_growth", "latest_year", "latest_value", "time_share", "progress",
		"achieved_growth", "required_growth", "achieved_per_year", "required_per_year",
		"path_value", "projected", "shortfall", "status", "status_label", "flags", "notes",
		"path",
	};
	assert_int_equal(json_object_size(a), sizeof(keys) / sizeof(keys[0]));
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		assert_non_null(json_object_get(a, keys[k]));

	/* the path, 2020..2025: the base as the base year's actual, 2023's actual, null for
	 * the others; planned in 2023 797.1 x (1300 / 797.1)^0.6 = 1068.98 (docs/metrics.md) */
	json_t *path = json_object_get(a, "path");
	assert_int_equal(json_array_size(path), 6);
	json_t *p0 = json_array_get(path, 0), *p3 = json_array_get(path, 3);
	assert_int_equal(json_object_size(p0), 3);
	assert_int_equal(json_integer_value(json_object_get(p0, "year")), 2020);
	assert_true(json_real_value(json_object_get(p0, "planned")) == 797.1);
	assert_true(json_real_value(json_object_get(p0, "actual")) == 797.1);
	assert_int_equal(json_integer_value(json_object_get(p3, "year")), 2023);
	assert_true(fabs(json_real_value(json_object_get(p3, "planned")) - 1068.98) < 0.005);
	assert_true(json_real_value(json_object_get(p3, "actual")) == 1023.71);
	assert_true(json_is_null(json_object_get(json_array_get(path, 4), "actual")));
	assert_true(fabs(json_real_value(json_object_get(json_array_get(path, 5), "planned")) - 1300) < 1e-9);

	assert_string_equal(json_string_value(json_object_get(b, "status")), "no_data");
	/* 3 -> 5 (累计值, linear): 3, 3.4, 3.8, 4.2, 4.6, 5 planned, no actual but the base */
	path = json_object_get(b, "path");
	assert_int_equal(json_array_size(path), 6);
	assert_true(fabs(json_real_value(json_object_get(json_array_get(path, 2), "planned")) - 3.8) < 1e-9);
	assert_true(json_real_value(json_object_get(json_array_get(path, 0), "actual")) == 3);
	assert_true(json_is_null(json_object_get(json_array_get(path, 1), "actual")));
	assert_true(json_is_null(json_object_get(b, "latest_year")));
	json_t *flags = json_object_get(b, "flags");
	assert_int_equal(json_array_size(flags), 1);
	assert_string_equal(json_string_value(json_array_get(flags, 0)), "stated_growth_mismatch");
	assert_non_null(strstr(json_string_value(json_object_get(b, "notes")), "30%"));
	json_decref(doc);

	doc = pb_plan_json(&r, "en");
	a = json_array_get(json_object_get(doc, "indicators"), 0);
	assert_string_equal(json_string_value(json_object_get(a, "status")), "off_course");
	assert_string_equal(json_string_value(json_object_get(a, "status_label")), "off course");
	json_decref(doc);
	pb_plan_result_free(&r);
}

/* ---- the workbook sheet -------------------------------------------------------- */

typedef struct sheet_read {
	char sheet[64];
	char cell[8][24][96]; /* rows 1..8, columns A.. */
	double num[8][24];
} sheet_read;

static int on_sheet(void *ctx, const char *name)
{
	sheet_read *s = ctx;
	snprintf(s->sheet, sizeof(s->sheet), "%s", name ? name : "");
	return 0;
}

static int on_row(void *ctx, uint32_t rownum, const pb_cell *cells, size_t n)
{
	sheet_read *s = ctx;
	if (rownum < 1 || rownum > 8)
		return 0;
	for (size_t c = 0; c < n && c < 24; c++) {
		snprintf(s->cell[rownum - 1][c], sizeof(s->cell[0][0]), "%s", cells[c].text);
		s->num[rownum - 1][c] = cells[c].kind == PB_CELL_NUMBER ? cells[c].num : NAN;
	}
	return 0;
}

static char *zip_entry(const char *path, const char *name)
{
	int err;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	char *buf = calloc(1, st.size + 1);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_true(zip_fread(f, buf, st.size) == (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(z);
	return buf;
}

static void test_sheet(void **state)
{
	(void)state;
	pb_plan_result r;
	fixture(&r);
	char path[64];
	snprintf(path, sizeof(path), "/tmp/pb_test_plan_%d.xlsx", (int)getpid());
	pb_book *b;
	assert_int_equal(pb_book_open(&b, path), 0);
	assert_int_equal(pb_plan_write_sheet(b, &r), 0);
	assert_int_equal(pb_book_close(b), 0);

	static sheet_read s; /* large: not on the stack */
	memset(&s, 0, sizeof(s));
	pb_source src;
	assert_int_equal(pb_source_map(&src, path), 0);
	pb_report rep;
	pb_report_init(&rep);
	pb_table_sink sink = { on_sheet, on_row, &s };
	assert_int_equal(pb_table_read_xlsx(&src, &sink, &rep), 0);
	pb_report_free(&rep);
	pb_source_unmap(&src);

	assert_string_equal(s.sheet, "规划目标跟踪");
	assert_string_equal(s.cell[0][0], "规划目标跟踪");
	assert_non_null(strstr(s.cell[1][0], "截至 2023 年"));
	/* row 3: the Chinese headers with their units */
	assert_string_equal(s.cell[2][1], "指标名称");
	assert_string_equal(s.cell[2][5], "基期值");
	assert_string_equal(s.cell[2][7], "目标值");
	assert_string_equal(s.cell[2][10], "最新实际值");
	assert_string_equal(s.cell[2][12], "已实现年均增长（%）");
	assert_string_equal(s.cell[2][13], "尚需年均增长（%）");
	assert_string_equal(s.cell[2][16], "目标年预计值");
	assert_string_equal(s.cell[2][17], "时序进度（%）");
	assert_string_equal(s.cell[2][18], "完成进度（%）");
	assert_string_equal(s.cell[2][19], "状态");
	assert_string_equal(s.cell[2][3], "属性");
	/* row 4: 规模工业总产值, figures as numbers, what does not apply as "—" */
	assert_string_equal(s.cell[3][1], "规模工业总产值");
	assert_true(s.num[3][4] == 2020 && s.num[3][5] == 797.1 && s.num[3][7] == 1300);
	assert_true(s.num[3][9] == 2023 && s.num[3][10] == 1023.71);
	assert_true(fabs(s.num[3][12] - 8.697956333) < 1e-6);
	assert_true(fabs(s.num[3][17] - 60) < 1e-9);
	assert_string_equal(s.cell[3][18], "—");
	assert_string_equal(s.cell[3][19], "未达进度");
	assert_string_equal(s.cell[3][20], "复合增长");
	/* row 5: the misprinted rate is in the notes */
	assert_string_equal(s.cell[4][19], "无实际值");
	assert_non_null(strstr(s.cell[4][21], "30%"));

	/* printable: the header row frozen and repeated on every page, landscape */
	char *xml = zip_entry(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(xml, "ySplit=\"3\""));
	assert_non_null(strstr(xml, "state=\"frozen\""));
	assert_non_null(strstr(xml, "orientation=\"landscape\""));
	free(xml);
	xml = zip_entry(path, "xl/workbook.xml");
	assert_non_null(strstr(xml, "_xlnm.Print_Titles"));
	free(xml);
	unlink(path);
	pb_plan_result_free(&r);
}

/* ---- the terminal table ------------------------------------------------------ */

static char *print_to_string(const pb_plan_result *r, const char *lang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(pb_plan_print(f, r, lang), 0);
	fclose(f);
	return buf;
}

static void test_print(void **state)
{
	(void)state;
	pb_plan_result r;
	fixture(&r);
	char *out = print_to_string(&r, "zh");
	assert_non_null(strstr(out, "规划目标跟踪（截至 2023 年）"));
	assert_non_null(strstr(out, "1023.71 (2023)"));
	assert_non_null(strstr(out, "+8.70%"));   /* achieved */
	assert_non_null(strstr(out, "+12.69%"));  /* required */
	assert_non_null(strstr(out, "未达进度"));
	assert_non_null(strstr(out, "未达进度 1 · 无实际值 1"));
	assert_non_null(strstr(out, "* 新增智能工厂个数：规划所列年均增长30%"));
	/* CJK alignment: the unit column starts at the same display column on every line */
	char *l1 = strstr(out, "规模工业总产值"), *l2 = strstr(out, "新增智能工厂个数");
	int w1 = 0, w2 = 0;
	for (char *p = l1; *p != '\n' && strncmp(p, "亿元", 6) != 0; p++)
		w1 += (*p & 0xC0) != 0x80 ? ((unsigned char)*p >= 0xE0 ? 2 : 1) : 0;
	for (char *p = l2; *p != '\n' && strncmp(p, "家", 3) != 0; p++)
		w2 += (*p & 0xC0) != 0x80 ? ((unsigned char)*p >= 0xE0 ? 2 : 1) : 0;
	assert_int_equal(w1, w2);
	free(out);

	out = print_to_string(&r, "en");
	assert_non_null(strstr(out, "Plan targets: progress (as of 2023)"));
	assert_non_null(strstr(out, "off course"));
	assert_non_null(strstr(out, "the stated 30%/yr does not match"));
	free(out);
	pb_plan_result_free(&r);

	pb_plan_result empty;
	assert_int_equal(pb_plan_compute(&empty, NULL, 0, NULL, 0, PB_INT_MISSING, NULL), 0);
	out = print_to_string(&empty, "zh");
	assert_non_null(strstr(out, "尚无实际值"));
	assert_non_null(strstr(out, "尚无规划指标"));
	free(out);
	pb_plan_result_free(&empty);
}

/* ---- the config file ----------------------------------------------------------- */

static char cfgpath[64];

static void write_cfg(const char *text)
{
	snprintf(cfgpath, sizeof(cfgpath), "/tmp/pb_test_plan_%d.json", (int)getpid());
	FILE *f = fopen(cfgpath, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load `text` onto the defaults; expect `rc`, and each of the NULL-ended `words` in the
 * message. On failure the config must be untouched. */
static void expect_cfg(const char *text, int rc, const char *const *words)
{
	pb_plan_config c, def;
	pb_plan_config_default(&c);
	def = c;
	write_cfg(text);
	pb_error_clear();
	assert_int_equal(pb_plan_config_load(&c, cfgpath), rc);
	if (rc)
		assert_memory_equal(&c, &def, sizeof(c));
	for (size_t i = 0; words && words[i]; i++)
		if (!strstr(pb_error_last(), words[i]))
			fail_msg("message \"%s\" lacks \"%s\"", pb_error_last(), words[i]);
	unlink(cfgpath);
}

static void test_config_file(void **state)
{
	(void)state;
	pb_plan_config c;
	pb_plan_config_default(&c);
	write_cfg("{\"plan\": {\"at_risk_tolerance\": 8, \"growth_tolerance\": 0.5,\n"
		  " \"stated_growth_tolerance\": 1, \"binding_strict\": false,\n"
		  " \"linear_units\": [\"%\", \"‰\"]}, \"other\": {\"x\": 1}}");
	assert_int_equal(pb_plan_config_load(&c, cfgpath), 0);
	assert_true(c.at_risk_tolerance == 8 && c.growth_tolerance == 0.5);
	assert_true(c.stated_growth_tolerance == 1 && c.binding_strict == 0);
	assert_int_equal(c.nlinear_units, 2);
	assert_string_equal(c.linear_units[1], "‰");
	unlink(cfgpath);

	/* partial: only what is given changes; no plan section changes nothing */
	pb_plan_config_default(&c);
	write_cfg("{\"plan\": {\"at_risk_tolerance\": 3}}");
	assert_int_equal(pb_plan_config_load(&c, cfgpath), 0);
	assert_true(c.at_risk_tolerance == 3 && c.growth_tolerance == 1 && c.binding_strict == 1);
	unlink(cfgpath);
	expect_cfg("{\"monthly\": {}}", 0, NULL);

	/* every failure names the file and the field at fault, in both languages */
	const char *name_field[] = { "pb_test_plan_", "plan.at_risk_tolerence", "不是已知的设置",
				     "is not a known setting", NULL };
	expect_cfg("{\"plan\": {\"at_risk_tolerence\": 5}}", PB_EINVAL, name_field);
	const char *type[] = { "plan.growth_tolerance", "应为数值", "must be a number", NULL };
	expect_cfg("{\"plan\": {\"growth_tolerance\": \"1\"}}", PB_EINVAL, type);
	const char *range[] = { "plan.at_risk_tolerance 应在 0 到 100 之间", ": plan.at_risk_tolerance must be",
				"pb_test_plan_", NULL };
	expect_cfg("{\"plan\": {\"at_risk_tolerance\": -2}}", PB_EINVAL, range);
	const char *boolean[] = { "plan.binding_strict", "true or false", NULL };
	expect_cfg("{\"plan\": {\"binding_strict\": 1}}", PB_EINVAL, boolean);
	const char *units[] = { "plan.linear_units", NULL };
	expect_cfg("{\"plan\": {\"linear_units\": []}}", PB_EINVAL, units);
	expect_cfg("{\"plan\": {\"linear_units\": [\"%\", 3]}}", PB_EINVAL, units);
	expect_cfg("{\"plan\": {\"linear_units\": \"%\"}}", PB_EINVAL, units);
	const char *plan[] = { "plan must be an object", NULL };
	expect_cfg("{\"plan\": [1]}", PB_EINVAL, plan);
	const char *object[] = { "must be a JSON object", NULL };
	expect_cfg("[1, 2]", PB_EINVAL, object);
	const char *syntax[] = { "第 2 行", "line 2", "pb_test_plan_", NULL };
	expect_cfg("{\"plan\": {\n \"at_risk_tolerance\": 5,,}}", PB_EINVAL, syntax);
	const char *dup[] = { "pb_test_plan_", NULL };
	expect_cfg("{\"plan\": {\"growth_tolerance\": 1, \"growth_tolerance\": 2}}", PB_EINVAL, dup);

	pb_plan_config_default(&c);
	pb_plan_config def = c;
	assert_int_equal(pb_plan_config_load(&c, "/nonexistent/plan.json"), PB_EIO);
	assert_non_null(strstr(pb_error_last(), "/nonexistent/plan.json"));
	assert_memory_equal(&c, &def, sizeof(c));
}

/* ---- the loader ------------------------------------------------------------------ */

static void test_load(void **state)
{
	(void)state;
	char db[64];
	snprintf(db, sizeof(db), "/tmp/pb_test_plan_%d.db", (int)getpid());
	unlink(db);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, db, 0), 0);
	/* put in an order where names (the store's walking order) and ids disagree */
	pb_indicator i[] = { ind(0, "乙", "亿元", "预期性", 1, 2, NAN),
			     ind(0, "甲", "%", "约束性", 3, 4, 5) };
	i[1].category = NULL;
	for (int k = 0; k < 2; k++)
		assert_int_equal(pb_store_put(st, PB_E_INDICATOR, &i[k], PB_STORE_ALL), 0);
	pb_indicator_actual a = { .indicator_id = i[0].id, .year = 2021, .value = 1.5,
				  .source = "统计局" };
	assert_int_equal(pb_store_put(st, PB_E_INDICATOR_ACTUAL, &a, PB_STORE_ALL), 0);
	/* every year's actual is loaded, not only the latest: the path needs them all */
	pb_indicator_actual a2 = { .indicator_id = i[0].id, .year = 2022, .value = 1.7 };
	assert_int_equal(pb_store_put(st, PB_E_INDICATOR_ACTUAL, &a2, PB_STORE_ALL), 0);

	pb_plan_input in;
	assert_int_equal(pb_plan_load(&in, st), 0);
	pb_store_close(st); /* the input must not point into the store */
	assert_int_equal(in.ninds, 2);
	assert_true(in.inds[0].id < in.inds[1].id);
	assert_string_equal(in.inds[0].name, "乙");
	assert_string_equal(in.inds[1].name, "甲");
	assert_string_equal(in.inds[1].attribute, "约束性");
	assert_null(in.inds[1].category);
	assert_true(in.inds[1].growth == 5 && isnan(in.inds[0].growth));
	assert_int_equal(in.nacts, 2);
	assert_int_equal(in.acts[0].indicator_id, in.inds[0].id);
	assert_int_equal(in.acts[0].year, 2021);
	assert_true(in.acts[0].value == 1.5);
	assert_null(in.acts[0].source);
	assert_int_equal(in.acts[1].year, 2022);
	assert_true(in.acts[1].value == 1.7);
	pb_plan_input_free(&in);
	assert_int_equal(in.ninds, 0);
	pb_plan_input_free(&in);
	pb_plan_input_free(NULL);

	/* an empty store loads as nothing */
	unlink(db);
	assert_int_equal(pb_store_open(&st, db, 0), 0);
	assert_int_equal(pb_plan_load(&in, st), 0);
	assert_int_equal(in.ninds + in.nacts, 0);
	pb_plan_input_free(&in);
	pb_store_close(st);
	char p[80];
	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_sheet),
		cmocka_unit_test(test_print),
		cmocka_unit_test(test_config_file),
		cmocka_unit_test(test_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
