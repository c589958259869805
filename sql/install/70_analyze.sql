-- Plant analysis (API.md section 3, second half): thermaliq.benchmarks,
-- thermaliq.calculations, analyze(), calculate(), provenance_hash() and
-- their helpers. This file only composes: every energy comes from
-- efficiency_series / heat_balance / balance_closure (src/plant), every
-- property from the physics functions (fuels, combustion, exergy, IF97).

-- ---------------------------------------------------------------------
-- Benchmarks
-- ---------------------------------------------------------------------
CREATE TABLE thermaliq.benchmarks (
	process_type text NOT NULL CHECK (process_type <> ''),
	percentile int NOT NULL CHECK (percentile BETWEEN 0 AND 100),
	efficiency_pct float8 NOT NULL CHECK (efficiency_pct > 0 AND efficiency_pct <= 200),
	source text,
	heating_value_basis text NOT NULL DEFAULT 'hhv'
		CONSTRAINT benchmarks_heating_value_basis_valid CHECK (heating_value_basis IN ('lhv', 'hhv')),
	PRIMARY KEY (process_type, percentile)
);
COMMENT ON TABLE thermaliq.benchmarks IS
'First-law (input-output) efficiency percentiles per process_type on the stated heating_value_basis; analyze() restates the facility''s efficiency on that basis (fuel energy x HV ratio of its fuel) and interpolates its percentile linearly between rows. Editable: change the seed rows or add rows for your own process types; all rows are dumped by pg_dump';

-- benchmark_seed_rows: the shipped benchmark rows.
-- Representative fleet distributions of fuel-to-useful-heat efficiency on
-- the HHV basis of natural gas, read from public sources:
--  * US DOE/AMO, "Improving Steam System Performance: A Sourcebook for
--    Industry", 2nd ed. (2012) and Steam Tip Sheets #3/#4: typical gas-fired
--    firetube/watertube boilers 75-85 % (HHV), with economizer up to ~88 %;
--  * EN 12953 (shell boilers) / EN 303-1 (heating boilers up to 10 MW) and
--    the EU ecodesign hot-water boiler data: non-condensing 84-90 %,
--    condensing up to ~95 % (HHV equivalent);
--  * US DOE/AMO, "Improving Process Heating System Performance: A
--    Sourcebook for Industry", 3rd ed. (2015): fired heaters and furnaces
--    typically 60-85 %, best practice ~88-90 %.
-- "boiler" (the facilities default) uses the steam boiler distribution.
CREATE FUNCTION thermaliq.benchmark_seed_rows()
RETURNS SETOF thermaliq.benchmarks
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT pt, p, e, CASE
	WHEN pt IN ('steam_boiler', 'boiler') THEN 'US DOE/AMO Improving Steam System Performance sourcebook (2012), gas-fired boilers, HHV basis'
	WHEN pt = 'hot_water_boiler' THEN 'EN 303-1 / EN 12953 typical hot-water boiler efficiencies (non-condensing to condensing), HHV basis'
	ELSE 'US DOE/AMO Improving Process Heating System Performance sourcebook (2015), fired heaters, HHV basis'
	END, 'hhv'
FROM (VALUES
	('steam_boiler', 10, 74.0::float8), ('steam_boiler', 25, 78.0), ('steam_boiler', 50, 81.0),
	('steam_boiler', 75, 84.0), ('steam_boiler', 90, 87.0),
	('boiler', 10, 74.0), ('boiler', 25, 78.0), ('boiler', 50, 81.0),
	('boiler', 75, 84.0), ('boiler', 90, 87.0),
	('hot_water_boiler', 10, 78.0), ('hot_water_boiler', 25, 82.0), ('hot_water_boiler', 50, 85.0),
	('hot_water_boiler', 75, 89.0), ('hot_water_boiler', 90, 93.0),
	('process_heater', 10, 60.0), ('process_heater', 25, 67.0), ('process_heater', 50, 74.0),
	('process_heater', 75, 81.0), ('process_heater', 90, 87.0)
) AS v(pt, p, e)
$$;
COMMENT ON FUNCTION thermaliq.benchmark_seed_rows() IS
'The benchmark rows shipped with thermaliq (steam_boiler, boiler, hot_water_boiler, process_heater at percentiles 10/25/50/75/90; sources in the source column)';

INSERT INTO thermaliq.benchmarks SELECT * FROM thermaliq.benchmark_seed_rows();

-- benchmarks_replace_seed: lets pg_restore put a dumped row over the
-- identical-key seed row CREATE EXTENSION has just inserted (as for fuels).
CREATE FUNCTION thermaliq.benchmarks_replace_seed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_current thermaliq.benchmarks;
	v_seed thermaliq.benchmarks;
BEGIN
	SELECT * INTO v_current FROM thermaliq.benchmarks b
	WHERE b.process_type = NEW.process_type AND b.percentile = NEW.percentile;
	IF NOT FOUND THEN
		RETURN NEW;
	END IF;
	SELECT * INTO v_seed FROM thermaliq.benchmark_seed_rows() s
	WHERE s.process_type = NEW.process_type AND s.percentile = NEW.percentile;
	IF NOT FOUND OR v_current IS DISTINCT FROM v_seed THEN
		RETURN NEW;		-- the primary key reports the duplicate
	END IF;
	UPDATE thermaliq.benchmarks b SET efficiency_pct = NEW.efficiency_pct, source = NEW.source,
		heating_value_basis = NEW.heating_value_basis
	WHERE b.process_type = NEW.process_type AND b.percentile = NEW.percentile;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION thermaliq.benchmarks_replace_seed() IS
'Trigger function: an INSERT (or a restore COPY) of a (process_type, percentile) whose row is still the untouched seed row replaces that row instead of failing, so pg_dump can dump all rows of thermaliq.benchmarks';
CREATE TRIGGER benchmarks_replace_seed
BEFORE INSERT ON thermaliq.benchmarks
FOR EACH ROW EXECUTE FUNCTION thermaliq.benchmarks_replace_seed();
COMMENT ON TRIGGER benchmarks_replace_seed ON thermaliq.benchmarks IS
'Replaces an untouched seed row on INSERT/restore of the same key (see thermaliq.benchmarks_replace_seed)';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.benchmarks', '');

-- ---------------------------------------------------------------------
-- Calculations (stored results of calculate())
-- ---------------------------------------------------------------------
CREATE TABLE thermaliq.calculations (
	calculation_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	facility_id text NOT NULL,
	period_from timestamptz NOT NULL,
	period_to timestamptz NOT NULL,
	status text NOT NULL DEFAULT 'pending'
		CONSTRAINT calculations_status_valid CHECK (status IN ('pending', 'completed', 'failed')),
	created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz,
	result jsonb,
	provenance_hash text,
	error text,
	-- never a half-written result
	CONSTRAINT calculations_completed_whole CHECK (status <> 'completed'
		OR (result IS NOT NULL AND provenance_hash IS NOT NULL AND finished_at IS NOT NULL AND error IS NULL)),
	CONSTRAINT calculations_failed_no_result CHECK (status <> 'failed'
		OR (result IS NULL AND provenance_hash IS NULL AND error IS NOT NULL AND finished_at IS NOT NULL)),
	CONSTRAINT calculations_pending_empty CHECK (status <> 'pending' OR result IS NULL)
);
CREATE INDEX ON thermaliq.calculations (facility_id, period_from);
COMMENT ON TABLE thermaliq.calculations IS
'One row per calculate() call: pending while analyze() runs, then completed (result = analyze() output, provenance_hash) or failed (error = SQLSTATE: message, no result). facility_id has no foreign key so that the history outlives registry edits';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations_calculation_id_seq', '');

-- ---------------------------------------------------------------------
-- Options
-- ---------------------------------------------------------------------

