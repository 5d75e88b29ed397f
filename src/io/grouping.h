/*
 * grouping.h - putting items into groups by a label, in a stated order: what every report
 * that sums its rows by park, team, nature or unit does (pipeline_run.c, keyproj_run.c).
 */
#ifndef PB_GROUPING_H
#define PB_GROUPING_H

#include <stddef.h>
#include <stdint.h>

/**
 * Group `n` items: item i has `label[i]` and `order[i]`; the groups are the distinct
 * (order, label) pairs, sorted by order then by label (strcmp). group[i] gets item i's
 * group, names[g] a malloc'd copy of group g's label (both arrays of n entries from the
 * caller), *ngroup their number. Returns 0 or PB_ENOMEM (names made so far stay in names,
 * *ngroup counting them, for the caller to free).
 */
int pb_group_by_label(uint32_t *group, char **names, size_t *ngroup, const int64_t *order,
		      const char *const *label, size_t n);

#endif
