# Shards (API.md section 8): a coordinator and two shards, each a real
# server, against a single node holding the same rows.
#  - create_sharded_readings makes the hash-partitioned table over two
#    postgres_fdw servers, the shards' tables, and the registry
#    subscriptions; the registry on each shard equals the coordinator's
#    (fuels and benchmarks with their seed-replace triggers included).
#  - hourly and daily time_weight grouped by facility push down
#    (EXPLAIN VERBOSE: "Relations: Aggregate on"), with time_bucket shipped,
#    and equal the single node's results; grouped by meter they do not push
#    down (the documented limit), and date_trunc is never shipped.
#  - every plant function and analyze called on the coordinator equals the
#    same call on the shard and on the single node, and reads no row over
#    the network: the coordinator runs no Foreign Scan (auto_explain of every
#    nested statement) and the shard receives the call itself, no cursor.
#  - a facility unknown, on no shard, or asked of the wrong shard is an
#    error (22023), never zeros; a facility added on the coordinator is
#    usable on its shard once the subscription has caught up (bounded wait).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my %nodes;
for my $name (qw(coord shard_a shard_b one))
{
	my $n = PostgreSQL::Test::Cluster->new($name);
	$n->init;
	$n->append_conf('postgresql.conf', qq{
wal_level = logical
max_replication_slots = 8
max_wal_senders = 8
shared_preload_libraries = 'thermaliq'
log_min_messages = warning
});
	$n->start;
	$n->safe_psql('postgres', q{
		SET client_min_messages = warning;
		CREATE SCHEMA partman;
		CREATE EXTENSION pg_partman SCHEMA partman;
		CREATE EXTENSION thermaliq;
		CREATE EXTENSION thermaliq_demo;
	});
	$nodes{$name} = $n;
}
my ($coord, $sa, $sb, $one) = @nodes{qw(coord shard_a shard_b one)};

# The servers and user mappings as deploy/shards/setup.sql makes them
# (the same file creates the sharded table further down).
my $shards = join(' ', map { sprintf('%s=%s:%s/postgres', $_, $nodes{$_}->host, $nodes{$_}->port) } qw(shard_a shard_b));
my $setup = "$ENV{THERMALIQ_SRC}/deploy/shards/setup.sql";
my $setup_sql = slurp_file($setup);
my ($servers_part) = $setup_sql =~ /\A(.*?)-- How the shards reach this coordinator/s;
$coord->safe_psql('postgres', $servers_part, extra_params => [ '-v', "shards=$shards" ]);

# --- set-up errors come first, with their SQLSTATEs
sub sqlstate
{
	my ($node, $sql) = @_;
	my ($ret, $out, $err) = $node->psql('postgres',
		"\\set VERBOSITY verbose\n$sql", on_error_stop => 1);
	return $err =~ /ERROR:\s+([0-9A-Z]{5})/ ? $1 : "no error (ret $ret): $out";
}
is(sqlstate($coord, q{SELECT thermaliq.create_sharded_readings('public.energy_readings', ARRAY['nope']::name[])}),
	'42704', 'a server that is not a postgres_fdw server: 42704');
is(sqlstate($coord, q{SELECT thermaliq.create_sharded_readings('public.energy_readings', ARRAY['shard_a', 'shard_a']::name[])}),
	'22023', 'the same server twice: 22023');
is(sqlstate($coord, q{BEGIN; CREATE TABLE t_written (i int);
	SELECT thermaliq.create_sharded_readings('public.energy_readings', ARRAY['shard_a', 'shard_b']::name[])}),
	'25001', 'after a write in the same transaction (the subscriptions would wait for it): 25001');
my ($ret, $out, $err) = $coord->psql('postgres', undef, on_error_stop => 1,
	extra_params => [ '-f', $setup, '-v', "shards=$shards" ]);
is($ret, 0, 'deploy/shards/setup.sql runs') or diag($err);
like($out, qr/^energy_readings\n.*energy_readings_shard_0\|shard_a\|0\/2\n.*energy_readings_shard_1\|shard_b\|1\/2$/s,
	'create_sharded_readings returns the new table, two placements') or diag($out);
for my $s ($sa, $sb)
{
	$s->wait_for_subscription_sync($coord, 'thermaliq_registry_' . $s->name);
}

