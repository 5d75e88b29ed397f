/* test_parse.c - numbers, months and units as bureau files write them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "month.h"
#include "num.h"
#include "unit.h"

static double num(const char *s, pb_num_status want, unsigned flags)
{
	double v = -12345;
	assert_int_equal(pb_num_parse(s, strlen(s), &v, flags), want);
	return v;
}

static void test_numbers(void **state)
{
	(void)state;
	assert_true(num("12345.67", PB_NUM_OK, 0) == 12345.67);
	assert_true(num("1,234,567.8", PB_NUM_OK, 0) == 1234567.8);
	assert_true(num(" 42 ", PB_NUM_OK, 0) == 42);
	assert_true(num("-0.05", PB_NUM_OK, 0) == -0.05);
	assert_true(num("+7", PB_NUM_OK, 0) == 7);
	assert_true(num("(1,234.5)", PB_NUM_OK, 0) == -1234.5); /* accounting negative */
	assert_true(num("1.5e3", PB_NUM_OK, 0) == 1500);
	assert_true(num(".5", PB_NUM_OK, 0) == 0.5); /* as people type it */
	/* full-width: １２，３４５．６ and －８ */
	assert_true(num("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x8c\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95"
			"\xef\xbc\x8e\xef\xbc\x96", PB_NUM_OK, 0) == 12345.6);
	assert_true(num("\xef\xbc\x8d\xef\xbc\x98", PB_NUM_OK, 0) == -8);
	/* ideographic space around */
	assert_true(num("\xe3\x80\x80" "3\xe3\x80\x80", PB_NUM_OK, 0) == 3);
}

static void test_percent(void **state)
{
	(void)state;
	assert_true(num("10.3%", PB_NUM_OK, 0) == 0.103);
	assert_true(num("10.3%", PB_NUM_OK, PB_NUM_PERCENT) == 10.3);
	assert_true(num("40\xef\xbc\x85", PB_NUM_OK, PB_NUM_PERCENT) == 40); /* 40％ */
}

