/*
 * if97_sql.c
 *		SQL face of IAPWS-IF97 (src/math/if97.c): if97_pt, if97_ph, if97_ps,
 *		if97_px, if97_tx returning thermaliq.water_props, if97_psat,
 *		if97_tsat and water_exergy_kj_kg.
 *
 * Errors: every argument outside the formulation, NaN or an infinity
 * anywhere, a result that is not finite and an iteration that does not
 * converge raise 22003 (numeric_value_out_of_range) through the one
 * reporter (errors_sql.c), with a message that names the bound.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"

#include "math/if97.h"
#include "pg/errors_sql.h"

PG_FUNCTION_INFO_V1(if97_pt);
PG_FUNCTION_INFO_V1(if97_ph);
PG_FUNCTION_INFO_V1(if97_ps);
PG_FUNCTION_INFO_V1(if97_px);
PG_FUNCTION_INFO_V1(if97_tx);
PG_FUNCTION_INFO_V1(if97_psat);
PG_FUNCTION_INFO_V1(if97_tsat);
PG_FUNCTION_INFO_V1(water_exergy_kj_kg);

#define WATER_PROPS_NATTS 12

/* The result row type, blessed once per call site and kept in fn_extra */
static TupleDesc
WaterPropsDesc(FunctionCallInfo fcinfo)
{
	TupleDesc	desc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("function returning a record called in a context that cannot accept it")));
		if (desc->natts != WATER_PROPS_NATTS)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("thermaliq.water_props must have %d columns", WATER_PROPS_NATTS)));
		desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = desc;
	}
	return desc;
}

/* Builds a water_props datum; NaN fields (x, two-phase cp/cv/w) are NULL */
static Datum
WaterPropsDatum(FunctionCallInfo fcinfo, const If97Props *o)
{
	TupleDesc	desc = WaterPropsDesc(fcinfo);
	Datum		values[WATER_PROPS_NATTS];
	bool		nulls[WATER_PROPS_NATTS];
	double		f[WATER_PROPS_NATTS - 1] = {
		o->p_mpa, o->t_k, o->v, o->rho, o->h, o->u, o->s, o->cp, o->cv, o->w, o->x
	};
	int			i;

	values[0] = Int32GetDatum(o->region);
	nulls[0] = false;
	for (i = 0; i < WATER_PROPS_NATTS - 1; i++)
	{
		nulls[i + 1] = isnan(f[i]);
		values[i + 1] = Float8GetDatum(nulls[i + 1] ? 0.0 : f[i]);
	}
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

/* Shared body of the five water_props functions */
static Datum
WaterProps(FunctionCallInfo fcinfo,
		   TqStatus (*fn) (double, double, If97Props *, TqError *))
{
	If97Props	o;
	TqError	err;

	if (fn(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), &o, &err) != TQ_OK)
		tq_report_error(&err);
	return WaterPropsDatum(fcinfo, &o);
}

/* if97_pt(p_mpa, t_k): properties at pressure and temperature */
Datum
if97_pt(PG_FUNCTION_ARGS)
{
	return WaterProps(fcinfo, if97_state_pt);
}

/* if97_ph(p_mpa, h): properties at pressure and specific enthalpy */
Datum
if97_ph(PG_FUNCTION_ARGS)
{
	return WaterProps(fcinfo, if97_state_ph);
}

/* if97_ps(p_mpa, s): properties at pressure and specific entropy */
Datum
if97_ps(PG_FUNCTION_ARGS)
{
	return WaterProps(fcinfo, if97_state_ps);
}

/* if97_px(p_mpa, x): saturation state at pressure and vapour quality */
Datum
if97_px(PG_FUNCTION_ARGS)
{
	return WaterProps(fcinfo, if97_state_px);
}

/* if97_tx(t_k, x): saturation state at temperature and vapour quality */
Datum
if97_tx(PG_FUNCTION_ARGS)
{
	return WaterProps(fcinfo, if97_state_tx);
}

/* if97_psat(t_k): saturation pressure in MPa */
Datum
if97_psat(PG_FUNCTION_ARGS)
{
	TqError	err;
	double		p;

	if (if97_sat_pressure(PG_GETARG_FLOAT8(0), &p, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(p);
}

/* if97_tsat(p_mpa): saturation temperature in K */
Datum
if97_tsat(PG_FUNCTION_ARGS)
{
	TqError	err;
	double		t;

	if (if97_sat_temperature(PG_GETARG_FLOAT8(0), &t, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(t);
}

/* water_exergy_kj_kg(p_mpa, t_k, p0_mpa, t0_k): (h - h0) - T0 (s - s0) */
Datum
water_exergy_kj_kg(PG_FUNCTION_ARGS)
{
	TqError	err;
	double		ex;

	if (if97_water_exergy(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1),
						  PG_GETARG_FLOAT8(2), PG_GETARG_FLOAT8(3),
						  &ex, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(ex);
}
