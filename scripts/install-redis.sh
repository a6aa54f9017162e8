#!/usr/bin/env bash
# Installs Debian's redis-server for the tests of the server's shared state (packages/server/src/state/,
# started per test file by packages/server/test/test-redis.ts on a free port, without persistence).
# The server itself needs no Redis: its state is in process unless `redis` is set.
set -euo pipefail
if [ -x /usr/bin/redis-server ]; then
  /usr/bin/redis-server --version
  exit 0
fi
sudo=''
[ "$(id -u)" -ne 0 ] && sudo='sudo'
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends redis-server
/usr/bin/redis-server --version
