# Nothing in thermaliq stands in a distributed engine's way (README,
# "Citus"; Citus itself is not packaged here, so this checks thermaliq's
# side of the recipe on one server):
#  - the seed-replace triggers of fuels and benchmarks read and write only
#    the table they fire on: on a copy named like a Citus placement
#    (fuels_102008) a re-inserted seed row lands in, and replaces within,
#    that copy and leaves thermaliq.fuels alone (the 1.0 trigger updated
#    thermaliq.fuels and inserted nothing into the copy);
#  - no UPDATE of calculations or a registry table, in any thermaliq
#    function, calls a volatile function (Citus refuses those in writes it
#    routes): calculate() computes clock_timestamp() into a variable first;
#  - the registry tables reference only registry tables, so all of them can
#    be reference tables.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('citus_ready');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
	SET client_min_messages = warning;
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
});

sub sqlstate
{
	my ($sql) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', "\\set VERBOSITY verbose\n$sql", on_error_stop => 1);
	return $err =~ /ERROR:\s+([0-9A-Z]{5})/ ? $1 : "no error (ret $ret)";
}

for my $t (
	[ 'fuels', q{fuel_id = 'methane'}, 'fuel_seed_rows', q{UPDATE thermaliq.fuels_102008 SET name = 'edited'} ],
	[ 'benchmarks', q{(process_type, fuel_class, condensing, percentile) = ('boiler', 'any', false, 50)}, 'benchmark_seed_rows',
	  q{UPDATE thermaliq.benchmarks_102009 SET efficiency_pct = 80} ])
{
	my ($table, $key, $seed, $edit) = @$t;
	my $copy = $table eq 'fuels' ? 'fuels_102008' : 'benchmarks_102009';
	my $digest = qq{SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM thermaliq.$table t};
	my $before = $node->safe_psql('postgres', $digest);
	$node->safe_psql('postgres', qq{
		CREATE TABLE thermaliq.$copy (LIKE thermaliq.$table INCLUDING ALL);
		CREATE TRIGGER ${table}_replace_seed BEFORE INSERT ON thermaliq.$copy
			FOR EACH ROW EXECUTE FUNCTION thermaliq.${table}_replace_seed();
		INSERT INTO thermaliq.$copy SELECT * FROM thermaliq.$seed() WHERE $key;
	});
	is($node->safe_psql('postgres', qq{SELECT count(*) FROM thermaliq.$copy}), '1',
		"$table: a seed row inserted into the placement-like copy lands in the copy");
	$node->safe_psql('postgres', qq{INSERT INTO thermaliq.$copy SELECT * FROM thermaliq.$seed() WHERE $key});
	is($node->safe_psql('postgres', qq{SELECT count(*) FROM thermaliq.$copy}), '1',
		"$table: inserted again, the untouched seed row is replaced within the copy (no duplicate, no error)");
	$node->safe_psql('postgres', $edit);
	is(sqlstate(qq{INSERT INTO thermaliq.$copy SELECT * FROM thermaliq.$seed() WHERE $key}), '23505',
		"$table: over an edited row of the copy, the primary key reports the duplicate (23505)");
	is($node->safe_psql('postgres', $digest), $before, "$table: thermaliq.$table itself is untouched");
}

# The same triggers on the real tables keep their dump/restore rule
# (test/t/045_fuels_dump.pl and 071 test the whole round trip).
$node->safe_psql('postgres', q{INSERT INTO thermaliq.fuels SELECT * FROM thermaliq.fuel_seed_rows() WHERE fuel_id = 'propane'});
is($node->safe_psql('postgres', q{SELECT count(*) FROM thermaliq.fuels WHERE fuel_id = 'propane'}), '1',
	'thermaliq.fuels: a re-inserted untouched seed row replaces itself');

# No UPDATE statement of any thermaliq function calls a volatile function.
my @bodies = split /\x1e/, $node->safe_psql('postgres', q{
	SELECT string_agg(p.oid::regprocedure || E'\x1f' || p.prosrc, E'\x1e')
	FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	WHERE p.pronamespace = 'thermaliq'::regnamespace AND l.lanname IN ('plpgsql', 'sql')});
my @volatile = split /\n/, $node->safe_psql('postgres', q{
	SELECT p.proname FROM pg_proc p WHERE p.provolatile = 'v' AND p.pronamespace = 'pg_catalog'::regnamespace
		AND p.proname IN ('clock_timestamp', 'timeofday', 'random', 'nextval', 'gen_random_uuid', 'txid_current', 'pg_current_xact_id')});
my $vol = join('|', @volatile);
# the tables Citus holds (distributed or reference) and routes writes to
my $routed = join('|', 'calculations', map { s/^thermaliq\.//r } split /\n/,
	$node->safe_psql('postgres', q{SELECT unnest(thermaliq.registry_tables())}));
my @bad;
for my $b (@bodies)
{
	my ($fn, $src) = split /\x1f/, $b, 2;
	for my $stmt (split /;/, $src)
	{
		push @bad, "$fn: $stmt" if $stmt =~ /^\s*UPDATE\s+thermaliq\.($routed)\b/mi && $stmt =~ /\b($vol)\s*\(/i;
	}
}
ok(scalar(@volatile) >= 5, 'the volatile functions looked for exist: ' . join(', ', @volatile));
is(scalar(@bad), 0, "no UPDATE of a table Citus holds ($routed) calls a volatile function") or diag(join("\n---\n", @bad));
like($node->safe_psql('postgres', q{SELECT prosrc FROM pg_proc WHERE oid = 'thermaliq.calculate(text, timestamptz, timestamptz, jsonb, regclass)'::regprocedure}),
	qr/v_finished := clock_timestamp\(\)/, 'calculate() takes the clock into a variable');

# The registry can all be reference tables: it references only itself.
is($node->safe_psql('postgres', q{
	SELECT coalesce(string_agg(conrelid::regclass || ' -> ' || confrelid::regclass, ', '), 'none')
	FROM pg_constraint
	WHERE contype = 'f' AND conrelid::regclass::text = ANY (thermaliq.registry_tables())
		AND NOT confrelid::regclass::text = ANY (thermaliq.registry_tables())}),
	'none', 'registry foreign keys point only into the registry');
is($node->safe_psql('postgres', q{
	SELECT count(*) FROM unnest(thermaliq.registry_tables()) t
	WHERE NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t::regclass AND c.contype = 'p')}),
	'0', 'every registry table has a primary key (replica identity for replication)');

$node->stop;
done_testing();