is($coord->safe_psql('postgres', q{
	SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || s.srvname || ':' || pg_get_expr(c.relpartbound, c.oid), ' | ' ORDER BY c.relname)
	FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
	JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver
	WHERE i.inhparent = 'public.energy_readings'::regclass}),
	'energy_readings_shard_0:f:shard_a:FOR VALUES WITH (modulus 2, remainder 0) | '
	. 'energy_readings_shard_1:f:shard_b:FOR VALUES WITH (modulus 2, remainder 1)',
	'two foreign partitions, remainder i on server i');
is($coord->safe_psql('postgres', q{
	SELECT string_agg(srvname || ':' || array_to_string(ARRAY(SELECT o FROM unnest(srvoptions) o
		WHERE o ~ '^(extensions|async_capable)=' ORDER BY o), ','), ' ' ORDER BY srvname)
	FROM pg_foreign_server}),
	'shard_a:async_capable=true,extensions=thermaliq shard_b:async_capable=true,extensions=thermaliq',
	'servers get extensions thermaliq and async_capable true');
is($sb->safe_psql('postgres', q{
	SELECT readings || ':' || remainder || '/' || modulus || ':' || coalesce(server, 'local')
	FROM thermaliq.shard_placements}),
	'energy_readings:1/2:local', 'shard_b knows it holds remainder 1 of 2');
is($sa->safe_psql('postgres', q{SELECT relkind FROM pg_class WHERE oid = 'public.energy_readings'::regclass}),
	'p', 'the shard table is a partitioned (pg_partman) readings table');
is(sqlstate($coord, q{SELECT thermaliq.create_sharded_readings('public.energy_readings', ARRAY['shard_a']::name[])}),
	'42P07', 'an existing table: 42P07');

# --- the same rows on the sharded table and on the single node
$one->safe_psql('postgres', q{SELECT thermaliq.create_readings_table('public.energy_readings')});
my $t0 = $coord->safe_psql('postgres',
	q{SELECT to_char(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '3 days', 'YYYY-MM-DD HH24:MI:SS') || '+00'});
my $gen = qq{SET client_min_messages = warning;
	SELECT thermaliq.generate_plant(6, '$t0', '$t0'::timestamptz + interval '2 days', 'public.energy_readings', '4 minutes')};
my $rows = $coord->safe_psql('postgres', $gen);
is($one->safe_psql('postgres', $gen), $rows, "the generator wrote $rows rows on both");
ok($rows > 10000, 'enough rows to mean something');
$coord->wait_for_catchup("thermaliq_registry_$_") for qw(shard_a shard_b);
# planner statistics of the foreign partitions (fetched from the shards)
$coord->safe_psql('postgres', 'ANALYZE public.energy_readings');
$one->safe_psql('postgres', 'ANALYZE public.energy_readings');

my $digest = q{SELECT count(*) || ':' || md5(string_agg(facility_id || meter_id || "timestamp"::text || coalesce(value::text, 'n') || unit || quality,
	',' ORDER BY facility_id, meter_id, "timestamp", value, quality)) FROM public.energy_readings};
is($coord->safe_psql('postgres', $digest), $one->safe_psql('postgres', $digest),
	'the coordinator reads back exactly the single node\'s rows');
my $on_a = $sa->safe_psql('postgres', q{SELECT count(*) FROM public.energy_readings});
my $on_b = $sb->safe_psql('postgres', q{SELECT count(*) FROM public.energy_readings});
ok($on_a > 0 && $on_b > 0 && $on_a + $on_b == $rows, "rows split $on_a + $on_b over the shards");
is($sa->safe_psql('postgres', q{SELECT count(*) FROM public.energy_readings
	WHERE thermaliq.facility_hash_remainder(facility_id, 2) <> 0}), '0', 'shard_a holds only remainder 0');
is($coord->safe_psql('postgres', q{
	SELECT count(*) FROM generate_series(1, 2000) g
	WHERE NOT satisfies_hash_partition('public.energy_readings'::regclass, 2,
		thermaliq.facility_hash_remainder('f-' || g, 2), 'f-' || g)}),
	'0', 'facility_hash_remainder agrees with PostgreSQL\'s hash partitioning on 2000 keys');
my %shard_of = map { split /\|/ } split /\n/, $coord->safe_psql('postgres', q{
	SELECT facility_id || '|' || thermaliq.facility_shard(facility_id, 'public.energy_readings') FROM thermaliq.facilities});
