/* plan.c - plan tracking; see plan.h for the rules and the invariants. */
#include "plan.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "growth.h"

/* Computed figures are compared with this much slack: an actual exactly on its course
 * (121 after two years of 10% from 100) must not come out a hair behind it through
 * pow() and log() rounding. */
#define EPS 1e-9

static const char *const status_keys[] = { "done", "on_course", "at_risk", "off_course",
					   "no_data", "unassessable" };
static const char *const status_zh[] = { "已完成", "达到时序进度", "基本达到时序进度",
					 "未达进度", "无实际值", "无法评估" };
static const char *const status_en[] = { "target reached", "on course", "at risk",
					 "off course", "no data", "cannot be assessed" };
static const char *const method_keys[] = { "none", "compound", "linear", "maintain" };
static const char *const method_zh[] = { "—", "复合增长", "线性进度", "保持" };
static const char *const method_en[] = { "—", "compound", "linear", "maintain" };
static const char *const flag_keys[PB_PLAN_FLAG_COUNT] = {
	"early", "stale", "after_target", "linear_fallback", "stated_growth_mismatch",
	"projection_capped"
};

#define PICK(arr, i) ((size_t)(i) < sizeof(arr) / sizeof(arr[0]) ? arr[i] : "")

const char *pb_plan_status_key(pb_plan_status s) { return PICK(status_keys, s); }
const char *pb_plan_method_key(pb_plan_method m) { return PICK(method_keys, m); }

const char *pb_plan_status_name(pb_plan_status s, int en)
{
	return en ? PICK(status_en, s) : PICK(status_zh, s);
}

const char *pb_plan_method_name(pb_plan_method m, int en)
{
	return en ? PICK(method_en, m) : PICK(method_zh, m);
}

const char *pb_plan_direction_key(pb_plan_direction d)
{
	return d == PB_PLAN_UP ? "up" : d == PB_PLAN_DOWN ? "down" : d == PB_PLAN_HOLD ? "hold" : "";
}

const char *pb_plan_flag_key(unsigned flag)
{
	for (int i = 0; i < PB_PLAN_FLAG_COUNT; i++)
		if (flag == 1u << i)
			return flag_keys[i];
	return "";
}

void pb_plan_config_default(pb_plan_config *c)
{
	memset(c, 0, sizeof(*c));
	c->at_risk_tolerance = 5;
	c->growth_tolerance = 1;
	c->stated_growth_tolerance = 0;
	c->binding_strict = 1;
	strcpy(c->linear_units[0], "%");
	c->nlinear_units = 1;
}

static int bad_range(const char *field, double v, double lo, double hi)
{
	return pb_error_set(PB_EINVAL, "plan.%s 应在 %g 到 %g 之间（现为 %g）/ plan.%s must be "
			    "between %g and %g (is %g)", field, lo, hi, v, field, lo, hi, v);
}

int pb_plan_config_check(const pb_plan_config *c)
{
	/* written as !(in range) so that NaN fails too */
	if (!(c->at_risk_tolerance >= 0 && c->at_risk_tolerance <= 100))
		return bad_range("at_risk_tolerance", c->at_risk_tolerance, 0, 100);
	if (!(c->growth_tolerance >= 0 && c->growth_tolerance <= 100))
		return bad_range("growth_tolerance", c->growth_tolerance, 0, 100);
	if (!(c->stated_growth_tolerance >= 0 && c->stated_growth_tolerance <= 100))
		return bad_range("stated_growth_tolerance", c->stated_growth_tolerance, 0, 100);
	if (c->nlinear_units < 1 || c->nlinear_units > PB_PLAN_MAX_UNITS)
		return pb_error_set(PB_EINVAL, "plan.linear_units 应有 1 到 %d 个单位 / "
				    "plan.linear_units must list 1 to %d units",
				    PB_PLAN_MAX_UNITS, PB_PLAN_MAX_UNITS);
	for (size_t i = 0; i < c->nlinear_units; i++) {
		const char *u = c->linear_units[i];
		if (!u[0] || !memchr(u, '\0', PB_PLAN_UNIT_SIZE))
			return pb_error_set(PB_EINVAL, "plan.linear_units 第 %zu 项为空或过长 / "
					    "plan.linear_units item %zu is empty or too long", i + 1,
					    i + 1);
	}
	return 0;
}

