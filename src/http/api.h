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

/* api_enterprises.c: the register, GET /api/v1/enterprises[/:id] */
int pb_api_enterprises(pb_http_resp *resp, const pb_http_req *req);
int pb_api_enterprise(pb_http_resp *resp, const pb_http_req *req);

/* api_warnings.c: GET /api/v1/warnings, POST /api/v1/warnings/:id/ack|close */
int pb_api_warnings(pb_http_resp *resp, const pb_http_req *req);
int pb_api_warning_ack(pb_http_resp *resp, const pb_http_req *req);
int pb_api_warning_close(pb_http_resp *resp, const pb_http_req *req);

#endif
