import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { anthropicMessagesSchema, EVENT_SCHEMAS } from './test-anthropic-messages-schema.js';

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(anthropicMessagesSchema);

/** Asserts that `value` satisfies the definition `name` of the fixture (the SDK's interface of that name). */
export function expectAnthropicValid(name: string, value: unknown): void {
  const validate = ajv.getSchema(`${anthropicMessagesSchema.$id}#/definitions/${name}`);
  if (validate === undefined) throw new Error(`no definition ${name} in the fixture`);
  const valid = validate(value);
  expect(valid ? [] : validate.errors, `${name}: ${JSON.stringify(value)}`).toEqual([]);
}

/** One server-sent event of a message stream: its `event:` name and its parsed `data:`. */
export interface MessageStreamEvent {
  event: string;
  data: { type: string } & Record<string, unknown>;
}

/**
 * Parses a raw message event stream and checks it against Anthropic's: every event is `event:
 * <name>` then `data: <JSON>`, its `type` is the name, its schema passes; the stream is
 * `message_start`, then each block's `content_block_start`, deltas and `content_block_stop` with
 * indexes 0, 1, 2, … (a delta of the block's own kind), then `message_delta` and `message_stop`; or
 * it ends with an `error` event anywhere after `message_start`. `ping` events may come anywhere
 * after `message_start`.
 */
export function parseMessageStream(body: string): MessageStreamEvent[] {
  expect(body.endsWith('\n\n')).toBe(true);
  const events = body
    .slice(0, -2)
    .split('\n\n')
    .map((block) => {
      const [eventLine, dataLine, ...rest] = block.split('\n');
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: /);
      expect(dataLine).toMatch(/^data: /);
      const event = eventLine!.slice('event: '.length);
      const data = JSON.parse(dataLine!.slice('data: '.length)) as MessageStreamEvent['data'];
      expect(data.type).toBe(event);
      const schema = EVENT_SCHEMAS[event];
      expect(schema, `unexpected event ${event}`).toBeDefined();
      expectAnthropicValid(schema!, data);
      return { event, data };
    });
  expectEventOrder(events.filter((event) => event.event !== 'ping'));
  return events;
}

function expectEventOrder(events: readonly MessageStreamEvent[]): void {
  const names = events.map((event) => event.event);
  expect(names[0]).toBe('message_start');
  const last = names.length - 1;
  const failed = names[last] === 'error';
  if (!failed) expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
  const blocks = events.slice(1, failed ? last : -2);
  let index = -1;
  let kind: string | undefined;
  for (const { event, data } of blocks) {
    if (event === 'content_block_start') {
      expect(kind, 'a block starts while another is open').toBeUndefined();
      expect(data.index).toBe(++index);
      kind = (data.content_block as { type: string }).type;
      continue;
    }
    expect(kind, `${event} outside a block`).toBeDefined();
    expect(data.index).toBe(index);
    if (event === 'content_block_stop') kind = undefined;
    else {
      expect(event).toBe('content_block_delta');
      const delta = (data.delta as { type: string }).type;
      expect(delta).toBe(kind === 'text' ? 'text_delta' : 'input_json_delta');
    }
  }
  if (!failed) expect(kind, 'the last block is never stopped').toBeUndefined();
}

/** A response body as the checking fetch saw it. */
export interface SeenResponse {
  url: string;
  status: number;
  body: string;
}

/**
 * A `fetch` for the official client that checks every response the client reads against Anthropic's
 * shapes (`checkResponse`) once it is whole, and `settled()`, which resolves once every check so far
 * has run and rejects with the first failure.
 */
export function checkingFetch(): { fetch: typeof fetch; settled(): Promise<SeenResponse[]> } {
  let checks: Promise<SeenResponse | undefined>[] = [];
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      const copy = response.clone();
      checks.push(
        copy.text().then(
          (body) => {
            const seen = { url, status: response.status, body };
            checkResponse(seen, response.headers.get('content-type') ?? '');
            return seen;
          },
          // A response the client itself abandoned has nothing whole to check.
          () => undefined,
        ),
      );
      return response;
    },
    async settled() {
      const pending = checks;
      checks = [];
      const seen = await Promise.all(pending);
      return seen.filter((response): response is SeenResponse => response !== undefined);
    },
  };
}

/**
 * Checks one response of the Messages routes: an error body against `ErrorResponse`, an event
 * stream with {@link parseMessageStream}, a token count against `MessageTokensCount`, a message
 * against `Message`.
 */
export function checkResponse(response: SeenResponse, contentType: string): void {
  if (contentType.startsWith('text/event-stream')) {
    expect(response.status).toBe(200);
    parseMessageStream(response.body);
    return;
  }
  const body = JSON.parse(response.body) as unknown;
  if (response.status >= 400) expectAnthropicValid('ErrorResponse', body);
  else if (new URL(response.url).pathname.endsWith('/count_tokens')) {
    expectAnthropicValid('MessageTokensCount', body);
  } else expectAnthropicValid('Message', body);
}
