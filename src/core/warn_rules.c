/*
 * warn_rules.c - the nine warning rules, one function each, looking at one enterprise
 * for the run's month and writing at most one warning. docs/metrics.md states
 * when each fires, its severity ladder and an example; the comments here say why.
 *
 * Every rule reads only what the enterprise itself reported: a missing figure is never a
 * zero, so a rule that needs a figure stays silent without it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cube_read.h"
#include "growth.h"
#include "month.h"
#include "warn_internal.h"

#define GO PB_M_GROSS_OUTPUT

/* ---- (a) 工业总产值 同比, the month and the year to date ---------------------------- */

/*
 * The decline of cur against base, on the same enterprise and (for the year to date) the
 * same months. A base that is not positive gives no rate (the bureau writes no
 * percentage on a base of 0), so no warning.
 */
static int yoy_warning(warn_ctx *x, size_t e, pb_warn_rule r, double cur, double base, int self)
{
	if (!(base > 0) || base < warn_param(x, r, PB_WP_EXTRA))
		return 0;
	double growth = pb_growth_pct(cur, base), line = warn_param(x, r, PB_WP_LINE);
	if (!warn_more_than(-growth, line))
		return 0;
	int ytd = r == PB_WR_OUTPUT_YOY_YTD, m = x->month % 100;
	warn_draft d = { .severity = warn_ladder_more(-growth, warn_param(x, r, PB_WP_WARN),
						      warn_param(x, r, PB_WP_SEVERE)) };
	warn_fig(&d, "growth", ytd ? "累计同比" : "当月同比", ytd ? "YoY, year to date" : "YoY, month",
		 "%", growth);
	warn_fig(&d, "value", ytd ? "本年累计" : "本月", ytd ? "this year to date" : "this month", "万元", cur);
	warn_fig(&d, "base", ytd ? "上年同期累计" : "上年同月", ytd ? "same months last year" :
		 "same month last year", "万元", base);
	warn_fig(&d, "threshold", "预警线", "line", "%", -line);
	if (!ytd)
		warn_fig(&d, "base_self", "基数为企业填报（1 是，0 否）", "base reported by the enterprise (1 yes, 0 no)",
			 "", self);
	char v[48], b[48], l[32];
	warn_amount(v, cur);
	warn_amount(b, base);
	warn_number(l, line);
	if (ytd)
		warn_say(&d, "工业总产值1—%d月累计同比下降 %.1f%%（本年累计 %s 万元，上年同期 %s 万元），"
			 "超过预警线 %s%%", m, -growth, v, b, l);
	else
		warn_say(&d, "工业总产值当月同比下降 %.1f%%（本月 %s 万元，上年同月 %s 万元%s），超过预警线 %s%%",
			 -growth, v, b, self ? "，企业填报" : "", l);
	return warn_emit(x, e, r, &d);
}

static int output_yoy_month(warn_ctx *x, size_t e)
{
	double cur, base;
	int self;
	if (!pb_cube_value(x->c, GO, e, x->t, &cur) ||
	    !pb_cube_month_base(x->c, GO, e, x->t, &base, &self))
		return 0;
	return yoy_warning(x, e, PB_WR_OUTPUT_YOY_MONTH, cur, base, self);
}

static int output_yoy_ytd(warn_ctx *x, size_t e)
{
	/* in January 1-1月累计 is the month itself: output_yoy_month says it already */
	if (x->t % 12 == 0)
		return 0;
	double cur, base;
	if (!pb_cube_ytd_pair(x->c, GO, e, x->t, &cur, &base))
		return 0;
	return yoy_warning(x, e, PB_WR_OUTPUT_YOY_YTD, cur, base, 0);
}

/* ---- (b) 当月同比 negative K months running ---------------------------------------------- */

#define STREAK_SHOWN 6

