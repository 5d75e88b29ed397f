/*
 * mujun_land.c - idle and inefficient land per park; see mujun_land.h.
 */
#include "mujun_land.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Which reasons put plot p on the list, and how many of its 亩 are inefficient. */
/* The enterprise's 亩均工业总产值 (万元/亩), NaN when it cannot be known. */
static double output_per_mu(const pb_mujun_input *in, size_t i)
{
	const double *out = in->m[PB_MM_GROSS_OUTPUT], *land = in->m[PB_MM_LAND];
	if (!out || !land || isnan(out[i]) || isnan(land[i]) || land[i] <= 0)
		return NAN;
	return out[i] / land[i];
}

static uint8_t plot_reason(const pb_mujun_plot *p, const pb_mujun_input *in,
			   const pb_mujun_result *r, double line, double *inefficient)
{
	uint8_t why = 0;
	*inefficient = 0;
	if (p->ent == SIZE_MAX)
		return PB_ML_IDLE; /* nobody uses it: idle as a whole */
	if (p->idle_area > 0)
		why |= PB_ML_IDLE;
	if (r->cls[p->ent] == PB_MC_D)
		why |= PB_ML_CLASS_D;
	double opm = output_per_mu(in, p->ent);
	if (line > 0 && !isnan(opm) && opm < line)
		why |= PB_ML_LOW_OUTPUT;
	if (why & (PB_ML_CLASS_D | PB_ML_LOW_OUTPUT)) {
		double used = p->area - (p->idle_area > 0 ? p->idle_area : 0);
		*inefficient = used > 0 ? used : 0;
	}
	return why;
}

static void row_add(pb_mujun_land_row *row, const pb_mujun_plot *p, uint8_t why, double ineff)
{
	double idle = p->ent == SIZE_MAX ? p->area : (p->idle_area > 0 ? p->idle_area : 0);
	row->plots++;
	row->plots_listed += why != 0;
	row->area += p->area;
	row->idle += idle;
	row->inefficient += ineff;
	row->revivable += idle + ineff;
}

int pb_mujun_land_sum(pb_mujun_land *out, const pb_mujun_plot *plots, size_t n, size_t npark,
		      const pb_mujun_input *in, const pb_mujun_result *r, double line)
{
	memset(out, 0, sizeof(*out));
	out->npark = npark;
	out->nplots = n;
	out->park = calloc(npark + 1, sizeof(*out->park));
	out->reason = calloc(n ? n : 1, 1);
	out->inefficient_area = calloc(n ? n : 1, sizeof(double));
	if (!out->park || !out->reason || !out->inefficient_area)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i < n; i++) {
		const pb_mujun_plot *p = &plots[i];
		if ((p->ent != SIZE_MAX && (p->ent >= r->n || p->ent >= in->n)) || (p->park != UINT32_MAX && p->park >= npark))
			return pb_error_set(PB_EINVAL, "地块 %s 的企业或园区超出范围 / plot %s: enterprise "
					    "or park out of range", p->plot_code ? p->plot_code : "?",
					    p->plot_code ? p->plot_code : "?");
		double ineff;
		uint8_t why = plot_reason(p, in, r, line, &ineff);
		out->reason[i] = why;
		out->inefficient_area[i] = ineff;
		row_add(&out->park[p->park == UINT32_MAX ? npark : p->park], p, why, ineff);
		row_add(&out->zone, p, why, ineff);
	}
	return 0;
}

void pb_mujun_land_free(pb_mujun_land *l)
{
	if (!l)
		return;
	free(l->park);
	free(l->reason);
	free(l->inefficient_area);
	memset(l, 0, sizeof(*l));
}
