/*
 * import_refs.c - resolving the references of an import file (USCC -> enterprise,
 * park name -> park, ...) against indexes loaded once from the store.
 */
#include <string.h>

#include "error.h"
#include "import_internal.h"
#include "text.h"

static int add_key(pb_index *ix, const char *s, int64_t id)
{
	char key[512];
	size_t n = pb_text_key(s, strlen(s), key, sizeof(key));
	return pb_index_add(ix, key, n, id);
}

static int load_enterprise(void *ctx, const void *rec)
{
	pb_import_refs *r = ctx;
	const pb_enterprise *e = rec;
	int rc = pb_index_add(&r->ent_uscc, e->uscc, strlen(e->uscc), e->id);
	if (!rc)
		rc = add_key(&r->ent_name, e->name, e->id);
	if (!rc)
		rc = pb_index_add(&r->ent_names, e->name, strlen(e->name), e->id);
	return rc;
}

static int load_park(void *ctx, const void *rec)
{
	const pb_park *p = rec;
	int rc = add_key(ctx, p->name, p->id);
	/* a park may also be named by its short name */
	if (!rc && p->short_name && *p->short_name)
		rc = add_key(ctx, p->short_name, p->id);
	return rc;
}

static int load_indicator(void *ctx, const void *rec)
{
	const pb_indicator *i = rec;
	return add_key(ctx, i->name, i->id);
}

static int load_project(void *ctx, const void *rec)
{
	const pb_project *p = rec;
	return add_key(ctx, p->name, p->id);
}

static int load_key_project(void *ctx, const void *rec)
{
	const pb_key_project *p = rec;
	return add_key(ctx, p->name, p->id);
}

/* Which references do the kind's columns need? */
static int needs(const pb_kind *k, pb_conv cv)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (k->cols[i].conv == cv)
			return 1;
	return 0;
}

int pb_import_refs_load(pb_import_ctx *x)
{
	pb_import_refs *r = &x->refs;
	pb_index_init(&r->ent_uscc);
	pb_index_init(&r->ent_name);
	pb_index_init(&r->ent_names);
	pb_index_init(&r->park);
	pb_index_init(&r->indicator);
	pb_index_init(&r->project);
	pb_index_init(&r->key_project);
	r->loaded = 1;
	const pb_kind *k = x->kind;
	int rc = 0;
	if (needs(k, PB_CV_REF_ENTERPRISE) || needs(k, PB_CV_REF_ENTERPRISE_NAME))
		rc = pb_store_each(x->st, PB_E_ENTERPRISE, load_enterprise, r);
	if (!rc && needs(k, PB_CV_REF_PARK))
		rc = pb_store_each(x->st, PB_E_PARK, load_park, &r->park);
	if (!rc && needs(k, PB_CV_REF_INDICATOR))
		rc = pb_store_each(x->st, PB_E_INDICATOR, load_indicator, &r->indicator);
	if (!rc && needs(k, PB_CV_REF_PROJECT))
		rc = pb_store_each(x->st, PB_E_PROJECT, load_project, &r->project);
	if (!rc && needs(k, PB_CV_REF_KEY_PROJECT))
		rc = pb_store_each(x->st, PB_E_KEY_PROJECT, load_key_project, &r->key_project);
	pb_index *all[] = { &r->ent_uscc, &r->ent_name, &r->ent_names, &r->park, &r->indicator,
			    &r->project, &r->key_project };
	for (size_t i = 0; !rc && i < sizeof(all) / sizeof(all[0]); i++)
		rc = pb_index_build(all[i]);
	return rc;
}

void pb_import_refs_free(pb_import_ctx *x)
{
	pb_import_refs *r = &x->refs;
	if (!r->loaded)
		return;
	pb_index_free(&r->ent_uscc);
	pb_index_free(&r->ent_name);
	pb_index_free(&r->ent_names);
	pb_index_free(&r->park);
	pb_index_free(&r->indicator);
	pb_index_free(&r->project);
	pb_index_free(&r->key_project);
	r->loaded = 0;
}
