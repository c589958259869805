/*
 * time_bucket.c
 *		thermaliq.time_bucket(interval, timestamptz): the start of the
 *		bucket of a given width that holds a timestamp, computed in UTC.
 *
 * It does not read TimeZone (unlike date_trunc(text, timestamptz), which is
 * STABLE for that reason), so it is IMMUTABLE and postgres_fdw ships it to
 * the shards inside a GROUP BY (API.md section 8). Buckets are aligned on
 * 2000-01-03 00:00 UTC, a Monday (the convention of TimescaleDB's
 * time_bucket), so '1 day' buckets start at midnight UTC and '7 days' on
 * Mondays. A width must be a fixed length: days count as 24 hours, months
 * are refused (their length depends on the calendar).
 */
#include "postgres.h"

#include "common/int.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(time_bucket);

/* 2000-01-03 00:00 UTC in microseconds from the PostgreSQL epoch */
#define TQ_BUCKET_ORIGIN (INT64CONST(2) * USECS_PER_DAY)

/* time_bucket(p_width interval, p_ts timestamptz) */
Datum
time_bucket(PG_FUNCTION_ARGS)
{
	Interval   *width = PG_GETARG_INTERVAL_P(0);
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(1);
	int64		w;
	int64		d;
	int64		q;
	TimestampTz result;

	if (width->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time_bucket width must not contain months or years"),
				 errhint("Use a fixed width such as '1 hour', '1 day' or '7 days'.")));
	if (pg_mul_s64_overflow((int64) width->day, USECS_PER_DAY, &w) ||
		pg_add_s64_overflow(w, width->time, &w) || w <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time_bucket width must be positive")));
	if (TIMESTAMP_NOT_FINITE(ts))
		PG_RETURN_TIMESTAMPTZ(ts);
	d = ts - TQ_BUCKET_ORIGIN;
	q = d / w;
	if (d % w < 0)
		q--;
	if (pg_mul_s64_overflow(q, w, &result) ||
		pg_add_s64_overflow(result, TQ_BUCKET_ORIGIN, &result) ||
		!IS_VALID_TIMESTAMP(result))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	PG_RETURN_TIMESTAMPTZ(result);
}
