/*
 * timeweight.c
 *		Time-weighted integration: streaming state, summaries and their
 *		stitching, sorting with deterministic ties, and integration of a
 *		sorted array between arbitrary bounds. See timeweight.h.
 *
 * Pure C: no postgres.h, errors are return codes.
 */
#include "math/timeweight.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Neumaier compensated addition */
void
tw_sum_add(TwSum *s, double x)
{
	double		t = s->sum + x;

	if (fabs(s->sum) >= fabs(x))
		s->comp += (s->sum - t) + x;
	else
		s->comp += (x - t) + s->sum;
	s->sum = t;
}

/* Value of a compensated sum */
double
tw_sum_value(const TwSum *s)
{
	return s->sum + s->comp;
}

/*
 * Area of one full segment in value x seconds (gaps are the caller's job).
 * The mean is taken as v0/2 + v1/2 so that two values near the largest
 * double do not overflow where their mean does not; the caller guarantees
 * that t1 - t0 fits an int64 (TwRun).
 */
double
tw_segment_area(TwMethod method, int64_t t0, double v0, int64_t t1, double v1)
{
	double		dt = (double) (t1 - t0) / TW_USECS_PER_SEC;

	if (method == TW_LOCF)
		return v0 * dt;
	return (0.5 * v0 + 0.5 * v1) * dt;
}

/* Starts an empty stream */
void
tw_stream_init(TwStream *st, TwMethod method, int64_t max_gap)
{
	memset(st, 0, sizeof(*st));
	st->method = method;
	st->max_gap = max_gap > 0 ? max_gap : 0;
}

/* Sums the segment p -> q into the stream (or counts it as a gap) */
static inline void
StreamSegment(TwStream *st, const TwPoint *p, const TwPoint *q)
{
	int64_t		dt = q->ts - p->ts;	/* fits: the run's span does */

	if (st->max_gap > 0 && dt > st->max_gap)
	{
		st->gap_count++;
		return;
	}
	tw_sum_add(&st->integral,
			   tw_segment_area((TwMethod) st->method, p->ts, p->val, q->ts, q->val));
	st->covered += dt;
}

/* Adds one point in ascending order (TwRun rules) */
TwError
tw_stream_add(TwStream *st, int64_t ts, double val)
{
	switch (tw_run_offer(&st->run, ts, val))
	{
		case TW_RUN_TAKEN:
			return TW_OK;
		case TW_RUN_BEHIND:
			return TW_ERR_OUT_OF_ORDER;
		case TW_RUN_TOO_LONG:
			return TW_ERR_TOO_LONG;
		case TW_RUN_LATER:
			break;
	}
	/* last is final now: commit prev -> last */
	if (st->run.npoints >= 2)
		StreamSegment(st, &st->run.prev, &st->run.last);
	tw_run_advance(&st->run, ts, val);
	return TW_OK;
}

/* Summary of the stream so far, including the pending segment */
TwError
tw_stream_summary(const TwStream *st, TwSummary *out)
{
	TwStream	tmp = *st;

	if (tmp.run.npoints >= 2)
		StreamSegment(&tmp, &tmp.run.prev, &tmp.run.last);
	memset(out, 0, sizeof(*out));
	out->method = tmp.method;
	out->max_gap = tmp.max_gap;
	out->first_ts = tmp.run.first.ts;
	out->first_val = tmp.run.first.val;
	out->last_ts = tmp.run.last.ts;
	out->last_val = tmp.run.last.val;
	out->integral = tw_sum_value(&tmp.integral);
	out->covered = tmp.covered;
	out->sample_count = tmp.run.npoints;
	out->gap_count = tmp.gap_count;
	if (!isfinite(out->integral))
		return TW_ERR_NOT_FINITE;
	return TW_OK;
}

/* qsort order: timestamp, then value (so the last of a run is the largest) */
int
tw_point_cmp(const void *a, const void *b)
{
	const TwPoint *p = (const TwPoint *) a;
	const TwPoint *q = (const TwPoint *) b;

	if (p->ts != q->ts)
		return p->ts < q->ts ? -1 : 1;
	if (p->val != q->val)
		return p->val < q->val ? -1 : 1;
	return 0;
}

