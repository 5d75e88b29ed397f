/*
 * industry.c - 国民经济行业分类 GB/T 4754-2017; see industry.h.
 *
 * The table (industry_table.inc) holds the 20 sections and 97 divisions of the
 * standard, and every group and class of the industrial sections B, C and D: for
 * manufacturing 31 divisions, 179 groups and 609 classes, the counts the standard
 * publishes. A group that has a single class (e.g. 134/1340 制糖业) is listed at both
 * levels, as in the standard. Sources and checks: docs/industry-codes.md.
 */
#include "industry.h"

#include <stdlib.h>
#include <string.h>

static const pb_industry table[] = {
#include "industry_table.inc"
};

#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

char pb_industry_section_of(int division)
{
	static const struct { char letter; int lo, hi; } ranges[] = {
		{ 'A', 1, 5 }, { 'B', 6, 12 }, { 'C', 13, 43 }, { 'D', 44, 46 }, { 'E', 47, 50 },
		{ 'F', 51, 52 }, { 'G', 53, 60 }, { 'H', 61, 62 }, { 'I', 63, 65 }, { 'J', 66, 69 },
		{ 'K', 70, 70 }, { 'L', 71, 72 }, { 'M', 73, 75 }, { 'N', 76, 79 }, { 'O', 80, 82 },
		{ 'P', 83, 83 }, { 'Q', 84, 85 }, { 'R', 86, 90 }, { 'S', 91, 96 }, { 'T', 97, 97 },
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (division >= ranges[i].lo && division <= ranges[i].hi)
			return ranges[i].letter;
	return '\0';
}

bool pb_industry_normalize(const char *s, size_t len, char out[8])
{
	const unsigned char *p = (const unsigned char *)s;
	char letter = 0, digits[8];
	size_t nd = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		size_t step = 1;
		/* full-width ASCII U+FF01..FF5E (EF BC 81..BF, EF BD 80..9E) -> ASCII */
		if (i + 2 < len && c == 0xEF && (p[i + 1] == 0xBC || p[i + 1] == 0xBD)) {
			unsigned cp = 0xF000u + ((p[i + 1] & 0x3Fu) << 6) + (p[i + 2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E)
				c = (unsigned char)(cp - 0xFF01 + 0x21), step = 3;
		} else if (i + 2 < len && c == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
			i += 3; /* ideographic space */
			continue;
		}
		i += step;
		if (c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		if (c >= 'A' && c <= 'Z' && !letter && nd == 0) {
			letter = (char)c;
		} else if (c >= '0' && c <= '9' && nd < 4) {
			digits[nd++] = (char)c;
		} else {
			return false;
		}
	}
	if (nd == 0) { /* a section letter alone */
		if (!letter)
			return false;
		out[0] = letter, out[1] = '\0';
		return true;
	}
	if (nd < 2)
		return false;
	char implied = pb_industry_section_of((digits[0] - '0') * 10 + (digits[1] - '0'));
	if (!implied || (letter && letter != implied))
		return false;
	out[0] = implied;
	memcpy(out + 1, digits, nd);
	out[1 + nd] = '\0';
	return true;
}

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const pb_industry *)elem)->code);
}

const pb_industry *pb_industry_find(const char *code)
{
	return bsearch(code, table, TABLE_SIZE, sizeof(table[0]), cmp);
}

size_t pb_industry_count(void)
{
	return TABLE_SIZE;
}

const pb_industry *pb_industry_at(size_t i)
{
	return i < TABLE_SIZE ? &table[i] : NULL;
}
