/*
 * warn.c - the rules' descriptions and defaults, the configuration check, the run over
 * the enterprises, the list, and the helpers the rules write their warnings with. The
 * rules themselves are in warn_rules.c; docs/metrics.md states them.
 */
#include "warn.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cube_read.h"
#include "error.h"
#include "month.h"
#include "warn_internal.h"

/* ---- the rules and their parameters ------------------------------------------------ */

#define STEPS(unit_zh, wdef, sdef, lo, hi, whole)                                          \
	{ "warn_at", "预警（二级）起点：" unit_zh, wdef, lo, hi, whole },                    \
	{ "severe_at", "严重（三级）起点：" unit_zh, sdef, lo, hi, whole }

static const pb_warn_rule_info rules[PB_WR_COUNT] = {
	[PB_WR_OUTPUT_YOY_MONTH] = {
		"output_yoy_month", "产值当月同比下降", "Output YoY down (month)", 4,
		{ { "threshold", "预警线：当月同比降幅（%）", 20, 0, 100, 0 },
		  STEPS("降幅（%）", 30, 50, 0, 100, 0),
		  { "min_base", "上年同月产值不足此数（万元）的企业不计", 0, 0, 1e9, 0 } }, 0 },
	[PB_WR_OUTPUT_YOY_YTD] = {
		"output_yoy_ytd", "产值累计同比下降", "Output YoY down (year to date)", 4,
		{ { "threshold", "预警线：累计同比降幅（%）", 15, 0, 100, 0 },
		  STEPS("降幅（%）", 25, 40, 0, 100, 0),
		  { "min_base", "上年同期累计产值不足此数（万元）的企业不计", 0, 0, 1e9, 0 } }, 0 },
	[PB_WR_OUTPUT_DECLINE_STREAK] = {
		"output_decline_streak", "产值连续下降", "Output down months running", 3,
		{ { "months", "预警线：当月同比连续下降月数", 3, 2, 36, 1 },
		  STEPS("连续月数", 6, 12, 2, 36, 1) }, 0 },
	[PB_WR_BELOW_SCALE_LINE] = {
		"below_scale_line", "营业收入低于规上标准", "Revenue under the size line", 4,
		{ { "line", "规上标准：年营业收入（万元）", 2000, 1, 1e9, 0 },
		  STEPS("低于标准的幅度（%）", 10, 30, 0, 100, 0),
		  { "annualised", "同时按1—M月累计折合全年判断（0 否，1 是）", 0, 0, 1, 1 } }, 1 },
	[PB_WR_REPORT_MISSING] = {
		"report_missing", "报表缺报", "Report missing", 3,
		{ { "lookback", "回看月数：此期间内报送过才算缺报", 3, 1, 24, 1 },
		  STEPS("连续未报月数", 2, 3, 1, 24, 1) }, 1 },
	[PB_WR_REPORT_LATE] = {
		"report_late", "报表逾期", "Report filed late", 3,
		{ { "deadline_day", "报送截止日：次月第几日", 8, 1, 60, 1 },
		  STEPS("逾期天数", 7, 15, 1, 255, 1) }, 1 },
	[PB_WR_SPIKE] = {
		"spike", "数据异常波动", "Implausible jump", 4,
		{ { "factor", "预警线：本月为前3个报送月中位数的倍数（或其几分之一）", 10, 1.5, 1e9, 0 },
		  STEPS("倍数", 100, 1000, 1.5, 1e9, 0),
		  { "min_history", "至少需要的前期报送月数", 2, 1, 3, 1 } }, 0 },
	[PB_WR_TAX_OVER_REVENUE] = {
		"tax_over_revenue", "税金高于营业收入", "Tax above revenue", 3,
		{ { "ratio", "预警线：税金为营业收入的倍数", 1, 0.1, 1e9, 0 },
		  STEPS("倍数", 2, 10, 0.1, 1e9, 0) }, 0 },
	[PB_WR_ENERGY_WITHOUT_OUTPUT] = {
		"energy_without_output", "有能耗无产值", "Energy used, no output", 3,
		{ { "threshold", "预警线：能耗（用电）占近期常态的比例（%），0 为任何用量", 0, 0, 1e6, 0 },
		  STEPS("占近期常态的比例（%）", 30, 80, 0, 1e6, 0) }, 0 },
};

