#!/usr/bin/env bash
# Installs Node.js/npm (for axe-core and vnu-jar, pinned in package-lock.json) and a Java runtime
# (to run the Nu HTML Checker) from Debian, for the browser tests. Needs root (or sudo).
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
packages=()
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]} for the browser tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
fi
command -v npm >/dev/null && command -v java >/dev/null
