/*
 * outputs.c
 *		Outputs and blowdown from primary measurements (API.md section 4,
 *		1.1): a steam_output, hot_water_output or heat_output meter metered
 *		as a mass flow (kg/h, t/h, lb/h, or a mass counter) becomes heat,
 *		and a blowdown_flow meter in kg/h becomes the heat it carries away,
 *		by IAPWS-IF97 at every sample of the flow (src/math/steam.c):
 *
 *   steam_output        h_out at the steam_pressure and steam_temperature
 *                       meters (saturated vapour at that pressure when no
 *                       steam_temperature meter exists), h_in compressed
 *                       liquid at the feedwater_temperature meter and the
 *                       steam pressure;
 *   hot_water_output,   h_out liquid at supply_temperature, h_in liquid at
 *   heat_output         return_temperature (compressed at the steam_pressure
 *                       meter when there is one, else saturated liquid);
 *   blowdown_flow       h_out saturated liquid at the steam_pressure (drum)
 *                       meter, h_in the feedwater (feedwater_temperature
 *                       meter, else saturated liquid at the dead state:
 *                       cold make-up).
 *
 * heat = m (h_out - h_in), exergy = m ((h_out - h_in) - T0 (s_out - s_in))
 * with T0 the facility's ambient_temperature meter at that time, else
 * facilities.ambient_temperature_c. The state meters are interpolated
 * linearly to each flow sample; a sample where one of them has no covered
 * value (outside its samples or inside a gap longer than its max_gap) is
 * dropped, so that time is uncovered like any other gap. A flow meter whose
 * state meters do not exist at all is an error (22023) naming the role;
 * blowdown without a drum pressure stays a mass flow and out of the
 * balance (analyze() says so in its blowdown opportunity). States outside IF97 or steam colder than
 * its saturation temperature: 22003 naming the meter and the time.
 */
#include "postgres.h"

#include <math.h>

#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "math/steam.h"
#include "plant/readings.h"

/* The value of the first series of a role at t; NaN when not covered there */
static double
StateAt(const PlantRead *rd, PlantRole role, int64 t, bool *metered)
{
	const PlantFacility *fac = rd->fac;
	int			i;

	*metered = false;
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *s = &rd->series[i];
		size_t		k;
		double		f;

		if (fac->meters[i].role != role || s->want != PW_SERIES)
			continue;
		*metered = true;
		if (s->n == 0 || t < s->pts[0].ts || t > s->pts[s->n - 1].ts)
			continue;
		k = pw_find(s->pts, s->n, t);
		if (s->pts[k].ts == t)
			return s->pts[k].val;
		if (k + 1 >= s->n || (s->gap > 0 && s->pts[k + 1].ts - s->pts[k].ts > s->gap))
			continue;
		f = (double) (t - s->pts[k].ts) / (double) (s->pts[k + 1].ts - s->pts[k].ts);
		return s->pts[k].val + f * (s->pts[k + 1].val - s->pts[k].val);
	}
	return NAN;
}

/* True when the facility has a meter of the role */
static bool
HasRole(const PlantFacility *fac, PlantRole role)
{
	int			i;

	for (i = 0; i < fac->nmeters; i++)
		if (fac->meters[i].role == role)
			return true;
	return false;
}

/* ERROR 22023: a flow meter needs a state meter of a role */
static void
NeedRole(const PlantMeter *m, const char *role)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s meter \"%s\" is metered as a mass flow but the facility has no %s meter",
					m->role_name, m->meter_id, role),
			 errdetail("A mass flow becomes heat as flow x (h_out - h_in) by IAPWS-IF97, from the states the facility meters."),
			 errhint("Register a %s meter in thermaliq.meters, or meter the output as heat (kW or kWh).", role)));
}

