/*
 * mujun_tally.h - what an evaluation adds up to: enterprises by class in the zone, by
 * park and by sector, land by class, and the moves between last year's classes and this
 * year's. The tables the 公示 and the cockpit show.
 */
#ifndef PB_MUJUN_TALLY_H
#define PB_MUJUN_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "mujun.h"

/* A class the enterprise did not have a year before (no stored evaluation, or not in it). */
#define PB_MC_UNSTORED PB_MC_COUNT

typedef struct pb_mujun_tally {
	size_t npark, nsector;
	int64_t (*park)[PB_MC_COUNT];   /* npark + 1 rows: parks, then "no park" */
	int64_t (*sector)[PB_MC_COUNT]; /* nsector + 1 rows */
	int64_t zone[PB_MC_COUNT];
	double land[PB_MC_COUNT];       /* 亩 by class (the input's land; NaN counts 0) */
	/* [class last year, or PB_MC_UNSTORED][class now]; empty when no previous classes */
	int64_t change[PB_MC_COUNT + 1][PB_MC_COUNT];
	int64_t up, down, same;         /* classed A..D both years: better, worse, equal */
	int has_prev;
} pb_mujun_tally;

/**
 * Add up result `r` of input `in`. `prev` (NULL when there is no earlier evaluation) holds
 * each enterprise's class a year before, or PB_MC_UNSTORED. Free with
 * pb_mujun_tally_free, also after a failure. Returns 0, or PB_ENOMEM.
 */
int pb_mujun_tally_make(pb_mujun_tally *out, const pb_mujun_input *in, const pb_mujun_result *r,
			const uint8_t *prev);

void pb_mujun_tally_free(pb_mujun_tally *t);

/** 1 when class `now` is better than `before` (both A..D), -1 worse, 0 same or not both
 * classed. */
int pb_mujun_class_move(int before, int now);

#endif
