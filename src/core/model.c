/* model.c - entity descriptors; see model.h. */
#include "model.h"

#include <assert.h>
#include <string.h>

#define F(st, member, ty, iskey) { #member, ty, offsetof(st, member), iskey }
#define FN(st, name, member, ty, iskey) { name, ty, offsetof(st, member), iskey }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const metric_keys[PB_METRIC_COUNT] = {
	"gross_output", "sales_output", "export_value", "revenue", "profit",
	"tax", "electricity", "energy", "employees", "rd_expense",
};

static const struct {
	const char *zh, *en, *unit;
} metric_info[PB_METRIC_COUNT] = {
	{ "工业总产值", "gross industrial output", "万元" },
	{ "工业销售产值", "sales output", "万元" },
	{ "出口交货值", "export delivery value", "万元" },
	{ "营业收入", "revenue", "万元" },
	{ "利润总额", "total profit", "万元" },
	{ "税金", "taxes", "万元" },
	{ "用电量", "electricity use", "万千瓦时" },
	{ "综合能耗", "energy use", "吨标准煤" },
	{ "从业人员", "employees", "人" },
	{ "研发费用", "R&D expense", "万元" },
};

const char *pb_metric_key(pb_metric m)
{
	assert(m >= 0 && m < PB_METRIC_COUNT);
	return metric_keys[m];
}

const char *pb_metric_name(pb_metric m)
{
	assert(m >= 0 && m < PB_METRIC_COUNT);
	return metric_info[m].zh;
}

const char *pb_metric_name_en(pb_metric m)
{
	assert(m >= 0 && m < PB_METRIC_COUNT);
	return metric_info[m].en;
}

const char *pb_metric_unit(pb_metric m)
{
	assert(m >= 0 && m < PB_METRIC_COUNT);
	return metric_info[m].unit;
}

int pb_metric_is_money(pb_metric m)
{
	return strcmp(pb_metric_unit(m), "万元") == 0;
}

int pb_metric_is_stock(pb_metric m)
{
	return m == PB_M_EMPLOYEES;
}

static const pb_field zone_fields[] = {
	F(pb_zone, id, PB_FT_INT, 1),
	F(pb_zone, name, PB_FT_TEXT, 0),
	F(pb_zone, region_code, PB_FT_TEXT, 0),
	F(pb_zone, note, PB_FT_TEXT, 0),
};

static const pb_field park_fields[] = {
	F(pb_park, name, PB_FT_TEXT, 1),
	F(pb_park, short_name, PB_FT_TEXT, 0),
	F(pb_park, type, PB_FT_TEXT, 0),
	F(pb_park, planned_area, PB_FT_REAL, 0),
	F(pb_park, note, PB_FT_TEXT, 0),
};

static const pb_field enterprise_fields[] = {
	F(pb_enterprise, uscc, PB_FT_TEXT, 1),
	F(pb_enterprise, name, PB_FT_TEXT, 0),
	F(pb_enterprise, industry, PB_FT_TEXT, 0),
	F(pb_enterprise, sector, PB_FT_TEXT, 0),
	F(pb_enterprise, tier, PB_FT_INT, 0),
	F(pb_enterprise, park_id, PB_FT_ID, 0),
	F(pb_enterprise, above_scale, PB_FT_INT, 0),
	F(pb_enterprise, high_tech, PB_FT_INT, 0),
	F(pb_enterprise, specialized, PB_FT_INT, 0),
	F(pb_enterprise, little_giant, PB_FT_INT, 0),
	F(pb_enterprise, champion, PB_FT_INT, 0),
	F(pb_enterprise, tech_sme, PB_FT_INT, 0),
	F(pb_enterprise, note, PB_FT_TEXT, 0),
};

static const pb_field land_fields[] = {
	F(pb_land_plot, plot_code, PB_FT_TEXT, 1),
	F(pb_land_plot, enterprise_id, PB_FT_ID, 0),
	F(pb_land_plot, park_id, PB_FT_ID, 0),
	F(pb_land_plot, area, PB_FT_REAL, 0),
	F(pb_land_plot, idle_area, PB_FT_REAL, 0),
	F(pb_land_plot, floor_area, PB_FT_REAL, 0),
	F(pb_land_plot, leased, PB_FT_INT, 0),
	F(pb_land_plot, note, PB_FT_TEXT, 0),
	F(pb_land_plot, shared_parcel, PB_FT_TEXT, 0),
};

