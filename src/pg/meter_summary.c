/*
 * meter_summary.c
 *		The thermaliq.meter_summary type (text and binary I/O, equality), the
 *		meter_agg aggregate, delta / reset_count / rollover_count /
 *		rejected_count, and rollup(meter_summary). Rules in math/meter.h.
 *
 * Same scheme as tw_summary.c: in-order input streams in O(1) state, a log
 * of points (tw_log.h, skipped under ORDER BY ts) lets the final function
 * merge late points in and recompute; no COMBINEFUNC.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/timestamp.h"
#include "utils/builtins.h"

#include "math/meter.h"
#include "pg/tw_summary.h"

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

/* Checks the invariants of a summary read from outside */
static void
MeterSummaryValidate(const MeterSummary *s, bool binary)
{
	const char *bad = NULL;

	if (s->p.has_rollover != 0 && s->p.has_rollover != 1)
		bad = "bad rollover flag";
	else if (s->p.has_max_rate != 0 && s->p.has_max_rate != 1)
		bad = "bad max_rate flag";
	else if (!isfinite(s->p.rollover) || !isfinite(s->p.max_rate) ||
			 (s->p.has_rollover && s->p.rollover <= 0) || (s->p.has_max_rate && s->p.max_rate <= 0))
		bad = "rollover and max_rate must be positive";
	else if (!(s->p.stepback >= 0.0 && s->p.stepback < 1.0))
		bad = "stepback must be at least 0 and below 1";
	else if (TIMESTAMP_NOT_FINITE(s->first_ts) || TIMESTAMP_NOT_FINITE(s->last_ts))
		bad = "infinite timestamp";
	else if (s->first_ts > s->last_ts)
		bad = "first_time after last_time";
	else if (!isfinite(s->first_val) || !isfinite(s->last_val) || !isfinite(s->delta) ||
			 !isfinite(s->reg) || !isfinite(s->head_max))
		bad = "non-finite value";
	else if (s->reg < s->last_val || (s->p.stepback == 0.0 && s->reg != s->last_val))
		bad = "register below the last reading";
	else if (s->head_break < METER_RISE || s->head_break > METER_REJECTED ||
			 s->head_break == METER_STEPBACK)
		bad = "bad head_break";
	else if (s->sample_count < 1 || s->reset_count < 0 || s->rollover_count < 0 || s->rejected_count < 0)
		bad = "negative or zero count";
	else if ((s->sample_count == 1) != (s->first_ts == s->last_ts))
		bad = "sample_count inconsistent with the time range";
	else if (s->reset_count > s->sample_count - 1 || s->rollover_count > s->sample_count - 1 ||
			 s->rejected_count > s->sample_count - 1 ||
			 s->reset_count + s->rollover_count + s->rejected_count > s->sample_count - 1)
		bad = "more resets, rollovers and rejections than steps";
	else if ((s->head_break == METER_RISE) != (s->reset_count + s->rollover_count + s->rejected_count == 0))
		bad = "head_break inconsistent with the counts";
	if (bad)
		ereport(ERROR,
				(errcode(binary ? ERRCODE_INVALID_BINARY_REPRESENTATION : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid meter_summary %s: %s", binary ? "binary input" : "input", bad)));
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

/* Parses "none" or a positive finite number */
static void
ParseOptional(TwTextCursor *c, const char *key, int32_t *has, double *v)
{
	size_t		klen = strlen(key);

	if (strncmp(c->p, key, klen) == 0 && strncmp(c->p + klen, ":none", 5) == 0 &&
		(c->p[klen + 5] == ',' || c->p[klen + 5] == ')'))
	{
		(void) tw_text_field(c, key);
		*has = 0;
		*v = 0.0;
	}
	else
	{
		*has = 1;
		*v = tw_parse_float(c, key);
	}
}

/* Text input: version 2, or version 1 as thermaliq 1.0 printed it */
Datum
meter_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *copy = palloc(strlen(str) * 2 + 2);
	TwTextCursor c;
	MeterSummary s;
	int64		version;

	strcpy(copy, str);
	memset(&s, 0, sizeof(s));
	tw_text_begin(&c, "meter_summary", copy, str);
	version = tw_parse_int(&c, "version");
	if (version != 1 && version != METER_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported meter_summary version in \"%s\"", str),
				 errdetail("This version of thermaliq reads versions 1 and %d.", METER_SUMMARY_VERSION)));
	ParseOptional(&c, "rollover", &s.p.has_rollover, &s.p.rollover);
	ParseOptional(&c, "max_rate", &s.p.has_max_rate, &s.p.max_rate);
	if (version >= 2)
		s.p.stepback = tw_parse_float(&c, "stepback");
	s.first_ts = tw_parse_ts(&c, "first_time");
	s.first_val = tw_parse_float(&c, "first_val");
	s.last_ts = tw_parse_ts(&c, "last_time");
	s.last_val = tw_parse_float(&c, "last_val");
	s.delta = tw_parse_float(&c, "delta");
	if (version >= 2)
	{
		char	   *hb;
		int			k;

		s.reg = tw_parse_float(&c, "register");
		s.head_max = tw_parse_float(&c, "head_max");
		hb = tw_text_field(&c, "head_break");
		s.head_break = -1;
		for (k = 0; k < lengthof(head_break_names); k++)
			if (head_break_names[k] && strcmp(hb, head_break_names[k]) == 0)
				s.head_break = k;
		if (s.head_break < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type meter_summary: \"%s\"", str),
					 errdetail("Field \"head_break\" must be none, reset, rollover or rejected.")));
	}
	s.sample_count = tw_parse_int(&c, "samples");
	s.reset_count = tw_parse_int(&c, "resets");
	s.rollover_count = tw_parse_int(&c, "rollovers");
	s.rejected_count = tw_parse_int(&c, "rejected");
	tw_text_end(&c);
	if (version == 1)
	{
		MeterSummaryV1 v = {s.p.has_rollover, s.p.has_max_rate, s.p.rollover, s.p.max_rate,
			s.first_ts, s.last_ts, s.first_val, s.last_val, s.delta,
		s.sample_count, s.reset_count, s.rollover_count, s.rejected_count};

		MeterSummaryFromV1(&v, &s);
	}
	MeterSummaryValidate(&s, false);
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
		tw_append_float(&buf, "rollover", s->p.rollover);
	else
		appendStringInfoString(&buf, ",rollover:none");
	if (s->p.has_max_rate)
		tw_append_float(&buf, "max_rate", s->p.max_rate);
	else
		appendStringInfoString(&buf, ",max_rate:none");
	tw_append_float(&buf, "stepback", s->p.stepback);
	tw_append_ts(&buf, "first_time", s->first_ts);
	tw_append_float(&buf, "first_val", s->first_val);
	tw_append_ts(&buf, "last_time", s->last_ts);
	tw_append_float(&buf, "last_val", s->last_val);
	tw_append_float(&buf, "delta", s->delta);
	tw_append_float(&buf, "register", s->reg);
	tw_append_float(&buf, "head_max", s->head_max);
	appendStringInfo(&buf, ",head_break:%s", head_break_names[s->head_break]);
	appendStringInfo(&buf, ",samples:" INT64_FORMAT ",resets:" INT64_FORMAT
					 ",rollovers:" INT64_FORMAT ",rejected:" INT64_FORMAT ")",
					 s->sample_count, s->reset_count, s->rollover_count, s->rejected_count);
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
	MeterSummary s;
	int			version = pq_getmsgbyte(buf);

	if (version != 1 && version != METER_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported meter_summary binary version %d", version),
				 errdetail("This version of thermaliq reads versions 1 and %d.", METER_SUMMARY_VERSION)));
	memset(&s, 0, sizeof(s));
	s.p.has_rollover = pq_getmsgbyte(buf);
	s.p.has_max_rate = pq_getmsgbyte(buf);
	s.p.rollover = pq_getmsgfloat8(buf);
	s.p.max_rate = pq_getmsgfloat8(buf);
	if (version >= 2)
		s.p.stepback = pq_getmsgfloat8(buf);
	s.first_ts = pq_getmsgint64(buf);
	s.first_val = pq_getmsgfloat8(buf);
	s.last_ts = pq_getmsgint64(buf);
	s.last_val = pq_getmsgfloat8(buf);
	s.delta = pq_getmsgfloat8(buf);
	if (version >= 2)
	{
		s.reg = pq_getmsgfloat8(buf);
		s.head_max = pq_getmsgfloat8(buf);
		s.head_break = pq_getmsgbyte(buf);
	}
	s.sample_count = pq_getmsgint64(buf);
	s.reset_count = pq_getmsgint64(buf);
	s.rollover_count = pq_getmsgint64(buf);
	s.rejected_count = pq_getmsgint64(buf);
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid meter_summary binary input: %d trailing bytes",
						buf->len - buf->cursor)));
	if (version == 1)
	{
		MeterSummaryV1 v = {s.p.has_rollover, s.p.has_max_rate, s.p.rollover, s.p.max_rate,
			s.first_ts, s.last_ts, s.first_val, s.last_val, s.delta,
		s.sample_count, s.reset_count, s.rollover_count, s.rejected_count};

		MeterSummaryFromV1(&v, &s);
	}
	MeterSummaryValidate(&s, true);
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
	if (!isfinite(*v) || *v <= 0)
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
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
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

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "meter_agg_trans called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (MeterAggState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	val = PG_GETARG_FLOAT8(2);
	tw_check_point(ts, val, "meter_agg");

	if (state == NULL)
	{
		MeterParams mp;

		MeterArgs(fcinfo, &mp);
		state = MemoryContextAllocZero(aggctx, sizeof(MeterAggState));
		meter_stream_init(&state->st, &mp);
		state->ordered_call = tw_input_is_ordered(fcinfo);
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

	tw_log_keep(&state->log, state->ordered_call,
				meter_stream_add(&state->st, ts, val) == 0, ts, val, "meter_agg");
	PG_RETURN_POINTER(state);
}

