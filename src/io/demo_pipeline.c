/*
 * demo_pipeline.c - the demo zone's investment pipeline and key projects; see
 * demo_pipeline.h and data/demo/README.md ("The investment pipeline").
 *
 * The published figures (002: 四园一港 from March 2024 to the article's date, taken as
 * 2024-09-30: 248 对接, 21 签约 for 133.24亿元, 9 开工; 茶园 53 / 3 for 26亿元 / 2 / 37
 * 在谈; 000: 2024 55 签约 for 247.76亿元) are met by construction: each park gets fixed
 * numbers of projects of each kind (signed in the window, started in it, signed in
 * January–February or October–December 2024) with contract values split to the
 * published sums exactly, every other project is kept from signing in 2024 and from
 * starting in the window, and the leads (and 茶园's projects in talks) are topped up to
 * the published counts. Everything else is drawn from the seed.
 */
#include "demo_pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "model.h"
#include "text.h"

/* ---- days ------------------------------------------------------------------------ */

static long days_of(int y, int m, int d) /* days since 1970-01-01 (civil calendar) */
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int date_of(long z) /* yyyymmdd */
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	return (int)((y + (m <= 2)) * 10000 + m * 100 + d);
}

#define D(y, m, d) days_of(y, m, d)

/* ---- projects ---------------------------------------------------------------------- */

enum { NPARK = 5, MAXEV = 16 };

static const char *const park_name[NPARK] = {
	"南坪西区产业园", "长江绿色创新产业园", "先进汽车电子产业园", "茶园工业园", "迎龙创新港",
};

/* Teams (assigned: 茶园's three by industry are 002's; the others follow each park's
 * stated direction in 002) and what their projects make. */
typedef struct team {
	const char *name, *sector, *industry[3];
	const char *product[8];
} team;

static const team teams[NPARK][3] = {
	{ { "软件信息招商组", "其它", { "I65", "I65", "I65" },
	    { "工业软件研发中心", "数字内容产业基地", "金融科技服务平台", "软件外包交付中心",
	      "数据标注产业园", "信创适配中心", "区域总部", "智慧城市运营中心" } },
	  { "消费品招商组", "消费品", { "C1499", "C2319", "C1830" },
	    { "食品精深加工", "功能饮品生产线", "预制菜中央厨房", "高端印刷包装", "服饰研发总部",
	      "休闲食品", "冷链食品加工", "文创用品制造" } } },
	{ { "智能终端招商组", "电子信息", { "C3976", "C3982", "C3974" },
	    { "智能终端整机", "光电模组", "柔性电路板", "显示模组", "可穿戴设备", "精密结构件",
	      "声学器件", "电子专用材料" } },
	  { "节能环保招商组", "装备制造", { "C3591", "C3825", "C3841" },
	    { "环保装备制造", "光伏组件", "储能电池包", "固废资源化", "节能装备",
	      "余热回收设备", "水处理装备", "氢能装备" } } },
	{ { "汽车电子招商组", "装备制造", { "C3670", "C3962", "C3972" },
	    { "车规级功率模块", "智能座舱", "车载摄像头模组", "域控制器", "汽车线束",
	      "新能源汽车电驱", "毫米波雷达", "车身电子" } },
	  { "智能制造招商组", "装备制造", { "C3499", "C3442", "C3562" },
	    { "工业机器人", "智能装备", "精密加工中心", "智能仓储装备", "数控机床", "压缩机",
	      "半导体设备零部件", "检测装备" } } },
	{ { "智能制造招商小组", "装备制造", { "C3499", "C3442", "C3391" },
	    { "智能装备", "精密铸件", "工业机器人集成", "高端阀门", "智能产线", "通用设备",
	      "液压件", "工装模具" } },
	  { "大健康招商小组", "医疗制造", { "C2720", "C2761", "C3581" },
	    { "创新药生产基地", "医疗器械", "生物制剂", "中药配方颗粒", "康复器械", "体外诊断试剂",
	      "医用耗材", "健康食品" } },
	  { "软件信息招商小组", "其它", { "I65", "I65", "I65" },
	    { "工业互联网平台", "软件研发中心", "数字孪生平台", "智能制造软件", "数据中心",
	      "网络安全", "企业服务平台", "区域结算中心" } } },
	{ { "大学科技园招商组", "其它", { "M73", "M73", "I65" },
	    { "联合实验室", "成果转化中心", "科技孵化器", "研发中心", "脑机接口研究院",
	      "类脑芯片研发", "人工智能创新中心", "校企联合研究院" } },
	  { "创新港招商组", "电子信息", { "C3979", "C3973", "C3985" },
	    { "类脑芯片", "光子器件", "绿色低碳技术", "传感器", "集成电路设计", "新材料中试",
	      "智能硬件", "量子器件" } } },
};

static const int nteams[NPARK] = { 2, 2, 2, 3, 2 };

/* Investors' places (generated): provinces and a few abroad (外资). */
static const struct { const char *place; int foreign; } origins[] = {
	{ "广东省深圳市", 0 }, { "广东省广州市", 0 }, { "北京市", 0 }, { "上海市", 0 },
	{ "江苏省苏州市", 0 }, { "浙江省杭州市", 0 }, { "四川省成都市", 0 }, { "陕西省西安市", 0 },
	{ "重庆市", 0 },       { "重庆市", 0 },       { "福建省厦门市", 0 }, { "湖北省武汉市", 0 },
	{ "山东省青岛市", 0 }, { "广东省东莞市", 0 }, { "江苏省南京市", 0 }, { "重庆市", 0 },
	{ "日本", 1 },         { "德国", 1 },         { "新加坡", 1 },       { "中国香港", 1 },
	{ "韩国", 1 },         { "中国台湾", 1 },
};
#define NORIGIN (sizeof(origins) / sizeof(origins[0]))

static const char *const names1[] = {
	"华睿", "中科", "恒信", "博越", "嘉禾", "瑞芯", "天合", "思远", "联创", "海纳", "启明",
	"卓越", "宏图", "精诚", "鼎盛", "锐驰", "星河", "云帆", "德润", "正元", "泰和", "奥普",
	"汇智", "金桥", "峰极", "凯达", "新纪", "远航", "同创", "明德", "弘毅", "致远", "清源",
	"蓝海", "睿达", "光启", "万象", "永升", "长盛", "晨曦",
};
#define NNAME1 (sizeof(names1) / sizeof(names1[0]))

typedef struct ev {
	int stage;
	long day;
	const char *note;
} ev;

