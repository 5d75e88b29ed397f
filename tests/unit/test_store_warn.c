/* test_store_warn.c - the warnings table: saving runs (upsert keeping the follow-up,
 * stale open warnings removed, followed-up ones kept, rules that did not run left
 * alone), 签收/办结 and their wrong steps, the audit log, the list's filters. */
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
#include "store.h"
#include "test_db.h"
#include "store_warn.h"

static char dbpath[64];

/* Two enterprises (ids 1, 2) with published-style USCCs. */
static int setup(void **state)
{
	test_db_name(dbpath, sizeof(dbpath), "test_store_warn");
	test_db_remove(dbpath);
	pb_store *st;
	assert_int_equal(pb_store_open(&st, dbpath, 0), 0);
	const char *uscc[] = { "91500108314159014J", "91500108314159022D" };
	const char *name[] = { "重庆甲电子有限公司", "重庆乙制冷设备有限公司" };
	for (int i = 0; i < 2; i++) {
		pb_enterprise e;
		pb_record_clear(pb_entity_get(PB_E_ENTERPRISE), &e);
		e.uscc = uscc[i];
		e.name = name[i];
		e.industry = "C3922";
		e.sector = "电子信息";
		e.tier = PB_TIER_GROWTH;
		e.above_scale = 1;
		e.high_tech = e.specialized = e.little_giant = e.champion = e.tech_sme = 0;
		assert_int_equal(pb_store_put(st, PB_E_ENTERPRISE, &e, PB_STORE_ALL), 0);
		assert_int_equal(e.id, i + 1);
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

/* A run of `month` with every rule run. */
static pb_warn_list run_of(int month)
{
	pb_warn_list l = { .month = month, .rules = (1u << PB_WR_COUNT) - 1 };
	return l;
}

/* Add a warning with one figure, as pb_warn_run would leave it (the list owns it). */
static void add(pb_warn_list *l, int64_t eid, pb_warn_rule r, int severity, double value)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = realloc(l->items, l->cap * sizeof(*l->items));
		assert_non_null(l->items);
	}
	pb_warning *w = &l->items[l->n++];
	memset(w, 0, sizeof(*w));
	w->enterprise_id = eid;
	w->rule = r;
	w->month = l->month;
	w->severity = severity;
	w->fig = calloc(1, sizeof(*w->fig));
	assert_non_null(w->fig);
	snprintf(w->fig[0].key, sizeof(w->fig[0].key), "value");
	snprintf(w->fig[0].name, sizeof(w->fig[0].name), "本月");
	snprintf(w->fig[0].name_en, sizeof(w->fig[0].name_en), "this month");
	snprintf(w->fig[0].unit, sizeof(w->fig[0].unit), "万元");
	w->fig[0].value = value;
	w->nfig = 1;
	char msg[64];
	snprintf(msg, sizeof(msg), "本月 %g 万元", value);
	w->message = strdup(msg);
	l->count[r][severity - 1]++;
}

static int64_t q_int(const char *sql)
{
	return test_db_int(dbpath, sql);
}

static void q_text(const char *sql, char *out, size_t n)
{
	test_db_text(dbpath, sql, out, n);
}

static const pb_warn_record *by_rule(const pb_warn_records *r, int64_t eid, const char *rule)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].enterprise_id == eid && strcmp(r->items[i].rule, rule) == 0)
			return &r->items[i];
	return NULL;
}

static void save(pb_store *st, const pb_warn_list *l, pb_warn_save_stats *s)
{
	assert_int_equal(pb_store_warn_save(s, st, l, "tester"), 0);
}

static const pb_warn_filter ALL = { .statuses = 0 };

