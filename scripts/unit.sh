#!/usr/bin/env bash
# Builds and runs the unit tests of the pure-C maths (test/unit/*_test.c
# against src/math/*.c, no server); each test prints TAP, prove reads it.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
tests=(test/unit/*_test.c)
[ ${#tests[@]} -gt 0 ] || { echo "no unit tests"; exit 0; }
bins=()
for t in "${tests[@]}"; do
	bin=${t%.c}
	cc -std=gnu99 -O2 -g -Wall -Wextra -Werror -Isrc -Itest/unit -o "$bin" "$t" src/math/*.c -lm
	bins+=("$bin")
done
prove --exec '' "${bins[@]}"
