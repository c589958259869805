/*
 * piecewise_test.c
 *		Unit tests of src/math/piecewise.c (covered spans, intersection,
 *		integrals over spans, the product integral) on hand-computed
 *		numbers.
 */
#include "math/piecewise.h"
#include "tap.h"

#define H(x) ((int64_t) ((x) * 3600000000.0))
#define SEC(h) ((h) * 3600.0)

int
main(void)
{
	/* P(t) = 1000 + 200 t kW at t = -0.5, 0.5, 1.5, 2.5, 3.5 h: one line */
	TwPoint		p[] = {{H(-0.5), 900}, {H(0.5), 1100}, {H(1.5), 1300}, {H(2.5), 1500}, {H(3.5), 1700}};
	/* steam: 900 kW at 0, 0.5, 1, 2.25, 2.5, 3 h (the 1 -> 2.25 segment is 75 min) */
	TwPoint		q[] = {{H(0), 900}, {H(0.5), 900}, {H(1), 900}, {H(2.25), 900}, {H(2.5), 900}, {H(3), 900}};
	PwSpan		sp[8],
				sq[8],
				c[16];
	size_t		np,
				nq,
				nc,
				hint;

	np = pw_covered_spans(p, 5, H(1), H(0), H(3), sp);
	ok(np == 1 && sp[0].a == H(0) && sp[0].b == H(3), "a series with no gap covers [0, 3) as one merged span");
	nq = pw_covered_spans(q, 6, H(1), H(0), H(3), sq);
	ok(nq == 2 && sq[0].a == H(0) && sq[0].b == H(1) && sq[1].a == H(2.25) && sq[1].b == H(3),
	   "a 75 min segment with max_gap 1 h is uncovered: [0,1) + [2.25,3)");
	ok(pw_covered_spans(q, 6, 0, H(0), H(3), sq) == 1, "max_gap 0 (a counter): every segment is covered");
	nq = pw_covered_spans(q, 6, H(1), H(0), H(3), sq);
	ok(pw_covered_spans(p, 5, H(0.5), H(0), H(3), sp) == 0, "every segment longer than max_gap: nothing");
	ok(pw_covered_spans(p, 1, H(1), H(0), H(3), sp) == 0, "one point covers nothing");
	np = pw_covered_spans(p, 5, H(1), H(-1), H(4), sp);
	ok(np == 1 && sp[0].a == H(-0.5) && sp[0].b == H(3.5), "no extrapolation beyond the first and last point");

	np = pw_covered_spans(p, 5, H(1), H(0), H(3), sp);
	nc = pw_intersect(sp, np, sq, nq, c);
	ok(nc == 2 && c[0].a == H(0) && c[0].b == H(1) && c[1].a == H(2.25) && c[1].b == H(3),
	   "intersection [0,3) x ([0,1) + [2.25,3)) = [0,1) + [2.25,3)");
	{
		PwSpan		x[] = {{0, 10}, {20, 30}, {40, 50}};
		PwSpan		y[] = {{5, 25}, {28, 45}};
		PwSpan		z[8];
		size_t		nz = pw_intersect(x, 3, y, 2, z);

		ok(nz == 4 && z[0].a == 5 && z[0].b == 10 && z[1].a == 20 && z[1].b == 25
		   && z[2].a == 28 && z[2].b == 30 && z[3].a == 40 && z[3].b == 45,
		   "interleaved spans: [5,10) [20,25) [28,30) [40,45)");
		ok(pw_intersect(x, 3, y, 0, z) == 0, "with an empty set: empty");
	}
	hint = 0;
	ok(pw_span_overlap(c, nc, H(0), H(1), &hint) == H(1), "overlap of [0,1): 1 h");
	ok(pw_span_overlap(c, nc, H(1), H(2), &hint) == 0, "overlap of [1,2): 0");
	ok(pw_span_overlap(c, nc, H(2), H(3), &hint) == H(0.75), "overlap of [2,3): 45 min");

	/* integral of P over the common spans: [0,1) 1100 kWh, [2.25,3) 1143.75 kWh */
	hint = 0;
	is_rel(pw_integral_on_spans(p, 5, TW_LINEAR, c, nc, H(0), H(1), &hint), SEC(1100), 1e-14,
		   "P over [0,1): 1000 + 100 = 1100 kWh");
	is_rel(pw_integral_on_spans(p, 5, TW_LINEAR, c, nc, H(1), H(2), &hint), 0, 1e-14,
		   "P over [1,2) outside the spans: 0");
	is_rel(pw_integral_on_spans(p, 5, TW_LINEAR, c, nc, H(2), H(3), &hint), SEC(750 + 393.75), 1e-14,
		   "P over [2.25,3): 1000 x 0.75 + 100 x (9 - 5.0625) = 1143.75 kWh");
	hint = 0;
	is_rel(pw_integral_on_spans(p, 5, TW_LINEAR, c, nc, H(0), H(3), &hint), SEC(2243.75), 1e-14,
		   "the whole range adds up: 2243.75 kWh");
	{
		/* a step series: 40 kW on [0, 0.75), 6 kW on [0.75, 1.5), ends at 1.5 */
		TwPoint		s[] = {{H(0), 40}, {H(0.75), 6}, {H(1.5), 0}};
		PwSpan		all[] = {{H(0), H(1.5)}};

		hint = 0;
		is_rel(pw_integral_on_spans(s, 3, TW_LOCF, all, 1, H(0.5), H(1), &hint), SEC(0.25 * 40 + 0.25 * 6), 1e-14,
			   "locf over [0.5,1): 0.25 x 40 + 0.25 x 6 = 11.5");
	}

	/* product integral: x = 150 + 30 t every 15 min over [-0.25, 3.25], w = P = 1000 + 200 t */
	{
		TwPoint		x[15];
		double		num = 0,
					den = 0;
		int			i;

		for (i = 0; i < 15; i++)
		{
			x[i].ts = H(-0.25 + 0.25 * i);
			x[i].val = 150 + 30 * (-0.25 + 0.25 * i);
		}
		pw_weighted_add(x, 15, TW_LINEAR, H(1), p, 5, TW_LINEAR, H(1), H(0), H(3), &num, &den);
		is_rel(num, 774000, 1e-13, "int (150 + 30 t)(1000 + 200 t) over [0,3] = 774000");
		is_rel(den, 3900, 1e-13, "int (1000 + 200 t) over [0,3] = 3900");
		num = den = 0;
		for (i = 0; i < (int) nc; i++)
			pw_weighted_add(x, 15, TW_LINEAR, H(1), p, 5, TW_LINEAR, H(1), c[i].a, c[i].b, &num, &den);
		is_rel(num, 182000 + 261843.75, 1e-13, "over [0,1) + [2.25,3): 182000 + 261843.75");
		is_rel(num / den, 443843.75 / 2243.75, 1e-13, "weighted mean 197.8134 degC");
		num = den = 0;
		pw_weighted_add(x, 15, TW_LINEAR, H(1), q, 6, TW_LINEAR, H(1), H(0), H(3), &num, &den);
		is_rel(den, 900 * 1.75, 1e-13, "the weight's gap (1 -> 2.25) weighs nothing: 1575");
	}
	return done_testing();
}
