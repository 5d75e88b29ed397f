/* test_uscc.c - 统一社会信用代码 (GB 32100-2015) and the embedded GB 11714
 * organisation code (src/core/uscc.h), against codes published for real companies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "uscc.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The charset in value order, as GB 32100-2015 prints it (no I O S V Z). */
static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int val(char c)
{
	const char *p = strchr(cs, c);
	return c && p ? (int)(p - cs) : -1;
}

/*
 * Published codes. The check character of each was recomputed by hand below
 * (values_i x weights_i, weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28;
 * C18 = 31 - sum mod 31), and so was the GB 11714 check of the organisation code at
 * positions 9-17 (weights 3 7 9 10 5 8 4 2; C9 = 11 - sum mod 11, 10 -> X, 11 -> 0).
 */
static const struct {
	const char *code;
	const char *who;
} real[] = {
	/* DOMAIN.md §3's example, from 02020/vite learn/utils/validateSocialCreditCode.js.
	 * 9+3+27+135+0+52+0+0+140+203+150+0+32+216+60+150+84 = 1261 = 40*31 + 21;
	 * 31 - 21 = 10 = 'A'. Org code 77604965: 21+49+54+0+20+72+24+10 = 250 =
	 * 22*11 + 8; 11 - 8 = 3. */
	{ "91350200776049653A", "DOMAIN.md example" },
	/* 华为技术有限公司, Wikipedia (zh) infobox "機構代碼 914403001922038216".
	 * 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831 = 26*31 + 25;
	 * 31 - 25 = 6. Org code 19220382: 3+63+18+20+0+24+32+4 = 164 = 14*11 + 10;
	 * 11 - 10 = 1. */
	{ "914403001922038216", "华为技术有限公司" },
	/* 招商银行股份有限公司: the serialNumber of the EV TLS certificate of
	 * www.cmbchina.com (an EV certificate carries the registration number the CA
	 * verified). X is value 29: 9+3+36+108+0+78+0+0+20+0+0+0+8+144+80+180+29*28=812
	 * -> 1478 = 47*31 + 21; 31 - 21 = 10 = 'A'. Org code 10001686: 3+0+0+0+5+48+
	 * 32+12 = 100 = 9*11 + 1; 11 - 1 = 10, written X. */
	{ "9144030010001686XA", "招商银行股份有限公司" },
	/* 中国银行股份有限公司: serialNumber of the EV TLS certificate of www.boc.cn.
	 * 9+3+9+0+0+0+0+0+20+0+0+0+0+24+30+120+56 = 271 = 8*31 + 23; 31 - 23 = 8.
	 * Org code 10000134: 3+0+0+0+0+8+12+8 = 31 = 2*11 + 9; 11 - 9 = 2. */
	{ "911000001000013428", "中国银行股份有限公司" },
	/* 比亚迪股份有限公司, as listed with its 组织机构代码 19231745-8 in public
	 * company datasets. 9+3+36+108+0+78+0+0+20+261+50+39+8+168+40+150+224 = 1194 =
	 * 38*31 + 16; 31 - 16 = 15 = 'F'. Org code: 3+63+18+30+5+56+16+10 = 201 =
	 * 18*11 + 3; 11 - 3 = 8. */
	{ "91440300192317458F", "比亚迪股份有限公司" },
	/* 万科企业股份有限公司 (public company datasets). 9+3+36+108+0+78+0+0+20+261+
	 * 50+13+64+24+40+270+0 = 976 = 31*31 + 15; 31 - 15 = 16 = 'G'. Org code
	 * 19218149: 3+63+18+10+40+8+16+18 = 176 = 16*11 + 0; 11 - 0 = 11, written 0:
	 * the one code here that exercises GB 11714's "11 -> 0". */
	{ "91440300192181490G", "万科企业股份有限公司" },
};

