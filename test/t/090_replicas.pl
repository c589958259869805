# Hot standbys (API.md section 8): a primary, a standby streaming through a
# physical replication slot (the operations guide's cross-region recipe)
# and a second standby cascading from the first.
#  - replay is checked, not slept for: each standby's pg_last_wal_replay_lsn()
#    passes the primary's insert LSN (wait_for_catchup), the slot is active
#    and the cascade's walreceiver talks to the first standby;
#  - every read returns on both standbys exactly what it returns on the
#    primary: every STABLE/IMMUTABLE thermaliq function that takes
#    (p_facility, p_from, p_to, ..., p_readings) (found in pg_proc, so a new
#    one is covered without editing this file), the aggregates and their
#    accessors, rollup() over a materialized view of summaries, physics,
#    units and fuels;
#  - a rollup made by create_rollup (its security-barrier view: history
#    and the live tail, and days rolled up from it), the HTTP API's reads
#    (thermaliq_api) and the metrics' queue figures equal the primary's;
#  - calculate(), enqueue() and run_pending() on a standby fail with 25006
#    and a hint to call them on the primary; on the primary they work (the
#    primary's background worker runs the queue, the standbys' wait) and
#    the rows reach both standbys.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
# one queue worker: the standbys copy the setting, their worker waits
$primary->append_conf('postgresql.conf', qq{log_min_messages = warning
shared_preload_libraries = 'thermaliq'
thermaliq.workers = 1
thermaliq.worker_naptime = '100ms'
});
$primary->start;
$primary->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE EXTENSION thermaliq_demo;
	SELECT pg_create_physical_replication_slot('standby_1');
});
my $t0 = $primary->safe_psql('postgres',
	q{SELECT to_char(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '3 days', 'YYYY-MM-DD HH24:MI:SS') || '+00'});
$primary->safe_psql('postgres', qq{
	SET client_min_messages = warning;
	SELECT thermaliq.create_readings_table('public.energy_readings');
	SELECT thermaliq.generate_plant(3, '$t0', '$t0'::timestamptz + interval '2 days', 'public.energy_readings', '4 minutes');
	CREATE MATERIALIZED VIEW public.hourly AS
	SELECT facility_id, meter_id, thermaliq.time_bucket('1 hour', "timestamp") AS bucket_start,
		thermaliq.time_weight("timestamp", value) AS tw, thermaliq.meter_agg("timestamp", value) AS ms
	FROM public.energy_readings GROUP BY 1, 2, 3;
	CREATE UNIQUE INDEX ON public.hourly (facility_id, meter_id, bucket_start);
	-- a rollup as create_rollup makes it (no pg_cron here: no job)
	SELECT thermaliq.create_rollup('public.hourly_r');
	ANALYZE;
});

my $backup = 'b1';
$primary->backup($backup);
my $standby1 = PostgreSQL::Test::Cluster->new('standby_1');
$standby1->init_from_backup($primary, $backup, has_streaming => 1);
$standby1->append_conf('postgresql.conf', "primary_slot_name = 'standby_1'\n");
$standby1->start;
$standby1->backup('b2');
my $standby2 = PostgreSQL::Test::Cluster->new('standby_2');
$standby2->init_from_backup($standby1, 'b2', has_streaming => 1);
# the copied configuration names standby_1's slot on the primary; the
# cascade streams from standby_1 without one
$standby2->append_conf('postgresql.conf', "primary_slot_name = ''\n");
$standby2->start;

