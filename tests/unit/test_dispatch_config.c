/* test_dispatch_config.c - the ranking's configuration reader (src/io/dispatch_config.h):
 * the shipped default and its weights, and refusals that name the JSON path at fault. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "dispatch_config.h"
#include "error.h"

static void test_default(void **state)
{
	(void)state;
	pb_disp_config c;
	assert_int_equal(pb_disp_config_default(&c), 0);
	assert_int_equal(c.nlists, 6);
	assert_string_equal(c.lists[0].key, "overall");
	assert_int_equal(c.lists[0].nparts, 5);
	static const double w[] = { 30, 25, 20, 15, 10 };
	for (size_t i = 0; i < 5; i++)
		assert_true(c.lists[0].parts[i].score.weight == w[i]);
	assert_int_equal(c.lists[0].parts[4].figure, PB_RF_COMPLY);
	assert_true(c.lists[0].parts[0].score.cap == 150);
	assert_int_equal(c.nact, 7);
	double sum = 0;
	for (size_t i = 0; i < c.nact; i++)
		sum += c.act[i].score.weight;
	assert_true(sum == 100);
	assert_int_equal(c.act[6].figure, PB_AF_GROWTH);
	assert_int_equal(c.act[6].score.norm, PB_SN_RANGE);
}

/* `json` is refused, the message holding `path`. */
static void refused(const char *json, const char *path)
{
	pb_disp_config c;
	assert_int_equal(pb_disp_config_parse(&c, json, strlen(json), "t.json"), PB_EINVAL);
	if (!strstr(pb_error_last(), path))
		fail_msg("want %s in: %s", path, pb_error_last());
	assert_true(strstr(pb_error_last(), "t.json") != NULL);
	assert_int_equal(c.nlists, 0);
}

#define ACT "\"activity\": {\"parts\": [{\"figure\": \"events\", \"norm\": \"max\", \"weight\": 1}]}"
#define LIST(k, part) "{\"key\": \"" k "\", \"name\": \"N\", \"parts\": [" part "]}"
#define PART "{\"figure\": \"funds\", \"norm\": \"max\", \"weight\": 1}"

static void test_refusals(void **state)
{
	(void)state;
	pb_disp_config c;
	const char *good = "{\"ranking\": [" LIST("a", PART) "], " ACT ", \"_note\": 1}";
	assert_int_equal(pb_disp_config_parse(&c, good, strlen(good), "t.json"), 0);
	assert_int_equal(c.nlists, 1);
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"funds\", \"norm\": \"max\", \"wieght\": 1}") "], " ACT "}",
		"ranking[0].parts[0].wieght");
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"fund\", \"norm\": \"max\", \"weight\": 1}") "], " ACT "}",
		"ranking[0].parts[0].figure");
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"funds\", \"norm\": \"max\", \"weight\": -1}") "], " ACT "}",
		"ranking[0].parts[0].weight");
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"comply_rate\", \"norm\": \"target\", \"weight\": 1}") "], " ACT "}",
		"ranking[0].parts[0].norm");
	refused("{\"ranking\": [" LIST("a", PART) ", " LIST("a", PART) "], " ACT "}", "ranking[1].key");
	refused("{\"ranking\": [" LIST("a", PART) "], \"activity\": {\"parts\": [{\"figure\": \"events\", \"norm\": \"target\", \"weight\": 1}]}}",
		"activity.parts[0].norm");
	refused("{\"ranking\": [], " ACT "}", "ranking");
	refused("{\"ranking\": [" LIST("a", PART) "]}", "activity");
	refused("{\"ranking\": [" LIST("a", PART) "], " ACT ", \"extra\": 1}", "extra");
	refused("{\"ranking\": [" LIST("a", PART) "], " ACT, "line 1");
	assert_int_equal(pb_disp_config_load(&c, "/nonexistent/ranking.json"), PB_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
