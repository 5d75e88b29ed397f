/* plan_out.c - plan tracking as JSON, workbook sheet and terminal table; see plan_out.h. */
#include "plan_out.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "error.h"
#include "json_value.h"
#include "num.h"
#include "term.h"

static int is_en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* ---- texts shared by the three outputs ------------------------------------- */

/* The plan's attributes, in English for an English reader (the data stay Chinese). */
static const char *attribute_label(const char *a, int en)
{
	if (!a)
		return "";
	if (!en)
		return a;
	if (strcmp(a, "预期性") == 0)
		return "expected";
	if (strcmp(a, "约束性") == 0)
		return "binding";
	if (strcmp(a, "累计值") == 0)
		return "cumulative";
	return a;
}

/* Append printf output to out[0..size) after a separator when out is not empty. */
static void __attribute__((format(printf, 4, 5)))
note_add(char *out, size_t size, const char *sep, const char *fmt, ...)
{
	size_t len = strlen(out);
	if (len && len + strlen(sep) < size) {
		strcpy(out + len, sep);
		len += strlen(sep);
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

/* The notes of a row, one sentence per flag, in the reader's language. */
static void row_notes(const pb_plan_row *w, int en, char *out, size_t size)
{
	const char *sep = en ? "; " : "；";
	out[0] = '\0';
	unsigned f = w->flags;
	if (f & PB_PLAN_F_EARLY)
		note_add(out, size, sep, en ? "reached before the target year" : "提前完成");
	if (f & PB_PLAN_F_STALE)
		note_add(out, size, sep, en ? "latest actual is for %lld" : "最新实际值为%lld年数据",
			 (long long)w->latest_year);
	if (f & PB_PLAN_F_AFTER_TARGET)
		note_add(out, size, sep, en ? "actuals after the target year not used"
					    : "目标年以后的实际值未计入");
	if (f & PB_PLAN_F_LINEAR_FALLBACK)
		note_add(out, size, sep, en ? "a value is not positive, so no compound rate: "
					      "tracked by linear progress"
					    : "基期值、目标值或实际值非正，年均增长无定义，按线性进度跟踪");
	if (f & PB_PLAN_F_STATED_MISMATCH) {
		char s[32];
		pb_num_format(w->ind->growth, s);
		note_add(out, size, sep,
			 en ? "the stated %s%%/yr does not match base and target (%.2f%%/yr); "
			      "tracked by base and target"
			    : "规划所列年均增长%s%%与基期值、目标值不符（按二者为%.2f%%），按基期值、目标值跟踪",
			 s, w->planned_growth);
	}
	if (f & PB_PLAN_F_CAPPED)
		note_add(out, size, sep, en ? "projection held within 0-100%%" : "预计值以0—100%%为限");
}

/* Whole numbers are shown without decimals (counts), others with two. */
static int whole_row(const pb_plan_row *w)
{
	double v[] = { w->ind->base_value, w->ind->target_value, w->latest_value };
	for (size_t i = 0; i < 3; i++)
		if (isfinite(v[i]) && v[i] != floor(v[i]))
			return 0;
	return 1;
}

/* ---- JSON --------------------------------------------------------------------- */

static json_t *jyear(int64_t y)
{
	return y == PB_INT_MISSING ? json_null() : json_integer(y);
}

/* json_object_set_new() that remembers a failure (it frees the value itself). */
static void put(json_t *o, const char *key, json_t *v, int *fail)
{
	if (!v || json_object_set_new(o, key, v))
		*fail = 1;
}

static json_t *config_json(const pb_plan_config *c, int *fail)
{
	json_t *o = json_object(), *units = json_array();
	if (!o || !units) {
		json_decref(o);
		json_decref(units);
		*fail = 1;
		return NULL;
	}
	put(o, "at_risk_tolerance", json_real(c->at_risk_tolerance), fail);
	put(o, "growth_tolerance", json_real(c->growth_tolerance), fail);
	put(o, "stated_growth_tolerance", json_real(c->stated_growth_tolerance), fail);
	put(o, "binding_strict", json_boolean(c->binding_strict), fail);
	for (size_t i = 0; i < c->nlinear_units; i++)
		if (json_array_append_new(units, pb_json_text(c->linear_units[i])))
			*fail = 1;
	put(o, "linear_units", units, fail);
	return o;
}

static json_t *flags_json(unsigned flags, int *fail)
{
	json_t *a = json_array();
	for (int i = 0; a && i < PB_PLAN_FLAG_COUNT; i++)
		if ((flags & (1u << i)) && json_array_append_new(a, json_string(pb_plan_flag_key(1u << i))))
			*fail = 1;
	if (!a)
		*fail = 1;
	return a;
}

/* The row's figures, in the order the JSON lists them (docs/metrics.md). */
static const struct {
	const char *key;
	size_t offset;
} row_figures[] = {
#define FIG(f) { #f, offsetof(pb_plan_row, f) }
	FIG(latest_value), FIG(time_share), FIG(progress),
	FIG(achieved_growth), FIG(required_growth), FIG(achieved_per_year),
	FIG(required_per_year), FIG(path_value), FIG(projected), FIG(shortfall),
#undef FIG
};

/* The row's path: [{"year", "planned", "actual"}, ...], base year to target year. */
static json_t *path_json(const pb_plan_row *w, int *fail)
{
	json_t *a = json_array();
	if (!a) {
		*fail = 1;
		return NULL;
	}
	for (size_t k = 0; k < w->npath; k++) {
		json_t *p = json_object();
		if (!p || json_array_append_new(a, p)) {
			*fail = 1;
			break;
		}
		put(p, "year", json_integer(w->path[k].year), fail);
		put(p, "planned", pb_json_num(w->path[k].planned), fail);
		put(p, "actual", pb_json_num(w->path[k].actual), fail);
	}
	return a;
}

static json_t *row_json(const pb_plan_row *w, int en, int *fail)
{
	const pb_indicator *ind = w->ind;
	json_t *o = json_object();
	if (!o) {
		*fail = 1;
		return NULL;
	}
	int none = w->method == PB_PLAN_NONE;
	char notes[1024];
	row_notes(w, en, notes, sizeof(notes));
	put(o, "id", json_integer(ind->id), fail);
	put(o, "category", pb_json_text(ind->category), fail);
	put(o, "name", pb_json_text(ind->name), fail);
	put(o, "unit", pb_json_text(ind->unit), fail);
	put(o, "attribute", pb_json_text(ind->attribute), fail);
	put(o, "binding", json_boolean(w->binding), fail);
	put(o, "method", json_string(pb_plan_method_key(w->method)), fail);
	put(o, "direction", none ? json_null() : json_string(pb_plan_direction_key(w->dir)), fail);
	put(o, "base_year", jyear(ind->base_year), fail);
	put(o, "base_value", pb_json_num(ind->base_value), fail);
	put(o, "target_year", jyear(ind->target_year), fail);
	put(o, "target_value", pb_json_num(ind->target_value), fail);
	put(o, "stated_growth", pb_json_num(ind->growth), fail);
	put(o, "planned_growth", pb_json_num(w->planned_growth), fail);
	put(o, "latest_year", jyear(w->latest_year), fail);
	for (size_t k = 0; k < sizeof(row_figures) / sizeof(row_figures[0]); k++)
		put(o, row_figures[k].key,
		    pb_json_num(*(const double *)((const char *)w + row_figures[k].offset)), fail);
	put(o, "status", json_string(pb_plan_status_key(w->status)), fail);
	put(o, "status_label", json_string(pb_plan_status_name(w->status, en)), fail);
	put(o, "flags", flags_json(w->flags, fail), fail);
	put(o, "notes", pb_json_text(notes), fail);
	put(o, "path", path_json(w, fail), fail);
	return o;
}

json_t *pb_plan_json(const pb_plan_result *r, const char *lang)
{
	int en = is_en(lang), fail = 0;
	json_t *root = json_object(), *counts = json_object(), *rows = json_array();
	if (!root || !counts || !rows) {
		json_decref(root);
		json_decref(counts);
		json_decref(rows);
		oom();
		return NULL;
	}
	for (int s = 0; s < PB_PLAN_STATUS_COUNT; s++)
		put(counts, pb_plan_status_key((pb_plan_status)s), json_integer((json_int_t)r->count[s]),
		    &fail);
	for (size_t i = 0; i < r->nrows && !fail; i++)
		if (json_array_append_new(rows, row_json(&r->rows[i], en, &fail)))
			fail = 1;
	put(root, "as_of", jyear(r->as_of), &fail);
	put(root, "config", config_json(&r->config, &fail), &fail);
	put(root, "counts", counts, &fail);
	put(root, "indicators", rows, &fail);
	if (fail) {
		json_decref(root);
		oom();
		return NULL;
	}
	return root;
}

/* ---- the workbook sheet ------------------------------------------------------- */

enum { NCOLS = 22 };

static const char *const headers_zh[NCOLS] = {
	"类别", "指标名称", "单位", "属性", "基期年份", "基期值", "目标年份", "目标值",
	"规划年均增长（%）", "实际年份", "最新实际值", "时序应达值", "已实现年均增长（%）",
	"尚需年均增长（%）", "已实现年均增量（单位/年）", "尚需年均增量（单位/年）",
	"目标年预计值", "时序进度（%）", "完成进度（%）", "状态", "跟踪方法", "说明",
};
static const char *const headers_en[NCOLS] = {
	"Category", "Indicator", "Unit", "Attribute", "Base year", "Base value", "Target year",
	"Target value", "Stated growth (%/yr)", "Actual year", "Latest actual",
	"Value due on course", "Growth achieved (%/yr)", "Growth required (%/yr)",
	"Change achieved (unit/yr)", "Change required (unit/yr)", "Projected at target year",
	"Time elapsed (%)", "Progress (%)", "Status", "Method", "Notes",
};

static pb_book_cell year_cell(int64_t y)
{
	return pb_bc_num(PB_BF_YEAR, y == PB_INT_MISSING ? NAN : (double)y);
}

static int sheet_row(pb_book *b, const pb_plan_row *w, int en)
{
	const pb_indicator *ind = w->ind;
	pb_book_fmt vf = whole_row(w) ? PB_BF_INT : PB_BF_NUM;
	char notes[1024];
	row_notes(w, en, notes, sizeof(notes));
	pb_book_cell c[NCOLS] = {
		pb_bc_text(ind->category), pb_bc_text(ind->name), pb_bc_text(ind->unit),
		pb_bc_text(attribute_label(ind->attribute, en)), year_cell(ind->base_year),
		pb_bc_num(vf, ind->base_value), year_cell(ind->target_year),
		pb_bc_num(vf, ind->target_value), pb_bc_num(PB_BF_PP, ind->growth),
		year_cell(w->latest_year), pb_bc_num(vf, w->latest_value),
		pb_bc_num(PB_BF_NUM, w->path_value), pb_bc_num(PB_BF_PP, w->achieved_growth),
		pb_bc_num(PB_BF_PP, w->required_growth), pb_bc_num(PB_BF_NUM, w->achieved_per_year),
		pb_bc_num(PB_BF_NUM, w->required_per_year), pb_bc_num(PB_BF_NUM, w->projected),
		pb_bc_num(PB_BF_NUM1, w->time_share), pb_bc_num(PB_BF_NUM1, w->progress),
		pb_bc_text(pb_plan_status_name(w->status, en)),
		pb_bc_text(pb_plan_method_name(w->method, en)), pb_bc_text(notes),
	};
	return pb_book_row(b, c, NCOLS);
}

/* The rule the statuses follow, with this result's thresholds. */
static void rule_text(const pb_plan_config *c, int en, char *out, size_t size)
{
	snprintf(out, size,
		 en ? "At risk: annual growth at most %g percentage points below the planned rate "
		      "(compound), or progress at most %g points behind time elapsed (linear; "
		      "maintained indicators: at most %g%% below target)%s"
		    : "基本达到时序进度：年均增长低于规划不超过 %g 个百分点（复合增长），或完成进度落后时序进度"
		      "不超过 %g 个百分点（线性进度；保持类：低于目标不超过 %g%%）%s",
		 c->growth_tolerance, c->at_risk_tolerance, c->at_risk_tolerance,
		 c->binding_strict ? (en ? "; binding indicators have no at-risk band"
					 : "；约束性指标不设基本达到，未达即为未达进度")
				   : "");
}

static void as_of_text(int64_t as_of, int en, char *out, size_t size)
{
	if (as_of == PB_INT_MISSING)
		snprintf(out, size, en ? "no actuals yet" : "尚无实际值");
	else
		snprintf(out, size, en ? "as of %lld" : "截至 %lld 年", (long long)as_of);
}

static const char *const sheet_notes_zh[] = {
	"时序进度 =（实际年份 − 基期年份）÷（目标年份 − 基期年份）；各指标按其最新实际值所在年份计。",
	"复合增长：已实现年均增长 =（最新实际值 ÷ 基期值）^(1 ÷ 已过年数) − 1，与按基期值、目标值测算的规划年均增长比较；"
	"尚需年均增长 =（目标值 ÷ 最新实际值）^(1 ÷ 剩余年数) − 1；目标年预计值按已实现年均增长推算。",
	"线性进度（占比“%”指标和累计值指标）：完成进度 =（最新实际值 − 基期值）÷（目标值 − 基期值），与时序进度比较；"
	"年均增量按单位每年计。",
	"保持（目标值等于基期值）：实际值不低于目标值即达到时序进度。目标值低于基期值的指标越低越好。",
	"规划所列年均增长只作核对；跟踪按基期值和目标值（二者不符时见说明列）。",
};
static const char *const sheet_notes_en[] = {
	"Time elapsed = (actual year - base year) / (target year - base year), at the year of "
	"each indicator's latest actual.",
	"Compound: growth achieved = (latest / base)^(1 / years elapsed) - 1, against the rate "
	"base and target imply; growth required = (target / latest)^(1 / years left) - 1; the "
	"projection continues the achieved rate.",
	"Linear (shares in % and cumulative counts): progress = (latest - base) / (target - "
	"base), against time elapsed; changes are in the unit per year.",
	"Maintain (target equal to base): on course while the actual is at least the target. "
	"A target below its base means lower is better.",
	"The stated growth is only checked: tracking uses base and target (see Notes where "
	"they disagree).",
};

int pb_plan_write_sheet_lang(pb_book *b, const pb_plan_result *r, const char *lang)
{
	int en = is_en(lang);
	char when[64], rule[512], sub[640];
	as_of_text(r->as_of, en, when, sizeof(when));
	rule_text(&r->config, en, rule, sizeof(rule));
	snprintf(sub, sizeof(sub), "%s%s%s", when, en ? ". " : "。", rule);
	int rc = pb_book_sheet(b, en ? "Plan tracking" : "规划目标跟踪",
			       en ? "Plan targets: progress" : "规划目标跟踪", sub,
			       en ? headers_en : headers_zh, NCOLS);
	for (size_t i = 0; i < r->nrows && !rc; i++)
		rc = sheet_row(b, &r->rows[i], en);
	const char *const *notes = en ? sheet_notes_en : sheet_notes_zh;
	for (size_t i = 0; i < sizeof(sheet_notes_zh) / sizeof(sheet_notes_zh[0]) && !rc; i++)
		rc = pb_book_note(b, notes[i]);
	return rc;
}

int pb_plan_write_sheet(pb_book *b, const pb_plan_result *r)
{
	return pb_plan_write_sheet_lang(b, r, "zh");
}

/* ---- the terminal table ----------------------------------------------------- */

static void fmt_value(char out[32], double v, int whole)
{
	if (!isfinite(v))
		snprintf(out, 32, "-");
	else
		snprintf(out, 32, whole ? "%.0f" : "%.2f", v);
}

/* Growth of a compound row in %, change per year of the others, in one column. */
static void fmt_pace(char out[32], double growth, double per_year, int en)
{
	if (isfinite(growth))
		snprintf(out, 32, "%+.2f%%", growth);
	else if (isfinite(per_year))
		snprintf(out, 32, en ? "%+.2f/yr" : "%+.2f/年", per_year);
	else
		snprintf(out, 32, "-");
}

static void fmt_pct(char out[32], double v)
{
	if (isfinite(v))
		snprintf(out, 32, "%.1f%%", v);
	else
		snprintf(out, 32, "-");
}

static int name_width(const pb_plan_result *r, const char *head)
{
	int w = pb_term_width(head);
	for (size_t i = 0; i < r->nrows; i++) {
		int n = pb_term_width(r->rows[i].ind->name ? r->rows[i].ind->name : "");
		w = n > w ? n : w;
	}
	return w + 2;
}

/* Columns after name and unit, right-aligned, two blanks apart. */
static const int widths[] = { 9, 9, 15, 10, 10, 10, 7, 7 };

/* Right-align `s` in `cols` display columns after two blanks. */
static void print_right(FILE *out, const char *s, int cols)
{
	for (int pad = cols - pb_term_width(s) + 2; pad > 0; pad--)
		putc(' ', out);
	fputs(s, out);
}

static void print_head(FILE *out, int en, int nw)
{
	static const char *const zh[] = { "基期值", "目标值", "实际值（年）", "已实现年均",
					  "尚需年均", "目标年预计", "时序", "完成" };
	static const char *const enh[] = { "base", "target", "actual (year)", "achieved",
					   "required", "projected", "time", "progress" };
	pb_term_pad(out, en ? "Indicator" : "指标", nw);
	pb_term_pad(out, en ? "Unit" : "单位", 6);
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++)
		print_right(out, en ? enh[i] : zh[i], widths[i]);
	fputs(en ? "  status\n" : "  状态\n", out);
}

static void print_row(FILE *out, const pb_plan_row *w, int en, int nw)
{
	const pb_indicator *ind = w->ind;
	int whole = whole_row(w);
	char c[8][64], v[32];
	fmt_value(c[0], ind->base_value, whole);
	fmt_value(c[1], ind->target_value, whole);
	fmt_value(v, w->latest_value, whole);
	if (w->latest_year == PB_INT_MISSING)
		snprintf(c[2], sizeof(c[2]), "-");
	else
		snprintf(c[2], sizeof(c[2]), "%s (%lld)", v, (long long)w->latest_year);
	fmt_pace(c[3], w->achieved_growth, w->achieved_per_year, en);
	fmt_pace(c[4], w->required_growth, w->required_per_year, en);
	fmt_value(c[5], w->projected, 0);
	fmt_pct(c[6], w->time_share);
	fmt_pct(c[7], w->progress);
	pb_term_pad(out, ind->name ? ind->name : "", nw);
	pb_term_pad(out, ind->unit ? ind->unit : "", 6);
	for (size_t i = 0; i < 8; i++)
		print_right(out, c[i], widths[i]);
	fprintf(out, "  %s%s\n", pb_plan_status_name(w->status, en),
		w->binding ? (en ? " (binding)" : "（约束性）") : "");
}

static void print_counts(FILE *out, const pb_plan_result *r, int en)
{
	fputs(en ? "Indicators: " : "指标：", out);
	for (int s = 0, first = 1; s < PB_PLAN_STATUS_COUNT; s++) {
		if (!r->count[s])
			continue;
		fprintf(out, "%s%s %zu", first ? "" : " · ", pb_plan_status_name((pb_plan_status)s, en),
			r->count[s]);
		first = 0;
	}
	fputc('\n', out);
}

int pb_plan_print(FILE *out, const pb_plan_result *r, const char *lang)
{
	int en = is_en(lang);
	char when[64], rule[512], notes[1024];
	as_of_text(r->as_of, en, when, sizeof(when));
	rule_text(&r->config, en, rule, sizeof(rule));
	fprintf(out, en ? "Plan targets: progress (%s)\n%s\n\n" : "规划目标跟踪（%s）\n%s\n\n", when,
		rule);
	if (!r->nrows) {
		fputs(en ? "No plan indicators yet.\n" : "尚无规划指标。\n", out);
		return ferror(out) ? pb_error_set(PB_EIO, "写入失败 / write failed") : 0;
	}
	int nw = name_width(r, en ? "Indicator" : "指标");
	print_head(out, en, nw);
	for (size_t i = 0; i < r->nrows; i++)
		print_row(out, &r->rows[i], en, nw);
	fputc('\n', out);
	print_counts(out, r, en);
	for (size_t i = 0; i < r->nrows; i++) {
		row_notes(&r->rows[i], en, notes, sizeof(notes));
		if (notes[0])
			fprintf(out, "  * %s%s%s\n", r->rows[i].ind->name ? r->rows[i].ind->name : "",
				en ? ": " : "：", notes);
	}
	return ferror(out) ? pb_error_set(PB_EIO, "写入失败 / write failed") : 0;
}
