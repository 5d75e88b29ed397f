/*
 * cmd_summary.c - `parkbrain summary`: the zone's headline figures in the terminal
 * (what the cockpit page will show): the monthly analysis (src/core/analysis.c) of the
 * latest month, by sector and tier, read from the cube like every report.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "cube_read.h"
#include "error.h"
#include "growth.h"
#include "store_cube.h"
#include "term.h"

static void print_growth(double g, int en)
{
	if (isnan(g))
		fputs(en ? "YoY n/a" : "同比 —", stdout);
	else
		printf(en ? "YoY %+.1f%%" : "同比 %+.1f%%", g);
}

/* Sector rows by the month's output, largest first; ties by name. */
static int by_month_desc(const void *a, const void *b)
{
	const pb_group_row *x = *(const pb_group_row *const *)a, *y = *(const pb_group_row *const *)b;
	double vx = x->m[PB_M_GROSS_OUTPUT].month, vy = y->m[PB_M_GROSS_OUTPUT].month;
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void print_sectors(const pb_analysis *a, int en)
{
	const pb_grouping_result *g = &a->by[PB_G_SECTOR];
	const pb_group_row **rows = malloc((g->ngroups ? g->ngroups : 1) * sizeof(*rows));
	if (!rows)
		return;
	size_t n = 0;
	for (size_t i = 0; i < g->ngroups; i++)
		if (g->rows[i].members)
			rows[n++] = &g->rows[i];
	qsort(rows, n, sizeof(*rows), by_month_desc);
	puts(en ? "By sector (count, output of the month in 100M yuan):" : "按产业板块（家数，当月工业总产值）：");
	for (size_t i = 0; i < n; i++) {
		const pb_agg *x = &rows[i]->m[PB_M_GROSS_OUTPUT];
		fputs("  ", stdout);
		pb_term_pad(stdout, rows[i]->name, 12);
		printf("%4lld%s  %9.2f%s  ", (long long)rows[i]->members, en ? "" : " 家", x->month / 1e4,
		       en ? "" : " 亿元");
		print_growth(pb_agg_month_growth(x), en);
		putchar('\n');
	}
	free(rows);
}

static void print_month(const pb_analysis *a, int en)
{
	int m = a->month;
	const pb_agg *t = &a->total[PB_M_GROSS_OUTPUT];
	printf(en ? "%04d-%02d gross industrial output %.2f (100M yuan), "
		  : "%d年%d月 工业总产值 %.2f 亿元，", m / 100, m % 100, t->month / 1e4);
	print_growth(pb_agg_month_growth(t), en);
	printf(en ? " (same sample of %lld enterprises; %lld without last year's figure left out)\n"
		  : "（同口径 %lld 家；%lld 家无上年同期数未计入）\n",
	       (long long)t->n_month_sample, (long long)t->n_month_nobase);
	printf(en ? "Jan-%02d cumulative %.2f (100M yuan), " : "1—%d月累计 %.2f 亿元，", m % 100, t->ytd / 1e4);
	print_growth(pb_agg_ytd_growth(t), en);
	putchar('\n');
	printf(en ? "Share of the leading enterprises in the month's output: %.1f%%\n"
		  : "龙头企业产值占比 %.1f%%\n", a->leading_month_share);
}

int pb_cli_print_summary(pb_store *st, const char *lang)
{
	int en = strcmp(lang, "en") == 0;
	char *zone = pb_cli_zone_name(st);
	pb_cube *c = NULL;
	pb_analysis a = { 0 };
	int rc = pb_store_cube_load(&c, st, 0);
	int month = rc ? 0 : pb_cube_latest_month(c, PB_M_GROSS_OUTPUT);
	if (!rc && month) {
		pb_analysis_opts o = { .month = month,
				       .groupings = (1u << PB_G_SECTOR) | (1u << PB_G_TIER) };
		rc = pb_analysis_run(&a, c, &o);
	}
	if (!rc) {
		int64_t tiers[5] = { 0 };
		for (size_t e = 0; e < c->nent; e++)
			tiers[c->ent[e].tier >= 0 && c->ent[e].tier <= 4 ? c->ent[e].tier : 0]++;
		printf(en ? "%s — zone summary" : "%s — 驾驶舱摘要", zone);
		if (month)
			printf(en ? " (data to %04d-%02d)\n" : "（数据截至 %d年%d月）\n", month / 100, month % 100);
		else
			puts(en ? " (no monthly reports yet)" : "（尚无月度报表）");
		printf(en ? "Enterprises: %zu (leading %lld, backbone %lld, growth %lld, below scale %lld)\n"
			  : "企业 %zu 家：龙头 %lld · 骨干 %lld · 成长型 %lld · 规下 %lld\n",
		       c->nent, (long long)tiers[PB_TIER_LEADING], (long long)tiers[PB_TIER_BACKBONE],
		       (long long)tiers[PB_TIER_GROWTH], (long long)tiers[PB_TIER_BELOW]);
		if (month) {
			print_sectors(&a, en);
			print_month(&a, en);
		}
	}
	pb_analysis_free(&a);
	pb_cube_free(c);
	free(zone);
	return rc ? pb_cli_fail(NULL) : PB_EXIT_OK;
}

int pb_cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *lang = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else if (c == 'l')
			lang = optarg;
		else
			return PB_EXIT_USAGE;
	}
	pb_store *st;
	int rc = pb_cli_open(&st, db, PB_STORE_READONLY);
	if (rc)
		return rc;
	rc = pb_cli_print_summary(st, pb_cli_lang(lang));
	pb_store_close(st);
	return rc;
}
