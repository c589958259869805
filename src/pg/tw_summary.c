/*
 * tw_summary.c
 *		The thermaliq.tw_summary type (text and binary I/O, equality), the
 *		time_weight aggregate, its accessors (integral, average, coverage,
 *		...) and rollup(tw_summary). The maths lives in math/timeweight.c.
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

#include <ctype.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "nodes/primnodes.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "miscadmin.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "pg/tw_summary.h"

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
	Datum		method_arg;		/* last method datum seen (pointer compare) */
	Datum		gap_arg;
	bool		method_null;
	bool		gap_null;
	TwPointLog	log;
} TwAggState;

/* Transition state of rollup() of either summary type */
typedef struct RollupState
{
	char	   *items;
	int64		n;
	int64		cap;
	Size		size;			/* of one item */
} RollupState;

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
 * Shared glue helpers (declared in tw_summary.h, used by meter_summary.c)
 * ---------------------------------------------------------------------
 */

/* True when ORDER BY makes the executor feed the first argument ascending */
bool
tw_input_is_ordered(FunctionCallInfo fcinfo)
{
	Aggref	   *aggref = AggGetAggref(fcinfo);
	SortGroupClause *sc;
	TargetEntry *tle;
	TypeCacheEntry *tce;

	if (aggref == NULL || aggref->aggorder == NIL || aggref->aggdistinct != NIL)
		return false;
	sc = linitial_node(SortGroupClause, aggref->aggorder);
	tle = get_sortgroupclause_tle(sc, aggref->args);
	if (tle == NULL || tle->resno != 1 || exprType((Node *) tle->expr) != TIMESTAMPTZOID)
		return false;
	tce = lookup_type_cache(TIMESTAMPTZOID, TYPECACHE_LT_OPR);
	return sc->sortop == tce->lt_opr;
}

/* Rejects non-finite readings */
void
tw_check_point(TimestampTz ts, double val, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s timestamp must be finite", what),
				 errhint("Filter out rows with timestamp 'infinity' or '-infinity'.")));
	if (isnan(val) || isinf(val))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s value must be finite, got %s", what,
						isnan(val) ? "NaN" : (val > 0 ? "Infinity" : "-Infinity")),
				 errhint("Use NULL for a missing sample; rows with NULL are skipped.")));
}

/* Appends key:timestamp in UTC ISO form (independent of TimeZone/DateStyle) */
void
tw_append_ts(StringInfo buf, const char *key, TimestampTz ts)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		str[MAXDATELEN + 1];

	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	tm.tm_isdst = 0;			/* UTC is a valid zone: print "+00" */
	EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, str);
	appendStringInfo(buf, "%s%s:%s", buf->len > 1 ? "," : "", key, str);
}

/* Appends key:float as the shortest text that reads back exactly */
void
tw_append_float(StringInfo buf, const char *key, double v)
{
	char		str[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, str);
	appendStringInfo(buf, "%s%s:%s", buf->len > 1 ? "," : "", key, str);
}

/* Appends key:seconds with up to six exact decimals */
void
tw_append_secs(StringInfo buf, const char *key, int64 usecs)
{
	int64		frac = usecs % 1000000;
	char		fstr[8];
	int			i;

	Assert(usecs >= 0);
	appendStringInfo(buf, "%s%s:" INT64_FORMAT, buf->len > 1 ? "," : "", key,
					 usecs / 1000000);
	if (frac != 0)
	{
		snprintf(fstr, sizeof(fstr), "%06d", (int) frac);
		for (i = 5; i > 0 && fstr[i] == '0'; i--)
			fstr[i] = '\0';
		appendStringInfo(buf, ".%s", fstr);
	}
}

/* Error for malformed summary text */
static void pg_attribute_noreturn()
TextSyntaxError(TwTextCursor *c, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", c->type, c->orig),
			 errdetail("%s", detail)));
}