is(join(',', map { "$_=$shard_of{$_}" } sort keys %shard_of),
	join(',', map { my $f = $_; my $n = $sa->safe_psql('postgres', "SELECT count(*) FROM public.energy_readings WHERE facility_id = '$f'");
		"$f=" . ($n > 0 ? 'shard_a' : 'shard_b') } sort keys %shard_of),
	'facility_shard names the server that holds each facility\'s rows');

# --- the registry on every shard equals the coordinator's
my $reg = join(' || ', map { "(SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM $_ t)" }
	qw(thermaliq.fuels thermaliq.benchmarks thermaliq.facilities thermaliq.meters thermaliq.facility_settings thermaliq.meter_settings));
my $edits = q{
	UPDATE thermaliq.fuels SET name = 'Natural gas (site analysis)', hhv_mj_kg = 52.9 WHERE fuel_id = 'natural_gas';
	INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, oxygen, nitrogen)
	VALUES ('biogas_x', 'Biogas', 20.0, 18.0, 0.5, 0.2, 0.25, 0.05);
	-- a seed row re-inserted as it is replaces itself (the seed trigger) on the coordinator
	INSERT INTO thermaliq.benchmarks SELECT * FROM thermaliq.benchmark_seed_rows() WHERE percentile = 50 AND process_type = 'boiler';
	UPDATE thermaliq.benchmarks SET efficiency_pct = 82 WHERE process_type = 'boiler' AND percentile = 50;
	INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('plant-001', '20 minutes');
};
$coord->safe_psql('postgres', $edits);
$one->safe_psql('postgres', $edits);
$coord->wait_for_catchup("thermaliq_registry_$_") for qw(shard_a shard_b);
my $creg = $coord->safe_psql('postgres', "SELECT $reg");
is($sa->safe_psql('postgres', "SELECT $reg"), $creg, 'shard_a\'s registry equals the coordinator\'s (6 tables)');
is($sb->safe_psql('postgres', "SELECT $reg"), $creg, 'shard_b\'s registry equals the coordinator\'s (6 tables)');
is($sa->safe_psql('postgres', q{SELECT count(*) FROM pg_stat_subscription_stats WHERE apply_error_count + sync_error_count > 0}),
	'0', 'no apply or sync error on shard_a');

# --- grouped aggregates push down
my $agg = q{SELECT facility_id, thermaliq.time_bucket('%s', "timestamp") AS b,
		round(thermaliq.integral(thermaliq.time_weight("timestamp", value))::numeric, 6) AS kwh,
		thermaliq.sample_count(thermaliq.time_weight("timestamp", value)) AS n
	FROM public.energy_readings WHERE meter_id = 'heat_out'
	GROUP BY facility_id, b ORDER BY facility_id, b};
for my $w ('1 hour', '1 day')
{
	my $q = sprintf($agg, $w);
	my $plan = $coord->safe_psql('postgres', "SET enable_partitionwise_aggregate = on; EXPLAIN (VERBOSE, COSTS OFF) $q");
	my @pushed = $plan =~ /Relations: Aggregate on \(public\.energy_readings_shard_\d\b/g;
	is(scalar @pushed, 2, "$w buckets: the aggregate runs on both shards") or diag($plan);
	like($plan, qr/Remote SQL: SELECT facility_id, thermaliq\.time_bucket\('[^']+'::interval, "timestamp"\).*thermaliq\.time_weight\("timestamp", value\).*GROUP BY 1, 2/,
		"$w buckets: time_bucket and time_weight in the remote SQL");
	like($plan, qr/Async Foreign Scan/, "$w buckets: the shards run concurrently (async_capable)");
	my $res = $coord->safe_psql('postgres', "SET enable_partitionwise_aggregate = on; SET timezone = 'UTC'; $q");
	is($res, $one->safe_psql('postgres', "SET timezone = 'UTC'; $q"), "$w buckets: results equal the single node's")
		or diag($res);
	# date_bin with the same origin is an independent bucketing
	is(($res =~ tr/\n//) + 1, $one->safe_psql('postgres', qq{SELECT count(*) FROM (SELECT DISTINCT facility_id,
		date_bin('$w', "timestamp", '2000-01-03 00:00+00') FROM public.energy_readings WHERE meter_id = 'heat_out') s}),
		"$w buckets: one row per facility and bucket (date_bin counts them)");
}
# time_bucket itself: UTC whatever TimeZone says, aligned on Monday
# 2000-01-03, before the origin too; months and non-positive widths refused.
is($one->safe_psql('postgres', q{SET timezone = 'Asia/Kolkata';
	SELECT string_agg(thermaliq.time_bucket(w::interval, t::timestamptz) AT TIME ZONE 'UTC' || '', ' ' ORDER BY i)
	FROM (VALUES (1, '1 hour', '2026-12-01 10:37:12.5+00'), (2, '1 day', '2026-12-01 03:00+05:30'),
		(3, '7 days', '2026-12-03 12:00+00'), (4, '1 day', '1999-12-31 23:00+00'),
		(5, '15 minutes', '2026-12-01 10:44:59.999999+00'), (6, '1 day 12:00', '2000-01-04 13:00+00')) v(i, w, t)}),
	'2026-12-01 10:00:00 2026-11-30 00:00:00 2026-11-30 00:00:00 1999-12-31 00:00:00 2026-12-01 10:30:00 2000-01-04 12:00:00',
	'time_bucket: hour, UTC day (not the Kolkata day), Monday weeks, before the origin, 15 min, 36 h');