# New rows after the base backups: the standbys must replay them.
$primary->safe_psql('postgres', qq{
	SET client_min_messages = warning;
	INSERT INTO thermaliq.facilities (facility_id, name) VALUES ('late', 'Added after the backup');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, heating_value_basis) VALUES
		('late', 'fuel', 'fuel_input', 'rate', 'kW', 'hhv'), ('late', 'heat', 'heat_output', 'rate', 'kW', NULL);
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'late', m, '$t0'::timestamptz + g * interval '5 minutes', v, 'kW'
	FROM generate_series(0, 24) g, (VALUES ('fuel', 1000.0), ('heat', 880.0)) x(m, v);
	REFRESH MATERIALIZED VIEW CONCURRENTLY public.hourly;
	SELECT thermaliq.refresh_rollup('public.hourly_r', true);
});
my $lsn = $primary->lsn('insert');
$primary->wait_for_catchup($standby1, 'replay', $lsn);
$standby1->wait_for_catchup($standby2, 'replay', $lsn);
for my $s ($standby1, $standby2)
{
	is($s->safe_psql('postgres', qq{SELECT pg_is_in_recovery() AND pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn}),
		't', $s->name . ': in recovery and replayed past the primary\'s last write');
}
is($primary->safe_psql('postgres', q{SELECT active AND restart_lsn IS NOT NULL FROM pg_replication_slots WHERE slot_name = 'standby_1'}),
	't', 'standby_1 streams through its physical slot');
is($standby2->safe_psql('postgres', q{SELECT sender_port FROM pg_stat_wal_receiver}),
	$standby1->port, 'standby_2 cascades from standby_1');
is($standby1->safe_psql('postgres', q{SELECT application_name FROM pg_stat_replication}),
	'standby_2', 'standby_1 sends to standby_2');

# --- the reads
my $fac = 'plant-001';
my $from = $t0;
my $to = $primary->safe_psql('postgres', qq{SELECT '$t0'::timestamptz + interval '1 day'});
my %reads = (
	time_weight_accessors => q{SELECT facility_id, meter_id, thermaliq.integral(tw), thermaliq.average(tw), thermaliq.coverage(tw),
		thermaliq.gap_count(tw), thermaliq.sample_count(tw), thermaliq.first_time(tw), thermaliq.last_time(tw),
		thermaliq.first_val(tw), thermaliq.last_val(tw), tw::text
		FROM (SELECT facility_id, meter_id, thermaliq.time_weight("timestamp", value, 'linear', '15 minutes') tw
		FROM public.energy_readings GROUP BY 1, 2) s ORDER BY 1, 2},
	time_weight_locf => q{SELECT facility_id, thermaliq.integral(thermaliq.time_weight("timestamp", value, 'locf'))
		FROM public.energy_readings WHERE meter_id = 'gas_flow' GROUP BY 1 ORDER BY 1},
	meter_agg => q{SELECT facility_id, thermaliq.delta(m), thermaliq.reset_count(m), m::text
		FROM (SELECT facility_id, thermaliq.meter_agg("timestamp", value) m FROM public.energy_readings
		WHERE meter_id = 'elec_kwh' GROUP BY 1) s ORDER BY 1},
	rollup_view => q{SELECT facility_id, meter_id, thermaliq.integral(thermaliq.rollup(tw)), thermaliq.delta(thermaliq.rollup(ms)),
		count(*) FROM public.hourly GROUP BY 1, 2 ORDER BY 1, 2},
	hourly_buckets => q{SELECT facility_id, bucket_start, round(thermaliq.integral(tw)::numeric, 9) FROM public.hourly
		WHERE meter_id = 'heat_out' ORDER BY 1, 2},
	physics => q{SELECT thermaliq.if97_pt(1.0, 450.0)::text, thermaliq.if97_psat(373.15), thermaliq.if97_tsat(1.0),
		thermaliq.if97_px(1.0, 0.5)::text, thermaliq.convert(1, 'MMBtu', 'kWh')},
	registry => q{SELECT (SELECT string_agg(f::text, ',' ORDER BY fuel_id) FROM thermaliq.fuels f),
		(SELECT string_agg(b::text, ',' ORDER BY b::text) FROM thermaliq.benchmarks b),
		(SELECT string_agg(m::text, ',' ORDER BY facility_id, meter_id) FROM thermaliq.meters m)},
	latest => q{SELECT facility_id, meter_id, max("timestamp"), count(*) FROM public.energy_readings GROUP BY 1, 2 ORDER BY 1, 2},
	create_rollup_view => q{SELECT facility_id, meter_id, bucket_start, tw::text, ms::text, energy_kwh
		FROM public.hourly_r_v ORDER BY 1, 2, 3},
	create_rollup_days => q{SELECT facility_id, meter_id, date_trunc('day', bucket_start), thermaliq.integral(thermaliq.rollup(tw)),
		thermaliq.delta(thermaliq.rollup(ms)), round(sum(energy_kwh)::numeric, 9), count(*)
		FROM public.hourly_r_v GROUP BY 1, 2, 3 ORDER BY 1, 2, 3},
	api_reads => qq{SELECT md5(thermaliq_api.analyze('plant-002', '$t0', '$t0'::timestamptz + interval '6 hours')::text),
		(SELECT md5(string_agg(e::text, ',')) FROM thermaliq_api.efficiency_series('plant-002', '$t0', '$t0'::timestamptz + interval '6 hours') e),
		(SELECT md5(string_agg(h::text, ',')) FROM thermaliq_api.heat_balance('plant-002', '$t0', '$t0'::timestamptz + interval '6 hours') h),
		md5(thermaliq_api.facilities()::text), md5(thermaliq_api.fuels()::text)},
	late_facility => qq{SELECT round(sum(fuel_input_kwh)) || '|' || round(sum(useful_output_kwh))
		FROM thermaliq.efficiency_series('late', '$t0', '$t0'::timestamptz + interval '2 hours', '1 hour')},
);
# Every read function of the plant shape, called with its defaults.
my @plant = split /\n/, $primary->safe_psql('postgres', q{
	SELECT p.proname || '|' || p.proretset
	FROM pg_proc p
	WHERE p.pronamespace = 'thermaliq'::regnamespace AND p.provolatile IN ('s', 'i') AND p.prokind = 'f'
		AND p.proargnames[1:3] = ARRAY['p_facility', 'p_from', 'p_to']
		AND 'p_readings' = ANY (p.proargnames)
		-- every argument other than these has a default
		AND p.pronargs - p.pronargdefaults <= 3
	ORDER BY 1});
