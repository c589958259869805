/*
 * errors.c
 *		The maths' error: filling a TqError, the checks every formula
 *		shares. See errors.h.
 */
#include "math/errors.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

/* No translation until the glue installs one */
static const char *
Untranslated(const char *msgid)
{
	return msgid;
}

const char *(*tq_error_translate) (const char *msgid) = Untranslated;

/* Fills err; returns status */
TqStatus
tq_error(TqError *err, TqStatus status, const char *detail, const char *hint,
		 const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return status;
	err->status = status;
	va_start(ap, fmt);
	/* the translation of a literal keeps its conversions */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(err->message, sizeof(err->message), tq_error_translate(fmt), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	snprintf(err->detail, sizeof(err->detail), "%s", detail ? tq_error_translate(detail) : "");
	snprintf(err->hint, sizeof(err->hint), "%s", hint ? tq_error_translate(hint) : "");
	return status;
}

/* Rejects NaN and infinities, naming the argument */
TqStatus
tq_check_finite(double value, const char *name, TqError *err)
{
	if (isfinite(value))
		return TQ_OK;
	return tq_error(err, TQ_ERR_RANGE,
					"NaN and infinite values are not accepted.", NULL,
					"%s must be a finite number, not %s", name,
					isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity"));
}

/* Rejects a result that overflowed (or is NaN) */
TqStatus
tq_check_result(double value, const char *what, const char *bound_detail, TqError *err)
{
	if (isfinite(value))
		return TQ_OK;
	return tq_error(err, TQ_ERR_RANGE,
					bound_detail ? bound_detail : "The result does not fit a float8 (about 1.8e308).",
					NULL, "%s is out of range", what);
}

/* Rejects an overflowed arg x factor, naming the bound of arg */
TqStatus
tq_check_scaled(double result, const char *argname, double arg, double limit,
				const char *unit, TqError *err)
{
	if (isfinite(result))
		return TQ_OK;
	return tq_error(err, TQ_ERR_RANGE,
					"The result would not fit a float8 (about 1.8e308).", NULL,
					"%s %.6g %s is beyond the limit of %.6g %s",
					argname, arg, unit, limit, unit);
}
