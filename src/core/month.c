/* month.c - statistical periods; see month.h. */
#include "month.h"

#include <stdio.h>
#include <string.h>

bool pb_month_valid(int ym)
{
	return ym >= PB_MONTH_MIN && ym <= PB_MONTH_MAX && ym % 100 >= 1 && ym % 100 <= 12;
}

int pb_month_add(int ym, int n)
{
	int t = (ym / 100) * 12 + (ym % 100 - 1) + n;
	/* floor division, so that a count below year 0 still gives a month 1..12 */
	int y = t >= 0 ? t / 12 : -((11 - t) / 12);
	return y * 100 + (t - y * 12) + 1;
}

void pb_date_format(int d, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100, d % 100);
}

void pb_month_format(int ym, char out[8])
{
	int y = ym / 100, m = ym % 100;
	if (y < 0 || y > 9999 || m < 1 || m > 12) {
		strcpy(out, "?");
		return;
	}
	snprintf(out, 8, "%04d-%02d", y % 10000, m % 100);
}

/*
 * Dates and months are read in two steps: the text is cut into tokens (runs of
 * digits and separators, blanks between them ignored), then the token sequence must
 * be one of a few exact shapes. Reading digit runs alone would accept nonsense like
 * "年2024月1" or, worse, take the period "2024年1-3月" (January to March) for a date.
 */
enum tok_kind {
	T_NUM = 1,
	T_DASH,  /* - －  */
	T_SLASH, /* / ／  */
	T_DOT,   /* . ．  */
	T_YEAR,  /* 年 */
	T_MONTH, /* 月 */
	T_DAY,   /* 日 or 号 */
	T_FEN,   /* 份, as in "1月份" */
};

typedef struct tok {
	enum tok_kind kind;
	int width; /* digits, for T_NUM */
	long v;
} tok;

enum { MAX_TOKS = 8 };

/* Length of a blank at s[i] (ASCII, NBSP, U+3000), 0 if none. */
static size_t blank_at(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')
		return 1;
	if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	return 0;
}

/* The digit at s[i] (ASCII or full-width ０-９, EF BC 90..99) and its length in *n;
 * -1 if there is none. */
static int digit_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	*n = 1;
	if (s[i] >= '0' && s[i] <= '9')
		return s[i] - '0';
	if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 &&
	    s[i + 2] <= 0x99) {
		*n = 3;
		return s[i + 2] - 0x90;
	}
	return -1;
}

/* The separator at s[i] and its length in *n; 0 if there is none. */
static enum tok_kind sep_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	static const struct { const char *text; enum tok_kind kind; } seps[] = {
		{ "-", T_DASH }, { "/", T_SLASH }, { ".", T_DOT },
		{ "－", T_DASH }, { "／", T_SLASH }, { "．", T_DOT },
		{ "年", T_YEAR }, { "月", T_MONTH }, { "日", T_DAY }, { "号", T_DAY },
		{ "份", T_FEN },
	};
	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		size_t l = strlen(seps[k].text);
		if (i + l <= len && memcmp(s + i, seps[k].text, l) == 0) {
			*n = l;
			return seps[k].kind;
		}
	}
	return 0;
}

/* Cut str into at most MAX_TOKS tokens. Returns their number, or -1 if a character
 * is neither digit, separator nor blank, or a digit run is longer than 8. */
static int lex(const char *str, size_t len, tok t[MAX_TOKS])
{
	const unsigned char *s = (const unsigned char *)str;
	int n = 0, in_num = 0;
	size_t step;
	for (size_t i = 0; i < len; i += step) {
		if ((step = blank_at(s, len, i)) > 0) {
			in_num = 0; /* "2024 01" is two numbers, not 202401 */
			continue;
		}
		int d = digit_at(s, len, i, &step);
		if (d >= 0 && in_num) {
			if (++t[n - 1].width > 8)
				return -1;
			t[n - 1].v = t[n - 1].v * 10 + d;
			continue;
		}
		enum tok_kind k = d >= 0 ? T_NUM : sep_at(s, len, i, &step);
		if (!k || n == MAX_TOKS)
			return -1;
		t[n++] = (tok){ .kind = k, .width = d >= 0, .v = d >= 0 ? d : 0 };
		in_num = d >= 0;
	}
	return n;
}

static bool is_num(const tok *t, int min_width, int max_width)
{
	return t->kind == T_NUM && t->width >= min_width && t->width <= max_width;
}

