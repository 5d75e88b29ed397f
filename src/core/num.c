/*
 * num.c - parsing numbers as bureau files write them; see num.h.
 *
 * Speed matters here: a monthly import converts tens of millions of figures, and
 * glibc's strtod costs ~90 ns each. The common case ("12345.67": at most 19 digits, a
 * small decimal exponent) is done by Clinger's fast path: the digits form an integer
 * m < 2^53 and the exponent e satisfies |e| <= 22, so m and 10^|e| are both exactly
 * representable doubles and one IEEE multiplication or division of two exact values
 * is correctly rounded - the result equals what strtod gives. Anything else (long
 * mantissas, big exponents) is cleaned into ASCII and handed to strtod.
 */
#include "num.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* Blanks at s[i..]: ASCII space/tab, NBSP, U+3000, thin space U+2009. 0 if none. */
static size_t blank_at(const unsigned char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		return 1;
	if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x89)
		return 3;
	return 0;
}

/* The ASCII meaning of the character at s[i] and its byte length: full-width
 * digits, signs, comma and period map to their ASCII forms. */
static char ascii_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	*n = 1;
	if (s[i] < 0x80)
		return (char)s[i];
	if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC) {
		unsigned char c = s[i + 2];
		*n = 3;
		if (c >= 0x90 && c <= 0x99)
			return (char)('0' + (c - 0x90)); /* ０-９ U+FF10..FF19 */
		switch (c) {
		case 0x8B: return '+'; /* ＋ */
		case 0x8C: return ','; /* ， */
		case 0x8D: return '-'; /* － */
		case 0x8E: return '.'; /* ． */
		case 0x85: return '%'; /* ％ */
		case 0x88: return '('; /* （ */
		case 0x89: return ')'; /* ） */
		}
	}
	/* U+2212 MINUS SIGN */
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92) {
		*n = 3;
		return '-';
	}
	*n = 1;
	return '\x7f'; /* anything else: not part of a number */
}

static int is_missing_mark(const char *s, size_t len)
{
	static const char *const marks[] = {
		"-", "--", "---", "—", "——", "－", "/", "n/a", "N/A", "NA", "na", "无",
		"null", "NULL", "…", "―",
	};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strlen(marks[i]) == len && memcmp(marks[i], s, len) == 0)
			return 1;
	return 0;
}

/* The shape nearly every figure in a file has: optional '-', ASCII digits, at most one
 * '.', nothing else. Parsed in one tight loop (Clinger's fast path, see the top);
 * returns 0 to send anything else to the general parser. */
static int parse_plain(const char *s, size_t len, double *out)
{
	size_t i = 0;
	int neg = 0, frac = -1, nd = 0;
	uint64_t m = 0;
	if (len && s[0] == '-')
		neg = 1, i = 1;
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d <= 9) {
			if (++nd > 19)
				return 0;
			m = m * 10 + d;
			frac += frac >= 0;
		} else if (s[i] == '.' && frac < 0) {
			frac = 0;
		} else {
			return 0;
		}
	}
	if (nd == 0 || frac > 22 || m >= (1ULL << 53))
		return 0;
	double v = (double)m;
	if (frac > 0)
		v /= pow10_exact[frac];
	*out = neg ? -v : v;
	return 1;
}

