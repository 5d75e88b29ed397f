/* mujun_config.c - a 亩均 scheme from its JSON file, and the shipped ones; see
 * mujun_config.h. The format, key by key, is in docs/mujun.md.
 *
 * The reader is strict: a key it does not know is an error (keys beginning with "_" are
 * comments, as in the warnings configuration), and so is a value of the wrong type or
 * out of its range. Every message names the file and the JSON path of the value
 * ("groups[0].indicators[2].baseline"). What concerns the scheme as a whole (keys used
 * twice, ...) is pb_mujun_scheme_check's, run last. */
#include "mujun_config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "error.h"
#include "json_file.h"

/* generated at build time by cmake/embed.cmake from the JSON files of data/schemes */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct pb_embedded_file pb_mujun_scheme_files[];

/* data/schemes/<key>.json, the default first; test_mujun_config checks that this list
 * and the embedded files agree */
static const char *const shipped[] = { "chongqing-demo", "huangyan-2022", "linhai", NULL };

const char *const *pb_mujun_config_shipped(void)
{
	return shipped;
}

const char *pb_mujun_config_default(void)
{
	return shipped[0];
}

/* ---- messages ------------------------------------------------------------------- */

enum { PATH_SIZE = 160 };

/* An object being read: the file it is in, its JSON path ("" for the document) and
 * the keys it may have. */
typedef struct obj {
	const char *where;
	char path[PATH_SIZE];
	json_t *o;
} obj;

/* The path of `key` in `parent`, or of item i: "groups[0].indicators"; a path too long
 * for the buffer (an absurd unknown key) ends in "...". */
static void path_end(char *out, int n)
{
	if (n >= PATH_SIZE)
		strcpy(out + PATH_SIZE - 4, "...");
}

static void path_key(char *out, const char *parent, const char *key)
{
	path_end(out, snprintf(out, PATH_SIZE, "%s%s%s", parent, *parent ? "." : "", key));
}

static void path_index(char *out, const char *parent, size_t i)
{
	path_end(out, snprintf(out, PATH_SIZE, "%s[%zu]", parent, i));
}

/* "亩均方案 F：PATH <zh> / mujun scheme F: PATH <en>"; PATH "" is the document. */
static int bad(const char *where, const char *path, const char *zh, const char *en)
{
	const char *sp = *path ? " " : "";
	return pb_error_set(PB_EINVAL, "亩均方案 %s：%s%s%s / mujun scheme %s: %s%s%s", where, path,
			    sp, zh, where, path, sp, en);
}

static int bad_key(const obj *o, const char *key, const char *zh, const char *en)
{
	char p[PATH_SIZE];
	path_key(p, o->path, key);
	return bad(o->where, p, zh, en);
}

/* A lower layer's failure (a parse function, the scheme check) with the file and the
 * path put before both halves. */
static int bad_from_last(const char *where, const char *path)
{
	char zh[PATH_SIZE + 256], en[PATH_SIZE + 256];
	snprintf(zh, sizeof(zh), "亩均方案 %s：%s%s", where, path, *path ? "：" : "");
	snprintf(en, sizeof(en), "mujun scheme %s: %s%s", where, path, *path ? ": " : "");
	return pb_error_prefix(PB_EINVAL, zh, en);
}

/* ---- values ----------------------------------------------------------------------- */

/* Open `v` (at `path`) as an object whose keys are among `keys` (NULL-terminated). */
static int open_obj(obj *out, const char *where, const char *path, json_t *v,
		    const char *const *keys)
{
	out->where = where;
	snprintf(out->path, sizeof(out->path), "%s", path);
	out->o = v;
	if (!json_is_object(v))
		return bad(where, path, "应为对象 {…}", "must be an object {...}");
	const char *key;
	json_t *x;
	json_object_foreach(v, key, x) {
		if (key[0] == '_')
			continue;
		size_t k = 0;
		while (keys[k] && strcmp(keys[k], key) != 0)
			k++;
		if (keys[k])
			continue;
		char list[512] = "";
		size_t n = 0;
		for (k = 0; keys[k] && n < sizeof(list); k++)
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", keys[k]);
		char zh[640], en[640];
		snprintf(zh, sizeof(zh), "不是已知的键（可用：%s）", list);
		snprintf(en, sizeof(en), "is not a known key (use: %s)", list);
		return bad_key(out, key, zh, en);
	}
	return 0;
}

