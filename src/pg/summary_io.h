/*
 * summary_io.h
 *		Text and binary I/O pieces both summary types (tw_summary,
 *		meter_summary) are written with: the "(key:value,...)" text form,
 *		the binary field readers, and the one way to refuse an input.
 *		Bodies in summary_io.c.
 *
 * Every field that is read back is checked on its own here (timestamps
 * finite and inside PostgreSQL's range: 22008; numbers finite, counts not
 * negative: 22P02 text, 22P03 binary), each error naming the field; the
 * relations between fields are the type's validator's job, which reports
 * through summary_invalid() with the same codes.
 *
 * Floats are written as the shortest text that reads back to the same
 * double (denormals included: 5e-324 is read back, not refused as an
 * underflow), so text output always reads back.
 */
#ifndef THERMALIQ_PG_SUMMARY_IO_H
#define THERMALIQ_PG_SUMMARY_IO_H

#include "postgres.h"

#include "lib/stringinfo.h"
#include "utils/timestamp.h"

/* What is being read: for messages and the SQLSTATE (text or binary) */
typedef struct SummaryInput
{
	const char *type;			/* type name */
	bool		binary;			/* recv (22P03) or text input (22P02) */
	const char *orig;			/* the whole text input, NULL for binary */
	char	   *p;				/* text: next unread char (of a copy) */
	StringInfo	buf;			/* binary: the message */
} SummaryInput;

/*
 * Refuses the input: field (or "a, b" for a relation) and a full sentence
 * saying why, a literal marked with gettext_noop() at the call site.
 */
extern void summary_invalid(const SummaryInput *in, const char *field,
							const char *reason) pg_attribute_noreturn();

/* Text input: starts at "(", fields in order, ends at ")" */
extern void summary_text_begin(SummaryInput *in, const char *type, const char *str);
extern char *summary_text_field(SummaryInput *in, const char *key);
extern bool summary_text_is_none(SummaryInput *in, const char *key);
extern void summary_text_end(SummaryInput *in);
extern TimestampTz summary_parse_ts(SummaryInput *in, const char *key);
extern double summary_parse_float(SummaryInput *in, const char *key);
extern int64 summary_parse_count(SummaryInput *in, const char *key);
extern int64 summary_parse_secs(SummaryInput *in, const char *key);

/* Text output: ",key:value" (no comma after "(") */
extern void summary_append_ts(StringInfo buf, const char *key, TimestampTz ts);
extern void summary_append_float(StringInfo buf, const char *key, double v);
extern void summary_append_secs(StringInfo buf, const char *key, int64 usecs);
extern void summary_append_count(StringInfo buf, const char *key, int64 n);

/* Binary input: the version byte, then fields; summary_recv_end checks nothing is left */
/* Returns the version byte, which must lie in [oldest, newest] */
extern int	summary_recv_begin(SummaryInput *in, const char *type, StringInfo buf,
							   int oldest, int newest);
extern TimestampTz summary_recv_ts(SummaryInput *in, const char *key);
extern double summary_recv_float(SummaryInput *in, const char *key);
extern int64 summary_recv_count(SummaryInput *in, const char *key);
extern int64 summary_recv_secs(SummaryInput *in, const char *key);
extern void summary_recv_end(SummaryInput *in);

#endif
