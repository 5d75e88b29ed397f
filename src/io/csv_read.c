/*
 * csv_read.c - CSV as Chinese office software writes it, read with libcsv.
 *
 * Encodings: UTF-8 with or without a BOM; GBK/GB18030 (what Excel and WPS write on a
 * Chinese Windows by default); UTF-16 with a BOM ("Unicode text"). A file that is not
 * valid UTF-8 and has no UTF-16 BOM is converted from GB18030 (a superset of GBK and
 * GB2312) with iconv; a file that is neither is rejected naming the first bad line.
 * Separator: ',' unless the first line has more tabs or semicolons outside quotes.
 * Row numbers count every line a spreadsheet would show, blank lines included.
 * Strict mode: a stray quote or an unterminated quoted field is an error naming the
 * row, rather than rows silently run together.
 */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "table.h"

typedef struct csv_state {
	const pb_table_sink *sink;
	/* the current row: field texts back to back, NUL-terminated */
	char *buf;
	size_t len, cap;
	size_t *starts;
	size_t nfields, fcap;
	pb_cell *cells;
	size_t ccap;
	uint32_t rownum;   /* number of the row being read */
	int last_end;      /* the character that ended the last record */
	int stop;          /* a sink callback's non-zero return */
	int oom;
} csv_state;

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *n = realloc(*p, c * elem);
	if (!n)
		return -1;
	*p = n;
	*cap = c;
	return 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
	csv_state *s = ctx;
	if (s->stop || s->oom)
		return;
	if (grow((void **)&s->buf, &s->cap, s->len + len + 1, 1) ||
	    grow((void **)&s->starts, &s->fcap, s->nfields + 1, sizeof(size_t))) {
		s->oom = 1;
		return;
	}
	s->starts[s->nfields++] = s->len;
	if (len)
		memcpy(s->buf + s->len, data, len);
	s->len += len;
	s->buf[s->len++] = '\0';
}

static void on_row(int c, void *ctx)
{
	csv_state *s = ctx;
	if (s->stop || s->oom)
		return;
	if (s->nfields == 0) {
		/* With CSV_REPALL_NL libcsv also reports line ends outside records: the LF
		 * of a CRLF that ended the previous record is not a blank line. */
		if (!(c == '\n' && s->last_end == '\r'))
			s->rownum++;
		s->last_end = c == '\r' ? '\r' : 0;
		return;
	}
	s->rownum++;
	s->last_end = c;
	size_t n = s->nfields, used = 0;
	if (grow((void **)&s->cells, &s->ccap, n, sizeof(pb_cell))) {
		s->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *t = s->buf + s->starts[i];
		size_t len = (i + 1 < n ? s->starts[i + 1] : s->len) - s->starts[i] - 1;
		s->cells[i] = (pb_cell){ t, len, len ? PB_CELL_TEXT : PB_CELL_EMPTY, 0 };
		if (len)
			used = i + 1;
	}
	s->nfields = 0;
	s->len = 0;
	if (used == 0) /* a row of empty fields only, like ",,,": skipped like a blank */
		return;
	s->stop = s->sink->row(s->sink->ctx, s->rownum, s->cells, used);
}

/* Is buf valid UTF-8? Sets *bad_at to the first invalid byte's offset if not. */
static int utf8_valid(const unsigned char *p, size_t len, size_t *bad_at)
{
	size_t i = 0;
	while (i < len) {
		/* ASCII fast path, 8 bytes at a time */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned char c = p[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, cp = c & 0x07;
		} else {
			*bad_at = i;
			return 0;
		}
		if (i + n >= len) { /* the sequence runs past the end */
			*bad_at = i;
			return 0;
		}
		for (size_t k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				*bad_at = i;
				return 0;
			}
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		/* overlong forms and surrogates are not UTF-8 */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
			*bad_at = i;
			return 0;
		}
		i += n + 1;
	}
	return 1;
}

static uint32_t line_of(const unsigned char *p, size_t off)
{
	uint32_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += p[i] == '\n';
	return line;
}

