/* keyproj_run.c - the key projects' year-to-month report; see keyproj_run.h. */
#include "keyproj_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "grouping.h"
#include "json_value.h"
#include "report_book.h"

static const char *const grouping_keys[PB_KG_COUNT] = { "nature", "unit", "park" };
static const char *const NONE_LABEL = "（未填）";
static const char *const ZONE_LABEL = "（未分园区）";

const char *pb_keyproj_grouping_key(int g)
{
	return g >= 0 && g < PB_KG_COUNT ? grouping_keys[g] : "?";
}

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static const char *label_of(const pb_keyproj_item *it, int g, int64_t *order)
{
	switch (g) {
	case PB_KG_NATURE:
		if (it->nature_known) {
			*order = it->p.nature;
			return pb_keyproj_nature_name(it->p.nature);
		}
		*order = PB_KN_COUNT; /* after the known natures, by the text as written */
		return it->nature_text && *it->nature_text ? it->nature_text : NONE_LABEL;
	case PB_KG_UNIT:
		*order = !(it->department && *it->department);
		return *order ? NONE_LABEL : it->department;
	default:
		*order = it->park_id ? it->park_id : INT64_MAX;
		return it->park_id && it->park ? it->park : ZONE_LABEL;
	}
}

static void add(pb_keyproj_sum *s, const pb_keyproj_item *it, const pb_keyproj_progress *p)
{
	s->projects++;
	s->completed += p->completed;
	if (!isnan(it->p.plan) && it->p.plan > 0) {
		s->planned++;
		s->plan += it->p.plan;
		s->plan_done += p->completed;
	}
	s->behind += (size_t)p->behind;
	s->late_start += (size_t)p->late_start;
	s->overdue += (size_t)p->overdue;
	s->preparation += it->p.nature == PB_KN_PREPARATION;
	s->lag += p->lag;
}

static void finish_sum(pb_keyproj_sum *s)
{
	s->rate = s->plan > 0 ? s->plan_done / s->plan : NAN;
}

static int make_grouping(pb_keyproj_report *r, int g)
{
	size_t n = r->d.n;
	int64_t *order = malloc((n ? n : 1) * sizeof(*order));
	const char **label = malloc((n ? n : 1) * sizeof(*label));
	char **names = calloc(n ? n : 1, sizeof(char *));
	r->group_of[g] = calloc(n ? n : 1, sizeof(uint32_t));
	r->groups[g] = calloc(n ? n : 1, sizeof(pb_keyproj_sum));
	int rc = order && label && names && r->group_of[g] && r->groups[g] ? 0 : oom();
	for (size_t i = 0; !rc && i < n; i++)
		label[i] = label_of(&r->d.items[i], g, &order[i]);
	if (!rc)
		rc = pb_group_by_label(r->group_of[g], names, &r->ngroups[g], order, label, n);
	/* the sums own the names from here (also those made before a failure) */
	for (size_t k = 0; r->groups[g] && k < r->ngroups[g]; k++)
		r->groups[g][k].name = names[k];
	free(order);
	free(label);
	free(names);
	for (size_t i = 0; !rc && i < n; i++)
		add(&r->groups[g][r->group_of[g][i]], &r->d.items[i], &r->prog[i]);
	for (size_t k = 0; !rc && k < r->ngroups[g]; k++)
		finish_sum(&r->groups[g][k]);
	return rc;
}

