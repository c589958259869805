# time_weight, meter_agg and rollup give identical results whatever the plan:
# shuffled input, forced parallel plans, partitionwise aggregation with rows
# in the DEFAULT partition (a month without its own partition, inside the
# series' time range), and the ORDER BY ts reference. Asserts the plan
# shapes too: no Partial aggregate of time_weight anywhere (no COMBINEFUNC),
# while sum() in the same settings does get split, so the settings bite.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('plans');
$node->init;
$node->append_conf('postgresql.conf', "max_worker_processes = 8\nmax_parallel_workers = 4\n");
$node->start;
$node->safe_psql('postgres', q{
	CREATE SCHEMA partman;
	CREATE EXTENSION pg_partman SCHEMA partman;
	CREATE EXTENSION thermaliq;
	ALTER DATABASE postgres SET search_path = public, thermaliq;
	CREATE TABLE r (facility_id text NOT NULL, meter_id text NOT NULL,
		"timestamp" timestamptz NOT NULL, value float8) PARTITION BY RANGE ("timestamp");
	CREATE TABLE r_2026_01 PARTITION OF r FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
	CREATE TABLE r_2026_02 PARTITION OF r FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
	CREATE TABLE r_2026_04 PARTITION OF r FOR VALUES FROM ('2026-04-01') TO ('2026-05-01');
	CREATE TABLE r_default PARTITION OF r DEFAULT;
	SELECT setseed(0.3);
	-- 4 series x 40,000 irregular samples from January to April, with
	-- duplicates (same timestamp, other value), NULLs and gaps; March lands
	-- in DEFAULT.
	INSERT INTO r
	SELECT 'f' || (s % 2), 'm' || (s / 2),
		timestamptz '2026-01-01 00:00+00' + (i * 240 + floor(random() * 200)) * interval '1 second',
		CASE WHEN random() < 0.01 THEN NULL ELSE 100 + 50 * sin(i / 500.0) + random() END
	FROM generate_series(0, 39999) i, generate_series(0, 3) s
	WHERE i % 2000 > 20;  -- 21 missing samples (84 min) every 2000: gaps
	INSERT INTO r SELECT facility_id, meter_id, "timestamp", value - 1 FROM r WHERE random() < 0.02;
	-- cumulative counter with resets for meter_agg
	INSERT INTO r
	SELECT 'f0', 'counter', timestamptz '2026-01-01 00:00+00' + i * interval '5 minutes',
		(i % 7000) * 2.5
	FROM generate_series(0, 34000) i;
	ANALYZE r;
});

is($node->safe_psql('postgres', q{SELECT count(*) > 0 FROM r_default}), 't', 'rows in the DEFAULT partition');
is($node->safe_psql('postgres', q{SELECT count(*) FROM (SELECT 1 FROM r WHERE meter_id <> 'counter' GROUP BY facility_id, meter_id
	HAVING min("timestamp") < '2026-03-01' AND max("timestamp") >= '2026-04-01') x}),
	'4', 'DEFAULT rows lie inside every series\' time range');

my $q_tw = q{SELECT facility_id, meter_id, time_weight("timestamp", value, 'linear', '1 hour')::text
	FROM %s WHERE meter_id <> 'counter' GROUP BY 1, 2 ORDER BY 1, 2};
my $q_ref = q{SELECT facility_id, meter_id, time_weight("timestamp", value, 'linear', '1 hour' ORDER BY "timestamp")::text
	FROM r WHERE meter_id <> 'counter' GROUP BY 1, 2 ORDER BY 1, 2};
my $q_meter = q{SELECT meter_agg("timestamp", value)::text FROM %s WHERE meter_id = 'counter'};
my $q_rollup = q{SELECT facility_id, meter_id, rollup(s)::text FROM (
	SELECT facility_id, meter_id, date_trunc('day', "timestamp"), time_weight("timestamp", value, 'linear', '1 hour') s
	FROM %s WHERE meter_id <> 'counter' GROUP BY 1, 2, 3) d GROUP BY 1, 2 ORDER BY 1, 2};

my $ref = $node->safe_psql('postgres', $q_ref);
my $ref_meter = $node->safe_psql('postgres', sprintf($q_meter, 'r'));
my $ref_rollup = $node->safe_psql('postgres', sprintf($q_rollup, 'r'));
like($ref, qr/samples:\d+,gaps:[1-9]/, 'reference summaries have samples and gaps');

# serial, input in physical order (partitions in turn: DEFAULT rows last)
my $serial = q{SET max_parallel_workers_per_gather = 0; SET enable_partitionwise_aggregate = off;};
is($node->safe_psql('postgres', $serial . sprintf($q_tw, 'r')), $ref, 'serial plan = ORDER BY ts reference');

