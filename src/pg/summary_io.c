/*
 * summary_io.c
 *		Text and binary I/O of the summary types' fields; see summary_io.h.
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"
#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "miscadmin.h"
#include "utils/datetime.h"

#include "pg/summary_io.h"
#include "pg/tq_time.h"

/* SQLSTATE of a malformed or inconsistent input */
static int
BadInputCode(const SummaryInput *in)
{
	return in->binary ? ERRCODE_INVALID_BINARY_REPRESENTATION : ERRCODE_INVALID_TEXT_REPRESENTATION;
}

void
summary_invalid(const SummaryInput *in, const char *field, const char *reason)
{
	if (in->binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary input for type %s in field \"%s\"", in->type, field),
				 errdetail_internal("%s", _(reason))));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s in field \"%s\": \"%s\"",
					in->type, field, in->orig),
			 errdetail_internal("%s", _(reason))));
}

/* A timestamp field out of PostgreSQL's range (or infinite): 22008 */
static void pg_attribute_noreturn()
TimestampFieldError(const SummaryInput *in, const char *key)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("field \"%s\" of type %s is out of the timestamp range", key, in->type),
			 errdetail("Summary timestamps are finite, between 4714-11-24 BC and 294276-12-31 AD.")));
}

/* ---------------------------------------------------------------------
 * Text input
 * ---------------------------------------------------------------------
 */

/* Malformed text, not tied to one field */
static void pg_attribute_noreturn()
TextSyntaxError(const SummaryInput *in, const char *reason)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", in->type, in->orig),
			 errdetail_internal("%s", _(reason))));
}

/* Starts parsing: expects "(" */
void
summary_text_begin(SummaryInput *in, const char *type, const char *str)
{
	memset(in, 0, sizeof(*in));
	in->type = type;
	in->orig = str;
	in->binary = false;
	/* room to NUL-terminate the last value before its ")" */
	in->p = palloc(strlen(str) + 2);
	strcpy(in->p, str);
	while (isspace((unsigned char) *in->p))
		in->p++;
	if (*in->p != '(')
		TextSyntaxError(in, gettext_noop("A summary must start with \"(\"."));
	in->p++;
}

/* Returns the NUL-terminated value of the next field, which must be key */
char *
summary_text_field(SummaryInput *in, const char *key)
{
	size_t		klen = strlen(key);
	char	   *v;

	if (strncmp(in->p, key, klen) != 0 || in->p[klen] != ':')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", in->type, in->orig),
				 errdetail("Expected field \"%s\".", key)));
	v = in->p + klen + 1;
	in->p = v;
	while (*in->p && *in->p != ',' && *in->p != ')')
		in->p++;
	if (*in->p == '\0')
		TextSyntaxError(in, gettext_noop("Unexpected end of input."));
	if (*in->p == ',')
		*in->p++ = '\0';
	else
	{
		/* ')': leave it for summary_text_end, but terminate the value */
		memmove(in->p + 1, in->p, strlen(in->p) + 1);
		*in->p++ = '\0';
	}
	if (*v == '\0')
		summary_invalid(in, key, gettext_noop("The field is empty."));
	return v;
}

/* True (and the field consumed) when the next field is key:none */
bool
summary_text_is_none(SummaryInput *in, const char *key)
{
	size_t		klen = strlen(key);

	if (strncmp(in->p, key, klen) == 0 && strncmp(in->p + klen, ":none", 5) == 0 &&
		(in->p[klen + 5] == ',' || in->p[klen + 5] == ')'))
	{
		(void) summary_text_field(in, key);
		return true;
	}
	return false;
}

/* Expects ")" and nothing after it but spaces */
void
summary_text_end(SummaryInput *in)
{
	if (*in->p != ')')
		TextSyntaxError(in, gettext_noop("Too many fields or missing \")\"."));
	in->p++;
	while (isspace((unsigned char) *in->p))
		in->p++;
	if (*in->p != '\0')
		TextSyntaxError(in, gettext_noop("Junk after \")\"."));
}

/* Error context of a timestamp field: names it for timestamptz_in's errors */
static void
FieldContext(void *arg)
{
	const char *const *kv = (const char *const *) arg;

	errcontext("field \"%s\" of type %s", kv[0], kv[1]);
}

/* Parses a timestamp field: finite and inside the range */
TimestampTz
summary_parse_ts(SummaryInput *in, const char *key)
{
	char	   *v = summary_text_field(in, key);
	const char *kv[2] = {key, in->type};
	ErrorContextCallback cb;
	TimestampTz ts;

	cb.callback = FieldContext;
	cb.arg = (void *) kv;
	cb.previous = error_context_stack;
	error_context_stack = &cb;
	ts = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
												 CStringGetDatum(v),
												 ObjectIdGetDatum(InvalidOid),
												 Int32GetDatum(-1)));
	error_context_stack = cb.previous;
	if (TIMESTAMP_NOT_FINITE(ts) || !IS_VALID_TIMESTAMP(ts))
		TimestampFieldError(in, key);
	return ts;
}

