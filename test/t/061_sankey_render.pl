# The Sankey SVG must draw, not only parse: xmllint validates it as XML,
# rsvg-convert renders it to PNG, and the picture has the white page, the
# fuel band, the useful-output band and a red loss band in proportion.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

for my $tool ('/usr/bin/rsvg-convert', '/usr/bin/xmllint')
{
	plan skip_all => "$tool is not installed" unless -x $tool;
}

my $node = PostgreSQL::Test::Cluster->new('render');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	SELECT thermaliq.create_readings_table('public.energy_readings', '1 month', 2,
		p_start_partition := '2026-01-01');
	INSERT INTO thermaliq.facilities (facility_id, name, process_type, ambient_temperature_c)
	VALUES ('r1', 'Render test boiler', 'steam_boiler', 20);
	INSERT INTO thermaliq.meters (facility_id, meter_id, role, kind, unit, fuel_id, heating_value_basis) VALUES
		('r1', 'gas', 'fuel_input', 'rate', 'kW', 'natural_gas', 'hhv'),
		('r1', 'steam', 'steam_output', 'rate', 'kW', NULL, NULL),
		('r1', 'fgt', 'flue_gas_temperature', 'rate', 'degC', NULL, NULL),
		('r1', 'o2', 'flue_gas_o2', 'rate', '%', NULL, NULL);
	-- 1000 kW of gas (HHV), 800 kW of steam, stack 180 degC at 3 % O2
	INSERT INTO public.energy_readings (facility_id, meter_id, "timestamp", value, unit)
	SELECT 'r1', m, t, v, u
	FROM generate_series('2026-01-10 00:00+00'::timestamptz, '2026-01-11 00:00+00', '5 minutes') t,
		(VALUES ('gas', 1000.0, 'kW'), ('steam', 800.0, 'kW'), ('fgt', 180.0, 'degC'), ('o2', 3.0, '%')) x(m, v, u);
});

my $dir = PostgreSQL::Test::Utils::tempdir;
my $svg = $node->safe_psql('postgres',
	q{SELECT thermaliq.sankey_svg('r1', '2026-01-10 00:00+00', '2026-01-11 00:00+00')});
open my $fh, '>:raw', "$dir/sankey.svg" or die;
print $fh $svg;
close $fh;

ok(system('/usr/bin/xmllint', '--noout', "$dir/sankey.svg") == 0, 'xmllint: the SVG is well-formed XML');
ok(system('/usr/bin/rsvg-convert', '-o', "$dir/sankey.png", "$dir/sankey.svg") == 0,
	'rsvg-convert renders it');
ok(-s "$dir/sankey.png" > 5000, 'into a PNG of substance');

# Count pixels by colour with Debian's Python (PIL), as a person would look.
my $count = `/usr/bin/python3 - "$dir/sankey.png" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
px = im.load()
def near(c, ref, tol=40):
    return all(abs(a - b) <= tol for a, b in zip(c, ref))
n = {"white": 0, "fuel": 0, "useful": 0, "loss": 0}
for y in range(h):
    for x in range(w):
        c = px[x, y]
        if near(c, (255, 255, 255), 3): n["white"] += 1
        elif near(c, (0xf2, 0x8e, 0x2b), 12): n["fuel"] += 1
        elif near(c, (0x4e, 0x79, 0xa7), 12): n["useful"] += 1
        elif near(c, (0xe1, 0x57, 0x59), 12): n["loss"] += 1
print(w, h, n["white"], n["fuel"], n["useful"], n["loss"])
PY`;
my ($w, $h, $white, $fuel, $useful, $loss) = split ' ', $count;
ok(defined $loss, 'the PNG could be read') or diag($count);
cmp_ok($w * $h, '>', 100_000, "a picture of some size (${w}x$h)");
cmp_ok($white, '>', 0.3 * $w * $h, 'on a white page');
cmp_ok($fuel, '>', 100, 'with the fuel band');
cmp_ok($useful, '>', 100, 'the useful-output band');
cmp_ok($loss, '>', 10, 'and red loss bands');
cmp_ok($useful, '>', $loss, 'useful output (80 %) drawn larger than the losses');

$node->stop;
done_testing();
