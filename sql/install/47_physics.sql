-- The 1.1 plant physics as scalar functions (src/pg/physics_sql.c over
-- src/math/shell.c, steam.c, uncertainty.c) and the uncertainty budget
-- that analyze() reports. Functions only (CREATE OR REPLACE): the update
-- 1.0--1.1 re-runs this piece (sql/upgrade/1.0--1.1/91_physics.use).

CREATE OR REPLACE FUNCTION thermaliq.radiation_loss_pct(
	p_rated_loss_pct float8, p_rated_load float8, p_load float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'radiation_loss_pct'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.radiation_loss_pct(float8, float8, float8) IS
'Radiation and convection loss of a boiler casing at a load, % of fuel input, after the ABMA radiation loss chart (a constant heat flow, so the share goes as 1/load): p_rated_loss_pct x p_rated_load / p_load (loads in one measure, e.g. kW of fuel; rated loss within [0, 20] %, loads positive, ERROR 22003 otherwise)';

CREATE OR REPLACE FUNCTION thermaliq.surface_loss_kw(
	p_area_m2 float8, p_surface_temp_c float8, p_air_temp_c float8, p_emissivity float8 DEFAULT 0.9)
RETURNS float8
AS 'MODULE_PATHNAME', 'surface_loss_kw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.surface_loss_kw(float8, float8, float8, float8) IS
'Heat lost by a casing surface, kW: A [1.31 dT^(4/3) + eps sigma (Ts^4 - Ta^4)] / 1000 (free convection in air, ASHRAE simplified turbulent form, and grey-body radiation to surroundings at the air temperature; cf. ASME PTC 4-2013 5-14); 0 when the surface is not warmer than the air; surface within [-50, 600] degC, air within [-50, 100] degC, emissivity within [0, 1]';

CREATE OR REPLACE FUNCTION thermaliq.water_heat_flow(
	p_flow_kg_h float8, p_kind text, p_out_mpa float8, p_out_temp_c float8,
	p_in_temp_c float8, p_t0_c float8, p_in_mpa float8 DEFAULT NULL)
RETURNS TABLE(heat_kw float8, exergy_kw float8, h_out float8, s_out float8, h_in float8, s_in float8)
AS 'MODULE_PATHNAME', 'water_heat_flow'
LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE ROWS 1;
COMMENT ON FUNCTION thermaliq.water_heat_flow(float8, text, float8, float8, float8, float8, float8) IS
'Useful heat and exergy (kW) of a mass flow (kg/h) by IAPWS-IF97: heat = m (h_out - h_in), exergy = m ((h_out - h_in) - T0 (s_out - s_in)), T0 = p_t0_c. p_kind ''steam'': outlet at (p_out_mpa, p_out_temp_c), saturated vapour at p_out_mpa when p_out_temp_c is NULL (a temperature more than 0.5 K below saturation: ERROR 22003); ''water'': liquid at p_out_temp_c (compressed at p_out_mpa when given, else saturated liquid). Inlet: liquid at p_in_temp_c and p_in_mpa (default p_out_mpa). NULL flow, kind, inlet or dead-state temperature: NULL; unknown kind: ERROR 22023';

CREATE OR REPLACE FUNCTION thermaliq.standard_uncertainty(p_stated float8, p_kind text)
RETURNS float8
AS 'MODULE_PATHNAME', 'standard_uncertainty'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.standard_uncertainty(float8, text) IS
'Standard uncertainty (JCGM 100:2008 4.3) of an uncertainty stated as p_kind: ''standard'' as is, ''rectangular'' (a data-sheet limit +-a) a/sqrt(3), ''triangular'' a/sqrt(6), ''normal95'' (a 95 % interval) a/1.96, ''expanded_k2'' U/2; unknown kind ERROR 22023, negative or NaN ERROR 22003';

CREATE OR REPLACE FUNCTION thermaliq.uncertainty_combine(
	p_sensitivity float8[], p_u_systematic float8[], p_u_random float8[], p_group int[])
RETURNS float8[]
AS 'MODULE_PATHNAME', 'uncertainty_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.uncertainty_combine(float8[], float8[], float8[], int[]) IS
'Combined standard uncertainty of a budget (JCGM 100:2008 5.2, ASME PTC 19.1): systematic standard uncertainties of terms in one group (>= 1) fully correlated (added linearly), groups, group-0 terms and all random parts independent; returns {u_c, u_systematic, u_random, share of u_c^2 of each term}; arrays of equal length without NULLs';

-- uncertainty_budget: the budget table of analyze(). p_terms is an array of
-- {"name", "sensitivity", "uncertainty", "kind", "random", "random_kind",
-- "group", "unit", "source"}; uncertainty/random as stated in their kinds.
CREATE OR REPLACE FUNCTION thermaliq.uncertainty_budget(p_terms jsonb)
RETURNS jsonb
-- C (src/plant/uncertainty_report.c), the one implementation that
-- analyze_uncertainty's budgets use too; each term is read as ->> and
-- ::float8 read it and returned as term || {kind, u_systematic, u_random,
-- group, contribution, share_pct}, numbers as jsonb_build_object writes a
-- float8 (the plpgsql it replaces gave the same text)
AS 'MODULE_PATHNAME', 'uncertainty_budget'
LANGUAGE C
IMMUTABLE
STRICT
PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.uncertainty_budget(jsonb) IS
'Uncertainty budget table: p_terms is a JSON array of {name, sensitivity (d result / d input, default 1), uncertainty (systematic, as stated), kind (standard, rectangular, triangular, normal95, expanded_k2; default standard), random, random_kind, group (correlation group of the systematic part, 0 = independent), unit, source}; returns the method, the correlation model applied, coverage_factor 2, standard_uncertainty, expanded_uncertainty (U95 = 2 u_c), systematic and random parts, and each term with its standard uncertainties, contribution |c| u and share_pct of u_c^2 (shares add to 100)';

CREATE OR REPLACE FUNCTION thermaliq.output_streams(
	p_facility text,
	p_from timestamptz,
	p_to timestamptz,
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(meter_id text, role text, metered_as text, energy_kwh float8, exergy_kwh float8)
AS 'MODULE_PATHNAME', 'output_streams'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.output_streams(text, timestamptz, timestamptz, regclass) IS
'Useful-output meters of a facility over [p_from, p_to) over the common coverage (as heat_balance): metered_as ''heat'' (kW/kWh readings) or ''mass_flow'' (kg/h, t/h, lb/h or a mass counter, turned into heat by IAPWS-IF97 from the steam_pressure, steam_temperature, feedwater_temperature, supply_temperature and return_temperature meters at every flow sample), energy_kwh, and for mass flows exergy_kwh = integral of m ((h_out - h_in) - T0 (s_out - s_in)) with T0 from the ambient_temperature meter, else facilities.ambient_temperature_c (NULL for heat-metered outputs)';
