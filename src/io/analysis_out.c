/*
 * analysis_out.c - JSON, workbook sheets and text of the monthly analysis; see
 * analysis_out.h. Money is shown in 亿元 in the report's tables (万元 ÷ 10,000) and
 * kept in 万元 in the JSON, the unit the store keeps.
 */
#include "analysis_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json_value.h"
#include "month.h"
#include "growth.h"
#include "term.h"

/* ---- shared helpers ------------------------------------------------------------------ */

static double shown(pb_metric k, double v)
{
	return pb_metric_is_money(k) ? v / 10000 : v;
}

static const char *shown_unit(pb_metric k)
{
	return pb_metric_is_money(k) ? "亿元" : pb_metric_unit(k);
}

static const char *const grouping_en[PB_GROUPING_COUNT] = {
	"sector", "industry division", "park", "tier", "size", "flag",
};

/* Rows in the order a report lists them: groups by 1-M月累计, largest first, for the
 * groupings whose groups have no natural order (sector, division, park); tiers, sizes
 * and flags in their own order. Returns a malloc'ed index array (NULL when out of
 * memory), the total row not included. */
typedef struct order_ctx {
	const pb_group_row *rows;
	pb_metric k;
} order_ctx;

static int by_ytd_desc(const void *a, const void *b, void *arg)
{
	const order_ctx *o = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	double vx = o->rows[x].m[o->k].ytd, vy = o->rows[y].m[o->k].ytd;
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return (x > y) - (x < y);
}

static size_t *row_order(const pb_analysis *a, pb_grouping g, pb_metric k)
{
	size_t n = a->by[g].ngroups;
	size_t *ix = malloc((n ? n : 1) * sizeof(*ix));
	if (!ix)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ix[i] = i;
	if (g == PB_G_SECTOR || g == PB_G_DIVISION || g == PB_G_PARK) {
		order_ctx ctx = { a->by[g].rows, k };
		qsort_r(ix, n, sizeof(*ix), by_ytd_desc, &ctx); /* qsort_r: reports may be built on many threads */
	}
	return ix;
}

/* ---- official rates ------------------------------------------------------------------- */

typedef struct rates_ctx {
	int month;
	pb_official_rate *items;
	size_t n, cap;
	int oom;
} rates_ctx;

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int take_rate(void *ctx, const void *rec)
{
	rates_ctx *x = ctx;
	const pb_official_rate *r = rec;
	if (r->month != x->month)
		return 0;
	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 8;
		pb_official_rate *ni = realloc(x->items, cap * sizeof(*ni));
		if (!ni)
			return PB_ENOMEM;
		x->items = ni;
		x->cap = cap;
	}
	pb_official_rate c = *r;
	c.scope = dup(r->scope);
	c.indicator = dup(r->indicator);
	c.source = dup(r->source);
	x->items[x->n++] = c;
	return c.scope && c.indicator ? 0 : PB_ENOMEM;
}

void pb_rates_free(pb_official_rate *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)r[i].scope);
		free((char *)r[i].indicator);
		free((char *)r[i].source);
	}
	free(r);
}

int pb_rates_load(pb_store *st, int yyyymm, pb_official_rate **out, size_t *n)
{
	rates_ctx x = { .month = yyyymm };
	int rc = pb_store_each(st, PB_E_OFFICIAL_RATE, take_rate, &x);
	if (rc) {
		pb_rates_free(x.items, x.n);
		*out = NULL;
		*n = 0;
		return rc == PB_ENOMEM ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory") : rc;
	}
	*out = x.items;
	*n = x.n;
	return 0;
}

/* ---- JSON ----------------------------------------------------------------------------- */

static const char *const growth_kind_keys[] = { "rate", "none", "turnaround", "loss_narrower",
						"loss_wider" };

/* One period (month or ytd) of an aggregate. `whole` gives share/contribution/pull
 * (NULL for the zone itself). */
