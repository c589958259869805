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
 *           fuel meter's energy at the time-weighted mean flue-gas
 *           temperature, O2, CO and combustion-air temperature of the
 *           range (air: combustion_air_temperature meter, else the
 *           ambient_temperature meter, else facilities.ambient_temperature_c);
 *           omitted when the flue-gas temperature or O2 has no coverage or a
 *           fuel meter has no fuel analysis;
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
	b->n++;
}

/* Time-weighted mean over [from, to) of all meters of a role; NaN without coverage */
static double
RoleMean(Oid readings, const PlantFacility *fac, PlantRole role,
		 TimestampTz from, TimestampTz to, bool *metered)
{
	double		integral = 0.0;
	int64		covered = 0;
	int			i;

	*metered = false;
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		PlantSeries s;
		int64		cov;

		if (m->role != role)
			continue;
		*metered = true;
		PlantReadSeries(readings, fac, m, from, to, &s);
		integral += PlantIntegrate(&s, m, from, to, &cov);
		covered += cov;
		pfree(s.pts);
		pfree(s.rows);
	}
	if (covered <= 0)
		return NAN;
	return integral / ((double) covered / USECS_PER_HOUR);
}

/* Energy of one meter over [from, to) in kWh */
static double
MeterEnergy(Oid readings, const PlantFacility *fac, const PlantMeter *m,
			TimestampTz from, TimestampTz to)
{
	PlantSeries s;
	int64		cov;
	double		e;

	PlantReadSeries(readings, fac, m, from, to, &s);
	e = PlantIntegrate(&s, m, from, to, &cov);
	pfree(s.pts);
	pfree(s.rows);
	return e;
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
FlueGasLosses(const PlantMeter *m, double energy_kwh, const PlantBalance *b,
			  double *dry, double *moisture, double *co)
{
	TqFuel		fuel;
	TqCombustionInput in;
	TqCombustionLosses out;
	TqMathError err;
	const PlantFuel *f = m->fuel;

	if (f == NULL || isnan(b->flue_gas_temp_c) || isnan(b->o2_dry_pct))
		return false;
	memset(&fuel, 0, sizeof(fuel));
	fuel.fuel_id = f->fuel_id;
	fuel.hhv_mj_kg = f->hhv_mj_kg;
	fuel.lhv_mj_kg = f->lhv_mj_kg;
	fuel.carbon = f->carbon;
	fuel.hydrogen = f->hydrogen;
	fuel.oxygen = f->oxygen;
	fuel.nitrogen = f->nitrogen;
	fuel.sulfur = f->sulfur;
	fuel.moisture = f->moisture;
	fuel.ash = f->ash;
	fuel.exergy_factor_lhv = NAN;
	fuel.siegert_a1 = NAN;
	fuel.siegert_b = NAN;
	in.flue_gas_temp_c = b->flue_gas_temp_c;
	in.air_temp_c = b->air_temp_c;
	in.o2_dry_pct = b->o2_dry_pct;
	in.co_ppm = isnan(b->co_ppm) ? 0.0 : b->co_ppm;
	in.basis = m->hhv ? TQ_BASIS_HHV : TQ_BASIS_LHV;
	if (tq_combustion_losses(&fuel, &in, &out, &err) != TQ_MATH_OK)
		ereport(ERROR,
				(errcode(err.status == TQ_MATH_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
						 : ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("flue-gas losses of fuel meter \"%s\": %s", m->meter_id, err.message),
				 err.detail[0] ? errdetail("%s", err.detail) : 0,
				 err.hint[0] ? errhint("%s", err.hint) : 0));
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
	bool		flue_ok = true,
				any_fuel = false,
				metered,
				co_metered;

	PlantCheckRange(from, to);
	memset(b, 0, sizeof(*b));
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	b->fac = fac;
	b->rows = palloc(sizeof(PlantStream) * cap);
	fuel_energy = palloc0(sizeof(double) * (fac->nmeters + 1));

	/* inputs: fuel meters, then electric; then outputs */
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role != PR_FUEL_INPUT)
			continue;
		fuel_energy[i] = MeterEnergy(readings, fac, m, from, to);
		AddRow(b, &cap, PC_INPUT, m->meter_id, fuel_energy[i]);
		fuel_kwh += fuel_energy[i];
		any_fuel = true;
	}
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_ELECTRIC_INPUT)
			AddRow(b, &cap, PC_INPUT, fac->meters[i].meter_id,
				   MeterEnergy(readings, fac, &fac->meters[i], from, to));
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_HEAT_OUTPUT)
			AddRow(b, &cap, PC_OUTPUT, fac->meters[i].meter_id,
				   MeterEnergy(readings, fac, &fac->meters[i], from, to));

	/* mean flue-gas conditions */
	b->flue_gas_temp_c = RoleMean(readings, fac, PR_FLUE_GAS_TEMPERATURE, from, to, &metered);
	b->o2_dry_pct = RoleMean(readings, fac, PR_FLUE_GAS_O2, from, to, &metered);
	b->co_ppm = RoleMean(readings, fac, PR_FLUE_GAS_CO, from, to, &co_metered);
	b->air_temp_c = RoleMean(readings, fac, PR_AIR_TEMPERATURE, from, to, &metered);
	if (isnan(b->air_temp_c))
		b->air_temp_c = RoleMean(readings, fac, PR_AMBIENT_TEMPERATURE, from, to, &metered);
	if (isnan(b->air_temp_c))
		b->air_temp_c = fac->ambient_c;

	/* losses */
	for (i = 0; i < fac->nmeters && any_fuel; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		double		d,
					mo,
					c;

		if (m->role != PR_FUEL_INPUT)
			continue;
		if (!FlueGasLosses(m, fuel_energy[i], b, &d, &mo, &c))
		{
			flue_ok = false;
			break;
		}
		dry += d;
		moist += mo;
		co += c;
	}
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
				   MeterEnergy(readings, fac, m, from, to));
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
	pfree(fuel_energy);
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
