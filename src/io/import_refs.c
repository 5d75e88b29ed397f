/*
 * import_refs.c - resolving the references of an import file (USCC -> enterprise,
 * park name -> park, ...) against indexes loaded once from the store.
 */
#include <string.h>

#include "error.h"
#include "import_internal.h"
#include "refs.h"

/* Which references do the kind's columns need? */
static int needs(const pb_kind *k, pb_conv cv)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (k->cols[i].conv == cv)
			return 1;
	return 0;
}

#define NREFS 7

/* Every index of the set, for what is done to all of them alike. */
static void all_indexes(pb_import_refs *r, pb_index *all[NREFS])
{
	pb_index *list[NREFS] = { &r->ent_uscc, &r->ent_name, &r->ent_names, &r->park,
				  &r->indicator, &r->project, &r->key_project };
	memcpy(all, list, sizeof(list));
}

int pb_import_refs_load(pb_import_ctx *x)
{
	pb_import_refs *r = &x->refs;
	pb_index *all[NREFS];
	all_indexes(r, all);
	for (size_t i = 0; i < NREFS; i++)
		pb_index_init(all[i]);
	r->loaded = 1;
	const pb_kind *k = x->kind;
	int rc = 0;
	if (needs(k, PB_CV_REF_ENTERPRISE) || needs(k, PB_CV_REF_ENTERPRISE_NAME)) {
		rc = pb_refs_load(x->st, PB_E_ENTERPRISE, "uscc", 0, &r->ent_uscc);
		if (!rc)
			rc = pb_refs_load(x->st, PB_E_ENTERPRISE, "name", 1, &r->ent_name);
		if (!rc)
			rc = pb_refs_load(x->st, PB_E_ENTERPRISE, "name", 0, &r->ent_names);
	}
	/* a park may also be named by its short name */
	if (!rc && needs(k, PB_CV_REF_PARK))
		rc = pb_refs_load(x->st, PB_E_PARK, "name", 1, &r->park);
	if (!rc && needs(k, PB_CV_REF_PARK))
		rc = pb_refs_load(x->st, PB_E_PARK, "short_name", 1, &r->park);
	if (!rc && needs(k, PB_CV_REF_INDICATOR))
		rc = pb_refs_load(x->st, PB_E_INDICATOR, "name", 1, &r->indicator);
	if (!rc && needs(k, PB_CV_REF_PROJECT))
		rc = pb_refs_load(x->st, PB_E_PROJECT, "name", 1, &r->project);
	if (!rc && needs(k, PB_CV_REF_KEY_PROJECT))
		rc = pb_refs_load(x->st, PB_E_KEY_PROJECT, "name", 1, &r->key_project);
	for (size_t i = 0; !rc && i < NREFS; i++)
		rc = pb_index_build(all[i]);
	return rc;
}

void pb_import_refs_free(pb_import_ctx *x)
{
	pb_import_refs *r = &x->refs;
	if (!r->loaded)
		return;
	pb_index *all[NREFS];
	all_indexes(r, all);
	for (size_t i = 0; i < NREFS; i++)
		pb_index_free(all[i]);
	r->loaded = 0;
}
