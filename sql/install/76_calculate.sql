-- calculate(): analyze() stored as a reproducible calculation.
-- Functions only (CREATE OR REPLACE): the update scripts re-run this piece.

-- calculate: runs analyze() and stores the outcome in thermaliq.calculations.
CREATE OR REPLACE FUNCTION thermaliq.calculate(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb DEFAULT '{}',
	p_readings regclass DEFAULT 'public.energy_readings'::text::regclass) -- cast at call time
RETURNS bigint
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
-- Tenancy (80_tenancy.sql): runs as its owner, the only writer of
-- thermaliq.calculations; what it checks and computes runs as the caller
-- (request_role()), so a hidden facility fails as an unknown one before
-- any row is stored, and a result holds only what the caller may read.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_result jsonb;
	v_state text;
	v_msg text;
	v_finished timestamptz;
	v_role name;
	v_readings text;
BEGIN
	PERFORM thermaliq.require_primary('thermaliq.calculate()');
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM thermaliq.request_calculate_check(p_facility, p_readings);
	SELECT r.rolname INTO v_role FROM pg_roles r WHERE r.oid = thermaliq.request_role();
	SELECT format('%I.%I', n.nspname, c.relname) INTO v_readings
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = p_readings;
	v_finished := clock_timestamp();
	-- processing by this backend while analyze() runs (visible once the
	-- caller commits, as a calculate() is one transaction)
	INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status, created_at,
		options, readings, requested_by, attempts, started_at, worker_pid)
	VALUES (p_facility, p_from, p_to, 'processing', v_finished, p_options, v_readings, v_role,
		1, v_finished, pg_backend_pid())
	RETURNING calculation_id INTO v_id;
	BEGIN
		-- A subtransaction: whatever analyze() did is undone on error.
		v_result := thermaliq.request_analyze(p_facility, p_from, p_to, p_options, p_readings);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
		-- clock_timestamp() into a variable: the UPDATE carries only
		-- constants, which a distributed engine (Citus) can route.
		v_finished := clock_timestamp();
		UPDATE thermaliq.calculations
		SET status = 'failed', finished_at = v_finished, error = left(v_state || ': ' || v_msg, 1000)
		WHERE calculation_id = v_id;
		PERFORM thermaliq.queue_count('failed');
		RETURN v_id;
	END;
	v_finished := clock_timestamp();
	UPDATE thermaliq.calculations
	SET status = 'completed', finished_at = v_finished, result = v_result,
		provenance_hash = v_result ->> 'provenance_hash'
	WHERE calculation_id = v_id;
	PERFORM thermaliq.queue_count('completed');
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass) IS
'Runs analyze() in a subtransaction and stores it in thermaliq.calculations: completed with result and provenance_hash, or failed with error = "SQLSTATE: message" (at most 1000 characters) and no result; returns calculation_id; always computes (the result cache is the queue''s, enqueue()). SECURITY DEFINER (EXECUTE: thermaliq_analyst): it writes as its owner, but checks (check_readings_table, the facility''s visibility: 22023 unknown facility, nothing stored) and computes as the caller, request_role()';
