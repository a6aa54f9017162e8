import { describe, expect, it, vi } from 'vitest';
import { testValidator } from '../../test/test-tools.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createToolArgumentsValidator } from './tool-arguments-validator.js';
import type { ToolDefinition } from './tool-definition.js';

/** How many schemas the library has compiled in this file. */
const compiled = vi.hoisted(() => ({ count: 0 }));

vi.mock('@cfworker/json-schema', async (importOriginal) => {
  const library = await importOriginal<typeof import('@cfworker/json-schema')>();
  class CountedValidator extends library.Validator {
    constructor(...args: ConstructorParameters<typeof library.Validator>) {
      super(...args);
      compiled.count++;
    }
  }
  return { ...library, Validator: CountedValidator };
});

/** A new copy of one tool, as each request parses its own; its one argument of type `type`. */
function lookupTool(type: string): ToolDefinition[] {
  return JSON.parse(
    JSON.stringify([
      {
        name: 'lookup',
        parameters: { type: 'object', properties: { cached: { type } }, required: ['cached'] },
      },
    ]),
  ) as ToolDefinition[];
}

describe('createToolArgumentsValidator', () => {
  it('passes arguments that match the schema, and a tool without parameters takes any object', async () => {
    const validator = await testValidator();
    expect(validator.validate('get_weather', { city: 'Paris', unit: 'celsius' })).toEqual([]);
    expect(validator.validate('get_time', {})).toEqual([]);
    expect(validator.has('search')).toBe(true);
    expect(validator.has('nope')).toBe(false);
  });

  it("says what is wrong with each argument, by its path, without the sub-schemas' wrappers", async () => {
    const validator = await testValidator();
    expect(validator.validate('search', { query: 1, filters: { recent: 'yes' } })).toEqual([
      'query: Instance type "number" is invalid. Expected "string".',
      'filters: Instance does not have required property "site".',
      'filters.recent: Instance type "string" is invalid. Expected "boolean".',
    ]);
    expect(validator.validate('get_weather', { city: 'Paris', extra: 1 })).toEqual([
      'Property "extra" does not match additional properties schema.',
    ]);
  });

  it('reports at most 8 problems for one call', async () => {
    const properties = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [`p${index}`, { type: 'string' }]),
    );
    const validator = await createToolArgumentsValidator([
      {
        name: 'many',
        parameters: { type: 'object', properties, required: Object.keys(properties) },
      },
    ]);
    expect(validator.validate('many', {})).toHaveLength(8);
  });

  it('reads the draft a schema names: draft-04’s boolean exclusiveMinimum', async () => {
    const validator = await createToolArgumentsValidator([
      {
        name: 'count',
        parameters: {
          $schema: 'http://json-schema.org/draft-04/schema#',
          type: 'object',
          properties: { n: { type: 'number', minimum: 5, exclusiveMinimum: true } },
        },
      },
    ]);
    expect(validator.validate('count', { n: 6 })).toEqual([]);
    expect(validator.validate('count', { n: 5 })).toHaveLength(1);
  });

  it('refuses a schema it cannot compile with an InvalidRequestError naming the tool', async () => {
    const creating = createToolArgumentsValidator(
      [{ name: 'a' }, { name: 'b', parameters: { $ref: '#/$defs/missing' } }],
      'mysite',
    );
    await expect(creating).rejects.toSatisfy((error: unknown) =>
      InvalidRequestError.isInstance(error),
    );
    await expect(creating).rejects.toMatchObject({
      provider: 'mysite',
      field: 'tools[1].parameters',
    });
  });

  it('compiles a schema once: later requests with the same schema text reuse it', async () => {
    const before = compiled.count;
    const first = await createToolArgumentsValidator(lookupTool('string'));
    const second = await createToolArgumentsValidator(lookupTool('string'));
    expect(compiled.count - before).toBe(1);
    expect(first.validate('lookup', { cached: 'yes' })).toEqual([]);
    expect(second.validate('lookup', { cached: 1 })).toEqual([
      'cached: Instance type "number" is invalid. Expected "string".',
    ]);
  });

  it('never confuses two schemas of a tool of the same name', async () => {
    const strings = await createToolArgumentsValidator(lookupTool('string'));
    const numbers = await createToolArgumentsValidator(lookupTool('number'));
    expect(strings.validate('lookup', { cached: 'x' })).toEqual([]);
    expect(numbers.validate('lookup', { cached: 'x' })).toEqual([
      'cached: Instance type "string" is invalid. Expected "number".',
    ]);
    expect(numbers.validate('lookup', { cached: 1 })).toEqual([]);
  });

  it('checks with the schema as it was when compiled, whatever becomes of the object later', async () => {
    const tools = lookupTool('boolean');
    const validator = await createToolArgumentsValidator(tools);
    (tools[0]!.parameters!.properties as Record<string, unknown>).cached = { type: 'string' };
    expect(validator.validate('lookup', { cached: true })).toEqual([]);
    const again = await createToolArgumentsValidator(lookupTool('boolean'));
    expect(again.validate('lookup', { cached: true })).toEqual([]);
  });
});
