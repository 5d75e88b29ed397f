/*
 * xls_read.c - legacy BIFF workbooks (.xls, Excel 97-2003) with freexl.
 *
 * freexl opens files by path only, so bytes that are not on disk (an upload, an
 * embedded file) are written to a private temporary file first. freexl hands back
 * dates, date-times and times as text ("2024-01-31", "2024-01-31 12:00:00",
 * "12:00:00"); they are turned into Excel serial numbers here so that every reader
 * reports dates the same way (see table.h). freexl itself runs in a child process:
 * see below.
 */
#include <errno.h>
#include <freexl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
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

/* "HH:MM:SS" at t as a fraction of a day; -1 when t is not a time of day. */
static double day_fraction(const char *t)
{
	unsigned h, m, sec;
	char end;
	if (sscanf(t, "%2u:%2u:%2u%c", &h, &m, &sec, &end) != 3 || h > 23 || m > 59 || sec > 59)
		return -1;
	return (h * 3600.0 + m * 60.0 + sec) / 86400.0;
}

/* freexl's text for a date, date-time or time cell as an Excel serial; -1 if unreadable.
 * Dates are "YYYY-MM-DD", date-times "YYYY-MM-DD HH:MM:SS", times "HH:MM:SS". */
static double serial_of_text(const FreeXL_CellValue *v, const char *t)
{
	int y, m, d;
	if (v->type == FREEXL_CELL_TIME)
		return day_fraction(t);
	if (strlen(t) < 10 || !pb_date_parse(t, 10, &y, &m, &d))
		return -1;
	double serial = serial_of(y, m, d);
	if (v->type == FREEXL_CELL_DATETIME && t[10] == ' ') {
		double f = day_fraction(t + 11);
		if (f > 0)
			serial += f;
	}
	return serial;
}

