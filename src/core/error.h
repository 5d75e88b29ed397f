/*
 * error.h - the one error-reporting convention of parkbrain.
 *
 * Every function that can fail returns an int: 0 (PB_OK) on success, a negative
 * PB_E* code on failure. A failing function also records a human-readable message
 * (Simplified Chinese first, English after " / ") in a thread-local slot, which the
 * caller reads with pb_error_last(). The slot holds the most recent failure of the
 * calling thread only; a success does not clear it.
 *
 * Problems found in *user data* (a bad cell in an import file) are not errors of
 * this kind: they are collected in a pb_report (see src/io/report.h), because a
 * user wants to see all of them at once, not the first one.
 */
#ifndef PB_ERROR_H
#define PB_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum {
	PB_OK = 0,
	PB_ERROR = -1,    /* generic failure */
	PB_ENOMEM = -2,   /* allocation failed */
	PB_EINVAL = -3,   /* invalid argument or malformed input */
	PB_ENOTFOUND = -4,/* the named thing does not exist */
	PB_EIO = -5,      /* reading or writing a file failed */
	PB_ESTORE = -6,   /* the database refused an operation */
	PB_EREJECTED = -7,/* user data had problems; see the report */
	PB_EEXISTS = -8,  /* the thing already exists */
};

/**
 * Record a failure for the calling thread and return `code`, so that callers can
 * write `return pb_error_set(PB_EINVAL, "...")`. The message is formatted like
 * printf and truncated to 1 KiB.
 */
int pb_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Same as pb_error_set with a va_list. */
int pb_error_setv(int code, const char *fmt, va_list ap);

/**
 * The message of the calling thread's most recent failure, or "" if there was none.
 * The string is owned by the library and valid until the thread's next failure.
 */
const char *pb_error_last(void);

/** The code of the calling thread's most recent failure, or PB_OK. */
int pb_error_last_code(void);

/**
 * Put `zh` before the Chinese half and `en` before the English half of the calling
 * thread's last failure (the halves split at the first "/ " that follows a blank or a
 * full-width character; a message without one gets both prefixes on the whole), and
 * make `code` its code. How a caller names where a lower layer's failure happened:
 * pb_error_prefix(PB_EINVAL, "配置 f.json：", "config f.json: "). Returns code.
 */
int pb_error_prefix(int code, const char *zh, const char *en);

/**
 * Split a message of the form pb_error_set records (Chinese, " / ", English) into its
 * halves: the Chinese one copied into zh (n bytes, blanks before the "/" cut), *en pointed
 * at the English one inside msg ("" when there is none: zh then holds all of msg). The
 * split is at the first "/ " after a blank or a full-width character, so that "1/2" or
 * "km/ h" in a message do not cut it.
 */
void pb_error_split(char *zh, size_t n, const char **en, const char *msg);

/** Forget the calling thread's last failure. */
void pb_error_clear(void);

#endif
