/*
 * demo.c - building the demo zone; see demo.h and data/demo/README.md.
 *
 * The published files are transcriptions of the plan's tables; what they lack is
 * generated here (through src/core/demo_gen.c) and written as ordinary import files,
 * so that the demo is built by exactly the importer users use.
 */
#include "demo.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "demo_gen.h"
#include "demo_pipeline.h"
#include "error.h"
#include "export.h"
#include "import.h"
#include "memtable.h"
#include "month.h"
#include "text.h"

typedef struct demo {
	pb_store *st;
	const pb_demo_input *files;
	size_t nfiles;
	const pb_demo_opts *o;
	uint64_t seed;
	pb_report *rep;
	pb_memtable ents, land, indicators, calibration;
	char (*uscc)[19];       /* per enterprise, list order */
	pb_demo_firm *firms;
	size_t nfirms;
	double *year_output;    /* [firm * 8 + year - first_year + 1]: 工业总产值, 万元 */
	double *year_tax;       /* the same for 税金 */
	pb_demo_sector sectors[8];
	size_t nsectors;
	pb_demo_params params;
} demo;

static const pb_demo_input *find_file(const demo *d, const char *name)
{
	for (size_t i = 0; i < d->nfiles; i++)
		if (strcmp(d->files[i].name, name) == 0)
			return &d->files[i];
	return NULL;
}

static int missing_file(const char *name)
{
	return pb_error_set(PB_ENOTFOUND, "示例数据缺少文件 %s / demo file %s is missing", name,
			    name);
}

static int read_published(demo *d, const char *name, pb_memtable *t)
{
	const pb_demo_input *f = find_file(d, name);
	if (!f)
		return missing_file(name);
	pb_source src = { f->name, NULL, f->data, f->len };
	return pb_memtable_read(t, &src, d->rep);
}

/* Write `data` to out_dir/name when asked to. */
static int save(const demo *d, const char *name, const char *data, size_t len)
{
	if (!d->o->out_dir)
		return 0;
	mkdir(d->o->out_dir, 0777); /* EEXIST is fine; fopen says if it is not */
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", d->o->out_dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		return pb_error_set(PB_EIO, "无法写入 %s：%s / cannot write %s: %s", path,
				    strerror(errno), path, strerror(errno));
	size_t w = fwrite(data, 1, len, f);
	int rc = fclose(f);
	if (w != len || rc)
		return pb_error_set(PB_EIO, "写入 %s 失败 / writing %s failed", path, path);
	return 0;
}

static int import_buffer(demo *d, const char *kind_name, const char *name, const char *data,
			 size_t len)
{
	int rc = save(d, name, data, len);
	if (rc)
		return rc;
	const pb_kind *kind = pb_kind_find(kind_name);
	if (!kind)
		return pb_error_set(PB_ENOTFOUND, "没有数据类型 %s / no kind %s", kind_name, kind_name);
	pb_source src = { name, NULL, (const unsigned char *)data, len };
	pb_import_opts io = { .user = d->o->user ? d->o->user : "demo" };
	pb_import_result res;
	rc = pb_import_run(d->st, kind, &src, &io, d->rep, &res);
	if (!rc && d->o->log)
		fprintf(d->o->log, "  %-24s %6lld 行 → %s\n", name, (long long)res.rows, kind->zh);
	return rc;
}

static int import_published(demo *d, const char *kind, const char *name)
{
	const pb_demo_input *f = find_file(d, name);
	if (!f)
		return missing_file(name);
	return import_buffer(d, kind, name, (const char *)f->data, f->len);
}

static int import_table(demo *d, const char *kind, const char *name, const pb_memtable *t)
{
	size_t len;
	char *csv = pb_memtable_csv(t, &len);
	if (!csv)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int rc = import_buffer(d, kind, name, csv, len);
	free(csv);
	return rc;
}

/* ---- enterprises: the published list plus generated USCCs --------------------- */

