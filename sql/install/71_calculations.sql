-- The stored results of calculate() (API.md section 3).

-- ---------------------------------------------------------------------
-- Calculations (stored results of calculate())
-- ---------------------------------------------------------------------
CREATE TABLE thermaliq.calculations (
	calculation_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	facility_id text NOT NULL,
	period_from timestamptz NOT NULL,
	period_to timestamptz NOT NULL,
	status text NOT NULL DEFAULT 'pending'
		CONSTRAINT calculations_status_valid CHECK (status IN ('pending', 'completed', 'failed')),
	created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	finished_at timestamptz,
	result jsonb,
	provenance_hash text,
	error text,
	-- never a half-written result
	CONSTRAINT calculations_completed_whole CHECK (status <> 'completed'
		OR (result IS NOT NULL AND provenance_hash IS NOT NULL AND finished_at IS NOT NULL AND error IS NULL)),
	CONSTRAINT calculations_failed_no_result CHECK (status <> 'failed'
		OR (result IS NULL AND provenance_hash IS NULL AND error IS NOT NULL AND finished_at IS NOT NULL)),
	CONSTRAINT calculations_pending_empty CHECK (status <> 'pending' OR result IS NULL)
);
CREATE INDEX ON thermaliq.calculations (facility_id, period_from);
COMMENT ON TABLE thermaliq.calculations IS
'One row per calculate() call: pending while analyze() runs, then completed (result = analyze() output, provenance_hash) or failed (error = SQLSTATE: message, no result). facility_id has no foreign key so that the history outlives registry edits';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations', '');
SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculations_calculation_id_seq', '');
