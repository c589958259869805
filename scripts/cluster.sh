#!/usr/bin/env bash
# scripts/cluster.sh: the throwaway cluster of this checkout.
#   install   build thermaliq and install it into the private PostgreSQL copy
#   start     install, initdb if needed, start (as postgres, loopback only)
#   stop      stop it (no error if it is not running)
#   status    say whether it runs
#   psql ...  psql against it
# VALGRIND=1 start runs the postmaster and its backends under memcheck.
set -euo pipefail
. "$(dirname "$0")/env.sh"

install_private() {
	# Refresh the private copy when the system server or its extension
	# packages changed (dpkg's status file moves on every install).
	local stamp=$TQ_TMP/inst.stamp want
	want=$(stat -c %Y /var/lib/dpkg/status)
	if [ ! -x "$TQ_BIN/postgres" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
		tq_say "private PostgreSQL copy in $TQ_INST"
		rm -rf "$TQ_INST"
		mkdir -p "$TQ_INST/usr/lib/postgresql" "$TQ_INST/usr/share/postgresql"
		cp -a /usr/lib/postgresql/$TQ_PGVER "$TQ_INST/usr/lib/postgresql/"
		cp -a /usr/share/postgresql/$TQ_PGVER "$TQ_INST/usr/share/postgresql/"
		echo "$want" > "$stamp"
	fi
	tq_say "build and install thermaliq"
	make -C "$TQ_ROOT" -s -j"$(nproc)" PG_CONFIG="$TQ_SYSBIN/pg_config" >/dev/null
	make -C "$TQ_ROOT" -s install PG_CONFIG="$TQ_SYSBIN/pg_config" DESTDIR="$TQ_INST" >/dev/null
}

running() {
	[ -f "$TQ_DATA/postmaster.pid" ] && kill -0 "$(head -1 "$TQ_DATA/postmaster.pid")" 2>/dev/null
}

start() {
	install_private
	if running; then
		# A new build needs new backends only; the library is loaded per backend.
		return 0
	fi
	install -d -o postgres -g postgres -m 700 "$TQ_TMP/run"
	if [ ! -f "$TQ_DATA/PG_VERSION" ]; then
		tq_say "initdb $TQ_DATA"
		runuser -u postgres -- "$TQ_BIN/initdb" -D "$TQ_DATA" -U postgres \
			--auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
		cat >> "$TQ_DATA/postgresql.conf" <<CONF
# thermaliq throwaway cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_preload_libraries = 'pg_partman_bgw,pg_cron'
cron.database_name = 'postgres'
pg_partman_bgw.dbname = 'thermaliq_demo'
pg_partman_bgw.role = 'postgres'
pg_partman_bgw.interval = 3600
max_worker_processes = 16
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 512MB
work_mem = 64MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
log_min_messages = warning
timezone = 'UTC'
CONF
	fi
	tq_say "start PostgreSQL on 127.0.0.1:$TQ_PORT"
	if [ "${VALGRIND:-0}" = 1 ]; then
		rm -f "$TQ_TMP"/run/valgrind.*.log
		runuser -u postgres -- valgrind --quiet --trace-children=yes \
			--leak-check=no --num-callers=30 --error-limit=no \
			--suppressions="$TQ_ROOT/scripts/valgrind.supp" \
			--log-file="$TQ_TMP/run/valgrind.%p.log" \
			"$TQ_BIN/postgres" -D "$TQ_DATA" -p "$TQ_PORT" -c jit=off >>"$TQ_LOG" 2>&1 &
		local vpid=$!
		for _ in $(seq 1 300); do
			"$TQ_BIN/pg_isready" -q -h 127.0.0.1 -p "$TQ_PORT" && return 0
			kill -0 "$vpid" 2>/dev/null || break
			sleep 1
		done
		cat "$TQ_TMP"/run/valgrind.*.log >&2 2>/dev/null || true
		echo "server under valgrind did not start; see $TQ_LOG" >&2
		return 1
	fi
	if ! runuser -u postgres -- "$TQ_BIN/pg_ctl" -D "$TQ_DATA" -l "$TQ_LOG" \
		-o "-p $TQ_PORT" -w -t 60 start >/dev/null; then
		tail -20 "$TQ_LOG" >&2
		return 1
	fi
}

stop() {
	if running; then
		tq_say "stop PostgreSQL on port $TQ_PORT"
		runuser -u postgres -- "$TQ_BIN/pg_ctl" -D "$TQ_DATA" -m fast -w -t 120 stop >/dev/null || true
	fi
}

case "${1:-}" in
	install) install_private ;;
	start) start ;;
	stop) stop ;;
	status) if running; then echo "running on port $TQ_PORT"; else echo "stopped"; fi ;;
	psql) shift; exec "$TQ_BIN/psql" "$@" ;;
	*) echo "usage: $0 install|start|stop|status|psql [args]" >&2; exit 2 ;;
esac
