/*
 * rollup_energy.c
 *		thermaliq.rollup_energy(): the energy of one energy meter of a
 *		facility per fixed-width time bucket, the energy_kwh column of the
 *		rollups that thermaliq.create_rollup() makes (sql/install/83_rollups.sql).
 *
 * It reads the facility the way efficiency_series() does (read.c: quality 0
 * or 1, finite values, each row converted by its own unit, fuel by its
 * heating value on the meter's basis, outputs metered as a mass flow turned
 * into heat by IF97, counters spread linearly over each interval between
 * good reads) and integrates each meter over its OWN covered time in each
 * bucket, with interpolation to the bucket edges (integrate.c), so the
 * buckets of a meter add up to its energy over the whole range. Unlike
 * efficiency_series() it does not restrict a meter to the time that all
 * energy meters cover: a rollup row describes one meter.
 *
 * Buckets are those of thermaliq.time_bucket(p_bucket, ts) (UTC, aligned on
 * 2000-01-03, days of 24 h, no months): [lo, lo + w), ... covering
 * [p_from, p_to). A row is returned for each bucket in which the meter
 * covers some time, none when p_meter is no energy meter (fuel_input,
 * electric_input, heat/steam/hot-water output) of p_facility, or when the
 * facility is unknown or invisible to the caller.
 */
#include "postgres.h"

#include "common/int.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "pg/tq_time.h"
#include "plant/readings.h"

PG_FUNCTION_INFO_V1(rollup_energy);

/* At most this many buckets per call (as efficiency_series) */
#define ROLLUP_MAX_BUCKETS 1000000

/* 2000-01-03 00:00 UTC, the origin of thermaliq.time_bucket */
#define ROLLUP_ORIGIN (INT64CONST(2) * USECS_PER_DAY)

/* Start of the bucket of width w holding ts (thermaliq.time_bucket) */
static TimestampTz
BucketStart(TimestampTz ts, int64 w)
{
	int64		d = ts - ROLLUP_ORIGIN;
	int64		q = d / w;
	int64		r;

	if (d % w < 0)
		q--;
	if (pg_mul_s64_overflow(q, w, &r) || pg_add_s64_overflow(r, ROLLUP_ORIGIN, &r) ||
		!IS_VALID_TIMESTAMP(r))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range"),
				 errdetail("The bucket of width p_bucket holding a timestamp of the range starts outside PostgreSQL's timestamps.")));
	return r;
}

/* rollup_energy(p_facility, p_meter, p_from, p_to, p_bucket, p_readings) */
Datum
rollup_energy(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *meter = text_to_cstring(PG_GETARG_TEXT_PP(1));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(2);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(3);
	Interval   *bucket = PG_GETARG_INTERVAL_P(4);
	Oid			readings = PG_GETARG_OID(5);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext outer = CurrentMemoryContext;
	PlantFacility *fac;
	PlantWant  *want;
	PlantRead  *rd;
	TimestampTz lo,
				hi;
	int64		w,
				nb;
	int			i;

	if (bucket->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_bucket must not contain months or years"),
				 errhint("Use a fixed width such as '1 hour' or '1 day'; roll months up from days with rollup().")));
	if (pg_mul_s64_overflow((int64) bucket->day, USECS_PER_DAY, &w) ||
		pg_add_s64_overflow(w, bucket->time, &w) || w <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_bucket must be a positive interval")));
	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);

	/* whole buckets around [from, to); the read adds max_gap each side */
	lo = BucketStart(from, w);
	hi = BucketStart(to - 1, w);
	if (pg_add_s64_overflow(hi, w, &hi) || !IS_VALID_TIMESTAMP(hi))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	nb = (hi - lo) / w;
	if (nb > ROLLUP_MAX_BUCKETS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many buckets: %lld", (long long) nb),
				 errdetail("At most %d buckets are computed in one call.", ROLLUP_MAX_BUCKETS),
				 errhint("Use a longer p_bucket or a shorter range.")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	fac = PlantLoadFacilityExt(facility, true);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
		want[i] = PlantIsEnergyMeter(&fac->meters[i]) &&
			strcmp(fac->meters[i].meter_id, meter) == 0 ? PW_SERIES : PW_SKIP;
	rd = PlantReadFacility(readings, fac, want, lo, hi);

	for (i = 0; i < fac->nmeters; i++)
	{
		PwSpan	   *own;
		size_t		nown,
					h1 = 0,
					h2 = 0;
		int64		k;

		if (want[i] != PW_SERIES)
			continue;
		own = PlantCoveredSpans(rd, i, lo, hi, &nown);
		if (nown == 0)
			continue;
		/* only the buckets from the first to the last covered span */
		for (k = (BucketStart(own[0].a, w) - lo) / w; k < nb; k++)
		{
			TimestampTz a = lo + k * w;
			TimestampTz b = a + w;
			double		kwh;
			Datum		values[2];
			bool		nulls[2] = {0};
			MemoryContext old;

			CHECK_FOR_INTERRUPTS();
			if (a >= own[nown - 1].b)
				break;
			if (pw_span_overlap(own, nown, a, b, &h2) == 0)
				continue;
			kwh = PlantIntegrateOn(rd, i, own, nown, a, b, &h1);
			old = MemoryContextSwitchTo(outer);
			values[0] = TimestampTzGetDatum(a);
			values[1] = Float8GetDatum(kwh);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			MemoryContextSwitchTo(old);
		}
		pfree(own);
	}
	SPI_finish();
	return (Datum) 0;
}
