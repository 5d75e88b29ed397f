/*
 * store_project.h - the investment projects (招商项目) one at a time, as the API and the
 * pages read and change them: a filtered list in a scope, one project's record with its
 * history and funds, creating and editing a project, moving it to another stage, and
 * recording its funds for a month.
 *
 * Every change is one transaction of its own (none may be open) that also writes its
 * audit entry (who, what, from where), so that a change is never without its record.
 * A stage move is checked inside its transaction against the project's history as
 * stored at that moment (replayed by src/core/pipeline.h), so two people moving the same
 * project at once cannot both move it from the same stage.
 *
 * Scope: a filter's `parks` (a park operator's) is part of the query; one project's
 * scope is the caller's check (pb_auth_sees_park on the record's park_id).
 */
#ifndef PB_STORE_PROJECT_H
#define PB_STORE_PROJECT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "pipeline.h"
#include "store.h"

/* Which projects to list; zero fields do not filter. */
typedef struct pb_project_filter {
	const int64_t *parks;  /* scope: only projects of these parks, when nparks > 0 */
	size_t nparks;
	int64_t park_id;       /* one park */
	const char *team;      /* 招商团队, exactly */
	int stage;             /* the stage held now: a line stage or PB_STAGE_DROPPED;
	                        * PB_STAGE_NONE: any (also projects with no event yet) */
	const char *q;         /* text in the name or the investor */
	int generated;         /* -1 any, 0 entered by people, 1 made up by the demo */
	size_t offset, limit;  /* the page; limit 0: every row */
} pb_project_filter;

/* A listed project. Strings owned by the page; NULL where not given. */
typedef struct pb_project_row {
	int64_t id;
	char *name, *investor, *team, *sector, *park;
	int64_t park_id;                 /* 0 none */
	double contract_value, planned_investment; /* 万元, NaN not given */
	int generated;
	int stage;                       /* held now: line stage, PB_STAGE_DROPPED, or NONE */
	int32_t since;                   /* yyyymmdd it entered that stage; 0 none */
	int32_t last_date;               /* its latest event's day; 0 none */
} pb_project_row;

typedef struct pb_project_page {
	pb_project_row *rows;
	size_t n;
	size_t total;                    /* rows matching the filter, before paging */
} pb_project_page;

/**
 * The projects matching `f`, by id. On success *out holds the page (free with
 * pb_project_page_free, also after a failure). Returns 0, PB_ENOMEM or PB_ESTORE.
 */
int pb_store_project_list(pb_project_page *out, pb_store *st, const pb_project_filter *f);

void pb_project_page_free(pb_project_page *p);

/* One stage event of a project's history. */
typedef struct pb_project_event {
	int stage;
	int32_t date;         /* yyyymmdd */
	char *note;           /* the reason, NULL none */
	char *user;           /* who recorded it: the user of a move, the importer of a row */
	int64_t import_id;    /* 0: recorded through the API */
	char *recorded_at;    /* ISO 8601 UTC: when the store inserted the row (migration 6's
	                       * recorded_at); NULL for a row of before it with no trace */
	pb_pipe_move move;    /* what it did, from the state just before (pb_pipe_replay_moves) */
} pb_project_event;

/* One project with its history and funds. Strings owned by the record. */
typedef struct pb_project_record {
	int64_t id;
	char *name, *investor, *origin, *industry, *sector, *team, *chain, *chain_node, *note;
	int64_t foreign_funded;          /* 0, 1, or PB_INT_MISSING */
	int64_t park_id;                 /* 0 none */
	char *park;
	int64_t enterprise_id;           /* 0 not linked */
	char *enterprise_uscc, *enterprise_name;
	double planned_investment, contract_value, promised_output, promised_tax, land_needed;
	int generated;
	pb_pipe_state state;             /* its events replayed */
	int stage;                       /* held now: state.line, PB_STAGE_DROPPED, or NONE */
	pb_project_event *events;        /* nevents, in replay order */
	size_t nevents;
	pb_project_fund *funds;          /* nfunds, by month; note owned by the record */
	size_t nfunds;
	/* for 履约 (src/core/pipeline_comply.h): the zone's latest reported month (0: none)
	 * and the linked enterprise's 工业总产值 and 税金 summed over the 12 months to it */
	int32_t actual_month;
	double actual_output, actual_tax;
	/* the linked enterprise's latest stored 亩均 evaluation (mujun_results): its year (0:
	 * none), class ("A".."D", "T"), total score, rank in the zone (0: not ranked) and its
	 * 亩均税收 (the tax_per_mu indicator, 万元/亩; NaN when its scheme has none) */
	int mujun_year;
	char mujun_class[4];
	double mujun_total, mujun_tax_per_mu;
	int64_t mujun_rank_zone;
} pb_project_record;

/**
 * Project `id` with its events and funds. On success *out owns everything (free with
 * pb_project_record_free, also after a failure). Returns 0, PB_ENOTFOUND, PB_EINVAL (its
 * stored history does not replay), PB_ENOMEM or PB_ESTORE.
 */
int pb_store_project_get(pb_project_record *out, pb_store *st, int64_t id);

void pb_project_record_free(pb_project_record *r);

/* The fields of a project that a create or an edit sets: bit PB_PF_x of a mask. */
enum {
	PB_PF_NAME = 0, PB_PF_INVESTOR, PB_PF_ORIGIN, PB_PF_FOREIGN, PB_PF_INDUSTRY, PB_PF_SECTOR,
	PB_PF_PARK, PB_PF_TEAM, PB_PF_CHAIN, PB_PF_CHAIN_NODE, PB_PF_PLANNED, PB_PF_CONTRACT,
	PB_PF_OUTPUT, PB_PF_TAX, PB_PF_LAND, PB_PF_ENTERPRISE, PB_PF_NOTE, PB_PF_COUNT
};

