-- The calculation queue's columns and counters (API.md section 7).
-- Not functions: DDL on thermaliq.calculations, which 1.0 created, and new
-- tables; the update script runs this piece as it is
-- (sql/upgrade/1.0--1.1/84_queue_tables.use), so a fresh install and an
-- updated 1.0 get the same columns in the same order.
--
-- A queued calculation goes pending -> processing -> completed or failed:
--   pending     enqueue() stored it (requested_by: the role it computes as)
--   processing  a worker claimed it (worker_pid, worker_started: the
--               backend, so that a terminated worker's claim is given back)
--   completed   result and provenance_hash; reused_from when the result
--               was copied from an earlier calculation with the same hash
--   failed      error = "SQLSTATE: message", at most 1000 characters
-- calculate() stores its row directly as completed or failed.

ALTER TABLE thermaliq.calculations
	ADD COLUMN options jsonb,
	ADD COLUMN readings text,
	ADD COLUMN requested_by name,
	ADD COLUMN attempts int NOT NULL DEFAULT 0,
	ADD COLUMN started_at timestamptz,
	ADD COLUMN worker_pid int,
	ADD COLUMN worker_started timestamptz,
	ADD COLUMN reused_from bigint;
ALTER TABLE thermaliq.calculations DROP CONSTRAINT calculations_status_valid;
ALTER TABLE thermaliq.calculations ADD CONSTRAINT calculations_status_valid
	CHECK (status IN ('pending', 'processing', 'completed', 'failed'));
ALTER TABLE thermaliq.calculations ADD CONSTRAINT calculations_processing_claimed
	CHECK (status <> 'processing' OR (result IS NULL AND started_at IS NOT NULL AND worker_pid IS NOT NULL));
ALTER TABLE thermaliq.calculations ADD CONSTRAINT calculations_attempts_valid CHECK (attempts >= 0);
ALTER TABLE thermaliq.calculations ADD CONSTRAINT calculations_reused_completed
	CHECK (reused_from IS NULL OR status = 'completed');
COMMENT ON COLUMN thermaliq.calculations.options IS 'The options of the request (enqueue(), calculate())';
COMMENT ON COLUMN thermaliq.calculations.readings IS 'The readings table of the request, schema-qualified and quoted (text, so that a dump restores before or without the table)';
COMMENT ON COLUMN thermaliq.calculations.requested_by IS 'The request role (request_role()) that enqueued it: the queue computes as this role, so a result holds only what it may read';
COMMENT ON COLUMN thermaliq.calculations.attempts IS 'How often a worker claimed it; a claim whose worker terminated is given back until thermaliq.max_attempts';
COMMENT ON COLUMN thermaliq.calculations.reused_from IS 'The completed calculation with the same provenance hash whose result this one copies (the result cache)';

-- The queue's reads (operations guide): pending and processing rows by age;
-- the result cache by provenance hash; durations by finish time.
CREATE INDEX calculations_queue_idx ON thermaliq.calculations (status, created_at)
	WHERE status IN ('pending', 'processing');
CREATE INDEX calculations_hash_idx ON thermaliq.calculations (provenance_hash)
	WHERE status = 'completed' AND reused_from IS NULL;
CREATE INDEX calculations_finished_idx ON thermaliq.calculations (finished_at)
	WHERE finished_at IS NOT NULL;

-- Monotonic counters for the metrics (calculations_completed_total, ...):
-- counting a million rows every 15 s is not cheap, and rows can be deleted.
-- Each backend adds to the slot of its pid modulo 8, in the transaction that
-- stores the outcome, so concurrent workers rarely wait on one row and a
-- rolled-back calculation counts nothing.
CREATE TABLE thermaliq.calculation_counters (
	metric text NOT NULL CONSTRAINT calculation_counters_metric_valid
		CHECK (metric IN ('completed', 'failed', 'reused', 'retried', 'reclaimed')),
	slot int NOT NULL CONSTRAINT calculation_counters_slot_valid CHECK (slot BETWEEN 0 AND 7),
	value bigint NOT NULL DEFAULT 0 CONSTRAINT calculation_counters_value_valid CHECK (value >= 0),
	PRIMARY KEY (metric, slot)
);
COMMENT ON TABLE thermaliq.calculation_counters IS
'Totals of the queue and calculate() for thermaliq.metrics: completed (reused included), failed, reused, retried (put back after a transient error), reclaimed (given back after its worker terminated); sum over slots';
SELECT pg_catalog.pg_extension_config_dump('thermaliq.calculation_counters', '');
