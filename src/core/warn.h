/*
 * warn.h - early warnings (预警): rules run over the sealed cube for one month, each
 * firing at most once per enterprise, with a severity, the figures that triggered it
 * and a Chinese message that quotes them.
 *
 * Rules (docs/metrics.md states exactly when each fires, with an example):
 *   output_yoy_month       工业总产值 当月同比 down more than X% (same sample)
 *   output_yoy_ytd         工业总产值 1-M月累计同比 down more than X% (same sample)
 *   output_decline_streak  当月同比 negative K months running, ending at M
 *   below_scale_line       a 规上 enterprise's last-12-months 营业收入 under 2000万元
 *   report_missing         reported in the lookback months, nothing for M
 *   report_late            报送日期 after the deadline day of the next month
 *   spike                  a figure ≥ F× (or ≤ 1/F of) the median of the previous months
 *   tax_over_revenue       税金 above 营业收入 for the month
 *   energy_without_output  综合能耗 or 用电量 with 工业总产值 missing or 0
 *
 * Severity is 1 关注, 2 预警, 3 严重; each rule has two steps (warn_at, severe_at) on its
 * own measure (a deeper decline, a longer streak, more days late, ...).
 *
 * This module computes; it keeps nothing. src/store/store_warn.h saves a run (keeping
 * the follow-up of warnings that fire again) and src/io/warn_out.h presents them.
 */
#ifndef PB_WARN_H
#define PB_WARN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cube.h"

typedef enum pb_warn_rule {
	PB_WR_OUTPUT_YOY_MONTH = 0,
	PB_WR_OUTPUT_YOY_YTD,
	PB_WR_OUTPUT_DECLINE_STREAK,
	PB_WR_BELOW_SCALE_LINE,
	PB_WR_REPORT_MISSING,
	PB_WR_REPORT_LATE,
	PB_WR_SPIKE,
	PB_WR_TAX_OVER_REVENUE,
	PB_WR_ENERGY_WITHOUT_OUTPUT,
	PB_WR_COUNT
} pb_warn_rule;

/* The parameters of a rule, as indexes into pb_warn_rule_config.p. Every rule has the
 * same three: its line (when it fires; each rule names it in its own words - "threshold",
 * "months", "line", "lookback", "deadline_day", "factor", "ratio"), and the two steps of
 * its severity ladder, warn_at (→ 2 预警) and severe_at (→ 3 严重), measured on the rule's
 * main figure; some rules have a fourth (min_base, annualised, min_history). */
enum {
	PB_WP_LINE = 0,
	PB_WP_WARN = 1,
	PB_WP_SEVERE = 2,
	PB_WP_EXTRA = 3,
};

enum { PB_WARN_MAX_PARAMS = 4 };

/* One parameter of a rule: its key in the configuration file, its meaning, default and
 * the range a configuration may set. */
typedef struct pb_warn_param {
	const char *key;  /* "threshold" */
	const char *name; /* "预警线：同比降幅（%）" */
	double def, min, max;
	int integer;      /* a whole number (months, days, a 0/1 switch) */
} pb_warn_param;

/* What a rule is: keys and names for every output, and its parameters. */
typedef struct pb_warn_rule_info {
	const char *key;     /* stable ASCII, stored in warnings.rule */
	const char *name;    /* "产值当月同比下降" */
	const char *name_en; /* "Output YoY down (month)" */
	size_t nparams;
	pb_warn_param params[PB_WARN_MAX_PARAMS];
	/* the parameters that must come in order, from this index to PB_WP_SEVERE: 0 when
	 * the line is measured like the steps (a decline of 20% < 30% < 50%), 1 when it is
	 * not (a line in 万元, steps in percent short of it) */
	int ordered_from;
} pb_warn_rule_info;

/** The description of rule r; NULL when r is out of range. */
const pb_warn_rule_info *pb_warn_rule_get(pb_warn_rule r);

/** The rule named by `key`, or -1 when no rule has that key (no error is set: a stored
 * key this version does not know is data, not a failure). */
int pb_warn_rule_index(const char *key);

/** The rule named by `key`; returns 0 and sets *r, or PB_EINVAL listing the keys. */
int pb_warn_rule_parse(pb_warn_rule *r, const char *key);

