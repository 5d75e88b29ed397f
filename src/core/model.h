/*
 * model.h - the entities parkbrain keeps, as C structs, and one descriptor per
 * entity listing its fields.
 *
 * The descriptor is the single source of truth for an entity's fields: src/store
 * builds its prepared statements from it (a field's `name` is the SQL column), and
 * src/io maps file columns onto it (io adds the Chinese headers). Adding a field is
 * one line here, one column in a store migration, one header in src/io/kinds.c.
 *
 * Conventions for every struct below:
 *   - text fields are `const char *`, NULL when absent; who owns them depends on who
 *     filled the struct (an import batch arena, or the store during pb_store_each);
 *   - numbers are double, PB_MISSING (NaN) when absent, never silently 0;
 *   - integers (years, counts of things that are not figures) are int64_t, with
 *     PB_INT_MISSING when absent;
 *   - references to other entities are int64_t row ids, 0 when absent.
 */
#ifndef PB_MODEL_H
#define PB_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "num.h"

#define PB_INT_MISSING INT64_MIN

/* ---- the monthly figures ------------------------------------------------ */

/* The figures an enterprise reports each month. The order is the store's and the
 * export's column order. */
typedef enum pb_metric {
	PB_M_GROSS_OUTPUT = 0, /* 工业总产值, 万元 */
	PB_M_SALES_OUTPUT,     /* 工业销售产值, 万元 */
	PB_M_EXPORT_VALUE,     /* 出口交货值, 万元 */
	PB_M_REVENUE,          /* 营业收入, 万元 */
	PB_M_PROFIT,           /* 利润总额, 万元 (may be negative) */
	PB_M_TAX,              /* 税金, 万元 */
	PB_M_ELECTRICITY,      /* 用电量, 万千瓦时 */
	PB_M_ENERGY,           /* 综合能耗, 吨标准煤 */
	PB_M_EMPLOYEES,        /* 从业人员, 人 */
	PB_M_RD_EXPENSE,       /* 研发费用, 万元 */
	PB_METRIC_COUNT
} pb_metric;

/** The metric's key ("gross_output"), used as SQL column and English header. */
const char *pb_metric_key(pb_metric m);

/** The metric's Chinese name ("工业总产值"), English name and stored unit ("万元"). */
const char *pb_metric_name(pb_metric m);
const char *pb_metric_name_en(pb_metric m);
const char *pb_metric_unit(pb_metric m);

/** 1 for a money figure in 万元 (shown in 亿元 in summaries). */
int pb_metric_is_money(pb_metric m);

/**
 * 1 for a stock rather than a flow: 从业人员 is a headcount, so its 1-M月 figure is the
 * average of the months reported, not their sum.
 */
int pb_metric_is_stock(pb_metric m);

/* ---- entities -------------------------------------------------------------- */

typedef struct pb_zone {
	int64_t id; /* always 1: a database holds one zone */
	const char *name, *region_code, *note;
} pb_zone;

typedef struct pb_park {
	int64_t id;
	const char *name, *short_name, *type, *note;
	double planned_area; /* 亩 */
} pb_park;

typedef enum pb_tier {
	PB_TIER_NONE = 0,
	PB_TIER_LEADING = 1,  /* 龙头 */
	PB_TIER_BACKBONE = 2, /* 骨干 */
	PB_TIER_GROWTH = 3,   /* 成长型 */
	PB_TIER_BELOW = 4,    /* 规下 */
} pb_tier;

typedef struct pb_enterprise {
	int64_t id;
	const char *uscc;     /* 18 characters, validated */
	const char *name;
	const char *industry; /* GB/T 4754-2017, lettered ("C3922") */
	const char *sector;   /* the zone's sector group, e.g. "电子信息" */
	int64_t tier;         /* pb_tier */
	int64_t park_id;
	int64_t above_scale, high_tech, specialized, little_giant, champion, tech_sme; /* 0/1 */
	const char *note;
} pb_enterprise;

typedef struct pb_land_plot {
	int64_t id;
	const char *plot_code;
	int64_t enterprise_id, park_id;
	double area, idle_area; /* 亩 */
	double floor_area;      /* 平方米 */
	int64_t leased;         /* 0 自有, 1 租赁 */
	const char *note;
	const char *shared_parcel; /* 共用宗地编号: the parcel this plot is one user's part
	                            * of, NULL when the enterprise uses the plot alone */
} pb_land_plot;

typedef struct pb_monthly {
	int64_t enterprise_id;
	int64_t month;                  /* yyyymm */
	double v[PB_METRIC_COUNT];      /* this month */
	double prev[PB_METRIC_COUNT];   /* same month last year, as the enterprise reported it */
	int64_t submitted;              /* yyyymmdd the enterprise filed it (报送日期), or
	                                 * PB_INT_MISSING when the file does not say */
} pb_monthly;

