import { describe, expect, it } from 'vitest';
import { testValidator } from '../../test/test-tools.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createToolArgumentsValidator } from './tool-arguments-validator.js';

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
});
