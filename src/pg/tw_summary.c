/*
 * tw_summary.c
 *		The thermaliq.tw_summary type (text and binary I/O, equality), the
 *		time_weight aggregate, its accessors (integral, average, coverage,
 *		...) and rollup(tw_summary). The maths lives in math/timeweight.c,
 *		the I/O pieces shared with meter_summary in summary_io.c, the
 *		aggregate glue they share in summary_agg.c and tw_log.c.
 *
 * time_weight integrates in-order input on the fly (TwStream). Unless the
 * call has ORDER BY ts (then the input is sorted by the executor and the
 * state stays O(1)), every point is also kept in a log (tw_log.h): points
 * that arrive behind the stream are set aside, and the final function
 * merges them into the sorted rest and integrates again, so the result is
 * bit-identical whatever the order.
 * There is no COMBINEFUNC: partial states of one group could cover
 * overlapping ranges (parallel workers, partitionwise aggregation with a
 * DEFAULT partition) and could not be combined exactly.
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "math/timeweight.h"
#include "pg/summary_agg.h"
#include "pg/summary_io.h"
#include "pg/tq_time.h"
#include "pg/tw_log.h"

#define TW_SUMMARY_VERSION 1

/* On-disk / in-memory form of thermaliq.tw_summary (varlena) */
typedef struct TwSummaryType
{
	int32		vl_len_;
	uint8		version;
	uint8		pad[3];
	TwSummary	s;
} TwSummaryType;

#define DatumGetTwSummaryP(d) ((TwSummaryType *) PG_DETOAST_DATUM(d))
#define PG_GETARG_TWSUMMARY_P(n) DatumGetTwSummaryP(PG_GETARG_DATUM(n))

/* Transition state of time_weight */
typedef struct TwAggState
{
	TwStream	st;
	bool		ordered_call;	/* ORDER BY ts: no log needed */
	bool		method_const;	/* the method argument is a constant */
	bool		gap_const;		/* the max_gap argument is a constant */
	TwPointLog	log;
} TwAggState;

PG_FUNCTION_INFO_V1(tw_summary_in);
PG_FUNCTION_INFO_V1(tw_summary_out);
PG_FUNCTION_INFO_V1(tw_summary_recv);
PG_FUNCTION_INFO_V1(tw_summary_send);
PG_FUNCTION_INFO_V1(tw_summary_eq);
PG_FUNCTION_INFO_V1(tw_summary_ne);
PG_FUNCTION_INFO_V1(time_weight_trans);
PG_FUNCTION_INFO_V1(time_weight_final);
PG_FUNCTION_INFO_V1(tw_rollup_trans);
PG_FUNCTION_INFO_V1(tw_rollup_final);
PG_FUNCTION_INFO_V1(integral);
PG_FUNCTION_INFO_V1(average);
PG_FUNCTION_INFO_V1(coverage);
PG_FUNCTION_INFO_V1(gap_count);
PG_FUNCTION_INFO_V1(sample_count);
PG_FUNCTION_INFO_V1(first_time);
PG_FUNCTION_INFO_V1(last_time);
PG_FUNCTION_INFO_V1(first_val);
PG_FUNCTION_INFO_V1(last_val);

/* ---------------------------------------------------------------------
 * The type
 * ---------------------------------------------------------------------
 */

/*
 * Checks the relations between the fields of a summary read from outside
 * (each field was checked on its own when read): what time_weight can
 * produce and nothing else, so that every accessor and rollup() of it
 * stays inside the ranges of its result types.
 */
