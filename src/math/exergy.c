/*
 * exergy.c
 *		Exergy of heat and of fuels.
 *
 * Heat Q crossing a boundary at T carries the exergy Q (1 - T0/T). The
 * Carnot factor is negative below T0: heat flowing INTO a system below
 * ambient carries exergy the other way (a cold store is charged by removing
 * heat). The sign convention of the result follows Q.
 *
 * A stream cooled (or heated) from Tin to Tout at constant cp gives up its
 * heat at the log-mean thermodynamic temperature Tm = (Tin - Tout) /
 * ln(Tin/Tout), so its heat exergy is Q (1 - T0/Tm); computed with log1p so
 * that Tin close to Tout loses no digits, and Tm = Tin when they are equal.
 *
 * A fuel's chemical exergy is stored as phi = b_ch / LHV (thermaliq.fuels.
 * exergy_factor_lhv). On the HHV basis the factor is phi x LHV / HHV, so
 * the same fuel flow has the same exergy whatever basis its power is
 * expressed on: P_lhv phi = P_hhv phi LHV/HHV.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "math/exergy.h"

/* Checks an absolute temperature: finite and above 0 K */
static int
CheckKelvin(double t, const char *name, TqError *err)
{
	int			rc;

	if ((rc = tq_check_finite(t, name, err)) != TQ_OK)
		return rc;
	if (t <= 0)
		return tq_error(err, TQ_ERR_RANGE,
							"Absolute temperatures must be greater than 0 K.", NULL,
							"%s %g K is not above the lower bound 0 K", name, t);
	if (t < TQ_EXERGY_T_MIN_K)
		return tq_error(err, TQ_ERR_RANGE,
						"Below 1 K the Carnot factor of an ambient at 300 K is beyond -300; no plant stream is that cold.", NULL,
						"%s %g K is below the lower bound 1 K", name, t);
	return TQ_OK;
}

/* 1 - T0/T */
int
tq_carnot_factor(double t_k, double t0_k, double *factor, TqError *err)
{
	int			rc;

	if ((rc = CheckKelvin(t_k, "p_t_k", err)) != TQ_OK ||
		(rc = CheckKelvin(t0_k, "p_t0_k", err)) != TQ_OK)
		return rc;
	*factor = 1.0 - t0_k / t_k;
	return TQ_OK;
}

/* Q (1 - T0/T) */
int
tq_heat_exergy_kw(double q_kw, double t_k, double t0_k, double *ex_kw, TqError *err)
{
	int			rc;
	double		f;

	if ((rc = tq_check_finite(q_kw, "p_q_kw", err)) != TQ_OK)
		return rc;
	if ((rc = tq_carnot_factor(t_k, t0_k, &f, err)) != TQ_OK)
		return rc;
	*ex_kw = q_kw * f;
	return tq_check_scaled(*ex_kw, "p_q_kw", fabs(q_kw), DBL_MAX / fabs(f), "kW", err);
}

/* (Tin - Tout) / ln(Tin/Tout) */
int
tq_log_mean_temperature(double t_in_k, double t_out_k, double *tm_k, TqError *err)
{
	int			rc;
	double		d;

	if ((rc = CheckKelvin(t_in_k, "p_t_in_k", err)) != TQ_OK ||
		(rc = CheckKelvin(t_out_k, "p_t_out_k", err)) != TQ_OK)
		return rc;
	d = t_in_k - t_out_k;
	if (d == 0)
		*tm_k = t_in_k;
	else if (fabs(d) < 0.5 * t_out_k)
		*tm_k = d / log1p(d / t_out_k);	/* no cancellation near Tin = Tout */
	else
		*tm_k = d / (log(t_in_k) - log(t_out_k));	/* no overflow of Tin/Tout */
	return TQ_OK;
}

