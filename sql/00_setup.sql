-- Installs the oldest version of thermaliq and upgrades through every later
-- one (postgresql-hll's discipline), so each run exercises the upgrade chain.
SET client_min_messages = warning;
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;
DO $$
DECLARE
	v_first text;
	v_path text;
	v_step text;
BEGIN
	-- The oldest version is the one no update path leads to.
	SELECT a.version INTO v_first
	FROM pg_available_extension_versions a
	WHERE a.name = 'thermaliq'
	  AND NOT EXISTS (SELECT 1 FROM pg_extension_update_paths('thermaliq') p
	                  WHERE p.target = a.version AND p.path IS NOT NULL)
	ORDER BY a.version LIMIT 1;
	EXECUTE format('CREATE EXTENSION thermaliq VERSION %L', v_first);
	SELECT p.path INTO v_path FROM pg_extension_update_paths('thermaliq') p
	JOIN pg_available_extensions d ON d.name = 'thermaliq'
	WHERE p.source = v_first AND p.target = d.default_version;
	FOREACH v_step IN ARRAY coalesce(string_to_array(v_path, '--'), '{}') LOOP
		CONTINUE WHEN v_step = v_first;
		EXECUTE format('ALTER EXTENSION thermaliq UPDATE TO %L', v_step);
	END LOOP;
END
$$;
RESET client_min_messages;
SELECT e.extversion = d.default_version AS at_default_version, n.nspname
FROM pg_extension e
JOIN pg_available_extensions d ON d.name = e.extname
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'thermaliq';
