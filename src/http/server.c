/*
 * server.c - the web server on libmicrohttpd: a pool of worker threads, each with its
 * own store connection (opened on its first request; WAL lets them read side by side),
 * and every request through the checks of http.h in their order: limits, route,
 * session, CSRF, role; then the handler. Paths not under /api/ are the UI's embedded
 * files. Every response gets the security headers; every request one access-log line.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "error.h"
#include "cube_cache.h"
#include "http.h"
#include "http_internal.h"
#include "resp_cache.h"
#include "session_cache.h"
#include "store_user.h"

struct pb_http_server {
	struct MHD_Daemon *d;
	char *db;
	size_t max_body;
	unsigned timeout_s;
	unsigned port;
	FILE *log;
	pthread_mutex_t mu;   /* the log and the store list */
	pthread_key_t key;    /* the worker thread's pb_store */
	pb_store **stores;    /* every worker's, closed by pb_http_stop */
	size_t nstores, capstores;
	atomic_int inflight;  /* requests begun and not completed */
};

/* One request, from its first call to its completion. */
typedef struct reqctx {
	struct timespec t0, wall;
	pb_buf body;
	int too_big;
	int status;
	size_t bytes;
	char user[64];
	char ip[INET6_ADDRSTRLEN];
	char *method, *path;
} reqctx;

static const char CSP[] = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
			  "script-src 'self'; frame-ancestors 'none'";

/* ---- the worker's store ------------------------------------------------------------- */

static pb_store *thread_store(pb_http_server *s)
{
	pb_store *st = pthread_getspecific(s->key);
	if (st)
		return st;
	if (pb_store_open(&st, s->db, 0))
		return NULL;
	pthread_mutex_lock(&s->mu);
	if (s->nstores == s->capstores) {
		size_t cap = s->capstores ? s->capstores * 2 : 16;
		pb_store **p = realloc(s->stores, cap * sizeof(*p));
		if (!p) {
			pthread_mutex_unlock(&s->mu);
			pb_store_close(st);
			return NULL;
		}
		s->stores = p;
		s->capstores = cap;
	}
	s->stores[s->nstores++] = st;
	pthread_mutex_unlock(&s->mu);
	pthread_setspecific(s->key, st);
	return st;
}

/* ---- responses ---------------------------------------------------------------------- */

static int plain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

/* The ASCII stand-in for a download's name: its plain characters, every other run of
 * bytes one "_" (none at the ends), then the extension ("月度监测 2025-03.xlsx" →
 * "2025-03.xlsx"); "export" when nothing of the stem is left. */
static void ascii_name(char out[256], const char *name)
{
	size_t len = strlen(name);
	const char *dot = strrchr(name, '.');
	size_t stem = dot && len - (size_t)(dot - name) < 16 ? (size_t)(dot - name) : len;
	size_t a = 0;
	for (size_t i = 0; i < stem && a < 200; i++) {
		unsigned char c = (unsigned char)name[i];
		if (plain_char(c))
			out[a++] = (char)c;
		else if (a && out[a - 1] != '_')
			out[a++] = '_';
	}
	while (a && out[a - 1] == '_')
		a--;
	if (!a) {
		memcpy(out, "export", 6);
		a = 6;
	}
	for (size_t i = stem; i < len; i++)
		if (plain_char((unsigned char)name[i]))
			out[a++] = name[i];
	out[a] = '\0';
}

/*
 * Content-Disposition for a download named `name` (UTF-8): filename*=UTF-8''<percent-
 * encoded> (RFC 6266 / RFC 5987), which the browsers read, and before it a plain
 * filename="<ascii_name>" for the clients that do not.
 */
