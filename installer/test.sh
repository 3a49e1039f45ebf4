#!/usr/bin/env bash
# Runs every test (CTest + Boost.Test; GUI tests in a real window under Xvfb), installing and
# building whatever is missing first. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/build.sh
BUILD_DIR=${ONEBOOK_BUILD_DIR:-build}
cd "$BUILD_DIR"
ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)"
