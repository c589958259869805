-- The 1.1 combustion physics (src/pg/combustion_sql.c over
-- src/math/combustion.c): the heat-loss method with the water dew point
-- and condensation, and the humidity of the combustion air.
-- Functions only (CREATE OR REPLACE): the update 1.0--1.1 drops the 1.0
-- combustion_losses (its result type changed) and re-runs this piece
-- (sql/upgrade/1.0--1.1/90_combustion_losses.sql, 91_physics.use).

CREATE OR REPLACE FUNCTION thermaliq.combustion_losses(
	p_fuel text, p_flue_gas_temp_c float8, p_air_temp_c float8, p_o2_dry_pct float8,
	p_co_ppm float8 DEFAULT 0, p_basis text DEFAULT 'hhv', p_air_humidity_pct float8 DEFAULT 0)
RETURNS TABLE(dry_flue_gas_pct float8, moisture_pct float8, co_pct float8,
	total_pct float8, combustion_efficiency_pct float8, excess_air_pct float8,
	dew_point_c float8, condensed_fraction float8)
AS 'MODULE_PATHNAME', 'combustion_losses'
LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION thermaliq.combustion_losses(text, float8, float8, float8, float8, text, float8) IS
'Heat-loss method, one row, percentages of the fuel input on basis p_basis: dry flue gas (mass balance of the ultimate analysis at the measured dry O2 and CO, NASA ideal-gas enthalpies from air to flue-gas temperature), moisture (water from H and fuel moisture; on HHV including the 2442 kJ/kg latent heat, on LHV sensible only: same useful heat on both bases; below the dew point less the latent heat h_fg(T_fg) of the condensed water, credited on both bases, so moisture_pct may be negative and combustion_efficiency_pct above 100 on LHV), CO (282.98 MJ/kmol), total, combustion efficiency = 100 - total, the excess air of that mass balance, dew_point_c (IF97 saturation temperature of the water partial pressure at 101.325 kPa; NULL without water or below 0 degC) and condensed_fraction (share of the flue-gas water leaving as liquid at the flue-gas temperature, 0 above the dew point). p_air_humidity_pct (1.1, default 0: dry air) is the relative humidity of the combustion air at p_air_temp_c: its water (air_humidity_ratio) adds a sensible loss on both bases and raises the dew point; unburnt carbon in ash neglected; temperatures in degC within [-50, 1500], flue gas not colder than the air. STABLE: reads thermaliq.fuels';

CREATE OR REPLACE FUNCTION thermaliq.air_humidity_ratio(
	p_air_temp_c float8, p_rh_pct float8, p_pressure_kpa float8 DEFAULT 101.325)
RETURNS float8
AS 'MODULE_PATHNAME', 'air_humidity_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.air_humidity_ratio(float8, float8, float8) IS
'Humidity ratio of moist air, kg water per kg dry air: 0.62193 x phi psat(T) / (p - phi psat(T)), psat over liquid water (IAPWS-IF97 from 0.01 degC, supercooled water by WMO-No. 8 Annex 4.B from -45 degC: relative humidity is stated over water, as hygrometers state it), air temperature in degC within [-45, 100], relative humidity in % within [0, 100], pressure in kPa (ERROR 22003 outside; e.g. 35 degC, 100 %: 0.03658)';
