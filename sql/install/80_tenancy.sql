-- Tenancy (API.md section 6): who sees which facility, the roles, and the
-- request role that calculate() computes as.
-- Functions only (CREATE OR REPLACE): the update script re-runs this piece
-- (sql/upgrade/1.0--1.1/50_tenancy.use). The policies that use these
-- functions are in 80_tenancy_policies.sql, the grants in 99_grants.sql.
--
-- A facility is visible to a role that has the privileges of its
-- owner_role (pg_has_role(..., 'USAGE'): the role itself, e.g. after
-- PostgREST's SET LOCAL ROLE, or a member that inherits it) and to every
-- role with the privileges of thermaliq_admin. Everything keyed by
-- facility_id (meters, settings, readings, calculations, rollups) is
-- visible exactly when its facility is.

-- is_admin: the current role has the privileges of thermaliq_admin.
CREATE OR REPLACE FUNCTION thermaliq.is_admin()
RETURNS boolean
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT coalesce(pg_has_role(current_user, to_regrole('thermaliq_admin'), 'USAGE'), false)
$$;
COMMENT ON FUNCTION thermaliq.is_admin() IS
'True when the current role has the privileges of thermaliq_admin (false while setup_roles() has not created it)';

-- owner_visible: the current role may see rows owned by p_owner_role.
CREATE OR REPLACE FUNCTION thermaliq.owner_visible(p_owner_role name)
RETURNS boolean
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT thermaliq.is_admin()
		OR coalesce(pg_has_role(current_user, to_regrole(quote_ident(p_owner_role)), 'USAGE'), false)
$$;
COMMENT ON FUNCTION thermaliq.owner_visible(name) IS
'Row-level security of thermaliq.facilities: true when the current role has the privileges of p_owner_role or of thermaliq_admin; false for NULL or a role that does not exist';

-- facility_visible: the helper for views over anything keyed by facility_id.
CREATE OR REPLACE FUNCTION thermaliq.facility_visible(p_facility text)
RETURNS boolean
LANGUAGE sql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
	SELECT thermaliq.is_admin()
		OR EXISTS (SELECT 1 FROM thermaliq.facilities f WHERE f.facility_id = p_facility)
$$;
COMMENT ON FUNCTION thermaliq.facility_visible(text) IS
'True when the current role sees facility p_facility (its row in thermaliq.facilities passes row-level security) or is thermaliq_admin; for security-barrier views over rollups: CREATE VIEW v WITH (security_barrier) AS SELECT * FROM mv WHERE thermaliq.facility_visible(facility_id)';

-- jwt_claims: the claims of the current HTTP request.
CREATE OR REPLACE FUNCTION thermaliq.jwt_claims()
RETURNS jsonb
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_claims text := nullif(current_setting('request.jwt.claims', true), '');
	v_out jsonb;
BEGIN
	IF v_claims IS NOT NULL THEN
		RETURN v_claims::jsonb;
	END IF;
	-- PostGraphile v4 sets one jwt.claims.<name> per claim; placeholders
	-- are not listed in pg_settings, so the registered claims and the
	-- usual private ones are read by name
	SELECT jsonb_object_agg(c, v) INTO v_out
	FROM unnest(ARRAY['role', 'sub', 'iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'email', 'name',
		'tenant', 'facility', 'facilities']) c,
		LATERAL nullif(current_setting('jwt.claims.' || c, true), '') v
	WHERE v IS NOT NULL;
	RETURN coalesce(v_out, '{}');
END
$$;
COMMENT ON FUNCTION thermaliq.jwt_claims() IS
'Claims of the current request for policies and functions: request.jwt.claims as PostgREST sets it (transaction-local), else PostGraphile''s jwt.claims.<name> settings as text values (the registered claims role, sub, iss, aud, exp, nbf, iat, jti and email, name, tenant, facility, facilities), else {}';

-- request_role: the role a request runs as, also inside SECURITY DEFINER.
CREATE OR REPLACE FUNCTION thermaliq.request_role()
RETURNS regrole
AS 'MODULE_PATHNAME', 'request_role'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION thermaliq.request_role() IS
'The role of SET ROLE (PostgREST''s SET LOCAL ROLE, PostGraphile''s set_config(''role'', ...)) or, without one, the session user; unlike current_user it is the caller''s also inside a SECURITY DEFINER function';

-- calculate_check: what calculate() checks before it stores anything.
CREATE OR REPLACE FUNCTION thermaliq.calculate_check(p_facility text, p_readings regclass)
RETURNS void
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	PERFORM thermaliq.check_readings_table(p_readings);
	IF NOT EXISTS (SELECT 1 FROM thermaliq.facilities WHERE facility_id = p_facility) THEN
		-- the message and SQLSTATE of analyze(): invisible reads as absent
		RAISE EXCEPTION 'unknown facility "%"', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'Register it in thermaliq.facilities.';
	END IF;
END
$$;
COMMENT ON FUNCTION thermaliq.calculate_check(text, regclass) IS
'Raises the errors calculate() raises before it stores a row, as the current role: check_readings_table(p_readings) (42804, 42501) and "unknown facility" (22023) for a facility that does not exist or that row-level security hides';

-- request_calculate_check / request_analyze: calculate()'s reads, as the caller.
CREATE OR REPLACE FUNCTION thermaliq.request_calculate_check(p_facility text, p_readings regclass)
RETURNS void
AS 'MODULE_PATHNAME', 'request_calculate_check'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION thermaliq.request_calculate_check(text, regclass) IS
'calculate_check(p_facility, p_readings) run as request_role(): calculate() runs as its owner and checks what its caller may see';

CREATE OR REPLACE FUNCTION thermaliq.request_analyze(p_facility text, p_from timestamptz, p_to timestamptz,
	p_options jsonb, p_readings regclass)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'request_analyze'
LANGUAGE C VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE;
COMMENT ON FUNCTION thermaliq.request_analyze(text, timestamptz, timestamptz, jsonb, regclass) IS
'analyze(...) run as request_role(), so that calculate() (SECURITY DEFINER) computes only from what its caller may read: row-level security, table and column privileges, user mappings';

-- readings_enable_tenancy: row-level security and grants on a readings table.
CREATE OR REPLACE FUNCTION thermaliq.readings_enable_tenancy(p_table regclass)
RETURNS regclass
LANGUAGE plpgsql
VOLATILE
STRICT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
	EXECUTE format('DROP POLICY IF EXISTS thermaliq_tenant ON %s', p_table);
	-- the expression of 80_tenancy_policies.sql: one hashed subplan per query
	EXECUTE format('CREATE POLICY thermaliq_tenant ON %s '
		'USING ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f)) '
		'WITH CHECK ((SELECT thermaliq.is_admin()) OR facility_id IN (SELECT f.facility_id FROM thermaliq.facilities f))',
		p_table);
	IF to_regrole('thermaliq_reader') IS NOT NULL THEN
		EXECUTE format('GRANT SELECT ON %s TO thermaliq_reader', p_table);
	END IF;
	IF to_regrole('thermaliq_ingest') IS NOT NULL THEN
		EXECUTE format('GRANT INSERT ON %s TO thermaliq_ingest', p_table);
	END IF;
	RETURN p_table;
END
$$;
COMMENT ON FUNCTION thermaliq.readings_enable_tenancy(regclass) IS
'Enables row-level security on a readings table with policy thermaliq_tenant (a row is visible and insertable when its facility is visible) and grants SELECT to thermaliq_reader and INSERT to thermaliq_ingest when they exist; create_readings_table() calls it, run it once on readings tables made by 1.0';

-- setup_roles: the five NOLOGIN roles and their privileges; idempotent.
CREATE OR REPLACE FUNCTION thermaliq.setup_roles()
RETURNS void
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_role text;
	v_fn regprocedure;
	v_rel regclass;
	-- functions no tenant runs: they create roles or tables, maintain
	-- partitions, or switch to the request role (calculate()'s helpers)
	v_private text[] := ARRAY['thermaliq.setup_roles', 'thermaliq.create_readings_table',
		'thermaliq.readings_enable_tenancy', 'thermaliq.maintain_readings',
		'thermaliq.request_calculate_check', 'thermaliq.request_analyze',
		'thermaliq.fuels_replace_seed', 'thermaliq.benchmarks_replace_seed',
		-- the queue's worker side (85_queue.sql); run_pending and the
		-- metrics go to thermaliq_admin below
		'thermaliq.queue_claim', 'thermaliq.queue_run', 'thermaliq.queue_count',
		'thermaliq.queue_as_role', 'thermaliq.run_pending', 'thermaliq.metrics_readings_lag',
		-- rollups (83_rollups.sql): their owner makes, refreshes and drops them
		'thermaliq.create_rollup', 'thermaliq.drop_rollup', 'thermaliq.refresh_rollup', 'thermaliq.rollup_lock'];
	-- functions that store calculations (as their owner)
	v_calc text[] := ARRAY['thermaliq.calculate', 'thermaliq_api.calculate',
		'thermaliq.enqueue', 'thermaliq_api.enqueue'];
BEGIN
	FOREACH v_role IN ARRAY ARRAY['thermaliq_anon', 'thermaliq_reader', 'thermaliq_analyst',
		'thermaliq_ingest', 'thermaliq_admin']
	LOOP
		IF to_regrole(v_role) IS NULL THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
		END IF;
		EXECUTE format('COMMENT ON ROLE %I IS %L', v_role, CASE v_role
			WHEN 'thermaliq_anon' THEN 'thermaliq: unauthenticated HTTP requests; reference data (fuels, benchmarks, units) only'
			WHEN 'thermaliq_reader' THEN 'thermaliq: reads the registry, settings, readings and stored calculations of the facilities it owns, and runs the plant functions on them'
			WHEN 'thermaliq_analyst' THEN 'thermaliq: thermaliq_reader plus calculate() and enqueue()'
			WHEN 'thermaliq_ingest' THEN 'thermaliq: inserts readings of the facilities it owns'
			ELSE 'thermaliq: sees every facility; writes the registry, fuels, benchmarks and settings; runs the queue (run_pending) and reads thermaliq.metrics' END);
		EXECUTE format('GRANT USAGE ON SCHEMA thermaliq, thermaliq_api TO %I', v_role);
	END LOOP;
	GRANT thermaliq_reader TO thermaliq_analyst;
	GRANT thermaliq_analyst TO thermaliq_admin;
	GRANT SELECT ON thermaliq.fuels, thermaliq.benchmarks TO thermaliq_anon;
	GRANT EXECUTE ON FUNCTION thermaliq_api.fuels() TO thermaliq_anon;

	GRANT SELECT ON thermaliq.facilities, thermaliq.meters, thermaliq.facility_settings,
		thermaliq.meter_settings, thermaliq.calculations TO thermaliq_reader;
	-- Every function of the two schemas that PUBLIC may not execute
	-- (99_grants.sql revokes it: the plant readers and thermaliq_api), by
	-- name so that a new signature is covered: reader, analyst or admin.
	FOR v_fn, v_role IN
		SELECT p.oid::regprocedure, CASE
			WHEN n.nspname || '.' || p.proname = ANY (v_calc) THEN 'thermaliq_analyst'
			WHEN p.proname IN ('fuels_replace_seed', 'benchmarks_replace_seed') THEN 'thermaliq_admin'
			ELSE 'thermaliq_reader' END
		FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname IN ('thermaliq', 'thermaliq_api')
		  AND (n.nspname || '.' || p.proname <> ALL (v_private)
		       OR p.proname IN ('fuels_replace_seed', 'benchmarks_replace_seed'))
		  AND NOT EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
			WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
		ORDER BY 1::text
	LOOP
		EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', v_fn, v_role);
	END LOOP;
	-- the queue's operator: runs it from a client, reads its metrics
	IF to_regprocedure('thermaliq.run_pending(int)') IS NOT NULL THEN
		GRANT EXECUTE ON FUNCTION thermaliq.run_pending(int), thermaliq.metrics_readings_lag() TO thermaliq_admin;
		GRANT SELECT ON thermaliq.metrics TO thermaliq_admin;
	END IF;
	-- ingest evaluates the readings policy, which reads the registry
	GRANT SELECT ON thermaliq.facilities, thermaliq.meters TO thermaliq_ingest;
	GRANT INSERT, UPDATE, DELETE ON thermaliq.facilities, thermaliq.meters,
		thermaliq.facility_settings, thermaliq.meter_settings,
		thermaliq.fuels, thermaliq.benchmarks TO thermaliq_admin;
	-- the views of the rollups (create_rollup grants them when the role exists)
	IF to_regclass('thermaliq.rollups') IS NOT NULL THEN
		-- rollup_tail() reads the horizon as the caller
		GRANT SELECT ON thermaliq.rollups TO thermaliq_reader;
		FOR v_rel IN EXECUTE 'SELECT to_regclass(view_name) FROM thermaliq.rollups WHERE to_regclass(view_name) IS NOT NULL ORDER BY 1'
		LOOP
			EXECUTE format('GRANT SELECT ON %s TO thermaliq_reader', v_rel);
		END LOOP;
	END IF;
	-- every readings table with thermaliq's policy (readings_enable_tenancy)
	FOR v_rel IN SELECT p.polrelid::regclass FROM pg_policy p
		WHERE p.polname = 'thermaliq_tenant' ORDER BY 1
	LOOP
		PERFORM thermaliq.readings_enable_tenancy(v_rel);
	END LOOP;
END
$$;
COMMENT ON FUNCTION thermaliq.setup_roles() IS
'Creates (if missing) the NOLOGIN roles thermaliq_anon, thermaliq_reader, thermaliq_analyst (member of reader; calculate), thermaliq_ingest (INSERT readings) and thermaliq_admin (member of analyst; registry, fuels, benchmarks, settings; sees every facility) and grants each what it needs, also on every readings table with policy thermaliq_tenant; idempotent; run by a superuser';