int pb_keyproj_report_make(pb_keyproj_report *r, pb_store *st, const int64_t *parks,
			   size_t nparks, int year, int month, double tolerance)
{
	memset(r, 0, sizeof(*r));
	if (month < 1 || month > 12)
		return pb_error_set(PB_EINVAL, "月份 %d 应在 1 到 12 之间 / month %d is not 1..12",
				    month, month);
	if (!(tolerance >= 0 && tolerance < 1))
		return pb_error_set(PB_EINVAL, "容差应在 0 到 1 之间 / the tolerance must be in 0..1");
	r->year = year;
	r->month = month;
	r->tolerance = tolerance;
	r->time = month / 12.0;
	int rc = pb_store_keyproj_load(&r->d, st, year, parks, nparks);
	if (rc)
		return rc;
	size_t n = r->d.n;
	pb_keyproj *in = malloc((n ? n : 1) * sizeof(*in));
	r->prog = calloc(n ? n : 1, sizeof(*r->prog));
	if (!in || !r->prog) {
		free(in);
		return oom();
	}
	for (size_t i = 0; i < n; i++)
		in[i] = r->d.items[i].p;
	rc = pb_keyproj_progress_of(r->prog, in, n, year, month, tolerance);
	free(in);
	if (rc)
		return rc;
	if (!(r->total.name = strdup("合计")))
		return oom();
	for (size_t i = 0; i < n; i++)
		add(&r->total, &r->d.items[i], &r->prog[i]);
	finish_sum(&r->total);
	for (int g = 0; g < PB_KG_COUNT && !rc; g++)
		rc = make_grouping(r, g);
	return rc;
}

/* ---- JSON ------------------------------------------------------------------------------ */

/* "YYYY-MM" of a yyyymm, null for 0. */
static json_t *month_json(int32_t m)
{
	if (!m)
		return json_null();
	char b[16];
	snprintf(b, sizeof(b), "%04d-%02d", (int)(m / 100), (int)(m % 100));
	return json_string(b);
}

static json_t *sum_json(const pb_keyproj_sum *s)
{
	return json_pack("{s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:I}", "name",
			 pb_json_text(s->name), "projects", (json_int_t)s->projects, "planned",
			 (json_int_t)s->planned, "plan", pb_json_num(s->plan), "completed",
			 pb_json_num(s->completed), "rate", pb_json_num(s->rate), "lag",
			 pb_json_num(s->lag), "behind", (json_int_t)s->behind, "late_start",
			 (json_int_t)s->late_start, "overdue", (json_int_t)s->overdue,
			 "preparation", (json_int_t)s->preparation);
}

static const char *const nature_keys[PB_KN_COUNT] = { "new", "continuing", "renovation",
						      "preparation" };

static json_t *project_json(const pb_keyproj_report *r, size_t i)
{
	const pb_keyproj_item *it = &r->d.items[i];
	const pb_keyproj_progress *p = &r->prog[i];
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			      (json_int_t)it->id, "name", pb_json_text(it->name), "owner",
			      pb_json_text(it->owner), "department", pb_json_text(it->department),
			      "sector", pb_json_text(it->sector), "nature",
			      it->nature_known ? json_string(nature_keys[it->p.nature]) : json_null(),
			      "nature_name",
			      it->nature_known ? json_string(pb_keyproj_nature_name(it->p.nature))
					       : pb_json_text(it->nature_text),
			      "park_id", it->park_id ? json_integer(it->park_id) : json_null(),
			      "park", pb_json_text(it->park_id ? it->park : NULL));
	if (!o)
		return NULL;
	json_t *more = json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:b}",
		"total_investment", pb_json_num(it->p.total), "plan", pb_json_num(it->p.plan),
		"actual", pb_json_num(it->actual), "before", pb_json_num(it->p.before),
		"completed", pb_json_num(p->completed), "rate", pb_json_num(p->rate), "lag",
		pb_json_num(p->lag), "cumulative", pb_json_num(p->cumulative), "total_rate",
		pb_json_num(p->total_rate), "plan_start", month_json(it->p.plan_start),
		"plan_finish", month_json(it->p.plan_finish), "started", month_json(it->p.started),
		"finished", month_json(it->p.finished), "behind", p->behind, "late_start",
		p->late_start, "overdue", p->overdue, "preparation",
		it->p.nature == PB_KN_PREPARATION);
	if (!more || json_object_update(o, more)) {
		json_decref(more);
		json_decref(o);
		return NULL;
	}
	json_decref(more);
	return o;
}

