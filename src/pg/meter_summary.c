/*
 * meter_summary.c
 *		The thermaliq.meter_summary type (text and binary I/O, equality), the
 *		meter_agg aggregate, delta / reset_count / rollover_count /
 *		rejected_count, and rollup(meter_summary). Rules in math/meter.h.
 *
 * Same scheme as tw_summary.c: in-order input streams in O(1) state, a log
 * of points (tw_log.h, skipped under ORDER BY ts) lets the final function
 * merge late points in and recompute; no COMBINEFUNC. The I/O pieces come
 * from summary_io.c, the aggregate glue from summary_agg.c.
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/timestamp.h"
#include "utils/builtins.h"

#include "math/meter.h"
#include "pg/summary_agg.h"
#include "pg/summary_io.h"
#include "pg/tq_time.h"
#include "pg/tw_log.h"

#define METER_SUMMARY_VERSION 2

/* On-disk / in-memory form of thermaliq.meter_summary (varlena), version 2 */
typedef struct MeterSummaryType
{
	int32		vl_len_;
	uint8		version;
	uint8		pad[3];
	MeterSummary s;
} MeterSummaryType;

/*
 * Version 1 (thermaliq 1.0), still read from stored values, text and
 * binary input: no step-back tolerance (every drop a reset or rollover),
 * so the register is the last reading.
 */
typedef struct MeterSummaryV1
{
	int32_t		has_rollover;
	int32_t		has_max_rate;
	double		rollover;
	double		max_rate;
	int64_t		first_ts;
	int64_t		last_ts;
	double		first_val;
	double		last_val;
	double		delta;
	int64_t		sample_count;
	int64_t		reset_count;
	int64_t		rollover_count;
	int64_t		rejected_count;
} MeterSummaryV1;

typedef struct MeterSummaryTypeV1
{
	int32		vl_len_;
	uint8		version;
	uint8		pad[3];
	MeterSummaryV1 s;
} MeterSummaryTypeV1;

#define PG_GETARG_METERSUMMARY_P(n) ((MeterSummaryType *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Transition state of meter_agg */
typedef struct MeterAggState
{
	MeterStream st;
	bool		ordered_call;
	TwPointLog	log;
} MeterAggState;


PG_FUNCTION_INFO_V1(meter_summary_in);
PG_FUNCTION_INFO_V1(meter_summary_out);
PG_FUNCTION_INFO_V1(meter_summary_recv);
PG_FUNCTION_INFO_V1(meter_summary_send);
PG_FUNCTION_INFO_V1(meter_summary_eq);
PG_FUNCTION_INFO_V1(meter_summary_ne);
PG_FUNCTION_INFO_V1(meter_agg_trans);
PG_FUNCTION_INFO_V1(meter_agg_final);
PG_FUNCTION_INFO_V1(meter_rollup_trans);
PG_FUNCTION_INFO_V1(meter_rollup_final);
PG_FUNCTION_INFO_V1(delta);
PG_FUNCTION_INFO_V1(reset_count);
PG_FUNCTION_INFO_V1(rollover_count);
PG_FUNCTION_INFO_V1(rejected_count);

/* Names of the head_break values in the text form */
static const char *const head_break_names[] = {"none", NULL, "reset", "rollover", "rejected"};

/* A version 1 summary as version 2 (step-back 0: register = last reading) */
static void
MeterSummaryFromV1(const MeterSummaryV1 *v, MeterSummary *s)
{
	memset(s, 0, sizeof(*s));
	s->p.has_rollover = v->has_rollover;
	s->p.rollover = v->rollover;
	s->p.has_max_rate = v->has_max_rate;
	s->p.max_rate = v->max_rate;
	s->p.stepback = 0.0;
	s->first_ts = v->first_ts;
	s->last_ts = v->last_ts;
	s->first_val = v->first_val;
	s->last_val = v->last_val;
	s->delta = v->delta;
	s->reg = v->last_val;
	/* with step-back 0 rollup() never re-evaluates a head: any value serves */
	s->head_max = v->last_val;
	s->head_break = (v->reset_count + v->rollover_count + v->rejected_count) > 0 ?
		METER_RESET : METER_RISE;
	s->sample_count = v->sample_count;
	s->reset_count = v->reset_count;
	s->rollover_count = v->rollover_count;
	s->rejected_count = v->rejected_count;
}

