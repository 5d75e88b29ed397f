/*
 * xlsx_read.c - Office Open XML workbooks (.xlsx) with libzip and expat.
 *
 * Parts read: xl/workbook.xml (sheet names, order, the 1904 date system),
 * xl/_rels/workbook.xml.rels (where each sheet's XML is), xl/sharedStrings.xml,
 * xl/styles.xml (which cell formats are dates), then each sheet. Sheets are parsed as
 * a stream, chunk by chunk from the zip, so a sheet of a million rows never sits in
 * memory whole. Element names are compared without their namespace prefix, since
 * some producers write "x:c" where Excel writes "c".
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "buf.h"
#include "error.h"
#include "num.h"
#include "table.h"

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

/* ---- reading a part ---------------------------------------------------------------- */

typedef struct workbook {
	const pb_source *src;
	pb_report *rep;
	zip_t *zip;
	int oom, broken;
	/* workbook.xml */
	char **sheet_names, **sheet_rids, **sheet_paths;
	size_t nsheets;
	int date1904;
	/* rels */
	char **rel_ids, **rel_targets;
	size_t nrels;
	/* shared strings: offsets into one buffer */
	pb_buf sst_text;
	size_t *sst_off;
	size_t nsst, sst_cap;
	int in_si, in_t, in_rph;
	/* styles */
	int *numfmt_date;   /* custom numFmtId -> is date, indexed by id (< 1000) */
	unsigned char *xf_date;
	size_t nxf, xf_cap;
	int in_cellxfs;
} workbook;

static int broken(workbook *w, const char *sheet, const char *zh, const char *en)
{
	if (!w->broken)
		pb_report_add(w->rep, PB_SEV_ERROR, w->src->name, sheet, 0, 0, NULL, NULL, 0, zh,
			      en);
	w->broken = 1;
	return PB_EREJECTED;
}

/* Stream one zip entry through an expat parser. Missing entries return 1. */
static int parse_part(workbook *w, const char *name, XML_Parser p, const char *sheet)
{
	zip_int64_t idx = zip_name_locate(w->zip, name, 0);
	if (idx < 0)
		return 1;
	zip_file_t *f = zip_fopen_index(w->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return broken(w, sheet, "文件不完整或已损坏（压缩包中的部件无法打开）",
			      "the file is truncated or corrupt (a part cannot be opened)");
	char chunk[1 << 16];
	zip_int64_t n;
	int rc = 0;
	while ((n = zip_fread(f, chunk, sizeof(chunk))) > 0) {
		if (XML_Parse(p, chunk, (int)n, 0) == XML_STATUS_ERROR) {
			rc = -2;
			break;
		}
	}
	if (n < 0)
		rc = -1;
	else if (rc == 0 && XML_Parse(p, "", 0, 1) == XML_STATUS_ERROR)
		rc = -2;
	zip_fclose(f);
	if (rc == -1)
		return broken(w, sheet, "文件不完整或已损坏（解压失败）",
			      "the file is truncated or corrupt (decompression failed)");
	if (rc == -2 && XML_GetErrorCode(p) == XML_ERROR_ABORTED)
		return w->oom ? pb_error_set(PB_ENOMEM, "内存不足 / out of memory") : PB_ERROR;
	if (rc == -2) {
		char zh[256], en[256];
		snprintf(zh, sizeof(zh), "文件已损坏（%s 第%lu行 XML 错误：%s）", name,
			 (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
		snprintf(en, sizeof(en), "the file is corrupt (%s line %lu: %s)", name,
			 (unsigned long)XML_GetCurrentLineNumber(p), XML_ErrorString(XML_GetErrorCode(p)));
		return broken(w, sheet, zh, en);
	}
	return 0;
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
	char **a = realloc(*arr, (n + 1) * sizeof(char *));
	if (!a) {
		free(v);
		w->oom = 1;
		return -1;
	}
	a[n] = v;
	*arr = a;
	return 0;
}

/* ---- workbook.xml and its relationships ------------------------------------------- */

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

static void XMLCALL rels_start(void *ud, const char *name, const char **atts)
{
	workbook *w = ud;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	if (push(w, &w->rel_ids, w->nrels, dup_or_oom(w, attr(atts, "Id"))) ||
	    push(w, &w->rel_targets, w->nrels, dup_or_oom(w, attr(atts, "Target"))))
		return;
	w->nrels++;
}

/* ---- shared strings ------------------------------------------------------------------ */

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
		w->in_rph = 1; /* phonetic guide (furigana): not part of the text */
	} else if (strcmp(l, "t") == 0 && w->in_si) {
		w->in_t = 1;
	}
}

static void XMLCALL sst_end(void *ud, const char *name)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "si") == 0) {
		w->in_si = 0;
		if (pb_buf_add(&w->sst_text, "", 1)) /* NUL between strings */
			w->oom = 1;
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

/* ---- styles: which cell formats show dates ------------------------------------------------ */

static int builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A custom format is a date if it has y/m/d/h/s outside quotes and brackets
 * (e.g. yyyy"年"m"月"; but [Red]0.00 and "m" in quotes are not). */
static int code_is_date(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\\' && p[1])
			p++;
		else if (!quoted && *p == '[')
			bracket = 1;
		else if (!quoted && *p == ']')
			bracket = 0;
		else if (!quoted && !bracket && strchr("ymdhsYMDHS", *p))
			return 1;
	}
	return 0;
}

