/* test_month.c - months, dates and Excel serials (src/core/month.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "month.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The month s gives, or -1; *yyyymm must be untouched on failure. */
static int month(const char *s)
{
	int m = -7;
	if (!pb_month_parse(s, strlen(s), &m)) {
		if (m != -7)
			fail_msg("\"%s\": refused but *yyyymm written", s);
		return -1;
	}
	return m;
}

static void month_is(const char *s, int want)
{
	int got = month(s);
	if (got != want)
		fail_msg("\"%s\" gave %d, wanted %d", s, got, want);
}

static void test_month_forms(void **state)
{
	(void)state;
	month_is("2024-01", 202401);
	month_is("2024-1", 202401);
	month_is("2024/01", 202401);
	month_is("2024/12", 202412);
	month_is("2024.03", 202403);
	month_is("202401", 202401);
	month_is("2024年1月", 202401);
	month_is("2024年01月", 202401);
	month_is("2024年12月份", 202412);
	month_is(" 2024-01 ", 202401);
	month_is("2024 年 1 月", 202401);
	month_is("\xe3\x80\x80" "2024-01\xc2\xa0", 202401);   /* U+3000, NBSP */
	/* full-width: ２０２４年３月, ２０２４－０３, 2024／3, 2024．3 */
	month_is("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94年\xef\xbc\x93月", 202403);
	month_is("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94\xef\xbc\x8d"
		 "\xef\xbc\x90\xef\xbc\x93", 202403);
	month_is("2024\xef\xbc\x8f" "3", 202403);
	month_is("2024\xef\xbc\x8e" "3", 202403);
	/* full dates: the day is checked, then dropped */
	month_is("2024-01-31", 202401);
	month_is("2024/1/31", 202401);
	month_is("2024.01.15", 202401);
	month_is("20240131", 202401);
	month_is("2024年1月31日", 202401);
	month_is("2024年2月29号", 202402);
}

static void test_month_range(void **state)
{
	(void)state;
	month_is("199001", 199001); /* PB_MONTH_MIN */
	month_is("2099-12", 209912); /* PB_MONTH_MAX */
	month_is("198912", -1);
	month_is("1989-12", -1);
	month_is("2100-01", -1);
	month_is("210001", -1);
	month_is("2024-13", -1);
	month_is("2024-0", -1);
	month_is("2024/00", -1);
	month_is("202400", -1);
	month_is("202413", -1);
}

static void test_month_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", " ", "24-01", "2024-001", "20241", "2024010", "123456789", "2024",
		"2024 01",        /* two numbers, no separator */
		"2024年1-3月",    /* a period, not a month */
		"年2024月1",
		"2024年1",
		"2024年1月1",     /* a day without 日 */
		"2024-01/31",     /* two different separators */
		"2024-02-30",     /* no such day */
		"2023-02-29",
		"2024-1-",
		"2024-",
		"-2024-01",
		"2024-01-15-01",
		"2024年1月份份",
		"1-2-3-4-5",      /* more parts than any shape has */
		"202401a",
		"一月",
		"2024年一月",
		"2024_01",
		"2024\xef\xbc",   /* cut UTF-8 */
	};
	for (size_t i = 0; i < COUNT(bad); i++)
		month_is(bad[i], -1);
}

static void test_month_valid(void **state)
{
	(void)state;
	assert_true(pb_month_valid(199001));
	assert_true(pb_month_valid(202406));
	assert_true(pb_month_valid(209912));
	assert_false(pb_month_valid(198912));
	assert_false(pb_month_valid(210001));
	assert_false(pb_month_valid(202400));
	assert_false(pb_month_valid(202413));
	assert_false(pb_month_valid(0));
	assert_false(pb_month_valid(-202401));
}

static void test_month_add(void **state)
{
	(void)state;
	assert_int_equal(pb_month_add(202401, -1), 202312);
	assert_int_equal(pb_month_add(202312, 1), 202401);
	assert_int_equal(pb_month_add(202401, 0), 202401);
	/* 2024*12 + 5 + 18 = 24311 = 2025*12 + 11: December 2025 */
	assert_int_equal(pb_month_add(202406, 18), 202512);
	assert_int_equal(pb_month_add(202401, -13), 202212);
	assert_int_equal(pb_month_add(202401, -24), 202201);
	assert_int_equal(pb_month_add(202412, -12), 202312);
	assert_int_equal(pb_month_add(202401, 1200), 212401); /* outside the range: */
	assert_false(pb_month_valid(pb_month_add(202401, 1200))); /* the caller checks */
	assert_int_equal(pb_month_prev_year(202403), 202303);
	assert_int_equal(pb_month_prev_year(202401), 202301);
}

