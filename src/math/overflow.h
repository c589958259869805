/*
 * overflow.h
 *		The timestamp range of PostgreSQL and checked int64 arithmetic for
 *		the pure-C maths (no postgres.h). The glue checks the same range
 *		with IS_VALID_TIMESTAMP and pg_add_s64_overflow (src/pg/tq_time.c,
 *		which asserts at compile time that the constants below equal
 *		MIN_TIMESTAMP and END_TIMESTAMP).
 *
 * Two valid timestamps can be further apart than an int64 holds: the range
 * spans 4714 BC to 294276 AD, about 9.4e18 microseconds, and INT64_MAX is
 * 9.2e18. So every difference of two timestamps goes through tq_span().
 */
#ifndef THERMALIQ_OVERFLOW_H
#define THERMALIQ_OVERFLOW_H

#include <stdint.h>

/* Microseconds since 2000-01-01 of 4714-11-24 BC 00:00 UTC (MIN_TIMESTAMP) */
#define TQ_TS_MIN	INT64_C(-211813488000000000)
/* Microseconds since 2000-01-01 of 294277-01-01 00:00 UTC (END_TIMESTAMP, excluded) */
#define TQ_TS_END	INT64_C(9223371331200000000)

/* True when ts is a finite timestamp PostgreSQL can represent */
static inline int
tq_ts_is_valid(int64_t ts)
{
	return ts >= TQ_TS_MIN && ts < TQ_TS_END;
}

/* *r = a + b; true (and *r unspecified) on overflow */
static inline int
tq_add_overflow(int64_t a, int64_t b, int64_t *r)
{
	return __builtin_add_overflow(a, b, r);
}

/* *r = a - b; true (and *r unspecified) on overflow */
static inline int
tq_sub_overflow(int64_t a, int64_t b, int64_t *r)
{
	return __builtin_sub_overflow(a, b, r);
}

/* *r = a * b; true (and *r unspecified) on overflow */
static inline int
tq_mul_overflow(int64_t a, int64_t b, int64_t *r)
{
	return __builtin_mul_overflow(a, b, r);
}

/* *span = to - from in microseconds; false when it does not fit an int64 */
static inline int
tq_span(int64_t from, int64_t to, int64_t *span)
{
	return !tq_sub_overflow(to, from, span);
}

#endif
