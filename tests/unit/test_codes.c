/* test_codes.c - USCC (GB 32100-2015) and GB/T 4754-2017 codes, against published
 * codes and the standard's own counts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "industry.h"
#include "uscc.h"

/* Published codes of well-known companies (each passes both the GB 32100 and the
 * embedded GB 11714 check, which a mistyped code fails 30 times out of 31):
 * DOMAIN.md's example, 华为技术有限公司, 深圳市腾讯计算机系统有限公司,
 * 阿里巴巴（中国）有限公司, 小米科技有限责任公司. */
static const char *const real_codes[] = {
	"91350200776049653A", "914403001922038216", "91440300708461136T",
	"91330100716105852F", "91110108551385082Q",
};

static void test_real_codes_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(real_codes) / sizeof(real_codes[0]); i++) {
		assert_int_equal(pb_uscc_check(real_codes[i], 18, NULL), PB_USCC_OK);
		/* the organisation code inside (positions 9-17) has its own check */
		assert_int_equal(pb_orgcode_check_char(real_codes[i] + 8), real_codes[i][16]);
	}
}

static void test_check_digit_by_hand(void **state)
{
	(void)state;
	/* 91350200776049653A: values 9 1 3 5 0 2 0 0 7 7 6 0 4 9 6 5 3 times weights
	 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
	 * 9+3+27+135+0+52+0+0+140+203+150+0+32+216+60+150+84 = 1261; 1261 mod 31 = 21;
	 * 31 - 21 = 10, and charset[10] = 'A'. */
	assert_int_equal(pb_uscc_check_char("91350200776049653"), 'A');
	char expected = 0;
	assert_int_equal(pb_uscc_check("91350200776049653B", 18, &expected), PB_USCC_CHECK);
	assert_int_equal(expected, 'A');
	/* one changed character anywhere breaks it */
	char c[19];
	memcpy(c, "914403001922038216", 19);
	c[10] = '3';
	assert_int_equal(pb_uscc_check(c, 18, NULL), PB_USCC_CHECK);
}

static void test_weights_are_powers_of_3(void **state)
{
	(void)state;
	/* changing position i by one unit changes the sum by weight_i = 3^(i-1) mod 31:
	 * check that through the check character */
	int w = 1;
	for (int i = 0; i < 17; i++) {
		char a[18] = "00000000000000000", b[18] = "00000000000000000";
		b[i] = '1';
		const char *cs = "0123456789ABCDEFGHJKLMNPQRTUWXY";
		int ca = (int)(strchr(cs, pb_uscc_check_char(a)) - cs);
		int cb = (int)(strchr(cs, pb_uscc_check_char(b)) - cs);
		assert_int_equal(((ca - cb) % 31 + 31) % 31, w % 31);
		w = w * 3 % 31;
	}
}

static void test_uscc_problems(void **state)
{
	(void)state;
	assert_int_equal(pb_uscc_check("9135020077604965", 16, NULL), PB_USCC_LENGTH);
	assert_int_equal(pb_uscc_check("91350200776049653I", 18, NULL), PB_USCC_CHARSET);
	assert_int_equal(pb_uscc_check("9135O200776049653A", 18, NULL), PB_USCC_CHARSET);
	assert_int_equal(pb_uscc_check("913502A0776049653A", 18, NULL), PB_USCC_REGION);
	assert_string_equal(pb_uscc_strerror(PB_USCC_LENGTH, false), "应为18位");
	assert_string_equal(pb_uscc_strerror(PB_USCC_LENGTH, true), "must be 18 characters");
}

static void test_uscc_normalize(void **state)
{
	(void)state;
	char out[19];
	const char *in = " 91350200776049653a\xe3\x80\x80";
	assert_int_equal(pb_uscc_normalize(in, strlen(in), out), 18);
	assert_string_equal(out, "91350200776049653A");
	/* full-width: ９１３５… */
	const char *fw = "\xef\xbc\x99\xef\xbc\x91" "350200776049653\xef\xbc\xa1";
	assert_int_equal(pb_uscc_normalize(fw, strlen(fw), out), 18);
	assert_string_equal(out, "91350200776049653A");
}

