/*
 * combustion_test.c
 *		Unit tests of src/math/combustion.c against hand calculations and
 *		the independent oracle test/oracle/combustion_oracle.py.
 */
#include <math.h>
#include <string.h>

#include "tap.h"
#include "math/combustion.h"

/*
 * Pure methane, composition from the formula (C 12.011, H 1.008):
 *   C = 12.011/16.043 = 0.748675, H = 4.032/16.043 = 0.251325
 *   HHV = 890.63 kJ/mol (ISO 6976:1995, 25 degC) / 16.043 = 55.515178 MJ/kg
 *   LHV = HHV - 2.442 x 8.936012 x 0.251325 = 55.515178 - 5.484340
 *       = 50.030838 MJ/kg  (ISO 6976: 802.60 kJ/mol = 50.028 MJ/kg)
 */
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

/* natural_gas as seeded in sql/install/15_fuels.sql */
static TqFuel
NaturalGas(void)
{
	TqFuel		f = {"natural_gas", 52.9259, 47.7429, 0.727045, 0.237515, 0.018896,
	0.016544, 0, 0, 0, 1.03630, 0.37, 0.009};

	return f;
}

/* hydrogen as seeded */
static TqFuel
Hydrogen(void)
{
	TqFuel		f = {"hydrogen", 141.7808, 119.9590, 0, 1, 0, 0, 0, 0, 0, 0.97623, NAN, NAN};

	return f;
}

/* Runs the loss calculation and reports failures as NaN */
static TqCombustionLosses
Losses(const TqFuel *f, double tfg, double tair, double o2, double co, TqBasis b)
{
	TqCombustionInput in = {tfg, tair, o2, co, b};
	TqCombustionLosses out;
	TqError err;

	if (tq_combustion_losses(f, &in, &out, &err) != TQ_OK)
	{
		printf("# unexpected error: %s\n", err.message);
		out.total_pct = NAN;
	}
	return out;
}

/* Expects an error with the given status */
static int
Fails(int rc, TqError *err, TqStatus want)
{
	if (rc != (int) want)
		printf("# got status %d (%s), want %d\n", rc, rc ? err->message : "ok", (int) want);
	else
		printf("# %s | %s | %s\n", err->message, err->detail, err->hint);
	return rc == (int) want;
}

