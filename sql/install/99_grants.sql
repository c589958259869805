-- Privileges. The schema and the functions are usable by every role, like
-- any built-in function; reference data (fuels: 15_fuels.sql, benchmarks)
-- is readable by all. The plant registry and the readings stay private to their owners:
-- the operator grants SELECT on thermaliq.facilities, thermaliq.meters and
-- the readings table to the roles that analyse (see README, "HTTP front").
GRANT USAGE ON SCHEMA thermaliq TO PUBLIC;
DO $$
BEGIN
	IF to_regclass('thermaliq.benchmarks') IS NOT NULL THEN
		GRANT SELECT ON thermaliq.benchmarks TO PUBLIC;
	END IF;
END
$$;
