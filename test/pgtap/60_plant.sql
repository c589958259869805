-- pgTAP: the plant functions' contract (signatures, markings, settings
-- tables, error SQLSTATEs) and their consistency with one another on two
-- days of the synthetic plant (gaps, duplicates, bad and stale samples, a
-- kWh counter with a reset).
BEGIN;
SELECT plan(46);
-- the synthetic plant generator (extension thermaliq_demo), rolled back with the test
CREATE EXTENSION thermaliq_demo;

-- signatures and markings
SELECT has_function('thermaliq', 'efficiency_series', ARRAY['text', 'timestamp with time zone',
	'timestamp with time zone', 'interval', 'regclass'], 'efficiency_series(text, timestamptz, timestamptz, interval, regclass)');
SELECT has_function('thermaliq', f, ARRAY['text', 'timestamp with time zone', 'timestamp with time zone', 'regclass'],
	f || '(text, timestamptz, timestamptz, regclass)')
FROM unnest(ARRAY['heat_balance', 'balance_closure', 'sankey', 'sankey_svg']) f;
SELECT is((SELECT string_agg(DISTINCT p.provolatile::text || p.proisstrict::text || p.proparallel::text, ',')
	FROM pg_proc p WHERE p.pronamespace = 'thermaliq'::regnamespace
	AND p.proname IN ('efficiency_series', 'heat_balance', 'balance_closure', 'sankey', 'sankey_svg')),
	'struer', 'all five are STABLE, STRICT, PARALLEL RESTRICTED');
SELECT is((SELECT pg_get_function_result('thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass)'::regprocedure)),
	'TABLE(bucket_start timestamp with time zone, fuel_input_kwh double precision, electric_input_kwh double precision, useful_output_kwh double precision, first_law_efficiency_pct double precision, coverage_pct double precision, quality_pct double precision, gap_meters text[])',
	'efficiency_series result columns');
SELECT is((SELECT pg_get_function_result('thermaliq.heat_balance(text, timestamptz, timestamptz, regclass)'::regprocedure)),
	'TABLE(category text, stream text, energy_kwh double precision, share_pct double precision)', 'heat_balance result columns');
SELECT is((SELECT pg_get_function_result('thermaliq.balance_closure(text, timestamptz, timestamptz, regclass)'::regprocedure)),
	'TABLE(input_kwh double precision, output_kwh double precision, loss_kwh double precision, unaccounted_kwh double precision, closure_error_pct double precision, closure_class text)',
	'balance_closure result columns');
SELECT is((SELECT pg_get_function_result('thermaliq.sankey(text, timestamptz, timestamptz, regclass)'::regprocedure)),
	'TABLE(source text, target text, energy_kwh double precision)', 'sankey result columns');
SELECT function_returns('thermaliq', 'sankey_svg', ARRAY['text', 'timestamp with time zone', 'timestamp with time zone', 'regclass'],
	'text', 'sankey_svg returns text');
SELECT ok((SELECT pg_get_function_arguments('thermaliq.heat_balance(text, timestamptz, timestamptz, regclass)'::regprocedure)
	LIKE '%p_readings regclass DEFAULT (''public.energy_readings''::text)::regclass'),
	'the readings default is cast at call time');
SELECT ok((SELECT pg_get_function_arguments('thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass)'::regprocedure)
	LIKE '%p_bucket interval DEFAULT ''01:00:00''::interval%'), 'p_bucket defaults to 1 hour');
SELECT ok(obj_description(p.oid, 'pg_proc') IS NOT NULL, p.proname || ' has a comment')
FROM pg_proc p WHERE p.pronamespace = 'thermaliq'::regnamespace
	AND p.proname IN ('efficiency_series', 'heat_balance', 'balance_closure', 'sankey', 'sankey_svg') ORDER BY p.proname;