int
main(void)
{
	TqFuel		m = Methane();
	TqFuel		ng = NaturalGas();
	TqFuel		h2 = Hydrogen();
	TqCombustionLosses hhv,
				lhv,
				co;
	TqError err;
	TqBasis		b;
	double		v;

	/* --- basis parsing */
	ok(tq_basis_parse("LHV", &b, &err) == 0 && b == TQ_BASIS_LHV, "basis 'LHV' parses");
	ok(tq_basis_parse("hhv", &b, &err) == 0 && b == TQ_BASIS_HHV, "basis 'hhv' parses");
	ok(Fails(tq_basis_parse("net", &b, &err), &err, TQ_ERR_INVALID), "basis 'net' is invalid");

	/* --- the LHV formula against ISO 6976's own LHV of methane */
	is_rel(m.lhv_mj_kg, 50.03083837187558, 1e-12, "methane LHV from HHV and H");
	is_rel(m.lhv_mj_kg, 802.60 / 16.043, 1e-4, "methane LHV within 0.01 %% of ISO 6976 (802.60 kJ/mol)");

	/* --- NASA enthalpies against JANAF (H(T) - H(298.15), kJ/mol) */
	is_rel(tq_species_dh_kj_kmol(TQ_SP_N2, 298.15, 500) / 1000, 5.911, 5e-4, "N2 dH 500 K (JANAF 5.911)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_N2, 298.15, 1000) / 1000, 21.463, 5e-4, "N2 dH 1000 K (JANAF 21.463)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_O2, 298.15, 1000) / 1000, 22.707, 5e-4, "O2 dH 1000 K (JANAF 22.707)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_CO2, 298.15, 500) / 1000, 8.305, 5e-4, "CO2 dH 500 K (JANAF 8.305)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_CO2, 298.15, 1500) / 1000, 61.705, 5e-4, "CO2 dH 1500 K (JANAF 61.705), high range");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_H2O, 298.15, 500) / 1000, 6.922, 5e-4, "H2O dH 500 K (JANAF 6.922)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_CO, 298.15, 1000) / 1000, 21.690, 5e-4, "CO dH 1000 K (JANAF 21.690)");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_AR, 298.15, 500), 2.5 * 8.314462618 * 201.85, 1e-9, "Ar dH = 5/2 R dT");
	is_rel(tq_species_dh_kj_kmol(TQ_SP_SO2, 298.15, 500) / 1000, 8.758, 1e-3, "SO2 dH 500 K (JANAF 8.758)");

	/* --- stoichiometric air: 2 x 4.773 mol air per mol CH4 = 17.24 kg/kg */
	ok(tq_stoich_air_kg_kg(&m, &v, &err) == 0, "methane stoichiometric air computes");
	ok(fabs(v - 17.2) / 17.2 <= 0.005, "methane stoichiometric air %.4f is 17.2 within 0.5 %%", v);
	is_rel(v, 17.236512315, 1e-9, "methane stoichiometric air equals the oracle");
	is_rel(tq_co2_max_dry_pct(&m), 11.745323, 1e-6, "methane CO2max 11.745 %% (oracle)");

	/* --- simple excess air: 100 x 3 / 17.95 = 16.713092 */
	ok(tq_excess_air_simple_pct(3, &v, &err) == 0, "excess air at 3 %% O2");
	is_rel(v, 16.71309192200557, 1e-12, "excess air 3 %% O2 = 16.713092 %%");
	ok(tq_excess_air_simple_pct(0, &v, &err) == 0 && v == 0, "excess air at 0 %% O2 is 0");
	ok(Fails(tq_excess_air_simple_pct(20.95, &v, &err), &err, TQ_ERR_RANGE), "O2 20.95 %% is out of range");
	ok(Fails(tq_excess_air_simple_pct(-0.1, &v, &err), &err, TQ_ERR_RANGE), "O2 -0.1 %% is out of range");
	ok(Fails(tq_excess_air_simple_pct(NAN, &v, &err), &err, TQ_ERR_RANGE), "O2 NaN is rejected");

	/* --- fuel power and CO2 */
	ok(tq_fuel_power_kw(&m, 100, TQ_BASIS_HHV, &v, &err) == 0, "fuel power");
	is_rel(v, 100 * 55.515177959234556 / 3.6, 1e-12, "100 kg/h methane = 1542.09 kW (HHV)");
	ok(tq_fuel_power_kw(&m, 100, TQ_BASIS_LHV, &v, &err) == 0, "fuel power lhv");
	is_rel(v, 1389.745510329877, 1e-12, "100 kg/h methane = 1389.75 kW (LHV)");
	ok(Fails(tq_fuel_power_kw(&m, INFINITY, TQ_BASIS_LHV, &v, &err), &err, TQ_ERR_RANGE), "infinite flow rejected");
	/* 1000 kWh (LHV) = 3600 MJ / 50.030838 = 71.9556 kg CH4 x 0.748675 x 44.009/12.011 */
	ok(tq_co2_kg(&m, 1000, TQ_BASIS_LHV, &v, &err) == 0, "co2");
	is_rel(v, 197.38795024060084, 1e-12, "1000 kWh(LHV) of methane emit 197.388 kg CO2");
	ok(tq_co2_kg(&m, 1000, TQ_BASIS_HHV, &v, &err) == 0, "co2 hhv");
	is_rel(v, 177.88801185677553, 1e-12, "1000 kWh(HHV) of methane emit 177.888 kg CO2");
	is_rel(tq_co2_kg_per_gj_lhv(&m), 54.830, 1e-4, "methane 54.830 kg CO2/GJ(LHV) as seeded");

	/*
	 * --- the heat-loss method, by hand: methane, 3 % O2 dry, no CO, flue gas
	 * 180 degC, air 25 degC.
	 *
	 * O2 demand A = 0.748675/12.011 + 0.251325/4.032
	 *             = 0.0623325 + 0.0623326 = 0.1246650 kmol/kg
	 * dry gas     n_dry = (C/12.011 + k A) / (1 - 0.03/0.2095), k = 0.7905/0.2095
	 *             = (0.0623325 + 0.4703936) / 0.8568019 = 0.6217622 kmol/kg
	 * excess air  e = 0.03 x 0.6217622 / 0.1246650 = 0.1496240 -> 14.962 %
	 * air         (1 + e) A / 0.2095 = 0.6840946 kmol/kg (19.815 kg/kg)
	 * products    CO2 0.0623325 + 0.0004 x 0.6840946 = 0.0626061
	 *             N2  0.7808 x 0.6840946 = 0.5341411
	 *             Ar  0.0093 x 0.6840946 = 0.0063621
	 *             O2  e A = 0.0186529       (sum = n_dry, O2/n_dry = 3 %)
	 * NASA H(453.15 K) - H(298.15 K), kJ/kmol: CO2 6249.860, N2 4529.326,
	 *             Ar 3221.854, O2 4639.921, H2O 5285.665
	 * dry loss    391.279 + 2419.300 + 20.498 + 86.548 = 2917.624 kJ/kg
	 * water       8.936012 x 0.251325 = 2.245839 kg/kg
	 *             sensible 2.245839 / 18.015 x 5285.665 = 658.937 kJ/kg
	 *             latent   2.245839 x 2442 = 5484.339 kJ/kg
	 * HHV basis   dry 2917.624 / 55515.18 = 5.255544 %
	 *             moisture (658.937 + 5484.339) / 55515.18 = 11.065941 %
	 *             total 16.321484 %, efficiency 83.678516 %
	 * LHV basis   dry 2917.624 / 50030.84 = 5.831652 %
	 *             moisture 658.937 / 50030.84 = 1.317062 %
	 *             total 7.148714 %, efficiency 92.851286 %
	 * both bases  useful heat 55.51518 x 0.8367852 = 50.03084 x 0.9285129
	 *             = 46.4543 MJ/kg
	 * The oracle's 9-digit values are asserted to 1e-9, the hand values to
	 * their printed rounding.
	 */
	hhv = Losses(&m, 180, 25, 3, 0, TQ_BASIS_HHV);
	lhv = Losses(&m, 180, 25, 3, 0, TQ_BASIS_LHV);
	is_rel(hhv.o2_stoich_kmol_kg, 0.124664963, 1e-8, "A = 0.1246650 kmol O2/kg");
	is_rel(hhv.dry_flue_gas_kmol_kg, 0.621762162, 1e-8, "n_dry = 0.6217622 kmol/kg");
	is_rel(hhv.excess_air_pct, 14.962395543, 1e-9, "excess air 14.962 %% (mass balance)");
	is_rel(hhv.air_kg_kg, 0.684094643 * TQ_AIR_M, 1e-8, "air 0.6840946 kmol/kg");
	is_rel(hhv.co2_dry_pct, 100 * 0.062606119 / 0.621762162, 1e-7, "CO2 dry 10.069 %%");
	is_rel(hhv.loss_dry_kj_kg, 2917.624394, 1e-9, "dry flue gas 2917.624 kJ/kg");
	is_rel(hhv.water_kg_kg, 2.245839307, 1e-9, "water 2.245839 kg/kg");
	is_rel(lhv.loss_moisture_kj_kg, 658.937173, 1e-9, "water sensible 658.937 kJ/kg");
	is_rel(hhv.loss_moisture_kj_kg, 6143.276761, 1e-9, "water sensible + latent 6143.277 kJ/kg");
	is_rel(hhv.dry_flue_gas_pct, 5.255543621, 1e-9, "HHV: dry flue gas 5.255544 %%");
	is_rel(hhv.moisture_pct, 11.065940859, 1e-9, "HHV: moisture 11.065941 %%");
	ok(hhv.co_pct == 0, "HHV: CO loss 0 without CO");
	is_rel(hhv.total_pct, 16.321484480, 1e-9, "HHV: total 16.321484 %%");
	is_rel(hhv.combustion_efficiency_pct, 83.678515520, 1e-9, "HHV: efficiency 83.678516 %%");
	is_rel(lhv.dry_flue_gas_pct, 5.831652015, 1e-9, "LHV: dry flue gas 5.831652 %%");
	is_rel(lhv.moisture_pct, 1.317062026, 1e-9, "LHV: moisture 1.317062 %%");
	is_rel(lhv.total_pct, 7.148714040, 1e-9, "LHV: total 7.148714 %%");
	is_rel(lhv.combustion_efficiency_pct, 92.851285960, 1e-9, "LHV: efficiency 92.851286 %%");
	is_rel(lhv.excess_air_pct, hhv.excess_air_pct, 0, "excess air does not depend on the basis");
	is_rel(m.hhv_mj_kg * hhv.combustion_efficiency_pct, m.lhv_mj_kg * lhv.combustion_efficiency_pct,
		   1e-12, "same useful heat on both bases (46.4543 MJ/kg)");
	is_rel(m.hhv_mj_kg * hhv.combustion_efficiency_pct / 100, 46.4543, 2e-6, "useful heat 46.4543 MJ/kg by hand");

	/*
	 * With 200 ppm CO (dry): n_dry grows by the half-mole of O2 the CO did
	 * not take, n_CO = 200e-6 n_dry; the oracle gives q_CO = 35.173761 kJ/kg
	 * = 1.24297e-4 kmol x 282980 kJ/kmol, 0.063359 % of HHV, 0.070304 % of
	 * LHV, and excess air 14.906 %.
	 */
	co = Losses(&m, 180, 25, 3, 200, TQ_BASIS_HHV);
	is_rel(co.loss_co_kj_kg, 35.173761, 1e-7, "CO 200 ppm: 35.1738 kJ/kg");
	is_rel(co.co_pct, 0.063358819, 1e-8, "CO 200 ppm: 0.063359 %% of HHV");
	is_rel(co.total_pct, 16.382232927, 1e-9, "CO 200 ppm: total 16.382233 %% (HHV)");
	is_rel(co.excess_air_pct, 14.905956458, 1e-9, "CO 200 ppm: excess air 14.906 %%");
	co = Losses(&m, 180, 25, 3, 200, TQ_BASIS_LHV);
	is_rel(co.co_pct, 0.070304161, 1e-8, "CO 200 ppm: 0.070304 %% of LHV");
	is_rel(co.total_pct, 7.216121682, 1e-9, "CO 200 ppm: total 7.216122 %% (LHV)");

	/* natural gas (seeded), 160/20 degC, 4 % O2, 50 ppm CO: oracle with unrounded seed */
	co = Losses(&ng, 160, 20, 4, 50, TQ_BASIS_HHV);
	is_rel(co.total_pct, 15.894359739, 2e-5, "natural gas 160/20/4 %%/50 ppm: total 15.894 %% (HHV)");
	is_rel(co.excess_air_pct, 21.181753493, 2e-5, "natural gas: excess air 21.18 %%");
	co = Losses(&ng, 160, 20, 4, 50, TQ_BASIS_LHV);
	is_rel(co.total_pct, 6.763813337, 2e-5, "natural gas: total 6.764 %% (LHV)");

	/* no excess air: flue gas O2 0 gives e = 0 and CO2 = CO2max */
	co = Losses(&m, 180, 25, 0, 0, TQ_BASIS_HHV);
	ok(fabs(co.excess_air_pct) < 1e-12, "0 %% O2: no excess air");
	is_rel(co.co2_dry_pct, tq_co2_max_dry_pct(&m), 1e-12, "0 %% O2: CO2 = CO2max");
	/*
	 * flue gas at air temperature (25 degC, below the dew point): only the
	 * latent heat of the water still in the gas remains (HHV), 2442 kJ/kg
	 * of all water less h_fg(25 degC) = 2441.705673 kJ/kg (iapws) of the
	 * condensed part (1.1; 1.0 counted all latent heat as lost)
	 */
	co = Losses(&m, 25, 25, 3, 0, TQ_BASIS_HHV);
	ok(co.dry_flue_gas_pct == 0, "no temperature difference: no dry gas loss");
	ok(co.condensed_fraction > 0.8 && co.condensed_fraction < 0.9, "25 degC: %.4f of the water condensed (psat 3.17 kPa against 18.6 kPa of water)", co.condensed_fraction);
	is_rel(co.moisture_pct, 100 * (2.245839307 * 2442 - co.condensed_kg_kg * 2441.705672938703) / 55515.177959, 1e-8,
		   "no temperature difference: latent heat of the uncondensed water only");

	/* --- errors */
	{
		TqCombustionInput in = {180, 25, 3, 0, TQ_BASIS_HHV};
		TqCombustionLosses out;
		TqFuel		bad = m;

		in.flue_gas_temp_c = 20;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "flue gas colder than air");
		in.flue_gas_temp_c = 1600;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "flue gas above 1500 degC");
		in.flue_gas_temp_c = NAN;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "flue gas NaN");
		in.flue_gas_temp_c = 180;
		in.air_temp_c = -60;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "air below -50 degC");
		in.air_temp_c = 25;
		in.o2_dry_pct = 21;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "O2 21 %%");
		in.o2_dry_pct = 3;
		in.co_ppm = -1;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "CO negative");
		in.co_ppm = 200000;
		ok(Fails(tq_combustion_losses(&m, &in, &out, &err), &err, TQ_ERR_RANGE), "CO 20 %% is more than methane can give");
		in.co_ppm = 10;
		ok(Fails(tq_combustion_losses(&h2, &in, &out, &err), &err, TQ_ERR_RANGE), "CO from hydrogen is impossible");
		in.co_ppm = 0;
		ok(tq_combustion_losses(&h2, &in, &out, &err) == 0, "hydrogen without CO computes");
		bad.carbon = 0.9;
		ok(Fails(tq_combustion_losses(&bad, &in, &out, &err), &err, TQ_ERR_INVALID), "fractions not summing to 1");
		bad = m;
		bad.lhv_mj_kg = 60;
		ok(Fails(tq_combustion_losses(&bad, &in, &out, &err), &err, TQ_ERR_INVALID), "LHV above HHV");
		bad = m;
		bad.hydrogen = NAN;
		ok(Fails(tq_combustion_losses(&bad, &in, &out, &err), &err, TQ_ERR_INVALID), "NaN fraction");
	}

	/* --- Siegert: natural gas, 180/25 degC, CO2 10 %: 155 (0.37/10 + 0.009) = 7.13 % */
	ok(tq_siegert_loss_pct(&ng, 180, 25, 10, &v, &err) == 0, "siegert natural gas");
	is_rel(v, 7.13, 1e-12, "siegert 155 K, 10 %% CO2: 7.13 %%");
	/* methane at 3 % O2 has CO2 10.069 %: Siegert with the gas coefficients vs the mass balance on LHV (7.149 %) */
	{
		TqFuel		mg = m;

		mg.siegert_a1 = 0.37;
		mg.siegert_b = 0.009;
		ok(tq_siegert_loss_pct(&mg, 180, 25, hhv.co2_dry_pct, &v, &err) == 0, "siegert methane");
		ok(fabs(v - lhv.total_pct) < 0.1, "siegert %.3f %% within 0.1 %%-point of the LHV mass balance %.3f %%", v, lhv.total_pct);
	}
	ok(Fails(tq_siegert_loss_pct(&m, 180, 25, 10, &v, &err), &err, TQ_ERR_INVALID), "no Siegert coefficients");
	ok(Fails(tq_siegert_loss_pct(&ng, 180, 25, 0, &v, &err), &err, TQ_ERR_RANGE), "CO2 0 %%");
	ok(Fails(tq_siegert_loss_pct(&ng, 180, 25, 13, &v, &err), &err, TQ_ERR_RANGE), "CO2 13 %% above CO2max 11.92 %%");
	ok(Fails(tq_siegert_loss_pct(&ng, 20, 25, 10, &v, &err), &err, TQ_ERR_RANGE), "siegert flue gas colder than air");
	ok(Fails(tq_siegert_loss_pct(&ng, 180, 25, NAN, &v, &err), &err, TQ_ERR_RANGE), "siegert CO2 NaN");

	return done_testing();
}
