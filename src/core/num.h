/*
 * num.h - numbers as Chinese office files write them.
 *
 * Accepted: optional sign (ASCII, full-width "－"/"＋" or U+2212 "−"), digits (ASCII
 * or full-width ０-９), thousands separators, one decimal point ("." or full-width
 * "．"), an exponent ("1.5e3"), an accounting negative "(1,234.5)" (full-width
 * brackets too; no sign inside them), and a trailing "%" or "％" (see
 * PB_NUM_PERCENT). Surrounding blanks (ASCII, NBSP U+00A0, thin space U+2009, narrow
 * NBSP U+202F, ideographic space U+3000) are ignored.
 * Thousands separators: "," "，" "'" or a thin/narrow-NBSP space, one kind per
 * number, only between digit groups before the point: one to three digits not
 * starting with 0, then groups of exactly three. "1,234" is 1234 and "1,234,567.8"
 * is 1234567.8; "12,34", "1234,567", "0,123", "1,234.5,6" and "1,234'567" are
 * PB_NUM_BAD (a decimal comma is never guessed).
 * Missing: the empty string and blanks, "-", "--", "---", "—" (U+2014), "——", "―",
 * "－", "－－", "…", "/", "／", "无", and, in any case, "N/A", "NA", "#N/A", "null",
 * "NaN", "None" give PB_NUM_MISSING. A dash before a figure ("—5") is PB_NUM_BAD,
 * not a minus.
 * Also PB_NUM_BAD: anything else, more than 100 digits, and a value too large for a
 * double ("1e999"). Results are always the correctly rounded double (as strtod).
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

/**
 * Write v as the bureau prints an amount: `decimals` (0..6) decimals and thousands
 * separators, "1,234.50" or "-12,000" - into out (48 bytes). A value that rounds to zero
 * has no sign. Missing (NaN) gives "—"; a magnitude of 1e15 or more, "%.6g".
 */
void pb_num_grouped(double v, int decimals, char out[48]);

#endif
