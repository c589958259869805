/*
 * combustion.c
 *		Fuel energy, stoichiometric air, excess air, CO2 and the heat-loss
 *		method from a mass balance of the ultimate analysis.
 *
 * The mass balance, per kg of fuel as fired (n in kmol/kg):
 *
 *   O2 demand   A = C/12.011 + H/(4 x 1.008) + S/32.06 - O/31.998
 *   dry air     (1 + e) A / 0.2095 kmol, composition N2 .7808 O2 .2095
 *               Ar .0093 CO2 .0004 (M = 28.966 kg/kmol); air humidity is
 *               neglected (a few tenths of a percent of the losses)
 *   products    CO2 = C/12.011 - n_CO + air CO2, CO = n_CO, SO2 = S/32.06,
 *               N2 = N/28.014 + air N2 (fuel N leaves as N2), Ar,
 *               O2 = e A + n_CO / 2, H2O = 8.936 H + moisture (kg)
 *   measured    y_O2 = O2 / n_dry and y_CO = n_CO / n_dry (dry volume)
 *
 * which gives n_dry = (C/12.011 + S/32.06 + N/28.014 + k A) /
 * (1 - y_CO/2 - (y_O2 - y_CO/2) / 0.2095), k = 0.7905 / 0.2095, and the
 * excess air e = (y_O2 - y_CO/2) n_dry / A. This is the excess air of the
 * actual fuel; the simple 100 O2 / (20.95 - O2) assumes as many moles of
 * dry flue gas as of air, true only for pure carbon (methane at 3 % O2:
 * 14.96 % from the balance, 16.71 % from the simple formula).
 *
 * The losses, referenced to the combustion air temperature:
 *   dry flue gas  sum n_i (H_i(T_fg) - H_i(T_air)), ideal-gas enthalpies
 *                 from the NASA polynomials (CEA: McBride, Zehe & Gordon,
 *                 NASA TP-2002-211556; SO2: NASA TM-4513)
 *   moisture      m_H2O (h_vapour(T_fg) - h_vapour(T_air)) on the LHV
 *                 basis; on the HHV basis add the latent heat at 25 degC,
 *                 m_H2O x 2442 kJ/kg. The LHV already excludes exactly that
 *                 latent heat (LHV = HHV - 2.442 m_H2O), so both bases
 *                 describe the same physical loss and give the same useful
 *                 heat: HV_basis x (1 - total_basis/100) is basis-free.
 *   humid air     (tq_combustion_losses_air) w kg water per kg dry air adds
 *                 w x air kg of vapour, entering at T_air and leaving at
 *                 T_fg: its sensible heat is a loss on both bases (it is
 *                 in no heating value); the dry-gas balance is unchanged
 *                 (O2 is measured dry).
 *   condensing    the water dew point is Tsat(p_H2O) (IF97), p_H2O =
 *                 P n_H2O / (n_dry + n_H2O) with all water as vapour. Below
 *                 it the gas leaves saturated: n_vap = n_dry psat(T_fg) /
 *                 (P - psat(T_fg)); the rest, m_c = M_H2O (n_H2O - n_vap),
 *                 leaves as liquid at T_fg. Its enthalpy against vapour at
 *                 T_air is dh_vap(T_air -> T_fg) - h_fg(T_fg), so the
 *                 moisture loss falls by m_c h_fg(T_fg) (IF97 h'' - h') on
 *                 both bases: on LHV the efficiency may exceed 100 %. The
 *                 condensate is taken to leave at the flue-gas temperature
 *                 (a drain colder or warmer than the gas is not modelled).
 *   CO            n_CO x 282.98 MJ/kmol (CO to CO2), unburnt carbon in the
 *                 ash is not counted
 * each divided by the heating value on the requested basis.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "math/combustion.h"
#include "math/if97.h"

/* atomic and molar masses, kg/kmol (IUPAC conventional atomic weights) */
#define M_C		12.011
#define M_H		1.008
#define M_S		32.06
#define M_O2	31.998
#define M_N2	28.014
#define M_H2O	18.015
#define M_CO	28.010
#define M_SO2	64.058
#define M_AR	39.948

/* dry air, mole fractions */
#define AIR_N2	0.7808
#define AIR_AR	0.0093
#define AIR_CO2	0.0004

#define R_KJ_KMOL_K 8.314462618