typedef struct proj {
	char name[192], investor[192];
	const char *origin;
	int foreign;
	const char *industry, *sector, *note;
	int park, team;
	double planned, contract, output, tax, land; /* NAN: none */
	int firm;            /* -1: none */
	int generated;
	int sign_2024;       /* may sign in 2024 (a designated signing) */
	int start_window;    /* may start in 2024-03-01..2024-09-30 */
	long start_from;     /* may not start before this day (0: any) */
	int nev;
	ev ev[MAXEV];
} proj;

typedef struct gen {
	const pb_demo_world *w;
	uint64_t k;
	proj *p;
	size_t n, cap;
	unsigned seq;
	char used_firm[512];
	uint64_t k_tidy;     /* the list's clean-up draws: a stream of their own (tidy) */
} gen;

static long W0, W1, Y0, Y1, END;

static double U(gen *g)
{
	return pb_demo_uniform(g->w->seed, 230, g->k++);
}

static long R(gen *g, long lo, long hi) /* inclusive */
{
	if (hi <= lo)
		return lo;
	long v = lo + (long)(U(g) * (double)(hi - lo + 1));
	return v > hi ? hi : v;
}

static int in_window(long d)
{
	return d >= W0 && d <= W1;
}

static int taken(const gen *g, const proj *p)
{
	for (size_t i = 0; i + 1 < g->n; i++)
		if (strcmp(g->p[i].name, p->name) == 0)
			return 1;
	return 0;
}

static proj *new_proj(gen *g, int park, int team_ix)
{
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 512;
		proj *t = realloc(g->p, nc * sizeof(*t));
		if (!t)
			return NULL;
		g->p = t, g->cap = nc;
	}
	proj *p = &g->p[g->n++];
	memset(p, 0, sizeof(*p));
	const team *t = &teams[park][team_ix];
	unsigned s = g->seq++;
	/* one investor in ten from abroad (the last six places) */
	int o = U(g) < 0.1 ? (int)R(g, NORIGIN - 6, NORIGIN - 1) : (int)R(g, 0, NORIGIN - 7);
	snprintf(p->name, sizeof(p->name), "%s%s项目", names1[(s * 7 + (unsigned)park) % NNAME1],
		 t->product[(s / NNAME1 + s) % 8]);
	/* a name already taken gets a phase number: names are the projects' keys */
	size_t base = strlen(p->name) - strlen("项目");
	for (int phase = 2; taken(g, p); phase++)
		snprintf(p->name + base, sizeof(p->name) - base, "（%d期）项目", phase);
	snprintf(p->investor, sizeof(p->investor), "%s%s有限公司", names1[(s * 13 + 5) % NNAME1],
		 strcmp(t->sector, "其它") == 0 ? "科技" : strcmp(t->sector, "医疗制造") == 0
								   ? "医药科技"
								   : "实业");
	p->origin = origins[o].place;
	p->foreign = origins[o].foreign;
	p->industry = t->industry[R(g, 0, 2)];
	p->sector = t->sector;
	p->park = park;
	p->team = team_ix;
	p->planned = p->contract = p->output = p->tax = p->land = NAN;
	p->firm = -1;
	p->generated = 1;
	return p;
}

static void add(proj *p, int stage, long day, const char *note)
{
	if (p->nev < MAXEV)
		p->ev[p->nev++] = (ev){ stage, day, note };
}

static long last_day(const proj *p)
{
	return p->nev ? p->ev[p->nev - 1].day : 0;
}

static int last_stage(const proj *p)
{
	return p->nev ? p->ev[p->nev - 1].stage : PB_STAGE_NONE;
}

/* Days from a stage to the next (drawn in [lo, hi]). */
static const int gap[PB_STAGE_COUNT][2] = {
	[PB_STAGE_LEAD] = { 10, 75 },        [PB_STAGE_TALKS] = { 45, 220 },
	[PB_STAGE_SIGNED] = { 10, 45 },      [PB_STAGE_REGISTERED] = { 20, 110 },
	[PB_STAGE_LAND] = { 30, 150 },       [PB_STAGE_STARTED] = { 240, 560 },
	[PB_STAGE_PRODUCING] = { 150, 380 }, [PB_STAGE_FULL] = { 30, 240 },
};

static const char *const drop_reasons[] = {
	"投资方战略调整，项目取消", "用地条件不满足投资方要求", "投资方资金紧张，暂缓投资",
	"项目落户外地（竞争未果）", "环评条件不符，终止洽谈", "投资方经营困难，协议解除",
};

static double contract_draw(gen *g)
{
	double u = U(g), v;
	if (u < 0.35)
		v = 2000 + 8000 * U(g);
	else if (u < 0.72)
		v = 10000 + 40000 * U(g);
	else if (u < 0.88)
		v = 50000 + 50000 * U(g);
	else if (u < 0.97)
		v = 100000 + 100000 * U(g);
	else
		v = 200000 + 200000 * U(g);
	return round(v / 100) * 100;
}

/* The money a signed project promises once producing (generated, when not linked). */
static void promise(gen *g, proj *p)
{
	if (isnan(p->contract))
		p->contract = contract_draw(g);
	if (isnan(p->planned))
		p->planned = round(p->contract * (1 + 0.2 * U(g)) / 100) * 100;
	if (isnan(p->output) && p->firm < 0)
		p->output = round(p->contract * (0.8 + 1.4 * U(g)));
	if (isnan(p->tax) && p->firm < 0)
		p->tax = round(p->output * (0.03 + 0.04 * U(g)));
	if (isnan(p->land) && strcmp(p->sector, "其它") != 0)
		p->land = round(p->contract / (250 + 400 * U(g)) * 10) / 10;
}

/*
 * Continue p's line from its last event up to stage `upto` (PB_STAGE_IN_STATS: as far as
 * it gets), each stage after a drawn gap, stopping at the demo's end. The rules that keep
 * the published figures: a project not designated to sign in 2024 signs in 2025; one not
 * designated to start in the window starts after it; none starts before start_from.
 */
