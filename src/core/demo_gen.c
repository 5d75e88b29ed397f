/*
 * demo_gen.c - the demo zone's generator; see demo_gen.h for what it promises.
 */
#include "demo_gen.h"

#include <assert.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "uscc.h"

#define MAX_YEARS 8 /* base year - 1 .. last year: the array sizes of pb_demo_sector */

/* Draw streams: each purpose has its own, so adding a draw to one does not shift
 * every number of the others. */
enum {
	S_WEIGHT = 1, S_DRIFT, S_MONTH, S_RATIO, S_MISSING, S_SECTOR, S_NOISE,
};

double pb_demo_uniform(uint64_t seed, uint32_t stream, uint64_t index)
{
	unsigned char key[randombytes_SEEDBYTES] = { 0 };
	memcpy(key, &seed, 8);
	memcpy(key + 8, &stream, 4);
	memcpy(key + 12, &index, 8);
	uint64_t r;
	randombytes_buf_deterministic(&r, sizeof(r), key);
	return (double)(r >> 11) / 9007199254740992.0; /* 53 bits / 2^53 */
}

static double normal(uint64_t seed, uint32_t stream, uint64_t index)
{
	/* Box-Muller; 1 - u keeps the logarithm finite */
	double u1 = 1.0 - pb_demo_uniform(seed, stream, index * 2);
	double u2 = pb_demo_uniform(seed, stream, index * 2 + 1);
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static double uniform_in(uint64_t seed, uint32_t stream, uint64_t index, double lo, double hi)
{
	return lo + (hi - lo) * pb_demo_uniform(seed, stream, index);
}

void pb_demo_uscc(uint64_t seed, size_t i, char out[19])
{
	/* i * 7919 mod 10^8 is a bijection on 0..10^8-1 (7919 is prime, coprime with 10):
	 * distinct firms get distinct codes. */
	uint64_t digits = ((uint64_t)i * 7919u + seed % 100000000u) % 100000000u;
	char body[9];
	snprintf(body, sizeof(body), "%08llu", (unsigned long long)digits);
	char code[19];
	memcpy(code, "91500108", 8);
	memcpy(code + 8, body, 8);
	code[16] = pb_orgcode_check_char(body);
	code[17] = pb_uscc_check_char(code);
	code[18] = '\0';
	memcpy(out, code, 19);
}

/* Seasonal shape of industrial output in a Chinese year (sums to 12): January and
 * February carry the Spring Festival, December the year-end push. */
static const double season[12] = { 0.82, 0.70, 1.00, 0.98, 1.00, 1.05,
				   0.97, 0.99, 1.05, 1.02, 1.08, 1.34 };

/* Typical ratios per sector group: output per 万kWh (万元), output per worker per year
 * (万元), R&D over revenue, export over sales. VIVO's 720万元 per 万kWh is published
 * (plan §1); the others are rough orders of magnitude for a demo. */
typedef struct sector_ratios {
	const char *name;
	double per_kwh, per_worker, rd, export;
} sector_ratios;

static const sector_ratios ratio_table[] = {
	{ "电子信息", 720, 400, 0.020, 0.15 },
	{ "装备制造", 250, 150, 0.030, 0.12 },
	{ "消费品", 300, 200, 0.010, 0.02 },
	{ "医疗制造", 200, 120, 0.050, 0.05 },
	{ NULL, 150, 150, 0.005, 0.01 }, /* anything else */
};

static const sector_ratios *ratios_of(const char *sector)
{
	const sector_ratios *r = ratio_table;
	for (; r->name; r++)
		if (strcmp(r->name, sector) == 0)
			break;
	return r;
}

static int sector_index(const pb_demo_sector *s, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Yearly growth of a sector: the pace its 2025 target needs, bent year by year
 * (a strong 2021 rebound, a weak 2022) and by a sector factor, so that some sectors
 * end ahead of their target and some behind. */
static double sector_growth(const pb_demo_params *p, const pb_demo_sector *s, int si, int year)
{
	static const double bend[] = { 1.35, 0.55, 0.95, 1.05, 0.95 }; /* 2021..2025 */
	double years = 5;
	double need = pow(s->output_target / s->output_base, 1.0 / years) - 1;
	if (year <= p->base_year) /* 2019 -> 2020: the pandemic year, a modest 3% */
		return 0.03;
	int k = year - p->base_year - 1;
	double b = k < 5 ? bend[k] : 1.0;
	double f = uniform_in(p->seed, S_SECTOR, (uint64_t)si, 0.75, 1.12);
	return need * b * f;
}

/* What the unpublished 龙头 firms of a sector may take: all but its published firms
 * and a tenth of the sector left to its other firms, so that every published total
 * still holds and no other firm shrinks to nothing. */
static double lead_room(double sector_total, double anchors, double free_w)
{
	double room = sector_total - anchors - (free_w > 0 ? 0.1 * sector_total : 0);
	return room > 0 ? room : 0;
}

/* The one multiplier of the unpublished 龙头 firms' weights that brings the tier to
 * its share of the base year, filling sectors up to their room: sectors whose firms
 * would take more than their room are capped, and the rest is spread over the others
 * (water-filling, at most one round per sector). */
static double leading_multiplier(const pb_demo_params *p, const pb_demo_firm *firms, size_t n,
				 const pb_demo_sector *sectors, size_t ns, const int *sec,
				 const double *w, double total)
{
	double lead_w[64] = { 0 }, anchors[64] = { 0 }, free_w[64] = { 0 }, lead_anchor = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isnan(firms[i].anchor_2020)) {
			anchors[sec[i]] += firms[i].anchor_2020;
			if (firms[i].tier == PB_TIER_LEADING)
				lead_anchor += firms[i].anchor_2020;
		} else if (firms[i].tier == PB_TIER_LEADING) {
			lead_w[sec[i]] += w[i];
		} else {
			free_w[sec[i]] += w[i];
		}
	}
	int capped[64] = { 0 };
	double a = 0;
	assert(ns <= 64);
	for (size_t round = 0; round <= ns; round++) {
		double want = p->leading_share * total - lead_anchor, weights = 0;
		for (size_t s = 0; s < ns; s++) {
			if (capped[s])
				want -= lead_room(sectors[s].output_base, anchors[s], free_w[s]);
			else
				weights += lead_w[s];
		}
		if (weights == 0) /* every sector is full: each takes its room */
			return HUGE_VAL;
		a = want > 0 ? want / weights : 0;
		int changed = 0;
		for (size_t s = 0; s < ns; s++) {
			if (!capped[s] && a * lead_w[s] > lead_room(sectors[s].output_base, anchors[s],
								   free_w[s])) {
				capped[s] = 1;
				changed = 1;
			}
		}
		if (!changed)
			break;
	}
	return a;
}

