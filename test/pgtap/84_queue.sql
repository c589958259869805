-- pgTAP: the calculation queue and the metrics (API.md section 7).
-- Facility qa (owner tq84_a, an analyst) has a natural-gas meter (kW, HHV)
-- at 100 kW and a steam meter at 80 kW, read every 10 minutes for one hour
-- (t0 .. t1): 100 kWh in, 80 kWh out, 80 % (radiation 1 %: 1 kWh). A
-- restrictive policy lets tq84_a read quality 0 only; one quality-1 steam
-- sample of 1000 kW at t0 + 5 min is hidden from it, so a result computed
-- as the owner (who reads it) differs from one computed as tq84_a.
-- Everything runs in one transaction: run_pending() claims and stores in
-- it; the background workers and the two-transaction claim are tested in
-- test/t/084_queue_workers.pl.
BEGIN;
SELECT plan(57);
SET LOCAL client_min_messages = warning;

SELECT thermaliq.setup_roles();
CREATE ROLE tq84_a NOLOGIN;
CREATE ROLE tq84_b NOLOGIN;
CREATE ROLE tq84_reader NOLOGIN;
CREATE ROLE tq84_boss NOLOGIN;
CREATE ROLE tq84_mon NOLOGIN;
GRANT thermaliq_analyst TO tq84_a, tq84_b;
GRANT thermaliq_reader TO tq84_reader;
GRANT thermaliq_admin TO tq84_boss;
GRANT pg_monitor TO tq84_mon;

SELECT thermaliq.create_readings_table('public.tq84_readings', '1 month', 2,
	p_start_partition => date_trunc('month', now()) - interval '1 month');
INSERT INTO thermaliq.facilities (facility_id, name, owner_role) VALUES
	('qa', 'Queue A boiler', 'tq84_a'), ('qb', 'Queue B boiler', 'tq84_b'),
	(repeat('x', 1200), 'a long name', 'tq84_a'), ('qr', 'Reader''s boiler', 'tq84_reader');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
SELECT f, m, r, 'rate', 'kW', CASE WHEN m = 'gas' THEN 'natural_gas' END, CASE WHEN m = 'gas' THEN 'hhv' END
FROM unnest(ARRAY['qa', 'qb', repeat('x', 1200), 'qr']) f, (VALUES ('gas', 'fuel_input'), ('steam', 'steam_output')) v(m, r);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap, radiation_loss_pct) VALUES ('qa', '1 hour', 1);
CREATE TEMP TABLE tq84_period AS SELECT date_trunc('hour', now()) - interval '1 day' AS t0,
	date_trunc('hour', now()) - interval '23 hours' AS t1;
GRANT SELECT ON tq84_period TO PUBLIC;
CREATE TEMP TABLE tq84_ids (k text PRIMARY KEY, id bigint);
GRANT ALL ON tq84_ids TO PUBLIC;
INSERT INTO public.tq84_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT f, m, t0 + k * interval '10 minutes', v, 'kW'
FROM tq84_period, generate_series(0, 6) k,
	(VALUES ('qa', 'gas', 100.0), ('qa', 'steam', 80.0), ('qb', 'gas', 200.0), ('qb', 'steam', 150.0)) x(f, m, v);
