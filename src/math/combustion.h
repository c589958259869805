/*
 * combustion.h
 *		Fuels and combustion: heating values on either basis, stoichiometric
 *		air, excess air, CO2, and the heat-loss method (dry flue gas,
 *		moisture, CO) from a mass balance of the fuel's ultimate analysis.
 *
 * Pure C (no postgres.h). A caller fills a TqFuel (the SQL glue does it
 * from thermaliq.fuels; plant code may do it from anywhere) and calls the
 * functions below; every function that can fail returns TQ_OK or an
 * error status and fills a TqError (math/errors.h), which the glue's one
 * reporter turns into ereport: TQ_ERR_INVALID 22023, TQ_ERR_RANGE 22003.
 *
 * Units: heating values MJ/kg, mass fractions as fired (0..1), mass flow
 * kg/h, power kW, energy kWh, temperatures degC (combustion) or K (exergy),
 * gas concentrations in percent or ppm by volume of DRY flue gas.
 */
#ifndef THERMALIQ_COMBUSTION_H
#define THERMALIQ_COMBUSTION_H

#include "math/errors.h"

/* Heating-value basis: every energy number says which one it is on */
typedef enum TqBasis
{
	TQ_BASIS_LHV = 0,
	TQ_BASIS_HHV = 1
} TqBasis;

/*
 * A fuel: heating values and the as-fired ultimate analysis (mass
 * fractions summing to 1 +- 0.005). Optional values are NaN when unknown
 * (exergy_factor_lhv, siegert_a1, siegert_b).
 */
typedef struct TqFuel
{
	const char *fuel_id;		/* for messages only; may be NULL */
	double		hhv_mj_kg;
	double		lhv_mj_kg;
	double		carbon;
	double		hydrogen;
	double		oxygen;
	double		nitrogen;
	double		sulfur;
	double		moisture;
	double		ash;
	double		exergy_factor_lhv;	/* chemical exergy / LHV, or NaN */
	double		siegert_a1;		/* 1. BImSchV CO2 formula, or NaN */
	double		siegert_b;
} TqFuel;

/* Inputs of the heat-loss method */
typedef struct TqCombustionInput
{
	double		flue_gas_temp_c;	/* at the boiler outlet */
	double		air_temp_c;			/* combustion air (also the reference) */
	double		o2_dry_pct;			/* measured O2, % by volume, dry */
	double		co_ppm;				/* measured CO, ppm by volume, dry */
	TqBasis		basis;				/* basis of the percentages */
} TqCombustionInput;

/* Results of the heat-loss method, per kg of fuel as fired */
typedef struct TqCombustionLosses
{
	/* the SQL result row: percentages of the fuel input on the basis */
	double		dry_flue_gas_pct;
	double		moisture_pct;
	double		co_pct;
	double		total_pct;
	double		combustion_efficiency_pct;
	double		excess_air_pct;		/* from the mass balance, not 21/(21-O2) */
	/* the mass balance behind it, for plant calculations */
	double		o2_stoich_kmol_kg;	/* O2 demand for complete combustion */
	double		air_kg_kg;			/* dry air actually supplied */
	double		dry_flue_gas_kmol_kg;
	double		dry_flue_gas_kg_kg;
	double		water_kg_kg;		/* H2O from hydrogen + fuel moisture */
	double		co2_dry_pct;		/* CO2 in dry flue gas (computed) */
	double		loss_dry_kj_kg;		/* sensible heat of dry gas */
	double		loss_moisture_kj_kg;	/* on the requested basis */
	double		loss_co_kj_kg;
	/* condensing (1.1): water dew point and the condensed part */
	double		dew_point_c;		/* NaN when the flue gas holds no water */
	double		condensed_fraction; /* of all flue-gas water, 0 above dew point */
	double		p_h2o_kpa;			/* partial pressure of water, all as vapour */
	double		humidity_kg_kg;		/* water brought by the air, kg/kg fuel */
	double		condensed_kg_kg;	/* water leaving as liquid, kg/kg fuel */
	double		hfg_kj_kg;			/* latent heat at the flue-gas temperature */
	double		moisture_sensible_kj_kg;	/* all water as vapour, air -> flue gas */
	double		latent_fuel_kj_kg;	/* 2442 x fuel water: in the loss on HHV only */
	double		latent_credit_kj_kg;	/* condensed x hfg, credited on both bases */
} TqCombustionLosses;

/*
 * Combustion air and flue-gas pressure (1.1). A NULL TqAirState, or zeros,
 * means dry air at 101.325 kPa: the 1.0 results above the dew point.
 */
typedef struct TqAirState
{
	double		humidity_kg_kg;		/* kg water per kg dry air (>= 0) */
	double		pressure_kpa;		/* flue-gas total pressure; 0 = 101.325 */
} TqAirState;

#define TQ_P_ATM_KPA		101.325
#define TQ_H2O_PER_AIR		(18.015 / TQ_AIR_M)	/* M_H2O / M_air = 0.62193 */

