/*
 * registry.c
 *		The facility as registered: thermaliq.facilities, facility_settings,
 *		meters, meter_settings and the fuels of its fuel meters, read
 *		through SPI into a PlantFacility; and the checks every plant
 *		function makes before it reads (range, readings-table shape and
 *		privileges, one heating-value basis).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "math/meter.h"
#include "pg/fuel_sql.h"
#include "plant/readings.h"

/* Default of facility_settings.max_gap when the facility has no row: 15 min */
#define PLANT_DEFAULT_MAX_GAP_SECS 900.0
#define PLANT_DEFAULT_RADIATION_PCT 1.0

static PlantRole
RoleFromName(const char *role)
{
	if (strcmp(role, "fuel_input") == 0)
		return PR_FUEL_INPUT;
	if (strcmp(role, "electric_input") == 0)
		return PR_ELECTRIC_INPUT;
	if (strcmp(role, "heat_output") == 0 || strcmp(role, "steam_output") == 0 ||
		strcmp(role, "hot_water_output") == 0)
		return PR_HEAT_OUTPUT;
	if (strcmp(role, "flue_gas_temperature") == 0)
		return PR_FLUE_GAS_TEMPERATURE;
	if (strcmp(role, "flue_gas_o2") == 0)
		return PR_FLUE_GAS_O2;
	if (strcmp(role, "combustion_air_temperature") == 0)
		return PR_AIR_TEMPERATURE;
	if (strcmp(role, "flue_gas_co") == 0)
		return PR_FLUE_GAS_CO;
	if (strcmp(role, "blowdown_flow") == 0)
		return PR_BLOWDOWN;
	if (strcmp(role, "ambient_temperature") == 0)
		return PR_AMBIENT_TEMPERATURE;
	if (strcmp(role, "steam_pressure") == 0)
		return PR_STEAM_PRESSURE;
	if (strcmp(role, "steam_temperature") == 0)
		return PR_STEAM_TEMPERATURE;
	if (strcmp(role, "feedwater_temperature") == 0)
		return PR_FEEDWATER_TEMPERATURE;
	if (strcmp(role, "supply_temperature") == 0)
		return PR_SUPPLY_TEMPERATURE;
	if (strcmp(role, "return_temperature") == 0)
		return PR_RETURN_TEMPERATURE;
	if (strcmp(role, "ambient_humidity") == 0)
		return PR_AMBIENT_HUMIDITY;
	return PR_OTHER;
}

/* Checks p_from < p_to */
void
PlantCheckRange(TimestampTz from, TimestampTz to)
{
	if (TIMESTAMP_NOT_FINITE(from) || TIMESTAMP_NOT_FINITE(to))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_from and p_to must be finite timestamps")));
	if (to <= from)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p_to must be later than p_from"),
				 errdetail("The range [p_from, p_to) is empty.")));
}

/* A text column of the current SPI row, or NULL */
static char *
SpiText(HeapTuple tup, TupleDesc desc, int col)
{
	return SPI_getvalue(tup, desc, col);
}

/* A float8 column of the current SPI row; NaN when NULL */
static double
SpiFloat(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NAN : DatumGetFloat8(d);
}

/* Loads one fuel row; ERROR 22023 if the fuel is unknown */
static PlantFuel *
LoadFuel(const char *fuel_id, const char *meter_id)
{
	PlantFuel  *f = palloc0(sizeof(PlantFuel));

	if (!FetchFuelRow(fuel_id, &f->tq, &f->density_kg_m3))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown fuel \"%s\" of meter \"%s\"", fuel_id, meter_id),
				 errhint("SELECT fuel_id FROM thermaliq.fuels lists the known fuels.")));
	f->tq.fuel_id = pstrdup(fuel_id);
	return f;
}

