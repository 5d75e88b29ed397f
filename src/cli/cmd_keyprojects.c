/*
 * cmd_keyprojects.c - `parkbrain keyprojects`: the key projects against their yearly plans,
 * 1–M月 of a year.
 *
 *   keyprojects --db F --year Y --month M [--tolerance 0.05] [--json] [--xlsx OUT.xlsx]
 *
 * The text shows the total and the sums by nature, then the projects behind, late to
 * start or overdue; --json the whole report (src/io/keyproj_run.h, the same as GET
 * /api/v1/key-projects); --xlsx writes the printable workbook (and still prints the text,
 * unless --json).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "keyproj_run.h"
#include "term.h"

static void print_sum(const pb_keyproj_sum *s)
{
	pb_term_pad(stdout, s->name, 20);
	pb_cli_num_cell((double)s->projects, 0, 0, 6);
	pb_cli_num_cell(s->plan, 1, 0, 12);
	pb_cli_num_cell(s->completed, 1, 0, 12);
	pb_cli_num_cell(s->rate, 1, 1, 8);
	pb_cli_num_cell((double)s->behind, 0, 0, 6);
	pb_cli_num_cell((double)s->late_start, 0, 0, 10);
	pb_cli_num_cell((double)s->overdue, 0, 0, 6);
	fputc('\n', stdout);
}

static void print_text(const pb_keyproj_report *r)
{
	printf("重点项目 %d年1–%d月；金额：万元；序时进度 %.1f%%（容差 %.1f 个百分点）\n", r->year,
	       r->month, r->time * 100, r->tolerance * 100);
	static const char *const heads[] = { "项目", "年度计划", "完成", "完成率", "滞后",
					     "未按期开工", "逾期" };
	static const int widths[] = { 6, 12, 12, 8, 6, 10, 6 };
	pb_term_pad(stdout, "建设性质", 20);
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		pb_cli_cell(heads[i], widths[i]);
	fputc('\n', stdout);
	for (size_t g = 0; g < r->ngroups[PB_KG_NATURE]; g++)
		print_sum(&r->groups[PB_KG_NATURE][g]);
	print_sum(&r->total);
	int any = 0;
	for (size_t i = 0; i < r->d.n; i++) {
		const pb_keyproj_progress *p = &r->prog[i];
		if (!p->behind && !p->late_start && !p->overdue)
			continue;
		if (!any++)
			printf("\n需关注的项目\n");
		const pb_keyproj_item *it = &r->d.items[i];
		printf("  %s（%s）", it->name ? it->name : "", it->department ? it->department : "未填责任单位");
		if (p->behind)
			printf(" 滞后：完成 %.1f / 计划 %.1f，完成率 %.1f%%，差 %.1f 万元", p->completed,
			       it->p.plan, p->rate * 100, p->lag);
		if (p->late_start)
			printf(" 未按期开工（计划 %04d-%02d）", (int)(it->p.plan_start / 100),
			       (int)(it->p.plan_start % 100));
		if (p->overdue)
			printf(" 逾期（计划竣工 %04d-%02d）", (int)(it->p.plan_finish / 100),
			       (int)(it->p.plan_finish % 100));
		fputc('\n', stdout);
	}
}

/* The whole number that is all of s ("2025"), else 0 (refused below as no year or month:
 * atoi took "3x" for 3 and "x" for 0). */
static int whole(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	return errno || end == s || *end || v < 0 || v > 9999 ? 0 : (int)v;
}

int pb_cmd_keyprojects(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },    { "year", required_argument, NULL, 'y' },
		{ "month", required_argument, NULL, 'm' }, { "tolerance", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },        { "xlsx", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *xlsx = NULL;
	int year = 0, month = 0, json = 0, c, rc;
	double tolerance = 0.05;
	char *end;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'y': year = whole(optarg); break;
		case 'm': month = whole(optarg); break;
		case 't':
			errno = 0;
			tolerance = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(tolerance >= 0 && tolerance < 1))
				return pb_cli_usage("--tolerance 应为 0 到 1 之间的数（0.05 即 5 个百分点）",
						    "--tolerance must be a number in 0..1 (0.05: 5 points)");
			break;
		case 'j': json = 1; break;
		case 'x': xlsx = optarg; break;
		default: return PB_EXIT_USAGE;
		}
	}
	if ((rc = pb_cli_no_more_args(argc, argv)))
		return rc;
	if (!db)
		return pb_cli_usage("缺少 --db", "--db is required");
	if (year < 1949 || year > 2100)
		return pb_cli_usage("缺少 --year，或年份无效", "--year is required (a year)");
	if (month < 1 || month > 12)
		return pb_cli_usage("缺少 --month，或月份不在 1 到 12 之间",
				    "--month is required (1..12)");
	pb_store *st = NULL;
	if ((rc = pb_cli_open(&st, db, PB_STORE_READONLY)))
		return rc;
	pb_keyproj_report r;
	rc = pb_keyproj_report_make(&r, st, NULL, 0, year, month, tolerance);
	if (rc) {
		rc = pb_cli_fail_input();
	} else {
		if (xlsx && pb_keyproj_report_xlsx(&r, xlsx))
			rc = pb_cli_fail("写入工作簿 / writing the workbook");
		if (!rc && json)
			rc = pb_cli_print_json(pb_keyproj_report_json(&r));
		else if (!rc)
			print_text(&r);
	}
	pb_keyproj_report_free(&r);
	pb_store_close(st);
	return rc;
}