/* NASA 9-coefficient polynomials: a1..a7 and b1, 200-1000 K and 1000-6000 K */
static const double nasa9[6][2][8] = {
	[TQ_SP_N2] = {
		{2.210371497e+04, -3.818461820e+02, 6.082738360e+00, -8.530914410e-03,
		1.384646189e-05, -9.625793620e-09, 2.519705809e-12, 7.108460860e+02},
		{5.877124060e+05, -2.239249073e+03, 6.066949220e+00, -6.139685500e-04,
		1.491806679e-07, -1.923105485e-11, 1.061954386e-15, 1.283210415e+04}},
	[TQ_SP_O2] = {
		{-3.425563420e+04, 4.847000970e+02, 1.119010961e+00, 4.293889240e-03,
		-6.836300520e-07, -2.023372700e-09, 1.039040018e-12, -3.391454870e+03},
		{-1.037939022e+06, 2.344830282e+03, 1.819732036e+00, 1.267847582e-03,
		-2.188067988e-07, 2.053719572e-11, -8.193467050e-16, -1.689010929e+04}},
	[TQ_SP_CO2] = {
		{4.943650540e+04, -6.264116010e+02, 5.301725240e+00, 2.503813816e-03,
		-2.127308728e-07, -7.689988780e-10, 2.849677801e-13, -4.528198460e+04},
		{1.176962419e+05, -1.788791477e+03, 8.291523190e+00, -9.223156780e-05,
		4.863676880e-09, -1.891053312e-12, 6.330036590e-16, -3.908350590e+04}},
	[TQ_SP_H2O] = {
		{-3.947960830e+04, 5.755731020e+02, 9.317826530e-01, 7.222712860e-03,
		-7.342557370e-06, 4.955043490e-09, -1.336933246e-12, -3.303974310e+04},
		{1.034972096e+06, -2.412698562e+03, 4.646110780e+00, 2.291998307e-03,
		-6.836830480e-07, 9.426468930e-11, -4.822380530e-15, -1.384286509e+04}},
	[TQ_SP_CO] = {
		{1.489045326e+04, -2.922285939e+02, 5.724527170e+00, -8.176235030e-03,
		1.456903469e-05, -1.087746302e-08, 3.027941827e-12, -1.303131878e+04},
		{4.619197250e+05, -1.944704863e+03, 5.916714180e+00, -5.664282830e-04,
		1.398814540e-07, -1.787680361e-11, 9.620935570e-16, -2.466261084e+03}},
	[TQ_SP_AR] = {
		{0.0, 0.0, 2.5, 0.0, 0.0, 0.0, 0.0, -7.453750000e+02},
		{2.010538475e+01, -5.992661070e-02, 2.500069401e+00, -3.992141160e-08,
		1.205272140e-11, -1.819015576e-15, 1.078576636e-19, -7.449939610e+02}},
};

/* NASA 7-coefficient polynomial of SO2 (TM-4513): 300-1000 K, 1000-5000 K */
static const double nasa7_so2[2][6] = {
	{3.2665338, 0.0053237902, 6.8437552e-07, -5.2810047e-09, 2.5590454e-12, -36908.148},
	{5.2451364, 0.0019704204, -8.0375769e-07, 1.5149969e-10, -1.0558004e-14, -37558.227},
};

/* Parses a basis name */
int
tq_basis_parse(const char *text, TqBasis *basis, TqError *err)
{
	if (text != NULL && strcasecmp(text, "lhv") == 0)
		*basis = TQ_BASIS_LHV;
	else if (text != NULL && strcasecmp(text, "hhv") == 0)
		*basis = TQ_BASIS_HHV;
	else
		return tq_error(err, TQ_ERR_INVALID, NULL,
							"Use 'lhv' (lower/net heating value) or 'hhv' (higher/gross heating value).",
							"unknown heating value basis \"%s\"", text ? text : "(null)");
	return TQ_OK;
}

/* "lhv" or "hhv" */
const char *
tq_basis_name(TqBasis basis)
{
	return basis == TQ_BASIS_HHV ? "hhv" : "lhv";
}

/* The fuel's name for messages */
static const char *
FuelName(const TqFuel *fuel)
{
	return fuel->fuel_id ? fuel->fuel_id : "(unnamed)";
}

