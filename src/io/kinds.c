/*
 * kinds.c - the columns of every import kind; see kinds.h and docs/import-formats.md
 * (which documents these tables for users: keep the two in step).
 */
#include "kinds.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const pb_enum_label tier_labels[] = {
	{ "龙头", PB_TIER_LEADING }, { "龙头企业", PB_TIER_LEADING },
	{ "骨干", PB_TIER_BACKBONE }, { "骨干企业", PB_TIER_BACKBONE },
	{ "成长型", PB_TIER_GROWTH }, { "成长型企业", PB_TIER_GROWTH }, { "成长", PB_TIER_GROWTH },
	{ "规下", PB_TIER_BELOW }, { "规下企业", PB_TIER_BELOW }, { "规模以下", PB_TIER_BELOW },
	{ NULL, 0 },
};

static const pb_enum_label tenure_labels[] = {
	{ "自有", 0 }, { "出让", 0 }, { "自用", 0 },
	{ "租赁", 1 }, { "租用", 1 }, { "承租", 1 },
	{ NULL, 0 },
};

static const pb_enum_label funding_labels[] = {
	{ "内资", 0 }, { "外资", 1 }, { "港澳台资", 1 }, { NULL, 0 },
};

static const pb_enum_label stage_labels[] = {
	{ "线索", PB_STAGE_LEAD }, { "对接", PB_STAGE_LEAD }, { "洽谈", PB_STAGE_TALKS },
	{ "在谈", PB_STAGE_TALKS }, { "签约", PB_STAGE_SIGNED }, { "注册", PB_STAGE_REGISTERED },
	{ "供地", PB_STAGE_LAND }, { "拿地", PB_STAGE_LAND }, { "开工", PB_STAGE_STARTED },
	{ "竣工投产", PB_STAGE_PRODUCING }, { "投产", PB_STAGE_PRODUCING },
	{ "达产", PB_STAGE_FULL }, { "升规入统", PB_STAGE_IN_STATS }, { "升规", PB_STAGE_IN_STATS },
	{ "终止", PB_STAGE_DROPPED }, { "退出", PB_STAGE_DROPPED },
	/* more words the parks' sheets use (DOMAIN.md §2) */
	{ "谈判", PB_STAGE_TALKS }, { "开工在建", PB_STAGE_STARTED }, { "在建", PB_STAGE_STARTED },
	{ "竣工", PB_STAGE_PRODUCING }, { "建成投产", PB_STAGE_PRODUCING },
	{ "入统", PB_STAGE_IN_STATS },
	{ NULL, 0 },
};

static const pb_enum_label attribute_labels[] = {
	{ "预期性", 1 }, { "预期值", 1 }, { "预期", 1 },
	{ "约束性", 2 }, { "约束值", 2 }, { "约束", 2 },
	{ "累计值", 3 }, { "累计性", 3 }, /* 表2-1 of the demo's plan uses it too */
	{ NULL, 0 },
};

/* Column builders, to keep the tables one line per column. */
#define TEXT(zh, en, al, field, fl) { zh, en, al, PB_CV_TEXT, field, PB_DIM_NONE, fl, 0, NULL }
#define CONV(zh, en, al, cv, field, fl) { zh, en, al, cv, field, PB_DIM_NONE, fl, 0, NULL }
#define NUM(zh, en, al, field, dim, fl) { zh, en, al, PB_CV_NUM, field, dim, fl, 0, NULL }
#define ENUM(zh, en, al, cv, field, fl, labels) { zh, en, al, cv, field, PB_DIM_NONE, fl, 0, labels }
#define ENT_USCC(fl) CONV("统一社会信用代码", "uscc", "社会信用代码|信用代码|统一代码", \
			  PB_CV_REF_ENTERPRISE, "enterprise_id", fl)
#define ENT_NAME CONV("企业名称", "name", "单位名称|企业|公司名称|单位详细名称", \
		      PB_CV_REF_ENTERPRISE_NAME, "enterprise_id", PB_COL_CHECK_ONLY)

