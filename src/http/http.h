/*
 * http.h - the web server (libmicrohttpd): requests, responses, routes, and the rules
 * every request goes through.
 *
 * Every request, in this order (src/http/server.c):
 *   1. limits: a body over opts.max_body is refused (413) before it is read, a request
 *      that takes longer than opts.timeout_s is dropped;
 *   2. the route (src/http/routes.c): method + path pattern; no route → 404 JSON;
 *   3. the session: the cookie `pb_session` → the user (src/store/store_user.h, through
 *      session_cache.h: a checked session is reused for a second at most, and never past
 *      a change request); a route that needs one gets 401 without it;
 *   4. CSRF: a request that changes something (POST, PUT, PATCH, DELETE) must carry the
 *      session's token in the header X-CSRF-Token, else 403;
 *   5. the route's role check (its `allow` mask), else 403; the handler then checks the
 *      scope of what it reads (pb_auth_sees_*), also 403;
 *   6. the handler translates: it parses the request, calls src/core and src/store,
 *      writes JSON. It computes nothing itself.
 * Every response carries the security headers (Content-Security-Policy,
 * X-Content-Type-Options: nosniff, X-Frame-Options: DENY, Referrer-Policy, no-store for
 * the API), and one access-log line is written per request (JSON: time, address, user,
 * method, path, status, bytes, milliseconds).
 *
 * Errors are JSON: {"error": {"code": "not_found", "message": "没有该企业",
 * "message_en": "no such enterprise", "field": "id"}}.
 */
#ifndef PB_HTTP_H
#define PB_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "auth.h"
#include "buf.h"
#include "store.h"

/* ---- one request, one response ------------------------------------------------------ */

enum { PB_HTTP_MAX_PARAMS = 4 };

typedef struct pb_http_req {
	const char *method;      /* "GET" */
	const char *path;        /* "/api/v1/enterprises/12", without the query */
	const char *ip;          /* the client's address */
	const char *body;        /* NULL when none; NUL-terminated */
	size_t body_len;
	const char *param[PB_HTTP_MAX_PARAMS]; /* the path's :captures, in order */
	size_t nparam;
	void *conn;              /* the server's handle, for pb_http_query/pb_http_header */
	pb_store *st;            /* this request's store connection (one per worker thread) */
	const pb_user *user;     /* NULL: not signed in */
	const char *csrf;        /* the session's CSRF token, NULL without a session */
	const char *session;     /* the session token from the cookie, NULL without */
} pb_http_req;

/** A query-string argument ("month" of ?month=2025-06), NULL when absent. */
const char *pb_http_query(const pb_http_req *r, const char *key);

/** The query argument `key` as a non-negative whole number: `def` when absent or empty,
 * -1 when it is anything else (the caller's 400 names the key). */
long long pb_http_query_count(const pb_http_req *r, const char *key, long long def);

/** `text` (a path's :id) as a record id: the positive whole number it is, or 0 when it is
 * not one (the caller's 400 says which id). */
int64_t pb_http_id(const char *text);

/** A request header, NULL when absent. */
const char *pb_http_header(const pb_http_req *r, const char *name);

enum { PB_HTTP_MAX_HEADERS = 4 };

typedef struct pb_http_resp {
	int status;               /* 200 unless set */
	const char *type;         /* Content-Type; "application/json; charset=utf-8" default */
	pb_buf body;
	char file_name[1024];     /* a download (Content-Disposition: attachment; its UTF-8 name
	                           * as filename*, an ASCII stand-in as filename), or "" */
	char header[PB_HTTP_MAX_HEADERS][2][512]; /* extra headers, e.g. Set-Cookie */
	size_t nheader;
	struct pb_resp_body *shared; /* instead of `body`: a cached body (resp_cache.h) whose
				      * reference the response holds until it is sent */
} pb_http_resp;

/** Set the response to `j` (a reference the call takes over) with `status`. Returns 0, or
 * PB_ENOMEM (then the response is a 500). */
int pb_http_json(pb_http_resp *r, int status, json_t *j);

/** Set the response to the cached JSON body `b` (a reference the call takes over) with
 * `status`. Returns 0. */
