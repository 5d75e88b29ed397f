/*
 * routes.c - the API's route table: every handler file's routes, in one place.
 */
#include <stddef.h>

#include "api.h"

/* the roles that may change data (pb_auth_may_change); the scope is the handler's */
#define CHANGERS (PB_HTTP_ROLE(PB_ROLE_ADMIN) | PB_HTTP_ROLE(PB_ROLE_ANALYST) | PB_HTTP_ROLE(PB_ROLE_PARK))

/* the roles that change the whole zone's data (imports, evaluations) */
#define ZONE_CHANGERS (PB_HTTP_ROLE(PB_ROLE_ADMIN) | PB_HTTP_ROLE(PB_ROLE_ANALYST))

/* every role but the enterprise user's: the investment pipeline and the key projects are
 * the zone's and the parks' working data, not an enterprise's */
#define READERS (CHANGERS | PB_HTTP_ROLE(PB_ROLE_VIEWER))

static const pb_http_route routes[] = {
	{ "GET", "/api/v1/health", pb_api_health, PB_HTTP_PUBLIC },
	{ "POST", "/api/v1/session", pb_api_login, PB_HTTP_PUBLIC },
	{ "DELETE", "/api/v1/session", pb_api_logout, PB_HTTP_ANY },
	{ "GET", "/api/v1/session", pb_api_me, PB_HTTP_ANY },
	{ "POST", "/api/v1/session/password", pb_api_password, PB_HTTP_ANY },
	{ "GET", "/api/v1/users", pb_api_users, PB_HTTP_ROLE(PB_ROLE_ADMIN) },
	{ "GET", "/api/v1/audit", pb_api_audit, PB_HTTP_ROLE(PB_ROLE_ADMIN) },
	{ "POST", "/api/v1/users", pb_api_user_add, PB_HTTP_ROLE(PB_ROLE_ADMIN) },
	{ "PATCH", "/api/v1/users/:name", pb_api_user_update, PB_HTTP_ROLE(PB_ROLE_ADMIN) },
	{ "GET", "/api/v1/parks", pb_api_parks, PB_HTTP_ANY },
	{ "GET", "/api/v1/enterprises", pb_api_enterprises, PB_HTTP_ANY },
	{ "GET", "/api/v1/enterprises/:id", pb_api_enterprise, PB_HTTP_ANY },
	{ "GET", "/api/v1/summary", pb_api_summary, PB_HTTP_ANY },
	{ "GET", "/api/v1/analysis", pb_api_analysis, PB_HTTP_ANY },
	{ "GET", "/api/v1/plan", pb_api_plan, PB_HTTP_ANY },
	{ "POST", "/api/v1/imports", pb_api_import, ZONE_CHANGERS },
	{ "GET", "/api/v1/imports", pb_api_imports, ZONE_CHANGERS },
	{ "GET", "/api/v1/imports/kinds", pb_api_import_kinds, ZONE_CHANGERS },
	{ "GET", "/api/v1/exports/:kind", pb_api_export, PB_HTTP_ANY },
	{ "POST", "/api/v1/exports/table", pb_api_export_table, PB_HTTP_ANY },
	{ "GET", "/api/v1/dispatch", pb_api_dispatch, PB_HTTP_ANY },
	{ "GET", "/api/v1/dispatch.xlsx", pb_api_dispatch_xlsx, PB_HTTP_ANY },
	{ "GET", "/api/v1/ranking", pb_api_ranking, PB_HTTP_ANY },
	{ "GET", "/api/v1/activity", pb_api_activity, PB_HTTP_ANY },
	{ "GET", "/api/v1/warnings", pb_api_warnings, PB_HTTP_ANY },
	{ "GET", "/api/v1/mujun", pb_api_mujun_list, PB_HTTP_ANY },
	{ "GET", "/api/v1/mujun/:year", pb_api_mujun_year, PB_HTTP_ANY },
	{ "GET", "/api/v1/mujun/:year/enterprises/:id", pb_api_mujun_enterprise, PB_HTTP_ANY },
	{ "POST", "/api/v1/mujun/:year", pb_api_mujun_run, ZONE_CHANGERS },
	{ "POST", "/api/v1/mujun/:year/what-if", pb_api_mujun_whatif, PB_HTTP_ANY },
	{ "POST", "/api/v1/warnings/:id/ack", pb_api_warning_ack, CHANGERS },
	{ "POST", "/api/v1/warnings/:id/close", pb_api_warning_close, CHANGERS },
	{ "GET", "/api/v1/pipeline", pb_api_pipeline, READERS },
	{ "GET", "/api/v1/projects", pb_api_projects, READERS },
	{ "POST", "/api/v1/projects", pb_api_project_create, CHANGERS },
	{ "GET", "/api/v1/projects/:id", pb_api_project, READERS },
	{ "PATCH", "/api/v1/projects/:id", pb_api_project_update, CHANGERS },
	{ "POST", "/api/v1/projects/:id/stages", pb_api_project_stage, CHANGERS },
	{ "PATCH", "/api/v1/projects/:id/stages", pb_api_project_redate, CHANGERS },
	{ "POST", "/api/v1/projects/:id/funds", pb_api_project_fund, CHANGERS },
	{ "GET", "/api/v1/key-projects", pb_api_keyprojects, READERS },
	{ "GET", "/api/v1/key-projects/:id", pb_api_keyproject, READERS },
	{ "POST", "/api/v1/key-projects/:id/months", pb_api_keyproject_month, CHANGERS },
	{ NULL, NULL, NULL, 0 },
};

const pb_http_route *pb_http_routes(void)
{
	return routes;
}