static int complete_enterprises(demo *d)
{
	pb_memtable *t = &d->ents;
	int cname = pb_memtable_col(t, "企业名称"), ctier = pb_memtable_col(t, "企业类型");
	int csec = pb_memtable_col(t, "产业板块");
	if (cname < 0 || ctier < 0 || csec < 0)
		return pb_error_set(PB_EINVAL, "enterprises.csv 缺少 企业名称/企业类型/产业板块 列 / "
				    "enterprises.csv lacks its name, tier or sector column");
	d->nfirms = t->nrows - 1;
	d->uscc = calloc(d->nfirms ? d->nfirms : 1, sizeof(*d->uscc));
	d->firms = calloc(d->nfirms ? d->nfirms : 1, sizeof(*d->firms));
	d->year_output = calloc((d->nfirms ? d->nfirms : 1) * 8, sizeof(double));
	d->year_tax = calloc((d->nfirms ? d->nfirms : 1) * 8, sizeof(double));
	if (!d->uscc || !d->firms || !d->year_output || !d->year_tax)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	pb_memtable out;
	pb_memtable_init(&out);
	int rc = 0;
	for (size_t r = 0; r < t->nrows && !rc; r++) {
		const char *cells[64];
		size_t n = t->widths[r] < 63 ? t->widths[r] : 63;
		if (r == 0) {
			cells[0] = "统一社会信用代码";
		} else {
			pb_demo_uscc(d->seed, r - 1, d->uscc[r - 1]);
			cells[0] = d->uscc[r - 1];
			pb_demo_firm *f = &d->firms[r - 1];
			f->name = pb_memtable_get(t, r, cname);
			f->sector = pb_memtable_get(t, r, csec);
			const char *tier = pb_memtable_get(t, r, ctier);
			f->tier = strstr(tier, "龙头") ? PB_TIER_LEADING
				  : strstr(tier, "骨干") ? PB_TIER_BACKBONE
				  : strstr(tier, "成长") ? PB_TIER_GROWTH : PB_TIER_BELOW;
			f->anchor_2020 = PB_MISSING;
			f->tobacco = strstr(f->name, "卷烟") != NULL;
		}
		for (size_t c = 0; c < n; c++)
			cells[c + 1] = t->rows[r][c];
		rc = pb_memtable_add(&out, cells, n + 1);
	}
	if (!rc)
		rc = import_table(d, "enterprises", "enterprises.csv", &out);
	pb_memtable_free(&out);
	return rc;
}

static int firm_by_name(const demo *d, const char *name)
{
	char a[512], b[512];
	pb_text_key(name, strlen(name), a, sizeof(a));
	for (size_t i = 0; i < d->nfirms; i++) {
		pb_text_key(d->firms[i].name, strlen(d->firms[i].name), b, sizeof(b));
		if (strcmp(a, b) == 0)
			return (int)i;
	}
	return -1;
}

/* ---- calibration: 表2-1 and the published firm outputs -------------------------- */

static double to_wanyuan(double v, const char *unit)
{
	if (strstr(unit, "亿"))
		return v * 10000;
	return v;
}

/* The 表2-1 indicators the generator calibrates to, by the words of their names. */
static int calibrate_from_indicators(demo *d)
{
	static const struct { const char *words, *sector; } map[] = {
		{ "电子信息", "电子信息" }, { "装备制造", "装备制造" }, { "消费品", "消费品" },
		{ "医疗制造", "医疗制造" },
	};
	pb_memtable *t = &d->indicators;
	int cn = pb_memtable_col(t, "指标名称"), cb = pb_memtable_col(t, "基期值");
	int ct = pb_memtable_col(t, "目标值"), cu = pb_memtable_col(t, "单位");
	if (cn < 0 || cb < 0 || ct < 0 || cu < 0)
		return pb_error_set(PB_EINVAL, "indicators.csv 的列不全 / indicators.csv lacks columns");
	for (size_t r = 1; r < t->nrows; r++) {
		const char *name = pb_memtable_get(t, r, cn), *unit = pb_memtable_get(t, r, cu);
		double base = to_wanyuan(atof(pb_memtable_get(t, r, cb)), unit);
		double target = to_wanyuan(atof(pb_memtable_get(t, r, ct)), unit);
		const char *sector = NULL;
		for (size_t k = 0; k < sizeof(map) / sizeof(map[0]); k++)
			if (strstr(name, map[k].words) && strstr(name, "产值"))
				sector = map[k].sector;
		if (strcmp(name, "其它") == 0 || strcmp(name, "其他") == 0)
			sector = "其它";
		if (sector && d->nsectors < 8) {
			d->sectors[d->nsectors++] = (pb_demo_sector){ sector, base, target, { 0 } };
		} else if (strcmp(name, "规模以上企业营业收入") == 0) {
			d->params.revenue_base = base;
		} else if (strcmp(name, "其中规上工业利润") == 0 || strcmp(name, "规上工业利润") == 0) {
			d->params.profit_base = base;
		} else if (strcmp(name, "规上工业利税") == 0) {
			d->params.tax_base = base; /* 利税 for now; profit is taken off below */
		}
	}
	d->params.tax_base -= d->params.profit_base; /* 利税 = 利润 + 税金 */
	if (d->nsectors < 2 || d->params.revenue_base <= 0 || d->params.tax_base <= 0)
		return pb_error_set(PB_EINVAL, "表2-1 中缺少校准所需的指标 / 表2-1 lacks the "
				    "indicators the generator calibrates to");
	return 0;
}

