import { Ajv } from 'ajv';
import { expect } from 'vitest';
import { EVENT_SCHEMAS, openaiResponsesSpec } from './test-openai-responses-schema.js';

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(openaiResponsesSpec);

/** Asserts that `value` satisfies the component `name` of OpenAI's spec (see the fixture). */
export function expectValid(name: string, value: unknown): void {
  const validate = ajv.getSchema(`${openaiResponsesSpec.$id}#/components/schemas/${name}`);
  if (validate === undefined) throw new Error(`no component ${name} in the fixture`);
  const valid = validate(value);
  expect(valid ? [] : validate.errors, `${name}: ${JSON.stringify(value)}`).toEqual([]);
}

/** One server-sent event of a Responses stream: its `event:` name and its parsed `data:`. */
export interface ResponsesEvent {
  event: string;
  data: { type: string; sequence_number: number } & Record<string, unknown>;
}

/**
 * Parses a raw Responses event stream and checks its framing and OpenAI's schema on each event: every
 * event is `event: <type>` then `data: <JSON>`, its type is the `event:` name, its component schema
 * passes, and the sequence numbers count 0, 1, 2, … in order.
 */
export function parseResponsesStream(body: string): ResponsesEvent[] {
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
      const data = JSON.parse(dataLine!.slice('data: '.length)) as ResponsesEvent['data'];
      expect(data.type).toBe(event);
      const schema = EVENT_SCHEMAS[event];
      expect(schema, `unexpected event ${event}`).toBeDefined();
      expectValid(schema!, data);
      return { event, data };
    });
  expect(events.map((event) => event.data.sequence_number)).toEqual(
    events.map((_, index) => index),
  );
  return events;
}
