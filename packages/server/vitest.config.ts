import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The shared-state tests start Debian's redis-server (`bash scripts/install-redis.sh`). Without it,
 * on a machine of one's own, they are left out with a note, so that `pnpm test` passes on a fresh
 * clone; CI (`CI` set) always runs them, and fails there if redis-server is missing.
 */
const NEEDS_REDIS = [
  'src/state/replicas.test.ts',
  'src/state/redis-faults.test.ts',
  'src/state/stored-responses.test.ts',
  'src/state/key-limits.test.ts',
  'src/state/redis-link.test.ts',
];
const inCi = !['', '0', 'false'].includes(process.env.CI ?? '');
const skipRedis = !inCi && !existsSync('/usr/bin/redis-server');
if (skipRedis) {
  console.warn(
    `Leaving out ${NEEDS_REDIS.length} shared-state test files: they need redis-server (bash scripts/install-redis.sh).`,
  );
}

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, ...(skipRedis ? NEEDS_REDIS : [])],
    // Each file runs an emulator and a server in its own process; on a busy two-core machine its first
    // requests can take seconds. The timeouts only catch a hang, so they are far longer than that.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
