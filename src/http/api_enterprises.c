/*
 * api_enterprises.c - the enterprise register (企业库):
 *   GET /api/v1/enterprises?q=&park=&sector=&tier=&flags=&offset=&limit=
 *   GET /api/v1/enterprises/:id[?from=YYYY-MM&to=YYYY-MM]
 * The user's scope goes into the search itself (a park operator's parks, an enterprise
 * user's own id), and one enterprise outside it is 403, in the API as in exports.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "auth.h"
#include "error.h"
#include "http.h"
#include "json_value.h"
#include "month.h"
#include "store_enterprise.h"

static const char *const flag_keys[] = { "above_scale", "high_tech", "specialized",
					 "little_giant", "champion", "tech_sme" };

/* flags=high_tech,specialized → PB_EF_* bits; -1 when a key is unknown. */
static long long parse_flags(const char *s)
{
	unsigned bits = 0;
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		int found = 0;
		for (size_t k = 0; k < sizeof(flag_keys) / sizeof(flag_keys[0]); k++)
			if (strlen(flag_keys[k]) == len && strncmp(s, flag_keys[k], len) == 0) {
				bits |= 1u << k;
				found = 1;
			}
		if (!found)
			return -1;
		s = comma ? comma + 1 : NULL;
	}
	return bits;
}

static json_t *flags_json(unsigned flags)
{
	json_t *a = json_array();
	for (size_t k = 0; k < sizeof(flag_keys) / sizeof(flag_keys[0]); k++)
		if (flags >> k & 1)
			json_array_append_new(a, json_string(flag_keys[k]));
	return a;
}

static json_t *row_json(const pb_enterprise_row *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "uscc", pb_json_text(e->uscc));
	json_object_set_new(o, "name", pb_json_text(e->name));
	json_object_set_new(o, "industry", pb_json_text(e->industry));
	json_object_set_new(o, "sector", pb_json_text(e->sector));
	json_object_set_new(o, "park", pb_json_text(e->park));
	json_object_set_new(o, "park_id", e->park_id ? json_integer(e->park_id) : json_null());
	json_object_set_new(o, "tier", pb_json_text(pb_tier_name((pb_tier)e->tier)));
	json_object_set_new(o, "flags", flags_json(e->flags));
	json_object_set_new(o, "land", pb_json_num(e->land));
	return o;
}

/* The user's scope as a filter: the parks of a park operator, an enterprise user's own. */
static void scope(pb_enterprise_filter *f, const pb_user *u)
{
	if (u->role == PB_ROLE_PARK) {
		f->parks = u->parks;
		f->nparks = u->nparks;
	} else if (u->role == PB_ROLE_ENTERPRISE) {
		f->only_id = u->enterprise_id;
	}
}

int pb_api_enterprises(pb_http_resp *resp, const pb_http_req *req)
{
	pb_enterprise_filter f = { .q = pb_http_query(req, "q"), .sector = pb_http_query(req, "sector") };
	long long park = pb_http_query_count(req, "park", 0), tier = pb_http_query_count(req, "tier", 0);
	long long offset = pb_http_query_count(req, "offset", 0), limit = pb_http_query_count(req, "limit", 50);
	long long flags = parse_flags(pb_http_query(req, "flags"));
	if (park < 0)
		return pb_http_bad(resp, "park", "园区编号应为正整数", "park must be a park id");
	if (tier < 0 || tier > PB_TIER_BELOW)
		return pb_http_bad(resp, "tier", "企业层级应为 1（龙头）至 4（规下）", "tier must be 1..4");
	if (offset < 0)
		return pb_http_bad(resp, "offset", "offset 应为非负整数", "offset must be a whole number");
	if (limit < 1 || limit > 1000)
		return pb_http_bad(resp, "limit", "每页 1 至 1000 家", "limit must be 1..1000");
	if (flags < 0)
		return pb_http_bad(resp, "flags", "未知的企业标签（above_scale、high_tech、specialized、"
			   "little_giant、champion、tech_sme）", "unknown flag");
	f.park_id = park;
	f.tier = (int)tier;
	f.flags = (unsigned)flags;
	f.offset = (size_t)offset;
	f.limit = (size_t)limit;
	scope(&f, req->user);
	pb_enterprise_page pg;
	int rc = pb_store_enterprise_search(&pg, req->st, &f);
	if (rc) {
		pb_enterprise_page_free(&pg);
		return rc;
	}
	json_t *o = json_object(), *rows = json_array();
	for (size_t i = 0; i < pg.n; i++)
		json_array_append_new(rows, row_json(&pg.rows[i]));
	json_object_set_new(o, "total", json_integer(pg.total));
	json_object_set_new(o, "offset", json_integer(offset));
	json_object_set_new(o, "limit", json_integer(limit));
	json_object_set_new(o, "enterprises", rows);
	pb_enterprise_page_free(&pg);
	return pb_http_json(resp, 200, o);
}

