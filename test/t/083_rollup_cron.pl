# Scheduled rollups with a real pg_cron (API.md section 7, issue 12): a
# server with shared_preload_libraries = pg_cron and cron.database_name,
# where create_rollup schedules its job, the job runs on its own and
# refreshes, and drop_rollup unschedules it. Also: the refresh of a month of
# hourly buckets of 3 facilities at the default work_mem (4MB) writes no
# temporary file (log_temp_files = 0 logs every one); and a rollup survives
# pg_dump and pg_restore (its registry is a configuration table).
#
# pg_cron 1.4 has no seconds syntax: the scheduled case uses one-minute
# buckets, history_step 1 minute and the schedule '* * * * *', and polls the
# materialized view with a deadline of 150 s (a run starts within 60 s).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);

my $node = PostgreSQL::Test::Cluster->new('rollup_cron');
$node->init;
$node->append_conf('postgresql.conf', <<'CONF');
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
max_worker_processes = 16
log_temp_files = 0
fsync = off
CONF
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE EXTENSION pg_cron;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2,
		p_start_partition => date_trunc('month', now()) - interval '2 months');
	INSERT INTO thermaliq.facilities (facility_id) SELECT 'f' || i FROM generate_series(1, 3) i;
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis)
	SELECT 'f' || i, m, r, k, u, CASE WHEN r = 'fuel_input' THEN 'natural_gas' END, CASE WHEN r = 'fuel_input' THEN 'lhv' END
	FROM generate_series(1, 3) i, (VALUES ('gas', 'fuel_input', 'rate', 'kW'), ('steam', 'heat_output', 'rate', 'kW'),
		('el', 'electric_input', 'counter', 'kWh')) v(m, r, k, u);
	-- a month of 1-minute samples of 3 meters of 3 facilities, ending 2 days ago
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT f, m, t, CASE m WHEN 'gas' THEN 100 + 10 * sin(extract(epoch FROM t) / 3600)
		WHEN 'steam' THEN 80 + 5 * cos(extract(epoch FROM t) / 5400)
		ELSE extract(epoch FROM t - (thermaliq.time_bucket('1 day', now()) - interval '32 days')) / 60 END,
		CASE m WHEN 'el' THEN 'kWh' ELSE 'kW' END
	FROM unnest(ARRAY['f1', 'f2', 'f3']) f, unnest(ARRAY['gas', 'steam', 'el']) m,
		generate_series(thermaliq.time_bucket('1 day', now()) - interval '32 days',
			thermaliq.time_bucket('1 day', now()) - interval '2 days 1 minute', '1 minute') t;
	VACUUM ANALYZE public.energy_readings;
});

# ------------------------------------------------ the job of a rollup
$node->safe_psql('postgres', q{SELECT thermaliq.create_rollup('public.month_h')});
is($node->safe_psql('postgres', q{SELECT jobname || '|' || schedule || '|' || command || '|' || active
	FROM cron.job WHERE jobname LIKE 'thermaliq-rollup-%'}),
	q{thermaliq-rollup-public.month_h|*/15 * * * *|SELECT thermaliq.refresh_rollup('public.month_h')|true},
	'create_rollup schedules thermaliq-rollup-<name> every 15 minutes, running refresh_rollup');
is($node->safe_psql('postgres', q{SELECT job_name FROM thermaliq.rollups WHERE rollup_name = 'public.month_h'}),
	'thermaliq-rollup-public.month_h', 'and registers the job');
is($node->safe_psql('postgres', q{SELECT count(*) || ':' || count(DISTINCT facility_id) || ':' || count(tw) || ':' || count(ms)
	FROM public.month_h}), '6480:3:4320:2160', 'a month of hours: 3 facilities x 3 meters x 720 (tw of rates, ms of the counters)');

# ------------------------------------------------ no temporary file
my $offset = -s $node->logfile;
my $t0 = time;
$node->safe_psql('postgres', q{SELECT thermaliq.refresh_rollup('public.month_h', true)});
my $refresh = time - $t0;
$node->safe_psql('postgres', q{REFRESH MATERIALIZED VIEW CONCURRENTLY public.month_h});
is($node->safe_psql('postgres', q{SHOW work_mem}), '4MB', 'the server runs with the default work_mem');
my $log = slurp_file($node->logfile, $offset);
unlike($log, qr/temporary file/, 'refreshing the month (refresh_rollup and REFRESH ... CONCURRENTLY) writes no temporary file');
note(sprintf('refresh_rollup of a month of hourly buckets, 3 facilities: %.2f s', $refresh));

