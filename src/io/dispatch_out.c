/* dispatch_out.c - the monthly dispatch report as JSON and as the printable workbook; see
 * dispatch_run.h. Nothing here computes: the figures are the report's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dispatch_run.h"
#include "error.h"
#include "atomic_file.h"
#include "month.h"
#include "json_value.h"
#include "report_book.h"

static const char *const norm_keys[PB_SN_COUNT] = { "max", "range", "target" };
static const char *const period_keys[PB_DP_COUNT] = { "month", "ytd" };
static const char *const by_keys[PB_DA_COUNT] = { "week", "month" };

static int sees(const pb_disp_scope *sc, int64_t park_id)
{
	if (!sc)
		return 1;
	for (size_t i = 0; i < sc->nparks; i++)
		if (sc->parks[i] == park_id)
			return 1;
	return 0;
}

static void month_text(char out[16], int32_t m)
{
	snprintf(out, 16, "%04d-%02d", (int)(m / 100), (int)(m % 100));
}

/* Set key to v in o; a failure (out of memory) is remembered in *bad. */
static void put(json_t *o, const char *key, json_t *v, int *bad)
{
	/* json_object_set_new takes v even when it fails; without o, v is ours to drop */
	if (!o || !v || json_object_set_new(o, key, v)) {
		if (!o)
			json_decref(v);
		*bad = 1;
	}
}

static void push(json_t *a, json_t *v, int *bad)
{
	if (!a || !v || json_array_append_new(a, v)) {
		if (!a)
			json_decref(v);
		*bad = 1;
	}
}