static void
TwSummaryValidate(const SummaryInput *in, const TwSummary *s)
{
	int64		span;
	int64		segments;
	int64		most;

	if (s->first_ts > s->last_ts)
		summary_invalid(in, "first_time, last_time",
						gettext_noop("first_time is after last_time."));
	if (!tq_span(s->first_ts, s->last_ts, &span))
		summary_invalid(in, "first_time, last_time",
						gettext_noop("The time range is longer than 2^63 microseconds."));
	if (s->sample_count < 1)
		summary_invalid(in, "samples", gettext_noop("A summary holds at least one sample."));
	if ((s->sample_count == 1) != (span == 0))
		summary_invalid(in, "samples",
						gettext_noop("One sample means first_time equals last_time, and only then."));
	if (s->sample_count - 1 > span)
		summary_invalid(in, "samples",
						gettext_noop("Samples have distinct timestamps: there are more than the time range holds."));
	segments = s->sample_count - 1;
	if (s->gap_count > segments)
		summary_invalid(in, "gaps", gettext_noop("There are more gaps than segments between samples."));
	if (s->covered > span)
		summary_invalid(in, "covered", gettext_noop("The covered time is longer than the time range."));
	if (s->max_gap == 0)
	{
		if (s->gap_count != 0)
			summary_invalid(in, "gaps", gettext_noop("Without max_gap there are no gaps."));
		if (s->covered != span)
			summary_invalid(in, "covered",
							gettext_noop("Without max_gap the covered time is the whole time range."));
	}
	else if (!pg_mul_s64_overflow(segments - s->gap_count, s->max_gap, &most) &&
			 s->covered > most)
		summary_invalid(in, "covered",
						gettext_noop("The covered time is longer than its segments of at most max_gap allow."));
}

/* Wraps a TwSummary into a new varlena */
static TwSummaryType *
TwSummaryMake(const TwSummary *s)
{
	TwSummaryType *r = palloc0(sizeof(TwSummaryType));

	SET_VARSIZE(r, sizeof(TwSummaryType));
	r->version = TW_SUMMARY_VERSION;
	r->s = *s;
	r->s.reserved = 0;
	return r;
}

/* Reads a stored value, checking its version */
static const TwSummary *
TwSummaryGet(TwSummaryType *t)
{
	if (VARSIZE(t) != sizeof(TwSummaryType) || t->version != TW_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported tw_summary version %d or size %d",
						(int) t->version, (int) VARSIZE(t))));
	return &t->s;
}

/* Text input: (version:1,method:...,max_gap:...,first_time:...,...) */
Datum
tw_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SummaryInput in;
	TwSummary	s;
	char	   *v;

	memset(&s, 0, sizeof(s));
	summary_text_begin(&in, "tw_summary", str);
	if (summary_parse_count(&in, "version") != TW_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported tw_summary version in \"%s\"", str),
				 errdetail("This version of thermaliq reads version %d.", TW_SUMMARY_VERSION)));
	v = summary_text_field(&in, "method");
	s.method = tw_method_from_name(v);
	if (s.method == 0)
		summary_invalid(&in, "method", gettext_noop("Method must be \"linear\" or \"locf\"."));
	if (summary_text_is_none(&in, "max_gap"))
		s.max_gap = 0;
	else
	{
		s.max_gap = summary_parse_secs(&in, "max_gap");
		if (s.max_gap == 0)
			summary_invalid(&in, "max_gap", gettext_noop("max_gap is \"none\" or a positive number of seconds."));
	}
	s.first_ts = summary_parse_ts(&in, "first_time");
	s.first_val = summary_parse_float(&in, "first_val");
	s.last_ts = summary_parse_ts(&in, "last_time");
	s.last_val = summary_parse_float(&in, "last_val");
	s.integral = summary_parse_float(&in, "integral");
	s.covered = summary_parse_secs(&in, "covered");
	s.sample_count = summary_parse_count(&in, "samples");
	s.gap_count = summary_parse_count(&in, "gaps");
	summary_text_end(&in);
	TwSummaryValidate(&in, &s);
	PG_RETURN_POINTER(TwSummaryMake(&s));
}