double pb_plan_time_share(int64_t base_year, int64_t target_year, int64_t year)
{
	if (base_year == PB_INT_MISSING || target_year == PB_INT_MISSING ||
	    year == PB_INT_MISSING || target_year <= base_year)
		return NAN;
	double t = (double)(year - base_year) / (double)(target_year - base_year) * 100;
	return t < 0 ? 0 : t > 100 ? 100 : t;
}

static int has_unit(const pb_plan_config *c, const char *unit)
{
	for (size_t i = 0; unit && i < c->nlinear_units; i++)
		if (strcmp(unit, c->linear_units[i]) == 0)
			return 1;
	return 0;
}

static int is_percent(const pb_indicator *ind)
{
	return ind->unit && strcmp(ind->unit, "%") == 0;
}

/* The method the indicator's kind calls for, before its actuals are seen. */
static pb_plan_method method_of(const pb_indicator *ind, const pb_plan_config *c)
{
	if (ind->base_year == PB_INT_MISSING || ind->target_year == PB_INT_MISSING ||
	    ind->target_year <= ind->base_year || pb_is_missing(ind->base_value) ||
	    pb_is_missing(ind->target_value))
		return PB_PLAN_NONE;
	if (ind->target_value == ind->base_value)
		return PB_PLAN_MAINTAIN;
	if (has_unit(c, ind->unit) || (ind->attribute && strcmp(ind->attribute, "累计值") == 0))
		return PB_PLAN_LINEAR;
	return PB_PLAN_COMPOUND;
}

/* Half a unit of the last decimal `v` is written with: the rounding a plan's stated
 * figure may carry ("10.3%" stands for 10.25..10.35, "15%" for 14.5..15.5). */
static double half_last_digit(double v)
{
	char s[32];
	pb_num_format(v, s);
	if (strchr(s, 'e')) /* 1e-07: no plan writes a rate so; allow no rounding */
		return 0;
	const char *dot = strchr(s, '.');
	return 0.5 * pow(10, dot ? -(double)strlen(dot + 1) : 0);
}

/* No compound rate through a value that is not positive: track the row linearly. */
static void fall_back(pb_plan_row *w)
{
	w->method = PB_PLAN_LINEAR;
	w->flags |= PB_PLAN_F_LINEAR_FALLBACK;
}

static void row_init(pb_plan_row *w, const pb_indicator *ind, const pb_plan_config *c)
{
	*w = (pb_plan_row){
		.ind = ind,
		.method = method_of(ind, c),
		.binding = ind->attribute && strcmp(ind->attribute, "约束性") == 0,
		.status = PB_PLAN_UNASSESSABLE,
		.latest_year = PB_INT_MISSING,
		.latest_value = NAN, .planned_growth = NAN, .achieved_growth = NAN,
		.required_growth = NAN, .achieved_per_year = NAN, .required_per_year = NAN,
		.path_value = NAN, .projected = NAN, .time_share = NAN, .progress = NAN,
		.shortfall = NAN,
	};
	if (w->method == PB_PLAN_NONE)
		return;
	double b = ind->base_value, t = ind->target_value;
	w->dir = t > b ? PB_PLAN_UP : t < b ? PB_PLAN_DOWN : PB_PLAN_HOLD;
	if (w->method == PB_PLAN_COMPOUND && !(b > 0 && t > 0))
		fall_back(w);
	w->planned_growth = pb_cagr_pct(b, t, (double)(ind->target_year - ind->base_year));
	if (!pb_is_missing(ind->growth) && !isnan(w->planned_growth) &&
	    fabs(ind->growth - w->planned_growth) >
		    half_last_digit(ind->growth) + c->stated_growth_tolerance + EPS)
		w->flags |= PB_PLAN_F_STATED_MISMATCH;
}

/* Take actual `a` into its row if it lies in the years assessed and is the latest. */
static void take_actual(pb_plan_row *w, const pb_indicator_actual *a, int64_t as_of)
{
	const pb_indicator *ind = w->ind;
	if (pb_is_missing(a->value) || a->year > as_of)
		return;
	if (ind->base_year != PB_INT_MISSING && a->year <= ind->base_year)
		return;
	if (ind->target_year != PB_INT_MISSING && a->year > ind->target_year) {
		w->flags |= PB_PLAN_F_AFTER_TARGET;
		return;
	}
	if (w->latest_year == PB_INT_MISSING || a->year > w->latest_year) {
		w->latest_year = a->year;
		w->latest_value = a->value;
	}
}