/*
 * Checks the relations between the fields of a summary read from outside
 * (each field was checked on its own when read): what meter_agg can
 * produce, so that no count of it or of a rollup() overflows.
 */
static void
MeterSummaryValidate(const SummaryInput *in, const MeterSummary *s)
{
	int64		span;
	int64		steps;
	int64		classified;

	if (s->p.has_rollover && !(s->p.rollover > 0))
		summary_invalid(in, "rollover", gettext_noop("rollover is \"none\" or a positive number."));
	if (s->p.has_max_rate && !(s->p.max_rate > 0))
		summary_invalid(in, "max_rate", gettext_noop("max_rate is \"none\" or a positive number."));
	if (!(s->p.stepback >= 0.0 && s->p.stepback < 1.0))
		summary_invalid(in, "stepback", gettext_noop("stepback is at least 0 and below 1."));
	if (s->first_ts > s->last_ts)
		summary_invalid(in, "first_time, last_time",
						gettext_noop("first_time is after last_time."));
	if (!tq_span(s->first_ts, s->last_ts, &span))
		summary_invalid(in, "first_time, last_time",
						gettext_noop("The time range is longer than 2^63 microseconds."));
	if (s->reg < s->last_val || (s->p.stepback == 0.0 && s->reg != s->last_val))
		summary_invalid(in, "register", gettext_noop("The register is below the last reading."));
	if (s->head_break < METER_RISE || s->head_break > METER_REJECTED ||
		s->head_break == METER_STEPBACK)
		summary_invalid(in, "head_break", gettext_noop("head_break is none, reset, rollover or rejected."));
	if (s->sample_count < 1)
		summary_invalid(in, "samples", gettext_noop("A summary holds at least one sample."));
	if ((s->sample_count == 1) != (span == 0))
		summary_invalid(in, "samples",
						gettext_noop("One sample means first_time equals last_time, and only then."));
	if (s->sample_count - 1 > span)
		summary_invalid(in, "samples",
						gettext_noop("Samples have distinct timestamps: there are more than the time range holds."));
	steps = s->sample_count - 1;
	/* each count alone first, so that their sum below cannot overflow */
	if (s->reset_count > steps)
		summary_invalid(in, "resets", gettext_noop("There are more resets than steps between samples."));
	if (s->rollover_count > steps)
		summary_invalid(in, "rollovers", gettext_noop("There are more rollovers than steps between samples."));
	if (s->rejected_count > steps)
		summary_invalid(in, "rejected", gettext_noop("There are more rejected steps than steps between samples."));
	if (pg_add_s64_overflow(s->reset_count, s->rollover_count, &classified) ||
		pg_add_s64_overflow(classified, s->rejected_count, &classified) ||
		classified > steps)
		summary_invalid(in, "resets, rollovers, rejected",
						gettext_noop("There are more resets, rollovers and rejections than steps between samples."));
	if (!s->p.has_rollover && s->rollover_count != 0)
		summary_invalid(in, "rollovers", gettext_noop("Without rollover there are no rollovers."));
	if (!s->p.has_max_rate && s->rejected_count != 0)
		summary_invalid(in, "rejected", gettext_noop("Without max_rate no step is rejected."));
	if ((s->head_break == METER_RISE) != (classified == 0))
		summary_invalid(in, "head_break", gettext_noop("head_break disagrees with the counts."));
}

/* Wraps a MeterSummary into a new varlena */
static MeterSummaryType *
MeterSummaryMake(const MeterSummary *s)
{
	MeterSummaryType *r = palloc0(sizeof(MeterSummaryType));

	SET_VARSIZE(r, sizeof(MeterSummaryType));
	r->version = METER_SUMMARY_VERSION;
	r->s = *s;
	r->s.pad = 0;
	if (!r->s.p.has_rollover)
		r->s.p.rollover = 0.0;
	if (!r->s.p.has_max_rate)
		r->s.p.max_rate = 0.0;
	return r;
}

