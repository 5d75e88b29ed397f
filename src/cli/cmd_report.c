/*
 * cmd_report.c - `parkbrain report KIND ...`: the bureau's reports. Each kind is its
 * own file (report_monthly.c, report_plan.c); this table dispatches to them.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *help;
} reports[] = {
	{ "monthly", pb_cli_report_monthly, "月度经济运行分析 / monthly operations analysis" },
};

int pb_cmd_report(int argc, char **argv)
{
	if (argc >= 2)
		for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
			if (strcmp(argv[1], reports[i].name) == 0)
				return reports[i].run(argc - 1, argv + 1);
	fprintf(stderr, "用法 / usage: parkbrain report KIND --db FILE ...\n");
	for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++)
		fprintf(stderr, "  %-10s %s\n", reports[i].name, reports[i].help);
	return PB_EXIT_USAGE;
}
