-- Scheduled rollups (API.md section 7, issue 12): create_rollup makes a
-- materialized view of per-meter bucket summaries and energies, its unique
-- index, a security-barrier view for the tenants and a pg_cron job;
-- drop_rollup removes them; refresh_rollup is what the job runs.
-- Functions only (CREATE OR REPLACE): the 1.0--1.1 update re-runs this
-- piece (sql/upgrade/1.0--1.1/83_rollups.use); the registry table is in
-- 82_rollups_tables.sql.
--
-- Design (README, "Scheduled rollups"): the materialized view holds the
-- buckets before a horizon (history); the view <name>_v adds the buckets
-- from the horizon on (the live tail), computed from the readings when it
-- is read, so recent buckets are never stale and never stored. The job
-- moves the horizon to the start of the current history step (default one
-- day) and refreshes the materialized view CONCURRENTLY only when it moved:
-- a year of history is recomputed once a day, not every 15 minutes.

-- rollup_energy: energy_kwh of the rollups (src/plant/rollup_energy.c).
CREATE OR REPLACE FUNCTION thermaliq.rollup_energy(
	p_facility text,
	p_meter text,
	p_from timestamptz,
	p_to timestamptz,
	p_bucket interval DEFAULT '1 hour',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS TABLE(bucket_start timestamptz, energy_kwh float8)
AS 'MODULE_PATHNAME', 'rollup_energy'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
ROWS 100;
COMMENT ON FUNCTION thermaliq.rollup_energy(text, text, timestamptz, timestamptz, interval, regclass) IS
'Energy in kWh of energy meter p_meter (fuel_input on its heating value basis, electric_input, heat/steam/hot-water output) of p_facility per bucket thermaliq.time_bucket(p_bucket, ts) covering [p_from, p_to): read and converted as efficiency_series reads it (quality 0/1, finite values, each row by its unit, counters spread linearly over each interval between good reads), integrated with interpolation to the bucket edges over the time the meter itself covers (max_gap), so its buckets add up to its energy over the range; a row per bucket with covered time, none for other meters; p_bucket fixed (no months; 22023)';

-- rollup_query: the SELECT of a rollup's rows before (p_tail false) or
-- from (p_tail true) its horizon, as create_rollup puts it in the
-- materialized view and the view. Per meter and bucket one plain
-- aggregate over an index range, and the meter's energies from one read:
-- no sort, hash table or tuplestore that grows with the sample rate, so
-- nothing spills at the default work_mem (test/pgtap/83_rollups.sql).
CREATE OR REPLACE FUNCTION thermaliq.rollup_query(p_rollup text, p_bucket interval,
	p_readings regclass, p_tail boolean)
RETURNS text
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_h text := format('(SELECT h.horizon FROM thermaliq.rollups h WHERE h.rollup_name = %L)', p_rollup);
	v_b text := format('%L::interval', p_bucket);
	v_time text;
	v_buckets text;
	v_energy text;
	v_edge text;
BEGIN
	-- x.edge: the meter's last good read before the horizon (tail) or first
	-- one from it on (history), so that a counter's interval across the
	-- horizon is spread over both sides whatever its length
	IF p_tail THEN
		v_time := format('r."timestamp" >= %s', v_h);
		v_edge := format('r."timestamp" < %s ORDER BY r."timestamp" DESC', v_h);
		v_buckets := format('%1$s, x.hi', v_h);
		v_energy := format('least(%1$s, coalesce(x.edge, %1$s)), x.hi + interval ''1 microsecond''', v_h);
	ELSE
		v_time := format('r."timestamp" < %s', v_h);
		v_edge := format('r."timestamp" >= %s ORDER BY r."timestamp"', v_h);
		v_buckets := format('thermaliq.time_bucket(%2$s, x.lo), least(%1$s - interval ''1 microsecond'', '
			'greatest(x.hi + x.gap, coalesce(x.edge, x.hi)))', v_h, v_b);
		v_energy := format('x.lo, greatest(%1$s, coalesce(x.edge, %1$s)) + interval ''1 microsecond''', v_h);
	END IF;
	RETURN format($q$
SELECT m.facility_id, m.meter_id, z.bucket_start, z.tw, z.ms,
	CASE WHEN m.role IN ('fuel_input', 'electric_input', 'heat_output', 'steam_output', 'hot_water_output')
		THEN coalesce(z.energy_kwh, 0) END AS energy_kwh
FROM thermaliq.meters m
LEFT JOIN thermaliq.meter_settings s ON s.facility_id = m.facility_id AND s.meter_id = m.meter_id
LEFT JOIN thermaliq.facility_settings fs ON fs.facility_id = m.facility_id
CROSS JOIN LATERAL (SELECT min(r."timestamp") AS lo, max(r."timestamp") AS hi,
		coalesce(s.max_gap, fs.max_gap, interval '15 minutes') AS gap,
		(SELECT r."timestamp" FROM %2$s r WHERE r.facility_id = m.facility_id AND r.meter_id = m.meter_id
		   AND r.quality BETWEEN 0 AND 1 AND r.value > '-Infinity'::float8 AND r.value < 'Infinity'::float8
		   AND %7$s LIMIT 1) AS edge
	FROM %2$s r WHERE r.facility_id = m.facility_id AND r.meter_id = m.meter_id AND %3$s) x
CROSS JOIN LATERAL (
	SELECT g.bucket_start, b.tw, b.ms, e.energy_kwh
	FROM pg_catalog.generate_series(%4$s, %1$s) g(bucket_start)
	CROSS JOIN LATERAL (
		SELECT thermaliq.time_weight(r."timestamp", v.v, 'linear', x.gap) FILTER (WHERE m.kind = 'rate') AS tw,
			thermaliq.meter_agg(r."timestamp", v.v, s.rollover, s.max_rate,
				coalesce(s.stepback_tolerance, 0.01)) FILTER (WHERE m.kind = 'counter') AS ms
		FROM %2$s r
		CROSS JOIN LATERAL (SELECT CASE WHEN r.unit = m.unit THEN r.value
			ELSE thermaliq.convert(r.value, r.unit, m.unit) END AS v) v
		WHERE r.facility_id = m.facility_id AND r.meter_id = m.meter_id
		  AND r."timestamp" >= g.bucket_start AND r."timestamp" < g.bucket_start + %1$s
		  AND r.quality BETWEEN 0 AND 1
		  AND r.value > '-Infinity'::float8 AND r.value < 'Infinity'::float8) b
	LEFT JOIN thermaliq.rollup_energy(m.facility_id, m.meter_id, %5$s, %1$s, %6$L::regclass) e
		ON e.bucket_start = g.bucket_start
) z
WHERE x.lo IS NOT NULL AND (z.tw IS NOT NULL OR z.ms IS NOT NULL OR z.energy_kwh IS NOT NULL)$q$,
		v_b, p_readings::text, v_time, v_buckets, v_energy, p_readings::text, v_edge);
END
$$;
COMMENT ON FUNCTION thermaliq.rollup_query(text, interval, regclass, boolean) IS
'The SELECT of rollup p_rollup''s rows: per registered meter and bucket thermaliq.time_bucket(p_bucket, timestamp) of the readings with quality 0/1 and a finite value (converted to the meter''s registry unit), tw = time_weight(ts, value, ''linear'', max_gap of meter_settings, facility_settings, 15 min) of rate meters, ms = meter_agg(ts, value, rollover, max_rate, stepback_tolerance) of counters, energy_kwh = rollup_energy() (0 in a bucket the meter does not cover, NULL for meters that are not energy meters); a row per meter and bucket with a reading or energy; buckets before the horizon (p_tail false) or from it';

-- rollup_tail: the live buckets of a rollup, from its horizon on.
CREATE OR REPLACE FUNCTION thermaliq.rollup_tail(p_rollup text)
RETURNS TABLE(facility_id text, meter_id text, bucket_start timestamptz,
	tw thermaliq.tw_summary, ms thermaliq.meter_summary, energy_kwh float8)
LANGUAGE plpgsql
STABLE STRICT PARALLEL RESTRICTED
-- the planner's guesses (1000 buckets per meter) would JIT-compile the
-- per-bucket plan for about a second to read a few hundred rows
SET jit = off
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r thermaliq.rollups;
BEGIN
	SELECT * INTO r FROM thermaliq.rollups WHERE rollup_name = p_rollup;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	RETURN QUERY EXECUTE thermaliq.rollup_query(r.rollup_name, r.bucket, r.readings::regclass, true);
END
$$;
COMMENT ON FUNCTION thermaliq.rollup_tail(text) IS
'The rows of rollup p_rollup (thermaliq.rollups) from its horizon on, computed from the readings as the caller (row-level security applies): what its view adds to the materialized view; nothing for an unknown rollup';

-- rollup_names: the checked names of a rollup and its parts.
CREATE OR REPLACE FUNCTION thermaliq.rollup_names(p_name text,
	OUT rollup_name text, OUT view_name text, OUT index_name text, OUT job_name text,
	OUT schema_name text, OUT rel_name text)
LANGUAGE plpgsql
STABLE STRICT PARALLEL SAFE
-- No SET search_path clause: current_schema() is the caller's.
AS $$
DECLARE
	v_parts text[];
BEGIN
	-- plain lower-case identifiers only: the name goes into a cron job name,
	-- index and view names and SQL text, and needs no quoting anywhere
	IF p_name !~ '^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$' THEN
		RAISE EXCEPTION 'invalid rollup name "%"', p_name
			USING ERRCODE = 'invalid_name',
			DETAIL = 'A rollup name is name or schema.name, each a lower-case letter or underscore followed by lower-case letters, digits and underscores.',
			HINT = 'For example hourly_energy or public.hourly_energy.';
	END IF;
	v_parts := pg_catalog.string_to_array(p_name, '.');
	IF array_length(v_parts, 1) = 1 THEN
		schema_name := pg_catalog.current_schema();
		IF schema_name IS NULL THEN
			RAISE EXCEPTION 'no schema to create rollup "%" in', p_name
				USING ERRCODE = 'invalid_schema_name', HINT = 'Give schema.name.';
		END IF;
		rel_name := v_parts[1];
	ELSE
		schema_name := v_parts[1];
		rel_name := v_parts[2];
	END IF;
	-- room for the suffixes _v and _key within NAMEDATALEN - 1 = 63 bytes
	IF pg_catalog.octet_length(rel_name) > 59 OR pg_catalog.octet_length(schema_name) > 63 THEN
		RAISE EXCEPTION 'rollup name "%" is too long', p_name
			USING ERRCODE = 'name_too_long',
			DETAIL = 'The materialized view''s name may have at most 59 bytes, so that its view (_v) and index (_key) names fit in 63.';
	END IF;
	rollup_name := pg_catalog.format('%I.%I', schema_name, rel_name);
	view_name := pg_catalog.format('%I.%I', schema_name, rel_name || '_v');
	index_name := rel_name || '_key';
	job_name := 'thermaliq-rollup-' || p_name;
END
$$;
COMMENT ON FUNCTION thermaliq.rollup_names(text) IS
'The names of rollup p_name (name or schema.name, plain lower-case identifiers; 42602 otherwise, 42622 over 59 bytes): the materialized view, its view <name>_v, its unique index <name>_key and its pg_cron job thermaliq-rollup-<p_name>';

-- create_rollup: materialized view, unique index, view, job.
CREATE OR REPLACE FUNCTION thermaliq.create_rollup(
	p_name text,
	p_bucket interval DEFAULT '1 hour',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass, -- cast at call time
	p_schedule text DEFAULT '*/15 * * * *')
RETURNS regclass
LANGUAGE plpgsql
VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
-- JIT compiles the per-bucket plan for about a second and gains nothing
SET jit = off
-- No SET search_path clause: unqualified names are the caller's (current_schema());
-- everything else is schema-qualified or in pg_catalog, which is searched first.
AS $$
DECLARE
	n record;
	v_bucket interval;
	v_horizon timestamptz;
	v_job text;
BEGIN
	IF p_name IS NULL OR p_bucket IS NULL OR p_readings IS NULL OR p_schedule IS NULL THEN
		RAISE EXCEPTION 'p_name, p_bucket, p_readings and p_schedule must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	n := thermaliq.rollup_names(p_name);
	IF extract(month FROM p_bucket) <> 0 OR extract(year FROM p_bucket) <> 0 THEN
		RAISE EXCEPTION 'p_bucket must not contain months or years'
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Use a fixed width such as ''1 hour'' or ''1 day''; roll months up from its rows with rollup().';
	END IF;
	-- days as 24 hours, the unit of thermaliq.time_bucket
	v_bucket := make_interval(secs => extract(epoch FROM p_bucket));
	IF v_bucket <= interval '0' OR v_bucket < interval '1 second' THEN
		RAISE EXCEPTION 'p_bucket must be a positive interval of at least one second, not %', p_bucket
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	IF to_regnamespace(quote_ident(n.schema_name)) IS NULL THEN
		RAISE EXCEPTION 'schema "%" does not exist', n.schema_name
			USING ERRCODE = 'invalid_schema_name';
	END IF;
	IF to_regclass(n.rollup_name) IS NOT NULL OR to_regclass(n.view_name) IS NOT NULL
	   OR to_regclass(quote_ident(n.schema_name) || '.' || quote_ident(n.index_name)) IS NOT NULL
	   OR EXISTS (SELECT 1 FROM thermaliq.rollups WHERE rollup_name = n.rollup_name) THEN
		RAISE EXCEPTION 'relation "%" already exists', p_name
			USING ERRCODE = 'duplicate_table',
			DETAIL = format('create_rollup makes %s, %s and index %s; one of them exists.', n.rollup_name, n.view_name, n.index_name),
			HINT = 'Choose another name, or drop_rollup() the old rollup first.';
	END IF;
	-- the registry's defaults: history_step 1 day, settle 1 hour
	v_horizon := thermaliq.time_bucket(v_bucket, thermaliq.time_bucket(interval '1 day', now() - interval '1 hour'));
	INSERT INTO thermaliq.rollups (rollup_name, view_name, bucket, readings, schedule, horizon, refreshed_at)
	VALUES (n.rollup_name, n.view_name, v_bucket,
		(SELECT format('%I.%I', ns.nspname, c.relname) FROM pg_catalog.pg_class c
		 JOIN pg_catalog.pg_namespace ns ON ns.oid = c.relnamespace WHERE c.oid = p_readings),
		p_schedule, v_horizon, now());

	EXECUTE format('CREATE MATERIALIZED VIEW %s AS %s', n.rollup_name,
		thermaliq.rollup_query(n.rollup_name, v_bucket, p_readings, false));
	EXECUTE format('CREATE UNIQUE INDEX %I ON %s (facility_id, meter_id, bucket_start)',
		n.index_name, n.rollup_name);
	EXECUTE format('COMMENT ON MATERIALIZED VIEW %s IS %L', n.rollup_name,
		format('thermaliq rollup (create_rollup): %s buckets of %s before thermaliq.rollups.horizon; read it through %s', v_bucket, p_readings, n.view_name));
	-- the tenants' view: history and live tail, only visible facilities
	EXECUTE format('CREATE VIEW %s WITH (security_barrier) AS SELECT u.* FROM ('
		'SELECT * FROM %s WHERE bucket_start < (SELECT h.horizon FROM thermaliq.rollups h WHERE h.rollup_name = %L) '
		'UNION ALL SELECT * FROM thermaliq.rollup_tail(%L)) u WHERE thermaliq.facility_visible(u.facility_id)',
		n.view_name, n.rollup_name, n.rollup_name, n.rollup_name);
	EXECUTE format('COMMENT ON VIEW %s IS %L', n.view_name,
		format('thermaliq rollup %s: its buckets before the horizon and the live ones after it, rows of the facilities the current role sees', n.rollup_name));
	IF to_regrole('thermaliq_reader') IS NOT NULL THEN
		EXECUTE format('GRANT SELECT ON %s TO thermaliq_reader', n.view_name);
	END IF;

	-- the job, where pg_cron is installed (its database is cron.database_name)
	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
		EXECUTE 'SELECT cron.schedule($1, $2, $3)' USING n.job_name, p_schedule,
			format('SELECT thermaliq.refresh_rollup(%L)', n.rollup_name);
		UPDATE thermaliq.rollups SET job_name = n.job_name WHERE rollup_name = n.rollup_name;
	ELSE
		RAISE NOTICE 'pg_cron is not installed in this database: rollup % has no job', n.rollup_name
			USING HINT = format('Run SELECT thermaliq.refresh_rollup(%L) on a schedule of your own, or create the rollup in the database that cron.database_name names with pg_cron installed.', n.rollup_name);
	END IF;
	RETURN n.rollup_name::regclass;
END
$$;
COMMENT ON FUNCTION thermaliq.create_rollup(text, interval, regclass, text) IS
'Creates rollup p_name: the materialized view p_name (facility_id, meter_id, bucket_start, tw tw_summary of rate meters, ms meter_summary of counters, energy_kwh: rollup_query, rollup_energy) of the buckets before the horizon, its unique index <name>_key (so it refreshes CONCURRENTLY), the security-barrier view <name>_v (history and the live buckets after the horizon; granted to thermaliq_reader) and, when pg_cron is installed in this database, the job thermaliq-rollup-<p_name> running refresh_rollup(p_name) on p_schedule (else a NOTICE); errors: 42602/42622 name, 22023 bucket, 42P07 exists, 42P01 readings table';

-- rollup_lock: the registry row of rollup p_name, locked; 42704 if none.
CREATE OR REPLACE FUNCTION thermaliq.rollup_lock(p_name text)
RETURNS thermaliq.rollups
LANGUAGE plpgsql
VOLATILE STRICT PARALLEL UNSAFE
-- No SET search_path clause: p_name resolves as the caller's (rollup_names).
AS $$
DECLARE
	r thermaliq.rollups;
BEGIN
	SELECT * INTO r FROM thermaliq.rollups
	WHERE rollup_name = p_name OR rollup_name = (SELECT x.rollup_name FROM thermaliq.rollup_names(p_name) x)
	FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'unknown rollup "%"', p_name
			USING ERRCODE = 'undefined_object', HINT = 'SELECT rollup_name FROM thermaliq.rollups lists the rollups.';
	END IF;
	RETURN r;
END
$$;
COMMENT ON FUNCTION thermaliq.rollup_lock(text) IS
'The registry row (thermaliq.rollups) of rollup p_name, by its name as given or as rollup_names() qualifies it, locked FOR UPDATE; 42704 for an unknown rollup. refresh_rollup and drop_rollup start with it';

-- refresh_rollup: what the job runs.
CREATE OR REPLACE FUNCTION thermaliq.refresh_rollup(p_name text, p_full boolean DEFAULT false)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE STRICT PARALLEL UNSAFE
-- JIT compiles the per-bucket plan for about a second and gains nothing
SET jit = off
-- No SET search_path clause: unqualified names are the caller's (current_schema());
-- everything else is schema-qualified or in pg_catalog, which is searched first.
AS $$
DECLARE
	r thermaliq.rollups;
	v_new timestamptz;
BEGIN
	r := thermaliq.rollup_lock(p_name);
	-- now() - settle: readings still arriving for the last buckets (a
	-- historian's lag, or rows committed while this refresh runs) stay in
	-- the live tail instead of missing from a history refreshed without them
	v_new := greatest(r.horizon, thermaliq.time_bucket(r.bucket, thermaliq.time_bucket(r.history_step, now() - r.settle)));
	IF v_new = r.horizon AND NOT p_full THEN
		RETURN false;
	END IF;
	UPDATE thermaliq.rollups SET horizon = v_new, refreshed_at = now() WHERE rollup_name = r.rollup_name;
	EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', r.rollup_name);
	RETURN true;
END
$$;
COMMENT ON FUNCTION thermaliq.refresh_rollup(text, boolean) IS
'The job of a rollup: moves its horizon to the start of the history_step (thermaliq.rollups, default 1 day; aligned to the bucket) that holds now() - settle (default 1 hour) and refreshes the materialized view CONCURRENTLY when the horizon moved or p_full (late readings before the horizon); returns whether it refreshed. The buckets after the horizon need no refresh: the view computes them when read. 42704 for an unknown rollup';

-- drop_rollup: the view, the materialized view, the job, the registry row.
CREATE OR REPLACE FUNCTION thermaliq.drop_rollup(p_name text)
RETURNS void
LANGUAGE plpgsql
VOLATILE STRICT PARALLEL UNSAFE
-- No SET search_path clause: unqualified names are the caller's (current_schema());
-- everything else is schema-qualified or in pg_catalog, which is searched first.
AS $$
DECLARE
	r thermaliq.rollups;
BEGIN
	r := thermaliq.rollup_lock(p_name);
	EXECUTE format('DROP VIEW IF EXISTS %s', r.view_name);
	EXECUTE format('DROP MATERIALIZED VIEW IF EXISTS %s', r.rollup_name);
	IF r.job_name IS NOT NULL AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
		EXECUTE 'SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = $1' USING r.job_name;
	END IF;
	DELETE FROM thermaliq.rollups WHERE rollup_name = r.rollup_name;
END
$$;
COMMENT ON FUNCTION thermaliq.drop_rollup(text) IS
'Drops rollup p_name: its view, materialized view (and index), pg_cron job and registry row; 42704 for an unknown rollup';