/* meter_agg final: the stream's summary, rebuilt from the log after late points */
Datum
meter_agg_final(PG_FUNCTION_ARGS)
{
	MeterAggState *state;
	MeterSummary s;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "meter_agg_final called in non-aggregate context");
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
			(void) meter_stream_add(&state->st, p.ts, p.val);
		tw_log_merge_end(&state->log, &m);
	}
	if (state->st.npoints == 0)
		PG_RETURN_NULL();
	meter_stream_summary(&state->st, &s);
	PG_RETURN_POINTER(MeterSummaryMake(&s));
}

/* rollup(meter_summary) transition: collects the summaries */
Datum
meter_rollup_trans(PG_FUNCTION_ARGS)
{
	return tw_rollup_collect(fcinfo,
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

	items = tw_rollup_sorted(fcinfo, &n, MeterSummaryCmp);
	if (items == NULL)
		PG_RETURN_NULL();
	acc = items[0];
	for (i = 1; i < n; i++)
	{
		MeterSummary next;

		switch (meter_summary_stitch(&acc, &items[i], &next))
		{
			case METER_OK:
				break;
			case METER_ERR_OVERLAP:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of meter_summary values with overlapping time ranges"),
						 errdetail("Summary %s overlaps summary %s.",
								   tw_range_text(acc.first_ts, acc.last_ts),
								   tw_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("rollup() stitches summaries of adjacent, non-overlapping ranges; "
								 "aggregate the readings with meter_agg() again or remove the duplicate summaries.")));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of meter_summary values with different rollover, max_rate or stepback"),
						 errdetail("Summary %s and summary %s were built with different parameters.",
								   tw_range_text(acc.first_ts, acc.last_ts),
								   tw_range_text(items[i].first_ts, items[i].last_ts)),
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
