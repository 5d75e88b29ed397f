/*
 * pb_gen_zone.c - write a large synthetic zone as import files, for the import
 * benchmark, the analysis benchmark and the crash test:
 *   DIR/parks.csv        10 parks (or P with --parks P)
 *   DIR/enterprises.csv  N enterprises with valid USCCs
 *   DIR/monthly.csv      N x M rows: uscc, month, the ten monthly figures (万元 etc.)
 * usage: pb_gen_zone [--parks P] [--churn] DIR N M [first_month yyyymm, default 202001]
 *
 * --churn makes the same-sample rule matter (the analysis benchmark, issue #3): about
 * 3% of the enterprises enter late (first report in a later month), 3% leave (stop
 * reporting), 1% skip one month, 0.5% of the figures are missing (empty cells) and 5%
 * of the months are a loss (negative profit). Then monthly.csv has fewer than N x M
 * rows; without it, exactly N x M, every figure present.
 *
 * Deterministic: the same arguments give the same bytes; without the options, the
 * same bytes as before they existed (--churn draws from a second generator).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "month.h"
#include "uscc.h"

/* xorshift64*: a benchmark's data needs speed and repeatability, not quality */
static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
	return xorshift(&rng_state);
}

/* --churn's own stream, so that the figures' stream is the one of the plain zone */
static uint64_t churn_state = 0xD1B54A32D192ED03ULL;
static uint64_t rnd_churn(void)
{
	return xorshift(&churn_state);
}

/* one figure, or an empty cell (missing) one time in 200 under --churn */
static void put_fig(FILE *m, int churn, double v)
{
	if (churn && rnd_churn() % 200 == 0)
		fputs(",", m);
	else
		fprintf(m, ",%.2f", v);
}

static void make_uscc(long i, char out[19])
{
	char body[24], org[10];
	snprintf(body, sizeof(body), "%08ld", (10000000 + i) % 100000000);
	memcpy(org, body, 8);
	org[8] = pb_orgcode_check_char(body);
	org[9] = '\0';
	char code[18];
	memcpy(code, "91500108", 8);
	memcpy(code + 8, org, 9);
	memcpy(out, code, 17);
	out[17] = pb_uscc_check_char(code);
	out[18] = '\0';
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	static char buf[1 << 20];
	setvbuf(f, buf, _IOFBF, sizeof(buf));
	return f;
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--parks P] [--churn] DIR ENTERPRISES MONTHS [FIRST_MONTH]\n", prog);
	return 2;
}

int main(int argc, char **argv)
{
	const char *prog = argv[0];
	int parks = 10, churn = 0;
	while (argc > 1 && strncmp(argv[1], "--", 2) == 0) {
		if (strcmp(argv[1], "--churn") == 0) {
			churn = 1;
			argv++, argc--;
		} else if (strcmp(argv[1], "--parks") == 0 && argc > 2) {
			parks = atoi(argv[2]);
			argv += 2, argc -= 2;
		} else {
			return usage(prog);
		}
	}
	if (argc < 4 || parks < 1 || parks > 9999)
		return usage(prog);
	const char *dir = argv[1];
	long n = atol(argv[2]);
	int months = atoi(argv[3]);
	int first = argc > 4 ? atoi(argv[4]) : 202001;
	static const char *const sectors[] = { "电子信息", "装备制造", "消费品", "医疗制造", "其它" };
	static const char *const codes[] = { "C3922", "C3464", "C1620", "C2710", "D4420" };
	static const char *const tiers[] = { "龙头", "骨干", "成长型", "规下" };

	FILE *p = open_out(dir, "parks.csv");
	fputs("园区名称,简称\n", p);
	for (int i = 1; i <= parks; i++)
		fprintf(p, "第%d产业园,园%d\n", i, i);
	fclose(p);

	FILE *e = open_out(dir, "enterprises.csv");
	fputs("统一社会信用代码,企业名称,行业代码,产业板块,企业类型,所属园区\n", e);
	char u[19];
	for (long i = 0; i < n; i++) {
		make_uscc(i, u);
		int s = (int)(rnd() % 5), t = i < n / 100 ? 0 : i < n / 10 ? 1 : i < n / 2 ? 2 : 3;
		fprintf(e, "%s,示例企业%07ld,%s,%s,%s,第%d产业园\n", u, i, codes[s], sectors[s], tiers[t],
			(int)(rnd() % (uint64_t)parks) + 1);
	}
	fclose(e);

	FILE *m = open_out(dir, "monthly.csv");
	fputs("uscc,month,gross_output,sales_output,export_value,revenue,profit,tax,electricity,"
	      "energy,employees,rd_expense\n", m);
	for (long i = 0; i < n; i++) {
		make_uscc(i, u);
		double base = 100 + (double)(rnd() % 100000) / 10.0;
		/* the months reported: from..to, less `skip` (-1: none) */
		int from = 0, to = months - 1, skip = -1;
		if (churn && months > 1) {
			uint64_t r = rnd_churn() % 1000;
			if (r < 30)
				from = 1 + (int)(rnd_churn() % (uint64_t)(months - 1)); /* enters */
			else if (r < 60)
				to = (int)(rnd_churn() % (uint64_t)(months - 1));       /* leaves */
			else if (r < 70)
				skip = (int)(rnd_churn() % (uint64_t)months);           /* a gap */
		}
		for (int k = 0; k < months; k++) {
			char mon[8];
			pb_month_format(pb_month_add(first, k), mon);
			double g = base * (1 + 0.004 * k) * (0.9 + (double)(rnd() % 2000) / 10000.0);
			if (!churn) {
				fprintf(m, "%s,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%.2f\n", u, mon, g,
					g * 0.97, g * 0.1, g * 1.1, g * 0.04, g * 0.03, g / 500, g / 400,
					(int)(g / 10) + 1, g * 0.02);
				continue;
			}
			if (k < from || k > to || k == skip)
				continue;
			double profit = rnd_churn() % 20 == 0 ? -g * 0.02 : g * 0.04;
			fprintf(m, "%s,%s", u, mon);
			put_fig(m, churn, g);
			put_fig(m, churn, g * 0.97);
			put_fig(m, churn, g * 0.1);
			put_fig(m, churn, g * 1.1);
			put_fig(m, churn, profit);
			put_fig(m, churn, g * 0.03);
			put_fig(m, churn, g / 500);
			put_fig(m, churn, g / 400);
			if (rnd_churn() % 200 == 0)
				fputs(",", m);
			else
				fprintf(m, ",%d", (int)(g / 10) + 1);
			put_fig(m, churn, g * 0.02);
			fputc('\n', m);
		}
	}
	fclose(m);
	return 0;
}
