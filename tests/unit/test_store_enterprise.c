/* test_store_enterprise.c - the enterprise search (filters, paging, the user's scope)
 * and one enterprise's page (record, plots, monthly series), on a hand-made register. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store.h"
#include "store_enterprise.h"
#include "test_db.h"

static char dbpath[64];

/* Parks 1 南坪 and 2 茶园; enterprises:
 *   1 重庆甲电子   park 1 电子信息 骨干 规上 高新    plots 10 + 2.5亩
 *   2 重庆乙机械   park 1 装备制造 成长型 规上
 *   3 重庆丙电子   park 2 电子信息 成长型 规下 高新
 *   4 重庆丁食品   no park 消费品 成长型 规上 */
static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store_enterprise");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	const char *parks[] = { "南坪园", "茶园" };
	for (int i = 0; i < 2; i++) {
		pb_park p;
		pb_record_clear(pb_entity_get(PB_E_PARK), &p);
		p.name = parks[i];
		assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	}
	const char *uscc[] = { "91500108314159014J", "91500108314159022D", "915001083141590308",
			       "915001083141590495" };
	const char *name[] = { "重庆甲电子有限公司", "重庆乙机械有限公司", "重庆丙电子加工厂",
			       "重庆丁食品有限公司" };
	const char *sector[] = { "电子信息", "装备制造", "电子信息", "消费品" };
	const int64_t park[] = { 1, 1, 2, 0 }, tier[] = { 2, 3, 3, 3 }, above[] = { 1, 1, 0, 1 };
	const int64_t tech[] = { 1, 0, 1, 0 };
	for (int i = 0; i < 4; i++) {
		pb_enterprise e;
		pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
		e.uscc = uscc[i];
		e.name = name[i];
		e.industry = "C3922";
		e.sector = sector[i];
		e.tier = tier[i];
		e.park_id = park[i];
		e.above_scale = above[i];
		e.high_tech = tech[i];
		e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
		assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
	}
	const char *codes[] = { "P-1", "P-2" };
	const double area[] = { 10, 2.5 };
	for (int i = 0; i < 2; i++) {
		pb_land_plot p;
		pb_record_clear(pb_entity_get(PB_E_LAND_PLOT), &p);
		p.plot_code = codes[i];
		p.enterprise_id = 1;
		p.park_id = 1;
		p.area = area[i];
		p.leased = i;
		assert_int_equal(pb_store_put(st, PB_E_LAND_PLOT, &p, PB_STORE_ALL), 0);
	}
	for (int m = 1; m <= 3; m++) {
		pb_monthly r;
		pb_record_clear(pb_entity_get(PB_E_MONTHLY), &r);
		r.enterprise_id = 1;
		r.month = 202400 + m;
		r.v[PB_M_GROSS_OUTPUT] = 100 * m;
		assert_int_equal(pb_store_put(st, PB_E_MONTHLY, &r, PB_STORE_ALL), 0);
	}
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

/* The names found, "、"-joined, for compact checks. */
static const char *found(pb_store *st, const pb_enterprise_filter *f, int64_t *total)
{
	static char out[512];
	pb_enterprise_page pg;
	assert_int_equal(pb_store_enterprise_search(&pg, st, f), 0);
	out[0] = '\0';
	for (size_t i = 0; i < pg.n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? "、" : "",
			 pg.rows[i].name + strlen("重庆"));
	if (total)
		*total = pg.total;
	pb_enterprise_page_free(&pg);
	return out;
}

