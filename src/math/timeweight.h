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
	TW_ERR_BAD_ARGUMENT			/* bounds or parameters invalid */
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
 * Streaming state. prev is committed (all segments up to it are summed),
 * last is pending: a later point with the same timestamp may still raise
 * its value, so the segment prev -> last is summed only when a strictly
 * later point arrives, and by tw_stream_summary at the end.
 */
typedef struct TwStream
{
	int32_t		method;
	int64_t		max_gap;
	int64_t		npoints;		/* distinct timestamps seen */
	TwPoint		first;
	TwPoint		prev;
	TwPoint		last;
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
 * Adds one point; returns 0 if ts >= the last timestamp (accepted), -1 if
 * the point is out of order (the stream is unchanged; the caller must fall
 * back to sorting).
 */
extern int	tw_stream_add(TwStream *st, int64_t ts, double val);

/* Summary of the points added so far (n >= 1); does not modify the stream */
extern void tw_stream_summary(const TwStream *st, TwSummary *out);

/* Integral contribution of one segment (value x seconds), 0 for a gap */
extern double tw_segment_area(TwMethod method, int64_t t0, double v0,
							  int64_t t1, double v1);

/*
 * Sorts points by timestamp and collapses equal timestamps to the largest
 * value; returns the new count. Deterministic for any input permutation.
 */
extern size_t tw_sort_dedup(TwPoint *pts, size_t n);

/* Summarizes a sorted, deduplicated array (n >= 1) */
extern void tw_summarize_sorted(const TwPoint *pts, size_t n, TwMethod method,
								int64_t max_gap, TwSummary *out);

/*
 * Stitches summary b after summary a (a must end before b starts; touching
 * at one timestamp is allowed when both carry the same value there).
 */
extern TwError tw_summary_stitch(const TwSummary *a, const TwSummary *b,
								 TwSummary *out);

/*
 * Integrates a sorted, strictly increasing array over [a, b): every segment
 * overlapping [a, b) is clipped to it, the value at a clipped edge is
 * interpolated (linear) or carried (locf); no extrapolation beyond the
 * first or last point; segments longer than max_gap (0 = none) are skipped.
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
