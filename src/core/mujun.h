/*
 * mujun.h - 亩均论英雄: the yearly land-efficiency evaluation of enterprises.
 *
 * A scheme (pb_mujun_scheme) is data: the zone chooses its indicators, baselines,
 * weights, caps, the groups of enterprises each set of indicators applies to, how
 * classes A/B/C/D are given (score thresholds or quotas), and the rules that override
 * the score (一票否决 vetoes, protections, enterprises not suited to evaluation). Every
 * place writes its own and revises it yearly; src/io/mujun_config.h reads one from
 * JSON, and docs/mujun.md states the shipped schemes with their sources.
 *
 * The engine (pb_mujun_evaluate) is columnar: the caller hands one array per measure
 * (land, tax, 增加值, energy, ...) with one entry per enterprise, and gets arrays back.
 * It computes and keeps nothing: src/store/store_mujun.h gathers the inputs of a year
 * and saves a result; src/io/mujun_out.h presents it.
 *
 * How one enterprise is evaluated (docs/mujun.md has a worked example):
 *   1. Its group: the first of the scheme's groups whose filter it passes (规上/规下,
 *      land at least min_land and below max_land, own or leased land; unknown (NaN)
 *      land passes only a group with no land bounds, min_land 0 and max_land
 *      +INFINITY). None: it is outside the evaluation (PB_MC_NONE). A rule with effect
 *      EXCLUDE puts it outside too (EXCLUDE wins over every other rule; its group is
 *      still reported); a rule with effect UNSUITED gives it PB_MC_T (scored and
 *      shown, not classed: 不定等级 / 不适合评价, e.g. utilities, firms in a build
 *      period).
 *   2. Each indicator of the group: value = measure[num] / measure[den] × factor.
 *      The value is missing when either measure is missing (NaN) or the denominator is
 *      not positive (no land, no energy reported), or the quotient is not finite:
 *      never scored as if it were 0.
 *      points = value / baseline × weight (lower_better: (2 − value/baseline) × weight),
 *      then at most `cap` and at least `floor` (PB_MF_CAPPED / PB_MF_FLOORED when
 *      applied).
 *   3. A missing value is treated as the indicator's on_missing says: INCOMPLETE (the
 *      default: the enterprise is 数据不全, PB_MC_INCOMPLETE, not scored, not ranked;
 *      its other values and points are still reported), GROUP_AVERAGE (the mean points
 *      of the group's enterprises that have the value - every one evaluated in the
 *      group, whether T or 数据不全 on another indicator, not the EXCLUDEd; 0 when none
 *      has it - Huangyan's rule for emissions; PB_MF_IMPUTED) or ZERO (0 points,
 *      PB_MF_IMPUTED). Both keep PB_MF_MISSING and a NaN value.
 *   4. total = Σ points. Ranked within its group by total, highest first, ties sharing
 *      the better rank (competition ranking, 1 2 2 4): over the zone, within its sector,
 *      within its park (those without a sector, or a park, are ranked among
 *      themselves). Only scored enterprises of classes A..D and T are ranked.
 *   5. Class by score (cls_score): THRESHOLD - A when total ≥ min[A], else B when
 *      ≥ min[B], else C when ≥ min[C], else D. QUOTA - with n the group's scored
 *      enterprises that are classed (not T), and cum_k = round-half-up(n × (share of A
 *      + ... + share of k) / 100) (cum_D = n), an enterprise of rank r among those n
 *      (T ones are not counted: they take no class's place) gets the first class k
 *      with r ≤ cum_k. Since tied enterprises share a rank, a tie at a boundary all go
 *      to the better class: the quota is a target, not a cut through equals. The
 *      quota is counted on the scores, before the rules of step 6.
 *   6. Rules, in this order: FORCE_D → D; BAR_AB → at best C; NO_D (a protection:
 *      new, newly 规上, build period) → at worst C, unless a FORCE_D or BAR_AB rule also
 *      applies. They apply to enterprises classed by score (A..D): T, INCOMPLETE and
 *      NONE keep their class. `adjust` records what moved the class (nothing when a
 *      FORCE_D enterprise was D by score anyway; the rules that applied are in
 *      `rules`).
 */