static int output_decline_streak(warn_ctx *x, size_t e)
{
	const pb_cube *c = x->c;
	const pb_warn_rule r = PB_WR_OUTPUT_DECLINE_STREAK;
	double rates[STREAK_SHOWN], sum_cur = 0, sum_base = 0, cur, base;
	int n = 0, self;
	/* back from M, across the year if need be, while each month fell below its base */
	for (int j = x->t; j >= 0; j--, n++) {
		if (!pb_cube_value(c, GO, e, j, &cur) || !pb_cube_month_base(c, GO, e, j, &base, &self) ||
		    !(base > 0) || !(cur < base))
			break;
		if (n < STREAK_SHOWN)
			rates[n] = pb_growth_pct(cur, base);
		sum_cur += cur;
		sum_base += base;
	}
	int k = (int)warn_param(x, r, PB_WP_LINE);
	if (n < k)
		return 0;
	double period = (sum_cur / sum_base - 1) * 100;
	warn_draft d = { .severity = warn_ladder_at_least(n, warn_param(x, r, PB_WP_WARN),
							  warn_param(x, r, PB_WP_SEVERE)) };
	warn_fig(&d, "months", "连续下降月数", "months running", "个月", n);
	warn_fig(&d, "growth", "本月同比", "YoY, this month", "%", rates[0]);
	warn_fig(&d, "period_growth", "下降期间合计同比", "YoY over the months running", "%", period);
	warn_fig(&d, "period_value", "下降期间合计", "total over the months", "万元", sum_cur);
	warn_fig(&d, "period_base", "上年同期合计", "same months last year", "万元", sum_base);
	warn_fig(&d, "threshold", "预警线：连续下降月数", "line: months running", "个月", k);
	char from[24], to[24];
	warn_month_zh(from, pb_month_add(x->month, -(n - 1)));
	warn_month_zh(to, x->month);
	int shown = n < STREAK_SHOWN ? n : STREAK_SHOWN;
	warn_say(&d, "工业总产值当月同比连续 %d 个月下降（%s至%s，%s各月同比 ", n, from, to,
		 n > STREAK_SHOWN ? "近6个月" : "");
	for (int i = shown - 1; i >= 0; i--)
		warn_say(&d, "%.1f%%%s", rates[i], i ? "、" : "");
	warn_say(&d, "），期间合计同比下降 %.1f%%，达到预警线 %d 个月", -period, k);
	return warn_emit(x, e, r, &d);
}

/* ---- (c) a 规上 enterprise under the 2000万元 line ----------------------------------------- */

