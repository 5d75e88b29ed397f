/*
 * pipeline.h - the investment pipeline (招商项目): a project's stages, the rules for moving
 * it between them, the dates it holds each stage from, and the figures of a period.
 *
 * The stages (DOMAIN.md §2's canonical line) are, in order:
 *   线索/对接 → 在谈 → 签约 → 注册 → 供地 → 开工 → 竣工投产 → 达产 → 升规入统,
 * plus 终止 (dropped), which is off the line: a dropped project keeps the line stage it had
 * reached (a project dropped after signing was still signed, and counts so), and may be
 * taken up again.
 *
 * Every figure is computed from the stage events (project, stage reached, date), kept as
 * history in the store; nothing derived is stored. Replaying a project's events gives the
 * date it entered each stage:
 *   - a move forward sets the date of the stage reached and of every stage it skipped
 *     (a project signed without a recorded 在谈 was in talks until that day at the latest;
 *     such a filled-in day is marked, and no stage-to-stage duration is taken from it);
 *   - a move backward is a correction: the stages above the one returned to are cleared;
 *   - 终止 sets the dropped date, keeping the line dates; taking it up again clears it.
 * So a project's line dates are non-decreasing along the line, and date[s] != 0 for every
 * s up to its furthest stage (the invariant pb_pipe_replay asserts).
 *
 * Money is in 万元 throughout, as the zone reports it. Dates are yyyymmdd, months yyyymm.
 */
#ifndef PB_PIPELINE_H
#define PB_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The stages are model.h's pb_stage: PB_STAGE_LEAD .. PB_STAGE_IN_STATS on the line, in
 * order, and PB_STAGE_DROPPED off it; their names are pb_stage_name and pb_stage_key. */

/* Why pb_pipe_move_check refuses or asks for a reason. */
enum {
	PB_PM_OK = 0,         /* the next stage, or the first stage of a new project */
	PB_PM_SKIP,           /* forward past at least one stage: needs a reason */
	PB_PM_BACK,           /* backward (a correction): needs a reason */
	PB_PM_DROP,           /* to 终止: needs a reason */
	PB_PM_REOPEN,         /* from 终止 back onto the line: needs a reason */
	PB_PM_SAME,           /* to the stage it is in: refused */
	PB_PM_BAD,            /* a stage out of range: refused */
};

/**
 * What moving a project from stage `from` (PB_STAGE_NONE: a new project) to `to` is. A new project
 * may enter at any line stage without a reason (a project often reaches the register only
 * once signed), but not as dropped. Returns one of PB_PM_*.
 */
int pb_pipe_move_kind(int from, int to);

/**
 * Whether the move from `from` to `to` may be made, given whether a reason is given.
 * Returns 0, or PB_EINVAL with a message (Chinese / English) naming the two stages and
 * what is missing.
 */
int pb_pipe_move_check(int from, int to, int has_reason);

/* One stage event: `project` (an index into the caller's projects) reached `stage` on
 * `date`. Events are replayed in the order given: sort them by project, date, then the
 * order they were recorded in. */
typedef struct pb_pipe_event {
	uint32_t project;
	int32_t stage;
	int32_t date;         /* yyyymmdd */
} pb_pipe_event;

/* A project's stages, after its events. */
typedef struct pb_pipe_state {
	int32_t date[PB_STAGE_COUNT]; /* the day it entered each stage; 0: not (or no longer) */
	int8_t line;          /* the furthest line stage it holds; PB_STAGE_NONE: no event */
	int8_t dropped;       /* 1 when its last move was to 终止 */
	uint16_t filled;      /* bit s: stage s's date was filled in by a skip, not recorded */
	int32_t reopened;     /* the day it was last taken up again after 终止; 0: never */
} pb_pipe_state;

/**
 * Replay `n` events (grouped by project, each project's in order) into `state`, an array
 * of `nproj` states. Returns 0, or PB_EINVAL when an event names a project >= nproj, a
 * stage out of range or a date that is not a valid day, or when a project's events are
 * not in date order (the message names the event's index).
 */
int pb_pipe_replay(pb_pipe_state *state, size_t nproj, const pb_pipe_event *ev, size_t n);

/* The move an event made. */
typedef struct pb_pipe_move {
	int8_t kind;          /* PB_PM_* */
	int8_t from;          /* the stage it left: PB_STAGE_DROPPED, a line stage, or NONE */
} pb_pipe_move;

/**
 * pb_pipe_replay, also giving in move[i] (n entries) the move event i makes from the
 * state its project was in just before it: what a check of a history (an import's rows,
 * a move asked for in the UI) needs to know whether a reason was due.
 */
int pb_pipe_replay_moves(pb_pipe_state *state, pb_pipe_move *move, size_t nproj,
			 const pb_pipe_event *ev, size_t n);

/**
 * The line stage project `s` held at the end of day `date` (PB_STAGE_NONE: none yet), and in
 * *dropped whether it was dropped by then (may be NULL). From the replayed dates: a
 * correction rewrites the past (the stages undone were never held), and a project taken
 * up again after 终止 is not dropped at any date.
 */
int pb_pipe_stage_at(const pb_pipe_state *s, int32_t date, int *dropped);

