-- pgTAP: the row reader checks a readings table before it reads a row.
-- Before this check, a temp table whose columns had the right names but
-- other types was decoded with the wrong datum layout: `unit int` crashed
-- the backend (SIGSEGV) in all seven plant functions, `unit interval` made
-- the caller's 16 bytes a pointer to a toasted value of a table the role
-- could not SELECT (printed in "unknown unit ..."), `value numeric` gave
-- 6.1e-308 kWh and `meter_id name` XX001. Every case is now 42804 naming
-- the column, the type found and the type expected, for any role; a table
-- the caller may not SELECT is 42501 before any row is read.
BEGIN;
SELECT plan(26);

INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('probe', 'probe');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
VALUES ('probe', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
       ('probe', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL);
INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('probe', '2 hours');

CREATE ROLE tq_probe_user NOLOGIN;
-- tenancy (80_tenancy.sql): the plant functions are thermaliq_reader's,
-- calculate() thermaliq_analyst's, and the role owns the facility
SELECT thermaliq.setup_roles();
GRANT thermaliq_analyst TO tq_probe_user;
UPDATE thermaliq.facilities SET owner_role = 'tq_probe_user' WHERE facility_id = 'probe';
CREATE TABLE public.tq_secret (s text);
INSERT INTO public.tq_secret VALUES (repeat('top-secret-', 400));
REVOKE ALL ON public.tq_secret FROM PUBLIC;
GRANT INSERT, SELECT ON thermaliq.calculations TO tq_probe_user;
GRANT USAGE ON SEQUENCE thermaliq.calculations_calculation_id_seq TO tq_probe_user;
GRANT SELECT ON thermaliq.facilities, thermaliq.meters, thermaliq.facility_settings,
	thermaliq.meter_settings TO tq_probe_user;
GRANT CREATE ON SCHEMA public TO tq_probe_user;

-- wrong-typed readings tables, made by the unprivileged role itself
SET LOCAL ROLE tq_probe_user;
CREATE TEMP TABLE r_int (facility_id text, meter_id text, "timestamp" timestamptz,
	value float8, unit int, quality smallint);
INSERT INTO r_int VALUES ('probe', 'gas', '2026-11-10 00:00+00', 100, 1, 0),
                         ('probe', 'gas', '2026-11-10 00:10+00', 100, 1, 0);
CREATE TEMP TABLE r_interval (facility_id text, meter_id text, "timestamp" timestamptz,
	value float8, unit interval, quality smallint);
INSERT INTO r_interval VALUES ('probe', 'gas', '2026-11-10 00:00+00', 100, '1 day', 0),
                              ('probe', 'gas', '2026-11-10 00:10+00', 100, '2 days', 0);
CREATE TEMP TABLE r_numeric (facility_id text, meter_id text, "timestamp" timestamptz,
	value numeric, unit text, quality smallint);
INSERT INTO r_numeric VALUES ('probe', 'gas', '2026-11-10 00:00+00', 100, 'kW', 0),
                             ('probe', 'gas', '2026-11-10 00:10+00', 100, 'kW', 0);
CREATE TEMP TABLE r_name (facility_id text, meter_id name, "timestamp" timestamptz,
	value float8, unit text, quality smallint);
INSERT INTO r_name VALUES ('probe', 'gas', '2026-11-10 00:00+00', 100, 'kW', 0);
CREATE TEMP TABLE r_ts (facility_id text, meter_id text, "timestamp" timestamp,
	value float8, unit text, quality smallint);
CREATE TEMP TABLE r_quality (facility_id text, meter_id text, "timestamp" timestamptz,
	value float8, unit text, quality int);
CREATE TEMP TABLE r_fac (facility_id int, meter_id text, "timestamp" timestamptz,
	value float8, unit text, quality smallint);
-- a correct one, with a domain over text (checked by its base type)
CREATE DOMAIN pg_temp.meter_name AS varchar(40);
CREATE TEMP TABLE r_ok (facility_id text, meter_id pg_temp.meter_name, "timestamp" timestamptz,
	value float8, unit text, quality smallint);
INSERT INTO r_ok VALUES ('probe', 'gas', '2026-11-10 00:00+00', 100, 'kW', 0),
                        ('probe', 'gas', '2026-11-10 01:00+00', 100, 'kW', 0),
                        ('probe', 'heat', '2026-11-10 00:00+00', 80, 'kW', 0),
                        ('probe', 'heat', '2026-11-10 01:00+00', 80, 'kW', 0);

-- the crash: every function that reads readings, as the unprivileged role
SELECT throws_ok(format($q$SELECT * FROM thermaliq.%s('probe', '2026-11-10', '2026-11-11', p_readings => 'r_int')$q$, f),
	'42804', format('column "unit" of readings table "%s.r_int" has type integer, expected text',
		(SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema())),
	f || ': unit int is 42804, not a crash')
FROM unnest(ARRAY['heat_balance', 'balance_closure', 'sankey', 'sankey_svg',
	'efficiency_series', 'analyze', 'calculate', 'provenance_hash']) f;

-- the privilege read: the secret never reaches the message
SELECT throws_ok(format($q$SELECT * FROM thermaliq.%s('probe', '2026-11-10', '2026-11-11', p_readings => 'r_interval')$q$, f),
	'42804', NULL, f || ': unit interval is 42804')
FROM unnest(ARRAY['heat_balance', 'efficiency_series', 'analyze']) f;
SELECT throws_ok($q$SELECT * FROM thermaliq.balance_closure('probe', '2026-11-10', '2026-11-11', 'r_numeric')$q$,
	'42804', format('column "value" of readings table "%s.r_numeric" has type numeric, expected double precision',
		(SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema())),
	'value numeric is 42804, not 6.1e-308 kWh');
SELECT throws_ok($q$SELECT * FROM thermaliq.efficiency_series('probe', '2026-11-10', '2026-11-11', '1 hour', 'r_name')$q$,
	'42804', NULL, 'meter_id name is 42804, not XX001');
SELECT throws_ok($q$SELECT * FROM thermaliq.heat_balance('probe', '2026-11-10', '2026-11-11', 'r_ts')$q$,
	'42804', NULL, 'timestamp without time zone is 42804');
SELECT throws_ok($q$SELECT * FROM thermaliq.heat_balance('probe', '2026-11-10', '2026-11-11', 'r_quality')$q$,
	'42804', NULL, 'quality int is 42804');
SELECT throws_ok($q$SELECT * FROM thermaliq.heat_balance('probe', '2026-11-10', '2026-11-11', 'r_fac')$q$,
	'42804', NULL, 'facility_id int is 42804');
SELECT throws_ok($q$SELECT * FROM thermaliq.heat_balance('probe', '2026-11-10', '2026-11-11', 'pg_class')$q$,
	'42809', NULL, 'a table without the readings columns is 42809');
SELECT is((SELECT count(*) FROM thermaliq.calculations WHERE facility_id = 'probe'), 0::bigint,
	'no calculation row is stored for a bad readings table');

-- a table the caller may not read: 42501 from the check, before any row
RESET ROLE;
CREATE TABLE public.tq_private_readings (facility_id text NOT NULL, meter_id text NOT NULL,
	"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
INSERT INTO public.tq_private_readings SELECT * FROM r_ok;
REVOKE ALL ON public.tq_private_readings FROM PUBLIC;
SET LOCAL ROLE tq_probe_user;
SELECT throws_ok(format($q$SELECT * FROM thermaliq.%s('probe', '2026-11-10', '2026-11-11', p_readings => 'public.tq_private_readings')$q$, f),
	'42501', 'permission denied for table tq_private_readings', f || ': no SELECT is 42501')
FROM unnest(ARRAY['heat_balance', 'efficiency_series', 'analyze', 'provenance_hash']) f;
-- SELECT on every column the reader takes is enough
RESET ROLE;
GRANT SELECT (facility_id, meter_id, "timestamp", value, unit, quality)
	ON public.tq_private_readings TO tq_probe_user;
SET LOCAL ROLE tq_probe_user;
SELECT is((SELECT round(energy_kwh::numeric, 6) FROM thermaliq.heat_balance('probe', '2026-11-10 00:00+00',
	'2026-11-10 01:00+00', 'public.tq_private_readings') WHERE category = 'input'), 100.000000,
	'column SELECT grants are enough: 100 kW for 1 h = 100 kWh');

-- the correct temp table with a domain column works: 100 kW x 1 h, 80 kW x 1 h
SELECT is((SELECT round(fuel_input_kwh::numeric, 6) || '/' || round(useful_output_kwh::numeric, 6)
	FROM thermaliq.efficiency_series('probe', '2026-11-10 00:00+00', '2026-11-10 01:00+00', '1 hour', 'r_ok')),
	'100.000000/80.000000', 'a readings table with a domain over varchar reads as text');
SELECT is(thermaliq.check_readings_table('r_ok'), 'r_ok'::regclass, 'check_readings_table returns its argument');
SELECT is((SELECT p.provolatile::text || p.proisstrict::text || p.proparallel::text FROM pg_proc p
	WHERE p.oid = 'thermaliq.check_readings_table(regclass)'::regprocedure), 'strues',
	'check_readings_table is STABLE STRICT PARALLEL SAFE');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