static void cont(gen *g, proj *p, int upto)
{
	for (int s = last_stage(p) + 1; s <= upto && s <= PB_STAGE_IN_STATS; s++) {
		int from = last_stage(p);
		long d = last_day(p) + R(g, gap[from][0], gap[from][1]);
		const char *note = NULL;
		if (s == PB_STAGE_SIGNED && d >= Y0 && d <= Y1 && !p->sign_2024)
			d = D(2025, 1, 6) + R(g, 0, 80);
		if (s == PB_STAGE_STARTED && in_window(d) && !p->start_window)
			d = W1 + R(g, 10, 75);
		if (s == PB_STAGE_STARTED && d < p->start_from)
			d = p->start_from + R(g, 0, 20);
		/* a software or research project rents offices: no land */
		if (s == PB_STAGE_LAND && isnan(p->land))
			continue;
		if (d > END)
			return;
		if (s == PB_STAGE_SIGNED)
			promise(g, p);
		if (s == PB_STAGE_STARTED && from == PB_STAGE_REGISTERED)
			note = "租用标准厂房（办公载体），无需供地";
		add(p, s, d, note);
		/* now and then in 2025 a land deal is redone: a step back, then 供地 again */
		if (s == PB_STAGE_LAND && d >= D(2025, 1, 1) && U(g) < 0.12) {
			long b = d + R(g, 15, 40), a = b + R(g, 30, 90);
			if (a < END) {
				add(p, PB_STAGE_REGISTERED, b, "供地方案调整（地块规划条件变更），退回重新办理用地手续");
				add(p, PB_STAGE_LAND, a, NULL);
			}
		}
	}
}

/* Split `total` (万元, a multiple of 100) over n values drawn like contracts, exactly. */
static void split(gen *g, double total, size_t n, double *out)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += out[i] = 0.3 + U(g) * U(g) * 2;
	double left = total;
	size_t big = 0;
	for (size_t i = 0; i < n; i++) {
		out[i] = fmax(100, round(total * out[i] / sum / 100) * 100);
		left -= out[i];
		if (out[i] > out[big])
			big = i;
	}
	if (n)
		out[big] += left;
}

/* A designated signing on day `sd`: lead and talks before it. */
static proj *signed_on(gen *g, int park, long sd, double value)
{
	proj *p = new_proj(g, park, (int)R(g, 0, nteams[park] - 1));
	if (!p)
		return NULL;
	p->sign_2024 = 1;
	long lead = sd - R(g, 60, 330);
	add(p, PB_STAGE_LEAD, lead, NULL);
	add(p, PB_STAGE_TALKS, lead + R(g, 10, (sd - lead) / 2), NULL);
	p->contract = value;
	promise(g, p);
	add(p, PB_STAGE_SIGNED, sd, NULL);
	return p;
}

/* Started on day `st` (in the window), signed on `sd` before it. */
static void started_on(proj *p, long st)
{
	p->start_window = 1;
	long sd = last_day(p), span = st - sd;
	add(p, PB_STAGE_REGISTERED, sd + span / 4, NULL);
	if (!isnan(p->land))
		add(p, PB_STAGE_LAND, sd + span / 2, NULL);
	add(p, PB_STAGE_STARTED, st, isnan(p->land) ? "租用标准厂房（办公载体），无需供地" : NULL);
	p->start_window = 0;
}

static void name_it(proj *p, const char *name, const char *investor, const char *origin,
		    int foreign, const char *industry, const char *sector, int team_ix)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	if (investor)
		snprintf(p->investor, sizeof(p->investor), "%s", investor);
	if (origin)
		p->origin = origin, p->foreign = foreign;
	if (industry)
		p->industry = industry;
	if (sector)
		p->sector = sector;
	if (team_ix >= 0)
		p->team = team_ix;
	p->generated = 0;
}

/* The published figures per park (see the file's comment and README). */
static const struct parkplan {
	int leads_w;                       /* 对接 entered in the window */
	int sign_w; double sign_w_value;   /* 签约 in the window, 万元 */
	int start_w;                       /* 开工 in the window */
	int sign_jf; double sign_jf_value; /* 签约 in 2024-01..02 */
	int sign_q4; double sign_q4_value; /* 签约 in 2024-10..12, the 11-26 event's first */
	double event_value;                /* of which at the 2024-11-26 集中签约 */
	int backlog;                       /* signed 2021–2023 */
} plan[NPARK] = {
	{ 34, 3, 105000, 1, 1, 20000, 6, 115200, 30000, 5 },
	{ 42, 4, 315000, 2, 1, 60000, 7, 280000, 60000, 6 },
	{ 36, 6, 452400, 3, 2, 70000, 6, 210000, 50000, 6 },
	{ 53, 3, 260000, 2, 1, 10000, 5, 300000, 80000, 7 },
	{ 83, 5, 200000, 1, 0, 0, 5, 80000, 30000, 4 },
};
#define CY_TALKS_AT_W1 37 /* 茶园: 在谈项目37个 at the article's date */
#define CY_KEY_TALKS 10   /* of which 重点在谈 10, 预计签约金额56亿元 */
#define CY_KEY_TALKS_VALUE 560000.0

#define EVENT_DAY D(2024, 11, 26)
#define CEREMONY_DAY D(2024, 9, 30) /* 先进汽车电子产业园项目集中开工仪式 (002) */

/* A firm of `park` (成长型 first, not used yet) to link a producing project to. */
static int pick_firm(gen *g, int park, const char *want)
{
	const pb_demo_world *w = g->w;
	int cp = pb_memtable_col(w->ents, "所属园区");
	if (want) {
		for (size_t i = 0; i < w->nfirms && i < sizeof(g->used_firm); i++)
			if (strstr(w->firms[i].name, want)) {
				g->used_firm[i] = 1;
				return (int)i;
			}
		return -1;
	}
	size_t start = (size_t)R(g, 0, (long)w->nfirms - 1);
	for (size_t k = 0; k < w->nfirms; k++) {
		size_t i = (start + k) % w->nfirms;
		if (i >= sizeof(g->used_firm) || g->used_firm[i] || w->firms[i].tier != PB_TIER_GROWTH)
			continue;
		if (strcmp(pb_memtable_get(w->ents, i + 1, cp), park_name[park]) != 0)
			continue;
		g->used_firm[i] = 1;
		return (int)i;
	}
	return -1;
}

/* What a linked project promised, against its enterprise's 2025: kept or not. */
static void promise_linked(gen *g, proj *p, int keep)
{
	const pb_demo_world *w = g->w;
	double out = w->year_output[(size_t)p->firm * 8 + 7], tax = w->year_tax[(size_t)p->firm * 8 + 7];
	double f = keep ? 0.55 + 0.35 * U(g) : 1.1 + 0.4 * U(g);
	p->output = round(out * f);
	p->tax = tax > 0 ? round(tax * (keep ? 0.5 + 0.4 * U(g) : 0.6 + 0.3 * U(g))) : NAN;
}

