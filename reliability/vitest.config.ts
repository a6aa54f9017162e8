import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // leaks.test.ts checks that abandoned streams are garbage-collected; server-load.test.ts samples
    // the heap after a collection.
    execArgv: ['--expose-gc'],
  },
});
