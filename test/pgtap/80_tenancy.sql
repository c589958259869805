-- pgTAP: tenancy (API.md section 6). Two tenants, tq_ten_a owns facility
-- "ta", tq_ten_b owns "tb"; tq_boss has thermaliq_admin. Each facility has
-- a natural-gas meter (kW, HHV) and a steam meter (kW) read every 10
-- minutes for one hour: ta 100 kW in, 80 kW out (100 kWh, 80 kWh: 80 %),
-- tb 200 kW in, 150 kW out (200 kWh, 150 kWh: 75 %).
--
-- The isolation checks enumerate the catalog, so that objects added later
-- are covered: every function of thermaliq and thermaliq_api that takes a
-- facility, called by tenant A for B's facility, must give exactly what it
-- gives when that facility does not exist (error or result); every table,
-- view and materialized view with a facility_id column shows A none of
-- B's rows and lets A change none.
BEGIN;
SELECT plan(64);
SET LOCAL client_min_messages = warning;

-- ---------------------------------------------------------------- roles
SELECT lives_ok('SELECT thermaliq.setup_roles()', 'setup_roles() runs');
SELECT lives_ok('SELECT thermaliq.setup_roles()', 'setup_roles() runs again (idempotent)');
SELECT is((SELECT string_agg(rolname || ':' || rolcanlogin::text, ',' ORDER BY rolname) FROM pg_roles
	WHERE rolname LIKE 'thermaliq\_%'),
	'thermaliq_admin:false,thermaliq_analyst:false,thermaliq_anon:false,thermaliq_ingest:false,thermaliq_reader:false',
	'five NOLOGIN roles');
SELECT ok(pg_has_role('thermaliq_analyst', 'thermaliq_reader', 'USAGE')
	AND pg_has_role('thermaliq_admin', 'thermaliq_analyst', 'USAGE')
	AND NOT pg_has_role('thermaliq_ingest', 'thermaliq_reader', 'USAGE')
	AND NOT pg_has_role('thermaliq_reader', 'thermaliq_analyst', 'USAGE')
	AND NOT pg_has_role('thermaliq_anon', 'thermaliq_reader', 'USAGE'),
	'analyst has reader''s privileges, admin analyst''s; ingest and anon neither');

CREATE ROLE tq_ten_a NOLOGIN;
CREATE ROLE tq_ten_b NOLOGIN;
CREATE ROLE tq_boss NOLOGIN;
GRANT thermaliq_analyst, thermaliq_ingest TO tq_ten_a, tq_ten_b;
GRANT thermaliq_admin TO tq_boss;

SELECT thermaliq.create_readings_table('public.tq80_readings', '1 month', 2,
	p_start_partition => date_trunc('month', now()) - interval '1 month');
INSERT INTO thermaliq.facilities (facility_id, name, owner_role) VALUES
	('ta', 'Tenant A boiler', 'tq_ten_a'), ('tb', 'Tenant B boiler', 'tq_ten_b');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
SELECT f, m, r, 'rate', 'kW', CASE WHEN m = 'gas' THEN 'natural_gas' END, CASE WHEN m = 'gas' THEN 'hhv' END
FROM unnest(ARRAY['ta', 'tb']) f, (VALUES ('gas', 'fuel_input'), ('steam', 'steam_output')) v(m, r);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap, radiation_loss_pct) VALUES ('ta', '1 hour', 1), ('tb', '1 hour', 2);
INSERT INTO thermaliq.meter_settings (facility_id, meter_id, max_gap) VALUES ('ta', 'gas', '30 minutes'), ('tb', 'gas', '30 minutes');
CREATE TEMP TABLE tq80_period AS SELECT date_trunc('hour', now()) - interval '1 day' AS t0,
	date_trunc('hour', now()) - interval '23 hours' AS t1;
GRANT SELECT ON tq80_period TO PUBLIC;
CREATE TEMP TABLE tq80_ids (id bigint);
GRANT ALL ON tq80_ids TO PUBLIC;
INSERT INTO public.tq80_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT f, m, t0 + k * interval '10 minutes', v, 'kW'
FROM tq80_period, generate_series(0, 6) k,
	(VALUES ('ta', 'gas', 100.0), ('ta', 'steam', 80.0), ('tb', 'gas', 200.0), ('tb', 'steam', 150.0)) x(f, m, v);

SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'public.tq80_readings'::regclass)
	AND EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = 'public.tq80_readings'::regclass AND polname = 'thermaliq_tenant'),
	'create_readings_table() enables row-level security with policy thermaliq_tenant');
SELECT ok(has_table_privilege('thermaliq_reader', 'public.tq80_readings', 'SELECT')
	AND has_table_privilege('thermaliq_ingest', 'public.tq80_readings', 'INSERT')
	AND NOT has_table_privilege('thermaliq_ingest', 'public.tq80_readings', 'SELECT')
	AND NOT has_table_privilege('thermaliq_reader', 'public.tq80_readings', 'INSERT')
	AND NOT has_table_privilege('thermaliq_anon', 'public.tq80_readings', 'SELECT'),
	'readings: SELECT for reader, INSERT for ingest, nothing for anon');

-- ---------------------------------------------------------- privileges
SELECT is((SELECT string_agg(c.relname || ':' || r.rolname || ':' || p, ',' ORDER BY c.relname, r.rolname, p)
	FROM pg_class c CROSS JOIN pg_roles r CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
	WHERE c.oid IN ('thermaliq.facilities'::regclass, 'thermaliq.meters'::regclass,
		'thermaliq.facility_settings'::regclass, 'thermaliq.meter_settings'::regclass,
		'thermaliq.calculations'::regclass, 'thermaliq.fuels'::regclass, 'thermaliq.benchmarks'::regclass)
	  AND r.rolname LIKE 'thermaliq\_%' AND has_table_privilege(r.oid, c.oid, p)),
	'benchmarks:thermaliq_admin:DELETE,benchmarks:thermaliq_admin:INSERT,benchmarks:thermaliq_admin:SELECT,benchmarks:thermaliq_admin:UPDATE,'
	'benchmarks:thermaliq_analyst:SELECT,benchmarks:thermaliq_anon:SELECT,benchmarks:thermaliq_ingest:SELECT,benchmarks:thermaliq_reader:SELECT,'
	'calculations:thermaliq_admin:SELECT,calculations:thermaliq_analyst:SELECT,calculations:thermaliq_reader:SELECT,'
	'facilities:thermaliq_admin:DELETE,facilities:thermaliq_admin:INSERT,facilities:thermaliq_admin:SELECT,facilities:thermaliq_admin:UPDATE,'
	'facilities:thermaliq_analyst:SELECT,facilities:thermaliq_ingest:SELECT,facilities:thermaliq_reader:SELECT,'
	'facility_settings:thermaliq_admin:DELETE,facility_settings:thermaliq_admin:INSERT,facility_settings:thermaliq_admin:SELECT,facility_settings:thermaliq_admin:UPDATE,'
	'facility_settings:thermaliq_analyst:SELECT,facility_settings:thermaliq_reader:SELECT,'
	'fuels:thermaliq_admin:DELETE,fuels:thermaliq_admin:INSERT,fuels:thermaliq_admin:SELECT,fuels:thermaliq_admin:UPDATE,'
	'fuels:thermaliq_analyst:SELECT,fuels:thermaliq_anon:SELECT,fuels:thermaliq_ingest:SELECT,fuels:thermaliq_reader:SELECT,'
	'meter_settings:thermaliq_admin:DELETE,meter_settings:thermaliq_admin:INSERT,meter_settings:thermaliq_admin:SELECT,meter_settings:thermaliq_admin:UPDATE,'
	'meter_settings:thermaliq_analyst:SELECT,meter_settings:thermaliq_reader:SELECT,'
	'meters:thermaliq_admin:DELETE,meters:thermaliq_admin:INSERT,meters:thermaliq_admin:SELECT,meters:thermaliq_admin:UPDATE,'
	'meters:thermaliq_analyst:SELECT,meters:thermaliq_ingest:SELECT,meters:thermaliq_reader:SELECT',
	'table privileges of the five roles: exactly the role table of the README');
