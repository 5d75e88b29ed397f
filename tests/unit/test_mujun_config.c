/* test_mujun_config.c - 亩均 schemes from JSON: the shipped ones carry their sources'
 * published figures exactly, the reader's defaults, and every refusal names the file and
 * the JSON path of what is wrong. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "mujun_config.h"

#define near(a, b) assert_true(fabs((double)(a) - (double)(b)) <= 1e-9 * fmax(1, fabs((double)(b))))

/* the table cmake/embed.cmake generates into pb_io */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct pb_embedded_file pb_mujun_scheme_files[];

static pb_mujun_scheme *load(const char *name)
{
	pb_mujun_scheme *s = malloc(sizeof(*s));
	assert_non_null(s);
	int rc = pb_mujun_config_load(s, NULL, name);
	if (rc)
		fail_msg("%s: %s", name, pb_error_last());
	return s;
}

static const pb_mujun_group *group(const pb_mujun_scheme *s, const char *key)
{
	for (size_t g = 0; g < s->ngroups; g++)
		if (strcmp(s->group[g].key, key) == 0)
			return &s->group[g];
	fail_msg("no group %s", key);
	return NULL;
}

/* One indicator's ratio, baseline and weight as its source publishes them. */
static void ind(const pb_mujun_group *g, size_t k, const char *name, pb_mujun_measure num,
		pb_mujun_measure den, double baseline, double weight)
{
	assert_true(k < g->nind);
	assert_string_equal(g->ind[k].name, name);
	assert_int_equal(g->ind[k].num, num);
	assert_int_equal(g->ind[k].den, den);
	near(g->ind[k].baseline, baseline);
	near(g->ind[k].weight, weight);
}

static void quota(const pb_mujun_group *g, double a, double b, double c, double d)
{
	assert_int_equal(g->classing.method, PB_MCM_QUOTA);
	near(g->classing.share[0], a);
	near(g->classing.share[1], b);
	near(g->classing.share[2], c);
	near(g->classing.share[3], d);
}

/* ---- the shipped schemes ------------------------------------------------------------- */

static void test_shipped_list(void **state)
{
	(void)state;
	const char *const *keys = pb_mujun_config_shipped();
	assert_string_equal(keys[0], "chongqing-demo");
	assert_string_equal(keys[1], "huangyan-2022");
	assert_string_equal(keys[2], "linhai");
	assert_null(keys[3]);
	assert_string_equal(pb_mujun_config_default(), "chongqing-demo");
	/* the list and data/schemes agree: every embedded file is a shipped key */
	size_t n = 0;
	for (const struct pb_embedded_file *f = pb_mujun_scheme_files; f->name; f++, n++) {
		char key[64];
		snprintf(key, sizeof(key), "%.*s", (int)(strlen(f->name) - 5), f->name);
		assert_string_equal(f->name + strlen(key), ".json");
		assert_string_equal(keys[n], key);
	}
	assert_int_equal(n, 3);
	for (size_t k = 0; keys[k]; k++) {
		pb_mujun_scheme *s = malloc(sizeof(*s));
		char *json = NULL;
		assert_int_equal(pb_mujun_config_load(s, &json, keys[k]), 0);
		assert_string_equal(s->key, keys[k]);
		assert_true(strstr(s->source, "http") != NULL);
		assert_non_null(json);
		assert_int_equal(json[0], '{');
		assert_int_equal(pb_mujun_scheme_check(s), 0);
		free(json);
		free(s);
	}
}

