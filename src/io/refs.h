/*
 * refs.h - loading an entity's natural keys (name, USCC, ...) with their row ids into
 * an index: how both import (text -> id) and export (id -> text) resolve references.
 */
#ifndef PB_REFS_H
#define PB_REFS_H

#include "index.h"
#include "store.h"

/**
 * Add (text of `field`, id) for every record of `e` (an entity with ids) to `ix`.
 * With `matching` the text goes in matching form (pb_text_key: no blanks, half-width
 * brackets, lower case), as lookups of names typed by users need; without, as stored,
 * as export needs. Records whose field is NULL or empty are skipped. Does not build
 * the index. Returns 0 or a PB_E* code.
 */
int pb_refs_load(pb_store *st, pb_entity e, const char *field, int matching, pb_index *ix);

#endif