/* 中国银行's code as miscopied in a public mock data set: the 4th character 0 -> 1
 * (region 110000 instead of 100000). Its sum is 271 + 1*27 = 298 = 9*31 + 19, so the
 * check character should be 31 - 19 = 12 = 'C', not '8'. */
static const char known_bad[] = "911100001000013428";

static void test_real_codes(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(real); i++) {
		const char *c = real[i].code;
		char expected = '?';
		if (pb_uscc_check(c, 18, &expected) != PB_USCC_OK)
			fail_msg("%s (%s) rejected", c, real[i].who);
		assert_int_equal(expected, '?'); /* only written for PB_USCC_CHECK */
		assert_int_equal(pb_uscc_check_char(c), c[17]);
		assert_int_equal(pb_orgcode_check_char(c + 8), c[16]);
	}
}

static void test_known_bad(void **state)
{
	(void)state;
	char expected = 0;
	assert_int_equal(pb_uscc_check(known_bad, 18, &expected), PB_USCC_CHECK);
	assert_int_equal(expected, 'C');
	assert_int_equal(pb_uscc_check(known_bad, 18, NULL), PB_USCC_CHECK);
	/* the wrong last character of a real code: the right one is reported */
	assert_int_equal(pb_uscc_check("91350200776049653B", 18, &expected), PB_USCC_CHECK);
	assert_int_equal(expected, 'A');
}

/* Any single substituted character and any swap of two different neighbours is
 * caught: 31 is prime, every weight is non-zero mod 31, and a swap at i, i+1 changes
 * the sum by (a - b)(w_i - w_i+1) = -2(a - b)w_i, non-zero mod 31. */
static void test_single_errors_caught(void **state)
{
	(void)state;
	for (size_t k = 0; k < COUNT(real); k++) {
		char c[19];
		for (int i = 0; i < 18; i++) {
			for (int r = 0; r < 31; r++) {
				memcpy(c, real[k].code, 19);
				if (cs[r] == c[i])
					continue;
				c[i] = cs[r];
				pb_uscc_status st = pb_uscc_check(c, 18, NULL);
				/* a letter among positions 3-8 is a region error first */
				int region = i >= 2 && i < 8 && (c[i] < '0' || c[i] > '9');
				assert_int_equal(st, region ? PB_USCC_REGION : PB_USCC_CHECK);
			}
		}
		for (int i = 0; i + 1 < 17; i++) {
			memcpy(c, real[k].code, 19);
			if (c[i] == c[i + 1])
				continue;
			char t = c[i];
			c[i] = c[i + 1], c[i + 1] = t;
			assert_int_not_equal(pb_uscc_check(c, 18, NULL), PB_USCC_OK);
		}
	}
}