/* A growth rate published by the statistics bureau, shown as it is: 增加值 growth is at
 * comparable prices and cannot be rebuilt from current-price levels (see
 * docs/metrics.md). `scope` is "全区" for the zone or the name of a group. */
typedef struct pb_official_rate {
	int64_t month;             /* yyyymm */
	const char *scope;         /* "全区", a sector, a park */
	const char *indicator;     /* "规模以上工业增加值" */
	double month_rate, ytd_rate; /* 当月 and 1-N月累计 同比, percent points */
	const char *source;
} pb_official_rate;

typedef struct pb_indicator {
	int64_t id;
	const char *category, *name, *unit;
	int64_t base_year;
	double base_value;
	int64_t target_year;
	double target_value;
	double growth;        /* stated 年均增长, percent points */
	const char *attribute;/* 预期性 / 约束性 */
} pb_indicator;

typedef struct pb_indicator_actual {
	int64_t indicator_id, year;
	double value;
	const char *source;
} pb_indicator_actual;

typedef enum pb_stage {
	PB_STAGE_NONE = 0,
	PB_STAGE_LEAD,       /* 线索/对接 */
	PB_STAGE_TALKS,      /* 在谈 */
	PB_STAGE_SIGNED,     /* 签约 */
	PB_STAGE_REGISTERED, /* 注册 */
	PB_STAGE_LAND,       /* 供地 */
	PB_STAGE_STARTED,    /* 开工 */
	PB_STAGE_PRODUCING,  /* 竣工投产 */
	PB_STAGE_FULL,       /* 达产 */
	PB_STAGE_IN_STATS,   /* 升规入统 */
	PB_STAGE_DROPPED,    /* 终止 */
	PB_STAGE_COUNT
} pb_stage;

typedef struct pb_project {
	int64_t id;
	const char *name, *investor, *origin;
	int64_t foreign_funded; /* 0 内资, 1 外资, PB_INT_MISSING unknown */
	const char *industry, *sector;
	int64_t park_id;
	const char *team, *chain, *chain_node;
	double planned_investment, contract_value, promised_output, promised_tax; /* 万元 */
	double land_needed; /* 亩 */
	int64_t enterprise_id;
	const char *note;
	int64_t generated;  /* 1: made up by the demo to match the published totals */
} pb_project;

/* A stage event: the project reached `stage` on `date` (src/core/pipeline.h replays them).
 * The natural key is (project, stage, date): a history, not one date per stage. */
typedef struct pb_project_stage {
	int64_t project_id;
	int64_t stage; /* pb_stage */
	int64_t date;  /* yyyymmdd */
	const char *note;      /* the reason, for a skip, a step back, a drop */
	const char *user_name; /* who recorded it in the UI; NULL for an imported row */
	const char *recorded_at; /* ISO 8601 UTC, set by the store when the row is inserted
				  * (migration 6); no file column: an import never writes it */
} pb_project_stage;

/* 到位资金 of a project in a month (万元). */
typedef struct pb_project_fund {
	int64_t project_id, month;
	double fixed, working; /* 固定资产投资, 流动资金 */
	const char *note;
} pb_project_fund;

/* A year's 招商 targets of the zone, a park or a team (level 全区/园区/团队, scope its
 * name). */
typedef struct pb_pipeline_target {
	int64_t year;
	const char *level, *scope;
	int64_t signed_count;
	double signed_value, funds; /* 万元 */
	int64_t started_count, producing_count;
	const char *note;
} pb_pipeline_target;

/* A 招商 activity: a visit made (外出拜访) or received (企业到访), an event (招商活动),
 * publicity (新闻宣传); of a park or team, about a project or not. */
typedef struct pb_activity {
	int64_t id;
	int64_t date; /* yyyymmdd */
	const char *kind, *title;
	int64_t park_id;
	const char *team;
	int64_t project_id;
	const char *note;
} pb_activity;

typedef struct pb_key_project {
	int64_t id;
	const char *name, *owner;
	int64_t enterprise_id;
	const char *department, *sector, *nature, *content;
	double total_investment, invested_before, planned_in_period, planned_after; /* 万元 */
	int64_t start_year, end_year;
	int64_t park_id;
	int64_t started, finished; /* yyyymm it did start and finish; PB_INT_MISSING not yet */
} pb_key_project;

typedef struct pb_key_project_year {
	int64_t key_project_id, year;
	double planned, actual; /* 万元 */
} pb_key_project_year;