/* Checks a fuel's data (the table's CHECK constraints, for C callers) */
int
tq_fuel_check(const TqFuel *fuel, TqError *err)
{
	const double frac[] = {fuel->carbon, fuel->hydrogen, fuel->oxygen, fuel->nitrogen,
	fuel->sulfur, fuel->moisture, fuel->ash};
	static const char *const names[] = {"carbon", "hydrogen", "oxygen", "nitrogen",
	"sulfur", "moisture", "ash"};
	double		sum = 0;
	int			i;

	for (i = 0; i < 7; i++)
	{
		if (!isfinite(frac[i]) || frac[i] < 0 || frac[i] > 1)
			return tq_error(err, TQ_ERR_INVALID,
								"Mass fractions must be finite and between 0 and 1.",
								"Correct the row in thermaliq.fuels.",
								"fuel \"%s\" has an invalid %s fraction %g",
								FuelName(fuel), names[i], frac[i]);
		sum += frac[i];
	}
	if (fabs(sum - 1.0) > 0.005)
		return tq_error(err, TQ_ERR_INVALID,
							"The as-fired ultimate analysis (C, H, O, N, S, moisture, ash) must sum to 1 within 0.005.",
							"Correct the row in thermaliq.fuels.",
							"fuel \"%s\" has mass fractions summing to %g", FuelName(fuel), sum);
	if (!isfinite(fuel->hhv_mj_kg) || !isfinite(fuel->lhv_mj_kg) ||
		fuel->lhv_mj_kg <= 0 || fuel->hhv_mj_kg < fuel->lhv_mj_kg)
		return tq_error(err, TQ_ERR_INVALID,
							"Heating values must be finite with 0 < LHV <= HHV.",
							"Correct the row in thermaliq.fuels.",
							"fuel \"%s\" has invalid heating values (HHV %g, LHV %g MJ/kg)",
							FuelName(fuel), fuel->hhv_mj_kg, fuel->lhv_mj_kg);
	return TQ_OK;
}

/* Heating value on a basis */
double
tq_fuel_hv(const TqFuel *fuel, TqBasis basis)
{
	return basis == TQ_BASIS_HHV ? fuel->hhv_mj_kg : fuel->lhv_mj_kg;
}

/* LHV = HHV - h_fg(25 degC) x (water formed from H + fuel moisture) */
double
tq_lhv_from_hhv(double hhv_mj_kg, double hydrogen, double moisture)
{
	return hhv_mj_kg - TQ_HFG_25C_KJ_KG / 1000.0 * (TQ_H2O_PER_H * hydrogen + moisture);
}

/* flow (kg/h) x HV (MJ/kg) / 3.6 = kW */
int
tq_fuel_power_kw(const TqFuel *fuel, double flow_kg_h, TqBasis basis,
				 double *power_kw, TqError *err)
{
	int			rc;

	if ((rc = tq_check_finite(flow_kg_h, "p_flow_kg_h", err)) != TQ_OK)
		return rc;
	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	*power_kw = flow_kg_h * tq_fuel_hv(fuel, basis) / 3.6;
	return tq_check_scaled(*power_kw, "p_flow_kg_h", fabs(flow_kg_h),
						   DBL_MAX / (tq_fuel_hv(fuel, basis) / 3.6), "kg/h", err);
}

/* O2 for complete combustion, kmol/kg: C, H and S burnt, fuel O counted */
double
tq_stoich_o2_kmol_kg(const TqFuel *fuel)
{
	return fuel->carbon / M_C + fuel->hydrogen / (4.0 * M_H) +
		fuel->sulfur / M_S - fuel->oxygen / M_O2;
}

/* Stoichiometric dry air, kg/kg */
int
tq_stoich_air_kg_kg(const TqFuel *fuel, double *air, TqError *err)
{
	int			rc;
	double		o2;

	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	o2 = tq_stoich_o2_kmol_kg(fuel);
	if (o2 <= 0)
		return tq_error(err, TQ_ERR_INVALID,
							"Its oxygen content covers all of its carbon, hydrogen and sulfur.", NULL,
							"fuel \"%s\" needs no combustion air", FuelName(fuel));
	*air = o2 * TQ_AIR_M / TQ_AIR_O2;
	return TQ_OK;
}

/* 100 O2 / (20.95 - O2): exact only for pure carbon, see the header */
int
tq_excess_air_simple_pct(double o2_dry_pct, double *excess_pct, TqError *err)
{
	int			rc;

	if ((rc = tq_check_finite(o2_dry_pct, "p_o2_dry_pct", err)) != TQ_OK)
		return rc;
	if (o2_dry_pct < 0 || o2_dry_pct >= 100.0 * TQ_AIR_O2)
		return tq_error(err, TQ_ERR_RANGE,
							"Dry flue-gas O2 must be at least 0 % and below 20.95 % (air).", NULL,
							"O2 %g %% is outside the range [0, 20.95)", o2_dry_pct);
	*excess_pct = 100.0 * o2_dry_pct / (100.0 * TQ_AIR_O2 - o2_dry_pct);
	return TQ_OK;
}

