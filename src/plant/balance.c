/*
 * balance.c
 *		thermaliq.heat_balance() and thermaliq.balance_closure(): energy in,
 *		useful energy out, losses from the physics and the unaccounted rest.
 *
 * Every energy (inputs, outputs, losses) is integrated over the time of
 * [p_from, p_to) that all the energy meters cover (common coverage,
 * integrate.c), so that input and output describe the same time.
 *
 * Rows (README, "Plant calculations"):
 *   input   each fuel meter (stream = meter_id, energy on its basis; every
 *           fuel meter of a facility must share one basis), then each
 *           electric meter;
 *   output  each heat_output, steam_output, hot_water_output meter
 *           (metered as heat, or as a mass flow: outputs.c, IF97);
 *   loss    dry_flue_gas, moisture (and co when a flue_gas_co meter exists)
 *           by the heat-loss method (combustion_losses) applied to each
 *           fuel meter's energy at the flue-gas temperature, O2, CO and
 *           combustion-air temperature averaged with that meter's fuel
 *           power as the weight, sum(x P dt) / sum(P dt), integrated
 *           exactly on the merged sample grid over the common coverage
 *           (so hours without firing weigh nothing; math/piecewise.c); air: combustion_air_temperature meter, else
 *           the ambient_temperature meter, else
 *           facilities.ambient_temperature_c; no CO meter: 0 ppm.
 *           Omitted (left in unaccounted) when the flue-gas temperature or
 *           O2 does not overlap the firing, a fuel meter has no fuel_id,
 *           or the heat-loss method rejects the conditions (a NOTICE says
 *           why, e.g. flue gas colder than the air);
 *           1.1: humid combustion air (ambient_humidity meter, else
 *           facility_settings.air_humidity_pct, else dry) and condensation
 *           below the water dew point; the moisture row is the sensible
 *           heat of all flue-gas water, latent_heat the latent heat that
 *           leaves with the uncondensed water (on both bases; an LHV
 *           balance adds the fuel water's latent heat, HHV - LHV, as the
 *           input row latent_heat_above_lhv, so the balance still closes);
 *           radiation = the casing loss (CasingLossKwh: from the surface,
 *           by load after the ABMA chart, or facility_settings.
 *           radiation_loss_pct, default 1 %, of the fuel input);
 *           blowdown = each blowdown_flow meter metered as heat (kW, kWh)
 *           or as a mass flow with a drum pressure (outputs.c);
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
#include "math/piecewise.h"
#include "math/shell.h"
#include "math/units.h"
#include "plant/plant.h"
#include "plant/shard.h"
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
	b->rows[b->n].latent_input = false;
	b->n++;
}

/*
 * Flue-gas losses (kWh) of one fuel meter's energy; false if not computable.
 * 1.1: humid air (rh_pct, NaN = dry), condensation; the moisture loss is
 * split into its sensible part (all water as vapour, air to flue-gas
 * temperature) and the latent heat that leaves with the uncondensed water
 * (2442 kJ/kg of fuel water less h_fg of what condenses), on both bases;
 * *latent_in is the latent heat of the fuel water, HHV - LHV, that an LHV
 * balance adds as an input so the latent loss shows there too.
 */
static bool
FlueGasLosses(const PlantMeter *m, double energy_kwh, const TqCombustionInput *cond,
			  double rh_pct, double *dry, double *moisture, double *latent,
			  double *latent_in, double *co)
{
	TqCombustionInput in;
	TqCombustionLosses out;
	TqAirState	air;
	TqMathError err;
	const PlantFuel *f = m->fuel;
	double		kg_fuel;

	if (f == NULL || isnan(cond->flue_gas_temp_c) || isnan(cond->o2_dry_pct))
		return false;
	in = *cond;
	if (isnan(in.co_ppm))
		in.co_ppm = 0.0;
	in.basis = m->hhv ? TQ_BASIS_HHV : TQ_BASIS_LHV;
	if (tq_combustion_air(in.air_temp_c, rh_pct, &air, &err) != TQ_MATH_OK ||
		tq_combustion_losses_air(&f->tq, &in, &air, &out, &err) != TQ_MATH_OK)
	{
		/* e.g. flue gas colder than the air: the heat-loss method does not apply */
		ereport(NOTICE,
				(errmsg("no flue-gas losses for fuel meter \"%s\": %s", m->meter_id, err.message),
				 err.detail[0] ? errdetail("%s", err.detail) : 0,
				 errhint("The flue-gas losses stay in the unaccounted rest.")));
		return false;
	}
	/* kg of fuel burnt: energy (kWh on the meter's basis) x 3.6 / HV (MJ/kg) */
	kg_fuel = energy_kwh * 3.6 / tq_fuel_hv(&f->tq, in.basis);
	*dry = out.dry_flue_gas_pct * energy_kwh / 100.0;
	*moisture = kg_fuel * out.moisture_sensible_kj_kg / 3600.0;
	*latent = kg_fuel * (out.latent_fuel_kj_kg - out.latent_credit_kj_kg) / 3600.0;
	*latent_in = in.basis == TQ_BASIS_LHV ? kg_fuel * out.latent_fuel_kj_kg / 3600.0 : 0.0;
	*co = out.co_pct * energy_kwh / 100.0;
	return true;
}

