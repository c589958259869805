#!/usr/bin/env bash
# scripts/fuzz.sh: `make fuzz`. Builds and installs thermaliq into the
# private PostgreSQL copy, starts a server of its own (its own data
# directory $TQ_TMP/fuzz, its own loopback port, a log that names each
# error's SQLSTATE and application), loads test/fuzz/setup.sql, runs
# test/fuzz/fuzz.py (calls, payloads, sqlsmith) and stops the server, also
# on failure. Exit status 1 on any finding not in test/fuzz/allowlist.txt.
#   FUZZ_SECONDS   total run time (default 60)
#   FUZZ_SEED      seed (default: random, printed)
#   FUZZ_SQLSMITH  share of the time for sqlsmith (default 0.3)
#   FUZZ_SELFTEST=1  kill one fuzz backend with SIGSEGV and pass only if
#                  the run reports it (make test runs this for 15 s)
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_SEED=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
FUZZ_SQLSMITH=${FUZZ_SQLSMITH:-0.3}
fdir=$TQ_TMP/fuzz
fport=${THERMALIQ_FUZZ_PORT:-$((40000 + TQ_HASH % 20000))}
flog=$fdir/server.log

scripts/cluster.sh install || exit 1
command -v sqlsmith >/dev/null || { echo "sqlsmith is not installed (scripts/deps.sh)" >&2; exit 1; }

stop() {
	if [ -f "$fdir/data/postmaster.pid" ]; then
		runuser -u postgres -- "$TQ_BIN/pg_ctl" -D "$fdir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
}
trap stop EXIT
trap 'exit 130' INT TERM

stop
rm -rf "$fdir"
install -d -o postgres -g postgres -m 700 "$fdir"
runuser -u postgres -- "$TQ_BIN/initdb" -D "$fdir/data" -U postgres --auth=trust \
	--encoding=UTF8 --locale=C.UTF-8 >/dev/null || exit 1
cat >> "$fdir/data/postgresql.conf" <<CONF
# thermaliq fuzz server
listen_addresses = '127.0.0.1'
port = $fport
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 128MB
max_connections = 20
log_line_prefix = '%m [%p] %a %e: '
log_min_messages = warning
log_min_error_statement = error
restart_after_crash = on
timezone = 'UTC'
CONF
tq_say "fuzz server on 127.0.0.1:$fport ($fdir)"
runuser -u postgres -- "$TQ_BIN/pg_ctl" -D "$fdir/data" -l "$flog" -w -t 60 start >/dev/null || { tail -20 "$flog"; exit 1; }
psql -X -q -h 127.0.0.1 -p "$fport" -d postgres -c "CREATE DATABASE fuzz" || exit 1
psql -X -q -h 127.0.0.1 -p "$fport" -d fuzz -v ON_ERROR_STOP=1 -f test/fuzz/setup.sql >/dev/null || exit 1

if [ "${FUZZ_SELFTEST:-0}" = 1 ]; then
	# The fuzzer must notice a crash: a SIGSEGV sent to one of its backends
	# after 5 s has to end the run with a "signal" finding and status 1.
	tq_say "fuzz self-test: a backend is killed with SIGSEGV"
	( sleep 5
	  pid=$(psql -X -At -h 127.0.0.1 -p "$fport" -d postgres -c \
		"SELECT pid FROM pg_stat_activity WHERE application_name = 'fuzz' LIMIT 1")
	  [ -n "$pid" ] && kill -SEGV "$pid" ) &
	out=$(/usr/bin/python3 test/fuzz/fuzz.py --port "$fport" --seconds "$FUZZ_SECONDS" --seed "$FUZZ_SEED" \
		--sqlsmith-share 0 --log "$flog" --allowlist test/fuzz/allowlist.txt 2>&1)
	rc=$?
	wait
	echo "$out" | grep -E '^(FINDING signal|fuzz summary)' | cut -c1-200
	if [ "$rc" = 1 ] && grep -q 'FAIL signal' <<<"$out" && grep -q 'terminated by signal 11' <<<"$out"; then
		echo "fuzz self-test: the killed backend was found (connection lost and server log)"; rc=0
	else
		echo "fuzz self-test: the killed backend was NOT reported (status $rc)"; rc=1
	fi
	stop
	trap - EXIT
	exit $rc
fi

tq_say "fuzz for $FUZZ_SECONDS s, seed $FUZZ_SEED"
/usr/bin/python3 test/fuzz/fuzz.py --port "$fport" --seconds "$FUZZ_SECONDS" --seed "$FUZZ_SEED" \
	--sqlsmith-share "$FUZZ_SQLSMITH" --log "$flog" --allowlist test/fuzz/allowlist.txt
rc=$?
stop
trap - EXIT
exit $rc
