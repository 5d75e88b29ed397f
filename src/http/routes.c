/*
 * routes.c - the API's route table: every handler file's routes, in one place.
 */
#include <stddef.h>

#include "api.h"

static const pb_http_route routes[] = {
	{ "GET", "/api/v1/health", pb_api_health, PB_HTTP_PUBLIC },
	{ "POST", "/api/v1/session", pb_api_login, PB_HTTP_PUBLIC },
	{ "DELETE", "/api/v1/session", pb_api_logout, PB_HTTP_ANY },
	{ "GET", "/api/v1/session", pb_api_me, PB_HTTP_ANY },
	{ "GET", "/api/v1/enterprises", pb_api_enterprises, PB_HTTP_ANY },
	{ "GET", "/api/v1/enterprises/:id", pb_api_enterprise, PB_HTTP_ANY },
	{ NULL, NULL, NULL, 0 },
};

const pb_http_route *pb_http_routes(void)
{
	return routes;
}
