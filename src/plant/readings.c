/*
 * readings.c
 *		Ordered per-meter reads for the plant calculations: the facility's
 *		registry (meters, fuels, settings) and each meter's samples over a
 *		range, read in one SPI query whose rows stream into a DestReceiver
 *		(no tuple copies), planned with the bounds so that only the partitions of
 *		[from - max_gap, to + max_gap) are scanned.
 *
 * Cleaning rules (README, "Plant calculations"):
 *   - rows with quality 2 (bad) or 3 (stale), a NULL, NaN or infinite value
 *     are dropped as if absent; quality 1 (uncertain) is used;
 *   - every row is converted by its own unit column (what the historian
 *     wrote), with the conversion cached per distinct unit;
 *   - equal timestamps collapse to the larger converted value;
 *   - counters (kind 'counter') become a step series of kW: each interval
 *     between two readings carries the counter step spread evenly over it;
 *     the step is meter_step()'s, as in thermaliq.meter_agg: a drop within
 *     meter_settings.stepback_tolerance (default 1 % of the register) is a
 *     step-back (no consumption, the register keeps its highest reading),
 *     a larger drop a reset (the new reading counts from 0) unless
 *     meter_settings gives a rollover, and a step faster than
 *     meter_settings.max_rate is rejected (the interval carries nothing);
 *     max_gap never drops a counter's interval (API.md section 5).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/params.h"
#include "utils/array.h"
#include "executor/spi.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "math/meter.h"
#include "math/units.h"
#include "pg/fuel_sql.h"
#include "pg/tq_time.h"
#include "pg/tw_log.h"
#include "plant/readings.h"

/* Default of facility_settings.max_gap when the facility has no row: 15 min */
#define PLANT_DEFAULT_MAX_GAP_SECS 900.0
#define PLANT_DEFAULT_RADIATION_PCT 1.0

/* Maps a registry role name to its PlantRole */
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
	return PR_OTHER;
}

/* Checks p_from < p_to */
void
PlantCheckRange(TimestampTz from, TimestampTz to)
{
	tq_check_timestamp(from, "p_from");
	tq_check_timestamp(to, "p_to");
	(void) tq_time_span(from, to, "range [p_from, p_to)");
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
		"extract(epoch FROM s.max_gap)::float8 "
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

/* The conversion of one unit of one meter, cached by unit name */
typedef struct UnitConv
{
	char	   *name;			/* as written in the readings (NULL = unset) */
	int			namelen;
	const TqUnit *from;
	const TqUnit *to;
	double		mult;			/* applied after the unit conversion */
} UnitConv;

/* kWh per kg of a fuel meter's fuel on its basis, or ERROR */
static double
FuelKwhPerKg(const PlantMeter *m, const char *unit)
{
	double		hv;

	if (m->fuel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fuel meter \"%s\" measures \"%s\" but has no fuel_id", m->meter_id, unit),
				 errdetail("A mass or volume of fuel becomes energy only through the fuel's heating value."),
				 errhint("Set thermaliq.meters.fuel_id to a row of thermaliq.fuels.")));
	hv = m->hhv ? m->fuel->tq.hhv_mj_kg : m->fuel->tq.lhv_mj_kg;
	if (!(hv > 0) || !isfinite(hv))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fuel \"%s\" has no %s heating value", m->fuel->tq.fuel_id, m->hhv ? "hhv" : "lhv")));
	return hv / 3.6;
}

