# The CUSUM chart must draw, not only parse: xmllint validates it as XML
# (a title with & and < in it), rsvg-convert renders it, and the picture
# has the bars in proportion: savings 100, -50, (left out), 200 kWh give
# green bars of 300 kWh in all against a red one of 50 (6:1 in area), and
# the CUSUM line 100, 50, 50, 250 in blue.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

for my $tool ('/usr/bin/rsvg-convert', '/usr/bin/xmllint')
{
	plan skip_all => "$tool is not installed" unless -x $tool;
}

my $node = PostgreSQL::Test::Cluster->new('cusum');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
});
my $svg = $node->safe_psql('postgres', q{
	SELECT thermaliq.cusum_svg_render('Boiler <1> & co',
		ARRAY['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']::timestamptz[],
		ARRAY[100, -50, NULL, 200]::float8[], ARRAY[100, 50, 50, 250]::float8[])});
my $dir = PostgreSQL::Test::Utils::tempdir;
open my $fh, '>:raw', "$dir/cusum.svg" or die;
print $fh $svg;
close $fh;

ok(system('/usr/bin/xmllint', '--noout', "$dir/cusum.svg") == 0, 'xmllint: well-formed XML');
like($svg, qr/Boiler &lt;1&gt; &amp; co/, 'the title is escaped');
is(scalar(() = $svg =~ /class="savings"/g), 3, 'three bars: the left-out bucket has none');
like($svg, qr/2026-11-01.*2026-11-03.*2026-11-04/s, 'dates of the first, middle and last bucket');
ok(system('/usr/bin/rsvg-convert', '-o', "$dir/cusum.png", "$dir/cusum.svg") == 0, 'rsvg-convert renders it');

my $count = `/usr/bin/python3 - "$dir/cusum.png" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
px = im.load()
w, h = im.size
def near(c, ref, tol=30):
    return all(abs(a - b) <= tol for a, b in zip(c, ref))
n = {"green": 0, "red": 0, "blue": 0}
for y in range(60, h - 70):
    for x in range(90, w - 30):
        c = px[x, y]
        if near(c, (0x5a, 0xa4, 0x69)): n["green"] += 1
        elif near(c, (0xd3, 0x5d, 0x6e)): n["red"] += 1
        elif near(c, (0x1f, 0x4e, 0x79)): n["blue"] += 1
print(n["green"], n["red"], n["blue"])
PY
`;
my ($green, $red, $blue) = split ' ', $count;
note "pixels: green $green, red $red, blue $blue";
cmp_ok($red, '>', 1000, 'a red bar of substance');
cmp_ok(abs($green / $red - 6), '<', 0.3, 'green : red = 300 : 50 kWh in area');
cmp_ok($blue, '>', 500, 'the CUSUM line is drawn');

$node->stop;
done_testing();
