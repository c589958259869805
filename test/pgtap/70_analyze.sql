-- pgTAP: analyze/calculate/provenance_hash catalog contract (tables,
-- dump registration, volatility, comments), the error contract (SQLSTATEs,
-- key named in option errors) and calculate()'s all-or-nothing rows.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(51);

-- tables
SELECT columns_are('thermaliq', 'benchmarks', ARRAY['process_type', 'percentile', 'efficiency_pct', 'source', 'heating_value_basis',
	'fuel_class', 'condensing'], 'benchmarks has the documented columns (1.1: fuel_class, condensing)');
SELECT col_is_pk('thermaliq', 'benchmarks', ARRAY['process_type', 'fuel_class', 'condensing', 'percentile'],
	'benchmarks PK (process_type, fuel_class, condensing, percentile)');
SELECT columns_are('thermaliq', 'calculations', ARRAY['calculation_id', 'facility_id', 'period_from', 'period_to',
	'status', 'created_at', 'finished_at', 'result', 'provenance_hash', 'error',
	-- 1.1, the queue (84_queue_tables.sql)
	'options', 'readings', 'requested_by', 'attempts', 'started_at', 'worker_pid', 'worker_started', 'reused_from'],
	'calculations has the documented columns (1.1: the queue''s)');
SELECT col_is_pk('thermaliq', 'calculations', 'calculation_id', 'calculation_id is the primary key');
SELECT col_type_is('thermaliq', 'calculations', 'calculation_id', 'bigint', 'calculation_id is bigint');
SELECT is((SELECT attidentity::text FROM pg_attribute WHERE attrelid = 'thermaliq.calculations'::regclass
	AND attname = 'calculation_id'), 'a', 'calculation_id is GENERATED ALWAYS AS IDENTITY');
SELECT ok((SELECT 'thermaliq.calculations'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'thermaliq'),
	'calculations is dumped with the database');
SELECT ok((SELECT 'thermaliq.benchmarks'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'thermaliq'),
	'benchmarks is dumped with the database');
SELECT results_eq('SELECT * FROM thermaliq.benchmarks ORDER BY 1, 2, 3, 4, 5, 6',
	'SELECT * FROM thermaliq.benchmark_seed_rows() ORDER BY 1, 2, 3, 4, 5, 6', 'the table holds the seed');
SELECT set_eq('SELECT DISTINCT process_type FROM thermaliq.benchmarks',
	ARRAY['steam_boiler', 'boiler', 'hot_water_boiler', 'process_heater'], 'seeded per process type');
SELECT is((SELECT count(*) FROM thermaliq.benchmarks b1 JOIN thermaliq.benchmarks b2
	ON b1.process_type = b2.process_type AND b1.fuel_class = b2.fuel_class AND b1.condensing = b2.condensing
	AND b1.percentile < b2.percentile AND b1.efficiency_pct > b2.efficiency_pct),
	0::bigint, 'seeded efficiencies rise with the percentile');
SELECT is((SELECT count(*) FROM thermaliq.benchmarks WHERE source IS NULL OR source = ''), 0::bigint,
	'every seeded row states its source');
-- a restore of an untouched seed row replaces it; an edit then survives
INSERT INTO thermaliq.benchmarks VALUES ('steam_boiler', 50, 81.5, 'my survey');
SELECT is((SELECT efficiency_pct FROM thermaliq.benchmarks WHERE process_type = 'steam_boiler' AND percentile = 50
	AND fuel_class = 'any' AND NOT condensing),
	81.5::float8, 'restoring a seed key over the untouched seed row replaces it');
SELECT throws_ok($$INSERT INTO thermaliq.benchmarks VALUES ('steam_boiler', 50, 82, 'again')$$, '23505', NULL,
	'but an edited row is not overwritten silently');
SELECT throws_ok($$INSERT INTO thermaliq.benchmarks VALUES ('x', 101, 80, NULL)$$, '23514', NULL,
	'percentile above 100 rejected');

-- functions: volatility, strictness, parallel safety, comments
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc WHERE oid =
	'thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure), 'sr', 'analyze is STABLE PARALLEL RESTRICTED');
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc WHERE oid =
	'thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure), 'vu', 'calculate is VOLATILE PARALLEL UNSAFE');
