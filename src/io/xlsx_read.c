/*
 * xlsx_read.c - Office Open XML workbooks (.xlsx) with libzip and expat.
 *
 * Parts read: _rels/.rels (where the workbook is; xl/workbook.xml when it does not say),
 * the workbook (sheet names, order, the 1904 date system), its relationships (where
 * each sheet, the shared strings and the styles are), the shared strings, the styles
 * (which cell formats are dates), then each worksheet in workbook order.
 *
 * Sheets are parsed as a stream, chunk by chunk from the zip straight into expat's
 * buffer, so a sheet of a million rows never sits in memory whole; the cells of one
 * row live in buffers reused from row to row. Element names are compared without their
 * namespace prefix, since some producers write "x:c" where Excel writes "c".
 */
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "error.h"
#include "num.h"
#include "table.h"

#define MAX_COLS 16384     /* XFD, the last column Excel has */
#define MAX_NUMFMT 4096    /* custom number formats ids we remember */
#define CHUNK (1 << 16)

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Decimal digits at s as an unsigned number (stops at the first non-digit). */
static uint32_t parse_u32(const char *s)
{
	uint64_t n = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((n = n * 10 + (uint64_t)(*s - '0')) > UINT32_MAX)
			return UINT32_MAX;
	return (uint32_t)n;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- the workbook and how its parts are read --------------------------------------- */

typedef struct rel {
	char *id, *type, *target;
} rel;

typedef struct workbook {
	const pb_source *src;
	pb_report *rep;
	zip_t *zip;
	int oom, broken;
	/* relationships of the part being looked at */
	rel *rels;
	size_t nrels;
	/* workbook.xml */
	char *wb_path;     /* the workbook part, e.g. xl/workbook.xml */
	char **sheet_names, **sheet_rids, **sheet_paths;
	unsigned char *chart;  /* sheet i is a chart sheet: no cells, skipped */
	size_t nsheets;
	int date1904;
	/* shared strings: texts back to back, NUL-terminated, in one buffer */
	pb_buf sst_text;
	size_t *sst_off;
	size_t nsst, sst_cap;
	int in_si, in_t, in_rph;
	/* styles */
	unsigned char *numfmt_date; /* custom numFmtId -> is a date format */
	unsigned char *xf_date;     /* cellXfs index -> is a date format */
	size_t nxf, xf_cap;
	int in_cellxfs, in_numfmts;
} workbook;

static int oom(void)
{
	return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
}

/* The one problem a broken workbook gets: reported once, then PB_EREJECTED. */
static int broken(workbook *w, const char *sheet, const char *zh, const char *en)
{
	if (!w->broken)
		pb_report_add(w->rep, PB_SEV_ERROR, w->src->name, sheet, 0, 0, NULL, NULL, 0, zh,
			      en);
	w->broken = 1;
	return PB_EREJECTED;
}

/* Find a part. Zip names are case-sensitive but Windows tools are not, and a few write
 * backslashes: try the name as written, then without case, then with backslashes. */
static zip_int64_t locate(zip_t *zip, const char *name)
{
	zip_int64_t idx = zip_name_locate(zip, name, 0);
	if (idx >= 0)
		return idx;
	idx = zip_name_locate(zip, name, ZIP_FL_NOCASE);
	if (idx >= 0)
		return idx;
	char alt[1024];
	if (snprintf(alt, sizeof(alt), "%s", name) >= (int)sizeof(alt))
		return -1;
	for (char *p = alt; *p; p++)
		if (*p == '/')
			*p = '\\';
	return zip_name_locate(zip, alt, ZIP_FL_NOCASE);
}

static int xml_broken(workbook *w, XML_Parser p, const char *part, const char *sheet)
{
	char zh[512], en[512];
	unsigned long line = (unsigned long)XML_GetCurrentLineNumber(p);
	const char *why = XML_ErrorString(XML_GetErrorCode(p));
	snprintf(zh, sizeof(zh), "文件已损坏（%s 第%lu行 XML 错误：%s）", part, line, why);
	snprintf(en, sizeof(en), "the file is corrupt (%s line %lu: %s)", part, line, why);
	return broken(w, sheet, zh, en);
}

/*
 * Stream one zip entry through an expat parser, inflating straight into the parser's
 * own buffer. Returns 0, 1 when the part does not exist, PB_EREJECTED for a damaged
 * part (reported), PB_ENOMEM, or PB_ERROR when a handler stopped the parser (the
 * handler's owner knows why).
 */
static int parse_part(workbook *w, const char *name, XML_Parser p, const char *sheet)
{
	zip_int64_t idx = locate(w->zip, name);
	if (idx < 0)
		return 1;
	zip_file_t *f = zip_fopen_index(w->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return broken(w, sheet, "文件不完整或已损坏（压缩包中的部件无法打开）",
			      "the file is truncated or corrupt (a part cannot be opened)");
	int rc = 0;
	for (;;) {
		void *buf = XML_GetBuffer(p, CHUNK);
		if (!buf) {
			rc = XML_GetErrorCode(p) == XML_ERROR_NO_MEMORY ? oom() : -2;
			break;
		}
		zip_int64_t n = zip_fread(f, buf, CHUNK);
		if (n < 0) { /* bad deflate data or a CRC mismatch */
			rc = -1;
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) == XML_STATUS_ERROR) {
			rc = -2;
			break;
		}
		if (n == 0)
			break;
	}
	zip_fclose(f);
	if (rc == -1)
		return broken(w, sheet, "文件不完整或已损坏（解压失败）",
			      "the file is truncated or corrupt (decompression failed)");
	if (rc == -2 && XML_GetErrorCode(p) == XML_ERROR_ABORTED)
		return w->oom ? oom() : PB_ERROR;
	if (rc == -2)
		return xml_broken(w, p, name, sheet);
	return rc;
}

static XML_Parser new_parser(void *ud, XML_StartElementHandler st, XML_EndElementHandler en,
			     XML_CharacterDataHandler tx)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	if (!p)
		return NULL;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, st, en);
	if (tx)
		XML_SetCharacterDataHandler(p, tx);
	return p;
}

