import type { OutputUnit, SchemaDraft, Validator } from '@cfworker/json-schema';
import { createOptionChecker } from '../settings/option-check.js';
import { CompiledSchemaCache } from './compiled-schema-cache.js';
import { type JsonSchema, schemaTextsOf, type ToolDefinition } from './tool-definition.js';

/** Checks a call's tool and arguments against the tools of one request. */
export interface ToolArgumentsValidator {
  /** The tools, in the request's order. */
  readonly tools: readonly ToolDefinition[];
  /** Whether a tool of that name is among them. */
  has(name: string): boolean;
  /**
   * What is wrong with these arguments for that tool, one line each (`city: Instance type "number"
   * is invalid. Expected "string".`); `[]` when they are valid. The tool must exist (`has`).
   */
  validate(name: string, args: Readonly<Record<string, unknown>>): string[];
}

/** The schema of a tool without parameters: any object. */
const NO_PARAMETERS = '{"type":"object"}';

/** The most problems reported for one call. */
const MAX_PROBLEMS = 8;

/** Keywords whose errors only say that a sub-schema failed; the sub-schema's own error says how. */
const WRAPPER_KEYWORDS = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  '$recursiveRef',
  'false',
]);

/**
 * The compiled argument schemas every request shares, by schema text: at most 256 schemas of at most
 * 16 Ki characters each (a longer one is compiled for each request).
 */
const compiledSchemas = new CompiledSchemaCache<Validator>(256, 16 * 1024);

let library: Promise<typeof import('@cfworker/json-schema')> | undefined;

/**
 * The JSON Schema validator (`@cfworker/json-schema`), imported on first use so that a program that
 * never sends tools never loads it.
 */
function loadLibrary(): Promise<typeof import('@cfworker/json-schema')> {
  library ??= import('@cfworker/json-schema');
  return library;
}

/**
 * Compiles the tools' argument schemas (tools must be checked already: `checkToolRequest`). A schema
 * that cannot be compiled is an InvalidRequestError naming `tools[i].parameters`, with `owner` as its
 * provider. A schema is compiled from its JSON text, and once per text: later requests with the same
 * schema reuse it.
 */
export async function createToolArgumentsValidator(
  tools: readonly ToolDefinition[],
  owner = 'tools',
): Promise<ToolArgumentsValidator> {
  return compileToolArguments(tools, schemaTextsOf(tools), owner);
}

/**
 * `createToolArgumentsValidator` with each tool's `parameters` already written as JSON text
 * (`undefined` for a tool without), in the tools' order.
 */
export async function compileToolArguments(
  tools: readonly ToolDefinition[],
  schemaTexts: readonly (string | undefined)[],
  owner: string,
): Promise<ToolArgumentsValidator> {
  const { Validator } = await loadLibrary();
  const compile = (text: string): Validator => {
    const schema = JSON.parse(text) as JsonSchema;
    const validator = new Validator(schema, draftOf(schema), false);
    // Some faults (a `$ref` to nowhere) only show when a schema is used.
    validator.validate({});
    return validator;
  };
  const validators = new Map<string, Validator>();
  tools.forEach((tool, index) => {
    try {
      validators.set(tool.name, compiledSchemas.get(schemaTexts[index] ?? NO_PARAMETERS, compile));
    } catch (error) {
      createOptionChecker(owner, 'request').fail(
        `tools[${index}].parameters`,
        `cannot be compiled: ${(error as Error).message}`,
      );
    }
  });
  return {
    tools,
    has: (name) => validators.has(name),
    validate(name, args) {
      const validator = validators.get(name)!;
      try {
        const { valid, errors } = validator.validate(args);
        return valid ? [] : describeErrors(errors);
      } catch (error) {
        return [`the schema cannot check them: ${(error as Error).message}`];
      }
    },
  };
}

/** The draft a schema names by its `$schema`; 2020-12 when it names none. */
function draftOf(schema: JsonSchema): SchemaDraft {
  const uri = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (uri.includes('draft-04')) return '4';
  if (uri.includes('draft-06') || uri.includes('draft-07')) return '7';
  if (uri.includes('2019-09')) return '2019-09';
  return '2020-12';
}

function describeErrors(errors: readonly OutputUnit[]): string[] {
  const leaves = errors.filter((error) => !WRAPPER_KEYWORDS.has(error.keyword));
  return (leaves.length > 0 ? leaves : errors).slice(0, MAX_PROBLEMS).map((error) => {
    const path = error.instanceLocation.replace(/^#\/?/, '').replaceAll('/', '.');
    return path === '' ? error.error : `${path}: ${error.error}`;
  });
}
