/*
 * text.h - small UTF-8 text helpers shared by import, export and the demo.
 */
#ifndef PB_TEXT_H
#define PB_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Trim blanks at both ends: ASCII space/tab/CR/LF, NBSP (U+00A0) and the ideographic
 * space (U+3000). Adjusts *s and *len in place.
 */
void pb_text_trim(const char **s, size_t *len);

/**
 * The matching form of a name or header: every blank removed (also inside), full-width
 * ASCII (U+FF01..FF5E) turned into ASCII, ASCII letters lower-cased, and the asterisk
 * that templates put before required columns dropped. "企业名称（全称）" and
 * "企业名称(全称)" then compare equal. Writes at most out_size-1 bytes and
 * NUL-terminates; returns the length written.
 */
size_t pb_text_key(const char *s, size_t len, char *out, size_t out_size);

/** Does s[0..len) contain the NUL-terminated needle? */
bool pb_text_contains(const char *s, size_t len, const char *needle);

/** Is s[0..len) free of control characters other than tab/CR/LF? (UTF-8 validity is the readers' job.) */
bool pb_text_valid(const char *s, size_t len);

/** Free each of the n strings of v, then v (either may be NULL). */
void pb_strings_free(char **v, size_t n);

#endif
