-- thermaliq_api: the functions PostgREST exposes as RPC (API.md section 6).
-- Functions only (CREATE OR REPLACE): the update script re-runs this piece
-- (sql/upgrade/1.0--1.1/52_api.use); the schema is made in
-- 80_tenancy_objects.sql. Every function runs as the request's role
-- (SECURITY INVOKER): row-level security decides what it sees, and an
-- invisible facility is one that does not exist. Parameter names are the
-- query-string and JSON-body keys; reads are STABLE so that PostgREST
-- serves them by GET, writes VOLATILE (POST). `readings` names a readings
-- table (text, cast to regclass).

CREATE OR REPLACE FUNCTION thermaliq_api.fuels()
RETURNS TABLE(fuel_id text, name text, hhv_mj_kg float8, lhv_mj_kg float8, co2_kg_per_gj_lhv float8)
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT f.fuel_id, f.name, f.hhv_mj_kg, f.lhv_mj_kg, f.co2_kg_per_gj_lhv
	FROM thermaliq.fuels f ORDER BY f.fuel_id
$$;
COMMENT ON FUNCTION thermaliq_api.fuels() IS
'GET /rpc/fuels: the fuels (reference data, also for thermaliq_anon) with heating values in MJ/kg and CO2 per GJ (LHV)';

CREATE OR REPLACE FUNCTION thermaliq_api.facilities()
RETURNS TABLE(facility_id text, name text, process_type text, ambient_temperature_c float8,
	owner_role name, meters jsonb)
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT f.facility_id, f.name, f.process_type, f.ambient_temperature_c, f.owner_role,
		coalesce((SELECT jsonb_agg(jsonb_build_object('meter_id', m.meter_id, 'role', m.role,
			'kind', m.kind, 'unit', m.unit, 'fuel_id', m.fuel_id,
			'heating_value_basis', m.heating_value_basis) ORDER BY m.meter_id)
			FROM thermaliq.meters m WHERE m.facility_id = f.facility_id), '[]')
	FROM thermaliq.facilities f ORDER BY f.facility_id
$$;
COMMENT ON FUNCTION thermaliq_api.facilities() IS
'GET /rpc/facilities: the facilities the request''s role sees, each with its meters as a JSON array';

CREATE OR REPLACE FUNCTION thermaliq_api.efficiency_series(facility text, period_from timestamptz,
	period_to timestamptz, bucket interval DEFAULT '1 hour', readings text DEFAULT 'public.energy_readings')
RETURNS TABLE(bucket_start timestamptz, fuel_input_kwh float8, electric_input_kwh float8,
	useful_output_kwh float8, first_law_efficiency_pct float8, coverage_pct float8, quality_pct float8,
	gap_meters text[])
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT * FROM thermaliq.efficiency_series(facility, period_from, period_to, bucket, readings::regclass)
$$;
COMMENT ON FUNCTION thermaliq_api.efficiency_series(text, timestamptz, timestamptz, interval, text) IS
'GET /rpc/efficiency_series?facility=F&period_from=T0&period_to=T1[&bucket=1 hour][&readings=schema.table]: thermaliq.efficiency_series() rows (energies in kWh, first-law efficiency, coverage and quality in %, the meters with gaps)';

CREATE OR REPLACE FUNCTION thermaliq_api.heat_balance(facility text, period_from timestamptz,
	period_to timestamptz, readings text DEFAULT 'public.energy_readings')
RETURNS TABLE(category text, stream text, energy_kwh float8, share_pct float8)
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT * FROM thermaliq.heat_balance(facility, period_from, period_to, readings::regclass)
$$;
COMMENT ON FUNCTION thermaliq_api.heat_balance(text, timestamptz, timestamptz, text) IS
'GET /rpc/heat_balance?facility=F&period_from=T0&period_to=T1[&readings=schema.table]: thermaliq.heat_balance() rows (input, output, loss and unaccounted streams in kWh and % of input)';

CREATE OR REPLACE FUNCTION thermaliq_api.sankey(facility text, period_from timestamptz,
	period_to timestamptz, readings text DEFAULT 'public.energy_readings')
