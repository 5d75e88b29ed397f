/*
 * api.h - the handlers, one file per resource (routes.c puts them in the table).
 */
#ifndef PB_HTTP_API_H
#define PB_HTTP_API_H

#include "http.h"

/* api_health.c: GET /api/v1/health */
int pb_api_health(pb_http_resp *resp, const pb_http_req *req);

/* api_session.c: POST (sign in), GET (who), DELETE (sign out) /api/v1/session */
int pb_api_login(pb_http_resp *resp, const pb_http_req *req);
int pb_api_me(pb_http_resp *resp, const pb_http_req *req);
int pb_api_logout(pb_http_resp *resp, const pb_http_req *req);

/* api_session.c: POST /api/v1/session/password {current, new}, any signed-in user */
int pb_api_password(pb_http_resp *resp, const pb_http_req *req);

/* api_parks.c: GET /api/v1/parks, the parks the user may see */
int pb_api_parks(pb_http_resp *resp, const pb_http_req *req);

/* api_enterprises.c: the register, GET /api/v1/enterprises[/:id] */
int pb_api_enterprises(pb_http_resp *resp, const pb_http_req *req);
int pb_api_enterprise(pb_http_resp *resp, const pb_http_req *req);

/* api_warnings.c: GET /api/v1/warnings, POST /api/v1/warnings/:id/ack|close */
int pb_api_warnings(pb_http_resp *resp, const pb_http_req *req);
int pb_api_warning_ack(pb_http_resp *resp, const pb_http_req *req);
int pb_api_warning_close(pb_http_resp *resp, const pb_http_req *req);

/* api_analysis.c: GET /api/v1/analysis (月度监测), GET /api/v1/summary (驾驶舱) */
int pb_api_analysis(pb_http_resp *resp, const pb_http_req *req);
int pb_api_summary(pb_http_resp *resp, const pb_http_req *req);

/* api_plan.c: GET /api/v1/plan (目标跟踪) */
int pb_api_plan(pb_http_resp *resp, const pb_http_req *req);

/* api_imports.c: POST (a file) and GET (the log) /api/v1/imports, GET /api/v1/imports/kinds */
int pb_api_import(pb_http_resp *resp, const pb_http_req *req);
int pb_api_imports(pb_http_resp *resp, const pb_http_req *req);
int pb_api_import_kinds(pb_http_resp *resp, const pb_http_req *req);

/* api_exports.c: GET /api/v1/exports/:kind (a whole table within the user's scope, .xlsx
 * or .csv) */
int pb_api_export(pb_http_resp *resp, const pb_http_req *req);

/* api_export_table.c: POST /api/v1/exports/table (a page's table as .xlsx) */
int pb_api_export_table(pb_http_resp *resp, const pb_http_req *req);

/* api_audit.c: GET /api/v1/audit (admin) */
int pb_api_audit(pb_http_resp *resp, const pb_http_req *req);

/* api_mujun.c: the 亩均 evaluation, /api/v1/mujun[/:year[/enterprises/:id | /what-if]] */
int pb_api_mujun_list(pb_http_resp *resp, const pb_http_req *req);
int pb_api_mujun_year(pb_http_resp *resp, const pb_http_req *req);
int pb_api_mujun_enterprise(pb_http_resp *resp, const pb_http_req *req);
int pb_api_mujun_run(pb_http_resp *resp, const pb_http_req *req);
int pb_api_mujun_whatif(pb_http_resp *resp, const pb_http_req *req);

/* api_dispatch.c: the monthly dispatch and the ranking: GET /api/v1/dispatch[.xlsx],
 * /api/v1/ranking, /api/v1/activity */
int pb_api_dispatch(pb_http_resp *resp, const pb_http_req *req);
int pb_api_dispatch_xlsx(pb_http_resp *resp, const pb_http_req *req);
int pb_api_ranking(pb_http_resp *resp, const pb_http_req *req);
int pb_api_activity(pb_http_resp *resp, const pb_http_req *req);
/* api_keyprojects.c: the key projects, GET /api/v1/key-projects[/:id], POST
 * /api/v1/key-projects/:id/months (record a month) */