/* {signed_count: …, …} of n figures (PB_RF_* keys). */
static json_t *figs_json(const double *f, int n)
{
	json_t *o = json_object();
	int bad = 0;
	for (int k = 0; k < n; k++)
		put(o, pb_rf_key(k), pb_json_num(f[k]), &bad);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *unit_json(const pb_disp_unit *u)
{
	json_t *o = json_object();
	int bad = 0;
	put(o, "name", pb_json_text(u->name), &bad);
	if (u->park_id)
		put(o, "id", json_integer(u->park_id), &bad);
	put(o, "month", figs_json(u->month, PB_RF_COUNT), &bad);
	put(o, "ytd", figs_json(u->ytd, PB_RF_COUNT), &bad);
	put(o, "target", figs_json(u->target, PB_DT_COUNT), &bad);
	put(o, "rate", figs_json(u->rate, PB_DT_COUNT), &bad);
	put(o, "comply_assessed", json_integer(u->comply_assessed), &bad);
	put(o, "comply_kept", json_integer(u->comply_kept), &bad);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A project's line in the moved and stuck lists. */
static json_t *project_json(const pb_disp_report *r, uint32_t p, int stage)
{
	size_t k = r->park_of[p];
	return json_pack("{s:I, s:o, s:o, s:o, s:s, s:s}", "id", (json_int_t)r->d.project_id[p],
			 "name", pb_json_text(r->d.name[p]), "park",
			 pb_json_text(k == SIZE_MAX ? NULL : r->unit[k].name), "team",
			 pb_json_text(r->d.team[p]), "stage", pb_stage_key((pb_stage)stage),
			 "stage_name", pb_stage_name((pb_stage)stage));
}

static int project_seen(const pb_disp_report *r, const pb_disp_scope *sc, uint32_t p)
{
	return sees(sc, r->d.park_id[p]) && (!sc || r->d.park_id[p]);
}

static json_t *moved_json(const pb_disp_report *r, const pb_disp_scope *sc)
{
	json_t *a = json_array();
	int bad = 0;
	for (size_t i = 0; i < r->nmoved; i++) {
		const pb_disp_moved *m = &r->moved[i];
		if (!project_seen(r, sc, m->project))
			continue;
		json_t *o = project_json(r, m->project, m->stage);
		char d[16];
		pb_date_format(m->date, d);
		put(o, "date", json_string(d), &bad);
		push(a, o, &bad);
	}
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *stuck_json(const pb_disp_report *r, const pb_disp_scope *sc)
{
	json_t *a = json_array();
	int bad = 0;
	for (size_t i = 0; i < r->nstuck; i++) {
		const pb_pipe_stuck *s = &r->stuck[i];
		if (!project_seen(r, sc, s->project))
			continue;
		json_t *o = project_json(r, s->project, s->stage);
		char d[16];
		pb_date_format(s->since, d);
		put(o, "since", json_string(d), &bad);
		put(o, "days", json_integer(s->days), &bad);
		put(o, "limit", json_integer(r->limits[s->stage]), &bad);
		push(a, o, &bad);
	}
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *part_json(const pb_disp_part *p, int act)
{
	return json_pack("{s:s, s:s, s:s, s:f, s:o}", "figure",
			 act ? pb_af_key(p->figure) : pb_rf_key(p->figure), "figure_name",
			 act ? pb_af_name(p->figure) : pb_rf_name(p->figure), "norm",
			 norm_keys[p->score.norm], "weight", p->score.weight, "cap",
			 p->score.cap > 0 ? json_real(p->score.cap) : json_null());
}

static json_t *nums_json(const double *v, size_t n)
{
	json_t *a = json_array();
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		push(a, pb_json_num(v[i]), &bad);
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/* The rows of one ranking in rank order; the figures only of what the reader sees. */
static json_t *ranked_json(const pb_disp_report *r, const pb_disp_ranking *k, size_t first,
			   int parks, const pb_disp_scope *sc)
{
	json_t *a = json_array();
	int bad = 0;
	for (size_t j = 0; j < k->nrow; j++) {
		size_t i = k->order[j];
		const pb_disp_unit *u = &r->unit[first + i];
		json_t *o = json_pack("{s:o, s:I, s:o}", "name", pb_json_text(u->name), "rank",
				      (json_int_t)k->rank[i], "score", pb_json_num(k->score[i]));
		if (parks)
			put(o, "id", json_integer(u->park_id), &bad);
		if (parks ? sees(sc, u->park_id) : !sc) {
			put(o, "values", nums_json(k->value + i * k->nparts, k->nparts), &bad);
			put(o, "targets", nums_json(k->target + i * k->nparts, k->nparts), &bad);
			put(o, "points", nums_json(k->points + i * k->nparts, k->nparts), &bad);
		}
		push(a, o, &bad);
	}
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

json_t *pb_disp_ranking_json(const pb_disp_report *r, int period, const pb_disp_scope *sc)
{
	json_t *lists = json_array();
	int bad = 0;
	for (size_t l = 0; l < r->cfg.nlists; l++) {
		const pb_disp_list *x = &r->cfg.lists[l];
		json_t *parts = json_array();
		for (size_t p = 0; p < x->nparts; p++)
			push(parts, part_json(&x->parts[p], 0), &bad);
		json_t *o = json_pack("{s:s, s:s, s:s, s:o}", "key", x->key, "name", x->name, "name_en",
				      x->name_en[0] ? x->name_en : x->name, "parts", parts);
		put(o, "parks", ranked_json(r, &r->rank[period][PB_DU_PARK][l], 0, 1, sc), &bad);
		put(o, "teams", ranked_json(r, &r->rank[period][PB_DU_TEAM][l], r->npark, 0, sc), &bad);
		push(lists, o, &bad);
	}
	char m[16];
	month_text(m, r->month);
	json_t *o = json_pack("{s:s, s:s, s:i, s:f, s:o}", "month", m, "period", period_keys[period],
			      "months", period == PB_DP_YTD ? r->month % 100 : 1, "major_project_min",
			      r->cfg.major_min, "lists", lists);
	if (bad || !o) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *pb_disp_activity_json(const pb_disp_report *r, int by, const pb_disp_scope *sc)
{
	const pb_disp_act_series *s = &r->act[by];
	int bad = 0;
	json_t *parts = json_array(), *periods = json_array(), *parks = json_array();
	for (size_t p = 0; p < r->cfg.nact; p++)
		push(parts, part_json(&r->cfg.act[p], 1), &bad);
	for (size_t t = 0; t < s->nperiod; t++) {
		char f[16], e[16];
		pb_date_format(s->start[t], f);
		pb_date_format(s->end[t], e);
		push(periods, json_pack("{s:s, s:s}", "from", f, "to", e), &bad);
	}
	double *col = malloc((s->nperiod ? s->nperiod : 1) * sizeof(double));
	if (!col)
		bad = 1;
	for (size_t k = 0; col && k < r->npark; k++) {
		for (size_t t = 0; t < s->nperiod; t++)
			col[t] = s->index[t * r->npark + k];
		json_t *o = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)r->unit[k].park_id, "name",
				      pb_json_text(r->unit[k].name), "index", nums_json(col, s->nperiod));
		if (sees(sc, r->unit[k].park_id)) {
			/* the sub-index figures per period: [[signings, starts, …], …] */
			json_t *figs = json_array();
			for (size_t t = 0; t < s->nperiod; t++)
				push(figs, nums_json(s->fig + (t * r->npark + k) * PB_AF_COUNT, PB_AF_COUNT),
				     &bad);
			put(o, "figures", figs, &bad);
		}
		push(parks, o, &bad);
	}
	free(col);
	json_t *keys = json_array();
	for (int f = 0; f < PB_AF_COUNT; f++)
		push(keys, json_pack("{s:s, s:s}", "key", pb_af_key(f), "name", pb_af_name(f)), &bad);
	char m[16];
	month_text(m, r->month);
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "month", m, "by", by_keys[by],
			      "figures", keys, "parts", parts, "periods", periods, "parks", parks);
	if (bad || !o) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *pb_disp_report_json(const pb_disp_report *r, const pb_disp_scope *sc)
{
	int bad = 0;
	json_t *parks = json_array(), *teams = json_array(), *figs = json_array();
	for (size_t k = 0; k < r->npark; k++)
		if (sees(sc, r->unit[k].park_id))
			push(parks, unit_json(&r->unit[k]), &bad);
	for (size_t k = 0; !sc && k < r->nteam; k++)
		push(teams, unit_json(&r->unit[r->npark + k]), &bad);
	for (int f = 0; f < PB_RF_COUNT; f++)
		push(figs, json_pack("{s:s, s:s, s:b}", "key", pb_rf_key(f), "name", pb_rf_name(f),
				     "target", f < PB_DT_COUNT), &bad);
	char m[16];
	month_text(m, r->month);
	json_t *o = json_pack("{s:s, s:i, s:i, s:f, s:s, s:o, s:o, s:o}", "month", m, "year",
			      r->month / 100, "months", r->month % 100, "progress",
			      (r->month % 100) / 12.0, "unit", "万元", "figures", figs, "parks", parks,
			      "teams", teams);
	put(o, "total", sc ? json_null() : unit_json(&r->unit[r->npark + r->nteam]), &bad);
	put(o, "moved", moved_json(r, sc), &bad);
	put(o, "stuck", stuck_json(r, sc), &bad);
	json_t *rk = json_object();
	for (int p = 0; p < PB_DP_COUNT; p++)
		put(rk, period_keys[p], pb_disp_ranking_json(r, p, sc), &bad);
	put(o, "ranking", rk, &bad);
	put(o, "activity", pb_disp_activity_json(r, PB_DA_WEEK, sc), &bad);
	if (bad || !o) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- the workbook ------------------------------------------------------------------ */

static pb_book_fmt fig_fmt(int f)
{
	return f == PB_DT_SIGNED_VALUE || f == PB_DT_FUNDS ? PB_BF_NUM : PB_BF_INT;
}

static double pct(double v)
{
	return isnan(v) ? NAN : v * 100;
}

static int sheet_targets(pb_book *b, const pb_disp_report *r, const pb_disp_scope *sc)
{
	enum { NC = 1 + PB_DT_COUNT * 4 };
	char hd[NC][64], title[96], sub[160];
	const char *h[NC];
	int mo = r->month % 100;
	snprintf(hd[0], sizeof(hd[0]), "园区 / 团队");
	for (int f = 0; f < PB_DT_COUNT; f++) {
		const char *u = f == PB_DT_SIGNED_VALUE || f == PB_DT_FUNDS ? "（万元）" : "";
		snprintf(hd[1 + f * 4], 64, "%s 当月%s", pb_rf_name(f), u);
		snprintf(hd[2 + f * 4], 64, "%s 1–%d月%s", pb_rf_name(f), mo, u);
		snprintf(hd[3 + f * 4], 64, "%s 年度目标%s", pb_rf_name(f), u);
		snprintf(hd[4 + f * 4], 64, "%s 完成率", pb_rf_name(f));
	}
	for (int c = 0; c < NC; c++)
		h[c] = hd[c];
	snprintf(title, sizeof(title), "招商引资月度调度表 %d年%d月", r->month / 100, mo);
	snprintf(sub, sizeof(sub), "1–%d月累计对照年度目标；序时进度 %.1f%%", mo, mo / 12.0 * 100);
	int rc = pb_book_sheet(b, "目标完成", title, sub, h, NC);
	size_t nu = r->npark + r->nteam + 1;
	for (size_t u = 0; !rc && u < nu; u++) {
		const pb_disp_unit *x = &r->unit[u];
		int team = u >= r->npark && u < nu - 1, total = u == nu - 1;
		if (u < r->npark ? !sees(sc, x->park_id) : sc != NULL)
			continue;
		pb_book_cell c[NC];
		char name[160];
		snprintf(name, sizeof(name), "%s%s", team ? "团队：" : "", x->name);
		c[0] = (pb_book_cell){ total ? PB_BF_BOLD : PB_BF_TEXT, name, 0 };
		for (int f = 0; f < PB_DT_COUNT; f++) {
			c[1 + f * 4] = pb_bc_num(fig_fmt(f), x->month[f]);
			c[2 + f * 4] = pb_bc_num(fig_fmt(f), x->ytd[f]);
			c[3 + f * 4] = pb_bc_num(fig_fmt(f), x->target[f]);
			c[4 + f * 4] = pb_bc_num(PB_BF_PCT, pct(x->rate[f]));
		}
		rc = pb_book_row(b, c, NC);
	}
	if (!rc)
		rc = pb_book_note(b, "完成率 = 1–M月累计 ÷ 年度目标；无目标或目标为 0 的显示为“—”。");
	return rc;
}

/* The moved (`stuck` 0) or held-up list. */
static int sheet_projects(pb_book *b, const pb_disp_report *r, const pb_disp_scope *sc, int stuck)
{
	static const char *const hm[] = { "项目", "园区", "招商团队", "进入阶段", "日期" };
	static const char *const hs[] = { "项目", "园区", "招商团队", "所处阶段", "起始日期", "天数", "限定天数" };
	char title[96];
	snprintf(title, sizeof(title), stuck ? "久滞项目（截至 %d年%d月末）" : "本月项目进展 %d年%d月",
		 r->month / 100, r->month % 100);
	int rc = pb_book_sheet(b, stuck ? "久滞项目" : "本月进展", title,
			       stuck ? "在同一阶段停留超过限定天数的项目" : "本月进入各阶段的项目（按日期）",
			       stuck ? hs : hm, stuck ? 7 : 5);
	size_t n = stuck ? r->nstuck : r->nmoved;
	for (size_t i = 0; !rc && i < n; i++) {
		uint32_t p = stuck ? r->stuck[i].project : r->moved[i].project;
		int stage = stuck ? r->stuck[i].stage : r->moved[i].stage;
		if (!project_seen(r, sc, p))
			continue;
		char d[16];
		pb_date_format(stuck ? r->stuck[i].since : r->moved[i].date, d);
		size_t k = r->park_of[p];
		pb_book_cell c[7] = { pb_bc_text(r->d.name[p]),
				      pb_bc_text(k == SIZE_MAX ? NULL : r->unit[k].name),
				      pb_bc_text(r->d.team[p]), pb_bc_text(pb_stage_name((pb_stage)stage)),
				      pb_bc_text(d) };
		if (stuck) {
			c[5] = pb_bc_num(PB_BF_INT, (double)r->stuck[i].days);
			c[6] = pb_bc_num(PB_BF_INT, r->limits[stage]);
		}
		rc = pb_book_row(b, c, stuck ? 7 : 5);
	}
	return rc;
}

/* The tab of list l: "赛马榜-" and its name, or, when an earlier list's tab is the same
 * (names need not be unique, Excel's tabs must be, case aside, in 31 characters),
 * "赛马榜<l+1>-" and the name. */
static void rank_sheet_name(char out[128], const pb_disp_report *r, size_t l)
{
	char a[128], b[128], other[128];
	snprintf(out, 128, "赛马榜-%s", r->cfg.lists[l].name);
	pb_xlsx_sheet_name(out, a);
	for (size_t k = 0; k < l; k++) {
		snprintf(other, sizeof(other), "赛马榜-%s", r->cfg.lists[k].name);
		pb_xlsx_sheet_name(other, b);
		if (strcasecmp(a, b) == 0) {
			snprintf(out, 128, "赛马榜%zu-%s", l + 1, r->cfg.lists[l].name);
			return;
		}
	}
}

/* One list's ranking of the parks over 1–M月: rank, park, score, then per part the figure
 * scored (as a leader reads a published list: 签约金额 in 万元, 履约率 in %) and its points. */
static int sheet_rank(pb_book *b, const pb_disp_report *r, const pb_disp_scope *sc, size_t l)
{
	enum { NC = 3 + 2 * PB_DISP_MAX_PARTS };
	const pb_disp_list *x = &r->cfg.lists[l];
	const pb_disp_ranking *k = &r->rank[PB_DP_YTD][PB_DU_PARK][l];
	char hd[NC][96], title[192], sub[256], sheet[128];
	const char *h[NC];
	snprintf(hd[0], 96, "名次");
	snprintf(hd[1], 96, "园区");
	snprintf(hd[2], 96, "得分");
	size_t n = 0, nc = 3 + 2 * x->nparts;
	sub[0] = '\0';
	for (size_t p = 0; p < x->nparts; p++) {
		int f = x->parts[p].figure;
		snprintf(hd[3 + 2 * p], 96, "%s（%s）", pb_rf_name(f), pb_rf_unit(f));
		snprintf(hd[4 + 2 * p], 96, "%s 得分（权重 %g）", pb_rf_name(f), x->parts[p].score.weight);
		n += (size_t)snprintf(sub + n, n < sizeof(sub) ? sizeof(sub) - n : 0, "%s%s×%g",
				      p ? "，" : "计分：", pb_rf_name(x->parts[p].figure),
				      x->parts[p].score.weight);
		if (n >= sizeof(sub))
			n = sizeof(sub) - 1;
	}
	for (size_t c = 0; c < nc; c++)
		h[c] = hd[c];
	snprintf(title, sizeof(title), "赛马榜·%s（1–%d月）", x->name, r->month % 100);
	rank_sheet_name(sheet, r, l);
	int rc = pb_book_sheet(b, sheet, title, sub, h, nc);
	for (size_t j = 0; !rc && j < k->nrow; j++) {
		size_t i = k->order[j];
		int see = sees(sc, r->unit[i].park_id);
		pb_book_cell c[NC];
		c[0] = pb_bc_num(PB_BF_INT, (double)k->rank[i]);
		c[1] = pb_bc_text(r->unit[i].name);
		c[2] = pb_bc_num(PB_BF_NUM, k->score[i]);
		for (size_t p = 0; p < x->nparts; p++) {
			int f = x->parts[p].figure;
			double v = k->value[i * k->nparts + p];
			/* a park operator sees every park's rank and score, its own figures only */
			c[3 + 2 * p] = !see ? pb_bc_text(NULL)
				     : f == PB_RF_COMPLY ? pb_bc_num(PB_BF_NUM, pct(v))
				     : pb_bc_num(strcmp(pb_rf_unit(f), "个") == 0 ? PB_BF_INT : PB_BF_NUM, v);
			c[4 + 2 * p] = see ? pb_bc_num(PB_BF_NUM, k->points[i * k->nparts + p]) : pb_bc_text(NULL);
		}
		rc = pb_book_row(b, c, nc);
	}
	for (size_t p = 0; !rc && p < x->nparts; p++)
		if (x->parts[p].figure == PB_RF_MAJOR_STARTED) {
			char note[160];
			snprintf(note, sizeof(note), "重大项目：计划总投资（无则签约金额）不低于 %g 万元。",
				 r->cfg.major_min);
			rc = pb_book_note(b, note);
			break;
		}
	return rc;
}

static int sheet_activity(pb_book *b, const pb_disp_report *r)
{
	const pb_disp_act_series *s = &r->act[PB_DA_WEEK];
	size_t nc = 2 + r->npark;
	char **hd = calloc(nc, sizeof(char *));
	const char **h = calloc(nc, sizeof(char *));
	int rc = hd && h ? 0 : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t c = 0; !rc && c < nc; c++) {
		const char *name = c == 0 ? "起" : c == 1 ? "止" : r->unit[c - 2].name;
		if (!(hd[c] = strdup(name ? name : "")))
			rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		h[c] = hd[c];
	}
	char title[96];
	snprintf(title, sizeof(title), "招商活跃指数（按周，%d年1–%d月）", r->month / 100, r->month % 100);
	if (!rc)
		rc = pb_book_sheet(b, "活跃指数", title, "各周分项按园区间最高者归一后加权；权重见 docs/metrics.md",
				   h, nc);
	pb_book_cell *c = calloc(nc, sizeof(*c));
	char d0[16], d1[16];
	for (size_t t = 0; !rc && c && t < s->nperiod; t++) {
		pb_date_format(s->start[t], d0);
		pb_date_format(s->end[t], d1);
		c[0] = pb_bc_text(d0);
		c[1] = pb_bc_text(d1);
		for (size_t k = 0; k < r->npark; k++)
			c[2 + k] = pb_bc_num(PB_BF_NUM1, s->index[t * r->npark + k]);
		rc = pb_book_row(b, c, nc);
	}
	free(c);
	for (size_t i = 0; hd && i < nc; i++)
		free(hd[i]);
	free(hd);
	free(h);
	return rc;
}

int pb_disp_report_xlsx(const pb_disp_report *r, const pb_disp_scope *sc, const char *path)
{
	pb_book *b;
	int rc = pb_book_open(&b, path);
	if (rc)
		return rc;
	rc = sheet_targets(b, r, sc);
	if (!rc)
		rc = sheet_projects(b, r, sc, 0);
	if (!rc)
		rc = sheet_projects(b, r, sc, 1);
	for (size_t l = 0; !rc && l < r->cfg.nlists; l++)
		rc = sheet_rank(b, r, sc, l);
	if (!rc)
		rc = sheet_activity(b, r);
	if (rc) {
		pb_book_abort(b);
		return rc;
	}
	return pb_book_close(b);
}
