/*
 * balance.c
 *		thermaliq.heat_balance() and thermaliq.balance_closure(): energy in,
 *		useful energy out, losses from the physics and the unaccounted rest.
 *
 * Rows (README, "Plant calculations"), all over [p_from, p_to):
 *   input   each fuel meter (stream = meter_id, energy on its basis; every
 *           fuel meter of a facility must share one basis), then each
 *           electric meter;
 *   output  each heat_output, steam_output, hot_water_output meter;
 *   loss    dry_flue_gas, moisture (and co when a flue_gas_co meter exists)
 *           by the heat-loss method (combustion_losses) applied to each
 *           fuel meter's energy at the flue-gas temperature, O2, CO and
 *           combustion-air temperature averaged with that meter's fuel
 *           power as the weight, sum(x P dt) / sum(P dt), integrated
 *           exactly on the merged sample grid (so hours without firing
 *           weigh nothing); air: combustion_air_temperature meter, else
 *           the ambient_temperature meter, else
 *           facilities.ambient_temperature_c; no CO meter: 0 ppm.
 *           Omitted (left in unaccounted) when the flue-gas temperature or
 *           O2 does not overlap the firing, a fuel meter has no fuel_id,
 *           or the heat-loss method rejects the conditions (a NOTICE says
 *           why, e.g. flue gas colder than the air);
 *           radiation = facility_settings.radiation_loss_pct (default 1 %)
 *           of the fuel input;
 *           blowdown = each blowdown_flow meter metered as heat (kW, kWh);
 *   unaccounted  input - output - losses (negative when the outputs and
 *           losses exceed the input).
 * share_pct = 100 energy / total input (NULL when the input is 0).
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "math/combustion.h"
#include "math/units.h"
#include "plant/plant.h"
#include "plant/readings.h"


PG_FUNCTION_INFO_V1(heat_balance);
PG_FUNCTION_INFO_V1(balance_closure);

/* Name of a category */
const char *
PlantCategoryName(PlantCategory c)
{
	switch (c)
	{
		case PC_INPUT:
			return "input";
		case PC_OUTPUT:
			return "output";
		case PC_LOSS:
			return "loss";
		case PC_UNACCOUNTED:
			return "unaccounted";
	}
	return "?";
}

/* Appends a row */
static void
AddRow(PlantBalance *b, int *cap, PlantCategory c, const char *stream, double kwh)
{
	if (b->n == *cap)
	{
		*cap *= 2;
		b->rows = repalloc(b->rows, sizeof(PlantStream) * *cap);
	}
	b->rows[b->n].category = c;
	b->rows[b->n].stream = pstrdup(stream);
	b->rows[b->n].kwh = kwh;
	b->rows[b->n].electric = false;
	b->n++;
}

/* A running weighted mean: sum of x w dt and of w dt */
typedef struct WMean
{
	double		num;
	double		den;
} WMean;

/* Index of the segment of s holding (t0, t1), or -1 (outside, or a gap) */
static long
SegmentAt(const PlantSeries *s, int64 max_gap, TimestampTz t0, TimestampTz t1, size_t *hint)
{
	size_t		j = *hint;

	while (j + 1 < s->n && s->pts[j + 1].ts <= t0)
		j++;
	*hint = j;
	if (j + 1 >= s->n || s->pts[j].ts > t0 || s->pts[j + 1].ts < t1)
		return -1;
	if (s->pts[j + 1].ts - s->pts[j].ts > max_gap)
		return -1;
	return (long) j;
}

/* Value of segment j of s at t */
static double
ValueAt(const PlantSeries *s, long j, TimestampTz t)
{
	const TwPoint *p = &s->pts[j];
	const TwPoint *q = &s->pts[j + 1];

	if (s->method == TW_LOCF)
		return p->val;
	return p->val + (q->val - p->val) * ((double) (t - p->ts) / (double) (q->ts - p->ts));
}

