/*
 * xls_read.c - legacy BIFF workbooks (.xls, Excel 97-2003) with freexl.
 *
 * freexl opens files by path only, so bytes that are not on disk (an upload, an
 * embedded file) are written to a private temporary file first. freexl hands back
 * dates as text ("2024-01-31"); they are turned into Excel serial numbers here so
 * that every reader reports dates the same way (see table.h).
 */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "month.h"
#include "num.h"
#include "table.h"

/* Excel serial (1900 system) of a calendar date. */
static double serial_of(int y, int m, int d)
{
	/* days from 1970-01-01 (Howard Hinnant's days-from-civil), then shift: serial
	 * 25569 is 1970-01-01, and serials from 61 on count the fake 1900-02-29 */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	double serial = (double)(days + 25569);
	return serial < 61 ? serial - 1 : serial;
}

static int reject(pb_report *rep, const pb_source *src, const char *sheet, const char *zh,
		  const char *en)
{
	pb_report_add(rep, PB_SEV_ERROR, src->name, sheet, 0, 0, NULL, NULL, 0, zh, en);
	return PB_EREJECTED;
}

/* One cell into c; its text goes to buf (32 bytes) when it is a number. */
static void cell_of(const FreeXL_CellValue *v, pb_cell *c, char *buf)
{
	*c = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
	switch (v->type) {
	case FREEXL_CELL_INT:
	case FREEXL_CELL_DOUBLE:
		c->num = v->type == FREEXL_CELL_INT ? v->value.int_value : v->value.double_value;
		pb_num_format(c->num, buf);
		*c = (pb_cell){ buf, strlen(buf), PB_CELL_NUMBER, c->num };
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
		if (v->value.text_value && *v->value.text_value)
			*c = (pb_cell){ v->value.text_value, strlen(v->value.text_value), PB_CELL_TEXT, 0 };
		break;
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME: {
		int y, m, d;
		const char *t = v->value.text_value ? v->value.text_value : "";
		if (pb_date_parse(t, strlen(t) >= 10 ? 10 : strlen(t), &y, &m, &d)) {
			c->num = serial_of(y, m, d);
			pb_num_format(c->num, buf);
			*c = (pb_cell){ buf, strlen(buf), PB_CELL_DATE, c->num };
		} else if (*t) {
			*c = (pb_cell){ t, strlen(t), PB_CELL_TEXT, 0 };
		}
		break;
	}
	default:
		break;
	}
}

static int read_sheet(const void *h, unsigned short idx, const pb_source *src,
		      const pb_table_sink *sink, pb_report *rep)
{
	const char *name = NULL;
	if (freexl_get_worksheet_name(h, idx, &name) != FREEXL_OK ||
	    freexl_select_active_worksheet(h, idx) != FREEXL_OK)
		return reject(rep, src, NULL, "文件已损坏（工作表无法读取）",
			      "the file is corrupt (a sheet cannot be read)");
	unsigned int rows = 0;
	unsigned short cols = 0;
	if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
		return reject(rep, src, name, "文件已损坏（工作表尺寸无法读取）",
			      "the file is corrupt (sheet dimensions unreadable)");
	int rc = sink->sheet ? sink->sheet(sink->ctx, name) : 0;
	pb_cell *cells = calloc(cols ? cols : 1, sizeof(*cells));
	char (*nums)[32] = calloc(cols ? cols : 1, sizeof(*nums));
	if (!cells || !nums)
		rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (unsigned int r = 0; !rc && r < rows; r++) {
		size_t used = 0;
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) {
				rc = reject(rep, src, name, "文件已损坏（单元格无法读取）",
					    "the file is corrupt (a cell cannot be read)");
				break;
			}
			cell_of(&v, &cells[c], nums[c]);
			if (cells[c].kind != PB_CELL_EMPTY)
				used = (size_t)c + 1;
		}
		if (!rc && used)
			rc = sink->row(sink->ctx, r + 1, cells, used);
	}
	free(cells);
	free(nums);
	return rc;
}

int pb_table_read_xls(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	char tmp[] = "/tmp/parkbrain-xls-XXXXXX";
	const char *path = src->path;
	if (!path) {
		int fd = mkstemp(tmp);
		if (fd < 0)
			return pb_error_set(PB_EIO, "无法创建临时文件 / cannot create a temporary file");
		size_t off = 0;
		while (off < src->len) {
			ssize_t n = write(fd, src->data + off, src->len - off);
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		close(fd);
		if (off < src->len) {
			unlink(tmp);
			return pb_error_set(PB_EIO, "无法写入临时文件 / cannot write a temporary file");
		}
		path = tmp;
	}
	const void *h = NULL;
	int rc;
	if (freexl_open(path, &h) != FREEXL_OK) {
		rc = reject(rep, src, NULL, "文件不完整或已损坏（不是有效的 xls 工作簿）",
			    "the file is truncated or corrupt (not a valid xls workbook)");
	} else {
		unsigned int count = 0;
		rc = freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) == FREEXL_OK ? 0
		     : reject(rep, src, NULL, "文件已损坏（工作表数无法读取）",
			      "the file is corrupt (sheet count unreadable)");
		for (unsigned int i = 0; !rc && i < count; i++)
			rc = read_sheet(h, (unsigned short)i, src, sink, rep);
	}
	if (h)
		freexl_close(h);
	if (!src->path)
		unlink(tmp);
	return rc;
}