/* Published firm outputs: calibration.csv rows "企业产值:<name>" for the base year. */
static int anchors_from_calibration(demo *d)
{
	pb_memtable *t = &d->calibration;
	int ci = pb_memtable_col(t, "项目"), cy = pb_memtable_col(t, "年份");
	int cv = pb_memtable_col(t, "值"), cu = pb_memtable_col(t, "单位");
	if (ci < 0 || cv < 0 || cu < 0)
		return pb_error_set(PB_EINVAL, "calibration.csv 的列不全 / calibration.csv lacks columns");
	for (size_t r = 1; r < t->nrows; r++) {
		const char *item = pb_memtable_get(t, r, ci);
		const char *p = strstr(item, "企业产值");
		if (!p)
			continue;
		p += strlen("企业产值");
		if (strncmp(p, ":", 1) == 0)
			p += 1;
		else if (strncmp(p, "：", 3) == 0)
			p += 3;
		else
			continue;
		if (cy >= 0 && atoi(pb_memtable_get(t, r, cy)) != d->params.base_year)
			continue;
		int f = firm_by_name(d, p);
		if (f < 0)
			continue; /* a firm outside 附件四, e.g. a group total */
		d->firms[f].anchor_2020 = to_wanyuan(atof(pb_memtable_get(t, r, cv)),
						     pb_memtable_get(t, r, cu));
	}
	return 0;
}

/* ---- land: published plots, then one generated plot per firm without one ------- */

/* The zone's average output per 亩 the generated plots are scaled to: "南岸区工业企业单位
 * 土地面积平均产值660万元/亩" (plan, ch. 4, 2020). */
#define DEMO_OUTPUT_PER_MU 660.0

static int generate_land(demo *d)
{
	int cname = pb_memtable_col(&d->land, "企业名称");
	int carea = pb_memtable_col(&d->land, "用地面积（亩）");
	int epark = pb_memtable_col(&d->ents, "所属园区");
	char *has = calloc(d->nfirms ? d->nfirms : 1, 1);
	double *raw = calloc(d->nfirms ? d->nfirms : 1, sizeof(double));
	if (!has || !raw) {
		free(has);
		free(raw);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	double published = 0, total_output = 0, raw_sum = 0;
	for (size_t r = 1; r < d->land.nrows && cname >= 0; r++) {
		int f = firm_by_name(d, pb_memtable_get(&d->land, r, cname));
		if (f >= 0)
			has[f] = 1;
		if (carea >= 0)
			published += atof(pb_memtable_get(&d->land, r, carea));
	}
	/* Each generated firm draws its own output per 亩 around the average; the areas are
	 * then scaled together so that the zone's 2020 output over all its land (published
	 * plots included) is the plan's 660万元/亩. */
	for (size_t i = 0; i < d->nfirms; i++) {
		total_output += d->firms[i].output_2020;
		if (has[i])
			continue;
		raw[i] = d->firms[i].output_2020 /
			 (DEMO_OUTPUT_PER_MU * (0.6 + 1.0 * pb_demo_uniform(d->seed, 101, i)));
		raw_sum += raw[i];
	}
	double scale = raw_sum > 0 ? (total_output / DEMO_OUTPUT_PER_MU - published) / raw_sum : 1;
	if (scale <= 0)
		scale = 1; /* published land alone exceeds the average: keep the draws */
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "地块编号", "统一社会信用代码", "所属园区", "用地面积（亩）",
			      "闲置面积（亩）", "厂房及办公面积（平方米）", "权属", "备注" };
	int rc = pb_memtable_add(&t, hdr, 8);
	for (size_t i = 0; i < d->nfirms && !rc; i++) {
		if (has[i])
			continue;
		double area = round(raw[i] * scale * 10) / 10;
		if (area < 1)
			area = 1;
		double idle = pb_demo_uniform(d->seed, 102, i) < 0.12
				      ? round(area * (0.05 + 0.25 * pb_demo_uniform(d->seed, 103, i)) * 10) / 10
				      : 0;
		double floor_area = round(area * 666.67 * (0.6 + 0.6 * pb_demo_uniform(d->seed, 104, i)));
		int leased = d->firms[i].tier == PB_TIER_GROWTH && pb_demo_uniform(d->seed, 105, i) < 0.25;
		char code[32], a[32], id[32], fl[32];
		snprintf(code, sizeof(code), "SC-%03zu", i + 1);
		snprintf(a, sizeof(a), "%.1f", area);
		snprintf(id, sizeof(id), "%.1f", idle);
		snprintf(fl, sizeof(fl), "%.0f", floor_area);
		const char *row[] = { code, d->uscc[i], pb_memtable_get(&d->ents, i + 1, epark), a, id,
				      fl, leased ? "租赁" : "自有", "生成（示例数据）" };
		rc = pb_memtable_add(&t, row, 8);
	}
	if (!rc)
		rc = import_table(d, "land", "land-generated.csv", &t);
	pb_memtable_free(&t);
	free(has);
	free(raw);
	return rc;
}

