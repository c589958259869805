/*
 * overflow_test.c
 *		Unit tests of the timestamp range and int64 overflow helpers
 *		(src/math/overflow.h) and of the stream rules that use them (TwRun,
 *		TwStream, MeterStream, stitching, tw_integrate_range).
 */
#include <float.h>
#include <stdint.h>

#include "tap.h"

#include "math/meter.h"
#include "math/overflow.h"
#include "math/timeweight.h"

int
main(void)
{
	int64_t		r;
	TwStream	st;
	TwSummary	a,
				b,
				s;
	MeterStream ms;
	MeterSummary m;
	MeterParams mp;
	TwRangeResult rr;

	/* the range: PostgreSQL's MIN_TIMESTAMP and END_TIMESTAMP */
	ok(tq_ts_is_valid(TQ_TS_MIN) && !tq_ts_is_valid(TQ_TS_MIN - 1), "4714-11-24 BC is the first valid timestamp");
	ok(tq_ts_is_valid(TQ_TS_END - 1) && !tq_ts_is_valid(TQ_TS_END), "END_TIMESTAMP is excluded");
	ok(!tq_ts_is_valid(INT64_MIN) && !tq_ts_is_valid(INT64_MAX), "-infinity and infinity are not valid");
	/* the two ends are further apart than an int64 holds */
	ok(!tq_span(TQ_TS_MIN, TQ_TS_END - 1, &r), "the whole range does not fit an int64 span");
	ok(tq_span(0, TQ_TS_END - 1, &r) && r == TQ_TS_END - 1, "2000-01-01 to the end fits");
	ok(tq_span(TQ_TS_MIN, 0, &r) && r == -TQ_TS_MIN, "4714 BC to 2000-01-01 fits");
	ok(tq_add_overflow(INT64_MAX, 1, &r) && !tq_add_overflow(INT64_MAX - 1, 1, &r) && r == INT64_MAX,
	   "add overflow at INT64_MAX");
	ok(tq_sub_overflow(INT64_MIN, 1, &r) && !tq_sub_overflow(-1, INT64_MAX, &r) && r == INT64_MIN,
	   "sub overflow at INT64_MIN");
	ok(tq_mul_overflow(INT64_C(3037000500), INT64_C(3037000500), &r) &&
	   !tq_mul_overflow(INT64_C(3037000499), INT64_C(3037000499), &r), "mul overflow just above sqrt(2^63)");

	/* TwRun: a point too far from the first is refused, the stream unchanged */
	tw_stream_init(&st, TW_LINEAR, 0);
	ok(tw_stream_add(&st, TQ_TS_MIN, 1.0) == TW_OK, "first point at 4714 BC");
	ok(tw_stream_add(&st, TQ_TS_END - 1, 1.0) == TW_ERR_TOO_LONG && st.run.npoints == 1,
	   "a point at 294276 AD is too long a span; stream unchanged");
	ok(tw_stream_add(&st, 0, 1.0) == TW_OK && tw_stream_add(&st, -1, 1.0) == TW_ERR_OUT_OF_ORDER,
	   "in range: taken; behind: out of order");
	ok(tw_stream_summary(&st, &s) == TW_OK && s.covered == -TQ_TS_MIN && s.integral == (double) -TQ_TS_MIN / 1e6,
	   "4714 BC to 2000 covered exactly, integral of 1 is its seconds");

	/* values near the largest double: the mean does not overflow */
	tw_stream_init(&st, TW_LINEAR, 0);
	tw_stream_add(&st, 0, DBL_MAX);
	tw_stream_add(&st, 1, DBL_MAX);
	ok(tw_stream_summary(&st, &s) == TW_OK && s.integral == DBL_MAX * 1e-6, "DBL_MAX over 1 us: DBL_MAX x 1e-6");
	tw_stream_add(&st, 3600000000, DBL_MAX);
	ok(tw_stream_summary(&st, &s) == TW_ERR_NOT_FINITE, "DBL_MAX for an hour overflows: TW_ERR_NOT_FINITE");

	/* stitching: span and integral checked */
	tw_stream_init(&st, TW_LINEAR, 0);
	tw_stream_add(&st, TQ_TS_MIN, 1.0);
	tw_stream_add(&st, TQ_TS_MIN + 1, 1.0);
	tw_stream_summary(&st, &a);
	tw_stream_init(&st, TW_LINEAR, 0);
	tw_stream_add(&st, TQ_TS_END - 2, 1.0);
	tw_stream_add(&st, TQ_TS_END - 1, 1.0);
	tw_stream_summary(&st, &b);
	ok(tw_summary_stitch(&a, &b, &s) == TW_ERR_TOO_LONG, "stitching 4714 BC to 294276 AD is too long");
	a.integral = b.integral = DBL_MAX;
	a.first_ts = 0;
	a.last_ts = 1;
	b.first_ts = 2;
	b.last_ts = 3;
	ok(tw_summary_stitch(&a, &b, &s) == TW_ERR_NOT_FINITE, "stitching two DBL_MAX integrals overflows");

	/* integrate_range: a range or a segment too long is refused */
	{
		TwPoint		p[2] = {{TQ_TS_MIN, 1.0}, {TQ_TS_END - 1, 1.0}};

		ok(tw_integrate_range(p, 2, TQ_TS_MIN, TQ_TS_END - 1, TW_LINEAR, 0, &rr) == TW_ERR_TOO_LONG,
		   "tw_integrate_range over the whole range is too long");
	}

	/* meter: the same rules, and a delta that overflows */
	meter_params_default(&mp);
	meter_stream_init(&ms, &mp);
	ok(meter_stream_add(&ms, TQ_TS_MIN, 1.0) == METER_OK &&
	   meter_stream_add(&ms, TQ_TS_END - 1, 2.0) == METER_ERR_TOO_LONG, "meter: too long a span");
	meter_stream_init(&ms, &mp);
	meter_stream_add(&ms, 0, -DBL_MAX);
	meter_stream_add(&ms, 1, DBL_MAX);
	ok(meter_stream_summary(&ms, &m) == METER_ERR_NOT_FINITE, "meter: DBL_MAX - (-DBL_MAX) overflows");
	return done_testing();
}
