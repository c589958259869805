/*
 * readings.h
 *		The plant as the calculations see it: the facility's registry rows
 *		(meters, fuels, settings), the unit policy of each meter, and the
 *		one read of the facility's readings over a range that every plant
 *		function and analyze() take their data from.
 *
 *   registry.c   facility, meters, fuels, settings; readings-table checks
 *   unitpolicy.c which units a meter's rows may carry and what they become
 *   read.c       the one pruned read: raw rows, cleaned converted series
 *   integrate.c  counter steps, covered and common spans, energies
 *
 * All functions must be called between SPI_connect and SPI_finish; results
 * are palloc'd in the memory context current at the call (not SPI's).
 */
#ifndef THERMALIQ_PLANT_READINGS_H
#define THERMALIQ_PLANT_READINGS_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "math/combustion.h"
#include "math/piecewise.h"
#include "math/timeweight.h"
#include "math/units.h"

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
	/* 1.1: the states of outputs metered as a mass flow (outputs.c) */
	PR_STEAM_PRESSURE,
	PR_STEAM_TEMPERATURE,
	PR_FEEDWATER_TEMPERATURE,
	PR_SUPPLY_TEMPERATURE,
	PR_RETURN_TEMPERATURE,
	PR_AMBIENT_HUMIDITY,		/* relative humidity of the combustion air, % */
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
	char	   *fuel_id;		/* as registered (NULL when none) */
	char	   *basis;			/* heating_value_basis as registered, or NULL */
	PlantFuel  *fuel;			/* fuel meters with a fuel_id, else NULL */
	bool		hhv;			/* fuel meters: heating_value_basis = 'hhv' */
	int64		max_gap;		/* microseconds, > 0 */
	bool		has_rollover;	/* counters: meter_settings.rollover set */
	double		rollover;		/* in the registry unit */
	bool		has_max_rate;	/* counters: meter_settings.max_rate set */
	double		max_rate;		/* registry unit per hour */
	double		stepback_tolerance; /* counters: fraction of the register */
} PlantMeter;

/* A facility and its meters, ordered by meter_id (C collation) */
typedef struct PlantFacility
{
	char	   *facility_id;
	char	   *process_type;
	double		ambient_c;
	double		radiation_loss_pct;
	/* 1.1 casing loss and air humidity settings (NaN when not set) */
	double		radiation_rated_load_kw;
	double		surface_area_m2;
	double		surface_temperature_c;
	double		surface_emissivity;
	double		air_humidity_pct;
	int			nmeters;
	PlantMeter *meters;
} PlantFacility;

/* The conversion of one unit of one meter's readings */
typedef struct PlantUnitConv
{
	const TqUnit *from;
	const TqUnit *to;
	double		mult;			/* applied after the unit conversion */
} PlantUnitConv;

/* Flags of a raw row */
#define PLANT_ROW_NULL		0x01	/* value IS NULL */
#define PLANT_ROW_USABLE	0x02	/* finite value, quality 0 or 1 */

/* One row of the readings table as read (any quality, any value) */
typedef struct PlantRawRow
{
	TimestampTz ts;
	double		val;			/* as stored, in the row's own unit */
	int16		quality;
	uint8		flags;
	uint8		unit;			/* index into PlantSeries.units */
} PlantRawRow;

/* What the read keeps of a meter */
typedef enum PlantWant
{
	PW_SKIP = 0,				/* not read */
	PW_ROWS,					/* raw rows only (quality counts, digest) */
	PW_SERIES					/* raw rows and the cleaned, converted series */
} PlantWant;

/*
 * A meter's readings. raw: every row read, in arrival order. pts: the
 * usable rows converted by their own unit, sorted, equal timestamps
 * collapsed to the larger value; rate meters in kW (energy roles), degC
 * (temperatures), % (O2), ppm (CO), kg/h or kW (blowdown); counters turned
 * into a step (locf) series of kW whose integral over any range is the
 * counter's consumption spread linearly over each interval between reads.
 */