/* kg CO2/GJ(LHV) = C x 44.009/12.011 / LHV x 1000 */
double
tq_co2_kg_per_gj_lhv(const TqFuel *fuel)
{
	return fuel->carbon * TQ_M_CO2 / TQ_M_C / fuel->lhv_mj_kg * 1000.0;
}

/* kg CO2 = kWh x 3.6 / HV x C x 44.009/12.011 */
int
tq_co2_kg(const TqFuel *fuel, double energy_kwh, TqBasis basis,
		  double *co2_kg, TqError *err)
{
	int			rc;

	if ((rc = tq_check_finite(energy_kwh, "p_energy_kwh", err)) != TQ_OK)
		return rc;
	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	*co2_kg = energy_kwh * 3.6 / tq_fuel_hv(fuel, basis) * fuel->carbon * TQ_M_CO2 / TQ_M_C;
	return tq_check_scaled(*co2_kg, "p_energy_kwh", fabs(energy_kwh),
						   DBL_MAX / (3.6 / tq_fuel_hv(fuel, basis) * fuel->carbon * TQ_M_CO2 / TQ_M_C),
						   "kWh", err);
}

/* CO2 in dry flue gas at zero excess air, percent */
double
tq_co2_max_dry_pct(const TqFuel *fuel)
{
	double		o2 = tq_stoich_o2_kmol_kg(fuel);
	double		air = o2 / TQ_AIR_O2;
	double		ndry = fuel->carbon / M_C + fuel->sulfur / M_S + fuel->nitrogen / M_N2 +
		(1.0 - TQ_AIR_O2) * air;

	if (o2 <= 0 || ndry <= 0)
		return 0;
	return 100.0 * (fuel->carbon / M_C + AIR_CO2 * air) / ndry;
}

/* H(T) of one NASA-9 range, kJ/kmol (datum of the fit) */
static double
Nasa9H(const double *a, double t)
{
	return R_KJ_KMOL_K * (-a[0] / t + a[1] * log(t) + a[2] * t + a[3] * t * t / 2 +
						  a[4] * t * t * t / 3 + a[5] * t * t * t * t / 4 +
						  a[6] * t * t * t * t * t / 5 + a[7]);
}

/* H(T) of one NASA-7 range, kJ/kmol */
static double
Nasa7H(const double *a, double t)
{
	return R_KJ_KMOL_K * (a[0] * t + a[1] * t * t / 2 + a[2] * t * t * t / 3 +
						  a[3] * t * t * t * t / 4 + a[4] * t * t * t * t * t / 5 + a[5]);
}

/* H(T) continuous over the 1000 K break (high range anchored at 1000 K) */
static double
SpeciesH(TqSpecies sp, double t)
{
	double		(*fn) (const double *, double);
	const double *lo,
			   *hi;

	if (sp == TQ_SP_SO2)
	{
		fn = Nasa7H;
		lo = nasa7_so2[0];
		hi = nasa7_so2[1];
	}
	else
	{
		fn = Nasa9H;
		lo = nasa9[sp][0];
		hi = nasa9[sp][1];
	}
	if (t <= 1000.0)
		return fn(lo, t);
	return fn(lo, 1000.0) + fn(hi, t) - fn(hi, 1000.0);
}

/* Sensible enthalpy change of an ideal-gas species, kJ/kmol */
double
tq_species_dh_kj_kmol(TqSpecies species, double t1_k, double t2_k)
{
	return SpeciesH(species, t2_k) - SpeciesH(species, t1_k);
}

/* Checks a combustion temperature: finite and inside the polynomial range */
static int
CheckTemperatureC(double t, const char *name, TqError *err)
{
	int			rc;

	if ((rc = tq_check_finite(t, name, err)) != TQ_OK)
		return rc;
	if (t < TQ_COMB_T_MIN_C || t > TQ_COMB_T_MAX_C)
		return tq_error(err, TQ_ERR_RANGE,
							"Combustion temperatures must lie between -50 degC and 1500 degC.", NULL,
							"%s %g degC is outside the range [-50, 1500] degC", name, t);
	return TQ_OK;
}