SELECT is((SELECT provolatile::text FROM pg_proc WHERE oid =
	'thermaliq.provenance_hash(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure), 's', 'provenance_hash is STABLE');
SELECT is((SELECT count(*) FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'thermaliq'
	WHERE p.proname IN ('analyze', 'calculate', 'provenance_hash', 'analyze_options', 'analyze_default_options',
		'benchmark_percentile', 'efficiency_uncertainty', 'analyze_opportunity', 'analyze_data_quality',
		'provenance_readings_digest', 'provenance_hash_resolved', 'analyze_constants', 'analyze_mean', 'analyze_interval',
		'benchmark_seed_rows', 'benchmarks_replace_seed')
	  AND obj_description(p.oid, 'pg_proc') IS NULL), 0::bigint, 'every function of this piece has a COMMENT');
SELECT ok(obj_description('thermaliq.calculations'::regclass, 'pg_class') IS NOT NULL
	AND obj_description('thermaliq.benchmarks'::regclass, 'pg_class') IS NOT NULL, 'tables have comments');

-- a facility with 10-minute samples over two hours
SELECT thermaliq.create_readings_table('public.tap70_readings');
INSERT INTO thermaliq.facilities (facility_id, process_type, ambient_temperature_c)
VALUES ('tap70', 'hot_water_boiler', 10), ('tap70-nofuel', 'boiler', 25), ('tap70-empty', 'boiler', 25),
	('tap70-mixed', 'boiler', 25);
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
	('tap70', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('tap70', 'hw', 'hot_water_output', 'rate', 'kW', NULL, NULL),
	('tap70-nofuel', 'hw', 'hot_water_output', 'rate', 'kW', NULL, NULL),
	('tap70-empty', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('tap70-mixed', 'gas1', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
	('tap70-mixed', 'gas2', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv');
INSERT INTO public.tap70_readings
SELECT 'tap70', m, '2026-03-01 00:00+00'::timestamptz + k * interval '10 minutes', v, 'kW', 0
FROM generate_series(-1, 13) k, LATERAL (VALUES ('gas', 1000.0), ('hw', 900.0)) s(m, v);

-- hot water 80/60 degC, dead state 283.15 K, LHV: output 1800 kWh, fuel 2000 kWh
SELECT is((thermaliq.analyze('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00', '{}', 'public.tap70_readings')
	#>> '{first_law,input_output_efficiency_pct}')::float8, 90::float8, 'input-output efficiency 1800 / 2000');
SELECT ok(abs((thermaliq.analyze('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00', '{}', 'public.tap70_readings')
	#>> '{second_law,output_exergy_kwh}')::float8 - thermaliq.stream_heat_exergy_kw(1800, 353.15, 333.15, 283.15)) < 1e-9,
	'hot water exergy at 80/60 degC via stream_heat_exergy_kw');
SELECT ok(abs((thermaliq.analyze('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00',
	'{"hot_water_supply_c": 90, "hot_water_return_c": 70}', 'public.tap70_readings')
	#>> '{second_law,output_exergy_kwh}')::float8 - thermaliq.stream_heat_exergy_kw(1800, 363.15, 343.15, 283.15)) < 1e-9,
	'temperatures from the options');
SELECT is(thermaliq.analyze('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00', '{}', 'public.tap70_readings')
	#>> '{first_law,heat_loss_efficiency_pct}', NULL, 'no flue-gas meters: no heat-loss efficiency');
SELECT is((SELECT count(*) FROM jsonb_array_elements(thermaliq.analyze('tap70', '2026-03-01 00:00+00',
	'2026-03-01 02:00+00', '{}', 'public.tap70_readings') -> 'opportunities') o
	WHERE (o ->> 'applicable')::boolean), 0::bigint, 'no flue-gas or blowdown meters: no opportunity applies');
-- 1.1: the hot-water rows are EN 303-1 net values, labelled LHV; natural
-- gas without flue-gas meters is the gas / non-condensing group (86, 88,
-- 90, 92, 94 % LHV): 90 % on LHV is the 50th percentile, no restating.
SELECT is((thermaliq.analyze('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00', '{}', 'public.tap70_readings')
	#>> '{benchmark,percentile}')::float8, 50::float8,
	'hot_water_boiler: 90 % LHV against the gas non-condensing LHV rows is p50');

-- errors
SELECT throws_ok($$SELECT thermaliq.analyze('nope', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'22023', 'unknown facility "nope"', 'unknown facility');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-02', '2026-03-01', '{}', 'public.tap70_readings')$$,
	'22023', 'p_to must be later than p_from', 'p_to before p_from');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-01', '{}', 'public.tap70_readings')$$,
	'22023', 'p_to must be later than p_from', 'empty period');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '-infinity', '2026-03-01', '{}', 'public.tap70_readings')$$,
	'22023', 'p_from and p_to must be finite', 'infinite period');
SELECT throws_ok($$SELECT thermaliq.analyze(NULL, '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'22004', NULL, 'NULL facility');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70-nofuel', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'22023', 'facility "tap70-nofuel" has no fuel_input meter', 'no fuel meter');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70-mixed', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'22023', 'fuel meters of facility "tap70-mixed" mix heating value bases', 'mixed bases');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70-empty', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'P0002', NULL, 'no fuel readings in the period');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"nope": 1}', 'public.tap70_readings')$$,
	'22023', 'unknown option "nope"', 'unknown option named');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"target_o2_pct": "2"}', 'public.tap70_readings')$$,
	'22023', 'option "target_o2_pct" must be a number', 'wrong type named');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"capex": 5}', 'public.tap70_readings')$$,
	'22023', 'option "capex" must be a JSON object', 'object option given a number');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"capex": {"economiser": 5}}', 'public.tap70_readings')$$,
	'22023', 'unknown option "capex.economiser"', 'nested unknown key named');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"uncertainty_pct": {"fuel_input": -1}}', 'public.tap70_readings')$$,
	'22023', 'option "uncertainty_pct.fuel_input" must be a non-negative number', 'negative uncertainty');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"currency": 1}', 'public.tap70_readings')$$,
	'22023', 'option "currency" must be a string', 'currency must be a string');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"expected_interval": "soon"}', 'public.tap70_readings')$$,
	'22023', 'option "expected_interval" is not a valid interval: "soon"', 'bad interval');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"blowdown_recovery_fraction": 1.5}', 'public.tap70_readings')$$,
	'22023', 'option "blowdown_recovery_fraction" is out of range: 1.5', 'fraction above 1');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"hot_water_supply_c": 50}', 'public.tap70_readings')$$,
	'22023', 'option "hot_water_supply_c" must not be below "hot_water_return_c"', 'supply below return');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{"steam_pressure_mpa": 200}', 'public.tap70_readings')$$,
	'22003', NULL, 'steam pressure outside IF97 saturation: the IF97 range error');
