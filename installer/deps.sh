#!/usr/bin/env bash
# Installs the Debian 12 packages OneBook needs to build, test and run.
# Idempotent: asks dpkg first and calls apt-get only for what is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config gettext git
  # libraries (see STYLE.md for why each one)
  libwxgtk3.2-dev libpoco-dev libhpdf-dev libsqlite3-dev libboost-test-dev
  libharfbuzz-dev libfontconfig-dev
  # onebook-cli's parser (header-only), its man pages, and the Debian package's checks
  libcli11-dev help2man dpkg-dev fakeroot lintian desktop-file-utils appstream shared-mime-info xdg-utils
  libfile-mimeinfo-perl
  # fonts the boards and the shell use by default (TrueType; libharu cannot read CFF)
  fonts-wqy-zenhei fonts-arphic-uming fonts-dejavu-core
  # headless GUI tests, screenshots and PDF checks
  xvfb xauth x11-apps imagemagick poppler-utils qpdf
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
