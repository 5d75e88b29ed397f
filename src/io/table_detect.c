/* table_detect.c - choosing a reader, and mapping files into memory; see table.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "table.h"

static int has_ext(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

pb_table_format pb_table_detect(const pb_source *src)
{
	static const unsigned char zip[4] = { 'P', 'K', 3, 4 };
	static const unsigned char ole[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	if (src->len >= 4 && memcmp(src->data, zip, 4) == 0)
		return PB_FMT_XLSX;
	if (src->len >= 8 && memcmp(src->data, ole, 8) == 0)
		return PB_FMT_XLS;
	/* The content did not say: a truncated workbook must still go to its reader,
	 * which reports it as broken rather than as nonsense CSV. */
	if (has_ext(src->name, ".xlsx") || has_ext(src->name, ".xlsm"))
		return PB_FMT_XLSX;
	if (has_ext(src->name, ".xls"))
		return PB_FMT_XLS;
	return PB_FMT_CSV;
}

int pb_table_read(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	switch (pb_table_detect(src)) {
	case PB_FMT_XLSX: return pb_table_read_xlsx(src, sink, rep);
	case PB_FMT_XLS: return pb_table_read_xls(src, sink, rep);
	default: return pb_table_read_csv(src, sink, rep);
	}
}

int pb_source_map(pb_source *src, const char *path)
{
	memset(src, 0, sizeof(*src));
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pb_error_set(PB_EIO, "无法打开 %s：%s / cannot open %s: %s", path,
				    strerror(errno), path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return pb_error_set(PB_EIO, "%s 不是普通文件 / %s is not a regular file", path, path);
	}
	src->name = path;
	src->path = path;
	src->len = (size_t)st.st_size;
	if (src->len == 0) {
		src->data = (const unsigned char *)"";
		close(fd);
		return 0;
	}
	void *p = mmap(NULL, src->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return pb_error_set(PB_EIO, "无法读取 %s：%s / cannot read %s: %s", path,
				    strerror(errno), path, strerror(errno));
	/* read front to back once: tell the kernel to read ahead aggressively */
	madvise(p, src->len, MADV_SEQUENTIAL);
	src->data = p;
	return 0;
}

void pb_source_unmap(pb_source *src)
{
	if (src->len > 0 && src->data)
		munmap((void *)src->data, src->len);
	memset(src, 0, sizeof(*src));
}
