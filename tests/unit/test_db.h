/* test_db.h - a scratch database file for a test process: its name, removing it with
 * the WAL files SQLite keeps beside it, and one-value queries on it (through a
 * connection of their own, so they see what is committed). Header-only: each test is its
 * own executable; include it after cmocka.h. */
#ifndef PB_TEST_DB_H
#define PB_TEST_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

/** "/tmp/pb_<stem>_<pid>.db" into out. */
static inline void test_db_name(char *out, size_t n, const char *stem)
{
	snprintf(out, n, "/tmp/pb_%s_%d.db", stem, (int)getpid());
}

/** Remove the database at path and its -wal and -shm files. */
static inline void test_db_remove(const char *path)
{
	char p[512];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/** The integer the query `sql` returns on the database at `path`. */
static inline int64_t test_db_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/** The text the query returns into out ("(null)" for NULL). */
static inline void test_db_text(const char *path, const char *sql, char *out, size_t n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(s, 0);
	snprintf(out, n, "%s", t ? t : "(null)");
	sqlite3_finalize(s);
	sqlite3_close(db);
}

#endif