/** The field's key as the API names it ("contract_value"); NULL out of range. */
const char *pb_project_field_key(int f);

/* Where a change comes from, for its audit entry. */
typedef struct pb_project_actor {
	const char *user;     /* the login name; required */
	const char *ip;       /* the client's address; NULL for the command line */
} pb_project_actor;

/**
 * Create (id 0) or edit (id > 0) a project: the fields of `p` whose bit is in `mask`
 * (a create needs PB_PF_NAME; text NULL or "" and numbers NaN clear a field; park_id and
 * enterprise_id 0 clear the link), validated: a name that is not blank and not another
 * project's, amounts and land not negative, foreign_funded 0/1/PB_INT_MISSING, a park and
 * an enterprise that exist. Audited ("projects.create"/"projects.update" with the
 * fields written and, for an edit, their values before). Sets *id_out (may be NULL) to
 * the project's id. Returns 0, PB_ENOTFOUND (no project `id`), PB_EINVAL (the message
 * names the field; *field, may be NULL, set to its key) or PB_ESTORE.
 */
int pb_store_project_save(int64_t *id_out, const char **field, pb_store *st, int64_t id,
			  const pb_project *p, uint64_t mask, const pb_project_actor *who);

/* What a stage move did, or why it was refused. */
typedef struct pb_project_moved {
	int from;             /* the stage held before: a line stage, DROPPED, or NONE */
	int to;
	int kind;             /* PB_PM_* */
	const char *field;    /* on PB_EINVAL: "stage", "date" or "reason" */
} pb_project_moved;

/**
 * Move project `id` to `stage` on `date` (yyyymmdd) with `reason` (NULL or blank: none),
 * in one transaction: its history is loaded and replayed, the move checked with
 * pb_pipe_move_check against the stage it holds now, the date checked (a valid day, not
 * before its latest event, not after `today`), then the event is inserted with the
 * reason and who->user and audited ("projects.stage": project, from, to, date, reason,
 * ip). A move that would leave the project's stored funds before its signing (a step back
 * or a reopening below 签约 of a project with 到位资金) is refused with field "stage"
 * (pb_store_project_funds_hold). Fills *out. Returns 0, PB_ENOTFOUND, PB_EINVAL
 * (out->field says which input is at fault; the message says why, in Chinese and
 * English) or PB_ESTORE.
 */
int pb_store_project_move(pb_project_moved *out, pb_store *st, int64_t id, int stage,
			  int32_t date, const char *reason, int32_t today,
			  const pb_project_actor *who);

/**
 * Whether project `id`'s stored funds (到位资金) all come from its signing month on when
 * its history is `after` (the state a move or an import would leave it in): funds are
 * refused before signing (pb_pipe_fund_check), so a change of history may not put the
 * stored ones there either. Returns 0, PB_EINVAL (the message names the earliest month
 * and says that a cancelled contract is recorded as 终止, which keeps the signing) or
 * PB_ESTORE.
 */
int pb_store_project_funds_hold(pb_store *st, int64_t id, const pb_pipe_state *after);

/**
 * Record project `id`'s funds in place for `month` (yyyymm): fixed-asset and working
 * capital in 万元 (>= 0; NaN: not given, stored NULL; not both), replacing what that month
 * had, in one transaction with the check pb_pipe_fund_check (only from the signing month
 * on) and the audit entry ("projects.funds", with the values before). Returns 0,
 * PB_ENOTFOUND, PB_EINVAL (*field, may be NULL: "month", "fixed" or "working") or
 * PB_ESTORE.
 */
int pb_store_project_fund(const char **field, pb_store *st, int64_t id, int32_t month,
			  double fixed, double working, const char *note,
			  const pb_project_actor *who);

/**
 * Correct the day of a recorded stage event: project `id`'s event of `stage` on
 * `old_date` is moved to `new_date` (yyyymmdd), with `reason` (required: history is
 * rewritten), in one transaction. The history is replayed with the new day (events in
 * day order, the order they were recorded in within a day) and refused, with out->field
 * set, when:
 *   - there is no such event ("date"), or the new day is not a day, is after `today` or
 *     is the old one ("new_date"), or no reason is given ("reason");
 *   - the project already has that stage on the new day ("new_date");
 *   - the correction turns a recorded move into one that needed a reason it does not
 *     carry (a step back, a drop or a reopening; a skip is allowed, as in an import), or
 *     into a move to the stage already held, or makes a project enter as dropped
 *     ("new_date"; the message names the move);
 *   - the stored funds would come before the signing ("new_date",
 *     pb_store_project_funds_hold).
 * The event keeps its reason, user and recorded_at; the correction is audited
 * ("projects.redate": project, stage, from, to, reason, ip). Fills *out (from/to: the
 * stage, kind: PB_PM_OK). Returns 0, PB_ENOTFOUND (no such project), PB_EINVAL or
 * PB_ESTORE.
 */
int pb_store_project_redate(pb_project_moved *out, pb_store *st, int64_t id, int stage,
			    int32_t old_date, int32_t new_date, const char *reason,
			    int32_t today, const pb_project_actor *who);

/**
 * The day (yyyymmdd) of the latest stage event of the projects in the parks `parks`
 * (nparks 0: every project) into *date, 0 when there is none: the default period of the
 * pipeline's figures. Returns 0 or PB_ESTORE.
 */
int pb_store_project_last_date(int32_t *date, pb_store *st, const int64_t *parks, size_t nparks);

#endif
