#!/usr/bin/env bash
# Cross-builds OneBook's third-party libraries for 64-bit Windows from Debian's own source packages.
#   bash installer/windows/deps.sh [SOURCE...]     (as root the first time: apt-get, deb-src entry)
# Versions: installer/windows/versions.txt (the Linux build's). Each library is built once into
# ~/.cache/onebook-windows/<source>-<version>/ and reused by later runs (delete the folder to rebuild).
set -euo pipefail
. "$(dirname "$0")/common.sh"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

# --- the toolchain, from Debian --------------------------------------------------------------------
TOOLS=(g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-tools binutils-mingw-w64-x86-64
       nsis wine wine64 cmake make dpkg-dev pkg-config meson ninja-build tcl python3
       libboost-test-dev libcli11-dev fonts-wqy-zenhei fonts-arphic-uming)
missing=()
for p in "${TOOLS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- a deb-src entry on the mirror apt already uses, so apt-get source checks what it fetches -------
SRC_LIST=/etc/apt/sources.list.d/onebook-deb-src.sources
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  mirror="$(grep -rhs '^URIs:.*/debian/\?$' /etc/apt/sources.list.d/*.sources | head -n1 | awk '{print $2}')"
  [ -n "$mirror" ] || mirror="$(grep -hs '^deb .*debian/\? bookworm' /etc/apt/sources.list | head -n1 | awk '{print $2}')"
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  sec="${mirror%/debian}/debian-security"
  log "adding deb-src entries for $mirror to $SRC_LIST"
  $SUDO tee "$SRC_LIST" >/dev/null <<SRC
Types: deb-src
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: $sec
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  $SUDO apt-get update -qq
fi

# --- versions: exactly the Linux build's ------------------------------------------------------------
while read -r dev src ver _; do
  case "$dev" in ''|\#*) continue ;; esac
  have="$(dpkg-query -W -f='${source:Version}' "$dev" 2>/dev/null || true)"
  if [ -n "$have" ] && [ "$have" != "$ver" ]; then
    log "note: the Linux build here has $src $have (from $dev); Windows uses $ver (versions.txt)"
  fi
done < "$WIN_VERSIONS"

mkdir -p "$WIN_CACHE/src"

# fetch + unpack one source package; prints the unpacked folder
fetch() {
  local src="$1" ver; ver="$(win_version "$src")"
  local up="${ver#*:}"; up="${up%-*}"
  local dir="$WIN_CACHE/src/$src-$up"
  if [ ! -d "$dir" ]; then
    local dsc="${src}_${ver#*:}.dsc"
    ( cd "$WIN_CACHE/src" && apt-get source --download-only -qq "$src=$ver" >&2 \
      && dpkg-source -x "$dsc" "$dir" >&2 ) || {
      # A mirror that lost a package's Debian part (seen on this workplace's mirror: libharu's
      # debian.tar.xz answers 404 while its .dsc and .orig.tar.xz are served). apt has checked the
      # upstream tarball against the signed Sources index; build it when the Debian part carries no
      # code change we need: for libharu, whose only patch (fix-version.diff) sets the version text,
      # restated below. Other sources only when asked to (ONEBOOK_WINDOWS_ORIG_ONLY="src ...").
      local orig; orig="$(ls "$WIN_CACHE/src/${src}_${up}.orig.tar."* 2>/dev/null | head -n1)"
      if [ -n "$orig" ] && { [ "$src" = libharu ] || [[ " ${ONEBOOK_WINDOWS_ORIG_ONLY:-} " == *" $src "* ]]; }; then
        log "WARNING: $src: Debian's debian.tar.* could not be fetched; building the upstream source apt fetched and checked ($orig)"
        rm -rf "$dir"; mkdir -p "$dir" && tar -xf "$orig" -C "$dir" --strip-components=1
        if [ "$src" = libharu ]; then
          sed -i 's/^#define HPDF_EXTRA_VERSION "RC2"/#define HPDF_EXTRA_VERSION ""/; s/^#define HPDF_VERSION_TEXT "2.3.0RC2"/#define HPDF_VERSION_TEXT "2.3.0"/' \
            "$dir/include/hpdf_version.h"
          # the Linux build's header (libhpdf-dev) is the proof that nothing else differs there
          if [ -f /usr/include/hpdf_version.h ] && ! cmp -s /usr/include/hpdf_version.h "$dir/include/hpdf_version.h"; then
            echo "OneBook: $dir/include/hpdf_version.h differs from Debian's /usr/include/hpdf_version.h" >&2; return 1
          fi
        fi
      else
        echo "OneBook: cannot fetch the source of $src $ver from Debian (is it still on the mirror? see installer/windows/versions.txt)" >&2
        return 1
      fi; }
  fi
  echo "$dir"
}