static json_t *period_json(const pb_agg *a, const pb_agg *whole, int ytd)
{
	double all = ytd ? a->ytd : a->month, cur = ytd ? a->ytd_cur : a->month_cur;
	double base = ytd ? a->ytd_base : a->month_base;
	json_t *o = json_object();
	json_object_set_new(o, "value", pb_json_num(all));
	json_object_set_new(o, "sample_value", pb_json_num(cur));
	json_object_set_new(o, "sample_base", pb_json_num(base));
	json_object_set_new(o, "growth", pb_json_num(ytd ? pb_agg_ytd_growth(a) : pb_agg_month_growth(a)));
	json_object_set_new(o, "growth_kind", json_string(growth_kind_keys[pb_growth_kind_of(cur, base)]));
	json_object_set_new(o, "reporting", json_integer(ytd ? a->n_ytd : a->n_month));
	json_object_set_new(o, "sample", json_integer(ytd ? a->n_ytd_sample : a->n_month_sample));
	json_object_set_new(o, "self_base", json_integer(ytd ? a->n_ytd_self : a->n_month_self));
	json_object_set_new(o, "growing", json_integer(ytd ? a->n_ytd_growing : a->n_month_growing));
	json_object_set_new(o, "growing_pct", pb_json_num(pb_growing_pct(ytd ? a->n_ytd_growing : a->n_month_growing,
							       ytd ? a->n_ytd_sample : a->n_month_sample)));
	json_t *lo = json_object();
	json_object_set_new(lo, "no_base", json_integer(ytd ? a->n_ytd_nobase : a->n_month_nobase));
	json_object_set_new(lo, "not_reported", json_integer(ytd ? a->n_ytd_gone : a->n_month_gone));
	json_object_set_new(o, "left_out", lo);
	if (whole) {
		double wall = ytd ? whole->ytd : whole->month;
		double wcur = ytd ? whole->ytd_cur : whole->month_cur;
		double wbase = ytd ? whole->ytd_base : whole->month_base;
		json_object_set_new(o, "share", pb_json_num(pb_share_pct(all, wall)));
		json_object_set_new(o, "contribution", pb_json_num(pb_contribution_pct(cur, base, wcur, wbase)));
		json_object_set_new(o, "pull", pb_json_num(pb_pull_pp(cur, base, wbase)));
	}
	return o;
}

static json_t *agg_json(const pb_agg *a, const pb_agg *whole)
{
	json_t *o = json_object();
	json_object_set_new(o, "month", period_json(a, whole, 0));
	json_object_set_new(o, "ytd", period_json(a, whole, 1));
	return o;
}