static void test_filters(void **state)
{
	pb_store *st = *state;
	pb_enterprise_filter f = { 0 };
	int64_t total;
	/* by name (bytewise order of the UTF-8: 丁 丙 乙 甲) */
	assert_string_equal(found(st, &f, &total), "丁食品有限公司、丙电子加工厂、乙机械有限公司、甲电子有限公司");
	assert_int_equal(total, 4);
	f.q = "电子";
	assert_string_equal(found(st, &f, NULL), "丙电子加工厂、甲电子有限公司");
	f.q = "915001083141590"; /* a USCC prefix: all four */
	found(st, &f, &total);
	assert_int_equal(total, 4);
	f.q = "91500108314159014";
	assert_string_equal(found(st, &f, NULL), "甲电子有限公司");
	f = (pb_enterprise_filter){ .park_id = 1 };
	assert_string_equal(found(st, &f, NULL), "乙机械有限公司、甲电子有限公司");
	f = (pb_enterprise_filter){ .sector = "电子信息", .flags = PB_EF_ABOVE_SCALE };
	assert_string_equal(found(st, &f, NULL), "甲电子有限公司");
	f = (pb_enterprise_filter){ .flags = PB_EF_HIGH_TECH, .tier = PB_TIER_GROWTH };
	assert_string_equal(found(st, &f, NULL), "丙电子加工厂");
	f = (pb_enterprise_filter){ .q = "%" }; /* no wildcard: nobody's name holds a % */
	assert_string_equal(found(st, &f, &total), "");
	assert_int_equal(total, 0);
}

static void test_paging_and_scope(void **state)
{
	pb_store *st = *state;
	pb_enterprise_filter f = { .limit = 2, .offset = 1 };
	int64_t total;
	assert_string_equal(found(st, &f, &total), "丙电子加工厂、乙机械有限公司");
	assert_int_equal(total, 4);
	f.offset = 10;
	assert_string_equal(found(st, &f, &total), "");
	assert_int_equal(total, 4);
	/* a park operator of 茶园 (2): another park's filter finds nothing */
	int64_t mine[] = { 2 };
	f = (pb_enterprise_filter){ .parks = mine, .nparks = 1 };
	assert_string_equal(found(st, &f, NULL), "丙电子加工厂");
	f.park_id = 1;
	assert_string_equal(found(st, &f, &total), "");
	assert_int_equal(total, 0);
	/* an enterprise user: only itself */
	f = (pb_enterprise_filter){ .only_id = 2, .q = "重庆" };
	assert_string_equal(found(st, &f, NULL), "乙机械有限公司");
	pb_enterprise_page pg;
	f = (pb_enterprise_filter){ .limit = 1001 };
	assert_int_equal(pb_store_enterprise_search(&pg, st, &f), PB_EINVAL);
	pb_enterprise_page_free(&pg);
}

static void test_detail(void **state)
{
	pb_store *st = *state;
	pb_enterprise_detail d;
	assert_int_equal(pb_store_enterprise_detail(&d, st, 1, 202402, 0), 0);
	assert_string_equal(d.e.park, "南坪园");
	assert_true(fabs(d.e.land - 12.5) < 1e-9); /* 10 + 2.5 */
	assert_int_equal(d.e.flags, PB_EF_ABOVE_SCALE | PB_EF_HIGH_TECH);
	assert_int_equal(d.nplots, 2);
	assert_string_equal(d.plots[1].plot_code, "P-2");
	assert_int_equal(d.plots[1].leased, 1);
	/* from 2024-02: February 200 and March 300; other figures missing */
	assert_int_equal(d.nmonths, 2);
	assert_int_equal(d.months[0].month, 202402);
	assert_true(fabs(d.months[1].v[PB_M_GROSS_OUTPUT] - 300) < 1e-9);
	assert_true(isnan(d.months[1].v[PB_M_TAX]));
	pb_enterprise_detail_free(&d);
	assert_int_equal(pb_store_enterprise_detail(&d, st, 99, 0, 0), PB_ENOTFOUND);
	pb_enterprise_detail_free(&d);
	assert_int_equal(pb_store_enterprise_detail(&d, st, 4, 0, 0), 0);
	assert_null(d.e.park);
	assert_int_equal(d.nplots, 0);
	assert_int_equal(d.nmonths, 0);
	pb_enterprise_detail_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_paging_and_scope),
		cmocka_unit_test(test_detail),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
