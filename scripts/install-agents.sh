#!/usr/bin/env bash
# Installs the coding agents the agents suite runs (agents/src/{claude-code,codex,opencode}.test.ts)
# into a cache folder, FREECHAT_AGENTS_DIR or ~/.cache/freechat-agents. They are not workspace
# dependencies: together they weigh ~1 GB, which every `pnpm install` would otherwise fetch. Without
# them the suite skips those tests with a note (in CI, where CI is set, it fails instead).
# The versions are the ones the suite was last run against; raise them here, then run it.
set -euo pipefail
dir="${FREECHAT_AGENTS_DIR:-$HOME/.cache/freechat-agents}"
packages=(
  "@anthropic-ai/claude-code@2.1.197"
  "@openai/codex@0.171.0"
  "opencode-ai@1.18.33"
)

# Prints "name@version" for each package installed in $dir.
installed() {
  for spec in "${packages[@]}"; do
    name="${spec%@*}"
    manifest="$dir/node_modules/$name/package.json"
    [ -f "$manifest" ] && printf '%s@%s\n' "$name" "$(node -p "require('$manifest').version")"
  done
}

if [ "$(installed)" = "$(printf '%s\n' "${packages[@]}")" ]; then
  echo "coding agents already installed in $dir: ${packages[*]}"
  exit 0
fi
mkdir -p "$dir"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${packages[@]}"
echo "coding agents installed in $dir: $(installed | tr '\n' ' ')"
