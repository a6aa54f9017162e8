// The vitest config of the runtime legs (`runtimes/run.sh`): a package's own tests, run from the
// package's folder (`--root`), with one setup file that checks the runtime first.
export default {
  test: {
    setupFiles: [new URL('./expect-runtime.mjs', import.meta.url).pathname],
  },
};
