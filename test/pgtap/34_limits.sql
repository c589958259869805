-- pgTAP: limits of the plant ranges, settings and volatility (issue #10,
-- deliverables 2 and 4). Before: an efficiency_series range from 4714 BC
-- to 294276 AD overflowed to - p_from (negative) and asked palloc for a
-- negative bucket array, XX000 "invalid memory alloc request size"; any
-- role could SET thermaliq.log_cache = '2000GB'; analyze_options and
-- analyze_interval were IMMUTABLE but call STABLE casts.
BEGIN;
SELECT plan(12);

INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('lim', 'limits');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
VALUES ('lim', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
       ('lim', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL);
CREATE TEMP TABLE lim_r (facility_id text, meter_id text, "timestamp" timestamptz,
	value float8, unit text, quality smallint);
INSERT INTO lim_r VALUES ('lim', 'gas', '2026-11-10 00:00+00', 100, 'kW', 0),
	('lim', 'gas', '2026-11-10 00:10+00', 100, 'kW', 0),
	('lim', 'heat', '2026-11-10 00:00+00', 90, 'kW', 0),
	('lim', 'heat', '2026-11-10 00:10+00', 90, 'kW', 0);

-- ---- one timestamp range check for every plant range
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('lim', '4714-11-24 00:00+00 BC', '294276-12-31 00:00+00', '1 hour', 'lim_r')$$,
	'22008', 'range [p_from, p_to) is too long', 'efficiency_series over more than 2^63 us is 22008 (was XX000)');
SELECT throws_ok($$SELECT * FROM thermaliq.heat_balance('lim', '4714-11-24 00:00+00 BC', '294276-12-31 00:00+00', 'lim_r')$$,
	'22008', NULL, 'heat_balance over more than 2^63 us is 22008');
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('lim', '-infinity', '2026-11-11', '1 hour', 'lim_r')$$,
	'22008', 'p_from must be a finite timestamp', 'an infinite p_from is 22008, like every timestamp out of range');
-- the ends of the range, with max_gap added around them: clamped, not wrapped
SELECT is((SELECT round(sum(fuel_input_kwh)::numeric, 6) FROM thermaliq.efficiency_series('lim', '4714-11-24 00:00+00 BC', '2026-11-11', '100000 years', 'lim_r')),
	16.666667, 'a range from the first valid timestamp reads the readings (100 kW x 10 min = 16.67 kWh)');
SELECT is((SELECT round(sum(useful_output_kwh)::numeric, 6) FROM thermaliq.efficiency_series('lim', '2026-11-10', '294276-12-31 00:00+00', '100000 years', 'lim_r')),
	15.000000, 'a range to the last valid day reads them too (90 kW x 10 min = 15 kWh)');

-- ---- thermaliq.log_cache: superusers only, reset by DISCARD ALL
CREATE ROLE tq_limits_user NOLOGIN;
SELECT thermaliq.sample_count(thermaliq.time_weight(now(), 1));  -- the library is loaded
SET LOCAL ROLE tq_limits_user;
SELECT throws_ok($$SET thermaliq.log_cache = '2000GB'$$, '42501', NULL, 'a non-superuser SET of log_cache is 42501');
SELECT throws_ok($$SELECT set_config('thermaliq.log_cache', '1GB', false)$$, '42501', NULL, 'so is set_config');
RESET ROLE;
SELECT lives_ok($$SET thermaliq.log_cache = '64MB'$$, 'a superuser may set it');
SELECT is(current_setting('thermaliq.log_cache'), '64MB', 'and it is set');
SELECT is((SELECT context FROM pg_settings WHERE name = 'thermaliq.log_cache'), 'superuser', 'its context is superuser');

-- ---- volatility: the casts inside are STABLE, so are the functions
SELECT is((SELECT provolatile::text FROM pg_proc WHERE oid = 'thermaliq.analyze_options(jsonb)'::regprocedure), 's',
	'analyze_options is STABLE');
SELECT is((SELECT provolatile::text FROM pg_proc WHERE oid = 'thermaliq.analyze_interval(text, text)'::regprocedure), 's',
	'analyze_interval is STABLE');

SELECT * FROM finish();
ROLLBACK;
