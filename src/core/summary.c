/* summary.c - the headline figures; see summary.h. */
#include "summary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

double pb_growth_pct(double cur, double base)
{
	if (!(base > 0) || isnan(cur))
		return NAN;
	return (cur / base - 1) * 100;
}

double pb_cagr_pct(double base, double target, double years)
{
	if (!(base > 0) || !(target > 0) || !(years > 0))
		return NAN;
	return (pow(target / base, 1.0 / years) - 1) * 100;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = ((const pb_enterprise *const *)a)[0]->id;
	int64_t y = ((const pb_enterprise *const *)b)[0]->id;
	return x < y ? -1 : x > y;
}

/* Largest sector first; ties by name so the order never depends on input order. */
static int by_output(const void *a, const void *b)
{
	const pb_summary_sector *x = a, *y = b;
	if (x->month_output != y->month_output)
		return x->month_output > y->month_output ? -1 : 1;
	return strcmp(x->name, y->name);
}

static size_t sector_of(pb_summary *s, const char *name)
{
	for (size_t i = 0; i < s->nsectors; i++)
		if (strcmp(s->sectors[i].name, name) == 0)
			return i;
	if (s->nsectors < PB_SUMMARY_MAX_SECTORS) {
		s->sectors[s->nsectors].name = name;
		return s->nsectors++;
	}
	return PB_SUMMARY_MAX_SECTORS - 1;
}

/* The base of report r for month m: its own 上年同期, else the same enterprise's report
 * twelve months earlier (found among r's predecessors, which are sorted). */
static double base_of(const pb_monthly *reports, size_t first, size_t r)
{
	double b = reports[r].prev[PB_M_GROSS_OUTPUT];
	if (!pb_is_missing(b))
		return b;
	int64_t want = reports[r].month - 100;
	for (size_t k = r; k-- > first;) {
		if (reports[k].month == want)
			return reports[k].v[PB_M_GROSS_OUTPUT];
		if (reports[k].month < want)
			break;
	}
	return PB_MISSING;
}

int pb_summary_compute(pb_summary *s, const pb_enterprise *ents, size_t nents,
		       const pb_monthly *reports, size_t nreports)
{
	memset(s, 0, sizeof(*s));
	const pb_enterprise **byid = malloc((nents ? nents : 1) * sizeof(*byid));
	if (!byid)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	size_t *sector_ix = malloc((nents ? nents : 1) * sizeof(*sector_ix));
	if (!sector_ix) {
		free(byid);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	for (size_t i = 0; i < nents; i++)
		byid[i] = &ents[i];
	qsort(byid, nents, sizeof(*byid), id_cmp);
	s->enterprises = (int64_t)nents;
	for (size_t i = 0; i < nents; i++) {
		int t = (int)byid[i]->tier;
		s->by_tier[t >= 0 && t <= 4 ? t : 0]++;
		sector_ix[i] = sector_of(s, byid[i]->sector ? byid[i]->sector : "");
		s->sectors[sector_ix[i]].count++;
	}
	for (size_t r = 0; r < nreports; r++)
		if (reports[r].month > s->latest_month &&
		    !pb_is_missing(reports[r].v[PB_M_GROSS_OUTPUT]))
			s->latest_month = (int)reports[r].month;

	int m = s->latest_month, jan = m / 100 * 100 + 1;
	double leading = 0;
	size_t e = 0, first = 0;
	for (size_t r = 0; r < nreports; r++) {
		if (r == 0 || reports[r].enterprise_id != reports[r - 1].enterprise_id) {
			first = r;
			while (e < nents && byid[e]->id < reports[r].enterprise_id)
				e++;
		}
		const pb_monthly *rep = &reports[r];
		double v = rep->v[PB_M_GROSS_OUTPUT];
		if (rep->month < jan || rep->month > m || pb_is_missing(v))
			continue;
		int known = e < nents && byid[e]->id == rep->enterprise_id;
		double b = base_of(reports, first, r);
		s->ytd_output += v;
		if (pb_is_missing(b)) {
			s->ytd_left_out++;
		} else {
			s->ytd_cur += v;
			s->ytd_base += b;
		}
		if (rep->month != m)
			continue;
		s->month_output += v;
		s->month_reporting++;
		if (known && byid[e]->tier == PB_TIER_LEADING)
			leading += v;
		if (pb_is_missing(b)) {
			s->month_left_out++;
			continue;
		}
		s->month_cur += v;
		s->month_base += b;
		if (known) {
			s->sectors[sector_ix[e]].month_output += v;
			s->sectors[sector_ix[e]].month_base += b;
		}
	}
	s->leading_share = s->month_output > 0 ? leading / s->month_output : NAN;
	qsort(s->sectors, s->nsectors, sizeof(s->sectors[0]), by_output);
	free(byid);
	free(sector_ix);
	return 0;
}
