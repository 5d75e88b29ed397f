/* test_store.c - the SQLite store: schema against the model, upsert semantics,
 * field masks, transactions, migrations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "schema.h"
#include "store.h"
#include "store_internal.h"
#include "test_db.h"

static char dbpath[64];

static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	pb_store_close(*state);
	test_db_remove(dbpath);
	return 0;
}

/* Every descriptor field is a column of its table, in the same order, and import_id
 * is one of the columns: after the fields of the first migration, before the columns
 * later migrations added (ALTER TABLE appends). */
static void test_schema_matches_model(void **state)
{
	(void)state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(dbpath, &db), SQLITE_OK);
	for (int e = 0; e < PB_ENTITY_COUNT; e++) {
		const pb_entity_desc *d = pb_entity_get((pb_entity)e);
		if (e == PB_E_CHAIN_MEMBER)
			continue; /* a view over three tables, checked by its own test */
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s') ORDER BY cid",
			 d->table);
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		size_t i = 0;
		if (d->has_id) {
			assert_int_equal(sqlite3_step(s), SQLITE_ROW);
			assert_string_equal((const char *)sqlite3_column_text(s, 0), "id");
		}
		int seen_import = 0;
		while (i < d->nfields) {
			assert_int_equal(sqlite3_step(s), SQLITE_ROW);
			const char *col = (const char *)sqlite3_column_text(s, 0);
			if (strcmp(col, "import_id") == 0) {
				seen_import++;
				continue;
			}
			assert_string_equal(col, d->fields[i].name);
			i++;
		}
		if (!seen_import) {
			assert_int_equal(sqlite3_step(s), SQLITE_ROW);
			assert_string_equal((const char *)sqlite3_column_text(s, 0), "import_id");
		}
		assert_int_equal(sqlite3_step(s), SQLITE_DONE);
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
}

static void test_schema_version(void **state)
{
	pb_store *st = *state;
	assert_int_equal(pb_store_schema_version(st), pb_store_schema_latest());
	assert_true(pb_store_schema_latest() >= 1);
}

/* A complete enterprise record for the tests (every NOT NULL column set). */
static pb_enterprise make_enterprise(int64_t park_id, int64_t tier)
{
	pb_enterprise e;
	pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
	e.uscc = "91350200776049653A";
	e.name = "测试企业";
	e.industry = "C3922";
	e.sector = "电子信息";
	e.tier = tier;
	e.park_id = park_id;
	e.above_scale = 1;
	e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
	return e;
}

static int count_parks(void *ctx, const void *rec)
{
	(void)rec;
	(*(int *)ctx)++;
	return 0;
}

static void test_upsert_by_key(void **state)
{
	pb_store *st = *state;
	pb_park p;
	pb_record_clear(pb_entity_get(PB_E_PARK), &p);
	p.name = "南坪西区产业园";
	p.planned_area = 1200;
	assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	int64_t first = p.id;
	assert_true(first > 0);
	p.planned_area = 1300;
	assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	assert_int_equal(p.id, first); /* same natural key: same row */
	int n = 0;
	assert_int_equal(pb_store_each(st, PB_E_PARK, count_parks, &n), 0);
	assert_int_equal(n, 1);
}

/* The scoped walks: a park's rows (its own, and its enterprises' plots without a park),
 * an enterprise's rows; the zone's entities and a mixed scope refused. */