/* Base-year output of every firm (see the header for the rules). */
static int base_outputs(const pb_demo_params *p, pb_demo_firm *firms, size_t n,
			const pb_demo_sector *sectors, size_t ns, const int *sec)
{
	double total = 0;
	double *w = calloc(n ? n : 1, sizeof(double));
	if (!w)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	/* raw weights: lognormal around a tier median (万元/年) */
	for (size_t i = 0; i < n; i++) {
		double median = firms[i].tier == PB_TIER_LEADING ? 300000
				: firms[i].tier == PB_TIER_BACKBONE ? 40000
				: firms[i].tier == PB_TIER_GROWTH ? 8000 : 1500;
		w[i] = median * exp(0.6 * normal(p->seed, S_WEIGHT, i));
	}
	for (size_t s = 0; s < ns; s++)
		total += sectors[s].output_base;
	double a = leading_multiplier(p, firms, n, sectors, ns, sec, w, total);
	int rc = 0;
	for (size_t s = 0; s < ns && !rc; s++) {
		double S = sectors[s].output_base, anchors = 0, lead_w = 0, free_w = 0;
		for (size_t i = 0; i < n; i++) {
			if (sec[i] != (int)s)
				continue;
			if (!isnan(firms[i].anchor_2020))
				anchors += firms[i].anchor_2020;
			else if (firms[i].tier == PB_TIER_LEADING)
				lead_w += w[i];
			else
				free_w += w[i];
		}
		/* The unpublished 龙头 firms take their share, but leave a tenth of the
		 * sector to its other firms: a sector's published total always holds. */
		double room = lead_room(S, anchors, free_w);
		double lead = lead_w > 0 && a * lead_w < room ? a * lead_w : (lead_w > 0 ? room : 0);
		double rest = S - anchors - lead;
		if (free_w == 0 && lead_w > 0) /* no other firms: the 龙头 firms take it all */
			lead += rest, rest = 0;
		if (rest < -1e-6 || (rest > 1e-6 && free_w == 0)) {
			rc = pb_error_set(PB_EINVAL, "板块「%s」已公布的企业产值与板块合计不符 / published "
					  "firm outputs do not fit sector %s's total",
					  sectors[s].name, sectors[s].name);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			if (sec[i] != (int)s)
				continue;
			if (!isnan(firms[i].anchor_2020))
				firms[i].output_2020 = firms[i].anchor_2020;
			else if (firms[i].tier == PB_TIER_LEADING)
				firms[i].output_2020 = lead_w > 0 ? lead * w[i] / lead_w : 0;
			else
				firms[i].output_2020 = free_w > 0 ? rest * w[i] / free_w : 0;
		}
	}
	free(w);
	return rc;
}

