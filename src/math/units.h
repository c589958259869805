/*
 * units.h
 *		Engineering units: names, dimensions and exact conversion factors.
 *
 * Pure C (no postgres.h). Every unit is an affine map to the SI unit of its
 * dimension: si = (value + offset) * scale; only temperatures have an offset
 * (the unit's own reading at absolute zero, negated: 273.15 for degC).
 */
#ifndef THERMALIQ_UNITS_H
#define THERMALIQ_UNITS_H

typedef enum TqDimension
{
	TQ_DIM_POWER,
	TQ_DIM_ENERGY,
	TQ_DIM_TEMPERATURE,
	TQ_DIM_PRESSURE,
	TQ_DIM_MASS_FLOW,
	TQ_DIM_VOLUME_FLOW,
	TQ_DIM_MASS,
	TQ_DIM_VOLUME,
	TQ_DIM_FRACTION,
	TQ_DIM_CONCENTRATION
} TqDimension;

typedef struct TqUnit
{
	const char *name;			/* canonical spelling */
	TqDimension dim;
	double		scale;			/* SI units per unit */
	double		offset;			/* -(reading at the SI zero), in this unit */
} TqUnit;

/* The unit named name (exact spelling or an alias), or NULL */
extern const TqUnit *tq_unit_lookup(const char *name);

/* Name of a dimension ("power", "energy", ...) */
extern const char *tq_dimension_name(TqDimension dim);

/* The SI unit name of a dimension ("W", "J", "K", ...) */
extern const char *tq_dimension_si(TqDimension dim);

/* Converts value between two units of one dimension (caller checks dims) */
extern double tq_unit_convert(double value, const TqUnit *from, const TqUnit *to);

/* Number of known units, and the i-th one (for listing) */
extern int	tq_unit_count(void);
extern const TqUnit *tq_unit_at(int i, const char **alias);

#endif
