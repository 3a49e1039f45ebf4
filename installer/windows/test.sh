#!/usr/bin/env bash
# Tests the Windows build under Wine on Debian (run after build.sh; never part of .ci/run):
#  1. the cross-built Boost.Test suites that need no window pass under Wine;
#  2. the installer installs silently (/S) into a fresh Wine prefix;
#  3. the installed onebook-cli.exe builds the demo; its boards and book have the Linux build's page
#     counts and embedded fonts (pdfinfo, pdffonts);
#  4. an archive in a folder with a Chinese name works end to end (init, GBK roster, record, board,
#     package export);
#  5. packages travel Windows → Linux and Linux → Windows;
#  6. the shell starts under Wine in Xvfb; a screenshot of the main window is saved;
#  7. uninstalling removes the program and leaves the archives.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$ONEBOOK_SRC"
BUILD="${ONEBOOK_WINDOWS_BUILD:-$ONEBOOK_SRC/build-windows}"
LINUX_CLI="${ONEBOOK_LINUX_CLI:-$ONEBOOK_SRC/build/bin/onebook-cli}"
VERSION="$(sed -n 's/^project(OneBook VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
SETUP="$ONEBOOK_SRC/out/windows/OneBook-Setup-$VERSION-x64.exe"
OUT="$ONEBOOK_SRC/out/windows/test"
rm -rf "$OUT"; mkdir -p "$OUT"
export WINEPREFIX="$OUT/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
fail=0
step() { echo; echo "== $*"; }
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
[ -f "$SETUP" ] || { echo "no installer at $SETUP: run bash installer/windows/build.sh first" >&2; exit 1; }
[ -x "$LINUX_CLI" ] || { echo "no Linux build at $LINUX_CLI: run bash installer/run.sh first" >&2; exit 1; }
wine wineboot -i >/dev/null 2>&1
wineserver -w

step "1. Boost.Test suites under Wine"
# ONEBOOK_WINDOWS_SKIP_SUITES=1: only the installer and what it installed (after a change to the
# installer alone; the suites take the longest).
if [ "${ONEBOOK_WINDOWS_SKIP_SUITES:-0}" = 1 ]; then
  echo "skipped (ONEBOOK_WINDOWS_SKIP_SUITES=1)"
else
  # The suites that check PDFs, Word files or the CLI start Linux tools (pdftotext, qpdf, python3)
  # on the Linux side of Wine themselves (tests/support/run_tool_windows.cpp): every suite must pass.
  suites=0 passed=0
  for t in "$BUILD"/bin/*_test.exe; do
    name="$(basename "$t" .exe)"
    case "$name" in shell_*|*gui*) continue ;; esac # the shell's suites need a window: run on Linux
    suites=$((suites + 1))
    start=$SECONDS
    if ONEBOOK_FIXTURES="Z:${ONEBOOK_SRC//\//\\}\\tests\\fixtures" wine "$t" --report_level=short >"$OUT/$name.log" 2>&1
    then ok "$name ($((SECONDS - start)) s)"; passed=$((passed + 1)); else bad "$name (see $OUT/$name.log)"; fi
  done
  [ "$suites" -gt 0 ] && [ "$passed" -eq "$suites" ] && ok "$passed/$suites suites" || bad "$passed/$suites suites passed"
fi

step "2. silent install into a fresh prefix"
start=$SECONDS
# Wine's user is an administrator, so /CurrentUser asks for what a locked-down office PC gets.
wine "$SETUP" /S /CurrentUser; wineserver -w
APPDIR="$(find "$WINEPREFIX/drive_c/users" -maxdepth 5 -type d -path '*/AppData/Local/Programs/OneBook' | head -n1)"
[ -n "$APPDIR" ] && [ -f "$APPDIR/bin/onebook-cli.exe" ] && ok "installed in $APPDIR ($((SECONDS - start)) s)" || bad "no onebook-cli.exe installed"
CLI=(wine "$APPDIR/bin/onebook-cli.exe")
DESKTOP_LNK="$(find "$WINEPREFIX/drive_c/users" -name '党建一本通.lnk' | head -n1)"
[ -n "$DESKTOP_LNK" ] && ok "shortcuts" || bad "no shortcut"
wine reg query 'HKCU\Software\Classes\.onebook' | grep -q OneBook.Archive && ok ".onebook association" || bad ".onebook association"

step "3. the demo on Windows against the demo on Linux"
start=$SECONDS
"${CLI[@]}" demo --out 'C:\demo' >"$OUT/demo-win.log" 2>&1 || bad "demo on Windows (see $OUT/demo-win.log)"
echo "Windows demo: $((SECONDS - start)) s"
"$LINUX_CLI" demo --out "$OUT/demo-linux" >"$OUT/demo-linux.log" 2>&1
WDEMO="$WINEPREFIX/drive_c/demo"
n=0
while IFS= read -r -d '' pdf; do
  rel="${pdf#"$OUT/demo-linux/"}"; w="$WDEMO/$rel"
  if [ ! -f "$w" ]; then bad "missing on Windows: $rel"; continue; fi
  lp="$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')"; wp="$(pdfinfo "$w" | awk '/^Pages:/{print $2}')"
  lf="$(pdffonts "$pdf" | awk 'NR>2{sub(/^[A-Z]{6}\+/, "", $1); print $1, $NF=="yes"}' | sort -u)"
  wf="$(pdffonts "$w" | awk 'NR>2{sub(/^[A-Z]{6}\+/, "", $1); print $1, $NF=="yes"}' | sort -u)"
  [ "$lp" = "$wp" ] || bad "$rel: $wp pages on Windows, $lp on Linux"
  [ "$lf" = "$wf" ] || bad "$rel: fonts differ: Windows [$wf] Linux [$lf]"
  n=$((n + 1))