static void test_huangyan(void **state)
{
	(void)state;
	pb_mujun_scheme *s = load("huangyan-2022");
	assert_int_equal(s->year, 2022);
	assert_true(strstr(s->source, "https://www.chacewang.com/newsdetail/news430850.html") != NULL);
	assert_int_equal(s->ngroups, 2);
	const pb_mujun_group *g = group(s, "above");
	assert_int_equal(g->above_scale, 1);
	assert_int_equal(g->nind, 6);
	ind(g, 0, "亩均税收", PB_MM_TAX, PB_MM_LAND, 24.097, 30);
	ind(g, 1, "亩均增加值", PB_MM_VALUE_ADDED, PB_MM_LAND, 136.16, 20);
	ind(g, 2, "单位能耗增加值", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 2.694, 20);
	ind(g, 3, "单位排放增加值", PB_MM_VALUE_ADDED, PB_MM_EMISSIONS, 4929.81, 10);
	ind(g, 4, "全员劳动生产率", PB_MM_VALUE_ADDED, PB_MM_EMPLOYEES, 18.14, 10);
	ind(g, 5, "研发经费占比", PB_MM_RD, PB_MM_REVENUE, 0.0302, 10);
	/* Huangyan: a 规上 firm without emissions data gets the 规上 average */
	assert_int_equal(g->ind[3].on_missing, PB_MISS_GROUP_AVERAGE);
	for (size_t k = 0; k < g->nind; k++) {
		near(g->ind[k].factor, 1);
		assert_true(isinf(g->ind[k].cap));
		if (k != 3)
			assert_int_equal(g->ind[k].on_missing, PB_MISS_INCOMPLETE);
	}
	g = group(s, "below");
	assert_int_equal(g->above_scale, 0);
	assert_int_equal(g->nind, 2);
	ind(g, 0, "亩均税收", PB_MM_TAX, PB_MM_LAND, 11.5932, 50);
	ind(g, 1, "单位电耗税收", PB_MM_TAX, PB_MM_ELECTRICITY, 0.2352, 50);
	/* the assumed classing (Tiantai 2022's shares): the same in both groups */
	quota(&s->group[0], 10.7, 35.2, 46.1, 8.0);
	quota(&s->group[1], 10.7, 35.2, 46.1, 8.0);
	assert_int_equal(s->nrules, 0); /* the source has none */
	free(s);
}

static void test_linhai(void **state)
{
	(void)state;
	pb_mujun_scheme *s = load("linhai");
	assert_true(strstr(s->source, "https://wenda.zhifure.com/a/37713.html") != NULL);
	assert_int_equal(s->ngroups, 2);
	const pb_mujun_group *g = group(s, "land_3_plus");
	near(g->min_land, 3);
	assert_true(isinf(g->max_land));
	assert_int_equal(g->above_scale, -1);
	assert_int_equal(g->nind, 6);
	ind(g, 0, "亩均税收", PB_MM_TAX, PB_MM_LAND, 15, 40);
	ind(g, 1, "亩均销售收入", PB_MM_REVENUE, PB_MM_LAND, 300, 10);
	ind(g, 2, "单位能耗工业增加值", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 3, 20);
	ind(g, 3, "单位COD排放工业增加值", PB_MM_VALUE_ADDED, PB_MM_COD, 500, 15);
	ind(g, 4, "单位用水量工业增加值", PB_MM_VALUE_ADDED, PB_MM_WATER, 0.1, 5);
	ind(g, 5, "全员劳动生产率", PB_MM_VALUE_ADDED, PB_MM_EMPLOYEES, 15, 10);
	g = group(s, "land_under_3");
	near(g->min_land, 0);
	near(g->max_land, 3);
	assert_int_equal(g->above_scale, -1);
	assert_int_equal(g->nind, 3);
	ind(g, 0, "亩均税收", PB_MM_TAX, PB_MM_LAND, 15, 50);
	ind(g, 1, "亩均销售收入", PB_MM_REVENUE, PB_MM_LAND, 300, 20);
	ind(g, 2, "单位电耗税收", PB_MM_TAX, PB_MM_ELECTRICITY, 2, 30);
	assert_int_equal(s->nrules, 0);
	free(s);
}

static void rule(const pb_mujun_scheme *s, const char *key, pb_mujun_effect e)
{
	int r = pb_mujun_scheme_rule(s, key);
	if (r < 0)
		fail_msg("no rule %s", key);
	assert_int_equal(s->rule[r].effect, e);
}

