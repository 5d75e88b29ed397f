/* test_store_mujun.c - the 亩均 store: a year's inputs from plots, monthly reports (the
 * year's only), evaluation data overriding them and facts setting rule bits, every
 * measure checked against a hand computation; saving evaluations (replacing a year,
 * keeping the others, refused inside a transaction, audited), reading classes and the
 * list back; the plots with their park and enterprise mapped; and the two import kinds,
 * good files and bad rows named by row and column. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "import.h"
#include "kinds.h"
#include "store.h"
#include "store_mujun.h"
#include "test_db.h"
#include "uscc.h"

#define Y 2024
#define NENT 5

static char dbpath[64];
static char uscc[8][19];

static const char *const ent_names[NENT] = {
	"甲电子有限公司", "乙装备有限公司", "丙材料有限公司", "丁电子有限公司", "戊材料有限公司",
};

/* A valid USCC for enterprise i (as bench/pb_gen_zone makes them). */
static void make_uscc(int i, char out[19])
{
	char body[24], code[18];
	snprintf(body, sizeof(body), "%08d", 31415900 + i);
	memcpy(code, "91500108", 8);
	memcpy(code + 8, body, 8);
	code[16] = pb_orgcode_check_char(body);
	memcpy(out, code, 17);
	out[17] = pb_uscc_check_char(code);
	out[18] = '\0';
}

static int64_t put_park(pb_store *st, const char *name)
{
	pb_park p;
	pb_record_clear(pb_entity_get(PB_E_PARK), &p);
	p.name = name;
	assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	return p.id;
}

static int64_t put_enterprise(pb_store *st, int i, const char *sector, int64_t park, int above)
{
	pb_enterprise e;
	pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
	e.uscc = uscc[i];
	e.name = i < NENT ? ent_names[i] : "己新设有限公司";
	e.industry = "C3922";
	e.sector = sector;
	e.tier = above ? PB_TIER_GROWTH : PB_TIER_BELOW;
	e.park_id = park;
	e.above_scale = above;
	e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
	assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
	return e.id;
}

static void put_plot(pb_store *st, const char *code, int64_t ent, int64_t park, double area,
		     double idle, int leased)
{
	pb_land_plot p;
	pb_record_clear(pb_entity_get(PB_E_LAND_PLOT), &p);
	p.plot_code = code;
	p.enterprise_id = ent;
	p.park_id = park;
	p.area = area;
	p.idle_area = idle;
	p.leased = leased;
	assert_int_equal(pb_store_put(st, PB_E_LAND_PLOT, &p, PB_STORE_ALL), 0);
}

/* One month's report: tax, revenue, gross, sales, energy, electricity, employees, rd
 * (NaN: not reported). */
static void put_month(pb_store *st, int64_t ent, int month, const double f[8])
{
	static const pb_metric which[8] = { PB_M_TAX, PB_M_REVENUE, PB_M_GROSS_OUTPUT,
					    PB_M_SALES_OUTPUT, PB_M_ENERGY, PB_M_ELECTRICITY,
					    PB_M_EMPLOYEES, PB_M_RD_EXPENSE };
	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.enterprise_id = ent;
	m.month = month;
	for (int k = 0; k < 8; k++)
		m.v[which[k]] = f[k];
	assert_int_equal(pb_store_put(st, PB_E_MONTHLY, &m, PB_STORE_ALL), 0);
}

static void put_fact(pb_store *st, int64_t ent, int year, const char *kind, const char *note)
{
	pb_mujun_fact f = { ent, year, kind, note };
	assert_int_equal(pb_store_put(st, PB_E_MUJUN_FACT, &f, PB_STORE_ALL), 0);
}

#define N PB_MISSING

/*
 * Parks 西区 (id 1) and 东区 (id 2): park indexes follow ids, not names. Sectors
 * 电子信息, 装备制造, 新材料 sort by name (bytes) as 新材料 < 电子信息 < 装备制造.
 *   e1 电子信息 西区 规上: plots P-001 owned 10 亩 (2 idle, 西区) + P-002 leased 5.5 亩
 *      (no park: its enterprise's); 3 months of Y, one of Y-1 and one of Y+1
 *   e2 装备制造 东区 规上: P-003 leased 8 亩; 12 months of Y
 *   e3 新材料 no park 规下: P-004 owned 3.25 亩 in 东区; one month of Y
 *   e4 电子信息 西区 规上: no plot; 2 months of Y; evaluation data overriding tax and
 *      employees, and giving 增加值, emissions, COD, water
 *   e5 新材料 东区 规上: P-006 leased 4 亩 (no park: 东区); reports only in Y-1
 *   P-005: 7 亩 in 西区 that nobody uses
 */
