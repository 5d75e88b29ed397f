/*
 * mujun.c - the names of measures, classes and effects, and schemes: their check, a
 * what-if change of one parameter, and rule look-up; see mujun.h. The evaluation itself
 * is in mujun_eval.c.
 */
#include "mujun.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- names ------------------------------------------------------------------------ */

static const char *const measure_keys[PB_MM_COUNT] = {
	"land", "tax", "revenue", "gross_output", "sales_output", "value_added", "energy",
	"electricity", "emissions", "cod", "water", "employees", "rd", "one",
};

typedef struct measure_def {
	const char *name, *name_en, *unit;
} measure_def;

static const measure_def measures[PB_MM_COUNT] = {
	[PB_MM_LAND] = { "用地面积", "land area", "亩" },
	[PB_MM_TAX] = { "税收", "tax", "万元" },
	[PB_MM_REVENUE] = { "营业收入", "operating revenue", "万元" },
	[PB_MM_GROSS_OUTPUT] = { "工业总产值", "gross industrial output", "万元" },
	[PB_MM_SALES_OUTPUT] = { "工业销售产值", "industrial sales output", "万元" },
	[PB_MM_VALUE_ADDED] = { "工业增加值", "industrial value added", "万元" },
	[PB_MM_ENERGY] = { "综合能耗", "total energy consumption", "吨标准煤" },
	[PB_MM_ELECTRICITY] = { "用电量", "electricity consumption", "万千瓦时" },
	[PB_MM_EMISSIONS] = { "主要污染物排放量", "major pollutant emissions", "吨" },
	[PB_MM_COD] = { "化学需氧量排放量", "COD emissions", "吨" },
	[PB_MM_WATER] = { "用水量", "water use", "吨" },
	[PB_MM_EMPLOYEES] = { "年平均职工人数", "average employees", "人" },
	[PB_MM_RD] = { "研发经费支出", "R&D expenditure", "万元" },
	[PB_MM_ONE] = { "常数1", "the constant 1", "" },
};

static const char *const class_keys[PB_MC_COUNT] = { "A", "B", "C", "D", "T", "incomplete", "none" };

static const char *const effect_keys[PB_ME_COUNT] = { "force_d", "bar_ab", "no_d", "unsuited",
						     "exclude" };
static const char *const effect_names[PB_ME_COUNT] = {
	"一票否决（定为D类）", "不得评为A、B类", "保护（不评为D类）", "不定等级", "不参评",
};

/* keys[k] for 0 ≤ k < n, else NULL. */
static const char *nth(const char *const *keys, int n, int k)
{
	return k >= 0 && k < n ? keys[k] : NULL;
}

/* The index of `key` among keys[0..n); or -1 with PB_EINVAL set, listing the keys
 * (`what` names the kind: "量 / measure"). */
