/*
 * steam.h
 *		Useful heat and exergy of steam, hot water and process heat from
 *		primary measurements (1.1): a mass flow with its outlet and inlet
 *		states, water and steam by IAPWS-IF97.
 *
 * Pure C (no postgres.h); errors as in combustion.h. Pressures MPa
 * absolute, temperatures K, enthalpy kJ/kg, entropy kJ/(kg K), flows kg/h,
 * heat and exergy flows kW.
 */
#ifndef THERMALIQ_STEAM_H
#define THERMALIQ_STEAM_H

#include "math/combustion.h"

/* A water/steam state: the enthalpy and entropy the heat and exergy use */
typedef struct TqWaterState
{
	double		p_mpa;
	double		t_k;
	double		h;				/* kJ/kg */
	double		s;				/* kJ/(kg K) */
} TqWaterState;

/*
 * Steam leaving a boiler at p_mpa: at (p, t_k) when a temperature is
 * metered (t_k not NaN; it must not lie below Tsat(p) - 0.5 K: that would be
 * water), else saturated vapour at p (x = 1).
 */
extern int	tq_steam_state(double p_mpa, double t_k, TqWaterState *st, TqMathError *err);

/*
 * Liquid water at t_k: compressed liquid at (p_mpa, t_k) when a pressure is
 * given (p_mpa not NaN) and t_k < Tsat(p), else saturated liquid at t_k
 * (feedwater, hot-water supply and return, condensate).
 */
extern int	tq_liquid_state(double p_mpa, double t_k, TqWaterState *st, TqMathError *err);

/* Saturated liquid at p_mpa (boiler drum water, blowdown), x = 0 */
extern int	tq_drum_water_state(double p_mpa, TqWaterState *st, TqMathError *err);

/*
 * Heat and exergy of a mass flow raised from state in to state out, with
 * the dead state t0_k: q = m (h_out - h_in), ex = m ((h_out - h_in) -
 * T0 (s_out - s_in)), m in kg/h (divided by 3600).
 */
extern int	tq_flow_heat_kw(double flow_kg_h, const TqWaterState *out,
							const TqWaterState *in, double t0_k,
							double *q_kw, double *ex_kw, TqMathError *err);

#endif
