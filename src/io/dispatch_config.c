/* dispatch_config.c - the ranking's configuration from JSON; see dispatch_config.h.
 * One walk over the document with the JSON path of the value in hand, so that every
 * refusal says where it is. */
#include "dispatch_config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "json_file.h"

/* generated at build time by cmake/embed.cmake from the JSON files of data/ranking */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct pb_embedded_file pb_ranking_files[];

enum { PATH = 128 };

/* "赛马榜配置 W：P zh / ranking configuration W: P en" */
static int refuse(const char *where, const char *path, const char *zh, const char *en)
{
	return pb_error_set(PB_EINVAL, "赛马榜配置 %s：%s %s / ranking configuration %s: %s %s", where,
			    *path ? path : "(document)", zh, where, *path ? path : "(document)", en);
}

/* path + key ("ranking[0]" + "weight"), or path + index; cut short ("…") when too long. */
static void at_key(char out[PATH], const char *path, const char *key)
{
	if (snprintf(out, PATH, "%s%s%s", path, *path ? "." : "", key) >= PATH)
		strcpy(out + PATH - 4, "...");
}

static void at_index(char out[PATH], const char *path, size_t i)
{
	if (snprintf(out, PATH, "%s[%zu]", path, i) >= PATH)
		strcpy(out + PATH - 4, "...");
}

/* Every key of object o is among `keys` (NULL-terminated) or begins with "_". */
static int known_keys(json_t *o, const char *const *keys, const char *where, const char *path)
{
	if (!json_is_object(o))
		return refuse(where, path, "应为对象 {…}", "must be an object {...}");
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], k) != 0)
			i++;
		if (!keys[i] && k[0] != '_') {
			char p[PATH];
			at_key(p, path, k);
			return refuse(where, p, "不是已知的键", "is not a known key");
		}
	}
	return 0;
}

/* The text at o.key into buf (size bytes); required unless `optional`. */
static int text_at(char *buf, size_t size, json_t *o, const char *key, int optional,
		   const char *where, const char *path)
{
	char p[PATH];
	at_key(p, path, key);
	json_t *v = json_object_get(o, key);
	buf[0] = '\0';
	if (!v && optional)
		return 0;
	const char *s = json_string_value(v);
	if (!s || !*s)
		return refuse(where, p, "应为非空文字", "must be a text, not empty");
	if (strlen(s) >= size)
		return refuse(where, p, "过长", "is too long");
	snprintf(buf, size, "%s", s);
	return 0;
}

static int norm_parse(const char *s)
{
	static const char *const names[PB_SN_COUNT] = { "max", "range", "target" };
	for (int n = 0; n < PB_SN_COUNT; n++)
		if (strcmp(s, names[n]) == 0)
			return n;
	return -1;
}

/* One part at `path`; `act`: of the activity index (its figures), else of a list. */
static int read_part(pb_disp_part *out, json_t *o, int act, const char *where, const char *path)
{
	static const char *const keys[] = { "figure", "norm", "weight", "cap", NULL };
	int rc = known_keys(o, keys, where, path);
	char fig[48], norm[16], p[PATH];
	if (!rc)
		rc = text_at(fig, sizeof(fig), o, "figure", 0, where, path);
	if (!rc)
		rc = text_at(norm, sizeof(norm), o, "norm", 0, where, path);
	if (rc)
		return rc;
	out->figure = act ? pb_af_parse(fig) : pb_rf_parse(fig);
	at_key(p, path, "figure");
	if (out->figure < 0)
		return refuse(where, p, act ? "应为 signings、starts、visits_out、visits_in、events、publicity 或 output_growth"
					    : "应为 signed_count、signed_value、funds、started_count、producing_count、"
					      "comply_rate、signed_value_mfg、signed_value_new、major_started_count 或 "
					      "funds_foreign",
			      act ? "must be signings, starts, visits_out, visits_in, events, publicity or output_growth"
				  : "must be signed_count, signed_value, funds, started_count, producing_count, "
				    "comply_rate, signed_value_mfg, signed_value_new, major_started_count or "
				    "funds_foreign");
	out->score.norm = norm_parse(norm);
	at_key(p, path, "norm");
	if (out->score.norm < 0)
		return refuse(where, p, "应为 max、range 或 target", "must be max, range or target");
	if (out->score.norm == PB_SN_TARGET && (act || out->figure >= PB_DT_COUNT))
		return refuse(where, p, "该指标没有目标", "the figure has no target");
	json_t *w = json_object_get(o, "weight"), *c = json_object_get(o, "cap");
	at_key(p, path, "weight");
	if (!json_is_number(w) || !(json_number_value(w) > 0))
		return refuse(where, p, "应为大于 0 的数值", "must be a number above 0");
	out->score.weight = json_number_value(w);
	at_key(p, path, "cap");
	if (c && !json_is_null(c) && (!json_is_number(c) || !(json_number_value(c) > 0)))
		return refuse(where, p, "应为大于 0 的数值或 null", "must be a number above 0, or null");
	out->score.cap = c && json_is_number(c) ? json_number_value(c) : 0;
	return 0;
}

