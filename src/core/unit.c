/* unit.c - units in headers and conversion to stored units; see unit.h. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "text.h"

typedef struct unit_def {
	pb_dim dim;
	const char *name; /* in matching form (pb_text_key): lower-case, no blanks */
	double factor;
} unit_def;

/* 1 亩 = 10000/15 m² exactly, so 1 m² = 15/10000 亩 = 0.0015 亩. */
static const unit_def units[] = {
	{ PB_DIM_MONEY, "元", 1e-4 },
	{ PB_DIM_MONEY, "千元", 0.1 },
	{ PB_DIM_MONEY, "万元", 1 },
	{ PB_DIM_MONEY, "百万元", 100 },
	{ PB_DIM_MONEY, "亿元", 1e4 },
	{ PB_DIM_MONEY, "万", 1 },
	{ PB_DIM_MONEY, "亿", 1e4 },
	{ PB_DIM_ELECTRICITY, "千瓦时", 1e-4 },
	{ PB_DIM_ELECTRICITY, "度", 1e-4 },
	{ PB_DIM_ELECTRICITY, "kwh", 1e-4 },
	{ PB_DIM_ELECTRICITY, "kw·h", 1e-4 },
	{ PB_DIM_ELECTRICITY, "万千瓦时", 1 },
	{ PB_DIM_ELECTRICITY, "万度", 1 },
	{ PB_DIM_ELECTRICITY, "万kwh", 1 },
	{ PB_DIM_ELECTRICITY, "亿千瓦时", 1e4 },
	{ PB_DIM_ENERGY, "千克标准煤", 1e-3 },
	{ PB_DIM_ENERGY, "kgce", 1e-3 },
	{ PB_DIM_ENERGY, "吨标准煤", 1 },
	{ PB_DIM_ENERGY, "吨标煤", 1 },
	{ PB_DIM_ENERGY, "tce", 1 },
	{ PB_DIM_ENERGY, "万吨标准煤", 1e4 },
	{ PB_DIM_LAND, "平方米", 0.0015 },
	{ PB_DIM_LAND, "m2", 0.0015 },
	{ PB_DIM_LAND, "m²", 0.0015 },
	{ PB_DIM_LAND, "㎡", 0.0015 },
	{ PB_DIM_LAND, "亩", 1 },
	{ PB_DIM_LAND, "公顷", 15 },
	{ PB_DIM_LAND, "ha", 15 },
	{ PB_DIM_LAND, "平方公里", 1500 },
	{ PB_DIM_LAND, "km2", 1500 },
	{ PB_DIM_LAND, "km²", 1500 },
	{ PB_DIM_AREA, "平方米", 1 },
	{ PB_DIM_AREA, "m2", 1 },
	{ PB_DIM_AREA, "m²", 1 },
	{ PB_DIM_AREA, "㎡", 1 },
	{ PB_DIM_AREA, "万平方米", 1e4 },
	{ PB_DIM_PEOPLE, "人", 1 },
	{ PB_DIM_PEOPLE, "万人", 1e4 },
	{ PB_DIM_COUNT, "个", 1 },
	{ PB_DIM_COUNT, "家", 1 },
	{ PB_DIM_COUNT, "件", 1 },
	{ PB_DIM_COUNT, "项", 1 },
	{ PB_DIM_PERCENT, "%", 1 },
	{ PB_DIM_PERCENT, "％", 1 },
};

static const char *const canonical[] = {
	"", "万元", "万千瓦时", "吨标准煤", "亩", "平方米", "人", "个", "%",
};

const char *pb_unit_canonical(pb_dim dim)
{
	return dim >= 0 && dim <= PB_DIM_PERCENT ? canonical[dim] : "";
}

bool pb_unit_factor(pb_dim dim, const char *unit, double *factor)
{
	char key[64];
	pb_text_key(unit, strlen(unit), key, sizeof(key));
	if (!key[0]) {
		*factor = 1;
		return true;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (units[i].dim == dim && strcmp(units[i].name, key) == 0) {
			*factor = units[i].factor;
			return true;
		}
	}
	return false;
}

static void copy_trimmed(const char *s, size_t len, char *out, size_t size)
{
	pb_text_trim(&s, &len);
	if (len >= size)
		len = size - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

/* Find the last opening bracket whose closing one ends the text. */
static int bracket_unit(const char *h, size_t len, size_t *open, size_t *inner, size_t *ilen)
{
	static const struct { const char *o, *c; } pairs[] = {
		{ "（", "）" }, { "(", ")" }, { "[", "]" }, { "【", "】" }, { "〔", "〕" },
	};
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		size_t ol = strlen(pairs[k].o), cl = strlen(pairs[k].c);
		if (len < ol + cl || memcmp(h + len - cl, pairs[k].c, cl) != 0)
			continue;
		for (size_t i = len - cl; i-- > 0;) {
			if (i + ol <= len - cl && memcmp(h + i, pairs[k].o, ol) == 0) {
				*open = i;
				*inner = i + ol;
				*ilen = len - cl - (i + ol);
				return 1;
			}
		}
	}
	return 0;
}

void pb_unit_split(const char *header, size_t len, char *name, size_t name_size, char *unit,
		   size_t unit_size)
{
	const char *h = header;
	pb_text_trim(&h, &len);
	size_t open, inner, ilen;
	if (bracket_unit(h, len, &open, &inner, &ilen)) {
		copy_trimmed(h, open, name, name_size);
		copy_trimmed(h + inner, ilen, unit, unit_size);
		return;
	}
	/* "闲置用地/平方米", "产值：万元": the last separator splits, if a name is left */
	static const char *const seps[] = { "/", "／", "：", ":" };
	size_t best = 0, best_len = 0;
	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		size_t sl = strlen(seps[k]);
		for (size_t i = len; i-- > 1;)
			if (i + sl <= len && memcmp(h + i, seps[k], sl) == 0) {
				if (i > best)
					best = i, best_len = sl;
				break;
			}
	}
	if (best > 0) {
		copy_trimmed(h, best, name, name_size);
		copy_trimmed(h + best + best_len, len - best - best_len, unit, unit_size);
		return;
	}
	copy_trimmed(h, len, name, name_size);
	unit[0] = '\0';
}