/*
 * Parses a finite float field. strtod sets ERANGE for denormals too (5e-324
 * is one); like float8in, only a result of 0 or infinity is an error then.
 */
double
summary_parse_float(SummaryInput *in, const char *key)
{
	char	   *v = summary_text_field(in, key);
	char	   *end;
	double		d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || isnan(d) || isinf(d) ||
		(errno == ERANGE && d == 0.0))
		summary_invalid(in, key, gettext_noop("The field must be a finite float8 number."));
	return d;
}

/* Parses a non-negative integer field */
int64
summary_parse_count(SummaryInput *in, const char *key)
{
	char	   *v = summary_text_field(in, key);
	char	   *end;
	long long	i;

	errno = 0;
	i = strtoll(v, &end, 10);
	if (end == v || *end != '\0' || errno == ERANGE || i < 0 || !isdigit((unsigned char) *v))
		summary_invalid(in, key, gettext_noop("The field must be a non-negative bigint."));
	return (int64) i;
}

/* Parses seconds with up to six decimals into microseconds */
int64
summary_parse_secs(SummaryInput *in, const char *key)
{
	char	   *v = summary_text_field(in, key);
	char	   *p = v;
	int64		secs = 0,
				frac = 0,
				us;
	int			nd = 0;

	if (!isdigit((unsigned char) *p))
		summary_invalid(in, key, gettext_noop("The field must be a number of seconds."));
	while (isdigit((unsigned char) *p))
	{
		if (pg_mul_s64_overflow(secs, 10, &secs) ||
			pg_add_s64_overflow(secs, *p++ - '0', &secs))
			summary_invalid(in, key, gettext_noop("The field is out of range."));
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
			summary_invalid(in, key, gettext_noop("The field must be a number of seconds."));
		for (; nd < 6; nd++)
			frac *= 10;
	}
	if (*p != '\0')
		summary_invalid(in, key, gettext_noop("The field has more than six decimals or junk."));
	if (pg_mul_s64_overflow(secs, 1000000, &us) || pg_add_s64_overflow(us, frac, &us))
		summary_invalid(in, key, gettext_noop("The field is out of range."));
	return us;
}

/* ---------------------------------------------------------------------
 * Text output
 * ---------------------------------------------------------------------
 */

/* Appends key:timestamp in UTC ISO form (independent of TimeZone/DateStyle) */
void
summary_append_ts(StringInfo buf, const char *key, TimestampTz ts)
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
summary_append_float(StringInfo buf, const char *key, double v)
{
	char		str[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, str);
	appendStringInfo(buf, "%s%s:%s", buf->len > 1 ? "," : "", key, str);
}

/* Appends key:seconds with up to six exact decimals */
void
summary_append_secs(StringInfo buf, const char *key, int64 usecs)
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

/* Appends key:integer */
void
summary_append_count(StringInfo buf, const char *key, int64 n)
{
	appendStringInfo(buf, "%s%s:" INT64_FORMAT, buf->len > 1 ? "," : "", key, n);
}

/* ---------------------------------------------------------------------
 * Binary input
 * ---------------------------------------------------------------------
 */

/* Starts reading a binary summary: its version byte must lie in [oldest, newest] */
int
summary_recv_begin(SummaryInput *in, const char *type, StringInfo buf,
				   int oldest, int newest)
{
	int			v;

	memset(in, 0, sizeof(*in));
	in->type = type;
	in->binary = true;
	in->buf = buf;
	v = pq_getmsgbyte(buf);
	if (v < oldest || v > newest)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported %s binary version %d", type, v),
				 errdetail("This version of thermaliq reads versions %d to %d.", oldest, newest)));
	return v;
}

/* A timestamp field: finite and inside the range (22008 otherwise) */
TimestampTz
summary_recv_ts(SummaryInput *in, const char *key)
{
	TimestampTz ts = (TimestampTz) pq_getmsgint64(in->buf);

	if (TIMESTAMP_NOT_FINITE(ts) || !IS_VALID_TIMESTAMP(ts))
		TimestampFieldError(in, key);
	return ts;
}

/* A finite float8 field */
double
summary_recv_float(SummaryInput *in, const char *key)
{
	double		d = pq_getmsgfloat8(in->buf);

	if (!isfinite(d))
		summary_invalid(in, key, gettext_noop("The field must be a finite float8 number."));
	return d;
}

/* A non-negative int8 field */
int64
summary_recv_count(SummaryInput *in, const char *key)
{
	int64		n = pq_getmsgint64(in->buf);

	if (n < 0)
		summary_invalid(in, key, gettext_noop("The field must be a non-negative bigint."));
	return n;
}

/* A non-negative duration in microseconds */
int64
summary_recv_secs(SummaryInput *in, const char *key)
{
	return summary_recv_count(in, key);
}

/* Nothing may follow the last field */
void
summary_recv_end(SummaryInput *in)
{
	if (in->buf->cursor != in->buf->len)
		ereport(ERROR,
				(errcode(BadInputCode(in)),
				 errmsg("invalid binary input for type %s: %d trailing bytes",
						in->type, in->buf->len - in->buf->cursor)));
}