/* Starts parsing: expects "(" */
void
tw_text_begin(TwTextCursor *c, const char *type, char *copy, const char *orig)
{
	c->type = type;
	c->orig = orig;
	c->p = copy;
	while (isspace((unsigned char) *c->p))
		c->p++;
	if (*c->p != '(')
		TextSyntaxError(c, "A summary must start with \"(\".");
	c->p++;
}

/* Returns the NUL-terminated value of the next field, which must be key */
char *
tw_text_field(TwTextCursor *c, const char *key)
{
	size_t		klen = strlen(key);
	char	   *v;

	if (strncmp(c->p, key, klen) != 0 || c->p[klen] != ':')
		TextSyntaxError(c, psprintf("Expected field \"%s\".", key));
	v = c->p + klen + 1;
	c->p = v;
	while (*c->p && *c->p != ',' && *c->p != ')')
		c->p++;
	if (*c->p == '\0')
		TextSyntaxError(c, "Unexpected end of input.");
	if (*c->p == ',')
		*c->p++ = '\0';
	else
	{
		/* ')': leave it for tw_text_end, but terminate the value */
		memmove(c->p + 1, c->p, strlen(c->p) + 1);
		*c->p++ = '\0';
	}
	if (*v == '\0')
		TextSyntaxError(c, psprintf("Field \"%s\" is empty.", key));
	return v;
}

/* Expects ")" and nothing after it but spaces */
void
tw_text_end(TwTextCursor *c)
{
	if (*c->p != ')')
		TextSyntaxError(c, "Too many fields or missing \")\".");
	c->p++;
	while (isspace((unsigned char) *c->p))
		c->p++;
	if (*c->p != '\0')
		TextSyntaxError(c, "Junk after \")\".");
}

/* Parses a timestamp field */
TimestampTz
tw_parse_ts(TwTextCursor *c, const char *key)
{
	char	   *v = tw_text_field(c, key);

	return DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
												   CStringGetDatum(v),
												   ObjectIdGetDatum(InvalidOid),
												   Int32GetDatum(-1)));
}

/* Parses a finite float field */
double
tw_parse_float(TwTextCursor *c, const char *key)
{
	char	   *v = tw_text_field(c, key);
	char	   *end;
	double		d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || errno == ERANGE || isnan(d) || isinf(d))
		TextSyntaxError(c, psprintf("Field \"%s\" must be a finite number.", key));
	return d;
}

/* Parses a non-negative integer field */
int64
tw_parse_int(TwTextCursor *c, const char *key)
{
	char	   *v = tw_text_field(c, key);
	char	   *end;
	long long	i;

	errno = 0;
	i = strtoll(v, &end, 10);
	if (end == v || *end != '\0' || errno == ERANGE || i < 0 || !isdigit((unsigned char) *v))
		TextSyntaxError(c, psprintf("Field \"%s\" must be a non-negative integer.", key));
	return (int64) i;
}

/* Parses seconds with up to six decimals into microseconds */
int64
tw_parse_secs(TwTextCursor *c, const char *key)
{
	char	   *v = tw_text_field(c, key);
	char	   *p = v;
	int64		secs = 0,
				frac = 0;
	int			nd = 0;

	if (!isdigit((unsigned char) *p))
		TextSyntaxError(c, psprintf("Field \"%s\" must be a number of seconds.", key));
	while (isdigit((unsigned char) *p))
	{
		if (secs > (PG_INT64_MAX / 1000000 - 9) / 10)
			TextSyntaxError(c, psprintf("Field \"%s\" is out of range.", key));
		secs = secs * 10 + (*p++ - '0');
	}
	if (*p == '.')
	{
		p++;
		while (isdigit((unsigned char) *p) && nd < 6)
		{
			frac = frac * 10 + (*p++ - '0');
			nd++;
		}
		if (nd == 0)
			TextSyntaxError(c, psprintf("Field \"%s\" must be a number of seconds.", key));
		for (; nd < 6; nd++)
			frac *= 10;
	}
	if (*p != '\0')
		TextSyntaxError(c, psprintf("Field \"%s\" has more than six decimals or junk.", key));
	return secs * 1000000 + frac;
}

