/* cli_util.c - helpers shared by the subcommands; see cli.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "month.h"
#include "term.h"

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

char *pb_cli_zone_name(pb_store *st)
{
	return pb_store_zone_name(st);
}

int pb_cli_month_arg(const char *opt, int *yyyymm)
{
	if (!opt || !pb_month_parse(opt, strlen(opt), yyyymm)) {
		fprintf(stderr, "parkbrain: 月份「%s」无效，应为 YYYY-MM / invalid month \"%s\", use "
			"YYYY-MM\n", opt ? opt : "", opt ? opt : "");
		return PB_EXIT_USAGE;
	}
	return 0;
}

int pb_cli_say_last(int exit)
{
	fprintf(stderr, "parkbrain: %s\n", pb_error_last());
	return exit;
}

int pb_cli_fail_input(void)
{
	int code = pb_error_last_code();
	if (code == PB_EINVAL || code == PB_ENOTFOUND || code == PB_EREJECTED)
		return pb_cli_say_last(PB_EXIT_REJECTED);
	return pb_cli_fail(NULL);
}

int pb_cli_usage(const char *zh, const char *en)
{
	fprintf(stderr, "parkbrain: %s / %s\n", zh, en);
	return PB_EXIT_USAGE;
}

int pb_cli_print_json(json_t *j)
{
	int bad = !j || json_dumpf(j, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(12)) != 0;
	json_decref(j);
	putchar('\n');
	if (bad)
		return pb_error_set(PB_ENOMEM, "无法生成 JSON / cannot build the JSON"), pb_cli_fail(NULL);
	return PB_EXIT_OK;
}

int pb_cli_open_existing(pb_store **st, const char *db)
{
	if (db && access(db, F_OK) != 0) {
		fprintf(stderr, "parkbrain: 数据库 %s 不存在 / no database %s\n", db, db);
		return PB_EXIT_REJECTED;
	}
	return pb_cli_open(st, db, 0);
}

int pb_cli_no_more_args(int argc, char **argv)
{
	if (optind >= argc)
		return 0;
	fprintf(stderr, "parkbrain: 多余的参数「%s」/ unexpected argument \"%s\"\n", argv[optind],
		argv[optind]);
	return PB_EXIT_USAGE;
}

const char *pb_cli_user(const char *opt)
{
	if (opt)
		return opt;
	const char *u = getenv("USER");
	return u && *u ? u : "cli";
}

void pb_cli_cell(const char *s, int cols)
{
	fputc(' ', stdout);
	pb_term_cell(stdout, s, cols, 1);
}

void pb_cli_num_cell(double v, int digits, int pct, int cols)
{
	char b[32];
	if (isnan(v))
		snprintf(b, sizeof(b), "—");
	else
		snprintf(b, sizeof(b), "%.*f%s", digits, pct ? v * 100 : v, pct ? "%" : "");
	pb_cli_cell(b, cols);
}
