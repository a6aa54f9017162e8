import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // leaks.test.ts checks that abandoned streams are garbage-collected; server-hang-ups.test.ts
    // measures the heap after full collections.
    execArgv: ['--expose-gc'],
    // Each file has its own emulator and server on loopback. Three workers on two cores: the three
    // light files spend most of their time waiting on timers (retry backoff, timeouts), so they overlap
    // the two CPU-heavy ones (leaks, server-load) without starving them; every bound is generous.
    maxWorkers: 3,
    // Every request and stream is bounded on its own (settleWithin); this only catches the rest.
    testTimeout: 30_000,
    fileParallelism: true,
  },
});