/* Next sample time of s after t, or INT64_MAX */
static TimestampTz
NextTs(const PlantSeries *s, TimestampTz t, size_t *k)
{
	while (*k < s->n && s->pts[*k].ts <= t)
		(*k)++;
	return *k < s->n ? s->pts[*k].ts : PG_INT64_MAX;
}

/*
 * Adds the integral of x(t) w(t) dt and of w(t) dt over [from, to) to acc:
 * on the merged sample grid both are linear (or constant) on each piece,
 * so the product integrates exactly; pieces where either series has no
 * segment (outside its samples, or a gap) are skipped.
 */
static void
WeightedAdd(const PlantSeries *x, int64 x_gap, const PlantSeries *w, int64 w_gap,
			TimestampTz from, TimestampTz to, WMean *acc)
{
	size_t		hx = 0,
				hw = 0,
				kx = 0,
				kw = 0;
	TimestampTz t0 = from;

	if (x->n < 2 || w->n < 2)
		return;
	while (t0 < to)
	{
		TimestampTz t1;
		long		jx;
		long		jw;

		/* one piece per sample of either series: as long as the input */
		CHECK_FOR_INTERRUPTS();
		t1 = Min(to, Min(NextTs(x, t0, &kx), NextTs(w, t0, &kw)));
		jx = SegmentAt(x, x_gap, t0, t1, &hx);
		jw = SegmentAt(w, w_gap, t0, t1, &hw);
		if (t1 <= t0)
			break;
		if (jx >= 0 && jw >= 0)
		{
			double		dt = (double) (t1 - t0) / USECS_PER_HOUR;
			double		xa = ValueAt(x, jx, t0),
						xb = ValueAt(x, jx, t1),
						wa = ValueAt(w, jw, t0),
						wb = ValueAt(w, jw, t1);

			acc->num += dt * (xa * wa / 3.0 + xa * wb / 6.0 + xb * wa / 6.0 + xb * wb / 3.0);
			acc->den += dt * (wa + wb) / 2.0;
		}
		t0 = t1;
	}
}

/* Mean of the meters of a role weighted by fuel meter f's power; NaN without overlap */
static double
RoleMean(const PlantFacility *fac, const PlantSeries *series, PlantRole role,
		 int f, TimestampTz from, TimestampTz to, bool *metered, WMean *total)
{
	WMean		acc = {0.0, 0.0};
	int			i;

	*metered = false;
	for (i = 0; i < fac->nmeters; i++)
	{
		if (fac->meters[i].role != role)
			continue;
		*metered = true;
		WeightedAdd(&series[i], fac->meters[i].max_gap, &series[f],
					fac->meters[f].max_gap, from, to, &acc);
	}
	total->num += acc.num;
	total->den += acc.den;
	if (!(acc.den > 0))
		return NAN;
	return acc.num / acc.den;
}

/* Energy of meter i over [from, to) in kWh */
static double
MeterEnergy(const PlantFacility *fac, const PlantSeries *series, int i,
			TimestampTz from, TimestampTz to)
{
	int64		cov;

	return PlantIntegrate(&series[i], &fac->meters[i], from, to, &cov);
}

/* True when the registry unit of a blowdown meter is a heat flow or heat */
static bool
BlowdownIsHeat(const PlantMeter *m)
{
	const TqUnit *u = tq_unit_lookup(m->unit);

	return u != NULL && (u->dim == TQ_DIM_POWER || u->dim == TQ_DIM_ENERGY);
}

