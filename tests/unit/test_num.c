/* test_num.c - pb_num_parse and pb_num_format (src/core/num.h).
 *
 * Expected doubles are written as C literals: the compiler converts those with
 * correct rounding, independently of the code under test. Where a literal alone does
 * not show why the value is right, the comment gives the arithmetic. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define SENTINEL -12345.25

/* Parse s with flags; the status must be `want`. */
static double parse_f(const char *s, size_t len, unsigned flags, pb_num_status want)
{
	double v = SENTINEL;
	pb_num_status st = pb_num_parse(s, len, &v, flags);
	if (st != want)
		fail_msg("\"%s\": status %d, wanted %d", s, (int)st, (int)want);
	return v;
}

static void same_f(const char *s, unsigned flags, double want)
{
	double v = parse_f(s, strlen(s), flags, PB_NUM_OK);
	if (!(v == want) || signbit(v) != signbit(want))
		fail_msg("\"%s\" gave %.17g, wanted %.17g", s, v, want);
}

static void same(const char *s, double want)
{
	same_f(s, 0, want);
}

static void is_bad(const char *s)
{
	/* PB_NUM_BAD leaves *out untouched */
	if (parse_f(s, strlen(s), 0, PB_NUM_BAD) != SENTINEL)
		fail_msg("\"%s\": *out written on PB_NUM_BAD", s);
}

static void is_missing(const char *s)
{
	if (!isnan(parse_f(s, strlen(s), 0, PB_NUM_MISSING)))
		fail_msg("\"%s\": *out is not PB_MISSING", s);
}

/* The plain fast path: ASCII digits, '-', one '.'. */
static void test_plain(void **state)
{
	(void)state;
	same("12345.67", 12345.67);
	same("0", 0.0);
	same("-3", -3.0);
	same("0.5", 0.5);
	same("007", 7.0);
	same("1.", 1.0);
	same(".5", 0.5);
	same("-0.05", -0.05);
	same("-0", -0.0); /* the sign of zero is kept, as strtod keeps it */
	same("1234567890123456789", 1234567890123456789.0); /* 19 digits, > 2^53 */
	/* only len bytes are read: "12345" cut to 3 is 123 */
	assert_true(parse_f("12345", 3, 0, PB_NUM_OK) == 123.0);
}

/* Clinger's fast path must agree with correct rounding; where it cannot be used, the
 * strtod fallback must. */
static void test_exact(void **state)
{
	(void)state;
	same("0.1", 0.1);
	same("0.3", 0.3);
	same("123456789012.34", 123456789012.34);
	/* 2^53 = 9007199254740992 is the largest mantissa of the fast path */
	same("9007199254740992", 9007199254740992.0);
	/* 2^53 + 1 lies halfway between the doubles 2^53 and 2^53 + 2: ties go to the
	 * even mantissa, 2^53 */
	same("9007199254740993", 9007199254740992.0);
	/* 2^53 + 3 lies halfway between 2^53 + 2 (odd mantissa) and 2^53 + 4 (even) */
	same("9007199254740995", 9007199254740996.0);
	same("12345678901234567890", 12345678901234567890.0); /* 20 digits */
	same("3.14159265358979323846264338327950288", 3.14159265358979323846264338327950288);
	same("1e22", 1e22);  /* the largest exact power of ten: fast path */
	same("1e23", 1e23);  /* one more: fallback */
	same("1e-22", 1e-22);
	same("0.000000000000000000000001", 1e-24); /* 24 places: fallback */
	same("2.2250738585072014e-308", 2.2250738585072014e-308); /* smallest normal */
	same("4.9406564584124654e-324", 0x1p-1074);                /* smallest subnormal */
	same("1e-400", 0.0); /* underflow rounds to zero, a value */
	same("1e300", 1e300);
	same("1.7976931348623157e308", 1.7976931348623157e308); /* DBL_MAX */
	/* the general path (a separator) takes the fallback for long mantissas too */
	same("9,007,199,254,740,993", 9007199254740992.0);
	same("1,234,567,890,123,456,789,012", 1234567890123456789012.0);
}

static void test_digit_limit(void **state)
{
	(void)state;
	char s[128];
	/* 1 and 99 zeros: 100 digits, 1e99 */
	s[0] = '1';
	memset(s + 1, '0', 99);
	s[100] = '\0';
	same(s, 1e99);
	/* 101 digits are refused rather than cut */
	s[100] = '0';
	s[101] = '\0';
	is_bad(s);
}