/* Parse one metadata part with the given handlers (user data: the workbook). */
static int read_part(workbook *w, const char *name, XML_StartElementHandler st,
		     XML_EndElementHandler en, XML_CharacterDataHandler tx)
{
	XML_Parser p = new_parser(w, st, en, tx);
	if (!p)
		return oom();
	int rc = parse_part(w, name, p, NULL);
	XML_ParserFree(p);
	return w->oom ? oom() : rc;
}

static char *dup_or_oom(workbook *w, const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		w->oom = 1;
	return d;
}

static int push(workbook *w, char ***arr, size_t n, char *v)
{
	char **a = v ? realloc(*arr, (n + 1) * sizeof(char *)) : NULL;
	if (!a) {
		free(v);
		w->oom = 1;
		return -1;
	}
	a[n] = v;
	*arr = a;
	return 0;
}

static void free_list(char **a, size_t n)
{
	for (size_t i = 0; a && i < n; i++)
		free(a[i]);
	free(a);
}

/* ---- relationships ------------------------------------------------------------------- */

static void XMLCALL rels_start(void *ud, const char *name, const char **atts)
{
	workbook *w = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	rel *r = realloc(w->rels, (w->nrels + 1) * sizeof(*r));
	if (!r) {
		w->oom = 1;
		return;
	}
	w->rels = r;
	r = &w->rels[w->nrels];
	r->id = dup_or_oom(w, attr(atts, "Id"));
	r->type = dup_or_oom(w, attr(atts, "Type"));
	r->target = dup_or_oom(w, attr(atts, "Target"));
	w->nrels++;
}

static void rels_free(workbook *w)
{
	for (size_t i = 0; i < w->nrels; i++) {
		free(w->rels[i].id);
		free(w->rels[i].type);
		free(w->rels[i].target);
	}
	free(w->rels);
	w->rels = NULL;
	w->nrels = 0;
}

static const rel *rel_by_type(const workbook *w, const char *suffix)
{
	for (size_t i = 0; i < w->nrels; i++)
		if (w->rels[i].type && ends_with(w->rels[i].type, suffix))
			return &w->rels[i];
	return NULL;
}

static const rel *rel_by_id(const workbook *w, const char *id)
{
	for (size_t i = 0; i < w->nrels; i++)
		if (w->rels[i].id && strcmp(w->rels[i].id, id) == 0)
			return &w->rels[i];
	return NULL;
}

/* The zip name of `target` as written in a relationship of a part in directory `dir`
 * ("xl/"): absolute targets start at the root, "../" climbs. NULL when out of memory. */
