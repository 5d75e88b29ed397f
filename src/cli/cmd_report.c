/*
 * cmd_report.c - `parkbrain report KIND ...`: the bureau's reports, one subcommand
 * each. A new report is one line in the table below and a file of its own.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *help;
} reports[] = {
	{ "monthly", pb_cli_report_monthly,
	  "monthly --db FILE [--month YYYY-MM] [--group G[,G...]] [--metric KEY] [--top N]\n"
	  "                        [--xlsx OUT.xlsx] [--json] [--lang en]\n"
	  "                        月度经济运行分析 / monthly analysis (docs/metrics.md)" },
	{ "plan", pb_cli_report_plan,
	  "plan --db FILE [--year Y] [--json] [--xlsx OUT.xlsx] [--lang en]\n"
	  "                        [--at-risk PCT] [--config FILE.json]\n"
	  "                        规划目标跟踪 / plan tracking (docs/metrics.md)" },
};

#define NREPORTS (sizeof(reports) / sizeof(reports[0]))

static void usage(FILE *out)
{
	fprintf(out, "用法 / usage:\n");
	for (size_t i = 0; i < NREPORTS; i++)
		fprintf(out, "  parkbrain report %s\n", reports[i].help);
}

int pb_cmd_report(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? PB_EXIT_USAGE : PB_EXIT_OK;
	}
	for (size_t i = 0; i < NREPORTS; i++)
		if (strcmp(argv[1], reports[i].name) == 0)
			return reports[i].run(argc - 1, argv + 1);
	fprintf(stderr, "parkbrain: 未知报告「%s」/ unknown report \"%s\"\n", argv[1], argv[1]);
	usage(stderr);
	return PB_EXIT_USAGE;
}