/* Reads a stored value, checking its version; version 1 is converted */
static const MeterSummary *
MeterSummaryGet(MeterSummaryType *t)
{
	if (VARSIZE(t) == sizeof(MeterSummaryType) && t->version == METER_SUMMARY_VERSION)
		return &t->s;
	if (VARSIZE(t) == sizeof(MeterSummaryTypeV1) && t->version == 1)
	{
		MeterSummary *s = palloc(sizeof(MeterSummary));

		MeterSummaryFromV1(&((MeterSummaryTypeV1 *) t)->s, s);
		return s;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported meter_summary version %d or size %d",
					(int) t->version, (int) VARSIZE(t))));
	return NULL;				/* keep the compiler quiet */
}

/* Parses "none" or a finite number */
static void
ParseOptional(SummaryInput *in, const char *key, int32_t *has, double *v)
{
	if (summary_text_is_none(in, key))
	{
		*has = 0;
		*v = 0.0;
	}
	else
	{
		*has = 1;
		*v = summary_parse_float(in, key);
	}
}

/* Text input: version 2, or version 1 as thermaliq 1.0 printed it */
Datum
meter_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SummaryInput in;
	MeterSummary s;
	int64		version;

	memset(&s, 0, sizeof(s));
	summary_text_begin(&in, "meter_summary", str);
	version = summary_parse_count(&in, "version");
	if (version != 1 && version != METER_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported meter_summary version in \"%s\"", str),
				 errdetail("This version of thermaliq reads versions 1 and %d.", METER_SUMMARY_VERSION)));
	ParseOptional(&in, "rollover", &s.p.has_rollover, &s.p.rollover);
	ParseOptional(&in, "max_rate", &s.p.has_max_rate, &s.p.max_rate);
	if (version >= 2)
		s.p.stepback = summary_parse_float(&in, "stepback");
	s.first_ts = summary_parse_ts(&in, "first_time");
	s.first_val = summary_parse_float(&in, "first_val");
	s.last_ts = summary_parse_ts(&in, "last_time");
	s.last_val = summary_parse_float(&in, "last_val");
	s.delta = summary_parse_float(&in, "delta");
	if (version >= 2)
	{
		char	   *hb;
		int			k;

		s.reg = summary_parse_float(&in, "register");
		s.head_max = summary_parse_float(&in, "head_max");
		hb = summary_text_field(&in, "head_break");
		s.head_break = -1;
		for (k = 0; k < lengthof(head_break_names); k++)
			if (head_break_names[k] && strcmp(hb, head_break_names[k]) == 0)
				s.head_break = k;
		if (s.head_break < 0)
			summary_invalid(&in, "head_break",
							gettext_noop("head_break is none, reset, rollover or rejected."));
	}
	s.sample_count = summary_parse_count(&in, "samples");
	s.reset_count = summary_parse_count(&in, "resets");
	s.rollover_count = summary_parse_count(&in, "rollovers");
	s.rejected_count = summary_parse_count(&in, "rejected");
	summary_text_end(&in);
	if (version == 1)
	{
		MeterSummaryV1 v = {s.p.has_rollover, s.p.has_max_rate, s.p.rollover, s.p.max_rate,
			s.first_ts, s.last_ts, s.first_val, s.last_val, s.delta,
		s.sample_count, s.reset_count, s.rollover_count, s.rejected_count};

		MeterSummaryFromV1(&v, &s);
	}
	MeterSummaryValidate(&in, &s);
	PG_RETURN_POINTER(MeterSummaryMake(&s));
}

