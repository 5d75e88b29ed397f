/*
 * unit.h - units written in column headers, and conversion to the stored unit.
 *
 * Bureau files put the unit in the header: "工业总产值（亿元）", "用电量(千瓦时)",
 * "闲置用地/平方米". Each stored figure has one canonical unit per dimension:
 *   money       万元        (元 0.0001, 千元 0.1, 万元 1, 百万元 100, 亿元 10000)
 *   electricity 万千瓦时    (千瓦时/度/kWh 0.0001, 万千瓦时 1, 亿千瓦时 10000)
 *   energy      吨标准煤    (千克标准煤/kgce 0.001, 吨标准煤/tce 1, 万吨标准煤 10000)
 *   land        亩          (平方米/m² 1/666.67, 亩 1, 公顷 15, 平方公里/km² 1500)
 *   area        平方米      (平方米 1, 万平方米 10000)
 *   people      人          (人 1, 万人 10000)
 *   count       个          (个/家/件/项 1)
 *   percent     %           (% 1)
 * (1 亩 = 10000/15 m² = 666.67 m², the legal definition; 1 公顷 = 15 亩.)
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
} pb_dim;

/**
 * Split a header into its name and unit: "工业总产值（亿元）" gives name
 * "工业总产值" and unit "亿元"; recognised wrappers are （…） (…) [...] 【…】 and a
 * trailing "/unit" or "：unit"; a header without one gives an empty unit.
 * `name` and `unit` receive NUL-terminated copies (truncated to their sizes);
 * surrounding blanks are trimmed from both.
 */
void pb_unit_split(const char *header, size_t len, char *name, size_t name_size,
		   char *unit, size_t unit_size);

/**
 * The factor that converts a value written in `unit` to the canonical unit of `dim`
 * (value_stored = value_written * factor). Returns true and sets *factor, or false
 * if `unit` is not a unit of `dim`. An empty unit means the canonical one (factor 1).
 */
bool pb_unit_factor(pb_dim dim, const char *unit, double *factor);

/** The canonical unit's name for `dim` ("万元", "亩", ...; "" for PB_DIM_NONE). */
const char *pb_unit_canonical(pb_dim dim);

#endif
