# The 1.1 physics against independent oracles run here:
#  - condensing: test/oracle/condensing_oracle.py (molecule-by-molecule
#    balance of the gas, python3-iapws water) against combustion_losses()
#    for its cases (dry and humid air): dew point within 0.01 K, condensed fraction
#    within 2e-4, efficiency within 0.01 points (the vapour-model
#    difference explained in test/unit/condensing_test.c), the humidity
#    ratio of its humid cases within 1e-9, and the loss humid air adds at
#    35 degC (issue 14: up to 0.4 points) within 0.002 points;
#  - water and steam: water_heat_flow() over a grid of steam pressures,
#    temperatures (and saturation) and feedwater temperatures against
#    python3-iapws enthalpies and entropies, 1e-9 relative.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $src = $ENV{THERMALIQ_SRC} or BAIL_OUT('THERMALIQ_SRC is not set');
my $python = '/usr/bin/python3';
plan skip_all => 'python3-iapws not installed'
  unless system("$python -c 'import iapws' 2>/dev/null") == 0;

my $dir = PostgreSQL::Test::Utils::tempdir();
system("$python $src/test/oracle/condensing_oracle.py > $dir/cond.txt") == 0
  or BAIL_OUT('the condensing oracle failed');
open(my $fh, '>', "$dir/steam.py") or die;
print $fh <<'PY';
from iapws import IAPWS97
from iapws.iapws97 import _TSat_P
for p in (0.2, 0.5, 1.0, 1.6, 2.5, 4.0, 6.3, 10.0):
    ts = _TSat_P(p) - 273.15
    for tout in (None, ts + 10, ts + 60, ts + 150):
        for tin in (20.0, 60.0, 105.0, 140.0):
            if tin >= ts:
                continue
            o = IAPWS97(P=p, x=1) if tout is None else IAPWS97(P=p, T=tout + 273.15)
            i = IAPWS97(P=p, T=tin + 273.15)
            print("\t".join(repr(v) for v in (p, -1 if tout is None else tout, tin, o.h, o.s, i.h, i.s)))
PY
close($fh);
system("$python $dir/steam.py > $dir/steam.tsv") == 0 or BAIL_OUT('the steam oracle failed');

my $node = PostgreSQL::Test::Cluster->new('physics');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	CREATE TABLE steam (p float8, tout float8, tin float8, h_out float8, s_out float8, h_in float8, s_in float8);
});
$node->safe_psql('postgres', "COPY steam FROM '$dir/steam.tsv'");

# the oracle's cases (name -> key -> value) and their arguments
my %o;
open($fh, '<', "$dir/cond.txt") or die;
while (<$fh>)
{
	my ($case, $k, $v) = split;
	$o{$case}{$k} = $v;
}
close($fh);
my %args = (
	ng45 => q{'natural_gas', 45, 20, 3, 0, 'lhv'},
	ng45hhv => q{'natural_gas', 45, 20, 3, 0, 'hhv'},
	ch4_30hhv => q{'methane', 30, 15, 2, 0, 'hhv'},
	ng120 => q{'natural_gas', 120, 20, 3, 0, 'lhv'},
	ng180dry => q{'natural_gas', 180, 35, 3, 0, 'lhv'},
	ng180rh100 => q{'natural_gas', 180, 35, 3, 0, 'lhv', 100},
	ng180rh60 => q{'natural_gas', 180, 35, 3, 0, 'lhv', 60},
	ng40rh60 => q{'natural_gas', 40, 25, 3.5, 0, 'lhv', 60});
for my $case (sort keys %args)
{
	my ($dew, $frac, $eff) = split /\|/, $node->safe_psql('postgres',
		"SELECT dew_point_c, condensed_fraction, combustion_efficiency_pct FROM thermaliq.combustion_losses($args{$case})");
	cmp_ok(abs($dew - $o{$case}{dew_point_c}), '<=', 0.01, "$case: dew point $dew vs oracle $o{$case}{dew_point_c}");
	cmp_ok(abs($frac - $o{$case}{condensed_fraction}), '<=', 2e-4,
		"$case: condensed fraction $frac vs oracle $o{$case}{condensed_fraction}");
	cmp_ok(abs($eff - $o{$case}{efficiency_pct}), '<=', 0.01,
		"$case: efficiency $eff vs oracle $o{$case}{efficiency_pct}");
}
# acceptance of issue 14
my ($dew, $eff) = split /\|/, $node->safe_psql('postgres',
	"SELECT dew_point_c, combustion_efficiency_pct FROM thermaliq.combustion_losses('natural_gas', 45, 20, 3, 0, 'lhv')");
cmp_ok(abs($dew - 56.3), '<=', 0.3, "acceptance: dew point $dew = 56.3 +- 0.3 degC");
cmp_ok(abs($eff - 103.9), '<=', 0.2, "acceptance: efficiency $eff = 103.9 +- 0.2 % LHV");
for my $c ([ 'ng180rh100', 35, 100 ], [ 'ng180rh60', 35, 60 ], [ 'ng40rh60', 25, 60 ])
{
	my $w = $node->safe_psql('postgres', "SELECT thermaliq.air_humidity_ratio($c->[1], $c->[2])");
	cmp_ok(abs($w - $o{ $c->[0] }{omega}), '<=', 1e-9, "humidity ratio $c->[1] degC $c->[2] %: $w vs oracle");
}

my $dh = $node->safe_psql('postgres', q{SELECT d.combustion_efficiency_pct - h.combustion_efficiency_pct
	FROM thermaliq.combustion_losses('natural_gas', 180, 35, 3, 0, 'lhv') d,
	     thermaliq.combustion_losses('natural_gas', 180, 35, 3, 0, 'lhv', 100) h});
my $odh = $o{ng180dry}{efficiency_pct} - $o{ng180rh100}{efficiency_pct};
cmp_ok(abs($dh - $odh), '<=', 0.002, "saturated air at 35 degC costs $dh points (oracle $odh)");
cmp_ok($dh, '<=', 0.41, 'at most about 0.4 points');

my $n = $node->safe_psql('postgres', 'SELECT count(*) FROM steam');
cmp_ok($n, '>=', 100, "steam oracle: $n states");
my $bad = $node->safe_psql('postgres', q{
	SELECT s.p, s.tout, s.tin, w.h_out, s.h_out, w.h_in, s.h_in
	FROM steam s, thermaliq.water_heat_flow(3600, 'steam', s.p, nullif(s.tout, -1), s.tin, 15) w
	WHERE NOT (abs(w.h_out / s.h_out - 1) <= 1e-9 AND abs(w.s_out / s.s_out - 1) <= 1e-9
	       AND abs(w.h_in / s.h_in - 1) <= 1e-9 AND abs(w.s_in / s.s_in - 1) <= 1e-9
	       AND abs(w.heat_kw / (s.h_out - s.h_in) - 1) <= 1e-9
	       AND abs(w.exergy_kw / ((s.h_out - s.h_in) - 288.15 * (s.s_out - s.s_in)) - 1) <= 1e-9)
	LIMIT 10});
is($bad, '', 'steam and feedwater h, s, heat and exergy within 1e-9 of python3-iapws');

$node->stop;
done_testing();
