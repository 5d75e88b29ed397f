/* json_file.c - see json_file.h. */
#include "json_file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"

int pb_json_file_load(json_t **out, const char *path, const char *zh, const char *en)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return pb_error_set(PB_EIO, "无法读取%s %s：%s / cannot read %s %s: %s", zh, path,
				    strerror(errno), en, path, strerror(errno));
	/* a directory opens on Linux and then reads as nothing: say what it is */
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f);
		return pb_error_set(PB_EIO, "无法读取%s %s：这是目录 / cannot read %s %s: it is a "
				    "directory", zh, path, en, path);
	}
	json_error_t e;
	json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &e);
	fclose(f);
	if (!root)
		return pb_error_set(PB_EINVAL, "%s %s 第 %d 行第 %d 列：JSON 格式错误（%s）/ %s %s "
				    "line %d column %d: %s", zh, path, e.line, e.column, e.text, en, path,
				    e.line, e.column, e.text);
	*out = root;
	return 0;
}
