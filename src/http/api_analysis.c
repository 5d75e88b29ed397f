/*
 * api_analysis.c - the monthly operations analysis (月度监测) and the cockpit (驾驶舱):
 *   GET /api/v1/analysis?month=YYYY-MM&group=sector,park&top=10
 *   GET /api/v1/summary
 * Both answer from the server's shared cube (cube_cache.c). A park operator's analysis
 * covers its parks' enterprises only (the analysis's own scope); an enterprise user has
 * no analysis (403): its own figures are on its enterprise's page.
 *
 * Their 200 bodies are kept (resp_cache.h) under the query and the user's whole scope,
 * after the role and scope checks: a repeated request is a lookup. The analysis depends
 * on imported data only; the cockpit also on the warnings and the 亩均 evaluations,
 * which other processes change too (`parkbrain warnings run`, `evaluate run`) without
 * the server seeing it: its body is reused for SUMMARY_MAX_AGE_MS at most.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "analysis_out.h"
#include "api.h"
#include "auth.h"
#include "cube_cache.h"
#include "cube_read.h"
#include "error.h"
#include "http.h"
#include "month.h"
#include "resp_cache.h"
#include "store_mujun.h"
#include "store_user.h"
#include "store_warn.h"

/* group=sector,park → bits; 0 for every grouping when absent; -1 when a key is unknown. */
static long parse_groups(const char *s)
{
	unsigned bits = 0;
	char key[32];
	while (s && *s) {
		const char *comma = strchr(s, ',');
		size_t len = comma ? (size_t)(comma - s) : strlen(s);
		pb_grouping g;
		if (len >= sizeof(key))
			return -1;
		memcpy(key, s, len);
		key[len] = '\0';
		if (pb_grouping_parse(&g, key))
			return -1;
		bits |= 1u << g;
		s += len + (comma != NULL);
	}
	return bits;
}

/* A park operator's scope as a cube bitmap (NULL for zone-wide users). */
static int user_scope(uint64_t **scope, const pb_cube *c, pb_store *st, const pb_user *u)
{
	*scope = NULL;
	if (u->role != PB_ROLE_PARK)
		return 0;
	char names[PB_AUTH_MAX_PARKS][128];
	const char *list[PB_AUTH_MAX_PARKS];
	for (size_t k = 0; k < u->nparks; k++) {
		int rc = pb_store_park_name(names[k], sizeof(names[k]), st, u->parks[k]);
		if (rc)
			return rc;
		list[k] = names[k];
	}
	return pb_cube_park_scope(scope, c, list, u->nparks);
}