-- analyze_default_options: every option of analyze() with its default.
CREATE FUNCTION thermaliq.analyze_default_options()
RETURNS jsonb
LANGUAGE sql
IMMUTABLE
STRICT
PARALLEL SAFE
AS $$
SELECT '{
	"energy_price_per_kwh": 0.04,
	"currency": "EUR",
	"capex": {"economizer": 60000, "combustion_tuning": 5000,
	          "insulation": 15000, "blowdown_heat_recovery": 25000},
	"uncertainty_pct": {"fuel_input": 1.0, "electric_input": 0.5,
	                    "heat_output": 2.0, "steam_output": 2.0, "hot_water_output": 2.0,
	                    "flue_gas_temperature": 2.0, "flue_gas_o2": 0.2},
	"steam_pressure_mpa": 1.0,
	"steam_supply_c": null,
	"steam_return_c": null,
	"hot_water_supply_c": 80,
	"hot_water_return_c": 60,
	"process_heat_supply_c": 150,
	"process_heat_return_c": 120,
	"target_stack_temperature_c": 120,
	"stack_k_per_pct": 22,
	"target_o2_pct": 2.0,
	"target_radiation_loss_pct": 1.0,
	"makeup_water_c": 15,
	"blowdown_recovery_fraction": 0.8,
	"expected_interval": null
}'::jsonb
$$;
COMMENT ON FUNCTION thermaliq.analyze_default_options() IS
'Defaults of analyze() options: energy_price_per_kwh (currency per kWh of fuel on the meter basis), currency, capex per opportunity, uncertainty_pct per meter role (relative %, flue_gas_temperature in K, flue_gas_o2 in %-points), steam_pressure_mpa (steam at saturation: steam_supply_c/steam_return_c NULL = if97_tsat), hot water and process heat supply/return degC, target_stack_temperature_c and stack_k_per_pct (economizer: +1 % per 22 K), target_o2_pct, target_radiation_loss_pct, makeup_water_c, blowdown_recovery_fraction, expected_interval (NULL = median sample interval)';

-- analyze_options: validates p_options (22023 naming the key) and returns
-- the options after defaults, steam temperatures resolved.
CREATE FUNCTION thermaliq.analyze_options(p_options jsonb)
RETURNS jsonb
LANGUAGE plpgsql
IMMUTABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3  -- resolved temperatures are exact in jsonb
AS $$
DECLARE
	v_def jsonb := thermaliq.analyze_default_options();
	v_opt jsonb;
	v_key text;
	v_val jsonb;
	v_sub text;
	v_subval jsonb;
	v_num float8;
	v_iv interval;