/* Loads the facility with its settings and meters */
PlantFacility *
PlantLoadFacility(const char *facility_id)
{
	Oid			types[1] = {TEXTOID};
	Datum		vals[1];
	PlantFacility *fac;
	TupleDesc	desc;
	int			rc;
	uint64		i;
	double		fac_gap;

	vals[0] = CStringGetTextDatum(facility_id);
	rc = SPI_execute_with_args(
		"SELECT f.process_type, f.ambient_temperature_c, "
		"coalesce(s.radiation_loss_pct, " CppAsString2(PLANT_DEFAULT_RADIATION_PCT) ")::float8, "
		"extract(epoch FROM s.max_gap)::float8, "
		"s.radiation_rated_load_kw, s.surface_area_m2, s.surface_temperature_c, "
		"coalesce(s.surface_emissivity, 0.9)::float8, s.air_humidity_pct "
		"FROM thermaliq.facilities f "
		"LEFT JOIN thermaliq.facility_settings s ON s.facility_id = f.facility_id "
		"WHERE f.facility_id = $1",
		1, types, vals, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown facility \"%s\"", facility_id),
				 errhint("SELECT facility_id FROM thermaliq.facilities lists the known facilities.")));
	desc = SPI_tuptable->tupdesc;
	fac = palloc0(sizeof(PlantFacility));
	fac->facility_id = pstrdup(facility_id);
	fac->process_type = SpiText(SPI_tuptable->vals[0], desc, 1);
	fac->ambient_c = SpiFloat(SPI_tuptable->vals[0], desc, 2);
	fac->radiation_loss_pct = SpiFloat(SPI_tuptable->vals[0], desc, 3);
	fac_gap = SpiFloat(SPI_tuptable->vals[0], desc, 4);
	fac->radiation_rated_load_kw = SpiFloat(SPI_tuptable->vals[0], desc, 5);
	fac->surface_area_m2 = SpiFloat(SPI_tuptable->vals[0], desc, 6);
	fac->surface_temperature_c = SpiFloat(SPI_tuptable->vals[0], desc, 7);
	fac->surface_emissivity = SpiFloat(SPI_tuptable->vals[0], desc, 8);
	fac->air_humidity_pct = SpiFloat(SPI_tuptable->vals[0], desc, 9);
	if (isnan(fac_gap))
		fac_gap = PLANT_DEFAULT_MAX_GAP_SECS;
	SPI_freetuptable(SPI_tuptable);

	rc = SPI_execute_with_args(
		"SELECT m.meter_id, m.role, m.kind, m.unit, m.fuel_id, m.heating_value_basis, "
		"extract(epoch FROM ms.max_gap)::float8, ms.rollover, ms.max_rate, "
		"coalesce(ms.stepback_tolerance, " CppAsString2(METER_DEFAULT_STEPBACK) ")::float8 "
		"FROM thermaliq.meters m "
		"LEFT JOIN thermaliq.meter_settings ms "
		"ON ms.facility_id = m.facility_id AND ms.meter_id = m.meter_id "
		"WHERE m.facility_id = $1 ORDER BY m.meter_id COLLATE \"C\"",
		1, types, vals, NULL, true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
	{
		SPITupleTable *tt = SPI_tuptable;
		uint64		n = SPI_processed;
		char	  **fuel_ids = palloc0(sizeof(char *) * (n > 0 ? n : 1));

		desc = tt->tupdesc;
		fac->nmeters = (int) n;
		fac->meters = palloc0(sizeof(PlantMeter) * (n > 0 ? n : 1));
		for (i = 0; i < n; i++)
		{
			HeapTuple	tup = tt->vals[i];
			PlantMeter *m = &fac->meters[i];
			char	   *kind = SpiText(tup, desc, 3);
			char	   *basis = SpiText(tup, desc, 6);
			double		gap = SpiFloat(tup, desc, 7);

			m->meter_id = SpiText(tup, desc, 1);
			m->role_name = SpiText(tup, desc, 2);
			m->role = RoleFromName(m->role_name);
			m->counter = kind != NULL && strcmp(kind, "counter") == 0;
			m->unit = SpiText(tup, desc, 4);
			m->hhv = basis != NULL && strcmp(basis, "hhv") == 0;
			m->max_gap = (int64) rint((isnan(gap) ? fac_gap : gap) * USECS_PER_SEC);
			m->rollover = SpiFloat(tup, desc, 8);
			m->has_rollover = !isnan(m->rollover);
			m->max_rate = SpiFloat(tup, desc, 9);
			m->has_max_rate = !isnan(m->max_rate);
			m->stepback_tolerance = SpiFloat(tup, desc, 10);
			if (m->max_gap <= 0)
				m->max_gap = 1;
			fuel_ids[i] = SpiText(tup, desc, 5);
		}
		SPI_freetuptable(tt);
		/* then the fuels: each LoadFuel is an SPI query of its own */
		for (i = 0; i < n; i++)
		{
			PlantMeter *m = &fac->meters[i];

			if (m->role == PR_FUEL_INPUT && fuel_ids[i] != NULL)
				m->fuel = LoadFuel(fuel_ids[i], m->meter_id);
		}
	}
	return fac;
}

