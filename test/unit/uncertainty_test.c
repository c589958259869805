/*
 * uncertainty_test.c
 *		Unit tests of src/math/uncertainty.c against hand calculations.
 */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "math/uncertainty.h"

int
main(void)
{
	TqMathError err;
	TqUncKind	k;
	double		u,
				uc,
				us,
				ur;

	/* stated -> standard (JCGM 100 4.3.7, 4.3.9, 4.3.3) */
	ok(tq_unc_standard(TQ_UNC_STANDARD, 1.5, &u, &err) == 0 && u == 1.5, "standard as is");
	ok(tq_unc_standard(TQ_UNC_RECTANGULAR, 1.0, &u, &err) == 0, "rectangular");
	is_rel(u, 0.57735026918962576, 1e-15, "rectangular limit 1: 1/sqrt(3)");
	ok(tq_unc_standard(TQ_UNC_TRIANGULAR, 1.0, &u, &err) == 0, "triangular");
	is_rel(u, 0.40824829046386302, 1e-15, "triangular limit 1: 1/sqrt(6)");
	ok(tq_unc_standard(TQ_UNC_NORMAL95, 1.96, &u, &err) == 0 && fabs(u - 1.0) < 1e-4, "normal 95 %%: /1.96");
	ok(tq_unc_standard(TQ_UNC_EXPANDED_K2, 3.0, &u, &err) == 0 && u == 1.5, "expanded k=2: /2");
	ok(tq_unc_standard(TQ_UNC_RECTANGULAR, -1, &u, &err) == TQ_MATH_RANGE, "negative: range");
	ok(tq_unc_standard(TQ_UNC_RECTANGULAR, NAN, &u, &err) == TQ_MATH_RANGE, "NaN: range");
	ok(tq_unc_kind_parse("Rectangular", &k, &err) == 0 && k == TQ_UNC_RECTANGULAR, "parse rectangular");
	ok(tq_unc_kind_parse("gaussian", &k, &err) == TQ_MATH_INVALID, "unknown kind: invalid (%s)", err.hint);
	ok(strcmp(tq_unc_kind_name(TQ_UNC_NORMAL95), "normal95") == 0, "kind name");

	/*
	 * eta = 100 U / F with two output meters of one role (group 1):
	 * U1 = 600, U2 = 400 kWh, data-sheet limit 2 % each (rectangular),
	 * F = 1250 kWh with a 1 % rectangular limit (group 2); eta = 80 %.
	 * c_U = 100 / F = 0.08 points/kWh, c_F = -100 U / F^2 = -0.064.
	 * Group 1 (r = 1): 0.08 x (0.02/sqrt 3) x 1000 = 1.6/sqrt 3
	 * Fuel: -0.064 x (0.01/sqrt 3) x 1250 = -0.8/sqrt 3
	 * u_c^2 = 2.56/3 + 0.64/3 = 3.2/3, u_c = 1.0327956 points, U95 2.0656.
	 * Uncorrelated (the 1.0 code) would give sqrt((0.96^2 + 0.64^2 +
	 * 0.8^2)/3) = 0.8106; the limits taken as standard uncertainties
	 * sqrt(3) times more, 1.7889.
	 */
	{
		double		b2 = 0.02 / sqrt(3.0),
					b1 = 0.01 / sqrt(3.0);
		TqUncTerm	t[3] = {
			{0.08, b2 * 600, 0, 1, 0},
			{0.08, b2 * 400, 0, 1, 0},
			{-0.064, b1 * 1250, 0, 2, 0}};

		ok(tq_unc_combine(t, 3, &uc, &us, &ur, &err) == 0, "combine");
		is_rel(uc, sqrt(3.2 / 3), 1e-12, "u_c = sqrt(3.2/3) = %.7f points", uc);
		is_rel(TQ_UNC_COVERAGE_K * uc, 2.0655911179772890, 1e-12, "U95 = 2.06559 points");
		ok(ur == 0 && us == uc, "all systematic");
		is_rel(t[0].share + t[1].share + t[2].share, uc * uc, 1e-12, "shares add up to u_c^2");
		is_rel(t[0].share, 0.08 * b2 * 600 * 1.6 / sqrt(3.0), 1e-12, "share of meter 1 = c b x group sum");
		/* independent groups */
		t[1].group = 3;
		ok(tq_unc_combine(t, 3, &uc, &us, &ur, &err) == 0, "combine uncorrelated");
		is_rel(uc, sqrt((0.96 * 0.96 + 0.64 * 0.64 + 0.8 * 0.8) / 3), 1e-12, "uncorrelated u_c = %.5f", uc);
		/* group 0 is independent too */
		t[0].group = t[1].group = 0;
		ok(tq_unc_combine(t, 3, &us, &us, &ur, &err) == 0 && fabs(us - uc) < 1e-15, "group 0 = independent");
	}
	/* random parts add in quadrature, also within a group (PTC 19.1) */
	{
		TqUncTerm	t[2] = {{1, 0.3, 0.4, 1, 0}, {1, 0.3, 0.4, 1, 0}};

		ok(tq_unc_combine(t, 2, &uc, &us, &ur, &err) == 0, "combine b and s");
		is_rel(us, 0.6, 1e-15, "b: 0.3 + 0.3 correlated");
		is_rel(ur, sqrt(0.32), 1e-15, "s: sqrt(0.16 + 0.16)");
		is_rel(uc, sqrt(0.36 + 0.32), 1e-15, "u_c = sqrt(b^2 + s^2)");
	}
	/* opposite sensitivities in one group cancel (a ratio of two readings of one meter) */
	{
		TqUncTerm	t[2] = {{1, 0.5, 0, 4, 0}, {-1, 0.5, 0, 4, 0}};

		ok(tq_unc_combine(t, 2, &uc, &us, &ur, &err) == 0 && fabs(uc) < 1e-15, "correlated difference cancels");
	}
	{
		TqUncTerm	t[1] = {{1, -0.5, 0, 0, 0}};

		ok(tq_unc_combine(t, 1, &uc, &us, &ur, &err) == TQ_MATH_INVALID, "negative b: invalid");
	}
	return done_testing();
}