/* "[a, b]" in the session time zone, for error details */
char *
tw_range_text(TimestampTz a, TimestampTz b)
{
	/* timestamptz_to_str returns a static buffer: copy the first one */
	char	   *sa = pstrdup(timestamptz_to_str(a));

	return psprintf("[%s, %s]", sa, timestamptz_to_str(b));
}

/* ---------------------------------------------------------------------
 * The type
 * ---------------------------------------------------------------------
 */

/* Checks the invariants of a summary read from outside */
static void
TwSummaryValidate(const TwSummary *s, bool binary)
{
	const char *bad = NULL;

	if (s->method != TW_LINEAR && s->method != TW_LOCF)
		bad = "unknown method";
	else if (s->max_gap < 0)
		bad = "negative max_gap";
	else if (TIMESTAMP_NOT_FINITE(s->first_ts) || TIMESTAMP_NOT_FINITE(s->last_ts))
		bad = "infinite timestamp";
	else if (s->first_ts > s->last_ts)
		bad = "first_time after last_time";
	else if (!isfinite(s->first_val) || !isfinite(s->last_val) || !isfinite(s->integral))
		bad = "non-finite value";
	else if (s->sample_count < 1 || s->gap_count < 0 || s->covered < 0)
		bad = "negative or zero count";
	else if ((s->sample_count == 1) != (s->first_ts == s->last_ts))
		bad = "sample_count inconsistent with the time range";
	else if (s->covered > s->last_ts - s->first_ts)
		bad = "covered time longer than the time range";
	else if (s->gap_count > s->sample_count - 1)
		bad = "more gaps than segments";
	if (bad)
		ereport(ERROR,
				(errcode(binary ? ERRCODE_INVALID_BINARY_REPRESENTATION : ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid tw_summary %s: %s", binary ? "binary input" : "input", bad)));
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
	char	   *copy = palloc(strlen(str) * 2 + 2);
	TwTextCursor c;
	TwSummary	s;
	char	   *v;

	strcpy(copy, str);
	memset(&s, 0, sizeof(s));
	tw_text_begin(&c, "tw_summary", copy, str);
	if (tw_parse_int(&c, "version") != TW_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unsupported tw_summary version in \"%s\"", str),
				 errdetail("This version of thermaliq reads version %d.", TW_SUMMARY_VERSION)));
	v = tw_text_field(&c, "method");
	s.method = tw_method_from_name(v);
	if (s.method == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type tw_summary: \"%s\"", str),
				 errdetail("Method must be \"linear\" or \"locf\".")));
	if (strncmp(c.p, "max_gap:none", 12) == 0 && (c.p[12] == ',' || c.p[12] == ')'))
	{
		(void) tw_text_field(&c, "max_gap");
		s.max_gap = 0;
	}
	else
	{
		s.max_gap = tw_parse_secs(&c, "max_gap");
		if (s.max_gap == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type tw_summary: \"%s\"", str),
					 errdetail("max_gap must be positive or \"none\".")));
	}
	s.first_ts = tw_parse_ts(&c, "first_time");
	s.first_val = tw_parse_float(&c, "first_val");
	s.last_ts = tw_parse_ts(&c, "last_time");
	s.last_val = tw_parse_float(&c, "last_val");
	s.integral = tw_parse_float(&c, "integral");
	s.covered = tw_parse_secs(&c, "covered");
	s.sample_count = tw_parse_int(&c, "samples");
	s.gap_count = tw_parse_int(&c, "gaps");
	tw_text_end(&c);
	TwSummaryValidate(&s, false);
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
		tw_append_secs(&buf, "max_gap", s->max_gap);
	else
		appendStringInfoString(&buf, ",max_gap:none");
	tw_append_ts(&buf, "first_time", s->first_ts);
	tw_append_float(&buf, "first_val", s->first_val);
	tw_append_ts(&buf, "last_time", s->last_ts);
	tw_append_float(&buf, "last_val", s->last_val);
	tw_append_float(&buf, "integral", s->integral);
	tw_append_secs(&buf, "covered", s->covered);
	appendStringInfo(&buf, ",samples:" INT64_FORMAT ",gaps:" INT64_FORMAT ")",
					 s->sample_count, s->gap_count);
	PG_RETURN_CSTRING(buf.data);
}

