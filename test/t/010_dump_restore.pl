# The registries are configuration tables of the extension: pg_dump must
# carry their rows, and a restore into a fresh database must bring them back
# next to a working extension.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('dump');
$node->init;
$node->start;

$node->safe_psql('postgres', q{
	CREATE DATABASE src;
});
$node->safe_psql('src', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	INSERT INTO thermaliq.facilities (facility_id, name, process_type)
		VALUES ('dump-1', 'Dumped boiler', 'steam_boiler');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit)
		VALUES ('dump-1', 'heat', 'steam_output', 'rate', 'kW'),
		       ('dump-1', 'elec', 'electric_input', 'counter', 'kWh');
	SELECT thermaliq.create_readings_table('public.energy_readings');
	INSERT INTO public.energy_readings VALUES ('dump-1', 'heat', now(), 1234.5, 'kW', 0);
});

my $dump = $PostgreSQL::Test::Utils::tmp_check . '/src.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ], 'pg_restore');

is($node->safe_psql('dst', q{SELECT string_agg(meter_id || ':' || role || ':' || kind, ',' ORDER BY meter_id) FROM thermaliq.meters}),
	'elec:electric_input:counter,heat:steam_output:rate', 'meter registry rows survive dump and restore');
is($node->safe_psql('dst', q{SELECT name || '/' || process_type FROM thermaliq.facilities}),
	'Dumped boiler/steam_boiler', 'facility registry rows survive dump and restore');
is($node->safe_psql('dst', q{SELECT value FROM public.energy_readings}), '1234.5', 'readings survive');
is($node->safe_psql('dst', q{SELECT thermaliq.convert(1, 'MWh', 'kWh')}), '1000', 'the restored extension works');

$node->stop;
done_testing();
