import { afterAll, beforeAll } from 'vitest';
import { createProvider } from '../src/provider/create-provider.js';
import type { Provider } from '../src/provider/provider.js';
import type { ProviderSettings } from '../src/settings/provider-settings.js';
import { testDefinition } from './test-definition.js';
import { startTestServer, type TestServer } from './test-server.js';

/** A test file's server and the provider of `testDefinition` pointed at it. */
export interface TestSetup {
  server: TestServer;
  provider: Provider;
}

/**
 * Starts a test server and a provider of `testDefinition` on it (with `settings`) before the file's
 * tests, and closes both after them. Read `server` and `provider` inside the tests: they are set once
 * `beforeAll` has run.
 */
export function useTestProvider(settings: Omit<ProviderSettings, 'baseURL'> = {}): TestSetup {
  const setup = {} as TestSetup;
  beforeAll(async () => {
    setup.server = await startTestServer();
    setup.provider = createProvider(testDefinition, { ...settings, baseURL: setup.server.url });
  });
  afterAll(async () => {
    await setup.provider.close();
    await setup.server.close();
  });
  return setup;
}
