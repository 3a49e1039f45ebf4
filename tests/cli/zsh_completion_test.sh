#!/usr/bin/env bash
# The zsh completion `onebook-cli completion zsh` prints, loaded the way zsh loads the installed
# copy (/usr/share/zsh/vendor-completions/_onebook-cli): from $fpath by compinit, in a clean zsh
# (-f: no user configuration). compadd and _files only work inside a live completion, so they are
# replaced by functions that print what they were given; the completion's own logic runs for real.
#   zsh_completion_test.sh ONEBOOK_CLI
set -euo pipefail
cli=$1
if ! command -v zsh >/dev/null; then
  echo "zsh is not installed (apt-get install zsh; installer/deps.sh lists it)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ONEBOOK_LANG=en "$cli" completion zsh >"$work/_onebook-cli"
fail() { echo "FAIL: $*" >&2; exit 1; }

zsh -n "$work/_onebook-cli" || fail "the script does not parse"
head -1 "$work/_onebook-cli" | grep -qx '#compdef onebook-cli' || fail "no #compdef line"

cat >"$work/drive.zsh" <<ZSH
fpath=("$work" \$fpath)
autoload -U compinit && compinit -u -d "$work/zcompdump"
print -r -- "registered: \$_comps[onebook-cli]"
# Only what compsys itself would provide; everything else is the completion's own code.
# Both check that the completion left the command search path alone (zsh ties \$path to it).
saved_path=\$PATH
compadd() { [[ \$1 == -- ]] && shift; print -r -- "matches: \$*"; [[ \$PATH == \$saved_path ]] || print -r -- "PATH changed: \$PATH" }
_files() { print -r -- "files: \$*"; [[ \$PATH == \$saved_path ]] || print -r -- "PATH changed: \$PATH" }
autoload +X _onebook-cli 2>&1 || print -r -- "autoload failed"
complete() { print -r -- "--- \$*"; words=(onebook-cli "\$@"); CURRENT=\$#words; PREFIX=\${@[-1]}; _onebook-cli }
complete ""
complete mem
complete member ""
complete member list --
complete --archive ""
complete member list --format ""
complete --archive a.onebook rectify ""
[[ \$PATH == \$saved_path ]] || print -r -- "PATH changed: \$PATH"
ZSH
out=$(zsh -f "$work/drive.zsh" 2>&1) || fail "zsh failed: $out"
echo "$out"
expect() { grep -qF -- "$1" <<<"$out" || fail "expected '$1'"; }
expect "registered: _onebook-cli"
! grep -q "autoload failed\|PATH changed\|command not found\|parse error\|bad pattern" <<<"$out" || fail "errors above"
# The output after each '--- words' header: the matches offered for the last word.
section() { awk -v h="--- $1" '$0 == h {on = 1; next} /^--- / {on = 0} on' <<<"$out"; }
section "" | grep -q "^matches: .*\bmember\b.*\brectify\b" || fail "top level: commands"
section "mem" | grep -q "^matches: .*\bmember\b" || fail "mem: commands"
section "member " | grep -q "^matches: .*\blist\b.*\bimport\b" || fail "member: its subcommands"
section "member list --" | grep "^matches:" | grep -q -- "--format" && section "member list --" | grep -q -- "--out" || fail "member list: its options"
section "member list --" | grep -q -- "--add\b" && fail "member list: options of another command"
section "--archive " | grep -q "^files:" || fail "--archive: file names"
section "member list --format " | grep -qx "matches: table json csv xlsx" || fail "--format: its values"
section "--archive a.onebook rectify " | grep -q "^matches: .*\badd\b.*\bclose\b" || fail "rectify after a global option"
echo "zsh completion: ok"
