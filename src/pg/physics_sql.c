/*
 * physics_sql.c
 *		SQL face of the 1.1 physics: radiation_loss_pct(),
 *		surface_loss_kw() (src/math/shell.c), water_heat_flow()
 *		(src/math/steam.c), standard_uncertainty() and
 *		uncertainty_combine() (src/math/uncertainty.c).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "math/shell.h"
#include "math/steam.h"
#include "math/uncertainty.h"
#include "pg/fuel_sql.h"

PG_FUNCTION_INFO_V1(radiation_loss_pct);
PG_FUNCTION_INFO_V1(surface_loss_kw);
PG_FUNCTION_INFO_V1(water_heat_flow);
PG_FUNCTION_INFO_V1(standard_uncertainty);
PG_FUNCTION_INFO_V1(uncertainty_combine);

/* radiation_loss_pct(p_rated_loss_pct, p_rated_load, p_load) */
Datum
radiation_loss_pct(PG_FUNCTION_ARGS)
{
	TqMathError err;
	double		v;

	if (tq_radiation_by_load_pct(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
								 &v, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(v);
}

/* surface_loss_kw(p_area_m2, p_surface_temp_c, p_air_temp_c, p_emissivity) */
Datum
surface_loss_kw(PG_FUNCTION_ARGS)
{
	TqMathError err;
	double		v;

	if (tq_surface_loss_kw(PG_GETARG_FLOAT8(0), PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
						   PG_GETARG_FLOAT8(3), &v, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(v);
}

/* An optional float8 argument, NaN when NULL */
static double
ArgOrNaN(FunctionCallInfo fcinfo, int i)
{
	return PG_ARGISNULL(i) ? NAN : PG_GETARG_FLOAT8(i);
}

/*
 * water_heat_flow(p_flow_kg_h, p_kind, p_out_mpa, p_out_temp_c, p_in_temp_c,
 * p_t0_c, p_in_mpa): one row (heat_kw, exergy_kw, h_out, s_out, h_in, s_in)
 */
Datum
water_heat_flow(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TqWaterState out,
				in;
	TqMathError err;
	char	   *kind;
	double		p_out,
				t_out,
				t_in,
				t0,
				p_in,
				q,
				ex;
	Datum		values[6];
	bool		nulls[6] = {false};
	int			rc;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	kind = text_to_cstring(PG_GETARG_TEXT_PP(1));
	p_out = ArgOrNaN(fcinfo, 2);
	t_out = ArgOrNaN(fcinfo, 3);
	t_in = PG_GETARG_FLOAT8(4) + 273.15;
	t0 = PG_GETARG_FLOAT8(5) + 273.15;
	p_in = PG_ARGISNULL(6) ? p_out : PG_GETARG_FLOAT8(6);

	if (strcmp(kind, "steam") == 0)
	{
		if (isnan(p_out))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("steam needs its pressure"),
					 errhint("Pass p_out_mpa (MPa absolute); p_out_temp_c NULL means saturated steam.")));
		rc = tq_steam_state(p_out, isnan(t_out) ? NAN : t_out + 273.15, &out, &err);
	}
	else if (strcmp(kind, "water") == 0)
	{
		if (isnan(t_out))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("hot water needs its supply temperature")));
		rc = tq_liquid_state(p_out, t_out + 273.15, &out, &err);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown output kind \"%s\"", kind),
				 errhint("Use 'steam' or 'water'.")));
	if (rc != TQ_MATH_OK ||
		tq_liquid_state(p_in, t_in, &in, &err) != TQ_MATH_OK ||
		tq_flow_heat_kw(PG_GETARG_FLOAT8(0), &out, &in, t0, &q, &ex, &err) != TQ_MATH_OK)
		ReportMathError(&err);

	InitMaterializedSRF(fcinfo, 0);
	values[0] = Float8GetDatum(q);
	values[1] = Float8GetDatum(ex);
	values[2] = Float8GetDatum(out.h);
	values[3] = Float8GetDatum(out.s);
	values[4] = Float8GetDatum(in.h);
	values[5] = Float8GetDatum(in.s);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

/* standard_uncertainty(p_stated, p_kind) */
Datum
standard_uncertainty(PG_FUNCTION_ARGS)
{
	TqMathError err;
	TqUncKind	kind;
	char	   *s = text_to_cstring(PG_GETARG_TEXT_PP(1));
	double		u;

	if (tq_unc_kind_parse(s, &kind, &err) != TQ_MATH_OK ||
		tq_unc_standard(kind, PG_GETARG_FLOAT8(0), &u, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	PG_RETURN_FLOAT8(u);
}

/* A float8[] argument as a C array of n elements (no NULLs) */
static double *
Float8Array(ArrayType *a, const char *name, int *n)
{
	Datum	   *d;
	bool	   *nulls;
	double	   *out;
	int			i;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name)));
	deconstruct_array(a, ARR_ELEMTYPE(a), ARR_ELEMTYPE(a) == INT4OID ? 4 : 8,
					  ARR_ELEMTYPE(a) == INT4OID ? true : FLOAT8PASSBYVAL,
					  ARR_ELEMTYPE(a) == INT4OID ? TYPALIGN_INT : TYPALIGN_DOUBLE,
					  &d, &nulls, n);
	out = palloc(sizeof(double) * (*n + 1));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL", name)));
		out[i] = ARR_ELEMTYPE(a) == INT4OID ? (double) DatumGetInt32(d[i]) : DatumGetFloat8(d[i]);
	}
	return out;
}

/*
 * uncertainty_combine(p_sensitivity float8[], p_u_systematic float8[],
 * p_u_random float8[], p_group int[]) -> float8[]: u_c, u_systematic,
 * u_random, then each term's share of u_c^2
 */
Datum
uncertainty_combine(PG_FUNCTION_ARGS)
{
	int			n1,
				n2,
				n3,
				n4,
				i;
	double	   *c = Float8Array(PG_GETARG_ARRAYTYPE_P(0), "p_sensitivity", &n1);
	double	   *b = Float8Array(PG_GETARG_ARRAYTYPE_P(1), "p_u_systematic", &n2);
	double	   *s = Float8Array(PG_GETARG_ARRAYTYPE_P(2), "p_u_random", &n3);
	double	   *g = Float8Array(PG_GETARG_ARRAYTYPE_P(3), "p_group", &n4);
	TqUncTerm  *t;
	TqMathError err;
	Datum	   *res;
	double		uc,
				us,
				ur;

	if (n1 != n2 || n1 != n3 || n1 != n4)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("uncertainty budget arrays differ in length (%d, %d, %d, %d)", n1, n2, n3, n4)));
	t = palloc0(sizeof(TqUncTerm) * (n1 + 1));
	for (i = 0; i < n1; i++)
	{
		t[i].sensitivity = c[i];
		t[i].u_systematic = b[i];
		t[i].u_random = s[i];
		t[i].group = (int) g[i];
	}
	if (tq_unc_combine(t, n1, &uc, &us, &ur, &err) != TQ_MATH_OK)
		ReportMathError(&err);
	res = palloc(sizeof(Datum) * (n1 + 3));
	res[0] = Float8GetDatum(uc);
	res[1] = Float8GetDatum(us);
	res[2] = Float8GetDatum(ur);
	for (i = 0; i < n1; i++)
		res[3 + i] = Float8GetDatum(t[i].share);
	PG_RETURN_ARRAYTYPE_P(construct_array(res, n1 + 3, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}