/* ERROR 22003 from the steam maths, naming the meter and the sample time */
static void
StateError(const PlantMeter *m, int64 t, const TqMathError *err)
{
	ereport(ERROR,
			(errcode(err->status == TQ_MATH_RANGE ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
					 : ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("meter \"%s\" at %s: %s", m->meter_id, timestamptz_to_str(t), err->message),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 errhint("Check the facility's steam_pressure (MPa absolute), steam_temperature, feedwater_temperature, supply_temperature and return_temperature readings.")));
}

/* Converts one flow series to heat (kW) and exergy (kW), dropping uncovered samples */
static void
FlowToHeat(PlantRead *rd, int mi)
{
	const PlantFacility *fac = rd->fac;
	const PlantMeter *m = &fac->meters[mi];
	PlantSeries *s = &rd->series[mi];
	bool		steam = strcmp(m->role_name, "steam_output") == 0;
	bool		blowdown = m->role == PR_BLOWDOWN;
	bool		have_t = HasRole(fac, PR_STEAM_TEMPERATURE);
	size_t		k,
				kept = 0;

	if ((steam || blowdown) && !HasRole(fac, PR_STEAM_PRESSURE))
	{
		if (blowdown)
		{
			/* analyze() says so in its blowdown opportunity */
			ereport(DEBUG1,
					(errmsg("blowdown meter \"%s\" is a mass flow without a drum pressure: it stays out of the heat balance",
							m->meter_id),
					 errhint("Register a steam_pressure meter (the drum pressure), or meter the blowdown as heat (kW).")));
			return;
		}
		NeedRole(m, "steam_pressure");
	}
	if (steam && !HasRole(fac, PR_FEEDWATER_TEMPERATURE))
		NeedRole(m, "feedwater_temperature");
	if (!steam && !blowdown)
	{
		if (!HasRole(fac, PR_SUPPLY_TEMPERATURE))
			NeedRole(m, "supply_temperature");
		if (!HasRole(fac, PR_RETURN_TEMPERATURE))
			NeedRole(m, "return_temperature");
	}
	s->exergy = palloc(sizeof(double) * (s->n + 1));
	for (k = 0; k < s->n; k++)
	{
		int64		t = s->pts[k].ts;
		bool		metered;
		double		p = StateAt(rd, PR_STEAM_PRESSURE, t, &metered);
		double		t0 = StateAt(rd, PR_AMBIENT_TEMPERATURE, t, &metered);
		double		q,
					ex,
					tin;
		TqWaterState out,
					in;
		TqMathError err;
		int			rc;

		if (!metered)
			t0 = fac->ambient_c;
		if (isnan(t0))
			continue;
		if (steam)
		{
			double		ts = have_t ? StateAt(rd, PR_STEAM_TEMPERATURE, t, &metered) : NAN;

			tin = StateAt(rd, PR_FEEDWATER_TEMPERATURE, t, &metered);
			if (isnan(p) || isnan(tin) || (have_t && isnan(ts)))
				continue;
			rc = tq_steam_state(p, have_t ? ts + 273.15 : NAN, &out, &err);
		}
		else if (blowdown)
		{
			if (isnan(p))
				continue;
			tin = StateAt(rd, PR_FEEDWATER_TEMPERATURE, t, &metered);
			if (!metered)
				tin = t0;
			if (isnan(tin))
				continue;
			rc = tq_drum_water_state(p, &out, &err);
		}
		else
		{
			double		tsup = StateAt(rd, PR_SUPPLY_TEMPERATURE, t, &metered);

			tin = StateAt(rd, PR_RETURN_TEMPERATURE, t, &metered);
			if (isnan(tsup) || isnan(tin))
				continue;
			rc = tq_liquid_state(p, tsup + 273.15, &out, &err);
		}
		if (rc != TQ_MATH_OK ||
			tq_liquid_state(p, tin + 273.15, &in, &err) != TQ_MATH_OK ||
			tq_flow_heat_kw(s->pts[k].val, &out, &in, t0 + 273.15, &q, &ex, &err) != TQ_MATH_OK)
			StateError(m, t, &err);
		s->pts[kept].ts = t;
		s->pts[kept].val = q;
		s->exergy[kept] = ex;
		kept++;
	}
	s->n = kept;
	s->flow_kg_h = false;
	s->from_flow = true;
}

/* Turns the facility's flow-metered outputs and blowdown into heat */
void
PlantOutputsFromFlow(PlantRead *rd)
{
	const PlantFacility *fac = rd->fac;
	int			i;

	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];
		PlantSeries *s = &rd->series[i];

		if (s->want != PW_SERIES || !s->flow_kg_h)
			continue;
		if (m->role != PR_HEAT_OUTPUT && m->role != PR_BLOWDOWN)
			continue;
		CHECK_FOR_INTERRUPTS();
		FlowToHeat(rd, i);
	}
}