const pb_warn_rule_info *pb_warn_rule_get(pb_warn_rule r)
{
	return r >= 0 && r < PB_WR_COUNT ? &rules[r] : NULL;
}

int pb_warn_rule_index(const char *key)
{
	for (int i = 0; i < PB_WR_COUNT; i++)
		if (key && strcmp(key, rules[i].key) == 0)
			return i;
	return -1;
}

int pb_warn_rule_parse(pb_warn_rule *r, const char *key)
{
	int i = pb_warn_rule_index(key);
	if (i >= 0) {
		*r = (pb_warn_rule)i;
		return 0;
	}
	char keys[512] = "";
	size_t n = 0;
	for (int j = 0; j < PB_WR_COUNT && n < sizeof(keys); j++)
		n += (size_t)snprintf(keys + n, sizeof(keys) - n, "%s%s", j ? " " : "", rules[j].key);
	return pb_error_set(PB_EINVAL, "未知的预警规则「%s」（可用：%s）/ unknown warning rule \"%s\" "
			    "(use: %s)", key ? key : "", keys, key ? key : "", keys);
}

const char *pb_warn_severity_name(int severity)
{
	static const char *const names[] = { "关注", "预警", "严重" };
	return severity >= 1 && severity <= 3 ? names[severity - 1] : "";
}

const char *pb_warn_severity_name_en(int severity)
{
	static const char *const names[] = { "notice", "warning", "severe" };
	return severity >= 1 && severity <= 3 ? names[severity - 1] : "";
}

static const struct {
	const char *key, *name, *name_en;
} statuses[PB_WS_COUNT] = {
	[PB_WS_OPEN] = { "open", "未处理", "open" },
	[PB_WS_ACKNOWLEDGED] = { "acknowledged", "已签收", "acknowledged" },
	[PB_WS_CLOSED] = { "closed", "已办结", "closed" },
};

const char *pb_warn_status_key(pb_warn_status s)
{
	return s >= 0 && s < PB_WS_COUNT ? statuses[s].key : NULL;
}

const char *pb_warn_status_name(pb_warn_status s)
{
	return s >= 0 && s < PB_WS_COUNT ? statuses[s].name : NULL;
}

const char *pb_warn_status_name_en(pb_warn_status s)
{
	return s >= 0 && s < PB_WS_COUNT ? statuses[s].name_en : NULL;
}

int pb_warn_status_parse(pb_warn_status *s, const char *key)
{
	for (int i = 0; i < PB_WS_COUNT; i++)
		if (key && strcmp(key, statuses[i].key) == 0) {
			*s = (pb_warn_status)i;
			return 0;
		}
	return pb_error_set(PB_EINVAL, "未知的处理状态「%s」（可用 open acknowledged closed）/ "
			    "unknown status \"%s\" (use open acknowledged closed)",
			    key ? key : "", key ? key : "");
}

/* ---- configuration ---------------------------------------------------------------- */

void pb_warn_config_default(pb_warn_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (int r = 0; r < PB_WR_COUNT; r++) {
		cfg->rule[r].enabled = 1;
		for (size_t i = 0; i < rules[r].nparams; i++)
			cfg->rule[r].p[i] = rules[r].params[i].def;
	}
}

static int check_param(const pb_warn_rule_info *ri, const pb_warn_param *pp, double v)
{
	if (!isfinite(v) || v < pp->min || v > pp->max)
		return pb_error_set(PB_EINVAL, "%s.%s = %g 超出范围 %g..%g（%s）/ %s.%s = %g is outside "
				    "%g..%g", ri->key, pp->key, v, pp->min, pp->max, pp->name, ri->key,
				    pp->key, v, pp->min, pp->max);
	if (pp->integer && v != floor(v))
		return pb_error_set(PB_EINVAL, "%s.%s 应为整数（%s）/ %s.%s must be a whole number",
				    ri->key, pp->key, pp->name, ri->key, pp->key);
	return 0;
}

