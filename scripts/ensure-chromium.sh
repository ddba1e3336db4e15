#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installs it with apt-get when it is missing and we may (root, or passwordless sudo).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
packages=(chromium fonts-dejavu-core fonts-liberation)
if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "Chromium is missing at $browser. Install it (apt-get install ${packages[*]}) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing ${packages[*]} with apt-get…" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
