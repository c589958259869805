/*
 * piecewise.c
 *		Covered spans, span intersection, integrals over spans and the
 *		exact product integral of two piecewise-linear series. See
 *		piecewise.h.
 */
#include "math/piecewise.h"

#define PW_USECS_PER_HOUR 3600000000.0

/* Index of the last point with ts <= t (0 when none) */
size_t
pw_find(const TwPoint *pts, size_t n, int64_t t)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (pts[mid].ts <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

/* Appends [a, b) to out, merging with the previous span when they touch */
static size_t
AddSpan(PwSpan *out, size_t k, int64_t a, int64_t b)
{
	if (b <= a)
		return k;
	if (k > 0 && out[k - 1].b >= a)
	{
		if (b > out[k - 1].b)
			out[k - 1].b = b;
		return k;
	}
	out[k].a = a;
	out[k].b = b;
	return k + 1;
}

/* Spans of [a, b) covered by the segments of the series */
size_t
pw_covered_spans(const TwPoint *pts, size_t n, int64_t max_gap, int64_t a,
				 int64_t b, PwSpan *out)
{
	size_t		i,
				k = 0;

	if (n < 2 || b <= a)
		return 0;
	for (i = pw_find(pts, n, a); i + 1 < n && pts[i].ts < b; i++)
	{
		int64_t		s = pts[i].ts > a ? pts[i].ts : a;
		int64_t		e = pts[i + 1].ts < b ? pts[i + 1].ts : b;

		if (max_gap > 0 && pts[i + 1].ts - pts[i].ts > max_gap)
			continue;
		k = AddSpan(out, k, s, e);
	}
	return k;
}

/* Intersection of two span sets */
size_t
pw_intersect(const PwSpan *x, size_t nx, const PwSpan *y, size_t ny, PwSpan *out)
{
	size_t		i = 0,
				j = 0,
				k = 0;

	while (i < nx && j < ny)
	{
		int64_t		a = x[i].a > y[j].a ? x[i].a : y[j].a;
		int64_t		b = x[i].b < y[j].b ? x[i].b : y[j].b;

		k = AddSpan(out, k, a, b);
		if (x[i].b < y[j].b)
			i++;
		else
			j++;
	}
	return k;
}

/* Length of [a, b) inside the spans */
int64_t
pw_span_overlap(const PwSpan *s, size_t ns, int64_t a, int64_t b, size_t *hint)
{
	size_t		j = *hint;
	int64_t		len = 0;

	while (j < ns && s[j].b <= a)
		j++;
	*hint = j;
	for (; j < ns && s[j].a < b; j++)
	{
		int64_t		lo = s[j].a > a ? s[j].a : a;
		int64_t		hi = s[j].b < b ? s[j].b : b;

		if (hi > lo)
			len += hi - lo;
	}
	return len;
}

/* Value at t of segment p -> q */
static inline double
SegValue(TwMethod m, const TwPoint *p, const TwPoint *q, int64_t t)
{
	if (m == TW_LOCF || q->ts == p->ts)
		return p->val;
	return p->val + (q->val - p->val) * ((double) (t - p->ts) / (double) (q->ts - p->ts));
}

/* Integral of the series over [a, b), no extrapolation beyond the points */
static double
IntegrateSpan(const TwPoint *pts, size_t n, TwMethod method, int64_t a, int64_t b)
{
	TwSum		sum = {0.0, 0.0};
	size_t		i;

	for (i = pw_find(pts, n, a); i + 1 < n && pts[i].ts < b; i++)
	{
		const TwPoint *p = &pts[i],
				   *q = &pts[i + 1];
		int64_t		s = p->ts > a ? p->ts : a;
		int64_t		e = q->ts < b ? q->ts : b;
		double		vs,
					ve;

		if (e <= s)
			continue;
		vs = SegValue(method, p, q, s);
		ve = SegValue(method, p, q, e);
		tw_sum_add(&sum, (method == TW_LOCF ? vs : 0.5 * (vs + ve)) *
				   ((double) (e - s) / TW_USECS_PER_SEC));
	}
	return tw_sum_value(&sum);
}

/* Integral over the spans inside [a, b) */
double
pw_integral_on_spans(const TwPoint *pts, size_t n, TwMethod method,
					 const PwSpan *s, size_t ns, int64_t a, int64_t b,
					 size_t *hint)
{
	size_t		j = *hint;
	double		total = 0.0;

	if (n < 2)
		return 0.0;
	while (j < ns && s[j].b <= a)
		j++;
	*hint = j;
	for (; j < ns && s[j].a < b; j++)
	{
		int64_t		lo = s[j].a > a ? s[j].a : a;
		int64_t		hi = s[j].b < b ? s[j].b : b;

		if (hi > lo)
			total += IntegrateSpan(pts, n, method, lo, hi);
	}
	return total;
}

/* Index of the segment of the series holding [t0, t1), or -1 (outside, or a gap) */
static long
SegmentAt(const TwPoint *p, size_t n, int64_t max_gap, int64_t t0, int64_t t1, size_t *hint)
{
	size_t		j = *hint;

	while (j + 1 < n && p[j + 1].ts <= t0)
		j++;
	*hint = j;
	if (j + 1 >= n || p[j].ts > t0 || p[j + 1].ts < t1)
		return -1;
	if (max_gap > 0 && p[j + 1].ts - p[j].ts > max_gap)
		return -1;
	return (long) j;
}

/* Next point time of the series after t, or INT64_MAX */
static int64_t
NextTs(const TwPoint *p, size_t n, int64_t t, size_t *k)
{
	while (*k < n && p[*k].ts <= t)
		(*k)++;
	return *k < n ? p[*k].ts : INT64_MAX;
}

/* Integral of x w dt and w dt over [from, to) on the merged grid */
void
pw_weighted_add(const TwPoint *x, size_t nx, TwMethod mx, int64_t x_gap,
				const TwPoint *w, size_t nw, TwMethod mw, int64_t w_gap,
				int64_t from, int64_t to, double *num, double *den)
{
	size_t		hx,
				hw,
				kx,
				kw;
	int64_t		t0 = from;

	/*
	 * The end values of the last step computed: the next step starts where
	 * it ended, mostly on the same segment of the sparser series, whose start
	 * value is then the same computation
	 */
	long		pjx = -1,
				pjw = -1;
	int64_t		pt1 = 0;
	double		pxb = 0.0,
				pwb = 0.0;

	/* the sums in registers: the same additions in the same order */
	double		n = *num,
				d = *den;

	if (nx < 2 || nw < 2 || to <= from)
		return;
	hx = kx = pw_find(x, nx, from);
	hw = kw = pw_find(w, nw, from);
	while (t0 < to)
	{
		int64_t		tx = NextTs(x, nx, t0, &kx);
		int64_t		tw = NextTs(w, nw, t0, &kw);
		int64_t		t1 = tx < tw ? tx : tw;
		long		jx,
					jw;

		if (t1 > to)
			t1 = to;
		if (t1 <= t0)
			break;
		jx = SegmentAt(x, nx, x_gap, t0, t1, &hx);
		jw = SegmentAt(w, nw, w_gap, t0, t1, &hw);
		if (jx >= 0 && jw >= 0)
		{
			double		dt = (double) (t1 - t0) / PW_USECS_PER_HOUR;
			int			cont = pjx >= 0 && t0 == pt1;
			double		xa = cont && jx == pjx ? pxb : SegValue(mx, &x[jx], &x[jx + 1], t0),
						xb = SegValue(mx, &x[jx], &x[jx + 1], t1),
						wa = cont && jw == pjw ? pwb : SegValue(mw, &w[jw], &w[jw + 1], t0),
						wb = SegValue(mw, &w[jw], &w[jw + 1], t1);

			pjx = jx;
			pjw = jw;
			pt1 = t1;
			pxb = xb;
			pwb = wb;
			/* locf: the value is constant on [t0, t1), not its end value */
			if (mx == TW_LOCF)
				xb = xa;
			if (mw == TW_LOCF)
				wb = wa;
			n += dt * (xa * wa / 3.0 + xa * wb / 6.0 + xb * wa / 6.0 + xb * wb / 3.0);
			d += dt * (wa + wb) / 2.0;
		}
		t0 = t1;
	}
	*num = n;
	*den = d;
}