static void XMLCALL styles_start(void *ud, const char *name, const char **atts)
{
	workbook *w = ud;
	const char *l = local(name);
	if (strcmp(l, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		int n = id ? atoi(id) : -1;
		if (n >= 0 && n < 1000 && code)
			w->numfmt_date[n] = code_is_date(code);
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
		int n = id ? atoi(id) : 0;
		w->xf_date[w->nxf++] = (unsigned char)(builtin_date(n) ||
						       (n >= 0 && n < 1000 && w->numfmt_date[n]));
	}
}

static void XMLCALL styles_end(void *ud, const char *name)
{
	workbook *w = ud;
	if (strcmp(local(name), "cellXfs") == 0)
		w->in_cellxfs = 0;
}

/* ---- a sheet ---------------------------------------------------------------------------------- */

typedef struct sheet {
	workbook *w;
	const pb_table_sink *sink;
	XML_Parser parser;
	int stop;              /* the sink's non-zero return */
	uint32_t rownum, next_row;
	/* cells of the current row: texts back to back in `text` */
	pb_cell *cells;
	size_t *starts;        /* text offset per cell, (size_t)-1 for shared/static text */
	const char **fixed;    /* text pointer for cells whose text is not in `text` */
	size_t ncells, ccap;
	pb_buf text;
	/* the cell being read */
	uint32_t col, next_col;
	char type[16];
	int style;
	int in_v, in_is_t, in_rph;
	pb_buf v;
} sheet;

static uint32_t col_of_ref(const char *r)
{
	uint32_t c = 0;
	for (; *r >= 'A' && *r <= 'Z'; r++)
		c = c * 26 + (uint32_t)(*r - 'A' + 1);
	return c;
}

static uint32_t row_of_ref(const char *r)
{
	while (*r >= 'A' && *r <= 'Z')
		r++;
	return (uint32_t)strtoul(r, NULL, 10);
}

static void abort_oom(sheet *s)
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
	if (s->ncells == 0 || s->stop)
		goto done;
	size_t used = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		pb_cell *c = &s->cells[i];
		c->text = s->starts[i] != (size_t)-1 ? s->text.p + s->starts[i] : s->fixed[i];
		if (c->kind != PB_CELL_EMPTY)
			used = i + 1;
	}
	if (used)
		s->stop = s->sink->row(s->sink->ctx, s->rownum, s->cells, used);
	if (s->stop)
		XML_StopParser(s->parser, XML_FALSE);
done:
	for (size_t i = 0; i < s->ncells; i++) {
		s->cells[i] = (pb_cell){ "", 0, PB_CELL_EMPTY, 0 };
		s->starts[i] = (size_t)-1;
		s->fixed[i] = "";
	}
	s->ncells = 0;
	s->text.len = 0;
}