/* A text of at most size - 1 bytes into buf; when absent, "" (or an error if `required`). */
static int get_text(const obj *o, const char *key, char *buf, size_t size, int required)
{
	json_t *v = json_object_get(o->o, key);
	buf[0] = '\0';
	if (!v && !required)
		return 0;
	if (!v)
		return bad_key(o, key, "缺失（必填）", "is missing (required)");
	const char *t = json_string_value(v);
	if (!t)
		return bad_key(o, key, "应为文字 \"…\"", "must be a text \"...\"");
	if (required && !*t)
		return bad_key(o, key, "不能为空", "must not be empty");
	if (strlen(t) >= size) {
		char zh[96], en[96];
		snprintf(zh, sizeof(zh), "过长：至多 %zu 字节（约 %zu 个汉字）", size - 1, (size - 1) / 3);
		snprintf(en, sizeof(en), "is too long: at most %zu bytes", size - 1);
		return bad_key(o, key, zh, en);
	}
	strcpy(buf, t);
	return 0;
}

/* A key: required, ASCII letters, digits, '_' and '-' (a subset of what the scheme check
 * allows: keys also appear in command lines and what-if paths). `fact`: a rule's key, a
 * fact kind, [a-z][a-z0-9_]* as mujun.h's facts are named. */
static int get_key(const obj *o, const char *key, char *buf, size_t size, int fact)
{
	int rc = get_text(o, key, buf, size, 1);
	if (rc)
		return rc;
	for (const char *c = buf; *c; c++) {
		int lower = *c >= 'a' && *c <= 'z', digit = *c >= '0' && *c <= '9';
		int ok = fact ? lower || ((digit || *c == '_') && c > buf)
			      : lower || digit || *c == '_' || *c == '-' || (*c >= 'A' && *c <= 'Z');
		if (!ok)
			return fact ? bad_key(o, key, "须为小写字母开头，由小写字母、数字和 _ 组成",
					      "must be a lowercase letter followed by lowercase letters, digits and _")
				    : bad_key(o, key, "须由 ASCII 字母、数字、_ 和 - 组成",
					      "must consist of ASCII letters, digits, _ and -");
	}
	return 0;
}

enum {
	NUM_REQUIRED = 1,
	NUM_NULL_INF = 2, /* null means +INFINITY (no bound) */
	NUM_POSITIVE = 4,
	NUM_NONNEG = 8,
};

/* A number; when absent `dflt` (or an error if NUM_REQUIRED). */
static int get_num(const obj *o, const char *key, double *out, double dflt, int flags)
{
	json_t *v = json_object_get(o->o, key);
	*out = dflt;
	if (!v && (flags & NUM_REQUIRED))
		return bad_key(o, key, "缺失（必填）", "is missing (required)");
	if (!v)
		return 0;
	if (json_is_null(v) && (flags & NUM_NULL_INF)) {
		*out = INFINITY;
		return 0;
	}
	if (!json_is_number(v))
		return flags & NUM_NULL_INF ? bad_key(o, key, "应为数值或 null（不设）", "must be a number or null (none)")
					    : bad_key(o, key, "应为数值", "must be a number");
	*out = json_number_value(v);
	if ((flags & NUM_POSITIVE) && !(*out > 0))
		return bad_key(o, key, "须为正数", "must be a positive number");
	if ((flags & NUM_NONNEG) && !(*out >= 0))
		return bad_key(o, key, "须不小于0", "must be at least 0");
	return 0;
}

/* true/false; when absent `dflt`. With `tri`, null (and absence) is -1: either. */
static int get_flag(const obj *o, const char *key, int *out, int dflt, int tri)
{
	json_t *v = json_object_get(o->o, key);
	*out = dflt;
	if (!v || (tri && json_is_null(v)))
		return 0;
	if (!json_is_boolean(v))
		return tri ? bad_key(o, key, "应为 true、false 或 null（不限）", "must be true, false or null (either)")
			   : bad_key(o, key, "应为 true 或 false", "must be true or false");
	*out = json_is_true(v);
	return 0;
}

/* An array of min..max items; absent: an error if min > 0, else *out NULL. */
static int get_array(const obj *o, const char *key, json_t **out, size_t min, size_t max)
{
	*out = json_object_get(o->o, key);
	if (!*out && min == 0)
		return 0;
	if (!json_is_array(*out) || json_array_size(*out) < min || json_array_size(*out) > max) {
		char zh[96], en[96];
		snprintf(zh, sizeof(zh), "应为 %zu 到 %zu 项的数组 […]", min, max);
		snprintf(en, sizeof(en), "must be an array [...] of %zu to %zu items", min, max);
		return bad_key(o, key, zh, en);
	}
	return 0;
}

