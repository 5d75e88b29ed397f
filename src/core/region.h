/*
 * region.h - the province-level division a place name is in, for grouping investors by
 * where they come from (投资方来源地: "广东省深圳市", "广东深圳", "上海", "德国").
 */
#ifndef PB_REGION_H
#define PB_REGION_H

#include <stddef.h>

/**
 * The short name ("广东", "内蒙古", "香港") of the province, autonomous region, municipality
 * or SAR that `place` (`len` bytes) starts with, or NULL when it starts with none (a
 * foreign country, or nothing). Static.
 */
const char *pb_region_province(const char *place, size_t len);

#endif
