# bench/lib.sh: sourced by the bench scripts (not run by scripts/bench.sh,
# which runs bench/NN_*.sh only).
#
# median_sql SQL: the median of RUNS timings (ms) of one statement run
# server-side in a loop, after one warm-up run; psql's last output line.
median_sql() {
	psql -X -At -v ON_ERROR_STOP=1 -v q="$1" -v runs="${RUNS:-3}" <<'SQL'
SELECT set_config('bench.q', :'q', false) \gset
SELECT set_config('bench.runs', :'runs', false) \gset
DO $$
DECLARE
	t0 timestamptz;
	i int;
BEGIN
	CREATE TEMP TABLE IF NOT EXISTS bench_t (ms float8);
	TRUNCATE bench_t;
	EXECUTE current_setting('bench.q');
	FOR i IN 1..current_setting('bench.runs')::int LOOP
		t0 := clock_timestamp();
		EXECUTE current_setting('bench.q');
		INSERT INTO bench_t VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
END
$$;
SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) FROM bench_t;
SQL
}