INSERT INTO public.tq84_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'qa', 'steam', t0 + interval '5 minutes', 1000, 'kW', 1 FROM tq84_period;
CREATE POLICY tq84_good_only ON public.tq84_readings AS RESTRICTIVE FOR SELECT TO tq84_a USING (quality = 0);
-- a readings table whose unit column is an int (the row reader's check)
CREATE TABLE public.tq84_bad (facility_id text, meter_id text, "timestamp" timestamptz, value float8,
	unit int, quality smallint);
GRANT SELECT ON public.tq84_bad TO PUBLIC;
CREATE FUNCTION pg_temp.tq84_explain(p_sql text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || p_sql;
END
$f$;

-- ------------------------------------------------------------- enqueue
SET LOCAL ROLE tq84_a;
INSERT INTO tq84_ids SELECT 'first', thermaliq.enqueue('qa', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period;
RESET ROLE;
SELECT is((SELECT status || ' ' || requested_by || ' ' || readings || ' ' || options::text || ' ' || attempts
	|| ' ' || (result IS NULL)::text FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')),
	'pending tq84_a public.tq84_readings {} 0 true',
	'enqueue() stores a pending calculation with the request role, the readings table and the options');
SET LOCAL ROLE tq84_a;
SELECT throws_ok($$SELECT thermaliq.enqueue(NULL, t0, t1, '{}', 'public.tq84_readings') FROM tq84_period$$, '22004', NULL, 'NULL facility: 22004');
SELECT throws_ok($$SELECT thermaliq.enqueue('qa', t0, t1, NULL, 'public.tq84_readings') FROM tq84_period$$, '22004', NULL, 'NULL options: 22004');
SELECT throws_ok($$SELECT thermaliq.enqueue('qa', t1, t0, '{}', 'public.tq84_readings') FROM tq84_period$$, '22023',
	'p_to must be later than p_from', 'a reversed period is refused at once (22023), not queued');
SELECT throws_ok($$SELECT thermaliq.enqueue('qa', '-infinity', t1, '{}', 'public.tq84_readings') FROM tq84_period$$, '22023',
	'p_from and p_to must be finite', 'an infinite period: 22023');
SELECT throws_ok($$SELECT thermaliq.enqueue('qa', t0, t1, '{"bogus": 1}', 'public.tq84_readings') FROM tq84_period$$, '22023',
	'unknown option "bogus"', 'an unknown option: 22023 at enqueue');
SELECT throws_ok($$SELECT thermaliq.enqueue('qb', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period$$, '22023',
	'unknown facility "qb"', 'B''s facility reads as unknown to A (22023)');
SELECT throws_ok($$SELECT thermaliq.enqueue('nowhere', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period$$, '22023',
	'unknown facility "nowhere"', 'as a facility that does not exist');
SELECT throws_ok($$SELECT thermaliq.enqueue('qa', t0, t1, '{}', 'public.tq84_bad') FROM tq84_period$$, '42804', NULL,
	'a readings table with a wrong column type: 42804');
SELECT throws_ok($$SELECT thermaliq.run_pending()$$, '42501', NULL, 'an analyst may not run the queue (42501)');
SELECT throws_ok($$SELECT thermaliq.queue_claim()$$, '42501', NULL, 'nor claim from it');
SELECT throws_ok($$SELECT thermaliq.queue_as_role('postgres', 'analyze', 'qa', now(), now(), '{}', 'public.tq84_readings')$$,
	'42501', NULL, 'nor compute as another role');
SELECT throws_ok($$SELECT * FROM thermaliq.metrics$$, '42501', NULL, 'nor read the metrics (they name every facility)');
SELECT throws_ok($$INSERT INTO thermaliq.calculations (facility_id, period_from, period_to) VALUES ('qa', now(), now())$$,
	'42501', NULL, 'nor write calculations directly');
RESET ROLE;
SET LOCAL ROLE tq84_reader;
SELECT throws_ok($$SELECT thermaliq.enqueue('qr', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period$$, '42501', NULL,
	'a reader (not an analyst) may not enqueue, not even for its own facility (42501)');
RESET ROLE;
SELECT is((SELECT count(*) FROM thermaliq.calculations), 1::bigint, 'none of the refused requests stored a row');

-- the same request again (the cache), other options (no cache), B's own,
-- a facility whose error message is long, a period without readings
SET LOCAL ROLE tq84_a;
INSERT INTO tq84_ids SELECT 'again', thermaliq.enqueue('qa', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period;
INSERT INTO tq84_ids SELECT 'rad2', thermaliq.enqueue('qa', t0, t1, '{"target_o2_pct": 3}', 'public.tq84_readings') FROM tq84_period;
INSERT INTO tq84_ids SELECT 'long', thermaliq.enqueue(repeat('x', 1200), t0, t1, '{}', 'public.tq84_readings') FROM tq84_period;
INSERT INTO tq84_ids SELECT 'empty', thermaliq.enqueue('qa', t0 - interval '10 days', t1 - interval '10 days', '{}', 'public.tq84_readings') FROM tq84_period;
RESET ROLE;
SET LOCAL ROLE tq84_b;
INSERT INTO tq84_ids SELECT 'b', (thermaliq_api.enqueue('qb', t0, t1, '{}', 'public.tq84_readings') ->> 'calculation_id')::bigint FROM tq84_period;
SELECT is((SELECT count(*) FROM thermaliq.calculations), 1::bigint, 'B sees only its own queued calculation');
RESET ROLE;

-- ------------------------------------------------------------- metrics
SET LOCAL ROLE tq84_mon;
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'calculation_queue_depth'), 6::float8,
	'pg_monitor reads the metrics: queue depth 6 (pending)');
RESET ROLE;
SELECT is((SELECT string_agg(metric, ',' ORDER BY metric) FROM thermaliq.metrics WHERE labels = '{}'),
	'calculation_errors_total,calculation_queue_depth,calculation_queue_oldest_seconds,calculation_retries_total,'
	'calculations_completed_total,calculations_processing,calculations_reclaimed_total,calculations_reused_total,workers',
	'the unlabelled metrics');
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'readings_lag_seconds' AND labels ->> 'facility_id' = 'qa'
	AND labels ->> 'readings' = 'public.tq84_readings'),
	(SELECT extract(epoch FROM now() - max("timestamp"))::float8 FROM public.tq84_readings WHERE facility_id = 'qa'),
	'readings_lag_seconds of qa is now() minus its newest reading (t1)');
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'readings_lag_seconds' AND labels ->> 'facility_id' = 'qa'
	AND labels ->> 'readings' = 'public.tq84_readings'),
	(SELECT extract(epoch FROM now() - t1)::float8 FROM tq84_period), 'which is t1');

-- ------------------------------------------------------------- run_pending
SET LOCAL ROLE tq84_boss;
SELECT throws_ok($$SELECT thermaliq.run_pending(-1)$$, '22023', 'p_max must not be negative', 'p_max < 0: 22023');
SELECT is(thermaliq.run_pending(0), 0, 'run_pending(0) processes nothing');
SELECT is(thermaliq.run_pending(1), 1, 'the admin runs the queue: run_pending(1) processes one');
RESET ROLE;
SELECT is((SELECT status || ' ' || attempts FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')),
	'completed 1', 'the oldest first: completed after one attempt');
SELECT is(thermaliq.run_pending(), 5, 'run_pending() processes the 5 others');
SELECT is(thermaliq.run_pending(), 0, 'and then finds none');

SELECT is((SELECT round((result -> 'energy' ->> 'useful_output_kwh')::numeric, 9) || ' ' || (result -> 'first_law' ->> 'input_output_efficiency_pct')
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')),
	'80.000000000 80', 'computed as tq84_a, whose policy hides the 1000 kW sample: 80 kWh, 80 %');
SELECT isnt((SELECT round((thermaliq.analyze('qa', t0, t1, '{}', 'public.tq84_readings') -> 'energy' ->> 'useful_output_kwh')::numeric, 9) FROM tq84_period),
	80.000000000, 'the owner, who reads that sample, gets something else: the check can fail');
SET LOCAL ROLE tq84_a;
SELECT is((SELECT result FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')),
	(SELECT thermaliq.analyze('qa', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period),
	'the stored result is analyze() as tq84_a, exactly');
RESET ROLE;
SELECT is((SELECT c.status || ' ' || c.reused_from || ' ' || (c.result = f.result)::text || ' ' || (c.provenance_hash = f.provenance_hash)::text
	FROM thermaliq.calculations c, thermaliq.calculations f
	WHERE c.calculation_id = (SELECT id FROM tq84_ids WHERE k = 'again') AND f.calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')),
	'completed ' || (SELECT id FROM tq84_ids WHERE k = 'first') || ' true true',
	'the same request is answered from the first (reused_from), same result and provenance hash');
SELECT is((SELECT (reused_from IS NULL)::text || ' ' || (provenance_hash <> (SELECT provenance_hash FROM thermaliq.calculations
		WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'first')))::text || ' ' || (result -> 'inputs' -> 'options' ->> 'target_o2_pct')
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'rad2')),
	'true true 3', 'other options: another hash, computed anew');
SELECT is((SELECT status || ' ' || round((result -> 'first_law' ->> 'input_output_efficiency_pct')::numeric, 9) || ' ' || requested_by
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'b')),
	'completed 75.000000000 tq84_b', 'B''s calculation through thermaliq_api.enqueue: 150 / 200 = 75 %, as tq84_b');
SELECT is((SELECT status || ' ' || (error LIKE 'P0002: no fuel input for facility "qa" between %')::text
		|| ' ' || (finished_at IS NOT NULL)::text || ' ' || (result IS NULL)::text
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'empty')),
	'failed true true true',
	'a period without readings fails with analyze()''s SQLSTATE and message, no result');
SELECT is((SELECT length(error) || ' ' || left(error, 40) || ' ' || attempts FROM thermaliq.calculations
	WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'long')),
	'1000 P0002: no fuel input for facility "xxxxx 1',
	'an error message over 1000 characters is stored cut at 1000; a deterministic error is not retried');

-- ------------------------------------------------------------- reclaim
-- processing rows whose backend does not exist (pid -1): one with a
-- claim left, one that has used its 3 attempts (thermaliq.max_attempts)
INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status, options, readings, requested_by,
	attempts, started_at, worker_pid, worker_started)
SELECT 'qa', t0, t1 - interval '30 minutes', 'processing', '{}', 'public.tq84_readings', 'tq84_a', 1, now(), -1, now()
FROM tq84_period;
INSERT INTO tq84_ids SELECT 'orphan', max(calculation_id) FROM thermaliq.calculations;
INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status, options, readings, requested_by,
	attempts, started_at, worker_pid, worker_started)