/* Collapses equal timestamps of a sorted array to the largest value */
size_t
tw_dedup_sorted(TwPoint *pts, size_t n)
{
	size_t		i,
				w;

	if (n == 0)
		return 0;
	w = 0;
	for (i = 1; i < n; i++)
	{
		if (pts[i].ts == pts[w].ts)
			pts[w].val = pts[i].val;	/* ascending: later is larger */
		else
			pts[++w] = pts[i];
	}
	return w + 1;
}

/* Sorts and collapses equal timestamps to the largest value */
size_t
tw_sort_dedup(TwPoint *pts, size_t n)
{
	size_t		i;

	for (i = 1; i < n; i++)
		if (tw_point_cmp(&pts[i - 1], &pts[i]) > 0)
		{
			qsort(pts, n, sizeof(TwPoint), tw_point_cmp);
			break;
		}
	return tw_dedup_sorted(pts, n);
}

/* Summary of a sorted, deduplicated array, same arithmetic as the stream */
TwError
tw_summarize_sorted(const TwPoint *pts, size_t n, TwMethod method,
					int64_t max_gap, TwSummary *out)
{
	TwStream	st;
	size_t		i;
	TwError		rc;

	tw_stream_init(&st, method, max_gap);
	for (i = 0; i < n; i++)
		if ((rc = tw_stream_add(&st, pts[i].ts, pts[i].val)) != TW_OK)
			return rc;
	return tw_stream_summary(&st, out);
}

/* Stitches b after a: adds the segment a.last -> b.first unless it is a gap */
TwError
tw_summary_stitch(const TwSummary *a, const TwSummary *b, TwSummary *out)
{
	TwSummary	r;
	TwSum		sum = {0.0, 0.0};
	int64_t		span;

	if (a->method != b->method)
		return TW_ERR_METHOD_MISMATCH;
	if (a->max_gap != b->max_gap)
		return TW_ERR_MAXGAP_MISMATCH;
	if (b->first_ts < a->last_ts ||
		(b->first_ts == a->last_ts && b->first_val != a->last_val))
		return TW_ERR_OVERLAP;

	/* the stitched span bounds every duration below */
	if (!tq_span(a->first_ts, b->last_ts, &span))
		return TW_ERR_TOO_LONG;

	r = *a;
	r.last_ts = b->last_ts;
	r.last_val = b->last_val;
	if (tq_add_overflow(a->sample_count, b->sample_count, &r.sample_count) ||
		tq_add_overflow(a->gap_count, b->gap_count, &r.gap_count) ||
		tq_add_overflow(a->covered, b->covered, &r.covered))
		return TW_ERR_TOO_LONG;
	tw_sum_add(&sum, a->integral);
	if (b->first_ts == a->last_ts)
	{
		/* the shared point was counted twice */
		r.sample_count--;
	}
	else
	{
		int64_t		dt = b->first_ts - a->last_ts;

		if (a->max_gap > 0 && dt > a->max_gap)
		{
			if (tq_add_overflow(r.gap_count, 1, &r.gap_count))
				return TW_ERR_TOO_LONG;
		}
		else
		{
			tw_sum_add(&sum, tw_segment_area((TwMethod) a->method,
											 a->last_ts, a->last_val,
											 b->first_ts, b->first_val));
			if (tq_add_overflow(r.covered, dt, &r.covered))
				return TW_ERR_TOO_LONG;
		}
	}
	tw_sum_add(&sum, b->integral);
	r.integral = tw_sum_value(&sum);
	if (!isfinite(r.integral))
		return TW_ERR_NOT_FINITE;
	*out = r;
	return TW_OK;
}

/* Value of segment p -> q at time t (p.ts <= t <= q.ts) */
static inline double
SegmentValueAt(TwMethod method, const TwPoint *p, const TwPoint *q, int64_t t)
{
	double		f,
				d;

	if (method == TW_LOCF || t == p->ts)
		return p->val;
	if (t == q->ts)
		return q->val;
	f = (double) (t - p->ts) / (double) (q->ts - p->ts);
	d = q->val - p->val;
	if (isfinite(d))
		return p->val + d * f;
	/* values of opposite sign near the largest double */
	return p->val * (1.0 - f) + q->val * f;
}