typedef struct PlantSeries
{
	PlantWant	want;
	TwPoint    *pts;			/* strictly increasing ts */
	size_t		n;
	TwMethod	method;			/* TW_LINEAR for rates, TW_LOCF for counters */
	int64		gap;			/* longest covered segment; 0 = any (counters) */
	PlantRawRow *raw;
	size_t		nraw;
	char	  **units;			/* distinct unit names of the raw rows */
	PlantUnitConv *convs;		/* their conversions (from = NULL: unresolved) */
	int			nunits;
	bool		flow_kg_h;		/* blowdown, outputs: pts are kg/h (else kW) */
	bool		from_flow;		/* outputs.c turned a mass flow into kW */
	double	   *exergy;			/* from_flow: exergy kW at each point */
} PlantSeries;

/* The one read of a facility's readings around [from, to) */
typedef struct PlantRead
{
	const PlantFacility *fac;
	PlantSeries *series;		/* one per meter */
	TimestampTz from;
	TimestampTz to;
	TimestampTz lo;				/* rows were read in [lo, hi) */
	TimestampTz hi;
	int64		rows_read;
} PlantRead;

/* registry.c */
extern PlantFacility *PlantLoadFacility(const char *facility_id);
/* missing_ok: an unknown facility is one without meters, not an error */
extern PlantFacility *PlantLoadFacilityExt(const char *facility_id, bool missing_ok);
extern bool PlantIsEnergyMeter(const PlantMeter *m);
extern void PlantCheckBases(const PlantFacility *fac);
extern char *PlantCheckReadingsTable(Oid readings);
extern void PlantCheckRange(TimestampTz from, TimestampTz to);

/* unitpolicy.c: ERROR 22023 for an unknown unit or one the meter cannot use */
extern void PlantResolveUnit(const PlantMeter *m, const char *name, PlantUnitConv *c,
							 bool *flow_kg_h);

/*
 * read.c: reads the meters with want[i] != PW_SKIP over
 * [from - G, to + G) (G the largest max_gap of those meters) in one query
 * that the planner prunes to the partitions of that range; drops unusable
 * rows from the series (quality 2/3, NULL, NaN, infinite); converts each
 * row by its own unit; counters become steps (integrate.c).
 */
extern PlantRead *PlantReadFacility(Oid readings, const PlantFacility *fac,
									const PlantWant *want, TimestampTz from,
									TimestampTz to);

/*
 * outputs.c: output and blowdown meters metered as a mass flow become heat
 * (kW, and exergy) by IF97 from the state meters (see the file)
 */
extern void PlantOutputsFromFlow(PlantRead *rd);
extern bool PlantIsStateRole(PlantRole role);
/*
 * Heat (return value) and exergy (*exergy_kwh, NaN unless metered as a mass
 * flow) in kWh of output meter i over the spans inside [rd->from, rd->to):
 * output_streams() and analyze_read() alike
 */
extern double PlantOutputStreamKwh(const PlantRead *rd, int i, const PwSpan *common,
								   size_t nc, double *exergy_kwh);

/* integrate.c */
extern void PlantCounterSteps(PlantSeries *s, const PlantMeter *m);
/* Covered spans of meter i inside [a, b) (palloc'd, *n of them) */
extern PwSpan *PlantCoveredSpans(const PlantRead *rd, int i, TimestampTz a,
								 TimestampTz b, size_t *n);
/*
 * The spans of [a, b) that every energy meter (fuel, electric, useful
 * output) covers; NULL with *n = 0 and *nmeters = 0 when there is none
 */
extern PwSpan *PlantCommonSpans(const PlantRead *rd, TimestampTz a, TimestampTz b,
								size_t *n, int *nmeters);
/* Integral of meter i over the spans inside [a, b): value x hours (kWh) */
extern double PlantIntegrateOn(const PlantRead *rd, int i, const PwSpan *s,
							   size_t ns, TimestampTz a, TimestampTz b,
							   size_t *hint);
/* Fuel-power weighted mean of the meters of a role over the spans; NaN without overlap */
extern double PlantWeightedMean(const PlantRead *rd, PlantRole role, int fuel,
								const PwSpan *s, size_t ns, bool *metered,
								double *num, double *den);

#endif