-- settings tables
SELECT has_table('thermaliq', 'facility_settings', 'facility_settings exists');
SELECT has_table('thermaliq', 'meter_settings', 'meter_settings exists');
SELECT ok((SELECT 'thermaliq.facility_settings'::regclass = ANY (extconfig) AND 'thermaliq.meter_settings'::regclass = ANY (extconfig)
	FROM pg_extension WHERE extname = 'thermaliq'), 'both are dumped with the database');

-- two days of one synthetic facility (hot-water boiler with a kWh counter)
SET LOCAL client_min_messages = warning;
SELECT thermaliq.create_readings_table('public.plant_tap_readings', '1 month', 2,
	p_start_partition := now() - interval '2 months');
SELECT thermaliq.generate_plant(2, date_trunc('hour', now()) - interval '50 hours', date_trunc('hour', now()),
	'public.plant_tap_readings', p_prefix := 'tap60');
RESET client_min_messages;
CREATE TEMP TABLE r AS SELECT date_trunc('hour', now()) - interval '48 hours' AS f, date_trunc('hour', now()) AS t;

SELECT throws_ok($$INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('tap60-001', '0 minutes')$$,
	'23514', NULL, 'max_gap must be positive');
SELECT throws_ok($$INSERT INTO thermaliq.facility_settings (facility_id, radiation_loss_pct) VALUES ('tap60-001', -1)$$,
	'23514', NULL, 'radiation_loss_pct must not be negative');
SELECT throws_ok($$INSERT INTO thermaliq.meter_settings (facility_id, meter_id, max_gap) VALUES ('tap60-001', 'nope', '1 hour')$$,
	'23503', NULL, 'meter_settings refers to a meter');

CREATE TEMP TABLE hourly AS SELECT e.* FROM r, thermaliq.efficiency_series('tap60-002', r.f, r.t, '1 hour', 'public.plant_tap_readings') e;
CREATE TEMP TABLE whole AS SELECT e.* FROM r, thermaliq.efficiency_series('tap60-002', r.f, r.t, '2 days', 'public.plant_tap_readings') e;
CREATE TEMP TABLE hb AS SELECT h.* FROM r, thermaliq.heat_balance('tap60-002', r.f, r.t, 'public.plant_tap_readings') h;
CREATE TEMP TABLE bc AS SELECT c.* FROM r, thermaliq.balance_closure('tap60-002', r.f, r.t, 'public.plant_tap_readings') c;
CREATE TEMP TABLE sk AS SELECT s.* FROM r, thermaliq.sankey('tap60-002', r.f, r.t, 'public.plant_tap_readings') s;

SELECT is((SELECT count(*) FROM hourly), 48::bigint, '48 hourly buckets');
SELECT ok((SELECT abs(sum(h.fuel_input_kwh) / w.fuel_input_kwh - 1) < 1e-9 FROM hourly h, whole w GROUP BY w.fuel_input_kwh),
	'hourly fuel adds up to the whole range');
SELECT ok((SELECT abs(sum(h.electric_input_kwh) / w.electric_input_kwh - 1) < 1e-9 FROM hourly h, whole w GROUP BY w.electric_input_kwh),
	'hourly electricity (a counter with a reset) adds up to the whole range');
SELECT ok((SELECT abs(sum(h.useful_output_kwh) / w.useful_output_kwh - 1) < 1e-9 FROM hourly h, whole w GROUP BY w.useful_output_kwh),
	'hourly output adds up to the whole range');
SELECT ok((SELECT bool_and(first_law_efficiency_pct BETWEEN 60 AND 100) FROM whole), 'a plausible efficiency');
SELECT ok((SELECT min(quality_pct) < 100 AND max(quality_pct) <= 100 FROM hourly), 'bad and stale samples lower quality_pct');
SELECT ok((SELECT min(coverage_pct) < 100 AND min(coverage_pct) >= 0 FROM hourly), 'the generator''s gaps lower coverage_pct');
SELECT ok((SELECT abs(sum(energy_kwh) - w.fuel_input_kwh - w.electric_input_kwh) < 1e-9 * (w.fuel_input_kwh + w.electric_input_kwh)
	FROM hb, whole w WHERE category = 'input' AND stream <> 'latent_heat_above_lhv' GROUP BY w.fuel_input_kwh, w.electric_input_kwh),
	'heat_balance inputs = efficiency_series inputs (1.1: besides the latent heat row of an LHV balance)');
