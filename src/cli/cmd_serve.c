/*
 * cmd_serve.c - `parkbrain serve --db FILE [--listen HOST:PORT] [--threads N]
 * [--access-log FILE]`: the web server (src/http) until SIGINT or SIGTERM, then a
 * graceful stop (the requests in flight finish). Port 0 picks a free port; the first
 * line on stdout is the URL actually served.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "http.h"

int pb_cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "access-log", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	pb_http_opts o = { .listen = "127.0.0.1:8080" };
	const char *log_path = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			o.db = optarg;
		} else if (c == 'l') {
			o.listen = optarg;
		} else if (c == 't') {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 256)
				return pb_cli_usage("--threads 应为 1 至 256", "--threads must be 1 to 256");
			o.threads = (unsigned)n;
		} else if (c == 'a') {
			log_path = optarg;
		} else {
			return PB_EXIT_USAGE;
		}
	}
	int rc = pb_cli_no_more_args(argc, argv);
	if (rc)
		return rc;
	if (!o.db)
		return pb_cli_usage("缺少 --db FILE", "missing --db FILE");
	if (access(o.db, F_OK) != 0) {
		fprintf(stderr, "parkbrain: 数据库 %s 不存在 / no database %s\n", o.db, o.db);
		return PB_EXIT_REJECTED;
	}
	FILE *log = NULL;
	if (log_path && !(log = fopen(log_path, "a"))) {
		fprintf(stderr, "parkbrain: 无法打开访问日志 %s：%s / cannot open the access log %s: %s\n",
			log_path, strerror(errno), log_path, strerror(errno));
		return PB_EXIT_FAILURE;
	}
	o.access_log = log;

	/* The signals are taken by sigwait below, never by a handler: block them before the
	 * server's threads start, so that they inherit the mask. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	pb_http_server *srv;
	rc = pb_http_start(&srv, &o);
	if (rc) {
		if (log)
			fclose(log);
		return rc == PB_EINVAL ? pb_cli_say_last(PB_EXIT_USAGE) : pb_cli_fail(NULL);
	}
	/* the host as given, the port as bound */
	const char *colon = strrchr(o.listen, ':');
	int hn = (int)(colon - o.listen);
	const char *host = hn ? o.listen : "0.0.0.0";
	printf("http://%.*s:%u/\n", hn ? hn : 7, host, pb_http_port(srv));
	fflush(stdout);
	fprintf(stderr, "parkbrain: 服务已启动，按 Ctrl+C 停止 / serving, Ctrl+C stops\n");

	int sig = 0;
	while (sigwait(&set, &sig) != 0)
		;
	fprintf(stderr, "parkbrain: 收到信号 %d，正在停止 / signal %d, stopping\n", sig, sig);
	pb_http_stop(srv);
	if (log)
		fclose(log);
	return PB_EXIT_OK;
}
