# create_readings_table names its table the way PostgreSQL truncates
# identifiers, and refuses names pg_partman 4.7 cannot maintain: on 1.0,
# create_readings_table('public."o''brien"') registered a table that made
# every later partman.run_maintenance_proc() fail (a syntax error inside
# partman.show_partitions), and a 70-byte name was registered untruncated.
# Every table that is accepted here must survive run_maintenance_proc().
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('names');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE SCHEMA "Plant Data";
});

# Runs a statement, returns (sqlstate or '', stdout).
sub try_sql
{
	my ($sql) = @_;
	my ($out, $err) = ('', '');
	$node->psql('postgres', "\\set VERBOSITY sqlstate\n$sql", stdout => \$out, stderr => \$err);
	my ($state) = $err =~ /ERROR:\s+([0-9A-Z]{5})/;
	return ($state // '', $out);
}

# Refused with 42602 before anything is created.
for my $bad (q{public."o'brien"}, q{"o'brien"}, q{public."a.b"}, q{"x'y"."t"}, q{a.b.c}, q{public.}, q{"unterminated})
{
	(my $lit = $bad) =~ s/'/''/g;
	my ($state) = try_sql("SELECT thermaliq.create_readings_table('$lit')");
	is($state, '42602', "create_readings_table('$bad') is refused with 42602");
}
is($node->safe_psql('postgres', 'SELECT count(*) FROM partman.part_config'), '0',
	'nothing was registered with pg_partman');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_class WHERE relname LIKE '%brien%'}), '0',
	'and no table was created');

# Accepted names, with the table PostgreSQL itself would name. A 70-byte
# ASCII name is cut to 63 bytes as CREATE TABLE would cut it.
my $x70 = 'r' x 70;
my $x63 = 'r' x 63;
my @good = (
	[q{public.energy_readings}, 'energy_readings', 'public.energy_readings'],
	[q{"Plant Data"."Boiler Readings"}, '"Plant Data"."Boiler Readings"', 'Plant Data.Boiler Readings'],
	[q{public."we""ird $x"}, '"we""ird $x"', 'public.we"ird $x'],
	[qq{public.$x70}, $x63, "public.$x63"],
	# 20 two-byte characters: 40 bytes leave pg_partman the room it needs
	[q{public."} . ('é' x 20) . q{"}, '"' . ('é' x 20) . '"', 'public.' . ('é' x 20)],
);
for my $g (@good)
{
	my ($arg, $regclass, $registered) = @$g;
	(my $lit = $arg) =~ s/'/''/g;
	is($node->safe_psql('postgres', "SET client_min_messages = warning; SELECT thermaliq.create_readings_table('$lit', '1 day', 2)"),
		$regclass, "create_readings_table('$arg') returns $regclass");
	(my $reg = $registered) =~ s/'/''/g;
	is($node->safe_psql('postgres', "SELECT count(*) FROM partman.part_config WHERE parent_table = '$reg'"),
		'1', "pg_partman knows it as $registered");
}
# The truncation is said, as the parser says it.
my ($out, $err) = ('', '');
$node->psql('postgres', qq{SELECT thermaliq.readings_table_name('public.${x70}')}, stdout => \$out, stderr => \$err);
is($out, "public.$x63", 'readings_table_name truncates to 63 bytes');
like($err, qr/NOTICE:  identifier "$x70" will be truncated to "$x63"/, 'with the parser\'s NOTICE');

# pg_partman counts characters where PostgreSQL counts bytes: a long
# multibyte name would give partitions with colliding names (on 1.0,
# create_parent failed half-way with 42P07 on the 25-character name).
for my $n (25, 40)
{
	my ($state) = try_sql(qq{SELECT thermaliq.create_readings_table('public."' || repeat('é', $n) || '"')});
	is($state, '42622', "a name of $n two-byte characters is refused (42622)");
}

# Maintenance of every accepted table works, globally and one by one.
my ($state) = try_sql('CALL partman.run_maintenance_proc()');
is($state, '', 'partman.run_maintenance_proc() runs over all of them');
for my $g (@good)
{
	(my $lit = $g->[1]) =~ s/'/''/g;
	is($node->safe_psql('postgres', "SELECT thermaliq.maintain_readings('$lit')"), '0',
		"maintain_readings('$g->[1]') runs (nothing in DEFAULT)");
}
($state) = try_sql(q{SELECT thermaliq.maintain_readings('thermaliq.meters')});
is($state, '42704', 'maintain_readings of a table pg_partman does not manage is 42704');
($state) = try_sql(q{SELECT thermaliq.maintain_readings('public.energy_readings', 0)});
is($state, '22023', 'p_batch_count 0 is 22023');

# More than 1000 partitions in one call is refused before anything is made
# (54000): from 1970 in days would be about 20,800 partitions.
is((try_sql(q{SELECT thermaliq.create_readings_table('public.big', '1 day', 4, p_start_partition := '1970-01-01')}))[0],
	'54000', 'create_readings_table from 1970 in daily partitions is refused (54000)');
is((try_sql(q{SELECT thermaliq.create_readings_table('public.big', '1 month', 1001)}))[0],
	'54000', 'p_premake 1001 is refused (54000)');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_class WHERE relname LIKE 'big%'}), '0',
	'and no table was created');

$node->stop;
done_testing();
