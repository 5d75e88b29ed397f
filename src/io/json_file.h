/*
 * json_file.h - reading a JSON document from a file (the configuration files of the
 * reports and the warnings), with the errors a user can act on: the file that could
 * not be read and why, or the line and column where the JSON is broken.
 */
#ifndef PB_JSON_FILE_H
#define PB_JSON_FILE_H

#include <jansson.h>

/**
 * Read `path` as one JSON document (duplicate keys refused). `zh` and `en` name the
 * file's role in messages ("预警配置" / "warning configuration"). On success *out is a
 * new reference the caller releases with json_decref. Returns 0, PB_EIO (cannot be
 * opened, is a directory, cannot be read) or PB_EINVAL (not JSON: line and column).
 */
int pb_json_file_load(json_t **out, const char *path, const char *zh, const char *en);

#endif
