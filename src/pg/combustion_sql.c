/*
 * combustion_sql.c
 *		SQL face of the combustion maths: excess_air_pct(),
 *		combustion_losses() (1.1: with dew point and condensed fraction),
 *		air_humidity_ratio(), siegert_loss_pct(). The equations and their
 *		simplifications are documented in src/math/combustion.c.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "math/combustion.h"
#include "pg/fuel_sql.h"

PG_FUNCTION_INFO_V1(excess_air_pct);
PG_FUNCTION_INFO_V1(combustion_losses);
PG_FUNCTION_INFO_V1(siegert_loss_pct);
PG_FUNCTION_INFO_V1(air_humidity_ratio);

/* air_humidity_ratio(p_air_temp_c, p_rh_pct, p_pressure_kpa): kg water / kg dry air */
Datum
air_humidity_ratio(PG_FUNCTION_ARGS)
{
	TqMathError err;
	double		w;

	if (tq_humidity_ratio(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
						  &w, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(w);
}

/* excess_air_pct(p_o2_dry_pct): 100 O2 / (20.95 - O2) */
Datum
excess_air_pct(PG_FUNCTION_ARGS)
{
	TqMathError err;
	double		pct;

	if (tq_excess_air_simple_pct(PG_GETARG_FLOAT8(0), &pct, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(pct);
}

/* combustion_losses(p_fuel, p_flue_gas_temp_c, p_air_temp_c, p_o2_dry_pct, p_co_ppm, p_basis, p_air_humidity_pct): one row */
Datum
combustion_losses(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TqCombustionInput in;
	TqCombustionLosses out;
	TqAirState	air;
	TqMathError err;
	const TqFuel *fuel;
	Datum		values[8];
	bool		nulls[8] = {false};

	in.flue_gas_temp_c = PG_GETARG_FLOAT8(1);
	in.air_temp_c = PG_GETARG_FLOAT8(2);
	in.o2_dry_pct = PG_GETARG_FLOAT8(3);
	in.co_ppm = PG_GETARG_FLOAT8(4);
	in.basis = BasisOrError(PG_GETARG_TEXT_PP(5));
	fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));

	/* 1.1: relative humidity of the combustion air (0 = dry) */
	air.humidity_kg_kg = 0.0;
	air.pressure_kpa = TQ_P_ATM_KPA;
	if (PG_NARGS() > 6 && PG_GETARG_FLOAT8(6) != 0.0 &&
		tq_humidity_ratio(in.air_temp_c, PG_GETARG_FLOAT8(6), TQ_P_ATM_KPA,
						  &air.humidity_kg_kg, &err) != TQ_MATH_OK)
		ReportMathError(&err);

	/* compute before touching the tuplestore: no partial result on error */
	if (tq_combustion_losses_air(fuel, &in, &air, &out, &err) != TQ_MATH_OK)
		ReportMathError(&err);

	InitMaterializedSRF(fcinfo, 0);
	values[0] = Float8GetDatum(out.dry_flue_gas_pct);
	values[1] = Float8GetDatum(out.moisture_pct);
	values[2] = Float8GetDatum(out.co_pct);
	values[3] = Float8GetDatum(out.total_pct);
	values[4] = Float8GetDatum(out.combustion_efficiency_pct);
	values[5] = Float8GetDatum(out.excess_air_pct);
	/* 1.1: no water in the flue gas, no dew point (NULL) */
	values[6] = Float8GetDatum(out.dew_point_c);
	nulls[6] = isnan(out.dew_point_c);
	values[7] = Float8GetDatum(out.condensed_fraction);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

/* siegert_loss_pct(p_fuel, p_flue_gas_temp_c, p_air_temp_c, p_co2_dry_pct) */
Datum
siegert_loss_pct(PG_FUNCTION_ARGS)
{
	const TqFuel *fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));
	TqMathError err;
	double		loss;

	if (tq_siegert_loss_pct(fuel, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
							PG_GETARG_FLOAT8(3), &loss, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(loss);
}