SELECT is((SELECT count(*) FROM pg_roles r WHERE NOT r.rolsuper AND r.oid >= 16384 -- not pg_write_all_data
	AND (has_table_privilege(r.oid, 'thermaliq.calculations', 'INSERT')
	  OR has_table_privilege(r.oid, 'thermaliq.calculations', 'UPDATE')
	  OR has_table_privilege(r.oid, 'thermaliq.calculations', 'DELETE')
	  OR has_table_privilege(r.oid, 'thermaliq.calculations', 'TRUNCATE'))), 0::bigint,
	'no role but a superuser (the owner) may write thermaliq.calculations');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text) FROM pg_proc p
	WHERE p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace)
	  AND has_function_privilege('thermaliq_anon', p.oid, 'EXECUTE')
	  AND (p.pronamespace = 'thermaliq_api'::regnamespace
	       OR EXISTS (SELECT 1 FROM unnest(p.proargnames) a WHERE a IN ('p_facility', 'p_readings', 'p_table')))),
	-- the shard routing of #13 (scale) reads the catalog only;
	-- create_sharded_readings needs CREATE
	'thermaliq.check_readings_table(regclass), thermaliq.create_sharded_readings(text,name[]), thermaliq.facility_hash_remainder(text,integer), thermaliq.facility_shard(text,regclass), thermaliq.facility_visible(text), thermaliq.readings_table_name(text), thermaliq.shard_route(regclass,text), thermaliq_api.fuels()',
	'anon executes no function that reads plant data (check_readings_table reads the catalog, facility_visible is false for anon, readings_table_name computes a name); of the API only fuels()');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text) FROM pg_proc p
	WHERE p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace)
	  AND p.prosecdef),
	'thermaliq.calculate(text,timestamp with time zone,timestamp with time zone,jsonb,regclass), '
	'thermaliq.enqueue(text,timestamp with time zone,timestamp with time zone,jsonb,regclass), '
	'thermaliq.metrics_readings_lag(), thermaliq.run_pending(integer)',
	'the SECURITY DEFINER functions are the writers of calculations (calculate, enqueue, run_pending) and the metrics'' lag, nothing else');
SELECT is((SELECT count(*) FROM pg_proc p
	WHERE p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace) AND p.prosecdef
	  AND (NOT proconfig @> ARRAY['search_path=pg_catalog, pg_temp'] OR proconfig IS NULL
	       OR has_function_privilege('public', p.oid, 'EXECUTE'))), 0::bigint,
	'each of them pins its search_path and is not PUBLIC''s');
SELECT ok((SELECT proconfig @> ARRAY['search_path=pg_catalog, pg_temp'] FROM pg_proc
	WHERE oid = 'thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure),
	'calculate() pins its search_path');
SELECT is((SELECT string_agg(p.oid::regprocedure::text || '>' || r.rolname, ', ' ORDER BY p.oid::regprocedure::text, r.rolname) FROM pg_proc p
	CROSS JOIN pg_roles r
	WHERE p.proname IN ('calculate', 'setup_roles', 'create_readings_table', 'readings_enable_tenancy', 'maintain_readings',
		'request_analyze', 'request_calculate_check', 'enqueue', 'run_pending', 'queue_claim', 'queue_run',
		'queue_count', 'queue_as_role')
	  AND p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace)
	  AND r.rolname LIKE 'thermaliq\_%' AND has_function_privilege(r.oid, p.oid, 'EXECUTE')),
	'thermaliq.calculate(text,timestamp with time zone,timestamp with time zone,jsonb,regclass)>thermaliq_admin, '
	'thermaliq.calculate(text,timestamp with time zone,timestamp with time zone,jsonb,regclass)>thermaliq_analyst, '
	'thermaliq.enqueue(text,timestamp with time zone,timestamp with time zone,jsonb,regclass)>thermaliq_admin, '
	'thermaliq.enqueue(text,timestamp with time zone,timestamp with time zone,jsonb,regclass)>thermaliq_analyst, '
	'thermaliq.run_pending(integer)>thermaliq_admin, '
	'thermaliq_api.calculate(text,timestamp with time zone,timestamp with time zone,jsonb,text)>thermaliq_admin, '
	'thermaliq_api.calculate(text,timestamp with time zone,timestamp with time zone,jsonb,text)>thermaliq_analyst, '
	'thermaliq_api.enqueue(text,timestamp with time zone,timestamp with time zone,jsonb,text)>thermaliq_admin, '
	'thermaliq_api.enqueue(text,timestamp with time zone,timestamp with time zone,jsonb,text)>thermaliq_analyst',
	'calculate and enqueue for analyst and admin, run_pending for admin; setup_roles, create_readings_table, maintain_readings, the request-role helpers and the queue''s worker side for none');
