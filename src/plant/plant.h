/*
 * plant.h
 *		The calculations shared by the plant functions: energies per bucket
 *		(efficiency.c), the heat balance rows and their Sankey links
 *		(balance.c) that heat_balance, balance_closure, sankey (sankey.c) and
 *		sankey_svg (svg.c) all present; and the report analyze() reads
 *		(report.c).
 *
 * For the other plant code (analyze, calculate) the SQL functions are the
 * interface; these C entry points are an internal convenience.
 */
#ifndef THERMALIQ_PLANT_H
#define THERMALIQ_PLANT_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "plant/readings.h"

/* Energy sums per bucket (kWh), coverage and quality counts */
typedef struct PlantBuckets
{
	int			nb;
	double	   *fuel;
	double	   *electric;
	double	   *useful;
	int64	   *covered;		/* microseconds covered by every energy meter */
	int64	   *rows;			/* rows of energy meters in the bucket */
	int64	   *usable;			/* of which usable */
	int			energy_meters;
	int		   *energy_index;	/* meter index of each energy meter */
	uint8	   *gap;			/* [bucket * energy_meters + j]: meter j misses time */
} PlantBuckets;

/* Bucket edges from + k bucket clipped to to; ERROR 22023/54000; returns count */
extern int	PlantBucketEdges(TimestampTz from, TimestampTz to, Interval *bucket,
							 TimestampTz **edges_out);

/*
 * Integrates the fuel, electric and output meters of the read over each
 * bucket, on the time all of them cover in it
 */
extern void PlantEnergyBuckets(const PlantRead *rd, int nb, const TimestampTz *edges,
							   PlantBuckets *res);

/* Categories of the heat balance, in output order */
typedef enum PlantCategory
{
	PC_INPUT,
	PC_OUTPUT,
	PC_LOSS,
	PC_UNACCOUNTED
} PlantCategory;

/* One heat_balance row */
typedef struct PlantStream
{
	PlantCategory category;
	char	   *stream;
	double		kwh;
	bool		electric;		/* an electric_input meter */
	bool		latent_input;	/* LHV balance: the fuel water's latent heat, no fuel */
} PlantStream;

/* The heat balance of a facility over a range */
typedef struct PlantBalance
{
	PlantFacility *fac;
	int			n;
	PlantStream *rows;			/* inputs, outputs, losses, unaccounted last */
	double		input_kwh;
	double		output_kwh;
	double		loss_kwh;
	double		unaccounted_kwh;
	/* the mean flue-gas conditions used (NaN when not available) */
	double		flue_gas_temp_c;
	double		air_temp_c;
	double		o2_dry_pct;
	double		co_ppm;
	bool		air_metered;	/* air_temp_c from a combustion-air meter */
	bool		flue_losses;	/* the flue-gas loss rows are there */
	int			energy_meters;
	int64		covered;		/* microseconds covered by every energy meter */
	double	   *meter_kwh;		/* per meter of fac: energy on the common coverage */
} PlantBalance;

/* Name of a category as heat_balance prints it */
extern const char *PlantCategoryName(PlantCategory c);

/*
 * True for that row: it closes an LHV balance against its latent loss
 * rows, but it is no fuel input (efficiencies divide by the metered fuel)
 */
static inline bool
PlantIsLatentInputRow(const PlantStream *r)
{
	return r->category == PC_INPUT && r->latent_input;
}

/* The meters a balance needs, as PlantReadFacility's want */
extern void PlantBalanceWants(const PlantFacility *fac, PlantWant *want);

/* The heat balance over [from, to) from a read that covers it */
extern void PlantBalanceFromRead(const PlantRead *rd, TimestampTz from, TimestampTz to,
								 PlantBalance *b);

/* Loads, reads and computes the heat balance (inside SPI_connect / SPI_finish) */
extern void PlantComputeBalance(Oid readings, const char *facility,
								TimestampTz from, TimestampTz to,
								PlantBalance *out);

/* closure_error_pct and class ("excellent", ...); false when input is 0 */
extern bool PlantClosure(const PlantBalance *b, double *error_pct,
						 const char **klass);

/* A sankey link */
typedef struct PlantLink
{
	const char *source;
	const char *target;
	double		kwh;
	PlantCategory category;		/* of the heat_balance row it comes from */
	bool		electric;
} PlantLink;

/* Links of the balance: inputs -> facility -> outputs, losses, unaccounted */
extern int	PlantSankeyLinks(const PlantBalance *b, PlantLink **links);

/* The SVG document of the balance (palloc'd) */
extern char *PlantSankeySvg(const PlantBalance *b, TimestampTz from, TimestampTz to);

#endif
