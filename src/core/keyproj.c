/* keyproj.c - key projects against their yearly plans; see keyproj.h. */
#include "keyproj.h"

#include <math.h>
#include <string.h>

#include "error.h"

static const char *const nature_zh[PB_KN_COUNT] = { "新开工", "续建", "技术改造", "前期策划" };

const char *pb_keyproj_nature_name(int nature)
{
	return nature >= 0 && nature < PB_KN_COUNT ? nature_zh[nature] : "?";
}

int pb_keyproj_nature_parse(const char *s, size_t len)
{
	static const struct {
		const char *word;
		int nature;
	} words[] = {
		{ "新开工", PB_KN_NEW },         { "新建", PB_KN_NEW },
		{ "续建", PB_KN_CONTINUING },    { "在建", PB_KN_CONTINUING },
		{ "技术改造", PB_KN_RENOVATION }, { "技改", PB_KN_RENOVATION },
		{ "前期策划", PB_KN_PREPARATION }, { "前期", PB_KN_PREPARATION },
		{ "储备", PB_KN_PREPARATION },   { "策划项目", PB_KN_PREPARATION },
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == len && memcmp(words[i].word, s, len) == 0)
			return words[i].nature;
	return -1;
}

static double nz(double v)
{
	return isnan(v) ? 0 : v;
}

static pb_keyproj_progress one(const pb_keyproj *p, int year, int m, double tolerance)
{
	pb_keyproj_progress r = { 0 };
	for (int k = 0; k < m; k++)
		r.completed += nz(p->month[k]);
	int32_t now = year * 100 + m;
	double time = m / 12.0;
	r.rate = !isnan(p->plan) && p->plan > 0 ? r.completed / p->plan : NAN;
	/* finished by M: nothing is left to push; planned to start after M and not started:
	 * its pace has not begun (a start known by its year only is that December) */
	int finished = p->finished && p->finished <= now;
	int waiting = p->plan_start > now && (!p->started || p->started > now);
	if (p->nature != PB_KN_PREPARATION && !finished && !waiting && !isnan(r.rate) &&
	    r.rate < time - tolerance) {
		r.behind = 1;
		r.lag = p->plan * time - r.completed;
	}
	r.cumulative = nz(p->before) + r.completed;
	r.total_rate = !isnan(p->total) && p->total > 0 ? r.cumulative / p->total : NAN;
	r.late_start = p->plan_start && p->plan_start < now && (!p->started || p->started > now);
	r.overdue = p->plan_finish && p->plan_finish < now && (!p->finished || p->finished > now);
	return r;
}

int pb_keyproj_progress_of(pb_keyproj_progress *out, const pb_keyproj *p, size_t n, int year,
			   int m, double tolerance)
{
	if (m < 1 || m > 12)
		return pb_error_set(PB_EINVAL, "月份 %d 应在 1 到 12 之间 / month %d is not 1..12", m, m);
	if (!(tolerance >= 0 && tolerance < 1))
		return pb_error_set(PB_EINVAL, "容差应在 0 到 1 之间 / the tolerance must be in 0..1");
	for (size_t i = 0; i < n; i++) {
		if (p[i].nature < 0 || p[i].nature >= PB_KN_COUNT)
			return pb_error_set(PB_EINVAL, "第 %zu 个项目：没有该建设性质 / project %zu: no "
						       "such nature", i + 1, i + 1);
		out[i] = one(&p[i], year, m, tolerance);
	}
	return 0;
}
