-- The registry of scheduled rollups (API.md section 7; issue 12): one row
-- per materialized view that thermaliq.create_rollup() made
-- (83_rollups.sql). The 1.0--1.1 update runs this piece as it is
-- (sql/upgrade/1.0--1.1/82_rollups_tables.use).
CREATE TABLE thermaliq.rollups (
	rollup_name text PRIMARY KEY,
	view_name text NOT NULL UNIQUE,
	bucket interval NOT NULL
		CONSTRAINT rollups_bucket_fixed CHECK (bucket > interval '0' AND extract(month FROM bucket) = 0 AND extract(year FROM bucket) = 0),
	readings text NOT NULL,
	schedule text NOT NULL,
	job_name text,
	horizon timestamptz NOT NULL,
	history_step interval NOT NULL DEFAULT '1 day'
		CONSTRAINT rollups_history_step_fixed CHECK (history_step > interval '0' AND extract(month FROM history_step) = 0 AND extract(year FROM history_step) = 0),
	refreshed_at timestamptz,
	-- how late readings may arrive and still be counted: the horizon is
	-- placed by now() - settle, so a refresh never takes into the history
	-- buckets that readings still in flight belong to
	settle interval NOT NULL DEFAULT '1 hour'
		CONSTRAINT rollups_settle_fixed CHECK (settle >= interval '0' AND extract(month FROM settle) = 0 AND extract(year FROM settle) = 0)
);
COMMENT ON TABLE thermaliq.rollups IS
'Rollups made by create_rollup(): rollup_name (the materialized view, schema-qualified) holds the buckets before horizon; view_name (security-barrier view, granted to thermaliq_reader) adds the buckets from horizon on, computed from the readings when read; refresh_rollup() moves horizon to the start of the history_step (default 1 day, aligned to bucket) that holds now() - settle (default 1 hour: readings that arrive up to that late are still counted) and refreshes the view concurrently only when it moved; job_name: the pg_cron job (NULL without pg_cron)';

SELECT pg_catalog.pg_extension_config_dump('thermaliq.rollups', '');
