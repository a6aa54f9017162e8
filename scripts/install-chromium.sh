#!/usr/bin/env bash
# Installs Debian's Chromium for the web chat page's end-to-end test (packages/server/src/web/
# web-page-chromium.test.ts, driven by playwright-core at /usr/bin/chromium). Never
# `npx playwright install`: the browser comes from apt, like the rest of the machine.
#
# Every start of Debian's /usr/bin/chromium may print "/usr/bin/chromium: 9: [: <number>: unexpected
# operator". It comes from /etc/chromium.d/dev-shm, which compares `findmnt -o avail -T /dev/shm` to
# 3.8 GB: where /dev/shm is mounted twice (as on this machine), findmnt prints two lines, the test fails
# to parse and the launcher only skips adding --disable-dev-shm-usage. Harmless while /dev/shm has room
# (24 GB here).
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
