-- Privileges. The schema and the functions are usable by every role, like
-- any built-in function; reference data (fuels: 15_fuels.sql; benchmarks)
-- is readable by all. The plant registry, the readings and the stored
-- calculations stay private to their owners: the operator grants SELECT on
-- thermaliq.facilities, thermaliq.meters, thermaliq.facility_settings,
-- thermaliq.meter_settings and the readings table to the roles that
-- analyse, and SELECT, INSERT, UPDATE on thermaliq.calculations to those
-- that call calculate() (see README, "HTTP front").
GRANT USAGE ON SCHEMA thermaliq TO PUBLIC;
GRANT SELECT ON thermaliq.benchmarks TO PUBLIC;
