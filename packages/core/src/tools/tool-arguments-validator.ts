import type { OutputUnit, SchemaDraft, Validator } from '@cfworker/json-schema';
import { createOptionChecker } from '../settings/option-check.js';
import type { JsonSchema, ToolDefinition } from './tool-definition.js';

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
 * provider.
 */
export async function createToolArgumentsValidator(
  tools: readonly ToolDefinition[],
  owner = 'tools',
): Promise<ToolArgumentsValidator> {
  const { Validator } = await loadLibrary();
  const check = createOptionChecker(owner, 'request');
  const validators = new Map<string, Validator>();
  tools.forEach((tool, index) => {
    const schema = tool.parameters ?? { type: 'object' };
    try {
      const validator = new Validator(schema, draftOf(schema), false);
      validator.validate({});
      validators.set(tool.name, validator);
    } catch (error) {
      check.fail(`tools[${index}].parameters`, `cannot be compiled: ${(error as Error).message}`);
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