/* Constants shared by the seed data, the tests and the README */
#define TQ_HFG_25C_KJ_KG	2442.0	/* latent heat of water at 25 degC */
#define TQ_H2O_PER_H		(18.015 / 2.016)	/* kg water per kg hydrogen */
#define TQ_AIR_O2			0.2095	/* mole fraction O2 in dry air */
/* kg/kmol of dry air: N2 .7808, O2 .2095, Ar .0093, CO2 .0004 (28.96603) */
#define TQ_AIR_M			(0.7808 * 28.014 + 0.2095 * 31.998 + 0.0093 * 39.948 + 0.0004 * 44.009)
#define TQ_CO_HEAT_KJ_KMOL	282980.0	/* CO + 1/2 O2 -> CO2, 25 degC */
#define TQ_M_CO2			44.009
#define TQ_M_C				12.011

/* Species of the flue gas with NASA polynomials */
typedef enum TqSpecies
{
	TQ_SP_N2, TQ_SP_O2, TQ_SP_CO2, TQ_SP_H2O, TQ_SP_CO, TQ_SP_AR, TQ_SP_SO2
} TqSpecies;

/* Parses "lhv"/"hhv" (any case); returns TQ_ERR_INVALID otherwise */
extern int	tq_basis_parse(const char *text, TqBasis *basis, TqError *err);

/* Name of a basis: "lhv" or "hhv" */
extern const char *tq_basis_name(TqBasis basis);

/* Checks a fuel: finite values, fractions in [0,1] summing to 1 +- 0.005, 0 < LHV <= HHV */
extern int	tq_fuel_check(const TqFuel *fuel, TqError *err);

/* Heating value on a basis, MJ/kg */
extern double tq_fuel_hv(const TqFuel *fuel, TqBasis basis);

/* LHV implied by HHV and the analysis: HHV - 2.442 (8.936 H + moisture) */
extern double tq_lhv_from_hhv(double hhv_mj_kg, double hydrogen, double moisture);

/* Fuel power in kW from a mass flow in kg/h: flow x HV / 3.6 */
extern int	tq_fuel_power_kw(const TqFuel *fuel, double flow_kg_h, TqBasis basis,
							 double *power_kw, TqError *err);

/* O2 demand for complete combustion, kmol per kg fuel */
extern double tq_stoich_o2_kmol_kg(const TqFuel *fuel);

/* Stoichiometric dry air, kg per kg fuel */
extern int	tq_stoich_air_kg_kg(const TqFuel *fuel, double *air, TqError *err);

/* Simple excess air 100 O2 / (20.95 - O2) from dry O2 in %, O2 in [0, 20.95) */
extern int	tq_excess_air_simple_pct(double o2_dry_pct, double *excess_pct, TqError *err);

/* kg CO2 emitted to deliver energy_kwh of fuel energy on a basis */
extern int	tq_co2_kg(const TqFuel *fuel, double energy_kwh, TqBasis basis,
					  double *co2_kg, TqError *err);

/* kg CO2 per GJ of LHV from the carbon content */
extern double tq_co2_kg_per_gj_lhv(const TqFuel *fuel);

/* Maximum (stoichiometric) CO2 in dry flue gas, percent */
extern double tq_co2_max_dry_pct(const TqFuel *fuel);

/* H(t2_k) - H(t1_k) of an ideal-gas species, kJ/kmol (200..6000 K) */
extern double tq_species_dh_kj_kmol(TqSpecies species, double t1_k, double t2_k);

/* The heat-loss method: mass balance, losses and combustion efficiency */
extern int	tq_combustion_losses(const TqFuel *fuel, const TqCombustionInput *in,
								 TqCombustionLosses *out, TqError *err);

/*
 * The heat-loss method with humid air and a flue-gas pressure: air water
 * joins the flue-gas water; below the water dew point the condensed part
 * leaves as liquid and its latent heat at the flue-gas temperature (IF97)
 * is credited (see combustion.c). air may be NULL (dry, 101.325 kPa).
 */
extern int	tq_combustion_losses_air(const TqFuel *fuel, const TqCombustionInput *in,
									 const TqAirState *air, TqCombustionLosses *out,
									 TqMathError *err);

/*
 * Humidity ratio (kg water per kg dry air) of air at t_c with relative
 * humidity rh_pct (0..100, over water) at p_kpa: 0.62193 phi psat / (p -
 * phi psat), psat by IF97 from 0.01 to 100 degC, over supercooled water
 * (WMO-No. 8) from TQ_HUMID_AIR_MIN_C to 0.01 degC.
 */
#define TQ_HUMID_AIR_MIN_C	(-45.0)
extern int	tq_humidity_ratio(double t_c, double rh_pct, double p_kpa,
							  double *omega, TqMathError *err);

/*
 * The combustion air of a heat balance: dry when rh_pct is NaN, not above 0,
 * or the air colder than TQ_HUMID_AIR_MIN_C; else humid (tq_humidity_ratio)
 */
extern int	tq_combustion_air(double t_c, double rh_pct, TqAirState *air, TqMathError *err);

/* Siegert flue-gas loss (t_fg - t_air) (A1 / CO2 + B), % of LHV input */
extern int	tq_siegert_loss_pct(const TqFuel *fuel, double flue_gas_temp_c,
								double air_temp_c, double co2_dry_pct,
								double *loss_pct, TqError *err);

/* Combustion temperature limits, degC (NASA polynomials: 200 K and up) */
#define TQ_COMB_T_MIN_C		(-50.0)
#define TQ_COMB_T_MAX_C		1500.0

#endif
