/*
 * thermaliq.c
 *		Module magic for the thermaliq extension, and nothing else.
 *
 * Every SQL-callable function lives in src/pg/ (types, aggregates, scalar
 * wrappers) or src/plant/ (calculations over readings tables); the maths
 * they call lives in src/math/, which does not include postgres.h.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
