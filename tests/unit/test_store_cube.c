/*
 * test_store_cube.c - the cube loaded from the store: every report arrives, in one part
 * or in several (threads over enterprise ranges), with parks, 上年同期 figures and
 * 报送日期; the expected sums are those of the rows the test wrote.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "month.h"
#include "store_cube.h"
#include "uscc.h"

#define NENT 3000 /* enough for the loader to read in parts */

static char dbpath[64];

static void make_uscc(long i, char out[19])
{
	char code[18], org[24];
	snprintf(org, sizeof(org), "%08ld", (10000000 + i) % 100000000);
	memcpy(code, "91500108", 8);
	memcpy(code + 8, org, 8);
	code[16] = pb_orgcode_check_char(org);
	out[17] = '\0';
	memcpy(out, code, 17);
	out[17] = pb_uscc_check_char(code);
	out[18] = '\0';
}

/* Writes NENT enterprises (every third in park 乙) and 24 months each: enterprise i
 * reports gross output i + month index (0..23), from 2024 with 上年同期 = the 2023 figure
 * + 1 for odd i; enterprise 7 files 2024-03 on 2024-04-20. */
static double expected_ytd_2024_06, expected_base_2024_06;

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/pb_test_store_cube_%d.db", (int)getpid());
	unlink(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	assert_int_equal(pb_store_begin(st), 0);
	pb_park pk[2];
	for (int i = 0; i < 2; i++) {
		pb_record_clear(pb_entity_get(PB_E_PARK), &pk[i]);
		pk[i].name = i ? "乙园" : "甲园";
		assert_int_equal(pb_store_put(st, PB_E_PARK, &pk[i], PB_STORE_ALL), 0);
	}
	expected_ytd_2024_06 = expected_base_2024_06 = 0;
	for (long i = 0; i < NENT; i++) {
		pb_enterprise e;
		pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
		char u[19];
		make_uscc(i, u);
		e.uscc = u;
		e.name = "企业";
		e.industry = "C3922";
		e.sector = i % 2 ? "电子信息" : "装备制造";
		e.tier = PB_TIER_GROWTH;
		e.park_id = pk[i % 3 == 0].id;
		e.above_scale = 1;
		e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
		assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
		pb_monthly m[24];
		for (int t = 0; t < 24; t++) {
			pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m[t]);
			m[t].enterprise_id = e.id;
			m[t].month = pb_month_add(202301, t);
			m[t].v[PB_M_GROSS_OUTPUT] = (double)(i + t);
			if (t >= 12 && i % 2)
				m[t].prev[PB_M_GROSS_OUTPUT] = (double)(i + t - 12) + 1;
			if (i == 7 && m[t].month == 202403)
				m[t].submitted = 20240420;
			if (t >= 12 && t < 18) {
				expected_ytd_2024_06 += (double)(i + t);
				expected_base_2024_06 += (double)(i + t - 12) + (i % 2 ? 1 : 0);
			}
		}
		assert_int_equal(pb_store_put_many(st, PB_E_MONTHLY, m, 24, PB_STORE_ALL), 0);
	}
	assert_int_equal(pb_store_commit(st), 0);
	pb_store_close(st);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char p[80];
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void check_loaded(int threads)
{
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, PB_STORE_READONLY), 0);
	pb_cube *c;
	assert_int_equal(pb_store_cube_load(&c, st, threads), 0);
	assert_int_equal(c->nent, NENT);
	assert_int_equal(c->first_month, 202301);
	assert_int_equal(c->nmonths, 24);
	pb_analysis a;
	pb_analysis_opts o = { .month = 202406, .threads = threads };
	assert_int_equal(pb_analysis_run(&a, c, &o), 0);
	const pb_agg *t = &a.total[PB_M_GROSS_OUTPUT];
	assert_int_equal(t->n_ytd_sample, NENT);
	assert_true(fabs(t->ytd_cur - expected_ytd_2024_06) < 1e-6);
	assert_true(fabs(t->ytd_base - expected_base_2024_06) < 1e-6);
	assert_int_equal(t->n_month_self, NENT / 2);
	/* parks: 1000 enterprises (i % 3 == 0) in 乙园 */
	const pb_grouping_result *p = &a.by[PB_G_PARK];
	assert_int_equal(p->ngroups, 2);
	assert_string_equal(p->rows[0].name, "乙园"); /* names sorted: 乙 (U+4E59) < 甲 (U+7532) */
	assert_int_equal(p->rows[0].members, NENT / 3);
	/* 报送日期: the 20th of the next month is day 20 after the month */
	long e7 = -1;
	for (size_t e = 0; e < c->nent; e++)
		if (c->ent[e].id == 8) /* the 8th enterprise written (ids count from 1) */
			e7 = (long)e;
	assert_true(e7 >= 0);
	assert_non_null(c->filed);
	assert_int_equal(c->filed[(size_t)pb_cube_col(c, 202403) * c->nent + (size_t)e7], 20);
	assert_int_equal(c->filed[(size_t)pb_cube_col(c, 202404) * c->nent + (size_t)e7], 0);
	pb_analysis_free(&a);
	pb_cube_free(c);
	pb_store_close(st);
}

static void test_one_part(void **state)
{
	(void)state;
	check_loaded(1);
}

static void test_parts(void **state)
{
	(void)state;
	check_loaded(3);
}

/* an empty store gives an empty cube of one year, and an analysis with nothing */
static void test_empty(void **state)
{
	(void)state;
	char p[80];
	snprintf(p, sizeof(p), "/tmp/pb_test_store_cube_empty_%d.db", (int)getpid());
	unlink(p);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), 0);
	pb_cube *c;
	assert_int_equal(pb_store_cube_load(&c, st, 2), 0);
	assert_int_equal(c->nent, 0);
	assert_int_equal(c->nmonths, 12);
	pb_analysis a;
	pb_analysis_opts o = { .month = c->first_month };
	assert_int_equal(pb_analysis_run(&a, c, &o), 0);
	assert_int_equal(a.total[0].n_month, 0);
	pb_analysis_free(&a);
	pb_cube_free(c);
	pb_store_close(st);
	unlink(p);
	snprintf(p, sizeof(p), "/tmp/pb_test_store_cube_empty_%d.db-wal", (int)getpid());
	unlink(p);
	snprintf(p, sizeof(p), "/tmp/pb_test_store_cube_empty_%d.db-shm", (int)getpid());
	unlink(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_part),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
