/*
 * unitpolicy.c
 *		Which units the rows of a meter may carry and what the calculations
 *		turn them into (README, "Plant calculations"): every row is
 *		converted by its own unit column, as the historian wrote it.
 *
 *   energy roles, rate    power -> kW; fuel mass flow -> kg/h x HV;
 *                         fuel volume flow -> m3/h x density x HV
 *   energy roles, counter energy -> kWh; fuel mass -> kg x HV;
 *                         fuel volume -> m3 x density x HV
 *   blowdown, rate        power -> kW (a heat loss); mass flow -> kg/h
 *   outputs (1.1)         also mass flow -> kg/h, mass counters -> kg: both
 *                         become heat by IF97 in outputs.c
 *   temperatures          degC (also the 1.1 steam, feedwater, supply and
 *                         return temperatures); flue_gas_o2 %; flue_gas_co
 *                         ppm; steam_pressure MPa (absolute); ambient_humidity %
 * HV is the fuel's heating value on the meter's basis in kWh/kg.
 */
#include "postgres.h"

#include <math.h>

#include "plant/readings.h"

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
void
PlantResolveUnit(const PlantMeter *m, const char *name, PlantUnitConv *c,
				 bool *flow_kg_h)
{
	const TqUnit *u = tq_unit_lookup(name);
	const char *target = NULL;
	double		mult = 1.0;
	bool		energy = PlantIsEnergyMeter(m) || m->role == PR_BLOWDOWN;

	if (flow_kg_h)
		*flow_kg_h = false;

	if (u == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\" in the readings of meter \"%s\"", name, m->meter_id),
				 errhint("SELECT * FROM thermaliq.units() lists the units thermaliq knows.")));
	if (energy && !m->counter)
	{
		if (u->dim == TQ_DIM_POWER)
			target = "kW";
		else if (u->dim == TQ_DIM_MASS_FLOW &&
				 (m->role == PR_BLOWDOWN || m->role == PR_HEAT_OUTPUT))
		{
			/* 1.1: outputs by flow become heat in outputs.c */
			target = "kg/h";
			if (flow_kg_h)
				*flow_kg_h = true;
		}
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
		else if (u->dim == TQ_DIM_MASS &&
				 (m->role == PR_BLOWDOWN || m->role == PR_HEAT_OUTPUT))
		{
			/* a mass counter: steps of kg/h, then heat in outputs.c */
			target = "kg";
			if (flow_kg_h)
				*flow_kg_h = true;
		}
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
			 m->role == PR_AMBIENT_TEMPERATURE || m->role == PR_STEAM_TEMPERATURE ||
			 m->role == PR_FEEDWATER_TEMPERATURE || m->role == PR_SUPPLY_TEMPERATURE ||
			 m->role == PR_RETURN_TEMPERATURE))
			target = "degC";
		else if (u->dim == TQ_DIM_PRESSURE && m->role == PR_STEAM_PRESSURE)
			target = "MPa";
		else if (u->dim == TQ_DIM_FRACTION && m->role == PR_AMBIENT_HUMIDITY)
			target = "%";
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
				 errhint("Rate meters of energy roles read power (kW, MW, Btu/h, ...) or, for fuel, a mass or volume flow; counters read energy, or a mass or volume of fuel; outputs and blowdown may also read a mass flow (kg/h, t/h, lb/h) or a mass counter; steam_pressure reads an absolute pressure (MPa, bar, kPa, psi).")));
	c->from = u;
	c->to = tq_unit_lookup(target);
	c->mult = mult;
}