typedef struct gen {
	const pb_demo_params *p;
	pb_demo_firm *firms;
	size_t n;
	pb_demo_sector *sectors;
	size_t ns;
	int *sec;
	int nyears;          /* years first_year-1 .. last_year */
	double *annual;      /* [firm][year] gross output */
	double rev_k, tax_k, profit_shift; /* base-year calibration of the ratios */
} gen;

#define ANNUAL(g, i, y) ((g)->annual[(i) * (size_t)(g)->nyears + (size_t)(y)])

/* Firm i's annual outputs: its base-year output grown with its sector plus a drift
 * of its own, renormalised each year so every sector hits its path exactly. */
static void annual_outputs(gen *g)
{
	const pb_demo_params *p = g->p;
	int y0 = p->first_year - 1;
	int base = p->base_year - y0;
	for (size_t s = 0; s < g->ns; s++) {
		pb_demo_sector *sc = &g->sectors[s];
		sc->output_year[base] = sc->output_base;
		for (int y = base + 1; y < g->nyears; y++)
			sc->output_year[y] = sc->output_year[y - 1] *
					     (1 + sector_growth(p, sc, (int)s, y0 + y));
		for (int y = base - 1; y >= 0; y--)
			sc->output_year[y] = sc->output_year[y + 1] /
					     (1 + sector_growth(p, sc, (int)s, y0 + y + 1));
	}
	for (size_t i = 0; i < g->n; i++)
		ANNUAL(g, i, base) = g->firms[i].output_2020;
	for (int dir = -1; dir <= 1; dir += 2) {
		for (int y = base + dir; y >= 0 && y < g->nyears; y += dir) {
			double sum[64] = { 0 };
			for (size_t i = 0; i < g->n; i++) {
				double drift = exp(0.08 * normal(p->seed, S_DRIFT, i * 16 + (size_t)y));
				ANNUAL(g, i, y) = ANNUAL(g, i, y - dir) * drift;
				sum[g->sec[i]] += ANNUAL(g, i, y);
			}
			for (size_t i = 0; i < g->n; i++) {
				double s = sum[g->sec[i]];
				ANNUAL(g, i, y) *= s > 0 ? g->sectors[g->sec[i]].output_year[y] / s : 0;
			}
		}
	}
}

