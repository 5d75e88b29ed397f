/* text_out.c - terminal tables; see text_out.h. */
#include "text_out.h"

#include <string.h>

#include "atomic_file.h"

void pb_text_pad(FILE *f, const char *s, int cols, int right)
{
	int w = (int)pb_text_width(s, strlen(s));
	if (right)
		for (int i = w; i < cols; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (int i = w; i < cols; i++)
			fputc(' ', f);
}
