import type { Message } from '@freechat/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postGenerate, signedBody, TEST_NOW } from '../../test/test-client.js';
import { type Emulator, startEmulator } from '../start-emulator.js';

const HELLO: Message[] = [{ role: 'user', content: 'Is the clock right?' }];

let emulator: Emulator;
let clockBroken = false;

beforeAll(async () => {
  emulator = await startEmulator({
    strict: true,
    now: () => {
      if (clockBroken) throw new Error('the clock broke');
      return TEST_NOW;
    },
  });
});

afterAll(async () => {
  await emulator.close();
});

describe("the emulator's own errors", () => {
  it('are logged with verdict error and the reason, written to stderr, and end the connection', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    clockBroken = true;
    try {
      const logged = emulator.nextRequest();
      const reply = postGenerate(emulator.sites.free2gpt, signedBody('free2gpt', HELLO));
      await expect(reply).rejects.toThrow();
      const entry = await logged;
      await entry.closed;
      expect(entry).toMatchObject({
        verdict: 'error',
        reason: 'Emulator error: the clock broke',
        status: undefined,
        clientClosed: false,
      });
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toContain(
        `request ${entry.id} (POST /free2gpt/api/generate)`,
      );
      expect(stderr.mock.calls[0]![1]).toMatchObject({ message: 'the clock broke' });
    } finally {
      clockBroken = false;
      stderr.mockRestore();
    }
    const healthy = await postGenerate(emulator.sites.free2gpt, signedBody('free2gpt', HELLO));
    expect(healthy.status).toBe(200);
  });
});
