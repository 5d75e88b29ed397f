/* uscc.c - 统一社会信用代码 (GB 32100-2015); see uscc.h. */
#include "uscc.h"

/* The 31 characters, in value order: the letters I O S V Z are left out because they
 * read like 1 0 5 U 2. */
static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* weights 3^(i-1) mod 31, i = 1..17 (GB 32100-2015 §4; test_uscc recomputes them) */
static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

/* 1 + the value of each character of the charset, 0 outside it: a constant table, so
 * the hot path of an import needs no search and no initialisation (which two threads
 * could race on). */
static const signed char values1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
	['G'] = 17, ['H'] = 18, ['J'] = 19, ['K'] = 20, ['L'] = 21, ['M'] = 22, ['N'] = 23, ['P'] = 24,
	['Q'] = 25, ['R'] = 26, ['T'] = 27, ['U'] = 28, ['W'] = 29, ['X'] = 30, ['Y'] = 31,
};

static int value_of(char c)
{
	return values1[(unsigned char)c] - 1;
}

/* Length of the blank or separator at s[i] that a typed code may contain: ASCII
 * blanks, '-' (people group the code, and the old organisation code was written
 * "77604965-3"), NBSP and U+3000; 0 if none. */
static size_t skip_at(const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-')
		return 1;
	if (i + 1 < len && c == 0xC2 && s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < len && c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80)
		return 3;
	return 0;
}

/* The ASCII character at s[i], full-width forms (U+FF01..FF5E, EF BC 81..EF BD 9E)
 * folded to ASCII and lower case to upper case; its byte length in *n. */
static char upper_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = s[i];
	*n = 1;
	if (i + 2 < len && c == 0xEF && (s[i + 1] == 0xBC || s[i + 1] == 0xBD) &&
	    (s[i + 2] & 0xC0) == 0x80) {
		unsigned cp = 0xF000u + ((s[i + 1] & 0x3Fu) << 6) + (s[i + 2] & 0x3Fu);
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			c = (unsigned char)(cp - 0xFF01 + 0x21);
			*n = 3;
		}
	}
	return (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
}

size_t pb_uscc_normalize(const char *in, size_t len, char out[19])
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n = 0, step;
	for (size_t i = 0; i < len; i += step) {
		if ((step = skip_at(s, len, i)) > 0)
			continue;
		char c = upper_at(s, len, i, &step);
		/* keep counting past 18, so that a code with a character too many is
		 * reported as too long instead of silently cut into a valid one */
		if (n < 18)
			out[n] = c;
		n++;
	}
	out[n < 18 ? n : 18] = '\0';
	return n;
}

char pb_uscc_check_char(const char body[17])
{
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		int v = value_of(body[i]);
		if (v < 0)
			return '\0';
		sum += v * weights[i];
	}
	/* C18 = 31 - (sum mod 31); a sum divisible by 31 would give 31, which the
	 * standard writes as 0: the outer "% 31" */
	return charset[(31 - sum % 31) % 31];
}

pb_uscc_status pb_uscc_check(const char *code, size_t len, char *expected)
{
	if (len != 18)
		return PB_USCC_LENGTH;
	for (size_t i = 0; i < 18; i++)
		if (value_of(code[i]) < 0)
			return PB_USCC_CHARSET;
	for (size_t i = 2; i < 8; i++)
		if (code[i] < '0' || code[i] > '9')
			return PB_USCC_REGION;
	char c = pb_uscc_check_char(code);
	if (c != code[17]) {
		if (expected)
			*expected = c;
		return PB_USCC_CHECK;
	}
	return PB_USCC_OK;
}

char pb_orgcode_check_char(const char body[8])
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 8; i++) {
		char c = body[i];
		int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : -1;
		if (v < 0)
			return '\0';
		sum += v * w[i];
	}
	/* C9 = 11 - (sum mod 11): 1..11, where 10 is written X and 11 is written 0 */
	int r = 11 - sum % 11;
	return r == 10 ? 'X' : r == 11 ? '0' : (char)('0' + r);
}

const char *pb_uscc_strerror(pb_uscc_status st, bool en)
{
	switch (st) {
	case PB_USCC_OK: return en ? "valid" : "有效";
	case PB_USCC_LENGTH: return en ? "must be 18 characters" : "应为18位";
	case PB_USCC_CHARSET:
		return en ? "contains a character not allowed (I, O, S, V, Z or a symbol)"
			  : "含有不允许的字符（不用 I、O、S、V、Z 及符号）";
	case PB_USCC_REGION:
		return en ? "characters 3-8 (the region code) must be digits"
			  : "第3—8位（登记机关行政区划码）应为数字";
	case PB_USCC_CHECK: return en ? "wrong check character" : "校验位错误";
	}
	return "";
}
