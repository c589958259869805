# scripts/env.sh: sourced by every script; where the throwaway cluster lives.
#
# The server runs from a private copy of PostgreSQL 15 in $TQ_TMP/inst (the
# Debian binaries are relocatable), with thermaliq installed into that copy
# by `make install DESTDIR=...`. Nothing outside the checkout is changed, and
# several checkouts can test side by side on different ports.
TQ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TQ_PGVER=15
TQ_SYSBIN=/usr/lib/postgresql/$TQ_PGVER/bin
# The server runs as postgres, who must reach the runtime directory; a
# checkout under a private home cannot host it, so fall back to /tmp.
TQ_HASH=$(printf '%s' "$TQ_ROOT" | cksum | cut -d' ' -f1)
if [ -z "${TQ_TMP:-}" ]; then
	TQ_TMP=$TQ_ROOT/tmp
	if id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$TQ_ROOT" 2>/dev/null; then
		TQ_TMP=/tmp/thermaliq-$TQ_HASH
	fi
fi
TQ_INST=$TQ_TMP/inst
TQ_BIN=$TQ_INST/usr/lib/postgresql/$TQ_PGVER/bin
TQ_DATA=$TQ_TMP/run/data
TQ_LOG=$TQ_TMP/run/server.log
TQ_PORT=${THERMALIQ_PORT:-$((20000 + TQ_HASH % 20000))}
export TQ_ROOT TQ_TMP TQ_INST TQ_BIN TQ_DATA TQ_LOG TQ_PORT
export PGHOST=127.0.0.1 PGPORT=$TQ_PORT PGUSER=postgres
export PATH=$TQ_BIN:$PATH
# pg_regress sets its own; keep psql output stable for everything else.
export PGTZ=${PGTZ:-UTC} PGOPTIONS=${PGOPTIONS:-}
tq_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