/* Resolves the conversion of readings in unit name for meter m */
static void
ResolveUnit(const PlantMeter *m, const char *name, UnitConv *c)
{
	const TqUnit *u = tq_unit_lookup(name);
	const char *target = NULL;
	double		mult = 1.0;
	bool		energy = PlantIsEnergyMeter(m) || m->role == PR_BLOWDOWN;

	if (u == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\" in the readings of meter \"%s\"", name, m->meter_id),
				 errhint("SELECT * FROM thermaliq.units() lists the units thermaliq knows.")));
	if (energy && !m->counter)
	{
		if (u->dim == TQ_DIM_POWER)
			target = "kW";
		else if (u->dim == TQ_DIM_MASS_FLOW && m->role == PR_FUEL_INPUT)
		{
			target = "kg/h";
			mult = FuelKwhPerKg(m, name);
		}
		else if (u->dim == TQ_DIM_VOLUME_FLOW && m->role == PR_FUEL_INPUT)
		{
			target = "m3/h";
			mult = FuelKwhPerKg(m, name);
			if (!(m->fuel->density_kg_m3 > 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("fuel \"%s\" of meter \"%s\" has no density", m->fuel->tq.fuel_id, m->meter_id),
						 errdetail("A volume flow of fuel becomes a mass flow through thermaliq.fuels.density_kg_m3.")));
			mult *= m->fuel->density_kg_m3;
		}
	}
	else if (energy && m->counter)
	{
		if (u->dim == TQ_DIM_ENERGY)
			target = "kWh";
		else if (u->dim == TQ_DIM_MASS && m->role == PR_FUEL_INPUT)
		{
			target = "kg";
			mult = FuelKwhPerKg(m, name);
		}
		else if (u->dim == TQ_DIM_VOLUME && m->role == PR_FUEL_INPUT)
		{
			target = "m3";
			mult = FuelKwhPerKg(m, name);
			if (!(m->fuel->density_kg_m3 > 0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("fuel \"%s\" of meter \"%s\" has no density", m->fuel->tq.fuel_id, m->meter_id)));
			mult *= m->fuel->density_kg_m3;
		}
	}
	else if (!m->counter)
	{
		if (u->dim == TQ_DIM_TEMPERATURE &&
			(m->role == PR_FLUE_GAS_TEMPERATURE || m->role == PR_AIR_TEMPERATURE ||
			 m->role == PR_AMBIENT_TEMPERATURE))
			target = "degC";
		else if (u->dim == TQ_DIM_FRACTION && m->role == PR_FLUE_GAS_O2)
			target = "%";
		else if (u->dim == TQ_DIM_CONCENTRATION && m->role == PR_FLUE_GAS_CO)
			target = "ppm";
	}
	if (target == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unit \"%s\" cannot be used by %s meter \"%s\" (%s)",
						name, m->counter ? "counter" : "rate", m->meter_id, m->role_name),
				 errdetail("Unit \"%s\" measures %s.", name, tq_dimension_name(u->dim)),
				 errhint("Rate meters of energy roles read power (kW, MW, Btu/h, ...) or, for fuel, a mass or volume flow; counters read energy, or a mass or volume of fuel; steam and water outputs must be metered as heat (kW or kWh).")));
	if (c->name)
		pfree(c->name);
	c->name = pstrdup(name);
	c->namelen = strlen(name);
	c->from = u;
	c->to = tq_unit_lookup(target);
	c->mult = mult;
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

/* Per-meter state while the rows stream in */
typedef struct MeterAcc
{
	UnitConv	conv;
	size_t		cap;
	size_t		rcap;
} MeterAcc;

/* The receiver of the readings query: rows go straight into the series */
typedef struct ReadingsDest
{
	DestReceiver pub;
	const PlantFacility *fac;
	const bool *want;
	PlantSeries *series;
	MeterAcc   *acc;
	TimestampTz from;
	TimestampTz to;
	int			last;			/* meter of the previous row */
} ReadingsDest;

/* One row (meter_id, timestamp, value, unit, quality) into its series */
static bool
ReadingsReceive(TupleTableSlot *slot, DestReceiver *self)
{
	ReadingsDest *d = (ReadingsDest *) self;
	const PlantFacility *fac = d->fac;
	Datum	   *values;
	bool	   *nulls;
	TimestampTz ts;
	int			quality;
	double		v;
	bool		usable;
	const PlantMeter *m;
	PlantSeries *s;
	MeterAcc   *a;
	int			k;

	CHECK_FOR_INTERRUPTS();
	slot_getallattrs(slot);
	values = slot->tts_values;
	nulls = slot->tts_isnull;
	if (nulls[0] || nulls[1])
		return true;
	ts = DatumGetTimestampTz(values[1]);
	quality = nulls[4] ? 0 : DatumGetInt16(values[4]);
	v = nulls[2] ? NAN : DatumGetFloat8(values[2]);
	usable = !nulls[2] && isfinite(v) && quality >= 0 && quality <= 1;

	/* which meter: rows of one meter tend to come in runs */
	{
		text	   *mt = DatumGetTextPP(values[0]);
		const char *mp = VARDATA_ANY(mt);
		int			ml = VARSIZE_ANY_EXHDR(mt);

		for (k = 0; k < fac->nmeters; k++)
		{
			int			j = (d->last + k) % fac->nmeters;
			const char *id = fac->meters[j].meter_id;

			if (d->want[j] && strncmp(id, mp, ml) == 0 && id[ml] == '\0')
			{
				d->last = j;
				break;
			}
		}
		if (k == fac->nmeters)
			return true;
	}
	m = &fac->meters[d->last];
	s = &d->series[d->last];
	a = &d->acc[d->last];
	if (ts >= d->from && ts < d->to)
	{
		if (s->nrows == a->rcap)
		{
			a->rcap *= 2;
			s->rows = repalloc_huge(s->rows, sizeof(PlantQualRow) * a->rcap);
		}
		s->rows[s->nrows].ts = ts;
		s->rows[s->nrows].usable = usable;
		s->nrows++;
	}
	if (!usable || nulls[3])
		return true;
	{
		text	   *ut = DatumGetTextPP(values[3]);
		const char *up = VARDATA_ANY(ut);
		int			ul = VARSIZE_ANY_EXHDR(ut);

		if (a->conv.name == NULL || ul != a->conv.namelen ||
			memcmp(up, a->conv.name, ul) != 0)
		{
			char	   *uname = text_to_cstring(ut);

			ResolveUnit(m, uname, &a->conv);
			pfree(uname);
		}
	}
	if (a->conv.from != a->conv.to)
		v = tq_unit_convert(v, a->conv.from, a->conv.to);
	v *= a->conv.mult;
	if (!isfinite(v))
		return true;
	if (s->n == a->cap)
	{
		a->cap *= 2;
		s->pts = repalloc_huge(s->pts, sizeof(TwPoint) * a->cap);
	}
	s->pts[s->n].ts = ts;
	s->pts[s->n].val = v;
	s->n++;
	return true;
}

