-- Privileges. The schema and the pure functions (units, IF97, combustion,
-- the aggregates and their types) are usable by every role, like any
-- built-in function; reference data (fuels: 15_fuels.sql; benchmarks) is
-- readable by all. The plant registry, the readings and the stored
-- calculations are private: thermaliq.setup_roles() (80_tenancy.sql)
-- creates the roles and grants them, and row-level security
-- (80_tenancy_objects.sql) limits every role to its facilities (README,
-- "Tenants and the HTTP front").
--
-- The update script re-runs this piece as it is
-- (sql/upgrade/1.0--1.1/59_grants.use): every statement is idempotent, and
-- it names only objects of 1.0 and of the update pieces before 59.
GRANT USAGE ON SCHEMA thermaliq TO PUBLIC;
GRANT SELECT ON thermaliq.benchmarks TO PUBLIC;

-- No tenant creates roles or tables, maintains partitions or switches roles.
REVOKE EXECUTE ON FUNCTION thermaliq.setup_roles(),
	thermaliq.create_readings_table(text, text, int, interval, timestamptz),
	thermaliq.readings_enable_tenancy(regclass),
	thermaliq.maintain_readings(regclass, int),
	thermaliq.request_calculate_check(text, regclass),
	thermaliq.request_analyze(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.fuels_replace_seed(),
	thermaliq.benchmarks_replace_seed(),
	thermaliq.create_rollup(text, interval, regclass, text),
	thermaliq.drop_rollup(text),
	thermaliq.refresh_rollup(text, boolean),
	thermaliq.rollup_lock(text)
FROM PUBLIC;
-- calculate() and enqueue() write as their owner: thermaliq_analyst (setup_roles()).
REVOKE EXECUTE ON FUNCTION thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.enqueue(text, timestamptz, timestamptz, jsonb, regclass) FROM PUBLIC;
-- The queue (85_queue.sql): run_pending() and the metrics for
-- thermaliq_admin (setup_roles()) and pg_monitor; the parts a worker runs,
-- which switch to any role or write calculations, for the owner only.
REVOKE EXECUTE ON FUNCTION thermaliq.run_pending(int),
	thermaliq.queue_claim(),
	thermaliq.queue_run(bigint),
	thermaliq.queue_count(text),
	thermaliq.queue_as_role(name, text, text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.metrics_readings_lag()
FROM PUBLIC;
REVOKE ALL ON thermaliq.metrics, thermaliq.calculation_counters FROM PUBLIC;
GRANT SELECT ON thermaliq.metrics TO pg_monitor;
GRANT EXECUTE ON FUNCTION thermaliq.metrics_readings_lag() TO pg_monitor;
-- The functions that read plant data: thermaliq_reader (setup_roles()).
REVOKE EXECUTE ON FUNCTION
	thermaliq.efficiency_series(text, timestamptz, timestamptz, interval, regclass),
	thermaliq.heat_balance(text, timestamptz, timestamptz, regclass),
	thermaliq.balance_closure(text, timestamptz, timestamptz, regclass),
	thermaliq.sankey(text, timestamptz, timestamptz, regclass),
	thermaliq.sankey_svg(text, timestamptz, timestamptz, regclass),
	thermaliq.analyze(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.analyze_mean(text, text, text, timestamptz, timestamptz, regclass),
	thermaliq.analyze_data_quality(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.provenance_readings_digest(text, timestamptz, timestamptz, regclass),
	thermaliq.provenance_hash_resolved(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.provenance_hash(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.calculate_check(text, regclass),
	thermaliq.analyze_read(text, timestamptz, timestamptz, jsonb, regclass),
	thermaliq.provenance_hash_digest(text, timestamptz, timestamptz, jsonb, text),
	thermaliq.provenance_hash_inputs(text, timestamptz, timestamptz, jsonb, text),
	thermaliq.baseline(text, timestamptz, timestamptz, interval, text, text, regclass),
	thermaliq.baseline_buckets(text, timestamptz, timestamptz, interval, text, regclass),
	thermaliq.baseline_check(text, jsonb),
	thermaliq.savings(text, jsonb, timestamptz, timestamptz, regclass),
	thermaliq.savings_summary(text, jsonb, timestamptz, timestamptz, float8, regclass),
	thermaliq.cusum_svg(text, jsonb, timestamptz, timestamptz, regclass),
	thermaliq.output_streams(text, timestamptz, timestamptz, regclass),
	thermaliq.analyze_uncertainty(text, jsonb, float8, float8, float8, jsonb, jsonb),
	thermaliq.rollup_energy(text, text, timestamptz, timestamptz, interval, regclass),
	thermaliq.rollup_query(text, interval, regclass, boolean),
	thermaliq.rollup_tail(text)
FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA thermaliq_api FROM PUBLIC;