static char *resolve(const char *dir, const char *target)
{
	size_t cap = strlen(dir) + strlen(target) + 1;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t len = 0;
	if (target[0] == '/') {
		target++;
	} else {
		len = strlen(dir);
		memcpy(out, dir, len);
	}
	while (*target) {
		const char *slash = strchr(target, '/');
		size_t n = slash ? (size_t)(slash - target) : strlen(target);
		if (n == 2 && target[0] == '.' && target[1] == '.') {
			while (len > 0 && out[len - 1] == '/') /* drop the last directory */
				len--;
			while (len > 0 && out[len - 1] != '/')
				len--;
		} else if (!(n == 1 && target[0] == '.') && n > 0) {
			memcpy(out + len, target, n);
			len += n;
			if (slash)
				out[len++] = '/';
		}
		target += n + (slash != NULL);
	}
	out[len] = '\0';
	return out;
}

/* ---- workbook.xml --------------------------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const char *name, const char **atts)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "sheet") == 0) {
		const char *rid = NULL;
		for (int i = 0; atts[i]; i += 2) /* r:id: the "id" attribute with a prefix */
			if (strcmp(local(atts[i]), "id") == 0 && strchr(atts[i], ':'))
				rid = atts[i + 1];
		if (push(w, &w->sheet_names, w->nsheets, dup_or_oom(w, attr(atts, "name"))) ||
		    push(w, &w->sheet_rids, w->nsheets, dup_or_oom(w, rid)))
			return;
		w->nsheets++;
	} else if (strcmp(l, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		w->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	}
}

/* ---- shared strings ---------------------------------------------------------------------- */

/*
 * Decode the _xHHHH_ escapes of OOXML strings in place (Excel writes a carriage return
 * in a cell as "_x000D_", and a literal "_x" as "_x005F_x"). Returns the new length;
 * the UTF-8 of one escape (at most 3 bytes) is always shorter than the escape (7).
 */
static size_t decode_escapes(char *s, size_t len)
{
	if (!memchr(s, '_', len))
		return len;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		int ok = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
		for (size_t k = 2; ok && k < 6; k++) {
			char c = s[i + k];
			int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			ok = v >= 0;
			cp = cp * 16 + (unsigned)v;
		}
		if (!ok || (cp >= 0xD800 && cp <= 0xDFFF)) {
			s[o++] = s[i++];
			continue;
		}
		if (cp < 0x80) {
			s[o++] = (char)cp;
		} else if (cp < 0x800) {
			s[o++] = (char)(0xC0 | (cp >> 6));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | (cp >> 12));
			s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			s[o++] = (char)(0x80 | (cp & 0x3F));
		}
		i += 7;
	}
	return o;
}

static void XMLCALL sst_start(void *ud, const char *name, const char **atts)
{
	(void)atts;
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "si") == 0) {
		w->in_si = 1;
		if (w->nsst == w->sst_cap) {
			size_t cap = w->sst_cap ? w->sst_cap * 2 : 1024;
			size_t *o = realloc(w->sst_off, cap * sizeof(size_t));
			if (!o) {
				w->oom = 1;
				return;
			}
			w->sst_off = o;
			w->sst_cap = cap;
		}
		w->sst_off[w->nsst++] = w->sst_text.len;
	} else if (strcmp(l, "rPh") == 0) {
		w->in_rph = 1; /* a phonetic guide (furigana, pinyin): not part of the text */
	} else if (strcmp(l, "t") == 0 && w->in_si) {
		w->in_t = 1; /* <si><t> or a rich text run's <si><r><t> */
	}
}

static void XMLCALL sst_end(void *ud, const char *name)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "si") == 0 && w->in_si && w->nsst) {
		size_t off = w->sst_off[w->nsst - 1];
		if (w->sst_text.p)
			w->sst_text.len = off + decode_escapes(w->sst_text.p + off,
							       w->sst_text.len - off);
		if (pb_buf_add(&w->sst_text, "", 1)) /* NUL after each string */
			w->oom = 1;
		w->in_si = 0;
	} else if (strcmp(l, "rPh") == 0) {
		w->in_rph = 0;
	} else if (strcmp(l, "t") == 0) {
		w->in_t = 0;
	}
}

