#!/usr/bin/env bash
# The main job: install, build, build the demo archive, then open it in the shell when a display
# is present; without a display, print what the demo holds and where its files are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash installer/build.sh
BUILD_DIR=${ONEBOOK_BUILD_DIR:-build}
"$BUILD_DIR/bin/onebook-cli" demo --out demo
if [ -n "${DISPLAY:-}" ] && [ -x "$BUILD_DIR/bin/onebook" ] && [ -z "${ONEBOOK_HEADLESS:-}" ]; then
  exec "$BUILD_DIR/bin/onebook" demo/demo.onebook
fi
