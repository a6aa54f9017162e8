// A vitest setup file for the runtime legs of CI: fails every test file unless it really runs on the
// runtime named by FREECHAT_RUNTIME (`bun` or `deno`), so a leg cannot pass on Node by mistake.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by runtimes/run.sh, which does not go through turbo
const expected = process.env.FREECHAT_RUNTIME;
const actual = globalThis.Deno ? 'deno' : process.versions.bun ? 'bun' : 'node';
if (expected !== actual) {
  throw new Error(
    `expected to run on ${expected ?? '(FREECHAT_RUNTIME unset)'}, but this is ${actual}`,
  );
}