#ifndef PB_MUJUN_H
#define PB_MUJUN_H

#include <stddef.h>
#include <stdint.h>

/* ---- measures: what indicators are ratios of -------------------------------------- */

/* The yearly figures of one enterprise the indicators are made from. The store fills
 * them from the year's monthly reports, the yearly evaluation data (评价数据, which
 * win where given: the tax bureau's tax, the grid's electricity) and the land plots. */
typedef enum pb_mujun_measure {
	PB_MM_LAND = 0,     /* 用地面积, 亩: the sum of its plots, owned or leased */
	PB_MM_TAX,          /* 税收 (评价税收), 万元 */
	PB_MM_REVENUE,      /* 营业收入 (销售收入), 万元 */
	PB_MM_GROSS_OUTPUT, /* 工业总产值, 万元 */
	PB_MM_SALES_OUTPUT, /* 工业销售产值, 万元 */
	PB_MM_VALUE_ADDED,  /* 工业增加值, 万元 */
	PB_MM_ENERGY,       /* 综合能耗 (等价值), 吨标准煤 */
	PB_MM_ELECTRICITY,  /* 用电量, 万千瓦时 */
	PB_MM_EMISSIONS,    /* 主要污染物排放量, 吨 */
	PB_MM_COD,          /* 化学需氧量 (COD) 排放量, 吨 */
	PB_MM_WATER,        /* 用水量, 吨 */
	PB_MM_EMPLOYEES,    /* 年平均职工人数, 人 */
	PB_MM_RD,           /* 研发经费支出, 万元 */
	PB_MM_ONE,          /* the constant 1, as a denominator: an indicator that is one
	                     * measure alone. Its input array is ignored. */
	PB_MM_COUNT
} pb_mujun_measure;

/** The measure's key ("value_added", as schemes and JSON name it), Chinese name, English
 * name and unit; NULL out of range. */
const char *pb_mujun_measure_key(pb_mujun_measure m);
const char *pb_mujun_measure_name(pb_mujun_measure m);
const char *pb_mujun_measure_name_en(pb_mujun_measure m);
const char *pb_mujun_measure_unit(pb_mujun_measure m);

/** The measure named by `key`; returns 0 and sets *m, or PB_EINVAL listing the keys. */
int pb_mujun_measure_parse(pb_mujun_measure *m, const char *key);

/* ---- classes ---------------------------------------------------------------------- */

typedef enum pb_mujun_class {
	PB_MC_A = 0,
	PB_MC_B,
	PB_MC_C,
	PB_MC_D,
	PB_MC_T,          /* 不定等级: scored, not classed (an UNSUITED rule) */
	PB_MC_INCOMPLETE, /* 数据不全: a missing value whose on_missing is INCOMPLETE */
	PB_MC_NONE,       /* 不参评: in no group, or excluded by a rule */
	PB_MC_COUNT
} pb_mujun_class;

/** "A".."D", "T", "incomplete", "none" (stable, as stored); NULL out of range. */
const char *pb_mujun_class_key(pb_mujun_class c);

/** The class named by its key; returns 0 and sets *c, or PB_EINVAL. */
int pb_mujun_class_parse(pb_mujun_class *c, const char *key);

/* ---- schemes ---------------------------------------------------------------------- */

enum {
	PB_MUJUN_MAX_IND = 12,    /* indicators per group */
	PB_MUJUN_MAX_GROUPS = 8,
	PB_MUJUN_MAX_RULES = 32,  /* one bit each in pb_mujun_input.rules */
	PB_MUJUN_MAX_POLICIES = 48,
};

typedef enum pb_mujun_missing {
	PB_MISS_INCOMPLETE = 0, /* the enterprise is 数据不全 (default) */
	PB_MISS_GROUP_AVERAGE,  /* the group's mean points on this indicator */
	PB_MISS_ZERO,           /* 0 points, flagged */
} pb_mujun_missing;

