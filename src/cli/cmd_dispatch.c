/*
 * cmd_dispatch.c - `parkbrain dispatch`: the monthly dispatch report (月度调度).
 *
 *   dispatch --db F [--month YYYY-MM] [--config RANKING.json] [--json] [--xlsx OUT.xlsx]
 *
 * The month defaults to that of the latest stage event. The text shows per park and team
 * the 1–M月 figures against target, the overall ranking and the held-up count; --json the
 * whole report (src/io/dispatch_run.h, the same as GET /api/v1/dispatch); --xlsx writes
 * the printable workbook.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dispatch_config.h"
#include "dispatch_run.h"
#include "error.h"
#include "term.h"

static void print_text(const pb_disp_report *r)
{
	printf("月度调度 %04d-%02d；金额：亿元；完成率 = 1–%d月 ÷ 年度目标\n", r->month / 100,
	       r->month % 100, r->month % 100);
	static const char *const heads[] = { "签约", "签约金额", "金额完成率", "到位资金", "开工", "开工完成率" };
	pb_term_pad(stdout, "园区/团队", 24);
	for (size_t i = 0; i < 6; i++) {
		fputc(' ', stdout);
		pb_term_cell(stdout, heads[i], 10, 1);
	}
	fputc('\n', stdout);
	for (size_t u = 0; u < r->npark + r->nteam + 1; u++) {
		const pb_disp_unit *x = &r->unit[u];
		pb_term_pad(stdout, x->name, 24);
		pb_cli_num_cell(x->ytd[PB_DT_SIGNED_COUNT], 0, 0, 10);
		pb_cli_num_cell(x->ytd[PB_DT_SIGNED_VALUE] / 10000, 2, 0, 10);
		pb_cli_num_cell(x->rate[PB_DT_SIGNED_VALUE], 1, 1, 10);
		pb_cli_num_cell(x->ytd[PB_DT_FUNDS] / 10000, 2, 0, 10);
		pb_cli_num_cell(x->ytd[PB_DT_STARTED], 0, 0, 10);
		pb_cli_num_cell(x->rate[PB_DT_STARTED], 1, 1, 10);
		fputc('\n', stdout);
	}
	const pb_disp_ranking *k = &r->rank[PB_DP_YTD][PB_DU_PARK][0];
	printf("\n%s（1–%d月）\n", r->cfg.lists[0].name, r->month % 100);
	for (size_t j = 0; j < k->nrow; j++)
		printf("  %lld. %s  %.2f\n", (long long)k->rank[k->order[j]], r->unit[k->order[j]].name,
		       k->score[k->order[j]]);
	printf("\n本月进展 %zu 项，久滞项目 %zu 个\n", r->nmoved, r->nstuck);
}

int pb_cmd_dispatch(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },     { "month", required_argument, NULL, 'm' },
		{ "config", required_argument, NULL, 'c' }, { "json", no_argument, NULL, 'j' },
		{ "xlsx", required_argument, NULL, 'x' },   { NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *config = NULL, *xlsx = NULL;
	int month = 0, json = 0, c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'm': if ((rc = pb_cli_month_arg(optarg, &month))) return rc; break;
		case 'c': config = optarg; break;
		case 'j': json = 1; break;
		case 'x': xlsx = optarg; break;
		default: return PB_EXIT_USAGE;
		}
	}
	if ((rc = pb_cli_no_more_args(argc, argv)))
		return rc;
	if (!db)
		return pb_cli_usage("缺少 --db", "--db is required");
	pb_disp_config cfg;
	if (config && pb_disp_config_load(&cfg, config))
		return pb_cli_fail_input();
	pb_store *st = NULL;
	if ((rc = pb_cli_open(&st, db, PB_STORE_READONLY)))
		return rc;
	if (!month && pb_disp_default_month(&month, st)) {
		pb_store_close(st);
		return pb_cli_fail("读取招商项目 / reading the pipeline");
	}
	pb_disp_report r;
	rc = pb_disp_report_make(&r, st, month, config ? &cfg : NULL);
	if (rc)
		rc = pb_cli_fail_input();
	else if (xlsx && pb_disp_report_xlsx(&r, NULL, xlsx))
		rc = pb_cli_fail("写入调度表 / writing the dispatch workbook");
	else if (json)
		rc = pb_cli_print_json(pb_disp_report_json(&r, NULL));
	else if (!xlsx)
		print_text(&r);
	pb_disp_report_free(&r);
	pb_store_close(st);
	return rc;
}