static void test_chongqing(void **state)
{
	(void)state;
	pb_mujun_scheme *s = load("chongqing-demo");
	assert_true(strstr(s->source, "渝府办发〔2023〕72号") != NULL);
	assert_true(strstr(s->source, "https://cq.gov.cn/") != NULL);
	assert_string_equal(s->class_name[PB_MC_A], "优先发展");
	assert_string_equal(s->class_name[PB_MC_D], "调控帮扶");
	assert_string_equal(s->class_name[PB_MC_T], "不定等级");
	const pb_mujun_group *g = group(s, "above");
	assert_int_equal(g->above_scale, 1);
	assert_int_equal(g->nind, 4);
	ind(g, 0, "亩均增加值", PB_MM_VALUE_ADDED, PB_MM_LAND, 250, 30);
	ind(g, 1, "亩均税收", PB_MM_TAX, PB_MM_LAND, 80, 30);
	ind(g, 2, "单位能耗增加值", PB_MM_VALUE_ADDED, PB_MM_ENERGY, 55, 20);
	ind(g, 3, "研发投入强度", PB_MM_RD, PB_MM_REVENUE, 2.0, 20);
	near(g->ind[3].factor, 100);
	assert_string_equal(g->ind[3].unit, "%");
	quota(g, 25, 45, 25, 5);
	const pb_mujun_group *b = group(s, "below");
	assert_int_equal(b->above_scale, 0);
	assert_int_equal(b->nind, 2);
	ind(b, 0, "亩均税收", PB_MM_TAX, PB_MM_LAND, 40, 60);
	ind(b, 1, "亩均营业收入", PB_MM_REVENUE, PB_MM_LAND, 500, 40);
	quota(b, 25, 45, 25, 5);
	/* the zone's cap: twice the weight, on every indicator */
	for (size_t k = 0; k < g->nind; k++)
		near(g->ind[k].cap, 2 * g->ind[k].weight);
	for (size_t k = 0; k < b->nind; k++)
		near(b->ind[k].cap, 2 * b->ind[k].weight);
	rule(s, "safety_accident", PB_ME_FORCE_D);
	rule(s, "environment_accident", PB_ME_FORCE_D);
	rule(s, "food_safety_accident", PB_ME_FORCE_D);
	rule(s, "illegal_land", PB_ME_FORCE_D);
	rule(s, "energy_task_missed", PB_ME_BAR_AB);
	rule(s, "new_enterprise", PB_ME_NO_D);
	rule(s, "newly_above_scale", PB_ME_NO_D);
	rule(s, "build_period", PB_ME_NO_D);
	rule(s, "utility", PB_ME_UNSUITED);
	assert_int_equal(s->nrules, 9);
	near(s->inefficient_output_per_mu, 330);
	/* Shandong's D-class electricity price: 0.05 / 0.10 / 0.15 元/kWh, not stacked */
	int found = 0;
	for (size_t p = 0; p < s->npolicies; p++)
		if (s->policy[p].cls == PB_MC_D && strcmp(s->policy[p].item, "用电价格") == 0) {
			assert_non_null(strstr(s->policy[p].text, "0.05"));
			assert_non_null(strstr(s->policy[p].text, "0.10"));
			assert_non_null(strstr(s->policy[p].text, "0.15"));
			assert_non_null(strstr(s->policy[p].text, "鲁政字〔2019〕235号"));
			found = 1;
		}
	assert_true(found);
	free(s);
}

/* The measures chongqing-demo's indicators use. */
static pb_mujun_input input(size_t n, const uint8_t *above, const double *land, const double *va,
			    const double *tax, const double *energy, const double *revenue,
			    const double *rd)
{
	pb_mujun_input in = { .n = n, .above_scale = above };
	in.m[PB_MM_LAND] = land;
	in.m[PB_MM_VALUE_ADDED] = va;
	in.m[PB_MM_TAX] = tax;
	in.m[PB_MM_ENERGY] = energy;
	in.m[PB_MM_REVENUE] = revenue;
	in.m[PB_MM_RD] = rd;
	return in;
}

/* docs/mujun.md's worked example, through the engine with the shipped scheme: a 规上
 * firm (R&D capped), a 规下 firm, and the same 规上 firm with a safety accident. */
