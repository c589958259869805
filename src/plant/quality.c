/*
 * quality.c
 *		Data quality of a meter over [p_from, p_to) from the raw rows of the
 *		one read (README, "analyze"): counts by quality, the expected sample
 *		interval (the option, else the median interval between distinct
 *		timestamps), completeness, gaps and, for energy meters, the time the
 *		meter does not cover (what common coverage loses because of it).
 *
 *   valid         a finite value with quality 0 or 1 (the rows the
 *                 calculations use; 1.0 also counted NaN)
 *   completeness  min(100, 100 x valid x expected / period); 0 without rows
 *   gaps          intervals between distinct timestamps, and from p_from to
 *                 the first and from the last to p_to, longer than
 *                 2 x expected; without rows the whole period is one gap
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "plant/report.h"

/* Gap factor of analyze_constants(): a gap is longer than 2 x expected */
#define PLANT_GAP_FACTOR 2.0

/* qsort order of timestamps */
static int
TsCmp(const void *x, const void *y)
{
	TimestampTz a = *(const TimestampTz *) x,
				b = *(const TimestampTz *) y;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/* The k-th smallest of v[0..n) (0-based), reordering v (quickselect) */
static double
Select(double *v, size_t n, size_t k)
{
	size_t		lo = 0,
				hi = n - 1;

	while (lo < hi)
	{
		double		pivot = v[lo + (hi - lo) / 2];
		size_t		i = lo,
					j = hi;

		while (i <= j)
		{
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j)
			{
				double		t = v[i];

				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* percentile_cont(0.5) of v[0..n) (n >= 1), reordering v */
static double
Median(double *v, size_t n)
{
	double		pos = 0.5 * (double) (n - 1);
	size_t		lo = (size_t) floor(pos);
	size_t		hi = (size_t) ceil(pos);
	double		a = Select(v, n, lo);
	double		b = a;
	size_t		i;

	/*
	 * Select leaves every value after position lo at least v[lo]: the next
	 * order statistic is their minimum (one pass instead of a second select)
	 */
	if (hi != lo)
	{
		b = v[hi];
		for (i = hi + 1; i < n; i++)
			if (v[i] < b)
				b = v[i];
	}

	return a + (pos - (double) lo) * (b - a);
}

/* Quality of meter i */
void
PlantMeterQualityOf(const PlantRead *rd, int i, double opt_s, PlantMeterQuality *q)
{
	const PlantSeries *s = &rd->series[i];
	const PlantMeter *m = &rd->fac->meters[i];
	double		period = (double) (rd->to - rd->from) / USECS_PER_SEC;
	TimestampTz *ts;
	double	   *dt;
	size_t		r,
				nts = 0,
				ndt = 0;

	memset(q, 0, sizeof(*q));
	q->exp_s = NAN;
	q->completeness = NAN;
	q->uncovered_s = NAN;
	/* counts; the timestamps are copied only when they are out of order */
	{
		bool		sorted = true;
		TimestampTz prev = DT_NOBEGIN;

		for (r = 0; r < s->nraw; r++)
		{
			const PlantRawRow *w = &s->raw[r];

			if (w->ts < rd->from || w->ts >= rd->to)
				continue;
			q->n++;
			if (w->flags & PLANT_ROW_USABLE)
				q->valid++;
			if (w->quality == 1)
				q->uncertain++;
			else if (w->quality == 2)
				q->bad++;
			else if (w->quality == 3)
				q->stale++;
			if (w->flags & PLANT_ROW_NULL)
				q->nulls++;
			else if (!isfinite(w->val))
				q->nans++;
			if (w->ts < prev)
				sorted = false;
			prev = w->ts;
		}
		ts = palloc(sizeof(TimestampTz) * (sorted ? 2 : q->n + 1));
		dt = palloc(sizeof(double) * (q->n + 1));
		if (sorted)
		{
			/* the usual case: the rows of a meter arrive in index order */
			for (r = 0; r < s->nraw; r++)
			{
				TimestampTz t = s->raw[r].ts;

				if (t < rd->from || t >= rd->to)
					continue;
				if (nts == 0)
					ts[0] = t;
				else if (t != ts[1])
					dt[ndt++] = (double) (t - ts[1]) / USECS_PER_SEC;
				ts[1] = t;
				nts++;
			}
			if (nts > 0)
			{
				/* ts[0] first, ts[nts - 1] last: keep the layout below */
				TimestampTz last = ts[1];

				nts = 2;
				ts[1] = last;
			}
		}
		else
		{
			for (r = 0; r < s->nraw; r++)
				if (s->raw[r].ts >= rd->from && s->raw[r].ts < rd->to)
					ts[nts++] = s->raw[r].ts;
			CHECK_FOR_INTERRUPTS();
			qsort(ts, nts, sizeof(TimestampTz), TsCmp);
			for (r = 1; r < nts; r++)
				if (ts[r] != ts[r - 1])
					dt[ndt++] = (double) (ts[r] - ts[r - 1]) / USECS_PER_SEC;
		}
	}

	if (!isnan(opt_s))
	{
		q->exp_s = opt_s;
		q->exp_src = "option";
	}
	else if (ndt > 0)
	{
		/* reorders dt; the gaps below do not depend on the order */
		q->exp_s = Median(dt, ndt);
		q->exp_src = "median";
	}

	if (q->n == 0)
	{
		q->completeness = 0.0;
		q->gaps = 1;
		q->gap_s = period;
	}
	else
	{
		if (q->exp_s > 0)
			q->completeness = Min(100.0, 100.0 * (double) q->valid * q->exp_s / period);
		if (!isnan(q->exp_s))
		{
			double		lim = PLANT_GAP_FACTOR * q->exp_s;
			double		first = (double) (ts[0] - rd->from) / USECS_PER_SEC;
			double		last = (double) (rd->to - ts[nts - 1]) / USECS_PER_SEC;

			for (r = 0; r < ndt; r++)
				if (dt[r] > lim)
				{
					q->gaps++;
					q->gap_s += dt[r];
				}
			if (first > lim)
			{
				q->gaps++;
				q->gap_s += first;
			}
			if (last > lim)
			{
				q->gaps++;
				q->gap_s += last;
			}
		}
	}

	/* energy meters: the time of [from, to) they do not cover */
	if (PlantIsEnergyMeter(m) && s->want == PW_SERIES)
	{
		size_t		ns,
					k;
		PwSpan	   *sp = PlantCoveredSpans(rd, i, rd->from, rd->to, &ns);
		int64		cov = 0;

		for (k = 0; k < ns; k++)
			cov += sp[k].b - sp[k].a;
		q->uncovered_s = (double) ((rd->to - rd->from) - cov) / USECS_PER_SEC;
		pfree(sp);
	}
	pfree(ts);
	pfree(dt);
}