SELECT ok(has_function_privilege('public', 'thermaliq.convert(float8, text, text)', 'EXECUTE')
	AND has_function_privilege('public', 'thermaliq.if97_pt(float8, float8)', 'EXECUTE')
	AND NOT has_function_privilege('public', 'thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass)', 'EXECUTE'),
	'pure functions stay public; analyze() is not');

-- ------------------------------------------- what a tenant sees directly
SET LOCAL ROLE tq_ten_a;
SELECT is((SELECT string_agg(facility_id, ',') FROM thermaliq.facilities), 'ta', 'A sees its facility only');
SELECT is((SELECT string_agg(DISTINCT facility_id, ',') FROM thermaliq.meters), 'ta', 'A sees its meters only');
SELECT is((SELECT string_agg(facility_id || '=' || count, ',') FROM (SELECT facility_id, count(*)
	FROM public.tq80_readings GROUP BY 1) s), 'ta=14', 'A reads its 14 readings only');
SELECT throws_ok($$INSERT INTO public.tq80_readings VALUES ('tb', 'gas', now(), 1, 'kW', 0)$$,
	'42501', 'new row violates row-level security policy for table "tq80_readings"', 'A cannot insert readings of B');
SELECT lives_ok($$INSERT INTO public.tq80_readings VALUES ('ta', 'gas', now() - interval '1 minute', 1, 'kW', 0)$$,
	'A (ingest) inserts readings of its facility');
SELECT throws_ok($$UPDATE thermaliq.calculations SET result = '{}'$$, '42501',
	'permission denied for table calculations', 'A cannot rewrite stored calculations');
SELECT throws_ok($$INSERT INTO thermaliq.calculations (facility_id, period_from, period_to) VALUES ('ta', now(), now())$$,
	'42501', 'permission denied for table calculations', 'A cannot forge a stored calculation, not even its own');
SELECT throws_ok($$UPDATE thermaliq.facilities SET owner_role = 'tq_ten_a'$$, '42501',
	'permission denied for table facilities', 'A cannot take over facilities');
SELECT throws_ok($$SELECT thermaliq.request_analyze('ta', now(), now(), '{}', 'public.tq80_readings')$$, '42501',
	NULL, 'A cannot call the request-role helper directly');

-- calculate(): A's own facility, then B's
SELECT is((SELECT round((r -> 'first_law' ->> 'input_output_efficiency_pct')::numeric, 6)
	FROM tq80_period, thermaliq.analyze('ta', t0, t1, '{}', 'public.tq80_readings') r),
	80.000000, 'A analyzes its facility: 80 kWh / 100 kWh = 80 %');
INSERT INTO tq80_ids SELECT thermaliq.calculate('ta', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period;
SELECT is((SELECT status || ':' || round((result -> 'first_law' ->> 'input_output_efficiency_pct')::numeric, 6)
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq80_ids)), 'completed:80.000000',
	'A''s calculate() stores a completed row of 80 %');
