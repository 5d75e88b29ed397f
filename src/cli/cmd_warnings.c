/*
 * cmd_warnings.c - `parkbrain warnings`: early warnings (预警) and their follow-up.
 *
 *   warnings run   --db F [--month YYYY-MM] [--config FILE] [--user NAME] [--json]
 *   warnings [list] --db F [--status open|acknowledged|closed|all] [--month M] [--rule R]
 *                  (default: open and acknowledged - what still needs work)
 *                  [--enterprise USCC] [--json] [--xlsx OUT.xlsx] [--lang en]
 *   warnings ack   ID --db F [--note TEXT] [--user NAME]
 *   warnings close ID --db F --note TEXT [--user NAME]
 *   warnings rules [--config FILE]
 *
 * `run` computes the rules (src/core/warn.c) for the month - by default the latest
 * month with reports of 工业总产值, the month `report monthly` analyses - and saves them
 * (src/store/store_warn.c), keeping the follow-up of warnings that fire again. `rules`
 * prints the configuration in effect as JSON: a template for --config.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cube_read.h"
#include "error.h"
#include "month.h"
#include "store_cube.h"
#include "store_warn.h"
#include "warn_config.h"
#include "warn_out.h"

typedef struct warn_args {
	const char *db, *config, *user, *note, *rule, *uscc, *xlsx, *lang;
	int month, json, has_note;
	unsigned statuses; /* bits 1 << pb_warn_status, 0 = all */
	int64_t id;
} warn_args;

static int parse_status(const char *s, unsigned *out)
{
	pb_warn_status st;
	if (strcmp(s, "all") == 0) {
		*out = 0;
		return 0;
	}
	if (pb_warn_status_parse(&st, s))
		return pb_cli_say_last(PB_EXIT_USAGE);
	*out = 1u << st;
	return 0;
}

static int parse_rule(const char *s)
{
	pb_warn_rule r;
	return pb_warn_rule_parse(&r, s) ? pb_cli_say_last(PB_EXIT_USAGE) : 0;
}

/* The warning id of ack/close: a positive whole number. */
static int parse_id(const char *s, int64_t *id)
{
	char *end = NULL;
	long long v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0) {
		fprintf(stderr, "parkbrain: 预警编号「%s」无效，应为正整数 / invalid warning id \"%s\"\n",
			s ? s : "", s ? s : "");
		return PB_EXIT_USAGE;
	}
	*id = v;
	return 0;
}

static int parse_args(warn_args *a, int argc, char **argv, int want_id)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },     { "month", required_argument, NULL, 'm' },
		{ "config", required_argument, NULL, 'c' }, { "user", required_argument, NULL, 'u' },
		{ "note", required_argument, NULL, 'n' },   { "status", required_argument, NULL, 's' },
		{ "rule", required_argument, NULL, 'r' },   { "enterprise", required_argument, NULL, 'e' },
		{ "xlsx", required_argument, NULL, 'x' },   { "json", no_argument, NULL, 'j' },
		{ "lang", required_argument, NULL, 'l' },   { NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof(*a));
	/* by default what still needs work: open and acknowledged, not closed */
	a->statuses = 1u << PB_WS_OPEN | 1u << PB_WS_ACKNOWLEDGED;
	int c, rc = 0;
	optind = 1;
	while (!rc && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'm': rc = pb_cli_month_arg(optarg, &a->month); break;
		case 'c': a->config = optarg; break;
		case 'u': a->user = optarg; break;
		case 'n': a->note = optarg; a->has_note = 1; break;
		case 's': rc = parse_status(optarg, &a->statuses); break;
		case 'r': a->rule = optarg; rc = parse_rule(optarg); break;
		case 'e': a->uscc = optarg; break;
		case 'x': a->xlsx = optarg; break;
		case 'j': a->json = 1; break;
		case 'l': a->lang = optarg; break;
		default: rc = PB_EXIT_USAGE;
		}
	}
	if (!rc && want_id) {
		if (optind >= argc)
			return pb_cli_usage("缺少预警编号", "missing the warning id");
		rc = parse_id(argv[optind++], &a->id);
	}
	if (!rc)
		rc = pb_cli_no_more_args(argc, argv);
	a->user = pb_cli_user(a->user);
	return rc;
}

static int load_config(const warn_args *a, pb_warn_config *cfg)
{
	if (!a->config) {
		pb_warn_config_default(cfg);
		return 0;
	}
	return pb_warn_config_load(cfg, a->config) ? pb_cli_fail_input() : 0;
}

/* ---- run ------------------------------------------------------------------------------- */

