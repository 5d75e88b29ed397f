/*
 * cli.h - the parkbrain command's subcommands and their shared helpers.
 * Each subcommand takes (argc, argv) after its name and returns the process exit code:
 * 0 success, 1 the input was rejected or a check failed, 2 usage error, 3 system error.
 */
#ifndef PB_CLI_H
#define PB_CLI_H

#include <jansson.h>

#include "store.h"

enum { PB_EXIT_OK = 0, PB_EXIT_REJECTED = 1, PB_EXIT_USAGE = 2, PB_EXIT_FAILURE = 3 };

int pb_cmd_init(int argc, char **argv);
int pb_cmd_import(int argc, char **argv);
int pb_cmd_export(int argc, char **argv);
int pb_cmd_summary(int argc, char **argv);
int pb_cmd_demo(int argc, char **argv);
int pb_cmd_check(int argc, char **argv);
int pb_cmd_imports(int argc, char **argv);
int pb_cmd_report(int argc, char **argv);
int pb_cmd_warnings(int argc, char **argv);
int pb_cmd_evaluate(int argc, char **argv);
int pb_cmd_serve(int argc, char **argv);
int pb_cmd_user(int argc, char **argv);
int pb_cmd_pipeline(int argc, char **argv);
int pb_cmd_dispatch(int argc, char **argv);
int pb_cmd_keyprojects(int argc, char **argv);

/* `parkbrain report` kinds (dispatched by cmd_report.c; argv[0] is the kind's name), same
 * contract as the commands. */
int pb_cli_report_monthly(int argc, char **argv);
int pb_cli_report_plan(int argc, char **argv);

/** Print "parkbrain: <message of the last error>" to stderr and return PB_EXIT_FAILURE. */
int pb_cli_fail(const char *what);

/** Print "parkbrain: <message of the last error>" to stderr and return `exit`. */
int pb_cli_say_last(int exit);

/** After a failure: one the user can mend (PB_EINVAL, PB_ENOTFOUND, PB_EREJECTED: bad
 * input, an unknown name, a wrong step) is reported and gives PB_EXIT_REJECTED, any other
 * PB_EXIT_FAILURE. */
int pb_cli_fail_input(void);

/** After getopt: PB_EXIT_USAGE, saying so, when an argument is left at argv[optind]; else 0. */
int pb_cli_no_more_args(int argc, char **argv);

/** The user a change is recorded under: --user when given, else $USER, else "cli". */
const char *pb_cli_user(const char *opt);

/** Print "parkbrain: <zh> / <en>" to stderr and return PB_EXIT_USAGE. */
int pb_cli_usage(const char *zh, const char *en);

/** Print `j` (a reference the call takes over; NULL = out of memory) indented to stdout. */
int pb_cli_print_json(json_t *j);

/** Open an existing database for writing: a mistyped --db must not leave a new, empty
 * database behind (opening for writing creates one). PB_EXIT_REJECTED when it is not
 * there. */
int pb_cli_open_existing(pb_store **st, const char *db);

/** Open the store named by --db, or report why not. */
int pb_cli_open(pb_store **st, const char *db, unsigned flags);

/** Print the zone summary (cockpit) of an open store to stdout. */
int pb_cli_print_summary(pb_store *st, const char *lang);

/** The zone's name (malloc'ed; "parkbrain" when the zone is not set). */
char *pb_cli_zone_name(pb_store *st);

/** Parse a --month option into yyyymm; on failure prints why and returns PB_EXIT_USAGE. */
int pb_cli_month_arg(const char *opt, int *yyyymm);

/** A right-aligned table cell of `cols` terminal columns after a space, to stdout. */
void pb_cli_cell(const char *s, int cols);

/** A figure as such a cell with `digits` decimals (a ratio shown in percent when `pct`),
 * "—" when missing (NaN). */
void pb_cli_num_cell(double v, int digits, int pct, int cols);

/** The UI language chosen with --lang or PB_LANG ("zh" default, or "en"). */
const char *pb_cli_lang(const char *opt);

#endif
