# The pooled front (API.md section 8, the operations guide's PgBouncer):
# PgBouncer in transaction mode with SCRAM in front of the primary.
#  - the server takes only SCRAM over TCP; PgBouncer's auth file holds the
#    roles' verifiers from pg_authid (no clear-text password anywhere); a
#    wrong password is refused (28P01);
#  - pgbench runs analyze, efficiency_series, heat_balance, thermaliq_api
#    calls (SET LOCAL ROLE and claims per transaction, as PostgREST) and
#    enqueue() through the pooler, simple and extended protocol (not -M prepared, which PgBouncer
#    1.18 refuses in transaction mode), with zero failed transactions, and
#    the results through the pooler equal the direct ones;
#  - no thermaliq state survives from one pooled client to the next: with
#    the shipped settings (deploy/cloudnativepg and the README:
#    server_reset_query = DISCARD ALL, server_reset_query_always = 1) a
#    session SET of a thermaliq.* setting, a temp table and a prepared
#    statement of client A are gone for client B on the same server
#    connection; without them (PgBouncer's default in transaction mode) the
#    SET does leak, which is why the setting is shipped.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $bouncer = '/usr/sbin/pgbouncer';
plan skip_all => 'pgbouncer is not installed' unless -x $bouncer;

my $node = PostgreSQL::Test::Cluster->new('pooled');
$node->init;
$node->append_conf('postgresql.conf', qq{
listen_addresses = '127.0.0.1'
password_encryption = 'scram-sha-256'
log_min_messages = warning
});
# SCRAM for every TCP connection; the harness keeps its Unix socket
open my $hba, '>', $node->data_dir . '/pg_hba.conf' or die;
print $hba "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n";
close $hba;
$node->start;

my $t0 = $node->safe_psql('postgres',
	q{SELECT to_char(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '3 days', 'YYYY-MM-DD HH24:MI:SS') || '+00'});
$node->safe_psql('postgres', qq{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE EXTENSION thermaliq_demo;
	SELECT thermaliq.create_readings_table('public.energy_readings');
	SELECT thermaliq.generate_plant(3, '$t0', '$t0'::timestamptz + interval '1 day', 'public.energy_readings', '4 minutes');
	ANALYZE;
	CREATE ROLE app LOGIN PASSWORD 'app-secret';
	GRANT SELECT ON public.energy_readings, thermaliq.facilities, thermaliq.meters,
		thermaliq.facility_settings, thermaliq.meter_settings TO app;
	GRANT USAGE ON SCHEMA public TO app;
	-- 1.1 tenancy: the plant functions are the reader's, the facilities
	-- (no owner_role) visible to thermaliq_admin
	SELECT thermaliq.setup_roles();
	GRANT thermaliq_admin TO app;
});

my $dir = PostgreSQL::Test::Utils::tempdir;
my $pport = $node->port;
# The auth file: each role's SCRAM verifier, as pg_authid stores it
my $users = $node->safe_psql('postgres', q{
	SELECT string_agg(format('"%s" "%s"', rolname, rolpassword), E'\n' ORDER BY rolname)
	FROM pg_authid WHERE rolname = 'app'});
like($users, qr/^"app" "SCRAM-SHA-256\$4096:/, 'the auth file holds a SCRAM verifier, not a password');
open my $fh, '>', "$dir/users.txt" or die;
print $fh "$users\n";
close $fh;

my @bouncers;
END { for my $pidfile (@bouncers) { if (-f $pidfile) { chomp(my $pid = slurp_file($pidfile)); kill 'TERM', $pid; } } }

# Starts a PgBouncer in transaction mode with one server connection per
# pool (so that consecutive clients share it), returns its port.
sub start_bouncer
{
	my ($name, $extra) = @_;
	my $port = PostgreSQL::Test::Cluster::get_free_port();
	open my $ini, '>', "$dir/$name.ini" or die;
	print $ini <<"INI";
[databases]
postgres = host=127.0.0.1 port=$pport dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/users.txt
pool_mode = transaction
max_client_conn = 50
default_pool_size = $extra->{pool}
logfile = $dir/$name.log
pidfile = $dir/$name.pid
$extra->{conf}
INI
	close $ini;
	push @bouncers, "$dir/$name.pid";
	system($bouncer, '-d', "$dir/$name.ini") == 0 or die "pgbouncer $name did not start";
	# wait until it accepts connections (bounded by the harness timeout)
	my $tries = 0;
	until (run_psql($port, 'app-secret', 'SELECT 1') eq '1')
	{
		die "pgbouncer $name does not answer" if ++$tries > 10 * $PostgreSQL::Test::Utils::timeout_default;
		select(undef, undef, undef, 0.1);
	}
	return $port;
}

sub run_psql
{
	my ($port, $password, $sql) = @_;
	local $ENV{PGPASSWORD} = $password;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'psql', '-h', '127.0.0.1', '-p', $port, '-U', 'app', '-d', 'postgres',
		'-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-c', $sql ], '>', \$out, '2>', \$err);
	return $err ne '' && $out eq '' ? "ERR $err" : ($out =~ s/\s+$//r);
}

# --- the shipped settings: DISCARD ALL whenever a server connection is released
my $port = start_bouncer('front', { pool => 2,
	conf => "server_reset_query = DISCARD ALL\nserver_reset_query_always = 1" });

like(run_psql($port, 'wrong', 'SELECT 1'), qr/SASL authentication failed|password authentication failed/, 'a wrong password is refused');
is(run_psql($port, 'app-secret', 'SELECT current_user'), 'app', 'the right one passes SCRAM through PgBouncer');

