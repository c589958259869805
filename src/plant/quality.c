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

/* Buckets of one radix pass of SelectPair */
#define SELECT_BUCKETS 4096
/* Below this many values SelectPair sorts them */
#define SELECT_SMALL 64

/* qsort order of int64 */
static int
Int64Cmp(const void *x, const void *y)
{
	int64		a = *(const int64 *) x,
				b = *(const int64 *) y;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/*
 * The k-th and (k+1)-th smallest (0-based) of v[0..n), k + 1 < n, or the
 * k-th twice when k + 1 = n: radix passes over the value range (histogram,
 * then only the values of the buckets holding both ranks, again) until few
 * are left, which are sorted. v is left alone unless it is the scratch
 * copy. Timestamp differences of a jittered meter are all distinct, where
 * a quickselect mispredicts most of its comparisons.
 */
static void
SelectPair(int64 *v, size_t n, size_t k, int64 *a, int64 *b)
{
	uint32	   *hist = palloc(sizeof(uint32) * SELECT_BUCKETS);
	int64	   *tmp = NULL;

	for (;;)
	{
		int64		mn = v[0],
					mx = v[0];
		uint64		range;
		int			shift = 0;
		size_t		i,
					cum = 0,
					m = 0,
					bk,
					bk2;

		if (n <= SELECT_SMALL)
		{
			qsort(v, n, sizeof(int64), Int64Cmp);
			*a = v[k];
			*b = v[k + 1 < n ? k + 1 : k];
			break;
		}
		for (i = 1; i < n; i++)
		{
			if (v[i] < mn)
				mn = v[i];
			if (v[i] > mx)
				mx = v[i];
		}
		if (mn == mx)
		{
			*a = *b = mn;
			break;
		}
		range = (uint64) mx - (uint64) mn;
		while ((range >> shift) >= SELECT_BUCKETS)
			shift++;
		memset(hist, 0, sizeof(uint32) * SELECT_BUCKETS);
		for (i = 0; i < n; i++)
			hist[((uint64) v[i] - (uint64) mn) >> shift]++;
		/* the buckets of ranks k and k + 1 (or k), and the ranks before */
		for (bk = 0; cum + hist[bk] <= k; bk++)
			cum += hist[bk];
		bk2 = bk;
		if (k + 1 < n)
		{
			size_t		c2 = cum;

			while (c2 + hist[bk2] <= k + 1)
				c2 += hist[bk2++];
		}
		if (shift == 0)
		{
			/* one value per bucket */
			*a = mn + (int64) bk;
			*b = mn + (int64) bk2;
			break;
		}
		if (bk2 != bk)
		{
			/* rank k ends bucket bk, rank k + 1 starts bucket bk2 */
			bool		ha = false,
						hb = false;

			for (i = 0; i < n; i++)
			{
				size_t		h = ((uint64) v[i] - (uint64) mn) >> shift;

				if (h == bk && (!ha || v[i] > *a))
				{
					*a = v[i];
					ha = true;
				}
				else if (h == bk2 && (!hb || v[i] < *b))
				{
					*b = v[i];
					hb = true;
				}
			}
			break;
		}
		if (tmp == NULL)
			tmp = palloc(sizeof(int64) * n);
		for (i = 0; i < n; i++)
		{
			size_t		h = ((uint64) v[i] - (uint64) mn) >> shift;

			if (h >= bk && h <= bk2)
				tmp[m++] = v[i];
		}
		/* the rest of the passes work in tmp (shrinking in place) */
		k -= cum;
		n = m;
		v = tmp;
	}
	if (tmp != NULL)
		pfree(tmp);
	pfree(hist);
}

/*
 * percentile_cont(0.5) of the intervals d[0..n) (n >= 1) in microseconds,
 * as seconds: the order statistics of the integers are those of their
 * seconds (the conversion is monotonic), so the result is the one the
 * seconds give
 */
static double
MedianSeconds(int64 *d, size_t n)
{
	double		pos = 0.5 * (double) (n - 1);
	size_t		lo = (size_t) floor(pos);
	size_t		hi = (size_t) ceil(pos);
	int64		ia = 0,
				ib = 0;
	double		a,
				b;

	SelectPair(d, n, lo, &ia, &ib);
	a = (double) ia / USECS_PER_SEC;
	b = hi != lo ? (double) ib / USECS_PER_SEC : a;
	return a + (pos - (double) lo) * (b - a);
}

/* Quality of meter i */
void
PlantMeterQualityOf(const PlantRead *rd, int i, double opt_s, PlantMeterQuality *q)
{
	const PlantSeries *s = &rd->series[i];
	const PlantMeter *m = &rd->fac->meters[i];
	double		period = (double) (rd->to - rd->from) / USECS_PER_SEC;
	TimestampTz first_ts = 0,
				last_ts = 0;
	int64	   *dd;				/* intervals between distinct timestamps, us */
	size_t		r,
				ndt = 0;

	memset(q, 0, sizeof(*q));
	q->exp_s = NAN;
	q->completeness = NAN;
	q->uncovered_s = NAN;

	/*
	 * One pass for the counts and, while the rows are in time order (the
	 * index order: the usual case), the intervals; rows out of order make
	 * the intervals come from sorted copies of the timestamps instead
	 */
	dd = palloc(sizeof(int64) * (s->nraw + 1));
	{
		bool		sorted = true;

		for (r = 0; r < s->nraw; r++)
		{
			const PlantRawRow *w = &s->raw[r];
			TimestampTz t = w->ts;

			if (t < rd->from || t >= rd->to)
				continue;
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
			if (q->n++ == 0)
				first_ts = t;
			else if (t < last_ts)
				sorted = false;
			else if (t != last_ts)
				dd[ndt++] = t - last_ts;
			last_ts = t;
		}
		if (!sorted)
		{
			TimestampTz *ts = palloc(sizeof(TimestampTz) * (q->n + 1));
			size_t		nts = 0;

			for (r = 0; r < s->nraw; r++)
				if (s->raw[r].ts >= rd->from && s->raw[r].ts < rd->to)
					ts[nts++] = s->raw[r].ts;
			CHECK_FOR_INTERRUPTS();
			qsort(ts, nts, sizeof(TimestampTz), TsCmp);
			ndt = 0;
			for (r = 1; r < nts; r++)
				if (ts[r] != ts[r - 1])
					dd[ndt++] = ts[r] - ts[r - 1];
			first_ts = ts[0];
			last_ts = ts[nts - 1];
			pfree(ts);
		}
	}

	if (!isnan(opt_s))
	{
		q->exp_s = opt_s;
		q->exp_src = "option";
	}
	else if (ndt > 0)
	{
		/* may reorder dd; the gaps below do not depend on the order */
		q->exp_s = MedianSeconds(dd, ndt);
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
			double		first = (double) (first_ts - rd->from) / USECS_PER_SEC;
			double		last = (double) (rd->to - last_ts) / USECS_PER_SEC;

			for (r = 0; r < ndt; r++)
			{
				double		dt = (double) dd[r] / USECS_PER_SEC;

				if (dt > lim)
				{
					q->gaps++;
					q->gap_s += dt;
				}
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
	pfree(dd);
}
