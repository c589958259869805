# thermaliq.fuels is a configuration table dumped with ALL its rows: a
# restore must bring back user fuels and edited seed rows although CREATE
# EXTENSION has just inserted the seed rows again (trigger
# fuels_replace_seed, see sql/install/15_fuels.sql).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('fuels');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	UPDATE thermaliq.fuels SET name = 'our gas', hhv_mj_kg = 53.1, lhv_mj_kg = 47.9
		WHERE fuel_id = 'natural_gas';
	INSERT INTO thermaliq.fuels (fuel_id, name, hhv_mj_kg, lhv_mj_kg, carbon, hydrogen, exergy_factor_lhv)
		VALUES ('site_gas', 'site gas', 50, 45, 0.75, 0.25, 1.04);
	DELETE FROM thermaliq.fuels WHERE fuel_id = 'wood';
});

for my $format ('c', 'p')
{
	my $dump = $PostgreSQL::Test::Utils::tmp_check . "/fuels.$format";
	my $db = "dst_$format";
	$node->command_ok([ 'pg_dump', "-F$format", '-f', $dump, '-d', $node->connstr('src') ],
		"pg_dump -F$format");
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	if ($format eq 'c')
	{
		$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr($db), $dump ],
			'pg_restore of the custom-format dump');
	}
	else
	{
		$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($db), '-f', $dump ],
			'psql restore of the plain dump');
	}
	is($node->safe_psql($db, q{SELECT name || ' ' || hhv_mj_kg FROM thermaliq.fuels WHERE fuel_id = 'natural_gas'}),
		'our gas 53.1', "$format: an edited seed row keeps the edit");
	is($node->safe_psql($db, q{SELECT thermaliq.fuel_power_kw('site_gas', 36, 'lhv')}),
		'450', "$format: a user fuel is restored and usable");
	is($node->safe_psql($db, q{SELECT count(*) FROM thermaliq.fuels WHERE fuel_id = 'wood'}),
		'1', "$format: a deleted seed row comes back (documented)");
	is($node->safe_psql($db, q{SELECT count(*) FROM thermaliq.fuels}), '9', "$format: no duplicates");
}

$node->stop;
done_testing();
