/*
 * units_sql.c
 *		SQL face of the unit table: convert(), unit_dimension(), units().
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "math/units.h"
#include "pg/units_sql.h"

PG_FUNCTION_INFO_V1(convert);
PG_FUNCTION_INFO_V1(unit_dimension);
PG_FUNCTION_INFO_V1(units);

/* Looks up a unit or raises 22023 naming it */
const TqUnit *
LookupUnitOrError(const char *name)
{
	const TqUnit *u = tq_unit_lookup(name);

	if (u == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\"", name),
				 errhint("SELECT * FROM thermaliq.units() lists the units thermaliq knows.")));
	return u;
}

/* Converts value between units of one dimension; errors name the problem */
double
ConvertOrError(double value, const char *from_name, const char *to_name)
{
	const TqUnit *from = LookupUnitOrError(from_name);
	const TqUnit *to = LookupUnitOrError(to_name);
	double		result;

	if (from->dim != to->dim)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot convert %s to %s", tq_dimension_name(from->dim),
						tq_dimension_name(to->dim)),
				 errdetail("Unit \"%s\" measures %s and unit \"%s\" measures %s.",
						   from_name, tq_dimension_name(from->dim),
						   to_name, tq_dimension_name(to->dim))));
	if (!isfinite(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot convert %s", isnan(value) ? "NaN" : "an infinite value")));
	if (from->dim == TQ_DIM_TEMPERATURE && (value + from->offset) * from->scale < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("temperature %g %s is below absolute zero", value, from_name)));
	result = tq_unit_convert(value, from, to);
	if (!isfinite(result))
		float_overflow_error();
	return result;
}

/* convert(p_value, p_from, p_to): the value in another unit */
Datum
convert(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	char	   *from = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *to = text_to_cstring(PG_GETARG_TEXT_PP(2));

	PG_RETURN_FLOAT8(ConvertOrError(value, from, to));
}

/* unit_dimension(p_unit): "power", "energy", ... or NULL when unknown */
Datum
unit_dimension(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	const TqUnit *u = tq_unit_lookup(name);

	if (u == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(tq_dimension_name(u->dim)));
}

/* units(): every spelling thermaliq accepts, with its SI factor */
Datum
units(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < tq_unit_count(); i++)
	{
		const char *alias;
		const TqUnit *u = tq_unit_at(i, &alias);
		Datum		values[6];
		bool		nulls[6] = {false};

		values[0] = CStringGetTextDatum(alias);
		values[1] = CStringGetTextDatum(u->name);
		values[2] = CStringGetTextDatum(tq_dimension_name(u->dim));
		values[3] = CStringGetTextDatum(tq_dimension_si(u->dim));
		values[4] = Float8GetDatum(u->scale);
		values[5] = Float8GetDatum(u->offset);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
