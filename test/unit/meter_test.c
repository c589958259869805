/*
 * meter_test.c
 *		Unit tests of src/math/meter.c against hand-computed deltas.
 */
#include "math/meter.h"
#include "tap.h"

#include <string.h>

#define H(x) ((int64_t) ((x) * 3600000000LL))

int
main(void)
{
	MeterSummary s, a, b, r;
	MeterStream st;

	{
		TwPoint		p[] = {{H(0), 100}, {H(1), 110}, {H(2), 5}, {H(3), 15}};

		meter_summarize_sorted(p, 4, 0, 0, 0, 0, &s);
		is_rel(s.delta, 10 + 5 + 10, 1e-15, "reset: new reading counts from zero");
		ok(s.reset_count == 1 && s.rollover_count == 0, "one reset");
		meter_summarize_sorted(p, 4, 1, 1000, 0, 0, &s);
		is_rel(s.delta, 10 + (1000 - 110 + 5) + 10, 1e-15, "with rollover the drop wraps");
		ok(s.reset_count == 0 && s.rollover_count == 1, "one rollover");
		meter_summarize_sorted(p, 4, 1, 50, 0, 0, &s);
		is_rel(s.delta, 25, 1e-15, "reading above rollover: treated as a reset");
	}
	{
		TwPoint		p[] = {{H(0), 0}, {H(1), 10}, {H(2), 1000}, {H(3), 1010}, {H(3.5), 1060}};

		meter_summarize_sorted(p, 5, 0, 0, 1, 100, &s);
		is_rel(s.delta, 10 + 10 + 50, 1e-15, "implausible step rejected, next from the new reading");
		ok(s.rejected_count == 1, "one rejected");
		meter_summarize_sorted(p, 5, 0, 0, 1, 99, &s);
		is_rel(s.delta, 20, 1e-15, "rate check is per hour (50 in 0.5 h = 100/h > 99)");
		ok(s.rejected_count == 2, "two rejected");
	}
	{
		TwPoint		p[] = {{H(0), 1}, {H(1), 4}, {H(2), 2}, {H(3), 9}, {H(4), 3}, {H(5), 8}};

		meter_summarize_sorted(p, 6, 0, 0, 0, 0, &s);
		for (int k = 1; k < 6; k++)
		{
			meter_summarize_sorted(p, k, 0, 0, 0, 0, &a);
			meter_summarize_sorted(p + k, 6 - k, 0, 0, 0, 0, &b);
			ok(meter_summary_stitch(&a, &b, &r) == METER_OK && r.delta == s.delta &&
			   r.reset_count == s.reset_count && r.sample_count == 6,
			   "stitch at %d equals whole (%g)", k, r.delta);
		}
		is_rel(s.delta, 3 + 2 + 7 + 3 + 5, 1e-15, "two resets by hand");
		ok(meter_summary_stitch(&b, &a, &r) == METER_ERR_OVERLAP, "overlap");
		meter_summarize_sorted(p + 3, 3, 1, 10, 0, 0, &b);
		ok(meter_summary_stitch(&a, &b, &r) == METER_ERR_PARAM_MISMATCH, "param mismatch");
	}
	meter_stream_init(&st, 0, 0, 0, 0);
	meter_stream_add(&st, H(0), 5);
	meter_stream_add(&st, H(0), 7);
	meter_stream_add(&st, H(1), 8);
	ok(meter_stream_add(&st, H(0.5), 9) == METER_ERR_OUT_OF_ORDER, "out of order detected");
	meter_stream_summary(&st, &s);
	ok(s.delta == 1 && s.sample_count == 2, "equal timestamps: larger reading wins");
	return done_testing();
}
