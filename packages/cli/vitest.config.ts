import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests spawn the built CLI; on a busy two-core machine one Node start can take seconds. The
    // timeouts only catch a hang, so they are far longer than any test takes on any load.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
