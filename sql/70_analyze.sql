-- analyze(), calculate(), provenance_hash() on a small hand-built steam
-- boiler whose integrals are computed by hand below. Every number of
-- analyze() is checked: exact ones to 1e-9 relative, those that come from a
-- physics function against that function (linear in energy) or against
-- IAPWS-IF97 values from python3-iapws.
--
-- Period [2026-01-05 00:00Z, 04:00Z), T = 4 h. Samples every 30 min at
-- t = -0.5 .. 4.5 h (before and after the period for edge interpolation):
--   gas   fuel_input (natural gas, HHV) 4000 + 400 t kW
--           F = 4000*4 + 400*4^2/2 = 16000 + 3200 = 19200 kWh
--   elec  electric_input 50 kW        E = 200 kWh
--   steam steam_output 3500 + 350 t kW U = 3500*4 + 350*8 = 16800 kWh
--   fgt   flue gas 200 degC, plus a bad (quality 2) 2000 degC spike at 01:15
--   o2    flue-gas O2 5 %, samples at 01:30 and 02:00 missing (one gap)
--   bd    blowdown 100 kg/h           400 kg in the period
-- eta = 100 U / (F + E) = 100 * 16800 / 19400 = 86.5979381443299 %
SET client_min_messages = warning;
SELECT thermaliq.create_readings_table('public.a70_readings') IS NOT NULL AS created;
RESET client_min_messages;
INSERT INTO thermaliq.facilities (facility_id, name, process_type, ambient_temperature_c)
VALUES ('a70-boiler', 'Hand-built steam boiler', 'steam_boiler', 20),
       ('a70-nofuel', 'No fuel meter', 'steam_boiler', 20);
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('a70-boiler', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
	('a70-boiler', 'elec', 'electric_input', 'rate', 'kW', NULL, NULL),
	('a70-boiler', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL),
	('a70-boiler', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
	('a70-boiler', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL),
	('a70-boiler', 'bd', 'blowdown_flow', 'rate', 'kg/h', NULL, NULL),
	('a70-nofuel', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL);
-- 30 min samples: interpolate across them (the default max_gap is 15 min).
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('a70-boiler', '1 hour');
INSERT INTO public.a70_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT f, m, timestamptz '2026-01-05 00:00+00' + t * interval '1 hour', v, u, 0
FROM generate_series(-1, 9) k,
	LATERAL (SELECT k * 0.5 AS t) tt,
	LATERAL (VALUES
		('a70-boiler', 'gas', 4000 + 400 * t, 'kW'),
		('a70-boiler', 'steam', 3500 + 350 * t, 'kW'),
		('a70-boiler', 'elec', 50, 'kW'),
		('a70-boiler', 'fgt', 200, 'degC'),
		('a70-boiler', 'o2', 5, '%'),
		('a70-boiler', 'bd', 100, 'kg/h'),
		('a70-nofuel', 'steam', 1000, 'kW')) AS s(f, m, v, u)
WHERE NOT (m = 'o2' AND t IN (1.5, 2.0));
INSERT INTO public.a70_readings VALUES
	('a70-boiler', 'fgt', '2026-01-05 01:15+00', 2000, 'degC', 2);

CREATE TEMP TABLE a70 AS
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}',
	'public.a70_readings') AS r;
CREATE FUNCTION pg_temp.rel_ok(got float8, want float8, tol float8 DEFAULT 1e-9)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT abs(got - want) <= tol * abs(want) $$;

-- Shape: the documented top-level keys.
SELECT string_agg(k, ', ' ORDER BY k) AS keys FROM a70, jsonb_object_keys(r) k;

