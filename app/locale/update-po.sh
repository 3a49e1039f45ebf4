#!/usr/bin/env bash
# Extracts every user-facing string (msgids are Simplified Chinese) from core, archive, app and
# plugins' code into onebook.pot, then merges it into each <lang>.po. Run after adding messages.
# Keywords: _("…") in the executables, OB_N("…") where core marks a key, and the first
# argument of core::Error(…), which is always a message key, and the first argument of the
# shell's fmt("…", params) helper; wtr_in_context("ctx", "…") where one Chinese word needs two
# translations (msgctxt).
#
#   update-po.sh --check [EXTRA.cpp…]   changes nothing: fails, naming each message, when a string of
#                                       the code has no translation in a language the program ships.
#                                       onebook-cli loads app/locale only; the shell loads both
#                                       app/locale and app/shell/locale (its own catalogue).
set -euo pipefail
cd "$(dirname "$0")/../.."

extract() { # OUT FILE… → a .pot of the strings in those files
  local out="$1"; shift
  xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=OB_N --keyword=Error:1 --keyword=wxTRANSLATE \
    --keyword=fmt:1 --keyword=wtr_in_context:1c,2 \
    --add-comments=TRANSLATORS: --no-wrap --sort-by-file --package-name=OneBook -o "$out" "$@"
}

if [ "${1:-}" = --check ]; then
  shift
  tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
  cli=$(find core archive app/cli app/common -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
  shell=$(find app/shell -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
  extract "$tmp/cli.pot" $cli "$@"
  extract "$tmp/shell.pot" $shell
  status=0
  for po in app/locale/*.po; do
    lang="$(basename "$po" .po)"
    # msgcmp: every msgid of the .pot needs a translation in the .po (an empty msgstr counts as missing).
    msgcmp "$po" "$tmp/cli.pot" >"$tmp/cli.out" 2>&1 || { status=1; echo "$lang: onebook-cli's strings without a translation in $po:"; }
    both="$tmp/both-$lang.po"
    if [ -f "app/shell/locale/$lang.po" ]; then msgcat --use-first "$po" "app/shell/locale/$lang.po" -o "$both"; else cp "$po" "$both"; fi
    msgcmp "$both" "$tmp/shell.pot" >"$tmp/shell.out" 2>&1 || { status=1; echo "$lang: the shell's strings without a translation:"; }
    for part in cli shell; do
      # name each message, not only its line in a temporary file
      { grep -o "$part.pot:[0-9]*: this message is used but not defined" "$tmp/$part.out" || true; } | cut -d: -f2 | while read -r line; do
        sed -n "$((line - 6)),$((line + 1))p" "$tmp/$part.pot" | grep -E '^(#: |msgctxt |msgid )' | tr '\n' ' '; echo
      done
    done
  done
  exit $status
fi

files=$(find core archive app -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
extract app/locale/onebook.pot $files
for po in app/locale/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" app/locale/onebook.pot
done
for po in app/locale/*.po; do
  printf '%s: ' "$po"; msgfmt --statistics -o /dev/null "$po"
done
