/*
 * cmd_import.c - `parkbrain import` and `parkbrain export`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "error.h"
#include "export.h"
#include "import.h"

static const pb_kind *kind_or_usage(const char *name)
{
	const pb_kind *k = pb_kind_find(name);
	if (!k) {
		size_t n;
		const pb_kind *all = pb_kind_all(&n);
		fprintf(stderr, "parkbrain: 未知的数据类型「%s」/ unknown kind \"%s\"; one of:", name, name);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, " %s", all[i].name);
		fputc('\n', stderr);
	}
	return k;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int pb_cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "sheet", required_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },
		{ "lang", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *lang_opt = NULL;
	int quiet = 0;
	pb_import_opts io = { 0 };
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'n': io.dry_run = 1; break;
		case 's': io.sheet = optarg; break;
		case 'u': io.user = optarg; break;
		case 'l': lang_opt = optarg; break;
		case 'q': quiet = 1; break;
		default: return PB_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "用法 / usage: parkbrain import --db FILE KIND INPUT [--dry-run]\n");
		return PB_EXIT_USAGE;
	}
	const char *lang = pb_cli_lang(lang_opt);
	int en = strcmp(lang, "en") == 0;
	const pb_kind *kind = kind_or_usage(argv[optind]);
	if (!kind)
		return PB_EXIT_USAGE;
	io.user = pb_cli_user(io.user);

	pb_source src;
	if (pb_source_map(&src, argv[optind + 1]))
		return pb_cli_fail(NULL);
	pb_store *st;
	int rc = pb_cli_open(&st, db, 0);
	if (rc) {
		pb_source_unmap(&src);
		return rc;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pb_report rep;
	pb_report_init(&rep);
	pb_import_result res;
	int irc = pb_import_run(st, kind, &src, &io, &rep, &res);
	double secs = seconds_since(&t0);
	pb_report_print(&rep, stderr, lang);
	if (irc == 0) {
		if (!quiet && io.dry_run)
			printf(en ? "check passed: %s, %lld rows of %s, %zu warnings; nothing written (--dry-run)\n"
				  : "检查通过：%s，%lld 行「%s」，%zu 个警告；未写入（--dry-run）\n",
			       src.name, (long long)res.rows, en ? kind->name : kind->zh, rep.warnings);
		else if (!quiet)
			printf(en ? "imported %s: %lld rows of %s, %zu warnings, import #%lld, %.2f s (%.0f rows/s)\n"
				  : "已导入 %s：%lld 行「%s」，%zu 个警告，导入记录 #%lld，用时 %.2f 秒（%.0f 行/秒）\n",
			       src.name, (long long)res.rows, en ? kind->name : kind->zh, rep.warnings,
			       (long long)res.import_id, secs, secs > 0 ? (double)res.rows / secs : 0.0);
	} else if (irc == PB_EREJECTED) {
		fprintf(stderr, en ? "rejected: %s has %zu errors; nothing was written.\n"
				   : "导入失败：%s 有 %zu 个错误，未写入任何数据。\n",
			src.name, rep.errors);
	} else {
		pb_cli_fail(en ? "import failed" : "导入失败");
	}
	pb_report_free(&rep);
	pb_store_close(st);
	pb_source_unmap(&src);
	return irc == 0 ? PB_EXIT_OK : irc == PB_EREJECTED ? PB_EXIT_REJECTED : PB_EXIT_FAILURE;
}

int pb_cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return PB_EXIT_USAGE;
		db = optarg;
	}
	if (argc - optind != 2) {
		fprintf(stderr, "用法 / usage: parkbrain export --db FILE KIND OUTPUT.xlsx|csv\n");
		return PB_EXIT_USAGE;
	}
	const pb_kind *kind = kind_or_usage(argv[optind]);
	if (!kind)
		return PB_EXIT_USAGE;
	pb_store *st;
	int rc = pb_cli_open(&st, db, PB_STORE_READONLY);
	if (rc)
		return rc;
	int64_t rows = 0;
	rc = pb_export_run(st, kind, NULL, argv[optind + 1], PB_FMT_UNKNOWN, &rows);
	pb_store_close(st);
	if (rc)
		return pb_cli_fail("导出失败 / export failed");
	printf("已导出 %lld 行「%s」到 %s / exported %lld rows\n", (long long)rows, kind->zh,
	       argv[optind + 1], (long long)rows);
	return PB_EXIT_OK;
}