is($one->safe_psql('postgres', q{SELECT count(*) FROM public.energy_readings
	WHERE thermaliq.time_bucket('1 hour', "timestamp") <> date_bin('1 hour', "timestamp", '2000-01-03 00:00+00')
	   OR thermaliq.time_bucket('1 day', "timestamp") <> date_bin('1 day', "timestamp", '2000-01-03 00:00+00')}),
	'0', 'time_bucket equals date_bin with the same origin on every row');
is(sqlstate($one, q{SELECT thermaliq.time_bucket('1 month', now())}), '22023', 'a width in months: 22023');
is(sqlstate($one, q{SELECT thermaliq.time_bucket('-1 hour', now())}), '22023', 'a negative width: 22023');
is($one->safe_psql('postgres', q{SELECT provolatile FROM pg_proc WHERE oid = 'thermaliq.time_bucket(interval, timestamptz)'::regprocedure}),
	'i', 'time_bucket is IMMUTABLE');
my $plan = $coord->safe_psql('postgres', q{SET enable_partitionwise_aggregate = on;
	EXPLAIN (VERBOSE, COSTS OFF) SELECT meter_id, thermaliq.integral(thermaliq.time_weight("timestamp", value))
	FROM public.energy_readings GROUP BY meter_id});
unlike($plan, qr/Relations: Aggregate on/, 'grouped by meter only: not pushed down (the documented limit)');
$plan = $coord->safe_psql('postgres', q{SET enable_partitionwise_aggregate = on;
	EXPLAIN (VERBOSE, COSTS OFF) SELECT facility_id, date_trunc('day', "timestamp") d, thermaliq.integral(thermaliq.time_weight("timestamp", value))
	FROM public.energy_readings GROUP BY 1, 2});
unlike($plan, qr/Relations: Aggregate on/, 'date_trunc buckets (STABLE): not pushed down, hence time_bucket');

