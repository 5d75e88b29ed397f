/*
 * unit.h - units written in column headers, and conversion to the stored unit.
 *
 * Bureau files put the unit in the header: "工业总产值（亿元）", "用电量(千瓦时)",
 * "闲置用地/平方米". Each stored figure has one canonical unit per dimension:
 *   money       万元        (元 0.0001, 千元 0.1, 万元/万 1, 百万元 100, 亿元/亿 10000)
 *   electricity 万千瓦时    (千瓦时/度/kWh/kW·h 0.0001, 兆瓦时/MWh 0.1,
 *                            万千瓦时/万度/万kWh 1, 亿千瓦时/亿度/亿kWh 10000)
 *   energy      吨标准煤    (千克标准煤/千克标煤/kgce 0.001, 吨标准煤/吨标煤/tce 1,
 *                            万吨标准煤/万吨标煤/万tce 10000)
 *   land        亩          (平方米/平米/m2/m²/㎡ 0.0015, 亩 1, 万平方米 15,
 *                            公顷/ha/hm² 15, 平方公里/平方千米/km² 1500)
 *   area        平方米      (平方米/平米/m2/m²/㎡ 1, 万平方米/万m² 10000)
 *   people      人          (人/名 1, 万人 10000)
 *   count       个          (个/家/户/件/项 1)
 *   percent     %           (%/％/百分点 1)
 *   mass        吨          (千克/公斤/kg 0.001, 吨/t 1, 万吨 10000): emissions
 *   water       吨          (吨/t/立方米/m3/m³ 1, 万吨/万立方米/万m3/万m³ 10000): water
 *                            use, 1 m³ of water being 1 吨 as the water bills count it
 * (1 亩 = 10000/15 m² ≈ 666.67 m², the legal definition, so 1 m² = 15/10000 =
 * 0.0015 亩 exactly; 1 公顷 = 15 亩.) Units match without regard to blanks, case or
 * full-width forms ("KWH", "ｋＷｈ" and "kWh" are one unit).
 */
#ifndef PB_UNIT_H
#define PB_UNIT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum pb_dim {
	PB_DIM_NONE = 0,  /* a figure with no unit (a ratio, a year) */
	PB_DIM_MONEY,
	PB_DIM_ELECTRICITY,
	PB_DIM_ENERGY,
	PB_DIM_LAND,
	PB_DIM_AREA,
	PB_DIM_PEOPLE,
	PB_DIM_COUNT,
	PB_DIM_PERCENT,
	PB_DIM_MASS,
	PB_DIM_WATER,
} pb_dim;

/**
 * Split a header into its name and unit: "工业总产值（亿元）" gives name
 * "工业总产值" and unit "亿元".
 * - A header ending in a bracket: the unit is what the bracket holds. Brackets are
 *   （…） (…) 【…】 [...] 〔…〕 ［…］; round ones match each other whatever their
 *   width ("产值(万元）"), so do square ones; nested pairs are counted
 *   ("产值（亿元（现价））" gives "亿元（现价）"); a leading "单位：" inside is dropped
 *   ("（单位：万元）" gives "万元"). The bracket's content is returned even when it is
 *   not a unit ("企业名称（全称）" gives "全称"); the caller decides.
 * - Otherwise a trailing "/unit", "／unit", "：unit" or ":unit", but only when
 *   that unit is one pb_unit_factor() knows for some dimension and a name is left
 *   before it: "负债/资产" stays a name.
 * - Otherwise the unit is empty ("人造纤维（纤维素纤维）制造" is all name).
 * `name` and `unit` receive NUL-terminated copies, trimmed of blanks and truncated to
 * their sizes at a UTF-8 character boundary.
 */
void pb_unit_split(const char *header, size_t len, char *name, size_t name_size,
		   char *unit, size_t unit_size);

/**
 * The factor that converts a value written in `unit` to the canonical unit of `dim`
 * (value_stored = value_written * factor). Returns true and sets *factor, or false
 * if `unit` is not a unit of `dim` (any unit is refused for PB_DIM_NONE). An empty
 * or NULL unit means the canonical one (factor 1).
 */
bool pb_unit_factor(pb_dim dim, const char *unit, double *factor);

/** The canonical unit's name for `dim` ("万元", "亩", ...; "" for PB_DIM_NONE). */
const char *pb_unit_canonical(pb_dim dim);

#endif
