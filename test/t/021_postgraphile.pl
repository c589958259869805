# A real HTTP server in front of thermaliq_api: PostGraphile v4 (npm; the
# PostgREST binary is not installable here) through PgBouncer (transaction
# pooling, SCRAM) as the authenticator, switching the role per request
# from the JWT "role" claim exactly as PostgREST does (set_config('role',
# ..., true) in the request's transaction) and defaulting to
# thermaliq_anon. Tokens are HS256, signed here. Two tenants' tokens each
# get their own data and never the other's; the admin's gets both.
use strict;
use warnings;
use File::Basename qw(dirname);
use lib dirname(__FILE__);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use HTTP::Tiny;
use JSON::PP;
use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use IPC::Run;
use TenancyFront;

plan skip_all => 'pgbouncer is not installed' unless -x '/usr/sbin/pgbouncer';
my ($pgl) = grep { -x } map { "$_/postgraphile" } split /:/, $ENV{PATH};
plan skip_all => 'postgraphile is not installed (scripts/deps.sh installs it)' unless $pgl;

my $node = TenancyFront::start_node('graphile');
my $dir = PostgreSQL::Test::Utils::tempdir;
my ($bport, $stop_bouncer) = TenancyFront::start_bouncer($node, $dir);
my ($t0, $t1) = TenancyFront::period($node);

my $secret = 'graphile-test-secret-0123456789abcdef';
my $hport = PostgreSQL::Test::Cluster::get_free_port();
my @cmd = ($pgl, '-c', "postgres://authenticator:$TenancyFront::PASSWORD\@127.0.0.1:$bport/thermaliq",
	'--schema', 'thermaliq_api', '--host', '127.0.0.1', '--port', $hport,
	'--jwt-secret', $secret, '--jwt-verify-audience', 'thermaliq', '--default-role', 'thermaliq_anon',
	# thermaliq_api belongs to the extension, which PostGraphile hides by default
	'--include-extension-resources', '--dynamic-json', '--disable-graphiql', '--disable-query-log');
my ($gout, $gerr) = ('', '');
my $server = IPC::Run::start(\@cmd, '>', \$gout, '2>', \$gerr);
my $stop = sub {
	$server->kill_kill(grace => 5) if $server && $server->pumpable;
	$stop_bouncer->() if $stop_bouncer;
};
END { $stop->() if $stop; }

my $http = HTTP::Tiny->new(timeout => 30);
my $url = "http://127.0.0.1:$hport/graphql";
my $up = 0;
for (1 .. 120)
{
	my $r = $http->post($url, { headers => { 'Content-Type' => 'application/json' },
		content => '{"query":"{ __typename }"}' });
	if ($r->{status} == 200) { $up = 1; last; }
	select undef, undef, undef, 0.5;
}
ok($up, "PostGraphile serves thermaliq_api on 127.0.0.1:$hport") or BAIL_OUT("PostGraphile did not start:\n$gout\n$gerr");

# An HS256 JWT with the given claims.
sub jwt
{
	my %claims = (aud => 'thermaliq', exp => time + 600, @_);
	my $key = delete $claims{secret} // $secret;
	my $h = encode_base64url(encode_json({ alg => 'HS256', typ => 'JWT' }));
	my $p = encode_base64url(JSON::PP->new->canonical->encode(\%claims));
	return "$h.$p." . encode_base64url(hmac_sha256("$h.$p", $key));
}
my %tok = (
	a => jwt(role => 'tq_ten_a', sub => 'alice'),
	b => jwt(role => 'tq_ten_b', sub => 'bob'),
	boss => jwt(role => 'tq_boss', sub => 'root'));