static void test_worked_example(void **state)
{
	(void)state;
	pb_mujun_scheme *s = load("chongqing-demo");
	enum { N = 3 };
	const double land[N] = { 40, 6, 40 }, va[N] = { 11000, NAN, 11000 },
		     tax[N] = { 2400, 180, 2400 }, energy[N] = { 200, NAN, 200 },
		     revenue[N] = { 50000, 2400, 50000 }, rd[N] = { 2500, NAN, 2500 };
	const uint8_t above[N] = { 1, 0, 1 };
	const uint32_t rules[N] = { 0, 0, 1u << pb_mujun_scheme_rule(s, "safety_accident") };
	pb_mujun_input in = input(N, above, land, va, tax, energy, revenue, rd);
	in.rules = rules;
	pb_mujun_result r;
	int rc = pb_mujun_evaluate(&r, s, &in, 1);
	if (rc)
		fail_msg("%s", pb_error_last());
	const double values[4] = { 275, 60, 55, 5.0 }, points[4] = { 33.0, 22.5, 20.0, 40.0 };
	for (int k = 0; k < 4; k++) {
		near(r.value[k * N + 0], values[k]);
		near(r.points[k * N + 0], points[k]);
	}
	assert_true(r.flags[3 * N + 0] & PB_MF_CAPPED);
	assert_false(r.flags[0 * N + 0] & PB_MF_CAPPED);
	near(r.total[0], 115.5);
	assert_int_equal(r.group[1], 1);
	near(r.value[0 * N + 1], 30);
	near(r.points[0 * N + 1], 45.0);
	near(r.value[1 * N + 1], 400);
	near(r.points[1 * N + 1], 32.0);
	near(r.total[1], 77.0);
	/* the vetoed twin: D whatever its score */
	near(r.total[2], 115.5);
	assert_int_equal(r.cls[2], PB_MC_D);
	assert_true(r.adjust[2] & PB_MA_FORCE_D);
	pb_mujun_result_free(&r);

	/* the rounding of the quotas: 30 规上 firms of distinct totals are 8 A, 13 B, 8 C, 1 D;
	 * when the 8th and 9th tie, both are A */
	enum { M = 30 };
	double land30[M], tax30[M], va30[M], energy30[M], revenue30[M], rd30[M];
	uint8_t above30[M];
	for (int tie = 0; tie < 2; tie++) {
		for (int i = 0; i < M; i++) {
			land30[i] = 10;
			tax30[i] = 1000 - 10 * i - (tie && i == 8 ? -10 : 0);
			va30[i] = 2000;
			energy30[i] = 40;
			revenue30[i] = 10000;
			rd30[i] = 100;
			above30[i] = 1;
		}
		pb_mujun_input in30 = input(M, above30, land30, va30, tax30, energy30, revenue30, rd30);
		assert_int_equal(pb_mujun_evaluate(&r, s, &in30, 1), 0);
		assert_int_equal(r.count[0][PB_MC_A], tie ? 9 : 8);
		assert_int_equal(r.count[0][PB_MC_B], tie ? 12 : 13);
		assert_int_equal(r.count[0][PB_MC_C], 8);
		assert_int_equal(r.count[0][PB_MC_D], 1);
		if (tie)
			assert_int_equal(r.rank_zone[8], 8);
		pb_mujun_result_free(&r);
	}
	free(s);
}

/* ---- the reader: defaults ------------------------------------------------------------ */

/* A small valid scheme; the error tests change one thing in it. */
static const char base[] =
	"{\"key\": \"t\", \"name\": \"测试方案\", \"groups\": [{\"key\": \"g\", \"name\": \"组\","
	" \"indicators\": [{\"key\": \"i\", \"name\": \"亩均税收\", \"numerator\": \"tax\","
	" \"denominator\": \"land\", \"baseline\": 10, \"weight\": 50}],"
	" \"classing\": {\"method\": \"quota\", \"quota\": {\"A\": 25, \"B\": 45, \"C\": 25, \"D\": 5}}}],"
	" \"rules\": [{\"key\": \"safety_accident\", \"name\": \"安全事故\", \"effect\": \"force_d\"}]}";

/* `base` with its first `from` replaced by `to`. */
static char *with(const char *from, const char *to)
{
	const char *at = strstr(base, from);
	if (!at)
		fail_msg("not in base: %s", from);
	size_t n = strlen(base) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return out;
}