pb_num_status pb_num_parse(const char *str, size_t len, double *out, unsigned flags)
{
	if (parse_plain(str, len, out))
		return PB_NUM_OK;

	const unsigned char *s = (const unsigned char *)str;
	size_t b = 0, e = len, n;
	while (b < e && (n = blank_at(s, e, b)) > 0)
		b += n;
	/* trailing blanks: step back over the simple ASCII ones and the 2/3-byte ones */
	for (;;) {
		if (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n'))
			e--;
		else if (e >= b + 2 && s[e - 2] == 0xC2 && s[e - 1] == 0xA0)
			e -= 2;
		else if (e >= b + 3 && s[e - 3] == 0xE3 && s[e - 2] == 0x80 && s[e - 1] == 0x80)
			e -= 3;
		else
			break;
	}
	/* a figure nearly always starts with a digit: only then skip the mark list */
	if (b == e || ((s[b] < '0' || s[b] > '9') && is_missing_mark(str + b, e - b))) {
		*out = PB_MISSING;
		return PB_NUM_MISSING;
	}

	/* One pass: sign, digits with thousands separators, point, exponent, %. The
	 * cleaned ASCII copy is kept for the strtod fallback. */
	char clean[128];
	size_t c = 0;
	int neg = 0, paren = 0, percent = 0, seen_digit = 0, seen_point = 0;
	int group = -1; /* digits since the last separator; -1 = no separator yet */
	int lead_digits = 0;
	uint64_t mant = 0;
	int mant_digits = 0, exp10 = 0, dropped = 0, inexact = 0;
	size_t i = b;
	char ch = ascii_at(s, e, i, &n);
	if (ch == '(') {
		paren = 1;
		i += n;
	}
	ch = i < e ? ascii_at(s, e, i, &n) : 0;
	if (ch == '-' || ch == '+') {
		neg = ch == '-';
		i += n;
	}
	if (neg)
		clean[c++] = '-';
	for (; i < e; i += n) {
		if (s[i] >= '0' && s[i] <= '9')
			ch = (char)s[i], n = 1; /* the common case, without the call */
		else
			ch = ascii_at(s, e, i, &n);
		if (ch >= '0' && ch <= '9') {
			seen_digit = 1;
			if (!seen_point) {
				lead_digits++;
				if (group >= 0)
					group++;
			}
			if (mant_digits < 19) {
				if (mant || ch != '0' || seen_point)
					mant = mant * 10 + (uint64_t)(ch - '0');
				if (mant)
					mant_digits++;
				if (seen_point)
					exp10--;
			} else {
				/* beyond 19 digits: only the fallback is exact */
				dropped += !seen_point;
				inexact = 1;
			}
			if (c < sizeof(clean) - 8)
				clean[c++] = ch;
			continue;
		}
		if (ch == ',' && !seen_point && seen_digit) {
			/* a thousands separator needs 1-3 digits before the first one and
			 * exactly 3 between separators ("1,234,567"; "12,34" is not a number) */
			if ((group < 0 && lead_digits > 3) || (group >= 0 && group != 3))
				return PB_NUM_BAD;
			group = 0;
			continue;
		}
		if (ch == '.' && !seen_point) {
			if (group >= 0 && group != 3)
				return PB_NUM_BAD;
			group = -1;
			seen_point = 1;
			if (c < sizeof(clean) - 8)
				clean[c++] = '.';
			continue;
		}
		break;
	}
	if (!seen_digit || (group >= 0 && group != 3))
		return PB_NUM_BAD;
	/* an exponent: e/E, optional sign, digits */
	if (i < e && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		int eneg = 0, ev = 0, edigits = 0;
		if (j < e && (s[j] == '+' || s[j] == '-'))
			eneg = s[j++] == '-';
		while (j < e && s[j] >= '0' && s[j] <= '9' && edigits < 6)
			ev = ev * 10 + (s[j++] - '0'), edigits++;
		if (!edigits)
			return PB_NUM_BAD;
		int k = snprintf(clean + c, sizeof(clean) - c, "e%s%d", eneg ? "-" : "", ev);
		c += (size_t)k;
		exp10 += eneg ? -ev : ev;
		i = j;
	}
	if (i < e) {
		ch = ascii_at(s, e, i, &n);
		if (ch == '%') {
			percent = 1;
			i += n;
		}
	}
	if (paren) {
		if (i >= e || ascii_at(s, e, i, &n) != ')' || neg)
			return PB_NUM_BAD;
		i += n;
		neg = 1;
	}
	if (i != e)
		return PB_NUM_BAD;
	clean[c] = '\0';

	double v;
	exp10 += dropped;
	/* "10.3%" is 0.103: shift the decimal exponent rather than divide by 100, so that
	 * the result is the correctly rounded 0.103 and not 10.3 / 100 */
	int scale_pct = percent && !(flags & PB_NUM_PERCENT);
	if (scale_pct) {
		exp10 -= 2;
		if (!strchr(clean, 'e') && c + 4 < sizeof(clean)) {
			strcpy(clean + c, "e-2");
			c += 3;
			scale_pct = 0;
		}
	}
	if (!inexact && mant < (1ULL << 53) && exp10 >= -22 && exp10 <= 22) {
		v = (double)mant;
		v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
		if (neg)
			v = -v;
	} else {
		if (paren && clean[0] != '-') { /* "(1,234)": make the copy negative */
			memmove(clean + 1, clean, c + 1);
			clean[0] = '-';
		}
		v = strtod(clean, NULL);
	}
	if (scale_pct && (inexact || mant >= (1ULL << 53) || exp10 < -22 || exp10 > 22))
		v /= 100; /* a percent with its own exponent, through the fallback: rare */
	*out = v;
	return PB_NUM_OK;
}

void pb_num_format(double v, char out[32])
{
	if (pb_is_missing(v)) {
		out[0] = '\0';
		return;
	}
	/* Shortest of 15, 16, 17 significant digits that reads back exactly; 17 always
	 * does (IEEE 754 doubles need at most 17). */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}
