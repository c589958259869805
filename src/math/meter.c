/*
 * meter.c
 *		Counter deltas with step-backs, resets, rollovers and
 *		implausible-step rejection. See meter.h for the rules.
 */
#include "math/meter.h"

#include <math.h>
#include <string.h>

/* Every option off, the default step-back tolerance */
void
meter_params_default(MeterParams *mp)
{
	memset(mp, 0, sizeof(*mp));
	mp->stepback = METER_DEFAULT_STEPBACK;
}

/* Same rollover, max_rate and step-back */
int
meter_params_equal(const MeterParams *a, const MeterParams *b)
{
	return a->has_rollover == b->has_rollover && a->rollover == b->rollover &&
		a->has_max_rate == b->has_max_rate && a->max_rate == b->max_rate &&
		a->stepback == b->stepback;
}

/* The consumption of reading cur against the register; updates it and the counts */
double
meter_step(const MeterParams *mp, double *reg, const TwPoint *prev,
		   const TwPoint *cur, MeterCounts *c, MeterStepKind *kind_out)
{
	double		r = *reg;
	double		step;
	MeterStepKind kind;

	if (cur->val >= r)
	{
		step = cur->val - r;
		kind = METER_RISE;
	}
	else if (r - cur->val <= mp->stepback * fabs(r))
	{
		/* a re-sent or rounded value: nothing consumed, the register stays */
		c->stepbacks++;
		if (kind_out)
			*kind_out = METER_STEPBACK;
		return 0.0;
	}
	else if (mp->has_rollover && mp->rollover - r + cur->val >= 0.0)
	{
		step = mp->rollover - r + cur->val;
		kind = METER_ROLLOVER;
	}
	else
	{
		step = cur->val;
		kind = METER_RESET;
	}
	*reg = cur->val;
	if (mp->has_max_rate)
	{
		double		hours = (double) (cur->ts - prev->ts) / 3600e6;

		if (step > mp->max_rate * hours)
		{
			c->rejected++;
			if (kind_out)
				*kind_out = METER_REJECTED;
			return 0.0;
		}
	}
	if (kind == METER_RESET)
		c->resets++;
	else if (kind == METER_ROLLOVER)
		c->rollovers++;
	if (kind_out)
		*kind_out = kind;
	return step;
}

/* Starts an empty stream */
void
meter_stream_init(MeterStream *st, const MeterParams *mp)
{
	memset(st, 0, sizeof(*st));
	st->p = *mp;
	if (!st->p.has_rollover)
		st->p.rollover = 0.0;
	if (!st->p.has_max_rate)
		st->p.max_rate = 0.0;
}

/* Applies the pending step prev -> last */
static inline void
StreamStep(MeterStream *st)
{
	MeterStepKind kind;

	if (st->run.prev.ts == st->run.first.ts)
	{
		/* the first step: the first reading, final now, sets the register */
		st->reg = st->run.prev.val;
		st->head_max = st->run.prev.val;
	}
	tw_sum_add(&st->delta, meter_step(&st->p, &st->reg, &st->run.prev, &st->run.last,
									  &st->counts, &kind));
	if (st->head_break == METER_RISE)
	{
		if (kind == METER_RESET || kind == METER_ROLLOVER || kind == METER_REJECTED)
			st->head_break = kind;
		else
			st->head_max = st->reg;
	}
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

	memset(out, 0, sizeof(*out));
	if (tmp.run.npoints >= 2)
		StreamStep(&tmp);
	else
	{
		tmp.reg = tmp.run.first.val;
		tmp.head_max = tmp.run.first.val;
	}
	out->p = tmp.p;
	out->first_ts = tmp.run.first.ts;
	out->first_val = tmp.run.first.val;
	out->last_ts = tmp.run.last.ts;
	out->last_val = tmp.run.last.val;
	out->delta = tw_sum_value(&tmp.delta);
	out->reg = tmp.reg;
	out->head_max = tmp.head_max;
	out->head_break = tmp.head_break;
	out->sample_count = tmp.run.npoints;
	out->reset_count = tmp.counts.resets;
	out->rollover_count = tmp.counts.rollovers;
	out->rejected_count = tmp.counts.rejected;
	if (!isfinite(out->delta))
		return METER_ERR_NOT_FINITE;
	return METER_OK;
}

/* Summary of a sorted, deduplicated array */
MeterError
meter_summarize_sorted(const TwPoint *pts, size_t n, const MeterParams *mp,
					   MeterSummary *out)
{
	MeterStream st;
	size_t		i;
	MeterError	rc;

	meter_stream_init(&st, mp);
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
	MeterCounts c = {0, 0, 0, 0};
	TwSum		sum = {0.0, 0.0};
	double		reg = a->reg;
	MeterStepKind kind = METER_RISE;
	double		b_delta = b->delta;
	int64_t		span;

	if (!meter_params_equal(&a->p, &b->p))
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
	if (b->first_ts == a->last_ts)
	{
		/* the same reading ends a and starts b */
		r.sample_count--;
		if (b->first_val < reg)
			kind = METER_STEPBACK;
	}
	else
	{
		TwPoint		p = {a->last_ts, a->last_val};
		TwPoint		q = {b->first_ts, b->first_val};

		tw_sum_add(&sum, meter_step(&a->p, &reg, &p, &q, &c, &kind));
	}
	if (kind == METER_STEPBACK)
	{
		/*
		 * The register stays at a's, above b's first reading: b counted its
		 * head's rises from its first reading (head_max - first_val); from
		 * a's register they count only above it. A rollover ending b's head
		 * counts from the higher register too.
		 */
		double		top = b->head_max > reg ? b->head_max : reg;

		b_delta -= (b->head_max - b->first_val) - (top - reg);
		if (b->head_break == METER_ROLLOVER)
			b_delta -= top - b->head_max;
		r.reg = b->head_break == METER_RISE ? top : b->reg;
		if (a->head_break == METER_RISE)
		{
			r.head_max = top;
			r.head_break = b->head_break;
		}
	}
	else
	{
		r.reg = b->reg;
		if (a->head_break == METER_RISE)
		{
			if (kind == METER_RISE)
			{
				r.head_max = b->head_max;
				r.head_break = b->head_break;
			}
			else
				r.head_break = kind;
		}
	}
	tw_sum_add(&sum, a->delta);
	tw_sum_add(&sum, b_delta);
	r.delta = tw_sum_value(&sum);
	if (!isfinite(r.delta) || !isfinite(r.reg) || !isfinite(r.head_max))
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