static int parse_month_arg(const pb_http_req *req, const char *key, int *out)
{
	const char *s = pb_http_query(req, key);
	*out = 0;
	return s && *s && !pb_month_parse(s, strlen(s), out) ? -1 : 0;
}

int pb_api_enterprise(pb_http_resp *resp, const pb_http_req *req)
{
	int64_t id = pb_http_id(req->param[0]);
	if (!id)
		return pb_http_bad(resp, "id", "企业编号应为正整数", "id must be an enterprise id");
	int from, to;
	if (parse_month_arg(req, "from", &from))
		return pb_http_bad(resp, "from", "月份应为 YYYY-MM", "from must be YYYY-MM");
	if (parse_month_arg(req, "to", &to))
		return pb_http_bad(resp, "to", "月份应为 YYYY-MM", "to must be YYYY-MM");
	pb_enterprise_detail d;
	int rc = pb_store_enterprise_detail(&d, req->st, id, from, to);
	if (rc == PB_ENOTFOUND) {
		pb_enterprise_detail_free(&d);
		return pb_http_error(resp, 404, "not_found", "没有该企业", "no such enterprise", "id");
	}
	if (!rc && !pb_auth_sees_enterprise(req->user, d.e.id, d.e.park_id)) {
		pb_enterprise_detail_free(&d);
		return pb_http_error(resp, 403, "forbidden", "无权查看该企业", "this enterprise is "
				     "outside your scope", "id");
	}
	if (rc) {
		pb_enterprise_detail_free(&d);
		return rc;
	}
	json_t *o = row_json(&d.e), *plots = json_array(), *months = json_array();
	for (size_t i = 0; i < d.nplots; i++) {
		const pb_land_plot *p = &d.plots[i];
		json_t *e = json_object();
		json_object_set_new(e, "plot_code", pb_json_text(p->plot_code));
		json_object_set_new(e, "area", pb_json_num(p->area));
		json_object_set_new(e, "idle_area", pb_json_num(p->idle_area));
		json_object_set_new(e, "floor_area", pb_json_num(p->floor_area));
		json_object_set_new(e, "leased", json_boolean(p->leased == 1));
		json_object_set_new(e, "shared_parcel", pb_json_text(p->shared_parcel));
		json_array_append_new(plots, e);
	}
	for (size_t i = 0; i < d.nmonths; i++) {
		json_t *e = json_object();
		char m[8];
		pb_month_format(d.months[i].month, m);
		json_object_set_new(e, "month", json_string(m));
		for (int k = 0; k < PB_METRIC_COUNT; k++)
			json_object_set_new(e, pb_metric_key(k), pb_json_num(d.months[i].v[k]));
		json_array_append_new(months, e);
	}
	json_object_set_new(o, "plots", plots);
	json_object_set_new(o, "months", months);
	pb_enterprise_detail_free(&d);
	return pb_http_json(resp, 200, o);
}
