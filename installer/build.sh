#!/usr/bin/env bash
# Installs what is missing, configures once, and builds OneBook into ./build (incremental).
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/deps.sh
BUILD_DIR=${ONEBOOK_BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
jobs=$(nproc 2>/dev/null || echo 2)
cmake --build "$BUILD_DIR" -j"$jobs" -- --no-print-directory 2>&1 | grep -v -E '^\[ *[0-9]+%\]|^(Consolidate|Scanning|Staging)' || true
# grep hides progress lines only; fail loudly if the build failed.
cmake --build "$BUILD_DIR" -j"$jobs" -- --no-print-directory -q >/dev/null
