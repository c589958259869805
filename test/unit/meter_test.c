/*
 * meter_test.c
 *		Unit tests of src/math/meter.c against hand-computed deltas.
 */
#include "math/meter.h"
#include "tap.h"

#include <string.h>

#define H(x) ((int64_t) ((x) * 3600000000LL))

/* Parameters: rollover (0 = none), max_rate (0 = none), step-back */
static MeterParams
P(double rollover, double max_rate, double stepback)
{
	MeterParams mp;

	meter_params_default(&mp);
	mp.has_rollover = rollover > 0;
	mp.rollover = rollover;
	mp.has_max_rate = max_rate > 0;
	mp.max_rate = max_rate;
	mp.stepback = stepback;
	return mp;
}

/* Every split of p into two summaries stitches back to the whole */
static void
check_stitch(const TwPoint *p, int n, MeterParams mp, const char *what)
{
	MeterSummary s, a, b, r;
	int			bad = 0;

	meter_summarize_sorted(p, n, &mp, &s);
	for (int k = 1; k < n; k++)
	{
		/* split between k-1 and k, and sharing the reading k-1 */
		for (int share = 0; share <= 1; share++)
		{
			meter_summarize_sorted(p, k, &mp, &a);
			meter_summarize_sorted(p + k - share, n - k + share, &mp, &b);
			if (meter_summary_stitch(&a, &b, &r) != METER_OK || r.delta != s.delta ||
				r.reg != s.reg || r.head_max != s.head_max || r.head_break != s.head_break ||
				r.reset_count != s.reset_count || r.rollover_count != s.rollover_count ||
				r.rejected_count != s.rejected_count ||
				r.sample_count != n)
			{
				printf("# %s: split at %d (share %d): delta %g vs %g, reg %g vs %g\n", what, k, share,
					 r.delta, s.delta, r.reg, s.reg);
				bad++;
			}
		}
	}
	ok(bad == 0, "%s: every split stitches to the whole", what);
}

