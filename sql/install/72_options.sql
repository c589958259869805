-- The options of analyze(): defaults and validation.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- Options
-- ---------------------------------------------------------------------

-- analyze_default_options: every option of analyze() with its default.
CREATE OR REPLACE FUNCTION thermaliq.analyze_default_options()
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
	                    "flue_gas_temperature": 2.0, "flue_gas_o2": 0.2,
	                    "combustion_air_temperature": 1.0, "heating_value": 1.0,
	                    "stratification_k": 5.0, "stratification_o2": 0.2,
	                    "composition_points": 0.1, "radiation_fraction": 50,
	                    "humidity_rh": 10},
	"uncertainty_kind": "rectangular",
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
'Defaults of analyze() options: energy_price_per_kwh (currency per kWh of fuel on the meter basis), currency, capex per opportunity, uncertainty_pct per meter role (relative %, flue_gas_temperature and combustion_air_temperature in K, flue_gas_o2 in %-points) and for the heat-loss assumptions (heating_value %, stratification_k K, stratification_o2 %-points, composition_points, radiation_fraction % of the casing loss, humidity_rh %RH), uncertainty_kind (how those instrument figures are stated: rectangular data-sheet limits by default, or standard, triangular, normal95, expanded_k2), steam_pressure_mpa (steam at saturation: steam_supply_c/steam_return_c NULL = if97_tsat), hot water and process heat supply/return degC, target_stack_temperature_c and stack_k_per_pct (economizer: +1 % per 22 K), target_o2_pct, target_radiation_loss_pct, makeup_water_c, blowdown_recovery_fraction, expected_interval (NULL = median sample interval)';

-- analyze_options: validates p_options (22023 naming the key) and returns
-- the options after defaults, steam temperatures resolved.
CREATE OR REPLACE FUNCTION thermaliq.analyze_options(p_options jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE  -- its casts (text to interval, float8 to text) are STABLE
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
		WHEN v_key IN ('currency', 'uncertainty_kind') THEN
			IF jsonb_typeof(v_val) <> 'string' THEN
				RAISE EXCEPTION 'option "%" must be a string', v_key USING ERRCODE = 'invalid_parameter_value';
			END IF;
			IF v_key = 'uncertainty_kind' THEN
				PERFORM thermaliq.standard_uncertainty(1, v_val #>> '{}');  -- 22023 for an unknown kind
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
CREATE OR REPLACE FUNCTION thermaliq.analyze_interval(p_key text, p_text text)
RETURNS interval
LANGUAGE plpgsql
STABLE  -- text to interval is STABLE (IntervalStyle)
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

-- analyze_check_period: the period analyze() accepts, checked by analyze()
-- and, before anything is queued, by enqueue().
CREATE OR REPLACE FUNCTION thermaliq.analyze_check_period(p_from timestamptz, p_to timestamptz)
RETURNS void
LANGUAGE plpgsql
STABLE  -- the message prints timestamps (TimeZone, DateStyle)
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT isfinite(p_from) OR NOT isfinite(p_to) THEN
		RAISE EXCEPTION 'p_from and p_to must be finite'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_to <= p_from THEN
		RAISE EXCEPTION 'p_to must be later than p_from'
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = format('p_from is %s, p_to is %s.', p_from, p_to);
	END IF;
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_check_period(timestamptz, timestamptz) IS
'Raises 22023 unless p_from and p_to are finite and p_to is later than p_from: the period analyze() and enqueue() accept';