static json_t *movers_json(const pb_monthly_report *r, const pb_mover *m, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const pb_cube_ent *e = &r->cube->ent[m[i].ent];
		json_t *o = json_object();
		json_object_set_new(o, "uscc", json_string(e->uscc ? e->uscc : ""));
		json_object_set_new(o, "name", json_string(e->name ? e->name : ""));
		json_object_set_new(o, "value", pb_json_num(m[i].cur));
		json_object_set_new(o, "base", pb_json_num(m[i].base));
		json_object_set_new(o, "change", pb_json_num(m[i].delta));
		json_object_set_new(o, "growth", pb_json_num(pb_growth_pct(m[i].cur, m[i].base)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *metric_meta(pb_metric k)
{
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(pb_metric_key(k)));
	json_object_set_new(o, "name", json_string(pb_metric_name(k)));
	json_object_set_new(o, "unit", json_string(pb_metric_unit(k)));
	json_object_set_new(o, "stock", json_boolean(pb_metric_is_stock(k)));
	return o;
}

static json_t *grouping_json(const pb_analysis *a, pb_grouping g)
{
	json_t *o = json_object(), *groups = json_array();
	json_object_set_new(o, "name", json_string(pb_grouping_name(g)));
	json_object_set_new(o, "overlapping", json_boolean(g == PB_G_FLAG));
	for (size_t i = 0; i < a->by[g].ngroups; i++) {
		const pb_group_row *row = &a->by[g].rows[i];
		if (row->members == 0)
			continue;
		json_t *go = json_object(), *ms = json_object();
		json_object_set_new(go, "name", json_string(row->name));
		json_object_set_new(go, "code", json_string(row->code ? row->code : ""));
		json_object_set_new(go, "members", json_integer(row->members));
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			json_object_set_new(ms, pb_metric_key((pb_metric)k), agg_json(&row->m[k], &a->total[k]));
		json_object_set_new(go, "metrics", ms);
		json_array_append_new(groups, go);
	}
	json_object_set_new(o, "groups", groups);
	return o;
}

json_t *pb_monthly_report_json(const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	char mon[8];
	pb_month_format(a->month, mon);
	json_t *o = json_object();
	json_object_set_new(o, "zone", json_string(r->zone ? r->zone : ""));
	json_object_set_new(o, "month", json_string(mon));
	json_object_set_new(o, "enterprises", json_integer(a->members));
	json_object_set_new(o, "base_rule",
			    json_string("同口径：基数优先取企业填报的上年同期数，未填报的取其上年同月报表 / "
					"same sample; base = the enterprise's reported figure for the "
					"same period last year, else its own report of that month"));
	json_t *metrics = json_array(), *zone = json_object();
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		json_array_append_new(metrics, metric_meta((pb_metric)k));
		json_object_set_new(zone, pb_metric_key((pb_metric)k), agg_json(&a->total[k], NULL));
	}
	json_object_set_new(o, "metrics", metrics);
	json_object_set_new(o, "total", zone);
	json_t *rates = json_array();
	for (size_t i = 0; i < r->nrates; i++) {
		json_t *ro = json_object();
		json_object_set_new(ro, "scope", json_string(r->rates[i].scope));
		json_object_set_new(ro, "indicator", json_string(r->rates[i].indicator));
		json_object_set_new(ro, "month_rate", pb_json_num(r->rates[i].month_rate));
		json_object_set_new(ro, "ytd_rate", pb_json_num(r->rates[i].ytd_rate));
		json_object_set_new(ro, "source", r->rates[i].source ? json_string(r->rates[i].source) : json_null());
		json_array_append_new(rates, ro);
	}
	json_object_set_new(o, "official_rates", rates);
	json_t *groupings = json_object();
	for (int g = 0; g < PB_GROUPING_COUNT; g++)
		if (a->by[g].rows)
			json_object_set_new(groupings, pb_grouping_key((pb_grouping)g), grouping_json(a, (pb_grouping)g));
	json_object_set_new(o, "groupings", groupings);
	json_t *dep = json_object();
	json_object_set_new(dep, "metric", json_string(pb_metric_key(a->rank_metric)));
	json_object_set_new(dep, "leading_month_share", pb_json_num(a->leading_month_share));
	json_object_set_new(dep, "leading_ytd_share", pb_json_num(a->leading_ytd_share));
	json_object_set_new(dep, "top_n", json_integer(a->top_n));
	json_object_set_new(dep, "top_ytd_share", pb_json_num(a->top_ytd_share));
	json_object_set_new(dep, "top", movers_json(r, a->top, a->ntop));
	json_object_set_new(o, "dependence", dep);
	json_t *mv = json_object();
	for (int p = 0; p < 2; p++) {
		json_t *po = json_object();
		json_object_set_new(po, "gainers", movers_json(r, a->gainers[p], a->ngainers[p]));
		json_object_set_new(po, "losers", movers_json(r, a->losers[p], a->nlosers[p]));
		json_object_set_new(mv, p ? "ytd" : "month", po);
	}
	json_object_set_new(mv, "metric", json_string(pb_metric_key(a->rank_metric)));
	json_object_set_new(o, "movers", mv);
	return o;
}

/* ---- the workbook ------------------------------------------------------------------------ */

static pb_book_cell growth_cell(double cur, double base, int bold)
{
	pb_growth_kind gk = pb_growth_kind_of(cur, base);
	if (gk != PB_GROWTH_RATE)
		return pb_bc_text(pb_growth_kind_name(gk));
	return pb_bc_num(bold ? PB_BF_BOLD_PCT : PB_BF_PCT, pb_growth_pct(cur, base));
}

static int summary_sheet(pb_book *b, const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	int m = a->month % 100;
	char title[256], sub[256], ytd_h[64], ytd_g[64];
	snprintf(title, sizeof(title), "%s %d年%d月工业经济主要指标", r->zone ? r->zone : "",
		 a->month / 100, m);
	snprintf(sub, sizeof(sub), "企业 %lld 家；同比按同口径计算，基数优先取企业填报的上年同期数",
		 (long long)a->members);
	snprintf(ytd_h, sizeof(ytd_h), "1—%d月累计", m);
	snprintf(ytd_g, sizeof(ytd_g), "1—%d月累计同比（%%）", m);
	const char *hdr[] = { "指标", "单位", "当月", "当月同比（%）", ytd_h, ytd_g,
			      "当月同口径企业（家）", "当月未计入：无基数（家）", "当月未计入：本月未报（家）",
			      "累计同口径企业（家）", "累计增长面（%）" };
	int rc = pb_book_sheet(b, "综合", title, sub, hdr, sizeof(hdr) / sizeof(hdr[0]));
	for (int k = 0; k < PB_METRIC_COUNT && !rc; k++) {
		const pb_agg *t = &a->total[k];
		pb_book_cell row[] = {
			pb_bc_text(pb_metric_name((pb_metric)k)),
			pb_bc_text(shown_unit((pb_metric)k)),
			pb_bc_num(PB_BF_NUM, shown((pb_metric)k, t->month)),
			growth_cell(t->month_cur, t->month_base, 0),
			pb_bc_num(PB_BF_NUM, shown((pb_metric)k, t->ytd)),
			growth_cell(t->ytd_cur, t->ytd_base, 0),
			pb_bc_num(PB_BF_INT, (double)t->n_month_sample),
			pb_bc_num(PB_BF_INT, (double)t->n_month_nobase),
			pb_bc_num(PB_BF_INT, (double)t->n_month_gone),
			pb_bc_num(PB_BF_INT, (double)t->n_ytd_sample),
			pb_bc_num(PB_BF_PCT, pb_growing_pct(t->n_ytd_growing, t->n_ytd_sample)),
		};
		rc = pb_book_row(b, row, sizeof(row) / sizeof(row[0]));
	}
	char note[512];
	for (size_t i = 0; i < r->nrates && !rc; i++) {
		const pb_official_rate *or = &r->rates[i];
		char mr[32] = "—", yr[32] = "—";
		if (isfinite(or->month_rate))
			snprintf(mr, sizeof(mr), "%+.1f%%", or->month_rate);
		if (isfinite(or->ytd_rate))
			snprintf(yr, sizeof(yr), "%+.1f%%", or->ytd_rate);
		snprintf(note, sizeof(note), "统计局公布（可比价）：%s%s 当月 %s，1—%d月累计 %s%s%s", or->scope,
			 or->indicator, mr, m, yr, or->source ? "；来源：" : "", or->source ? or->source : "");
		rc = pb_book_note(b, note);
	}
	if (!rc) {
		snprintf(note, sizeof(note), "龙头企业占%s：当月 %.1f%%，1—%d月累计 %.1f%%；前 %d 家企业占累计 %.1f%%",
			 pb_metric_name(a->rank_metric), a->leading_month_share, m, a->leading_ytd_share,
			 a->top_n, a->top_ytd_share);
		rc = pb_book_note(b, note);
	}
	if (!rc)
		rc = pb_book_note(b, "口径：同比按同口径企业计算（本期与上年同期均有数据的企业）；“无基数”为新入库或未填上年同期数的企业，“本月未报”为上年同月有报表而本月未报的企业。增加值增速以统计局公布的可比价增速为准，不由现价总量推算。");
	return rc;
}

static int grouping_sheet(pb_book *b, const pb_monthly_report *r, pb_grouping g)
{
	const pb_analysis *a = r->a;
	pb_metric k = r->metric;
	int m = a->month % 100;
	const char *unit = shown_unit(k);
	char title[256], sub[256], h[8][64];
	snprintf(title, sizeof(title), "%s %d年%d月 按%s分 %s", r->zone ? r->zone : "", a->month / 100, m,
		 pb_grouping_name(g), pb_metric_name(k));
	snprintf(sub, sizeof(sub), "%s%s", g == PB_G_FLAG ? "企业可同时属于多个标签，占比合计可不为100%；" : "",
		 "贡献率 = 本组增量 ÷ 全区增量；拉动 = 本组增量 ÷ 全区上年同期（百分点）");
	snprintf(h[0], sizeof(h[0]), "当月（%s）", unit);
	snprintf(h[1], sizeof(h[1]), "1—%d月累计（%s）", m, unit);
	snprintf(h[2], sizeof(h[2]), "累计同比（%%）");
	const char *hdr[] = { pb_grouping_name(g), "企业数（家）", h[0], "当月同比（%）", "当月占比（%）",
			      "当月贡献率（%）", "当月拉动（百分点）", h[1], h[2], "累计占比（%）",
			      "累计贡献率（%）", "累计拉动（百分点）", "累计增长面（%）",
			      "累计未计入（家）" };
	int rc = pb_book_sheet(b, pb_grouping_name(g), title, sub, hdr, sizeof(hdr) / sizeof(hdr[0]));
	const pb_agg *t = &a->total[k];
	size_t *ix = row_order(a, g, k);
	if (!ix)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i <= a->by[g].ngroups && !rc; i++) {
		int total = i == a->by[g].ngroups;
		const pb_group_row *row = total ? NULL : &a->by[g].rows[ix[i]];
		if (row && row->members == 0)
			continue;
		const pb_agg *x = total ? t : &row->m[k];
		pb_book_cell cells[] = {
			total ? (pb_book_cell){ PB_BF_BOLD, "全区合计", 0 } : pb_bc_text(row->name),
			pb_bc_num(PB_BF_INT, (double)(total ? a->members : row->members)),
			pb_bc_num(total ? PB_BF_BOLD_NUM : PB_BF_NUM, shown(k, x->month)),
			growth_cell(x->month_cur, x->month_base, total),
			pb_bc_num(PB_BF_PCT, pb_share_pct(x->month, t->month)),
			pb_bc_num(PB_BF_PCT, pb_contribution_pct(x->month_cur, x->month_base, t->month_cur, t->month_base)),
			pb_bc_num(PB_BF_PP, pb_pull_pp(x->month_cur, x->month_base, t->month_base)),
			pb_bc_num(total ? PB_BF_BOLD_NUM : PB_BF_NUM, shown(k, x->ytd)),
			growth_cell(x->ytd_cur, x->ytd_base, total),
			pb_bc_num(PB_BF_PCT, pb_share_pct(x->ytd, t->ytd)),
			pb_bc_num(PB_BF_PCT, pb_contribution_pct(x->ytd_cur, x->ytd_base, t->ytd_cur, t->ytd_base)),
			pb_bc_num(PB_BF_PP, pb_pull_pp(x->ytd_cur, x->ytd_base, t->ytd_base)),
			pb_bc_num(PB_BF_PCT, pb_growing_pct(x->n_ytd_growing, x->n_ytd_sample)),
			pb_bc_num(PB_BF_INT, (double)(x->n_ytd_nobase + x->n_ytd_gone)),
		};
		rc = pb_book_row(b, cells, sizeof(cells) / sizeof(cells[0]));
	}
	free(ix);
	return rc;
}

