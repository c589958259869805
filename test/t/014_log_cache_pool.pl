# thermaliq.log_cache in a pooled backend (issue #10): the setting is
# superuser-only (PGC_SUSET; before, any role could SET it to '2000GB',
# memory the backend keeps after its query), and a session-level SET is
# reset by DISCARD ALL, the server_reset_query a pooler such as PgBouncer
# runs before it hands the backend to the next client.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('pool');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE ROLE tq_pooled LOGIN;
});

# one backend, two "clients" separated by the pooler's reset
my $out = $node->safe_psql('postgres', q{
	SELECT thermaliq.sample_count(thermaliq.time_weight(now(), 1));
	SET thermaliq.log_cache = 0;
	SHOW thermaliq.log_cache;
	DISCARD ALL;
	SHOW thermaliq.log_cache;
	SET thermaliq.log_cache = '1GB';
	RESET ALL;
	SHOW thermaliq.log_cache;
});
is($out, "1\n0\n256MB\n256MB", 'a session SET of log_cache does not survive DISCARD ALL or RESET ALL');

# a non-superuser may not set it, by SET or set_config
my ($ret, $stdout, $stderr) = $node->psql('postgres', q{
	\set VERBOSITY verbose
	SELECT thermaliq.sample_count(thermaliq.time_weight(now(), 1));
	SET thermaliq.log_cache = '2000GB';
}, extra_params => [ '-U', 'tq_pooled' ]);
like($stderr, qr/42501: permission denied to set parameter "thermaliq\.log_cache"/,
	'a non-superuser SET is refused with 42501');
($ret, $stdout, $stderr) = $node->psql('postgres', q{
	\set VERBOSITY verbose
	SELECT thermaliq.sample_count(thermaliq.time_weight(now(), 1));
	SELECT set_config('thermaliq.log_cache', '1GB', false);
}, extra_params => [ '-U', 'tq_pooled' ]);
like($stderr, qr/42501/, 'so is set_config');
# set before the library is loaded: PostgreSQL drops the placeholder at load
($ret, $stdout, $stderr) = $node->psql('postgres', q{
	SET thermaliq.log_cache = '2000GB';
	SELECT thermaliq.sample_count(thermaliq.time_weight(now(), 1));
	SHOW thermaliq.log_cache;
}, extra_params => [ '-U', 'tq_pooled' ]);
is($stdout, "1\n256MB", 'a placeholder SET by a non-superuser before the library loads is not applied');

$node->stop;
done_testing();