static void XMLCALL sst_text(void *ud, const char *s, int len)
{
	workbook *w = ud;
	if (w->in_t && !w->in_rph && pb_buf_add(&w->sst_text, s, (size_t)len))
		w->oom = 1;
}

/* Shared string k and its length; NULL when there is no such string. */
static const char *sst_get(const workbook *w, uint32_t k, size_t *len)
{
	if (k >= w->nsst)
		return NULL;
	size_t end = k + 1 < w->nsst ? w->sst_off[k + 1] : w->sst_text.len;
	*len = end - w->sst_off[k] - 1;
	return w->sst_text.p + w->sst_off[k];
}

/* ---- styles: which cell formats show dates ----------------------------------------------- */

static int builtin_date(uint32_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* Is "[...]" at p (up to the closing bracket) an elapsed-time field like [h] or [mm]? */
static int elapsed_time(const char *p)
{
	const char *q = p + 1;
	while (*q == 'h' || *q == 'H' || *q == 'm' || *q == 'M' || *q == 's' || *q == 'S')
		q++;
	return q > p + 1 && *q == ']';
}

/*
 * A custom format shows a date or time if it has y/m/d/h/s outside quotes and brackets:
 * yyyy"年"m"月" is a date, [Red]0.00 and 0"m" are not. A backslash escapes the next
 * character; "_x" (pad the width of x) and "*x" (repeat x) name a character that is
 * not a code; [h] and [mm] are elapsed times.
 */
static int code_is_date(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			quoted = !quoted;
		} else if (quoted) {
			continue;
		} else if ((*p == '\\' || *p == '_' || *p == '*') && p[1]) {
			p++;
		} else if (*p == '[') {
			if (elapsed_time(p))
				return 1;
			bracket = 1;
		} else if (*p == ']') {
			bracket = 0;
		} else if (!bracket && strchr("ymdhsYMDHS", *p)) {
			return 1;
		}
	}
	return 0;
}

static void XMLCALL styles_start(void *ud, const char *name, const char **atts)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "numFmts") == 0) {
		w->in_numfmts = 1;
	} else if (strcmp(l, "numFmt") == 0 && w->in_numfmts) {
		/* only those of <numFmts>: the <dxfs> of conditional formats have their own */
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		uint32_t n = id ? parse_u32(id) : MAX_NUMFMT;
		if (n < MAX_NUMFMT && code)
			w->numfmt_date[n] = (unsigned char)code_is_date(code);
	} else if (strcmp(l, "cellXfs") == 0) {
		w->in_cellxfs = 1;
	} else if (strcmp(l, "xf") == 0 && w->in_cellxfs) {
		if (w->nxf == w->xf_cap) {
			size_t cap = w->xf_cap ? w->xf_cap * 2 : 64;
			unsigned char *x = realloc(w->xf_date, cap);
			if (!x) {
				w->oom = 1;
				return;
			}
			w->xf_date = x;
			w->xf_cap = cap;
		}
		const char *id = attr(atts, "numFmtId");
		uint32_t n = id ? parse_u32(id) : 0;
		w->xf_date[w->nxf++] = (unsigned char)(builtin_date(n) ||
						       (n < MAX_NUMFMT && w->numfmt_date[n]));
	}
}

static void XMLCALL styles_end(void *ud, const char *name)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "cellXfs") == 0)
		w->in_cellxfs = 0;
	else if (strcmp(l, "numFmts") == 0)
		w->in_numfmts = 0;
}

/* ---- numbers and dates ------------------------------------------------------------------- */

static const double pow10_exact[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/*
 * The fast path for the numbers sheets are made of. When s[0..len) is a plain decimal
 * of at most 15 significant digits, no exponent, no redundant zeros and not so small
 * that %g would switch to exponent form (>= 1e-4), then pb_num_format() of its value
 * gives back exactly these characters (DBL_DIG is 15), and the value is the digits as
 * an integer (exact below 2^53) divided by an exact power of ten: one correctly rounded
 * operation, the same double strtod() gives. Returns 0 when s is not such a number.
 */
static int plain_number(const char *s, size_t len, double *out)
{
	size_t i = 0;
	int neg = s[0] == '-';
	i += (size_t)neg;
	uint64_t m = 0;
	int sig = 0, frac = 0, zeros = 0;
	size_t start = i;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		m = m * 10 + (uint64_t)(s[i] - '0');
		sig += m != 0;
	}
	size_t nint = i - start;
	if (nint == 0 || (nint > 1 && s[start] == '0'))
		return 0;
	if (i < len) {
		if (s[i] != '.' || i + 1 == len || s[len - 1] == '0')
			return 0;
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, frac++) {
			m = m * 10 + (uint64_t)(s[i] - '0');
			if (m == 0)
				zeros++;
			sig += m != 0;
		}
		if (i < len || (m != 0 && nint == 1 && s[start] == '0' && zeros > 3))
			return 0;
	}
	if (sig > 15 || (neg && m == 0))
		return 0;
	double v = (double)m / pow10_exact[frac];
	*out = neg ? -v : v;
	return 1;
}

