-- Shards and replicas (API.md section 8): a readings table hash-partitioned
-- by facility_id over postgres_fdw servers, the registry kept equal on every
-- shard by logical replication, plant calls routed whole to the facility's
-- shard (src/plant/shard.c), a time bucket postgres_fdw can ship, and the
-- primary-only guard of the writing functions.
-- New objects only: the 1.0--1.1 update runs this piece as it is
-- (sql/upgrade/1.0--1.1/86_shards.use).

-- ---------------------------------------------------------------------
-- Time buckets that push down
-- ---------------------------------------------------------------------
CREATE FUNCTION thermaliq.time_bucket(p_width interval, p_ts timestamptz)
RETURNS timestamptz
AS 'MODULE_PATHNAME', 'time_bucket'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.time_bucket(interval, timestamptz) IS
'Start of the p_width bucket holding p_ts, computed in UTC (TimeZone is not read, hence IMMUTABLE and shipped to shards by postgres_fdw): buckets aligned on 2000-01-03 00:00 UTC (a Monday), days count as 24 h, widths with months are refused (22023); infinite timestamps are returned as they are';

-- ---------------------------------------------------------------------
-- Where a facility's rows are
-- ---------------------------------------------------------------------
CREATE FUNCTION thermaliq.facility_hash_remainder(p_facility text, p_modulus int)
RETURNS int
AS 'MODULE_PATHNAME', 'facility_hash_remainder'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION thermaliq.facility_hash_remainder(text, int) IS
'The remainder of PostgreSQL''s hash partitioning (PARTITION BY HASH on a text key, default collation) for p_facility and p_modulus: the hash partition that holds the facility';

-- One row per foreign partition on a coordinator (server set), one row per
-- local shard table on a shard (server NULL: this node holds remainder r of
-- modulus m of the coordinator's table, and refuses other facilities).
CREATE TABLE thermaliq.shard_placements (
	readings regclass NOT NULL,
	remainder int NOT NULL CHECK (remainder >= 0),
	modulus int NOT NULL CHECK (modulus > 0),
	server name,
	partition regclass,
	remote_table text NOT NULL,
	CONSTRAINT shard_placements_remainder_lt_modulus CHECK (remainder < modulus),
	CONSTRAINT shard_placements_side CHECK ((server IS NULL) = (partition IS NULL)),
	PRIMARY KEY (readings, remainder)
);
COMMENT ON TABLE thermaliq.shard_placements IS
'Sharded readings tables (create_sharded_readings): on a coordinator one row per foreign partition (server, partition, the remote table); on a shard one row per local table with server NULL, saying which hash remainder of which modulus it holds';
SELECT pg_catalog.pg_extension_config_dump('thermaliq.shard_placements', '');
GRANT SELECT ON thermaliq.shard_placements TO PUBLIC;

-- facility_shard: the server whose partition holds a facility.
CREATE FUNCTION thermaliq.facility_shard(p_facility text, p_table regclass)
RETURNS name
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_server name;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM thermaliq.shard_placements WHERE readings = p_table AND server IS NOT NULL) THEN
		RAISE EXCEPTION 'table % is not sharded', p_table
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'thermaliq.create_sharded_readings() makes a sharded readings table.';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM thermaliq.facilities WHERE facility_id = p_facility) THEN
		RAISE EXCEPTION 'unknown facility "%"', p_facility
			USING ERRCODE = 'invalid_parameter_value',
			HINT = 'SELECT facility_id FROM thermaliq.facilities lists the known facilities.';
	END IF;
	SELECT p.server INTO v_server
	FROM thermaliq.shard_placements p
	WHERE p.readings = p_table AND p.server IS NOT NULL
		AND p.partition IN (SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = p_table)
		AND satisfies_hash_partition(p_table::oid, p.modulus, p.remainder, p_facility);
	IF v_server IS NULL THEN
		RAISE EXCEPTION 'facility "%" is on no shard of %', p_facility, p_table
			USING ERRCODE = 'invalid_parameter_value',
			DETAIL = format('No partition of %s holds hash remainder %s.', p_table,
				thermaliq.facility_hash_remainder(p_facility,
					(SELECT max(modulus) FROM thermaliq.shard_placements WHERE readings = p_table))),
			HINT = 'Attach a foreign partition for it or re-run thermaliq.create_sharded_readings().';
	END IF;
	RETURN v_server;
