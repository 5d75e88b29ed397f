/* test_unit.c - units in headers and their factors (src/core/unit.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "unit.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void split_n(const char *h, size_t name_size, size_t unit_size, const char *name,
		    const char *unit)
{
	char n[128], u[128];
	memset(n, 'x', sizeof(n));
	memset(u, 'x', sizeof(u));
	pb_unit_split(h, strlen(h), n, name_size, u, unit_size);
	if (strcmp(n, name) != 0 || strcmp(u, unit) != 0)
		fail_msg("\"%s\": name \"%s\" unit \"%s\", wanted \"%s\" \"%s\"", h, n, u, name,
			 unit);
}

static void split(const char *h, const char *name, const char *unit)
{
	split_n(h, 128, 128, name, unit);
}

static void test_split_brackets(void **state)
{
	(void)state;
	split("工业总产值（亿元）", "工业总产值", "亿元");
	split("工业总产值(亿元)", "工业总产值", "亿元");
	split("工业总产值[亿元]", "工业总产值", "亿元");
	split("工业总产值【亿元】", "工业总产值", "亿元");
	split("工业总产值〔亿元〕", "工业总产值", "亿元");
	split("工业总产值［亿元］", "工业总产值", "亿元");
	/* widths mixed by an input method switching half-way */
	split("工业总产值(亿元）", "工业总产值", "亿元");
	split("工业总产值（亿元)", "工业总产值", "亿元");
	split("用电量[万千瓦时】", "用电量", "万千瓦时");
	/* blanks around and inside are trimmed */
	split(" 工业总产值 （ 亿元 ） ", "工业总产值", "亿元");
	split("\xe3\x80\x80用电量（kWh）\xe3\x80\x80", "用电量", "kWh");
	/* "单位：" inside the bracket is not part of the unit */
	split("营业收入（单位：万元）", "营业收入", "万元");
	split("营业收入(单位:万元)", "营业收入", "万元");
	split("营业收入（单位 万元）", "营业收入", "万元");
	/* the last bracket; nested pairs are counted */
	split("产值（现价）（亿元）", "产值（现价）", "亿元");
	split("产值（亿元（现价））", "产值", "亿元（现价）");
	split("产值（亿元[现价]）", "产值", "亿元[现价]");
	/* the content is returned even when it is not a unit: the caller decides */
	split("企业名称（全称）", "企业名称", "全称");
	split("（亿元）", "", "亿元");
	split("产值（）", "产值", "");
	/* a bracket that does not end the header is part of the name */
	split("人造纤维（纤维素纤维）制造", "人造纤维（纤维素纤维）制造", "");
	/* a closer without its opener, or of another family */
	split("产值)", "产值)", "");
	split("产值【万元）", "产值【万元）", "");
	split("产值亿元）", "产值亿元）", "");
}

static void test_split_separators(void **state)
{
	(void)state;
	split("闲置用地/平方米", "闲置用地", "平方米");
	split("闲置用地／平方米", "闲置用地", "平方米");
	split("产值：万元", "产值", "万元");
	split("产值:万元", "产值", "万元");
	split("用电量 / kWh ", "用电量", "kWh");
	split("综合能耗/tce", "综合能耗", "tce");
	split("用地面积/m²", "用地面积", "m²");
	/* the last separator decides */
	split("税收/产值/万元", "税收/产值", "万元");
	/* what follows is not a unit: the whole header is a name */
	split("负债/资产", "负债/资产", "");
	split("备注：其他", "备注：其他", "");
	split("税收/产值/其他", "税收/产值/其他", "");
	/* no name before the separator, no unit after it, a unit too long to be one */
	split("/万元", "/万元", "");
	split("产值/ ", "产值/", "");
	split("产值/万元万元万元万元万元万元万元万元万元万元万元",
	      "产值/万元万元万元万元万元万元万元万元万元万元万元", "");
	/* no unit at all */
	split(" 企业名称 ", "企业名称", "");
	split("", "", "");
}

static void test_split_sizes(void **state)
{
	(void)state;
	/* truncation keeps whole UTF-8 characters: 工业 is 6 bytes, 工业总 9 */
	split_n("工业总产值（亿元）", 7, 128, "工业", "亿元");
	split_n("工业总产值（亿元）", 8, 128, "工业", "亿元");
	split_n("工业总产值（亿元）", 10, 128, "工业总", "亿元");
	split_n("工业总产值（亿元）", 128, 4, "工业总产值", "亿");
	split_n("工业总产值（亿元）", 128, 3, "工业总产值", "");
	split_n("工业总产值（亿元）", 1, 1, "", "");
	split_n("闲置用地/平方米", 4, 7, "闲", "平方");
	/* a size of 0 writes nothing */
	char n[8] = "keep", u[8] = "keep";
	pb_unit_split("产值（万元）", strlen("产值（万元）"), n, 0, u, 0);
	assert_string_equal(n, "keep");
	assert_string_equal(u, "keep");
	/* only len bytes are read */
	char n2[32], u2[32];
	const char *h = "产值（万元）后缀";
	pb_unit_split(h, strlen("产值（万元）"), n2, sizeof(n2), u2, sizeof(u2));
	assert_string_equal(n2, "产值");
	assert_string_equal(u2, "万元");
}

