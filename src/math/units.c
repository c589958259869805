/*
 * units.c
 *		The unit table behind thermaliq.convert() and the meter registry.
 *
 * Factors are exact by definition where a definition exists: the
 * International Table Btu (1055.05585262 J, ISO 31-4), the avoirdupois pound
 * (0.45359237 kg), the international foot (0.3048 m), the US gallon
 * (231 in^3), the IT calorie (4.1868 J), the psi (lbf/in^2 with standard
 * gravity 9.80665 m/s^2), the therm (10^5 Btu). Hence 1 MMBtu = 293.0710702 kWh
 * and 1 therm = 29.30710702 kWh.
 *
 * Gas volumes: m3 (and Sm3, the standard cubic metre) are at the reference
 * of thermaliq.fuels.density_kg_m3, 15 degC and 101.325 kPa (ISO 13443);
 * the normal cubic metre Nm3 is at 0 degC and 101.325 kPa (DIN 1343), so
 * one Nm3 of an ideal gas fills 288.15 / 273.15 m3 at the reference.
 */
#include <string.h>
#include <strings.h>

#include "math/units.h"

#define BTU_J		1055.05585262
#define LB_KG		0.45359237
#define FT3_M3		(0.3048 * 0.3048 * 0.3048)
#define USGAL_M3	3.785411784e-3
#define KCAL_J		4186.8
#define PSI_PA		(LB_KG * 9.80665 / (0.0254 * 0.0254))
#define NM3_M3		(288.15 / 273.15)

typedef struct UnitName
{
	const char *alias;
	TqUnit		unit;
} UnitName;

/*
 * Canonical names first in each group; an alias repeats the unit under
 * another spelling. Lookup is exact first, then case-insensitive when
 * that is unambiguous.
 */