/* Excel serial (1900 system) of a calendar date: day 25569 is 1970-01-01, and serials
 * from 61 on count Excel's phantom 1900-02-29. */
static double serial_of(int y, int m, int d)
{
	y -= m <= 2; /* days from 1970-01-01: Howard Hinnant's days_from_civil */
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	double serial = (double)(era * 146097 + doe - 719468 + 25569);
	return serial < 61 ? serial - 1 : serial;
}

/* An ISO 8601 date cell (t="d"): "2024-01-31" or "2024-01-31T12:30:00[.000][Z]" as an
 * Excel serial. Returns 0 when the text is not such a date. */
static int iso_serial(const char *s, double *out)
{
	int y, mo, d, h = 0, mi = 0, n = 0;
	double sec = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 || mo < 1 || mo > 12 ||
	    d < 1 || d > 31 || y < 1900)
		return 0;
	if (s[10] == 'T' && sscanf(s + 11, "%2d:%2d:%lf", &h, &mi, &sec) < 2)
		return 0;
	*out = serial_of(y, mo, d) + (h * 3600 + mi * 60 + sec) / 86400.0;
	return 1;
}

/* ---- a sheet ------------------------------------------------------------------------------- */

typedef enum ctype { CT_NUM, CT_SST, CT_STR, CT_INLINE, CT_BOOL, CT_ERR, CT_ISODATE } ctype;

enum { E_OTHER, E_ROW, E_C, E_V, E_T, E_RPH };

typedef struct sheet {
	workbook *w;
	const pb_table_sink *sink;
	XML_Parser parser;
	int stop;              /* the sink's non-zero return */
	uint32_t rownum, next_row;
	/* cells of the current row: their texts back to back in `text`; text pointers
	 * are set only when the row is handed over, since `text` may move as it grows */
	pb_cell *cells;
	size_t *starts;        /* text offset per cell, (size_t)-1 when `fixed` has it */
	const char **fixed;    /* text of cells whose text lives elsewhere (shared strings) */
	size_t ncells, ccap;
	pb_buf text;
	/* the cell being read */
	uint32_t col, next_col, style;
	ctype type;
	int in_v, in_t, in_rph;
	pb_buf v;
} sheet;

static int sheet_elem(const char *name)
{
	const char *l = local(name);
	switch (l[0]) {
	case 'c': return l[1] == '\0' ? E_C : E_OTHER;
	case 'v': return l[1] == '\0' ? E_V : E_OTHER;
	case 't': return l[1] == '\0' ? E_T : E_OTHER;
	case 'r': return strcmp(l, "row") == 0 ? E_ROW : strcmp(l, "rPh") == 0 ? E_RPH : E_OTHER;
	default: return E_OTHER;
	}
}

static ctype cell_type(const char *t)
{
	if (!t)
		return CT_NUM;
	switch (t[0]) {
	case 's': return t[1] == '\0' ? CT_SST : CT_STR; /* "s" or "str" */
	case 'i': return CT_INLINE;
	case 'b': return CT_BOOL;
	case 'e': return CT_ERR;
	case 'd': return CT_ISODATE;
	default: return CT_NUM;
	}
}

static void stop_oom(sheet *s)
{
	s->w->oom = 1;
	XML_StopParser(s->parser, XML_FALSE);
}

