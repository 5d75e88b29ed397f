/* schema.h - the migrations that build the database; see schema.c. */
#ifndef PB_SCHEMA_H
#define PB_SCHEMA_H

/** Number of migrations = the current schema version. */
int pb_schema_count(void);

/** The SQL that brings a database from version-1 to `version`, or NULL. */
const char *pb_schema_migration(int version);

#endif
