#!/usr/bin/env bash
# Extracts every user-facing string (msgids are Simplified Chinese) from core, archive, app and
# plugins' code into onebook.pot, then merges it into each <lang>.po. Run after adding messages.
# Keywords: _("…") in the executables, OB_N("…") where core marks a key, and the first
# argument of core::Error(…), which is always a message key, and the first argument of the
# shell's fmt("…", params) helper.
set -euo pipefail
cd "$(dirname "$0")/../.."
files=$(find core archive app -name '*.cpp' -o -name '*.hpp' | LC_ALL=C sort)
xgettext --from-code=UTF-8 --language=C++ --keyword=_ --keyword=OB_N --keyword=Error:1 --keyword=wxTRANSLATE --keyword=fmt:1 \
  --add-comments=TRANSLATORS: --no-wrap --sort-by-file --package-name=OneBook \
  -o app/locale/onebook.pot $files
for po in app/locale/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" app/locale/onebook.pot
done
for po in app/locale/*.po; do
  printf '%s: ' "$po"; msgfmt --statistics -o /dev/null "$po"
done
