-- The API schema and row-level security on the tables of the extension
-- (API.md section 6).
-- Readings tables get theirs from readings_enable_tenancy() (80_tenancy.sql)
-- when create_readings_table() makes them. The update script runs this
-- piece as it is (sql/upgrade/1.0--1.1/51_tenancy_objects.use): the tables
-- exist in 1.0 and 1.1 alike, so it runs exactly once either way.
--
-- The extension owner (a superuser) bypasses row-level security: calculate()
-- writes thermaliq.calculations as its owner after checking what its caller
-- may see. No role but the owner has INSERT, UPDATE or DELETE on
-- thermaliq.calculations.

-- thermaliq_api: the functions PostgREST (db-schemas) exposes, 81_api.sql.
-- A member of the extension: DROP EXTENSION drops it; setup_roles() grants
-- USAGE on it.
CREATE SCHEMA thermaliq_api;
COMMENT ON SCHEMA thermaliq_api IS
'thermaliq''s HTTP API: functions shaped for PostgREST RPC (/rpc/NAME), JSON in and out, reads STABLE so that GET works; identity is the role set per request';

ALTER TABLE thermaliq.facilities ENABLE ROW LEVEL SECURITY;
CREATE POLICY thermaliq_owner ON thermaliq.facilities
	USING (thermaliq.owner_visible(owner_role))
	WITH CHECK (thermaliq.owner_visible(owner_role));

-- Everything else: visible (and writable, for whoever has the grant) when
-- its facility is. "IN (SELECT ...)" is one hashed subplan per query over
-- the facilities the role sees; the admin test is an initplan.
ALTER TABLE thermaliq.meters ENABLE ROW LEVEL SECURITY;
CREATE POLICY thermaliq_facility ON thermaliq.meters
	USING ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f))
	WITH CHECK ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f));

ALTER TABLE thermaliq.facility_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY thermaliq_facility ON thermaliq.facility_settings
	USING ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f))
	WITH CHECK ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f));

ALTER TABLE thermaliq.meter_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY thermaliq_facility ON thermaliq.meter_settings
	USING ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f))
	WITH CHECK ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f));

-- Read-only for tenants: no grant writes it, and the policy has no WITH CHECK
-- that a grant could use to write another facility's row.
ALTER TABLE thermaliq.calculations ENABLE ROW LEVEL SECURITY;
CREATE POLICY thermaliq_facility ON thermaliq.calculations FOR SELECT
	USING ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f));