static int below_scale_line(warn_ctx *x, size_t e)
{
	const pb_cube *c = x->c;
	const pb_warn_rule r = PB_WR_BELOW_SCALE_LINE;
	if (!c->ent[e].above_scale)
		return 0;
	double line = warn_param(x, r, PB_WP_LINE), last12, ytd = 0, ann = PB_MISSING;
	int m = x->t % 12 + 1;
	int has12 = pb_cube_last12(c, PB_M_REVENUE, e, x->t, &last12);
	/* annualised only over a year reported month by month: a missing month would make the
	 * pace look slower than it is */
	int has_ann = warn_param(x, r, PB_WP_EXTRA) != 0 &&
		      pb_cube_months_reported_ytd(c, PB_M_REVENUE, e, x->t) == m;
	if (has_ann) {
		ytd = pb_cube_ytd(c, PB_M_REVENUE, e, x->t);
		ann = ytd * 12 / m;
	}
	int under12 = has12 && !warn_at_least(last12, line), under_ann = has_ann && !warn_at_least(ann, line);
	if (!under12 && !under_ann)
		return 0;
	int ann_worst = under_ann && (!under12 || ann < last12);
	double worst = ann_worst ? ann : last12, shortfall = (line - worst) / line * 100;
	warn_draft d = { .severity = warn_ladder_more(shortfall, warn_param(x, r, PB_WP_WARN),
						      warn_param(x, r, PB_WP_SEVERE)) };
	if (ann_worst)
		warn_fig(&d, "annualised", "1—M月累计折合全年营业收入", "revenue, year to date annualised", "万元", ann);
	else
		warn_fig(&d, "last12", "近12个月营业收入", "revenue, last 12 months", "万元", last12);
	warn_fig(&d, "threshold", "规上标准：年营业收入", "line: yearly revenue", "万元", line);
	warn_fig(&d, "shortfall", "低于标准的幅度", "short of the line", "%", shortfall);
	if (ann_worst && has12)
		warn_fig(&d, "last12", "近12个月营业收入", "revenue, last 12 months", "万元", last12);
	if (has_ann) {
		warn_fig(&d, "ytd", "1—M月累计营业收入", "revenue, year to date", "万元", ytd);
		if (!ann_worst)
			warn_fig(&d, "annualised", "1—M月累计折合全年营业收入", "revenue, year to date annualised", "万元", ann);
	}
	char a[48], l[48], from[24], to[24];
	pb_num_grouped(line, line == floor(line) ? 0 : 2, l);
	warn_say(&d, "规上企业");
	if (has12) {
		warn_month_zh(from, pb_month_add(x->month, -11));
		warn_month_zh(to, x->month);
		warn_amount(a, last12);
		warn_say(&d, "近12个月（%s至%s）营业收入 %s 万元%s", from, to, a,
			 under12 ? "，低于规上标准" : "，未低于规上标准");
		if (under12)
			warn_say(&d, " %s 万元（差 %.1f%%）", l, (line - last12) / line * 100);
	}
	if (under_ann) {
		char y[48];
		warn_amount(y, ytd);
		warn_amount(a, ann);
		warn_say(&d, "%s1—%d月累计营业收入 %s 万元，折合全年 %s 万元，低于规上标准 %s 万元（差 %.1f%%）",
			 has12 ? "；" : "", m, y, a, l, (line - ann) / line * 100);
	}
	return warn_emit(x, e, r, &d);
}

/* ---- (d) a report missing or late ----------------------------------------------------------- */

static int report_missing(warn_ctx *x, size_t e)
{
	const pb_cube *c = x->c;
	const pb_warn_rule r = PB_WR_REPORT_MISSING;
	if (!x->month_has_reports || pb_cube_reported(c, e, x->t))
		return 0;
	int lookback = (int)warn_param(x, r, PB_WP_LINE), last = -1;
	for (int j = x->t - 1; j >= 0 && j >= x->t - lookback; j--)
		if (pb_cube_reported(c, e, j)) {
			last = j;
			break;
		}
	if (last < 0)
		return 0; /* not reporting for longer than the lookback: not a missed month */
	int missing = x->t - last;
	warn_draft d = { .severity = warn_ladder_at_least(missing, warn_param(x, r, PB_WP_WARN),
							  warn_param(x, r, PB_WP_SEVERE)) };
	warn_fig(&d, "missing_months", "连续未报月数", "months missing", "个月", missing);
	warn_fig(&d, "lookback", "回看月数", "months looked back", "个月", lookback);
	char m[24], l[24];
	warn_month_zh(m, x->month);
	warn_month_zh(l, pb_cube_month(c, last));
	warn_say(&d, "%s报表未报送（最近一次报送为 %s", m, l);
	if (missing > 1)
		warn_say(&d, "，已连续 %d 个月未报", missing);
	warn_say(&d, "）");
	return warn_emit(x, e, r, &d);
}

/* The date `days` days after the end of month yyyymm (1 = the 1st of the next month),
 * as "2024-04-15". */
