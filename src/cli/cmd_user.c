/*
 * cmd_user.c - `parkbrain user`: the web platform's accounts.
 *
 *   user add NAME --db F --role R [--park NAME]... [--enterprise USCC] [--display TEXT]
 *            [--password-stdin] [--user NAME]
 *   user passwd NAME --db F [--password-stdin] [--user NAME]
 *   user set NAME --db F [--role R] [--park NAME]... [--enterprise USCC] [--display TEXT]
 *            [--user NAME]
 *   user disable NAME --db F [--user NAME]     (ends every session of the user)
 *   user enable NAME --db F [--user NAME]
 *   user list --db F [--json]
 *
 * Parks are given by name, the enterprise by its USCC. The password is read from the
 * terminal twice without echo, or - with --password-stdin, or when stdin is not a
 * terminal - as one line of stdin; never from the command line (it would be in the
 * shell history and in ps). `list --json` prints what GET /api/v1/users answers. `set`
 * changes only what it is given; the scope follows the role (a park user's parks are kept
 * while it stays one). The last enabled administrator can be neither disabled nor given
 * another role.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "api.h"
#include "cli.h"
#include "error.h"
#include "store_user.h"

enum { PW_MAX = 1024 };

typedef struct user_args {
	const char *db, *role, *uscc, *display, *by, *name;
	const char *parks[PB_AUTH_MAX_PARKS];
	size_t nparks;
	int password_stdin, json;
} user_args;

static int parse_args(user_args *a, int argc, char **argv, int want_name)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },       { "role", required_argument, NULL, 'r' },
		{ "park", required_argument, NULL, 'p' },     { "enterprise", required_argument, NULL, 'e' },
		{ "display", required_argument, NULL, 'D' },  { "password-stdin", no_argument, NULL, 's' },
		{ "user", required_argument, NULL, 'u' },     { "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	memset(a, 0, sizeof(*a));
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->db = optarg; break;
		case 'r': a->role = optarg; break;
		case 'p':
			if (a->nparks == PB_AUTH_MAX_PARKS)
				return pb_cli_usage("园区过多", "too many parks");
			a->parks[a->nparks++] = optarg;
			break;
		case 'e': a->uscc = optarg; break;
		case 'D': a->display = optarg; break;
		case 's': a->password_stdin = 1; break;
		case 'u': a->by = optarg; break;
		case 'j': a->json = 1; break;
		default: return PB_EXIT_USAGE;
		}
	}
	if (want_name) {
		if (optind >= argc)
			return pb_cli_usage("缺少用户名", "missing the login name");
		a->name = argv[optind++];
	}
	a->by = pb_cli_user(a->by);
	return pb_cli_no_more_args(argc, argv);
}

/* ---- the password ------------------------------------------------------------------------ */

/* One line of f into out (without the newline); -1 at end of file or when too long. */
static int read_line(char out[PW_MAX + 2], FILE *f)
{
	if (!fgets(out, PW_MAX + 2, f))
		return -1;
	size_t n = strlen(out);
	if (n && out[n - 1] == '\n')
		out[--n] = '\0';
	else if (n > PW_MAX)
		return -1;
	if (n && out[n - 1] == '\r')
		out[--n] = '\0';
	return 0;
}

