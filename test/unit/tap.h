/*
 * tap.h
 *		A minimal TAP producer for the unit tests of src/math.
 */
#ifndef THERMALIQ_TAP_H
#define THERMALIQ_TAP_H

#include <math.h>
#include <stdio.h>

static int	tap_n = 0;
static int	tap_failed = 0;

/* ok(cond, name): one TAP line */
#define ok(cond, ...) do { \
	int _c = (cond); \
	printf("%sok %d - ", _c ? "" : "not ", ++tap_n); \
	printf(__VA_ARGS__); printf("\n"); \
	if (!_c) tap_failed++; \
} while (0)

/* is_rel(got, want, tol, name): relative agreement (absolute near zero) */
#define is_rel(got, want, tol, ...) do { \
	double _g = (got), _w = (want); \
	double _d = fabs(_g - _w) / (fabs(_w) > 1e-300 ? fabs(_w) : 1.0); \
	ok(_d <= (tol), __VA_ARGS__); \
	if (!(_d <= (tol))) printf("#   got %.17g want %.17g (rel %.3g)\n", _g, _w, _d); \
} while (0)

#define done_testing() (printf("1..%d\n", tap_n), tap_failed ? 1 : 0)

#endif