/* Checks flue-gas and air temperatures (also their order) */
static int
CheckFlueGasAir(double tfg, double tair, TqError *err)
{
	int			rc;

	if ((rc = CheckTemperatureC(tfg, "p_flue_gas_temp_c", err)) != TQ_OK)
		return rc;
	if ((rc = CheckTemperatureC(tair, "p_air_temp_c", err)) != TQ_OK)
		return rc;
	if (tfg < tair)
		return tq_error(err, TQ_ERR_RANGE,
							"The losses are referenced to the combustion air temperature; flue gas colder than the air is not modelled (condensation below the water dew point is).",
							"Check that the two temperatures are not swapped.",
							"flue gas temperature %g degC is below the combustion air temperature %g degC",
							tfg, tair);
	return TQ_OK;
}

/* The heat-loss method, dry air at 101.325 kPa */
int
tq_combustion_losses(const TqFuel *fuel, const TqCombustionInput *in,
					 TqCombustionLosses *out, TqError *err)
{
	return tq_combustion_losses_air(fuel, in, NULL, out, err);
}

/* An IF97 error is already a TqError: passes it on */
static int
If97Fail(const TqError *e, TqError *err)
{
	if (err != NULL && err != e)
		*err = *e;
	return e->status;
}

/* Latent heat h'' - h' at t_k (IF97 region 4), kJ/kg */
static int
LatentHeat(double t_k, double *hfg, TqError *err)
{
	If97Props	liq,
				vap;
	TqError	e;

	if (if97_state_tx(t_k, 0.0, &liq, &e) != TQ_OK ||
		if97_state_tx(t_k, 1.0, &vap, &e) != TQ_OK)
		return If97Fail(&e, err);
	*hfg = vap.h - liq.h;
	return TQ_OK;
}

/*
 * Dew point and condensation of the flue-gas water (file header): fills
 * dew_point_c, p_h2o_kpa, condensed_kg_kg, condensed_fraction, hfg_kj_kg.
 * n_w: kmol water per kg fuel, all as vapour; ndry: dry flue gas kmol/kg.
 */
static int
Condensation(double n_w, double ndry, double p_kpa, double tfg_c,
			 TqCombustionLosses *out, TqError *err)
{
	double		tfg_k = tfg_c + 273.15;
	double		p_w,
				t_dew,
				psat,
				n_v;
	TqError	e;

	out->dew_point_c = NAN;
	out->condensed_fraction = 0.0;
	out->condensed_kg_kg = 0.0;
	out->hfg_kj_kg = NAN;
	out->p_h2o_kpa = p_kpa * n_w / (ndry + n_w);
	if (n_w <= 0)
		return TQ_OK;
	p_w = out->p_h2o_kpa / 1000.0;
	/* below psat(273.15 K) the dew point is a frost point: not given */
	if (p_w < if97_psat_raw(IF97_TMIN))
	{
		if (tfg_c < 0.0)
			return tq_error(err, TQ_ERR_RANGE,
								"Below 0 degC the flue-gas water would freeze out; the heat-loss method does not model it.",
								NULL, "flue gas temperature %g degC is below 0 degC", tfg_c);
		return TQ_OK;
	}
	if (if97_sat_temperature(p_w, &t_dew, &e) != TQ_OK)
		return If97Fail(&e, err);
	out->dew_point_c = t_dew - 273.15;
	if (tfg_k >= t_dew)
		return TQ_OK;
	if (tfg_k < IF97_TMIN)
		return tq_error(err, TQ_ERR_RANGE,
							"Below 0 degC the condensed flue-gas water would freeze; the heat-loss method does not model it.",
							NULL, "flue gas temperature %g degC is below 0 degC and below its dew point %.2f degC",
							tfg_c, out->dew_point_c);
	if (if97_sat_pressure(tfg_k, &psat, &e) != TQ_OK)
		return If97Fail(&e, err);
	psat *= 1000.0;				/* kPa */
	n_v = ndry * psat / (p_kpa - psat);
	if (n_v >= n_w)				/* rounding at the dew point itself */
		return TQ_OK;
	out->condensed_kg_kg = (n_w - n_v) * M_H2O;
	out->condensed_fraction = (n_w - n_v) / n_w;
	return LatentHeat(tfg_k, &out->hfg_kj_kg, err);
}

