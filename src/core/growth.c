/* growth.c - see growth.h. */
#include "growth.h"

#include <math.h>

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