static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store_mujun");
	test_db_remove(dbpath);
	for (int i = 0; i < 8; i++)
		make_uscc(i, uscc[i]);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	int64_t west = put_park(st, "西区"), east = put_park(st, "东区");
	assert_int_equal(west, 1);
	int64_t e1 = put_enterprise(st, 0, "电子信息", west, 1);
	int64_t e2 = put_enterprise(st, 1, "装备制造", east, 1);
	int64_t e3 = put_enterprise(st, 2, "新材料", 0, 0);
	int64_t e4 = put_enterprise(st, 3, "电子信息", west, 1);
	int64_t e5 = put_enterprise(st, 4, "新材料", east, 1);
	assert_int_equal(e5, 5);

	put_plot(st, "P-001", e1, west, 10, 2, 0);
	put_plot(st, "P-002", e1, 0, 5.5, N, 1);
	put_plot(st, "P-003", e2, east, 8, N, 1);
	put_plot(st, "P-004", e3, east, 3.25, N, 0);
	put_plot(st, "P-005", 0, west, 7, N, 0);
	put_plot(st, "P-006", e5, 0, 4, 1, 1);

	/* tax, revenue, gross, sales, energy, electricity, employees, rd */
	put_month(st, e1, 202312, (double[8]){ 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 });
	put_month(st, e1, 202401, (double[8]){ 1.5, 100, 110, 100, 10, 1, 100, N });
	put_month(st, e1, 202402, (double[8]){ 2.5, 200, 220, 200, 20, 2, 110, N });
	put_month(st, e1, 202403, (double[8]){ 3, 300, 330, N, 30, 3, N, N });
	put_month(st, e1, 202501, (double[8]){ 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000 });
	for (int m = 1; m <= 12; m++)
		put_month(st, e2, Y * 100 + m, (double[8]){ 1, 10, N, N, N, N, 50, 0.5 });
	put_month(st, e3, 202406, (double[8]){ 0.25, 4, 5, N, N, N, 8, N });
	put_month(st, e4, 202401, (double[8]){ 2, 20, N, N, N, N, 30, N });
	put_month(st, e4, 202402, (double[8]){ 3, 30, N, N, N, N, 31, N });
	put_month(st, e5, 202311, (double[8]){ 7, 7, 7, 7, 7, 7, 7, 7 });

	pb_mujun_data d;
	pb_record_clear(pb_entity_get(PB_E_MUJUN_DATA), &d);
	d.enterprise_id = e4;
	d.year = Y;
	d.tax = 9.5;
	d.employees = 40;
	d.value_added = 12;
	d.emissions = 0.5;
	d.cod = 0.125;
	d.water = 1000;
	d.note = "税务局口径";
	assert_int_equal(pb_store_put(st, PB_E_MUJUN_DATA, &d, PB_STORE_ALL), 0);
	pb_record_clear(pb_entity_get(PB_E_MUJUN_DATA), &d);
	d.enterprise_id = e1;
	d.year = Y;
	d.value_added = 80; /* revenue not given: the monthly sum stands */
	assert_int_equal(pb_store_put(st, PB_E_MUJUN_DATA, &d, PB_STORE_ALL), 0);
	pb_record_clear(pb_entity_get(PB_E_MUJUN_DATA), &d);
	d.enterprise_id = e2;
	d.year = Y - 1;
	d.value_added = 999; /* another year's */
	d.tax = 999;
	assert_int_equal(pb_store_put(st, PB_E_MUJUN_DATA, &d, PB_STORE_ALL), 0);

	put_fact(st, e1, Y, "safety_accident", "较大事故");
	put_fact(st, e1, Y, "new_enterprise", NULL);
	put_fact(st, e3, Y, "custom_kind", "本地口径");
	put_fact(st, e2, Y - 1, "utility", NULL);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

/* A scheme with one group of two indicators and three rules. */
static void make_scheme(pb_mujun_scheme *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->key, sizeof(s->key), "test-2024");
	snprintf(s->name, sizeof(s->name), "测试区2024年度亩均效益评价");
	s->year = Y;
	s->ngroups = 1;
	pb_mujun_group *g = &s->group[0];
	snprintf(g->key, sizeof(g->key), "all");
	snprintf(g->name, sizeof(g->name), "全部企业");
	g->above_scale = g->leased = -1;
	g->max_land = INFINITY;
	g->nind = 2;
	snprintf(g->ind[0].key, sizeof(g->ind[0].key), "tax_per_mu");
	g->ind[0].num = PB_MM_TAX;
	snprintf(g->ind[1].key, sizeof(g->ind[1].key), "output_per_mu");
	g->ind[1].num = PB_MM_GROSS_OUTPUT;
	for (int k = 0; k < 2; k++) {
		g->ind[k].den = PB_MM_LAND;
		g->ind[k].factor = g->ind[k].baseline = 1;
		g->ind[k].weight = 50;
		g->ind[k].cap = INFINITY;
	}
	g->classing.method = PB_MCM_THRESHOLD;
	const char *keys[] = { "new_enterprise", "safety_accident", "utility" };
	const pb_mujun_effect eff[] = { PB_ME_NO_D, PB_ME_FORCE_D, PB_ME_UNSUITED };
	for (int r = 0; r < 3; r++) {
		snprintf(s->rule[r].key, sizeof(s->rule[r].key), "%s", keys[r]);
		s->rule[r].effect = eff[r];
	}
	s->nrules = 3;
}

static void assert_near(double got, double want)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("%.17g, wanted NaN", got);
		return;
	}
	if (!(fabs(got - want) <= 1e-9 * (1 + fabs(want))))
		fail_msg("%.17g, wanted %.17g", got, want);
}

