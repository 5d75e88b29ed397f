/*
 * report_monthly.c - `parkbrain report monthly`: the monthly operations analysis of
 * src/core/analysis.c, printed, as JSON, or as the bureau's report workbook.
 *
 *   report monthly --db FILE [--month YYYY-MM] [--group G[,G...]] [--metric KEY]
 *                  [--top N] [--xlsx OUT.xlsx] [--json] [--lang en]
 *
 * Without --month the latest month with reports is analysed. --group chooses the
 * groupings printed (default sector; the workbook and JSON carry every grouping).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_out.h"
#include "cli.h"
#include "cube_read.h"
#include "error.h"
#include "month.h"
#include "plan_load.h"
#include "plan_out.h"
#include "store_cube.h"
#include "store_warn.h"
#include "warn_out.h"

typedef struct monthly_args {
	const char *db, *xlsx, *lang;
	int month, json, top;
	unsigned groups;
	pb_metric metric;
} monthly_args;

static int parse_groups(const char *s, unsigned *out)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", s);
	*out = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "all") == 0) {
			*out = (1u << PB_GROUPING_COUNT) - 1;
			continue;
		}
		pb_grouping g;
		if (pb_grouping_parse(&g, tok)) {
			fprintf(stderr, "parkbrain: %s\n", pb_error_last());
			return PB_EXIT_USAGE;
		}
		*out |= 1u << g;
	}
	return 0;
}

static int parse_metric(const char *s, pb_metric *out)
{
	for (int k = 0; k < PB_METRIC_COUNT; k++)
		if (strcmp(s, pb_metric_key((pb_metric)k)) == 0 || strcmp(s, pb_metric_name((pb_metric)k)) == 0) {
			*out = (pb_metric)k;
			return 0;
		}
	fprintf(stderr, "parkbrain: 未知指标「%s」/ unknown metric \"%s\" (gross_output, revenue, "
		"profit, tax, ...)\n", s, s);
	return PB_EXIT_USAGE;
}

static int parse_args(monthly_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },   { "month", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' }, { "metric", required_argument, NULL, 'k' },
		{ "top", required_argument, NULL, 't' },   { "xlsx", required_argument, NULL, 'x' },
		{ "json", no_argument, NULL, 'j' },        { "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof(*a));
	a->groups = 1u << PB_G_SECTOR;
	a->top = 10;
	int c, rc = 0;
	optind = 1;
	while (!rc && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'm': rc = pb_cli_month_arg(optarg, &a->month); break;
		case 'g': rc = parse_groups(optarg, &a->groups); break;
		case 'k': rc = parse_metric(optarg, &a->metric); break;
		case 't':
			a->top = atoi(optarg);
			if (a->top < 1 || a->top > 1000) {
				fprintf(stderr, "parkbrain: --top 应在 1..1000 / --top must be 1..1000\n");
				rc = PB_EXIT_USAGE;
			}
			break;
		case 'x': a->xlsx = optarg; break;
		case 'j': a->json = 1; break;
		case 'l': a->lang = optarg; break;
		default: rc = PB_EXIT_USAGE;
		}
	}
	if (!rc)
		rc = pb_cli_no_more_args(argc, argv);
	return rc;
}

/*
 * The plan-tracking sheet of the monthly workbook. A year's actual is complete only
 * after its December, so a report of June 2025 tracks the plan as of 2024.
 */
static int plan_sheet(pb_book *b, pb_store *st, int month)
{
	pb_plan_input in = { 0 };
	pb_plan_result res = { 0 };
	int64_t as_of = month % 100 == 12 ? month / 100 : month / 100 - 1;
	int rc = pb_plan_load(&in, st);
	if (!rc)
		rc = pb_plan_compute(&res, in.inds, in.ninds, in.acts, in.nacts, as_of, NULL);
	if (!rc && res.nrows)
		rc = pb_plan_write_sheet(b, &res);
	pb_plan_result_free(&res);
	pb_plan_input_free(&in);
	return rc;
}

/*
 * The warnings sheet: the warnings raised for the month (by `parkbrain warnings run`),
 * whatever their follow-up status, so the report shows what was done about each.
 */
static int warnings_sheet(pb_book *b, pb_store *st, int month)
{
	pb_warn_records recs = { 0 };
	pb_warn_filter f = { .month = month };
	int rc = pb_store_warn_list(&recs, st, &f);
	if (!rc)
		rc = pb_warn_write_sheet(b, &recs);
	pb_warn_records_free(&recs);
	return rc;
}

static int write_outputs(const monthly_args *a, const pb_monthly_report *r, pb_store *st)
{
	if (a->xlsx) {
		pb_book *b;
		int rc = pb_book_open(&b, a->xlsx);
		if (!rc)
			rc = pb_monthly_report_sheets(b, r);
		if (!rc)
			rc = plan_sheet(b, st, r->a->month);
		if (!rc)
			rc = warnings_sheet(b, st, r->a->month);
		if (rc) {
			if (b)
				pb_book_abort(b);
			return pb_cli_fail(NULL);
		}
		if (pb_book_close(b))
			return pb_cli_fail(NULL);
		fprintf(stderr, "已写入 %s / written\n", a->xlsx);
	}
	if (a->json) {
		json_t *j = pb_monthly_report_json(r);
		int rc = !j || json_dumpf(j, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(12)) != 0;
		json_decref(j);
		putchar('\n');
		if (rc)
			return pb_error_set(PB_ENOMEM, "无法生成 JSON / cannot build the JSON"), pb_cli_fail(NULL);
	} else if (!a->xlsx && pb_monthly_report_print(stdout, r)) {
		return pb_cli_fail(NULL);
	}
	return PB_EXIT_OK;
}

int pb_cli_report_monthly(int argc, char **argv)
{
	monthly_args a;
	int rc = parse_args(&a, argc, argv);
	if (rc)
		return rc;
	pb_store *st;
	if ((rc = pb_cli_open(&st, a.db, PB_STORE_READONLY)))
		return rc;
	pb_cube *cube = NULL;
	pb_official_rate *rates = NULL;
	size_t nrates = 0;
	char *zone = pb_cli_zone_name(st);
	pb_analysis an = { 0 };
	if (pb_store_cube_load(&cube, st, 0)) {
		rc = pb_cli_fail(NULL);
		goto out;
	}
	if (!a.month && !(a.month = pb_cube_latest_month(cube, PB_M_GROSS_OUTPUT))) {
		fprintf(stderr, "parkbrain: 尚无月度报表 / no monthly reports yet\n");
		rc = PB_EXIT_REJECTED;
		goto out;
	}
	pb_analysis_opts o = { .month = a.month, .top_n = a.top };
	if (pb_analysis_run(&an, cube, &o) || pb_rates_load(st, a.month, &rates, &nrates)) {
		rc = pb_error_last_code() == PB_EINVAL ? (fprintf(stderr, "parkbrain: %s\n", pb_error_last()),
							   PB_EXIT_REJECTED)
						       : pb_cli_fail(NULL);
		goto out;
	}
	pb_monthly_report r = { .zone = zone, .cube = cube, .a = &an, .rates = rates, .nrates = nrates,
				.metric = a.metric, .groupings = a.xlsx ? (1u << PB_GROUPING_COUNT) - 1 : a.groups,
				.en = strcmp(pb_cli_lang(a.lang), "en") == 0 };
	rc = write_outputs(&a, &r, st);
out:
	pb_analysis_free(&an);
	pb_rates_free(rates, nrates);
	pb_cube_free(cube);
	free(zone);
	pb_store_close(st);
	return rc;
}
