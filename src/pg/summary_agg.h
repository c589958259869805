/*
 * summary_agg.h
 *		What the time_weight and meter_agg aggregates and their rollup()s
 *		share: detection of input that ORDER BY guarantees sorted (the point
 *		log for other input is in tw_log.h), the check of one reading, and
 *		the collection of summaries for rollup(). Bodies in summary_agg.c.
 */
#ifndef THERMALIQ_PG_SUMMARY_AGG_H
#define THERMALIQ_PG_SUMMARY_AGG_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/timestamp.h"

/* True when the aggregate call has ORDER BY <first argument> ascending */
extern bool summary_input_is_ordered(FunctionCallInfo fcinfo);

/* True when transition argument argno (1 = first aggregate argument) is a Const */
extern bool summary_arg_is_const(FunctionCallInfo fcinfo, int argno);

/*
 * Checks one reading: a finite timestamp inside PostgreSQL's range (22008)
 * and a finite value (22003, as every NaN thermaliq refuses).
 */
extern void summary_check_point(TimestampTz ts, double val, const char *what);

/*
 * rollup() of either summary type: the transition collects copies of the
 * summaries (item NULL for a NULL row) in the aggregate context; the final
 * function gets them sorted by cmp in a fresh array (NULL when none).
 */
extern Datum summary_rollup_collect(FunctionCallInfo fcinfo, const void *item, Size size);
extern void *summary_rollup_sorted(FunctionCallInfo fcinfo, int64 *n,
								   int (*cmp) (const void *, const void *));

#endif
