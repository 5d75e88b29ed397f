/*
 * warn_out.c - JSON, the workbook sheet and the text of warnings; see warn_out.h.
 *
 * Stored figures are JSON text (src/core/warn.c writes them); they are parsed here with
 * jansson for the JSON output, the sheet's main-figure columns and the English list.
 * Times are kept in UTC (ISO 8601) and shown in Beijing time, the time the bureau
 * lives in (UTC+8, no daylight saving).
 */
#include "warn_out.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "json_value.h"
#include "month.h"
#include "num.h"
#include "term.h"

/* ---- shared helpers ------------------------------------------------------------------ */

static const pb_warn_rule_info *rule_of(const char *key)
{
	int r = pb_warn_rule_index(key);
	return r >= 0 ? pb_warn_rule_get((pb_warn_rule)r) : NULL;
}

/* The rule's name; a key this version does not know is shown as it is. */
static const char *rule_label(const char *key, int en)
{
	const pb_warn_rule_info *ri = rule_of(key);
	return ri ? (en ? ri->name_en : ri->name) : key ? key : "";
}

/* "2024-04-10T08:05:00Z" (UTC) as "2024-04-10 16:05" (Beijing); "" for none. */
static void beijing_time(const char *iso, char out[32])
{
	struct tm tm = { 0 };
	out[0] = '\0';
	if (!iso)
		return;
	if (sscanf(iso, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, 32, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = timegm(&tm) + 8 * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}

/* The stored figures, parsed; NULL when the text is not a JSON array. */
static json_t *figures_of(const pb_warn_record *r)
{
	json_t *f = r->figures ? json_loads(r->figures, 0, NULL) : NULL;
	if (f && !json_is_array(f)) {
		json_decref(f);
		return NULL;
	}
	return f;
}

/* The figure keyed `key` of a parsed array, or NULL. */
static json_t *figure_keyed(json_t *figs, const char *key)
{
	size_t i;
	json_t *f;
	json_array_foreach(figs, i, f) {
		const char *k = json_string_value(json_object_get(f, "key"));
		if (k && strcmp(k, key) == 0)
			return f;
	}
	return NULL;
}

static const char *figure_text(json_t *f, const char *field)
{
	const char *s = json_string_value(json_object_get(f, field));
	return s ? s : "";
}

static double figure_value(json_t *f)
{
	json_t *v = json_object_get(f, "value");
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* Counts of a list by severity (index severity - 1) and status. */
typedef struct tally {
	int64_t severity[3], status[PB_WS_COUNT];
	int first, last; /* months, yyyymm */
} tally;

static tally count_of(const pb_warn_records *l)
{
	tally t = { 0 };
	for (size_t i = 0; i < l->n; i++) {
		const pb_warn_record *r = &l->items[i];
		if (r->severity >= 1 && r->severity <= 3)
			t.severity[r->severity - 1]++;
		t.status[r->status]++;
		if (!t.first || r->month < t.first)
			t.first = r->month;
		if (r->month > t.last)
			t.last = r->month;
	}
	return t;
}

/* ---- JSON ------------------------------------------------------------------------------- */

static json_t *record_json(const pb_warn_record *r)
{
	char mon[8];
	pb_month_format(r->month, mon);
	json_t *o = json_object(), *figs = figures_of(r);
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "month", json_string(mon));
	json_object_set_new(o, "enterprise_id", json_integer(r->enterprise_id));
	json_object_set_new(o, "uscc", pb_json_text(r->uscc));
	json_object_set_new(o, "enterprise", pb_json_text(r->name));
	json_object_set_new(o, "rule", pb_json_text(r->rule));
	json_object_set_new(o, "rule_name", json_string(rule_label(r->rule, 0)));
	json_object_set_new(o, "severity", json_integer(r->severity));
	json_object_set_new(o, "severity_name", json_string(pb_warn_severity_name(r->severity)));
	json_object_set_new(o, "message", pb_json_text(r->message));
	json_object_set_new(o, "figures", figs ? figs : json_null());
	json_object_set_new(o, "status", json_string(pb_warn_status_key(r->status)));
	json_object_set_new(o, "status_name", json_string(pb_warn_status_name(r->status)));
	json_object_set_new(o, "raised_at", pb_json_text(r->raised_at));
	json_object_set_new(o, "updated_at", pb_json_text(r->updated_at));
	json_object_set_new(o, "acked_by", pb_json_text(r->acked_by));
	json_object_set_new(o, "acked_at", pb_json_text(r->acked_at));
	json_object_set_new(o, "ack_note", pb_json_text(r->ack_note));
	json_object_set_new(o, "closed_by", pb_json_text(r->closed_by));
	json_object_set_new(o, "closed_at", pb_json_text(r->closed_at));
	json_object_set_new(o, "close_note", pb_json_text(r->close_note));
	return o;
}

static json_t *severity_counts(const int64_t n[3])
{
	json_t *o = json_object();
	json_object_set_new(o, "1", json_integer(n[0]));
	json_object_set_new(o, "2", json_integer(n[1]));
	json_object_set_new(o, "3", json_integer(n[2]));
	return o;
}

json_t *pb_warn_records_json(const pb_warn_records *list)
{
	tally t = count_of(list);
	json_t *o = json_object(), *sum = json_object(), *st = json_object(), *rules = json_object();
	json_t *arr = json_array();
	if (!o || !sum || !st || !rules || !arr) {
		json_decref(o);
		json_decref(sum);
		json_decref(st);
		json_decref(rules);
		json_decref(arr);
		return NULL;
	}
	for (size_t i = 0; i < list->n; i++) {
		const char *key = list->items[i].rule ? list->items[i].rule : "";
		json_t *c = json_object_get(rules, key);
		json_object_set_new(rules, key, json_integer(c ? json_integer_value(c) + 1 : 1));
		json_array_append_new(arr, record_json(&list->items[i]));
	}
	for (int s = 0; s < PB_WS_COUNT; s++)
		json_object_set_new(st, pb_warn_status_key((pb_warn_status)s), json_integer(t.status[s]));
	json_object_set_new(sum, "by_severity", severity_counts(t.severity));
	json_object_set_new(sum, "by_status", st);
	json_object_set_new(sum, "by_rule", rules);
	json_object_set_new(o, "count", json_integer((json_int_t)list->n));
	json_object_set_new(o, "summary", sum);
	json_object_set_new(o, "warnings", arr);
	return o;
}

json_t *pb_warn_run_json(const pb_warn_list *list, const pb_warn_save_stats *s)
{
	char mon[8];
	pb_month_format(list->month, mon);
	json_t *o = json_object(), *rules = json_object(), *st = json_object();
	if (!o || !rules || !st) {
		json_decref(o);
		json_decref(rules);
		json_decref(st);
		return NULL;
	}
	json_object_set_new(o, "month", json_string(mon));
	json_object_set_new(o, "fired", json_integer((json_int_t)list->n));
	json_object_set_new(o, "inserted", json_integer(s->inserted));
	json_object_set_new(o, "updated", json_integer(s->updated));
	json_object_set_new(o, "unchanged", json_integer(s->unchanged));
	json_object_set_new(o, "removed", json_integer(s->removed));
	json_object_set_new(o, "kept", json_integer(s->kept));
	for (int i = 0; i < PB_WS_COUNT; i++)
		json_object_set_new(st, pb_warn_status_key((pb_warn_status)i), json_integer(s->status[i]));
	json_object_set_new(o, "status", st);
	for (int r = 0; r < PB_WR_COUNT; r++) {
		const int64_t *n = list->count[r];
		json_t *ro = json_object();
		json_object_set_new(ro, "name", json_string(pb_warn_rule_get((pb_warn_rule)r)->name));
		json_object_set_new(ro, "enabled", json_boolean(list->rules & (1u << r)));
		json_object_set_new(ro, "fired", json_integer(n[0] + n[1] + n[2]));
		json_object_set_new(ro, "by_severity", severity_counts(n));
		json_object_set_new(rules, pb_warn_rule_get((pb_warn_rule)r)->key, ro);
	}
	json_object_set_new(o, "rules", rules);
	return o;
}

/* ---- the workbook sheet ---------------------------------------------------------------- */

/* How a figure of this unit is shown: whole months and days, percent with its sign. */
static pb_book_fmt unit_format(const char *unit)
{
	if (strcmp(unit, "%") == 0)
		return PB_BF_PCT;
	if (strcmp(unit, "个月") == 0 || strcmp(unit, "天") == 0)
		return PB_BF_INT;
	return PB_BF_NUM;
}

static void period_text(char *out, size_t n, const tally *t)
{
	char a[24], b[24];
	snprintf(a, sizeof(a), "%d年%d月", t->first / 100, t->first % 100);
	snprintf(b, sizeof(b), "%d年%d月", t->last / 100, t->last % 100);
	if (!t->first)
		snprintf(out, n, "无预警");
	else if (t->first == t->last)
		snprintf(out, n, "%s", a);
	else
		snprintf(out, n, "%s至%s", a, b);
}

/* "张三 2024-04-10 16:00：已安排走访" - who, when (Beijing time), the note; "" when the
 * step was not taken. */
static void step_text(char *out, size_t n, const char *by, const char *at, const char *note)
{
	char when[32];
	beijing_time(at, when);
	if (!by)
		out[0] = '\0';
	else
		snprintf(out, n, "%s %s%s%s", by, when, note ? "：" : "", note ? note : "");
}

static int sheet_row(pb_book *b, const pb_warn_record *r)
{
	char mon[8], acked[1024], closed[1024];
	pb_month_format(r->month, mon);
	step_text(acked, sizeof(acked), r->acked_by, r->acked_at, r->ack_note);
	step_text(closed, sizeof(closed), r->closed_by, r->closed_at, r->close_note);
	json_t *figs = figures_of(r), *main = figs ? json_array_get(figs, 0) : NULL;
	json_t *line = figs ? figure_keyed(figs, "threshold") : NULL;
	const char *unit = main ? figure_text(main, "unit") : "";
	pb_book_cell cells[] = {
		pb_bc_num(PB_BF_INT, (double)r->id),
		pb_bc_text(mon),
		pb_bc_text(r->name),
		pb_bc_text(r->uscc),
		pb_bc_text(rule_label(r->rule, 0)),
		pb_bc_text(pb_warn_severity_name(r->severity)),
		(pb_book_cell){ PB_BF_WRAP, r->message, 0 },
		pb_bc_text(main ? figure_text(main, "name") : NULL),
		pb_bc_num(unit_format(unit), main ? figure_value(main) : NAN),
		pb_bc_text(unit),
		pb_bc_num(unit_format(unit), line ? figure_value(line) : NAN),
		pb_bc_text(pb_warn_status_name(r->status)),
		(pb_book_cell){ PB_BF_WRAP, acked, 0 },
		(pb_book_cell){ PB_BF_WRAP, closed, 0 },
	};
	int rc = pb_book_row(b, cells, sizeof(cells) / sizeof(cells[0]));
	json_decref(figs);
	return rc;
}

int pb_warn_write_sheet(pb_book *b, const pb_warn_records *list)
{
	static const char *const hdr[] = {
		"编号", "月份", "企业名称", "统一社会信用代码", "预警规则", "级别", "预警内容",
		"主要指标", "数值", "单位", "预警线", "处理状态", "签收（签收人、北京时间、说明）",
		"办结（办结人、北京时间、走访情况与一企一策）",
	};
	tally t = count_of(list);
	char period[64], sub[512];
	period_text(period, sizeof(period), &t);
	snprintf(sub, sizeof(sub), "%s：共 %zu 条（严重 %lld、预警 %lld、关注 %lld；未处理 %lld、已签收 %lld、"
		 "已办结 %lld）", period, list->n, (long long)t.severity[2], (long long)t.severity[1],
		 (long long)t.severity[0], (long long)t.status[PB_WS_OPEN],
		 (long long)t.status[PB_WS_ACKNOWLEDGED], (long long)t.status[PB_WS_CLOSED]);
	int rc = pb_book_sheet(b, "预警清单", "企业运行预警清单", sub, hdr, sizeof(hdr) / sizeof(hdr[0]));
	for (size_t i = 0; i < list->n && !rc; i++)
		rc = sheet_row(b, &list->items[i]);
	if (!rc && list->n == 0)
		rc = pb_book_note(b, "没有符合条件的预警。");
	if (!rc)
		rc = pb_book_note(b, "级别：关注（一级）、预警（二级）、严重（三级）。“数值”为触发预警的主要指标，"
				  "“预警线”为规则的界线；各规则的口径见预警规则说明。");
	if (!rc)
		rc = pb_book_note(b, "处理流程：未处理 → 已签收 → 已办结；办结须填写走访情况与一企一策措施。"
				  "重新计算同一月份时，已签收、已办结的预警保留其处理记录。");
	return rc;
}

/* ---- text -------------------------------------------------------------------------------- */

/* Units as an English reader takes them. */
static const char *unit_en(const char *u)
{
	static const char *const map[][2] = {
		{ "万元", "10k yuan" }, { "个月", "months" }, { "天", "days" }, { "倍", "x" },
		{ "吨标准煤", "tce" }, { "万千瓦时", "10 MWh" }, { "人", "people" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(u, map[i][0]) == 0)
			return map[i][1];
	return u;
}

/* The figures in English: "YoY, month -35.2 %; this month 1,234.50 10k yuan; ..." */
static void print_figures_en(FILE *f, const pb_warn_record *r)
{
	json_t *figs = figures_of(r), *fig;
	size_t i;
	fputs("     ", f);
	json_array_foreach(figs, i, fig) {
		char v[48];
		const char *unit = figure_text(fig, "unit");
		pb_num_grouped(figure_value(fig), strcmp(unit, "个月") == 0 || strcmp(unit, "天") == 0 ? 0 : 2, v);
		/* "-35.2%", "15 days" */
		fprintf(f, "%s%s %s%s%s", i ? "; " : "", figure_text(fig, "name_en"), v,
			*unit && strcmp(unit, "%") != 0 ? " " : "", unit_en(unit));
	}
	fputc('\n', f);
	json_decref(figs);
}

static void print_step(FILE *f, const char *label, const char *by, const char *at, const char *note)
{
	char text[1024];
	step_text(text, sizeof(text), by, at, note);
	fprintf(f, "     %s%s\n", label, text);
}

static void print_record(FILE *f, const pb_warn_record *r, int en)
{
	char id[32], mon[8];
	snprintf(id, sizeof(id), "#%lld", (long long)r->id);
	pb_month_format(r->month, mon);
	pb_term_cell(f, id, 6, 0);
	pb_term_cell(f, mon, 9, 0);
	pb_term_cell(f, en ? pb_warn_severity_name_en(r->severity) : pb_warn_severity_name(r->severity), 9, 0);
	pb_term_cell(f, en ? pb_warn_status_name_en(r->status) : pb_warn_status_name(r->status), 14, 0);
	pb_term_cell(f, r->name ? r->name : "", 36, 0);
	fprintf(f, " %s\n", rule_label(r->rule, en));
	if (en)
		print_figures_en(f, r);
	else
		fprintf(f, "     %s\n", r->message ? r->message : "");
	if (r->acked_by)
		print_step(f, en ? "acknowledged: " : "签收：", r->acked_by, r->acked_at, r->ack_note);
	if (r->closed_by)
		print_step(f, en ? "closed: " : "办结：", r->closed_by, r->closed_at, r->close_note);
}

int pb_warn_records_print(FILE *f, const pb_warn_records *list, int en)
{
	for (size_t i = 0; i < list->n; i++)
		print_record(f, &list->items[i], en);
	tally t = count_of(list);
	if (list->n == 0)
		fputs(en ? "No warnings match.\n" : "没有符合条件的预警。\n", f);
	else if (en)
		fprintf(f, "\n%zu warnings: %lld severe, %lld warning, %lld notice\n", list->n,
			(long long)t.severity[2], (long long)t.severity[1], (long long)t.severity[0]);
	else
		fprintf(f, "\n共 %zu 条：严重 %lld，预警 %lld，关注 %lld\n", list->n, (long long)t.severity[2],
			(long long)t.severity[1], (long long)t.severity[0]);
	return ferror(f) ? pb_error_set(PB_EIO, "输出失败 / writing the list failed") : 0;
}

static void print_rule_table(FILE *f, const pb_warn_list *list, int en)
{
	const char *h[] = { en ? "Rule" : "预警规则", en ? "Notice" : "关注", en ? "Warning" : "预警",
			    en ? "Severe" : "严重", en ? "Total" : "合计" };
	pb_term_cell(f, h[0], 36, 0);
	for (int i = 1; i < 5; i++)
		pb_term_cell(f, h[i], 9, 1);
	fputc('\n', f);
	int64_t total[4] = { 0 };
	for (int r = 0; r < PB_WR_COUNT; r++) {
		const pb_warn_rule_info *ri = pb_warn_rule_get((pb_warn_rule)r);
		const int64_t *n = list->count[r];
		pb_term_cell(f, en ? ri->name_en : ri->name, 36, 0);
		if (!(list->rules & (1u << r))) {
			fputs(en ? "      (disabled)\n" : "      （未启用）\n", f);
			continue;
		}
		for (int s = 0; s < 4; s++) {
			char c[24];
			int64_t v = s < 3 ? n[s] : n[0] + n[1] + n[2];
			total[s] += v;
			snprintf(c, sizeof(c), "%lld", (long long)v);
			pb_term_cell(f, c, 9, 1);
		}
		fputc('\n', f);
	}
	pb_term_cell(f, en ? "All rules" : "合计", 36, 0);
	for (int s = 0; s < 4; s++) {
		char c[24];
		snprintf(c, sizeof(c), "%lld", (long long)total[s]);
		pb_term_cell(f, c, 9, 1);
	}
	fputc('\n', f);
}

int pb_warn_run_print(FILE *f, const pb_warn_list *list, const pb_warn_save_stats *s, int en)
{
	const int64_t *st = s->status;
	fprintf(f, en ? "Warnings for %04d-%02d: %zu fired (%lld new, %lld updated, %lld unchanged); no "
			"longer firing: %lld open removed, %lld followed up kept.\nThe month's warnings "
			"now: %lld open, %lld acknowledged, %lld closed.\n\n"
		      : "%d年%d月预警：触发 %zu 条（新增 %lld、更新 %lld、未变 %lld）；不再触发的：移除未处理的 "
			"%lld 条，保留已签收或已办结的 %lld 条。\n本月预警现有：未处理 %lld 条、已签收 %lld 条、"
			"已办结 %lld 条。\n\n",
		list->month / 100, list->month % 100, list->n, (long long)s->inserted, (long long)s->updated,
		(long long)s->unchanged, (long long)s->removed, (long long)s->kept,
		(long long)st[PB_WS_OPEN], (long long)st[PB_WS_ACKNOWLEDGED], (long long)st[PB_WS_CLOSED]);
	print_rule_table(f, list, en);
	return ferror(f) ? pb_error_set(PB_EIO, "输出失败 / writing the summary failed") : 0;
}