static void disposition(char *out, size_t cap, const char *name)
{
	char ascii[256];
	ascii_name(ascii, name);
	size_t n = (size_t)snprintf(out, cap, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
	for (const unsigned char *p = (const unsigned char *)name; *p && n + 4 < cap; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			out[n++] = (char)*p;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", *p);
	}
	out[n] = '\0';
}

/* libmicrohttpd is done with a response made of a cached body. */
static void shared_done(void *body)
{
	pb_resp_body_unref(body);
}

/* Queue `r` (its body taken over) or a static buffer; the security headers on all. */
static enum MHD_Result send_resp(struct MHD_Connection *c, reqctx *x, pb_http_resp *r, int api,
				 const unsigned char *fixed, size_t fixed_len, const char *etag)
{
	struct MHD_Response *mr;
	size_t len;
	if (r->shared) {
		/* a cached body: sendfile from its memfd (libmicrohttpd closes the dup; it
		 * reads at explicit offsets, so the dups may share one), else no copy: the
		 * response holds the body until libmicrohttpd is done with it */
		const char *data = pb_resp_body_data(r->shared, &len);
		int fd = pb_resp_body_fd(r->shared);
		fd = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
		mr = fd >= 0 ? MHD_create_response_from_fd_at_offset64(len, fd, 0) : NULL;
		if (mr) {
			pb_resp_body_unref(r->shared);
		} else {
			if (fd >= 0)
				close(fd);
			mr = MHD_create_response_from_buffer_with_free_callback_cls(
				len, (void *)data, shared_done, r->shared);
			if (!mr)
				pb_resp_body_unref(r->shared);
		}
		r->shared = NULL;
	} else if (fixed) {
		len = fixed_len;
		mr = MHD_create_response_from_buffer(len, (void *)fixed, MHD_RESPMEM_PERSISTENT);
	} else if (r->body.p && !r->body.oom) {
		len = r->body.len;
		mr = MHD_create_response_from_buffer(len, r->body.p, MHD_RESPMEM_MUST_FREE);
		if (mr)
			r->body = (pb_buf){ 0 };
	} else {
		len = 0;
		mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	}
	pb_buf_free(&r->body);
	if (!mr)
		return MHD_NO;
	MHD_add_response_header(mr, "Content-Security-Policy", CSP);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	MHD_add_response_header(mr, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(mr, "Cache-Control", api ? "no-store" : "no-cache");
	if (r->status != 304 && r->status != 204)
		MHD_add_response_header(mr, "Content-Type",
					r->type ? r->type : "application/json; charset=utf-8");
	if (etag)
		MHD_add_response_header(mr, "ETag", etag);
	if (r->file_name[0]) {
		char v[4096]; /* 1023 bytes of name, each at most "%XX", and the ASCII stand-in */
		disposition(v, sizeof(v), r->file_name);
		MHD_add_response_header(mr, "Content-Disposition", v);
	}
	for (size_t i = 0; i < r->nheader; i++)
		MHD_add_response_header(mr, r->header[i][0], r->header[i][1]);
	x->status = r->status;
	x->bytes = len;
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, reqctx *x, int api, int status,
				  const char *code, const char *zh, const char *en)
{
	pb_http_resp r = { .status = status };
	pb_http_error(&r, status, code, zh, en, NULL);
	return send_resp(c, x, &r, api, NULL, 0, NULL);
}

/* An internal failure: 500 with the thread's last message, split into its halves. */
static void internal_error(pb_http_resp *r)
{
	pb_buf_free(&r->body);
	pb_resp_body_unref(r->shared);
	r->shared = NULL;
	r->nheader = 0;
	r->file_name[0] = '\0';
	r->type = NULL;
	if (*pb_error_last())
		pb_http_error_last(r, 500, "internal", NULL);
	else
		pb_http_error(r, 500, "internal", "服务器内部错误", "internal server error", NULL);
}

/* ---- the checks and the handler ----------------------------------------------------- */

static int is_change(const char *method)
{
	return !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "PATCH") ||
	       !strcmp(method, "DELETE");
}

/* Equal tokens, in time independent of where they differ (libsodium's comparison; the
 * length is no secret: every token is 64 hex digits). */
static int same_token(const char *a, const char *b)
{
	size_t na = strlen(a);
	return na == strlen(b) && sodium_memcmp(a, b, na) == 0;
}

static enum MHD_Result serve_api(pb_http_server *s, struct MHD_Connection *c, reqctx *x,
				 const char *url, const char *method)
{
	pb_http_req req = { .method = method, .path = url, .ip = x->ip, .conn = c,
			    .body = x->body.p, .body_len = x->body.len };
	pb_http_resp resp = { .status = 200 };
	int known = 0;
	const pb_http_route *rt = pb_http_route_find(method, url, &req, &known);
	if (!rt && known)
		return send_error(c, x, 1, 405, "method_not_allowed", "该地址不支持此请求方法",
				  "method not allowed here");
	if (!rt)
		return send_error(c, x, 1, 404, "not_found", "没有该接口", "no such endpoint");
	req.st = thread_store(s);
	if (!req.st)
		return send_error(c, x, 1, 503, "unavailable", "数据库暂不可用", "the database is unavailable");

	pb_user user;
	char csrf[65];
	const char *tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "pb_session");
	if (tok && *tok) {
		int rc = pb_session_cache_get(&user, csrf, req.st, tok, (int64_t)time(NULL));
		if (rc == 0) {
			req.user = &user;
			req.csrf = csrf;
			req.session = tok;
			snprintf(x->user, sizeof(x->user), "%s", user.name);
		} else if (rc != PB_ENOTFOUND) {
			internal_error(&resp);
			return send_resp(c, x, &resp, 1, NULL, 0, NULL);
		}
	}
	if (rt->allow != PB_HTTP_PUBLIC && !req.user)
		return send_error(c, x, 1, 401, "unauthorized", "请先登录", "sign in first");
	if (req.user && is_change(method)) {
		const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!h || !same_token(h, csrf))
			return send_error(c, x, 1, 403, "csrf", "请求缺少有效的 CSRF 令牌，请刷新页面",
					  "missing or wrong CSRF token: reload the page");
	}
	if (rt->allow != PB_HTTP_PUBLIC && !(rt->allow & PB_HTTP_ROLE(user.role)))
		return send_error(c, x, 1, 403, "forbidden", "无权访问", "not allowed for your role");
	/* A park operator's parks are the filter of every view, and the store's filters read
	 * "no park given" as the whole zone: an account left without a park (the store
	 * refuses to make one, so only a hand-edited database has it) sees nothing. */
	if (req.user && user.role == PB_ROLE_PARK && user.nparks == 0)
		return send_error(c, x, 1, 403, "forbidden", "该园区账户未分配园区，请联系管理员",
				  "this park account has no park: ask an administrator");

	pb_error_clear();
	if (rt->handler(&resp, &req) < 0)
		internal_error(&resp);
	/* after the handler, so that a body computed before its change committed is stale */
	if (is_change(method))
		pb_resp_cache_bump();
	return send_resp(c, x, &resp, 1, NULL, 0, NULL);
}

