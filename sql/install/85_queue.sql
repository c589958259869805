-- The calculation queue and the metrics (API.md section 7).
-- Functions and a view only (CREATE OR REPLACE): the update script re-runs
-- this piece (sql/upgrade/1.0--1.1/85_queue.use). The table columns are in
-- 84_queue_tables.sql, the grants in 99_grants.sql and setup_roles().
--
-- Who does what:
--   enqueue()        analyst (SECURITY DEFINER: only the owner writes
--                    calculations); checks as the caller, stores the caller
--                    as requested_by
--   run_pending()    admin, pg_cron, a client (SECURITY DEFINER), and the
--                    background workers (src/pg/worker.c) through
--                    queue_claim() and queue_run(), which no role but the
--                    owner may execute
--   queue_as_role()  computes as requested_by: a superuser's worker reads
--                    only what the requester may read
--   thermaliq.metrics  pg_monitor and admin (labels name every facility)

-- queue_as_role: analyze() or provenance_hash() as a given role (tenancy.c).
CREATE OR REPLACE FUNCTION thermaliq.queue_as_role(p_as_role name, p_what text, p_facility text,
	p_from timestamptz, p_to timestamptz, p_options jsonb, p_readings regclass)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'queue_as_role'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION thermaliq.queue_as_role(name, text, text, timestamptz, timestamptz, jsonb, regclass) IS
'The queue''s computation of a calculation as the role that enqueued it: p_what analyze (its result) or provenance_hash (the result cache''s key, as jsonb text); owner only';

-- queue_count: adds 1 to a counter of thermaliq.metrics, in the caller's transaction.
CREATE OR REPLACE FUNCTION thermaliq.queue_count(p_metric text)
RETURNS void
LANGUAGE sql
VOLATILE
STRICT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
	INSERT INTO thermaliq.calculation_counters AS c (metric, slot, value)
	VALUES (p_metric, pg_backend_pid() % 8, 1)
	ON CONFLICT (metric, slot) DO UPDATE SET value = c.value + 1
$$;
COMMENT ON FUNCTION thermaliq.queue_count(text) IS
'Adds 1 to counter p_metric (completed, failed, reused, retried, reclaimed) in the slot of this backend; owner only';

-- enqueue: stores a pending calculation.
CREATE OR REPLACE FUNCTION thermaliq.enqueue(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
-- As calculate(): runs as its owner, the only writer of
-- thermaliq.calculations; checks as the caller (request_role()).
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_role name;
	v_readings text;
	v_now timestamptz;
BEGIN
	PERFORM thermaliq.require_primary('thermaliq.enqueue()');
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL OR p_options IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to, p_options and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	-- what analyze() would refuse at once is refused now, not queued
	PERFORM thermaliq.analyze_check_period(p_from, p_to);
	PERFORM thermaliq.analyze_options(p_options);
	PERFORM thermaliq.request_calculate_check(p_facility, p_readings);
	SELECT r.rolname INTO v_role FROM pg_roles r WHERE r.oid = thermaliq.request_role();
	SELECT format('%I.%I', n.nspname, c.relname) INTO v_readings
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_readings;
	v_now := clock_timestamp();
	INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status, created_at,
		options, readings, requested_by)
	VALUES (p_facility, p_from, p_to, 'pending', v_now, p_options, v_readings, v_role)
	RETURNING calculation_id INTO v_id;
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.enqueue(text, timestamptz, timestamptz, jsonb, regclass) IS
'Stores a pending calculation of analyze(p_facility, p_from, p_to, p_options, p_readings) for the queue and returns its calculation_id; the workers or run_pending() compute it as the calling role (requested_by). Checks first, as the caller, what calculate() checks (22004, 22023 period/options/unknown facility, 42804, 42501) and stores nothing then; 25006 on a hot standby. SECURITY DEFINER (EXECUTE: thermaliq_analyst)';

-- queue_claim: marks the oldest pending calculation processing; NULL if none.
CREATE OR REPLACE FUNCTION thermaliq.queue_claim()
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_attempts int;
	v_max int := coalesce(nullif(current_setting('thermaliq.max_attempts', true), '')::int, 3);
	v_now timestamptz;
	v_pid int := pg_backend_pid();
	v_start timestamptz;