#define M(y, k, i) ((y)->in.m[k][i])

static void test_load_measures(void **state)
{
	pb_store *st = *state;
	pb_mujun_scheme s;
	make_scheme(&s);
	pb_mujun_year y;
	assert_int_equal(pb_store_mujun_load(&y, st, Y, &s), 0);
	assert_int_equal(y.year, Y);
	assert_int_equal(y.in.n, NENT);
	for (int i = 0; i < NENT; i++) {
		assert_int_equal(y.enterprise_id[i], i + 1);
		assert_string_equal(y.uscc[i], uscc[i]);
		assert_string_equal(y.name[i], ent_names[i]);
		assert_string_equal(y.industry[i], "C3922");
	}
	assert_null(y.in.m[PB_MM_ONE]);

	/* land: sums of plots, owned or leased; leased only when every plot is */
	const double land[NENT] = { 15.5, 8, 3.25, 0, 4 };
	const uint8_t leased[NENT] = { 0, 1, 0, 0, 1 };
	for (int i = 0; i < NENT; i++) {
		assert_near(M(&y, PB_MM_LAND, i), land[i]);
		assert_int_equal(y.leased[i], leased[i]);
	}

	/* e1: the three months of Y only (202312 and 202501 left out) */
	assert_int_equal(y.months[0], 3);
	assert_near(M(&y, PB_MM_TAX, 0), 7);
	assert_near(M(&y, PB_MM_REVENUE, 0), 600);
	assert_near(M(&y, PB_MM_GROSS_OUTPUT, 0), 660);
	assert_near(M(&y, PB_MM_SALES_OUTPUT, 0), 300); /* the months that report it */
	assert_near(M(&y, PB_MM_ENERGY, 0), 60);
	assert_near(M(&y, PB_MM_ELECTRICITY, 0), 6);
	assert_near(M(&y, PB_MM_EMPLOYEES, 0), 105);    /* (100 + 110) / 2: March has none */
	assert_near(M(&y, PB_MM_RD, 0), N);              /* no month reports it */
	assert_near(M(&y, PB_MM_VALUE_ADDED, 0), 80);    /* evaluation data */
	assert_near(M(&y, PB_MM_EMISSIONS, 0), N);       /* only from there, and not given */

	/* e2: twelve months; the other year's evaluation data ignored */
	assert_int_equal(y.months[1], 12);
	assert_near(M(&y, PB_MM_TAX, 1), 12);
	assert_near(M(&y, PB_MM_REVENUE, 1), 120);
	assert_near(M(&y, PB_MM_EMPLOYEES, 1), 50);
	assert_near(M(&y, PB_MM_RD, 1), 6);
	assert_near(M(&y, PB_MM_GROSS_OUTPUT, 1), N);
	assert_near(M(&y, PB_MM_VALUE_ADDED, 1), N);

	/* e3: one month */
	assert_int_equal(y.months[2], 1);
	assert_near(M(&y, PB_MM_TAX, 2), 0.25);
	assert_near(M(&y, PB_MM_GROSS_OUTPUT, 2), 5);
	assert_near(M(&y, PB_MM_EMPLOYEES, 2), 8);

	/* e4: the evaluation data win where they give a figure */
	assert_int_equal(y.months[3], 2);
	assert_near(M(&y, PB_MM_TAX, 3), 9.5);        /* not 2 + 3 */
	assert_near(M(&y, PB_MM_EMPLOYEES, 3), 40);   /* not 30.5 */
	assert_near(M(&y, PB_MM_REVENUE, 3), 50);     /* not given: 20 + 30 */
	assert_near(M(&y, PB_MM_VALUE_ADDED, 3), 12);
	assert_near(M(&y, PB_MM_EMISSIONS, 3), 0.5);
	assert_near(M(&y, PB_MM_COD, 3), 0.125);
	assert_near(M(&y, PB_MM_WATER, 3), 1000);

	/* e5: nothing in Y: absent, so not evaluated; e4 (evaluation data, two months) and
	 * the others are present */
	assert_int_equal(y.months[4], 0);
	for (int k = PB_MM_TAX; k < PB_MM_ONE; k++)
		assert_near(M(&y, k, 4), N);
	assert_int_equal(y.absent[4], 1);
	assert_ptr_equal(y.in.absent, y.absent);
	for (int i = 0; i < 4; i++)
		assert_int_equal(y.absent[i], 0);

	/* 规上 */
	const uint8_t above[NENT] = { 1, 1, 0, 1, 1 };
	for (int i = 0; i < NENT; i++)
		assert_int_equal(y.in.above_scale[i], above[i]);
	pb_mujun_year_free(&y);
	assert_null(y.enterprise_id);
	pb_mujun_year_free(&y); /* twice is harmless */
	pb_mujun_year_free(NULL);
}

