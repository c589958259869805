/*
 * shell.c
 *		Casing loss by load (ABMA radiation loss chart) and from the
 *		surface (free convection and radiation), see shell.h.
 *
 * The ABMA chart (American Boiler Manufacturers Association, reproduced in
 * ASME PTC 4.1-1964 and PTC 4-2013 as the simplified alternative to
 * measuring the surfaces) gives the loss of a hot casing; it hardly
 * depends on the firing rate, so as a share of the input it is inversely
 * proportional to the load. PTC 4-2013 5-14 computes it from the surfaces:
 * area x (convection + radiation coefficient) x (surface - ambient
 * temperature); here with the SI free-convection coefficient
 * 1.31 dT^(1/3) W/(m2 K) and the Stefan-Boltzmann radiation of a grey
 * surface to surroundings at the air temperature.
 */
#include <math.h>
#include <stddef.h>

#include "math/shell.h"

/* rated_loss_pct x rated_load / load */
int
tq_radiation_by_load_pct(double rated_loss_pct, double rated_load, double load,
						 double *loss_pct, TqMathError *err)
{
	int			rc;

	if ((rc = tq_check_finite(rated_loss_pct, "rated radiation loss", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(rated_load, "rated load", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(load, "load", err)) != TQ_MATH_OK)
		return rc;
	if (rated_loss_pct < 0 || rated_loss_pct > 20)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"rated radiation loss %g %% is outside the range [0, 20] %%", rated_loss_pct);
	if (rated_load <= 0 || load <= 0)
		return tq_math_fail(err, TQ_MATH_RANGE,
							"The loss by load needs a positive rated load and a positive actual load.", NULL,
							"load %g and rated load %g must be positive", load, rated_load);
	*loss_pct = rated_loss_pct * rated_load / load;
	return TQ_MATH_OK;
}

/* A [1.31 dT^(4/3) + eps sigma (Ts^4 - Ta^4)] / 1000 */
int
tq_surface_loss_kw(double area_m2, double t_surface_c, double t_air_c, double emissivity,
				   double *loss_kw, TqMathError *err)
{
	int			rc;
	double		dt,
				ts,
				ta;

	if ((rc = tq_check_finite(area_m2, "surface area", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(t_surface_c, "surface temperature", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(t_air_c, "air temperature", err)) != TQ_MATH_OK ||
		(rc = tq_check_finite(emissivity, "emissivity", err)) != TQ_MATH_OK)
		return rc;
	if (area_m2 < 0)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"surface area %g m2 must not be negative", area_m2);
	if (emissivity < 0 || emissivity > 1)
		return tq_math_fail(err, TQ_MATH_RANGE, NULL, NULL,
							"emissivity %g is outside the range [0, 1]", emissivity);
	if (t_surface_c < -50 || t_surface_c > 600 || t_air_c < -50 || t_air_c > 100)
		return tq_math_fail(err, TQ_MATH_RANGE,
							"Casing surfaces from -50 to 600 degC, air from -50 to 100 degC.", NULL,
							"surface %g degC or air %g degC is outside the modelled range", t_surface_c, t_air_c);
	dt = t_surface_c - t_air_c;
	if (dt <= 0)
	{
		*loss_kw = 0;
		return TQ_MATH_OK;
	}
	ts = t_surface_c + 273.15;
	ta = t_air_c + 273.15;
	*loss_kw = area_m2 * (TQ_SURFACE_HC_COEF * pow(dt, 4.0 / 3.0) +
						  emissivity * TQ_STEFAN_BOLTZMANN * (pow(ts, 4) - pow(ta, 4))) / 1000.0;
	return TQ_MATH_OK;
}
