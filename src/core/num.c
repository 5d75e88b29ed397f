/*
 * num.c - parsing numbers as bureau files write them; see num.h.
 *
 * Speed matters here: a monthly import converts tens of millions of figures, and
 * glibc's strtod costs ~90 ns each. Two paths:
 *
 * - parse_plain() takes the shape nearly every cell has ("12345.67", "-3", "0.5"):
 *   ASCII digits, an optional leading '-', at most one '.'.
 * - parse_general() takes everything else num.h allows (blanks, full-width forms,
 *   thousands separators, exponents, "%", "(1,234)") in one pass that also writes a
 *   cleaned ASCII copy of the number.
 *
 * Both end in Clinger's fast path when they can: the digits, read as an integer m,
 * satisfy m <= 2^53, and the decimal exponent k satisfies |k| <= 22. Then m is an
 * exact double (every integer up to 2^53 is), 10^|k| is an exact double (5^22 <
 * 2^53, and the factor 2^22 only moves the exponent), and IEEE 754 rounds the one
 * multiplication or division of two exact operands correctly: the result is the
 * double nearest to m * 10^k, which is exactly what strtod returns. Anything else
 * (more than 19 significant digits, a bigger exponent) goes to strtod on the cleaned
 * copy, so every result is correctly rounded. (strtod and snprintf follow LC_NUMERIC;
 * parkbrain never changes it from "C", whose decimal point is '.'.)
 */
#include "num.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TWO53 (UINT64_C(1) << 53)

/* A figure with more digits than this is refused rather than cut: no office file has
 * one, and the bound keeps the cleaned copy on the stack. */
#define MAX_DIGITS 100

static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* m * 10^k when that is exact-operand arithmetic (see the top); 0 if it is not. */
static int clinger(uint64_t m, int k, double *out)
{
	if (m > TWO53 || k < -22 || k > 22)
		return 0;
	double v = (double)m;
	*out = k < 0 ? v / pow10_exact[-k] : v * pow10_exact[k];
	return 1;
}

/*
 * The shape nearly every figure in a file has: optional '-', ASCII digits, at most
 * one '.', nothing else, at most 19 digits (so the integer cannot overflow 64 bits).
 * Returns 0 to send anything else to parse_general().
 */
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
	double v;
	if (nd == 0 || !clinger(m, frac > 0 ? -frac : 0, &v))
		return 0;
	*out = neg ? -v : v;
	return 1;
}

/* Length of the blank starting at s[i] (ASCII blanks, NBSP U+00A0, thin space
 * U+2009, narrow NBSP U+202F, ideographic space U+3000), 0 if none. */
static size_t blank_at(const unsigned char *s, size_t end, size_t i)
{
	if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
		return 1;
	if (i + 1 < end && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 >= end)
		return 0;
	if (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	if (s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x89 || s[i + 2] == 0xAF))
		return 3;
	return 0;
}

/* Length of the blank ending just before s[end], 0 if none. */
static size_t blank_before(const unsigned char *s, size_t begin, size_t end)
{
	for (size_t n = 1; n <= 3 && n <= end - begin; n++)
		if (blank_at(s, end, end - n) == n)
			return n;
	return 0;
}

/*
 * The ASCII meaning of the character at s[i] and its byte length in *n. Full-width
 * digits, signs, comma, period, apostrophe, percent and brackets map to ASCII; the
 * minus sign U+2212 to '-'; a thin or narrow no-break space (a thousands separator in
 * some locales) to '_'. Anything else gives '\x7f', which no caller accepts.
 */
static char ascii_at(const unsigned char *s, size_t end, size_t i, size_t *n)
{
	*n = 1;
	if (s[i] < 0x80)
		return (char)s[i];
	if (i + 2 >= end)
		return '\x7f';
	*n = 3;
	if (s[i] == 0xEF && s[i + 1] == 0xBC) {
		unsigned char c = s[i + 2];
		if (c >= 0x90 && c <= 0x99)
			return (char)('0' + (c - 0x90)); /* ０-９ U+FF10..FF19 */
		switch (c) {
		case 0x85: return '%';  /* ％ U+FF05 */
		case 0x87: return '\''; /* ＇ U+FF07 */
		case 0x88: return '(';  /* （ U+FF08 */
		case 0x89: return ')';  /* ） U+FF09 */
		case 0x8B: return '+';  /* ＋ U+FF0B */
		case 0x8C: return ',';  /* ， U+FF0C */
		case 0x8D: return '-';  /* － U+FF0D */
		case 0x8E: return '.';  /* ． U+FF0E */
		}
	}
	if (s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92)
		return '-'; /* − U+2212 MINUS SIGN */
	if (s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x89 || s[i + 2] == 0xAF))
		return '_'; /* U+2009, U+202F */
	*n = 1;
	return '\x7f';
}