/* Text output */
Datum
meter_summary_out(PG_FUNCTION_ARGS)
{
	const MeterSummary *s = MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(version:%d", METER_SUMMARY_VERSION);
	if (s->p.has_rollover)
		summary_append_float(&buf, "rollover", s->p.rollover);
	else
		appendStringInfoString(&buf, ",rollover:none");
	if (s->p.has_max_rate)
		summary_append_float(&buf, "max_rate", s->p.max_rate);
	else
		appendStringInfoString(&buf, ",max_rate:none");
	summary_append_float(&buf, "stepback", s->p.stepback);
	summary_append_ts(&buf, "first_time", s->first_ts);
	summary_append_float(&buf, "first_val", s->first_val);
	summary_append_ts(&buf, "last_time", s->last_ts);
	summary_append_float(&buf, "last_val", s->last_val);
	summary_append_float(&buf, "delta", s->delta);
	summary_append_float(&buf, "register", s->reg);
	summary_append_float(&buf, "head_max", s->head_max);
	appendStringInfo(&buf, ",head_break:%s", head_break_names[s->head_break]);
	summary_append_count(&buf, "samples", s->sample_count);
	summary_append_count(&buf, "resets", s->reset_count);
	summary_append_count(&buf, "rollovers", s->rollover_count);
	summary_append_count(&buf, "rejected", s->rejected_count);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary input: version byte, flag bytes, then the fields in order
 * (version 2 adds stepback after max_rate and register, head_max and the
 * head_break byte after delta; version 1 is read as thermaliq 1.0 sent it)
 */
Datum
meter_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SummaryInput in;
	MeterSummary s;
	int			version;

	memset(&s, 0, sizeof(s));
	version = summary_recv_begin(&in, "meter_summary", buf, 1, METER_SUMMARY_VERSION);
	s.p.has_rollover = pq_getmsgbyte(buf);
	if (s.p.has_rollover != 0 && s.p.has_rollover != 1)
		summary_invalid(&in, "rollover", gettext_noop("The rollover flag must be 0 or 1."));
	s.p.has_max_rate = pq_getmsgbyte(buf);
	if (s.p.has_max_rate != 0 && s.p.has_max_rate != 1)
		summary_invalid(&in, "max_rate", gettext_noop("The max_rate flag must be 0 or 1."));
	s.p.rollover = summary_recv_float(&in, "rollover");
	s.p.max_rate = summary_recv_float(&in, "max_rate");
	if (version >= 2)
		s.p.stepback = summary_recv_float(&in, "stepback");
	s.first_ts = summary_recv_ts(&in, "first_time");
	s.first_val = summary_recv_float(&in, "first_val");
	s.last_ts = summary_recv_ts(&in, "last_time");
	s.last_val = summary_recv_float(&in, "last_val");
	s.delta = summary_recv_float(&in, "delta");
	if (version >= 2)
	{
		s.reg = summary_recv_float(&in, "register");
		s.head_max = summary_recv_float(&in, "head_max");
		s.head_break = pq_getmsgbyte(buf);
	}
	s.sample_count = summary_recv_count(&in, "samples");
	s.reset_count = summary_recv_count(&in, "resets");
	s.rollover_count = summary_recv_count(&in, "rollovers");
	s.rejected_count = summary_recv_count(&in, "rejected");
	summary_recv_end(&in);
	if (version == 1)
	{
		MeterSummaryV1 v = {s.p.has_rollover, s.p.has_max_rate, s.p.rollover, s.p.max_rate,
			s.first_ts, s.last_ts, s.first_val, s.last_val, s.delta,
		s.sample_count, s.reset_count, s.rollover_count, s.rejected_count};

		MeterSummaryFromV1(&v, &s);
	}
	MeterSummaryValidate(&in, &s);
	PG_RETURN_POINTER(MeterSummaryMake(&s));
}

/* Binary output */
Datum
meter_summary_send(PG_FUNCTION_ARGS)
{
	const MeterSummary *s = MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, METER_SUMMARY_VERSION);
	pq_sendbyte(&buf, (uint8) s->p.has_rollover);
	pq_sendbyte(&buf, (uint8) s->p.has_max_rate);
	pq_sendfloat8(&buf, s->p.rollover);
	pq_sendfloat8(&buf, s->p.max_rate);
	pq_sendfloat8(&buf, s->p.stepback);
	pq_sendint64(&buf, s->first_ts);
	pq_sendfloat8(&buf, s->first_val);
	pq_sendint64(&buf, s->last_ts);
	pq_sendfloat8(&buf, s->last_val);
	pq_sendfloat8(&buf, s->delta);
	pq_sendfloat8(&buf, s->reg);
	pq_sendfloat8(&buf, s->head_max);
	pq_sendbyte(&buf, (uint8) s->head_break);
	pq_sendint64(&buf, s->sample_count);
	pq_sendint64(&buf, s->reset_count);
	pq_sendint64(&buf, s->rollover_count);
	pq_sendint64(&buf, s->rejected_count);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Field-by-field equality */
static bool
MeterSummaryEqual(const MeterSummary *a, const MeterSummary *b)
{
	return meter_params_equal(&a->p, &b->p) &&
		a->first_ts == b->first_ts && a->last_ts == b->last_ts &&
		a->first_val == b->first_val && a->last_val == b->last_val &&
		a->delta == b->delta && a->reg == b->reg && a->head_max == b->head_max &&
		a->head_break == b->head_break && a->sample_count == b->sample_count &&
		a->reset_count == b->reset_count && a->rollover_count == b->rollover_count &&
		a->rejected_count == b->rejected_count;
}

/* Operator = */
Datum
meter_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(MeterSummaryEqual(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0)),
									 MeterSummaryGet(PG_GETARG_METERSUMMARY_P(1))));
}