/* Flue-gas losses (kWh) of one fuel meter's energy; false if not computable */
static bool
FlueGasLosses(const PlantMeter *m, double energy_kwh, const TqCombustionInput *cond,
			  double *dry, double *moisture, double *co)
{
	TqCombustionInput in;
	TqCombustionLosses out;
	TqMathError err;
	const PlantFuel *f = m->fuel;

	if (f == NULL || isnan(cond->flue_gas_temp_c) || isnan(cond->o2_dry_pct))
		return false;
	in = *cond;
	if (isnan(in.co_ppm))
		in.co_ppm = 0.0;
	in.basis = m->hhv ? TQ_BASIS_HHV : TQ_BASIS_LHV;
	if (tq_combustion_losses(&f->tq, &in, &out, &err) != TQ_MATH_OK)
	{
		/* e.g. condensing operation: the heat-loss method does not apply */
		ereport(NOTICE,
				(errmsg("no flue-gas losses for fuel meter \"%s\": %s", m->meter_id, err.message),
				 err.detail[0] ? errdetail("%s", err.detail) : 0,
				 errhint("The flue-gas losses stay in the unaccounted rest.")));
		return false;
	}
	*dry = out.dry_flue_gas_pct * energy_kwh / 100.0;
	*moisture = out.moisture_pct * energy_kwh / 100.0;
	*co = out.co_pct * energy_kwh / 100.0;
	return true;
}

/* The heat balance of a facility over [from, to) */
void
PlantComputeBalance(Oid readings, const char *facility, TimestampTz from,
					TimestampTz to, PlantBalance *b)
{
	PlantFacility *fac;
	int			cap = 16;
	int			i;
	double		fuel_kwh = 0.0;
	double		dry = 0.0,
				moist = 0.0,
				co = 0.0;
	double	   *fuel_energy;
	bool	   *want;
	PlantSeries *series;
	bool		flue_ok = true,
				any_fuel = false,
				metered,
				co_metered = false;
	WMean		wfg = {0, 0},
				wo2 = {0, 0},
				wco = {0, 0},
				wair = {0, 0},
				wamb = {0, 0};

	PlantCheckRange(from, to);
	memset(b, 0, sizeof(*b));
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	b->fac = fac;
	b->rows = palloc(sizeof(PlantStream) * cap);
	fuel_energy = palloc0(sizeof(double) * (fac->nmeters + 1));
	want = palloc0(sizeof(bool) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		want[i] = m->role != PR_OTHER && (m->role != PR_BLOWDOWN || BlowdownIsHeat(m));
	}
	series = PlantReadMeters(readings, fac, want, from, to);

	/* inputs: fuel meters, then electric; then outputs */
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role != PR_FUEL_INPUT)
			continue;
		fuel_energy[i] = MeterEnergy(fac, series, i, from, to);
		AddRow(b, &cap, PC_INPUT, m->meter_id, fuel_energy[i]);
		fuel_kwh += fuel_energy[i];
		any_fuel = true;
	}
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_ELECTRIC_INPUT)
		{
			AddRow(b, &cap, PC_INPUT, fac->meters[i].meter_id,
				   MeterEnergy(fac, series, i, from, to));
			b->rows[b->n - 1].electric = true;
		}
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_HEAT_OUTPUT)
			AddRow(b, &cap, PC_OUTPUT, fac->meters[i].meter_id,
				   MeterEnergy(fac, series, i, from, to));

	/*
	 * Flue-gas losses per fuel meter, at the flue-gas conditions weighted
	 * by that meter's fuel power (periods without firing weigh nothing).
	 */
	for (i = 0; i < fac->nmeters && any_fuel; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		TqCombustionInput cond;
		double		d,
					mo,
					c;

		if (m->role != PR_FUEL_INPUT)
			continue;
		memset(&cond, 0, sizeof(cond));
		cond.flue_gas_temp_c = RoleMean(fac, series, PR_FLUE_GAS_TEMPERATURE, i, from, to, &metered, &wfg);
		cond.o2_dry_pct = RoleMean(fac, series, PR_FLUE_GAS_O2, i, from, to, &metered, &wo2);
		cond.co_ppm = RoleMean(fac, series, PR_FLUE_GAS_CO, i, from, to, &co_metered, &wco);
		cond.air_temp_c = RoleMean(fac, series, PR_AIR_TEMPERATURE, i, from, to, &metered, &wair);
		if (isnan(cond.air_temp_c))
			cond.air_temp_c = RoleMean(fac, series, PR_AMBIENT_TEMPERATURE, i, from, to, &metered, &wamb);
		if (isnan(cond.air_temp_c))
			cond.air_temp_c = fac->ambient_c;
		if (!flue_ok || !FlueGasLosses(m, fuel_energy[i], &cond, &d, &mo, &c))
		{
			flue_ok = false;
			continue;
		}
		dry += d;
		moist += mo;
		co += c;
	}
	b->flue_gas_temp_c = wfg.den > 0 ? wfg.num / wfg.den : NAN;
	b->o2_dry_pct = wo2.den > 0 ? wo2.num / wo2.den : NAN;
	b->co_ppm = wco.den > 0 ? wco.num / wco.den : NAN;
	b->air_temp_c = wair.den > 0 ? wair.num / wair.den :
		wamb.den > 0 ? wamb.num / wamb.den : fac->ambient_c;
	if (any_fuel && flue_ok)
	{
		AddRow(b, &cap, PC_LOSS, "dry_flue_gas", dry);
		AddRow(b, &cap, PC_LOSS, "moisture", moist);
		if (co_metered)
			AddRow(b, &cap, PC_LOSS, "co", co);
	}
	AddRow(b, &cap, PC_LOSS, "radiation", fac->radiation_loss_pct * fuel_kwh / 100.0);
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role == PR_BLOWDOWN && BlowdownIsHeat(m))
			AddRow(b, &cap, PC_LOSS, "blowdown",
				   MeterEnergy(fac, series, i, from, to));
	}

	for (i = 0; i < b->n; i++)
	{
		if (b->rows[i].category == PC_INPUT)
			b->input_kwh += b->rows[i].kwh;
		else if (b->rows[i].category == PC_OUTPUT)
			b->output_kwh += b->rows[i].kwh;
		else
			b->loss_kwh += b->rows[i].kwh;
	}
	b->unaccounted_kwh = b->input_kwh - b->output_kwh - b->loss_kwh;
	AddRow(b, &cap, PC_UNACCOUNTED, "unaccounted", b->unaccounted_kwh);
	PlantFreeSeries(fac, series);
	pfree(fuel_energy);
	pfree(want);
}

