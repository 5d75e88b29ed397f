/*
 * auth.h - who may see and change what: roles, their scope, and the checks every
 * endpoint and export makes (src/http calls them; nothing here does I/O).
 *
 * Roles (a user has exactly one):
 *   admin       everything, and users and the audit log;
 *   analyst     the bureau's analyst: the whole zone, every change but users;
 *   park        a park operator: only the parks assigned (their enterprises, plots,
 *               projects); changes within them;
 *   enterprise  an enterprise user: only its own enterprise, read only but its own
 *               service requests;
 *   viewer      the whole zone, read only (the leaders' screens).
 */
#ifndef PB_AUTH_H
#define PB_AUTH_H

#include <stddef.h>
#include <stdint.h>

typedef enum pb_role {
	PB_ROLE_ADMIN = 0,
	PB_ROLE_ANALYST,
	PB_ROLE_PARK,
	PB_ROLE_ENTERPRISE,
	PB_ROLE_VIEWER,
	PB_ROLE_COUNT
} pb_role;

/** "admin", "analyst", "park", "enterprise", "viewer" (as stored); the Chinese name
 * (管理员, 经济运行分析员, 园区操作员, 企业用户, 只读用户); NULL out of range. */
const char *pb_role_key(pb_role r);
const char *pb_role_name(pb_role r);

/** The role of `key`; returns 0 and sets *r, or PB_EINVAL listing the keys. */
int pb_role_parse(pb_role *r, const char *key);

enum { PB_AUTH_MAX_PARKS = 64 };

/* A signed-in user, as the server knows it for one request. Invariants: a park user has
 * nparks ≥ 1; an enterprise user has enterprise_id > 0; other roles have neither. */
typedef struct pb_user {
	int64_t id;
	char name[64];          /* the login name */
	char display[128];      /* 张三 (经信局) */
	pb_role role;
	int64_t parks[PB_AUTH_MAX_PARKS]; /* park ids, for PB_ROLE_PARK */
	size_t nparks;
	int64_t enterprise_id;  /* for PB_ROLE_ENTERPRISE */
} pb_user;

/** 1 when u may read data of the whole zone (aggregates over every park). */
int pb_auth_sees_zone(const pb_user *u);

/** 1 when u may read the enterprise `enterprise_id` that is in park `park_id` (0: none). */
int pb_auth_sees_enterprise(const pb_user *u, int64_t enterprise_id, int64_t park_id);

/** 1 when u may read park `park_id`'s data. */
int pb_auth_sees_park(const pb_user *u, int64_t park_id);

/** 1 when u may change data (import, acknowledge a warning, run an evaluation) within
 * its scope; 0 for viewers and enterprise users. */
int pb_auth_may_change(const pb_user *u);

/** 1 for admin only: users, the audit log. */
int pb_auth_is_admin(const pb_user *u);

/**
 * A password good enough to keep: at least 10 characters, not the login name, not all one
 * character class (letters only, digits only). Returns 0, or PB_EINVAL saying why, in
 * Chinese and English.
 */
int pb_auth_password_check(const char *name, const char *password);

#endif
