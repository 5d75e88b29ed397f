/*
 * industry.h - 国民经济行业分类 GB/T 4754-2017.
 *
 * Codes are a section letter (A-T) followed by 2 (division, 大类), 3 (group, 中类) or 4
 * (class, 小类) digits: "C", "C39", "C392", "C3922". Files write them with or without
 * the letter ("C3922" or "3922"), so every code is normalised to the lettered form,
 * the letter being implied by the division (13-43 -> C, 06-12 -> B, 44-46 -> D, ...).
 * The table covers every division of every section, and all groups and classes of
 * sections B, C and D (mining, manufacturing, utilities: the industrial sections).
 */
#ifndef PB_INDUSTRY_H
#define PB_INDUSTRY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pb_industry {
	const char *code; /* lettered form, e.g. "C3922" */
	const char *name; /* official Chinese name, e.g. "通信终端设备制造" */
} pb_industry;

/**
 * Normalise `s[0..len)` (blanks and full-width characters allowed, letter optional,
 * lower-case letter allowed) into out (8 bytes, e.g. "C3922"). Returns true if the
 * result is syntactically a code whose letter agrees with its division (it may still
 * not exist: see pb_industry_find).
 */
bool pb_industry_normalize(const char *s, size_t len, char out[8]);

/** Find a normalised code in the table; NULL if GB/T 4754-2017 has no such code. */
const pb_industry *pb_industry_find(const char *code);

/** The section letter for a two-digit division (1..97), or '\0' if none. */
char pb_industry_section_of(int division);

/** Number of entries in the table, and the i-th entry (sorted by code). */
size_t pb_industry_count(void);
const pb_industry *pb_industry_at(size_t i);

#endif
