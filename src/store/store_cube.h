/*
 * store_cube.h - loading the cube (src/core/cube.h) from the store: the read model of
 * the monthly reports, built at start-up and after every import.
 */
#ifndef PB_STORE_CUBE_H
#define PB_STORE_CUBE_H

#include "cube.h"
#include "store.h"

/**
 * Build the cube of every enterprise and monthly report in `st`, sealed with up to
 * `threads` threads (0 = the number of processors). On success *out owns the cube
 * (pb_cube_free). A store without reports gives a cube of one empty year (the current
 * one). Returns 0, PB_ESTORE or PB_ENOMEM.
 */
int pb_store_cube_load(pb_cube **out, pb_store *st, int threads);

#endif
