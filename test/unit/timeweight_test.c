/*
 * timeweight_test.c
 *		Unit tests of src/math/timeweight.c against hand-computed values.
 */
#include "math/timeweight.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#define S(x) ((int64_t) ((x) * 1000000LL))

/* Summary of an unsorted array via sort/dedup */
static void
Summ(TwPoint *p, size_t n, TwMethod m, int64_t gap, TwSummary *out)
{
	n = tw_sort_dedup(p, n);
	tw_summarize_sorted(p, n, m, gap, out);
}

int
main(void)
{
	TwSummary	s, a, b, r;
	TwStream	st;
	TwRangeResult rr;
	int			okflag;

	/* two points one hour apart: trapezoid and step */
	{
		TwPoint		p[] = {{0, 10.0}, {S(3600), 20.0}};

		Summ(p, 2, TW_LINEAR, 0, &s);
		is_rel(s.integral / 3600.0, 15.0, 1e-15, "linear 10->20 kW over 1 h = 15 kWh");
		ok(s.covered == S(3600) && s.sample_count == 2 && s.gap_count == 0, "linear counts");
		is_rel(tw_summary_average(&s, &okflag), 15.0, 1e-15, "average 15");
		Summ(p, 2, TW_LOCF, 0, &s);
		is_rel(s.integral, 36000.0, 1e-15, "locf 10 kW for 3600 s");
	}
	/* equal timestamps: larger wins, regardless of order */
	{
		TwPoint		p[] = {{S(10), 5.0}, {0, 1.0}, {0, 5.0}, {0, 3.0}};

		Summ(p, 4, TW_LINEAR, 0, &s);
		ok(s.sample_count == 2 && s.first_val == 5.0, "ties collapse to max (%g)", s.first_val);
		is_rel(s.integral, 50.0, 1e-15, "tie integral");
		tw_stream_init(&st, TW_LINEAR, 0);
		tw_stream_add(&st, 0, 1.0);
		tw_stream_add(&st, 0, 5.0);
		tw_stream_add(&st, 0, 3.0);
		tw_stream_add(&st, S(10), 1.0);
		tw_stream_add(&st, S(10), 5.0);
		tw_stream_summary(&st, &s);
		is_rel(s.integral, 50.0, 1e-15, "stream ties");
		ok(tw_stream_add(&st, S(5), 1.0) == TW_ERR_OUT_OF_ORDER, "out of order detected");
		tw_stream_summary(&st, &a);
		ok(a.integral == s.integral, "stream unchanged after rejected point");
	}
	/* gaps */
	{
		TwPoint		p[] = {{0, 1}, {S(10), 1}, {S(100), 1}, {S(110), 3}};

		Summ(p, 4, TW_LINEAR, S(30), &s);
		is_rel(s.integral, 10.0 + 20.0, 1e-15, "gap excluded from integral");
		ok(s.covered == S(20) && s.gap_count == 1, "gap excluded from coverage, counted");
		is_rel(tw_summary_average(&s, &okflag), 1.5, 1e-15, "average over covered time only");
		Summ(p, 4, TW_LINEAR, S(90), &s);
		ok(s.gap_count == 0 && s.covered == S(110), "segment equal to max_gap is not a gap");
	}
	/* one point: no coverage */
	{
		TwPoint		p[] = {{S(5), 7}};

		Summ(p, 1, TW_LINEAR, 0, &s);
		tw_summary_average(&s, &okflag);
		ok(s.covered == 0 && !okflag && s.integral == 0.0, "single point: no coverage");
	}
	/* stitching = whole, for every split of a random series; order invariance */
	{
		enum {N = 500};
		TwPoint		p[N], q[N];
		int			i, k, allok = 1, cnt;
		double		maxrel = 0;

		srand(42);
		for (i = 0; i < N; i++)
		{
			p[i].ts = S(i * 10) + (rand() % 5) * 1000000LL;
			p[i].val = (rand() % 10000) / 7.0;
		}
		for (int m = TW_LINEAR; m <= TW_LOCF; m++)
		{
			memcpy(q, p, sizeof(p));
			cnt = (int) tw_sort_dedup(q, N);
			tw_summarize_sorted(q, cnt, m, S(12), &s);
			for (k = 1; k < cnt; k++)
			{
				TwError		e;

				tw_summarize_sorted(q, k, m, S(12), &a);
				tw_summarize_sorted(q + k, cnt - k, m, S(12), &b);
				e = tw_summary_stitch(&a, &b, &r);
				if (e != TW_OK || r.covered != s.covered || r.gap_count != s.gap_count ||
					r.sample_count != s.sample_count || r.last_ts != s.last_ts)
					allok = 0;
				if (fabs(r.integral - s.integral) / fabs(s.integral) > maxrel)
					maxrel = fabs(r.integral - s.integral) / fabs(s.integral);
			}
			ok(allok && maxrel < 1e-13, "%s: stitch of every split equals whole (rel %g)",
			   tw_method_name(m), maxrel);
			ok(tw_summary_stitch(&b, &a, &r) == TW_ERR_OVERLAP, "reversed stitch is an overlap");
			/* shuffle: identical bits */
			for (i = N - 1; i > 0; i--)
			{
				int			j = rand() % (i + 1);
				TwPoint		t = p[i];

				p[i] = p[j];
				p[j] = t;
			}
			memcpy(q, p, sizeof(p));
			Summ(q, N, m, S(12), &a);
			ok(memcmp(&a, &s, sizeof(s)) == 0, "shuffled input gives identical summary");

			/* range integration: buckets add up to the whole */
			{
				TwSum		tot = {0, 0};
				int64_t		cov = 0, t0 = q[0].ts, t1 = q[cnt - 1].ts;
				int64_t		bucket = S(37);

				for (int64_t t = t0; t < t1; t += bucket)
				{
					tw_integrate_range(q, cnt, t, t + bucket < t1 ? t + bucket : t1, m, S(12), &rr);
					tw_sum_add(&tot, rr.integral);
					cov += rr.covered;
				}
				is_rel(tw_sum_value(&tot), s.integral, 1e-12, "%s: buckets add up", tw_method_name(m));
				ok(cov == s.covered, "%s: bucket coverage adds up", tw_method_name(m));
			}
		}
	}
	/* range integration by hand */
	{
		TwPoint		p[] = {{0, 0.0}, {S(10), 10.0}, {S(20), 0.0}};

		tw_integrate_range(p, 3, S(2), S(5), TW_LINEAR, 0, &rr);
		is_rel(rr.integral, 10.5, 1e-15, "interpolated edges inside one segment");
		ok(rr.covered == S(3) && rr.samples == 0, "covered 3 s, no samples inside");
		tw_integrate_range(p, 3, S(5), S(15), TW_LINEAR, 0, &rr);
		is_rel(rr.integral, 75.0, 1e-15, "range across a point");
		ok(rr.samples == 1, "one sample inside");
		tw_integrate_range(p, 3, S(-5), S(25), TW_LINEAR, 0, &rr);
		is_rel(rr.integral, 100.0, 1e-15, "no extrapolation outside the data");
		ok(rr.covered == S(20) && rr.samples == 3, "covered = data span");
		tw_integrate_range(p, 3, S(5), S(15), TW_LOCF, 0, &rr);
		is_rel(rr.integral, 0.0 * 5 + 10.0 * 5, 1e-15, "locf range");
		tw_integrate_range(p, 3, S(0), S(20), TW_LINEAR, S(5), &rr);
		ok(rr.integral == 0 && rr.gap_count == 2, "gaps skipped in range");
		ok(tw_integrate_range(p, 3, S(5), S(1), TW_LINEAR, 0, &rr) == TW_ERR_BAD_ARGUMENT, "b < a rejected");
	}
	/* names */
	ok(tw_method_from_name("LOCF") == TW_LOCF && tw_method_from_name("linear") == TW_LINEAR &&
	   tw_method_from_name("spline") == 0, "method names");
	ok(tw_unit_seconds("day") == 86400.0 && tw_unit_seconds("hour") == 3600.0 &&
	   tw_unit_seconds("microsecond") == 1e-6 && tw_unit_seconds("fortnight") == 0.0, "units");
	/* mismatch */
	{
		TwPoint		p[] = {{0, 1}, {S(1), 2}};
		TwPoint		q[] = {{S(2), 1}, {S(3), 2}};

		tw_summarize_sorted(p, 2, TW_LINEAR, 0, &a);
		tw_summarize_sorted(q, 2, TW_LOCF, 0, &b);
		ok(tw_summary_stitch(&a, &b, &r) == TW_ERR_METHOD_MISMATCH, "method mismatch");
		tw_summarize_sorted(q, 2, TW_LINEAR, S(9), &b);
		ok(tw_summary_stitch(&a, &b, &r) == TW_ERR_MAXGAP_MISMATCH, "max_gap mismatch");
		tw_summarize_sorted(q, 2, TW_LINEAR, 0, &b);
		ok(tw_summary_stitch(&a, &b, &r) == TW_OK && r.integral == 1.5 + 1.5 + 1.5, "adjacent stitch by hand");
	}
	return done_testing();
}
