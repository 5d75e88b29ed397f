/*
 * api_health.c - GET /api/v1/health (public): the version, the schema, and whether the
 * database answers (for the load balancer and the operators).
 */
#include "error.h"
#include "api.h"

int pb_api_health(pb_http_resp *resp, const pb_http_req *req)
{
	int schema = req->st ? pb_store_schema_version(req->st) : -1;
	if (schema < 0)
		return pb_http_json(resp, 503, json_pack("{s:s, s:s, s:s}", "status", "error",
							   "version", PB_VERSION, "db", "error"));
	return pb_http_json(resp, 200, json_pack("{s:s, s:s, s:i, s:s}", "status", "ok", "version",
						   PB_VERSION, "schema", schema, "db", "ok"));
}