#define MV(i, key) FN(pb_monthly, key, v[i], PB_FT_REAL, 0)
#define MP(i, key) FN(pb_monthly, key "_prev", prev[i], PB_FT_REAL, 0)
static const pb_field monthly_fields[] = {
	F(pb_monthly, enterprise_id, PB_FT_ID, 1),
	F(pb_monthly, month, PB_FT_INT, 1),
	MV(0, "gross_output"), MV(1, "sales_output"), MV(2, "export_value"),
	MV(3, "revenue"), MV(4, "profit"), MV(5, "tax"), MV(6, "electricity"),
	MV(7, "energy"), MV(8, "employees"), MV(9, "rd_expense"),
	MP(0, "gross_output"), MP(1, "sales_output"), MP(2, "export_value"),
	MP(3, "revenue"), MP(4, "profit"), MP(5, "tax"), MP(6, "electricity"),
	MP(7, "energy"), MP(8, "employees"), MP(9, "rd_expense"),
	F(pb_monthly, submitted, PB_FT_INT, 0), /* added by migration 2: after import_id */
};

static const pb_field indicator_fields[] = {
	F(pb_indicator, name, PB_FT_TEXT, 1),
	F(pb_indicator, category, PB_FT_TEXT, 0),
	F(pb_indicator, unit, PB_FT_TEXT, 0),
	F(pb_indicator, base_year, PB_FT_INT, 0),
	F(pb_indicator, base_value, PB_FT_REAL, 0),
	F(pb_indicator, target_year, PB_FT_INT, 0),
	F(pb_indicator, target_value, PB_FT_REAL, 0),
	F(pb_indicator, growth, PB_FT_REAL, 0),
	F(pb_indicator, attribute, PB_FT_TEXT, 0),
};

static const pb_field indicator_actual_fields[] = {
	F(pb_indicator_actual, indicator_id, PB_FT_ID, 1),
	F(pb_indicator_actual, year, PB_FT_INT, 1),
	F(pb_indicator_actual, value, PB_FT_REAL, 0),
	F(pb_indicator_actual, source, PB_FT_TEXT, 0),
};

static const pb_field project_fields[] = {
	F(pb_project, name, PB_FT_TEXT, 1),
	F(pb_project, investor, PB_FT_TEXT, 0),
	F(pb_project, origin, PB_FT_TEXT, 0),
	F(pb_project, foreign_funded, PB_FT_INT, 0),
	F(pb_project, industry, PB_FT_TEXT, 0),
	F(pb_project, sector, PB_FT_TEXT, 0),
	F(pb_project, park_id, PB_FT_ID, 0),
	F(pb_project, team, PB_FT_TEXT, 0),
	F(pb_project, chain, PB_FT_TEXT, 0),
	F(pb_project, chain_node, PB_FT_TEXT, 0),
	F(pb_project, planned_investment, PB_FT_REAL, 0),
	F(pb_project, contract_value, PB_FT_REAL, 0),
	F(pb_project, promised_output, PB_FT_REAL, 0),
	F(pb_project, promised_tax, PB_FT_REAL, 0),
	F(pb_project, land_needed, PB_FT_REAL, 0),
	F(pb_project, enterprise_id, PB_FT_ID, 0),
	F(pb_project, note, PB_FT_TEXT, 0),      /* these two added by migration 5 */
	F(pb_project, generated, PB_FT_INT, 0),
};

static const pb_field project_stage_fields[] = {
	F(pb_project_stage, project_id, PB_FT_ID, 1),
	F(pb_project_stage, stage, PB_FT_INT, 1),
	F(pb_project_stage, date, PB_FT_INT, 1),
	F(pb_project_stage, note, PB_FT_TEXT, 0),
	F(pb_project_stage, user_name, PB_FT_TEXT, 0),
	F(pb_project_stage, recorded_at, PB_FT_TEXT, 0), /* added by migration 6 */
};

static const pb_field project_fund_fields[] = {
	F(pb_project_fund, project_id, PB_FT_ID, 1),
	F(pb_project_fund, month, PB_FT_INT, 1),
	F(pb_project_fund, fixed, PB_FT_REAL, 0),
	F(pb_project_fund, working, PB_FT_REAL, 0),
	F(pb_project_fund, note, PB_FT_TEXT, 0),
};

static const pb_field pipeline_target_fields[] = {
	F(pb_pipeline_target, year, PB_FT_INT, 1),
	F(pb_pipeline_target, level, PB_FT_TEXT, 1),
	F(pb_pipeline_target, scope, PB_FT_TEXT, 1),
	F(pb_pipeline_target, signed_count, PB_FT_INT, 0),
	F(pb_pipeline_target, signed_value, PB_FT_REAL, 0),
	F(pb_pipeline_target, funds, PB_FT_REAL, 0),
	F(pb_pipeline_target, started_count, PB_FT_INT, 0),
	F(pb_pipeline_target, producing_count, PB_FT_INT, 0),
	F(pb_pipeline_target, note, PB_FT_TEXT, 0),
};

