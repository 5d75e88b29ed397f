/* atomic_file.c - see atomic_file.h. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

char *pb_atomic_temp_name(const char *path)
{
	static atomic_uint seq;
	char *tmp;
	if (asprintf(&tmp, "%s.tmp-%d-%u", path, (int)getpid(), atomic_fetch_add(&seq, 1)) < 0)
		return NULL;
	return tmp;
}

int pb_atomic_fail(const char *path)
{
	int e = errno;
	return pb_error_set(PB_EIO, "无法写入 %s：%s / cannot write %s: %s", path, strerror(e),
			    path, strerror(e));
}

/* Make the written bytes durable before the rename makes them visible. */
static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int pb_atomic_commit(const char *tmp, const char *path)
{
	if (sync_file(tmp) != 0 || rename(tmp, path) != 0) {
		int rc = pb_atomic_fail(path);
		unlink(tmp);
		return rc;
	}
	return 0;
}

void pb_xlsx_sheet_name(const char *in, char out[128])
{
	enum { MAX_CHARS = 31 };
	size_t o = 0, chars = 0;
	for (const char *p = in ? in : ""; *p && chars < MAX_CHARS; chars++) {
		size_t n = 1;
		while (n < 4 && (p[n] & 0xC0) == 0x80) /* the rest of a UTF-8 sequence */
			n++;
		if (n == 1 && strchr("[]:*?/\\", *p)) {
			out[o++] = '_';
		} else {
			memcpy(out + o, p, n); /* 31 characters of 4 bytes at most: it fits */
			o += n;
		}
		p += n;
	}
	while (o > 0 && out[o - 1] == '\'')
		o--;
	out[o] = '\0';
	if (out[0] == '\'')
		out[0] = '_';
	if (o == 0)
		strcpy(out, "Sheet1");
}

double pb_text_width(const char *s, size_t len)
{
	double w = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80)
			w += 1;
		else if ((c & 0xC0) != 0x80)
			w += c >= 0xE0 ? 2 : 1;
	}
	return w;
}