my $from = $t0;
my $to = $node->safe_psql('postgres', qq{SELECT '$t0'::timestamptz + interval '12 hours'});
for my $q (
	qq{SELECT md5(string_agg(e::text, ',')) FROM thermaliq.efficiency_series('plant-002', '$from', '$to', '1 hour') e},
	qq{SELECT md5(thermaliq.analyze('plant-001', '$from', '$to')::text)})
{
	is(run_psql($port, 'app-secret', "SET timezone = 'UTC'; $q"),
		$node->safe_psql('postgres', "SET timezone = 'UTC'; $q"), 'through the pooler equals direct: ' . substr($q, 7, 40));
}

# pgbench scripts, one call each
my %scripts = (
	analyze => qq{\\set f random(1, 3)\nSELECT thermaliq.analyze('plant-00' || :f, '$from', '$to') ->> 'provenance_hash';\n},
	series => qq{\\set f random(1, 3)\nSELECT count(*) FROM thermaliq.efficiency_series('plant-00' || :f, '$from', '$to', '1 hour');\n},
	balance => qq{\\set f random(1, 3)\nSELECT sum(energy_kwh) FROM thermaliq.heat_balance('plant-00' || :f, '$from', '$to');\n},
	# the HTTP API's functions as PostgREST calls them: the role and the
	# claims set for the transaction only
	api => qq{\\set f random(1, 3)\nBEGIN;\nSET LOCAL ROLE thermaliq_admin;\nSELECT set_config('request.jwt.claims', '{"role": "thermaliq_admin"}', true);\n}
		. qq{SELECT thermaliq_api.analyze('plant-00' || :f, '$from', '$to') ->> 'provenance_hash';\n}
		. qq{SELECT count(*) FROM thermaliq_api.efficiency_series('plant-00' || :f, '$from', '$to', '1 hour');\nCOMMIT;\n},
	queue => qq{\\set f random(1, 3)\nSELECT thermaliq.enqueue('plant-00' || :f, '$from', '$to');\n},
);
for my $s (keys %scripts)
{
	open my $f, '>', "$dir/$s.sql" or die;
	print $f $scripts{$s};
	close $f;
}
for my $mode (qw(simple extended))
{
	local $ENV{PGPASSWORD} = 'app-secret';
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'pgbench', '-n', '-h', '127.0.0.1', '-p', $port, '-U', 'app', '-M', $mode,
		'-c', '4', '-j', '2', '-t', '15', map { ('-f', "$dir/$_.sql") } sort keys %scripts ], '>', \$out, '2>', \$err);
	like($out, qr/number of transactions actually processed: 60\/60/, "pgbench -M $mode: 60 of 60 transactions") or diag("$out\n$err");
	like($out, qr/number of failed transactions: 0 /, "pgbench -M $mode: zero failed") or diag("$out\n$err");
	unlike($err, qr/ERROR|FATAL/, "pgbench -M $mode: no error message");
}
# the queued requests (about a fifth of 120 transactions) run through the
# pooler too; 3 facilities x one period: all but 3 are answered from the cache
my $queued = $node->safe_psql('postgres', q{SELECT count(*) FROM thermaliq.calculations WHERE status = 'pending'});
ok($queued > 0, "pgbench queued $queued calculations through the pooler");
is(run_psql($port, 'app-secret', 'SELECT thermaliq.run_pending(1000)'), $queued, 'run_pending() through the pooler processes them all');
is($node->safe_psql('postgres', q{SELECT count(*) FILTER (WHERE status = 'completed') || ' ' || count(*) FILTER (WHERE reused_from IS NULL)
	FROM thermaliq.calculations}), "$queued 3", 'all completed; 3 computed (one per facility), the rest reused');

# --- state does not survive from one client to the next
sub leak_probe
{
	my ($p) = @_;
	# (a thermaliq call first loads the library that defines the setting)
	# (thermaliq.log_cache is superuser-only since 1.1: the session SET a
	# client leaves behind is work_mem)
	run_psql($p, 'app-secret', q{SELECT thermaliq.convert(1, 'kWh', 'kWh'); SET work_mem = '77kB'});
	run_psql($p, 'app-secret', q{CREATE TEMP TABLE leftover (i int)});
	run_psql($p, 'app-secret', q{PREPARE leftover_plan AS SELECT thermaliq.convert(1, 'MMBtu', 'kWh')});
	return run_psql($p, 'app-secret', q{SELECT thermaliq.convert(1, 'kWh', 'kWh') IS NULL; SELECT current_setting('work_mem') || '|'
		|| (to_regclass('pg_temp.leftover') IS NOT NULL) || '|' || (SELECT count(*) FROM pg_prepared_statements)});
}
my $default = $node->safe_psql('postgres', q{SELECT current_setting('work_mem')});
ok($default ne '' && $default ne '77kB', "work_mem has a default other than the probe's ($default)");
my $single = start_bouncer('single', { pool => 1,
	conf => "server_reset_query = DISCARD ALL\nserver_reset_query_always = 1" });
is(leak_probe($single), "f\n$default|false|0",
	'shipped settings: the next client sees the default thermaliq setting, no temp table, no prepared statement');
my $plain = start_bouncer('plain', { pool => 1, conf => '' });
like(leak_probe($plain), qr/^f\n77kB\|/,
	'PgBouncer\'s transaction-mode default would hand the next client a session SET (hence server_reset_query_always)');

$node->stop;
done_testing();
