/*
 * errors_test.c
 *		Unit tests of the maths' one error (src/math/errors.c) and of the
 *		kinds the formulas report through it.
 */
#include <float.h>
#include <string.h>

#include "tap.h"

#include "math/errors.h"
#include "math/exergy.h"
#include "math/if97.h"

/* A translation that marks what went through it */
static char tbuf[4][400];
static int	tn = 0;

static const char *
Upper(const char *msgid)
{
	char	   *b = tbuf[tn++ % 4];

	snprintf(b, 400, "T:%s", msgid);
	return b;
}

int
main(void)
{
	TqError		err;
	double		v;
	If97Props	o;

	/* tq_error fills every field and returns the status */
	memset(&err, 0x55, sizeof(err));
	ok(tq_error(&err, TQ_ERR_RANGE, "A detail.", "A hint.", "value %d of %s", 42, "x") == TQ_ERR_RANGE,
	   "tq_error returns its status");
	ok(err.status == TQ_ERR_RANGE && strcmp(err.message, "value 42 of x") == 0 &&
	   strcmp(err.detail, "A detail.") == 0 && strcmp(err.hint, "A hint.") == 0,
	   "message formatted, detail and hint copied");
	ok(tq_error(&err, TQ_ERR_INVALID, NULL, NULL, "no detail") == TQ_ERR_INVALID &&
	   err.detail[0] == '\0' && err.hint[0] == '\0', "NULL detail and hint are empty");
	ok(tq_error(NULL, TQ_ERR_RANGE, NULL, NULL, "nowhere") == TQ_ERR_RANGE, "a NULL err only returns the status");
	{
		char		longarg[1000];

		memset(longarg, 'a', sizeof(longarg) - 1);
		longarg[sizeof(longarg) - 1] = '\0';
		tq_error(&err, TQ_ERR_RANGE, longarg, longarg, "%s", longarg);
		ok(strlen(err.message) == sizeof(err.message) - 1 && strlen(err.detail) == sizeof(err.detail) - 1 &&
		   strlen(err.hint) == sizeof(err.hint) - 1, "long texts are truncated, not overrun");
	}

	/* the translation hook sees the literal format before formatting */
	tq_error_translate = Upper;
	tq_error(&err, TQ_ERR_RANGE, "D.", "H.", "n=%d", 7);
	ok(strcmp(err.message, "T:n=7") == 0 && strcmp(err.detail, "T:D.") == 0 && strcmp(err.hint, "T:H.") == 0,
	   "message, detail and hint go through the translation");
	/* the maths' own messages too */
	ok(tq_carnot_factor(0.5, 300, &v, &err) == TQ_ERR_RANGE && strncmp(err.message, "T:", 2) == 0,
	   "a formula's message is translated: %s", err.message);


	/* checks */
	ok(tq_check_finite(1.0, "x", &err) == TQ_OK, "finite passes");
	ok(tq_check_finite(NAN, "x", &err) == TQ_ERR_RANGE && strstr(err.message, "not NaN") != NULL,
	   "NaN is a range error naming it");
	ok(tq_check_finite(-INFINITY, "x", &err) == TQ_ERR_RANGE && strstr(err.message, "-Infinity") != NULL,
	   "-Infinity is a range error");
	ok(tq_check_result(DBL_MAX, "r", NULL, &err) == TQ_OK, "DBL_MAX is a finite result");
	ok(tq_check_result(DBL_MAX * 2, "r", NULL, &err) == TQ_ERR_RANGE, "an overflowed result is a range error");
	ok(tq_check_scaled(1e308 * 10, "p_x", 1e308, 1.8e307, "kg/h", &err) == TQ_ERR_RANGE &&
	   strstr(err.message, "p_x 1e+308 kg/h is beyond the limit of 1.8e+307 kg/h") != NULL,
	   "tq_check_scaled names the argument and its limit: %s", err.message);

	/* the probes of issue #10 at the maths level */
	ok(if97_state_ps(9.3e-71, 81.9, &o, &err) == TQ_ERR_RANGE && strstr(err.message, "1e-20 MPa") != NULL,
	   "if97_state_ps(9.3e-71, 81.9) is a range error at the pressure floor");
	ok(if97_state_pt(5e-324, 1073.15, &o, &err) == TQ_ERR_RANGE, "if97_state_pt(5e-324, 1073.15) is a range error");
	ok(tq_carnot_factor(1e-300, 298.15, &v, &err) == TQ_ERR_RANGE, "carnot_factor(1e-300, 298.15) is a range error");
	ok(tq_carnot_factor(1.0, 300.0, &v, &err) == TQ_OK && v == -299.0, "carnot_factor(1 K, 300 K) = -299");
	ok(tq_heat_exergy_kw(1e308, 1.0, 1e300, &v, &err) == TQ_ERR_RANGE, "heat exergy overflow is a range error");
	/* below the triple-point pressure the backward solve converges (was no convergence) */
	{
		If97Props	a;
		int			i;
		double		ps[] = {1e-4, 1e-6, 1e-9, 1e-15, 1e-20};
		int			good = 1;

		for (i = 0; i < 5; i++)
		{
			if (if97_state_pt(ps[i], 700.0, &a, &err) != TQ_OK ||
				if97_state_ps(ps[i], a.s, &o, &err) != TQ_OK || fabs(o.t_k - 700.0) > 1e-6 ||
				if97_state_ph(ps[i], a.h, &o, &err) != TQ_OK || fabs(o.t_k - 700.0) > 1e-6)
				good = 0;
		}
		ok(good, "T(p,s) and T(p,h) at 700 K from 1e-4 down to 1e-20 MPa");
	}
	return done_testing();
}