/* Integral of a sorted array over [a, b) with edge interpolation */
TwError
tw_integrate_range(const TwPoint *pts, size_t n, int64_t a, int64_t b,
				   TwMethod method, int64_t max_gap, TwRangeResult *out)
{
	TwSum		sum = {0.0, 0.0};
	size_t		lo,
				hi,
				i;
	int64_t		span;

	memset(out, 0, sizeof(*out));
	if (b < a || (method != TW_LINEAR && method != TW_LOCF) || max_gap < 0)
		return TW_ERR_BAD_ARGUMENT;
	if (!tq_span(a, b, &span) || (n > 0 && !tq_span(pts[0].ts, pts[n - 1].ts, &span)))
		return TW_ERR_TOO_LONG;
	for (i = 1; i < n; i++)
		if (pts[i].ts <= pts[i - 1].ts)
			return TW_ERR_BAD_ARGUMENT;
	if (n == 0 || b == a)
		return TW_OK;

	/* lo = first index with ts > a (segment lo-1 -> lo may straddle a) */
	lo = 0;
	hi = n;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (pts[mid].ts <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	i = lo > 0 ? lo - 1 : 0;
	for (; i + 1 < n && pts[i].ts < b; i++)
	{
		const TwPoint *p = &pts[i];
		const TwPoint *q = &pts[i + 1];
		int64_t		s = p->ts > a ? p->ts : a;
		int64_t		e = q->ts < b ? q->ts : b;
		double		vs,
					ve;

		if (e <= s)
			continue;
		if (max_gap > 0 && q->ts - p->ts > max_gap)
		{
			out->gap_count++;
			continue;
		}
		vs = SegmentValueAt(method, p, q, s);
		ve = SegmentValueAt(method, p, q, e);
		if (method == TW_LOCF)
			tw_sum_add(&sum, vs * ((double) (e - s) / TW_USECS_PER_SEC));
		else
			tw_sum_add(&sum, (0.5 * vs + 0.5 * ve) * ((double) (e - s) / TW_USECS_PER_SEC));
		out->covered += e - s;
	}
	for (i = (lo > 0 && pts[lo - 1].ts == a) ? lo - 1 : lo; i < n && pts[i].ts < b; i++)
		out->samples++;
	out->integral = tw_sum_value(&sum);
	if (!isfinite(out->integral))
		return TW_ERR_NOT_FINITE;
	return TW_OK;
}

/* Time-weighted mean: integral over covered seconds */
double
tw_summary_average(const TwSummary *s, int *ok)
{
	if (s->covered <= 0)
	{
		*ok = 0;
		return 0.0;
	}
	*ok = 1;
	return s->integral / ((double) s->covered / TW_USECS_PER_SEC);
}

/* Case-insensitive compare of a NUL-terminated name */
static int
NameIs(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char) *a) != tolower((unsigned char) *b))
			return 0;
	return *a == *b;
}

/* Parses a method name */
TwMethod
tw_method_from_name(const char *name)
{
	if (NameIs(name, "linear"))
		return TW_LINEAR;
	if (NameIs(name, "locf"))
		return TW_LOCF;
	return (TwMethod) 0;
}

/* Canonical method name */
const char *
tw_method_name(TwMethod m)
{
	return m == TW_LOCF ? "locf" : "linear";
}

/* Seconds per integral unit; 0 if unknown */
double
tw_unit_seconds(const char *unit)
{
	static const struct
	{
		const char *name;
		double		secs;
	}			units[] = {
		{"microsecond", 1e-6}, {"microseconds", 1e-6}, {"us", 1e-6},
		{"millisecond", 1e-3}, {"milliseconds", 1e-3}, {"ms", 1e-3},
		{"second", 1.0}, {"seconds", 1.0}, {"s", 1.0},
		{"minute", 60.0}, {"minutes", 60.0}, {"min", 60.0},
		{"hour", 3600.0}, {"hours", 3600.0}, {"h", 3600.0},
		{"day", 86400.0}, {"days", 86400.0},
		{"week", 604800.0}, {"weeks", 604800.0},
	};
	size_t		i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (NameIs(unit, units[i].name))
			return units[i].secs;
	return 0.0;
}
