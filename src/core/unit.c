/* unit.c - units in headers and conversion to stored units; see unit.h. */
#include "unit.h"

#include <string.h>

#include "text.h"

typedef struct unit_def {
	pb_dim dim;
	const char *name; /* in matching form (pb_text_key): lower-case, no blanks */
	double factor;    /* to the canonical unit of dim */
} unit_def;

/*
 * Every factor is written as the exact decimal it is, so that a test can compare
 * with ==. Land: 1 亩 = 10000/15 m² by definition, so 1 m² = 15/10000 = 0.0015 亩
 * (not 1/666.67, which is a rounding of it); 1 公顷 = 10000 m² = 15 亩;
 * 1 km² = 100 公顷 = 1500 亩.
 */
static const unit_def units[] = {
	{ PB_DIM_MONEY, "元", 0.0001 },
	{ PB_DIM_MONEY, "千元", 0.1 },
	{ PB_DIM_MONEY, "万元", 1 },
	{ PB_DIM_MONEY, "万", 1 },
	{ PB_DIM_MONEY, "百万元", 100 },
	{ PB_DIM_MONEY, "亿元", 10000 },
	{ PB_DIM_MONEY, "亿", 10000 },

	{ PB_DIM_ELECTRICITY, "千瓦时", 0.0001 },
	{ PB_DIM_ELECTRICITY, "度", 0.0001 },
	{ PB_DIM_ELECTRICITY, "kwh", 0.0001 },
	{ PB_DIM_ELECTRICITY, "kw·h", 0.0001 },
	{ PB_DIM_ELECTRICITY, "kw.h", 0.0001 },
	{ PB_DIM_ELECTRICITY, "兆瓦时", 0.1 },
	{ PB_DIM_ELECTRICITY, "mwh", 0.1 },
	{ PB_DIM_ELECTRICITY, "万千瓦时", 1 },
	{ PB_DIM_ELECTRICITY, "万度", 1 },
	{ PB_DIM_ELECTRICITY, "万kwh", 1 },
	{ PB_DIM_ELECTRICITY, "万kw·h", 1 },
	{ PB_DIM_ELECTRICITY, "亿千瓦时", 10000 },
	{ PB_DIM_ELECTRICITY, "亿度", 10000 },
	{ PB_DIM_ELECTRICITY, "亿kwh", 10000 },

	{ PB_DIM_ENERGY, "千克标准煤", 0.001 },
	{ PB_DIM_ENERGY, "千克标煤", 0.001 },
	{ PB_DIM_ENERGY, "kgce", 0.001 },
	{ PB_DIM_ENERGY, "吨标准煤", 1 },
	{ PB_DIM_ENERGY, "吨标煤", 1 },
	{ PB_DIM_ENERGY, "tce", 1 },
	{ PB_DIM_ENERGY, "万吨标准煤", 10000 },
	{ PB_DIM_ENERGY, "万吨标煤", 10000 },
	{ PB_DIM_ENERGY, "万tce", 10000 },

	{ PB_DIM_LAND, "平方米", 0.0015 },
	{ PB_DIM_LAND, "平米", 0.0015 },
	{ PB_DIM_LAND, "m2", 0.0015 },
	{ PB_DIM_LAND, "m²", 0.0015 },
	{ PB_DIM_LAND, "㎡", 0.0015 },
	{ PB_DIM_LAND, "亩", 1 },
	{ PB_DIM_LAND, "万平方米", 15 },
	{ PB_DIM_LAND, "公顷", 15 },
	{ PB_DIM_LAND, "ha", 15 },
	{ PB_DIM_LAND, "hm2", 15 },
	{ PB_DIM_LAND, "hm²", 15 },
	{ PB_DIM_LAND, "平方公里", 1500 },
	{ PB_DIM_LAND, "平方千米", 1500 },
	{ PB_DIM_LAND, "km2", 1500 },
	{ PB_DIM_LAND, "km²", 1500 },
	{ PB_DIM_LAND, "㎢", 1500 },

	{ PB_DIM_AREA, "平方米", 1 },
	{ PB_DIM_AREA, "平米", 1 },
	{ PB_DIM_AREA, "m2", 1 },
	{ PB_DIM_AREA, "m²", 1 },
	{ PB_DIM_AREA, "㎡", 1 },
	{ PB_DIM_AREA, "万平方米", 10000 },
	{ PB_DIM_AREA, "万m2", 10000 },
	{ PB_DIM_AREA, "万m²", 10000 },
	{ PB_DIM_AREA, "万㎡", 10000 },

	{ PB_DIM_PEOPLE, "人", 1 },
	{ PB_DIM_PEOPLE, "名", 1 },
	{ PB_DIM_PEOPLE, "万人", 10000 },

	{ PB_DIM_COUNT, "个", 1 },
	{ PB_DIM_COUNT, "家", 1 },
	{ PB_DIM_COUNT, "户", 1 },
	{ PB_DIM_COUNT, "件", 1 },
	{ PB_DIM_COUNT, "项", 1 },

	{ PB_DIM_PERCENT, "%", 1 }, /* "％" is folded to "%" by pb_text_key */
	{ PB_DIM_PERCENT, "百分点", 1 },

	{ PB_DIM_MASS, "千克", 0.001 },
	{ PB_DIM_MASS, "公斤", 0.001 },
	{ PB_DIM_MASS, "kg", 0.001 },
	{ PB_DIM_MASS, "吨", 1 },
	{ PB_DIM_MASS, "t", 1 },
	{ PB_DIM_MASS, "万吨", 10000 },

	{ PB_DIM_WATER, "吨", 1 },
	{ PB_DIM_WATER, "t", 1 },
	{ PB_DIM_WATER, "立方米", 1 },
	{ PB_DIM_WATER, "m3", 1 },
	{ PB_DIM_WATER, "m³", 1 },
	{ PB_DIM_WATER, "万吨", 10000 },
	{ PB_DIM_WATER, "万立方米", 10000 },
	{ PB_DIM_WATER, "万m3", 10000 },
	{ PB_DIM_WATER, "万m³", 10000 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const canonical[] = {
	[PB_DIM_NONE] = "",
	[PB_DIM_MONEY] = "万元",
	[PB_DIM_ELECTRICITY] = "万千瓦时",
	[PB_DIM_ENERGY] = "吨标准煤",
	[PB_DIM_LAND] = "亩",
	[PB_DIM_AREA] = "平方米",
	[PB_DIM_PEOPLE] = "人",
	[PB_DIM_COUNT] = "个",
	[PB_DIM_PERCENT] = "%",
	[PB_DIM_MASS] = "吨",
	[PB_DIM_WATER] = "吨",
};

const char *pb_unit_canonical(pb_dim dim)
{
	return (unsigned)dim < COUNT(canonical) ? canonical[dim] : "";
}

/* The table entry for a unit already in matching form, of `dim` or (dim < 0) of any
 * dimension; NULL if there is none. */
static const unit_def *find_unit(int dim, const char *key)
{
	for (size_t i = 0; i < COUNT(units); i++)
		if ((dim < 0 || (int)units[i].dim == dim) && strcmp(units[i].name, key) == 0)
			return &units[i];
	return NULL;
}

bool pb_unit_factor(pb_dim dim, const char *unit, double *factor)
{
	char key[64];
	if ((unsigned)dim >= COUNT(canonical))
		return false; /* no such dimension, so not even a canonical unit */
	pb_text_key(unit ? unit : "", unit ? strlen(unit) : 0, key, sizeof(key));
	if (!key[0]) {
		*factor = 1;
		return true;
	}
	const unit_def *u = find_unit((int)dim, key);
	if (!u)
		return false;
	*factor = u->factor;
	return true;
}

/* Copy s[0..len), trimmed, into out[size], cut at a UTF-8 character boundary so that
 * a long header never ends in half a character. */
static void copy_trimmed(const char *s, size_t len, char *out, size_t size)
{
	if (size == 0)
		return;
	pb_text_trim(&s, &len);
	if (len >= size) {
		len = size - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--; /* s[len] continues a character: drop the whole character */
	}
	memcpy(out, s, len);
	out[len] = '\0';
}

/* Brackets in families: people mix "(" with "）" when the input method switches
 * half-way, so any opener of a family closes with any closer of the same family. */
typedef struct bracket {
	const char *text;
	int family; /* 0 round, 1 square */
	int open;
} bracket;

static const bracket brackets[] = {
	{ "（", 0, 1 }, { "(", 0, 1 }, { "）", 0, 0 }, { ")", 0, 0 },
	{ "【", 1, 1 }, { "[", 1, 1 }, { "〔", 1, 1 }, { "［", 1, 1 },
	{ "】", 1, 0 }, { "]", 1, 0 }, { "〕", 1, 0 }, { "］", 1, 0 },
};

/* The bracket ending exactly at h[end] (its last byte is h[end - 1]), or NULL. */
static const bracket *bracket_before(const char *h, size_t end)
{
	for (size_t k = 0; k < COUNT(brackets); k++) {
		size_t l = strlen(brackets[k].text);
		if (l <= end && memcmp(h + end - l, brackets[k].text, l) == 0)
			return &brackets[k];
	}
	return NULL;
}

/*
 * When the header ends with a closing bracket, find its opener, walking back and
 * counting nested pairs of the same family ("产值（亿元（现价））" is unit
 * "亿元（现价）"). Sets the opener's offset and the inner text; 0 if no bracket.
 */
static int bracket_unit(const char *h, size_t len, size_t *open, size_t *inner, size_t *ilen)
{
	const bracket *close = bracket_before(h, len);
	if (!close || close->open)
		return 0;
	size_t close_at = len - strlen(close->text);
	int depth = 0;
	for (size_t end = len; end > 0;) {
		const bracket *b = bracket_before(h, end);
		if (!b || b->family != close->family) {
			end--;
			continue;
		}
		end -= strlen(b->text);
		depth += b->open ? -1 : 1;
		if (depth == 0) {
			*open = end;
			*inner = end + strlen(b->text);
			*ilen = close_at - *inner;
			return 1;
		}
	}
	return 0;
}

/* "单位：万元" inside brackets: the word and the colon are not part of the unit. */
static void strip_unit_word(const char **s, size_t *len)
{
	static const char *const prefixes[] = { "单位：", "单位:", "单位" };
	pb_text_trim(s, len);
	for (size_t k = 0; k < COUNT(prefixes); k++) {
		size_t l = strlen(prefixes[k]);
		if (*len >= l && memcmp(*s, prefixes[k], l) == 0) {
			*s += l, *len -= l;
			return;
		}
	}
}

/* Is s[0..len) a unit of some dimension? */
static int is_unit(const char *s, size_t len)
{
	char key[64];
	if (len == 0 || len >= sizeof(key))
		return 0;
	pb_text_key(s, len, key, sizeof(key));
	return key[0] && find_unit(-1, key) != NULL;
}

/*
 * "闲置用地/平方米", "产值：万元": the last "/" or "：" splits, but only when a name
 * is left before it and the text after it is a known unit, so that a ratio such as
 * "负债/资产" stays a name. Sets the separator's offset and length; 0 if none.
 */
static int separator_unit(const char *h, size_t len, size_t *at, size_t *sep_len)
{
	static const char *const seps[] = { "/", "／", "：", ":" };
	for (size_t i = len; i-- > 1;) {
		for (size_t k = 0; k < COUNT(seps); k++) {
			size_t l = strlen(seps[k]);
			if (i + l > len || memcmp(h + i, seps[k], l) != 0)
				continue;
			const char *u = h + i + l;
			size_t ulen = len - i - l;
			pb_text_trim(&u, &ulen);
			if (!is_unit(u, ulen))
				return 0;
			*at = i, *sep_len = l;
			return 1;
		}
	}
	return 0;
}

void pb_unit_split(const char *header, size_t len, char *name, size_t name_size, char *unit,
		   size_t unit_size)
{
	const char *h = header;
	pb_text_trim(&h, &len);
	size_t open, inner, ilen, at, sl;
	if (bracket_unit(h, len, &open, &inner, &ilen)) {
		const char *u = h + inner;
		strip_unit_word(&u, &ilen);
		copy_trimmed(h, open, name, name_size);
		copy_trimmed(u, ilen, unit, unit_size);
		return;
	}
	if (separator_unit(h, len, &at, &sl)) {
		copy_trimmed(h, at, name, name_size);
		copy_trimmed(h + at + sl, len - at - sl, unit, unit_size);
		return;
	}
	copy_trimmed(h, len, name, name_size);
	copy_trimmed("", 0, unit, unit_size);
}