/* Refuses to add fuel energies measured on different bases */
void
PlantCheckBases(const PlantFacility *fac)
{
	const PlantMeter *first = NULL;
	int			i;

	for (i = 0; i < fac->nmeters; i++)
	{
		const PlantMeter *m = &fac->meters[i];

		if (m->role != PR_FUEL_INPUT)
			continue;
		if (first == NULL)
			first = m;
		else if (first->hhv != m->hhv)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("fuel meters of facility \"%s\" use different heating value bases",
							fac->facility_id),
					 errdetail("Meter \"%s\" is on %s and meter \"%s\" on %s.",
							   first->meter_id, first->hhv ? "hhv" : "lhv",
							   m->meter_id, m->hhv ? "hhv" : "lhv"),
					 errhint("Put every fuel meter of a facility on one basis; thermaliq never mixes bases silently.")));
	}
}

/* fuel, electric and useful-output meters */
bool
PlantIsEnergyMeter(const PlantMeter *m)
{
	return m->role == PR_FUEL_INPUT || m->role == PR_ELECTRIC_INPUT ||
		m->role == PR_HEAT_OUTPUT;
}

/* A column a readings table must have, and the types its datum may have */
typedef struct ReadingsColumn
{
	const char *name;
	Oid			types[2];		/* base types accepted (InvalidOid ends) */
	const char *type_name;		/* as the error names it */
} ReadingsColumn;

/*
 * The columns the row reader takes, by name, with the base types whose
 * datums it decodes (DatumGetTextPP, DatumGetTimestampTz, DatumGetFloat8,
 * DatumGetInt16). varchar is a text varlena; a domain is checked by its
 * base type.
 */
static const ReadingsColumn readings_columns[] = {
	{"facility_id", {TEXTOID, VARCHAROID}, "text"},
	{"meter_id", {TEXTOID, VARCHAROID}, "text"},
	{"timestamp", {TIMESTAMPTZOID, InvalidOid}, "timestamp with time zone"},
	{"value", {FLOAT8OID, InvalidOid}, "double precision"},
	{"unit", {TEXTOID, VARCHAROID}, "text"},
	{"quality", {INT2OID, InvalidOid}, "smallint"},
};

/*
 * Checks that a relation is a readings table the caller may read: every
 * column the reader decodes exists with a type whose datum layout the C code
 * expects (42804 otherwise: a wrong type would be read as another layout,
 * which can crash the backend or reveal memory), and the current user has
 * SELECT on the table or on each of these columns (42501). Returns the
 * schema-qualified, quoted name.
 */
char *
PlantCheckReadingsTable(Oid readings)
{
	char	   *rel = get_rel_name(readings);
	char	   *nsp = rel ? get_namespace_name(get_rel_namespace(readings)) : NULL;
	Oid			user = GetUserId();
	bool		table_acl;
	char		relkind;
	int			i;

	if (rel == NULL || nsp == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("readings table with OID %u does not exist", readings)));
	relkind = get_rel_relkind(readings);
	if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE &&
		relkind != RELKIND_VIEW && relkind != RELKIND_MATVIEW &&
		relkind != RELKIND_FOREIGN_TABLE)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s.%s\" is not a readings table", nsp, rel),
				 errdetail("Only tables, views and foreign tables hold readings.")));
	table_acl = pg_class_aclcheck(readings, user, ACL_SELECT) == ACLCHECK_OK;
	for (i = 0; i < lengthof(readings_columns); i++)
	{
		const ReadingsColumn *c = &readings_columns[i];
		AttrNumber	att = get_attnum(readings, c->name);
		Oid			typid;
		Oid			base;

		if (att == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("\"%s.%s\" is not a readings table", nsp, rel),
					 errdetail("It has no column \"%s\".", c->name),
					 errhint("Create readings tables with thermaliq.create_readings_table().")));
		typid = get_atttype(readings, att);
		base = getBaseType(typid);
		if (base != c->types[0] && (c->types[1] == InvalidOid || base != c->types[1]))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of readings table \"%s.%s\" has type %s, expected %s",
							c->name, nsp, rel, format_type_be(typid), c->type_name),
					 errhint("Create readings tables with thermaliq.create_readings_table().")));
		if (!table_acl &&
			pg_attribute_aclcheck(readings, att, user, ACL_SELECT) != ACLCHECK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied for table %s", rel),
					 errdetail("Reading a facility's readings needs SELECT on column \"%s\" of \"%s.%s\".",
							   c->name, nsp, rel)));
	}
	return quote_qualified_identifier(nsp, rel);
}

PG_FUNCTION_INFO_V1(check_readings_table);

/*
 * check_readings_table(regclass) RETURNS regclass: the same check for the
 * plpgsql functions that read a readings table (analyze and its helpers).
 */
Datum
check_readings_table(PG_FUNCTION_ARGS)
{
	Oid			readings = PG_GETARG_OID(0);

	PlantCheckReadingsTable(readings);
	PG_RETURN_OID(readings);
}