/*
 * Saturation vapour pressure over supercooled water below 0.01 degC, MPa:
 * WMO-No. 8 (2018), Annex 4.B, e_w = 6.112 exp(17.62 t / (243.12 + t)) hPa
 * for pure water from -45 to 60 degC. Relative humidity is stated over
 * water at any temperature (WMO), so a hygrometer's 80 % at -20 degC means
 * 80 % of this pressure. At 0.01 degC it gives 611.643 Pa against IF97's
 * 611.657 Pa (2.3e-5 lower): the humidity ratio is continuous to 3e-5.
 */
static double
SupercooledPsatMpa(double t_c)
{
	return 611.2e-6 * exp(17.62 * t_c / (243.12 + t_c));
}

/* Humidity ratio 0.62193 phi psat / (p - phi psat) */
int
tq_humidity_ratio(double t_c, double rh_pct, double p_kpa, double *omega,
				  TqError *err)
{
	int			rc;
	double		psat,
				pv;
	TqError	e;

	if ((rc = tq_check_finite(t_c, "air temperature", err)) != TQ_OK ||
		(rc = tq_check_finite(rh_pct, "relative humidity", err)) != TQ_OK ||
		(rc = tq_check_finite(p_kpa, "air pressure", err)) != TQ_OK)
		return rc;
	if (t_c < TQ_HUMID_AIR_MIN_C || t_c > 100.0)
		return tq_error(err, TQ_ERR_RANGE,
							"The humidity of air is computed over liquid water: IF97 saturation from 0.01 degC to 100 degC, supercooled water (WMO-No. 8) from -45 degC.",
							NULL, "air temperature %g degC is outside the range [-45, 100] degC", t_c);
	if (rh_pct < 0 || rh_pct > 100)
		return tq_error(err, TQ_ERR_RANGE, NULL, NULL,
							"relative humidity %g %% is outside the range [0, 100] %%", rh_pct);
	if (p_kpa <= 0)
		return tq_error(err, TQ_ERR_RANGE, NULL, NULL,
							"air pressure %g kPa must be positive", p_kpa);
	if (t_c < 0.01)
		psat = SupercooledPsatMpa(t_c);
	else if (if97_sat_pressure(t_c + 273.15, &psat, &e) != TQ_OK)
		return If97Fail(&e, err);
	pv = rh_pct / 100.0 * psat * 1000.0;
	if (pv >= p_kpa)
		return tq_error(err, TQ_ERR_RANGE,
							"The vapour pressure of the air reaches its total pressure (boiling).", NULL,
							"air at %g degC and %g %% humidity cannot exist at %g kPa", t_c, rh_pct, p_kpa);
	*omega = TQ_H2O_PER_AIR * pv / (p_kpa - pv);
	return TQ_OK;
}

/*
 * The combustion air of a heat balance at t_c with relative humidity rh_pct
 * (NaN: not known): dry when the humidity is not known or not above 0, or
 * the air is colder than TQ_HUMID_AIR_MIN_C (saturated it then holds under
 * 0.07 g of water per kg); else tq_humidity_ratio's, at 101.325 kPa
 */
int
tq_combustion_air(double t_c, double rh_pct, TqAirState *air, TqError *err)
{
	air->humidity_kg_kg = 0.0;
	air->pressure_kpa = TQ_P_ATM_KPA;
	if (isnan(rh_pct) || !(rh_pct > 0) || t_c < TQ_HUMID_AIR_MIN_C)
		return TQ_OK;
	return tq_humidity_ratio(t_c, rh_pct, TQ_P_ATM_KPA, &air->humidity_kg_kg, err);
}