/*
 * Every firm of the demo is 规上 (附件四 lists 规上 enterprises), so none should earn
 * less than the 2000万元 line; lognormal weights and drift would put the smallest
 * 成长型 firms under it. In each sector and year, the firms below a floor are raised to
 * it and what they gain is taken from the others in proportion to what they have above
 * it, so each sector's path stays exactly as it was. The floor is 2800万元 of output
 * (revenue is 0.95..1.3 × output), or, where the sector cannot afford that, a little
 * under its firms' average - the most an equal floor can be. In the base year the
 * published outputs and the 龙头 firms (whose share is calibrated to the plan's 67%)
 * are left out, both as takers and as givers: there the published figures leave some
 * sectors too little (装备制造's 53 成长型 firms share under 9亿元 in 2020), and their
 * smallest firms stay below the line. data/demo/README.md says so.
 */
#define SCALE_FLOOR 2800.0 /* 万元 of output a year */

static int floor_eligible(const gen *g, size_t i, int y, int base)
{
	const pb_demo_firm *f = &g->firms[i];
	if (f->tier == PB_TIER_BELOW)
		return 0;
	if (y == base && (!isnan(f->anchor_2020) || f->tier == PB_TIER_LEADING))
		return 0;
	return 1;
}

static void floor_sector(gen *g, int s, int y, int base)
{
	double total = 0;
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		if (g->sec[i] == s && floor_eligible(g, i, y, base))
			total += ANNUAL(g, i, y), n++;
	if (n == 0)
		return;
	double fl = SCALE_FLOOR < 0.98 * total / (double)n ? SCALE_FLOOR : 0.98 * total / (double)n;
	double deficit = 0, excess = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (g->sec[i] != s || !floor_eligible(g, i, y, base))
			continue;
		double v = ANNUAL(g, i, y);
		if (v < fl)
			deficit += fl - v;
		else
			excess += v - fl;
	}
	/* excess - deficit = total - n * fl > 0 by the choice of fl */
	if (deficit == 0)
		return;
	double keep = 1 - deficit / excess;
	for (size_t i = 0; i < g->n; i++) {
		if (g->sec[i] != s || !floor_eligible(g, i, y, base))
			continue;
		double v = ANNUAL(g, i, y);
		ANNUAL(g, i, y) = v < fl ? fl : fl + (v - fl) * keep;
	}
}

static void floor_outputs(gen *g)
{
	int base = g->p->base_year - (g->p->first_year - 1);
	for (int y = 0; y < g->nyears; y++)
		for (size_t s = 0; s < g->ns; s++)
			floor_sector(g, (int)s, y, base);
	for (size_t i = 0; i < g->n; i++)
		g->firms[i].output_2020 = ANNUAL(g, i, base);
}

/* Per-firm persistent ratios, drawn once. */
typedef struct firm_ratios {
	double sales, export, revenue, margin, tax, per_kwh, fuel, per_worker, rd;
	int no_export;
} firm_ratios;

static firm_ratios ratios(const gen *g, size_t i)
{
	uint64_t s = g->p->seed, k = i * 16;
	const sector_ratios *r = ratios_of(g->firms[i].sector);
	firm_ratios f;
	f.sales = uniform_in(s, S_RATIO, k + 0, 0.95, 1.0);
	f.export = r->export * uniform_in(s, S_RATIO, k + 1, 0.3, 1.7);
	f.revenue = uniform_in(s, S_RATIO, k + 2, 0.95, 1.3);
	f.margin = 0.03 + 0.025 * normal(s, S_RATIO, k + 3);
	if (f.margin < -0.06)
		f.margin = -0.06;
	f.tax = g->firms[i].tobacco ? 0.5 : uniform_in(s, S_RATIO, k + 4, 0.02, 0.06);
	f.per_kwh = r->per_kwh * uniform_in(s, S_RATIO, k + 5, 0.8, 1.2);
	f.fuel = uniform_in(s, S_RATIO, k + 6, 1.1, 1.6);
	f.per_worker = r->per_worker * uniform_in(s, S_RATIO, k + 7, 0.7, 1.3);
	f.rd = r->rd * uniform_in(s, S_RATIO, k + 8, 0.5, 1.5);
	f.no_export = pb_demo_uniform(s, S_RATIO, k + 9) < 0.35;
	return f;
}

