/*
 * api_health.c - GET /api/v1/health (public): the version, the schema, whether the
 * database answers (for the load balancer and the operators), and the zone's name (the
 * page's title bar shows it, also before signing in).
 */
#include <string.h>

#include "error.h"
#include "api.h"

static int take_zone_name(void *ctx, const void *rec)
{
	const char *name = ((const pb_zone *)rec)->name;
	json_t **out = ctx;
	if (name && !*out)
		*out = json_string(name);
	return 0;
}

int pb_api_health(pb_http_resp *resp, const pb_http_req *req)
{
	int schema = req->st ? pb_store_schema_version(req->st) : -1;
	if (schema < 0)
		return pb_http_json(resp, 503, json_pack("{s:s, s:s, s:s}", "status", "error",
							   "version", PB_VERSION, "db", "error"));
	json_t *zone = NULL;
	if (pb_store_each(req->st, PB_E_ZONE, take_zone_name, &zone) != 0) {
		json_decref(zone);
		zone = NULL;
	}
	return pb_http_json(resp, 200, json_pack("{s:s, s:s, s:i, s:s, s:o}", "status", "ok",
						   "version", PB_VERSION, "schema", schema, "db", "ok",
						   "zone", zone ? zone : json_null()));
}
