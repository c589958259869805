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
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_id bigint;
	v_result jsonb;
	v_state text;
	v_msg text;
	v_finished timestamptz;
BEGIN
	PERFORM thermaliq.require_primary('thermaliq.calculate()');
	IF p_facility IS NULL OR p_from IS NULL OR p_to IS NULL OR p_readings IS NULL THEN
		RAISE EXCEPTION 'p_facility, p_from, p_to and p_readings must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM thermaliq.check_readings_table(p_readings);
	INSERT INTO thermaliq.calculations (facility_id, period_from, period_to, status)
	VALUES (p_facility, p_from, p_to, 'pending')
	RETURNING calculation_id INTO v_id;
	BEGIN
		-- A subtransaction: whatever analyze() did is undone on error.
		v_result := thermaliq.analyze(p_facility, p_from, p_to, p_options, p_readings);
	EXCEPTION WHEN OTHERS THEN
		GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT;
		-- clock_timestamp() into a variable: the UPDATE carries only
		-- constants, which a distributed engine (Citus) can route.
		v_finished := clock_timestamp();
		UPDATE thermaliq.calculations
		SET status = 'failed', finished_at = v_finished, error = v_state || ': ' || v_msg
		WHERE calculation_id = v_id;
		RETURN v_id;
	END;
	v_finished := clock_timestamp();
	UPDATE thermaliq.calculations
	SET status = 'completed', finished_at = v_finished, result = v_result,
		provenance_hash = v_result ->> 'provenance_hash'
	WHERE calculation_id = v_id;
	RETURN v_id;
END
$$;
COMMENT ON FUNCTION thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass) IS
'Runs analyze() in a subtransaction and stores it in thermaliq.calculations: completed with result and provenance_hash, or failed with error = "SQLSTATE: message" and no result; returns calculation_id';