/* Backlog: signed 2021–2023, most producing by now; some linked to an enterprise. */
static int backlog(gen *g, int park, int n)
{
	for (int i = 0; i < n; i++) {
		proj *p = new_proj(g, park, (int)R(g, 0, nteams[park] - 1));
		if (!p)
			return -1;
		long sd = D(2021, 3, 1) + R(g, 0, D(2023, 10, 31) - D(2021, 3, 1));
		long lead = sd - R(g, 60, 300);
		add(p, PB_STAGE_LEAD, lead, NULL);
		add(p, PB_STAGE_TALKS, lead + R(g, 10, (sd - lead) / 2), NULL);
		promise(g, p);
		add(p, PB_STAGE_SIGNED, sd, NULL);
		cont(g, p, PB_STAGE_IN_STATS);
		long prod = 0;
		for (int k = 0; k < p->nev; k++)
			if (p->ev[k].stage == PB_STAGE_PRODUCING)
				prod = p->ev[k].day;
		/* producing for all of 2025: link it, two in three keep their word */
		if (i < 4 && prod && prod <= D(2025, 1, 1)) {
			p->firm = pick_firm(g, park, NULL);
			if (p->firm >= 0)
				promise_linked(g, p, i % 3 != 2);
		}
	}
	return 0;
}

/* The named projects and the designated ones of a park. */
static int designated(gen *g, int park)
{
	const struct parkplan *pl = &plan[park];
	double v[16];
	/* 2024-01..02 signings, the first of them starting in the window */
	split(g, pl->sign_jf_value, (size_t)pl->sign_jf, v);
	int started = 0;
	for (int i = 0; i < pl->sign_jf; i++) {
		proj *p = signed_on(g, park, D(2024, 1, 4) + R(g, 0, 55), v[i]);
		if (!p)
			return -1;
		if (park == 1 && i == 0)
			name_it(p, "数字医疗产业研究平台", NULL, NULL, 0, "M73", "医疗制造", 0);
		if (started < pl->start_w) {
			long st = park == 2 ? CEREMONY_DAY : W0 + R(g, 30, 200);
			started_on(p, st);
			started++;
		}
		cont(g, p, PB_STAGE_IN_STATS);
	}
	/* the other window starts: signed in 2023 */
	while (started < pl->start_w) {
		proj *p = new_proj(g, park, (int)R(g, 0, nteams[park] - 1));
		if (!p)
			return -1;
		long sd = D(2023, 2, 1) + R(g, 0, 300);
		long lead = sd - R(g, 60, 300);
		add(p, PB_STAGE_LEAD, lead, NULL);
		add(p, PB_STAGE_TALKS, lead + R(g, 10, (sd - lead) / 2), NULL);
		promise(g, p);
		add(p, PB_STAGE_SIGNED, sd, NULL);
		if (park == 1 && started == 1) {
			name_it(p, "理智德生态恢复及生态保护项目", NULL, NULL, 0, "N77", "其它", 1);
			p->land = NAN;
		}
		started_on(p, park == 2 ? CEREMONY_DAY : W0 + R(g, 20, 205));
		cont(g, p, PB_STAGE_IN_STATS);
		started++;
	}
	/* signed in the window */
	split(g, pl->sign_w_value, (size_t)pl->sign_w, v);
	for (int i = 0; i < pl->sign_w; i++) {
		proj *p = signed_on(g, park, W0 + R(g, 0, W1 - W0), v[i]);
		if (!p)
			return -1;
		if (park == 1 && i < 3) {
			/* 002's box: 新开工光量子芯片、九州通大健康产业园、领主实业 this year */
			static const struct { const char *n, *inv, *o, *ind, *sec; int t; } named[] = {
				{ "光量子芯片项目", NULL, NULL, "C3973", "电子信息", 0 },
				{ "九州通大健康产业园项目", "九州通医药集团股份有限公司", "湖北省武汉市", "C2720",
				  "医疗制造", 1 },
				{ "领主实业项目", NULL, NULL, "C3499", "装备制造", 1 },
			};
			name_it(p, named[i].n, named[i].inv, named[i].o, 0, named[i].ind, named[i].sec,
				named[i].t);
			p->start_from = D(2024, 10, 15);
			if (isnan(p->land))
				p->land = round(p->contract / 400 * 10) / 10;
			long sd = last_day(p);
			add(p, PB_STAGE_REGISTERED, sd + R(g, 10, 30), NULL);
			add(p, PB_STAGE_LAND, last_day(p) + R(g, 15, 40), NULL);
			long st = D(2024, 10, 15) + R(g, 0, 70);
			if (st <= last_day(p))
				st = last_day(p) + 5;
			add(p, PB_STAGE_STARTED, st, NULL);
		}
		cont(g, p, PB_STAGE_IN_STATS);
	}
	/* signed in 2024-10..12: the first at the 2024-11-26 集中签约 (000: "签约额约25亿元") */
	v[0] = pl->event_value;
	split(g, pl->sign_q4_value - pl->event_value, (size_t)pl->sign_q4 - 1, v + 1);
	for (int i = 0; i < pl->sign_q4; i++) {
		long sd = i == 0 ? EVENT_DAY : D(2024, 10, 8) + R(g, 0, 80);
		proj *p = signed_on(g, park, sd, v[i]);
		if (!p)
			return -1;
		if (park == 3) {
			/* 茶园: signed out of its talks of the article's date */
			long lead = W0 + R(g, 0, 120);
			p->ev[0].day = lead;
			p->ev[1].day = lead + R(g, 10, W1 - lead - 1);
		}
		if (park == 3 && i == 0) {
			/* 000: 提速推动桐君阁中药智能制造等招商项目开工 (2025) */
			name_it(p, "桐君阁中药智能制造项目", "太极集团重庆桐君阁药厂有限公司", "重庆市", 0,
				"C2740", "医疗制造", 1);
			p->firm = pick_firm(g, park, "桐君阁");
			p->start_from = D(2025, 3, 1);
		}
		if ((park == 0 || park == 2) && i == 1) {
			/* dropped after signing: it stays signed (and not started) */
			cont(g, p, PB_STAGE_REGISTERED);
			add(p, PB_STAGE_DROPPED, last_day(p) + R(g, 90, 200), "投资方经营困难，协议解除");
			continue;
		}
		cont(g, p, PB_STAGE_IN_STATS);
	}
	/* under construction before 2024, producing later (002, 000) */
	if (park == 1) {
		proj *p = new_proj(g, park, 0);
		if (!p)
			return -1;
		name_it(p, "台达电子项目", "台达电子工业股份有限公司", "中国台湾", 1, "C3825", "装备制造", 1);
		add(p, PB_STAGE_LEAD, D(2021, 9, 14), NULL);
		add(p, PB_STAGE_TALKS, D(2021, 11, 2), NULL);
		p->contract = 150000;
		promise(g, p);
		add(p, PB_STAGE_SIGNED, D(2022, 5, 20), NULL);
		add(p, PB_STAGE_REGISTERED, D(2022, 6, 28), NULL);
		add(p, PB_STAGE_LAND, D(2022, 10, 11), NULL);
		add(p, PB_STAGE_STARTED, D(2023, 3, 16), NULL);
		add(p, PB_STAGE_PRODUCING, D(2025, 3, 28), NULL);
		p = new_proj(g, park, 0);
		if (!p)
			return -1;
		name_it(p, "鹰谷光电总部基地项目", "重庆鹰谷光电股份有限公司", "重庆市", 0, "C3976",
			"电子信息", 0);
		p->firm = pick_firm(g, park, "鹰谷光电");
		add(p, PB_STAGE_LEAD, D(2022, 1, 10), NULL);
		add(p, PB_STAGE_TALKS, D(2022, 2, 21), NULL);
		p->contract = 60000;
		promise(g, p);
		p->output = p->tax = NAN;
		p->output = 120000, p->tax = 6000;
		add(p, PB_STAGE_SIGNED, D(2022, 7, 8), NULL);
		add(p, PB_STAGE_REGISTERED, D(2022, 8, 1), NULL);
		add(p, PB_STAGE_LAND, D(2022, 11, 24), NULL);
		add(p, PB_STAGE_STARTED, D(2023, 4, 18), NULL);
		add(p, PB_STAGE_PRODUCING, D(2025, 6, 30), NULL);
	}
	if (park == 2) {
		/* 000: 加快推动禾赛激光雷达产业园等在谈项目落地 (in talks at the end of 2024) */
		proj *p = new_proj(g, park, 0);
		if (!p)
			return -1;
		name_it(p, "禾赛激光雷达产业园项目", "禾赛科技", "上海市", 0, "C3962", "装备制造", 0);
		add(p, PB_STAGE_LEAD, D(2024, 6, 12), NULL);
		add(p, PB_STAGE_TALKS, D(2024, 8, 20), NULL);
		p->contract = 250000;
		promise(g, p);
		add(p, PB_STAGE_SIGNED, D(2025, 4, 18), NULL);
		cont(g, p, PB_STAGE_IN_STATS);
	}
	return backlog(g, park, pl->backlog);
}

