/*
 * efficiency.c
 *		thermaliq.efficiency_series(): energy in and out per time bucket and
 *		the first-law (input-output) efficiency, with coverage and quality.
 *
 * Definitions (README, "Plant calculations"):
 *   buckets      [p_from + k p_bucket, p_from + (k+1) p_bucket), the last one
 *                clipped to p_to; at most 1,000,000 (else 54000);
 *   energies     every energy meter (fuel, electric, useful output)
 *                integrated with interpolation to the edges over the part
 *                of the bucket that ALL of them cover (common coverage,
 *                integrate.c), so input and output describe the same time
 *                and buckets add up to the whole range; meters of one role
 *                are summed; a role without meters contributes 0;
 *   efficiency   100 useful / (fuel + electric); NULL when that sum or the
 *                common coverage is 0;
 *   coverage_pct 100 x the common covered time / bucket length (a rate
 *                meter misses gaps longer than its max_gap and the time
 *                before its first or after its last sample; a counter
 *                covers every interval between two good reads); NULL
 *                without energy meters;
 *   gap_meters   the energy meters that miss time in the bucket, by
 *                meter_id; '{}' when none;
 *   quality_pct  100 x usable rows / all rows of those meters with
 *                bucket_start <= timestamp < bucket end (usable: quality 0
 *                or 1 and a finite, non-NULL value); NULL without rows.
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "plant/plant.h"
#include "plant/readings.h"
#include "plant/shard.h"

PG_FUNCTION_INFO_V1(efficiency_series);

#define PLANT_MAX_BUCKETS 1000000

/* Bucket edges from, from + bucket, ..., clipped to to; returns the bucket count */
int
PlantBucketEdges(TimestampTz from, TimestampTz to, Interval *bucket,
				 TimestampTz **edges_out)
{
	double		approx;
	double		nest;
	int			n = 0,
				cap;
	TimestampTz *edges;

	approx = (double) bucket->time + (double) bucket->day * USECS_PER_DAY +
		(double) bucket->month * DAYS_PER_MONTH * USECS_PER_DAY;
	if (approx <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_bucket must be a positive interval")));
	nest = ((double) (to - from)) / approx;
	if (nest > PLANT_MAX_BUCKETS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many buckets: about %.0f", ceil(nest)),
				 errdetail("At most %d buckets are computed in one call.", PLANT_MAX_BUCKETS),
				 errhint("Use a longer p_bucket or a shorter range.")));
	cap = (int) Min(nest + 8, PLANT_MAX_BUCKETS + 2);
	edges = palloc(sizeof(TimestampTz) * (cap + 1));
	edges[0] = from;
	for (;;)
	{
		TimestampTz next;
		Interval   *k;

		CHECK_FOR_INTERRUPTS();
		k = DatumGetIntervalP(DirectFunctionCall2(interval_mul, PointerGetDatum(bucket),
												  Float8GetDatum((double) (n + 1))));
		next = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval,
													   TimestampTzGetDatum(from),
													   PointerGetDatum(k)));
		pfree(k);
		if (next <= edges[n])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("p_bucket must be a positive interval"),
					 errdetail("Bucket %d would not end after it starts.", n + 1)));
		if (n + 1 > PLANT_MAX_BUCKETS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many buckets: more than %d", PLANT_MAX_BUCKETS),
					 errhint("Use a longer p_bucket or a shorter range.")));
		if (n + 1 >= cap)
		{
			cap *= 2;
			edges = repalloc(edges, sizeof(TimestampTz) * (cap + 1));
		}
		n++;
		if (next >= to)
		{
			edges[n] = to;
			break;
		}
		edges[n] = next;
	}
	*edges_out = edges;
	return n;
}