static void test_defaults(void **state)
{
	(void)state;
	pb_mujun_scheme *s = malloc(sizeof(*s));
	int rc = pb_mujun_config_parse(s, base, strlen(base), "t.json");
	if (rc)
		fail_msg("%s", pb_error_last());
	assert_int_equal(s->year, 0);
	assert_string_equal(s->source, "");
	const char *names[5] = { "优先发展", "鼓励提升", "规范转型", "调控帮扶", "不定等级" };
	for (int k = 0; k < 5; k++)
		assert_string_equal(s->class_name[k], names[k]);
	const pb_mujun_group *g = &s->group[0];
	assert_int_equal(g->above_scale, -1);
	assert_int_equal(g->leased, -1);
	near(g->min_land, 0);
	assert_true(isinf(g->max_land) && g->max_land > 0);
	const pb_mujun_indicator *d = &g->ind[0];
	near(d->factor, 1);
	assert_true(isinf(d->cap) && d->cap > 0);
	near(d->floor, 0);
	assert_int_equal(d->lower_better, 0);
	assert_int_equal(d->on_missing, PB_MISS_INCOMPLETE);
	assert_string_equal(d->unit, "");
	near(s->inefficient_output_per_mu, 0);
	assert_int_equal(s->npolicies, 0);

	/* every optional key set: nulls, flags, threshold classing, a class name */
	char *a = with("\"weight\": 50}", "\"weight\": 50, \"cap\": null, \"floor\": -5, \"factor\": 100,"
			" \"lower_better\": true, \"on_missing\": \"zero\", \"unit\": \"%\"}");
	char *b = with("\"name\": \"组\",", "\"name\": \"组\", \"above_scale\": false, \"leased\": true,"
		       " \"min_land\": 3, \"max_land\": null,");
	char *c = with("\"method\": \"quota\", \"quota\": {\"A\": 25, \"B\": 45, \"C\": 25, \"D\": 5}",
		       "\"method\": \"threshold\", \"threshold\": {\"A\": 120, \"B\": 90, \"C\": 60}");
	char *e = with("\"name\": \"测试方案\",", "\"name\": \"测试方案\", \"year\": 2024, \"classes\": {\"B\": "
		       "\"支持发展\"}, \"_note\": \"注释\", \"inefficient_output_per_mu\": 330,"
		       " \"policies\": [{\"class\": \"T\", \"item\": \"管理\", \"text\": \"参照B类\"}],");
	assert_int_equal(pb_mujun_config_parse(s, a, strlen(a), "a.json"), 0);
	d = &s->group[0].ind[0];
	assert_true(isinf(d->cap));
	near(d->floor, -5);
	near(d->factor, 100);
	assert_int_equal(d->lower_better, 1);
	assert_int_equal(d->on_missing, PB_MISS_ZERO);
	assert_string_equal(d->unit, "%");
	assert_int_equal(pb_mujun_config_parse(s, b, strlen(b), "b.json"), 0);
	g = &s->group[0];
	assert_int_equal(g->above_scale, 0);
	assert_int_equal(g->leased, 1);
	near(g->min_land, 3);
	assert_true(isinf(g->max_land));
	assert_int_equal(pb_mujun_config_parse(s, c, strlen(c), "c.json"), 0);
	assert_int_equal(s->group[0].classing.method, PB_MCM_THRESHOLD);
	near(s->group[0].classing.min[0], 120);
	near(s->group[0].classing.min[1], 90);
	near(s->group[0].classing.min[2], 60);
	assert_int_equal(pb_mujun_config_parse(s, e, strlen(e), "e.json"), 0);
	assert_int_equal(s->year, 2024);
	assert_string_equal(s->class_name[PB_MC_A], "优先发展");
	assert_string_equal(s->class_name[PB_MC_B], "支持发展");
	near(s->inefficient_output_per_mu, 330);
	assert_int_equal(s->npolicies, 1);
	assert_int_equal(s->policy[0].cls, PB_MC_T);
	assert_string_equal(s->policy[0].text, "参照B类");
	free(a);
	free(b);
	free(c);
	free(e);
	free(s);
}

/* ---- the reader: refusals ------------------------------------------------------------ */

/* `base` changed from `from` to `to` is refused with a message naming the file in both
 * halves (Chinese, " / ", English), containing `what`, and `path` (in both halves when
 * it is ASCII, a JSON path). */
static void refused(const char *from, const char *to, const char *path, const char *what)
{
	char *json = with(from, to);
	pb_mujun_scheme *s = malloc(sizeof(*s));
	int rc = pb_mujun_config_parse(s, json, strlen(json), "bad.json");
	const char *msg = pb_error_last();
	if (rc != PB_EINVAL)
		fail_msg("accepted (%d): %s", rc, json);
	const char *en = strstr(msg, "/ mujun scheme bad.json");
	int ascii = 1;
	for (const char *c = path; *c; c++)
		ascii &= (unsigned char)*c < 0x80;
	if (strncmp(msg, "亩均方案 bad.json", strlen("亩均方案 bad.json")) != 0 || !en ||
	    !strstr(msg, path) || (ascii && !strstr(en, path)) || !strstr(msg, what))
		fail_msg("message \"%s\" lacks the file, \"%s\" or \"%s\"", msg, path, what);
	free(json);
	free(s);
}