/* True for the roles whose meters the flow conversion reads */
bool
PlantIsStateRole(PlantRole role)
{
	return role == PR_STEAM_PRESSURE || role == PR_STEAM_TEMPERATURE ||
		role == PR_FEEDWATER_TEMPERATURE || role == PR_SUPPLY_TEMPERATURE ||
		role == PR_RETURN_TEMPERATURE || role == PR_AMBIENT_TEMPERATURE;
}

/*
 * Heat and exergy (kWh) of flow-metered output meter i over the spans:
 * the heat as every energy is integrated, the exergy of its points the same
 * way; *exergy_kwh is NaN for an output metered as heat
 */
double
PlantOutputStreamKwh(const PlantRead *rd, int i, const PwSpan *common, size_t nc,
					 double *exergy_kwh)
{
	const PlantSeries *s = &rd->series[i];
	double		heat = nc > 0 ? PlantIntegrateOn(rd, i, common, nc, rd->from, rd->to, &(size_t){0}) : 0.0;

	*exergy_kwh = NAN;
	if (s->from_flow)
	{
		TwPoint    *ex = palloc(sizeof(TwPoint) * (s->n + 1));
		size_t		k,
					hint = 0;

		for (k = 0; k < s->n; k++)
		{
			ex[k].ts = s->pts[k].ts;
			ex[k].val = s->exergy[k];
		}
		*exergy_kwh = nc > 0 ? pw_integral_on_spans(ex, s->n, s->method, common, nc,
													rd->from, rd->to, &hint) / 3600.0 : 0.0;
		pfree(ex);
	}
	return heat;
}

PG_FUNCTION_INFO_V1(output_streams);

/*
 * output_streams(p_facility, p_from, p_to, p_readings): per useful-output
 * meter its heat and, when metered as a mass flow, its exergy (kWh over the
 * common coverage, as heat_balance integrates them) and how it is metered
 */
Datum
output_streams(PG_FUNCTION_ARGS)
{
	char	   *facility = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TimestampTz from = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz to = PG_GETARG_TIMESTAMPTZ(2);
	Oid			readings = PG_GETARG_OID(3);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	PlantFacility *fac;
	PlantWant  *want;
	PlantRead  *rd;
	PwSpan	   *common;
	size_t		nc;
	int			ne,
				i;

	PlantCheckRange(from, to);
	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	fac = PlantLoadFacility(facility);
	PlantCheckBases(fac);
	want = palloc0(sizeof(PlantWant) * (fac->nmeters + 1));
	for (i = 0; i < fac->nmeters; i++)
		want[i] = PlantIsEnergyMeter(&fac->meters[i]) ? PW_SERIES : PW_SKIP;
	rd = PlantReadFacility(readings, fac, want, from, to);
	common = PlantCommonSpans(rd, from, to, &nc, &ne);
	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantSeries *s = &rd->series[i];
		Datum		values[5];
		bool		nulls[5] = {0};
		double		exergy;

		if (fac->meters[i].role != PR_HEAT_OUTPUT)
			continue;
		values[0] = CStringGetTextDatum(fac->meters[i].meter_id);
		values[1] = CStringGetTextDatum(fac->meters[i].role_name);
		values[2] = CStringGetTextDatum(s->from_flow ? "mass_flow" : "heat");
		values[3] = Float8GetDatum(PlantOutputStreamKwh(rd, i, common, nc, &exergy));
		if (s->from_flow)
			values[4] = Float8GetDatum(exergy);
		else
			nulls[4] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}
