/* pipeline_comply.c - 履约率; see pipeline_comply.h. */
#include "pipeline_comply.h"

#include <math.h>
#include <string.h>

#include "error.h"
#include "month.h"

double pb_comply_per_mu(double promised, double land_mu)
{
	return land_mu > 0 && !isnan(promised) ? promised / land_mu : NAN;
}

int32_t pb_comply_window_start(int32_t month)
{
	return pb_month_add(month, -11) * 100 + 1;
}

/* Project i's result, from its state at the window's start and end. */
static pb_comply_project assess(const pb_comply_input *in, size_t i, int32_t first,
				int32_t last)
{
	pb_comply_project p = { 0, 0, NAN, NAN };
	const pb_pipe_state *s = &in->state[i];
	int32_t produced = s->date[PB_STAGE_PRODUCING];
	int dropped;
	pb_pipe_stage_at(s, last, &dropped);
	double po = in->promised_output[i], pt = in->promised_tax[i];
	if (!produced || produced > first || dropped || !in->linked[i] || (isnan(po) && isnan(pt)))
		return p;
	p.assessed = 1;
	/* a promise of 0 is no promise to measure against */
	if (!isnan(po) && po > 0)
		p.ratio_output = in->actual_output[i] / po;
	if (!isnan(pt) && pt > 0)
		p.ratio_tax = in->actual_tax[i] / pt;
	if (isnan(p.ratio_output) && isnan(p.ratio_tax)) {
		p.assessed = 0;
		return p;
	}
	p.kept = (isnan(p.ratio_output) || p.ratio_output >= 1) &&
		 (isnan(p.ratio_tax) || p.ratio_tax >= 1);
	return p;
}

static void add(pb_comply_row *r, const pb_comply_project *p, const pb_comply_input *in, size_t i)
{
	r->assessed++;
	r->kept += p->kept;
	if (!isnan(p->ratio_output)) {
		r->promised_output += in->promised_output[i];
		r->actual_output += in->actual_output[i];
	}
	if (!isnan(p->ratio_tax)) {
		r->promised_tax += in->promised_tax[i];
		r->actual_tax += in->actual_tax[i];
	}
}

int pb_comply_compute(pb_comply_row *rows, pb_comply_project *proj, const pb_comply_input *in,
		      int32_t month)
{
	if (!pb_month_valid(month))
		return pb_error_set(PB_EINVAL, "月份 %d 无效 / %d is not a month", (int)month, (int)month);
	if (in->ngroup == 0)
		return pb_error_set(PB_EINVAL, "没有分组 / no group");
	/* day 31 of any month: dates compare as numbers, so it is the month's end */
	int32_t first = pb_comply_window_start(month), last = month * 100 + 31;
	memset(rows, 0, (in->ngroup + 1) * sizeof(rows[0]));
	for (size_t i = 0; i < in->n; i++) {
		uint32_t g = in->group ? in->group[i] : 0;
		if (g >= in->ngroup)
			return pb_error_set(PB_EINVAL, "第 %zu 个项目的分组超出范围 / project %zu: group "
						       "out of range", i + 1, i + 1);
		pb_comply_project p = assess(in, i, first, last);
		if (proj)
			proj[i] = p;
		if (!p.assessed)
			continue;
		add(&rows[g], &p, in, i);
		add(&rows[in->ngroup], &p, in, i);
	}
	for (size_t g = 0; g <= in->ngroup; g++)
		rows[g].rate = rows[g].assessed ? (double)rows[g].kept / (double)rows[g].assessed : NAN;
	return 0;
}
