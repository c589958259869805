# IAPWS-IF97 sweep: thousands of states across every region, computed by
# thermaliq in SQL and by Debian's python3-iapws (the oracle, run here by
# test/t/if97_oracle.py), compared in SQL.
#
#  - (p,T): same region, v h u s cp cv w within 1e-8 relative (regions 1, 2,
#    5 and 3: both sides iterate region 3 on the forward equation)
#  - (p,h), (p,s): same region, T within 1e-6 K (the issue asks 25 mK;
#    both sides refine the backward equations with the forward ones), and
#    the other properties within 1e-8
#  - px/tx saturation states (oracle: python's refined x = 0 and x = 1
#    states, mixed): v h u s (and cp cv w at x = 0, 1) within 1e-8
#  - round trips T -> h -> T and T -> s -> T within 1e-9 relative
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $src = $ENV{THERMALIQ_SRC} or BAIL_OUT('THERMALIQ_SRC is not set');
my $python = '/usr/bin/python3';
plan skip_all => 'python3-iapws not installed'
  unless system("$python -c 'import iapws' 2>/dev/null") == 0;

my $npoints = $ENV{IF97_SWEEP_POINTS} // 3000;
my $dir = PostgreSQL::Test::Utils::tempdir();
my $tsv = "$dir/if97_oracle.tsv";
system("$python $src/test/t/if97_oracle.py $npoints 97 > $tsv") == 0
  or BAIL_OUT('the python oracle failed');

my $node = PostgreSQL::Test::Cluster->new('if97');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE TABLE oracle (kind text, a float8, b float8, region int, p float8,
		t float8, v float8, h float8, u float8, s float8, cp float8, cv float8,
		w float8, x float8);
});
$node->safe_psql('postgres', "COPY oracle FROM '$tsv'");
my $n = $node->safe_psql('postgres', 'SELECT count(*) FROM oracle');
cmp_ok($n, '>=', 5000, "the oracle produced $n states");
note $node->safe_psql('postgres',
	q{SELECT string_agg(kind || ' region ' || region || ': ' || c, ', ' ORDER BY kind, region)
	  FROM (SELECT kind, region, count(*) c FROM oracle GROUP BY 1, 2) g});

# Our states next to the oracle's.
$node->safe_psql('postgres', q{
	CREATE TABLE ours AS
	SELECT o.*, (CASE o.kind
		WHEN 'pt' THEN thermaliq.if97_pt(o.a, o.b)
		WHEN 'ph' THEN thermaliq.if97_ph(o.a, o.b)
		WHEN 'ps' THEN thermaliq.if97_ps(o.a, o.b)
		WHEN 'px' THEN thermaliq.if97_px(o.a, o.b)
		ELSE thermaliq.if97_tx(o.a, o.b) END) AS r
	FROM oracle o;
	CREATE FUNCTION rel(got float8, want float8, floor float8 DEFAULT 0)
	RETURNS float8 LANGUAGE sql IMMUTABLE
	AS 'SELECT abs(got - want) / greatest(abs(want), floor)';
	CREATE VIEW dev AS
	SELECT kind, a, b, region AS py_region, (r).region AS region,
		abs((r).t_k - t) AS dt,
		greatest(rel((r).v, v), rel((r).h, h, 1), rel((r).u, u, 1),
			rel((r).s, s, 1), coalesce(rel((r).cp, cp), 0),
			coalesce(rel((r).cv, cv), 0), coalesce(rel((r).w, w), 0)) AS dev,
		((r).cp IS NULL) <> (cp IS NULL) AS null_mismatch,
		x, (r).x AS our_x
	FROM ours;
});

# Checks that a query returns no rows; lists the first offenders if it does
sub none
{
	my ($sql, $name) = @_;
	my $rows = $node->safe_psql('postgres', "$sql LIMIT 20");
	is($rows, '', $name);
}

sub worst
{
	my ($where, $what) = @_;
	return $node->safe_psql('postgres',
		"SELECT coalesce(max($what), 0) FROM dev WHERE $where");
}

none(q{SELECT kind, a, b, py_region, region FROM dev
	WHERE kind IN ('pt', 'ph', 'ps') AND region <> py_region},
	'(p,T), (p,h), (p,s): same region as python3-iapws');
for my $reg (1, 2, 3, 5)
{
	none("SELECT kind, a, b, dev FROM dev WHERE kind = 'pt' AND region = $reg AND NOT dev <= 1e-8",
		"(p,T) region $reg: v h u s cp cv w within 1e-8 (worst "
		  . worst("kind = 'pt' AND region = $reg", 'dev') . ')');
}
for my $kind ('ph', 'ps')
{
	none("SELECT kind, a, b, dt FROM dev WHERE kind = '$kind' AND NOT dt <= 1e-6",
		"($kind): temperature within 1e-6 K of python3-iapws (worst "
		  . worst("kind = '$kind'", 'dt') . ' K)');
	none("SELECT kind, a, b, dev FROM dev WHERE kind = '$kind' AND NOT dev <= 1e-8",
		"($kind): properties within 1e-8 (worst "
		  . worst("kind = '$kind'", 'dev') . ')');
}
none(q{SELECT kind, a, b, dev, x, our_x FROM dev
	WHERE kind IN ('px', 'tx') AND NOT (dev <= 1e-8 AND region = 4 AND our_x = x
		AND NOT null_mismatch AND dt <= 1e-9 * 647)},
	'px/tx: region 4, x, v h u s (cp cv w at x = 0 and 1) within 1e-8 (worst '
	  . worst("kind IN ('px', 'tx')", 'dev') . ')');
none(q{SELECT kind, a, b FROM dev WHERE kind IN ('pt', 'ph', 'ps') AND our_x IS NOT NULL AND region <> 4},
	'x is NULL for single-phase states');

# Round trips on our own numbers, every (p,T) state of the sweep.
none(q{SELECT a, b, th, ts FROM (
		SELECT a, b, (thermaliq.if97_ph(a, (r).h)).t_k AS th,
			(thermaliq.if97_ps(a, (r).s)).t_k AS ts
		FROM ours WHERE kind = 'pt') q
	WHERE NOT (abs(th - b) <= 1e-9 * b AND abs(ts - b) <= 1e-9 * b)},
	'round trips T -> h -> T and T -> s -> T within 1e-9 relative');

$node->stop;
done_testing();