static void test_industry_lookup(void **state)
{
	(void)state;
	/* names as GB/T 4754-2017 prints them */
	static const char *const pairs[][2] = {
		{ "C3922", "通信终端设备制造" }, { "C1620", "卷烟制造" },
		{ "C3751", "摩托车整车制造" }, { "C2710", "化学药品原料药制造" },
		{ "D4420", "电力供应" }, { "C3464", "制冷、空调设备制造" },
		{ "C25", "石油、煤炭及其他燃料加工业" }, { "C396", "智能消费设备制造" },
		{ "C283", "生物基材料制造" }, { "B11", "开采专业及辅助性活动" },
		{ "C", "制造业" }, { "I65", "软件和信息技术服务业" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const pb_industry *ind = pb_industry_find(pairs[i][0]);
		assert_non_null(ind);
		assert_string_equal(ind->name, pairs[i][1]);
	}
	assert_null(pb_industry_find("C3923"));
	assert_null(pb_industry_find("C3900"));
}

static void test_industry_counts(void **state)
{
	(void)state;
	/* GB/T 4754-2017: manufacturing has 31 divisions, 179 groups, 609 classes; mining 7,
	 * 19, 39; utilities 3, 9, 18; 20 sections and 97 divisions in all */
	size_t n[128][6] = { { 0 } };
	size_t sections = 0, divisions = 0;
	for (size_t i = 0; i < pb_industry_count(); i++) {
		const pb_industry *e = pb_industry_at(i);
		size_t len = strlen(e->code);
		n[(unsigned char)e->code[0]][len]++;
		sections += len == 1;
		divisions += len == 3;
		if (i > 0)
			assert_true(strcmp(pb_industry_at(i - 1)->code, e->code) < 0); /* sorted, unique */
	}
	assert_int_equal(sections, 20);
	assert_int_equal(divisions, 97);
	assert_int_equal(n['C'][3], 31);
	assert_int_equal(n['C'][4], 179);
	assert_int_equal(n['C'][5], 609);
	assert_int_equal(n['B'][3], 7);
	assert_int_equal(n['B'][4], 19);
	assert_int_equal(n['B'][5], 39);
	assert_int_equal(n['D'][3], 3);
	assert_int_equal(n['D'][4], 9);
	assert_int_equal(n['D'][5], 18);
	assert_null(pb_industry_at(pb_industry_count()));
}

static void test_industry_normalize(void **state)
{
	(void)state;
	char out[8];
	assert_true(pb_industry_normalize("3922", 4, out));
	assert_string_equal(out, "C3922");
	assert_true(pb_industry_normalize("c 3922", 6, out));
	assert_string_equal(out, "C3922");
	const char *fw = "\xef\xbc\xa3\xef\xbc\x93\xef\xbc\x99\xef\xbc\x92\xef\xbc\x92"; /* Ｃ３９２２ */
	assert_true(pb_industry_normalize(fw, strlen(fw), out));
	assert_string_equal(out, "C3922");
	assert_true(pb_industry_normalize("0610", 4, out)); /* leading zero: section B */
	assert_string_equal(out, "B0610");
	assert_true(pb_industry_normalize("4420", 4, out));
	assert_string_equal(out, "D4420");
	assert_true(pb_industry_normalize("281", 3, out));
	assert_string_equal(out, "C281");
	assert_true(pb_industry_normalize("C", 1, out));
	assert_string_equal(out, "C");
	assert_false(pb_industry_normalize("B3922", 5, out)); /* letter disagrees with division */
	assert_false(pb_industry_normalize("3", 1, out));
	assert_false(pb_industry_normalize("C39221", 6, out));
	assert_false(pb_industry_normalize("39x2", 4, out));
	assert_false(pb_industry_normalize("9922", 4, out)); /* no division 99 */
	assert_int_equal(pb_industry_section_of(13), 'C');
	assert_int_equal(pb_industry_section_of(43), 'C');
	assert_int_equal(pb_industry_section_of(12), 'B');
	assert_int_equal(pb_industry_section_of(97), 'T');
	assert_int_equal(pb_industry_section_of(0), '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes_valid),
		cmocka_unit_test(test_check_digit_by_hand),
		cmocka_unit_test(test_weights_are_powers_of_3),
		cmocka_unit_test(test_uscc_problems),
		cmocka_unit_test(test_uscc_normalize),
		cmocka_unit_test(test_industry_lookup),
		cmocka_unit_test(test_industry_counts),
		cmocka_unit_test(test_industry_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