done < <(find "$OUT/demo-linux" -name '*.pdf' -print0)
ok "$n PDFs compared"

step "4. an archive in a folder with a Chinese name"
W='C:\users\张三\文档'
mkdir -p "$WINEPREFIX/drive_c/users/张三/文档"
A="$W\\幸福里社区党支部.onebook"
cp tests/fixtures/roster_gbk.csv "$WINEPREFIX/drive_c/users/张三/文档/花名册.csv" 2>/dev/null || true
"${CLI[@]}" init "$A" --sector community --name 幸福里社区党支部 --superior 幸福街道党工委 --records-start 2025-01-01 \
  && "${CLI[@]}" --archive "$A" member import "$W\\花名册.csv" \
  && "${CLI[@]}" --archive "$A" record add --type assembly --date 2025-03-05 --place 党员活动室 --host 韩梅梅 \
       --recorder 韩梅梅 --present all --topic 部署全年工作 --field minutes=讨论通过全年计划 \
  && "${CLI[@]}" --archive "$A" board make --template rectification --out "$W\\整改公示牌.pdf" \
  && "${CLI[@]}" --archive "$A" package export --out "$W\\幸福里.zip" \
  && ok "init, import, record, board, package in $W" || bad "Chinese folder end to end"
"${CLI[@]}" --archive "$A" member list > "$OUT/members-cmd.txt" 2>&1 || true
grep -q 韩梅梅 "$OUT/members-cmd.txt" && ok "Chinese output reads right" || bad "member list output (see $OUT/members-cmd.txt)"

step "5. packages both ways"
"$LINUX_CLI" init "$OUT/superior-linux.onebook" --sector community --name 幸福街道党工委 >/dev/null \
  && "$LINUX_CLI" --archive "$OUT/superior-linux.onebook" package import "$WINEPREFIX/drive_c/users/张三/文档/幸福里.zip" \
  && ok "Windows package imports on Linux" || bad "Windows → Linux"
"$LINUX_CLI" --archive "$OUT/demo-linux/demo.onebook" package export --out "$WINEPREFIX/drive_c/from-linux.zip" >/dev/null \
  || bad "package export on Linux"
"${CLI[@]}" init 'C:\superior.onebook' --sector community --name 幸福街道党工委 >/dev/null \
  && "${CLI[@]}" --archive 'C:\superior.onebook' package import 'C:\from-linux.zip' \
  && ok "Linux package imports on Windows" || bad "Linux → Windows"

step "6. the shell under Wine in Xvfb"
DISPLAY_NUM="${ONEBOOK_WINDOWS_DISPLAY:-:53}"
Xvfb "$DISPLAY_NUM" -screen 0 1366x768x24 >/dev/null 2>&1 & xvfb=$!
sleep 2
# A window manager, as on a desktop: the main window gets its frame, size and focus.
DISPLAY="$DISPLAY_NUM" openbox >/dev/null 2>&1 & wm=$!
sleep 1
start=$SECONDS
# A Chinese Windows: Wine hands LANG to the program, which chooses the interface language from it.
export LANG=zh_CN.UTF-8
DISPLAY="$DISPLAY_NUM" wine "$APPDIR/bin/onebook.exe" --exit-when-ready 'C:\demo\demo.onebook' >"$OUT/shell.log" 2>&1 \
  && ok "the shell started and became ready in $((SECONDS - start)) s" || bad "shell start (see $OUT/shell.log)"
DISPLAY="$DISPLAY_NUM" wine "$APPDIR/bin/onebook.exe" 'C:\demo\demo.onebook' >/dev/null 2>&1 & shell=$!
sleep 20
DISPLAY="$DISPLAY_NUM" import -window root "$OUT/shell-under-wine.png" && ok "screenshot: $OUT/shell-under-wine.png"
kill "$shell" 2>/dev/null || true; wineserver -k || true; kill "$wm" "$xvfb" 2>/dev/null || true

step "7. uninstall leaves the archives"
wine "$(winepath -w "$APPDIR/uninstall.exe")" /S; sleep 3; wineserver -w
wine reg query 'HKCU\Software\Classes\OneBook.Archive' >/dev/null 2>&1 && bad "association left behind" || ok "association removed"
[ ! -e "$APPDIR/bin/onebook-cli.exe" ] && ok "program removed" || bad "program still there"
[ -f "$WINEPREFIX/drive_c/users/张三/文档/幸福里社区党支部.onebook" ] && [ -f "$WDEMO/demo.onebook" ] \
  && ok "archives kept" || bad "an archive was removed"

echo
[ $fail -eq 0 ] && echo "Windows tests: all passed" || echo "Windows tests: FAILURES above"
exit $fail
