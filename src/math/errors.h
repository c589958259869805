/*
 * errors.h
 *		The one error of thermaliq's maths (pure C, no postgres.h): every
 *		src/math function that can refuse its input returns a TqStatus and
 *		fills a TqError; src/pg/errors_sql.c is the one reporter that turns
 *		it into ereport, with one SQLSTATE per kind:
 *
 *		TQ_ERR_INVALID  22023 invalid_parameter_value: a name or choice that
 *		                does not exist, or table data that cannot be used
 *		                (an unknown basis, a fuel without an exergy factor)
 *		TQ_ERR_RANGE    22003 numeric_value_out_of_range: a number that is
 *		                NaN, infinite or outside the validity range of the
 *		                formula, or a result that does not fit a float8
 *		                (NaN is this kind everywhere in thermaliq)
 *
 * Messages follow PostgreSQL's style guide (lower case, no final period;
 * detail and hint full sentences). Their format strings are literals given
 * to tq_error(), a gettext trigger (nls.mk): tq_error() formats the
 * translation of fmt that tq_error_translate returns (the glue installs
 * gettext there; standalone, the message stays as written).
 */
#ifndef THERMALIQ_ERRORS_H
#define THERMALIQ_ERRORS_H

/* Outcome of a calculation; the reporter maps it to a SQLSTATE */
typedef enum TqStatus
{
	TQ_OK = 0,
	TQ_ERR_INVALID = 1,			/* 22023 */
	TQ_ERR_RANGE = 2			/* 22003 */
} TqStatus;

/* An error with a PostgreSQL-style message, detail and hint (may be "") */
typedef struct TqError
{
	TqStatus	status;
	char		message[256];
	char		detail[384];
	char		hint[320];
} TqError;

/* Marks a string for translation where it is not a tq_error() argument */
#define TQ_N_(x) (x)

/* Translation of a message id; identity unless the glue sets it */
extern const char *(*tq_error_translate) (const char *msgid);

/*
 * Fills err (may be NULL) with status and the message fmt formatted
 * printf-style; detail and hint (may be NULL) are literals, translated too.
 * Returns status, so that `return tq_error(...)` reads naturally.
 */
extern TqStatus tq_error(TqError *err, TqStatus status, const char *detail,
						 const char *hint, const char *fmt,...)
			__attribute__((format(printf, 5, 6)));

/* TQ_OK when the argument name is finite, else TQ_ERR_RANGE naming it */
extern TqStatus tq_check_finite(double value, const char *name, TqError *err);

/*
 * TQ_OK when a result is finite, else TQ_ERR_RANGE: "<what> is out of
 * range", the detail naming the bound (a literal, may be NULL)
 */
extern TqStatus tq_check_result(double value, const char *what, const char *bound_detail,
								TqError *err);

/*
 * TQ_OK when result = arg x (a factor) is finite, else TQ_ERR_RANGE naming
 * the argument and its bound, limit = the largest |arg| that fits
 */
extern TqStatus tq_check_scaled(double result, const char *argname, double arg,
								double limit, const char *unit, TqError *err);

/*
 * The names thermaliq 1.0's maths used for the same struct and codes, for
 * code written against them on branches in flight; new code uses the ones
 * above.
 */
typedef TqError TqMathError;
typedef TqStatus TqMathStatus;
#define TQ_MATH_OK		TQ_OK
#define TQ_MATH_INVALID	TQ_ERR_INVALID
#define TQ_MATH_RANGE	TQ_ERR_RANGE
#define tq_math_fail	tq_error

#endif