static void test_exponent(void **state)
{
	(void)state;
	same("1.5e3", 1500.0);
	same("1.5E+3", 1500.0);
	same("2e-3", 0.002);
	same("-2.5e2", -250.0);
	same("1,234e1", 12340.0);
	is_bad("1e");
	is_bad("1e+");
	is_bad("e5");
	is_bad("1e5.5");
	is_bad("1e1234567"); /* more than six exponent digits */
	is_bad("1e999");     /* overflows to infinity: no figure is that large */
	is_bad("-1e999");
}

static void test_thousands(void **state)
{
	(void)state;
	same("1,234", 1234.0);
	same("1,234,567.8", 1234567.8);
	same("12,345,678", 12345678.0);
	same("999,999", 999999.0);
	same("-1,234.5", -1234.5);
	same("+1,000", 1000.0);
	same("1'234'567", 1234567.0);          /* Swiss apostrophe */
	same("1\xe2\x80\x89" "234", 1234.0);   /* thin space U+2009 */
	same("1\xe2\x80\xaf" "234.5", 1234.5); /* narrow NBSP U+202F */
	same("1\xef\xbc\x8c" "234", 1234.0);   /* full-width comma ， */
	same("0.123", 0.123);
	static const char *const bad[] = {
		"12,34",      /* the last group must have 3 digits */
		"1,2",
		"1,2345",
		"1234,567",   /* at most 3 digits before the first separator */
		"1,23,456",   /* Indian grouping is not ours */
		"1,234,56",
		"0,123",      /* a European 0.123: never guessed */
		"01,234",
		"1,234.5,6",  /* no separator after the point */
		"1.234,5",
		"1,234'567",  /* one kind of separator per number */
		",123",
		"1,",
		"1,,234",
		"1,234,",
		"1,23.5",     /* a short last group before the point */
		"1 234",      /* an ASCII space is not a separator */
	};
	for (size_t i = 0; i < COUNT(bad); i++)
		is_bad(bad[i]);
}

static void test_full_width(void **state)
{
	(void)state;
	/* １２３４５．６７ */
	same("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x8e"
	     "\xef\xbc\x96\xef\xbc\x97", 12345.67);
	/* １２，３４５．６ */
	same("\xef\xbc\x91\xef\xbc\x92\xef\xbc\x8c\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95"
	     "\xef\xbc\x8e\xef\xbc\x96", 12345.6);
	same("\xef\xbc\x90", 0.0);                     /* ０ */
	same("\xef\xbc\x99", 9.0);                     /* ９ */
	same("\xef\xbc\x8d" "8", -8.0);                /* －8 */
	same("\xef\xbc\x8b" "8", 8.0);                 /* ＋8 */
	same("\xe2\x88\x92" "8", -8.0);                /* −8, U+2212 */
	same("\xef\xbc\x88" "1,234\xef\xbc\x89", -1234.0); /* （1,234） */
	same("(1,234.5\xef\xbc\x89", -1234.5);         /* mixed widths */
	same("1\xef\xbc\x87" "234", 1234.0);           /* full-width apostrophe ＇ */
}

static void test_percent(void **state)
{
	(void)state;
	/* Without the flag the value is divided by 100 - by moving the decimal exponent:
	 * 10.3 / 100 in doubles is 0.10300000000000001 (two roundings), while the
	 * correctly rounded 0.103 is what the literal gives. */
	same("10.3%", 0.103);
	assert_true(10.3 / 100 != 0.103); /* so the line above tells the two apart */
	same_f("10.3%", PB_NUM_PERCENT, 10.3);
	same("50%", 0.5);
	same("-2.5%", -0.025);
	same("100%", 1.0);
	same("40\xef\xbc\x85", 0.4);             /* 40％ */
	same_f("40\xef\xbc\x85", PB_NUM_PERCENT, 40.0);
	same("(5%)", -0.05);
	same("1e2%", 1.0);                        /* 100 %, exponent and percent */
	same("1,250%", 12.5);
	/* 20 digits, so the fallback: "12345678901234567890e-2" */
	same("12345678901234567890%", 123456789012345678.90);
	is_bad("%");
	is_bad("5%%");
	is_bad("5 %");
	is_bad("%5");
	is_bad("(5)%");
}

static void test_accounting(void **state)
{
	(void)state;
	same("(1,234.5)", -1234.5);
	same("(7)", -7.0);
	same(" (42) ", -42.0);
	static const char *const bad[] = { "(5", "5)", "(-5)", "(+5)", "-(5)", "()", "(", "((5))",
					   "(5x)" };
	for (size_t i = 0; i < COUNT(bad); i++)
		is_bad(bad[i]);
}

