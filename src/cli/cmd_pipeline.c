/*
 * cmd_pipeline.c - `parkbrain pipeline`: the investment pipeline's figures for a period.
 *
 *   pipeline --db F [--year Y | --from DATE --to DATE] [--group park|team|sector|origin|
 *            band|funding|industry] [--json]
 *
 * The period defaults to the whole year of the latest stage event. The text shows, per
 * group, the projects, signings and their value, funds in place, 到位率, starts, 开工率 and
 * 投产率, then the projects held up at the period's end; --json the whole report
 * (src/io/pipeline_run.h, the same as GET /api/v1/pipeline).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "error.h"
#include "month.h"
#include "pipeline_run.h"
#include "store_project.h"
#include "term.h"

static int day_arg(const char *opt, int32_t *out)
{
	int y, m, d;
	if (!pb_date_parse(opt, strlen(opt), &y, &m, &d))
		return pb_cli_usage("日期无效（应为 YYYY-MM-DD）", "not a date (YYYY-MM-DD)");
	*out = y * 10000 + m * 100 + d;
	return 0;
}

/* The year of the latest stage event (this year when there is none). */
static int latest_year(int *year, pb_store *st)
{
	int32_t last;
	if (pb_store_project_last_date(&last, st, NULL, 0))
		return PB_ESTORE;
	if (last) {
		*year = last / 10000;
		return 0;
	}
	*year = pb_date_in_zone(time(NULL)) / 10000;
	return 0;
}

/* --year: a whole number of 1949..2100, nothing after it. */
static int year_arg(const char *opt, int *out)
{
	char *end;
	long y = strtol(opt, &end, 10);
	if (end == opt || *end || y < 1949 || y > 2100)
		return pb_cli_usage("年份无效", "not a year");
	*out = (int)y;
	return 0;
}

static void print_row(const pb_pipe_row *w, const char *name)
{
	pb_term_pad(stdout, name, 24);
	pb_cli_num_cell((double)w->projects, 0, 0, 6);
	pb_cli_num_cell((double)w->entered[PB_STAGE_SIGNED], 0, 0, 6);
	pb_cli_num_cell(w->signed_value / 10000, 2, 0, 10);
	pb_cli_num_cell(w->funds / 10000, 2, 0, 10);
	pb_cli_num_cell(w->rate_funds, 1, 1, 8);
	pb_cli_num_cell((double)w->entered[PB_STAGE_STARTED], 0, 0, 6);
	pb_cli_num_cell(w->rate_started, 1, 1, 8);
	pb_cli_num_cell(w->rate_producing, 1, 1, 8);
	fputc('\n', stdout);
}

static void print_text(const pb_pipe_report *r)
{
	/* the days: a period need not start or end with a month */
	char f[16], t[16];
	pb_date_format(r->from, f);
	pb_date_format(r->to, t);
	static const char *const by[PB_PG_COUNT] = { "园区", "招商团队", "产业板块", "来源地", "规模", "内外资",
						     "行业大类" };
	printf("招商项目 %s 至 %s，按%s；金额：亿元\n", f, t, by[r->grouping]);
	static const char *const heads[] = { "项目", "签约", "签约金额", "到位资金", "到位率",
					     "开工", "开工率", "投产率" };
	static const int widths[] = { 6, 6, 10, 10, 8, 6, 8, 8 };
	pb_term_pad(stdout, "分组", 24);
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		pb_cli_cell(heads[i], widths[i]);
	fputc('\n', stdout);
	for (size_t g = 0; g < r->ngroup; g++)
		print_row(&r->rows[g], r->group_name[g]);
	print_row(&r->rows[r->ngroup], "合计");
	if (!r->nstuck)
		return;
	printf("\n久滞项目（%zu 个，停留最久的在前）\n", r->nstuck);
	/* a terminal shows the longest held; the JSON has every one */
	size_t shown = r->nstuck < 20 ? r->nstuck : 20;
	for (size_t i = 0; i < shown; i++) {
		const pb_pipe_stuck *s = &r->stuck[i];
		const char *park = r->park_name[s->project];
		printf("  %s（%s）「%s」自 %04d-%02d-%02d 起 %lld 天（限 %d 天）\n",
		       r->d.name[s->project] ? r->d.name[s->project] : "", park ? park : "未填园区",
		       pb_stage_name((pb_stage)s->stage), (int)(s->since / 10000),
		       (int)(s->since / 100 % 100), (int)(s->since % 100), (long long)s->days,
		       r->limits[s->stage]);
	}
	if (shown < r->nstuck)
		printf("  …及其余 %zu 个（--json 列出全部）\n", r->nstuck - shown);
}

int pb_cmd_pipeline(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },   { "year", required_argument, NULL, 'y' },
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "group", required_argument, NULL, 'g' }, { "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *group = "park";
	int32_t from = 0, to = 0;
	int year = 0, json = 0, c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'y': if ((rc = year_arg(optarg, &year))) return rc; break;
		case 'f': if ((rc = day_arg(optarg, &from))) return rc; break;
		case 't': if ((rc = day_arg(optarg, &to))) return rc; break;
		case 'g': group = optarg; break;
		case 'j': json = 1; break;
		default: return PB_EXIT_USAGE;
		}
	}
	if ((rc = pb_cli_no_more_args(argc, argv)))
		return rc;
	if (!db)
		return pb_cli_usage("缺少 --db", "--db is required");
	if ((from != 0) != (to != 0) || (year && from))
		return pb_cli_usage("用 --year，或同时给出 --from 和 --to",
				    "give --year, or both --from and --to");
	int g = pb_pipe_grouping_parse(group);
	if (g < 0)
		return pb_cli_usage("--group 应为 park、team、sector、origin、band、funding 或 industry",
				    "--group must be park, team, sector, origin, band, funding or industry");
	pb_store *st = NULL;
	if ((rc = pb_cli_open(&st, db, PB_STORE_READONLY)))
		return rc;
	if (!from) {
		if (!year && latest_year(&year, st)) {
			pb_store_close(st);
			return pb_cli_fail("读取招商项目 / reading the pipeline");
		}
		from = year * 10000 + 101;
		to = year * 10000 + 1231;
	}
	pb_pipe_report r;
	rc = pb_pipe_report_make(&r, st, NULL, 0, g, from, to, NULL);
	if (rc) {
		rc = pb_cli_fail_input();
	} else if (json) {
		rc = pb_cli_print_json(pb_pipe_report_json(&r));
	} else {
		print_text(&r);
	}
	pb_pipe_report_free(&r);
	pb_store_close(st);
	return rc;
}
