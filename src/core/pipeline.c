/* pipeline.c - the investment pipeline's stages, moves and period figures; see pipeline.h. */
#include "pipeline.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "month.h"

int pb_pipe_move_kind(int from, int to)
{
	if (to <= PB_STAGE_NONE || to >= PB_STAGE_COUNT || from < PB_STAGE_NONE ||
	    from >= PB_STAGE_COUNT)
		return PB_PM_BAD;
	if (from == PB_STAGE_NONE)
		return to == PB_STAGE_DROPPED ? PB_PM_BAD : PB_PM_OK;
	if (from == to)
		return PB_PM_SAME;
	if (to == PB_STAGE_DROPPED)
		return PB_PM_DROP;
	if (from == PB_STAGE_DROPPED)
		return PB_PM_REOPEN;
	if (to == from + 1)
		return PB_PM_OK;
	return to > from ? PB_PM_SKIP : PB_PM_BACK;
}

int pb_pipe_move_check(int from, int to, int has_reason)
{
	const char *f = pb_stage_name(from), *t = pb_stage_name(to);
	const char *fe = pb_stage_key(from), *te = pb_stage_key(to);
	switch (pb_pipe_move_kind(from, to)) {
	case PB_PM_OK:
		return 0;
	case PB_PM_SAME:
		return pb_error_set(PB_EINVAL, "项目已处于「%s」阶段 / the project is already at %s", t,
				    te);
	case PB_PM_BAD:
		if (from == PB_STAGE_NONE && to == PB_STAGE_DROPPED)
			return pb_error_set(PB_EINVAL, "新项目不能以「终止」录入 / a new project cannot "
						       "enter as dropped");
		return pb_error_set(PB_EINVAL, "没有该阶段 / no such stage");
	default:
		break;
	}
	if (has_reason)
		return 0;
	switch (pb_pipe_move_kind(from, to)) {
	case PB_PM_SKIP:
		return pb_error_set(PB_EINVAL, "从「%s」到「%s」跳过了阶段，须说明原因 / from %s to %s "
					       "skips a stage: a reason is needed", f, t, fe, te);
	case PB_PM_BACK:
		return pb_error_set(PB_EINVAL, "从「%s」退回「%s」，须说明原因 / moving back from %s to "
					       "%s needs a reason", f, t, fe, te);
	case PB_PM_DROP:
		return pb_error_set(PB_EINVAL, "终止项目须说明原因 / dropping a project needs a reason");
	default:
		return pb_error_set(PB_EINVAL, "恢复已终止的项目须说明原因 / taking up a dropped "
					       "project again needs a reason");
	}
}

#ifndef NDEBUG
/* The invariant of pipeline.h: dates set up to the furthest line stage, non-decreasing,
 * none above it. */
static int state_ok(const pb_pipe_state *s)
{
	for (int k = PB_STAGE_LEAD; k <= PB_STAGE_IN_STATS; k++) {
		if (k <= s->line && (s->date[k] == 0 || (k > PB_STAGE_LEAD && s->date[k] < s->date[k - 1])))
			return 0;
		if (k > s->line && s->date[k] != 0)
			return 0;
	}
	return 1;
}
#endif

static void apply(pb_pipe_state *s, int stage, int32_t date)
{
	if (stage == PB_STAGE_DROPPED) {
		s->dropped = 1;
		s->date[PB_STAGE_DROPPED] = date;
		return;
	}
	if (s->dropped)
		s->reopened = date;
	s->dropped = 0;
	s->date[PB_STAGE_DROPPED] = 0;
	if (stage > s->line) {
		/* the stages skipped were held until this day at the latest */
		for (int k = s->line + 1; k < stage; k++)
			s->filled |= (uint16_t)(1u << k);
		for (int k = s->line + 1; k <= stage; k++)
			s->date[k] = date;
		s->filled &= (uint16_t)~(1u << stage);
	} else {
		for (int k = stage + 1; k <= s->line; k++) {
			s->date[k] = 0;
			s->filled &= (uint16_t)~(1u << k);
		}
	}
	s->line = (int8_t)stage;
}

int pb_pipe_replay(pb_pipe_state *state, size_t nproj, const pb_pipe_event *ev, size_t n)
{
	return pb_pipe_replay_moves(state, NULL, nproj, ev, n);
}