/* Q (1 - T0/Tm) */
int
tq_stream_heat_exergy_kw(double q_kw, double t_in_k, double t_out_k, double t0_k,
						 double *ex_kw, TqError *err)
{
	int			rc;
	double		tm;

	if ((rc = tq_check_finite(q_kw, "p_q_kw", err)) != TQ_OK)
		return rc;
	if ((rc = tq_log_mean_temperature(t_in_k, t_out_k, &tm, err)) != TQ_OK)
		return rc;
	if ((rc = CheckKelvin(t0_k, "p_t0_k", err)) != TQ_OK)
		return rc;
	*ex_kw = q_kw * (1.0 - t0_k / tm);
	return tq_check_scaled(*ex_kw, "p_q_kw", fabs(q_kw), DBL_MAX / fabs(1.0 - t0_k / tm), "kW", err);
}

/* phi on a basis: phi_lhv on LHV, phi_lhv x LHV/HHV on HHV */
int
tq_fuel_exergy_factor(const TqFuel *fuel, TqBasis basis, double *factor, TqError *err)
{
	int			rc;

	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	if (!isfinite(fuel->exergy_factor_lhv) || fuel->exergy_factor_lhv <= 0)
		return tq_error(err, TQ_ERR_INVALID,
							"The chemical exergy needs the ratio of standard chemical exergy to LHV.",
							"Set exergy_factor_lhv in thermaliq.fuels (Szargut: about 1.04 for natural gas, 1.07 for oil, 1.09 for coal).",
							"fuel \"%s\" has no exergy factor",
							fuel->fuel_id ? fuel->fuel_id : "(unnamed)");
	*factor = fuel->exergy_factor_lhv;
	if (basis == TQ_BASIS_HHV)
		*factor *= fuel->lhv_mj_kg / fuel->hhv_mj_kg;
	return TQ_OK;
}

/* P x phi on the basis of P */
int
tq_fuel_exergy_kw(const TqFuel *fuel, double power_kw, TqBasis basis, double *ex_kw,
				  TqError *err)
{
	int			rc;
	double		f;

	if ((rc = tq_check_finite(power_kw, "p_power_kw", err)) != TQ_OK)
		return rc;
	if ((rc = tq_fuel_exergy_factor(fuel, basis, &f, err)) != TQ_OK)
		return rc;
	*ex_kw = power_kw * f;
	return tq_check_scaled(*ex_kw, "p_power_kw", fabs(power_kw), DBL_MAX / f, "kW", err);
}

/* Liquid fuels: 1.0401 + 0.1728 h/c + 0.0432 o/c + 0.2169 s/c (1 - 2.0628 h/c) */
double
tq_szargut_phi_liquid(double c, double h, double o, double s)
{
	return 1.0401 + 0.1728 * h / c + 0.0432 * o / c +
		0.2169 * s / c * (1.0 - 2.0628 * h / c);
}

/* Coal (o/c <= 0.667): 1.0437 + 0.1882 h/c + 0.0610 o/c + 0.0404 n/c */
double
tq_szargut_phi_coal_dry(double c, double h, double o, double n)
{
	return 1.0437 + 0.1882 * h / c + 0.0610 * o / c + 0.0404 * n / c;
}

/* Wood (o/c <= 2.67) */
double
tq_szargut_phi_wood_dry(double c, double h, double o, double n)
{
	return (1.0412 + 0.2160 * h / c - 0.2499 * o / c * (1.0 + 0.7884 * h / c) +
			0.0450 * n / c) / (1.0 - 0.3035 * o / c);
}

/* ((LHV + 2.442 w) phi_dry + 9.417 s) / LHV */
double
tq_exergy_factor_solid(const TqFuel *fuel, double phi_dry)
{
	return ((fuel->lhv_mj_kg + TQ_HFG_25C_KJ_KG / 1000.0 * fuel->moisture) * phi_dry +
			9.417 * fuel->sulfur) / fuel->lhv_mj_kg;
}

/* phi_liquid (LHV + 2.442 w) / LHV */
double
tq_exergy_factor_liquid(const TqFuel *fuel)
{
	return tq_szargut_phi_liquid(fuel->carbon, fuel->hydrogen, fuel->oxygen, fuel->sulfur) *
		(fuel->lhv_mj_kg + TQ_HFG_25C_KJ_KG / 1000.0 * fuel->moisture) / fuel->lhv_mj_kg;
}
