# The calculation queue under real workers (API.md section 7; issue #12):
# two background workers of thermaliq (thermaliq.workers = 2) and two
# client sessions calling run_pending() at once process 500 pending
# calculations plus one slow one. A worker's backend is terminated while it
# computes the slow one; its claim is given back and completed by another.
# Each calculation is stored completed exactly once: a trigger of this test
# logs every transition to completed with the backend that made it.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use Time::HiRes qw(usleep);

my $node = PostgreSQL::Test::Cluster->new('queue');
$node->init;
$node->append_conf('postgresql.conf', q{
shared_preload_libraries = 'thermaliq'
thermaliq.workers = 2
thermaliq.worker_database = 'postgres'
thermaliq.worker_naptime = '100ms'
max_worker_processes = 16
fsync = off
});
$node->start;

# Polls $sql until it returns $want (a deadline, no blind sleep).
sub poll_until
{
	my ($sql, $want, $what) = @_;
	my $got;
	for (1 .. 1800)
	{
		$got = $node->safe_psql('postgres', $sql);
		return 1 if $got eq $want;
		usleep(100_000);
	}
	diag("$what: last $got, want $want");
	return 0;
}

# One facility, 100 kW of gas and 90 kW of hot water every 5 minutes for
# two days: every period's efficiency is 90 %.
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 day', 2,
		p_start_partition := date_trunc('day', now()) - interval '3 days');
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('q1');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('q1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
		('q1', 'heat', 'hot_water_output', 'rate', 'kW', NULL, NULL);
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'q1', m, t, v, 'kW'
	FROM generate_series(date_trunc('day', now()) - interval '2 days', date_trunc('day', now()), '5 minutes') t,
		(VALUES ('gas', 100.0), ('heat', 90.0)) x(m, v);
	-- the same rows, read 2 s late at each scan: a calculation that is still running
	-- when the test terminates its worker
	CREATE FUNCTION public.nap() RETURNS boolean LANGUAGE sql VOLATILE AS $$ SELECT true FROM pg_sleep(2) $$;
	CREATE VIEW public.slow_readings AS SELECT * FROM public.energy_readings WHERE (SELECT public.nap());
	-- the log of every transition to completed
	CREATE TABLE public.completions (calculation_id bigint, pid int, backend_type text);
	CREATE FUNCTION public.log_completion() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		INSERT INTO public.completions SELECT NEW.calculation_id, pg_backend_pid(),
			(SELECT backend_type FROM pg_stat_activity WHERE pid = pg_backend_pid());
		RETURN NEW;
	END $$;
	CREATE TRIGGER log_completion AFTER UPDATE OF status ON thermaliq.calculations
		FOR EACH ROW WHEN (NEW.status = 'completed' AND OLD.status <> 'completed')
		EXECUTE FUNCTION public.log_completion();
});

ok(poll_until(q{SELECT value FROM thermaliq.metrics WHERE metric = 'workers'}, '2', 'workers'),
	'two background workers run (thermaliq.metrics workers = 2)');
is($node->safe_psql('postgres', q{SELECT string_agg(application_name, ',' ORDER BY application_name)
	FROM pg_stat_activity WHERE backend_type = 'thermaliq worker'}),
	'thermaliq worker 1,thermaliq worker 2', 'named thermaliq worker 1 and 2');

# The slow calculation: a worker claims it (committed: processing shows)
my $slow = $node->safe_psql('postgres', q{
	SELECT thermaliq.enqueue('q1', date_trunc('day', now()) - interval '2 days',
		date_trunc('day', now()) - interval '1 day', '{}', 'public.slow_readings')});
ok(poll_until(qq{SELECT status FROM thermaliq.calculations WHERE calculation_id = $slow}, 'processing', 'slow claimed'),
	'a worker claims the slow calculation: processing is visible to other sessions');
my $victim = $node->safe_psql('postgres', qq{SELECT worker_pid FROM thermaliq.calculations WHERE calculation_id = $slow});
is($node->safe_psql('postgres', qq{SELECT backend_type FROM pg_stat_activity WHERE pid = $victim}), 'thermaliq worker',
	'claimed by a background worker');
is($node->safe_psql('postgres', q{SELECT value FROM thermaliq.metrics WHERE metric = 'calculations_processing'}), '1',
	'calculations_processing = 1');