/* Prompt on stderr and read one line from the terminal on stdin without echo. */
static int read_hidden(char out[PW_MAX + 2], const char *prompt)
{
	struct termios old, quiet;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
		return -1;
	int rc = read_line(out, stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

/* The new password: from the terminal twice, or one line of stdin. */
static int read_password(char out[PW_MAX + 2], int from_stdin)
{
	if (from_stdin || !isatty(STDIN_FILENO)) {
		if (read_line(out, stdin) == 0)
			return 0;
		fprintf(stderr, "parkbrain: 无法从标准输入读取密码（一行，最多 %d 字节）/ cannot read the "
			"password from stdin (one line, at most %d bytes)\n", PW_MAX, PW_MAX);
		return PB_EXIT_USAGE;
	}
	char again[PW_MAX + 2];
	int rc = PB_EXIT_OK;
	if (read_hidden(out, "新密码 / new password: ") || read_hidden(again, "再输入一次 / again: ")) {
		fprintf(stderr, "parkbrain: 无法读取密码 / cannot read the password\n");
		rc = PB_EXIT_USAGE;
	} else if (strcmp(out, again) != 0) {
		fprintf(stderr, "parkbrain: 两次输入的密码不一致 / the passwords do not match\n");
		rc = PB_EXIT_REJECTED;
	}
	sodium_memzero(again, sizeof(again));
	return rc;
}

/* ---- add, passwd ------------------------------------------------------------------------- */

/* The parks by name and the enterprise by USCC, into rec; an unknown one is named. */
static int resolve_scope(pb_user_record *rec, int64_t *park_ids, pb_store *st, const user_args *a)
{
	for (size_t i = 0; i < a->nparks; i++)
		if (pb_store_park_id(&park_ids[i], st, a->parks[i]))
			return pb_cli_fail_input();
	rec->parks = park_ids;
	rec->nparks = a->nparks;
	if (a->uscc && pb_store_enterprise_id(&rec->enterprise_id, st, a->uscc))
		return pb_cli_fail_input();
	return 0;
}

static int cmd_add(int argc, char **argv)
{
	user_args a;
	int rc = parse_args(&a, argc, argv, 1);
	if (rc)
		return rc;
	if (!a.role)
		return pb_cli_usage("缺少 --role（admin、analyst、park、enterprise、viewer）",
				    "missing --role (admin, analyst, park, enterprise, viewer)");
	pb_user_record rec = { .name = a.name, .display = a.display };
	if (pb_role_parse(&rec.role, a.role))
		return pb_cli_say_last(PB_EXIT_USAGE);
	pb_store *st;
	if ((rc = pb_cli_open_existing(&st, a.db)))
		return rc;
	int64_t park_ids[PB_AUTH_MAX_PARKS];
	char pw[PW_MAX + 2] = "";
	rc = resolve_scope(&rec, park_ids, st, &a);
	if (!rc)
		rc = read_password(pw, a.password_stdin);
	if (!rc && pb_store_user_add(st, &rec, pw, a.by))
		rc = pb_error_last_code() == PB_EEXISTS ? pb_cli_say_last(PB_EXIT_REJECTED)
							: pb_cli_fail_input();
	sodium_memzero(pw, sizeof(pw));
	if (!rc)
		printf("已添加用户 %s（%s）/ added user %s (%s)\n", rec.name, pb_role_name(rec.role),
		       rec.name, pb_role_key(rec.role));
	pb_store_close(st);
	return rc;
}

/* The arguments of a command on one user (NAME first), and the database opened for it. */
static int parse_and_open(user_args *a, pb_store **st, int argc, char **argv)
{
	int rc = parse_args(a, argc, argv, 1);
	return rc ? rc : pb_cli_open_existing(st, a->db);
}

static int cmd_passwd(int argc, char **argv)
{
	user_args a;
	pb_store *st;
	int rc = parse_and_open(&a, &st, argc, argv);
	if (rc)
		return rc;
	char pw[PW_MAX + 2] = "";
	rc = read_password(pw, a.password_stdin);
	if (!rc && pb_store_user_passwd(st, a.name, pw, a.by))
		rc = pb_cli_fail_input();
	sodium_memzero(pw, sizeof(pw));
	if (!rc)
		printf("已修改 %s 的密码，其会话均已结束 / changed %s's password; its sessions are "
		       "ended\n", a.name, a.name);
	pb_store_close(st);
	return rc;
}

/* ---- set, disable, enable ---------------------------------------------------------------- */

/* After a refused change: the reason, and exit 1 (a bad option's value, an unknown user,
 * the last administrator) or 3. */
static int change(pb_store *st, const char *name, const pb_user_change *c, const char *by,
		  const char *done_zh, const char *done_en)
{
	if (pb_store_user_update(st, name, c, by, NULL))
		return pb_cli_fail_input();
	printf("%s %s / %s %s\n", done_zh, name, done_en, name);
	return PB_EXIT_OK;
}

static int cmd_set(int argc, char **argv)
{
	user_args a;
	pb_store *st;
	int rc = parse_and_open(&a, &st, argc, argv);
	if (rc)
		return rc;
	pb_user_change c = PB_USER_CHANGE_NONE;
	c.set_role = a.role != NULL;
	c.display = a.display;
	pb_user_record scope = { 0 };
	int64_t park_ids[PB_AUTH_MAX_PARKS];
	if (!a.role && !a.display && !a.nparks && !a.uscc)
		rc = pb_cli_usage("没有要修改的内容（--role、--park、--enterprise、--display）",
				  "nothing to change (--role, --park, --enterprise, --display)");
	else if (a.role && pb_role_parse(&c.role, a.role))
		rc = pb_cli_say_last(PB_EXIT_USAGE);
	else
		rc = resolve_scope(&scope, park_ids, st, &a);
	c.set_parks = a.nparks > 0;
	c.parks = scope.parks;
	c.nparks = scope.nparks;
	c.set_enterprise = a.uscc != NULL;
	c.enterprise_id = scope.enterprise_id;
	if (!rc)
		rc = change(st, a.name, &c, a.by, "已修改用户", "changed user");
	pb_store_close(st);
	return rc;
}

static int cmd_disable(int argc, char **argv, int disabled)
{
	user_args a;
	pb_store *st;
	int rc = parse_and_open(&a, &st, argc, argv);
	if (rc)
		return rc;
	pb_user_change c = PB_USER_CHANGE_NONE;
	c.disabled = disabled;
	rc = change(st, a.name, &c, a.by, disabled ? "已停用用户（其会话均已结束）" : "已启用用户",
		    disabled ? "disabled user (its sessions are ended)" : "enabled user");
	pb_store_close(st);
	return rc;
}

/* ---- list -------------------------------------------------------------------------------- */

/* The scope of a user in words: its parks' names, its enterprise's, or 全区. */
static void scope_text(char *out, size_t n, pb_store *st, const pb_user_record *r)
{
	size_t len = 0;
	out[0] = '\0';
	if (r->role == PB_ROLE_ENTERPRISE) {
		char uscc[19] = "", name[256] = "";
		pb_store_enterprise_name(uscc, name, sizeof(name), st, r->enterprise_id);
		snprintf(out, n, "%s %s", uscc, name);
		return;
	}
	if (r->role != PB_ROLE_PARK) {
		snprintf(out, n, "全区 / the zone");
		return;
	}
	for (size_t i = 0; i < r->nparks && len < n; i++) {
		char name[256] = "?";
		pb_store_park_name(name, sizeof(name), st, r->parks[i]);
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? "、" : "", name);
	}
}

static int cmd_list(int argc, char **argv)
{
	user_args a;
	int rc = parse_args(&a, argc, argv, 0);
	if (rc)
		return rc;
	pb_store *st;
	if ((rc = pb_cli_open(&st, a.db, PB_STORE_READONLY)))
		return rc;
	pb_user_record *l = NULL;
	size_t n = 0;
	if (pb_store_user_list(&l, &n, st)) {
		rc = pb_cli_fail(NULL);
	} else if (a.json) {
		json_t *arr = json_array();
		for (size_t i = 0; arr && i < n; i++)
			json_array_append_new(arr, pb_api_user_record_json(st, &l[i]));
		rc = pb_cli_print_json(arr);
	} else {
		printf("%-20s %-16s %-24s %-22s %s\n", "用户名 name", "角色 role", "显示名 display",
		       "最近登录 last login", "范围 scope");
		for (size_t i = 0; i < n; i++) {
			char scope[1024];
			scope_text(scope, sizeof(scope), st, &l[i]);
			printf("%-20s %-16s %-24s %-22s %s%s\n", l[i].name, pb_role_key(l[i].role),
			       l[i].display, l[i].last_login_at ? l[i].last_login_at : "-", scope,
			       l[i].disabled ? "（已停用 / disabled）" : "");
		}
		if (n == 0)
			printf("（尚无用户 / no users yet）\n");
	}
	pb_user_records_free(l, n);
	pb_store_close(st);
	return rc;
}

int pb_cmd_user(int argc, char **argv)
{
	if (argc < 2)
		return pb_cli_usage("用法：parkbrain user add|passwd|set|disable|enable|list ...",
				    "usage: parkbrain user add|passwd|set|disable|enable|list ...");
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return cmd_add(argc - 1, argv + 1);
	if (strcmp(sub, "passwd") == 0)
		return cmd_passwd(argc - 1, argv + 1);
	if (strcmp(sub, "list") == 0)
		return cmd_list(argc - 1, argv + 1);
	if (strcmp(sub, "set") == 0)
		return cmd_set(argc - 1, argv + 1);
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
		return cmd_disable(argc - 1, argv + 1, sub[0] == 'd');
	fprintf(stderr, "parkbrain: 未知的 user 子命令「%s」/ unknown user subcommand \"%s\"\n", sub, sub);
	return PB_EXIT_USAGE;
}