BEGIN
	IF p_options IS NULL THEN
		p_options := '{}';
	END IF;
	IF jsonb_typeof(p_options) <> 'object' THEN
		RAISE EXCEPTION 'options must be a JSON object, not %', jsonb_typeof(p_options)
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'SELECT thermaliq.analyze_default_options() lists the options and their defaults.';
	END IF;
	v_opt := v_def;
	FOR v_key, v_val IN SELECT key, value FROM jsonb_each(p_options) LOOP
		IF NOT v_def ? v_key THEN
			RAISE EXCEPTION 'unknown option "%"', v_key
				USING ERRCODE = 'invalid_parameter_value',
				HINT = 'SELECT thermaliq.analyze_default_options() lists the options and their defaults.';
		END IF;
		CASE
		WHEN v_key = 'currency' THEN
			IF jsonb_typeof(v_val) <> 'string' THEN
				RAISE EXCEPTION 'option "%" must be a string', v_key USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		WHEN v_key IN ('capex', 'uncertainty_pct') THEN
			IF jsonb_typeof(v_val) <> 'object' THEN
				RAISE EXCEPTION 'option "%" must be a JSON object', v_key
					USING ERRCODE = 'invalid_parameter_value',
					DETAIL = format('Valid keys: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_def -> v_key) k));
			END IF;
			FOR v_sub, v_subval IN SELECT key, value FROM jsonb_each(v_val) LOOP
				IF NOT (v_def -> v_key) ? v_sub THEN
					RAISE EXCEPTION 'unknown option "%.%"', v_key, v_sub
						USING ERRCODE = 'invalid_parameter_value',
						DETAIL = format('Valid keys: %s.', (SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(v_def -> v_key) k));
				END IF;
				IF jsonb_typeof(v_subval) <> 'number' OR (v_subval #>> '{}')::float8 < 0 THEN
					RAISE EXCEPTION 'option "%.%" must be a non-negative number', v_key, v_sub
						USING ERRCODE = 'invalid_parameter_value';
				END IF;
				v_opt := jsonb_set(v_opt, ARRAY[v_key, v_sub], v_subval);
			END LOOP;
		WHEN v_key = 'expected_interval' THEN
			IF jsonb_typeof(v_val) = 'string' THEN
				v_iv := thermaliq.analyze_interval(v_key, v_val #>> '{}');
			ELSIF jsonb_typeof(v_val) = 'object' THEN
				FOR v_sub, v_subval IN SELECT key, value FROM jsonb_each(v_val) LOOP
					IF jsonb_typeof(v_subval) <> 'string' THEN
						RAISE EXCEPTION 'option "%.%" must be an interval string', v_key, v_sub
							USING ERRCODE = 'invalid_parameter_value';
					END IF;
					v_iv := thermaliq.analyze_interval(v_key || '.' || v_sub, v_subval #>> '{}');
				END LOOP;
			ELSIF jsonb_typeof(v_val) <> 'null' THEN
				RAISE EXCEPTION 'option "%" must be an interval string, an object {meter_id: interval} or null', v_key
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		ELSE
			IF v_key IN ('steam_supply_c', 'steam_return_c') AND jsonb_typeof(v_val) = 'null' THEN
				CONTINUE;
			END IF;
			IF jsonb_typeof(v_val) <> 'number' THEN
				RAISE EXCEPTION 'option "%" must be a number', v_key
					USING ERRCODE = 'invalid_parameter_value',
					DETAIL = format('Got a JSON %s.', jsonb_typeof(v_val));
			END IF;
			v_num := (v_val #>> '{}')::float8;
			IF (v_key LIKE '%\_c' AND v_num <= -273.15)
			   OR (v_key IN ('energy_price_per_kwh', 'target_radiation_loss_pct') AND v_num < 0)
			   OR (v_key IN ('steam_pressure_mpa', 'stack_k_per_pct') AND v_num <= 0)
			   OR (v_key = 'target_o2_pct' AND (v_num < 0 OR v_num >= 20.9))
			   OR (v_key = 'blowdown_recovery_fraction' AND (v_num < 0 OR v_num > 1)) THEN
				RAISE EXCEPTION 'option "%" is out of range: %', v_key, v_val
					USING ERRCODE = 'invalid_parameter_value';
			END IF;
			v_opt := jsonb_set(v_opt, ARRAY[v_key], v_val);
		END CASE;
	END LOOP;

	-- Steam is delivered at saturation of steam_pressure_mpa unless given.
	IF jsonb_typeof(v_opt -> 'steam_supply_c') = 'null' THEN
		v_opt := jsonb_set(v_opt, '{steam_supply_c}', to_jsonb(
			thermaliq.if97_tsat((v_opt ->> 'steam_pressure_mpa')::float8) - 273.15));
	END IF;
	IF jsonb_typeof(v_opt -> 'steam_return_c') = 'null' THEN
		v_opt := jsonb_set(v_opt, '{steam_return_c}', v_opt -> 'steam_supply_c');
	END IF;
	FOREACH v_key IN ARRAY ARRAY['steam', 'hot_water', 'process_heat'] LOOP
		IF (v_opt ->> (v_key || '_supply_c'))::float8 < (v_opt ->> (v_key || '_return_c'))::float8 THEN
			RAISE EXCEPTION 'option "%_supply_c" must not be below "%_return_c"', v_key, v_key
				USING ERRCODE = 'invalid_parameter_value',
				DETAIL = format('Supply %s degC, return %s degC.', v_opt ->> (v_key || '_supply_c'), v_opt ->> (v_key || '_return_c'));
		END IF;
	END LOOP;
	RETURN v_opt;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_options(jsonb) IS
'Validates analyze() options (unknown key or wrong type: ERROR 22023 naming the key) and returns them merged over analyze_default_options(), steam temperatures resolved to saturation';

-- analyze_interval: parses an interval option, positive, else 22023.
CREATE FUNCTION thermaliq.analyze_interval(p_key text, p_text text)
RETURNS interval
LANGUAGE plpgsql
IMMUTABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_iv interval;
BEGIN
	BEGIN
		v_iv := p_text::interval;
	EXCEPTION WHEN invalid_datetime_format OR datetime_field_overflow OR interval_field_overflow THEN
		RAISE EXCEPTION 'option "%" is not a valid interval: "%"', p_key, p_text
			USING ERRCODE = 'invalid_parameter_value';
	END;
	IF extract(epoch FROM v_iv) <= 0 THEN
		RAISE EXCEPTION 'option "%" must be a positive interval, not "%"', p_key, p_text
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	RETURN v_iv;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_interval(text, text) IS
'Parses the interval option p_key (ERROR 22023 when invalid or not positive)';

-- ---------------------------------------------------------------------
-- Small composable pieces (each tested on its own)
-- ---------------------------------------------------------------------

-- benchmark_percentile: linear interpolation of an efficiency between the
-- benchmark rows of a process type, clamped to the rows' range.
CREATE FUNCTION thermaliq.benchmark_percentile(p_process_type text, p_efficiency_pct float8)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_p0 float8;          -- previous row
	v_e0 float8;
	v_row record;
BEGIN
	FOR v_row IN SELECT b.percentile::float8 AS p, b.efficiency_pct AS e
		FROM thermaliq.benchmarks b WHERE b.process_type = p_process_type
		ORDER BY b.percentile
	LOOP
		IF p_efficiency_pct <= v_row.e THEN
			IF v_p0 IS NULL OR v_row.e = v_e0 THEN
				RETURN coalesce(v_p0, v_row.p);
			END IF;
			RETURN v_p0 + (p_efficiency_pct - v_e0) * (v_row.p - v_p0) / (v_row.e - v_e0);
		END IF;
		v_p0 := v_row.p;
		v_e0 := v_row.e;
	END LOOP;
	RETURN v_p0;  -- above the top row (NULL when there are no rows)
END
$$;
COMMENT ON FUNCTION thermaliq.benchmark_percentile(text, float8) IS
'Percentile of an efficiency within thermaliq.benchmarks for a process type: linear between adjacent rows (ordered by percentile), clamped to the lowest/highest row; NULL when the process type has no rows';

-- efficiency_uncertainty: GUM first-order propagation for eta = U/(F+E).
CREATE FUNCTION thermaliq.efficiency_uncertainty(
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
CREATE FUNCTION thermaliq.analyze_opportunity(
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

-- analyze_mean: time-weighted mean of a facility's rate meters of one role
-- in [p_from, p_to] (good and uncertain samples), in p_unit.
CREATE FUNCTION thermaliq.analyze_mean(p_facility text, p_role text, p_unit text,
	p_from timestamptz, p_to timestamptz, p_readings regclass)
RETURNS float8
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_mean float8;
BEGIN
	EXECUTE format($q$
		SELECT avg(a) FROM (
			SELECT thermaliq.average(thermaliq.time_weight(r."timestamp",
				CASE WHEN m.unit = $4 THEN r.value ELSE thermaliq.convert(r.value, m.unit, $4) END)) AS a
			FROM thermaliq.meters m
			JOIN %s r ON r.facility_id = m.facility_id AND r.meter_id = m.meter_id
			WHERE m.facility_id = $1 AND m.role = $5 AND m.kind = 'rate'
			  AND r."timestamp" >= $2 AND r."timestamp" <= $3
			  AND r.value IS NOT NULL AND r.quality < 2
			GROUP BY m.meter_id) s$q$, p_readings)
	INTO v_mean USING p_facility, p_from, p_to, p_unit, p_role;
	RETURN v_mean;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_mean(text, text, text, timestamptz, timestamptz, regclass) IS
'Time-weighted mean (thermaliq.average of time_weight, linear) of the rate meters of one role over [p_from, p_to], converted to p_unit, quality 0/1 only; mean over meters when several; NULL without samples';

-- analyze_data_quality: completeness, bad/stale shares and gaps per meter.
CREATE FUNCTION thermaliq.analyze_data_quality(p_facility text, p_from timestamptz,
	p_to timestamptz, p_expected jsonb, p_readings regclass)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_result jsonb;
BEGIN
	EXECUTE format($q$
	WITH m AS (
		SELECT meter_id, role,
			extract(epoch FROM CASE
				WHEN jsonb_typeof($4) = 'string' THEN ($4 #>> '{}')::interval
				WHEN jsonb_typeof($4) = 'object' THEN ($4 ->> meter_id)::interval END)::float8 AS opt_s
		FROM thermaliq.meters WHERE facility_id = $1),
	r AS (
		SELECT r.meter_id, r."timestamp" AS ts, r.value, r.quality
		FROM %s r
		WHERE r.facility_id = $1 AND r."timestamp" >= $2 AND r."timestamp" < $3
		  AND r.meter_id IN (SELECT meter_id FROM m)),
	t AS (SELECT DISTINCT meter_id, ts FROM r),
	d AS (
		SELECT meter_id, extract(epoch FROM ts - lag(ts) OVER w)::float8 AS dt, false AS edge
		FROM t WINDOW w AS (PARTITION BY meter_id ORDER BY ts)),
	e AS (
		SELECT meter_id, extract(epoch FROM min(ts) - $2)::float8 AS first_s,
			extract(epoch FROM $3 - max(ts))::float8 AS last_s
		FROM t GROUP BY meter_id),
	med AS (
		SELECT meter_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY dt) AS median_s
		FROM d WHERE dt IS NOT NULL GROUP BY meter_id),
	c AS (
		SELECT meter_id, count(*) AS n,
			count(*) FILTER (WHERE value IS NOT NULL AND quality < 2) AS valid,
			count(*) FILTER (WHERE quality = 1) AS uncertain,
			count(*) FILTER (WHERE quality = 2) AS bad,
			count(*) FILTER (WHERE quality = 3) AS stale,
			count(*) FILTER (WHERE value IS NULL) AS null_values
		FROM r GROUP BY meter_id),
	x AS (
		SELECT m.meter_id, m.role, coalesce(c.n, 0) AS n, coalesce(c.valid, 0) AS valid,
			coalesce(c.uncertain, 0) AS uncertain, coalesce(c.bad, 0) AS bad,
			coalesce(c.stale, 0) AS stale, coalesce(c.null_values, 0) AS null_values,
			coalesce(m.opt_s, med.median_s) AS exp_s,
			CASE WHEN m.opt_s IS NOT NULL THEN 'option' WHEN med.median_s IS NOT NULL THEN 'median' END AS exp_src,
			e.first_s, e.last_s
		FROM m LEFT JOIN c USING (meter_id) LEFT JOIN med USING (meter_id) LEFT JOIN e USING (meter_id)),
	g AS (
		SELECT x.meter_id, count(*) AS gaps, sum(iv) AS gap_s
		FROM x CROSS JOIN LATERAL (
			SELECT dt AS iv FROM d WHERE d.meter_id = x.meter_id AND d.dt IS NOT NULL
			UNION ALL SELECT x.first_s UNION ALL SELECT x.last_s
			UNION ALL SELECT $5 WHERE x.n = 0) ivs
		WHERE ivs.iv > 2 * x.exp_s OR (x.n = 0 AND ivs.iv IS NOT NULL)
		GROUP BY x.meter_id),
	per AS (
		SELECT x.*, coalesce(g.gaps, 0) AS gaps, coalesce(g.gap_s, 0) AS gap_s,
			CASE WHEN x.n = 0 THEN 0
			     WHEN x.exp_s > 0 THEN least(100, 100 * x.valid * x.exp_s / $5) END AS completeness
		FROM x LEFT JOIN g USING (meter_id))
	SELECT jsonb_build_object(
		'completeness_pct', avg(completeness)::float8,
		'bad_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(bad) / sum(n))::float8 END,
		'stale_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(stale) / sum(n))::float8 END,
		'uncertain_pct', CASE WHEN sum(n) > 0 THEN (100 * sum(uncertain) / sum(n))::float8 END,
		'gap_count', sum(gaps)::bigint,
		'gap_seconds', sum(gap_s)::float8,
		'samples', sum(n)::bigint,
		'meters', jsonb_agg(jsonb_build_object(
			'meter_id', meter_id, 'role', role, 'samples', n, 'valid_samples', valid,
			'uncertain', uncertain, 'bad', bad, 'stale', stale, 'null_values', null_values,
			'expected_interval_s', exp_s, 'expected_interval_source', exp_src,
			'expected_samples', CASE WHEN exp_s > 0 THEN $5 / exp_s END,
			'completeness_pct', completeness,
			'bad_pct', CASE WHEN n > 0 THEN 100 * bad::float8 / n END,
			'stale_pct', CASE WHEN n > 0 THEN 100 * stale::float8 / n END,
			'gap_count', gaps, 'gap_seconds', gap_s) ORDER BY meter_id COLLATE "C"))
	FROM per$q$, p_readings)
	INTO v_result
	USING p_facility, p_from, p_to, coalesce(p_expected, 'null'::jsonb),
		extract(epoch FROM p_to - p_from)::float8;
	RETURN v_result;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_data_quality(text, timestamptz, timestamptz, jsonb, regclass) IS
'Data quality of a facility''s meters over [p_from, p_to): per meter samples, valid (value and quality 0/1), uncertain/bad/stale/NULL counts, expected interval (option, else median sample interval), completeness_pct = min(100, 100 x valid x expected / period), gaps = intervals (edges of the period included) longer than 2 x expected; overall completeness is the mean over meters';

-- ---------------------------------------------------------------------
-- Provenance
-- ---------------------------------------------------------------------

-- provenance_readings_digest: SHA-256 over the readings an analysis reads.
CREATE FUNCTION thermaliq.provenance_readings_digest(p_facility text, p_from timestamptz,
	p_to timestamptz, p_readings regclass)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_meters text[];
	v_times timestamptz[];
	v_kinds int[];
	v_lo timestamptz;
	v_hi timestamptz;
	v_digest text;
BEGIN
	-- Rows in [p_from, p_to] plus, per meter, every row at the nearest
	-- timestamp before p_from and after p_to (any sample and the nearest
	-- good one), which the integration uses to interpolate to the edges.
	-- One line per row: epoch microseconds | IEEE bits of value | quality |
	-- unit; per (meter, UTC day) a SHA-256, then a SHA-256 over those.
	-- Nothing depends on DateStyle, TimeZone, extra_float_digits or the
	-- database collation.
	--
	-- The edge timestamps are looked up within a day of the period first
	-- (a partition or two), anywhere only for the meters without one there:
	-- the same timestamps, planned over few partitions.
	EXECUTE format($q$
	SELECT array_agg(m.meter_id ORDER BY m.meter_id, t.k), array_agg(t.ts ORDER BY m.meter_id, t.k),
		array_agg(t.k ORDER BY m.meter_id, t.k)
	FROM thermaliq.meters m
	CROSS JOIN LATERAL (VALUES
		(1, (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" < $2 AND r."timestamp" >= $2 - interval '1 day')),
		(2, (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" < $2 AND r."timestamp" >= $2 - interval '1 day'
			AND r.value IS NOT NULL AND r.quality < 2)),
		(3, (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" > $3 AND r."timestamp" <= $3 + interval '1 day')),
		(4, (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
			AND r."timestamp" > $3 AND r."timestamp" <= $3 + interval '1 day'
			AND r.value IS NOT NULL AND r.quality < 2))) AS t(k, ts)
	WHERE m.facility_id = $1 AND t.ts IS NOT NULL$q$, p_readings)
	INTO v_meters, v_times, v_kinds USING p_facility, p_from, p_to;
	-- Edges not found within a day: search anywhere, (meter, kind) by
	-- (meter, kind); a CASE runs only the subquery of the missing kind.
	IF coalesce(cardinality(v_kinds), 0) < 4 * (SELECT count(*) FROM thermaliq.meters WHERE facility_id = p_facility) THEN
	EXECUTE format($q$
	SELECT coalesce($4, '{}') || coalesce(array_agg(meter_id), '{}'),
		coalesce($5, '{}') || coalesce(array_agg(ts), '{}')
	FROM (SELECT m.meter_id, CASE k.k
			WHEN 1 THEN (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" < $2 - interval '1 day')
			WHEN 2 THEN (SELECT max(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" < $2 - interval '1 day' AND r.value IS NOT NULL AND r.quality < 2)
			WHEN 3 THEN (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" > $3 + interval '1 day')
			ELSE (SELECT min(r."timestamp") FROM %1$s r WHERE r.facility_id = $1 AND r.meter_id = m.meter_id
				AND r."timestamp" > $3 + interval '1 day' AND r.value IS NOT NULL AND r.quality < 2) END AS ts
		FROM thermaliq.meters m CROSS JOIN generate_series(1, 4) AS k(k)
		WHERE m.facility_id = $1
		  AND NOT EXISTS (SELECT 1 FROM unnest($4, $6) AS w(meter_id, k)
			WHERE w.meter_id = m.meter_id AND w.k = k.k)) e
	WHERE ts IS NOT NULL$q$, p_readings)
	INTO v_meters, v_times USING p_facility, p_from, p_to, v_meters, v_times, v_kinds;
	END IF;
	-- The same row may be the edge of two kinds; DISTINCT keeps one lookup.
	SELECT array_agg(meter_id ORDER BY meter_id, ts), array_agg(ts ORDER BY meter_id, ts)
	INTO v_meters, v_times
	FROM (SELECT DISTINCT meter_id, ts FROM unnest(v_meters, v_times) AS u(meter_id, ts)) d;
	SELECT least(min(t), p_from), greatest(max(t), p_to) INTO v_lo, v_hi FROM unnest(v_times) t;

	EXECUTE format($q$
	WITH rows AS (
		SELECT r.meter_id, r."timestamp", r.value, r.quality, r.unit
		FROM %1$s r
		WHERE r.facility_id = $1 AND r."timestamp" >= $2 AND r."timestamp" <= $3
		  AND r.meter_id IN (SELECT meter_id FROM thermaliq.meters WHERE facility_id = $1)
		UNION ALL
		SELECT r.meter_id, r."timestamp", r.value, r.quality, r.unit
		FROM unnest($4::text[], $5::timestamptz[]) AS e(meter_id, ts)
		JOIN %1$s r ON r.facility_id = $1 AND r.meter_id = e.meter_id AND r."timestamp" = e.ts
		WHERE r."timestamp" >= $6 AND r."timestamp" <= $7),
	enc AS (
		SELECT meter_id, (extract(epoch FROM "timestamp") * 1000000)::bigint AS us, value, quality, unit
		FROM rows),
	chunk AS (
		SELECT meter_id, floor(us / 86400000000.0)::bigint AS day,
			sha256(convert_to(string_agg(
				us::text || '|' || coalesce(encode(float8send(value), 'hex'), 'null') || '|'
				|| quality::text || '|' || unit,
				E'\n' ORDER BY us, value, quality, unit COLLATE "C"), 'UTF8')) AS h
		FROM enc GROUP BY meter_id, floor(us / 86400000000.0)::bigint)
	SELECT encode(sha256(convert_to(coalesce(string_agg(
		to_jsonb(meter_id)::text || '|' || day::text || '|' || encode(h, 'hex'),
		E'\n' ORDER BY meter_id COLLATE "C", day), ''), 'UTF8')), 'hex')
	FROM chunk$q$, p_readings)
	INTO v_digest USING p_facility, p_from, p_to, v_meters, v_times, v_lo, v_hi;
	RETURN v_digest;
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_readings_digest(text, timestamptz, timestamptz, regclass) IS
'SHA-256 (hex) of the readings an analysis of [p_from, p_to] reads (registered meters, plus the nearest samples before and after): per row epoch microseconds, IEEE-754 bits of value, quality, unit; per (meter, UTC day) digests combined in meter_id (C collation) and day order';

-- analyze_constants: the constants an analysis depends on.
CREATE FUNCTION thermaliq.analyze_constants()
RETURNS jsonb
LANGUAGE sql
STABLE
STRICT
PARALLEL SAFE
AS $$
SELECT jsonb_build_object(
	'extension', 'thermaliq',
	'extversion', (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'thermaliq'),
	'water_steam', 'IAPWS-IF97 (2007 revision)',
	'kelvin_offset', 273.15,
	'coverage_factor', 2,
	'hours_per_year', 8766,
	'gap_factor', 2,
	'provenance_encoding', 'thermaliq-provenance-v1')
$$;
COMMENT ON FUNCTION thermaliq.analyze_constants() IS
'Constants of analyze(): extension version, water/steam formulation, Kelvin offset, GUM coverage factor, hours per year for annual savings, gap factor, provenance encoding version';

-- provenance_hash_resolved: the hash from options already resolved.
CREATE FUNCTION thermaliq.provenance_hash_resolved(p_facility text, p_from timestamptz,
	p_to timestamptz, p_options jsonb, p_readings regclass)
RETURNS text
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
SET DateStyle = 'ISO, YMD'
SET IntervalStyle = 'postgres'
SET TimeZone = 'UTC'
AS $$
DECLARE
	v_doc text;
BEGIN
	-- float8 values inside jsonb print in the shortest exact form
	-- (extra_float_digits > 0), keys are sorted by jsonb itself.
	SELECT concat_ws(E'\n',
		'thermaliq-provenance-v1',
		'constants=' || thermaliq.analyze_constants()::text,
		'period=' || (extract(epoch FROM p_from) * 1000000)::bigint::text || '/'
			|| (extract(epoch FROM p_to) * 1000000)::bigint::text,
		'options=' || p_options::text,
		'facility=' || coalesce((SELECT to_jsonb(f) FROM thermaliq.facilities f
			WHERE f.facility_id = p_facility)::text, 'null'),
		'meters=' || coalesce((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.meter_id COLLATE "C")
			FROM thermaliq.meters m WHERE m.facility_id = p_facility)::text, '[]'),
		'facility_settings=' || coalesce((SELECT to_jsonb(s) FROM thermaliq.facility_settings s
			WHERE s.facility_id = p_facility)::text, 'null'),
		'meter_settings=' || coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s.meter_id COLLATE "C")
			FROM thermaliq.meter_settings s WHERE s.facility_id = p_facility)::text, '[]'),
		'fuels=' || coalesce((SELECT jsonb_agg(to_jsonb(f) ORDER BY f.fuel_id COLLATE "C")
			FROM thermaliq.fuels f WHERE f.fuel_id IN (SELECT m.fuel_id FROM thermaliq.meters m
				WHERE m.facility_id = p_facility))::text, '[]'),
		'benchmarks=' || coalesce((SELECT jsonb_agg(to_jsonb(b) ORDER BY b.percentile)
			FROM thermaliq.benchmarks b JOIN thermaliq.facilities f ON f.process_type = b.process_type
			WHERE f.facility_id = p_facility)::text, '[]'),
		'readings=' || thermaliq.provenance_readings_digest(p_facility, p_from, p_to, p_readings))
	INTO v_doc;
	RETURN encode(sha256(convert_to(v_doc, 'UTF8')), 'hex');
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash_resolved(text, timestamptz, timestamptz, jsonb, regclass) IS
'Provenance hash from options already passed through analyze_options(): SHA-256 of constants, period, options, facility row, meter rows, facility_settings and meter_settings rows, fuel rows, benchmark rows and the readings digest';

-- provenance_hash: SHA-256 (hex) of every input of analyze().
CREATE FUNCTION thermaliq.provenance_hash(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS text
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
AS $$
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	RETURN thermaliq.provenance_hash_resolved(p_facility, p_from, p_to,
		thermaliq.analyze_options(p_options), p_readings);
END
$$;
COMMENT ON FUNCTION thermaliq.provenance_hash(text, timestamptz, timestamptz, jsonb, regclass) IS
'SHA-256 (hex) of a canonical encoding of every input of analyze(): readings digest (rows of the period plus edge samples; epoch microseconds, IEEE bits), facility, meter, facility_settings, meter_settings, fuel and benchmark rows, constants with extversion, options after defaults. Independent of server settings: same inputs, same hash on any server';

-- ---------------------------------------------------------------------
-- analyze and calculate
-- ---------------------------------------------------------------------

-- analyze: the whole efficiency report of one facility and period as jsonb.
CREATE FUNCTION thermaliq.analyze(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
SET extra_float_digits = 3
AS $$
DECLARE
	v_opt jsonb;
	v_fac thermaliq.facilities;
	v_hours float8;
	v_t0_k float8;
	v_basis text;
	v_fuel text;          -- fuel used for CO2 and combustion losses
	v_fuel_meters int;
	v_F float8;
	v_E float8;
	v_U float8;
	v_I float8;
	v_cov float8;
	v_qual float8;
	v_eta float8;
	v_hb jsonb;
	v_closure jsonb;
	v_loss float8;
	v_losses jsonb;
	v_eta_hl float8;
	v_rad float8;
	v_me jsonb;           -- per-meter energies
	v_exF float8;
	v_exU float8;
	v_eta2 float8;
	v_streams jsonb;
	v_bench jsonb;
	v_pct float8;
	v_bbasis text;        -- heating value basis of the benchmark rows
	v_eta_b float8;       -- input-output efficiency restated on that basis
	v_unc jsonb;
	v_upct jsonb;
	v_urel_U float8;
	v_urel_XU float8;
	v_urel1 float8;
	v_urel2 float8;
	v_u_hl float8;
	v_tfg float8;
	v_o2 float8;
	v_tair float8;
	v_co float8;
	v_bd float8;
	v_opps jsonb := '[]';
	v_target float8;
	v_gain float8;
	v_l0 float8;
	v_l1 float8;
	v_price float8;
	v_capex jsonb;
	v_qbd float8;
	v_dq jsonb;
	v_inputs jsonb;
	v_hash text;
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	IF NOT isfinite(p_from) OR NOT isfinite(p_to) THEN
		RAISE EXCEPTION 'p_from and p_to must be finite'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_to <= p_from THEN
		RAISE EXCEPTION 'p_to must be later than p_from'
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = format('p_from is %s, p_to is %s.', p_from, p_to);
	END IF;
	v_opt := thermaliq.analyze_options(p_options);
	SELECT * INTO v_fac FROM thermaliq.facilities WHERE facility_id = p_facility;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown facility "%"', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register it in thermaliq.facilities.';
	END IF;
	SELECT count(*), min(heating_value_basis), count(DISTINCT heating_value_basis)
	INTO v_fuel_meters, v_basis, v_pct
	FROM thermaliq.meters WHERE facility_id = p_facility AND role = 'fuel_input';
	IF v_fuel_meters = 0 THEN
		RAISE EXCEPTION 'facility "%" has no fuel_input meter', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register the fuel meter in thermaliq.meters with role fuel_input, its fuel_id and heating_value_basis.';
	END IF;
	IF v_pct > 1 THEN
		RAISE EXCEPTION 'fuel meters of facility "%" mix heating value bases', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = 'An efficiency is stated on one basis; thermaliq never mixes bases silently.';
	END IF;
	v_hours := extract(epoch FROM p_to - p_from)::float8 / 3600;
	v_t0_k := v_fac.ambient_temperature_c + 273.15;
	v_price := (v_opt ->> 'energy_price_per_kwh')::float8;
	v_capex := v_opt -> 'capex';

	-- Energies of the whole period: one bucket of efficiency_series.
	SELECT sum(s.fuel_input_kwh), sum(s.electric_input_kwh), sum(s.useful_output_kwh),
		avg(s.coverage_pct), avg(s.quality_pct)
	INTO v_F, v_E, v_U, v_cov, v_qual
	FROM thermaliq.efficiency_series(p_facility, p_from, p_to,
		make_interval(secs => extract(epoch FROM p_to - p_from)::float8), p_readings) s;
	v_F := coalesce(v_F, 0);
	v_E := coalesce(v_E, 0);
	v_U := coalesce(v_U, 0);
	IF v_F <= 0 THEN
		RAISE EXCEPTION 'no fuel input for facility "%" between % and %', p_facility, p_from, p_to
			USING ERRCODE = 'no_data_found',
			HINT = 'Check the fuel meter''s readings for the period.';
	END IF;
	v_I := v_F + v_E;
	v_eta := 100 * v_U / v_I;

	-- Heat balance and closure, as heat_balance/balance_closure give them.
	SELECT coalesce(jsonb_agg(jsonb_build_object('category', h.category, 'stream', h.stream,
		'energy_kwh', h.energy_kwh, 'share_pct', h.share_pct) ORDER BY h.o), '[]') INTO v_hb
	FROM thermaliq.heat_balance(p_facility, p_from, p_to, p_readings)
		WITH ORDINALITY AS h(category, stream, energy_kwh, share_pct, o);
	SELECT to_jsonb(c) INTO v_closure
	FROM thermaliq.balance_closure(p_facility, p_from, p_to, p_readings) c;

	-- Heat-loss method: 100 - sum of loss rows as % of fuel input.
	SELECT sum((x ->> 'energy_kwh')::float8),
		jsonb_agg(jsonb_build_object('stream', x ->> 'stream', 'energy_kwh', (x ->> 'energy_kwh')::float8,
			'pct_of_fuel', 100 * (x ->> 'energy_kwh')::float8 / v_F)),
		sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'stream' ~* '(radiation|surface|casing|shell|convection)')
	INTO v_loss, v_losses, v_rad
	FROM jsonb_array_elements(v_hb) x WHERE x ->> 'category' = 'loss';
	-- Without flue-gas losses (no flue-gas meters) there is no heat-loss result.
	v_eta_hl := CASE WHEN v_hb @> '[{"category": "loss", "stream": "dry_flue_gas"}]'
		THEN 100 - 100 * v_loss / v_F END;

	-- Per-meter energies: a group's total when it has one meter, else the
	-- heat_balance row whose stream is the meter_id (NULL when absent).
	WITH m AS (
		SELECT meter_id, role, fuel_id, heating_value_basis AS basis,
			CASE WHEN role = 'fuel_input' THEN 'input' WHEN role = 'electric_input' THEN 'electric'
				ELSE 'output' END AS grp
		FROM thermaliq.meters
		WHERE facility_id = p_facility
		  AND role IN ('fuel_input', 'electric_input', 'heat_output', 'steam_output', 'hot_water_output')),
	n AS (SELECT grp, count(*) AS k FROM m GROUP BY grp),
	hb AS (SELECT x ->> 'category' AS cat, x ->> 'stream' AS stream, (x ->> 'energy_kwh')::float8 AS e
		FROM jsonb_array_elements(v_hb) x)
	SELECT jsonb_agg(jsonb_build_object('meter_id', m.meter_id, 'role', m.role, 'fuel_id', m.fuel_id,
		'basis', m.basis, 'energy_kwh',
		CASE WHEN n.k = 1 THEN CASE m.grp WHEN 'input' THEN v_F WHEN 'electric' THEN v_E ELSE v_U END
		ELSE (SELECT hb.e FROM hb WHERE hb.stream = m.meter_id
			AND hb.cat = CASE m.grp WHEN 'output' THEN 'output' ELSE 'input' END LIMIT 1) END)
		ORDER BY m.meter_id COLLATE "C")
	INTO v_me
	FROM m JOIN n USING (grp);

	-- Fuel for CO2 and combustion: the fuel meter with most energy.
	SELECT x ->> 'fuel_id' INTO v_fuel FROM jsonb_array_elements(v_me) x
	WHERE x ->> 'role' = 'fuel_input'
	ORDER BY (x ->> 'energy_kwh')::float8 DESC NULLS LAST, x ->> 'meter_id' LIMIT 1;

	-- Second law: exergy out / exergy in, dead state = facility ambient.
	SELECT sum(thermaliq.fuel_exergy_kw(x ->> 'fuel_id', (x ->> 'energy_kwh')::float8, x ->> 'basis'))
		+ CASE WHEN bool_or(x ->> 'energy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_exF
	FROM jsonb_array_elements(v_me) x WHERE x ->> 'role' = 'fuel_input';
	SELECT jsonb_agg(s.j || jsonb_build_object('exergy_kwh', CASE WHEN s.e IS NOT NULL THEN
			CASE WHEN s.ts = s.tr THEN thermaliq.heat_exergy_kw(s.e, s.ts + 273.15, v_t0_k)
			ELSE thermaliq.stream_heat_exergy_kw(s.e, s.ts + 273.15, s.tr + 273.15, v_t0_k) END END)
		ORDER BY s.j ->> 'meter_id')
	INTO v_streams
	FROM (SELECT jsonb_build_object('meter_id', x ->> 'meter_id', 'role', x ->> 'role',
			'energy_kwh', (x ->> 'energy_kwh')::float8,
			'supply_c', (v_opt ->> (t.p || '_supply_c'))::float8,
			'return_c', (v_opt ->> (t.p || '_return_c'))::float8) AS j,
			(x ->> 'energy_kwh')::float8 AS e,
			(v_opt ->> (t.p || '_supply_c'))::float8 AS ts,
			(v_opt ->> (t.p || '_return_c'))::float8 AS tr
		FROM jsonb_array_elements(v_me) x
		CROSS JOIN LATERAL (SELECT CASE x ->> 'role' WHEN 'steam_output' THEN 'steam'
			WHEN 'hot_water_output' THEN 'hot_water' ELSE 'process_heat' END AS p) t
		WHERE x ->> 'role' IN ('heat_output', 'steam_output', 'hot_water_output')) s;
	SELECT sum((x ->> 'exergy_kwh')::float8)
		+ CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_exU FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	IF v_streams IS NULL THEN
		v_exU := 0;
	END IF;
	v_eta2 := CASE WHEN v_exF + v_E > 0 THEN 100 * v_exU / (v_exF + v_E) END;

	-- Benchmark, on the benchmark rows' basis: the same useful heat over
	-- the fuel energy restated with each fuel's HV ratio (never compare an
	-- LHV efficiency with HHV benchmarks).
	SELECT min(b.heating_value_basis), count(DISTINCT b.heating_value_basis)
	INTO v_bbasis, v_pct
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type;
	IF v_pct > 1 THEN
		RAISE EXCEPTION 'benchmarks of process type "%" mix heating value bases', v_fac.process_type
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Give every thermaliq.benchmarks row of a process type the same heating_value_basis.';
	END IF;
	IF v_bbasis IS NULL OR v_bbasis = v_basis THEN
		v_eta_b := v_eta;
	ELSE
		SELECT 100 * v_U / (sum((x ->> 'energy_kwh')::float8
				* CASE v_bbasis WHEN 'hhv' THEN f.hhv_mj_kg / f.lhv_mj_kg ELSE f.lhv_mj_kg / f.hhv_mj_kg END)
			+ v_E)
		INTO v_eta_b
		FROM jsonb_array_elements(v_me) x
		JOIN thermaliq.fuels f ON f.fuel_id = x ->> 'fuel_id'
		WHERE x ->> 'role' = 'fuel_input';
	END IF;
	v_pct := thermaliq.benchmark_percentile(v_fac.process_type, v_eta_b);
	SELECT jsonb_build_object('process_type', v_fac.process_type,
		'efficiency_pct', v_eta_b,
		'heating_value_basis', v_bbasis,
		'percentile', v_pct,
		'position', CASE WHEN v_pct IS NULL THEN NULL
			WHEN v_eta_b < min(b.efficiency_pct) THEN 'below_range'
			WHEN v_eta_b > max(b.efficiency_pct) THEN 'above_range' ELSE 'within_range' END,
		'method', 'linear interpolation between adjacent percentile rows, clamped to the range',
		'rows', coalesce(jsonb_agg(jsonb_build_object('percentile', b.percentile,
			'efficiency_pct', b.efficiency_pct, 'source', b.source) ORDER BY b.percentile), '[]'))
	INTO v_bench
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type;

	-- Mean combustion conditions for the opportunities and the heat-loss
	-- uncertainty.
	v_tfg := thermaliq.analyze_mean(p_facility, 'flue_gas_temperature', 'degC', p_from, p_to, p_readings);
	v_o2 := thermaliq.analyze_mean(p_facility, 'flue_gas_o2', '%', p_from, p_to, p_readings);
	v_tair := coalesce(thermaliq.analyze_mean(p_facility, 'combustion_air_temperature', 'degC', p_from, p_to, p_readings),
		v_fac.ambient_temperature_c);
	v_co := coalesce(thermaliq.analyze_mean(p_facility, 'flue_gas_co', 'ppm', p_from, p_to, p_readings), 0);
	v_bd := thermaliq.analyze_mean(p_facility, 'blowdown_flow', 'kg/h', p_from, p_to, p_readings);

	-- Economizer: +1 % per stack_k_per_pct K down to the target stack
	-- temperature (US DOE Steam Tip #3: 1 % per 40 degF).
	IF v_tfg IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'economizer', 'applicable', false,
			'reason', 'no flue_gas_temperature meter with readings', 'savings_kwh', 0));
	ELSE
		v_gain := greatest(0, v_tfg - (v_opt ->> 'target_stack_temperature_c')::float8)
			/ (v_opt ->> 'stack_k_per_pct')::float8;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('economizer', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'economizer')::float8, v_fuel, v_basis,
			jsonb_build_object('flue_gas_temperature_c', v_tfg,
				'target_stack_temperature_c', (v_opt ->> 'target_stack_temperature_c')::float8,
				'rule', format('+1 %% efficiency per %s K flue-gas temperature reduction', v_opt ->> 'stack_k_per_pct'),
				'reason', CASE WHEN v_gain > 0 THEN 'flue-gas temperature above the target stack temperature'
					ELSE 'flue-gas temperature at or below the target stack temperature' END)));
	END IF;

	-- Combustion tuning: losses at the measured O2 minus losses at target O2.
	IF v_o2 IS NULL OR v_tfg IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'combustion_tuning', 'applicable', false,
			'reason', 'needs flue_gas_o2 and flue_gas_temperature meters with readings', 'savings_kwh', 0));
	ELSE
		IF v_o2 > (v_opt ->> 'target_o2_pct')::float8 THEN
			SELECT total_pct INTO v_l0 FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, v_o2, v_co, v_basis);
			SELECT total_pct INTO v_l1 FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair,
				(v_opt ->> 'target_o2_pct')::float8, v_co, v_basis);
			v_gain := greatest(0, v_l0 - v_l1);
		ELSE
			v_l0 := NULL; v_l1 := NULL; v_gain := 0;
		END IF;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('combustion_tuning', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'combustion_tuning')::float8, v_fuel, v_basis,
			jsonb_build_object('flue_gas_o2_pct', v_o2, 'target_o2_pct', (v_opt ->> 'target_o2_pct')::float8,
				'flue_gas_temperature_c', v_tfg, 'combustion_air_temperature_c', v_tair, 'flue_gas_co_ppm', v_co,
				'losses_now_pct', v_l0, 'losses_at_target_pct', v_l1,
				'rule', 'combustion_losses() total at the measured O2 minus at the target O2, same temperatures',
				'reason', CASE WHEN v_gain > 0 THEN 'flue-gas O2 above target' ELSE 'flue-gas O2 at or below target' END)));
	END IF;

	-- Insulation: radiation/surface loss rows of heat_balance above target.
	IF v_rad IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'insulation', 'applicable', false,
			'reason', 'heat_balance has no radiation/surface loss row', 'savings_kwh', 0));
	ELSE
		v_gain := greatest(0, 100 * v_rad / v_F - (v_opt ->> 'target_radiation_loss_pct')::float8);
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('insulation', v_eta, v_eta + v_gain,
			v_I, v_hours, v_price, (v_capex ->> 'insulation')::float8, v_fuel, v_basis,
			jsonb_build_object('radiation_loss_pct', 100 * v_rad / v_F,
				'target_radiation_loss_pct', (v_opt ->> 'target_radiation_loss_pct')::float8,
				'rule', 'efficiency gain = radiation loss % of fuel - target %',
				'reason', CASE WHEN v_gain > 0 THEN 'surface losses above target' ELSE 'surface losses at or below target' END)));
	END IF;

	-- Blowdown heat recovery: saturated liquid at steam pressure down to
	-- make-up water temperature, blowdown_recovery_fraction recovered.
	IF v_bd IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'blowdown_heat_recovery', 'applicable', false,
			'reason', 'no blowdown_flow meter with readings', 'savings_kwh', 0));
	ELSE
		v_qbd := v_bd * v_hours
			* ((thermaliq.if97_px((v_opt ->> 'steam_pressure_mpa')::float8, 0)).h
			   - (thermaliq.if97_pt(0.101325, (v_opt ->> 'makeup_water_c')::float8 + 273.15)).h) / 3600
			* (v_opt ->> 'blowdown_recovery_fraction')::float8;
		v_target := CASE WHEN v_qbd > 0 AND v_qbd < v_U THEN v_eta * v_U / (v_U - v_qbd) END;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('blowdown_heat_recovery', v_eta,
			coalesce(v_target, v_eta), v_I, v_hours, v_price, (v_capex ->> 'blowdown_heat_recovery')::float8,
			v_fuel, v_basis,
			jsonb_build_object('blowdown_kg', v_bd * v_hours, 'recovered_heat_kwh', v_qbd,
				'rule', 'target = eta x U / (U - recovered heat): recovered heat displaces fuel at the current efficiency',
				'reason', CASE WHEN v_target IS NOT NULL THEN 'blowdown heat can be recovered' ELSE 'no recoverable blowdown heat' END)));
	END IF;

	-- Uncertainty (GUM, k = 2): instruments of one role fully correlated,
	-- roles independent; relative percentages from options.
	v_upct := v_opt -> 'uncertainty_pct';
	SELECT CASE WHEN bool_or(x ->> 'energy_kwh' IS NULL) OR v_U <= 0 THEN
			max((v_upct ->> (x ->> 'role'))::float8) / 100
		ELSE sqrt(sum(((x ->> 'energy_kwh')::float8 * (v_upct ->> (x ->> 'role'))::float8 / 100) ^ 2)) / v_U END
	INTO v_urel_U
	FROM (SELECT x, x ->> 'role' AS role FROM jsonb_array_elements(v_me) x) y(x, role)
	WHERE role IN ('heat_output', 'steam_output', 'hot_water_output')
	GROUP BY ();
	SELECT CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) OR v_exU <= 0 THEN
			max((v_upct ->> (x ->> 'role'))::float8) / 100
		ELSE sqrt(sum(((x ->> 'exergy_kwh')::float8 * (v_upct ->> (x ->> 'role'))::float8 / 100) ^ 2)) / v_exU END
	INTO v_urel_XU
	FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	v_urel1 := thermaliq.efficiency_uncertainty(v_U, v_urel_U, v_F, (v_upct ->> 'fuel_input')::float8 / 100,
		v_E, (v_upct ->> 'electric_input')::float8 / 100);
	v_urel2 := thermaliq.efficiency_uncertainty(v_exU, v_urel_XU, v_exF, (v_upct ->> 'fuel_input')::float8 / 100,
		v_E, (v_upct ->> 'electric_input')::float8 / 100);
	-- Heat-loss method: sensitivities of combustion_losses() to flue-gas
	-- temperature (+-1 K) and O2 (+-0.1 %-point) at the mean conditions.
	IF v_eta_hl IS NOT NULL AND v_tfg IS NOT NULL AND v_o2 IS NOT NULL THEN
		SELECT sqrt(
			(((SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg + 1, v_tair, v_o2, v_co, v_basis))
			 - (SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg - 1, v_tair, v_o2, v_co, v_basis))) / 2
			 * (v_upct ->> 'flue_gas_temperature')::float8) ^ 2
			+ (((SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, v_o2 + 0.1, v_co, v_basis))
			 - (SELECT total_pct FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, greatest(v_o2 - 0.1, 0), v_co, v_basis)))
			 / (v_o2 + 0.1 - greatest(v_o2 - 0.1, 0))
			 * (v_upct ->> 'flue_gas_o2')::float8) ^ 2)
		INTO v_u_hl;
	END IF;
	v_unc := jsonb_build_object(
		'method', 'GUM (JCGM 100:2008) first-order propagation; meters of one role fully correlated, roles independent',
		'coverage_factor', 2,
		'instrument_uncertainty_pct', v_upct,
		'first_law_input_output', jsonb_build_object('efficiency_pct', v_eta,
			'relative_standard_uncertainty', v_urel1,
			'standard_uncertainty_pct', v_eta * v_urel1,
			'expanded_uncertainty_pct', 2 * v_eta * v_urel1),
		'first_law_heat_loss', jsonb_build_object('efficiency_pct', v_eta_hl,
			'standard_uncertainty_pct', v_u_hl,
			'expanded_uncertainty_pct', 2 * v_u_hl,
			'inputs', 'flue_gas_temperature (K), flue_gas_o2 (%-points) through combustion_losses()'),
		'second_law', jsonb_build_object('efficiency_pct', v_eta2,
			'relative_standard_uncertainty', v_urel2,
			'standard_uncertainty_pct', v_eta2 * v_urel2,
			'expanded_uncertainty_pct', 2 * v_eta2 * v_urel2));

	-- Data quality.
	v_dq := thermaliq.analyze_data_quality(p_facility, p_from, p_to, v_opt -> 'expected_interval', p_readings)
		|| jsonb_build_object('series_coverage_pct', v_cov, 'series_quality_pct', v_qual);

	v_inputs := jsonb_build_object(
		'facility', to_jsonb(v_fac),
		'meters', (SELECT jsonb_agg(to_jsonb(m) ORDER BY m.meter_id COLLATE "C")
			FROM thermaliq.meters m WHERE m.facility_id = p_facility),
		'fuels', (SELECT coalesce(jsonb_agg(to_jsonb(f) ORDER BY f.fuel_id COLLATE "C"), '[]')
			FROM thermaliq.fuels f WHERE f.fuel_id IN (SELECT m.fuel_id FROM thermaliq.meters m
				WHERE m.facility_id = p_facility)),
		'facility_settings', (SELECT to_jsonb(s) FROM thermaliq.facility_settings s
			WHERE s.facility_id = p_facility),
		'meter_settings', (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.meter_id COLLATE "C"), '[]')
			FROM thermaliq.meter_settings s WHERE s.facility_id = p_facility),
		'period', jsonb_build_object('from', p_from, 'to', p_to, 'hours', v_hours),
		'readings', p_readings::text,
		'options', v_opt,
		'constants', thermaliq.analyze_constants());
	v_hash := thermaliq.provenance_hash_resolved(p_facility, p_from, p_to, v_opt, p_readings);

	RETURN jsonb_build_object(
		'facility_id', p_facility,
		'period', v_inputs -> 'period',
		'inputs', v_inputs,
		'energy', jsonb_build_object('fuel_input_kwh', v_F, 'electric_input_kwh', v_E,
			'useful_output_kwh', v_U, 'input_kwh', v_I, 'heating_value_basis', v_basis,
			'meters', v_me),
		'first_law', jsonb_build_object(
			'input_output_efficiency_pct', v_eta,
			'heat_loss_efficiency_pct', v_eta_hl,
			'heating_value_basis', v_basis,
			'losses', coalesce(v_losses, '[]'),
			'loss_kwh', v_loss),
		'second_law', jsonb_build_object(
			'efficiency_pct', v_eta2,
			'dead_state_k', v_t0_k,
			'fuel_exergy_kwh', v_exF,
			'electric_exergy_kwh', v_E,
			'input_exergy_kwh', v_exF + v_E,
			'output_exergy_kwh', v_exU,
			'streams', coalesce(v_streams, '[]')),
		'heat_balance', jsonb_build_object('rows', v_hb, 'closure', v_closure),
		'benchmark', v_bench,
		'opportunities', v_opps,
		'opportunity_totals', (SELECT jsonb_build_object(
			'savings_kwh', sum((o ->> 'savings_kwh')::float8),
			'cost_savings', sum((o ->> 'cost_savings')::float8),
			'co2_savings_kg', sum((o ->> 'co2_savings_kg')::float8),
			'currency', v_opt ->> 'currency',
			'note', 'upper bound: opportunities interact and are not strictly additive')
			FROM jsonb_array_elements(v_opps) o WHERE (o ->> 'applicable')::boolean),
		'uncertainty', v_unc,
		'data_quality', v_dq,
		'provenance_hash', v_hash);