/* The size bands the zone reports signed projects in (by contract value). */
enum {
	PB_PB_UNDER = 0,      /* under 1亿元 */
	PB_PB_1,              /* 亿元级: 1亿 to under 5亿 */
	PB_PB_5,              /* 5亿级: 5亿 to under 10亿 */
	PB_PB_10,             /* 10亿级: 10亿 to under 20亿 */
	PB_PB_20,             /* 20亿级: 20亿 and more */
	PB_PB_UNKNOWN,        /* no contract value */
	PB_PB_COUNT
};

/** The band of a contract value in 万元 (NaN: PB_PB_UNKNOWN). */
int pb_pipe_band(double contract_wan);

/** The band's name ("10亿级"). Static. */
const char *pb_pipe_band_name(int band);

/* Money put in place (到位资金) for a project in a month. */
typedef struct pb_pipe_fund {
	uint32_t project;
	int32_t month;        /* yyyymm */
	double fixed, working;/* 万元: 固定资产投资, 流动资金 */
} pb_pipe_fund;

/**
 * Whether funds may be recorded for a project in `month`: only from the month it signed
 * (money arrives under a contract). Returns 0, or PB_EINVAL naming the month and, when
 * it has signed, the signing day ("签约于 2025-03-18 之前").
 */
int pb_pipe_fund_check(const pb_pipe_state *s, int32_t month);

/* The figures of one group for a period [from, to] (days, inclusive). */
typedef struct pb_pipe_row {
	int64_t projects;                 /* projects in the group with any event by `to` */
	int64_t entered[PB_STAGE_COUNT];     /* entered the stage within the period */
	int64_t held[PB_STAGE_COUNT];     /* in the stage at `to` (line stage, or dropped) */
	double signed_value;              /* 万元: contract value of those signed in the period */
	int64_t signed_unvalued;          /* of those, without a contract value */
	int64_t band[PB_PB_COUNT];        /* those signed in the period, by band */
	double funds, funds_fixed, funds_working; /* 万元 put in place in the period's months */
	/* Of the projects signed in the period, by `to`: */
	double signed_funds;              /* 万元 in place (any month up to `to`) */
	double signed_funds_valued;       /* the same, of those with a contract value */
	int64_t signed_started;           /* reached 开工 by `to` (dropped later or not: it did start) */
	int64_t signed_producing;         /* reached 竣工投产 */
	int64_t signed_dropped;           /* dropped by `to` */
	double rate_funds;                /* 到位率: signed_funds_valued / signed_value */
	double rate_started;              /* 开工率: signed_started / entered[PB_STAGE_SIGNED] */
	double rate_producing;            /* 投产率: signed_producing / entered[PB_STAGE_SIGNED] */
	/* [s], s = PB_STAGE_LEAD .. PB_STAGE_FULL: days from entering stage s to entering
	 * s+1, over the moves into s+1 within the period where both days were recorded (not
	 * filled in by a skip); NaN when there is none, and at the other indices. */
	double days_mean[PB_STAGE_COUNT];
	int64_t days_n[PB_STAGE_COUNT];
} pb_pipe_row;

/* The projects' per-project figures the period's figures need. */
typedef struct pb_pipe_input {
	size_t n;                         /* projects */
	const pb_pipe_state *state;       /* n */
	const double *contract;           /* n: 合同额 in 万元, NaN unknown */
	const uint32_t *group;            /* n: the group each is in, < ngroup; NULL: all in 0 */
	size_t ngroup;
	const pb_pipe_fund *funds;        /* nfunds, any order */
	size_t nfunds;
} pb_pipe_input;

/**
 * The figures of the period [from, to] (yyyymmdd, from <= to) for each group and for the
 * total: rows has in->ngroup + 1 entries (the last is the total). A rate whose
 * denominator is zero is NaN (the page shows "—", never 0%). Rates of signed projects
 * count a project dropped after signing in the denominator: it was signed, and did not
 * start. Returns 0, or PB_EINVAL (from > to, a group or a fund's project out of range).
 */
int pb_pipe_period(pb_pipe_row *rows, const pb_pipe_input *in, int32_t from, int32_t to);

/* A project held up: in its stage longer than the limit. */
typedef struct pb_pipe_stuck {
	uint32_t project;
	int32_t stage;
	int32_t since;        /* yyyymmdd */
	int64_t days;         /* days in the stage at the date asked */
} pb_pipe_stuck;

/**
 * The projects that at day `asof` have been in their line stage for more than
 * limit_days[stage] days (a limit <= 0: no limit for that stage). Dropped projects and
 * those at the last stage are never stuck. A project taken up again after 终止 counts
 * its days from the reopening when that is later than its stage's day: it was not being
 * worked on while dropped, and its officer has just taken it up. *out (free()) holds *n entries, longest first,
 * then by project. Returns 0, PB_EINVAL (a bad date) or PB_ENOMEM.
 */
int pb_pipe_stuck_list(pb_pipe_stuck **out, size_t *n, const pb_pipe_state *state,
		       size_t nproj, int32_t asof, const int limit_days[PB_STAGE_COUNT]);

#endif