/* ---- monthly reports and the yearly actuals they add up to ---------------------- */

typedef struct monthly_out {
	demo *d;
	pb_buf csv;
	double year_total[8][4]; /* [year - first + 1][output, revenue, profit, tax] */
	double sector_year[8][8];
} monthly_out;

static int append(monthly_out *m, const char *s, size_t n)
{
	if (pb_buf_add(&m->csv, s, n))
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	return 0;
}

static void fmt_figure(char *out, size_t size, double v, int metric)
{
	if (pb_is_missing(v))
		out[0] = '\0';
	else if (metric == PB_M_EMPLOYEES)
		snprintf(out, size, "%.0f", v);
	else
		snprintf(out, size, "%.2f", v);
}

static int on_report(void *ctx, size_t firm, const pb_monthly *r)
{
	monthly_out *m = ctx;
	demo *d = m->d;
	char line[1024], mon[8], f[32];
	pb_month_format((int)r->month, mon);
	int n = snprintf(line, sizeof(line), "%s,%s", d->uscc[firm], mon);
	for (int half = 0; half < 2; half++) {
		const double *v = half ? r->prev : r->v;
		for (int k = 0; k < PB_METRIC_COUNT; k++) {
			fmt_figure(f, sizeof(f), v[k], k);
			n += snprintf(line + n, sizeof(line) - (size_t)n, ",%s", f);
		}
	}
	/* 报送日期: most firms file in the first days of the next month, one in thirty
	 * late (the 12th to the 25th), so the late-report warning has something to find */
	uint64_t draw = (uint64_t)firm * 10000 + (uint64_t)r->month;
	int next = pb_month_add((int)r->month, 1);
	int day = pb_demo_uniform(d->seed, 106, draw) < 1.0 / 30
			  ? 12 + (int)(14 * pb_demo_uniform(d->seed, 107, draw))
			  : 1 + (int)(7 * pb_demo_uniform(d->seed, 107, draw));
	n += snprintf(line + n, sizeof(line) - (size_t)n, ",%04d-%02d-%02d", next / 100, next % 100,
		      day);
	line[n++] = '\n';
	int y = (int)(r->month / 100) - d->params.first_year + 1;
	if (y >= 0 && y < 8) {
		m->year_total[y][0] += r->v[PB_M_GROSS_OUTPUT];
		m->year_total[y][1] += r->v[PB_M_REVENUE];
		m->year_total[y][2] += r->v[PB_M_PROFIT];
		m->year_total[y][3] += r->v[PB_M_TAX];
		if (!pb_is_missing(r->v[PB_M_GROSS_OUTPUT]))
			d->year_output[firm * 8 + (size_t)y] += r->v[PB_M_GROSS_OUTPUT];
		if (!pb_is_missing(r->v[PB_M_TAX]))
			d->year_tax[firm * 8 + (size_t)y] += r->v[PB_M_TAX];
		for (size_t s = 0; s < d->nsectors; s++)
			if (strcmp(d->sectors[s].name, d->firms[firm].sector) == 0)
				m->sector_year[y][s] += r->v[PB_M_GROSS_OUTPUT];
	}
	return append(m, line, (size_t)n);
}