int pb_warn_config_check(const pb_warn_config *cfg)
{
	for (int r = 0; r < PB_WR_COUNT; r++) {
		const pb_warn_rule_info *ri = &rules[r];
		const double *p = cfg->rule[r].p;
		for (size_t i = 0; i < ri->nparams; i++) {
			int rc = check_param(ri, &ri->params[i], p[i]);
			if (rc)
				return rc;
		}
		for (int i = ri->ordered_from; i < PB_WP_SEVERE; i++)
			if (p[i] > p[i + 1])
				return pb_error_set(PB_EINVAL, "%s：%s（%g）不应大于 %s（%g）/ %s: %s (%g) must "
						    "not exceed %s (%g)", ri->key, ri->params[i].key, p[i],
						    ri->params[i + 1].key, p[i + 1], ri->key,
						    ri->params[i].key, p[i], ri->params[i + 1].key, p[i + 1]);
	}
	return 0;
}

/* ---- helpers for the rules ------------------------------------------------------------ */

/* The longest m ≤ n such that s[0..m) does not end in part of a UTF-8 character. */
static size_t utf8_cut(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return n;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return i - 1 + need > n ? i - 1 : n;
}

/* Copy src into dst[size], cut short (if it must be) before a whole character. */
static void copy_text(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= size)
		n = utf8_cut(src, size - 1);
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void warn_fig(warn_draft *d, const char *key, const char *name, const char *name_en,
	      const char *unit, double value)
{
	if (d->nfig >= WARN_MAX_FIGS || !isfinite(value))
		return;
	pb_warn_figure *f = &d->fig[d->nfig++];
	copy_text(f->key, sizeof(f->key), key);
	copy_text(f->name, sizeof(f->name), name);
	copy_text(f->name_en, sizeof(f->name_en), name_en);
	copy_text(f->unit, sizeof(f->unit), unit);
	f->value = value;
}

void warn_say(warn_draft *d, const char *fmt, ...)
{
	if (d->len >= sizeof(d->msg) - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(d->msg + d->len, sizeof(d->msg) - d->len, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n < sizeof(d->msg) - d->len) {
		d->len += (size_t)n;
		return;
	}
	/* cut short: drop a character left half-written, so the message stays UTF-8 */
	d->len = utf8_cut(d->msg, sizeof(d->msg) - 1);
	d->msg[d->len] = '\0';
}

static double tolerance(double line)
{
	return 1e-9 * fmax(1, fabs(line));
}

int warn_more_than(double x, double line)
{
	return x > line + tolerance(line);
}

int warn_at_least(double x, double line)
{
	return x >= line - tolerance(line);
}

int warn_ladder_more(double x, double warn_at, double severe_at)
{
	return warn_more_than(x, severe_at) ? 3 : warn_more_than(x, warn_at) ? 2 : 1;
}

int warn_ladder_at_least(double x, double warn_at, double severe_at)
{
	return warn_at_least(x, severe_at) ? 3 : warn_at_least(x, warn_at) ? 2 : 1;
}

void warn_number(char *out, double v)
{
	snprintf(out, 32, "%.10g", v);
}

void warn_month_zh(char *out, int yyyymm)
{
	snprintf(out, 24, "%d年%d月", yyyymm / 100, yyyymm % 100);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int warn_recent_median(const pb_cube *c, pb_metric k, size_t e, int t, int want, double *median)
{
	double v[12];
	int n = 0;
	for (int j = t - 1; j >= 0 && j >= t - 12 && n < want && n < 12; j--)
		if (pb_cube_value(c, k, e, j, &v[n]))
			n++;
	*median = PB_MISSING;
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof(v[0]), by_value);
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	return n;
}

/* ---- the list ----------------------------------------------------------------------------- */

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足，无法生成预警 / out of memory computing the warnings");
}

