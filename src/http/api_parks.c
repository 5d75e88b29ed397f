/*
 * api_parks.c - GET /api/v1/parks: the parks the signed-in user may see, by id (a park
 * operator its own, zone-wide roles every park, an enterprise user none): what the pages'
 * park pickers offer, e.g. the 用户 page's for a park operator's scope.
 */
#include "api.h"
#include "json_value.h"

typedef struct parks_ctx {
	const pb_user *user;
	json_t *arr;
	int oom;
} parks_ctx;

static int take_park(void *ctx, const void *rec)
{
	parks_ctx *c = ctx;
	const pb_park *p = rec;
	if (!pb_auth_sees_park(c->user, p->id))
		return 0;
	json_t *o = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)p->id, "name",
			      pb_json_text(p->name), "short_name", pb_json_text(p->short_name));
	if (!o || json_array_append_new(c->arr, o))
		c->oom = 1;
	return 0;
}

int pb_api_parks(pb_http_resp *resp, const pb_http_req *req)
{
	parks_ctx c = { .user = req->user, .arr = json_array() };
	if (!c.arr)
		return pb_http_json(resp, 200, NULL);
	int rc = pb_store_each(req->st, PB_E_PARK, take_park, &c);
	if (rc) {
		json_decref(c.arr);
		return rc;
	}
	if (c.oom) {
		json_decref(c.arr);
		return pb_http_json(resp, 200, NULL);
	}
	return pb_http_json(resp, 200, json_pack("{s:o}", "parks", c.arr));
}