RETURNS jsonb
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
	-- the links once, in sankey() order; nodes in order of first use
	WITH l AS (
		SELECT s.source, s.target, s.energy_kwh, s.o
		FROM thermaliq.sankey(facility, period_from, period_to, readings::regclass)
			WITH ORDINALITY AS s(source, target, energy_kwh, o))
	SELECT jsonb_build_object(
		'nodes', coalesce((SELECT jsonb_agg(y.n ORDER BY y.k) FROM (
			SELECT x.n, min(x.k) AS k FROM (
				SELECT l.source AS n, 2 * l.o AS k FROM l
				UNION ALL SELECT l.target, 2 * l.o + 1 FROM l) x GROUP BY x.n) y), '[]'),
		'links', coalesce((SELECT jsonb_agg(jsonb_build_object('source', l.source, 'target', l.target,
			'energy_kwh', l.energy_kwh) ORDER BY l.o) FROM l), '[]'))
$$;
COMMENT ON FUNCTION thermaliq_api.sankey(text, timestamptz, timestamptz, text) IS
'GET /rpc/sankey?facility=F&period_from=T0&period_to=T1[&readings=schema.table]: the Sankey diagram as JSON, {"nodes": [names in first-use order], "links": [{"source", "target", "energy_kwh"}]} from thermaliq.sankey()';

CREATE OR REPLACE FUNCTION thermaliq_api.sankey_svg(facility text, period_from timestamptz,
	period_to timestamptz, readings text DEFAULT 'public.energy_readings')
RETURNS text
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT thermaliq.sankey_svg(facility, period_from, period_to, readings::regclass)
$$;
COMMENT ON FUNCTION thermaliq_api.sankey_svg(text, timestamptz, timestamptz, text) IS
'GET /rpc/sankey_svg?facility=F&period_from=T0&period_to=T1[&readings=schema.table] with Accept: text/plain: the Sankey diagram as an SVG document (thermaliq.sankey_svg())';

CREATE OR REPLACE FUNCTION thermaliq_api.analyze(facility text, period_from timestamptz,
	period_to timestamptz, options jsonb DEFAULT '{}', readings text DEFAULT 'public.energy_readings')
RETURNS jsonb
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT thermaliq.analyze(facility, period_from, period_to, options, readings::regclass)
$$;
COMMENT ON FUNCTION thermaliq_api.analyze(text, timestamptz, timestamptz, jsonb, text) IS
'GET /rpc/analyze?facility=F&period_from=T0&period_to=T1 or POST /rpc/analyze with {"facility", "period_from", "period_to", "options": {...}, "readings"}: the efficiency report of thermaliq.analyze() as JSON, not stored';

CREATE OR REPLACE FUNCTION thermaliq_api.calculation(id bigint)
RETURNS jsonb
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT to_jsonb(c) FROM thermaliq.calculations c WHERE c.calculation_id = id
$$;
COMMENT ON FUNCTION thermaliq_api.calculation(bigint) IS
'GET /rpc/calculation?id=N: the stored calculation N as JSON (calculation_id, facility_id, period, status, result, provenance_hash, error); null when it does not exist or its facility is not visible';

CREATE OR REPLACE FUNCTION thermaliq_api.calculations(facility text DEFAULT NULL)
RETURNS TABLE(calculation_id bigint, facility_id text, period_from timestamptz, period_to timestamptz,
	status text, created_at timestamptz, finished_at timestamptz, provenance_hash text, error text)
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT c.calculation_id, c.facility_id, c.period_from, c.period_to, c.status, c.created_at,
		c.finished_at, c.provenance_hash, c.error
	FROM thermaliq.calculations c
	WHERE facility IS NULL OR c.facility_id = facility
	ORDER BY c.calculation_id
$$;
COMMENT ON FUNCTION thermaliq_api.calculations(text) IS
'GET /rpc/calculations[?facility=F]: the calculation history the request''s role sees (without the result; GET /rpc/calculation?id=N has it), oldest first';

CREATE OR REPLACE FUNCTION thermaliq_api.calculate(facility text, period_from timestamptz,
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
	v_id := thermaliq.calculate(facility, period_from, period_to, options, readings::regclass);
	-- a statement of its own: a STABLE function sees its statement's snapshot
	RETURN thermaliq_api.calculation(v_id);
END
$$;
COMMENT ON FUNCTION thermaliq_api.calculate(text, timestamptz, timestamptz, jsonb, text) IS
'POST /rpc/calculate with {"facility", "period_from", "period_to", "options": {...}, "readings"}: runs thermaliq.calculate() and returns the stored calculation as GET /rpc/calculation gives it (status completed or failed)';