static void test_upsert_keeps_follow_up(void **state)
{
	pb_store *st = *state;
	pb_warn_save_stats s;
	pb_warn_list l = run_of(202403);
	add(&l, 1, PB_WR_OUTPUT_YOY_MONTH, 2, 100);
	add(&l, 1, PB_WR_REPORT_LATE, 1, 5);
	add(&l, 2, PB_WR_SPIKE, 3, 9000);
	save(st, &l, &s);
	assert_int_equal(s.inserted, 3);
	assert_int_equal(s.status[PB_WS_OPEN], 3);
	/* the same run again changes nothing */
	save(st, &l, &s);
	assert_int_equal(s.inserted, 0);
	assert_int_equal(s.unchanged, 3);
	assert_int_equal(s.updated, 0);
	assert_int_equal(q_int("SELECT count(*) FROM warnings WHERE updated_at IS NOT NULL"), 0);

	pb_warn_records r;
	assert_int_equal(pb_store_warn_list(&r, st, &ALL), 0);
	assert_int_equal(r.n, 3);
	/* the most severe first within the month */
	assert_string_equal(r.items[0].rule, "spike");
	assert_string_equal(r.items[0].uscc, "91500108314159022D");
	assert_string_equal(r.items[0].name, "重庆乙制冷设备有限公司");
	assert_string_equal(r.items[0].figures, "[{\"key\":\"value\",\"name\":\"本月\",\"name_en\":\"this month\","
						"\"value\":9000,\"unit\":\"万元\"}]");
	assert_string_equal(r.items[0].message, "本月 9000 万元");
	assert_int_equal(r.items[0].status, PB_WS_OPEN);
	assert_non_null(r.items[0].raised_at);
	assert_null(r.items[0].acked_by);
	int64_t yoy = by_rule(&r, 1, "output_yoy_month")->id, late = by_rule(&r, 1, "report_late")->id;
	int64_t spike = by_rule(&r, 2, "spike")->id;
	pb_warn_records_free(&r);

	/* follow-up: acknowledge the 同比 one, close the spike */
	assert_int_equal(pb_store_warn_ack(st, yoy, "张三", "已电话联系企业，安排下周走访"), 0);
	assert_int_equal(pb_store_warn_close(st, spike, "李四", "核实为单位错填（元/万元），已更正"), 0);

	/* next run: the 同比 warning deepens (severity 3), the spike and the late report no
	 * longer fire: the closed spike stays, the open late one goes */
	pb_warn_list_free(&l);
	l = run_of(202403);
	add(&l, 1, PB_WR_OUTPUT_YOY_MONTH, 3, 80);
	save(st, &l, &s);
	assert_int_equal(s.updated, 1);
	assert_int_equal(s.removed, 1);
	assert_int_equal(s.kept, 1);
	assert_int_equal(s.status[PB_WS_OPEN], 0);
	assert_int_equal(s.status[PB_WS_ACKNOWLEDGED], 1);
	assert_int_equal(s.status[PB_WS_CLOSED], 1);
	pb_warn_filter one = { .id = yoy };
	assert_int_equal(pb_store_warn_list(&r, st, &one), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].severity, 3);
	assert_string_equal(r.items[0].message, "本月 80 万元");
	assert_int_equal(r.items[0].status, PB_WS_ACKNOWLEDGED);
	assert_string_equal(r.items[0].acked_by, "张三");
	assert_string_equal(r.items[0].ack_note, "已电话联系企业，安排下周走访");
	assert_non_null(r.items[0].updated_at);
	pb_warn_records_free(&r);
	one.id = late;
	assert_int_equal(pb_store_warn_list(&r, st, &one), 0);
	assert_int_equal(r.n, 0);
	pb_warn_records_free(&r);
	one.id = spike;
	assert_int_equal(pb_store_warn_list(&r, st, &one), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].status, PB_WS_CLOSED);
	assert_string_equal(r.items[0].close_note, "核实为单位错填（元/万元），已更正");
	assert_null(r.items[0].acked_by); /* closed straight from open */
	pb_warn_records_free(&r);

	/* audit: three runs and two steps, the last run naming what it removed */
	assert_int_equal(q_int("SELECT count(*) FROM audit_log WHERE action = 'warnings.run'"), 3);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log WHERE action = 'warnings.ack'"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log WHERE action = 'warnings.close'"), 1);
	char t[512];
	q_text("SELECT json_extract(detail, '$.note') FROM audit_log WHERE action = 'warnings.ack'", t, sizeof(t));
	assert_string_equal(t, "已电话联系企业，安排下周走访");
	q_text("SELECT user_name || ' ' || json_extract(detail, '$.from') || ' ' || json_extract(detail, '$.to') "
	       "FROM audit_log WHERE action = 'warnings.close'", t, sizeof(t));
	assert_string_equal(t, "李四 open closed");
	q_text("SELECT json_extract(detail, '$.removed_warnings[0].rule') || ' ' || json_extract(detail, '$.updated') "
	       "|| ' ' || json_extract(detail, '$.kept') FROM audit_log WHERE action = 'warnings.run' ORDER BY id DESC",
	       t, sizeof(t));
	assert_string_equal(t, "report_late 1 1");
	pb_warn_list_free(&l);
}