/* DestReceiver callbacks with nothing to do */
static void
ReadingsStartup(DestReceiver *self, int operation, TupleDesc typeinfo)
{
}

/* DestReceiver shutdown: nothing to release */
static void
ReadingsShutdown(DestReceiver *self)
{
}

/* DestReceiver destroy: the struct lives on the caller's stack */
static void
ReadingsDestroy(DestReceiver *self)
{
}

/*
 * Counter readings (kWh, or kg/m3 of fuel already turned into kWh) -> step
 * series of the mean rate per interval (kW), by meter_step(). The
 * meter's rollover and max_rate are in its registry unit: they go through
 * the same conversion as a reading in that unit.
 */
static void
CounterToSteps(PlantSeries *s, const PlantMeter *m)
{
	MeterParams mp;
	MeterCounts counts = {0, 0, 0, 0};
	double		reg;
	size_t		i;

	if (s->n == 0)
		return;
	meter_params_default(&mp);
	mp.stepback = m->stepback_tolerance;
	if (m->has_rollover || m->has_max_rate)
	{
		UnitConv	conv;
		double		scale;

		memset(&conv, 0, sizeof(conv));
		ResolveUnit(m, m->unit, &conv);
		scale = tq_unit_convert(1.0, conv.from, conv.to) * conv.mult;
		mp.has_rollover = m->has_rollover;
		mp.rollover = m->rollover * scale;
		mp.has_max_rate = m->has_max_rate;
		mp.max_rate = m->max_rate * scale;
		pfree(conv.name);
	}
	reg = s->pts[0].val;
	for (i = 0; i + 1 < s->n; i++)
	{
		double		hours = (double) (s->pts[i + 1].ts - s->pts[i].ts) / USECS_PER_HOUR;
		double		step;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		step = meter_step(&mp, &reg, &s->pts[i], &s->pts[i + 1], &counts, NULL);
		s->pts[i].val = step / hours;
	}
	s->pts[s->n - 1].val = 0.0;
}

