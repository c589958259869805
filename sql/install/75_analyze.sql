-- analyze(): the efficiency report of a facility and period.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- ---------------------------------------------------------------------
-- analyze and calculate
-- ---------------------------------------------------------------------

-- analyze: the whole efficiency report of one facility and period as jsonb.
CREATE OR REPLACE FUNCTION thermaliq.analyze(p_facility text, p_from timestamptz, p_to timestamptz,
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
	v_route record;
	v_result_remote jsonb;
	v_read jsonb;         -- the one read (analyze_read)
	v_latin float8;       -- 1.1: latent heat input row of an LHV balance
	v_eta_hlg float8;     -- heat-loss gross efficiency (PTC 4)
	v_fclass text;
	v_cond boolean;
	v_grp record;
	v_bdheat boolean;
	v_bdrow float8;
	v_pdrum float8;
	v_rh float8;
	v_ub jsonb;
	v_emis jsonb;
BEGIN
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- A sharded table: the whole report runs on the facility's shard
	-- (86_shards.sql); only the jsonb comes back.
	SELECT * INTO v_route FROM thermaliq.shard_route(p_readings, p_facility);
	IF v_route.server IS NOT NULL THEN
		-- through the session's kept connection; once afresh if it broke
		BEGIN
			EXECUTE format('SELECT r FROM %I.dblink($1, $2) AS t(r jsonb)', v_route.dblink_schema)
			INTO v_result_remote
			USING thermaliq.shard_connection(v_route.server, v_route.dblink_schema),
				format('SELECT thermaliq.analyze(%L::text, %L::timestamptz, %L::timestamptz, %L::jsonb, %L::regclass)',
				p_facility, to_jsonb(p_from) #>> '{}', to_jsonb(p_to) #>> '{}', p_options, v_route.remote_table);
		EXCEPTION WHEN connection_exception OR admin_shutdown OR crash_shutdown OR cannot_connect_now THEN
			-- (a shard backend that was terminated reports 57P01 on the next
			-- query, or the connection is found closed: class 08)
			EXECUTE format('SELECT r FROM %I.dblink($1, $2) AS t(r jsonb)', v_route.dblink_schema)
			INTO v_result_remote
			USING thermaliq.shard_connection(v_route.server, v_route.dblink_schema, true),
				format('SELECT thermaliq.analyze(%L::text, %L::timestamptz, %L::timestamptz, %L::jsonb, %L::regclass)',
				p_facility, to_jsonb(p_from) #>> '{}', to_jsonb(p_to) #>> '{}', p_options, v_route.remote_table);
		END;
		RETURN v_result_remote;
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	PERFORM thermaliq.analyze_check_period(p_from, p_to);
	v_opt := thermaliq.analyze_options(p_options);
	SELECT * INTO v_fac FROM thermaliq.facilities WHERE facility_id = p_facility;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown facility "%"', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register it in thermaliq.facilities.';
	END IF;
	-- the fuel meters, and (1.1) whether blowdown is metered as heat
	SELECT count(*) FILTER (WHERE role = 'fuel_input'),
		min(heating_value_basis) FILTER (WHERE role = 'fuel_input'),
		count(DISTINCT heating_value_basis) FILTER (WHERE role = 'fuel_input'),
		bool_and(thermaliq.unit_dimension(unit) IN ('power', 'energy')) FILTER (WHERE role = 'blowdown_flow')
	INTO v_fuel_meters, v_basis, v_pct, v_bdheat
	FROM thermaliq.meters WHERE facility_id = p_facility AND role IN ('fuel_input', 'blowdown_flow');
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

	-- Everything from the readings comes from ONE read with the rules of the
	-- plant functions (analyze_read, src/plant/report.c): energies on the
	-- time every energy meter covers, heat balance and closure, fuel-power
	-- weighted flue-gas conditions, data quality, the readings digest.
	v_read := thermaliq.analyze_read(p_facility, p_from, p_to,
		CASE WHEN jsonb_typeof(v_opt -> 'expected_interval') IN ('string', 'object')
			THEN thermaliq.analyze_expected_seconds(v_opt -> 'expected_interval') END, p_readings);
	v_F := (v_read #>> '{energy,fuel_input_kwh}')::float8;
	v_E := (v_read #>> '{energy,electric_input_kwh}')::float8;
	v_U := (v_read #>> '{energy,useful_output_kwh}')::float8;
	v_cov := (v_read #>> '{energy,coverage_pct}')::float8;
	v_qual := (v_read #>> '{energy,quality_pct}')::float8;
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
	v_hb := coalesce(v_read -> 'heat_balance', '[]');
	v_closure := v_read -> 'closure';

	-- Heat-loss method: 100 - sum of loss rows as % of fuel input.
	-- 1.1: an LHV balance carries the fuel water's latent heat as the input
	-- row latent_heat_above_lhv and its uncondensed part as a loss: the
	-- losses on the fuel's LHV leave that input out again. One pass over
	-- the rows for the losses, that input and the blowdown row (FILTER
	-- feeds each aggregate the rows a WHERE would, in the same order).
	SELECT sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'category' = 'loss'),
		jsonb_agg(jsonb_build_object('stream', x ->> 'stream', 'energy_kwh', (x ->> 'energy_kwh')::float8,
			'pct_of_fuel', 100 * (x ->> 'energy_kwh')::float8 / v_F)) FILTER (WHERE x ->> 'category' = 'loss'),
		sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'category' = 'loss'
			AND x ->> 'stream' ~* '(radiation|surface|casing|shell|convection)'),
		coalesce(sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'category' = 'input'
			AND x ->> 'stream' = 'latent_heat_above_lhv'), 0),
		sum((x ->> 'energy_kwh')::float8) FILTER (WHERE x ->> 'category' = 'loss' AND x ->> 'stream' = 'blowdown')
	INTO v_loss, v_losses, v_rad, v_latin, v_bdrow
	FROM jsonb_array_elements(v_hb) x;
	v_loss := v_loss - v_latin;
	-- Without flue-gas losses (no flue-gas meters) there is no heat-loss result.
	v_eta_hl := CASE WHEN v_hb @> '[{"category": "loss", "stream": "dry_flue_gas"}]'
		THEN 100 - 100 * v_loss / v_F END;
	-- ASME PTC 4 on one denominator: fuel efficiency = output / fuel input,
	-- gross efficiency = output / (fuel + electric input); by the heat-loss
	-- method the output is F + E - losses (electric input a credit).
	v_eta_hlg := CASE WHEN v_eta_hl IS NOT NULL THEN 100 * (v_F + v_E - v_loss) / v_I END;

	-- Per-meter energies (on the common coverage, as the totals).
	v_me := v_read #> '{energy,meters}';

	-- Fuel for CO2 and combustion: the fuel meter with most energy. Second
	-- law: exergy out / exergy in, dead state = facility ambient; the fuel
	-- exergy in the same pass over the fuel meters.
	SELECT (array_agg(x ->> 'fuel_id' ORDER BY (x ->> 'energy_kwh')::float8 DESC NULLS LAST, x ->> 'meter_id'))[1],
		sum(thermaliq.fuel_exergy_kw(x ->> 'fuel_id', (x ->> 'energy_kwh')::float8, x ->> 'basis'))
		+ CASE WHEN bool_or(x ->> 'energy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_fuel, v_exF
	FROM jsonb_array_elements(v_me) x WHERE x ->> 'role' = 'fuel_input';
	-- 1.1: outputs metered as a mass flow carry their IF97 flow exergy
	-- (output_streams() of the same read).
	SELECT jsonb_agg(s.j || CASE WHEN os.v_os #>> ARRAY[s.j ->> 'meter_id', 'metered_as'] = 'mass_flow' THEN
			jsonb_build_object('exergy_kwh', (os.v_os #>> ARRAY[s.j ->> 'meter_id', 'exergy_kwh'])::float8,
				'metered_as', 'mass_flow', 'supply_c', NULL, 'return_c', NULL,
				'method', 'IF97 flow exergy m ((h_out - h_in) - T0 (s_out - s_in)) at every flow sample')
		ELSE jsonb_build_object('exergy_kwh', CASE WHEN s.e IS NOT NULL THEN
			CASE WHEN s.ts = s.tr THEN thermaliq.heat_exergy_kw(s.e, s.ts + 273.15, v_t0_k)
			ELSE thermaliq.stream_heat_exergy_kw(s.e, s.ts + 273.15, s.tr + 273.15, v_t0_k) END END,
			'metered_as', 'heat') END
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
		WHERE x ->> 'role' IN ('heat_output', 'steam_output', 'hot_water_output')) s,
		(SELECT jsonb_object_agg(o ->> 'meter_id', o) AS v_os
		 FROM jsonb_array_elements(v_read -> 'output_streams') o) os;
	SELECT sum((x ->> 'exergy_kwh')::float8)
		+ CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) THEN NULL ELSE 0 END
	INTO v_exU FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	IF v_streams IS NULL THEN
		v_exU := 0;
	END IF;
	v_eta2 := CASE WHEN v_exF + v_E > 0 THEN 100 * v_exU / (v_exF + v_E) END;

	-- Mean combustion conditions for the opportunities and the heat-loss
	-- uncertainty: the ones heat_balance uses (fuel-power weighted; air:
	-- combustion_air_temperature, else ambient_temperature meter, else the
	-- facility's ambient; no CO meter: 0 ppm).
	v_tfg := (v_read #>> '{conditions,flue_gas_temperature_c}')::float8;
	v_o2 := (v_read #>> '{conditions,flue_gas_o2_pct}')::float8;
	v_tair := coalesce((v_read #>> '{conditions,combustion_air_temperature_c}')::float8,
		v_fac.ambient_temperature_c);
	v_co := coalesce((v_read #>> '{conditions,flue_gas_co_ppm}')::float8, 0);
	-- Humidity and drum pressure: time-weighted over the period's samples
	-- (analyze_mean's rule), from the same read.
	v_rh := coalesce((v_read #>> '{conditions,ambient_humidity_pct}')::float8,
		(SELECT s.air_humidity_pct FROM thermaliq.facility_settings s WHERE s.facility_id = p_facility));
	-- 1.1: blowdown metered as heat or as a mass flow, one treatment
	-- (v_bdheat: read with the fuel meters).
	IF NOT v_bdheat THEN
		v_bd := (v_read #>> '{conditions,blowdown_kg_h}')::float8;
	END IF;
	v_pdrum := (v_read #>> '{conditions,steam_pressure_mpa}')::float8;


	-- Benchmark, on the benchmark rows' basis: the same useful heat over
	-- the fuel energy restated with each fuel's HV ratio (never compare an
	-- LHV efficiency with HHV benchmarks).
	-- 1.1: the group of rows for the fuel's class, condensing when the mean
	-- flue gas is below its water dew point (benchmark_group).
	v_fclass := coalesce(thermaliq.fuel_class(v_fuel), 'any');
	IF v_tfg IS NOT NULL AND v_o2 IS NOT NULL AND v_tfg >= v_tair THEN
		SELECT c.condensed_fraction > 0 INTO v_cond
		FROM thermaliq.combustion_losses(v_fuel, v_tfg, v_tair, v_o2, v_co, v_basis) c;
	END IF;
	v_cond := coalesce(v_cond, false);
	SELECT * INTO v_grp FROM thermaliq.benchmark_group(v_fac.process_type, v_fclass, v_cond);
	SELECT min(b.heating_value_basis), count(DISTINCT b.heating_value_basis)
	INTO v_bbasis, v_pct
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type
	  AND b.fuel_class = v_grp.fuel_class AND b.condensing = v_grp.condensing;
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
	v_pct := thermaliq.benchmark_percentile(v_fac.process_type, v_grp.fuel_class, v_grp.condensing, v_eta_b);
	SELECT jsonb_build_object('process_type', v_fac.process_type,
		'fuel_class', v_grp.fuel_class, 'condensing', v_grp.condensing,
		'facility_fuel_class', v_fclass, 'facility_condensing', v_cond,
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
	FROM thermaliq.benchmarks b WHERE b.process_type = v_fac.process_type
	  AND b.fuel_class = v_grp.fuel_class AND b.condensing = v_grp.condensing;

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
	-- 1.1: metered as heat, the heat_balance blowdown row (heat above the
	-- feedwater) is what can be recovered; as a mass flow, saturated liquid
	-- at the drum pressure (steam_pressure meter, else the option) down to
	-- the make-up water.
	IF v_bd IS NULL AND v_bdrow IS NULL THEN
		v_opps := v_opps || jsonb_build_array(jsonb_build_object('name', 'blowdown_heat_recovery', 'applicable', false,
			'reason', 'no blowdown_flow meter with readings', 'savings_kwh', 0));
	ELSE
		v_qbd := CASE WHEN v_bdheat THEN v_bdrow ELSE v_bd * v_hours
			* ((thermaliq.if97_px(coalesce(v_pdrum, (v_opt ->> 'steam_pressure_mpa')::float8), 0)).h
			   - (thermaliq.if97_pt(0.101325, (v_opt ->> 'makeup_water_c')::float8 + 273.15)).h) / 3600 END
			* (v_opt ->> 'blowdown_recovery_fraction')::float8;
		v_target := CASE WHEN v_qbd > 0 AND v_qbd < v_U THEN v_eta * v_U / (v_U - v_qbd) END;
		v_opps := v_opps || jsonb_build_array(thermaliq.analyze_opportunity('blowdown_heat_recovery', v_eta,
			coalesce(v_target, v_eta), v_I, v_hours, v_price, (v_capex ->> 'blowdown_heat_recovery')::float8,
			v_fuel, v_basis,
			jsonb_build_object('blowdown_kg', v_bd * v_hours, 'recovered_heat_kwh', v_qbd,
				'metered_as', CASE WHEN v_bdheat THEN 'heat' ELSE 'mass_flow' END,
				'blowdown_heat_kwh', v_bdrow,
				'drum_pressure_mpa', CASE WHEN NOT v_bdheat THEN coalesce(v_pdrum, (v_opt ->> 'steam_pressure_mpa')::float8) END,
				'drum_pressure_from', CASE WHEN v_bdheat THEN NULL WHEN v_pdrum IS NOT NULL THEN 'steam_pressure meter' ELSE 'option steam_pressure_mpa' END,
				'rule', 'target = eta x U / (U - recovered heat): recovered heat displaces fuel at the current efficiency',
				'reason', CASE WHEN v_target IS NOT NULL THEN 'blowdown heat can be recovered' ELSE 'no recoverable blowdown heat' END)));
	END IF;

	-- Uncertainty (1.1, JCGM 100 / ASME PTC 19.1): budget tables of both
	-- first-law methods (analyze_uncertainty: stated limits turned into
	-- standard uncertainties by their kind, meters of one role fully
	-- correlated, heating-value and heat-loss assumption terms). Second law:
	-- GUM propagation of the instrument terms, roles independent.
	v_upct := v_opt -> 'uncertainty_pct';
	v_ub := thermaliq.analyze_uncertainty(p_facility, v_me, v_F, v_E, v_U, v_opt,
		jsonb_build_object('fuel', v_fuel, 'basis', v_basis, 'flue_gas_temp_c', v_tfg,
			'air_temp_c', v_tair, 'o2_pct', v_o2, 'co_ppm', v_co, 'rh_pct', v_rh,
			'radiation_pct', 100 * v_rad / v_F));
	v_target := thermaliq.standard_uncertainty(1, v_opt ->> 'uncertainty_kind');  -- u per stated unit
	SELECT CASE WHEN bool_or(x ->> 'exergy_kwh' IS NULL) OR v_exU <= 0 THEN
			max((v_upct ->> (x ->> 'role'))::float8) / 100
		ELSE sqrt(sum(((x ->> 'exergy_kwh')::float8 * (v_upct ->> (x ->> 'role'))::float8 / 100) ^ 2)) / v_exU END
	INTO v_urel_XU
	FROM jsonb_array_elements(coalesce(v_streams, '[]')) x;
	v_urel2 := thermaliq.efficiency_uncertainty(v_exU, v_urel_XU * v_target, v_exF,
		(v_upct ->> 'fuel_input')::float8 / 100 * v_target, v_E, (v_upct ->> 'electric_input')::float8 / 100 * v_target);
	v_u_hl := CASE WHEN v_eta_hl IS NOT NULL THEN (v_ub #>> '{heat_loss,standard_uncertainty}')::float8 END;
	v_unc := jsonb_build_object(
		'method', 'JCGM 100:2008 first-order propagation with ASME PTC 19.1 systematic and random parts; budgets in first_law_input_output.budget and first_law_heat_loss.budget',
		'correlation_model', 'systematic parts of the meters of one role fully correlated (r = 1), roles and assumption terms independent; second law: roles independent',
		'coverage_factor', 2,
		'instrument_uncertainty_pct', v_upct,
		'uncertainty_kind', v_opt ->> 'uncertainty_kind',
		'first_law_input_output', jsonb_build_object('efficiency_pct', v_eta,
			'relative_standard_uncertainty', (v_ub #>> '{input_output,standard_uncertainty}')::float8 / v_eta,
			'standard_uncertainty_pct', (v_ub #>> '{input_output,standard_uncertainty}')::float8,
			'expanded_uncertainty_pct', (v_ub #>> '{input_output,expanded_uncertainty}')::float8,
			'budget', v_ub -> 'input_output'),
		'first_law_heat_loss', jsonb_build_object('efficiency_pct', v_eta_hl,
			'standard_uncertainty_pct', v_u_hl,
			'expanded_uncertainty_pct', 2 * v_u_hl,
			'inputs', 'flue_gas_temperature, flue_gas_o2, combustion_air_temperature through combustion_losses(); stratification, composition, humidity, radiation and heating value as assumption terms',
			'budget', CASE WHEN v_eta_hl IS NOT NULL THEN v_ub -> 'heat_loss' END),
		'second_law', jsonb_build_object('efficiency_pct', v_eta2,
			'relative_standard_uncertainty', v_urel2,
			'standard_uncertainty_pct', v_eta2 * v_urel2,
			'expanded_uncertainty_pct', 2 * v_eta2 * v_urel2));

	-- Emissions (1.1): CO2 of each fuel meter, biomass apart as biogenic.
	SELECT jsonb_build_object(
		'fossil_co2_kg', coalesce(sum(c.kg) FILTER (WHERE c.cls <> 'biomass'), 0),
		'biogenic_co2_kg', coalesce(sum(c.kg) FILTER (WHERE c.cls = 'biomass'), 0),
		'rule', 'co2_kg() of each fuel meter''s energy; fuels of class biomass (fuel_class()) are reported as biogenic CO2')
	INTO v_emis
	FROM (SELECT thermaliq.co2_kg(x ->> 'fuel_id', (x ->> 'energy_kwh')::float8, x ->> 'basis') AS kg,
			coalesce(thermaliq.fuel_class(x ->> 'fuel_id'), 'any') AS cls
		FROM jsonb_array_elements(v_me) x
		WHERE x ->> 'role' = 'fuel_input' AND x ->> 'fuel_id' IS NOT NULL AND x ->> 'energy_kwh' IS NOT NULL) c;

	-- Data quality.
	v_dq := (v_read -> 'data_quality')
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
	-- the hash of these inputs (their rows read once) and of the read's digest
	v_hash := thermaliq.provenance_hash_inputs(p_facility, p_from, p_to, v_inputs, v_read ->> 'readings_digest');

	RETURN jsonb_build_object(
		'facility_id', p_facility,
		'period', v_inputs -> 'period',
		'inputs', v_inputs,
		'energy', jsonb_build_object('fuel_input_kwh', v_F, 'electric_input_kwh', v_E,
			'useful_output_kwh', v_U, 'input_kwh', v_I, 'heating_value_basis', v_basis,
			'coverage_pct', v_cov, 'gap_meters', v_read #> '{energy,gap_meters}',
			'meters', v_me),
		'first_law', jsonb_build_object(
			'input_output_efficiency_pct', v_eta,
			'heat_loss_efficiency_pct', v_eta_hl,
			'fuel_efficiency_pct', jsonb_build_object('input_output', 100 * v_U / v_F,
				'heat_loss', CASE WHEN v_eta_hl IS NOT NULL THEN 100 * (v_F + v_E - v_loss) / v_F END),
			'gross_efficiency_pct', jsonb_build_object('input_output', v_eta, 'heat_loss', v_eta_hlg),
			'electric_credit_pct', 100 * v_E / v_F,
			'denominators', 'ASME PTC 4: fuel efficiency = output / fuel input, gross efficiency = output / (fuel input + electric input); heat-loss output = fuel + electric - losses. input_output_efficiency_pct is the gross efficiency, heat_loss_efficiency_pct = 100 - losses / fuel (no electric credit, as 1.0)',
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
		'emissions', v_emis,
		'data_quality', v_dq,
		'provenance_hash', v_hash);
END
$$;
COMMENT ON FUNCTION thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass) IS
'Efficiency report of a facility over [p_from, p_to) as jsonb: facility_id, period, inputs (facility row, meters, fuels, period, readings table, options after defaults, constants), energy (fuel, electric, useful output and per-meter kWh integrated over the time every energy meter covers, coverage_pct, gap_meters; from analyze_read, the one read of the readings), first_law (input_output_efficiency_pct = 100 U/(F+E); heat_loss_efficiency_pct = 100 - heat_balance loss rows as % of fuel; 1.1: fuel_efficiency_pct and gross_efficiency_pct of both methods as ASME PTC 4 defines them, electric_credit_pct), second_law (exergy out / exergy in, fuel_exergy_kw on the meter basis, stream_heat_exergy_kw at supply/return temperatures or, for outputs metered as a mass flow, their IF97 flow exergy; dead state = facility ambient), heat_balance (rows, closure), benchmark (percentile interpolated in the thermaliq.benchmarks group of the facility''s process type, fuel class and condensing state), opportunities (economizer, combustion_tuning, insulation, blowdown_heat_recovery: savings_kwh = input x (1 - current/target), cost, payback, CO2), opportunity_totals, uncertainty (JCGM 100 / PTC 19.1 budgets, k = 2), emissions (fossil and biogenic CO2), data_quality, provenance_hash. Options: see analyze_default_options()';
