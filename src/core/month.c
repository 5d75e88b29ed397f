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
	return (t / 12) * 100 + t % 12 + 1;
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
 * Split text into up to 4 runs of digits (full-width digits count), remembering the
 * separators between them. Returns the number of runs, or -1 if a character is
 * neither a digit nor an accepted separator (- / . 年 月 日 and blanks).
 */
static int digit_runs(const char *str, size_t len, long runs[4], int widths[4])
{
	const unsigned char *s = (const unsigned char *)str;
	int n = 0, in = 0;
	for (size_t i = 0; i < len;) {
		int d = -1;
		size_t step = 1;
		if (s[i] >= '0' && s[i] <= '9') {
			d = s[i] - '0';
		} else if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] >= 0x90 &&
			   s[i + 2] <= 0x99) {
			d = s[i + 2] - 0x90, step = 3;
		} else if (s[i] == '-' || s[i] == '/' || s[i] == '.' || s[i] == ' ') {
			step = 1;
		} else if (i + 2 < len && (!memcmp(s + i, "年", 3) || !memcmp(s + i, "月", 3) ||
					   !memcmp(s + i, "日", 3) || !memcmp(s + i, "－", 3) ||
					   !memcmp(s + i, "／", 3) || !memcmp(s + i, "．", 3))) {
			step = 3;
		} else {
			return -1;
		}
		if (d >= 0) {
			if (!in) {
				if (n == 4)
					return -1;
				runs[n] = 0, widths[n] = 0, in = 1, n++;
			}
			if (widths[n - 1] >= 9)
				return -1;
			runs[n - 1] = runs[n - 1] * 10 + d;
			widths[n - 1]++;
		} else {
			in = 0;
		}
		i += step;
	}
	return n;
}

static int days_in(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

bool pb_date_parse(const char *s, size_t len, int *y, int *m, int *d)
{
	long r[4];
	int w[4];
	int n = digit_runs(s, len, r, w);
	if (n == 1 && w[0] == 8) { /* 20240305 */
		r[2] = r[0] % 100, r[1] = r[0] / 100 % 100, r[0] /= 10000, n = 3;
	} else if (n != 3 || w[0] != 4) {
		return false;
	}
	if (r[1] < 1 || r[1] > 12 || r[2] < 1 || r[2] > days_in((int)r[0], (int)r[1]))
		return false;
	*y = (int)r[0], *m = (int)r[1], *d = (int)r[2];
	return true;
}

bool pb_month_parse(const char *s, size_t len, int *ym)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	long r[4];
	int w[4];
	int n = digit_runs(s, len, r, w);
	long y, m;
	if (n == 1 && w[0] == 6) { /* 202401 */
		y = r[0] / 100, m = r[0] % 100;
	} else if (n == 2 && w[0] == 4 && w[1] <= 2) { /* 2024-01, 2024年1月 */
		y = r[0], m = r[1];
	} else if (n == 3 || (n == 1 && w[0] == 8)) { /* a full date: the day must exist */
		int yy, mm, dd;
		if (!pb_date_parse(s, len, &yy, &mm, &dd))
			return false;
		y = yy, m = mm;
	} else {
		return false;
	}
	if (m < 1 || m > 12)
		return false;
	int v = (int)(y * 100 + m);
	if (!pb_month_valid(v))
		return false;
	*ym = v;
	return true;
}

bool pb_excel_serial_to_date(double serial, int *y, int *m, int *d)
{
	/* Excel's 1900 system counts 1900-02-29, a day that never was (a Lotus 1-2-3
	 * compatibility bug): serial 60 is that day, and from 61 on serials run one ahead
	 * of the real calendar. Serial 60 is taken as 1900-02-28. */
	if (!(serial >= 1) || serial >= 2958466) /* 9999-12-31 is 2958465 */
		return false;
	long days = (long)serial;
	if (days >= 60)
		days--;
	/* days since 1970-01-01 (serial 25569, one day less after the fake leap day),
	 * then Howard Hinnant's civil-from-days algorithm */
	long z = days - 25568;
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
	return true;
}