# POST /graphql; returns (status, decoded body).
sub gql
{
	my ($token, $query, $vars) = @_;
	my %h = ('Content-Type' => 'application/json');
	$h{Authorization} = "Bearer $token" if defined $token;
	my $r = $http->post($url, { headers => \%h, content => encode_json({ query => $query, variables => $vars // {} }) });
	my $body = eval { decode_json($r->{content}) } // { raw => $r->{content} };
	return ($r->{status}, $body);
}
sub errors { my $b = shift; return join '; ', map { $_->{message} } @{ $b->{errors} // [] }; }

my %p = (from => $t0, to => $t1);
my $fq = '{ facilities { nodes { facilityId name } } }';
my $ids = sub { my $b = shift; join ',', map { $_->{facilityId} } @{ $b->{data}{facilities}{nodes} // [] } };
my (undef, $ba) = gql($tok{a}, $fq);
is($ids->($ba), 'ta', 'A\'s token: facilities ta only');
my (undef, $bb) = gql($tok{b}, $fq);
is($ids->($bb), 'tb', 'B\'s token: facilities tb only');
my (undef, $bx) = gql($tok{boss}, $fq);
is($ids->($bx), 'ta,tb', 'the admin\'s token: both');
my (undef, $bn) = gql(undef, $fq);
like(errors($bn), qr/permission denied for function facilities/, 'no token (thermaliq_anon): permission denied, no data');
my (undef, $fu) = gql(undef, '{ fuels { nodes { fuelId } } }');
ok(grep({ $_->{fuelId} eq 'natural_gas' } @{ $fu->{data}{fuels}{nodes} // [] }), 'no token: the fuels');
my ($st, $bf) = gql(jwt(role => 'tq_ten_b', secret => 'not-the-secret-0123456789abcdef'), $fq);
ok($st != 200 || (errors($bf) ne '' && !$bf->{data}{facilities}), 'a token signed with another secret is refused')
  or diag(encode_json($bf));
my (undef, $bw) = gql(jwt(role => 'tq_ten_b', aud => 'someone-else'), $fq);
ok(errors($bw) ne '' && !$bw->{data}{facilities}, 'a token for another audience is refused');

my $hbq = 'query($f: String, $from: Datetime, $to: Datetime) { heatBalance(facility: $f, periodFrom: $from, periodTo: $to) { nodes { category stream energyKwh } } }';
my $input = sub { my $b = shift; my ($r) = grep { $_->{category} eq 'input' } @{ $b->{data}{heatBalance}{nodes} // [] }; $r ? sprintf('%.6f', $r->{energyKwh}) : errors($b) };
my (undef, $h1) = gql($tok{a}, $hbq, { f => 'ta', %p });
is($input->($h1), '100.000000', 'A\'s heat balance over HTTP: 100 kWh in');
my (undef, $h2) = gql($tok{b}, $hbq, { f => 'tb', %p });
is($input->($h2), '200.000000', 'B\'s: 200 kWh in');
for my $f ('tb', 'nowhere')
{
	my (undef, $h3) = gql($tok{a}, $hbq, { f => $f, %p });
	is(errors($h3), "unknown facility \"$f\"", "A's heat balance of \"$f\": unknown facility");
}
my (undef, $h4) = gql($tok{boss}, $hbq, { f => 'tb', %p });
is($input->($h4), '200.000000', 'the admin\'s heat balance of tb: 200 kWh in');

my (undef, $an) = gql($tok{b}, 'query($from: Datetime, $to: Datetime) { analyze(facility: "tb", periodFrom: $from, periodTo: $to) }', \%p);
is(sprintf('%.6f', $an->{data}{analyze}{first_law}{input_output_efficiency_pct} // -1), '75.000000',
	'B\'s analyze over HTTP: 75 %');
my (undef, $sv) = gql($tok{b}, 'query($from: Datetime, $to: Datetime) { sankeySvg(facility: "tb", periodFrom: $from, periodTo: $to) }', \%p);
like($sv->{data}{sankeySvg} // errors($sv), qr{<svg .*</svg>}s, 'B\'s Sankey SVG over HTTP');
my (undef, $sj) = gql($tok{a}, 'query($from: Datetime, $to: Datetime) { sankey(facility: "tb", periodFrom: $from, periodTo: $to) }', \%p);
is(errors($sj), 'unknown facility "tb"', 'A\'s Sankey of tb: unknown facility');

my $cq = 'mutation($f: String, $from: Datetime, $to: Datetime) { calculate(input: {facility: $f, periodFrom: $from, periodTo: $to}) { json } }';
my (undef, $c1) = gql($tok{a}, $cq, { f => 'ta', %p });
my $calc = $c1->{data}{calculate}{json} // {};
is(($calc->{status} // errors($c1)) . ':' . sprintf('%.6f', $calc->{result}{first_law}{input_output_efficiency_pct} // -1),
	'completed:80.000000', 'A\'s calculate mutation stores 80 %');
my (undef, $c2) = gql($tok{a}, $cq, { f => 'tb', %p });
is(errors($c2), 'unknown facility "tb"', 'A\'s calculate for tb: unknown facility');
my $idq = 'query($id: BigInt) { calculation(id: $id) }';
my (undef, $g1) = gql($tok{b}, $idq, { id => "$calc->{calculation_id}" });
ok(exists $g1->{data}{calculation} && !defined $g1->{data}{calculation}, 'B gets null for A\'s calculation')
  or diag(encode_json($g1));
my (undef, $g2) = gql($tok{boss}, $idq, { id => "$calc->{calculation_id}" });
is($g2->{data}{calculation}{facility_id}, 'ta', 'the admin gets A\'s calculation');
my (undef, $g3) = gql($tok{b}, '{ calculations { nodes { facilityId } } }');
is(scalar @{ $g3->{data}{calculations}{nodes} // [1] }, 0, 'B\'s history over HTTP is empty');
is($node->safe_psql('postgres', q{SELECT string_agg(facility_id || ':' || status, ',' ORDER BY calculation_id) FROM thermaliq.calculations}),
	'ta:completed', 'the history holds A\'s one calculation, nothing for tb');

# Every thermaliq_api function that takes a facility (from the catalog),
# over HTTP as A: B's facility gives exactly what a missing one gives; the
# admin gets B's data (from all but calculations: B has none here).
my @api = map { [ split /\|/ ] } split /\n/, $node->safe_psql('postgres', q{
	SELECT proname, proretset, provolatile, 'period_from' = ANY (proargnames) FROM pg_proc
	WHERE pronamespace = 'thermaliq_api'::regnamespace AND 'facility' = ANY (proargnames) ORDER BY 1});
cmp_ok(scalar @api, '>=', 7, scalar(@api) . ' API functions take a facility');
my $http_outcome = sub {
	my ($token, $fn, $set, $vol, $period, $f) = @_;
	(my $field = $fn) =~ s/_(\w)/\u$1/g;
	my $args = qq{facility: "$f"} . ($period ? qq{, periodFrom: "$t0", periodTo: "$t1"} : '');
	my $q = $vol eq 'v' ? "mutation { $field(input: {$args}) { json } }"
	  : $set eq 't' ? "{ $field($args) { nodes { __typename } } }"
	  : "{ $field($args) }";
	my (undef, $b) = gql($token, $q);
	my $r = JSON::PP->new->canonical->encode({ data => $b->{data}, errors => errors($b) });
	$r =~ s/\bnowhere\b/tb/g;
	return $r;
};
my (@hdiff, $hadmin);
for my $f (@api)
{
	my $b = $http_outcome->($tok{a}, @$f, 'tb');
	my $x = $http_outcome->($tok{a}, @$f, 'nowhere');
	push @hdiff, "$f->[0]: A gets $b for tb, $x for a missing facility" if $b ne $x;
	$hadmin++ if $f->[2] ne 'v' && $http_outcome->($tok{boss}, @$f, 'tb') ne $x;
}
is(join("\n", @hdiff), '', 'over HTTP, every API function gives A for B\'s facility what it gives for a missing one');
cmp_ok($hadmin // 0, '>=', 5, "and the admin gets B's data from $hadmin of them: the comparison can fail");
is($node->safe_psql('postgres', q{SELECT count(*) FROM thermaliq.calculations WHERE facility_id <> 'ta'}), '0',
	'still nothing stored for tb');

$stop->();
$stop = undef;
$node->stop;
done_testing();
