/* cli_util.c - helpers shared by the subcommands; see cli.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

int pb_cli_fail(const char *what)
{
	fprintf(stderr, "parkbrain: %s%s%s\n", what ? what : "", what ? ": " : "", pb_error_last());
	return PB_EXIT_FAILURE;
}

int pb_cli_open(pb_store **st, const char *db, unsigned flags)
{
	if (!db) {
		fprintf(stderr, "parkbrain: 缺少 --db FILE / missing --db FILE\n");
		return PB_EXIT_USAGE;
	}
	if (pb_store_open(st, db, flags))
		return pb_cli_fail(NULL);
	return PB_EXIT_OK;
}

const char *pb_cli_lang(const char *opt)
{
	const char *l = opt ? opt : getenv("PB_LANG");
	return l && strcmp(l, "en") == 0 ? "en" : "zh";
}