/*
 * The marks offices type for "no figure". Only called when the text does not start
 * with an ASCII digit, so the common case never walks the list. ASCII marks compare
 * without case ("N/A", "n/a"; "NaN" is what pandas writes for a blank).
 */
static int is_missing_mark(const char *s, size_t len)
{
	static const char *const marks[] = {
		"-", "--", "---", "—", "——", "―", "－", "－－", "…", "/", "／", "无",
		"n/a", "na", "#n/a", "null", "nan", "none",
	};
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strlen(marks[i]) == len && strncasecmp(marks[i], s, len) == 0)
			return 1;
	return 0;
}

/* What parse_general() learns about the number while it copies it. */
typedef struct num_scan {
	char clean[MAX_DIGITS + 16]; /* "123.45": digits, point; then "e-123456" */
	size_t c;                    /* bytes used in clean */
	uint64_t mant;               /* the digits as an integer, while exact */
	int sig;                     /* significant digits (from the first non-zero) */
	int frac;                    /* digits after the point */
	int digits;                  /* all digits */
} num_scan;

/*
 * The digits of a number, from s[*i] to the first character that cannot continue
 * it, copied into ns->clean and summed into ns->mant. Thousands separators (","
 * "，" "'" or a thin space) must all be the same character and sit between groups:
 * one to three digits before the first, not starting with 0 ("0,123" is a European
 * 0.123, not 123), then exactly three between separators and after the last; never
 * after the point. So "1,234,567.8" is a number and "12,34", "1234,567",
 * "1,23,456" are not. Returns 0 if the digits are malformed. (The state lives in
 * locals, not in *ns, so that the compiler keeps it in registers.)
 */
static int scan_digits(num_scan *ns, const unsigned char *s, size_t end, size_t *pi)
{
	int point = 0, group = -1, lead = 0, lead_zero = 0, sig = 0, frac = 0, digits = 0;
	char sep = 0, *clean = ns->clean;
	uint64_t mant = 0;
	size_t c = 0, n, i = *pi;

	for (; i < end; i += n) {
		char ch = s[i] < 0x80 ? (n = 1, (char)s[i]) : ascii_at(s, end, i, &n);
		if (ch >= '0' && ch <= '9') {
			int d = ch - '0';
			if (!point && group < 0 && lead++ == 0)
				lead_zero = d == 0;
			if (!point && group >= 0)
				group++;
			if (sig || d) {
				if (++sig <= 19)
					mant = mant * 10 + (uint64_t)d;
			}
			frac += point;
			if (++digits <= MAX_DIGITS)
				clean[c++] = ch;
			continue;
		}
		if ((ch == ',' || ch == '\'' || ch == '_') && !point && digits) {
			if (sep && ch != sep)
				return 0;
			if (group < 0 && (lead > 3 || lead_zero))
				return 0;
			if (group >= 0 && group != 3)
				return 0;
			sep = ch;
			group = 0;
			continue;
		}
		if (ch == '.' && !point) {
			if (group >= 0 && group != 3)
				return 0;
			group = -1;
			point = 1;
			clean[c++] = '.';
			continue;
		}
		break;
	}
	ns->c = c, ns->mant = mant, ns->sig = sig, ns->frac = frac, ns->digits = digits;
	*pi = i;
	return digits > 0 && (group < 0 || group == 3);
}

/* An exponent at s[*i]: 'e' or 'E', an optional sign, one to six digits. Returns 1
 * and adds it to *exp10 if there is one, 0 if there is none, -1 if it is malformed. */
static int scan_exponent(const unsigned char *s, size_t end, size_t *i, int *exp10)
{
	if (*i >= end || (s[*i] != 'e' && s[*i] != 'E'))
		return 0;
	size_t j = *i + 1;
	int neg = 0, v = 0, nd = 0;
	if (j < end && (s[j] == '+' || s[j] == '-'))
		neg = s[j++] == '-';
	while (j < end && s[j] >= '0' && s[j] <= '9' && nd < 6)
		v = v * 10 + (s[j++] - '0'), nd++;
	if (!nd || (j < end && s[j] >= '0' && s[j] <= '9'))
		return -1;
	*exp10 += neg ? -v : v;
	*i = j;
	return 1;
}

