#!/usr/bin/env bash
# Checks every published package as npm will see it: publint --strict and are-the-types-wrong (ESM-only
# profile). Run after `pnpm build`.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
for manifest in "$root"/packages/*/package.json; do
  directory=$(dirname "$manifest")
  [ "$(node -p 'require(process.argv[1]).private === true' "$manifest")" = true ] && continue
  name=$(node -p 'require(process.argv[1]).name' "$manifest")
  echo "--- $name"
  (cd "$directory" && "$root/node_modules/.bin/publint" --strict --pack pnpm)
  (cd "$directory" && "$root/node_modules/.bin/attw" --pack . --profile esm-only --format ascii --quiet)
done
