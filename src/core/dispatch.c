/* dispatch.c - the monthly dispatch's computations; see dispatch.h. */
#include "dispatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "industry.h"
#include "month.h"

static const char *const rf_keys[PB_RF_COUNT] = {
	"signed_count", "signed_value", "funds", "started_count", "producing_count", "comply_rate",
	"signed_value_mfg", "signed_value_new", "major_started_count", "funds_foreign",
};
static const char *const rf_names[PB_RF_COUNT] = {
	"签约项目数", "签约金额", "到位资金", "开工项目数", "投产项目数", "履约率",
	"制造业签约金额", "软件信息和科技服务签约金额", "重大项目开工数", "外资项目到位资金",
};
static const char *const af_keys[PB_AF_COUNT] = {
	"signings", "starts", "visits_out", "visits_in", "events", "publicity", "output_growth",
};
static const char *const af_names[PB_AF_COUNT] = {
	"项目签约", "项目开工", "外出拜访", "企业到访", "招商活动", "新闻宣传", "产值增长",
};
static const char *const act_kinds[PB_ACT_COUNT] = { "外出拜访", "企业到访", "招商活动", "新闻宣传" };

int pb_act_kind_parse(const char *zh)
{
	for (int k = 0; zh && k < PB_ACT_COUNT; k++)
		if (strcmp(zh, act_kinds[k]) == 0)
			return k;
	return -1;
}

const char *pb_rf_key(int f) { return f >= 0 && f < PB_RF_COUNT ? rf_keys[f] : "?"; }
const char *pb_rf_name(int f) { return f >= 0 && f < PB_RF_COUNT ? rf_names[f] : "?"; }
const char *pb_rf_unit(int f)
{
	switch (f) {
	case PB_DT_SIGNED_VALUE: case PB_DT_FUNDS: case PB_RF_SIGNED_MFG: case PB_RF_SIGNED_NEW:
	case PB_RF_FUNDS_FOREIGN:
		return "万元";
	case PB_DT_SIGNED_COUNT: case PB_DT_STARTED: case PB_DT_PRODUCING: case PB_RF_MAJOR_STARTED:
		return "个";
	case PB_RF_COMPLY:
		return "%";
	default:
		return "";
	}
}

const char *pb_af_key(int f) { return f >= 0 && f < PB_AF_COUNT ? af_keys[f] : "?"; }
const char *pb_af_name(int f) { return f >= 0 && f < PB_AF_COUNT ? af_names[f] : "?"; }

static int find_key(const char *const *keys, int n, const char *key)
{
	for (int f = 0; key && f < n; f++)
		if (strcmp(key, keys[f]) == 0)
			return f;
	return -1;
}

int pb_rf_parse(const char *key) { return find_key(rf_keys, PB_RF_COUNT, key); }
int pb_af_parse(const char *key) { return find_key(af_keys, PB_AF_COUNT, key); }

/* The checks every part shares: its figure below `nfig`, and score.h's own (weight, norm). */
static int part_check(const pb_disp_part *p, int nfig, int targets, const char *where, size_t i)
{
	if (p->figure < 0 || p->figure >= nfig)
		return pb_error_set(PB_EINVAL, "%s 第 %zu 项：没有该指标 / %s part %zu: no such figure",
				    where, i + 1, where, i + 1);
	if (!(p->score.weight > 0))
		return pb_error_set(PB_EINVAL, "%s 第 %zu 项：权重应大于 0 / %s part %zu: the weight "
					       "must be above 0", where, i + 1, where, i + 1);
	if (p->score.norm < 0 || p->score.norm >= PB_SN_COUNT)
		return pb_error_set(PB_EINVAL, "%s 第 %zu 项：没有该计分方法 / %s part %zu: no such norm",
				    where, i + 1, where, i + 1);
	/* only the target figures have a target; 履约率 and the activity figures have none */
	if (p->score.norm == PB_SN_TARGET && (!targets || p->figure >= PB_DT_COUNT))
		return pb_error_set(PB_EINVAL, "%s 第 %zu 项：该指标没有目标，不能按目标计分 / %s part "
					       "%zu: the figure has no target to be scored against",
				    where, i + 1, where, i + 1);
	return 0;
}