/* The stage a project holds at day d (forward histories with drops, as built here). */
static int held_at(const proj *p, long d, int *dropped)
{
	int line = PB_STAGE_NONE;
	*dropped = 0;
	for (int i = 0; i < p->nev && p->ev[i].day <= d; i++) {
		if (p->ev[i].stage == PB_STAGE_DROPPED)
			*dropped = 1;
		else
			line = p->ev[i].stage, *dropped = 0;
	}
	return line;
}

/* A lead (filler) of `park` on day `lead`; `talks_by_w1`: 1 in talks at the window's end,
 * 0 not (still a lead, or dropped by then), -1 either. Then it goes its way. */
static proj *filler(gen *g, int park, long lead, int talks_by_w1)
{
	proj *p = new_proj(g, park, (int)R(g, 0, nteams[park] - 1));
	if (!p)
		return NULL;
	add(p, PB_STAGE_LEAD, lead, NULL);
	int talks = talks_by_w1 == 1 || (talks_by_w1 < 0 && U(g) < 0.6);
	if (talks_by_w1 == 1) {
		add(p, PB_STAGE_TALKS, lead + R(g, 5, W1 - lead > 5 ? W1 - lead : 5), NULL);
	} else if (talks_by_w1 == 0) {
		/* still a lead at the window's end, or dropped by then */
		if (U(g) < 0.25 && W1 - lead > 20) {
			add(p, PB_STAGE_DROPPED, lead + R(g, 10, W1 - lead), drop_reasons[R(g, 0, 4)]);
			return p;
		}
		if (talks) {
			long t = W1 + R(g, 5, 120);
			add(p, PB_STAGE_TALKS, t, NULL);
		}
	} else if (talks) {
		long t = lead + R(g, gap[PB_STAGE_LEAD][0], gap[PB_STAGE_LEAD][1]);
		if (t > END)
			return p;
		add(p, PB_STAGE_TALKS, t, NULL);
	}
	if (last_stage(p) != PB_STAGE_TALKS || last_day(p) > END)
		return p;
	double u = U(g);
	if (u < 0.17) {
		cont(g, p, PB_STAGE_IN_STATS); /* signs (in 2025) and goes on */
	} else if (u < 0.32) {
		long d = last_day(p) + R(g, 60, 300);
		if (d < D(2024, 10, 1))
			d = D(2024, 10, 1) + R(g, 0, 60);
		if (d <= END)
			add(p, PB_STAGE_DROPPED, d, drop_reasons[R(g, 0, 4)]);
	}
	return p;
}

static int build(gen *g)
{
	for (int park = 0; park < NPARK; park++)
		if (designated(g, park))
			return -1;
	/* top up the window's leads (and 茶园's talks at its end) to the published counts */
	for (int park = 0; park < NPARK; park++) {
		int leads = 0, talks = 0, dropped;
		for (size_t i = 0; i < g->n; i++) {
			if (g->p[i].park != park)
				continue;
			leads += in_window(g->p[i].ev[0].day);
			talks += held_at(&g->p[i], W1, &dropped) == PB_STAGE_TALKS && !dropped;
		}
		int need = plan[park].leads_w - leads;
		int need_talks = park == 3 ? CY_TALKS_AT_W1 - talks : -1;
		if (need < 0 || need_talks > need)
			return pb_error_set(PB_EINVAL, "示例招商项目无法满足公布数 / the demo's designated "
						       "projects exceed a published count");
		size_t first = g->n;
		for (int i = 0; i < need; i++) {
			int mode = park != 3 ? -1 : i < need_talks ? 1 : 0;
			if (!filler(g, park, W0 + R(g, 0, W1 - W0 - 10), mode))
				return -1;
		}
		if (park == 3) { /* 重点在谈 10, 预计签约金额56亿元 */
			double v[CY_KEY_TALKS];
			split(g, CY_KEY_TALKS_VALUE, CY_KEY_TALKS, v);
			for (int i = 0; i < CY_KEY_TALKS && first + (size_t)i < g->n; i++) {
				proj *p = &g->p[first + (size_t)i];
				p->planned = v[i];
				p->note = "重点在谈项目（茶园工业园，截至2024-09-30）";
				if (!isnan(p->contract))
					p->contract = round(v[i] * (0.85 + 0.2 * U(g)) / 100) * 100;
			}
		}
	}
	/* leads outside the window: 2024-01..02, and 2024-10 to 2025-12 (about 30 a month) */
	for (long d = Y0; d <= END; d += 1) {
		if (in_window(d))
			continue;
		int n = d < W0 ? (U(g) < 0.9 ? 1 : 0) : (U(g) < 0.95 ? 1 : 0);
		for (int i = 0; i < n; i++) {
			/* 茶园's talks at the window's end are counted: a lead of before it is not
			 * among them */
			int park = (int)R(g, 0, NPARK - 1);
			if (!filler(g, park, d, park == 3 && d < W0 ? 0 : -1))
				return -1;
		}
	}
	/* a few taken up again after being dropped (2025) */
	int reopened = 0;
	for (size_t i = 0; i < g->n && reopened < 3; i++) {
		proj *p = &g->p[i];
		/* only a project dropped in talks: reopening undoes the drop at every date */
		if (last_stage(p) == PB_STAGE_DROPPED && p->nev >= 2 &&
		    p->ev[p->nev - 2].stage == PB_STAGE_TALKS && p->ev[p->nev - 1].day > D(2025, 1, 1) &&
		    p->ev[p->nev - 1].day < D(2025, 8, 1) && p->nev >= 3 && p->nev < MAXEV) {
			long d = p->ev[p->nev - 1].day + R(g, 40, 120);
			if (d > END)
				continue;
			add(p, PB_STAGE_TALKS, d, "投资方调整方案后重启洽谈");
			reopened++;
		}
	}
	return 0;
}

