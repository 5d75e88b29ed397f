#!/usr/bin/env bash
# build.sh [release|asan] - configure and build into build/ or build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-release}
jobs=$(nproc 2>/dev/null || echo 2)
case "$mode" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan)    dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DPB_SANITIZE=ON) ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
