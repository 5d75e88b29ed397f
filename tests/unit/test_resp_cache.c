/* test_resp_cache.c - the server's cache of finished bodies: a body is found only under
 * its own key, generation and epoch (and age), references outlive eviction, and the
 * bounds on slots and bytes hold. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "resp_cache.h"

static void put(const char *key, int64_t gen, uint64_t ep, const char *text)
{
	pb_resp_body *b;
	assert_int_equal(pb_resp_cache_put(&b, key, gen, ep, text, strlen(text)), 0);
	pb_resp_body_unref(b);
}

static void expect_body(pb_resp_body *b, const char *text)
{
	assert_non_null(b);
	size_t len;
	const char *p = pb_resp_body_data(b, &len);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(p, text, len);
	pb_resp_body_unref(b);
}

static void test_key_generation_epoch(void **state)
{
	(void)state;
	pb_resp_cache_clear();
	uint64_t ep = pb_resp_cache_epoch();
	put("summary|role=1|parks=", 7, ep, "{\"zone\":1}");
	put("summary|role=2|parks=3,", 7, ep, "{\"park\":3}");
	expect_body(pb_resp_cache_get("summary|role=1|parks=", 7, ep, 0), "{\"zone\":1}");
	expect_body(pb_resp_cache_get("summary|role=2|parks=3,", 7, ep, 0), "{\"park\":3}");
	/* another scope, a prefix of a key, another generation: nothing */
	assert_null(pb_resp_cache_get("summary|role=2|parks=4,", 7, ep, 0));
	assert_null(pb_resp_cache_get("summary|role=2|parks=", 7, ep, 0));
	assert_null(pb_resp_cache_get("summary|role=1|parks=", 8, ep, 0));
	/* a change request handled: every body is stale */
	pb_resp_cache_bump();
	assert_int_equal(pb_resp_cache_epoch(), ep + 1);
	assert_null(pb_resp_cache_get("summary|role=1|parks=", 7, ep + 1, 0));
	/* a body computed under the old epoch and stored late never matches again */
	put("summary|role=1|parks=", 7, ep, "{\"late\":1}");
	assert_null(pb_resp_cache_get("summary|role=1|parks=", 7, ep + 1, 0));
	/* the same key again replaces */
	put("summary|role=1|parks=", 7, ep + 1, "{\"new\":1}");
	expect_body(pb_resp_cache_get("summary|role=1|parks=", 7, ep + 1, 0), "{\"new\":1}");
	pb_resp_cache_clear();
	assert_null(pb_resp_cache_get("summary|role=1|parks=", 7, ep + 1, 0));
}

static void test_max_age(void **state)
{
	(void)state;
	pb_resp_cache_clear();
	uint64_t ep = pb_resp_cache_epoch();
	put("k", 1, ep, "x");
	expect_body(pb_resp_cache_get("k", 1, ep, 1000), "x");
	nanosleep(&(struct timespec){ .tv_nsec = 30 * 1000 * 1000 }, NULL);
	assert_null(pb_resp_cache_get("k", 1, ep, 10));
	expect_body(pb_resp_cache_get("k", 1, ep, 0), "x");
	pb_resp_cache_clear();
}

static void test_references_outlive(void **state)
{
	(void)state;
	pb_resp_cache_clear();
	uint64_t ep = pb_resp_cache_epoch();
	pb_resp_body *held;
	assert_int_equal(pb_resp_cache_put(&held, "held", 1, ep, "abc", 3), 0);
	put("held", 1, ep, "replaced");
	pb_resp_cache_clear();
	size_t len;
	assert_memory_equal(pb_resp_body_data(held, &len), "abc", 3); /* ASan: not freed */
	assert_int_equal(len, 3);
	pb_resp_body_unref(held);
	pb_resp_body_unref(NULL);
}

static void test_bounds(void **state)
{
	(void)state;
	pb_resp_cache_clear();
	uint64_t ep = pb_resp_cache_epoch();
	char key[32];
	/* more keys than slots: the least recently used go, the recently got stay */
	for (int i = 0; i < PB_RESP_CACHE_SLOTS + 10; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		put(key, 1, ep, key);
		if (i >= 1) /* k0 kept in use */
			expect_body(pb_resp_cache_get("k0", 1, ep, 0), "k0");
	}
	expect_body(pb_resp_cache_get("k0", 1, ep, 0), "k0");
	assert_null(pb_resp_cache_get("k1", 1, ep, 0));
	snprintf(key, sizeof(key), "k%d", PB_RESP_CACHE_SLOTS + 9);
	expect_body(pb_resp_cache_get(key, 1, ep, 0), key);

	/* bytes: bodies of a fifth of the bound, six of them: the first go */
	static char big[PB_RESP_CACHE_BYTES / 5];
	memset(big, 'x', sizeof(big));
	for (int i = 0; i < 6; i++) {
		pb_resp_body *b;
		snprintf(key, sizeof(key), "big%d", i);
		assert_int_equal(pb_resp_cache_put(&b, key, 1, ep, big, sizeof(big)), 0);
		pb_resp_body_unref(b);
	}
	assert_null(pb_resp_cache_get("big0", 1, ep, 0));
	pb_resp_body *b = pb_resp_cache_get("big5", 1, ep, 0);
	assert_non_null(b);
	pb_resp_body_unref(b);

	/* a body over a quarter of the bound is returned, not kept */
	static char huge[PB_RESP_CACHE_BYTES / 4 + 1];
	assert_int_equal(pb_resp_cache_put(&b, "huge", 1, ep, huge, sizeof(huge)), 0);
	assert_non_null(b);
	pb_resp_body_unref(b);
	assert_null(pb_resp_cache_get("huge", 1, ep, 0));

	/* a key too long is refused */
	static char longkey[PB_RESP_CACHE_KEY + 1];
	memset(longkey, 'a', PB_RESP_CACHE_KEY);
	assert_int_equal(pb_resp_cache_put(&b, longkey, 1, ep, "x", 1), PB_EINVAL);
	assert_null(b);
	pb_resp_cache_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_generation_epoch),
		cmocka_unit_test(test_max_age),
		cmocka_unit_test(test_references_outlive),
		cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
