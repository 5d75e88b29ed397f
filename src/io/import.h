/*
 * import.h - importing one file of one kind into the store, all or nothing.
 *
 * The file is read (any format of table.h), its header recognised, every cell
 * converted and checked, every reference resolved, and the rows upserted by natural
 * key inside one transaction. Every problem goes to the report; if there is any
 * error the transaction is rolled back and nothing at all is written. The import is
 * recorded (file name, BLAKE2b hash, size, rows, user, time) and audited.
 */
#ifndef PB_IMPORT_H
#define PB_IMPORT_H

#include <stdint.h>

#include "kinds.h"
#include "report.h"
#include "store.h"
#include "table.h"

typedef struct pb_import_opts {
	int dry_run;         /* check everything, write nothing */
	const char *user;    /* recorded as the importer; NULL = "cli" */
	const char *sheet;   /* only this sheet; NULL = every sheet whose header fits */
} pb_import_opts;

typedef struct pb_import_result {
	int64_t rows;        /* records written (or that would be, with dry_run) */
	int64_t import_id;   /* the import record, 0 with dry_run or when rejected */
	int sheets;          /* sheets whose rows were taken */
	char hash[65];       /* BLAKE2b-256 of the file, hex */
} pb_import_result;

/**
 * Import `src` as `kind` into `st`. `rep` receives every problem (errors and warnings).
 * Returns 0 when the file was imported (or, with dry_run, would be), PB_EREJECTED when
 * the report has errors (nothing written), or another PB_E* code when the system
 * failed (also nothing written). `st` must have no open transaction.
 */
int pb_import_run(pb_store *st, const pb_kind *kind, const pb_source *src,
		  const pb_import_opts *opts, pb_report *rep, pb_import_result *res);

#endif