int pb_http_json_shared(pb_http_resp *r, int status, struct pb_resp_body *b);

/**
 * Set the response to the JSON error form with `status`, a stable `code` ("not_found",
 * "forbidden", "bad_request", ...), the message in Chinese and English, and the request
 * field at fault (NULL when none). Returns 0.
 */
int pb_http_error(pb_http_resp *r, int status, const char *code, const char *zh, const char *en,
		  const char *field);

/**
 * pb_http_error with the calling thread's last failure as the message, split into its
 * Chinese and English halves ("中文 / English", see error.h). Returns 0.
 */
int pb_http_error_last(pb_http_resp *r, int status, const char *code, const char *field);

/** A 400 "bad_request" naming the request field at fault (may be NULL): pb_http_error with
 * the status and code every handler uses for a malformed query or body. */
int pb_http_bad(pb_http_resp *r, const char *field, const char *zh, const char *en);

/**
 * The response's body from a file that write(ctx, path) makes: `path` is `name` in a
 * private temporary directory (mkdtemp under /tmp, mode 0700), read back into r->body,
 * then the file and the directory are removed whatever happened. For the writers that
 * only write files (libxlsxwriter 1.1.4 has no in-memory output). Returns 0, write's
 * failure, PB_EIO or PB_ENOMEM.
 */
typedef int (*pb_http_file_writer)(void *ctx, const char *path);
int pb_http_body_from_file(pb_http_resp *r, const char *name, pb_http_file_writer write, void *ctx);

/** Add a response header (name, value), at most PB_HTTP_MAX_HEADERS. Returns 0 or PB_EINVAL. */
int pb_http_add_header(pb_http_resp *r, const char *name, const char *value);

/* ---- routes ------------------------------------------------------------------------- */

/* A handler fills *resp for req; returns 0 (whatever the status), or a negative PB_E*
 * code on an internal failure (then the server answers 500 with the message). */
typedef int (*pb_http_handler)(pb_http_resp *resp, const pb_http_req *req);

enum {
	PB_HTTP_PUBLIC = 0,               /* no session needed */
	PB_HTTP_ANY = (1u << PB_ROLE_COUNT) - 1, /* any signed-in role */
};
#define PB_HTTP_ROLE(r) (1u << (r))

typedef struct pb_http_route {
	const char *method;     /* "GET", "POST", ... */
	const char *pattern;    /* "/api/v1/enterprises/:id": ":" captures one segment */
	pb_http_handler handler;
	unsigned allow;         /* PB_HTTP_PUBLIC, PB_HTTP_ANY or PB_HTTP_ROLE bits */
} pb_http_route;

/** The API's routes, NULL-terminated (src/http/routes.c lists every handler file's). */
const pb_http_route *pb_http_routes(void);

/**
 * The route for method and path: fills req->param/nparam. Returns the route, or NULL
 * (and *path_known = 1 when the path matched under another method: 405, else 404).
 */
const pb_http_route *pb_http_route_find(const char *method, const char *path,
					pb_http_req *req, int *path_known);

/* ---- the server --------------------------------------------------------------------- */

typedef struct pb_http_opts {
	const char *db;          /* the database file */
	const char *listen;      /* "127.0.0.1:8080" */
	size_t max_body;         /* bytes; default 32 MiB (an import file) */
	unsigned timeout_s;      /* per connection; default 30 */
	unsigned threads;        /* worker threads; 0 = the number of processors */
	FILE *access_log;        /* NULL: stderr */
} pb_http_opts;

typedef struct pb_http_server pb_http_server;

/**
 * Start serving in background threads. On success *out owns the server; stop it with
 * pb_http_stop. Returns 0, PB_EINVAL (a bad listen address), PB_EIO (the port is taken)
 * or PB_ESTORE (the database cannot be opened).
 */
int pb_http_start(pb_http_server **out, const pb_http_opts *o);

/** The port the server listens on (useful with port 0 in tests). */
unsigned pb_http_port(const pb_http_server *s);

/** Stop accepting, finish the requests in flight, close everything, free `s`. */
void pb_http_stop(pb_http_server *s);

#endif
