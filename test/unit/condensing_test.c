/*
 * condensing_test.c
 *		Unit tests of the 1.1 combustion physics in src/math/combustion.c:
 *		water dew point, condensed fraction and latent-heat credit, humid
 *		combustion air, against the independent oracle
 *		test/oracle/condensing_oracle.py (molecule-by-molecule balance of
 *		the gas mixture, every water property from python3-iapws) and hand
 *		calculations written below. Regenerate the oracle numbers with
 *		  /usr/bin/python3 test/oracle/condensing_oracle.py
 *		(test/t/046_physics_oracle.pl also runs it live against SQL).
 */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "math/combustion.h"

/* natural_gas as seeded in sql/install/15_fuels.sql (mol %: CH4 95, C2H6 2.5, C3H8 .5, N2 1, CO2 1) */
static TqFuel
NaturalGas(void)
{
	TqFuel		f = {"natural_gas", 52.9259, 47.7429, 0.727045, 0.237515, 0.018896,
	0.016544, 0, 0, 0, 1.03630, 0.37, 0.009};

	return f;
}

/* pure methane from its formula (as in combustion_test.c) */
static TqFuel
Methane(void)
{
	TqFuel		f;

	memset(&f, 0, sizeof(f));
	f.fuel_id = "methane";
	f.carbon = 12.011 / 16.043;
	f.hydrogen = 4.032 / 16.043;
	f.hhv_mj_kg = 890.63 / 16.043;
	f.lhv_mj_kg = tq_lhv_from_hhv(f.hhv_mj_kg, f.hydrogen, 0);
	f.exergy_factor_lhv = NAN;
	f.siegert_a1 = NAN;
	f.siegert_b = NAN;
	return f;
}

/* One run with humidity omega (kg/kg dry air) at 101.325 kPa */
static TqCombustionLosses
Run(const TqFuel *f, double tfg, double tair, double o2, double omega, TqBasis b)
{
	TqCombustionInput in = {tfg, tair, o2, 0.0, b};
	TqAirState	air = {omega, 0.0};
	TqCombustionLosses out;
	TqMathError err;

	if (tq_combustion_losses_air(f, &in, &air, &out, &err) != TQ_MATH_OK)
	{
		printf("# unexpected error: %s\n", err.message);
		out.total_pct = NAN;
		out.dew_point_c = NAN;
	}
	return out;
}

/* Humidity ratio or NaN */
static double
Omega(double t_c, double rh)
{
	double		w;
	TqMathError err;

	if (tq_humidity_ratio(t_c, rh, TQ_P_ATM_KPA, &w, &err) != TQ_MATH_OK)
		return NAN;
	return w;
}