static const UnitName units[] = {
	/* power, SI: W */
	{"W", {"W", TQ_DIM_POWER, 1.0, 0}},
	{"kW", {"kW", TQ_DIM_POWER, 1e3, 0}},
	{"MW", {"MW", TQ_DIM_POWER, 1e6, 0}},
	{"GW", {"GW", TQ_DIM_POWER, 1e9, 0}},
	{"Btu/h", {"Btu/h", TQ_DIM_POWER, BTU_J / 3600.0, 0}},
	{"kBtu/h", {"kBtu/h", TQ_DIM_POWER, 1e3 * BTU_J / 3600.0, 0}},
	{"MMBtu/h", {"MMBtu/h", TQ_DIM_POWER, 1e6 * BTU_J / 3600.0, 0}},
	{"kcal/h", {"kcal/h", TQ_DIM_POWER, KCAL_J / 3600.0, 0}},
	{"Gcal/h", {"Gcal/h", TQ_DIM_POWER, 1e6 * KCAL_J / 3600.0, 0}},
	{"hp", {"hp", TQ_DIM_POWER, 550.0 * 0.3048 * LB_KG * 9.80665, 0}},
	{"TR", {"TR", TQ_DIM_POWER, 12000.0 * BTU_J / 3600.0, 0}},
	{"kJ/s", {"kW", TQ_DIM_POWER, 1e3, 0}},
	{"MJ/h", {"MJ/h", TQ_DIM_POWER, 1e6 / 3600.0, 0}},
	{"GJ/h", {"GJ/h", TQ_DIM_POWER, 1e9 / 3600.0, 0}},

	/* energy, SI: J */
	{"J", {"J", TQ_DIM_ENERGY, 1.0, 0}},
	{"kJ", {"kJ", TQ_DIM_ENERGY, 1e3, 0}},
	{"MJ", {"MJ", TQ_DIM_ENERGY, 1e6, 0}},
	{"GJ", {"GJ", TQ_DIM_ENERGY, 1e9, 0}},
	{"TJ", {"TJ", TQ_DIM_ENERGY, 1e12, 0}},
	{"Wh", {"Wh", TQ_DIM_ENERGY, 3600.0, 0}},
	{"kWh", {"kWh", TQ_DIM_ENERGY, 3.6e6, 0}},
	{"MWh", {"MWh", TQ_DIM_ENERGY, 3.6e9, 0}},
	{"GWh", {"GWh", TQ_DIM_ENERGY, 3.6e12, 0}},
	{"Btu", {"Btu", TQ_DIM_ENERGY, BTU_J, 0}},
	{"kBtu", {"kBtu", TQ_DIM_ENERGY, 1e3 * BTU_J, 0}},
	{"MMBtu", {"MMBtu", TQ_DIM_ENERGY, 1e6 * BTU_J, 0}},
	{"therm", {"therm", TQ_DIM_ENERGY, 1e5 * BTU_J, 0}},
	{"Dth", {"Dth", TQ_DIM_ENERGY, 1e6 * BTU_J, 0}},
	{"kcal", {"kcal", TQ_DIM_ENERGY, KCAL_J, 0}},
	{"Mcal", {"Mcal", TQ_DIM_ENERGY, 1e3 * KCAL_J, 0}},
	{"Gcal", {"Gcal", TQ_DIM_ENERGY, 1e6 * KCAL_J, 0}},
	{"toe", {"toe", TQ_DIM_ENERGY, 1e7 * KCAL_J, 0}},
	{"MMBTU", {"MMBtu", TQ_DIM_ENERGY, 1e6 * BTU_J, 0}},
	{"BTU", {"Btu", TQ_DIM_ENERGY, BTU_J, 0}},

	/* temperature, SI: K */
	{"K", {"K", TQ_DIM_TEMPERATURE, 1.0, 0}},
	{"degC", {"degC", TQ_DIM_TEMPERATURE, 1.0, 273.15}},
	{"degF", {"degF", TQ_DIM_TEMPERATURE, 5.0 / 9.0, 459.67}},
	{"degR", {"degR", TQ_DIM_TEMPERATURE, 5.0 / 9.0, 0}},
	{"C", {"degC", TQ_DIM_TEMPERATURE, 1.0, 273.15}},
	{"F", {"degF", TQ_DIM_TEMPERATURE, 5.0 / 9.0, 459.67}},
	{"\xC2\xB0" "C", {"degC", TQ_DIM_TEMPERATURE, 1.0, 273.15}},
	{"\xC2\xB0" "F", {"degF", TQ_DIM_TEMPERATURE, 5.0 / 9.0, 459.67}},
	{"celsius", {"degC", TQ_DIM_TEMPERATURE, 1.0, 273.15}},
	{"fahrenheit", {"degF", TQ_DIM_TEMPERATURE, 5.0 / 9.0, 459.67}},
	{"kelvin", {"K", TQ_DIM_TEMPERATURE, 1.0, 0}},

	/* pressure (absolute), SI: Pa */
	{"Pa", {"Pa", TQ_DIM_PRESSURE, 1.0, 0}},
	{"hPa", {"hPa", TQ_DIM_PRESSURE, 1e2, 0}},
	{"kPa", {"kPa", TQ_DIM_PRESSURE, 1e3, 0}},
	{"MPa", {"MPa", TQ_DIM_PRESSURE, 1e6, 0}},
	{"bar", {"bar", TQ_DIM_PRESSURE, 1e5, 0}},
	{"mbar", {"mbar", TQ_DIM_PRESSURE, 1e2, 0}},
	{"psi", {"psi", TQ_DIM_PRESSURE, PSI_PA, 0}},
	{"atm", {"atm", TQ_DIM_PRESSURE, 101325.0, 0}},
	{"psia", {"psi", TQ_DIM_PRESSURE, PSI_PA, 0}},

	/* mass flow, SI: kg/s */
	{"kg/s", {"kg/s", TQ_DIM_MASS_FLOW, 1.0, 0}},
	{"kg/h", {"kg/h", TQ_DIM_MASS_FLOW, 1.0 / 3600.0, 0}},
	{"kg/min", {"kg/min", TQ_DIM_MASS_FLOW, 1.0 / 60.0, 0}},
	{"g/s", {"g/s", TQ_DIM_MASS_FLOW, 1e-3, 0}},
	{"t/h", {"t/h", TQ_DIM_MASS_FLOW, 1e3 / 3600.0, 0}},
	{"t/d", {"t/d", TQ_DIM_MASS_FLOW, 1e3 / 86400.0, 0}},
	{"lb/h", {"lb/h", TQ_DIM_MASS_FLOW, LB_KG / 3600.0, 0}},
	{"klb/h", {"klb/h", TQ_DIM_MASS_FLOW, 1e3 * LB_KG / 3600.0, 0}},
	{"lb/s", {"lb/s", TQ_DIM_MASS_FLOW, LB_KG, 0}},

	/* volume flow, SI: m3/s */
	{"m3/s", {"m3/s", TQ_DIM_VOLUME_FLOW, 1.0, 0}},
	{"m3/h", {"m3/h", TQ_DIM_VOLUME_FLOW, 1.0 / 3600.0, 0}},
	{"m3/min", {"m3/min", TQ_DIM_VOLUME_FLOW, 1.0 / 60.0, 0}},
	{"L/s", {"L/s", TQ_DIM_VOLUME_FLOW, 1e-3, 0}},
	{"L/min", {"L/min", TQ_DIM_VOLUME_FLOW, 1e-3 / 60.0, 0}},
	{"L/h", {"L/h", TQ_DIM_VOLUME_FLOW, 1e-3 / 3600.0, 0}},
	{"ft3/h", {"ft3/h", TQ_DIM_VOLUME_FLOW, FT3_M3 / 3600.0, 0}},
	{"ft3/min", {"ft3/min", TQ_DIM_VOLUME_FLOW, FT3_M3 / 60.0, 0}},
	{"gpm", {"gpm", TQ_DIM_VOLUME_FLOW, USGAL_M3 / 60.0, 0}},
	{"cfm", {"ft3/min", TQ_DIM_VOLUME_FLOW, FT3_M3 / 60.0, 0}},
	{"cfh", {"ft3/h", TQ_DIM_VOLUME_FLOW, FT3_M3 / 3600.0, 0}},
	{"m\xC2\xB3/h", {"m3/h", TQ_DIM_VOLUME_FLOW, 1.0 / 3600.0, 0}},
	{"Sm3/h", {"m3/h", TQ_DIM_VOLUME_FLOW, 1.0 / 3600.0, 0}},
	{"Nm3/h", {"Nm3/h", TQ_DIM_VOLUME_FLOW, NM3_M3 / 3600.0, 0}},
	{"Nm3/s", {"Nm3/s", TQ_DIM_VOLUME_FLOW, NM3_M3, 0}},

	/* mass, SI: kg */
	{"kg", {"kg", TQ_DIM_MASS, 1.0, 0}},
	{"g", {"g", TQ_DIM_MASS, 1e-3, 0}},
	{"t", {"t", TQ_DIM_MASS, 1e3, 0}},
	{"lb", {"lb", TQ_DIM_MASS, LB_KG, 0}},
	{"klb", {"klb", TQ_DIM_MASS, 1e3 * LB_KG, 0}},

	/* volume, SI: m3 */
	{"m3", {"m3", TQ_DIM_VOLUME, 1.0, 0}},
	{"L", {"L", TQ_DIM_VOLUME, 1e-3, 0}},
	{"ft3", {"ft3", TQ_DIM_VOLUME, FT3_M3, 0}},
	{"gal", {"gal", TQ_DIM_VOLUME, USGAL_M3, 0}},
	{"m\xC2\xB3", {"m3", TQ_DIM_VOLUME, 1.0, 0}},
	{"Sm3", {"m3", TQ_DIM_VOLUME, 1.0, 0}},
	{"Nm3", {"Nm3", TQ_DIM_VOLUME, NM3_M3, 0}},

	/* fractions and concentrations: flue-gas O2, CO */
	{"%", {"%", TQ_DIM_FRACTION, 1e-2, 0}},
	{"fraction", {"fraction", TQ_DIM_FRACTION, 1.0, 0}},
	{"ppm", {"ppm", TQ_DIM_CONCENTRATION, 1e-6, 0}},
	{"ppb", {"ppb", TQ_DIM_CONCENTRATION, 1e-9, 0}},
};

