-- Readings tables under pg_partman 4.7: naming, creation, and maintenance
-- that keeps every row while the historian writes (README, "Continuous
-- ingest"). Functions only: the 1.0--1.1 update re-runs this file
-- (sql/upgrade/1.0--1.1/40_readings_table.use).

-- readings_table_name: the schema-qualified name a readings table gets,
-- truncated as PostgreSQL truncates identifiers, or 42602 for a name that
-- pg_partman cannot maintain.
CREATE OR REPLACE FUNCTION thermaliq.readings_table_name(p_table text)
RETURNS text
LANGUAGE plpgsql
STABLE STRICT PARALLEL SAFE
-- No SET search_path clause: current_schema() is the caller's.
AS $$
DECLARE
	v_ident text[];
	v_part text;
	v_names name[] := '{}';
BEGIN
	BEGIN
		v_ident := pg_catalog.parse_ident(p_table);
	EXCEPTION WHEN invalid_parameter_value THEN
		RAISE EXCEPTION 'invalid table name "%"', p_table
			USING ERRCODE = 'invalid_name', HINT = 'Give schema.table or table; quote names with double quotes.';
	END;
	IF array_length(v_ident, 1) = 1 THEN
		IF pg_catalog.current_schema() IS NULL THEN
			RAISE EXCEPTION 'no schema to create "%" in', p_table
				USING ERRCODE = 'invalid_schema_name', HINT = 'Give schema.table.';
		END IF;
		v_ident := ARRAY[pg_catalog.current_schema()::text] || v_ident;
	ELSIF array_length(v_ident, 1) <> 2 THEN
		RAISE EXCEPTION 'invalid table name "%"', p_table
			USING ERRCODE = 'invalid_name', HINT = 'Give schema.table or table.';
	END IF;
	FOREACH v_part IN ARRAY v_ident LOOP
		IF v_part = '' THEN
			RAISE EXCEPTION 'invalid table name "%"', p_table
				USING ERRCODE = 'invalid_name', DETAIL = 'A name part is empty.';
		END IF;
		-- text -> name clips at NAMEDATALEN - 1 bytes on a character
		-- boundary, exactly as the parser truncates an identifier.
		IF pg_catalog.octet_length(v_part) > pg_catalog.octet_length(v_part::name::text) THEN
			RAISE NOTICE 'identifier "%" will be truncated to "%"', v_part, v_part::name;
		END IF;
		-- pg_partman 4.7 splits "schema.table" at the first dot and pastes
		-- names into SQL string literals without doubling quotes: such a
		-- name would break every later run_maintenance().
		IF pg_catalog.strpos(v_part, '.') > 0 OR pg_catalog.strpos(v_part, '''') > 0 THEN
			RAISE EXCEPTION 'table name "%" cannot be maintained by pg_partman', p_table
				USING ERRCODE = 'invalid_name',
				DETAIL = pg_catalog.format('The name part %s contains a dot or a single quote.', pg_catalog.quote_ident(v_part)),
				HINT = 'pg_partman 4.7 does not quote these characters; choose a name without them.';
		END IF;
		v_names := v_names || v_part::name;
	END LOOP;
	-- pg_partman names the partitions table_pSUFFIX (up to 21 more bytes),
	-- table_default and template_schema_table, and shortens them to 63
	-- characters, not bytes: right for ASCII names only. Other names must
	-- leave that room.
	IF pg_catalog.octet_length(v_names[1]::text || v_names[2]::text)
	   <> pg_catalog.char_length(v_names[1]::text || v_names[2]::text)
	   AND (pg_catalog.octet_length(v_names[2]::text) + 21 > 63
	        OR pg_catalog.octet_length('template_' || v_names[1]::text || '_' || v_names[2]::text) > 63) THEN
		RAISE EXCEPTION 'table name "%" is too long for pg_partman', p_table
			USING ERRCODE = 'name_too_long',
			DETAIL = 'pg_partman 4.7 shortens the names of partitions by characters; with multibyte characters they exceed 63 bytes.',
			HINT = 'Keep a non-ASCII table name within 42 bytes, and schema and table together within 53.';
	END IF;
	RETURN pg_catalog.format('%I.%I', v_names[1], v_names[2]);
END
$$;
COMMENT ON FUNCTION thermaliq.readings_table_name(text) IS
'The schema-qualified, quoted name create_readings_table gives p_table (schema.table or table in the current schema), each part truncated to 63 bytes as PostgreSQL truncates identifiers; 42602 for an invalid name or one with a dot or single quote, which pg_partman 4.7 cannot maintain';

-- create_readings_table: a range-partitioned readings table under pg_partman.
CREATE OR REPLACE FUNCTION thermaliq.create_readings_table(
	p_table text DEFAULT 'public.energy_readings',
	p_interval text DEFAULT '1 month',
	p_premake int DEFAULT 4,
	p_retention interval DEFAULT NULL,
	p_start_partition timestamptz DEFAULT NULL)
RETURNS regclass
LANGUAGE plpgsql
VOLATILE CALLED ON NULL INPUT PARALLEL UNSAFE
-- No SET search_path clause: pg_partman's create_parent sets search_path
-- with set_config(..., false) and "restores" the value it saw, which would
-- leak a function-level setting into the caller's session. Every name
-- below is schema-qualified or in pg_catalog.
AS $$
DECLARE
	v_qualified text;
	v_ident text[];
	v_partman name;
	v_rel regclass;
	v_step interval;
BEGIN
	IF p_table IS NULL OR p_interval IS NULL OR p_premake IS NULL THEN
		RAISE EXCEPTION 'p_table, p_interval and p_premake must not be NULL'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	IF p_premake < 1 THEN
		RAISE EXCEPTION 'p_premake must be at least 1, not %', p_premake
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	IF p_retention IS NOT NULL AND p_retention <= interval '0' THEN
		RAISE EXCEPTION 'p_retention must be a positive interval, not %', p_retention
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- pg_partman creates every partition from p_start_partition to p_premake
	-- ahead in this one call (about 30 ms each); past 1000 a typo such as a
	-- start in year 1 would run for minutes and leave an unusable table.
	BEGIN
		v_step := p_interval::interval;
	EXCEPTION WHEN OTHERS THEN
		v_step := NULL;   -- pg_partman's own names ('daily', ...) and errors
	END;
	IF v_step > interval '0' AND (p_premake > 1000 OR (p_start_partition IS NOT NULL AND
		extract(epoch FROM now() - p_start_partition) / extract(epoch FROM v_step) + p_premake > 1000)) THEN
		RAISE EXCEPTION 'create_readings_table would create more than 1000 partitions'
			USING ERRCODE = 'program_limit_exceeded',
			DETAIL = format('From %s to %s partitions ahead of now, one per %s.',
				coalesce(p_start_partition::text, 'now'), p_premake, p_interval),
			HINT = 'Use a longer p_interval, a later p_start_partition or a smaller p_premake.';
	END IF;
	-- "schema"."table", truncated and checked; pg_partman wants the
	-- unquoted schema.table of the catalogs.
	v_qualified := thermaliq.readings_table_name(p_table);
	v_ident := pg_catalog.parse_ident(v_qualified);

	SELECT n.nspname INTO v_partman
	FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'pg_partman';
	IF v_partman IS NULL THEN
		RAISE EXCEPTION 'pg_partman is not installed in this database'
			USING ERRCODE = 'undefined_object',
			HINT = 'CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman;';
	END IF;

	EXECUTE format($f$
		CREATE TABLE %s (
			facility_id text NOT NULL,
			meter_id text NOT NULL,
			"timestamp" timestamptz NOT NULL,
			value double precision,
			unit text NOT NULL,
			quality smallint NOT NULL DEFAULT 0 CHECK (quality BETWEEN 0 AND 3)
		) PARTITION BY RANGE ("timestamp")$f$, v_qualified);
	EXECUTE format('COMMENT ON TABLE %s IS %L', v_qualified,
		'Meter readings (thermaliq): quality 0 good, 1 uncertain, 2 bad, 3 stale; partitioned by pg_partman');
	-- Ordered per-meter reads become index-only scans once VACUUM has set
	-- the visibility map; the second index serves "latest readings" pages.
	EXECUTE format('CREATE INDEX ON %s (facility_id, meter_id, "timestamp") INCLUDE (value, unit, quality)',
		v_qualified);
	EXECUTE format('CREATE INDEX ON %s (facility_id, "timestamp" DESC) INCLUDE (value, unit, quality)',
		v_qualified);

	EXECUTE format('SELECT %I.create_parent(p_parent_table := $1, p_control := $2, '
		'p_type := $3, p_interval := $4, p_premake := $5, p_start_partition := $6)', v_partman)
	USING v_ident[1] || '.' || v_ident[2], 'timestamp', 'native', p_interval, p_premake,
		to_char(p_start_partition AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00';

	IF p_retention IS NOT NULL THEN
		EXECUTE format('UPDATE %I.part_config SET retention = $1, retention_keep_table = false, '
			'retention_keep_index = false WHERE parent_table = $2', v_partman)
		USING p_retention::text, v_ident[1] || '.' || v_ident[2];
	END IF;

	v_rel := v_qualified::regclass;
	-- tenancy (80_tenancy.sql): row-level security by facility, grants
	PERFORM thermaliq.readings_enable_tenancy(v_rel);
	RETURN v_rel;
END
$$;
COMMENT ON FUNCTION thermaliq.create_readings_table(text, text, int, interval, timestamptz) IS
'Creates a readings table partitioned by range on "timestamp" (name as readings_table_name gives it), registers it with pg_partman (native, DEFAULT partition, p_premake partitions ahead, optional retention; p_start_partition for history older than the premake window) and creates the per-meter and covering indexes; 42602 for a name pg_partman cannot maintain, 54000 for more than 1000 partitions in one call, 42704 without pg_partman';

-- maintain_readings: pg_partman maintenance of one readings table that does
-- not fail, and loses no row, while the historian writes.
CREATE OR REPLACE FUNCTION thermaliq.maintain_readings(
	p_table regclass,
	p_batch_count int DEFAULT 100)
RETURNS bigint
LANGUAGE plpgsql
VOLATILE STRICT PARALLEL UNSAFE
-- No SET search_path clause, as for create_readings_table: pg_partman
-- restores the search_path it saw with set_config(..., false).
AS $$
DECLARE
	v_partman name;
	v_parent text;
	v_default regclass;
	v_moved bigint := 0;
	v_step bigint;
BEGIN
	IF p_batch_count < 1 THEN
		RAISE EXCEPTION 'p_batch_count must be at least 1, not %', p_batch_count
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	SELECT n.nspname INTO v_partman
	FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'pg_partman';
	IF v_partman IS NULL THEN
		RAISE EXCEPTION 'pg_partman is not installed in this database'
			USING ERRCODE = 'undefined_object';
	END IF;
	SELECT n.nspname || '.' || c.relname INTO v_parent
	FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = p_table;
	EXECUTE format('SELECT 1 FROM %I.part_config WHERE parent_table = $1', v_partman) USING v_parent;
	GET DIAGNOSTICS v_step = ROW_COUNT;
	IF v_step = 0 THEN
		RAISE EXCEPTION 'table % is not managed by pg_partman', p_table
			USING ERRCODE = 'undefined_object',
			HINT = 'Create readings tables with thermaliq.create_readings_table().';
	END IF;
	SELECT i.inhrelid::regclass INTO v_default
	FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
	WHERE i.inhparent = p_table AND pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

	-- partition_data_time deletes a month of rows from DEFAULT and then
	-- creates the partition for it; a row the historian commits into DEFAULT
	-- in between makes that CREATE fail on the default partition's
	-- constraint. Writers wait here instead, for the length of this
	-- transaction: the parent first, then DEFAULT, the order tuple routing
	-- locks them in, so no writer can deadlock against us. Readers go on.
	EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', p_table);
	IF v_default IS NOT NULL THEN
		EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', v_default);
		EXECUTE format('SELECT %I.partition_data_time($1, p_batch_count := $2, p_analyze := false)', v_partman)
		INTO v_step USING v_parent, p_batch_count;
		v_moved := coalesce(v_step, 0);
	END IF;
	-- Premake and retention for this table alone, under the same locks.
	EXECUTE format('SELECT %I.run_maintenance($1, p_analyze := false, p_jobmon := false)', v_partman)
	USING v_parent;
	RETURN v_moved;
END
$$;
COMMENT ON FUNCTION thermaliq.maintain_readings(regclass, int) IS
'pg_partman maintenance of one readings table while ingest goes on: locks out writers (they wait, readers do not) for one transaction, moves up to p_batch_count partitions'' worth of rows out of DEFAULT into partitions made for them (partman.partition_data_time), then premakes and applies retention (partman.run_maintenance); returns the rows moved';