static bool is_ascii_sep(const tok *t)
{
	return t->kind == T_DASH || t->kind == T_SLASH || t->kind == T_DOT;
}

static int days_in(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

/* A date shape: "20240305", "2024-3-5" (the same separator twice), "2024年3月5日". */
static bool match_date(const tok *t, int n, int *y, int *m, int *d)
{
	long yy, mm, dd;
	if (n == 1 && is_num(&t[0], 8, 8)) {
		yy = t[0].v / 10000, mm = t[0].v / 100 % 100, dd = t[0].v % 100;
	} else if (n == 5 && is_num(&t[0], 4, 4) && is_ascii_sep(&t[1]) && is_num(&t[2], 1, 2) &&
		   t[3].kind == t[1].kind && is_num(&t[4], 1, 2)) {
		yy = t[0].v, mm = t[2].v, dd = t[4].v;
	} else if (n == 6 && is_num(&t[0], 4, 4) && t[1].kind == T_YEAR && is_num(&t[2], 1, 2) &&
		   t[3].kind == T_MONTH && is_num(&t[4], 1, 2) && t[5].kind == T_DAY) {
		yy = t[0].v, mm = t[2].v, dd = t[4].v;
	} else {
		return false;
	}
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > days_in((int)yy, (int)mm))
		return false;
	*y = (int)yy, *m = (int)mm, *d = (int)dd;
	return true;
}

bool pb_date_valid(int ymd)
{
	if (ymd < 0 || !pb_month_valid(ymd / 100))
		return false;
	int d = ymd % 100;
	return d >= 1 && d <= days_in(ymd / 10000, ymd / 100 % 100);
}

bool pb_date_parse(const char *s, size_t len, int *y, int *m, int *d)
{
	tok t[MAX_TOKS];
	int n = lex(s, len, t);
	return n > 0 && match_date(t, n, y, m, d);
}

bool pb_month_parse(const char *s, size_t len, int *ym)
{
	tok t[MAX_TOKS];
	int n = lex(s, len, t);
	long y, m;
	if (n == 1 && is_num(&t[0], 6, 6)) { /* 202401 */
		y = t[0].v / 100, m = t[0].v % 100;
	} else if (n == 3 && is_num(&t[0], 4, 4) && is_ascii_sep(&t[1]) && is_num(&t[2], 1, 2)) {
		y = t[0].v, m = t[2].v; /* 2024-01, 2024/1, 2024.01 */
	} else if ((n == 4 || (n == 5 && t[4].kind == T_FEN)) && is_num(&t[0], 4, 4) &&
		   t[1].kind == T_YEAR && is_num(&t[2], 1, 2) && t[3].kind == T_MONTH) {
		y = t[0].v, m = t[2].v; /* 2024年1月, 2024年1月份 */
	} else {
		int yy, mm, dd; /* a full date: the day must exist, then it is dropped */
		if (n <= 0 || !match_date(t, n, &yy, &mm, &dd))
			return false;
		y = yy, m = mm;
	}
	if (m < 1 || m > 12 || !pb_month_valid((int)(y * 100 + m)))
		return false;
	*ym = (int)(y * 100 + m);
	return true;
}

bool pb_excel_serial_to_date(double serial, int *y, int *m, int *d)
{
	/* Excel's 1900 system counts 1900-02-29, a day that never was (kept for Lotus
	 * 1-2-3 compatibility): serial 60 is that day, and from 61 on serials run one
	 * ahead of the real calendar. Serial 60 is taken as 1900-02-28, the day a
	 * spreadsheet user most likely meant; no statistical period is that old anyway.
	 * The fraction (the time of day) is dropped. "!(>=)" also refuses NaN. */
	if (!(serial >= 1) || serial >= 2958466) /* 9999-12-31 is 2958465 */
		return false;
	long days = (long)serial;
	if (days >= 60)
		days--;
	/* serial 25569 is 1970-01-01 (25568 after the fake leap day is dropped) */
	int ymd = pb_date_of_days(days - 25568);
	*y = ymd / 10000;
	*m = ymd / 100 % 100;
	*d = ymd % 100;
	return true;
}

long pb_date_days(int yyyymmdd)
{
	long y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int pb_date_of_days(long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);
	return (int)(y * 10000 + m * 100 + d);
}

int pb_date_in_zone(long long unix_seconds)
{
	long long t = unix_seconds + 8 * 3600;
	/* floor division: an instant before 1970 still falls on its own day */
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return pb_date_of_days((long)days);
}
