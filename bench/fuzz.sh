#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang (ASan + UBSan + libFuzzer) into build-fuzz/ and
# runs each for a bounded time over a copy of its seed corpus (fuzz/corpus/<target>/), printing the
# executions and what was found. Not part of CI. Needs clang and libclang-rt-14-dev.
#   bash bench/fuzz.sh [SECONDS_PER_TARGET=120] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(roster_csv roster_xlsx package plugin_data region_rules)
dir=${ONEBOOK_FUZZ_BUILD_DIR:-build-fuzz}
# What a fresh checkout needs besides installer/deps.sh: Debian's clang and its libFuzzer/sanitizer
# runtime (libclang-rt-14-dev; the fuzzer library is not part of the clang package).
if ! command -v clang++ >/dev/null || ! clang++ -print-file-name=libclang_rt.fuzzer-x86_64.a | grep -q /; then
  echo "bench/fuzz.sh needs clang and libFuzzer: sudo apt-get install clang libclang-rt-14-dev" >&2
  exit 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$dir/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DONEBOOK_FUZZ=ON -DONEBOOK_SANITIZE=ON \
    -DONEBOOK_BUILD_SHELL=OFF -DONEBOOK_BUILD_TESTS=OFF -DONEBOOK_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
fi
build=()
for t in "${targets[@]}"; do build+=(--target "fuzz_$t"); done
cmake --build "$dir" -j"$(nproc 2>/dev/null || echo 2)" "${build[@]}" --target plugin_community_data >/dev/null
out="$dir/fuzz-runs"
mkdir -p "$out"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitizer/lsan.supp
printf '%-14s %10s %8s %6s %6s %7s %s\n' target executions exec/s cov ft corpus findings
for t in "${targets[@]}"; do
  work="$out/$t"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -r "fuzz/corpus/$t/." "$work/corpus/"
  set +e
  "$dir/bin/fuzz_$t" "$work/corpus" -max_total_time="$seconds" -max_len=262144 -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log" 2>&1
  rc=$?
  set -e
  execs=$(grep -a 'stat::number_of_executed_units' "$work/log" | awk '{print $2}' | tail -1)
  rate=$(grep -a 'stat::average_exec_per_sec' "$work/log" | awk '{print $2}' | tail -1)
  cov=$(grep -ao 'cov: [0-9]*' "$work/log" | tail -1 | awk '{print $2}')
  ft=$(grep -ao 'ft: [0-9]*' "$work/log" | tail -1 | awk '{print $2}')
  corpus=$(find "$work/corpus" -type f | wc -l)
  findings=$(find "$work/artifacts" -type f | wc -l)
  printf '%-14s %10s %8s %6s %6s %7s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" \
    "$findings$([ "$rc" -ne 0 ] && echo " (exit $rc, see $work/log)")"
done