/* Text output; integral in value x seconds, durations in seconds */
Datum
tw_summary_out(PG_FUNCTION_ARGS)
{
	const TwSummary *s = TwSummaryGet(PG_GETARG_TWSUMMARY_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(version:%d,method:%s", TW_SUMMARY_VERSION,
					 tw_method_name((TwMethod) s->method));
	if (s->max_gap > 0)
		summary_append_secs(&buf, "max_gap", s->max_gap);
	else
		appendStringInfoString(&buf, ",max_gap:none");
	summary_append_ts(&buf, "first_time", s->first_ts);
	summary_append_float(&buf, "first_val", s->first_val);
	summary_append_ts(&buf, "last_time", s->last_ts);
	summary_append_float(&buf, "last_val", s->last_val);
	summary_append_float(&buf, "integral", s->integral);
	summary_append_secs(&buf, "covered", s->covered);
	summary_append_count(&buf, "samples", s->sample_count);
	summary_append_count(&buf, "gaps", s->gap_count);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

/* Binary input: version byte, method byte, then the fields in order */
Datum
tw_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SummaryInput in;
	TwSummary	s;

	memset(&s, 0, sizeof(s));
	(void) summary_recv_begin(&in, "tw_summary", buf, TW_SUMMARY_VERSION, TW_SUMMARY_VERSION);
	s.method = pq_getmsgbyte(buf);
	if (s.method != TW_LINEAR && s.method != TW_LOCF)
		summary_invalid(&in, "method", gettext_noop("Method must be 1 (linear) or 2 (locf)."));
	s.max_gap = summary_recv_secs(&in, "max_gap");
	s.first_ts = summary_recv_ts(&in, "first_time");
	s.first_val = summary_recv_float(&in, "first_val");
	s.last_ts = summary_recv_ts(&in, "last_time");
	s.last_val = summary_recv_float(&in, "last_val");
	s.integral = summary_recv_float(&in, "integral");
	s.covered = summary_recv_secs(&in, "covered");
	s.sample_count = summary_recv_count(&in, "samples");
	s.gap_count = summary_recv_count(&in, "gaps");
	summary_recv_end(&in);
	TwSummaryValidate(&in, &s);
	PG_RETURN_POINTER(TwSummaryMake(&s));
}

/* Binary output */
Datum
tw_summary_send(PG_FUNCTION_ARGS)
{
	const TwSummary *s = TwSummaryGet(PG_GETARG_TWSUMMARY_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TW_SUMMARY_VERSION);
	pq_sendbyte(&buf, (uint8) s->method);
	pq_sendint64(&buf, s->max_gap);
	pq_sendint64(&buf, s->first_ts);
	pq_sendfloat8(&buf, s->first_val);
	pq_sendint64(&buf, s->last_ts);
	pq_sendfloat8(&buf, s->last_val);
	pq_sendfloat8(&buf, s->integral);
	pq_sendint64(&buf, s->covered);
	pq_sendint64(&buf, s->sample_count);
	pq_sendint64(&buf, s->gap_count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Field-by-field equality */
static bool
TwSummaryEqual(const TwSummary *a, const TwSummary *b)
{
	return a->method == b->method && a->max_gap == b->max_gap &&
		a->first_ts == b->first_ts && a->last_ts == b->last_ts &&
		a->first_val == b->first_val && a->last_val == b->last_val &&
		a->integral == b->integral && a->covered == b->covered &&
		a->sample_count == b->sample_count && a->gap_count == b->gap_count;
}

/* Operator = */
Datum
tw_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(TwSummaryEqual(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0)),
								  TwSummaryGet(PG_GETARG_TWSUMMARY_P(1))));
}

/* Operator <> */
Datum
tw_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!TwSummaryEqual(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0)),
								   TwSummaryGet(PG_GETARG_TWSUMMARY_P(1))));
}

/* ---------------------------------------------------------------------
 * time_weight aggregate
 * ---------------------------------------------------------------------
 */

/* Reads the method argument (NULL = linear) */
static TwMethod
MethodArg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name;
	TwMethod	m;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return TW_LINEAR;
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	m = tw_method_from_name(name);
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown time_weight method \"%s\"", name),
				 errhint("Use 'linear' (trapezoid) or 'locf' (step).")));
	return m;
}

/* Reads the max_gap argument (NULL = no limit) as microseconds */
static int64
MaxGapArg(FunctionCallInfo fcinfo, int argno)
{
	Interval   *iv;
	int64		us;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return 0;
	iv = PG_GETARG_INTERVAL_P(argno);
	if (iv->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap must not contain months or years"),
				 errdetail("A month has no fixed length."),
				 errhint("Express max_gap in days, hours, minutes or seconds.")));
	if (pg_mul_s64_overflow((int64) iv->day, USECS_PER_DAY, &us) ||
		pg_add_s64_overflow(us, iv->time, &us))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("max_gap is out of range")));
	if (us <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap must be positive"),
				 errhint("Pass NULL for no limit.")));
	return us;
}

/* 22003: the integral of a summary does not fit a float8 */
static void pg_attribute_noreturn()
IntegralOverflow(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s integral is out of range", what),
			 errdetail("The integral exceeds the float8 range of about 1.8e308 value x seconds.")));
}