/* Convert with iconv into a new buffer. Returns 0, or -1 with *bad_at set. */
static int convert(const char *from, const unsigned char *in, size_t len, char **out,
		   size_t *outlen, size_t *bad_at)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	size_t cap = len * 2 + 16, used = 0;
	char *buf = malloc(cap);
	char *ip = (char *)in;
	size_t ileft = len;
	int rc = 0;
	while (buf && ileft > 0) {
		char *op = buf + used;
		size_t oleft = cap - used;
		if (iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1 && errno != E2BIG) {
			*bad_at = (size_t)(ip - (char *)in);
			rc = -1;
			break;
		}
		used = (size_t)(op - buf);
		if (ileft > 0) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	iconv_close(cd);
	if (!buf || rc) {
		free(buf);
		if (!buf && !rc)
			*bad_at = 0;
		return -1;
	}
	*out = buf;
	*outlen = used;
	return 0;
}

static unsigned char sniff_delim(const unsigned char *p, size_t len)
{
	size_t comma = 0, tab = 0, semi = 0;
	int quoted = 0;
	for (size_t i = 0; i < len && (quoted || (p[i] != '\n' && p[i] != '\r')); i++) {
		if (p[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += p[i] == ',', tab += p[i] == '\t', semi += p[i] == ';';
	}
	if (tab > comma && tab >= semi)
		return '\t';
	if (semi > comma)
		return ';';
	return ',';
}

static int reject(pb_report *rep, const pb_source *src, uint32_t row, const char *zh,
		  const char *en)
{
	pb_report_add(rep, PB_SEV_ERROR, src->name, NULL, row, 0, NULL, NULL, 0, zh, en);
	return PB_EREJECTED;
}

int pb_table_read_csv(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	const unsigned char *p = src->data;
	size_t len = src->len, bad_at = 0;
	char *converted = NULL;

	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		const char *enc = p[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		if (convert(enc, p + 2, len - 2, &converted, &len, &bad_at))
			return reject(rep, src, 0, "UTF-16 文件内容损坏，无法转换",
				      "the UTF-16 file is damaged and cannot be converted");
		p = (const unsigned char *)converted;
	} else if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3, len -= 3;
		if (!utf8_valid(p, len, &bad_at))
			return reject(rep, src, line_of(p, bad_at),
				      "文件标明为 UTF-8（有 BOM），但此行含有无效的 UTF-8 字节",
				      "the file is marked UTF-8 (BOM) but this line has invalid UTF-8 bytes");
	} else if (!utf8_valid(p, len, &bad_at)) {
		size_t gb_bad = 0;
		if (convert("GB18030", p, len, &converted, &len, &gb_bad))
			return reject(rep, src, line_of(p, gb_bad > bad_at ? gb_bad : bad_at),
				      "文件编码无法识别：既不是 UTF-8，也不是 GBK/GB18030（此行起有无法识别的字节）",
				      "unknown encoding: neither UTF-8 nor GBK/GB18030 (bytes from this line on cannot be read)");
		p = (const unsigned char *)converted;
	}

	csv_state s = { .sink = sink };
	struct csv_parser parser;
	if (csv_init(&parser, CSV_APPEND_NULL | CSV_REPALL_NL | CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(converted);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	csv_set_delim(&parser, sniff_delim(p, len));
	int rc = sink->sheet ? sink->sheet(sink->ctx, NULL) : 0;
	if (!rc) {
		/* Feed in slices so a sink that stops early stops the parse early. */
		const size_t slice = 1 << 20;
		for (size_t off = 0; off < len && !s.stop && !s.oom; off += slice) {
			size_t n = len - off < slice ? len - off : slice;
			if (csv_parse(&parser, p + off, n, on_field, on_row, &s) != n)
				break;
		}
		int fini = 0;
		if (!s.stop && !s.oom)
			fini = csv_fini(&parser, on_field, on_row, &s);
		if (s.oom)
			rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		else if (s.stop)
			rc = s.stop;
		else if (fini != 0 || csv_error(&parser) != CSV_SUCCESS)
			rc = reject(rep, src, s.rownum + 1, "CSV 格式错误（引号不配对？）",
				    "malformed CSV (unbalanced quotes?)");
	}
	csv_free(&parser);
	free(s.buf);
	free(s.starts);
	free(s.cells);
	free(converted);
	return rc;
}
