/*
 * import_check.c - checks that look at a whole row (or at rows against each other)
 * once its cells are converted, and the defaults that depend on other fields.
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "import_internal.h"
#include "month.h"
#include "growth.h"

/* Report about the row as a whole, or about column `spec` if >= 0. */
static void row_problem(pb_import_ctx *x, pb_severity sev, uint32_t row, int spec,
			const char *zh, const char *en)
{
	pb_import_cell_problem(x, sev, row, spec, NULL, 0, zh, en);
}

int pb_import_spec_of(const pb_import_ctx *x, const char *name)
{
	for (size_t i = 0; i < x->kind->ncols; i++)
		if (strcmp(x->desc->fields[x->kind->field_index[i]].name, name) == 0 &&
		    !(x->kind->cols[i].flags & PB_COL_CHECK_ONLY))
			return (int)i;
	return -1;
}

static int field_no(const pb_entity_desc *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

void pb_import_check_mask(pb_import_ctx *x)
{
	/* 规上 defaults from the tier, so it is always written with the tier. */
	if (x->kind->entity == PB_E_ENTERPRISE)
		x->sheet_mask |= 1ULL << field_no(x->desc, "above_scale");
}

static void check_enterprise(pb_import_ctx *x, uint32_t row, pb_enterprise *e)
{
	int64_t *flags[] = { &e->high_tech, &e->specialized, &e->little_giant, &e->champion,
			     &e->tech_sme };
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (*flags[i] == PB_INT_MISSING)
			*flags[i] = 0;
	if (e->above_scale == PB_INT_MISSING) {
		e->above_scale = e->tier != PB_TIER_BELOW;
		return;
	}
	if (e->tier == PB_TIER_BELOW && e->above_scale == 1)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "above_scale"),
			    "企业类型为“规下”，但“规上”填了“是”", "tier is 规下 but 规上 says yes");
	if (e->tier != PB_TIER_BELOW && e->tier != PB_TIER_NONE && e->above_scale == 0)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "above_scale"),
			    "企业类型为龙头/骨干/成长型（规上企业的分层），但“规上”填了“否”",
			    "tier 龙头/骨干/成长型 ranks 规上 enterprises, but 规上 says no");
}

static void check_land(pb_import_ctx *x, uint32_t row, pb_land_plot *p)
{
	if (!isnan(p->idle_area) && !isnan(p->area) && p->idle_area > p->area + 1e-9)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "idle_area"),
			    "闲置面积大于用地面积", "idle area exceeds the plot's area");
	if (p->leased == PB_INT_MISSING)
		p->leased = 0;
}

static void check_monthly(pb_import_ctx *x, uint32_t row, pb_monthly *m)
{
	/* Consistency warnings: possible, but usually a typo or a unit slip. */
	for (int prev = 0; prev < 2; prev++) {
		const double *v = prev ? m->prev : m->v;
		const char *suffix = prev ? "_prev" : "";
		char name[40];
		if (!isnan(v[PB_M_TAX]) && !isnan(v[PB_M_REVENUE]) && v[PB_M_TAX] > v[PB_M_REVENUE]) {
			snprintf(name, sizeof(name), "tax%s", suffix);
			row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, name),
				    "税金大于营业收入，请核实", "tax exceeds revenue: please check");
		}
		if (!isnan(v[PB_M_EXPORT_VALUE]) && !isnan(v[PB_M_SALES_OUTPUT]) &&
		    v[PB_M_EXPORT_VALUE] > v[PB_M_SALES_OUTPUT]) {
			snprintf(name, sizeof(name), "export_value%s", suffix);
			row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, name),
				    "出口交货值大于销售产值，请核实",
				    "export delivery value exceeds sales output: please check");
		}
		if (!isnan(v[PB_M_PROFIT]) && !isnan(v[PB_M_REVENUE]) && v[PB_M_PROFIT] > v[PB_M_REVENUE]) {
			snprintf(name, sizeof(name), "profit%s", suffix);
			row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, name),
				    "利润总额大于营业收入，请核实", "profit exceeds revenue: please check");
		}
	}
	/* A month's report is filed after the month has begun; an earlier date is a slip
	 * (often the year). Filing within the month is allowed: some forms open early. */
	if (m->submitted != PB_INT_MISSING && m->month != PB_INT_MISSING &&
	    m->submitted < m->month * 100 + 1)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "submitted"),
			    "报送日期早于报告期", "filed before the month it reports");
	if (!isnan(m->v[PB_M_EMPLOYEES]) && m->v[PB_M_EMPLOYEES] != floor(m->v[PB_M_EMPLOYEES]))
		row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, "employees"),
			    "从业人员不是整数（平均人数可有小数，请核实）",
			    "employees is not a whole number (an average may be; please check)");
}

static void check_indicator(pb_import_ctx *x, uint32_t row, pb_indicator *i)
{
	if (i->base_year != PB_INT_MISSING && i->target_year != PB_INT_MISSING &&
	    i->target_year <= i->base_year) {
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "target_year"),
			    "目标年份应晚于基期年份", "target year must be after the base year");
		return;
	}
	/* A stated growth that the base and target do not give is worth a warning: plans
	 * do contain such slips. Tolerance 0.15 points covers rounding to one decimal. */
	if (isnan(i->growth) || i->base_year == PB_INT_MISSING || i->target_year == PB_INT_MISSING)
		return;
	double cagr = pb_cagr_pct(i->base_value, i->target_value,
				  (double)(i->target_year - i->base_year));
	if (!isnan(cagr) && fabs(cagr - i->growth) > 0.15) {
		char zh[200], en[200];
		snprintf(zh, sizeof(zh), "年均增长 %.2f%% 与基期值、目标值不符（按两者计算为 %.2f%%）",
			 i->growth, cagr);
		snprintf(en, sizeof(en), "stated growth %.2f%% does not match base and target "
			 "(they give %.2f%%)", i->growth, cagr);
		row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, "growth"), zh, en);
	}
}

