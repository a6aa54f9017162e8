import { describe, expect, it } from 'vitest';
import { useTestProvider } from '../../test/test-provider.js';
import { SiteMisconfiguredError } from '../errors/site-misconfigured-error.js';
import { createProvider } from '../provider/create-provider.js';
import { defineSite } from '../sites/define-site.js';
import { SITE_TEMPLATES, type TemplateId } from '../sites/site-template.js';

const setup = useTestProvider();
const messages = [{ role: 'user' as const, content: 'hi' }];

/** What each template answers when the deployment's own model API key is refused. */
const REFUSED_KEY: Record<
  TemplateId,
  { status: number; headers: Record<string, string>; body: string }
> = {
  'gemini-pro-chat': {
    status: 500,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({
      error: {
        code: 'Error',
        message:
          '[GoogleGenerativeAI Error]: Error fetching from  [400 Bad Request] API key not valid. Please pass a valid API key.',
      },
    }),
  },
  'chatgpt-demo': {
    status: 401,
    headers: {},
    body: JSON.stringify({
      error: {
        message: 'Incorrect API key provided: sk-abc. You can find your API key at the dashboard.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    }),
  },
};

describe('a deployment whose own model API key is refused', () => {
  for (const template of Object.keys(REFUSED_KEY) as TemplateId[]) {
    it(`${template}: is a SiteMisconfiguredError that says so, and is not asked again`, async () => {
      const { status, headers, body } = REFUSED_KEY[template];
      setup.server.handle((_request, response) => response.writeHead(status, headers).end(body));
      setup.server.requests.length = 0;
      const definition = defineSite(SITE_TEMPLATES[template], {
        id: 'deployment',
        label: 'Deployment',
        url: 'https://deployment.invalid',
        lastKnownUp: true,
        defaultModel: 'default',
        models: ['default'],
      });
      const provider = createProvider(definition, {
        baseURL: setup.server.url,
        maxRetries: 2,
        retryDelay: 1,
      });
      const error = await provider.complete({ messages }).catch((caught: unknown) => caught);
      await provider.close();
      expect(SiteMisconfiguredError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status, isRetryable: false, body });
      expect((error as Error).message).toContain(
        "the site's own key to its model is refused (the deployment is misconfigured; only its owner can fix it)",
      );
      expect(setup.server.requests).toHaveLength(1);
    });
  }
});