int
main(void)
{
	TqFuel		ng = NaturalGas();
	TqFuel		ch4 = Methane();
	TqCombustionLosses l,
				h,
				d;
	TqCombustionInput in = {45, 20, 3, 0, TQ_BASIS_LHV};
	TqAirState	air = {0, 0};
	TqMathError err;
	double		w;

	/*
	 * Acceptance (issue 14): natural gas at 3 % O2, 45 degC stack, 20 degC
	 * dry air. Oracle: dew point 56.2795740167 degC, condensed 47.2010 %,
	 * efficiency 103.889769237 % LHV (93.7159258756 % HHV). The oracle
	 * starts from the molar composition, the seed row from its mass
	 * fractions rounded to 6 digits: the dew point agrees to 0.01 K. The
	 * efficiencies differ by the vapour model: the C code takes water
	 * vapour as an ideal gas (NASA CEA) and credits h_fg(T_fg) = h'' - h'
	 * (IF97); the oracle takes IF97 vapour at 0.7 kPa and the IF97
	 * saturated-liquid enthalpy of the condensate. Saturated vapour at
	 * 45 degC lies 2.66 kJ/kg below the ideal gas (iapws: 2582.45 against
	 * 2585.11 kJ/kg), 1.0 kg condensate per kg fuel: 0.0056 points of
	 * 47.74 MJ/kg; the agreement asked is 0.01 points (the acceptance
	 * 0.2).
	 */
	l = Run(&ng, 45, 20, 3, 0, TQ_BASIS_LHV);
	h = Run(&ng, 45, 20, 3, 0, TQ_BASIS_HHV);
	ok(fabs(l.dew_point_c - 56.3) <= 0.3, "dew point %.4f degC = 56.3 +- 0.3 K (acceptance)", l.dew_point_c);
	ok(fabs(l.dew_point_c - 56.2795740167) <= 0.01, "dew point %.6f degC vs oracle 56.279574", l.dew_point_c);
	ok(fabs(l.combustion_efficiency_pct - 103.9) <= 0.2,
	   "efficiency %.4f %% LHV = 103.9 +- 0.2 (acceptance)", l.combustion_efficiency_pct);
	ok(fabs(l.combustion_efficiency_pct - 103.889769237) <= 0.01,
	   "efficiency %.6f %% LHV vs oracle 103.889769", l.combustion_efficiency_pct);
	ok(fabs(h.combustion_efficiency_pct - 93.7159258756) <= 0.01,
	   "efficiency %.6f %% HHV vs oracle 93.715926", h.combustion_efficiency_pct);
	ok(fabs(l.condensed_fraction - 0.472010437994) <= 2e-4,
	   "condensed fraction %.6f vs oracle 0.472010", l.condensed_fraction);
	ok(fabs(l.moisture_pct - (-4.82108018723)) <= 0.01, "moisture %.5f %% LHV vs oracle -4.82108 (a credit)", l.moisture_pct);
	ok(fabs(l.dry_flue_gas_pct - 0.931310950574) <= 0.002, "dry gas %.5f %% LHV vs oracle 0.93131", l.dry_flue_gas_pct);
	ok(l.combustion_efficiency_pct > 100, "condensing efficiency above 100 %% LHV is reported as such");
	/*
	 * one useful heat on both bases: HV x (1 - total/100); to 1e-6 because
	 * the seed's LHV 47.7429 is HHV - 2.442 x water rounded to 4 digits
	 */
	is_rel(ng.lhv_mj_kg * (100 - l.total_pct), ng.hhv_mj_kg * (100 - h.total_pct), 1e-6,
		   "useful heat per kg fuel equal on LHV and HHV while condensing");
	/* the credit is the condensed water times h_fg(45 degC) = 2394.0155 kJ/kg (iapws) */
	is_rel(l.hfg_kj_kg, 2394.015472585391, 1e-9, "h_fg at 45 degC from IF97 equals iapws 2394.015473");
	is_rel(l.latent_credit_kj_kg, l.condensed_kg_kg * l.hfg_kj_kg, 1e-15, "credit = condensed x h_fg");
	is_rel(l.condensed_kg_kg, l.condensed_fraction * l.water_kg_kg, 1e-12, "dry air: condensed = fraction x fuel water");
	is_rel(l.moisture_pct - h.moisture_pct * ng.hhv_mj_kg / ng.lhv_mj_kg,
		   -100 * l.latent_fuel_kj_kg / (1000 * ng.lhv_mj_kg), 1e-9,
		   "HHV moisture loss exceeds the LHV one by exactly 2442 x fuel water");

	/*
	 * Dew point by hand from the mass balance: water 8.936012 x 0.237515 =
	 * 2.122437 kg/kg = 0.117815 kmol/kg; the partial pressure is
	 * 101.325 n_w / (n_dry + n_w) and Tsat of it is the dew point.
	 */
	ok(fabs(l.water_kg_kg - 8.936012 * 0.237515) < 1e-5, "fuel water %.6f kg/kg", l.water_kg_kg);
	is_rel(l.p_h2o_kpa, 101.325 * (l.water_kg_kg / 18.015) / (l.dry_flue_gas_kmol_kg + l.water_kg_kg / 18.015),
		   1e-12, "p_H2O %.5f kPa from the mole balance", l.p_h2o_kpa);

	/* deep condensing methane on HHV (oracle: dew 57.4428 degC, 79.334 %, 97.33497 % HHV) */
	h = Run(&ch4, 30, 15, 2, 0, TQ_BASIS_HHV);
	ok(fabs(h.dew_point_c - 57.4428213683) <= 0.002, "methane 2 %% O2 dew point %.5f vs oracle 57.44282", h.dew_point_c);
	ok(fabs(h.condensed_fraction - 0.793336733036) <= 1e-4, "methane 30 degC condensed %.5f vs oracle 0.79334", h.condensed_fraction);
	ok(fabs(h.combustion_efficiency_pct - 97.3349710311) <= 0.01,
	   "methane 30 degC efficiency %.5f %% HHV vs oracle 97.33497", h.combustion_efficiency_pct);

	/* above the dew point nothing condenses and the 1.0 result stands (oracle 95.41332) */
	{
		TqCombustionInput i120 = {120, 20, 3, 0, TQ_BASIS_LHV};
		TqCombustionLosses plain;

		d = Run(&ng, 120, 20, 3, 0, TQ_BASIS_LHV);
		ok(tq_combustion_losses(&ng, &i120, &plain, &err) == TQ_MATH_OK, "120 degC plain");
		ok(d.condensed_fraction == 0 && d.latent_credit_kj_kg == 0, "120 degC: nothing condenses");
		ok(d.total_pct == plain.total_pct, "120 degC: dry-air call equals the 1.0 entry point");
		ok(fabs(d.combustion_efficiency_pct - 95.4133235808) <= 0.01, "120 degC %.5f vs oracle 95.41332", d.combustion_efficiency_pct);
		ok(fabs(d.dew_point_c - l.dew_point_c) < 1e-12, "dew point does not depend on the stack temperature");
	}
	/* just below the dew point: a small positive fraction; just above: none */
	d = Run(&ng, l.dew_point_c - 0.05, 20, 3, 0, TQ_BASIS_LHV);
	ok(d.condensed_fraction > 0 && d.condensed_fraction < 0.01, "0.05 K below dew: %.5f condensed", d.condensed_fraction);
	d = Run(&ng, l.dew_point_c + 0.05, 20, 3, 0, TQ_BASIS_LHV);
	ok(d.condensed_fraction == 0, "0.05 K above dew: nothing condensed");

	/*
	 * Air humidity. By hand at 300 K (26.85 degC), 100 % RH: psat =
	 * 3.53658941e-3 MPa (IF97 verification table), omega = 18.015/28.96603 x
	 * 3.53658941 / (101.325 - 3.53658941) = 0.0224926.
	 */
	w = Omega(26.85, 100);
	is_rel(w, (18.015 / TQ_AIR_M) * 3.53658941 / (101.325 - 3.53658941), 1e-8, "humidity ratio at 300 K saturated %.7f", w);
	is_rel(Omega(26.85, 50), (18.015 / TQ_AIR_M) * 0.5 * 3.53658941 / (101.325 - 0.5 * 3.53658941), 1e-8, "50 %% RH");
	ok(Omega(20, 0) == 0, "0 %% RH: dry");
	/* 35 degC air, 180 degC stack: oracle omega 0.0365806728 and a 0.398 point loss at 100 % RH */
	w = Omega(35, 100);
	ok(fabs(w - 0.0365806728132) < 1e-9, "omega 35 degC saturated %.10f vs oracle", w);
	d = Run(&ng, 180, 35, 3, 0, TQ_BASIS_LHV);
	l = Run(&ng, 180, 35, 3, w, TQ_BASIS_LHV);
	ok(fabs((d.combustion_efficiency_pct - l.combustion_efficiency_pct) - (93.3013758365 - 92.9032665493)) <= 0.002,
	   "humidity costs %.4f points at 35 degC saturated air (oracle 0.39811)",
	   d.combustion_efficiency_pct - l.combustion_efficiency_pct);
	ok(d.combustion_efficiency_pct - l.combustion_efficiency_pct < 0.41, "at most ~0.4 points (issue 14)");
	ok(fabs(l.dew_point_c - 61.195156592) <= 0.01, "humid air raises the dew point to %.4f (oracle 61.19516)", l.dew_point_c);
	is_rel(l.humidity_kg_kg, w * l.air_kg_kg, 1e-12, "air water = omega x dry air");
	w = Omega(35, 60);
	l = Run(&ng, 180, 35, 3, w, TQ_BASIS_LHV);
	ok(fabs(l.combustion_efficiency_pct - 93.0680008753) <= 0.01, "60 %% RH %.5f vs oracle 93.06800", l.combustion_efficiency_pct);
	/* humid and condensing: the air's water condenses too and is credited */
	w = Omega(25, 60);
	l = Run(&ng, 40, 25, 3.5, w, TQ_BASIS_LHV);
	ok(fabs(l.dew_point_c - 57.5944219089) <= 0.01, "humid condensing dew %.4f vs oracle 57.59442", l.dew_point_c);
	ok(fabs(l.condensed_fraction - 0.631837164708) <= 2e-4, "humid condensing fraction %.5f vs oracle 0.63184", l.condensed_fraction);
	ok(fabs(l.combustion_efficiency_pct - 106.786913009) <= 0.01, "humid condensing %.5f %% LHV vs oracle 106.78691", l.combustion_efficiency_pct);

	/* a fuel without hydrogen or moisture has no dew point */
	{
		TqFuel		c = {"carbon", 32.8, 32.8, 1, 0, 0, 0, 0, 0, 0, NAN, NAN, NAN};

		d = Run(&c, 40, 20, 3, 0, TQ_BASIS_LHV);
		ok(isnan(d.dew_point_c) && d.condensed_fraction == 0, "pure carbon, dry air: no dew point");
	}

	/* errors */
	air.humidity_kg_kg = -0.01;
	ok(tq_combustion_losses_air(&ng, &in, &air, &d, &err) == TQ_MATH_RANGE, "negative humidity: range (%s)", err.message);
	air.humidity_kg_kg = NAN;
	ok(tq_combustion_losses_air(&ng, &in, &air, &d, &err) == TQ_MATH_RANGE, "NaN humidity: range");
	air.humidity_kg_kg = 0;
	air.pressure_kpa = 10;
	ok(tq_combustion_losses_air(&ng, &in, &air, &d, &err) == TQ_MATH_RANGE, "10 kPa flue gas: range (%s)", err.message);
	ok(tq_humidity_ratio(120, 50, 101.325, &w, &err) == TQ_MATH_RANGE, "air at 120 degC: range (%s)", err.message);
	ok(tq_humidity_ratio(-45.5, 50, 101.325, &w, &err) == TQ_MATH_RANGE, "air at -45.5 degC: range (%s)", err.message);
	/*
	 * Below 0.01 degC over supercooled water, WMO-No. 8 Annex 4.B: e_w =
	 * 611.2 exp(17.62 t / (243.12 + t)) Pa; w = (18.015 / 28.966) e / (p - e)
	 * with e = phi e_w (python3, same formula): -5 degC 50 %: 0.0012983948350805121,
	 * -20 degC 80 %: 0.0006191574416500081
	 */
	ok(tq_humidity_ratio(-5, 50, 101.325, &w, &err) == TQ_MATH_OK &&
	   fabs(w / 0.0012983948350805121 - 1) < 1e-12, "-5 degC, 50 %%: w = %.17g (WMO over water)", w);
	ok(tq_humidity_ratio(-20, 80, 101.325, &w, &err) == TQ_MATH_OK &&
	   fabs(w / 0.0006191574416500081 - 1) < 1e-12, "-20 degC, 80 %%: w = %.17g", w);
	{
		double		below = Omega(0.00999999, 100),
					at = Omega(0.01, 100);

		/* e_w(0.01) = 611.643 Pa, IF97 611.657 Pa (python3-iapws): 2.3e-5 */
		ok(fabs(below / at - 1) < 3e-5, "continuous at 0.01 degC: %.17g / %.17g", below, at);
	}
	ok(tq_humidity_ratio(20, 101, 101.325, &w, &err) == TQ_MATH_RANGE, "101 %% RH: range");
	ok(tq_humidity_ratio(99, 100, 90, &w, &err) == TQ_MATH_RANGE, "boiling air: range (%s)", err.message);
	{
		TqCombustionInput cold = {-5, -10, 3, 0, TQ_BASIS_LHV};

		ok(tq_combustion_losses_air(&ng, &cold, NULL, &d, &err) == TQ_MATH_RANGE,
		   "flue gas below 0 degC and below its dew point: range (%s)", err.message);
	}

	return done_testing();
}
