/*
 * import_header.c - recognising the header of an import file.
 *
 * Bureau spreadsheets rarely start with a clean header in row 1: there is often a
 * title row ("2024年1月规上工业企业主要指标"), a note row, and a header of two rows
 * where a merged cell "工业总产值（万元）" stands over "本月" and "上年同期". The
 * header is therefore searched for in the first rows of each sheet: the row whose
 * cells name the most columns of the kind wins; if the row under it holds period
 * words (本月/上年同期/...), the two rows are read together, the upper cell carried
 * right across the merged span.
 */
#include "import_header.h"

#include <stdio.h>
#include <string.h>

#include "text.h"
#include "unit.h"

/* Period words, as the second header row or inside a header. */
static const char *const prev_words[] = { "上年同期", "去年同期", "上年同月", "上年", "同期" };
static const char *const cur_words[] = { "本月", "本期", "当月", "本年本月", "当期" };
static const char *const cum_words[] = { "累计", "本年累计", "1-本月" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int has_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i]))
			return 1;
	return 0;
}

/* Remove every occurrence of each word from s (in place). */
static void strip_words(char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t wl = strlen(words[i]);
		char *p;
		while ((p = strstr(s, words[i])))
			memmove(p, p + wl, strlen(p + wl) + 1);
	}
}

/* Drop separators left at the ends after stripping ("_", "-", ",", "，", "、"). */
static void trim_seps(char *s)
{
	static const char *const seps[] = { "_", "-", ",", "，", "、", "/", ":", "：" };
	int again = 1;
	while (again) {
		again = 0;
		for (size_t i = 0; i < COUNT(seps); i++) {
			size_t sl = strlen(seps[i]), n = strlen(s);
			if (n >= sl && strncmp(s, seps[i], sl) == 0) {
				memmove(s, s + sl, n - sl + 1);
				again = 1;
			} else if (n >= sl && strcmp(s + n - sl, seps[i]) == 0) {
				s[n - sl] = '\0';
				again = 1;
			}
		}
	}
}

int pb_header_is_period_row(const pb_cell *cells, size_t n)
{
	int hits = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cells[i].len)
			continue;
		char key[128];
		pb_text_key(cells[i].text, cells[i].len, key, sizeof(key));
		if (has_any(key, prev_words, COUNT(prev_words)) ||
		    has_any(key, cur_words, COUNT(cur_words)) ||
		    has_any(key, cum_words, COUNT(cum_words)))
			hits++;
	}
	return hits > 0;
}

static int names_match(const char *key, const char *names)
{
	/* names is '|'-separated; compare each in matching form */
	while (names && *names) {
		const char *bar = strchr(names, '|');
		size_t n = bar ? (size_t)(bar - names) : strlen(names);
		char k[128];
		pb_text_key(names, n, k, sizeof(k));
		if (strcmp(k, key) == 0)
			return 1;
		names = bar ? bar + 1 : NULL;
	}
	return 0;
}

static int spec_matches(const pb_column *c, const char *key)
{
	char en[64];
	pb_text_key(c->en, strlen(c->en), en, sizeof(en));
	return names_match(key, c->zh) || names_match(key, c->aliases) || strcmp(key, en) == 0;
}

int pb_header_match(const pb_kind *kind, const char *top, size_t top_len, const char *sub,
		    size_t sub_len, pb_header_match_result *out)
{
	memset(out, 0, sizeof(*out));
	out->spec = -1;
	out->factor = 1;
	char name[256], unit[128], subkey[128] = "";
	pb_unit_split(top, top_len, name, sizeof(name), unit, sizeof(unit));
	char key[256];
	pb_text_key(name, strlen(name), key, sizeof(key));
	char ukey[128];
	pb_text_key(unit, strlen(unit), ukey, sizeof(ukey));
	if (sub)
		pb_text_key(sub, sub_len, subkey, sizeof(subkey));

	/* Where is the period said: in the sub-header, the name or the bracket? */
	int prev = has_any(subkey, prev_words, COUNT(prev_words)) ||
		   has_any(ukey, prev_words, COUNT(prev_words));
	int cum = has_any(subkey, cum_words, COUNT(cum_words)) ||
		  has_any(ukey, cum_words, COUNT(cum_words)) ||
		  has_any(key, cum_words, COUNT(cum_words));
	/* "上年同期工业总产值": the word is part of the name; the bare name must still
	 * match a column, so "上年" inside an unrelated header is not taken for one. */
	char bare[256];
	snprintf(bare, sizeof(bare), "%s", key);
	strip_words(bare, prev_words, COUNT(prev_words));
	strip_words(bare, cur_words, COUNT(cur_words));
	trim_seps(bare);
	int name_prev = strcmp(bare, key) != 0 && has_any(key, prev_words, COUNT(prev_words));
	strip_words(ukey, prev_words, COUNT(prev_words));
	strip_words(ukey, cur_words, COUNT(cur_words));
	trim_seps(ukey);

	for (int pass = 0; pass < 2 && out->spec < 0; pass++) {
		const char *k = pass == 0 ? key : bare;
		int want_prev = prev || (pass == 1 && name_prev);
		for (size_t i = 0; i < kind->ncols; i++) {
			const pb_column *c = &kind->cols[i];
			if (!spec_matches(c, k))
				continue;
			/* the English key "gross_output_prev" names the variant itself */
			int is_prev = (c->flags & PB_COL_PREV) != 0;
			if (strstr(k, "_prev") == NULL && is_prev != want_prev)
				continue;
			out->spec = (int)i;
			break;
		}
	}
	if (out->spec < 0)
		return 0;
	const pb_column *c = &kind->cols[out->spec];
	/* A period total in a column that holds a month's own figure is refused; a column
	 * whose very name is a total (累计增速 of official-rates) is not. */
	char own[128];
	pb_text_key(c->zh, strlen(c->zh), own, sizeof(own));
	if (cum && !has_any(own, cum_words, COUNT(cum_words))) {
		out->cumulative = 1;
		return 0;
	}
	if (c->dim != PB_DIM_NONE && ukey[0]) {
		/* pb_unit_factor wants the unit as written, minus the period words */
		if (!pb_unit_factor(c->dim, ukey, &out->factor)) {
			snprintf(out->bad_unit, sizeof(out->bad_unit), "%s", ukey);
			return 0;
		}
	}
	return 1;
}
