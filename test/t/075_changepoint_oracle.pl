# changepoint_fit against an independent oracle (test/oracle/changepoint_oracle.py:
# numpy least squares, exhaustive grid search of the change points refined by
# golden section on the numpy SSE), on data generated with noise and known
# true parameters:
#  - coefficients, change points and their standard errors within 1e-6
#    relative of the oracle's optimum (true model of each case)
#  - SSE, R2, RMSE and CV(RMSE) within 1e-9 relative, NMBE within 1e-9
#    absolute, n and p equal (every model fitted to two of the cases: the
#    optimal SSE is unique even where a wrong model's change point is not)
#  - auto picks the true model on every case (clearly separated)
#  - the row order (x ascending, descending, random, by y) does not change
#    one bit of the result (jsonb text compared)
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $src = $ENV{THERMALIQ_SRC} or BAIL_OUT('THERMALIQ_SRC is not set');
my $python = '/usr/bin/python3';
plan skip_all => 'python3-numpy not installed'
  unless system("$python -c 'import numpy' 2>/dev/null") == 0;

my $dir = PostgreSQL::Test::Utils::tempdir();
system("$python $src/test/oracle/changepoint_oracle.py $dir") == 0
  or BAIL_OUT('the numpy oracle failed');

my $node = PostgreSQL::Test::Cluster->new('changepoint');
$node->init;
$node->start;
$node->safe_psql('postgres', qq{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE TABLE pts (case_id text, x float8, y float8);
	CREATE TABLE want (case_id text, model text, key text, value text);
	COPY pts FROM '$dir/points.tsv';
	COPY want FROM '$dir/expected.tsv';
	CREATE TABLE ours AS
	SELECT w.case_id, w.model,
		(SELECT thermaliq.changepoint_fit(y, x, w.model) FROM pts WHERE pts.case_id = w.case_id) AS fit
	FROM (SELECT DISTINCT case_id, model FROM want) w;
	CREATE FUNCTION got(fit jsonb, key text) RETURNS float8 LANGUAGE sql IMMUTABLE AS \$\$
		SELECT CASE
			WHEN key ~ '^se_' THEN (fit->'std_errors'->>substr(key, 4))::float8
			WHEN key ~ '^(b[0-2]|xcp2?)\$' THEN (fit->'coefficients'->>key)::float8
			ELSE (fit->>key)::float8 END
	\$\$;
	CREATE VIEW cmp AS
	SELECT w.case_id, w.model, w.key, w.value::float8 AS want, got(o.fit, w.key) AS got,
		abs(got(o.fit, w.key) - w.value::float8) / nullif(abs(w.value::float8), 0) AS rel
	FROM want w JOIN ours o USING (case_id, model) WHERE w.model <> 'auto';
});

my $ncases = $node->safe_psql('postgres', 'SELECT count(DISTINCT case_id) FROM pts');
cmp_ok($ncases, '>=', 6, "the oracle generated $ncases cases");
my $ncmp = $node->safe_psql('postgres', 'SELECT count(*) FROM cmp');
cmp_ok($ncmp, '>=', 120, "$ncmp numbers to compare");
is($node->safe_psql('postgres', 'SELECT count(*) FROM cmp WHERE got IS NULL'), '0',
	'every number the oracle has, changepoint_fit has');

# Checks that a query returns no rows; lists the first offenders if it does
sub none
{
	my ($sql, $name) = @_;
	my $rows = $node->safe_psql('postgres', "$sql LIMIT 20");
	is($rows, '', $name);
}

none(q{SELECT case_id, model, key, got, want, rel FROM cmp
	WHERE key ~ '^(se_)?(b[0-2]|xcp2?)$' AND NOT rel <= 1e-6},
	'coefficients, change points and standard errors within 1e-6 of the oracle');
none(q{SELECT case_id, model, key, got, want, rel FROM cmp
	WHERE key IN ('sse', 'r2', 'rmse', 'cv_rmse_pct') AND NOT rel <= 1e-9},
	'SSE, R2, RMSE and CV(RMSE) within 1e-9 of the oracle');
none(q{SELECT case_id, model, got, want FROM cmp
	WHERE key = 'nmbe_pct' AND NOT abs(got - want) <= 1e-9},
	'NMBE within 1e-9 (percentage points) of the oracle');
none(q{SELECT case_id, model, key, got, want FROM cmp
	WHERE key IN ('n', 'p') AND got <> want}, 'n and p as the oracle counts them');
note $node->safe_psql('postgres',
	q{SELECT string_agg(format('%s %s: xcp %s (oracle %s)', case_id, model, got, want), E'\n' ORDER BY case_id, model)
	  FROM cmp WHERE key = 'xcp'});

# The SSE is the least of any change point: ours never above the oracle's
none(q{SELECT case_id, model, got, want FROM cmp WHERE key = 'sse' AND got > want * (1 + 1e-12)},
	'our SSE is never above the oracle\'s optimum');

none(q{SELECT w.case_id, w.value AS truth, a.fit->>'model' AS picked
	FROM want w, LATERAL (SELECT thermaliq.changepoint_fit(y, x, 'auto') AS fit
		FROM pts WHERE pts.case_id = w.case_id) a
	WHERE w.model = 'auto' AND w.key = 'model' AND a.fit->>'model' IS DISTINCT FROM w.value},
	'auto picks the true model of every case');

# Row order: the same bits in every order (jsonb text: 17 significant digits)
none(q{SELECT case_id, m FROM (SELECT DISTINCT case_id FROM pts) c,
	unnest(ARRAY['2p', '3ph', '3pc', '4p', '5p', 'auto']) m,
	LATERAL (SELECT
		thermaliq.changepoint_fit(y, x, m ORDER BY x, y)::text AS a,
		thermaliq.changepoint_fit(y, x, m ORDER BY x DESC, y DESC)::text AS b,
		thermaliq.changepoint_fit(y, x, m ORDER BY md5(x::text || y::text))::text AS c,
		thermaliq.changepoint_fit(y, x, m ORDER BY y)::text AS d
		FROM pts WHERE pts.case_id = c.case_id) f
	WHERE a IS NULL OR a <> b OR a <> c OR a <> d},
	'row order changes no bit of any fit');

$node->stop;
done_testing();