enum { ETAG_CACHE = 256 };
extern const struct pb_embedded_file pb_ui_files[];
static char etags[ETAG_CACHE][20];
static pthread_once_t etags_once = PTHREAD_ONCE_INIT;

static void etags_init(void)
{
	for (size_t i = 0; i < ETAG_CACHE && pb_ui_files[i].name; i++)
		pb_http_etag(etags[i], pb_ui_files[i].data, pb_ui_files[i].len);
}

static enum MHD_Result serve_static(struct MHD_Connection *c, reqctx *x, const char *url,
				    const char *method)
{
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		pb_http_resp r = { .status = 405 };
		pb_http_error(&r, 405, "method_not_allowed", "该地址不支持此请求方法",
			      "method not allowed here", NULL);
		pb_http_add_header(&r, "Allow", "GET, HEAD");
		return send_resp(c, x, &r, 0, NULL, 0, NULL);
	}
	const char *type;
	const struct pb_embedded_file *f = pb_http_static_find(url, &type);
	if (!f)
		return send_error(c, x, 0, 404, "not_found", "没有该文件", "no such file");
	pthread_once(&etags_once, etags_init);
	char own[20];
	const char *etag = own;
	size_t i = (size_t)(f - pb_ui_files);
	if (i < ETAG_CACHE)
		etag = etags[i];
	else
		pb_http_etag(own, f->data, f->len);
	pb_http_resp r = { .status = 200, .type = type };
	const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	if (inm && strstr(inm, etag)) {
		r.status = 304;
		return send_resp(c, x, &r, 0, NULL, 0, etag);
	}
	return send_resp(c, x, &r, 0, f->data, f->len, etag);
}

