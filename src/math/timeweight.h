/*
 * timeweight.h
 *		Time-weighted integration of irregular (timestamp, value) series.
 *
 * Pure C (no postgres.h): timestamps are int64 microseconds (the
 * representation of PostgreSQL's TimestampTz), values are doubles.
 *
 * Three layers, all deterministic:
 *   - TwStream: feed points in ascending timestamp order, O(1) state; equal
 *     timestamps collapse to the larger value; a segment longer than max_gap
 *     contributes neither integral nor coverage and counts as a gap.
 *   - TwSummary: what a stream ends as; two summaries of adjacent,
 *     non-overlapping ranges stitch into one (tw_summary_stitch).
 *   - tw_integrate_range: integral of a sorted array between two arbitrary
 *     bounds [a, b) with interpolation to the edges (plant calculations).
 *
 * Integrals are in value x seconds; durations are int64 microseconds.
 */
#ifndef THERMALIQ_TIMEWEIGHT_H
#define THERMALIQ_TIMEWEIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "math/overflow.h"

#define TW_USECS_PER_SEC 1000000.0

typedef enum TwMethod
{
	TW_LINEAR = 1,				/* trapezoid between samples */
	TW_LOCF = 2					/* step: last observation carried forward */
} TwMethod;

typedef enum TwError
{
	TW_OK = 0,
	TW_ERR_OVERLAP,				/* summaries overlap in time */
	TW_ERR_METHOD_MISMATCH,		/* summaries use different methods */
	TW_ERR_MAXGAP_MISMATCH,		/* summaries use different max_gap */
	TW_ERR_BAD_ARGUMENT,		/* bounds or parameters invalid */
	TW_ERR_OUT_OF_ORDER,		/* a point before the stream's last one */
	TW_ERR_TOO_LONG,			/* a time span that does not fit an int64 */
	TW_ERR_NOT_FINITE			/* a result that is NaN or infinite */
} TwError;

typedef struct TwPoint
{
	int64_t		ts;				/* microseconds */
	double		val;
} TwPoint;

/* Compensated (Neumaier) sum, so long series do not drift with order of size */
typedef struct TwSum
{
	double		sum;
	double		comp;
} TwSum;

/*
 * The ordering rules every stream shares (TwStream here, MeterStream in
 * meter.h): points come in ascending time; a point at the timestamp of the
 * last one collapses into it, keeping the larger value; a point before the
 * last one is refused (the caller sorts and starts again); and the whole
 * run, first to last, must span no more microseconds than an int64 holds,
 * so that every duration derived from it fits too.
 *
 * prev is committed (all segments up to it are summed), last is pending: a
 * later point with the same timestamp may still raise its value, so the
 * segment prev -> last is final only when a strictly later point arrives.
 */
typedef struct TwRun
{
	int64_t		npoints;		/* distinct timestamps seen */
	TwPoint		first;
	TwPoint		prev;
	TwPoint		last;
} TwRun;

/* What tw_run_offer made of a point */
typedef enum TwRunMove
{
	TW_RUN_TAKEN,				/* the first point, or merged into last */
	TW_RUN_LATER,				/* strictly later: prev -> last is final; call tw_run_advance */
	TW_RUN_BEHIND,				/* before last: refused, run unchanged */
	TW_RUN_TOO_LONG				/* later, but first -> it overflows an int64: refused */
} TwRunMove;

/* Offers (ts, val) to the run; see TwRunMove */
static inline TwRunMove
tw_run_offer(TwRun *r, int64_t ts, double val)
{
	int64_t		span;

	if (r->npoints == 0)
	{
		r->first.ts = r->last.ts = ts;
		r->first.val = r->last.val = val;
		r->npoints = 1;
		return TW_RUN_TAKEN;
	}
	if (ts == r->last.ts)
	{
		/* equal timestamps: the larger value wins */
		if (val > r->last.val)
		{
			r->last.val = val;
			if (r->npoints == 1)
				r->first.val = val;
		}
		return TW_RUN_TAKEN;
	}
	if (ts < r->last.ts)
		return TW_RUN_BEHIND;
	if (!tq_span(r->first.ts, ts, &span))
		return TW_RUN_TOO_LONG;
	return TW_RUN_LATER;
}

/* After TW_RUN_LATER (and committing prev -> last): last becomes prev */
static inline void
tw_run_advance(TwRun *r, int64_t ts, double val)
{
	r->prev = r->last;
	r->last.ts = ts;
	r->last.val = val;
	r->npoints++;
}

