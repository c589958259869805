/*
 * uncertainty.c
 *		Standard uncertainties from stated limits and the combination of a
 *		budget with correlated systematic parts (uncertainty.h).
 *
 * JCGM 100:2008 4.3.7 (rectangular a/sqrt 3), 4.3.9 (triangular a/sqrt 6),
 * 4.3.3 and 4.3.4 (a stated interval or expanded uncertainty divided by
 * its coverage factor), 5.2 (correlated input quantities; r = 1 gives
 * the linear sum); ASME PTC 19.1-2018: systematic (b) and random (s)
 * standard uncertainties combined as u = sqrt(b^2 + s^2), U95 = 2u.
 */
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "math/uncertainty.h"

static const char *const kind_names[] = {"standard", "rectangular", "triangular",
"normal95", "expanded_k2"};

/* Parses a kind */
int
tq_unc_kind_parse(const char *text, TqUncKind *kind, TqMathError *err)
{
	int			i;

	for (i = 0; i < 5; i++)
		if (text != NULL && strcasecmp(text, kind_names[i]) == 0)
		{
			*kind = (TqUncKind) i;
			return TQ_MATH_OK;
		}
	return tq_math_fail(err, TQ_MATH_INVALID, NULL,
						"Use standard (1 sigma), rectangular or triangular (a limit +-a from a data sheet), normal95 (a 95 % interval) or expanded_k2 (U with k = 2).",
						"unknown uncertainty kind \"%s\"", text ? text : "(null)");
}

/* Name of a kind */
const char *
tq_unc_kind_name(TqUncKind kind)
{
	return (kind >= 0 && kind <= TQ_UNC_EXPANDED_K2) ? kind_names[kind] : "?";
}

/* u from a stated value */
int
tq_unc_standard(TqUncKind kind, double stated, double *u, TqMathError *err)
{
	int			rc;

	if ((rc = tq_check_finite(stated, "uncertainty", err)) != TQ_MATH_OK)
		return rc;
	if (stated < 0)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"uncertainty %g must not be negative", stated);
	switch (kind)
	{
		case TQ_UNC_STANDARD:
			*u = stated;
			break;
		case TQ_UNC_RECTANGULAR:
			*u = stated / sqrt(3.0);
			break;
		case TQ_UNC_TRIANGULAR:
			*u = stated / sqrt(6.0);
			break;
		case TQ_UNC_NORMAL95:
			*u = stated / 1.959963984540054;
			break;
		case TQ_UNC_EXPANDED_K2:
			*u = stated / 2.0;
			break;
		default:
			return tq_math_fail(err, TQ_MATH_INVALID, NULL, NULL, "unknown uncertainty kind %d", (int) kind);
	}
	return TQ_MATH_OK;
}

/* Combination with fully correlated systematic parts per group */
int
tq_unc_combine(TqUncTerm *t, int n, double *u_c, double *u_sys, double *u_rand,
			   TqMathError *err)
{
	double		var_sys = 0,
				var_rand = 0;
	int			i,
				j;

	for (i = 0; i < n; i++)
	{
		if (!isfinite(t[i].sensitivity) || !isfinite(t[i].u_systematic) ||
			!isfinite(t[i].u_random) || t[i].u_systematic < 0 || t[i].u_random < 0 ||
			t[i].group < 0)
			return tq_math_fail(err, TQ_MATH_INVALID,
								"Sensitivities must be finite, uncertainties finite and not negative, groups 0 or more.",
								NULL, "invalid uncertainty budget term %d", i + 1);
	}
	for (i = 0; i < n; i++)
	{
		double		cb = t[i].sensitivity * t[i].u_systematic;
		double		group_sum = cb;

		if (t[i].group > 0)
		{
			group_sum = 0;
			for (j = 0; j < n; j++)
				if (t[j].group == t[i].group)
					group_sum += t[j].sensitivity * t[j].u_systematic;
		}
		t[i].share = cb * group_sum + pow(t[i].sensitivity * t[i].u_random, 2);
		var_sys += cb * group_sum;
		var_rand += pow(t[i].sensitivity * t[i].u_random, 2);
	}
	*u_sys = sqrt(fmax(var_sys, 0));
	*u_rand = sqrt(var_rand);
	*u_c = sqrt(fmax(var_sys + var_rand, 0));
	return TQ_MATH_OK;
}