int pb_api_keyprojects(pb_http_resp *resp, const pb_http_req *req);
int pb_api_keyproject(pb_http_resp *resp, const pb_http_req *req);
int pb_api_keyproject_month(pb_http_resp *resp, const pb_http_req *req);

/* api_users.c: GET (list), POST (add) /api/v1/users, PATCH /api/v1/users/:name (change),
 * admin only */
int pb_api_users(pb_http_resp *resp, const pb_http_req *req);
int pb_api_user_add(pb_http_resp *resp, const pb_http_req *req);
int pb_api_user_update(pb_http_resp *resp, const pb_http_req *req);

/* api_projects.c: the pipeline (招商项目): GET /api/v1/pipeline (the period's figures),
 * GET|POST /api/v1/projects, GET|PATCH /api/v1/projects/:id, POST
 * /api/v1/projects/:id/stages (a stage move) and /api/v1/projects/:id/funds (到位资金) */
int pb_api_pipeline(pb_http_resp *resp, const pb_http_req *req);
int pb_api_projects(pb_http_resp *resp, const pb_http_req *req);
int pb_api_project(pb_http_resp *resp, const pb_http_req *req);
int pb_api_project_create(pb_http_resp *resp, const pb_http_req *req);
int pb_api_project_update(pb_http_resp *resp, const pb_http_req *req);
int pb_api_project_stage(pb_http_resp *resp, const pb_http_req *req);
int pb_api_project_fund(pb_http_resp *resp, const pb_http_req *req);
/* PATCH /api/v1/projects/:id/stages: correct a recorded stage event's day (store_project.h
 * pb_store_project_redate) */
int pb_api_project_redate(pb_http_resp *resp, const pb_http_req *req);

/* api_projects.c: reading a change's JSON body, shared with api_keyprojects.c */

/* The most bytes of a text field (a name, a reason, a note): an imported cell's limit
 * (src/io/import_cell.c), so that the API stores nothing an import would refuse. */
enum { PB_API_MAX_TEXT = 20000 };

/** The request's body as a JSON object (the caller's reference, to json_decref), or NULL
 * with a 400 naming `body` written. */
json_t *pb_api_body_object(pb_http_resp *resp, const pb_http_req *req);

/** 0 when every key of the object `in` is one of `known` (NULL-terminated); else -1 with
 * a 400 naming the first other key written (a misspelt key is refused, never ignored). */
int pb_api_known_fields(pb_http_resp *resp, json_t *in, const char *const *known);

/** The optional text `key` of `in` into *out (NULL when absent or null; owned by `in`):
 * 0, or -1 with a 400 naming `key` written when it is not text or is longer than
 * PB_API_MAX_TEXT bytes. */
int pb_api_text_field(const char **out, pb_http_resp *resp, json_t *in, const char *key);

/** The required month `key` of `in` ("YYYY-MM") into *ym (yyyymm): 0, or -1 with a 400
 * naming `key` written when it is missing, not a month, or after the zone's current month
 * (money in place and investment completed are recorded once they are, never ahead). */
int pb_api_month_field(int *ym, pb_http_resp *resp, json_t *in, const char *key);


/* api_session.c: a signed-in user as JSON (id, name, display, role, role_name, parks
 * [{id, name}], enterprise_id), also for api_users.c. */
json_t *pb_api_user_json(pb_store *st, const pb_user *u);

/* api_users.c: a listed account: pb_api_user_json's fields and disabled, created_at,
 * last_login_at (also `parkbrain user list --json`, so the two read alike). */
struct pb_user_record;
json_t *pb_api_user_record_json(pb_store *st, const struct pb_user_record *r);

#endif
