/* test_dispatch_config.c - the ranking's configuration reader (src/io/dispatch_config.h):
 * the shipped default and its weights, and refusals that name the JSON path at fault. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "dispatch_config.h"
#include "error.h"

static void test_default(void **state)
{
	(void)state;
	pb_disp_config c;
	assert_int_equal(pb_disp_config_default(&c), 0);
	assert_int_equal(c.nlists, 10);
	assert_string_equal(c.lists[0].key, "overall");
	/* Chongqing's single-topic lists after the six of before, each one figure by the leader */
	static const char *const keys[] = { "attract_major", "attract_new", "major_started", "foreign" };
	static const char *const names[] = { "招大引强榜", "招新引优榜", "重大项目开工榜", "外资引资榜" };
	static const int figs[] = { PB_RF_SIGNED_MFG, PB_RF_SIGNED_NEW, PB_RF_MAJOR_STARTED,
				    PB_RF_FUNDS_FOREIGN };
	for (size_t i = 0; i < 4; i++) {
		const pb_disp_list *l = &c.lists[6 + i];
		assert_string_equal(l->key, keys[i]);
		assert_string_equal(l->name, names[i]);
		assert_int_equal(l->nparts, 1);
		assert_int_equal(l->parts[0].figure, figs[i]);
		assert_int_equal(l->parts[0].score.norm, PB_SN_MAX);
	}
	assert_true(c.major_min == 10000);
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

/* `json` is refused, the message naming `path` where a path is named (after the file's
 * name: "ranking" alone would be found in "ranking configuration" of any message). */
static void refused(const char *json, const char *path)
{
	pb_disp_config c;
	char want[160];
	snprintf(want, sizeof(want), "t.json: %s", path);
	assert_int_equal(pb_disp_config_parse(&c, json, strlen(json), "t.json"), PB_EINVAL);
	if (!strstr(pb_error_last(), want))
		fail_msg("want %s in: %s", want, pb_error_last());
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
	refused("{\"ranking\": [" LIST("a", PART) "], " ACT, "not JSON at line 1");
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"funds\", \"norm\": \"target\", \"weight\": 1, \"cap\": -5}") "], " ACT "}",
		"ranking[0].parts[0].cap");
	refused("{\"ranking\": [" LIST("a", "{\"figure\": \"signed_value_mfg\", \"norm\": \"target\", \"weight\": 1}") "], " ACT "}",
		"ranking[0].parts[0].norm");
	refused("{\"ranking\": [" LIST("a", PART) "], " ACT ", \"major_project_min\": 0}", "major_project_min");
	refused("{\"ranking\": [" LIST("a", PART) "], " ACT ", \"major_project_min\": \"1亿\"}", "major_project_min");
	refused("{\"ranking\": [{\"key\": \"a\", \"name\": \"\", \"parts\": [" PART "]}], " ACT "}", "ranking[0].name");
	refused("{\"ranking\": [" LIST("a", "3") "], " ACT "}", "ranking[0].parts[0]");
	/* the threshold, given */
	const char *major = "{\"ranking\": [" LIST("a", PART) "], " ACT ", \"major_project_min\": 50000}";
	assert_int_equal(pb_disp_config_parse(&c, major, strlen(major), "t.json"), 0);
	assert_true(c.major_min == 50000);
	assert_true(c.lists[0].parts[0].score.cap == 0);
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
