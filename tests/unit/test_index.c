/* test_index.c - the text-key index, the key set, the text helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "index.h"
#include "keyset.h"
#include "text.h"

static void test_index_find(void **state)
{
	(void)state;
	pb_index ix;
	pb_index_init(&ix);
	assert_int_equal(pb_index_add(&ix, "b", 1, 2), 0);
	assert_int_equal(pb_index_add(&ix, "a", 1, 1), 0);
	assert_int_equal(pb_index_add(&ix, "dup", 3, 7), 0);
	assert_int_equal(pb_index_add(&ix, "dup", 3, 8), 0);
	assert_int_equal(pb_index_add(&ix, "same", 4, 9), 0);
	assert_int_equal(pb_index_add(&ix, "same", 4, 9), 0); /* same id twice: not ambiguous */
	assert_int_equal(pb_index_build(&ix), 0);
	assert_int_equal(pb_index_find(&ix, "a", 1), 1);
	assert_int_equal(pb_index_find(&ix, "b", 1), 2);
	assert_int_equal(pb_index_find(&ix, "b", 1), 2); /* cached hit */
	assert_int_equal(pb_index_find(&ix, "c", 1), 0);
	assert_int_equal(pb_index_find(&ix, "du", 2), 0); /* prefix is not a match */
	assert_int_equal(pb_index_find(&ix, "dup", 3), -1);
	assert_int_equal(pb_index_find(&ix, "same", 4), 9);
	assert_string_equal(pb_index_key_of(&ix, 2), "b");
	assert_string_equal(pb_index_key_of(&ix, 8), "dup");
	assert_null(pb_index_key_of(&ix, 42));
	pb_index_free(&ix);
}

static void test_index_many(void **state)
{
	(void)state;
	pb_index ix;
	pb_index_init(&ix);
	char k[32];
	for (int i = 0; i < 100000; i++) {
		int n = snprintf(k, sizeof(k), "key-%d", i);
		assert_int_equal(pb_index_add(&ix, k, (size_t)n, i + 1), 0);
	}
	assert_int_equal(pb_index_build(&ix), 0);
	for (int i = 0; i < 100000; i += 997) {
		int n = snprintf(k, sizeof(k), "key-%d", i);
		assert_int_equal(pb_index_find(&ix, k, (size_t)n), i + 1);
	}
	pb_index_free(&ix);
}

static void test_keyset(void **state)
{
	(void)state;
	pb_keyset ks;
	pb_keyset_init(&ks);
	for (uint32_t i = 1; i <= 50000; i++)
		assert_int_equal(pb_keyset_insert(&ks, (uint64_t)i * 4096, i), 0);
	assert_int_equal(pb_keyset_insert(&ks, 4096, 99), 1);     /* first seen on row 1 */
	assert_int_equal(pb_keyset_insert(&ks, 4096 * 777, 5), 777);
	assert_int_equal(ks.count, 50000);
	pb_keyset_free(&ks);
}

static void test_text_trim_and_key(void **state)
{
	(void)state;
	const char *s = "\xe3\x80\x80 企业名称 \xc2\xa0\n";
	size_t n = strlen(s);
	pb_text_trim(&s, &n);
	assert_int_equal(n, strlen("企业名称"));
	assert_memory_equal(s, "企业名称", n);
	char out[64];
	/* full-width brackets become ASCII, blanks go, letters go lower-case, '*' goes */
	pb_text_key("*维沃移动通信（重庆） 有限公司", strlen("*维沃移动通信（重庆） 有限公司"), out,
		    sizeof(out));
	assert_string_equal(out, "维沃移动通信(重庆)有限公司");
	pb_text_key("Gross_Output", 12, out, sizeof(out));
	assert_string_equal(out, "gross_output");
	assert_true(pb_text_contains("上年同期", strlen("上年同期"), "同期"));
	assert_false(pb_text_contains("本月", strlen("本月"), "同期"));
	assert_true(pb_text_valid("a\tb", 3));
	assert_false(pb_text_valid("a\x01" "b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_find),
		cmocka_unit_test(test_index_many),
		cmocka_unit_test(test_keyset),
		cmocka_unit_test(test_text_trim_and_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
