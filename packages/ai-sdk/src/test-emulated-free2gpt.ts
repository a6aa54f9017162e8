import { type Emulator, startEmulator } from '@freechat/emulator';
import { createFree2GPT } from '@freechat/free2gpt';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A Free2GPT client, as `createFree2GPT` makes it. */
export type Free2GPTClient = ReturnType<typeof createFree2GPT>;

/**
 * Before the test file's tests: silences the AI SDK's warnings, starts an emulator and a Free2GPT client
 * of it (1 ms between retries), and hands both to `use`. Before each test the emulator forgets its
 * scenarios and log; after the tests both are closed.
 */
export function useEmulatedFree2GPT(
  use: (setup: { emulator: Emulator; free2gpt: Free2GPTClient }) => void,
): void {
  let emulator: Emulator | undefined;
  let free2gpt: Free2GPTClient | undefined;
  beforeAll(async () => {
    globalThis.AI_SDK_LOG_WARNINGS = false;
    emulator = await startEmulator();
    free2gpt = createFree2GPT({ baseURL: emulator.sites.free2gpt, retryDelay: 1 });
    use({ emulator, free2gpt });
  });
  afterAll(async () => {
    await free2gpt?.close();
    await emulator?.close();
  });
  beforeEach(() => {
    emulator?.reset();
  });
}