/* The analysis of `month` (0: the latest with output reports) as JSON into *out. */
static int analyse(json_t **out, const pb_http_req *req, int month, unsigned groups, int top)
{
	const pb_cube *c = NULL;
	uint64_t *scope = NULL;
	pb_official_rate *rates = NULL;
	size_t nrates = 0;
	pb_analysis an = { 0 };
	char *zone = pb_store_zone_name(req->st);
	int rc = zone ? pb_cube_cache_get(&c, req->st) : PB_ENOMEM;
	if (!rc && !month && !(month = pb_cube_latest_month(c, PB_M_GROSS_OUTPUT)))
		rc = pb_error_set(PB_ENOTFOUND, "尚无月度报表 / no monthly reports yet");
	if (!rc)
		rc = user_scope(&scope, c, req->st, req->user);
	pb_analysis_opts o = { .month = month, .groupings = groups, .scope = scope, .top_n = top };
	if (!rc)
		rc = pb_analysis_run(&an, c, &o);
	if (!rc)
		rc = pb_rates_load(req->st, month, &rates, &nrates);
	if (!rc) {
		/* published rates are the zone's: a park operator does not get them */
		pb_monthly_report r = { .zone = zone, .cube = c, .a = &an, .rates = scope ? NULL : rates,
					.nrates = scope ? 0 : nrates };
		if (!(*out = pb_monthly_report_json(&r)))
			rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	pb_analysis_free(&an);
	pb_rates_free(rates, nrates);
	free(scope);
	pb_cube_cache_release(c);
	free(zone);
	return rc;
}

/* How stale the cockpit may be after another process changed the warnings or the 亩均
 * evaluations: a second, as the cockpit is read by people, not by programs; what the
 * server itself changes is seen at once (pb_resp_cache_bump). */
enum { SUMMARY_MAX_AGE_MS = 1000 };

/* What a cached body is valid for: its key, and the data's versions read before it was
 * computed (resp_cache.h). */
typedef struct cache_ref {
	char key[PB_RESP_CACHE_KEY];
	int64_t generation;
	uint64_t epoch;
	int usable; /* 0: the key did not fit, or the generation could not be read */
} cache_ref;

/* `what` (the endpoint and its query) and the user's whole scope as the key. */
static void cache_key(cache_ref *k, const pb_http_req *req, const char *what)
{
	const pb_user *u = req->user;
	size_t cap = sizeof(k->key);
	int n = snprintf(k->key, cap, "%s|role=%d|enterprise=%" PRId64 "|parks=", what, (int)u->role,
			 u->enterprise_id);
	for (size_t i = 0; n > 0 && (size_t)n < cap && i < u->nparks; i++)
		n += snprintf(k->key + n, cap - (size_t)n, "%" PRId64 ",", u->parks[i]);
	k->epoch = pb_resp_cache_epoch();
	k->usable = n > 0 && (size_t)n < cap && pb_resp_cache_generation(req->st, &k->generation) == 0;
}

/* Answer from the cache when it keeps a valid body for k: 1, else 0. */
static int from_cache(pb_http_resp *resp, const cache_ref *k, unsigned max_age_ms)
{
	pb_resp_body *b = k->usable ? pb_resp_cache_get(k->key, k->generation, k->epoch, max_age_ms)
				    : NULL;
	if (b)
		pb_http_json_shared(resp, 200, b);
	return b != NULL;
}

/* Keep a 200 answer under k and send the kept copy (a failure to keep is no error: the
 * answer goes out as it is). */
static void keep(pb_http_resp *resp, const cache_ref *k)
{
	pb_resp_body *b;
	if (k->usable && resp->status == 200 && resp->body.p && !resp->body.oom &&
	    !pb_resp_cache_put(&b, k->key, k->generation, k->epoch, resp->body.p, resp->body.len))
		pb_http_json_shared(resp, 200, b);
}

static int answer(pb_http_resp *resp, int rc, json_t *j, const char *field)
{
	if (rc == PB_EINVAL || rc == PB_ENOTFOUND)
		return pb_http_error_last(resp, rc == PB_EINVAL ? 400 : 404,
					  rc == PB_EINVAL ? "bad_request" : "not_found", field);
	return rc ? rc : pb_http_json(resp, 200, j);
}

int pb_api_analysis(pb_http_resp *resp, const pb_http_req *req)
{
	if (req->user->role == PB_ROLE_ENTERPRISE)
		return pb_http_error(resp, 403, "forbidden", "企业用户请在本企业页面查看数据",
				     "enterprise users see their figures on their own page", NULL);
	int month = 0;
	const char *m = pb_http_query(req, "month");
	if (m && *m && !pb_month_parse(m, strlen(m), &month))
		return pb_http_bad(resp, "month", "月份应为 YYYY-MM", "month must be YYYY-MM");
	long groups = parse_groups(pb_http_query(req, "group"));
	if (groups < 0)
		return pb_http_bad(resp, "group", "未知的分组（sector、division、park、tier、scale、flag）",
			   "unknown grouping (sector, division, park, tier, scale, flag)");
	const char *t = pb_http_query(req, "top");
	int top = t && *t ? atoi(t) : 10;
	if (top < 1 || top > 1000)
		return pb_http_bad(resp, "top", "top 应在 1 至 1000", "top must be 1..1000");
	char what[96];
	snprintf(what, sizeof(what), "analysis|month=%d|groups=%ld|top=%d", month, groups, top);
	cache_ref k;
	cache_key(&k, req, what);
	if (from_cache(resp, &k, 0))
		return 0;
	json_t *j = NULL;
	int rc = analyse(&j, req, month, (unsigned)groups, top);
	rc = answer(resp, rc, j, "month");
	if (!rc)
		keep(resp, &k);
	return rc;
}

/* Open and acknowledged warnings in the user's scope. */
static int warning_counts(json_t **out, const pb_http_req *req)
{
	pb_warn_filter f = { .statuses = 1u << PB_WS_OPEN | 1u << PB_WS_ACKNOWLEDGED };
	if (req->user->role == PB_ROLE_PARK) {
		f.parks = req->user->parks;
		f.nparks = req->user->nparks;
	}
	pb_warn_records l;
	int rc = pb_store_warn_list(&l, req->st, &f);
	int64_t by[PB_WS_COUNT] = { 0 }, sev[4] = { 0 };
	for (size_t i = 0; !rc && i < l.n; i++) {
		by[l.items[i].status]++;
		sev[l.items[i].severity & 3]++;
	}
	pb_warn_records_free(&l);
	if (!rc)
		*out = json_pack("{s:I, s:I, s:{s:I, s:I, s:I}}", "open", (json_int_t)by[PB_WS_OPEN],
				 "acknowledged", (json_int_t)by[PB_WS_ACKNOWLEDGED], "severity",
				 "1", (json_int_t)sev[1], "2", (json_int_t)sev[2], "3", (json_int_t)sev[3]);
	return rc;
}

/* The latest stored 亩均 evaluation's class counts (zone users), or null. */
static json_t *mujun_mix(const pb_http_req *req)
{
	pb_mujun_evaluations l;
	if (!pb_auth_sees_zone(req->user) || pb_store_mujun_evaluations(&l, req->st))
		return json_null();
	json_t *j = json_null();
	if (l.n) {
		const pb_mujun_evaluation *e = &l.items[l.n - 1];
		json_t *counts = json_object();
		for (int c = 0; c < PB_MC_COUNT; c++)
			json_object_set_new(counts, pb_mujun_class_key(c), json_integer(e->count[c]));
		j = json_pack("{s:i, s:s?, s:o}", "year", e->year, "scheme", e->scheme_key, "counts",
			      counts);
	}
	pb_mujun_evaluations_free(&l);
	return j;
}

/*
 * The cockpit's analysis (the latest month by sector and park, top 5) as JSON text,
 * appended to *out. It is kept apart from the cockpit's body (under no age limit: it
 * changes with imports only) as the body is made again every SUMMARY_MAX_AGE_MS for its
 * warnings and 亩均 parts: those cost a few milliseconds where the analysis of a large
 * zone costs tens, which would stall the worker thread's connections once a second.
 */
static int summary_analysis(pb_buf *out, const pb_http_req *req)
{
	cache_ref k;
	cache_key(&k, req, "summary.analysis");
	pb_resp_body *b = k.usable ? pb_resp_cache_get(k.key, k.generation, k.epoch, 0) : NULL;
	if (!b) {
		json_t *j = NULL;
		int rc = analyse(&j, req, 0, 1u << PB_G_SECTOR | 1u << PB_G_PARK, 5);
		char *text = rc ? NULL : json_dumps(j, JSON_COMPACT);
		json_decref(j);
		if (!rc && !text)
			rc = pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
		if (rc)
			return rc;
		if (!k.usable || pb_resp_cache_put(&b, k.key, k.generation, k.epoch, text, strlen(text)))
			b = NULL;
		if (!b) {
			rc = pb_buf_puts(out, text);
			free(text);
			return rc;
		}
		free(text);
	}
	size_t len;
	const char *p = pb_resp_body_data(b, &len);
	int rc = pb_buf_add(out, p, len);
	pb_resp_body_unref(b);
	return rc;
}

/* `j` (taken over) as compact JSON appended to *b. */
static int add_json(pb_buf *b, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	json_decref(j);
	int rc = text ? pb_buf_puts(b, text) : pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	free(text);
	return rc;
}

int pb_api_summary(pb_http_resp *resp, const pb_http_req *req)
{
	if (req->user->role == PB_ROLE_ENTERPRISE)
		return pb_http_error(resp, 403, "forbidden", "企业用户请在本企业页面查看数据",
				     "enterprise users see their figures on their own page", NULL);
	cache_ref k;
	cache_key(&k, req, "summary");
	if (from_cache(resp, &k, SUMMARY_MAX_AGE_MS))
		return 0;
	/* {"analysis":…,"warnings":…,"mujun":…}, the analysis's text as kept */
	pb_buf body = { 0 };
	json_t *warnings = NULL;
	int rc = pb_buf_puts(&body, "{\"analysis\":");
	if (!rc)
		rc = summary_analysis(&body, req);
	if (!rc)
		rc = warning_counts(&warnings, req);
	if (rc) {
		pb_buf_free(&body);
		return answer(resp, rc, NULL, NULL);
	}
	/* a failed append leaves body.oom set: checked once at the end */
	pb_buf_puts(&body, ",\"warnings\":");
	rc = add_json(&body, warnings);
	pb_buf_puts(&body, ",\"mujun\":");
	rc |= add_json(&body, mujun_mix(req));
	pb_buf_puts(&body, "}");
	if (rc || body.oom) {
		pb_buf_free(&body);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	pb_buf_free(&resp->body);
	resp->body = body;
	resp->type = "application/json; charset=utf-8";
	resp->status = 200;
	keep(resp, &k);
	return 0;
}