BEGIN
	PERFORM thermaliq.require_primary('thermaliq.run_pending()');
	-- Give back the claims of workers that are gone (terminated, crashed):
	-- a processing row whose backend no longer runs and that no live
	-- transaction holds. The activity snapshot is taken afresh.
	PERFORM pg_stat_clear_snapshot();
	FOR v_id, v_attempts IN
		SELECT c.calculation_id, c.attempts FROM thermaliq.calculations c
		WHERE c.status = 'processing'
		  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
			WHERE a.pid = c.worker_pid AND a.backend_start IS NOT DISTINCT FROM c.worker_started)
		ORDER BY c.created_at
		FOR UPDATE OF c SKIP LOCKED
	LOOP
		v_now := clock_timestamp();
		IF v_attempts >= v_max THEN
			UPDATE thermaliq.calculations
			SET status = 'failed', finished_at = v_now,
				error = format('57P01: the worker processing it terminated, %s of %s attempts (thermaliq.max_attempts)',
					v_attempts, v_max)
			WHERE calculation_id = v_id;
			PERFORM thermaliq.queue_count('failed');
		ELSE
			UPDATE thermaliq.calculations SET status = 'pending', started_at = NULL
			WHERE calculation_id = v_id;
		END IF;
		PERFORM thermaliq.queue_count('reclaimed');
	END LOOP;

	SELECT c.calculation_id INTO v_id FROM thermaliq.calculations c
	WHERE c.status = 'pending'
	ORDER BY c.created_at
	LIMIT 1
	FOR UPDATE SKIP LOCKED;
	IF v_id IS NULL THEN
		RETURN NULL;
	END IF;
	v_now := clock_timestamp();
	SELECT a.backend_start INTO v_start FROM pg_stat_activity a WHERE a.pid = v_pid;
	UPDATE thermaliq.calculations
	SET status = 'processing', attempts = attempts + 1, started_at = v_now,
		worker_pid = v_pid, worker_started = v_start
	WHERE calculation_id = v_id;
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.queue_claim() IS
'The queue''s claim: gives back processing calculations whose worker backend is gone (pending again, or failed with 57P01 after thermaliq.max_attempts claims), then marks the oldest pending one processing by this backend (FOR UPDATE SKIP LOCKED) and returns its id, NULL when none is pending; owner only';

-- queue_run: computes a claimed calculation and stores its outcome.
CREATE OR REPLACE FUNCTION thermaliq.queue_run(p_id bigint)
RETURNS int
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_calc thermaliq.calculations;
	v_max int := coalesce(nullif(current_setting('thermaliq.max_attempts', true), '')::int, 3);
	v_hash text;
	v_result jsonb;
	v_reused bigint;
	v_state text;
	v_msg text;
	v_now timestamptz;
BEGIN
	-- only this backend's claim, locked until the outcome commits
	SELECT * INTO v_calc FROM thermaliq.calculations c
	WHERE c.calculation_id = p_id AND c.status = 'processing' AND c.worker_pid = pg_backend_pid()
	FOR UPDATE;
	IF NOT FOUND THEN
		RETURN 0;
	END IF;
	BEGIN
		-- A subtransaction: whatever analyze() did is undone on error.
		-- The result cache: a completed calculation with the same
		-- provenance hash (facility, period, resolved options, readings
		-- digest, constants and version) is the same result.
		-- The hash covers the facility and the period, so it is computed
		-- (one more read of the readings) only when a completed
		-- calculation of the same facility and period exists.
		IF EXISTS (SELECT 1 FROM thermaliq.calculations c
			WHERE c.facility_id = v_calc.facility_id AND c.period_from = v_calc.period_from
			  AND c.period_to = v_calc.period_to AND c.status = 'completed' AND c.reused_from IS NULL) THEN
			v_hash := thermaliq.queue_as_role(v_calc.requested_by, 'provenance_hash', v_calc.facility_id,
				v_calc.period_from, v_calc.period_to, v_calc.options, v_calc.readings::regclass) #>> '{}';
			SELECT c.calculation_id, c.result INTO v_reused, v_result FROM thermaliq.calculations c
			WHERE c.provenance_hash = v_hash AND c.status = 'completed' AND c.reused_from IS NULL
			ORDER BY c.calculation_id
			LIMIT 1;
		END IF;
		IF v_reused IS NULL THEN
			v_result := thermaliq.queue_as_role(v_calc.requested_by, 'analyze', v_calc.facility_id,
				v_calc.period_from, v_calc.period_to, v_calc.options, v_calc.readings::regclass);
		END IF;
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
		v_now := clock_timestamp();
		IF v_calc.attempts < v_max
		   AND (left(v_state, 2) IN ('40', '53', '08') OR v_state = '55P03') THEN
			-- transient (serialization, deadlock, resources, a shard's
			-- connection, a lock timeout): queued again
			UPDATE thermaliq.calculations
			SET status = 'pending', started_at = NULL, error = left(v_state || ': ' || v_msg, 1000)
			WHERE calculation_id = p_id;
			PERFORM thermaliq.queue_count('retried');
		ELSE
			UPDATE thermaliq.calculations
			SET status = 'failed', finished_at = v_now, error = left(v_state || ': ' || v_msg, 1000)
			WHERE calculation_id = p_id;
			PERFORM thermaliq.queue_count('failed');
		END IF;
		RETURN 1;
	END;
	v_now := clock_timestamp();
	UPDATE thermaliq.calculations
	SET status = 'completed', finished_at = v_now, result = v_result,
		provenance_hash = v_result ->> 'provenance_hash', reused_from = v_reused, error = NULL
	WHERE calculation_id = p_id;
	PERFORM thermaliq.queue_count('completed');
	IF v_reused IS NOT NULL THEN
		PERFORM thermaliq.queue_count('reused');
	END IF;
	RETURN 1;