static void test_month_format(void **state)
{
	(void)state;
	char out[8];
	pb_month_format(202403, out);
	assert_string_equal(out, "2024-03");
	pb_month_format(199001, out);
	assert_string_equal(out, "1990-01");
	pb_month_format(999912, out);
	assert_string_equal(out, "9999-12");
	pb_month_format(5, out); /* year 0, May: formatted, not judged */
	assert_string_equal(out, "0000-05");
	pb_month_format(202413, out);
	assert_string_equal(out, "?");
	pb_month_format(202400, out);
	assert_string_equal(out, "?");
	pb_month_format(-202401, out);
	assert_string_equal(out, "?");
	pb_month_format(1000001, out); /* year 10000 does not fit */
	assert_string_equal(out, "?");
}

static int date_ok(const char *s, int y, int m, int d)
{
	int yy = -1, mm = -1, dd = -1;
	if (!pb_date_parse(s, strlen(s), &yy, &mm, &dd))
		return 0;
	return yy == y && mm == m && dd == d;
}

static void no_date(const char *s)
{
	int y = -1, m = -1, d = -1;
	if (pb_date_parse(s, strlen(s), &y, &m, &d))
		fail_msg("\"%s\" taken for %d-%d-%d", s, y, m, d);
	assert_true(y == -1 && m == -1 && d == -1);
}

static void test_dates(void **state)
{
	(void)state;
	assert_true(date_ok("2024-03-05", 2024, 3, 5));
	assert_true(date_ok("2024/3/5", 2024, 3, 5));
	assert_true(date_ok("2024.3.5", 2024, 3, 5));
	assert_true(date_ok("2024年3月5日", 2024, 3, 5));
	assert_true(date_ok("2024年3月5号", 2024, 3, 5));
	assert_true(date_ok("20240305", 2024, 3, 5));
	assert_true(date_ok(" 2024 - 03 - 05 ", 2024, 3, 5));
	/* ２０２４－０３－０５ */
	assert_true(date_ok("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94\xef\xbc\x8d"
			    "\xef\xbc\x90\xef\xbc\x93\xef\xbc\x8d\xef\xbc\x90\xef\xbc\x95",
			    2024, 3, 5));
	assert_true(date_ok("2024-12-31", 2024, 12, 31));
	assert_true(date_ok("2024-04-30", 2024, 4, 30));
	/* leap years: divisible by 4, except centuries, except every 400 years */
	assert_true(date_ok("2024-02-29", 2024, 2, 29));
	assert_true(date_ok("2000-02-29", 2000, 2, 29));
	assert_true(date_ok("1600-02-29", 1600, 2, 29));
	no_date("2023-02-29");
	no_date("1900-02-29");
	no_date("2100-02-29");
	no_date("2023-02-30");
	no_date("2024-04-31");
	no_date("2024-06-31");
	no_date("2024-09-31");
	no_date("2024-11-31");
	no_date("2024-01-32");
	no_date("2024-01-00");
	no_date("2024-00-10");
	no_date("2024-13-01");
	no_date("20240230");
	no_date("0000-01-01"); /* there is no year 0 */
	no_date("2024-3/5");   /* two different separators */
	no_date("2024年3月5");
	no_date("2024年3-5日");
	no_date("2024-03");    /* a month, not a date */
	no_date("202403");
	no_date("24-03-05");
	no_date("2024-003-05");
	no_date("2024-03-005");
	no_date("");
	no_date("2024-03-05 12:00");
}

static int serial_is(double serial, int y, int m, int d)
{
	int yy = -1, mm = -1, dd = -1;
	if (!pb_excel_serial_to_date(serial, &yy, &mm, &dd))
		return 0;
	return yy == y && mm == m && dd == d;
}

