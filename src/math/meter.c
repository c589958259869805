/*
 * meter.c
 *		Counter deltas with resets, rollovers and implausible-step rejection.
 *		See meter.h for the rules.
 */
#include "math/meter.h"

#include <string.h>

/* The consumption of the step prev -> cur; updates the counts */
double
meter_step(const MeterParams *mp, const TwPoint *prev, const TwPoint *cur,
		   MeterCounts *c)
{
	double		step;
	int			kind = 0;		/* 0 rise, 1 reset, 2 rollover */

	if (cur->val >= prev->val)
		step = cur->val - prev->val;
	else if (mp->has_rollover && mp->rollover - prev->val + cur->val >= 0.0)
	{
		step = mp->rollover - prev->val + cur->val;
		kind = 2;
	}
	else
	{
		step = cur->val;
		kind = 1;
	}
	if (mp->has_max_rate)
	{
		double		hours = (double) (cur->ts - prev->ts) / 3600e6;

		if (step > mp->max_rate * hours)
		{
			c->rejected++;
			return 0.0;
		}
	}
	if (kind == 1)
		c->resets++;
	else if (kind == 2)
		c->rollovers++;
	return step;
}

/* Starts an empty stream */
void
meter_stream_init(MeterStream *st, int has_rollover, double rollover,
				  int has_max_rate, double max_rate)
{
	memset(st, 0, sizeof(*st));
	st->has_rollover = has_rollover ? 1 : 0;
	st->rollover = has_rollover ? rollover : 0.0;
	st->has_max_rate = has_max_rate ? 1 : 0;
	st->max_rate = has_max_rate ? max_rate : 0.0;
}

/* Adds the step prev -> last to the stream */
static inline void
StreamStep(MeterStream *st)
{
	MeterParams mp = {st->has_rollover, st->rollover, st->has_max_rate, st->max_rate};
	MeterCounts c = {0, 0, 0};

	tw_sum_add(&st->delta, meter_step(&mp, &st->prev, &st->last, &c));
	st->reset_count += c.resets;
	st->rollover_count += c.rollovers;
	st->rejected_count += c.rejected;
}

/* Adds a reading in ascending order */
int
meter_stream_add(MeterStream *st, int64_t ts, double val)
{
	if (st->npoints == 0)
	{
		st->first.ts = st->last.ts = ts;
		st->first.val = st->last.val = val;
		st->npoints = 1;
		return 0;
	}
	if (ts == st->last.ts)
	{
		if (val > st->last.val)
		{
			st->last.val = val;
			if (st->npoints == 1)
				st->first.val = val;
		}
		return 0;
	}
	if (ts < st->last.ts)
		return -1;
	if (st->npoints >= 2)
		StreamStep(st);
	st->prev = st->last;
	st->last.ts = ts;
	st->last.val = val;
	st->npoints++;
	return 0;
}

/* Summary so far including the pending step */
void
meter_stream_summary(const MeterStream *st, MeterSummary *out)
{
	MeterStream tmp = *st;

	if (tmp.npoints >= 2)
		StreamStep(&tmp);
	memset(out, 0, sizeof(*out));
	out->has_rollover = tmp.has_rollover;
	out->rollover = tmp.rollover;
	out->has_max_rate = tmp.has_max_rate;
	out->max_rate = tmp.max_rate;
	out->first_ts = tmp.first.ts;
	out->first_val = tmp.first.val;
	out->last_ts = tmp.last.ts;
	out->last_val = tmp.last.val;
	out->delta = tw_sum_value(&tmp.delta);
	out->sample_count = tmp.npoints;
	out->reset_count = tmp.reset_count;
	out->rollover_count = tmp.rollover_count;
	out->rejected_count = tmp.rejected_count;
}

/* Summary of a sorted, deduplicated array */
void
meter_summarize_sorted(const TwPoint *pts, size_t n, int has_rollover,
					   double rollover, int has_max_rate, double max_rate,
					   MeterSummary *out)
{
	MeterStream st;
	size_t		i;

	meter_stream_init(&st, has_rollover, rollover, has_max_rate, max_rate);
	for (i = 0; i < n; i++)
		(void) meter_stream_add(&st, pts[i].ts, pts[i].val);
	meter_stream_summary(&st, out);
}

/* Stitches b after a */
MeterError
meter_summary_stitch(const MeterSummary *a, const MeterSummary *b,
					 MeterSummary *out)
{
	MeterSummary r;
	MeterParams mp = {a->has_rollover, a->rollover, a->has_max_rate, a->max_rate};
	MeterCounts c = {0, 0, 0};
	TwSum		sum = {0.0, 0.0};

	if (a->has_rollover != b->has_rollover || a->rollover != b->rollover ||
		a->has_max_rate != b->has_max_rate || a->max_rate != b->max_rate)
		return METER_ERR_PARAM_MISMATCH;
	if (b->first_ts < a->last_ts ||
		(b->first_ts == a->last_ts && b->first_val != a->last_val))
		return METER_ERR_OVERLAP;

	r = *a;
	r.last_ts = b->last_ts;
	r.last_val = b->last_val;
	r.sample_count = a->sample_count + b->sample_count;
	tw_sum_add(&sum, a->delta);
	if (b->first_ts == a->last_ts)
		r.sample_count--;
	else
	{
		TwPoint		p = {a->last_ts, a->last_val};
		TwPoint		q = {b->first_ts, b->first_val};

		tw_sum_add(&sum, meter_step(&mp, &p, &q, &c));
	}
	tw_sum_add(&sum, b->delta);
	r.delta = tw_sum_value(&sum);
	r.reset_count = a->reset_count + b->reset_count + c.resets;
	r.rollover_count = a->rollover_count + b->rollover_count + c.rollovers;
	r.rejected_count = a->rejected_count + b->rejected_count + c.rejected;
	*out = r;
	return METER_OK;
}
