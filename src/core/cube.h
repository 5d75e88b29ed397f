/*
 * cube.h - the monthly reports in memory: enterprise × month × metric, columnar.
 *
 * Every analysis (monthly operations, warnings, later the cockpit) is a scan of the
 * cube, never a query: the store is the system of record, the cube is its read model,
 * rebuilt from the store at start-up and after every import (src/store/store_cube.c).
 *
 * Layout, chosen for the monthly analysis (docs/metrics.md, "the cube"):
 *   - enterprises are dense indexes 0..nent-1 in ascending store id;
 *   - months are columns 0..nmonths-1 from January of the first year with data to
 *     December of the last, whole years (column t is month pb_month_add(first, t));
 *   - for each metric, one block of nmonths columns of nent doubles, month-major
 *     (column t of metric k starts at cum[k] + t * nent), holding the RUNNING SUM from
 *     January of t's year (1-M月累计) rather than the month's own value: a month's
 *     value is cum[t] - cum[t-1] (or cum[t] in January), a cumulative figure is one
 *     load, so the analysis of any month reads four columns per metric;
 *   - beside each block, bitmaps of nent bits per column (word t * words + e / 64):
 *       rep  - the enterprise reported this figure for this month (a missing figure is
 *              never a zero: its month adds 0 to the running sum and its bit is clear);
 *       base - a base for 同比 exists for this month: the enterprise's own 上年同期 figure,
 *              or else its own report twelve months earlier;
 *       any  - it reported the figure at least once from January to this month;
 *       csam - it is in the same-sample set of the cumulative 同比 at this month: it
 *              reported at least once since January and every month it reported has a
 *              base (docs/metrics.md, "same sample");
 *   - the base of the cumulative 同比: when a year of a metric has self-reported 上年同期
 *     figures, a block `bcum` of running sums of the bases (over the months reported
 *     this year) for that year; otherwise the base is the own history, cum[t - 12],
 *     less a sparse correction `gap` for the enterprises that reported a month last
 *     year that they did not report this year (so that both periods cover the same
 *     months).
 *
 * Invariants after pb_cube_seal() (checked by assertions in cube.c):
 *   - ent[i].id < ent[i + 1].id;
 *   - csam ⊆ any, rep ⊆ any; a month with rep clear adds exactly 0 to cum;
 *   - first_month % 100 == 1 and nmonths % 12 == 0;
 *   - for a (metric, year) without bcum, the gap list of each month is sorted by
 *     enterprise and names only enterprises in csam.
 * Memory: 8 bytes + 4 bits per enterprise, month and metric; plus bcum where the data
 * carries 上年同期 figures (then as large as those figures are); plus 16 bytes per gap
 * correction (an enterprise in the cumulative sample that skipped a month last year
 * reported - 0.27 GB at 500,000 enterprises × 120 months with 1% of them skipping a
 * month, bench/RESULTS.md). The cube is read-only after sealing and may be shared by
 * threads.
 */
#ifndef PB_CUBE_H
#define PB_CUBE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The ways enterprises are grouped in the analysis. */
typedef enum pb_grouping {
	PB_G_SECTOR = 0, /* 产业板块: the zone's sector groups */
	PB_G_DIVISION,   /* 行业大类: GB/T 4754-2017 two-digit division */
	PB_G_PARK,       /* 园区 */
	PB_G_TIER,       /* 企业层级: 龙头/骨干/成长型/规下 */
	PB_G_SCALE,      /* 规模: 规上/规下 */
	PB_G_FLAG,       /* 企业标签: 高新技术企业, 专精特新, ... - an enterprise may be in
	                  * several groups or none, so shares need not add up to 100% */
	PB_GROUPING_COUNT
} pb_grouping;

/* The flags of PB_G_FLAG, as bits of pb_cube_ent.flags. */
enum {
	PB_FLAG_HIGH_TECH = 1 << 0,    /* 高新技术企业 */
	PB_FLAG_SPECIALIZED = 1 << 1,  /* 专精特新 */
	PB_FLAG_LITTLE_GIANT = 1 << 2, /* 专精特新“小巨人” */
	PB_FLAG_CHAMPION = 1 << 3,     /* 制造业单项冠军 */
	PB_FLAG_TECH_SME = 1 << 4,     /* 科技型企业 */
	PB_FLAG_COUNT = 5
};

/** The grouping's key ("sector") and Chinese name ("产业板块"); NULL if out of range. */
const char *pb_grouping_key(pb_grouping g);
const char *pb_grouping_name(pb_grouping g);

/** The grouping named by its key ("sector", "division", "park", "tier", "scale",
 * "flag"); returns 0 and sets *g, or PB_EINVAL. */
int pb_grouping_parse(pb_grouping *g, const char *key);

/* One enterprise as the analysis sees it. Strings are owned by the cube. */
typedef struct pb_cube_ent {
	int64_t id;
	const char *uscc, *name;
	int tier;        /* pb_tier */
	int above_scale; /* 0/1 */
	unsigned flags;  /* PB_FLAG_* */
} pb_cube_ent;

/* A gap correction of the cumulative base (see above). */
typedef struct pb_cube_gap {
	uint32_t ent;
	double value;
} pb_cube_gap;