/* The heat-loss method (see the file header for the equations) */
int
tq_combustion_losses_air(const TqFuel *fuel, const TqCombustionInput *in,
						 const TqAirState *air_state, TqCombustionLosses *out,
						 TqError *err)
{
	double		omega = air_state ? air_state->humidity_kg_kg : 0.0;
	double		p_kpa = (air_state && air_state->pressure_kpa != 0) ?
		air_state->pressure_kpa : TQ_P_ATM_KPA;
	double		m_hum,
				dh_w;
	double		nc,
				ns,
				nnf,
				a,
				y_o2,
				y_co,
				k,
				ndry,
				n_co,
				e,
				air,
				t1,
				t2,
				hv_kj;
	double		n_co2,
				n_n2,
				n_ar,
				n_o2;
	double		m_w,
				q_dry,
				q_w,
				q_co;
	int			rc;

	memset(out, 0, sizeof(*out));
	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	if ((rc = tq_check_finite(omega, "air humidity", err)) != TQ_OK ||
		(rc = tq_check_finite(p_kpa, "flue-gas pressure", err)) != TQ_OK)
		return rc;
	if (omega < 0 || omega > 1)
		return tq_error(err, TQ_ERR_RANGE,
							"The humidity ratio is kg of water per kg of dry air (saturated air at 50 degC holds 0.086).",
							NULL, "air humidity %g kg/kg is outside the range [0, 1]", omega);
	if (p_kpa < 50 || p_kpa > 200)
		return tq_error(err, TQ_ERR_RANGE, NULL, NULL,
							"flue-gas pressure %g kPa is outside the range [50, 200] kPa", p_kpa);
	if ((rc = CheckFlueGasAir(in->flue_gas_temp_c, in->air_temp_c, err)) != TQ_OK)
		return rc;
	if ((rc = tq_check_finite(in->o2_dry_pct, "p_o2_dry_pct", err)) != TQ_OK)
		return rc;
	if (in->o2_dry_pct < 0 || in->o2_dry_pct >= 100.0 * TQ_AIR_O2)
		return tq_error(err, TQ_ERR_RANGE,
							"Dry flue-gas O2 must be at least 0 % and below 20.95 % (air).", NULL,
							"O2 %g %% is outside the range [0, 20.95)", in->o2_dry_pct);
	if ((rc = tq_check_finite(in->co_ppm, "p_co_ppm", err)) != TQ_OK)
		return rc;
	if (in->co_ppm < 0 || in->co_ppm >= 1e6)
		return tq_error(err, TQ_ERR_RANGE,
							"Dry flue-gas CO must be at least 0 ppm and below 1000000 ppm.", NULL,
							"CO %g ppm is outside the range [0, 1000000)", in->co_ppm);

	a = tq_stoich_o2_kmol_kg(fuel);
	if (a <= 0)
		return tq_error(err, TQ_ERR_INVALID,
							"Its oxygen content covers all of its carbon, hydrogen and sulfur.", NULL,
							"fuel \"%s\" needs no combustion air", FuelName(fuel));
	nc = fuel->carbon / M_C;
	ns = fuel->sulfur / M_S;
	nnf = fuel->nitrogen / M_N2;
	y_o2 = in->o2_dry_pct / 100.0;
	y_co = in->co_ppm * 1e-6;
	k = (1.0 - TQ_AIR_O2) / TQ_AIR_O2;

	/* denominator > 0 because y_o2 < 0.2095 */
	ndry = (nc + ns + nnf + k * a) /
		(1.0 - 0.5 * y_co - (y_o2 - 0.5 * y_co) / TQ_AIR_O2);
	n_co = y_co * ndry;
	if (n_co > nc)
	{
		char		detail[256];

		snprintf(detail, sizeof(detail),
				 "At %g %% O2 the fuel's carbon could give at most %.0f ppm CO in dry flue gas.",
				 in->o2_dry_pct, 1e6 * nc / ndry);
		return tq_error(err, TQ_ERR_RANGE, detail,
							"Check the CO reading and its unit (ppm by volume, dry).",
							"CO %g ppm is more than fuel \"%s\" can produce", in->co_ppm,
							FuelName(fuel));
	}
	/* e < 0 is sub-stoichiometric air with the deficit left as CO */
	e = (y_o2 - 0.5 * y_co) * ndry / a;
	air = (1.0 + e) * a / TQ_AIR_O2;

	n_co2 = nc - n_co + AIR_CO2 * air;
	n_n2 = nnf + AIR_N2 * air;
	n_ar = AIR_AR * air;
	n_o2 = e * a + 0.5 * n_co;

	t1 = in->air_temp_c + 273.15;
	t2 = in->flue_gas_temp_c + 273.15;
	q_dry = n_co2 * tq_species_dh_kj_kmol(TQ_SP_CO2, t1, t2) +
		n_co * tq_species_dh_kj_kmol(TQ_SP_CO, t1, t2) +
		ns * tq_species_dh_kj_kmol(TQ_SP_SO2, t1, t2) +
		n_n2 * tq_species_dh_kj_kmol(TQ_SP_N2, t1, t2) +
		n_ar * tq_species_dh_kj_kmol(TQ_SP_AR, t1, t2) +
		n_o2 * tq_species_dh_kj_kmol(TQ_SP_O2, t1, t2);

	m_w = TQ_H2O_PER_H * fuel->hydrogen + fuel->moisture;
	m_hum = omega * air * TQ_AIR_M;
	if ((rc = Condensation((m_w + m_hum) / M_H2O, ndry, p_kpa, in->flue_gas_temp_c,
						   out, err)) != TQ_OK)
		return rc;
	dh_w = tq_species_dh_kj_kmol(TQ_SP_H2O, t1, t2) / M_H2O;
	out->humidity_kg_kg = m_hum;
	out->moisture_sensible_kj_kg = (m_w + m_hum) * dh_w;
	out->latent_fuel_kj_kg = m_w * TQ_HFG_25C_KJ_KG;
	out->latent_credit_kj_kg = out->condensed_kg_kg > 0 ?
		out->condensed_kg_kg * out->hfg_kj_kg : 0.0;
	q_w = out->moisture_sensible_kj_kg - out->latent_credit_kj_kg;
	if (in->basis == TQ_BASIS_HHV)
		q_w += out->latent_fuel_kj_kg;
	q_co = n_co * TQ_CO_HEAT_KJ_KMOL;

	hv_kj = 1000.0 * tq_fuel_hv(fuel, in->basis);
	out->dry_flue_gas_pct = 100.0 * q_dry / hv_kj;
	out->moisture_pct = 100.0 * q_w / hv_kj;
	out->co_pct = 100.0 * q_co / hv_kj;
	out->total_pct = out->dry_flue_gas_pct + out->moisture_pct + out->co_pct;
	out->combustion_efficiency_pct = 100.0 - out->total_pct;
	out->excess_air_pct = 100.0 * e;

	out->o2_stoich_kmol_kg = a;
	out->air_kg_kg = air * TQ_AIR_M;
	out->dry_flue_gas_kmol_kg = ndry;
	out->dry_flue_gas_kg_kg = n_co2 * TQ_M_CO2 + n_co * M_CO + ns * M_SO2 +
		n_n2 * M_N2 + n_ar * M_AR + n_o2 * M_O2;
	out->water_kg_kg = m_w;
	out->co2_dry_pct = 100.0 * n_co2 / ndry;
	out->loss_dry_kj_kg = q_dry;
	out->loss_moisture_kj_kg = q_w;
	out->loss_co_kj_kg = q_co;
	return TQ_OK;
}