static int movers_sheet(pb_book *b, const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	pb_metric k = a->rank_metric;
	int m = a->month % 100;
	char title[256], h[3][64];
	snprintf(title, sizeof(title), "%d年%d月 %s增减最多的企业", a->month / 100, m, pb_metric_name(k));
	snprintf(h[0], sizeof(h[0]), "本期（%s）", pb_metric_unit(k));
	snprintf(h[1], sizeof(h[1]), "上年同期（%s）", pb_metric_unit(k));
	snprintf(h[2], sizeof(h[2]), "增减（%s）", pb_metric_unit(k));
	const char *hdr[] = { "类别", "排名", "企业名称", "统一社会信用代码", h[0], h[1], h[2], "同比（%）" };
	int rc = pb_book_sheet(b, "增减企业", title, "同口径企业中，按增减额排序", hdr, 8);
	char lab[4][64];
	snprintf(lab[0], sizeof(lab[0]), "当月增加");
	snprintf(lab[1], sizeof(lab[1]), "当月减少");
	snprintf(lab[2], sizeof(lab[2]), "1—%d月累计增加", m);
	snprintf(lab[3], sizeof(lab[3]), "1—%d月累计减少", m);
	for (int l = 0; l < 4 && !rc; l++) {
		int p = l / 2;
		const pb_mover *mv = l % 2 ? a->losers[p] : a->gainers[p];
		size_t n = l % 2 ? a->nlosers[p] : a->ngainers[p];
		for (size_t i = 0; i < n && !rc; i++) {
			const pb_cube_ent *e = &r->cube->ent[mv[i].ent];
			pb_book_cell cells[] = {
				pb_bc_text(lab[l]), pb_bc_num(PB_BF_INT, (double)(i + 1)), pb_bc_text(e->name),
				pb_bc_text(e->uscc), pb_bc_num(PB_BF_NUM, mv[i].cur), pb_bc_num(PB_BF_NUM, mv[i].base),
				pb_bc_num(PB_BF_NUM, mv[i].delta), growth_cell(mv[i].cur, mv[i].base, 0),
			};
			rc = pb_book_row(b, cells, 8);
		}
	}
	return rc;
}

