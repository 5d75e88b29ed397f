/*
 * import_internal.h - the state of one import, shared by import.c (driver),
 * import_cell.c (cells -> record), import_check.c (whole-row checks) and
 * import_refs.c (resolving references). Not a public interface.
 */
#ifndef PB_IMPORT_INTERNAL_H
#define PB_IMPORT_INTERNAL_H

#include <stdint.h>

#include "import.h"
#include "index.h"
#include "import_batch.h"
#include "keyset.h"

typedef struct pb_pending_row {
	uint32_t rownum;
	size_t n;
	pb_cell *cells;
	char *text;
} pb_pending_row;

/* What one column of the file is. */
typedef struct pb_colmap {
	int spec;        /* index into kind->cols, -1 = ignored */
	double factor;   /* unit conversion to the stored unit */
	char header[256];/* the header as written, for reports */
} pb_colmap;

/* The reference indexes an import may need, loaded once from the store. */
typedef struct pb_import_refs {
	pb_index ent_uscc;   /* USCC -> enterprise id */
	pb_index ent_name;   /* name (matching form) -> enterprise id */
	pb_index ent_names;  /* enterprise id -> name as stored (via key_of) */
	pb_index park, indicator, project, key_project; /* name (matching form) -> id */
	int loaded;
	char last_uscc[64];    /* the last USCC cell resolved, as written... */
	size_t last_uscc_len;
	int64_t last_uscc_id;  /* ...and its enterprise */
} pb_import_refs;

typedef struct pb_import_ctx {
	pb_store *st;
	const pb_kind *kind;
	const pb_entity_desc *desc;
	const pb_source *src;
	const pb_import_opts *opts;
	pb_report *rep;
	pb_import_record rec;

	/* the sheet being read */
	char *sheet;
	int in_sheet, skip_sheet, header_done, header_failed, sheet_found, sheets_used;
	pb_pending_row pend[10];
	size_t npend, data_from;
	pb_colmap *colmap;
	size_t ncols;
	int spec_col[64];      /* file column of each of kind->cols, -1 if absent */
	int name_resolves[64]; /* a CHECK_ONLY name column that resolves the reference */
	uint64_t sheet_mask;   /* descriptor fields this sheet's columns fill */

	/* converted records, handed from the reading thread to the writing one */
	pb_batch_pool pool;
	pb_batch *cur;         /* the batch the reader fills */
	int read_rc;           /* the reading thread's result... */
	char read_error[512];  /* ...and its error message */
	int write_failed;      /* the store refused a batch; write_error says why */
	char write_error[512];

	/* the rows of a project-stages or project-funds file, checked against the whole
	 * pipeline once they are written (import_pipeline.c) */
	struct pb_import_pipe_row *pipe_rows;
	size_t npipe, cap_pipe;
	int pipe_oom;

	pb_keyset keys;        /* natural keys seen, for repeated rows */
	pb_import_refs refs;
	int64_t rows;
	int writing;           /* a transaction is open and nothing has failed */
} pb_import_ctx;

/** Convert the cells of one data row into rec (already cleared). 0 or PB_ENOMEM;
 * problems go to the report. */
int pb_import_convert_row(pb_import_ctx *x, uint32_t rownum, const pb_cell *cells, size_t n,
			  void *rec);

/** Checks across the fields of one converted row (and defaults that depend on them). */
void pb_import_check_row(pb_import_ctx *x, uint32_t rownum, void *rec);

/** Report a row whose natural key an earlier row of the file already had. */
void pb_import_check_duplicate(pb_import_ctx *x, uint32_t rownum, const void *rec);

/** Adjust sheet_mask for fields a kind always writes (defaults derived per row). */
void pb_import_check_mask(pb_import_ctx *x);

/** Load / free the reference indexes the kind needs. */
int pb_import_refs_load(pb_import_ctx *x);
void pb_import_refs_free(pb_import_ctx *x);

/** Copy text into the current batch; NULL when out of memory. */
static inline const char *pb_import_strdup(pb_import_ctx *x, const char *s, size_t len)
{
	return pb_batch_strdup(x->cur, s, len);
}

/** The index into kind->cols of the column filling descriptor field `name` (its main
 * column, not a check-only one), or -1. */
int pb_import_spec_of(const pb_import_ctx *x, const char *name);

/** Keep row `rownum` of a project-stages or project-funds file (rec converted, its own
 * checks passed) for pb_import_pipeline_check. Running out of memory is reported there. */
void pb_import_pipeline_note(pb_import_ctx *x, uint32_t rownum, const void *rec);

/**
 * The checks of a project-stages or project-funds file against the whole pipeline, once
 * its rows are written (a dry run: against the stored pipeline with the file's rows laid
 * over it): every move that skips a stage, steps back, drops a project or takes it up
 * again needs a reason (说明) - a skip without one is a warning, the others errors; a
 * project cannot enter as dropped; funds cannot come before the project signed. Problems
 * go to the report at the file's row. Returns 0, or a failure (PB_ENOMEM, PB_ESTORE).
 */
int pb_import_pipeline_check(pb_import_ctx *x);

/** Free what pb_import_pipeline_note kept. */
void pb_import_pipeline_free(pb_import_ctx *x);

/** Add an error or warning about one cell. */
void pb_import_cell_problem(pb_import_ctx *x, pb_severity sev, uint32_t rownum, int spec,
			    const char *value, size_t len, const char *zh, const char *en);

#endif
