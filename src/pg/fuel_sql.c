/*
 * fuel_sql.c
 *		SQL face of the fuels table: the row lookup every fuel function
 *		uses, and fuel_power_kw(), stoichiometric_air(), co2_kg().
 *
 * Fuel functions read the user-editable table thermaliq.fuels, so they are
 * STABLE, not IMMUTABLE. The row is read with one SPI query (a plan
 * prepared once per backend) and kept in fn_extra for as long as the
 * snapshot cannot have changed: same fuel_id, same local transaction, same
 * command id and same snapshot xmax (a newer commit anywhere moves xmax).
 * So a query over a million readings of one fuel reads the table once.
 */
#include "postgres.h"

#include <math.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "math/combustion.h"
#include "pg/fuel_sql.h"

PG_FUNCTION_INFO_V1(fuel_power_kw);
PG_FUNCTION_INFO_V1(stoichiometric_air);
PG_FUNCTION_INFO_V1(co2_kg);

#define FUEL_QUERY \
	"SELECT hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, oxygen, nitrogen, sulfur," \
	" moisture, ash, exergy_factor_lhv, siegert_a1, siegert_b, density_kg_m3" \
	" FROM thermaliq.fuels WHERE fuel_id OPERATOR(pg_catalog.=) $1"
#define FUEL_NCOLS 13

/* The fuel row cached in fn_extra, with the key that makes it valid */
typedef struct FuelCache
{
	bool		valid;
	char	   *fuel_id;		/* in fn_mcxt */
	LocalTransactionId lxid;
	CommandId	cid;
	TransactionId xmax;
	TqFuel		fuel;
} FuelCache;

static SPIPlanPtr fuel_plan = NULL;

/* Parses the basis argument */
TqBasis
BasisOrError(text *basis)
{
	TqBasis		b;
	TqError err;
	char	   *s = text_to_cstring(basis);

	if (tq_basis_parse(s, &b, &err) != TQ_OK)
		tq_report_error(&err);
	pfree(s);
	return b;
}

/* A float8 column of the SPI result, NaN when NULL */
static double
ColumnOrNaN(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NAN : DatumGetFloat8(d);
}

/*
 * Reads the row of fuel_id into *fuel (fuel_id left to the caller) and,
 * when density_kg_m3 is not NULL, its density; false when there is none.
 */
bool
FetchFuelRow(const char *fuel_id, TqFuel *fuel, double *density_kg_m3)
{
	Datum		arg;
	bool		found;
	int			rc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (fuel_plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	plan = SPI_prepare(FUEL_QUERY, 1, argtypes);

		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed for the fuel lookup: %s",
				 SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed for the fuel lookup");
		fuel_plan = plan;
	}
	arg = CStringGetTextDatum(fuel_id);
	rc = SPI_execute_plan(fuel_plan, &arg, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "fuel lookup failed: %s", SPI_result_code_string(rc));
	found = SPI_processed > 0;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;

		fuel->hhv_mj_kg = ColumnOrNaN(tup, desc, 1);
		fuel->lhv_mj_kg = ColumnOrNaN(tup, desc, 2);
		fuel->carbon = ColumnOrNaN(tup, desc, 3);
		fuel->hydrogen = ColumnOrNaN(tup, desc, 4);
		fuel->oxygen = ColumnOrNaN(tup, desc, 5);
		fuel->nitrogen = ColumnOrNaN(tup, desc, 6);
		fuel->sulfur = ColumnOrNaN(tup, desc, 7);
		fuel->moisture = ColumnOrNaN(tup, desc, 8);
		fuel->ash = ColumnOrNaN(tup, desc, 9);
		fuel->exergy_factor_lhv = ColumnOrNaN(tup, desc, 10);
		fuel->siegert_a1 = ColumnOrNaN(tup, desc, 11);
		fuel->siegert_b = ColumnOrNaN(tup, desc, 12);
		if (density_kg_m3 != NULL)
			*density_kg_m3 = ColumnOrNaN(tup, desc, 13);
	}
	SPI_finish();
	return found;
}

/* The row of fuel_id into *fuel (zeroed first), uncached; ERROR 22023 if unknown */
void
FetchFuelOrError(const char *fuel_id, TqFuel *fuel)
{
	memset(fuel, 0, sizeof(*fuel));
	if (!FetchFuelRow(fuel_id, fuel, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown fuel \"%s\"", fuel_id),
				 errhint("SELECT fuel_id, name FROM thermaliq.fuels lists the known fuels; add yours to that table.")));
}

/* The fuel row for fuel_id, from the fn_extra cache when still valid */
const TqFuel *
LookupFuel(FunctionCallInfo fcinfo, text *fuel_id)
{
	FuelCache  *cache = (FuelCache *) fcinfo->flinfo->fn_extra;
	char	   *id = text_to_cstring(fuel_id);
	Snapshot	snap = ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
	CommandId	cid = snap ? snap->curcid : GetCurrentCommandId(false);
	TransactionId xmax = snap ? snap->xmax : InvalidTransactionId;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(FuelCache));
		fcinfo->flinfo->fn_extra = cache;
	}
	if (cache->valid && cache->lxid == MyProc->lxid && cache->cid == cid &&
		cache->xmax == xmax && strcmp(cache->fuel_id, id) == 0)
	{
		pfree(id);
		return &cache->fuel;
	}

	cache->valid = false;
	if (cache->fuel_id)
		pfree(cache->fuel_id);
	cache->fuel_id = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, id);
	FetchFuelOrError(id, &cache->fuel);
	cache->fuel.fuel_id = cache->fuel_id;
	cache->lxid = MyProc->lxid;
	cache->cid = cid;
	cache->xmax = xmax;
	cache->valid = true;
	pfree(id);
	return &cache->fuel;
}

/* fuel_power_kw(p_fuel, p_flow_kg_h, p_basis): flow x HV / 3.6 */
Datum
fuel_power_kw(PG_FUNCTION_ARGS)
{
	double		flow = PG_GETARG_FLOAT8(1);
	TqBasis		basis = BasisOrError(PG_GETARG_TEXT_PP(2));
	const TqFuel *fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));
	TqError err;
	double		kw;

	if (tq_fuel_power_kw(fuel, flow, basis, &kw, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(kw);
}

/* stoichiometric_air(p_fuel): kg dry air per kg fuel */
Datum
stoichiometric_air(PG_FUNCTION_ARGS)
{
	const TqFuel *fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));
	TqError err;
	double		air;

	if (tq_stoich_air_kg_kg(fuel, &air, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(air);
}

/* co2_kg(p_fuel, p_energy_kwh, p_basis): kg CO2 for that fuel energy */
Datum
co2_kg(PG_FUNCTION_ARGS)
{
	double		kwh = PG_GETARG_FLOAT8(1);
	TqBasis		basis = BasisOrError(PG_GETARG_TEXT_PP(2));
	const TqFuel *fuel = LookupFuel(fcinfo, PG_GETARG_TEXT_PP(0));
	TqError err;
	double		kg;

	if (tq_co2_kg(fuel, kwh, basis, &kg, &err) != TQ_OK)
		tq_report_error(&err);
	PG_RETURN_FLOAT8(kg);
}
