/*
 * json_value.c - see json_value.h.
 */
#include "json_value.h"

#include <math.h>

json_t *pb_json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *pb_json_text(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}