#define NUNITS ((int) (sizeof(units) / sizeof(units[0])))

/* Finds a unit by exact name, else by a unique case-insensitive match */
const TqUnit *
tq_unit_lookup(const char *name)
{
	const TqUnit *found = NULL;
	int			i;
	int			nfound = 0;

	for (i = 0; i < NUNITS; i++)
		if (strcmp(units[i].alias, name) == 0)
			return &units[i].unit;

	/* "KW", "kwh", "MMBTU/H": accept when only one unit fits */
	for (i = 0; i < NUNITS; i++)
	{
		if (strcasecmp(units[i].alias, name) != 0)
			continue;
		if (found == NULL ||
			found->scale != units[i].unit.scale ||
			found->dim != units[i].unit.dim ||
			found->offset != units[i].unit.offset)
			nfound++;
		found = &units[i].unit;
	}
	return nfound == 1 ? found : NULL;
}

/* Name of a dimension, as shown in error messages */
const char *
tq_dimension_name(TqDimension dim)
{
	switch (dim)
	{
		case TQ_DIM_POWER:
			return "power";
		case TQ_DIM_ENERGY:
			return "energy";
		case TQ_DIM_TEMPERATURE:
			return "temperature";
		case TQ_DIM_PRESSURE:
			return "pressure";
		case TQ_DIM_MASS_FLOW:
			return "mass flow";
		case TQ_DIM_VOLUME_FLOW:
			return "volume flow";
		case TQ_DIM_MASS:
			return "mass";
		case TQ_DIM_VOLUME:
			return "volume";
		case TQ_DIM_FRACTION:
			return "fraction";
		case TQ_DIM_CONCENTRATION:
			return "concentration";
	}
	return "unknown";
}

