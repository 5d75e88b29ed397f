/* dispatch_run.c - the monthly dispatch report; see dispatch_run.h. The store's rows are
 * put into parks and teams here, every figure is computed by src/core (pipeline.h,
 * pipeline_comply.h, dispatch.h). */
#include "dispatch_run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dispatch_config.h"
#include "error.h"
#include "month.h"
#include "pipeline_comply.h"
#include "pipeline_run.h"
#include "store_project.h"
#include "text.h"

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

int pb_disp_default_month(int *month, pb_store *st)
{
	int32_t last = 0;
	int rc = pb_store_project_last_date(&last, st, NULL, 0);
	*month = rc ? 0 : (last ? last : pb_date_in_zone(time(NULL))) / 100;
	return rc;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The teams: those of the projects and those with a target, sorted, once each. */
static int collect_teams(pb_disp_report *r, char ***out, const pb_disp_target *t, size_t nt)
{
	size_t n = 0;
	const char **v = malloc((r->d.n + nt + 1) * sizeof(char *));
	if (!v)
		return oom();
	for (size_t i = 0; i < r->d.n; i++)
		if (r->d.team[i] && *r->d.team[i])
			v[n++] = r->d.team[i];
	for (size_t i = 0; i < nt; i++)
		if (t[i].level == PB_TL_TEAM)
			v[n++] = t[i].scope;
	qsort(v, n, sizeof(*v), by_text);
	char **names = calloc(n + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; names && i < n; i++)
		if ((i == 0 || strcmp(v[i], v[i - 1]) != 0) && !(names[k++] = strdup(v[i]))) {
			pb_strings_free(names, k);
			names = NULL;
		}
	free(v);
	if (!names)
		return oom();
	*out = names;
	r->nteam = k;
	return 0;
}

static size_t team_index(char *const *teams, size_t n, const char *name)
{
	if (!name)
		return SIZE_MAX;
	char *const *hit = bsearch(&name, teams, n, sizeof(char *), by_text);
	return hit ? (size_t)(hit - teams) : SIZE_MAX;
}

/* The figures of row w into f (PB_RF_*, 履约率 apart). */
static void figures_of(double *f, const pb_pipe_row *w)
{
	f[PB_DT_SIGNED_COUNT] = (double)w->entered[PB_STAGE_SIGNED];
	f[PB_DT_SIGNED_VALUE] = w->signed_value;
	f[PB_DT_FUNDS] = w->funds;
	f[PB_DT_STARTED] = (double)w->entered[PB_STAGE_STARTED];
	f[PB_DT_PRODUCING] = (double)w->entered[PB_STAGE_PRODUCING];
}

/* Month and 1–M月 figures and 履约率 of the units [first, first + n) whose projects are in
 * group[i] (n: none), then of the total when `total`. */
static int unit_figures(pb_disp_report *r, const uint32_t *group, size_t first, size_t n,
			int total, const double *out_sum, const double *tax_sum)
{
	int32_t end = pb_disp_month_end(r->month);
	pb_pipe_input in = { .n = r->d.n, .state = r->state, .contract = r->d.contract,
			     .group = group, .ngroup = n + 1, .funds = r->d.funds,
			     .nfunds = r->d.nfunds };
	pb_disp_topic_input ti = { .n = r->d.n, .state = r->state, .contract = r->d.contract,
				   .cls = r->cls, .group = group, .ngroup = n + 1,
				   .funds = r->d.funds, .nfunds = r->d.nfunds };
	pb_pipe_row *rows = calloc(n + 2, sizeof(*rows));
	pb_comply_row *cr = calloc(n + 2, sizeof(*cr));
	double *topic = calloc((n + 2) * PB_RF_COUNT, sizeof(double));
	int rc = rows && cr && topic ? 0 : oom();
	pb_comply_input ci = { .n = r->d.n, .state = r->state, .promised_output = r->d.promised_output,
			       .promised_tax = r->d.promised_tax, .actual_output = out_sum,
			       .actual_tax = tax_sum, .group = group, .ngroup = n + 1 };
	uint8_t *linked = calloc(r->d.n + 1, 1);
	for (size_t i = 0; linked && i < r->d.n; i++)
		linked[i] = r->d.enterprise_id[i] != 0;
	ci.linked = linked;
	if (!rc && !linked)
		rc = oom();
	if (!rc)
		rc = pb_comply_compute(cr, NULL, &ci, r->month);
	for (int per = 0; !rc && per < 2; per++) {
		int32_t from = per ? r->month / 100 * 10000 + 101 : r->month * 100 + 1;
		if ((rc = pb_pipe_period(rows, &in, from, end)) ||
		    (rc = pb_disp_topics(topic, &ti, from, end)))
			break;
		for (size_t g = 0; g <= n + 1; g++) {
			/* group n holds the projects outside every unit; n + 1 is the total */
			if (g == n || (g == n + 1 && !total))
				continue;
			pb_disp_unit *u = &r->unit[g == n + 1 ? r->npark + r->nteam : first + g];
			double *f = per ? u->ytd : u->month;
			figures_of(f, &rows[g]);
			memcpy(f + PB_RF_SIGNED_MFG, topic + g * PB_RF_COUNT + PB_RF_SIGNED_MFG,
			       (PB_RF_COUNT - PB_RF_SIGNED_MFG) * sizeof(double));
			f[PB_RF_COMPLY] = cr[g].rate;
			u->comply_assessed = cr[g].assessed;
			u->comply_kept = cr[g].kept;
		}
	}
	free(rows);
	free(cr);
	free(topic);
	free(linked);
	return rc;
}

static int load_figures(pb_disp_report *r, pb_store *st, char **teams)
{
	size_t n = r->d.n ? r->d.n : 1;
	uint32_t *pg = malloc(n * sizeof(uint32_t)), *tg = malloc(n * sizeof(uint32_t));
	double *os = calloc(n, sizeof(double)), *ts = calloc(n, sizeof(double));
	int64_t *ent = calloc(n, sizeof(int64_t));
	int rc = pg && tg && os && ts && ent ? 0 : oom();
	for (size_t i = 0; !rc && i < r->d.n; i++) {
		pg[i] = r->park_of[i] == SIZE_MAX ? (uint32_t)r->npark : (uint32_t)r->park_of[i];
		size_t t = team_index(teams, r->nteam, r->d.team[i]);
		tg[i] = t == SIZE_MAX ? (uint32_t)r->nteam : (uint32_t)t;
		ent[i] = r->d.enterprise_id[i];
	}
	/* 履约率's window: the 12 months to M, of the linked enterprises */
	int32_t wfrom = pb_comply_window_start(r->month) / 100;
	if (!rc)
		rc = pb_store_disp_ent_sums(os, ts, st, ent, r->d.n, wfrom, r->month);
	if (!rc)
		rc = unit_figures(r, pg, 0, r->npark, 1, os, ts);
	if (!rc)
		rc = unit_figures(r, tg, r->npark, r->nteam, 0, os, ts);
	free(pg);
	free(tg);
	free(os);
	free(ts);
	free(ent);
	return rc;
}

/* The year's targets onto the units, and the 完成率. */
static void apply_targets(pb_disp_report *r, const pb_disp_target *t, size_t nt)
{
	size_t nu = r->npark + r->nteam + 1;
	for (size_t u = 0; u < nu; u++)
		for (int f = 0; f < PB_DT_COUNT; f++)
			r->unit[u].target[f] = NAN;
	for (size_t i = 0; i < nt; i++) {
		size_t u = SIZE_MAX;
		if (t[i].level == PB_TL_ZONE)
			u = nu - 1;
		for (size_t k = 0; t[i].level == PB_TL_PARK && k < r->npark; k++)
			if (strcmp(r->unit[k].name, t[i].scope) == 0)
				u = k;
		for (size_t k = 0; t[i].level == PB_TL_TEAM && k < r->nteam; k++)
			if (strcmp(r->unit[r->npark + k].name, t[i].scope) == 0)
				u = r->npark + k;
		if (u != SIZE_MAX)
			memcpy(r->unit[u].target, t[i].value, sizeof(t[i].value));
	}
	for (size_t u = 0; u < nu; u++)
		for (int f = 0; f < PB_DT_COUNT; f++)
			r->unit[u].rate[f] = pb_disp_rate(r->unit[u].ytd[f], r->unit[u].target[f]);
}

static int make_rankings(pb_disp_report *r)
{
	size_t off[PB_DU_COUNT] = { 0, r->npark }, cnt[PB_DU_COUNT] = { r->npark, r->nteam };
	int months = r->month % 100;
	for (int per = 0; per < PB_DP_COUNT; per++)
		for (int k = 0; k < PB_DU_COUNT; k++) {
			size_t m = cnt[k] ? cnt[k] : 1;
			double *fig = malloc(m * PB_RF_COUNT * sizeof(double));
			double *tg = malloc(m * PB_DT_COUNT * sizeof(double));
			int rc = fig && tg ? 0 : oom();
			for (size_t i = 0; !rc && i < cnt[k]; i++) {
				const pb_disp_unit *u = &r->unit[off[k] + i];
				memcpy(fig + i * PB_RF_COUNT, per ? u->ytd : u->month, sizeof(u->ytd));
				memcpy(tg + i * PB_DT_COUNT, u->target, sizeof(u->target));
			}
			for (size_t l = 0; !rc && l < r->cfg.nlists; l++)
				rc = pb_disp_rank(&r->rank[per][k][l], &r->cfg.lists[l], fig, tg, cnt[k],
						  per ? months : 1);
			free(fig);
			free(tg);
			if (rc)
				return rc;
		}
	return 0;
}

/* The activity index over the series' periods (set by the caller), by park. */
static int make_activity(pb_disp_report *r, pb_disp_act_series *a, const pb_disp_activity_row *acts, size_t nacts, double *gcache)
{
	size_t np = r->npark ? r->npark : 1, nt = a->nperiod ? a->nperiod : 1;
	a->fig = calloc(nt * np * PB_AF_COUNT, sizeof(double));
	a->index = calloc(nt * np, sizeof(double));
	a->points = calloc(nt * np * r->cfg.nact, sizeof(double));
	pb_disp_act *da = malloc((nacts ? nacts : 1) * sizeof(*da));
	if (!a->fig || !a->index || !a->points || !da) {
		free(da);
		return oom();
	}
	for (size_t i = 0; i < nacts; i++) {
		da[i] = (pb_disp_act){ acts[i].date, acts[i].kind, SIZE_MAX };
		for (size_t k = 0; k < r->npark; k++)
			if (r->parks.id[k] == acts[i].park_id)
				da[i].row = k;
	}
	int rc = pb_disp_count_acts(a->fig, a->nperiod, r->npark, a->start, a->end, da, nacts);
	free(da);
	if (rc)
		return rc;
	pb_disp_count_stages(a->fig, a->nperiod, r->npark, a->start, a->end, r->state, r->park_of,
			     r->d.n);
	/* output growth: of the month each period ends in (gcache: month m's at (m-1) × npark) */
	for (size_t t = 0; t < a->nperiod; t++) {
		int m = a->end[t] / 100 % 100;
		for (size_t k = 0; k < r->npark; k++)
			a->fig[(t * r->npark + k) * PB_AF_COUNT + PB_AF_GROWTH] =
				gcache[(size_t)(m - 1) * np + k];
	}
	return pb_disp_activity(a->index, a->points, a->fig, a->nperiod, r->npark, &r->cfg);
}

static int activity(pb_disp_report *r, pb_store *st)
{
	int year = r->month / 100, months = r->month % 100;
	size_t np = r->npark ? r->npark : 1;
	double *gc = malloc(12 * np * sizeof(double)), *cur = malloc(np * sizeof(double)),
	       *prev = malloc(np * sizeof(double));
	int rc = gc && cur && prev ? 0 : oom();
	for (int m = 1; !rc && m <= months; m++) {
		rc = pb_store_disp_output(cur, prev, st, r->parks.id, r->npark, year * 100 + m);
		for (size_t k = 0; !rc && k < r->npark; k++)
			gc[(size_t)(m - 1) * np + k] = pb_disp_growth(cur[k], prev[k]);
	}
	free(cur);
	free(prev);
	pb_disp_activity_row *acts = NULL;
	size_t nacts = 0;
	if (!rc)
		rc = pb_store_disp_activities(&acts, &nacts, st, year * 10000 + 101,
					      pb_disp_month_end(r->month), NULL, 0);
	pb_disp_act_series *w = &r->act[PB_DA_WEEK], *mo = &r->act[PB_DA_MONTH];
	w->nperiod = pb_disp_weeks(w->start, w->end, PB_DISP_MAX_WEEKS, year, months);
	mo->nperiod = (size_t)months;
	for (int m = 1; m <= months; m++) {
		mo->start[m - 1] = (year * 100 + m) * 100 + 1;
		mo->end[m - 1] = pb_disp_month_end(year * 100 + m);
	}
	if (!rc)
		rc = make_activity(r, w, acts, nacts, gc);
	if (!rc)
		rc = make_activity(r, mo, acts, nacts, gc);
	pb_disp_activities_free(acts, nacts);
	free(gc);
	return rc;
}

static int make_units(pb_disp_report *r, char **teams)
{
	size_t nu = r->npark + r->nteam + 1;
	r->unit = calloc(nu, sizeof(*r->unit));
	r->park_of = malloc((r->d.n ? r->d.n : 1) * sizeof(size_t));
	r->cls = malloc(r->d.n ? r->d.n : 1);
	if (!r->unit || !r->park_of || !r->cls)
		return oom();
	for (size_t k = 0; k < r->npark; k++) {
		r->unit[k].park_id = r->parks.id[k];
		if (!(r->unit[k].name = strdup(r->parks.name[k] ? r->parks.name[k] : "")))
			return oom();
	}
	for (size_t k = 0; k < r->nteam; k++)
		if (!(r->unit[r->npark + k].name = strdup(teams[k])))
			return oom();
	if (!(r->unit[nu - 1].name = strdup("合计")))
		return oom();
	for (size_t i = 0; i < r->d.n; i++) {
		r->cls[i] = (uint8_t)pb_disp_topic_class(r->d.industry[i], r->d.foreign_funded[i],
							 r->d.planned[i], r->d.contract[i],
							 r->cfg.major_min);
		r->park_of[i] = SIZE_MAX;
		for (size_t k = 0; k < r->npark; k++)
			if (r->parks.id[k] == r->d.park_id[i])
				r->park_of[i] = k;
	}
	return 0;
}

static int report_make(pb_disp_report *r, pb_store *st, int32_t month, const pb_disp_config *cfg)
{
	if (!pb_month_valid(month))
		return pb_error_set(PB_EINVAL, "月份无效 / not a month");
	r->month = month;
	int rc = 0;
	if (cfg) {
		r->cfg = *cfg;
		rc = pb_disp_config_check(&r->cfg);
	} else
		rc = pb_disp_config_default(&r->cfg);
	if (!rc)
		rc = pb_store_pipe_load(&r->d, st, NULL, 0);
	if (rc)
		return rc;
	if (!(r->state = malloc((r->d.n ? r->d.n : 1) * sizeof(*r->state))))
		return oom();
	if ((rc = pb_pipe_replay(r->state, r->d.n, r->d.events, r->d.nevents)) ||
	    (rc = pb_store_disp_parks(&r->parks, st, NULL, 0)))
		return rc;
	r->npark = r->parks.n;
	pb_disp_target *t = NULL;
	size_t nt = 0;
	char **teams = NULL;
	rc = pb_store_disp_targets(&t, &nt, st, month / 100, NULL, 0);
	if (!rc)
		rc = collect_teams(r, &teams, t, nt);
	if (!rc)
		rc = make_units(r, teams);
	if (!rc)
		rc = load_figures(r, st, teams);
	pb_strings_free(teams, r->nteam);
	if (!rc)
		apply_targets(r, t, nt);
	pb_disp_targets_free(t, nt);
	int32_t end = pb_disp_month_end(month);
	if (!rc)
		rc = pb_disp_moved_list(&r->moved, &r->nmoved, r->state, r->d.n, month * 100 + 1, end);
	memcpy(r->limits, pb_pipe_stuck_default, sizeof(r->limits));
	if (!rc)
		rc = pb_pipe_stuck_list(&r->stuck, &r->nstuck, r->state, r->d.n, end, r->limits);
	if (!rc)
		rc = make_rankings(r);
	if (!rc)
		rc = activity(r, st);
	return rc;
}

int pb_disp_report_make(pb_disp_report *r, pb_store *st, int32_t month, const pb_disp_config *cfg)
{
	memset(r, 0, sizeof(*r));
	/* every read of the report in one snapshot: the figures of one state of the store
	 * (a move committed half-way would otherwise be in some tables and not others), and
	 * one shared lock instead of one per statement (the per-park and per-month reads) */
	int rc = pb_store_snapshot(st, 1);
	if (rc)
		return rc;
	rc = report_make(r, st, month, cfg);
	int end = pb_store_snapshot(st, 0);
	return rc ? rc : end;
}

void pb_disp_report_free(pb_disp_report *r)
{
	size_t nu = r->unit ? r->npark + r->nteam + 1 : 0;
	for (size_t u = 0; u < nu; u++)
		free(r->unit[u].name);
	free(r->unit);
	for (int p = 0; p < PB_DP_COUNT; p++)
		for (int k = 0; k < PB_DU_COUNT; k++)
			for (size_t l = 0; l < PB_DISP_MAX_LISTS; l++)
				pb_disp_ranking_free(&r->rank[p][k][l]);
	for (int a = 0; a < PB_DA_COUNT; a++) {
		free(r->act[a].fig);
		free(r->act[a].index);
		free(r->act[a].points);
	}
	pb_disp_parks_free(&r->parks);
	pb_pipe_data_free(&r->d);
	free(r->state);
	free(r->park_of);
	free(r->cls);
	free(r->moved);
	free(r->stuck);
	memset(r, 0, sizeof(*r));
}