/* One indicator. Invariants (pb_mujun_scheme_check): baseline > 0, weight ≥ 0,
 * floor ≤ cap, factor > 0, num ≠ PB_MM_ONE. cap is +INFINITY when the scheme sets none;
 * floor is 0 unless set (a negative tax gives 0 points, not negative ones). */
typedef struct pb_mujun_indicator {
	char key[32];      /* ASCII, unique in its group: "tax_per_mu" */
	char name[96];     /* "亩均税收" */
	char name_en[64];
	char unit[32];     /* of the value: "万元/亩" */
	pb_mujun_measure num, den;
	double factor;     /* value = num / den × factor (100 for a percentage) */
	double baseline;   /* 基准值, in the value's unit */
	double weight;     /* 权重: points when value == baseline */
	double cap, floor; /* points */
	int lower_better;  /* 1: an inverse indicator, (2 − v/b) × w */
	pb_mujun_missing on_missing;
} pb_mujun_indicator;

typedef enum pb_mujun_method {
	PB_MCM_QUOTA = 0, /* share[] of the group's classed enterprises, by rank */
	PB_MCM_THRESHOLD, /* min[] scores */
} pb_mujun_method;

typedef struct pb_mujun_classing {
	pb_mujun_method method;
	double share[4]; /* QUOTA: percent for A, B, C, D; each ≥ 0, summing to 100 */
	double min[3];   /* THRESHOLD: the lowest total for A, B and C; min[0] ≥ min[1] ≥ min[2] */
} pb_mujun_classing;

/* A group of enterprises with its own indicators and its own list (规上; 规下 ≥3亩;
 * 规下 <3亩; 租赁企业). An enterprise belongs to the first group it passes. */
typedef struct pb_mujun_group {
	char key[32];      /* ASCII: "above", "below_small" */
	char name[96];     /* "规上工业企业" */
	int above_scale;   /* 1 规上 only, 0 规下 only, -1 either */
	int leased;        /* 1 only enterprises all of whose land is leased, 0 only those
	                    * with land of their own, -1 either */
	double min_land;   /* 亩: land ≥ min_land (0 admits enterprises without land) */
	double max_land;   /* 亩: land < max_land; +INFINITY when unbounded */
	pb_mujun_indicator ind[PB_MUJUN_MAX_IND];
	size_t nind;       /* ≥ 1 */
	pb_mujun_classing classing;
} pb_mujun_group;

typedef enum pb_mujun_effect {
	PB_ME_FORCE_D = 0, /* 一票否决: D whatever the score */
	PB_ME_BAR_AB,      /* may not be A or B: at best C */
	PB_ME_NO_D,        /* protected: at worst C, unless also FORCE_D or BAR_AB */
	PB_ME_UNSUITED,    /* T: scored and shown, not classed (不定等级) */
	PB_ME_EXCLUDE,     /* not evaluated at all (PB_MC_NONE) */
	PB_ME_COUNT
} pb_mujun_effect;

/** "force_d", "bar_ab", "no_d", "unsuited", "exclude"; and the Chinese name; NULL out of
 * range. */
const char *pb_mujun_effect_key(pb_mujun_effect e);
const char *pb_mujun_effect_name(pb_mujun_effect e);

/** The effect named by its key; returns 0 and sets *e, or PB_EINVAL. */
int pb_mujun_effect_parse(pb_mujun_effect *e, const char *key);

/* A rule the scheme applies to enterprises for which a fact of kind `key` is recorded
 * for the year (src/store: mujun_facts; e.g. "safety_accident", "new_enterprise"). */
typedef struct pb_mujun_rule {
	char key[32];   /* ASCII: the fact kind */
	char name[96];  /* "发生较大及以上安全生产事故" */
	pb_mujun_effect effect;
} pb_mujun_rule;

