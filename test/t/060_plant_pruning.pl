# The plant functions read only the partitions of the requested range
# (widened by max_gap for the edge samples): auto_explain shows the plan of
# the query they run inside, and it must name no other partition.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('pruning');
$node->init;
$node->start;

$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2,
		p_start_partition := '2026-01-01');
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('p1');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, heating_value_basis) VALUES
		('p1', 'fuel', 'fuel_input', 'rate', 'kW', 'hhv'),
		('p1', 'heat', 'heat_output', 'rate', 'kW', NULL);
	-- four months of 10-minute samples
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'p1', m, t, v, 'kW'
	FROM generate_series('2026-01-01 00:00+00'::timestamptz, '2026-04-30 23:50+00', '10 minutes') t,
		(VALUES ('fuel', 1000.0), ('heat', 850.0)) x(m, v);
	ANALYZE public.energy_readings;
});

# The plans of the statements run inside a call, as NOTICEs
sub inner_plans
{
	my ($call) = @_;
	my ($out, $err) = ('', '');
	$node->psql('postgres', qq{
		LOAD 'auto_explain';
		SET auto_explain.log_min_duration = 0;
		SET auto_explain.log_nested_statements = on;
		SET auto_explain.log_level = notice;
		SET client_min_messages = notice;
		SET timezone = 'UTC';
		$call;
	}, stdout => \$out, stderr => \$err);
	return $err;
}

my %calls = (
	efficiency_series => q{SELECT count(*) FROM thermaliq.efficiency_series('p1', '2026-02-10', '2026-02-12', '1 hour')},
	heat_balance => q{SELECT count(*) FROM thermaliq.heat_balance('p1', '2026-02-10', '2026-02-12')},
	sankey_svg => q{SELECT length(thermaliq.sankey_svg('p1', '2026-02-10', '2026-02-12')) > 0},
);
for my $name (sort keys %calls)
{
	my $plans = inner_plans($calls{$name});
	like($plans, qr/energy_readings_p2026_02/, "$name reads the February partition");
	my @others = grep { $_ ne 'energy_readings_p2026_02' }
		($plans =~ /(energy_readings_(?:p\d{4}_\d{2}|default))/g);
	is(scalar(@others), 0, "$name reads no other partition")
		or diag(join(', ', @others));
}

# a range starting just after midnight of March 1: the 15-minute look-back
# reaches into February, nothing else
my $plans = inner_plans(q{SELECT count(*) FROM thermaliq.efficiency_series('p1', '2026-03-01 00:05', '2026-03-01 06:00', '1 hour')});
like($plans, qr/energy_readings_p2026_02/, 'look-back reaches the previous partition');
like($plans, qr/energy_readings_p2026_03/, 'and the range\'s own');
my @others = grep { !/p2026_0[23]$/ } ($plans =~ /(energy_readings_(?:p\d{4}_\d{2}|default))/g);
is(scalar(@others), 0, 'and no other partition') or diag(join(', ', @others));

# and the numbers are right while at it: 1000 kW and 850 kW for 48 h
is($node->safe_psql('postgres', q{SET timezone = 'UTC';
	SELECT round(sum(fuel_input_kwh)) || '/' || round(sum(useful_output_kwh))
	FROM thermaliq.efficiency_series('p1', '2026-02-10', '2026-02-12', '1 hour')}),
	'48000/40800', 'energies over the pruned read');

$node->stop;
done_testing();
