/* test_http_router.c - the router (captures, trailing slashes, 404 vs 405, unclean
 * paths), the API's own table, and the static files never leaving ui/. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http.h"
#include "http_internal.h"

static int h_list(pb_http_resp *r, const pb_http_req *q) { (void)r, (void)q; return 0; }
static int h_one(pb_http_resp *r, const pb_http_req *q) { (void)r, (void)q; return 0; }
static int h_put(pb_http_resp *r, const pb_http_req *q) { (void)r, (void)q; return 0; }
static int h_sub(pb_http_resp *r, const pb_http_req *q) { (void)r, (void)q; return 0; }

static const pb_http_route table[] = {
	{ "GET", "/api/v1/enterprises", h_list, PB_HTTP_ANY },
	{ "GET", "/api/v1/enterprises/:id", h_one, PB_HTTP_ANY },
	{ "PUT", "/api/v1/enterprises/:id", h_put, PB_HTTP_ROLE(PB_ROLE_ADMIN) },
	{ "GET", "/api/v1/parks/:park/enterprises/:id", h_sub, PB_HTTP_ANY },
	{ NULL, NULL, NULL, 0 },
};

static const pb_http_route *find(const char *m, const char *p, pb_http_req *q, int *known)
{
	memset(q, 0, sizeof(*q));
	return pb_http_route_in(table, m, p, q, known);
}

static void test_literal_and_captures(void **state)
{
	(void)state;
	pb_http_req q;
	int known;
	const pb_http_route *r = find("GET", "/api/v1/enterprises", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_list);
	assert_int_equal(q.nparam, 0);

	r = find("GET", "/api/v1/enterprises/12", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_one);
	assert_int_equal(q.nparam, 1);
	assert_string_equal(q.param[0], "12");

	r = find("GET", "/api/v1/parks/3/enterprises/91320000", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_sub);
	assert_int_equal(q.nparam, 2);
	assert_string_equal(q.param[0], "3");
	assert_string_equal(q.param[1], "91320000");

	r = find("PUT", "/api/v1/enterprises/7", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_put);
	assert_string_equal(q.param[0], "7");
	/* HEAD is served by the GET route */
	r = find("HEAD", "/api/v1/enterprises/7", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_one);
}

static void test_trailing_slash(void **state)
{
	(void)state;
	pb_http_req q;
	int known;
	const pb_http_route *r = find("GET", "/api/v1/enterprises/", &q, &known);
	assert_non_null(r);
	assert_ptr_equal(r->handler, h_list);
	r = find("GET", "/api/v1/enterprises/12/", &q, &known);
	assert_non_null(r);
	assert_string_equal(q.param[0], "12");
	/* an empty capture is no capture; a double slash is not clean */
	r = find("GET", "/api/v1/parks//enterprises/1", &q, &known);
	assert_null(r);
	assert_int_equal(known, 0);
}

static void test_404_vs_405(void **state)
{
	(void)state;
	pb_http_req q;
	int known = -1;
	assert_null(find("GET", "/api/v1/nothing", &q, &known));
	assert_int_equal(known, 0);
	assert_null(find("GET", "/api/v1/enterprises/1/extra", &q, &known));
	assert_int_equal(known, 0);
	assert_null(find("GET", "/api/v1", &q, &known));
	assert_int_equal(known, 0);
	assert_null(find("DELETE", "/api/v1/enterprises/1", &q, &known));
	assert_int_equal(known, 1);
	assert_null(find("POST", "/api/v1/enterprises", &q, &known));
	assert_int_equal(known, 1);
	/* case matters */
	assert_null(find("GET", "/API/v1/enterprises", &q, &known));
	assert_int_equal(known, 0);
}