END
$$;
COMMENT ON FUNCTION thermaliq.queue_run(bigint) IS
'Computes calculation p_id claimed by this backend (queue_claim()) as its requested_by role and stores it: completed (reused_from set when a completed calculation had the same provenance hash), pending again after a transient error (class 40, 53, 08, 55P03) while attempts < thermaliq.max_attempts, else failed with "SQLSTATE: message" (at most 1000 characters); returns 1, or 0 when p_id is not this backend''s claim; owner only';

-- run_pending: processes up to p_max pending calculations.
CREATE OR REPLACE FUNCTION thermaliq.run_pending(p_max int DEFAULT 100)
RETURNS int
LANGUAGE plpgsql
VOLATILE
STRICT
PARALLEL UNSAFE
-- runs as its owner, the only writer of thermaliq.calculations; each
-- calculation computes as the role that enqueued it (queue_as_role)
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_n int := 0;
	v_id bigint;
BEGIN
	PERFORM thermaliq.require_primary('thermaliq.run_pending()');
	IF p_max < 0 THEN
		RAISE EXCEPTION 'p_max must not be negative'
			USING ERRCODE = 'invalid_parameter_value', DETAIL = format('p_max is %s.', p_max);
	END IF;
	WHILE v_n < p_max LOOP
		v_id := thermaliq.queue_claim();
		EXIT WHEN v_id IS NULL;
		v_n := v_n + thermaliq.queue_run(v_id);
	END LOOP;
	RETURN v_n;
END
$$;
COMMENT ON FUNCTION thermaliq.run_pending(int) IS
'Processes up to p_max pending calculations (oldest first, FOR UPDATE SKIP LOCKED: any number of sessions and the background workers run it at once, each calculation is processed once) and returns how many; all in the caller''s transaction, so its claims show as processing only when a worker (thermaliq.workers) makes them. SECURITY DEFINER (EXECUTE: thermaliq_admin; a superuser, pg_cron); 25006 on a hot standby';

-- thermaliq_api.enqueue: POST /rpc/enqueue.
CREATE OR REPLACE FUNCTION thermaliq_api.enqueue(facility text, period_from timestamptz,
	period_to timestamptz, options jsonb DEFAULT '{}', readings text DEFAULT 'public.energy_readings')
RETURNS jsonb
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
BEGIN
	v_id := thermaliq.enqueue(facility, period_from, period_to, options, readings::regclass);
	RETURN thermaliq_api.calculation(v_id);
END
$$;
COMMENT ON FUNCTION thermaliq_api.enqueue(text, timestamptz, timestamptz, jsonb, text) IS
'POST /rpc/enqueue with {"facility", "period_from", "period_to", "options": {...}, "readings"}: queues thermaliq.enqueue() and returns the stored calculation (status pending); poll GET /rpc/calculation?id=N';

