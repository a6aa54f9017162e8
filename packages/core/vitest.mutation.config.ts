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
      'src/policy/retry-policy.test.ts',
      'src/policy/fallback.test.ts',
      'src/policy/fallback-capabilities.test.ts',
      'src/policy/fallback-errors.test.ts',
      'src/reply/quota-reply.test.ts',
      'src/reply/quota-text-mid-reply.test.ts',
      'src/sites/signature.test.ts',
      'src/sites/request-body.test.ts',
      'src/reply/failure-tail-guard.test.ts',
      'src/transport/decoding.test.ts',
      'src/transport/compressed-reply.test.ts',
      'src/transport/connection-reset.test.ts',
      'src/transport/timeouts.test.ts',
      'src/transport/cancellation.test.ts',
      'src/transport/response-reader.test.ts',
      'src/reply/reply-bound.test.ts',
      'src/reply/reply-errors-shown.test.ts',
      'src/transport/idle-timer.test.ts',
      'src/transport/request-closing.test.ts',
      'src/transport/response-start.test.ts',
      'src/reply/large-reply.test.ts',
      'src/transport/utf8-stream-decoder.test.ts',
      'src/transport/shared-signal.test.ts',
    ],
  },
});
