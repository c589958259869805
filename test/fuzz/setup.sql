-- The fuzz database (scripts/fuzz.sh runs this as postgres): thermaliq, the
-- demo plant (3 facilities, 6 hours: small, so that sqlsmith's joins of it
-- stay under the 10 s timeout), two unprivileged roles, and crafted
-- readings tables: each has the readings columns with one of them of a
-- wrong type (or missing, extra, reordered, dropped, all NULL, extreme),
-- owned by the role that calls the functions; one table it may not read.
SET client_min_messages = warning;
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;
CREATE EXTENSION thermaliq;
CREATE EXTENSION thermaliq_demo;
SELECT thermaliq.create_readings_table('public.energy_readings', '1 day', 4,
	p_start_partition := now() - interval '4 days');
SELECT thermaliq.generate_plant(3, now() - interval '6 hours', now()) AS readings;
ANALYZE public.energy_readings;

-- fuzzer: the role fuzz.py calls as; smith: the role sqlsmith runs as.
-- Neither is a superuser; both stop a statement after 10 s.
CREATE ROLE fuzzer LOGIN;
CREATE ROLE smith LOGIN;
ALTER ROLE fuzzer SET statement_timeout = '10s';
ALTER ROLE smith SET statement_timeout = '10s';
GRANT SELECT ON public.energy_readings, thermaliq.facilities, thermaliq.meters,
	thermaliq.facility_settings, thermaliq.meter_settings TO fuzzer, smith;
GRANT SELECT, INSERT, UPDATE ON thermaliq.calculations TO fuzzer;
GRANT CREATE ON SCHEMA public TO fuzzer;
CREATE SCHEMA crafted AUTHORIZATION fuzzer;
CREATE SCHEMA secret;
GRANT USAGE ON SCHEMA secret TO fuzzer, smith;
-- a readings table the callers may not read
CREATE TABLE secret.readings AS SELECT * FROM public.energy_readings WHERE facility_id = 'plant-001';

SET ROLE fuzzer;
-- Rows of one facility, in the column types of each crafted table.
CREATE TEMP VIEW src AS
	SELECT facility_id, meter_id, "timestamp", value, unit, quality
	FROM public.energy_readings WHERE facility_id = 'plant-001';