/* The array o.key of 1..PB_DISP_MAX_PARTS parts into parts, *n of them. */
static int read_parts(pb_disp_part *parts, size_t *n, json_t *o, int act, const char *where,
		      const char *path)
{
	char p[PATH];
	at_key(p, path, "parts");
	json_t *a = json_object_get(o, "parts");
	if (!json_is_array(a) || json_array_size(a) < 1 || json_array_size(a) > PB_DISP_MAX_PARTS)
		return refuse(where, p, "应为 1 到 8 项的数组", "must be an array of 1 to 8 items");
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		char q[PATH];
		at_index(q, p, i);
		int rc = read_part(&parts[i], v, act, where, q);
		if (rc)
			return rc;
	}
	*n = json_array_size(a);
	return 0;
}

static int read_list(pb_disp_list *l, json_t *o, const char *where, const char *path)
{
	static const char *const keys[] = { "key", "name", "name_en", "parts", NULL };
	int rc = known_keys(o, keys, where, path);
	if (!rc)
		rc = text_at(l->key, sizeof(l->key), o, "key", 0, where, path);
	if (!rc)
		rc = text_at(l->name, sizeof(l->name), o, "name", 0, where, path);
	if (!rc)
		rc = text_at(l->name_en, sizeof(l->name_en), o, "name_en", 1, where, path);
	if (!rc)
		rc = read_parts(l->parts, &l->nparts, o, 0, where, path);
	return rc;
}

static int read_doc(pb_disp_config *cfg, json_t *doc, const char *where)
{
	static const char *const top[] = { "ranking", "activity", "major_project_min", NULL };
	static const char *const act[] = { "parts", NULL };
	int rc = known_keys(doc, top, where, "");
	if (rc)
		return rc;
	json_t *r = json_object_get(doc, "ranking");
	if (!json_is_array(r) || json_array_size(r) < 1 || json_array_size(r) > PB_DISP_MAX_LISTS)
		return refuse(where, "ranking", "应为 1 到 12 个榜单的数组", "must be an array of 1 to 12 lists");
	size_t i;
	json_t *v;
	json_array_foreach(r, i, v) {
		char p[PATH];
		at_index(p, "ranking", i);
		if ((rc = read_list(&cfg->lists[i], v, where, p)))
			return rc;
		for (size_t k = 0; k < i; k++)
			if (strcmp(cfg->lists[k].key, cfg->lists[i].key) == 0) {
				char q[PATH];
				at_key(q, p, "key");
				return refuse(where, q, "与前面的榜单重复", "is used by an earlier list");
			}
	}
	cfg->nlists = json_array_size(r);
	json_t *a = json_object_get(doc, "activity");
	if ((rc = known_keys(a, act, where, "activity")))
		return rc;
	if ((rc = read_parts(cfg->act, &cfg->nact, a, 1, where, "activity")))
		return rc;
	/* 万元; optional: 1亿元 */
	json_t *m = json_object_get(doc, "major_project_min");
	if (m && (!json_is_number(m) || !(json_number_value(m) > 0)))
		return refuse(where, "major_project_min", "应为大于 0 的数值（万元）",
			      "must be a number above 0 (万元)");
	cfg->major_min = m ? json_number_value(m) : PB_DISP_MAJOR_MIN;
	return pb_disp_config_check(cfg);
}

int pb_disp_config_parse(pb_disp_config *cfg, const char *json, size_t len, const char *where)
{
	memset(cfg, 0, sizeof(*cfg));
	json_error_t e;
	json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		return pb_error_set(PB_EINVAL, "赛马榜配置 %s：第 %d 行第 %d 列不是有效的 JSON（%s）/ "
					       "ranking configuration %s: not JSON at line %d, column %d (%s)",
				    where, e.line, e.column, e.text, where, e.line, e.column, e.text);
	int rc = read_doc(cfg, doc, where);
	json_decref(doc);
	if (rc)
		memset(cfg, 0, sizeof(*cfg));
	return rc;
}

int pb_disp_config_default(pb_disp_config *cfg)
{
	const struct pb_embedded_file *f = pb_ranking_files;
	while (f->name && strcmp(f->name, "default.json") != 0)
		f++;
	if (!f->name)
		return pb_error_set(PB_EINVAL, "缺少内置的赛马榜配置 / the shipped ranking configuration "
					       "is missing");
	return pb_disp_config_parse(cfg, (const char *)f->data, f->len, "default.json");
}

int pb_disp_config_load(pb_disp_config *cfg, const char *path)
{
	memset(cfg, 0, sizeof(*cfg));
	json_t *doc = NULL;
	int rc = pb_json_file_load(&doc, path, "赛马榜配置", "ranking configuration");
	if (rc)
		return rc;
	rc = read_doc(cfg, doc, path);
	json_decref(doc);
	if (rc)
		memset(cfg, 0, sizeof(*cfg));
	return rc;
}