static int compute_and_save(warn_args *a, pb_store *st, const pb_warn_config *cfg)
{
	pb_cube *cube = NULL;
	pb_warn_list list = { 0 };
	pb_warn_save_stats stats;
	int rc = PB_EXIT_OK;
	if (pb_store_cube_load(&cube, st, 0)) {
		rc = pb_cli_fail(NULL);
		goto out;
	}
	if (!a->month && !(a->month = pb_cube_latest_month(cube, PB_M_GROSS_OUTPUT))) {
		fprintf(stderr, "parkbrain: 尚无月度报表 / no monthly reports yet\n");
		rc = PB_EXIT_REJECTED;
		goto out;
	}
	if (pb_warn_run(&list, cube, cfg, a->month) || pb_store_warn_save(&stats, st, &list, a->user)) {
		rc = pb_cli_fail_input();
		goto out;
	}
	int t = pb_cube_col(cube, a->month);
	if (!pb_cube_month_has_reports(cube, t)) {
		char m[8];
		pb_month_format(a->month, m);
		fprintf(stderr, "注意：%s 尚无任何报表，缺报规则未运行 / note: %s has no reports yet; "
			"report_missing did not run\n", m, m);
	}
	if (a->json)
		rc = pb_cli_print_json(pb_warn_run_json(&list, &stats));
	else if (pb_warn_run_print(stdout, &list, &stats, strcmp(pb_cli_lang(a->lang), "en") == 0))
		rc = pb_cli_fail(NULL);
out:
	pb_warn_list_free(&list);
	pb_cube_free(cube);
	return rc;
}

static int cmd_run(int argc, char **argv)
{
	warn_args a;
	pb_warn_config cfg;
	int rc = parse_args(&a, argc, argv, 0);
	if (!rc)
		rc = load_config(&a, &cfg);
	pb_store *st = NULL;
	if (!rc)
		rc = pb_cli_open_existing(&st, a.db);
	if (!rc)
		rc = compute_and_save(&a, st, &cfg);
	pb_store_close(st);
	return rc;
}

/* ---- list ------------------------------------------------------------------------------ */

static int write_xlsx(const char *path, const pb_warn_records *list)
{
	pb_book *b;
	if (pb_book_open(&b, path))
		return pb_cli_fail(NULL);
	if (pb_warn_write_sheet(b, list)) {
		pb_book_abort(b);
		return pb_cli_fail(NULL);
	}
	if (pb_book_close(b))
		return pb_cli_fail(NULL);
	fprintf(stderr, "已写入 %s / written\n", path);
	return PB_EXIT_OK;
}

static int cmd_list(int argc, char **argv)
{
	warn_args a;
	int rc = parse_args(&a, argc, argv, 0);
	pb_store *st = NULL;
	if (!rc)
		rc = pb_cli_open(&st, a.db, PB_STORE_READONLY);
	if (rc)
		return rc;
	pb_warn_records list = { 0 };
	pb_warn_filter f = { .statuses = a.statuses, .month = a.month, .uscc = a.uscc, .rule = a.rule };
	if (pb_store_warn_list(&list, st, &f))
		rc = pb_cli_fail(NULL);
	if (!rc && a.xlsx)
		rc = write_xlsx(a.xlsx, &list);
	if (!rc && a.json)
		rc = pb_cli_print_json(pb_warn_records_json(&list));
	else if (!rc && !a.xlsx && pb_warn_records_print(stdout, &list, strcmp(pb_cli_lang(a.lang), "en") == 0))
		rc = pb_cli_fail(NULL);
	pb_warn_records_free(&list);
	pb_store_close(st);
	return rc;
}

/* ---- ack, close ------------------------------------------------------------------------- */

static int cmd_step(int argc, char **argv, pb_warn_status to)
{
	warn_args a;
	int rc = parse_args(&a, argc, argv, 1);
	if (!rc && to == PB_WS_CLOSED && !a.has_note)
		rc = pb_cli_usage("办结须用 --note 填写处理说明（走访情况、一企一策措施）",
				 "closing needs --note TEXT: the follow-up visit and the measures taken");
	pb_store *st = NULL;
	if (!rc)
		rc = pb_cli_open_existing(&st, a.db);
	if (rc)
		return rc;
	int err = to == PB_WS_CLOSED ? pb_store_warn_close(st, a.id, a.user, a.note)
				     : pb_store_warn_ack(st, a.id, a.user, a.note);
	pb_store_close(st);
	if (err)
		return pb_cli_fail_input();
	if (to == PB_WS_CLOSED)
		printf("预警 #%lld 已办结 / warning #%lld closed\n", (long long)a.id, (long long)a.id);
	else
		printf("预警 #%lld 已签收 / warning #%lld acknowledged\n", (long long)a.id, (long long)a.id);
	return PB_EXIT_OK;
}

static int cmd_ack(int argc, char **argv)
{
	return cmd_step(argc, argv, PB_WS_ACKNOWLEDGED);
}

static int cmd_close(int argc, char **argv)
{
	return cmd_step(argc, argv, PB_WS_CLOSED);
}

/* ---- rules ------------------------------------------------------------------------------ */

static int cmd_rules(int argc, char **argv)
{
	warn_args a;
	pb_warn_config cfg;
	int rc = parse_args(&a, argc, argv, 0);
	if (!rc)
		rc = load_config(&a, &cfg);
	return rc ? rc : pb_cli_print_json(pb_warn_config_json(&cfg));
}

static const struct {
	const char *name;
	int (*run)(int, char **);
} subcommands[] = {
	{ "run", cmd_run }, { "list", cmd_list }, { "ack", cmd_ack },
	{ "close", cmd_close }, { "rules", cmd_rules },
};

int pb_cmd_warnings(int argc, char **argv)
{
	/* no subcommand (or an option first) lists */
	if (argc < 2 || argv[1][0] == '-')
		return cmd_list(argc, argv);
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "parkbrain: 未知的子命令「%s」（可用 run list ack close rules）/ unknown "
		"subcommand \"%s\" (use run list ack close rules)\n", argv[1], argv[1]);
	return PB_EXIT_USAGE;
}
