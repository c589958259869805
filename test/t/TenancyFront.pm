# TenancyFront: the set-up that the HTTP-front tests share (020, 021).
#
# A cluster on loopback whose TCP logins use SCRAM (pg_hba), thermaliq with
# setup_roles(), two tenants and an admin, one hour of readings per
# facility, a LOGIN NOINHERIT "authenticator" (the role PostgREST and
# PostGraphile log in as) granted the request roles, and PgBouncer started
# from deploy/pgbouncer/pgbouncer.ini with only the values marked "test:"
# replaced, its auth file made by deploy/pgbouncer/userlist.sql.
#
# Tenant tq_ten_a owns facility "ta": gas 100 kW, steam 80 kW for one hour
# (100 kWh in, 80 kWh out, 80 %); tq_ten_b owns "tb": 200 kW, 150 kW (75 %).
# tq_boss has thermaliq_admin.
package TenancyFront;
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

our $PASSWORD = 'front-test-password-7d1f';

# The cluster with the tenancy fixture, started.
sub start_node
{
	my $node = PostgreSQL::Test::Cluster->new(shift // 'front');
	$node->init;
	$node->append_conf('postgresql.conf', "listen_addresses = '127.0.0.1'\npassword_encryption = 'scram-sha-256'");
	# TCP logins (PgBouncer's and the servers' connections) use SCRAM; the
	# test's own psql uses the Unix socket.
	open my $hba, '>', $node->data_dir . '/pg_hba.conf' or die;
	print $hba "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n";
	close $hba;
	$node->start;
	$node->safe_psql('postgres', <<"SQL");
SET client_min_messages = warning;
CREATE SCHEMA partman;
CREATE EXTENSION pg_partman SCHEMA partman;
CREATE EXTENSION thermaliq;
SELECT thermaliq.setup_roles();
SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2,
	p_start_partition => date_trunc('month', now()) - interval '1 month');
CREATE ROLE tq_ten_a NOLOGIN;
CREATE ROLE tq_ten_b NOLOGIN;
CREATE ROLE tq_boss NOLOGIN;
GRANT thermaliq_analyst, thermaliq_ingest TO tq_ten_a, tq_ten_b;
GRANT thermaliq_admin TO tq_boss;
CREATE ROLE authenticator LOGIN NOINHERIT PASSWORD '$PASSWORD';
GRANT thermaliq_anon, tq_ten_a, tq_ten_b, tq_boss TO authenticator;
INSERT INTO thermaliq.facilities (facility_id, name, owner_role) VALUES
	('ta', 'Tenant A boiler', 'tq_ten_a'), ('tb', 'Tenant B boiler', 'tq_ten_b');
INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
SELECT f, m, r, 'rate', 'kW', CASE WHEN m = 'gas' THEN 'natural_gas' END, CASE WHEN m = 'gas' THEN 'hhv' END
FROM unnest(ARRAY['ta', 'tb']) f, (VALUES ('gas', 'fuel_input'), ('steam', 'steam_output')) v(m, r);
INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
SELECT f, m, date_trunc('hour', now()) - interval '1 day' + k * interval '10 minutes', v, 'kW'
FROM generate_series(0, 6) k,
	(VALUES ('ta', 'gas', 100.0), ('ta', 'steam', 80.0), ('tb', 'gas', 200.0), ('tb', 'steam', 150.0)) x(f, m, v);
SQL
	return $node;
}

