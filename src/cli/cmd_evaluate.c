/*
 * cmd_evaluate.c - `parkbrain evaluate`: the yearly 亩均论英雄 evaluation.
 *
 *   evaluate [run] --db F --year Y [--scheme FILE|KEY] [--user NAME] [--no-save]
 *                  [--json] [--xlsx OUT.xlsx] [--top N] [--enterprise USCC|名称]
 *   evaluate what-if --db F --year Y [--scheme S] (--set PATH=VALUE ... | --with FILE|KEY)
 *                  [--json]
 *   evaluate list --db F [--json]
 *   evaluate schemes                         the shipped schemes
 *
 * `run` gathers the year's inputs (src/store/store_mujun.c), evaluates them under the
 * scheme (src/core/mujun_eval.c; the default is the demo zone's chongqing-demo), saves
 * the result as that year's evaluation (replacing it; other years stay) and shows the
 * class counts by group, park and sector, the moves since the year before, the top of
 * each list and the idle and inefficient land - or, with --enterprise, that
 * enterprise's full explanation. `what-if` evaluates the same inputs under a changed
 * scheme, saves nothing, and lists the enterprises whose class would change.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "mujun.h"
#include "mujun_config.h"
#include "mujun_out.h"
#include "mujun_run.h"

enum { MAX_SETS = 32 };

typedef struct eval_args {
	const char *db, *scheme, *user, *xlsx, *enterprise, *with;
	const char *set[MAX_SETS];
	size_t nset;
	int year, json, top, no_save;
} eval_args;

static int parse_year(const char *s, int *year)
{
	char *end = NULL;
	errno = 0;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || errno || v < 1949 || v > 2200) {
		fprintf(stderr, "parkbrain: 年度「%s」无效，应为四位年份，如 2025 / invalid year \"%s\"\n",
			s ? s : "", s ? s : "");
		return PB_EXIT_USAGE;
	}
	*year = (int)v;
	return 0;
}

static int parse_top(const char *s, int *top)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > 100000)
		return pb_cli_usage("--top 应为非负整数", "--top takes a whole number");
	*top = (int)v;
	return 0;
}

static int parse_args(eval_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },      { "year", required_argument, NULL, 'y' },
		{ "scheme", required_argument, NULL, 's' },  { "user", required_argument, NULL, 'u' },
		{ "xlsx", required_argument, NULL, 'x' },    { "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },     { "enterprise", required_argument, NULL, 'e' },
		{ "set", required_argument, NULL, 'S' },     { "with", required_argument, NULL, 'w' },
		{ "no-save", no_argument, NULL, 'n' },       { NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof(*a));
	a->top = 10;
	int c, rc = 0;
	optind = 1;
	while (!rc && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'y': rc = parse_year(optarg, &a->year); break;
		case 's': a->scheme = optarg; break;
		case 'u': a->user = optarg; break;
		case 'x': a->xlsx = optarg; break;
		case 'j': a->json = 1; break;
		case 't': rc = parse_top(optarg, &a->top); break;
		case 'e': a->enterprise = optarg; break;
		case 'w': a->with = optarg; break;
		case 'n': a->no_save = 1; break;
		case 'S':
			if (a->nset == MAX_SETS)
				rc = pb_cli_usage("--set 最多 32 个", "at most 32 --set");
			else
				a->set[a->nset++] = optarg;
			break;
		default: rc = PB_EXIT_USAGE;
		}
	}
	if (!rc)
		rc = pb_cli_no_more_args(argc, argv);
	a->user = pb_cli_user(a->user);
	return rc;
}

/* ---- one evaluation (src/io/mujun_run.c) ----------------------------------------------- */

static int prepare(pb_mujun_run *e, pb_store *st, const eval_args *a, int land)
{
	char *zone = pb_cli_zone_name(st);
	int rc = pb_mujun_run_scheme(e, a->scheme);
	if (!rc)
		rc = pb_mujun_run_make(e, st, a->year, zone, land);
	free(zone);
	return rc;
}

static int require(const eval_args *a)
{
	if (!a->year)
		return pb_cli_usage("须用 --year 指定评价年度", "--year YEAR is required");
	return 0;
}

