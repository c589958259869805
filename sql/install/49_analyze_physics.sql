-- The uncertainty budgets of analyze() (issue 14: JCGM 100 / ASME PTC 19.1).
-- Functions only (CREATE OR REPLACE): the update 1.0--1.1 re-runs this
-- piece (sql/upgrade/1.0--1.1/91_physics.use).

-- analyze_uncertainty: the budget tables of the two first-law methods.
-- Input-output (gross efficiency eta = 100 U / (F + E), PTC 4), per
-- meter: sensitivity c = 100 / (F + E) for an output, -100 U / (F + E)^2
-- for a fuel or electric meter; the stated uncertainty is the option
-- uncertainty_pct of its role x its energy, of kind uncertainty_kind
-- (default rectangular: a data-sheet limit, u = a / sqrt 3); meters of one
-- role share a correlation group (their systematic parts are fully
-- correlated). Heating value: c = -100 U F / (F + E)^2 per relative error
-- of the HV, when a fuel meter reads a mass or volume. Heat-loss method
-- (eta = 100 - losses): sensitivities of combustion_losses() by central
-- differences at the mean conditions, for flue-gas temperature, O2, air
-- temperature; assumption terms (all limits, rectangular): stratification
-- of temperature and O2 across the duct (PTC 4 grid traverse), radiation
-- (radiation_fraction % of the casing loss), air humidity (a meter or
-- setting: humidity_rh %RH; unknown: the loss between dry and saturated
-- air), fuel composition (composition_points), heating value (L x u_HV).
-- Random parts of the integrated energies are taken as negligible (the
-- mean of thousands of samples); the budget carries the column.
CREATE OR REPLACE FUNCTION thermaliq.analyze_uncertainty(
	p_facility text, p_me jsonb, p_fuel_kwh float8, p_electric_kwh float8, p_useful_kwh float8,
	p_opt jsonb, p_comb jsonb)
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_u jsonb := p_opt -> 'uncertainty_pct';
	v_kind text := coalesce(p_opt ->> 'uncertainty_kind', 'rectangular');
	v_I float8 := p_fuel_kwh + p_electric_kwh;
	v_terms jsonb := '[]';
	v_hl jsonb := '[]';
	v_io jsonb;
	v_hlb jsonb;
	v_fuel text := p_comb ->> 'fuel';
	v_basis text := p_comb ->> 'basis';
	v_t float8 := (p_comb ->> 'flue_gas_temp_c')::float8;
	v_ta float8 := (p_comb ->> 'air_temp_c')::float8;
	v_o2 float8 := (p_comb ->> 'o2_pct')::float8;
	v_co float8 := coalesce((p_comb ->> 'co_ppm')::float8, 0);
	v_rh float8 := (p_comb ->> 'rh_pct')::float8;
	v_L float8;
	v_dT float8;
	v_dO2 float8;
	v_dTa float8;
	v_dRH float8;
	v_by_mass boolean;