/* One line of the differentiated-policy table (差别化政策): what a class gets. */
typedef struct pb_mujun_policy {
	pb_mujun_class cls; /* A..D or T */
	char item[48];      /* "用电价格" */
	char text[320];     /* "加价0.05元/千瓦时（连续两年D类0.10元）" */
} pb_mujun_policy;

typedef struct pb_mujun_scheme {
	char key[48];          /* ASCII: "huangyan-2022" */
	char name[128];        /* "台州市黄岩区2022年度工业企业亩均效益评价" */
	int year;              /* the evaluation year it was written for; 0 for any */
	char source[512];      /* where its rules come from (URL, document number) */
	char class_name[5][32];/* A..D and T: "优先发展", ..., "不定等级" */
	pb_mujun_group group[PB_MUJUN_MAX_GROUPS];
	size_t ngroups;        /* ≥ 1 */
	pb_mujun_rule rule[PB_MUJUN_MAX_RULES];
	size_t nrules;
	pb_mujun_policy policy[PB_MUJUN_MAX_POLICIES];
	size_t npolicies;
	/* 低效用地: plots of enterprises whose 亩均工业总产值 is below this (万元/亩) are
	 * listed as inefficient, besides those of D-class enterprises; 0 = only D. */
	double inefficient_output_per_mu;
} pb_mujun_scheme;

/**
 * Check the invariants stated above (every group with at least one indicator, unique
 * keys, baselines positive, quota shares summing to 100 within 1e-9, thresholds in
 * order, land bounds 0 ≤ min < max). Group, indicator and rule keys are non-empty
 * printable ASCII without blanks or '.' (the separator of pb_mujun_scheme_set's paths),
 * and no indicator is keyed "quota" or "threshold" (those name the classing in a path).
 * Returns 0, or PB_EINVAL naming the place:
 * "组 above 指标 tax_per_mu：基准值须大于0 / group above indicator tax_per_mu: ...".
 */
int pb_mujun_scheme_check(const pb_mujun_scheme *s);

/**
 * Change one parameter of a scheme, for a what-if: `path` is
 * "<group>.<indicator>.<baseline|weight|cap|floor>" or "<group>.quota.<A|B|C|D>" or
 * "<group>.threshold.<A|B|C>", value the number. Quota shares must still sum to 100 when
 * the scheme is checked, so changing one share usually comes with changing another.
 * The value is not checked here (pb_mujun_scheme_check does). A quota path for a group
 * classed by thresholds, or a threshold path for one classed by quota, is refused: it
 * would change nothing. Returns 0, or PB_EINVAL naming what in `path` is unknown.
 */
int pb_mujun_scheme_set(pb_mujun_scheme *s, const char *path, double value);

/** The rule of `key` in the scheme, or -1. */
int pb_mujun_scheme_rule(const pb_mujun_scheme *s, const char *key);

/* ---- input and result ------------------------------------------------------------- */

/* The year's figures of n enterprises, column by column; the caller owns every array.
 * Invariants: every non-NULL array has n entries; n < 2^31; m[k][i] is NaN when missing;
 * park[i] < npark and sector[i] < nsector, or UINT32_MAX for none (a NULL park or
 * sector: none for everyone; a NULL above_scale or leased: 0 for everyone). */
typedef struct pb_mujun_input {
	size_t n;
	const double *m[PB_MM_COUNT]; /* NULL: the measure is missing for everyone */
	const uint8_t *above_scale;   /* 0/1 */
	const uint8_t *leased;        /* 1: all its land is leased (tenant) */
	const uint32_t *park, *sector;
	size_t npark, nsector;
	const uint32_t *rules;        /* bit r: scheme rule r applies; NULL = none */
} pb_mujun_input;

/* Flags of one (enterprise, indicator slot). */
enum {
	PB_MF_MISSING = 1, /* the value could not be computed */
	PB_MF_IMPUTED = 2, /* ... and points were given by on_missing (average or zero) */
	PB_MF_CAPPED = 4,
	PB_MF_FLOORED = 8,
};

/* What moved the class away from cls_score. */
enum {
	PB_MA_FORCE_D = 1,
	PB_MA_BAR_AB = 2,
	PB_MA_PROTECTED = 4,
};