# ------------------------------------------------ a scheduled refresh
# one-minute buckets and history steps: the horizon moves every minute, so
# each run of the job refreshes; readings of the last minutes are in the
# live tail until a run takes them into the materialized view
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	SELECT thermaliq.create_rollup('public.live_m', '1 minute', 'public.energy_readings', '* * * * *');
	-- (settle stays 1 hour for now: no run of the job can move the horizon
	-- past the rows below before the next check reads them live)
	UPDATE thermaliq.rollups SET history_step = '1 minute' WHERE rollup_name = 'public.live_m';
	-- 60 kW every 10 s over the 8 minutes before now: 1 kWh in each full minute
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'f1', 'gas', t, 60, 'kW'
	FROM generate_series(thermaliq.time_bucket('1 minute', now()) - interval '8 minutes',
		thermaliq.time_bucket('1 minute', now()), '10 seconds') t;
});
my $since = $node->safe_psql('postgres', q{SELECT thermaliq.time_bucket('1 minute', now()) - interval '8 minutes'});
is($node->safe_psql('postgres', qq{SELECT count(*) FROM public.live_m_v WHERE bucket_start >= '$since'
	AND facility_id = 'f1' AND meter_id = 'gas' AND round(energy_kwh::numeric, 9) = 1}), '8',
	'but the view has them at once (the live tail): 8 full minutes of 1 kWh');

# now readings may settle for 0 s: the next run moves the horizon to the
# current minute and refreshes the history with the 8 minutes
$node->safe_psql('postgres', q{UPDATE thermaliq.rollups SET settle = '0' WHERE rollup_name = 'public.live_m'});
my $deadline = time + 150;
my $got = 0;
while (time < $deadline)
{
	$got = $node->safe_psql('postgres', qq{SELECT count(*) FROM public.live_m WHERE bucket_start >= '$since'
		AND facility_id = 'f1' AND meter_id = 'gas' AND round(energy_kwh::numeric, 9) = 1});
	last if $got >= 8;
	usleep(500_000);
}
is($got, '8', 'a run of the job took the 8 minutes into the materialized view (polled, deadline 150 s)');
like($node->safe_psql('postgres', q{SELECT string_agg(DISTINCT d.status, ',') FROM cron.job_run_details d
	JOIN cron.job j USING (jobid) WHERE j.jobname = 'thermaliq-rollup-public.live_m'}), qr/^succeeded$/,
	'cron.job_run_details records the run as succeeded');
is($node->safe_psql('postgres', qq{SELECT count(*) FROM public.live_m_v WHERE bucket_start >= '$since'
	AND facility_id = 'f1' AND meter_id = 'gas'}), '9',
	'the view shows each minute once (8 full, the last one only its first sample)');

# ------------------------------------------------ drop
$node->safe_psql('postgres', q{SELECT thermaliq.drop_rollup('public.live_m'); SELECT thermaliq.drop_rollup('public.month_h')});
is($node->safe_psql('postgres', q{SELECT count(*) FROM cron.job WHERE jobname LIKE 'thermaliq-rollup-%'}), '0',
	'drop_rollup unschedules the jobs');
is($node->safe_psql('postgres', q{SELECT count(*) FROM pg_class WHERE relname IN ('month_h', 'month_h_v', 'live_m', 'live_m_v')}), '0',
	'and drops the views');

# ------------------------------------------------ dump and restore
# in a database without pg_cron (a rollup without a job): the registry is a
# configuration table of the extension, so the restored views work
$node->safe_psql('postgres', q{CREATE DATABASE src; CREATE DATABASE dst});
$node->safe_psql('src', q{
	SET client_min_messages = warning;
	CREATE EXTENSION thermaliq;
	CREATE TABLE public.r (facility_id text NOT NULL, meter_id text NOT NULL,
		"timestamp" timestamptz NOT NULL, value float8, unit text NOT NULL, quality smallint NOT NULL DEFAULT 0);
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('d1');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit) VALUES ('d1', 'heat', 'heat_output', 'rate', 'kW');
	-- 10 kW for 2 hours three days ago (20 kWh), and 1 hour today (the tail)
	INSERT INTO public.r SELECT 'd1', 'heat', t, 10, 'kW'
	FROM generate_series(thermaliq.time_bucket('1 day', now()) - interval '3 days',
		thermaliq.time_bucket('1 day', now()) - interval '3 days' + interval '2 hours', '10 minutes') t
	UNION ALL SELECT 'd1', 'heat', t, 10, 'kW'
	FROM generate_series(thermaliq.time_bucket('1 day', now()), thermaliq.time_bucket('1 day', now()) + interval '1 hour', '10 minutes') t;
	SELECT thermaliq.create_rollup('public.dh', '1 hour', 'public.r');
});
my $dump = PostgreSQL::Test::Utils::tempdir . '/rollup.dump';
$node->command_ok([ 'pg_dump', '-Fc', '-f', $dump, '-d', $node->connstr('src') ], 'pg_dump of a database with a rollup');
$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr('dst'), $dump ], 'pg_restore');
is($node->safe_psql('dst', q{SELECT rollup_name || ':' || (SELECT count(*) FROM public.dh) || ':'
	|| (SELECT round(sum(energy_kwh)::numeric, 6) FROM public.dh_v) FROM thermaliq.rollups}), 'public.dh:3:30.000000',
	'the restored rollup: registry row, 3 history rows, 20 + 10 kWh through its view');
$node->safe_psql('dst', q{SELECT thermaliq.refresh_rollup('public.dh', true)});
is($node->safe_psql('dst', q{SELECT count(*) FROM public.dh}), '3', 'and it refreshes');

$node->stop;
done_testing();
