-- The composable parts of analyze(), each tested on its own.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- Small composable pieces (each tested on its own)
-- ---------------------------------------------------------------------

-- benchmark_percentile: linear interpolation of an efficiency between the
-- benchmark rows of a process type's group for any fuel, non-condensing
-- (1.1: the group form is in 48_benchmark_groups.sql).
CREATE OR REPLACE FUNCTION thermaliq.benchmark_percentile(p_process_type text, p_efficiency_pct float8)
RETURNS float8
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT thermaliq.benchmark_percentile(p_process_type, 'any', false, p_efficiency_pct)
$$;
COMMENT ON FUNCTION thermaliq.benchmark_percentile(text, float8) IS
'Percentile of an efficiency within thermaliq.benchmarks for a process type, in its group for any fuel, non-condensing (fuel_class ''any'', condensing false): linear between adjacent rows (ordered by percentile), clamped to the lowest/highest row; NULL when there are no such rows';

-- efficiency_uncertainty: GUM first-order propagation for eta = U/(F+E).
CREATE OR REPLACE FUNCTION thermaliq.efficiency_uncertainty(
	p_useful float8, p_u_rel_useful float8,
	p_fuel float8, p_u_rel_fuel float8,
	p_electric float8, p_u_rel_electric float8)
RETURNS float8
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT CASE WHEN p_useful > 0 AND p_fuel + p_electric > 0 THEN
	sqrt(p_u_rel_useful ^ 2
	     + (p_fuel * p_u_rel_fuel) ^ 2 / (p_fuel + p_electric) ^ 2
	     + (p_electric * p_u_rel_electric) ^ 2 / (p_fuel + p_electric) ^ 2)
END
$$;
COMMENT ON FUNCTION thermaliq.efficiency_uncertainty(float8, float8, float8, float8, float8, float8) IS
'Relative standard uncertainty of eta = U/(F+E) (GUM, uncorrelated): sqrt(u_rel(U)^2 + (F u_rel(F))^2/(F+E)^2 + (E u_rel(E))^2/(F+E)^2); relative uncertainties as fractions';