static void test_load_groups_and_facts(void **state)
{
	pb_store *st = *state;
	pb_mujun_scheme s;
	make_scheme(&s);
	pb_mujun_year y;
	assert_int_equal(pb_store_mujun_load(&y, st, Y, &s), 0);
	/* parks by id, not by name */
	assert_int_equal(y.in.npark, 2);
	assert_string_equal(y.park_name[0], "西区");
	assert_string_equal(y.park_name[1], "东区");
	assert_int_equal(y.park_id[0], 1);
	assert_int_equal(y.park_id[1], 2);
	const uint32_t park[NENT] = { 0, 1, UINT32_MAX, 0, 1 };
	/* sectors by name: 新材料 < 电子信息 < 装备制造 in UTF-8 */
	assert_int_equal(y.in.nsector, 3);
	assert_string_equal(y.sector_name[0], "新材料");
	assert_string_equal(y.sector_name[1], "电子信息");
	assert_string_equal(y.sector_name[2], "装备制造");
	const uint32_t sector[NENT] = { 1, 2, 0, 1, 0 };
	for (int i = 0; i < NENT; i++) {
		assert_int_equal(y.in.park[i], park[i]);
		assert_int_equal(y.in.sector[i], sector[i]);
	}
	/* rule bits: rule 0 new_enterprise, 1 safety_accident; custom_kind is no rule; e2's
	 * utility is of another year */
	const uint32_t rules[NENT] = { 3, 0, 0, 0, 0 };
	for (int i = 0; i < NENT; i++)
		assert_int_equal(y.in.rules[i], rules[i]);
	assert_string_equal(y.facts[0], "新投产企业、安全生产事故（较大事故）");
	assert_string_equal(y.facts[2], "custom_kind（本地口径）");
	assert_null(y.facts[1]);
	assert_null(y.facts[3]);
	/* the input is wired to the arrays */
	assert_int_equal(y.in.n, NENT);
	assert_ptr_equal(y.in.m[PB_MM_TAX], y.measure[PB_MM_TAX]);
	assert_ptr_equal(y.in.leased, y.leased);
	pb_mujun_year_free(&y);

	/* another year: other facts, other months */
	assert_int_equal(pb_store_mujun_load(&y, st, Y - 1, &s), 0);
	assert_int_equal(y.in.rules[1], 4); /* utility is rule 2 */
	assert_string_equal(y.facts[1], "公用事业企业");
	assert_near(M(&y, PB_MM_TAX, 0), 1000);
	assert_near(M(&y, PB_MM_TAX, 1), 999); /* its evaluation data */
	assert_near(M(&y, PB_MM_TAX, 4), 7);
	pb_mujun_year_free(&y);

	/* no scheme: no bits, the facts still listed */
	assert_int_equal(pb_store_mujun_load(&y, st, Y, NULL), 0);
	assert_int_equal(y.in.rules[0], 0);
	assert_non_null(y.facts[0]);
	pb_mujun_year_free(&y);
}

static void test_load_empty_zone(void **state)
{
	(void)state;
	char p[80];
	test_db_name(p, sizeof(p), "test_store_mujun_empty");
	test_db_remove(p);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), 0);
	pb_mujun_year y;
	assert_int_equal(pb_store_mujun_load(&y, st, Y, NULL), 0);
	assert_int_equal(y.in.n, 0);
	assert_int_equal(y.in.npark, 0);
	assert_int_equal(y.in.nsector, 0);
	pb_mujun_plots pl;
	assert_int_equal(pb_store_mujun_plots(&pl, st, &y), 0);
	assert_int_equal(pl.n, 0);
	pb_mujun_plots_free(&pl);
	pb_mujun_evaluations ev;
	assert_int_equal(pb_store_mujun_evaluations(&ev, st), 0);
	assert_int_equal(ev.n, 0);
	pb_mujun_evaluations_free(&ev);
	pb_mujun_year_free(&y);
	pb_store_close(st);
	test_db_remove(p);
}

static void test_plots(void **state)
{
	pb_store *st = *state;
	pb_mujun_year y;
	assert_int_equal(pb_store_mujun_load(&y, st, Y, NULL), 0);
	pb_mujun_plots pl;
	assert_int_equal(pb_store_mujun_plots(&pl, st, &y), 0);
	assert_int_equal(pl.n, 6);
	static const struct {
		const char *code;
		int64_t ent_id;
		uint32_t park;
		size_t ent;
		double area, idle;
		int leased;
	} want[] = {
		{ "P-001", 1, 0, 0, 10, 2, 0 },
		{ "P-002", 1, 0, 0, 5.5, 0, 1 },        /* no park: its enterprise's (西区) */
		{ "P-003", 2, 1, 1, 8, 0, 1 },
		{ "P-004", 3, 1, 2, 3.25, 0, 0 },       /* its own park; the enterprise has none */
		{ "P-005", 0, 0, SIZE_MAX, 7, 0, 0 },   /* nobody's */
		{ "P-006", 5, 1, 4, 4, 1, 1 },
	};
	for (size_t i = 0; i < pl.n; i++) {
		const pb_mujun_plot *p = &pl.items[i];
		assert_string_equal(p->plot_code, want[i].code);
		assert_int_equal(p->enterprise_id, want[i].ent_id);
		assert_int_equal(p->park, want[i].park);
		assert_int_equal(p->ent, want[i].ent);
		assert_near(p->area, want[i].area);
		assert_near(p->idle_area, want[i].idle);
		assert_int_equal(p->leased, want[i].leased);
		assert_null(p->note);
		assert_true(p->id > 0);
	}
	pb_mujun_plots_free(&pl);
	pb_mujun_plots_free(&pl);
	pb_mujun_year_free(&y);
}