/* ---- libmicrohttpd's callbacks ------------------------------------------------------ */

static void client_ip(struct MHD_Connection *c, char *out, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, cap, "?");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
			  (socklen_t)cap);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	pb_http_server *s = cls;
	reqctx *x = *con_cls;
	int api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
	if (!x) {
		x = calloc(1, sizeof(*x));
		if (!x)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &x->t0);
		clock_gettime(CLOCK_REALTIME, &x->wall);
		x->method = strdup(method);
		x->path = strdup(url);
		client_ip(c, x->ip, sizeof(x->ip));
		*con_cls = x;
		atomic_fetch_add(&s->inflight, 1);
		/* 1. limits: a declared body over the limit is refused before it is read */
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);
			if (*end || n > s->max_body) {
				x->too_big = 1;
				return send_error(c, x, api, 413, "too_large", "请求内容过大",
						  "request body too large");
			}
		}
		return MHD_YES;
	}
	if (*upload_size) {
		/* a body without Content-Length (chunked) is counted while it is read */
		if (!x->too_big && x->body.len + *upload_size > s->max_body) {
			x->too_big = 1;
			pb_buf_free(&x->body);
		}
		if (!x->too_big && pb_buf_add(&x->body, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (x->too_big)
		return send_error(c, x, api, 413, "too_large", "请求内容过大", "request body too large");
	if (api)
		return serve_api(s, c, x, url, method);
	return serve_static(c, x, url, method);
}

static void log_line(pb_http_server *s, reqctx *x)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - x->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - x->t0.tv_nsec) / 1e6;
	struct tm tm;
	gmtime_r(&x->wall.tv_sec, &tm);
	char ts[48], num[128];
	size_t n = strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(ts + n, sizeof(ts) - n, ".%03ldZ", x->wall.tv_nsec / 1000000);
	pb_buf b = { 0 };
	pb_buf_puts(&b, "{\"ts\":\"");
	pb_buf_puts(&b, ts);
	pb_buf_puts(&b, "\",\"ip\":");
	pb_buf_json_string(&b, x->ip);
	pb_buf_puts(&b, ",\"user\":");
	if (x->user[0])
		pb_buf_json_string(&b, x->user);
	else
		pb_buf_puts(&b, "null");
	pb_buf_puts(&b, ",\"method\":");
	pb_buf_json_string(&b, x->method ? x->method : "");
	pb_buf_puts(&b, ",\"path\":");
	pb_buf_json_string(&b, x->path ? x->path : "");
	snprintf(num, sizeof(num), ",\"status\":%d,\"bytes\":%zu,\"ms\":%.3f}\n", x->status, x->bytes,
		 ms);
	pb_buf_puts(&b, num);
	if (!b.oom) {
		pthread_mutex_lock(&s->mu);
		fputs(b.p, s->log);
		fflush(s->log);
		pthread_mutex_unlock(&s->mu);
	}
	pb_buf_free(&b);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)c, (void)toe;
	pb_http_server *s = cls;
	reqctx *x = *con_cls;
	if (!x)
		return;
	log_line(s, x);
	pb_buf_free(&x->body);
	free(x->method);
	free(x->path);
	free(x);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