/* Reads, cleans and converts the wanted meters' samples around [from, to) */
PlantSeries *
PlantReadMeters(Oid readings, const PlantFacility *fac, const bool *want,
				TimestampTz from, TimestampTz to)
{
	Oid			types[4] = {TEXTOID, TEXTARRAYOID, TIMESTAMPTZOID, TIMESTAMPTZOID};
	Datum		vals[4];
	char	   *sql;
	SPIPlanPtr	plan;
	ParamListInfo params;
	SPIExecuteOptions opts;
	ReadingsDest dest;
	PlantSeries *series;
	MeterAcc   *acc;
	Datum	   *ids;
	int			nids = 0,
				i,
				rc;
	int64		gap = 1;

	series = palloc0(sizeof(PlantSeries) * (fac->nmeters + 1));
	acc = palloc0(sizeof(MeterAcc) * (fac->nmeters + 1));
	ids = palloc(sizeof(Datum) * (fac->nmeters + 1));
	sql = psprintf("SELECT meter_id, \"timestamp\", value, unit, quality FROM %s "
				   "WHERE facility_id = $1 AND meter_id = ANY ($2) "
				   "AND \"timestamp\" >= $3 AND \"timestamp\" < $4",
				   PlantCheckReadingsTable(readings));
	for (i = 0; i < fac->nmeters; i++)
	{
		if (!want[i])
			continue;
		ids[nids++] = CStringGetTextDatum(fac->meters[i].meter_id);
		gap = Max(gap, fac->meters[i].max_gap);
		acc[i].cap = 1024;
		acc[i].rcap = 1024;
		series[i].pts = palloc(sizeof(TwPoint) * acc[i].cap);
		series[i].rows = palloc(sizeof(PlantQualRow) * acc[i].rcap);
		series[i].method = fac->meters[i].counter ? TW_LOCF : TW_LINEAR;
	}
	if (nids == 0)
		return series;

	/*
	 * One query for all wanted meters, on the partition key's range only:
	 * the planner keeps just the partitions of [from - gap, to + gap). The
	 * sample just before from (after to) is inside that range whenever it
	 * is close enough to be interpolated from; further away its segment is
	 * a gap anyway. No ORDER BY: sorting ~10^5 points in C is cheaper than
	 * an ordered index scan or a sort node, and equal timestamps need the
	 * value order anyway.
	 */
	vals[0] = CStringGetTextDatum(fac->facility_id);
	vals[1] = PointerGetDatum(construct_array(ids, nids, TEXTOID, -1, false, TYPALIGN_INT));
	vals[2] = TimestampTzGetDatum(tq_time_add_clamped(from, -gap));
	vals[3] = TimestampTzGetDatum(tq_time_add_clamped(to, gap));
	/* every difference of two points read is then an int64 too */
	(void) tq_time_span(DatumGetTimestampTz(vals[2]), DatumGetTimestampTz(vals[3]),
						"range [p_from - max_gap, p_to + max_gap)");

	plan = SPI_prepare(sql, 4, types);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	params = makeParamList(4);
	for (i = 0; i < 4; i++)
	{
		params->params[i].value = vals[i];
		params->params[i].isnull = false;
		params->params[i].pflags = PARAM_FLAG_CONST;
		params->params[i].ptype = types[i];
	}
	memset(&dest, 0, sizeof(dest));
	dest.pub.receiveSlot = ReadingsReceive;
	dest.pub.rStartup = ReadingsStartup;
	dest.pub.rShutdown = ReadingsShutdown;
	dest.pub.rDestroy = ReadingsDestroy;
	dest.pub.mydest = DestNone;
	dest.fac = fac;
	dest.want = want;
	dest.series = series;
	dest.acc = acc;
	dest.from = from;
	dest.to = to;
	memset(&opts, 0, sizeof(opts));
	opts.params = params;
	opts.read_only = true;
	opts.dest = (DestReceiver *) &dest;
	/* a fresh plan is a custom plan: the values prune the partitions */
	rc = SPI_execute_plan_extended(plan, &opts);
	/* with a DestReceiver of its own, SPI reports a SELECT as SPI_OK_UTILITY */
	if (rc != SPI_OK_SELECT && rc != SPI_OK_UTILITY)
		elog(ERROR, "SPI_execute_plan_extended failed: %s", SPI_result_code_string(rc));
	SPI_freeplan(plan);
	pfree(sql);

	for (i = 0; i < fac->nmeters; i++)
	{
		if (!want[i])
			continue;
		/* sorted by time, equal timestamps collapsed to the larger value */
		series[i].n = tw_log_sort_dedup(series[i].pts, series[i].n);
		if (fac->meters[i].counter)
			CounterToSteps(&series[i], &fac->meters[i]);
	}
	return series;
}

/* Frees what PlantReadMeters allocated */
void
PlantFreeSeries(const PlantFacility *fac, PlantSeries *series)
{
	int			i;

	for (i = 0; i < fac->nmeters; i++)
	{
		if (series[i].pts)
			pfree(series[i].pts);
		if (series[i].rows)
			pfree(series[i].rows);
	}
	pfree(series);
}

/* Integral of the series over [a, b) in value x hours, with covered time */
double
PlantIntegrate(const PlantSeries *s, const PlantMeter *m, TimestampTz a,
			   TimestampTz b, int64 *covered)
{
	size_t		lo = 0,
				hi = s->n,
				start,
				end;
	TwRangeResult r;

	*covered = 0;
	if (s->n < 2 || b <= a)
		return 0.0;
	/* start: last point with ts <= a (or 0); end: first point with ts >= b (or n-1) */
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (s->pts[mid].ts <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	start = lo > 0 ? lo - 1 : 0;
	end = start;
	while (end + 1 < s->n && s->pts[end].ts < b)
		end++;
	/*
	 * A counter's increment between two good reads is measured whatever the
	 * interval (API.md section 5): its steps are never a gap (max_gap 0).
	 * Its max_gap still bounds how far before p_from and after p_to the
	 * edge reads are looked for (PlantReadMeters).
	 */
	switch (tw_integrate_range(s->pts + start, end - start + 1, a, b, s->method,
							   m->counter ? 0 : m->max_gap, &r))
	{
		case TW_OK:
			break;
		case TW_ERR_NOT_FINITE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("integral of meter \"%s\" is out of range", m->meter_id),
					 errdetail("The readings integrate to more than the float8 range of about 1.8e308.")));
			break;
		case TW_ERR_TOO_LONG:
			tq_span_error("plant integration", s->pts[start].ts, s->pts[end].ts);
			break;
		default:
			/* the series is sorted and deduplicated, [a, b) checked */
			elog(ERROR, "time-weighted integration of meter \"%s\" failed", m->meter_id);
	}
	*covered = r.covered;
	return r.integral / 3600.0;
}
