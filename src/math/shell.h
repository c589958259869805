/*
 * shell.h
 *		Radiation and convection loss of a boiler's casing (1.1): by load
 *		after the ABMA radiation loss chart, or from the surface.
 *
 * Pure C (no postgres.h); errors as in combustion.h.
 */
#ifndef THERMALIQ_SHELL_H
#define THERMALIQ_SHELL_H

#include "math/combustion.h"

#define TQ_STEFAN_BOLTZMANN	5.670374419e-8	/* W/(m2 K4), CODATA 2018 */
#define TQ_SURFACE_HC_COEF	1.31	/* W/(m2 K^4/3): h_c = 1.31 dT^(1/3) */

/*
 * Radiation loss at a load, % of the fuel input: the ABMA chart's loss is a
 * constant heat flow, so the percentage goes as 1/load: rated_loss_pct x
 * rated_load / load (load and rated_load in one measure, e.g. kW of fuel).
 */
extern int	tq_radiation_by_load_pct(double rated_loss_pct, double rated_load,
									 double load, double *loss_pct, TqMathError *err);

/*
 * Heat lost by a casing of area_m2 at t_surface_c to air and surroundings at
 * t_air_c, kW: A [h_c (Ts - Ta) + eps sigma (Ts^4 - Ta^4)] / 1000 with
 * h_c = 1.31 (Ts - Ta)^(1/3) W/(m2 K) (turbulent free convection in air,
 * ASHRAE Fundamentals' simplified form); 0 when Ts <= Ta.
 */
extern int	tq_surface_loss_kw(double area_m2, double t_surface_c, double t_air_c,
							   double emissivity, double *loss_kw, TqMathError *err);

#endif