/* The evaluation of n enterprises under one scheme. Per-indicator arrays are slot-major
 * with S slots, S the largest nind of the scheme's groups: value[s * n + i] is
 * enterprise i's value of its group's indicator s (s < that group's nind; the slots
 * from its nind up to S, and every slot of a NONE enterprise, are NaN / 0 / 0). Every
 * array is owned by the result (all NULL when n is 0).
 * Invariants: cls[i] == PB_MC_NONE ⇔ group[i] < 0 or an EXCLUDE rule; total[i] is NaN
 * exactly for NONE and INCOMPLETE; rank_*[i] is 0 exactly for those, else ≥ 1. */
typedef struct pb_mujun_result {
	size_t n;
	int8_t *group;      /* index into scheme->group, -1 none */
	uint8_t *cls;       /* pb_mujun_class, final */
	uint8_t *cls_score; /* pb_mujun_class by score alone (before rules) */
	uint8_t *adjust;    /* PB_MA_* bits */
	uint32_t *rules;    /* the input rules that were in the scheme (copy, 0 when NULL) */
	double *total;
	double *value, *points; /* slot-major, S × n (S: see above) */
	uint8_t *flags;         /* slot-major, S × n, PB_MF_* */
	uint32_t *rank_zone, *rank_sector, *rank_park; /* within the group; 0 unranked */
	int64_t count[PB_MUJUN_MAX_GROUPS][PB_MC_COUNT]; /* enterprises by group and final
	                                                  * class (EXCLUDEd ones as NONE) */
	int64_t ranked[PB_MUJUN_MAX_GROUPS];             /* scored enterprises per group */
} pb_mujun_result;

/**
 * Evaluate the enterprises of `in` under scheme `s` (which must pass
 * pb_mujun_scheme_check) using `threads` threads (0 = the number of processors). The
 * result is the same, byte for byte, whatever the number of threads. On success *out
 * holds the result (free it with pb_mujun_result_free, also after a failure; *out need
 * not be initialised). Returns 0, PB_EINVAL (the scheme fails its check, or the input
 * breaks its invariants) or PB_ENOMEM.
 */
int pb_mujun_evaluate(pb_mujun_result *out, const pb_mujun_scheme *s, const pb_mujun_input *in,
		      int threads);

/** Free what the result holds; the struct may be reused. NULL is allowed. */
void pb_mujun_result_free(pb_mujun_result *r);

/**
 * The enterprises whose final class differs between two results over the same input
 * (a what-if against the base). On success *idx is a malloc'd array of *n indexes in
 * increasing order (the caller frees it; NULL when *n is 0). Returns 0, PB_EINVAL
 * (different n) or PB_ENOMEM.
 */
int pb_mujun_changes(size_t **idx, size_t *n, const pb_mujun_result *base,
		     const pb_mujun_result *other);

/* ---- facts: what rules are about ---------------------------------------------------- */

/* A kind of fact recorded about an enterprise for a year (table mujun_facts): an
 * incident, a missed task, a status. Schemes name them in their rules; these are the
 * kinds parkbrain knows by a Chinese name (a scheme may use other ASCII keys too). */
typedef struct pb_mujun_fact_kind {
	const char *key;     /* "safety_accident" */
	const char *name;    /* "安全生产事故" */
	const char *name_en; /* "safety accident" */
} pb_mujun_fact_kind;

/** The known kinds, *n of them, in a stable order. */
const pb_mujun_fact_kind *pb_mujun_fact_kinds(size_t *n);

/**
 * The fact kind `text` names: a known kind's key or Chinese name, or any other ASCII key
 * of the form [a-z][a-z0-9_]{0,30}. Sets *key to a static string (a known kind) or to
 * NULL when `text` is itself an acceptable key (use it as it is). Returns 0, or PB_EINVAL
 * listing the known Chinese names.
 */
int pb_mujun_fact_kind_parse(const char **key, const char *text);

#endif