SELECT throws_ok($$SELECT thermaliq.calculate('tb', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period$$,
	'22023', 'unknown facility "tb"', 'calculate() by A for B''s facility: unknown facility');
SELECT throws_ok($$SELECT thermaliq.calculate('nowhere', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period$$,
	'22023', 'unknown facility "nowhere"', 'the same error as a facility that does not exist');
SELECT throws_ok($$SELECT thermaliq_api.calculate('tb', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period$$,
	'22023', 'unknown facility "tb"', 'thermaliq_api.calculate() by A for B''s facility: unknown facility');
RESET ROLE;
SELECT is((SELECT count(*) FROM thermaliq.calculations WHERE facility_id IN ('tb', 'nowhere')), 0::bigint,
	'nothing was stored for B''s facility or a missing one');

-- a restrictive hand-written policy that hides some of A's own readings
-- (quality 0 only): calculate() computes what A may read (as A), not what
-- its owner could.
INSERT INTO public.tq80_readings (facility_id, meter_id, "timestamp", value, unit, quality)
SELECT 'ta', 'steam', t0 + interval '5 minutes', 1000, 'kW', 1 FROM tq80_period;
CREATE POLICY tq80_good_only ON public.tq80_readings AS RESTRICTIVE FOR SELECT TO tq_ten_a USING (quality = 0);
SET LOCAL ROLE tq_ten_a;
TRUNCATE tq80_ids;
INSERT INTO tq80_ids SELECT thermaliq.calculate('ta', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period;
SELECT is((SELECT round((result -> 'energy' ->> 'useful_output_kwh')::numeric, 6) FROM thermaliq.calculations
	WHERE calculation_id = (SELECT id FROM tq80_ids)), 80.000000,
	'calculate() as A ignores the 1000 kW sample A''s policy hides: 80 kWh');
RESET ROLE;
DROP POLICY tq80_good_only ON public.tq80_readings;
DELETE FROM public.tq80_readings WHERE quality = 1;

-- B's calculation is invisible to A, and reads as absent
SET LOCAL ROLE tq_ten_b;
TRUNCATE tq80_ids;
INSERT INTO tq80_ids SELECT thermaliq.calculate('tb', t0, t1, '{}', 'public.tq80_readings') FROM tq80_period;
SELECT is((SELECT status || ':' || round((result -> 'first_law' ->> 'input_output_efficiency_pct')::numeric, 6)
	FROM thermaliq.calculations WHERE calculation_id = (SELECT id FROM tq80_ids)), 'completed:75.000000',
	'B''s calculate() stores 150 kWh / 200 kWh = 75 %');
SELECT is((SELECT string_agg(DISTINCT facility_id, ',') FROM thermaliq.calculations), 'tb', 'B sees its calculations only');
SET LOCAL ROLE tq_ten_a;
SELECT is(thermaliq_api.calculation((SELECT id FROM tq80_ids)), NULL::jsonb, 'A gets null for B''s calculation id');
SELECT is(thermaliq_api.calculation(-1), NULL::jsonb, 'as for an id that does not exist');
SELECT is((SELECT string_agg(DISTINCT facility_id, ',') FROM thermaliq_api.calculations()), 'ta',
	'A''s history lists A''s calculations only');
SET LOCAL ROLE tq_boss;
SELECT is((SELECT string_agg(DISTINCT facility_id, ',' ORDER BY facility_id) FROM thermaliq.calculations), 'ta,tb',
	'the admin sees both tenants'' calculations');
SELECT is((SELECT string_agg(facility_id, ',' ORDER BY facility_id) FROM thermaliq_api.facilities()), 'ta,tb',
	'the admin sees both facilities');
SELECT lives_ok($$UPDATE thermaliq.facility_settings SET radiation_loss_pct = 1.5 WHERE facility_id = 'tb'$$,
	'the admin writes settings');
RESET ROLE;
-- the history: every row is of a facility whose tenant made it (A: ta, B: tb)
SELECT is((SELECT string_agg(facility_id || ':' || status, ',' ORDER BY calculation_id) FROM thermaliq.calculations),
	'ta:completed,ta:completed,tb:completed', 'the calculation history holds the three calculations the tenants made, nothing else');

-- ------------------------------------ every function, catalog-enumerated
-- outcome(sql): the result as text, or "SQLSTATE: message" of its error.
CREATE FUNCTION pg_temp.outcome(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v text;
BEGIN
	EXECUTE 'SELECT string_agg(x::text, '';'') FROM (' || p_sql || ') x' INTO v;
	RETURN coalesce(v, '(null)');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- changed(sql): the number of rows a data-modifying statement changed, or its error.
CREATE FUNCTION pg_temp.changed(p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
	EXECUTE p_sql;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n::text;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- call(fn, facility): a call of fn with every argument named, from its names.
CREATE FUNCTION pg_temp.call(p_fn regprocedure, p_facility text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	v_args text[] := '{}';
	v_name text;
	v_type regtype;
	i int;
	p pg_proc;
BEGIN
	SELECT * INTO p FROM pg_proc WHERE oid = p_fn;
	FOR i IN 1 .. coalesce(array_length(p.proallargtypes, 1), p.pronargs) LOOP
		CONTINUE WHEN p.proargmodes IS NOT NULL AND p.proargmodes[i] NOT IN ('i', 'b', 'v');
		v_name := p.proargnames[i];
		v_type := coalesce(p.proallargtypes[i], p.proargtypes[i - 1]);
		v_args := v_args || (quote_ident(v_name) || ' => ' || CASE
			WHEN v_name IN ('p_facility', 'facility') THEN quote_literal(p_facility)
			WHEN v_name IN ('p_from', 'period_from') THEN '(SELECT t0 FROM pg_temp.tq80_period)'
			WHEN v_name IN ('p_to', 'period_to') THEN '(SELECT t1 FROM pg_temp.tq80_period)'
			WHEN v_name IN ('p_readings', 'readings') THEN '''public.tq80_readings'''
			WHEN v_name IN ('p_bucket', 'bucket') THEN '''20 minutes'''
			WHEN v_name IN ('p_options', 'options') THEN '''{}'''
			WHEN v_name = 'p_role' THEN '''fuel_input'''
			WHEN v_name = 'p_as_role' THEN 'current_user'
			WHEN v_name = 'p_what' THEN '''analyze'''
			WHEN v_name = 'p_meter' THEN '''gas'''
			WHEN v_name = 'p_unit' THEN '''kW'''
			WHEN v_name = 'p_expected' THEN '''{}'''
			WHEN v_name = 'p_driver' THEN '''useful_output'''
			WHEN v_name = 'p_model' THEN '''2p'''
			WHEN v_name = 'p_readings_digest' THEN '''0'''
			WHEN v_type = 'jsonb'::regtype THEN '''{}'''
			WHEN v_type = 'float8'::regtype THEN '1'
			WHEN v_type = 'int4'::regtype THEN '2'
			WHEN v_type = 'regclass'::regtype THEN '''public.tq80_readings'''
			ELSE 'NULL /* no value for ' || v_name || ' */' END || '::' || v_type::text);
	END LOOP;
	RETURN format('SELECT * FROM %s.%I(%s)', p.pronamespace::regnamespace, p.proname, array_to_string(v_args, ', '));
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.outcome(text), pg_temp.changed(text), pg_temp.call(regprocedure, text) TO PUBLIC;
CREATE TEMP TABLE tq80_fn AS
SELECT p.oid::regprocedure AS fn, p.provolatile AS vol, pg_temp.call(p.oid, 'tb') AS sql
FROM pg_proc p
WHERE p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace)
  AND p.prokind = 'f' AND p.proargnames && ARRAY['p_facility', 'facility'];
GRANT SELECT ON tq80_fn TO PUBLIC;
CREATE TEMP TABLE tq80_out (fn regprocedure, who text, outcome text);
GRANT ALL ON tq80_out TO PUBLIC;
SELECT ok((SELECT count(*) FROM tq80_fn) >= 20, 'at least 20 functions take a facility (' ||
	(SELECT count(*) FROM tq80_fn) || ')');
SELECT is((SELECT string_agg(fn::text, ', ') FROM tq80_fn WHERE sql LIKE '%no value for%'), NULL,
	'every argument of those functions has a test value (add new argument names to pg_temp.call)');

-- the reference: B's facility as the superuser sees it, and as absent
INSERT INTO tq80_out SELECT fn, 'super', pg_temp.outcome(sql) FROM tq80_fn WHERE vol <> 'v';
SET LOCAL ROLE tq_ten_a;
INSERT INTO tq80_out SELECT fn, 'a', pg_temp.outcome(sql) FROM tq80_fn;
SET LOCAL ROLE tq_boss;
INSERT INTO tq80_out SELECT fn, 'admin', pg_temp.outcome(sql) FROM tq80_fn WHERE vol <> 'v';
RESET ROLE;
-- "absent": what A gets with B's facility deleted (a subtransaction undone at once)
CREATE FUNCTION pg_temp.absent_outcomes() RETURNS TABLE(fn regprocedure, outcome text) LANGUAGE plpgsql AS $$
DECLARE v jsonb;
BEGIN
	BEGIN
		DELETE FROM thermaliq.facilities WHERE facility_id = 'tb';
		SET LOCAL ROLE tq_ten_a;
		SELECT jsonb_object_agg(f.fn::oid::text, pg_temp.outcome(f.sql)) INTO v FROM pg_temp.tq80_fn f;
		RAISE EXCEPTION 'undo' USING ERRCODE = 'TQ801';
	EXCEPTION WHEN SQLSTATE 'TQ801' THEN NULL;
	END;
	RETURN QUERY SELECT k::oid::regprocedure, x FROM jsonb_each_text(v) AS e(k, x);
END $$;
INSERT INTO tq80_out SELECT a.fn, 'absent', a.outcome FROM pg_temp.absent_outcomes() a;
SELECT is((SELECT count(*) FROM thermaliq.facilities WHERE facility_id = 'tb'), 1::bigint, 'B''s facility is back');

SELECT is((SELECT string_agg(a.fn::text || ' gives A ' || left(a.outcome, 80) || ' but absent ' || left(x.outcome, 80), E'\n')
	FROM tq80_out a JOIN tq80_out x ON x.fn = a.fn AND x.who = 'absent'
	WHERE a.who = 'a' AND a.outcome IS DISTINCT FROM x.outcome
	  AND a.outcome NOT LIKE '42501: permission denied for function %'), NULL,
	'every function that takes a facility gives A for B''s facility what it gives for a facility that does not exist (or permission denied)');
-- (analyze_uncertainty once differed here: its error for a non-array p_me
-- came from whichever plan plpgsql cached, custom or generic, so the first
-- caller of a session got a result and the next ones an error)
SELECT is((SELECT string_agg(a.fn::text, ', ') FROM tq80_out a JOIN tq80_out s ON s.fn = a.fn AND s.who = 'super'
	WHERE a.who = 'admin' AND a.outcome IS DISTINCT FROM s.outcome
	  AND has_function_privilege('thermaliq_admin', a.fn, 'EXECUTE')), NULL,
	'the admin gets for B''s facility what the superuser gets, from every function it may execute');
SELECT ok((SELECT count(*) FROM tq80_out s JOIN tq80_out x ON x.fn = s.fn AND x.who = 'absent'
	WHERE s.who = 'super' AND s.outcome <> x.outcome) >= 12,
	'and that differs from "absent" for at least 12 of them: the comparison can fail');
SELECT is((SELECT outcome FROM tq80_out WHERE who = 'a'
	AND fn = 'thermaliq.heat_balance(text, timestamptz, timestamptz, regclass)'::regprocedure),
	'22023: unknown facility "tb"', 'e.g. heat_balance() by A for B''s facility: 22023 unknown facility');
SELECT is((SELECT count(*) FROM thermaliq.calculations WHERE facility_id = 'tb'), 1::bigint,
	'the volatile ones (calculate) stored nothing for A on B''s facility');

-- ---------------------- every table and view with a facility_id column
-- a rollup as create_rollup (#12) makes it: a materialized view (no grant)
-- exposed through a security-barrier view with facility_visible()
SELECT thermaliq.create_rollup('public.tq80_rollup', '20 minutes', 'public.tq80_readings');
-- the history up to the start of today (settle 0), so that it holds the
-- readings of yesterday whatever the hour: the check below needs B's rows
-- in the materialized view itself
UPDATE thermaliq.rollups SET settle = '0' WHERE rollup_name = 'public.tq80_rollup';
SELECT thermaliq.refresh_rollup('public.tq80_rollup', true);
CREATE TEMP TABLE tq80_rel AS
SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE a.attname = 'facility_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
  AND c.relnamespace <> pg_my_temp_schema();
GRANT SELECT ON tq80_rel TO PUBLIC;
SELECT ok((SELECT count(*) FROM tq80_rel) >= 8, 'at least 8 relations have a facility_id (' ||
	(SELECT string_agg(rel::text, ', ' ORDER BY rel::text) FROM tq80_rel) || ')');
SELECT is((SELECT string_agg(rel::text, ', ') FROM tq80_rel r
	WHERE NOT (SELECT relispartition FROM pg_class c WHERE c.oid = r.rel)
	  AND r.rel::text NOT LIKE 'partman.template\_%' -- pg_partman's empty template
	  AND pg_temp.outcome(format('SELECT count(*) FROM %s WHERE facility_id = ''tb''', rel)) = '(0)'), NULL,
	'B has rows in every relation but the partitions and pg_partman''s template for the superuser: the checks below can fail');
SET LOCAL ROLE tq_ten_a;
SELECT is((SELECT string_agg(rel::text || ': ' || o, ', ') FROM (
	SELECT rel, pg_temp.outcome(format('SELECT count(*) FROM %s WHERE facility_id = ''tb''', rel)) o FROM tq80_rel) s
	WHERE o <> '(0)' AND o NOT LIKE '42501: permission denied%'), NULL,
	'A reads none of B''s rows in any table, partition or view');
SELECT is((SELECT string_agg(rel::text || ': ' || o, ', ') FROM (
	SELECT rel, pg_temp.changed(format('UPDATE %s SET facility_id = facility_id WHERE facility_id = ''tb''', rel)) o
	FROM tq80_rel) s
	WHERE o <> '0' AND o NOT LIKE '42501: permission denied%' AND o NOT LIKE '42809: %' AND o NOT LIKE '55000: cannot % view %'), NULL,
	'A updates none of B''s rows anywhere');
SELECT is((SELECT string_agg(rel::text || ': ' || o, ', ') FROM (
	SELECT rel, pg_temp.changed(format('DELETE FROM %s WHERE facility_id = ''tb''', rel)) o
	FROM tq80_rel) s
	WHERE o <> '0' AND o NOT LIKE '42501: permission denied%' AND o NOT LIKE '42809: %' AND o NOT LIKE '55000: cannot % view %'), NULL,
	'A deletes none of B''s rows anywhere');
SET LOCAL ROLE tq_boss;
SELECT is((SELECT string_agg(rel::text, ', ') FROM tq80_rel
	WHERE has_table_privilege(rel, 'SELECT')
	  AND pg_temp.outcome(format('SELECT count(*) FROM %s WHERE facility_id = ''tb''', rel)) = '(0)'), NULL,
	'the admin sees B''s rows in every relation it may read');
RESET ROLE;
SELECT is((SELECT string_agg(r.rel::text, ', ') FROM tq80_rel r JOIN pg_class c ON c.oid = r.rel
	WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT c.relrowsecurity
	  AND EXISTS (SELECT 1 FROM pg_roles ro WHERE ro.rolname LIKE 'thermaliq\_%'
		AND has_table_privilege(ro.oid, r.rel, 'SELECT, INSERT, UPDATE, DELETE'))), NULL,
	'every table a thermaliq role may touch has row-level security');

-- the rollup through its view
SET LOCAL ROLE tq_ten_a;
SELECT is((SELECT string_agg(DISTINCT facility_id, ',') FROM public.tq80_rollup_v), 'ta',
	'a security-barrier view with facility_visible() shows A its rollup rows only');
SET LOCAL ROLE tq_boss;
SELECT is((SELECT string_agg(DISTINCT facility_id, ',' ORDER BY facility_id) FROM public.tq80_rollup_v), 'ta,tb',
	'and the admin both');
RESET ROLE;


-- ------------------------------------- PostgREST's per-request settings
SET LOCAL ROLE tq_ten_b;
SELECT set_config('request.jwt.claims', '{"role": "tq_ten_b", "sub": "bob"}', true) IS NOT NULL;
SELECT is(thermaliq.jwt_claims() ->> 'sub', 'bob', 'jwt_claims() reads request.jwt.claims');
SELECT is(thermaliq.request_role()::text, 'tq_ten_b', 'request_role() is the role of SET ROLE');
SELECT set_config('request.jwt.claims', '', true) IS NOT NULL;
SELECT set_config('jwt.claims.sub', 'carol', true) IS NOT NULL;
SELECT is(thermaliq.jwt_claims() ->> 'sub', 'carol', 'jwt_claims() falls back to PostGraphile''s jwt.claims.*');
SELECT is((SELECT string_agg(facility_id, ',') FROM thermaliq_api.facilities()), 'tb',
	'thermaliq_api.facilities() as B: B''s facility only');
SELECT is((SELECT round(sum(energy_kwh)::numeric, 6) FROM tq80_period,
	thermaliq_api.heat_balance(facility => 'tb', period_from => t0, period_to => t1, readings => 'public.tq80_readings')
	WHERE category = 'input'), 200.000000, 'thermaliq_api.heat_balance() with named arguments: 200 kWh in');
SELECT is((SELECT (thermaliq_api.sankey('tb', t0, t1, 'public.tq80_readings') -> 'links' -> 0 ->> 'energy_kwh')::numeric
	FROM tq80_period), 200::numeric, 'thermaliq_api.sankey(): first link is the 200 kWh of gas');
SELECT ok((SELECT thermaliq_api.sankey_svg('tb', t0, t1, 'public.tq80_readings') LIKE '%<svg%</svg>%' FROM tq80_period),
	'thermaliq_api.sankey_svg() returns an SVG document');
RESET ROLE;

-- ---------------------------------------- request role in restricted code
SELECT throws_ok($$CREATE MATERIALIZED VIEW public.tq80_mv AS SELECT thermaliq.calculate('ta', now() - interval '1 day', now(), '{}', 'public.tq80_readings')$$,
	'42501', 'cannot run as the request role within a security-restricted operation',
	'calculate() refuses to switch roles inside a security-restricted operation');

SELECT * FROM finish();
ROLLBACK;
