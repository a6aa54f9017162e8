import { defineConfig } from 'vitest/config';

/**
 * The tests StrykerJS (`pnpm mutation` at the root) runs against each mutant of core's policy files:
 * the ones that exercise them, without the slow 16 MiB (reply-bound-default.test.ts) and credential
 * property runs, and without failover.test.ts, whose 100 ms timeouts do not hold under a mutation run's
 * load (retry-policy.test.ts covers the policy itself).
 */
export default defineConfig({
  test: {
    include: [
      'src/retry-policy.test.ts',
      'src/fallback.test.ts',
      'src/fallback-capabilities.test.ts',
      'src/fallback-errors.test.ts',
      'src/quota-reply.test.ts',
      'src/quota-text-mid-reply.test.ts',
      'src/signature.test.ts',
      'src/request-body.test.ts',
      'src/failure-tail-guard.test.ts',
      'src/decoding.test.ts',
      'src/compressed-reply.test.ts',
      'src/connection-reset.test.ts',
      'src/timeouts.test.ts',
      'src/cancellation.test.ts',
      'src/response-reader.test.ts',
      'src/reply-bound.test.ts',
      'src/reply-errors-shown.test.ts',
      'src/idle-timer.test.ts',
      'src/request-closing.test.ts',
      'src/response-start.test.ts',
      'src/large-reply.test.ts',
      'src/utf8-stream-decoder.test.ts',
      'src/shared-signal.test.ts',
    ],
  },
});
