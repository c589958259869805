/*
 * exergy_test.c
 *		Unit tests of src/math/exergy.c: Carnot factor, log-mean
 *		thermodynamic temperature, fuel exergy on both bases, and the
 *		Szargut correlations behind the seeded exergy factors.
 */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "math/exergy.h"

/* Expects an error with the given status */
static int
Fails(int rc, TqError *err, TqStatus want)
{
	if (rc != (int) want)
		printf("# got status %d, want %d\n", rc, (int) want);
	else
		printf("# %s | %s | %s\n", err->message, err->detail, err->hint);
	return rc == (int) want;
}

int
main(void)
{
	TqError err;
	double		v,
				p_lhv,
				p_hhv,
				x_lhv,
				x_hhv;

	/*
	 * Methane from the formula, exergy factor from Szargut's 831.65 kJ/mol:
	 * LHV = 50.030838 MJ/kg x 16.043 = 802.6447 kJ/mol, phi = 831.65 /
	 * 802.6447 = 1.036137 on LHV, 831.65 / 890.63 = 0.933777 on HHV.
	 */
	TqFuel		m = {"methane", 890.63 / 16.043, 0, 12.011 / 16.043, 4.032 / 16.043,
	0, 0, 0, 0, 0, NAN, NAN, NAN};

	/* seeded rows (sql/install/15_fuels.sql) */
	TqFuel		oil2 = {"fuel_oil_2", 45.6, 42.8063, 0.869, 0.128, 0.0004, 0.0002, 0.002,
	0.0002, 0.0002, 1.06593, 0.5, 0.007};
	TqFuel		oil6 = {"fuel_oil_6", 42.9, 40.5359, 0.856, 0.108, 0.004, 0.004, 0.022,
	0.003, 0.003, 1.06642, NAN, NAN};
	TqFuel		coal = {"bituminous_coal", 27.113, 25.8595, 0.6375, 0.045, 0.0688, 0.0125,
	0.0251, 0.1112, 0.097, 1.08468, NAN, NAN};
	TqFuel		wood = {"wood", 16.0, 14.4467, 0.4, 0.0488, 0.3456, 0.0016, 0.00016, 0.2,
	0.00384, 1.16461, NAN, NAN};

	m.lhv_mj_kg = tq_lhv_from_hhv(m.hhv_mj_kg, m.hydrogen, 0);
	m.exergy_factor_lhv = 831.65 / (m.lhv_mj_kg * 16.043);

	/* --- Carnot */
	ok(tq_carnot_factor(600, 300, &v, &err) == 0 && v == 0.5, "carnot(600 K, 300 K) = 0.5");
	ok(tq_carnot_factor(300, 300, &v, &err) == 0 && v == 0, "carnot at T0 = 0");
	ok(tq_carnot_factor(150, 300, &v, &err) == 0 && v == -1, "carnot below T0 is negative (-1 at T0/2)");
	ok(tq_heat_exergy_kw(100, 600, 300, &v, &err) == 0 && v == 50, "100 kW at 600 K, T0 300 K: 50 kW");
	ok(tq_heat_exergy_kw(-100, 600, 300, &v, &err) == 0 && v == -50, "sign follows Q");
	ok(Fails(tq_carnot_factor(0, 300, &v, &err), &err, TQ_ERR_RANGE), "T = 0 K rejected");
	ok(Fails(tq_carnot_factor(300, -1, &v, &err), &err, TQ_ERR_RANGE), "T0 < 0 K rejected");
	ok(Fails(tq_carnot_factor(NAN, 300, &v, &err), &err, TQ_ERR_RANGE), "T NaN rejected");
	ok(Fails(tq_heat_exergy_kw(INFINITY, 600, 300, &v, &err), &err, TQ_ERR_RANGE), "Q infinite rejected");

	/* --- log-mean thermodynamic temperature: 100 K / ln(400/300) = 347.605950 K */
	ok(tq_log_mean_temperature(400, 300, &v, &err) == 0, "Tm computes");
	is_rel(v, 347.6059496782208, 1e-14, "Tm(400 K, 300 K) = 347.605950 K");
	ok(tq_log_mean_temperature(300, 400, &v, &err) == 0, "Tm reversed computes");
	is_rel(v, 347.6059496782208, 1e-14, "Tm is symmetric (a stream being heated)");
	ok(tq_log_mean_temperature(400, 400, &v, &err) == 0 && v == 400, "Tm(T, T) = T");
	ok(tq_log_mean_temperature(400 * (1 + 1e-13), 400, &v, &err) == 0, "Tm close");
	is_rel(v, 400 * (1 + 0.5e-13), 1e-15, "Tm of nearly equal temperatures is their mean, no cancellation");
	ok(tq_log_mean_temperature(1, 1e300, &v, &err) == 0 && isfinite(v) && v > 0, "Tm of extreme temperatures (1 K, 1e300 K) stays finite");
	ok(Fails(tq_log_mean_temperature(1e-300, 1e300, &v, &err), &err, TQ_ERR_RANGE), "1e-300 K is below the 1 K bound");
	/* 100 kW x (1 - 298.15 / 347.605950) = 14.227590 kW */
	ok(tq_stream_heat_exergy_kw(100, 400, 300, 298.15, &v, &err) == 0, "stream exergy computes");
	is_rel(v, 14.22759009850154, 1e-12, "stream 400->300 K, 100 kW, T0 298.15 K: 14.227590 kW");
	ok(tq_stream_heat_exergy_kw(100, 400, 400, 300, &v, &err) == 0 && v == 25, "stream at constant T equals heat exergy");
	ok(Fails(tq_stream_heat_exergy_kw(100, 400, 0, 300, &v, &err), &err, TQ_ERR_RANGE), "Tout = 0 K rejected");
	ok(Fails(tq_stream_heat_exergy_kw(100, 400, 300, 0, &v, &err), &err, TQ_ERR_RANGE), "T0 = 0 K rejected");
	ok(Fails(tq_stream_heat_exergy_kw(NAN, 400, 300, 298, &v, &err), &err, TQ_ERR_RANGE), "Q NaN rejected");

	/* --- fuel exergy: methane 1.036 on LHV, 0.934 on HHV */
	ok(tq_fuel_exergy_factor(&m, TQ_BASIS_LHV, &v, &err) == 0, "methane factor lhv");
	is_rel(v, 1.036137108429814, 1e-12, "methane exergy factor 1.036137 on LHV");
	ok(fabs(v - 1.04) < 0.005, "methane exergy factor near 1.04 on LHV");
	ok(tq_fuel_exergy_factor(&m, TQ_BASIS_HHV, &v, &err) == 0, "methane factor hhv");
	is_rel(v, 831.65 / 890.63, 1e-12, "methane exergy factor 0.933777 on HHV");
	ok(fabs(v - 0.93) < 0.005, "methane exergy factor near 0.93 on HHV");
	/* the same 100 kg/h of methane, its power on either basis: same exergy */
	ok(tq_fuel_power_kw(&m, 100, TQ_BASIS_LHV, &p_lhv, &err) == 0 &&
	   tq_fuel_power_kw(&m, 100, TQ_BASIS_HHV, &p_hhv, &err) == 0, "powers");
	ok(tq_fuel_exergy_kw(&m, p_lhv, TQ_BASIS_LHV, &x_lhv, &err) == 0 &&
	   tq_fuel_exergy_kw(&m, p_hhv, TQ_BASIS_HHV, &x_hhv, &err) == 0, "exergies");
	is_rel(x_lhv, x_hhv, 1e-14, "100 kg/h methane: %.6f kW exergy on both bases", x_lhv);
	is_rel(x_lhv, 100.0 / 3600 * 831.65 / 16.043 * 1000, 1e-12, "= 100 kg/h / 16.043 kg/kmol x 831.65 MJ/kmol");
	{
		TqFuel		none = m;

		none.exergy_factor_lhv = NAN;
		ok(Fails(tq_fuel_exergy_kw(&none, 100, TQ_BASIS_LHV, &v, &err), &err, TQ_ERR_INVALID), "no exergy factor");
		ok(Fails(tq_fuel_exergy_kw(&m, NAN, TQ_BASIS_LHV, &v, &err), &err, TQ_ERR_RANGE), "power NaN");
	}

	/*
	 * --- Szargut correlations reproduce the seeded factors (5 decimals).
	 * fuel_oil_2: h/c = 0.128/0.869 = 0.147296, o/c = 0.000460, s/c = 0.002301
	 *   phi = 1.0401 + 0.025453 + 0.000020 + 0.000499 (1 - 0.303844) = 1.065920
	 *   x (42.8063 + 2.442 x 0.0002) / 42.8063 = 1.065935 -> 1.06593
	 */
	is_rel(tq_szargut_phi_liquid(0.869, 0.128, 0.0004, 0.002), 1.065920, 2e-6, "fuel oil 2: phi 1.065920 by hand");
	is_rel(tq_exergy_factor_liquid(&oil2), oil2.exergy_factor_lhv, 1e-5, "fuel_oil_2 seed factor");
	is_rel(tq_exergy_factor_liquid(&oil6), oil6.exergy_factor_lhv, 1e-5, "fuel_oil_6 seed factor");
	/*
	 * coal: h/c 0.070588, o/c 0.107922, n/c 0.019608
	 *   phi_dry = 1.0437 + 0.013285 + 0.006583 + 0.000792 = 1.064360
	 *   b = (25.8595 + 2.442 x 0.1112) 1.064360 + 9.417 x 0.0251 = 28.0492
	 *   b / LHV = 1.08468
	 */
	is_rel(tq_szargut_phi_coal_dry(0.6375, 0.045, 0.0688, 0.0125), 1.064360, 2e-6, "coal: phi_dry 1.064360 by hand");
	is_rel(tq_exergy_factor_solid(&coal, tq_szargut_phi_coal_dry(0.6375, 0.045, 0.0688, 0.0125)),
		   coal.exergy_factor_lhv, 1e-5, "bituminous_coal seed factor");
	is_rel(tq_exergy_factor_solid(&wood, tq_szargut_phi_wood_dry(0.4, 0.0488, 0.3456, 0.0016)),
		   wood.exergy_factor_lhv, 1e-5, "wood seed factor");
	ok(fabs(tq_szargut_phi_wood_dry(0.5, 0.061, 0.432, 0.002) - 1.13) < 0.02,
	   "dry wood phi %.4f near Szargut's typical 1.13", tq_szargut_phi_wood_dry(0.5, 0.061, 0.432, 0.002));

	return done_testing();
}