-- Energies: F = 19200, E = 200, U = 16800 kWh.
SELECT pg_temp.rel_ok((r #>> '{energy,fuel_input_kwh}')::float8, 19200) AS fuel,
	pg_temp.rel_ok((r #>> '{energy,electric_input_kwh}')::float8, 200) AS electric,
	pg_temp.rel_ok((r #>> '{energy,useful_output_kwh}')::float8, 16800) AS useful,
	r #>> '{energy,heating_value_basis}' AS basis
FROM a70;

-- First law, input-output: 100 * 16800 / 19400.
SELECT pg_temp.rel_ok((r #>> '{first_law,input_output_efficiency_pct}')::float8, 86.5979381443299) AS eta_io
FROM a70;
-- ... equal to efficiency_series over the same period (hourly buckets add up).
SELECT pg_temp.rel_ok((r #>> '{first_law,input_output_efficiency_pct}')::float8,
	100 * sum(useful_output_kwh) / (sum(fuel_input_kwh) + sum(electric_input_kwh))) AS eta_io_is_series
FROM a70, thermaliq.efficiency_series('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00',
	'1 hour', 'public.a70_readings')
GROUP BY r;
-- Heat-loss method: 100 - the heat_balance loss rows as % of F.
SELECT pg_temp.rel_ok((r #>> '{first_law,heat_loss_efficiency_pct}')::float8,
	100 - 100 * (SELECT sum(energy_kwh) FROM thermaliq.heat_balance('a70-boiler', '2026-01-05 00:00+00',
		'2026-01-05 04:00+00', 'public.a70_readings') WHERE category = 'loss') / 19200) AS eta_heat_loss
FROM a70;
-- The heat balance and its closure are heat_balance / balance_closure.
SELECT r #> '{heat_balance,rows}' = (SELECT jsonb_agg(jsonb_build_object('category', category,
		'stream', stream, 'energy_kwh', energy_kwh, 'share_pct', share_pct))
	FROM thermaliq.heat_balance('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00',
		'public.a70_readings')) AS balance_rows,
	r #> '{heat_balance,closure}' = (SELECT to_jsonb(c) FROM thermaliq.balance_closure('a70-boiler',
		'2026-01-05 00:00+00', '2026-01-05 04:00+00', 'public.a70_readings') c) AS closure
FROM a70;

-- Second law. Steam at saturation of 1.0 MPa: Tsat = 453.0356323914666 K
-- (python3-iapws), dead state 293.15 K; steam exergy
-- 16800 * (1 - 293.15/453.0356323914666) = 5929.067013995067 kWh.
-- Fuel exergy is fuel_exergy_kw on the meter's HHV basis (linear in energy).
SELECT pg_temp.rel_ok((r #>> '{inputs,options,steam_supply_c}')::float8, 453.0356323914666 - 273.15, 1e-9) AS tsat,
	pg_temp.rel_ok((r #>> '{second_law,dead_state_k}')::float8, 293.15) AS dead_state,
	pg_temp.rel_ok((r #>> '{second_law,output_exergy_kwh}')::float8, 5929.067013995067, 1e-9) AS steam_exergy,
	pg_temp.rel_ok((r #>> '{second_law,fuel_exergy_kwh}')::float8,
		19200 * thermaliq.fuel_exergy_kw('natural_gas', 1, 'hhv')) AS fuel_exergy,
	pg_temp.rel_ok((r #>> '{second_law,efficiency_pct}')::float8,
		100 * 5929.067013995067 / (19200 * thermaliq.fuel_exergy_kw('natural_gas', 1, 'hhv') + 200), 1e-9) AS eta_2
FROM a70;

-- Benchmark (1.1): natural gas is fuel class gas; 200 degC flue gas is above
-- its dew point, so the group is steam_boiler / gas / non-condensing (HHV:
-- p75 83 %, p90 85 %, the ceiling of a non-condensing gas boiler). 86.598 %
-- lies above it: clamped to p90, position above_range. (1.0 used one
-- distribution for all fuels, p90 87 %: percentile 87.99.)
SELECT (r #>> '{benchmark,percentile}')::float8 AS percentile,
	r #>> '{benchmark,position}' AS position,
	r #>> '{benchmark,fuel_class}' AS fuel_class, r #>> '{benchmark,condensing}' AS condensing
FROM a70;
-- inside the group: 84 % is 75 + (84 - 83) x 15 / (85 - 83) = 82.5
SELECT thermaliq.benchmark_percentile('steam_boiler', 'gas', false, 84) AS gas_84,
	thermaliq.benchmark_percentile('steam_boiler', 'gas', true, 89) AS condensing_89,
	(thermaliq.benchmark_group('steam_boiler', 'solid', true)).* ;

-- The benchmark rows are on the HHV basis. A twin boiler whose gas meter is
-- on the LHV basis (the same gas, so it reads LHV/HHV of the HHV kW) has a
-- higher LHV efficiency, but is benchmarked on HHV: the same 86.598 % and
-- the same percentile as the HHV boiler.
INSERT INTO thermaliq.facilities (facility_id, process_type, ambient_temperature_c)
VALUES ('a70-lhv', 'steam_boiler', 20);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('a70-lhv', '1 hour');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('a70-lhv', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('a70-lhv', 'elec', 'electric_input', 'rate', 'kW', NULL, NULL),
	('a70-lhv', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL);
INSERT INTO public.a70_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'a70-lhv', meter_id, "timestamp",
	CASE meter_id WHEN 'gas' THEN value * (SELECT lhv_mj_kg / hhv_mj_kg FROM thermaliq.fuels
		WHERE fuel_id = 'natural_gas') ELSE value END, unit, quality
FROM public.a70_readings WHERE facility_id = 'a70-boiler' AND meter_id IN ('gas', 'elec', 'steam');
SELECT r #>> '{benchmark,heating_value_basis}' AS bench_basis,
	pg_temp.rel_ok((r #>> '{benchmark,efficiency_pct}')::float8, 86.5979381443299) AS bench_eta_on_hhv,
	(r #>> '{benchmark,percentile}')::float8 = 90 AS same_percentile,
	(r #>> '{first_law,input_output_efficiency_pct}')::float8 > 90 AS lhv_eta_is_higher
FROM thermaliq.analyze('a70-lhv', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}',
	'public.a70_readings') r;
-- The 2-argument form reads the 'any' non-condensing group (HHV 74, 78,
-- 81, 83, 86): 82.5 is 50 + (82.5 - 81) x 25 / (83 - 81) = 68.75.
SELECT thermaliq.benchmark_percentile('steam_boiler', 81) AS p50,
	thermaliq.benchmark_percentile('steam_boiler', 82.5) AS p62_5,
	thermaliq.benchmark_percentile('steam_boiler', 70) AS clamped_low,
	thermaliq.benchmark_percentile('steam_boiler', 95) AS clamped_high,
	thermaliq.benchmark_percentile('no such type', 80) AS no_rows;

-- Economizer: (200 - 120) K / 22 K per % = 3.636363 points,
-- target 90.23430178069354 %, savings 19400 (1 - eta/target) = 781.8030743664326 kWh,
-- cost x 0.04 = 31.272122974657304, annual x 8766/4 = 68532.85749896149,
-- payback 60000 / annual = 0.8754924599621314 years.
SELECT pg_temp.rel_ok((o ->> 'target_efficiency_pct')::float8, 90.23430178069354) AS target,
	pg_temp.rel_ok((o ->> 'savings_kwh')::float8, 781.8030743664326) AS savings,
	pg_temp.rel_ok((o ->> 'cost_savings')::float8, 31.272122974657304) AS cost,
	pg_temp.rel_ok((o ->> 'annual_cost_savings')::float8, 68532.85749896149) AS annual,
	pg_temp.rel_ok((o ->> 'payback_years')::float8, 0.8754924599621314) AS payback,
	pg_temp.rel_ok((o ->> 'co2_savings_kg')::float8, thermaliq.co2_kg('natural_gas', 781.8030743664326, 'hhv')) AS co2,
	(o ->> 'flue_gas_temperature_c')::float8 AS mean_flue_gas_c
FROM a70, jsonb_array_elements(r -> 'opportunities') o WHERE o ->> 'name' = 'economizer';
-- Combustion tuning: the efficiency gain is combustion_losses() at 5 % O2
-- minus at 2 % O2 (200 degC flue gas, 20 degC air, HHV).
SELECT o ->> 'applicable' AS applicable,
	pg_temp.rel_ok((o ->> 'target_efficiency_pct')::float8, 86.5979381443299
		+ (SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 200, 20, 5, 0, 'hhv'))
		- (SELECT total_pct FROM thermaliq.combustion_losses('natural_gas', 200, 20, 2, 0, 'hhv'))) AS target,
	pg_temp.rel_ok((o ->> 'savings_kwh')::float8,
		19400 * (1 - 86.5979381443299 / (o ->> 'target_efficiency_pct')::float8)) AS savings
FROM a70, jsonb_array_elements(r -> 'opportunities') o WHERE o ->> 'name' = 'combustion_tuning';
-- Insulation: applicable exactly when heat_balance has a radiation/surface
-- loss row above 1 % of F.
SELECT (o ->> 'applicable')::boolean = coalesce((SELECT 100 * sum(energy_kwh) / 19200 > 1
	FROM thermaliq.heat_balance('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', 'public.a70_readings')
	WHERE category = 'loss' AND stream ~* '(radiation|surface|casing|shell|convection)'), false) AS insulation
FROM a70, jsonb_array_elements(r -> 'opportunities') o WHERE o ->> 'name' = 'insulation';
-- Blowdown: 400 kg x (h'(1 MPa) 762.6828443354106 - h(0.101325 MPa, 15 degC)
-- 63.07903157341106) kJ/kg / 3600 x 0.8 = 62.18700557884439 kWh recovered;
-- target eta U/(U - Q) = 86.9196806840687 %, savings 19400 Q/U = 71.81118501366555 kWh.
SELECT pg_temp.rel_ok((o ->> 'blowdown_kg')::float8, 400) AS mass,
	pg_temp.rel_ok((o ->> 'recovered_heat_kwh')::float8, 62.18700557884439, 1e-8) AS heat,
	pg_temp.rel_ok((o ->> 'target_efficiency_pct')::float8, 86.9196806840687, 1e-9) AS target,
	pg_temp.rel_ok((o ->> 'savings_kwh')::float8, 71.81118501366555, 1e-8) AS savings
FROM a70, jsonb_array_elements(r -> 'opportunities') o WHERE o ->> 'name' = 'blowdown_heat_recovery';

-- Uncertainty, GUM: the options are data-sheet limits (uncertainty_kind
-- rectangular, 1.1): u = limit / sqrt 3. One meter per role, so
-- u_rel^2 = (0.02^2 + (19200 x 0.01)^2/19400^2 + (200 x 0.005)^2/19400^2) / 3,
-- u_rel = 0.022314825329417448 / sqrt 3 = 0.012883468;
-- expanded (k = 2) 2 x eta x u_rel = 3.8648357271568368 / sqrt 3 = 2.2313628 %-points.
SELECT pg_temp.rel_ok((r #>> '{uncertainty,first_law_input_output,relative_standard_uncertainty}')::float8,
		0.022314825329417448 / sqrt(3)) AS u_rel,
	pg_temp.rel_ok((r #>> '{uncertainty,first_law_input_output,expanded_uncertainty_pct}')::float8,
		3.8648357271568368 / sqrt(3)) AS expanded,
	(r #>> '{uncertainty,coverage_factor}')::int AS k,
	jsonb_array_length(r #> '{uncertainty,first_law_input_output,budget,terms}') AS io_terms,
	(SELECT string_agg(t ->> 'name', ', ' ORDER BY t ->> 'name')
	 FROM jsonb_array_elements(r #> '{uncertainty,first_law_heat_loss,budget,terms}') t) AS heat_loss_terms
FROM a70;
-- stated as standard uncertainties instead: the 1.0 numbers
SELECT pg_temp.rel_ok((thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00',
	'{"uncertainty_kind": "standard"}', 'public.a70_readings')
	#>> '{uncertainty,first_law_input_output,expanded_uncertainty_pct}')::float8, 3.8648357271568368) AS standard_kind;
SELECT pg_temp.rel_ok(thermaliq.efficiency_uncertainty(16800, 0.02, 19200, 0.01, 200, 0.005),
	0.022314825329417448) AS formula,
	pg_temp.rel_ok(thermaliq.efficiency_uncertainty(80, 0.03, 100, 0.04, 0, 0.01), 0.05) AS no_electricity;
-- Second law: same formula on exergies (rectangular limits / sqrt 3).
SELECT pg_temp.rel_ok((r #>> '{uncertainty,second_law,relative_standard_uncertainty}')::float8,
	thermaliq.efficiency_uncertainty(5929.067013995067, 0.02 / sqrt(3),
		19200 * thermaliq.fuel_exergy_kw('natural_gas', 1, 'hhv'), 0.01 / sqrt(3), 200, 0.005 / sqrt(3)), 1e-9) AS u_rel_2
FROM a70;
-- Heat-loss: sensitivity of combustion_losses to T (2 K) and O2 (0.2 %-points).
SELECT (r #>> '{uncertainty,first_law_heat_loss,expanded_uncertainty_pct}')::float8
	= 2 * (r #>> '{uncertainty,first_law_heat_loss,standard_uncertainty_pct}')::float8 AS heat_loss_k2,
	(r #>> '{uncertainty,first_law_heat_loss,standard_uncertainty_pct}')::float8 > 0 AS heat_loss_positive
FROM a70;

-- Data quality: 30 min median interval; o2 has 6 of 8 samples (75 %) and a
-- 1.5 h gap (> 2 x 30 min); fgt 1 bad of 9; overall completeness
-- (5 x 100 + 75) / 6 = 95.8333 %, bad 1 of 47 samples.
SELECT pg_temp.rel_ok((r #>> '{data_quality,completeness_pct}')::float8, 575.0 / 6) AS completeness,
	pg_temp.rel_ok((r #>> '{data_quality,bad_pct}')::float8, 100.0 / 47) AS bad,
	(r #>> '{data_quality,samples}')::int AS samples,
	(r #>> '{data_quality,gap_count}')::int AS gaps,
	(r #>> '{data_quality,gap_seconds}')::float8 AS gap_s
FROM a70;
SELECT m ->> 'meter_id' AS meter, m ->> 'samples' AS n, m ->> 'valid_samples' AS valid,
	m ->> 'expected_interval_s' AS exp_s, m ->> 'expected_interval_source' AS src,
	m ->> 'completeness_pct' AS completeness, round((m ->> 'bad_pct')::numeric, 4) AS bad_pct,
	m ->> 'gap_count' AS gaps
FROM a70, jsonb_array_elements(r #> '{data_quality,meters}') m;
-- An expected interval from the options: 15 min halves the completeness.
SELECT pg_temp.rel_ok((thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00',
	'{"expected_interval": "15 minutes"}', 'public.a70_readings') #>> '{data_quality,completeness_pct}')::float8,
	575.0 / 12) AS completeness_15min;

-- Options after defaults are reported; the provenance hash is part of it.
SELECT r #> '{inputs,options,uncertainty_pct}' = thermaliq.analyze_default_options() -> 'uncertainty_pct' AS defaults,
	r ->> 'provenance_hash' = thermaliq.provenance_hash('a70-boiler', '2026-01-05 00:00+00',
		'2026-01-05 04:00+00', '{}', 'public.a70_readings') AS hash_matches,
	length(r ->> 'provenance_hash') AS hash_len
FROM a70;
-- Options change the numbers as documented: price 0.08 doubles the cost.
SELECT pg_temp.rel_ok((o ->> 'cost_savings')::float8, 2 * 31.272122974657304) AS price_option
FROM jsonb_array_elements(thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00',
	'{"energy_price_per_kwh": 0.08}', 'public.a70_readings') -> 'opportunities') o
WHERE o ->> 'name' = 'economizer';

-- Errors.
\set VERBOSITY terse
SELECT thermaliq.analyze('a70-nope', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-nofuel', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 04:00+00', '2026-01-05 04:00+00', '{}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{"bogus": 1}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{"energy_price_per_kwh": "cheap"}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{"uncertainty_pct": {"fuel": 1}}', 'public.a70_readings');
SELECT thermaliq.analyze('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '[1]', 'public.a70_readings');
\set VERBOSITY default

-- calculate: completed with the analyze() result, or failed with the error.
SELECT thermaliq.calculate('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}',
	'public.a70_readings') AS ok_id \gset
SELECT thermaliq.calculate('a70-nofuel', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{}',
	'public.a70_readings') AS nofuel_id \gset
SELECT thermaliq.calculate('a70-boiler', '2026-01-05 00:00+00', '2026-01-05 04:00+00', '{"bogus": true}',
	'public.a70_readings') AS badopt_id \gset
SELECT c.status, c.result = a70.r AS same_result, c.provenance_hash = a70.r ->> 'provenance_hash' AS same_hash,
	c.error IS NULL AS no_error, c.finished_at >= c.created_at AS finished
FROM thermaliq.calculations c, a70 WHERE c.calculation_id = :ok_id;
SELECT CASE calculation_id WHEN :nofuel_id THEN 'no fuel meter' ELSE 'bad option' END AS failure, status, result IS NULL AS no_result, provenance_hash IS NULL AS no_hash, error
FROM thermaliq.calculations WHERE calculation_id IN (:nofuel_id, :badopt_id) ORDER BY calculation_id;