/* ---- results ---------------------------------------------------------------------------- */

/* A result of n enterprises made by hand, every array allocated; values missing. */
static void result_alloc(pb_mujun_result *r, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->n = n;
	r->group = calloc(n, 1);
	r->cls = calloc(n, 1);
	r->cls_score = calloc(n, 1);
	r->adjust = calloc(n, 1);
	r->rules = calloc(n, sizeof(uint32_t));
	r->total = calloc(n, sizeof(double));
	r->value = calloc(n * PB_MUJUN_MAX_IND, sizeof(double));
	r->points = calloc(n * PB_MUJUN_MAX_IND, sizeof(double));
	r->flags = calloc(n * PB_MUJUN_MAX_IND, 1);
	r->rank_zone = calloc(n, sizeof(uint32_t));
	r->rank_sector = calloc(n, sizeof(uint32_t));
	r->rank_park = calloc(n, sizeof(uint32_t));
	for (size_t i = 0; i < n * PB_MUJUN_MAX_IND; i++)
		r->value[i] = r->points[i] = N;
}

static void result_release(pb_mujun_result *r)
{
	void *all[] = { r->group, r->cls, r->cls_score, r->adjust, r->rules, r->total, r->value,
			r->points, r->flags, r->rank_zone, r->rank_sector, r->rank_park };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]);
	memset(r, 0, sizeof(*r));
}

static void set_one(pb_mujun_result *r, size_t i, int group, pb_mujun_class cls,
		    pb_mujun_class by_score, double total, uint32_t rank)
{
	r->group[i] = (int8_t)group;
	r->cls[i] = (uint8_t)cls;
	r->cls_score[i] = (uint8_t)by_score;
	r->total[i] = total;
	r->rank_zone[i] = rank;
	r->rank_sector[i] = rank ? 1 : 0;
	r->rank_park[i] = rank ? 1 : 0;
}

/* The evaluation of the five: D (forced by the accident), B, none, incomplete, T. */
static void result_of_year(pb_mujun_result *r)
{
	result_alloc(r, NENT);
	set_one(r, 0, 0, PB_MC_D, PB_MC_A, 50.25, 1);
	r->adjust[0] = PB_MA_FORCE_D;
	r->rules[0] = 3;
	r->value[0 * NENT + 0] = 0.5;
	r->points[0 * NENT + 0] = 12.5;
	r->value[1 * NENT + 0] = 42.5;
	r->points[1 * NENT + 0] = 37.75;
	r->flags[1 * NENT + 0] = PB_MF_CAPPED;
	set_one(r, 1, 0, PB_MC_B, PB_MC_B, 30, 2);
	set_one(r, 2, -1, PB_MC_NONE, PB_MC_NONE, N, 0);
	set_one(r, 3, 0, PB_MC_INCOMPLETE, PB_MC_INCOMPLETE, N, 0);
	r->flags[0 * NENT + 3] = PB_MF_MISSING;
	set_one(r, 4, 0, PB_MC_T, PB_MC_T, 10, 3);
}

static int64_t q_int(const char *sql)
{
	return test_db_int(dbpath, sql);
}

static void q_text(const char *sql, char *out, size_t n)
{
	test_db_text(dbpath, sql, out, n);
}

static const char scheme_json[] = "{\"key\": \"test-2024\", \"name\": \"测试区\"}";

/* The scheme, year Y's inputs and the hand-made result of them. */
static void year_and_result(pb_store *st, pb_mujun_scheme *s, pb_mujun_year *y, pb_mujun_result *r)
{
	make_scheme(s);
	assert_int_equal(pb_store_mujun_load(y, st, Y, s), 0);
	result_of_year(r);
}