/* Monthly outputs of firm i in year y (index into the years), summing to its annual. */
static void months_of(const gen *g, size_t i, int y, double out[12])
{
	double sum = 0;
	for (int m = 0; m < 12; m++) {
		double noise = exp(0.05 * normal(g->p->seed, S_MONTH, (i * 16 + (size_t)y) * 12 + (size_t)m));
		out[m] = season[m] * noise;
		sum += out[m];
	}
	for (int m = 0; m < 12; m++)
		out[m] *= ANNUAL(g, i, y) / sum;
}

/* All ten figures of one month from its output; noise per (firm, year, month). */
static void figures(const gen *g, size_t i, const firm_ratios *f, int y, int m, double output,
		    double v[PB_METRIC_COUNT])
{
	uint64_t k = ((i * 16 + (size_t)y) * 12 + (size_t)m) * 8;
	uint64_t s = g->p->seed;
	double wobble = exp(0.02 * normal(s, S_NOISE, k));
	v[PB_M_GROSS_OUTPUT] = output;
	v[PB_M_SALES_OUTPUT] = output * f->sales * wobble;
	if (v[PB_M_SALES_OUTPUT] > output * 1.05)
		v[PB_M_SALES_OUTPUT] = output * 1.05;
	v[PB_M_EXPORT_VALUE] = f->no_export ? PB_MISSING : v[PB_M_SALES_OUTPUT] * f->export;
	v[PB_M_REVENUE] = output * f->revenue * g->rev_k * exp(0.02 * normal(s, S_NOISE, k + 1));
	v[PB_M_PROFIT] = v[PB_M_REVENUE] * (f->margin + g->profit_shift);
	v[PB_M_TAX] = v[PB_M_REVENUE] * f->tax * g->tax_k;
	v[PB_M_ELECTRICITY] = output / f->per_kwh * exp(0.03 * normal(s, S_NOISE, k + 2));
	v[PB_M_ENERGY] = v[PB_M_ELECTRICITY] * 1.229 * f->fuel;
	double workers = ANNUAL(g, i, y) / f->per_worker;
	v[PB_M_EMPLOYEES] = round(workers * exp(0.01 * normal(s, S_NOISE, k + 3)));
	if (v[PB_M_EMPLOYEES] < 5)
		v[PB_M_EMPLOYEES] = 5;
	v[PB_M_RD_EXPENSE] = v[PB_M_REVENUE] * f->rd;
}

/* Scale revenue, tax and profit so their base-year sums are the published ones. The
 * figures are linear in rev_k and tax_k, and profit in profit_shift, so one pass of
 * sums with unit factors gives the exact factors. */
static void calibrate(gen *g)
{
	const pb_demo_params *p = g->p;
	int base = p->base_year - (p->first_year - 1);
	g->rev_k = g->tax_k = 1;
	g->profit_shift = 0;
	double rev = 0, tax = 0, profit = 0;
	for (size_t i = 0; i < g->n; i++) {
		firm_ratios f = ratios(g, i);
		double mo[12];
		months_of(g, i, base, mo);
		for (int m = 0; m < 12; m++) {
			double v[PB_METRIC_COUNT];
			figures(g, i, &f, base, m, mo[m], v);
			rev += v[PB_M_REVENUE];
			tax += v[PB_M_TAX];
			profit += v[PB_M_PROFIT];
		}
	}
	g->rev_k = rev > 0 ? p->revenue_base / rev : 1;
	/* with revenue scaled by rev_k, tax and profit scale with it too */
	tax *= g->rev_k;
	profit *= g->rev_k;
	g->tax_k = tax > 0 ? p->tax_base / tax : 1;
	/* profit = revenue * (margin + shift): shift = (target - profit) / revenue */
	g->profit_shift = (p->profit_base - profit) / p->revenue_base;
}