/* time_weight(ts, value [, method [, max_gap]]) transition */
Datum
time_weight_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	TwAggState *state;
	TimestampTz ts;
	double		val;
	TwError		rc;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("time_weight_trans called in non-aggregate context")));
	state = PG_ARGISNULL(0) ? NULL : (TwAggState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	val = PG_GETARG_FLOAT8(2);
	summary_check_point(ts, val, "time_weight");

	if (state == NULL)
	{
		state = MemoryContextAllocZero(aggctx, sizeof(TwAggState));
		tw_stream_init(&state->st, MethodArg(fcinfo, 3), MaxGapArg(fcinfo, 4));
		state->ordered_call = summary_input_is_ordered(fcinfo);
		if (!state->ordered_call)
			tw_log_init(&state->log, aggctx);
		state->method_const = PG_NARGS() <= 3 || summary_arg_is_const(fcinfo, 3);
		state->gap_const = PG_NARGS() <= 4 || summary_arg_is_const(fcinfo, 4);
	}
	else
	{
		/*
		 * Parameters must not change within a group. A constant cannot; any
		 * other argument is compared by value on every row (the datum of a
		 * column may sit at the same address with another value).
		 */
		if (!state->method_const && MethodArg(fcinfo, 3) != state->st.method)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("time_weight method must be the same for all rows of a group")));
		if (!state->gap_const && MaxGapArg(fcinfo, 4) != state->st.max_gap)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("time_weight max_gap must be the same for all rows of a group"),
					 errhint("A group's segments are all measured against one max_gap; compute it per group, not per row.")));
	}

	rc = tw_stream_add(&state->st, ts, val);
	if (unlikely(rc == TW_ERR_TOO_LONG))
		tq_span_error("time_weight", state->st.run.first.ts, ts);
	tw_log_keep(&state->log, state->ordered_call, rc == TW_OK, ts, val, "time_weight");
	PG_RETURN_POINTER(state);
}

/*
 * time_weight final: the stream's summary; after points arrived behind the
 * stream, first rebuilds the stream from the log merged in time order. The
 * log keeps every point, so calling this again, or adding rows after it
 * (window use), stays exact.
 */