BEGIN
	-- p_me is analyze()'s list of meter energies; anything else is refused
	-- here, not by whichever plan (custom or generic) the query below gets:
	-- a NULL uncertainty_pct folds its WHERE to false in a custom plan only
	IF jsonb_typeof(p_me) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'p_me must be a JSON array of meter energies, not %', coalesce(jsonb_typeof(p_me), 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF v_I > 0 AND p_useful_kwh > 0 THEN
		SELECT coalesce(jsonb_agg(jsonb_build_object(
				'name', x ->> 'meter_id', 'quantity', x ->> 'role', 'unit', 'kWh',
				'value', (x ->> 'energy_kwh')::float8,
				'sensitivity', CASE WHEN x ->> 'role' IN ('fuel_input', 'electric_input')
					THEN -100 * p_useful_kwh / v_I ^ 2 ELSE 100 / v_I END,
				'uncertainty', (v_u ->> (x ->> 'role'))::float8 / 100 * (x ->> 'energy_kwh')::float8,
				'kind', v_kind,
				'group', CASE x ->> 'role' WHEN 'fuel_input' THEN 1 WHEN 'electric_input' THEN 2
					WHEN 'heat_output' THEN 3 WHEN 'steam_output' THEN 4 ELSE 5 END,
				'source', format('instrument: uncertainty_pct.%s = %s %% of reading', x ->> 'role', v_u ->> (x ->> 'role')))
				ORDER BY x ->> 'meter_id'), '[]')
		INTO v_terms
		FROM jsonb_array_elements(p_me) x
		WHERE x ->> 'energy_kwh' IS NOT NULL AND v_u ? (x ->> 'role');
		SELECT bool_or(thermaliq.unit_dimension(m.unit) IN ('mass flow', 'volume flow', 'mass', 'volume'))
		INTO v_by_mass
		FROM thermaliq.meters m WHERE m.facility_id = p_facility AND m.role = 'fuel_input';
		IF v_by_mass THEN
			v_terms := v_terms || jsonb_build_array(jsonb_build_object(
				'name', 'heating_value', 'quantity', 'heating value of ' || v_fuel, 'unit', 'relative',
				'sensitivity', -100 * p_useful_kwh * p_fuel_kwh / v_I ^ 2,
				'uncertainty', (v_u ->> 'heating_value')::float8 / 100, 'kind', v_kind,
				'source', 'fuel metered by mass or volume: energy = mass x heating value'));
		END IF;
		v_io := thermaliq.uncertainty_budget(v_terms) || jsonb_build_object(
			'efficiency', 'gross efficiency 100 U / (F + E) (ASME PTC 4), points');
	END IF;

	IF v_t IS NOT NULL AND v_o2 IS NOT NULL AND v_fuel IS NOT NULL THEN
		v_rh := coalesce(v_rh, 0);
		SELECT total_pct INTO v_L FROM thermaliq.combustion_losses(v_fuel, v_t, v_ta, v_o2, v_co, v_basis, v_rh);
		SELECT (a.total_pct - b.total_pct) / 2 INTO v_dT
		FROM thermaliq.combustion_losses(v_fuel, v_t + 1, v_ta, v_o2, v_co, v_basis, v_rh) a,
		     thermaliq.combustion_losses(v_fuel, greatest(v_t - 1, v_ta), v_ta, v_o2, v_co, v_basis, v_rh) b;
		SELECT (a.total_pct - b.total_pct) / (least(v_o2 + 0.1, 20.9) - greatest(v_o2 - 0.1, 0)) INTO v_dO2
		FROM thermaliq.combustion_losses(v_fuel, v_t, v_ta, least(v_o2 + 0.1, 20.9), v_co, v_basis, v_rh) a,
		     thermaliq.combustion_losses(v_fuel, v_t, v_ta, greatest(v_o2 - 0.1, 0), v_co, v_basis, v_rh) b;
		SELECT (a.total_pct - b.total_pct) / 2 INTO v_dTa
		FROM thermaliq.combustion_losses(v_fuel, v_t, least(v_ta + 1, v_t), v_o2, v_co, v_basis, v_rh) a,
		     thermaliq.combustion_losses(v_fuel, v_t, v_ta - 1, v_o2, v_co, v_basis, v_rh) b;
		v_hl := jsonb_build_array(
			jsonb_build_object('name', 'flue_gas_temperature', 'unit', 'K', 'value', v_t,
				'sensitivity', -v_dT, 'uncertainty', (v_u ->> 'flue_gas_temperature')::float8, 'kind', v_kind,
				'group', 11, 'source', 'instrument'),
			jsonb_build_object('name', 'flue_gas_o2', 'unit', '%-points', 'value', v_o2,
				'sensitivity', -v_dO2, 'uncertainty', (v_u ->> 'flue_gas_o2')::float8, 'kind', v_kind,
				'group', 12, 'source', 'instrument'),
			jsonb_build_object('name', 'combustion_air_temperature', 'unit', 'K', 'value', v_ta,
				'sensitivity', -v_dTa, 'uncertainty', (v_u ->> 'combustion_air_temperature')::float8, 'kind', v_kind,
				'group', 13, 'source', 'instrument (or the facility ambient temperature)'),
			jsonb_build_object('name', 'stratification_temperature', 'unit', 'K',
				'sensitivity', -v_dT, 'uncertainty', (v_u ->> 'stratification_k')::float8, 'kind', 'rectangular',
				'source', 'assumption: one probe stands for the duct (ASME PTC 4 grid traverse)'),
			jsonb_build_object('name', 'stratification_o2', 'unit', '%-points',
				'sensitivity', -v_dO2, 'uncertainty', (v_u ->> 'stratification_o2')::float8, 'kind', 'rectangular',
				'source', 'assumption: one probe stands for the duct (ASME PTC 4 grid traverse)'),
			jsonb_build_object('name', 'composition', 'unit', 'points', 'sensitivity', -1,
				'uncertainty', (v_u ->> 'composition_points')::float8, 'kind', 'rectangular',
				'source', 'assumption: the fuel row''s ultimate analysis stands for the fuel burnt'),
			jsonb_build_object('name', 'heating_value', 'unit', 'relative', 'sensitivity', v_L,
				'uncertainty', (v_u ->> 'heating_value')::float8 / 100, 'kind', v_kind,
				'source', 'losses are per kg of fuel over its heating value'));
		IF p_comb ->> 'rh_pct' IS NOT NULL THEN
			SELECT (a.total_pct - b.total_pct) / (least(v_rh + 5, 100) - greatest(v_rh - 5, 0)) INTO v_dRH
			FROM thermaliq.combustion_losses(v_fuel, v_t, v_ta, v_o2, v_co, v_basis, least(v_rh + 5, 100)) a,
			     thermaliq.combustion_losses(v_fuel, v_t, v_ta, v_o2, v_co, v_basis, greatest(v_rh - 5, 0)) b;
			v_hl := v_hl || jsonb_build_array(jsonb_build_object('name', 'air_humidity', 'unit', '%RH', 'value', v_rh,
				'sensitivity', -v_dRH, 'uncertainty', (v_u ->> 'humidity_rh')::float8, 'kind', v_kind,
				'source', 'ambient_humidity meter or facility_settings.air_humidity_pct'));
		ELSE
			-- saturated air at the air temperature; outside 0.01-100 degC
			-- (IF97 saturation over water) the air stays at its temperature
			-- and dry, so the term is 0 there: clamping the temperature
			-- instead made the difference that of 2 K of air, negative below
			-- freezing (analyze() failed with 22003 on a frosty day)
			SELECT a.total_pct - v_L INTO v_dRH
			FROM thermaliq.combustion_losses(v_fuel, v_t, v_ta, v_o2, v_co, v_basis,
				CASE WHEN v_ta BETWEEN 0.01 AND 100 THEN 100 ELSE 0 END) a;
			v_hl := v_hl || jsonb_build_array(jsonb_build_object('name', 'air_humidity', 'unit', 'points',
				'sensitivity', -1, 'uncertainty', v_dRH / 2, 'kind', 'rectangular',
				'source', 'assumption: dry air; the humid-air loss lies between 0 (dry) and that of saturated air'));
		END IF;
		IF (p_comb ->> 'radiation_pct') IS NOT NULL THEN
			v_hl := v_hl || jsonb_build_array(jsonb_build_object('name', 'radiation', 'unit', 'points',
				'value', (p_comb ->> 'radiation_pct')::float8, 'sensitivity', -1,
				'uncertainty', (v_u ->> 'radiation_fraction')::float8 / 100 * (p_comb ->> 'radiation_pct')::float8,
				'kind', 'rectangular', 'source', 'assumption: the casing loss setting (ABMA chart, surface or percentage)'));
		END IF;
		v_hlb := thermaliq.uncertainty_budget(v_hl) || jsonb_build_object(
			'efficiency', 'heat-loss method 100 - losses (% of fuel input), points');
	END IF;
	RETURN jsonb_build_object('input_output', v_io, 'heat_loss', v_hlb);
END
$$;
COMMENT ON FUNCTION thermaliq.analyze_uncertainty(text, jsonb, float8, float8, float8, jsonb, jsonb) IS
'Uncertainty budgets of analyze() (JCGM 100:2008, ASME PTC 19.1; see uncertainty_budget): input_output (gross efficiency: every energy meter with its role''s uncertainty_pct as a limit of kind uncertainty_kind, meters of one role fully correlated, the heating value when fuel is metered by mass or volume) and heat_loss (flue-gas temperature, O2 and air temperature through combustion_losses() sensitivities; stratification, composition, humidity, radiation and heating-value assumption terms); NULL parts when the method has no result';
