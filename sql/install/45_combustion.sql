-- Fuels, combustion losses and exergy (src/pg/fuel_sql.c, combustion_sql.c,
-- exergy_sql.c over src/math/combustion.c and exergy.c).
--
-- Functions that take p_fuel read the editable table thermaliq.fuels, so
-- they are STABLE (not IMMUTABLE): an index or a materialized view over
-- them would go stale when a fuel row is edited. The pure maths is
-- IMMUTABLE. All are STRICT and PARALLEL SAFE (the fuel lookup only reads).
-- p_basis is 'lhv' or 'hhv' (any case); anything else, an unknown fuel or
-- an incomplete fuel row: ERROR 22023. NaN/Infinity arguments and values
-- outside a stated range: ERROR 22003 naming the bound.

CREATE FUNCTION thermaliq.fuel_power_kw(p_fuel text, p_flow_kg_h float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'fuel_power_kw'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.fuel_power_kw(text, float8, text) IS
'Fuel power in kW of a mass flow in kg/h: p_flow_kg_h x heating value (MJ/kg, basis p_basis = ''lhv'' or ''hhv'') / 3.6. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.stoichiometric_air(p_fuel text)
RETURNS float8
AS 'MODULE_PATHNAME', 'stoichiometric_air'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.stoichiometric_air(text) IS
'Stoichiometric dry air, kg per kg fuel as fired, from the ultimate analysis: O2 = C/12.011 + H/4.032 + S/32.06 - O/31.998 kmol/kg, air = O2 x 28.966 / 0.2095 (methane: 17.24). STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.excess_air_pct(p_o2_dry_pct float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'excess_air_pct'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.excess_air_pct(float8) IS
'Excess air in % from dry flue-gas O2 in %, by the fuel-independent approximation 100 x O2 / (20.95 - O2) (exact for pure carbon; combustion_losses() gives the mass balance of the actual fuel). O2 outside [0, 20.95): ERROR 22003';

CREATE FUNCTION thermaliq.co2_kg(p_fuel text, p_energy_kwh float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'co2_kg'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.co2_kg(text, float8, text) IS
'kg CO2 from burning the fuel that delivers p_energy_kwh on basis p_basis: kWh x 3.6 / HV x carbon x 44.009/12.011. STABLE: reads thermaliq.fuels';

-- combustion_losses(): in 46_condensing.sql (its result changed in 1.1).

CREATE FUNCTION thermaliq.siegert_loss_pct(
	p_fuel text, p_flue_gas_temp_c float8, p_air_temp_c float8, p_co2_dry_pct float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'siegert_loss_pct'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.siegert_loss_pct(text, float8, float8, float8) IS
'Flue-gas loss in % of the LHV input by Siegert (1. BImSchV): (t_fg - t_air) x (A1 / CO2 + B) with the fuel''s siegert_a1/siegert_b (ERROR 22023 with a hint when NULL); CO2 in % dry, above 0 and at most the fuel''s stoichiometric CO2. STABLE: reads thermaliq.fuels';

CREATE FUNCTION thermaliq.carnot_factor(p_t_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'carnot_factor'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.carnot_factor(float8, float8) IS
'Carnot factor 1 - T0/T (temperatures in K, both > 0); negative for T below T0';

CREATE FUNCTION thermaliq.heat_exergy_kw(p_q_kw float8, p_t_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'heat_exergy_kw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.heat_exergy_kw(float8, float8, float8) IS
'Exergy in kW of a heat flow p_q_kw at constant temperature p_t_k with ambient p_t0_k: Q (1 - T0/T)';

CREATE FUNCTION thermaliq.stream_heat_exergy_kw(
	p_q_kw float8, p_t_in_k float8, p_t_out_k float8, p_t0_k float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'stream_heat_exergy_kw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.stream_heat_exergy_kw(float8, float8, float8, float8) IS
'Exergy in kW of heat p_q_kw exchanged by a stream between p_t_in_k and p_t_out_k (constant cp): Q (1 - T0/Tm), Tm = (Tin - Tout) / ln(Tin/Tout) the log-mean thermodynamic temperature (Tin when equal)';

CREATE FUNCTION thermaliq.fuel_exergy_kw(p_fuel text, p_power_kw float8, p_basis text)
RETURNS float8
AS 'MODULE_PATHNAME', 'fuel_exergy_kw'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.fuel_exergy_kw(text, float8, text) IS
'Chemical exergy in kW of a fuel input of p_power_kw on basis p_basis: P x exergy_factor_lhv on LHV, P x exergy_factor_lhv x LHV/HHV on HHV, so one fuel flow has one exergy whatever the basis (methane: 1.036 on LHV, 0.934 on HHV). STABLE: reads thermaliq.fuels';