Datum
time_weight_final(PG_FUNCTION_ARGS)
{
	TwAggState *state;
	TwSummary	s;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("time_weight_final called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (TwAggState *) PG_GETARG_POINTER(0);
	if (!state->ordered_call && tw_log_needs_merge(&state->log))
	{
		TwLogMerge	m;
		TwPoint		p;

		tw_stream_init(&state->st, (TwMethod) state->st.method, state->st.max_gap);
		tw_log_merge_begin(&state->log, &m);
		while (tw_log_merge_next(&m, &p))
			if (tw_stream_add(&state->st, p.ts, p.val) == TW_ERR_TOO_LONG)
				tq_span_error("time_weight", state->st.run.first.ts, p.ts);
		tw_log_merge_end(&state->log, &m);
	}
	if (state->st.run.npoints == 0)
		PG_RETURN_NULL();
	if (tw_stream_summary(&state->st, &s) != TW_OK)
		IntegralOverflow("time_weight");
	PG_RETURN_POINTER(TwSummaryMake(&s));
}

/* ---------------------------------------------------------------------
 * rollup(tw_summary)
 * ---------------------------------------------------------------------
 */

/* rollup(tw_summary) transition */
Datum
tw_rollup_trans(PG_FUNCTION_ARGS)
{
	return summary_rollup_collect(fcinfo,
							 PG_ARGISNULL(1) ? NULL : TwSummaryGet(PG_GETARG_TWSUMMARY_P(1)),
							 sizeof(TwSummary));
}

/* Order of summaries for rollup: first_time, then last_time */
static int
TwSummaryCmp(const void *a, const void *b)
{
	const TwSummary *x = (const TwSummary *) a;
	const TwSummary *y = (const TwSummary *) b;

	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	if (x->last_ts != y->last_ts)
		return x->last_ts < y->last_ts ? -1 : 1;
	return 0;
}

/* Sorts a copy of the collected summaries and stitches them */
Datum
tw_rollup_final(PG_FUNCTION_ARGS)
{
	TwSummary  *items;
	TwSummary	acc;
	int64		n = 0;
	int64		i;

	items = summary_rollup_sorted(fcinfo, &n, TwSummaryCmp);
	if (items == NULL)
		PG_RETURN_NULL();
	acc = items[0];
	for (i = 1; i < n; i++)
	{
		TwSummary	next;

		CHECK_FOR_INTERRUPTS();
		switch (tw_summary_stitch(&acc, &items[i], &next))
		{
			case TW_OK:
				break;
			case TW_ERR_TOO_LONG:
				tq_span_error("rollup(tw_summary)", acc.first_ts, items[i].last_ts);
				break;
			case TW_ERR_NOT_FINITE:
				IntegralOverflow("rollup(tw_summary)");
				break;
			case TW_ERR_OVERLAP:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with overlapping time ranges"),
						 errdetail("Summary %s overlaps summary %s.",
								   tq_range_text(acc.first_ts, acc.last_ts),
								   tq_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("rollup() stitches summaries of adjacent, non-overlapping ranges; "
								 "aggregate the readings with time_weight() again or remove the duplicate summaries.")));
				break;
			case TW_ERR_METHOD_MISMATCH:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with different methods"),
						 errdetail("Summary %s uses method %s, summary %s uses %s.",
								   tq_range_text(acc.first_ts, acc.last_ts),
								   tw_method_name((TwMethod) acc.method),
								   tq_range_text(items[i].first_ts, items[i].last_ts),
								   tw_method_name((TwMethod) items[i].method)),
						 errhint("Roll up summaries built with the same method only.")));
				break;
			case TW_ERR_MAXGAP_MISMATCH:
			default:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with different max_gap"),
						 errdetail("Summary %s and summary %s were built with different max_gap values.",
								   tq_range_text(acc.first_ts, acc.last_ts),
								   tq_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("Roll up summaries built with the same max_gap only.")));
		}
		acc = next;
	}
	pfree(items);
	PG_RETURN_POINTER(TwSummaryMake(&acc));
}

/* ---------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------
 */

/* integral(s, unit): value x unit, e.g. kW in, kWh out with 'hour' */
Datum
integral(PG_FUNCTION_ARGS)
{
	const TwSummary *s = TwSummaryGet(PG_GETARG_TWSUMMARY_P(0));
	char	   *unit = text_to_cstring(PG_GETARG_TEXT_PP(1));
	double		secs = tw_unit_seconds(unit);
	double		result;

	if (secs == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown integral unit \"%s\"", unit),
				 errhint("Use microsecond, millisecond, second, minute, hour, day (86400 s) or week.")));
	result = s->integral / secs;
	if (!isfinite(result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integral in unit \"%s\" is out of range", unit),
				 errhint("Use a longer unit.")));
	PG_RETURN_FLOAT8(result);
}

/* average(s): time-weighted mean over covered time, NULL if none */
Datum
average(PG_FUNCTION_ARGS)
{
	const TwSummary *s = TwSummaryGet(PG_GETARG_TWSUMMARY_P(0));
	int			ok;
	double		avg = tw_summary_average(s, &ok);

	if (!ok)
		PG_RETURN_NULL();
	if (!isfinite(avg))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("time_weight average is out of range")));
	PG_RETURN_FLOAT8(avg);
}

/* coverage(s): covered time as an interval */
Datum
coverage(PG_FUNCTION_ARGS)
{
	const TwSummary *s = TwSummaryGet(PG_GETARG_TWSUMMARY_P(0));
	Interval   *iv = palloc0(sizeof(Interval));

	iv->time = s->covered;
	PG_RETURN_INTERVAL_P(iv);
}

/* gap_count(s) */
Datum
gap_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->gap_count);
}

/* sample_count(s): distinct timestamps used */
Datum
sample_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->sample_count);
}

/* first_time(s) */
Datum
first_time(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->first_ts);
}

/* last_time(s) */
Datum
last_time(PG_FUNCTION_ARGS)
{
	PG_RETURN_TIMESTAMPTZ(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->last_ts);
}

/* first_val(s) */
Datum
first_val(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->first_val);
}

/* last_val(s) */
Datum
last_val(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(TwSummaryGet(PG_GETARG_TWSUMMARY_P(0))->last_val);
}