/* A text parsed by `parse` (a mujun.h parse function, which lists the choices). */
typedef int (*parse_fn)(void *out, const char *key);

static int get_choice(const obj *o, const char *key, parse_fn parse, void *out)
{
	char text[64];
	int rc = get_text(o, key, text, sizeof(text), 1);
	if (rc)
		return rc;
	if (parse(out, text)) {
		char p[PATH_SIZE];
		path_key(p, o->path, key);
		return bad_from_last(o->where, p);
	}
	return 0;
}

static int parse_measure(void *out, const char *key)
{
	return pb_mujun_measure_parse(out, key);
}

static int parse_effect(void *out, const char *key)
{
	return pb_mujun_effect_parse(out, key);
}

static int parse_class(void *out, const char *key)
{
	return pb_mujun_class_parse(out, key);
}

static int parse_missing(void *out, const char *key)
{
	static const char *const keys[] = { "incomplete", "group_average", "zero" };
	for (int k = 0; k < 3; k++)
		if (strcmp(key, keys[k]) == 0) {
			*(pb_mujun_missing *)out = (pb_mujun_missing)k;
			return 0;
		}
	return pb_error_set(PB_EINVAL, "未知的缺值处理“%s”，可用：incomplete, group_average, zero / "
			    "unknown on_missing \"%s\"; known: incomplete, group_average, zero", key, key);
}

static int parse_shared(void *out, const char *key)
{
	if (strcmp(key, "share") == 0 || strcmp(key, "merge") == 0) {
		*(pb_mujun_shared *)out = key[0] == 'm' ? PB_MSH_MERGE : PB_MSH_SHARE;
		return 0;
	}
	return pb_error_set(PB_EINVAL, "未知的共用宗地处理“%s”，可用：share, merge / unknown "
			    "shared_land \"%s\"; known: share, merge", key, key);
}

/* ---- the parts of a scheme ---------------------------------------------------------- */

/* Read the array `key` of `o` item by item into consecutive slots of `size` bytes.
 * With `keyed`, each item begins with its key (char[32], checked below) and no two may
 * share one. */
typedef int (*read_fn)(void *item, const char *where, const char *path, json_t *v);

static int read_items(const obj *o, const char *key, size_t min, size_t max, void *items,
		      size_t size, size_t *n, int keyed, read_fn read)
{
	json_t *a;
	char p[PATH_SIZE], pi[PATH_SIZE];
	*n = 0;
	int rc = get_array(o, key, &a, min, max);
	path_key(p, o->path, key);
	for (size_t i = 0; !rc && i < json_array_size(a); i++) {
		char *item = (char *)items + i * size;
		path_index(pi, p, i);
		rc = read(item, o->where, pi, json_array_get(a, i));
		*n = i + 1;
		for (size_t j = 0; !rc && keyed && j < i; j++) {
			if (strcmp((char *)items + j * size, item) != 0)
				continue;
			char zh[PATH_SIZE + 32], en[PATH_SIZE + 32];
			snprintf(zh, sizeof(zh), "与 %s[%zu] 的键重复", key, j);
			snprintf(en, sizeof(en), "is used twice (also %s[%zu])", key, j);
			path_key(p, pi, "key");
			rc = bad(o->where, p, zh, en);
		}
	}
	return rc;
}

/* the keyed items of read_items */
_Static_assert(offsetof(pb_mujun_group, key) == 0, "a group begins with its key");
_Static_assert(offsetof(pb_mujun_indicator, key) == 0, "an indicator begins with its key");
_Static_assert(offsetof(pb_mujun_rule, key) == 0, "a rule begins with its key");