SELECT throws_ok($$SELECT thermaliq.analyze('tap70', '2026-03-01', '2026-03-02', '{}', 'public.no_such_table')$$,
	'42P01', NULL, 'unknown readings table');

-- calculate: completed or failed, never half
SELECT lives_ok($$CREATE TEMP TABLE ids AS SELECT
	thermaliq.calculate('tap70', '2026-03-01 00:00+00', '2026-03-01 02:00+00', '{}', 'public.tap70_readings') AS ok,
	thermaliq.calculate('tap70-empty', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings') AS empty$$, 'calculate returns ids');
SELECT is((SELECT status || ' ' || (result IS NOT NULL)::text || ' ' || (provenance_hash = result ->> 'provenance_hash')::text
	FROM thermaliq.calculations WHERE calculation_id = (SELECT ok FROM ids)), 'completed true true', 'completed with result and hash');
SELECT is((SELECT status || ' ' || (result IS NULL)::text || ' ' || left(error, 6)
	FROM thermaliq.calculations WHERE calculation_id = (SELECT empty FROM ids)), 'failed true P0002:', 'failed with SQLSTATE, no result');
-- tenancy (80_tenancy.sql): checked before any row is stored, as for a
-- facility row-level security hides
SELECT throws_ok($$SELECT thermaliq.calculate('nope', '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$,
	'22023', 'unknown facility "nope"', 'an unknown facility raises and stores nothing');
SELECT throws_ok($$UPDATE thermaliq.calculations SET status = 'completed' WHERE calculation_id = (SELECT empty FROM ids)$$,
	'23514', NULL, 'a completed row without a result is impossible');
SELECT throws_ok($$SELECT thermaliq.calculate(NULL, '2026-03-01', '2026-03-02', '{}', 'public.tap70_readings')$$, '22004', NULL,
	'calculate with a NULL argument raises');

SELECT * FROM finish();
ROLLBACK;