/* closure error and class of a balance */
bool
PlantClosure(const PlantBalance *b, double *error_pct, const char **klass)
{
	double		e;

	if (!(b->input_kwh > 0))
		return false;
	e = 100.0 * fabs(b->unaccounted_kwh) / b->input_kwh;
	*error_pct = e;
	if (e < 1.0)
		*klass = "excellent";
	else if (e <= 2.0)
		*klass = "good";
	else if (e <= 5.0)
		*klass = "marginal";
	else
		*klass = "reject";
	return true;
}

/* heat_balance(p_facility, p_from, p_to, p_readings) */
Datum
heat_balance(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantBalance b;
	int			i;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PlantComputeBalance(readings, facility, from, to, &b);
	for (i = 0; i < b.n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {0};

		values[0] = CStringGetTextDatum(PlantCategoryName(b.rows[i].category));
		values[1] = CStringGetTextDatum(b.rows[i].stream);
		values[2] = Float8GetDatum(b.rows[i].kwh);
		if (b.input_kwh != 0)
			values[3] = Float8GetDatum(100.0 * b.rows[i].kwh / b.input_kwh);
		else
			nulls[3] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}

/* balance_closure(p_facility, p_from, p_to, p_readings): one row */
Datum
balance_closure(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantBalance b;
	Datum		values[6];
	bool		nulls[6] = {0};
	double		err;
	const char *klass;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PlantComputeBalance(readings, facility, from, to, &b);
	values[0] = Float8GetDatum(b.input_kwh);
	values[1] = Float8GetDatum(b.output_kwh);
	values[2] = Float8GetDatum(b.loss_kwh);
	values[3] = Float8GetDatum(b.unaccounted_kwh);
	if (PlantClosure(&b, &err, &klass))
	{
		values[4] = Float8GetDatum(err);
		values[5] = CStringGetTextDatum(klass);
	}
	else
		nulls[4] = nulls[5] = true;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	SPI_finish();
	return (Datum) 0;
}