/* A projection of a share cannot leave 0..100%. */
static double cap_share(pb_plan_row *w, double v)
{
	if (!is_percent(w->ind) || (v >= 0 && v <= 100))
		return v;
	w->flags |= PB_PLAN_F_CAPPED;
	return v < 0 ? 0 : 100;
}

double pb_plan_planned_value(const pb_plan_row *w, int64_t year)
{
	const pb_indicator *ind = w->ind;
	if (w->method == PB_PLAN_NONE || year < ind->base_year || year > ind->target_year)
		return NAN;
	double b = ind->base_value, t = ind->target_value;
	/* through the time share, so that path_value and the path agree to the last bit */
	double share = pb_plan_time_share(ind->base_year, ind->target_year, year) / 100;
	switch (w->method) {
	case PB_PLAN_COMPOUND: return b * pow(t / b, share);
	case PB_PLAN_LINEAR: return b + (t - b) * share;
	default: return t; /* MAINTAIN */
	}
}

static void measure_compound(pb_plan_row *w)
{
	const pb_indicator *ind = w->ind;
	double b = ind->base_value, t = ind->target_value, a = w->latest_value;
	double done = (double)(w->latest_year - ind->base_year);
	double left = (double)(ind->target_year - w->latest_year);
	w->achieved_growth = pb_cagr_pct(b, a, done);
	if (left > 0)
		w->required_growth = pb_cagr_pct(a, t, left);
	w->projected = a * pow(1 + w->achieved_growth / 100, left);
	w->path_value = pb_plan_planned_value(w, w->latest_year);
	w->shortfall = (w->planned_growth - w->achieved_growth) * w->dir;
}

static void measure_linear(pb_plan_row *w)
{
	const pb_indicator *ind = w->ind;
	double b = ind->base_value, t = ind->target_value, a = w->latest_value;
	double done = (double)(w->latest_year - ind->base_year);
	double left = (double)(ind->target_year - w->latest_year);
	double span = (double)(ind->target_year - ind->base_year);
	w->progress = (a - b) / (t - b) * 100;
	w->achieved_per_year = (a - b) / done;
	if (left > 0)
		w->required_per_year = (t - a) / left;
	w->projected = cap_share(w, b + w->achieved_per_year * span);
	w->path_value = pb_plan_planned_value(w, w->latest_year);
	w->shortfall = w->time_share - w->progress;
}

static void measure_maintain(pb_plan_row *w)
{
	const pb_indicator *ind = w->ind;
	double t = ind->target_value, a = w->latest_value;
	double done = (double)(w->latest_year - ind->base_year);
	double span = (double)(ind->target_year - ind->base_year);
	w->achieved_per_year = (a - ind->base_value) / done;
	w->projected = cap_share(w, ind->base_value + w->achieved_per_year * span);
	w->path_value = pb_plan_planned_value(w, w->latest_year);
	/* a target of 0 has no percent of itself: the shortfall is in the unit then */
	w->shortfall = t != 0 ? (t - a) / fabs(t) * 100 : t - a;
}

static int reached(const pb_plan_row *w)
{
	double t = w->ind->target_value, a = w->latest_value, slack = EPS * fmax(1, fabs(t));
	switch (w->dir) {
	case PB_PLAN_UP: return a >= t - slack;
	case PB_PLAN_DOWN: return a <= t + slack;
	default: /* holding is done only when the target year is reached holding */
		return w->latest_year >= w->ind->target_year && a >= t - slack;
	}
}

static pb_plan_status judge(const pb_plan_row *w, const pb_plan_config *c)
{
	if (reached(w))
		return PB_PLAN_DONE;
	if (w->shortfall <= EPS)
		return PB_PLAN_ON_COURSE;
	if (w->binding && c->binding_strict)
		return PB_PLAN_OFF_COURSE;
	double tol = w->method == PB_PLAN_COMPOUND ? c->growth_tolerance : c->at_risk_tolerance;
	return w->shortfall <= tol + EPS ? PB_PLAN_AT_RISK : PB_PLAN_OFF_COURSE;
}

