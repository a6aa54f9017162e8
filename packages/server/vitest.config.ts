import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file runs an emulator and a server in its own process; on a busy two-core machine its first
    // requests can take seconds. The timeouts only catch a hang, so they are far longer than that.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