int pb_pipe_replay_moves(pb_pipe_state *state, pb_pipe_move *move, size_t nproj,
			 const pb_pipe_event *ev, size_t n)
{
	for (size_t i = 0; i < nproj; i++) {
		memset(&state[i], 0, sizeof(state[i]));
		state[i].line = PB_STAGE_NONE;
	}
	/* the last event's date of the project being replayed: events come grouped by
	 * project, so one number suffices to check each project's order */
	size_t cur = SIZE_MAX;
	int32_t last = 0;
	for (size_t i = 0; i < n; i++) {
		const pb_pipe_event *e = &ev[i];
		if (e->project >= nproj)
			return pb_error_set(PB_EINVAL, "第 %zu 个阶段事件：没有该项目 / stage event %zu: "
						       "no such project", i + 1, i + 1);
		if (e->stage <= PB_STAGE_NONE || e->stage >= PB_STAGE_COUNT)
			return pb_error_set(PB_EINVAL, "第 %zu 个阶段事件：没有该阶段 / stage event %zu: "
						       "no such stage", i + 1, i + 1);
		if (!pb_date_valid(e->date))
			return pb_error_set(PB_EINVAL, "第 %zu 个阶段事件：日期 %d 无效 / stage event %zu: "
						       "%d is not a date", i + 1, (int)e->date, i + 1,
					    (int)e->date);
		if (e->project == cur && e->date < last)
			return pb_error_set(PB_EINVAL, "第 %zu 个阶段事件：日期早于该项目上一事件 / stage "
						       "event %zu: earlier than the project's previous "
						       "one", i + 1, i + 1);
		cur = e->project;
		last = e->date;
		pb_pipe_state *p = &state[e->project];
		if (move) {
			int from = p->dropped ? PB_STAGE_DROPPED : p->line;
			move[i] = (pb_pipe_move){ (int8_t)pb_pipe_move_kind(from, e->stage),
						  (int8_t)from };
		}
		apply(p, e->stage, e->date);
		assert(state_ok(&state[e->project]));
	}
	return 0;
}

int pb_pipe_stage_at(const pb_pipe_state *s, int32_t date, int *dropped)
{
	int line = PB_STAGE_NONE;
	for (int k = PB_STAGE_LEAD; k <= s->line; k++)
		if (s->date[k] <= date)
			line = k;
	if (dropped)
		*dropped = s->dropped && s->date[PB_STAGE_DROPPED] <= date;
	return line;
}

int pb_pipe_band(double wan)
{
	if (isnan(wan))
		return PB_PB_UNKNOWN;
	if (wan < 10000)
		return PB_PB_UNDER;
	if (wan < 50000)
		return PB_PB_1;
	if (wan < 100000)
		return PB_PB_5;
	return wan < 200000 ? PB_PB_10 : PB_PB_20;
}

const char *pb_pipe_band_name(int band)
{
	static const char *const names[PB_PB_COUNT] = {
		"亿元以下", "亿元级", "5亿级", "10亿级", "20亿级", "未填合同额",
	};
	return band >= 0 && band < PB_PB_COUNT ? names[band] : "?";
}

int pb_pipe_fund_check(const pb_pipe_state *s, int32_t month)
{
	char m[8];
	pb_month_format(month, m);
	if (!pb_month_valid(month))
		return pb_error_set(PB_EINVAL, "月份 %d 无效 / %d is not a month", (int)month, (int)month);
	int32_t sd = s->date[PB_STAGE_SIGNED];
	if (sd == 0)
		return pb_error_set(PB_EINVAL, "项目尚未签约，不能录入 %s 的到位资金 / the project has "
					       "not signed: no funds may be recorded for %s", m, m);
	if (month < sd / 100)
		return pb_error_set(PB_EINVAL, "到位资金月份 %s 早于签约日 %04d-%02d-%02d / funds in %s "
					       "come before the signing on %04d-%02d-%02d", m,
				    (int)(sd / 10000), (int)(sd / 100 % 100), (int)(sd % 100), m,
				    (int)(sd / 10000), (int)(sd / 100 % 100), (int)(sd % 100));
	return 0;
}

static int in_period(int32_t d, int32_t from, int32_t to)
{
	return d != 0 && d >= from && d <= to;
}

/* Project i's stages and contract into rows r (its group's) and t (the total). */
static void add_project(pb_pipe_row *r, pb_pipe_row *t, const pb_pipe_state *s, double contract,
			int32_t from, int32_t to)
{
	int dropped;
	int line = pb_pipe_stage_at(s, to, &dropped);
	if (line == PB_STAGE_NONE && !dropped)
		return; /* not in the pipeline yet */
	pb_pipe_row *both[2] = { r, t };
	int signed_in = in_period(s->date[PB_STAGE_SIGNED], from, to);
	for (int j = 0; j < 2; j++) {
		pb_pipe_row *x = both[j];
		x->projects++;
		x->held[dropped ? PB_STAGE_DROPPED : line]++;
		for (int k = PB_STAGE_LEAD; k < PB_STAGE_COUNT; k++)
			x->entered[k] += in_period(s->date[k], from, to);
		for (int k = PB_STAGE_LEAD; k < PB_STAGE_IN_STATS; k++) {
			/* a stage a skip filled in has no real day of its own */
			if (!in_period(s->date[k + 1], from, to) || s->date[k] == 0 ||
			    (s->filled & (3u << k)))
				continue;
			x->days_mean[k] += (double)(pb_date_days(s->date[k + 1]) - pb_date_days(s->date[k]));
			x->days_n[k]++;
		}
		if (!signed_in)
			continue;
		if (isnan(contract))
			x->signed_unvalued++;
		else
			x->signed_value += contract;
		x->band[pb_pipe_band(contract)]++;
		x->signed_started += in_period(s->date[PB_STAGE_STARTED], 0, to);
		x->signed_producing += in_period(s->date[PB_STAGE_PRODUCING], 0, to);
		x->signed_dropped += dropped;
	}
}