/* ---- start and stop ----------------------------------------------------------------- */

/* "HOST:PORT", "[V6]:PORT" or ":PORT" (every interface) into *ss. */
static int parse_listen(const char *l, struct sockaddr_storage *ss, int *v6)
{
	memset(ss, 0, sizeof(*ss));
	*v6 = 0;
	const char *colon = strrchr(l ? l : "", ':');
	if (!colon)
		goto bad;
	char *end;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end || port > 65535)
		goto bad;
	char host[64];
	size_t hn = (size_t)(colon - l);
	if (hn >= sizeof(host))
		goto bad;
	memcpy(host, l, hn);
	host[hn] = '\0';
	if (host[0] == '[') {
		if (hn < 2 || host[hn - 1] != ']')
			goto bad;
		host[hn - 1] = '\0';
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
			goto bad;
		*v6 = 1;
		return 0;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	if (!host[0])
		a->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!strcmp(host, "localhost"))
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
		goto bad;
	return 0;
bad:
	return pb_error_set(PB_EINVAL, "监听地址「%s」无效，应为 主机:端口 / bad listen address \"%s\" "
			    "(HOST:PORT)", l ? l : "", l ? l : "");
}

int pb_http_start(pb_http_server **out, const pb_http_opts *o)
{
	*out = NULL;
	struct sockaddr_storage ss;
	int v6;
	int rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &v6);
	if (rc)
		return rc;
	pb_store *st;
	if (pb_store_open(&st, o->db, 0))
		return pb_error_last_code() == PB_ENOMEM ? PB_ENOMEM : PB_ESTORE;
	pb_store_close(st);

	pb_http_server *s = calloc(1, sizeof(*s));
	if (!s || !(s->db = strdup(o->db))) {
		free(s);
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	}
	s->max_body = o->max_body ? o->max_body : (size_t)32 << 20;
	s->timeout_s = o->timeout_s ? o->timeout_s : 30;
	s->log = o->access_log ? o->access_log : stderr;
	pthread_mutex_init(&s->mu, NULL);
	pthread_key_create(&s->key, NULL);
	unsigned threads = o->threads;
	if (!threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}
	if (threads > 256)
		threads = 256;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
			 (v6 ? MHD_USE_IPv6 : 0);
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				MHD_OPTION_THREAD_POOL_SIZE, threads,
				MHD_OPTION_CONNECTION_TIMEOUT, s->timeout_s,
				/* libmicrohttpd's default: it zeroes the pool after every
				 * request, and 128 KiB of that was a seventh of the server's
				 * time on a cached body; bodies are read into our own buffer */
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
				MHD_OPTION_CONNECTION_LIMIT, 1024u,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				MHD_OPTION_END);
	if (!s->d) {
		rc = pb_error_set(PB_EIO, "无法监听 %s（端口已被占用？）/ cannot listen on %s (port in use?)",
				  o->listen, o->listen);
		pthread_key_delete(s->key);
		pthread_mutex_destroy(&s->mu);
		free(s->db);
		free(s);
		return rc;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	*out = s;
	return 0;
}

unsigned pb_http_port(const pb_http_server *s)
{
	return s->port;
}

void pb_http_stop(pb_http_server *s)
{
	if (!s)
		return;
	MHD_socket fd = MHD_quiesce_daemon(s->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	/* let the requests in flight finish (idle keep-alive connections are not waited for) */
	for (unsigned i = 0; i < s->timeout_s * 100 && atomic_load(&s->inflight) > 0; i++)
		nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
	MHD_stop_daemon(s->d);
	pb_cube_cache_clear(); /* no request holds it now */
	pb_resp_cache_clear();
	pb_session_cache_clear();
	for (size_t i = 0; i < s->nstores; i++)
		pb_store_close(s->stores[i]);
	free(s->stores);
	pthread_key_delete(s->key);
	pthread_mutex_destroy(&s->mu);
	free(s->db);
	free(s);
}