SELECT 'qa', t0, t1 - interval '20 minutes', 'processing', '{}', 'public.tq84_readings', 'tq84_a', 3, now(), -1, now()
FROM tq84_period;
INSERT INTO tq84_ids SELECT 'poison', max(calculation_id) FROM thermaliq.calculations;
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'calculations_processing'), 2::float8,
	'two calculations show as processing');
SELECT is(current_setting('thermaliq.max_attempts'), '3', 'thermaliq.max_attempts is 3 by default');
SELECT is(thermaliq.run_pending(), 1, 'run_pending() gives back the orphaned claim and processes it');
SELECT is((SELECT status || ' ' || attempts || ' ' || round((result -> 'energy' ->> 'fuel_input_kwh')::numeric, 9)
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'orphan')),
	'completed 2 50.000000000', 'the orphan completes on its second attempt: 30 minutes of 100 kW = 50 kWh');
SELECT is((SELECT status || ' ' || error FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'poison')),
	'failed 57P01: the worker processing it terminated, 3 of 3 attempts (thermaliq.max_attempts)',
	'a calculation whose workers terminated 3 times fails (57P01), it is not claimed forever');

-- ------------------------------------------------------------- metrics after
SELECT is((SELECT string_agg(metric || '=' || value, ',' ORDER BY metric) FROM thermaliq.metrics
	WHERE metric IN ('calculation_queue_depth', 'calculations_processing', 'calculations_completed_total',
		'calculation_errors_total', 'calculations_reused_total', 'calculations_reclaimed_total', 'calculation_retries_total')),
	'calculation_errors_total=3,calculation_queue_depth=0,calculation_retries_total=0,calculations_completed_total=5,'
	'calculations_processing=0,calculations_reclaimed_total=2,calculations_reused_total=1',
	'counters: 5 completed (first, again, rad2, b, orphan), 3 errors (empty, long, poison), 1 reused, 2 reclaimed');
