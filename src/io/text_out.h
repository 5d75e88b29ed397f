/*
 * text_out.h - terminal tables: text padded to a number of columns, where a CJK
 * character takes two (pb_text_width), so Chinese and ASCII columns line up.
 */
#ifndef PB_TEXT_OUT_H
#define PB_TEXT_OUT_H

#include <stdio.h>

/**
 * Print s to f padded with spaces to `cols` terminal columns (CJK characters count two);
 * right-aligned when `right`. Text wider than `cols` is printed whole.
 */
void pb_text_pad(FILE *f, const char *s, int cols, int right);

#endif
