/*
 * units_sql.h
 *		Unit conversion with PostgreSQL errors, for every glue file.
 */
#ifndef THERMALIQ_UNITS_SQL_H
#define THERMALIQ_UNITS_SQL_H

#include "math/units.h"

/* The unit named name, or ERROR 22023 */
extern const TqUnit *LookupUnitOrError(const char *name);

/* value converted from one unit to another, or ERROR 22023/22003 */
extern double ConvertOrError(double value, const char *from_name, const char *to_name);

#endif