int
main(void)
{
	MeterSummary s;
	MeterStream st;
	MeterParams mp;

	{
		TwPoint		p[] = {{H(0), 100}, {H(1), 110}, {H(2), 5}, {H(3), 15}};

		mp = P(0, 0, 0.01);
		meter_summarize_sorted(p, 4, &mp, &s);
		is_rel(s.delta, 10 + 5 + 10, 1e-15, "reset: new reading counts from zero");
		ok(s.reset_count == 1 && s.rollover_count == 0, "one reset");
		mp = P(1000, 0, 0.01);
		meter_summarize_sorted(p, 4, &mp, &s);
		is_rel(s.delta, 10 + (1000 - 110 + 5) + 10, 1e-15, "with rollover the drop wraps");
		ok(s.reset_count == 0 && s.rollover_count == 1, "one rollover");
		mp = P(50, 0, 0.01);
		meter_summarize_sorted(p, 4, &mp, &s);
		is_rel(s.delta, 25, 1e-15, "reading above rollover: treated as a reset");
	}
	{
		TwPoint		p[] = {{H(0), 0}, {H(1), 10}, {H(2), 1000}, {H(3), 1010}, {H(3.5), 1060}};

		mp = P(0, 100, 0.01);
		meter_summarize_sorted(p, 5, &mp, &s);
		is_rel(s.delta, 10 + 10 + 50, 1e-15, "implausible step rejected, next from the new reading");
		ok(s.rejected_count == 1, "one rejected");
		mp = P(0, 99, 0.01);
		meter_summarize_sorted(p, 5, &mp, &s);
		is_rel(s.delta, 20, 1e-15, "rate check is per hour (50 in 0.5 h = 100/h > 99)");
		ok(s.rejected_count == 2, "two rejected");
	}
	{
		/* API.md section 5: 1000, 1010, 1009.9, 1020 -> 20, no reset */
		TwPoint		p[] = {{H(0), 1000}, {H(1), 1010}, {H(2), 1009.9}, {H(3), 1020}};

		mp = P(0, 0, 0.01);
		meter_summarize_sorted(p, 4, &mp, &s);
		is_rel(s.delta, 20, 1e-15, "step-back within 1 %%: no consumption, counts again from 1010");
		ok(s.reset_count == 0, "no reset");
		mp = P(0, 0, 0);
		meter_summarize_sorted(p, 4, &mp, &s);
		is_rel(s.delta, 10 + 1009.9 + 10.1, 1e-15, "step-back 0: the 1.0 rule, any drop is a reset (1030)");
		ok(s.reset_count == 1, "one reset with step-back 0");
	}
	{
		/* API.md section 5: 100, 130, 170, 5, 25 -> 95, one reset */
		TwPoint		p[] = {{H(0), 100}, {H(1), 130}, {H(2), 170}, {H(3), 5}, {H(4), 25}};

		mp = P(0, 0, 0.01);
		meter_summarize_sorted(p, 5, &mp, &s);
		is_rel(s.delta, 95, 1e-15, "drop of 165 > 1.7: a reset, 30 + 40 + 5 + 20 = 95");
		ok(s.reset_count == 1, "one reset");
		check_stitch(p, 5, mp, "reset series");
	}
	{
		/*
		 * Register 50 t = 50000 kg: a re-sent value 0.1 kg lower is a
		 * step-back (tolerance 500 kg), the next reading counts from 50000.
		 * By hand: 100 + 0 + 150 + 0 (step-back to 50149) + 51 = 301.
		 */
		TwPoint		p[] = {{H(0), 49900}, {H(1), 50000}, {H(2), 49999.9}, {H(3), 50150},
		{H(4), 50149}, {H(5), 50201}};

		mp = P(0, 0, 0.01);
		meter_summarize_sorted(p, 6, &mp, &s);
		is_rel(s.delta, 301, 1e-12, "re-sent values on a 50 t register are no resets");
		ok(s.reset_count == 0 && s.rejected_count == 0, "no reset, nothing rejected");
		ok(s.reg == 50201 && s.head_max == 50201 && s.head_break == METER_RISE, "register and head");
		check_stitch(p, 6, mp, "step-backs");
	}
	{
		/* step-backs, a reset, a rollover and a rejected step in one series */
		TwPoint		p[] = {{H(0), 900}, {H(1), 950}, {H(2), 949}, {H(3), 990}, {H(4), 10},
		{H(5), 20}, {H(6), 19.9}, {H(7), 40}, {H(8), 940}, {H(9), 960}, {H(10), 30}, {H(11), 35}};

		/*
		 * rollover 1000, max_rate 500/h, step-back 1 %:
		 * 900->950 +50; 949 step-back; 990 +40 (from 950); 10: rollover
		 * 1000-990+10 = 20; 20 +10; 19.9 step-back; 40 +20; 940 +900 in 1 h
		 * > 500: rejected, register 940; 960 +20; 30: rollover 1000-960+30 =
		 * 70; 35 +5. Total 50+40+20+10+20+20+70+5 = 235.
		 */
		mp = P(1000, 500, 0.01);
		meter_summarize_sorted(p, 12, &mp, &s);
		is_rel(s.delta, 235, 1e-13, "mixed series by hand");
		ok(s.rollover_count == 2 && s.rejected_count == 1 &&
		   s.reset_count == 0, "2 rollovers, 1 rejected, no reset");
		ok(s.head_max == 990 && s.head_break == METER_ROLLOVER, "head ends at the first rollover");
		check_stitch(p, 12, mp, "mixed series");
		mp = P(0, 500, 0.01);
		/* without rollover the two wraps are resets: 50+40+10+10+20+20+30+5 = 185 */
		meter_summarize_sorted(p, 12, &mp, &s);
		is_rel(s.delta, 185, 1e-13, "mixed series without rollover: resets");
		check_stitch(p, 12, mp, "mixed series, resets");
	}
	{
		/* a step-back right at the split, then a rollover in the later part */
		TwPoint		p[] = {{H(0), 980}, {H(1), 995}, {H(2), 994}, {H(3), 994.5}, {H(4), 5}, {H(5), 9}};

		/* +15; step-back; step-back (994.5 < 995); rollover 1000-995+5 = 10; +4: 29 */
		mp = P(1000, 0, 0.01);
		meter_summarize_sorted(p, 6, &mp, &s);
		is_rel(s.delta, 29, 1e-13, "rollover counts from the register, not the step-back");
		check_stitch(p, 6, mp, "step-back before a rollover");
	}
	{
		TwPoint		p[] = {{H(0), 1}, {H(1), 4}, {H(2), 2}, {H(3), 9}, {H(4), 3}, {H(5), 8}};
		MeterSummary a, b, r;

		mp = P(0, 0, 0.01);
		meter_summarize_sorted(p, 6, &mp, &s);
		is_rel(s.delta, 3 + 2 + 7 + 3 + 5, 1e-15, "two resets by hand");
		check_stitch(p, 6, mp, "two resets");
		meter_summarize_sorted(p, 3, &mp, &a);
		meter_summarize_sorted(p + 3, 3, &mp, &b);
		ok(meter_summary_stitch(&b, &a, &r) == METER_ERR_OVERLAP, "overlap");
		mp = P(10, 0, 0.01);
		meter_summarize_sorted(p + 3, 3, &mp, &b);
		ok(meter_summary_stitch(&a, &b, &r) == METER_ERR_PARAM_MISMATCH, "param mismatch (rollover)");
		mp = P(0, 0, 0.02);
		meter_summarize_sorted(p + 3, 3, &mp, &b);
		ok(meter_summary_stitch(&a, &b, &r) == METER_ERR_PARAM_MISMATCH, "param mismatch (step-back)");
	}
	mp = P(0, 0, 0.01);
	meter_stream_init(&st, &mp);
	meter_stream_add(&st, H(0), 5);
	meter_stream_add(&st, H(0), 7);
	meter_stream_add(&st, H(1), 8);
	ok(meter_stream_add(&st, H(0.5), 9) == METER_ERR_OUT_OF_ORDER, "out of order detected");
	meter_stream_summary(&st, &s);
	ok(s.delta == 1 && s.sample_count == 2, "equal timestamps: larger reading wins");
	meter_stream_init(&st, &mp);
	meter_stream_add(&st, H(0), 5);
	meter_stream_summary(&st, &s);
	ok(s.delta == 0 && s.reg == 5 && s.head_max == 5 && s.sample_count == 1, "one reading");
	return done_testing();
}