-- metrics_readings_lag: seconds since each facility's newest reading.
CREATE OR REPLACE FUNCTION thermaliq.metrics_readings_lag()
RETURNS TABLE(facility_id text, readings text, lag_seconds float8)
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
-- the exporter's role reads no readings: the newest timestamp of every
-- facility is read as the owner and only that leaves the function
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_rel regclass;
BEGIN
	-- the readings tables create_readings_table() made (policy thermaliq_tenant)
	-- and a superuser owns: any table owner can name a policy so, and this
	-- runs as the owner of the extension
	FOR v_rel IN SELECT DISTINCT p.polrelid::regclass FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
		JOIN pg_roles o ON o.oid = c.relowner AND o.rolsuper
		WHERE p.polname = 'thermaliq_tenant' AND NOT c.relispartition AND c.relkind IN ('r', 'p')
		ORDER BY 1
	LOOP
		BEGIN
			-- the row reader's check: column types as the readers expect
			PERFORM thermaliq.check_readings_table(v_rel);
			-- one backward index probe per meter (facility_id, meter_id, "timestamp")
			RETURN QUERY EXECUTE format($q$
				SELECT m.facility_id, %L::text, extract(epoch FROM now() - max(l.ts))::float8
				FROM thermaliq.meters m
				CROSS JOIN LATERAL (SELECT r."timestamp" AS ts FROM %s r
					WHERE r.facility_id = m.facility_id AND r.meter_id = m.meter_id
					ORDER BY r."timestamp" DESC LIMIT 1) l
				GROUP BY m.facility_id ORDER BY m.facility_id$q$, v_rel::text, v_rel);
		EXCEPTION WHEN OTHERS THEN
			-- a broken or remote readings table (a shard down) costs its
			-- rows, not the whole scrape
			RAISE WARNING 'readings_lag_seconds of % skipped: %', v_rel, SQLERRM;
		END;
	END LOOP;
END
$$;
COMMENT ON FUNCTION thermaliq.metrics_readings_lag() IS
'For thermaliq.metrics: per facility and readings table (those create_readings_table made: policy thermaliq_tenant, owned by a superuser), now() minus its newest reading in seconds, from one index probe per meter; a table that fails (wrong column types, a shard down) is skipped with a WARNING. SECURITY DEFINER (EXECUTE: pg_monitor, thermaliq_admin)';

-- metrics: what the exporter scrapes (deploy/postgres_exporter/queries.yaml).
CREATE OR REPLACE VIEW thermaliq.metrics AS
SELECT 'calculation_queue_depth'::text AS metric, '{}'::jsonb AS labels, count(*)::float8 AS value
FROM thermaliq.calculations WHERE status = 'pending'
UNION ALL
SELECT 'calculations_processing', '{}', count(*)::float8
FROM thermaliq.calculations WHERE status = 'processing'
UNION ALL
SELECT 'calculation_queue_oldest_seconds', '{}', coalesce(extract(epoch FROM now() - min(created_at))::float8, 0)
FROM thermaliq.calculations WHERE status = 'pending'
UNION ALL
SELECT m.name, '{}', coalesce(sum(c.value), 0)::float8
FROM (VALUES ('completed', 'calculations_completed_total'), ('failed', 'calculation_errors_total'),
	('reused', 'calculations_reused_total'), ('retried', 'calculation_retries_total'),
	('reclaimed', 'calculations_reclaimed_total')) m(counter, name)
LEFT JOIN thermaliq.calculation_counters c ON c.metric = m.counter
GROUP BY m.name
UNION ALL
SELECT 'calculation_duration_seconds', jsonb_build_object('quantile', q.q::text),
	coalesce((SELECT percentile_cont(q.q) WITHIN GROUP (ORDER BY extract(epoch FROM c.finished_at - c.started_at))
		FROM thermaliq.calculations c
		WHERE c.finished_at > now() - interval '15 minutes' AND c.status = 'completed'
		  AND c.started_at IS NOT NULL)::float8, 'NaN')
FROM (VALUES (0.5), (0.95)) q(q)
UNION ALL
SELECT 'workers', '{}', count(*)::float8
FROM pg_stat_activity WHERE backend_type = 'thermaliq worker'
UNION ALL
SELECT 'readings_lag_seconds', jsonb_build_object('facility_id', l.facility_id, 'readings', l.readings), l.lag_seconds
FROM thermaliq.metrics_readings_lag() l;
COMMENT ON VIEW thermaliq.metrics IS
'Metrics for autoscaling and alerts (deploy/postgres_exporter/queries.yaml): calculation_queue_depth (pending; scale workers or replicas on it), calculations_processing, calculation_queue_oldest_seconds, calculations_completed_total, calculation_errors_total, calculations_reused_total, calculation_retries_total, calculations_reclaimed_total (counters), calculation_duration_seconds {quantile 0.5, 0.95} of the calculations completed in the last 15 minutes (NaN when none), workers (running background workers), readings_lag_seconds {facility_id, readings}. SELECT: pg_monitor, thermaliq_admin';
