#!/usr/bin/env bash
# scripts/deps.sh: apt-installs whatever thermaliq's build, demo, tests and
# benchmarks need and the machine lacks; does nothing when all is there.
set -euo pipefail
pkgs=(
	build-essential
	postgresql-15 postgresql-server-dev-15 postgresql-contrib
	postgresql-15-partman postgresql-15-cron postgresql-15-pgtap
	libtap-parser-sourcehandler-pgtap-perl libipc-run-perl
	pgbouncer postgresql-15-plproxy postgresql-15-plpgsql-check sqlsmith
	prometheus-postgres-exporter
	python3 python3-iapws python3-numpy python3-pandas python3-psycopg python3-pil
	librsvg2-bin libxml2-utils valgrind gdb
	nodejs
)
missing=()
for p in "${pkgs[@]}"; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing+=("$p")
done
# PostGraphile v4 (npm), the HTTP server of test/t/021_postgraphile.pl.
# Debian's nodejs comes without npm (NodeSource's includes it).
npm_deps() {
	command -v postgraphile >/dev/null && return 0
	[ "$(id -u)" -eq 0 ] || { echo "postgraphile is missing; run as root or npm install -g postgraphile@4" >&2; return 1; }
	if ! command -v npm >/dev/null; then
		(exec 9>/tmp/thermaliq-apt.lock; flock 9; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null)
	fi
	echo "==> npm install -g postgraphile@4" >&2
	npm install -g --no-fund --no-audit postgraphile@4 >/dev/null
}
if [ ${#missing[@]} -eq 0 ]; then
	npm_deps
	exit
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "missing packages: ${missing[*]}; run as root or install them" >&2
	exit 1
fi
echo "==> apt-get install ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# several checkouts may set up at once: one apt at a time
exec 9>/tmp/thermaliq-apt.lock
flock 9
apt-get update -qq
# Debian's postgresql package creates and starts a default cluster; the
# demo and tests never use it, so it is left alone.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
npm_deps