static void test_excel_serial(void **state)
{
	(void)state;
	assert_true(serial_is(1, 1900, 1, 1));
	assert_true(serial_is(1.99, 1900, 1, 1)); /* the time of day is dropped */
	assert_true(serial_is(31, 1900, 1, 31));
	assert_true(serial_is(32, 1900, 2, 1));
	assert_true(serial_is(59, 1900, 2, 28));
	/* 60 is Excel's 1900-02-29, a day that never was: taken as 1900-02-28 */
	assert_true(serial_is(60, 1900, 2, 28));
	assert_true(serial_is(61, 1900, 3, 1));
	/* 1900 has 365 days, and Excel gives it 366 serials (1..366) */
	assert_true(serial_is(366, 1900, 12, 31));
	assert_true(serial_is(367, 1901, 1, 1));
	/* 1900-01-01 .. 1970-01-01: 70*365 + 17 leap days (1904..1968) = 25567 days;
	 * serial = 1 + 25567 + 1 (the fake day) = 25569 */
	assert_true(serial_is(25569, 1970, 1, 1));
	/* 1900-01-01 .. 2024-01-01: 124*365 + 30 leap days (1904..2020; 1900 is not
	 * one) = 45290 days; serial = 1 + 45290 + 1 = 45292 */
	assert_true(serial_is(45292, 2024, 1, 1));
	/* + 31 days of January + 28 = 45351: the leap day 2024-02-29 */
	assert_true(serial_is(45351.75, 2024, 2, 29));
	assert_true(serial_is(45352, 2024, 3, 1));
	/* 1900-01-01 .. 10000-01-01: 8100*365 + 1964 leap days (2024 multiples of 4 in
	 * 1904..9996, less the 80 centuries 2000..9900, plus the 20 of them divisible by
	 * 400) = 2958464; serial of 10000-01-01 = 2958466, so 9999-12-31 is 2958465 */
	assert_true(serial_is(2958465, 9999, 12, 31));
	int y = -1, m = -1, d = -1;
	assert_false(pb_excel_serial_to_date(2958466, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(0, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(0.5, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(-1, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(NAN, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(INFINITY, &y, &m, &d));
	assert_false(pb_excel_serial_to_date(-INFINITY, &y, &m, &d));
	assert_true(y == -1 && m == -1 && d == -1);
	/* every day of 1901..2100 is a real date (pb_date_parse agrees), follows the
	 * day before, and each year has 365 days, 366 in leap years */
	int py = 1900, pm = 12, pd = 31, in_year = 0;
	for (double s = 367; s <= 73415; s++) { /* 73415 = 2100-12-31 */
		assert_true(pb_excel_serial_to_date(s, &y, &m, &d));
		char text[16];
		int cy, cm, cd;
		snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
		assert_true(pb_date_parse(text, strlen(text), &cy, &cm, &cd));
		int next = (d == 1 && ((m == 1 && y == py + 1 && pm == 12 && pd == 31) ||
				       (m == pm + 1 && y == py))) ||
			   (d == pd + 1 && m == pm && y == py);
		assert_true(next);
		in_year++;
		if (m == 12 && d == 31) {
			int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
			assert_int_equal(in_year, leap ? 366 : 365);
			in_year = 0;
		}
		py = y, pm = m, pd = d;
	}
	assert_true(py == 2100 && pm == 12 && pd == 31);
}

/* The zone's day at an instant, worked by hand from 2024-01-01 00:00 UTC = 1704067200 (366
 * days to 2025, 365 to 2026, 334 from January to December): 2026-12-01 00:00 UTC is
 * 1796083200, and the zone (UTC+8) turns to 2 December at 16:00 UTC, 1796140800. */
static void test_zone_day(void **state)
{
	(void)state;
	assert_int_equal(pb_date_of_days(0), 19700101);
	assert_int_equal(pb_date_of_days(-1), 19691231);
	assert_int_equal(pb_date_of_days(19723), 20240101);
	assert_int_equal(pb_date_of_days(19723 + 59), 20240229);
	for (long d = -700000; d <= 800000; d += 97) /* years 53..4160: yyyymmdd holds positive years */
		assert_int_equal(pb_date_days(pb_date_of_days(d)), d);
	assert_int_equal(pb_date_in_zone(0), 19700101);
	assert_int_equal(pb_date_in_zone(57599), 19700101);
	assert_int_equal(pb_date_in_zone(57600), 19700102);
	assert_int_equal(pb_date_in_zone(-1), 19700101);
	assert_int_equal(pb_date_in_zone(-28800), 19700101);
	assert_int_equal(pb_date_in_zone(-28801), 19691231);
	assert_int_equal(pb_date_in_zone(1796140799LL), 20261201);
	assert_int_equal(pb_date_in_zone(1796140800LL), 20261202);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_forms),
		cmocka_unit_test(test_month_range),
		cmocka_unit_test(test_month_refused),
		cmocka_unit_test(test_month_valid),
		cmocka_unit_test(test_month_add),
		cmocka_unit_test(test_month_format),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_zone_day),
		cmocka_unit_test(test_excel_serial),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