typedef struct pb_cube {
	size_t nent;
	pb_cube_ent *ent;
	int first_month;  /* yyyymm, a January */
	int nmonths;      /* whole years */
	size_t words;     /* 64-bit words per bitmap column: (nent + 63) / 64 */
	/* per enterprise, its group in each single-valued grouping (not PB_G_FLAG) */
	uint16_t *group[PB_G_FLAG];
	/* per grouping, the groups' names (index = group id) and codes ("39", park id) */
	size_t ngroups[PB_GROUPING_COUNT];
	const char **group_name[PB_GROUPING_COUNT];
	const char **group_code[PB_GROUPING_COUNT];
	/* Cells: the distinct combinations of an enterprise's groups in every grouping
	 * (flags included). The analysis adds each enterprise into its cell, then folds
	 * the cells into the groupings: one scatter per figure, however many groupings. */
	uint32_t *cell;                   /* per enterprise */
	size_t ncells;
	uint16_t (*cell_group)[PB_G_FLAG]; /* per cell, its group in each single-valued grouping */
	uint8_t *cell_flags;              /* per cell, its PB_FLAG_* bits */
	/* the figures */
	double *cum[PB_METRIC_COUNT];
	uint64_t *rep[PB_METRIC_COUNT], *base[PB_METRIC_COUNT];
	uint64_t *any[PB_METRIC_COUNT], *csam[PB_METRIC_COUNT];
	double **bcum[PB_METRIC_COUNT];   /* [year index], NULL where the own history serves */
	uint64_t **self[PB_METRIC_COUNT]; /* [year index] with bcum: base is self-reported */
	pb_cube_gap **gap[PB_METRIC_COUNT]; /* [column] without bcum, NULL when empty */
	size_t *ngap[PB_METRIC_COUNT];
	/* 报送日期 as days after the end of the month (1 = the 1st of the next month), 0
	 * unknown; NULL when no report carries one. [t * nent + e], capped at 255. */
	uint8_t *filed;
	/* private: building state (NULL once sealed) and the strings' arena */
	struct pb_cube_build *b;
	char **arena;
	size_t narena;
} pb_cube;

/**
 * Start an empty cube for `nent` enterprises and the months first..last (yyyymm; they
 * are widened to whole years). On success *out owns the cube; free it with
 * pb_cube_free(). Returns 0, PB_EINVAL (months out of order or invalid) or PB_ENOMEM.
 * A national zone (500,000 enterprises × 120 months) needs about 5 GB.
 */
int pb_cube_new(pb_cube **out, size_t nent, int first_month, int last_month);

/**
 * Describe enterprise `e` (0-based; ids must come in ascending order). `park` is its
 * park's name (NULL when none). Strings are copied. Returns 0, PB_EINVAL (e out of
 * range, ids not ascending) or PB_ENOMEM.
 */
int pb_cube_set_enterprise(pb_cube *c, size_t e, const pb_enterprise *ent, const char *park);

/**
 * Add one monthly report of enterprise `e` (its enterprise_id is ignored). Figures that
 * are NaN are missing. Each (e, month) once. Several threads may put at once as long
 * as each has its own range of enterprises starting at a multiple of 64 (so no two
 * threads write one bitmap word). Returns 0, PB_EINVAL (month outside the cube, e out
 * of range, already sealed) or PB_ENOMEM.
 */
int pb_cube_put(pb_cube *c, size_t e, const pb_monthly *m);

/**
 * Finish the cube: running sums, bitmaps, bases and the group dictionaries, using up to
 * `threads` threads (0 = the number of processors). Afterwards the cube is read-only.
 * Returns 0 or PB_ENOMEM.
 */
int pb_cube_seal(pb_cube *c, int threads);

/** Free the cube; NULL is allowed. */
void pb_cube_free(pb_cube *c);

/** The dense index of store id `id`, or -1. */
long pb_cube_find(const pb_cube *c, int64_t id);

/** Column of month yyyymm, or -1 when outside the cube. */
int pb_cube_col(const pb_cube *c, int yyyymm);

/** Month yyyymm of column t. */
int pb_cube_month(const pb_cube *c, int t);

/** Bytes the cube holds (for the benchmark's memory figure). */
size_t pb_cube_bytes(const pb_cube *c);

/* ---- reading one enterprise (warnings, lists; the analysis reads columns) ------ */

static inline int pb_cube_bit(const uint64_t *bm, size_t words, int t, size_t e)
{
	return (int)((bm[(size_t)t * words + e / 64] >> (e % 64)) & 1);
}

/**
 * The figure of enterprise e for month column t: 1 and *v when it was reported, 0
 * when it is missing (*v = NaN).
 */
int pb_cube_value(const pb_cube *c, pb_metric k, size_t e, int t, double *v);

/** 1-M月累计 at column t (0 when nothing was reported since January): the running sum,
 * also for a stock such as 从业人员 (the analysis divides it by the months reported). */
double pb_cube_ytd(const pb_cube *c, pb_metric k, size_t e, int t);

/**
 * The month's 同比 base of enterprise e at column t: 1 and *v when it exists (the
 * enterprise's own 上年同期 figure if it reported one, else its report of t - 12), else 0.
 * *self is 1 when the base is self-reported.
 */
int pb_cube_month_base(const pb_cube *c, pb_metric k, size_t e, int t, double *v, int *self);

/**
 * The cumulative 同比 pair of enterprise e at column t: 1 with *cur and *base when the
 * enterprise is in the cumulative same sample (csam), else 0.
 */
int pb_cube_ytd_pair(const pb_cube *c, pb_metric k, size_t e, int t, double *cur, double *base);

#endif