# --- plant functions run whole on the facility's shard
my $fac = 'plant-001';
my ($home, $other) = $shard_of{$fac} eq 'shard_a' ? ($sa, $sb) : ($sb, $sa);
my $from = $t0;
my $to = $coord->safe_psql('postgres', qq{SELECT '$t0'::timestamptz + interval '1 day'});
my %calls = (
	efficiency_series => qq{SELECT * FROM thermaliq.efficiency_series('$fac', '$from', '$to', '3 hours', 'public.energy_readings')},
	heat_balance => qq{SELECT * FROM thermaliq.heat_balance('$fac', '$from', '$to', 'public.energy_readings')},
	balance_closure => qq{SELECT * FROM thermaliq.balance_closure('$fac', '$from', '$to', 'public.energy_readings')},
	sankey => qq{SELECT * FROM thermaliq.sankey('$fac', '$from', '$to', 'public.energy_readings')},
	sankey_svg => qq{SELECT md5(thermaliq.sankey_svg('$fac', '$from', '$to', 'public.energy_readings'))},
	analyze => qq{SELECT thermaliq.analyze('$fac', '$from', '$to', '{}', 'public.energy_readings')},
);
for my $name (sort keys %calls)
{
	my $sql = "SET timezone = 'UTC'; SET DateStyle = 'SQL, DMY'; $calls{$name}";
	my $direct = $home->safe_psql('postgres', $sql);
	ok(length($direct) > 30, "$name on the shard returns something");
	is($coord->safe_psql('postgres', $sql), $direct, "$name on the coordinator equals the call on the shard");
	if ($name eq 'analyze')
	{
		# data_quality sums floats in row order (plpgsql sum()), which differs
		# in the last digit between two servers holding the same rows
		# differently: compared to 9 decimals, everything else exactly.
		my $cmp = qq{SELECT (a - 'data_quality')::text || ' ' || (SELECT jsonb_object_agg(k, CASE WHEN jsonb_typeof(v) = 'number'
			THEN to_jsonb(round(v::numeric, 9)) ELSE v END)::text FROM jsonb_each(a -> 'data_quality') e(k, v))
			FROM ($calls{analyze}) x(a)};
		is($one->safe_psql('postgres', "SET timezone = 'UTC'; $cmp"), $home->safe_psql('postgres', "SET timezone = 'UTC'; $cmp"),
			"$name on the shard equals the single node");
		next;
	}
	is($one->safe_psql('postgres', $sql), $direct, "$name on the shard equals the single node");
}