END
$$;
COMMENT ON FUNCTION thermaliq.facility_shard(text, regclass) IS
'The postgres_fdw server holding p_facility''s rows of the sharded table p_table (its hash partition); 22023 for a table that is not sharded, an unknown (or invisible) facility, or a facility whose partition is missing';

-- shard_route: how a plant call on p_readings for p_facility runs. NULL
-- server: here. Otherwise on server, against remote_table there, through
-- dblink (installed in dblink_schema). Called by every plant function
-- (src/plant/shard.c) and by analyze().
CREATE FUNCTION thermaliq.shard_route(p_readings regclass, p_facility text,
	OUT server name, OUT remote_table text, OUT dblink_schema name)
LANGUAGE plpgsql
STABLE
CALLED ON NULL INPUT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_local thermaliq.shard_placements;
	v_server name;
BEGIN
	IF p_readings IS NULL OR p_facility IS NULL
		OR NOT EXISTS (SELECT 1 FROM thermaliq.shard_placements p WHERE p.readings = p_readings) THEN
		RETURN;
	END IF;
	SELECT * INTO v_local FROM thermaliq.shard_placements p
	WHERE p.readings = p_readings AND p.server IS NULL;
	IF FOUND THEN
		-- a shard: the facility must be one of this shard's
		IF thermaliq.facility_hash_remainder(p_facility, v_local.modulus) <> v_local.remainder THEN
			RAISE EXCEPTION 'facility "%" is not on this shard', p_facility
				USING ERRCODE = 'invalid_parameter_value',
				DETAIL = format('%s here holds hash remainder %s of modulus %s; the facility hashes to %s.',
					p_readings, v_local.remainder, v_local.modulus,
					thermaliq.facility_hash_remainder(p_facility, v_local.modulus)),
				HINT = 'Call it on the coordinator, which routes it to the facility''s shard.';
		END IF;
		RETURN;
	END IF;
	v_server := thermaliq.facility_shard(p_facility, p_readings);
	SELECT p.remote_table INTO v_local.remote_table
	FROM thermaliq.shard_placements p WHERE p.readings = p_readings AND p.server = v_server
	LIMIT 1;
	server := v_server;
	remote_table := v_local.remote_table;
	SELECT n.nspname INTO dblink_schema
	FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'dblink';
	IF dblink_schema IS NULL THEN
		RAISE EXCEPTION 'dblink is not installed in this database'
			USING ERRCODE = 'undefined_object',
			HINT = 'CREATE EXTENSION dblink; plant calls for a sharded table run on the facility''s shard through it.';
	END IF;
END
$$;
COMMENT ON FUNCTION thermaliq.shard_route(regclass, text) IS
'How a plant call for p_facility on p_readings runs: all NULL to run here (not sharded, or this shard holds the facility), else the server, its table and the dblink schema to run it there; 22023 for a facility on no shard or, on a shard, a facility of another shard';

-- ---------------------------------------------------------------------
-- Making a sharded readings table
-- ---------------------------------------------------------------------
-- The registry tables replicated to every shard, in FK order.
CREATE FUNCTION thermaliq.registry_tables()
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT ARRAY['thermaliq.fuels', 'thermaliq.benchmarks', 'thermaliq.facilities',
	'thermaliq.meters', 'thermaliq.facility_settings', 'thermaliq.meter_settings']
$$;
COMMENT ON FUNCTION thermaliq.registry_tables() IS
'The registry tables that the publication thermaliq_registry replicates from a coordinator to its shards';

CREATE FUNCTION thermaliq.create_sharded_readings(p_table text, p_servers name[])
RETURNS regclass
LANGUAGE plpgsql
VOLATILE
CALLED ON NULL INPUT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	v_ident text[];
	v_schema text;
	v_name text;
	v_qualified text;
	v_dblink name;
	v_conninfo text;
	v_n int;
	v_i int;
	v_server name;
	v_sub text;
	v_opts text[];
	v_ext text;
	v_remote_exists bool;
	v_sub_exists bool;
	v_part text;
