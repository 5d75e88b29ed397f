/* pipeline_run.c - the pipeline's figures for a period and a grouping; see pipeline_run.h. */
#include "pipeline_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "industry.h"
#include "grouping.h"
#include "text.h"
#include "json_value.h"
#include "month.h"
#include "region.h"

static const char *const grouping_keys[PB_PG_COUNT] = {
	"park", "team", "sector", "origin", "band", "funding", "industry",
};

/* Days in a stage before a project counts as held up (the 调度's 久滞 list). The zone
 * publishes no limits; these are the bureau's working assumptions, overridable per
 * request: a lead not taken up in a quarter, talks not concluded in half a year, a
 * signed project not registered in a quarter, … construction not finished in two years. */
const int pb_pipe_stuck_default[PB_STAGE_COUNT] = {
	[PB_STAGE_LEAD] = 90,        [PB_STAGE_TALKS] = 180,    [PB_STAGE_SIGNED] = 90,
	[PB_STAGE_REGISTERED] = 120, [PB_STAGE_LAND] = 180,     [PB_STAGE_STARTED] = 730,
	[PB_STAGE_PRODUCING] = 730,
};

int pb_pipe_grouping_parse(const char *key)
{
	for (int g = 0; key && g < PB_PG_COUNT; g++)
		if (strcmp(key, grouping_keys[g]) == 0)
			return g;
	return -1;
}

const char *pb_pipe_grouping_key(int g)
{
	return g >= 0 && g < PB_PG_COUNT ? grouping_keys[g] : "?";
}

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static const char *const NONE_LABEL = "（未填）";

/* The label of project i in the grouping, and the order its group takes. The label
 * points into the report (or is static). */
static const char *label_of(const pb_pipe_report *r, size_t i, int64_t *order)
{
	const pb_pipe_data *d = &r->d;
	const char *t = NULL;
	*order = 0;
	switch (r->grouping) {
	case PB_PG_PARK:
		*order = d->park_id[i] ? d->park_id[i] : INT64_MAX;
		return r->park_name[i] ? r->park_name[i] : NONE_LABEL;
	case PB_PG_TEAM: t = d->team[i]; break;
	case PB_PG_SECTOR: t = d->sector[i]; break;
	case PB_PG_ORIGIN: {
		const char *o = d->origin[i];
		const char *p = o ? pb_region_province(o, strlen(o)) : NULL;
		t = p ? p : o;
		break;
	}
	case PB_PG_BAND:
		*order = pb_pipe_band(d->contract[i]);
		return pb_pipe_band_name((int)*order);
	case PB_PG_INDUSTRY: {
		/* the division (大类) of a lettered code "C3922" is its first three bytes,
		 * ordered as the classification is (by letter, then by number) */
		const char *c = d->industry[i];
		char div[4] = { 0 };
		if (c && strlen(c) >= 3)
			memcpy(div, c, 3);
		const pb_industry *ind = div[0] ? pb_industry_find(div) : NULL;
		if (!ind)
			break; /* none, or not a code of the table: 未填 */
		*order = (int64_t)(unsigned char)div[0] * 100 + atoi(div + 1);
		return ind->name;
	}
	case PB_PG_FUNDING:
		*order = d->foreign_funded[i] < 0 ? 2 : d->foreign_funded[i];
		return d->foreign_funded[i] < 0 ? NONE_LABEL : d->foreign_funded[i] ? "外资" : "内资";
	}
	if (!t || !*t) {
		*order = INT64_MAX; /* the projects without one come last */
		return NONE_LABEL;
	}
	return t;
}

/* The projects' groups: by the label's order, then the label (grouping.h). */
static int make_groups(pb_pipe_report *r)
{
	size_t n = r->d.n;
	int64_t *order = malloc((n ? n : 1) * sizeof(*order));
	const char **label = malloc((n ? n : 1) * sizeof(*label));
	r->group = calloc(n ? n : 1, sizeof(uint32_t));
	r->group_name = calloc(n ? n : 1, sizeof(char *));
	int rc = order && label && r->group && r->group_name ? 0 : oom();
	for (size_t i = 0; !rc && i < n; i++)
		label[i] = label_of(r, i, &order[i]);
	if (!rc)
		rc = pb_group_by_label(r->group, r->group_name, &r->ngroup, order, label, n);
	free(order);
	free(label);
	return rc;
}

int pb_pipe_report_make(pb_pipe_report *r, pb_store *st, const int64_t *parks, size_t nparks,
			int grouping, int32_t from, int32_t to, const int *limits)
{
	memset(r, 0, sizeof(*r));
	if (grouping < 0 || grouping >= PB_PG_COUNT)
		return pb_error_set(PB_EINVAL, "没有该分组 / no such grouping");
	if (!pb_date_valid(from) || !pb_date_valid(to) || from > to)
		return pb_error_set(PB_EINVAL, "统计期无效：起止日期应为有效日期且起不晚于止 / the "
					       "period must be two valid days, the first not after "
					       "the last");
	r->grouping = grouping;
	r->from = from;
	r->to = to;
	int rc = pb_store_pipe_load(&r->d, st, parks, nparks);
	if (rc)
		return rc;
	r->state = malloc((r->d.n ? r->d.n : 1) * sizeof(*r->state));
	if (!r->state)
		return oom();
	rc = pb_pipe_replay(r->state, r->d.n, r->d.events, r->d.nevents);
	r->park_name = r->d.park;
	if (!rc)
		rc = make_groups(r);
	if (rc)
		return rc;
	/* with no project at all there is still the total row */
	r->rows = calloc(r->ngroup + 1, sizeof(*r->rows));
	if (!r->rows)
		return oom();
	pb_pipe_input in = { .n = r->d.n, .state = r->state, .contract = r->d.contract,
			     .group = r->group, .ngroup = r->ngroup ? r->ngroup : 1,
			     .funds = r->d.funds, .nfunds = r->d.nfunds };
	if (!r->ngroup) {
		pb_pipe_row rows[2];
		rc = pb_pipe_period(rows, &in, from, to);
		r->rows[0] = rows[1];
	} else {
		rc = pb_pipe_period(r->rows, &in, from, to);
	}
	memcpy(r->limits, limits ? limits : pb_pipe_stuck_default, sizeof(r->limits));
	if (!rc)
		rc = pb_pipe_stuck_list(&r->stuck, &r->nstuck, r->state, r->d.n, to, r->limits);
	return rc;
}