static int monthly_header(monthly_out *m)
{
	const pb_kind *k = pb_kind_find("monthly");
	int rc = append(m, "统一社会信用代码,月份", strlen("统一社会信用代码,月份"));
	/* the figure columns in the export's words, current then 上年同期 */
	for (int prev = 0; prev < 2 && !rc; prev++)
		for (size_t i = 0; i < k->ncols && !rc; i++) {
			const pb_column *c = &k->cols[i];
			if (c->conv != PB_CV_NUM || ((c->flags & PB_COL_PREV) != 0) != prev)
				continue;
			char h[160];
			pb_export_header(c, h, sizeof(h));
			rc = append(m, ",", 1);
			if (!rc)
				rc = append(m, h, strlen(h));
		}
	return rc ? rc : append(m, ",报送日期\n", strlen(",报送日期\n"));
}

/* The actuals of 表2-1's output indicators, summed from the generated reports. */
static int generated_actuals(demo *d, const monthly_out *m)
{
	int cn = pb_memtable_col(&d->indicators, "指标名称");
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "指标名称", "年份", "实际值", "来源" };
	int rc = pb_memtable_add(&t, hdr, 4);
	for (int y = d->params.base_year + 1; y <= d->params.last_year && !rc; y++) {
		int yi = y - d->params.first_year + 1;
		for (size_t r = 1; r < d->indicators.nrows && !rc; r++) {
			const char *name = pb_memtable_get(&d->indicators, r, cn);
			double v = NAN;
			if (strcmp(name, "规模工业总产值") == 0)
				v = m->year_total[yi][0];
			else if (strcmp(name, "规模以上企业营业收入") == 0)
				v = m->year_total[yi][1];
			else if (strcmp(name, "其中规上工业利润") == 0)
				v = m->year_total[yi][2];
			else if (strcmp(name, "规上工业利税") == 0)
				v = m->year_total[yi][2] + m->year_total[yi][3];
			for (size_t s = 0; s < d->nsectors && isnan(v); s++) {
				int match = strcmp(d->sectors[s].name, "其它") == 0
						    ? (strcmp(name, "其它") == 0 || strcmp(name, "其他") == 0)
						    : (strstr(name, d->sectors[s].name) && strstr(name, "产值"));
				if (match)
					v = m->sector_year[yi][s];
			}
			if (isnan(v))
				continue;
			char ys[16], vs[32];
			snprintf(ys, sizeof(ys), "%d", y);
			snprintf(vs, sizeof(vs), "%.2f", v / 10000); /* 表2-1 counts in 亿元 */
			const char *row[] = { name, ys, vs, "示例数据：由生成的月度报表汇总" };
			rc = pb_memtable_add(&t, row, 4);
		}
	}
	if (!rc)
		rc = import_table(d, "indicator-actuals", "indicator-actuals-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

static int generate_monthly(demo *d)
{
	monthly_out m = { .d = d };
	int rc = monthly_header(&m);
	if (!rc)
		rc = pb_demo_generate(&d->params, d->firms, d->nfirms, d->sectors, d->nsectors,
				      on_report, &m);
	if (!rc)
		rc = import_buffer(d, "monthly", "monthly.csv", m.csv.p, m.csv.len);
	if (!rc)
		rc = generated_actuals(d, &m);
	pb_buf_free(&m.csv);
	return rc;
}

/* ---- 亩均 evaluation data: 增加值, emissions, water, and a few facts -------------- */

/* 表2-1: 规模工业增加值 220.4亿元 on 规模工业总产值 797.1亿元 in 2020, a ratio each firm
 * draws around; the draws are scaled so that the 2020 sum is exactly 220.4亿元. */
#define DEMO_VA_2020 2204000.0

static int generate_mujun_data(demo *d)
{
	const pb_demo_params *p = &d->params;
	int base = p->base_year - p->first_year + 1;
	double ratio_sum = 0;
	for (size_t i = 0; i < d->nfirms; i++) {
		ratio_sum += d->year_output[i * 8 + (size_t)base] *
			     (0.7 + 0.6 * pb_demo_uniform(d->seed, 110, i));
	}
	double k = ratio_sum > 0 ? DEMO_VA_2020 / ratio_sum : 0.2765;
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "统一社会信用代码", "年度", "工业增加值（万元）",
			      "主要污染物排放量（吨）", "化学需氧量排放量（吨）", "用水量（吨）", "备注" };
	int rc = pb_memtable_add(&t, hdr, 7);
	for (size_t i = 0; i < d->nfirms && !rc; i++) {
		double ratio = k * (0.7 + 0.6 * pb_demo_uniform(d->seed, 110, i));
		/* emissions and water per 万元 of 增加值 are the firm's own, drifting down a
		 * little each year; one firm in twenty is not a monitored polluter and files no
		 * emissions (the evaluation then shows how the scheme treats missing data) */
		double va_per_t = 4000 * (0.4 + 1.6 * pb_demo_uniform(d->seed, 111, i));
		double cod_share = 0.05 + 0.15 * pb_demo_uniform(d->seed, 112, i);
		double va_per_water = 0.05 + 0.45 * pb_demo_uniform(d->seed, 113, i);
		int no_emissions = pb_demo_uniform(d->seed, 114, i) < 0.05;
		for (int y = base; y <= p->last_year - p->first_year + 1 && !rc; y++) {
			double out = d->year_output[i * 8 + (size_t)y];
			if (out <= 0)
				continue;
			double va = out * ratio, drift = 1 + 0.03 * (y - base);
			char ys[16], vs[32], es[32], cs[32], ws[32];
			snprintf(ys, sizeof(ys), "%d", p->first_year - 1 + y);
			snprintf(vs, sizeof(vs), "%.2f", va);
			snprintf(es, sizeof(es), "%.3f", va / (va_per_t * drift));
			snprintf(cs, sizeof(cs), "%.3f", va / (va_per_t * drift) * cod_share);
			snprintf(ws, sizeof(ws), "%.0f", va / (va_per_water * drift));
			const char *row[] = { d->uscc[i], ys, vs, no_emissions ? "" : es,
					      no_emissions ? "" : cs, ws, "生成（示例数据）" };
			rc = pb_memtable_add(&t, row, 7);
		}
	}
	if (!rc)
		rc = import_table(d, "mujun-data", "mujun-data-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

/* A handful of facts for the last two years, on generated firms (成长型, never a firm the
 * plan names in its tables), so that the demo's evaluation shows each kind of rule. */
static int generate_mujun_facts(demo *d)
{
	static const struct { const char *kind, *note; int years_back; } facts[] = {
		{ "安全生产事故", "生成（示例数据）：车间一般安全生产事故，已整改", 0 },
		{ "环境污染事故", "生成（示例数据）：超标排放被处罚", 1 },
		{ "未完成节能减排任务", "生成（示例数据）：年度节能目标未完成", 0 },
		{ "新投产企业", "生成（示例数据）：当年投产", 0 },
		{ "新升规企业", "生成（示例数据）：上年小升规", 0 },
		{ "重大项目建设期", "生成（示例数据）：技改扩能项目在建", 0 },
		{ "违法用地", "生成（示例数据）：未批先建", 1 },
	};
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "统一社会信用代码", "年度", "事项", "说明" };
	int rc = pb_memtable_add(&t, hdr, 4);
	for (size_t f = 0; f < sizeof(facts) / sizeof(facts[0]) && !rc; f++) {
		/* the first 成长型 firm from a fixed position on, one position per fact */
		size_t i = SIZE_MAX;
		for (size_t c = 40 + 13 * f; c < d->nfirms && i == SIZE_MAX; c++)
			if (d->firms[c].tier == PB_TIER_GROWTH)
				i = c;
		if (i == SIZE_MAX)
			break;
		char ys[16];
		snprintf(ys, sizeof(ys), "%d", d->params.last_year - facts[f].years_back);
		const char *row[] = { d->uscc[i], ys, facts[f].kind, facts[f].note };
		rc = pb_memtable_add(&t, row, 4);
	}
	/* 电力、燃气、水的生产和供应业 (GB/T 4754 D44-D46) are utilities: the schemes score
	 * them but do not class them (不定等级), every year */
	int cind = pb_memtable_col(&d->ents, "行业代码");
	for (size_t i = 0; i < d->nfirms && !rc && cind >= 0; i++) {
		const char *ind = pb_memtable_get(&d->ents, i + 1, cind);
		if (strncmp(ind, "D44", 3) && strncmp(ind, "D45", 3) && strncmp(ind, "D46", 3))
			continue;
		for (int y = d->params.base_year; y <= d->params.last_year && !rc; y++) {
			char ys[16];
			snprintf(ys, sizeof(ys), "%d", y);
			const char *row[] = { d->uscc[i], ys, "公用事业企业",
					      "依行业代码：电力、燃气、水的生产和供应业" };
			rc = pb_memtable_add(&t, row, 4);
		}
	}
	if (!rc)
		rc = import_table(d, "mujun-facts", "mujun-facts-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

/* ---- the investment pipeline and the key projects (demo_pipeline.c) ------------ */

static int import_cb(void *ctx, const char *kind, const char *name, const pb_memtable *t)
{
	return import_table(ctx, kind, name, t);
}

static int pipeline(demo *d)
{
	pb_memtable kp;
	pb_memtable_init(&kp);
	int rc = read_published(d, "key-projects.csv", &kp);
	pb_demo_world w = { .seed = d->seed, .nfirms = d->nfirms,
			    .uscc = (const char(*)[19])d->uscc, .firms = d->firms, .ents = &d->ents,
			    .year_output = d->year_output, .year_tax = d->year_tax,
			    .key_projects = &kp, .import = import_cb, .ctx = d };
	if (!rc)
		rc = pb_demo_key_projects(&w);
	if (!rc)
		rc = import_published(d, "pipeline-targets", "pipeline-targets.csv");
	if (!rc)
		rc = pb_demo_pipeline(&w);
	pb_memtable_free(&kp);
	return rc;
}

/* ---- the whole demo ----------------------------------------------------------------- */

static int zone(demo *d)
{
	static const char csv[] = "名称,行政区划代码,说明\n"
				  "南岸区重庆经开区,500108,"
				  "示例开发区：依据《南岸区重庆经开区制造业高质量发展“十四五”规划》构建，"
				  "未公布的数据为生成的示例数据\n";
	return import_buffer(d, "zone", "zone.csv", csv, sizeof(csv) - 1);
}

static int build(demo *d)
{
	int rc = zone(d);
	if (!rc)
		rc = import_published(d, "parks", "parks.csv");
	if (!rc)
		rc = read_published(d, "enterprises.csv", &d->ents);
	if (!rc)
		rc = complete_enterprises(d);
	if (!rc)
		rc = import_published(d, "land", "land.csv");
	if (!rc)
		rc = read_published(d, "land.csv", &d->land);
	if (!rc)
		rc = import_published(d, "indicators", "indicators.csv");
	if (!rc)
		rc = read_published(d, "indicators.csv", &d->indicators);
	if (!rc)
		rc = read_published(d, "calibration.csv", &d->calibration);
	if (!rc)
		rc = calibrate_from_indicators(d);
	if (!rc)
		rc = anchors_from_calibration(d);
	if (!rc)
		rc = import_published(d, "indicator-actuals", "indicator-actuals.csv");
	if (!rc)
		rc = import_published(d, "chains", "chains.csv");
	if (!rc)
		rc = import_published(d, "suppliers", "suppliers.csv");
	if (!rc)
		rc = import_published(d, "official-rates", "official-rates.csv");
	if (!rc)
		rc = generate_monthly(d); /* fills output_2020, which the land plots need */
	if (!rc)
		rc = generate_land(d);
	if (!rc)
		rc = generate_mujun_data(d);
	if (!rc)
		rc = generate_mujun_facts(d);
	if (!rc)
		rc = pipeline(d);
	return rc;
}

int pb_demo_build(pb_store *st, const pb_demo_input *files, size_t nfiles,
		  const pb_demo_opts *opts, pb_report *rep)
{
	demo d = { .st = st, .files = files, .nfiles = nfiles, .o = opts, .rep = rep };
	d.seed = opts->seed ? opts->seed : PB_DEMO_SEED;
	d.params = (pb_demo_params){ .seed = d.seed, .base_year = 2020, .first_year = 2019,
				     .last_year = 2025, .leading_share = 0.67 };
	pb_memtable_init(&d.ents);
	pb_memtable_init(&d.land);
	pb_memtable_init(&d.indicators);
	pb_memtable_init(&d.calibration);
	int rc = build(&d);
	pb_memtable_free(&d.ents);
	pb_memtable_free(&d.land);
	pb_memtable_free(&d.indicators);
	pb_memtable_free(&d.calibration);
	free(d.uscc);
	free(d.firms);
	free(d.year_output);
	free(d.year_tax);
	return rc;
}