static int grow_cells(sheet *s, size_t n)
{
	if (n <= s->ccap)
		return 0;
	size_t cap = s->ccap ? s->ccap * 2 : 32;
	while (cap < n)
		cap *= 2;
	pb_cell *c = realloc(s->cells, cap * sizeof(*c));
	if (!c)
		return -1;
	s->cells = c;
	size_t *st = realloc(s->starts, cap * sizeof(*st));
	if (!st)
		return -1;
	s->starts = st;
	const char **f = realloc(s->fixed, cap * sizeof(*f));
	if (!f)
		return -1;
	s->fixed = f;
	for (size_t i = s->ccap; i < cap; i++) {
		s->cells[i] = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
		s->starts[i] = (size_t)-1;
		s->fixed[i] = "";
	}
	s->ccap = cap;
	return 0;
}

static void emit_row(sheet *s)
{
	size_t used = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		pb_cell *c = &s->cells[i];
		c->text = s->starts[i] != (size_t)-1 ? s->text.p + s->starts[i] : s->fixed[i];
		if (c->kind != PB_CELL_EMPTY)
			used = i + 1;
	}
	if (used && !s->stop && (s->stop = s->sink->row(s->sink->ctx, s->rownum, s->cells, used)))
		XML_StopParser(s->parser, XML_FALSE);
	for (size_t i = 0; i < s->ncells; i++) {
		s->cells[i] = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
		s->starts[i] = (size_t)-1;
		s->fixed[i] = "";
	}
	s->ncells = 0;
	s->text.len = 0;
}

/* A cell reference "BC12": its column (0 if none) and row (0 if none). */
static void parse_ref(const char *r, uint32_t *col, uint32_t *row)
{
	uint32_t c = 0;
	for (; *r >= 'A' && *r <= 'Z' && c <= MAX_COLS; r++)
		c = c * 26 + (uint32_t)(*r - 'A' + 1);
	*col = c;
	*row = parse_u32(r);
}

static void start_cell(sheet *s, const char **atts)
{
	const char *r = NULL, *t = NULL, *st = NULL;
	for (int i = 0; atts[i]; i += 2) {
		const char *a = atts[i];
		if (a[0] && !a[1]) { /* the three attributes that matter are one letter long */
			if (a[0] == 'r')
				r = atts[i + 1];
			else if (a[0] == 't')
				t = atts[i + 1];
			else if (a[0] == 's')
				st = atts[i + 1];
		}
	}
	uint32_t row = 0;
	if (r)
		parse_ref(r, &s->col, &row);
	else
		s->col = s->next_col; /* no reference: the cell after the previous one */
	if (row && row != s->rownum) /* a cell that says it is elsewhere than its <row> */
		s->rownum = row;
	s->next_col = s->col + 1;
	s->type = cell_type(t);
	s->style = st ? parse_u32(st) : 0;
	s->v.len = 0;
}

static void XMLCALL sheet_start(void *ud, const char *name, const char **atts)
{
	sheet *s = ud;
	switch (sheet_elem(name)) {
	case E_ROW: {
		const char *r = attr(atts, "r");
		s->rownum = r ? parse_u32(r) : s->next_row;
		s->next_row = s->rownum + 1;
		s->next_col = 1;
		break;
	}
	case E_C: start_cell(s, atts); break;
	case E_V: s->in_v = 1; break;
	case E_T: s->in_t = 1; break; /* <is><t>, or <is><r><t> in rich text */
	case E_RPH: s->in_rph = 1; break;
	default: break;
	}
}

/* Put text[0..len) into the row's text buffer for cell i. */
static int set_text(sheet *s, size_t i, const char *text, size_t len, pb_cell_kind kind,
		    double num)
{
	s->starts[i] = s->text.len;
	if (pb_buf_add(&s->text, text, len) || pb_buf_add(&s->text, "", 1))
		return -1;
	s->cells[i] = (pb_cell){ NULL, len, kind, num };
	return 0;
}

static int set_number(sheet *s, size_t i, const char *v, size_t len, pb_cell_kind kind)
{
	double d;
	if (kind == PB_CELL_NUMBER && plain_number(v, len, &d))
		return set_text(s, i, v, len, kind, d);
	char num[32];
	d = strtod(v, NULL);
	if (kind == PB_CELL_DATE && s->w->date1904)
		d += 1462; /* days from 1900-01-01 to 1904-01-01 in Excel's count */
	else if (kind == PB_CELL_DATE && plain_number(v, len, &d))
		return set_text(s, i, v, len, kind, d);
	pb_num_format(d, num);
	return set_text(s, i, num, strlen(num), kind, d);
}

static int is_date_style(const sheet *s)
{
	return s->style < s->w->nxf && s->w->xf_date[s->style];
}