/* {"lead": v, …} of the line stages (and 终止 when `dropped`), v = a count. */
static json_t *by_stage(const int64_t *v, int dropped)
{
	json_t *o = json_object();
	for (int s = PB_STAGE_LEAD; o && s < (dropped ? PB_STAGE_COUNT : PB_STAGE_DROPPED); s++)
		if (json_object_set_new(o, pb_stage_key((pb_stage)s), json_integer(v[s]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/* {"lead": mean days to the next stage, …} */
static json_t *days_json(const pb_pipe_row *w)
{
	json_t *o = json_object();
	for (int s = PB_STAGE_LEAD; o && s < PB_STAGE_IN_STATS; s++)
		if (json_object_set_new(o, pb_stage_key((pb_stage)s),
					json_pack("{s:o, s:I}", "mean", pb_json_num(w->days_mean[s]),
						  "n", (json_int_t)w->days_n[s]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *bands_json(const pb_pipe_row *w)
{
	json_t *o = json_object();
	for (int b = 0; o && b < PB_PB_COUNT; b++)
		if (json_object_set_new(o, pb_pipe_band_name(b), json_integer(w->band[b]))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

static json_t *row_json(const pb_pipe_row *w, const char *name)
{
	return json_pack("{s:o, s:I, s:o, s:o, s:o, s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I,"
			 " s:o, s:o, s:o, s:o}",
			 "name", pb_json_text(name), "projects", (json_int_t)w->projects,
			 "entered", by_stage(w->entered, 1), "held", by_stage(w->held, 1),
			 "signed_value", pb_json_num(w->signed_value),
			 "signed_unvalued", (json_int_t)w->signed_unvalued,
			 "bands", bands_json(w), "funds", pb_json_num(w->funds),
			 "funds_fixed", pb_json_num(w->funds_fixed),
			 "funds_working", pb_json_num(w->funds_working),
			 "signed_funds", pb_json_num(w->signed_funds),
			 "signed_started", (json_int_t)w->signed_started,
			 "signed_producing", (json_int_t)w->signed_producing,
			 "signed_dropped", (json_int_t)w->signed_dropped,
			 "rate_funds", pb_json_num(w->rate_funds),
			 "rate_started", pb_json_num(w->rate_started),
			 "rate_producing", pb_json_num(w->rate_producing), "days", days_json(w));
}

static json_t *stuck_json(const pb_pipe_report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < r->nstuck; i++) {
		const pb_pipe_stuck *s = &r->stuck[i];
		char since[16];
		pb_date_format(s->since, since);
		if (json_array_append_new(
			    a, json_pack("{s:I, s:o, s:o, s:o, s:s, s:s, s:s, s:I, s:i}", "id",
					 (json_int_t)r->d.project_id[s->project], "name",
					 pb_json_text(r->d.name[s->project]), "park",
					 pb_json_text(r->park_name[s->project]), "team",
					 pb_json_text(r->d.team[s->project]), "stage",
					 pb_stage_key((pb_stage)s->stage), "stage_name",
					 pb_stage_name((pb_stage)s->stage), "since", since, "days",
					 (json_int_t)s->days, "limit", r->limits[s->stage]))) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *pb_pipe_report_json(const pb_pipe_report *r)
{
	json_t *groups = json_array();
	for (size_t g = 0; groups && g < r->ngroup; g++)
		if (json_array_append_new(groups, row_json(&r->rows[g], r->group_name[g]))) {
			json_decref(groups);
			groups = NULL;
		}
	json_t *stages = json_array();
	for (int s = PB_STAGE_LEAD; stages && s < PB_STAGE_COUNT; s++)
		if (json_array_append_new(stages, json_pack("{s:s, s:s}", "key",
							    pb_stage_key((pb_stage)s), "name",
							    pb_stage_name((pb_stage)s)))) {
			json_decref(stages);
			stages = NULL;
		}
	char from[16], to[16];
	pb_date_format(r->from, from);
	pb_date_format(r->to, to);
	if (!groups || !stages) {
		json_decref(groups);
		json_decref(stages);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "from", from, "to", to,
			 "grouping", pb_pipe_grouping_key(r->grouping), "unit", "万元", "stages",
			 stages, "groups", groups,
			 "total", row_json(&r->rows[r->ngroup], "合计"), "stuck", stuck_json(r));
}

void pb_pipe_report_free(pb_pipe_report *r)
{
	pb_strings_free(r->group_name, r->ngroup);
	pb_pipe_data_free(&r->d);
	free(r->state);
	free(r->group);
	free(r->rows);
	free(r->stuck);
	memset(r, 0, sizeof(*r));
}
