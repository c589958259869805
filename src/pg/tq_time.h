/*
 * tq_time.h
 *		The one timestamp range and overflow check of thermaliq: every
 *		aggregate, summary validator and plant range goes through these
 *		(IS_VALID_TIMESTAMP, pg_add_s64_overflow / pg_sub_s64_overflow).
 *		The pure-C maths use the same bounds from math/overflow.h.
 */
#ifndef THERMALIQ_PG_TQ_TIME_H
#define THERMALIQ_PG_TQ_TIME_H

#include "postgres.h"

#include "datatype/timestamp.h"

/* 22008 naming what unless ts is finite and inside PostgreSQL's range */
extern void tq_check_timestamp(TimestampTz ts, const char *what);

/* to - from in microseconds; 22008 naming what when it does not fit an int64 */
extern int64 tq_time_span(TimestampTz from, TimestampTz to, const char *what);

/* ts + us, clamped to PostgreSQL's range (ts must be valid) */
extern TimestampTz tq_time_add_clamped(TimestampTz ts, int64 us);

/* 22008: the points of aggname span more microseconds than an int64 holds */
extern void tq_span_error(const char *aggname, TimestampTz from, TimestampTz to) pg_attribute_noreturn();

/* "[a, b]" in the session time zone, for error details */
extern char *tq_range_text(TimestampTz a, TimestampTz b);

#endif