static double nz(double v)
{
	return isnan(v) ? 0 : v;
}

static double ratio(double num, double den)
{
	return den > 0 ? num / den : NAN;
}

int pb_pipe_period(pb_pipe_row *rows, const pb_pipe_input *in, int32_t from, int32_t to)
{
	if (!pb_date_valid(from) || !pb_date_valid(to) || from > to)
		return pb_error_set(PB_EINVAL, "统计期 %d–%d 无效 / %d–%d is not a period", (int)from,
				    (int)to, (int)from, (int)to);
	if (in->ngroup == 0)
		return pb_error_set(PB_EINVAL, "没有分组 / no group");
	memset(rows, 0, (in->ngroup + 1) * sizeof(rows[0]));
	pb_pipe_row *total = &rows[in->ngroup];
	for (size_t i = 0; i < in->n; i++) {
		uint32_t g = in->group ? in->group[i] : 0;
		if (g >= in->ngroup)
			return pb_error_set(PB_EINVAL, "第 %zu 个项目的分组超出范围 / project %zu: group "
						       "out of range", i + 1, i + 1);
		add_project(&rows[g], total, &in->state[i], in->contract[i], from, to);
	}
	for (size_t i = 0; i < in->nfunds; i++) {
		const pb_pipe_fund *f = &in->funds[i];
		if (f->project >= in->n)
			return pb_error_set(PB_EINVAL, "第 %zu 笔到位资金：没有该项目 / funds %zu: no such "
						       "project", i + 1, i + 1);
		pb_pipe_row *r = &rows[in->group ? in->group[f->project] : 0];
		const pb_pipe_state *s = &in->state[f->project];
		double fixed = nz(f->fixed), working = nz(f->working);
		/* funds are monthly: a month counts when it is one of the period's months */
		if (f->month >= from / 100 && f->month <= to / 100) {
			r->funds_fixed += fixed;
			total->funds_fixed += fixed;
			r->funds_working += working;
			total->funds_working += working;
		}
		if (in_period(s->date[PB_STAGE_SIGNED], from, to) && f->month <= to / 100) {
			r->signed_funds += fixed + working;
			total->signed_funds += fixed + working;
			if (!isnan(in->contract[f->project])) {
				r->signed_funds_valued += fixed + working;
				total->signed_funds_valued += fixed + working;
			}
		}
	}
	for (size_t g = 0; g <= in->ngroup; g++) {
		pb_pipe_row *r = &rows[g];
		r->funds = r->funds_fixed + r->funds_working;
		r->rate_funds = ratio(r->signed_funds_valued, r->signed_value);
		r->rate_started = ratio((double)r->signed_started, (double)r->entered[PB_STAGE_SIGNED]);
		r->rate_producing = ratio((double)r->signed_producing, (double)r->entered[PB_STAGE_SIGNED]);
		for (int k = 0; k < PB_STAGE_COUNT; k++)
			r->days_mean[k] = r->days_n[k] ? r->days_mean[k] / (double)r->days_n[k] : NAN;
	}
	return 0;
}

static int stuck_cmp(const void *a, const void *b)
{
	const pb_pipe_stuck *x = a, *y = b;
	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return (x->project > y->project) - (x->project < y->project);
}

int pb_pipe_stuck_list(pb_pipe_stuck **out, size_t *n, const pb_pipe_state *state,
		       size_t nproj, int32_t asof, const int limit_days[PB_STAGE_COUNT])
{
	*out = NULL;
	*n = 0;
	if (!pb_date_valid(asof))
		return pb_error_set(PB_EINVAL, "日期 %d 无效 / %d is not a date", (int)asof, (int)asof);
	pb_pipe_stuck *l = NULL;
	size_t len = 0, cap = 0;
	long today = pb_date_days(asof);
	for (size_t i = 0; i < nproj; i++) {
		int dropped;
		int line = pb_pipe_stage_at(&state[i], asof, &dropped);
		if (dropped || line == PB_STAGE_NONE || line == PB_STAGE_IN_STATS ||
		    limit_days[line] <= 0)
			continue;
		int32_t since = state[i].date[line];
		if (state[i].reopened > since && state[i].reopened <= asof)
			since = state[i].reopened;
		long days = today - pb_date_days(since);
		if (days <= limit_days[line])
			continue;
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			pb_pipe_stuck *t = realloc(l, ncap * sizeof(*t));
			if (!t) {
				free(l);
				return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
			}
			l = t, cap = ncap;
		}
		l[len++] = (pb_pipe_stuck){ .project = (uint32_t)i, .stage = line,
					    .since = since, .days = days };
	}
	if (len)
		qsort(l, len, sizeof(*l), stuck_cmp);
	*out = l;
	*n = len;
	return 0;
}