int pb_monthly_report_sheets(pb_book *b, const pb_monthly_report *r)
{
	int rc = summary_sheet(b, r);
	for (int g = 0; g < PB_GROUPING_COUNT && !rc; g++)
		if (r->a->by[g].rows && (r->groupings & (1u << g)))
			rc = grouping_sheet(b, r, (pb_grouping)g);
	if (!rc)
		rc = movers_sheet(b, r);
	return rc;
}

/* ---- text --------------------------------------------------------------------------------- */

static void fmt_num(char *out, size_t n, double v, int decimals)
{
	if (!isfinite(v))
		snprintf(out, n, "—");
	else
		snprintf(out, n, "%.*f", decimals, v);
}

static void fmt_growth(char *out, size_t n, double cur, double base, int en)
{
	pb_growth_kind gk = pb_growth_kind_of(cur, base);
	if (gk == PB_GROWTH_RATE)
		snprintf(out, n, "%+.1f%%", pb_growth_pct(cur, base));
	else if (en)
		snprintf(out, n, "%s", gk == PB_GROWTH_NONE ? "n/a" : gk == PB_GROWTH_TURNAROUND ? "to profit"
				       : gk == PB_GROWTH_LOSS_NARROWER ? "loss down" : "loss up");
	else
		snprintf(out, n, "%s", pb_growth_kind_name(gk));
}