/* Siegert: q_A = (t_fg - t_air) (A1 / CO2 + B), percent of the LHV input */
int
tq_siegert_loss_pct(const TqFuel *fuel, double flue_gas_temp_c, double air_temp_c,
					double co2_dry_pct, double *loss_pct, TqError *err)
{
	int			rc;
	double		co2max;

	if ((rc = tq_fuel_check(fuel, err)) != TQ_OK)
		return rc;
	if (!isfinite(fuel->siegert_a1) || !isfinite(fuel->siegert_b))
		return tq_error(err, TQ_ERR_INVALID,
							"The Siegert formula needs the fuel's coefficients A1 and B.",
							"Set siegert_a1 and siegert_b in thermaliq.fuels (1. BImSchV: natural gas 0.37/0.009, fuel oil 0.50/0.007, LPG 0.42/0.008), or use combustion_losses().",
							"fuel \"%s\" has no Siegert coefficients", FuelName(fuel));
	if ((rc = CheckFlueGasAir(flue_gas_temp_c, air_temp_c, err)) != TQ_OK)
		return rc;
	if ((rc = tq_check_finite(co2_dry_pct, "p_co2_dry_pct", err)) != TQ_OK)
		return rc;
	co2max = tq_co2_max_dry_pct(fuel);
	if (co2_dry_pct <= 0 || co2_dry_pct > co2max + 0.1)
	{
		char		detail[200];

		snprintf(detail, sizeof(detail),
				 "Dry flue-gas CO2 must be above 0 %% and at most the stoichiometric %.2f %% of this fuel (+0.1 %%-point for measurement error).",
				 co2max);
		return tq_error(err, TQ_ERR_RANGE, detail, NULL,
							"CO2 %g %% is outside the range (0, %.2f] for fuel \"%s\"",
							co2_dry_pct, co2max + 0.1, FuelName(fuel));
	}
	*loss_pct = (flue_gas_temp_c - air_temp_c) *
		(fuel->siegert_a1 / co2_dry_pct + fuel->siegert_b);
	return TQ_OK;
}
