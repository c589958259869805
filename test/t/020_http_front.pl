# The HTTP front: PgBouncer in transaction mode in front of the server, and
# the calls PostgREST makes per request (SET LOCAL ROLE, request.jwt.claims
# as a transaction-local setting, then the function). Simple and extended
# protocol work through the pooler; protocol-level prepared statements do
# not in transaction mode (PgBouncer 1.18), which the README says.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $bouncer = '/usr/sbin/pgbouncer';
plan skip_all => 'pgbouncer is not installed' unless -x $bouncer;

my $node = PostgreSQL::Test::Cluster->new('front');
$node->init;
$node->append_conf('postgresql.conf', "listen_addresses = '127.0.0.1'");
$node->start;
$node->safe_psql('postgres', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE ROLE authenticator LOGIN NOINHERIT;
	CREATE ROLE web_anon NOLOGIN;
	CREATE ROLE analyst NOLOGIN;
	GRANT web_anon, analyst TO authenticator;
	GRANT SELECT ON thermaliq.facilities, thermaliq.meters TO analyst;
	INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('web-1', 'Web boiler');
});

my $dir = PostgreSQL::Test::Utils::tempdir;
my $bport = PostgreSQL::Test::Cluster::get_free_port();
my $pport = $node->port;
open my $fh, '>', "$dir/users.txt" or die;
print $fh qq{"authenticator" ""\n"postgres" ""\n};
close $fh;
open $fh, '>', "$dir/pgbouncer.ini" or die;
print $fh <<"INI";
[databases]
postgres = host=127.0.0.1 port=$pport dbname=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bport
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
max_client_conn = 50
default_pool_size = 2
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
close $fh;
system($bouncer, '-d', "$dir/pgbouncer.ini") == 0 or die "pgbouncer did not start";
my $stop = sub { if (-f "$dir/pgbouncer.pid") { chomp(my $pid = slurp_file("$dir/pgbouncer.pid")); kill 'TERM', $pid; } };
END { $stop->() if $stop; }
sleep 1;

my @via = ('-h', '127.0.0.1', '-p', $bport, '-d', 'postgres', '-X', '-A', '-t', '-q');
my ($out, $err);
my $ok = IPC::Run::run([ 'psql', @via, '-U', 'authenticator', '-c',
	q{SELECT thermaliq.convert(1, 'MMBtu', 'kWh')::numeric(12,6)} ], '>', \$out, '2>', \$err);
ok($ok, 'a thermaliq call through PgBouncer (simple protocol)');
is($out =~ s/\s+$//r, '293.071070', 'with the right answer');

# One PostgREST request: role and claims live only inside the transaction.
$ok = IPC::Run::run([ 'psql', @via, '-U', 'authenticator', '-v', 'ON_ERROR_STOP=1' ], '<', \<<'SQL', '>', \$out, '2>', \$err);
BEGIN;
SET LOCAL ROLE analyst;
SELECT set_config('request.jwt.claims', '{"role":"analyst","facility":"web-1"}', true) IS NOT NULL;
SELECT current_user || '|' || (SELECT name FROM thermaliq.facilities WHERE facility_id = current_setting('request.jwt.claims', true)::jsonb->>'facility');
COMMIT;
SELECT current_user || '|' || coalesce(nullif(current_setting('request.jwt.claims', true), ''), 'no claims');
SQL
ok($ok, 'a PostgREST-style request through PgBouncer') or diag($err);
my @lines = grep { length } split /\n/, $out;
is($lines[1], 'analyst|Web boiler', 'the request runs as the JWT role and sees its facility');
is($lines[2], 'authenticator|no claims', 'role and claims do not leak into the next transaction');

# web_anon has no grant on the registry: a clear permission error, not a crash.
$ok = IPC::Run::run([ 'psql', @via, '-U', 'authenticator', '-v', 'ON_ERROR_STOP=1', '-c',
	q{BEGIN; SET LOCAL ROLE web_anon; SELECT count(*) FROM thermaliq.facilities; COMMIT;} ], '>', \$out, '2>', \$err);
ok(!$ok && $err =~ /permission denied for table facilities/, 'web_anon is refused the registry');

# Extended protocol through the pooler (pgbench -M extended).
open $fh, '>', "$dir/call.sql" or die;
print $fh "SELECT thermaliq.convert(:client_id, 'MWh', 'kWh');\n";
close $fh;
$ok = IPC::Run::run([ 'pgbench', '-n', '-h', '127.0.0.1', '-p', $bport, '-U', 'authenticator',
	'-M', 'extended', '-c', '4', '-t', '50', '-f', "$dir/call.sql", 'postgres' ], '>', \$out, '2>', \$err);
ok($ok && $out =~ /number of failed transactions: 0/, 'pgbench -M extended through PgBouncer: no failures') or diag("$out\n$err");

$stop->();
$stop = undef;
$node->stop;
done_testing();