/*
 * Casing (radiation and convection) loss, kWh (1.1): from the surface when
 * facility_settings gives its area and temperature (surface_loss_kw at the
 * mean combustion-air temperature, over the covered time); by load after
 * the ABMA chart when radiation_rated_load_kw is set (radiation_loss_pct
 * at that fuel input is a constant heat flow: pct x rated x covered hours,
 * i.e. pct x rated / actual load of the fuel input); else
 * radiation_loss_pct of the fuel input.
 */
static double
CasingLossKwh(const PlantFacility *fac, const PlantBalance *b, double fuel_kwh)
{
	double		hours = (double) b->covered / USECS_PER_HOUR;
	double		kw;
	TqMathError err;

	if (!isnan(fac->surface_area_m2) && !isnan(fac->surface_temperature_c))
	{
		if (tq_surface_loss_kw(fac->surface_area_m2, fac->surface_temperature_c,
							   b->air_temp_c, fac->surface_emissivity, &kw, &err) != TQ_MATH_OK)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("casing loss of facility \"%s\": %s", fac->facility_id, err.message)));
		return kw * hours;
	}
	if (!isnan(fac->radiation_rated_load_kw))
		return fac->radiation_loss_pct / 100.0 * fac->radiation_rated_load_kw * hours;
	return fac->radiation_loss_pct * fuel_kwh / 100.0;
}

/* The meters a balance reads: every role it uses */
void
PlantBalanceWants(const PlantFacility *fac, PlantWant *want)
{
	int			i;

	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		/* 1.1: blowdown by mass flow too (outputs.c turns it into heat) */
		want[i] = m->role != PR_OTHER ? PW_SERIES : PW_SKIP;
	}
}