static void test_weights(void **state)
{
	(void)state;
	/* the published list equals 3^(i-1) mod 31 */
	static const int published[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int w = 1;
	for (int i = 0; i < 17; i++) {
		assert_int_equal(published[i], w);
		w = w * 3 % 31;
	}
	/* and the code uses them: a body of zeros with a 1 at position i sums to w_i,
	 * so its check character is charset[(31 - w_i) mod 31] */
	for (int i = 0; i < 17; i++) {
		char body[18] = "00000000000000000";
		body[i] = '1';
		assert_int_equal(pb_uscc_check_char(body), cs[(31 - published[i]) % 31]);
	}
	/* a sum divisible by 31 gives 31 - 0 = 31, written 0 */
	assert_int_equal(pb_uscc_check_char("00000000000000000"), '0');
	assert_int_equal(pb_uscc_check("000000000000000000", 18, NULL), PB_USCC_OK);
}

static void test_charset_values(void **state)
{
	(void)state;
	/* position 1 has weight 1: the sum is the character's value v, the check
	 * character charset[(31 - v) mod 31]; this pins every value of the charset */
	for (int v = 0; v < 31; v++) {
		char body[18] = "00000000000000000";
		body[0] = cs[v];
		assert_int_equal(pb_uscc_check_char(body), cs[(31 - v) % 31]);
	}
	/* 'X' is 29: the sum 29 gives 31 - 29 = 2 */
	assert_int_equal(pb_uscc_check_char("X0000000000000000"), '2');
	static const char outside[] = "IOSVZa-* ";
	for (size_t i = 0; i + 1 < sizeof(outside); i++) {
		char body[18] = "00000000000000000";
		body[5] = outside[i];
		assert_int_equal(pb_uscc_check_char(body), '\0');
	}
	assert_int_equal(val('Y'), 30); /* the test's own table, for the record */
}

static void test_problems_in_order(void **state)
{
	(void)state;
	assert_int_equal(pb_uscc_check("9135020077604965", 16, NULL), PB_USCC_LENGTH);
	assert_int_equal(pb_uscc_check("91350200776049653A1", 19, NULL), PB_USCC_LENGTH);
	assert_int_equal(pb_uscc_check("", 0, NULL), PB_USCC_LENGTH);
	/* each excluded letter, lower case (not normalised), a symbol, a non-ASCII byte */
	static const char *const charset_bad[] = {
		"91350200776049653I", "9135O200776049653A", "91350200776049S53A",
		"913502007760V9653A", "Z1350200776049653A", "91350200776049653a",
		"91350200-76049653A", "913502007760\xe4" "9653A",
	};
	for (size_t i = 0; i < COUNT(charset_bad); i++)
		assert_int_equal(pb_uscc_check(charset_bad[i], 18, NULL), PB_USCC_CHARSET);
	/* letters from the charset, but in the region code (positions 3-8) */
	assert_int_equal(pb_uscc_check("91A50200776049653A", 18, NULL), PB_USCC_REGION);
	assert_int_equal(pb_uscc_check("913502A0776049653A", 18, NULL), PB_USCC_REGION);
	assert_int_equal(pb_uscc_check("9135020X776049653A", 18, NULL), PB_USCC_REGION);
	/* the first problem wins: a charset error before a region error */
	assert_int_equal(pb_uscc_check("91O50200776049653A", 18, NULL), PB_USCC_CHARSET);
	/* a region error before a check error, and *expected is left alone */
	char expected = '?';
	assert_int_equal(pb_uscc_check("91A50200776049653B", 18, &expected), PB_USCC_REGION);
	assert_int_equal(expected, '?');
	/* letters are allowed in positions 1-2 and 9-17 (codes issued since 2015 have
	 * "MA..." there). Y=30, M=21, A=10: 30*1 + 1*3 + 1*9 + 1*27 + 21*20 + 10*29 =
	 * 30+3+9+27+420+290 = 779 = 25*31 + 4; 31 - 4 = 27 = 'U' */
	assert_int_equal(pb_uscc_check_char("Y1110000MA0000000"), 'U');
	assert_int_equal(pb_uscc_check("Y1110000MA0000000U", 18, NULL), PB_USCC_OK);
}

static void normalize_is(const char *in, size_t want_n, const char *want)
{
	char out[19];
	memset(out, 'x', sizeof(out));
	assert_int_equal(pb_uscc_normalize(in, strlen(in), out), want_n);
	assert_string_equal(out, want);
}

static void test_normalize(void **state)
{
	(void)state;
	normalize_is("91350200776049653A", 18, "91350200776049653A");
	normalize_is(" 91350200776049653a\xe3\x80\x80", 18, "91350200776049653A");
	normalize_is("9135 0200 7760 4965 3A", 18, "91350200776049653A");
	normalize_is("91350200-77604965-3-A", 18, "91350200776049653A");
	normalize_is("\t9144030010001686xa\r\n", 18, "9144030010001686XA");
	normalize_is("\xc2\xa0" "9144030010001686XA\xc2\xa0", 18, "9144030010001686XA");
	/* full-width: ９１ ... Ａ, and full-width lower case ｘａ */
	normalize_is("\xef\xbc\x99\xef\xbc\x91" "350200776049653\xef\xbc\xa1", 18,
		     "91350200776049653A");
	normalize_is("9144030010001686\xef\xbd\x98\xef\xbd\x81", 18, "9144030010001686XA");
	/* too long: the count goes on, only 18 are written, so n != 18 shows it */
	normalize_is("91350200776049653AX", 19, "91350200776049653A");
	normalize_is("91350200776049653A91350200776049653A", 36, "91350200776049653A");
	normalize_is("", 0, "");
	normalize_is("  - ", 0, "");
	normalize_is("9135", 4, "9135");
	/* not full-width ASCII: copied byte by byte, so the check finds them */
	normalize_is("\xe4\xb8\xad", 3, "\xe4\xb8\xad");        /* 中 */
	normalize_is("\xef\xbc\x41", 3, "\xef\xbc" "A");         /* not a UTF-8 sequence */
	normalize_is("A\xef\xbc", 3, "A\xef\xbc");               /* cut at the end */
	/* only len bytes are read */
	char out[19];
	assert_int_equal(pb_uscc_normalize("91350200776049653Axyz", 18, out), 18);
	assert_string_equal(out, "91350200776049653A");
}

static void test_orgcode(void **state)
{
	(void)state;
	/* 比亚迪's 组织机构代码 19231745-8 (see above for the sum 201) */
	assert_int_equal(pb_orgcode_check_char("19231745"), '8');
	/* 招商银行 10001686-X: sum 100, 11 - 1 = 10 -> X */
	assert_int_equal(pb_orgcode_check_char("10001686"), 'X');
	/* 万科 19218149-0: sum 176 divisible by 11, 11 -> 0 */
	assert_int_equal(pb_orgcode_check_char("19218149"), '0');
	/* GB 11714 letters run A = 10 .. Z = 35, I O S V Z included: "Z0000000" sums to
	 * 35 * 3 = 105 = 9*11 + 6, 11 - 6 = 5; "A0000000" to 30 = 2*11 + 8, 11 - 8 = 3 */
	assert_int_equal(pb_orgcode_check_char("Z0000000"), '5');
	assert_int_equal(pb_orgcode_check_char("A0000000"), '3');
	/* "MA01B2C3": M=22 A=10 B=11 C=12: 66+70+0+10+55+16+48+6 = 271 = 24*11 + 7,
	 * 11 - 7 = 4 */
	assert_int_equal(pb_orgcode_check_char("MA01B2C3"), '4');
	assert_int_equal(pb_orgcode_check_char("1923174a"), '\0');
	assert_int_equal(pb_orgcode_check_char("1923-745"), '\0');
}

static void test_strerror(void **state)
{
	(void)state;
	static const pb_uscc_status all[] = { PB_USCC_OK, PB_USCC_LENGTH, PB_USCC_CHARSET,
					      PB_USCC_REGION, PB_USCC_CHECK };
	for (size_t i = 0; i < COUNT(all); i++) {
		for (size_t j = 0; j < i; j++) {
			assert_string_not_equal(pb_uscc_strerror(all[i], false),
						pb_uscc_strerror(all[j], false));
			assert_string_not_equal(pb_uscc_strerror(all[i], true),
						pb_uscc_strerror(all[j], true));
		}
		assert_true(pb_uscc_strerror(all[i], false)[0] != '\0');
	}
	assert_string_equal(pb_uscc_strerror(PB_USCC_LENGTH, false), "应为18位");
	assert_string_equal(pb_uscc_strerror(PB_USCC_LENGTH, true), "must be 18 characters");
	assert_string_equal(pb_uscc_strerror((pb_uscc_status)99, true), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_known_bad),
		cmocka_unit_test(test_single_errors_caught),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_charset_values),
		cmocka_unit_test(test_problems_in_order),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_orgcode),
		cmocka_unit_test(test_strerror),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
