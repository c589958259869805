# The release boundary of 1.1: the production extension holds no demo
# generator and requires nothing but PostgreSQL; the generator is the
# extension thermaliq_demo (demo/), which requires thermaliq; the 1.0--1.1
# update drops generate_plant from thermaliq; META.json says the same.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use JSON::PP;

my $node = PostgreSQL::Test::Cluster->new('boundary');
$node->init;
$node->start;

sub sqlstate
{
	my ($db, $sql) = @_;
	my ($out, $err) = ('', '');
	$node->psql($db, "\\set VERBOSITY sqlstate\n$sql", stdout => \$out, stderr => \$err);
	my ($state) = $err =~ /ERROR:\s+([0-9A-Z]{5})/;
	return $state // '';
}

# Members of an extension that are functions, by name.
my $members = q{
	SELECT coalesce(string_agg(p.proname, ',' ORDER BY p.proname), '')
	FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid
	WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
	  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = '%s')
	  AND p.proname %s};

$node->safe_psql('postgres', 'CREATE DATABASE plain');
is(sqlstate('plain', 'CREATE EXTENSION thermaliq_demo'), '42704',
	'thermaliq_demo without thermaliq: required extension "thermaliq" is not installed (42704)');
# thermaliq alone, without pg_partman: it installs, and only
# create_readings_table needs pg_partman.
is(sqlstate('plain', 'CREATE EXTENSION thermaliq'), '', 'thermaliq installs without pg_partman');
is(sqlstate('plain', q{SELECT thermaliq.create_readings_table('public.r')}), '42704',
	'create_readings_table without pg_partman is 42704');
is($node->safe_psql('plain', sprintf($members, 'thermaliq', q{LIKE 'generate%'})), '',
	'a fresh thermaliq has no generator function');
is($node->safe_psql('plain', q{SELECT count(*) FROM pg_proc WHERE proname = 'generate_plant'}), '0',
	'and generate_plant does not exist');
is(sqlstate('plain', 'CREATE EXTENSION thermaliq_demo'), '', 'thermaliq_demo installs next to it');
is($node->safe_psql('plain', sprintf($members, 'thermaliq_demo', q{IS NOT NULL})), 'generate_plant',
	'thermaliq_demo holds generate_plant');
is($node->safe_psql('plain', q{SELECT pronamespace::regnamespace FROM pg_proc WHERE proname = 'generate_plant'}),
	'thermaliq', 'in schema thermaliq, so callers keep thermaliq.generate_plant()');
is($node->safe_psql('plain', q{
	SELECT obj_description(p.oid, 'pg_proc') IS NOT NULL AND p.provolatile = 'v' AND p.proparallel = 'u'
	FROM pg_proc p WHERE proname = 'generate_plant'}), 't', 'it is commented, VOLATILE and PARALLEL UNSAFE');
is(sqlstate('plain', 'DROP EXTENSION thermaliq'), '2BP01', 'thermaliq cannot be dropped under thermaliq_demo (2BP01)');
# The generator works: two facilities, two hours.
$node->safe_psql('plain', q{
	CREATE TABLE public.r (facility_id text, meter_id text, "timestamp" timestamptz,
		value float8, unit text, quality smallint);
});
my $rows = $node->safe_psql('plain', q{
	SELECT thermaliq.generate_plant(2, '2026-11-01', '2026-11-01 02:00', 'public.r')});
is($node->safe_psql('plain', 'SELECT count(*) FROM public.r'), $rows, "generate_plant wrote the $rows rows it reports");
cmp_ok($rows, '>', 1000, 'a plant of 2 facilities x 2 hours is over 1,000 rows');
is($node->safe_psql('plain', q{SELECT string_agg(facility_id, ',' ORDER BY 1) FROM thermaliq.facilities}),
	'plant-001,plant-002', 'and registered its facilities');
is(sqlstate('plain', 'DROP EXTENSION thermaliq_demo'), '', 'thermaliq_demo drops on its own');
is(sqlstate('plain', 'SELECT thermaliq.generate_plant(1)'), '42883', 'and generate_plant is gone with it');

# 1.0 shipped the generator; the update to 1.1 removes it, after which
# thermaliq_demo installs.
$node->safe_psql('postgres', 'CREATE DATABASE old');
$node->safe_psql('old', q{CREATE EXTENSION thermaliq VERSION '1.0'});
is($node->safe_psql('old', sprintf($members, 'thermaliq', q{= 'generate_plant'})), 'generate_plant',
	'1.0 has generate_plant in thermaliq');
is(sqlstate('old', 'CREATE EXTENSION thermaliq_demo'), '42723',
	'thermaliq_demo cannot install over 1.0 (the function exists, 42723)');
$node->safe_psql('old', 'ALTER EXTENSION thermaliq UPDATE');
is($node->safe_psql('old', sprintf($members, 'thermaliq', q{= 'generate_plant'})), '',
	'after ALTER EXTENSION thermaliq UPDATE it is gone from thermaliq');
is(sqlstate('old', 'CREATE EXTENSION thermaliq_demo'), '', 'and thermaliq_demo installs');

# The control files and META.json agree.
# scripts/test.sh copies them next to test/ (THERMALIQ_SRC).
my $root = $ENV{THERMALIQ_SRC} // '.';
my $meta = decode_json(slurp_file("$root/META.json"));
my ($control) = slurp_file("$root/thermaliq.control") =~ /default_version\s*=\s*'([^']+)'/;
my ($demo) = slurp_file("$root/demo/thermaliq_demo.control") =~ /default_version\s*=\s*'([^']+)'/;
is($meta->{version}, "$control.0", "META.json version $meta->{version} is the control file's $control");
is(join(',', sort keys %{ $meta->{provides} }), 'thermaliq,thermaliq_demo', 'META.json provides thermaliq and thermaliq_demo');
is($meta->{provides}{thermaliq}{version}, "$control.0", 'thermaliq at that version');
is($meta->{provides}{thermaliq_demo}{version}, "$demo.0", "thermaliq_demo at its control file's $demo");
ok(!exists $meta->{prereqs}{runtime}{requires}{pg_partman}, 'pg_partman is not a runtime requirement');
ok(exists $meta->{prereqs}{runtime}{recommends}{pg_partman}, 'pg_partman is recommended');
unlike(slurp_file("$root/thermaliq.control"), qr/^\s*requires/m, 'thermaliq.control requires nothing');
like(slurp_file("$root/demo/thermaliq_demo.control"), qr/^requires = 'thermaliq'$/m, 'thermaliq_demo.control requires thermaliq');

$node->stop;
done_testing();