static int finish_cell(sheet *s)
{
	if (s->col == 0 || s->col > MAX_COLS || s->v.len == 0)
		return 0; /* no value: an empty (maybe formatted) cell */
	size_t i = s->col - 1, len = s->v.len;
	if (grow_cells(s, i + 1))
		return -1;
	if (i + 1 > s->ncells)
		s->ncells = i + 1;
	char *v = s->v.p;
	switch (s->type) {
	case CT_SST: {
		const char *t = sst_get(s->w, parse_u32(v), &len);
		if (!t || len == 0)
			return 0; /* an index beyond the table, or "": an empty cell */
		s->fixed[i] = t;
		s->cells[i] = (pb_cell){ NULL, len, PB_CELL_TEXT, 0 };
		return 0;
	}
	case CT_INLINE:
	case CT_STR:
		len = decode_escapes(v, len);
		return set_text(s, i, v, len, PB_CELL_TEXT, 0);
	case CT_ERR:
		return set_text(s, i, v, len, PB_CELL_ERROR, 0);
	case CT_BOOL: {
		int b = v[0] == '1' || v[0] == 't' || v[0] == 'T';
		s->fixed[i] = b ? "TRUE" : "FALSE";
		s->cells[i] = (pb_cell){ NULL, b ? 4 : 5, PB_CELL_BOOL, b };
		return 0;
	}
	case CT_ISODATE: {
		double d;
		char num[32];
		if (!iso_serial(v, &d))
			return set_text(s, i, v, len, PB_CELL_TEXT, 0);
		pb_num_format(d, num);
		return set_text(s, i, num, strlen(num), PB_CELL_DATE, d);
	}
	case CT_NUM:
	default:
		return set_number(s, i, v, len, is_date_style(s) ? PB_CELL_DATE : PB_CELL_NUMBER);
	}
}

static void XMLCALL sheet_end(void *ud, const char *name)
{
	sheet *s = ud;
	switch (sheet_elem(name)) {
	case E_V: s->in_v = 0; break;
	case E_T: s->in_t = 0; break;
	case E_RPH: s->in_rph = 0; break;
	case E_C:
		if (finish_cell(s))
			stop_oom(s);
		break;
	case E_ROW: emit_row(s); break;
	default: break;
	}
}

static void XMLCALL sheet_text(void *ud, const char *txt, int len)
{
	sheet *s = ud;
	if ((s->in_v || (s->in_t && !s->in_rph)) && pb_buf_add(&s->v, txt, (size_t)len))
		stop_oom(s);
}

static int read_sheet(workbook *w, size_t i, const pb_table_sink *sink)
{
	const char *name = w->sheet_names[i];
	/* checked before the sink hears of the sheet: a sheet that is not there is not
	 * announced, only reported */
	if (!w->sheet_paths[i] || locate(w->zip, w->sheet_paths[i]) < 0)
		return broken(w, name, "工作表缺失（工作簿引用了不存在的部件）",
			      "the sheet is missing (the workbook names a part that is not there)");
	sheet s = { .w = w, .sink = sink, .next_row = 1 };
	s.parser = new_parser(&s, sheet_start, sheet_end, sheet_text);
	if (!s.parser)
		return oom();
	int rc = sink->sheet ? sink->sheet(sink->ctx, name) : 0;
	if (!rc)
		rc = parse_part(w, w->sheet_paths[i], s.parser, name);
	if (s.stop)
		rc = s.stop;
	else if (w->oom)
		rc = oom();
	XML_ParserFree(s.parser);
	free(s.cells);
	free(s.starts);
	free(s.fixed);
	pb_buf_free(&s.text);
	pb_buf_free(&s.v);
	return rc;
}

/* ---- the workbook ------------------------------------------------------------------------ */

/* The workbook part: what _rels/.rels says, or where every producer puts it. */
static int find_workbook(workbook *w)
{
	int rc = read_part(w, "_rels/.rels", rels_start, NULL, NULL);
	if (rc < 0)
		return rc;
	const rel *r = rel_by_type(w, "/officeDocument");
	w->wb_path = r && r->target[0] ? resolve("", r->target) : strdup("xl/workbook.xml");
	rels_free(w);
	return w->wb_path ? 0 : oom();
}

