# Settings shared by the Windows build scripts (sourced, not run).
ONEBOOK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WIN_HOST=x86_64-w64-mingw32
WIN_CACHE="${ONEBOOK_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/onebook-windows}"
WIN_TOOLCHAIN="$ONEBOOK_SRC/cmake/mingw-w64-x86_64.cmake"
WIN_JOBS="${ONEBOOK_WINDOWS_JOBS:-$(nproc)}"
WIN_VERSIONS="$ONEBOOK_SRC/installer/windows/versions.txt"

# "source version" of one library, from versions.txt
win_version() { awk -v s="$1" '!/^#/ && $2 == s { print $3 }' "$WIN_VERSIONS"; }
# the cache folder of one library: <source>-<upstream version and Debian revision, epoch dropped>
win_prefix() { local v; v="$(win_version "$1")"; echo "$WIN_CACHE/$1-${v#*:}"; }
# every cached library prefix that is complete, ';'-separated for CMake
win_all_prefixes() {
  local out="" s
  for s in $(awk '!/^#/ && NF { print $2 }' "$WIN_VERSIONS"); do
    local p; p="$(win_prefix "$s")"
    [ -f "$p/.built" ] && out="${out:+$out;}$p"
  done
  echo "$out"
}