static void date_after_month(char out[16], int yyyymm, int days)
{
	int ym = pb_month_add(yyyymm, 1), d = days;
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (;;) {
		int y = ym / 100, mo = ym % 100;
		int n = len[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
		if (d <= n)
			break;
		d -= n;
		ym = pb_month_add(ym, 1);
	}
	snprintf(out, 16, "%04d-%02d-%02d", ym / 100 % 10000, ym % 100, d % 100);
}

static int report_late(warn_ctx *x, size_t e)
{
	const pb_cube *c = x->c;
	const pb_warn_rule r = PB_WR_REPORT_LATE;
	/* a report without a 报送日期 is never late: the file did not say */
	int filed = c->filed ? c->filed[(size_t)x->t * c->nent + e] : 0;
	int deadline = (int)warn_param(x, r, PB_WP_LINE);
	if (filed == 0 || filed <= deadline)
		return 0;
	int late = filed - deadline;
	warn_draft d = { .severity = warn_ladder_at_least(late, warn_param(x, r, PB_WP_WARN),
							  warn_param(x, r, PB_WP_SEVERE)) };
	warn_fig(&d, "days_late", "逾期天数", "days late", "天", late);
	warn_fig(&d, "filed_day", "报送日（距月末天数）", "filed (days after the month)", "天", filed);
	warn_fig(&d, "threshold", "报送截止（距月末天数）", "deadline (days after the month)", "天", deadline);
	char m[24], on[16], due[16];
	warn_month_zh(m, x->month);
	date_after_month(on, x->month, filed);
	date_after_month(due, x->month, deadline);
	/* the cube keeps at most 255 days: a later filing reads as the 255th */
	warn_say(&d, "%s报表于 %s%s报送，晚于报送截止日 %s，逾期 %d 天%s", m, on, filed == 255 ? " 或更晚" : " ",
		 due, late, filed == 255 ? "以上" : "");
	return warn_emit(x, e, r, &d);
}

/* ---- (e) a spike: a figure far from the enterprise's recent months --------------------------- */

/* The figures a unit slip or a typing error shows in; not profit (its sign changes), nor
 * export, R&D and headcount, which move in lumps or hardly at all. */
static const pb_metric spike_metrics[] = { GO, PB_M_SALES_OUTPUT, PB_M_REVENUE, PB_M_TAX,
					   PB_M_ELECTRICITY, PB_M_ENERGY };
#define NSPIKE (sizeof(spike_metrics) / sizeof(spike_metrics[0]))
#define SPIKE_WINDOW 3

typedef struct spike_hit {
	pb_metric k;
	double value, median, factor; /* factor = max(value / median, median / value) */
	int months;
} spike_hit;

static void spike_figures(warn_draft *d, const spike_hit *h)
{
	const char *name = pb_metric_name(h->k), *en = pb_metric_name_en(h->k), *unit = pb_metric_unit(h->k);
	char key[32], zh[64], eng[64];
	snprintf(key, sizeof(key), "%s_factor", pb_metric_key(h->k));
	snprintf(zh, sizeof(zh), "%s偏离倍数", name);
	snprintf(eng, sizeof(eng), "%s, times off", en);
	warn_fig(d, key, zh, eng, "倍", h->factor);
	snprintf(key, sizeof(key), "%s_value", pb_metric_key(h->k));
	snprintf(zh, sizeof(zh), "%s本月", name);
	snprintf(eng, sizeof(eng), "%s, this month", en);
	warn_fig(d, key, zh, eng, unit, h->value);
	snprintf(key, sizeof(key), "%s_median", pb_metric_key(h->k));
	snprintf(zh, sizeof(zh), "%s前期中位数", name);
	snprintf(eng, sizeof(eng), "%s, median before", en);
	warn_fig(d, key, zh, eng, unit, h->median);
}

static void spike_say(warn_draft *d, const spike_hit *h, int first)
{
	char v[48], m[48];
	warn_amount(v, h->value);
	warn_amount(m, h->median);
	warn_say(d, "%s%s本月 %s %s，", first ? "" : "；", pb_metric_name(h->k), v, pb_metric_unit(h->k));
	if (h->value >= h->median)
		warn_say(d, "为前 %d 个报送月中位数 %s %s的 %.1f 倍", h->months, m, pb_metric_unit(h->k),
			 h->factor);
	else
		warn_say(d, "仅为前 %d 个报送月中位数 %s %s的 %.3g%%", h->months, m, pb_metric_unit(h->k),
			 h->value / h->median * 100);
}

static int spike(warn_ctx *x, size_t e)
{
	const pb_warn_rule r = PB_WR_SPIKE;
	double factor = warn_param(x, r, PB_WP_LINE);
	int min_history = (int)warn_param(x, r, PB_WP_EXTRA);
	spike_hit hits[NSPIKE];
	size_t n = 0;
	for (size_t i = 0; i < NSPIKE; i++) {
		spike_hit h = { .k = spike_metrics[i] };
		/* a month of 0 is a stoppage, not a slip: the 同比 rules speak of it */
		if (!pb_cube_value(x->c, h.k, e, x->t, &h.value) || !(h.value > 0))
			continue;
		h.months = warn_recent_median(x->c, h.k, e, x->t, SPIKE_WINDOW, &h.median);
		if (h.months < min_history || !(h.median > 0))
			continue;
		h.factor = h.value >= h.median ? h.value / h.median : h.median / h.value;
		if (!warn_at_least(h.factor, factor))
			continue;
		/* keep the worst first: insertion into at most six */
		size_t at = n++;
		while (at > 0 && hits[at - 1].factor < h.factor) {
			hits[at] = hits[at - 1];
			at--;
		}
		hits[at] = h;
	}
	if (n == 0)
		return 0;
	warn_draft d = { .severity = warn_ladder_at_least(hits[0].factor, warn_param(x, r, PB_WP_WARN),
							  warn_param(x, r, PB_WP_SEVERE)) };
	for (size_t i = 0; i < n; i++)
		spike_figures(&d, &hits[i]);
	warn_fig(&d, "threshold", "预警线：偏离倍数", "line: times off", "倍", factor);
	warn_say(&d, "数据异常：");
	for (size_t i = 0; i < n; i++)
		spike_say(&d, &hits[i], i == 0);
	/* 元 for 万元 (or 千瓦时 for 万千瓦时) is a factor of 10,000 */
	if (hits[0].factor >= 3000 && hits[0].factor <= 30000)
		warn_say(&d, "（相差约一万倍，疑为单位错填：元与万元）");
	return warn_emit(x, e, r, &d);
}

/* ---- (f) 税金 above 营业收入 ---------------------------------------------------------------- */

static int tax_over_revenue(warn_ctx *x, size_t e)
{
	const pb_warn_rule r = PB_WR_TAX_OVER_REVENUE;
	double tax, rev, ratio = warn_param(x, r, PB_WP_LINE);
	if (!pb_cube_value(x->c, PB_M_TAX, e, x->t, &tax) || !pb_cube_value(x->c, PB_M_REVENUE, e, x->t, &rev))
		return 0;
	if (!(tax > 0) || !warn_more_than(tax, ratio * rev))
		return 0;
	char t[48], v[48], l[32];
	warn_amount(t, tax);
	warn_amount(v, rev);
	warn_number(l, ratio);
	warn_draft d = { .severity = 1 };
	if (!(rev > 0)) {
		/* a month without sales still pays property and land-use tax: worth a look, no more */
		warn_fig(&d, "tax", "税金", "taxes", "万元", tax);
		warn_fig(&d, "revenue", "营业收入", "revenue", "万元", rev);
		warn_say(&d, "税金 %s 万元，营业收入为 %s 万元（无销售月份也可能缴纳房产税、土地使用税，请核实）", t, v);
		return warn_emit(x, e, r, &d);
	}
	double q = tax / rev;
	d.severity = warn_ladder_more(q, warn_param(x, r, PB_WP_WARN), warn_param(x, r, PB_WP_SEVERE));
	warn_fig(&d, "ratio", "税金为营业收入的倍数", "taxes over revenue", "倍", q);
	warn_fig(&d, "tax", "税金", "taxes", "万元", tax);
	warn_fig(&d, "revenue", "营业收入", "revenue", "万元", rev);
	warn_fig(&d, "threshold", "预警线：倍数", "line: times", "倍", ratio);
	if (ratio == 1)
		warn_say(&d, "税金 %s 万元高于营业收入 %s 万元（为其 %.2f 倍）", t, v, q);
	else
		warn_say(&d, "税金 %s 万元为营业收入 %s 万元的 %.2f 倍，超过预警线 %s 倍", t, v, q, l);
	return warn_emit(x, e, r, &d);
}

/* ---- (g) energy used, no output ---------------------------------------------------------------- */

typedef struct energy_use {
	pb_metric k;
	double value, usual, share; /* share of usual in percent, NaN when unknown */
} energy_use;

static int energy_reading(const warn_ctx *x, size_t e, energy_use *u)
{
	if (!pb_cube_value(x->c, u->k, e, x->t, &u->value) || !(u->value > 0))
		return 0;
	u->share = PB_MISSING;
	if (warn_recent_median(x->c, u->k, e, x->t, SPIKE_WINDOW, &u->usual) && u->usual > 0)
		u->share = u->value / u->usual * 100;
	return 1;
}

static int energy_without_output(warn_ctx *x, size_t e)
{
	const pb_warn_rule r = PB_WR_ENERGY_WITHOUT_OUTPUT;
	double out;
	int has_out = pb_cube_value(x->c, GO, e, x->t, &out);
	if (has_out && out > 0)
		return 0;
	energy_use u[2] = { { .k = PB_M_ENERGY }, { .k = PB_M_ELECTRICITY } };
	int has[2] = { energy_reading(x, e, &u[0]), energy_reading(x, e, &u[1]) };
	if (!has[0] && !has[1])
		return 0;
	/* how close to its usual consumption it ran: near normal with no output is most
	 * likely output left out of the report; a trickle is a plant standing idle */
	double share = PB_MISSING;
	for (int i = 0; i < 2; i++)
		if (has[i] && isfinite(u[i].share) && !(share >= u[i].share))
			share = u[i].share;
	double line = warn_param(x, r, PB_WP_LINE);
	if (isfinite(share) && !warn_at_least(share, line))
		return 0;
	warn_draft d = { .severity = isfinite(share) ? warn_ladder_at_least(share, warn_param(x, r, PB_WP_WARN),
									   warn_param(x, r, PB_WP_SEVERE))
						  : 1 };
	if (isfinite(share))
		warn_fig(&d, "usual_share", "用能占近期常态的比例", "share of usual use", "%", share);
	for (int i = 0; i < 2; i++)
		if (has[i])
			warn_fig(&d, pb_metric_key(u[i].k), pb_metric_name(u[i].k), pb_metric_name_en(u[i].k),
				 pb_metric_unit(u[i].k), u[i].value);
	if (has_out)
		warn_fig(&d, "gross_output", "工业总产值", "gross industrial output", "万元", out);
	if (isfinite(share))
		warn_fig(&d, "threshold", "预警线：占近期常态的比例", "line: share of usual use", "%", line);
	for (int i = 0, said = 0; i < 2; i++)
		if (has[i]) {
			char v[48];
			warn_amount(v, u[i].value);
			warn_say(&d, "%s%s %s %s", said++ ? "、" : "", pb_metric_name(u[i].k), v, pb_metric_unit(u[i].k));
		}
	warn_say(&d, "，工业总产值%s", has_out ? "为 0" : "未填报");
	if (isfinite(share))
		warn_say(&d, "；用能为此前报送月（至多 %d 个）中位数的 %.1f%%", SPIKE_WINDOW, share);
	return warn_emit(x, e, r, &d);
}

const warn_rule_fn pb_warn_rule_fns[PB_WR_COUNT] = {
	[PB_WR_OUTPUT_YOY_MONTH] = output_yoy_month,
	[PB_WR_OUTPUT_YOY_YTD] = output_yoy_ytd,
	[PB_WR_OUTPUT_DECLINE_STREAK] = output_decline_streak,
	[PB_WR_BELOW_SCALE_LINE] = below_scale_line,
	[PB_WR_REPORT_MISSING] = report_missing,
	[PB_WR_REPORT_LATE] = report_late,
	[PB_WR_SPIKE] = spike,
	[PB_WR_TAX_OVER_REVENUE] = tax_over_revenue,
	[PB_WR_ENERGY_WITHOUT_OUTPUT] = energy_without_output,
};