/* "xl/_rels/workbook.xml.rels" for "xl/workbook.xml"; `dir` gets "xl/". */
static char *rels_path_of(const char *part, char **dir)
{
	const char *slash = strrchr(part, '/');
	size_t d = slash ? (size_t)(slash - part) + 1 : 0;
	char *p = NULL;
	*dir = strndup(part, d);
	if (*dir && asprintf(&p, "%s_rels/%s.rels", *dir, part + d) < 0)
		p = NULL;
	return p;
}

/* Sheet paths, and the shared strings and styles, from the workbook's relationships. */
static int read_rels(workbook *w, const char *dir, char **sst, char **styles)
{
	w->sheet_paths = calloc(w->nsheets ? w->nsheets : 1, sizeof(char *));
	w->chart = calloc(w->nsheets ? w->nsheets : 1, 1);
	if (!w->sheet_paths || !w->chart)
		return oom();
	for (size_t i = 0; i < w->nsheets; i++) {
		const rel *r = rel_by_id(w, w->sheet_rids[i]);
		if (!r)
			continue; /* reported when the sheet's turn comes */
		w->chart[i] = (unsigned char)ends_with(r->type, "/chartsheet");
		if (!(w->sheet_paths[i] = resolve(dir, r->target)))
			return oom();
	}
	const rel *r = rel_by_type(w, "/sharedStrings");
	*sst = r ? resolve(dir, r->target) : strdup("xl/sharedStrings.xml");
	r = rel_by_type(w, "/styles");
	*styles = r ? resolve(dir, r->target) : strdup("xl/styles.xml");
	return *sst && *styles ? 0 : oom();
}

static int read_meta(workbook *w)
{
	int rc = find_workbook(w);
	if (rc)
		return rc;
	rc = read_part(w, w->wb_path, wb_start, NULL, NULL);
	if (rc == 1)
		return broken(w, NULL, "不是有效的 xlsx 文件（缺少工作簿部件 xl/workbook.xml）",
			      "not a valid xlsx file (the workbook part xl/workbook.xml is missing)");
	if (rc)
		return rc;
	char *dir = NULL, *sst = NULL, *styles = NULL, *rels = rels_path_of(w->wb_path, &dir);
	if (!rels)
		rc = oom();
	if (!rc && (rc = read_part(w, rels, rels_start, NULL, NULL)) == 1)
		rc = broken(w, NULL, "不是有效的 xlsx 文件（缺少工作簿的关系部件）",
			    "not a valid xlsx file (the workbook's relationships part is missing)");
	if (!rc)
		rc = read_rels(w, dir, &sst, &styles);
	/* both optional: a workbook without text has no shared strings, and one without
	 * formats may have no styles */
	if (!rc && (rc = read_part(w, sst, sst_start, sst_end, sst_text)) == 1)
		rc = 0;
	if (!rc && (rc = read_part(w, styles, styles_start, styles_end, NULL)) == 1)
		rc = 0;
	free(rels);
	free(dir);
	free(sst);
	free(styles);
	return rc;
}

static void workbook_free(workbook *w)
{
	if (w->zip)
		zip_discard(w->zip); /* read-only: discard frees the archive and its source */
	rels_free(w);
	free(w->wb_path);
	free_list(w->sheet_names, w->nsheets);
	free_list(w->sheet_rids, w->nsheets);
	free_list(w->sheet_paths, w->nsheets);
	free(w->chart);
	pb_buf_free(&w->sst_text);
	free(w->sst_off);
	free(w->numfmt_date);
	free(w->xf_date);
}

int pb_table_read_xlsx(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	workbook w = { .src = src, .rep = rep };
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *zs = zip_source_buffer_create(src->data, src->len, 0, &ze);
	if (zs && !(w.zip = zip_open_from_source(zs, ZIP_RDONLY, &ze)))
		zip_source_free(zs);
	zip_error_fini(&ze);
	if (!w.zip)
		return broken(&w, NULL, "文件不完整或已损坏（不是有效的 xlsx 压缩包）",
			      "the file is truncated or corrupt (not a valid xlsx zip)");
	w.numfmt_date = calloc(MAX_NUMFMT, 1);
	int rc = w.numfmt_date ? read_meta(&w) : oom();
	for (size_t i = 0; !rc && i < w.nsheets; i++)
		if (!w.chart[i])
			rc = read_sheet(&w, i, sink);
	workbook_free(&w);
	return rc;
}