/*
 * A park cleans its list: a generated lead not taken up is closed (终止, with a reason)
 * after some months, talks that lead nowhere after about a year, as the parks' monthly
 * 调度 asks them to. Without it two leads in three and most talks would sit in the
 * held-up list at the demo's end (445 of 798 projects at 2025-12-31). One in ten is left
 * open, so that the list has cases. Only projects whose history ends in 线索 or 在谈 and
 * was never dropped are touched; nothing before 2024-09-30 changes for a project in talks
 * then (茶园's 37 在谈), no signing, start or lead date moves, so every published figure
 * holds. The draws come from a stream of their own: the projects, funds and activities
 * drawn before and after are those of the demo without the clean-up.
 */
static const char *const close_lead[] = {
	"线索长期无实质进展，关闭线索", "投资方暂无进一步投资意向", "项目需求与园区产业定位不符",
	"投资方已选择其他地区落户",
};
static const char *const close_talks[] = {
	"洽谈长期无实质进展，终止洽谈", "投资方战略调整，项目取消", "用地条件不满足投资方要求",
	"项目落户外地（竞争未果）", "投资方资金紧张，暂缓投资",
};

static double UT(gen *g)
{
	return pb_demo_uniform(g->w->seed, 231, g->k_tidy++);
}

static long RT(gen *g, long lo, long hi) /* inclusive */
{
	long v = lo + (long)(UT(g) * (double)(hi - lo + 1));
	return v > hi ? hi : v;
}

static void tidy(gen *g)
{
	for (size_t i = 0; i < g->n; i++) {
		proj *p = &g->p[i];
		int s = last_stage(p), ever_dropped = 0, dropped;
		for (int k = 0; k < p->nev; k++)
			ever_dropped |= p->ev[k].stage == PB_STAGE_DROPPED;
		if (!p->generated || ever_dropped || p->nev >= MAXEV ||
		    (s != PB_STAGE_LEAD && s != PB_STAGE_TALKS))
			continue;
		double u = UT(g);
		long d = last_day(p) + (s == PB_STAGE_LEAD ? RT(g, 45, 110) : RT(g, 120, 260));
		const char *why = s == PB_STAGE_LEAD ? close_lead[RT(g, 0, 3)]
						     : close_talks[RT(g, 0, 4)];
		if (u < 0.06)
			continue; /* left open */
		if (held_at(p, W1, &dropped) == PB_STAGE_TALKS && d <= W1)
			d = W1 + RT(g, 1, 30);
		if (d <= END)
			add(p, PB_STAGE_DROPPED, d, why);
	}
}

/* ---- files ------------------------------------------------------------------------- */

static void num(char *out, size_t n, double v)
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, n, "%.2f", v);
}

