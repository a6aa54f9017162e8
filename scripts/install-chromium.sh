#!/usr/bin/env bash
# Installs Debian's Chromium for the web chat page's end-to-end test (packages/server/src/web/
# web-page-chromium.test.ts, driven by playwright-core at /usr/bin/chromium). Never
# `npx playwright install`: the browser comes from apt, like the rest of the machine.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version
  exit 0
fi
sudo=''
[ "$(id -u)" -ne 0 ] && sudo='sudo'
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
