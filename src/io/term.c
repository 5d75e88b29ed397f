/* term.c - terminal tables; see term.h. */
#include "term.h"

#include <string.h>

#include "atomic_file.h"

int pb_term_width(const char *s)
{
	return (int)pb_text_width(s, strlen(s));
}

void pb_term_pad(FILE *out, const char *s, int cols)
{
	fputs(s, out);
	for (int w = pb_term_width(s); w < cols; w++)
		putc(' ', out);
}

void pb_term_cell(FILE *out, const char *s, int cols, int right)
{
	if (!right) {
		pb_term_pad(out, s, cols);
		return;
	}
	for (int w = pb_term_width(s); w < cols; w++)
		putc(' ', out);
	fputs(s, out);
}