/* ---- run --------------------------------------------------------------------------- */

static int show(const eval_args *a, pb_mujun_run *e)
{
	if (a->xlsx) {
		if (pb_mujun_book_write(a->xlsx, &e->v))
			return pb_cli_fail(NULL);
		fprintf(stderr, "已写入 %s / written\n", a->xlsx);
	}
	if (a->enterprise) {
		size_t i = 0;
		if (pb_mujun_run_find(e, a->enterprise, &i))
			return pb_cli_fail_input();
		if (a->json) {
			json_t *j = NULL;
			return pb_mujun_enterprise_json(&j, &e->v, i) ? pb_cli_fail(NULL)
								      : pb_cli_print_json(j);
		}
		return pb_mujun_explain_print(stdout, &e->v, i) ? pb_cli_fail(NULL) : PB_EXIT_OK;
	}
	if (a->json) {
		json_t *j = NULL;
		return pb_mujun_json(&j, &e->v) ? pb_cli_fail(NULL) : pb_cli_print_json(j);
	}
	return pb_mujun_print(stdout, &e->v, a->top) ? pb_cli_fail(NULL) : PB_EXIT_OK;
}

static int cmd_run(int argc, char **argv)
{
	eval_args a;
	int rc = parse_args(&a, argc, argv);
	if (!rc)
		rc = require(&a);
	if (!rc && (a.nset || a.with))
		rc = pb_cli_usage("--set/--with 用于 evaluate what-if", "--set/--with belong to "
				  "evaluate what-if");
	pb_store *st = NULL;
	if (!rc)
		rc = a.no_save ? pb_cli_open(&st, a.db, PB_STORE_READONLY)
			       : pb_cli_open_existing(&st, a.db);
	if (rc)
		return rc;
	pb_mujun_run e = { 0 };
	if (prepare(&e, st, &a, 1))
		rc = pb_cli_fail_input();
	if (!rc && !a.no_save &&
	    pb_store_mujun_save(st, &e.y, e.s, e.scheme_json, &e.r, a.user))
		rc = pb_cli_fail(NULL);
	if (!rc && !a.no_save)
		fprintf(stderr, "已保存 %d 年度评价 / %d evaluation saved\n", a.year, a.year);
	if (!rc)
		rc = show(&a, &e);
	pb_mujun_run_free(&e);
	pb_store_close(st);
	return rc;
}

/* ---- what-if ------------------------------------------------------------------------ */

/* Apply one --set PATH=VALUE to the scheme. */
static int apply_set(pb_mujun_scheme *s, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char path[256], *end = NULL;
	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(path))
		return pb_error_set(PB_EINVAL, "--set「%s」应为 路径=数值，如 above.tax_per_mu.weight=35 / "
				    "--set \"%s\" should be PATH=VALUE", arg, arg);
	memcpy(path, arg, (size_t)(eq - arg));
	path[eq - arg] = '\0';
	double v = strtod(eq + 1, &end);
	if (!eq[1] || *end)
		return pb_error_set(PB_EINVAL, "--set %s：「%s」不是数值 / \"%s\" is not a number", path,
				    eq + 1, eq + 1);
	return pb_mujun_scheme_set(s, path, v);
}

/* The other scheme: the base changed by every --set, or the scheme of --with. */
static int other_scheme(pb_mujun_run *o, const pb_mujun_run *base, const eval_args *a)
{
	if (a->with)
		return pb_mujun_run_scheme(o, a->with);
	o->s = malloc(sizeof(*o->s));
	if (!o->s)
		return pb_error_set(PB_ENOMEM, "内存不足 / out of memory");
	*o->s = *base->s;
	for (size_t k = 0; k < a->nset; k++)
		if (apply_set(o->s, a->set[k]))
			return PB_EINVAL;
	return pb_mujun_scheme_check(o->s);
}

