#!/usr/bin/env bash
# Extracts every user-facing string (msgids are Simplified Chinese) from the code into a .pot per
# program and merges each into that program's catalogues: onebook-cli's strings (core, archive,
# app/cli, app/common) into app/locale/onebook.pot and app/locale/<lang>.po; the
# shell's own strings, those onebook-cli's catalogue does not already hold, into
# app/shell/locale/<lang>.po. Run after adding messages.
# Keywords: _("…") in the executables, OB_N("…") where core marks a key, and the first
# argument of core::Error(…), which is always a message key, and the first argument of the
# shell's fmt("…", params) helper; wtr_in_context("ctx", "…") where one Chinese word needs two
# translations (msgctxt).
#
#   update-po.sh --check [EXTRA.cpp…]   changes nothing: fails, naming each message, when a string of
#                                       the code has no translation in a language the program ships.
#                                       onebook-cli loads app/locale only; the shell loads both
#                                       app/locale and app/shell/locale (its own catalogue).
#                                       The missing messages are worked out here (msgmerge of the
#                                       catalogue into the .pot, then msgattrib --untranslated), not
#                                       read from msgcmp's wording.
set -euo pipefail
cd "$(dirname "$0")/../.."

extract() { # OUT FILE… → a .pot of the strings in those files
  local out="$1"; shift
  xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=OB_N --keyword=Error:1 --keyword=wxTRANSLATE \
    --keyword=fmt:1 --keyword=wtr_in_context:1c,2 \
    --add-comments=TRANSLATORS: --no-wrap --sort-by-file --package-name=OneBook -o "$out" "$@"
}

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# Each program's sources: onebook-cli loads app/locale only, the shell app/locale and its own.
cli=$(find core archive app/cli app/common -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
shell=$(find app/shell -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)

if [ "${1:-}" = --check ]; then
  shift
  extract "$tmp/cli.pot" $cli "$@"
  extract "$tmp/shell.pot" $shell
  status=0
  for po in app/locale/*.po; do
    lang="$(basename "$po" .po)"
    both="$tmp/both-$lang.po"
    if [ -f "app/shell/locale/$lang.po" ]; then msgcat --use-first "$po" "app/shell/locale/$lang.po" -o "$both"; else cp "$po" "$both"; fi
    for part in cli shell; do
      if [ "$part" = cli ]; then catalogue="$po"; else catalogue="$both"; fi
      # The .pot's messages with the catalogue's translations, exactly matched; a fuzzy translation
      # is not used at run time, so it is emptied: what is left untranslated is missing.
      msgmerge --quiet --no-fuzzy-matching --no-wrap "$catalogue" "$tmp/$part.pot" -o "$tmp/$part-merged.po"
      msgattrib --clear-fuzzy --empty --no-wrap "$tmp/$part-merged.po" -o "$tmp/$part-cleared.po"
      : >"$tmp/$part-missing.po" # msgattrib writes no file when nothing is left
      msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$part-cleared.po" -o "$tmp/$part-missing.po"
      # One line a message: where it is used, its context and its text.
      awk 'BEGIN { RS = ""; FS = "\n" }
        { line = ""; text = 0
          for (i = 1; i <= NF; i++) {
            if ($i ~ /^(#: |msgctxt |msgid )/) { line = line $i " "; text = $i !~ /^#: / }
            else if ($i ~ /^"/ && text) line = line $i " "
            else text = 0
          }
          if (line ~ /msgid "[^"]/ || line ~ /msgid "" "/) print line }' "$tmp/$part-missing.po" >"$tmp/$part.missing"
      if [ -s "$tmp/$part.missing" ]; then
        status=1
        if [ "$part" = cli ]; then echo "$lang: onebook-cli's strings without a translation in $po:"; else echo "$lang: the shell's strings without a translation:"; fi
        cat "$tmp/$part.missing"
      fi
    done
  done
  exit $status
fi

extract app/locale/onebook.pot $cli
extract "$tmp/shell-all.pot" $shell
# The shell's own strings: those of its code that onebook-cli's catalogue does not hold already.
msgcomm --more-than=1 --no-wrap -o "$tmp/shared.pot" "$tmp/shell-all.pot" app/locale/onebook.pot
if [ -f "$tmp/shared.pot" ]; then
  msgcat --unique --no-wrap -o "$tmp/shell.pot" "$tmp/shell-all.pot" "$tmp/shared.pot"
else
  cp "$tmp/shell-all.pot" "$tmp/shell.pot"
fi
for po in app/locale/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" app/locale/onebook.pot
done
for po in app/shell/locale/*.po; do
  # A string that moved from one catalogue to the other keeps its translation (compendium).
  lang="$(basename "$po" .po)"
  msgmerge --quiet --no-fuzzy-matching --no-wrap --compendium="app/locale/$lang.po" -o "$tmp/merged.po" "$po" "$tmp/shell.pot"
  cp "$tmp/merged.po" "$po"
done
for po in app/locale/*.po app/shell/locale/*.po; do
  printf '%s: ' "$po"; msgfmt --statistics -o /dev/null "$po"
done