cmake_cross() { # SRC BUILD PREFIX [cmake args...]
  local s="$1" b="$2" p="$3"; shift 3
  cmake -S "$s" -B "$b" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$WIN_TOOLCHAIN" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$p" -DONEBOOK_WINDOWS_DEPS="$(win_all_prefixes)" \
        -DBUILD_SHARED_LIBS=OFF "$@" >&2
  cmake --build "$b" -j "$WIN_JOBS" >&2
  cmake --install "$b" >&2
}

pfx() { win_prefix "$1"; }

build_zlib() { local p="$1" d="$2" f objs=()
  # Debian's zlib source drops win32/; its sources are plain C, compiled here one by one
  mkdir -p "$d/build-win" "$p/include" "$p/lib/pkgconfig"
  for f in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
    $WIN_HOST-gcc-posix -O2 -c "$d/$f.c" -o "$d/build-win/$f.o"; objs+=("$d/build-win/$f.o")
  done
  rm -f "$p/lib/libz.a"; $WIN_HOST-ar rcs "$p/lib/libz.a" "${objs[@]}"
  cp "$d/zlib.h" "$d/zconf.h" "$p/include/"
  printf 'prefix=%s\nName: zlib\nDescription: zlib\nVersion: 1.2.13\nLibs: -L${prefix}/lib -lz\nCflags: -I${prefix}/include\n' "$p" > "$p/lib/pkgconfig/zlib.pc"
}
build_libdeflate() { local p="$1" d="$2" f objs=()
  # libdeflate 1.14 builds with a Makefile only; its sources are plain C (each file guarded by its
  # architecture), compiled here one by one as zlib's are
  mkdir -p "$d/build-win" "$p/include" "$p/lib/pkgconfig"
  for f in "$d"/lib/*.c "$d"/lib/x86/*.c; do
    local o="$d/build-win/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
    $WIN_HOST-gcc-posix -O2 -I"$d" -c "$f" -o "$o"; objs+=("$o")
  done
  rm -f "$p/lib/libdeflate.a"; $WIN_HOST-ar rcs "$p/lib/libdeflate.a" "${objs[@]}"
  cp "$d/libdeflate.h" "$p/include/"
  printf 'prefix=%s\nName: libdeflate\nDescription: libdeflate\nVersion: 1.14\nLibs: -L${prefix}/lib -ldeflate\nCflags: -I${prefix}/include\n' "$p" > "$p/lib/pkgconfig/libdeflate.pc"
}
build_expat() { local p="$1" d="$2"
  cmake_cross "$d/expat" "$d/build-win" "$p" -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
    -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_MSVC_STATIC_CRT=OFF \
    -DEXPAT_DTD=OFF  # Debian's CVE patches test "XML_DTD == 1", which only its autotools build defines
}
build_libpng1.6() { local p="$1" d="$2"
  cmake_cross "$d" "$d/build-win" "$p" -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
    -DZLIB_ROOT="$(pfx zlib)"
}
build_sqlite3() { local p="$1" d="$2"
  # the amalgamation is generated on the build machine (tclsh), then compiled for Windows
  mkdir -p "$d/build-amal"
  if [ ! -f "$d/build-amal/sqlite3.c" ]; then
    ( cd "$d/build-amal" && ../configure --disable-tcl >/dev/null && make sqlite3.c >&2 )
  fi
  mkdir -p "$p/include" "$p/lib/pkgconfig"
  $WIN_HOST-gcc-posix -O2 -c "$d/build-amal/sqlite3.c" -o "$d/build-amal/sqlite3-win.o" \
    -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_JSON1 \
    -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_UNLOCK_NOTIFY \
    -DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1
  rm -f "$p/lib/libsqlite3.a"
  $WIN_HOST-ar rcs "$p/lib/libsqlite3.a" "$d/build-amal/sqlite3-win.o"
  cp "$d/build-amal/sqlite3.h" "$d/build-amal/sqlite3ext.h" "$p/include/"
  printf 'prefix=%s\nName: SQLite\nDescription: SQL database engine\nVersion: 3.40.1\nLibs: -L${prefix}/lib -lsqlite3\nCflags: -I${prefix}/include\n' "$p" > "$p/lib/pkgconfig/sqlite3.pc"
}
build_libharu() { local p="$1" d="$2"
  cmake_cross "$d" "$d/build-win" "$p" -DLIBHPDF_SHARED=OFF -DLIBHPDF_STATIC=ON -DLIBHPDF_EXAMPLES=OFF \
    -DZLIB_ROOT="$(pfx zlib)" -DPNG_PNG_INCLUDE_DIR="$(pfx libpng1.6)/include" \
    -DPNG_LIBRARY="$(pfx libpng1.6)/lib/libpng16.a" -DCMAKE_POLICY_DEFAULT_CMP0074=NEW
}
build_harfbuzz() { local p="$1" d="$2"
  cat > "$d/cross-win.txt" <<CROSS
[binaries]
c = '$WIN_HOST-gcc-posix'
cpp = '$WIN_HOST-g++-posix'
ar = '$WIN_HOST-ar'
strip = '$WIN_HOST-strip'
windres = '$WIN_HOST-windres'
pkgconfig = 'false'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
CROSS
  rm -rf "$d/build-win"
  meson setup "$d/build-win" "$d" --cross-file "$d/cross-win.txt" --prefix "$p" --buildtype release \
    --default-library static -Dtests=disabled -Ddocs=disabled -Dbenchmark=disabled \
    -Dglib=disabled -Dgobject=disabled -Dcairo=disabled -Dicu=disabled -Dfreetype=disabled \
    -Dgraphite=disabled -Dchafa=disabled -Dintrospection=disabled -Dgdi=disabled -Ddirectwrite=disabled \
    -Dwrap_mode=nofallback >&2
  ninja -C "$d/build-win" -j "$WIN_JOBS" >&2
  ninja -C "$d/build-win" install >&2
}
build_libxlsxwriter() { local p="$1" d="$2"
  # MD5 from OpenSSL, as Debian builds it: the bundled md5.c defines MD5_Init/Update/Final too, with
  # another MD5_CTX, which clashes with libcrypto in one static executable.
  rm -rf "$d/build-win"
  cmake_cross "$d" "$d/build-win" "$p" -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DUSE_SYSTEM_MINIZIP=OFF \
    -DUSE_OPENSSL_MD5=ON -DOPENSSL_ROOT_DIR="$(pfx openssl)" -DOPENSSL_USE_STATIC_LIBS=ON \
    -DZLIB_ROOT="$(pfx zlib)" -DCMAKE_POLICY_DEFAULT_CMP0074=NEW
}
# A library's build recipe changed since it was cached: its number here, written into .built, makes
# the next run rebuild it (the default is 1).
declare -A RECIPE=([libxlsxwriter]=2)
recipe() { echo "${RECIPE[$1]:-1}"; }
cached() { # the library is built, by this recipe
  local b="$(win_prefix "$1")/.built"
  [ -f "$b" ] || return 1
  local r; r="$(sed -n 's/.* recipe \([0-9]*\).*/\1/p' "$b")"
  [ "${r:-1}" = "$(recipe "$1")" ]
}
build_openssl() { local p="$1" d="$2"
  ( cd "$d" && ./Configure mingw64 --cross-compile-prefix=$WIN_HOST- --prefix="$p" --libdir=lib \
      no-shared no-tests no-engine no-dso no-module no-legacy >&2 \
    && make -j "$WIN_JOBS" build_libs >&2 && make install_dev >&2 )
}
build_poco() { local p="$1" d="$2"
  # Poco 1.11 spells two Windows headers as MSVC does; MinGW's are lower case.
  mkdir -p "$d/mingw-case"
  echo '#include <winsock2.h>' > "$d/mingw-case/Winsock2.h"
  echo '#include <iphlpapi.h>' > "$d/mingw-case/Iphlpapi.h"
  local off=()
  for c in ENCODINGS XML JSON NET NETSSL CRYPTO JWT DATA DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC \
           MONGODB REDIS PDF UTIL ZIP SEVENZIP APACHECONNECTOR CPPPARSER ENCODINGS_COMPILER PAGECOMPILER \
           PAGECOMPILER_FILE2PAGE POCODOC ACTIVERECORD ACTIVERECORD_COMPILER PROMETHEUS; do off+=(-DENABLE_$c=OFF); done
  cmake_cross "$d" "$d/build-win" "$p" "${off[@]}" -DENABLE_ENCODINGS=ON -DENABLE_XML=ON -DENABLE_JSON=ON \
    -DENABLE_UTIL=ON -DENABLE_ZIP=ON -DENABLE_TESTS=OFF -DPOCO_UNBUNDLED=OFF -DPOCO_STATIC=ON \
    -DCMAKE_MC_COMPILER="$(command -v $WIN_HOST-windmc)" -DCMAKE_CXX_FLAGS="-I$d/mingw-case"  # the message compiler Foundation needs on Windows
}
build_wxwidgets3.2() { local p="$1" d="$2"
  mkdir -p "$d/build-win"
  local z="$(pfx zlib)" png="$(pfx libpng1.6)" ex="$(pfx expat)"
  ( cd "$d/build-win" && CPPFLAGS="-I$z/include -I$png/include -I$ex/include -DXML_STATIC" \
      LDFLAGS="-L$z/lib -L$png/lib -L$ex/lib" PKG_CONFIG_LIBDIR="$png/lib/pkgconfig:$z/lib/pkgconfig" \
      ../configure --host=$WIN_HOST --build=x86_64-linux-gnu --prefix="$p" --disable-shared --enable-unicode \
      --with-msw --with-zlib=sys --with-libpng=sys --with-expat=sys --without-libjpeg --without-libtiff \
      --without-regex --without-liblzma --without-opengl --disable-webview --disable-mediactrl --disable-stc \
      --disable-ribbon --disable-propgrid --disable-richtext --disable-aui --disable-xrc \
      --disable-debug_info --disable-tests CC=$WIN_HOST-gcc-posix CXX=$WIN_HOST-g++-posix >&2 \
    && make -j "$WIN_JOBS" >&2 && make install >&2 )
}