static int whatif(const eval_args *a, pb_store *st)
{
	pb_mujun_run base = { 0 }, other = { 0 };
	size_t *idx = NULL, n = 0;
	int rc = PB_EXIT_OK;
	/* the same inputs, each under its own scheme (whose rules may name other facts) */
	if (prepare(&base, st, a, 0) || other_scheme(&other, &base, a) ||
	    pb_mujun_run_make(&other, st, a->year, base.zone, 0) ||
	    pb_mujun_changes(&idx, &n, &base.r, &other.r)) {
		rc = pb_cli_fail_input();
		goto out;
	}
	if (a->json) {
		json_t *j = NULL;
		rc = pb_mujun_whatif_json(&j, &base.v, &other.v, idx, n) ? pb_cli_fail(NULL)
									: pb_cli_print_json(j);
	} else if (pb_mujun_whatif_print(stdout, &base.v, &other.v, idx, n)) {
		rc = pb_cli_fail(NULL);
	}
out:
	free(idx);
	pb_mujun_run_free(&base);
	pb_mujun_run_free(&other);
	return rc;
}

static int cmd_whatif(int argc, char **argv)
{
	eval_args a;
	int rc = parse_args(&a, argc, argv);
	if (!rc)
		rc = require(&a);
	if (!rc && !a.nset && !a.with)
		rc = pb_cli_usage("what-if 须给出 --set 路径=数值 或 --with 方案", "what-if needs --set "
				  "PATH=VALUE or --with SCHEME");
	if (!rc && a.nset && a.with)
		rc = pb_cli_usage("--set 与 --with 不能同时使用", "use --set or --with, not both");
	pb_store *st = NULL;
	if (!rc)
		rc = pb_cli_open(&st, a.db, PB_STORE_READONLY);
	if (!rc)
		rc = whatif(&a, st);
	pb_store_close(st);
	return rc;
}

/* ---- list, schemes ----------------------------------------------------------------- */

static int cmd_list(int argc, char **argv)
{
	eval_args a;
	int rc = parse_args(&a, argc, argv);
	pb_store *st = NULL;
	if (!rc)
		rc = pb_cli_open(&st, a.db, PB_STORE_READONLY);
	if (rc)
		return rc;
	pb_mujun_evaluations l = { 0 };
	if (pb_store_mujun_evaluations(&l, st)) {
		rc = pb_cli_fail(NULL);
	} else if (a.json) {
		json_t *j = NULL;
		rc = pb_mujun_evaluations_json(&j, &l) ? pb_cli_fail(NULL) : pb_cli_print_json(j);
	} else if (pb_mujun_evaluations_print(stdout, &l)) {
		rc = pb_cli_fail(NULL);
	}
	pb_mujun_evaluations_free(&l);
	pb_store_close(st);
	return rc;
}

static int cmd_schemes(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return pb_cli_usage("schemes 不带参数", "schemes takes no arguments");
	pb_mujun_scheme *s = malloc(sizeof(*s));
	if (!s)
		return pb_cli_fail("out of memory");
	int rc = PB_EXIT_OK;
	for (const char *const *k = pb_mujun_config_shipped(); *k && !rc; k++) {
		if (pb_mujun_config_load(s, NULL, *k)) {
			rc = pb_cli_fail(NULL);
			break;
		}
		printf("%-18s %s%s\n", *k, s->name,
		       strcmp(*k, pb_mujun_config_default()) == 0 ? "（默认 / default）" : "");
	}
	free(s);
	return rc;
}

int pb_cmd_evaluate(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] != '-') {
		const char *sub = argv[1];
		if (strcmp(sub, "run") == 0)
			return cmd_run(argc - 1, argv + 1);
		if (strcmp(sub, "what-if") == 0)
			return cmd_whatif(argc - 1, argv + 1);
		if (strcmp(sub, "list") == 0)
			return cmd_list(argc - 1, argv + 1);
		if (strcmp(sub, "schemes") == 0)
			return cmd_schemes(argc - 1, argv + 1);
		fprintf(stderr, "parkbrain: evaluate 没有子命令「%s」（run、what-if、list、schemes）/ "
			"unknown evaluate subcommand \"%s\"\n", sub, sub);
		return PB_EXIT_USAGE;
	}
	return cmd_run(argc, argv);
}