BEGIN
	IF p_table IS NULL OR p_servers IS NULL OR cardinality(p_servers) = 0 THEN
		RAISE EXCEPTION 'p_table and p_servers must be given, p_servers with at least one server'
			USING ERRCODE = 'null_value_not_allowed';
	END IF;
	v_n := cardinality(p_servers);
	IF (SELECT count(DISTINCT s) FROM unnest(p_servers) s) <> v_n OR array_position(p_servers, NULL) IS NOT NULL THEN
		RAISE EXCEPTION 'p_servers must name distinct servers'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	v_ident := parse_ident(p_table);
	IF array_length(v_ident, 1) = 1 THEN
		v_schema := current_schema();
		v_name := v_ident[1];
	ELSIF array_length(v_ident, 1) = 2 THEN
		v_schema := v_ident[1];
		v_name := v_ident[2];
	ELSE
		RAISE EXCEPTION 'invalid table name "%"', p_table
			USING ERRCODE = 'invalid_name', HINT = 'Give schema.table or table.';
	END IF;
	v_qualified := format('%I.%I', v_schema, v_name);
	IF to_regclass(v_qualified) IS NOT NULL THEN
		RAISE EXCEPTION 'relation % already exists', v_qualified
			USING ERRCODE = 'duplicate_table';
	END IF;
	FOREACH v_server IN ARRAY p_servers LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
			WHERE s.srvname = v_server AND w.fdwname = 'postgres_fdw') THEN
			RAISE EXCEPTION 'server "%" is not a postgres_fdw server', v_server
				USING ERRCODE = 'undefined_object',
				HINT = 'CREATE SERVER ... FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host ..., dbname ...) and a USER MAPPING for it.';
		END IF;
	END LOOP;
	SELECT n.nspname INTO v_dblink
	FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'dblink';
	IF v_dblink IS NULL THEN
		RAISE EXCEPTION 'dblink is not installed in this database'
			USING ERRCODE = 'undefined_object',
			HINT = 'CREATE EXTENSION dblink; it sets the shards up and routes plant calls to them.';
	END IF;
	IF current_setting('wal_level') <> 'logical' THEN
		RAISE EXCEPTION 'wal_level must be logical on a coordinator, not %', current_setting('wal_level')
			USING ERRCODE = 'object_not_in_prerequisite_state',
			HINT = 'The registry reaches the shards by logical replication: set wal_level = logical and restart.';
	END IF;
	-- The shards' subscriptions create their slots here; a slot waits for
	-- every transaction that has written, this one included.
	IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
		RAISE EXCEPTION 'create_sharded_readings() must run before any write of its transaction'
			USING ERRCODE = 'active_sql_transaction',
			HINT = 'Call it in a transaction of its own (the shards'' registry subscriptions wait for this transaction otherwise).';
	END IF;
	v_conninfo := nullif(current_setting('thermaliq.coordinator_conninfo', true), '');
	IF v_conninfo IS NULL THEN
		v_conninfo := format('host=%s port=%s dbname=%s user=%s',
			coalesce(host(inet_server_addr()), split_part(current_setting('unix_socket_directories'), ',', 1)),
			current_setting('port'), quote_ident(current_database()), quote_ident(current_user));
	END IF;

	-- 1. The publication, committed at once (through a second connection)
	--    so that the shards' subscriptions see it.
	IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'thermaliq_registry') THEN
		EXECUTE format('SELECT %I.dblink_exec($1, $2)', v_dblink)
		USING v_conninfo, 'CREATE PUBLICATION thermaliq_registry FOR TABLE '
			|| array_to_string(thermaliq.registry_tables(), ', ');
	END IF;

	-- 2. Each shard: its readings table, its placement row, its subscription.
	FOR v_i IN 1 .. v_n LOOP
		v_server := p_servers[v_i];
		v_sub := left('thermaliq_registry_' || regexp_replace(lower(v_server), '[^a-z0-9_]', '_', 'g'), 63);
		EXECUTE format('SELECT * FROM %I.dblink($1, $2) AS t(has_table bool, has_sub bool)', v_dblink)
		INTO v_remote_exists, v_sub_exists
		USING v_server, format('SELECT to_regclass(%L) IS NOT NULL, EXISTS (SELECT 1 FROM pg_subscription WHERE subname = %L)',
			v_qualified, v_sub);
		IF NOT v_remote_exists THEN
			EXECUTE format('SELECT r FROM %I.dblink($1, $2) AS t(r text)', v_dblink)
			USING v_server, format('SELECT thermaliq.create_readings_table(%L)::text', v_qualified);
		END IF;
		EXECUTE format('SELECT %I.dblink_exec($1, $2)', v_dblink)
		USING v_server, format('DELETE FROM thermaliq.shard_placements WHERE readings = %1$L::regclass; '
			'INSERT INTO thermaliq.shard_placements (readings, remainder, modulus, remote_table) '
			'VALUES (%1$L::regclass, %2$s, %3$s, %1$L)', v_qualified, v_i - 1, v_n);
		IF NOT v_sub_exists THEN
			-- The shard's registry becomes a copy of this one: its own rows
			-- (the seed rows of CREATE EXTENSION) make way for the copy.
			EXECUTE format('SELECT %I.dblink_exec($1, $2)', v_dblink)
			USING v_server, 'TRUNCATE ' || array_to_string(thermaliq.registry_tables(), ', ');
			EXECUTE format('SELECT %I.dblink_exec($1, $2)', v_dblink)
			USING v_server, format('CREATE SUBSCRIPTION %I CONNECTION %L PUBLICATION thermaliq_registry '
				'WITH (slot_name = %L)', v_sub, v_conninfo, v_sub);
		END IF;
	END LOOP;

	-- 3. Here: the servers' options, the table and its foreign partitions.
	FOREACH v_server IN ARRAY p_servers LOOP
		SELECT s.srvoptions INTO v_opts FROM pg_foreign_server s WHERE s.srvname = v_server;
		SELECT substr(o, length('extensions=') + 1) INTO v_ext
		FROM unnest(v_opts) o WHERE o LIKE 'extensions=%';
		IF v_ext IS NULL THEN
			EXECUTE format('ALTER SERVER %I OPTIONS (ADD extensions %L)', v_server, 'thermaliq');
		ELSIF NOT 'thermaliq' = ANY (regexp_split_to_array(v_ext, '\s*,\s*')) THEN
			EXECUTE format('ALTER SERVER %I OPTIONS (SET extensions %L)', v_server, v_ext || ',thermaliq');
		END IF;
		IF EXISTS (SELECT 1 FROM unnest(v_opts) o WHERE o LIKE 'async_capable=%') THEN
			EXECUTE format('ALTER SERVER %I OPTIONS (SET async_capable %L)', v_server, 'true');
		ELSE
			EXECUTE format('ALTER SERVER %I OPTIONS (ADD async_capable %L)', v_server, 'true');
		END IF;
	END LOOP;
	EXECUTE format($f$
		CREATE TABLE %s (
			facility_id text NOT NULL,
			meter_id text NOT NULL,
			"timestamp" timestamptz NOT NULL,
			value double precision,
			unit text NOT NULL,
			quality smallint NOT NULL DEFAULT 0 CHECK (quality BETWEEN 0 AND 3)
		) PARTITION BY HASH (facility_id)$f$, v_qualified);
	EXECUTE format('COMMENT ON TABLE %s IS %L', v_qualified,
		format('Meter readings (thermaliq), sharded by facility_id over %s servers: %s', v_n,
			array_to_string(p_servers, ', ')));
	-- Tenancy (row-level security by facility) where it is installed: the
	-- coordinator filters the rows a tenant reads through it.
	IF to_regprocedure('thermaliq.readings_enable_tenancy(regclass)') IS NOT NULL THEN
		EXECUTE 'SELECT thermaliq.readings_enable_tenancy($1)' USING v_qualified::regclass;
	END IF;
	FOR v_i IN 1 .. v_n LOOP
		v_part := format('%I.%I', v_schema, left(v_name, 50) || '_shard_' || (v_i - 1));
		EXECUTE format('CREATE FOREIGN TABLE %s PARTITION OF %s FOR VALUES WITH (MODULUS %s, REMAINDER %s) '
			'SERVER %I OPTIONS (schema_name %L, table_name %L)',
			v_part, v_qualified, v_n, v_i - 1, p_servers[v_i], v_schema, v_name);
		-- Without statistics of the bucket expressions the planner takes a
		-- bucket for as many groups as timestamps and keeps the aggregate
		-- here; with them (after ANALYZE) it ships hourly and daily groups.
		EXECUTE format('CREATE STATISTICS %I.%I ON (thermaliq.time_bucket(%L, "timestamp")) FROM %s',
			v_schema, left(v_name, 40) || '_shard_' || (v_i - 1) || '_hour', '1 hour', v_part);
		EXECUTE format('CREATE STATISTICS %I.%I ON (thermaliq.time_bucket(%L, "timestamp")) FROM %s',
			v_schema, left(v_name, 40) || '_shard_' || (v_i - 1) || '_day', '1 day', v_part);
		INSERT INTO thermaliq.shard_placements (readings, remainder, modulus, server, partition, remote_table)
		VALUES (v_qualified::regclass, v_i - 1, v_n, p_servers[v_i], v_part::regclass, v_qualified);
	END LOOP;
	RETURN v_qualified::regclass;