static void test_refused(void **state)
{
	(void)state;
	refused("\"weight\": 50", "\"wieght\": 50", "groups[0].indicators[0].wieght", "不是已知的键");
	refused("\"key\": \"t\",", "\"key\": \"t\", \"owner\": 1,", "owner", "is not a known key");
	refused("\"baseline\": 10", "\"baseline\": \"10\"", "groups[0].indicators[0].baseline", "应为数值");
	refused("\"baseline\": 10", "\"baseline\": -10", "groups[0].indicators[0].baseline", "须为正数");
	refused("\"baseline\": 10", "\"baseline\": 0", "groups[0].indicators[0].baseline", "positive");
	refused("\"weight\": 50", "\"weight\": 50, \"factor\": 0", "groups[0].indicators[0].factor", "须为正数");
	refused("\"weight\": 50", "\"weight\": -1", "groups[0].indicators[0].weight", "须不小于0");
	refused(", \"weight\": 50", "", "groups[0].indicators[0].weight", "缺失");
	refused("\"D\": 5", "\"D\": 0", "groups[0].classing.quota", "须为100");
	refused(", \"D\": 5", "", "groups[0].classing.quota.D", "缺失");
	refused("\"method\": \"quota\"", "\"method\": \"rank\"", "groups[0].classing.method", "quota");
	refused("\"D\": 5}", "\"D\": 5}, \"threshold\": {\"A\": 1, \"B\": 1, \"C\": 1}",
		"groups[0].classing.threshold", "不适用");
	refused("\"method\": \"quota\", \"quota\": {\"A\": 25, \"B\": 45, \"C\": 25, \"D\": 5}",
		"\"method\": \"threshold\", \"threshold\": {\"A\": 60, \"B\": 90, \"C\": 30}",
		"groups[0].classing.threshold", "A ≥ B ≥ C");
	refused("\"numerator\": \"tax\"", "\"numerator\": \"profit\"", "groups[0].indicators[0].numerator",
		"unknown measure \"profit\"");
	refused("\"numerator\": \"tax\"", "\"numerator\": \"one\"", "groups[0].indicators[0].numerator",
		"one");
	refused("\"weight\": 50", "\"weight\": 50, \"on_missing\": \"skip\"",
		"groups[0].indicators[0].on_missing", "group_average");
	refused("\"effect\": \"force_d\"", "\"effect\": \"veto\"", "rules[0].effect",
		"unknown rule effect \"veto\"");
	refused("\"key\": \"safety_accident\"", "\"key\": \"安全事故\"", "rules[0].key", "小写字母");
	refused("\"name\": \"组\",", "\"name\": \"组\", \"above_scale\": 1,", "groups[0].above_scale",
		"true、false 或 null");
	refused("\"name\": \"组\",", "\"name\": \"组\", \"min_land\": 5, \"max_land\": 3,",
		"groups[0].max_land", "须大于 min_land");
	refused("\"weight\": 50", "\"weight\": 50, \"cap\": 1, \"floor\": 2",
		"groups[0].indicators[0].floor", "cap");
	refused("\"key\": \"i\"", "\"key\": \"i.j\"", "groups[0].indicators[0].key", "ASCII");
	refused("\"name\": \"测试方案\"", "\"name\": 7", "name", "应为文字");
	refused("\"name\": \"测试方案\",", "\"name\": \"测试方案\", \"year\": 2024.5,", "year", "整数");
	refused("\"name\": \"测试方案\",", "\"name\": \"测试方案\", \"policies\": [{\"class\": \"none\","
		" \"item\": \"x\", \"text\": \"y\"}],", "policies[0].class", "A、B、C、D 或 T");
	refused("\"name\": \"亩均税收\"", "\"name\": \"一二三四五六七八九十一二三四五六七八九十一二三四五"
		"六七八九十一二三\"", "groups[0].indicators[0].name", "过长");
	refused("\"groups\": [", "\"groups\": [], \"_g\": [", "groups", "数组");
	/* what the scheme check finds is prefixed with the file */
	refused("\"weight\": 50}]", "\"weight\": 50}, {\"key\": \"i\", \"name\": \"重复\", \"numerator\":"
		" \"tax\", \"denominator\": \"land\", \"baseline\": 1, \"weight\": 1}]",
		"groups[0].indicators[1].key", "与 indicators[0] 的键重复");
	refused("\"effect\": \"force_d\"}", "\"effect\": \"force_d\"}, {\"key\": \"safety_accident\","
		" \"name\": \"又一条\", \"effect\": \"no_d\"}", "rules[1].key", "also rules[0]");
	refused("\"key\": \"i\"", "\"key\": \"quota\"", "group g indicator quota", "保留字");
	/* not JSON at all: line and column; a duplicate key */
	refused("\"groups\": [", "\"groups\": [,", "line 1 column", "JSON 格式错误");
	refused("\"key\": \"t\",", "\"key\": \"t\", \"key\": \"u\",", "line 1 column", "duplicate");
	pb_mujun_scheme *s = malloc(sizeof(*s));
	assert_int_equal(pb_mujun_config_parse(s, "[1]", 3, "bad.json"), PB_EINVAL);
	assert_string_equal(pb_error_last(), "亩均方案 bad.json：应为对象 {…} / mujun scheme bad.json: must "
			    "be an object {...}");
	free(s);
}

