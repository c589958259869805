# A table of summaries survives pg_dump and restore, every row of it
# (issue #10). Before, a time_weight summary holding 5e-324 printed
# first_val:5e-324, which the text input refused (strtod reports ERANGE for
# a denormal), so COPY of the restore failed and the table came back with 0
# rows, the valid rows too; values near 1e308 stored an Infinity/NaN
# integral that did not read back either. The rows below hold denormals,
# the largest doubles, and the first and last valid timestamps.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('sumdump');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE TABLE public.sums (id int PRIMARY KEY, s thermaliq.tw_summary, m thermaliq.meter_summary);
	INSERT INTO public.sums
	SELECT id, thermaliq.time_weight(ts, v, 'linear', '1 hour'), thermaliq.meter_agg(ts, v)
	FROM (VALUES
		(1, '2026-01-01 00:00+00'::timestamptz, 5e-324::float8),
		(1, '2026-01-01 00:30+00', 1),
		(2, '2026-01-01 00:00+00', 2.2250738585072009e-308),
		(2, '2026-01-01 00:00:00.000001+00', -4.9406564584124654e-324),
		(3, '2026-01-01 00:00+00', 1.7976931348623157e308),
		(3, '2026-01-01 00:00:00.000001+00', 1.7976931348623157e308),
		(4, '4714-11-24 00:00+00 BC', -1.7976931348623157e308),
		(4, '4714-11-24 00:00:00.000001+00 BC', 1e-310),
		(5, '294276-12-31 23:59:59.999998+00', 123.456),
		(5, '294276-12-31 23:59:59.999999+00', 5e-324),
		(6, '2026-11-10 00:00+00', 10),
		(6, '2026-11-10 00:10+00', 20),
		(6, '2026-11-10 03:00+00', 30)) AS t(id, ts, v)
	GROUP BY id;
});
my $expect = $node->safe_psql('src', q{SELECT string_agg(id || ' ' || s::text || ' ' || m::text, E'\n' ORDER BY id) FROM public.sums});
is($node->safe_psql('src', 'SELECT count(*) FROM public.sums'), '6', 'six summaries stored');
like($expect, qr/first_val:5e-324,/, 'a summary holds the denormal 5e-324');

for my $format ('p', 'c')
{
	my $dump = $PostgreSQL::Test::Utils::tmp_check . "/sums.$format";
	my $db = "dst_$format";
	$node->command_ok([ 'pg_dump', "-F$format", '-f', $dump, '-d', $node->connstr('src') ], "pg_dump -F$format");
	$node->safe_psql('postgres', "CREATE DATABASE $db");
	if ($format eq 'p')
	{
		$node->command_ok([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', $node->connstr($db), '-f', $dump ],
			'the plain dump restores without an error');
	}
	else
	{
		$node->command_ok([ 'pg_restore', '--exit-on-error', '-d', $node->connstr($db), $dump ],
			'the custom dump restores without an error');
	}
	is($node->safe_psql($db, 'SELECT count(*) FROM public.sums'), '6', "all six rows restored (-F$format)");
	is($node->safe_psql($db, q{SELECT string_agg(id || ' ' || s::text || ' ' || m::text, E'\n' ORDER BY id) FROM public.sums}),
		$expect, "every restored summary prints as the original (-F$format)");
}

# binary COPY out and in keeps every row equal too
$node->safe_psql('src', q{
	COPY public.sums TO '/tmp/tq_sums_013.bin' (FORMAT binary);
	CREATE TABLE public.sums2 (LIKE public.sums);
	COPY public.sums2 FROM '/tmp/tq_sums_013.bin' (FORMAT binary);
});
unlink '/tmp/tq_sums_013.bin';
is($node->safe_psql('src', q{SELECT count(*) FROM public.sums a JOIN public.sums2 b USING (id) WHERE a.s OPERATOR(thermaliq.=) b.s AND a.m OPERATOR(thermaliq.=) b.m}),
	'6', 'binary COPY round-trips every row');

$node->stop;
done_testing();