/* Write "e<exp10>" and a NUL at p ("" when exp10 is 0); snprintf would cost as much
 * as the rest of the fallback. |exp10| < 10^7, so 10 bytes are enough. */
static void put_exponent(char *p, int exp10)
{
	char digits[12];
	int n = 0;
	unsigned u = exp10 < 0 ? 0u - (unsigned)exp10 : (unsigned)exp10;
	if (exp10 != 0) {
		*p++ = 'e';
		if (exp10 < 0)
			*p++ = '-';
		for (; u; u /= 10)
			digits[n++] = (char)('0' + u % 10);
		while (n)
			*p++ = digits[--n];
	}
	*p = '\0';
}

static pb_num_status parse_general(const char *str, size_t len, double *out, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t b = 0, e = len, n;

	while (b < e && (n = blank_at(s, e, b)) > 0)
		b += n;
	while (e > b && (n = blank_before(s, b, e)) > 0)
		e -= n;
	if (b == e || ((s[b] < '0' || s[b] > '9') && is_missing_mark(str + b, e - b))) {
		*out = PB_MISSING;
		return PB_NUM_MISSING;
	}

	num_scan ns; /* filled by scan_digits; not zeroed, it is in the hot path */
	int neg = 0, paren = 0, exp10 = 0;
	size_t i = b;
	char ch = ascii_at(s, e, i, &n);
	if (ch == '(') {
		paren = 1;
		i += n;
		ch = i < e ? ascii_at(s, e, i, &n) : 0;
	}
	if (ch == '-' || ch == '+') {
		if (paren) /* "(-5)" and "(+5)" say the sign twice */
			return PB_NUM_BAD;
		neg = ch == '-';
		i += n;
	}
	if (!scan_digits(&ns, s, e, &i) || ns.digits > MAX_DIGITS)
		return PB_NUM_BAD;
	if (scan_exponent(s, e, &i, &exp10) < 0)
		return PB_NUM_BAD;
	if (i < e && ascii_at(s, e, i, &n) == '%') {
		i += n;
		/* "10.3%" is 0.103: move the decimal exponent rather than divide by 100,
		 * so the result is the double nearest 0.103, not 10.3 / 100 rounded twice */
		if (!(flags & PB_NUM_PERCENT))
			exp10 -= 2;
	}
	if (paren) {
		if (i >= e || ascii_at(s, e, i, &n) != ')')
			return PB_NUM_BAD;
		i += n;
		neg = 1;
	}
	if (i != e)
		return PB_NUM_BAD;

	double v;
	if (ns.sig > 19 || !clinger(ns.mant, exp10 - ns.frac, &v)) {
		put_exponent(ns.clean + ns.c, exp10);
		v = strtod(ns.clean, NULL);
		if (isinf(v)) /* "1e999": no figure is that large */
			return PB_NUM_BAD;
	}
	*out = neg ? -v : v;
	return PB_NUM_OK;
}

pb_num_status pb_num_parse(const char *s, size_t len, double *out, unsigned flags)
{
	if (parse_plain(s, len, out))
		return PB_NUM_OK;
	return parse_general(s, len, out, flags);
}

void pb_num_format(double v, char out[32])
{
	if (pb_is_missing(v)) {
		out[0] = '\0';
		return;
	}
	if (v == 0) { /* also -0, which would print as "-0" */
		strcpy(out, "0");
		return;
	}
	/* Integers below 2^53 are exact: print all their digits, never "1e+15" */
	if (v == trunc(v) && fabs(v) < 0x1p53) {
		snprintf(out, 32, "%.0f", v);
		return;
	}
	/* The shortest of 15, 16, 17 significant digits that reads back exactly; 17
	 * always does (every double has a 17-digit decimal that rounds back to it). */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

void pb_num_grouped(double v, int decimals, char out[48])
{
	if (pb_is_missing(v)) {
		snprintf(out, 48, "—");
		return;
	}
	if (fabs(v) >= 1e15) { /* beyond any amount: no grouping either */
		snprintf(out, 48, "%.6g", v);
		return;
	}
	char digits[48], zero[16];
	decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
	snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(v));
	snprintf(zero, sizeof(zero), "%.*f", decimals, 0.0);
	/* "-0.00" reads as a mistake: a value that rounds to zero has no sign */
	int neg = v < 0 && strcmp(digits, zero) != 0;
	size_t intlen = strcspn(digits, "."), o = 0;
	if (neg)
		out[o++] = '-';
	for (size_t i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, 48 - o, "%s", digits + intlen);
}