static void check_key_project(pb_import_ctx *x, uint32_t row, pb_key_project *k)
{
	if (isnan(k->total_investment))
		return;
	double parts = 0;
	int any = 0;
	const double v[] = { k->invested_before, k->planned_in_period, k->planned_after };
	for (size_t i = 0; i < 3; i++)
		if (!isnan(v[i]))
			parts += v[i], any = 1;
	if (any && fabs(parts - k->total_investment) > 1) {
		char zh[200], en[200];
		snprintf(zh, sizeof(zh), "分年度投资合计 %.2f 万元与项目总投资 %.2f 万元不符", parts,
			 k->total_investment);
		snprintf(en, sizeof(en), "investment by period sums to %.2f, total says %.2f (万元)",
			 parts, k->total_investment);
		row_problem(x, PB_SEV_WARNING, row, pb_import_spec_of(x, "total_investment"), zh, en);
	}
	if (k->start_year != PB_INT_MISSING && k->end_year != PB_INT_MISSING &&
	    k->end_year < k->start_year)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "end_year"),
			    "计划完成年份早于开工年份", "end year before start year");
}

static void check_supplier(pb_import_ctx *x, uint32_t row, pb_supplier *s)
{
	if (s->local != PB_INT_MISSING && s->total != PB_INT_MISSING && s->local > s->total)
		row_problem(x, PB_SEV_ERROR, row, pb_import_spec_of(x, "local"),
			    "本地供应商数大于供应商总数", "local suppliers exceed the total");
}

static void check_chain(pb_import_ctx *x, uint32_t row, pb_chain_member *m)
{
	(void)x;
	(void)row;
	/* A member named only by its USCC takes the enterprise's name. */
	if (!m->enterprise_name && m->enterprise_id > 0)
		m->enterprise_name = pb_index_key_of(&x->refs.ent_names, m->enterprise_id);
	if (m->local == PB_INT_MISSING && m->enterprise_id > 0)
		m->local = 1; /* an enterprise of the zone is local by definition */
}

void pb_import_check_row(pb_import_ctx *x, uint32_t rownum, void *rec)
{
	switch (x->kind->entity) {
	case PB_E_ZONE: ((pb_zone *)rec)->id = 1; break;
	case PB_E_ENTERPRISE: check_enterprise(x, rownum, rec); break;
	case PB_E_LAND_PLOT: check_land(x, rownum, rec); break;
	case PB_E_MONTHLY: check_monthly(x, rownum, rec); break;
	case PB_E_INDICATOR: check_indicator(x, rownum, rec); break;
	case PB_E_KEY_PROJECT: check_key_project(x, rownum, rec); break;
	case PB_E_SUPPLIER: check_supplier(x, rownum, rec); break;
	case PB_E_CHAIN_MEMBER: check_chain(x, rownum, rec); break;
	case PB_E_PROJECT_STAGE:
	case PB_E_PROJECT_FUND: pb_import_pipeline_note(x, rownum, rec); break;
	default: break;
	}
}

/* ---- repeated natural keys ----------------------------------------------------- */

void pb_import_check_duplicate(pb_import_ctx *x, uint32_t rownum, const void *rec)
{
	const pb_entity_desc *d = x->desc;
	uint64_t key;
	if (d->entity == PB_E_MONTHLY) {
		/* (enterprise, month) packs exactly: the common, hot case needs no hash */
		const pb_monthly *m = rec;
		if (m->enterprise_id <= 0 || m->month == PB_INT_MISSING)
			return; /* a key cell was bad: that error is already reported */
		key = ((uint64_t)m->enterprise_id << 20) | (uint64_t)(m->month - 190000);
	} else {
		/* Other keys mix text and numbers: hash them (SipHash-2-4, 64 bits; a false
		 * "duplicate" needs a 64-bit collision between two rows of one file). */
		unsigned char buf[2048];
		size_t n = 0;
		for (size_t i = 0; i < d->nfields; i++) {
			const pb_field *f = &d->fields[i];
			if (!f->key)
				continue;
			const char *p = (const char *)rec + f->offset;
			if (f->type == PB_FT_TEXT) {
				const char *s = *(const char *const *)p;
				size_t l = s ? strlen(s) : 0;
				if (l > sizeof(buf) - n - 9)
					l = sizeof(buf) - n - 9;
				memcpy(buf + n, s ? s : "", l);
				n += l;
				buf[n++] = 0;
			} else {
				memcpy(buf + n, p, 8);
				n += 8;
			}
		}
		static const unsigned char k[crypto_shorthash_KEYBYTES] = { 0 };
		unsigned char h[crypto_shorthash_BYTES];
		crypto_shorthash(h, buf, n, k);
		memcpy(&key, h, sizeof(key));
	}
	if (key == 0)
		key = 1;
	int64_t first = pb_keyset_insert(&x->keys, key, rownum);
	if (first < 0) {
		row_problem(x, PB_SEV_ERROR, rownum, -1, "内存不足，无法检查重复行",
			    "out of memory: repeated rows cannot be checked");
		return;
	}
	if (first == 0)
		return;
	char zh[160], en[160];
	snprintf(zh, sizeof(zh), "与第%lld行重复（同一%s出现两次）", (long long)first,
		 d->entity == PB_E_MONTHLY ? "企业同一月份" : "记录");
	snprintf(en, sizeof(en), "repeats row %lld (the same %s twice)", (long long)first,
		 d->entity == PB_E_MONTHLY ? "enterprise and month" : "record");
	row_problem(x, PB_SEV_ERROR, rownum, -1, zh, en);
}
