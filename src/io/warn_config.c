/* warn_config.c - the warning rules' configuration file; see warn_config.h. */
#include "warn_config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "json_file.h"

/* Fail naming the file: "预警配置 F：<zh> / warning configuration F: <en>", the message
 * given as the two halves of the project's "zh / en". */
static int bad(const char *path, const char *zh, const char *en)
{
	return pb_error_set(PB_EINVAL, "预警配置 %s：%s / warning configuration %s: %s", path, zh, path, en);
}

/* A failed check of the core, prefixed with the file in both halves. */
static int bad_from_last(const char *path)
{
	char zh[512], en[512];
	snprintf(zh, sizeof(zh), "预警配置 %s：", path);
	snprintf(en, sizeof(en), "warning configuration %s: ", path);
	return pb_error_prefix(PB_EINVAL, zh, en);
}

static int param_index(const pb_warn_rule_info *ri, const char *key)
{
	for (size_t i = 0; i < ri->nparams; i++)
		if (strcmp(ri->params[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int unknown_param(const char *path, const pb_warn_rule_info *ri, const char *key)
{
	char keys[256] = "enabled";
	size_t n = strlen(keys);
	for (size_t i = 0; i < ri->nparams && n < sizeof(keys); i++)
		n += (size_t)snprintf(keys + n, sizeof(keys) - n, " %s", ri->params[i].key);
	char zh[512], en[512];
	snprintf(zh, sizeof(zh), "规则 %s 没有参数「%s」（可用：%s）", ri->key, key, keys);
	snprintf(en, sizeof(en), "rule %s has no parameter \"%s\" (use: %s)", ri->key, key, keys);
	return bad(path, zh, en);
}

static int read_rule(const char *path, pb_warn_rule r, json_t *obj, pb_warn_rule_config *rc)
{
	const pb_warn_rule_info *ri = pb_warn_rule_get(r);
	char zh[256], en[256];
	if (!json_is_object(obj)) {
		snprintf(zh, sizeof(zh), "「%s」应为对象 {…}", ri->key);
		snprintf(en, sizeof(en), "\"%s\" must be an object {...}", ri->key);
		return bad(path, zh, en);
	}
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (key[0] == '_')
			continue;
		if (strcmp(key, "enabled") == 0) {
			if (!json_is_boolean(v)) {
				snprintf(zh, sizeof(zh), "%s.enabled 应为 true 或 false", ri->key);
				snprintf(en, sizeof(en), "%s.enabled must be true or false", ri->key);
				return bad(path, zh, en);
			}
			rc->enabled = json_is_true(v);
			continue;
		}
		int i = param_index(ri, key);
		if (i < 0)
			return unknown_param(path, ri, key);
		if (!json_is_number(v)) {
			snprintf(zh, sizeof(zh), "%s.%s 应为数值（%s）", ri->key, key, ri->params[i].name);
			snprintf(en, sizeof(en), "%s.%s must be a number", ri->key, key);
			return bad(path, zh, en);
		}
		rc->p[i] = json_number_value(v);
	}
	return 0;
}

static int read_rules(const char *path, json_t *root, pb_warn_config *cfg)
{
	json_t *w = json_is_object(root) ? json_object_get(root, "warnings") : NULL;
	if (!json_is_object(w))
		return bad(path, "应为 {\"warnings\": {规则: {参数: 值}}}", "expected {\"warnings\": {rule: {parameter: value}}}");
	const char *key;
	json_t *v;
	json_object_foreach(w, key, v) {
		if (key[0] == '_')
			continue;
		pb_warn_rule r;
		if (pb_warn_rule_parse(&r, key))
			return bad_from_last(path);
		int rc = read_rule(path, r, v, &cfg->rule[r]);
		if (rc)
			return rc;
	}
	return pb_warn_config_check(cfg) ? bad_from_last(path) : 0;
}

int pb_warn_config_load(pb_warn_config *cfg, const char *path)
{
	pb_warn_config_default(cfg);
	json_t *root;
	int rc = pb_json_file_load(&root, path, "预警配置", "warning configuration");
	if (rc)
		return rc;
	rc = read_rules(path, root, cfg);
	json_decref(root);
	if (rc)
		pb_warn_config_default(cfg);
	return rc;
}

json_t *pb_warn_config_json(const pb_warn_config *cfg)
{
	json_t *root = json_object(), *w = json_object();
	if (!root || !w) {
		json_decref(root);
		json_decref(w);
		return NULL;
	}
	for (int r = 0; r < PB_WR_COUNT; r++) {
		const pb_warn_rule_info *ri = pb_warn_rule_get((pb_warn_rule)r);
		json_t *o = json_object();
		json_object_set_new(o, "_name", json_string(ri->name));
		json_object_set_new(o, "enabled", json_boolean(cfg->rule[r].enabled));
		for (size_t i = 0; i < ri->nparams; i++) {
			double v = cfg->rule[r].p[i];
			json_object_set_new(o, ri->params[i].key, v == floor(v) && fabs(v) < 1e15
									  ? json_integer((json_int_t)v)
									  : json_real(v));
		}
		json_object_set_new(w, ri->key, o);
	}
	json_object_set_new(root, "warnings", w);
	return root;
}