-- analyze_opportunity: one improvement opportunity as JSON, savings by
-- savings_kwh = input x (1 - current/target).
CREATE OR REPLACE FUNCTION thermaliq.analyze_opportunity(
	p_name text, p_current_pct float8, p_target_pct float8,
	p_input_kwh float8, p_hours float8, p_price float8, p_capex float8,
	p_fuel text, p_basis text, p_detail jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_savings float8;
	v_cost float8;
	v_annual float8;
BEGIN
	IF p_target_pct IS NULL OR p_current_pct IS NULL OR p_target_pct <= p_current_pct OR p_input_kwh IS NULL THEN
		RETURN jsonb_build_object('name', p_name, 'applicable', false,
			'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
			'savings_kwh', 0, 'cost_savings', 0, 'annual_cost_savings', 0,
			'capex', p_capex, 'payback_years', NULL, 'co2_savings_kg', 0) || coalesce(p_detail, '{}');
	END IF;
	v_savings := p_input_kwh * (1 - p_current_pct / p_target_pct);
	v_cost := v_savings * p_price;
	v_annual := v_cost * 8766 / p_hours;
	RETURN jsonb_build_object('name', p_name, 'applicable', true,
		'current_efficiency_pct', p_current_pct, 'target_efficiency_pct', p_target_pct,
		'savings_kwh', v_savings, 'cost_savings', v_cost, 'annual_cost_savings', v_annual,
		'capex', p_capex,
		'payback_years', CASE WHEN v_annual > 0 THEN p_capex / v_annual END,
		'co2_savings_kg', CASE WHEN p_fuel IS NOT NULL THEN thermaliq.co2_kg(p_fuel, v_savings, p_basis) END)
		|| coalesce(p_detail, '{}');
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_opportunity(text, float8, float8, float8, float8, float8, float8, text, text, jsonb) IS
'One improvement opportunity: savings_kwh = input_kwh x (1 - current/target), cost_savings = savings_kwh x price, annual_cost_savings scaled to 8766 h, payback_years = capex / annual_cost_savings, co2_savings_kg = co2_kg(fuel, savings_kwh, basis); not applicable (zeros) unless target > current';

-- analyze_mean: the mean combustion condition of one role that analyze()
-- uses, from analyze_read (fuel-power weighted as heat_balance), in p_unit.
CREATE OR REPLACE FUNCTION thermaliq.analyze_mean(p_facility text, p_role text, p_unit text,
	p_from timestamptz, p_to timestamptz, p_readings regclass)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_key text;
	v_unit text;
	v_mean float8;
BEGIN
	SELECT k, u INTO v_key, v_unit FROM (VALUES
		('flue_gas_temperature', 'flue_gas_temperature_c', 'degC'),
		('flue_gas_o2', 'flue_gas_o2_pct', '%'),
		('combustion_air_temperature', 'combustion_air_temperature_c', 'degC'),
		('flue_gas_co', 'flue_gas_co_ppm', 'ppm'),
		('blowdown_flow', 'blowdown_kg_h', 'kg/h'),
		('steam_pressure', 'steam_pressure_mpa', 'MPa'),
		('ambient_humidity', 'ambient_humidity_pct', '%')) r(role, k, u)
	WHERE r.role = p_role;
	IF NOT EXISTS (SELECT 1 FROM thermaliq.meters WHERE facility_id = p_facility AND role = p_role) THEN
		RETURN NULL;
	END IF;
	IF v_key IS NULL THEN
		-- other rate roles (supply_temperature, ...): the
		-- time-weighted mean over [p_from, p_to), each finite usable row
		-- converted by its own unit
		EXECUTE format($q$
			SELECT avg(a) FROM (
				SELECT thermaliq.average(thermaliq.time_weight(r."timestamp",
					CASE WHEN r.unit = $4 THEN r.value ELSE thermaliq.convert(r.value, r.unit, $4) END)) AS a
				FROM thermaliq.meters m
				JOIN %s r ON r.facility_id = m.facility_id AND r.meter_id = m.meter_id
				WHERE m.facility_id = $1 AND m.role = $5 AND m.kind = 'rate'
				  AND r."timestamp" >= $2 AND r."timestamp" < $3
				  AND r.value IS NOT NULL AND r.value NOT IN ('NaN', 'Infinity', '-Infinity') AND r.quality < 2
				GROUP BY m.meter_id) s$q$, p_readings)
		INTO v_mean USING p_facility, p_from, p_to, p_unit, p_role;
		RETURN v_mean;
	END IF;
	v_mean := (thermaliq.analyze_read(p_facility, p_from, p_to, NULL, p_readings) #>> ARRAY['conditions', v_key])::float8;
	RETURN CASE WHEN v_mean IS NULL OR v_unit = p_unit THEN v_mean ELSE thermaliq.convert(v_mean, v_unit, p_unit) END;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_mean(text, text, text, timestamptz, timestamptz, regclass) IS
'The mean of the meters of one role that analyze() uses over [p_from, p_to), converted to p_unit: flue_gas_temperature, flue_gas_o2, combustion_air_temperature, flue_gas_co from analyze_read, weighted by fuel power over the common coverage as heat_balance; blowdown_flow time-weighted over its covered time; steam_pressure and ambient_humidity (also from analyze_read) and any other rate role time-weighted over the samples inside the period, averaged over the meters; NULL without a meter of the role or without overlap';

-- analyze_data_quality: completeness, bad/stale shares and gaps per meter,
-- from analyze_read.
CREATE OR REPLACE FUNCTION thermaliq.analyze_data_quality(p_facility text, p_from timestamptz,
	p_to timestamptz, p_expected jsonb, p_readings regclass)
RETURNS jsonb
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
SELECT thermaliq.analyze_read(p_facility, p_from, p_to, thermaliq.analyze_expected_seconds(p_expected), p_readings)
	-> 'data_quality'
$$;
COMMENT ON FUNCTION thermaliq.analyze_data_quality(text, timestamptz, timestamptz, jsonb, regclass) IS
'Data quality of a facility''s meters over [p_from, p_to), from analyze_read: per meter samples, valid (finite value, quality 0/1), uncertain/bad/stale/NULL/non-finite counts, expected interval (option, else median sample interval), completeness_pct = min(100, 100 x valid x expected / period), gaps = intervals (edges of the period included) longer than 2 x expected, uncovered_hours of each energy meter; gap_meters = the energy meters that miss time with their hours; overall completeness is the mean over meters';
