/*
 * term.h - text tables for the terminal: columns padded by display width, where a CJK
 * character takes two columns (counted as pb_text_width() counts them).
 */
#ifndef PB_TERM_H
#define PB_TERM_H

#include <stdio.h>

/** Write `s` to `out` left-aligned in `cols` columns (nothing is cut when it is wider). */
void pb_term_pad(FILE *out, const char *s, int cols);

/** Write `s` in `cols` columns, right-aligned when `right` (numbers), else left. */
void pb_term_cell(FILE *out, const char *s, int cols, int right);

/** The display width of `s` in terminal columns. */
int pb_term_width(const char *s);

#endif
