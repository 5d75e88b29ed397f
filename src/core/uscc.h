/*
 * uscc.h - 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015).
 *
 * 18 characters from the 31-character set 0-9 A-H J-N P Q R T U W X Y (no I O S V Z):
 *   [1] 登记管理部门码  [2] 机构类别码  [3..8] 登记机关行政区划码 (GB/T 2260, digits)
 *   [9..17] 主体标识码 (组织机构代码, GB 11714, its own check at [17])  [18] 校验码.
 * Check digit: weights w_i = 3^(i-1) mod 31 for i = 1..17, i.e.
 *   1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28;
 *   C18 = 31 - (sum of value_i * w_i mod 31), with 31 mapped to 0, written through the
 *   same character set. Source: GB 32100-2015 §4 and DOMAIN.md §3.
 */
#ifndef PB_USCC_H
#define PB_USCC_H

#include <stdbool.h>
#include <stddef.h>

typedef enum pb_uscc_status {
	PB_USCC_OK = 0,
	PB_USCC_LENGTH,     /* not 18 characters */
	PB_USCC_CHARSET,    /* a character outside the 31-character set */
	PB_USCC_REGION,     /* positions 3-8 are not six digits */
	PB_USCC_CHECK,      /* the 18th character does not match the check digit */
} pb_uscc_status;

/**
 * Normalise a code as typed into `out` (19 bytes): strips blanks (ASCII, NBSP,
 * full-width U+3000) and hyphens, turns full-width letters/digits into ASCII and
 * lower case into upper case. Returns the length of the normalised code (a valid
 * code gives 18). Writes at most 18 characters and always NUL-terminates: a longer
 * code returns more than 18, so `n != 18` means PB_USCC_LENGTH and a code with an
 * extra character is never cut down into a valid one.
 */
size_t pb_uscc_normalize(const char *in, size_t len, char out[19]);

/**
 * Validate a normalised code (exactly as stored). Returns PB_USCC_OK or the first
 * problem found, checked in the order of the enum. When the problem is
 * PB_USCC_CHECK and `expected` is not NULL, *expected gets the right check character.
 */
pb_uscc_status pb_uscc_check(const char *code, size_t len, char *expected);

/**
 * The check character for the first 17 characters `body` (all from the charset).
 * Returns '\0' if a character is outside the charset.
 */
char pb_uscc_check_char(const char body[17]);

/**
 * The GB 11714 check character of a 9-character organisation code body (its first
 * 8 characters): weights 3 7 9 10 5 8 4 2, C9 = 11 - (sum mod 11), 10 -> 'X',
 * 11 -> '0'. Returns '\0' if a character is not in 0-9 A-Z.
 */
char pb_orgcode_check_char(const char body[8]);

/** A short reason for a status, in Chinese (`en` false) or English. */
const char *pb_uscc_strerror(pb_uscc_status st, bool en);

#endif
