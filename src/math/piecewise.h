/*
 * piecewise.h
 *		Piecewise-linear (or step) series over time: which time a series
 *		covers, the time that several series cover together, integrals over
 *		such a set of spans, and the exact integral of a product of two
 *		series (a weighted mean). Pure C (no postgres.h).
 *
 * A series is a sorted, strictly increasing TwPoint array (timeweight.h).
 * Its segment [p_i.ts, p_i+1.ts) is covered when it is no longer than
 * max_gap (max_gap 0: every segment is covered, as for counters). Spans
 * are half-open [a, b), sorted, disjoint and not touching (merged).
 * Times are int64 microseconds; integrals are value x seconds.
 */
#ifndef THERMALIQ_PIECEWISE_H
#define THERMALIQ_PIECEWISE_H

#include <stddef.h>
#include <stdint.h>

#include "math/timeweight.h"

typedef struct PwSpan
{
	int64_t		a;
	int64_t		b;
} PwSpan;

/*
 * The spans of [a, b) covered by the series' segments (n points); writes
 * at most n - 1 spans into out and returns their count.
 */
extern size_t pw_covered_spans(const TwPoint *pts, size_t n, int64_t max_gap,
							   int64_t a, int64_t b, PwSpan *out);

/* Intersection of two span sets; out has room for nx + ny spans */
extern size_t pw_intersect(const PwSpan *x, size_t nx, const PwSpan *y,
						   size_t ny, PwSpan *out);

/*
 * Length of the part of [a, b) inside the spans. *hint is the first span
 * that may overlap [a, b); it advances, so calls with increasing a are
 * linear overall (start it at 0).
 */
extern int64_t pw_span_overlap(const PwSpan *s, size_t ns, int64_t a, int64_t b,
							   size_t *hint);

/*
 * Integral (value x seconds) of the series over the part of [a, b) inside
 * the spans, with interpolation (linear) or carry (locf) to every edge;
 * segments are not checked against max_gap (the spans say what counts).
 * *hint as for pw_span_overlap.
 */
extern double pw_integral_on_spans(const TwPoint *pts, size_t n, TwMethod method,
								   const PwSpan *s, size_t ns, int64_t a,
								   int64_t b, size_t *hint);

/* Index of the last point with ts <= t, or 0 when there is none */
extern size_t pw_find(const TwPoint *pts, size_t n, int64_t t);

/*
 * Adds the integral over [from, to) of x(t) w(t) dt to *num and of
 * w(t) dt to *den (hours as the time unit): on the merged sample grid both
 * series are linear (or constant) on each piece, so the product
 * integrates exactly. Pieces where either series has no covered segment
 * (outside its points, or longer than its max_gap; 0 = no limit) are
 * skipped. Used for means weighted by fuel power.
 */
extern void pw_weighted_add(const TwPoint *x, size_t nx, TwMethod mx, int64_t x_gap,
							const TwPoint *w, size_t nw, TwMethod mw, int64_t w_gap,
							int64_t from, int64_t to, double *num, double *den);

#endif