static void test_rules_not_run_left_alone(void **state)
{
	pb_store *st = *state;
	pb_warn_save_stats s;
	pb_warn_list l = run_of(202404);
	add(&l, 1, PB_WR_SPIKE, 1, 10);
	add(&l, 2, PB_WR_REPORT_MISSING, 1, 1);
	save(st, &l, &s);
	pb_warn_list_free(&l);
	/* a run with spike switched off and nothing firing: the spike stays, missing goes */
	l = run_of(202404);
	l.rules &= ~(1u << PB_WR_SPIKE);
	save(st, &l, &s);
	assert_int_equal(s.removed, 1);
	assert_int_equal(s.status[PB_WS_OPEN], 1);
	pb_warn_filter f = { .statuses = 1u << PB_WS_OPEN, .month = 202404 };
	pb_warn_records r;
	assert_int_equal(pb_store_warn_list(&r, st, &f), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.items[0].rule, "spike");
	pb_warn_records_free(&r);
	pb_warn_list_free(&l);
}

static void test_transitions(void **state)
{
	pb_store *st = *state;
	pb_warn_save_stats s;
	pb_warn_list l = run_of(202405);
	add(&l, 1, PB_WR_TAX_OVER_REVENUE, 1, 1);
	add(&l, 2, PB_WR_TAX_OVER_REVENUE, 1, 2);
	save(st, &l, &s);
	pb_warn_list_free(&l);
	pb_warn_filter f = { .month = 202405, .enterprise_id = 1 };
	pb_warn_records r;
	assert_int_equal(pb_store_warn_list(&r, st, &f), 0);
	assert_int_equal(r.n, 1);
	int64_t a = r.items[0].id;
	pb_warn_records_free(&r);
	f.enterprise_id = 0;
	f.uscc = "91500108314159022D";
	assert_int_equal(pb_store_warn_list(&r, st, &f), 0);
	assert_int_equal(r.n, 1);
	int64_t b = r.items[0].id;
	pb_warn_records_free(&r);

	int64_t audits = q_int("SELECT count(*) FROM audit_log");
	assert_int_equal(pb_store_warn_ack(st, 999999, "张三", NULL), PB_ENOTFOUND);
	assert_non_null(strstr(pb_error_last(), "#999999"));
	assert_int_equal(pb_store_warn_close(st, a, "张三", NULL), PB_EINVAL);   /* no note */
	assert_int_equal(pb_store_warn_close(st, a, "张三", " 　 "), PB_EINVAL); /* blank note */
	assert_non_null(strstr(pb_error_last(), "一企一策"));
	assert_int_equal(pb_store_warn_ack(st, a, "", "x"), PB_EINVAL);        /* nobody */
	assert_int_equal(q_int("SELECT count(*) FROM audit_log"), audits);    /* refused: nothing written */
	/* an acknowledgement needs no note; a blank one is none */
	assert_int_equal(pb_store_warn_ack(st, a, "张三", "  "), 0);
	assert_int_equal(pb_store_warn_ack(st, a, "张三", NULL), PB_EINVAL);  /* already acknowledged */
	assert_non_null(strstr(pb_error_last(), "已签收"));
	assert_int_equal(pb_store_warn_close(st, a, "李四", "  走访完成，企业订单回升  "), 0);
	assert_int_equal(pb_store_warn_close(st, a, "李四", "again"), PB_EINVAL); /* already closed */
	assert_int_equal(pb_store_warn_ack(st, a, "李四", NULL), PB_EINVAL);
	assert_int_equal(pb_store_warn_close(st, b, "王五", "已核实，数据无误"), 0); /* open → closed */
	f.uscc = NULL;
	f.id = a;
	assert_int_equal(pb_store_warn_list(&r, st, &f), 0);
	assert_null(r.items[0].ack_note);
	assert_string_equal(r.items[0].close_note, "走访完成，企业订单回升"); /* trimmed */
	assert_non_null(r.items[0].acked_at);
	assert_non_null(r.items[0].closed_at);
	pb_warn_records_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM audit_log"), audits + 3);
	/* filters: by status and rule */
	pb_warn_filter closed = { .statuses = 1u << PB_WS_CLOSED, .rule = "tax_over_revenue" };
	assert_int_equal(pb_store_warn_list(&r, st, &closed), 0);
	assert_int_equal(r.n, 2);
	pb_warn_records_free(&r);
	closed.rule = "spike";
	closed.month = 202405;
	assert_int_equal(pb_store_warn_list(&r, st, &closed), 0);
	assert_int_equal(r.n, 0);
	pb_warn_records_free(&r);
}

