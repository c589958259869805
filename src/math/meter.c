/*
 * meter.c
 *		Counter deltas with resets, rollovers and implausible-step rejection.
 *		See meter.h for the rules.
 */
#include "math/meter.h"

#include <math.h>
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

	tw_sum_add(&st->delta, meter_step(&mp, &st->run.prev, &st->run.last, &c));
	st->reset_count += c.resets;
	st->rollover_count += c.rollovers;
	st->rejected_count += c.rejected;
}

/* Adds a reading in ascending order (TwRun rules) */
MeterError
meter_stream_add(MeterStream *st, int64_t ts, double val)
{
	switch (tw_run_offer(&st->run, ts, val))
	{
		case TW_RUN_TAKEN:
			return METER_OK;
		case TW_RUN_BEHIND:
			return METER_ERR_OUT_OF_ORDER;
		case TW_RUN_TOO_LONG:
			return METER_ERR_TOO_LONG;
		case TW_RUN_LATER:
			break;
	}
	if (st->run.npoints >= 2)
		StreamStep(st);
	tw_run_advance(&st->run, ts, val);
	return METER_OK;
}

/* Summary so far including the pending step */
MeterError
meter_stream_summary(const MeterStream *st, MeterSummary *out)
{
	MeterStream tmp = *st;

	if (tmp.run.npoints >= 2)
		StreamStep(&tmp);
	memset(out, 0, sizeof(*out));
	out->has_rollover = tmp.has_rollover;
	out->rollover = tmp.rollover;
	out->has_max_rate = tmp.has_max_rate;
	out->max_rate = tmp.max_rate;
	out->first_ts = tmp.run.first.ts;
	out->first_val = tmp.run.first.val;
	out->last_ts = tmp.run.last.ts;
	out->last_val = tmp.run.last.val;
	out->delta = tw_sum_value(&tmp.delta);
	out->sample_count = tmp.run.npoints;
	out->reset_count = tmp.reset_count;
	out->rollover_count = tmp.rollover_count;
	out->rejected_count = tmp.rejected_count;
	if (!isfinite(out->delta))
		return METER_ERR_NOT_FINITE;
	return METER_OK;
}

/* Summary of a sorted, deduplicated array */
MeterError
meter_summarize_sorted(const TwPoint *pts, size_t n, int has_rollover,
					   double rollover, int has_max_rate, double max_rate,
					   MeterSummary *out)
{
	MeterStream st;
	size_t		i;
	MeterError	rc;

	meter_stream_init(&st, has_rollover, rollover, has_max_rate, max_rate);
	for (i = 0; i < n; i++)
		if ((rc = meter_stream_add(&st, pts[i].ts, pts[i].val)) != METER_OK)
			return rc;
	return meter_stream_summary(&st, out);
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
	int64_t		span;

	if (a->has_rollover != b->has_rollover || a->rollover != b->rollover ||
		a->has_max_rate != b->has_max_rate || a->max_rate != b->max_rate)
		return METER_ERR_PARAM_MISMATCH;
	if (b->first_ts < a->last_ts ||
		(b->first_ts == a->last_ts && b->first_val != a->last_val))
		return METER_ERR_OVERLAP;

	/* the stitched span bounds the sample count and so every other count */
	if (!tq_span(a->first_ts, b->last_ts, &span))
		return METER_ERR_TOO_LONG;

	r = *a;
	r.last_ts = b->last_ts;
	r.last_val = b->last_val;
	if (tq_add_overflow(a->sample_count, b->sample_count, &r.sample_count))
		return METER_ERR_TOO_LONG;
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
	if (!isfinite(r.delta))
		return METER_ERR_NOT_FINITE;
	if (tq_add_overflow(a->reset_count, b->reset_count, &r.reset_count) ||
		tq_add_overflow(r.reset_count, c.resets, &r.reset_count) ||
		tq_add_overflow(a->rollover_count, b->rollover_count, &r.rollover_count) ||
		tq_add_overflow(r.rollover_count, c.rollovers, &r.rollover_count) ||
		tq_add_overflow(a->rejected_count, b->rejected_count, &r.rejected_count) ||
		tq_add_overflow(r.rejected_count, c.rejected, &r.rejected_count))
		return METER_ERR_TOO_LONG;
	*out = r;
	return METER_OK;
}