/* The SI unit of a dimension */
const char *
tq_dimension_si(TqDimension dim)
{
	switch (dim)
	{
		case TQ_DIM_POWER:
			return "W";
		case TQ_DIM_ENERGY:
			return "J";
		case TQ_DIM_TEMPERATURE:
			return "K";
		case TQ_DIM_PRESSURE:
			return "Pa";
		case TQ_DIM_MASS_FLOW:
			return "kg/s";
		case TQ_DIM_VOLUME_FLOW:
			return "m3/s";
		case TQ_DIM_MASS:
			return "kg";
		case TQ_DIM_VOLUME:
			return "m3";
		case TQ_DIM_FRACTION:
			return "fraction";
		case TQ_DIM_CONCENTRATION:
			return "fraction";
	}
	return "?";
}

/*
 * Converts through the SI unit. Same-unit and pure-scale conversions are
 * done as one multiplication by the ratio, so 1 MMBtu -> kWh is the exact
 * quotient of the two definitions, not two rounded steps.
 */
double
tq_unit_convert(double value, const TqUnit *from, const TqUnit *to)
{
	if (from->scale == to->scale && from->offset == to->offset)
		return value;
	if (from->offset == 0 && to->offset == 0)
		return value * (from->scale / to->scale);
	return (value + from->offset) * (from->scale / to->scale) - to->offset;
}

/* Number of table entries (aliases included) */
int
tq_unit_count(void)
{
	return NUNITS;
}

/* The i-th table entry and, through *alias, its spelling */
const TqUnit *
tq_unit_at(int i, const char **alias)
{
	if (i < 0 || i >= NUNITS)
		return NULL;
	*alias = units[i].alias;
	return &units[i].unit;
}
