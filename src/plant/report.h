/*
 * report.h
 *		What analyze() takes from the one read (report.c): data quality per
 *		meter (quality.c) and the provenance digest of exactly the rows the
 *		calculation used (digest.c).
 */
#ifndef THERMALIQ_PLANT_REPORT_H
#define THERMALIQ_PLANT_REPORT_H

#include "postgres.h"

#include "plant/readings.h"

/* Data quality of one meter over [from, to) (README, "analyze") */
typedef struct PlantMeterQuality
{
	int64		n;				/* rows with from <= ts < to */
	int64		valid;			/* usable: finite value, quality 0 or 1 */
	int64		uncertain;		/* quality 1 */
	int64		bad;			/* quality 2 */
	int64		stale;			/* quality 3 */
	int64		nulls;			/* value IS NULL */
	int64		nans;			/* value NaN or infinite */
	double		exp_s;			/* expected interval, s; NaN = none */
	const char *exp_src;		/* "option", "median" or NULL */
	double		completeness;	/* %; NaN = NULL */
	int64		gaps;			/* intervals (edges included) > 2 x exp_s */
	double		gap_s;
	double		uncovered_s;	/* energy meters: time of [from, to) not covered; NaN otherwise */
} PlantMeterQuality;

/* Quality of meter i of the read; opt_s the expected interval option (NaN = none) */
extern void PlantMeterQualityOf(const PlantRead *rd, int i, double opt_s,
								PlantMeterQuality *q);

/*
 * SHA-256 (64 hex digits, palloc'd) of the rows the calculation of [from,
 * to] used, in the encoding thermaliq-provenance-v2 (digest.c).
 */
extern char *PlantReadingsDigest(const PlantRead *rd);

#endif
