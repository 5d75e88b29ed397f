/* test_warn_out.c - the warning configuration file (defaults, overrides, and an error
 * naming the file and the field for each kind of mistake) and the JSON and text of
 * stored warnings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "warn_config.h"
#include "warn_out.h"

static char path[64];

static void write_file(const char *text)
{
	snprintf(path, sizeof(path), "/tmp/pb_test_warn_cfg_%d.json", (int)getpid());
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load `text` as a configuration expecting failure `code` with `needle` in the message
 * (and the file's name). */
static void refused(const char *text, int code, const char *needle)
{
	pb_warn_config cfg;
	write_file(text);
	assert_int_equal(pb_warn_config_load(&cfg, path), code);
	const char *msg = pb_error_last();
	if (!strstr(msg, needle) || !strstr(msg, path))
		fail_msg("message \"%s\" lacks \"%s\" or the file name", msg, needle);
	/* a refused file leaves the defaults */
	assert_true(cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_LINE] == 20);
	unlink(path);
}

static void test_config_file(void **state)
{
	(void)state;
	pb_warn_config cfg;
	write_file("{\"_comment\": \"南岸区 2024\", \"warnings\": {\n"
		   "  \"output_yoy_month\": {\"enabled\": true, \"threshold\": 25, \"warn_at\": 35},\n"
		   "  \"report_late\": {\"deadline_day\": 10, \"_why\": \"区统计局规定次月10日前报送\"},\n"
		   "  \"spike\": {\"enabled\": false}}}\n");
	assert_int_equal(pb_warn_config_load(&cfg, path), 0);
	unlink(path);
	assert_true(cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_LINE] == 25);
	assert_true(cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_WARN] == 35);
	assert_true(cfg.rule[PB_WR_OUTPUT_YOY_MONTH].p[PB_WP_SEVERE] == 50); /* left: default */
	assert_true(cfg.rule[PB_WR_REPORT_LATE].p[PB_WP_LINE] == 10);
	assert_false(cfg.rule[PB_WR_SPIKE].enabled);
	assert_true(cfg.rule[PB_WR_TAX_OVER_REVENUE].enabled);

	refused("{\"warnings\": {\"output_yoy\": {}}}", PB_EINVAL, "output_yoy");
	refused("{\"warnings\": {\"spike\": {\"factr\": 5}}}", PB_EINVAL, "factr");
	refused("{\"warnings\": {\"spike\": {\"factor\": \"10\"}}}", PB_EINVAL, "spike.factor");
	refused("{\"warnings\": {\"spike\": {\"enabled\": 1}}}", PB_EINVAL, "spike.enabled");
	refused("{\"warnings\": {\"spike\": 10}}", PB_EINVAL, "spike");
	refused("{\"warnings\": {\"report_late\": {\"deadline_day\": 8.5}}}", PB_EINVAL, "report_late.deadline_day");
	refused("{\"warnings\": {\"output_yoy_month\": {\"threshold\": 40}}}", PB_EINVAL, "threshold");
	refused("{\"warnings\": {\n\"spike\": {\"factor\": 10,}}}", PB_EINVAL, "第 2 行");
	refused("{\"rules\": {}}", PB_EINVAL, "warnings");
	refused("{\"warnings\": {\"spike\": {\"factor\": 5, \"factor\": 6}}}", PB_EINVAL, "JSON");
	assert_int_equal(pb_warn_config_load(&cfg, "/nonexistent/warn.json"), PB_EIO);
	assert_non_null(strstr(pb_error_last(), "/nonexistent/warn.json"));
}