SELECT ok((SELECT abs(sum(energy_kwh) - w.useful_output_kwh) < 1e-9 * w.useful_output_kwh
	FROM hb, whole w WHERE category = 'output' GROUP BY w.useful_output_kwh), 'heat_balance outputs = useful output');
SELECT set_eq($$SELECT stream FROM hb WHERE category = 'loss'$$, ARRAY['dry_flue_gas', 'moisture', 'latent_heat', 'radiation'],
	'losses: dry flue gas, moisture, latent heat (1.1), radiation (no CO meter, no blowdown meter)');
SELECT ok((SELECT abs(sum(energy_kwh) FILTER (WHERE category = 'input') - sum(energy_kwh) FILTER (WHERE category <> 'input'))
	< 1e-9 * sum(energy_kwh) FILTER (WHERE category = 'input') FROM hb), 'input = output + losses + unaccounted');
SELECT ok((SELECT abs(sum(share_pct) FILTER (WHERE category <> 'input') - 100) < 1e-9 FROM hb), 'shares of the rest add to 100 %');
SELECT ok((SELECT abs(bc.input_kwh - sum(energy_kwh) FILTER (WHERE category = 'input')) < 1e-6
	AND abs(bc.loss_kwh - sum(energy_kwh) FILTER (WHERE category = 'loss')) < 1e-6
	AND abs(bc.unaccounted_kwh - sum(energy_kwh) FILTER (WHERE category = 'unaccounted')) < 1e-6
	FROM hb, bc GROUP BY bc.input_kwh, bc.loss_kwh, bc.unaccounted_kwh), 'balance_closure sums heat_balance');
SELECT ok((SELECT closure_class = CASE WHEN closure_error_pct < 1 THEN 'excellent' WHEN closure_error_pct <= 2 THEN 'good'
	WHEN closure_error_pct <= 5 THEN 'marginal' ELSE 'reject' END FROM bc), 'closure class from the error');
SELECT is((SELECT count(*) FROM sk), (SELECT count(*) FROM hb), 'one sankey link per heat_balance row');
SELECT ok((SELECT abs(sum(energy_kwh) FILTER (WHERE target = 'tap60-002') - sum(energy_kwh) FILTER (WHERE source = 'tap60-002')) < 1e-6
	FROM sk), 'the facility node balances');
SELECT ok((SELECT xml_is_well_formed_document(thermaliq.sankey_svg('tap60-002', r.f, r.t, 'public.plant_tap_readings')) FROM r),
	'sankey_svg is well-formed XML');

-- errors
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('no-such', now() - interval '1 day', now(), '1 hour', 'public.plant_tap_readings')$$,
	'22023', 'unknown facility "no-such"', 'unknown facility');
SELECT throws_ok($$SELECT * FROM thermaliq.heat_balance('tap60-001', now(), now() - interval '1 day', 'public.plant_tap_readings')$$,
	'22023', 'p_to must be later than p_from', 'empty range');
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('tap60-001', now() - interval '1 day', now(), '-5 minutes', 'public.plant_tap_readings')$$,
	'22023', 'p_bucket must be a positive interval', 'negative bucket');
SELECT throws_ok($$SELECT * FROM thermaliq.efficiency_series('tap60-001', now() - interval '3 years', now(), '1 minute', 'public.plant_tap_readings')$$,
	'54000', NULL, 'too many buckets');
SELECT throws_ok($$SELECT thermaliq.sankey_svg('tap60-001', now() - interval '1 day', now(), 'pg_class')$$,
	'42809', NULL, 'not a readings table');

SELECT * FROM finish();
ROLLBACK;