static void test_save_and_read_back(void **state)
{
	pb_store *st = *state;
	pb_mujun_scheme s;
	pb_mujun_year y;
	pb_mujun_result r;
	year_and_result(st, &s, &y, &r);

	/* nothing stored yet */
	uint8_t *cls;
	int found = 1;
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y, Y), 0);
	assert_int_equal(found, 0);
	for (int i = 0; i < NENT; i++)
		assert_int_equal(cls[i], PB_MC_COUNT);
	free(cls);

	assert_int_equal(pb_store_mujun_save(st, &y, &s, scheme_json, &r, "张科长"), 0);
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y, Y), 0);
	assert_int_equal(found, 1);
	const uint8_t want[NENT] = { PB_MC_D, PB_MC_B, PB_MC_NONE, PB_MC_INCOMPLETE, PB_MC_T };
	assert_memory_equal(cls, want, NENT);
	free(cls);

	/* the rows as stored */
	char t[512];
	q_text("SELECT group_key || '|' || class || '|' || class_score || '|' || adjust || '|' ||"
	       " total || '|' || rank_zone || rank_sector || rank_park || '|' || rules"
	       " FROM mujun_results WHERE year = 2024 AND enterprise_id = 1", t, sizeof(t));
	assert_string_equal(t, "all|D|A|1|50.25|111|[\"new_enterprise\",\"safety_accident\"]");
	q_text("SELECT detail FROM mujun_results WHERE year = 2024 AND enterprise_id = 1", t, sizeof(t));
	assert_string_equal(t, "[{\"key\":\"tax_per_mu\",\"value\":0.5,\"points\":12.5,\"flags\":0},"
			       "{\"key\":\"output_per_mu\",\"value\":42.5,\"points\":37.75,\"flags\":4}]");
	q_text("SELECT detail FROM mujun_results WHERE year = 2024 AND enterprise_id = 4", t, sizeof(t));
	assert_string_equal(t, "[{\"key\":\"tax_per_mu\",\"value\":null,\"points\":null,\"flags\":1},"
			       "{\"key\":\"output_per_mu\",\"value\":null,\"points\":null,\"flags\":0}]");
	assert_int_equal(q_int("SELECT json_valid(detail) FROM mujun_results WHERE enterprise_id = 4"), 1);
	/* outside every group: no group, no detail, no rank, no total */
	assert_int_equal(q_int("SELECT count(*) FROM mujun_results WHERE year = 2024 AND enterprise_id = 3"
			       " AND group_key IS NULL AND detail IS NULL AND rules IS NULL AND total IS NULL"
			       " AND rank_zone IS NULL AND rank_sector IS NULL AND rank_park IS NULL"
			       " AND class = 'none'"), 1);
	q_text("SELECT scheme_key || '|' || scheme_name || '|' || user_name || '|' || enterprises"
	       " FROM mujun_evaluations WHERE year = 2024", t, sizeof(t));
	assert_string_equal(t, "test-2024|测试区2024年度亩均效益评价|张科长|5");
	q_text("SELECT detail FROM audit_log WHERE action = 'mujun.save'", t, sizeof(t));
	assert_string_equal(t, "{\"year\":2024,\"scheme\":\"test-2024\",\"enterprises\":5,"
			       "\"replaced\":false,\"classes\":{\"A\":0,\"B\":1,\"C\":0,\"D\":1,\"T\":1,"
			       "\"incomplete\":1,\"none\":1}}");
	result_release(&r);
	pb_mujun_year_free(&y);
}

static void test_resave_replaces_the_year_only(void **state)
{
	pb_store *st = *state;
	pb_mujun_scheme s;
	pb_mujun_year y, y0;
	pb_mujun_result r;
	year_and_result(st, &s, &y, &r);
	assert_int_equal(pb_store_mujun_load(&y0, st, Y - 1, &s), 0);
	assert_int_equal(pb_store_mujun_save(st, &y0, &s, "{\"year\": 2023}", &r, "a"), 0);
	assert_int_equal(pb_store_mujun_save(st, &y, &s, scheme_json, &r, "a"), 0);
	/* Y again: e2 now A, e5 C */
	r.cls[1] = PB_MC_A;
	r.cls[4] = PB_MC_C;
	snprintf(s.key, sizeof(s.key), "test-2024b");
	assert_int_equal(pb_store_mujun_save(st, &y, &s, "{\"v\": 2}", &r, "b"), 0);

	uint8_t *cls;
	int found;
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y, Y), 0);
	assert_int_equal(found, 1);
	assert_int_equal(cls[1], PB_MC_A);
	assert_int_equal(cls[4], PB_MC_C);
	free(cls);
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y, Y - 1), 0);
	assert_int_equal(found, 1);
	assert_int_equal(cls[1], PB_MC_B); /* the other year as it was */
	assert_int_equal(cls[4], PB_MC_T);
	free(cls);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_results"), 2 * NENT);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_evaluations"), 2);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log WHERE action = 'mujun.save'"), 3);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log WHERE action = 'mujun.save' AND"
			       " json_extract(detail, '$.replaced') = 1 AND"
			       " json_extract(detail, '$.scheme') = 'test-2024b' AND"
			       " json_extract(detail, '$.classes.A') = 1"), 1);

	/* the list, by year, with the class counts and the scheme as given */
	pb_mujun_evaluations ev;
	assert_int_equal(pb_store_mujun_evaluations(&ev, st), 0);
	assert_int_equal(ev.n, 2);
	assert_int_equal(ev.items[0].year, Y - 1);
	assert_string_equal(ev.items[0].scheme_key, "test-2024");
	assert_string_equal(ev.items[0].scheme_json, "{\"year\": 2023}");
	assert_int_equal(ev.items[0].count[PB_MC_B], 1);
	assert_int_equal(ev.items[0].count[PB_MC_T], 1);
	assert_int_equal(ev.items[1].year, Y);
	assert_string_equal(ev.items[1].scheme_key, "test-2024b");
	assert_string_equal(ev.items[1].scheme_name, "测试区2024年度亩均效益评价");
	assert_string_equal(ev.items[1].scheme_json, "{\"v\": 2}");
	assert_string_equal(ev.items[1].user_name, "b");
	assert_int_equal(strlen(ev.items[1].evaluated_at), 20); /* 2026-01-01T00:00:00Z */
	assert_int_equal(ev.items[1].enterprises, NENT);
	const int64_t counts[PB_MC_COUNT] = { 1, 0, 1, 1, 0, 1, 1 };
	assert_memory_equal(ev.items[1].count, counts, sizeof(counts));
	pb_mujun_evaluations_free(&ev);
	pb_mujun_evaluations_free(&ev);

	/* an enterprise added since: no class for it */
	make_uscc(5, uscc[5]);
	put_enterprise(st, 5, "新材料", 0, 0);
	pb_mujun_year y2;
	assert_int_equal(pb_store_mujun_load(&y2, st, Y, &s), 0);
	assert_int_equal(y2.in.n, NENT + 1);
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y2, Y), 0);
	assert_int_equal(cls[0], PB_MC_D);
	assert_int_equal(cls[NENT], PB_MC_COUNT);
	free(cls);

	/* a result of another size is refused */
	assert_int_equal(pb_store_mujun_save(st, &y2, &s, scheme_json, &r, "b"), PB_EINVAL);
	pb_mujun_year_free(&y2);
	result_release(&r);
	pb_mujun_year_free(&y);
	pb_mujun_year_free(&y0);
}

