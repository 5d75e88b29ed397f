/*
 * mujun_out.c - JSON, text and the workbook of a 亩均 evaluation; see mujun_out.h.
 */
#include "mujun_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_value.h"
#include "report_book.h"
#include "term.h"

/* ---- shared helpers ------------------------------------------------------------------ */

static const char *const plain_label[PB_MC_COUNT] = { "A类", "B类", "C类", "D类", "T类",
						      "数据不全", "不参评" };

const char *pb_mujun_class_label(const pb_mujun_scheme *s, int cls, char *buf, size_t size)
{
	if (cls < 0 || cls >= PB_MC_COUNT)
		return "—";
	if (cls > PB_MC_T || !s || !s->class_name[cls][0])
		return plain_label[cls];
	snprintf(buf, size, "%s（%s）", plain_label[cls], s->class_name[cls]);
	return buf;
}

static const char *short_label(int cls)
{
	return cls >= 0 && cls < PB_MC_COUNT ? plain_label[cls] : "—";
}

static const pb_mujun_group *group_of(const pb_mujun_view *v, size_t i)
{
	int g = v->r->group[i];
	return g >= 0 ? &v->s->group[g] : NULL;
}

static const char *park_of(const pb_mujun_view *v, size_t i)
{
	uint32_t p = v->y->in.park[i];
	return p < v->y->in.npark ? v->y->park_name[p] : "";
}

static const char *sector_of(const pb_mujun_view *v, size_t i)
{
	uint32_t s = v->y->in.sector[i];
	return s < v->y->in.nsector ? v->y->sector_name[s] : "";
}

/* Enterprises ordered for a list: by group, then rank (unranked last), then input order. */
static int by_group_rank(const void *a, const void *b, void *ctx)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const pb_mujun_result *r = ((const pb_mujun_view *)ctx)->r;
	int gi = r->group[i] < 0 ? 127 : r->group[i], gj = r->group[j] < 0 ? 127 : r->group[j];
	if (gi != gj)
		return gi - gj;
	uint32_t ri = r->rank_zone[i] ? r->rank_zone[i] : UINT32_MAX;
	uint32_t rj = r->rank_zone[j] ? r->rank_zone[j] : UINT32_MAX;
	if (ri != rj)
		return ri < rj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* The indexes of v's enterprises in list order; the caller frees them. NULL when out of
 * memory. (glibc's qsort_r: the view goes in as the context, so the server's threads can
 * make lists at once.) */
static size_t *list_order(const pb_mujun_view *v)
{
	size_t n = v->r->n;
	size_t *idx = malloc((n ? n : 1) * sizeof(size_t));
	if (!idx)
		return NULL;
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(size_t), by_group_rank, (void *)v);
	return idx;
}