int pb_disp_config_check(const pb_disp_config *cfg)
{
	if (cfg->nlists == 0 || cfg->nlists > PB_DISP_MAX_LISTS)
		return pb_error_set(PB_EINVAL, "赛马榜至少需要一个榜单 / the ranking needs at least one list");
	for (size_t l = 0; l < cfg->nlists; l++) {
		const pb_disp_list *x = &cfg->lists[l];
		if (!x->key[0] || x->nparts == 0 || x->nparts > PB_DISP_MAX_PARTS)
			return pb_error_set(PB_EINVAL, "榜单 %zu 没有键或组成项 / list %zu has no key "
						       "or no part", l + 1, l + 1);
		for (size_t k = 0; k < l; k++)
			if (strcmp(cfg->lists[k].key, x->key) == 0)
				return pb_error_set(PB_EINVAL, "榜单键 %s 重复 / list key %s is used twice",
						    x->key, x->key);
		for (size_t p = 0; p < x->nparts; p++) {
			int rc = part_check(&x->parts[p], PB_RF_COUNT, 1, x->key, p);
			if (rc)
				return rc;
		}
	}
	if (!(cfg->major_min > 0) || !isfinite(cfg->major_min))
		return pb_error_set(PB_EINVAL, "重大项目门槛应大于 0 / the threshold of a major project "
					       "must be above 0");
	if (cfg->nact == 0 || cfg->nact > PB_DISP_MAX_PARTS)
		return pb_error_set(PB_EINVAL, "活跃指数至少需要一个分项 / the activity index needs at "
					       "least one part");
	for (size_t p = 0; p < cfg->nact; p++) {
		int rc = part_check(&cfg->act[p], PB_AF_COUNT, 0, "activity", p);
		if (rc)
			return rc;
	}
	return 0;
}

unsigned pb_disp_topic_class(const char *industry, int foreign, double planned, double contract,
			     double major_min)
{
	unsigned c = 0;
	char code[8];
	if (industry && pb_industry_normalize(industry, strlen(industry), code)) {
		/* the section letter: C is divisions 13–43, I 63–65, M 73–75 */
		if (code[0] == 'C')
			c |= PB_DC_MFG;
		else if (code[0] == 'I' || code[0] == 'M')
			c |= PB_DC_NEW;
	}
	double size = isnan(planned) ? contract : planned;
	if (!isnan(size) && size >= major_min)
		c |= PB_DC_MAJOR;
	if (foreign == 1)
		c |= PB_DC_FOREIGN;
	return c;
}

static int topic_in(int32_t d, int32_t from, int32_t to)
{
	return d && d >= from && d <= to;
}

/* Project i's share of the topic figures into the row r (PB_RF_COUNT doubles). */
static void topic_add(double *r, const pb_disp_topic_input *in, size_t i, int32_t from, int32_t to)
{
	const pb_pipe_state *s = &in->state[i];
	unsigned c = in->cls[i];
	double v = in->contract[i];
	if (topic_in(s->date[PB_STAGE_SIGNED], from, to) && !isnan(v)) {
		if (c & PB_DC_MFG)
			r[PB_RF_SIGNED_MFG] += v;
		if (c & PB_DC_NEW)
			r[PB_RF_SIGNED_NEW] += v;
	}
	if ((c & PB_DC_MAJOR) && topic_in(s->date[PB_STAGE_STARTED], from, to))
		r[PB_RF_MAJOR_STARTED] += 1;
}

int pb_disp_topics(double *fig, const pb_disp_topic_input *in, int32_t from, int32_t to)
{
	if (!pb_date_valid(from) || !pb_date_valid(to) || from > to)
		return pb_error_set(PB_EINVAL, "统计期 %d–%d 无效 / %d–%d is not a period", (int)from,
				    (int)to, (int)from, (int)to);
	if (in->ngroup == 0)
		return pb_error_set(PB_EINVAL, "没有分组 / no group");
	for (size_t g = 0; g <= in->ngroup; g++)
		for (int f = PB_RF_SIGNED_MFG; f <= PB_RF_FUNDS_FOREIGN; f++)
			fig[g * PB_RF_COUNT + (size_t)f] = 0;
	double *total = fig + in->ngroup * PB_RF_COUNT;
	for (size_t i = 0; i < in->n; i++) {
		uint32_t g = in->group ? in->group[i] : 0;
		if (g >= in->ngroup)
			return pb_error_set(PB_EINVAL, "第 %zu 个项目的分组超出范围 / project %zu: group "
						       "out of range", i + 1, i + 1);
		topic_add(fig + g * PB_RF_COUNT, in, i, from, to);
		topic_add(total, in, i, from, to);
	}
	for (size_t i = 0; i < in->nfunds; i++) {
		const pb_pipe_fund *f = &in->funds[i];
		if (f->project >= in->n)
			return pb_error_set(PB_EINVAL, "第 %zu 笔到位资金：没有该项目 / funds %zu: no such "
						       "project", i + 1, i + 1);
		/* funds are monthly: a month counts when it is one of the period's months */
		if (!(in->cls[f->project] & PB_DC_FOREIGN) || f->month < from / 100 || f->month > to / 100)
			continue;
		double x = (isnan(f->fixed) ? 0 : f->fixed) + (isnan(f->working) ? 0 : f->working);
		fig[(in->group ? in->group[f->project] : 0) * PB_RF_COUNT + PB_RF_FUNDS_FOREIGN] += x;
		total[PB_RF_FUNDS_FOREIGN] += x;
	}
	return 0;
}

