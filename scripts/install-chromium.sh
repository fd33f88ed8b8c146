#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests. Needs root (or sudo).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing Debian's chromium for the browser tests..."
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
