# Continuous ingest while pg_partman maintenance runs (README, "Continuous
# ingest"): two pgbench clients write 3,000 transactions of two rows each,
# one into the current day (a premade partition) and one 20-40 days back,
# where no partition exists yet (the DEFAULT partition), while this test
# runs thermaliq.maintain_readings() over and over. Every call must
# succeed, and at the end every row is there and DEFAULT is empty.
#
# For comparison the same load runs against pg_partman's own
# partition_data_time(): it deletes rows from DEFAULT, then creates their
# partition, and a row committed into DEFAULT in between fails the CREATE
# ("updated partition constraint for default partition would be violated").
# Its failures are reported (note), not asserted: they depend on timing.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('ingest');
$node->init;
$node->append_conf('postgresql.conf', "max_connections = 20\nfsync = off\n");
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
});

my $dir = PostgreSQL::Test::Utils::tempdir;
my $script = "$dir/ingest.sql";
open my $fh, '>', $script or die $!;
print $fh <<'SQL';
\set d random(20, 40)
\set s random(0, 86399)
INSERT INTO public.r VALUES
	('f1', 'm' || :client_id, now() - make_interval(days => :d, secs => :s), 1, 'kW', 0),
	('f1', 'm' || :client_id, now(), 2, 'kW', 0);
SQL
close $fh;

my ($clients, $per_client) = (2, 1500);
my $expected = $clients * $per_client * 2;

# Starts the ingest, calls $maintain until it ends; returns (calls,
# failures, first error, pgbench's exit status, pgbench's stderr).
sub ingest_while
{
	my ($maintain) = @_;
	$node->safe_psql('postgres', q{
		SET client_min_messages = warning;
		DROP TABLE IF EXISTS public.r, partman.template_public_r;
		DELETE FROM partman.part_config WHERE parent_table = 'public.r';
		-- daily partitions from two days ago to four days ahead
		SELECT thermaliq.create_readings_table('public.r', '1 day', 4,
			p_start_partition := now() - interval '2 days');
	});
	my ($out, $err) = ('', '');
	my $h = IPC::Run::start(
		[ 'pgbench', '-n', '-c', $clients, '-j', $clients, '-t', $per_client, '-f', $script,
		  '-h', $node->host, '-p', $node->port, 'postgres' ],
		'>', \$out, '2>', \$err);
	my ($calls, $failures, $first) = (0, 0, '');
	while ($h->pumpable)
	{
		my ($o, $e) = ('', '');
		$node->psql('postgres', "SET client_min_messages = warning; $maintain", stdout => \$o, stderr => \$e);
		$calls++;
		if ($e =~ /ERROR/)
		{
			$failures++;
			$first ||= $e;
		}
		$h->pump_nb;
	}
	$h->finish;
	return ($calls, $failures, $first, $h->result(0), $err);
}

# pg_partman alone
my ($calls, $failures, $first, $rc, $err) =
	ingest_while(q{SELECT partman.partition_data_time('public.r', p_batch_count := 100)});
note("partman.partition_data_time under ingest: $failures of $calls calls failed"
	. ($first ? ": " . (split /\n/, $first)[0] : ''));

# thermaliq.maintain_readings
($calls, $failures, $first, $rc, $err) =
	ingest_while(q{SELECT thermaliq.maintain_readings('public.r')});
is($rc, 0, "pgbench wrote all $clients x $per_client transactions") or diag($err);
cmp_ok($calls, '>=', 3, "maintain_readings ran during the ingest ($calls calls)");
is($failures, 0, 'no maintain_readings call failed under ingest') or diag($first);
my $moved = $node->safe_psql('postgres', q{SELECT thermaliq.maintain_readings('public.r')});
is($node->safe_psql('postgres', 'SELECT count(*) FROM public.r'), $expected,
	"every row is there: $expected");
is($node->safe_psql('postgres', 'SELECT count(*) FROM ONLY public.r_default'), '0',
	'DEFAULT is empty after the last maintenance');
# Every back-dated row lives in the day partition of its own timestamp.
is($node->safe_psql('postgres', q{
	SELECT count(*) FROM public.r
	WHERE tableoid::regclass::text <> 'r_p' || to_char("timestamp", 'YYYY_MM_DD')}), '0',
	'each row is in the partition of its day');
is($node->safe_psql('postgres', q{
	SELECT count(DISTINCT tableoid) >= 15 FROM public.r WHERE "timestamp" < now() - interval '19 days'}), 't',
	'the back-dated rows were spread over partitions made for them (20-40 days ago)');
# Premake: four days ahead of now exist after maintenance.
is($node->safe_psql('postgres', q{
	SELECT count(*) FROM partman.show_partitions('public.r') p
	WHERE p.partition_tablename > 'r_p' || to_char(now(), 'YYYY_MM_DD')}), '4',
	'four daily partitions are premade ahead of today');

$node->stop;
done_testing();
