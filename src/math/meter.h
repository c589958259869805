/*
 * meter.h
 *		Consumption of cumulative meters (counters): step-backs, resets,
 *		rollovers and implausible steps. Pure C, timestamps in int64
 *		microseconds.
 *
 * A counter keeps a register R: the reading the next consumption counts
 * from (the highest reading seen since the last reset). Each reading cur,
 * taken in ascending time after the reading prev (equal timestamps
 * collapse to the larger reading), is classified against R:
 *   rise       cur >= R: step = cur - R, R = cur
 *   step-back  R - cur <= stepback x |R| (a re-sent or rounded value):
 *              no consumption, R is kept
 *   rollover   otherwise, when a rollover is given and rollover - R + cur
 *              >= 0: step = rollover - R + cur, R = cur (rollover_count)
 *   reset      otherwise: the register counts again from zero:
 *              step = cur, R = cur (reset_count)
 *   if max_rate is given and step / (hours since prev) > max_rate, the
 *   step is rejected as implausible: not added, R = cur (rejected_count).
 * The first reading sets R. With stepback = 0 every drop is a reset or
 * rollover (thermaliq 1.0's rule). API.md section 5: 1000, 1010, 1009.9,
 * 1020 give 20 and no reset; 100, 130, 170, 5, 25 give 95 and one reset.
 */
#ifndef THERMALIQ_METER_H
#define THERMALIQ_METER_H

#include <stddef.h>
#include <stdint.h>

#include "math/timeweight.h"

/* The default step-back tolerance: 1 % of the register */
#define METER_DEFAULT_STEPBACK 0.01

typedef enum MeterError
{
	METER_OK = 0,
	METER_ERR_OVERLAP,
	METER_ERR_PARAM_MISMATCH,
	METER_ERR_OUT_OF_ORDER,		/* a reading before the stream's last one */
	METER_ERR_TOO_LONG,			/* a time span or count that does not fit an int64 */
	METER_ERR_NOT_FINITE		/* a delta that is NaN or infinite */
} MeterError;

/* How one reading was classified (meter_step) */
typedef enum MeterStepKind
{
	METER_RISE = 0,
	METER_STEPBACK,
	METER_RESET,
	METER_ROLLOVER,
	METER_REJECTED
} MeterStepKind;

/* Parameters of a stream or summary (compared for stitching), or of a plant counter */
typedef struct MeterParams
{
	int			has_rollover;
	double		rollover;
	int			has_max_rate;
	double		max_rate;		/* reading units per hour */
	double		stepback;		/* fraction of the register, 0 <= stepback < 1 */
} MeterParams;

/* Counts of the steps' classifications */
typedef struct MeterCounts
{
	int64_t		resets;
	int64_t		rollovers;
	int64_t		rejected;
	int64_t		stepbacks;
} MeterCounts;

/*
 * Summary of one sorted run; stored inside thermaliq.meter_summary.
 * reg is the register after the last reading. The "head" is the stretch
 * from the first reading up to the first reset, rollover or rejection
 * (head_break, METER_RISE when there is none): head_max is the register
 * at its end. rollup() needs both to re-evaluate a summary that follows a
 * step-back (see meter_summary_stitch).
 */
typedef struct MeterSummary
{
	MeterParams p;
	int64_t		first_ts;
	int64_t		last_ts;
	double		first_val;
	double		last_val;
	double		delta;
	double		reg;
	double		head_max;
	int32_t		head_break;		/* MeterStepKind */
	int32_t		pad;
	int64_t		sample_count;
	int64_t		reset_count;
	int64_t		rollover_count;
	int64_t		rejected_count;
} MeterSummary;

/*
 * Streaming state: the run (TwRun rules of timeweight.h: ordering, equal
 * timestamps, the pending last reading) and the register
 */
typedef struct MeterStream
{
	MeterParams p;
	TwRun		run;
	double		reg;			/* register before the pending step prev -> last */
	double		head_max;
	int32_t		head_break;
	TwSum		delta;
	MeterCounts counts;
} MeterStream;

/*
 * The consumption of the reading cur after prev against the register *reg
 * by the rules above; updates *reg, counts the step in *c and returns its
 * kind in *kind (may be NULL). Shared by meter_agg, rollup and the plant
 * calculations, so all of them treat a counter alike.
 */
extern double meter_step(const MeterParams *mp, double *reg, const TwPoint *prev,
						 const TwPoint *cur, MeterCounts *c, MeterStepKind *kind);

/* Parameters with every option off and the default step-back */
extern void meter_params_default(MeterParams *mp);

extern void meter_stream_init(MeterStream *st, const MeterParams *mp);

/*
 * Adds a reading in ascending order: METER_OK, or METER_ERR_OUT_OF_ORDER /
 * METER_ERR_TOO_LONG with the stream unchanged (TwRun rules)
 */
extern MeterError meter_stream_add(MeterStream *st, int64_t ts, double val);

/* Summary so far (n >= 1), stream unchanged; METER_ERR_NOT_FINITE on overflow */
extern MeterError meter_stream_summary(const MeterStream *st, MeterSummary *out);

/* Summary of a sorted, deduplicated array (see tw_sort_dedup); errors as the stream's */
extern MeterError meter_summarize_sorted(const TwPoint *pts, size_t n,
								   const MeterParams *mp, MeterSummary *out);

/* Equal parameters (stitching requires them) */
extern int	meter_params_equal(const MeterParams *a, const MeterParams *b);

/*
 * Stitches b after a: the step from a's register to b's first reading by
 * the rules above. When that step is a step-back, b's head is re-evaluated
 * from a's register (its rises count only above it, a rollover ending it
 * counts from the higher register). Exact, except when in b's head a later
 * reading is a step-back against b's own register but beyond the tolerance
 * of a's, or a step b rejected would pass from a's register: then the
 * result keeps b's classification of that reading.
 * METER_ERR_TOO_LONG when the stitched range or a count overflows an
 * int64, METER_ERR_NOT_FINITE when the delta does.
 */
extern MeterError meter_summary_stitch(const MeterSummary *a,
									   const MeterSummary *b,
									   MeterSummary *out);

#endif
