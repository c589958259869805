/*
 * tq_time.c
 *		Timestamp range and overflow checks shared by the aggregates, the
 *		summary types and the plant calculations. See tq_time.h.
 */
#include "postgres.h"

#include "common/int.h"
#include "utils/timestamp.h"

#include "math/overflow.h"
#include "pg/tq_time.h"

StaticAssertDecl(TQ_TS_MIN == MIN_TIMESTAMP, "math/overflow.h TQ_TS_MIN is MIN_TIMESTAMP");
StaticAssertDecl(TQ_TS_END == END_TIMESTAMP, "math/overflow.h TQ_TS_END is END_TIMESTAMP");

/* Checks that ts is a finite, representable timestamp */
void
tq_check_timestamp(TimestampTz ts, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be a finite timestamp", what),
				 errhint("Filter out rows with timestamp 'infinity' or '-infinity'.")));
	if (!IS_VALID_TIMESTAMP(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is out of the timestamp range", what),
				 errdetail("Timestamps lie between 4714-11-24 BC and 294276-12-31 AD.")));
}

/* to - from, checked */
int64
tq_time_span(TimestampTz from, TimestampTz to, const char *what)
{
	int64		span;

	if (pg_sub_s64_overflow(to, from, &span))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s is too long", what),
				 errdetail("A time range must be shorter than 2^63 microseconds (about 292,000 years).")));
	return span;
}

/* ts + us, saturating at the ends of the timestamp range */
TimestampTz
tq_time_add_clamped(TimestampTz ts, int64 us)
{
	TimestampTz r;

	if (pg_add_s64_overflow(ts, us, &r))
		return us > 0 ? END_TIMESTAMP - 1 : MIN_TIMESTAMP;
	if (r < MIN_TIMESTAMP)
		return MIN_TIMESTAMP;
	if (r >= END_TIMESTAMP)
		return END_TIMESTAMP - 1;
	return r;
}

/* The points of an aggregate span too long a time */
void
tq_span_error(const char *aggname, TimestampTz from, TimestampTz to)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("%s input spans too long a time range", aggname),
			 errdetail("The readings from %s to %s are more than 2^63 microseconds (about 292,000 years) apart.",
					   pstrdup(timestamptz_to_str(from)), timestamptz_to_str(to))));
}

/* "[a, b]" in the session time zone */
char *
tq_range_text(TimestampTz a, TimestampTz b)
{
	/* timestamptz_to_str returns a static buffer: copy the first one */
	char	   *sa = pstrdup(timestamptz_to_str(a));

	return psprintf("[%s, %s]", sa, timestamptz_to_str(b));
}