# The period of the fixture's readings, as ISO text: (from, to).
sub period
{
	my $node = shift;
	my $p = $node->safe_psql('postgres', q{SELECT to_char((date_trunc('hour', now()) - interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' ||
		to_char((date_trunc('hour', now()) - interval '23 hours') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')});
	return split / /, $p;
}

# PgBouncer from deploy/pgbouncer/pgbouncer.ini; returns (port, stop sub).
sub start_bouncer
{
	my ($node, $dir, %over) = @_;
	my $src = $ENV{THERMALIQ_SRC} or BAIL_OUT('THERMALIQ_SRC is not set');
	my $bport = PostgreSQL::Test::Cluster::get_free_port();
	my $ini = slurp_file("$src/deploy/pgbouncer/pgbouncer.ini");
	my $pport = $node->port;
	my %set = (
		thermaliq => "host=127.0.0.1 port=$pport dbname=postgres",
		listen_port => $bport,
		auth_file => "$dir/userlist.txt",
		logfile => "$dir/pgbouncer.log",
		pidfile => "$dir/pgbouncer.pid",
		%over);
	for my $k (keys %set)
	{
		$ini =~ s/^\Q$k\E = .*$/$k = $set{$k}/m
		  or die "deploy/pgbouncer/pgbouncer.ini has no line \"$k = ...\"";
	}
	open my $fh, '>', "$dir/pgbouncer.ini" or die;
	print $fh $ini;
	close $fh;
	# the auth file as the README makes it
	my $users = $node->safe_psql('postgres', slurp_file("$src/deploy/pgbouncer/userlist.sql"));
	open $fh, '>', "$dir/userlist.txt" or die;
	print $fh "$users\n";
	close $fh;
	system('/usr/sbin/pgbouncer', '-d', "$dir/pgbouncer.ini") == 0 or die "pgbouncer did not start";
	my $stop = sub {
		return unless -f "$dir/pgbouncer.pid";
		chomp(my $pid = slurp_file("$dir/pgbouncer.pid"));
		kill 'TERM', $pid if $pid;
		unlink "$dir/pgbouncer.pid";
	};
	for (1 .. 50)
	{
		last if -f "$dir/pgbouncer.pid";
		select undef, undef, undef, 0.1;
	}
	return ($bport, $stop, $ini, $users);
}

# Every function of thermaliq and thermaliq_api that takes a facility, from
# the catalog, as [name, SQL] with every argument named and the facility
# written FACILITY (the values as in test/pgtap/80_tenancy.sql's call()).
sub facility_calls
{
	my ($node, $t0, $t1) = @_;
	my $rows = $node->safe_psql('postgres', <<"SQL");
SELECT p.oid::regprocedure, format('SELECT * FROM %s.%I(%s)', p.pronamespace::regnamespace, p.proname,
	string_agg(quote_ident(a.n) || ' => ' || CASE
		WHEN a.n IN ('p_facility', 'facility') THEN '''FACILITY'''
		WHEN a.n IN ('p_from', 'period_from') THEN '''$t0'''
		WHEN a.n IN ('p_to', 'period_to') THEN '''$t1'''
		WHEN a.n IN ('p_readings', 'readings') THEN '''public.energy_readings'''
		WHEN a.n IN ('p_bucket', 'bucket') THEN '''20 minutes'''
		WHEN a.n IN ('p_options', 'options', 'p_expected') THEN '''{}'''
		WHEN a.n = 'p_role' THEN '''fuel_input'''
		WHEN a.n = 'p_unit' THEN '''kW'''
		WHEN a.t = 'jsonb'::regtype THEN '''{}'''
		WHEN a.t = 'float8'::regtype THEN '1'
		ELSE 'NULL' END || '::' || a.t::regtype::text, ', ' ORDER BY a.i))
FROM pg_proc p
CROSS JOIN LATERAL unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargnames,
	coalesce(p.proargmodes, array_fill('i'::"char", ARRAY[p.pronargs]))) WITH ORDINALITY a(t, n, m, i)
WHERE p.pronamespace IN ('thermaliq'::regnamespace, 'thermaliq_api'::regnamespace)
  AND p.prokind = 'f' AND p.proargnames && ARRAY['p_facility', 'facility'] AND a.m IN ('i', 'b', 'v')
GROUP BY p.oid ORDER BY 1::text
SQL
	return map { [ split /\|/, $_, 2 ] } split /\n/, $rows;
}

# psql as authenticator over TCP (SCRAM) on the given port; the script on
# stdin. Returns (ok, stdout, stderr).
sub psql_tcp
{
	my ($port, $sql, %opt) = @_;
	local $ENV{PGPASSWORD} = $opt{password} // $PASSWORD;
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run([ 'psql', '-h', '127.0.0.1', '-p', $port, '-U', $opt{user} // 'authenticator',
		'-d', $opt{dbname} // 'postgres', '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1' ],
		'<', \$sql, '>', \$out, '2>', \$err);
	return ($ok, $out, $err);
}

1;
