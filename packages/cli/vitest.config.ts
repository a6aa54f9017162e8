import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The tests spawn the built CLI; on a busy two-core machine one Node start can take a second.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