static int read_indicator(void *item, const char *where, const char *path, json_t *v)
{
	pb_mujun_indicator *d = item;
	static const char *const keys[] = { "key", "name", "name_en", "unit", "numerator",
					    "denominator", "factor", "baseline", "weight", "cap",
					    "floor", "lower_better", "on_missing", NULL };
	obj o;
	int rc = open_obj(&o, where, path, v, keys);
	if (!rc)
		rc = get_key(&o, "key", d->key, sizeof(d->key), 0);
	if (!rc)
		rc = get_text(&o, "name", d->name, sizeof(d->name), 1);
	if (!rc)
		rc = get_text(&o, "name_en", d->name_en, sizeof(d->name_en), 0);
	if (!rc)
		rc = get_text(&o, "unit", d->unit, sizeof(d->unit), 0);
	if (!rc)
		rc = get_choice(&o, "numerator", parse_measure, &d->num);
	if (!rc && d->num == PB_MM_ONE)
		rc = bad_key(&o, "numerator", "不能是 one（常数1只作分母）",
			     "cannot be \"one\" (the constant 1 is only a denominator)");
	if (!rc)
		rc = get_choice(&o, "denominator", parse_measure, &d->den);
	if (!rc)
		rc = get_num(&o, "factor", &d->factor, 1, NUM_POSITIVE);
	if (!rc)
		rc = get_num(&o, "baseline", &d->baseline, 0, NUM_REQUIRED | NUM_POSITIVE);
	if (!rc)
		rc = get_num(&o, "weight", &d->weight, 0, NUM_REQUIRED | NUM_NONNEG);
	if (!rc)
		rc = get_num(&o, "cap", &d->cap, INFINITY, NUM_NULL_INF);
	if (!rc)
		rc = get_num(&o, "floor", &d->floor, 0, 0);
	if (!rc && !(d->floor <= d->cap))
		rc = bad_key(&o, "floor", "须不大于 cap", "must not exceed the cap");
	if (!rc)
		rc = get_flag(&o, "lower_better", &d->lower_better, 0, 0);
	d->on_missing = PB_MISS_INCOMPLETE;
	if (!rc && json_object_get(v, "on_missing"))
		rc = get_choice(&o, "on_missing", parse_missing, &d->on_missing);
	return rc;
}

/* {"A": .., "B": .., ...}: the first n classes, every one required. */
static int read_shares(double *out, int n, const char *where, const char *path, json_t *v)
{
	static const char *const keys[] = { "A", "B", "C", "D", NULL };
	static const char *const some[] = { "A", "B", "C", NULL };
	obj o;
	int rc = open_obj(&o, where, path, v, n == 4 ? keys : some);
	for (int k = 0; !rc && k < n; k++)
		rc = get_num(&o, keys[k], &out[k], 0, NUM_REQUIRED | (n == 4 ? NUM_NONNEG : 0));
	return rc;
}

static int read_classing(pb_mujun_classing *c, const char *where, const char *path, json_t *v)
{
	static const char *const keys[] = { "method", "quota", "threshold", NULL };
	obj o;
	char method[16], p[PATH_SIZE];
	int rc = open_obj(&o, where, path, v, keys);
	if (!rc)
		rc = get_text(&o, "method", method, sizeof(method), 1);
	if (rc)
		return rc;
	int quota = strcmp(method, "quota") == 0;
	if (!quota && strcmp(method, "threshold") != 0)
		return bad_key(&o, "method", "应为 quota（按比例）或 threshold（按分数线）",
			       "must be quota or threshold");
	const char *used = quota ? "quota" : "threshold", *other = quota ? "threshold" : "quota";
	if (json_object_get(v, other))
		return quota ? bad_key(&o, other, "不适用：method 为 quota", "does not apply: method is quota")
			     : bad_key(&o, other, "不适用：method 为 threshold",
				       "does not apply: method is threshold");
	json_t *x = json_object_get(v, used);
	if (!x)
		return bad_key(&o, used, "缺失（必填）", "is missing (required)");
	path_key(p, path, used);
	c->method = quota ? PB_MCM_QUOTA : PB_MCM_THRESHOLD;
	rc = read_shares(quota ? c->share : c->min, quota ? 4 : 3, where, p, x);
	if (rc)
		return rc;
	if (quota) {
		double sum = c->share[0] + c->share[1] + c->share[2] + c->share[3];
		if (fabs(sum - 100) > 1e-9) {
			char zh[96], en[96];
			snprintf(zh, sizeof(zh), "A、B、C、D 比例之和为 %g，须为100", sum);
			snprintf(en, sizeof(en), "shares sum to %g, not 100", sum);
			return bad(where, p, zh, en);
		}
	} else if (!(c->min[0] >= c->min[1] && c->min[1] >= c->min[2])) {
		return bad(where, p, "分数线须 A ≥ B ≥ C", "thresholds must be A ≥ B ≥ C");
	}
	return 0;
}