/* Binary input: version byte, method byte, then the fields in order */
Datum
tw_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TwSummary	s;
	int			version = pq_getmsgbyte(buf);

	if (version != TW_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported tw_summary binary version %d", version),
				 errdetail("This version of thermaliq reads version %d.", TW_SUMMARY_VERSION)));
	memset(&s, 0, sizeof(s));
	s.method = pq_getmsgbyte(buf);
	s.max_gap = pq_getmsgint64(buf);
	s.first_ts = pq_getmsgint64(buf);
	s.first_val = pq_getmsgfloat8(buf);
	s.last_ts = pq_getmsgint64(buf);
	s.last_val = pq_getmsgfloat8(buf);
	s.integral = pq_getmsgfloat8(buf);
	s.covered = pq_getmsgint64(buf);
	s.sample_count = pq_getmsgint64(buf);
	s.gap_count = pq_getmsgint64(buf);
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid tw_summary binary input: %d trailing bytes",
						buf->len - buf->cursor)));
	TwSummaryValidate(&s, true);
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
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap is out of range")));
	if (us <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_gap must be positive"),
				 errhint("Pass NULL for no limit.")));
	return us;
}

/* time_weight(ts, value [, method [, max_gap]]) transition */
Datum
time_weight_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	TwAggState *state;
	TimestampTz ts;
	double		val;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "time_weight_trans called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (TwAggState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	val = PG_GETARG_FLOAT8(2);
	tw_check_point(ts, val, "time_weight");

	if (state == NULL)
	{
		state = MemoryContextAllocZero(aggctx, sizeof(TwAggState));
		tw_stream_init(&state->st, MethodArg(fcinfo, 3), MaxGapArg(fcinfo, 4));
		state->ordered_call = tw_input_is_ordered(fcinfo);
		if (!state->ordered_call)
			tw_log_init(&state->log, aggctx);
		if (PG_NARGS() > 3)
		{
			state->method_null = PG_ARGISNULL(3);
			state->method_arg = PG_GETARG_DATUM(3);
		}
		if (PG_NARGS() > 4)
		{
			state->gap_null = PG_ARGISNULL(4);
			state->gap_arg = PG_GETARG_DATUM(4);
		}
	}
	else if (PG_NARGS() > 3)
	{
		/* parameters must not change within a group; cheap for constants */
		if (PG_ARGISNULL(3) != state->method_null ||
			(!state->method_null && PG_GETARG_DATUM(3) != state->method_arg))
		{
			if (MethodArg(fcinfo, 3) != state->st.method)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("time_weight method must be the same for all rows of a group")));
			state->method_null = PG_ARGISNULL(3);
			state->method_arg = PG_GETARG_DATUM(3);
		}
		if (PG_NARGS() > 4 &&
			(PG_ARGISNULL(4) != state->gap_null ||
			 (!state->gap_null && PG_GETARG_DATUM(4) != state->gap_arg)))
		{
			if (MaxGapArg(fcinfo, 4) != state->st.max_gap)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("time_weight max_gap must be the same for all rows of a group")));
			state->gap_null = PG_ARGISNULL(4);
			state->gap_arg = PG_GETARG_DATUM(4);
		}
	}

	tw_log_keep(&state->log, state->ordered_call,
				tw_stream_add(&state->st, ts, val) == 0, ts, val, "time_weight");
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
		elog(ERROR, "time_weight_final called in non-aggregate context");
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
			(void) tw_stream_add(&state->st, p.ts, p.val);
		tw_log_merge_end(&state->log, &m);
	}
	if (state->st.npoints == 0)
		PG_RETURN_NULL();
	tw_stream_summary(&state->st, &s);
	PG_RETURN_POINTER(TwSummaryMake(&s));
}