/* Operator <> */
Datum
meter_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!MeterSummaryEqual(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0)),
									  MeterSummaryGet(PG_GETARG_METERSUMMARY_P(1))));
}

/* Reads an optional positive finite parameter (NULL = not given) */
static bool
PositiveArg(FunctionCallInfo fcinfo, int argno, const char *name, double *v)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return false;
	*v = PG_GETARG_FLOAT8(argno);
	if (!isfinite(*v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("meter_agg %s must be a positive finite number", name),
				 errhint("Pass NULL to disable it.")));
	if (*v <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("meter_agg %s must be a positive finite number", name),
				 errhint("Pass NULL to disable it.")));
	return true;
}

/*
 * The parameters of a meter_agg call: rollover and max_rate (NULL = off,
 * else positive and finite) and the step-back tolerance (NULL or absent =
 * the default 0.01, else 0 <= tolerance < 1)
 */
static void
MeterArgs(FunctionCallInfo fcinfo, MeterParams *mp)
{
	double		rollover = 0,
				max_rate = 0;

	meter_params_default(mp);
	mp->has_rollover = PositiveArg(fcinfo, 3, "rollover", &rollover);
	mp->rollover = rollover;
	mp->has_max_rate = PositiveArg(fcinfo, 4, "max_rate", &max_rate);
	mp->max_rate = max_rate;
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
	{
		double		tol = PG_GETARG_FLOAT8(5);

		if (!(tol >= 0.0 && tol < 1.0))
			ereport(ERROR,
					(errcode(isnan(tol) ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("meter_agg stepback_tolerance must be at least 0 and below 1"),
					 errdetail("It is a fraction of the previous reading; 0 makes every drop a reset."),
					 errhint("Pass NULL for the default 0.01.")));
		mp->stepback = tol;
	}
}

/* meter_agg(ts, reading [, rollover, max_rate [, stepback_tolerance]]) transition */
Datum
meter_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	MeterAggState *state;
	TimestampTz ts;
	double		val;
	MeterError	rc;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("meter_agg_trans called in non-aggregate context")));
	state = PG_ARGISNULL(0) ? NULL : (MeterAggState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	val = PG_GETARG_FLOAT8(2);
	summary_check_point(ts, val, "meter_agg");

	if (state == NULL)
	{
		MeterParams mp;

		MeterArgs(fcinfo, &mp);
		state = MemoryContextAllocZero(aggctx, sizeof(MeterAggState));
		meter_stream_init(&state->st, &mp);
		state->ordered_call = summary_input_is_ordered(fcinfo);
		if (!state->ordered_call)
			tw_log_init(&state->log, aggctx);
	}
	else if (PG_NARGS() > 3)
	{
		MeterParams mp;

		MeterArgs(fcinfo, &mp);
		if (!meter_params_equal(&mp, &state->st.p))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("meter_agg rollover, max_rate and stepback_tolerance must be the same for all rows of a group")));
	}

	rc = meter_stream_add(&state->st, ts, val);
	if (unlikely(rc == METER_ERR_TOO_LONG))
		tq_span_error("meter_agg", state->st.run.first.ts, ts);
	tw_log_keep(&state->log, state->ordered_call, rc == METER_OK, ts, val, "meter_agg");
	PG_RETURN_POINTER(state);
}