static void fmt_pct(char *out, size_t n, double v)
{
	if (!isfinite(v))
		snprintf(out, n, "—");
	else
		snprintf(out, n, "%.1f%%", v);
}

static void print_zone(FILE *f, const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	int m = a->month % 100, en = r->en;
	char ytd[64];
	snprintf(ytd, sizeof(ytd), en ? "Jan-%d" : "1—%d月累计", m);
	pb_term_cell(f, en ? "Indicator (unit)" : "指标（单位）", 26, 0);
	pb_term_cell(f, en ? "Month" : "当月", 12, 1);
	pb_term_cell(f, en ? "YoY" : "同比", 10, 1);
	pb_term_cell(f, ytd, 14, 1);
	pb_term_cell(f, en ? "YoY" : "同比", 10, 1);
	pb_term_cell(f, en ? "Growing" : "增长面", 9, 1);
	pb_term_cell(f, en ? "Sample/left out" : "同口径/未计入", 16, 1);
	fputc('\n', f);
	for (int k = 0; k < PB_METRIC_COUNT; k++) {
		const pb_agg *t = &a->total[k];
		char label[128], v1[32], g1[32], v2[32], g2[32], gr[32], s[48];
		snprintf(label, sizeof(label), "%s（%s）", en ? pb_metric_name_en((pb_metric)k)
							  : pb_metric_name((pb_metric)k),
			 shown_unit((pb_metric)k));
		fmt_num(v1, sizeof(v1), shown((pb_metric)k, t->month), 2);
		fmt_growth(g1, sizeof(g1), t->month_cur, t->month_base, en);
		fmt_num(v2, sizeof(v2), shown((pb_metric)k, t->ytd), 2);
		fmt_growth(g2, sizeof(g2), t->ytd_cur, t->ytd_base, en);
		fmt_pct(gr, sizeof(gr), pb_growing_pct(t->n_ytd_growing, t->n_ytd_sample));
		snprintf(s, sizeof(s), "%lld/%lld", (long long)t->n_ytd_sample,
			 (long long)(t->n_ytd_nobase + t->n_ytd_gone));
		pb_term_cell(f, label, 26, 0);
		pb_term_cell(f, v1, 12, 1);
		pb_term_cell(f, g1, 10, 1);
		pb_term_cell(f, v2, 14, 1);
		pb_term_cell(f, g2, 10, 1);
		pb_term_cell(f, gr, 9, 1);
		pb_term_cell(f, s, 16, 1);
		fputc('\n', f);
	}
}

