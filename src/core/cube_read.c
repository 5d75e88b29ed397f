/* cube_read.c - reading helpers over the public cube; see cube_read.h. */
#include "cube_read.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "num.h"

int pb_cube_latest_month(const pb_cube *c, pb_metric k)
{
	for (int t = c->nmonths - 1; t >= 0; t--)
		for (size_t w = 0; w < c->words; w++)
			if (c->rep[k][(size_t)t * c->words + w])
				return pb_cube_month(c, t);
	return 0;
}

int pb_cube_reported(const pb_cube *c, size_t e, int t)
{
	for (int k = 0; k < PB_METRIC_COUNT; k++)
		if (pb_cube_bit(c->rep[k], c->words, t, e))
			return 1;
	return 0;
}

int pb_cube_month_has_reports(const pb_cube *c, int t)
{
	for (int k = 0; k < PB_METRIC_COUNT; k++)
		for (size_t w = 0; w < c->words; w++)
			if (c->rep[k][(size_t)t * c->words + w])
				return 1;
	return 0;
}

int pb_cube_last12(const pb_cube *c, pb_metric k, size_t e, int t, double *sum)
{
	*sum = PB_MISSING;
	if (t < 11)
		return 0;
	for (int j = t - 11; j <= t; j++)
		if (!pb_cube_bit(c->rep[k], c->words, j, e))
			return 0;
	double s = pb_cube_ytd(c, k, e, t);
	if (t % 12 != 11) /* not December: add last year's months after M */
		s += pb_cube_ytd(c, k, e, t - t % 12 - 1) - pb_cube_ytd(c, k, e, t - 12);
	*sum = s;
	return 1;
}

int pb_cube_months_reported_ytd(const pb_cube *c, pb_metric k, size_t e, int t)
{
	int n = 0;
	for (int j = t - t % 12; j <= t; j++)
		n += pb_cube_bit(c->rep[k], c->words, j, e);
	return n;
}

int pb_cube_park_scope(uint64_t **out, const pb_cube *c, const char *const *parks, size_t n)
{
	*out = calloc(c->words ? c->words : 1, sizeof(uint64_t));
	if (!*out)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	size_t ng = c->ngroups[PB_G_PARK];
	uint8_t *mine = calloc(ng ? ng : 1, 1);
	if (!mine) {
		free(*out);
		*out = NULL;
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	/* the park grouping's codes are the parks' names ("园区外" has none) */
	for (size_t g = 0; g < ng; g++)
		for (size_t k = 0; k < n && !mine[g]; k++)
			mine[g] = c->group_code[PB_G_PARK][g] && parks[k] &&
				  strcmp(c->group_code[PB_G_PARK][g], parks[k]) == 0;
	for (size_t e = 0; e < c->nent; e++)
		if (mine[c->group[PB_G_PARK][e]])
			(*out)[e / 64] |= (uint64_t)1 << (e % 64);
	free(mine);
	return 0;
}
