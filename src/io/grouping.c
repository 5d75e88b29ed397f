/* grouping.c - items into groups by label; see grouping.h. */
#include "grouping.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

typedef struct slot {
	int64_t order;
	const char *label;
	size_t item;
} slot;

static int by_slot(const void *a, const void *b)
{
	const slot *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->label, y->label);
}

int pb_group_by_label(uint32_t *group, char **names, size_t *ngroup, const int64_t *order,
		      const char *const *label, size_t n)
{
	*ngroup = 0;
	slot *s = malloc((n ? n : 1) * sizeof(*s));
	if (!s)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i < n; i++)
		s[i] = (slot){ .order = order[i], .label = label[i], .item = i };
	qsort(s, n, sizeof(*s), by_slot);
	for (size_t k = 0; k < n; k++) {
		if (k == 0 || by_slot(&s[k - 1], &s[k]) != 0) {
			if (!(names[*ngroup] = strdup(s[k].label))) {
				free(s);
				return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
			}
			(*ngroup)++;
		}
		group[s[k].item] = (uint32_t)(*ngroup - 1);
	}
	free(s);
	return 0;
}