# 500 more, each its own period (start every 5 minutes, 6 hours long), so
# none is answered from another; then terminate the worker mid-calculation
$node->safe_psql('postgres', q{
	SELECT thermaliq.enqueue('q1', date_trunc('day', now()) - interval '2 days' + k * interval '5 minutes',
		date_trunc('day', now()) - interval '2 days' + k * interval '5 minutes' + interval '6 hours')
	FROM generate_series(0, 499) k});
is($node->safe_psql('postgres', qq{SELECT pg_terminate_backend($victim)}), 't', 'the worker computing it is terminated');

# two client sessions run the queue too, ten at a time, each call its own
# transaction
my $loop = q{DO $$ BEGIN LOOP EXIT WHEN thermaliq.run_pending(10) = 0; COMMIT; END LOOP; END $$};
my @clients;
for my $i (1 .. 2)
{
	my ($out, $err) = ('', '');
	push @clients, [ IPC::Run::start([ 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr('postgres'), '-c', $loop ],
		'>', \$out, '2>', \$err), \$err ];
}
for my $c (@clients)
{
	$c->[0]->finish;
	is($c->[0]->result(0), 0, 'a client session ran run_pending() in a loop without error') or diag(${ $c->[1] });
}
ok(poll_until(q{SELECT count(*) FROM thermaliq.calculations WHERE status IN ('pending', 'processing')}, '0', 'drain'),
	'the queue drains');

is($node->safe_psql('postgres', q{SELECT status || ' ' || count(*) FROM thermaliq.calculations GROUP BY status}),
	'completed 501', 'all 501 calculations completed, none failed, none lost');
is($node->safe_psql('postgres', q{SELECT count(*) || ' ' || count(DISTINCT calculation_id) FROM public.completions}),
	'501 501', 'each was stored completed exactly once');
is($node->safe_psql('postgres', q{SELECT count(*) FROM thermaliq.calculations
	WHERE (result -> 'first_law' ->> 'input_output_efficiency_pct')::numeric <> 90}), '0',
	"every result is the plant's 90 %");
is($node->safe_psql('postgres', qq{SELECT attempts || ' ' || (result -> 'energy' ->> 'fuel_input_kwh')
	FROM thermaliq.calculations WHERE calculation_id = $slow}), '2 2400',
	'the terminated calculation completed on its second attempt: 24 h of 100 kW = 2400 kWh');
my $split = $node->safe_psql('postgres', q{
	SELECT count(*) FILTER (WHERE backend_type = 'thermaliq worker') > 0
		AND count(*) FILTER (WHERE backend_type = 'client backend') > 0
	FROM public.completions});
is($split, 't', 'both the background workers and the client sessions processed calculations')
	or diag($node->safe_psql('postgres', q{SELECT backend_type, count(*) FROM public.completions GROUP BY 1}));
is($node->safe_psql('postgres', q{SELECT string_agg(metric || '=' || value, ',' ORDER BY metric) FROM thermaliq.metrics
	WHERE metric IN ('calculation_queue_depth', 'calculations_completed_total', 'calculations_reclaimed_total',
		'calculation_errors_total')}),
	'calculation_errors_total=0,calculation_queue_depth=0,calculations_completed_total=501,calculations_reclaimed_total=1',
	'metrics: 501 completed, 1 reclaimed, no errors, queue empty');

# The result cache: the first fast period again is answered from it
my $first = $node->safe_psql('postgres', q{SELECT min(calculation_id) FROM thermaliq.calculations WHERE readings = 'public.energy_readings'});
my $again = $node->safe_psql('postgres', q{
	SELECT thermaliq.enqueue('q1', date_trunc('day', now()) - interval '2 days',
		date_trunc('day', now()) - interval '2 days' + interval '6 hours')});
ok(poll_until(qq{SELECT status || ' ' || coalesce(reused_from::text, '-') FROM thermaliq.calculations WHERE calculation_id = $again},
	"completed $first", 'reuse'), 'a worker answers a repeated request from the stored result (reused_from)');

# the terminated worker is restarted by the postmaster (bgw_restart_time 10 s)
ok(poll_until(q{SELECT value FROM thermaliq.metrics WHERE metric = 'workers'}, '2', 'restart'),
	'the terminated worker is back: workers = 2');

$node->stop;
done_testing();
