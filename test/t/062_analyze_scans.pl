# One analyze() call reads the readings once: each partition of
# [p_from - max_gap, p_to + max_gap) is scanned at most twice and no other
# partition at all (1.0: one 6-hour analyze made 10 sequential and 147 index
# scans over all 15 partitions; 1.1 before the physics joined the read: 5
# scans of each edge partition). Counted with pg_stat_xact_user_tables in
# the same transaction as the call (the cumulative view is flushed only
# about a second after the backend goes idle).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('scans');
$node->init;
$node->start;

# daily partitions over 2026-03-01 .. 2026-03-15 (and the DEFAULT one), a
# facility with every meter role analyze reads, 5-minute samples
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 day', 2,
		p_start_partition := '2026-03-01');
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('s1'), ('s2');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('s1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
		('s1', 'heat', 'hot_water_output', 'rate', 'kW', NULL, NULL),
		('s1', 'elec', 'electric_input', 'counter', 'kWh', NULL, NULL),
		('s1', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
		('s1', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL),
		('s1', 'aux', 'ambient_temperature', 'rate', 'degC', NULL, NULL),
		('s2', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv');
	-- s3: every role, the physics path of 1.1 included: outputs metered as a
	-- mass flow (steam from feedwater, hot water supply/return), blowdown by
	-- mass flow at the drum pressure, humidity, the state meters
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('s3');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('s3', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
		('s3', 'elec', 'electric_input', 'counter', 'kWh', NULL, NULL),
		('s3', 'steam', 'steam_output', 'rate', 'kg/h', NULL, NULL),
		('s3', 'hw', 'hot_water_output', 'rate', 'kg/h', NULL, NULL),
		('s3', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL),
		('s3', 'air', 'combustion_air_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'co', 'flue_gas_co', 'rate', 'ppm', NULL, NULL),
		('s3', 'bd', 'blowdown_flow', 'rate', 'kg/h', NULL, NULL),
		('s3', 'amb', 'ambient_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'p', 'steam_pressure', 'rate', 'MPa', NULL, NULL),
		('s3', 'ts', 'steam_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'fw', 'feedwater_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'sup', 'supply_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'ret', 'return_temperature', 'rate', 'degC', NULL, NULL),
		('s3', 'rh', 'ambient_humidity', 'rate', '%', NULL, NULL);
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT f, m, t, v + CASE WHEN m = 'elec' THEN 20 * extract(epoch FROM t - '2026-03-01') / 3600 ELSE 0 END, u
	FROM generate_series('2026-03-01 00:00+00'::timestamptz, '2026-03-15 23:55+00', '5 minutes') t,
		(VALUES ('s1', 'gas', 1000.0, 'kW'), ('s1', 'heat', 900.0, 'kW'), ('s1', 'elec', 0.0, 'kWh'),
			('s1', 'fgt', 150.0, 'degC'), ('s1', 'o2', 3.0, '%'), ('s1', 'aux', 10.0, 'degC'),
			('s2', 'gas', 500.0, 'kW')) x(f, m, v, u);
	-- s3 every 5 minutes; drum pressure and humidity vary (sines of 1 h and
	-- 40 min), so their means depend on the time weighting
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 's3', m, t, v + CASE m WHEN 'elec' THEN 20 * extract(epoch FROM t - '2026-03-01') / 3600
			WHEN 'p' THEN 0.1 * sin(2 * pi() * extract(epoch FROM t) / 3600)
			WHEN 'rh' THEN 20 * sin(2 * pi() * extract(epoch FROM t) / 2400) ELSE 0 END, u
	FROM generate_series('2026-03-01 00:00+00'::timestamptz, '2026-03-15 23:55+00', '5 minutes') t,
		(VALUES ('gas', 1000.0, 'kW'), ('elec', 0.0, 'kWh'), ('steam', 1000.0, 'kg/h'), ('hw', 5000.0, 'kg/h'),
			('fgt', 150.0, 'degC'), ('o2', 3.0, '%'), ('air', 20.0, 'degC'), ('co', 10.0, 'ppm'),
			('bd', 20.0, 'kg/h'), ('amb', 10.0, 'degC'), ('p', 1.0, 'MPa'), ('ts', 200.0, 'degC'),
			('fw', 80.0, 'degC'), ('sup', 90.0, 'degC'), ('ret', 70.0, 'degC'), ('rh', 50.0, '%')) x(m, v, u);
	VACUUM ANALYZE public.energy_readings;
});

# Scans (sequential + index) per partition during one call, in one transaction
sub scans
{
	my ($call) = @_;
	my $out = $node->safe_psql('postgres', qq{
		SET timezone = 'UTC';
		BEGIN;
		CREATE TEMP TABLE before AS SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS n
			FROM pg_stat_xact_user_tables WHERE relname LIKE 'energy_readings%';
		SELECT count(*) FROM ($call) x(r) WHERE r IS NOT NULL;
		SELECT b.relname || ' ' || (coalesce(a.seq_scan, 0) + coalesce(a.idx_scan, 0) - b.n)
		FROM before b JOIN pg_stat_xact_user_tables a USING (relname)
		ORDER BY 1;
		COMMIT;
	});
	my %n;
	for my $line (split /\n/, $out)
	{
		$n{$1} = $2 if $line =~ /^(energy_readings\S*) (-?\d+)$/;
	}
	return \%n;
}

# Partitions that [lo, hi) overlaps (daily, named energy_readings_pYYYY_MM_DD)
sub in_window
{
	my ($part, $lo_day, $hi_day) = @_;
	return 0 unless $part =~ /_p(\d{4})_(\d{2})_(\d{2})$/;
	my $day = "$1$2$3";
	return $day ge $lo_day && $day le $hi_day;
}

my %cases = (
	# [03-05 06:00, 03-05 12:00), max_gap 15 min: only 03-05
	'6 hours' => ["SELECT thermaliq.analyze('s1', '2026-03-05 06:00+00', '2026-03-05 12:00+00')", '20260305', '20260305'],
	# [03-05 00:05, 03-07 23:55): the window starts 03-04 23:50 and ends 03-08 00:10
	'edges in neighbours' => ["SELECT thermaliq.analyze('s1', '2026-03-05 00:05+00', '2026-03-07 23:55+00')", '20260304', '20260308'],
	# calculate() is analyze() stored: the same reads
	'calculate' => ["SELECT thermaliq.calculate('s1', '2026-03-10 00:00+00', '2026-03-11 00:00+00')", '20260309', '20260311'],
	# s3 has every role: the physics (flow outputs, state meters, drum
	# pressure, humidity, uncertainty) reads nothing of its own
	'physics, 6 hours' => ["SELECT thermaliq.analyze('s3', '2026-03-05 06:00+00', '2026-03-05 12:00+00')", '20260305', '20260305'],
	'physics, edges in neighbours' => ["SELECT thermaliq.analyze('s3', '2026-03-05 00:05+00', '2026-03-07 23:55+00')", '20260304', '20260308'],
	'physics, calculate' => ["SELECT thermaliq.calculate('s3', '2026-03-10 00:00+00', '2026-03-11 00:00+00')", '20260309', '20260311'],
);
for my $name (sort keys %cases)
{
	my ($call, $lo, $hi) = @{ $cases{$name} };
	my $n = scans($call);
	my @parts = sort keys %$n;
	ok(scalar(grep { /_p2026_03_\d\d$/ } @parts) >= 15, "$name: the statistics list the partitions of March");
	my (@over, @outside, @touched);
	for my $p (@parts)
	{
		next if $p eq 'energy_readings';
		my $inside = in_window($p, $lo, $hi);
		push @touched, $p if $n->{$p} > 0 && $inside;
		push @over, "$p=$n->{$p}" if $inside && $n->{$p} > 2;
		push @outside, "$p=$n->{$p}" if !$inside && $n->{$p} != 0;
	}
	is(join(',', @over), '', "$name: no partition of the window is scanned more than twice");
	is(join(',', @outside), '', "$name: no partition outside [$lo, $hi] is scanned");
	ok(scalar(@touched) >= 1, "$name: the window's partitions are read (" . join(',', @touched) . ")");
	note("$name: " . join(', ', map { "$_=$n->{$_}" } grep { $n->{$_} } @parts));
}

# The analysis over that window is the hand value: 900 / (1000 + 20) kW
my $eta = $node->safe_psql('postgres', q{
	SELECT round((thermaliq.analyze('s1', '2026-03-05 00:05+00', '2026-03-07 23:55+00')
		#>> '{first_law,input_output_efficiency_pct}')::numeric, 9)});
is($eta, sprintf('%.9f', 100 * 900 / 1020), 'the efficiency read that way: 100 x 900 / 1020 %');

# The physics of s3 from that read is what the separate readers give: the
# flow outputs' exergy as output_streams(), the drum pressure and humidity
# as the time-weighted means of the period's samples (time_weight/average
# over [p_from, p_to), each row by its own unit: analyze_mean's rule).
my $check = $node->safe_psql('postgres', q{
	SET timezone = 'UTC';
	WITH a AS (SELECT thermaliq.analyze('s3', '2026-03-05 00:05+00', '2026-03-07 23:55+00') AS r),
	o AS (SELECT * FROM thermaliq.output_streams('s3', '2026-03-05 00:05+00', '2026-03-07 23:55+00')),
	tw AS (SELECT r.meter_id, thermaliq.average(thermaliq.time_weight(r."timestamp", r.value)) AS m
		FROM public.energy_readings r
		WHERE r.facility_id = 's3' AND r.meter_id IN ('p', 'rh')
		  AND r."timestamp" >= '2026-03-05 00:05+00' AND r."timestamp" < '2026-03-07 23:55+00'
		GROUP BY r.meter_id)
	SELECT (SELECT string_agg(s ->> 'meter_id' || '=' || (s ->> 'metered_as')
			|| CASE WHEN abs((s ->> 'exergy_kwh')::float8 - o.exergy_kwh) <= 1e-12 * o.exergy_kwh THEN ' same' ELSE ' differs' END,
			',' ORDER BY s ->> 'meter_id')
		FROM a, jsonb_array_elements(a.r #> '{second_law,streams}') s JOIN o ON o.meter_id = s ->> 'meter_id')
	|| ' ' || (SELECT abs((o ->> 'drum_pressure_mpa')::float8 - tw.m) <= 1e-12 * tw.m
			AND o ->> 'drum_pressure_from' = 'steam_pressure meter'
		FROM a, jsonb_array_elements(a.r -> 'opportunities') o, tw
		WHERE o ->> 'name' = 'blowdown_heat_recovery' AND tw.meter_id = 'p')
	|| ' ' || (SELECT abs((b ->> 'value')::float8 - tw.m) <= 1e-12 * tw.m
		FROM a, jsonb_array_elements(a.r #> '{uncertainty,first_law_heat_loss,budget,terms}') b, tw
		WHERE b ->> 'name' = 'air_humidity' AND tw.meter_id = 'rh')});
is($check, 'hw=mass_flow same,steam=mass_flow same true true',
	's3: flow outputs\' exergy as output_streams(), drum pressure and humidity as their time-weighted means');

$node->stop;
done_testing();