DO $$
DECLARE
	-- name, then the select list over src with one column changed
	v_tables text[][] := ARRAY[
		['ok', 'facility_id, meter_id, "timestamp", value, unit, quality'],
		['facility_int', 'length(facility_id) AS facility_id, meter_id, "timestamp", value, unit, quality'],
		['facility_name', 'facility_id::name AS facility_id, meter_id, "timestamp", value, unit, quality'],
		['meter_name', 'facility_id, meter_id::name AS meter_id, "timestamp", value, unit, quality'],
		['meter_bytea', 'facility_id, convert_to(meter_id, ''UTF8'') AS meter_id, "timestamp", value, unit, quality'],
		['ts_notz', 'facility_id, meter_id, "timestamp" AT TIME ZONE ''UTC'' AS "timestamp", value, unit, quality'],
		['ts_text', 'facility_id, meter_id, "timestamp"::text AS "timestamp", value, unit, quality'],
		['ts_date', 'facility_id, meter_id, "timestamp"::date AS "timestamp", value, unit, quality'],
		['ts_bigint', 'facility_id, meter_id, extract(epoch FROM "timestamp")::bigint AS "timestamp", value, unit, quality'],
		['value_numeric', 'facility_id, meter_id, "timestamp", value::numeric AS value, unit, quality'],
		['value_real', 'facility_id, meter_id, "timestamp", value::real AS value, unit, quality'],
		['value_text', 'facility_id, meter_id, "timestamp", value::text AS value, unit, quality'],
		['value_int', 'facility_id, meter_id, "timestamp", value::int AS value, unit, quality'],
		['value_interval', 'facility_id, meter_id, "timestamp", make_interval(secs => value) AS value, unit, quality'],
		['unit_int', 'facility_id, meter_id, "timestamp", value, length(unit) AS unit, quality'],
		['unit_interval', 'facility_id, meter_id, "timestamp", value, make_interval(secs => length(unit)) AS unit, quality'],
		['unit_jsonb', 'facility_id, meter_id, "timestamp", value, to_jsonb(unit) AS unit, quality'],
		['quality_int', 'facility_id, meter_id, "timestamp", value, unit, quality::int AS quality'],
		['quality_text', 'facility_id, meter_id, "timestamp", value, unit, quality::text AS quality'],
		['quality_bool', 'facility_id, meter_id, "timestamp", value, unit, quality > 0 AS quality'],
		['quality_float', 'facility_id, meter_id, "timestamp", value, unit, quality::float8 AS quality'],
		['no_quality', 'facility_id, meter_id, "timestamp", value, unit'],
		['no_value', 'facility_id, meter_id, "timestamp", unit, quality'],
		['extra', 'facility_id, meter_id, "timestamp", value, unit, quality, value AS value2, repeat(''x'', 3000) AS junk'],
		['reordered', 'quality, unit, value, "timestamp", meter_id, facility_id'],
		['all_null', 'NULL::text AS facility_id, NULL::text AS meter_id, NULL::timestamptz AS "timestamp", NULL::float8 AS value, NULL::text AS unit, NULL::smallint AS quality'],
		['null_some', 'facility_id, meter_id, CASE WHEN value > 100 THEN "timestamp" END AS "timestamp", CASE WHEN value < 50 THEN value END AS value, CASE WHEN quality = 0 THEN unit END AS unit, quality'],
		['extreme', 'facility_id, meter_id, (ARRAY[''infinity''::timestamptz, ''-infinity'', ''294276-12-31 23:59:59+00'', ''4714-11-24 00:00:00+00 BC'', "timestamp"])[1 + (hashtext(meter_id || "timestamp"::text) & 3)] AS "timestamp", (ARRAY[''NaN''::float8, ''Infinity'', ''-Infinity'', 5e-324, 1e308, -1e308, value])[1 + (hashtext("timestamp"::text) & 7) % 7] AS value, unit, quality'],
		['odd_units', 'facility_id, meter_id, "timestamp", value, (ARRAY[''kWh'', ''degF'', ''bogus'', '''', ''K'', ''MMBtu'', ''%''])[1 + (hashtext("timestamp"::text) & 7) % 7] AS unit, quality'],
		['odd_quality', 'facility_id, meter_id, "timestamp", value, unit, (hashtext("timestamp"::text) % 7)::smallint AS quality'],
		['duplicates', 'facility_id, meter_id, date_trunc(''hour'', "timestamp") AS "timestamp", value, unit, quality'],
		['empty', 'facility_id, meter_id, "timestamp", value, unit, quality']
	];
	i int;
BEGIN
	FOR i IN 1 .. array_length(v_tables, 1) LOOP
		EXECUTE format('CREATE TABLE crafted.%I AS SELECT %s FROM src %s', v_tables[i][1], v_tables[i][2],
			CASE WHEN v_tables[i][1] = 'empty' THEN 'WHERE false' ELSE '' END);
	END LOOP;
END
$$;
-- a dropped column before the others, and a view
CREATE TABLE crafted.dropped_col (junk int, facility_id text, meter_id text, "timestamp" timestamptz,
	value float8, unit text, quality smallint);
INSERT INTO crafted.dropped_col SELECT 1, * FROM src;
ALTER TABLE crafted.dropped_col DROP COLUMN junk;
CREATE VIEW crafted.a_view AS SELECT * FROM public.energy_readings;
-- a partitioned table with a row-level security policy that hides all rows
CREATE TABLE crafted.rls (LIKE public.energy_readings);
INSERT INTO crafted.rls SELECT * FROM src;
ALTER TABLE crafted.rls ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY nothing ON crafted.rls USING (false);
RESET ROLE;
DROP VIEW IF EXISTS src;