/* ---------------------------------------------------------------------
 * rollup(tw_summary)
 * ---------------------------------------------------------------------
 */

/* Appends a copy of *item to the rollup state in the aggregate context */
Datum
tw_rollup_collect(FunctionCallInfo fcinfo, const void *item, Size size)
{
	MemoryContext aggctx;
	RollupState *state;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "rollup transition called in non-aggregate context");
	state = PG_ARGISNULL(0) ? NULL : (RollupState *) PG_GETARG_POINTER(0);
	if (item == NULL)
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	if (state == NULL)
	{
		state = MemoryContextAllocZero(aggctx, sizeof(RollupState));
		state->size = size;
		state->cap = 16;
		state->items = MemoryContextAlloc(aggctx, state->cap * size);
	}
	else if (state->n >= state->cap)
	{
		state->cap *= 2;
		state->items = repalloc_huge(state->items, state->cap * size);
	}
	memcpy(state->items + state->n * size, item, size);
	state->n++;
	PG_RETURN_POINTER(state);
}

/*
 * A sorted copy of the collected summaries (the state stays as it is, so
 * the final function may run again); NULL when there are none.
 */
void *
tw_rollup_sorted(FunctionCallInfo fcinfo, int64 *n,
				 int (*cmp) (const void *, const void *))
{
	RollupState *state;
	char	   *items;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "rollup final function called in non-aggregate context");
	if (PG_ARGISNULL(0))
		return NULL;
	state = (RollupState *) PG_GETARG_POINTER(0);
	if (state->n == 0)
		return NULL;
	items = palloc_extended(state->n * state->size, MCXT_ALLOC_HUGE);
	memcpy(items, state->items, state->n * state->size);
	qsort(items, state->n, state->size, cmp);
	*n = state->n;
	return items;
}

/* rollup(tw_summary) transition */
Datum
tw_rollup_trans(PG_FUNCTION_ARGS)
{
	return tw_rollup_collect(fcinfo,
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

	items = tw_rollup_sorted(fcinfo, &n, TwSummaryCmp);
	if (items == NULL)
		PG_RETURN_NULL();
	acc = items[0];
	for (i = 1; i < n; i++)
	{
		TwSummary	next;

		switch (tw_summary_stitch(&acc, &items[i], &next))
		{
			case TW_OK:
				break;
			case TW_ERR_OVERLAP:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with overlapping time ranges"),
						 errdetail("Summary %s overlaps summary %s.",
								   tw_range_text(acc.first_ts, acc.last_ts),
								   tw_range_text(items[i].first_ts, items[i].last_ts)),
						 errhint("rollup() stitches summaries of adjacent, non-overlapping ranges; "
								 "aggregate the readings with time_weight() again or remove the duplicate summaries.")));
				break;
			case TW_ERR_METHOD_MISMATCH:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with different methods"),
						 errdetail("Summary %s uses method %s, summary %s uses %s.",
								   tw_range_text(acc.first_ts, acc.last_ts),
								   tw_method_name((TwMethod) acc.method),
								   tw_range_text(items[i].first_ts, items[i].last_ts),
								   tw_method_name((TwMethod) items[i].method)),
						 errhint("Roll up summaries built with the same method only.")));
				break;
			default:
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("rollup of tw_summary values with different max_gap"),
						 errdetail("Summary %s and summary %s were built with different max_gap values.",
								   tw_range_text(acc.first_ts, acc.last_ts),
								   tw_range_text(items[i].first_ts, items[i].last_ts)),
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

	if (secs == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown integral unit \"%s\"", unit),
				 errhint("Use microsecond, millisecond, second, minute, hour, day (86400 s) or week.")));
	PG_RETURN_FLOAT8(s->integral / secs);
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
