/* refs.c - natural keys of an entity into an index; see refs.h. */
#include "refs.h"

#include <assert.h>
#include <string.h>

#include "error.h"
#include "text.h"

typedef struct refs_ctx {
	pb_index *ix;
	size_t offset;
	int matching;
} refs_ctx;

static int add_ref(void *ctx, const void *rec)
{
	refs_ctx *r = ctx;
	const char *s = *(const char *const *)((const char *)rec + r->offset);
	int64_t id = *(const int64_t *)rec; /* entities with ids start with it */
	if (!s || !*s)
		return 0;
	if (!r->matching)
		return pb_index_add(r->ix, s, strlen(s), id);
	char key[512];
	size_t n = pb_text_key(s, strlen(s), key, sizeof(key));
	return pb_index_add(r->ix, key, n, id);
}

int pb_refs_load(pb_store *st, pb_entity e, const char *field, int matching, pb_index *ix)
{
	const pb_entity_desc *d = pb_entity_get(e);
	assert(d->has_id);
	for (size_t i = 0; i < d->nfields; i++) {
		if (strcmp(d->fields[i].name, field) != 0)
			continue;
		assert(d->fields[i].type == PB_FT_TEXT);
		refs_ctx r = { ix, d->fields[i].offset, matching };
		return pb_store_each(st, e, add_ref, &r);
	}
	return pb_error_set(PB_EINVAL, "%s 没有字段 %s / %s has no field %s", d->table, field,
			    d->table, field);
}
