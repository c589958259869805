/*
 * errors_sql.h
 *		The one reporter of the maths' errors (math/errors.h): a TqError
 *		becomes an ereport with the SQLSTATE of its kind.
 */
#ifndef THERMALIQ_PG_ERRORS_SQL_H
#define THERMALIQ_PG_ERRORS_SQL_H

#include "postgres.h"

#include "math/errors.h"

/* SQLSTATE of a status: TQ_ERR_INVALID 22023, TQ_ERR_RANGE 22003 */
extern int	tq_error_sqlstate(TqStatus status);

/* Raises err (status != TQ_OK) */
extern void tq_report_error(const TqError *err) pg_attribute_noreturn();

/* Installs gettext as the maths' translation (from _PG_init) */
extern void tq_errors_init(void);

/* thermaliq 1.0's name of the reporter, for code on branches in flight */
#define ReportMathError tq_report_error

#endif
