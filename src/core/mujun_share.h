/*
 * mujun_share.h - enterprises that share a parcel of land (共用宗地).
 *
 * Where several enterprises use one parcel, each files its part as a plot of its own
 * with the parcel's code in shared_parcel. A scheme says how they are evaluated
 * (pb_mujun_scheme.shared_land):
 *   SHARE (the default) - each on its own figures and its own part of the land;
 *   MERGE - Suichang's rule: the enterprises sharing a parcel (and, transitively, those
 *           sharing another parcel with one of them) are one unit: their figures are
 *           summed, the unit is evaluated once, and every member gets the unit's result
 *           (indicators, total, rank, class). A unit counts once in the ranking and the
 *           quotas. A figure one member lacks is missing for the unit: never summed as 0.
 *           The unit is 规上 when any member is, a tenant when all are, absent when all
 *           are, in the first member's park and sector, and every member's rules apply
 *           to it.
 */
#ifndef PB_MUJUN_SHARE_H
#define PB_MUJUN_SHARE_H

#include <stddef.h>
#include <stdint.h>

#include "mujun.h"
#include "mujun_land.h"

/* Enterprises grouped into units. Invariant: unit[i] < n for every enterprise i; the
 * units are numbered in the order of their first member. */
typedef struct pb_mujun_units {
	size_t nent;      /* enterprises */
	size_t n;         /* units */
	uint32_t *unit;   /* nent entries: enterprise → its unit */
	size_t *first;    /* n entries: the unit's first enterprise */
	size_t merged;    /* enterprises in units of more than one member */
} pb_mujun_units;

/**
 * Group `nent` enterprises by the parcels their plots share (plots with a shared_parcel
 * and an enterprise). Free *out with pb_mujun_units_free, also after a failure. Returns
 * 0, PB_EINVAL (a plot's enterprise index out of range) or PB_ENOMEM.
 */
int pb_mujun_units_make(pb_mujun_units *out, size_t nent, const pb_mujun_plot *plots, size_t n);

void pb_mujun_units_free(pb_mujun_units *u);

/**
 * Evaluate as the scheme says of shared parcels: pb_mujun_evaluate on `in` itself when
 * the scheme shares (or `u` is NULL, or no parcel is shared), else on the units and each
 * enterprise given its unit's result. The result is per enterprise in both cases; in the
 * merged case count[][] and ranked[] count enterprises (the members of a unit each).
 * Returns as pb_mujun_evaluate.
 */
int pb_mujun_evaluate_units(pb_mujun_result *out, const pb_mujun_scheme *s,
			    const pb_mujun_input *in, const pb_mujun_units *u, int threads);

#endif
