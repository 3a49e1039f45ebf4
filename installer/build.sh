#!/usr/bin/env bash
# Installs what is missing, configures once, and builds OneBook into ./build (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/deps.sh
BUILD_DIR=${ONEBOOK_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  echo "OneBook: configuring $BUILD_DIR (the first build takes several minutes)" >&2
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD_DIR.configure.log" 2>&1 || {
    cat "$BUILD_DIR.configure.log" >&2; exit 1; }
  rm -f "$BUILD_DIR.configure.log"
fi
jobs=$(nproc 2>/dev/null || echo 2)
log="$BUILD_DIR/build.log"
if ! cmake --build "$BUILD_DIR" -j"$jobs" >"$log" 2>&1; then
  grep -E -A5 'error|Error' "$log" | head -80 >&2 || tail -50 "$log" >&2
  echo "OneBook: the build failed; full log in $log" >&2
  exit 1
fi
