#!/usr/bin/env bash
# Installs the Debian 12 packages OneBook needs to build, test and run.
# Idempotent: asks dpkg first and calls apt-get only for what is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config gettext git
  # the house style (.clang-format) applied and checked by tools/format.sh
  clang-format
  # libraries (see STYLE.md for why each one)
  libwxgtk3.2-dev libpoco-dev libhpdf-dev libsqlite3-dev libboost-test-dev
  libharfbuzz-dev libfontconfig-dev
  # the GTK print dialog that sends a generated PDF to the printer (gtk+-unix-print-3.0)
  libgtk-3-dev
  # xlsx export: the only maintained C writer of real spreadsheets (types, freeze panes, print set-up)
  libxlsxwriter-dev
  # the PDF streams' deflater: whole buffers at about a third of zlib's cost (libtiff's choice too)
  libdeflate-dev
  # Chinese collation (names in pinyin order): ICU is what every platform uses for it
  libicu-dev
  # wxWidgets' own catalogue: stock buttons and standard dialogs in Chinese
  wx3.2-i18n
  # Ed25519 signing of packages (a branch's identity); already pulled in by libpoco-dev
  libssl-dev
  # onebook-cli's parser (header-only), its man pages, and the Debian package's checks
  libcli11-dev help2man dpkg-dev fakeroot lintian desktop-file-utils appstream shared-mime-info xdg-utils
  libfile-mimeinfo-perl
  # the zsh completion test loads the generated completion in a real zsh
  zsh
  # fonts the boards and the shell use by default (TrueType; libharu cannot read CFF)
  fonts-wqy-zenhei fonts-arphic-uming fonts-dejavu-core
  # headless GUI tests, screenshots and PDF checks
  xvfb xauth x11-apps imagemagick poppler-utils qpdf
  # office interchange checks: workbooks and documents written by the programs offices use
  # (openpyxl, LibreOffice) and read back by independent readers (python-docx, LibreOffice → PDF)
  python3-openpyxl python3-docx libreoffice-calc-nogui libreoffice-writer-nogui
  # bench/startup_bench.py: a process's own peak memory (GNU time), apart from the Python that starts it
  time
  # reading exported spreadsheets back in tests (run with /usr/bin/python3)
  python3-openpyxl
  # looking at the shell as a user does: a real window manager and keyboard/mouse driving
  openbox xdotool
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "OneBook: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