static double factor(pb_dim d, const char *u)
{
	double f = -1;
	if (!pb_unit_factor(d, u, &f))
		fail_msg("\"%s\" refused for dimension %d", u ? u : "(null)", (int)d);
	return f;
}

static void test_factors(void **state)
{
	(void)state;
	static const struct {
		pb_dim dim;
		const char *unit;
		double f;
	} cases[] = {
		{ PB_DIM_MONEY, "元", 0.0001 },
		{ PB_DIM_MONEY, "千元", 0.1 },
		{ PB_DIM_MONEY, "万元", 1 },
		{ PB_DIM_MONEY, "万", 1 },
		{ PB_DIM_MONEY, "百万元", 100 },
		{ PB_DIM_MONEY, "亿元", 10000 },
		{ PB_DIM_MONEY, "亿", 10000 },
		{ PB_DIM_ELECTRICITY, "千瓦时", 0.0001 },
		{ PB_DIM_ELECTRICITY, "度", 0.0001 },
		{ PB_DIM_ELECTRICITY, "kWh", 0.0001 },
		{ PB_DIM_ELECTRICITY, "KWH", 0.0001 },
		{ PB_DIM_ELECTRICITY, "kW·h", 0.0001 },
		{ PB_DIM_ELECTRICITY, "\xef\xbd\x8b\xef\xbc\xb7\xef\xbd\x88", 0.0001 }, /* ｋＷｈ */
		{ PB_DIM_ELECTRICITY, "MWh", 0.1 },  /* 1000 kWh = 0.1 万kWh */
		{ PB_DIM_ELECTRICITY, "兆瓦时", 0.1 },
		{ PB_DIM_ELECTRICITY, "万千瓦时", 1 },
		{ PB_DIM_ELECTRICITY, "万度", 1 },
		{ PB_DIM_ELECTRICITY, "万kWh", 1 },
		{ PB_DIM_ELECTRICITY, "亿千瓦时", 10000 },
		{ PB_DIM_ELECTRICITY, "亿kWh", 10000 },
		{ PB_DIM_ENERGY, "千克标准煤", 0.001 },
		{ PB_DIM_ENERGY, "kgce", 0.001 },
		{ PB_DIM_ENERGY, "吨标准煤", 1 },
		{ PB_DIM_ENERGY, "吨标煤", 1 },
		{ PB_DIM_ENERGY, "tce", 1 },
		{ PB_DIM_ENERGY, "TCE", 1 },
		{ PB_DIM_ENERGY, "万吨标准煤", 10000 },
		{ PB_DIM_ENERGY, "万tce", 10000 },
		/* 1 亩 = 10000/15 m², so 1 m² = 15/10000 = 0.0015 亩 */
		{ PB_DIM_LAND, "平方米", 0.0015 },
		{ PB_DIM_LAND, "m2", 0.0015 },
		{ PB_DIM_LAND, "M2", 0.0015 },
		{ PB_DIM_LAND, "m²", 0.0015 },
		{ PB_DIM_LAND, "㎡", 0.0015 },
		{ PB_DIM_LAND, "亩", 1 },
		{ PB_DIM_LAND, "万平方米", 15 },    /* 10000 m² * 0.0015 */
		{ PB_DIM_LAND, "公顷", 15 },        /* 10000 m² */
		{ PB_DIM_LAND, "ha", 15 },
		{ PB_DIM_LAND, "hm²", 15 },
		{ PB_DIM_LAND, "平方公里", 1500 },  /* 100 公顷 */
		{ PB_DIM_LAND, "km²", 1500 },
		{ PB_DIM_LAND, "KM2", 1500 },
		{ PB_DIM_AREA, "平方米", 1 },
		{ PB_DIM_AREA, "m²", 1 },
		{ PB_DIM_AREA, "万平方米", 10000 },
		{ PB_DIM_AREA, "万m²", 10000 },
		{ PB_DIM_PEOPLE, "人", 1 },
		{ PB_DIM_PEOPLE, "名", 1 },
		{ PB_DIM_PEOPLE, "万人", 10000 },
		{ PB_DIM_COUNT, "个", 1 },
		{ PB_DIM_COUNT, "家", 1 },
		{ PB_DIM_COUNT, "户", 1 },
		{ PB_DIM_COUNT, "件", 1 },
		{ PB_DIM_COUNT, "项", 1 },
		{ PB_DIM_PERCENT, "%", 1 },
		{ PB_DIM_PERCENT, "\xef\xbc\x85", 1 }, /* ％ */
		{ PB_DIM_PERCENT, "百分点", 1 },
		{ PB_DIM_MASS, "千克", 0.001 },
		{ PB_DIM_MASS, "公斤", 0.001 },
		{ PB_DIM_MASS, "KG", 0.001 },
		{ PB_DIM_MASS, "吨", 1 },
		{ PB_DIM_MASS, "万吨", 10000 },
		{ PB_DIM_WATER, "吨", 1 },
		{ PB_DIM_WATER, "立方米", 1 },
		{ PB_DIM_WATER, "m³", 1 },
		{ PB_DIM_WATER, "万吨", 10000 },
		{ PB_DIM_WATER, "万立方米", 10000 },
		/* blanks anywhere do not matter */
		{ PB_DIM_MONEY, " 万 元 ", 1 },
		{ PB_DIM_ELECTRICITY, "万 kWh", 1 },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		double f = factor(cases[i].dim, cases[i].unit);
		if (f != cases[i].f)
			fail_msg("\"%s\": %.17g, wanted %.17g", cases[i].unit, f, cases[i].f);
	}
	/* 666.67 m² (the rounded size of 1 亩) is 1.000005 亩; the exact 10000/15 m²
	 * is 1 亩 within a rounding */
	assert_true(fabs(666.67 * factor(PB_DIM_LAND, "平方米") - 1.000005) < 1e-12);
	assert_true(fabs(10000.0 / 15 * factor(PB_DIM_LAND, "平方米") - 1) < 1e-15);
	/* the empty unit is the canonical one, for every dimension */
	for (int d = PB_DIM_NONE; d <= PB_DIM_WATER; d++) {
		assert_true(factor((pb_dim)d, "") == 1);
		assert_true(factor((pb_dim)d, "  ") == 1);
		assert_true(factor((pb_dim)d, NULL) == 1);
		/* and the canonical unit converts with factor 1 */
		assert_true(factor((pb_dim)d, pb_unit_canonical((pb_dim)d)) == 1);
	}
}

