/* plan_load.c - indicators and actuals out of the store; see plan_load.h. */
#include "plan_load.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"

/* The records are appended to byte buffers while the store walks its tables (malloc'ed
 * memory is aligned for any struct), then handed over as arrays. */
typedef struct loading {
	pb_buf inds, acts;
} loading;

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

static void free_texts(pb_indicator *ind)
{
	free((char *)ind->category);
	free((char *)ind->name);
	free((char *)ind->unit);
	free((char *)ind->attribute);
}

/* The store's texts live only during the callback: keep copies (NULL stays NULL). */
static int take_indicator(void *ctx, const void *rec)
{
	loading *l = ctx;
	const pb_indicator *src = rec;
	pb_indicator ind = *src;
	ind.category = src->category ? strdup(src->category) : NULL;
	ind.name = src->name ? strdup(src->name) : NULL;
	ind.unit = src->unit ? strdup(src->unit) : NULL;
	ind.attribute = src->attribute ? strdup(src->attribute) : NULL;
	if ((src->category && !ind.category) || (src->name && !ind.name) ||
	    (src->unit && !ind.unit) || (src->attribute && !ind.attribute) ||
	    pb_buf_add(&l->inds, &ind, sizeof(ind))) {
		free_texts(&ind);
		return oom();
	}
	return 0;
}

static int take_actual(void *ctx, const void *rec)
{
	loading *l = ctx;
	pb_indicator_actual a = *(const pb_indicator_actual *)rec;
	a.source = NULL;
	return pb_buf_add(&l->acts, &a, sizeof(a)) ? oom() : 0;
}

static int by_id(const void *x, const void *y)
{
	int64_t a = ((const pb_indicator *)x)->id, b = ((const pb_indicator *)y)->id;
	return a < b ? -1 : a > b;
}

int pb_plan_load(pb_plan_input *out, pb_store *st)
{
	memset(out, 0, sizeof(*out));
	loading l = { 0 };
	int rc = pb_store_each(st, PB_E_INDICATOR, take_indicator, &l);
	/* hand over what was loaded even on failure: free() then releases the texts */
	out->inds = (pb_indicator *)(void *)l.inds.p;
	out->ninds = l.inds.len / sizeof(pb_indicator);
	if (!rc)
		rc = pb_store_each(st, PB_E_INDICATOR_ACTUAL, take_actual, &l);
	out->acts = (pb_indicator_actual *)(void *)l.acts.p;
	out->nacts = l.acts.len / sizeof(pb_indicator_actual);
	if (rc)
		return rc;
	/* the store walks indicators by name; the plan's table order is the import order
	 * (and qsort must not see the NULL of an empty store) */
	if (out->ninds > 1)
		qsort(out->inds, out->ninds, sizeof(*out->inds), by_id);
	return 0;
}

void pb_plan_input_free(pb_plan_input *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->ninds; i++)
		free_texts(&in->inds[i]);
	free(in->inds);
	free(in->acts);
	memset(in, 0, sizeof(*in));
}