static const pb_column zone_cols[] = {
	TEXT("名称", "name", "开发区名称|园区名称", "name", PB_COL_REQUIRED),
	TEXT("行政区划代码", "region_code", "区划代码", "region_code", 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_column park_cols[] = {
	TEXT("园区名称", "name", "园区|名称", "name", PB_COL_REQUIRED),
	TEXT("简称", "short_name", NULL, "short_name", 0),
	TEXT("类型", "type", "园区类型", "type", 0),
	NUM("规划面积", "planned_area", "面积", "planned_area", PB_DIM_LAND, 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_column enterprise_cols[] = {
	CONV("统一社会信用代码", "uscc", "社会信用代码|信用代码|统一代码", PB_CV_USCC, "uscc",
	     PB_COL_REQUIRED),
	TEXT("企业名称", "name", "单位名称|企业|公司名称|单位详细名称", "name", PB_COL_REQUIRED),
	CONV("行业代码", "industry_code", "国民经济行业代码|行业分类代码|行业类别代码",
	     PB_CV_INDUSTRY, "industry", PB_COL_REQUIRED),
	TEXT("产业板块", "sector", "产业|所属产业|行业板块|产业类别", "sector", PB_COL_REQUIRED),
	ENUM("企业类型", "tier", "企业分类|企业层级|类型", PB_CV_ENUM, "tier", PB_COL_REQUIRED,
	     tier_labels),
	CONV("所属园区", "park", "园区", PB_CV_REF_PARK, "park_id", 0),
	CONV("规上", "above_scale", "是否规上|规模以上", PB_CV_BOOL, "above_scale", 0),
	CONV("高新技术企业", "high_tech", "高新企业|国家高新技术企业", PB_CV_BOOL, "high_tech", 0),
	CONV("专精特新", "specialized", "专精特新企业|专精特新中小企业", PB_CV_BOOL, "specialized", 0),
	CONV("小巨人", "little_giant", "专精特新小巨人|小巨人企业", PB_CV_BOOL, "little_giant", 0),
	CONV("单项冠军", "champion", "制造业单项冠军|单项冠军企业", PB_CV_BOOL, "champion", 0),
	CONV("科技型企业", "tech_sme", "科技型中小企业", PB_CV_BOOL, "tech_sme", 0),
	TEXT("备注", "note", "说明", "note", 0),
};

static const pb_column land_cols[] = {
	TEXT("地块编号", "plot_code", "地块号|宗地编号|宗地号", "plot_code", PB_COL_REQUIRED),
	ENT_USCC(0),
	ENT_NAME,
	CONV("所属园区", "park", "园区", PB_CV_REF_PARK, "park_id", 0),
	NUM("用地面积", "area", "现有用地|土地面积|占地面积|宗地面积", "area", PB_DIM_LAND,
	    PB_COL_REQUIRED),
	NUM("闲置面积", "idle_area", "闲置用地|闲置土地面积", "idle_area", PB_DIM_LAND, 0),
	NUM("厂房及办公面积", "floor_area", "建筑面积|厂房面积", "floor_area", PB_DIM_AREA, 0),
	ENUM("权属", "tenure", "土地权属|用地方式", PB_CV_ENUM, "leased", 0, tenure_labels),
	TEXT("备注", "note", "说明", "note", 0),
	TEXT("共用宗地编号", "shared_parcel", "共用宗地|共用地块", "shared_parcel", 0),
};

#define FIG(zh, en, al, i, dim, fl) \
	NUM(zh, en, al, #i, dim, fl), \
	NUM(zh, en "_prev", al, #i "p", dim, (fl) | PB_COL_PREV)
static const pb_column monthly_cols[] = {
	ENT_USCC(PB_COL_REQUIRED),
	ENT_NAME,
	CONV("月份", "month", "报告期|统计月份|期别|年月|时间", PB_CV_MONTH, "month", PB_COL_REQUIRED),
	FIG("工业总产值", "gross_output", "工业总产值(当年价格)|总产值", 0, PB_DIM_MONEY, 0),
	FIG("销售产值", "sales_output", "工业销售产值", 1, PB_DIM_MONEY, 0),
	FIG("出口交货值", "export_value", NULL, 2, PB_DIM_MONEY, 0),
	FIG("营业收入", "revenue", "主营业务收入|营业收入合计", 3, PB_DIM_MONEY, 0),
	FIG("利润总额", "profit", "利润", 4, PB_DIM_MONEY, PB_COL_NEGATIVE),
	FIG("税金", "tax", "税金总额|税金及附加|应交税金|实缴税金", 5, PB_DIM_MONEY, 0),
	FIG("用电量", "electricity", "工业用电量|用电", 6, PB_DIM_ELECTRICITY, 0),
	FIG("综合能耗", "energy", "综合能源消费量|能源消费量", 7, PB_DIM_ENERGY, 0),
	FIG("从业人员", "employees", "从业人员平均人数|从业人数|用工人数|职工人数", 8,
	    PB_DIM_PEOPLE, 0),
	FIG("研发费用", "rd_expense", "研发经费|研究开发费用|R&D经费", 9, PB_DIM_MONEY, 0),
	CONV("报送日期", "submitted", "填报日期|报送时间|上报日期", PB_CV_DATE, "submitted", 0),
};

static const pb_column official_rate_cols[] = {
	CONV("月份", "month", "报告期|统计月份|期别|年月", PB_CV_MONTH, "month", PB_COL_REQUIRED),
	TEXT("范围", "scope", "统计范围|口径|地区", "scope", PB_COL_REQUIRED),
	TEXT("指标名称", "indicator", "指标", "indicator", PB_COL_REQUIRED),
	NUM("当月增速", "month_rate", "当月同比|当月增长", "month_rate", PB_DIM_PERCENT,
	    PB_COL_NEGATIVE),
	NUM("累计增速", "ytd_rate", "累计同比|累计增长", "ytd_rate", PB_DIM_PERCENT,
	    PB_COL_NEGATIVE),
	TEXT("来源", "source", "数据来源|备注", "source", 0),
};

static const pb_column indicator_cols[] = {
	TEXT("类别", "category", "指标类别", "category", 0),
	TEXT("指标名称", "name", "指标", "name", PB_COL_REQUIRED),
	TEXT("单位", "unit", "计量单位", "unit", 0),
	CONV("基期年份", "base_year", "基期", PB_CV_YEAR, "base_year", 0),
	NUM("基期值", "base_value", "基期数值", "base_value", PB_DIM_NONE, PB_COL_NEGATIVE),
	CONV("目标年份", "target_year", "目标年", PB_CV_YEAR, "target_year", 0),
	NUM("目标值", "target_value", "目标数值", "target_value", PB_DIM_NONE, PB_COL_NEGATIVE),
	NUM("年均增长", "growth", "年均增速|年均增长率", "growth", PB_DIM_PERCENT, PB_COL_NEGATIVE),
	ENUM("属性", "attribute", "指标属性", PB_CV_ENUM_TEXT, "attribute", 0, attribute_labels),
};

static const pb_column indicator_actual_cols[] = {
	CONV("指标名称", "indicator", "指标", PB_CV_REF_INDICATOR, "indicator_id", PB_COL_REQUIRED),
	CONV("年份", "year", "年度", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	NUM("实际值", "value", "实际|完成值", "value", PB_DIM_NONE, PB_COL_NEGATIVE | PB_COL_REQUIRED),
	TEXT("来源", "source", "数据来源|备注", "source", 0),
};

static const pb_column project_cols[] = {
	TEXT("项目名称", "name", "项目", "name", PB_COL_REQUIRED),
	TEXT("投资方", "investor", "投资主体|投资企业|客商", "investor", 0),
	TEXT("投资方来源地", "origin", "来源地|投资方所在地", "origin", 0),
	ENUM("内外资", "funding", "资金来源", PB_CV_ENUM, "foreign_funded", 0, funding_labels),
	CONV("行业代码", "industry_code", "国民经济行业代码", PB_CV_INDUSTRY, "industry", 0),
	TEXT("产业板块", "sector", "产业|所属产业", "sector", 0),
	CONV("所属园区", "park", "园区", PB_CV_REF_PARK, "park_id", 0),
	TEXT("招商团队", "team", "团队|责任团队|招商专班", "team", 0),
	TEXT("产业链", "chain", NULL, "chain", 0),
	TEXT("链上节点", "chain_node", "节点", "chain_node", 0),
	NUM("计划投资", "planned_investment", "计划总投资|总投资", "planned_investment",
	    PB_DIM_MONEY, 0),
	NUM("合同金额", "contract_value", "合同额|签约金额|协议投资额", "contract_value",
	    PB_DIM_MONEY, 0),
	NUM("承诺年产值", "promised_output", "约定产值|达产产值", "promised_output", PB_DIM_MONEY, 0),
	NUM("承诺年税收", "promised_tax", "约定税收|达产税收", "promised_tax", PB_DIM_MONEY, 0),
	NUM("用地需求", "land_needed", "需求用地", "land_needed", PB_DIM_LAND, 0),
	ENT_USCC(0),
	TEXT("说明", "note", "备注", "note", 0),
	CONV("示例数据", "generated", "生成数据|是否生成", PB_CV_BOOL, "generated", 0),
};

static const pb_column project_stage_cols[] = {
	CONV("项目名称", "project", "项目", PB_CV_REF_PROJECT, "project_id", PB_COL_REQUIRED),
	ENUM("阶段", "stage", "项目阶段|进展阶段", PB_CV_ENUM, "stage", PB_COL_REQUIRED,
	     stage_labels),
	CONV("日期", "date", "时间|发生日期", PB_CV_DATE, "date", PB_COL_REQUIRED),
	TEXT("说明", "note", "备注|原因|变更原因", "note", 0),
};

/* 到位资金: one row per project and month, fixed-asset investment and working capital. */
static const pb_column project_fund_cols[] = {
	CONV("项目名称", "project", "项目", PB_CV_REF_PROJECT, "project_id", PB_COL_REQUIRED),
	CONV("月份", "month", "到位月份|年月", PB_CV_MONTH, "month", PB_COL_REQUIRED),
	NUM("固定资产投资到位", "fixed", "固定资产到位|到位固定资产投资|固定资产投资", "fixed",
	    PB_DIM_MONEY, 0),
	NUM("流动资金到位", "working", "到位流动资金|流动资金", "working", PB_DIM_MONEY, 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_enum_label target_level_labels[] = {
	{ "全区", 0 }, { "开发区", 0 }, { "园区", 1 }, { "团队", 2 }, { "招商团队", 2 },
	{ "专班", 2 }, { NULL, 0 },
};

/* 招商目标: a year's targets for the zone, a park or a team. */
static const pb_column pipeline_target_cols[] = {
	CONV("年度", "year", "年份", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	ENUM("层级", "level", "目标层级|类别", PB_CV_ENUM_TEXT, "level", PB_COL_REQUIRED,
	     target_level_labels),
	TEXT("名称", "scope", "园区或团队|单位|对象", "scope", PB_COL_REQUIRED),
	CONV("签约项目数", "signed_count", "签约个数|签约项目", PB_CV_COUNT, "signed_count", 0),
	NUM("签约金额", "signed_value", "合同金额|签约额", "signed_value", PB_DIM_MONEY, 0),
	NUM("到位资金", "funds", "资金到位", "funds", PB_DIM_MONEY, 0),
	CONV("开工项目数", "started_count", "开工个数|开工项目", PB_CV_COUNT, "started_count", 0),
	CONV("投产项目数", "producing_count", "投产个数|投产项目", PB_CV_COUNT, "producing_count", 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_enum_label activity_labels[] = {
	{ "外出拜访", 0 }, { "拜访", 0 }, { "走访", 0 }, { "外出招商", 0 },
	{ "企业到访", 1 }, { "来访", 1 }, { "客商来访", 1 }, { "到访", 1 },
	{ "招商活动", 2 }, { "推介会", 2 }, { "活动", 2 },
	{ "新闻宣传", 3 }, { "宣传", 3 }, { "媒体宣传", 3 },
	{ NULL, 0 },
};

/* 招商活动: visits, events and publicity, the activity index's inputs. */
static const pb_column activity_cols[] = {
	CONV("日期", "date", "活动日期|时间", PB_CV_DATE, "date", PB_COL_REQUIRED),
	ENUM("类型", "kind", "活动类型|类别", PB_CV_ENUM_TEXT, "kind", PB_COL_REQUIRED,
	     activity_labels),
	TEXT("主题", "title", "名称|活动名称|内容", "title", PB_COL_REQUIRED),
	CONV("所属园区", "park", "园区", PB_CV_REF_PARK, "park_id", 0),
	TEXT("招商团队", "team", "团队|招商专班", "team", 0),
	CONV("项目名称", "project", "项目|对接项目", PB_CV_REF_PROJECT, "project_id", 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_column key_project_cols[] = {
	TEXT("项目名称", "name", "项目", "name", PB_COL_REQUIRED),
	TEXT("项目业主", "owner", "业主|建设单位", "owner", 0),
	ENT_USCC(0),
	TEXT("责任单位", "department", "牵头单位", "department", 0),
	TEXT("产业板块", "sector", "产业|所属产业", "sector", 0),
	TEXT("建设性质", "nature", "性质", "nature", 0),
	TEXT("建设内容", "content", "建设规模及内容|主要建设内容", "content", 0),
	NUM("项目总投资", "total_investment", "总投资", "total_investment", PB_DIM_MONEY, 0),
	NUM("已完成投资", "invested_before", "2021年前已完成投资", "invested_before", PB_DIM_MONEY, 0),
	NUM("规划期计划投资", "planned_in_period", "“十四五”计划投资|\"十四五\"计划投资|十四五计划投资",
	    "planned_in_period", PB_DIM_MONEY, 0),
	NUM("规划期后计划投资", "planned_after", "2025年以后计划投资", "planned_after",
	    PB_DIM_MONEY, 0),
	CONV("开工年份", "start_year", "已开工时间或计划开工时间|开工时间|计划开工时间", PB_CV_YEAR,
	     "start_year", 0),
	CONV("计划完成年份", "end_year", "计划完成时间|竣工时间", PB_CV_YEAR, "end_year", 0),
	CONV("所属园区", "park", "园区", PB_CV_REF_PARK, "park_id", 0),
	CONV("实际开工月份", "started", "开工月份", PB_CV_MONTH, "started", 0),
	CONV("实际竣工月份", "finished", "竣工月份|完工月份", PB_CV_MONTH, "finished", 0),
};

static const pb_column key_project_year_cols[] = {
	CONV("项目名称", "project", "项目", PB_CV_REF_KEY_PROJECT, "key_project_id",
	     PB_COL_REQUIRED),
	CONV("年份", "year", "年度", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	NUM("计划投资", "planned", "年度计划投资|年度投资计划", "planned", PB_DIM_MONEY, 0),
	NUM("完成投资", "actual", "实际完成投资|已完成投资", "actual", PB_DIM_MONEY, 0),
};

/* 重点项目月度投资: the investment a key project completed in a month. */
static const pb_column key_project_month_cols[] = {
	CONV("项目名称", "project", "项目", PB_CV_REF_KEY_PROJECT, "key_project_id",
	     PB_COL_REQUIRED),
	CONV("月份", "month", "年月", PB_CV_MONTH, "month", PB_COL_REQUIRED),
	NUM("完成投资", "completed", "当月完成投资|月度完成投资", "completed", PB_DIM_MONEY,
	    PB_COL_REQUIRED),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_column chain_cols[] = {
	TEXT("产业链", "chain", "产业链名称", "chain", PB_COL_REQUIRED),
	TEXT("环节", "segment", "产业链环节|链条环节", "segment", PB_COL_REQUIRED),
	TEXT("节点", "node", "产品|细分领域", "node", PB_COL_REQUIRED),
	TEXT("企业名称", "enterprise_name", "企业|配套企业", "enterprise_name", 0),
	CONV("统一社会信用代码", "uscc", "社会信用代码|信用代码", PB_CV_REF_ENTERPRISE,
	     "enterprise_id", 0),
	CONV("是否本地", "local", "本地|本地企业", PB_CV_BOOL, "local", 0),
	TEXT("说明", "note", "备注", "note", 0),
};

static const pb_column supplier_cols[] = {
	ENT_USCC(0),
	ENT_NAME,
	CONV("年份", "year", "年度", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	CONV("供应商总数", "total", "供应商总量|总量|供应商数量", PB_CV_COUNT, "total",
	     PB_COL_REQUIRED),
	CONV("本地供应商数", "local", "市内|本地供应商|市内供应商数", PB_CV_COUNT, "local", 0),
};

/* 亩均评价数据: one row per enterprise and year, the departments' yearly figures. */
static const pb_column mujun_data_cols[] = {
	ENT_USCC(PB_COL_REQUIRED),
	ENT_NAME,
	CONV("年度", "year", "年份|评价年度", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	NUM("工业增加值", "value_added", "增加值", "value_added", PB_DIM_MONEY, 0),
	NUM("主要污染物排放量", "emissions", "污染物排放量|主要污染物排放总量", "emissions",
	    PB_DIM_MASS, 0),
	NUM("化学需氧量排放量", "cod", "COD排放量|化学需氧量", "cod", PB_DIM_MASS, 0),
	NUM("用水量", "water", "工业用水量|总用水量", "water", PB_DIM_WATER, 0),
	NUM("评价税收", "tax", "税收|实缴税收|税收实际贡献|实缴税金", "tax", PB_DIM_MONEY, 0),
	NUM("营业收入", "revenue", "主营业务收入|销售收入", "revenue", PB_DIM_MONEY, 0),
	NUM("综合能耗", "energy", "综合能源消费量|能源消费量|总能耗", "energy", PB_DIM_ENERGY, 0),
	NUM("用电量", "electricity", "工业用电量|总用电量", "electricity", PB_DIM_ELECTRICITY, 0),
	NUM("年平均职工人数", "employees", "年平均从业人员|从业人员平均人数|职工人数|从业人员",
	    "employees", PB_DIM_PEOPLE, 0),
	NUM("研发经费", "rd", "研发经费支出|R&D经费|研发费用", "rd", PB_DIM_MONEY, 0),
	TEXT("备注", "note", "说明", "note", 0),
};

/* 亩均评价事项: the incidents and statuses the scheme's rules are about. */
static const pb_column mujun_fact_cols[] = {
	ENT_USCC(PB_COL_REQUIRED),
	ENT_NAME,
	CONV("年度", "year", "年份|评价年度", PB_CV_YEAR, "year", PB_COL_REQUIRED),
	CONV("事项", "kind", "事项类型|事项名称|类别", PB_CV_FACT_KIND, "kind", PB_COL_REQUIRED),
	TEXT("说明", "note", "备注|情况说明", "note", 0),
};

#define K(name, zh, e, cols) { name, zh, e, cols, COUNT(cols), { 0 } }
static pb_kind kinds[] = {
	K("zone", "开发区", PB_E_ZONE, zone_cols),
	K("parks", "园区", PB_E_PARK, park_cols),
	K("enterprises", "企业", PB_E_ENTERPRISE, enterprise_cols),
	K("land", "用地", PB_E_LAND_PLOT, land_cols),
	K("monthly", "月度报表", PB_E_MONTHLY, monthly_cols),
	K("indicators", "规划指标", PB_E_INDICATOR, indicator_cols),
	K("indicator-actuals", "指标实际值", PB_E_INDICATOR_ACTUAL, indicator_actual_cols),
	K("projects", "招商项目", PB_E_PROJECT, project_cols),
	K("project-stages", "项目阶段", PB_E_PROJECT_STAGE, project_stage_cols),
	K("key-projects", "重点项目", PB_E_KEY_PROJECT, key_project_cols),
	K("key-project-years", "重点项目年度投资", PB_E_KEY_PROJECT_YEAR, key_project_year_cols),
	K("key-project-months", "重点项目月度投资", PB_E_KEY_PROJECT_MONTH, key_project_month_cols),
	K("project-funds", "到位资金", PB_E_PROJECT_FUND, project_fund_cols),
	K("pipeline-targets", "招商目标", PB_E_PIPELINE_TARGET, pipeline_target_cols),
	K("activities", "招商活动", PB_E_ACTIVITY, activity_cols),
	K("chains", "产业链图谱", PB_E_CHAIN_MEMBER, chain_cols),
	K("suppliers", "供应商", PB_E_SUPPLIER, supplier_cols),
	K("official-rates", "官方增速", PB_E_OFFICIAL_RATE, official_rate_cols),
	K("mujun-data", "亩均评价数据", PB_E_MUJUN_DATA, mujun_data_cols),
	K("mujun-facts", "亩均评价事项", PB_E_MUJUN_FACT, mujun_fact_cols),
};

/* The monthly figure columns name their field by metric index ("3", "3p") because
 * the model's field names for them are built from pb_metric_key(). */
static int resolve_field(const pb_entity_desc *d, const char *field)
{
	char buf[64];
	if (field[0] >= '0' && field[0] <= '9') {
		int m = field[0] - '0';
		snprintf(buf, sizeof(buf), "%s%s", pb_metric_key((pb_metric)m),
			 field[1] == 'p' ? "_prev" : "");
		field = buf;
	}
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, field) == 0)
			return (int)i;
	return -1;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_kinds(void)
{
	for (size_t k = 0; k < COUNT(kinds); k++) {
		const pb_entity_desc *d = pb_entity_get(kinds[k].entity);
		assert(kinds[k].ncols <= 64);
		for (size_t i = 0; i < kinds[k].ncols; i++) {
			kinds[k].field_index[i] = resolve_field(d, kinds[k].cols[i].field);
			assert(kinds[k].field_index[i] >= 0);
		}
	}
}

const pb_kind *pb_kind_find(const char *name)
{
	pthread_once(&init_once, init_kinds);
	for (size_t k = 0; k < COUNT(kinds); k++)
		if (strcmp(kinds[k].name, name) == 0)
			return &kinds[k];
	return NULL;
}

const pb_kind *pb_kind_all(size_t *n)
{
	pthread_once(&init_once, init_kinds);
	*n = COUNT(kinds);
	return kinds;
}

const char *pb_enum_label_of(const pb_enum_label *labels, int value)
{
	for (; labels && labels->label; labels++)
		if (labels->value == value)
			return labels->label;
	return "";
}
