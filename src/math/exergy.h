/*
 * exergy.h
 *		Exergy of heat (Carnot factor, log-mean thermodynamic temperature)
 *		and chemical exergy of fuels (Szargut factors on either basis).
 *
 * Pure C (no postgres.h); errors as in combustion.h (TqError).
 * Temperatures in K, heat flows and powers in kW.
 */
#ifndef THERMALIQ_EXERGY_H
#define THERMALIQ_EXERGY_H

#include "math/combustion.h"

/* Lowest absolute temperature of the exergy functions (see exergy.c) */
#define TQ_EXERGY_T_MIN_K 1.0

/* 1 - T0/T; negative below T0 (see exergy.c) */
extern int	tq_carnot_factor(double t_k, double t0_k, double *factor, TqError *err);

/* Q (1 - T0/T) */
extern int	tq_heat_exergy_kw(double q_kw, double t_k, double t0_k, double *ex_kw,
							  TqError *err);

/* Tm = (Tin - Tout) / ln(Tin/Tout), Tin when equal */
extern int	tq_log_mean_temperature(double t_in_k, double t_out_k, double *tm_k,
									TqError *err);

/* Q (1 - T0/Tm) for heat given up or taken up by a stream between Tin and Tout */
extern int	tq_stream_heat_exergy_kw(double q_kw, double t_in_k, double t_out_k,
									 double t0_k, double *ex_kw, TqError *err);

/* Chemical exergy per unit heating value on a basis: phi_lhv x LHV / HV_basis */
extern int	tq_fuel_exergy_factor(const TqFuel *fuel, TqBasis basis, double *factor,
								  TqError *err);

/* Chemical exergy flow of a fuel input of power_kw on a basis */
extern int	tq_fuel_exergy_kw(const TqFuel *fuel, double power_kw, TqBasis basis,
							  double *ex_kw, TqError *err);

/* Szargut & Styrylska (1964) ratios of chemical exergy to LHV (dry, ash-free) */
extern double tq_szargut_phi_liquid(double c, double h, double o, double s);
extern double tq_szargut_phi_coal_dry(double c, double h, double o, double n);
extern double tq_szargut_phi_wood_dry(double c, double h, double o, double n);

/*
 * Exergy factor on LHV of a moist solid fuel from its dry phi (Kotas 1985):
 * b = (LHV + 2.442 w) phi_dry + 9.417 s  [MJ/kg], returned as b / LHV.
 */
extern double tq_exergy_factor_solid(const TqFuel *fuel, double phi_dry);

/* Liquid fuels: b = phi (LHV + 2.442 w), as b / LHV */
extern double tq_exergy_factor_liquid(const TqFuel *fuel);

#endif
