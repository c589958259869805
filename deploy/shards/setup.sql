-- deploy/shards/setup.sql: makes this database the coordinator of a
-- sharded readings table (README, "Shards"). test/t/091_shards.pl runs
-- this file as it is. Run it with psql as a superuser, after thermaliq is
-- installed on the coordinator and on every shard (each shard: CREATE
-- SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman; CREATE
-- EXTENSION thermaliq), with wal_level = logical on the coordinator:
--
--   psql -X -v ON_ERROR_STOP=1 -d thermaliq -f deploy/shards/setup.sql \
--        -v shards='shard_a=10.0.0.11:5432/thermaliq shard_b=10.0.0.12:5432/thermaliq' \
--        -v shard_user=postgres -v shard_password=...            (optional)
--        -v table=public.energy_readings                         (optional)
--        -v coordinator_conninfo='host=10.0.0.10 dbname=thermaliq user=replicator password=...'
--                                                                 (optional)
--
-- shards: one name=host:port/dbname per shard, in partition order (the
-- order fixes which hash remainder each shard holds: never reorder it).
-- shard_user/shard_password: the user mapping by which the coordinator
-- reaches the shards (a superuser there: it creates the table and the
-- registry subscription). coordinator_conninfo: how the shards reach the
-- coordinator for the registry subscription; default: the address, port,
-- database and user of this session.

\if :{?table}
\else
\set table public.energy_readings
\endif
\if :{?shard_user}
\else
\set shard_user postgres
\endif
\if :{?shard_password}
\else
\set shard_password ''
\endif
\if :{?coordinator_conninfo}
\else
\set coordinator_conninfo ''
\endif

CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE EXTENSION IF NOT EXISTS dblink;

SET thermaliq_setup.shards = :'shards';
SET thermaliq_setup.shard_user = :'shard_user';
SET thermaliq_setup.shard_password = :'shard_password';

-- One postgres_fdw server and user mapping per shard. batch_size: rows
-- inserted through the coordinator travel to a shard 1000 at a time.
DO $$
DECLARE
	v_spec text;
	v_m text[];
BEGIN
	FOR v_spec IN SELECT s FROM regexp_split_to_table(trim(current_setting('thermaliq_setup.shards')), '\s+') s LOOP
		v_m := regexp_match(v_spec, '^([A-Za-z_][A-Za-z0-9_]*)=(.+):([0-9]+)/(.+)$');
		IF v_m IS NULL THEN
			RAISE EXCEPTION 'invalid shard "%"', v_spec
				USING ERRCODE = 'invalid_parameter_value', HINT = 'Write name=host:port/dbname.';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_foreign_server WHERE srvname = v_m[1]) THEN
			EXECUTE format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw '
				'OPTIONS (host %L, port %L, dbname %L, batch_size %L)', v_m[1], v_m[2], v_m[3], v_m[4], '1000');
		END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_user_mappings WHERE srvname = v_m[1] AND usename = current_user) THEN
			IF current_setting('thermaliq_setup.shard_password') = '' THEN
				EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L)',
					v_m[1], current_setting('thermaliq_setup.shard_user'));
			ELSE
				EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L, password %L)',
					v_m[1], current_setting('thermaliq_setup.shard_user'), current_setting('thermaliq_setup.shard_password'));
			END IF;
		END IF;
	END LOOP;
END
$$;

-- How the shards reach this coordinator (empty: derived from this session)
SET thermaliq.coordinator_conninfo = :'coordinator_conninfo';

-- The sharded table, the shards' tables and the registry subscriptions
-- (its own transaction: the subscriptions' slots wait for writing ones).
SELECT thermaliq.create_sharded_readings(:'table',
	ARRAY(SELECT split_part(s, '=', 1) FROM regexp_split_to_table(trim(:'shards'), '\s+') WITH ORDINALITY AS t(s, i) ORDER BY i)::name[]);

-- Planner statistics of the foreign partitions (fetched from the shards):
-- run it again after loading data, and from cron now and then (autovacuum
-- does not analyze foreign tables); without them hourly and daily groups
-- are aggregated here instead of on the shards.
ANALYZE :table;

-- Where each partition is
SELECT p.partition, p.server, p.remainder || '/' || p.modulus AS hash_remainder
FROM thermaliq.shard_placements p WHERE p.readings = :'table'::regclass ORDER BY p.remainder;
