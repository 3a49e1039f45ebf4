#!/usr/bin/env bash
# The Debian package as a packager and a user meet it: built with CPack from this build tree,
# checked by lintian --pedantic (0 errors, 0 warnings: what remains is overridden with a reason),
# installed with dpkg into an empty scratch root, its onebook-cli builds the demo from the
# installed copy (plugins, templates and catalogues found under /usr/share), and purging it
# leaves nothing behind.
set -euo pipefail
build=$(cd "$1" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$scratch"
cpack --config "$build/CPackConfig.cmake" -B "$scratch/pkg" >cpack.log 2>&1 || { cat cpack.log; fail "cpack"; }
deb=$(ls pkg/onebook_*.deb)
ls pkg/onebook-dbgsym_*.ddeb >/dev/null 2>&1 || fail "no separate debug symbols package"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KB)"

# What is in it.
dpkg-deb -c "$deb" | awk '{print $6}' >contents
grep -qx './usr/bin/onebook-cli' contents || fail "no onebook-cli"
grep -q '^./usr/lib/[^/]*/onebook/libonebook-core.so.0' contents || fail "private libraries not under /usr/lib/<multiarch>/onebook"
! grep -q 'libonebook-[a-z]*\.so$' contents || fail "development symlinks shipped"
grep -q '^./usr/share/onebook/plugins/community/plugin.json' contents || fail "plugins not under /usr/share/onebook"
grep -q '^./usr/share/onebook/templates/boards/' contents || fail "templates not under /usr/share/onebook"
grep -qx './usr/share/doc/onebook/copyright' contents || fail "no copyright"
grep -qx './usr/share/doc/onebook/changelog.Debian.gz' contents || fail "no changelog"
grep -qx './usr/share/man/man1/onebook-cli.1.gz' contents || fail "no onebook-cli man page"
grep -qx './usr/share/bash-completion/completions/onebook-cli' contents || fail "no bash completion"
grep -qx './usr/share/zsh/vendor-completions/_onebook-cli' contents || fail "no zsh completion"
! grep -q '^./usr/local' contents || fail "files under /usr/local"
if grep -qx './usr/bin/onebook' contents; then
  [ "$(grep -c '\.desktop$' contents)" = 1 ] || fail "the desktop file is not installed exactly once"
  [ "$(grep -c 'metainfo.xml$' contents)" = 1 ] || fail "the metainfo is not installed exactly once"
  grep -qx './usr/share/applications/org.onebook.OneBook.desktop' contents || fail "desktop file not named after the application id"
  grep -qx './usr/share/mime/packages/org.onebook.OneBook.xml' contents || fail "no MIME type"
  grep -qx './usr/share/man/man1/onebook.1.gz' contents || fail "no onebook man page"
fi
dpkg-deb -f "$deb" Description | sed -n 2p | grep -q . || fail "empty extended description"
dpkg-deb -f "$deb" Recommends | grep -q pdf-viewer || fail "no PDF viewer recommended"

if command -v lintian >/dev/null; then
  lintian --pedantic --fail-on error,warning --tag-display-limit 0 "$deb" pkg/onebook-dbgsym_*.ddeb >lintian.log 2>&1 || { cat lintian.log; fail "lintian"; }
  cat lintian.log
fi

# Install into an empty root, use it, purge it.
root="$scratch/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
find "$root" | sort >before
dpkg --root="$root" --force-not-root --force-depends --log=/dev/null -i "$deb" >dpkg.log 2>&1 || { cat dpkg.log; fail "dpkg -i"; }
cli="$root/usr/bin/onebook-cli"
"$cli" --version | grep -q "^onebook-cli " || fail "--version"
env -u ONEBOOK_PLUGIN_PATH ONEBOOK_LANG=en "$cli" plugins --format json >plugins.json
grep -q "$root/usr/share/onebook/plugins/community" plugins.json || { cat plugins.json; fail "plugins not found in the installed tree"; }
env -u ONEBOOK_PLUGIN_PATH ONEBOOK_LANG=en "$cli" demo --out "$scratch/demo" >demo.log 2>&1 || { cat demo.log; fail "demo from the installed copy"; }
[ -s "$scratch/demo/demo.onebook" ] || fail "no demo archive"
ls "$scratch"/demo/boards/*.pdf >/dev/null || fail "no boards (templates not found?)"
grep -q "Demo archive" demo.log || fail "the installed catalogue did not translate the demo's messages"
# The MIME type: by name and, for a renamed archive, by the SQLite application_id (magic).
if [ -f "$root/usr/share/mime/packages/org.onebook.OneBook.xml" ] && command -v update-mime-database >/dev/null &&
   command -v mimetype >/dev/null; then
  mkdir -p "$scratch/share/mime/packages"
  cp /usr/share/mime/packages/freedesktop.org.xml "$root/usr/share/mime/packages/org.onebook.OneBook.xml" "$scratch/share/mime/packages/"
  update-mime-database "$scratch/share/mime" >/dev/null 2>&1
  cp "$scratch/demo/demo.onebook" "$scratch/renamed.db"
  for f in "$scratch/demo/demo.onebook" "$scratch/renamed.db"; do
    t=$(XDG_DATA_HOME="$scratch/share" XDG_DATA_DIRS="$scratch/share" mimetype -b "$f")
    [ "$t" = application/x-onebook ] || fail "$f is $t, not application/x-onebook"
  done
fi
if [ -x "$root/usr/bin/onebook" ]; then "$root/usr/bin/onebook" --version | grep -q "^onebook " || fail "onebook --version"; fi

dpkg --root="$root" --force-not-root --log=/dev/null -P onebook >>dpkg.log 2>&1 || { cat dpkg.log; fail "dpkg -P"; }
find "$root" -not -path "$root/var/lib/dpkg/*" | sort >after
grep -v "^$root/var/lib/dpkg/" before >before.files || true
diff before.files after >leftover || { cat leftover; fail "purging left files behind"; }
echo "installed, ran the demo, purged: nothing left"
