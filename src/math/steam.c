/*
 * steam.c
 *		Useful heat and exergy of a metered mass flow by IAPWS-IF97 (see
 *		steam.h): the outlet and inlet states and the flow exergy
 *		difference.
 *
 * The useful heat of a steam boiler (ASME PTC 4-2013 5-2, EN 12952-15
 * 8.3) is the enthalpy the water gains: m_steam (h_steam - h_feedwater),
 * with the feedwater at the boiler pressure (compressed liquid). Its exergy
 * is the increase of flow exergy, m ((h_out - h_in) - T0 (s_out - s_in)),
 * not the Carnot factor at the saturation temperature (which ignores that
 * the feedwater is heated from well below it). Blowdown is the same sum
 * with saturated liquid at the drum pressure as the outlet.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "math/if97.h"
#include "math/steam.h"

/* IF97 error into TqMathError */
static int
FailIf97(const If97Error *e, TqMathError *err)
{
	return tq_math_fail(err, e->code == IF97_ERANGE ? TQ_MATH_RANGE : TQ_MATH_INVALID,
						e->detail[0] ? e->detail : NULL, NULL, "%s", e->msg);
}

/* Fills st from IF97 props */
static void
SetState(TqWaterState *st, const If97Props *pr)
{
	st->p_mpa = pr->p_mpa;
	st->t_k = pr->t_k;
	st->h = pr->h;
	st->s = pr->s;
}

/* Steam at (p, T), or saturated vapour at p */
int
tq_steam_state(double p_mpa, double t_k, TqWaterState *st, TqMathError *err)
{
	If97Props	pr;
	If97Error	e;
	double		tsat;
	int			rc;

	if ((rc = tq_check_finite(p_mpa, "steam pressure", err)) != TQ_MATH_OK)
		return rc;
	if (p_mpa <= 0 || p_mpa >= IF97_PC)
		return tq_math_fail(err, TQ_MATH_RANGE,
							"Boiler steam is modelled from saturation pressures above 0 up to the critical 22.064 MPa.", NULL,
							"steam pressure %g MPa is outside the range (0, 22.064) MPa", p_mpa);
	if (if97_sat_temperature(p_mpa, &tsat, &e) != IF97_OK)
		return FailIf97(&e, err);
	if (isnan(t_k))
	{
		if (if97_state_px(p_mpa, 1.0, &pr, &e) != IF97_OK)
			return FailIf97(&e, err);
		SetState(st, &pr);
		return TQ_MATH_OK;
	}
	if ((rc = tq_check_finite(t_k, "steam temperature", err)) != TQ_MATH_OK)
		return rc;
	if (t_k < tsat - 0.5)
	{
		char		detail[200];

		snprintf(detail, sizeof(detail),
				 "At %g MPa water boils at %.2f degC; steam cannot be colder (check the pressure unit: MPa absolute).",
				 p_mpa, tsat - 273.15);
		return tq_math_fail(err, TQ_MATH_RANGE, detail, NULL,
							"steam temperature %.2f degC is below the saturation temperature %.2f degC at %g MPa",
							t_k - 273.15, tsat - 273.15, p_mpa);
	}
	/* within 0.5 K of saturation (sensor error): saturated vapour */
	if (t_k <= tsat)
	{
		if (if97_state_px(p_mpa, 1.0, &pr, &e) != IF97_OK)
			return FailIf97(&e, err);
	}
	else if (if97_state_pt(p_mpa, t_k, &pr, &e) != IF97_OK)
		return FailIf97(&e, err);
	SetState(st, &pr);
	return TQ_MATH_OK;
}

/* Saturated liquid at p */
int
tq_drum_water_state(double p_mpa, TqWaterState *st, TqMathError *err)
{
	If97Props	pr;
	If97Error	e;
	int			rc;

	if ((rc = tq_check_finite(p_mpa, "drum pressure", err)) != TQ_MATH_OK)
		return rc;
	if (p_mpa <= 0 || p_mpa >= IF97_PC)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"drum pressure %g MPa is outside the range (0, 22.064) MPa", p_mpa);
	if (if97_state_px(p_mpa, 0.0, &pr, &e) != IF97_OK)
		return FailIf97(&e, err);
	SetState(st, &pr);
	return TQ_MATH_OK;
}

/* Liquid at (p, T) below saturation, else saturated liquid at T */
int
tq_liquid_state(double p_mpa, double t_k, TqWaterState *st, TqMathError *err)
{
	If97Props	pr;
	If97Error	e;
	double		psat;
	int			rc;

	if ((rc = tq_check_finite(t_k, "water temperature", err)) != TQ_MATH_OK)
		return rc;
	if (t_k < IF97_TMIN || t_k >= IF97_TC)
		return tq_math_fail(err, TQ_MATH_RANGE,
							"Liquid water is modelled from 0 degC to the critical temperature 373.946 degC.", NULL,
							"water temperature %.2f degC is outside the range [0, 373.946) degC", t_k - 273.15);
	if (if97_sat_pressure(t_k, &psat, &e) != IF97_OK)
		return FailIf97(&e, err);
	if (!isnan(p_mpa) && isfinite(p_mpa) && p_mpa > psat && p_mpa <= IF97_PMAX)
	{
		if (if97_state_pt(p_mpa, t_k, &pr, &e) != IF97_OK)
			return FailIf97(&e, err);
	}
	else if (if97_state_tx(t_k, 0.0, &pr, &e) != IF97_OK)
		return FailIf97(&e, err);
	SetState(st, &pr);
	return TQ_MATH_OK;
}

/* q = m dh / 3600, ex = m (dh - T0 ds) / 3600 */
int
tq_flow_heat_kw(double flow_kg_h, const TqWaterState *out, const TqWaterState *in,
				double t0_k, double *q_kw, double *ex_kw, TqMathError *err)
{
	int			rc;

	if ((rc = tq_check_finite(flow_kg_h, "mass flow", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(t0_k, "dead-state temperature", err)) != TQ_MATH_OK)
		return rc;
	if (t0_k <= 0)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"dead-state temperature %g K must be positive", t0_k);
	*q_kw = flow_kg_h * (out->h - in->h) / 3600.0;
	*ex_kw = flow_kg_h * ((out->h - in->h) - t0_k * (out->s - in->s)) / 3600.0;
	return TQ_MATH_OK;
}