static void print_sample(FILE *f, const pb_monthly_report *r)
{
	const pb_agg *t = &r->a->total[r->metric];
	if (r->en) {
		fprintf(f, "Same sample for %s: month %lld enterprises (%lld with their own reported "
			   "base, %lld from last year's report); left out: %lld without a base, %lld "
			   "that reported last year but not this month. Jan-%d: %lld in the sample, %lld "
			   "without a base, %lld not reporting this year.\n",
			pb_metric_name_en(r->metric), (long long)t->n_month_sample,
			(long long)t->n_month_self, (long long)(t->n_month_sample - t->n_month_self),
			(long long)t->n_month_nobase, (long long)t->n_month_gone, r->a->month % 100,
			(long long)t->n_ytd_sample, (long long)t->n_ytd_nobase, (long long)t->n_ytd_gone);
		return;
	}
	fprintf(f, "%s同口径：当月 %lld 家（%lld 家以企业填报的上年同期数为基数，%lld 家以其上年同月报表为基数）；"
		   "未计入 %lld 家无上年同期数、%lld 家上年同月有报本月未报。1—%d月累计 同口径 %lld 家，"
		   "未计入 %lld 家无基数、%lld 家本年未报。\n",
		pb_metric_name(r->metric), (long long)t->n_month_sample, (long long)t->n_month_self,
		(long long)(t->n_month_sample - t->n_month_self), (long long)t->n_month_nobase,
		(long long)t->n_month_gone, r->a->month % 100, (long long)t->n_ytd_sample,
		(long long)t->n_ytd_nobase, (long long)t->n_ytd_gone);
}

static int print_grouping(FILE *f, const pb_monthly_report *r, pb_grouping g)
{
	const pb_analysis *a = r->a;
	pb_metric k = r->metric;
	int en = r->en, m = a->month % 100;
	const pb_agg *t = &a->total[k];
	fprintf(f, en ? "\nBy %s - %s (%s)\n" : "\n按%s · %s（%s）\n",
		en ? grouping_en[g] : pb_grouping_name(g), en ? pb_metric_name_en(k) : pb_metric_name(k),
		shown_unit(k));
	char ytd[32];
	snprintf(ytd, sizeof(ytd), en ? "Jan-%d" : "1—%d月", m);
	const char *h[] = { en ? "Group" : "分组", en ? "Firms" : "家数", en ? "Month" : "当月",
			    en ? "YoY" : "同比", en ? "Share" : "占比", en ? "Contrib" : "贡献率",
			    en ? "Pull pp" : "拉动", ytd, en ? "YoY" : "同比", en ? "Share" : "占比",
			    en ? "Contrib" : "贡献率", en ? "Pull pp" : "拉动", en ? "Growing" : "增长面" };
	const int w[] = { 24, 6, 10, 9, 8, 9, 8, 11, 9, 8, 9, 8, 8 };
	for (int i = 0; i < 13; i++)
		pb_term_cell(f, h[i], w[i], i > 0);
	fputc('\n', f);
	size_t *ix = row_order(a, g, k);
	if (!ix)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i <= a->by[g].ngroups; i++) {
		int total = i == a->by[g].ngroups;
		const pb_group_row *row = total ? NULL : &a->by[g].rows[ix[i]];
		if (row && row->members == 0)
			continue;
		const pb_agg *x = total ? t : &row->m[k];
		char c[13][48];
		snprintf(c[0], 48, "%s", total ? (en ? "Zone" : "全区合计") : row->name);
		snprintf(c[1], 48, "%lld", (long long)(total ? a->members : row->members));
		fmt_num(c[2], 48, shown(k, x->month), 2);
		fmt_growth(c[3], 48, x->month_cur, x->month_base, en);
		fmt_pct(c[4], 48, pb_share_pct(x->month, t->month));
		fmt_pct(c[5], 48, pb_contribution_pct(x->month_cur, x->month_base, t->month_cur, t->month_base));
		fmt_num(c[6], 48, pb_pull_pp(x->month_cur, x->month_base, t->month_base), 2);
		fmt_num(c[7], 48, shown(k, x->ytd), 2);
		fmt_growth(c[8], 48, x->ytd_cur, x->ytd_base, en);
		fmt_pct(c[9], 48, pb_share_pct(x->ytd, t->ytd));
		fmt_pct(c[10], 48, pb_contribution_pct(x->ytd_cur, x->ytd_base, t->ytd_cur, t->ytd_base));
		fmt_num(c[11], 48, pb_pull_pp(x->ytd_cur, x->ytd_base, t->ytd_base), 2);
		fmt_pct(c[12], 48, pb_growing_pct(x->n_ytd_growing, x->n_ytd_sample));
		for (int j = 0; j < 13; j++)
			pb_term_cell(f, c[j], w[j], j > 0);
		fputc('\n', f);
	}
	free(ix);
	return 0;
}

