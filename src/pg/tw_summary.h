/*
 * tw_summary.h
 *		Glue shared by the time_weight and meter_agg aggregates: detection
 *		of input that ORDER BY guarantees sorted (the point log for other
 *		input is in tw_log.h), and the text I/O pieces of the summary
 *		types. Bodies in tw_summary.c.
 */
#ifndef THERMALIQ_PG_TW_SUMMARY_H
#define THERMALIQ_PG_TW_SUMMARY_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"

#include "math/timeweight.h"
#include "pg/tw_log.h"

#define TW_SUMMARY_VERSION 1
#define METER_SUMMARY_VERSION 2

/* True when the aggregate call has ORDER BY <first argument> ascending */
extern bool tw_input_is_ordered(FunctionCallInfo fcinfo);

/* Rejects NaN/Infinity values and infinite timestamps of a reading */
extern void tw_check_point(TimestampTz ts, double val, const char *what);

/* Text I/O helpers: UTC ISO timestamps, shortest exact floats, seconds */
extern void tw_append_ts(StringInfo buf, const char *key, TimestampTz ts);
extern void tw_append_float(StringInfo buf, const char *key, double v);
extern void tw_append_secs(StringInfo buf, const char *key, int64 usecs);

/* Cursor over "(key:value,key:value,...)" text */
typedef struct TwTextCursor
{
	const char *type;			/* type name, for messages */
	const char *orig;			/* the whole input */
	char	   *p;				/* next unread char */
} TwTextCursor;

extern void tw_text_begin(TwTextCursor *c, const char *type, char *copy, const char *orig);
extern char *tw_text_field(TwTextCursor *c, const char *key);
extern void tw_text_end(TwTextCursor *c);
extern TimestampTz tw_parse_ts(TwTextCursor *c, const char *key);
extern double tw_parse_float(TwTextCursor *c, const char *key);
extern int64 tw_parse_int(TwTextCursor *c, const char *key);
extern int64 tw_parse_secs(TwTextCursor *c, const char *key);

/*
 * rollup() of either summary type: the transition collects copies of the
 * summaries (item NULL for a NULL row) in the aggregate context; the final
 * function gets them sorted by cmp in a fresh array (NULL when none).
 */
extern Datum tw_rollup_collect(FunctionCallInfo fcinfo, const void *item, Size size);
extern void *tw_rollup_sorted(FunctionCallInfo fcinfo, int64 *n,
							  int (*cmp) (const void *, const void *));

/* Formats a time range for error details */
extern char *tw_range_text(TimestampTz a, TimestampTz b);

#endif