static const pb_field activity_fields[] = {
	F(pb_activity, date, PB_FT_INT, 1),
	F(pb_activity, kind, PB_FT_TEXT, 1),
	F(pb_activity, title, PB_FT_TEXT, 1),
	F(pb_activity, park_id, PB_FT_ID, 0),
	F(pb_activity, team, PB_FT_TEXT, 0),
	F(pb_activity, project_id, PB_FT_ID, 0),
	F(pb_activity, note, PB_FT_TEXT, 0),
};

static const pb_field key_project_month_fields[] = {
	F(pb_key_project_month, key_project_id, PB_FT_ID, 1),
	F(pb_key_project_month, month, PB_FT_INT, 1),
	F(pb_key_project_month, completed, PB_FT_REAL, 0),
	F(pb_key_project_month, note, PB_FT_TEXT, 0),
};

static const pb_field key_project_fields[] = {
	F(pb_key_project, name, PB_FT_TEXT, 1),
	F(pb_key_project, owner, PB_FT_TEXT, 0),
	F(pb_key_project, enterprise_id, PB_FT_ID, 0),
	F(pb_key_project, department, PB_FT_TEXT, 0),
	F(pb_key_project, sector, PB_FT_TEXT, 0),
	F(pb_key_project, nature, PB_FT_TEXT, 0),
	F(pb_key_project, content, PB_FT_TEXT, 0),
	F(pb_key_project, total_investment, PB_FT_REAL, 0),
	F(pb_key_project, invested_before, PB_FT_REAL, 0),
	F(pb_key_project, planned_in_period, PB_FT_REAL, 0),
	F(pb_key_project, planned_after, PB_FT_REAL, 0),
	F(pb_key_project, start_year, PB_FT_INT, 0),
	F(pb_key_project, end_year, PB_FT_INT, 0),
	F(pb_key_project, park_id, PB_FT_ID, 0),  /* these three added by migration 5 */
	F(pb_key_project, started, PB_FT_INT, 0),
	F(pb_key_project, finished, PB_FT_INT, 0),
};

static const pb_field key_project_year_fields[] = {
	F(pb_key_project_year, key_project_id, PB_FT_ID, 1),
	F(pb_key_project_year, year, PB_FT_INT, 1),
	F(pb_key_project_year, planned, PB_FT_REAL, 0),
	F(pb_key_project_year, actual, PB_FT_REAL, 0),
};

static const pb_field chain_member_fields[] = {
	F(pb_chain_member, chain, PB_FT_TEXT, 1),
	F(pb_chain_member, segment, PB_FT_TEXT, 1),
	F(pb_chain_member, node, PB_FT_TEXT, 1),
	F(pb_chain_member, enterprise_name, PB_FT_TEXT, 1),
	F(pb_chain_member, enterprise_id, PB_FT_ID, 0),
	F(pb_chain_member, local, PB_FT_INT, 0),
	F(pb_chain_member, note, PB_FT_TEXT, 0),
};

static const pb_field supplier_fields[] = {
	F(pb_supplier, enterprise_id, PB_FT_ID, 1),
	F(pb_supplier, year, PB_FT_INT, 1),
	F(pb_supplier, total, PB_FT_INT, 0),
	F(pb_supplier, local, PB_FT_INT, 0),
};

static const pb_field official_rate_fields[] = {
	F(pb_official_rate, month, PB_FT_INT, 1),
	F(pb_official_rate, scope, PB_FT_TEXT, 1),
	F(pb_official_rate, indicator, PB_FT_TEXT, 1),
	F(pb_official_rate, month_rate, PB_FT_REAL, 0),
	F(pb_official_rate, ytd_rate, PB_FT_REAL, 0),
	F(pb_official_rate, source, PB_FT_TEXT, 0),
};

static const pb_field mujun_data_fields[] = {
	F(pb_mujun_data, enterprise_id, PB_FT_ID, 1),
	F(pb_mujun_data, year, PB_FT_INT, 1),
	F(pb_mujun_data, value_added, PB_FT_REAL, 0),
	F(pb_mujun_data, emissions, PB_FT_REAL, 0),
	F(pb_mujun_data, cod, PB_FT_REAL, 0),
	F(pb_mujun_data, water, PB_FT_REAL, 0),
	F(pb_mujun_data, tax, PB_FT_REAL, 0),
	F(pb_mujun_data, revenue, PB_FT_REAL, 0),
	F(pb_mujun_data, energy, PB_FT_REAL, 0),
	F(pb_mujun_data, electricity, PB_FT_REAL, 0),
	F(pb_mujun_data, employees, PB_FT_REAL, 0),
	F(pb_mujun_data, rd, PB_FT_REAL, 0),
	F(pb_mujun_data, note, PB_FT_TEXT, 0),
};