/* Integrates every energy meter over every bucket into the sums of res */
void
PlantEnergyBuckets(const PlantRead *rd, int nb, const TimestampTz *edges,
				   PlantBuckets *res)
{
	const PlantFacility *fac = rd->fac;
	int			i,
				j,
				k;
	int			ne = 0;
	PwSpan	   *common;
	size_t		nc,
				hint;

	res->nb = nb;
	res->fuel = palloc0(sizeof(double) * nb);
	res->electric = palloc0(sizeof(double) * nb);
	res->useful = palloc0(sizeof(double) * nb);
	res->covered = palloc0(sizeof(int64) * nb);
	res->rows = palloc0(sizeof(int64) * nb);
	res->usable = palloc0(sizeof(int64) * nb);
	res->energy_index = palloc(sizeof(int) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
		if (PlantIsEnergyMeter(&fac->meters[i]) && rd->series[i].want == PW_SERIES)
			res->energy_index[ne++] = i;
	res->energy_meters = ne;
	res->gap = palloc0((Size) nb * (ne > 0 ? ne : 1));

	/* the time every energy meter covers, over the whole range */
	common = PlantCommonSpans(rd, edges[0], edges[nb], &nc, &ne);
	hint = 0;
	for (k = 0; k < nb; k++)
		res->covered[k] = pw_span_overlap(common, nc, edges[k], edges[k + 1], &hint);

	for (j = 0; j < res->energy_meters; j++)
	{
		const PlantMeter *m;
		const PlantSeries *s;
		double	   *sum;
		PwSpan	   *own;
		size_t		nown,
					r,
					h1 = 0,
					h2 = 0;

		i = res->energy_index[j];
		m = &fac->meters[i];
		s = &rd->series[i];
		sum = m->role == PR_FUEL_INPUT ? res->fuel :
			m->role == PR_ELECTRIC_INPUT ? res->electric : res->useful;
		own = PlantCoveredSpans(rd, i, edges[0], edges[nb], &nown);
		for (k = 0; k < nb; k++)
		{
			CHECK_FOR_INTERRUPTS();
			if (nc > 0)
				sum[k] += PlantIntegrateOn(rd, i, common, nc, edges[k], edges[k + 1], &h1);
			if (pw_span_overlap(own, nown, edges[k], edges[k + 1], &h2) < edges[k + 1] - edges[k])
				res->gap[(Size) k * res->energy_meters + j] = 1;
		}
		pfree(own);
		/* rows: the bucket of each by binary search over the edges */
		for (r = 0; r < s->nraw; r++)
		{
			TimestampTz ts = s->raw[r].ts;
			int			lo = 0,
						hi = nb;

			if (ts < edges[0] || ts >= edges[nb])
				continue;
			while (lo < hi)
			{
				int			mid = lo + (hi - lo) / 2;

				if (edges[mid + 1] <= ts)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo < nb)
			{
				res->rows[lo]++;
				if (s->raw[r].flags & PLANT_ROW_USABLE)
					res->usable[lo]++;
			}
		}
	}
	if (common)
		pfree(common);
}

/* efficiency_series(p_facility, p_from, p_to, p_bucket, p_readings) */
Datum
efficiency_series(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Interval   *bucket = PG_GETARG_INTERVAL_P(3);
	Oid			readings = PG_GETARG_OID(4);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TimestampTz *edges;
	PlantFacility *fac;
	PlantBuckets b;
	Datum		edges_unused;
	PlantWant  *want;
	PlantRead  *rd;
	Datum	   *gap_ids;
	MemoryContext outer = CurrentMemoryContext;
	int			nb,
				i,
				k;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (PlantShardRoute(fcinfo, "efficiency_series", 4, &edges_unused))
		return (Datum) 0;
	nb = PlantBucketEdges(from, to, bucket, &edges);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
		want[i] = PlantIsEnergyMeter(&fac->meters[i]) ? PW_SERIES : PW_SKIP;
	rd = PlantReadFacility(readings, fac, want, edges[0], edges[nb]);
	PlantEnergyBuckets(rd, nb, edges, &b);
	gap_ids = palloc(sizeof(Datum) * (b.energy_meters + 1));

	for (k = 0; k < nb; k++)
	{
		Datum		values[8];
		bool		nulls[8] = {0};
		double		denom = b.fuel[k] + b.electric[k];
		int			ng = 0,
					j;
		MemoryContext old;

		values[0] = TimestampTzGetDatum(edges[k]);
		values[1] = Float8GetDatum(b.fuel[k]);
		values[2] = Float8GetDatum(b.electric[k]);
		values[3] = Float8GetDatum(b.useful[k]);
		if (denom != 0 && b.covered[k] > 0)
			values[4] = Float8GetDatum(100.0 * b.useful[k] / denom);
		else
			nulls[4] = true;
		if (b.energy_meters > 0)
			values[5] = Float8GetDatum(100.0 * (double) b.covered[k] /
									   (double) (edges[k + 1] - edges[k]));
		else
			nulls[5] = true;
		if (b.rows[k] > 0)
			values[6] = Float8GetDatum(100.0 * (double) b.usable[k] / (double) b.rows[k]);
		else
			nulls[6] = true;
		old = MemoryContextSwitchTo(outer);
		for (j = 0; j < b.energy_meters; j++)
			if (b.gap[(Size) k * b.energy_meters + j])
				gap_ids[ng++] = CStringGetTextDatum(fac->meters[b.energy_index[j]].meter_id);
		values[7] = PointerGetDatum(construct_array(gap_ids, ng, TEXTOID, -1, false, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		for (j = 0; j < ng; j++)
			pfree(DatumGetPointer(gap_ids[j]));
		pfree(DatumGetPointer(values[7]));
		MemoryContextSwitchTo(old);
	}
	SPI_finish();
	return (Datum) 0;
}