END
$$;
COMMENT ON FUNCTION thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass) IS
'Efficiency report of a facility over [p_from, p_to) as jsonb: facility_id, period, inputs (facility row, meters, fuels, period, readings table, options after defaults, constants), energy (efficiency_series totals and per-meter energies), first_law (input_output_efficiency_pct = 100 U/(F+E); heat_loss_efficiency_pct = 100 - heat_balance loss rows as % of fuel), second_law (exergy out / exergy in, fuel_exergy_kw on the meter basis, stream_heat_exergy_kw at supply/return temperatures, dead state = facility ambient), heat_balance (rows, closure), benchmark (percentile interpolated in thermaliq.benchmarks), opportunities (economizer, combustion_tuning, insulation, blowdown_heat_recovery: savings_kwh = input x (1 - current/target), cost, payback, CO2), opportunity_totals, uncertainty (GUM, k = 2), data_quality, provenance_hash. Options: see analyze_default_options()';

-- calculate: runs analyze() and stores the outcome in thermaliq.calculations.
CREATE FUNCTION thermaliq.calculate(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_result jsonb;
	v_state text;
	v_msg text;
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status)
	VALUES (p_facility, p_from, p_to, 'pending')
	RETURNING calculation_id INTO v_id;
	BEGIN
		-- A subtransaction: whatever analyze() did is undone on error.
		v_result := thermaliq.analyze(p_facility, p_from, p_to, p_options, p_readings);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
		UPDATE thermaliq.calculations
		SET status = 'failed', finished_at = clock_timestamp(), error = v_state || ': ' || v_msg
		WHERE calculation_id = v_id;
		RETURN v_id;
	END;
	UPDATE thermaliq.calculations
	SET status = 'completed', finished_at = clock_timestamp(), result = v_result,
		provenance_hash = v_result ->> 'provenance_hash'
	WHERE calculation_id = v_id;
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass) IS
'Runs analyze() in a subtransaction and stores it in thermaliq.calculations: completed with result and provenance_hash, or failed with error = "SQLSTATE: message" and no result; returns calculation_id';
