/*
 * main.c - the parkbrain command: dispatch to a subcommand.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "kinds.h"

static const struct {
	const char *name;
	int (*run)(int, char **);
	const char *help;
} commands[] = {
	{ "init", pb_cmd_init, "init --db FILE                      创建（或升级）数据库 / create or upgrade a database" },
	{ "import", pb_cmd_import, "import --db FILE KIND INPUT [--dry-run] [--sheet NAME] [--user NAME]\n"
	  "                                      导入 CSV/xlsx/xls / import a file" },
	{ "export", pb_cmd_export, "export --db FILE KIND OUTPUT.xlsx|csv   导出 / export a kind" },
	{ "summary", pb_cmd_summary, "summary --db FILE [--lang en]       驾驶舱摘要 / zone summary" },
	{ "demo", pb_cmd_demo, "demo --db FILE [--out DIR]          生成示例开发区 / build the demo zone" },
	{ "check", pb_cmd_check, "check --db FILE                     数据库完整性检查 / integrity check" },
	{ "warnings", pb_cmd_warnings, "warnings run --db FILE [--month YYYY-MM] [--config FILE] [--user NAME] [--json]\n"
	  "                                      计算并保存预警 / compute and save the warnings\n"
	  "  parkbrain warnings [list] --db FILE [--status open|acknowledged|closed|all] [--month M]\n"
	  "         [--rule R] [--enterprise USCC] [--json] [--xlsx OUT.xlsx] [--lang en]\n"
	  "                                      预警清单 / the warnings\n"
	  "  parkbrain warnings ack ID --db FILE [--note TEXT] [--user NAME]   签收 / acknowledge\n"
	  "  parkbrain warnings close ID --db FILE --note TEXT [--user NAME]   办结 / close\n"
	  "  parkbrain warnings rules [--config FILE]   规则与参数（JSON）/ the rules' configuration" },
	{ "evaluate", pb_cmd_evaluate, "evaluate [run] --db FILE --year Y [--scheme FILE|KEY] [--no-save] [--json]\n"
	  "         [--xlsx OUT.xlsx] [--top N] [--enterprise USCC|名称] [--user NAME]\n"
	  "                                      亩均效益评价（保存为该年度结果）/ the 亩均 evaluation\n"
	  "  parkbrain evaluate what-if --db FILE --year Y [--scheme S] (--set PATH=VALUE... | --with S)\n"
	  "                                      假设分析，不保存 / what-if, not saved\n"
	  "  parkbrain evaluate list --db FILE [--json]   已保存的评价 / stored evaluations\n"
	  "  parkbrain evaluate schemes          内置评价方案 / the shipped schemes" },
	{ "pipeline", pb_cmd_pipeline, "pipeline --db FILE [--year Y | --from DATE --to DATE] [--group park|team|sector|origin|band|funding|industry] [--json]\n"
	  "                                      招商项目统计 / the investment pipeline's figures" },
	{ "dispatch", pb_cmd_dispatch, "dispatch --db FILE [--month YYYY-MM] [--config RANKING.json] [--json] [--xlsx OUT.xlsx]\n"
	  "                                      月度调度、赛马榜、活跃指数 / the monthly dispatch and ranking" },
	{ "keyprojects", pb_cmd_keyprojects, "keyprojects --db FILE --year Y --month M [--tolerance 0.05] [--json] [--xlsx OUT.xlsx]\n"
	  "                                      重点项目年度计划完成情况 / key projects against their yearly plans" },
	{ "serve", pb_cmd_serve, "serve --db FILE [--listen HOST:PORT] [--threads N] [--access-log FILE]\n"
	  "                                      网页服务（端口 0：任选空闲端口）/ the web server" },
	{ "user", pb_cmd_user, "user add NAME --db FILE --role admin|analyst|park|enterprise|viewer [--park NAME]...\n"
	  "         [--enterprise USCC] [--display TEXT] [--password-stdin] [--user NAME]\n"
	  "                                      添加网页用户 / add a web user\n"
	  "  parkbrain user passwd NAME --db FILE [--password-stdin]   修改密码 / change a password\n"
	  "  parkbrain user set NAME --db FILE [--role R] [--park NAME]... [--enterprise USCC] [--display TEXT]\n"
	  "                                      修改角色、范围、显示名 / change role, scope, display\n"
	  "  parkbrain user disable|enable NAME --db FILE   停用（结束其会话）/ 启用 / disable (ends its sessions), enable\n"
	  "  parkbrain user list --db FILE [--json]   用户清单 / the users" },
	{ "imports", pb_cmd_imports, "imports --db FILE                   导入记录 / the import log" },
	{ "report", pb_cmd_report, "report monthly|plan --db FILE ...   月度分析、目标跟踪 / the bureau's reports\n"
	  "                                      (parkbrain report help)" },
};

static void usage(FILE *out)
{
	fprintf(out, "parkbrain 产业大脑 — 开发区经济运行平台\n\n用法 / usage:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  parkbrain %s\n", commands[i].help);
	/* the kinds from their one list (src/io/kinds.c), wrapped before column 80 */
	size_t nk, col = 5;
	const pb_kind *k = pb_kind_all(&nk);
	fprintf(out, "\nKIND:");
	for (size_t i = 0; i < nk; i++) {
		size_t w = strlen(k[i].name) + 1;
		if (col + w > 80) {
			fprintf(out, "\n     ");
			col = 5;
		}
		fprintf(out, " %s", k[i].name);
		col += w;
	}
	fprintf(out, "\n文件格式见 docs/import-formats.md / file formats: docs/import-formats.md\n");
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? PB_EXIT_USAGE : PB_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("parkbrain %s\n", PB_VERSION);
		return PB_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "parkbrain: 未知命令「%s」/ unknown command \"%s\"\n\n", argv[1], argv[1]);
	usage(stderr);
	return PB_EXIT_USAGE;
}