static void test_unclean_paths(void **state)
{
	(void)state;
	pb_http_req q;
	int known;
	assert_null(find("GET", "/api/v1/enterprises/..", &q, &known));
	assert_int_equal(known, 0);
	assert_null(find("GET", "/api/v1/../v1/enterprises", &q, &known));
	assert_null(find("GET", "/api/v1/enterprises/.", &q, &known));
	assert_null(find("GET", "/api/v1/enterprises/%2e%2e", &q, &known));
	assert_null(find("GET", "api/v1/enterprises", &q, &known));
	assert_int_equal(pb_http_path_clean("/"), 1);
	assert_int_equal(pb_http_path_clean("/app.js"), 1);
	assert_int_equal(pb_http_path_clean("/a/../b"), 0);
	assert_int_equal(pb_http_path_clean("/a\\..\\b"), 0);
	assert_int_equal(pb_http_path_clean("/a/\x01"), 0);
	assert_int_equal(pb_http_path_clean("/..."), 1); /* a name, not a parent */
}

static void test_api_table(void **state)
{
	(void)state;
	pb_http_req q = { 0 };
	int known;
	const pb_http_route *r = pb_http_route_find("GET", "/api/v1/health", &q, &known);
	assert_non_null(r);
	assert_int_equal(r->allow, PB_HTTP_PUBLIC);
	assert_null(pb_http_route_find("POST", "/api/v1/health", &q, &known));
	assert_int_equal(known, 1);
	/* every route names a method, a clean pattern and a handler */
	for (r = pb_http_routes(); r->method; r++) {
		assert_non_null(r->handler);
		assert_int_equal(strncmp(r->pattern, "/api/", 5), 0);
	}
}

static void test_static_files(void **state)
{
	(void)state;
	const char *type = NULL;
	const struct pb_embedded_file *f = pb_http_static_find("/", &type);
	assert_non_null(f);
	assert_string_equal(f->name, "index.html");
	assert_string_equal(type, "text/html; charset=utf-8");
	f = pb_http_static_find("/app.js", &type);
	assert_non_null(f);
	assert_string_equal(f->name, "app.js");
	assert_string_equal(type, "text/javascript; charset=utf-8");
	f = pb_http_static_find("/style.css", &type);
	assert_non_null(f);
	assert_string_equal(type, "text/css; charset=utf-8");
	/* an unknown page is the single-page app */
	f = pb_http_static_find("/warnings/12", &type);
	assert_non_null(f);
	assert_string_equal(f->name, "index.html");
	/* nothing outside ui/, decoded (libmicrohttpd decodes %2e) or not */
	assert_null(pb_http_static_find("/../CMakeLists.txt", &type));
	assert_null(pb_http_static_find("/../../etc/passwd", &type));
	assert_null(pb_http_static_find("/%2e%2e/CMakeLists.txt", &type));
	assert_null(pb_http_static_find("/%2E%2E/%2E%2E/etc/passwd", &type));
	assert_null(pb_http_static_find("/ui/../../src/http/server.c", &type));
	assert_null(pb_http_static_find("/..%2fCMakeLists.txt", &type));
	assert_null(pb_http_static_find("\\..\\x", &type));
	assert_null(pb_http_static_find("", &type));
}

static void test_mime_and_etag(void **state)
{
	(void)state;
	assert_string_equal(pb_http_mime("a.svg"), "image/svg+xml");
	assert_string_equal(pb_http_mime("a.json"), "application/json; charset=utf-8");
	assert_string_equal(pb_http_mime("noext"), "application/octet-stream");
	char a[20], b[20], c[20];
	pb_http_etag(a, (const unsigned char *)"abc", 3);
	pb_http_etag(b, (const unsigned char *)"abc", 3);
	pb_http_etag(c, (const unsigned char *)"abd", 3);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 18);
	assert_int_equal(a[0], '"');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_literal_and_captures),
		cmocka_unit_test(test_trailing_slash),
		cmocka_unit_test(test_404_vs_405),
		cmocka_unit_test(test_unclean_paths),
		cmocka_unit_test(test_api_table),
		cmocka_unit_test(test_static_files),
		cmocka_unit_test(test_mime_and_etag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