/* The heat balance of the read's facility over [from, to) */
void
PlantBalanceFromRead(const PlantRead *rd, TimestampTz from, TimestampTz to,
					 PlantBalance *b)
{
	const PlantFacility *fac = rd->fac;
	int			cap = 16;
	int			i;
	double		fuel_kwh = 0.0;
	double		dry = 0.0,
				moist = 0.0,
				latent = 0.0,
				latent_in = 0.0,
				co = 0.0;
	double	   *fuel_energy;
	bool		flue_ok = true,
				any_fuel = false,
				metered,
				co_metered = false;
	double		wfg[2] = {0, 0},
				wo2[2] = {0, 0},
				wco[2] = {0, 0},
				wair[2] = {0, 0},
				wamb[2] = {0, 0};
	PwSpan	   *common;
	size_t		nc,
				k;

	memset(b, 0, sizeof(*b));
	b->fac = (PlantFacility *) fac;
	b->rows = palloc(sizeof(PlantStream) * cap);
	fuel_energy = palloc0(sizeof(double) * (fac->nmeters + 1));
	common = PlantCommonSpans(rd, from, to, &nc, &b->energy_meters);
	b->covered = 0;
	for (k = 0; k < nc; k++)
		b->covered += common[k].b - common[k].a;

	b->meter_kwh = palloc0(sizeof(double) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
	{
		size_t		hint = 0;

		if (rd->series[i].want == PW_SERIES && nc > 0)
			b->meter_kwh[i] = PlantIntegrateOn(rd, i, common, nc, from, to, &hint);
	}
#define ENERGY(i) (b->meter_kwh[(i)])

	/* inputs: fuel meters, then electric; then outputs */
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role != PR_FUEL_INPUT)
			continue;
		fuel_energy[i] = ENERGY(i);
		AddRow(b, &cap, PC_INPUT, m->meter_id, fuel_energy[i]);
		fuel_kwh += fuel_energy[i];
		any_fuel = true;
	}
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_ELECTRIC_INPUT)
		{
			AddRow(b, &cap, PC_INPUT, fac->meters[i].meter_id, ENERGY(i));
			b->rows[b->n - 1].electric = true;
		}
	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == PR_HEAT_OUTPUT)
			AddRow(b, &cap, PC_OUTPUT, fac->meters[i].meter_id, ENERGY(i));

	/*
	 * Flue-gas losses per fuel meter, at the flue-gas conditions weighted
	 * by that meter's fuel power over the common coverage (periods without
	 * firing weigh nothing).
	 */
	for (i = 0; i < fac->nmeters && any_fuel; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		TqCombustionInput cond;
		double		d,
					mo,
					la,
					li,
					c,
					rh,
					wrh[2] = {0, 0};

		if (m->role != PR_FUEL_INPUT)
			continue;
		memset(&cond, 0, sizeof(cond));
		cond.flue_gas_temp_c = PlantWeightedMean(rd, PR_FLUE_GAS_TEMPERATURE, i, common, nc, &metered, &wfg[0], &wfg[1]);
		cond.o2_dry_pct = PlantWeightedMean(rd, PR_FLUE_GAS_O2, i, common, nc, &metered, &wo2[0], &wo2[1]);
		cond.co_ppm = PlantWeightedMean(rd, PR_FLUE_GAS_CO, i, common, nc, &co_metered, &wco[0], &wco[1]);
		cond.air_temp_c = PlantWeightedMean(rd, PR_AIR_TEMPERATURE, i, common, nc, &metered, &wair[0], &wair[1]);
		if (isnan(cond.air_temp_c))
			cond.air_temp_c = PlantWeightedMean(rd, PR_AMBIENT_TEMPERATURE, i, common, nc, &metered, &wamb[0], &wamb[1]);
		if (isnan(cond.air_temp_c))
			cond.air_temp_c = fac->ambient_c;
		/* air humidity: ambient_humidity meter, else the facility setting */
		rh = PlantWeightedMean(rd, PR_AMBIENT_HUMIDITY, i, common, nc, &metered, &wrh[0], &wrh[1]);
		if (isnan(rh))
			rh = fac->air_humidity_pct;
		if (!flue_ok || !FlueGasLosses(m, fuel_energy[i], &cond, rh, &d, &mo, &la, &li, &c))
		{
			flue_ok = false;
			continue;
		}
		dry += d;
		moist += mo;
		latent += la;
		latent_in += li;
		co += c;
	}
	b->flue_gas_temp_c = wfg[1] > 0 ? wfg[0] / wfg[1] : NAN;
	b->o2_dry_pct = wo2[1] > 0 ? wo2[0] / wo2[1] : NAN;
	b->co_ppm = wco[1] > 0 ? wco[0] / wco[1] : NAN;
	b->air_temp_c = wair[1] > 0 ? wair[0] / wair[1] :
		wamb[1] > 0 ? wamb[0] / wamb[1] : fac->ambient_c;
	b->air_metered = wair[1] > 0;
	b->flue_losses = any_fuel && flue_ok;
	if (any_fuel && flue_ok)
	{
		/* an LHV balance shows the latent heat as an input and a loss */
		if (latent_in > 0)
		{
			AddRow(b, &cap, PC_INPUT, "latent_heat_above_lhv", latent_in);
			b->rows[b->n - 1].latent_input = true;
		}
		AddRow(b, &cap, PC_LOSS, "dry_flue_gas", dry);
		AddRow(b, &cap, PC_LOSS, "moisture", moist);
		AddRow(b, &cap, PC_LOSS, "latent_heat", latent);
		if (co_metered)
			AddRow(b, &cap, PC_LOSS, "co", co);
	}
	AddRow(b, &cap, PC_LOSS, "radiation", CasingLossKwh(fac, b, fuel_kwh));
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		/* heat-metered, or a mass flow outputs.c turned into heat */
		if (m->role == PR_BLOWDOWN && rd->series[i].want == PW_SERIES &&
			!rd->series[i].flow_kg_h)
			AddRow(b, &cap, PC_LOSS, "blowdown", ENERGY(i));
	}
#undef ENERGY

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
	if (common)
		pfree(common);
}

/* The heat balance of a facility over [from, to): its own read */
void
PlantComputeBalance(Oid readings, const char *facility, TimestampTz from,
					TimestampTz to, PlantBalance *b)
{
	PlantFacility *fac;
	PlantWant  *want;
	PlantRead  *rd;

	PlantCheckRange(from, to);
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	PlantBalanceWants(fac, want);
	rd = PlantReadFacility(readings, fac, want, from, to);
	PlantBalanceFromRead(rd, from, to, b);
	pfree(want);
}

/* Links of a balance, in heat_balance row order */
int
PlantSankeyLinks(const PlantBalance *b, PlantLink **links)
{
	PlantLink  *l = palloc(sizeof(PlantLink) * (b->n + 1));
	const char *node = b->fac->facility_id;
	int			i;

	for (i = 0; i < b->n; i++)
	{
		const PlantStream *r = &b->rows[i];

		l[i].category = r->category;
		l[i].electric = r->electric;
		if (r->category == PC_INPUT || (r->category == PC_UNACCOUNTED && r->kwh < 0))
		{
			l[i].source = r->stream;
			l[i].target = node;
		}
		else
		{
			l[i].source = node;
			l[i].target = r->stream;
		}
		l[i].kwh = (r->category == PC_UNACCOUNTED && r->kwh < 0) ? -r->kwh : r->kwh;
	}
	*links = l;
	return b->n;
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
	Datum		routed;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantBalance b;
	int			i;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (PlantShardRoute(fcinfo, "heat_balance", 3, &routed))
		return (Datum) 0;
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
	Datum		routed;
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantBalance b;
	Datum		values[6];
	bool		nulls[6] = {0};
	double		err;
	const char *klass;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (PlantShardRoute(fcinfo, "balance_closure", 3, &routed))
		return (Datum) 0;
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
