#!/usr/bin/env bash
# test.sh - README command 2: install what is missing, build, and run every test:
# the release build, then the same suite under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
status=0
for mode in release asan; do
  ./scripts/build.sh "$mode"
  dir=build; [ "$mode" = asan ] && dir=build-asan
  echo "== tests ($mode) =="
  # detect_leaks: LeakSanitizer is on by default with ASan on Linux; say so explicitly.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" || status=1
done
exit $status
