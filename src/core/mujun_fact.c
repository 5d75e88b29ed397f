/* mujun_fact.c - the kinds of fact the 亩均 rules are about; see mujun.h. */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "mujun.h"
#include "text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The incidents, missed tasks and statuses the published schemes name in their rules
 * (一票否决, protections, enterprises not suited to evaluation). */
static const pb_mujun_fact_kind kinds[] = {
	{ "safety_accident", "安全生产事故", "work safety accident" },
	{ "environment_accident", "环境污染事故", "environmental pollution accident" },
	{ "food_safety_accident", "食品安全事故", "food safety accident" },
	{ "illegal_land", "违法用地", "illegal land use" },
	{ "energy_task_missed", "未完成节能减排任务", "energy-saving and emission-reduction task missed" },
	{ "new_enterprise", "新投产企业", "newly producing enterprise" },
	{ "newly_above_scale", "新升规企业", "newly above designated size" },
	{ "build_period", "重大项目建设期", "major project under construction" },
	{ "utility", "公用事业企业", "public utility" },
	{ "not_producing", "停产或未投产", "not producing" },
};

const pb_mujun_fact_kind *pb_mujun_fact_kinds(size_t *n)
{
	*n = COUNT(kinds);
	return kinds;
}

const char *pb_mujun_fact_kind_name(const char *key)
{
	for (size_t i = 0; key && i < COUNT(kinds); i++)
		if (strcmp(kinds[i].key, key) == 0)
			return kinds[i].name;
	return key;
}

/* [a-z][a-z0-9_]{0,30}: what a scheme may use as a rule's key. */
static int ascii_key(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 31 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

int pb_mujun_fact_kind_parse(const char **key, const char *text)
{
	*key = NULL;
	const char *s = text ? text : "";
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (strcmp(s, kinds[i].key) == 0) {
			*key = kinds[i].key;
			return 0;
		}
	/* a Chinese name matches however blanks and full-width forms are written */
	char want[128], have[128];
	pb_text_key(s, strlen(s), want, sizeof(want));
	for (size_t i = 0; i < COUNT(kinds); i++) {
		pb_text_key(kinds[i].name, strlen(kinds[i].name), have, sizeof(have));
		if (want[0] && strcmp(want, have) == 0) {
			*key = kinds[i].key;
			return 0;
		}
	}
	if (ascii_key(s))
		return 0;
	char zh[512] = "", en[512] = "";
	for (size_t i = 0, lz = 0, le = 0; i < COUNT(kinds); i++) {
		if (lz < sizeof(zh))
			lz += (size_t)snprintf(zh + lz, sizeof(zh) - lz, "%s%s", i ? "、" : "",
					       kinds[i].name);
		if (le < sizeof(en))
			le += (size_t)snprintf(en + le, sizeof(en) - le, "%s%s", i ? ", " : "",
					       kinds[i].key);
	}
	return pb_error_set(PB_EINVAL,
			    "未知的事项「%s」（应为%s之一，或英文代码） / unknown fact kind \"%s\" "
			    "(one of %s, or another key of the form [a-z][a-z0-9_]{0,30})", s, zh, s,
			    en);
}
