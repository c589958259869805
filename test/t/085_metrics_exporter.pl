# Debian's prometheus-postgres-exporter, started by this test with
# deploy/postgres_exporter/queries.yaml and a pg_monitor login, serves the
# thermaliq_* metrics over HTTP (issue #12, API.md section 7): queue depth,
# completed and error counters, duration quantiles, readings lag. Values
# are checked against the state the test made: 2 completed (one reused),
# 1 failed, 1 pending; the readings end exactly 600 s before now() is read
# by the scrape (checked to the second, as the scrape's now() is later).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use HTTP::Tiny;
use Time::HiRes qw(usleep);

my $exporter = '/usr/bin/prometheus-postgres-exporter';
plan skip_all => "$exporter is not installed (scripts/deps.sh installs it)" unless -x $exporter;
my $src = $ENV{THERMALIQ_SRC} or die 'THERMALIQ_SRC is not set';

my $node = PostgreSQL::Test::Cluster->new('metrics');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.setup_roles();
	CREATE ROLE tq_exporter LOGIN;
	GRANT pg_monitor TO tq_exporter;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 day', 2,
		p_start_partition := date_trunc('day', now()) - interval '3 days');
	INSERT INTO thermaliq.facilities (facility_id) VALUES ('m1');
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('m1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'lhv'),
		('m1', 'heat', 'hot_water_output', 'rate', 'kW', NULL, NULL);
	CREATE TABLE public.t0 AS SELECT date_trunc('second', now()) - interval '1 day' AS t0;
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'm1', m, t0 + k * interval '10 minutes', v, 'kW'
	FROM public.t0, generate_series(0, 143) k, (VALUES ('gas', 100.0), ('heat', 90.0)) x(m, v);
	-- completed, the same again (reused), failed (no readings), pending
	SELECT thermaliq.enqueue('m1', t0, t0 + interval '6 hours') FROM public.t0;
	SELECT thermaliq.enqueue('m1', t0, t0 + interval '6 hours') FROM public.t0;
	SELECT thermaliq.enqueue('m1', t0 - interval '5 days', t0 - interval '4 days') FROM public.t0;
	SELECT thermaliq.run_pending();
	SELECT thermaliq.enqueue('m1', t0, t0 + interval '7 hours') FROM public.t0;
});
# the newest reading is t0 + 143 x 10 min = now() - 1 day + 23 h 50 min
my $newest = $node->safe_psql('postgres', q{SELECT extract(epoch FROM t0 + interval '1430 minutes') FROM public.t0});

my $port = PostgreSQL::Test::Cluster::get_free_port();
my $host = $node->host;
my $pgport = $node->port;
local $ENV{DATA_SOURCE_NAME} = "host=$host port=$pgport user=tq_exporter dbname=postgres sslmode=disable";
my ($out, $err) = ('', '');
my $h = IPC::Run::start([ $exporter, "--extend.query-path=$src/deploy/postgres_exporter/queries.yaml",
	"--web.listen-address=127.0.0.1:$port", '--disable-default-metrics', '--disable-settings-metrics',
	'--log.level=warn' ], '>', \$out, '2>', \$err);
# stopped at the end, also when a test dies
END { $h->kill_kill if $h; }

my $http = HTTP::Tiny->new(timeout => 10);
my $body = '';
for (1 .. 100)
{
	my $r = $http->get("http://127.0.0.1:$port/metrics");
	if ($r->{success} && $r->{content} =~ /^thermaliq_calculation_queue_depth[{ ]/m)
	{
		$body = $r->{content};
		last;
	}
	usleep(200_000);
}
my $scraped = time;
ok($body ne '', 'the exporter serves /metrics with thermaliq lines') or diag($err);
# the exporter adds server="host:port" to every line
like($body, qr/^thermaliq_calculation_queue_depth\{server="[^"]+"\} /m, 'with its server label');
$body =~ s/,server="[^"]*"\}/}/g;
$body =~ s/\{server="[^"]*"\}//g;

sub value
{
	my ($name) = @_;
	return $body =~ /^\Q$name\E (\S+)$/m ? $1 : 'missing';
}
is(value('thermaliq_calculation_queue_depth'), '1', 'thermaliq_calculation_queue_depth 1 (one pending)');
is(value('thermaliq_calculations_completed_total'), '2', 'thermaliq_calculations_completed_total 2');
is(value('thermaliq_calculation_errors_total'), '1', 'thermaliq_calculation_errors_total 1 (the period without readings)');
is(value('thermaliq_calculations_reused_total'), '1', 'thermaliq_calculations_reused_total 1 (the repeated request)');
is(value('thermaliq_calculations_processing'), '0', 'thermaliq_calculations_processing 0');
is(value('thermaliq_workers'), '0', 'thermaliq_workers 0 (none configured here)');
like($body, qr/^# TYPE thermaliq_calculation_errors_total counter$/m, 'the error total is a counter');
like($body, qr/^# TYPE thermaliq_calculation_queue_depth gauge$/m, 'the queue depth is a gauge');
for my $q ('0.5', '0.95')
{
	like(value(qq{thermaliq_calculation_duration_seconds{quantile="$q"}}), qr/^[0-9.e+-]+$/,
		"thermaliq_calculation_duration_seconds{quantile=\"$q\"} is a number");
}
my $lag = value('thermaliq_readings_lag_seconds{facility_id="m1",readings="public.energy_readings"}');
like($lag, qr/^[0-9.e+]+$/, 'thermaliq_readings_lag_seconds of m1 is served');
# the newest reading is 600 s before the set-up; the scrape ran before $scraped
ok($lag > 600 - 1 && $lag < $scraped + 1 - $newest, "the lag ($lag s) is now() minus the newest reading (about 600 s)");

$h->kill_kill;
undef $h;
$node->stop;
done_testing();