/* 22003: the delta of a summary does not fit a float8 */
static void pg_attribute_noreturn()
DeltaOverflow(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s delta is out of range", what),
			 errdetail("The consumption exceeds the float8 range of about 1.8e308.")));
}

/* meter_agg final: the stream's summary, rebuilt from the log after late points */
Datum
meter_agg_final(PG_FUNCTION_ARGS)
{
	MeterAggState *state;
	MeterSummary s;

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("meter_agg_final called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (MeterAggState *) PG_GETARG_POINTER(0);
	if (!state->ordered_call && tw_log_needs_merge(&state->log))
	{
		TwLogMerge	m;
		TwPoint		p;

		MeterParams mp = state->st.p;

		meter_stream_init(&state->st, &mp);
		tw_log_merge_begin(&state->log, &m);
		while (tw_log_merge_next(&m, &p))
			if (meter_stream_add(&state->st, p.ts, p.val) == METER_ERR_TOO_LONG)
				tq_span_error("meter_agg", state->st.run.first.ts, p.ts);
		tw_log_merge_end(&state->log, &m);
	}
	if (state->st.run.npoints == 0)
		PG_RETURN_NULL();
	if (meter_stream_summary(&state->st, &s) != METER_OK)
		DeltaOverflow("meter_agg");
	PG_RETURN_POINTER(MeterSummaryMake(&s));
}

/* rollup(meter_summary) transition: collects the summaries */
Datum
meter_rollup_trans(PG_FUNCTION_ARGS)
{
	return summary_rollup_collect(fcinfo,
							 PG_ARGISNULL(1) ? NULL : MeterSummaryGet(PG_GETARG_METERSUMMARY_P(1)),
							 sizeof(MeterSummary));
}

/* Order of summaries for rollup: first_time, then last_time */
static int
MeterSummaryCmp(const void *a, const void *b)
{
	const MeterSummary *x = (const MeterSummary *) a;
	const MeterSummary *y = (const MeterSummary *) b;

	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	if (x->last_ts != y->last_ts)
		return x->last_ts < y->last_ts ? -1 : 1;
	return 0;
}

/* Sorts a copy of the collected summaries and stitches them */
Datum
meter_rollup_final(PG_FUNCTION_ARGS)
{
	MeterSummary *items;
	MeterSummary acc;
	int64		n = 0;
	int64		i;

	items = summary_rollup_sorted(fcinfo, &n, MeterSummaryCmp);
	if (items == NULL)
		PG_RETURN_NULL();
	acc = items[0];
	for (i = 1; i < n; i++)
	{
		MeterSummary next;

		CHECK_FOR_INTERRUPTS();
		switch (meter_summary_stitch(&acc, &items[i], &next))
		{
			case METER_OK:
				break;
			case METER_ERR_TOO_LONG:
				tq_span_error("rollup(meter_summary)", acc.first_ts, items[i].last_ts);
				break;
			case METER_ERR_NOT_FINITE:
				DeltaOverflow("rollup(meter_summary)");
				break;
			case METER_ERR_OVERLAP:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of meter_summary values with overlapping time ranges"),
						 errdetail("Summary %s overlaps summary %s.",
								   tq_range_text(acc.first_ts, acc.last_ts),
								   tq_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("rollup() stitches summaries of adjacent, non-overlapping ranges; "
								 "aggregate the readings with meter_agg() again or remove the duplicate summaries.")));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of meter_summary values with different rollover, max_rate or stepback"),
						 errdetail("Summary %s and summary %s were built with different parameters.",
								   tq_range_text(acc.first_ts, acc.last_ts),
								   tq_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("Roll up summaries built with the same rollover, max_rate and stepback_tolerance only.")));
		}
		acc = next;
	}
	pfree(items);
	PG_RETURN_POINTER(MeterSummaryMake(&acc));
}

/* delta(s): consumption over the range */
Datum
delta(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0))->delta);
}

/* reset_count(s): drops treated as resets */
Datum
reset_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0))->reset_count);
}

/* rollover_count(s): drops treated as wrap-arounds */
Datum
rollover_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0))->rollover_count);
}

/* rejected_count(s): steps rejected as implausible (above max_rate) */
Datum
rejected_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(MeterSummaryGet(PG_GETARG_METERSUMMARY_P(0))->rejected_count);
}