static void day_text(char out[16], long z)
{
	int d = date_of(z);
	snprintf(out, 16, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
}

static int projects_file(gen *g)
{
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "项目名称", "投资方", "投资方来源地", "内外资", "行业代码", "产业板块",
			      "所属园区", "招商团队", "计划投资（万元）", "合同金额（万元）",
			      "承诺年产值（万元）", "承诺年税收（万元）", "用地需求（亩）",
			      "统一社会信用代码", "说明", "示例数据" };
	int rc = pb_memtable_add(&t, hdr, 16);
	for (size_t i = 0; i < g->n && !rc; i++) {
		proj *p = &g->p[i];
		char pl[32], ct[32], out[32], tax[32], land[32];
		num(pl, sizeof(pl), p->planned);
		num(ct, sizeof(ct), p->contract);
		num(out, sizeof(out), p->output);
		num(tax, sizeof(tax), p->tax);
		num(land, sizeof(land), p->land);
		/* linked once registered */
		const char *uscc = "";
		for (int k = 0; k < p->nev; k++)
			if (p->firm >= 0 && p->ev[k].stage == PB_STAGE_REGISTERED)
				uscc = g->w->uscc[p->firm];
		const char *note = p->note ? p->note
			: p->generated ? "生成（示例数据）"
				       : "公布的项目（种子文件002/000），金额与日期为生成的示例数据";
		const char *row[] = { p->name, p->investor, p->origin, p->foreign ? "外资" : "内资",
				      p->industry, p->sector, park_name[p->park],
				      teams[p->park][p->team].name, pl, ct, out, tax, land, uscc,
				      note, p->generated ? "是" : "否" };
		rc = pb_memtable_add(&t, row, 16);
	}
	if (!rc)
		rc = g->w->import(g->w->ctx, "projects", "projects-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

static int stages_file(gen *g)
{
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "项目名称", "阶段", "日期", "说明" };
	int rc = pb_memtable_add(&t, hdr, 4);
	for (size_t i = 0; i < g->n && !rc; i++)
		for (int k = 0; k < g->p[i].nev && !rc; k++) {
			const ev *e = &g->p[i].ev[k];
			char day[16];
			day_text(day, e->day);
			const char *row[] = { g->p[i].name, pb_stage_name((pb_stage)e->stage), day,
					      e->note ? e->note : "" };
			rc = pb_memtable_add(&t, row, 4);
		}
	if (!rc)
		rc = g->w->import(g->w->ctx, "project-stages", "project-stages-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

/* 到位资金 by month from the signing month: a share of the contract, mostly fixed assets,
 * rising while the project is built, until the demo's end or a drop. */
static int funds_file(gen *g)
{
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "项目名称", "月份", "固定资产投资到位（万元）", "流动资金到位（万元）",
			      "说明" };
	int rc = pb_memtable_add(&t, hdr, 5);
	for (size_t i = 0; i < g->n && !rc; i++) {
		proj *p = &g->p[i];
		long sd = 0, stop = END;
		for (int k = 0; k < p->nev; k++) {
			if (p->ev[k].stage == PB_STAGE_SIGNED && !sd)
				sd = p->ev[k].day;
			if (p->ev[k].stage == PB_STAGE_DROPPED && sd)
				stop = p->ev[k].day;
		}
		if (!sd || isnan(p->contract))
			continue;
		int m0 = date_of(sd) / 100, m1 = date_of(stop) / 100;
		int months = (m1 / 100 - m0 / 100) * 12 + (m1 % 100 - m0 % 100) + 1;
		if (months > 36)
			months = 36;
		double share = 0.2 + 0.5 * U(g), total = p->contract * share;
		double fixed_share = 0.65 + 0.25 * U(g), wsum = 0, w[36];
		for (int m = 0; m < months; m++)
			wsum += w[m] = (m < 2 ? 0.5 : 1.0) * (0.4 + U(g));
		for (int m = 0; m < months && !rc; m++) {
			int y = m0 / 100, mm = m0 % 100 + m;
			y += (mm - 1) / 12;
			mm = (mm - 1) % 12 + 1;
			char mon[16], fx[32], wk[32];
			snprintf(mon, sizeof(mon), "%04d-%02d", y, mm);
			double a = total * w[m] / wsum;
			snprintf(fx, sizeof(fx), "%.1f", a * fixed_share);
			snprintf(wk, sizeof(wk), "%.1f", a * (1 - fixed_share));
			const char *row[] = { p->name, mon, fx, wk, "生成（示例数据）" };
			rc = pb_memtable_add(&t, row, 5);
		}
	}
	if (!rc)
		rc = g->w->import(g->w->ctx, "project-funds", "project-funds-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

/* Visits made and received, events and publicity per park and month, 2024-01..2025-12. */
static int activities_file(gen *g)
{
	static const char *const kinds[4] = { "外出拜访", "企业到访", "招商活动", "新闻宣传" };
	static const char *const cities[] = { "深圳", "北京", "上海", "苏州", "杭州", "成都", "西安",
					      "广州", "武汉", "东莞" };
	static const int lo[4] = { 3, 3, 0, 1 }, hi[4] = { 8, 8, 2, 4 };
	pb_memtable t;
	pb_memtable_init(&t);
	const char *hdr[] = { "日期", "类型", "主题", "所属园区", "招商团队", "项目名称", "说明" };
	int rc = pb_memtable_add(&t, hdr, 7);
	const char *r1[] = { "2024-09-30", "招商活动", "先进汽车电子产业园项目集中开工仪式",
			     park_name[2], "", "", "种子文件002：9月30日举行" };
	const char *r2[] = { "2024-11-26", "招商活动", "重庆经开区招商推介会暨项目集中签约", "", "",
			     "", "示例数据：五园区各一个项目集中签约，合计25亿元（种子文件000“签约额约25亿元”）" };
	if (!rc)
		rc = pb_memtable_add(&t, r1, 7);
	if (!rc)
		rc = pb_memtable_add(&t, r2, 7);
	unsigned seq = 0;
	for (int y = 2024; y <= 2025 && !rc; y++)
		for (int m = 1; m <= 12 && !rc; m++)
			for (int park = 0; park < NPARK && !rc; park++)
				for (int k = 0; k < 4 && !rc; k++) {
					long n = R(g, lo[k], hi[k]);
					for (long i = 0; i < n && !rc; i++) {
						int team_ix = (int)R(g, 0, nteams[park] - 1);
						long day = D(y, m, 1) + R(g, 0, 27);
						char ds[16], title[256];
						day_text(ds, day);
						/* about a project of the park that was a lead by then */
						const char *pname = "";
						size_t j = (size_t)R(g, 0, (long)g->n - 1);
						for (size_t c = 0; c < 40 && k < 2; c++, j = (j + 1) % g->n)
							if (g->p[j].park == park && g->p[j].ev[0].day <= day &&
							    g->p[j].ev[g->p[j].nev - 1].stage != PB_STAGE_DROPPED) {
								pname = g->p[j].name;
								break;
							}
						seq++;
						if (k == 0)
							snprintf(title, sizeof(title), "赴%s拜访客商（第%u次）",
								 cities[R(g, 0, 9)], seq);
						else if (k == 1)
							snprintf(title, sizeof(title), "客商来访考察（第%u次）", seq);
						else if (k == 2)
							snprintf(title, sizeof(title), "%s产业链招商推介会（第%u场）",
								 teams[park][team_ix].name, seq);
						else
							snprintf(title, sizeof(title), "%s招商动态宣传（第%u篇）",
								 park_name[park], seq);
						const char *row[] = { ds, kinds[k], title, park_name[park],
								      teams[park][team_ix].name, pname,
								      "生成（示例数据）" };
						rc = pb_memtable_add(&t, row, 7);
					}
				}
	if (!rc)
		rc = g->w->import(g->w->ctx, "activities", "activities-generated.csv", &t);
	pb_memtable_free(&t);
	return rc;
}

static void set_days(void)
{
	W0 = D(2024, 3, 1), W1 = D(2024, 9, 30), Y0 = D(2024, 1, 1), Y1 = D(2024, 12, 31);
	END = D(2025, 12, 31);
}

int pb_demo_pipeline(const pb_demo_world *w)
{
	set_days();
	gen g = { .w = w };
	int rc = build(&g);
	if (!rc)
		tidy(&g);
	if (rc < 0)
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (!rc)
		rc = projects_file(&g);
	if (!rc)
		rc = stages_file(&g);
	if (!rc)
		rc = funds_file(&g);
	if (!rc)
		rc = activities_file(&g);
	free(g.p);
	return rc;
}

/* ---- key projects -------------------------------------------------------------------- */

/* The firm an owner as published names (exact, or one name containing the other). */
static int owner_firm(const pb_demo_world *w, const char *owner)
{
	char a[512], b[512];
	pb_text_key(owner, strlen(owner), a, sizeof(a));
	if (!a[0])
		return -1;
	for (size_t i = 0; i < w->nfirms; i++) {
		pb_text_key(w->firms[i].name, strlen(w->firms[i].name), b, sizeof(b));
		if (strcmp(a, b) == 0)
			return (int)i;
	}
	for (size_t i = 0; i < w->nfirms; i++) {
		pb_text_key(w->firms[i].name, strlen(w->firms[i].name), b, sizeof(b));
		if (strlen(a) >= 12 && (strstr(b, a) || strstr(a, b)))
			return (int)i;
	}
	return -1;
}

static int year_cell(const char *s)
{
	int y = atoi(s);
	return y >= 1990 && y <= 2100 ? y : 0;
}

int pb_demo_key_projects(const pb_demo_world *w)
{
	set_days();
	const pb_memtable *kp = w->key_projects;
	int cn = pb_memtable_col(kp, "项目名称"), co = pb_memtable_col(kp, "项目业主");
	int cs = pb_memtable_col(kp, "开工年份"), ce = pb_memtable_col(kp, "计划完成年份");
	int cp = pb_memtable_col(kp, "规划期计划投资（万元）"), cnat = pb_memtable_col(kp, "建设性质");
	int epark = pb_memtable_col(w->ents, "所属园区");
	if (cn < 0 || co < 0 || cs < 0 || ce < 0 || cp < 0 || cnat < 0 || epark < 0)
		return pb_error_set(PB_EINVAL, "key-projects.csv 的列不全 / key-projects.csv lacks columns");
	pb_memtable full, years, months;
	pb_memtable_init(&full);
	pb_memtable_init(&years);
	pb_memtable_init(&months);
	size_t width = kp->widths[0];
	const char *extra[] = { "统一社会信用代码", "所属园区", "实际开工月份", "实际竣工月份" };
	const char *cells[64];
	int rc = 0;
	for (size_t c = 0; c < width && c < 60; c++)
		cells[c] = kp->rows[0][c];
	for (int k = 0; k < 4; k++)
		cells[width + (size_t)k] = extra[k];
	rc = pb_memtable_add(&full, cells, width + 4);
	const char *yh[] = { "项目名称", "年份", "计划投资（万元）" };
	const char *mh[] = { "项目名称", "月份", "完成投资（万元）", "说明" };
	if (!rc)
		rc = pb_memtable_add(&years, yh, 3);
	if (!rc)
		rc = pb_memtable_add(&months, mh, 4);
	uint64_t k = 0;
#define KU() pb_demo_uniform(w->seed, 240, k++)
	for (size_t r = 1; r < kp->nrows && !rc; r++) {
		const char *name = pb_memtable_get(kp, r, cn);
		int f = owner_firm(w, pb_memtable_get(kp, r, co));
		int sy = year_cell(pb_memtable_get(kp, r, cs)), ey = year_cell(pb_memtable_get(kp, r, ce));
		double period = atof(pb_memtable_get(kp, r, cp));
		int prep = strstr(pb_memtable_get(kp, r, cnat), "策划") != NULL;
		/* the plan period's years the project is built in: start..finish within 2021–2025 */
		int y0 = sy > 2021 ? sy : 2021, y1 = ey && ey < 2025 ? ey : 2025;
		if (y0 > 2025)
			y0 = 2025;
		if (y1 < y0)
			y1 = y0;
		/* actual months: most start in their year's first half; one in eight a year late;
		 * most finish in their year's last quarter, one in six is not finished */
		int late = KU() < 0.125, overdue = KU() < 0.17;
		int smon = 0, fmon = 0;
		int astart = (sy ? sy : 2021) + late;
		if (astart <= 2025 && !prep)
			smon = astart * 100 + 1 + (int)(6 * KU());
		if (smon && ey && ey <= 2025 && !overdue)
			fmon = ey * 100 + 9 + (int)(4 * KU());
		if (fmon && fmon < smon)
			fmon = smon;
		if (fmon > 202512)
			fmon = 202512;
		/* pace: most keep to their plan, one in four falls behind it */
		double pace = KU() < 0.25 ? 0.45 + 0.3 * KU() : 0.92 + 0.15 * KU();
		char sm[24] = "", fm[24] = "";
		if (smon)
			snprintf(sm, sizeof(sm), "%04d-%02d", smon / 100, smon % 100);
		if (fmon)
			snprintf(fm, sizeof(fm), "%04d-%02d", fmon / 100, fmon % 100);
		for (size_t c = 0; c < width && c < 60; c++)
			cells[c] = pb_memtable_get(kp, r, (int)c);
		cells[width] = f >= 0 ? w->uscc[f] : "";
		cells[width + 1] = f >= 0 ? pb_memtable_get(w->ents, (size_t)f + 1, epark) : "";
		cells[width + 2] = sm;
		cells[width + 3] = fm;
		rc = pb_memtable_add(&full, cells, width + 4);
		if (!(period > 0))
			continue;
		/* the 十四五 plan spread evenly over y0..y1, in 0.01 万元, the remainder on y1 */
		int ny = y1 - y0 + 1;
		double each = floor(period / ny * 100) / 100, left = period;
		for (int y = y0; y <= y1 && !rc; y++) {
			double plan_y = y == y1 ? round(left * 100) / 100 : each;
			left -= each;
			char ys[16], ps[32];
			snprintf(ys, sizeof(ys), "%d", y);
			snprintf(ps, sizeof(ps), "%.2f", plan_y);
			const char *yr[] = { name, ys, ps };
			rc = pb_memtable_add(&years, yr, 3);
			/* months: completed at the project's pace, Spring Festival slow, from its
			 * actual start to its finish */
			for (int m = 1; m <= 12 && !rc && !prep; m++) {
				int mon = y * 100 + m;
				if (!smon || mon < smon || (fmon && mon > fmon))
					continue;
				double shape = m <= 2 ? 0.55 : m == 12 ? 1.35 : 1.0;
				double v = plan_y / 12 * shape * pace * (0.8 + 0.4 * KU());
				char ms[24], vs[32];
				snprintf(ms, sizeof(ms), "%04d-%02d", y, m);
				snprintf(vs, sizeof(vs), "%.2f", v);
				const char *mr[] = { name, ms, vs, "生成（示例数据）" };
				rc = pb_memtable_add(&months, mr, 4);
			}
		}
	}
#undef KU
	if (!rc)
		rc = w->import(w->ctx, "key-projects", "key-projects.csv", &full);
	if (!rc)
		rc = w->import(w->ctx, "key-project-years", "key-project-years-generated.csv", &years);
	if (!rc)
		rc = w->import(w->ctx, "key-project-months", "key-project-months-generated.csv", &months);
	pb_memtable_free(&full);
	pb_memtable_free(&years);
	pb_memtable_free(&months);
	return rc;
}