static void test_save_refused_in_transaction(void **state)
{
	pb_store *st = *state;
	pb_mujun_scheme s;
	pb_mujun_year y;
	pb_mujun_result r;
	year_and_result(st, &s, &y, &r);
	assert_int_equal(pb_store_begin(st), 0);
	/* the load works inside the caller's transaction too */
	pb_mujun_year y2;
	assert_int_equal(pb_store_mujun_load(&y2, st, Y, &s), 0);
	assert_int_equal(y2.in.n, NENT);
	pb_mujun_year_free(&y2);
	assert_int_equal(pb_store_mujun_save(st, &y, &s, scheme_json, &r, "a"), PB_ESTORE);
	assert_int_equal(pb_store_rollback(st), 0);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_evaluations"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log"), 0);
	/* a failure half-way (no scheme JSON: NOT NULL) changes nothing either */
	assert_int_equal(pb_store_mujun_save(st, &y, &s, scheme_json, &r, "a"), 0);
	r.cls[0] = PB_MC_A;
	assert_int_equal(pb_store_mujun_save(st, &y, &s, NULL, &r, "a"), PB_ESTORE);
	uint8_t *cls;
	int found;
	assert_int_equal(pb_store_mujun_classes(&cls, &found, st, &y, Y), 0);
	assert_int_equal(cls[0], PB_MC_D); /* the first save's, intact */
	free(cls);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log"), 1);
	result_release(&r);
	pb_mujun_year_free(&y);
}

/* ---- the two import kinds --------------------------------------------------------------- */

static int import_text(pb_store *st, const char *kind, const char *name, const char *csv,
		       pb_report *rep)
{
	pb_source src = { name, NULL, (const unsigned char *)csv, strlen(csv) };
	pb_import_opts o = { .user = "tester" };
	pb_import_result res;
	const pb_kind *k = pb_kind_find(kind);
	assert_non_null(k);
	pb_report_init(rep);
	return pb_import_run(st, k, &src, &o, rep, &res);
}

/* The one error of the report: row, column, header and value. */
static void assert_one_error(const pb_report *rep, uint32_t row, uint32_t col, const char *header,
			     const char *value, const char *reason_part)
{
	assert_int_equal(rep->errors, 1);
	for (size_t i = 0; i < rep->count; i++) {
		const pb_problem *p = &rep->items[i];
		if (p->severity != PB_SEV_ERROR)
			continue;
		assert_int_equal(p->row, row);
		assert_int_equal(p->col, col);
		assert_string_equal(p->header, header);
		assert_string_equal(p->value, value);
		if (!strstr(p->reason, reason_part))
			fail_msg("reason \"%s\" lacks \"%s\"", p->reason, reason_part);
		return;
	}
	fail_msg("no error in the report");
}