static int read_group(void *item, const char *where, const char *path, json_t *v)
{
	pb_mujun_group *g = item;
	static const char *const keys[] = { "key", "name", "above_scale", "leased", "min_land",
					    "max_land", "indicators", "classing", NULL };
	obj o;
	json_t *cl;
	char p[PATH_SIZE];
	int rc = open_obj(&o, where, path, v, keys);
	if (!rc)
		rc = get_key(&o, "key", g->key, sizeof(g->key), 0);
	if (!rc)
		rc = get_text(&o, "name", g->name, sizeof(g->name), 1);
	if (!rc)
		rc = get_flag(&o, "above_scale", &g->above_scale, -1, 1);
	if (!rc)
		rc = get_flag(&o, "leased", &g->leased, -1, 1);
	if (!rc)
		rc = get_num(&o, "min_land", &g->min_land, 0, NUM_NONNEG);
	if (!rc)
		rc = get_num(&o, "max_land", &g->max_land, INFINITY, NUM_NULL_INF | NUM_POSITIVE);
	if (!rc && !(g->min_land < g->max_land))
		rc = bad_key(&o, "max_land", "须大于 min_land", "must be greater than min_land");
	if (!rc)
		rc = read_items(&o, "indicators", 1, PB_MUJUN_MAX_IND, g->ind, sizeof(g->ind[0]),
				&g->nind, 1, read_indicator);
	if (rc)
		return rc;
	if (!(cl = json_object_get(v, "classing")))
		return bad_key(&o, "classing", "缺失（必填）", "is missing (required)");
	path_key(p, path, "classing");
	return read_classing(&g->classing, where, p, cl);
}

static int read_rule(void *item, const char *where, const char *path, json_t *v)
{
	pb_mujun_rule *r = item;
	static const char *const keys[] = { "key", "name", "effect", NULL };
	obj o;
	int rc = open_obj(&o, where, path, v, keys);
	if (!rc)
		rc = get_key(&o, "key", r->key, sizeof(r->key), 1);
	if (!rc)
		rc = get_text(&o, "name", r->name, sizeof(r->name), 1);
	if (!rc)
		rc = get_choice(&o, "effect", parse_effect, &r->effect);
	return rc;
}

static int read_policy(void *item, const char *where, const char *path, json_t *v)
{
	pb_mujun_policy *p = item;
	static const char *const keys[] = { "class", "item", "text", NULL };
	obj o;
	int rc = open_obj(&o, where, path, v, keys);
	if (!rc)
		rc = get_choice(&o, "class", parse_class, &p->cls);
	if (!rc && p->cls > PB_MC_T)
		rc = bad_key(&o, "class", "须为 A、B、C、D 或 T", "must be A, B, C, D or T");
	if (!rc)
		rc = get_text(&o, "item", p->item, sizeof(p->item), 1);
	if (!rc)
		rc = get_text(&o, "text", p->text, sizeof(p->text), 1);
	return rc;
}

static int read_classes(pb_mujun_scheme *s, const char *where, json_t *v)
{
	static const char *const keys[] = { "A", "B", "C", "D", "T", NULL };
	static const char *const dflt[] = { "优先发展", "鼓励提升", "规范转型", "调控帮扶", "不定等级" };
	for (int k = 0; k < 5; k++)
		strcpy(s->class_name[k], dflt[k]);
	if (!v)
		return 0;
	obj o;
	int rc = open_obj(&o, where, "classes", v, keys);
	for (int k = 0; !rc && k < 5; k++)
		if (json_object_get(v, keys[k]))
			rc = get_text(&o, keys[k], s->class_name[k], sizeof(s->class_name[k]), 1);
	return rc;
}

static int read_scheme(pb_mujun_scheme *s, json_t *root, const char *where)
{
	static const char *const keys[] = { "key", "name", "year", "source", "classes", "groups",
					    "rules", "policies", "inefficient_output_per_mu",
					    "shared_land", NULL };
	obj o;
	memset(s, 0, sizeof(*s));
	int rc = open_obj(&o, where, "", root, keys);
	if (!rc)
		rc = get_key(&o, "key", s->key, sizeof(s->key), 0);
	if (!rc)
		rc = get_text(&o, "name", s->name, sizeof(s->name), 1);
	json_t *y = json_object_get(root, "year");
	if (!rc && y && (!json_is_integer(y) || json_integer_value(y) < 0 || json_integer_value(y) > 9999))
		rc = bad_key(&o, "year", "应为年份（整数，0 表示不限）", "must be a year (an integer, 0 for any)");
	s->year = y ? (int)json_integer_value(y) : 0;
	if (!rc)
		rc = get_text(&o, "source", s->source, sizeof(s->source), 0);
	if (!rc)
		rc = read_classes(s, where, json_object_get(root, "classes"));
	if (!rc)
		rc = read_items(&o, "groups", 1, PB_MUJUN_MAX_GROUPS, s->group, sizeof(s->group[0]),
				&s->ngroups, 1, read_group);
	if (!rc)
		rc = read_items(&o, "rules", 0, PB_MUJUN_MAX_RULES, s->rule, sizeof(s->rule[0]),
				&s->nrules, 1, read_rule);
	if (!rc)
		rc = read_items(&o, "policies", 0, PB_MUJUN_MAX_POLICIES, s->policy,
				sizeof(s->policy[0]), &s->npolicies, 0, read_policy);
	if (!rc)
		rc = get_num(&o, "inefficient_output_per_mu", &s->inefficient_output_per_mu, 0,
			     NUM_NONNEG);
	if (!rc && json_object_get(root, "shared_land"))
		rc = get_choice(&o, "shared_land", parse_shared, &s->shared_land);
	if (!rc && pb_mujun_scheme_check(s))
		rc = bad_from_last(where, "");
	if (rc)
		memset(s, 0, sizeof(*s));
	return rc;
}