ok(scalar(grep { /^(efficiency_series|heat_balance|balance_closure|sankey|sankey_svg|analyze)\|/ } @plant) == 6,
	'the plant functions and analyze are among the ' . scalar(@plant) . ' read functions found');
for my $p (@plant)
{
	my ($name, $set) = split /\|/, $p;
	my $call = qq{thermaliq.$name(p_facility => '$fac', p_from => '$from', p_to => '$to', p_readings => 'public.energy_readings')};
	$reads{"fn_$name"} = $set eq 't' ? "SELECT * FROM $call" : "SELECT $call";
}
$reads{fn_sankey_svg} = qq{SELECT md5(thermaliq.sankey_svg('$fac', '$from', '$to'))};
# these must succeed; a read function added later may also answer with an error
my %core = map { ("fn_$_" => 1) } qw(efficiency_series heat_balance balance_closure sankey sankey_svg analyze provenance_hash);

# The result text, or the error a read raises (a function found in pg_proc
# may refuse these arguments: then the standbys must raise the same error).
sub result_of
{
	my ($node, $sql) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', "\\set VERBOSITY verbose\n$sql", on_error_stop => 1);
	return $ret == 0 ? $out : "ERROR $err";
}
for my $name (sort keys %reads)
{
	my $sql = "SET timezone = 'UTC'; $reads{$name}";
	my $want = result_of($primary, $sql);
	ok(length($want) > 0, "$name returns rows on the primary");
	unlike($want, qr/^ERROR/, "$name does not fail on the primary") unless $name =~ /^fn_/ && !exists $core{$name};
	for my $s ($standby1, $standby2)
	{
		is(result_of($s, $sql), $want, "$name on " . $s->name . ' equals the primary');
	}
}
is($standby2->safe_psql('postgres', $reads{late_facility}), '2000|1760',
	'the facility added after the backup: 1000 kW and 880 kW for 2 h on the cascade');