SELECT ok((SELECT bool_and(value > 0 AND value < 60) FROM thermaliq.metrics WHERE metric = 'calculation_duration_seconds')
	AND (SELECT count(*) FROM thermaliq.metrics WHERE metric = 'calculation_duration_seconds') = 2,
	'duration p50 and p95 of the completed calculations are set (and below a minute)');
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'calculation_duration_seconds' AND labels ->> 'quantile' = '0.5'),
	(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at))::float8
	 FROM thermaliq.calculations WHERE status = 'completed'),
	'p50 is the median of finished_at - started_at');
SELECT lives_ok($$SELECT thermaliq.calculate('qa', t0, t1, '{}', 'public.tq84_readings') FROM tq84_period$$,
	'calculate() still computes directly');
SELECT is((SELECT string_agg(metric || '=' || value, ',' ORDER BY metric) FROM thermaliq.metrics
	WHERE metric IN ('calculations_completed_total', 'calculations_reused_total')),
	'calculations_completed_total=6,calculations_reused_total=1', 'and counts as completed, not reused');
-- a tenant's own table with a policy of the same name is not read as the owner
CREATE TABLE public.tq84_fake (facility_id text, meter_id text, "timestamp" text, value float8, unit text, quality smallint);
ALTER TABLE public.tq84_fake OWNER TO tq84_a;
SET LOCAL ROLE tq84_a;
CREATE POLICY thermaliq_tenant ON public.tq84_fake USING (true);
RESET ROLE;
SELECT is((SELECT count(*) FROM thermaliq.metrics WHERE metric = 'readings_lag_seconds' AND labels ->> 'readings' = 'public.tq84_fake'),
	0::bigint, 'a table a tenant owns is not read by the metrics (and its text timestamps do not break the view)');
