#!/usr/bin/env bash
# Builds OneBook for 64-bit Windows on Debian 12 and packs the installer:
#   bash installer/windows/build.sh     → out/windows/OneBook-Setup-<version>-x64.exe
# Everything comes from Debian: the MinGW-w64 cross toolchain, NSIS, and the libraries, cross-built
# from Debian's source packages by deps.sh (cached in ~/.cache/onebook-windows; a warm run only
# rebuilds OneBook). Never part of .ci/run: the Linux build does not depend on any of this.
set -euo pipefail
. "$(dirname "$0")/common.sh"
cd "$ONEBOOK_SRC"
t0=$SECONDS
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

bash installer/windows/deps.sh
t_deps=$((SECONDS - t0))

BUILD="${ONEBOOK_WINDOWS_BUILD:-$ONEBOOK_SRC/build-windows}"
DEPS="$(win_all_prefixes)"
pc=""; for p in ${DEPS//;/ }; do pc="${pc:+$pc:}$p/lib/pkgconfig"; done
export PKG_CONFIG_LIBDIR="$pc" PKG_CONFIG_SYSROOT_DIR=/ PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1

# Header-only pieces from the Debian -dev packages, without the rest of /usr/include.
HEADERS="$BUILD/host-headers"
mkdir -p "$HEADERS"
ln -sfn /usr/include/boost "$HEADERS/boost"
ln -sfn /usr/include/CLI "$HEADERS/CLI"
# Poco's Windows headers name two system headers with capitals (<Winsock2.h>, <Iphlpapi.h>); MinGW's are
# lower-case and this file system is case-sensitive: aliases, searched after everything else.
CASE="$BUILD/case-headers"
mkdir -p "$CASE"
for h in winsock2 iphlpapi; do
  ln -sfn "/usr/x86_64-w64-mingw32/include/$h.h" "$CASE/$(echo "${h:0:1}" | tr a-z A-Z)${h:1}.h"
done

log "configuring OneBook for Windows in $BUILD"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WIN_TOOLCHAIN" -DCMAKE_BUILD_TYPE=Release \
  -DONEBOOK_WINDOWS_DEPS="$DEPS" -DONEBOOK_WINDOWS_HOST_HEADERS="$HEADERS" \
  -DONEBOOK_BUILD_BENCH=OFF -DONEBOOK_BUILD_TESTS="${ONEBOOK_WINDOWS_TESTS:-ON}" \
  -DwxWidgets_CONFIG_EXECUTABLE="$(win_prefix wxwidgets3.2)/bin/wx-config" \
  -DCMAKE_CXX_FLAGS="-idirafter $CASE" -DCMAKE_C_FLAGS="-idirafter $CASE" \
  -DCMAKE_INSTALL_PREFIX="$BUILD/stage" >&2
log "building"
cmake --build "$BUILD" -j "$WIN_JOBS" >&2
rm -rf "$BUILD/stage"
cmake --install "$BUILD" --strip >&2

# What Linux gets from Debian packages, the installer carries: the two default faces.
# The build tree gets them too: the test suites under Wine (test.sh) find fonts where the installed
# program does, in share/fonts beside bin/, before the system's (Wine has no Chinese face).
for d in "$BUILD/stage/share/fonts" "$BUILD/share/fonts"; do
  mkdir -p "$d"
  cp /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc /usr/share/fonts/truetype/arphic/uming.ttc "$d/"
done
mkdir -p "$BUILD/stage/share/doc/fonts"
cp /usr/share/doc/fonts-wqy-zenhei/copyright "$BUILD/stage/share/doc/fonts/wqy-zenhei-copyright.txt"
cp /usr/share/doc/fonts-arphic-uming/copyright "$BUILD/stage/share/doc/fonts/uming-copyright.txt"
# wxWidgets' own words in Chinese (stock buttons 确定/取消, standard dialogs): Debian's wx3.2-i18n.
mkdir -p "$BUILD/stage/share/locale/zh_CN/LC_MESSAGES"
cp /usr/share/locale/zh_CN/LC_MESSAGES/wxstd-3.2.mo "$BUILD/stage/share/locale/zh_CN/LC_MESSAGES/"
convert installer/icons/onebook-128.png -define icon:auto-resize=128,64,48,32,16 "$BUILD/onebook.ico"

VERSION="$(sed -n 's/^project(OneBook VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
OUT="$ONEBOOK_SRC/out/windows"
mkdir -p "$OUT"
log "packing the installer"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSTAGE="$BUILD/stage" -DICON="$BUILD/onebook.ico" \
  -DOUTFILE="$OUT/OneBook-Setup-$VERSION-x64.exe" installer/windows/onebook.nsi >&2
log "done: $OUT/OneBook-Setup-$VERSION-x64.exe ($(du -h "$OUT/OneBook-Setup-$VERSION-x64.exe" | cut -f1)); libraries $t_deps s, total $((SECONDS - t0)) s"