static void test_missing_and_bad(void **state)
{
	(void)state;
	static const char *const missing[] = { "", "  ", "-", "—", "——", "--", "---", "/",
					       "N/A", "无", "\xef\xbc\x8d" /* － */ };
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
		assert_true(isnan(num(missing[i], PB_NUM_MISSING, 0)));
	static const char *const bad[] = { "12a3", "约300", "1,2", "12,34", "1234,567", "1..2",
					   "1e", "(5", "-(5)", "5)", "abc", "3 4", "1,234,56" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		num(bad[i], PB_NUM_BAD, 0);
}

static void test_exactness(void **state)
{
	(void)state;
	/* the fast path and the strtod fallback agree with strtod to the last bit */
	static const char *const s[] = {
		"0.1", "0.3", "123456789012.34", "9007199254740993", "12345678901234567890",
		"0.000000000000000000000001", "1e300", "2.2250738585072014e-308",
		"3.14159265358979323846264338327950288",
	};
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		assert_true(num(s[i], PB_NUM_OK, 0) == strtod(s[i], NULL));
}

static void test_format(void **state)
{
	(void)state;
	char out[32];
	pb_num_format(15000, out);
	assert_string_equal(out, "15000");
	pb_num_format(0.1, out);
	assert_string_equal(out, "0.1");
	pb_num_format(1.0 / 3, out); /* needs 16 digits to read back exactly */
	assert_true(strtod(out, NULL) == 1.0 / 3);
	pb_num_format(-0.0, out);
	assert_string_equal(out, "0");
	pb_num_format(PB_MISSING, out);
	assert_string_equal(out, "");
}

static int month(const char *s)
{
	int m = 0;
	return pb_month_parse(s, strlen(s), &m) ? m : -1;
}

static void test_months(void **state)
{
	(void)state;
	assert_int_equal(month("2024-01"), 202401);
	assert_int_equal(month("2024-1"), 202401);
	assert_int_equal(month("2024/12"), 202412);
	assert_int_equal(month("2024.03"), 202403);
	assert_int_equal(month("202401"), 202401);
	assert_int_equal(month("2024年1月"), 202401);
	assert_int_equal(month("2024年01月"), 202401);
	assert_int_equal(month("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94年３月"), 202403);
	assert_int_equal(month("2024-01-31"), 202401);
	assert_int_equal(month("2024-02-30"), -1); /* no such day */
	assert_int_equal(month("2024-13"), -1);
	assert_int_equal(month("2024/00"), -1);
	assert_int_equal(month("1989-12"), -1);
	assert_int_equal(month("2100-01"), -1);
	assert_int_equal(month("24-01"), -1);
	assert_int_equal(month("一月"), -1);
	assert_int_equal(pb_month_add(202401, -1), 202312);
	assert_int_equal(pb_month_add(202312, 1), 202401);
	assert_int_equal(pb_month_add(202406, 18), 202512);
	assert_int_equal(pb_month_prev_year(202403), 202303);
	char out[8];
	pb_month_format(202403, out);
	assert_string_equal(out, "2024-03");
}

static void test_dates(void **state)
{
	(void)state;
	int y, m, d;
	assert_true(pb_date_parse("2024-02-29", 10, &y, &m, &d)); /* leap year */
	assert_false(pb_date_parse("2023-02-29", 10, &y, &m, &d));
	assert_false(pb_date_parse("1900-02-29", 10, &y, &m, &d)); /* 1900 was not leap */
	assert_true(pb_date_parse("2000-02-29", 10, &y, &m, &d));   /* 2000 was */
	assert_true(pb_date_parse("20240305", 8, &y, &m, &d));
	assert_true(y == 2024 && m == 3 && d == 5);
	const char *cn = "2024年3月5日";
	assert_true(pb_date_parse(cn, strlen(cn), &y, &m, &d));
	assert_true(y == 2024 && m == 3 && d == 5);
	/* Excel serials, 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, 60 = the fake
	 * 1900-02-29 (taken as 02-28), 61 = 1900-03-01, 25569 = 1970-01-01,
	 * 45292 = 2024-01-01 (19723 days after 1970-01-01, plus 25569) */
	static const struct { double s; int y, m, d; } ex[] = {
		{ 1, 1900, 1, 1 }, { 59, 1900, 2, 28 }, { 60, 1900, 2, 28 }, { 61, 1900, 3, 1 },
		{ 25569, 1970, 1, 1 }, { 45292, 2024, 1, 1 }, { 45351.75, 2024, 2, 29 },
	};
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		assert_true(pb_excel_serial_to_date(ex[i].s, &y, &m, &d));
		assert_int_equal(y, ex[i].y);
		assert_int_equal(m, ex[i].m);
		assert_int_equal(d, ex[i].d);
	}
	assert_false(pb_excel_serial_to_date(0, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(NAN, &y, &m, &d));
}

static void split(const char *h, const char *name, const char *unit)
{
	char n[64], u[32];
	pb_unit_split(h, strlen(h), n, sizeof(n), u, sizeof(u));
	assert_string_equal(n, name);
	assert_string_equal(u, unit);
}

static void test_unit_split(void **state)
{
	(void)state;
	split("工业总产值（亿元）", "工业总产值", "亿元");
	split("工业总产值(万元)", "工业总产值", "万元");
	split("用电量[千瓦时]", "用电量", "千瓦时");
	split("用电量【万千瓦时】", "用电量", "万千瓦时");
	split("闲置用地/平方米", "闲置用地", "平方米");
	split("产值：万元", "产值", "万元");
	split(" 企业名称 ", "企业名称", "");
	/* brackets inside a name are not a unit */
	split("人造纤维（纤维素纤维）制造", "人造纤维（纤维素纤维）制造", "");
}

static double factor(pb_dim d, const char *u)
{
	double f = -1;
	assert_true(pb_unit_factor(d, u, &f));
	return f;
}

static void test_unit_factor(void **state)
{
	(void)state;
	assert_true(factor(PB_DIM_MONEY, "亿元") == 10000);
	assert_true(factor(PB_DIM_MONEY, "千元") == 0.1);
	assert_true(factor(PB_DIM_MONEY, "元") == 0.0001);
	assert_true(factor(PB_DIM_MONEY, "") == 1);
	assert_true(factor(PB_DIM_LAND, "平方米") == 0.0015); /* 1 亩 = 10000/15 m² */
	assert_true(factor(PB_DIM_LAND, "公顷") == 15);
	assert_true(factor(PB_DIM_ELECTRICITY, "kWh") == 0.0001);
	assert_true(factor(PB_DIM_ELECTRICITY, "万千瓦时") == 1);
	assert_true(factor(PB_DIM_ENERGY, "万吨标准煤") == 10000);
	assert_true(factor(PB_DIM_AREA, "万平方米") == 10000);
	double f;
	assert_false(pb_unit_factor(PB_DIM_MONEY, "吨", &f));
	assert_false(pb_unit_factor(PB_DIM_LAND, "万元", &f));
	assert_string_equal(pb_unit_canonical(PB_DIM_MONEY), "万元");
	assert_string_equal(pb_unit_canonical(PB_DIM_LAND), "亩");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_missing_and_bad),
		cmocka_unit_test(test_exactness),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_unit_split),
		cmocka_unit_test(test_unit_factor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
