/*
 * cmd_demo.c - `parkbrain demo`: build the demo zone's database from the files of
 * data/demo embedded in the binary (see src/io/demo.c and data/demo/README.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "error.h"
#include "store_user.h"

/* generated at build time by cmake/embed.cmake from the CSV files of data/demo */
struct pb_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct pb_embedded_file pb_embedded_files[];

/* ---- the demo's accounts, one per role --------------------------------------------------- */

/* Fixed passwords, so that the README and a demo can name them; they pass the password
 * rule like any other. Never for a real deployment: `parkbrain user passwd`. */
static const struct demo_account {
	const char *name, *display, *password;
	pb_role role;
	const char *park;       /* the park user's park, by name */
	const char *enterprise; /* the enterprise user's enterprise, by name */
} demo_accounts[] = {
	{ "admin", "系统管理员", "Demo-admin-2026", PB_ROLE_ADMIN, NULL, NULL },
	{ "analyst", "经济运行局", "Demo-analyst-2026", PB_ROLE_ANALYST, NULL, NULL },
	{ "changjiang", "长江绿色创新产业园运营方", "Demo-park-2026", PB_ROLE_PARK,
	  "长江绿色创新产业园", NULL },
	{ "vivo", "维沃移动通信（重庆）有限公司", "Demo-vivo-2026", PB_ROLE_ENTERPRISE, NULL,
	  "维沃移动通信（重庆）有限公司" },
	{ "leader", "区领导", "Demo-viewer-2026", PB_ROLE_VIEWER, NULL, NULL },
};

typedef struct find_enterprise {
	const char *name;
	int64_t id;
} find_enterprise;

static int take_enterprise(void *ctx, const void *rec)
{
	find_enterprise *f = ctx;
	const pb_enterprise *e = rec;
	if (e->name && strcmp(e->name, f->name) == 0) {
		f->id = e->id;
		return 1;
	}
	return 0;
}

static int add_demo_accounts(pb_store *st, const char *user)
{
	size_t n = sizeof(demo_accounts) / sizeof(demo_accounts[0]);
	for (size_t i = 0; i < n; i++) {
		const struct demo_account *d = &demo_accounts[i];
		int64_t park = 0;
		pb_user_record rec = { .name = d->name, .display = d->display, .role = d->role };
		if (d->park) {
			if (pb_store_park_id(&park, st, d->park))
				return pb_error_last_code();
			rec.parks = &park;
			rec.nparks = 1;
		}
		if (d->enterprise) {
			find_enterprise f = { d->enterprise, 0 };
			int rc = pb_store_each(st, PB_E_ENTERPRISE, take_enterprise, &f);
			if (rc < 0)
				return rc;
			if (!f.id)
				return pb_error_set(PB_ENOTFOUND, "示例数据中没有企业「%s」/ no enterprise "
						    "\"%s\" in the demo", d->enterprise, d->enterprise);
			rec.enterprise_id = f.id;
		}
		int rc = pb_store_user_add(st, &rec, d->password, user);
		if (rc)
			return rc;
	}
	printf("\n示例账户（网页登录，仅供演示）/ demo accounts (web sign-in, for the demo only)\n");
	printf("  用户名       角色         密码               范围 / scope\n"); /* by display width */
	for (size_t i = 0; i < n; i++) {
		const struct demo_account *d = &demo_accounts[i];
		printf("  %-12s %-12s %-18s %s\n", d->name, pb_role_key(d->role), d->password,
		       d->park ? d->park : d->enterprise ? d->enterprise : "全区 / the zone");
	}
	printf("\n");
	return 0;
}

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
	if (!rc && (rc = add_demo_accounts(st, o.user)))
		pb_error_prefix(rc, "示例账户：", "demo accounts: ");
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
