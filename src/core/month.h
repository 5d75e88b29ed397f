/*
 * month.h - statistical periods.
 *
 * A month is held as an int yyyymm (202401 = January 2024): it sorts, compares and
 * prints naturally, and it is what the store keeps. Reports count months from
 * January (1-N月累计), and growth is year on year (同比), so the helpers here are
 * the arithmetic on those.
 */
#ifndef PB_MONTH_H
#define PB_MONTH_H

#include <stdbool.h>
#include <stddef.h>

enum { PB_MONTH_MIN = 199001, PB_MONTH_MAX = 209912 };

/**
 * Parse a month as bureau files write it: "2024-01", "2024-1", "2024/01", "2024.01",
 * "202401", "2024年1月", "2024年01月", "2024年1月份" (full-width digits and
 * separators allowed, blanks between the parts ignored), or a full date as
 * pb_date_parse() reads it (the day is checked, then dropped). The text must be one
 * of these shapes exactly: "2024年1-3月" (a period) and "2024 01" are refused.
 * Returns true and sets *yyyymm, or false if the text is not a month between
 * PB_MONTH_MIN and PB_MONTH_MAX.
 */
bool pb_month_parse(const char *s, size_t len, int *yyyymm);

/**
 * Convert an Excel serial day number (1900 system: 1 = 1900-01-01, 59 = 1900-02-28,
 * 61 = 1900-03-01, 45292 = 2024-01-01) to year, month and day. Serial 60 is the
 * non-existent 1900-02-29 that Excel counts for Lotus 1-2-3 compatibility; it gives
 * 1900-02-28. A fraction (the time of day) is dropped. Returns false for serials < 1,
 * NaN, or beyond 9999-12-31 (2958465).
 */
bool pb_excel_serial_to_date(double serial, int *y, int *m, int *d);

/**
 * Parse a calendar date ("2024-03-05", "2024/3/5", "2024.3.5" - the same separator
 * twice -, "2024年3月5日" or "2024年3月5号", "20240305"; full-width digits and
 * separators allowed) into y, m, d, checking the day exists (leap years included:
 * 2024-02-29 is a date, 2023-02-29 and 1900-02-29 are not). The year has four digits.
 */
bool pb_date_parse(const char *s, size_t len, int *y, int *m, int *d);

/** Is yyyymmdd a day that exists, in a month pb_month_valid accepts? */
bool pb_date_valid(int yyyymmdd);

/** Is yyyymm a well-formed month (1..12) in range? */
bool pb_month_valid(int yyyymm);

/** Add n months (n may be negative): pb_month_add(202401, -1) == 202312. The
 * result may fall outside PB_MONTH_MIN..MAX; check it with pb_month_valid(). */
int pb_month_add(int yyyymm, int n);

/** The same month one year earlier (the base of 同比). */
static inline int pb_month_prev_year(int yyyymm) { return yyyymm - 100; }

/**
 * Days since 1970-01-01 of the date yyyymmdd (negative before), by Howard Hinnant's
 * days_from_civil; the date must be valid (pb_date_parse checked it).
 */
long pb_date_days(int yyyymmdd);

/** The date yyyymmdd of `days` since 1970-01-01: the inverse of pb_date_days (Hinnant's
 * civil_from_days). */
int pb_date_of_days(long days);

/**
 * The day (yyyymmdd) it is in the zone at the instant `unix_seconds`: China Standard Time,
 * UTC+8 all year (no daylight saving). The one reading of "today" for what may not be
 * dated ahead (a stage move, funds, an import's rows) and for the defaults when a store
 * holds nothing yet; callers pass time(NULL), tests a fixed instant.
 */
int pb_date_in_zone(long long unix_seconds);

/** Write "YYYY-MM" into out (8 bytes); "?" if yyyymm is not a month of years
 * 0..9999. */
void pb_month_format(int yyyymm, char out[8]);

/** Write yyyymmdd as "YYYY-MM-DD" into out (16 bytes, room for any int's digits). */
void pb_date_format(int yyyymmdd, char out[16]);

#endif
