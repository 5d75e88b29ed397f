/* error.c - thread-local last-error slot; see error.h. */
#include "error.h"

#include <stdio.h>
#include <string.h>

static _Thread_local char last_msg[1024];
static _Thread_local int last_code;

int pb_error_setv(int code, const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	last_code = code;
	return code;
}

int pb_error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pb_error_setv(code, fmt, ap);
	va_end(ap);
	return code;
}

const char *pb_error_last(void) { return last_msg; }

int pb_error_last_code(void) { return last_code; }

void pb_error_clear(void)
{
	last_msg[0] = '\0';
	last_code = PB_OK;
}

void pb_error_split(char *zh, size_t n, const char **en, const char *msg)
{
	snprintf(zh, n, "%s", msg);
	*en = "";
	for (char *p = strstr(zh, "/ "); p; p = strstr(p + 1, "/ ")) {
		if (p == zh || !(p[-1] == ' ' || (unsigned char)p[-1] >= 0x80))
			continue;
		/* the English half is where the copy was cut, in msg itself */
		*en = msg + (p - zh) + 2;
		while (p > zh && p[-1] == ' ')
			p--;
		*p = '\0';
		return;
	}
}

int pb_error_prefix(int code, const char *zh, const char *en)
{
	char msg[sizeof(last_msg)], half[sizeof(last_msg)];
	snprintf(msg, sizeof(msg), "%s", last_msg); /* the slot is about to be written */
	const char *english;
	pb_error_split(half, sizeof(half), &english, msg);
	if (!*english)
		return pb_error_set(code, "%s%s / %s%s", zh, msg, en, msg);
	return pb_error_set(code, "%s%s / %s%s", zh, half, en, english);
}