SET LOCAL ROLE tq84_boss;
SELECT is((SELECT count(*) FROM thermaliq.metrics WHERE metric = 'readings_lag_seconds' AND labels ->> 'readings' = 'public.tq84_readings'),
	2::bigint, 'the admin reads the metrics too: a lag for qa and qb (the others have no readings)');
RESET ROLE;

-- ------------------------------------------------------------- plans
-- a million-row history is what the scrape must stay cheap on; 200,000
-- completed rows (finished a day ago) and statistics are enough for the
-- planner to show its choice: no sequential scan of calculations
INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status, created_at, finished_at,
	started_at, result, provenance_hash)
SELECT 'qa', now(), now(), 'completed', now() - interval '1 day', now() - interval '1 day',
	now() - interval '1 day', '{}', md5(g::text)
FROM generate_series(1, 200000) g;
ANALYZE thermaliq.calculations;
CREATE TEMP TABLE tq84_plan AS SELECT string_agg(p, E'\n') AS plan
FROM (SELECT * FROM pg_temp.tq84_explain('SELECT * FROM thermaliq.metrics')) e(p);
SELECT unalike((SELECT plan FROM tq84_plan), '%Seq Scan on calculations%',
	'the metrics read calculations through indexes only (no Seq Scan on 200,000 rows)');
SELECT alike((SELECT plan FROM tq84_plan), '%calculations_queue_idx%', 'queue depth from the partial queue index');
SELECT alike((SELECT plan FROM tq84_plan), '%calculations_finished_idx%', 'durations from the finished_at index');
SELECT is((SELECT value FROM thermaliq.metrics WHERE metric = 'calculation_queue_depth'), 0::float8,
	'the queue depth ignores the completed history');

-- a worker's claim through queue_claim()/queue_run(), as the owner
SET LOCAL ROLE tq84_a;
INSERT INTO tq84_ids SELECT 'claimed', thermaliq.enqueue('qa', t0, t1 - interval '10 minutes', '{}', 'public.tq84_readings') FROM tq84_period;
RESET ROLE;
SELECT is(thermaliq.queue_claim(), (SELECT id FROM tq84_ids WHERE k = 'claimed'), 'queue_claim() returns the pending calculation');
SELECT is((SELECT status || ' ' || (worker_pid = pg_backend_pid())::text || ' ' || attempts FROM thermaliq.calculations
	WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'claimed')), 'processing true 1', 'and marks it processing by this backend');
SELECT is(thermaliq.queue_claim(), NULL, 'a second claim finds none (this backend''s claim is alive)');
SELECT is(thermaliq.queue_run((SELECT id FROM tq84_ids WHERE k = 'first')), 0, 'queue_run() of a calculation this backend did not claim does nothing');
SELECT is(thermaliq.queue_run((SELECT id FROM tq84_ids WHERE k = 'claimed')), 1, 'queue_run() of its claim stores it');
SELECT is((SELECT status || ' ' || round((result -> 'energy' ->> 'fuel_input_kwh')::numeric, 9) FROM thermaliq.calculations
	WHERE calculation_id = (SELECT id FROM tq84_ids WHERE k = 'claimed')), 'completed 83.333333333',
	'50 minutes of 100 kW = 83.333333333 kWh');

SELECT * FROM finish();
ROLLBACK;
