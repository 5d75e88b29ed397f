/* text.c - UTF-8 helpers; see text.h. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Length of a blank at s[0..len), 0 if none. */
static size_t blank_len(const unsigned char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Length of a blank ending at s[len-1], 0 if none. */
static size_t blank_len_back(const unsigned char *s, size_t len)
{
	if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
			 s[len - 1] == '\n'))
		return 1;
	if (len >= 2 && s[len - 2] == 0xC2 && s[len - 1] == 0xA0)
		return 2;
	if (len >= 3 && s[len - 3] == 0xE3 && s[len - 2] == 0x80 && s[len - 1] == 0x80)
		return 3;
	return 0;
}

void pb_text_trim(const char **s, size_t *len)
{
	size_t n;
	while ((n = blank_len((const unsigned char *)*s, *len)) > 0)
		*s += n, *len -= n;
	while ((n = blank_len_back((const unsigned char *)*s, *len)) > 0)
		*len -= n;
}

size_t pb_text_key(const char *s, size_t len, char *out, size_t out_size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, i = 0;
	while (i < len && o + 4 < out_size) {
		size_t b = blank_len(p + i, len - i);
		if (b) {
			i += b;
			continue;
		}
		/* full-width ASCII U+FF01..FF5E is EF BC 81..BF, EF BD 80..9E */
		if (i + 2 < len && p[i] == 0xEF && (p[i + 1] == 0xBC || p[i + 1] == 0xBD)) {
			unsigned cp = 0xF000u + ((p[i + 1] & 0x3Fu) << 6) + (p[i + 2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				char c = (char)(cp - 0xFF01 + 0x21);
				if (c >= 'A' && c <= 'Z')
					c = (char)(c - 'A' + 'a');
				if (c != '*')
					out[o++] = c;
				i += 3;
				continue;
			}
		}
		char c = (char)p[i++];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != '*')
			out[o++] = c;
	}
	out[o] = '\0';
	return o;
}

bool pb_text_contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return true;
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

bool pb_text_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return false;
	return true;
}

void pb_strings_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}