static void test_blanks(void **state)
{
	(void)state;
	same(" 42 ", 42.0);
	same("\t42\r\n", 42.0);
	same("\xc2\xa0" "42\xc2\xa0", 42.0);             /* NBSP */
	same("\xe3\x80\x80" "3\xe3\x80\x80", 3.0);        /* U+3000 */
	same("\xe2\x80\x89" "7\xe2\x80\x89", 7.0);        /* thin space */
	same("  1,234.5  ", 1234.5);
	same(" -8", -8.0);
}

static void test_missing(void **state)
{
	(void)state;
	static const char *const marks[] = {
		"", " ", "\t \xe3\x80\x80", "-", "--", "---",
		"\xe2\x80\x94",                 /* — */
		"\xe2\x80\x94\xe2\x80\x94",     /* —— */
		"\xe2\x80\x95",                 /* ― */
		"\xef\xbc\x8d",                 /* － */
		"\xef\xbc\x8d\xef\xbc\x8d",     /* －－ */
		"\xe2\x80\xa6",                 /* … */
		"/", "\xef\xbc\x8f",            /* ／ */
		"\xe6\x97\xa0",                 /* 无 */
		"N/A", "n/a", "NA", "na", "#N/A", "null", "NULL", "NaN", "nan", "None",
		" \xe2\x80\x94 ", "\xe3\x80\x80-\xe3\x80\x80",
	};
	for (size_t i = 0; i < COUNT(marks); i++)
		is_missing(marks[i]);
	assert_true(pb_is_missing(PB_MISSING));
	assert_false(pb_is_missing(0.0));
}

static void test_bad(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"12a3", "abc", "1..2", "1.2.3", "--5", "5-", "- 5", "+", ".", "+.", "-.",
		"\xe2\x80\x94" "5",  /* —5: a dash before a figure is not a minus */
		"\xe7\xba\xa6" "300", /* 约300 */
		"300\xe4\xb8\x87",    /* 300万: units belong in the header */
		"0x10", "inf", "-inf", "infinity", "1 2", "3 4", "\xef\xbf\xa5" "5" /* ￥5 */,
		"\xef\xbc", "5\xef\xbc", "5\xef", /* cut UTF-8 */
		"\xef\xbc\x91\xef\xbc", /* １ then a cut character */
		"#DIV/0!", "N/A5",
	};
	for (size_t i = 0; i < COUNT(bad); i++)
		is_bad(bad[i]);
	/* an embedded NUL is a character like any other, and not a digit */
	assert_true(parse_f("1\0" "2", 3, 0, PB_NUM_BAD) == SENTINEL);
}

static void format_is(double v, const char *want)
{
	char out[32];
	pb_num_format(v, out);
	assert_string_equal(out, want);
}

static void test_format(void **state)
{
	(void)state;
	format_is(15000, "15000");
	format_is(-2.5, "-2.5");
	format_is(0.1, "0.1");
	format_is(123456.789, "123456.789");
	format_is(1.0 / 3, "0.3333333333333333");     /* %.15g does not read back; %.16g does */
	format_is(0.1 + 0.2, "0.30000000000000004");  /* needs all 17 digits */
	format_is(1.1 * 1.1, "1.2100000000000002");   /* likewise */
	format_is(-0.0, "0");
	format_is(0.0, "0");
	format_is(PB_MISSING, "");
	format_is(1e15, "1000000000000000");          /* an integer, not "1e+15" */
	format_is(9007199254740991.0, "9007199254740991"); /* 2^53 - 1 */
	format_is(9007199254740992.0, "9007199254740992"); /* 2^53: %.16g */
	format_is(1e20, "1e+20");
	format_is(1e-7, "1e-07");
	/* whatever is printed reads back as the same double, through pb_num_parse too */
	static const double vals[] = { 0.1, 0.7, 1.0 / 3, 2.0 / 3, 1e-300, 5e-324, 1.7976931348623157e308,
				       123456789.123456789, -98765.4321, 12345.67, 0.103 };
	for (size_t i = 0; i < COUNT(vals); i++) {
		char out[32];
		pb_num_format(vals[i], out);
		assert_true(strtod(out, NULL) == vals[i]);
		assert_true(parse_f(out, strlen(out), 0, PB_NUM_OK) == vals[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_digit_limit),
		cmocka_unit_test(test_exponent),
		cmocka_unit_test(test_thousands),
		cmocka_unit_test(test_full_width),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_accounting),
		cmocka_unit_test(test_blanks),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
