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

	if (st->prev.ts == st->first.ts)
	{
		/* the first step: the first reading, final now, sets the register */
		st->reg = st->prev.val;
		st->head_max = st->prev.val;
	}
	tw_sum_add(&st->delta, meter_step(&st->p, &st->reg, &st->prev, &st->last,
									  &st->counts, &kind));
	if (st->head_break == METER_RISE)
	{
		if (kind == METER_RESET || kind == METER_ROLLOVER || kind == METER_REJECTED)
			st->head_break = kind;
		else
			st->head_max = st->reg;
	}
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

	memset(out, 0, sizeof(*out));
	if (tmp.npoints >= 2)
		StreamStep(&tmp);
	else
	{
		tmp.reg = tmp.first.val;
		tmp.head_max = tmp.first.val;
	}
	out->p = tmp.p;
	out->first_ts = tmp.first.ts;
	out->first_val = tmp.first.val;
	out->last_ts = tmp.last.ts;
	out->last_val = tmp.last.val;
	out->delta = tw_sum_value(&tmp.delta);
	out->reg = tmp.reg;
	out->head_max = tmp.head_max;
	out->head_break = tmp.head_break;
	out->sample_count = tmp.npoints;
	out->reset_count = tmp.counts.resets;
	out->rollover_count = tmp.counts.rollovers;
	out->rejected_count = tmp.counts.rejected;
}

/* Summary of a sorted, deduplicated array */
void
meter_summarize_sorted(const TwPoint *pts, size_t n, const MeterParams *mp,
					   MeterSummary *out)
{
	MeterStream st;
	size_t		i;

	meter_stream_init(&st, mp);
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
	MeterCounts c = {0, 0, 0, 0};
	TwSum		sum = {0.0, 0.0};
	double		reg = a->reg;
	MeterStepKind kind = METER_RISE;
	double		b_delta = b->delta;

	if (!meter_params_equal(&a->p, &b->p))
		return METER_ERR_PARAM_MISMATCH;
	if (b->first_ts < a->last_ts ||
		(b->first_ts == a->last_ts && b->first_val != a->last_val))
		return METER_ERR_OVERLAP;

	r = *a;
	r.last_ts = b->last_ts;
	r.last_val = b->last_val;
	r.sample_count = a->sample_count + b->sample_count;
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
	r.reset_count = a->reset_count + b->reset_count + c.resets;
	r.rollover_count = a->rollover_count + b->rollover_count + c.rollovers;
	r.rejected_count = a->rejected_count + b->rejected_count + c.rejected;
	*out = r;
	return METER_OK;
}
