/*
 * fuel_sql.h
 *		The fuels table as seen from C, for every glue file that needs a
 *		fuel (combustion, exergy, and later the plant calculations).
 */
#ifndef THERMALIQ_FUEL_SQL_H
#define THERMALIQ_FUEL_SQL_H

#include "fmgr.h"

#include "math/combustion.h"
#include "pg/errors_sql.h"


/* The row of thermaliq.fuels for fuel_id, cached in fn_extra; ERROR 22023 if unknown */
extern const TqFuel *LookupFuel(FunctionCallInfo fcinfo, text *fuel_id);

/* The row of fuel_id (and its density if asked), uncached; false if none */
extern bool FetchFuelRow(const char *fuel_id, TqFuel *fuel, double *density_kg_m3);

/* The row of fuel_id, uncached; ERROR 22023 if unknown */
extern void FetchFuelOrError(const char *fuel_id, TqFuel *fuel);

/* 'lhv' or 'hhv' (any case), else ERROR 22023 */
extern TqBasis BasisOrError(text *basis);

#endif
