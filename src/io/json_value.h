/*
 * json_value.h - the JSON values every output builds: a figure that may be missing, a
 * text that may be absent. One rule for all of them: NaN, ±∞ and NULL are null.
 */
#ifndef PB_JSON_VALUE_H
#define PB_JSON_VALUE_H

#include <jansson.h>

/** A new JSON real for v, or null when v is not finite (a missing figure). */
json_t *pb_json_num(double v);

/** A new JSON string for s, or null when s is NULL - or not UTF-8, which jansson refuses:
 * one bad text is shown as absent rather than failing the whole document. */
json_t *pb_json_text(const char *s);

#endif
