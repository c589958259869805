# The HTTP front without an HTTP server: the SQL PostgREST sends per request
# (role and claims transaction-local, then the RPC call with named
# arguments, a JSON body for POST), directly to the server and through
# PgBouncer in transaction mode with SCRAM, both logged in as the
# authenticator of deploy/postgrest/postgrest.conf. Two tenants each get
# their own data and never the other's, an admin gets both, nothing of a
# request survives into the next one on the same server connection, and
# the extended protocol (pgbench -M extended) works through the pooler.
# test/t/021_postgraphile.pl does the same over HTTP.
use strict;
use warnings;
use File::Basename qw(dirname);
use lib dirname(__FILE__);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use JSON::PP;
use TenancyFront;

plan skip_all => 'pgbouncer is not installed' unless -x '/usr/sbin/pgbouncer';
my $src = $ENV{THERMALIQ_SRC} or BAIL_OUT('THERMALIQ_SRC is not set');

my $node = TenancyFront::start_node('front');
my $dir = PostgreSQL::Test::Utils::tempdir;
# one server connection: every request of every client goes through it, so
# a leaked role or claim would show in the next request
my ($bport, $stop, $ini, $users) = TenancyFront::start_bouncer($node, $dir, default_pool_size => 1);
END { $stop->() if $stop; }
my ($t0, $t1) = TenancyFront::period($node);

# deploy/ is what runs here
like($ini, qr/^pool_mode = transaction$/m, 'deploy/pgbouncer/pgbouncer.ini: transaction pooling');
like($ini, qr/^auth_type = scram-sha-256$/m, 'deploy/pgbouncer/pgbouncer.ini: SCRAM');
like($users, qr/^"authenticator" "SCRAM-SHA-256\$4096:[^"]+"$/m,
	'deploy/pgbouncer/userlist.sql: the authenticator\'s SCRAM verifier from pg_authid');