# --- writes fail on the standbys with a hint
for my $s ($standby1, $standby2)
{
	my ($ret, $out, $err) = $s->psql('postgres', qq{\\set VERBOSITY verbose
		SELECT thermaliq.calculate('$fac', '$from', '$to')});
	like($err, qr/ERROR:\s+25006: thermaliq\.calculate\(\) cannot run on a hot standby/, 'calculate on ' . $s->name . ': 25006');
	like($err, qr/HINT:\s+Call thermaliq\.calculate\(\) on the primary/, 'with a hint to call it on the primary');
}
for my $s ($standby1, $standby2)
{
	for my $w ([ 'enqueue', qq{SELECT thermaliq.enqueue('$fac', '$from', '$to')} ],
		[ 'run_pending', q{SELECT thermaliq.run_pending()} ])
	{
		my ($ret, $out, $err) = $s->psql('postgres', "\\set VERBOSITY verbose\n$w->[1]");
		like($err, qr/ERROR:\s+25006: thermaliq\.$w->[0]\(\) cannot run on a hot standby.*HINT:\s+Call thermaliq\.$w->[0]\(\) on the primary/s,
			"$w->[0] on " . $s->name . ': 25006 with a hint');
	}
	my ($ret, $out, $err) = $s->psql('postgres', q{SELECT thermaliq.refresh_rollup('public.hourly_r', true)});
	like($err, qr/cannot execute REFRESH MATERIALIZED VIEW during recovery|read-only transaction|hot standby/,
		'refresh_rollup on ' . $s->name . ' is refused (the primary refreshes, the standbys replay it)');
	is($s->safe_psql('postgres', q{SELECT value FROM thermaliq.metrics WHERE metric = 'workers'}), '1',
		$s->name . ': its copy of the worker runs (and waits: nothing can be written)');
}
is($primary->safe_psql('postgres', q{SELECT value FROM thermaliq.metrics WHERE metric = 'workers'}), '1',
	'the primary runs one queue worker');
my $qid = $primary->safe_psql('postgres', qq{SELECT thermaliq.enqueue('$fac', '$from', '$to'::timestamptz - interval '1 hour')});
my $done;
for (1 .. 600)
{
	$done = $primary->safe_psql('postgres', qq{SELECT status FROM thermaliq.calculations WHERE calculation_id = $qid});
	last if $done eq 'completed';
	select(undef, undef, undef, 0.1);
}
is($done, 'completed', 'a calculation enqueued on the primary is completed by its worker');
my $id = $primary->safe_psql('postgres', qq{SELECT thermaliq.calculate('$fac', '$from', '$to')});
like($id, qr/^\d+$/, 'calculate on the primary stores a calculation');
$lsn = $primary->lsn('insert');
$primary->wait_for_catchup($standby1, 'replay', $lsn);
$standby1->wait_for_catchup($standby2, 'replay', $lsn);
my $row = qq{SELECT status || ' ' || provenance_hash || ' ' || md5(result::text) FROM thermaliq.calculations WHERE calculation_id = $id};
my $want = $primary->safe_psql('postgres', $row);
like($want, qr/^completed [0-9a-f]{64} /, 'the calculation completed');
is($standby2->safe_psql('postgres', $row), $want, 'and reads the same on the cascade');
is($standby2->safe_psql('postgres', qq{SELECT (SELECT result FROM thermaliq.calculations WHERE calculation_id = $id)
	= thermaliq.analyze('$fac', '$from', '$to')}), 't', 'the stored result equals analyze() run on the standby');
my $queue_metrics = q{SELECT string_agg(metric || '=' || value, ',' ORDER BY metric) FROM thermaliq.metrics
	WHERE metric IN ('calculation_queue_depth', 'calculations_processing', 'calculations_completed_total', 'calculation_errors_total')};
is($primary->safe_psql('postgres', $queue_metrics),
	'calculation_errors_total=0,calculation_queue_depth=0,calculations_completed_total=2,calculations_processing=0',
	'the primary\'s queue metrics: 2 completed (queued and calculate())');
for my $s ($standby1, $standby2)
{
	is($s->safe_psql('postgres', $queue_metrics), $primary->safe_psql('postgres', $queue_metrics),
		$s->name . ' reports the same queue metrics (scrape the replicas, not the primary)');
	is($s->safe_psql('postgres', qq{SELECT status || ' ' || attempts FROM thermaliq.calculations WHERE calculation_id = $qid}),
		'completed 1', $s->name . ': the queued calculation replayed as completed');
}

$_->stop for ($standby2, $standby1, $primary);
done_testing();