int warn_emit(warn_ctx *x, size_t e, pb_warn_rule r, const warn_draft *d)
{
	pb_warn_list *l = x->out;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		pb_warning *ni = realloc(l->items, cap * sizeof(*ni));
		if (!ni)
			return oom();
		l->items = ni;
		l->cap = cap;
	}
	pb_warning w = { .ent = e, .enterprise_id = x->c->ent[e].id, .rule = r, .month = x->month,
			 .severity = d->severity < 1 ? 1 : d->severity > 3 ? 3 : d->severity };
	w.fig = malloc((d->nfig ? d->nfig : 1) * sizeof(*w.fig));
	w.message = strdup(d->msg);
	if (!w.fig || !w.message) {
		free(w.fig);
		free(w.message);
		return oom();
	}
	memcpy(w.fig, d->fig, d->nfig * sizeof(*w.fig));
	w.nfig = d->nfig;
	l->items[l->n++] = w;
	l->count[r][w.severity - 1]++;
	return 0;
}

void pb_warn_list_free(pb_warn_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].fig);
		free(l->items[i].message);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- the run ---------------------------------------------------------------------------- */

int pb_warn_run(pb_warn_list *out, const pb_cube *c, const pb_warn_config *cfg, int month)
{
	memset(out, 0, sizeof(*out));
	int t = pb_cube_col(c, month);
	if (t < 0) {
		char m[8], lo[8], hi[8];
		pb_month_format(month, m);
		pb_month_format(c->first_month, lo);
		pb_month_format(pb_cube_month(c, c->nmonths - 1), hi);
		return pb_error_set(PB_EINVAL, "月份 %s 不在数据范围 %s 至 %s 内 / month %s is outside the "
				    "data, %s to %s", m, lo, hi, m, lo, hi);
	}
	int rc = pb_warn_config_check(cfg);
	if (rc)
		return rc;
	warn_ctx x = { .c = c, .cfg = cfg, .out = out, .t = t, .month = month,
		       .month_has_reports = pb_cube_month_has_reports(c, t) };
	out->month = month;
	for (int r = 0; r < PB_WR_COUNT; r++)
		if (cfg->rule[r].enabled)
			out->rules |= 1u << r;
	for (size_t e = 0; e < c->nent && !rc; e++)
		for (int r = 0; r < PB_WR_COUNT && !rc; r++)
			if (out->rules & (1u << r))
				rc = pb_warn_rule_fns[r](&x, e);
	return rc;
}

/* ---- figures as JSON -------------------------------------------------------------------- */

int pb_warn_figures_json(pb_buf *out, const pb_warning *w)
{
	int rc = pb_buf_puts(out, "[");
	for (size_t i = 0; i < w->nfig && !rc; i++) {
		const pb_warn_figure *f = &w->fig[i];
		char num[32];
		pb_num_format(f->value, num);
		rc = pb_buf_puts(out, i ? ",{\"key\":" : "{\"key\":");
		rc = rc ? rc : pb_buf_json_string(out, f->key);
		rc = rc ? rc : pb_buf_puts(out, ",\"name\":");
		rc = rc ? rc : pb_buf_json_string(out, f->name);
		rc = rc ? rc : pb_buf_puts(out, ",\"name_en\":");
		rc = rc ? rc : pb_buf_json_string(out, f->name_en);
		rc = rc ? rc : pb_buf_puts(out, ",\"value\":");
		rc = rc ? rc : pb_buf_puts(out, num);
		rc = rc ? rc : pb_buf_puts(out, ",\"unit\":");
		rc = rc ? rc : pb_buf_json_string(out, f->unit);
		rc = rc ? rc : pb_buf_puts(out, "}");
	}
	rc = rc ? rc : pb_buf_puts(out, "]");
	return rc ? oom() : 0;
}
