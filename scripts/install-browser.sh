#!/bin/sh
# Install what the browser tests and the pages need from Debian: a headless
# Chromium (driven by Playwright through executable_path; no browser download)
# and a CJK font so Chinese labels render. Skips when both are present.
# Runs with no input (CI=true, fresh clone, root); uses sudo when not root.
set -eu

have_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -q .
}

if [ -x /usr/bin/chromium ] && have_font; then
    echo "install-browser: chromium and a CJK font are already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)"