static int key_index(const char *const *keys, int n, const char *key, const char *zh,
		     const char *en)
{
	for (int k = 0; key && k < n; k++)
		if (strcmp(key, keys[k]) == 0)
			return k;
	char list[256] = "";
	size_t len = 0;
	for (int k = 0; k < n && len < sizeof(list); k++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", k ? ", " : "", keys[k]);
	pb_error_set(PB_EINVAL, "未知的%s“%s”，可用：%s / unknown %s \"%s\"; known: %s", zh,
		     key ? key : "", list, en, key ? key : "", list);
	return -1;
}

const char *pb_mujun_measure_key(pb_mujun_measure m)
{
	return nth(measure_keys, PB_MM_COUNT, (int)m);
}

const char *pb_mujun_measure_name(pb_mujun_measure m)
{
	return (int)m >= 0 && m < PB_MM_COUNT ? measures[m].name : NULL;
}

const char *pb_mujun_measure_name_en(pb_mujun_measure m)
{
	return (int)m >= 0 && m < PB_MM_COUNT ? measures[m].name_en : NULL;
}

const char *pb_mujun_measure_unit(pb_mujun_measure m)
{
	return (int)m >= 0 && m < PB_MM_COUNT ? measures[m].unit : NULL;
}

int pb_mujun_measure_parse(pb_mujun_measure *m, const char *key)
{
	int k = key_index(measure_keys, PB_MM_COUNT, key, "量", "measure");
	if (k < 0)
		return PB_EINVAL;
	*m = (pb_mujun_measure)k;
	return 0;
}

const char *pb_mujun_class_key(pb_mujun_class c)
{
	return nth(class_keys, PB_MC_COUNT, (int)c);
}

int pb_mujun_class_parse(pb_mujun_class *c, const char *key)
{
	int k = key_index(class_keys, PB_MC_COUNT, key, "等级", "class");
	if (k < 0)
		return PB_EINVAL;
	*c = (pb_mujun_class)k;
	return 0;
}

const char *pb_mujun_effect_key(pb_mujun_effect e)
{
	return nth(effect_keys, PB_ME_COUNT, (int)e);
}

const char *pb_mujun_effect_name(pb_mujun_effect e)
{
	return nth(effect_names, PB_ME_COUNT, (int)e);
}

int pb_mujun_effect_parse(pb_mujun_effect *e, const char *key)
{
	int k = key_index(effect_keys, PB_ME_COUNT, key, "规则效果", "rule effect");
	if (k < 0)
		return PB_EINVAL;
	*e = (pb_mujun_effect)k;
	return 0;
}

/* ---- the scheme check --------------------------------------------------------------- */

/* A key as paths and JSON use it: non-empty, terminated within its array, printable
 * ASCII without '.' (the separator of pb_mujun_scheme_set's paths) or blanks. */
static int key_ok(const char *key, size_t size)
{
	size_t len = strnlen(key, size);
	if (len == 0 || len == size)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (key[i] <= ' ' || key[i] > '~' || key[i] == '.')
			return 0;
	return 1;
}

/* The key a scheme_set path gives the classing of a group: not an indicator's. */
static int reserved_key(const char *key)
{
	return strcmp(key, "quota") == 0 || strcmp(key, "threshold") == 0;
}

static int bad_ind(const pb_mujun_group *g, const pb_mujun_indicator *d, const char *zh,
		   const char *en)
{
	return pb_error_set(PB_EINVAL, "组 %s 指标 %s：%s / group %s indicator %s: %s", g->key, d->key,
			    zh, g->key, d->key, en);
}

static int bad_group(const pb_mujun_group *g, const char *zh, const char *en)
{
	return pb_error_set(PB_EINVAL, "组 %s：%s / group %s: %s", g->key, zh, g->key, en);
}

static int check_indicator(const pb_mujun_group *g, size_t k)
{
	const pb_mujun_indicator *d = &g->ind[k];
	if (!key_ok(d->key, sizeof(d->key)))
		return pb_error_set(PB_EINVAL,
				    "组 %s 第%zu个指标“%.*s”：键须为非空ASCII，不含空白或“.” / group %s "
				    "indicator %zu \"%.*s\": the key must be non-empty ASCII without blanks "
				    "or '.'",
				    g->key, k + 1, (int)sizeof(d->key) - 1, d->key, g->key, k + 1,
				    (int)sizeof(d->key) - 1, d->key);
	if (reserved_key(d->key))
		return bad_ind(g, d, "quota 与 threshold 是保留字，不能作指标键",
			       "\"quota\" and \"threshold\" are reserved, not indicator keys");
	for (size_t j = 0; j < k; j++)
		if (strcmp(g->ind[j].key, d->key) == 0)
			return bad_ind(g, d, "指标键重复", "the key is used twice");
	if ((int)d->num < 0 || d->num >= PB_MM_ONE)
		return bad_ind(g, d, "分子须为一个量（不能是 one）",
			       "the numerator must be a measure (not \"one\")");
	if ((int)d->den < 0 || d->den >= PB_MM_COUNT)
		return bad_ind(g, d, "分母不是已知的量", "the denominator is not a known measure");
	if (!(d->factor > 0) || isinf(d->factor))
		return bad_ind(g, d, "系数须为正数", "the factor must be a positive number");
	if (!(d->baseline > 0) || isinf(d->baseline))
		return bad_ind(g, d, "基准值须大于0", "the baseline must be greater than 0");
	if (!(d->weight >= 0) || isinf(d->weight))
		return bad_ind(g, d, "权重须不小于0", "the weight must be at least 0");
	if (!(d->floor <= d->cap) || d->floor == INFINITY)
		return bad_ind(g, d, "下限须不大于上限", "the floor must not exceed the cap");
	if ((int)d->on_missing < 0 || d->on_missing > PB_MISS_ZERO)
		return bad_ind(g, d, "缺值处理方式无效", "invalid on_missing");
	return 0;
}

static int check_classing(const pb_mujun_group *g)
{
	const pb_mujun_classing *c = &g->classing;
	if (c->method == PB_MCM_QUOTA) {
		double sum = 0;
		for (int k = 0; k < 4; k++) {
			if (!(c->share[k] >= 0) || isinf(c->share[k]))
				return bad_group(g, "各等级比例须不小于0", "every quota share must be at least 0");
			sum += c->share[k];
		}
		if (fabs(sum - 100) > 1e-9)
			return pb_error_set(PB_EINVAL,
					    "组 %s：A、B、C、D 比例之和为 %g，须为100 / group %s: the quota "
					    "shares sum to %g, not 100",
					    g->key, sum, g->key, sum);
		return 0;
	}
	if (c->method != PB_MCM_THRESHOLD)
		return bad_group(g, "定等级方法无效", "invalid classing method");
	for (int k = 0; k < 3; k++)
		if (!isfinite(c->min[k]))
			return bad_group(g, "分数线须为有限数", "every threshold must be a finite number");
	if (!(c->min[0] >= c->min[1] && c->min[1] >= c->min[2]))
		return bad_group(g, "分数线须 A ≥ B ≥ C", "thresholds must be A ≥ B ≥ C");
	return 0;
}

static int check_group(const pb_mujun_scheme *s, size_t gi)
{
	const pb_mujun_group *g = &s->group[gi];
	if (!key_ok(g->key, sizeof(g->key)))
		return pb_error_set(PB_EINVAL,
				    "第%zu个组“%.*s”：键须为非空ASCII，不含空白或“.” / group %zu \"%.*s\": "
				    "the key must be non-empty ASCII without blanks or '.'",
				    gi + 1, (int)sizeof(g->key) - 1, g->key, gi + 1,
				    (int)sizeof(g->key) - 1, g->key);
	for (size_t j = 0; j < gi; j++)
		if (strcmp(s->group[j].key, g->key) == 0)
			return bad_group(g, "组键重复", "the key is used twice");
	if (g->nind < 1 || g->nind > PB_MUJUN_MAX_IND)
		return pb_error_set(PB_EINVAL, "组 %s：指标须有1至%d个 / group %s: needs 1 to %d indicators",
				    g->key, PB_MUJUN_MAX_IND, g->key, PB_MUJUN_MAX_IND);
	if (g->above_scale < -1 || g->above_scale > 1 || g->leased < -1 || g->leased > 1)
		return bad_group(g, "above_scale 与 leased 须为 1、0 或 -1",
				 "above_scale and leased must be 1, 0 or -1");
	if (!(g->min_land >= 0) || !(g->min_land < g->max_land))
		return bad_group(g, "用地面积范围须 0 ≤ 下限 < 上限",
				 "the land bounds must be 0 ≤ min_land < max_land");
	for (size_t k = 0; k < g->nind; k++) {
		int rc = check_indicator(g, k);
		if (rc)
			return rc;
	}
	return check_classing(g);
}

static int check_rules(const pb_mujun_scheme *s)
{
	if (s->nrules > PB_MUJUN_MAX_RULES)
		return pb_error_set(PB_EINVAL, "规则多于%d条 / more than %d rules", PB_MUJUN_MAX_RULES,
				    PB_MUJUN_MAX_RULES);
	for (size_t r = 0; r < s->nrules; r++) {
		const pb_mujun_rule *u = &s->rule[r];
		if (!key_ok(u->key, sizeof(u->key)))
			return pb_error_set(PB_EINVAL,
					    "第%zu条规则“%.*s”：键须为非空ASCII，不含空白或“.” / rule %zu "
					    "\"%.*s\": the key must be non-empty ASCII without blanks or '.'",
					    r + 1, (int)sizeof(u->key) - 1, u->key, r + 1,
					    (int)sizeof(u->key) - 1, u->key);
		if ((int)u->effect < 0 || u->effect >= PB_ME_COUNT)
			return pb_error_set(PB_EINVAL, "规则 %s：效果无效 / rule %s: invalid effect",
					    u->key, u->key);
		for (size_t j = 0; j < r; j++)
			if (strcmp(s->rule[j].key, u->key) == 0)
				return pb_error_set(PB_EINVAL, "规则 %s：键重复 / rule %s: the key is used twice",
						    u->key, u->key);
	}
	return 0;
}

int pb_mujun_scheme_check(const pb_mujun_scheme *s)
{
	if (s->ngroups < 1 || s->ngroups > PB_MUJUN_MAX_GROUPS)
		return pb_error_set(PB_EINVAL, "方案须有1至%d个组 / a scheme needs 1 to %d groups",
				    PB_MUJUN_MAX_GROUPS, PB_MUJUN_MAX_GROUPS);
	for (size_t g = 0; g < s->ngroups; g++) {
		int rc = check_group(s, g);
		if (rc)
			return rc;
	}
	int rc = check_rules(s);
	if (rc)
		return rc;
	if (s->npolicies > PB_MUJUN_MAX_POLICIES)
		return pb_error_set(PB_EINVAL, "差别化政策多于%d条 / more than %d policy lines",
				    PB_MUJUN_MAX_POLICIES, PB_MUJUN_MAX_POLICIES);
	for (size_t p = 0; p < s->npolicies; p++)
		if ((int)s->policy[p].cls < 0 || s->policy[p].cls > PB_MC_T)
			return pb_error_set(PB_EINVAL,
					    "第%zu条差别化政策：等级须为 A、B、C、D 或 T / policy %zu: the "
					    "class must be A, B, C, D or T",
					    p + 1, p + 1);
	if (!(s->inefficient_output_per_mu >= 0))
		return pb_error_set(PB_EINVAL, "低效用地标准须不小于0 / inefficient_output_per_mu must "
					       "be at least 0");
	return 0;
}

/* ---- a what-if change --------------------------------------------------------------- */

static pb_mujun_group *find_group(pb_mujun_scheme *s, const char *key, size_t len)
{
	for (size_t g = 0; g < s->ngroups && g < PB_MUJUN_MAX_GROUPS; g++)
		if (strlen(s->group[g].key) == len && memcmp(s->group[g].key, key, len) == 0)
			return &s->group[g];
	return NULL;
}

static pb_mujun_indicator *find_indicator(pb_mujun_group *g, const char *key, size_t len)
{
	for (size_t k = 0; k < g->nind && k < PB_MUJUN_MAX_IND; k++)
		if (strlen(g->ind[k].key) == len && memcmp(g->ind[k].key, key, len) == 0)
			return &g->ind[k];
	return NULL;
}

/* The index of `c` in `letters` ("ABCD"), one letter exactly, or -1. */
static int class_letter(const char *c, const char *letters)
{
	const char *p = c[0] && !c[1] ? strchr(letters, c[0]) : NULL;
	return p ? (int)(p - letters) : -1;
}

static int bad_path(const char *path, const char *zh, const char *en)
{
	return pb_error_set(PB_EINVAL, "参数路径“%s”：%s / parameter path \"%s\": %s", path, zh, path,
			    en);
}

static int set_classing(pb_mujun_group *g, const char *path, const char *what, const char *c,
			double value)
{
	pb_mujun_classing *cl = &g->classing;
	int quota = strcmp(what, "quota") == 0;
	int k = class_letter(c, quota ? "ABCD" : "ABC");
	if (k < 0)
		return quota ? bad_path(path, "比例的等级须为 A、B、C 或 D", "a quota class is A, B, C or D")
			     : bad_path(path, "分数线的等级须为 A、B 或 C", "a threshold class is A, B or C");
	/* a share of a group classed by thresholds would change nothing: say so */
	if (quota != (cl->method == PB_MCM_QUOTA))
		return quota ? bad_path(path, "该组按分数线定等级，没有比例",
					"the group is classed by thresholds, it has no quota")
			     : bad_path(path, "该组按比例定等级，没有分数线",
					"the group is classed by quota, it has no thresholds");
	if (quota)
		cl->share[k] = value;
	else
		cl->min[k] = value;
	return 0;
}

static int set_indicator(pb_mujun_indicator *d, const char *path, const char *field, double value)
{
	if (strcmp(field, "baseline") == 0)
		d->baseline = value;
	else if (strcmp(field, "weight") == 0)
		d->weight = value;
	else if (strcmp(field, "cap") == 0)
		d->cap = value;
	else if (strcmp(field, "floor") == 0)
		d->floor = value;
	else
		return bad_path(path, "末段须为 baseline、weight、cap 或 floor",
				"the last part must be baseline, weight, cap or floor");
	return 0;
}

int pb_mujun_scheme_set(pb_mujun_scheme *s, const char *path, double value)
{
	const char *dot1 = strchr(path, '.');
	const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!dot2 || strchr(dot2 + 1, '.'))
		return bad_path(path, "须为 组.指标.字段、组.quota.等级 或 组.threshold.等级",
				"must be group.indicator.field, group.quota.class or group.threshold.class");
	pb_mujun_group *g = find_group(s, path, (size_t)(dot1 - path));
	if (!g)
		return bad_path(path, "没有这个组", "no such group");
	const char *mid = dot1 + 1, *last = dot2 + 1;
	size_t midlen = (size_t)(dot2 - mid);
	if ((midlen == 5 && memcmp(mid, "quota", 5) == 0) ||
	    (midlen == 9 && memcmp(mid, "threshold", 9) == 0))
		return set_classing(g, path, midlen == 5 ? "quota" : "threshold", last, value);
	pb_mujun_indicator *d = find_indicator(g, mid, midlen);
	if (!d)
		return bad_path(path, "该组没有这个指标", "the group has no such indicator");
	return set_indicator(d, path, last, value);
}

int pb_mujun_scheme_rule(const pb_mujun_scheme *s, const char *key)
{
	for (size_t r = 0; r < s->nrules && r < PB_MUJUN_MAX_RULES; r++)
		if (strcmp(s->rule[r].key, key) == 0)
			return (int)r;
	return -1;
}