static void print_movers(FILE *f, const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	int en = r->en;
	pb_metric k = a->rank_metric;
	for (int l = 0; l < 2; l++) {
		const pb_mover *mv = l ? a->losers[PB_MOVE_YTD] : a->gainers[PB_MOVE_YTD];
		size_t n = l ? a->nlosers[PB_MOVE_YTD] : a->ngainers[PB_MOVE_YTD];
		fprintf(f, en ? "\n%s, Jan-%d, largest %s:\n" : "\n1—%2$d月累计%1$s%3$s最多的企业：\n",
			en ? pb_metric_name_en(k) : pb_metric_name(k), a->month % 100,
			en ? (l ? "decreases" : "increases") : (l ? "减少" : "增加"));
		for (size_t i = 0; i < n && i < 5; i++) {
			char g[32];
			fmt_growth(g, sizeof(g), mv[i].cur, mv[i].base, en);
			fprintf(f, "  %zu. ", i + 1);
			pb_term_cell(f, r->cube->ent[mv[i].ent].name, 40, 0);
			fprintf(f, en ? " %+.2f (%s) %s\n" : " %+.2f %s（%s）\n", mv[i].delta, pb_metric_unit(k), g);
		}
	}
}

int pb_monthly_report_print(FILE *f, const pb_monthly_report *r)
{
	const pb_analysis *a = r->a;
	int en = r->en, m = a->month % 100;
	if (en)
		fprintf(f, "%s - industrial operations, %04d-%02d (%lld enterprises)\n", r->zone ? r->zone : "",
			a->month / 100, m, (long long)a->members);
	else
		fprintf(f, "%s %d年%d月工业经济运行分析（企业 %lld 家）\n", r->zone ? r->zone : "",
			a->month / 100, m, (long long)a->members);
	fputs(en ? "YoY on the same sample; base: the enterprise's own reported figure for last year, "
		   "else its report of that month.\n\n"
		 : "同比按同口径计算：基数优先取企业填报的上年同期数，未填报的取其上年同月报表。\n\n", f);
	print_zone(f, r);
	for (size_t i = 0; i < r->nrates; i++) {
		const pb_official_rate *or = &r->rates[i];
		char mr[32] = "—", yr[32] = "—";
		if (isfinite(or->month_rate))
			snprintf(mr, sizeof(mr), "%+.1f%%", or->month_rate);
		if (isfinite(or->ytd_rate))
			snprintf(yr, sizeof(yr), "%+.1f%%", or->ytd_rate);
		fprintf(f, en ? "Published (comparable prices): %s %s, month %s, Jan-%d %s%s%s\n"
			      : "统计局公布（可比价）：%s%s 当月 %s，1—%d月累计 %s%s%s\n",
			or->scope, or->indicator, mr, m, yr, or->source ? (en ? "; source: " : "；来源：") : "",
			or->source ? or->source : "");
	}
	fputc('\n', f);
	print_sample(f, r);
	if (en)
		fprintf(f, "Leading enterprises' share of %s: month %.1f%%, Jan-%d %.1f%%; top %d: %.1f%%\n",
			pb_metric_name_en(a->rank_metric), a->leading_month_share, m, a->leading_ytd_share,
			a->top_n, a->top_ytd_share);
	else
		fprintf(f, "龙头企业占%s：当月 %.1f%%，1—%d月累计 %.1f%%；前 %d 家企业占累计 %.1f%%\n",
			pb_metric_name(a->rank_metric), a->leading_month_share, m, a->leading_ytd_share,
			a->top_n, a->top_ytd_share);
	for (int g = 0; g < PB_GROUPING_COUNT; g++)
		if (a->by[g].rows && (r->groupings & (1u << g)) && print_grouping(f, r, (pb_grouping)g))
			return pb_error_last_code();
	print_movers(f, r);
	return ferror(f) ? pb_error_set(PB_EIO, "输出失败 / writing the report failed") : 0;
}
