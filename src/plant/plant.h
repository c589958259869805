/*
 * plant.h
 *		The calculations shared by the plant functions: energies per bucket
 *		(efficiency.c) and the heat balance rows (balance.c) that
 *		heat_balance, balance_closure, sankey and sankey_svg all present.
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
	int64	   *min_covered;	/* microseconds, least over energy meters */
	int64	   *rows;			/* rows of energy meters in the bucket */
	int64	   *usable;			/* of which usable */
	int			energy_meters;
} PlantBuckets;

/* Bucket edges from + k bucket clipped to to; ERROR 22023/54000; returns count */
extern int	PlantBucketEdges(TimestampTz from, TimestampTz to, Interval *bucket,
							 TimestampTz **edges_out);

/* Integrates the fuel, electric and output meters over each bucket */
extern void PlantEnergyBuckets(Oid readings, const PlantFacility *fac, int nb,
							   const TimestampTz *edges, PlantBuckets *res);

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
} PlantBalance;

/* Name of a category as heat_balance prints it */
extern const char *PlantCategoryName(PlantCategory c);

/* Computes the heat balance (call inside SPI_connect / SPI_finish) */
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
