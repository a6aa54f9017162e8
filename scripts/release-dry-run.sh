#!/usr/bin/env bash
# Release dry run: in a scratch clone, on a scratch branch, replace the pending changesets with one that
# bumps a single provider, run `changeset version`, and check that only that provider (and the packages
# that depend on it) changed version: the other providers and core keep theirs.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
bumped=${1:-freegpt}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

git clone --quiet "$root" "$scratch/repo"
cd "$scratch/repo"
git checkout --quiet -b release-dry-run
ln -s "$root/node_modules" node_modules

versions() {
  for manifest in packages/*/package.json; do
    node -e 'const p = require(process.argv[1]); console.log(`${p.name} ${p.version}`)' "$PWD/$manifest"
  done
}
before=$(versions)

find .changeset -name '*.md' ! -name 'README.md' -delete
printf -- '---\n"@freechat/%s": patch\n---\n\nDry run.\n' "$bumped" > .changeset/dry-run.md
node_modules/.bin/changeset version > /dev/null
after=$(versions)

echo "release dry run: a patch changeset for @freechat/$bumped"
diff <(echo "$before") <(echo "$after") | sed -n "s/^> /  now /p" || true
changed=$( (diff <(echo "$before") <(echo "$after") || true) | sed -n 's/^> \(@freechat\/[a-z0-9-]*\) .*/\1/p')
echo "$changed" | grep -qx "@freechat/$bumped" || { echo "@freechat/$bumped was not bumped"; exit 1; }
for name in core free2gpt aichatfree gprochat freegpt site emulator; do
  [ "$name" = "$bumped" ] && continue
  if echo "$changed" | grep -qx "@freechat/$name"; then
    echo "@freechat/$name changed version, but only @freechat/$bumped was bumped"; exit 1
  fi
done
test -f "packages/$bumped/CHANGELOG.md" || { echo "no CHANGELOG.md for @freechat/$bumped"; exit 1; }
echo "release dry run: ok (core, the emulator and the other providers kept their versions)"