/** Chinese and English names of severity 1..3 (关注/预警/严重); "" out of range. */
const char *pb_warn_severity_name(int severity);
const char *pb_warn_severity_name_en(int severity);

/* The follow-up of a stored warning: open → acknowledged (签收) → closed (办结), or
 * open → closed directly. */
typedef enum pb_warn_status {
	PB_WS_OPEN = 0,
	PB_WS_ACKNOWLEDGED,
	PB_WS_CLOSED,
	PB_WS_COUNT
} pb_warn_status;

/** The status's key ("open", "acknowledged", "closed" - as stored), Chinese name
 * (未处理/已签收/已办结) and English name; NULL out of range. */
const char *pb_warn_status_key(pb_warn_status s);
const char *pb_warn_status_name(pb_warn_status s);
const char *pb_warn_status_name_en(pb_warn_status s);

/** The status named by its key; returns 0 and sets *s, or PB_EINVAL. */
int pb_warn_status_parse(pb_warn_status *s, const char *key);

/* ---- configuration ---------------------------------------------------------------- */

typedef struct pb_warn_rule_config {
	int enabled;
	double p[PB_WARN_MAX_PARAMS]; /* indexed by the rule's PB_WP_* */
} pb_warn_rule_config;

typedef struct pb_warn_config {
	pb_warn_rule_config rule[PB_WR_COUNT];
} pb_warn_config;

/** Every rule enabled with its documented defaults (pb_warn_rule_info.params[].def). */
void pb_warn_config_default(pb_warn_config *cfg);

/**
 * Check a configuration: every parameter within its range and whole where it must be,
 * and each rule's steps in order (threshold ≤ warn_at ≤ severe_at). Returns 0, or
 * PB_EINVAL naming the rule and parameter ("output_yoy_month.warn_at").
 */
int pb_warn_config_check(const pb_warn_config *cfg);

/* ---- a run ----------------------------------------------------------------------- */

/* One figure that triggered a warning: a name/value pair with its unit. */
typedef struct pb_warn_figure {
	char key[32];     /* stable ASCII: "value", "base", "growth", "revenue_ratio" */
	char name[64];    /* Chinese: "本月", "上年同月", "当月同比" */
	char name_en[64];
	char unit[16];    /* "万元", "%", "个月", "天", "倍", "吨标准煤", "" */
	double value;     /* never NaN */
} pb_warn_figure;

/* One warning. The first figure is the rule's main measure (what the severity steps
 * are measured on); a figure keyed "threshold" is the line it crossed. */
typedef struct pb_warning {
	size_t ent;            /* cube index */
	int64_t enterprise_id; /* store id */
	pb_warn_rule rule;
	int month;             /* yyyymm */
	int severity;          /* 1..3 */
	pb_warn_figure *fig;   /* owned by the list */
	size_t nfig;
	char *message;         /* Chinese, quoting the figures; owned by the list */
} pb_warning;

typedef struct pb_warn_list {
	int month;                   /* yyyymm the rules ran for */
	unsigned rules;              /* bits 1 << pb_warn_rule: the rules that ran */
	pb_warning *items;           /* by enterprise (cube order), then rule */
	size_t n, cap;
	int64_t count[PB_WR_COUNT][3]; /* warnings by rule and severity - 1 */
} pb_warn_list;

/**
 * Run the enabled rules of `cfg` for month yyyymm over the sealed cube c. On success
 * *out holds the warnings (free with pb_warn_list_free, also after a failure). The
 * report_missing rule is skipped for a month without any report at all (its data has
 * not been imported yet, and every enterprise would be "missing"). Returns 0, PB_EINVAL
 * (the month is outside the cube, or the configuration is invalid) or PB_ENOMEM.
 */
int pb_warn_run(pb_warn_list *out, const pb_cube *c, const pb_warn_config *cfg, int month);

/** Free what the list holds; the struct may be reused. */
void pb_warn_list_free(pb_warn_list *l);

/**
 * Append the warning's figures to `out` as JSON text, the form warnings.figures keeps:
 * [{"key":"value","name":"本月","name_en":"this month","value":1234.5,"unit":"万元"},...]
 * Numbers are the shortest decimal that reads back exactly. Returns 0, or PB_ENOMEM.
 */
int pb_warn_figures_json(pb_buf *out, const pb_warning *w);

#endif