/* The rules that applied to enterprise i, by name, "、"-joined, into buf. */
static const char *rules_text(const pb_mujun_view *v, size_t i, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < v->s->nrules && k < 32; k++) {
		if (!(v->r->rules[i] >> k & 1))
			continue;
		const pb_mujun_rule *ru = &v->s->rule[k];
		int w = snprintf(buf + len, size - len, "%s%s（%s）", len ? "、" : "", ru->name,
				 pb_mujun_effect_name(ru->effect));
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

static json_t *counts_json(const int64_t *count)
{
	json_t *o = json_object();
	for (int c = 0; c < PB_MC_COUNT; c++)
		json_object_set_new(o, pb_mujun_class_key(c), json_integer(count[c]));
	return o;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static json_t *indicator_json(const pb_mujun_view *v, size_t i, size_t slot)
{
	const pb_mujun_indicator *ind = &group_of(v, i)->ind[slot];
	size_t n = v->r->n;
	uint8_t f = v->r->flags[slot * n + i];
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(ind->key));
	json_object_set_new(o, "name", json_string(ind->name));
	json_object_set_new(o, "unit", json_string(ind->unit));
	json_object_set_new(o, "value", pb_json_num(v->r->value[slot * n + i]));
	json_object_set_new(o, "baseline", pb_json_num(ind->baseline));
	json_object_set_new(o, "weight", pb_json_num(ind->weight));
	json_object_set_new(o, "cap", pb_json_num(ind->cap));
	json_object_set_new(o, "points", (f & PB_MF_MISSING) && !(f & PB_MF_IMPUTED)
						 ? json_null() : pb_json_num(v->r->points[slot * n + i]));
	json_object_set_new(o, "missing", json_boolean(f & PB_MF_MISSING));
	json_object_set_new(o, "imputed", json_boolean(f & PB_MF_IMPUTED));
	json_object_set_new(o, "capped", json_boolean(f & PB_MF_CAPPED));
	json_object_set_new(o, "floored", json_boolean(f & PB_MF_FLOORED));
	return o;
}

int pb_mujun_enterprise_json(json_t **out, const pb_mujun_view *v, size_t i)
{
	const pb_mujun_result *r = v->r;
	const pb_mujun_group *g = group_of(v, i);
	json_t *o = json_object(), *ranks = json_object(), *inds = json_array();
	json_t *rules = json_array(), *adjust = json_array();
	if (!o || !ranks || !inds || !rules || !adjust) {
		json_decref(o), json_decref(ranks), json_decref(inds), json_decref(rules);
		json_decref(adjust);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	json_object_set_new(o, "id", json_integer(v->y->enterprise_id[i]));
	json_object_set_new(o, "uscc", pb_json_text(v->y->uscc[i]));
	json_object_set_new(o, "name", pb_json_text(v->y->name[i]));
	json_object_set_new(o, "park", json_string(park_of(v, i)));
	json_object_set_new(o, "sector", json_string(sector_of(v, i)));
	json_object_set_new(o, "above_scale", json_boolean(v->y->above_scale[i]));
	json_object_set_new(o, "land", pb_json_num(v->y->measure[PB_MM_LAND][i]));
	json_object_set_new(o, "group", g ? json_string(g->key) : json_null());
	json_object_set_new(o, "total", pb_json_num(r->total[i]));
	json_object_set_new(o, "class", json_string(pb_mujun_class_key(r->cls[i])));
	json_object_set_new(o, "class_by_score", json_string(pb_mujun_class_key(r->cls_score[i])));
	json_object_set_new(o, "class_previous",
			    v->prev && v->prev[i] < PB_MC_COUNT
				    ? json_string(pb_mujun_class_key(v->prev[i])) : json_null());
	json_object_set_new(ranks, "zone", r->rank_zone[i] ? json_integer(r->rank_zone[i]) : json_null());
	json_object_set_new(ranks, "sector", r->rank_sector[i] ? json_integer(r->rank_sector[i]) : json_null());
	json_object_set_new(ranks, "park", r->rank_park[i] ? json_integer(r->rank_park[i]) : json_null());
	json_object_set_new(o, "rank", ranks);
	for (size_t k = 0; k < v->s->nrules && k < 32; k++) {
		if (!(r->rules[i] >> k & 1))
			continue;
		json_t *ru = json_object();
		json_object_set_new(ru, "key", json_string(v->s->rule[k].key));
		json_object_set_new(ru, "name", json_string(v->s->rule[k].name));
		json_object_set_new(ru, "effect", json_string(pb_mujun_effect_key(v->s->rule[k].effect)));
		json_array_append_new(rules, ru);
	}
	json_object_set_new(o, "rules", rules);
	if (r->adjust[i] & PB_MA_FORCE_D)
		json_array_append_new(adjust, json_string("force_d"));
	if (r->adjust[i] & PB_MA_BAR_AB)
		json_array_append_new(adjust, json_string("bar_ab"));
	if (r->adjust[i] & PB_MA_PROTECTED)
		json_array_append_new(adjust, json_string("protected"));
	json_object_set_new(o, "adjust", adjust);
	for (size_t s = 0; g && s < g->nind; s++)
		json_array_append_new(inds, indicator_json(v, i, s));
	json_object_set_new(o, "indicators", inds);
	json_object_set_new(o, "facts", pb_json_text(v->y->facts[i]));
	*out = o;
	return 0;
}

static json_t *table_json(const char *key, char *const *names, size_t n, int64_t (*rows)[PB_MC_COUNT])
{
	json_t *a = json_array();
	for (size_t k = 0; k <= n; k++) {
		int64_t sum = 0;
		for (int c = 0; c < PB_MC_COUNT; c++)
			sum += rows[k][c];
		if (k == n && sum == 0)
			continue; /* the "none" row only when someone is in it */
		json_t *o = json_object();
		json_object_set_new(o, key, k < n ? json_string(names[k]) : json_null());
		json_object_set_new(o, "counts", counts_json(rows[k]));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *land_row_json(const char *park, const pb_mujun_land_row *row)
{
	json_t *o = json_object();
	json_object_set_new(o, "park", pb_json_text(park));
	json_object_set_new(o, "plots", json_integer(row->plots));
	json_object_set_new(o, "plots_listed", json_integer(row->plots_listed));
	json_object_set_new(o, "area", json_real(row->area));
	json_object_set_new(o, "idle", json_real(row->idle));
	json_object_set_new(o, "inefficient", json_real(row->inefficient));
	json_object_set_new(o, "revivable", json_real(row->revivable));
	return o;
}

static json_t *land_json(const pb_mujun_view *v)
{
	if (!v->land)
		return json_null();
	json_t *o = json_object(), *parks = json_array(), *plots = json_array();
	for (size_t p = 0; p <= v->land->npark; p++)
		if (p < v->land->npark || v->land->park[p].plots)
			json_array_append_new(parks, land_row_json(p < v->land->npark
									  ? v->y->park_name[p] : NULL,
								  &v->land->park[p]));
	for (size_t k = 0; k < v->plots->n; k++) {
		const pb_mujun_plot *pl = &v->plots->items[k];
		uint8_t why = v->land->reason[k];
		if (!why)
			continue;
		json_t *e = json_object();
		json_object_set_new(e, "plot_code", pb_json_text(pl->plot_code));
		json_object_set_new(e, "enterprise", pl->ent != SIZE_MAX ? pb_json_text(v->y->name[pl->ent])
									  : json_null());
		json_object_set_new(e, "park", pl->park < v->y->in.npark
						       ? json_string(v->y->park_name[pl->park]) : json_null());
		json_object_set_new(e, "area", json_real(pl->area));
		json_object_set_new(e, "idle", json_real(pl->ent == SIZE_MAX ? pl->area : pl->idle_area));
		json_object_set_new(e, "inefficient", json_real(v->land->inefficient_area[k]));
		json_object_set_new(e, "idle_reason", json_boolean(why & PB_ML_IDLE));
		json_object_set_new(e, "class_d", json_boolean(why & PB_ML_CLASS_D));
		json_object_set_new(e, "low_output", json_boolean(why & PB_ML_LOW_OUTPUT));
		json_array_append_new(plots, e);
	}
	json_object_set_new(o, "zone", land_row_json(NULL, &v->land->zone));
	json_object_set_new(o, "parks", parks);
	json_object_set_new(o, "plots", plots);
	json_object_set_new(o, "inefficient_output_per_mu", json_real(v->s->inefficient_output_per_mu));
	return o;
}

static json_t *changes_json(const pb_mujun_view *v)
{
	if (!v->t->has_prev)
		return json_null();
	json_t *o = json_object(), *m = json_object();
	json_object_set_new(o, "previous_year", json_integer(v->y->year - 1));
	json_object_set_new(o, "up", json_integer(v->t->up));
	json_object_set_new(o, "down", json_integer(v->t->down));
	json_object_set_new(o, "same", json_integer(v->t->same));
	for (int b = 0; b <= PB_MC_COUNT; b++)
		json_object_set_new(m, b < PB_MC_COUNT ? pb_mujun_class_key(b) : "unstored",
				    counts_json(v->t->change[b]));
	json_object_set_new(o, "matrix", m);
	return o;
}

int pb_mujun_json(json_t **out, const pb_mujun_view *v)
{
	json_t *o = json_object(), *sch = json_object(), *groups = json_array();
	json_t *ents = json_array();
	if (!o || !sch || !groups || !ents) {
		json_decref(o), json_decref(sch), json_decref(groups), json_decref(ents);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	json_object_set_new(o, "zone", pb_json_text(v->zone));
	json_object_set_new(o, "year", json_integer(v->y->year));
	json_object_set_new(sch, "key", json_string(v->s->key));
	json_object_set_new(sch, "name", json_string(v->s->name));
	json_object_set_new(sch, "source", json_string(v->s->source));
	json_object_set_new(o, "scheme", sch);
	json_object_set_new(o, "enterprises_total", json_integer((json_int_t)v->r->n));
	json_object_set_new(o, "counts", counts_json(v->t->zone));
	for (size_t g = 0; g < v->s->ngroups; g++) {
		json_t *e = json_object();
		json_object_set_new(e, "key", json_string(v->s->group[g].key));
		json_object_set_new(e, "name", json_string(v->s->group[g].name));
		json_object_set_new(e, "ranked", json_integer(v->r->ranked[g]));
		json_object_set_new(e, "counts", counts_json(v->r->count[g]));
		json_array_append_new(groups, e);
	}
	json_object_set_new(o, "groups", groups);
	json_object_set_new(o, "by_park", table_json("park", v->y->park_name, v->t->npark, v->t->park));
	json_object_set_new(o, "by_sector", table_json("sector", v->y->sector_name, v->t->nsector,
						       v->t->sector));
	json_object_set_new(o, "changes", changes_json(v));
	json_object_set_new(o, "land", land_json(v));
	for (size_t i = 0; i < v->r->n; i++) {
		json_t *e;
		if (pb_mujun_enterprise_json(&e, v, i)) {
			json_decref(o);
			json_decref(ents);
			return PB_ENOMEM;
		}
		json_array_append_new(ents, e);
	}
	json_object_set_new(o, "enterprises", ents);
	*out = o;
	return 0;
}

/* ---- text ---------------------------------------------------------------------------- */

static void fmt_num(char *buf, size_t size, double v, int decimals)
{
	if (!isfinite(v))
		snprintf(buf, size, "—");
	else
		snprintf(buf, size, "%.*f", decimals, v);
}

/* A parameter as the scheme writes it: at most 4 decimals, no trailing zeros (24.097,
 * 0.0302, 250). */
static void fmt_param(char *buf, size_t size, double v)
{
	fmt_num(buf, size, v, 4);
	if (!strchr(buf, '.'))
		return;
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

static void count_header(FILE *out, const char *first, int w)
{
	pb_term_pad(out, first, w);
	for (int c = 0; c < PB_MC_COUNT; c++)
		pb_term_cell(out, plain_label[c], 9, 1);
	pb_term_cell(out, "合计", 7, 1);
	fputc('\n', out);
}

static void count_row(FILE *out, const char *name, const int64_t *count, int w)
{
	char b[32];
	int64_t sum = 0;
	pb_term_pad(out, name, w);
	for (int c = 0; c < PB_MC_COUNT; c++) {
		snprintf(b, sizeof(b), "%lld", (long long)count[c]);
		pb_term_cell(out, b, 9, 1);
		sum += count[c];
	}
	snprintf(b, sizeof(b), "%lld", (long long)sum);
	pb_term_cell(out, b, 7, 1);
	fputc('\n', out);
}

static void print_table(FILE *out, const char *title, char *const *names, size_t n,
			int64_t (*rows)[PB_MC_COUNT], const char *none)
{
	fprintf(out, "\n%s\n", title);
	count_header(out, "", 24);
	for (size_t k = 0; k <= n; k++) {
		int64_t sum = 0;
		for (int c = 0; c < PB_MC_COUNT; c++)
			sum += rows[k][c];
		if (k < n || sum)
			count_row(out, k < n ? names[k] : none, rows[k], 24);
	}
}

static void print_top(FILE *out, const pb_mujun_view *v, const size_t *order, int top)
{
	char b[64], lb[96];
	int shown = 0, last_group = -2;
	for (size_t k = 0; k < v->r->n; k++) {
		size_t i = order[k];
		int g = v->r->group[i];
		if (g < 0 || !v->r->rank_zone[i])
			continue;
		if (g != last_group) {
			fprintf(out, "\n%s 排名前%d：\n", v->s->group[g].name, top);
			pb_term_pad(out, "排名", 6);
			pb_term_pad(out, "企业", 44);
			pb_term_pad(out, "园区", 20);
			pb_term_cell(out, "总分", 9, 1);
			fputs("  等级\n", out);
			last_group = g;
			shown = 0;
		}
		if (shown++ >= top)
			continue;
		snprintf(b, sizeof(b), "%u", v->r->rank_zone[i]);
		pb_term_pad(out, b, 6);
		pb_term_pad(out, v->y->name[i], 44);
		pb_term_pad(out, park_of(v, i), 20);
		fmt_num(b, sizeof(b), v->r->total[i], 2);
		pb_term_cell(out, b, 9, 1);
		fprintf(out, "  %s\n", pb_mujun_class_label(v->s, v->r->cls[i], lb, sizeof(lb)));
	}
}

static void land_line(FILE *out, const char *name, const pb_mujun_land_row *row)
{
	char b[32];
	pb_term_pad(out, name, 24);
	snprintf(b, sizeof(b), "%lld", (long long)row->plots);
	pb_term_cell(out, b, 6, 1);
	const double f[] = { row->area, row->idle, row->inefficient, row->revivable };
	for (size_t k = 0; k < 4; k++) {
		fmt_num(b, sizeof(b), f[k], 1);
		pb_term_cell(out, b, 11, 1);
	}
	fputc('\n', out);
}

static void print_land(FILE *out, const pb_mujun_view *v)
{
	if (!v->land)
		return;
	fprintf(out, "\n闲置低效用地（亩）：闲置 = 填报的闲置面积及无人使用的地块；低效 = D类企业");
	if (v->s->inefficient_output_per_mu > 0)
		fprintf(out, "或亩均产值低于%.0f万元/亩的企业", v->s->inefficient_output_per_mu);
	fprintf(out, "在用的地块\n");
	pb_term_pad(out, "", 24);
	const char *h[] = { "地块", "用地面积", "闲置", "低效", "可盘活" };
	pb_term_cell(out, h[0], 6, 1);
	for (size_t k = 1; k < 5; k++)
		pb_term_cell(out, h[k], 11, 1);
	fputc('\n', out);
	for (size_t p = 0; p <= v->land->npark; p++)
		if (p < v->land->npark || v->land->park[p].plots)
			land_line(out, p < v->land->npark ? v->y->park_name[p] : "（未注明园区）",
				  &v->land->park[p]);
	land_line(out, "全区", &v->land->zone);
}

static void print_changes(FILE *out, const pb_mujun_view *v)
{
	if (!v->t->has_prev) {
		fprintf(out, "\n等级变化：%d年度没有保存的评价，无法比较\n", v->y->year - 1);
		return;
	}
	fprintf(out, "\n等级变化（与%d年度比，两年均评A–D类的企业）：升级 %lld 家，降级 %lld 家，"
		"持平 %lld 家\n", v->y->year - 1, (long long)v->t->up, (long long)v->t->down,
		(long long)v->t->same);
	count_header(out, "上年＼本年", 24);
	for (int b = 0; b <= PB_MC_COUNT; b++) {
		int64_t sum = 0;
		for (int c = 0; c < PB_MC_COUNT; c++)
			sum += v->t->change[b][c];
		if (sum)
			count_row(out, b < PB_MC_COUNT ? plain_label[b] : "上年未评价",
				  v->t->change[b], 24);
	}
}

int pb_mujun_print(FILE *out, const pb_mujun_view *v, int top)
{
	char lb[96];
	fprintf(out, "%s %d年度亩均效益综合评价\n方案：%s（%s）\n", v->zone ? v->zone : "",
		v->y->year, v->s->name, v->s->key);
	fprintf(out, "企业 %zu 家：", v->r->n);
	for (int c = 0; c < PB_MC_COUNT; c++)
		fprintf(out, "%s%s %lld", c ? "，" : "", pb_mujun_class_label(v->s, c, lb, sizeof(lb)),
			(long long)v->t->zone[c]);
	fputc('\n', out);
	fprintf(out, "\n按分组\n");
	count_header(out, "", 24);
	for (size_t g = 0; g < v->s->ngroups; g++)
		count_row(out, v->s->group[g].name, v->r->count[g], 24);
	print_table(out, "按园区", v->y->park_name, v->t->npark, v->t->park, "（未注明园区）");
	print_table(out, "按行业", v->y->sector_name, v->t->nsector, v->t->sector, "（未注明行业）");
	print_changes(out, v);
	size_t *order = list_order(v);
	if (!order)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (top > 0)
		print_top(out, v, order, top);
	free(order);
	print_land(out, v);
	return ferror(out) ? pb_error_set(PB_EIO, "输出失败 / writing the output failed") : 0;
}

static const char *indicator_note(uint8_t f, const pb_mujun_indicator *ind, char *buf,
				  size_t size)
{
	buf[0] = '\0';
	if (f & PB_MF_MISSING)
		snprintf(buf, size, "%s", !(f & PB_MF_IMPUTED) ? "缺少数据：企业列为数据不全"
					  : ind->on_missing == PB_MISS_GROUP_AVERAGE
						  ? "缺少数据：取本组企业该项平均得分"
						  : "缺少数据：该项计0分");
	else if (f & PB_MF_CAPPED)
		snprintf(buf, size, "封顶 %.2f 分", ind->cap);
	else if (f & PB_MF_FLOORED)
		snprintf(buf, size, "保底 %.2f 分", ind->floor);
	return buf;
}

int pb_mujun_explain_print(FILE *out, const pb_mujun_view *v, size_t i)
{
	const pb_mujun_result *r = v->r;
	const pb_mujun_group *g = group_of(v, i);
	char b[64], lb[96], note[96], rules[1024];
	size_t n = r->n;
	fprintf(out, "%s（%s）\n园区：%s  行业：%s  %s  用地 %s 亩\n", v->y->name[i],
		v->y->uscc[i] ? v->y->uscc[i] : "", park_of(v, i), sector_of(v, i),
		v->y->above_scale[i] ? "规上" : "规下",
		(fmt_num(b, sizeof(b), v->y->measure[PB_MM_LAND][i], 2), b));
	if (r->cls[i] == PB_MC_NONE) {
		if (v->y->absent && v->y->absent[i])
			fprintf(out, "%d年度没有任何月报或评价数据：不参评\n", v->y->year);
		else if (!g)
			fprintf(out, "不在%s的任何评价分组内：不参评\n", v->s->name);
		else
			fprintf(out, "按规则不参评：%s\n", rules_text(v, i, rules, sizeof(rules)));
		return ferror(out) ? pb_error_set(PB_EIO, "输出失败 / writing the output failed") : 0;
	}
	fprintf(out, "评价分组：%s\n\n", g->name);
	pb_term_pad(out, "指标", 22);
	pb_term_cell(out, "数值", 12, 1);
	pb_term_pad(out, "  单位", 16);
	pb_term_cell(out, "基准值", 11, 1);
	pb_term_cell(out, "权重", 7, 1);
	pb_term_cell(out, "得分", 9, 1);
	fputs("  说明\n", out);
	for (size_t s = 0; s < g->nind; s++) {
		const pb_mujun_indicator *ind = &g->ind[s];
		uint8_t f = r->flags[s * n + i];
		pb_term_pad(out, ind->name, 22);
		fmt_num(b, sizeof(b), r->value[s * n + i], 4);
		pb_term_cell(out, b, 12, 1);
		fputs("  ", out);
		pb_term_pad(out, ind->unit, 14);
		fmt_param(b, sizeof(b), ind->baseline);
		pb_term_cell(out, b, 11, 1);
		fmt_param(b, sizeof(b), ind->weight);
		pb_term_cell(out, b, 7, 1);
		fmt_num(b, sizeof(b), (f & PB_MF_MISSING) && !(f & PB_MF_IMPUTED) ? NAN
					: r->points[s * n + i], 2);
		pb_term_cell(out, b, 9, 1);
		fprintf(out, "  %s\n", indicator_note(f, ind, note, sizeof(note)));
	}
	fmt_num(b, sizeof(b), r->total[i], 2);
	fprintf(out, "\n总分：%s\n", b);
	if (r->rank_zone[i])
		fprintf(out, "排名：本组全区第 %u / %lld，行业内第 %u，园区内第 %u\n", r->rank_zone[i],
			(long long)r->ranked[r->group[i]], r->rank_sector[i], r->rank_park[i]);
	fprintf(out, "按得分：%s\n", pb_mujun_class_label(v->s, r->cls_score[i], lb, sizeof(lb)));
	if (r->rules[i])
		fprintf(out, "适用规则：%s\n", rules_text(v, i, rules, sizeof(rules)));
	if (v->y->facts[i])
		fprintf(out, "登记事项：%s\n", v->y->facts[i]);
	fprintf(out, "最终等级：%s\n", pb_mujun_class_label(v->s, r->cls[i], lb, sizeof(lb)));
	if (v->prev)
		fprintf(out, "上年等级：%s\n", v->prev[i] < PB_MC_COUNT
			? pb_mujun_class_label(v->s, v->prev[i], lb, sizeof(lb)) : "未评价");
	return ferror(out) ? pb_error_set(PB_EIO, "输出失败 / writing the output failed") : 0;
}

int pb_mujun_whatif_print(FILE *out, const pb_mujun_view *base, const pb_mujun_view *other,
			  const size_t *idx, size_t n)
{
	char b[32];
	fprintf(out, "假设分析（不保存）：%s %d年度\n", base->s->name, base->y->year);
	count_header(out, "", 16);
	count_row(out, "现方案", base->t->zone, 16);
	count_row(out, "假设方案", other->t->zone, 16);
	fprintf(out, "\n等级变化的企业 %zu 家\n", n);
	if (!n)
		return 0;
	pb_term_pad(out, "企业", 44);
	pb_term_pad(out, "园区", 20);
	pb_term_cell(out, "现总分", 9, 1);
	pb_term_cell(out, "假设总分", 10, 1);
	fputs("  现等级 → 假设等级\n", out);
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		pb_term_pad(out, base->y->name[i], 44);
		pb_term_pad(out, park_of(base, i), 20);
		fmt_num(b, sizeof(b), base->r->total[i], 2);
		pb_term_cell(out, b, 9, 1);
		fmt_num(b, sizeof(b), other->r->total[i], 2);
		pb_term_cell(out, b, 10, 1);
		fprintf(out, "  %s → %s\n", short_label(base->r->cls[i]), short_label(other->r->cls[i]));
	}
	return ferror(out) ? pb_error_set(PB_EIO, "输出失败 / writing the output failed") : 0;
}

int pb_mujun_whatif_json(json_t **out, const pb_mujun_view *base, const pb_mujun_view *other,
			 const size_t *idx, size_t n)
{
	json_t *o = json_object(), *ch = json_array();
	if (!o || !ch) {
		json_decref(o);
		json_decref(ch);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	json_object_set_new(o, "year", json_integer(base->y->year));
	json_object_set_new(o, "scheme", json_string(base->s->key));
	json_object_set_new(o, "base", counts_json(base->t->zone));
	json_object_set_new(o, "what_if", counts_json(other->t->zone));
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		json_t *e = json_object();
		json_object_set_new(e, "id", json_integer(base->y->enterprise_id[i]));
		json_object_set_new(e, "uscc", pb_json_text(base->y->uscc[i]));
		json_object_set_new(e, "name", pb_json_text(base->y->name[i]));
		json_object_set_new(e, "class", json_string(pb_mujun_class_key(base->r->cls[i])));
		json_object_set_new(e, "class_what_if", json_string(pb_mujun_class_key(other->r->cls[i])));
		json_object_set_new(e, "total", pb_json_num(base->r->total[i]));
		json_object_set_new(e, "total_what_if", pb_json_num(other->r->total[i]));
		json_array_append_new(ch, e);
	}
	json_object_set_new(o, "changes", ch);
	*out = o;
	return 0;
}

/* ---- the workbook -------------------------------------------------------------------- */

static int sheet_list(pb_book *b, const pb_mujun_view *v, const size_t *order)
{
	static const char *const h[] = { "序号", "评价分组", "企业名称", "统一社会信用代码", "所属园区",
					 "产业板块", "用地面积（亩）", "总分", "排名", "评价等级",
					 "备注" };
	char sub[256], lb[96], rules[1024];
	snprintf(sub, sizeof(sub), "评价方案：%s；按分组、总分排列", v->s->name);
	char title[256];
	snprintf(title, sizeof(title), "%s %d年度工业企业亩均效益综合评价结果公示名单",
		 v->zone ? v->zone : "", v->y->year);
	int rc = pb_book_sheet(b, "公示名单", title, sub, h, 11);
	for (size_t k = 0, no = 0; k < v->r->n && !rc; k++) {
		size_t i = order[k];
		if (v->r->cls[i] == PB_MC_NONE)
			continue;
		no++;
		const pb_mujun_group *g = group_of(v, i);
		pb_book_cell c[11] = {
			pb_bc_num(PB_BF_INT, (double)no), pb_bc_text(g ? g->name : ""),
			pb_bc_text(v->y->name[i]), pb_bc_text(v->y->uscc[i]), pb_bc_text(park_of(v, i)),
			pb_bc_text(sector_of(v, i)), pb_bc_num(PB_BF_NUM, v->y->measure[PB_MM_LAND][i]),
			pb_bc_num(PB_BF_NUM, v->r->total[i]),
			pb_bc_num(PB_BF_INT, v->r->rank_zone[i] ? v->r->rank_zone[i] : NAN),
			pb_bc_text(pb_mujun_class_label(v->s, v->r->cls[i], lb, sizeof(lb))),
			pb_bc_text(rules_text(v, i, rules, sizeof(rules))),
		};
		rc = pb_book_row(b, c, 11);
	}
	if (!rc)
		rc = pb_book_note(b, "数据不全的企业不评分、不排名；公示期内对数据和结果有异议的，可书面提出。");
	return rc;
}

static int sheet_counts(pb_book *b, const pb_mujun_view *v, const char *name, const char *first,
			char *const *names, size_t n, int64_t (*rows)[PB_MC_COUNT])
{
	const char *h[PB_MC_COUNT + 2];
	h[0] = first;
	for (int c = 0; c < PB_MC_COUNT; c++)
		h[c + 1] = plain_label[c];
	h[PB_MC_COUNT + 1] = "合计";
	char title[256];
	snprintf(title, sizeof(title), "%d年度亩均评价等级分布（%s）", v->y->year, name);
	int rc = pb_book_sheet(b, name, title, "单位：家", h, PB_MC_COUNT + 2);
	for (size_t k = 0; k <= n && !rc; k++) {
		pb_book_cell c[PB_MC_COUNT + 2];
		int64_t sum = 0;
		c[0] = pb_bc_text(k < n ? names[k] : "（未注明）");
		for (int j = 0; j < PB_MC_COUNT; j++) {
			c[j + 1] = pb_bc_num(PB_BF_INT, (double)rows[k][j]);
			sum += rows[k][j];
		}
		c[PB_MC_COUNT + 1] = pb_bc_num(PB_BF_INT, (double)sum);
		if (k < n || sum)
			rc = pb_book_row(b, c, PB_MC_COUNT + 2);
	}
	return rc;
}

/* One row per enterprise and indicator: the explanation, for every enterprise. */
static int sheet_scores(pb_book *b, const pb_mujun_view *v, const size_t *order)
{
	static const char *const h[] = { "企业名称", "评价分组", "指标", "数值", "单位", "基准值",
					 "权重", "得分", "说明" };
	char title[128], note[96];
	snprintf(title, sizeof(title), "%d年度亩均评价指标得分明细", v->y->year);
	int rc = pb_book_sheet(b, "指标得分", title, "得分 = 数值 ÷ 基准值 × 权重，再按封顶、保底调整",
			       h, 9);
	size_t n = v->r->n;
	for (size_t k = 0; k < n && !rc; k++) {
		size_t i = order[k];
		const pb_mujun_group *g = group_of(v, i);
		for (size_t s = 0; g && s < g->nind && !rc; s++) {
			const pb_mujun_indicator *ind = &g->ind[s];
			uint8_t f = v->r->flags[s * n + i];
			pb_book_cell c[9] = {
				pb_bc_text(v->y->name[i]), pb_bc_text(g->name), pb_bc_text(ind->name),
				pb_bc_num(PB_BF_NUM, v->r->value[s * n + i]), pb_bc_text(ind->unit),
				pb_bc_num(PB_BF_NUM, ind->baseline), pb_bc_num(PB_BF_NUM, ind->weight),
				pb_bc_num(PB_BF_NUM, (f & PB_MF_MISSING) && !(f & PB_MF_IMPUTED)
							     ? NAN : v->r->points[s * n + i]),
				pb_bc_text(indicator_note(f, ind, note, sizeof(note))),
			};
			rc = pb_book_row(b, c, 9);
		}
	}
	return rc;
}

static int sheet_changes(pb_book *b, const pb_mujun_view *v, const size_t *order)
{
	static const char *const h[] = { "企业名称", "所属园区", "上年等级", "本年等级", "变化" };
	char title[128], sub[128];
	snprintf(title, sizeof(title), "%d年度与%d年度亩均评价等级变化", v->y->year, v->y->year - 1);
	snprintf(sub, sizeof(sub), "升级 %lld 家，降级 %lld 家，持平 %lld 家", (long long)v->t->up,
		 (long long)v->t->down, (long long)v->t->same);
	int rc = pb_book_sheet(b, "等级变化", title, v->t->has_prev ? sub : "上年没有保存的评价", h, 5);
	for (size_t k = 0; k < v->r->n && !rc && v->prev; k++) {
		size_t i = order[k];
		int mv = pb_mujun_class_move(v->prev[i], v->r->cls[i]);
		if (v->prev[i] == v->r->cls[i])
			continue;
		pb_book_cell c[5] = {
			pb_bc_text(v->y->name[i]), pb_bc_text(park_of(v, i)),
			pb_bc_text(v->prev[i] < PB_MC_COUNT ? short_label(v->prev[i]) : "未评价"),
			pb_bc_text(short_label(v->r->cls[i])),
			pb_bc_text(mv > 0 ? "升级" : mv < 0 ? "降级" : "—"),
		};
		rc = pb_book_row(b, c, 5);
	}
	return rc;
}

static int sheet_land(pb_book *b, const pb_mujun_view *v)
{
	static const char *const h[] = { "园区 / 地块", "使用企业", "用地面积（亩）", "闲置（亩）",
					 "低效（亩）", "可盘活（亩）", "原因" };
	char title[128];
	snprintf(title, sizeof(title), "%d年度闲置低效用地", v->y->year);
	int rc = pb_book_sheet(b, "闲置低效用地", title, "低效 = D类企业或亩均产值低于方案线的企业在用的地块",
			       h, 7);
	for (size_t p = 0; p <= v->land->npark && !rc; p++) {
		const pb_mujun_land_row *row = &v->land->park[p];
		if (p == v->land->npark && !row->plots)
			continue;
		pb_book_cell c[7] = {
			pb_bc_text(p < v->land->npark ? v->y->park_name[p] : "（未注明园区）"),
			pb_bc_text(""), pb_bc_num(PB_BF_NUM1, row->area), pb_bc_num(PB_BF_NUM1, row->idle),
			pb_bc_num(PB_BF_NUM1, row->inefficient), pb_bc_num(PB_BF_NUM1, row->revivable),
			pb_bc_text(""),
		};
		c[0].fmt = PB_BF_BOLD;
		rc = pb_book_row(b, c, 7);
	}
	for (size_t k = 0; k < v->plots->n && !rc; k++) {
		const pb_mujun_plot *pl = &v->plots->items[k];
		uint8_t why = v->land->reason[k];
		if (!why)
			continue;
		char r[128];
		snprintf(r, sizeof(r), "%s%s%s", why & PB_ML_IDLE ? "闲置 " : "",
			 why & PB_ML_CLASS_D ? "D类企业 " : "", why & PB_ML_LOW_OUTPUT ? "亩均产值低 " : "");
		double idle = pl->ent == SIZE_MAX ? pl->area : pl->idle_area;
		pb_book_cell c[7] = {
			pb_bc_text(pl->plot_code), pb_bc_text(pl->ent != SIZE_MAX ? v->y->name[pl->ent] : "（无）"),
			pb_bc_num(PB_BF_NUM1, pl->area), pb_bc_num(PB_BF_NUM1, idle),
			pb_bc_num(PB_BF_NUM1, v->land->inefficient_area[k]),
			pb_bc_num(PB_BF_NUM1, idle + v->land->inefficient_area[k]), pb_bc_text(r),
		};
		rc = pb_book_row(b, c, 7);
	}
	return rc;
}

static int sheet_policy(pb_book *b, const pb_mujun_view *v)
{
	static const char *const h[] = { "等级", "事项", "政策" };
	int rc = pb_book_sheet(b, "差别化政策", "亩均评价结果差别化政策", v->s->name, h, 3);
	char lb[96];
	for (size_t k = 0; k < v->s->npolicies && !rc; k++) {
		const pb_mujun_policy *p = &v->s->policy[k];
		pb_book_cell c[3] = { pb_bc_text(pb_mujun_class_label(v->s, p->cls, lb, sizeof(lb))),
				      pb_bc_text(p->item), { PB_BF_WRAP, p->text, 0 } };
		rc = pb_book_row(b, c, 3);
	}
	return rc;
}

int pb_mujun_book_write(const char *path, const pb_mujun_view *v)
{
	size_t *order = list_order(v);
	if (!order)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	pb_book *b;
	int rc = pb_book_open(&b, path);
	if (rc) {
		free(order);
		return rc;
	}
	rc = sheet_list(b, v, order);
	if (!rc)
		rc = sheet_counts(b, v, "按园区", "园区", v->y->park_name, v->t->npark, v->t->park);
	if (!rc)
		rc = sheet_counts(b, v, "按行业", "产业板块", v->y->sector_name, v->t->nsector,
				  v->t->sector);
	if (!rc)
		rc = sheet_scores(b, v, order);
	if (!rc)
		rc = sheet_changes(b, v, order);
	if (!rc && v->land)
		rc = sheet_land(b, v);
	if (!rc && v->s->npolicies)
		rc = sheet_policy(b, v);
	free(order);
	if (rc) {
		pb_book_abort(b);
		return rc;
	}
	return pb_book_close(b);
}

/* ---- stored evaluations -------------------------------------------------------------- */

int pb_mujun_evaluations_print(FILE *out, const pb_mujun_evaluations *l)
{
	if (!l->n) {
		fprintf(out, "还没有保存的亩均评价 / no evaluation stored yet\n");
		return 0;
	}
	pb_term_pad(out, "年度", 6);
	pb_term_pad(out, "方案", 20);
	count_header(out, "评价时间", 22);
	for (size_t k = 0; k < l->n; k++) {
		const pb_mujun_evaluation *e = &l->items[k];
		char y[16];
		snprintf(y, sizeof(y), "%d", e->year);
		pb_term_pad(out, y, 6);
		pb_term_pad(out, e->scheme_key ? e->scheme_key : "", 20);
		count_row(out, e->evaluated_at ? e->evaluated_at : "", e->count, 22);
	}
	return ferror(out) ? pb_error_set(PB_EIO, "输出失败 / writing the output failed") : 0;
}

int pb_mujun_evaluations_json(json_t **out, const pb_mujun_evaluations *l)
{
	json_t *a = json_array();
	if (!a)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t k = 0; k < l->n; k++) {
		const pb_mujun_evaluation *e = &l->items[k];
		json_t *o = json_object();
		json_object_set_new(o, "year", json_integer(e->year));
		json_object_set_new(o, "scheme_key", pb_json_text(e->scheme_key));
		json_object_set_new(o, "scheme_name", pb_json_text(e->scheme_name));
		json_object_set_new(o, "evaluated_at", pb_json_text(e->evaluated_at));
		json_object_set_new(o, "user", pb_json_text(e->user_name));
		json_object_set_new(o, "enterprises", json_integer(e->enterprises));
		json_object_set_new(o, "counts", counts_json(e->count));
		json_array_append_new(a, o);
	}
	*out = a;
	return 0;
}