double pb_disp_rate(double actual, double target)
{
	return isnan(actual) || isnan(target) || !(target > 0) ? NAN : actual / target;
}

double pb_disp_growth(double cur, double prev)
{
	return isnan(cur) || isnan(prev) || !(prev > 0) ? NAN : (cur / prev - 1) * 100;
}

void pb_disp_ranking_free(pb_disp_ranking *r)
{
	free(r->score);
	free(r->points);
	free(r->value);
	free(r->target);
	free(r->rank);
	free(r->order);
	memset(r, 0, sizeof(*r));
}

int pb_disp_rank(pb_disp_ranking *out, const pb_disp_list *l, const double *fig,
		 const double *target, size_t nrow, int months)
{
	memset(out, 0, sizeof(*out));
	if (months < 1 || months > 12)
		return pb_error_set(PB_EINVAL, "月数应为 1–12 / months must be 1 to 12");
	size_t np = l->nparts, m = nrow ? nrow : 1;
	out->nrow = nrow;
	out->nparts = np;
	out->score = calloc(m, sizeof(double));
	out->points = calloc(m * np, sizeof(double));
	out->value = calloc(m * np, sizeof(double));
	out->target = calloc(m * np, sizeof(double));
	out->rank = calloc(m, sizeof(int64_t));
	out->order = calloc(m, sizeof(size_t));
	pb_score_part parts[PB_DISP_MAX_PARTS];
	if (!out->score || !out->points || !out->value || !out->target || !out->rank || !out->order) {
		pb_disp_ranking_free(out);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	for (size_t p = 0; p < np && p < PB_DISP_MAX_PARTS; p++) {
		parts[p] = l->parts[p].score;
		int f = l->parts[p].figure;
		for (size_t r = 0; r < nrow; r++) {
			out->value[r * np + p] = f >= 0 && f < PB_RF_COUNT ? fig[r * PB_RF_COUNT + f] : NAN;
			double t = target && f >= 0 && f < PB_DT_COUNT ? target[r * PB_DT_COUNT + f] : NAN;
			/* the year's target over the months of the period: 序时进度 */
			out->target[r * np + p] = t * months / 12.0;
		}
	}
	int rc = pb_score_compute(out->score, out->points, out->value, out->target, nrow, parts, np);
	if (!rc)
		rc = pb_score_rank(out->rank, out->order, out->score, nrow);
	if (rc)
		pb_disp_ranking_free(out);
	return rc;
}

int pb_disp_count_acts(double *fig, size_t nperiod, size_t nrow, const int32_t *start,
		       const int32_t *end, const pb_disp_act *acts, size_t nacts)
{
	for (size_t i = 0; i < nacts; i++) {
		const pb_disp_act *a = &acts[i];
		if (a->kind < 0 || a->kind >= PB_ACT_COUNT)
			return pb_error_set(PB_EINVAL, "第 %zu 条活动的类型无效 / activity %zu: no such kind",
					    i + 1, i + 1);
		if (a->row >= nrow)
			continue;
		for (size_t p = 0; p < nperiod; p++)
			if (a->date >= start[p] && a->date <= end[p]) {
				fig[(p * nrow + a->row) * PB_AF_COUNT + PB_AF_VISITS_OUT + (size_t)a->kind] += 1;
				break;
			}
	}
	return 0;
}

void pb_disp_count_stages(double *fig, size_t nperiod, size_t nrow, const int32_t *start,
			  const int32_t *end, const pb_pipe_state *state, const size_t *row_of,
			  size_t nproj)
{
	static const int stage[2] = { PB_STAGE_SIGNED, PB_STAGE_STARTED };
	static const int figure[2] = { PB_AF_SIGNINGS, PB_AF_STARTS };
	for (size_t i = 0; i < nproj; i++) {
		if (row_of[i] >= nrow)
			continue;
		for (int k = 0; k < 2; k++) {
			int32_t d = state[i].date[stage[k]];
			for (size_t p = 0; d && p < nperiod; p++)
				if (d >= start[p] && d <= end[p]) {
					fig[(p * nrow + row_of[i]) * PB_AF_COUNT + (size_t)figure[k]] += 1;
					break;
				}
		}
	}
}

int pb_disp_activity(double *index, double *points, const double *fig, size_t nperiod,
		     size_t nrow, const pb_disp_config *cfg)
{
	size_t np = cfg->nact;
	if (np == 0 || np > PB_DISP_MAX_PARTS)
		return pb_error_set(PB_EINVAL, "活跃指数至少需要一个分项 / the activity index needs at "
					       "least one part");
	pb_score_part parts[PB_DISP_MAX_PARTS];
	for (size_t p = 0; p < np; p++)
		parts[p] = cfg->act[p].score;
	double *v = malloc((nrow ? nrow : 1) * np * sizeof(double));
	if (!v)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int rc = 0;
	for (size_t t = 0; !rc && t < nperiod; t++) {
		for (size_t r = 0; r < nrow; r++)
			for (size_t p = 0; p < np; p++) {
				int f = cfg->act[p].figure;
				v[r * np + p] = f >= 0 && f < PB_AF_COUNT
							? fig[(t * nrow + r) * PB_AF_COUNT + (size_t)f] : NAN;
			}
		rc = pb_score_compute(index + t * nrow, points ? points + t * nrow * np : NULL, v,
				      NULL, nrow, parts, np);
	}
	free(v);
	return rc;
}

int32_t pb_disp_month_end(int32_t yyyymm)
{
	int32_t next = pb_month_add(yyyymm, 1);
	long days = pb_date_days(next * 100 + 1) - 1;
	/* the day before the 1st of the next month: the 28th to the 31st */
	for (int d = 31; d >= 28; d--)
		if (pb_date_valid(yyyymm * 100 + d) && pb_date_days(yyyymm * 100 + d) == days)
			return yyyymm * 100 + d;
	return yyyymm * 100 + 28;
}

/* The day `n` days after yyyymmdd d, within one year (walks the months). */
static int32_t day_add(int32_t d, long n)
{
	long target = pb_date_days(d) + n;
	int32_t m = d / 100;
	while (pb_date_days(pb_disp_month_end(m)) < target)
		m = pb_month_add(m, 1);
	return m * 100 + (int32_t)(target - pb_date_days(m * 100 + 1) + 1);
}

size_t pb_disp_weeks(int32_t *start, int32_t *end, size_t max, int year, int month)
{
	if (month < 1 || month > 12)
		return 0;
	int32_t first = year * 10000 + 101, last = pb_disp_month_end(year * 100 + month);
	/* 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on a Monday */
	long dow = ((pb_date_days(first) + 3) % 7 + 7) % 7;
	size_t n = 0;
	int32_t s = first;
	long len = 7 - dow; /* the first week ends on the first Sunday */
	while (n < max && s <= last) {
		int32_t e = day_add(s, len - 1);
		start[n] = s;
		end[n] = e > last ? last : e;
		n++;
		if (e >= last)
			break;
		s = day_add(e, 1);
		len = 7;
	}
	return n;
}

static int by_move(const void *a, const void *b)
{
	const pb_disp_moved *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->project != y->project)
		return x->project < y->project ? -1 : 1;
	return (x->stage > y->stage) - (x->stage < y->stage);
}

int pb_disp_moved_list(pb_disp_moved **out, size_t *n, const pb_pipe_state *state, size_t nproj,
		       int32_t from, int32_t to)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	for (int pass = 0; pass < 2; pass++) {
		size_t k = 0;
		for (size_t i = 0; i < nproj; i++)
			for (int s = PB_STAGE_LEAD; s < PB_STAGE_COUNT; s++) {
				int32_t d = state[i].date[s];
				/* a day filled in by a skip is no move of its own */
				if (!d || d < from || d > to || (state[i].filled >> s & 1))
					continue;
				if (pass)
					(*out)[k] = (pb_disp_moved){ (uint32_t)i, s, d };
				k++;
			}
		if (!pass) {
			cap = k;
			if (!(*out = malloc((cap ? cap : 1) * sizeof(**out))))
				return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		}
		*n = k;
	}
	qsort(*out, *n, sizeof(**out), by_move);
	return 0;
}