static void XMLCALL sheet_start(void *ud, const char *name, const char **atts)
{
	sheet *s = ud;
	const char *l = local(name);
	if (strcmp(l, "row") == 0) {
		const char *r = attr(atts, "r");
		s->rownum = r ? (uint32_t)strtoul(r, NULL, 10) : s->next_row;
		s->next_row = s->rownum + 1;
		s->next_col = 1;
	} else if (strcmp(l, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
		s->col = r ? col_of_ref(r) : s->next_col;
		if (r && row_of_ref(r) && row_of_ref(r) != s->rownum) /* a cell outside <row r> */
			s->rownum = row_of_ref(r);
		s->next_col = s->col + 1;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		s->style = st ? atoi(st) : 0;
		s->v.len = 0;
	} else if (strcmp(l, "v") == 0) {
		s->in_v = 1;
	} else if (strcmp(l, "t") == 0) {
		s->in_is_t = 1; /* <is><t>: inline string */
	} else if (strcmp(l, "rPh") == 0) {
		s->in_rph = 1;
	}
}

static void finish_cell(sheet *s)
{
	if (s->col == 0 || s->col > 16384)
		return;
	size_t i = s->col - 1;
	if (grow_cells(s, i + 1)) {
		abort_oom(s);
		return;
	}
	if (i + 1 > s->ncells)
		s->ncells = i + 1;
	pb_cell *c = &s->cells[i];
	const char *v = s->v.p ? s->v.p : "";
	const char *t = s->type;
	char num[32];
	if (strcmp(t, "s") == 0) {
		unsigned long k = strtoul(v, NULL, 10);
		if (k >= s->w->nsst)
			return; /* an index beyond the table: treat as empty */
		s->fixed[i] = s->w->sst_text.p + s->w->sst_off[k];
		*c = (pb_cell){ NULL, strlen(s->fixed[i]), PB_CELL_TEXT, 0 };
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0 ||
		   strcmp(t, "e") == 0) {
		s->starts[i] = s->text.len;
		if (pb_buf_add(&s->text, v, s->v.len) || pb_buf_add(&s->text, "", 1)) {
			abort_oom(s);
			return;
		}
		*c = (pb_cell){ NULL, s->v.len, t[0] == 'e' ? PB_CELL_ERROR : PB_CELL_TEXT, 0 };
	} else if (s->v.len > 0) {
		double d = strtod(v, NULL);
		pb_cell_kind kind = PB_CELL_NUMBER;
		if (strcmp(t, "b") == 0) {
			kind = PB_CELL_BOOL;
		} else if (s->style >= 0 && (size_t)s->style < s->w->nxf && s->w->xf_date[s->style]) {
			kind = PB_CELL_DATE;
			if (s->w->date1904)
				d += 1462; /* days between the 1900 and 1904 epochs */
		}
		if (kind == PB_CELL_BOOL)
			snprintf(num, sizeof(num), "%s", d != 0 ? "TRUE" : "FALSE");
		else
			pb_num_format(d, num);
		s->starts[i] = s->text.len;
		size_t nl = strlen(num);
		if (pb_buf_add(&s->text, num, nl) || pb_buf_add(&s->text, "", 1)) {
			abort_oom(s);
			return;
		}
		*c = (pb_cell){ NULL, nl, kind, d };
	}
}

static void XMLCALL sheet_end(void *ud, const char *name)
{
	sheet *s = ud;
	const char *l = local(name);
	if (strcmp(l, "v") == 0)
		s->in_v = 0;
	else if (strcmp(l, "t") == 0)
		s->in_is_t = 0;
	else if (strcmp(l, "rPh") == 0)
		s->in_rph = 0;
	else if (strcmp(l, "c") == 0)
		finish_cell(s);
	else if (strcmp(l, "row") == 0)
		emit_row(s);
}

static void XMLCALL sheet_text(void *ud, const char *txt, int len)
{
	sheet *s = ud;
	if ((s->in_v || (s->in_is_t && !s->in_rph)) && pb_buf_add(&s->v, txt, (size_t)len))
		abort_oom(s);
}

/* ---- the workbook ------------------------------------------------------------------------------ */

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

static int read_meta(workbook *w)
{
	struct {
		const char *part;
		XML_StartElementHandler st;
		XML_EndElementHandler en;
		XML_CharacterDataHandler tx;
		int required;
	} parts[] = {
		{ "xl/workbook.xml", wb_start, NULL, NULL, 1 },
		{ "xl/_rels/workbook.xml.rels", rels_start, NULL, NULL, 1 },
		{ "xl/sharedStrings.xml", sst_start, sst_end, sst_text, 0 },
		{ "xl/styles.xml", styles_start, styles_end, NULL, 0 },
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		XML_Parser p = new_parser(w, parts[i].st, parts[i].en, parts[i].tx);
		if (!p)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		int rc = parse_part(w, parts[i].part, p, NULL);
		XML_ParserFree(p);
		if (w->oom)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		if (rc == 1 && parts[i].required)
			return broken(w, NULL, "不是有效的 xlsx 文件（缺少工作簿部件）",
				      "not a valid xlsx file (the workbook part is missing)");
		if (rc != 0 && rc != 1)
			return rc;
	}
	return 0;
}

/* The zip path of sheet i, from its relationship's target. */
static int resolve_paths(workbook *w)
{
	w->sheet_paths = calloc(w->nsheets ? w->nsheets : 1, sizeof(char *));
	if (!w->sheet_paths)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	for (size_t i = 0; i < w->nsheets; i++) {
		const char *target = NULL;
		for (size_t k = 0; k < w->nrels; k++)
			if (strcmp(w->rel_ids[k], w->sheet_rids[i]) == 0)
				target = w->rel_targets[k];
		if (!target)
			continue;
		char *path;
		if (target[0] == '/')
			path = strdup(target + 1);
		else if (asprintf(&path, "xl/%s", target) < 0)
			path = NULL;
		if (!path)
			return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		w->sheet_paths[i] = path;
	}
	return 0;
}

static int read_sheet(workbook *w, size_t i, const pb_table_sink *sink)
{
	if (!w->sheet_paths[i])
		return broken(w, w->sheet_names[i], "工作表缺失（工作簿引用了不存在的部件）",
			      "the sheet is missing (the workbook names a part that is not there)");
	sheet s = { .w = w, .sink = sink, .next_row = 1 };
	s.parser = new_parser(&s, sheet_start, sheet_end, sheet_text);
	if (!s.parser)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	int rc = sink->sheet ? sink->sheet(sink->ctx, w->sheet_names[i]) : 0;
	if (!rc) {
		rc = parse_part(w, w->sheet_paths[i], s.parser, w->sheet_names[i]);
		if (rc == 1)
			rc = broken(w, w->sheet_names[i], "工作表缺失（工作簿引用了不存在的部件）",
				    "the sheet is missing (the workbook names a part that is not there)");
		if (s.stop)
			rc = s.stop;
	}
	XML_ParserFree(s.parser);
	free(s.cells);
	free(s.starts);
	free(s.fixed);
	free(s.text.p);
	free(s.v.p);
	return rc;
}

static void free_list(char **a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(a[i]);
	free(a);
}

int pb_table_read_xlsx(const pb_source *src, const pb_table_sink *sink, pb_report *rep)
{
	workbook w = { .src = src, .rep = rep };
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *zs = zip_source_buffer_create(src->data, src->len, 0, &ze);
	if (zs)
		w.zip = zip_open_from_source(zs, ZIP_RDONLY, &ze);
	zip_error_fini(&ze);
	if (!w.zip) {
		if (zs)
			zip_source_free(zs);
		return broken(&w, NULL, "文件不完整或已损坏（不是有效的 xlsx 压缩包）",
			      "the file is truncated or corrupt (not a valid xlsx zip)");
	}
	w.numfmt_date = calloc(1000, sizeof(int));
	int rc = w.numfmt_date ? read_meta(&w) : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	if (!rc)
		rc = resolve_paths(&w);
	for (size_t i = 0; !rc && i < w.nsheets; i++)
		rc = read_sheet(&w, i, sink);
	zip_discard(w.zip); /* read-only: discard frees the archive and its source */
	free_list(w.sheet_names, w.nsheets);
	free_list(w.sheet_rids, w.nsheets);
	if (w.sheet_paths)
		free_list(w.sheet_paths, w.nsheets);
	free_list(w.rel_ids, w.nrels);
	free_list(w.rel_targets, w.nrels);
	free(w.sst_text.p);
	free(w.sst_off);
	free(w.numfmt_date);
	free(w.xf_date);
	return rc;
}