ORDER=(zlib libdeflate expat libpng1.6 sqlite3 libharu harfbuzz openssl libxlsxwriter poco wxwidgets3.2)
[ $# -gt 0 ] && ORDER=("$@")
total_start=$SECONDS
failed=()
for src in "${ORDER[@]}"; do
  p="$(win_prefix "$src")"
  if cached "$src"; then log "$src: cached in $p"; continue; fi
  start=$SECONDS
  log "$src $(win_version "$src"): fetching"
  if ! d="$(fetch "$src")"; then failed+=("$src"); continue; fi
  log "$src: building into $p"
  rm -rf "$p"; mkdir -p "$p"
  set +e # (errexit must stay on inside the build, which an `if !` around it would switch off)
  ( set -e; "build_$src" "$p" "$d" ); rc=$?
  set -e
  if [ $rc -ne 0 ]; then log "$src: FAILED"; failed+=("$src"); continue; fi
  echo "$(win_version "$src") recipe $(recipe "$src") built $(date -u +%FT%TZ) in $((SECONDS - start)) s" > "$p/.built"
  log "$src: done in $((SECONDS - start)) s"
done
if [ ${#failed[@]} -gt 0 ]; then log "NOT built: ${failed[*]} (see above)"; exit 1; fi
log "all libraries ready in $((SECONDS - total_start)) s: $WIN_CACHE"