static json_t *groups_json(const pb_keyproj_report *r, int g)
{
	json_t *a = json_array();
	for (size_t k = 0; a && k < r->ngroups[g]; k++)
		if (json_array_append_new(a, sum_json(&r->groups[g][k]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

json_t *pb_keyproj_report_json(const pb_keyproj_report *r)
{
	json_t *projects = json_array(), *natures = json_array();
	for (size_t i = 0; projects && i < r->d.n; i++)
		if (json_array_append_new(projects, project_json(r, i))) {
			json_decref(projects);
			projects = NULL;
		}
	for (int k = 0; natures && k < PB_KN_COUNT; k++)
		if (json_array_append_new(natures, json_pack("{s:s, s:s}", "key", nature_keys[k],
							     "name", pb_keyproj_nature_name(k)))) {
			json_decref(natures);
			natures = NULL;
		}
	char period[16];
	snprintf(period, sizeof(period), "%04d-%02d", r->year, r->month);
	if (!projects || !natures) {
		json_decref(projects);
		json_decref(natures);
		return NULL;
	}
	return json_pack("{s:i, s:i, s:s, s:f, s:f, s:s, s:o, s:o, s:{s:o, s:o, s:o}, s:o}",
			 "year", r->year, "month", r->month, "period", period, "tolerance",
			 r->tolerance, "time", r->time, "unit", "万元", "natures", natures,
			 "total", sum_json(&r->total), "groups", "nature", groups_json(r, PB_KG_NATURE),
			 "unit", groups_json(r, PB_KG_UNIT), "park", groups_json(r, PB_KG_PARK),
			 "projects", projects);
}

/* ---- the workbook ---------------------------------------------------------------------- */

/* A ratio as percent points for PB_BF_PCT (NaN stays NaN: "—"). */
static double pct(double v)
{
	return isnan(v) ? NAN : v * 100;
}

static const char *month_text(char b[16], int32_t m)
{
	if (!m)
		return NULL;
	snprintf(b, 16, "%04d-%02d", (int)(m / 100), (int)(m % 100));
	return b;
}

static int projects_sheet(pb_book *b, const pb_keyproj_report *r, const char *subtitle)
{
	static const char *const heads[] = {
		"项目名称", "项目业主", "责任单位", "建设性质", "所属园区", "总投资（万元）",
		"年度计划（万元）", "1–M月完成（万元）", "年度计划完成率", "序时进度",
		"滞后（万元）", "累计完成（万元）", "总进度", "计划开工", "实际开工",
		"计划竣工", "实际竣工", "状态",
	};
	size_t nc = sizeof(heads) / sizeof(heads[0]);
	int rc = pb_book_sheet(b, "项目", "重点项目年度投资计划完成情况", subtitle, heads, nc);
	for (size_t i = 0; !rc && i < r->d.n; i++) {
		const pb_keyproj_item *it = &r->d.items[i];
		const pb_keyproj_progress *p = &r->prog[i];
		char status[96] = "", ps[16], as[16], pf[16], af[16];
		if (p->behind)
			strcat(status, "滞后 ");
		if (p->late_start)
			strcat(status, "未按期开工 ");
		if (p->overdue)
			strcat(status, "逾期 ");
		if (it->p.nature == PB_KN_PREPARATION)
			strcat(status, "前期 ");
		size_t len = strlen(status);
		if (len)
			status[len - 1] = '\0';
		const char *nature = it->nature_known ? pb_keyproj_nature_name(it->p.nature)
						      : it->nature_text;
		pb_book_cell row[] = {
			pb_bc_text(it->name), pb_bc_text(it->owner), pb_bc_text(it->department),
			pb_bc_text(nature), pb_bc_text(it->park_id ? it->park : ZONE_LABEL),
			pb_bc_num(PB_BF_NUM, it->p.total), pb_bc_num(PB_BF_NUM, it->p.plan),
			pb_bc_num(PB_BF_NUM, p->completed), pb_bc_num(PB_BF_PCT, pct(p->rate)),
			pb_bc_num(PB_BF_PCT, pct(r->time)), pb_bc_num(PB_BF_NUM, p->lag),
			pb_bc_num(PB_BF_NUM, p->cumulative), pb_bc_num(PB_BF_PCT, pct(p->total_rate)),
			pb_bc_text(month_text(ps, it->p.plan_start)),
			pb_bc_text(month_text(as, it->p.started)),
			pb_bc_text(month_text(pf, it->p.plan_finish)),
			pb_bc_text(month_text(af, it->p.finished)), pb_bc_text(status),
		};
		rc = pb_book_row(b, row, nc);
	}
	if (!rc)
		rc = pb_book_note(b, "滞后：年度计划完成率低于序时进度减容差；前期策划项目不计滞后。"
				     "计划年份按当年 12 月计，次年 1 月起未开工或未竣工即为未按期开工或逾期。");
	return rc;
}

static int sums_sheet(pb_book *b, const pb_keyproj_report *r, int g, const char *subtitle)
{
	static const char *const names[PB_KG_COUNT] = { "按建设性质", "按责任单位", "按园区" };
	static const char *const first[PB_KG_COUNT] = { "建设性质", "责任单位", "园区" };
	const char *heads[] = { first[g], "项目数", "有年度计划", "年度计划（万元）",
				"1–M月完成（万元）", "年度计划完成率", "序时进度", "滞后项目",
				"滞后（万元）", "未按期开工", "逾期", "前期策划" };
	size_t nc = sizeof(heads) / sizeof(heads[0]);
	char title[64];
	snprintf(title, sizeof(title), "重点项目完成情况%s", names[g]);
	int rc = pb_book_sheet(b, names[g], title, subtitle, heads, nc);
	for (size_t k = 0; !rc && k <= r->ngroups[g]; k++) {
		int is_total = k == r->ngroups[g];
		const pb_keyproj_sum *s = is_total ? &r->total : &r->groups[g][k];
		pb_book_cell row[] = {
			is_total ? (pb_book_cell){ PB_BF_BOLD, s->name, 0 } : pb_bc_text(s->name),
			pb_bc_num(PB_BF_INT, (double)s->projects),
			pb_bc_num(PB_BF_INT, (double)s->planned),
			pb_bc_num(is_total ? PB_BF_BOLD_NUM : PB_BF_NUM, s->plan),
			pb_bc_num(is_total ? PB_BF_BOLD_NUM : PB_BF_NUM, s->completed),
			pb_bc_num(is_total ? PB_BF_BOLD_PCT : PB_BF_PCT, pct(s->rate)),
			pb_bc_num(PB_BF_PCT, pct(r->time)),
			pb_bc_num(PB_BF_INT, (double)s->behind), pb_bc_num(PB_BF_NUM, s->lag),
			pb_bc_num(PB_BF_INT, (double)s->late_start),
			pb_bc_num(PB_BF_INT, (double)s->overdue),
			pb_bc_num(PB_BF_INT, (double)s->preparation),
		};
		rc = pb_book_row(b, row, nc);
	}
	if (!rc)
		rc = pb_book_note(b, "年度计划完成率 = 有年度计划项目的完成投资之和 ÷ 其年度计划之和。");
	return rc;
}

int pb_keyproj_report_xlsx(const pb_keyproj_report *r, const char *path)
{
	pb_book *b = NULL;
	int rc = pb_book_open(&b, path);
	if (rc)
		return rc;
	char subtitle[160];
	snprintf(subtitle, sizeof(subtitle), "%d年1–%d月；金额：万元；序时进度 %.1f%%，容差 %.1f 个百分点",
		 r->year, r->month, r->time * 100, r->tolerance * 100);
	rc = projects_sheet(b, r, subtitle);
	for (int g = 0; g < PB_KG_COUNT && !rc; g++)
		rc = sums_sheet(b, r, g, subtitle);
	if (rc) {
		pb_book_abort(b);
		return rc;
	}
	return pb_book_close(b);
}

void pb_keyproj_report_free(pb_keyproj_report *r)
{
	pb_keyproj_data_free(&r->d);
	free(r->prog);
	free(r->total.name);
	for (int g = 0; g < PB_KG_COUNT; g++) {
		for (size_t k = 0; r->groups[g] && k < r->ngroups[g]; k++)
			free(r->groups[g][k].name);
		free(r->groups[g]);
		free(r->group_of[g]);
	}
	memset(r, 0, sizeof(*r));
}
