/* test_db.h - a scratch database file for a test process: its name, and removing it with
 * the WAL files SQLite keeps beside it. Header-only: each test is its own executable. */
#ifndef PB_TEST_DB_H
#define PB_TEST_DB_H

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

#endif
