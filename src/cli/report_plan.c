/*
 * report_plan.c - `parkbrain report plan`: where each indicator of the plan stands
 * against its target (src/core/plan.c), as a table, as JSON (--json) and as the plan
 * sheet of a workbook (--xlsx). Thresholds: the defaults, then --config FILE.json, then
 * --at-risk (the command line wins).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "num.h"
#include "plan_config.h"
#include "plan_load.h"
#include "plan_out.h"

typedef struct plan_opts {
	const char *db, *lang, *xlsx, *config;
	int json;
	int64_t year;     /* PB_INT_MISSING: the latest year with an actual */
	double at_risk;   /* NaN: not given */
} plan_opts;

static int usage_error(const char *zh, const char *en, const char *arg)
{
	fprintf(stderr, "parkbrain: %s「%s」/ %s \"%s\"\n", zh, arg, en, arg);
	fprintf(stderr, "用法 / usage: parkbrain report plan --db FILE [--year Y] [--json] "
			"[--xlsx OUT.xlsx] [--lang en] [--at-risk PCT] [--config FILE.json]\n");
	return PB_EXIT_USAGE;
}

/* A year as the plan writes them; anything else (2025.5, 25, "二〇二五") is refused. */
static int parse_year(const char *s, int64_t *out)
{
	char *end;
	long long y = strtoll(s, &end, 10);
	if (end == s || *end || y < 1000 || y > 9999)
		return -1;
	*out = y;
	return 0;
}

static int parse_opts(plan_opts *o, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "year", required_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ "xlsx", required_argument, NULL, 'x' },
		{ "lang", required_argument, NULL, 'l' },
		{ "at-risk", required_argument, NULL, 'r' },
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	*o = (plan_opts){ .year = PB_INT_MISSING, .at_risk = PB_MISSING };
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'j': o->json = 1; break;
		case 'x': o->xlsx = optarg; break;
		case 'l': o->lang = optarg; break;
		case 'c': o->config = optarg; break;
		case 'y':
			if (parse_year(optarg, &o->year))
				return usage_error("--year 应为四位年份，不是", "--year must be a year, not",
						   optarg);
			break;
		case 'r':
			/* "5" and "5%" both mean five points */
			if (pb_num_parse(optarg, strlen(optarg), &o->at_risk, PB_NUM_PERCENT) != PB_NUM_OK ||
			    !(o->at_risk >= 0 && o->at_risk <= 100))
				return usage_error("--at-risk 应为 0 到 100 之间的百分点数，不是",
						   "--at-risk must be points between 0 and 100, not", optarg);
			break;
		default: return PB_EXIT_USAGE; /* getopt has said what is wrong */
		}
	}
	if (optind < argc)
		return usage_error("多余的参数", "unexpected argument", argv[optind]);
	return PB_EXIT_OK;
}

/* The thresholds in force; a bad config file is a usage error (exit 2), like a bad flag. */
static int load_config(pb_plan_config *cfg, const plan_opts *o)
{
	pb_plan_config_default(cfg);
	if (o->config && pb_plan_config_load(cfg, o->config)) {
		fprintf(stderr, "parkbrain: %s\n", pb_error_last());
		return PB_EXIT_USAGE;
	}
	if (!pb_is_missing(o->at_risk))
		cfg->at_risk_tolerance = o->at_risk;
	return PB_EXIT_OK;
}

static int write_book(const char *path, const pb_plan_result *r, const char *lang)
{
	pb_book *b;
	int rc = pb_book_open(&b, path);
	if (rc)
		return rc;
	rc = pb_plan_write_sheet_lang(b, r, lang);
	if (rc) {
		pb_book_abort(b);
		return rc;
	}
	return pb_book_close(b);
}

static int print_json(const pb_plan_result *r, const char *lang)
{
	json_t *doc = pb_plan_json(r, lang);
	if (!doc)
		return PB_ENOMEM;
	/* ten significant digits: every figure of the plan, none of the binary noise */
	int rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (rc || putchar('\n') == EOF)
		return pb_error_set(PB_EIO, "写入标准输出失败 / writing stdout failed");
	return 0;
}

static int run(const plan_opts *o, const pb_plan_config *cfg, pb_store *st)
{
	const char *lang = pb_cli_lang(o->lang);
	pb_plan_input in;
	pb_plan_result r = { 0 };
	int rc = pb_plan_load(&in, st);
	if (!rc)
		rc = pb_plan_compute(&r, in.inds, in.ninds, in.acts, in.nacts, o->year, cfg);
	/* the workbook first: stdout then says whether it was written */
	if (!rc && o->xlsx)
		rc = write_book(o->xlsx, &r, lang);
	if (!rc)
		rc = o->json ? print_json(&r, lang) : pb_plan_print(stdout, &r, lang);
	if (!rc && o->xlsx)
		fprintf(o->json ? stderr : stdout, "已写入 %s / written %s\n", o->xlsx, o->xlsx);
	pb_plan_result_free(&r);
	pb_plan_input_free(&in);
	return rc;
}

int pb_cli_report_plan(int argc, char **argv)
{
	plan_opts o;
	pb_plan_config cfg;
	int rc = parse_opts(&o, argc, argv);
	if (!rc)
		rc = load_config(&cfg, &o);
	if (rc)
		return rc;
	pb_store *st;
	if ((rc = pb_cli_open(&st, o.db, PB_STORE_READONLY)))
		return rc;
	rc = run(&o, &cfg, st);
	pb_store_close(st);
	return rc ? pb_cli_fail(NULL) : PB_EXIT_OK;
}