/* ---- parsing and loading -------------------------------------------------------------- */

int pb_mujun_config_parse(pb_mujun_scheme *s, const char *json, size_t len, const char *where)
{
	json_error_t e;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		memset(s, 0, sizeof(*s));
		return pb_error_set(PB_EINVAL, "亩均方案 %s 第 %d 行第 %d 列：JSON 格式错误（%s）/ "
				    "mujun scheme %s line %d column %d: %s", where, e.line, e.column,
				    e.text, where, e.line, e.column, e.text);
	}
	int rc = read_scheme(s, root, where);
	json_decref(root);
	return rc;
}

/* The file's text, to be stored with the evaluation: read again after pb_json_file_load
 * (which has said whatever was wrong with the file), and refused when it is no longer
 * the document that was read (the file changed in between). */
static int file_text(char **out, const char *path, const json_t *doc)
{
	enum { CHUNK = 4096 };
	*out = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "rb");
	int read_ok = 0;
	while (f) {
		if (cap - len < CHUNK + 1) {
			char *nb = realloc(buf, cap = 2 * cap + CHUNK + 1);
			if (!nb) {
				fclose(f);
				free(buf);
				return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, CHUNK, f);
		len += got;
		if (got < CHUNK) {
			read_ok = !ferror(f);
			break;
		}
	}
	if (f)
		fclose(f);
	json_t *again = read_ok ? json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
	int same = again && json_equal(again, doc);
	json_decref(again);
	if (!same) {
		free(buf);
		return pb_error_set(PB_EIO, "亩均方案 %s 在读取时被改动，请重试 / mujun scheme %s "
				    "changed while it was read; try again", path, path);
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

static int load_file(pb_mujun_scheme *s, char **json, const char *path)
{
	json_t *root;
	int rc = pb_json_file_load(&root, path, "亩均方案", "mujun scheme");
	if (rc) {
		memset(s, 0, sizeof(*s));
		return rc;
	}
	rc = read_scheme(s, root, path);
	if (!rc && json && (rc = file_text(json, path, root)))
		memset(s, 0, sizeof(*s));
	json_decref(root);
	return rc;
}

static int not_found(pb_mujun_scheme *s, const char *name)
{
	char list[256] = "";
	size_t n = 0;
	for (size_t k = 0; shipped[k]; k++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", shipped[k]);
	memset(s, 0, sizeof(*s));
	return pb_error_set(PB_ENOTFOUND, "找不到亩均方案“%s”：既不是文件，也不是内置方案（内置：%s）/ "
			    "no mujun scheme \"%s\": neither a file nor a shipped scheme (shipped: %s)",
			    name, list, name, list);
}

int pb_mujun_config_load(pb_mujun_scheme *s, char **json, const char *name)
{
	if (json)
		*json = NULL;
	struct stat sb;
	if (stat(name, &sb) == 0)
		return load_file(s, json, name);
	char file[64];
	snprintf(file, sizeof(file), "%s.json", name);
	const struct pb_embedded_file *f = pb_mujun_scheme_files;
	while (f->name && strcmp(f->name, file) != 0)
		f++;
	size_t k = 0;
	while (shipped[k] && strcmp(shipped[k], name) != 0)
		k++;
	if (!f->name || !shipped[k])
		return not_found(s, name);
	int rc = pb_mujun_config_parse(s, (const char *)f->data, f->len, f->name);
	if (!rc && json && !(*json = strndup((const char *)f->data, f->len))) {
		memset(s, 0, sizeof(*s));
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	return rc;
}
