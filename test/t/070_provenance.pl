# The provenance hash of analyze(): the same inputs give the same hash on
# two independent clusters, whatever their settings (TimeZone, DateStyle,
# extra_float_digits, lc_collate), the physical order of the rows or the
# name of the readings table; one reading changed gives another hash, and
# so does a registry edit or another option. Rows the analysis does not
# read (another facility, samples beyond the nearest edge sample) leave the
# hash alone.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $period = q{'prov-1', '2026-02-10 00:00+00', '2026-02-10 06:00+00'};

# Builds the plant; $order decides the physical insert order of the rows.
sub setup
{
	my ($node, $db, $table, $order) = @_;
	$node->safe_psql($db, qq{
		SET client_min_messages = warning;
		CREATE SCHEMA partman;
		CREATE EXTENSION pg_partman SCHEMA partman;
		CREATE EXTENSION thermaliq;
		SELECT thermaliq.create_readings_table('$table');
		INSERT INTO thermaliq.facilities (facility_id, name, process_type, ambient_temperature_c)
			VALUES ('prov-1', 'Provenance boiler', 'steam_boiler', 18.5),
			       ('prov-2', 'Neighbour', 'hot_water_boiler', 10);
		INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
			('prov-1', 'gas', 'fuel_input', 'rate', 'kg/h', 'natural_gas', 'lhv'),
			('prov-1', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL),
			('prov-1', 'elec', 'electric_input', 'counter', 'kWh', NULL, NULL),
			('prov-1', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
			('prov-1', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL),
			('prov-2', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv');
		INSERT INTO thermaliq.facility_settings (facility_id, max_gap) VALUES ('prov-1', '30 minutes');
		-- 5-minute samples from 2 h before to 2 h after the period, values
		-- with full float8 precision (thirds, sines), some bad and stale.
		INSERT INTO $table (facility_id, meter_id, "timestamp", value, unit, quality)
		SELECT f, m, '2026-02-10 00:00+00'::timestamptz + k * interval '5 minutes', v, u,
			CASE WHEN k % 37 = 5 THEN 2 WHEN k % 41 = 7 THEN 3 ELSE 0 END
		FROM generate_series(-24, 96) k,
			LATERAL (VALUES
				('prov-1', 'gas', 300 + 40 * sin(k / 7.0) + 1.0 / 3, 'kg/h'),
				('prov-1', 'steam', 3000 + 500 * sin(k / 7.0) + 2.0 / 3, 'kW'),
				('prov-1', 'elec', 1e6 + 4.25 * (k + 24) + 1.0 / 7, 'kWh'),
				('prov-1', 'fgt', 180 + sin(k / 3.0), 'degC'),
				('prov-1', 'o2', 3.5 + cos(k / 5.0) / 3, '%'),
				('prov-2', 'gas', 1000 + k, 'kW')) AS s(f, m, v, u)
		ORDER BY $order;
		-- an exact duplicate row counts
		INSERT INTO $table VALUES ('prov-1', 'steam', '2026-02-10 01:00+00', 3000, 'kW', 0);
	});
}

sub hash_of
{
	my ($node, $db, $table, $options) = @_;
	$options //= '{}';
	return $node->safe_psql($db,
		"SELECT thermaliq.provenance_hash($period, '$options', '$table')");
}

my $n1 = PostgreSQL::Test::Cluster->new('prov_a');
$n1->init;
$n1->start;
my $n2 = PostgreSQL::Test::Cluster->new('prov_b');
$n2->init;
# The second server runs with other output settings.
$n2->append_conf('postgresql.conf', qq{
timezone = 'Pacific/Chatham'
datestyle = 'SQL, DMY'
intervalstyle = 'sql_standard'
extra_float_digits = 0
lc_numeric = 'C'
});
$n2->start;
$n1->safe_psql('postgres', "CREATE DATABASE a TEMPLATE template0 LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8'");
$n2->safe_psql('postgres', "CREATE DATABASE b TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");

setup($n1, 'a', 'public.energy_readings', 'k, m, f');
setup($n2, 'b', 'public.other_readings', 'k DESC, m DESC, f DESC');

my $h1 = hash_of($n1, 'a', 'public.energy_readings');
my $h2 = hash_of($n2, 'b', 'public.other_readings');
like($h1, qr/^[0-9a-f]{64}$/, 'the hash is 64 hex digits (SHA-256)');
is($h2, $h1, 'same inputs, same hash on two clusters with different settings, row order and table name');

# Session settings do not matter either.
is($n1->safe_psql('a', qq{
	SET TimeZone = 'America/St_Johns'; SET DateStyle = 'German'; SET extra_float_digits = -15;
	SELECT thermaliq.provenance_hash($period, '{}', 'public.energy_readings')}),
	$h1, 'session TimeZone, DateStyle and extra_float_digits do not change it');

# analyze() and calculate() carry the same hash.
is($n1->safe_psql('a', "SELECT thermaliq.analyze($period, '{}', 'public.energy_readings') ->> 'provenance_hash'"),
	$h1, 'analyze() reports the same hash');
is($n2->safe_psql('b', qq{
	CREATE TEMP TABLE calc AS SELECT thermaliq.calculate($period, '{}', 'public.other_readings') AS id;
	SELECT c.status || ' ' || c.provenance_hash FROM thermaliq.calculations c
	WHERE c.calculation_id = (SELECT id FROM calc)}),
	"completed $h1", 'calculate() stores it with a completed result');
# The defaults written out are the defaults.
is(hash_of($n1, 'a', 'public.energy_readings', '{"energy_price_per_kwh": 0.04, "hot_water_supply_c": 80}'),
	$h1, 'options equal to the defaults give the same hash');

# Rows the analysis does not read leave it alone.
$n2->safe_psql('b', q{
	INSERT INTO public.other_readings VALUES
		('prov-2', 'gas', '2026-02-10 03:00+00', 99999, 'kW', 0),
		('prov-1', 'gas', '2026-02-09 12:00+00', 1, 'kg/h', 0),
		('prov-1', 'unregistered', '2026-02-10 03:00+00', 1, 'kW', 0)});
is(hash_of($n2, 'b', 'public.other_readings'), $h1,
	'another facility, an unregistered meter and a sample before the edge sample do not change it');

# One reading changed: another hash.
$n2->safe_psql('b', q{UPDATE public.other_readings SET value = value + 1e-9
	WHERE facility_id = 'prov-1' AND meter_id = 'steam' AND "timestamp" = '2026-02-10 03:05+00'});
my $h3 = hash_of($n2, 'b', 'public.other_readings');
isnt($h3, $h1, 'one reading changed by 1e-9 kW: a different hash');
$n1->safe_psql('a', q{UPDATE public.energy_readings SET value = value + 1e-9
	WHERE facility_id = 'prov-1' AND meter_id = 'steam' AND "timestamp" = '2026-02-10 03:05+00'});
is(hash_of($n1, 'a', 'public.energy_readings'), $h3, 'the same change on the other cluster: the same new hash');

# Each other kind of input moves it too.
my %changed = (
	'a quality flag' => q{UPDATE public.other_readings SET quality = 1
		WHERE facility_id = 'prov-1' AND meter_id = 'fgt' AND "timestamp" = '2026-02-10 02:00+00'},
	'the edge sample before the period' => q{UPDATE public.other_readings SET value = value * 1.01
		WHERE facility_id = 'prov-1' AND meter_id = 'gas' AND "timestamp" = '2026-02-09 23:55+00'},
	'a row at the end of the period' => q{DELETE FROM public.other_readings
		WHERE facility_id = 'prov-1' AND meter_id = 'o2' AND "timestamp" = '2026-02-10 06:00+00'},
	'the meter registry' => q{UPDATE thermaliq.meters SET heating_value_basis = 'hhv'
		WHERE facility_id = 'prov-1' AND meter_id = 'gas'},
	'the facility' => q{UPDATE thermaliq.facilities SET ambient_temperature_c = 18.6 WHERE facility_id = 'prov-1'},
	'the fuel' => q{UPDATE thermaliq.fuels SET lhv_mj_kg = lhv_mj_kg * 1.0001 WHERE fuel_id = 'natural_gas'},
	'the benchmarks' => q{UPDATE thermaliq.benchmarks SET efficiency_pct = 80.5
		WHERE process_type = 'steam_boiler' AND percentile = 50},
	'the plant settings' => q{UPDATE thermaliq.facility_settings SET max_gap = '20 minutes' WHERE facility_id = 'prov-1'});
for my $what (sort keys %changed)
{
	my $h = $n2->safe_psql('b', "BEGIN; $changed{$what}; SELECT thermaliq.provenance_hash($period, '{}', 'public.other_readings'); ROLLBACK;");
	isnt($h, $h3, "$what changed: a different hash");
}
isnt(hash_of($n2, 'b', 'public.other_readings', '{"target_o2_pct": 2.5}'), $h3, 'another option: a different hash');
isnt($n2->safe_psql('b', "SELECT thermaliq.provenance_hash('prov-1', '2026-02-10 00:00+00', '2026-02-10 06:00:00.000001+00', '{}', 'public.other_readings')"),
	$h3, 'a period one microsecond longer: a different hash');
is(hash_of($n2, 'b', 'public.other_readings'), $h3, 'and rolled back, the hash is back');

$n1->stop;
$n2->stop;
done_testing();