static void test_failure_changes_nothing(void **state)
{
	pb_store *st = *state;
	pb_warn_save_stats s;
	pb_warn_list l = run_of(202406);
	add(&l, 1, PB_WR_SPIKE, 1, 1);
	add(&l, 77, PB_WR_SPIKE, 1, 1); /* no enterprise 77: the foreign key refuses it */
	int64_t before = q_int("SELECT count(*) FROM warnings") + q_int("SELECT count(*) FROM audit_log") * 1000;
	assert_int_equal(pb_store_warn_save(&s, st, &l, "tester"), PB_ESTORE);
	assert_int_equal(s.inserted, 0);
	assert_int_equal(q_int("SELECT count(*) FROM warnings") + q_int("SELECT count(*) FROM audit_log") * 1000, before);
	/* the store is usable afterwards: no transaction was left open */
	assert_int_equal(pb_store_begin(st), 0);
	/* and a save inside someone else's transaction is refused */
	pb_warn_list_free(&l);
	l = run_of(202406);
	add(&l, 1, PB_WR_SPIKE, 1, 1);
	assert_int_equal(pb_store_warn_save(&s, st, &l, "tester"), PB_ESTORE);
	assert_int_equal(pb_store_rollback(st), 0);
	save(st, &l, &s);
	assert_int_equal(s.inserted, 1);
	pb_warn_list_free(&l);
}

static void test_newest_first(void **state)
{
	pb_store *st = *state;
	pb_warn_save_stats s;
	int months[] = { 202401, 202403, 202402 };
	for (int i = 0; i < 3; i++) {
		pb_warn_list l = run_of(months[i]);
		add(&l, 1, PB_WR_REPORT_LATE, 1, i);
		save(st, &l, &s);
		pb_warn_list_free(&l);
	}
	pb_warn_records r;
	assert_int_equal(pb_store_warn_list(&r, st, &ALL), 0);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.items[0].month, 202403);
	assert_int_equal(r.items[1].month, 202402);
	assert_int_equal(r.items[2].month, 202401);
	pb_warn_records_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_upsert_keeps_follow_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules_not_run_left_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failure_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newest_first, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