/* Investment a key project completed in a month (万元). */
typedef struct pb_key_project_month {
	int64_t key_project_id, month;
	double completed;
	const char *note;
} pb_key_project_month;

/* One enterprise on one node of a chain map, as a file row has it; the store keeps
 * chains, nodes and members in three tables. enterprise_name NULL = an empty node. */
typedef struct pb_chain_member {
	const char *chain, *segment, *node, *enterprise_name;
	int64_t enterprise_id;
	int64_t local; /* 0/1, PB_INT_MISSING unknown */
	const char *note;
} pb_chain_member;

typedef struct pb_supplier {
	int64_t enterprise_id, year;
	int64_t total, local;
} pb_supplier;

/* The yearly figures of one enterprise for the 亩均 evaluation (评价数据), as the
 * departments give them: 工业增加值 and the emissions come only from here; the others,
 * where given, win over the sums of the monthly reports (src/store/store_mujun.h). */
typedef struct pb_mujun_data {
	int64_t enterprise_id, year;
	double value_added; /* 工业增加值, 万元 */
	double emissions;   /* 主要污染物排放量, 吨 */
	double cod;         /* 化学需氧量排放量, 吨 */
	double water;       /* 用水量, 吨 */
	double tax;         /* 评价税收, 万元 */
	double revenue;     /* 营业收入, 万元 */
	double energy;      /* 综合能耗, 吨标准煤 */
	double electricity; /* 用电量, 万千瓦时 */
	double employees;   /* 年平均职工人数, 人 */
	double rd;          /* 研发经费, 万元 */
	const char *note;
} pb_mujun_data;

/* A fact of one year about an enterprise that a 亩均 rule may be about: an incident, a
 * missed task, a status. `kind` is an ASCII key (pb_mujun_fact_kind_parse). */
typedef struct pb_mujun_fact {
	int64_t enterprise_id, year;
	const char *kind; /* "safety_accident" */
	const char *note;
} pb_mujun_fact;

/* ---- descriptors ---------------------------------------------------------- */

typedef enum pb_ftype {
	PB_FT_INT,  /* int64_t, PB_INT_MISSING = NULL */
	PB_FT_ID,   /* int64_t reference, 0 = NULL */
	PB_FT_REAL, /* double, NaN = NULL */
	PB_FT_TEXT, /* const char *, NULL = NULL */
} pb_ftype;

typedef struct pb_field {
	const char *name; /* SQL column and English key */
	pb_ftype type;
	size_t offset;    /* offsetof(struct, member) */
	int key;          /* part of the natural key */
} pb_field;

typedef enum pb_entity {
	PB_E_ZONE = 0,
	PB_E_PARK,
	PB_E_ENTERPRISE,
	PB_E_LAND_PLOT,
	PB_E_MONTHLY,
	PB_E_INDICATOR,
	PB_E_INDICATOR_ACTUAL,
	PB_E_PROJECT,
	PB_E_PROJECT_STAGE,
	PB_E_KEY_PROJECT,
	PB_E_KEY_PROJECT_YEAR,
	PB_E_CHAIN_MEMBER,
	PB_E_SUPPLIER,
	PB_E_OFFICIAL_RATE,
	PB_E_MUJUN_DATA,
	PB_E_MUJUN_FACT,
	PB_E_PROJECT_FUND,
	PB_E_PIPELINE_TARGET,
	PB_E_ACTIVITY,
	PB_E_KEY_PROJECT_MONTH,
	PB_ENTITY_COUNT
} pb_entity;

typedef struct pb_entity_desc {
	pb_entity entity;
	const char *table;   /* SQL table (for chain members: the flattening view) */
	size_t size;         /* sizeof the struct */
	int has_id;          /* the struct starts with an int64_t id the store assigns */
	const pb_field *fields;
	size_t nfields;
} pb_entity_desc;

/** The descriptor of an entity. Never NULL for a valid pb_entity. */
const pb_entity_desc *pb_entity_get(pb_entity e);

/** Set every field of `rec` to its absent value (NULL, NaN, PB_INT_MISSING, 0). */
void pb_record_clear(const pb_entity_desc *d, void *rec);

/** Names of tiers and stages in Chinese ("龙头", "签约"); "" for NONE. */
const char *pb_tier_name(pb_tier t);
const char *pb_stage_name(pb_stage s);

/** The stage's key in English ("signed", "in_stats"), as the API and JSON name it; "" out
 * of range. */
const char *pb_stage_key(pb_stage s);

/** The stage whose key or Chinese name (pb_stage_name) is `s` (`len` bytes), or
 * PB_STAGE_NONE. (Import files' other words for the stages are in src/io/kinds.c.) */
pb_stage pb_stage_parse(const char *s, size_t len);

#endif
