/*
 * keyproj.h - key construction projects (重点项目库): investment completed against the
 * year's plan and the time elapsed (序时进度), and the projects behind schedule.
 *
 * For year Y up to month M (1..12):
 *   - completed  the investment completed in Y's months 1..M (万元);
 *   - rate       completed / the year's plan (年度计划完成率), NaN without a plan > 0;
 *   - time       M / 12, the share of the year gone (序时进度);
 *   - behind     rate < time − tolerance: the project is behind the pace its plan sets
 *                (with tolerance 0.05, 40% done in June, against 50% elapsed, is behind);
 *   - lag        plan × time − completed when behind (万元 short of the pace), else 0;
 *   - total      everything completed up to M (before Y and in it) over the total
 *                investment;
 *   - late_start the planned start (yyyymm) is before M, and it has not started;
 *   - overdue    the planned finish (yyyymm) is before M, and it has not finished.
 * (A plan known by its year only - 附件三 gives years - is that year's December: late from
 * the January after.)
 * A project of nature 前期 (preparation) is not behind for investment: its plan is to
 * get ready, and it is counted apart. Nor is a project that finished by M (nothing is
 * left to invest: its shortfall shows in its rate), or one planned to start after M that
 * has not started (its pace has not begun; it becomes late_start, not behind).
 */
#ifndef PB_KEYPROJ_H
#define PB_KEYPROJ_H

#include <stddef.h>
#include <stdint.h>

/* Nature of a project (建设性质). */
enum {
	PB_KN_NEW = 0,        /* 新开工 */
	PB_KN_CONTINUING,     /* 续建 */
	PB_KN_RENOVATION,     /* 技术改造 */
	PB_KN_PREPARATION,    /* 前期策划 */
	PB_KN_COUNT
};

/** The nature's Chinese name ("续建"), "?" out of range. Static. */
const char *pb_keyproj_nature_name(int nature);

/** The nature named `s` (`len` bytes; also 技改, 前期, 在建, 策划项目 as 附件三 writes it), or -1. */
int pb_keyproj_nature_parse(const char *s, size_t len);

typedef struct pb_keyproj {
	int nature;           /* PB_KN_* */
	double total;         /* 总投资, 万元 (NaN unknown) */
	double plan;          /* the year's 年度投资计划, 万元 (NaN none) */
	double before;        /* completed before the year, 万元 (NaN: 0) */
	double month[12];     /* completed in each month of the year, 万元 (NaN: none filed) */
	int32_t plan_start, plan_finish;   /* yyyymm, 0 unknown */
	int32_t started, finished;         /* yyyymm, 0 not yet */
} pb_keyproj;

typedef struct pb_keyproj_progress {
	double completed, rate, lag, cumulative, total_rate;
	int behind, late_start, overdue;
} pb_keyproj_progress;

/**
 * The progress of `n` projects for the year `year`, months 1..`m`, with `tolerance` (0..1)
 * into out[n]. Returns 0, or PB_EINVAL (m not in 1..12, a tolerance out of range, a
 * nature out of range - naming the project).
 */
int pb_keyproj_progress_of(pb_keyproj_progress *out, const pb_keyproj *p, size_t n, int year,
			   int m, double tolerance);

#endif
