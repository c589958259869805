/*
 * meter.h
 *		Consumption of cumulative meters (counters): resets, rollovers and
 *		implausible steps. Pure C, timestamps in int64 microseconds.
 *
 * Rules, applied to each pair of consecutive readings prev -> cur in
 * ascending time (equal timestamps collapse to the larger reading):
 *   step = cur - prev                 if cur >= prev
 *   step = rollover - prev + cur      if cur < prev and a rollover is given
 *                                     (a wrap-around; counted in
 *                                     rollover_count; if that is negative,
 *                                     prev was above the rollover value and
 *                                     the drop is treated as a reset)
 *   step = cur                        if cur < prev otherwise (a reset: the
 *                                     new reading counts from zero;
 *                                     counted in reset_count)
 *   if max_rate is given and step / (hours between the readings) > max_rate,
 *   the step is rejected as implausible: counted in rejected_count and not
 *   added. The next step is measured from cur either way.
 */
#ifndef THERMALIQ_METER_H
#define THERMALIQ_METER_H

#include <stddef.h>
#include <stdint.h>

#include "math/timeweight.h"

typedef enum MeterError
{
	METER_OK = 0,
	METER_ERR_OVERLAP,
	METER_ERR_PARAM_MISMATCH,
	METER_ERR_OUT_OF_ORDER,		/* a reading before the stream's last one */
	METER_ERR_TOO_LONG,			/* a time span or count that does not fit an int64 */
	METER_ERR_NOT_FINITE		/* a delta that is NaN or infinite */
} MeterError;

/* Parameters of a stream or summary (compared for stitching), or of a plant counter */
typedef struct MeterParams
{
	int			has_rollover;
	double		rollover;
	int			has_max_rate;
	double		max_rate;
} MeterParams;

/* Counts of one step's classification */
typedef struct MeterCounts
{
	int64_t		resets;
	int64_t		rollovers;
	int64_t		rejected;
} MeterCounts;

/* Summary of one sorted run; stored inside thermaliq.meter_summary */
typedef struct MeterSummary
{
	int32_t		has_rollover;
	int32_t		has_max_rate;
	double		rollover;
	double		max_rate;		/* reading units per hour */
	int64_t		first_ts;
	int64_t		last_ts;
	double		first_val;
	double		last_val;
	double		delta;
	int64_t		sample_count;
	int64_t		reset_count;
	int64_t		rollover_count;
	int64_t		rejected_count;
} MeterSummary;

/* Streaming state: the run (TwRun rules, timeweight.h) and the committed steps */
typedef struct MeterStream
{
	int32_t		has_rollover;
	int32_t		has_max_rate;
	double		rollover;
	double		max_rate;
	TwRun		run;
	TwSum		delta;
	int64_t		reset_count;
	int64_t		rollover_count;
	int64_t		rejected_count;
} MeterStream;

/*
 * The consumption of one step prev -> cur by the rules above; counts it as
 * a reset, rollover or rejection in *c. Shared by meter_agg and the plant
 * calculations, so both treat a counter alike.
 */
extern double meter_step(const MeterParams *mp, const TwPoint *prev,
						 const TwPoint *cur, MeterCounts *c);

extern void meter_stream_init(MeterStream *st, int has_rollover, double rollover,
							  int has_max_rate, double max_rate);

/*
 * Adds a reading in ascending order: METER_OK, or METER_ERR_OUT_OF_ORDER /
 * METER_ERR_TOO_LONG with the stream unchanged (TwRun rules)
 */
extern MeterError meter_stream_add(MeterStream *st, int64_t ts, double val);

/* Summary so far (n >= 1), stream unchanged; METER_ERR_NOT_FINITE on overflow */
extern MeterError meter_stream_summary(const MeterStream *st, MeterSummary *out);

/* Summary of a sorted, deduplicated array (see tw_sort_dedup) */
extern MeterError meter_summarize_sorted(const TwPoint *pts, size_t n,
								   int has_rollover, double rollover,
								   int has_max_rate, double max_rate,
								   MeterSummary *out);

/* Stitches b after a, adding the step a.last -> b.first by the rules above */
extern MeterError meter_summary_stitch(const MeterSummary *a,
									   const MeterSummary *b,
									   MeterSummary *out);

#endif