# Nothing but the result crosses: on the coordinator, no statement of the
# call scans a foreign table; on the shard, the call arrives as it is and no
# cursor (postgres_fdw's way to read rows) is opened.
$home->safe_psql('postgres', q{ALTER SYSTEM SET log_statement = 'all'; SELECT pg_reload_conf()});
for my $name (qw(efficiency_series analyze))
{
	my $offset = -s $home->logfile;
	my ($ret, $out, $err) = $coord->psql('postgres', qq{
		LOAD 'auto_explain';
		SET auto_explain.log_min_duration = 0;
		SET auto_explain.log_nested_statements = on;
		SET auto_explain.log_level = notice;
		SET client_min_messages = notice;
		$calls{$name}});
	is($ret, 0, "$name with auto_explain on the coordinator");
	like($err, qr/Function Scan on (public\.)?dblink/, "$name: the coordinator calls the shard through dblink");
	unlike($err, qr/Foreign Scan/, "$name: the coordinator scans no foreign table");
	$home->wait_for_log(qr/statement: SELECT .*thermaliq\.\Q$name\E\('\Q$fac\E'/, $offset);
	my $log = slurp_file($home->logfile, $offset);
	unlike($log, qr/DECLARE c\d+ CURSOR|FETCH \d+ FROM/, "$name: the shard sends no rows through a cursor");
}
$home->safe_psql('postgres', q{ALTER SYSTEM RESET log_statement; SELECT pg_reload_conf()});

# The connection to the shard is kept for the session (named per server and
# user), and a broken one is replaced: in one session, a routed call, its
# shard-side backend terminated, the same call again.
my $srv = $coord->safe_psql('postgres', qq{SELECT thermaliq.facility_shard('$fac', 'public.energy_readings')});
my $con = $coord->safe_psql('postgres', qq{SELECT 'thermaliq_$srv' || '_' || oid FROM pg_roles WHERE rolname = current_user});
my $series = $calls{efficiency_series};
my $kept = $coord->safe_psql('postgres', qq{
	SET timezone = 'UTC';
	CREATE TEMP TABLE first AS $series;
	SELECT '$con' = ANY (dblink_get_connections());
	CREATE TEMP TABLE remote AS SELECT * FROM dblink('$con', 'SELECT pg_backend_pid()') AS t(pid int);
	$series;
	SELECT count(*) FROM remote WHERE pid = (SELECT * FROM dblink('$con', 'SELECT pg_backend_pid()') AS t(pid int));
	SELECT t.ok FROM remote, dblink('$srv', 'SELECT pg_terminate_backend(' || remote.pid || ')') AS t(ok bool);
	SELECT (SELECT md5(string_agg(e::text, ',' ORDER BY e::text)) FROM ($series) e)
		= (SELECT md5(string_agg(f::text, ',' ORDER BY f::text)) FROM first f);
	SELECT count(*) FROM remote WHERE pid <> (SELECT * FROM dblink('$con', 'SELECT pg_backend_pid()') AS t(pid int));
	-- analyze (plpgsql) routes through the same connection
	CREATE TEMP TABLE remote2 AS SELECT * FROM dblink('$con', 'SELECT pg_backend_pid()') AS t(pid int);
	SELECT t.ok FROM remote2, dblink('$srv', 'SELECT pg_terminate_backend(' || remote2.pid || ')') AS t(ok bool);
	SELECT md5(($calls{analyze})::text) = md5(($calls{analyze})::text);
	SELECT count(*) FROM remote2 WHERE pid <> (SELECT * FROM dblink('$con', 'SELECT pg_backend_pid()') AS t(pid int));
	SELECT array_length(dblink_get_connections(), 1);
});
my @kept = grep { /^[tf0-9]+$/ } split /\n/, $kept;
is(join(',', @kept[5 .. 8]), 't,t,1,1', 'analyze reconnects after its shard backend is terminated, through the same single connection')
	or diag($kept);
is(join(',', @kept[0, 1, 2, 3, 4]), 't,1,t,t,1',
	'the routed call keeps its dblink connection ($con) for the session, the next call reuses it, and after its shard backend is terminated the call reconnects and returns the same rows')
	or diag($kept);

# --- facilities that are on no shard are errors, never zeros
is(sqlstate($other, qq{SELECT * FROM thermaliq.efficiency_series('$fac', '$from', '$to', '1 hour', 'public.energy_readings')}),
	'22023', 'efficiency_series on the wrong shard: 22023, not 0 kWh');
is(sqlstate($other, qq{SELECT thermaliq.analyze('$fac', '$from', '$to', '{}', 'public.energy_readings')}),
	'22023', 'analyze on the wrong shard: 22023');
is(sqlstate($coord, qq{SELECT * FROM thermaliq.heat_balance('nowhere', '$from', '$to', 'public.energy_readings')}),
	'22023', 'an unknown facility on the coordinator: 22023');
is(sqlstate($coord, qq{SELECT thermaliq.facility_shard('nowhere', 'public.energy_readings')}),
	'22023', 'facility_shard of an unknown facility: 22023');
is(sqlstate($coord, qq{SELECT thermaliq.facility_shard('$fac', 'thermaliq.fuels')}),
	'22023', 'facility_shard of a table that is not sharded: 22023');
my $part = $shard_of{$fac} eq 'shard_a' ? 'energy_readings_shard_0' : 'energy_readings_shard_1';
is(sqlstate($coord, qq{BEGIN; ALTER TABLE public.energy_readings DETACH PARTITION public.$part;
	SELECT * FROM thermaliq.efficiency_series('$fac', '$from', '$to', '1 hour', 'public.energy_readings')}),
	'22023', 'a facility whose partition is detached is on no shard: 22023');

# --- a facility added on the coordinator is usable on its shard
my $new = $coord->safe_psql('postgres', q{
	SELECT 'late-' || g FROM generate_series(1, 50) g
	WHERE satisfies_hash_partition('public.energy_readings'::regclass, 2, 1, 'late-' || g) LIMIT 1});
$coord->safe_psql('postgres', qq{
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('$new');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, heating_value_basis) VALUES
		('$new', 'fuel', 'fuel_input', 'rate', 'kW', 'hhv'), ('$new', 'heat', 'heat_output', 'rate', 'kW', NULL);
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT '$new', m, '$t0'::timestamptz + g * interval '5 minutes', v, 'kW'
	FROM generate_series(0, 24) g, (VALUES ('fuel', 1000.0), ('heat', 900.0)) x(m, v);
});
$coord->wait_for_catchup('thermaliq_registry_shard_b');
# 1000 kW and 900 kW for 2 hours (25 samples 5 minutes apart): 2000 and 1800 kWh, 90 %
my $expect = '2000|1800|90';
my $q = qq{SELECT round(sum(fuel_input_kwh)) || '|' || round(sum(useful_output_kwh)) || '|' || round(100 * sum(useful_output_kwh) / sum(fuel_input_kwh))
	FROM thermaliq.efficiency_series('$new', '$t0', '$t0'::timestamptz + interval '2 hours', '1 hour', 'public.energy_readings')};
is($sb->safe_psql('postgres', $q), $expect, "a facility added on the coordinator ($new) computes on its shard");
is($coord->safe_psql('postgres', $q), $expect, 'and through the coordinator');

$_->stop for values %nodes;
done_testing();
