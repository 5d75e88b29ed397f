/*
 * mujun_tally.c - the counts of an evaluation; see mujun_tally.h.
 */
#include "mujun_tally.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

int pb_mujun_class_move(int before, int now)
{
	if (before < PB_MC_A || before > PB_MC_D || now < PB_MC_A || now > PB_MC_D)
		return 0;
	return now < before ? 1 : now > before ? -1 : 0; /* A is 0: a smaller class is better */
}

int pb_mujun_tally_make(pb_mujun_tally *out, const pb_mujun_input *in, const pb_mujun_result *r,
			const uint8_t *prev)
{
	memset(out, 0, sizeof(*out));
	out->npark = in->npark;
	out->nsector = in->nsector;
	out->park = calloc(in->npark + 1, sizeof(*out->park));
	out->sector = calloc(in->nsector + 1, sizeof(*out->sector));
	if (!out->park || !out->sector)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	out->has_prev = prev != NULL;
	const double *land = in->m[PB_MM_LAND];
	for (size_t i = 0; i < r->n; i++) {
		int c = r->cls[i];
		uint32_t p = in->park ? in->park[i] : UINT32_MAX;
		uint32_t s = in->sector ? in->sector[i] : UINT32_MAX;
		out->zone[c]++;
		out->park[p < in->npark ? p : in->npark][c]++;
		out->sector[s < in->nsector ? s : in->nsector][c]++;
		if (land && !isnan(land[i]))
			out->land[c] += land[i];
		if (!prev)
			continue;
		int b = prev[i] <= PB_MC_UNSTORED ? prev[i] : PB_MC_UNSTORED;
		out->change[b][c]++;
		if (b > PB_MC_D || c > PB_MC_D)
			continue;
		int mv = pb_mujun_class_move(b, c);
		out->up += mv > 0;
		out->down += mv < 0;
		out->same += mv == 0;
	}
	return 0;
}

void pb_mujun_tally_free(pb_mujun_tally *t)
{
	if (!t)
		return;
	free(t->park);
	free(t->sector);
	memset(t, 0, sizeof(*t));
}
