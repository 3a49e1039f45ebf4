#!/usr/bin/env bash
# Runs every test (CTest + Boost.Test; GUI tests in a real window under Xvfb), installing and
# building whatever is missing first; then builds the core, archive and CLI suites again with
# AddressSanitizer + UndefinedBehaviorSanitizer (leak detection on) in build-asan/ and runs them.
# .ci/run calls exactly this. ONEBOOK_SKIP_SANITIZERS=1 skips the second stage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/build.sh
BUILD_DIR=${ONEBOOK_BUILD_DIR:-build}
jobs=$(nproc 2>/dev/null || echo 2)
(cd "$BUILD_DIR" && ctest --output-on-failure -j"$jobs")

if [ "${ONEBOOK_SKIP_SANITIZERS:-0}" != 1 ]; then
  ASAN_DIR=${ONEBOOK_ASAN_BUILD_DIR:-build-asan}
  if [ ! -f "$ASAN_DIR/CMakeCache.txt" ]; then
    echo "OneBook: configuring $ASAN_DIR (AddressSanitizer + UndefinedBehaviorSanitizer)" >&2
    cmake -S . -B "$ASAN_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONEBOOK_SANITIZE=ON \
      -DONEBOOK_BUILD_SHELL=OFF -DONEBOOK_BUILD_BENCH=OFF >"$ASAN_DIR.configure.log" 2>&1 || {
      cat "$ASAN_DIR.configure.log" >&2; exit 1; }
    rm -f "$ASAN_DIR.configure.log"
  fi
  if ! cmake --build "$ASAN_DIR" -j"$jobs" >"$ASAN_DIR/build.log" 2>&1; then
    grep -E -A5 'error|Error' "$ASAN_DIR/build.log" | head -80 >&2 || tail -50 "$ASAN_DIR/build.log" >&2
    echo "OneBook: the sanitizer build failed; full log in $ASAN_DIR/build.log" >&2
    exit 1
  fi
  (cd "$ASAN_DIR" && ctest --output-on-failure -j"$jobs")
fi
