/* plan_config.c - plan thresholds from JSON; see plan_config.h. */
#include "plan_config.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "json_file.h"

/* Every message names the document: `name` goes into both halves of "zh / en". */
static int bad(const char *name, const char *key, const char *zh, const char *en)
{
	return pb_error_set(PB_EINVAL, "配置 %s：plan.%s %s / config %s: plan.%s %s", name, key,
			    zh, name, key, en);
}

static int get_number(const char *name, const char *key, json_t *v, double *out)
{
	if (!json_is_number(v))
		return bad(name, key, "应为数值", "must be a number");
	*out = json_number_value(v);
	return 0;
}

static int get_units(const char *name, json_t *v, pb_plan_config *c)
{
	if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > PB_PLAN_MAX_UNITS)
		return bad(name, "linear_units", "应为 1 到 8 个单位的数组",
			   "must be an array of 1 to 8 units");
	c->nlinear_units = json_array_size(v);
	for (size_t i = 0; i < c->nlinear_units; i++) {
		const char *u = json_string_value(json_array_get(v, i));
		if (!u || !*u || strlen(u) >= PB_PLAN_UNIT_SIZE)
			return bad(name, "linear_units", "的每一项应为不超过 31 字节的非空文字",
				   "items must be non-empty texts of at most 31 bytes");
		strcpy(c->linear_units[i], u);
	}
	return 0;
}

static int apply_key(pb_plan_config *c, const char *name, const char *key, json_t *v)
{
	if (strcmp(key, "at_risk_tolerance") == 0)
		return get_number(name, key, v, &c->at_risk_tolerance);
	if (strcmp(key, "growth_tolerance") == 0)
		return get_number(name, key, v, &c->growth_tolerance);
	if (strcmp(key, "stated_growth_tolerance") == 0)
		return get_number(name, key, v, &c->stated_growth_tolerance);
	if (strcmp(key, "linear_units") == 0)
		return get_units(name, v, c);
	if (strcmp(key, "binding_strict") == 0) {
		if (!json_is_boolean(v))
			return bad(name, key, "应为 true 或 false", "must be true or false");
		c->binding_strict = json_is_true(v);
		return 0;
	}
	return bad(name, key, "不是已知的设置（at_risk_tolerance、growth_tolerance、"
		   "stated_growth_tolerance、binding_strict、linear_units）",
		   "is not a known setting (at_risk_tolerance, growth_tolerance, "
		   "stated_growth_tolerance, binding_strict, linear_units)");
}

int pb_plan_config_apply(pb_plan_config *cfg, const json_t *root, const char *name)
{
	if (!json_is_object(root))
		return pb_error_set(PB_EINVAL, "配置 %s：应为 JSON 对象 / config %s: must be a "
				    "JSON object", name, name);
	json_t *plan = json_object_get(root, "plan");
	if (!plan)
		return 0;
	if (!json_is_object(plan))
		return pb_error_set(PB_EINVAL, "配置 %s：plan 应为对象 / config %s: plan must be an "
				    "object", name, name);
	pb_plan_config c = *cfg;
	const char *key;
	json_t *v;
	json_object_foreach(plan, key, v) {
		int rc = apply_key(&c, name, key, v);
		if (rc)
			return rc;
	}
	/* ranges are the core's rule; its message names the field, add the document to
	 * both halves */
	if (pb_plan_config_check(&c)) {
		char zh[512], en[512];
		snprintf(zh, sizeof(zh), "配置 %s：", name);
		snprintf(en, sizeof(en), "config %s: ", name);
		return pb_error_prefix(PB_EINVAL, zh, en);
	}
	*cfg = c;
	return 0;
}

int pb_plan_config_load(pb_plan_config *cfg, const char *path)
{
	json_t *root;
	int rc = pb_json_file_load(&root, path, "配置", "config");
	if (rc)
		return rc;
	rc = pb_plan_config_apply(cfg, root, path);
	json_decref(root);
	return rc;
}
