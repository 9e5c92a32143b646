#!/usr/bin/env bash
# Debian packages the test suite needs: chromium for the browser tests (Playwright drives
# Debian's build, never a downloaded browser), espeak-ng and opus-tools for the read-aloud
# audio tests. Installs only what is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v opusenc >/dev/null || missing+=(opus-tools)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages for the tests: ${missing[*]}..."
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing and cannot be installed (not root, no sudo): apt-get install ${missing[*]}" >&2
  exit 1
fi