/* The summary of one sorted run; stored inside thermaliq.tw_summary */
typedef struct TwSummary
{
	int32_t		method;			/* TwMethod */
	int32_t		reserved;		/* zero */
	int64_t		max_gap;		/* microseconds; 0 = no limit */
	int64_t		first_ts;
	int64_t		last_ts;
	double		first_val;
	double		last_val;
	double		integral;		/* value x seconds */
	int64_t		covered;		/* microseconds covered by segments */
	int64_t		sample_count;	/* points after collapsing equal timestamps */
	int64_t		gap_count;		/* segments longer than max_gap */
} TwSummary;

/*
 * Streaming state: the run (TwRun rules) and the sums of its committed
 * segments; tw_stream_summary adds the pending one.
 */
typedef struct TwStream
{
	int32_t		method;
	int64_t		max_gap;
	TwRun		run;
	TwSum		integral;
	int64_t		covered;
	int64_t		gap_count;
} TwStream;

/* Result of integrating a sorted array between two bounds */
typedef struct TwRangeResult
{
	double		integral;		/* value x seconds */
	int64_t		covered;		/* microseconds */
	int64_t		samples;		/* points with a <= ts < b */
	int64_t		gap_count;		/* gap segments overlapping [a, b) */
} TwRangeResult;

extern void tw_sum_add(TwSum *s, double x);
extern double tw_sum_value(const TwSum *s);

extern void tw_stream_init(TwStream *st, TwMethod method, int64_t max_gap);

/*
 * Adds one point: TW_OK if ts >= the last timestamp (accepted),
 * TW_ERR_OUT_OF_ORDER if it is before (the stream is unchanged; the caller
 * must fall back to sorting), TW_ERR_TOO_LONG if the run would span more
 * than an int64 of microseconds (stream unchanged).
 */
extern TwError tw_stream_add(TwStream *st, int64_t ts, double val);

/*
 * Summary of the points added so far (n >= 1); does not modify the stream.
 * TW_ERR_NOT_FINITE when the integral overflowed (values near 1e308).
 */
extern TwError tw_stream_summary(const TwStream *st, TwSummary *out);

/* Integral contribution of one segment (value x seconds), 0 for a gap */
extern double tw_segment_area(TwMethod method, int64_t t0, double v0,
							  int64_t t1, double v1);

/*
 * Sorts points by timestamp and collapses equal timestamps to the largest
 * value; returns the new count. Deterministic for any input permutation.
 * The glue sorts with qsort_interruptible and tw_point_cmp instead, then
 * calls tw_dedup_sorted.
 */
extern size_t tw_sort_dedup(TwPoint *pts, size_t n);

/* qsort order of points: timestamp, then value */
extern int	tw_point_cmp(const void *a, const void *b);

/* Collapses equal timestamps of an array sorted by tw_point_cmp; new count */
extern size_t tw_dedup_sorted(TwPoint *pts, size_t n);

/* Summarizes a sorted, deduplicated array (n >= 1); errors as the stream's */
extern TwError tw_summarize_sorted(const TwPoint *pts, size_t n, TwMethod method,
								   int64_t max_gap, TwSummary *out);

/*
 * Stitches summary b after summary a (a must end before b starts; touching
 * at one timestamp is allowed when both carry the same value there).
 * TW_ERR_TOO_LONG when the stitched range or a count overflows an int64,
 * TW_ERR_NOT_FINITE when the integral does.
 */
extern TwError tw_summary_stitch(const TwSummary *a, const TwSummary *b,
								 TwSummary *out);

/*
 * Integrates a sorted, strictly increasing array over [a, b): every segment
 * overlapping [a, b) is clipped to it, the value at a clipped edge is
 * interpolated (linear) or carried (locf); no extrapolation beyond the
 * first or last point; segments longer than max_gap (0 = none) are skipped.
 * TW_ERR_TOO_LONG when b - a or a segment does not fit an int64,
 * TW_ERR_NOT_FINITE when the integral overflows.
 */
extern TwError tw_integrate_range(const TwPoint *pts, size_t n,
								  int64_t a, int64_t b, TwMethod method,
								  int64_t max_gap, TwRangeResult *out);

/* Average (value) of a summary; returns 0 and sets *ok = 0 if no coverage */
extern double tw_summary_average(const TwSummary *s, int *ok);

/* Parses 'linear' / 'locf' (case-insensitive); 0 if unknown */
extern TwMethod tw_method_from_name(const char *name);
extern const char *tw_method_name(TwMethod m);

/* Seconds per unit for integral() (day = 86400 s); 0 if unknown */
extern double tw_unit_seconds(const char *unit);

#endif