/* One cell into c; its text goes to buf (32 bytes) when it is a number. */
static void cell_of(const FreeXL_CellValue *v, pb_cell *c, char *buf)
{
	*c = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
	switch (v->type) {
	case FREEXL_CELL_INT:
	case FREEXL_CELL_DOUBLE:
		/* freexl reports booleans and error cells (BOOLERR records) as integers too:
		 * TRUE is 1, but so is an error cell; nothing tells them apart */
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
		const char *t = v->value.text_value ? v->value.text_value : "";
		double serial = serial_of_text(v, t);
		if (serial >= 0) {
			pb_num_format(serial, buf);
			*c = (pb_cell){ buf, strlen(buf), PB_CELL_DATE, serial };
		} else if (*t) { /* a date freexl could not render: keep what it said */
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

/* Parse the workbook at `path` into sink: runs in the child process. */
static int parse_file(const char *path, const pb_source *src, const pb_table_sink *sink,
		      pb_report *rep)
{
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
	return rc;
}

/*
 * freexl is not robust against damaged files: fuzzing it (tests/unit/test_read.c has
 * the corpus) found reads before a stack buffer, leaks and crashes inside the library.
 * So the workbook is parsed in a child process that streams what it reads back over a
 * pipe; a child that dies is a damaged file, reported as such, and the importer (or a
 * server) carries on. Stream records, all integers in host order (same machine):
 *   'S' len name            a sheet begins
 *   'R' row ncells {kind num len text}...   one row
 *   'P' sheet zh en         a problem (error); each a length-prefixed string
 *   'D'                     done
 */

static int put(FILE *f, const void *p, size_t n)
{
	return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static int put_str(FILE *f, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0;
	return put(f, &n, 4) || put(f, s ? s : "", n) ? -1 : 0;
}

static int child_sheet(void *ctx, const char *name)
{
	return put(ctx, "S", 1) || put_str(ctx, name) ? PB_EIO : 0;
}

static int child_row(void *ctx, uint32_t row, const pb_cell *cells, size_t n)
{
	FILE *f = ctx;
	uint32_t nc = (uint32_t)n;
	if (put(f, "R", 1) || put(f, &row, 4) || put(f, &nc, 4))
		return PB_EIO;
	for (size_t i = 0; i < n; i++) {
		unsigned char kind = (unsigned char)cells[i].kind;
		if (put(f, &kind, 1) || put(f, &cells[i].num, 8) || put_str(f, cells[i].text))
			return PB_EIO;
	}
	return 0;
}

static void run_child(int fd, const char *path, const pb_source *src)
{
	/* A crash must end this process, not run a handler the parent installed (a test
	 * harness catches SIGSEGV and would carry on inside the child). */
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
		signal(fatal[i], SIG_DFL);
	FILE *f = fdopen(fd, "wb");
	if (!f)
		_exit(3);
	pb_report rep;
	pb_report_init(&rep);
	pb_table_sink sink = { child_sheet, child_row, f };
	parse_file(path, src, &sink, &rep);
	for (size_t i = 0; i < rep.count; i++)
		if (put(f, "P", 1) || put_str(f, rep.items[i].sheet) ||
		    put_str(f, rep.items[i].reason) || put_str(f, rep.items[i].reason_en))
			_exit(3);
	if (put(f, "D", 1) || fflush(f))
		_exit(3);
	/* _exit: no atexit handlers, no flushing of the parent's copied stdio buffers */
	_exit(0);
}

typedef struct stream {
	FILE *f;
	char *text;       /* all texts of the current record, back to back */
	size_t cap;
	pb_cell *cells;
	size_t *starts;   /* offset of each cell's text in `text` */
	size_t ccap;
	char *sheet;      /* the sheet being replayed, for a report if the child dies */
} stream;

static int get(FILE *f, void *p, size_t n)
{
	return fread(p, 1, n, f) == n ? 0 : -1;
}

/* Read a length-prefixed string into s->text at *off. */
static int get_str(stream *s, size_t *off)
{
	uint32_t n;
	if (get(s->f, &n, 4) || n > (1u << 26))
		return -1;
	if (*off + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		while (cap < *off + n + 1)
			cap *= 2;
		char *t = realloc(s->text, cap);
		if (!t)
			return -1;
		s->text = t;
		s->cap = cap;
	}
	if (get(s->f, s->text + *off, n))
		return -1;
	s->text[*off + n] = '\0';
	*off += n + 1;
	return 0;
}

static int grow_cells(stream *s, size_t n)
{
	if (n <= s->ccap)
		return 0;
	pb_cell *c = realloc(s->cells, n * sizeof(*c));
	if (!c)
		return -1;
	s->cells = c;
	size_t *st = realloc(s->starts, n * sizeof(*st));
	if (!st)
		return -1;
	s->starts = st;
	s->ccap = n;
	return 0;
}

/* What the replay functions return when the child's stream is cut short or garbled: a
 * value no sink returns (sinks return 0 or a negative PB_E* code). */
#define CUT INT_MIN

static int replay_sheet(stream *s, const pb_table_sink *sink)
{
	size_t off = 0;
	if (get_str(s, &off))
		return CUT;
	free(s->sheet);
	s->sheet = strdup(s->text);
	if (!s->sheet)
		return CUT;
	return sink->sheet ? sink->sheet(sink->ctx, s->sheet) : 0;
}

static int replay_problem(stream *s, const pb_source *src, pb_report *rep)
{
	size_t off = 0, zh, en;
	if (get_str(s, &off))
		return CUT;
	zh = off;
	if (get_str(s, &off))
		return CUT;
	en = off;
	if (get_str(s, &off))
		return CUT;
	reject(rep, src, s->text[0] ? s->text : NULL, s->text + zh, s->text + en);
	return 0;
}

static int replay_row(stream *s, const pb_table_sink *sink)
{
	uint32_t row, n;
	size_t off = 0;
	if (get(s->f, &row, 4) || get(s->f, &n, 4) || n > 65536 || grow_cells(s, n))
		return CUT;
	for (uint32_t i = 0; i < n; i++) {
		unsigned char kind;
		s->starts[i] = off;
		if (get(s->f, &kind, 1) || kind > PB_CELL_ERROR ||
		    get(s->f, &s->cells[i].num, 8) || get_str(s, &off))
			return CUT;
		s->cells[i].kind = (pb_cell_kind)kind;
	}
	/* only now are the texts final (get_str may move the buffer): point at them */
	for (uint32_t i = 0; i < n; i++) {
		s->cells[i].text = s->text + s->starts[i];
		s->cells[i].len = strlen(s->cells[i].text);
	}
	return sink->row(sink->ctx, row, s->cells, n);
}

/* Replay the child's stream into sink. Returns 0 when the stream ended with 'D', CUT when
 * it was cut short or garbled, or the sink's non-zero code. */
static int replay(stream *s, const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	char tag;
	int rc = 0;
	while (!rc && get(s->f, &tag, 1) == 0) {
		switch (tag) {
		case 'D': return 0;
		case 'S': rc = replay_sheet(s, sink); break;
		case 'P': rc = replay_problem(s, src, rep); break;
		case 'R': rc = replay_row(s, sink); break;
		default: rc = CUT; break;
		}
	}
	return rc ? rc : CUT;
}

/* Copy the bytes to a private temporary file for freexl, which reads only files. */
static int write_temp(const pb_source *src, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, size, "%s/parkbrain-xls-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return pb_error_set(PB_EIO, "无法创建临时文件 %s / cannot create a temporary file %s",
				    path, path);
	size_t off = 0;
	while (off < src->len) {
		ssize_t n = write(fd, src->data + off, src->len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (close(fd) != 0 || off < src->len) {
		unlink(path);
		return pb_error_set(PB_EIO, "无法写入临时文件 %s / cannot write a temporary file %s",
				    path, path);
	}
	return 0;
}

/* Run the parser in a child and replay what it sends into sink. */
static int read_in_child(const char *path, const pb_source *src, const pb_table_sink *sink,
			 pb_report *rep)
{
	int fds[2];
	if (pipe(fds) != 0)
		return pb_error_set(PB_ERROR, "无法启动 xls 解析进程 / cannot start the xls reader");
	fflush(NULL); /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return pb_error_set(PB_ERROR, "无法启动 xls 解析进程 / cannot start the xls reader");
	}
	if (pid == 0) {
		close(fds[0]);
		run_child(fds[1], path, src);
	}
	close(fds[1]);
	size_t errors = rep->errors;
	stream s = { .f = fdopen(fds[0], "rb") };
	int rc = s.f ? replay(&s, src, sink, rep) : CUT;
	if (rc != 0) /* stopped by the sink or a broken stream: the child may still run */
		kill(pid, SIGKILL);
	if (s.f)
		fclose(s.f);
	else
		close(fds[0]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	if (rc == CUT) /* the child died: freexl crashed on a damaged file */
		rc = reject(rep, src, s.sheet, "文件已损坏（xls 解析失败）",
			    "the file is corrupt (the xls could not be parsed)");
	else if (rc == 0 && rep->errors > errors)
		rc = PB_EREJECTED;
	free(s.text);
	free(s.cells);
	free(s.starts);
	free(s.sheet);
	return rc;
}

int pb_table_read_xls(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	if (src->path)
		return read_in_child(src->path, src, sink, rep);
	char tmp[4096];
	int rc = write_temp(src, tmp, sizeof(tmp));
	if (rc)
		return rc;
	rc = read_in_child(tmp, src, sink, rep);
	unlink(tmp);
	return rc;
}
