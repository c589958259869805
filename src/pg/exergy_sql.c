/*
 * exergy_sql.c
 *		SQL face of the exergy maths: carnot_factor(), heat_exergy_kw(),
 *		stream_heat_exergy_kw() (IMMUTABLE) and fuel_exergy_kw() (STABLE,
 *		reads thermaliq.fuels). water_exergy_kj_kg lives with IF97.
 */
#include "postgres.h"

#include "fmgr.h"

#include "math/exergy.h"
#include "pg/fuel_sql.h"

PG_FUNCTION_INFO_V1(carnot_factor);
PG_FUNCTION_INFO_V1(heat_exergy_kw);
PG_FUNCTION_INFO_V1(stream_heat_exergy_kw);
PG_FUNCTION_INFO_V1(fuel_exergy_kw);

/* carnot_factor(p_t_k, p_t0_k): 1 - T0/T */
Datum
carnot_factor(PG_FUNCTION_ARGS)
{
	TqError err;
	double		f;

	if (tq_carnot_factor(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), &f, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(f);
}

/* heat_exergy_kw(p_q_kw, p_t_k, p_t0_k): Q (1 - T0/T) */
Datum
heat_exergy_kw(PG_FUNCTION_ARGS)
{
	TqError err;
	double		ex;

	if (tq_heat_exergy_kw(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
						  &ex, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(ex);
}

/* stream_heat_exergy_kw(p_q_kw, p_t_in_k, p_t_out_k, p_t0_k): Q (1 - T0/Tm) */
Datum
stream_heat_exergy_kw(PG_FUNCTION_ARGS)
{
	TqError err;
	double		ex;

	if (tq_stream_heat_exergy_kw(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
								 PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
								 &ex, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(ex);
}

/* fuel_exergy_kw(p_fuel, p_power_kw, p_basis): P x exergy factor on that basis */
Datum
fuel_exergy_kw(PG_FUNCTION_ARGS)
{
	double		power = PG_GETARG_FLOAT8(1);
	TqBasis		basis = BasisOrError(PG_GETARG_TEXT_PP(2));
	const TqFuel *fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));
	TqError err;
	double		ex;

	if (tq_fuel_exergy_kw(fuel, power, basis, &ex, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(ex);
}