my $conf = slurp_file("$src/deploy/postgrest/postgrest.conf");
my %pgrst = $conf =~ /^([a-z-]+)\s*=\s*"?([^"\n]*)"?\s*$/mg;
is($pgrst{'db-schemas'}, 'thermaliq_api', 'postgrest.conf exposes thermaliq_api');
is($pgrst{'db-anon-role'}, 'thermaliq_anon', 'postgrest.conf: anonymous requests run as thermaliq_anon');
is($pgrst{'db-prepared-statements'}, 'false', 'postgrest.conf: no prepared statements (transaction pooling)');
like($pgrst{'db-uri'}, qr{^postgres://authenticator:[^@]+\@127\.0\.0\.1:6432/thermaliq$},
	'postgrest.conf: logs in as authenticator through PgBouncer (the port and database of pgbouncer.ini)');

# SCRAM is enforced: the wrong password is refused by PgBouncer and the server
for my $t ([ 'PgBouncer', $bport, 'thermaliq' ], [ 'server', $node->port, 'postgres' ])
{
	my ($ok, $out, $err) = TenancyFront::psql_tcp($t->[1], 'SELECT 1', password => 'wrong', dbname => $t->[2]);
	ok(!$ok && $err =~ /password authentication failed|SASL authentication failed/, "$t->[0] refuses a wrong password")
	  or diag($err);
}

# One PostgREST request: the statements PostgREST 12 sends, with the values
# inlined (the pgbench part below binds them as parameters).
sub q_lit { my $s = shift; $s =~ s/'/''/g; return "'$s'"; }
sub request
{
	my (%r) = @_;
	my $claims = encode_json({ role => $r{role}, sub => $r{role} });
	my $args = join ', ', map { sprintf '"%s" := %s', $_, q_lit($r{args}{$_}) } sort keys %{ $r{args} };
	my $fn = qq{"thermaliq_api"."$r{fn}"};
	my $setrole = $r{set_local_role}
	  ? "SET LOCAL ROLE $r{role};\nSELECT set_config('request.jwt.claims', " . q_lit($claims) . ", true);"
	  : "SELECT set_config('search_path', '\"thermaliq_api\", \"public\"', true), set_config('role', "
		. q_lit($r{role}) . ", true), set_config('request.jwt.claims', " . q_lit($claims)
		. ", true), set_config('request.method', '" . ($r{body} ? 'POST' : 'GET')
		. "', true), set_config('request.path', '/rpc/$r{fn}', true);";
	my $source;
	if ($r{body})
	{
		# POST /rpc/fn with a JSON object: json_to_recordset, one argument each
		my $cols = join ', ', map { qq{"$_->[0]" $_->[1]} } @{ $r{body_types} };
		my $call = join ', ', map { qq{"$_->[0]" := (SELECT "$_->[0]" FROM pgrst_args LIMIT 1)} } @{ $r{body_types} };
		$source = "pgrst_payload AS (SELECT " . q_lit(encode_json($r{body})) . "::json AS json_data), "
		  . "pgrst_body AS (SELECT CASE WHEN json_typeof(json_data) = 'array' THEN json_data ELSE json_build_array(json_data) END AS val FROM pgrst_payload), "
		  . "pgrst_args AS (SELECT * FROM json_to_recordset((SELECT val FROM pgrst_body)) AS _($cols)), "
		  . "pgrst_source AS (SELECT $fn($call) pgrst_scalar)";
	}
	elsif ($r{scalar})
	{
		$source = "pgrst_source AS (SELECT $fn($args) pgrst_scalar)";
	}
	else
	{
		$source = "pgrst_source AS (SELECT pgrst_call.* FROM $fn($args) pgrst_call)";
	}
	my $body = ($r{scalar} || $r{body})
	  ? "coalesce((json_agg(_postgrest_t.pgrst_scalar)->0)::text, 'null')"
	  : "coalesce(json_agg(_postgrest_t), '[]')::character varying";
	my $ro = $r{body} ? '' : ' READ ONLY';
	return <<"SQL";
BEGIN ISOLATION LEVEL READ COMMITTED$ro;
$setrole
WITH $source SELECT $body AS body FROM (SELECT * FROM pgrst_source) _postgrest_t;
COMMIT;
SQL
}

# Runs a request; returns the decoded body, or the error text.
sub run_request
{
	my ($port, $db, %r) = @_;
	my ($ok, $out, $err) = TenancyFront::psql_tcp($port, request(%r), dbname => $db);
	return "ERROR: $err" unless $ok;
	# line 1: the set_config() row; then the body (json_agg breaks lines)
	my ($first, $body) = split /\n/, $out, 2;
	return JSON::PP->new->allow_nonref->decode($body);
}

my %period = (period_from => $t0, period_to => $t1);
for my $t ([ 'direct', $node->port, 'postgres' ], [ 'PgBouncer', $bport, 'thermaliq' ])
{
	my ($via, $port, $db) = @$t;
	my $ids = sub { join ',', map { $_->{facility_id} } @{ $_[0] } };

	# GET /rpc/facilities
	my $a = run_request($port, $db, role => 'tq_ten_a', fn => 'facilities', args => {}, set_local_role => 1);
	is(ref $a ? $ids->($a) : $a, 'ta', "$via: GET /rpc/facilities as A (SET LOCAL ROLE): ta only");
	my $b = run_request($port, $db, role => 'tq_ten_b', fn => 'facilities', args => {});
	is(ref $b ? $ids->($b) : $b, 'tb', "$via: as B (set_config('role')): tb only");
	my $boss = run_request($port, $db, role => 'tq_boss', fn => 'facilities', args => {});
	is(ref $boss ? $ids->($boss) : $boss, 'ta,tb', "$via: as admin: both");
	my $anon = run_request($port, $db, role => 'thermaliq_anon', fn => 'facilities', args => {});
	like($anon, qr/permission denied for function facilities/, "$via: anonymous: 42501, not data");
	my $fuels = run_request($port, $db, role => 'thermaliq_anon', fn => 'fuels', args => {});
	ok(ref $fuels && grep({ $_->{fuel_id} eq 'natural_gas' } @$fuels), "$via: anonymous reads the fuels");

	# GET /rpc/heat_balance: 100 kWh of gas for A, 200 for B; B's facility is absent for A
	my $hb = run_request($port, $db, role => 'tq_ten_a', fn => 'heat_balance', args => { facility => 'ta', %period });
	my ($in) = ref $hb ? map { $_->{energy_kwh} } grep { $_->{category} eq 'input' } @$hb : ($hb);
	is(ref $hb ? sprintf('%.6f', $in) : $hb, '100.000000', "$via: A's heat balance: 100 kW x 1 h = 100 kWh in");
	for my $f ('tb', 'nowhere')
	{
		my $x = run_request($port, $db, role => 'tq_ten_a', fn => 'heat_balance', args => { facility => $f, %period });
		like($x, qr/ERROR:\s+unknown facility "$f"/, "$via: A's heat balance of \"$f\": unknown facility");
	}
	my $sk = run_request($port, $db, role => 'tq_ten_b', fn => 'sankey', args => { facility => 'tb', %period }, scalar => 1);
	is(ref $sk ? sprintf('%.6f', $sk->{links}[0]{energy_kwh}) : $sk, '200.000000', "$via: B's Sankey JSON: 200 kWh of gas");
	my $svg = run_request($port, $db, role => 'tq_ten_b', fn => 'sankey_svg', args => { facility => 'tb', %period }, scalar => 1);
	like(ref $svg ? '' : $svg, qr{^<\?xml.*<svg .*</svg>\s*$}s, "$via: B's Sankey as SVG");
	my $an = run_request($port, $db, role => 'tq_ten_b', fn => 'analyze', args => { facility => 'tb', %period, options => '{}' }, scalar => 1);
	is(ref $an ? sprintf('%.6f', $an->{first_law}{input_output_efficiency_pct}) : $an, '75.000000',
		"$via: B's GET /rpc/analyze: 150 / 200 = 75 %");

	# POST /rpc/calculate with a JSON body
	my @types = ([ 'facility', 'text' ], [ 'period_from', 'timestamptz' ], [ 'period_to', 'timestamptz' ]);
	my $c = run_request($port, $db, role => 'tq_ten_a', fn => 'calculate', body => { facility => 'ta', %period }, body_types => \@types);
	is(ref $c ? "$c->{status}:" . sprintf('%.6f', $c->{result}{first_law}{input_output_efficiency_pct}) : $c,
		'completed:80.000000', "$via: A's POST /rpc/calculate stores 80 %");
	my $cb = run_request($port, $db, role => 'tq_ten_a', fn => 'calculate', body => { facility => 'tb', %period }, body_types => \@types);
	like($cb, qr/ERROR:\s+unknown facility "tb"/, "$via: A's POST /rpc/calculate for tb: unknown facility");
	my $mine = run_request($port, $db, role => 'tq_ten_b', fn => 'calculation', args => { id => $c->{calculation_id} // 0 }, scalar => 1);
	is(ref $mine ? 'object' : $mine // 'null', 'null', "$via: B's GET /rpc/calculation?id=(A's): null");
	my $own = run_request($port, $db, role => 'tq_ten_a', fn => 'calculation', args => { id => $c->{calculation_id} // 0 }, scalar => 1);
	is(ref $own ? $own->{facility_id} : $own, 'ta', "$via: A's GET /rpc/calculation?id=(A's): its row");
}
is($node->safe_psql('postgres', q{SELECT string_agg(facility_id || ':' || status, ',' ORDER BY calculation_id) FROM thermaliq.calculations}),
	'ta:completed,ta:completed', 'the history holds the two calculations A made, nothing for tb');

# Every function that takes a facility (from the catalog), through
# PgBouncer as A: B's facility gives exactly what a missing one gives, and
# the admin gets something else (B's data).
my @calls = TenancyFront::facility_calls($node, $t0, $t1);
cmp_ok(scalar @calls, '>=', 20, scalar(@calls) . ' functions take a facility');
my $outcome = sub {
	my ($role, $sql, $f) = @_;
	$sql =~ s/FACILITY/$f/;
	my ($ok, $out, $err) = TenancyFront::psql_tcp($bport,
		"BEGIN;\nSET LOCAL ROLE $role;\nSELECT string_agg(x::text, ';') FROM ($sql) x;\nROLLBACK;\n", dbname => 'thermaliq');
	my $r = $ok ? $out : $err;
	$r =~ s/^(psql:|LINE|\s+\^|CONTEXT:).*\n?//mg;    # positions and stacks
	$r =~ s/\bnowhere\b/tb/g;
	return $r;
};
my (@differ, $admin_differs);
for my $c (@calls)
{
	my ($fn, $sql) = @$c;
	my $b = $outcome->('tq_ten_a', $sql, 'tb');
	my $x = $outcome->('tq_ten_a', $sql, 'nowhere');
	push @differ, "$fn: A gets [$b] for tb, [$x] for a missing facility" if $b ne $x;
	$admin_differs++ if $outcome->('tq_boss', $sql, 'tb') ne $x;
}
is(join("\n", @differ), '', 'through PgBouncer, every function gives A for B\'s facility what it gives for a missing one');
cmp_ok($admin_differs // 0, '>=', 12, "and the admin gets B's data from $admin_differs of them: the comparison can fail");

# Every table, partition, view and materialized view with a facility_id
# column (from the catalog), through PgBouncer as A: none of B's rows.
my @rels = split /\n/, $node->safe_psql('postgres', q{
	SELECT c.oid::regclass FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
	WHERE a.attname = 'facility_id' AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
	  AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
	ORDER BY 1::text});
cmp_ok(scalar @rels, '>=', 7, scalar(@rels) . ' relations have a facility_id');
my @seen;
for my $rel (@rels)
{
	my ($ok, $out, $err) = TenancyFront::psql_tcp($bport,
		"BEGIN;\nSET LOCAL ROLE tq_ten_a;\nSELECT count(*) FROM $rel WHERE facility_id = 'tb';\nCOMMIT;\n", dbname => 'thermaliq');
	push @seen, "$rel: " . ($ok ? $out : $err) unless ($ok && $out =~ /^0\s*$/) || $err =~ /permission denied/;
}
is(join('; ', @seen), '', 'through PgBouncer, A reads none of B\'s rows in any of them');

# Nothing leaks into the next transaction on the one server connection.
my ($ok, $out, $err) = TenancyFront::psql_tcp($bport, <<'SQL', dbname => 'thermaliq');
BEGIN;
SET LOCAL ROLE tq_ten_a;
SELECT set_config('request.jwt.claims', '{"role":"tq_ten_a"}', true) IS NOT NULL;
COMMIT;
SELECT current_user || '|' || coalesce(nullif(current_setting('request.jwt.claims', true), ''), 'no claims');
SELECT count(*) FROM thermaliq.facilities;
SQL
my @lines = grep { length } split /\n/, $out;
is($lines[1], 'authenticator|no claims', 'role and claims do not outlive the request');
ok(!$ok && $err =~ /permission denied for table facilities/,
	'authenticator itself (NOINHERIT) reads nothing') or diag($err);

# The extended protocol through the pooler: parameters bound, role and
# claims by set_config, 400 requests of four clients alternating tenants on
# one server connection; a request that saw the other tenant's facility (or
# none) divides by zero and fails the run.
open my $fh, '>', "$dir/rpc.sql" or die;
print $fh <<'SQL';
\set t random(0, 1)
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT set_config('role', (ARRAY['tq_ten_a', 'tq_ten_b'])[:t::int + 1], true), set_config('request.jwt.claims', '{"role":"x"}', true);
SELECT 1 / (count(*) = 1 AND min(facility_id) = (ARRAY['ta', 'tb'])[:t::int + 1])::int FROM "thermaliq_api"."facilities"();
COMMIT;
SQL
close $fh;
{
	local $ENV{PGPASSWORD} = $TenancyFront::PASSWORD;
	$ok = IPC::Run::run([ 'pgbench', '-n', '-h', '127.0.0.1', '-p', $bport, '-U', 'authenticator',
		'-M', 'extended', '-c', '4', '-t', '100', '-f', "$dir/rpc.sql", 'thermaliq' ], '>', \$out, '2>', \$err);
}
ok($ok && $out =~ /number of transactions actually processed: 400\/400/ && $out =~ /number of failed transactions: 0/,
	'pgbench -M extended through PgBouncer: 400 tenant requests, each saw its own facility only') or diag("$out\n$err");

$stop->();
$stop = undef;
$node->stop;
done_testing();