/* The template `warnings rules` prints reads back as the same configuration. */
static void test_config_round_trip(void **state)
{
	(void)state;
	pb_warn_config a, b;
	pb_warn_config_default(&a);
	a.rule[PB_WR_TAX_OVER_REVENUE].p[PB_WP_LINE] = 1.5;
	a.rule[PB_WR_ENERGY_WITHOUT_OUTPUT].enabled = 0;
	json_t *j = pb_warn_config_json(&a);
	assert_non_null(j);
	char *text = json_dumps(j, JSON_INDENT(1));
	json_decref(j);
	write_file(text);
	free(text);
	assert_int_equal(pb_warn_config_load(&b, path), 0);
	unlink(path);
	assert_memory_equal(&a, &b, sizeof(a));
}

static pb_warn_records one_record(void)
{
	pb_warn_records r = { 0 };
	r.items = calloc(1, sizeof(*r.items));
	r.n = r.cap = 1;
	pb_warn_record *w = &r.items[0];
	w->id = 12;
	w->enterprise_id = 3;
	w->uscc = strdup("91500108314159014J");
	w->name = strdup("重庆甲电子有限公司");
	w->rule = strdup("output_yoy_month");
	w->month = 202403;
	w->severity = 2;
	w->figures = strdup("[{\"key\":\"growth\",\"name\":\"当月同比\",\"name_en\":\"YoY, month\",\"value\":-35.2,"
			    "\"unit\":\"%\"},{\"key\":\"threshold\",\"name\":\"预警线\",\"name_en\":\"line\","
			    "\"value\":-20,\"unit\":\"%\"}]");
	w->message = strdup("工业总产值当月同比下降 35.2%");
	w->status = PB_WS_ACKNOWLEDGED;
	w->raised_at = strdup("2024-04-09T01:00:00Z");
	w->acked_by = strdup("张三");
	w->acked_at = strdup("2024-04-10T08:05:00Z");
	w->ack_note = strdup("已安排走访");
	return r;
}

static void test_records_json(void **state)
{
	(void)state;
	pb_warn_records r = one_record();
	json_t *j = pb_warn_records_json(&r);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
	json_t *sum = json_object_get(j, "summary");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(sum, "by_severity"), "2")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(sum, "by_status"), "acknowledged")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(sum, "by_rule"), "output_yoy_month")), 1);
	json_t *w = json_array_get(json_object_get(j, "warnings"), 0);
	assert_string_equal(json_string_value(json_object_get(w, "month")), "2024-03");
	assert_string_equal(json_string_value(json_object_get(w, "rule_name")), "产值当月同比下降");
	assert_string_equal(json_string_value(json_object_get(w, "severity_name")), "预警");
	assert_string_equal(json_string_value(json_object_get(w, "status")), "acknowledged");
	assert_true(json_is_null(json_object_get(w, "closed_by")));
	/* the stored figures come back as an array, not as a string */
	json_t *f = json_array_get(json_object_get(w, "figures"), 0);
	assert_true(json_number_value(json_object_get(f, "value")) == -35.2);
	json_decref(j);
	pb_warn_records_free(&r);
}

static void test_records_text(void **state)
{
	(void)state;
	pb_warn_records r = one_record();
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(pb_warn_records_print(f, &r, 0), 0);
	fclose(f);
	assert_non_null(strstr(buf, "#12"));
	assert_non_null(strstr(buf, "工业总产值当月同比下降 35.2%"));
	/* 08:05 UTC is 16:05 in Beijing */
	assert_non_null(strstr(buf, "签收：张三 2024-04-10 16:05：已安排走访"));
	assert_non_null(strstr(buf, "共 1 条：严重 0，预警 1，关注 0"));
	free(buf);
	f = open_memstream(&buf, &len);
	assert_int_equal(pb_warn_records_print(f, &r, 1), 0);
	fclose(f);
	assert_non_null(strstr(buf, "Output YoY down (month)"));
	assert_non_null(strstr(buf, "YoY, month -35.20%; line -20.00%"));
	free(buf);
	pb_warn_records_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_file),
		cmocka_unit_test(test_config_round_trip),
		cmocka_unit_test(test_records_json),
		cmocka_unit_test(test_records_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
