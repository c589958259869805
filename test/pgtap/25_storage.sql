-- Storage: create_readings_table under pg_partman 4.7, the registries'
-- constraints, convert() against exact definitions.
BEGIN;
SET LOCAL client_min_messages = warning;
SELECT plan(28);

SELECT is(thermaliq.create_readings_table('public.tap_readings', '1 month', 3, '6 months')::text,
	'tap_readings', 'create_readings_table returns the new table');
SELECT is(current_setting('search_path'), '"$user", public', 'and leaves the caller''s search_path alone');
SELECT is((SELECT relkind::text FROM pg_class WHERE oid = 'public.tap_readings'::regclass), 'p',
	'it is partitioned');
SELECT is((SELECT partstrat::text FROM pg_partitioned_table WHERE partrelid = 'public.tap_readings'::regclass),
	'r', 'by range');
SELECT columns_are('public', 'tap_readings',
	ARRAY['facility_id', 'meter_id', 'timestamp', 'value', 'unit', 'quality'], 'the runbook columns');
SELECT has_table('public', 'tap_readings_default', 'a DEFAULT partition is kept');
SELECT cmp_ok((SELECT count(*)::int FROM partman.show_partitions('public.tap_readings') p
	WHERE p.partition_tablename > 'tap_readings_p' || to_char(now(), 'YYYY_MM')), '>=', 3,
	'premake: 3 monthly partitions exist ahead of the current one');
SELECT is((SELECT retention FROM partman.part_config WHERE parent_table = 'public.tap_readings'),
	'6 mons', 'retention is registered with pg_partman');
SELECT ok(EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'tap_readings'
	AND indexdef LIKE '%(facility_id, meter_id, "timestamp") INCLUDE (value, quality)'),
	'per-meter index (facility_id, meter_id, timestamp)');
SELECT ok(EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'tap_readings'
	AND indexdef LIKE '%(facility_id, "timestamp" DESC) INCLUDE (value, unit, quality)'),
	'covering index (facility_id, timestamp DESC) INCLUDE (value, unit, quality)');

-- A row far outside every partition lands in DEFAULT; maintenance moves it.
INSERT INTO public.tap_readings VALUES
	('f1', 'm1', date_trunc('month', now()) - interval '5 years' + interval '3 days', 42, 'kW', 0),
	('f1', 'm1', now(), 7, 'kW', 0);
SELECT is((SELECT tableoid::regclass::text FROM public.tap_readings WHERE value = 42),
	'tap_readings_default', 'an old row lands in the DEFAULT partition');
SELECT is((SELECT tableoid::regclass::text FROM public.tap_readings WHERE value = 7),
	'tap_readings_p' || to_char(now(), 'YYYY_MM'), 'a current row lands in its month');
SELECT is(partman.partition_data_time('public.tap_readings', p_batch_count := 10), 1::bigint,
	'partition_data_time moves the row out of DEFAULT');
SELECT is((SELECT tableoid::regclass::text FROM public.tap_readings WHERE value = 42),
	'tap_readings_p' || to_char(now() - interval '5 years', 'YYYY_MM'), 'into a partition made for it');
SELECT is((SELECT count(*)::int FROM public.tap_readings_default), 0, 'DEFAULT is empty again');

-- Retention drops partitions older than 6 months, with their rows.
SELECT lives_ok($$SELECT partman.run_maintenance('public.tap_readings', p_jobmon := false)$$,
	'run_maintenance applies retention');
SELECT hasnt_table('public', 'tap_readings_p' || to_char(now() - interval '5 years', 'YYYY_MM'),
	'the 5-year-old partition is dropped');
SELECT is((SELECT count(*)::int FROM public.tap_readings), 1, 'only the current row is left');

SELECT throws_ok($$SELECT thermaliq.create_readings_table('public.tap_readings')$$, '42P07',
	NULL, 'creating the same table twice is an error');
SELECT throws_ok($$SELECT thermaliq.create_readings_table('public.tap_r2', '1 month', 0)$$, '22023',
	'p_premake must be at least 1, not 0', 'premake below 1 is rejected');
SELECT throws_ok($$INSERT INTO public.tap_readings VALUES ('f', 'm', now(), 1, 'kW', 9)$$, '23514',
	NULL, 'quality outside 0..3 is rejected');

-- Registries
INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('tapf', 'TAP boiler house');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit)
	VALUES ('tapf', 's1', 'steam', 'rate', 'kW')$$, '23514', 'invalid meter role "steam"',
	'an unknown role is rejected with a clear message');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, heating_value_basis)
	VALUES ('tapf', 'g1', 'fuel_input', 'rate', 'kW', 'net')$$, '23514', 'invalid heating value basis "net"',
	'an unknown heating value basis is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit)
	VALUES ('tapf', 'g1', 'fuel_input', 'rate', 'kW')$$, '23514', 'fuel meter "g1" needs a heating value basis',
	'a fuel meter without a basis is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit)
	VALUES ('tapf', 'e1', 'electric_input', 'cumulative', 'kWh')$$, '23514', 'invalid meter kind "cumulative"',
	'an unknown kind is rejected');
SELECT throws_ok($$INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit)
	VALUES ('tapf', 'e1', 'electric_input', 'rate', 'horsepower-ish')$$, '23514',
	'unknown unit "horsepower-ish" for meter "e1"', 'an unknown unit is rejected');
SELECT ok((SELECT extconfig @> ARRAY['thermaliq.facilities'::regclass::oid, 'thermaliq.meters'::regclass::oid]
	FROM pg_extension WHERE extname = 'thermaliq'), 'both registries are dumped with the database');

-- convert() against exact definitions
SELECT ok(abs(thermaliq.convert(1, 'MMBtu', 'kWh') - 293.071) < 5e-4
	AND abs(thermaliq.convert(1, 'therm', 'kWh') - 29.3071) < 5e-5
	AND thermaliq.convert(0, 'degC', 'K') = 273.15
	AND abs(thermaliq.convert(0, 'degC', 'degF') - 32) < 1e-12,
	'1 MMBtu = 293.071 kWh, 1 therm = 29.3071 kWh, 0 degC = 273.15 K = 32 degF');

SELECT * FROM finish();
ROLLBACK;