END
$$;
COMMENT ON FUNCTION thermaliq.create_sharded_readings(text, name[]) IS
'On a coordinator: creates p_table hash-partitioned by facility_id over the postgres_fdw servers p_servers (partition i on server i; each shard gets the table from create_readings_table and a placement row), sets the servers'' extensions ''thermaliq'' and async_capable ''true'', publishes the registry (publication thermaliq_registry; wal_level = logical) and subscribes every shard to it (its registry is replaced by the coordinator''s); statistics of the hourly and daily time_bucket on each partition let the planner push those groupings down after ANALYZE. Needs dblink and superuser mappings; run it in a transaction of its own';

-- shard_connection: the session's dblink connection to a shard server.
CREATE FUNCTION thermaliq.shard_connection(p_server name, p_dblink_schema name, p_afresh boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql
VOLATILE
STRICT
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	-- per server and user: the server's user mapping is the current user's
	-- (src/plant/shard.c names its connections the same way)
	v_con text := format('thermaliq_%s_%s', p_server, current_user::regrole::oid);
	v_have boolean;
BEGIN
	EXECUTE format('SELECT coalesce($1 = ANY (%I.dblink_get_connections()), false)', p_dblink_schema)
		INTO v_have USING v_con;
	IF v_have AND p_afresh THEN
		EXECUTE format('SELECT %I.dblink_disconnect($1)', p_dblink_schema) USING v_con;
		v_have := false;
	END IF;
	IF NOT v_have THEN
		EXECUTE format('SELECT %I.dblink_connect($1, $2)', p_dblink_schema) USING v_con, p_server;
	END IF;
	RETURN v_con;
END
$$;
COMMENT ON FUNCTION thermaliq.shard_connection(name, name, boolean) IS
'The name of this session''s dblink connection to shard server p_server for the current user, opened if missing (p_afresh: dropped and opened again): routed plant calls reuse it instead of starting a shard backend per call';

-- ---------------------------------------------------------------------
-- Writes only on the primary
-- ---------------------------------------------------------------------
CREATE FUNCTION thermaliq.require_primary(p_function text)
RETURNS void
LANGUAGE plpgsql
STABLE
STRICT
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF pg_is_in_recovery() THEN
		RAISE EXCEPTION '% cannot run on a hot standby', p_function
			USING ERRCODE = 'read_only_sql_transaction',
			DETAIL = 'This server is in recovery: it is a read replica.',
			HINT = format('Call %s on the primary (libpq: target_session_attrs=read-write).', p_function);
	END IF;
END
$$;
COMMENT ON FUNCTION thermaliq.require_primary(text) IS
'Raises 25006 with a hint to call p_function on the primary when this server is a hot standby; used by the functions that write (calculate, enqueue)';