/* The invariants of plan.h; compiled out with NDEBUG. */
static void check_row(const pb_plan_row *w, int64_t as_of, const pb_plan_config *c)
{
	const pb_indicator *ind = w->ind;
	(void)ind;
	(void)as_of;
	(void)c;
	assert((w->method == PB_PLAN_NONE) == (w->status == PB_PLAN_UNASSESSABLE));
	assert(w->method == PB_PLAN_NONE
		       ? w->npath == 0
		       : w->npath == (size_t)(ind->target_year - ind->base_year + 1) &&
				 w->path[0].year == ind->base_year &&
				 w->path[0].actual == ind->base_value &&
				 w->path[w->npath - 1].year == ind->target_year);
	if (w->method == PB_PLAN_NONE)
		return;
	assert(w->time_share >= 0 && w->time_share <= 100);
	assert((w->status == PB_PLAN_NO_DATA) == (w->latest_year == PB_INT_MISSING));
	if (w->status == PB_PLAN_NO_DATA)
		return;
	assert(w->latest_year > ind->base_year && w->latest_year <= ind->target_year &&
	       w->latest_year <= as_of);
	assert(isfinite(w->projected) && isfinite(w->path_value) && isfinite(w->shortfall));
	if (w->method == PB_PLAN_COMPOUND)
		assert(ind->base_value > 0 && ind->target_value > 0 && w->latest_value > 0 &&
		       isfinite(w->achieved_growth) && isnan(w->progress) &&
		       isnan(w->achieved_per_year) && isnan(w->required_per_year));
	if (w->method == PB_PLAN_LINEAR)
		assert(isfinite(w->progress) && isfinite(w->achieved_per_year) &&
		       isnan(w->achieved_growth) && isnan(w->required_growth));
	if (w->method == PB_PLAN_MAINTAIN)
		assert(isnan(w->progress) && isnan(w->achieved_growth) &&
		       isnan(w->required_growth) && isnan(w->required_per_year));
	if (w->status == PB_PLAN_DONE || w->latest_year == ind->target_year)
		assert(isnan(w->required_growth) && isnan(w->required_per_year));
	if (w->status == PB_PLAN_ON_COURSE)
		assert(w->shortfall <= EPS);
	if (w->status == PB_PLAN_AT_RISK)
		assert(w->shortfall > 0 && !(w->binding && c->binding_strict));
}

/* The path's planned values, once the row's method is final (a fallback to LINEAR
 * happens when the latest actual is seen); the actuals are in already. */
static void path_plan(pb_plan_row *w)
{
	pb_plan_point *p = w->path;
	for (size_t k = 0; k < w->npath; k++)
		p[k].planned = pb_plan_planned_value(w, p[k].year);
}

/* Everything of a row that needs its latest actual. */
static void row_measure(pb_plan_row *w, const pb_plan_config *c, int64_t as_of)
{
	const pb_indicator *ind = w->ind;
	if (w->method == PB_PLAN_NONE) {
		check_row(w, as_of, c);
		return;
	}
	int64_t upto = as_of < ind->target_year ? as_of : ind->target_year;
	if (w->latest_year == PB_INT_MISSING) {
		w->time_share = pb_plan_time_share(ind->base_year, ind->target_year,
						   as_of == PB_INT_MISSING ? ind->base_year : upto);
		w->status = PB_PLAN_NO_DATA;
		path_plan(w);
		check_row(w, as_of, c);
		return;
	}
	if (w->latest_year < upto)
		w->flags |= PB_PLAN_F_STALE;
	w->time_share = pb_plan_time_share(ind->base_year, ind->target_year, w->latest_year);
	if (w->method == PB_PLAN_COMPOUND && !(w->latest_value > 0))
		fall_back(w);
	if (w->method == PB_PLAN_COMPOUND)
		measure_compound(w);
	else if (w->method == PB_PLAN_LINEAR)
		measure_linear(w);
	else
		measure_maintain(w);
	path_plan(w);
	w->status = judge(w, c);
	if (w->status == PB_PLAN_DONE) {
		w->required_growth = w->required_per_year = NAN;
		if (w->latest_year < ind->target_year)
			w->flags |= PB_PLAN_F_EARLY;
	}
	check_row(w, as_of, c);
}

static int by_id(const void *x, const void *y, void *ctx)
{
	const pb_plan_row *rows = ctx;
	int64_t a = rows[*(const size_t *)x].ind->id, b = rows[*(const size_t *)y].ind->id;
	return a < b ? -1 : a > b;
}

