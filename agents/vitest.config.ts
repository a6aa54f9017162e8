import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each file starts its own freechat serve; a coding agent is a process of its own that takes
    // seconds to start (opencode ~10 s). Two files at a time on two cores.
    maxWorkers: 2,
    fileParallelism: true,
    // Every agent run is bounded on its own (150 s); this only catches the rest.
    testTimeout: 180_000,
    hookTimeout: 30_000,
  },
});
