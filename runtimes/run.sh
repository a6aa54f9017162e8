#!/usr/bin/env bash
# A runtime leg of CI: runs freechat's packages (built by `pnpm build`) on Bun or Deno, each taken from
# its npm package. Usage: bash runtimes/run.sh bun|deno
#   1. the provider conformance suite of all four providers (vitest, on the runtime),
#   2. the server's chat tests, which drive it with the official `openai` client (vitest, on the runtime),
#   3. the CLI: `freechat chat --emulator`, with the smallest permissions it needs on Deno.
# Every vitest file first checks that it really runs on the runtime (runtimes/expect-runtime.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=${1:?usage: runtimes/run.sh bun|deno}
root=$PWD

case "$runtime" in
  bun)
    bin_dir=$(dirname "$(npx -y -p bun@1.4 which bun | tail -n 1)")
    "$bin_dir/bun" --version
    # --bun: vitest and its forked workers run on Bun, not on the node that its shebang names.
    vitest=("$bin_dir/bun" --bun ./node_modules/vitest/vitest.mjs)
    freechat=("$bin_dir/bun" "$root/packages/cli/bin/freechat.js")
    ;;
  deno)
    bin_dir=$(dirname "$(npx -y -p deno@2.9 which deno | tail -n 1)")
    "$bin_dir/deno" --version
    # vitest itself needs every permission on Deno (it forks workers, loads rolldown's native binding
    # and probes /proc for WSL); freechat's own code needs only the ones below: --allow-read for its
    # packages, --allow-env for the settings undici reads, --allow-net for the emulator on loopback.
    vitest=("$bin_dir/deno" run --allow-all ./node_modules/vitest/vitest.mjs)
    freechat=("$bin_dir/deno" run --no-prompt --allow-read --allow-env --allow-net=127.0.0.1
      "$root/packages/cli/bin/freechat.js")
    ;;
  *)
    echo "unknown runtime: $runtime (expected bun or deno)" >&2
    exit 2
    ;;
esac
export FREECHAT_RUNTIME=$runtime

run_vitest() { # package folder, test files…
  local folder=$1
  shift
  (cd "$root/packages/$folder" && "${vitest[@]}" run --config "$root/runtimes/vitest.config.mjs" "$@")
}

for provider in free2gpt aichatfree gprochat freegpt; do
  run_vitest "$provider" "src/$provider-conformance.test.ts"
done
run_vitest server src/chat/chat.test.ts

question="Hello from $runtime"
reply=$("${freechat[@]}" chat --emulator "$question")
printf '%s\n' "$reply"
if [[ $reply != *"You said: \"$question\""* ]]; then
  echo "freechat chat --emulator on $runtime: unexpected reply" >&2
  exit 1
fi
echo "$runtime: conformance (4 providers), server with the openai client, and the CLI passed"
