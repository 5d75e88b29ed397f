/*
 * cmd_demo.c - `parkbrain demo`: build the demo zone's database from the files of
 * data/demo embedded in the binary (see src/io/demo.c and data/demo/README.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "demo.h"
#include "error.h"

/* generated at build time by cmake/embed.cmake from the CSV files of data/demo */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct pb_embedded_file pb_embedded_files[];

int pb_cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	pb_demo_opts o = { .user = "demo", .log = stdout };
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'o': o.out_dir = optarg; break;
		case 's': o.seed = strtoull(optarg, NULL, 10); break;
		default: return PB_EXIT_USAGE;
		}
	}
	pb_store *st;
	int rc = pb_cli_open(&st, db, 0);
	if (rc)
		return rc;
	int64_t n = 0;
	pb_store_count(st, PB_E_ENTERPRISE, &n);
	if (n > 0) {
		fprintf(stderr, "parkbrain demo: %s 已有数据，请用新的数据库文件 / %s is not empty; "
			"use a new file\n", db, db);
		pb_store_close(st);
		return PB_EXIT_USAGE;
	}
	size_t nfiles = 0;
	while (pb_embedded_files[nfiles].name)
		nfiles++;
	pb_demo_input *in = calloc(nfiles ? nfiles : 1, sizeof(*in));
	if (!in) {
		pb_store_close(st);
		return PB_EXIT_FAILURE;
	}
	for (size_t i = 0; i < nfiles; i++)
		in[i] = (pb_demo_input){ pb_embedded_files[i].name, pb_embedded_files[i].data,
					 pb_embedded_files[i].len };
	printf("构建示例开发区 / building the demo zone into %s\n", db);
	pb_report rep;
	pb_report_init(&rep);
	rc = pb_demo_build(st, in, nfiles, &o, &rep);
	pb_report_print(&rep, stderr, "zh");
	if (!rc)
		pb_store_checkpoint(st);
	pb_report_free(&rep);
	pb_store_close(st);
	free(in);
	if (rc == PB_EREJECTED) {
		fprintf(stderr, "parkbrain demo: 示例数据被拒绝（见上）/ the demo data was rejected\n");
		return PB_EXIT_REJECTED;
	}
	return rc ? pb_cli_fail("demo") : PB_EXIT_OK;
}
