/*
 * store_warn.h - the warnings table: saving a run of the rules (src/core/warn.h), the
 * list with its follow-up, and the two steps of that follow-up, 签收 (acknowledge) and
 * 办结 (close, with the note of the visit: 一企一策).
 *
 * A warning is one (enterprise, rule, month). Saving a run of month M, in one
 * transaction:
 *   - a warning that fires and is not stored yet is inserted, open;
 *   - one that is stored keeps its status and notes; its severity, figures and message
 *     are brought up to date (and updated_at set) when they changed;
 *   - a stored warning of M that no longer fires, of a rule that ran: deleted when still
 *     open (nobody acted on it, and it was wrong or is mended), kept when acknowledged
 *     or closed (it carries someone's follow-up). A rule that did not run (disabled)
 *     leaves its warnings alone.
 * Every change goes to the audit log in the same transaction.
 */
#ifndef PB_STORE_WARN_H
#define PB_STORE_WARN_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "warn.h"

/* What saving a run did, for the summary the command prints. */
typedef struct pb_warn_save_stats {
	int64_t inserted;  /* fired, new */
	int64_t updated;   /* fired, stored, figures/severity/message changed */
	int64_t unchanged; /* fired, stored, the same */
	int64_t removed;   /* stored open, no longer fires: deleted */
	int64_t kept;      /* stored acknowledged/closed, no longer fires: kept */
	int64_t status[PB_WS_COUNT]; /* month M's warnings after the run, by status */
} pb_warn_save_stats;

/**
 * Save the run `list` (its month, the rules that ran, its warnings) as described above,
 * in one transaction of its own (none may be open), with an audit entry by `user`.
 * Fills *stats. Returns 0, or PB_ESTORE (nothing is changed).
 */
int pb_store_warn_save(pb_warn_save_stats *stats, pb_store *st, const pb_warn_list *list,
		       const char *user);

/* A stored warning with its enterprise and its follow-up. Strings are owned by the
 * list they are in; NULL where the column is empty. */
typedef struct pb_warn_record {
	int64_t id, enterprise_id;
	char *uscc, *name;       /* the enterprise */
	char *rule;              /* the rule's key, as stored */
	int month;               /* yyyymm */
	int severity;            /* 1..3 */
	char *figures;           /* JSON text (pb_warn_figures_json) */
	char *message;
	pb_warn_status status;
	char *raised_at, *updated_at;                /* ISO 8601, UTC */
	char *acked_by, *acked_at, *ack_note;
	char *closed_by, *closed_at, *close_note;
} pb_warn_record;

typedef struct pb_warn_records {
	pb_warn_record *items;
	size_t n, cap;
} pb_warn_records;

/* Which warnings to list; zero fields do not filter. */
typedef struct pb_warn_filter {
	unsigned statuses;     /* bits 1 << pb_warn_status; 0 = every status */
	int month;             /* yyyymm, 0 = every month */
	int64_t enterprise_id; /* 0 = every enterprise */
	const char *uscc;      /* NULL = every enterprise */
	const char *rule;      /* a rule's key, NULL = every rule */
	int64_t id;            /* one warning, 0 = all */
	const int64_t *parks;  /* scope: only enterprises of these parks (a park operator's),
	                        * when nparks > 0 */
	size_t nparks;
} pb_warn_filter;

/**
 * The warnings matching `f`, newest month first, then the most severe, then by id. On
 * success *out holds them (free with pb_warn_records_free, also after a failure).
 * Returns 0, PB_ESTORE or PB_ENOMEM.
 */
int pb_store_warn_list(pb_warn_records *out, pb_store *st, const pb_warn_filter *f);

/** Free what the list holds; the struct may be reused. */
void pb_warn_records_free(pb_warn_records *r);

/**
 * Acknowledge (签收) warning `id`: open → acknowledged, by `user` (required) with an
 * optional `note` (NULL or blank for none), audited. Returns 0, PB_ENOTFOUND (no such
 * warning), PB_EINVAL (it is not open; no user) or PB_ESTORE.
 */
int pb_store_warn_ack(pb_store *st, int64_t id, const char *user, const char *note);

/**
 * Close (办结) warning `id`: open or acknowledged → closed, by `user` with `note`, the
 * record of the follow-up (走访情况、一企一策), which is required. Audited. Returns 0,
 * PB_ENOTFOUND, PB_EINVAL (already closed; no note; no user) or PB_ESTORE.
 */
int pb_store_warn_close(pb_store *st, int64_t id, const char *user, const char *note);

#endif
