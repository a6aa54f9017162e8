import type { Emulator, EmulatorRequest } from '@freechat/emulator';
import { startEmulator } from '@freechat/emulator';
import { afterAll, beforeAll } from 'vitest';
import { killRunning } from './test-cli-process.js';

/**
 * Starts an emulator before the test file's tests and hands it to `use`; after them, stops every CLI
 * still running, then the emulator.
 */
export function useEmulator(use: (emulator: Emulator) => void): void {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    use(emulator);
  });
  afterAll(async () => {
    killRunning();
    await emulator?.close();
  });
}

/** The emulator's logged requests that went to one of `baseURLs`. */
export function requestsTo(emulator: Emulator, ...baseURLs: string[]): EmulatorRequest[] {
  return emulator.requests.filter((request) => baseURLs.includes(request.baseURL ?? ''));
}