/* The row of indicator `id` through `order` (row indexes sorted by id), or NULL. */
static pb_plan_row *row_of(pb_plan_row *rows, const size_t *order, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int64_t m = rows[order[mid]].ind->id;
		if (m == id)
			return &rows[order[mid]];
		if (m < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int64_t latest_actual_year(pb_plan_row *rows, const size_t *order, size_t n,
				  const pb_indicator_actual *acts, size_t nacts)
{
	int64_t y = PB_INT_MISSING;
	for (size_t i = 0; i < nacts; i++)
		if (!pb_is_missing(acts[i].value) && acts[i].year > y &&
		    row_of(rows, order, n, acts[i].indicator_id))
			y = acts[i].year;
	return y;
}

void pb_plan_result_free(pb_plan_result *r)
{
	if (!r)
		return;
	free(r->rows);
	free(r->points);
	r->rows = NULL;
	r->nrows = 0;
	r->points = NULL;
	r->npoints = 0;
}

/* The year's actual into the row's path, if the path has that year after the base
 * (the base year's is the plan's base) and it is not after as_of; the first one counts. */
static void path_actual(pb_plan_row *w, const pb_indicator_actual *a, int64_t as_of)
{
	const pb_indicator *ind = w->ind;
	if (!w->npath || pb_is_missing(a->value) || a->year > as_of || a->year <= ind->base_year ||
	    a->year > ind->target_year)
		return;
	pb_plan_point *p = &w->path[a->year - ind->base_year];
	if (isnan(p->actual))
		p->actual = a->value;
}

/* One block for every row's path: the years, the base, no actual yet. */
static int path_alloc(pb_plan_result *out, pb_plan_row *rows, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].method != PB_PLAN_NONE)
			total += (size_t)(rows[i].ind->target_year - rows[i].ind->base_year + 1);
	out->points = total ? malloc(total * sizeof(*out->points)) : NULL;
	if (total && !out->points)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	out->npoints = total;
	pb_plan_point *p = out->points;
	for (size_t i = 0; i < n; i++) {
		pb_plan_row *w = &rows[i];
		if (w->method == PB_PLAN_NONE)
			continue;
		w->path = p;
		w->npath = (size_t)(w->ind->target_year - w->ind->base_year + 1);
		for (size_t k = 0; k < w->npath; k++)
			p[k] = (pb_plan_point){ .year = w->ind->base_year + (int64_t)k,
						.planned = NAN, .actual = NAN };
		p[0].actual = w->ind->base_value;
		p += w->npath;
	}
	return 0;
}

int pb_plan_compute(pb_plan_result *out, const pb_indicator *inds, size_t ninds,
		    const pb_indicator_actual *acts, size_t nacts, int64_t as_of,
		    const pb_plan_config *cfg)
{
	memset(out, 0, sizeof(*out));
	pb_plan_config def;
	if (!cfg) {
		pb_plan_config_default(&def);
		cfg = &def;
	}
	if (pb_plan_config_check(cfg))
		return PB_EINVAL;
	pb_plan_row *rows = malloc((ninds ? ninds : 1) * sizeof(*rows));
	size_t *order = malloc((ninds ? ninds : 1) * sizeof(*order));
	if (!rows || !order) {
		free(rows);
		free(order);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	for (size_t i = 0; i < ninds; i++) {
		row_init(&rows[i], &inds[i], cfg);
		order[i] = i;
	}
	qsort_r(order, ninds, sizeof(*order), by_id, rows);
	for (size_t i = 1; i < ninds; i++)
		if (rows[order[i]].ind->id == rows[order[i - 1]].ind->id) {
			int64_t id = rows[order[i]].ind->id;
			free(rows);
			free(order);
			return pb_error_set(PB_EINVAL, "指标编号 %lld 重复 / indicator id %lld twice",
					    (long long)id, (long long)id);
		}
	if (path_alloc(out, rows, ninds)) {
		free(rows);
		free(order);
		return PB_ENOMEM;
	}
	if (as_of == PB_INT_MISSING)
		as_of = latest_actual_year(rows, order, ninds, acts, nacts);
	for (size_t i = 0; i < nacts && as_of != PB_INT_MISSING; i++) {
		pb_plan_row *w = row_of(rows, order, ninds, acts[i].indicator_id);
		if (w) {
			take_actual(w, &acts[i], as_of);
			path_actual(w, &acts[i], as_of);
		}
	}
	free(order);
	out->as_of = as_of;
	out->config = *cfg;
	out->rows = rows;
	out->nrows = ninds;
	for (size_t i = 0; i < ninds; i++) {
		row_measure(&rows[i], cfg, as_of);
		out->count[rows[i].status]++;
	}
	return 0;
}