static void test_factor_refused(void **state)
{
	(void)state;
	static const struct {
		pb_dim dim;
		const char *unit;
	} cases[] = {
		{ PB_DIM_MONEY, "吨" },
		{ PB_DIM_MONEY, "美元" },
		{ PB_DIM_MONEY, "万kWh" },
		{ PB_DIM_LAND, "万元" },
		{ PB_DIM_AREA, "亩" },
		{ PB_DIM_AREA, "公顷" },
		{ PB_DIM_ELECTRICITY, "亿元" },
		{ PB_DIM_ENERGY, "吨" },
		{ PB_DIM_MASS, "立方米" },
		{ PB_DIM_MASS, "吨标准煤" },
		{ PB_DIM_WATER, "千克" },
		{ PB_DIM_PEOPLE, "个" },
		{ PB_DIM_COUNT, "人" },
		{ PB_DIM_PERCENT, "‰" },
		{ PB_DIM_NONE, "万元" },
		{ PB_DIM_MONEY, "万元/人" },
		{ PB_DIM_MONEY, "全称" },
		{ (pb_dim)99, "万元" },
		{ (pb_dim)99, "" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		double f = -1;
		if (pb_unit_factor(cases[i].dim, cases[i].unit, &f))
			fail_msg("\"%s\" taken for dimension %d", cases[i].unit, (int)cases[i].dim);
		assert_true(f == -1); /* untouched */
	}
}

static void test_canonical(void **state)
{
	(void)state;
	assert_string_equal(pb_unit_canonical(PB_DIM_NONE), "");
	assert_string_equal(pb_unit_canonical(PB_DIM_MONEY), "万元");
	assert_string_equal(pb_unit_canonical(PB_DIM_ELECTRICITY), "万千瓦时");
	assert_string_equal(pb_unit_canonical(PB_DIM_ENERGY), "吨标准煤");
	assert_string_equal(pb_unit_canonical(PB_DIM_LAND), "亩");
	assert_string_equal(pb_unit_canonical(PB_DIM_AREA), "平方米");
	assert_string_equal(pb_unit_canonical(PB_DIM_PEOPLE), "人");
	assert_string_equal(pb_unit_canonical(PB_DIM_COUNT), "个");
	assert_string_equal(pb_unit_canonical(PB_DIM_PERCENT), "%");
	assert_string_equal(pb_unit_canonical((pb_dim)99), "");
	assert_string_equal(pb_unit_canonical((pb_dim)-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_brackets),
		cmocka_unit_test(test_split_separators),
		cmocka_unit_test(test_split_sizes),
		cmocka_unit_test(test_factors),
		cmocka_unit_test(test_factor_refused),
		cmocka_unit_test(test_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