# shuffled input
my $shuffled = q{(SELECT * FROM r ORDER BY random()) s};
is($node->safe_psql('postgres', $serial . sprintf($q_tw, $shuffled)), $ref, 'ORDER BY random() input = reference');
is($node->safe_psql('postgres', $serial . sprintf($q_meter, $shuffled)), $ref_meter, 'meter_agg: shuffled = in order');
my $reversed = q{(SELECT * FROM r ORDER BY "timestamp" DESC) s};
is($node->safe_psql('postgres', $serial . sprintf($q_tw, $reversed)), $ref, 'reversed input = reference');

# forced parallel plans (PostgreSQL 15: force_parallel_mode)
my $parallel = q{SET force_parallel_mode = on; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
	SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;
	SET parallel_leader_participation = off; SET enable_partitionwise_aggregate = off;};
my $plan = $node->safe_psql('postgres', $parallel . 'EXPLAIN (COSTS OFF) ' . sprintf($q_tw, 'r'));
like($plan, qr/Parallel (Seq|Append)/, 'parallel plan: parallel scan');
unlike($plan, qr/Partial/, 'parallel plan: time_weight is not split into partial aggregates');
my $plan_sum = $node->safe_psql('postgres', $parallel .
	q{EXPLAIN (COSTS OFF) SELECT facility_id, meter_id, sum(value) FROM r GROUP BY 1, 2});
like($plan_sum, qr/Partial (Hash|Group)?Aggregate/, 'same settings: sum() does get a partial aggregate');
is($node->safe_psql('postgres', $parallel . sprintf($q_tw, 'r')), $ref, 'parallel plan = reference');
is($node->safe_psql('postgres', $parallel . sprintf($q_meter, 'r')), $ref_meter, 'meter_agg: parallel = reference');
is($node->safe_psql('postgres', $parallel . sprintf($q_rollup, 'r')), $ref_rollup, 'rollup: parallel = serial');

# partitionwise aggregation with the DEFAULT partition
my $pwise = q{SET enable_partitionwise_aggregate = on; SET enable_partitionwise_join = on;
	SET max_parallel_workers_per_gather = 0;};
$plan = $node->safe_psql('postgres', $pwise . 'EXPLAIN (COSTS OFF) ' . sprintf($q_tw, 'r'));
like($plan, qr/r_default/, 'partitionwise plan scans the DEFAULT partition');
unlike($plan, qr/Partial/, 'partitionwise: time_weight is not split per partition');
$plan_sum = $node->safe_psql('postgres', $pwise .
	q{EXPLAIN (COSTS OFF) SELECT facility_id, meter_id, sum(value) FROM r GROUP BY 1, 2});
like($plan_sum, qr/Partial (Hash|Group)?Aggregate/, 'same settings: sum() is split per partition');
is($node->safe_psql('postgres', $pwise . sprintf($q_tw, 'r')), $ref, 'partitionwise = reference');
is($node->safe_psql('postgres', $pwise . sprintf($q_meter, 'r')), $ref_meter, 'meter_agg: partitionwise = reference');
is($node->safe_psql('postgres', $pwise . sprintf($q_rollup, 'r')), $ref_rollup, 'rollup: partitionwise = serial');

# partitionwise and parallel together, shuffled
is($node->safe_psql('postgres', $pwise . $parallel . q{SET enable_partitionwise_aggregate = on;} . sprintf($q_tw, $shuffled)),
	$ref, 'partitionwise + parallel + shuffled = reference');

# rollup of daily summaries equals the whole range to 1e-9 (stitching adds
# the segments across midnight back)
is($node->safe_psql('postgres', q{SELECT bool_and(abs(thermaliq.integral(a) - thermaliq.integral(b)) <= 1e-9 * abs(thermaliq.integral(b))
	AND thermaliq.coverage(a) = thermaliq.coverage(b) AND thermaliq.gap_count(a) = thermaliq.gap_count(b)
	AND thermaliq.sample_count(a) = thermaliq.sample_count(b))
	FROM (SELECT facility_id, meter_id, thermaliq.rollup(s) a FROM (
		SELECT facility_id, meter_id, date_trunc('day', "timestamp"), time_weight("timestamp", value, 'linear', '1 hour') s
		FROM r WHERE meter_id <> 'counter' GROUP BY 1, 2, 3) d GROUP BY 1, 2) x
	JOIN (SELECT facility_id, meter_id, time_weight("timestamp", value, 'linear', '1 hour') b
		FROM r WHERE meter_id <> 'counter' GROUP BY 1, 2) y USING (facility_id, meter_id)}),
	't', 'rollup of daily summaries = whole range');

$node->stop;
done_testing();
