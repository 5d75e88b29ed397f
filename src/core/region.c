/* region.c - province-level divisions of China by their short names; see region.h. */
#include "region.h"

#include <string.h>

/* The 34 province-level divisions (GB/T 2260), by the short name they are written with.
 * None is a prefix of another, so the first match is the only one. */
static const char *const provinces[] = {
	"北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
	"安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
	"四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港",
	"澳门",
};

const char *pb_region_province(const char *place, size_t len)
{
	if (!place)
		return NULL;
	for (size_t i = 0; i < sizeof(provinces) / sizeof(provinces[0]); i++) {
		size_t n = strlen(provinces[i]);
		if (len >= n && memcmp(place, provinces[i], n) == 0)
			return provinces[i];
	}
	return NULL;
}
