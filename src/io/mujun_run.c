/*
 * mujun_run.c - one evaluation and what is shown with it; see mujun_run.h.
 */
#include "mujun_run.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "mujun_config.h"
#include "text.h"

static int new_scheme(pb_mujun_run *e)
{
	free(e->s);
	e->s = malloc(sizeof(*e->s));
	return e->s ? 0 : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

int pb_mujun_run_scheme(pb_mujun_run *e, const char *name)
{
	int rc = new_scheme(e);
	return rc ? rc : pb_mujun_config_load(e->s, &e->scheme_json,
					      name ? name : pb_mujun_config_default());
}

int pb_mujun_run_scheme_text(pb_mujun_run *e, const char *json, const char *where)
{
	int rc = new_scheme(e);
	if (!rc)
		rc = pb_mujun_config_parse(e->s, json, strlen(json), where);
	if (!rc && !(e->scheme_json = strdup(json)))
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	return rc;
}

/* Evaluate e->y under e->s and add up the result; the land list when `land`. */
static int compute(pb_mujun_run *e, pb_store *st, int land)
{
	int found = 0, rc = pb_store_mujun_plots(&e->plots, st, &e->y);
	if (!rc)
		rc = pb_mujun_units_make(&e->units, e->y.in.n, e->plots.items, e->plots.n);
	if (!rc)
		rc = pb_mujun_evaluate_units(&e->r, e->s, &e->y.in, &e->units, 0);
	if (!rc)
		rc = pb_store_mujun_classes(&e->prev, &found, st, &e->y, e->y.year - 1);
	if (!rc && !found) {
		free(e->prev);
		e->prev = NULL;
	}
	if (!rc)
		rc = pb_mujun_tally_make(&e->t, &e->y.in, &e->r, e->prev);
	if (!rc && land)
		rc = pb_mujun_land_sum(&e->land, e->plots.items, e->plots.n, e->y.in.npark, &e->y.in,
				       &e->r, e->s->inefficient_output_per_mu);
	e->v = (pb_mujun_view){ e->zone, e->s, &e->y, &e->r, &e->t, e->prev,
				land ? &e->plots : NULL, land ? &e->land : NULL };
	return rc;
}

int pb_mujun_run_make(pb_mujun_run *e, pb_store *st, int year, const char *zone, int land)
{
	if (zone && !(e->zone = strdup(zone)))
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int rc = pb_store_mujun_load(&e->y, st, year, e->s);
	if (!rc && e->y.in.n == 0)
		rc = pb_error_set(PB_EINVAL, "数据库中没有企业 / the database has no enterprises");
	return rc ? rc : compute(e, st, land);
}

int pb_mujun_run_find(const pb_mujun_run *e, const char *key, size_t *out)
{
	char a[512], b[512];
	pb_text_key(key, strlen(key), a, sizeof(a));
	for (size_t i = 0; i < e->y.in.n; i++) {
		if (e->y.uscc[i] && strcmp(e->y.uscc[i], key) == 0) {
			*out = i;
			return 0;
		}
		pb_text_key(e->y.name[i], strlen(e->y.name[i]), b, sizeof(b));
		if (strcmp(a, b) == 0) {
			*out = i;
			return 0;
		}
	}
	return pb_error_set(PB_ENOTFOUND, "没有企业「%s」（按统一社会信用代码或名称）/ no enterprise "
			    "\"%s\" (by USCC or name)", key, key);
}

void pb_mujun_run_free(pb_mujun_run *e)
{
	if (!e)
		return;
	free(e->s);
	free(e->scheme_json);
	pb_mujun_year_free(&e->y);
	pb_mujun_result_free(&e->r);
	pb_mujun_tally_free(&e->t);
	free(e->prev);
	pb_mujun_plots_free(&e->plots);
	pb_mujun_units_free(&e->units);
	pb_mujun_land_free(&e->land);
	free(e->zone);
	memset(e, 0, sizeof(*e));
}