static void test_each_in_scope(void **state)
{
	pb_store *st = *state;
	pb_park pa, pb;
	pb_record_clear(pb_entity_get(PB_E_PARK), &pa);
	pb_record_clear(pb_entity_get(PB_E_PARK), &pb);
	pa.name = "长江绿色创新产业园";
	pb.name = "茶园工业园";
	assert_int_equal(pb_store_put(st, PB_E_PARK, &pa, PB_STORE_ALL), 0);
	assert_int_equal(pb_store_put(st, PB_E_PARK, &pb, PB_STORE_ALL), 0);
	const char *uscc[] = { "91500000000000001A", "91500000000000002B", "91500000000000003C" };
	int64_t ents[3];
	for (int i = 0; i < 3; i++) {
		pb_enterprise e;
		pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
		e.uscc = uscc[i];
		e.name = uscc[i];
		e.industry = "C3922";
		e.sector = "电子信息";
		e.tier = PB_TIER_GROWTH;
		e.park_id = i < 2 ? pa.id : pb.id;
		e.above_scale = e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
		assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
		ents[i] = e.id;
	}
	/* a plot in park A, one without a park of an enterprise of A, one in B */
	const char *codes[] = { "A-1", "A-2", "B-1" };
	int64_t plot_parks[] = { pa.id, 0, pb.id };
	for (int i = 0; i < 3; i++) {
		pb_land_plot l;
		pb_record_clear(pb_entity_get(PB_E_LAND_PLOT), &l);
		l.plot_code = codes[i];
		l.enterprise_id = ents[i];
		l.park_id = plot_parks[i];
		l.area = 10;
		l.leased = 0;
		assert_int_equal(pb_store_put(st, PB_E_LAND_PLOT, &l, PB_STORE_ALL), 0);
	}
	pb_store_scope park = { .parks = &pa.id, .nparks = 1 }, mine = { .enterprise_id = ents[2] };
	int n = 0;
	assert_int_equal(pb_store_each_in(st, PB_E_ENTERPRISE, &park, count_parks, &n), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(pb_store_each_in(st, PB_E_LAND_PLOT, &park, count_parks, &n), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(pb_store_each_in(st, PB_E_PARK, &park, count_parks, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(pb_store_each_in(st, PB_E_LAND_PLOT, &mine, count_parks, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(pb_store_each_in(st, PB_E_LAND_PLOT, NULL, count_parks, &n), 0);
	assert_int_equal(n, 3);
	assert_false(pb_store_scopable(PB_E_INDICATOR, &park));
	assert_false(pb_store_scopable(PB_E_PARK, &mine));
	assert_true(pb_store_scopable(PB_E_INDICATOR, NULL));
	pb_store_scope both = { .parks = &pa.id, .nparks = 1, .enterprise_id = ents[0] };
	assert_false(pb_store_scopable(PB_E_ENTERPRISE, &both));
	assert_int_equal(pb_store_each_in(st, PB_E_ENTERPRISE, &both, count_parks, &n), PB_EINVAL);
	assert_int_equal(pb_store_each_in(st, PB_E_CHAIN_MEMBER, &mine, count_parks, &n), PB_EINVAL);
}

static int get_monthly(void *ctx, const void *rec)
{
	memcpy(ctx, rec, sizeof(pb_monthly));
	return 0;
}

static void test_mask_keeps_absent_fields(void **state)
{
	pb_store *st = *state;
	pb_park p;
	pb_record_clear(pb_entity_get(PB_E_PARK), &p);
	p.name = "园";
	assert_int_equal(pb_store_put(st, PB_E_PARK, &p, PB_STORE_ALL), 0);
	pb_enterprise e = make_enterprise(p.id, PB_TIER_LEADING);
	assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);

	pb_monthly m;
	pb_record_clear(pb_entity_get(PB_E_MONTHLY), &m);
	m.enterprise_id = e.id;
	m.month = 202401;
	m.v[PB_M_GROSS_OUTPUT] = 100;
	m.v[PB_M_REVENUE] = 110;
	assert_int_equal(pb_store_put_many(st, PB_E_MONTHLY, &m, 1, PB_STORE_ALL), 0);
	/* a second file has only gross_output (field 2): revenue must survive */
	m.v[PB_M_GROSS_OUTPUT] = 120;
	m.v[PB_M_REVENUE] = PB_MISSING;
	assert_int_equal(pb_store_put_many(st, PB_E_MONTHLY, &m, 1, 1ULL << 2), 0);
	pb_monthly got;
	assert_int_equal(pb_store_each(st, PB_E_MONTHLY, get_monthly, &got), 0);
	assert_true(got.v[PB_M_GROSS_OUTPUT] == 120);
	assert_true(got.v[PB_M_REVENUE] == 110);
	assert_true(pb_is_missing(got.v[PB_M_TAX])); /* never given: NULL, not 0 */
}

static void test_many_rows_and_rollback(void **state)
{
	pb_store *st = *state;
	pb_enterprise e = make_enterprise(0, PB_TIER_GROWTH);
	assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
	enum { N = 200 }; /* more than one 64-row statement, plus a remainder */
	pb_monthly *ms = calloc(N, sizeof(*ms));
	for (int i = 0; i < N; i++) {
		pb_record_clear(pb_entity_get(PB_E_MONTHLY), &ms[i]);
		ms[i].enterprise_id = e.id;
		ms[i].month = 200001 + (i / 12) * 100 + i % 12;
		ms[i].v[PB_M_GROSS_OUTPUT] = i;
	}
	assert_int_equal(pb_store_begin(st), 0);
	assert_int_equal(pb_store_put_many(st, PB_E_MONTHLY, ms, N, PB_STORE_ALL), 0);
	assert_int_equal(pb_store_rollback(st), 0);
	int64_t n = -1;
	assert_int_equal(pb_store_count(st, PB_E_MONTHLY, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(pb_store_begin(st), 0);
	assert_int_equal(pb_store_put_many(st, PB_E_MONTHLY, ms, N, PB_STORE_ALL), 0);
	assert_int_equal(pb_store_commit(st), 0);
	assert_int_equal(pb_store_count(st, PB_E_MONTHLY, &n), 0);
	assert_int_equal(n, N);
	free(ms);
}

static void test_constraint_reported(void **state)
{
	pb_store *st = *state;
	pb_land_plot l;
	pb_record_clear(pb_entity_get(PB_E_LAND_PLOT), &l);
	l.plot_code = "X-1";
	l.area = 10;
	l.idle_area = 11; /* more idle than there is land: the CHECK refuses it */
	l.leased = 0;
	assert_int_equal(pb_store_put(st, PB_E_LAND_PLOT, &l, PB_STORE_ALL), PB_ESTORE);
	assert_non_null(strstr(pb_error_last(), "CHECK"));
}

static void test_chain_members(void **state)
{
	pb_store *st = *state;
	pb_chain_member m;
	pb_record_clear(pb_entity_get(PB_E_CHAIN_MEMBER), &m);
	m.chain = "手机";
	m.segment = "下游配件总成";
	m.node = "结构件";
	m.enterprise_name = "蓝思科技";
	m.local = 0;
	assert_int_equal(pb_store_put(st, PB_E_CHAIN_MEMBER, &m, PB_STORE_ALL), 0);
	m.enterprise_name = NULL; /* an empty node of the same chain */
	m.node = "摄像头模组";
	m.local = PB_INT_MISSING;
	assert_int_equal(pb_store_put(st, PB_E_CHAIN_MEMBER, &m, PB_STORE_ALL), 0);
	assert_int_equal(pb_store_put(st, PB_E_CHAIN_MEMBER, &m, PB_STORE_ALL), 0); /* idempotent */
	int64_t n;
	assert_int_equal(pb_store_count(st, PB_E_CHAIN_MEMBER, &n), 0);
	assert_int_equal(n, 2);
}

static void test_newer_database_refused(void **state)
{
	(void)state;
	char p[80];
	snprintf(p, sizeof(p), "/tmp/pb_test_newer_%d.db", (int)getpid());
	unlink(p);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), PB_ESTORE);
	assert_null(st);
	assert_non_null(strstr(pb_error_last(), "999"));
	unlink(p);
}

static void test_old_database_upgraded(void **state)
{
	(void)state;
	/* an empty file is a database at version 0: opening migrates it in place */
	char p[80];
	snprintf(p, sizeof(p), "/tmp/pb_test_old_%d.db", (int)getpid());
	unlink(p);
	FILE *f = fopen(p, "w");
	fclose(f);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), 0);
	assert_int_equal(pb_store_schema_version(st), pb_store_schema_latest());
	int ok = 0;
	assert_int_equal(pb_store_check(st, &ok), 0);
	assert_true(ok);
	pb_store_close(st);
	unlink(p);
}

static int64_t db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A database of version 2 with data in it (as the release before 亩均 left it) upgrades
 * in place: its rows stay, the 亩均 tables come with their constraints. */
static void test_version_2_database_upgraded(void **state)
{
	(void)state;
	char p[80];
	snprintf(p, sizeof(p), "/tmp/pb_test_v2_%d.db", (int)getpid());
	test_db_remove(p);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	for (int v = 1; v <= 2; v++)
		assert_int_equal(sqlite3_exec(db, pb_schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"PRAGMA user_version = 2;"
		"INSERT INTO parks (id, name) VALUES (1, '东区');"
		"INSERT INTO enterprises (id, uscc, name, industry, sector, tier, park_id)"
		" VALUES (1, '91350200776049653A', '测试企业', 'C3922', '电子信息', 3, 1);"
		"INSERT INTO monthly_reports (enterprise_id, month, tax, submitted)"
		" VALUES (1, 202401, 2.5, 20240210);", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), 0);
	assert_int_equal(pb_store_schema_version(st), pb_store_schema_latest());
	assert_true(pb_store_schema_latest() >= 3);
	pb_store_close(st);

	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_int(db, "SELECT count(*) FROM monthly_reports WHERE tax = 2.5"
				    " AND submitted = 20240210"), 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('mujun_data',"
				    " 'mujun_facts', 'mujun_evaluations', 'mujun_results')"), 4);
	/* the constraints: figures not negative, years in range, ASCII fact keys */
	static const char *const good[] = {
		"INSERT INTO mujun_data (enterprise_id, year, tax, water) VALUES (1, 2024, 0, 10)",
		"INSERT INTO mujun_facts (enterprise_id, year, kind) VALUES (1, 2024, 'safety_accident')",
		"INSERT INTO mujun_evaluations (year, scheme_key, scheme_name, scheme_json, user_name,"
		" enterprises) VALUES (2024, 'k', '方案', '{}', 'u', 1)",
		"INSERT INTO mujun_results (year, enterprise_id, class, class_score)"
		" VALUES (2024, 1, 'A', 'A')",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(sqlite3_exec(db, good[i], NULL, NULL, NULL), SQLITE_OK);
	static const char *const bad[] = {
		"INSERT INTO mujun_data (enterprise_id, year, tax) VALUES (1, 2023, -1)",
		"INSERT INTO mujun_data (enterprise_id, year, emissions) VALUES (1, 2023, -0.5)",
		"INSERT INTO mujun_data (enterprise_id, year) VALUES (1, 1800)",
		"INSERT INTO mujun_data (enterprise_id, year) VALUES (99, 2023)",
		"INSERT INTO mujun_facts (enterprise_id, year, kind) VALUES (1, 2024, 'Safety')",
		"INSERT INTO mujun_facts (enterprise_id, year, kind) VALUES (1, 2024, '安全')",
		"INSERT INTO mujun_facts (enterprise_id, year, kind) VALUES (1, 2024, 'a b')",
		"INSERT INTO mujun_results (year, enterprise_id, class) VALUES (2023, 1, 'A')",
		"INSERT INTO mujun_results (year, enterprise_id, class) VALUES (2024, 1, 'E')",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (sqlite3_exec(db, bad[i], NULL, NULL, NULL) == SQLITE_OK)
			fail_msg("accepted: %s", bad[i]);
	/* a year's results go with its evaluation */
	assert_int_equal(sqlite3_exec(db, "DELETE FROM mujun_evaluations WHERE year = 2024", NULL,
				      NULL, NULL), SQLITE_OK);
	assert_int_equal(db_int(db, "SELECT count(*) FROM mujun_results"), 0);
	sqlite3_close(db);
	test_db_remove(p);
}

/* A database of version 3 (as the release before the web platform left it) upgrades in
 * place: its rows stay, the accounts' tables come with their constraints. */
static void test_version_3_database_upgraded(void **state)
{
	(void)state;
	char p[80];
	snprintf(p, sizeof(p), "/tmp/pb_test_v3_%d.db", (int)getpid());
	test_db_remove(p);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	for (int v = 1; v <= 3; v++)
		assert_int_equal(sqlite3_exec(db, pb_schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"PRAGMA user_version = 3;"
		"INSERT INTO parks (id, name) VALUES (1, '东区');"
		"INSERT INTO enterprises (id, uscc, name, industry, sector, tier, park_id)"
		" VALUES (1, '91350200776049653A', '测试企业', 'C3922', '电子信息', 3, 1);"
		"INSERT INTO mujun_data (enterprise_id, year, tax) VALUES (1, 2024, 3.5);",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	pb_store *st;
	assert_int_equal(pb_store_open(&st, p, 0), 0);
	assert_int_equal(pb_store_schema_version(st), pb_store_schema_latest());
	assert_true(pb_store_schema_latest() >= 4);
	pb_store_close(st);

	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_int(db, "SELECT count(*) FROM mujun_data WHERE tax = 3.5"), 1);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('users',"
				    " 'user_parks', 'sessions', 'login_attempts')"), 4);
	static const char *const good[] = {
		"INSERT INTO users (id, name, display, role, password_hash)"
		" VALUES (1, 'admin', '管理员', 'admin', 'h')",
		"INSERT INTO users (id, name, display, role, password_hash)"
		" VALUES (2, 'op', '园区', 'park', 'h')",
		"INSERT INTO users (id, name, display, role, password_hash, enterprise_id)"
		" VALUES (3, 'firm', '企业', 'enterprise', 'h', 1)",
		"INSERT INTO user_parks (user_id, park_id) VALUES (2, 1)",
		"INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, ip) VALUES"
		" ('" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" "', 2,"
		"  '" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" "', 10, 20,"
		"  '127.0.0.1')",
		"INSERT INTO login_attempts (name, ip, at, ok) VALUES ('op', '127.0.0.1', 10, 1)",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (sqlite3_exec(db, good[i], NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("refused: %s: %s", good[i], sqlite3_errmsg(db));
	static const char *const bad[] = {
		"INSERT INTO users (name, display, role, password_hash) VALUES ('admin', 'x', 'admin', 'h')",
		"INSERT INTO users (name, display, role, password_hash) VALUES ('root', 'x', 'root', 'h')",
		"INSERT INTO users (name, display, role, password_hash) VALUES ('e2', 'x', 'enterprise', 'h')",
		"INSERT INTO users (name, display, role, password_hash, enterprise_id)"
		" VALUES ('v2', 'x', 'viewer', 'h', 1)",
		"INSERT INTO users (name, display, role, password_hash, enterprise_id)"
		" VALUES ('e3', 'x', 'enterprise', 'h', 99)",
		"INSERT INTO users (name, display, role, password_hash, disabled)"
		" VALUES ('v3', 'x', 'viewer', 'h', 2)",
		"INSERT INTO user_parks (user_id, park_id) VALUES (2, 99)",
		"INSERT INTO user_parks (user_id, park_id) VALUES (2, 1)",
		"INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at)"
		" VALUES ('short', 2, 'short', 10, 20)",
		"INSERT INTO login_attempts (name, ip, at, ok) VALUES ('op', '127.0.0.1', 10, 2)",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (sqlite3_exec(db, bad[i], NULL, NULL, NULL) == SQLITE_OK)
			fail_msg("accepted: %s", bad[i]);
	/* a user's parks and sessions go with it */
	assert_int_equal(sqlite3_exec(db, "DELETE FROM users WHERE id = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(db_int(db, "SELECT count(*) FROM user_parks"), 0);
	assert_int_equal(db_int(db, "SELECT count(*) FROM sessions"), 0);
	sqlite3_close(db);
	test_db_remove(p);
}

/* pb_store_prepare keeps statements by their text: the same one again once given back,
 * reset and unbound; a second at once while the first is held (a nested reader); and past
 * the 64 it keeps, the least recently used make room. ASan checks that the store frees
 * every one at close, kept or not. */
static void test_statement_cache(void **state)
{
	pb_store *st = *state;
	const char *sql = "SELECT ?1";
	sqlite3_stmt *a = pb_store_prepare(st, sql);
	assert_non_null(a);
	sqlite3_bind_int(a, 1, 7);
	assert_int_equal(sqlite3_step(a), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(a, 0), 7);
	/* held: the same text gets another statement */
	sqlite3_stmt *b = pb_store_prepare(st, sql);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	pb_store_finalize(st, b);
	pb_store_finalize(st, a);
	/* given back: the kept one, reset and unbound (NULL, not 7), from its first row */
	char copy[16];
	snprintf(copy, sizeof(copy), "%s", sql); /* the text, not the pointer, is the key */
	sqlite3_stmt *c = pb_store_prepare(st, copy);
	assert_ptr_equal(c, a);
	assert_int_equal(sqlite3_step(c), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(c, 0), SQLITE_NULL);
	pb_store_finalize(st, c);
	/* 100 texts: the store keeps 64, every statement still works */
	char q[64];
	for (int i = 0; i < 100; i++) {
		snprintf(q, sizeof(q), "SELECT %d", i);
		sqlite3_stmt *s = pb_store_prepare(st, q);
		assert_non_null(s);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(s, 0), i);
		pb_store_finalize(st, s);
	}
	/* a bad statement: NULL, the error recorded; NULL given back is nothing */
	assert_null(pb_store_prepare(st, "SELEC 1"));
	assert_int_equal(pb_error_last_code(), PB_ESTORE);
	pb_store_finalize(st, NULL);
	/* held statements at close are the store's to free too */
	assert_non_null(pb_store_prepare(st, "SELECT 1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema_matches_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upsert_by_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mask_keeps_absent_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rows_and_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constraint_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chain_members, setup, teardown),
		cmocka_unit_test_setup_teardown(test_each_in_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statement_cache, setup, teardown),
		cmocka_unit_test(test_newer_database_refused),
		cmocka_unit_test(test_old_database_upgraded),
		cmocka_unit_test(test_version_2_database_upgraded),
		cmocka_unit_test(test_version_3_database_upgraded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