/* ---- loading -------------------------------------------------------------------------- */

static void test_load_file(void **state)
{
	(void)state;
	char path[] = "/tmp/pb_mujun_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, base, strlen(base)), (ssize_t)strlen(base));
	close(fd);
	pb_mujun_scheme *s = malloc(sizeof(*s));
	char *json = NULL;
	assert_int_equal(pb_mujun_config_load(s, &json, path), 0);
	assert_string_equal(s->key, "t");
	assert_string_equal(json, base); /* kept verbatim */
	free(json);

	/* a file shadows a shipped key of the same name only where it exists: the shipped
	 * files, read as files, are the embedded ones */
	const char *data = getenv("PB_TEST_DATA");
	assert_non_null(data);
	pb_mujun_scheme *e = malloc(sizeof(*e));
	for (const char *const *k = pb_mujun_config_shipped(); *k; k++) {
		char file[512];
		snprintf(file, sizeof(file), "%s/../../data/schemes/%s.json", data, *k);
		assert_int_equal(pb_mujun_config_load(s, NULL, file), 0);
		assert_int_equal(pb_mujun_config_load(e, NULL, *k), 0);
		assert_memory_equal(s, e, sizeof(*s));
	}
	free(e);

	/* a broken file: named with the line */
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\n\"key\": \"t\",\n\"groups\": [\n", f);
	fclose(f);
	assert_int_equal(pb_mujun_config_load(s, &json, path), PB_EINVAL);
	assert_null(json);
	assert_non_null(strstr(pb_error_last(), path));
	assert_non_null(strstr(pb_error_last(), "JSON"));
	/* a file whose scheme is wrong: the path in it */
	char *bad = with("\"baseline\": 10", "\"baseline\": -1");
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(bad, f);
	fclose(f);
	free(bad);
	assert_int_equal(pb_mujun_config_load(s, &json, path), PB_EINVAL);
	assert_null(json);
	assert_non_null(strstr(pb_error_last(), path));
	assert_non_null(strstr(pb_error_last(), "groups[0].indicators[0].baseline"));
	unlink(path);

	/* a directory is a path that exists: pb_json_file_load says what it is */
	assert_int_equal(pb_mujun_config_load(s, NULL, "/tmp"), PB_EIO);
	assert_non_null(strstr(pb_error_last(), "目录"));
	free(s);
}

static void test_not_found(void **state)
{
	(void)state;
	pb_mujun_scheme *s = malloc(sizeof(*s));
	char *json = (char *)"untouched";
	assert_int_equal(pb_mujun_config_load(s, &json, "huangyan-2099"), PB_ENOTFOUND);
	assert_null(json);
	const char *msg = pb_error_last();
	assert_non_null(strstr(msg, "huangyan-2099"));
	assert_non_null(strstr(msg, "chongqing-demo, huangyan-2022, linhai"));
	assert_non_null(strstr(msg, "/ no mujun scheme"));
	assert_int_equal(pb_mujun_config_load(s, NULL, "/no/such/dir/x.json"), PB_ENOTFOUND);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_list),
		cmocka_unit_test(test_huangyan),
		cmocka_unit_test(test_linhai),
		cmocka_unit_test(test_chongqing),
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_not_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
