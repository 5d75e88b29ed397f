/*
 * cmd_summary.c - `parkbrain summary`: the zone's headline figures in the terminal
 * (what the cockpit page will show), computed by src/core/summary.c.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "summary.h"
#include "term.h"

typedef struct loaded {
	pb_enterprise *ents;
	size_t nents, ecap;
	pb_monthly *reps;
	size_t nreps, rcap;
	char *zone;
} loaded;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 256;
	while (c < need)
		c *= 2;
	void *n = realloc(*p, c * size);
	if (!n)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	*p = n;
	*cap = c;
	return 0;
}

static int take_ent(void *ctx, const void *rec)
{
	loaded *l = ctx;
	if (grow((void **)&l->ents, &l->ecap, l->nents + 1, sizeof(pb_enterprise)))
		return PB_ENOMEM;
	pb_enterprise e = *(const pb_enterprise *)rec;
	/* only what the summary reads; texts are copied (the store's are transient) */
	e.sector = strdup(e.sector ? e.sector : "");
	e.uscc = e.name = e.industry = e.note = NULL;
	l->ents[l->nents++] = e;
	return e.sector ? 0 : PB_ENOMEM;
}

static int take_rep(void *ctx, const void *rec)
{
	loaded *l = ctx;
	if (grow((void **)&l->reps, &l->rcap, l->nreps + 1, sizeof(pb_monthly)))
		return PB_ENOMEM;
	l->reps[l->nreps++] = *(const pb_monthly *)rec;
	return 0;
}

static int take_zone(void *ctx, const void *rec)
{
	loaded *l = ctx;
	l->zone = strdup(((const pb_zone *)rec)->name);
	return 0;
}

static void print_growth(double g, int en)
{
	if (isnan(g))
		fputs(en ? "YoY n/a" : "同比 —", stdout);
	else
		printf(en ? "YoY %+.1f%%" : "同比 %+.1f%%", g);
}

int pb_cli_print_summary(pb_store *st, const char *lang)
{
	int en = strcmp(lang, "en") == 0;
	loaded l = { 0 };
	int rc = pb_store_each(st, PB_E_ZONE, take_zone, &l);
	if (!rc)
		rc = pb_store_each(st, PB_E_ENTERPRISE, take_ent, &l);
	if (!rc)
		rc = pb_store_each(st, PB_E_MONTHLY, take_rep, &l);
	pb_summary s;
	if (!rc)
		rc = pb_summary_compute(&s, l.ents, l.nents, l.reps, l.nreps);
	if (!rc) {
		int m = s.latest_month;
		printf(en ? "%s — zone summary" : "%s — 驾驶舱摘要", l.zone ? l.zone : "parkbrain");
		if (m)
			printf(en ? " (data to %04d-%02d)\n" : "（数据截至 %d年%d月）\n", m / 100, m % 100);
		else
			puts(en ? " (no monthly reports yet)" : "（尚无月度报表）");
		printf(en ? "Enterprises: %lld (leading %lld, backbone %lld, growth %lld, below scale %lld)\n"
			  : "企业 %lld 家：龙头 %lld · 骨干 %lld · 成长型 %lld · 规下 %lld\n",
		       (long long)s.enterprises, (long long)s.by_tier[PB_TIER_LEADING],
		       (long long)s.by_tier[PB_TIER_BACKBONE], (long long)s.by_tier[PB_TIER_GROWTH],
		       (long long)s.by_tier[PB_TIER_BELOW]);
		puts(en ? "By sector (count, output of the month in 100M yuan):" : "按产业板块（家数，当月工业总产值）：");
		for (size_t i = 0; i < s.nsectors; i++) {
			const pb_summary_sector *sec = &s.sectors[i];
			fputs("  ", stdout);
			pb_term_pad(stdout, sec->name, 12);
			printf("%4lld%s  %9.2f%s  ", (long long)sec->count, en ? "" : " 家",
			       sec->month_output / 1e4, en ? "" : " 亿元");
			print_growth(pb_growth_pct(sec->month_output, sec->month_base), en);
			putchar('\n');
		}
		if (m) {
			printf(en ? "%04d-%02d gross industrial output %.2f (100M yuan), "
				  : "%d年%d月 工业总产值 %.2f 亿元，", m / 100, m % 100, s.month_output / 1e4);
			print_growth(pb_growth_pct(s.month_cur, s.month_base), en);
			printf(en ? " (same sample of %lld enterprises; %lld without last year's figure left out)\n"
				  : "（同口径 %lld 家；%lld 家无上年同期数未计入）\n",
			       (long long)(s.month_reporting - s.month_left_out), (long long)s.month_left_out);
			printf(en ? "Jan-%02d cumulative %.2f (100M yuan), " : "1—%d月累计 %.2f 亿元，", m % 100,
			       s.ytd_output / 1e4);
			print_growth(pb_growth_pct(s.ytd_cur, s.ytd_base), en);
			putchar('\n');
			printf(en ? "Share of the leading enterprises in the month's output: %.1f%%\n"
				  : "龙头企业产值占比 %.1f%%\n", s.leading_share * 100);
		}
	}
	for (size_t i = 0; i < l.nents; i++)
		free((char *)l.ents[i].sector);
	free(l.ents);
	free(l.reps);
	free(l.zone);
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