static void test_import_kinds(void **state)
{
	pb_store *st = *state;
	char csv[2048];
	pb_report rep;
	/* units converted (亿元, 千克, 立方米), a USCC or a name, 2025年 as a year */
	snprintf(csv, sizeof(csv),
		 "统一社会信用代码,年度,工业增加值（亿元）,主要污染物排放量（千克）,化学需氧量排放量（吨）,"
		 "用水量（立方米）,评价税收（万元）,营业收入（万元）,综合能耗（吨标准煤）,用电量（万千瓦时）,"
		 "年平均职工人数（人）,研发经费（万元）,备注\n"
		 "%s,2025,0.5,1500,0.25,2000,12.5,300,40,16,88,3,税务口径\n"
		 "%s,2025年,,,,,3,,,,,,\n", uscc[0], uscc[1]);
	assert_int_equal(import_text(st, "mujun-data", "data.csv", csv, &rep), 0);
	assert_int_equal(rep.errors, 0);
	pb_report_free(&rep);
	snprintf(csv, sizeof(csv),
		 "企业名称,年度,事项,说明\n"
		 "%s,2025,安全生产事故,一般事故\n"
		 "%s,2025,new_enterprise,\n"
		 "%s,2025,园区自定,\n", ent_names[0], ent_names[0], ent_names[1]);
	/* an unknown Chinese name is refused, row 4 column C */
	assert_int_equal(import_text(st, "mujun-facts", "facts.csv", csv, &rep), PB_EREJECTED);
	assert_one_error(&rep, 4, 3, "事项", "园区自定", "安全生产事故、环境污染事故");
	pb_report_free(&rep);
	snprintf(csv, sizeof(csv),
		 "企业名称,年度,事项,说明\n"
		 "%s,2025,安全生产事故,一般事故\n"
		 "%s,2025,new_enterprise,\n"
		 "%s,2025,park_own_rule,园区自定\n", ent_names[0], ent_names[0], ent_names[1]);
	assert_int_equal(import_text(st, "mujun-facts", "facts.csv", csv, &rep), 0);
	pb_report_free(&rep);

	pb_mujun_scheme s;
	make_scheme(&s);
	pb_mujun_year y;
	assert_int_equal(pb_store_mujun_load(&y, st, 2025, &s), 0);
	assert_near(M(&y, PB_MM_VALUE_ADDED, 0), 5000);
	assert_near(M(&y, PB_MM_EMISSIONS, 0), 1.5);
	assert_near(M(&y, PB_MM_COD, 0), 0.25);
	assert_near(M(&y, PB_MM_WATER, 0), 2000);
	assert_near(M(&y, PB_MM_TAX, 0), 12.5);
	assert_near(M(&y, PB_MM_REVENUE, 0), 300);
	assert_near(M(&y, PB_MM_ENERGY, 0), 40);
	assert_near(M(&y, PB_MM_ELECTRICITY, 0), 16);
	assert_near(M(&y, PB_MM_EMPLOYEES, 0), 88);
	assert_near(M(&y, PB_MM_RD, 0), 3);
	assert_near(M(&y, PB_MM_TAX, 1), 3);
	assert_near(M(&y, PB_MM_VALUE_ADDED, 1), N);
	assert_int_equal(y.in.rules[0], 3);
	assert_string_equal(y.facts[0], "新投产企业、安全生产事故（一般事故）");
	assert_string_equal(y.facts[1], "park_own_rule（园区自定）");
	pb_mujun_year_free(&y);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_data WHERE import_id IS NOT NULL"), 2);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_facts WHERE import_id IS NOT NULL"), 3);

	/* a negative figure and a wrong unit: the row and the column named, nothing written */
	snprintf(csv, sizeof(csv), "统一社会信用代码,年度,评价税收（万元）\n%s,2026,5\n%s,2026,-1\n",
		 uscc[0], uscc[1]);
	assert_int_equal(import_text(st, "mujun-data", "neg.csv", csv, &rep), PB_EREJECTED);
	assert_one_error(&rep, 3, 3, "评价税收（万元）", "-1", "不能为负数");
	pb_report_free(&rep);
	snprintf(csv, sizeof(csv), "统一社会信用代码,年度,用水量（吨标准煤）\n%s,2026,5\n", uscc[0]);
	assert_int_equal(import_text(st, "mujun-data", "unit.csv", csv, &rep), PB_EREJECTED);
	pb_report_free(&rep);
	/* a bad year in a facts file */
	snprintf(csv, sizeof(csv), "统一社会信用代码,年度,事项\n%s,二〇二六,utility\n", uscc[0]);
	assert_int_equal(import_text(st, "mujun-facts", "year.csv", csv, &rep), PB_EREJECTED);
	assert_one_error(&rep, 2, 2, "年度", "二〇二六", "年份");
	pb_report_free(&rep);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_data WHERE year = 2026"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM mujun_facts WHERE year = 2026"), 0);
}

static void test_fact_kinds(void **state)
{
	(void)state;
	size_t n;
	const pb_mujun_fact_kind *k = pb_mujun_fact_kinds(&n);
	assert_int_equal(n, 10);
	const char *key = NULL;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(pb_mujun_fact_kind_parse(&key, k[i].name), 0);
		assert_ptr_equal(key, k[i].key);
		assert_int_equal(pb_mujun_fact_kind_parse(&key, k[i].key), 0);
		assert_ptr_equal(key, k[i].key);
		assert_non_null(k[i].name_en);
	}
	assert_int_equal(pb_mujun_fact_kind_parse(&key, "重大项目 建设期"), 0);
	assert_string_equal(key, "build_period");
	assert_int_equal(pb_mujun_fact_kind_parse(&key, "own_rule_2"), 0);
	assert_null(key);
	const char *bad[] = { "", "Own", "2x", "a-b", "a b", "火灾",
			      "abcdefghijabcdefghijabcdefghijab" /* 32 */ };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(pb_mujun_fact_kind_parse(&key, bad[i]), PB_EINVAL);
		assert_non_null(strstr(pb_error_last(), "停产或未投产"));
	}
	assert_int_equal(pb_mujun_fact_kind_parse(&key, "abcdefghijabcdefghijabcdefghija"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_measures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_groups_and_facts, setup, teardown),
		cmocka_unit_test(test_load_empty_zone),
		cmocka_unit_test_setup_teardown(test_plots, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_read_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resave_replaces_the_year_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_refused_in_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_kinds, setup, teardown),
		cmocka_unit_test(test_fact_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
