/*
 * readings.h
 *		The plant as the calculations see it: the facility's registry rows
 *		(meters, fuels, settings) and each meter's ordered, cleaned samples
 *		over a requested range, read through SPI.
 *
 * Shared by efficiency.c, balance.c, sankey.c and svg.c. All functions must
 * be called between SPI_connect and SPI_finish; results are palloc'd in the
 * memory context current at the call (not SPI's).
 */
#ifndef THERMALIQ_PLANT_READINGS_H
#define THERMALIQ_PLANT_READINGS_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "math/combustion.h"
#include "math/timeweight.h"

/* What a meter measures, as far as the calculations care */
typedef enum PlantRole
{
	PR_FUEL_INPUT,
	PR_ELECTRIC_INPUT,
	PR_HEAT_OUTPUT,				/* heat_output, steam_output, hot_water_output */
	PR_FLUE_GAS_TEMPERATURE,
	PR_FLUE_GAS_O2,
	PR_AIR_TEMPERATURE,
	PR_FLUE_GAS_CO,
	PR_BLOWDOWN,
	PR_AMBIENT_TEMPERATURE,
	PR_OTHER
} PlantRole;

/* A fuel row of thermaliq.fuels (NaN where the table has no value) */
typedef struct PlantFuel
{
	TqFuel		tq;				/* what the combustion maths takes */
	double		density_kg_m3;	/* for volume meters */
} PlantFuel;

/* One row of thermaliq.meters with what the reader derived from it */
typedef struct PlantMeter
{
	char	   *meter_id;
	char	   *role_name;
	PlantRole	role;
	bool		counter;		/* kind = 'counter' */
	char	   *unit;			/* registry unit (readings carry their own) */
	PlantFuel  *fuel;			/* fuel meters with a fuel_id, else NULL */
	bool		hhv;			/* fuel meters: heating_value_basis = 'hhv' */
	int64		max_gap;		/* microseconds, > 0 */
	bool		has_rollover;	/* counters: meter_settings.rollover set */
	double		rollover;		/* in the registry unit */
	bool		has_max_rate;	/* counters: meter_settings.max_rate set */
	double		max_rate;		/* registry unit per hour */
	double		stepback_tolerance; /* counters: fraction of the register */
} PlantMeter;

/* A facility and its meters, ordered by meter_id */
typedef struct PlantFacility
{
	char	   *facility_id;
	char	   *process_type;
	double		ambient_c;
	double		radiation_loss_pct;
	int			nmeters;
	PlantMeter *meters;
} PlantFacility;

/* One raw row of a meter inside [from, to): its time and whether it is usable */
typedef struct PlantQualRow
{
	TimestampTz ts;
	bool		usable;
} PlantQualRow;

/*
 * A meter's samples as a series ready for integration. Rate meters: points
 * in kW (energy roles), degC (temperatures), % (O2), ppm (CO). Counter
 * meters: the counter turned into a step (locf) series of kW whose
 * integral over any range is the interpolated counter delta.
 */
typedef struct PlantSeries
{
	TwPoint    *pts;			/* strictly increasing ts */
	size_t		n;
	TwMethod	method;			/* TW_LINEAR for rates, TW_LOCF for counters */
	PlantQualRow *rows;		/* every row with from <= ts < to, unordered */
	size_t		nrows;
} PlantSeries;

/* Loads the facility, its meters, fuels and settings; ERROR 22023 if unknown */
extern PlantFacility *PlantLoadFacility(const char *facility_id);

/* True for the meters whose energy enters the efficiency (fuel, electric, output) */
extern bool PlantIsEnergyMeter(const PlantMeter *m);

/*
 * Reads the meters with want[i] over [from - max_gap, to + max_gap) from
 * the readings table in one query, drops unusable rows (quality 2/3, NULL,
 * NaN, infinite), converts each row by its own unit, sorts, collapses
 * equal timestamps to the larger value; returns one series per meter
 * (empty for the others). rows are in no particular order.
 */
extern PlantSeries *PlantReadMeters(Oid readings, const PlantFacility *fac,
									const bool *want, TimestampTz from,
									TimestampTz to);

/* Frees the series of PlantReadMeters */
extern void PlantFreeSeries(const PlantFacility *fac, PlantSeries *series);

/* Integral over [a, b) of a series: value x hours (kWh for energy meters) */
extern double PlantIntegrate(const PlantSeries *s, const PlantMeter *m,
							 TimestampTz a, TimestampTz b, int64 *covered);

/* ERROR 22023 when the facility's fuel meters use different heating-value bases */
extern void PlantCheckBases(const PlantFacility *fac);

/*
 * Checks a readings table's columns (names and types, 42804) and the
 * caller's SELECT privilege (42501); returns its quoted qualified name
 */
extern char *PlantCheckReadingsTable(Oid readings);

/* Checks p_from < p_to; ERROR 22023 otherwise */
extern void PlantCheckRange(TimestampTz from, TimestampTz to);

#endif
