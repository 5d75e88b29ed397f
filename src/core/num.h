/*
 * num.h - numbers as Chinese office files write them.
 *
 * Accepted: optional sign (ASCII or full-width "－"/"＋"), digits (ASCII or full-width
 * ０-９), thousands separators ("," "，" "'" or a thin space between digit groups),
 * one decimal point ("." or full-width "．"), an exponent, an accounting negative
 * "(1,234.5)", and a trailing "%" (the value is then divided by 100 only when the
 * caller asks, see PB_NUM_PERCENT). Surrounding blanks (ASCII, full-width U+3000,
 * NBSP) are ignored.
 * Missing: the empty string, "-", "—" (U+2014), "——", "－", "--", "---", "/", "N/A",
 * "NA", "无" and "null" all mean "no value" and give PB_NUM_MISSING.
 */
#ifndef PB_NUM_H
#define PB_NUM_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/** The in-memory marker of a missing figure: a quiet NaN, never a valid input. */
#define PB_MISSING NAN
static inline bool pb_is_missing(double v) { return isnan(v); }

typedef enum pb_num_status {
	PB_NUM_OK = 0,
	PB_NUM_MISSING = 1, /* blank or a missing-value mark */
	PB_NUM_BAD = -1,    /* not a number */
} pb_num_status;

enum {
	PB_NUM_PERCENT = 1, /* "10.3%" -> 10.3 stays percent points (flag unset: 0.103) */
};

/**
 * Parse `s[0..len)` into *out. Returns PB_NUM_OK, PB_NUM_MISSING (*out = PB_MISSING)
 * or PB_NUM_BAD (*out untouched). `flags` is a set of PB_NUM_* bits.
 */
pb_num_status pb_num_parse(const char *s, size_t len, double *out, unsigned flags);

/**
 * Write the shortest decimal that reads back as exactly `v` (at most "%.17g"), no
 * thousands separators, into out (32 bytes). Missing (NaN) gives "".
 */
void pb_num_format(double v, char out[32]);

#endif
