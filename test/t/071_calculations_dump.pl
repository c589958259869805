# thermaliq.calculations and thermaliq.benchmarks are configuration tables:
# pg_dump carries the stored calculations (and the identity sequence, so new
# ids continue after a restore), edited benchmark rows and user rows, and a
# restore into a fresh database does not collide with the shipped seed.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('calc_dump');
$node->init;
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings');
	INSERT INTO thermaliq.facilities (facility_id, process_type) VALUES ('d-1', 'boiler');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('d-1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
		('d-1', 'heat', 'heat_output', 'rate', 'kW', NULL, NULL);
	INSERT INTO public.energy_readings
	SELECT 'd-1', m, '2026-01-01 00:00+00'::timestamptz + k * interval '5 minutes', v, 'kW', 0
	FROM generate_series(-1, 25) k, (VALUES ('gas', 1000.0), ('heat', 820.0)) s(m, v);
	SELECT thermaliq.calculate('d-1', '2026-01-01 00:00+00', '2026-01-01 02:00+00');
	SELECT thermaliq.calculate('nope', '2026-01-01 00:00+00', '2026-01-01 02:00+00');
	UPDATE thermaliq.benchmarks SET efficiency_pct = 81.5 WHERE process_type = 'boiler' AND percentile = 50
		AND fuel_class = 'any' AND NOT condensing;
	INSERT INTO thermaliq.benchmarks VALUES ('kiln', 50, 40, 'plant survey');
});
my $before = $node->safe_psql('src', q{
	SELECT string_agg(calculation_id || ':' || status || ':' || coalesce(provenance_hash, error), ',' ORDER BY 1)
	FROM thermaliq.calculations});

my $dump = $PostgreSQL::Test::Utils::tmp_check . '/calc.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ], 'pg_restore without conflicts');

is($node->safe_psql('dst', q{
	SELECT string_agg(calculation_id || ':' || status || ':' || coalesce(provenance_hash, error), ',' ORDER BY 1)
	FROM thermaliq.calculations}), $before, 'stored calculations survive dump and restore');
like($before, qr/^1:completed:[0-9a-f]{64},2:failed:22023: unknown facility "nope"$/, 'one completed, one failed');
is($node->safe_psql('dst', q{SELECT thermaliq.calculate('d-1', '2026-01-01 00:00+00', '2026-01-01 02:00+00')}),
	'3', 'new calculation ids continue after the restored ones');
my $hash_q = q{SELECT thermaliq.provenance_hash('d-1', '2026-01-01 00:00+00', '2026-01-01 02:00+00')};
is($node->safe_psql('dst', $hash_q), $node->safe_psql('src', $hash_q),
	'the restored database gives the same provenance hash as the source');
isnt($node->safe_psql('dst', q{SELECT provenance_hash FROM thermaliq.calculations WHERE calculation_id = 3}),
	$node->safe_psql('dst', q{SELECT provenance_hash FROM thermaliq.calculations WHERE calculation_id = 1}),
	'and not the one stored before the benchmark edit');
is($node->safe_psql('dst', q{SELECT count(*) FROM thermaliq.benchmarks}),
	$node->safe_psql('src', q{SELECT count(*) FROM thermaliq.benchmarks}), 'every benchmark row once after the restore');
# 1.1: the 'any' non-condensing group of boiler (74, 78, 81 -> 81.5, 83, 86)
is($node->safe_psql('dst', q{SELECT string_agg(process_type || ':' || percentile || ':' || efficiency_pct, ',' ORDER BY process_type, percentile)
	FROM thermaliq.benchmarks WHERE process_type IN ('boiler', 'kiln') AND fuel_class = 'any' AND NOT condensing}),
	'boiler:10:74,boiler:25:78,boiler:50:81.5,boiler:75:83,boiler:90:86,kiln:50:40',
	'edited and user benchmark rows survive, untouched seed rows once');

$node->stop;
done_testing();
