/*
 * demo_gen.h - the deterministic generator of what the demo zone's documents do not
 * publish: USCCs, monthly figures, most land plots.
 *
 * Calibration (see data/demo/README.md): each sector's 2020 规上 output equals 表2-1's
 * figure; firms with a published 2020 output (anchors) get exactly that; the
 * unpublished 龙头 firms share what brings the 龙头 share to the plan's figure; the
 * rest of each sector is spread over its other firms by tier. Revenue, profit and
 * tax are scaled so their 2020 sums equal 表2-1's. Each later year each sector grows
 * on a path toward its 2025 target (some ahead, some behind, as real zones are),
 * firms drift around their sector, and months follow a seasonal pattern with the
 * Spring Festival dip. Randomness comes from libsodium's deterministic generator
 * (ChaCha20) keyed by the seed, so the same seed gives the same zone, byte for byte.
 */
#ifndef PB_DEMO_GEN_H
#define PB_DEMO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct pb_demo_firm {
	const char *name;
	const char *sector;   /* one of the sectors' names */
	int tier;             /* pb_tier */
	double anchor_2020;   /* published 2020 gross output, 万元; NaN when unpublished */
	int tobacco;          /* taxed like a cigarette maker (tax about half of revenue) */
	/* filled by pb_demo_generate: */
	double output_2020;   /* 万元 */
} pb_demo_firm;

typedef struct pb_demo_sector {
	const char *name;
	double output_base;   /* 表2-1 2020 value, 万元 */
	double output_target; /* 表2-1 2025 value, 万元 */
	/* filled: */
	double output_year[8];/* generated total per year first_year-1 .. last_year */
} pb_demo_sector;

typedef struct pb_demo_params {
	uint64_t seed;
	int base_year;          /* 2020: the year the anchors and 表2-1 describe */
	int first_year;         /* first year of monthly rows (2019) */
	int last_year;          /* last year of monthly rows (2025); at most first_year + 6 */
	double leading_share;   /* share of 龙头 firms in base-year output (0.67) */
	double revenue_base, profit_base, tax_base; /* base-year totals, 万元 */
} pb_demo_params;

/**
 * Called for every generated monthly report, in (firm, month) order. `firm` indexes
 * the firms array; the record's enterprise_id is 0 (the caller knows the firm).
 * A non-zero return stops the generator and is returned.
 */
typedef int (*pb_demo_row_cb)(void *ctx, size_t firm, const pb_monthly *m);

/**
 * Generate the monthly reports of first_year-01 .. last_year-12. Each report carries
 * its 上年同期 figures as the enterprise would report them (its own figures twelve
 * months earlier), except for a few, deterministically chosen, that leave them out,
 * as real filings sometimes do. Returns 0, PB_EINVAL (a firm's sector is unknown,
 * anchors exceed their sector, or the years are out of range), or the callback's code.
 */
int pb_demo_generate(const pb_demo_params *p, pb_demo_firm *firms, size_t nfirms,
		     pb_demo_sector *sectors, size_t nsectors, pb_demo_row_cb cb, void *ctx);

/**
 * A valid synthetic USCC for firm number `i`: 9 (市场监管) 1 (企业), region 500108
 * (重庆市南岸区, GB/T 2260), an organisation code of 8 generated digits and its GB 11714
 * check, and the GB 32100 check character. Distinct for distinct i under one seed.
 */
void pb_demo_uscc(uint64_t seed, size_t i, char out[19]);

/**
 * A uniform number in [0, 1) drawn deterministically from (seed, stream, index):
 * shared by the generator's parts so each draw is reproducible on its own.
 */
double pb_demo_uniform(uint64_t seed, uint32_t stream, uint64_t index);

#endif