static int emit(gen *g, pb_demo_row_cb cb, void *ctx)
{
	const pb_demo_params *p = g->p;
	for (size_t i = 0; i < g->n; i++) {
		firm_ratios f = ratios(g, i);
		double prev_mo[12], mo[12], prev_v[12][PB_METRIC_COUNT];
		months_of(g, i, 0, prev_mo);
		for (int m = 0; m < 12; m++)
			figures(g, i, &f, 0, m, prev_mo[m], prev_v[m]);
		for (int y = 1; y < g->nyears; y++) {
			months_of(g, i, y, mo);
			for (int m = 0; m < 12; m++) {
				pb_monthly r;
				pb_record_clear(pb_entity_get(PB_E_MONTHLY), &r);
				r.month = (int64_t)(p->first_year - 1 + y) * 100 + m + 1;
				figures(g, i, &f, y, m, mo[m], r.v);
				/* about 4% of filings leave 上年同期 out; 1% leave out R&D */
				uint64_t k = ((i * 16 + (size_t)y) * 12 + (size_t)m);
				if (pb_demo_uniform(p->seed, S_MISSING, k * 2) >= 0.04)
					memcpy(r.prev, prev_v[m], sizeof(r.prev));
				if (pb_demo_uniform(p->seed, S_MISSING, k * 2 + 1) < 0.01)
					r.v[PB_M_RD_EXPENSE] = PB_MISSING;
				int rc = cb(ctx, i, &r);
				if (rc)
					return rc;
				memcpy(prev_v[m], r.v, sizeof(r.v));
			}
		}
	}
	return 0;
}

int pb_demo_generate(const pb_demo_params *p, pb_demo_firm *firms, size_t nfirms,
		     pb_demo_sector *sectors, size_t nsectors, pb_demo_row_cb cb, void *ctx)
{
	if (sodium_init() < 0)
		return pb_error_set(PB_ERROR, "libsodium 初始化失败 / libsodium failed to start");
	int nyears = p->last_year - p->first_year + 2;
	if (p->first_year > p->base_year || p->base_year > p->last_year || nyears > MAX_YEARS ||
	    nsectors > 64)
		return pb_error_set(PB_EINVAL, "示例年份超出范围 / demo years out of range");
	gen g = { p, firms, nfirms, sectors, nsectors, NULL, nyears, NULL, 1, 1, 0 };
	g.sec = malloc((nfirms ? nfirms : 1) * sizeof(int));
	g.annual = calloc((nfirms ? nfirms : 1) * (size_t)nyears, sizeof(double));
	int rc = (!g.sec || !g.annual) ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory") : 0;
	for (size_t i = 0; !rc && i < nfirms; i++) {
		g.sec[i] = sector_index(sectors, nsectors, firms[i].sector);
		if (g.sec[i] < 0)
			rc = pb_error_set(PB_EINVAL, "企业「%s」的产业板块「%s」不在板块表中 / unknown "
					  "sector %s", firms[i].name, firms[i].sector, firms[i].sector);
	}
	if (!rc)
		rc = base_outputs(p, firms, nfirms, sectors, nsectors, g.sec);
	if (!rc) {
		annual_outputs(&g);
		floor_outputs(&g);
		calibrate(&g);
		rc = emit(&g, cb, ctx);
	}
	free(g.sec);
	free(g.annual);
	return rc;
}
