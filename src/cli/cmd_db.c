/*
 * cmd_db.c - `parkbrain init`, `check` and `imports`: the database itself.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *db_option(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (c == 'd')
			db = optarg;
	return db;
}

int pb_cmd_init(int argc, char **argv)
{
	pb_store *st;
	int rc = pb_cli_open(&st, db_option(argc, argv), 0);
	if (rc)
		return rc;
	printf("数据库就绪（结构版本 %d）/ database ready (schema %d)\n",
	       pb_store_schema_version(st), pb_store_schema_version(st));
	pb_store_close(st);
	return PB_EXIT_OK;
}

int pb_cmd_check(int argc, char **argv)
{
	pb_store *st;
	/* read-write: after a crash the first open must be able to recover the WAL */
	int rc = pb_cli_open(&st, db_option(argc, argv), 0);
	if (rc)
		return rc;
	int ok = 0;
	rc = pb_store_check(st, &ok);
	pb_store_close(st);
	if (rc)
		return pb_cli_fail(NULL);
	puts(ok ? "ok" : "数据库损坏 / database is damaged");
	return ok ? PB_EXIT_OK : PB_EXIT_REJECTED;
}

static int print_import(void *ctx, const pb_import_record *r)
{
	(void)ctx;
	printf("#%lld\t%s\t%s\t%s\t%lld 行\t%lld 警告\t%s\t%.16s…\n", (long long)r->id,
	       r->started_at ? r->started_at : "", r->kind, r->file_name, (long long)r->rows,
	       (long long)r->warnings, r->user_name, r->file_hash ? r->file_hash : "");
	return 0;
}

int pb_cmd_imports(int argc, char **argv)
{
	pb_store *st;
	int rc = pb_cli_open(&st, db_option(argc, argv), PB_STORE_READONLY);
	if (rc)
		return rc;
	rc = pb_store_imports_each(st, print_import, NULL);
	pb_store_close(st);
	return rc ? pb_cli_fail(NULL) : PB_EXIT_OK;
}
