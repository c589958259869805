#!/usr/bin/env bash
# scripts/assert_check.sh: `make assert-check`, run by CI (.ci/run) after
# make test. Builds thermaliq once with -DUSE_ASSERT_CHECKING (so every
# Assert() in thermaliq's C runs, and MEMORY_CONTEXT_CHECKING and
# CLOBBER_FREED_MEMORY are defined for its compilation units) from a copy of
# the checkout, installs it into a private PostgreSQL copy of its own, and
# runs the regression suite and pgTAP against it.
#
# The server is Debian's, built without --enable-cassert; an assert-enabled
# server is not available here (README, "Assertions"). Building extension C
# with USE_ASSERT_CHECKING against it is ABI-safe for thermaliq because the
# flag changes no struct thermaliq reads or allocates: in PostgreSQL 15 it
# adds only MemoryContextMethods.check (thermaliq defines no memory context
# type and never calls through methods), and ExceptionalCondition, which the
# active Assert()s call, is exported by every server build. This script
# checks the second half: every symbol thermaliq.so needs is defined by the
# server binary.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

copy=$TQ_TMP/assert/src
rm -rf "$TQ_TMP/assert"
mkdir -p "$copy"
# the checkout as it is (committed or not), without build products
tar --exclude=./tmp --exclude=./.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' -cf - . | tar -C "$copy" -xf -
chmod -R a+rX "$TQ_TMP/assert"
tq_say "build with -DUSE_ASSERT_CHECKING in $copy"
make -C "$copy" -s clean PG_CONFIG="$TQ_SYSBIN/pg_config" >/dev/null 2>&1
if ! make -C "$copy" -s -j"$(nproc)" PG_CONFIG="$TQ_SYSBIN/pg_config" TQ_CPPFLAGS=-DUSE_ASSERT_CHECKING >/dev/null; then
	echo "0 passed, 1 failed"; exit 1
fi
# active Assert()s call ExceptionalCondition: proof that the flag took
undef=$(nm -u "$copy/thermaliq.so")
grep -q ExceptionalCondition <<<"$undef" \
	|| { echo "the build has no active Assert (TQ_CPPFLAGS did not reach it)" >&2; echo "0 passed, 1 failed"; exit 1; }
missing=$(comm -23 <(nm -u --format=posix "$copy/thermaliq.so" | awk '{print $1}' | sed 's/@.*//' | sort -u) \
	<( { nm -D --defined-only --format=posix "$TQ_SYSBIN/postgres" | awk '{print $1}';
	     for l in /lib/x86_64-linux-gnu/libc.so.6 /lib/x86_64-linux-gnu/libm.so.6; do
		     nm -D --defined-only --format=posix "$l" | awk '{print $1}'; done; } | sed 's/@.*//' | sort -u) \
	| grep -v -E '^(_ITM_|__gmon_start__|_Jv_)' || true)
if [ -n "$missing" ]; then
	echo "symbols the assert build needs that the server does not define:" >&2
	echo "$missing" >&2
	echo "0 passed, 1 failed"; exit 1
fi
echo "every symbol of the assert build resolves in $TQ_SYSBIN/postgres"
# Its own private install, data directory and port; TQ_CPPFLAGS reaches
# the make that scripts/cluster.sh runs in the copy.
export TQ_CPPFLAGS=-DUSE_ASSERT_CHECKING
TQ_TMP=$TQ_TMP/assert/run THERMALIQ_PORT=$((60000 + TQ_HASH % 5000)) "$copy/scripts/test.sh" regress pgtap