static const pb_field mujun_fact_fields[] = {
	F(pb_mujun_fact, enterprise_id, PB_FT_ID, 1),
	F(pb_mujun_fact, year, PB_FT_INT, 1),
	F(pb_mujun_fact, kind, PB_FT_TEXT, 1),
	F(pb_mujun_fact, note, PB_FT_TEXT, 0),
};

#define D(e, table, st, hasid, fields) { e, table, sizeof(st), hasid, fields, COUNT(fields) }
static const pb_entity_desc descs[PB_ENTITY_COUNT] = {
	D(PB_E_ZONE, "zone", pb_zone, 0, zone_fields),
	D(PB_E_PARK, "parks", pb_park, 1, park_fields),
	D(PB_E_ENTERPRISE, "enterprises", pb_enterprise, 1, enterprise_fields),
	D(PB_E_LAND_PLOT, "land_plots", pb_land_plot, 1, land_fields),
	D(PB_E_MONTHLY, "monthly_reports", pb_monthly, 0, monthly_fields),
	D(PB_E_INDICATOR, "indicators", pb_indicator, 1, indicator_fields),
	D(PB_E_INDICATOR_ACTUAL, "indicator_actuals", pb_indicator_actual, 0,
	  indicator_actual_fields),
	D(PB_E_PROJECT, "projects", pb_project, 1, project_fields),
	D(PB_E_PROJECT_STAGE, "project_stages", pb_project_stage, 0, project_stage_fields),
	D(PB_E_KEY_PROJECT, "key_projects", pb_key_project, 1, key_project_fields),
	D(PB_E_KEY_PROJECT_YEAR, "key_project_years", pb_key_project_year, 0,
	  key_project_year_fields),
	D(PB_E_CHAIN_MEMBER, "chain_members_flat", pb_chain_member, 0, chain_member_fields),
	D(PB_E_SUPPLIER, "suppliers", pb_supplier, 0, supplier_fields),
	D(PB_E_OFFICIAL_RATE, "official_rates", pb_official_rate, 0, official_rate_fields),
	D(PB_E_MUJUN_DATA, "mujun_data", pb_mujun_data, 0, mujun_data_fields),
	D(PB_E_MUJUN_FACT, "mujun_facts", pb_mujun_fact, 0, mujun_fact_fields),
	D(PB_E_PROJECT_FUND, "project_funds", pb_project_fund, 0, project_fund_fields),
	D(PB_E_PIPELINE_TARGET, "pipeline_targets", pb_pipeline_target, 0, pipeline_target_fields),
	D(PB_E_ACTIVITY, "activities", pb_activity, 1, activity_fields),
	D(PB_E_KEY_PROJECT_MONTH, "key_project_months", pb_key_project_month, 0,
	  key_project_month_fields),
};

const pb_entity_desc *pb_entity_get(pb_entity e)
{
	assert(e >= 0 && e < PB_ENTITY_COUNT);
	assert(descs[e].entity == e);
	return &descs[e];
}

void pb_record_clear(const pb_entity_desc *d, void *rec)
{
	memset(rec, 0, d->size);
	for (size_t i = 0; i < d->nfields; i++) {
		char *p = (char *)rec + d->fields[i].offset;
		switch (d->fields[i].type) {
		case PB_FT_INT: *(int64_t *)p = PB_INT_MISSING; break;
		case PB_FT_REAL: *(double *)p = PB_MISSING; break;
		case PB_FT_ID:
		case PB_FT_TEXT: break; /* memset already made them 0 / NULL */
		}
	}
}

static const char *const tier_names[] = { "", "龙头", "骨干", "成长型", "规下" };
static const char *const stage_names[PB_STAGE_COUNT] = {
	"", "线索", "在谈", "签约", "注册", "供地", "开工", "竣工投产", "达产", "升规入统", "终止",
};

const char *pb_tier_name(pb_tier t)
{
	return (t >= 0 && t <= PB_TIER_BELOW) ? tier_names[t] : "";
}

const char *pb_stage_name(pb_stage s)
{
	return (s >= 0 && s < PB_STAGE_COUNT) ? stage_names[s] : "";
}

static const char *const stage_keys[PB_STAGE_COUNT] = {
	"", "lead", "talks", "signed", "registered", "land", "started", "producing", "full",
	"in_stats", "dropped",
};

const char *pb_stage_key(pb_stage s)
{
	return (s >= 0 && s < PB_STAGE_COUNT) ? stage_keys[s] : "";
}

pb_stage pb_stage_parse(const char *s, size_t len)
{
	for (int i = PB_STAGE_LEAD; i < PB_STAGE_COUNT; i++)
		if ((strlen(stage_keys[i]) == len && memcmp(stage_keys[i], s, len) == 0) ||
		    (strlen(stage_names[i]) == len && memcmp(stage_names[i], s, len) == 0))
			return (pb_stage)i;
	return PB_STAGE_NONE;
}
